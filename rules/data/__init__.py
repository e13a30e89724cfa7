"""Data loading: samplers and loaders over the training set."""
