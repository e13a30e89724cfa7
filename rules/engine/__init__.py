"""Findings the engine raises itself: syntax errors, rule crashes, unused suppressions."""
