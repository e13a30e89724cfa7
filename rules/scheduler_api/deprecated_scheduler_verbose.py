from typing import Optional, Tuple

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.fixes import comments_dropped, evaluates_quietly, remove_argument
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity
from reviewer.triggers import SCHEDULER_VOCABULARY, Check, all_of, any_of, verbose_argument

DEPRECATED = (2, 2)
REMOVED = (2, 7)


class DeprecatedSchedulerVerbose(Rule):
    code = "RV204"
    name = "deprecated-scheduler-verbose"
    summary = "`verbose=` passed to a PyTorch scheduler: deprecated since PyTorch 2.2, an error once removed."
    severity = Severity.WARNING
    fix_applicability = Applicability.SAFE
    changes_schedule = False  # the fix only removes a keyword that prints
    # `verbose=`, or a positional one: a name holding "verbose" or a literal closing the call.
    trigger = all_of(SCHEDULER_VOCABULARY, any_of(r"verbose\b", r"(?:True|False)\s*,?\s*\)"))
    structure = Check(verbose_argument)
    documentation = """
        ## What it does
        Finds the `verbose=` keyword argument in calls to `torch.optim.lr_scheduler`
        constructors (through any import or alias), and `verbose` passed by position: an
        argument after every parameter that current releases keep (`StepLR(opt, 30, 0.1,
        -1, True)`), which those releases reject.

        ## Why it matters
        PyTorch 2.2 deprecated the parameter ("The verbose parameter is deprecated") and
        2.7 removed it (pytorch/pytorch #147301), where passing it raises a TypeError;
        scripts that pass it break on upgrade (kohya-ss/sd-scripts #601). Log
        `scheduler.get_last_lr()` instead.

        ## The PyTorch release
        With `torch-version` set (`[tool.reviewer]`, or `--torch-version`), the finding
        follows the release the code runs on: none before 2.2 (the parameter is valid
        there), a warning from 2.2 to 2.6 (it is deprecated), an error from 2.7 on (the call
        raises). Without it, a warning that says both.

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
        accept it); the schedule is the same without it. From 2.7 on the call raised before
        the fix and runs after it: that is the repair, and the schedule it builds is the one
        the older releases built. The call stays well-formed (commas,
        trailing commas, multi-line calls and comments on other arguments are kept). Where
        a comment belongs to the `verbose=` argument (on its line, or on the lines just
        above it), removing the argument removes the comment too: that fix is unsafe. So is
        removing a value other than a literal or a bound name (`verbose=log_level()`,
        `verbose=args.verbose`): it would no longer be computed, and a call or a property
        may do something.
    """

    def visit_Call(self, node: cst.Call) -> None:
        release = self.context.torch_release
        if release is not None and release < DEPRECATED:
            return
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
                what = "`verbose=`" if arg.keyword else f"`verbose` (argument {position + 1}, passed by position)"
                self.report(arg, f"{what} of `{made.scheduler.name}` {self._consequence(release)}; "
                                 "log `get_last_lr()` instead",
                            fix=fix, severity=Severity.ERROR if release is not None and release >= REMOVED else None)
                return

    @staticmethod
    def _consequence(release: Optional[Tuple[int, int]]) -> str:
        if release is None:
            return "is deprecated since PyTorch 2.2 and removed in later releases (a TypeError there)"
        if release < REMOVED:
            return "is deprecated since PyTorch 2.2 (`torch-version` is %d.%d) and removed in 2.7" % release
        return "raises a TypeError: PyTorch 2.7 removed it (`torch-version` is %d.%d)" % release

    @staticmethod
    def _positional_verbose(node: cst.Call, made) -> Optional[int]:
        """The index of `verbose` passed by position: the argument after every parameter the
        current releases keep, when no `*args` hides the count."""
        position = made.scheduler.verbose_position
        args = list(node.args)
        if position is None or position >= len(args) or any(arg.star for arg in args[:position + 1]):
            return None
        return position if all(arg.keyword is None for arg in args[:position + 1]) else None
