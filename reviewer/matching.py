"""Shared matching helpers: names, imports, constructor bindings, ancestry.

Rules bind optimizers and schedulers through their constructors and the file's imports,
never by variable names alone. Everything here is computed from statements only (no
expression-level traversal), so it costs far less than libcst's scope metadata.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Sequence, Tuple, Type, TypeVar, Union

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


def iter_statements(body: Sequence[cst.CSTNode]) -> Iterator[cst.CSTNode]:
    """Every statement under `body`, depth first, descending into compound statements only.

    Small statements of one-line suites (`if x: y = 1`) come as they are.
    """
    for statement in body:
        yield statement
        if isinstance(statement, cst.BaseCompoundStatement):
            yield from iter_statements(_child_blocks(statement))


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
