"""The training and inference loop: gradients, mixed precision, timing, grad mode."""
