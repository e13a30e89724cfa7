"""One walk of a module: source order, parents, scopes, name bindings and classes.

Everything else in the analysis layer reads this index instead of walking the tree again:
`descendants(node)` is a slice of the pre-order node list, `parent(node)` a dictionary
lookup, and `bindings(name_node)` follows Python's scoping rules (function, enclosing
functions, module, builtins; class bodies are not visible from their methods;
`global`/`nonlocal` redirect).
"""

from __future__ import annotations

import builtins

from bisect import bisect_left, bisect_right

from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple, Type, TypeVar

import libcst as cst

from reviewer.analysis.tree import (
    IS_SMALL_STATEMENT, IS_STATEMENT, child_nodes, constant_truth, dotted_name, exits, free_reads, parameters, target_names,
)

NodeT = TypeVar("NodeT", bound=cst.CSTNode)

_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
_SCOPE_KINDS = {
    cst.Module: "module", cst.ClassDef: "class", cst.FunctionDef: "function", cst.Lambda: "lambda",
    cst.ListComp: "comprehension", cst.SetComp: "comprehension", cst.DictComp: "comprehension",
    cst.GeneratorExp: "comprehension",
}
#: the node kinds that bind or store names (what `Index._note` records)
_NOTED = frozenset({
    cst.Assign, cst.AnnAssign, cst.AugAssign, cst.For, cst.CompFor, cst.WithItem, cst.ExceptHandler,
    cst.NamedExpr, cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.Import, cst.ImportFrom, cst.Global,
    cst.Nonlocal, cst.Attribute, cst.Arg, cst.Param,
})
#: statements and expressions under which a statement may not run
_CONDITIONAL = (cst.If, cst.For, cst.While, cst.Try, cst.TryStar, cst.Match, cst.ExceptHandler, cst.IfExp,
                cst.BooleanOperation) + _COMPREHENSIONS


@dataclass(eq=False)
class Binding:
    """One place that binds a name in a scope."""

    name: str
    #: assign, augassign, annassign, param, import, for, with, except, def, class, walrus
    kind: str
    #: the Name (or def/class/alias node) that is bound
    target: cst.CSTNode
    #: the small or compound statement (or Param, comprehension `for`) that binds it
    statement: cst.CSTNode
    #: the value bound: an assignment's right side, a loop's iterable, a parameter's default
    value: Optional[cst.CSTNode]
    #: position inside an unpacking target (`a, (b, c) = v`: b is (1, 0)); -1 for a starred name
    path: Tuple[int, ...]
    scope: "Scope"
    #: for imports: the qualified name bound
    qualified: Optional[str] = None


@dataclass(eq=False)
class Scope:
    kind: str
    node: cst.CSTNode
    parent: Optional["Scope"]
    bindings: Dict[str, List[Binding]] = field(default_factory=dict)
    globals: Set[str] = field(default_factory=set)
    nonlocals: Set[str] = field(default_factory=set)
    #: module -> the names bound here only by importing it, asked once the index is built
    _imported_as: Dict[str, List[str]] = field(default_factory=dict, repr=False, compare=False)

    def imported_as(self, module: str) -> List[str]:
        """The names this scope binds only by importing `module` (`import torch as th`: th),
        in the order they were first bound."""
        if module not in self._imported_as:
            self._imported_as[module] = [name for name, bindings in self.bindings.items() if bindings and all(
                b.kind == "import" and b.qualified == module for b in bindings)]
        return self._imported_as[module]

    def bind(self, binding: Binding) -> None:
        """Record a binding where it lives: a name declared `global` binds in the module,
        one declared `nonlocal` in the enclosing function that owns it."""
        owner: Scope = self
        if binding.name in self.globals:
            owner = _module(self)
        elif binding.name in self.nonlocals and self.parent is not None:
            owner = self.parent.owner_of(binding.name) or self.parent
        owner.bindings.setdefault(binding.name, []).append(binding)

    def owner_of(self, name: str) -> Optional["Scope"]:
        """The scope whose binding `name` means when read here (None: a builtin or unbound)."""
        scope: Optional[Scope] = self
        first = True
        while scope is not None:
            if name in scope.globals:
                return _module(scope)
            if name in scope.nonlocals:
                scope = scope.parent
                first = False
                continue
            if name in scope.bindings and (first or scope.kind != "class"):
                return scope
            first = False
            scope = scope.parent
        return None


def _module(scope: Scope) -> Scope:
    while scope.parent is not None:
        scope = scope.parent
    return scope


@dataclass(eq=False)
class AttributeWrite:
    """`self.<attr> = value` (or `+=`, `setattr`) in a method of a class."""

    attr: str
    method: cst.FunctionDef
    #: the small statement that writes
    statement: cst.CSTNode
    target: cst.CSTNode
    #: the value assigned (the right side, or the element at `path` of an unpacked tuple)
    value: Optional[cst.CSTNode]
    #: None for `=`, else the augmented operator's class (cst.AddAssign, cst.MultiplyAssign...)
    operator: Optional[type]
    path: Tuple[int, ...] = ()


@dataclass(eq=False)
class ClassModel:
    node: cst.ClassDef
    scope: Scope
    methods: Dict[str, cst.FunctionDef] = field(default_factory=dict)
    #: the method's `self` parameter name (None for static methods)
    self_names: Dict[int, str] = field(default_factory=dict)
    #: by attribute, and by entry of a dict an attribute holds (`entry_name`: `state['step']`)
    writes: Dict[str, List[AttributeWrite]] = field(default_factory=dict)
    reads: Dict[str, List[cst.CSTNode]] = field(default_factory=dict)
    #: method name -> names of methods it calls on self
    calls: Dict[str, Set[str]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.node.name.value


class Index:
    """The facts of one module's structure (see the module docstring)."""

    def __init__(self, module: cst.Module) -> None:
        self.module = module
        self.nodes: List[cst.CSTNode] = []
        self._order: Dict[int, int] = {}
        self._end: Dict[int, int] = {}
        self._parent: Dict[int, cst.CSTNode] = {}
        self._scopes: Dict[int, Scope] = {}
        self._name_scope: Dict[int, Scope] = {}
        self._stores: Set[int] = set()
        self.by_type: Dict[type, List[cst.CSTNode]] = {}
        self.classes: Dict[int, ClassModel] = {}
        self.classes_by_name: Dict[str, List[ClassModel]] = {}
        self.functions_by_name: Dict[str, List[cst.FunctionDef]] = {}
        #: id(method) -> its class
        self.method_class: Dict[int, ClassModel] = {}
        self._selves: Dict[int, Optional[ClassModel]] = {}
        #: id(a node list this index keeps) -> the positions of its nodes
        self._orders: Dict[int, List[int]] = {}
        self._mro: Dict[int, List[ClassModel]] = {}
        self._family: Dict[int, List[ClassModel]] = {}
        self._calls_by_name: Optional[Dict[str, List[cst.Call]]] = None
        self._names_by_value: Optional[Dict[str, List[cst.Name]]] = None
        self._field_assignments: Dict[int, Dict[Tuple[str, str], List[Tuple[cst.Assign, cst.Attribute]]]] = {}
        self._build()

    # -- queries ---------------------------------------------------------------------------

    def order(self, node: cst.CSTNode) -> int:
        return self._order[id(node)]

    def knows(self, node: cst.CSTNode) -> bool:
        return id(node) in self._order and self.nodes[self._order[id(node)]] is node

    def parent(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        return self._parent.get(id(node))

    def ancestors(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        """The parents of `node`, innermost first."""
        current = self._parent.get(id(node))
        while current is not None:
            yield current
            current = self._parent.get(id(current))

    def never_runs(self, node: cst.CSTNode) -> bool:
        """`node` is in a branch that a constant test never takes: the body of `if 0:` or
        `while False:`, the `else` (and `elif`s) of `if 1:` or `while True:`."""
        child = node
        for parent in self.ancestors(node):
            if type(parent) is cst.If or type(parent) is cst.While:
                truth = constant_truth(parent.test)  # type: ignore[attr-defined]
                if truth is not None and child is (parent.orelse if truth else parent.body):  # type: ignore[attr-defined]
                    return True
            child = parent
        return False

    def last_descendant(self, position: int) -> int:
        """The position (in `nodes`) of the last node under the node at `position`."""
        return self._end[id(self.nodes[position])]

    def descendants(self, node: cst.CSTNode) -> List[cst.CSTNode]:
        """`node` and everything under it, pre-order (a slice of the node list)."""
        start = self._order[id(node)]
        return self.nodes[start:self._end[id(node)] + 1]

    def of_type(self, node: cst.CSTNode, kind: Type[NodeT], *, into_scopes: bool = True) -> List[NodeT]:
        """The nodes of exactly this type under `node` (itself included), in source order;
        `into_scopes=False` leaves out nested functions, classes and lambdas."""
        start, end = self._order[id(node)], self._end[id(node)]
        found = self._between(kind, start, end)
        if into_scopes or not found:
            return found
        nested = sorted((self._order[id(inner)], self._end[id(inner)])
                        for cut in (cst.FunctionDef, cst.ClassDef, cst.Lambda)
                        for inner in self._between(cut, start + 1, end))
        if not nested:
            return found
        kept: List[NodeT] = []
        cut = 0
        outer_end = -1
        for each in found:
            position = self._order[id(each)]
            while cut < len(nested) and nested[cut][0] <= position:
                outer_end = max(outer_end, nested[cut][1])
                cut += 1
            if position > outer_end:
                kept.append(each)
        return kept

    def _between(self, kind: type, start: int, end: int) -> list:
        """The nodes of this type whose position is in [start, end] (a slice of `by_type`)."""
        return self._in_range(self.by_type.get(kind, []), start, end)

    def _in_range(self, found: list, start: int, end: int) -> list:
        """The nodes of a list in source order (one this index keeps) whose position is in
        [start, end], by bisecting their positions (computed once per list)."""
        if not found:
            return []
        orders = self._orders.get(id(found))
        if orders is None:
            orders = self._orders[id(found)] = [self._order[id(n)] for n in found]
        return found[bisect_left(orders, start):bisect_right(orders, end)]

    def calls_named(self, name: str) -> List[cst.Call]:
        """The calls of the file whose callee's last name is `name` (`f(...)`, `x.f(...)`)."""
        if self._calls_by_name is None:
            self._calls_by_name = {}
            for call in self.all(cst.Call):
                func = call.func
                if type(func) is cst.Name:
                    self._calls_by_name.setdefault(func.value, []).append(call)
                elif type(func) is cst.Attribute:
                    self._calls_by_name.setdefault(func.attr.value, []).append(call)
        return self._calls_by_name.get(name, [])

    def names_valued(self, value: str, within: Optional[cst.CSTNode] = None) -> List[cst.Name]:
        """Every Name node of the file (or under `within`) spelled `value`, reads and stores,
        in source order."""
        if self._names_by_value is None:
            self._names_by_value = {}
            for name in self.all(cst.Name):
                self._names_by_value.setdefault(name.value, []).append(name)
        found = self._names_by_value.get(value, [])
        if within is None:
            return found
        return self._in_range(found, self._order[id(within)], self._end[id(within)])

    def field_assignments(self, scope_node: cst.CSTNode) -> Dict[Tuple[str, str], List[Tuple[cst.Assign, cst.Attribute]]]:
        """`x.key = value` statements in the code of a module or function (not nested ones),
        as (receiver name, key) -> [(assignment, target)], in source order."""
        found = self._field_assignments.get(id(scope_node))
        if found is None:
            found = self._field_assignments[id(scope_node)] = {}
            for assign in self.of_type(scope_node, cst.Assign, into_scopes=False):
                for target in assign.targets:
                    element = target.target
                    if type(element) is cst.Attribute and type(element.value) is cst.Name:
                        found.setdefault((element.value.value, element.attr.value), []).append((assign, element))
        return found

    def all(self, kind: Type[NodeT]) -> List[NodeT]:
        """Every node of exactly this type in the module, in source order."""
        return self.by_type.get(kind, [])  # type: ignore[return-value]

    def contains(self, outer: cst.CSTNode, inner: cst.CSTNode) -> bool:
        start = self._order.get(id(outer))
        position = self._order.get(id(inner))
        if start is None or position is None:
            return False
        return start <= position <= self._end[id(outer)]

    def before(self, a: cst.CSTNode, b: cst.CSTNode) -> bool:
        """`a` starts before `b` in the source and does not contain it."""
        return self._order[id(a)] < self._order[id(b)] and not self.contains(a, b)

    def scope_of(self, node: cst.CSTNode) -> Scope:
        """The scope the code of `node` runs in (a def's name and decorators run outside it)."""
        if id(node) in self._name_scope:
            return self._name_scope[id(node)]
        for ancestor in self.ancestors(node):
            scope = self._scopes.get(id(ancestor))
            if scope is not None:
                return scope
        return self._scopes[id(self.module)]

    def scope(self, node: cst.CSTNode) -> Scope:
        """The scope a module, class, function, lambda or comprehension node creates."""
        return self._scopes[id(node)]

    def function_of(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        """The innermost function or lambda around `node` (None at module or class level)."""
        scope: Optional[Scope] = self.scope_of(node)
        while scope is not None and scope.kind == "comprehension":
            scope = scope.parent
        if scope is None or scope.kind not in ("function", "lambda"):
            return None
        return scope.node

    def statement_of(self, node: cst.CSTNode) -> cst.CSTNode:
        """The innermost small or compound statement holding `node` (itself if one)."""
        current: Optional[cst.CSTNode] = node
        while current is not None:
            kind = type(current)
            if IS_SMALL_STATEMENT[kind] or (IS_STATEMENT[kind] and kind is not cst.SimpleStatementLine):
                return current
            current = self._parent.get(id(current))
        return node

    def assigned_to(self, value: cst.CSTNode) -> Optional[Tuple[cst.CSTNode, cst.Assign]]:
        """The target a single assignment stores `value` in, and the assignment: `t = value`,
        or the target in its place of a tuple assigned a tuple (`g, d = value, other`, also
        through a local the tuple is held in and unpacked once: `p = value, other; g, d = p`)."""
        parent = self.parent(value)
        element = parent if type(parent) is cst.Element else None
        display = self.parent(element) if element is not None else value
        statement = self.parent(display)
        if type(statement) is not cst.Assign or statement.value is not display or len(statement.targets) != 1:
            return None
        target = statement.targets[0].target
        if element is None:
            return target, statement
        if type(display) is not cst.Tuple:
            return None
        if type(target) is cst.Name:
            unpacked = [n for n in self.names_valued(target.value, within=self.scope_of(statement).node)
                        if not self.is_store(n) and type(self.parent(n)) is cst.Assign
                        and any(b.statement is statement for b in self.bindings(n))]
            if len(unpacked) != 1 or self.parent(unpacked[0]).value is not unpacked[0]:  # type: ignore[union-attr]
                return None
            statement = self.parent(unpacked[0])  # type: ignore[assignment]
            if len(statement.targets) != 1:
                return None
            target = statement.targets[0].target
        if type(target) not in (cst.Tuple, cst.List) or len(target.elements) != len(display.elements) \
                or any(type(e) is cst.StarredElement for e in target.elements):
            return None
        return target.elements[list(display.elements).index(element)].value, statement

    def is_store(self, name: cst.Name) -> bool:
        """The Name is written (an assignment target, a parameter, a def's name...), not read."""
        return id(name) in self._stores

    def bindings(self, name: cst.Name) -> List[Binding]:
        """Every binding the name can refer to where it is read (flow-insensitive)."""
        scope = self._name_scope.get(id(name)) or self.scope_of(name)
        owner = scope.owner_of(name.value)
        return list(owner.bindings.get(name.value, ())) if owner is not None else []

    def lookup(self, name: str, at: cst.CSTNode) -> List[Binding]:
        """The bindings of `name` as code at `at` would see them."""
        owner = self.scope_of(at).owner_of(name)
        return list(owner.bindings.get(name, ())) if owner is not None else []

    def class_of_method(self, function: cst.CSTNode) -> Optional[ClassModel]:
        return self.method_class.get(id(function))

    def enclosing_class(self, node: cst.CSTNode) -> Optional[ClassModel]:
        """The class whose method (at any depth of nesting functions) holds `node`."""
        for ancestor in self.ancestors(node):
            model = self.method_class.get(id(ancestor))
            if model is not None:
                return model
        return None

    def self_field(self, node: cst.CSTNode) -> Optional[Tuple[ClassModel, str]]:
        """`self.x` or `self.x["k"]` in a method: (the class, `x` or the entry's field name)."""
        if type(node) is not cst.Subscript:
            return self.self_attribute(node)
        owner = self.self_attribute(node.value)
        entry = self._entry(node, node.value.value.value) if owner is not None else None  # type: ignore[attr-defined]
        return (owner[0], entry) if owner is not None and entry is not None else None

    def self_attribute(self, node: cst.CSTNode) -> Optional[Tuple[ClassModel, str]]:
        """(class, attr) for `self.attr`, where `self` is the first parameter of the method
        around the node (a nested function or lambda that does not rebind it sees it too)."""
        if type(node) is not cst.Attribute or type(node.value) is not cst.Name:  # type: ignore[attr-defined]
            return None
        receiver = node.value  # type: ignore[attr-defined]
        bindings = self.bindings(receiver)
        if len(bindings) != 1 or bindings[0].kind != "param":
            return None
        model = self.self_of(bindings[0])
        return (model, node.attr.value) if model is not None else None  # type: ignore[attr-defined]

    def self_of(self, binding: Binding, depth: int = 0) -> Optional[ClassModel]:
        """The class whose instance a parameter is: a method's `self`, or a parameter of a
        function of the file that every call passes such a `self` (`_body(batch, self)`)."""
        function = binding.scope.node
        model = self.method_class.get(id(function))
        if model is not None and model.self_names.get(id(function)) == binding.name:
            return model
        if depth >= 2 or type(function) is not cst.FunctionDef:
            return None
        if id(binding) in self._selves:
            return self._selves[id(binding)]
        self._selves[id(binding)] = None
        self._selves[id(binding)] = found = self._passed_self(function, binding, depth)
        return found

    def _passed_self(self, function: cst.FunctionDef, binding: Binding, depth: int) -> Optional[ClassModel]:
        found: Optional[ClassModel] = None
        positional = [p.name.value for p in (*function.params.posonly_params, *function.params.params)]  # type: ignore[attr-defined]
        for call in self.calls_named(function.name.value):
            if type(call.func) is not cst.Name:
                continue
            if not any(b.statement is function for b in self.bindings(call.func)):  # type: ignore[arg-type]
                continue
            passed = None
            for position, arg in enumerate(call.args):
                if arg.keyword is not None and arg.keyword.value == binding.name:
                    passed = arg.value
                elif arg.keyword is None and not arg.star and position < len(positional) and positional[position] == binding.name:
                    passed = arg.value
            if type(passed) is not cst.Name:
                return None
            outer = self.bindings(passed)  # type: ignore[arg-type]
            model = self.self_of(outer[0], depth + 1) if len(outer) == 1 and outer[0].kind == "param" else None
            if model is None or (found is not None and model is not found):
                return None
            found = model
        return found

    def method_of(self, model: ClassModel, name: str) -> Optional[cst.FunctionDef]:
        """A method of the class or of its bases defined in this file."""
        for each in self.mro(model):
            method = each.methods.get(name)
            if method is not None:
                return method
        return None

    def mro(self, model: ClassModel) -> List[ClassModel]:
        """The class, then its bases defined in this file (depth first), each once."""
        cached = self._mro.get(id(model.node))
        if cached is not None:
            return cached
        found: List[ClassModel] = []
        todo = [model]
        while todo:
            current = todo.pop(0)
            if current in found:
                continue
            found.append(current)
            for base in current.node.bases:
                if base.keyword is None:
                    todo.extend(self.local_classes(base.value))
        self._mro[id(model.node)] = found
        return found

    def local_classes(self, expression: cst.CSTNode) -> List[ClassModel]:
        """The classes of this file a name refers to (`Base` in `class C(Base)`)."""
        if type(expression) is not cst.Name:
            return []
        found = []
        for binding in self.bindings(expression):  # type: ignore[arg-type]
            if binding.kind == "class":
                found.append(self.classes[id(binding.statement)])
        return found

    def attribute_writes(self, model: ClassModel, attr: str) -> List[AttributeWrite]:
        """Writes of `self.attr` in the class and its bases and subclasses of this file."""
        found: List[AttributeWrite] = []
        for each in self.family(model):
            found.extend(each.writes.get(attr, ()))
        return found

    def family(self, model: ClassModel) -> List[ClassModel]:
        """The class, its local bases, and the local classes that extend it."""
        if not self._family:
            for other in self.classes.values():  # each class under each of its local bases
                for base in self.mro(other):
                    self._family.setdefault(id(base.node), list(self.mro(base)))
                    if other not in self._family[id(base.node)]:
                        self._family[id(base.node)].append(other)
        return self._family[id(model.node)]

    def mirrored(self, branch_statement: cst.CSTNode, branching: cst.CSTNode) -> bool:
        """The statement, directly in one branch of an `if`/`else`, is repeated identically in
        the other: it runs either way (`if c: s() else: s()`)."""
        if type(branching) is not cst.If or type(branching.orelse) is not cst.Else:  # type: ignore[attr-defined]
            return False
        body = branching.body.body  # type: ignore[attr-defined]
        other = branching.orelse.body.body  # type: ignore[attr-defined]
        if not any(s is branch_statement for s in body):
            body, other = other, body
        return any(s is branch_statement for s in body) and any(
            type(s) is type(branch_statement) and s.deep_equals(branch_statement) for s in other
        )

    def guards(self, node: cst.CSTNode, within: cst.CSTNode) -> List[cst.If]:
        """The `if`s between `within` and `node` whose branch decides whether `node` runs
        (an `if` whose other branch repeats the statement does not), innermost first."""
        found: List[cst.If] = []
        path: List[cst.CSTNode] = [node]
        for ancestor in self.ancestors(node):
            if ancestor is within:
                break
            child = path[-1]
            if type(ancestor) is cst.If and child is not ancestor.test:  # type: ignore[attr-defined]
                statement = path[-2] if type(child) is cst.IndentedBlock and len(path) >= 2 else (
                    path[-3] if len(path) >= 3 else None)
                if statement is None or not self.mirrored(statement, ancestor):
                    found.append(ancestor)  # type: ignore[arg-type]
            path.append(ancestor)
        return found

    def twin(self, statement: cst.CSTNode) -> Optional[cst.CSTNode]:
        """The identical statement in the other branch of the `if`/`else` that holds this one
        directly in its `else` branch (the first copy stands for both)."""
        block = self.parent(statement)
        owner = self.parent(block) if block is not None else None
        if type(owner) is cst.Else:
            branching = self.parent(owner)
            if type(branching) is cst.If and self.mirrored(statement, branching):
                return next(s for s in branching.body.body if type(s) is type(statement) and s.deep_equals(statement))  # type: ignore[attr-defined]
        return None

    def dominates(self, earlier: cst.CSTNode, later: cst.CSTNode, alike: bool = False) -> bool:
        """`earlier` (a statement) runs whenever `later` runs: the block that holds it
        directly, or the `with` statement whose body that is, also holds `later` (later in
        the source, as the caller checks). `alike`: or the same code runs, a statement that
        both branches of an `if`/`else` hold alike (`mirrored`: the `if` stands for it)."""
        line = self.parent(earlier)
        standing = line if type(line) is cst.SimpleStatementLine else earlier
        outer = self._block_of(earlier)
        while outer is not None:
            parent = self.parent(outer)
            if type(parent) is cst.Else:
                parent = self.parent(parent)
            # a `with` body runs whenever its statement does (`autocast()`, `no_grad()`: a
            # manager that swallows an exception is the rare exception)
            if type(parent) is cst.With and parent.body is outer or alike and self.mirrored(standing, parent):
                standing, outer = parent, self._block_of(parent)
            else:
                break
        return outer is not None and self.contains(outer, later)

    def _block_of(self, statement: cst.CSTNode) -> Optional[cst.CSTNode]:
        """The block (suite, module) that holds a statement directly."""
        outer = self.parent(statement)
        return self.parent(outer) if type(outer) is cst.SimpleStatementLine else outer

    def bound_at(self, name: str, at: cst.CSTNode) -> bool:
        """Reading `name` at `at` finds it bound on every path: a builtin, a parameter, a
        name of an enclosing function or of the module (bound before this code can be
        called), or a binding of the same scope that always runs before `at`."""
        scope = self.scope_of(at)
        owner = scope.owner_of(name)
        if owner is None:
            return hasattr(builtins, name)
        while scope.kind == "comprehension" and scope is not owner and scope.parent is not None:
            scope = scope.parent
        if owner is not scope:
            return True
        for binding in owner.bindings[name]:
            if binding.kind == "param":
                return True
            if not self.knows(binding.statement):
                continue
            if binding.kind in ("for", "except"):
                body = getattr(binding.statement, "body", None)
                if body is not None and self.contains(body, at):
                    return True
            elif self.before(binding.statement, at) and self.dominates(binding.statement, at):
                return True
        bindings = [b for b in owner.bindings[name] if b.kind not in ("for", "except") and self.knows(b.statement)]
        for binding in bindings:
            for ancestor in self.ancestors(binding.statement):
                if ancestor is owner.node:
                    break
                if (type(ancestor) is cst.If and self.before(ancestor, at) and self.dominates(ancestor, at)
                        and self._every_branch_binds(ancestor, bindings)):
                    return True
        return False

    def _every_branch_binds(self, node: cst.If, bindings: List[Binding]) -> bool:
        """Each branch of the if/elif/else chain binds the name (or leaves)."""
        branches = []
        current: cst.CSTNode = node
        while type(current) is cst.If:
            branches.append(current.body)  # type: ignore[attr-defined]
            current = current.orelse  # type: ignore[attr-defined]
        if type(current) is not cst.Else:
            return False
        branches.append(current.body)  # type: ignore[attr-defined]
        return all(exits(branch) or self._block_binds(branch, bindings) for branch in branches)

    def _block_binds(self, suite: cst.CSTNode, bindings: List[Binding]) -> bool:
        if any(self._block_of(binding.statement) is suite for binding in bindings):
            return True
        return any(type(s) is cst.If and self._every_branch_binds(s, bindings) for s in getattr(suite, "body", ()))

    def attribute_set_at(self, model: ClassModel, attr: str, at: cst.CSTNode) -> bool:
        """`self.attr` holds a value whenever `at` (in a method of `model`) runs: a method or
        class attribute, a write in `__init__` that always runs or one that runs before `at`
        in its own method; or a base class from outside the file may set it."""
        classes = self.mro(model)
        for each in classes:
            for base in each.node.bases:
                if base.keyword is None and not self.local_classes(base.value) and dotted_name(base.value) != "object":
                    return True
            if attr in each.methods or attr in each.scope.bindings:
                return True
        method = self.function_of(at)
        for each in classes:
            for write in each.writes.get(attr, ()):
                if write.method.name.value == "__init__" and not self.conditional(write.statement, write.method):
                    return True
                if write.method is method and self.before(write.statement, at) and self.dominates(write.statement, at):
                    return True
        return False

    def reads_bound(self, edits: Sequence[Tuple[cst.CSTNode, Sequence[cst.CSTNode]]]) -> bool:
        """Every name (and `self.attr`) that the new code of the edits reads, and the code it
        replaces did not, is bound where it goes: (old node, new nodes) per edit. Names the
        new code binds itself count as bound."""
        written: Set[str] = set()
        written_attributes: Set[Tuple[str, str]] = set()
        reads = []
        for old, new in edits:
            if type(old) is cst.Name and self.is_store(old):  # a renamed binding binds its new name
                written |= free_reads(new).names
                continue
            if type(old) is cst.Name and not self._variable(old):  # an attribute's or keyword's name
                continue
            new_reads = free_reads(new)
            old_reads = free_reads([old])
            written |= new_reads.stored
            written_attributes |= new_reads.stored_attributes
            reads.append((old, new_reads.names - old_reads.names, new_reads.attributes - old_reads.attributes))
        for old, names, attributes in reads:
            if any(name not in written and not self.bound_at(name, old) for name in names):
                return False
            for receiver, attr in attributes - written_attributes:
                if receiver in written:
                    continue
                bindings = self.lookup(receiver, old)
                model = self.self_of(bindings[0]) if len(bindings) == 1 and bindings[0].kind == "param" else None
                if model is not None and not self.attribute_set_at(model, attr, old) \
                        and not self._read_before(model, attr, old):
                    return False
        return True

    def _read_before(self, model: ClassModel, attr: str, at: cst.CSTNode) -> bool:
        """The method already reads `self.attr` before `at` whenever `at` runs (the code
        would fail there first): `self.scaler.scale(loss)` before the fix's `self.scaler`."""
        method = self.function_of(at)
        for each in self.family(model):
            for read in each.reads.get(attr, ()):
                if self.function_of(read) is method and self.before(read, at) \
                        and self.dominates(self.statement_of(read), at):
                    return True
        return False

    def _variable(self, name: cst.Name) -> bool:
        """The Name stands for a variable (not `attr` in `x.attr`, a keyword or an import's name)."""
        parent = self.parent(name)
        kind = type(parent)
        if kind is cst.Attribute:
            return parent.value is name  # type: ignore[union-attr]
        if kind is cst.Arg:
            return parent.value is name  # type: ignore[union-attr]
        return kind not in (cst.ImportAlias, cst.ImportFrom, cst.Global, cst.Nonlocal)

    def conditional(self, node: cst.CSTNode, within: cst.CSTNode) -> bool:
        """Whether `node` may be skipped when `within` (a function, a loop body...) runs:
        it sits under an if (not repeated in its other branch), a loop, a try's
        handler/else, a conditional expression..."""
        child = node
        path: List[cst.CSTNode] = [node]
        for ancestor in self.ancestors(node):
            if ancestor is within:
                return False
            kind = type(ancestor)
            if kind is cst.If and child is not ancestor.test:  # type: ignore[attr-defined]
                statement = path[-2] if type(child) is cst.IndentedBlock and len(path) >= 2 else (
                    path[-3] if len(path) >= 3 else None)
                if statement is None or not self.mirrored(statement, ancestor):
                    return True
                child = ancestor
                path.append(ancestor)
                continue
            path.append(ancestor)
            if kind in (cst.Try, cst.TryStar):
                if child is not ancestor.body and child is not ancestor.finalbody:  # type: ignore[attr-defined]
                    return True
            elif kind is cst.BooleanOperation:
                if child is ancestor.right:  # type: ignore[attr-defined]
                    return True
            elif kind in (cst.If, cst.IfExp):
                if child is not ancestor.test:  # type: ignore[attr-defined]
                    return True
            elif kind in (cst.For, cst.While):
                if child is not ancestor.iter if kind is cst.For else child is not ancestor.test:  # type: ignore[attr-defined]
                    return True
            elif kind in _CONDITIONAL:
                return True
            child = ancestor
        return False

    # -- construction ----------------------------------------------------------------------

    def _build(self) -> None:
        module_scope = Scope("module", self.module, None)
        self._scopes[id(self.module)] = module_scope
        nodes, order, end, parent, by_type = self.nodes, self._order, self._end, self._parent, self.by_type
        name_scope, noted = self._name_scope, _NOTED
        # (node, parent, scope, leaving)
        todo: List[Tuple[cst.CSTNode, Optional[cst.CSTNode], Scope, bool]] = [(self.module, None, module_scope, False)]
        push, pop = todo.append, todo.pop
        while todo:
            node, up, scope, leaving = pop()
            if leaving:
                end[id(node)] = len(nodes) - 1
                continue
            kind = type(node)
            key = id(node)
            order[key] = len(nodes)
            nodes.append(node)
            if up is not None:
                parent[key] = up
            bucket = by_type.get(kind)
            if bucket is None:
                bucket = by_type[kind] = []
            bucket.append(node)
            if kind is cst.Name:
                name_scope[key] = scope
                end[key] = len(nodes) - 1  # a Name has no syntactic children
                continue
            inner = scope
            scope_kind = _SCOPE_KINDS.get(kind)
            if scope_kind is not None and kind is not cst.Module:
                inner = Scope(scope_kind, node, scope)
                self._scopes[key] = inner
            if kind in noted:
                self._note(node, kind, scope, inner)
            push((node, up, scope, True))
            children = child_nodes(node)
            if inner is scope and kind is not cst.Param and kind is not cst.CompFor:
                for child in reversed(children):
                    push((child, node, scope, False))
                continue
            for child in reversed(children):
                # a def's decorators, defaults, annotations and name belong to the outer scope
                child_scope = inner if inner is scope or not self._outside(node, child) else scope
                if kind is cst.Param and child is not node.name and scope.kind in ("function", "lambda") \
                        and scope.parent is not None:  # type: ignore[attr-defined]
                    child_scope = scope.parent
                # a comprehension's first iterable is evaluated outside it
                if kind is cst.CompFor and child is node.iter and scope.kind == "comprehension" \
                        and getattr(up, "for_in", None) is node and scope.parent is not None:  # type: ignore[attr-defined]
                    child_scope = scope.parent
                push((child, node, child_scope, False))
        self._classes_done()

    @staticmethod
    def _outside(owner: cst.CSTNode, child: cst.CSTNode) -> bool:
        kind = type(owner)
        if kind is cst.FunctionDef:
            return child is not owner.body and child is not owner.params  # type: ignore[attr-defined]
        if kind is cst.ClassDef:
            return child is not owner.body  # type: ignore[attr-defined]
        if kind is cst.Lambda:
            return child is not owner.body and child is not owner.params  # type: ignore[attr-defined]
        if kind in _COMPREHENSIONS:
            # the outermost iterable is evaluated outside; the rest inside
            return False
        return False

    def _store(self, name: cst.CSTNode) -> None:
        self._stores.add(id(name))

    def _note(self, node: cst.CSTNode, kind: type, scope: Scope, inner: Scope) -> None:
        """Record the bindings a node makes (in `scope`, or `inner` for its own scope)."""
        if kind is cst.Assign:
            for target in node.targets:  # type: ignore[attr-defined]
                self._bind_target(target.target, "assign", node, node.value, scope)  # type: ignore[attr-defined]
        elif kind is cst.AnnAssign:
            if node.value is not None:  # type: ignore[attr-defined]
                self._bind_target(node.target, "annassign", node, node.value, scope)  # type: ignore[attr-defined]
            else:
                self._mark_stores(node.target)  # type: ignore[attr-defined]
        elif kind is cst.AugAssign:
            self._bind_target(node.target, "augassign", node, node.value, scope)  # type: ignore[attr-defined]
            if type(node.target) is cst.Name:  # type: ignore[attr-defined]
                self._stores.discard(id(node.target))  # also read  # type: ignore[attr-defined]
        elif kind is cst.For:
            self._bind_target(node.target, "for", node, node.iter, scope)  # type: ignore[attr-defined]
        elif kind is cst.CompFor:
            self._bind_target(node.target, "for", node, node.iter, scope)  # type: ignore[attr-defined]
        elif kind is cst.WithItem:
            if node.asname is not None:  # type: ignore[attr-defined]
                self._bind_target(node.asname.name, "with", node, node.item, scope)  # type: ignore[attr-defined]
        elif kind is cst.ExceptHandler:
            if node.name is not None and type(node.name.name) is cst.Name:  # type: ignore[attr-defined]
                self._bind_target(node.name.name, "except", node, node.type, scope)  # type: ignore[attr-defined]
        elif kind is cst.NamedExpr:
            target_scope = scope
            while target_scope.kind == "comprehension" and target_scope.parent is not None:
                target_scope = target_scope.parent
            self._bind_target(node.target, "walrus", node, node.value, target_scope)  # type: ignore[attr-defined]
        elif kind is cst.FunctionDef or kind is cst.ClassDef:
            name = node.name  # type: ignore[attr-defined]
            self._store(name)
            scope.bind(Binding(name.value, "def" if kind is cst.FunctionDef else "class", name, node, node, (), scope))
            if kind is cst.FunctionDef:
                self.functions_by_name.setdefault(name.value, []).append(node)  # type: ignore[arg-type]
                for param in parameters(node.params):  # type: ignore[attr-defined]
                    self._store(param.name)
                    inner.bind(Binding(param.name.value, "param", param.name, param, param.default, (), inner))
                self._method(node, scope)  # type: ignore[arg-type]
            else:
                model = ClassModel(node, inner)  # type: ignore[arg-type]
                self.classes[id(node)] = model
                self.classes_by_name.setdefault(name.value, []).append(model)
        elif kind is cst.Lambda:
            for param in parameters(node.params):  # type: ignore[attr-defined]
                self._store(param.name)
                inner.bind(Binding(param.name.value, "param", param.name, param, param.default, (), inner))
        elif kind is cst.Import or kind is cst.ImportFrom:
            self._imports(node, kind, scope)
        elif kind is cst.Global:
            scope.globals.update(item.name.value for item in node.names)  # type: ignore[attr-defined]
            for item in node.names:  # type: ignore[attr-defined]
                self._store(item.name)
        elif kind is cst.Nonlocal:
            scope.nonlocals.update(item.name.value for item in node.names)  # type: ignore[attr-defined]
            for item in node.names:  # type: ignore[attr-defined]
                self._store(item.name)
        elif kind is cst.Attribute:
            self._store(node.attr)  # type: ignore[attr-defined]
        elif kind is cst.Arg:
            if node.keyword is not None:  # type: ignore[attr-defined]
                self._store(node.keyword)  # type: ignore[attr-defined]
        elif kind is cst.Param:
            self._store(node.name)  # type: ignore[attr-defined]

    def _mark_stores(self, target: cst.CSTNode) -> None:
        for name, _ in target_names(target):
            self._store(name)

    def _bind_target(self, target: cst.CSTNode, kind: str, statement: cst.CSTNode,
                     value: Optional[cst.CSTNode], scope: Scope) -> None:
        for name, path in target_names(target):
            self._store(name)
            scope.bind(Binding(name.value, kind, name, statement, value, path, scope))

    def _imports(self, node: cst.CSTNode, kind: type, scope: Scope) -> None:
        if kind is cst.Import:
            for alias in node.names:  # type: ignore[attr-defined]
                full = dotted_name(alias.name) or ""
                if alias.asname is not None and type(alias.asname.name) is cst.Name:
                    local, qualified = alias.asname.name.value, full
                else:
                    local = qualified = full.split(".")[0]
                target = alias.asname.name if alias.asname is not None else alias.name
                for each in (target, alias.name):
                    for sub in _names_in(each):
                        self._store(sub)
                scope.bind(Binding(local, "import", target, node, None, (), scope, qualified))
            return
        base = "." * len(node.relative) + (dotted_name(node.module) or "" if node.module else "")  # type: ignore[attr-defined]
        names = node.names  # type: ignore[attr-defined]
        if type(names) is cst.ImportStar:
            scope.bind(Binding("*", "import", node, node, None, (), scope, base))
            return
        for alias in names:
            name = dotted_name(alias.name) or ""
            local = name
            target = alias.name
            if alias.asname is not None and type(alias.asname.name) is cst.Name:
                local = alias.asname.name.value
                target = alias.asname.name
            for each in (alias.name, target):
                for sub in _names_in(each):
                    self._store(sub)
            scope.bind(Binding(local, "import", target, node, None, (), scope, f"{base}.{name}" if base else name))
        if node.module is not None:  # type: ignore[attr-defined]
            for sub in _names_in(node.module):  # type: ignore[attr-defined]
                self._store(sub)

    def _method(self, function: cst.FunctionDef, scope: Scope) -> None:
        if scope.kind != "class":
            return
        model = self.classes[id(scope.node)]
        # only defs directly in the class body are methods (not under an `if` there)
        if self._parent.get(id(function)) is not getattr(scope.node, "body", None):
            return
        model.methods.setdefault(function.name.value, function)
        self.method_class[id(function)] = model
        static = any(dotted_name(d.decorator) in ("staticmethod",) for d in function.decorators)
        positional = [*function.params.posonly_params, *function.params.params]
        if not static and positional:
            model.self_names[id(function)] = positional[0].name.value

    def _classes_done(self) -> None:
        """Attribute writes, reads and self-calls of every class, from its methods' nodes."""
        for model in self.classes.values():
            for method in set(model.methods.values()):
                self_name = model.self_names.get(id(method))
                if self_name is None:
                    continue
                self._scan_method(model, method, self_name)

    def _scan_method(self, model: ClassModel, method: cst.FunctionDef, self_name: str) -> None:
        calls = model.calls.setdefault(method.name.value, set())
        for node in self.descendants(method.body):
            kind = type(node)
            if kind is cst.Subscript:
                entry = self._entry(node, self_name)
                if entry is not None and not self._written(node):
                    model.reads.setdefault(entry, []).append(node)  # type: ignore[arg-type]
            elif kind is cst.Attribute:
                if type(node.value) is not cst.Name or node.value.value != self_name:  # type: ignore[attr-defined]
                    continue
                if self.self_attribute(node) is None:
                    continue
                attr = node.attr.value  # type: ignore[attr-defined]
                up = self._parent.get(id(node))
                if type(up) is cst.Call and up.func is node:  # type: ignore[attr-defined]
                    calls.add(attr)
                if not self._written(node):
                    model.reads.setdefault(attr, []).append(node)  # type: ignore[arg-type]
            elif kind is cst.Assign:
                for target in node.targets:  # type: ignore[attr-defined]
                    self._attribute_targets(model, method, self_name, node, target.target, node.value, None)  # type: ignore[attr-defined]
            elif kind is cst.AnnAssign and node.value is not None:  # type: ignore[attr-defined]
                self._attribute_targets(model, method, self_name, node, node.target, node.value, None)  # type: ignore[attr-defined]
            elif kind is cst.AugAssign:
                self._attribute_targets(model, method, self_name, node, node.target, node.value,  # type: ignore[attr-defined]
                                        type(node.operator))  # type: ignore[attr-defined]
            elif kind is cst.Call and dotted_name(node.func) == "setattr" and len(node.args) == 3:  # type: ignore[attr-defined]
                receiver, key, value = (arg.value for arg in node.args)  # type: ignore[attr-defined]
                if type(receiver) is cst.Name and receiver.value == self_name and type(key) is cst.SimpleString:
                    attr = key.evaluated_value
                    if isinstance(attr, str):
                        statement = self.statement_of(node)
                        model.writes.setdefault(attr, []).append(
                            AttributeWrite(attr, method, statement, node, value, None)
                        )

    def _attribute_targets(self, model, method, self_name, statement, target, value, operator) -> None:
        elements: List[Tuple[cst.CSTNode, Tuple[int, ...]]] = []

        def collect(node: cst.CSTNode, path: Tuple[int, ...]) -> None:
            if type(node) in (cst.Tuple, cst.List):
                for index, element in enumerate(node.elements):  # type: ignore[attr-defined]
                    collect(element.value, path + (index,))
            else:
                elements.append((node, path))

        collect(target, ())
        for element, path in elements:
            entry = self._entry(element, self_name) if type(element) is cst.Subscript else None
            if entry is not None:
                model.writes.setdefault(entry, []).append(AttributeWrite(
                    entry, method, statement, element, _element(value, path) if path else value, operator, path))
                continue
            if type(element) is not cst.Attribute or type(element.value) is not cst.Name:  # type: ignore[attr-defined]
                continue
            if element.value.value != self_name or self.self_attribute(element) is None:  # type: ignore[attr-defined]
                continue
            attr = element.attr.value  # type: ignore[attr-defined]
            element_value = value
            if path:
                element_value = _element(value, path)
            model.writes.setdefault(attr, []).append(
                AttributeWrite(attr, method, statement, element, element_value, operator, path)
            )
            if type(element_value) is cst.Dict and operator is None:  # `self.state = {"step": 0}`
                for item in element_value.elements:
                    key = getattr(item, "key", None)
                    if type(key) is cst.SimpleString and isinstance(key.evaluated_value, str):
                        entry = entry_name(attr, key.evaluated_value)
                        model.writes.setdefault(entry, []).append(
                            AttributeWrite(entry, method, statement, element, item.value, None))

    def _entry(self, node: cst.Subscript, self_name: str) -> Optional[str]:
        """`self.state["step"]` in a method whose `self` is `self_name`: the field name of an
        entry with a constant key of a dict an attribute holds (`entry_name`), else None."""
        holder = node.value
        if type(holder) is not cst.Attribute or type(holder.value) is not cst.Name or holder.value.value != self_name \
                or self.self_attribute(holder) is None:
            return None
        return field_name(node)

    def _written(self, attribute: cst.CSTNode) -> bool:
        """The attribute node is (part of) an assignment target, not read (`+=` reads too)."""
        child = attribute
        for ancestor in self.ancestors(attribute):
            kind = type(ancestor)
            if kind is cst.AssignTarget:
                return True
            if kind is cst.AnnAssign:
                return child is ancestor.target  # type: ignore[attr-defined]
            if kind in (cst.Tuple, cst.List, cst.Element, cst.StarredElement):
                child = ancestor
                continue
            return False
        return False


def entry_name(attr: str, key: str) -> str:
    """The field name under which a class's writes and reads of `self.attr[key]` are kept
    beside its attributes' (no identifier holds a bracket)."""
    return f"{attr}[{key!r}]"


def field_name(node: cst.CSTNode) -> Optional[str]:
    """The field `x.attr` or `x.attr["key"]` (a constant key) names, on any receiver: the
    attribute's name, or `entry_name`; None for anything else."""
    if type(node) is cst.Attribute:
        return node.attr.value
    if type(node) is cst.Subscript and type(node.value) is cst.Attribute and len(node.slice) == 1:
        key = getattr(node.slice[0].slice, "value", None)
        if type(key) is cst.SimpleString and isinstance(key.evaluated_value, str):
            return entry_name(node.value.attr.value, key.evaluated_value)
    return None


def _element(value: Optional[cst.CSTNode], path: Sequence[int]) -> Optional[cst.CSTNode]:
    """The element at `path` of a tuple/list display (None when not a display, or starred)."""
    for index in path:
        if value is None or type(value) not in (cst.Tuple, cst.List) or index < 0:
            return None
        elements = value.elements  # type: ignore[attr-defined]
        if index >= len(elements) or any(type(e) is cst.StarredElement for e in elements):
            return None
        value = elements[index].value
    return value


element_at = _element


def _names_in(node: cst.CSTNode) -> List[cst.Name]:
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if type(current) is cst.Name:
            found.append(current)
        elif type(current) is cst.Attribute:
            stack.append(current.value)  # type: ignore[attr-defined]
            found.append(current.attr)  # type: ignore[attr-defined]
    return found
