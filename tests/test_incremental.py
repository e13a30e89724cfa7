"""The server's incremental parser: after any sequence of edits its tree is the whole
parse's, and an edit in the middle of a file parses only a few statements again."""

import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import FIXTURES, ROOT
from reviewer import registry
from reviewer.engine import lint_text
from reviewer.incremental import IncrementalParser

SOURCES = sorted(p for p in FIXTURES.glob("*/*.py") if not p.name.endswith(".fixed.py"))
# Lines that move comments between blocks, open and close blocks, change the indentation
# or the line ending, or break the file.
SNIPPETS = ["# note\n", "\n", "x = 1\n", "    # indented\n", "  # less\n", "def g():\n    pass\n",
            "if a:\n  b = 2\n", "(\n", '"""\n', "else:\n    y\n", "\tz = 2\n", "@decorator\n",
            "w = 3\r\n", "class K:\n        v = 1\n"]
EDIT = st.tuples(st.sampled_from(["insert", "delete", "type", "indent", "dedent"]),
                 st.floats(0, 1), st.sampled_from(SNIPPETS), st.sampled_from(["x", " ", "  # e", ":", ")", "1"]))


def edited(text: str, edit) -> str:
    kind, where, line_text, typed = edit
    lines = text.splitlines(keepends=True)
    at = min(int(where * (len(lines) + 1)), len(lines))
    if kind == "insert" or not lines:
        lines.insert(at, line_text)
    else:
        at = min(at, len(lines) - 1)
        line = lines[at]
        if kind == "delete":
            del lines[at]
        elif kind == "type":
            column = int(where * 1000) % (len(line.rstrip("\r\n")) + 1)
            lines[at] = line[:column] + typed + line[column:]
        elif kind == "indent":
            lines[at] = "    " + line
        else:
            lines[at] = line[4:] if line.startswith("    ") else line.lstrip(" \t")
    return "".join(lines)


def assert_parses_as_whole(parser: IncrementalParser, text: str) -> None:
    try:
        whole = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        with pytest.raises(cst.ParserSyntaxError) as raised:
            parser(text)
        assert str(raised.value) == str(exc)  # the whole parse's error, at the same place
        return
    got = parser(text)
    assert got.deep_equals(whole)
    assert (got.default_indent, got.default_newline, got.has_trailing_newline) == (
        whole.default_indent, whole.default_newline, whole.has_trailing_newline)
    assert got.code == text
    starts = parser.statement_starts(got)
    assert starts is not None and len(starts) == len(whole.body)
    for at in {0, len(whole.body) // 2, len(whole.body) - 1} & set(range(len(whole.body))):
        before = whole.with_changes(body=whole.body[:at], footer=())
        assert starts[at] == (len(before.code) if at or whole.header else 0)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SOURCES), st.lists(EDIT, min_size=1, max_size=6), st.booleans())
def test_any_edits_parse_as_the_whole_text_does(path, edits, crlf):
    text = path.read_text(encoding="utf-8")
    if crlf:
        text = text.replace("\n", "\r\n")
    parser = IncrementalParser()
    assert_parses_as_whole(parser, text)
    for edit in edits:
        text = edited(text, edit)
        assert_parses_as_whole(parser, text)


class Counting:
    """libcst's parse, counting the characters it is given."""

    def __init__(self) -> None:
        self.characters = 0

    def __call__(self, text: str) -> cst.Module:
        self.characters += len(text)
        return cst.parse_module(text)


LONG = "".join(
    f"def step_{i}(optimizer, epoch):\n    # decay {i}\n    for group in optimizer.param_groups:\n"
    f"        group['lr'] = 0.1 * 0.5 ** (epoch // {i + 1})\n\n\n" for i in range(200))


EXTRA = "A = 1\nB = 2\n\n\ndef extra():\n    pass\n\n\nC = 3\nD = 4\n"
WITH_EXTRA = LONG.replace("def step_100(", EXTRA + "def step_100(")


@pytest.mark.parametrize("before, changed", [
    (LONG, LONG.replace("# decay 100", "# halved decay 100")),
    (WITH_EXTRA, WITH_EXTRA.replace("def extra():\n    pass\n", "")),  # a block, not the first
], ids=["typed", "deleted"])
def test_an_edit_in_the_middle_parses_three_statements_again(before, changed):
    counting = Counting()
    parser = IncrementalParser(counting)
    parser(before)
    assert counting.characters == len(before)
    counting.characters = 0
    assert parser(changed).deep_equals(cst.parse_module(changed))
    one = len(LONG) // 200
    assert 0 < counting.characters < 4 * one  # the edited statement and one on each side


def test_a_syntax_error_keeps_the_last_tree_that_parsed():
    counting = Counting()
    parser = IncrementalParser(counting)
    parser(LONG)
    middle = LONG.index("# decay 100")
    broken = LONG[:middle] + "(\n" + LONG[middle:]
    with pytest.raises(cst.ParserSyntaxError) as whole:
        cst.parse_module(broken)
    with pytest.raises(cst.ParserSyntaxError) as raised:
        parser(broken)
    assert raised.value.raw_line == whole.value.raw_line > 600  # the whole text's error, not the region's
    counting.characters = 0
    mended = LONG[:middle] + "# mended\n" + LONG[middle:]
    assert parser(mended).deep_equals(cst.parse_module(mended))
    assert counting.characters < len(LONG) // 20


def middle_functions(transform, edit=False):
    """LONG with its middle functions rewritten by `transform`, and the middle one edited."""
    start, end = LONG.index("def step_50("), LONG.index("def step_150(")
    middle = LONG[start:end].replace("# decay 100", "# decay 100, edited" if edit else "# decay 100")
    return LONG[:start] + transform(middle) + LONG[end:]


TWO_SPACES_FIRST = "import torch\n\n\ndef first():\n  pass\n\n\nA = 1\nB = 2\n" + LONG


@pytest.mark.parametrize("before, changed, why", [
    (LONG, LONG.replace("    ", "  "), "every block's indentation changes"),
    *((middle_functions(transform), middle_functions(transform, edit=True), why) for transform, why in [
        (lambda code: code.replace("    ", "\t\t\t\t"), "the edited part is indented by another string"),
        (lambda code: code.replace("\n", "\r"), "the edited part ends lines with another newline"),
    ]),
    (TWO_SPACES_FIRST, TWO_SPACES_FIRST.replace("def first():\n  pass\n", ""),
     "the first indented block, which set the indentation, is deleted"),
])
def test_changes_to_what_other_statements_were_read_with_parse_the_whole_text(before, changed, why):
    counting = Counting()
    parser = IncrementalParser(counting)
    parser(before)
    counting.characters = 0
    assert_parses_as_whole(parser, changed)
    assert counting.characters >= len(changed), why


@pytest.mark.parametrize("path", [
    ROOT / "examples" / "train_warmboot.py",
    FIXTURES / "get-lr-instead-of-get-last-lr" / "logging_get_lr.py",
    FIXTURES / "counter-reset" / "published_seed.py",
    FIXTURES / "counter-reset" / "shapes.py",
], ids=lambda p: p.name)
def test_findings_and_fixes_of_an_edited_text_are_the_whole_parses(path):
    rules = [info.load() for info in registry.catalogue()]
    text = path.read_text(encoding="utf-8")
    parser = IncrementalParser()
    lines = text.splitlines(keepends=True)
    for at in (0, len(lines) // 3, len(lines) // 2, len(lines)):
        text = "".join([*lines[:at], "# edited\n", *lines[at:]])
        alone = lint_text(str(path), text, rules).findings
        assert alone, "a file without findings would not test their positions"
        assert lint_text(str(path), text, rules, parser=parser).findings == alone
