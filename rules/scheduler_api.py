"""Misuses of the PyTorch learning-rate scheduler API (RV201-RV206).

Every rule binds the scheduler through its constructor (`FileFacts.scheduler_kind`): a
receiver that is not built by a known scheduler constructor or factory gets no finding.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Set, Tuple

import libcst as cst

from reviewer.matching import (
    block_calls,
    child_nodes,
    Construction,
    dotted_name,
    enclosing,
    enclosing_loops,
    FileFacts,
    is_batch_loop,
    keyword_arg,
    loop_calls,
    loop_target_names,
    LoopCall,
    LR_SCHEDULER,
    method_call,
    name_nodes,
    SchedulerKind,
    SCHEDULERS,
    visible_constructions,
    walk,
)
from reviewer.triggers import all_of, SCHEDULER_VOCABULARY
from reviewer.context import FileContext
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity


# --- helpers for this family ---------------------------------------------------------


def bound_scheduler(
    context: FileContext, receiver: cst.CSTNode, accept: Callable[[SchedulerKind], bool]
) -> Optional[Tuple[Construction, SchedulerKind]]:
    """The construction and kind `receiver` is bound to where it is used, when every construction
    of that name visible there is of a known kind that `accept`s (a name built by StepLR and by
    ReduceLROnPlateau in the branches of an `if` is accepted only where both kinds are); else None."""
    facts = context.facts
    if isinstance(receiver, cst.Call):
        candidates = [c for c in [facts.scheduler_construction(receiver)] if c is not None]
    else:
        candidates = visible_constructions(
            context, receiver, facts.schedulers.get(dotted_name(receiver) or "", []), strict=True
        )
    if not candidates:
        return None
    kinds = []
    for candidate in candidates:
        kind = SCHEDULERS.get(candidate.qualified) or SCHEDULERS.get(facts.scheduler_factories.get(candidate.qualified, ""))
        if kind is None or not accept(kind):
            return None
        kinds.append(kind)
    return candidates[-1], kinds[-1]


def is_torch_constructor(qualified: str) -> bool:
    return qualified.startswith(LR_SCHEDULER + ".") or qualified.startswith("torch.optim.swa_utils.")


def _last(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def optimizer_names(facts: FileFacts, construction: Construction) -> Set[str]:
    """Dotted names of the optimizer a scheduler construction drives (empty if unknown)."""
    call = construction.call
    position = 1 if construction.qualified.endswith(".get_scheduler") else 0
    candidates: List[cst.CSTNode] = []
    if construction.qualified in SCHEDULERS:
        arg = keyword_arg(call, "optimizer", position)
        if arg is not None:
            candidates.append(arg.value)
    else:  # a local factory: any argument that is an optimizer
        for arg in call.args:
            name = dotted_name(arg.value) or ""
            if facts.is_optimizer(arg.value) or "optim" in _last(name).lower():
                candidates.append(arg.value)
    return {name for name in (dotted_name(c) for c in candidates) if name}


def site_of(sites: List[LoopCall], call: cst.Call) -> Optional[int]:
    for index, site in enumerate(sites):
        if site.call is call:
            return index
    return None


class _LoopRule(Rule):
    """Caches the calls of each loop of a file; finds what an iteration does with the optimizer."""

    def __init__(self, context) -> None:
        super().__init__(context)
        self._loop_sites: Dict[int, List[LoopCall]] = {}
        self._functions: Optional[Dict[str, cst.FunctionDef]] = None

    def sites(self, loop: cst.CSTNode) -> List[LoopCall]:
        found = self._loop_sites.get(id(loop))
        if found is None:
            found = self._loop_sites[id(loop)] = loop_calls(loop)  # type: ignore[arg-type]
        return found

    def innermost_site(self, call: cst.Call):
        """(innermost loop, the call's sites in it, its index) or None outside loops."""
        loops = enclosing_loops(self.context)
        if not loops:
            return None
        sites = self.sites(loops[0])
        index = site_of(sites, call)
        if index is None:
            return None
        return loops, sites, index

    def _steps_optimizer(self, call: cst.Call, optimizers: Set[str], facts: FileFacts, depth: int = 0) -> Optional[str]:
        """A description of the optimizer step `call` makes (directly or in a local function), else None."""
        found = method_call(call)
        if found is not None and found[1] == "step":
            receiver = found[0]
            if self._is_the_optimizer(receiver, optimizers, facts):
                return f"`{self.context.code(receiver)}.step()`"
            first = keyword_arg(call, "optimizer", 0)
            if first is not None and self._is_the_optimizer(first.value, optimizers, facts):
                return f"`{self.context.code(call.func)}({self.context.code(first.value)})`"
            return None
        if depth > 0:
            return None
        function = self._local_function(call)
        if function is None:
            return None
        names = set(optimizers)
        names |= self._parameters_bound_to_optimizer(call, function, optimizers, facts)
        for site in block_calls(function):
            if self._steps_optimizer(site.call, names, facts, depth + 1):
                return f"the optimizer step in `{function.name.value}()`"
        return None

    @staticmethod
    def _is_the_optimizer(node: cst.CSTNode, optimizers: Set[str], facts: FileFacts) -> bool:
        name = dotted_name(node)
        if name is None:
            return False
        if optimizers:
            return name in optimizers or _last(name) in {_last(o) for o in optimizers}
        return facts.is_optimizer(node)

    def _local_function(self, call: cst.Call) -> Optional[cst.FunctionDef]:
        if self._functions is None:
            self._functions = {}
            for statement in self.context.module.body:
                if isinstance(statement, cst.FunctionDef):
                    self._functions[statement.name.value] = statement
        if isinstance(call.func, cst.Name):
            return self._functions.get(call.func.value)
        name = dotted_name(call.func) or ""
        if name.startswith("self.") and name.count(".") == 1:
            cls = next(enclosing(self.context, cst.ClassDef), None)
            if cls is not None:
                for statement in cls.body.body:  # type: ignore[union-attr]
                    if isinstance(statement, cst.FunctionDef) and statement.name.value == name[5:]:
                        return statement
        return None

    @staticmethod
    def _parameters_bound_to_optimizer(call, function, optimizers, facts) -> Set[str]:
        params = list(function.params.posonly_params) + list(function.params.params)
        if isinstance(call.func, cst.Attribute) and params:
            params = params[1:]  # self
        names: Set[str] = set()
        positional = 0
        for arg in call.args:
            if arg.star:
                break
            target = None
            if arg.keyword is not None:
                target = arg.keyword.value
            elif positional < len(params):
                target = params[positional].name.value
                positional += 1
            if target and _LoopRule._is_the_optimizer(arg.value, optimizers, facts):
                names.add(target)
        return names

    def trains(self, call: cst.Call, optimizers: Set[str], facts: FileFacts) -> bool:
        """`call` steps the optimizer or hands it to a function (`train_one_epoch(model, loader, optimizer)`)."""
        if self._steps_optimizer(call, optimizers, facts):
            return True
        return any(self._is_the_optimizer(arg.value, optimizers, facts) for arg in call.args)


# --- RV201 -----------------------------------------------------------------------------


class SchedulerStepBeforeOptimizer(_LoopRule):
    code = "RV201"
    name = "scheduler-step-before-optimizer"
    summary = "A scheduler is stepped before the optimizer in the same iteration, so the schedule's first value is skipped."
    trigger = all_of(SCHEDULER_VOCABULARY, r"step\b")
    documentation = """
        ## What it does
        Finds `scheduler.step()` that runs, in one iteration of a loop, before the step of
        the optimizer that scheduler drives: earlier in the same loop body, or at the top of
        the epoch loop before the inner batch loop (or a local training function that the
        loop calls) steps the optimizer. The scheduler is recognised by its constructor
        (`torch.optim.lr_scheduler.*`, the Transformers schedule factories...), and the
        optimizer as the one passed to that constructor. `ReduceLROnPlateau` is exempt, and
        so is a scheduler step under a condition (`if epoch > 0:`).

        ## Why it matters
        Since PyTorch 1.1 the optimizer must step first. Stepping the scheduler first moves
        the LR to the schedule's second value before the first update: the first value
        (often the whole first epoch, or the warm-up's starting point) is never used, and
        PyTorch warns "Detected call of `lr_scheduler.step()` before `optimizer.step()`".
        Transformers fixed exactly this in its examples (huggingface/transformers PR #1136).

        ## Example
        ```python
        for epoch in range(epochs):
            scheduler.step()
            for x, y in loader:
                loss = criterion(model(x), y)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        ```

        ## Fixed
        ```python
        for epoch in range(epochs):
            for x, y in loader:
                loss = criterion(model(x), y)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            scheduler.step()
        ```

        ## Fix safety
        No automatic fix: moving the call changes every LR value of the run and may
        interact with logging or checkpointing code around it.
    """

    def visit_Call(self, node: cst.Call) -> None:
        found = method_call(node)
        if found is None or found[1] != "step" or node.args:
            return
        facts = self.context.facts
        binding = bound_scheduler(self.context, found[0], lambda kind: not (kind.plateau or kind.foreign))
        if binding is None:
            return
        construction, kind = binding
        located = self.innermost_site(node)
        if located is None:
            return
        loops, sites, index = located
        site = sites[index]
        if site.conditional or site.loops:
            return
        optimizers = optimizer_names(facts, construction)
        if any(self._steps_optimizer(s.call, optimizers, facts) for s in sites[:index]):
            return
        for later in sites[index + 1:]:
            where = self._steps_optimizer(later.call, optimizers, facts)
            if where:
                receiver = self.context.code(found[0])
                self.report(
                    node,
                    f"`{receiver}.step()` runs before {where} in the same iteration: the schedule's first "
                    "value is skipped (PyTorch warns about it); step the scheduler after the optimizer",
                )
                return

# --- RV202 -----------------------------------------------------------------------------


class SchedulerStepEpochArgument(_LoopRule):
    code = "RV202"
    name = "scheduler-step-epoch-argument"
    summary = "`scheduler.step(epoch)` uses the deprecated epoch argument of a PyTorch scheduler."
    severity = Severity.WARNING
    fix_applicability = Applicability.UNSAFE
    trigger = all_of(SCHEDULER_VOCABULARY, r"step\b")
    documentation = """
        ## What it does
        Finds `scheduler.step(epoch)` (or `step(epoch=...)`) on PyTorch schedulers for which
        the argument is deprecated: every scheduler built by a `torch.optim.lr_scheduler`
        constructor or a Transformers/Diffusers schedule factory, except `ReduceLROnPlateau`
        (whose argument is the metric), `CosineAnnealingWarmRestarts` (whose fractional
        epoch argument is documented), the composite `SequentialLR`/`ChainedScheduler`, and
        libraries with their own `step(epoch)` API such as timm's schedulers.

        ## Why it matters
        PyTorch warns "The epoch parameter in `scheduler.step()` was not necessary and is
        being deprecated". With an argument the scheduler switches to its closed form (or,
        where there is none, re-applies the chainable update), which differs from the
        chainable values and from what other code expects; repeated `step(2)` calls drove
        one user's LR to 1e-13 (pytorch/pytorch #20527).

        ## Example
        ```python
        for epoch in range(epochs):
            train_one_epoch(model, loader, optimizer)
            scheduler.step(epoch)
        ```

        ## Fixed
        ```python
        for epoch in range(epochs):
            train_one_epoch(model, loader, optimizer)
            scheduler.step()
        ```

        ## Fix safety
        Unsafe, and offered only when the argument is the loop variable and the call runs
        once per iteration of that loop: `step()` counts from the scheduler's own
        `last_epoch`, so the LR sequence can shift by one epoch compared with `step(epoch)`
        (for example when the loop starts at 0, or when resuming).
    """

    def visit_Call(self, node: cst.Call) -> None:
        found = method_call(node)
        if found is None or found[1] != "step" or not node.args:
            return
        binding = bound_scheduler(
            self.context, found[0], lambda k: not (k.epoch_step_ok or k.plateau or k.foreign or k.composite)
        )
        if binding is None:
            return
        construction, kind = binding
        arg = keyword_arg(node, "epoch", 0)
        if arg is None or (isinstance(arg.value, cst.Name) and arg.value.value == "None"):
            return
        receiver = self.context.code(found[0])
        message = (
            f"`{receiver}.step({self.context.code(arg.value)})`: the epoch argument of "
            f"`{kind.name}.step()` is deprecated and switches to the closed-form schedule; call `step()` once per epoch"
        )
        fix = None
        if len(node.args) == 1 and isinstance(arg.value, cst.Name) and self._once_per_iteration_of(node, arg.value.value, construction):
            fix = Fix(Applicability.UNSAFE, "Drop the epoch argument", [Replacement(node, node.with_changes(args=()))])
        self.report(node, message, fix=fix)

    def _once_per_iteration_of(self, call: cst.Call, variable: str, construction: Construction) -> bool:
        located = self.innermost_site(call)
        if located is None:
            return False
        loops, sites, index = located
        site = sites[index]
        if site.conditional or site.loops or variable not in loop_target_names(loops[0]):
            return False
        receiver = dotted_name(call.func.value)  # type: ignore[attr-defined]
        steps = [s for s in sites if dotted_name(s.call.func) == f"{receiver}.step"]
        if len(steps) != 1:
            return False
        # only after the iteration's training: `step()` at the top of the loop would skip a value
        facts = self.context.facts
        optimizers = optimizer_names(facts, construction)
        return any(self.trains(s.call, optimizers, facts) for s in sites[:index]) and not any(
            self.trains(s.call, optimizers, facts) for s in sites[index + 1:]
        )


# --- RV203 -----------------------------------------------------------------------------


class GetLrInsteadOfGetLastLr(Rule):
    code = "RV203"
    name = "get-lr-instead-of-get-last-lr"
    summary = "`scheduler.get_lr()` recomputes the LR instead of reading it; use `get_last_lr()`."
    fix_applicability = Applicability.SAFE
    trigger = r"get_lr\b"
    documentation = """
        ## What it does
        Finds calls to `get_lr()` on a PyTorch scheduler (bound through its constructor),
        outside a `get_lr` definition and other than `super().get_lr()`.

        ## Why it matters
        `get_lr()` is the scheduler's internal update rule, not a getter: for chainable
        schedulers it computes the next value from the live `group["lr"]`, so at a
        milestone `MultiStepLR.get_lr()` applies gamma once more and the logged LR is wrong
        (pytorch/pytorch #31871; pytorch/tutorials PR #1099). PyTorch warns "To get the
        last learning rate computed by the scheduler, please use `get_last_lr()`".

        ## Example
        ```python
        print(f"epoch {epoch} lr {scheduler.get_lr()[0]:.5f}")
        ```

        ## Fixed
        ```python
        print(f"epoch {epoch} lr {scheduler.get_last_lr()[0]:.5f}")
        ```

        ## Fix safety
        Safe: `get_last_lr()` returns the LR the optimizer actually uses, which is what
        the call site means to read.
    """

    def visit_Call(self, node: cst.Call) -> None:
        found = method_call(node)
        if found is None or found[1] != "get_lr" or node.args:
            return
        binding = bound_scheduler(self.context, found[0], lambda kind: not kind.foreign)
        if binding is None:
            return
        for function in enclosing(self.context, cst.FunctionDef):
            if function.name.value in ("get_lr", "_get_closed_form_lr"):  # type: ignore[attr-defined]
                return
        assert isinstance(node.func, cst.Attribute)
        receiver = self.context.code(found[0])
        why = "re-applies the decay at milestones" if binding[1].chainable else "is the scheduler's internal update rule"
        self.report(
            node,
            f"`{receiver}.get_lr()` {why} instead of reading the LR in use (PyTorch warns); "
            f"use `{receiver}.get_last_lr()`",
            fix=Fix(Applicability.SAFE, "Use `get_last_lr()`", [Replacement(node.func.attr, cst.Name("get_last_lr"))]),
        )


# --- RV204 -----------------------------------------------------------------------------


class DeprecatedSchedulerVerbose(Rule):
    code = "RV204"
    name = "deprecated-scheduler-verbose"
    summary = "`verbose=` passed to a PyTorch scheduler: deprecated since PyTorch 2.2, an error once removed."
    severity = Severity.WARNING
    fix_applicability = Applicability.SAFE
    trigger = all_of(SCHEDULER_VOCABULARY, r"verbose\b")
    documentation = """
        ## What it does
        Finds the `verbose=` keyword argument in calls to `torch.optim.lr_scheduler`
        constructors (through any import or alias).

        ## Why it matters
        PyTorch 2.2 deprecated the parameter ("The verbose parameter is deprecated") and
        later releases removed it, where passing it raises a TypeError; scripts that pass it
        break on upgrade (kohya-ss/sd-scripts #601). Log `scheduler.get_last_lr()` instead.

        ## Example
        ```python
        scheduler = ReduceLROnPlateau(optimizer, mode="min", patience=3, verbose=True)
        ```

        ## Fixed
        ```python
        scheduler = ReduceLROnPlateau(optimizer, mode="min", patience=3)
        ```

        ## Fix safety
        Safe: the keyword argument is removed and the call stays well-formed (commas,
        trailing commas and multi-line calls are kept); only the deprecated console
        messages go away.
    """

    def visit_Call(self, node: cst.Call) -> None:
        qualified = self.context.facts.resolve(node.func)
        if qualified is None or qualified not in SCHEDULERS or not is_torch_constructor(qualified):
            return
        for index, arg in enumerate(node.args):
            if arg.keyword is not None and arg.keyword.value == "verbose":
                self.report(
                    arg,
                    f"`verbose=` of `{_last(qualified)}` is deprecated since PyTorch 2.2 and removed in later "
                    "releases (a TypeError there); log `get_last_lr()` instead",
                    fix=Fix(Applicability.SAFE, "Remove `verbose=`", [Replacement(node, remove_argument(node, index))]),
                )
                return


def remove_argument(call: cst.Call, index: int) -> cst.Call:
    """`call` without its argument at `index`, keeping commas and line layout well-formed."""
    args = list(call.args)
    removed = args.pop(index)
    if index == len(args) and args:  # the removed one was last: its comma goes to the new last
        previous = args[-1]
        if isinstance(removed.comma, cst.Comma):
            comma = removed.comma
            if isinstance(previous.comma, cst.Comma):
                before, after = previous.comma.whitespace_after, comma.whitespace_after
                if isinstance(before, cst.ParenthesizedWhitespace) and isinstance(after, cst.ParenthesizedWhitespace):
                    after = after.with_changes(first_line=before.first_line)  # keep the previous line's comment
                comma = comma.with_changes(whitespace_before=previous.comma.whitespace_before, whitespace_after=after)
            args[-1] = previous.with_changes(comma=comma)
        elif not _has_comment(previous.comma):
            args[-1] = previous.with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return call.with_changes(args=args)


def _has_comment(comma) -> bool:
    return isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace) and (
        comma.whitespace_after.first_line.comment is not None
    )


# --- RV205 -----------------------------------------------------------------------------

_PLATEAU_CHECK = re.compile(r"isinstance|plateau", re.IGNORECASE)


class PlateauStepWithoutMetric(_LoopRule):
    code = "RV205"
    name = "plateau-step-without-metric"
    summary = "`ReduceLROnPlateau.step()` without a metric, or stepped on every batch."
    trigger = r"ReduceLROnPlateau"
    documentation = """
        ## What it does
        Finds `step()` calls on a `ReduceLROnPlateau` scheduler (bound through its
        constructor) that pass no metric, and those that run unconditionally inside the
        batch loop (a loop over a data loader, or the inner loop that calls `backward()`).

        ## Why it matters
        `ReduceLROnPlateau.step(metrics)` needs the monitored value: without it the call
        raises a TypeError (older code paths passed the epoch number instead, which never
        "improves" as expected). Stepped on every batch with the batch loss, `patience`
        counts batches instead of epochs, so the LR is cut after a handful of noisy
        batches (junyanz/pytorch-CycleGAN-and-pix2pix #495).

        ## Example
        ```python
        for epoch in range(epochs):
            for x, y in loader:
                loss = criterion(model(x), y)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                scheduler.step(loss)
        ```

        ## Fixed
        ```python
        for epoch in range(epochs):
            for x, y in loader:
                loss = criterion(model(x), y)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            scheduler.step(evaluate(model, val_loader))
        ```

        ## Fix safety
        No automatic fix: the metric to monitor is the author's choice.
    """

    def visit_Call(self, node: cst.Call) -> None:
        found = method_call(node)
        if found is None or found[1] != "step":
            return
        binding = bound_scheduler(self.context, found[0], lambda kind: kind.plateau and not kind.foreign)
        if binding is None:
            return
        receiver = self.context.code(found[0])
        if any(arg.star for arg in node.args):
            return
        if not node.args:
            for guard in enclosing(self.context, cst.If):
                if _PLATEAU_CHECK.search(self.context.code(guard.test)):  # type: ignore[attr-defined]
                    return
            self.report(node, f"`{receiver}.step()` is a ReduceLROnPlateau without the metric it monitors "
                              "(a TypeError); pass the validation metric: `step(val_loss)`")
            return
        located = self.innermost_site(node)
        if located is None:
            return
        loops, sites, index = located
        site = sites[index]
        if site.conditional or site.loops or not is_batch_loop(loops[0], self.context.facts, loops[1:]):
            return
        self.report(node, f"`{receiver}.step(...)` runs on every batch: ReduceLROnPlateau's patience then counts "
                          "batches and the LR is cut on batch noise; step it once per epoch with a validation metric")


# --- RV206 -----------------------------------------------------------------------------

_SCALING = (cst.Multiply, cst.Divide)


class ChainableSchedulerCompounds(Rule):
    code = "RV206"
    name = "chainable-scheduler-compounds"
    summary = "A subclass of a chainable scheduler scales `super().get_lr()`, so the factor compounds every step."
    trigger = r"get_lr\b"
    documentation = """
        ## What it does
        Finds classes that extend a chainable PyTorch scheduler (`StepLR`, `MultiStepLR`,
        `ExponentialLR`, `CosineAnnealingLR`, `LinearLR`, `ConstantLR`, `PolynomialLR`,
        `MultiplicativeLR`) and whose `get_lr` multiplies or divides the values of
        `super().get_lr()` (a warm-up factor, a scale).

        ## Why it matters
        A chainable scheduler's `get_lr` starts from the live `group["lr"]`, which already
        carries the previous step's factor. Scaling its result applies the factor again on
        every step, so a warm-up factor `t / W` multiplies up (`1/W * 2/W * ...`) and the LR
        collapses instead of ramping (potterhsu/easy-faster-rcnn.pytorch #26).

        ## Example
        ```python
        class WarmupMultiStepLR(MultiStepLR):
            def get_lr(self):
                factor = min(1.0, (self.last_epoch + 1) / self.warmup)
                return [lr * factor for lr in super().get_lr()]
        ```

        ## Fixed
        ```python
        class WarmupMultiStepLR(LRScheduler):
            def get_lr(self):
                factor = min(1.0, (self.last_epoch + 1) / self.warmup)
                decay = self.gamma ** bisect_right(self.milestones, self.last_epoch)
                return [base_lr * factor * decay for base_lr in self.base_lrs]
        ```

        ## Fix safety
        No automatic fix: the schedule has to be written from `self.base_lrs` (or composed
        with `SequentialLR`/`ChainedScheduler`).
    """

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        facts = self.context.facts
        base = None
        for arg in node.bases:
            qualified = facts.resolve(arg.value)
            kind = SCHEDULERS.get(qualified or "")
            if kind is not None and kind.chainable and is_torch_constructor(qualified or ""):
                base = kind
        if base is None or not isinstance(node.body, cst.IndentedBlock):
            return
        for statement in node.body.body:
            if isinstance(statement, cst.FunctionDef) and statement.name.value == "get_lr":
                for call in _scaled_super_get_lr(statement):
                    self.report(
                        call,
                        f"`{node.name.value}` extends the chainable `{base.name}`, whose `get_lr()` starts from the "
                        "live group['lr']: scaling it here re-applies the factor on every step, so it compounds; "
                        "compute from `self.base_lrs` instead",
                    )


def _is_super_get_lr(node: cst.CSTNode) -> bool:
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "get_lr"
        and isinstance(node.func.value, cst.Call)
        and isinstance(node.func.value.func, cst.Name)
        and node.func.value.func.value == "super"
    )


def _names_in(node: cst.CSTNode) -> Set[str]:
    return {name.value for name in name_nodes(node)}


def _scales(expression: cst.CSTNode, names: Set[str]) -> bool:
    """`expression` holds `name * x`, `x * name` or `name / x` for one of `names`."""
    return any(
        isinstance(current, cst.BinaryOperation) and isinstance(current.operator, _SCALING)
        and bool(_names_in(current.left) & names or _names_in(current.right) & names)
        for current in walk(expression)
    )


def _scaled_super_get_lr(function: cst.FunctionDef) -> List[cst.Call]:
    """`super().get_lr()` calls in `function` whose values get multiplied or divided."""
    results: List[cst.Call] = []
    assigned: Dict[str, cst.Call] = {}
    nodes: List[cst.CSTNode] = [function.body]  # last child first: a later assignment loses
    comprehensions: List[cst.CSTNode] = []
    while nodes:
        current = nodes.pop()
        if isinstance(current, cst.BinaryOperation) and isinstance(current.operator, _SCALING):
            for side in (current.left, current.right):
                if _is_super_get_lr(side):
                    results.append(side)  # type: ignore[arg-type]
        if isinstance(current, (cst.ListComp, cst.GeneratorExp)):
            comprehensions.append(current)
        if isinstance(current, cst.Assign) and _is_super_get_lr(current.value) and len(current.targets) == 1:
            target = current.targets[0].target
            if isinstance(target, cst.Name):
                assigned[target.value] = current.value  # type: ignore[assignment]
        nodes.extend(child_nodes(current))
    for comprehension in comprehensions:
        element = comprehension.elt  # type: ignore[attr-defined]
        loop = comprehension.for_in  # type: ignore[attr-defined]
        while loop is not None:
            targets = set(loop_target_names(loop))
            sources = [loop.iter]
            if isinstance(loop.iter, cst.Call) and dotted_name(loop.iter.func) in ("zip", "enumerate"):
                sources = [arg.value for arg in loop.iter.args]
            for source in sources:
                call = source if _is_super_get_lr(source) else None
                if call is None and isinstance(source, cst.Name):
                    call = assigned.get(source.value)
                if call is not None and _scales(element, targets) and call not in results:
                    results.append(call)
            loop = loop.inner_for_in
    return results
