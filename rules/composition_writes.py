"""Who owns the learning rate inside the loop: manual `["lr"]` writes next to a scheduler, and
schedulers rebuilt on every iteration (RV305, RV306). Helpers are shared with `composition.py`."""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

import libcst as cst

from reviewer.matching import (
    Construction,
    LoopCall,
    block_calls,
    block_statements,
    contains,
    dotted_name,
    enclosing_loops,
    expression_names,
    iter_statements,
    keyword_arg,
    loop_target_names,
    method_call,
)
from reviewer.triggers import SCHEDULER_VOCABULARY
from reviewer.rule import Rule, Severity
from reviewer.rules.composition import (
    EPOCH_WORD,
    Loop,
    ifs_inside,
    in_loop_body,
    is_chainable,
    is_named_epoch_loop,
    is_training_batch_loop,
    kinds_of,
    mentions,
    optimizer_argument,
    scheduler_step,
)


# --- RV305 ------------------------------------------------------------------------------------

_LR_KEY = re.compile(r"""^[rRuU]?(['"])lr\1$""")
_DERIVED = re.compile(r"initial_lr|base_lrs?\b")


def _lr_write_base(target: cst.CSTNode) -> Optional[cst.BaseExpression]:
    """`X` for a target `X["lr"]`."""
    if not isinstance(target, cst.Subscript) or len(target.slice) != 1:
        return None
    index = target.slice[0].slice
    if not isinstance(index, cst.Index) or not isinstance(index.value, cst.SimpleString):
        return None
    if not _LR_KEY.match(index.value.value):
        return None
    return target.value


def _iterates_param_groups(loop: cst.CSTNode) -> bool:
    return isinstance(loop, cst.For) and any(n.endswith("param_groups") for n in expression_names(loop.iter))


class ManualLrWriteWithScheduler(Rule):
    code = "RV305"
    name = "manual-lr-write-with-scheduler"
    summary = "A loop writes `param_group['lr']` by hand while a scheduler also sets it."
    severity = Severity.WARNING
    trigger = SCHEDULER_VOCABULARY
    documentation = """
        ## What it does
        Reports an assignment to a parameter group's `"lr"` (`for g in optimizer.param_groups:
        g["lr"] = ...`, `optimizer.param_groups[0]["lr"] *= 0.5`) inside a loop that also
        steps a scheduler.

        Not reported: warm-ups computed from the scheduler's own values (`initial_lr`,
        `base_lrs`: YOLOv5's `np.interp(..., [..., g["initial_lr"] * lf(epoch)])`), and
        writes under a warm-up condition that also gates the scheduler (`if epoch <
        warmup: ... else: scheduler.step()`). A write under a condition next to a
        chainable scheduler (StepLR, CosineAnnealingLR...) is a one-off adjustment that the
        scheduler carries on from, and is not reported either.

        ## Why it matters
        Two things now own the learning rate. A closed-form scheduler (LambdaLR, OneCycleLR)
        overwrites the manual value at its next step; a chainable one multiplies whatever the
        manual write left, so the curve is neither of the two intended ones
        (Lightning-AI/pytorch-lightning #4902).

        ## Example
        ```python
        for it, (x, y) in enumerate(loader):
            for group in optimizer.param_groups:
                group["lr"] = base_lr * min(1.0, (it + 1) / warmup_iters)
            train_step(x, y)
            scheduler.step()
        ```

        ## Fixed
        ```python
        warmup = LinearLR(optimizer, start_factor=1 / warmup_iters, total_iters=warmup_iters)
        scheduler = SequentialLR(optimizer, [warmup, decay], milestones=[warmup_iters])
        for it, (x, y) in enumerate(loader):
            train_step(x, y)
            scheduler.step()
        ```

        ## Fix safety
        No automatic fix.
    """

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._check(node, target.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._check(node, node.target, node.value)

    def _check(self, node: cst.CSTNode, target: cst.CSTNode, value: cst.CSTNode) -> None:
        base = _lr_write_base(target)
        if base is None:
            return
        loops = enclosing_loops(self.context)
        base_name = dotted_name(base)
        if isinstance(base, cst.Subscript):
            if not (dotted_name(base.value) or "").endswith("param_groups"):
                return
        elif base_name is None or not any(
            _iterates_param_groups(loop) and base_name in loop_target_names(loop) for loop in loops
        ):
            return
        if _DERIVED.search(self.context.code(value)):
            return
        for loop in loops:
            if _iterates_param_groups(loop):
                continue
            steps = self._steps(loop)
            if not steps:
                continue
            guards = ifs_inside(self.context, loop)
            live = [(s, step) for s, step in steps if not self._gated(s, guards)]
            if not live:
                return
            problem = self._problem(loop, loops, guards, live, value)
            if problem is None:
                return
            name = live[0][1][0]
            self.report(
                node,
                f"`[\"lr\"]` is written by hand in a loop that also steps `{name}`: {problem}. Express the "
                "manual part as a scheduler (a LinearLR warm-up in SequentialLR) or derive it from `initial_lr`.",
            )
            return

    def _steps(self, loop: Loop) -> List[Tuple[LoopCall, Tuple[str, List[Construction]]]]:
        """The bound scheduler steps a loop executes (cached: several writes share a loop)."""
        cache = self.__dict__.setdefault("_steps_cache", {})
        if id(loop) not in cache:
            facts = self.context.facts
            cache[id(loop)] = [
                (site, step)
                for site in block_calls(loop)
                if (found := method_call(site.call)) is not None and found[1] == "step"
                for step in [scheduler_step(facts, site.call, self.context)]
                if step
            ]
        return cache[id(loop)]

    def _problem(
        self,
        loop: Loop,
        loops: List[Loop],
        guards: List[cst.If],
        live: List[Tuple[LoopCall, Tuple[str, List[Construction]]]],
        value: cst.CSTNode,
    ) -> Optional[str]:
        """Why the write and the scheduler conflict, or None when they do not clearly do."""
        facts = self.context.facts
        closed_form = any(not is_chainable(k) for _, (_, cs) in live for k in kinds_of(facts, cs))
        if any(site.loops for site, _ in live):  # the scheduler steps in a loop nested under the write
            if closed_form:
                return "the scheduler recomputes the LR from base_lrs at its next step and undoes the write"
            if not guards:
                return "the write resets the LR that the scheduler keeps multiplying, every outer iteration"
            return None
        if guards:
            targets = {name for each in loops for name in loop_target_names(each)}
            if closed_form and any(mentions(guard.test, targets) for guard in guards):
                return "the scheduler recomputes the LR from base_lrs at its next step and undoes the write"
            return None
        if isinstance(value, (cst.Integer, cst.Float)):  # freezing a group every iteration
            return None
        return "the write overrides the scheduler on every iteration, so the scheduler does nothing"

    @staticmethod
    def _gated(site: LoopCall, guards: List[cst.If]) -> bool:
        """The scheduler step is excluded by the write's condition: in the other branch of the same
        `if`, or under an `if` that reads the same names (`epoch < warmup` / `epoch >= warmup`)."""
        if not guards:
            return False
        names = {n for guard in guards for n in expression_names(guard.test)}
        for guard in site.guards:
            if guard in guards:
                if not contains(guard.body, site.call):
                    return True
            elif names & set(expression_names(guard.test)):
                return True
        return False


# --- RV306 ------------------------------------------------------------------------------------


class SchedulerCreatedInLoop(Rule):
    code = "RV306"
    name = "scheduler-created-in-loop"
    summary = "A scheduler is constructed inside the epoch (or batch) loop, so its schedule restarts every iteration."
    severity = Severity.ERROR
    trigger = SCHEDULER_VOCABULARY
    documentation = """
        ## What it does
        Reports `scheduler = SomeLR(optimizer, ...)` inside an epoch loop (a loop whose header
        names epochs) or a batch loop when the new scheduler is stepped in that loop.

        Not reported: construction under a condition on the loop variable (a new phase that
        starts at `if epoch == warmup_epochs:`) or on the scheduler itself (`if scheduler is
        None:`), a construction that passes `last_epoch=`, and loops that also build the
        optimizer (each iteration is a fresh run: folds, sweeps).

        ## Why it matters
        A new scheduler starts at `last_epoch = -1`: every epoch it re-applies its first value,
        so the LR never decays (a LambdaLR or warm-up restarts from the beginning each epoch)
        (pytorch/pytorch #33416).

        ## Example
        ```python
        for epoch in range(epochs):
            scheduler = StepLR(optimizer, step_size=30, gamma=0.1)
            train_one_epoch(model, loader, optimizer)
            scheduler.step()
        ```

        ## Fixed
        ```python
        scheduler = StepLR(optimizer, step_size=30, gamma=0.1)
        for epoch in range(epochs):
            train_one_epoch(model, loader, optimizer)
            scheduler.step()
        ```

        ## Fix safety
        No automatic fix.
    """

    def visit_Call(self, node: cst.Call) -> None:
        if not isinstance(node.func, (cst.Name, cst.Attribute)):
            return
        stack = self.context.stack
        if len(stack) < 2 or not isinstance(stack[-2], (cst.Assign, cst.AnnAssign)):
            return
        facts = self.context.facts
        if facts.scheduler_construction(node) is None:
            return
        assign = stack[-2]
        targets = [t.target for t in assign.targets] if isinstance(assign, cst.Assign) else [assign.target]
        names = [n for n in (dotted_name(t) for t in targets) if n]
        if not names or keyword_arg(node, "last_epoch") is not None:
            return
        loops = enclosing_loops(self.context)
        for index, loop in enumerate(loops):
            if is_named_epoch_loop(loop) or is_training_batch_loop(loop, facts, loops[index + 1:]):
                break
        else:
            return
        if not in_loop_body(self.context, loop):
            return
        watched = {name for outer in loops[index:] for name in loop_target_names(outer)} | set(names)
        for guard in ifs_inside(self.context, loop):
            if mentions(guard.test, watched) or any(EPOCH_WORD.search(n) for n in expression_names(guard.test)):
                return
        optimizer = optimizer_argument(node)
        sites = block_calls(loop)
        if optimizer is not None and self._assigned_in(loop, optimizer):
            return
        stepped = any(
            (found := method_call(site.call)) is not None and found[1] == "step" and dotted_name(found[0]) in names
            for site in sites
        )
        if not stepped:
            return
        self.report(
            node,
            f"`{names[0]}` is rebuilt on every iteration of this loop: each new scheduler starts from "
            "last_epoch=-1, so the schedule restarts instead of progressing. Build it once before the loop.",
        )

    @staticmethod
    def _assigned_in(loop: cst.CSTNode, name: str) -> bool:
        for statement in iter_statements(block_statements(loop)):
            smalls = statement.body if isinstance(statement, cst.SimpleStatementLine) else [statement]
            for small in smalls:
                if isinstance(small, cst.Assign) and any(dotted_name(t.target) == name for t in small.targets):
                    return True
                if isinstance(small, (cst.AnnAssign, cst.AugAssign)) and dotted_name(small.target) == name:
                    return True
        return False
