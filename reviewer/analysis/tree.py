"""Reading libcst trees: syntactic children in source order, walks, names and calls.

libcst's `node.children` runs a visitor on every call, which makes hand-written walks
quadratic in practice. These helpers read the dataclass fields directly, skipping
whitespace, punctuation and operator tokens, which no analysis here needs.
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple

import libcst as cst

_TRIVIA_FIELDS = frozenset({
    "lpar", "rpar", "comma", "semicolon", "leading_lines", "lines_after_decorators", "header",
    "footer", "trailing_whitespace", "operator", "dot", "colon", "equal", "asynchronous",
    "star_tok", "default_indent", "default_newline",
})
# Where a node's dataclass fields are not in source order, the source order to use instead.
_SOURCE_ORDER = {
    cst.FunctionDef: ("decorators", "name", "type_parameters", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "type_parameters", "bases", "keywords", "body"),
    cst.IfExp: ("body", "test", "orelse"),
    cst.Parameters: ("posonly_params", "params", "star_arg", "kwonly_params", "star_kwarg"),
    cst.Arg: ("keyword", "value"),
    cst.ExceptHandler: ("type", "name", "body"),
}
_CHILD_FIELDS: Dict[type, Tuple[str, ...]] = {}


def _child_fields(kind: type) -> Tuple[str, ...]:
    names = tuple(
        f.name for f in dataclasses.fields(kind)
        if f.name not in _TRIVIA_FIELDS and not f.name.startswith("whitespace")
    )
    order = _SOURCE_ORDER.get(kind)
    if order is not None:
        names = tuple(n for n in order if n in names) + tuple(n for n in names if n not in order)
    return names


class SubclassOf(dict):
    """`table[type(x)]` is `isinstance(x, base)`, remembered per type: isinstance against
    libcst's abstract base classes goes through ABCMeta on every call, a dict lookup does not."""

    def __init__(self, base: type) -> None:
        super().__init__()
        self.base = base

    def __missing__(self, kind: type) -> bool:
        answer = self[kind] = issubclass(kind, self.base)
        return answer


IS_NODE = SubclassOf(cst.CSTNode)
IS_STATEMENT = SubclassOf(cst.BaseStatement)
IS_SMALL_STATEMENT = SubclassOf(cst.BaseSmallStatement)
IS_COMPOUND = SubclassOf(cst.BaseCompoundStatement)


def child_nodes(node: cst.CSTNode) -> List[cst.CSTNode]:
    """The syntactic children of `node` (no whitespace or punctuation), in source order."""
    kind = type(node)
    names = _CHILD_FIELDS.get(kind)
    if names is None:
        names = _CHILD_FIELDS[kind] = _child_fields(kind)
    found: List[cst.CSTNode] = []
    for name in names:
        value = getattr(node, name)
        value_kind = type(value)
        if value_kind is list or value_kind is tuple:
            found.extend([item for item in value if IS_NODE[type(item)]])
        elif IS_NODE[value_kind]:
            found.append(value)
    return found


SCOPE_TYPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
_SCOPES = set(SCOPE_TYPES)


def walk(
    node: cst.CSTNode, *, into_scopes: bool = True, prune: Optional[Callable[[cst.CSTNode], bool]] = None
) -> Iterator[cst.CSTNode]:
    """`node` and its descendants, pre-order; `into_scopes=False` stops at nested
    functions, classes and lambdas (their bodies run at another time); nodes for which
    `prune` is true (`node` included) come but not their descendants."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if not into_scopes and current is not node and type(current) in _SCOPES:
            continue
        if prune is not None and prune(current):
            continue
        children = child_nodes(current)
        children.reverse()
        stack.extend(children)


def dotted_name(node: cst.CSTNode) -> Optional[str]:
    """`a.b.c` for a Name/Attribute chain, else None."""
    parts: List[str] = []
    while type(node) is cst.Attribute:
        parts.append(node.attr.value)  # type: ignore[attr-defined]
        node = node.value  # type: ignore[attr-defined]
    if type(node) is not cst.Name:
        return None
    parts.append(node.value)  # type: ignore[attr-defined]
    return ".".join(reversed(parts))


def method_call(node: cst.CSTNode) -> Optional[Tuple[cst.BaseExpression, str]]:
    """(receiver, method) for `receiver.method(...)`, else None."""
    if type(node) is cst.Call and type(node.func) is cst.Attribute:  # type: ignore[attr-defined]
        return node.func.value, node.func.attr.value  # type: ignore[attr-defined]
    return None


def mode_switch(node: cst.CSTNode) -> Optional[bool]:
    """The mode a module call sets: True for `x.train()` and `x.train(True)`, False for
    `x.eval()` and `x.train(False)`, None for any other call (`x.train(flag)` included)."""
    found = method_call(node)
    if found is None or found[1] not in ("train", "eval"):
        return None
    args = node.args  # type: ignore[attr-defined]
    if found[1] == "eval":
        return False if not args else None
    if not args:
        return True
    flag = dotted_name(args[0].value)
    return {"True": True, "False": False}.get(flag or "") if len(args) == 1 else None


#: calls that iterate what they are given: a loop over them is a loop over it
ITERATION_WRAPPERS = ("enumerate", "tqdm", "iter")


def iterated(iterable: cst.CSTNode) -> cst.CSTNode:
    """What a loop header iterates, through `enumerate(...)`, `tqdm(...)`, `iter(...)`."""
    while type(iterable) is cst.Call and (dotted_name(iterable.func) or "").rsplit(".", 1)[-1] in ITERATION_WRAPPERS \
            and positional_args(iterable):  # type: ignore[arg-type]
        iterable = positional_args(iterable)[0]  # type: ignore[arg-type]
    return iterable


def backward_operand(call: cst.CSTNode) -> Optional[cst.BaseExpression]:
    """The tensor a `backward()` call backpropagates: `x` in `x.backward()`,
    `scaler.scale(x).backward()` and `accelerator.backward(x)`; None for other calls."""
    found = method_call(call)
    if found is None or found[1] != "backward":
        return None
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]  # type: ignore[attr-defined]
    if positional:
        return positional[0].value
    receiver = found[0]
    inner = method_call(receiver) if type(receiver) is cst.Call else None
    if inner is not None and inner[1] == "scale" and receiver.args:  # type: ignore[attr-defined]
        return receiver.args[0].value  # type: ignore[attr-defined]
    return receiver


def callee_name(call: cst.CSTNode) -> Optional[str]:
    """The last name of a call's callee: `step` for `opt.step()`, `f` for `f(x)`."""
    if type(call) is not cst.Call:
        return None
    func = call.func  # type: ignore[attr-defined]
    if type(func) is cst.Name:
        return func.value
    if type(func) is cst.Attribute:
        return func.attr.value
    return None


def argument(call: cst.Call, keyword: str, position: Optional[int] = None) -> Optional[cst.Arg]:
    """The argument passed as `keyword=`, or at `position` when given positionally."""
    positional = 0
    for arg in call.args:
        if arg.keyword is not None:
            if arg.keyword.value == keyword:
                return arg
        elif arg.star:
            return None
        else:
            if position is not None and positional == position:
                return arg
            positional += 1
    return None


def positional_args(call: cst.Call) -> List[cst.BaseExpression]:
    """The plain positional arguments of a call, up to the first `*args`."""
    found = []
    for arg in call.args:
        if arg.keyword is not None or arg.star:
            if arg.star:
                break
            continue
        found.append(arg.value)
    return found


def parameters(params: cst.Parameters) -> List[cst.Param]:
    """Every parameter of a function or lambda, `*args` and `**kwargs` included, in source order."""
    found = [*params.posonly_params, *params.params]
    if isinstance(params.star_arg, cst.Param):
        found.append(params.star_arg)
    found.extend(params.kwonly_params)
    if isinstance(params.star_kwarg, cst.Param):
        found.append(params.star_kwarg)
    return found


def positional_parameters(params: cst.Parameters) -> List[cst.Param]:
    return [*params.posonly_params, *params.params]


def string_value(node: cst.CSTNode) -> Optional[str]:
    """The text of a plain string literal, else None."""
    if type(node) is cst.SimpleString:
        value = node.evaluated_value  # type: ignore[attr-defined]
        return value if isinstance(value, str) else None
    return None


def subscript_key(node: cst.CSTNode) -> Optional[str]:
    """`"lr"` for `x["lr"]` (a single string index), else None."""
    if type(node) is not cst.Subscript or len(node.slice) != 1:  # type: ignore[attr-defined]
        return None
    index = node.slice[0].slice  # type: ignore[attr-defined]
    return string_value(index.value) if type(index) is cst.Index else None


def number(node: cst.CSTNode) -> Optional[float]:
    """The value of a numeric literal (signs included), else None."""
    kind = type(node)
    if kind is cst.Integer or kind is cst.Float:
        return float(node.evaluated_value)  # type: ignore[attr-defined]
    if kind is cst.UnaryOperation and type(node.operator) in (cst.Minus, cst.Plus):  # type: ignore[attr-defined]
        inner = number(node.expression)  # type: ignore[attr-defined]
        if inner is None:
            return None
        return -inner if type(node.operator) is cst.Minus else inner  # type: ignore[attr-defined]
    return None


def constant_truth(test: cst.BaseExpression) -> Optional[bool]:
    """Whether a test made of a literal is true (`1`, `0.0`, `True`, `None`, `not 0`), else None."""
    test = without_parentheses(test)
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        inner = constant_truth(test.expression)
        return None if inner is None else not inner
    if type(test) is cst.Name and test.value in ("True", "False", "None"):
        return test.value == "True"
    value = number(test)
    return None if value is None else value != 0


def assignment_targets(small: cst.CSTNode) -> List[cst.BaseExpression]:
    """The targets of an assignment statement (`a = b = v` gives a, b), else []."""
    kind = type(small)
    if kind is cst.Assign:
        return [t.target for t in small.targets]  # type: ignore[attr-defined]
    if kind is cst.AugAssign or (kind is cst.AnnAssign and small.value is not None):  # type: ignore[attr-defined]
        return [small.target]  # type: ignore[attr-defined]
    return []


def target_names(target: cst.CSTNode) -> List[Tuple[cst.Name, Tuple[int, ...]]]:
    """The names a target binds with their position in the unpacking (`a, (b, c)` gives
    (a, (0,)), (b, (1, 0)), (c, (1, 1))); a starred name gets no further position."""
    found: List[Tuple[cst.Name, Tuple[int, ...]]] = []

    def collect(node: cst.CSTNode, path: Tuple[int, ...]) -> None:
        kind = type(node)
        if kind is cst.Name:
            found.append((node, path))  # type: ignore[arg-type]
        elif kind is cst.Tuple or kind is cst.List:
            for index, element in enumerate(node.elements):  # type: ignore[attr-defined]
                if type(element) is cst.StarredElement:
                    collect(element.value, path + (-1,))
                else:
                    collect(element.value, path + (index,))
        elif kind is cst.StarredElement:
            collect(node.value, path + (-1,))  # type: ignore[attr-defined]

    collect(target, ())
    return found


def block(owner: cst.CSTNode) -> Sequence[cst.CSTNode]:
    """The statements directly in `owner`'s body (a module, function, loop, `if`, `with`...)
    or in a suite itself; the small statements of a one-line suite."""
    kind = type(owner)
    if kind is cst.Module or kind is cst.IndentedBlock or kind is cst.SimpleStatementSuite:
        return owner.body  # type: ignore[attr-defined]
    body = getattr(owner, "body", None)
    if body is not None and type(body) in (cst.IndentedBlock, cst.SimpleStatementSuite):
        return body.body
    return ()


def child_blocks(statement: cst.CSTNode) -> List[cst.CSTNode]:
    """The statements directly inside a compound statement, else/except/finally included.

    An `elif` comes back as the nested If; a one-line suite gives its small statements.
    """
    if type(statement) is cst.Match:
        suites: List[cst.CSTNode] = [case for case in statement.cases]  # type: ignore[attr-defined]
    else:
        suites = [statement]
    found: List[cst.CSTNode] = []
    orelse = getattr(statement, "orelse", None)
    if type(orelse) is cst.If:
        found.append(orelse)
    elif orelse is not None:
        suites.append(orelse)
    for handler in getattr(statement, "handlers", ()):
        suites.append(handler)
    final = getattr(statement, "finalbody", None)
    if final is not None:
        suites.append(final)
    for suite in suites:
        found.extend(block(suite))
    return found


def statements(body: Sequence[cst.CSTNode], *, into_scopes: bool = True) -> Iterator[cst.CSTNode]:
    """Every statement under `body`, depth first, into compound statements; with
    `into_scopes=False` nested functions and classes come but not their bodies."""
    for statement in body:
        yield statement
        if IS_COMPOUND[type(statement)] and (
            into_scopes or type(statement) not in (cst.FunctionDef, cst.ClassDef)
        ):
            yield from statements(child_blocks(statement), into_scopes=into_scopes)


def small_statements(body: Sequence[cst.CSTNode], *, into_scopes: bool = True) -> Iterator[cst.BaseSmallStatement]:
    """Every small statement under `body` (`x = 1`, `return x`...), in source order."""
    for statement in statements(body, into_scopes=into_scopes):
        if type(statement) is cst.SimpleStatementLine:
            yield from statement.body  # type: ignore[attr-defined]
        elif IS_SMALL_STATEMENT[type(statement)]:
            yield statement  # type: ignore[misc]


def is_docstring(statement: cst.CSTNode) -> bool:
    """A statement that is a lone string literal."""
    return (
        type(statement) is cst.SimpleStatementLine
        and len(statement.body) == 1  # type: ignore[attr-defined]
        and type(statement.body[0]) is cst.Expr  # type: ignore[attr-defined]
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))  # type: ignore[attr-defined]
    )


def last_statement(suite: cst.CSTNode) -> Optional[cst.CSTNode]:
    """The last statement of a block (the last small one of a statement line)."""
    body = block(suite)
    if not body:
        return None
    last = body[-1]
    return last.body[-1] if type(last) is cst.SimpleStatementLine else last  # type: ignore[attr-defined]


EXITS = (cst.Return, cst.Raise, cst.Continue, cst.Break)


def exits(suite: cst.CSTNode) -> bool:
    """The block always leaves its enclosing block (ends in return/raise/continue/break, or
    in an `if`/`elif`/`else` each of whose branches does)."""
    last = last_statement(suite)
    return type(last) in EXITS or (type(last) is cst.If and _every_branch_exits(last))  # type: ignore[arg-type]


def _every_branch_exits(statement: cst.If) -> bool:
    orelse = statement.orelse
    if orelse is None or not exits(statement.body):
        return False
    return _every_branch_exits(orelse) if type(orelse) is cst.If else exits(orelse.body)  # type: ignore[arg-type]


_EMPTY = cst.Module(body=[])


def code(node: cst.CSTNode) -> str:
    """The source of a node (without the module's context: default indentation)."""
    return _EMPTY.code_for_node(node)


def same_place(a: cst.CSTNode, b: cst.CSTNode) -> bool:
    """The same place (`self.lr`, `group["lr"]`), whatever the spacing."""
    if type(a) is not type(b):
        return False
    name = dotted_name(a)
    if name is not None:
        return name == dotted_name(b)
    return " ".join(code(a).split()) == " ".join(code(b).split())


def added_to_itself(statement: cst.CSTNode) -> Optional[cst.BaseExpression]:
    """k, where `statement` adds k to its own target: `x += k`, `x = x + k`, `x = k + x`."""
    if type(statement) is cst.AugAssign:
        return statement.value if type(statement.operator) is cst.AddAssign else None  # type: ignore[attr-defined]
    if type(statement) is not cst.Assign or len(statement.targets) != 1:  # type: ignore[attr-defined]
        return None
    target, value = statement.targets[0].target, without_parentheses(statement.value)  # type: ignore[attr-defined]
    if type(value) is not cst.BinaryOperation or type(value.operator) is not cst.Add:
        return None
    if same_place(without_parentheses(value.left), target):
        return value.right
    return value.left if same_place(without_parentheses(value.right), target) else None


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis (for messages)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def product_operands(node: cst.CSTNode) -> List[cst.CSTNode]:
    """The operands of a product `a * b * c` (parentheses around the product looked through)."""
    node = without_parentheses(node) if getattr(node, "lpar", None) else node  # type: ignore[arg-type]
    if type(node) is cst.BinaryOperation and type(node.operator) is cst.Multiply:  # type: ignore[attr-defined]
        return product_operands(node.left) + product_operands(node.right)  # type: ignore[attr-defined]
    return [node]


def without_casts(node: cst.BaseExpression) -> cst.BaseExpression:
    """`float(d)`, `int(d)` -> `d`, repeatedly: a cast keeps a value's zero and sign."""
    while type(node) is cst.Call and dotted_name(node.func) in ("float", "int") and len(node.args) == 1 \
            and node.args[0].keyword is None and not node.args[0].star:
        node = node.args[0].value
    return node


def without_floor(node: cst.CSTNode) -> cst.CSTNode:
    """The length a denominator guards: `float(x)` -> x; `max(1, x)` / `max(x, 1)` -> x, also
    in parentheses."""
    node = without_casts(without_parentheses(node) if hasattr(node, "lpar") else node)  # type: ignore[arg-type]
    args = positional_args(node) if type(node) is cst.Call and type(node.func) is cst.Name and node.func.value == "max" else []
    rest = [a for a in args if number(a) is None]
    return without_floor(rest[0]) if len(args) == 2 and len(rest) == 1 else node


def without_parentheses(node: cst.BaseExpression) -> cst.BaseExpression:
    """The node without its outer parentheses (an empty tuple `()` needs them: kept)."""
    if not getattr(node, "lpar", None) or (type(node) is cst.Tuple and not node.elements):
        return node
    return node.with_changes(lpar=[], rpar=[])


@dataclasses.dataclass
class Reads:
    """What a piece of code reads from outside itself (`free_reads`)."""

    #: names read and not bound by the code itself
    names: Set[str]
    #: (name, attr) of each `name.attr` read (`self.lr`)
    attributes: Set[Tuple[str, str]]
    #: names the code binds (assignments, imports, defs, parameters, loop targets...)
    stored: Set[str]
    #: (name, attr) of each `name.attr` the code assigns
    stored_attributes: Set[Tuple[str, str]]


def free_reads(nodes: Sequence[cst.CSTNode]) -> Reads:
    """The names and attributes `nodes` read that they do not bind themselves (scopes inside
    the code are not told apart: a name bound anywhere in it counts as bound)."""
    reads: Set[str] = set()
    stored: Set[str] = set()
    attributes: Set[Tuple[str, str]] = set()
    stored_attributes: Set[Tuple[str, str]] = set()
    augmented: Set[str] = set()

    def store(target: cst.CSTNode) -> None:
        kind = type(target)
        if kind is cst.Name:
            stored.add(target.value)  # type: ignore[attr-defined]
        elif kind in (cst.Tuple, cst.List):
            for element in target.elements:  # type: ignore[attr-defined]
                store(element.value)
        elif kind is cst.StarredElement:
            store(target.value)  # type: ignore[attr-defined]
        else:
            if kind is cst.Attribute and type(target.value) is cst.Name:  # type: ignore[attr-defined]
                stored_attributes.add((target.value.value, target.attr.value))  # type: ignore[attr-defined]
            visit(target)

    def visit(node: cst.CSTNode) -> None:
        kind = type(node)
        if kind is cst.Name:
            reads.add(node.value)  # type: ignore[attr-defined]
            return
        if kind is cst.Attribute:
            if type(node.value) is cst.Name:  # type: ignore[attr-defined]
                attributes.add((node.value.value, node.attr.value))  # type: ignore[attr-defined]
            visit(node.value)  # type: ignore[attr-defined]
            return
        if kind in (cst.Import, cst.ImportFrom):
            for alias in node.names if not isinstance(node.names, cst.ImportStar) else ():  # type: ignore[attr-defined]
                bound = alias.asname.name if alias.asname is not None else alias.name
                stored.add((dotted_name(bound) or "").split(".")[0])
            return
        if kind in (cst.Global, cst.Nonlocal):
            return
        if kind is cst.Arg:
            visit(node.value)  # type: ignore[attr-defined]
            return
        if kind is cst.Param:
            stored.add(node.name.value)  # type: ignore[attr-defined]
            for part in (node.default, node.annotation):  # type: ignore[attr-defined]
                if part is not None:
                    visit(part)
            return
        if kind in (cst.FunctionDef, cst.ClassDef):
            stored.add(node.name.value)  # type: ignore[attr-defined]
        elif kind is cst.AssignTarget:
            store(node.target)  # type: ignore[attr-defined]
            return
        elif kind in (cst.AugAssign, cst.AnnAssign):
            store(node.target)  # type: ignore[attr-defined]
            if kind is cst.AugAssign:  # reads the name before it binds it
                augmented.update(n.value for n, _ in target_names(node.target))  # type: ignore[attr-defined]
                visit(node.target)  # type: ignore[attr-defined]
            if node.value is not None:  # type: ignore[attr-defined]
                visit(node.value)  # type: ignore[attr-defined]
            return
        elif kind in (cst.For, cst.CompFor, cst.NamedExpr):
            store(node.target)  # type: ignore[attr-defined]
        elif kind is cst.AsName:
            store(node.name)  # type: ignore[attr-defined]
            return
        for child in child_nodes(node):
            if kind in (cst.FunctionDef, cst.ClassDef) and child is node.name:  # type: ignore[attr-defined]
                continue
            if kind in (cst.For, cst.CompFor, cst.NamedExpr) and child is node.target:  # type: ignore[attr-defined]
                continue
            visit(child)

    for node in nodes:
        visit(node)
    return Reads((reads - stored) | augmented, attributes, stored, stored_attributes)


def cell_result(module: cst.Module, statement: cst.CSTNode) -> bool:
    """Whether a module-level statement is the last of a `# %%` cell (a notebook's cell, or a
    percent-format script's): run interactively, its value is shown, not thrown away."""
    body = module.body
    at = next((number for number, node in enumerate(body) if node is statement), None)
    if at is None:
        return False
    if at + 1 < len(body):
        return _starts_cell(body[at + 1].leading_lines)
    return _starts_cell(module.header) or any(_starts_cell(node.leading_lines) for node in body)


def _starts_cell(lines: Sequence[cst.EmptyLine]) -> bool:
    return any(line.comment is not None and line.comment.value.startswith("# %%") for line in lines)
