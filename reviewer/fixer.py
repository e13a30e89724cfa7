"""Applying fixes to a fixpoint: non-overlapping edits, re-parse, re-lint, repeat."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence, Tuple, Type

import libcst as cst

from reviewer.engine import lint_text
from reviewer.findings import Applicability, Finding, apply_edits
from reviewer.rule import Rule

MAX_ROUNDS = 10

Linter = Callable[[str, Optional[cst.Module]], List[Finding]]


@dataclass
class FixOutcome:
    text: str
    applied: List[Finding] = field(default_factory=list)
    remaining: List[Finding] = field(default_factory=list)
    #: one-line problem (a fix that broke the syntax, no convergence), else None
    error: Optional[str] = None
    #: the fixes failed: one produced text that does not parse, or they did not converge (exit 2)
    broken: bool = False


def applicable(finding: Finding, unsafe: bool) -> bool:
    if finding.fix is None:
        return False
    if finding.fix.applicability is Applicability.SAFE:
        return True
    return unsafe and finding.fix.applicability is Applicability.UNSAFE


def choose(findings: Sequence[Finding], unsafe: bool) -> List[Finding]:
    """Fixes whose edits overlap none chosen before (a fix's edits go together or not at all)."""
    chosen: List[Finding] = []
    taken: List[Tuple[int, int]] = []
    for finding in findings:
        if not applicable(finding, unsafe):
            continue
        spans = [(edit.start, edit.end) for edit in finding.fix.edits]  # type: ignore[union-attr]
        if any(_overlap(span, other) for span in spans for other in taken):
            continue
        chosen.append(finding)
        taken.extend(spans)
    return chosen


def _overlap(a: Tuple[int, int], b: Tuple[int, int]) -> bool:
    # Touching insertions at one point conflict too: their order would be arbitrary.
    if a[0] == a[1] or b[0] == b[1]:
        return b[0] <= a[0] <= b[1] or a[0] <= b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def fix_to_fixpoint(text: str, lint: Linter, unsafe: bool, findings: Optional[List[Finding]] = None) -> FixOutcome:
    """Fix `text` until nothing more is fixable, keeping the last text that parsed.

    `lint(text, module)` returns the findings of a text (module: its parse, when known);
    `findings` are those of the original text when already known (from the cache).
    """
    outcome = FixOutcome(text)
    if findings is None:
        findings = lint(text, None)
    original = findings
    for _ in range(MAX_ROUNDS):
        chosen = choose(findings, unsafe)
        if not chosen:
            outcome.remaining = findings
            return outcome
        candidate = apply_edits(outcome.text, [edit for f in chosen for edit in f.fix.edits])  # type: ignore[union-attr]
        module = _parses(candidate)
        if module is None:
            culprits = _culprits(outcome.text, chosen)
            outcome.error = "a fix by {} produced invalid syntax; the file was left as it was before that fix".format(
                ", ".join(sorted({f.name for f in culprits}))
            )
            outcome.broken = True
            good = [f for f in chosen if f not in culprits]
            if good:
                retry = apply_edits(outcome.text, [edit for f in good for edit in f.fix.edits])  # type: ignore[union-attr]
                if _parses(retry) is not None:
                    outcome.text = retry
                    outcome.applied.extend(good)
            outcome.remaining = lint(outcome.text, None)
            return outcome
        outcome.text = candidate
        outcome.applied.extend(chosen)
        findings = lint(candidate, module)
    outcome.remaining = findings
    looping = {f.name for f in choose(findings, unsafe)}
    if looping:
        # a fix whose finding keeps coming back: undo everything, say which
        where = ", ".join(dict.fromkeys(f"{f.name} (line {f.line})" for f in original if f.name in looping)) \
            or ", ".join(sorted(looping))
        outcome.error = (f"fixes by {where} did not converge after {MAX_ROUNDS} rounds; "
                         "the file was left as it was")
        outcome.text, outcome.applied, outcome.remaining, outcome.broken = text, [], original, True
    return outcome


def _parses(text: str) -> Optional[cst.Module]:
    try:
        return cst.parse_module(text)
    except Exception:  # noqa: BLE001 - any parser failure means "does not parse"
        return None


def _culprits(text: str, chosen: Sequence[Finding]) -> List[Finding]:
    return [
        finding for finding in chosen
        if _parses(apply_edits(text, finding.fix.edits)) is None  # type: ignore[union-attr]
    ] or list(chosen)


def fix_text(path: str, text: str, rules: Sequence[Type[Rule]], unsafe: bool = False) -> FixOutcome:
    """Fix one text with `rules` (no cache, no files): the library entry point."""
    return fix_to_fixpoint(text, lambda t, m: lint_text(path, t, rules, module=m).findings, unsafe)
