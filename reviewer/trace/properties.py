"""The named checks on a traced curve (pure: no torch, no child process).

A curve is a list of steps, each a list of the LRs of every param group. Where the code
gives no fact, names decide, and only these: the horizon is the largest whole number the
schedule was built with whose name says total/max steps, iterations or epochs; the warm-up
length one whose name says warm-up; the batches per epoch one named like `steps_per_epoch`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Sequence

#: relative tolerance for "the same LR" (resume, call-count invariance)
SAME = 1e-12
#: a step whose LR is below this share of the peak for the rest of the run has collapsed
COLLAPSED = 1e-12
#: with no horizon known, a collapse counts only within this many steps (a per-epoch decay
#: traced for an arbitrary 1000 steps may legitimately end near 0; one that collapses this
#: early does so within any horizon)
COLLAPSE_WINDOW = 50
#: a rise that regains more than this share of the segment's fall (in a step or a warm-up) is a restart
RESTART = 0.2
#: how near (as a share of the peak) a decay must end to the minimum it declares
END_TOLERANCE = 0.05
#: warm-up: the peak may arrive one step after the declared length (counted from 0 or 1)
WARMUP_SLACK = 1

_HORIZON = re.compile(
    r"^(?:t_?)?(?:total|max|num|n)_?(?:train(?:ing)?_?)?(?:steps?|iters?|iterations?|epochs?|updates?|batches)$"
    r"|^(?:epochs|steps|iters|iterations|t_max|t_total|total|lr_decay_iters|decay_steps|decay_iters|decay_epochs)$",
    re.IGNORECASE)
_WARMUP = re.compile(r"warm", re.IGNORECASE)
#: the LR a decay ends at: an LR (torch's `eta_min`) or a share of the peak (`lrf`,
#: `min_lr_ratio`, the founding seed's `eta_min`): names cannot tell which, the run can
_MINIMUM = re.compile(r"^(?:min_lr|lr_min|eta_min|final_lr|end_lr|lr_end|lr_final|min_learning_rate|"
                      r"final_learning_rate|lrf|min_lr_ratio|final_lr_ratio|final_div)$", re.IGNORECASE)
#: lengths a schedule declares besides its horizon: a warm-up, a cycle, a decay interval
_LENGTH = re.compile(r"warm|cycle|period|interval|every|step_size|^t(?:_0|_i)?$", re.IGNORECASE)
_PER_EPOCH = re.compile(r"^(?:steps|iters|batches|batchs|num_batches|n_batches)(?:_per_epoch)?$|_per_epoch$", re.IGNORECASE)


def _whole(values: Dict[str, float], pattern: "re.Pattern[str]") -> Dict[str, int]:
    return {k: int(v) for k, v in values.items() if pattern.search(k) and float(v).is_integer() and v > 0}


def placeholder(name: str, default: Any) -> bool:
    """A horizon's default of 0 or None stands for "the caller must say" (`max_iters=0`)."""
    return bool(_HORIZON.search(name)) and (default is None or (is_number(default) and default == 0))


def real_horizon(name: str, value: Any) -> bool:
    """A horizon-named value that is an actual length."""
    return bool(_HORIZON.search(name)) and is_number(value) and value > 0


def is_number(value: Any) -> bool:
    """An int or float (a bool is neither, here)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def horizon(values: Dict[str, float], batches: Optional[int] = None) -> Optional[int]:
    """In traced steps: a horizon counted in epochs, beside a number of batches per epoch
    (`--per-epoch`, else a value named like one), is counted in batches (`epochs *
    iters_per_epoch`, as OneCycleLR counts them)."""
    found = _whole(values, _HORIZON)
    if not found:
        return None
    name = max(found, key=lambda k: found[k])
    batches = batches or per_epoch(values)
    return found[name] * batches if "epoch" in name.lower() and batches else found[name]


def _largest(values: Dict[str, float], pattern: "re.Pattern[str]") -> Optional[int]:
    return max(_whole(values, pattern).values(), default=None)


def longest_length(values: Dict[str, float]) -> Optional[int]:
    return _largest(values, _LENGTH)


def minimum(values: Dict[str, float]) -> Optional[tuple]:
    """(name, value) of the minimum the schedule declares, if one."""
    found = sorted((k, v) for k, v in values.items() if _MINIMUM.match(k) and is_number(v) and v >= 0)
    return found[0] if found else None


def per_epoch(values: Dict[str, float]) -> Optional[int]:
    return _largest(values, _PER_EPOCH)


def warmup(values: Dict[str, float], batches_per_epoch: Optional[int] = None) -> Optional[int]:
    """The declared warm-up length in traced steps (epochs times batches when the trace runs
    per batch); the one counted in steps or iterations where several are given."""
    found = _whole(values, _WARMUP)
    if not found:
        return None
    name = sorted(found, key=lambda k: ("step" not in k and "iter" not in k, k))[0]
    if "epoch" in name.lower() and batches_per_epoch:
        return found[name] * batches_per_epoch
    return found[name]


@dataclass
class Check:
    name: str
    passed: bool
    message: str = ""
    step: Optional[int] = None
    #: shown, but does not fail the schedule
    note: bool = False

    @property
    def failed(self) -> bool:
        return not self.passed and not self.note

    def as_json(self) -> dict:
        return {"name": self.name, "passed": self.passed, "note": self.note, "message": self.message, "step": self.step}


def _g(value: float) -> str:
    return f"{value:.4g}"


def _differ(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return not (math.isnan(a) and math.isnan(b))
    return abs(a - b) > SAME * max(abs(a), abs(b), 1e-300)


def _first_difference(curve: Sequence[Sequence[float]], other: Sequence[Sequence[float]], offset: int = 0) -> Optional[tuple]:
    for i, (row, again) in enumerate(zip(curve, other)):
        for group, (a, b) in enumerate(zip(row, again)):
            if _differ(a, b):
                return i + offset, group, a, b
    return None


def judge(result: Dict[str, Any], target: Dict[str, Any]) -> List[Check]:
    """Every check that applies to one traced schedule, in a fixed order."""
    whole: List[List[float]] = result["lrs"]
    error = result.get("error")
    horizon_at = result.get("horizon")
    checks = [_runs(error, horizon_at)]
    if not whole:
        return checks
    checks.append(_finite(whole, horizon_at))
    if not checks[-1].passed:
        return checks
    curve = whole[:horizon_at] if horizon_at else whole
    values = result.get("values", {})
    length = warmup(values, result.get("per_epoch"))
    if result.get("counters"):
        checks.append(_counters(result["counters"]))
    if target.get("counter_driven"):
        checks.append(_moves(curve, result.get("declared_length")))
        checks.append(_collapse(curve if result.get("horizon_known") else curve[:COLLAPSE_WINDOW]))
    if length and target.get("counter_driven"):
        checks.append(_warmup(curve, length))
        checks.append(_warmup_start(curve))
    if target.get("counter_driven") and not target.get("cyclic"):
        checks.append(_decay(curve, length or 0, guessed=bool(result.get("horizon_known")) and not result.get("steps_given")))
        declared = minimum(values)
        # the run covers the schedule's own horizon, no more and no less
        covered = result.get("horizon_known") and not result.get("steps_given") and not result.get("truncated")
        if declared is not None and covered and checks[-1].passed:
            checks.append(_decay_end(curve, *declared))
    if "again" in result:
        checks.append(_instances(whole, result["again"], error))
    if "reread" in result and (not checks[-1].failed or checks[-1].name != "instances"):  # else no baseline for reads
        checks.append(_calls(whole, result["reread"], error))
    if "resume" in result:
        checks.append(_resume(curve, result["resume"]))
    if target.get("kind") in ("torch", "factor"):
        checks.append(_sync(result.get("sync")))
    return checks


def _past(t: int, horizon_at: Optional[int]) -> str:
    return f", past the horizon of {horizon_at} steps" if horizon_at is not None and t >= horizon_at else ""


def _runs(error: Optional[dict], horizon_at: Optional[int]) -> Check:
    if error is None:
        return Check("runs", True)
    step = error.get("step")
    where = "building it" if step is None else f"step {step}{_past(step, horizon_at)}"
    return Check("runs", False, f"raised at {where}: {error['message']}", error.get("step"))


def _finite(curve: List[List[float]], horizon_at: Optional[int]) -> Check:
    for t, row in enumerate(curve):
        for group, lr in enumerate(row):
            if not math.isfinite(lr) or lr < 0:
                return Check("finite", False, f"group {group} has LR {lr!r} at step {t}{_past(t, horizon_at)}", t)
    return Check("finite", True)


def _moves(curve: List[List[float]], declared: Optional[int] = None) -> Check:
    if len(curve) < 2:
        return Check("moves", True)
    for group in range(len(curve[0])):
        column = [row[group] for row in curve]
        if max(column) - min(column) > SAME * max(abs(max(column)), 1e-300):
            return Check("moves", True)
    if declared and declared >= len(curve):  # a step decay whose first step lies past the trace
        return Check("moves", False, f"the LR stays at {_g(curve[0][0])} over the {len(curve)} steps traced, "
                                     f"fewer than the {declared} steps of a length it declares: --steps traces further",
                     None, note=True)
    return Check("moves", False, f"the LR stays at {_g(curve[0][0])} for all {len(curve)} steps, "
                                 "though the schedule computes it from a step counter", 0)


def _counters(counters: Dict[str, List[Optional[float]]]) -> Check:
    flat = []
    for name, values in sorted(counters.items()):
        if None in values or len(values) < 2:
            continue
        first_write = next((t for t in range(1, len(values)) if values[t] != values[0]), 0)
        if len(values) - first_write > 1 and len(set(values[first_write:])) == 1:  # never moves after its first write
            flat.append(f"self.{name} stays at {_g(values[first_write])}")
    if flat:
        steps = len(next(iter(counters.values())))
        return Check("counter", False, f"{' and '.join(flat)} over {steps} steps: a counter that never advances", 0)
    return Check("counter", True)


def _collapse(curve: List[List[float]]) -> Check:
    tail = max(1, len(curve) // 50)
    for group in range(len(curve[0])):
        column = [row[group] for row in curve]
        peak = max(column)
        if peak <= 0:
            continue
        start = None
        for t in range(len(column) - 1, -1, -1):  # the start of the final run of collapsed steps
            if column[t] >= COLLAPSED * peak:
                break
            start = t
        if start is not None and start < len(column) - tail:
            return Check("collapse", False, f"group {group}: the LR falls below {COLLAPSED:g} of its peak "
                                            f"{_g(peak)} at step {start} and stays there ({_g(column[-1])} "
                                            f"at step {len(column) - 1})", start)
    return Check("collapse", True)


def _warmup(curve: List[List[float]], length: int) -> Check:
    if len(curve) <= length:
        return Check("warmup", False, f"the {len(curve)} steps traced end inside the {length}-step warm-up: "
                                      "--steps traces further", None, note=True)
    for group in range(len(curve[0])):
        column = [row[group] for row in curve]
        stop = min(length - 1, len(column) - 1)  # a counter advanced before use peaks at step length - 1
        for t in range(1, stop + 1):
            if column[t] < column[t - 1] and _differ(column[t], column[t - 1]):
                return Check("warmup", False, f"group {group}: the LR falls during the {length}-step warm-up, "
                                              f"from {_g(column[t - 1])} to {_g(column[t])} at step {t}", t)
        peak = max(column)
        reach = next(t for t, lr in enumerate(column) if not _differ(lr, peak) or lr >= peak)
        if reach > length + WARMUP_SLACK:
            return Check("warmup", False, f"group {group}: the peak {_g(peak)} comes at step {reach}, "
                                          f"after the {length}-step warm-up (LR {_g(column[min(length, len(column) - 1)])} "
                                          f"at step {length})", reach)
    return Check("warmup", True)


def _warmup_start(curve: List[List[float]]) -> Check:
    """A note, not a failure: a warm-up from exactly 0 spends its first step at LR 0, as
    `get_linear_schedule_with_warmup` and many hand-written ramps do by design."""
    for group, lr in enumerate(curve[0]):
        if lr <= 0:
            return Check("warmup-start", False, f"group {group}: the warm-up starts at LR {_g(lr)}: "
                                                "the first step does not train", 0, note=True)
    return Check("warmup-start", True)


def _segments(column: List[float], warm: int) -> List[range]:
    """Stretches between restarts. A restart is a rise from a level the LR had fallen to (a
    first warm-up never follows a fall) that regains more than RESTART of that fall in one
    step, or within the declared warm-up length (a restart that warms up again)."""
    starts = [0]
    highest = column[0]
    t = 1
    while t < len(column):
        if column[t] > column[t - 1] and column[t - 1] < highest and _differ(column[t - 1], highest):
            top = t
            while top + 1 < len(column) and top - t + 1 < max(1, warm) and column[top + 1] >= column[top]:
                top += 1
            if column[top] - column[t - 1] > RESTART * (highest - column[t - 1]):
                starts.append(t)
                highest, t = column[top], top + 1
                continue
        highest = max(highest, column[t])
        t += 1
    return [range(a, b) for a, b in zip(starts, starts[1:] + [len(column)])]


def _decay(curve: List[List[float]], length: int, guessed: bool = False) -> Check:
    """After the declared warm-up, each segment only decays after its peak; a segment that
    ends at its peak and is below it halfway climbs. Where the trace's length was guessed from
    a name, a curve that only rises may be a warm-up traced alone: a note, not a failure."""
    for group in range(len(curve[0])):
        column = [row[group] for row in curve]
        if guessed and len(column) > 1 and all(b >= a for a, b in zip(column, column[1:])) and column[-1] > column[0]:
            return Check("decay", False, f"group {group}: the LR only rises over the {len(column)} steps traced, "
                                         "whose number came from a parameter's name: a warm-up alone? "
                                         "--steps traces further", None, note=True)
        for segment in _segments(column, length):
            segment = range(max(segment.start, min(length, segment.stop)), segment.stop)
            if not segment:
                continue
            values = [column[t] for t in segment]
            peak_at = segment.start + values.index(max(values))
            middle = column[(segment.start + segment.stop) // 2]
            if len(segment) > 2 and not _differ(column[segment.stop - 1], max(values)) and _differ(middle, max(values)):
                return Check("decay", False, f"group {group}: the LR climbs from {_g(column[segment.start])} at step "
                                             f"{segment.start} to {_g(column[peak_at])} at step {peak_at} and never decays",
                             segment.start)
            for t in range(peak_at + 1, segment.stop):
                if column[t] > column[t - 1] and _differ(column[t], column[t - 1]):
                    return Check("decay", False, f"group {group}: after its peak at step {peak_at} the LR rises "
                                                 f"from {_g(column[t - 1])} to {_g(column[t])} at step {t}", t)
    return Check("decay", True)


def _decay_end(curve: List[List[float]], name: str, declared: float) -> Check:
    """Over its last tenth, the decay comes within END_TOLERANCE of the peak to the declared
    minimum, read as an LR or as a share of the peak (whichever the run is near); a curve
    still falling there ends where the horizon read from a name cut it: a note."""
    for group in range(len(curve[0])):
        column = [row[group] for row in curve]
        peak = max(column)
        last = column[-max(1, len(column) // 10):]
        end = min(last)
        if any(abs(end - target) <= END_TOLERANCE * peak for target in (declared, declared * peak)):
            continue
        if max(last) - end > END_TOLERANCE * peak / 5:  # still decaying: the real horizon may lie further
            return Check("decay-end", False, f"group {group}: the LR is still falling at the last step traced "
                                             f"({_g(end)}, declared {name}={_g(declared)}): the horizon may be longer "
                                             "than the one read from a name; --steps traces further", None, note=True)
        tail = max(1, len(column) // 10)
        return Check("decay-end", False, f"group {group}: over its last {tail} steps the LR gets no lower than "
                                         f"{_g(end)}, far from the declared {name}={_g(declared)} (as an LR, or "
                                         f"{_g(declared * peak)} as a share of the peak {_g(peak)})", len(column) - 1)
    return Check("decay-end", True)


def _rerun(name: str, curve: List[List[float]], other: Dict[str, Any], error: Optional[dict], raised: str,
           differs: Callable[[int, int, float, float], str], offset: int = 0) -> Check:
    """A second run that must give the same curve from `offset` on: `raised` says what made
    it raise, `differs` what the first difference is."""
    if other.get("error") and not error:
        return Check(name, False, f"{raised}: {other['error']['message']}", other["error"]["step"])
    found = _first_difference(curve[offset:], other["lrs"], offset)
    if found is None:
        return Check(name, True)
    t, group, a, b = found
    return Check(name, False, differs(t, group, a, b), t)


def _instances(curve: List[List[float]], again: Dict[str, Any], error: Optional[dict]) -> Check:
    return _rerun("instances", curve, again, error, "a second instance built the same way raises",
                  lambda t, group, a, b: f"a second instance built the same way gives {_g(b)} at step {t} where the "
                                         f"first gave {_g(a)}: the instances share state (a mutable default argument?)")


def _calls(curve: List[List[float]], reread: Dict[str, Any], error: Optional[dict]) -> Check:
    return _rerun("calls", curve, reread, error, "reading the LR between steps makes step() raise",
                  lambda t, group, a, b: f"reading the LR between steps changes it: group {group} at step {t} is "
                                         f"{_g(b)} instead of {_g(a)}")


def _resume(curve: List[List[float]], resume: Dict[str, Any]) -> Check:
    at = resume["at"]
    return _rerun("resume", curve, resume, None, f"resumed at step {at} given its state_dict(), it raised",
                  lambda t, group, a, b: f"resumed at step {at} given its state_dict(): group {group} at step {t} is "
                                         f"{_g(b)} where the uninterrupted run gives {_g(a)}", at)


def _sync(sync: Optional[dict]) -> Check:
    if sync is None:
        return Check("optimizer-sync", True)
    t = sync["step"]
    if "error" in sync:
        return Check("optimizer-sync", False, f"after step {t} get_last_lr() raised: {sync['error']}", t)
    return Check("optimizer-sync", False, f"after step {t} the optimizer's LR is {_g(sync['groups'])} but "
                                          f"get_last_lr() says {_g(sync['last'])}", t)
