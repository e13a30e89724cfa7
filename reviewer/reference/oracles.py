"""Closed-form learning-rate oracles: plain Python (`math` only), no torch.

Each function gives the learning rate of one parameter group at optimizer step `t`
(t = 0 is the value in force for the first optimizer step, i.e. right after the
scheduler is constructed; t = k is the value after k calls of `scheduler.step()`).
They are written independently of `reviewer.reference.schedulers` (a linear scan
instead of a bisection, the textbook formulas) so that `reviewer verify` compares
two implementations, not one with itself.
"""

from __future__ import annotations

import math
from typing import Callable, Optional, Sequence

__all__ = [
    "linear_warmup_factor",
    "linear_warmup_lr",
    "cosine_annealing_lr",
    "warmup_cosine_lr",
    "cosine_annealing_warmbooting_lr",
    "restart_points",
    "relative_error",
]


def linear_warmup_factor(t: int, warmup_steps: int, start_factor: float = 0.0) -> float:
    """Multiplier of the base LR during a linear warm-up: `start_factor` at t = 0, exactly 1 at t >= warmup_steps."""
    if warmup_steps <= 0 or t >= warmup_steps:
        return 1.0
    t = max(t, 0)
    return start_factor + (1.0 - start_factor) * t / warmup_steps


def linear_warmup_lr(
    t: int,
    base_lr: float,
    warmup_steps: int,
    start_factor: float = 0.0,
    after: Optional[Callable[[int], float]] = None,
) -> float:
    """`LinearWarmup`: the warm-up for t < warmup_steps, then `after(t - warmup_steps)` (the base LR when None)."""
    if t < warmup_steps:
        return base_lr * linear_warmup_factor(t, warmup_steps, start_factor)
    if after is None:
        return base_lr
    return after(t - warmup_steps)


def cosine_annealing_lr(t: int, base_lr: float, t_max: int, eta_min: float = 0.0) -> float:
    """PyTorch's `CosineAnnealingLR` closed form (absolute `eta_min`; periodic past `t_max`, as PyTorch's is)."""
    return eta_min + (base_lr - eta_min) * (1.0 + math.cos(math.pi * t / t_max)) / 2.0


def warmup_cosine_lr(
    t: int,
    base_lr: float,
    warmup_steps: int,
    total_steps: int,
    eta_min: float = 0.0,
    warmup_start_factor: float = 0.0,
) -> float:
    """`WarmupCosineLR`: linear warm-up reaching `base_lr` at `warmup_steps`, one cosine to the absolute
    `eta_min` at `total_steps`, then `eta_min` for ever (clamped, never climbing back)."""
    if t < warmup_steps:
        return base_lr * linear_warmup_factor(t, warmup_steps, warmup_start_factor)
    progress = min(t, total_steps) - warmup_steps
    length = total_steps - warmup_steps
    return eta_min + (base_lr - eta_min) * (1.0 + math.cos(math.pi * progress / length)) / 2.0


def restart_points(steps: Sequence[float], warmup_steps: int, total_steps: int) -> list:
    """The restart points a `steps` argument keeps: sorted, without duplicates, strictly inside (warm-up, total)."""
    kept = []
    for point in sorted(steps):
        if warmup_steps < point < total_steps and point not in kept:
            kept.append(point)
    return kept


def cosine_annealing_warmbooting_lr(
    t: int,
    base_lr: float,
    total_steps: int,
    warmup_steps: int = 0,
    steps: Sequence[float] = (),
    eta_min: float = 0.05,
    step_scale: float = 0.8,
    epoch_scale: float = 0.0,
    warmup_start_factor: float = 0.0,
) -> float:
    """The corrected founding scheduler, everything in optimizer steps.

    - t < warmup_steps: linear warm-up from `warmup_start_factor * base_lr`, reaching `base_lr` at `warmup_steps`;
    - segment k runs from its start point s_k (the warm-up end, then each kept restart point) up to, not
      including, the next point; its peak is `base_lr * max(step_scale**k, eta_min)`, its floor
      `base_lr * eta_min` (the same for every segment), and it follows
      `floor + (peak - floor) * (1 + cos(pi * (t - s_k) / period_k)) / 2`, where
      `period_k = length_k + epoch_scale` (so it does not quite reach the floor before the restart),
      except for the last segment, whose period is its length: it reaches the floor at `total_steps`;
    - t >= total_steps: the value at `total_steps` (clamped).
    """
    if t < warmup_steps:
        return base_lr * linear_warmup_factor(t, warmup_steps, warmup_start_factor)
    points = [warmup_steps] + restart_points(steps, warmup_steps, total_steps) + [total_steps]
    t = min(t, total_steps)
    last = len(points) - 2
    segment = 0
    while segment < last and t >= points[segment + 1]:
        segment += 1
    length = points[segment + 1] - points[segment]
    period = length if segment == last else length + epoch_scale
    cosine = (1.0 + math.cos(math.pi * (t - points[segment]) / period)) / 2.0
    floor = base_lr * eta_min
    peak = base_lr * max(step_scale ** segment, eta_min)
    return floor + (peak - floor) * cosine


def relative_error(value: float, expected: float) -> float:
    """|value - expected| relative to the larger magnitude; 0 when both are 0, inf for NaN."""
    if value == expected:
        return 0.0
    if math.isnan(value) or math.isnan(expected):
        return math.inf
    return abs(value - expected) / max(abs(value), abs(expected))
