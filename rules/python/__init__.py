"""General Python mistakes that break training code."""
