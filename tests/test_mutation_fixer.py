"""The fixer's promises, exactly: which fixes are chosen and what a broken or looping fix
leaves behind (tests/mutation.py's fixer target; the exit 2 they cause is tested in
test_mutation_exit_codes.py)."""

from typing import List, Optional

from reliability import TRIGGERING
from reviewer import fixer
from reviewer.findings import Applicability, Edit, Finding, Severity, TextFix
from reviewer.fixer import FixOutcome, choose, fix_text, fix_to_fixpoint
from reviewer.registry import select


def finding(name: str, edits: List[Edit], applicability: Optional[Applicability] = Applicability.SAFE,
            line: int = 1) -> Finding:
    fix = None if applicability is None else TextFix(applicability, "fix", edits)
    return Finding("RV999", name, "m", Severity.ERROR, "f.py", line, 1, line, 2, fix)


def test_choose_takes_safe_fixes_and_unsafe_ones_only_when_asked():
    safe = finding("safe", [Edit(0, 1, "a")])
    unsafe = finding("unsafe", [Edit(2, 3, "b")], Applicability.UNSAFE)
    shown = finding("shown", [Edit(4, 5, "c")], Applicability.DISPLAY_ONLY)
    none = finding("none", [], None)
    assert choose([none, safe, unsafe, shown], unsafe=False) == [safe]
    assert choose([none, safe, unsafe, shown], unsafe=True) == [safe, unsafe]


def test_choose_skips_a_fix_overlapping_an_earlier_one_and_goes_on():
    first = finding("first", [Edit(0, 4, "x")])
    overlapping = finding("overlapping", [Edit(9, 10, "y"), Edit(3, 5, "z")])
    later = finding("later", [Edit(4, 6, "w")])
    assert choose([first, overlapping, later], unsafe=False) == [first, later]


def test_overlap_of_ranges_and_insertions():
    overlap = fixer._overlap
    assert overlap((0, 4), (3, 5)) and overlap((3, 5), (0, 4))
    assert not overlap((0, 4), (4, 6)) and not overlap((4, 6), (0, 4))  # touching ranges
    assert overlap((2, 2), (2, 2))  # two insertions at one point
    assert overlap((2, 2), (0, 4)) and overlap((0, 4), (2, 2)) and overlap((4, 4), (0, 4)) and overlap((0, 4), (4, 4))
    assert overlap((0, 4), (0, 0)) and overlap((0, 0), (0, 4))
    assert not overlap((5, 5), (0, 4)) and not overlap((0, 4), (5, 5)) and not overlap((1, 1), (2, 2))


class Script:
    """A linter whose findings depend on the text: `rounds[text]`."""

    def __init__(self, rounds):
        self.rounds = rounds
        self.calls = []

    def __call__(self, text, module):
        self.calls.append((text, module is not None))
        return list(self.rounds.get(text, []))


def test_fix_to_fixpoint_applies_rounds_until_nothing_is_fixable():
    lint = Script({
        "a = 1\n": [finding("one", [Edit(4, 5, "2")]), finding("no-fix", [], None)],
        "a = 2\n": [finding("two", [Edit(4, 5, "3")])],
        "a = 3\n": [finding("left", [], None)],
    })
    outcome = fix_to_fixpoint("a = 1\n", lint, unsafe=False)
    assert outcome.text == "a = 3\n"
    assert [f.name for f in outcome.applied] == ["one", "two"]
    assert [f.name for f in outcome.remaining] == ["left"]
    assert (outcome.error, outcome.broken) == (None, False)
    # the later rounds lint the parsed candidate: its module is passed on
    assert lint.calls == [("a = 1\n", False), ("a = 2\n", True), ("a = 3\n", True)]


def test_an_outcome_starts_with_nothing_applied_or_remaining():
    assert FixOutcome("x") == FixOutcome("x", [], [], None, False)


def test_known_findings_are_not_linted_again():
    lint = Script({})
    known = [finding("known", [], None)]
    outcome = fix_to_fixpoint("a = 1\n", lint, unsafe=False, findings=known)
    assert outcome.remaining == known and lint.calls == []
    assert outcome == FixOutcome("a = 1\n", [], known, None, False)


def test_a_fix_that_breaks_the_syntax_is_dropped_the_others_kept_and_the_outcome_is_broken():
    good = finding("good", [Edit(4, 5, "2")])
    bad = finding("bad", [Edit(8, 9, "(")])
    worse = finding("worse", [Edit(12, 13, "[")])
    left = finding("left", [], None)
    text = "a = 1\nb = 1\nc = 1\n"
    lint = Script({text: [good, bad, worse], "a = 2\nb = 1\nc = 1\n": [left]})
    outcome = fix_to_fixpoint(text, lint, unsafe=False)
    assert outcome.text == "a = 2\nb = 1\nc = 1\n"
    assert outcome.applied == [good]
    assert outcome.remaining == [left]
    assert outcome.broken is True
    assert outcome.error == ("a fix by bad, worse produced invalid syntax; "
                             "the file was left as it was before that fix")


def test_fixes_that_break_only_together_are_all_blamed_and_none_applied():
    # each alone parses (`a, c = b`, `a += b`); together they do not: no single culprit, so all are
    pair, augmented = finding("pair", [Edit(0, 1, "a, c")]), finding("augmented", [Edit(1, 4, " += ")])
    outcome = fix_to_fixpoint("a = b\n", Script({"a = b\n": [pair, augmented]}), unsafe=False)
    assert outcome.text == "a = b\n" and outcome.applied == []
    assert outcome.broken and outcome.error.startswith("a fix by augmented, pair produced invalid syntax")


def test_fixes_that_do_not_converge_are_all_undone():
    flip = {"a = 1\n": "a = 2\n", "a = 2\n": "a = 1\n"}
    lint = Script({text: [finding("flip", [Edit(4, 5, new[4])], line=3)] for text, new in flip.items()})
    outcome = fix_to_fixpoint("a = 1\n", lint, unsafe=False)
    assert outcome.text == "a = 1\n"
    assert outcome.applied == []
    assert [(f.name, f.line) for f in outcome.remaining] == [("flip", 3)]
    assert outcome.broken is True
    assert outcome.error == ("fixes by flip (line 3) did not converge after 10 rounds; "
                             "the file was left as it was")
    assert len(lint.calls) == fixer.MAX_ROUNDS + 1


def test_a_looping_fix_not_in_the_original_findings_is_named_by_rule():
    lint = Script({"a = 1\n": [finding("once", [Edit(4, 5, "2")])]})
    for number in range(2, 13):
        lint.rounds[f"a = {number}\n"] = [finding("grows", [Edit(4, 4 + len(str(number)), str(number + 1))])]
    outcome = fix_to_fixpoint("a = 1\n", lint, unsafe=False)
    assert outcome.error == "fixes by grows did not converge after 10 rounds; the file was left as it was"
    assert outcome.text == "a = 1\n" and outcome.applied == [] and outcome.broken


def test_ten_rounds_that_converge_on_the_last_are_no_loop():
    lint = Script({f"a = {n}\n": [finding("step", [Edit(4, 5, str(n + 1))])] for n in range(10)})
    outcome = fix_to_fixpoint("a = 0\n", lint, unsafe=False)
    assert outcome.text == "a = 10\n" and len(outcome.applied) == 10
    assert (outcome.broken, outcome.error, outcome.remaining) == (False, None, [])


def test_fix_text_fixes_with_real_rules():
    outcome = fix_text("train.py", TRIGGERING, select(["RV203"]))
    assert outcome.text == TRIGGERING.replace("get_lr()", "get_last_lr()")
    assert [f.code for f in outcome.applied] == ["RV203"] and outcome.remaining == []


def test_unsafe_fixes_that_do_not_converge_are_named_each_once_in_order():
    def findings(text):
        first, second = text[4], text[10]
        return [finding("flip", [Edit(4, 5, "2" if first == "1" else "1")], Applicability.UNSAFE, line=1),
                finding("flop", [Edit(10, 11, "2" if second == "1" else "1")], Applicability.UNSAFE, line=2),
                finding("flip", [], None, line=1)]

    texts = [f"a = {a}\nb = {b}\n" for a in "12" for b in "12"]
    outcome = fix_to_fixpoint("a = 1\nb = 1\n", Script({t: findings(t) for t in texts}), unsafe=True)
    assert outcome.error == ("fixes by flip (line 1), flop (line 2) did not converge after 10 rounds; "
                             "the file was left as it was")
    assert outcome.text == "a = 1\nb = 1\n" and outcome.broken


def test_new_fixes_that_do_not_converge_are_named_in_order():
    lint = Script({"a = 1\nb = 1\n": [finding("start", [Edit(4, 5, "2")])]})
    for n in range(2, 14):
        lint.rounds[f"a = {n}\nb = 1\n"] = [finding("zeta", [Edit(4, 4 + len(str(n)), str(n + 1))]),
                                            finding("alpha", [Edit(len(str(n)) + 9, len(str(n)) + 10, "1")])]
    outcome = fix_to_fixpoint("a = 1\nb = 1\n", lint, unsafe=False)
    assert outcome.error == "fixes by alpha, zeta did not converge after 10 rounds; the file was left as it was"


def test_fix_text_applies_unsafe_fixes_only_when_asked():
    text = ("import torch\nfrom torch.optim.lr_scheduler import LambdaLR\nopt = torch.optim.SGD([], lr=0.1)\n"
            "sched = LambdaLR(opt, lambda s: s / max(1, cfg.WARMUP))\n")
    kept = fix_text("train.py", text, select(["RV106"]))
    assert kept.text == text and [(f.code, f.path) for f in kept.remaining] == [("RV106", "train.py")]
    fixed = fix_text("train.py", text, select(["RV106"]), unsafe=True)
    assert fixed.text == text.replace("s / max(1, cfg.WARMUP)", "min(1.0, s / max(1, cfg.WARMUP))")
    assert [(f.code, f.path) for f in fixed.applied] == [("RV106", "train.py")]
