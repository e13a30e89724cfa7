"""The values a traced schedule is built with, found without running anything.

In order: `--args 'NAME(k=v, ...)'`, then the file's own call sites where an argument is a
literal, a module or function constant, or an argparse/dataclass setting with a literal
default (`args.warmup` gives the default of `--warmup`); the child fills the rest from the
signature's defaults and reports what is still missing. Values travel as Python source,
evaluated in the traced module's namespace.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

import libcst as cst

from reviewer.analysis.tree import without_parentheses
from reviewer.trace.properties import is_number

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis

#: how deep constants are followed through names (`a = b; b = 10`)
_DEPTH = 6
_NOTHING = object()
_OPERATORS = {
    cst.Add: lambda a, b: a + b,
    cst.Subtract: lambda a, b: a - b,
    cst.Multiply: lambda a, b: a * b,
    cst.Divide: lambda a, b: a / b,
    cst.FloorDivide: lambda a, b: a // b,
    cst.Power: lambda a, b: a ** b,
    cst.Modulo: lambda a, b: a % b,
}


class ArgsError(ValueError):
    """An `--args` value that is not `NAME(key=value, ...)`."""


_SCHEDULE_NAME = re.compile(r"^[A-Za-z_][\w.]*(?:@\d+)?$")  # `Warmup`, `build.lf`, `build.lambda@12`


def parse_args_option(values: List[str]) -> Dict[str, Dict[str, str]]:
    """`--args 'Warmup(total=1000, peak=0.1)'` -> {"Warmup": {"total": "1000", "peak": "0.1"}}."""
    found: Dict[str, Dict[str, str]] = {}
    for text in values:
        name, _, rest = text.partition("(")
        name = name.strip()
        try:
            expression = cst.parse_expression("f(" + rest) if rest and _SCHEDULE_NAME.match(name) else None
        except cst.ParserSyntaxError:
            expression = None
        if type(expression) is not cst.Call:
            raise ArgsError(f"--args {text!r}: not a call NAME(key=value, ...)")
        arguments = found.setdefault(name, {})
        for arg in expression.args:  # type: ignore[attr-defined]
            if arg.keyword is None or arg.star:
                raise ArgsError(f"--args {text!r}: give every argument as key=value")
            arguments[arg.keyword.value] = cst.Module([]).code_for_node(arg.value)
    return found


def literal(analysis: "FileAnalysis", expression: cst.CSTNode, depth: int = 0) -> Any:
    """The value of an expression the file fixes without running: literals, arithmetic on
    them, names bound once to such a value, and settings with a literal default; else
    `_NOTHING` (see `known`)."""
    node = without_parentheses(expression)
    kind = type(node)
    if depth > _DEPTH:
        return _NOTHING
    if kind in (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString):
        return node.evaluated_value  # type: ignore[attr-defined]
    if kind is cst.Name:
        return _name(analysis, node, depth)  # type: ignore[arg-type]
    if kind is cst.UnaryOperation and type(node.operator) in (cst.Minus, cst.Plus):  # type: ignore[attr-defined]
        value = literal(analysis, node.expression, depth + 1)  # type: ignore[attr-defined]
        if is_number(value):
            return -value if type(node.operator) is cst.Minus else value  # type: ignore[attr-defined]
        return _NOTHING
    if kind is cst.BinaryOperation and type(node.operator) in _OPERATORS:  # type: ignore[attr-defined]
        left = literal(analysis, node.left, depth + 1)  # type: ignore[attr-defined]
        right = literal(analysis, node.right, depth + 1)  # type: ignore[attr-defined]
        if is_number(left) and is_number(right):
            try:
                return _OPERATORS[type(node.operator)](left, right)  # type: ignore[attr-defined]
            except (ArithmeticError, ValueError):
                return _NOTHING
        return _NOTHING
    if kind in (cst.List, cst.Tuple):
        items = [literal(analysis, e.value, depth + 1) for e in node.elements]  # type: ignore[attr-defined]
        if any(i is _NOTHING for i in items) or any(isinstance(e, cst.StarredElement) for e in node.elements):  # type: ignore[attr-defined]
            return _NOTHING
        return items if kind is cst.List else tuple(items)
    if kind is cst.Attribute:
        return _setting(analysis, node.attr.value, depth)  # type: ignore[attr-defined]
    return _NOTHING


def known(value: Any) -> bool:
    return value is not _NOTHING


def _name(analysis: "FileAnalysis", name: cst.Name, depth: int) -> Any:
    if name.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[name.value]
    index = analysis.index
    if not index.knows(name):
        return _NOTHING
    bindings = index.bindings(name)
    if len(bindings) != 1 or bindings[0].kind not in ("assign", "annassign") or bindings[0].path:
        return _NOTHING
    value = bindings[0].value
    return _NOTHING if value is None else literal(analysis, value, depth + 1)


def _setting(analysis: "FileAnalysis", key: str, depth: int) -> Any:
    default, _ = analysis.settings.get(key, (None, None))
    return _NOTHING if default is None else literal(analysis, default, depth + 1)


def call_arguments(analysis: "FileAnalysis", call: cst.Call, parameters: List[str]) -> Tuple[Dict[str, str], List[str]]:
    """The arguments of one call site that the file fixes, by parameter name (positional
    ones mapped through `parameters`), as source; and the names of those it does not."""
    found: Dict[str, str] = {}
    unknown: List[str] = []
    position = 0
    for arg in call.args:
        if arg.star:
            break
        if arg.keyword is not None:
            key: Optional[str] = arg.keyword.value
        else:
            key = parameters[position] if position < len(parameters) else None
            position += 1
        if key is None:
            continue
        value = literal(analysis, arg.value)
        if known(value):
            found[key] = repr(value)
        else:
            unknown.append(key)
    return found, unknown
