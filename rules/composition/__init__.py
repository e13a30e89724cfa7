"""How schedulers compose with the training loop: units, accumulation, several schedulers,
manual writes, schedulers rebuilt in the loop, lambdas made in a loop."""
