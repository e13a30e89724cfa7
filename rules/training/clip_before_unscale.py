from typing import List, Optional

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis.loops import LoopCall
from reviewer.analysis.tree import dotted_name, method_call
from reviewer.rule import Applicability, Fix, Replacement, Rule
from reviewer.triggers import all_of

#: the clipping functions that read `.grad` as it is (scaled, under a GradScaler)
CLIPPING = frozenset({
    "torch.nn.utils.clip_grad_norm_", "torch.nn.utils.clip_grad_value_", "torch.nn.utils.clip_grad_norm",
    "torch.nn.utils.clip_grad.clip_grad_norm_", "torch.nn.utils.clip_grad.clip_grad_value_",
})


class ClipBeforeUnscale(Rule):
    code = "RV505"
    name = "clip-before-unscale"
    summary = "Gradients are clipped while GradScaler still scales them: `scaler.unscale_(optimizer)` is missing."
    fix_applicability = Applicability.UNSAFE
    trigger = all_of("clip_grad", r"\.scale\(")
    documentation = """
        ## What it does
        Finds `torch.nn.utils.clip_grad_norm_` (or `clip_grad_value_`) that runs, in one
        pass of a training loop (or, where the file runs none around it, one call of its
        function or of a function calling it: a trainer's step method), after
        `scaler.scale(loss).backward()` and before `scaler.step(optimizer)`, with no
        `scaler.unscale_(optimizer)` before it in that pass (one after the clip comes too
        late, and no fix is offered there). The scaler is bound by its constructor
        (`torch.amp.GradScaler`, `torch.cuda.amp.GradScaler`); where the file does not build
        it (a parameter), the pattern itself is the evidence: `.scale(loss).backward()`,
        `.step(optimizer)` and `.update()` on the same receiver are GradScaler's protocol.
        Functions of the file that the loop calls are followed (two levels).

        ## Why it matters
        Under a GradScaler the gradients are multiplied by the loss scale (65536 at the
        start). Clipping them to `max_norm=1.0` before unscaling clips the scaled norm: the
        real gradients are cut to about 1/65536 of the threshold, so every step is tiny and
        the run barely trains, or the clipping does nothing useful as the scale changes
        (PyTorch's AMP examples, "Working with Unscaled Gradients"; pytorch/examples #1196,
        milesial/Pytorch-UNet #468).

        ## Example
        ```python
        scaler.scale(loss).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        scaler.step(optimizer)
        scaler.update()
        ```

        ## Fixed
        ```python
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        scaler.step(optimizer)
        scaler.update()
        ```

        ## Fix safety
        Unsafe: clipping then acts on the real gradients, which changes every clipped step
        (that is the fix). Offered only when the clipping call is a statement of its own in
        the same block as `scaler.step(optimizer)`, so the inserted `unscale_` runs exactly
        when the step does (a second `unscale_` before `update()` raises).

        ## What it leaves alone
        Clipping that `accelerator.clip_grad_norm_`, DeepSpeed or Lightning performs (they
        unscale first), and any pass that calls `unscale_` on the scaler.
    """

    def visit_Call(self, node: cst.Call) -> None:
        analysis = self.context.analysis
        if analysis.qualified(node.func) not in CLIPPING:
            return
        passes = [enclosing[0] for enclosing, _ in analysis.loops.contexts(node)]
        if not passes:  # a step function the file runs no loop around: it, and the functions calling it
            function = analysis.index.function_of(node)
            passes = [function] + [analysis.index.function_of(c) for c in analysis.calls_of(function)] \
                if type(function) is cst.FunctionDef else []
        for owner in passes:
            calls = analysis.loops.calls(owner) if owner is not None else []
            position = next((i for i, site in enumerate(calls) if site.call is node), None)
            if position is not None and self._check(node, calls, position):
                return

    def _check(self, node: cst.Call, calls: List[LoopCall], position: int) -> bool:
        scaled = [site for site in calls[:position] if self._scaled_backward(site.call) is not None]
        if not scaled:
            return False
        scaler = self._scaled_backward(scaled[-1].call)
        same = [site for site in calls if self._method_on(site.call, scaler)]
        unscales = [i for i, site in enumerate(calls)
                    if self._method_on(site.call, scaler) and method_call(site.call)[1] == "unscale_"]  # type: ignore[index]
        if any(i < position for i in unscales):
            return False
        steps = [site for site in calls[position + 1:] if self._method_on(site.call, scaler)
                 and method_call(site.call)[1] == "step" and site.call.args]  # type: ignore[index]
        if not steps or not self._is_scaler(scaler, same):
            return False
        name = self.context.code(scaler)
        optimizer = self.context.code(steps[0].call.args[0].value)
        self.report(
            node,
            f"`{self.context.code(node.func)}` clips gradients that `{name}` still scales (by the loss scale, "
            f"65536 at first): the threshold applies to the scaled norm, so the real gradients are cut far below it. "
            f"Call `{name}.unscale_({optimizer})` before clipping.",
            fix=None if unscales else self._fix(node, steps[0], name, optimizer),  # a second unscale_ raises
        )
        return True

    def _scaled_backward(self, call: cst.Call) -> Optional[cst.BaseExpression]:
        """The scaler in `scaler.scale(loss).backward()`."""
        found = method_call(call)
        if found is None or found[1] != "backward" or type(found[0]) is not cst.Call:
            return None
        inner = method_call(found[0])
        return inner[0] if inner is not None and inner[1] == "scale" else None

    def _method_on(self, call: cst.Call, scaler: cst.BaseExpression) -> bool:
        found = method_call(call)
        return found is not None and self.context.analysis.loops.same_object(found[0], scaler)

    def _is_scaler(self, scaler: cst.BaseExpression, same: List[LoopCall]) -> bool:
        """Built as a GradScaler, or (built elsewhere) used with GradScaler's protocol."""
        objects = self.context.analysis.objects
        if objects.is_a(scaler, o.SCALER):
            return True
        if objects.kind(scaler) is not None or dotted_name(scaler) is None:
            return False
        return any(method_call(site.call)[1] == "update" for site in same)  # type: ignore[index]

    def _fix(self, clip: cst.Call, step: LoopCall, scaler: str, optimizer: str) -> Optional[Fix]:
        index = self.context.analysis.index
        line = index.parent(index.statement_of(clip))
        if type(line) is not cst.SimpleStatementLine or len(line.body) != 1:
            return None
        step_line = index.parent(index.statement_of(step.call))
        if index.parent(step_line) is not index.parent(line):  # the same block: both run, or neither
            return None
        unscale = cst.SimpleStatementLine(
            body=[cst.Expr(cst.parse_expression(f"{scaler}.unscale_({optimizer})"))], leading_lines=line.leading_lines)
        return Fix(Applicability.UNSAFE, f"Unscale the gradients first: `{scaler}.unscale_({optimizer})`",
                   [Replacement(line, cst.FlattenSentinel([unscale, line.with_changes(leading_lines=())]))])
