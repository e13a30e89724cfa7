"""Schedule state that does not evolve as intended: counters reset on every step, and
learning rates that compound because a closed-form factor multiplies the live value.

The three rules share one analysis:

* a *scheduler-like class* writes a learning rate (`group["lr"]`, `param_groups`, an
  attribute named like an LR) or subclasses a torch scheduler base;
* a *per-step method* is a method of such a class that is not an initialiser or a
  reset (`step`, `step_batch`, `__call__`, `get_lr`, `update`, or any method that writes an LR);
* a value is *step-dependent* when it is computed arithmetically from a step counter: an
  attribute that behaves as a counter (an int set in `__init__` and advanced or re-set
  per step), `last_epoch`, a parameter or name spelled like a counter (`epoch`, `step`,
  `it`, `global_step`...), the index of a `range`/`enumerate` loop in a free function, or
  a local computed from those. Names that only appear in a test (`if epoch in milestones`,
  `a if step < w else b`) do not make a value step-dependent.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst

from reviewer.matching import child_nodes, dotted_name, walk
from reviewer.triggers import all_of, any_of, LR_VOCABULARY
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity

# ---------------------------------------------------------------------------------------------
# names

#: attributes that hold a learning rate (`base_lr`, `lr`, `max_lr`, `lr0`, `base_lrs`, ...)
LR_ATTR = re.compile(
    r"^_?(?:[a-z]+_)?(?:lr|lrs|lr0|learning_rate)$|^_?lr_(?:base|max|init|initial|start|peak|cur|current|now)$"
)
#: LR attributes that hold the current (already scheduled) value: no base left to fall back on
CURRENT_LR = re.compile(r"^_?(?:last|cur|curr|current|now)_?lrs?$|^_?lr_(?:cur|current|now)$")
#: names of step counters (parameters, names, attributes)
COUNTER_NAME = re.compile(
    r"^_?(?:(?:cur|curr|current|global|last)_?)?"
    r"(?:epoch|ep|step|it|iter|iteration|t|ni|num_updates|step_num|batch_idx|n_iter|steps_done|iters_done)$"
)
#: methods that initialise or reset state rather than run every step
RESET_METHOD = re.compile(
    r"^(?:__\w+__|_?reset\w*|_?restart\w*|_?init\w*|setup\w*|_?set_\w+|load\w*|_?clear\w*|zero\w*|"
    r"state_dict|on_(?:train|fit)_(?:begin|start))$"
)
#: method names that run every step even without writing an LR themselves
STEP_METHODS = {"step", "step_batch", "__call__", "get_lr", "update", "_get_closed_form_lr", "step_update"}
WARM = re.compile(r"warm", re.IGNORECASE)

FunctionLike = Union[cst.FunctionDef, cst.Module]


# ---------------------------------------------------------------------------------------------
# small tree helpers


def _paths(root: cst.CSTNode) -> Dict[int, Tuple[cst.CSTNode, ...]]:
    """id(node) -> ancestors (root first, node last) for every node under root."""
    found: Dict[int, Tuple[cst.CSTNode, ...]] = {}
    stack: List[Tuple[cst.CSTNode, Tuple[cst.CSTNode, ...]]] = [(root, (root,))]
    while stack:
        node, path = stack.pop()
        found[id(node)] = path
        for child in child_nodes(node):
            stack.append((child, path + (child,)))
    return found


def _code(node: cst.CSTNode) -> str:
    return re.sub(r"\s+", "", cst.Module(body=[]).code_for_node(node))


def _self_name(function: cst.FunctionDef) -> Optional[str]:
    params = function.params.params
    if params and not any(isinstance(d.decorator, cst.Name) and d.decorator.value == "staticmethod"
                          for d in function.decorators):
        return params[0].name.value
    return None


def _self_attr(node: cst.CSTNode, self_name: Optional[str]) -> Optional[str]:
    if (self_name is not None and isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name)
            and node.value.value == self_name):
        return node.attr.value
    return None


def _lr_key(node: cst.CSTNode) -> bool:
    """`X["lr"]`."""
    if not isinstance(node, cst.Subscript) or len(node.slice) != 1:
        return False
    index = node.slice[0].slice
    return (isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString)
            and index.value.evaluated_value == "lr")


def _int_constant(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)):
        node = node.expression
    return isinstance(node, cst.Integer)


def _methods(cls: cst.ClassDef) -> List[cst.FunctionDef]:
    body = cls.body.body if isinstance(cls.body, cst.IndentedBlock) else []
    return [s for s in body if isinstance(s, cst.FunctionDef)]


def _targets(small: cst.CSTNode) -> List[cst.BaseExpression]:
    if isinstance(small, cst.Assign):
        return [t.target for t in small.targets]
    if isinstance(small, (cst.AugAssign, cst.AnnAssign)):
        return [small.target]
    return []


# ---------------------------------------------------------------------------------------------
# the class analysis


class ClassInfo:
    """What the rules need to know about one class."""

    def __init__(self, cls: cst.ClassDef, scheduler_base: bool) -> None:
        self.cls = cls
        self.methods = _methods(cls)
        #: attrs that __init__ sets to an int constant
        self.init_ints: Set[str] = set()
        #: attrs advanced somewhere in the class (`+=`, `-=`, `self.x = self.x + 1`, non-constant values)
        self.advanced: Set[str] = set()
        #: attrs assigned an int constant in a non-initialising method
        self.reset_in_method: Set[str] = set()
        #: attrs read arithmetically (or as an index) somewhere outside __init__
        self.read: Set[str] = set()
        self.writes_lr = scheduler_base
        for method in self.methods:
            self._scan(method)
        self.counters = {a for a in self.init_ints if a in self.advanced or a in self.reset_in_method}
        self.restores = self._restores()
        if scheduler_base:
            self.counters |= {"last_epoch", "_step_count"}

    def _scan(self, method: cst.FunctionDef) -> None:
        self_name = _self_name(method)
        is_init = method.name.value == "__init__"
        for node in walk(method):
            if isinstance(node, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
                for target in _targets(node):
                    if _lr_key(target):
                        self.writes_lr = True
                    attr = _self_attr(target, self_name)
                    if attr is None:
                        continue
                    if LR_ATTR.match(attr) and not is_init:
                        self.writes_lr = True
                    value = getattr(node, "value", None)
                    if isinstance(node, cst.AugAssign):
                        self.advanced.add(attr)
                    elif is_init:
                        if value is not None and _int_constant(value):
                            self.init_ints.add(attr)
                    elif value is not None and _int_constant(value):
                        self.reset_in_method.add(attr)
                    elif value is not None and _mentions_attr(value, self_name, attr):
                        self.advanced.add(attr)
            elif isinstance(node, cst.Attribute):
                if node.attr.value == "param_groups":
                    self.writes_lr = True
            elif isinstance(node, (cst.BinaryOperation, cst.SubscriptElement)) and not is_init:
                # read arithmetically, or as an index: what a schedule does with its counter
                for inner in walk(node):
                    attr = _self_attr(inner, self_name)
                    if attr is not None:
                        self.read.add(attr)

    def _restores(self) -> bool:
        """The class writes stored LRs back into the param groups before it multiplies them
        (`for group, lr in zip(opt.param_groups, self.lrs): group["lr"] = lr`, pytorch_warmup)."""
        for method in self.methods:
            self_name = _self_name(method)
            for loop in walk(method):
                if not (isinstance(loop, cst.For) and isinstance(loop.iter, cst.Call)
                        and dotted_name(loop.iter.func) == "zip" and isinstance(loop.target, cst.Tuple)):
                    continue
                values = [arg.value for arg in loop.iter.args]
                names = [e.value.value for e in loop.target.elements if isinstance(e.value, cst.Name)]
                if not (len(names) == 2 and any(isinstance(v, cst.Attribute) and v.attr.value == "param_groups"
                                                for v in values)
                        and any(_self_attr(v, self_name) is not None for v in values)):
                    continue
                for node in walk(loop.body):
                    if isinstance(node, cst.Assign) and any(_lr_key(t.target) for t in node.targets):
                        if isinstance(node.value, cst.Name) and node.value.value in names:
                            return True
                    if isinstance(node, cst.Call) and not WARM.search(_code(node.func)):
                        args = {a.value.value for a in node.args if isinstance(a.value, cst.Name)}
                        if set(names) <= args:
                            return True  # _set_lr(group, lr)
        return False

    def per_step(self, method: cst.FunctionDef) -> bool:
        if method.name.value in STEP_METHODS:
            return self.writes_lr
        if _resets(method) or not self.writes_lr:
            return False
        return _writes_lr(method)


def _resets(method: cst.FunctionDef) -> bool:
    """An initialiser or a reset (`__init__`, `reset()`, `load_state_dict`...), not a step."""
    name = method.name.value
    return name not in STEP_METHODS and RESET_METHOD.match(name) is not None


def _mentions_attr(expr: cst.CSTNode, self_name: Optional[str], attr: str) -> bool:
    return any(_self_attr(n, self_name) == attr for n in walk(expr))


def _writes_lr(function: cst.FunctionDef) -> bool:
    self_name = _self_name(function)
    for node in walk(function):
        for target in _targets(node):
            if _lr_key(target):
                return True
            attr = _self_attr(target, self_name)
            if attr is not None and LR_ATTR.match(attr):
                return True
    return False


def class_info(rule: Rule, cls: cst.ClassDef) -> ClassInfo:
    """One ClassInfo per class and file, shared by the rules of this module."""
    cache = rule.context.__dict__.setdefault("_schedule_state_classes", {})
    info = cache.get(id(cls))
    if info is None or info.cls is not cls:
        base = any(rule.context.facts.is_scheduler_base(arg.value) for arg in cls.bases)
        info = ClassInfo(cls, base)
        cache[id(cls)] = info
    return info


# ---------------------------------------------------------------------------------------------
# step dependence


class StepFlow:
    """Which names in one function (or module body) carry the step counter, arithmetically."""

    def __init__(self, scope: FunctionLike, self_name: Optional[str], counters: Set[str], free: bool) -> None:
        self.self_name = self_name
        self.counters = counters
        self.names: Set[str] = set()
        self.values: Dict[str, List[cst.BaseExpression]] = {}
        loops: List[Tuple[cst.BaseAssignTargetExpression, cst.BaseExpression]] = []
        if isinstance(scope, cst.FunctionDef):
            for param in scope.params.params + scope.params.kwonly_params:
                if COUNTER_NAME.match(param.name.value):
                    self.names.add(param.name.value)
        for node in walk(scope, into_scopes=False):
            if isinstance(node, cst.Assign):
                for target in node.targets:
                    if isinstance(target.target, cst.Name):
                        self.values.setdefault(target.target.value, []).append(node.value)
            elif isinstance(node, (cst.AugAssign, cst.AnnAssign)) and isinstance(node.target, cst.Name):
                if node.value is not None:
                    self.values.setdefault(node.target.value, []).append(node.value)
            elif isinstance(node, cst.For):
                loops.append((node.target, node.iter))
        for target, iterable in loops:
            if free and _counting_loop(target, iterable) is not None:
                self.names.add(_counting_loop(target, iterable))  # type: ignore[arg-type]
        for _ in range(4):
            grown = False
            for name, values in self.values.items():
                if name not in self.names and any(self.depends(v) for v in values):
                    self.names.add(name)
                    grown = True
            for target, iterable in loops:
                if isinstance(target, cst.Name) and target.value not in self.names and self.depends(iterable):
                    self.names.add(target.value)
                    grown = True
            if not grown:
                break

    def depends(self, expr: cst.CSTNode) -> bool:
        """Whether `expr` is computed arithmetically from a step counter."""
        stack = [expr]
        while stack:
            node = stack.pop()
            if isinstance(node, cst.Name):
                if node.value in self.names or COUNTER_NAME.match(node.value):
                    return True
                continue
            if isinstance(node, cst.Attribute):
                attr = node.attr.value
                if COUNTER_NAME.match(attr) or _self_attr(node, self.self_name) in self.counters:
                    return True
                if _self_attr(node, self.self_name) is None:
                    stack.append(node.value)
                continue
            if isinstance(node, (cst.Comparison, cst.BooleanOperation, cst.Lambda, cst.FunctionDef)):
                continue
            if isinstance(node, cst.IfExp):
                stack.extend([node.body, node.orelse])
                continue
            if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
                continue
            if isinstance(node, cst.Call):
                stack.extend(arg.value for arg in node.args)
                continue
            stack.extend(child_nodes(node))
        return False

    def warm_ratio(self, expr: cst.CSTNode, seen: Optional[Set[str]] = None) -> bool:
        """A division by a warm-up length somewhere in `expr` or the locals it reads."""
        seen = set() if seen is None else seen
        for node in walk(expr):
            if (isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide)
                    and WARM.search(_code(node.right)) and self.depends(node.left)):
                return True
            if (isinstance(node, cst.Call) and WARM.search(_code(node.func))
                    and any(self.depends(arg.value) for arg in node.args)):
                return True  # warmup_factor(step, ...)
            if isinstance(node, cst.Name) and node.value in self.values and node.value not in seen:
                seen.add(node.value)
                if any(self.warm_ratio(value, seen) for value in self.values[node.value]):
                    return True
        return False


def _counting_loop(target: cst.CSTNode, iterable: cst.CSTNode) -> Optional[str]:
    """The index of `for i in range(...)` / `for i, x in enumerate(...)`."""
    name = dotted_name(iterable.func) if isinstance(iterable, cst.Call) else None
    if name == "range" and isinstance(target, cst.Name):
        return target.value
    if name == "enumerate" and isinstance(target, cst.Tuple) and target.elements:
        first = target.elements[0].value
        if isinstance(first, cst.Name):
            return first.value
    return None


# ---------------------------------------------------------------------------------------------
# compounding updates: `T = T * f`, `T *= f`


class Compounding:
    """One statement that multiplies a learning rate by a step-dependent factor."""

    def __init__(self, small: Union[cst.Assign, cst.AugAssign], target: cst.BaseExpression,
                 own: Optional[cst.BaseExpression], factors: List[cst.BaseExpression],
                 denominators: List[cst.BaseExpression]) -> None:
        self.small = small
        self.target = target
        #: the operand that reads the target (None for `*=`)
        self.own = own
        self.factors = factors
        self.denominators = denominators


def _flatten(expr: cst.BaseExpression, out: List[Tuple[cst.BaseExpression, bool]], denominator: bool = False) -> None:
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Multiply):
        _flatten(expr.left, out, denominator)
        _flatten(expr.right, out, denominator)
    elif isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Divide) and not denominator:
        _flatten(expr.left, out, denominator)
        out.append((expr.right, True))
    else:
        out.append((expr, denominator))


def compounding(small: cst.CSTNode) -> Optional[Compounding]:
    """`T = ... * T * ...` or `T *= f` for one target, else None."""
    if isinstance(small, cst.AugAssign) and isinstance(small.operator, cst.MultiplyAssign):
        return Compounding(small, small.target, None, [small.value], [])
    if isinstance(small, cst.Assign) and len(small.targets) == 1:
        target = small.targets[0].target
        if not isinstance(target, (cst.Attribute, cst.Subscript)):
            return None
        parts: List[Tuple[cst.BaseExpression, bool]] = []
        _flatten(small.value, parts)
        own = [p for p, den in parts if not den and _same(p, target)]
        if len(own) != 1 or len(parts) < 2:
            return None
        factors = [p for p, den in parts if p is not own[0] and not den]
        denominators = [p for p, den in parts if den]
        return Compounding(small, target, own[0], factors, denominators)
    return None


def _same(a: cst.CSTNode, b: cst.CSTNode) -> bool:
    """The same target expression (`self.lr`, `group["lr"]`), whatever the spacing."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (cst.Name, cst.Attribute)):
        name = dotted_name(a)
        return name is not None and name == dotted_name(b)
    return _code(a) == _code(b)


def _chainable(update: Compounding, flow: StepFlow) -> bool:
    """A ratio of consecutive closed forms (torch's chainable form): a step-dependent divisor."""
    if any(flow.depends(d) for d in update.denominators):
        return True
    for factor in update.factors:
        for node in walk(factor):
            if (isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide)
                    and flow.depends(node.right)):
                return True
    return False


def _is_warmup(update: Compounding, flow: StepFlow, function: Optional[cst.FunctionDef],
               path: Sequence[cst.CSTNode]) -> bool:
    if function is not None and WARM.search(function.name.value):
        return True
    if any(flow.warm_ratio(f) for f in update.factors + update.denominators):
        return True
    for parent, child in zip(path, path[1:]):
        if isinstance(parent, cst.If) and child is parent.body and WARM.search(_code(parent.test)):
            return True
    return False


class Site:
    """A compounding LR update found in a scope, with what the rules need to judge and fix it."""

    def __init__(self, update: Compounding, warmup: bool, scope: FunctionLike, info: Optional[ClassInfo],
                 self_name: Optional[str], attr: Optional[str]) -> None:
        self.update = update
        self.warmup = warmup
        self.scope = scope
        self.info = info
        self.self_name = self_name
        #: the attribute name for `self.<attr>` targets, None for `X["lr"]`
        self.attr = attr


def _scope_facts(rule: Rule, scope: FunctionLike, info: Optional[ClassInfo], self_name: Optional[str]):
    """StepFlow, ancestor paths and source order of one scope, computed once per file."""
    cache = rule.context.__dict__.setdefault("_schedule_state_scopes", {})
    facts = cache.get(id(scope))
    if facts is None or facts[0] is not scope:
        flow = StepFlow(scope, self_name, info.counters if info is not None else set(), free=info is None)
        order = {id(n): i for i, n in enumerate(walk(scope, into_scopes=False))}
        facts = (scope, flow, _paths(scope), order)
        cache[id(scope)] = facts
    return facts[1:]


def analyse(rule: Rule, update: Compounding, scope: FunctionLike, info: Optional[ClassInfo]) -> Optional[Site]:
    """A compounding LR update with a step-dependent, non-chainable factor, else None."""
    function = scope if isinstance(scope, cst.FunctionDef) else None
    self_name = _self_name(function) if (function is not None and info is not None) else None
    attr = _self_attr(update.target, self_name)
    if attr is not None:
        if not (LR_ATTR.match(attr) and info is not None and function is not None and info.per_step(function)):
            return None
    elif not _lr_key(update.target):
        return None
    elif info is not None and (info.restores or (function is not None and _resets(function))):
        return None
    flow, paths, order = _scope_facts(rule, scope, info, self_name)
    if not any(flow.depends(f) for f in update.factors + update.denominators):
        return None
    if _chainable(update, flow):
        return None
    if _restored_before(update, scope, order, paths) or _overwritten_after(update, scope, order):
        return None
    if function is not None and _callers_restore(rule.context.module, function):
        return None
    path = paths[id(update.small)]
    return Site(update, _is_warmup(update, flow, function, path), scope, info, self_name, attr)


RESTORING_CALL = re.compile(r"(?:^|_)(?:set|adjust|update|reset|restore)_?(?:learning_rate|lrs?)$", re.IGNORECASE)


def _restores_lr(node: cst.CSTNode) -> bool:
    """A statement (or expression) that sets the LR from elsewhere: a non-compounding `X["lr"] = ...`,
    a library scheduler's `step()`, or a call such as `adjust_learning_rate(...)`/`set_lr(...)`."""
    for inner in walk(node):
        if isinstance(inner, cst.Assign):
            if any(_lr_key(t.target) for t in inner.targets) and compounding(inner) is None:
                return True
        elif isinstance(inner, cst.Call):
            name = dotted_name(inner.func) or ""
            if name.endswith(".step") and "sched" in name[: -len(".step")].lower():
                return True
            if RESTORING_CALL.search(name.rsplit(".", 1)[-1]):
                return True
    return False


def _restored_before(update: Compounding, scope: FunctionLike, order: Dict[int, int],
                     paths: Dict[int, Tuple[cst.CSTNode, ...]]) -> bool:
    """The same LR was set from elsewhere (a snapshot) or by a library scheduler earlier in the step."""
    here = order[id(update.small)]
    key = _code(update.target)
    lr_key = _lr_key(update.target)
    mine = paths[id(update.small)]
    for node in walk(scope, into_scopes=False):
        if order.get(id(node), here) >= here or _exclusive(paths[id(node)], mine):
            continue
        if isinstance(node, cst.Assign):
            for target in node.targets:
                same = _code(target.target) == key or (lr_key and _lr_key(target.target))
                if same and compounding(node) is None and key not in _code(node.value):
                    return True
        elif isinstance(node, cst.Call) and _restores_lr(node):
            return True
    return False


def _overwritten_after(update: Compounding, scope: FunctionLike, order: Dict[int, int]) -> bool:
    """The same LR is set again from elsewhere later in the step (a temporary scaling that is
    undone: `orig = group["lr"]; group["lr"] *= f; ...; group["lr"] = orig`)."""
    here = order[id(update.small)]
    key = _code(update.target)
    for node in walk(scope, into_scopes=False):
        if order.get(id(node), -1) <= here or not isinstance(node, cst.Assign):
            continue
        for target in node.targets:
            if _code(target.target) == key or (_lr_key(update.target) and _lr_key(target.target)):
                if compounding(node) is None and key not in _code(node.value):
                    return True
    return False


def _callers_restore(module: cst.Module, function: cst.FunctionDef) -> bool:
    """Every call of `function` in the module comes right after the LR was set from elsewhere
    in the same block (`scheduler.step(); warmup(optimizer, it)`): the restore is the caller's."""
    name = function.name.value
    paths = None
    calls = 0
    for node in walk(module):
        if not isinstance(node, cst.Call):
            continue
        callee = dotted_name(node.func) or ""
        if callee != name and not callee.endswith("." + name):
            continue
        if paths is None:
            paths = _paths(module)
        calls += 1
        path = paths[id(node)]
        restored = False
        for parent, child in zip(reversed(path[:-1]), reversed(path[1:])):
            body = getattr(parent, "body", None)
            if isinstance(parent, (cst.IndentedBlock, cst.Module)) and isinstance(body, (list, tuple)):
                index = next(i for i, statement in enumerate(body) if statement is child)
                if any(_restores_lr(statement) for statement in body[:index]):
                    restored = True
                    break
            if isinstance(parent, (cst.FunctionDef, cst.ClassDef)):
                break
        if not restored:
            return False
    return calls > 0


# ---------------------------------------------------------------------------------------------
# fixes


def _snapshot(rule: Rule, subscript: cst.Subscript) -> cst.BaseExpression:
    """What `X["lr"]` should be computed from: `X["initial_lr"]` (torch schedulers store it), or,
    where nothing stored it, the LR of the first call: `X.setdefault("initial_lr", X["lr"])`."""
    receiver = rule.context.code(subscript.value)
    index = subscript.slice[0].slice
    quote = '"'
    if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
        quote = index.value.quote if index.value.quote in ("'", '"') else '"'
    return cst.parse_expression(
        f"{receiver}.setdefault({quote}initial_lr{quote}, {receiver}[{quote}lr{quote}])"
    )


_ATOMS = (cst.Name, cst.Attribute, cst.Subscript, cst.Call, cst.Integer, cst.Float, cst.SimpleString)


def _times(left: cst.BaseExpression, right: cst.BaseExpression) -> cst.BinaryOperation:
    if not isinstance(right, _ATOMS) and not (
        isinstance(right, cst.BinaryOperation) and isinstance(right.operator, (cst.Multiply, cst.Power))
    ) and not right.lpar:
        right = right.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return cst.BinaryOperation(left, cst.Multiply(), right)


NEW_ATTR = "last_lr"


def snapshot_fix(rule: Rule, site: Site, what: str) -> Optional[Fix]:
    """Compute the new LR from the stored base instead of the live value."""
    update = site.update
    target = update.target
    if site.attr is None:
        assert isinstance(target, cst.Subscript)
        snapshot = _snapshot(rule, target)
        if update.own is not None:
            replacements = [Replacement(update.own, snapshot)]
        else:
            new = cst.Assign([cst.AssignTarget(target)], _times(snapshot, update.factors[0]))
            replacements = [Replacement(update.small, new)]
        return Fix(Applicability.UNSAFE, f"Compute {what} from the snapshot of the initial LR", replacements)
    if CURRENT_LR.match(site.attr) or site.attr == NEW_ATTR or not isinstance(site.scope, cst.FunctionDef):
        return None
    new_target = target.with_changes(attr=cst.Name(NEW_ATTR))  # type: ignore[union-attr]
    if update.own is not None:
        replacements = [Replacement(target, new_target)]
    else:
        new = cst.Assign([cst.AssignTarget(new_target)], _times(target, update.factors[0]))
        replacements = [Replacement(update.small, new)]
    replacements += [
        Replacement(read, read.with_changes(attr=cst.Name(NEW_ATTR)))
        for read in _later_reads(site)
    ]
    return Fix(
        Applicability.UNSAFE,
        f"Keep `{site.self_name}.{site.attr}` as the base and store {what} in `{site.self_name}.{NEW_ATTR}`",
        replacements,
    )


def _later_reads(site: Site) -> List[cst.Attribute]:
    """Reads of the attribute after the update, in the same method, that see its new value."""
    scope = site.scope
    small = site.update.small
    paths = _paths(scope)
    nodes = list(walk(scope, into_scopes=False))
    start = next(i for i, n in enumerate(nodes) if n is small)
    inside = {id(n) for n in walk(small)}
    mine = paths[id(small)]
    reads = []
    for node in nodes[start + 1:]:
        if id(node) in inside:
            continue
        if isinstance(node, cst.Assign) and any(
            _self_attr(t.target, site.self_name) == site.attr for t in node.targets
        ) and compounding(node) is None and not _exclusive(mine, paths[id(node)]):
            break  # set again from elsewhere: later reads see that value
        if _self_attr(node, site.self_name) == site.attr and not _exclusive(mine, paths[id(node)]):
            if not _is_target(node, paths):
                reads.append(node)
    return reads  # type: ignore[return-value]


def _is_target(node: cst.CSTNode, paths: Dict[int, Tuple[cst.CSTNode, ...]]) -> bool:
    path = paths[id(node)]
    parent = path[-2] if len(path) > 1 else None
    return isinstance(parent, (cst.AssignTarget, cst.AugAssign)) and getattr(parent, "target", None) is node


def _exclusive(a: Sequence[cst.CSTNode], b: Sequence[cst.CSTNode]) -> bool:
    """Whether two nodes (given by their ancestor paths) lie in different branches of one `if`."""
    common = 0
    while common < min(len(a), len(b)) and a[common] is b[common]:
        common += 1
    if common == 0 or common >= min(len(a), len(b)):
        return False
    parent = a[common - 1]
    if isinstance(parent, cst.If):
        branches = (parent.body, parent.orelse)
        return a[common] in branches and b[common] in branches
    return False


# ---------------------------------------------------------------------------------------------
# the visitor shared by the two compounding rules


class _CompoundingRule(Rule):
    warmup: bool = False

    def visit_Assign(self, node: cst.Assign) -> None:
        self._candidate(node)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._candidate(node)

    def _candidate(self, node: Union[cst.Assign, cst.AugAssign]) -> None:
        targets = _targets(node)
        if len(targets) != 1:
            return
        target = targets[0]
        if not (_lr_key(target) or (isinstance(target, cst.Attribute) and LR_ATTR.match(target.attr.value))):
            return
        update = compounding(node)
        if update is None:
            return
        scope = self._scope()
        if scope is None:
            return
        site = analyse(self, update, *scope)
        if site is not None and site.warmup == self.warmup:
            self._report(site)

    def _scope(self) -> Optional[Tuple[FunctionLike, Optional[ClassInfo]]]:
        """The function (with its class, for a method) or module the node being visited is in."""
        stack = self.context.stack
        for index in range(len(stack) - 2, -1, -1):
            node = stack[index]
            if isinstance(node, cst.FunctionDef):
                info = None
                if index >= 2 and isinstance(stack[index - 1], cst.IndentedBlock) and isinstance(stack[index - 2], cst.ClassDef):
                    info = class_info(self, stack[index - 2])  # type: ignore[arg-type]
                return node, info
            if isinstance(node, (cst.ClassDef, cst.Lambda)):
                return None
        return self.context.module, None

    def _report(self, site: Site) -> None:
        raise NotImplementedError


# ---------------------------------------------------------------------------------------------
# the rules


class CounterReset(Rule):
    code = "RV101"
    name = "counter-reset"
    summary = "A scheduler's step counter is set to a constant on every step, so it never advances."
    severity = Severity.ERROR
    fix_applicability = Applicability.UNSAFE
    trigger = all_of(any_of(LR_VOCABULARY, "param_groups", "LRScheduler"), r"class\b")
    documentation = """
        ## What it does
        In a scheduler-like class (one that writes a learning rate, or subclasses a torch
        scheduler), finds a counter attribute that `__init__` sets to an integer and that a
        per-step method (`step`, `step_batch`, `__call__`, `get_lr`, `update`, or any method
        writing an LR) assigns a constant unconditionally, while nothing ever increments it.

        Reset methods (`reset()`, `__init__`, `load_state_dict`...), counters that are
        incremented anywhere in the file, and assignments under a condition are left alone.

        ## Why it matters
        The schedule reads the counter to compute the learning rate. Set to the same value
        on every call, it never advances: the cosine never moves, the warm-up never ends,
        and training runs at a frozen or collapsing rate without any error.

        ## Example
        ```python
        class Cosine:
            def __init__(self, optimizer, epochs):
                self.optimizer, self.epochs = optimizer, epochs
                self.iters = -1

            def step(self):
                self.iters = 1
                lr = 0.5 * (1 + math.cos(math.pi * self.iters / self.epochs))
                for group in self.optimizer.param_groups:
                    group["lr"] = lr
        ```

        ## Fixed
        ```python
            def step(self):
                self.iters += 1
                ...
        ```

        ## Fix safety
        Unsafe: the schedule changes (that is the point). Check the first value: a counter
        that `__init__` sets to -1 gives 0 on the first call.
    """

    def visit_Assign(self, node: cst.Assign) -> None:
        stack = self.context.stack
        if len(node.targets) != 1 or not _int_constant(node.value) or len(stack) < 6:
            return
        line, block, method, class_block, cls = stack[-2], stack[-3], stack[-4], stack[-5], stack[-6]
        if not (isinstance(line, cst.SimpleStatementLine) and isinstance(block, cst.IndentedBlock)
                and isinstance(method, cst.FunctionDef) and isinstance(class_block, cst.IndentedBlock)
                and isinstance(cls, cst.ClassDef)) or method.name.value == "__init__":
            return
        target = node.targets[0].target
        attr = _self_attr(target, _self_name(method))
        if attr is None:
            return
        info = class_info(self, cls)
        if not info.writes_lr or not info.per_step(method):
            return
        if attr not in info.init_ints or attr in info.advanced or attr not in info.read:
            return
        if _advanced_in_module(self.context.module, {attr}):
            return
        value = self.context.code(node.value)
        fix = Fix(
            Applicability.UNSAFE,
            f"Advance the counter: `{self.context.code(target)} += 1`",
            [Replacement(node, cst.AugAssign(target, cst.AddAssign(), cst.Integer("1")))],
        )
        self.report(
            node,
            f"`{self.context.code(target)}` is reset to {value} on every call of "
            f"`{method.name.value}()` and never incremented: the counter never advances, "
            f"so the schedule that reads it never moves",
            fix=fix,
        )


def _advanced_in_module(module: cst.Module, names: Set[str]) -> Set[str]:
    """Attributes named in `names` that some statement of the module increments (`x.n += 1`)."""
    found = set()
    for node in walk(module):
        if isinstance(node, cst.AugAssign) and isinstance(node.target, cst.Attribute):
            if node.target.attr.value in names:
                found.add(node.target.attr.value)
        elif isinstance(node, cst.Assign) and len(node.targets) == 1:
            target = node.targets[0].target
            if isinstance(target, cst.Attribute) and target.attr.value in names and not _int_constant(node.value):
                if _code(target) in _code(node.value):
                    found.add(target.attr.value)
        elif isinstance(node, cst.Call) and dotted_name(node.func) == "setattr":
            found |= {n for n in names if n in _code(node)}
    return found


class CumulativeLrDecay(_CompoundingRule):
    code = "RV102"
    name = "cumulative-lr-decay"
    summary = "The base learning rate is overwritten by its decayed copy on every step, so the decay compounds."
    severity = Severity.ERROR
    fix_applicability = Applicability.UNSAFE
    trigger = LR_VOCABULARY
    warmup = False
    documentation = """
        ## What it does
        Finds a per-step update that multiplies a learning rate by a closed-form schedule
        factor computed from the step counter and stores the result back into the same
        place: `self.base_lr = self.base_lr * cosine(t / T)` in a scheduler-like class, or
        `group["lr"] = group["lr"] * 0.1 ** (epoch // 30)`.

        Chainable updates are left alone: constant factors (`group["lr"] *= gamma`, also
        under `if epoch in milestones`), and ratios of consecutive closed forms (torch's own
        chainable cosine). Warm-up factors are `cumulative-warmup`'s.

        ## Why it matters
        A closed-form factor gives the LR relative to the *base*. Multiplying the already
        decayed value by it again compounds the decay on every call: a cosine over 100 epochs
        from 0.1 ends near 0.098 instead of 0.005, or collapses to zero far too early.

        ## Example
        ```python
        def step(self):
            self.t += 1
            self.base_lr = self.base_lr * 0.5 * (1 + math.cos(math.pi * self.t / self.T))
            for group in self.optimizer.param_groups:
                group["lr"] = self.base_lr
        ```

        ## Fixed
        ```python
        def step(self):
            self.t += 1
            self.last_lr = self.base_lr * 0.5 * (1 + math.cos(math.pi * self.t / self.T))
            for group in self.optimizer.param_groups:
                group["lr"] = self.last_lr
        ```

        ## Fix safety
        Unsafe: the schedule changes. The decayed value goes to `self.last_lr` and the reads
        of the attribute later in the same method use it, so the method returns and applies
        what it did before, computed from the unchanged base. For `group["lr"]` the factor
        multiplies `group.setdefault("initial_lr", group["lr"])`: the `initial_lr` torch
        schedulers store, or else the LR recorded on the first call. Another
        method that reads the attribute expecting the decayed value must be updated by hand.
    """

    def _report(self, site: Site) -> None:
        target = self.context.code(site.update.target)
        self.report(
            site.update.small,
            f"`{target}` is multiplied by a schedule factor and stored back on every step: "
            f"the decay compounds instead of following the schedule from the base LR",
            fix=snapshot_fix(self, site, "the decayed LR"),
        )


class CumulativeWarmup(_CompoundingRule):
    code = "RV103"
    name = "cumulative-warmup"
    summary = "A warm-up multiplies the current LR by a step-dependent factor, so the factors compound."
    severity = Severity.ERROR
    fix_applicability = Applicability.UNSAFE
    trigger = LR_VOCABULARY
    warmup = True
    documentation = """
        ## What it does
        Finds warm-ups that multiply the *current* learning rate by a factor that depends on
        the step counter: `group["lr"] *= step / warmup_steps`,
        `group["lr"] = group["lr"] * warmup_factor`, `self.base_lr = self.base_lr * rate`.
        An update counts as warm-up when its factor divides by a warm-up length, when it
        sits under `if <warm-up test>:`, or in a method named like a warm-up.

        Not reported: the restore-then-dampen pattern (the same LR set from a snapshot, or
        by a library scheduler's `step()`, earlier in the same step), constant factors in a
        milestone condition, and interpolations from `initial_lr` (YOLOv5's `np.interp`).

        ## Why it matters
        The factors multiply together: with `rate = t / W` the LR after W steps is
        `W! / W**W` of the base instead of the base, and a zero first factor pins the LR at
        zero for the rest of training.

        ## Example
        ```python
        for it, batch in enumerate(loader):
            if it < warmup_iters:
                for group in optimizer.param_groups:
                    group["lr"] = group["lr"] * (it + 1) / warmup_iters
        ```

        ## Fixed
        ```python
        for it, batch in enumerate(loader):
            if it < warmup_iters:
                for group in optimizer.param_groups:
                    group["lr"] = group.setdefault("initial_lr", group["lr"]) * (it + 1) / warmup_iters
        ```

        ## Fix safety
        Unsafe: the warm-up changes. The factor multiplies the snapshot of the initial LR,
        `group.setdefault("initial_lr", group["lr"])`: the `initial_lr` that torch schedulers
        store, or else the LR recorded on the first call. In a class, the stored base is kept
        and the result goes to `self.last_lr`, which the rest of the method then reads.
    """

    def _report(self, site: Site) -> None:
        target = self.context.code(site.update.target)
        self.report(
            site.update.small,
            f"the warm-up multiplies the current `{target}` by a step-dependent factor on every "
            f"step: the factors compound (and a zero first factor pins the LR at 0); multiply the "
            f"initial LR instead",
            fix=snapshot_fix(self, site, "the warmed-up LR"),
        )
