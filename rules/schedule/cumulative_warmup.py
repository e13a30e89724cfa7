import libcst as cst

from reviewer.fixes import snapshot_fix
from reviewer.rule import Applicability, Fix, Rule, Severity
from reviewer.triggers import LR_STATE, Check, lr_state


class CumulativeWarmup(Rule):
    code = "RV103"
    name = "cumulative-warmup"
    summary = "A warm-up multiplies the current LR by a step-dependent factor, so the factors compound."
    severity = Severity.ERROR
    fix_applicability = Applicability.UNSAFE
    changes_schedule = True
    trigger = LR_STATE
    structure = Check(lr_state)
    documentation = """
        ## What it does
        Finds warm-ups that multiply the *current* learning rate by a factor that depends on
        the step counter: `group["lr"] *= step / warmup_steps`,
        `group["lr"] = group["lr"] * warmup_factor`, `self.base_lr = self.base_lr * rate`, and
        a local the loop writes to the param groups, multiplied by its own value of the pass
        before (`cur_lr = cur_lr * factor`; not after `cur_lr = base_lr` in the same pass).
        An update is a warm-up when its factor is a counter over a length (`t / W`, through
        locals and helper functions), or when it runs under a test of a counter against a
        length (`if t < W:`); where neither shows, when a name says warm-up.

        Not reported: the restore-then-dampen pattern (the LR set from a snapshot, or by a
        library scheduler's `step()`, earlier in the same step, or stored LRs written back
        by another method of the class), constant factors in a milestone condition, and
        interpolations from `initial_lr` (YOLOv5's `np.interp`).

        ## Why it matters
        The factors multiply together: with `rate = t / W` the LR after W steps is
        `W! / W**W` of the base instead of the base, and a zero first factor pins the LR at
        zero for the rest of training.

        ## Example
        ```python
        for it, batch in enumerate(loader):
            if it < warmup_iters:
                for group in optimizer.param_groups:
                    group["lr"] = group["lr"] * (it + 1) / warmup_iters
        ```

        ## Fixed
        ```python
        for it, batch in enumerate(loader):
            if it < warmup_iters:
                for group in optimizer.param_groups:
                    group["lr"] = group.setdefault("initial_lr", group["lr"]) * (it + 1) / warmup_iters
        ```

        ## Fix safety
        Unsafe: the warm-up changes (to the intended one). The factor multiplies the snapshot
        of the initial LR, `group.setdefault("initial_lr", group["lr"])`: the `initial_lr`
        that torch schedulers store, or else the LR recorded on the first call. In a class,
        the stored base is kept and every compounding update stores its result in
        `last_lr`, as `cumulative-lr-decay`'s fix does.
    """

    def visit_Assign(self, node: cst.Assign) -> None:
        self._check(node)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._check(node)

    def _check(self, node) -> None:
        analysis = self.context.analysis
        update = analysis.updates.compounding.get(id(node))
        if update is None or not update.warmup:
            return
        found = snapshot_fix(analysis, update, "the warmed-up LR")
        target = self.context.code(update.target)
        self.report(
            node,
            f"the warm-up multiplies the current `{target}` by a step-dependent factor on every "
            "step: the factors compound (and a zero first factor pins the LR at 0); multiply the "
            "initial LR instead",
            fix=Fix(Applicability.UNSAFE, *found) if found else None,
        )
