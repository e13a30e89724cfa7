"""Which schedules a file defines, and how the child drives each one (static: nothing runs).

Every decision reads the analysis layer's facts:

* a class is a schedule when the analysis finds it scheduler-like (it extends a torch
  scheduler, writes a param group's LR, keeps an LR attribute a per-step method updates, or
  returns an LR scaled by a counter); it is driven as a torch scheduler, as an object that
  writes an optimizer it is given, or as an object whose LR its caller reads;
* a function or lambda given to `LambdaLR`/`MultiplicativeLR` is run through that class;
* a function whose result becomes the LR, or that writes it, is called with the step.

Where the facts say nothing, names decide and say so here: the optimizer parameter of a
class that is not a torch scheduler is the one whose `param_groups` the class reads, else
one named like an optimizer; a per-batch method is a scheduler method named with `batch` or
`iter`; a schedule is cyclic (no monotone decay expected) when its code calls `sin` or `abs`.
"""

from __future__ import annotations

import builtins
import re
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis.lr import COUNTER_NAME, SETUP_METHODS
from reviewer.analysis.tree import callee_name, dotted_name, parameters
from reviewer.positions import locate
from reviewer.trace.arguments import call_arguments, known, literal

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis
    from reviewer.analysis.scopes import ClassModel

TORCH = "torch"          # extends a torch scheduler: built on the optimizer, stepped as torch's are
OPTIMIZER = "optimizer"  # a class of its own that writes the optimizer it is given
OBJECT = "object"        # holds no optimizer: its caller reads the LR it returns or keeps
FACTOR = "factor"        # a LambdaLR/MultiplicativeLR function, run through that class
FUNCTION = "function"    # the LR as a function of the step
WRITER = "writer"        # a function of the optimizer and the step that writes the LR
FACTORY = "factory"      # a function that builds one of the step (a closure that writes or returns the LR)

OPTIMIZER_NAMES = ("optimizer", "optim", "opt")
_CYCLIC_CALLS = {"sin", "abs"}
#: step parameters the analysis' counter names leave out (YOLOX's `cos_lr(lr, total_iters, iters)`)
_STEP_NAME = re.compile(r"^(?:cur_|current_|global_)?(?:iters|steps?_?num|num_steps_done)$")
#: calls only training code makes: a function with one is a loop that sets the LR, not a schedule
_TRAINING_CALLS = {"backward", "zero_grad"}
#: a per-batch method, where a class has one beside its per-epoch `step()`
_BATCH_WORDS = ("batch", "iter", "update")


@dataclass
class Target:
    """One schedule of a file and how to run it (sent to the child as JSON)."""

    name: str
    kind: str
    line: int
    end_line: int
    #: arguments the file or `--args` fix, as source, and where each came from
    arguments: Dict[str, str] = field(default_factory=dict)
    origins: Dict[str, str] = field(default_factory=dict)
    optimizer_param: Optional[str] = None
    step_param: Optional[str] = None
    step_method: str = "step"
    batch_method: Optional[str] = None
    #: where the LR is read: "groups", "return", "call:<method>" or "attr:<name>"
    read: str = "groups"
    wrapper: Optional[str] = None
    #: a function nested in another: its code, run in the module's namespace plus `free`
    source: Optional[str] = None
    free: Dict[str, str] = field(default_factory=dict)
    unfilled: List[str] = field(default_factory=list)
    #: the LR is computed from a step counter (so a flat curve is a failure)
    counter_driven: bool = True
    cyclic: bool = False
    #: what a caller may call or read between steps (call-count invariance)
    extra_reads: List[str] = field(default_factory=list)
    #: counter attributes the traced methods update (each should advance)
    counters: List[str] = field(default_factory=list)
    #: a function whose code counts its step from 1 (`epoch - 1`) is called from step 1
    first_step: int = 0
    #: a torch scheduler whose `last_epoch` counts epochs while it counts batches itself
    #: (`self.last_epoch * self.iters_per_epoch + self.cur_iter`): stepped as `step(epoch)`
    #: on every batch, as such code is
    epoch_stepped: bool = False

    def as_json(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Skipped:
    name: str
    line: int
    reason: str


def discover(analysis: "FileAnalysis", given: Dict[str, Dict[str, str]]) -> Tuple[List[Target], List[Skipped]]:
    """The file's schedules, in source order; `given` is `--args` by schedule name."""
    finder = _Finder(analysis, given)
    finder.classes()
    finder.functions()
    targets = sorted(finder.targets, key=lambda t: t.line)
    return targets, sorted(finder.skipped, key=lambda s: s.line)


class _Finder:
    def __init__(self, analysis: "FileAnalysis", given: Dict[str, Dict[str, str]]) -> None:
        self.analysis = analysis
        self.index = analysis.index
        self.lr = analysis.lr
        self.given = given
        self.targets: List[Target] = []
        self.skipped: List[Skipped] = []
        self._seen: Set[int] = set()

    def _lines(self, node: cst.CSTNode) -> Tuple[int, int]:
        where = locate(self.analysis.module, [node])[node].range
        return where.start.line, where.end.line

    def _top_level(self, node: cst.CSTNode) -> bool:
        return self.index.parent(node) is self.analysis.module

    # -- classes -----------------------------------------------------------------------------

    def classes(self) -> None:
        for model in self.index.classes.values():
            if not self.lr.is_scheduler_class(model):
                continue
            line, end = self._lines(model.node)
            if not self._top_level(model.node):
                self.skipped.append(Skipped(model.name, line, "defined inside a function or class: not importable"))
                continue
            self._seen.add(id(model.node))
            abstract = self._abstract(model)
            if abstract is not None:
                self.skipped.append(Skipped(model.name, line, f"abstract: {abstract}() raises NotImplementedError"))
                continue
            self.targets.append(self._class(model, line, end))

    def _class(self, model: "ClassModel", line: int, end: int) -> Target:
        target = Target(model.name, self._class_kind(model), line, end)
        init = self.index.method_of(model, "__init__")
        names = [p.name.value for p in parameters(init.params)][1:] if init is not None else []
        if target.kind == TORCH:
            target.optimizer_param = names[0] if names else None
        target.step_method = self._step_method(model)
        stepper = self.index.method_of(model, target.step_method)
        if target.kind == OPTIMIZER:
            target.optimizer_param = self._optimizer_param(model, init, names)
            given = stepper is not None and any(p.name.value in OPTIMIZER_NAMES for p in parameters(stepper.params))
            if target.optimizer_param is None and not given:  # it builds its own optimizer: read the LR it keeps
                target.kind = OBJECT
        target.batch_method = next((n for n in sorted(model.methods) if n != target.step_method and n[:1] != "_"
                                    and any(w in n for w in _BATCH_WORDS) and n not in SETUP_METHODS), None)
        if target.kind == OBJECT and any(n in OPTIMIZER_NAMES for n in names):
            # given an optimizer it writes through a base class of another file (`self.set_lr(...)`)
            target.kind, target.optimizer_param = OPTIMIZER, next(n for n in names if n in OPTIMIZER_NAMES)
        if target.kind == OBJECT:
            target.read = self._object_read(model, target.step_method)
        # torch's own step() is the one caller of a torch scheduler's get_lr() (PyTorch warns others off)
        readers = ("get_last_lr",) if target.kind == TORCH else ("get_lr", "get_last_lr", "__call__")
        target.extra_reads = sorted(m for m in readers
                                    if m != target.step_method and self.index.method_of(model, m) is not None)
        target.counter_driven = (target.kind == TORCH or any(self.lr.counter_used(model, attr) for attr in self.lr.counters(model))
                                 or (stepper is not None and len(parameters(stepper.params)) > 1))
        stepped = {target.step_method, target.batch_method}
        if target.kind != TORCH:
            target.counters = sorted(attr for attr in self.lr.counters(model) if any(
                w.method.name.value in stepped for w in self.index.attribute_writes(model, attr)))
        target.cyclic = self._cyclic([m for each in self.index.family(model) for m in each.methods.values()])
        target.epoch_stepped = target.kind == TORCH and any(
            type(node) is cst.BinaryOperation and type(node.operator) is cst.Multiply and any(
                dotted_name(side) == "self.last_epoch" for side in (node.left, node.right))
            for each in self.index.family(model) if "get_lr" in each.methods
            for node in self.index.of_type(each.methods["get_lr"], cst.BinaryOperation))
        self._fill(target, [c for c in self.index.all(cst.Call) if self.analysis.callee(c) is model.node], names)
        return target

    def _abstract(self, model: "ClassModel") -> Optional[str]:
        """A method whose whole body raises NotImplementedError: a base for subclasses to run."""
        for name, method in model.methods.items():
            lines = method.body.body if type(method.body) is cst.IndentedBlock else [method.body]
            smalls = [small for line in lines for small in (line.body if type(line) in (cst.SimpleStatementLine, cst.SimpleStatementSuite) else [line])]
            smalls = [small for small in smalls if type(small) is not cst.Expr]  # docstrings
            if len(smalls) == 1 and type(smalls[0]) is cst.Raise and smalls[0].exc is not None:
                raised = smalls[0].exc
                if dotted_name(raised.func if type(raised) is cst.Call else raised) == "NotImplementedError":
                    return name
        return None

    def _class_kind(self, model: "ClassModel") -> str:
        if self.analysis.objects.class_kind(model) == o.SCHEDULER:
            return TORCH
        methods = [m for each in self.index.family(model) for m in each.methods.values()]
        if any(self.lr.writes_lr(m) for m in methods if m.name.value not in SETUP_METHODS):
            return OPTIMIZER
        return OBJECT

    def _optimizer_param(self, model: "ClassModel", init: Optional[cst.FunctionDef], names: List[str]) -> Optional[str]:
        """The parameter whose `param_groups` the class reads, directly or through the
        attribute `__init__` stores it in; else one named like an optimizer."""
        if init is not None:
            stored = {w.value.value: attr for attr, writes in model.writes.items() for w in writes  # type: ignore[union-attr]
                      if w.method is init and type(w.value) is cst.Name}
            for node in self.index.of_type(model.node, cst.Attribute):
                if node.attr.value != "param_groups":
                    continue
                receiver = node.value
                if type(receiver) is cst.Name and receiver.value in names:
                    return receiver.value
                owner = self.index.self_attribute(receiver) if self.index.knows(receiver) else None
                if owner is not None:
                    for name, attr in stored.items():
                        if attr == owner[1] and name in names:
                            return name
        return next((n for n in names if n in OPTIMIZER_NAMES), None)

    def _step_method(self, model: "ClassModel") -> str:
        """`step` or `__call__`, else the public method that writes the LR or an LR attribute."""
        for name in ("step", "__call__"):
            if self.index.method_of(model, name) is not None:
                return name
        attributes = self.lr.lr_attributes(model)
        for name, method in sorted(model.methods.items()):
            if name[:1] != "_" and name not in SETUP_METHODS and (self.lr.writes_lr(method) or any(
                    attr in attributes for attr, writes in model.writes.items() for w in writes if w.method is method)):
                return name
        return "step"

    def _object_read(self, model: "ClassModel", step_method: str) -> str:
        method = self.index.method_of(model, step_method)
        if method is not None and any(r.value is not None for r in self.index.of_type(method.body, cst.Return, into_scopes=False)):
            return "return"
        for getter in ("get_last_lr", "get_lr"):
            if self.index.method_of(model, getter) is not None:
                return f"call:{getter}"
        written = [attr for attr in sorted(self.lr.lr_attributes(model))
                   if any(w.method.name.value not in SETUP_METHODS for w in self.index.attribute_writes(model, attr))]
        return f"attr:{written[0]}" if written else "return"

    def _cyclic(self, functions: List[cst.CSTNode]) -> bool:
        return any(callee_name(call) in _CYCLIC_CALLS for f in functions for call in self.index.of_type(f, cst.Call))

    def _fill(self, target: Target, calls: List[cst.Call], names: List[str]) -> None:
        """Arguments from `--args`, then from the first call site that fixes each."""
        for name in (target.name.split(".")[0], target.name):  # a nested schedule also takes its function's
            for key, value in self.given.get(name, {}).items():
                target.arguments[key], target.origins[key] = value, "--args"
        for call in calls:
            found, _ = call_arguments(self.analysis, call, names)
            line = self._lines(call)[0]
            for key, value in found.items():
                if key not in target.arguments and key not in (target.optimizer_param, target.step_param):
                    target.arguments[key], target.origins[key] = value, f"call at line {line}"

    # -- functions ---------------------------------------------------------------------------

    def functions(self) -> None:
        lambdas = self.lr.lambda_functions()
        for node in self.index.all(cst.FunctionDef) + self.index.all(cst.Lambda):
            if id(node) in self._seen or self.index.class_of_method(node) is not None:
                continue
            if id(node) in lambdas:
                wrapper = (dotted_name(lambdas[id(node)][0].func) or "LambdaLR").rsplit(".", 1)[-1]
                self._function(node, FACTOR, wrapper)
            elif type(node) is cst.FunctionDef and self._schedule_function(node):
                self._function(node, WRITER if self.lr.writes_lr(node) else FUNCTION, None)
            elif type(node) is cst.FunctionDef and self._top_level(node):
                built = self._built_schedule(node)
                if built is not None:
                    self._factory(node, built)

    def _schedule_function(self, function: cst.FunctionDef) -> bool:
        """Schedule code (the analysis' context) that returns or writes an LR, not a factory
        that returns a function or a scheduler."""
        if any(type(a) in (cst.ClassDef, cst.FunctionDef) for a in self.index.ancestors(function)):
            return False  # a method, or a function nested in another: only a LambdaLR function is run from there
        if any(callee_name(call) in _TRAINING_CALLS for call in self.index.of_type(function, cst.Call)):
            return False  # a training loop that also sets the LR
        body = function.body.body[0] if function.body.body else function.body  # type: ignore[attr-defined]
        if self.lr.context(body) != "function" or not parameters(function.params):
            return False
        for returned in self.index.of_type(function.body, cst.Return, into_scopes=False):
            value = returned.value
            if value is None:
                continue
            if type(value) is cst.Lambda or self.analysis.objects.is_a(value, o.SCHEDULER):
                return False
            if type(value) is cst.Name and any(b.kind == "def" for b in self.index.bindings(value)):
                return False
        return True

    def _built_schedule(self, function: cst.FunctionDef) -> Optional[cst.CSTNode]:
        """The closure a factory returns (every `return` gives the same nested def or a
        lambda), when it takes the step and writes the LR, or when the factory is schedule
        code (the analysis' context) and the closure returns its value (open_clip's
        `cosine_lr(optimizer, ...)` returning `_lr_adjuster(step)`)."""
        returned = [r.value for r in self.index.of_type(function.body, cst.Return, into_scopes=False) if r.value is not None]
        if not returned:
            return None
        built = []
        for value in returned:
            if type(value) is cst.Lambda:
                built.append(value)
            elif type(value) is cst.Name and self.index.knows(value):
                bindings = self.index.bindings(value)
                if not bindings or any(b.kind != "def" for b in bindings):
                    return None
                built.append(bindings[-1].statement)
            else:
                return None
        closure = built[0]
        if any(b is not closure for b in built) or len(parameters(closure.params)) != 1:  # type: ignore[attr-defined]
            return None
        if any(callee_name(call) in _TRAINING_CALLS for call in self.index.of_type(closure, cst.Call)):
            return None
        body = function.body.body[0] if function.body.body else function.body  # type: ignore[attr-defined]
        if self.lr.writes_lr(closure):
            return closure
        return closure if self.lr.context(body) == "function" else None

    def _factory(self, function: cst.FunctionDef, closure: cst.CSTNode) -> None:
        line, end = self._lines(function)
        names = [p.name.value for p in parameters(function.params)]
        target = Target(function.name.value, FACTORY, line, end)
        target.optimizer_param = next((n for n in names if n in OPTIMIZER_NAMES), None)
        target.step_param = parameters(closure.params)[0].name.value  # type: ignore[attr-defined]
        target.read = "groups" if self.lr.writes_lr(closure) else "return"
        target.counter_driven = any(type(n) is cst.Name and n.value == target.step_param
                                    for n in self.index.of_type(closure, cst.Name))
        target.cyclic = self._cyclic([closure]) or self._table(closure, target.step_param)
        self._fill(target, self.analysis.calls_of(function), names)
        self.targets.append(target)

    def _function(self, node: cst.CSTNode, kind: str, wrapper: Optional[str]) -> None:
        line, end = self._lines(node)
        name = self._function_name(node, line)
        if name is None:
            return
        names = [p.name.value for p in parameters(node.params)]  # type: ignore[attr-defined]
        target = Target(name, kind, line, end, wrapper=wrapper)
        if kind == WRITER:
            target.optimizer_param = next((n for n in names if n in OPTIMIZER_NAMES), None)
        calls = self.analysis.calls_of(node) if type(node) is cst.FunctionDef else []
        if kind != FACTOR:
            target.step_param = self._step_param(names, calls, target.optimizer_param)
            if target.step_param is None or (kind == WRITER and target.optimizer_param is None):
                return  # not a function of the step (a training loop that writes the LR, say)
        body = node.body
        target.counter_driven = any(type(n) is cst.Name and n.value == (target.step_param or (names[0] if names else ""))
                                    for n in self.index.of_type(body, cst.Name))
        step = target.step_param or (names[0] if names else None)
        target.cyclic = self._cyclic([node]) or (step is not None and self._table(node, step))
        if step is not None and any(
                type(n.operator) is cst.Subtract and type(n.left) is cst.Name and n.left.value == step
                and type(n.right) is cst.Integer and n.right.value == "1"
                for n in self.index.of_type(body, cst.BinaryOperation)):
            target.first_step = 1
        if not self._top_level(self.index.statement_of(node) if type(node) is cst.Lambda else node):
            self._nested(target, node)
        self._fill(target, calls, names)
        if target.source is not None:  # `--args` may also give the enclosing names it reads
            for key in [k for k in target.arguments if k not in names]:
                target.free[key] = target.arguments.pop(key)
                target.origins.pop(key)
                if key in target.unfilled:
                    target.unfilled.remove(key)
        self.targets.append(target)

    def _table(self, function: cst.CSTNode, step: str) -> bool:
        """The LR is looked up in a table by the step (`steps[perm][epoch - 2]`): any shape
        is by design, so no monotone decay is expected."""
        derived = {step}
        for assign in self.index.of_type(function, cst.Assign) + self.index.of_type(function, cst.AnnAssign):
            if assign.value is not None and any(type(n) is cst.Name and n.value in derived
                                                for n in self.index.of_type(assign.value, cst.Name)):
                targets = [t.target for t in assign.targets] if type(assign) is cst.Assign else [assign.target]
                derived.update(t.value for t in targets if type(t) is cst.Name)
        return any(type(n) is cst.Name and n.value in derived
                   for subscript in self.index.of_type(function, cst.Subscript)
                   for element in subscript.slice for n in self.index.of_type(element, cst.Name))

    def _function_name(self, node: cst.CSTNode, line: int) -> Optional[str]:
        if type(node) is cst.FunctionDef:
            own = node.name.value
        else:
            parent = self.index.parent(node)
            targets = parent.targets if type(parent) is cst.Assign else []  # type: ignore[attr-defined]
            own = next((t.target.value for t in targets if type(t.target) is cst.Name), f"lambda@{line}")
        outer = self.index.function_of(self.index.parent(node) or node)
        if outer is not None and type(outer) is cst.FunctionDef:
            return f"{outer.name.value}.{own}"
        return own

    def _step_param(self, names: List[str], calls: List[cst.Call], optimizer: Optional[str]) -> Optional[str]:
        """The parameter callers pass a counter to, else the one named like a counter."""
        candidates = [n for n in names if n != optimizer]
        for call in calls:  # the parameter callers pass a counter to
            for position, arg in enumerate(a for a in call.args if not a.star):
                key = arg.keyword.value if arg.keyword else (names[position] if position < len(names) else None)
                if key in candidates and self.lr.is_counter(arg.value):
                    return key
        named = [n for n in candidates if COUNTER_NAME.match(n) or _STEP_NAME.match(n)]
        return named[0] if named else None

    def _nested(self, target: Target, node: cst.CSTNode) -> None:
        """A function defined inside another: its code runs in the module's namespace plus
        the enclosing names it reads, each fixed by the file or reported as unfilled."""
        code = self.analysis.code(node)
        target.source = textwrap.dedent(code) if type(node) is cst.FunctionDef else code
        own = {p.name.value for p in parameters(node.params)}  # type: ignore[attr-defined]
        module_scope = self.index.scope(self.analysis.module)
        for name in self.index.of_type(node, cst.Name):
            if name.value in own or name.value in target.free or self.index.is_store(name) or not self.index.knows(name):
                continue
            bindings = self.index.bindings(name)
            if (not bindings and hasattr(builtins, name.value)) or (bindings and all(b.scope is module_scope for b in bindings)):
                continue  # a builtin or a module global: the module's namespace has it
            if any(self.index.contains(node, b.statement) for b in bindings):
                continue  # bound inside the function itself
            value = literal(self.analysis, name)
            if not known(value) and len(bindings) == 1 and bindings[0].kind == "param" and bindings[0].value is not None:
                value = literal(self.analysis, bindings[0].value)  # the enclosing function's default
            if known(value):
                target.free[name.value] = repr(value)
            elif name.value not in target.unfilled:
                target.unfilled.append(name.value)
