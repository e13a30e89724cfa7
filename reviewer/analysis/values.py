"""Where values come from: an expression followed back through locals, `self` attributes,
config subscripts, tuple unpacking and calls of this file's functions, to what the rules
reason about: literals, parameters, settings, constructions and loop variables.

`origins(expr)` answers with a tuple of `Origin`s, one per way the value can be made.
It is flow-insensitive except for straight-line code: a name read after an unconditional
assignment in the same block sees that assignment only (`warmup = max(1, warmup)`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst

from reviewer.analysis.scopes import AttributeWrite, Binding, ClassModel, Index, element_at
from reviewer.analysis.tree import (
    added_to_itself,
    argument,
    child_nodes,
    dotted_name,
    method_call,
    positional_parameters,
    string_value,
)
from reviewer.vocabulary import PASS_THROUGH_METHODS

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis

#: Origin kinds
CONST = "const"          # a literal: `value` is the Python value
PARAM = "param"          # a function or lambda parameter: `binding` is its Binding
SETTING = "setting"      # a field of a settings object (argparse, a config dict/object): `key`
CALL = "call"            # the result of calling something outside this file: `qualified`
INSTANCE = "instance"    # an instance of a class of this file: `model`
LOOP = "loop"            # a loop variable: `binding` (its value is the loop's iterable)
UPDATED = "updated"      # a name or attribute updated in place (`+=`): `binding` or `write`
ATTRIBUTE = "attribute"  # an attribute of `self` nothing in the file assigns (a base class sets it)
IMPORT = "import"        # an imported module or object: `qualified`
DEFINITION = "definition"  # a function, lambda or class of this file: `node`
EXPRESSION = "expression"  # computed here (arithmetic, comparisons...): `node`
UNKNOWN = "unknown"


@dataclass(frozen=True, eq=False)
class Origin:
    kind: str
    node: cst.CSTNode
    value: object = None
    key: Optional[str] = None
    qualified: Optional[str] = None
    binding: Optional[Binding] = None
    write: Optional[AttributeWrite] = None
    model: Optional[ClassModel] = None
    #: the default of a parameter or setting, when the file gives one
    default: Optional[cst.CSTNode] = None
    #: for settings: the type the file declares (`type=int` of argparse, an annotation)
    declared_type: Optional[str] = None
    #: the receiver of a setting (`args` in `args.epochs`)
    receiver: Optional[cst.CSTNode] = None


_CONSTANTS = {"None": None, "True": True, "False": False}
#: the state protocol's methods that put back a value the object held before
RESTORING_METHODS = frozenset({"load_state_dict", "__setstate__"})


def restores(write: AttributeWrite) -> bool:
    """The write puts back a value the attribute held before (a checkpoint's): it gives the
    attribute no value, nor start, of its own."""
    return write.method.name.value in RESTORING_METHODS

#: module attributes with a known value
_KNOWN = {"math.pi": 3.141592653589793, "numpy.pi": 3.141592653589793, "torch.pi": 3.141592653589793,
          "math.e": 2.718281828459045, "math.inf": float("inf")}
_MAX_DEPTH = 12


class Values:
    def __init__(self, analysis: "FileAnalysis") -> None:
        self.analysis = analysis
        self.index: Index = analysis.index
        self._memo: Dict[int, Tuple[Origin, ...]] = {}
        self._active: Set[int] = set()

    # -- public -----------------------------------------------------------------------------

    def origins(self, expr: cst.CSTNode) -> Tuple[Origin, ...]:
        key = id(expr)
        found = self._memo.get(key)
        if found is not None:
            return found
        if key in self._active or len(self._active) > _MAX_DEPTH:
            return (Origin(UNKNOWN, expr),)
        self._active.add(key)
        try:
            found = tuple(self._origins(expr))
        finally:
            self._active.discard(key)
        if self.index.knows(expr):  # a node built by a substitution: its id may be reused
            self._memo[key] = found
        return found

    def rebound_between(self, read: cst.Name, point: cst.CSTNode) -> bool:
        """Every path from `point` to `read` binds the read name again: a statement after
        `point` that runs whenever it does (`loss.backward()` then `loss = loss.detach()`,
        both in the body of an `if`) and before `read`. The read then sees another value on
        those paths."""
        index = self.index
        if not index.knows(read) or not index.knows(point):
            return False
        at = index.statement_of(point)
        return any(b.kind in ("assign", "annassign") and index.before(at, b.statement)
                   and index.before(b.statement, read) and index.dominates(b.statement, at)
                   for b in index.bindings(read))

    def returned_past(self, node: cst.CSTNode, block: cst.CSTNode, function: cst.FunctionDef) -> bool:
        """`function` returns a name whose value `node`, inside `block`, computes (through
        locals), and a binding outside `block` reaches that return: where `block` does not
        run, the function returns another value (`if t < w: lr = ...` then `return lr`, with
        `lr` a parameter)."""
        index = self.index
        return any(type(r.value) is cst.Name and index.knows(r.value)
                   and any(index.contains(source, node) for source in local_sources(index, self, r.value))
                   and any(not index.contains(block, b.statement) for b in self.reaching(r.value))
                   for r in index.of_type(function.body, cst.Return, into_scopes=False))

    def ratio(self, expr: cst.CSTNode) -> Optional[cst.BinaryOperation]:
        """The division `a / b` that `expr` holds wherever it is not the literal 0 (a rate
        per step computed once: `self.rate = delta / steps if steps else 0`), else None."""
        found = self.origins(expr)
        divisions = [o.node for o in found if o.kind == EXPRESSION and type(o.node) is cst.BinaryOperation
                     and type(o.node.operator) is cst.Divide]
        if len(divisions) != 1 or any(o.node is not divisions[0] and not (o.kind == CONST and o.value == 0)
                                      for o in found):
            return None
        return divisions[0]  # type: ignore[return-value]

    def constant(self, expr: cst.CSTNode) -> Optional[object]:
        """The value when every origin is the same literal, else None (also for `None`)."""
        found = self.origins(expr)
        values = {repr(o.value) for o in found if o.kind == CONST}
        if found and all(o.kind == CONST for o in found) and len(values) == 1:
            return found[0].value
        return None

    def reads_of(self, statement: cst.CSTNode, name: str) -> List[cst.Name]:
        """The reads of `name` in the function of `statement` that the binding it makes may reach."""
        index = self.index
        return [n for n in index.names_valued(name, within=index.function_of(statement) or index.module)
                if not index.is_store(n) and any(b.statement is statement for b in self.reaching(n))]

    def reaching(self, name: cst.Name) -> List[Binding]:
        """The bindings a read of `name` can see: those of its scope that run before it (or
        come around again in a loop that holds the read), where an unconditional assignment
        earlier in an enclosing block hides the ones before it (straight-line code)."""
        bindings = self.index.bindings(name)
        if len(bindings) < 2:
            return bindings
        index = self.index
        if not index.knows(name):
            return bindings
        here = index.order(name)
        scope = index.scope_of(name)
        if any(b.scope is not scope and b.scope.node is not scope.node for b in bindings):
            return self._closure_reaching(name, bindings)
        statement = index.statement_of(name)
        loops = [a for a in index.ancestors(name) if type(a) in (cst.For, cst.While) and index.contains(scope.node, a)]

        def runs_before(binding: Binding) -> bool:
            if binding.kind == "param" or not index.knows(binding.statement):
                return True
            if index.contains(binding.statement, name) and binding.kind != "for":
                # `d = d - 1` reads the d of an earlier pass only in a loop around it
                return any(index.contains(loop, binding.statement) for loop in loops)
            position = index.order(binding.statement)
            return position < here or any(index.contains(loop, binding.statement) for loop in loops)

        visible = [b for b in bindings if runs_before(b)]
        earlier = [b for b in visible if b.kind != "param" and index.knows(b.statement)
                   and index.order(b.statement) < here and not index.contains(b.statement, name)]
        dominating = [b for b in earlier if self.index.dominates(b.statement, statement)]
        if not dominating:
            return visible or bindings
        last = max(dominating, key=lambda b: index.order(b.statement))
        if last.kind == "augassign":
            return visible
        cut = index.order(last.statement)
        around = [loop for loop in loops if not index.contains(loop, last.statement)]
        # a later assignment reaches the read only around a loop that holds both (also one
        # whose value holds the read: `d = d * f` sees its own binding of the pass before)
        return [b for b in visible if b.kind != "param" and index.knows(b.statement) and (
            index.order(b.statement) == cut or (index.order(b.statement) > cut and (
                index.order(b.statement) < here and not index.contains(b.statement, name)
                or any(index.contains(loop, b.statement) for loop in around))))] or visible

    def _closure_reaching(self, name: cst.Name, bindings: List[Binding]) -> List[Binding]:
        """A closure's variable (of the function around it) may be set at any time before the
        call: the bindings from the last one that runs unconditionally before the nested
        function is defined on (and any in a loop around the definition); all of them where
        none does."""
        index = self.index
        outer = bindings[0].scope
        # a module's globals: any binding may be current (and a long module has many of them)
        if type(outer.node) is not cst.FunctionDef or any(b.scope is not outer for b in bindings) \
                or not index.knows(outer.node):
            return bindings
        nested = next((a for a in index.ancestors(name) if type(a) in (cst.FunctionDef, cst.Lambda)
                       and index.function_of(a) is outer.node), None)
        if nested is None:
            return bindings
        definition = index.statement_of(nested)
        here = index.order(definition)
        earlier = [b for b in bindings if b.kind != "param" and index.knows(b.statement)
                   and index.order(b.statement) < here and index.dominates(b.statement, definition)]
        if not earlier:
            return bindings
        last = max(earlier, key=lambda b: index.order(b.statement))
        if last.kind == "augassign":
            return bindings
        loops = [a for a in index.ancestors(definition) if type(a) in (cst.For, cst.While) and index.contains(outer.node, a)]
        return [b for b in bindings if b.kind != "param" and index.knows(b.statement) and (
            index.order(b.statement) >= index.order(last.statement) or any(index.contains(loop, b.statement) for loop in loops))]

    # -- the resolution ---------------------------------------------------------------------

    def _origins(self, expr: cst.CSTNode) -> List[Origin]:
        # parentheses change nothing here, and the node itself must stay (origins are
        # compared by identity: the construction of an object)
        kind = type(expr)
        if kind is cst.Integer or kind is cst.Float or kind is cst.Imaginary:
            return [Origin(CONST, expr, expr.evaluated_value)]  # type: ignore[attr-defined]
        if kind is cst.SimpleString or kind is cst.ConcatenatedString:
            return [Origin(CONST, expr, getattr(expr, "evaluated_value", None))]
        if kind is cst.UnaryOperation and type(expr.operator) is cst.Minus:  # type: ignore[attr-defined]
            inner = self.origins(expr.expression)  # type: ignore[attr-defined]
            if all(o.kind == CONST and isinstance(o.value, (int, float)) for o in inner):
                return [Origin(CONST, expr, -o.value) for o in inner]  # type: ignore[operator]
            return [Origin(EXPRESSION, expr)]
        if kind is cst.Name:
            if expr.value in _CONSTANTS and not self.index.bindings(expr):  # type: ignore[attr-defined]
                return [Origin(CONST, expr, _CONSTANTS[expr.value])]  # type: ignore[attr-defined]
            return self._name(expr)  # type: ignore[arg-type]
        if kind is cst.Attribute:
            return self._attribute(expr)  # type: ignore[arg-type]
        if kind is cst.Subscript:
            return self._subscript(expr)  # type: ignore[arg-type]
        if kind is cst.Call:
            return self._call(expr)  # type: ignore[arg-type]
        if kind is cst.Lambda:
            return [Origin(DEFINITION, expr)]
        if kind is cst.IfExp:
            return list(self.origins(expr.body)) + list(self.origins(expr.orelse))  # type: ignore[attr-defined]
        if kind is cst.BooleanOperation and type(expr.operator) is cst.Or:  # `cfg or DEFAULTS`: one of the two
            return list(self.origins(expr.left)) + list(self.origins(expr.right))  # type: ignore[attr-defined]
        if kind is cst.NamedExpr:
            return list(self.origins(expr.value))  # type: ignore[attr-defined]
        return [Origin(EXPRESSION, expr)]

    def _name(self, name: cst.Name) -> List[Origin]:
        bindings = self.reaching(name)
        if not bindings:
            qualified = self.analysis.qualified(name)
            return [Origin(IMPORT if qualified != name.value else UNKNOWN, name, qualified=qualified)]
        found: List[Origin] = []
        imported: Set[Optional[str]] = set()
        for binding in bindings:
            if binding.kind == "import":  # `import torch` in each of many sections: one origin
                if binding.qualified in imported:
                    continue
                imported.add(binding.qualified)
            found.extend(self._binding(binding))
        return found

    def _binding(self, binding: Binding) -> List[Origin]:
        kind = binding.kind
        if kind == "param":
            return [Origin(PARAM, binding.target, binding=binding, default=binding.value,
                           declared_type=_annotation(binding.statement))]
        if kind in ("assign", "annassign", "walrus"):
            value = binding.value
            if value is None:
                return [Origin(UNKNOWN, binding.target)]
            if binding.path:
                return self._unpacked(value, binding.path, binding.target)
            return list(self.origins(value))
        if kind == "augassign":
            return [Origin(UPDATED, binding.target, binding=binding)]
        if kind == "for":
            return [Origin(LOOP, binding.target, binding=binding)]
        if kind == "import":
            return [Origin(IMPORT, binding.target, qualified=binding.qualified)]
        if kind in ("def", "class"):
            if kind == "class":
                return [Origin(DEFINITION, binding.statement, model=self.index.classes.get(id(binding.statement)))]
            return [Origin(DEFINITION, binding.statement)]
        if kind == "with" and binding.value is not None:
            return list(self.origins(binding.value))
        return [Origin(UNKNOWN, binding.target)]

    def _unpacked(self, value: cst.CSTNode, path: Tuple[int, ...], target: cst.CSTNode) -> List[Origin]:
        """The origins of element `path` of an unpacked value: a display's element, or the
        argument in that position of a pass-through call (`accelerator.prepare(m, opt, sched)`)."""
        value = local_value(self.analysis, value)  # `d = self.configure(); self.opt, self.sched = d`
        element = element_at(value, path)
        if element is not None:
            return list(self.origins(element))
        found = method_call(value)
        if found is not None and found[1] in PASS_THROUGH_METHODS and len(path) == 1 and path[0] >= 0:
            args = [a.value for a in value.args if a.keyword is None and not a.star]  # type: ignore[attr-defined]
            if len(args) > path[0]:
                return list(self.origins(args[path[0]]))
        returned = self.returned(value)
        if returned is not None:
            found_origins: List[Origin] = []
            for expression in returned:
                element = element_at(local_value(self.analysis, expression), path)  # `d = a, b; return d` too
                found_origins.extend(self.origins(element) if element is not None else [Origin(UNKNOWN, target)])
            return found_origins
        return [Origin(UNKNOWN, target)]

    def returned(self, value: cst.CSTNode) -> Optional[List[cst.CSTNode]]:
        """The returned expressions of this file's function that `value` calls, else None."""
        if type(value) is not cst.Call:
            return None
        function = self.analysis.callee(value)  # type: ignore[arg-type]
        if function is None or type(function) is not cst.FunctionDef:
            return None
        returns = [r.value for r in self.index.of_type(function.body, cst.Return, into_scopes=False) if r.value is not None]
        return returns or None

    def _attribute(self, node: cst.Attribute) -> List[Origin]:
        index = self.index
        owner = index.self_attribute(node)
        if owner is not None:
            model, attr = owner
            writes = self._reaching_writes(node, index.attribute_writes(model, attr))
            writes = [w for w in writes if not restores(w)] or writes
            if not writes:
                if index.method_of(model, attr) is not None:
                    return [Origin(DEFINITION, index.method_of(model, attr), model=model)]  # type: ignore[arg-type]
                return [Origin(ATTRIBUTE, node, key=attr, model=model)]
            found: List[Origin] = []
            for write in writes:
                if write.operator is not None or added_to_itself(write.statement) is not None:
                    found.append(Origin(UPDATED, node, key=attr, write=write, model=model))
                elif write.value is None and write.path and type(write.statement) is cst.Assign:
                    # `self.opt, self.sched = self.configure()`: the element the call returns there
                    found.extend(self._unpacked(write.statement.value, write.path, node))
                elif write.value is None:
                    found.append(Origin(UNKNOWN, node, key=attr))
                else:
                    found.extend(self.origins(write.value))
            return found
        qualified = self.analysis.qualified(node)
        if qualified in _KNOWN:
            return [Origin(CONST, node, _KNOWN[qualified])]
        receiver = node.value
        if qualified is not None and qualified != dotted_name(node):
            return [Origin(IMPORT, node, qualified=qualified)]
        assigned = self._assigned_field(node)
        if assigned is not None:
            return list(self.origins(assigned))
        receivers = self.origins(receiver)
        if any(o.kind == INSTANCE for o in receivers):
            return self._instance_attribute(node, receivers)
        return [self._setting(node.attr.value, node, receiver, receivers)]

    def _assigned_field(self, node: cst.Attribute) -> Optional[cst.CSTNode]:
        """The value of `x.key = value` that runs before this read of `x.key` whenever it
        runs (`args.num_iterations = total // batch`, after which the default is gone)."""
        index = self.index
        receiver = node.value
        if type(receiver) is not cst.Name or not index.knows(node):
            return None
        bindings = index.bindings(receiver)
        # in a closure, the assignment runs in the scope that binds the receiver, before the
        # statement of that scope that holds the read (the nested def)
        reader: cst.CSTNode = node
        function = index.function_of(node) or index.module
        if bindings and bindings[0].scope.node is not function and index.contains(bindings[0].scope.node, node):
            function = bindings[0].scope.node
            reader = next((a for a in index.ancestors(node) if index.parent(a) is not None
                           and index.function_of(a) is (function if function is not index.module else None)
                           and type(a) is cst.FunctionDef), node)
        statement = index.statement_of(reader)
        found = None
        for assign, element in index.field_assignments(function).get((receiver.value, node.attr.value), ()):
            if (index.bindings(element.value) == bindings
                    and index.before(assign, reader) and self.index.dominates(assign, statement)):
                if found is None or index.order(assign) > index.order(found):
                    found = assign
        return found.value if found is not None else None

    def _reaching_writes(self, node: cst.Attribute, writes: List[AttributeWrite]) -> List[AttributeWrite]:
        """An unconditional write earlier in the same method hides the others (straight-line
        code: `self.t = 1` then `... self.t ...`); a `+=` keeps them."""
        index = self.index
        if not index.knows(node):
            return writes
        method = index.function_of(node)
        statement = index.statement_of(node)
        earlier = [w for w in writes if w.method is method and index.knows(w.statement)
                   and index.order(w.statement) < index.order(node) and not index.contains(w.statement, node)
                   and self.index.dominates(w.statement, statement)]
        if not earlier:
            return writes
        last = max(earlier, key=lambda w: index.order(w.statement))
        return writes if last.operator is not None else [last]

    def _instance_attribute(self, node: cst.Attribute, receivers: Tuple[Origin, ...]) -> List[Origin]:
        found: List[Origin] = []
        for origin in receivers:
            if origin.kind == INSTANCE and origin.model is not None:
                writes = self.index.attribute_writes(origin.model, node.attr.value)
                found.extend(o for w in writes if w.value is not None and w.operator is None for o in self.origins(w.value))
                found.extend(Origin(UPDATED, node, key=node.attr.value, write=w) for w in writes if w.operator is not None)
                if not writes:
                    found.append(self._setting(node.attr.value, node, node.value, receivers))
            else:
                found.append(self._setting(node.attr.value, node, node.value, receivers))
        return found

    def _subscript(self, node: cst.Subscript) -> List[Origin]:
        if len(node.slice) != 1 or type(node.slice[0].slice) is not cst.Index:
            return [Origin(EXPRESSION, node)]
        index_value = node.slice[0].slice.value  # type: ignore[attr-defined]
        key = string_value(index_value)
        receivers = self.origins(node.value)
        if key is None:
            position = self.analysis.values.constant(index_value) if type(index_value) is not cst.SimpleString else None
            if isinstance(position, int) and not isinstance(position, bool):
                found: List[Origin] = []
                for origin in receivers:
                    element = element_at(origin.node, (position,)) if origin.kind == EXPRESSION else None
                    found.extend(self.origins(element) if element is not None else [Origin(EXPRESSION, node)])
                return found
            return [Origin(EXPRESSION, node)]
        return self._entries(node, key, node.value, receivers)

    def _entries(self, node: cst.CSTNode, key: str, receiver: cst.CSTNode, receivers, fallback=None) -> List[Origin]:
        """`node` reads the entry `key` of a settings holder: one setting per origin of the
        receiver, its default the value of a config dict the code builds with that key, else
        `fallback` (`.get(key, fallback)`)."""
        found = []
        built = [self._built_entry(origin, key) for origin in receivers]
        shown = {id(value): value for value in built if value is not None}
        for origin, value in zip(receivers, built):
            if value is None and len(shown) == 1 and origin.kind == PARAM and dotted_name(origin.default) == "None":
                # `cfg if cfg is not None else dict(DEFAULTS)`: a parameter that defaults to None
                # takes the fallback's entry as its default, as a setting takes its declared one
                value = next(iter(shown.values()))
            default = value if value is not None else fallback
            found.append(Origin(SETTING, node, key=key, default=default, receiver=receiver,
                                declared_type=_type_of(self.origins(default)) if default is not None else None))
        return found or [Origin(SETTING, node, key=key, default=fallback, receiver=receiver,
                                declared_type=_type_of(self.origins(fallback)) if fallback is not None else None)]

    def _built_entry(self, origin: Origin, key: str, depth: int = 0) -> Optional[cst.CSTNode]:
        """The value for `key` of a dict the code builds: a display (`{"warm": 0}`, or a dict it
        spreads: `{**DEFAULTS, **overrides}`), or `dict(DEFAULTS, **overrides)`, also the one
        the calls of a function pass for its parameter; what it takes from a dict it spreads or
        copies stands as the default the overrides may change."""
        node = origin.node
        spread: List[cst.CSTNode] = []
        if origin.kind == EXPRESSION and type(node) is cst.Dict:
            for element in node.elements:
                if type(element) is cst.DictElement and string_value(element.key) == key:
                    return element.value
                if type(element) is cst.StarredDictElement:
                    spread.append(element.value)
        elif origin.kind == CALL and origin.qualified == "dict":
            given = argument(node, key)
            if given is not None and given.keyword is not None:
                return given.value
            spread = [a.value for a in node.args[:1] if a.keyword is None and not a.star]
        elif origin.kind == PARAM and origin.binding is not None:  # `make_optim(params, hp)`: the dict passed
            spread = [p for p in parameter_arguments(self.analysis, origin.binding) if p is not None]
        for value in spread if depth < 3 else ():
            for inner in self.origins(value):
                entry = self._built_entry(inner, key, depth + 1)
                if entry is not None:
                    return entry
        return None

    def _looked_up(self, call: cst.Call, receiver: cst.CSTNode) -> Optional[List[Origin]]:
        """`hp.get("power", 0.9)` on a settings dict (one that is no import): the entry, as
        `hp["power"]` is, with the call's fallback as its default where the code builds no
        dict with that key."""
        args = [a.value for a in call.args]
        key = string_value(args[0]) if args and all(a.keyword is None and not a.star for a in call.args) else None
        if key is None or len(args) > 2 or self.analysis.qualified(receiver) not in (None, dotted_name(receiver)):
            return None
        return self._entries(call, key, receiver, self.origins(receiver), args[1] if len(args) == 2 else None)

    def _setting(self, key: str, node: cst.CSTNode, receiver: cst.CSTNode, receivers: Tuple[Origin, ...]) -> Origin:
        """`args.epochs`, `cfg.warmup`: a field of a settings object, with the default the
        file declares for it (argparse's `add_argument`, a dataclass field)."""
        declared = self.analysis.settings.get(key)
        default = declared[0] if declared else None
        declared_type = declared[1] if declared else None
        for origin in receivers:  # a namespace built here: `SimpleNamespace(net=net)`
            passed = argument(origin.node, key) if type(origin.node) is cst.Call else None
            if passed is not None:
                default = passed.value
                break
        return Origin(SETTING, node, key=key, default=default, declared_type=declared_type, receiver=receiver)

    def _call(self, call: cst.Call) -> List[Origin]:
        analysis = self.analysis
        function = analysis.callee(call)
        if function is not None:
            if type(function) is cst.ClassDef:
                return [Origin(INSTANCE, call, model=self.index.classes.get(id(function)))]
            returned = self.returned(call)
            if returned is not None:
                found: List[Origin] = []
                for expression in returned:
                    found.extend(self.origins(expression))
                return found
            return [Origin(EXPRESSION, call)]
        found_method = method_call(call)
        if found_method is not None and found_method[1] in SAME_OBJECT_METHODS:
            return list(self.origins(found_method[0]))
        if found_method is not None and found_method[1] in PASS_THROUGH_METHODS:
            args = [a.value for a in call.args if a.keyword is None and not a.star]
            if len(args) == 1:
                return list(self.origins(args[0]))
        if found_method is not None and found_method[1] == "get":
            looked_up = self._looked_up(call, found_method[0])
            if looked_up is not None:
                return looked_up
        qualified = analysis.qualified(call.func)
        copied = [a.value for a in call.args if a.keyword is None and not a.star]
        if qualified in ("copy.deepcopy", "copy.copy") and len(copied) == 1:
            return list(self.origins(copied[0]))  # a copy is what it copies (`deepcopy(model)`)
        return [Origin(CALL, call, qualified=qualified)]


#: methods that return their receiver (or a converted copy of it)
SAME_OBJECT_METHODS = {
    "to", "cuda", "cpu", "eval", "train", "half", "float", "double", "bfloat16", "requires_grad_",
    "share_memory", "to_empty",
}


def _annotation(param: cst.CSTNode) -> Optional[str]:
    annotation = getattr(param, "annotation", None)
    if annotation is None:
        return None
    return dotted_name(annotation.annotation)


def _type_of(origins: Tuple[Origin, ...]) -> Optional[str]:
    if origins and all(o.kind == CONST for o in origins):
        types = {type(o.value).__name__ for o in origins}
        if len(types) == 1:
            return types.pop()
    return None


def declared_settings(index: Index, analysis: "FileAnalysis") -> Dict[str, Tuple[Optional[cst.CSTNode], Optional[str]]]:
    """Settings the file declares, by key: argparse options (`--warmup-iters` gives
    warmup_iters), dataclass fields and the values of a class that holds nothing else, with
    their default and declared type."""
    found: Dict[str, Tuple[Optional[cst.CSTNode], Optional[str]]] = {}
    for call in index.all(cst.Call):
        found_method = method_call(call)
        if found_method is None or found_method[1] != "add_argument":
            continue
        names = [string_value(a.value) for a in call.args if a.keyword is None]
        flags = [n for n in names if n]
        dest_arg = argument(call, "dest")
        dest = string_value(dest_arg.value) if dest_arg is not None else None
        if dest is None:
            long = [f for f in flags if f.startswith("--")]
            chosen = long[0] if long else (flags[0] if flags else None)
            if chosen is None:
                continue
            dest = chosen.lstrip("-").replace("-", "_")
        default_arg = argument(call, "default")
        type_arg = argument(call, "type")
        declared_type = dotted_name(type_arg.value) if type_arg is not None else None
        default = default_arg.value if default_arg is not None else None
        if declared_type is None and default is not None:
            declared_type = _type_of(analysis.values.origins(default))
        found.setdefault(dest, (default, declared_type))
    for model in index.classes.values():
        body = getattr(model.node.body, "body", ())
        dataclass = any(dotted_name(d.decorator if type(d.decorator) is not cst.Call else d.decorator.func)  # type: ignore[attr-defined]
                        in ("dataclass", "dataclasses.dataclass") for d in model.node.decorators)
        # a class that only holds values (`class Cfg: epochs = 120`) is a namespace of settings
        namespace = not model.node.bases and not model.node.decorators and bool(body) and all(
            type(s) is cst.SimpleStatementLine and all(type(small) in (cst.Assign, cst.AnnAssign, cst.Expr) for small in s.body)
            for s in body)
        if not (dataclass or namespace):
            continue
        for statement in body:
            if type(statement) is not cst.SimpleStatementLine:
                continue
            for small in statement.body:
                if namespace and type(small) is cst.Assign and len(small.targets) == 1 \
                        and type(small.targets[0].target) is cst.Name:
                    found.setdefault(small.targets[0].target.value, (small.value, _type_of(analysis.values.origins(small.value))))
                elif type(small) is cst.AnnAssign and type(small.target) is cst.Name:
                    default = small.value
                    if type(default) is cst.Call and argument(default, "default") is not None:  # field(default=...)
                        default = argument(default, "default").value  # type: ignore[union-attr]
                    found.setdefault(small.target.value, (default, dotted_name(small.annotation.annotation)))
    return found


def argument_for(call: cst.Call, function: cst.CSTNode, parameter: str, method: bool) -> Optional[cst.CSTNode]:
    """The expression a call passes for `parameter` of `function` (a def), else None."""
    params = positional_parameters(function.params)  # type: ignore[attr-defined]
    if method and params:
        params = params[1:]
    names = [p.name.value for p in params]
    position = names.index(parameter) if parameter in names else None
    arg = argument(call, parameter, position)
    return arg.value if arg is not None else None


def names_read(index: Index, expression: cst.CSTNode) -> List[cst.Name]:
    """The Name nodes an expression reads (not attribute names, keywords or stores)."""
    return [n for n in index.descendants(expression) if type(n) is cst.Name and not index.is_store(n)]


def walk_expression(expression: cst.CSTNode):
    """Sub-expressions of an expression, pre-order, not into lambdas."""
    stack = [expression]
    while stack:
        node = stack.pop()
        yield node
        if type(node) is cst.Lambda and node is not expression:
            continue
        stack.extend(reversed(child_nodes(node)))


def skip_tests(expression: cst.CSTNode):
    """Sub-expressions of an expression, pre-order, not into lambdas, and leaving out what
    only decides between values (comparisons, boolean operators, `not`, a conditional
    expression's test): `a if step < w else b` does not compute with `step`."""
    stack = [expression]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind in (cst.Comparison, cst.BooleanOperation) or (
            kind is cst.UnaryOperation and type(node.operator) is cst.Not  # type: ignore[attr-defined]
        ):
            continue
        yield node
        if kind is cst.Lambda and node is not expression:
            continue
        if kind is cst.IfExp:
            stack.extend([node.orelse, node.body])  # type: ignore[attr-defined]
            continue
        stack.extend(reversed(child_nodes(node)))


def local_sources(index: Index, values: "Values", expression: cst.CSTNode, limit: int = 64) -> List[cst.CSTNode]:
    """The expression, and the values of the locals it reads followed back through
    assignments in the same function (`lr = self.base_lr * f; group["lr"] = lr` gives the
    right sides of both): what the expression is computed from, within its function."""
    found: List[cst.CSTNode] = [expression]
    seen: Set[int] = {id(expression)}
    position = 0
    while position < len(found) and len(found) < limit:
        current = found[position]
        position += 1
        for node in skip_tests(current):
            if type(node) is not cst.Name or not index.knows(node) or index.is_store(node):
                continue
            for binding in values.reaching(node):  # type: ignore[arg-type]
                if binding.kind in ("assign", "annassign", "augassign", "walrus") and binding.value is not None:
                    value = binding.value
                    if binding.path:
                        value = element_at(value, binding.path) or value
                    if id(value) not in seen:
                        seen.add(id(value))
                        found.append(value)
    return found


def sources_through_calls(analysis: "FileAnalysis", expression: cst.CSTNode, via: Sequence[cst.Call]) -> List[cst.CSTNode]:
    """`local_sources`, continued into the callers: where a source reads a parameter of the
    function that the innermost call of `via` runs (outermost first, as `LoopCall.via`), the
    argument that call passes, and so on outwards."""
    index, values = analysis.index, analysis.values
    found = local_sources(index, values, expression)
    current = list(found)
    for call in reversed(via):
        function = analysis.callee(call)
        if type(function) is not cst.FunctionDef:
            break
        method = index.class_of_method(function) is not None
        passed: List[cst.CSTNode] = []
        for source in current:
            names = [source] if type(source) is cst.Name else index.of_type(source, cst.Name)
            for name in names:
                if index.knows(name) and any(b.kind == "param" and b.scope.node is function for b in index.bindings(name)):
                    argument = argument_for(call, function, name.value, method)  # type: ignore[attr-defined]
                    if argument is not None:
                        passed.extend(local_sources(index, values, argument))
        found.extend(passed)
        current = passed
    return found


def aliases(analysis: "FileAnalysis", name: cst.Name, via: Sequence[cst.Call] = ()) -> List[cst.Name]:
    """The names whose value `name` holds unchanged: itself, the names it was assigned from
    (`loss = d`), and, where it is a parameter of the function the innermost call of `via`
    runs, the name that call passes (outwards through `via`)."""
    index, values = analysis.index, analysis.values
    found: List[cst.Name] = []
    todo: List[Tuple[cst.Name, int]] = [(name, len(via))]
    while todo and len(found) < 32:
        current, depth = todo.pop()
        if any(current is f for f in found) or not index.knows(current):
            continue
        found.append(current)
        for binding in values.reaching(current):
            if binding.kind == "assign" and not binding.path and type(binding.value) is cst.Name:
                todo.append((binding.value, depth))
            elif binding.kind == "param" and depth > 0:
                call = via[depth - 1]
                function = analysis.callee(call)
                if type(function) is cst.FunctionDef and binding.scope.node is function:
                    passed = argument_for(call, function, binding.name, index.class_of_method(function) is not None)
                    if type(passed) is cst.Name:
                        todo.append((passed, depth - 1))
    return found


def passed_for(analysis: "FileAnalysis", expression: cst.CSTNode) -> List[cst.CSTNode]:
    """For a parameter of a function of the file, what each of the function's calls in the
    file passes for it (no entry for a call that passes nothing: the default); else []."""
    index = analysis.index
    bindings = analysis.values.reaching(expression) if type(expression) is cst.Name and index.knows(expression) else []
    if len(bindings) != 1:
        return []
    return [p for p in parameter_arguments(analysis, bindings[0]) if p is not None]


def parameter_arguments(analysis: "FileAnalysis", binding: Binding) -> List[Optional[cst.CSTNode]]:
    """For a parameter binding of a function of the file, what each of the function's calls
    in the file passes for it (None for a call that passes nothing); [] for other bindings."""
    if binding.kind != "param" or type(binding.scope.node) is not cst.FunctionDef:
        return []
    function = binding.scope.node
    method = analysis.index.class_of_method(function) is not None
    return [argument_for(call, function, binding.name, method and type(call.func) is cst.Attribute)
            for call in analysis.calls_of(function)]


def sources(analysis: "FileAnalysis", expression: cst.CSTNode, depth: int = 2) -> Set[int]:
    """The nodes (by id) of `origins_through_calls`: two expressions with a source in common
    hold one object."""
    return {id(origin.node) for origin in origins_through_calls(analysis, expression, depth)}


def origins_through_calls(analysis: "FileAnalysis", expression: cst.CSTNode, depth: int = 2) -> List[Origin]:
    """Where a value comes from (through a holder the code builds, `held`), a parameter
    followed (`depth` levels) to what every call of its function in the file passes."""
    found: List[Origin] = []
    for origin in analysis.values.origins(held(analysis, expression)):
        passed = parameter_arguments(analysis, origin.binding) if (
            origin.kind == PARAM and origin.binding is not None and depth > 0) else []
        if passed and all(p is not None for p in passed):
            for each in passed:
                found += origins_through_calls(analysis, each, depth - 1)  # type: ignore[arg-type]
        else:
            found.append(origin)
    return found


def constants_given(analysis: "FileAnalysis", expression: cst.CSTNode, depth: int = 2,
                    uncalled_defaults: bool = False) -> Optional[List[object]]:
    """The constants (numbers, strings, None, booleans) the file gives `expression`:
    literals, through locals, a parameter's arguments at every call of its function in the
    file (its default where a call passes none), a setting's default; None where any value
    is not such a constant, or comes from a function the file never calls (its callers
    elsewhere pass what they like), unless `uncalled_defaults` takes its default for it."""
    if not analysis.index.knows(expression):
        return None
    found: List[object] = []
    for origin in analysis.values.origins(expression):
        if origin.kind == CONST:
            if origin.value is None and type(origin.node) is not cst.Name:
                return None  # a string whose value is not known until it runs (an f-string)
            found.append(origin.value)
            continue
        given: List[Optional[cst.CSTNode]] = []
        if origin.kind == PARAM and origin.binding is not None and depth > 0:
            given = [p if p is not None else origin.default for p in parameter_arguments(analysis, origin.binding)] \
                or ([origin.default] if uncalled_defaults else [])
        elif origin.kind == SETTING:
            given = [origin.default]
        values = [constants_given(analysis, g, depth - 1, uncalled_defaults) if g is not None else None for g in given]
        if not values or any(v is None for v in values):
            return None
        for each in values:
            found.extend(each)  # type: ignore[arg-type]
    return found or None


def numbers_given(analysis: "FileAnalysis", expression: cst.CSTNode, depth: int = 2,
                  uncalled_defaults: bool = False) -> Optional[Set[float]]:
    """The numbers the file gives `expression` (`constants_given`); None where any is not one."""
    found = constants_given(analysis, expression, depth, uncalled_defaults)
    if found is None or any(type(value) not in (int, float) for value in found):
        return None
    return {float(value) for value in found}  # type: ignore[arg-type]


def known_truth(analysis: "FileAnalysis", test: cst.BaseExpression, depth: int = 0) -> Optional[bool]:
    """What `x is None` (`x is not None`, `not ...`, or a local holding one) gives on every
    run the file makes, where the file gives `x` constants only (`constants_given`: a
    parameter that every call leaves at its default None, or passes a number); None where
    that is not known."""
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        inner = known_truth(analysis, test.expression, depth)
        return None if inner is None else not inner
    if type(test) is cst.Name and depth < 2 and analysis.index.knows(test):
        held = held_value(analysis, test)
        return known_truth(analysis, held, depth + 1) if held is not None else None
    if type(test) is not cst.Comparison or len(test.comparisons) != 1:
        return None
    comparison = test.comparisons[0]
    negated = type(comparison.operator) is cst.IsNot
    sides = [side for side in (test.left, comparison.comparator) if not (type(side) is cst.Name and side.value == "None")]
    if not (negated or type(comparison.operator) is cst.Is) or len(sides) != 1:
        return None
    given = constants_given(analysis, sides[0])
    if given is None:
        return None
    if all(value is None for value in given):
        return not negated
    return negated if all(value is not None for value in given) else None


def always_reached(analysis: "FileAnalysis", node: cst.CSTNode, within: cst.CSTNode) -> bool:
    """Whether `node` runs whenever `within` (a function) does: nothing between them may skip
    it (`Index.conditional`) but `if`s that take the branch holding it on every run the file
    makes (`known_truth`)."""
    index = analysis.index
    if not index.conditional(node, within):
        return True
    child = node
    for ancestor in index.ancestors(node):
        if ancestor is within:
            return False
        if type(ancestor) is cst.If and child is not ancestor.test \
                and known_truth(analysis, ancestor.test) is (child is ancestor.body):
            # the `if` runs the branch whenever it runs: so must the branch run `node` (an `elif`'s test too)
            return always_reached(analysis, node, ancestor) and always_reached(analysis, ancestor, within)
        child = ancestor
    return False


def held(analysis: "FileAnalysis", expression: cst.CSTNode) -> cst.CSTNode:
    """What a holder built in the code stores (`model` for `cfg["model"]` after `cfg =
    {"model": model}`, or `SimpleNamespace(model=model)`), else the expression."""
    for _ in range(3):
        origins = analysis.values.origins(expression) if analysis.index.knows(expression) else ()
        if len(origins) != 1 or origins[0].kind != SETTING or origins[0].default is None \
                or not analysis.index.knows(origins[0].default):
            break
        expression = origins[0].default
    return expression


def one_value(analysis: "FileAnalysis", a: cst.CSTNode, b: cst.CSTNode) -> bool:
    """Both hold one value: a name holds both (`names_for`, or a local alias), one linear
    form, one constant, or the same parameter (`self.loader` set from `__init__`'s `loader`)."""
    if held_names(analysis, a) & held_names(analysis, b) or analysis.numbers.same(a, b):
        return True
    constants = {analysis.values.constant(a), analysis.values.constant(b)}
    if len(constants) == 1 and None not in constants:
        return True
    if not (analysis.index.knows(a) and analysis.index.knows(b)):
        return False
    params = [{id(o.binding) for o in analysis.values.origins(x) if o.kind == PARAM} for x in (a, b)]
    return bool(params[0] & params[1])


def held_names(analysis: "FileAnalysis", expression: cst.CSTNode) -> Set[str]:
    """`names_for`, and the locals a name is an alias of."""
    found = names_for(analysis, expression)
    if type(expression) is cst.Name and analysis.index.knows(expression):
        found |= {alias.value for alias in aliases(analysis, expression)}
    return found


def names_for(analysis: "FileAnalysis", expression: cst.CSTNode) -> Set[str]:
    """The dotted names that hold the expression's value where the file switches or hands it
    on: its own, the one a local copies, what a holder built in the code stores, and, for a
    parameter, what the function's callers in the file pass (two levels)."""
    local = local_value(analysis, expression)  # `d = args.batch_size`, then `// d`
    found = {dotted_name(expression), dotted_name(local), dotted_name(held(analysis, expression))}
    for passed in passed_for(analysis, expression):
        found.add(dotted_name(held(analysis, passed)))
        found |= {dotted_name(p) for p in passed_for(analysis, passed)}
    return {name for name in found if name is not None}


def held_value(analysis: "FileAnalysis", name: cst.Name) -> Optional[cst.CSTNode]:
    """The one value a name holds where it is read: its assignment (the same in both
    branches of an `if`, where both assign it alike), or, for a parameter of a function the
    file calls once, the argument of that call (`_body(group, lr)`); else None."""
    bindings = analysis.values.reaching(name)
    if bindings and all(b.kind == "assign" and not b.path and b.value is not None for b in bindings) \
            and len({" ".join(analysis.code(b.value).split()) for b in bindings}) == 1:
        return bindings[0].value
    passed = parameter_arguments(analysis, bindings[0]) if len(bindings) == 1 else []
    return passed[0] if len(passed) == 1 else None


def held_chain(analysis: "FileAnalysis", value: Optional[cst.CSTNode], depth: int = 4) -> List[cst.CSTNode]:
    """`value`, and what each name in turn holds (`held_value`), up to `depth` in all: a
    helper's parameter, the local its caller passed, the display that local holds."""
    chain: List[cst.CSTNode] = []
    while value is not None and len(chain) < depth:
        chain.append(value)
        value = held_value(analysis, value) if type(value) is cst.Name and analysis.index.knows(value) else None
    return chain


def local_value(analysis: "FileAnalysis", expression: cst.CSTNode) -> cst.CSTNode:
    """The expression a local holds where it is read, when one assignment reaches it (`d = it
    >= max_iter; if d:`, `d = float(max(1, w)); t / d`), else the expression."""
    if type(expression) is cst.Name and analysis.index.knows(expression):
        reaching = analysis.values.reaching(expression)
        if len(reaching) == 1 and reaching[0].kind == "assign" and not reaching[0].path \
                and reaching[0].value is not None:
            return reaching[0].value
    return expression
