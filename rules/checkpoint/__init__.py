"""Checkpoints that lose the scheduler's progress."""
