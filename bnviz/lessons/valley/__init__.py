"""Valley vs bowl: the seed article's experiment, raw against standardized features."""
