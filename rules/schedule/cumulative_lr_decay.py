import libcst as cst

from reviewer.fixes import snapshot_fix
from reviewer.rule import Applicability, Fix, Rule, Severity
from reviewer.triggers import LR_STATE, Check, lr_state


class CumulativeLrDecay(Rule):
    code = "RV102"
    name = "cumulative-lr-decay"
    summary = "The base learning rate is overwritten by its decayed copy on every step, so the decay compounds."
    severity = Severity.ERROR
    fix_applicability = Applicability.UNSAFE
    changes_schedule = True
    trigger = LR_STATE
    structure = Check(lr_state)
    documentation = """
        ## What it does
        Finds a per-step update that multiplies a learning rate by a closed-form schedule
        factor and stores the result back into the same place: `self.base_lr =
        self.base_lr * cosine(t / T)` in a scheduler-like class, `group["lr"] =
        group["lr"] * 0.1 ** (epoch // 30)`, or a settings attribute the function then
        writes to the param groups (`args.lr = args.lr * 0.1 ** (epoch // 30)` before
        `group["lr"] = args.lr`: no fix, its first value has no one place to be kept). The factor is a closed form when it is computed
        from a step counter (an attribute the class advances, `last_epoch`, the step a
        LambdaLR passes, a training loop's index, a parameter every caller passes a counter
        to), through locals, attributes and helper methods; where the file shows no counter,
        a power, cosine or floor division of a parameter counts.

        Chainable updates are left alone: constant factors (`group["lr"] *= gamma`, also
        under `if epoch in milestones`), and ratios of consecutive closed forms (torch's own
        chainable cosine). So are updates after the LR was set afresh in the same step
        (restored from a snapshot, by a library scheduler's `step()`, or by a function of
        the file that writes it) and updates undone later in the step. Warm-up factors are
        `cumulative-warmup`'s.

        Where the file shows nothing else, names are evidence: an attribute named like a
        learning rate (`base_lr`, `lr0`) holds one, and a parameter named like a counter
        (`epoch`, `step`) counts.

        ## Why it matters
        A closed-form factor gives the LR relative to the *base*. Multiplying the already
        decayed value by it again compounds the decay on every call: a cosine over 100 epochs
        from 0.1 ends near 0.098 instead of 0.005, or collapses to zero far too early.

        ## Example
        ```python
        def step(self):
            self.t += 1
            self.base_lr = self.base_lr * 0.5 * (1 + math.cos(math.pi * self.t / self.T))
            for group in self.optimizer.param_groups:
                group["lr"] = self.base_lr
        ```

        ## Fixed
        ```python
        def __init__(self, ...):
            ...
            self.base_lr = base_lr
            self.last_lr = self.base_lr

        def step(self):
            self.t += 1
            self.last_lr = self.base_lr * 0.5 * (1 + math.cos(math.pi * self.t / self.T))
            for group in self.optimizer.param_groups:
                group["lr"] = self.last_lr
        ```

        ## Fix safety
        Unsafe: the schedule changes (to the intended one). In a class, the attribute stays
        the base; every compounding update of it stores its result in `last_lr` (set to the
        base in `__init__`), and every other read of the attribute outside `__init__` reads
        `last_lr`, so the class returns and applies what it did before, now computed from
        the unchanged base. The fix is not offered when another method writes the
        attribute too. For `group["lr"]` the factor multiplies
        `group.setdefault("initial_lr", group["lr"])`: the `initial_lr` torch schedulers
        store, or else the LR recorded on the first call.
    """

    def visit_Assign(self, node: cst.Assign) -> None:
        self._check(node)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._check(node)

    def _check(self, node) -> None:
        analysis = self.context.analysis
        update = analysis.updates.compounding.get(id(node))
        if update is None or update.warmup:
            return
        found = snapshot_fix(analysis, update, "the decayed LR")
        target = self.context.code(update.target)
        self.report(
            node,
            f"`{target}` is multiplied by a schedule factor and stored back on every step: "
            "the decay compounds instead of following the schedule from the base LR",
            fix=Fix(Applicability.UNSAFE, *found) if found else None,
        )
