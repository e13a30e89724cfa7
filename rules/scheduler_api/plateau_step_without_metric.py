import libcst as cst

from reviewer.analysis import values as v
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
        constructor) that pass no metric (also on a scheduler that is one only in some
        branches of the code that builds it, `get_scheduler(opt)` by a policy setting, when no
        `if` around the call may steer clear of it), and those that run unconditionally inside the
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
        plateau = [k.plateau and not k.foreign for k in analysis.objects.scheduler_kinds(found[0]) or ()]
        if not plateau or not any(plateau) or any(arg.star for arg in node.args):
            return
        receiver = self.context.code(found[0])
        if not node.args:
            # one kind of several (a factory's branches): only a step that no test may steer clear of it
            if self._type_tested(node) or not all(plateau) and (self._under_a_test(node) or not self._one_object(found[0])):
                return
            what = "is a ReduceLROnPlateau" if all(plateau) else "may be a ReduceLROnPlateau (one of the schedulers built for it)"
            self.report(node, f"`{receiver}.step()` {what} without the metric it monitors "
                              "(a TypeError); pass the validation metric: `step(val_loss)`")
            return
        loops = analysis.loops
        if not all(plateau):
            return
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

    def _one_object(self, receiver: cst.CSTNode, depth: int = 2) -> bool:
        """The receiver is a name bound to one value (a parameter: where every call passes such
        a name): its kinds are the branches that build one object, not several objects the
        name holds in turn (`for s in plateaus: ...`, then `for s in decays: s.step()`)."""
        analysis = self.context.analysis
        bindings = analysis.index.bindings(receiver) if type(receiver) is cst.Name and analysis.index.knows(receiver) else []
        if not bindings or len({analysis.code(b.value) if b.value is not None else None for b in bindings}) != 1:
            return False
        passed = v.parameter_arguments(analysis, bindings[0]) if depth else []
        return bindings[0].kind != "param" or bool(passed) and all(
            p is not None and self._one_object(p, depth - 1) for p in passed)

    def _under_a_test(self, node: cst.Call) -> bool:
        """An `if` around the call in its function decides whether it runs."""
        index = self.context.analysis.index
        return bool(index.guards(node, index.function_of(node) or self.context.analysis.module))

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
