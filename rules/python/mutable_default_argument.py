from typing import Optional, Set

import libcst as cst

from reviewer.analysis.tree import dotted_name, method_call, parameters, shorten
from reviewer.fixes import builtin_visible, default_to_none
from reviewer.rule import Applicability, Fix, Rule, Severity
from reviewer.rules.python.triggers import mutable_default_signature
from reviewer.triggers import Check, mutable_default

#: callables whose result is a fresh mutable container (Ruff's `is_mutable_func`)
_MUTABLE_CALLS = {
    "list", "dict", "set", "builtins.list", "builtins.dict", "builtins.set",
    "collections.defaultdict", "collections.OrderedDict", "collections.deque", "collections.Counter",
}
_MUTABLE_NODES = (cst.List, cst.Dict, cst.Set, cst.ListComp, cst.DictComp, cst.SetComp)

#: annotations that declare the parameter read-only: Ruff skips these (`is_immutable_annotation`)
_IMMUTABLE_ANNOTATIONS = {
    "Sequence", "Mapping", "Iterable", "Collection", "Container", "AbstractSet", "Set", "FrozenSet",
    "frozenset", "Tuple", "tuple", "Hashable", "Reversible", "Sized", "KeysView", "ValuesView",
    "ItemsView", "Iterator", "MappingProxyType", "Final", "ReadOnly",
}
_ANNOTATION_MODULES = ("typing", "typing_extensions", "collections.abc", "types")

#: methods that change a list, dict, set or deque in place
_MUTATING_METHODS = {
    "sort", "append", "extend", "update", "insert", "pop", "clear", "remove", "reverse",
    "add", "discard", "setdefault", "popitem", "appendleft", "extendleft", "rotate",
    "difference_update", "intersection_update", "symmetric_difference_update",
}


class MutableDefaultArgument(Rule):
    code = "RV601"
    name = "mutable-default-argument"
    summary = "A list, dict or set default is created once and shared by every call; an error when the function changes it."
    aliases = ("B006",)
    fix_applicability = Applicability.UNSAFE
    changes_schedule = True
    trigger = Check(mutable_default_signature)
    structure = Check(mutable_default)
    documentation = """
        ## What it does
        Reports a parameter default that is a list, dict or set display or comprehension,
        or a call to `list`, `dict`, `set`, `collections.defaultdict`, `OrderedDict`,
        `deque` or `Counter` (resolved through the file's imports), like Ruff's B006.

        Two severities: when the function changes the default in place (`.sort()`,
        `.append()`, `.extend()`, `.update()`, `.insert()`, `.pop()`, `.clear()`, item
        assignment, `+=`, `del x[i]`), directly, through a local that holds it, or through
        an attribute of `self` it is stored in (`self.steps = steps`, then
        `self.steps.append(...)` in any method of the class), it is an error and the message
        says where. A default that is only read keeps Ruff B006 parity at info severity, so
        that hundreds of harmless ones do not drown the real ones. Parameters annotated as
        read-only (`Sequence`, `Mapping`, `tuple`...) are left alone unless changed.

        ## Why it matters
        The default is evaluated once, when the `def` runs. Every call that omits the
        argument shares the same object, so whatever one call adds to it the next call
        sees. When the function sorts or appends to the parameter, a list passed by the
        caller is changed too: the hand-written warm-up schedulers that take
        `steps=[]` and call `steps.sort()` reorder the caller's milestones.

        ## Example
        ```python
        class WarmRestarts:
            def __init__(self, optimizer, steps=[]):
                steps.sort()
                self.steps = [0] + steps
        ```

        ## Fixed
        ```python
        class WarmRestarts:
            def __init__(self, optimizer, steps=None):
                if steps is None:
                    steps = []
                steps = sorted(steps)
                self.steps = [0] + steps
        ```

        ## Fix safety
        Unsafe: the default becomes `None` and the old default is built in the body
        (after the docstring), so each call gets a fresh object, and a leading statement
        `x.sort(...)` becomes `x = sorted(x, ...)`, so the caller's list is no longer
        reordered; code that relied on either sharing changes behaviour. Passing `None`
        explicitly now means "the default". The annotation is left as it was. No fix is
        offered when a name the default reads means something else inside the function
        (another parameter, a name of the enclosing class body), nor when `sorted` is not
        the builtin there.
    """

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        analysis = self.context.analysis
        params = [p for p in parameters(node.params) if p.default is not None]
        for param in params:
            default = param.default
            if not _is_mutable(default, analysis):
                continue
            mutation = self._first_mutation(node, param)
            if param.annotation is not None and mutation is None and _immutable_annotation(
                param.annotation.annotation, analysis
            ):
                continue
            name = param.name.value
            shown = f"{name}={shorten(self.context.code(default), 40)}"
            if mutation is not None:
                kind = _kind(default, analysis)
                message = (
                    f"Mutable default `{shown}` is changed in place (`{shorten(mutation, 40)}`): the caller's {kind} "
                    f"is changed, and the default {kind} is shared between calls, so each call sees what "
                    f"the previous ones did to it"
                )
                severity = Severity.ERROR
            else:
                message = f"Mutable default `{shown}`: the object is created once and shared between calls"
                severity = Severity.INFO
            self.report(default, message, fix=self._fix(node, param), severity=severity)

    def _first_mutation(self, function: cst.FunctionDef, param: cst.Param) -> Optional[str]:
        """Code of the first in-place change of the parameter's object: on the parameter or a
        local that holds it (before either is rebound), or on an attribute of `self` that
        holds it, in any method of the class."""
        index = self.context.analysis.index
        holders = {param.name.value}
        attributes: Set[str] = set()
        aliasing: Set[int] = set()  # the targets of `x = param`: they bind a holder, not rebind one
        model = index.class_of_method(function)
        first = next((n for n in index.names_valued(param.name.value) if index.contains(function.body, n)), None)
        if first is None:
            return None
        # nothing before the statement that first names the parameter can hold or change it
        end = index.last_descendant(index.order(function.body))
        for node in index.nodes[index.order(index.statement_of(first)):end + 1]:
            kind = type(node)
            if kind is cst.Assign and type(node.value) is cst.Name and node.value.value in holders:
                for target in node.targets:
                    aliasing.add(id(target))
                    if type(target.target) is cst.Name:
                        holders.add(target.target.value)
                    owner = index.self_attribute(target.target) if type(target.target) is cst.Attribute else None
                    if owner is not None:
                        attributes.add(owner[1])
                continue
            if kind is cst.AssignTarget and id(node) not in aliasing and type(node.target) is cst.Name \
                    and node.target.value in holders:
                holders.discard(node.target.value)
                if not holders:
                    break
            found = _mutation(node, lambda n: type(n) is cst.Name and n.value in holders)
            if found is not None:
                return found
        if model is not None and attributes:
            for each in index.family(model):
                for method in each.methods.values():
                    for node in index.descendants(method.body):
                        found = _mutation(node, lambda n: index.knows(n) and type(n) is cst.Attribute and
                                          (index.self_attribute(n) or (None, None))[1] in attributes)
                        if found is not None:
                            return found
        return None

    def _fix(self, function: cst.FunctionDef, param: cst.Param) -> Optional[Fix]:
        analysis = self.context.analysis
        index = analysis.index
        default = param.default
        inside = function.body
        for name in (n for n in index.descendants(default) if type(n) is cst.Name and not index.is_store(n)):
            bindings = index.bindings(name)
            if bindings and all(index.contains(default, b.statement) for b in bindings):
                continue  # a comprehension's own variable
            if index.lookup(name.value, inside) != bindings:
                return None  # the name means something else in the body
        return Fix(
            Applicability.UNSAFE,
            f"Default `{param.name.value}` to None and build the default in the body",
            default_to_none(index, function, param, builtin_visible(analysis, "sorted", inside)),
        )


def _is_mutable(expr: cst.BaseExpression, analysis) -> bool:
    if isinstance(expr, _MUTABLE_NODES):
        return True
    if type(expr) is cst.Call:
        return analysis.qualified(expr.func) in _MUTABLE_CALLS
    return False


def _mutation(node: cst.CSTNode, held) -> Optional[str]:
    """The code of `node` when it changes a held object in place, else None."""
    kind = type(node)
    if kind is cst.Call:
        found = method_call(node)
        if found and held(found[0]) and found[1] in _MUTATING_METHODS:
            return cst.Module(body=[]).code_for_node(node)
    elif kind is cst.AugAssign:
        target = node.target
        if held(target) or (type(target) is cst.Subscript and held(target.value)):
            return cst.Module(body=[]).code_for_node(node)
    elif kind is cst.AssignTarget:
        target = node.target
        if type(target) is cst.Subscript and held(target.value):
            return cst.Module(body=[]).code_for_node(target) + " = ..."
    elif kind is cst.Del:
        targets = [e.value for e in node.target.elements] if type(node.target) is cst.Tuple else [node.target]
        for target in targets:
            if type(target) is cst.Subscript and held(target.value):
                return cst.Module(body=[]).code_for_node(node)
    return None


def _kind(expr: cst.BaseExpression, analysis) -> str:
    if isinstance(expr, (cst.List, cst.ListComp)):
        return "list"
    if isinstance(expr, (cst.Dict, cst.DictComp)):
        return "dict"
    if isinstance(expr, (cst.Set, cst.SetComp)):
        return "set"
    qualified = analysis.qualified(expr.func) if isinstance(expr, cst.Call) else ""
    last = (qualified or "").rsplit(".", 1)[-1]
    return {"list": "list", "set": "set", "deque": "deque"}.get(last, "dict")


def _immutable_annotation(annotation: cst.BaseExpression, analysis) -> bool:
    if isinstance(annotation, cst.Subscript):
        head = analysis.qualified(annotation.value) or ""
        last = head.rsplit(".", 1)[-1]
        if last in ("Optional", "Union", "Annotated"):
            elements = [e.slice.value for e in annotation.slice if isinstance(e.slice, cst.Index)]
            if last == "Annotated":
                elements = elements[:1]
            return bool(elements) and all(
                _immutable_annotation(e, analysis) or (dotted_name(e) == "None") for e in elements
            )
        return _immutable_name(head)
    if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
        parts = [annotation.left, annotation.right]
        return all(_immutable_annotation(p, analysis) or dotted_name(p) == "None" for p in parts)
    return _immutable_name(analysis.qualified(annotation) or "")


def _immutable_name(qualified: str) -> bool:
    module, _, last = qualified.rpartition(".")
    if last not in _IMMUTABLE_ANNOTATIONS:
        return False
    if last == "Set":  # typing.Set is mutable; collections.abc.Set is not
        return module in ("collections.abc", "typing.AbstractSet")
    return module in ("",) + _ANNOTATION_MODULES
