"""Corrected reference learning-rate schedulers (need torch; `reviewer.reference` imports this lazily).

All three are real `torch.optim.lr_scheduler.LRScheduler` subclasses counted in one unit,
optimizer steps: construct them, then call `optimizer.step()` followed by `scheduler.step()`
once per optimizer step. Their learning rate is a closed form of the step count, so
`state_dict()` / `load_state_dict()` resume exactly, and `step(epoch)` is exact too.
When a param group's `lr` is a tensor (compiled or capturable optimizers), it is updated in
place (`fill_`), never replaced, so a `torch.compile`d `optimizer.step` does not recompile.
"""

from __future__ import annotations

import math
import numbers
import warnings
from bisect import bisect_right
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import torch
from torch.optim import Optimizer
from torch.optim.lr_scheduler import LRScheduler, ReduceLROnPlateau

__all__ = ["CosineAnnealingWarmbootingLR", "LinearWarmup", "WarmupCosineLR"]


# ---------------------------------------------------------------- argument checks

def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


def _steps(name: str, value: Any, per_unit: int, minimum: int) -> int:
    """`value` units (epochs when per_unit > 1) as a whole number of optimizer steps >= minimum."""
    amount = _number(name, value) * per_unit
    if not float(amount).is_integer():
        unit = f" x steps_per_epoch={per_unit}" if per_unit != 1 else ""
        raise ValueError(f"{name} must come to a whole number of optimizer steps, got {value!r}{unit} = {amount!r}")
    amount = int(amount)
    if amount < minimum:
        what = "positive" if minimum == 1 else f">= {minimum}"
        raise ValueError(f"{name} must be {what}, got {value!r}")
    return amount


def _fraction(name: str, value: Any) -> float:
    value = _number(name, value)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be in [0, 1], got {value!r}")
    return value


def _initial_lrs(optimizer: Optimizer) -> List[float]:
    """The base LRs `LRScheduler.__init__` is about to use, read before it runs (for argument checks)."""
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"{type(optimizer).__name__} is not an Optimizer")
    return [float(group.get("initial_lr", group["lr"])) for group in optimizer.param_groups]


# ---------------------------------------------------------------- common base

class _ClosedFormLR(LRScheduler):
    """An LRScheduler whose LR at step t is `_lr_at(t)`: in-place tensor updates, exact resume."""

    def _lr_at(self, t: int) -> List[float]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _warmup_lrs(self, t: int) -> List[float]:
        """The linear warm-up: `warmup_start_factor * base` at t = 0, exactly `base` at t = warmup_steps."""
        start = self.warmup_start_factor  # type: ignore[attr-defined]
        factor = start + (1.0 - start) * max(t, 0) / self.warmup_steps  # type: ignore[attr-defined]
        return [base * factor for base in self._bases()]

    # The float base LRs (base_lrs may hold tensors; read them once, not on every step).
    def _bases(self) -> List[float]:
        cache = self.__dict__.get("_base_cache")
        if cache is None or cache[0] is not self.base_lrs:
            cache = (self.base_lrs, [float(b) for b in self.base_lrs])
            self.__dict__["_base_cache"] = cache
        return cache[1]

    def get_lr(self) -> List[float]:
        return self._lr_at(self.last_epoch)

    def _get_closed_form_lr(self) -> List[float]:
        return self._lr_at(self.last_epoch)

    def step(self, epoch: Optional[int] = None) -> None:  # type: ignore[override]
        """Advance one optimizer step (or, with `epoch`, jump to that step: exact, the schedule is closed-form)."""
        if self._step_count == 1:
            # The same ordering checks as LRScheduler.step (both spellings of its optimizer.step wrapper).
            step = self.optimizer.step
            if not (hasattr(step, "_wrapped_by_lr_sched") or hasattr(step, "_with_counter")):
                warnings.warn(
                    "Seems like `optimizer.step()` has been overridden after learning rate scheduler "
                    "initialization. Please, make sure to call `optimizer.step()` before `lr_scheduler.step()`.",
                    UserWarning,
                    stacklevel=2,
                )
            elif not (getattr(self.optimizer, "_opt_called", False) or getattr(self.optimizer, "_step_count", 0)):
                warnings.warn(
                    "Detected call of `lr_scheduler.step()` before `optimizer.step()`: the first value of the "
                    "learning rate schedule is skipped. Call `optimizer.step()` first.",
                    UserWarning,
                    stacklevel=2,
                )
        self._step_count += 1
        self._update_lr(epoch)

    def _update_lr(self, epoch: Optional[int] = None) -> None:
        if epoch is None:
            self.last_epoch += 1
        else:
            self.last_epoch = int(epoch)
        self._apply(self._lr_at(self.last_epoch))

    def _apply(self, values: Sequence[float]) -> None:
        groups = self.optimizer.param_groups
        if len(values) != len(groups):
            raise ValueError(f"{type(self).__name__}: {len(values)} learning rates for {len(groups)} param groups")
        for group, value in zip(groups, values):
            current = group["lr"]
            if isinstance(current, torch.Tensor):
                with torch.no_grad():
                    current.fill_(value)
            else:
                group["lr"] = value
        self._last_lr = [float(v) for v in values]

    def get_last_lr(self) -> List[float]:
        """The LRs of the current step, as floats (also when the param groups hold tensors)."""
        return list(self._last_lr)

    _TRANSIENT: Tuple[str, ...] = ("optimizer", "_base_cache")

    def state_dict(self) -> Dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if key not in self._TRANSIENT}

    def load_state_dict(self, state_dict: Dict[str, Any]) -> None:
        """Restore the schedule and re-apply the LR of the restored step to the param groups.

        Re-applying makes the result independent of the order of `optimizer.load_state_dict()`
        and this call (a scheduler built after loading the optimizer would otherwise have
        reset the groups to step 0's LR).
        """
        self.__dict__.update({k: v for k, v in state_dict.items() if k not in self._TRANSIENT})
        self.__dict__.pop("_base_cache", None)
        self._apply(self._lr_at(self.last_epoch))


# ---------------------------------------------------------------- the founding scheduler, corrected

class CosineAnnealingWarmbootingLR(_ClosedFormLR):
    """Warm-up, then cosine segments between restart points, each restart scaled and the cosine lengthened.

    Time is counted in optimizer steps. Give the horizon either as `total_steps` or as `epochs`
    with `steps_per_epoch`; with `epochs`, `steps` (the restart points) and `epoch_scale` are in
    epochs as well and are converted. The warm-up is `warmup_steps` or `warmup_epochs`.

    - For t < warm-up: `base_lr * (warmup_start_factor + (1 - warmup_start_factor) * t / warmup)`,
      which is exactly `base_lr` at the end of the warm-up.
    - Segment k (k = 0 starts at the end of the warm-up, segment k >= 1 at the k-th restart point,
      up to but not including the next one, as in `CosineAnnealingWarmRestarts`) peaks at
      `base_lr * max(step_scale**k, eta_min)` and anneals towards the floor `base_lr * eta_min`
      (`eta_min` is a fraction of the base LR, the same floor for every segment):
      `floor + (peak - floor) * (1 + cos(pi * (t - start_k) / period_k)) / 2`, where `period_k`
      is the segment's length plus `epoch_scale` (so the LR stays a little above the floor
      before a restart: a warm boot), except for the last segment, which reaches the floor
      exactly at the end of training.
    - Past the end of training the LR stays at that floor (it never climbs back).

    `steps` is copied and sorted (the caller's list is never touched); duplicates and points
    outside (end of warm-up, end of training) are dropped.
    """

    def __init__(
        self,
        optimizer: Optimizer,
        total_steps: Optional[int] = None,
        *,
        warmup_steps: Optional[int] = None,
        steps: Optional[Iterable[float]] = None,
        eta_min: float = 0.05,
        step_scale: float = 0.8,
        epoch_scale: float = 1.0,
        warmup_start_factor: float = 0.0,
        epochs: Optional[float] = None,
        warmup_epochs: Optional[float] = None,
        steps_per_epoch: Optional[int] = None,
        last_epoch: int = -1,
    ) -> None:
        _initial_lrs(optimizer)
        if steps_per_epoch is not None:
            steps_per_epoch = _steps("steps_per_epoch", steps_per_epoch, 1, minimum=1)
        if (total_steps is None) == (epochs is None):
            raise ValueError("give exactly one of total_steps (optimizer steps) or epochs (with steps_per_epoch)")
        if epochs is not None and steps_per_epoch is None:
            raise ValueError("epochs needs steps_per_epoch to convert epochs to optimizer steps")
        if warmup_steps is not None and warmup_epochs is not None:
            raise ValueError("give at most one of warmup_steps or warmup_epochs")
        if warmup_epochs is not None and steps_per_epoch is None:
            raise ValueError("warmup_epochs needs steps_per_epoch to convert epochs to optimizer steps")
        # The unit of `steps` and `epoch_scale`: epochs when the horizon is in epochs.
        unit = steps_per_epoch if epochs is not None else 1
        if epochs is not None:
            total = _steps("epochs", epochs, unit, minimum=1)
        else:
            total = _steps("total_steps", total_steps, 1, minimum=1)
        if warmup_epochs is not None:
            warmup = _steps("warmup_epochs", warmup_epochs, steps_per_epoch, minimum=0)  # type: ignore[arg-type]
        else:
            warmup = _steps("warmup_steps", 0 if warmup_steps is None else warmup_steps, 1, minimum=0)
        if warmup >= total:
            raise ValueError(
                f"the warm-up ({warmup} optimizer steps) must be shorter than training ({total} optimizer steps)"
            )
        if isinstance(steps, (str, bytes)):
            raise TypeError("steps must be a sequence of restart points, not a string")
        points = []
        for index, point in enumerate(list(steps) if steps is not None else []):
            value = _number(f"steps[{index}]", point) * unit
            if warmup < value < total:
                if not float(value).is_integer():
                    raise ValueError(f"steps[{index}] = {point!r} is not a whole number of optimizer steps")
                points.append(int(value))
        self.total_steps = total
        self.warmup_steps = warmup
        self.restarts: Tuple[int, ...] = tuple(sorted(set(points)))
        self.eta_min = _fraction("eta_min", eta_min)
        self.step_scale = _number("step_scale", step_scale)
        if self.step_scale <= 0:
            raise ValueError(f"step_scale must be positive, got {step_scale!r}")
        epoch_scale = _number("epoch_scale", epoch_scale)
        if epoch_scale < 0:
            raise ValueError(f"epoch_scale must be >= 0, got {epoch_scale!r}")
        self.extension_steps = epoch_scale * unit
        self.warmup_start_factor = _fraction("warmup_start_factor", warmup_start_factor)
        self._starts: Tuple[int, ...] = (warmup,) + self.restarts
        super().__init__(optimizer, last_epoch)

    def _lr_at(self, t: int) -> List[float]:
        if t < self.warmup_steps:
            return self._warmup_lrs(t)
        bases = self._bases()
        t = min(t, self.total_steps)
        starts = self._starts
        segment = min(bisect_right(starts, t) - 1, len(starts) - 1)
        start = starts[segment]
        if segment == len(starts) - 1:
            period = float(self.total_steps - start)
        else:
            period = (starts[segment + 1] - start) + self.extension_steps
        cosine = 0.5 * (1.0 + math.cos(math.pi * ((t - start) / period)))
        peak = max(self.step_scale ** segment, self.eta_min)
        factor = self.eta_min + (peak - self.eta_min) * cosine
        return [base * factor for base in bases]


# ---------------------------------------------------------------- warm-up + one cosine

class WarmupCosineLR(_ClosedFormLR):
    """Linear warm-up reaching the base LR at step `warmup_steps`, then one cosine down to `eta_min`
    at `total_steps`, then `eta_min` (clamped).

    `eta_min` is an absolute LR, as in `torch.optim.lr_scheduler.CosineAnnealingLR`; it must not
    exceed any group's base LR. The warm-up starts at `warmup_start_factor * base_lr`
    (0 by default; `1 / (warmup_steps + 1)` gives a first step that is not zero).
    """

    def __init__(
        self,
        optimizer: Optimizer,
        warmup_steps: int,
        total_steps: int,
        eta_min: float = 0.0,
        warmup_start_factor: float = 0.0,
        last_epoch: int = -1,
    ) -> None:
        bases = _initial_lrs(optimizer)
        total = _steps("total_steps", total_steps, 1, minimum=1)
        warmup = _steps("warmup_steps", warmup_steps, 1, minimum=0)
        if warmup >= total:
            raise ValueError(f"warmup_steps ({warmup}) must be smaller than total_steps ({total})")
        eta = _number("eta_min", eta_min)
        if eta < 0:
            raise ValueError(f"eta_min must be >= 0, got {eta_min!r}")
        for index, base in enumerate(bases):
            if eta > base:
                raise ValueError(f"eta_min ({eta_min!r}) is above the base LR ({base!r}) of param group {index}")
        self.warmup_steps = warmup
        self.total_steps = total
        self.eta_min = eta
        self.warmup_start_factor = _fraction("warmup_start_factor", warmup_start_factor)
        self.decay_steps = total - warmup  # >= 1, checked above
        super().__init__(optimizer, last_epoch)

    def _lr_at(self, t: int) -> List[float]:
        if t < self.warmup_steps:
            return self._warmup_lrs(t)
        bases = self._bases()
        progress = (min(t, self.total_steps) - self.warmup_steps) / self.decay_steps
        cosine = 0.5 * (1.0 + math.cos(math.pi * progress))
        return [self.eta_min + (base - self.eta_min) * cosine for base in bases]


# ---------------------------------------------------------------- warm-up in front of any scheduler

class LinearWarmup(_ClosedFormLR):
    """Linear warm-up from `warmup_start_factor * base_lr` to the base LR at step `warmup_steps`.

    Alone it holds the base LR afterwards, so it composes through `SequentialLR`
    (`SequentialLR(opt, [LinearWarmup(opt, W), other], milestones=[W])`). Given `after`, a
    scheduler freshly constructed on the same optimizer, it wraps it: from step `warmup_steps`
    on, the LR is `after`'s schedule started at step 0 (its first value should be the base LR,
    as it is for PyTorch's schedulers, or the hand-over jumps).
    """

    _TRANSIENT = ("optimizer", "_base_cache", "after")

    def __init__(
        self,
        optimizer: Optimizer,
        warmup_steps: int,
        warmup_start_factor: float = 0.0,
        after: Optional[LRScheduler] = None,
        last_epoch: int = -1,
    ) -> None:
        _initial_lrs(optimizer)
        self.warmup_steps = _steps("warmup_steps", warmup_steps, 1, minimum=1)
        self.warmup_start_factor = _fraction("warmup_start_factor", warmup_start_factor)
        if after is not None:
            if not isinstance(after, LRScheduler) or isinstance(after, ReduceLROnPlateau):
                raise ValueError("after must be an LRScheduler stepped without arguments (not ReduceLROnPlateau)")
            if after.optimizer is not optimizer:
                raise ValueError("after must be a scheduler of the same optimizer")
            if last_epoch == -1 and after.last_epoch != 0:
                raise ValueError(f"after must be freshly constructed (its last_epoch is {after.last_epoch}, not 0)")
            self._handover = [float(v) for v in after.get_last_lr()]
        else:
            self._handover = None
        self.after = after
        super().__init__(optimizer, last_epoch)

    def _lr_at(self, t: int) -> List[float]:
        if t >= self.warmup_steps:
            return list(self._handover) if self._handover is not None else list(self._bases())
        return self._warmup_lrs(t)

    def _update_lr(self, epoch: Optional[int] = None) -> None:
        after = self.after
        previous = self.last_epoch
        self.last_epoch = previous + 1 if epoch is None else int(epoch)
        t = self.last_epoch
        if after is None or t <= self.warmup_steps:
            self._apply(self._lr_at(t))
            return
        if epoch is None and previous >= self.warmup_steps:
            after.step()
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # step(epoch) deprecation: a jump is what we want
                after.step(t - self.warmup_steps)
        self._last_lr = [float(group["lr"]) for group in self.optimizer.param_groups]

    def state_dict(self) -> Dict[str, Any]:
        state = super().state_dict()
        state["after"] = None if self.after is None else self.after.state_dict()
        return state

    def load_state_dict(self, state_dict: Dict[str, Any]) -> None:
        after_state = state_dict.get("after")
        if (after_state is None) != (self.after is None):
            raise ValueError("the saved LinearWarmup and this one differ in whether they wrap an `after` scheduler")
        self.__dict__.update({k: v for k, v in state_dict.items() if k not in self._TRANSIENT})
        self.__dict__.pop("_base_cache", None)
        if self.after is not None:
            self.after.load_state_dict(after_state)
        if self.after is None or self.last_epoch <= self.warmup_steps:
            self._apply(self._lr_at(self.last_epoch))
        else:
            # `after` owns the LR past the warm-up: put its last LR back in the groups.
            self._apply([float(v) for v in self.after.get_last_lr()])
