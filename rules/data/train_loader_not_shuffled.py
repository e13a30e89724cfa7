from typing import Optional

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.tree import argument, backward_operand, dotted_name, iterated
from reviewer.fixes import inserted_after
from reviewer.rule import Applicability, Fix, Replacement, Rule
from reviewer.triggers import Check, all_of, loader_and_backward

class TrainLoaderNotShuffled(Rule):
    code = "RV702"
    name = "train-loader-not-shuffled"
    summary = "The DataLoader the training loop iterates does not shuffle: every epoch sees the same batch order."
    fix_applicability = Applicability.UNSAFE
    trigger = all_of("DataLoader", "backward")
    structure = Check(loader_and_backward)
    documentation = """
        ## What it does
        Finds a `DataLoader` built with `shuffle=False` or no `shuffle` (or a helper's
        `shuffle=shuffle` that every call in the file leaves False; reported without a fix:
        the helper's other loaders would shuffle too), and no `sampler` or `batch_sampler` (or
        torch's `SequentialSampler` as its sampler, which shows the dataset map-style;
        reported without a fix), over a dataset shown to be map-style (a torch or torchvision
        dataset class, a class of the file that extends `Dataset` or defines `__getitem__`
        and `__len__`, or one another file of the project defines on `Dataset`; a helper's
        parameter or a config entry, what every call passes or the entry holds; for a dataset
        of a class the file does not show, the file takes `len()` of the loader or the
        dataset, reads an item of the dataset, or writes `shuffle=False` out with automatic
        batching on (copied from an evaluation loader: an iterable dataset needs neither, and
        one that yields whole batches asks `batch_size=None`): an iterable dataset has no items
        and seldom a length; and the training loop runs in an epoch loop: one pass may be over
        data shuffled once), when a loop that trains iterates it: a pass of the loop over its
        batches calls `backward()` or steps an optimizer (also in the functions of the file
        it calls).

        Names are evidence in one place, where no file can say more: a class imported from
        outside torch that no file of the project defines (a library's, or one of a module
        the run was not given) is taken as map-style when its name ends in `Dataset` and says
        nothing of streaming (`Iterable`, `Stream`, `Shard`, `Web`, `Chain`, `Pipe`). Without
        a project (no `pyproject.toml` and no `.git` above the file) other files are unknown,
        not absent, and the name is not read.

        ## Why it matters
        Without shuffling, every epoch presents the same batches in the same order. Data
        stored sorted or grouped (by class, length, source) gives each batch one class and
        the optimizer a biased gradient from batch to batch; even shuffled-once data stops
        being re-mixed, which hurts generalisation. The loader's default is
        `shuffle=False`, so forgetting it is silent (PyTorch's data tutorial: "reshuffle
        the data at every epoch to reduce model overfitting").

        ## Example
        ```python
        loader = DataLoader(train_set, batch_size=64)
        for x, y in loader:
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
        ```

        ## Fixed
        ```python
        loader = DataLoader(train_set, batch_size=64, shuffle=True)
        ```

        ## Fix safety
        Unsafe: the batch order changes (that is the fix), and with it every result that
        depends on it; for a dataset the file does not show, check that it is map-style (the
        DataLoader refuses `shuffle=True` for an iterable one).

        ## What it leaves alone
        Iterable datasets (streams, `IterableDataset`: they shuffle themselves or cannot),
        datasets the file does not show, never measures and does not load with
        `shuffle=False` written out (built elsewhere, or of a class a file of the project
        defines without torch's `Dataset` base: they may be iterable), datasets of random samples (a `TensorDataset` of `torch.randn(...)`
        inputs, torchvision's `FakeData`: a benchmark's noise has no order to keep), loaders
        with any other sampler, `shuffle` set from a variable, loaders
        used only for evaluation, and test files (`test_*.py`, `*_test.py`, `conftest.py`,
        files under `tests/`): a test fixes its data's order on purpose, and it is no run.
    """

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.in_tests:
            return
        analysis = self.context.analysis
        made = analysis.objects.built_by(node)
        if made is None or made.kind != o.LOADER or any(arg.star for arg in node.args):
            return
        shuffle = argument(node, "shuffle", 2)
        written_false = shuffle is not None and dotted_name(shuffle.value) == "False"
        # `shuffle=shuffle` of a helper: False wherever the file builds a loader through it
        given = v.constants_given(analysis, shuffle.value) if shuffle is not None else [False]
        if not given or any(value is not False for value in given):
            return
        sampler = argument(node, "sampler", 3)
        sequential = sampler is not None and self._sequential(sampler.value)
        if sampler is not None and not sequential or argument(node, "batch_sampler", 4) is not None:
            return
        dataset = argument(node, "dataset", 0)
        # a SequentialSampler reads the dataset by index: it shows a map-style dataset
        shown = sequential or analysis.objects.map_style_dataset(dataset.value) if dataset is not None else False
        # `shuffle=False` written out, with automatic batching on: copied from an evaluation loader
        # (an iterable dataset needs neither; one that yields whole batches asks `batch_size=None`)
        batch_size = argument(node, "batch_size", 1)
        copied = written_false and not (batch_size is not None and dotted_name(batch_size.value) == "None")
        if dataset is None or not (shown or copied or analysis.objects.measured(dataset.value, node)) \
                or analysis.objects.random_dataset(dataset.value):
            return
        # a dataset the file does not show may be pre-shuffled for a single pass: only epochs repeat an order
        if not self._trained_on(node, repeated=not shown):
            return
        if sequential:
            self.report(node, f"`{self.context.code(dataset.value)}` feeds the training loop through a "
                              "`SequentialSampler`: every epoch sees the same batches in the same order. Use a "
                              "`RandomSampler` (or `shuffle=True` without a sampler).")
            return
        self.report(
            node,
            f"`{self.context.code(dataset.value)}` feeds the training loop through this DataLoader without "
            "shuffling: every epoch sees the same batches in the same order (sorted or grouped data gives "
            "batches of one kind). Pass `shuffle=True`.",
            fix=self._fix(node, shuffle) if shuffle is None or written_false else None,
        )

    def _sequential(self, sampler: cst.CSTNode) -> bool:
        """Every origin of the sampler is a `SequentialSampler(...)` construction."""
        origins = self.context.analysis.values.origins(sampler)
        return bool(origins) and all(
            origin.kind == v.CALL and (origin.qualified or "").rsplit(".", 1)[-1] == "SequentialSampler"
            and (origin.qualified or "").startswith("torch.utils.data") for origin in origins)

    def _trained_on(self, loader: cst.Call, repeated: bool) -> bool:
        """A loop over the loader's batches trains in its passes (and, if `repeated`, runs in
        a loop itself: epochs)."""
        analysis = self.context.analysis
        for loop in analysis.index.all(cst.For):
            iterable = iterated(loop.iter)
            if not any(x is not None and x.construction is loader for x in analysis.objects.of(iterable)):
                continue
            if any(backward_operand(site.call) is not None
                   or analysis.loops.optimizer_stepped(site.call, by_protocol=True) is not None
                   for site in analysis.loops.calls(loop)) and (not repeated or analysis.loops.contexts(loop)):
                return True
        return False

    def _fix(self, call: cst.Call, shuffle: Optional[cst.Arg]) -> Fix:
        if shuffle is not None:
            replacement = Replacement(shuffle.value, cst.Name("True"))
        else:
            new = cst.Arg(cst.Name("True"), keyword=cst.Name("shuffle"),
                          equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))
            replacement = Replacement(call, call.with_changes(args=inserted_after(call.args, call.args[-1], new)))
        return Fix(Applicability.UNSAFE, "Shuffle the training data: `shuffle=True`", [replacement])
