"""Schedules that compute the wrong learning rate: counters, compounding, divisions, shapes."""
