"""Where the learning rate lives and what changes it from step to step.

* An LR *sink* is a write of a param group's `"lr"` entry (`group["lr"] = ...`,
  `optimizer.param_groups[0]["lr"] *= ...`): the key is the optimizer's protocol.
* A class is *scheduler-like* when it extends a torch scheduler, writes a sink, keeps
  an LR attribute that a per-step method updates, or has a scheduler method return an LR
  attribute scaled by something that reads a counter (a schedule its caller applies).
* An attribute holds an LR when its value reaches a sink, is returned by a scheduler
  method (`step`, `get_lr`, `get_last_lr`, `__call__`), is read from a sink, or is a torch
  scheduler's own (`base_lrs`); only where none of these shows does its name decide
  (`base_lr`, `lr0`, `max_lr`), as the rules' documentation says.
* A *counter* advances with the steps: an attribute or name advanced by `+=` (or set to
  itself plus something), a torch scheduler's `last_epoch`, the step LambdaLR passes to its
  function, a loop index of a training loop, a parameter every caller passes a counter
  to; where nothing in the file says, a parameter named like one (`epoch`, `step`, `it`).
* A value is *step-dependent* when it is computed from a counter, through locals,
  attributes, and the functions and methods of this file it calls.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.scopes import ClassModel
from reviewer.vocabulary import SCHEDULE_FUNCTION_NAME
from reviewer.analysis.tree import (
    IS_SMALL_STATEMENT,
    IS_STATEMENT,
    added_to_itself,
    argument,
    assignment_targets,
    dotted_name,
    method_call,
    number,
    positional_args,
    product_operands,
    subscript_key,
    without_parentheses,
)

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis

#: scheduler methods that run every step (torch's protocol and common hand-written ones)
STEP_METHODS = {"step", "get_lr", "__call__", "_get_closed_form_lr", "step_update", "step_batch"}
#: methods that return the current LR
LR_GETTERS = {"get_lr", "get_last_lr", "step", "__call__", "_get_closed_form_lr"}
#: methods that set up or restore state rather than step
SETUP_METHODS = {"__init__", "load_state_dict", "__setstate__", "state_dict", "__getstate__", "reset"}
#: attributes torch schedulers keep
TORCH_LR_ATTRIBUTES = {"base_lrs", "_last_lr"}
TORCH_COUNTERS = {"last_epoch", "_step_count"}
#: names of LR attributes (evidence only where the flow shows nothing)
LR_NAME = re.compile(
    r"^_?(?:[a-z]+_)?(?:lr|lrs|lr0|learning_rate)$|^_?lr_(?:base|max|init|initial|start|peak|cur|current|now)$"
)
#: names of counters (evidence only where the flow shows nothing)
COUNTER_NAME = re.compile(
    r"^_?(?:(?:cur|curr|current|global|last)_?)?"
    r"(?:epoch|ep|step|it|iter|iteration|t|ni|num_updates|step_num|batch_idx|n_iter|steps_done|iters_done)$"
)
_LAMBDA_SCHEDULERS = ("LambdaLR", "MultiplicativeLR")
STEPPED = "stepped"    # evaluated once more after the last training step (a scheduler, a LambdaLR function)
FUNCTION = "function"  # called by the training code with the step


class LearningRates:
    def __init__(self, analysis: "FileAnalysis") -> None:
        self.analysis = analysis
        self.index = analysis.index
        self.values = analysis.values
        self._writes_lr: Dict[int, bool] = {}
        self._lr_attributes: Dict[int, Set[str]] = {}
        self._counters: Dict[int, Set[str]] = {}
        self._naming: Set[int] = set()
        self._scheduler: Dict[int, bool] = {}
        self._dependent: Dict[int, bool] = {}
        self._name_counter: Dict[int, bool] = {}
        self._lambda: Optional[Dict[int, List[cst.Call]]] = None
        self._active: Set[int] = set()

    # -- sinks -------------------------------------------------------------------------------

    @staticmethod
    def is_sink(target: cst.CSTNode) -> bool:
        """`X["lr"]`: a param group's learning rate."""
        return subscript_key(target) == "lr"

    def sinks(self, owner: cst.CSTNode) -> List[Tuple[cst.CSTNode, cst.CSTNode]]:
        """(statement, target) of every write of a param group's LR under `owner`."""
        found = []
        for node in self.index.descendants(owner):
            if type(node) in (cst.Assign, cst.AugAssign, cst.AnnAssign):
                for target in assignment_targets(node):
                    if self.is_sink(target) and not self._built_here(target.value):  # type: ignore[attr-defined]
                        found.append((node, target))
        return found

    def _built_here(self, receiver: cst.CSTNode) -> bool:
        """The receiver is a dict the code builds itself (`{}`, `dict()`, a comprehension):
        its "lr" entry is not a param group's (a log record, a config)."""
        if not self.index.knows(receiver) or type(receiver) is not cst.Name:
            return False
        origins = self.values.origins(receiver)
        return bool(origins) and all(
            (o.kind == v.EXPRESSION and type(o.node) in (cst.Dict, cst.DictComp))
            or (o.kind == v.CALL and (o.qualified or "").rsplit(".", 1)[-1] in ("dict", "defaultdict", "OrderedDict"))
            for o in origins
        )

    def is_param_group(self, expression: cst.CSTNode, depth: int = 0) -> bool:
        """An optimizer's param group: `X.param_groups[i]`, the variable of a loop over
        `X.param_groups` (also zipped or enumerated), or a parameter every call of its
        function passes one."""
        expression = without_parentheses(expression) if hasattr(expression, "lpar") else expression
        if type(expression) is cst.Subscript:
            inner = expression.value
            return type(inner) is cst.Attribute and inner.attr.value == "param_groups"
        if type(expression) is not cst.Name or not self.index.knows(expression) or depth > 2:
            return False
        found = False
        for origin in self.values.origins(expression):
            if origin.kind == v.LOOP and origin.binding is not None and origin.binding.value is not None:
                if not any(type(n) is cst.Attribute and n.attr.value == "param_groups"
                           for n in v.walk_expression(origin.binding.value)):
                    return False
                found = True
            elif origin.kind == v.PARAM and origin.binding is not None:
                function = origin.binding.scope.node
                calls = self.analysis.calls_of(function)
                method = self.index.class_of_method(function) is not None
                passed = [v.argument_for(c, function, origin.binding.name, method and type(c.func) is cst.Attribute)
                          for c in calls]
                if not passed or not all(p is not None and self.is_param_group(p, depth + 1) for p in passed):
                    return False
                found = True
            elif origin.kind == v.EXPRESSION and type(origin.node) is cst.Subscript:
                if not self.is_param_group(origin.node, depth + 1):
                    return False
                found = True
            else:
                return False
        return found

    def writes_lr(self, function: cst.CSTNode) -> bool:
        """The function writes a param group's LR itself, or through a function of this file
        it calls."""
        key = id(function)
        if key in self._writes_lr:
            return self._writes_lr[key]
        self._writes_lr[key] = False
        answer = bool(self.sinks(function))
        if not answer:
            for call in self.index.of_type(function, cst.Call):
                callee = self.analysis.callee(call)
                if type(callee) is cst.FunctionDef and callee is not function and self.writes_lr(callee):
                    answer = True
                    break
        self._writes_lr[key] = answer
        return answer

    # -- classes -----------------------------------------------------------------------------

    def is_scheduler_class(self, model: ClassModel) -> bool:
        key = id(model)
        if key not in self._scheduler:
            self._scheduler[key] = False
            self._scheduler[key] = (
                self.analysis.objects.class_kind(model) == o.SCHEDULER
                or any(self.writes_lr(m) for m in model.methods.values() if m.name.value not in SETUP_METHODS)
                or any(self._updated_outside_setup(model, attr) for attr in self.lr_attributes(model))
                or self.returns_schedule(model)
            )
        return self._scheduler[key]

    def returns_schedule(self, model: ClassModel) -> bool:
        """A scheduler method returns an LR attribute scaled by a counter of the class."""
        attributes, counters = self.lr_attributes(model), self.counters(model)
        if not attributes or not counters:
            return False
        for name in LR_GETTERS:
            method = model.methods.get(name)
            if method is None:
                continue
            for returned in self.index.of_type(method.body, cst.Return, into_scopes=False):
                if returned.value is None or not (self.carriers(returned.value, model) & attributes):
                    continue
                if self.attributes_read(returned.value, model) & counters or self.step_dependent(returned.value):
                    return True
        return False

    def _updated_outside_setup(self, model: ClassModel, attr: str) -> bool:
        return any(w.method.name.value not in SETUP_METHODS for w in self.index.attribute_writes(model, attr))

    def lr_attributes(self, model: ClassModel) -> Set[str]:
        """The attributes of the class that hold a learning rate (see the module docstring)."""
        key = id(model)
        if key in self._lr_attributes:
            return self._lr_attributes[key]
        found: Set[str] = set()
        self._lr_attributes[key] = found
        index = self.index
        for each in index.family(model):
            for method in each.methods.values():
                for statement, target in self.sinks(method):
                    value = getattr(statement, "value", None)
                    if value is not None:
                        found |= self.carriers(value, each)
                if method.name.value in LR_GETTERS:
                    for returned in index.of_type(method.body, cst.Return, into_scopes=False):
                        if returned.value is not None:
                            found |= self.carriers(returned.value, each)
            for attr, writes in each.writes.items():
                if attr in found:
                    continue
                if any(w.value is not None and self._reads_sink(w.value) for w in writes):
                    found.add(attr)
                elif LR_NAME.match(attr):
                    found.add(attr)
        if self.analysis.objects.class_kind(model) == o.SCHEDULER:
            found |= TORCH_LR_ATTRIBUTES
        return found

    def carriers(self, expression: cst.CSTNode, model: ClassModel, depth: int = 0) -> Set[str]:
        """The attributes an LR value carries: reached from the top of the expression through
        sums, products, numerators, `min`/`max`, conditional branches, list displays and
        comprehensions (over them), and locals; not divisors, exponents, arguments of other
        functions, nor counters (`base_lr * (1 + cos(pi * t / T)) / 2` carries base_lr)."""
        if depth > 8:
            return set()
        index = self.index
        node = expression
        kind = type(node)
        if kind is cst.Attribute and index.knows(node):
            owner = index.self_attribute(node)
            if owner is not None and owner[0] in index.family(model) and owner[1] not in self.counters(model):
                return {owner[1]}
            return set()
        if kind is cst.BinaryOperation:
            operator = type(node.operator)  # type: ignore[attr-defined]
            if operator in (cst.Add, cst.Subtract, cst.Multiply):
                return self.carriers(node.left, model, depth + 1) | self.carriers(node.right, model, depth + 1)  # type: ignore[attr-defined]
            if operator in (cst.Divide, cst.FloorDivide):
                return self.carriers(node.left, model, depth + 1)  # type: ignore[attr-defined]
            return set()
        if kind is cst.UnaryOperation:
            return self.carriers(node.expression, model, depth + 1)  # type: ignore[attr-defined]
        if kind is cst.IfExp:
            return self.carriers(node.body, model, depth + 1) | self.carriers(node.orelse, model, depth + 1)  # type: ignore[attr-defined]
        if kind is cst.Call:
            name = (dotted_name(node.func) or "").rsplit(".", 1)[-1]  # type: ignore[attr-defined]
            if name in ("min", "max", "float", "list", "tuple"):
                return {a for arg in node.args for a in self.carriers(arg.value, model, depth + 1)}  # type: ignore[attr-defined]
            return set()
        if kind in (cst.List, cst.Tuple):
            return {a for e in node.elements for a in self.carriers(e.value, model, depth + 1)}  # type: ignore[attr-defined]
        if kind in (cst.ListComp, cst.GeneratorExp):
            found = self.carriers(node.elt, model, depth + 1)  # type: ignore[attr-defined]
            loop = node.for_in  # type: ignore[attr-defined]
            while loop is not None:
                targets = {n.value for n in index.descendants(loop.target) if type(n) is cst.Name}
                if any(type(n) is cst.Name and n.value in targets for n in index.descendants(node.elt)):  # type: ignore[attr-defined]
                    iterable = loop.iter
                    if type(iterable) is cst.Call and dotted_name(iterable.func) in ("zip", "enumerate"):
                        found |= {a for arg in iterable.args for a in self.carriers(arg.value, model, depth + 1)}
                    else:
                        found |= self.carriers(iterable, model, depth + 1)
                loop = loop.inner_for_in
            return found
        if kind is cst.Name and index.knows(node) and not index.is_store(node):
            found = set()
            for binding in self.values.reaching(node):  # type: ignore[arg-type]
                if binding.kind in ("assign", "annassign") and binding.value is not None and not binding.path:
                    found |= self.carriers(binding.value, model, depth + 1)
                elif binding.kind == "for" and binding.value is not None:
                    found |= self.carriers(binding.value, model, depth + 1)
            return found
        return set()

    def attributes_read(self, expression: cst.CSTNode, model: Optional[ClassModel] = None) -> Set[str]:
        """`self` attributes an expression is computed from directly or through locals of its
        function (not through other attributes)."""
        found = set()
        for source in v.local_sources(self.index, self.values, expression):
            for node in v.skip_tests(source):
                owner = self.index.self_attribute(node) if type(node) is cst.Attribute and self.index.knows(node) else None
                if owner is not None and (model is None or owner[0] in self.index.family(model)):
                    found.add(owner[1])
        return found

    def _reads_sink(self, expression: cst.CSTNode) -> bool:
        return any(type(node) is cst.Subscript and self.is_sink(node) for node in v.walk_expression(expression))

    def counters(self, model: ClassModel) -> Set[str]:
        """Attributes of the class that count steps."""
        key = id(model)
        if key in self._counters:
            return self._counters[key]
        found: Set[str] = set()
        self._counters[key] = found
        for each in self.index.family(model):
            for attr, writes in each.writes.items():
                if any(self._advances(w) for w in writes) or self._reset_counter(writes):
                    found.add(attr)
        if self.analysis.objects.class_kind(model) == o.SCHEDULER:
            found |= TORCH_COUNTERS
        return found

    def counter_used(self, model: ClassModel, attr: str) -> bool:
        """The counter's value is used: read somewhere other than its own updates
        (`self.n += 1`, `self.n = self.n + 1`) and the set-up and restoring methods."""
        index = self.index
        for each in index.family(model):
            for read in each.reads.get(attr, ()):
                method = index.function_of(read)
                if method is None or method.name.value in SETUP_METHODS:
                    continue
                statement = index.statement_of(read)
                if type(statement) is cst.AugAssign and statement.target is read:
                    continue
                if any(w.statement is statement for w in index.attribute_writes(model, attr)):
                    continue
                if self._tests_only_bookkeeping(read, model, attr):
                    continue
                return True
        return False

    def _tests_only_bookkeeping(self, read: cst.CSTNode, model: ClassModel, attr: str) -> bool:
        """The read is in the test of an `if` whose branches only log and set the counter
        (`if epoch > self.epoch: print(...); self.epoch = epoch`): nothing of the schedule
        depends on it. A branch that returns, calls a method of a class or a function that
        writes the LR, writes another attribute or an entry, or binds a name read after the
        `if`, does something with it."""
        index = self.index
        child, branch = read, None
        for ancestor in index.ancestors(read):
            if type(ancestor) is cst.If:
                branch = ancestor if ancestor.test is child else None
                break
            if type(ancestor) in (cst.SimpleStatementLine, cst.FunctionDef, cst.IndentedBlock):
                break
            child = ancestor
        if branch is None:
            return False
        function = index.function_of(branch)
        for node in index.descendants(branch):
            kind = type(node)
            if kind in (cst.Return, cst.Yield, cst.Raise):
                return False
            if kind is cst.Call:
                callee = self.analysis.callee(node)
                if type(callee) is cst.FunctionDef and (index.class_of_method(callee) is not None or self.writes_lr(callee)):
                    return False  # `self._update_lr()`: may be the schedule's own work
            if kind in (cst.Assign, cst.AugAssign, cst.AnnAssign):
                targets = [t.target for t in node.targets] if kind is cst.Assign else [node.target]
                for target in targets:
                    if index.self_attribute(target) == (model, attr):
                        continue
                    if type(target) is not cst.Name or any(
                            index.before(branch, n) and not index.contains(branch, n) and not index.is_store(n)
                            for n in index.names_valued(target.value, function)):
                        return False
        return True

    @staticmethod
    def _reset_counter(writes) -> bool:
        """Set to an integer when set up and to an integer constant again in a method that
        steps: meant to count, even where the code forgets to advance it (counter-reset)."""
        def integer(write) -> bool:
            value = write.value
            if type(value) is cst.UnaryOperation:
                value = value.expression
            return write.operator is None and type(value) is cst.Integer

        return any(integer(w) and w.method.name.value in SETUP_METHODS for w in writes) and any(
            integer(w) and w.method.name.value not in SETUP_METHODS for w in writes
        )

    def _advances(self, write) -> bool:
        """`self.x += k`, `self.x = self.x + k` (clamped too: `min(self.x + 1, n)`), or
        `self.x = <a counter>` outside set-up."""
        if write.operator in (cst.AddAssign, cst.SubtractAssign):
            return True
        if write.operator is not None or write.value is None:
            return False
        value = write.value
        sources = v.local_sources(self.index, self.analysis.values, value)  # also `d = self.x + 1; self.x = d`
        sources += [arg.value for source in sources if type(source) is cst.Call and not any(a.star for a in source.args)
                    and self.analysis.qualified(source.func) in ("min", "max") for arg in source.args]
        for source in sources:
            if type(source) is cst.BinaryOperation and type(source.operator) in (cst.Add, cst.Subtract):
                if any(self.index.self_attribute(side) == (self.index.class_of_method(write.method), write.attr)
                       for side in (source.left, source.right) if type(side) is cst.Attribute):
                    return True
        if write.method.name.value in SETUP_METHODS:
            return False
        return any(self._counter_name(n) for n in v.skip_tests(value) if type(n) is cst.Name and self.index.knows(n))

    def per_step(self, model: ClassModel, method: cst.FunctionDef, depth: int = 0) -> bool:
        """A method that runs on every step: a stepping method of the protocol, one that
        writes the LR (a sink or an LR attribute), or a helper that such a method calls;
        never set-up and restoring methods."""
        name = method.name.value
        if name in SETUP_METHODS:
            return False
        if name in STEP_METHODS:
            return True
        if self.writes_lr(method):
            return True
        attributes = self.lr_attributes(model)
        if any(w.method is method for attr in attributes for w in self.index.attribute_writes(model, attr)):
            return True
        if depth >= 2:
            return False
        return any(
            name in model_calls and caller is not method and self.per_step(model, caller, depth + 1)
            for each in self.index.family(model)
            for caller_name, model_calls in each.calls.items()
            if (caller := each.methods.get(caller_name)) is not None
        )

    # -- schedule functions ------------------------------------------------------------------

    def lambda_functions(self) -> Dict[int, List[cst.Call]]:
        """id -> the LambdaLR/MultiplicativeLR constructions that call it with the step, for
        every lambda or def of this file given to one (directly, through a name, in a list,
        through `functools.partial`)."""
        if self._lambda is not None:
            return self._lambda
        found: Dict[int, List[cst.Call]] = {}
        for call in self.index.all(cst.Call):
            qualified = self.analysis.qualified(call.func) or ""
            if qualified.rsplit(".", 1)[-1] not in _LAMBDA_SCHEDULERS:
                continue
            arg = argument(call, "lr_lambda", 1)
            if arg is None:
                continue
            for node in self.schedule_functions(arg.value, 0):
                found.setdefault(id(node), []).append(call)
        self._lambda = found
        return found

    def schedule_functions(self, expression: cst.CSTNode, depth: int = 0) -> List[cst.CSTNode]:
        """The lambdas and defs of this file an `lr_lambda` argument holds: directly, through
        a name, in a list, through `functools.partial`, or returned by a factory of the file;
        for an instance of a class of the file, its `__call__`."""
        if depth > 3:
            return []
        if type(expression) in (cst.List, cst.Tuple):
            return [f for e in expression.elements for f in self.schedule_functions(e.value, depth + 1)]  # type: ignore[attr-defined]
        found: List[cst.CSTNode] = []
        for origin in self.values.origins(expression):
            node = origin.node
            if origin.kind == v.DEFINITION and type(node) in (cst.Lambda, cst.FunctionDef):
                found.append(node)
            elif origin.kind == v.INSTANCE and origin.model is not None:  # a class of the file with `__call__`
                call = next((c.methods["__call__"] for c in self.index.mro(origin.model) if "__call__" in c.methods), None)
                found.extend([call] if call is not None else [])
            elif origin.kind == v.EXPRESSION and type(node) in (cst.List, cst.Tuple):
                found.extend(self.schedule_functions(node, depth + 1))
            elif origin.kind == v.CALL and type(node) is cst.Call:
                name = (origin.qualified or "").rsplit(".", 1)[-1]
                args = positional_args(node)
                if name == "partial" and args:
                    found.extend(self.schedule_functions(args[0], depth + 1))
        return found

    def context(self, node: cst.CSTNode) -> Optional[str]:
        """STEPPED when `node` is in schedule code that is evaluated once more after the last
        training step (a scheduler-like class, a LambdaLR function), FUNCTION in other
        schedule code (a function whose result becomes the LR, or that writes it), else None.
        Only where the code shows neither does a function's name decide (`get_lr`, `lr_lambda`)."""
        found: Optional[str] = None
        index = self.index
        lambdas = self.lambda_functions()
        for ancestor in index.ancestors(node):
            kind = type(ancestor)
            if kind not in (cst.FunctionDef, cst.Lambda, cst.ClassDef):
                continue
            if id(ancestor) in lambdas:
                return STEPPED
            if kind is cst.ClassDef:
                model = index.classes.get(id(ancestor))
                if model is not None and self.is_scheduler_class(model):
                    return STEPPED
                continue
            if kind is cst.Lambda:
                assigned = self._assigned_name(ancestor)
                if assigned is not None and SCHEDULE_FUNCTION_NAME.search(assigned):
                    found = found or FUNCTION
                continue
            if self.feeds_lr(ancestor) or self.writes_lr(ancestor):  # type: ignore[arg-type]
                found = found or FUNCTION
            elif SCHEDULE_FUNCTION_NAME.search(ancestor.name.value) and self._returns_a_rate(ancestor) \
                    and self._called_for_lr(ancestor):  # type: ignore[attr-defined]
                found = found or FUNCTION
        return found

    def _returns_a_rate(self, function: cst.FunctionDef) -> bool:
        """Where a name is the only sign: some `return` gives a value that may be a number. A
        test named for a warm-up returns nothing; a profiler's `schedule` returns members of
        an enumeration (`ProfilerAction.SKIP`), and the factory around it returns it."""
        for returned in self.index.of_type(function.body, cst.Return, into_scopes=False):
            value = returned.value
            if value is None or type(value) in (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString):
                continue
            if type(value) is cst.Name and value.value in ("None", "True", "False"):
                continue
            if type(value) is cst.Attribute and type(value.value) is cst.Name and value.value.value[:1].isupper():
                continue
            if type(value) is cst.Name and all(origin.kind == v.DEFINITION for origin in self.values.origins(value)):
                continue  # a function (a factory's product), whose own returns decide
            return True
        return False

    def _called_for_lr(self, function: cst.FunctionDef) -> bool:
        """Where a name is the only sign: the file does not call the function, or calls it
        from schedule code (a helper whose calls all sit in an optimizer's update of its
        momentum is no LR schedule, whatever it is called)."""
        key = id(function)
        if key in self._naming:
            return False
        calls = self.analysis.calls_of(function)
        if not calls:
            return True
        self._naming.add(key)
        try:
            return any(self.context(call) is not None for call in calls)
        finally:
            self._naming.discard(key)

    def _assigned_name(self, node: cst.CSTNode) -> Optional[str]:
        parent = self.index.parent(node)
        if type(parent) is cst.Assign:
            names = [dotted_name(t.target) for t in parent.targets]  # type: ignore[attr-defined]
            return (names[0] or "").rsplit(".", 1)[-1] if names else None
        return None

    def feeds_lr(self, function: cst.CSTNode) -> bool:
        """Some call of this function in the file computes a value written to an LR sink, or
        given as an optimizer's `lr`."""
        if type(function) is not cst.FunctionDef:
            return False
        for call in self.analysis.calls_of(function):
            statement = self.index.statement_of(call)
            for target in assignment_targets(statement):
                if self.is_sink(target):
                    return True
                if type(target) is cst.Name and self._name_reaches_sink(target, statement):
                    return True
        return False

    def feeds_scheduler(self, node: cst.CSTNode, depth: int = 0) -> bool:
        """`node` computes an argument of a torch scheduler's construction: inside it, or in
        the value of a local the argument reads (`gamma = ... ** (1 / (epochs - 1))`, then
        `ExponentialLR(opt, gamma=gamma)`), three locals deep."""
        objects = self.analysis.objects
        for ancestor in self.index.ancestors(node):
            if type(ancestor) is cst.Arg:
                made = objects.built_by(self.index.parent(ancestor))  # type: ignore[arg-type]
                if made is not None and made.scheduler is not None:
                    return True
            elif type(ancestor) is cst.Assign:
                return depth < 3 and any(type(target) is cst.Name and any(
                    self.feeds_scheduler(read, depth + 1) for read in self.analysis.values.reads_of(ancestor, target.value)
                    if not self.index.contains(ancestor, read)) for target in assignment_targets(ancestor))
            elif IS_STATEMENT[type(ancestor)] or IS_SMALL_STATEMENT[type(ancestor)]:
                return False
        return False

    def _name_reaches_sink(self, name: cst.Name, statement: cst.CSTNode) -> bool:
        function = self.index.function_of(statement) or self.index.module
        for sink_statement, _ in self.sinks(function):
            value = getattr(sink_statement, "value", None)
            if value is not None and any(type(n) is cst.Name and n.value == name.value for n in v.walk_expression(value)):
                return True
        return False

    # -- counters and step dependence --------------------------------------------------------

    def interpolation_weight(self, node: cst.CSTNode) -> bool:
        """The value of `node` is stored in a name that the function uses as `1 - alpha`
        (`factor * (1 - alpha) + alpha`, detectron2's warm-up): a weight that interpolates
        from a non-zero start, not a factor that starts at 0."""
        statement = self.index.statement_of(node)
        targets = [t.target for t in getattr(statement, "targets", ())]
        if len(targets) != 1 or type(targets[0]) is not cst.Name:
            return False
        function = self.index.function_of(node) or self.index.module
        name = targets[0].value
        for operation in self.index.of_type(function, cst.BinaryOperation):
            right = without_parentheses(operation.right)
            if type(operation.operator) is cst.Subtract and number(operation.left) == 1.0 \
                    and type(right) is cst.Name and right.value == name:
                return True
        return False

    def scales_a_decay(self, node: cst.CSTNode, depth: int = 0) -> bool:
        """`node` is a factor of a product whose other factors include one computed from a
        counter (`peak * ramp * decay`; `node` held in a local too): a ratio applied across
        the whole schedule, not in one phase of it."""
        index = self.index
        top = node
        while type(up := index.parent(top)) is cst.BinaryOperation and type(up.operator) is cst.Multiply:
            top = up
        if top is not node:
            return any(f is not node and not index.contains(f, node) and self.step_dependent(f)
                       for f in product_operands(top))
        statement = index.parent(node)
        if type(statement) is not cst.Assign or len(statement.targets) != 1 or type(statement.targets[0].target) \
                is not cst.Name or depth > 1:
            return False
        return any(self.scales_a_decay(read, depth + 1)
                   for read in self.analysis.values.reads_of(statement, statement.targets[0].target.value))

    def step_dependent(self, expression: cst.CSTNode) -> bool:
        """Computed from a counter (see the module docstring), directly or through locals,
        attributes and this file's functions; names used only in tests do not count."""
        key = id(expression)
        if key in self._dependent:
            return self._dependent[key]
        if key in self._active or len(self._active) > 24:
            return False
        self._active.add(key)
        try:
            answer = self._step_dependent(expression)
        finally:
            self._active.discard(key)
        if self.index.knows(expression):  # a node a fix or a substitution built: its id may be reused
            self._dependent[key] = answer
        return answer

    def _step_dependent(self, expression: cst.CSTNode) -> bool:
        index = self.index
        for node in v.skip_tests(expression):
            kind = type(node)
            if kind is cst.Name:
                if not index.knows(node) or index.is_store(node):
                    continue
                if self._counter_name(node):  # type: ignore[arg-type]
                    return True
                for binding in self.values.reaching(node):  # type: ignore[arg-type]
                    if binding.kind in ("assign", "annassign", "walrus") and binding.value is not None:
                        if self.step_dependent(binding.value):
                            return True
                    elif binding.kind == "param" and self._passed_step_dependent(binding):
                        return True
            elif kind is cst.Attribute and index.knows(node):
                owner = index.self_attribute(node)
                if owner is not None:
                    model, attr = owner
                    if attr in self.counters(model):
                        return True
                    if any(w.value is not None and w.operator is None and w.method.name.value not in SETUP_METHODS
                           and self.step_dependent(w.value) for w in index.attribute_writes(model, attr)):
                        return True
            elif kind is cst.Call and index.knows(node):
                callee = self.analysis.callee(node)  # type: ignore[arg-type]
                if type(callee) is cst.FunctionDef:
                    for returned in index.of_type(callee.body, cst.Return, into_scopes=False):  # type: ignore[attr-defined]
                        if returned.value is not None and self.step_dependent(returned.value):
                            return True
        return False

    def _passed_step_dependent(self, binding) -> bool:
        """Some call of the parameter's function in the file passes a step-dependent value."""
        function = binding.scope.node
        if type(function) is not cst.FunctionDef:
            return False
        method = self.index.class_of_method(function) is not None
        for call in self.analysis.calls_of(function):
            passed = v.argument_for(call, function, binding.name, method and type(call.func) is cst.Attribute)
            if passed is not None and self.step_dependent(passed):
                return True
        return False

    def is_counter(self, expression: cst.CSTNode) -> bool:
        """The expression is a counter itself (a name or attribute, see the module docstring)."""
        if type(expression) is cst.Name:
            return self.index.knows(expression) and self._counter_name(expression)  # type: ignore[arg-type]
        owner = self.index.self_attribute(expression) if self.index.knows(expression) else None
        return owner is not None and owner[1] in self.counters(owner[0])

    def counter_read(self, expression: cst.CSTNode, depth: int = 0) -> Optional[cst.CSTNode]:
        """The counter `expression` reads as it is or shifted by a constant (`t`, `t + 1`),
        also through a local (`d = t + 1`) or a holder (`cfg["t"]` after `cfg = {"t": t}`)."""
        shifted = type(expression) is cst.BinaryOperation and type(expression.operator) is cst.Add \
            and type(expression.right) is cst.Integer
        read = v.held(self.analysis, expression.left if shifted else expression)
        if self.is_counter(read):
            return read
        held = v.local_value(self.analysis, expression)
        return self.counter_read(without_parentheses(held), depth + 1) if held is not expression and depth < 2 else None

    def _counter_name(self, name: cst.Name) -> bool:
        key = id(name)
        if key in self._name_counter:
            return self._name_counter[key]
        known = self.index.knows(name)
        if known:
            self._name_counter[key] = False
        answer = any(self._counter_binding(b) for b in self.values.reaching(name))
        if known:
            self._name_counter[key] = answer
        return answer

    def _counter_binding(self, binding) -> bool:
        kind = binding.kind
        if kind == "augassign":
            return type(binding.statement.operator) in (cst.AddAssign, cst.SubtractAssign)
        if kind == "for":
            return self._counting_loop(binding)
        if kind == "assign":  # `t = t + 1`, as `t += 1`; or the position in a cycle: `t = step % cycle`
            value = without_parentheses(binding.value) if binding.value is not None and not binding.path else None
            if not binding.path and number(added_to_itself(binding.statement)) is not None:
                # advanced from its own value of the pass before (not `u = u + 1` on a parameter)
                return any(type(n) is cst.Name and n.value == binding.name and any(
                    b.statement is binding.statement for b in self.values.reaching(n))
                    for n in v.walk_expression(binding.value))
            return type(value) is cst.BinaryOperation and type(value.operator) is cst.Modulo \
                and self.is_counter(without_parentheses(value.left))  # type: ignore[union-attr]
        if kind != "param":
            return False
        function = binding.scope.node
        if id(function) in self.lambda_functions():
            params = [p.name.value for p in function.params.params]  # type: ignore[attr-defined]
            if self.index.class_of_method(function) is not None:
                params = params[1:]  # a bound method (`LambdaLR(opt, self._poly)`): the step follows `self`
            return bool(params) and params[0] == binding.name
        model = self.index.class_of_method(function)
        if model is not None and function.name.value == "step" and binding.name != model.self_names.get(id(function)):  # type: ignore[attr-defined]
            return True  # `step(self, epoch)`: torch's protocol
        calls = self.analysis.calls_of(function)
        if calls:
            passed = [v.argument_for(c, function, binding.name, model is not None and type(c.func) is cst.Attribute)
                      for c in calls]
            if all(p is not None for p in passed):
                return any(self.is_counter(p) or (type(p) is not cst.Name and self.step_dependent(p)) for p in passed)  # type: ignore[arg-type]
        return COUNTER_NAME.match(binding.name) is not None

    def _counting_loop(self, binding) -> bool:
        """A loop variable that counts the steps of a training loop: the index of `range` or
        `enumerate`, in a loop over batches or epochs, that trains, steps something or
        writes the learning rate."""
        loop = binding.statement
        if type(loop) is not cst.For:
            return False
        iterable = loop.iter
        name = dotted_name(iterable.func) if type(iterable) is cst.Call else None
        index_of = binding.path == () and name == "range" or (
            name in ("enumerate",) and binding.path[:1] == (0,) and len(binding.path) == 1
        ) or name in ("itertools.count", "count") and binding.path == ()
        if not index_of:
            return False
        loops = self.analysis.loops
        return loops.is_batch_loop(loop) or loops.is_epoch_loop(loop) or loops.trains_directly(loop) or bool(
            self.sinks(loop.body)) or any(
            method_call(site.call) is not None and method_call(site.call)[1] in ("step",)  # type: ignore[index]
            for site in loops.calls(loop)
        ) or COUNTER_NAME.match(binding.name) is not None
