import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis.tree import argument
from reviewer.analysis.units import EPOCHS
from reviewer.rule import Rule
from reviewer.triggers import Check, all_of, scheduler_code


class WarmupEpochsAsSteps(Rule):
    code = "RV309"
    name = "warmup-epochs-as-steps"
    summary = "A warm-up length counted in epochs is given to a schedule that counts steps, or the reverse."
    trigger = all_of("warmup", "schedul")
    structure = Check(scheduler_code)
    documentation = """
        ## What it does
        Finds a schedule built with both a warm-up length and a horizon
        (`get_linear_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps)`
        and the other warm-up factories of transformers and diffusers) where the two count
        different units: the horizon counts iterations (`epochs * len(loader)`, a setting
        that bounds the batch loop) and the warm-up counts epochs (a setting that bounds the
        epoch loop, or, where the file shows nothing, one named like `warmup_epochs`), or
        the reverse. Units come from `reviewer.analysis.units`: what the file does with a
        value first, names only where it shows nothing.

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
        if made is None or made.kind != o.SCHEDULER or made.scheduler is None or made.scheduler.warmup is None:
            return
        warmup = argument(node, made.scheduler.warmup, made.scheduler.warmup_position)
        horizon = analysis.units.horizon(made)
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
