"""Edits that several rules' fixes are built from, so that each is written once.

Every builder returns None where it cannot keep the program coherent: a fix that would read
a name not bound where it goes, or change one of an attribute's writes and not the others,
is not offered at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional

import libcst as cst

from reviewer.analysis.tree import code
from reviewer.rule import Replacement

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis
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


def _has_comment(comma) -> bool:
    return isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace) and (
        comma.whitespace_after.first_line.comment is not None
    )


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
        assert isinstance(target, cst.Subscript)
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
