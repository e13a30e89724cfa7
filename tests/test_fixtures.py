"""The generic fixture runner: `fixtures/<rule-name>/*.py` with `# error: <rule-name>` marks."""

import ast
import re

import pytest

from reviewer import registry
from reviewer.engine import lint_text
from reviewer.fixer import fix_text

from conftest import FIXTURES

MARK = re.compile(r"#\s*error:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)")
ALL = registry.select(["ALL"])
SOURCES = sorted(p for p in FIXTURES.glob("*/*.py") if not p.name.endswith(".fixed.py"))
FIXED = [p for p in SOURCES if p.with_name(p.stem + ".fixed.py").exists()]


def _ids(paths):
    return [f"{p.parent.name}/{p.name}" for p in paths]


def expected_marks(text):
    marks = set()
    for number, line in enumerate(text.splitlines(), 1):
        match = MARK.search(line)
        if match:
            marks |= {(number, name.strip()) for name in match.group(1).split(",")}
    return marks


def reported(path, text, **options):
    result = lint_text(str(path), text, ALL, **options)
    # code quoted from several lines is written on one (concise output, SARIF, editors)
    assert all("\n" not in f.message for f in result.findings), path
    return {(f.line, f.name) for f in result.findings}


def test_there_are_fixtures():
    assert SOURCES, "no fixtures found"


def test_every_fixture_folder_is_a_rule():
    names = {rule.name for rule in registry.all_rules()}
    for folder in FIXTURES.iterdir():
        if folder.is_dir():
            assert folder.name in names, f"fixtures/{folder.name} names no rule"


# Findings about reviewer or the file itself, not about code: tested in test_reliability*.py.
NOT_ABOUT_CODE = ("internal-error", "io-error")


@pytest.mark.parametrize("rule", [r for r in registry.all_rules() if r.name not in NOT_ABOUT_CODE], ids=lambda r: r.name)
def test_every_rule_has_positive_and_clean_fixtures(rule):
    files = sorted((FIXTURES / rule.name).glob("*.py"))
    sources = [p for p in files if not p.name.endswith(".fixed.py")]
    assert sources, f"{rule.name} has no fixtures"
    marks = [expected_marks(p.read_text()) for p in sources]
    assert any((n, rule.name) in m for m in marks for n, _ in m), f"{rule.name} has no positive fixture"
    assert any(not m for m in marks), f"{rule.name} has no fixture without findings"
    if rule.fix_applicability is not None and rule.name != "unused-suppression":
        assert any(p.with_name(p.stem + ".fixed.py").exists() for p in sources), f"{rule.name} fixes but has no .fixed.py"


@pytest.mark.parametrize("path", SOURCES, ids=_ids(SOURCES))
def test_marks_match_findings(path):
    text = path.read_text()
    assert reported(path, text) == expected_marks(text)


@pytest.mark.parametrize("path", SOURCES, ids=_ids(SOURCES))
def test_triggers_never_hide_a_finding(path):
    text = path.read_text()
    assert reported(path, text) == reported(path, text, triggers=False)


@pytest.mark.parametrize("path", SOURCES, ids=_ids(SOURCES))
def test_each_rule_alone_is_triggered_where_it_fires(path):
    """Each rule's own triggers, text and structural, let through every fixture it flags
    (with all rules selected, another rule's trigger could mask a gap)."""
    text = path.read_text()
    flagged = {name for _, name in reported(path, text, triggers=False)}
    for rule in ALL:
        if rule.name in flagged and rule.visitor_names():
            assert rule.triggered_by(text), rule.name
            if rule.structure is not None:
                assert rule.structure(ast.parse(text)), rule.name


@pytest.mark.parametrize("path", FIXED, ids=_ids(FIXED))
def test_fix_gives_expected_text_and_is_idempotent(path):
    expected_path = path.with_name(path.stem + ".fixed.py")
    expected = expected_path.read_text()
    outcome = fix_text(str(path), path.read_text(), ALL, unsafe=True)
    assert outcome.error is None
    assert outcome.text == expected
    again = fix_text(str(expected_path), expected, ALL, unsafe=True)
    assert again.error is None
    assert again.text == expected


def _scope_problems(text):
    """pyflakes' messages about names: undefined, used before assignment, unused imports the
    fix may have orphaned; as (kind, name) pairs, positions left out (a fix moves lines)."""
    from pyflakes import checker, messages

    kinds = (messages.UndefinedName, messages.UndefinedLocal, messages.UndefinedExport)
    tree = ast.parse(text)
    return sorted((type(m).__name__, str(m.message_args[0])) for m in checker.Checker(tree).messages
                  if isinstance(m, kinds))


@pytest.mark.parametrize("path", FIXED, ids=_ids(FIXED))
def test_a_fix_reads_no_name_the_original_did_not_bind(path):
    original = path.read_text()
    fixed = path.with_name(path.stem + ".fixed.py").read_text()
    compile(fixed, str(path), "exec")
    new = set(_scope_problems(fixed)) - set(_scope_problems(original))
    assert not new, f"the fixed text reads names that are not bound: {sorted(new)}"


def test_the_scope_check_sees_a_name_read_before_it_is_bound():
    # issue 14's first case: a checkpoint saving the scheduler before it is built
    text = "def f(optimizer, save, make):\n    save(scheduler.state_dict())\n    scheduler = make(optimizer)\n"
    assert _scope_problems(text) == [("UndefinedName", "scheduler")]
    assert _scope_problems("import torch\ntorch.cuda.synchronize()\n") == []
    assert _scope_problems("torch.cuda.synchronize()\n") == [("UndefinedName", "torch")]
