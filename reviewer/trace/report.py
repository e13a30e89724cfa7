"""What `reviewer trace` prints: a table with a sparkline per schedule, JSON, or a plot."""

from __future__ import annotations

import json
import math
from typing import List, Optional, Sequence

import click

from reviewer.trace.tracing import Traced

BARS = "▁▂▃▄▅▆▇█"
WIDTH = 40


def notice(command: str) -> str:
    """What every run that executes the user's code says first."""
    return f"note: {command} imports and runs the code it traces"


def sparkline(column: Sequence[float], width: int = WIDTH) -> str:
    """One line for a curve: `width` evenly spaced steps, scaled between its lowest and highest
    finite values; `?` for a value that is not finite."""
    if not column:
        return ""
    count = min(width, len(column))
    picks = [column[i * len(column) // count] for i in range(count)]
    finite = [v for v in picks if math.isfinite(v)]
    low, high = (min(finite), max(finite)) if finite else (0.0, 0.0)
    line = []
    for value in picks:
        if not math.isfinite(value):
            line.append("?")
        elif high - low <= 1e-12 * max(abs(high), 1e-300):
            line.append(BARS[3])
        else:
            line.append(BARS[min(len(BARS) - 1, int((value - low) / (high - low) * len(BARS)))])
    return "".join(line)


def _curve_lines(outcome: Traced, label: str) -> List[str]:
    if outcome.reason is not None:
        return [f"  {label}not traced: {outcome.reason}"]
    lines = []
    curve = outcome.result.get("lrs", [])
    if curve:
        first = [row[0] for row in curve]
        lines.append(f"  {label}{sparkline(first)}  {first[0]:.4g} -> {first[-1]:.4g} "
                     f"(min {min(first):.4g}, max {max(first):.4g})")
    for check in outcome.checks:
        if not check.passed:
            lines.append(f"  {label}{'note' if check.note else 'FAIL'} {check.name}: {check.message}")
    passed = [c.name for c in outcome.checks if c.passed]
    if passed:
        lines.append(f"  {label}passed: {', '.join(passed)}")
    return lines


def text(outcomes: List[Traced], color: bool) -> str:
    lines = []
    for outcome in outcomes:
        target = outcome.target
        steps = outcome.result.get("steps")
        truncated = outcome.result.get("truncated")
        about = f"{target.kind}" + (f", {steps} steps" if steps else "") + (
            f" of its {truncated}-step horizon: --steps traces further" if truncated else "") + (
            f", {outcome.result['device']}" if outcome.result.get("device") else "")
        status = outcome.status.upper()
        if color:
            status = click.style(status, fg={"PASSED": "green", "FAILED": "red"}.get(status, "yellow"), bold=True)
        lines.append(f"{outcome.path}:{target.line}: {target.name} ({about}) {status}")
        arguments = {**outcome.result.get("arguments", {}), **target.arguments}
        origins = outcome.origins()
        if arguments:
            shown = ", ".join(f"{k}={v}" + (f" [{origins[k]}]" if k in origins else "")
                              for k, v in sorted(arguments.items()))
            lines.append(f"  arguments: {shown}")
        lines.extend(_curve_lines(outcome, ""))
        if outcome.fixed is not None:
            lines.extend(_curve_lines(outcome.fixed, "fixed: "))
    counts = {s: sum(o.status == s for o in outcomes) for s in ("passed", "failed", "not traced")}
    noun = "schedule" if len(outcomes) == 1 else "schedules"
    lines.append(f"{len(outcomes)} {noun}: {counts['passed']} passed, {counts['failed']} failed, "
                 f"{counts['not traced']} not traced")
    return "\n".join(lines)


def as_json(outcomes: List[Traced], errors: List[str]) -> str:
    return json.dumps({"schedules": [o.as_json() for o in outcomes], "errors": errors}, indent=2)


def plot(outcomes: List[Traced], path: str) -> None:
    """One panel per traced schedule: every group's curve, the failed checks marked at their
    step, and the fixed version dashed beside it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = [o for o in outcomes if o.result.get("lrs")]
    figure, axes = plt.subplots(len(shown) or 1, 1, figsize=(8, 2.6 * max(1, len(shown))), squeeze=False)
    for axis, outcome in zip(axes[:, 0], shown):
        _panel(axis, outcome, "", "-")
        if outcome.fixed is not None and outcome.fixed.result.get("lrs"):
            _panel(axis, outcome.fixed, "fixed ", "--")
        axis.set_title(f"{outcome.target.name}: {outcome.status}", fontsize=9)
        axis.set_xlabel("step", fontsize=8)
        axis.set_ylabel("LR", fontsize=8)
        axis.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def _panel(axis, outcome: Traced, label: str, style: str) -> None:
    curve = outcome.result["lrs"]
    for group in range(len(curve[0])):
        axis.plot([row[group] for row in curve], style, label=f"{label}group {group}")
    for check in outcome.checks:
        if check.failed and check.step is not None:
            axis.axvline(check.step, color="red", linewidth=0.8, alpha=0.6)
            axis.annotate(check.name, (check.step, axis.get_ylim()[1]), fontsize=7, color="red",
                          rotation=90, va="top")


def echo_errors(errors: List[str], output_format: Optional[str]) -> None:
    if output_format != "json":
        for line in errors:
            click.echo(f"reviewer: error: {line}", err=True)
