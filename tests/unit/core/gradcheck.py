"""Central finite differences, shared by the gradient checks of the layers and the network."""

import numpy as np


def numeric_grad(f, a, h=1e-5):
    """d f() / d a by central differences, perturbing ``a`` in place one entry at a time."""
    grad = np.zeros_like(a)
    for i in np.ndindex(a.shape):
        old = a[i]
        a[i] = old + h
        fp = f()
        a[i] = old - h
        fm = f()
        a[i] = old
        grad[i] = (fp - fm) / (2 * h)
    return grad
