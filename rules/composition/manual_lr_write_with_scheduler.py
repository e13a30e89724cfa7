from typing import List, Optional, Tuple

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.loops import Loop, LoopCall
from reviewer.analysis.tree import method_call, subscript_key
from reviewer.rule import Rule, Severity
from reviewer.triggers import Check, SCHEDULER_VOCABULARY, scheduler_code

#: values that come from the scheduler's own record of the LR (a group's `initial_lr`, a
#: scheduler's `base_lrs`)
_SCHEDULER_RECORDS = {"initial_lr", "base_lrs", "base_lr"}


class ManualLrWriteWithScheduler(Rule):
    code = "RV305"
    name = "manual-lr-write-with-scheduler"
    summary = "A loop writes `param_group['lr']` by hand while a scheduler also sets it."
    severity = Severity.WARNING
    trigger = SCHEDULER_VOCABULARY
    structure = Check(scheduler_code)
    metamorphic_limits = {
        "wrap_loop_body": "a guard on an attribute the class advances (`self.bad_epochs`), read in a helper through "
                          "the parameter its call fills with `self`, is no longer known to change between passes",
    }
    documentation = """
        ## What it does
        Reports an assignment to a parameter group's `"lr"` (`for g in optimizer.param_groups:
        g["lr"] = ...`, `optimizer.param_groups[0]["lr"] *= 0.5`) inside a loop that also
        steps a scheduler.

        Not reported: warm-ups computed from the scheduler's own values (`initial_lr`,
        `base_lrs`: YOLOv5's `np.interp(..., [..., g["initial_lr"] * lf(epoch)])`), and
        writes under a condition that also gates the scheduler (`if epoch < warmup: ...
        else: scheduler.step()`, or another `if` on the same values). A write under a
        condition next to a chainable scheduler (StepLR, CosineAnnealingLR...) is a one-off
        adjustment that the scheduler carries on from, and is not reported either; next to a
        closed-form one it is reported when the condition changes between passes (it reads
        a loop's counter or a value the code advances in place, `self.bad_epochs += 1`).
        Nor are writes made by a context manager that the scheduler steps inside (`with
        warmup.dampening(): scheduler.step()`, pytorch_warmup's dampening): it restores
        the scheduler's own values before the step and scales them after, by design.

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
        if subscript_key(target) != "lr":
            return
        analysis = self.context.analysis
        if not analysis.lr.is_param_group(target.value) or self._from_records(value):
            return
        for enclosing, anchor in self._contexts(node):
            problem = self._conflict(node, anchor, enclosing, value)
            if problem is not None:
                self.report(
                    node,
                    f"`[\"lr\"]` is written by hand in a loop that also steps `{problem[0]}`: {problem[1]}. "
                    "Express the manual part as a scheduler (a LinearLR warm-up in SequentialLR) or derive it "
                    "from `initial_lr`.",
                )
                return

    def _conflict(self, node, anchor, enclosing: List[Loop], value) -> Optional[Tuple[str, str]]:
        """(the scheduler, the problem) when a loop around the write also steps a scheduler."""
        for loop in enclosing:
            if self._over_param_groups(loop):
                continue
            steps = self._steps(loop)
            if not steps:
                continue
            guards = self._guards(node, anchor, loop)
            live = [(site, made) for site, made in steps
                    if not self._gated(site, guards) and not self._wraps(anchor, site)]
            if not live:
                return None
            problem = self._problem(enclosing, guards, live, value)
            if problem is None:
                return None
            receiver = method_call(live[0][0].call)[0]  # type: ignore[index]
            return self.context.code(receiver), problem
        return None

    def _contexts(self, node: cst.CSTNode, depth: int = 0) -> List[Tuple[List[Loop], cst.CSTNode]]:
        """The loops that run the write (`loops.contexts`), where loops over the parameter
        groups alone (a helper's `for g in opt.param_groups: g["lr"] = ...`, or a helper
        called in one) stand for the write: the loops around them, found where their
        function is called. Not in a scheduler's own `step()`: writing the LR is its job."""
        analysis = self.context.analysis
        owner = analysis.index.enclosing_class(node)
        scheduler = owner is not None and analysis.objects.class_kind(owner) == o.SCHEDULER
        found: List[Tuple[List[Loop], cst.CSTNode]] = []
        for enclosing, anchor in analysis.loops.contexts(node):
            if not scheduler and depth < 2 and enclosing and all(self._over_param_groups(loop) for loop in enclosing):
                found += self._contexts(enclosing[-1], depth + 1)
            else:
                found.append((enclosing, anchor))
        return found

    def _over_param_groups(self, loop: cst.CSTNode) -> bool:
        return type(loop) is cst.For and any(
            type(n) is cst.Attribute and n.attr.value == "param_groups" for n in v.walk_expression(loop.iter))

    def _from_records(self, value: cst.CSTNode) -> bool:
        analysis = self.context.analysis
        for source in v.local_sources(analysis.index, analysis.values, value):
            for node in v.walk_expression(source):
                if subscript_key(node) in _SCHEDULER_RECORDS:
                    return True
                if type(node) is cst.Attribute and node.attr.value in _SCHEDULER_RECORDS \
                        and analysis.objects.schedulers(node.value):  # a trainer's own `self.base_lr` is no record
                    return True
        return False

    def _steps(self, loop: Loop) -> List[Tuple[LoopCall, list]]:
        analysis = self.context.analysis
        found = []
        for site in analysis.loops.calls(loop):
            method = method_call(site.call)
            if method is None or method[1] != "step":
                continue
            schedulers = analysis.objects.schedulers(method[0])
            if schedulers:
                found.append((site, schedulers))
        return found

    def _guards(self, node: cst.CSTNode, anchor: cst.CSTNode, loop: Loop) -> List[cst.If]:
        """The `if`s that decide whether the write runs in the loop: in its helper, and
        around the helper's call."""
        index = self.context.analysis.index
        found = index.guards(anchor, loop)
        if anchor is not node:
            found = index.guards(node, index.function_of(node)) + found
        return list(reversed(found))

    def _problem(self, loops: List[Loop], guards: List[cst.If], live, value: cst.CSTNode) -> Optional[str]:
        """Why the write and the scheduler conflict, or None when they do not clearly do."""
        analysis = self.context.analysis
        closed_form = any(not (s.scheduler is not None and (s.scheduler.chainable or s.scheduler.plateau))
                          for _, schedulers in live for s in schedulers)
        if any(site.loops for site, _ in live):  # the scheduler steps in a loop nested under the write
            if closed_form:
                return "the scheduler recomputes the LR from base_lrs at its next step and undoes the write"
            if not guards:
                return "the write resets the LR that the scheduler keeps multiplying, every outer iteration"
            return None
        if guards:
            if closed_form and any(analysis.loops.reads_counter(guard.test, loops) or analysis.loops.advanced(guard.test)
                                   for guard in guards):
                return "the scheduler recomputes the LR from base_lrs at its next step and undoes the write"
            return None
        if analysis.values.constant(value) is not None:  # freezing a group every iteration
            return None
        return "the write overrides the scheduler on every iteration, so the scheduler does nothing"

    def _wraps(self, anchor: cst.CSTNode, site: LoopCall) -> bool:
        """The write is made by a context manager around the scheduler's step (`with
        warmup.dampening(): scheduler.step()`): it hands the scheduler its own values and
        adjusts what it returns, on purpose."""
        index = self.context.analysis.index
        item = index.parent(anchor)
        return type(item) is cst.WithItem and index.contains(index.parent(item).body, site.call)

    def _gated(self, site: LoopCall, guards: List[cst.If]) -> bool:
        """The scheduler step is excluded by the write's condition: in the other branch of the
        same `if`, or under an `if` that reads the same names."""
        if not guards:
            return False
        index = self.context.analysis.index
        names = {n.value for guard in guards for n in index.descendants(guard.test) if type(n) is cst.Name}
        for guard in site.guards:
            if guard in guards:
                if not index.contains(guard.body, site.call):
                    return True
            elif names & {n.value for n in index.descendants(guard.test) if type(n) is cst.Name}:
                return True
        return False
