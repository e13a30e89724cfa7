import builtins
from typing import Optional

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.tree import argument, iterated, method_call
from reviewer.rule import Applicability, Fix, Replacement, Rule
from reviewer.triggers import Check, all_of, sampler_and_loader
from reviewer.vocabulary import CONTAINER_STORES


class SamplerSetEpochMissing(Rule):
    code = "RV701"
    name = "sampler-set-epoch-missing"
    summary = "A shuffling DistributedSampler is iterated epoch after epoch without `set_epoch(epoch)`."
    fix_applicability = Applicability.UNSAFE
    trigger = all_of("DistributedSampler", "DataLoader")
    structure = Check(sampler_and_loader)
    documentation = """
        ## What it does
        Finds a `DistributedSampler` (bound by its constructor, shuffling: `shuffle` not
        given or `True`) that a `DataLoader` uses as its `sampler`, where the loader is
        iterated anew in each pass of a loop (an epoch loop: a loop over the loader in its
        body, or a call handed the loader), and nothing in the file calls `set_epoch`.

        ## Why it matters
        DistributedSampler shuffles with a generator seeded by `seed + epoch`, and the epoch
        only changes through `set_epoch(epoch)`. Without it every epoch visits the data in
        the same order on every rank, which weakens shuffling and can hurt convergence; the
        PyTorch documentation says to call it "at the beginning of each epoch before
        creating the DataLoader iterator" (pytorch/pytorch #31771).

        ## Example
        ```python
        sampler = DistributedSampler(dataset)
        loader = DataLoader(dataset, batch_size=64, sampler=sampler)
        for epoch in range(epochs):
            train_one_epoch(model, loader, optimizer)
        ```

        ## Fixed
        ```python
        sampler = DistributedSampler(dataset)
        loader = DataLoader(dataset, batch_size=64, sampler=sampler)
        for epoch in range(epochs):
            sampler.set_epoch(epoch)
            train_one_epoch(model, loader, optimizer)
        ```

        ## Fix safety
        Unsafe: every epoch after the first then sees a different order (that is the fix).
        Offered when the sampler is held by a name and the epoch loop is a `for` over a
        name; the call goes first in the loop's body.

        ## What it leaves alone
        Samplers built with `shuffle=False` or a shuffle setting the file does not show to be
        True (`shuffle=train` shuffles where every call passes `train=True`), files that call
        `set_epoch` anywhere (on the sampler, `loader.sampler`, or a batch sampler), loaders
        used once or only stored in each pass (`loaders.append(loader)` in a loop that
        builds several: torchdistill's `build_data_loaders`), and loaders whose batches do
        not train: the loop over the loader, or the function of the file handed it, calls no
        `backward()`, steps no optimizer and hands none over (an evaluation each epoch, or
        over several tasks: its order does not matter).
    """

    def visit_Module(self, node: cst.Module) -> None:
        if "set_epoch" in self.context.source:
            return
        analysis = self.context.analysis
        for sampler_call, _ in analysis.objects.constructions(o.SAMPLER):
            shuffle = argument(sampler_call, "shuffle", 3)
            given = v.constants_given(analysis, shuffle.value) if shuffle is not None else [True]
            if not given or any(value is not True for value in given):
                continue  # `shuffle=train`: every call in the file must pass True
            for loader_call, _ in analysis.objects.constructions(o.LOADER):
                chosen = argument(loader_call, "sampler", 2)
                if chosen is None or not (chosen.value is sampler_call or self._holds(chosen.value, sampler_call)):
                    continue
                epoch = self._epoch_loop_over(loader_call)
                if epoch is not None:
                    self.report(
                        sampler_call,
                        "This DistributedSampler shuffles with `seed + epoch`, but nothing calls `set_epoch`: "
                        "every epoch visits the data in the same order. Call `sampler.set_epoch(epoch)` at the "
                        "start of each epoch.",
                        fix=self._fix(sampler_call, epoch),
                    )
                    break

    def _holds(self, expression: cst.CSTNode, construction: cst.Call) -> bool:
        return any(x is not None and x.construction is construction
                   for x in self.context.analysis.objects.of(expression))

    def _epoch_loop_over(self, loader_call: cst.Call) -> Optional[cst.CSTNode]:
        """A loop each pass of which iterates the loader anew: a loop over it in its body or
        in a function of the file the body calls (`self.train_epoch(epoch)` over
        `self.loader`), or a call of a function that is handed it (not a builtin:
        `len(loader)`)."""
        analysis = self.context.analysis
        index = analysis.index
        for loop in index.all(cst.For) + index.all(cst.While):
            if type(loop) is cst.For and (self._holds(iterated(loop.iter), loader_call) or self._each_pass(loop, loader_call)):
                continue  # the loop over the loader itself, or over loaders (one each pass: no epochs)
            if self._trains_over(loop.body, loader_call):
                return loop
            for site in analysis.loops.calls(loop, into_loops=False):
                callee = analysis.callee(site.call)
                if not site.via and self._handed(site.call, loader_call):
                    if type(callee) is not cst.FunctionDef or self._trains(callee, loader_call):
                        return loop
                elif type(callee) is cst.FunctionDef and self._trains_over(callee.body, loader_call):
                    return loop
        return None

    def _each_pass(self, loop: cst.For, loader_call: cst.Call) -> bool:
        """The loop's variable holds the loader (`for loader in loaders:`)."""
        index = self.context.analysis.index
        return type(loop.target) is cst.Name and any(
            self._holds(n, loader_call) for n in index.names_valued(loop.target.value, within=loop.body)
            if not index.is_store(n))

    def _trains_over(self, body: cst.CSTNode, loader_call: cst.Call) -> bool:
        """`body` holds a loop over the loader whose passes train."""
        return any(self._holds(iterated(inner.iter), loader_call) and self._trains(inner, loader_call)
                   for inner in self.context.analysis.index.of_type(body, cst.For, into_scopes=False))

    def _handed(self, call: cst.Call, loader_call: cst.Call) -> bool:
        """A call (not a builtin's, nor a container's that keeps it, `loaders.append(loader)`,
        nor the `tqdm(loader)` of `for b in tqdm(loader):`) is handed the loader."""
        func = call.func
        found = method_call(call)
        if type(func) is cst.Name and hasattr(builtins, func.value) or found is not None and found[1] in CONTAINER_STORES:
            return False
        parent = self.context.analysis.index.parent(call)
        if type(parent) is cst.For and parent.iter is call:
            return False
        return any(self._holds(arg.value, loader_call) for arg in call.args)

    def _trains(self, owner: cst.CSTNode, loader_call: cst.Call) -> bool:
        """What goes through the loader trains: a pass of the loop over it, or the function
        handed it, calls `backward()`, steps an optimizer or hands one over (also in the
        functions of this file it calls), or hands the loader on to code that is not in this
        file and may train (`_may_train`). The order of an evaluation's batches does not matter."""
        analysis = self.context.analysis
        loops = analysis.loops
        for site in loops.calls(owner):
            found = method_call(site.call)
            if (found is not None and found[1] == "backward") or loops.trains(site.call, None):
                return True
            if analysis.callee(site.call) is None and self._handed(site.call, loader_call) and self._may_train(site.call):
                return True
        return False

    def _may_train(self, call: cst.Call) -> bool:
        """A call of code outside the file that may train on what it is given: handed it in
        its positional arguments (`train_one_epoch(model, loader, optimizer)`), or beside a
        model or an optimizer (`fit(model=m, loader=l)`), not only by keyword as a holder
        (`SimpleNamespace(loader=loader)`) is."""
        objects = self.context.analysis.objects
        return any(arg.keyword is None and not arg.star for arg in call.args) or any(
            objects.is_a(arg.value, o.MODEL) or objects.is_a(arg.value, o.OPTIMIZER) for arg in call.args)

    def _fix(self, sampler_call: cst.Call, loop: cst.CSTNode) -> Optional[Fix]:
        index = self.context.analysis.index
        statement = index.statement_of(sampler_call)
        if type(statement) is not cst.Assign or statement.value is not sampler_call or len(statement.targets) != 1:
            return None
        sampler = statement.targets[0].target
        if type(sampler) is not cst.Name or type(loop) is not cst.For or type(loop.target) is not cst.Name:
            return None
        if type(loop.body) is not cst.IndentedBlock:
            return None
        call = cst.SimpleStatementLine([cst.Expr(cst.parse_expression(f"{sampler.value}.set_epoch({loop.target.value})"))])
        body = loop.body.with_changes(body=[call, *loop.body.body])
        return Fix(Applicability.UNSAFE, f"Call `{sampler.value}.set_epoch({loop.target.value})` first in each epoch",
                   [Replacement(loop.body, body)])
