"""Lint one source text: trigger check, one parse, one batched traversal, findings."""

from __future__ import annotations

import ast
import bisect
import dataclasses
import re
import warnings

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Dict, List, Optional, Protocol, Sequence, Tuple, Type

import libcst as cst
from libcst._nodes.internal import CodegenState

from reviewer import suppression
from reviewer.context import FileContext
from reviewer.findings import Edit, Finding, TextFix, internal_error
from reviewer.positions import locate
from reviewer.rule import Replacement, Report, Rule, Severity
from reviewer.source import LineIndex, common_prefix
from reviewer.traversal import run_rules

if TYPE_CHECKING:
    from reviewer.project import Project


@dataclass
class LintResult:
    findings: List[Finding]
    #: names of rules that raised on this file
    crashed: List[str] = field(default_factory=list)
    parsed: bool = False


class TooDeep(Exception):
    """Nesting that CPython itself rejects, and that can overflow libcst's native parser."""


_NOT_BRACKET = re.compile(r"[^()\[\]{}]+")
#: anchored at line starts: unanchored, re would try a 5,000-character run at every offset
_VERY_LONG_LINE = re.compile(r"^[^\n]{5000}", re.MULTILINE)
_SAFE_DEPTH = 150


def parse(text: str) -> cst.Module:
    if _suspicious(text):
        # Ask CPython first: it refuses such input cleanly where libcst may crash the process.
        try:
            _cpython_parse(text, "<reviewer>")
        except (RecursionError, MemoryError) as exc:
            raise TooDeep(f"the file is nested too deeply to parse ({type(exc).__name__})") from None
        except SyntaxError as exc:
            if "too many nested" in str(exc.msg):
                raise TooDeep(f"the file is nested too deeply to parse ({exc.msg})") from None
    return cst.parse_module(text)


def _cpython_parse(text: str, path: str) -> ast.Module:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarnings about the reviewed code are not ours to print
        return compile(text, path, "exec", dont_inherit=True, flags=ast.PyCF_ONLY_AST)


def _python_ast(text: str) -> Optional[ast.Module]:
    """CPython's AST for the structural triggers; None when it fails (libcst then reports why)."""
    if _suspicious(text):
        return None
    try:
        return _cpython_parse(text, "<reviewer>")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


@lru_cache(maxsize=4)  # asked for the structural triggers' AST and again for the parse
def _suspicious(text: str) -> bool:
    """Cheap screen for pathological nesting: very long lines or very deep brackets."""
    if len(text) < 2000:
        return False
    if _VERY_LONG_LINE.search(text):
        return True
    brackets = _NOT_BRACKET.sub("", text)
    if len(brackets) < 2 * _SAFE_DEPTH:
        return False
    depth = 0
    for char in brackets:
        depth += 1 if char in "([{" else -1
        if depth > _SAFE_DEPTH:
            return True
    return False


class Parser(Protocol):
    """What parses a text for `lint_text` (the server's parses again only what an edit
    changed), and says where the statements of the module it returned start."""

    def __call__(self, text: str) -> cst.Module: ...

    def statement_starts(self, module: cst.Module) -> Optional[List[int]]:
        """The character offset of each module-level statement (its leading lines
        included) of `module`, when known."""


def lint_text(
    path: str,
    text: str,
    rules: Sequence[Type[Rule]],
    *,
    module: Optional[cst.Module] = None,
    triggers: bool = True,
    torch_release: Optional[Tuple[int, int]] = None,
    parser: Optional[Parser] = None,
    project: Optional[Project] = None,
    fixes: bool = True,
) -> LintResult:
    """All findings of `rules` on `text`, suppressions applied, sorted by position.

    `triggers=False` runs every rule regardless of its text trigger (to test the triggers).
    `fixes=False` leaves the findings without their edits (for callers that compare what
    was found: writing each fix's text is a fair part of a lint).
    `torch_release`: the PyTorch (major, minor) the code runs on, for version-dependent rules.
    `parser`: what parses `text` when a rule needs its tree (the server's reuses the last one).
    `project`: the files around `path`, for the calls they make of its functions.
    """
    selected = {rule.code for rule in rules}
    active = [rule for rule in rules if _has_visitors(rule) and (not triggers or rule.triggered_by(text))]
    if triggers and active and all(rule.structure is not None for rule in active):
        tree = _python_ast(text)
        if tree is not None:
            active = [rule for rule in active if rule.structure(tree)]  # type: ignore[misc]
    index = LineIndex(text)
    findings: List[Finding] = []
    crashed: List[str] = []
    parsed = False
    # A directive that silences nothing is reported only in a file that parses: in one that
    # does not, the syntax error is the finding (and removing the comment would not help).
    unparsable = not active and module is None and suppression.names_reviewer(text) and _python_ast(text) is None
    if active or unparsable:
        if module is None:
            try:
                module = parser(text) if parser is not None else parse(text)
            except cst.ParserSyntaxError as exc:
                finding = _syntax_error(path, index, exc)
                # Valid Python that libcst cannot read is reviewer's failure, not the file's.
                return LintResult([finding], ["libcst's parser"] if finding.name == "internal-error" else [])
            except (TooDeep, RecursionError, MemoryError) as exc:
                return LintResult([_syntax_error(path, index, exc)])
        parsed = True
        starts = parser.statement_starts(module) if parser is not None else None
        context = FileContext(path, text, module, torch_release, starts, project)
        findings, crashed = _traverse(context, active, index, fixes)
    return LintResult(suppression.finish(path, text, index, findings, selected), crashed, parsed)


def _has_visitors(rule: Type[Rule]) -> bool:
    """Engine rules (syntax-error, unused-suppression...) have no visitor to run."""
    return bool(rule.visitor_names())


def _traverse(context: FileContext, active: Sequence[Type[Rule]], index: LineIndex, fixes: bool):
    instances = [rule(context) for rule in active]
    crashed: List[str] = []
    try:
        run_rules(context, instances)
    except RecursionError:
        crashed.append("(traversal)")
        context.reports.clear()
        return [internal_error(context.path, "the file is nested too deeply to analyse (RecursionError)")], crashed
    findings = _resolve(context, index, fixes)
    for error in context.rule_errors:
        crashed.append(error.rule.name)
        findings.append(
            internal_error(context.path, f"rule {error.rule.name} ({error.rule.code}) raised {type(error.exc).__name__}: {error.exc}")
        )
    return findings, crashed


def _resolve(context: FileContext, index: LineIndex, fixes: bool) -> List[Finding]:
    """Turn reports into findings: positions (of the reported nodes only), edits (unless not
    `fixes`)."""
    if not context.reports:
        return []
    tree = context.analysis.index
    # code that never runs (`if 0:`, the `else` of `if 1:`) trains nothing: no finding there
    reports = [r for r in context.reports if not (tree.knows(r.node) and tree.never_runs(r.node))]
    wanted = [report.node for report in reports]
    wanted += [r.old for report in reports if fixes and report.fix is not None for r in report.fix.replacements]
    locations = _locations(context, wanted, index)
    findings = []
    seen = set()
    for report in reports:
        location = locations[report.node]
        where = location.range
        key = (report.rule.code, where.start.line, where.start.column, report.message)
        if key in seen:  # two visits of the same construct report once
            continue
        seen.add(key)
        fix = _text_fix(context, report, index, locations) if fixes and _offered(context, report) else None
        findings.append(
            Finding(
                code=report.rule.code,
                name=report.rule.name,
                message=report.message,
                severity=report.severity,
                path=context.path,
                line=where.start.line,
                column=where.start.column + 1,
                end_line=where.end.line,
                end_column=where.end.column + 1,
                fix=fix,
                suppressible_lines=sorted({where.start.line, location.statement_line}),
            )
        )
    return findings


def _locations(context: FileContext, wanted: List[cst.CSTNode], index: LineIndex):
    """Locations of `wanted`. Where the statements' starts are known, each module-level
    statement holding some is written alone, from its start: an edit's findings cost the
    statements they are in, not the module up to the last of them."""
    starts = context.statement_starts
    body = context.module.body
    tree = context.analysis.index
    if starts is None:
        return locate(context.module, wanted)
    orders = [tree.order(statement) for statement in body]
    held: Dict[int, List[cst.CSTNode]] = {}
    elsewhere = []
    for node in wanted:
        # Every node the index knows but the module is under the last statement before it.
        at = bisect.bisect_right(orders, tree.order(node)) - 1 if tree.knows(node) else -1
        if at < 0:
            elsewhere.append(node)
        else:
            held.setdefault(at, []).append(node)
    found = locate(context.module, elsewhere) if elsewhere else {}
    for at, nodes in held.items():
        line, _ = index.position(starts[at])
        found.update(locate(context.module, nodes, (body[at], line, starts[at])))
    return found


def _offered(context: FileContext, report: Report) -> bool:
    """A fix is offered only if every name it adds a read of is bound where it goes (a
    scheduler saved before it is built, a module not imported): else the finding stays,
    without a fix."""
    if report.fix is None:
        return False
    edits = []
    for replacement in report.fix.replacements:
        new = replacement.new
        nodes = list(new.nodes) if isinstance(new, cst.FlattenSentinel) else [new] if isinstance(new, cst.CSTNode) else []
        edits.append((replacement.old, nodes))
    return context.analysis.index.reads_bound(edits)


class _Replacer(cst.CSTTransformer):
    def __init__(self, replacements: Sequence[Replacement]) -> None:
        super().__init__()
        self.table: Dict[int, Replacement] = {id(r.old): r for r in replacements}

    def on_leave(self, original_node, updated_node):
        replacement = self.table.get(id(original_node))
        if replacement is not None and replacement.old is original_node:
            return replacement.new
        return updated_node


def _text_fix(context: FileContext, report: Report, index: LineIndex, locations) -> TextFix:
    """The fix as text edits: one per region the replacements change, cut to where the
    code with the replacements applied differs."""
    fix = report.fix
    assert fix is not None
    edits = []
    for base, old, new in _regenerated(context, fix.replacements, locations):
        prefix = common_prefix(old, new)
        suffix = common_prefix(old[prefix:][::-1], new[prefix:][::-1])
        # Widen to whole identifiers so that edits read as `get_lr` -> `get_last_lr`.
        while prefix > 0 and _word(old[prefix - 1]):
            prefix -= 1
        while suffix > 0 and _word(old[len(old) - suffix]):
            suffix -= 1
        edits.append(Edit.at(index, base + prefix, base + len(old) - suffix, new[prefix:len(new) - suffix]))
    return TextFix(fix.applicability, fix.message, edits)


def _regenerated(context: FileContext, replacements: Sequence[Replacement], locations) -> List[Tuple[int, str, str]]:
    """[(offset, old code, new code)] of each replaced node (`_local`), else of each
    module-level statement the replacements touch (its code is a verbatim slice of the
    file, so only it is regenerated); the whole module when a replacement is the module's
    own or a check fails."""
    local = _local(context, replacements, locations)
    if local is not None:
        return local
    module = context.module
    groups: Dict[int, Tuple[cst.CSTNode, int, List[Replacement]]] = {}
    for replacement in replacements:
        location = locations.get(replacement.old)
        statement = location.top_level if location is not None else None
        if statement is None or (replacement.old is statement and not isinstance(replacement.new, cst.CSTNode)):
            groups = {}
            break
        groups.setdefault(id(statement), (statement, location.top_level_offset, []))[2].append(replacement)
    regions = []
    for statement, base, group in groups.values():
        old = module.code_for_node(statement)
        if not context.source.startswith(old, base):
            regions = []
            break
        if len(group) == 1 and group[0].old is statement:
            replaced = group[0].new
        else:
            replaced = _replace_along_paths(statement, group)
        if replaced is None:
            replaced = statement.visit(_Replacer(group))
        regions.append((base, old, module.code_for_node(replaced)))
    if regions:
        return sorted(regions, key=lambda region: region[0])
    code = module.visit(_Replacer(replacements)).code
    if context.source.endswith("\r") and not code.endswith(("\r", "\n")):
        code += "\r"  # libcst drops the last line ending of a CR-only file
    return [(0, context.source, code)]


# Nodes whose code does not depend on their parent (an argument's or element's comma, a
# small statement's semicolon do): such a node can be regenerated alone, in its indentation.
_EXPRESSION = (cst.BaseExpression,)
_STATEMENT = (cst.BaseCompoundStatement, cst.SimpleStatementLine)


def _local(context: FileContext, replacements: Sequence[Replacement], locations) -> Optional[List[Tuple[int, str, str]]]:
    """[(offset, old code, new code)] regenerating only the replaced nodes, so that the cost
    of a fix does not grow with the statement around it; None when a replaced node's code
    depends on its parent, its code is not the file's text, or two replacements overlap."""
    module = context.module
    regions = []
    for replacement in replacements:
        location = locations.get(replacement.old)
        if location is None or not _parent_free(replacement.old, replacement.new):
            return None
        start, end = location.extent
        old = _code(module, [replacement.old], location.indent)
        if context.source[start:end] != old:
            return None
        new = replacement.new
        regions.append((start, old, _code(module, list(new.nodes) if isinstance(new, cst.FlattenSentinel) else [new],
                                          location.indent)))
    regions.sort(key=lambda region: region[0])
    if any(a[0] + len(a[1]) > b[0] for a, b in zip(regions, regions[1:])):
        return None
    return regions


def _parent_free(old: cst.CSTNode, new: object) -> bool:
    if isinstance(old, _EXPRESSION):
        return isinstance(new, _EXPRESSION)
    if isinstance(old, _STATEMENT):
        nodes = list(new.nodes) if isinstance(new, cst.FlattenSentinel) else [new]
        return bool(nodes) and all(isinstance(node, _STATEMENT) for node in nodes)
    return False


def _code(module: cst.Module, nodes: Sequence[cst.CSTNode], indent: Tuple[str, ...]) -> str:
    """The code of the nodes as the module writes them under this indentation."""
    state = CodegenState(default_indent=module.default_indent, default_newline=module.default_newline,
                         indent_tokens=list(indent))
    for node in nodes:
        node._codegen(state)
    return "".join(state.tokens)


def _replace_along_paths(root: cst.CSTNode, replacements: Sequence[Replacement]) -> Optional[cst.CSTNode]:
    """Apply replacements by rebuilding only the ancestors of each replaced node (a full
    transformer pass rebuilds every node); None when a case needs the transformer."""
    node = root
    for replacement in replacements:
        path = _path_to(node, replacement.old)
        if not path:
            return None
        new: object = replacement.new
        for parent, name, position in reversed(path):
            value = getattr(parent, name)
            if position is None:
                if not isinstance(new, cst.CSTNode):
                    return None
                new = parent.with_changes(**{name: new})
                continue
            items = list(value)
            if isinstance(new, cst.RemovalSentinel):
                del items[position]
            elif isinstance(new, cst.FlattenSentinel):
                items[position:position + 1] = list(new.nodes)
            else:
                items[position] = new
            new = parent.with_changes(**{name: tuple(items) if isinstance(value, tuple) else items})
        node = new  # type: ignore[assignment]
    return node


def _path_to(root: cst.CSTNode, target: cst.CSTNode):
    """[(parent, field, index or None), ...] from `root` down to `target`, by identity."""
    todo: List[tuple] = [(root, [])]
    while todo:
        node, path = todo.pop()
        for name in _fields(type(node)):
            value = getattr(node, name)
            if isinstance(value, cst.CSTNode):
                step = path + [(node, name, None)]
                if value is target:
                    return step
                todo.append((value, step))
            elif isinstance(value, (list, tuple)):
                for position, item in enumerate(value):
                    if isinstance(item, cst.CSTNode):
                        step = path + [(node, name, position)]
                        if item is target:
                            return step
                        todo.append((item, step))
    return None


@lru_cache(maxsize=None)
def _fields(kind: type) -> Tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _syntax_error(path: str, index: LineIndex, exc: BaseException) -> Finding:
    line, column = 1, 1
    if isinstance(exc, cst.ParserSyntaxError):
        line, column = exc.raw_line, exc.raw_column + 1
        message = exc.message.splitlines()[0].replace("parser error: ", "").replace("tokenizer error: ", "")
        # CPython pinpoints the token and words it better; ask it only for files that failed.
        try:
            _cpython_parse(index.text, path)
        except SyntaxError as python:
            if python.lineno:
                line, column = python.lineno, max(python.offset or 1, 1)
                message = python.msg
        except (ValueError, RecursionError, MemoryError):
            pass
        else:  # valid Python that libcst's parser cannot read (e.g. 10,000 joined strings)
            return internal_error(path, f"The libcst parser cannot read this file, which Python compiles ({message}); "
                                        "it was not reviewed")
        message = f"Syntax error: {message}"
    elif isinstance(exc, TooDeep):
        message = f"Syntax error: {exc}"
    else:
        message = f"Syntax error: the file is nested too deeply to parse ({type(exc).__name__})"
    line = max(1, min(line, index.line_count()))
    return Finding("RV001", "syntax-error", message, Severity.ERROR, path, line, column, line, column)
