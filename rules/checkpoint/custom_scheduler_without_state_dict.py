from typing import Set

import libcst as cst

from reviewer.analysis.scopes import ClassModel
from reviewer.analysis.tree import dotted_name
from reviewer.rule import Rule, Severity
from reviewer.triggers import LR_STATE, Check, lr_state, all_of

_STATE_METHODS = {"state_dict", "load_state_dict", "__getstate__", "__reduce__", "__reduce_ex__"}


class CustomSchedulerWithoutStateDict(Rule):
    code = "RV402"
    name = "custom-scheduler-without-state-dict"
    summary = "A hand-written scheduler that cannot be checkpointed (no `state_dict`)."
    severity = Severity.WARNING
    trigger = all_of(LR_STATE, r"class\b")
    structure = Check(lr_state)
    documentation = """
        ## What it does
        Finds classes that behave like learning-rate schedulers (a method that runs every
        step writes a param group's `"lr"`, or a scheduler method returns an LR scaled by a
        counter) and keep a counter that such a method writes (`self.x += 1`,
        `self.x = self.x + 1`, or a counter that the code resets by mistake), itself or
        through helper methods it calls, and that the class reads (a counter nothing reads,
        or that only gates a log line and its own update, is no progress to lose), but
        neither the class nor its bases define `state_dict`/`load_state_dict` (or
        `__getstate__`). What is a scheduler and a counter comes from the analysis layer's
        learning-rate facts, not from names.

        Skipped: trainers (a method runs `backward()` or steps an optimizer the class builds,
        or one whose construction the file does not show; an optimizer handed in, as to the
        Noam `ScheduledOptim`, makes a wrapper, not a trainer), classes
        extending anything other than `object` or other classes of the same file (an imported base may provide `state_dict`, `LRScheduler` does), and classes
        whose state a framework's checkpointing saves through decorators marking a saver and
        a loader (SpeechBrain's `@mark_as_saver`/`@mark_as_loader`). Also skipped: a class of
        the module level that a file of the project resumes by stepping an instance again as
        often as the run had: a loop over a `range` whose body only makes calls that pass
        nothing (`next(gen)` aside; a training loop passes its batches on), one of them
        `x.step()` (ijepa's `for _ in range(start_epoch * ipe): scheduler.step()`), where the instance
        is built in that loop's function or returned by a function of the project that
        builds it (`optimizer, scheduler = init_opt(...)`); found through the files'
        imports, like the facts of `schedule-division-by-zero` (`reviewer rule RV104`). And
        a class an instance of which a file of the project saves whole with `torch.save`
        (kospeech's `Checkpoint` saves `{"optimizer": self.optimizer, ...}` where `__init__`
        takes `optimizer: Optimizer`): an instance built there (`x = C(...)`), a parameter
        annotated with the class, or an attribute a method assigns one of them to, saved
        itself or as a value of a dict, list or tuple display. Without a project (no
        `pyproject.toml` or `.git` at the root) neither is seen.

        ## Why it matters
        The counter and any other progress live only in the object. A checkpoint cannot hold
        them, so a resumed run starts the schedule over: the warm-up runs again on trained
        weights and the decay is shifted (Huangdebo/CAWB's scheduler and its many copies).
        `LRScheduler` provides `state_dict()`/`load_state_dict()` for free.

        ## Example
        ```python
        class WarmupScheduler:
            def __init__(self, optimizer, warmup):
                self.optimizer, self.warmup, self.iters = optimizer, warmup, 0

            def step(self):
                self.iters += 1
                for group in self.optimizer.param_groups:
                    group["lr"] = group["initial_lr"] * min(1.0, self.iters / self.warmup)
        ```

        ## Fixed
        ```python
        class WarmupScheduler:
            ...
            def state_dict(self):
                return {k: v for k, v in self.__dict__.items() if k != "optimizer"}

            def load_state_dict(self, state):
                self.__dict__.update(state)
        ```

        ## Fix safety
        No automatic fix; subclassing `LRScheduler` (and implementing `get_lr`) is often the
        better change.
    """

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        analysis = self.context.analysis
        model = analysis.index.classes.get(id(node))
        if model is None or not self._plain(model, set()):
            return
        lr = analysis.lr
        stepping = [m for m in model.methods.values() if lr.per_step(model, m)]
        if not (any(lr.writes_lr(m) for m in stepping) or lr.returns_schedule(model)) or self._trains(model):
            return
        counters = {attr for attr in lr.counters(model) if lr.counter_used(model, attr)}
        if not any(self._counts(model, m, counters, 2) for m in stepping) or analysis.kept_elsewhere(node):
            return
        self.report(
            node.name,
            f"`{node.name.value}` keeps a schedule's progress (counters, `['lr']` writes) but has no "
            "`state_dict()`/`load_state_dict()`, so checkpoints cannot hold it and a resumed run restarts "
            "the schedule. Add both methods, or extend `torch.optim.lr_scheduler.LRScheduler`.",
        )

    def _trains(self, model: ClassModel) -> bool:
        """A trainer, not a scheduler: a method runs `backward()` or steps an optimizer that
        is not shown to be built outside the class (a wrapper around an optimizer it is
        given, the Noam `ScheduledOptim`, is a scheduler, also where the file builds that
        optimizer to hand it over)."""
        loops = self.context.analysis.loops
        return any(loops.calls_method(m, "backward", depth=0) or any(
            (stepped := loops.optimizer_stepped(site.call)) is not None and not self._given(model, stepped)
            for site in loops.calls(m)) for m in model.methods.values())

    def _given(self, model: ClassModel, optimizer: cst.CSTNode) -> bool:
        """Every construction of the optimizer is outside the class: it was handed in."""
        analysis = self.context.analysis
        built = [x.construction for x in analysis.objects.of(optimizer) if x is not None]
        return bool(built) and all(c is not None and not analysis.index.contains(model.node, c) for c in built)

    def _counts(self, model: ClassModel, method: cst.FunctionDef, counters: Set[str], depth: int) -> bool:
        """The method writes a counter of the class, itself or in a method of the class it calls."""
        index = self.context.analysis.index
        if any(w.method is method for attr in counters for w in index.attribute_writes(model, attr)):
            return True
        return depth > 0 and any(
            self._counts(model, callee, counters, depth - 1)
            for name in model.calls.get(method.name.value, ())
            if (callee := index.method_of(model, name)) is not None and callee is not method
        )

    def _plain(self, model: ClassModel, seen: Set[str]) -> bool:
        """No state methods here or in its bases, no framework checkpoint hooks, and every
        base is `object` or a class of this file."""
        index = self.context.analysis.index
        if set(model.methods) & _STATE_METHODS or self._hooked(model):
            return False
        seen.add(model.name)
        for base in model.node.bases:
            if base.keyword is not None:
                if base.keyword.value == "metaclass":
                    continue
                return False
            if dotted_name(base.value) == "object":
                continue
            local = index.local_classes(base.value)
            if len(local) != 1 or local[0].name in seen or not self._plain(local[0], seen):
                return False
        return True

    @staticmethod
    def _hooked(model: ClassModel) -> bool:
        """Methods decorated as a checkpoint saver and loader (a framework saves the state)."""
        names = {(dotted_name(d.decorator if type(d.decorator) is not cst.Call else d.decorator.func) or "").lower()
                 for method in model.methods.values() for d in method.decorators}
        return any("save" in n for n in names) and any("load" in n for n in names)
