from typing import Optional, Tuple

import libcst as cst

from reviewer.analysis.tree import argument, dotted_name, method_call
from reviewer.vocabulary import SchedulerKind
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity
from reviewer.triggers import Check, SCHEDULER_VOCABULARY, all_of, scheduler_step_code


class SchedulerStepEpochArgument(Rule):
    code = "RV202"
    name = "scheduler-step-epoch-argument"
    summary = "`scheduler.step(epoch)` uses the deprecated epoch argument of a PyTorch scheduler."
    severity = Severity.WARNING
    fix_applicability = Applicability.UNSAFE
    changes_schedule = True
    trigger = all_of(SCHEDULER_VOCABULARY, r"step\b")
    structure = Check(scheduler_step_code)
    documentation = """
        ## What it does
        Finds `scheduler.step(epoch)` (or `step(epoch=...)`) on PyTorch schedulers for which
        the argument is deprecated: every scheduler built by a `torch.optim.lr_scheduler`
        constructor or a Transformers/Diffusers schedule factory, and every instance of a
        class of the file that extends one and does not override `step` or hands the
        argument on to it (`super().step(epoch)`, as the GradualWarmupScheduler copies do;
        no fix is offered there, since the class's own `step` decides what `None` means),
        and the second argument of `ReduceLROnPlateau.step(metric, epoch)` (deprecated too;
        no fix is offered: the value may be read back from `last_epoch`). Not
        `CosineAnnealingWarmRestarts` (whose fractional epoch argument is documented), the
        composite `SequentialLR`/`ChainedScheduler`, and libraries with their own
        `step(epoch)` API such as timm's schedulers.

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
        Unsafe, and offered only when the argument is the loop variable, the call runs once
        per iteration of that loop, after the iteration's training and as the scheduler's
        only step there: `step()` counts from the scheduler's own `last_epoch`, so the LR
        sequence can shift by one epoch compared with `step(epoch)` (for example when the
        loop starts at 0, or when resuming).
    """

    def visit_Call(self, node: cst.Call) -> None:
        found = method_call(node)
        if found is None or found[1] != "step" or not node.args:
            return
        analysis = self.context.analysis
        kinds = analysis.objects.scheduler_kinds(found[0])
        subclass = self._passed_on(found[0]) if kinds is None else None
        kinds = [subclass[0]] if subclass is not None else kinds
        if kinds and all(k.plateau for k in kinds):
            self._plateau(node, found[0])
            return
        if not kinds or any(k.epoch_step_ok or k.plateau or k.foreign or k.composite for k in kinds):
            return
        arg = argument(node, subclass[1] if subclass is not None else "epoch", 0)
        if arg is None or (type(arg.value) is cst.Name and arg.value.value == "None"):
            return
        receiver = self.context.code(found[0])
        fix = None
        if subclass is None and len(node.args) == 1 and type(arg.value) is cst.Name \
                and self._once_per_iteration(node, arg.value, found[0]):
            fix = Fix(Applicability.UNSAFE, "Drop the epoch argument", [Replacement(node, node.with_changes(args=()))])
        self.report(
            node,
            f"`{receiver}.step({self.context.code(arg.value)})`: the epoch argument of "
            f"`{kinds[-1].name}.step()` is deprecated and switches to the closed-form schedule; call `step()` once "
            "per epoch",
            fix=fix,
        )

    def _plateau(self, node: cst.Call, receiver: cst.CSTNode) -> None:
        """`plateau.step(metric, epoch)`: the epoch comes second; it only sets `last_epoch`."""
        arg = argument(node, "epoch", 1)
        if arg is None or (type(arg.value) is cst.Name and arg.value.value == "None"):
            return
        self.report(
            node,
            f"`{self.context.code(receiver)}.step(..., {self.context.code(arg.value)})`: the epoch argument of "
            "`ReduceLROnPlateau.step()` is deprecated (it only overwrites `last_epoch`); pass the metric alone",
        )

    def _passed_on(self, receiver: cst.CSTNode) -> Optional[Tuple[SchedulerKind, str]]:
        """For an instance of a class of this file that extends a library scheduler and does
        not override `step`, or whose `step` hands its first argument to the base's
        (`super().step(epoch)`): the base's kind and that argument's name."""
        analysis = self.context.analysis
        found = analysis.objects.of(receiver)
        if len(found) != 1 or found[0] is None or found[0].model is None:
            return None
        kind = analysis.objects.base_scheduler(found[0].model)
        step = analysis.index.method_of(found[0].model, "step")
        if kind is None:
            return None
        if step is None:
            return kind, "epoch"
        names = [p.name.value for p in step.params.params[1:]]
        handed = names and any(
            (m := method_call(call)) is not None and m[1] == "step" and type(m[0]) is cst.Call
            and dotted_name(m[0].func) == "super" and call.args and dotted_name(call.args[0].value) == names[0]
            for call in analysis.index.of_type(step, cst.Call))
        return (kind, names[0]) if handed else None

    def _once_per_iteration(self, call: cst.Call, variable: cst.Name, receiver: cst.CSTNode) -> bool:
        loops = self.context.analysis.loops
        enclosing = loops.enclosing(call)  # the fix needs the loop's own variable: no helpers
        if not enclosing:
            return False
        loop = enclosing[0]
        located = loops.site(loop, call)
        if located is None:
            return False
        sites, position = located
        site = sites[position]
        if site.conditional or site.loops or variable.value not in loops.target_names(loop):
            return False
        steps = [s for s in sites if (m := method_call(s.call)) is not None and m[1] == "step"
                 and loops.same_object(m[0], receiver)]
        if len(steps) != 1:
            return False
        # only after the iteration's training: `step()` at the top of the loop would skip a value
        schedulers = self.context.analysis.objects.schedulers(receiver) or []
        optimizer = self.context.analysis.objects.optimizer_of(schedulers[-1]) if schedulers else None
        return any(loops.trains(s.call, optimizer) for s in sites[:position]) and not any(
            loops.trains(s.call, optimizer) for s in sites[position + 1:]
        )
