"""What a schedule's length counts: epochs or iterations (optimizer or batch steps).

The file says it through what it does with a value: `len(loader)` of a DataLoader counts
batches; a setting that bounds the epoch loop (`for epoch in range(args.epochs)`) counts
epochs, one that bounds a loop over batches or a loop that trains counts iterations; a
product with a count of iterations counts iterations; a scheduler's horizon whose value is
no more than the epoch loops' known count counts epochs. Only where the file says nothing
does a name decide (`epochs`, `max_epoch` count epochs; `total_steps`, `max_iter`,
`steps_per_epoch` count iterations), as the rules' documentation says.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING, Dict, List, Optional, Set

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.tree import (
    argument,
    dotted_name,
    iterated,
    method_call,
    number,
    positional_args,
    positional_parameters,
    without_parentheses,
)

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis

EPOCHS = "epochs"
ITERATIONS = "iterations"

_PER_EPOCH = re.compile(r"^(?:[a-z0-9]+_)*(?:steps|iters?|iterations|updates|batches)_per_epoch$")
_EPOCH_COUNT = re.compile(r"(?:^|_|n)epochs?$|^(?:num_?)?epochs?_?num$")
_ITERATION_COUNT = re.compile(r"^(?:[a-z0-9]+_)+(?:steps|iters?|iterations|updates)$|^iterations$|^(?:num|n)_?batches$")
#: `*_steps` that are often epochs (torchvision's `lr_steps`, `decay_steps`) or not lengths at all
_NOT_A_LENGTH = re.compile(r"(?:^|_)(?:lr|decay|milestones?|log|eval|val|save|print|ckpt|checkpoint)_|epoch_")
_LOADER_NAME = re.compile(r"loader|(?:^|_)dl$|batches|iterator")
_SAME_UNIT_CALLS = {"int", "round", "math.ceil", "math.floor", "ceil", "floor", "max", "min", "list", "tuple", "sorted"}


def _name_of(node: cst.CSTNode) -> Optional[str]:
    """`epochs` for `epochs`, `args.epochs`, `cfg["args"].epochs` and `cfg["epochs"]`."""
    if type(node) is cst.Name:
        return node.value  # type: ignore[attr-defined]
    if type(node) is cst.Attribute:
        return node.attr.value  # type: ignore[attr-defined]
    if type(node) is cst.Subscript and len(node.slice) == 1 and type(node.slice[0].slice) is cst.Index:  # type: ignore[attr-defined]
        key = node.slice[0].slice.value  # type: ignore[attr-defined]
        return key.evaluated_value if type(key) is cst.SimpleString else None  # type: ignore[attr-defined]
    return None


def name_unit(dotted: str) -> Optional[str]:
    """The unit a name says (evidence only where the file shows nothing)."""
    last = dotted.rsplit(".", 1)[-1].lower()
    if "per_epoch" in last:
        return ITERATIONS if _PER_EPOCH.match(last) else None
    if _EPOCH_COUNT.search(last):
        return EPOCHS  # whatever it is for (`decay_epochs`, `lr_decay_epoch`), it counts epochs
    if _NOT_A_LENGTH.search(last):
        return None
    if _ITERATION_COUNT.match(last):
        return ITERATIONS
    return None


class Units:
    def __init__(self, analysis: "FileAnalysis") -> None:
        self.analysis = analysis
        self._following: Set[int] = set()  # parameters being followed to their arguments

    @cached_property
    def bounds(self) -> Dict[str, str]:
        """Setting label -> the unit of the loops it bounds (`range(args.epochs)` of an epoch
        loop, `while ep < cfg["epochs"]`), when all such loops agree."""
        found: Dict[str, set] = {}
        for unit, bound in self._bounded_loops:
            for label in self._labels(bound):
                found.setdefault(label, set()).add(unit)
        return {label: units.pop() for label, units in found.items() if len(units) == 1}

    @cached_property
    def _bounded_loops(self) -> List[tuple]:
        """(unit, bound) of each loop over a `range` (`for e in range(n)`) or under a counter's
        test (`while e < n`) that the loop model calls an epoch loop, or one over batches or that
        trains."""
        found = []
        loops = self.analysis.loops
        for loop in [*self.analysis.index.all(cst.For), *self.analysis.index.all(cst.While)]:
            bound = _loop_bound(loop)
            if bound is None:
                continue
            unit = EPOCHS if loops.is_epoch_loop(loop) else (
                ITERATIONS if loops.is_batch_loop(loop) or loops.trains_directly(loop) else None)
            if unit is not None:
                found.append((unit, bound))
        return found

    def _within_epochs(self, horizon: cst.CSTNode) -> bool:
        """A horizon whose known value (the largest of a list of milestones) is no more than
        the known count of every epoch loop of its function (of the file, where its function
        has no loop at all: a trainer's `__init__`): a length in iterations would end the
        schedule within the first epoch or so, so it counts epochs."""
        length = self._known(horizon)
        if length is None or length <= 0:
            return False
        index = self.analysis.index
        here = index.function_of(horizon)
        epochs = [bound for unit, bound in self._bounded_loops
                  if unit == EPOCHS and (index.function_of(bound) is here or here is not None and not (
                      index.of_type(here, cst.For) or index.of_type(here, cst.While)))]
        bounds = [self._known(bound) for bound in epochs]
        return bool(bounds) and all(b is not None and length <= b for b in bounds)

    def _known(self, expr: cst.CSTNode, depth: int = 0) -> Optional[float]:
        """The value the file gives `expr`: a literal, the largest element of a list of them, or
        what a setting's default, a local or a config entry holds."""
        found = number(expr)
        if found is not None or depth > 3:
            return found
        if type(expr) in (cst.List, cst.Tuple):
            values = [self._known(e.value, depth + 1) for e in expr.elements]  # type: ignore[attr-defined]
            return max(values) if values and None not in values else None  # type: ignore[type-var]
        if not self.analysis.index.knows(expr):
            return None
        values = set()
        for origin in self.analysis.values.origins(expr):
            if origin.kind == v.CONST and type(origin.value) in (int, float):
                values.add(float(origin.value))
                continue
            source = origin.default if origin.kind == v.SETTING else (
                origin.node if origin.kind == "expression" and origin.node is not expr else None)
            values.add(self._known(source, depth + 1) if source is not None else None)
        return values.pop() if len(values) == 1 else None

    def _labels(self, expr: cst.CSTNode) -> List[str]:
        numbers = self.analysis.numbers
        labels = []
        for form in numbers.forms(expr):
            for atom in form.atoms.values():
                if atom.kind in ("param", "setting", "attribute"):
                    labels.append(atom.label)
        return labels

    def of(self, node: cst.CSTNode) -> Optional[str]:
        """EPOCHS, ITERATIONS, or None when neither the file nor the names say."""
        node = without_parentheses(node) if hasattr(node, "lpar") else node
        if type(node) in (cst.Name, cst.Attribute, cst.Subscript):
            return self._setting(node)
        kind = type(node)
        if kind is cst.Call:
            callee = dotted_name(node.func)  # type: ignore[attr-defined]
            args = positional_args(node)  # type: ignore[arg-type]
            if callee == "len" and len(args) == 1:
                return ITERATIONS if self.is_loader(args[0]) else None
            if callee in _SAME_UNIT_CALLS and args:
                return self._combine(args)
            return None
        if kind is cst.BinaryOperation:
            left, right = node.left, node.right  # type: ignore[attr-defined]
            operator = type(node.operator)  # type: ignore[attr-defined]
            if operator is cst.Multiply:
                units = (self.of(left), self.of(right))
                if ITERATIONS in units:
                    return ITERATIONS  # epochs * len(loader), steps_per_epoch * epochs
                if number(left) is not None:
                    return units[1]
                if number(right) is not None:
                    return units[0]
                return None
            if operator in (cst.Add, cst.Subtract):
                return self._combine([left, right])
            if operator in (cst.Divide, cst.FloorDivide) and number(right) is not None:
                return self.of(left)
            if operator in (cst.Divide, cst.FloorDivide) and self._dataset_length(left):
                return ITERATIONS  # `len(train_set) / batch_size`: the batches of an epoch
            return None
        if kind in (cst.List, cst.Tuple):
            return self._combine([element.value for element in node.elements])  # type: ignore[attr-defined]
        if kind is cst.ListComp:
            return self.of(node.elt)  # type: ignore[attr-defined]
        return None

    def _setting(self, node: cst.CSTNode) -> Optional[str]:
        index = self.analysis.index
        if index.knows(node):
            for origin in self.analysis.values.origins(node):
                if origin.kind in (v.EXPRESSION, v.CALL) and origin.node is not node:  # `w = max(1, warm)`
                    unit = self.of(origin.node)
                    if unit is not None:
                        return unit
            for label in self._labels(node):
                if label in self.bounds:
                    return self.bounds[label]
            if self._loader_length(node):
                return ITERATIONS
            passed = self._passed_unit(node)
            if passed is not None:
                return passed
            labels = self._labels(node)
            units = {name_unit(label) for label in labels} - {None}
            if len(units) == 1:
                return units.pop()  # the name of the setting or parameter the value comes from
        named = name_unit(_name_of(node) or "")
        return named if named is not None or not self._beyond_epochs(node) else ITERATIONS

    def _beyond_epochs(self, length: cst.CSTNode) -> bool:
        """A length whose known value is ten times the known count of every epoch loop of the
        file or more: counted in epochs it would not end within the run, nor within a run ten
        times as long, so it counts iterations (a few times the epochs may be a mistake in
        epochs: no unit is taken from that)."""
        value = self._known(length)
        bounds = [self._known(bound) for unit, bound in self._bounded_loops if unit == EPOCHS]
        return value is not None and bool(bounds) and all(b is not None and 0 < 10 * b <= value for b in bounds)

    def _passed_unit(self, node: cst.CSTNode) -> Optional[str]:
        """A parameter's unit: that of what every call of its function in the file passes
        (`poly_lambda(epochs * len(dl))` for `total`), when they agree; also read as the
        entry of a dict the function builds (`cfg = {"total": total}`)."""
        held = [o.default for o in self.analysis.values.origins(node) if o.kind == v.SETTING and o.default is not None]
        passed = [p for each in [node, *held] for p in v.passed_for(self.analysis, each)]
        if not passed or id(node) in self._following:
            return None
        self._following.add(id(node))
        try:
            units = {self.of(p) for p in passed}
        finally:
            self._following.discard(id(node))
        return units.pop() if len(units) == 1 and None not in units else None

    def _loader_length(self, node: cst.CSTNode) -> bool:
        for origin in self.analysis.values.origins(node):
            if origin.kind == "call" and type(origin.node) is cst.Call and dotted_name(origin.node.func) == "len":  # type: ignore[attr-defined]
                args = positional_args(origin.node)  # type: ignore[arg-type]
                if args and self.is_loader(args[0]):
                    return True
        return False

    def _dataset_length(self, node: cst.CSTNode) -> bool:
        """`len(ds)` of a dataset a loader of the file is built over."""
        node = without_parentheses(node) if hasattr(node, "lpar") else node
        args = positional_args(node) if type(node) is cst.Call and dotted_name(node.func) == "len" else []
        if len(args) != 1 or not self.analysis.index.knows(args[0]):
            return False
        return any(dataset is not None and v.one_value(self.analysis, dataset.value, args[0])
                   for call, _ in self.analysis.objects.constructions(o.LOADER) for dataset in [argument(call, "dataset", 0)])

    def is_loader(self, node: cst.CSTNode) -> bool:
        """A DataLoader (bound by its constructor), or what a loop over batches iterates;
        where the file shows neither, a name like `train_loader`."""
        analysis = self.analysis
        if analysis.index.knows(node):
            kinds = {x.kind if x is not None else None for x in analysis.objects.of(node)}
            if o.LOADER in kinds:
                return True
            if kinds - {None}:
                return False
            if analysis.loops.iterated_by_batch_loop(node):
                return True
        inner = dotted_name(node)
        return inner is not None and _LOADER_NAME.search(inner.rsplit(".", 1)[-1].lower()) is not None

    def _combine(self, nodes: List[cst.CSTNode]) -> Optional[str]:
        """The common unit of operands, numbers aside (`epochs - 1`, `[int(0.5 * e), int(0.75 * e)]`)."""
        units = {self.of(n) for n in nodes if number(n) is None}
        return units.pop() if len(units) == 1 else None

    def horizon(self, scheduler: "o.TorchObject") -> Optional[tuple]:
        """(unit, argument) of a library scheduler construction's length, when it is clear."""
        kind = scheduler.scheduler
        call = scheduler.construction
        if kind is None or call is None or kind.foreign or kind.composite or kind.plateau:
            return None
        if kind.name == "OneCycleLR":
            total = argument(call, "total_steps", kind.horizon_position)
            if total is not None:
                unit = self.of(total.value)
                return (unit, total.value) if unit else None
            per_epoch = argument(call, "steps_per_epoch")
            if per_epoch is not None and argument(call, "epochs") is not None:
                return ITERATIONS, per_epoch.value
            return None
        if kind.name == "LambdaLR":
            return self._lambda_horizon(call)
        if not kind.horizon:
            return None
        arg = argument(call, kind.horizon[0], kind.horizon_position)
        if arg is None:
            return None
        unit = self.of(arg.value) or (EPOCHS if self._within_epochs(arg.value) else None)
        return (unit, arg.value) if unit else None

    def _lambda_horizon(self, call: cst.Call) -> Optional[tuple]:
        """(unit, divisor) of the lengths a LambdaLR's functions divide their step by
        (`1 - it / max_iter`), when every such length says the same unit."""
        arg = argument(call, "lr_lambda", 1)
        if arg is None:
            return None
        index = self.analysis.index
        found = []
        for function in self.analysis.lr.schedule_functions(arg.value):
            params = positional_parameters(function.params)  # type: ignore[attr-defined]
            if index.class_of_method(function) is not None and not any(
                    dotted_name(d.decorator) == "staticmethod" for d in function.decorators):
                params = params[1:]  # a bound method (`lr_lambda=self._decay`): its step follows `self`
            if not params:
                continue
            step = params[0].name.value
            for division in index.of_type(function, cst.BinaryOperation):
                if type(division.operator) is cst.Divide and any(
                        type(n) is cst.Name and n.value == step for n in index.descendants(division.left)):
                    found.append((self.of(division.right), division.right))
        units = {unit for unit, _ in found}
        return found[0] if len(units) == 1 and None not in units else None

    def stepped_horizon(self, call: cst.Call) -> Optional[tuple]:
        """(unit, horizon argument) for a bare `x.step()` whose schedulers all count their
        horizon in that one unit (the last scheduler's argument), else None."""
        found = method_call(call)
        if found is None or found[1] != "step" or call.args:
            return None
        schedulers = self.analysis.objects.schedulers(found[0])
        if not schedulers:
            return None
        horizons = [self.horizon(s) for s in schedulers]
        if any(h is None for h in horizons) or len({h[0] for h in horizons}) != 1:  # type: ignore[index]
            return None
        return horizons[-1]


def _loop_bound(loop: cst.CSTNode) -> Optional[cst.CSTNode]:
    """The count a loop runs to: `n` of `for e in range(n)` (through `enumerate`, `tqdm`,
    `trange(n)`), or of `while e < n` / `while e <= n` whose own body (not a loop in it)
    advances `e`: an iteration counter advanced in a batch loop inside counts no passes."""
    if type(loop) is cst.While:
        test = loop.test
        if type(test) is not cst.Comparison or len(test.comparisons) != 1:
            return None
        operator, right = type(test.comparisons[0].operator), test.comparisons[0].comparator
        if operator in (cst.LessThan, cst.LessThanEqual) and _counted_by(loop, test.left):
            return right
        if operator in (cst.GreaterThan, cst.GreaterThanEqual) and _counted_by(loop, right):  # `n > e`
            return test.left
        return None
    iterable = iterated(loop.iter)  # type: ignore[attr-defined]
    if type(iterable) is cst.Call and dotted_name(iterable.func) in ("range", "trange"):
        args = positional_args(iterable)
        return args[min(1, len(args) - 1)] if args else None  # `range(start, stop, step)`: stop
    return None


def _counted_by(loop: cst.While, counter: cst.CSTNode) -> bool:
    """The loop's own body advances the counter: `e += 1` or `e = e + 1`."""
    name = dotted_name(counter)
    return name is not None and any(
        type(small) is cst.AugAssign and type(small.operator) is cst.AddAssign and dotted_name(small.target) == name
        or type(small) is cst.Assign and len(small.targets) == 1 and dotted_name(small.targets[0].target) == name
        and type(small.value) is cst.BinaryOperation and type(small.value.operator) is cst.Add
        and name in (dotted_name(small.value.left), dotted_name(small.value.right))
        for line in loop.body.body if type(line) is cst.SimpleStatementLine for small in line.body)
