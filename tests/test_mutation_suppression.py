"""Suppression comments, exactly: what each directive silences, which are reported
unused and how their fix rewrites the line (tests/mutation.py's suppression target)."""

import pytest

from reviewer import suppression
from reviewer.engine import lint_text
from reviewer.findings import Finding, Severity
from reviewer.fixer import fix_text
from reviewer.registry import select
from reviewer.source import LineIndex

RULES = select(["RV203", "RV003", "RV307"])
#: binds `sched`, so `sched.get_lr()` is an RV203 finding; the cases below start on line 4
HEAD = ("import torch\nopt = torch.optim.SGD([], lr=0.1)\n"
        "sched = torch.optim.lr_scheduler.StepLR(opt, 10)\n")
UNUSED = "Unused suppression of RV203: the rule does not fire here."


def review(text, rules=RULES):
    """[(line counted from the case's first, code, message, fix message)], and the --fix result."""
    found = lint_text("t.py", HEAD + text, rules).findings
    fixed = fix_text("t.py", HEAD + text, rules).text
    assert fixed.startswith(HEAD)
    return [(f.line - 3, f.code, f.message, f.fix and f.fix.message) for f in found], fixed[len(HEAD):]


@pytest.mark.parametrize("text", [
    "print(sched.get_lr())  # noqa: RV203\n",
    "print(sched.get_lr())  # NOQA:rv203\n",
    "print(sched.get_lr())  # noqa: get-lr-instead-of-get-last-lr\n",
    "print(sched.get_lr())  # noqa\n",
    "print(sched.get_lr())  # reviewer: ignore[get-lr-instead-of-get-last-lr]\n",
    "print(sched.get_lr())  # reviewer: ignore\n",
    "# reviewer: ignore-file[RV203]\nprint(sched.get_lr())\nprint(sched.get_lr())\n",
    "# reviewer: ignore-file\nprint(sched.get_lr())\n",
    "x = 1 \\\n    + sched.get_lr()[0]  # noqa: RV203\n",
    "y = sched.get_lr() \\\n    + [1]  # noqa: RV203\n",
    "y = [sched.get_lr(), '''\n''']  # noqa: RV203\n",
])
def test_a_directive_silences_its_finding_and_is_used(text):
    assert review(text) == ([], text)


@pytest.mark.parametrize("text", [
    "print(sched.get_lr())  # noqa: E501\n",
    "print(sched.get_lr())  # noqa: RV307\n",
    "print(sched.get_lr())  # reviewer: ignore[RV307]\n",
    "print(sched.get_lr())\n# noqa: RV203\n",
    "# reviewer: ignore-file[RV307]\nprint(sched.get_lr())\n",
])
def test_a_directive_for_another_rule_or_line_silences_nothing(text):
    found, _ = review(text)
    assert "RV203" in [code for _, code, _, _ in found]


def test_a_finding_spanning_lines_is_silenced_where_its_statement_ends():
    text = "print(\n    sched.get_lr(),\n)  # noqa: RV203\n"
    found, fixed = review(text)
    # the finding is on line 2, the statement ends on 3: a comment there covers line 1 only
    assert [(line, code) for line, code, _, _ in found] == [(2, "RV203"), (3, "RV003")]
    assert fixed == "print(\n    sched.get_last_lr(),\n)\n"


@pytest.mark.parametrize("text, message, fix, fixed", [
    ("x = 1  # noqa: RV203\n", UNUSED, "Remove the suppression comment", "x = 1\n"),
    ("x = 1\t# noqa: RV203\n", UNUSED, "Remove the suppression comment", "x = 1\n"),
    ("x = 1  # noqa: RV203, E501\n", UNUSED, "Remove RV203 from the comment", "x = 1  # noqa: E501\n"),
    ("x = 1  # noqa: E501,RV203,B950\n", UNUSED, "Remove RV203 from the comment", "x = 1  # noqa: E501, B950\n"),
    ("x = 1  # reviewer: ignore[RV203, RV307]\n", "Unused suppression of RV203, RV307: the rule does not fire here.",
     "Remove the suppression comment", "x = 1\n"),
    ("x = 1  # reviewer: ignore[RV203, E501]\n", "Suppression names unknown rule E501.",
     "Remove the suppression comment", "x = 1\n"),
    ("x = 1  # reviewer: ignore[RV999]\n", "Suppression names unknown rule RV999.", "Remove the suppression comment",
     "x = 1\n"),
    ("x = 1  # reviewer: ignore\n", "Suppression comment silences nothing.", "Remove the suppression comment",
     "x = 1\n"),
    ("x = 1  # reviewer: ignore-file\n", "Suppression comment silences nothing.", "Remove the suppression comment",
     "x = 1\n"),
    ("# reviewer: ignore-file[RV203]\nx = 1\n", UNUSED, "Remove the suppression comment", "x = 1\n"),
    ("x = 1\n  # noqa: RV203\ny = 2\n", UNUSED, "Remove the suppression comment", "x = 1\ny = 2\n"),
    ("x = 1  # note  # noqa: RV203\n", UNUSED, "Remove the suppression comment", "x = 1  # note\n"),
    ("x = 1  # noqa: RV203 # note\n", UNUSED, "Remove the suppression comment", "x = 1  # note\n"),
    ("x = 1  # note  # reviewer: ignore[RV203]\n", UNUSED, "Remove the suppression comment", "x = 1  # note\n"),
    ("x = 1  # noqa\ny = 2  # noqa: RV203\n", UNUSED, "Remove the suppression comment", "x = 1  # noqa\ny = 2\n"),
    ("print(sched.get_lr())  # reviewer: ignore[RV203, RV601, RV307]\n",
     "Unused suppression of RV307: the rule does not fire here.", "Remove RV307 from the comment",
     "print(sched.get_lr())  # reviewer: ignore[RV203, RV601]\n"),
    ("x = 1  # noqa: RV203\ny = 2  # other\n", UNUSED, "Remove the suppression comment", "x = 1\ny = 2  # other\n"),
    ("# noqa: RV203\nx = 1 ", UNUSED, "Remove the suppression comment", "x = 1 "),
    ("x = X  # noqa: RV203\n", UNUSED, "Remove the suppression comment", "x = X\n"),
    ("x = 1  # noqa: RV203 Xyz\n", UNUSED, "Remove the suppression comment", "x = 1  # Xyz\n"),
    ("x = 1  # reviewer: ignore[RV998, RV999]\n", "Suppression names unknown rule RV998, RV999.",
     "Remove the suppression comment", "x = 1\n"),
    ("x = 1  # noqa: RV203, RV307, E501\n", "Unused suppression of RV203, RV307: the rule does not fire here.",
     "Remove RV203, RV307 from the comment", "x = 1  # noqa: E501\n"),
    ("print(sched.get_lr())  # noqa: RV203\ny = 2  # noqa: RV203\n", UNUSED, "Remove the suppression comment",
     "print(sched.get_lr())  # noqa: RV203\ny = 2\n"),
    ("x = 1  # noqa: RV203  trailing words\n", UNUSED, "Remove the suppression comment", "x = 1  # trailing words\n"),
    ("x = 1  # reviewer: ignore[RV203, B023]  # noqa: E501\n",
     "Unused suppression of RV203, B023: the rule does not fire here.", "Remove the suppression comment",
     "x = 1  # noqa: E501\n"),
    ("x = '''\n# noqa: RV203\n'''  # noqa: RV203\n", UNUSED, "Remove the suppression comment", "x = '''\n# noqa: RV203\n'''\n"),
])
def test_an_unused_directive_is_reported_and_its_fix_removes_exactly_it(text, message, fix, fixed):
    found, result = review(text)
    assert [finding[1:] for finding in found] == [("RV003", message, fix)]
    assert result == fixed


@pytest.mark.parametrize("text", [
    "x = 1  # noqa\n",  # may serve another linter
    "x = 1  # noqa: E501\n",
    "x = 1  # noqa: RV999\n",  # not one of ours, as flake8 codes go
    "x = 1  # noqa: B023\n",  # our rule's alias, in noqa: maybe flake8-bugbear's
    "x = 1  # noqa: lambda-late-binding\n",  # a rule's name in noqa is not its code
    "x = 1  # noqa: RV003\n",  # silences the unused-suppression finding itself
    "x = 1  # reviewer: ignore[RV003]\n",
    "x = 1  # noqa: RV203  # reviewer: ignore[RV003]\n",  # an unused directive silenced by another
    "x = 1  # noqa: RV203  # noqa\n",
])
def test_directives_that_are_never_reported_unused(text):
    assert review(text) == ([], text)


def test_a_directive_for_an_unselected_rule_is_not_reported():
    assert review("x = 1  # noqa: RV203\n", select(["RV003"])) == ([], "x = 1  # noqa: RV203\n")
    found, _ = review("x = 1  # reviewer: ignore[RV999]\n", select(["RV003"]))
    assert [code for _, code, _, _ in found] == ["RV003"]


def test_codes_of_unselected_rules_are_kept_when_the_directive_is_rewritten():
    found, fixed = review("x = 1  # noqa: RV203, RV307\n", select(["RV203", "RV003"]))
    assert [finding[1:] for finding in found] == [("RV003", UNUSED, "Remove RV203 from the comment")]
    assert fixed == "x = 1  # noqa: RV307\n"


def test_unused_suppression_findings_are_not_reported_unless_selected():
    assert review("x = 1  # noqa: RV203\n", select(["RV203"])) == ([], "x = 1  # noqa: RV203\n")


def test_the_unused_finding_s_position_is_the_directive_s():
    found = lint_text("t.py", "x = 1  # note # noqa: RV203\n", RULES).findings
    assert [(f.line, f.column, f.end_line, f.end_column, f.suppressible_lines) for f in found] == [(1, 15, 1, 28, [1])]
    assert found[0].severity is Severity.WARNING and found[0].name == "unused-suppression"
    assert found[0].fix.edits[0].start == 13 and found[0].fix.edits[0].end == 27


def test_an_unused_directive_can_itself_be_silenced():
    text = "x = 1  # noqa: RV203  # noqa: RV003\n"
    assert review(text) == ([], text)


@pytest.mark.parametrize("comment, directives", [
    ("# noqa", [(0, 6, [])]),
    ("#NOQA", [(0, 5, [])]),
    ("# noqa: E501 line is long", [(0, 12, ["E501"])]),
    ("# NOQA:RV203,B023 x", [(0, 17, ["RV203", "B023"])]),
    ("# noqa: because RV203", [(0, 6, [])]),
    ("# noqa: lambda-late-binding, RV203", [(0, 34, ["lambda-late-binding", "RV203"])]),
    ("#noqa:E501 # noqa: RV203", [(0, 10, ["E501"]), (11, 24, ["RV203"])]),
    ("# no qa", []),
])
def test_noqa_directives(comment, directives):
    assert list(suppression.noqa_directives(comment)) == directives


@pytest.mark.parametrize("text, expected", [
    ("x = 1", False), ("# noqa: E501", False), ("# noqa", False), ("# noqa: RV203", True), ("# reviewer: ignore", True),
    ("#noqa:B023", True), ("# NOQA: get-lr-instead-of-get-last-lr", True), ("# reviewer :ignore-file", True), ("# Reviewer: ignore", False),
])
def test_names_reviewer(text, expected):
    assert suppression.names_reviewer(text) is expected


def test_parse_positions_kinds_codes_and_covered_lines():
    def parse(text):
        return [(s.line, s.start, s.end, s.kind, s.codes, s.covers) for s in suppression.parse(text, LineIndex(text))]

    assert parse("a = 1  # noqa: RV203\n") == [(1, 7, 20, "noqa", ["RV203"], range(1, 2))]
    assert parse("a = 1\nx = (\n  1)  # reviewer: ignore[RV203, ]  # noqa\n") == [
        (3, 18, 45, "ignore", ["RV203"], range(3, 4)), (3, 47, 53, "noqa", [], range(3, 4))]
    assert parse('a = 1\nx = """\n"""  # noqa\n') == [(3, 19, 25, "noqa", [], range(2, 4))]
    assert parse("a = 1\n# reviewer: ignore-file\n") == [(2, 6, 29, "ignore-file", [], range(2, 3))]
    # text that does not tokenize: each line's first `#` is a comment, covering its own line
    assert parse("def f(:\n  x = '#'  # noqa: RV203\n") == [(2, 19, 32, "noqa", ["RV203"], range(2, 3))]
    assert parse("def f(:\n  # noqa: RV203\n") == [(2, 10, 23, "noqa", ["RV203"], range(2, 3))]
    assert parse("x = 1  # nothing\n") == [] and parse("x = 1\n") == []


def test_comment_lines_and_where_a_directive_goes():
    assert suppression.comment_lines("x = '''\na\n'''\ny = (1,\n 2)\n") == [3, 4, 5]
    assert suppression.comment_lines("def f(:\n") is None
    assert [suppression.comment_line_for(line, [1, 3, 5]) for line in (1, 2, 3, 5, 6)] == [1, 3, 3, 5, None]


@pytest.mark.parametrize("comment", ["# noqa", "# noqa: RV001, RV002, RV004", "# reviewer: ignore-file"])
def test_the_engine_s_own_findings_are_never_silenced(comment):
    text = f"x  {comment}\n"
    own = [Finding(code, name, "m", Severity.ERROR, "t.py", 1, 1, 1, 2, suppressible_lines=[1])
           for code, name in (("RV001", "syntax-error"), ("RV002", "internal-error"), ("RV004", "io-error"))]
    assert suppression.apply(own, suppression.parse(text, LineIndex(text))) == own


def test_findings_named_unsuppressible_are_never_silenced():
    error = Finding("RV001", "syntax-error", "m", Severity.ERROR, "t.py", 1, 1, 1, 2, suppressible_lines=[1])
    other = Finding("RV203", "get-lr-instead-of-get-last-lr", "m", Severity.ERROR, "t.py", 1, 1, 1, 2,
                    suppressible_lines=[1])
    text = "x  # noqa\n"
    comments = suppression.parse(text, LineIndex(text))
    assert suppression.apply([error, other], comments) == [error]
    assert comments[0].blanket_used and comments[0].used == set()
    assert suppression.apply([error], []) == [error]


def test_finish_sorts_and_adds_the_unused_findings():
    text = "x = 1  # noqa: RV203\n"
    late = Finding("RV307", "lambda-late-binding", "m", Severity.ERROR, "t.py", 2, 1, 2, 2, suppressible_lines=[2])
    early = Finding("RV307", "lambda-late-binding", "m", Severity.ERROR, "t.py", 1, 3, 1, 4, suppressible_lines=[])
    found = suppression.finish("t.py", text, LineIndex(text), [late, early], {"RV003", "RV203", "RV307"})
    assert [(f.line, f.column, f.code) for f in found] == [(1, 3, "RV307"), (1, 8, "RV003"), (2, 1, "RV307")]
    assert suppression.finish("t.py", text, LineIndex(text), [], {"RV307"}) == []


def test_a_rule_s_alias_silences_it_in_any_case():
    rules = select(["RV601", "RV003"])
    for comment in ("# noqa: B006", "# noqa: b006", "# reviewer: ignore[B006]"):
        text = f"def f(x=[]):  {comment}\n    return x\n"
        assert lint_text("t.py", text, rules).findings == [], comment
    found = lint_text("t.py", "def f(x=[]):  # noqa: B023\n    return x\n", rules).findings
    assert [f.code for f in found] == ["RV601"]


def test_a_suppression_made_without_its_covered_lines_covers_its_own():
    finding = Finding("RV203", "get-lr-instead-of-get-last-lr", "m", Severity.ERROR, "t.py", 1, 1, 1, 2,
                      suppressible_lines=[1])
    assert suppression.apply([finding], [suppression.Suppression(1, 0, 6, "noqa", [])]) == []


def test_text_that_does_not_tokenize_is_scanned_line_by_line():
    def parse(text):
        return [(s.line, s.start, s.end, s.codes) for s in suppression.parse(text, LineIndex(text))]

    assert parse("# noqa: RV203\ndef f(:\n") == [(1, 0, 13, ["RV203"])]
    assert parse("def f(:\n  x = 1  # noqa: RV203  # note\n") == [(2, 17, 30, ["RV203"])]


def test_parse_reads_every_comment_with_a_directive():
    text = "# plain\nx = 1  # noqa: RV203\n"
    assert [(s.line, s.codes) for s in suppression.parse(text, LineIndex(text))] == [(2, ["RV203"])]


def test_a_noqa_followed_by_no_code_ends_after_noqa():
    assert list(suppression.noqa_directives("# noqa: noqa")) == [(0, 6, [])]


def test_an_unused_directive_at_the_very_start_of_the_file():
    assert fix_text("t.py", "# noqa: RV203\nx = 1 ", RULES).text == "x = 1 "
    assert fix_text("t.py", "  # noqa: RV203\nx = 1 ", RULES).text == "x = 1 "
