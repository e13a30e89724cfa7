import libcst as cst

from reviewer.analysis.units import EPOCHS
from reviewer.rule import Rule, Severity
from reviewer.triggers import Check, SCHEDULER_VOCABULARY, scheduler_code


class EpochSchedulerSteppedPerBatch(Rule):
    code = "RV301"
    name = "epoch-scheduler-stepped-per-batch"
    summary = "A scheduler whose horizon is counted in epochs is stepped in the batch loop."
    severity = Severity.WARNING
    trigger = SCHEDULER_VOCABULARY
    structure = Check(scheduler_code)
    documentation = """
        ## What it does
        Reports `scheduler.step()` inside a batch loop (a loop over a DataLoader, or an inner
        loop that calls `backward()` or steps the optimizer; or a training step that a
        comprehension over batches runs, `[self.step(x) for x in loader]`) when the scheduler's horizon
        argument counts epochs (`CosineAnnealingLR(optimizer, T_max=args.epochs)`).

        A horizon counts epochs when the file bounds its epoch loop with it
        (`for epoch in range(args.epochs)`), and iterations when it is `len(loader)` of a
        DataLoader, a product with one, or bounds a loop over batches; where the file shows
        neither, names decide (`epochs`, `max_epoch` count epochs; `total_steps`, `*_iters`,
        `steps_per_epoch` count iterations). Names like `lr_steps`, `T_max` say nothing; a
        horizon whose value the file gives (a literal, a setting's default, a config entry;
        the largest of milestones like `[80, 120]`) counts epochs when it is no more than the
        known count of every epoch loop (`epochs = 160`): in iterations the schedule would end
        within the first epoch or so. A step under an `if` on the
        batch index (`if i == len(loader) - 1:`) runs once per epoch and is not reported.

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
        analysis = self.context.analysis
        horizon = analysis.units.stepped_horizon(node)
        if horizon is None or horizon[0] != EPOCHS:
            return
        loops = analysis.loops
        # stepped in a loop over batches, or in the element of a comprehension over them
        if not loops.batch_comprehension(node) and not any(
                self._per_batch(node, enclosing, anchor) for enclosing, anchor in loops.contexts(node)):
            return
        self.report(
            node,
            f"`{self.context.code(node.func.value)}` is stepped once per batch, but its horizon "
            f"`{self.context.code(horizon[1])}` counts epochs: the schedule runs len(loader) times too fast. "
            "Step it once per epoch, or give the horizon in iterations (epochs * len(loader)).",
        )

    def _per_batch(self, node: cst.Call, enclosing, anchor: cst.CSTNode) -> bool:
        """The step runs on every pass of a training loop over batches."""
        loops = self.context.analysis.loops
        loop = enclosing[0]
        if not loops.is_batch_loop(loop) or not loops.in_body(anchor, loop):
            return False
        if not (loops.trains_directly(loop) or loops.calls_method(loop, "backward", into_loops=False)
                or self._over_loader(loop)):
            return False
        located = loops.site(loop, node)
        if located is None:
            return False
        site = located[0][located[1]]
        for guard in site.guards:
            if loops.is_accumulation_test(guard.test, loop):
                continue
            if loops.reads_counter(guard.test, enclosing) or self._epoch_test(guard.test):
                return False
        return True

    def _over_loader(self, loop) -> bool:
        return type(loop) is cst.For and self.context.analysis.loops.holds_loader(loop.iter)

    def _epoch_test(self, test: cst.CSTNode) -> bool:
        """A test on an epoch-counting value or `len(...)`: runs once per epoch, or so."""
        analysis = self.context.analysis
        for node in analysis.index.descendants(test):
            if type(node) is cst.Name and node.value == "len":
                return True
            if type(node) in (cst.Name, cst.Attribute) and analysis.index.knows(node) and analysis.units.of(node) == EPOCHS:
                return True
        return False
