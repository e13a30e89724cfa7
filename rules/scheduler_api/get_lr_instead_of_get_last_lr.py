import libcst as cst

from reviewer.analysis.tree import method_call
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity

#: scheduler methods that call `get_lr()` by design (torch's protocol)
_PROTOCOL = ("get_lr", "_get_closed_form_lr")


class GetLrInsteadOfGetLastLr(Rule):
    code = "RV203"
    name = "get-lr-instead-of-get-last-lr"
    summary = "`scheduler.get_lr()` recomputes the LR instead of reading it; use `get_last_lr()`."
    fix_applicability = Applicability.SAFE
    changes_schedule = False  # the fix changes the LR read for logging, not the one the optimizer applies
    trigger = r"get_lr\b"
    documentation = """
        ## What it does
        Finds calls to `get_lr()` on a PyTorch scheduler (bound through its constructor),
        outside the scheduler protocol's own `get_lr`/`_get_closed_form_lr` definitions and
        other than `super().get_lr()`.

        ## Why it matters
        `get_lr()` is the scheduler's internal update rule, not a getter: for chainable
        schedulers it computes the next value from the live `group["lr"]`, so at a
        milestone `MultiStepLR.get_lr()` applies gamma once more and the logged LR is wrong
        (pytorch/pytorch #31871; pytorch/tutorials PR #1099). PyTorch warns "To get the
        last learning rate computed by the scheduler, please use `get_last_lr()`". On a
        scheduler whose `get_lr()` is its closed form (LambdaLR and the transformers
        factories that build one, OneCycleLR, CyclicLR, CosineAnnealingWarmRestarts) the
        value is right and only the warning is: reported as a warning, and the message says so.

        ## Example
        ```python
        print(f"epoch {epoch} lr {scheduler.get_lr()[0]:.5f}")
        ```

        ## Fixed
        ```python
        print(f"epoch {epoch} lr {scheduler.get_last_lr()[0]:.5f}")
        ```

        ## Fix safety
        Safe for the program's state: `get_last_lr()` returns the LR the optimizer is using
        and, unlike `get_lr()`, changes nothing; the value read is the one the call site
        means (on chainable schedulers at a milestone it differs from what `get_lr()`
        returned, which was wrong).
    """

    def visit_Call(self, node: cst.Call) -> None:
        found = method_call(node)
        if found is None or found[1] != "get_lr" or node.args:
            return
        analysis = self.context.analysis
        kinds = analysis.objects.scheduler_kinds(found[0])
        if not kinds or any(k.foreign for k in kinds):
            return
        for ancestor in analysis.index.ancestors(node):
            if type(ancestor) is cst.FunctionDef and ancestor.name.value in _PROTOCOL:
                return
        receiver = self.context.code(found[0])
        fix = Fix(Applicability.SAFE, "Use `get_last_lr()`", [Replacement(node.func.attr, cst.Name("get_last_lr"))])
        if all(kind.closed_form for kind in kinds):
            self.report(
                node,
                f"`{receiver}.get_lr()` gives the LR in use here (this scheduler's `get_lr()` is its closed form), but "
                f"it is the scheduler's update rule, and PyTorch warns on every call; read `{receiver}.get_last_lr()`",
                fix=fix, severity=Severity.WARNING,
            )
            return
        why = "re-applies the decay at milestones" if kinds[-1].chainable else "is the scheduler's internal update rule"
        self.report(
            node,
            f"`{receiver}.get_lr()` {why} instead of reading the LR in use (PyTorch warns); "
            f"use `{receiver}.get_last_lr()`",
            fix=fix,
        )
