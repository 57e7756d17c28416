"""The mathematics every lesson shares: pure numpy, no settings, no text, no plotting.

Data (two features, classification sets), the least-squares quadratic and its theory, descent
and optimizers, preprocessing (standardize, scale only, whiten), mini-batches, batch
normalization, dense layers and a small network with its training.
"""
