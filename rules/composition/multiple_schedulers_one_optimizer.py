from typing import Dict, List, Optional

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis.tree import method_call
from reviewer.rule import Rule, Severity
from reviewer.triggers import Check, SCHEDULER_VOCABULARY, scheduler_code


class MultipleSchedulersOneOptimizer(Rule):
    code = "RV304"
    name = "multiple-schedulers-one-optimizer"
    summary = "Two schedulers drive the same optimizer and both are stepped, without SequentialLR/ChainedScheduler."
    severity = Severity.ERROR
    trigger = SCHEDULER_VOCABULARY
    structure = Check(scheduler_code)
    documentation = """
        ## What it does
        Reports a second scheduler built on the same optimizer (the same object, through
        locals and attributes) as another one in the same function (or the same class, for
        attributes) when both are stepped with no condition other than a test of the
        scheduler itself, at least one of them recomputes the LR from `base_lrs` (LambdaLR
        and the Transformers `get_*_schedule_with_warmup` factories, OneCycleLR, CyclicLR,
        CosineAnnealingWarmRestarts...), and neither is given to a `SequentialLR` or
        `ChainedScheduler`.

        Not reported: a warm-up scheduler built only under a condition (torchvision's
        detection reference builds a per-batch LinearLR under `if epoch == 0` next to its
        per-epoch MultiStepLR), schedulers stepped in exclusive branches
        (`if epoch < warmup: ... else: ...`), and two chainable schedulers (their product is
        what `ChainedScheduler` computes).

        ## Why it matters
        Each scheduler writes `group["lr"]`; a closed-form one overwrites whatever the other
        wrote at every step, so the other's decay or warm-up silently disappears, or the two
        fight step after step (pytorch/pytorch #33416, ildoonet/pytorch-gradual-warmup-lr #26).

        ## Example
        ```python
        warmup = LambdaLR(optimizer, lambda it: min(1.0, (it + 1) / 500))
        decay = StepLR(optimizer, step_size=30, gamma=0.1)
        for epoch in range(epochs):
            for x, y in loader:
                train_step(x, y)
                warmup.step()
            decay.step()  # undone by the next warmup.step()
        ```

        ## Fixed
        ```python
        warmup = LinearLR(optimizer, start_factor=0.01, total_iters=5)
        decay = StepLR(optimizer, step_size=30, gamma=0.1)
        scheduler = SequentialLR(optimizer, [warmup, decay], milestones=[5])
        for epoch in range(epochs):
            for x, y in loader:
                train_step(x, y)
            scheduler.step()
        ```

        ## Fix safety
        No automatic fix: the intended combined schedule has to be decided.
    """

    def visit_Module(self, node: cst.Module) -> None:
        analysis = self.context.analysis
        constructions = [(call, made) for call, made in analysis.objects.constructions(o.SCHEDULER)
                         if made.scheduler is not None and not made.scheduler.composite and not made.scheduler.foreign]
        if len(constructions) < 2:
            return
        steps = self._steps()
        composed = analysis.objects.composed()
        groups: Dict[int, List] = {}
        index = analysis.index
        for call, made in constructions:
            if index.twin(index.parent(index.statement_of(call))) is not None:
                continue  # the `else` copy of a construction both branches make
            owner = self._owner(call)
            if owner is None or id(call) in composed or analysis.objects.optimizer_of(made) is None:
                continue
            groups.setdefault(id(owner), []).append((call, made, owner))
        for members in groups.values():
            members.sort(key=lambda member: self._when(member[0]))
            reported = set()
            for position, (call, made, owner) in enumerate(members):
                for other_call, other, _ in members[:position]:
                    if id(call) in reported:
                        continue
                    if not analysis.loops.same_object(analysis.objects.optimizer_of(made), analysis.objects.optimizer_of(other)):
                        continue
                    if _chainable(made) and _chainable(other):
                        continue
                    if not (self._stepped(call, owner, steps) and self._stepped(other_call, owner, steps)):
                        continue
                    reported.add(id(call))
                    closed = other if not _chainable(other) else made
                    self.report(
                        call,
                        f"`{self._name(call)}` and `{self._name(other_call)}` both schedule "
                        f"`{self.context.code(analysis.objects.optimizer_of(made))}` and both are stepped: "
                        f"{closed.scheduler.name} recomputes the LR from base_lrs and overwrites the other's writes. "
                        "Compose them with SequentialLR or ChainedScheduler, or step them in exclusive phases.",
                    )

    def _when(self, call: cst.Call) -> int:
        """Where a construction runs in its owner: its own position, or, in a helper method,
        the position of the helper's call."""
        analysis = self.context.analysis
        index = analysis.index
        function = index.function_of(call)
        if type(function) is cst.FunctionDef and index.class_of_method(function) is not None:
            calls = [c for c in analysis.calls_of(function) if index.function_of(c) is not function]
            if calls:
                return min(index.order(c) for c in calls)
        return index.order(call)

    def _owner(self, call: cst.Call) -> Optional[cst.CSTNode]:
        """Where a construction's scheduler lives: its class (for an attribute), else its
        function; None when it is built under a condition or in a loop."""
        analysis = self.context.analysis
        index = analysis.index
        function = index.function_of(call) or index.module
        if index.conditional(call, function):
            return None
        statement = index.statement_of(call)
        targets = [t.target for t in getattr(statement, "targets", ())]
        for target in targets:
            owner = index.self_attribute(target) if type(target) is cst.Attribute else None
            if owner is not None:
                return owner[0].node
        return function

    def _steps(self) -> Dict[int, List[cst.Call]]:
        """id(construction) -> the `step()` calls on what it built."""
        analysis = self.context.analysis
        found: Dict[int, List[cst.Call]] = {}
        for call in analysis.index.calls_named("step"):
            method = method_call(call)
            if method is None:
                continue
            for made in analysis.objects.of(method[0]):
                if made is not None and made.construction is not None:
                    found.setdefault(id(made.construction), []).append(call)
        return found

    def _stepped(self, construction: cst.Call, owner: cst.CSTNode, steps: Dict[int, List[cst.Call]]) -> bool:
        """Stepped in the owner with no `if` around it but a test of the scheduler itself."""
        analysis = self.context.analysis
        index = analysis.index
        for call in steps.get(id(construction), ()):
            if not index.contains(owner, call):
                continue
            receiver = method_call(call)[0]  # type: ignore[index]
            plain = True
            for ancestor in index.ancestors(call):
                if ancestor is owner:
                    break
                if type(ancestor) is cst.If and index.contains(ancestor.body, call) or (
                    type(ancestor) is cst.If and ancestor.orelse is not None and index.contains(ancestor.orelse, call)
                ):
                    if not self._tests_itself(ancestor.test, receiver):
                        plain = False
                        break
            if plain:
                return True
        return False

    def _tests_itself(self, test: cst.CSTNode, receiver: cst.CSTNode) -> bool:
        """`if sched is not None:` / `if sched:`: the test reads only the scheduler."""
        analysis = self.context.analysis
        reads = [n for n in analysis.index.descendants(test) if type(n) in (cst.Name, cst.Attribute)
                 and analysis.index.parent(n) is not None and type(analysis.index.parent(n)) is not cst.Attribute]
        return all(analysis.loops.same_object(n, receiver) or (type(n) is cst.Name and n.value == "None") for n in reads)

    def _name(self, call: cst.Call) -> str:
        statement = self.context.analysis.index.statement_of(call)
        targets = [t.target for t in getattr(statement, "targets", ())]
        return self.context.code(targets[0]) if targets else self.context.code(call.func)


def _chainable(made) -> bool:
    """Multiplies the live LR (so two of them compose as a product, as ChainedScheduler does)."""
    return made.scheduler.chainable or made.scheduler.plateau
