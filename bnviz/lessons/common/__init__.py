"""What several lessons share: the data settings, the data drawn from them, run outcomes."""
