from typing import List, Optional, Tuple

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis.tree import argument
from reviewer.analysis.units import EPOCHS, ITERATIONS
from reviewer.rule import Rule
from reviewer.triggers import Check, all_of, any_of, scheduler_code

#: a length and the unit it counts
Length = Tuple[cst.CSTNode, Optional[str]]


class WarmupEpochsAsSteps(Rule):
    code = "RV309"
    name = "warmup-epochs-as-steps"
    summary = "A warm-up length counted in epochs is given to a schedule that counts steps, or the reverse."
    trigger = all_of(any_of(r"(?i)warm", "SequentialLR", "LambdaLR"), r"(?i)schedul")
    structure = Check(scheduler_code)
    metamorphic_limits = {
        "rename": "a warm-up length that no loop of the file is bounded by shows its unit only in its name "
                  "(`warmup_epochs`), as the documentation says",
    }
    documentation = """
        ## What it does
        Finds a schedule built with both a warm-up length and a horizon
        (`get_linear_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps)`
        and the other warm-up factories of transformers and diffusers; timm's
        `CosineLRScheduler(t_initial=..., warmup_t=...)`) where the two count
        different units: the horizon counts iterations (`epochs * len(loader)`, a setting
        that bounds the batch loop) and the warm-up counts epochs (a setting that bounds the
        epoch loop, or, where the file shows nothing, one named like `warmup_epochs`), or
        the reverse. Also a LambdaLR function that subtracts or compares an epoch count and
        an iteration count (`warm = cfg.warmup_epochs` beside `total = epochs * len(loader)`
        in `(step - warm) / (total - warm)`), and a SequentialLR whose schedulers' horizons
        and milestones mix the two (`LinearLR(total_iters=WARMUP_EPOCHS)` before milestones
        in iterations), also within one of its schedulers' arguments
        (`CosineAnnealingLR(T_max=total_steps - warmup_epochs)`). Units come from
        `reviewer.analysis.units`: what the file does with a value first, names only where
        it shows nothing.

        ## Why it matters
        The schedule counts both in the same unit, its steps. A warm-up of `5` meant as five
        epochs lasts five optimizer steps, a fraction of the first epoch: the run starts at
        the peak LR with no warm-up at all, which is what the warm-up was there to prevent
        (divergence early in training, large-batch and transformer runs). The reverse makes
        the warm-up `len(loader)` times longer than meant, most of the run.

        ## Example
        ```python
        total = args.epochs * len(train_loader)
        scheduler = get_linear_schedule_with_warmup(optimizer, args.warmup_epochs, total)
        ```

        ## Fixed
        ```python
        total = args.epochs * len(train_loader)
        scheduler = get_linear_schedule_with_warmup(optimizer, args.warmup_epochs * len(train_loader), total)
        ```

        ## Fix safety
        No automatic fix: the number of steps per epoch to multiply by is the loop's, which
        the code may compute elsewhere (accumulation, distributed sampling).

        ## What it leaves alone
        Lengths whose unit the file does not show, a warm-up given as a fraction of the
        horizon (`int(0.1 * total)`: the same unit), and schedules without a horizon.
    """

    def visit_Call(self, node: cst.Call) -> None:
        analysis = self.context.analysis
        made = analysis.objects.built_by(node)
        if made is None or made.kind != o.SCHEDULER or made.scheduler is None:
            return
        if made.scheduler.name in ("LambdaLR", "SequentialLR"):
            lengths = self._in_functions(node) if made.scheduler.name == "LambdaLR" else self._in_children(node)
            found = _mixed(lengths)
            if found is not None:
                (epochs, _), (iterations, _) = found
                code = self.context.code
                self.report(
                    epochs,
                    f"`{code(epochs)}` counts epochs but `{code(iterations)}`, in the same schedule, counts iterations, "
                    "and the schedule counts one unit, its steps: one of the two is `len(loader)` times off (a "
                    "warm-up in epochs stepped per batch ends within the first epoch). Give both in the same unit.",
                )
            return
        self._warmup_and_horizon(node, made)

    def _warmup_and_horizon(self, node: cst.Call, made: o.TorchObject) -> None:
        """A warm-up factory's two lengths (`get_linear_schedule_with_warmup`)."""
        analysis = self.context.analysis
        if made.scheduler is None or made.scheduler.warmup is None:
            return
        kind = made.scheduler
        warmup = argument(node, kind.warmup, kind.warmup_position)
        horizon = analysis.units.horizon(made)
        if kind.foreign and kind.horizon:  # timm's `t_initial` and `warmup_t`: one unit, whichever it is
            length = argument(node, kind.horizon[0], kind.horizon_position)
            unit = analysis.units.of(length.value) if length is not None else None
            horizon = (unit, length.value) if unit is not None else None
        if warmup is None or horizon is None:
            return
        warmup_unit = analysis.units.of(warmup.value)
        if warmup_unit is None or warmup_unit == horizon[0]:
            return
        code = self.context.code
        if warmup_unit == EPOCHS:
            consequence = ("the warm-up ends after that many optimizer steps, a fraction of the first epoch, so the "
                           "run starts at the peak LR")
        else:
            consequence = "the warm-up lasts that many epochs' worth of steps, most of the run"
        self.report(
            warmup.value,
            f"`{code(warmup.value)}` counts {warmup_unit} but the schedule's horizon `{code(horizon[1])}` counts "
            f"{horizon[0]}: {consequence}. Give both in the same unit.",
        )

    def _in_functions(self, node: cst.Call) -> List[Length]:
        """The lengths a LambdaLR function subtracts or compares, pair by pair
        (`(step - warm) / (total - warm)`): the first pair that mixes units decides."""
        analysis = self.context.analysis
        arg = argument(node, "lr_lambda", 1)
        for function in analysis.lr.schedule_functions(arg.value) if arg is not None else ():
            lengths = self._mixed_pair(function)
            if lengths:
                return lengths
        return []

    def _mixed_pair(self, within: cst.CSTNode) -> List[Length]:
        """The first difference or comparison in `within` whose sides mix units."""
        analysis = self.context.analysis
        index = analysis.index
        for pair in index.of_type(within, cst.BinaryOperation) + index.of_type(within, cst.Comparison):
            if type(pair) is cst.BinaryOperation and type(pair.operator) is not cst.Subtract:
                continue
            sides = [pair.left, pair.right] if type(pair) is cst.BinaryOperation else [
                pair.left, *(c.comparator for c in pair.comparisons)]
            lengths = [(side, analysis.units.of(side)) for side in sides]
            if _mixed(lengths) is not None:
                return lengths
        return []

    def _in_children(self, node: cst.Call) -> List[Length]:
        """A SequentialLR's schedulers' horizons and its milestones (a LinearLR warm-up of
        `WARMUP_EPOCHS` before milestones in iterations)."""
        analysis = self.context.analysis
        lengths: List[Length] = []
        children = argument(node, "schedulers", 1)
        if children is not None and type(children.value) in (cst.List, cst.Tuple):
            for element in children.value.elements:
                for child in analysis.objects.of(element.value):
                    horizon = analysis.units.horizon(child) if child is not None else None
                    if horizon is not None:
                        lengths.append((horizon[1], horizon[0]))
                    elif child is not None and child.construction is not None:  # `T_max=total_steps - warm_epochs`
                        lengths += self._mixed_pair(child.construction)
        milestones = argument(node, "milestones", 2)
        if milestones is not None and type(milestones.value) in (cst.List, cst.Tuple):
            lengths += [(e.value, analysis.units.of(e.value)) for e in milestones.value.elements]
        return lengths


def _mixed(lengths: List[Length]) -> Optional[Tuple[Length, Length]]:
    """(the first length counted in epochs, the first counted in iterations) when both occur."""
    epochs = next((x for x in lengths if x[1] == EPOCHS), None)
    iterations = next((x for x in lengths if x[1] == ITERATIONS), None)
    return (epochs, iterations) if epochs is not None and iterations is not None else None
