"""How schedulers compose with the training loop: gradient accumulation (RV303) and several
schedulers on one optimizer (RV304).

The helpers here (scheduler bindings, loops and conditions around the visited node) are shared
with `units.py` (RV301, RV302) and `composition_writes.py` (RV305, RV306).
"""

from __future__ import annotations

import re
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst

from reviewer.context import FileContext
from reviewer.matching import (
    block_calls,
    block_statements,
    Construction,
    contains,
    dotted_name,
    enclosing_loops,
    expression_names,
    FileFacts,
    is_accumulation_test,
    is_batch_loop,
    is_optimizer_step,
    iter_statements,
    keyword_arg,
    loop_target_names,
    LoopCall,
    method_call,
    SchedulerKind,
    SCHEDULERS,
    statement_calls,
    statements_calls,
    visible_constructions,
    walk,
)
from reviewer.triggers import SCHEDULER_VOCABULARY
from reviewer.matching import _child_blocks
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity

#: every scheduler binding needs one of these words somewhere in the file (imports included)

EPOCH_WORD = re.compile(r"epoch", re.IGNORECASE)
Loop = Union[cst.For, cst.While]


# --- Scheduler bindings ---------------------------------------------------------------------


def scheduler_constructions(facts: FileFacts, receiver: cst.CSTNode) -> List[Construction]:
    """Every construction bound to `receiver`'s dotted name in the file (none: not a scheduler)."""
    name = dotted_name(receiver)
    if name is None:
        return []
    return list(facts.schedulers.get(name, ()))


def construction_kind(facts: FileFacts, construction: Construction) -> Optional[SchedulerKind]:
    kind = SCHEDULERS.get(construction.qualified)
    if kind is None:
        kind = SCHEDULERS.get(facts.scheduler_factories.get(construction.qualified, ""))
    return kind


def scheduler_step(
    facts: FileFacts, call: cst.CSTNode, context: Optional[FileContext] = None
) -> Optional[Tuple[str, List[Construction]]]:
    """(receiver name, its constructions) for `sched.step(...)` on a bound scheduler, else None.

    With `context` (visiting the call), only the constructions visible there count
    (`visible_constructions`): the same name is often bound to other schedulers elsewhere,
    and a parameter of the same name is bound to none of them.
    """
    found = method_call(call)
    if found is None or found[1] != "step":
        return None
    constructions = scheduler_constructions(facts, found[0])
    if not constructions:
        return None
    if context is not None:
        constructions = visible_constructions(context, found[0], constructions)
        if not constructions:
            return None
    return dotted_name(found[0]) or "", constructions


def is_chainable(kind: SchedulerKind) -> bool:
    """Multiplies the live LR (so two of them compose as a product, as ChainedScheduler does)."""
    return kind.chainable or kind.plateau


def optimizer_argument(call: cst.Call) -> Optional[str]:
    """The dotted name of the optimizer a scheduler construction is given."""
    arg = keyword_arg(call, "optimizer", 0)
    return dotted_name(arg.value) if arg is not None else None


def kinds_of(facts: FileFacts, constructions: Sequence[Construction]) -> List[SchedulerKind]:
    return [kind for kind in (construction_kind(facts, c) for c in constructions) if kind is not None]


# --- Loops and conditions around the node being visited -------------------------------------


def is_named_epoch_loop(loop: cst.CSTNode) -> bool:
    """A loop whose own header says epochs: `for epoch in ...`, `for i in range(args.epochs)`,
    `for i in tqdm(range(num_epochs))`, `while epoch < max_epochs`. Stricter than `is_epoch_loop`:
    a stage or fold loop around a batch loop does not count, nor does a progress-bar label
    (`tqdm(loader, desc=f"epoch {epoch}")`)."""
    if isinstance(loop, cst.For):
        if any(EPOCH_WORD.search(name) for name in loop_target_names(loop)):
            return True
        counted = _range_arguments(loop.iter)
        return any(EPOCH_WORD.search(name) for arg in counted for name in expression_names(arg))
    if isinstance(loop, cst.While):
        return any(EPOCH_WORD.search(name) for name in expression_names(loop.test))
    return False


def _range_arguments(node: cst.CSTNode) -> List[cst.CSTNode]:
    """The positional arguments of `range(...)`/`trange(...)`, looking through `enumerate`/`tqdm`."""
    while isinstance(node, cst.Call):
        callee = (dotted_name(node.func) or "").rsplit(".", 1)[-1]
        positional = [arg.value for arg in node.args if arg.keyword is None and not arg.star]
        if callee in ("range", "trange"):
            return positional
        if callee not in ("enumerate", "tqdm", "reversed", "list") or not positional:
            return []
        node = positional[0]
    return []


_LOADER_NAME = re.compile(r"loader|(?:^|_)dl$", re.IGNORECASE)


def is_training_batch_loop(loop: cst.CSTNode, facts: FileFacts, outer_loops: Sequence[cst.CSTNode] = ()) -> bool:
    """`is_batch_loop`, made stricter: the loop also trains (calls `backward()` or an optimizer's
    `step()` in its own body) or its iterable names a loader (`enumerate(train_loader)`), so that
    `for batch_size in sizes:` or `for fold in kfold.split(dataset):` do not count."""
    if not is_batch_loop(loop, facts, outer_loops):
        return False
    if isinstance(loop, cst.For) and any(_LOADER_NAME.search(n.rsplit(".", 1)[-1]) for n in expression_names(loop.iter)):
        return True
    for site in block_calls(loop, into_loops=False):
        found = method_call(site.call)
        if found is not None and (found[1] == "backward" or is_optimizer_step(site.call, facts)):
            return True
    return False


def ifs_inside(context: FileContext, loop: cst.CSTNode) -> List[cst.If]:
    """The `if` statements between `loop` and the node being visited, outermost first."""
    stack = context.stack
    start = next(i for i, node in enumerate(stack) if node is loop)
    return [node for node in stack[start + 1:-1] if isinstance(node, cst.If)]


def in_loop_body(context: FileContext, loop: Loop) -> bool:
    """The node being visited is in the loop's body (not its header, not its `else`)."""
    stack = context.stack
    start = next(i for i, node in enumerate(stack) if node is loop)
    return start + 1 < len(stack) and stack[start + 1] is loop.body


def mentions(test: cst.CSTNode, names: Set[str]) -> bool:
    """The expression reads one of `names` (or an attribute of one)."""
    for name in expression_names(test):
        if name in names or name.split(".")[0] in names:
            return True
    return False


def prepared_names(module: cst.Module) -> Set[str]:
    """Names passed to an `X.prepare(...)` call (accelerate wraps such schedulers so that they
    only advance when gradients are synchronised)."""
    names: Set[str] = set()
    for statement in iter_statements(module.body):
        for call in statement_calls(statement):
            found = method_call(call)
            if found is not None and found[1] == "prepare":
                names.update(filter(None, (dotted_name(arg.value) for arg in call.args)))
    return names


# --- RV303 ------------------------------------------------------------------------------------


def _steps_optimizer(call: cst.Call, facts: FileFacts) -> bool:
    """An optimizer step inside an accumulation guard. The guard already says what it is, so an
    unbound `optimizer.step()` or `scaler.step(opt)` counts too (the scheduler itself stays bound)."""
    if is_optimizer_step(call, facts):
        return True
    found = method_call(call)
    if found is None or found[1] != "step" or scheduler_constructions(facts, found[0]):
        return False
    words = [dotted_name(found[0]) or ""] + [dotted_name(arg.value) or "" for arg in call.args[:1]]
    return any("optim" in word.lower() for word in words)


def _counts_microbatches(node: cst.CSTNode) -> bool:
    """The construction multiplies its horizon by the accumulation factor
    (`num_training_steps=max_steps * gradient_accumulation_steps`): stepping every micro-batch is meant."""
    return any(
        isinstance(each, cst.BinaryOperation)
        and isinstance(each.operator, cst.Multiply)
        and (is_accumulation_test(each.left) or is_accumulation_test(each.right))
        for each in walk(node)
    )


class SchedulerStepEveryMicrobatch(Rule):
    code = "RV303"
    name = "scheduler-step-every-microbatch"
    summary = "Under gradient accumulation the optimizer steps every N micro-batches, but the scheduler steps on every one."
    severity = Severity.ERROR
    fix_applicability = Applicability.UNSAFE
    trigger = SCHEDULER_VOCABULARY
    documentation = """
        ## What it does
        In a loop that accumulates gradients (the optimizer step sits under an `if` on
        `% accum_steps`, `(i + 1) % grad_accum_steps == 0`, `accelerator.sync_gradients`...),
        reports a scheduler `step()` in the same loop body but outside that `if`.

        A scheduler passed through `accelerator.prepare(...)` is exempt: accelerate only
        advances it when gradients are synchronised. So is one whose horizon is multiplied by
        the accumulation factor (`num_training_steps=max_steps * grad_accum`): it is meant to
        count micro-batches.

        ## Why it matters
        The schedule is counted in optimizer updates (`total_steps`, warm-up steps), but it
        advances once per micro-batch: with 4 accumulation steps it runs 4 times too fast,
        finishes its warm-up and decay in a quarter of the run and then sits at its floor
        (OneCycleLR raises "Tried to step N times") (huggingface/accelerate PR #999,
        h2oai/h2o-llmstudio #663).

        ## Example
        ```python
        for i, (x, y) in enumerate(loader):
            loss = criterion(model(x), y) / accum_steps
            loss.backward()
            if (i + 1) % accum_steps == 0:
                optimizer.step()
                optimizer.zero_grad()
            scheduler.step()
        ```

        ## Fixed
        ```python
        for i, (x, y) in enumerate(loader):
            loss = criterion(model(x), y) / accum_steps
            loss.backward()
            if (i + 1) % accum_steps == 0:
                optimizer.step()
                optimizer.zero_grad()
                scheduler.step()
        ```

        ## Fix safety
        Unsafe: moving the step changes the schedule (that is the point). It is offered only
        when the scheduler step and the accumulation `if` are statements of the same block.
    """

    def visit_If(self, node: cst.If) -> None:
        # Only loops that hold an accumulation `if` are analysed, each once.
        if not is_accumulation_test(node.test) or not self.context.facts.schedulers:
            return
        loops = enclosing_loops(self.context)
        if not loops:
            return
        checked: Set[int] = self.__dict__.setdefault("_checked", set())
        if id(loops[0]) not in checked:
            checked.add(id(loops[0]))
            self._check(loops[0])

    def _check(self, loop: Loop) -> None:
        facts = self.context.facts
        sites = block_calls(loop, into_loops=False)
        guards: List[cst.If] = []
        for site in sites:
            if _steps_optimizer(site.call, facts):
                guards.extend(g for g in site.guards if is_accumulation_test(g.test) and g not in guards)
        if not guards:
            return
        targets = set(loop_target_names(loop))
        prepared: Optional[Set[str]] = None
        for site in sites:
            step = scheduler_step(facts, site.call, self.context)
            if step is None or site.call.args:
                continue
            name, constructions = step
            kinds = kinds_of(facts, constructions)
            if not kinds or any(k.plateau or k.foreign for k in kinds):
                continue
            if any(is_accumulation_test(g.test) or mentions(g.test, targets) for g in site.guards):
                continue
            if any(_counts_microbatches(c.call) for c in constructions):
                continue
            if prepared is None:
                prepared = prepared_names(self.context.module)
            if name in prepared:
                continue
            self.report(
                site.call,
                f"`{name}.step()` runs on every micro-batch while the optimizer steps only under the "
                "gradient-accumulation `if`: the schedule advances accum_steps times too fast. Step it "
                "inside that `if`, after the optimizer.",
                fix=self._fix(loop, site, sites, facts),
            )

    def _fix(self, loop: Loop, site: LoopCall, sites: List[LoopCall], facts: FileFacts) -> Optional[Fix]:
        statement = site.statement
        if site.path or not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
            return None
        small = statement.body[0]
        if not isinstance(small, cst.Expr) or small.value is not site.call:
            return None
        body = block_statements(loop)
        for other in sites:
            guard = other.statement
            if (
                isinstance(guard, cst.If)
                and guard in body
                and _steps_optimizer(other.call, facts)
                and is_accumulation_test(guard.test)
                and isinstance(guard.body, cst.IndentedBlock)
                and contains(guard.body, other.call)
            ):
                moved = guard.with_changes(body=guard.body.with_changes(body=[*guard.body.body, statement]))
                return Fix(
                    Applicability.UNSAFE,
                    "Move the scheduler step inside the accumulation `if`",
                    [Replacement(statement, cst.RemoveFromParent()), Replacement(guard, moved)],
                )
        return None


# --- RV304 ------------------------------------------------------------------------------------


def _assigned_names(statement: cst.CSTNode, value: cst.CSTNode) -> List[str]:
    """Dotted targets of the assignment in `statement` whose value is `value`."""
    names: List[str] = []
    for line in iter_statements([statement]):
        smalls = line.body if isinstance(line, cst.SimpleStatementLine) else [line]
        for small in smalls:
            if isinstance(small, cst.Assign) and small.value is value:
                names.extend(filter(None, (dotted_name(t.target) for t in small.targets)))
            elif isinstance(small, cst.AnnAssign) and small.value is value:
                names.extend(filter(None, [dotted_name(small.target)]))
    return names


def _scopes(module: cst.Module) -> Iterator[Tuple[Optional[cst.ClassDef], cst.CSTNode]]:
    """(None, module), then (enclosing class or None, function) for every function in the file."""
    yield None, module
    yield from _defs_in(module.body, None)


def _defs_in(body: Sequence[cst.CSTNode], owner: Optional[cst.ClassDef]) -> Iterator[Tuple[Optional[cst.ClassDef], cst.CSTNode]]:
    for statement in body:
        if isinstance(statement, cst.ClassDef):
            yield from _defs_in(block_statements(statement), statement)
        elif isinstance(statement, cst.FunctionDef):
            yield owner, statement
            yield from _defs_in(block_statements(statement), owner)
        elif isinstance(statement, cst.BaseCompoundStatement):
            yield from _defs_in(_child_blocks(statement), owner)


def _scope_calls(scope: cst.CSTNode) -> List[LoopCall]:
    if isinstance(scope, cst.Module):
        return statements_calls([s for s in scope.body if not isinstance(s, (cst.FunctionDef, cst.ClassDef))])
    return block_calls(scope)


def _plain_step(site: LoopCall, name: str) -> bool:
    """A scheduler step that runs every time its loop iterates: no `if` around it except a
    check on the scheduler itself (`if sched is not None:`)."""
    for guard in site.guards:
        if any(n != name and not n.startswith(name + ".") for n in expression_names(guard.test)):
            return False
    return True


class MultipleSchedulersOneOptimizer(Rule):
    code = "RV304"
    name = "multiple-schedulers-one-optimizer"
    summary = "Two schedulers drive the same optimizer and both are stepped, without SequentialLR/ChainedScheduler."
    severity = Severity.ERROR
    trigger = SCHEDULER_VOCABULARY
    documentation = """
        ## What it does
        Reports a second scheduler built on the same optimizer as another one in the same
        function (or the same class, for `self.` attributes) when both are stepped
        unconditionally and at least one of them recomputes the LR from `base_lrs`
        (LambdaLR and the transformers `get_*_schedule_with_warmup` factories, OneCycleLR,
        CyclicLR, CosineAnnealingWarmRestarts...), and neither is composed with
        `SequentialLR` or `ChainedScheduler`.

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
        facts = self.context.facts
        if sum(len(constructions) for constructions in facts.schedulers.values()) < 2:
            return
        composed = self._composed(node, facts)
        scopes = list(_scopes(node))
        calls: Dict[int, List[LoopCall]] = {id(scope): _scope_calls(scope) for _, scope in scopes}
        for owner, scope in scopes:
            found = []  # (name, construction call, kind, optimizer)
            for site in calls[id(scope)]:
                if site.conditional or site.guards:
                    continue
                qualified = facts.resolve(site.call.func)
                kind = SCHEDULERS.get(qualified or "")
                if kind is None and qualified in facts.scheduler_factories:
                    kind = SCHEDULERS.get(facts.scheduler_factories[qualified or ""])
                if kind is None or kind.composite or kind.foreign:
                    continue
                optimizer = optimizer_argument(site.call)
                for name in _assigned_names(site.statement, site.call):
                    if optimizer is not None and name not in composed and optimizer != name:
                        found.append((name, site.call, kind, optimizer))
            if len(found) < 2:
                continue
            related = [scope] if owner is None else [s for o, s in scopes if o is owner]
            reported: Set[str] = set()
            for i, (name, call, kind, optimizer) in enumerate(found):
                for other, _, other_kind, other_optimizer in found[:i]:
                    if other == name or other_optimizer != optimizer or name in reported:
                        continue
                    if is_chainable(kind) and is_chainable(other_kind):
                        continue
                    if not (self._stepped(name, scope, related, calls) and self._stepped(other, scope, related, calls)):
                        continue
                    reported.add(name)
                    closed = other_kind if not is_chainable(other_kind) else kind
                    self.report(
                        call,
                        f"`{name}` and `{other}` both schedule `{optimizer}` and both are stepped: "
                        f"{closed.name} recomputes the LR from base_lrs and overwrites the other's writes. "
                        "Compose them with SequentialLR or ChainedScheduler, or step them in exclusive phases.",
                    )

    @staticmethod
    def _stepped(name: str, scope: cst.CSTNode, related: List[cst.CSTNode], calls: Dict[int, List[LoopCall]]) -> bool:
        scopes = related if name.startswith("self.") else [scope]
        for each in scopes:
            for site in calls[id(each)]:
                found = method_call(site.call)
                if found and found[1] == "step" and dotted_name(found[0]) == name and _plain_step(site, name):
                    return True
        return False

    @staticmethod
    def _composed(module: cst.Module, facts: FileFacts) -> Set[str]:
        """Names handed to SequentialLR/ChainedScheduler (or any composite) anywhere in the file."""
        names: Set[str] = set()
        for construction in (c for cs in facts.schedulers.values() for c in cs):
            kind = construction_kind(facts, construction)
            if kind is not None and kind.composite:
                names.update(expression_names(construction.call))
        return names
