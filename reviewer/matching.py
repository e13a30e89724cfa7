"""Shared matching helpers: names, imports, constructor bindings, ancestry.

Rules bind optimizers and schedulers through their constructors and the file's imports,
never by variable names alone. Everything here is computed from statements only (no
expression-level traversal), so it costs far less than libcst's scope metadata.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple, Type, TypeVar, Union

import libcst as cst

from reviewer.context import FileContext

LR_SCHEDULER = "torch.optim.lr_scheduler"


@dataclass(frozen=True)
class SchedulerKind:
    """What a scheduler class is, as far as the rules care."""

    name: str
    #: reads the live group["lr"] and multiplies it each step (the chainable form)
    chainable: bool = False
    #: keyword arguments that give the schedule's horizon, in the order of positional use
    horizon: Tuple[str, ...] = ()
    #: positional index of the first horizon argument (after the optimizer)
    horizon_position: Optional[int] = None
    #: `step(epoch)` is part of the documented API (not deprecated)
    epoch_step_ok: bool = False
    #: `step(metric)` is the API
    plateau: bool = False
    #: composes other schedulers
    composite: bool = False
    #: a library scheduler with its own stepping API (timm, for example)
    foreign: bool = False


_TORCH_SCHEDULERS = [
    SchedulerKind("LambdaLR"),
    SchedulerKind("MultiplicativeLR", chainable=True),
    SchedulerKind("StepLR", chainable=True, horizon=("step_size",), horizon_position=1),
    SchedulerKind("MultiStepLR", chainable=True, horizon=("milestones",), horizon_position=1),
    SchedulerKind("ConstantLR", chainable=True, horizon=("total_iters",), horizon_position=2),
    SchedulerKind("LinearLR", chainable=True, horizon=("total_iters",), horizon_position=3),
    SchedulerKind("ExponentialLR", chainable=True),
    SchedulerKind("PolynomialLR", chainable=True, horizon=("total_iters",), horizon_position=1),
    SchedulerKind("CosineAnnealingLR", chainable=True, horizon=("T_max",), horizon_position=1),
    SchedulerKind("CosineAnnealingWarmRestarts", horizon=("T_0",), horizon_position=1, epoch_step_ok=True),
    SchedulerKind("CyclicLR", horizon=("step_size_up",), horizon_position=3),
    SchedulerKind("OneCycleLR", horizon=("total_steps",), horizon_position=2),
    SchedulerKind("ReduceLROnPlateau", plateau=True, epoch_step_ok=True),
    SchedulerKind("SequentialLR", composite=True),
    SchedulerKind("ChainedScheduler", composite=True),
]

#: qualified constructor or factory name -> kind
SCHEDULERS: Dict[str, SchedulerKind] = {f"{LR_SCHEDULER}.{k.name}": k for k in _TORCH_SCHEDULERS}
SCHEDULERS["torch.optim.swa_utils.SWALR"] = SchedulerKind("SWALR")
for _factory in (
    "get_linear_schedule_with_warmup",
    "get_cosine_schedule_with_warmup",
    "get_cosine_with_hard_restarts_schedule_with_warmup",
    "get_polynomial_decay_schedule_with_warmup",
    "get_constant_schedule_with_warmup",
    "get_constant_schedule",
    "get_inverse_sqrt_schedule",
    "get_scheduler",
):
    for _module in ("transformers", "transformers.optimization", "diffusers.optimization"):
        SCHEDULERS[f"{_module}.{_factory}"] = SchedulerKind(_factory)
for _name in ("create_scheduler", "create_scheduler_v2"):
    SCHEDULERS[f"timm.scheduler.{_name}"] = SchedulerKind(_name, foreign=True, epoch_step_ok=True)
for _name in ("CosineLRScheduler", "StepLRScheduler", "MultiStepLRScheduler", "PlateauLRScheduler",
              "PolyLRScheduler", "TanhLRScheduler"):
    SCHEDULERS[f"timm.scheduler.{_name}"] = SchedulerKind(_name, foreign=True, epoch_step_ok=True)

#: base classes a hand-written scheduler may extend
SCHEDULER_BASES = {f"{LR_SCHEDULER}.LRScheduler", f"{LR_SCHEDULER}._LRScheduler"}

_TORCH_OPTIMIZERS = (
    "SGD", "Adam", "AdamW", "Adamax", "Adagrad", "Adadelta", "RMSprop", "Rprop", "ASGD",
    "LBFGS", "NAdam", "RAdam", "SparseAdam", "Adafactor", "Muon",
)
OPTIMIZERS = {f"torch.optim.{name}" for name in _TORCH_OPTIMIZERS}
OPTIMIZERS |= {
    "transformers.AdamW", "transformers.optimization.AdamW", "transformers.Adafactor",
    "timm.optim.create_optimizer", "timm.optim.create_optimizer_v2",
    "apex.optimizers.FusedAdam", "apex.optimizers.FusedLAMB", "apex.optimizers.FusedSGD",
    "bitsandbytes.optim.AdamW8bit", "bitsandbytes.optim.Adam8bit",
}

GRAD_SCALERS = {"torch.cuda.amp.GradScaler", "torch.amp.GradScaler", "torch.cuda.amp.grad_scaler.GradScaler"}


def dotted_name(node: cst.CSTNode) -> Optional[str]:
    """`a.b.c` for a Name/Attribute chain, else None."""
    parts: List[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


def call_name(node: cst.CSTNode) -> Optional[str]:
    """The dotted name of a call's callee (`optimizer.step` for `optimizer.step()`)."""
    if isinstance(node, cst.Call):
        return dotted_name(node.func)
    return None


def method_call(node: cst.CSTNode) -> Optional[Tuple[cst.BaseExpression, str]]:
    """(receiver, method) for `receiver.method(...)`, else None."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        return node.func.value, node.func.attr.value
    return None


def keyword_arg(call: cst.Call, keyword: str, position: Optional[int] = None) -> Optional[cst.Arg]:
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


def iter_statements(body: Sequence[cst.CSTNode], *, into_scopes: bool = True) -> Iterator[cst.CSTNode]:
    """Every statement under `body`, depth first, descending into compound statements only.

    Small statements of one-line suites (`if x: y = 1`) come as they are. With
    `into_scopes=False`, nested functions and classes come but not their bodies.
    """
    for statement in body:
        yield statement
        if isinstance(statement, cst.BaseCompoundStatement) and (
            into_scopes or not isinstance(statement, (cst.FunctionDef, cst.ClassDef))
        ):
            yield from iter_statements(_child_blocks(statement), into_scopes=into_scopes)


def small_statements(body: Sequence[cst.CSTNode], *, into_scopes: bool = True) -> Iterator[cst.BaseSmallStatement]:
    """Every small statement under `body` (`x = 1`, `return x`, `global y`...), in source
    order, from statement lines and one-line suites alike (see `iter_statements`)."""
    for statement in iter_statements(body, into_scopes=into_scopes):
        if isinstance(statement, cst.SimpleStatementLine):
            yield from statement.body
        elif isinstance(statement, cst.BaseSmallStatement):
            yield statement


def _child_blocks(statement: cst.BaseCompoundStatement) -> List[cst.CSTNode]:
    """The statements directly inside a compound statement, else/except/finally included.

    An `elif` comes back as the nested If; a one-line suite gives its small statements.
    """
    if isinstance(statement, cst.Match):
        suites: List[cst.BaseSuite] = [case.body for case in statement.cases]
    else:
        suites = [statement.body]
    blocks: List[cst.CSTNode] = []
    orelse = getattr(statement, "orelse", None)
    if isinstance(orelse, cst.If):
        blocks.append(orelse)
    elif orelse is not None:
        suites.append(orelse.body)
    if isinstance(statement, (cst.Try, cst.TryStar)):
        suites.extend(handler.body for handler in statement.handlers)
        if statement.finalbody is not None:
            suites.append(statement.finalbody.body)
    for suite in suites:
        blocks.extend(suite.body)
    return blocks


def statement_calls(statement: cst.CSTNode) -> Iterator[cst.Call]:
    """Calls in a simple statement line that are whole expressions or assigned values."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return
    for small in statement.body:
        value = getattr(small, "value", None)
        if isinstance(value, cst.Await):
            value = value.expression
        if isinstance(value, cst.Call):
            yield value


def parameters(params: cst.Parameters) -> List[cst.Param]:
    """Every parameter of a function or lambda, `*args` and `**kwargs` included, in source order."""
    found = [*params.posonly_params, *params.params, *params.kwonly_params]
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            found.append(star)
    return found


def is_docstring(statement: cst.CSTNode) -> bool:
    """A statement that is a lone string literal."""
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis (for messages)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Construction:
    """`target = Ctor(...)` where Ctor resolves to a known scheduler or optimizer."""

    target: str
    qualified: str
    call: cst.Call


class FileFacts:
    """Imports and constructor bindings of one module, found by walking statements only."""

    def __init__(self, module: cst.Module) -> None:
        self.imports: Dict[str, str] = {}
        self.star_modules: List[str] = []
        self._assignments: List[Tuple[str, cst.Call]] = []
        self._returns: Dict[str, List[cst.Call]] = {}
        self.classes: Dict[str, cst.ClassDef] = {}
        self._collect(module.body, None)
        self.schedulers: Dict[str, List[Construction]] = {}
        self.optimizers: Dict[str, List[Construction]] = {}
        self.scheduler_factories = self._factories(lambda q: q in SCHEDULERS)
        for target, call in self._assignments:
            qualified = self.resolve(call.func)
            if qualified is None:
                continue
            if qualified in SCHEDULERS or qualified in self.scheduler_factories:
                self.schedulers.setdefault(target, []).append(Construction(target, qualified, call))
            elif qualified in OPTIMIZERS:
                self.optimizers.setdefault(target, []).append(Construction(target, qualified, call))

    def _collect(self, body: Sequence[cst.CSTNode], function: Optional[str]) -> None:
        for statement in body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    self._small(small, function)
            elif isinstance(statement, cst.FunctionDef):
                self._collect(_child_blocks(statement), statement.name.value)
            elif isinstance(statement, cst.ClassDef):
                self.classes.setdefault(statement.name.value, statement)
                self._collect(_child_blocks(statement), None)
            elif isinstance(statement, cst.BaseCompoundStatement):
                self._collect(_child_blocks(statement), function)
            elif isinstance(statement, cst.BaseSmallStatement):  # from a one-line suite
                self._small(statement, function)

    def _small(self, small: cst.BaseSmallStatement, function: Optional[str]) -> None:
        if isinstance(small, cst.Import):
            for alias in small.names:
                full = dotted_name(alias.name) or ""
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    self.imports[alias.asname.name.value] = full
                else:
                    head = full.split(".")[0]
                    self.imports[head] = head
        elif isinstance(small, cst.ImportFrom):
            module = "." * len(small.relative) + ((dotted_name(small.module) or "") if small.module else "")
            if isinstance(small.names, cst.ImportStar):
                self.star_modules.append(module)
                return
            for alias in small.names:
                name = dotted_name(alias.name) or ""
                local = name
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    local = alias.asname.name.value
                self.imports[local] = f"{module}.{name}"
        elif isinstance(small, (cst.Assign, cst.AnnAssign)) and isinstance(small.value, cst.Call):
            targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
            for target in targets:
                name = dotted_name(target)
                if name is not None:
                    self._assignments.append((name, small.value))
        elif isinstance(small, cst.Return) and function is not None and isinstance(small.value, cst.Call):
            self._returns.setdefault(function, []).append(small.value)

    def _factories(self, known) -> Dict[str, str]:
        """Local functions that return a known construction: name -> what they return."""
        found: Dict[str, str] = {}
        for function, calls in self._returns.items():
            for call in calls:
                qualified = self.resolve(call.func)
                if qualified is not None and known(qualified):
                    found[function] = qualified
        return found

    def resolve(self, node: cst.CSTNode) -> Optional[str]:
        """The qualified name of a Name/Attribute chain through this file's imports.

        Names that are not imported resolve to themselves (a builtin, or a local
        definition); non-name expressions resolve to None.
        """
        dotted = dotted_name(node)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        if head in self.imports:
            base = self.imports[head]
            return f"{base}.{rest}" if rest else base
        for module in self.star_modules:
            candidate = f"{module}.{head}"
            if candidate in SCHEDULERS or candidate in OPTIMIZERS:
                return f"{candidate}.{rest}" if rest else candidate
        return dotted

    def scheduler_kind(self, node: cst.CSTNode) -> Optional[SchedulerKind]:
        """The kind of scheduler `node` is bound to (a name or attribute, or a constructor call)."""
        construction = self.scheduler_construction(node)
        if construction is None:
            return None
        kind = SCHEDULERS.get(construction.qualified)
        if kind is None:  # a local factory
            kind = SCHEDULERS.get(self.scheduler_factories.get(construction.qualified, ""))
        return kind

    def scheduler_construction(self, node: cst.CSTNode) -> Optional[Construction]:
        if isinstance(node, cst.Call):
            qualified = self.resolve(node.func)
            if qualified is not None and (qualified in SCHEDULERS or qualified in self.scheduler_factories):
                return Construction("", qualified, node)
            return None
        name = dotted_name(node)
        constructions = self.schedulers.get(name or "")
        if not constructions:
            return None
        return constructions[-1]

    def is_optimizer(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Call):
            return self.resolve(node.func) in OPTIMIZERS
        return (dotted_name(node) or "") in self.optimizers

    def is_scheduler_base(self, node: cst.CSTNode) -> bool:
        return self.resolve(node) in SCHEDULER_BASES


NodeT = TypeVar("NodeT", bound=cst.CSTNode)


def enclosing(context: FileContext, kind: Union[Type[NodeT], Tuple[type, ...]]) -> Iterator[cst.CSTNode]:
    """Ancestors of the node being visited that are instances of `kind`, innermost first."""
    for node in reversed(context.stack[:-1]):
        if isinstance(node, kind):
            yield node


def enclosing_function(context: FileContext) -> Optional[cst.FunctionDef]:
    return next(enclosing(context, cst.FunctionDef), None)  # type: ignore[return-value]


def enclosing_loops(context: FileContext) -> List[Union[cst.For, cst.While]]:
    """Loops around the current node within its function, innermost first."""
    loops: List[Union[cst.For, cst.While]] = []
    for node in reversed(context.stack[:-1]):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            break
        if isinstance(node, (cst.For, cst.While)):
            loops.append(node)
    return loops


def with_items(context: FileContext) -> Iterator[cst.WithItem]:
    """The items of every `with` around the current node, innermost first."""
    for node in enclosing(context, cst.With):
        yield from node.items  # type: ignore[attr-defined]


# --- Loops: which loop is the epoch loop, which the batch loop, and the order of calls ---

import re as _re  # noqa: E402


@dataclass(frozen=True)
class LoopCall:
    """A call found by `block_calls`/`loop_calls`, in source order."""

    call: cst.Call
    #: the direct child statement of the block that holds the call
    statement: cst.CSTNode
    #: compound statements between the block and the call, outermost first (If, With, Try, For, While, Match)
    path: Tuple[cst.CSTNode, ...]
    #: the call may be skipped in an iteration: under an if/elif/else, an except/else clause,
    #: a nested loop, a match case, a conditional expression, the right of `and`/`or`, a comprehension
    conditional: bool

    @property
    def loops(self) -> Tuple[Union[cst.For, cst.While], ...]:
        """Nested loops between the block and the call, outermost first."""
        return tuple(node for node in self.path if isinstance(node, (cst.For, cst.While)))  # type: ignore[misc]

    @property
    def guards(self) -> Tuple[cst.If, ...]:
        """The `if` statements between the block and the call, outermost first."""
        return tuple(node for node in self.path if isinstance(node, cst.If))  # type: ignore[misc]


def block_statements(owner: cst.CSTNode) -> List[cst.CSTNode]:
    """The statements directly in `owner`'s body (a loop, function, with, if...); small ones for one-liners."""
    body = getattr(owner, "body", None)
    if isinstance(body, (cst.IndentedBlock, cst.SimpleStatementSuite)):
        return list(body.body)
    return []


def block_calls(owner: cst.CSTNode, *, into_loops: bool = True) -> List[LoopCall]:
    """Every call executed by `owner`'s body (not its `else`), in source order.

    Nested function, class and lambda bodies are skipped (they do not run there);
    with `into_loops=False`, so are nested loops' bodies.
    """
    found: List[LoopCall] = []
    for statement in block_statements(owner):
        _walk_calls(statement, statement, (), False, into_loops, found)
    return found


def loop_calls(loop: Union[cst.For, cst.While], *, into_loops: bool = True) -> List[LoopCall]:
    """The calls one iteration of `loop` executes, in source order (see `block_calls`)."""
    return block_calls(loop, into_loops=into_loops)


#: the node classes `_walk_calls` treats specially (all leaf classes: checked by exact type,
#: since isinstance against libcst's classes goes through ABCMeta)
_CALL_WALK_SPECIAL = {
    cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.For, cst.While, cst.If, cst.Try, cst.TryStar, cst.With,
    cst.Match, cst.Call, cst.IfExp, cst.BooleanOperation, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp,
}


def _walk_calls(node, statement, path, conditional, into_loops, found) -> None:
    walk = _walk_calls
    if type(node) not in _CALL_WALK_SPECIAL:
        for child in child_nodes(node):
            walk(child, statement, path, conditional, into_loops, found)
        return
    if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
        return
    if isinstance(node, (cst.For, cst.While)):
        walk(node.iter if isinstance(node, cst.For) else node.test, statement, path, conditional, into_loops, found)
        if into_loops:
            for child in block_statements(node):
                walk(child, statement, path + (node,), True, into_loops, found)
        if node.orelse is not None:
            for child in block_statements(node.orelse):
                walk(child, statement, path + (node,), True, into_loops, found)
        return
    if isinstance(node, cst.If):
        walk(node.test, statement, path, conditional, into_loops, found)
        for child in block_statements(node):
            walk(child, statement, path + (node,), True, into_loops, found)
        if isinstance(node.orelse, cst.If):
            walk(node.orelse, statement, path + (node,), True, into_loops, found)
        elif node.orelse is not None:
            for child in block_statements(node.orelse):
                walk(child, statement, path + (node,), True, into_loops, found)
        return
    if isinstance(node, (cst.Try, cst.TryStar)):
        for child in block_statements(node):
            walk(child, statement, path + (node,), conditional, into_loops, found)
        for handler in node.handlers:
            for child in block_statements(handler):
                walk(child, statement, path + (node,), True, into_loops, found)
        if node.orelse is not None:
            for child in block_statements(node.orelse):
                walk(child, statement, path + (node,), True, into_loops, found)
        if node.finalbody is not None:
            for child in block_statements(node.finalbody):
                walk(child, statement, path + (node,), conditional, into_loops, found)
        return
    if isinstance(node, cst.With):
        for item in node.items:
            walk(item, statement, path, conditional, into_loops, found)
        for child in block_statements(node):
            walk(child, statement, path + (node,), conditional, into_loops, found)
        return
    if isinstance(node, cst.Match):
        walk(node.subject, statement, path, conditional, into_loops, found)
        for case in node.cases:
            for child in block_statements(case):
                walk(child, statement, path + (node,), True, into_loops, found)
        return
    if isinstance(node, cst.Call):
        found.append(LoopCall(node, statement, path, conditional))
    if isinstance(node, cst.IfExp):
        walk(node.test, statement, path, conditional, into_loops, found)
        walk(node.body, statement, path, True, into_loops, found)
        walk(node.orelse, statement, path, True, into_loops, found)
        return
    if isinstance(node, cst.BooleanOperation):
        walk(node.left, statement, path, conditional, into_loops, found)
        walk(node.right, statement, path, True, into_loops, found)
        return
    if isinstance(node, (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)):
        conditional = True
    for child in child_nodes(node):
        walk(child, statement, path, conditional, into_loops, found)


#: words in a loop's iterable that say it goes over batches of data
_BATCH_ITERABLE = _re.compile(r"loader|batch|dataset|data_?iter|iterator|prefetcher|train_data|minibatch", _re.IGNORECASE)
_EPOCH_WORD = _re.compile(r"epoch", _re.IGNORECASE)


def loop_target_names(loop: cst.CSTNode) -> List[str]:
    """The names a `for` loop binds (`for i, (x, y) in ...` gives i, x, y); none for `while`."""
    names: List[str] = []

    def collect(target: cst.CSTNode) -> None:
        if isinstance(target, cst.Name):
            names.append(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                collect(element.value)
        elif isinstance(target, cst.StarredElement):
            collect(target.value)

    if isinstance(loop, (cst.For, cst.CompFor)):
        collect(loop.target)
    return names


def _loop_header_words(loop: cst.CSTNode) -> str:
    """The names in a loop's iterable (`for`) or test (`while`), space-separated; string
    literals, f-strings included, do not count (`tqdm(loader, desc=f"epoch {ep}")` gives tqdm loader desc)."""
    header = loop.iter if isinstance(loop, cst.For) else getattr(loop, "test", None)
    if header is None:
        return ""
    nodes = walk(header, prune=lambda node: isinstance(node, cst.BaseString))
    return " ".join(node.value for node in nodes if isinstance(node, cst.Name))


def _calls_backward_or_step(loop: cst.CSTNode, facts: "FileFacts") -> bool:
    for site in block_calls(loop, into_loops=False):
        found = method_call(site.call)
        if found is None:
            continue
        receiver, method = found
        if method == "backward" or (method == "step" and facts.is_optimizer(receiver)):
            return True
    return False


def is_batch_loop(loop: cst.CSTNode, facts: "FileFacts", outer_loops: Sequence[cst.CSTNode] = ()) -> bool:
    """A loop over batches: its iterable names a loader/batches/dataset (`enumerate(train_loader)`,
    `range(len(loader))`, `tqdm(epoch_iterator)`), or it is nested in another loop (`outer_loops`,
    e.g. from `enclosing_loops`) and itself calls `backward()` or an optimizer's `step()`.

    A loop whose iterable names epochs is never a batch loop.
    """
    if not isinstance(loop, (cst.For, cst.While)):
        return False
    header = _loop_header_words(loop)
    if _BATCH_ITERABLE.search(header):
        return True
    if _EPOCH_WORD.search(header) or any(_EPOCH_WORD.search(n) for n in loop_target_names(loop)):
        return False
    return bool(outer_loops) and _calls_backward_or_step(loop, facts)


def is_epoch_loop(loop: cst.CSTNode, facts: "FileFacts") -> bool:
    """A loop over epochs: its header names epochs (`for epoch in range(args.epochs)`,
    `while epoch < max_epochs`) without naming batches, or its body holds a batch loop."""
    if not isinstance(loop, (cst.For, cst.While)):
        return False
    header = _loop_header_words(loop)
    if _BATCH_ITERABLE.search(header):
        return False
    if _EPOCH_WORD.search(header) or any(_EPOCH_WORD.search(n) for n in loop_target_names(loop)):
        return True
    for statement in iter_statements(block_statements(loop)):
        if isinstance(statement, (cst.For, cst.While)) and is_batch_loop(statement, facts, (loop,)):
            return True
    return False


# --- Statement runs and constructor bindings of other objects (GradScaler...) ---


def statements_calls(statements: Sequence[cst.CSTNode], *, into_loops: bool = True) -> List[LoopCall]:
    """Every call the given statements execute, in source order (as `block_calls`, for a slice of a block)."""
    found: List[LoopCall] = []
    for statement in statements:
        _walk_calls(statement, statement, (), False, into_loops, found)
    return found


def bound_constructor(facts: "FileFacts", node: cst.CSTNode) -> Optional[str]:
    """The qualified callee of the last `name = Callee(...)` assignment to `node`'s dotted name
    anywhere in the file (`self.scaler = torch.cuda.amp.GradScaler()` gives torch.cuda.amp.GradScaler)."""
    name = dotted_name(node)
    if name is None:
        return None
    qualified = None
    for target, call in facts._assignments:
        if target == name:
            qualified = facts.resolve(call.func)
    return qualified


# --- Conditions: the names an expression reads, gradient-accumulation guards, optimizer steps ---

_ACCUMULATION_WORD = _re.compile(r"accum|sync_gradients|update_freq", _re.IGNORECASE)


def expression_names(node: cst.CSTNode) -> List[str]:
    """The dotted names an expression reads, longest chains only, in source order
    (`(i + 1) % args.accum == 0` gives i, args.accum; `sched.get_last_lr()` gives sched.get_last_lr)."""
    chains = walk(node, prune=lambda current: dotted_name(current) is not None)
    return [name for name in map(dotted_name, chains) if name is not None]


def is_accumulation_test(test: cst.CSTNode) -> bool:
    """An `if` test that gates the optimizer step under gradient accumulation: it reads a name
    about accumulation (`(i + 1) % grad_accum_steps == 0`, `ni - last_opt_step >= accumulate`,
    `accelerator.sync_gradients`, `engine.is_gradient_accumulation_boundary()`)."""
    return any(_ACCUMULATION_WORD.search(name) for name in expression_names(test))


def is_optimizer_step(call: cst.CSTNode, facts: "FileFacts") -> bool:
    """`optimizer.step()` on a bound optimizer, or a step that takes one (`scaler.step(optimizer)`)."""
    found = method_call(call)
    if found is None or found[1] != "step":
        return False
    if facts.is_optimizer(found[0]):
        return True
    args = call.args  # type: ignore[attr-defined]
    return bool(args) and args[0].keyword is None and facts.is_optimizer(args[0].value)


# --- Scope: which constructions of a bare name are visible where the traversal is ---


def visible_constructions(
    context: FileContext, node: cst.CSTNode, constructions: Sequence[Construction], *, strict: bool = False
) -> List[Construction]:
    """The constructions (from `FileFacts.schedulers`/`optimizers`) that a bare name can refer to
    at the node being visited: in a function, those assigned in the innermost enclosing function
    that assigns the name or takes it as a parameter (a parameter shadows the rest: `def run(scheduler)`
    is not the `scheduler = StepLR(...)` of another function), else those assigned at module level.
    Attribute chains (`self.scheduler`) keep every construction.

    With `strict`, nothing is visible when that scope also assigns the name, alone, from another
    call that does not take it (`scheduler = DummyScheduler(...)` in another branch); wrappers
    (`scheduler = accelerator.prepare(scheduler)`, tuple targets) do not count.
    """
    if not isinstance(node, cst.Name):
        return list(constructions)
    name = node.value
    calls = {id(c.call): c for c in constructions}
    for scope in reversed(context.stack[:-1]):
        if not isinstance(scope, cst.FunctionDef):
            continue
        parameter = any(p.name.value == name for p in parameters(scope.params))
        alternatives: List[cst.CSTNode] = []
        assigned = _assigned_calls(block_statements(scope), name, alternatives)
        if parameter or assigned is not None:
            return _visible(calls, assigned, alternatives, name, strict)
    alternatives = []
    assigned = _assigned_calls(context.module.body, name, alternatives)
    return _visible(calls, assigned, alternatives, name, strict)


def _visible(calls, assigned, alternatives, name: str, strict: bool) -> List[Construction]:
    found = [calls[i] for i in (assigned or []) if i in calls]
    if strict and found:
        for value in alternatives:
            if id(value) in calls or not isinstance(value, cst.Call):
                continue
            if not any(isinstance(arg.value, cst.Name) and arg.value.value == name for arg in value.args):
                return []
    return found


def _assigned_calls(body: Sequence[cst.CSTNode], name: str, alone: Optional[List[cst.CSTNode]] = None) -> Optional[List[int]]:
    """ids of the values assigned to `name` directly in `body` (not in nested functions or
    classes); None when `name` is never assigned there. `alone` collects the values assigned
    to the name as a single target."""
    found: Optional[List[int]] = None
    stack = list(reversed(body))
    while stack:
        statement = stack.pop()
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            continue
        if isinstance(statement, cst.BaseCompoundStatement):
            stack.extend(reversed(_child_blocks(statement)))
            continue
        smalls = statement.body if isinstance(statement, cst.SimpleStatementLine) else [statement]
        for small in smalls:
            targets: List[cst.CSTNode] = []
            if isinstance(small, cst.Assign):
                targets = [t.target for t in small.targets]
            elif isinstance(small, cst.AnnAssign) and small.value is not None:
                targets = [small.target]
            for target in targets:
                for element in _target_names(target):
                    if element == name:
                        found = found if found is not None else []
                        found.append(id(small.value))  # type: ignore[union-attr]
                        if alone is not None and isinstance(target, cst.Name):
                            alone.append(small.value)  # type: ignore[arg-type]
    return found


def _target_names(target: cst.CSTNode) -> List[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for element in target.elements for n in _target_names(element.value)]
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return []


# --- Fast tree walking ----------------------------------------------------------------------
# libcst's `node.children` runs a visitor on every call, which makes hand-written walks
# quadratic in practice. These read the dataclass fields directly, skipping whitespace,
# punctuation and operator tokens, which no analysis here needs to descend into.

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


_SCOPES = {cst.FunctionDef, cst.ClassDef, cst.Lambda}


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


def contains(root: cst.CSTNode, target: cst.CSTNode) -> bool:
    """Whether `target` (by identity) is `root` or inside it."""
    return any(node is target for node in walk(root))


def name_nodes(node: cst.CSTNode) -> Iterator[cst.Name]:
    """The Name nodes under `node` that are looked up as variables, in source order: not the
    attribute names of `x.attr` (`a.b + c` gives a, c)."""
    attributes = set()
    for current in walk(node):
        if isinstance(current, cst.Attribute):
            attributes.add(id(current.attr))
        elif isinstance(current, cst.Name) and id(current) not in attributes:
            yield current


def dotted_names(node: cst.CSTNode, *, attribute_names: bool) -> Set[str]:
    """Every dotted name used under `node`, with the prefixes of longer chains (`a.b.c` gives
    a.b.c, a.b, a); with `attribute_names`, also the attribute names of chains (b, c)."""
    found: Set[str] = set()
    skipped = set()
    for current in walk(node):
        if isinstance(current, (cst.Name, cst.Attribute)) and id(current) not in skipped:
            name = dotted_name(current)
            if name is not None:
                found.add(name)
                if isinstance(current, cst.Attribute) and not attribute_names:
                    skipped.add(id(current.attr))
    return found
