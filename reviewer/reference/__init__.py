"""Corrected reference learning-rate schedulers, their closed-form oracles, and `reviewer verify`.

Importing this package never imports torch: the schedulers (which need the `torch` extra,
``pip install 'reviewer[torch]'``) are loaded on first access, e.g.
``from reviewer.reference import WarmupCosineLR``. The oracles
(``from reviewer.reference import oracles``) are plain Python.
"""

from __future__ import annotations

import importlib
from typing import Any, List

__all__ = ["CosineAnnealingWarmbootingLR", "LinearWarmup", "WarmupCosineLR"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("reviewer.reference.schedulers"), name)
    raise AttributeError(f"module 'reviewer.reference' has no attribute {name!r}")


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(__all__))
