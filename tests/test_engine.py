"""The engine with small rules defined here: traversal, positions, fixes, suppression, containment."""

import libcst as cst
import pytest

from reviewer import registry
from reviewer.engine import lint_text
from reviewer.findings import Edit, Finding
from reviewer.fixer import apply_edits, choose, fix_text
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity
from reviewer.triggers import patterns


class ShoutRule(Rule):
    """Flags calls to `shout()` and offers a safe rename to `print()` (a builtin: bound everywhere)."""

    code = "RV901"
    name = "shout"
    summary = "test rule"
    documentation = "test"
    trigger = r"shout"
    fix_applicability = Applicability.SAFE

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == "shout":
            new = node.with_changes(func=cst.Name("print"))
            self.report(node, "do not shout", fix=Fix(Applicability.SAFE, "Say it", [Replacement(node, new)]))


class CrashRule(Rule):
    code = "RV902"
    name = "crash"
    summary = "test rule that raises"
    documentation = "test"

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == "boom":
            raise ValueError("kaboom")


class BreakRule(Rule):
    """A buggy fix that produces invalid syntax."""

    code = "RV903"
    name = "break"
    summary = "test"
    documentation = "test"
    trigger = r"breakme"
    fix_applicability = Applicability.UNSAFE

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == "breakme":
            self.report(node, "x", fix=Fix(Applicability.UNSAFE, "x", [Replacement(node, cst.Name("lambda"))]))


def lint(text, rules=(ShoutRule,), **options):
    return lint_text("t.py", text, list(rules), **options)


def test_position_and_message():
    result = lint("x = 1\nif x:\n    shout('hi')\n")
    [finding] = result.findings
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, 5, 3, 16)
    assert finding.code == "RV901" and finding.message == "Do not shout."
    assert finding.fix.edits[0].content == "print"
    assert (finding.fix.edits[0].line, finding.fix.edits[0].column) == (3, 5)



def test_findings_without_their_fixes_are_the_same_findings():
    text = "x = 1\nif x:\n    shout('hi')\nshout(x)  # note\n"
    with_fixes = lint_text("t.py", text, [ShoutRule]).findings
    without = lint_text("t.py", text, [ShoutRule], fixes=False).findings
    assert [f.fix is not None for f in with_fixes] == [True, True] and [f.fix for f in without] == [None, None]
    assert [(f.line, f.column, f.end_column, f.message) for f in without] == \
        [(f.line, f.column, f.end_column, f.message) for f in with_fixes] == [(3, 5, 16, "Do not shout."),
                                                                              (4, 1, 9, "Do not shout.")]


DEAD = """\
if 0:
    shout(1)
elif x:
    shout(2)
if (True):
    shout(3)
elif x:
    shout(4)
else:
    shout(5)
while not 1:
    shout(6)
else:
    shout(7)
while 1:
    break
else:
    shout(8)
if 0.0 or x:
    shout(9)
if False:
    shout(10)
if None:
    shout(11)
if not x:
    shout(12)
else:
    shout(13)
"""


def test_no_finding_in_code_a_constant_test_never_runs():
    """The body of `if 0:`, the other branches of `if True:`, the `else` of `while 1:`: only
    code that can run is reviewed (a test that is not a bare constant is not decided)."""
    assert [f.line for f in lint(DEAD).findings] == [4, 6, 14, 20, 26, 28]


def test_trigger_skips_parsing():
    result = lint("def broken(:\n")
    assert result.findings == [] and not result.parsed


def test_syntax_error_is_a_finding_with_position():
    [finding] = lint("x = 1\nshout(\n").findings
    assert finding.name == "syntax-error"
    assert (finding.line, finding.column) == (2, 6) and finding.severity is Severity.ERROR
    assert finding.message == "Syntax error: '(' was never closed."


def test_crashing_rule_is_contained():
    text = "boom = 1\nshout()\n"
    result = lint(text, rules=(ShoutRule, CrashRule))
    names = [f.name for f in result.findings]
    assert names == ["internal-error", "shout"]
    assert "crash (RV902) raised ValueError: kaboom" in result.findings[0].message
    assert result.crashed == ["crash"]


def test_fix_to_fixpoint_and_idempotent():
    outcome = fix_text("t.py", "shout(shout(1))\n", [ShoutRule])
    assert outcome.text == "print(print(1))\n"
    assert len(outcome.applied) == 2
    assert fix_text("t.py", outcome.text, [ShoutRule]).text == outcome.text


def test_broken_fix_is_reverted_and_named():
    outcome = fix_text("t.py", "breakme = 1\nshout()\n", [ShoutRule, BreakRule], unsafe=True)
    assert outcome.broken and "break" in outcome.error
    assert outcome.text == "breakme = 1\nprint()\n"


def test_unsafe_fix_needs_unsafe():
    assert fix_text("t.py", "breakme\n", [BreakRule], unsafe=False).applied == []


def test_line_endings_and_comments_survive_fixes():
    text = "# head\r\nshout(1)  # keep me\r\n"
    assert fix_text("t.py", text, [ShoutRule]).text == "# head\r\nprint(1)  # keep me\r\n"


def test_apply_edits_and_choose_skip_overlaps():
    assert apply_edits("abcdef", [Edit(4, 5, "E"), Edit(0, 1, "A")]) == "AbcdEf"

    def finding(start, end):
        from reviewer.findings import TextFix

        return Finding("RV901", "shout", "m", Severity.ERROR, "t.py", 1, 1, 1, 1,
                       TextFix(Applicability.SAFE, "m", [Edit(start, end, "x")]))

    chosen = choose([finding(0, 3), finding(2, 4), finding(3, 5)], unsafe=False)
    assert [(f.fix.edits[0].start) for f in chosen] == [0, 3]


def test_noqa_and_ignore_comments():
    text = (
        "shout()  # noqa: RV901\n"
        "shout()  # reviewer: ignore[shout]\n"
        "shout()  # noqa\n"
        "shout()  # noqa: E501\n"
        "x = '# noqa: RV901'; shout()\n"
    )
    assert [f.line for f in lint(text).findings] == [4, 5]


def test_multiline_statement_suppressed_on_first_line():
    text = "value = compute(  # noqa: RV901\n    1,\n    shout(),\n)\n"
    assert lint(text).findings == []


def test_ignore_file():
    assert lint("# reviewer: ignore-file[shout]\nshout()\nshout()\n").findings == []


def test_registry_selection():
    codes = {rule.code for rule in registry.select(["RV00"])}
    assert codes == {"RV001", "RV002", "RV003", "RV004"}
    with pytest.raises(registry.SelectionError, match="unknown rule selector 'NOPE'"):
        registry.select(["NOPE"])
    assert registry.select(["ALL"], ignore=["RV0"]) == [r for r in registry.all_rules() if not r.code.startswith("RV0")]


def test_every_rule_is_well_formed():
    import re

    names = set()
    for rule in registry.all_rules():
        assert re.fullmatch(r"RV\d{3}", rule.code), rule
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule
        assert rule.name not in names
        names.add(rule.name)
        assert rule.summary and rule.documentation.strip()
        if rule.trigger is not None:
            for pattern in patterns(rule.trigger):
                re.compile(pattern)
        # The traversal dispatches on node classes only: no `visit_Call_func` attribute visitors.
        for method in rule.visitor_names():
            assert hasattr(cst, method.split("_", 1)[1]), (rule.name, method)
        doc = rule.documentation_markdown()
        assert doc.startswith(f"# {rule.name} ({rule.code})")
        if rule.code >= "RV100":
            for section in ("## What it does", "## Why it matters", "## Example"):
                assert section in doc, (rule.name, section)


class PairRule(Rule):
    """Renames `shout` calls and the `def shout` they call together: one fix, two regions."""

    code = "RV904"
    name = "pair"
    summary = "test"
    documentation = "test"
    trigger = r"shout"
    fix_applicability = Applicability.SAFE

    def visit_Module(self, node: cst.Module) -> None:
        definitions = [s for s in node.body if isinstance(s, cst.FunctionDef) and s.name.value == "shout"]
        calls = [s for s in node.body if isinstance(s, cst.SimpleStatementLine)
                 and isinstance(s.body[0], cst.Expr) and isinstance(s.body[0].value, cst.Call)]
        if definitions and calls:
            replacements = [Replacement(definitions[0].name, cst.Name("say")),
                            Replacement(calls[-1].body[0].value.func, cst.Name("say"))]
            self.report(definitions[0], "pair", fix=Fix(Applicability.SAFE, "Rename", replacements))


def test_a_fix_spanning_statements_edits_each_region_and_nothing_else():
    text = "# head\n@decorate\ndef shout():\n    pass\n\n\nx = [1,\n  2]\nshout()\n"
    [finding] = lint(text, [PairRule]).findings
    edits = finding.fix.edits
    assert [(e.line, e.column, e.end_line, e.end_column, e.content) for e in edits] == [
        (3, 5, 3, 10, "say"), (9, 1, 9, 6, "say")]
    assert apply_edits(text, edits) == text.replace("def shout", "def say").replace("shout()\n", "say()\n")


class GrowRule(Rule):
    """A buggy fix that never makes its finding go away: `grow(x)` becomes `grow(x + 1)`."""

    code = "RV905"
    name = "grow"
    summary = "test"
    documentation = "test"
    trigger = r"grow"
    fix_applicability = Applicability.SAFE

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == "grow":
            arg = node.args[0].value
            new = node.with_changes(args=[cst.Arg(cst.BinaryOperation(arg, cst.Add(), cst.Integer("1")))])
            self.report(node, "grow", fix=Fix(Applicability.SAFE, "Grow", [Replacement(node, new)]))


def test_fixes_that_do_not_converge_are_undone_and_named():
    text = "x = 1\ny = grow(x)\nshout('a')\n"
    outcome = fix_text("t.py", text, [GrowRule, ShoutRule])
    assert outcome.text == text  # nothing half-fixed: the shout fix is undone too
    assert outcome.applied == []
    assert outcome.broken
    assert outcome.error == "fixes by grow (line 2) did not converge after 10 rounds; the file was left as it was"
    assert [(f.name, f.line) for f in outcome.remaining] == [("grow", 2), ("shout", 3)]


class ReadRule(Rule):
    """Replaces `mark()` by the expression written in its string argument (`mark("x.y")`),
    to test which reads the engine lets a fix add."""

    code = "RV905"
    name = "read"
    summary = "test"
    documentation = "test"
    trigger = r"mark"
    fix_applicability = Applicability.SAFE

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == "mark":
            new = cst.parse_expression(node.args[0].value.evaluated_value)
            self.report(node, "m", fix=Fix(Applicability.SAFE, "read", [Replacement(node, new)]))


@pytest.mark.parametrize("text, offered", [
    # issue 14's first case: the name is bound only after the fix's place
    ("def f(o):\n    save(mark('scheduler.state_dict()'))\n    scheduler = make(o)\n", False),
    ("def f(o):\n    scheduler = make(o)\n    save(mark('scheduler.state_dict()'))\n", True),
    # bound on one path only
    ("def f(o, c):\n    if c:\n        s = make(o)\n    mark('s')\n", False),
    ("def f(o, c):\n    if c:\n        s = make(o)\n    else:\n        s = None\n    mark('s')\n", True),
    ("def f(o, c, d):\n    if c:\n        s = make(o)\n    elif d:\n        return\n    else:\n        s = None\n    mark('s')\n", True),
    ("def f(o, c, d):\n    if c:\n        s = make(o)\n    elif d:\n        pass\n    else:\n        s = None\n    mark('s')\n", False),
    ("def f(o, c):\n    s = None\n    if c:\n        s = make(o)\n    mark('s')\n", True),
    # a module not imported, imported, imported only in another function
    ("def f():\n    mark('torch.cuda.synchronize()')\n", False),
    ("import torch\ndef f():\n    mark('torch.cuda.synchronize()')\n", True),
    ("def g():\n    import torch\ndef f():\n    mark('torch.cuda.synchronize()')\n", False),
    # parameters, builtins, names of the module and of enclosing functions
    ("def f(x):\n    mark('max(1, x)')\n", True),
    ("def f():\n    mark('max(1, W)')\nW = 3\n", True),
    ("def f():\n    w = 1\n    def g():\n        mark('w')\n    return g\n", True),
    # a loop's target exists inside the loop, not after a loop that may not run
    ("def f(xs):\n    for x in xs:\n        mark('x')\n", True),
    ("def f(xs):\n    for x in xs:\n        pass\n    mark('x')\n", False),
    # names the new code binds itself
    ("def f(xs):\n    mark('[y for y in xs]')\n", True),
    ("def f():\n    mark('lambda t: t + 1')\n", True),
    # an attribute of self: set in __init__, set under a condition, set by an outside base
    ("class S:\n    def __init__(self):\n        self.last = 0\n    def step(self):\n        return mark('self.last')\n", True),
    ("class S:\n    def __init__(self, c):\n        if c:\n            self.last = 0\n    def step(self):\n        return mark('self.last')\n", False),
    ("class S:\n    def __init__(self):\n        self.base = 0\n    def step(self):\n        return mark('self.last')\n", False),
    ("class S:\n    def step(self):\n        self.last = 1\n        return mark('self.last')\n", True),
    ("class S(Base):\n    def step(self):\n        return mark('self.last_epoch')\n", True),
    # set under a condition, but read before the fix's place on every path that reaches it
    ("class S:\n    def __init__(self, c):\n        if c:\n            self.last = 0\n"
     "    def step(self):\n        self.last.x()\n        return mark('self.last')\n", True),
    ("class S:\n    def last(self):\n        return 1\n    def step(self):\n        return mark('self.last()')\n", True),
])
def test_a_fix_is_offered_only_where_the_names_it_reads_are_bound(text, offered):
    [finding] = lint(text, [ReadRule]).findings
    assert (finding.fix is not None) is offered


def test_a_renamed_binding_binds_its_new_name_for_the_fix():
    # PairRule renames a function and its call together: the call's new name is bound by the fix
    text = "def shout():\n    pass\nshout()\n"
    [finding] = lint(text, [PairRule]).findings
    assert finding.fix is not None


class GuardRule(Rule):
    """Puts `print()` before each statement `mark()`, or (`mark(arg)`) replaces the argument:
    replacements of a whole statement and of a node whose code depends on its parent."""

    code = "RV905"
    name = "guard"
    summary = "test"
    documentation = "test"
    trigger = r"mark"
    fix_applicability = Applicability.SAFE

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        call = getattr(node.body[0], "value", None)
        if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "mark":
            if call.args:
                new = call.args[0].with_changes(value=cst.Name("len"))
                self.report(call, "arg", fix=Fix(Applicability.SAFE, "arg", [Replacement(call.args[0], new)]))
            else:
                guard = cst.parse_statement("print()\n")
                self.report(node, "g", fix=Fix(Applicability.SAFE, "g", [Replacement(node, cst.FlattenSentinel([guard, node]))]))


@pytest.mark.parametrize("text, fixed", [
    # a statement two blocks deep, then one at module level: its leading blank and comment
    # lines are its own, so the statement put before it goes before them
    ("def f(xs):\n    for x in xs:\n\n        # why\n        mark()  # now\n    return 1\n",
     "def f(xs):\n    for x in xs:\n        print()\n\n        # why\n        mark()  # now\n    return 1\n"),
    ("x = 1\n  # odd comment\nmark()\n", "x = 1\nprint()\n  # odd comment\nmark()\n"),
    # tabs, and the last line without its newline (its code then differs from the file's)
    ("if c:\n\tmark()\n", "if c:\n\tprint()\n\tmark()\n"),
    ("if c:\n    mark()", "if c:\n    print()\n    mark()"),
    # an argument's comma comes from its call: the statement around it is regenerated
    ("def f():\n    mark(a, b)\n", "def f():\n    mark(len, b)\n"),
    ("def f():\n    mark(a , )\n", "def f():\n    mark(len , )\n"),
])
def test_fixes_regenerate_only_the_replaced_node_and_keep_the_text_around(text, fixed):
    findings = lint(text, [GuardRule]).findings
    assert apply_edits(text, [e for f in findings for e in f.fix.edits]) == fixed


def test_local_regions_refuse_parent_dependent_and_overlapping_replacements():
    from reviewer.engine import _local, parse
    from reviewer.context import FileContext
    from reviewer.positions import locate

    text = "def f():\n    g(a, b)\n"
    module = parse(text)
    statement = module.body[0].body.body[0]
    call = statement.body[0].value
    context = FileContext("t.py", text, module)
    locations = locate(module, [statement, call, call.args[0], call.func])
    assert _local(context, [Replacement(call.args[0], call.args[0])], locations) is None
    assert _local(context, [Replacement(statement, statement), Replacement(call.func, cst.Name("h"))], locations) is None
    assert _local(context, [Replacement(call.func, cst.Name("h"))], locations) == [(13, "g", "h")]
    assert _local(context, [Replacement(statement, cst.FlattenSentinel([statement, statement]))], locations) == [
        (9, "    g(a, b)\n", "    g(a, b)\n    g(a, b)\n")]


class OrderRule(Rule):
    """Records the order it is called in, to hold the traversal to libcst's."""

    code = "RV905"
    name = "order"
    summary = "test"
    documentation = "test"
    seen: list = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.seen.append(f"visit def {node.name.value}")

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.seen.append(f"leave def {node.name.value}")

    def visit_Call(self, node: cst.Call) -> None:
        self.seen.append(f"visit call {cst.Module([]).code_for_node(node.func)}")

    def leave_Call(self, node: cst.Call) -> None:
        self.seen.append(f"leave call {cst.Module([]).code_for_node(node.func)}")


def test_rules_visit_in_source_order_and_leave_after_the_subtree_inner_first():
    OrderRule.seen = []
    lint("def outer():\n    def inner():\n        f(g())\nh()\n", [OrderRule])
    assert OrderRule.seen == [
        "visit def outer", "visit def inner", "visit call f", "visit call g",
        "leave call g", "leave call f", "leave def inner", "leave def outer",
        "visit call h", "leave call h",
    ]
