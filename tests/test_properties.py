"""Property-based tests: linting never raises, fixes always parse, are fixpoints and keep comments.

REVIEWER_FUZZ_EXAMPLES raises the number of generated programs for a nightly-style run.
"""

import io
import os
import tokenize

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer import registry
from reviewer.engine import lint_text
from reviewer.fixer import fix_text

from conftest import FIXTURES

# hypothesmith compiles what it generates; CPython's warnings about that code are noise here.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")
ALL = registry.select(["ALL"])
EXAMPLES = int(os.environ.get("REVIEWER_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
SOURCES = sorted(p for p in FIXTURES.glob("*/*.py") if not p.name.endswith(".fixed.py"))


def comments(text):
    found = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            found.append(token.string)
    return found


def check_fix(path, text):
    """Fixing yields parsable text, is a fixpoint, and keeps comments outside replaced code."""
    outcome = fix_text(path, text, ALL, unsafe=True)
    assert not outcome.broken, outcome.error
    cst.parse_module(outcome.text)
    assert fix_text(path, outcome.text, ALL, unsafe=True).text == outcome.text
    replaced = "".join(edit_text(f, text) for f in outcome.applied)
    for comment in comments(text):
        if comment not in replaced and not comment.startswith(("# noqa", "# reviewer:")):
            assert comment in outcome.text, comment
    return outcome


def edit_text(finding, text):
    return "".join(text[e.start:e.end] for e in finding.fix.edits) if finding.fix else ""


@FUZZ
@given(hypothesmith.from_grammar())
def test_generated_programs_never_crash_a_rule(source):
    # Triggers off: every rule visits every generated program.
    result = lint_text("generated.py", source, ALL, triggers=False)
    assert not result.crashed, [f.message for f in result.findings if f.name == "internal-error"]


@FUZZ
@given(hypothesmith.from_node(cst.Module))
def test_generated_modules_fix_cleanly(source):
    try:
        cst.parse_module(source)
    except cst.ParserSyntaxError:
        return
    check_fix("generated.py", source)


# -- variants of our own fixtures keep their findings ------------------------------------

UNRELATED = '''

def unrelated_helper(values):
    """Nothing to see here."""
    total = 0
    for value in values:
        total += value  # a comment
    return total
'''


@st.composite
def fixture_variant(draw):
    path = draw(st.sampled_from(SOURCES))
    text = path.read_text()
    # Blank and comment lines are valid anywhere before `from __future__` too.
    extra = draw(st.lists(st.sampled_from(["\n", "# an extra comment\n"]), max_size=6))
    variant = "".join(extra) + text + draw(st.sampled_from(["", UNRELATED]))
    return path, text, variant, len(extra)


@settings(max_examples=max(25, EXAMPLES // 2), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(fixture_variant())
def test_fixture_variants_keep_findings_and_fix_cleanly(case):
    path, text, variant, shift = case
    before = {(f.line, f.name) for f in lint_text(str(path), text, ALL).findings}
    after = {(f.line - shift, f.name) for f in lint_text(str(path), variant, ALL).findings}
    assert after == before
    check_fix(str(path), variant)
