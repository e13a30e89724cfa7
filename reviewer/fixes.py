"""Edits that several rules' fixes are built from, so that each is written once.

Every builder returns None where it cannot keep the program coherent: a fix that would read
a name not bound where it goes, or change one of an attribute's writes and not the others,
is not offered at all.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, List, Optional, Sequence, Set, Tuple, TypeVar

import libcst as cst

from reviewer.analysis.tree import code, dotted_name, is_docstring, parameters, subscript_key
from reviewer.rule import Replacement

ItemT = TypeVar("ItemT", cst.DictElement, cst.Arg)

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis
    from reviewer.analysis.scopes import Index
    from reviewer.analysis.updates import Compounding


def remove_argument(call: cst.Call, index: int) -> cst.Call:
    """`call` without its argument at `index`, keeping commas and line layout well-formed."""
    args = list(call.args)
    removed = args.pop(index)
    if index == len(args) and args:  # the removed one was last: its comma goes to the new last
        previous = args[-1]
        if isinstance(removed.comma, cst.Comma):
            comma = removed.comma
            if isinstance(previous.comma, cst.Comma):
                before, after = previous.comma.whitespace_after, comma.whitespace_after
                if isinstance(before, cst.ParenthesizedWhitespace) and isinstance(after, cst.ParenthesizedWhitespace):
                    after = after.with_changes(first_line=before.first_line)  # keep the previous line's comment
                comma = comma.with_changes(whitespace_before=previous.comma.whitespace_before, whitespace_after=after)
            args[-1] = previous.with_changes(comma=comma)
        elif not _has_comment(previous.comma):
            args[-1] = previous.with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return call.with_changes(args=args)


def comments_dropped(old: cst.CSTNode, new: cst.CSTNode) -> bool:
    """Whether `new` lost a comment that `old` has: such a fix is unsafe (as in Ruff), since
    the user's words would vanish without the behaviour changing to show it."""
    def comments(node: cst.CSTNode) -> List[str]:
        found: List[str] = []

        class Collect(cst.CSTVisitor):
            def visit_Comment(self, comment: cst.Comment) -> None:
                found.append(comment.value)

        node.visit(Collect())
        return found

    remaining = comments(new)
    return any(remaining.count(text) < count for text, count in Counter(comments(old)).items())


def _has_comment(comma) -> bool:
    return isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace) and (
        comma.whitespace_after.first_line.comment is not None
    )


def evaluates_quietly(analysis: "FileAnalysis", expr: cst.BaseExpression) -> bool:
    """Computing `expr` can have no effect and cannot raise: a literal, or a name bound on
    every path to where it is read. (An attribute may be a property; a call may do anything.)"""
    if isinstance(expr, (cst.Integer, cst.Float, cst.SimpleString)):
        return True
    return type(expr) is cst.Name and (expr.value in ("True", "False", "None") or analysis.index.bound_at(expr.value, expr))


def builtin_visible(analysis: "FileAnalysis", name: str, at: cst.CSTNode) -> bool:
    """`name` means the builtin where `at` is (nothing in the file rebinds it there)."""
    return not analysis.index.lookup(name, at)


_ATOMS = (cst.Name, cst.Attribute, cst.Subscript, cst.Call, cst.Integer, cst.Float, cst.SimpleString)


def times(left: cst.BaseExpression, right: cst.BaseExpression) -> cst.BinaryOperation:
    """`left * right`, parenthesising `right` where precedence needs it."""
    if not isinstance(right, _ATOMS) and not (
        isinstance(right, cst.BinaryOperation) and isinstance(right.operator, (cst.Multiply, cst.Power))
    ) and not right.lpar:
        right = right.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return cst.BinaryOperation(left, cst.Multiply(), right)


def group_snapshot(target: cst.Subscript) -> cst.BaseExpression:
    """What `X["lr"]` should be computed from: `X["initial_lr"]` (torch schedulers store it),
    or, where nothing stored it, the LR of the first call: `X.setdefault("initial_lr", X["lr"])`."""
    receiver = code(target.value)
    index = target.slice[0].slice
    quote = '"'
    if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
        quote = index.value.quote if index.value.quote in ("'", '"') else '"'
    return cst.parse_expression(f"{receiver}.setdefault({quote}initial_lr{quote}, {receiver}[{quote}lr{quote}])")


_NEW_ATTRIBUTES = ("last_lr", "current_lr", "scheduled_lr")


def snapshot_fix(analysis: "FileAnalysis", update: "Compounding", what: str) -> Optional[tuple]:
    """(message, replacements) that compute the LR from its base instead of the live value.

    For `X["lr"]` the factor multiplies the snapshot of the initial LR. For an attribute of a
    class, the attribute stays the base and every compounding update of it in the class
    stores its result in a new attribute, which `__init__` sets to the base and every other
    read of the attribute outside `__init__` then reads; offered only when that covers every
    write and read of the attribute."""
    if update.aliased:
        return None  # the LR is read through a local: which read to snapshot is not one node
    if update.attr is None:
        target = update.target
        if not isinstance(target, cst.Subscript) or subscript_key(target) != "lr":
            # a settings attribute (`args.lr`) or an element of a list of LRs (`self.lrs[i]`):
            # where its first value could be kept is not one place
            return None
        snapshot = group_snapshot(target)
        if update.own is not None:
            replacements = [Replacement(update.own, snapshot)]
        else:
            new = cst.Assign([cst.AssignTarget(target)], times(snapshot, update.factors[0]))
            replacements = [Replacement(update.statement, new)]
        return f"Compute {what} from the snapshot of the initial LR", replacements
    return _class_snapshot(analysis, update, what)


def _class_snapshot(analysis: "FileAnalysis", update: "Compounding", what: str) -> Optional[tuple]:
    index = analysis.index
    model, attr = update.model, update.attr
    assert model is not None and attr is not None
    family = index.family(model)
    used = {a for each in family for a in list(each.writes) + list(each.reads)} | {
        m for each in family for m in each.methods
    }
    new_attr = next((name for name in _NEW_ATTRIBUTES if name not in used), None)
    if new_attr is None:
        return None
    updates = [u for u in analysis.updates.compounding.values() if u.model is not None
               and u.model in family and u.attr == attr]
    update_statements = {id(u.statement) for u in updates}
    writes = index.attribute_writes(model, attr)
    init_writes = [w for w in writes if w.method.name.value == "__init__"]
    others = [w for w in writes if w.method.name.value != "__init__" and id(w.statement) not in update_statements]
    if others or len(init_writes) != 1 or init_writes[0].operator is not None or init_writes[0].path:
        return None  # set elsewhere too: which of its reads want the base is not clear
    init = init_writes[0]
    if index.conditional(init.statement, init.method):
        return None
    replacements: List[Replacement] = []
    # the operand that reads the base, and the target of `*=` (which reads it too), stay
    operands = {id(u.own if u.own is not None else u.target) for u in updates}
    for each in updates:
        self_name = model.self_names.get(id(each.function)) or "self"
        new_target = cst.Attribute(cst.Name(self_name), cst.Name(new_attr))
        if each.own is not None:
            replacements.append(Replacement(each.target, new_target))
        else:
            value = times(cst.Attribute(cst.Name(self_name), cst.Name(attr)), each.factors[0])
            replacements.append(Replacement(each.statement, cst.Assign([cst.AssignTarget(new_target)], value)))
    for each in family:
        for read in each.reads.get(attr, ()):
            if id(read) in operands:
                continue
            method = index.function_of(read)
            if method is not None and getattr(method, "name", None) is not None and method.name.value == "__init__":  # type: ignore[attr-defined]
                continue
            if any(index.contains(u.statement, read) for u in updates):
                return None  # read inside an update other than as its operand
            replacements.append(Replacement(read, read.with_changes(attr=cst.Name(new_attr))))
    line = index.parent(init.statement)
    if type(line) is not cst.SimpleStatementLine:
        return None
    self_name = model.self_names.get(id(init.method)) or "self"
    added = cst.parse_statement(f"{self_name}.{new_attr} = {self_name}.{attr}\n")
    replacements.append(Replacement(line, cst.FlattenSentinel([line, added])))
    message = (f"Keep `{attr}` as the base and store {what} in `{new_attr}`, which every other read of "
               f"`{attr}` in the class then uses")
    return message, replacements


def module_alias(analysis: "FileAnalysis", at: cst.CSTNode, module: str) -> Optional[str]:
    """A name that means `module` (an `import module [as name]`) where `at` runs: imported
    at module level or earlier in an enclosing scope, and not rebound there."""
    index = analysis.index
    scope = index.scope_of(at)
    while scope is not None:
        for name in scope.imported_as(module):
            bindings = scope.bindings[name]
            if index.lookup(name, at) == bindings and (scope.kind == "module" or index.before(bindings[0].statement, at)):
                return name
        scope = scope.parent
    return None


def with_import(body: List[cst.BaseStatement], module: str) -> List[cst.BaseStatement]:
    """A module body with `import module` after its docstring and leading imports."""
    statement = cst.SimpleStatementLine(body=[cst.Import(names=[cst.ImportAlias(name=cst.Name(module))])])
    position = index = 0
    if body and is_docstring(body[0]):
        index = position = 1
    while index < len(body):
        line = body[index]
        if type(line) is cst.SimpleStatementLine and all(type(s) in (cst.Import, cst.ImportFrom) for s in line.body):
            index += 1
            position = index
        else:
            break
    return body[:position] + [statement] + body[position:]


def _is_name(node: cst.CSTNode, name: str) -> bool:
    return type(node) is cst.Name and node.value == name  # type: ignore[attr-defined]


def _is_none_guard(statement: cst.CSTNode, names: Set[str]) -> bool:
    """`if p is None: ...` for a parameter p (an earlier round of this fix)."""
    if not isinstance(statement, cst.If) or statement.orelse is not None:
        return False
    test = statement.test
    return (
        isinstance(test, cst.Comparison)
        and isinstance(test.left, cst.Name)
        and test.left.value in names
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, cst.Is)
        and _is_name(test.comparisons[0].comparator, "None")
    )


def default_to_none(index: "Index", function: cst.FunctionDef, param: cst.Param, sorted_builtin: bool) -> List[Replacement]:
    """`param`'s default set to None and the old default built in the body (after the
    docstring and earlier rounds' guards); a leading `param.sort(...)` becomes
    `param = sorted(param, ...)` when `sorted` is the builtin there. Small replacements (the
    default, the statement the guard goes before), so that a fix costs what it changes."""
    name = param.name.value
    default = param.default
    assert default is not None
    assign = cst.SimpleStatementLine(
        body=[cst.Assign(targets=[cst.AssignTarget(target=cst.Name(name))], value=default.with_changes(lpar=[], rpar=[]) if _parenthesized_ok(default) else default)]
    )
    test = cst.Comparison(left=cst.Name(name), comparisons=[cst.ComparisonTarget(operator=cst.Is(), comparator=cst.Name("None"))])
    body = function.body
    if isinstance(body, cst.SimpleStatementSuite):  # `def f(x=[]): return x`: the def is rewritten whole
        statements: Sequence[cst.BaseStatement] = [
            cst.SimpleStatementLine(body=[_drop_last_semicolon(s, i == len(body.body) - 1) for i, s in enumerate(body.body)])
        ]
        block = cst.IndentedBlock(body=statements, header=body.trailing_whitespace)
        guard = cst.If(test=test, body=cst.IndentedBlock(body=[assign], indent=block.indent))
        new_params = _replace_param(function.params, param, param.with_changes(default=cst.Name("None")))
        return [Replacement(function, function.with_changes(params=new_params, body=block.with_changes(body=[guard, *statements])))]
    statements = list(body.body)
    guard = cst.If(test=test, body=cst.IndentedBlock(body=[assign], indent=body.indent))
    position = 1 if statements and is_docstring(statements[0]) else 0
    param_names = {p.name.value for p in parameters(function.params)}
    while position < len(statements) and _is_none_guard(statements[position], param_names):
        position += 1
    replacements = [Replacement(default, cst.Name("None"))]
    if position == len(statements):
        return replacements + [Replacement(statements[-1], cst.FlattenSentinel([statements[-1], guard]))]
    rest = statements[position:]
    rewritten = {}
    sort_call = _leading_sort(index, function, name) if _is_list(default) and sorted_builtin else None
    if sort_call is not None:
        holder = next((a for a in index.ancestors(sort_call) if index.parent(a) is body), None)
        if any(holder is statement for statement in rest):
            rewritten[id(holder)] = holder.visit(_SortRewriter(sort_call))  # type: ignore[union-attr]
    first = rest[0]
    after = rewritten.pop(id(first), first)
    # Blank lines that led the statement we insert before now lead the guard; comments stay.
    leading = list(getattr(first, "leading_lines", ()))
    blank = 0
    while blank < len(leading) and leading[blank].comment is None:
        blank += 1
    if blank:
        guard = guard.with_changes(leading_lines=leading[:blank])
        after = after.with_changes(leading_lines=leading[blank:])
    replacements.append(Replacement(first, cst.FlattenSentinel([guard, after])))
    replacements += [Replacement(statement, rewritten[id(statement)]) for statement in rest if id(statement) in rewritten]
    return replacements


def _parenthesized_ok(expr: cst.BaseExpression) -> bool:
    return bool(getattr(expr, "lpar", None))


def _drop_last_semicolon(small: cst.BaseSmallStatement, last: bool) -> cst.BaseSmallStatement:
    if last and hasattr(small, "semicolon"):
        return small.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
    return small


def _replace_param(params: cst.Parameters, old: cst.Param, new: cst.Param) -> cst.Parameters:
    def swap(items: Sequence[cst.Param]) -> Tuple[cst.Param, ...]:
        return tuple(new if p is old else p for p in items)

    return params.with_changes(
        posonly_params=swap(params.posonly_params),
        params=swap(params.params),
        kwonly_params=swap(params.kwonly_params),
    )


def _is_list(default: cst.BaseExpression) -> bool:
    return isinstance(default, (cst.List, cst.ListComp)) or (
        isinstance(default, cst.Call) and dotted_name(default.func) in ("list", "builtins.list")
    )


def _leading_sort(index: "Index", function: cst.FunctionDef, name: str) -> Optional[cst.Call]:
    """The `name.sort(...)` statement call when it is the first use of `name` in the function.

    Rewriting it to `name = sorted(name)` then leaves the caller's list alone and changes
    nothing else; a sort after another use (`self.steps = steps; steps.sort()`) is kept.
    """
    first = next((n for n in index.names_valued(name)
                  if index.contains(function.body, n) and index.function_of(n) is function), None)
    if first is None:
        return None
    attribute, call, statement = index.parent(first), None, None
    if type(attribute) is cst.Attribute and attribute.value is first and attribute.attr.value == "sort":
        call = index.parent(attribute)
        statement = index.parent(call) if call is not None else None
    if (type(call) is cst.Call and call.func is attribute and type(statement) is cst.Expr and statement.value is call
            and all(arg.keyword is not None for arg in call.args)):
        return call
    return None


class _SortRewriter(cst.CSTTransformer):
    """The statement `x.sort(...)` (one call, by identity) becomes `x = sorted(x, ...)`."""

    def __init__(self, call: cst.Call) -> None:
        super().__init__()
        self.call = call

    def leave_Expr(self, original: cst.Expr, updated: cst.Expr) -> cst.BaseSmallStatement:
        if original.value is not self.call:
            return updated
        call = updated.value
        assert isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)
        receiver = call.func.value
        assert isinstance(receiver, cst.Name)
        args = [cst.Arg(cst.Name(receiver.value))]
        if call.args:
            args[0] = args[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            args.extend(call.args)
        return cst.Assign(
            targets=[cst.AssignTarget(target=cst.Name(receiver.value))],
            value=cst.Call(func=cst.Name("sorted"), args=args),
            semicolon=updated.semicolon,
        )


def inserted_after(items: Sequence[ItemT], after: ItemT, new: ItemT) -> List[ItemT]:
    """`items` (dict elements, call arguments) with `new` right after `after`, laid out as the
    others are: the separator between items (a newline and indentation when there is one
    per line) goes between them, and a trailing comma stays last."""
    items = list(items)
    position = items.index(after)
    separators = [item.comma for item in items[:-1] if isinstance(item.comma, cst.Comma)]  # type: ignore[attr-defined]
    separator = separators[0] if separators else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if position == len(items) - 1:
        new = new.with_changes(comma=after.comma)  # type: ignore[attr-defined]
        items[position] = after.with_changes(comma=separator)  # type: ignore[attr-defined]
    else:
        new = new.with_changes(comma=after.comma if isinstance(after.comma, cst.Comma) else separator)  # type: ignore[attr-defined]
    items.insert(position + 1, new)
    return items
