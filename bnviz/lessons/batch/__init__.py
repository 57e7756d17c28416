"""Inside a batch: the three steps of batch normalization on one mini-batch, running
statistics, and descent on normalized batches."""
