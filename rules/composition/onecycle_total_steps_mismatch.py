from typing import Optional, Set

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.tree import argument, dotted_name, iterated, method_call
from reviewer.rule import Applicability, Fix, Replacement, Rule
from reviewer.triggers import all_of


class OneCycleTotalStepsMismatch(Rule):
    code = "RV310"
    name = "onecycle-total-steps-mismatch"
    summary = "A fixed-horizon schedule counts fewer steps per epoch than the loop takes: it raises in the last epoch."
    fix_applicability = Applicability.UNSAFE
    changes_schedule = True
    trigger = all_of("steps_per_epoch", "//")
    documentation = """
        ## What it does
        Finds a schedule with a fixed horizon (`OneCycleLR`) built with
        `steps_per_epoch=len(dataset) // batch_size` when the loader the loop steps it over
        is built from that dataset with that batch size and keeps the last partial batch
        (`drop_last` not set): each epoch then takes `ceil(len(dataset) / batch_size)`
        steps, one more than the schedule counts whenever the division has a remainder
        (the scheduler is stepped in a loop over that loader).

        ## Why it matters
        OneCycleLR raises `ValueError: Tried to step N times. The specified number of total
        steps is M` once the loop steps past `epochs * steps_per_epoch`: a run dies in its
        last epoch, after all the GPU time is spent (the message discussed in
        pytorch/pytorch #38170). With `len(train_loader)` the count is exact.

        ## Example
        ```python
        loader = DataLoader(train_set, batch_size=64, shuffle=True)
        scheduler = OneCycleLR(optimizer, max_lr=0.1, epochs=epochs,
                               steps_per_epoch=len(train_set) // 64)
        ```

        ## Fixed
        ```python
        scheduler = OneCycleLR(optimizer, max_lr=0.1, epochs=epochs,
                               steps_per_epoch=len(loader))
        ```

        ## Fix safety
        Unsafe: the schedule's shape changes slightly (it spans one more step per epoch) as
        well as no longer raising. Offered where the loader is held by a name bound at the
        schedule's construction.

        ## What it leaves alone
        Loaders built with `drop_last=True`, counts taken from the loader, and datasets or
        batch sizes the file does not tie to the loader.
    """

    def visit_Call(self, node: cst.Call) -> None:
        analysis = self.context.analysis
        made = analysis.objects.built_by(node)
        if made is None or made.kind != o.SCHEDULER or made.scheduler is None or not made.scheduler.fixed_horizon:
            return
        per_epoch = argument(node, "steps_per_epoch")
        if per_epoch is None:
            return
        ratio = self._floor_ratio(per_epoch.value)
        if ratio is None:
            return
        dataset, batch = ratio
        for loader_call, _ in analysis.objects.constructions(o.LOADER):
            if not self._same(argument(loader_call, "dataset", 0), dataset) \
                    or not self._same(argument(loader_call, "batch_size", 1), batch):
                continue
            drop = argument(loader_call, "drop_last", 7)
            if drop is not None and not (type(drop.value) is cst.Name and drop.value.value == "False"):
                continue
            if not self._stepped_over(node, loader_call):
                continue
            code = self.context.code
            self.report(
                per_epoch.value,
                f"`{code(per_epoch.value)}` rounds down, but the loader keeps the last partial batch: each epoch "
                f"steps the schedule `ceil(len({code(dataset)}) / {code(batch)})` times, one more whenever the "
                f"division has a remainder, and {made.scheduler.name} raises \"Tried to step N times\" in the last "
                "epoch. Count the loader's batches: `len(loader)`.",
                fix=self._fix(per_epoch, loader_call),
            )
            return

    def _stepped_over(self, scheduler: cst.Call, loader: cst.Call) -> bool:
        """The scheduler's `step()` runs in a loop over the loader's batches."""
        analysis = self.context.analysis
        for call in analysis.index.calls_named("step"):
            found = method_call(call)
            schedulers = analysis.objects.schedulers(found[0]) if found is not None else None
            if not schedulers or not any(x.construction is scheduler for x in schedulers):
                continue
            for loop in (loop for enclosing, _ in analysis.loops.contexts(call) for loop in enclosing):
                iterable = iterated(loop.iter) if type(loop) is cst.For else None
                if iterable is not None and any(x is not None and x.construction is loader
                                                for x in analysis.objects.of(iterable)):
                    return True
        return False

    def _floor_ratio(self, expression: cst.CSTNode) -> Optional[tuple]:
        """(dataset, batch size) of `len(dataset) // batch_size`, also through a local."""
        analysis = self.context.analysis
        for source in v.local_sources(analysis.index, analysis.values, expression):
            if type(source) is cst.BinaryOperation and type(source.operator) is cst.FloorDivide:
                left = source.left
                if type(left) is cst.Call and dotted_name(left.func) == "len" and len(left.args) == 1:
                    return left.args[0].value, source.right
        return None

    def _same(self, arg: Optional[cst.Arg], expression: cst.CSTNode) -> bool:
        """The argument and the expression hold the same value: a name (through locals and
        callers' arguments) or a constant."""
        if arg is None:
            return False
        analysis = self.context.analysis
        if self._names(arg.value) & self._names(expression):
            return True
        constants = {analysis.values.constant(arg.value), analysis.values.constant(expression)}
        return len(constants) == 1 and None not in constants

    def _names(self, expression: cst.CSTNode) -> Set[str]:
        analysis = self.context.analysis
        found = v.names_for(analysis, expression)
        if type(expression) is cst.Name and analysis.index.knows(expression):
            found |= {alias.value for alias in v.aliases(analysis, expression)}
        return found

    def _fix(self, per_epoch: cst.Arg, loader_call: cst.Call) -> Optional[Fix]:
        statement = self.context.analysis.index.statement_of(loader_call)
        if type(statement) is not cst.Assign or statement.value is not loader_call or len(statement.targets) != 1 \
                or type(statement.targets[0].target) is not cst.Name:
            return None
        loader = statement.targets[0].target.value
        return Fix(Applicability.UNSAFE, f"Count the loader's batches: `len({loader})`",
                   [Replacement(per_epoch.value, cst.parse_expression(f"len({loader})"))])
