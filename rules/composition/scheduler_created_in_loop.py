import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis.tree import argument
from reviewer.analysis.units import EPOCHS
from reviewer.rule import Rule, Severity
from reviewer.triggers import Check, SCHEDULER_VOCABULARY, scheduler_code


class SchedulerCreatedInLoop(Rule):
    code = "RV306"
    name = "scheduler-created-in-loop"
    summary = "A scheduler is constructed inside the epoch (or batch) loop, so its schedule restarts every iteration."
    severity = Severity.ERROR
    trigger = SCHEDULER_VOCABULARY
    structure = Check(scheduler_code)
    documentation = """
        ## What it does
        Reports `scheduler = SomeLR(optimizer, ...)` inside an epoch loop (a loop that runs a
        batch loop; where the code shows none, a loop whose header names epochs) or a batch
        loop, when the new scheduler is stepped in that loop; also a function of the file
        that returns a new scheduler (`return LambdaLR(...)`), called in such a loop.

        Not reported: construction under a condition on the loop's counters or on the
        scheduler itself (a new phase that starts at `if epoch == warmup_epochs:`, `if
        scheduler is None:`), a construction that passes `last_epoch=`, and loops that also
        build the optimizer (each iteration is a fresh run: folds, sweeps).

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
        analysis = self.context.analysis
        made = analysis.objects.built_by(node)
        if made is None or made.kind != o.SCHEDULER or argument(node, "last_epoch") is not None:
            return
        index = analysis.index
        statement = index.statement_of(node)
        function = index.function_of(node)
        if type(statement) is cst.Return and statement.value is node and type(function) is cst.FunctionDef:
            sites = analysis.calls_of(function)  # `sched = make_sched(opt)`: built wherever it is called
        elif type(statement) in (cst.Assign, cst.AnnAssign) and statement.value is node:
            sites = [node]
        else:
            return
        for site in sites:
            held = index.statement_of(site)
            if type(held) not in (cst.Assign, cst.AnnAssign) or held.value is not site:
                continue
            targets = [t.target for t in held.targets] if type(held) is cst.Assign else [held.target]
            for enclosing, anchor in analysis.loops.contexts(site):
                if self._rebuilt(site, node, made, targets, enclosing, anchor):
                    self.report(
                        node,
                        f"`{self.context.code(targets[0])}` is rebuilt on every iteration of this loop: each new "
                        "scheduler starts from last_epoch=-1, so the schedule restarts instead of progressing. "
                        "Build it once before the loop.",
                    )
                    return

    def _rebuilt(self, node, construction, made, targets, enclosing, anchor) -> bool:
        """`node` (the construction, or the call of the function that returns it) runs on
        every pass of a training loop around it, and the loop steps what it built."""
        analysis = self.context.analysis
        index = analysis.index
        loops = analysis.loops
        for position, loop in enumerate(enclosing):
            if loops.is_epoch_loop(loop) or (loops.is_batch_loop(loop) and loops.trains_directly(loop)):
                break
        else:
            return False
        if not loops.in_body(anchor, loop):
            return False
        for ancestor in [*index.ancestors(node)]:
            if ancestor is loop:
                break
            if type(ancestor) is cst.If and (
                loops.reads_counter(ancestor.test, enclosing[position:])
                or any(loops.same_object(n, t) for t in targets for n in index.descendants(ancestor.test)
                       if type(n) in (cst.Name, cst.Attribute))
                or any(type(n) in (cst.Name, cst.Attribute) and index.knows(n) and analysis.units.of(n) == EPOCHS
                       for n in index.descendants(ancestor.test))
            ):
                return False
        optimizer = analysis.objects.optimizer_of(made)
        # the helper the loop calls, and the function that returns the scheduler
        builders = [index.function_of(node) if anchor is not node else None,
                    index.function_of(construction) if construction is not node else None]
        if optimizer is not None and (self._built_in(optimizer, loop) or any(
                builder is not None and self._built_in(optimizer, builder) for builder in builders)):
            return False
        steps = {id(call) for call in analysis.objects.steps_of(construction)}
        return any(id(site.call) in steps for site in loops.calls(loop))

    def _built_in(self, optimizer: cst.CSTNode, loop: cst.CSTNode) -> bool:
        """The optimizer is (re)built inside the loop (or the helper that the loop calls to
        build the scheduler): each iteration is a fresh run."""
        analysis = self.context.analysis
        for made in analysis.objects.of(optimizer):
            if made is not None and made.construction is not None and analysis.index.contains(loop, made.construction):
                return True
        if type(optimizer) is cst.Name and analysis.index.knows(optimizer):
            return any(b.kind != "param" and analysis.index.contains(loop, b.statement)
                       and type(b.value) not in (cst.Name, cst.Attribute)  # `d = optimizer` is the same one
                       for b in analysis.index.bindings(optimizer))
        return False
