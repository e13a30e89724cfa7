"""The unit of a scheduler's horizon against where it is stepped (RV301, RV302).

A horizon argument (`T_max`, `step_size`, `milestones`, `total_iters`, `total_steps`...) is
counted in epochs or in iterations; the scheduler must be stepped in the same unit. Both the
unit and the loop must be clear from the code, or nothing is reported.
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

import libcst as cst

from reviewer.matching import (
    SCHEDULERS,
    Construction,
    block_calls,
    dotted_name,
    enclosing_loops,
    expression_names,
    is_accumulation_test,
    is_batch_loop,
    keyword_arg,
    loop_target_names,
)
from reviewer.triggers import SCHEDULER_VOCABULARY
from reviewer.rule import Rule, Severity
from reviewer.rules.composition import (
    ifs_inside,
    in_loop_body,
    is_named_epoch_loop,
    is_training_batch_loop,
    mentions,
    scheduler_step,
)

EPOCHS = "epochs"
ITERATIONS = "iterations"

_PER_EPOCH = re.compile(r"^(?:[a-z0-9]+_)*(?:steps|iters?|iterations|updates|batches)_per_epoch$")
_EPOCH_COUNT = re.compile(r"(?:^|_|n)epochs?$|^(?:num_?)?epochs?_?num$")
_ITERATION_COUNT = re.compile(r"^(?:[a-z0-9]+_)+(?:steps|iters?|iterations|updates)$|^iterations$|^(?:num|n)_?batches$")
#: `*_steps` that are often epochs (torchvision's `lr_steps`, `decay_steps`) or not horizons at all
_NOT_A_HORIZON = re.compile(r"(?:^|_)(?:lr|decay|milestones?|log|eval|val|save|print|ckpt|checkpoint)_|epoch_")
_LOADER = re.compile(r"loader|(?:^|_)dl$|batches|iterator")
_SAME_UNIT_CALLS = {"int", "round", "math.ceil", "math.floor", "ceil", "floor", "max", "min"}


def name_unit(dotted: str) -> Optional[str]:
    last = dotted.rsplit(".", 1)[-1].lower()
    if "per_epoch" in last:
        return ITERATIONS if _PER_EPOCH.match(last) else None
    if _NOT_A_HORIZON.search(last):
        return None
    if _EPOCH_COUNT.search(last):
        return EPOCHS
    if _ITERATION_COUNT.match(last):
        return ITERATIONS
    return None


def _is_number(node: cst.CSTNode) -> bool:
    if isinstance(node, (cst.Integer, cst.Float)):
        return True
    if isinstance(node, cst.UnaryOperation):
        return _is_number(node.expression)
    return False


def unit_of(node: cst.CSTNode) -> Optional[str]:
    """EPOCHS, ITERATIONS, or None when the expression does not say."""
    dotted = dotted_name(node)
    if dotted is not None:
        return name_unit(dotted)
    if isinstance(node, cst.Call):
        callee = dotted_name(node.func)
        args = [arg.value for arg in node.args if arg.keyword is None and not arg.star]
        if callee == "len" and len(args) == 1:
            inner = dotted_name(args[0])
            return ITERATIONS if inner and _LOADER.search(inner.rsplit(".", 1)[-1].lower()) else None
        if callee in _SAME_UNIT_CALLS and args:
            return _combine(args)
        return None
    if isinstance(node, cst.BinaryOperation):
        left, right = node.left, node.right
        if isinstance(node.operator, cst.Multiply):
            if ITERATIONS in (unit_of(left), unit_of(right)):
                return ITERATIONS  # epochs * len(loader), steps_per_epoch * epochs
            if _is_number(left):
                return unit_of(right)
            if _is_number(right):
                return unit_of(left)
            return None
        if isinstance(node.operator, (cst.Add, cst.Subtract)):
            return _combine([left, right])
        if isinstance(node.operator, (cst.Divide, cst.FloorDivide)) and _is_number(right):
            return unit_of(left)
        return None
    if isinstance(node, (cst.List, cst.Tuple)):
        return _combine([element.value for element in node.elements])
    if isinstance(node, cst.ListComp):
        return unit_of(node.elt)
    return None


def _combine(nodes: List[cst.CSTNode]) -> Optional[str]:
    """The common unit of operands, numbers aside (`epochs - 1`, `[int(0.5 * e), int(0.75 * e)]`)."""
    units = {unit_of(n) for n in nodes if not _is_number(n)}
    return units.pop() if len(units) == 1 else None


def horizon(construction: Construction) -> Optional[Tuple[str, cst.CSTNode]]:
    """(unit, argument) of a direct PyTorch scheduler construction's horizon, when it is clear."""
    kind = SCHEDULERS.get(construction.qualified)
    call = construction.call
    if kind is None or kind.foreign or kind.composite or kind.plateau:
        return None
    if kind.name == "OneCycleLR":
        total = keyword_arg(call, "total_steps", kind.horizon_position)
        if total is not None:
            unit = unit_of(total.value)
            return (unit, total.value) if unit else None
        per_epoch = keyword_arg(call, "steps_per_epoch")
        if per_epoch is not None and keyword_arg(call, "epochs") is not None:
            return ITERATIONS, per_epoch.value
        return None
    if not kind.horizon:
        return None
    arg = keyword_arg(call, kind.horizon[0], kind.horizon_position)
    if arg is None:
        return None
    unit = unit_of(arg.value)
    return (unit, arg.value) if unit else None


def _step_horizon(rule: Rule, node: cst.Call) -> Optional[Tuple[str, str, cst.CSTNode]]:
    """(scheduler name, unit, horizon argument) for `sched.step()` with one clear unit."""
    if node.args:
        return None
    step = scheduler_step(rule.context.facts, node, rule.context)
    if not step:
        return None
    name, constructions = step
    found = [horizon(c) for c in constructions]
    if not found or any(f is None for f in found) or len({f[0] for f in found}) != 1:  # type: ignore[index]
        return None
    unit, arg = found[-1]  # type: ignore[misc]
    return name, unit, arg


def _stepped_in_loop(rule: Rule, node: cst.Call, unit: str) -> Optional[Tuple[List[cst.CSTNode], str, cst.CSTNode]]:
    """(enclosing loops, scheduler name, horizon argument) for `sched.step()` in a loop when
    the scheduler's horizon is counted in `unit`."""
    if not isinstance(node.func, cst.Attribute) or node.func.attr.value != "step" or node.args:
        return None
    loops = enclosing_loops(rule.context)
    if not loops:
        return None
    found = _step_horizon(rule, node)
    if found is None or found[1] != unit:
        return None
    return loops, found[0], found[2]  # type: ignore[return-value]


_DOCS_COMMON = """
        Only a horizon whose unit is clear counts: epochs are names like `epochs`, `args.epochs`,
        `num_epochs`, `max_epoch`, `warmup_epochs` (and arithmetic on them); iterations are
        `len(loader)`, `total_steps`, `max_iter`, `*_steps`, `*_iters`, `steps_per_epoch`,
        `epochs * len(loader)`. Milestones like `[30, 60, 90]` or names like `lr_steps`,
        `T_max` say nothing and are not reported.
"""


class EpochSchedulerSteppedPerBatch(Rule):
    code = "RV301"
    name = "epoch-scheduler-stepped-per-batch"
    summary = "A scheduler whose horizon is counted in epochs is stepped in the batch loop."
    severity = Severity.WARNING
    trigger = SCHEDULER_VOCABULARY
    documentation = """
        ## What it does
        Reports `scheduler.step()` inside a batch loop (a loop over a data loader, or one that
        calls `backward()`) when the scheduler's horizon argument is counted in epochs
        (`CosineAnnealingLR(optimizer, T_max=args.epochs)`).
    """ + _DOCS_COMMON + """
        A step under an `if` on the batch index (`if i == len(loader) - 1:`) runs once per
        epoch and is not reported.

        ## Why it matters
        The schedule is consumed `len(loader)` times too fast: a cosine over 100 epochs
        reaches its floor in the first epoch, then (being periodic) climbs back and oscillates
        hundreds of times over the run (ScrollPrize/villa PR #1495: the cosine decayed to zero
        140 times; sthalles/SimCLR #8).

        ## Example
        ```python
        scheduler = CosineAnnealingLR(optimizer, T_max=args.epochs)
        for epoch in range(args.epochs):
            for x, y in train_loader:
                train_step(x, y)
                scheduler.step()
        ```

        ## Fixed
        ```python
        scheduler = CosineAnnealingLR(optimizer, T_max=args.epochs * len(train_loader))
        for epoch in range(args.epochs):
            for x, y in train_loader:
                train_step(x, y)
                scheduler.step()
        ```

        ## Fix safety
        No automatic fix: either the horizon or the place of the step must change.
    """

    def visit_Call(self, node: cst.Call) -> None:
        stepped = _stepped_in_loop(self, node, EPOCHS)
        if stepped is None:
            return
        loops, name, arg = stepped
        loop = loops[0]
        if not is_training_batch_loop(loop, self.context.facts, loops[1:]) or not in_loop_body(self.context, loop):
            return
        targets = {name for each in loops for name in loop_target_names(each)}
        for guard in ifs_inside(self.context, loop):
            if is_accumulation_test(guard.test):
                continue
            names = expression_names(guard.test)
            if mentions(guard.test, targets) or any("epoch" in n.lower() or n == "len" for n in names):
                return
        self.report(
            node,
            f"`{name}` is stepped once per batch, but its horizon `{self.context.code(arg)}` counts epochs: "
            "the schedule runs len(loader) times too fast. Step it once per epoch, or give the horizon "
            "in iterations (epochs * len(loader)).",
        )


class IterationSchedulerSteppedPerEpoch(Rule):
    code = "RV302"
    name = "iteration-scheduler-stepped-per-epoch"
    summary = "A scheduler whose horizon is counted in iterations is stepped once per epoch."
    severity = Severity.WARNING
    trigger = SCHEDULER_VOCABULARY
    documentation = """
        ## What it does
        Reports `scheduler.step()` directly in the epoch loop (a loop whose header names
        epochs: `for epoch in range(args.epochs)`), outside any batch loop, when the
        scheduler's horizon argument is counted in iterations
        (`OneCycleLR(optimizer, max_lr, total_steps=epochs * len(loader))`).
    """ + _DOCS_COMMON + """
        ## Why it matters
        The schedule advances `len(loader)` times too slowly: a warm-up meant to last 500
        iterations lasts 500 epochs, a cosine over the run barely leaves its peak
        (the mirror of ScrollPrize/villa PR #1495 and sthalles/SimCLR #8).

        ## Example
        ```python
        total_steps = args.epochs * len(train_loader)
        scheduler = CosineAnnealingLR(optimizer, T_max=total_steps)
        for epoch in range(args.epochs):
            for x, y in train_loader:
                train_step(x, y)
            scheduler.step()
        ```

        ## Fixed
        ```python
        total_steps = args.epochs * len(train_loader)
        scheduler = CosineAnnealingLR(optimizer, T_max=total_steps)
        for epoch in range(args.epochs):
            for x, y in train_loader:
                train_step(x, y)
                scheduler.step()
        ```

        ## Fix safety
        No automatic fix: either the horizon or the place of the step must change.
    """

    def visit_Call(self, node: cst.Call) -> None:
        stepped = _stepped_in_loop(self, node, ITERATIONS)
        if stepped is None:
            return
        loops, name, arg = stepped
        loop = loops[0]
        facts = self.context.facts
        if not is_named_epoch_loop(loop) or is_batch_loop(loop, facts, loops[1:]) or not in_loop_body(self.context, loop):
            return
        for site in block_calls(loop, into_loops=False):  # a full-batch loop: one step per epoch is per iteration
            method = site.call.func.attr.value if isinstance(site.call.func, cst.Attribute) else None
            if method == "backward":
                return
        self.report(
            node,
            f"`{name}` is stepped once per epoch, but its horizon `{self.context.code(arg)}` counts "
            "iterations: the schedule advances len(loader) times too slowly. Step it in the batch "
            "loop, or give the horizon in epochs.",
        )
