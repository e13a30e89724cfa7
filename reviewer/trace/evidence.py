"""`reviewer check --trace`: run the schedules that schedule findings sit in and add what the
run shows to each finding (the one place where `check` executes the code it reviews)."""

from __future__ import annotations

from typing import List, Optional

from reviewer import notebook, registry
from reviewer.findings import Finding
from reviewer.trace.tracing import TORCH_MISSING, Settings, TraceError, Traced, prepare, run, torch_installed


def schedule_codes() -> frozenset:
    """The rules whose findings change what the LR does (their fixes must be proven by a run)."""
    return frozenset(rule.code for rule in registry.all_rules() if rule.changes_schedule)


def add_evidence(findings: List[Finding], settings: Optional[Settings] = None) -> List[str]:
    """Append "Traced: ..." to every schedule finding inside a schedule the file's call sites
    and defaults let run; returns one-line warnings for files that could not be traced."""
    settings = settings or Settings()
    if not torch_installed():
        return [f"--trace: {TORCH_MISSING}; nothing was traced"]
    codes = schedule_codes()
    wanted = [f for f in findings if f.code in codes and f.cell is None and not notebook.is_notebook(f.path)]
    warnings: List[str] = []
    files = []
    for path in dict.fromkeys(f.path for f in wanted):
        try:
            files.append(prepare(path, [], settings))
        except TraceError as exc:
            warnings.append(f"--trace: {exc}")
    outcomes = run(files, settings) if files else []
    for finding in wanted:
        around = [o for o in outcomes if o.path == finding.path and o.target.line <= finding.line <= o.target.end_line]
        if around:
            finding.message = f"{finding.message} {evidence(max(around, key=lambda o: o.target.line))}"
    return warnings


def evidence(outcome: Traced) -> str:
    if outcome.reason is not None:
        return f"Not traced: {outcome.reason}."
    failed = [c for c in outcome.checks if c.failed]
    steps = outcome.result.get("steps")
    if not failed:
        return f"Traced over {steps} steps: every check passed."
    return "Traced: " + "; ".join(f"{c.name}: {c.message}" for c in failed) + "."
