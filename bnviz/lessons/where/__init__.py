"""Where normalization matters: the map of convergence, and the ladder of preprocessing."""
