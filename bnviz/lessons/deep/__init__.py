"""Deep networks: two networks, with and without batch normalization, trained live."""
