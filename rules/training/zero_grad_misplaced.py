from typing import Set

import libcst as cst

from reviewer.analysis import values as v
from reviewer.analysis.tree import dotted_name, method_call
from reviewer.rule import Rule, Severity
from reviewer.rules.training.triggers import optimizer_step_loop
from reviewer.triggers import SCHEDULER_VOCABULARY, Check, all_of, any_of


class ZeroGradMisplaced(Rule):
    code = "RV502"
    name = "zero-grad-misplaced"
    summary = "Gradients are never zeroed in the training loop, or are zeroed between `backward()` and `step()`."
    severity = Severity.ERROR
    # every optimizer constructor the analysis knows is in a module named `optim`,
    # `optimizers` or `optimization`, or is a class named here; an optimizer it knows only
    # by its scheduler is handed to a scheduler's constructor
    trigger = all_of(any_of(r"optim(?:izers|ization)?\b", "AdamW", "Adafactor", SCHEDULER_VOCABULARY), "backward")
    structure = Check(optimizer_step_loop)
    documentation = """
        ## What it does
        Looks at the loop that runs an optimizer's `step()` (the optimizer bound by its
        constructor, or a parameter the file hands to a scheduler's constructor as its
        optimizer; directly or through `scaler.step(optimizer)`) and a `backward()`:

        - no gradient zeroing anywhere in that loop: no `zero_grad(...)` of an optimizer or a
          model, `p.grad = None`, `p.grad.zero_()`, `del p.grad`, nor a call of a function of
          the file that does one of these. A `zero_grad` inside the accumulation `if` that
          also holds the step counts. A loop that builds the optimizer afresh (a sweep) is
          left alone;
        - `zero_grad()` of the same optimizer, or of the model whose `parameters()` it was
          built over, after the last `backward()` and before its `step()` in the same
          iteration, on the step's path (also outside a branch that holds the step: the
          step then applies zero gradients).

        ## Why it matters
        `backward()` adds into `.grad`. Without zeroing, every step applies the sum of all
        gradients since the start (or since the loop was entered), so the effective learning
        rate grows with every iteration and training diverges or stalls. Zeroing between the
        backward pass and the step throws the gradients away: the optimizer steps on zeros
        (wenet-e2e/wekws PR #73 fixed one such loop).

        ## Example
        ```python
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        optimizer.zero_grad()
        for x, y in loader:
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
        ```

        ## Fixed
        ```python
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            optimizer.zero_grad(set_to_none=True)
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
        ```

        ## Fix safety
        No automatic fix: where the zeroing belongs depends on the accumulation scheme.
    """

    def __init__(self, context) -> None:
        super().__init__(context)
        self._seen: Set[int] = set()

    def visit_Call(self, node: cst.Call) -> None:
        analysis = self.context.analysis
        loops = analysis.loops
        optimizer = loops.optimizer_stepped(node)
        if optimizer is None:
            return
        for enclosing, _ in loops.contexts(node):
            self._check(node, optimizer, enclosing[0])

    def _check(self, node: cst.Call, optimizer: cst.CSTNode, loop) -> None:
        loops = self.context.analysis.loops
        calls = loops.calls(loop)
        position = next((i for i, site in enumerate(calls) if site.call is node), None)
        if position is None:
            return
        backwards = [i for i, site in enumerate(calls) if _is_backward(site.call)]
        if not backwards:
            return
        zeroings = [i for i, site in enumerate(calls) if self._zeroes(site.call, 1)]
        if not zeroings and not self._grads_cleared(loop) and not self._built_in(loop, optimizer):
            if id(loop) not in self._seen:
                self._seen.add(id(loop))
                self.report(
                    node,
                    f"`{self.context.code(node)}` runs in a loop that calls `backward()` but never zeroes the "
                    "gradients in it: every step applies the sum of all gradients so far. Call "
                    "`optimizer.zero_grad()` once per optimizer step (before the forward pass or right after "
                    "the step).",
                )
            return
        before = [i for i in backwards if i < position]
        if not before:
            return
        site = calls[position]
        for i in zeroings:
            if not before[-1] < i < position:
                continue
            zero = calls[i]
            found = method_call(zero.call)
            # the zeroing runs wherever the step does: on its path, or outside a branch around the step
            if found is None or zero.path != site.path[:len(zero.path)] or not self._zeroes_optimized(found[0], optimizer):
                continue
            self.report(
                zero.call,
                f"`{self.context.code(zero.call)}` runs after `backward()` and before `{self.context.code(node)}`: "
                "the gradients just computed are discarded and the optimizer steps on zeros. Zero the "
                "gradients before the forward pass or after the step.",
            )

    def _zeroes_optimized(self, receiver: cst.CSTNode, optimizer: cst.CSTNode) -> bool:
        """`receiver.zero_grad()` clears what `optimizer` steps: the same optimizer, or a model
        with a source in common with the one whose parameters it was built over."""
        analysis = self.context.analysis
        return analysis.loops.same_object(receiver, optimizer) or bool(
            v.sources(analysis, receiver) & analysis.objects.optimized_sources(optimizer))

    def _zeroes(self, call: cst.Call, depth: int) -> bool:
        """`x.zero_grad(...)`, `p.grad.zero_()`/`detach_()`, or a function of this file that zeroes."""
        found = method_call(call)
        if found is not None:
            receiver, method = found
            if "zero_grad" in method:
                return True
            if method in ("zero_", "detach_") and "grad" in (dotted_name(receiver) or "").split(".")[-2:]:
                return True
        if "zero_grad" in (dotted_name(call.func) or ""):
            return True
        if depth <= 0:
            return False
        function = self.context.analysis.callee(call)
        if type(function) is not cst.FunctionDef:
            return False
        return self._grads_cleared(function) or any(
            self._zeroes(site.call, depth - 1) for site in self.context.analysis.loops.calls(function))

    def _grads_cleared(self, owner: cst.CSTNode) -> bool:
        """`p.grad = None` or `del p.grad` in the body (nested loops too)."""
        index = self.context.analysis.index
        for node in index.descendants(owner):
            if type(node) is cst.Assign and type(node.value) is cst.Name and node.value.value == "None":
                if any(type(t.target) is cst.Attribute and t.target.attr.value == "grad" for t in node.targets):
                    return True
            if type(node) is cst.Del and any(type(n) is cst.Attribute and n.attr.value == "grad"
                                             for n in index.descendants(node.target)):
                return True
        return False

    def _built_in(self, loop: cst.CSTNode, optimizer: cst.CSTNode) -> bool:
        """The optimizer is built afresh in each iteration (a test or sweep loop)."""
        analysis = self.context.analysis
        return any(x is not None and x.construction is not None and analysis.index.contains(loop, x.construction)
                   for x in analysis.objects.of(optimizer))


def _is_backward(call: cst.Call) -> bool:
    found = method_call(call)
    return found is not None and found[1] == "backward"
