import libcst as cst

from reviewer.analysis.tree import method_call
from reviewer.rule import Rule
from reviewer.triggers import Check, SCHEDULER_VOCABULARY, all_of, scheduler_step_code


class SchedulerStepBeforeOptimizer(Rule):
    code = "RV201"
    name = "scheduler-step-before-optimizer"
    summary = "A scheduler is stepped before the optimizer in the same iteration, so the schedule's first value is skipped."
    trigger = all_of(SCHEDULER_VOCABULARY, r"step\b")
    structure = Check(scheduler_step_code)
    documentation = """
        ## What it does
        Finds `scheduler.step()` that runs, in one iteration of a loop, before the step of
        the optimizer that scheduler drives: earlier in the same loop body, or at the top of
        the epoch loop before the inner batch loop (or a function of the file that the loop
        calls) steps the optimizer. The scheduler is recognised by its constructor
        (`torch.optim.lr_scheduler.*`, the Transformers schedule factories...), through
        locals, attributes, factories of the file and `accelerator.prepare`; the optimizer
        is the one passed to that constructor. `ReduceLROnPlateau` is exempt, and so is a
        scheduler step under a condition (`if epoch > 0:`).

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
        analysis = self.context.analysis
        schedulers = analysis.objects.schedulers(found[0])
        if not schedulers or any(s.scheduler is None or s.scheduler.plateau or s.scheduler.foreign for s in schedulers):
            return
        optimizer = analysis.objects.optimizer_of(schedulers[-1])
        for loops, _ in analysis.loops.contexts(node):
            located = analysis.loops.site(loops[0], node)
            if located is None:
                continue
            sites, position = located
            site = sites[position]
            if site.conditional or site.loops:
                continue
            # the helper calls that lead to this step hold it: they are not steps before it
            earlier = [s for s in sites[:position] if s.call not in site.via]
            if any(analysis.loops.steps_optimizer(s.call, optimizer) for s in earlier):
                continue
            for later in sites[position + 1:]:
                where = analysis.loops.steps_optimizer(later.call, optimizer)
                if where:
                    receiver = self.context.code(found[0])
                    self.report(
                        node,
                        f"`{receiver}.step()` runs before {where} in the same iteration: the schedule's first "
                        "value is skipped (PyTorch warns about it); step the scheduler after the optimizer",
                    )
                    return
