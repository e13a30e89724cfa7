import libcst as cst

from reviewer.analysis.tree import dotted_name, method_call
from reviewer.rule import Rule


class PlateauStepWithoutMetric(Rule):
    code = "RV205"
    name = "plateau-step-without-metric"
    summary = "`ReduceLROnPlateau.step()` without a metric, or stepped on every batch."
    trigger = r"ReduceLROnPlateau"
    documentation = """
        ## What it does
        Finds `step()` calls on a `ReduceLROnPlateau` scheduler (bound through its
        constructor) that pass no metric, and those that run unconditionally inside the
        batch loop (a loop over a data loader, or an inner loop that calls `backward()`; also
        a comprehension over batches that calls the function holding the step).
        A call without a metric under a test of the scheduler's type (`if isinstance(s,
        ReduceLROnPlateau): ... else: s.step()`) is left alone.

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
        analysis = self.context.analysis
        kinds = analysis.objects.scheduler_kinds(found[0])
        if not kinds or not all(k.plateau and not k.foreign for k in kinds):
            return
        if any(arg.star for arg in node.args):
            return
        receiver = self.context.code(found[0])
        if not node.args:
            if self._type_tested(node):
                return
            self.report(node, f"`{receiver}.step()` is a ReduceLROnPlateau without the metric it monitors "
                              "(a TypeError); pass the validation metric: `step(val_loss)`")
            return
        loops = analysis.loops
        if loops.batch_comprehension(node) or any(
                self._every_pass(node, enclosing[0]) for enclosing, _ in loops.contexts(node)):
            self.report(node, f"`{receiver}.step(...)` runs on every batch: ReduceLROnPlateau's patience then "
                              "counts batches and the LR is cut on batch noise; step it once per epoch with a "
                              "validation metric")

    def _every_pass(self, node: cst.Call, loop: cst.CSTNode) -> bool:
        """`node` runs unconditionally in every pass of `loop`, a loop over batches."""
        loops = self.context.analysis.loops
        located = loops.site(loop, node)
        if located is None:
            return False
        site = located[0][located[1]]
        return not site.conditional and not site.loops and loops.is_batch_loop(loop)

    def _type_tested(self, node: cst.Call) -> bool:
        """Under an `if` that tests which scheduler this is (`isinstance(s, ReduceLROnPlateau)`)."""
        analysis = self.context.analysis
        for ancestor in analysis.index.ancestors(node):
            if type(ancestor) is cst.If:
                for call in analysis.index.of_type(ancestor.test, cst.Call):
                    if dotted_name(call.func) == "isinstance":
                        return True
                if any(type(n) in (cst.Name, cst.Attribute) and "plateau" in analysis.code(n).lower()
                       for n in analysis.index.descendants(ancestor.test)):
                    return True
        return False
