import libcst as cst

from reviewer.analysis.tree import method_call
from reviewer.analysis.units import ITERATIONS
from reviewer.rule import Rule, Severity
from reviewer.triggers import Check, SCHEDULER_VOCABULARY, scheduler_code


class IterationSchedulerSteppedPerEpoch(Rule):
    code = "RV302"
    name = "iteration-scheduler-stepped-per-epoch"
    summary = "A scheduler whose horizon is counted in iterations is stepped once per epoch."
    severity = Severity.WARNING
    trigger = SCHEDULER_VOCABULARY
    structure = Check(scheduler_code)
    metamorphic_limits = {
        "rename": "a horizon that no loop of the file is bounded by and that is not built from `len(loader)` "
                  "shows its unit only in its name; so does an epoch loop that hands the optimizer to a function "
                  "from elsewhere",
    }
    documentation = """
        ## What it does
        Reports `scheduler.step()` directly in the epoch loop (a loop that runs a batch loop,
        itself or in a function of the file it calls; where the code shows neither, a loop
        whose header names epochs), outside any batch loop, when the scheduler's horizon
        argument counts iterations (`OneCycleLR(optimizer, max_lr, total_steps=epochs *
        len(loader))`). Units are decided as for `epoch-scheduler-stepped-per-batch`. An
        epoch loop that trains on the full batch itself (`backward()` in its own body, not in
        a comprehension over batches: `[self.step(b) for b in loader]` trains per batch)
        steps once per iteration and is not reported.

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
        analysis = self.context.analysis
        horizon = analysis.units.stepped_horizon(node)
        if horizon is None or horizon[0] != ITERATIONS:
            return
        loops = analysis.loops
        for enclosing, anchor in loops.contexts(node):
            loop = enclosing[0]
            if not loops.is_epoch_loop(loop) or loops.is_batch_loop(loop) or not loops.in_body(anchor, loop):
                continue
            if any((found := method_call(site.call)) is not None and found[1] == "backward"
                   and not loops.through_comprehension(site, loop) for site in loops.calls(loop, into_loops=False)):
                continue  # a full-batch loop: one step per epoch is one per iteration
            located = loops.site(loop, node)
            site = located[0][located[1]] if located is not None else None
            if site is not None and not site.loops and not loops.through_comprehension(site, loop):
                break  # (a step in a comprehension over batches runs once per batch)
        else:
            return
        self.report(
            node,
            f"`{self.context.code(node.func.value)}` is stepped once per epoch, but its horizon "
            f"`{self.context.code(horizon[1])}` counts iterations: the schedule advances len(loader) times "
            "too slowly. Step it in the batch loop, or give the horizon in epochs.",
        )
