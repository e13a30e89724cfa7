from typing import Optional

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.fixes import comments_dropped, evaluates_quietly, remove_argument
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity
from reviewer.triggers import SCHEDULER_VOCABULARY, all_of, any_of


class DeprecatedSchedulerVerbose(Rule):
    code = "RV204"
    name = "deprecated-scheduler-verbose"
    summary = "`verbose=` passed to a PyTorch scheduler: deprecated since PyTorch 2.2, an error once removed."
    severity = Severity.WARNING
    fix_applicability = Applicability.SAFE
    changes_schedule = False  # the fix only removes a keyword that prints
    # `verbose=`, or a positional one: a name holding "verbose" or a literal closing the call.
    trigger = all_of(SCHEDULER_VOCABULARY, any_of(r"verbose\b", r"(?:True|False)\s*,?\s*\)"))
    documentation = """
        ## What it does
        Finds the `verbose=` keyword argument in calls to `torch.optim.lr_scheduler`
        constructors (through any import or alias), and `verbose` passed by position: an
        argument after every parameter that current releases keep (`StepLR(opt, 30, 0.1,
        -1, True)`), which those releases reject.

        ## Why it matters
        PyTorch 2.2 deprecated the parameter ("The verbose parameter is deprecated") and
        later releases removed it, where passing it raises a TypeError; scripts that pass it
        break on upgrade (kohya-ss/sd-scripts #601). Log `scheduler.get_last_lr()` instead.

        ## Example
        ```python
        scheduler = ReduceLROnPlateau(optimizer, mode="min", patience=3, verbose=True)
        ```

        ## Fixed
        ```python
        scheduler = ReduceLROnPlateau(optimizer, mode="min", patience=3)
        ```

        ## Fix safety
        Safe: the keyword only printed a message on every step (on the releases that still
        accept it); the schedule is the same without it. The call stays well-formed (commas,
        trailing commas, multi-line calls and comments on other arguments are kept). Where
        a comment belongs to the `verbose=` argument (on its line, or on the lines just
        above it), removing the argument removes the comment too: that fix is unsafe. So is
        removing a value other than a literal or a bound name (`verbose=log_level()`,
        `verbose=args.verbose`): it would no longer be computed, and a call or a property
        may do something.
    """

    def visit_Call(self, node: cst.Call) -> None:
        made = self.context.analysis.objects.built_by(node)
        if made is None or made.kind != o.SCHEDULER or made.scheduler is None or not made.scheduler.torch:
            return
        for position, arg in enumerate(node.args):
            if arg.keyword is not None and arg.keyword.value == "verbose" or position == self._positional_verbose(node, made):
                fixed = remove_argument(node, position)
                if comments_dropped(node, fixed):
                    fix = Fix(Applicability.UNSAFE, "Remove `verbose=` and the comment on it", [Replacement(node, fixed)])
                elif not evaluates_quietly(self.context.analysis, arg.value):
                    fix = Fix(Applicability.UNSAFE, "Remove `verbose=` (its value is no longer computed)",
                              [Replacement(node, fixed)])
                else:
                    fix = Fix(Applicability.SAFE, "Remove `verbose=`", [Replacement(node, fixed)])
                self.report(
                    arg,
                    f"{'`verbose=`' if arg.keyword else f'`verbose` (argument {position + 1}, passed by position)'} of "
                    f"`{made.scheduler.name}` is deprecated since PyTorch 2.2 and removed in later releases "
                    "(a TypeError there); log `get_last_lr()` instead",
                    fix=fix,
                )
                return

    @staticmethod
    def _positional_verbose(node: cst.Call, made) -> Optional[int]:
        """The index of `verbose` passed by position: the argument after every parameter the
        current releases keep, when no `*args` hides the count."""
        position = made.scheduler.verbose_position
        args = list(node.args)
        if position is None or position >= len(args) or any(arg.star for arg in args[:position + 1]):
            return None
        return position if all(arg.keyword is None for arg in args[:position + 1]) else None
