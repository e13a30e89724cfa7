import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis.tree import method_call
from reviewer.rule import Rule, Severity

_IDIOM = (
    "scale_before = {s}.get_scale(); {s}.update(); "
    "if {s}.get_scale() >= scale_before: {k}.step()"
)


class AmpSkippedStepAdvancesScheduler(Rule):
    code = "RV503"
    name = "amp-skipped-step-advances-scheduler"
    summary = "The scheduler steps even when GradScaler skipped the optimizer step."
    severity = Severity.INFO
    trigger = r"GradScaler"
    documentation = """
        ## What it does
        Finds `scaler.step(optimizer)` (the scaler bound to `torch.amp.GradScaler` or
        `torch.cuda.amp.GradScaler`) followed, in the same loop iteration, by a scheduler's
        `step()` (the scheduler bound by its constructor) that runs whenever the scaler step
        does.

        ## Why it matters
        When the scaled gradients contain inf or NaN, `scaler.step(optimizer)` skips the
        optimizer step and `scaler.update()` lowers the scale. The scheduler still advances,
        so the schedule runs ahead of the real number of updates; PyTorch then warns that
        `lr_scheduler.step()` was called before `optimizer.step()` (pytorch/pytorch #44511,
        #67590). It is usually a handful of steps at the start of training, hence info level.

        ## Example
        ```python
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        scheduler.step()
        ```

        ## Fixed
        ```python
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scale_before = scaler.get_scale()
        scaler.update()
        if scaler.get_scale() >= scale_before:
            scheduler.step()
        ```

        ## Fix safety
        No automatic fix; the idiom above is given in the message.
    """

    def visit_Call(self, node: cst.Call) -> None:
        found = method_call(node)
        if found is None or found[1] != "step":
            return
        analysis = self.context.analysis
        scaler = found[0]
        if not analysis.objects.is_a(scaler, o.SCALER):
            return
        for enclosing, _ in analysis.loops.contexts(node):
            located = analysis.loops.site(enclosing[0], node)
            if located is not None:
                self._check(node, scaler, *located)

    def _check(self, node: cst.Call, scaler: cst.CSTNode, calls, position: int) -> None:
        analysis = self.context.analysis
        site = calls[position]
        allowed = set(map(id, site.path))
        for later in calls[position + 1:]:
            step = method_call(later.call)
            if step is None or step[1] != "step":
                continue
            kinds = analysis.objects.scheduler_kinds(step[0])
            if not kinds or any(k.plateau for k in kinds):
                continue
            if later.conditional and not site.conditional:
                continue
            if any(id(p) not in allowed and type(p) not in (cst.With, cst.Try) for p in later.path):
                continue
            s = self.context.code(scaler)
            k = self.context.code(step[0])
            self.report(
                later.call,
                f"`{k}.step()` runs even when `{self.context.code(node)}` skipped the optimizer step "
                "(inf/NaN gradients), so the schedule advances without an update. To step it only when "
                f"the optimizer stepped: `{_IDIOM.format(s=s, k=k)}`.",
            )
