import re
from typing import Dict, List, Optional, Tuple

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis.tree import dotted_name
from reviewer.rule import Rule
from reviewer.triggers import Check, SCHEDULER_VOCABULARY, scheduler_code

#: a class's name by PEP 8 (evidence only, for a callee the file does not define)
_CAP_WORDS = re.compile(r"^_?[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$")
#: what reading a scheduler may do without stepping it or handing it on
_READS = frozenset({"get_last_lr", "get_lr", "state_dict", "load_state_dict", "last_epoch", "base_lrs",
                    "optimizer", "print_lr", "_last_lr", "_step_count"})


class SchedulerNeverStepped(Rule):
    code = "RV308"
    name = "scheduler-never-stepped"
    summary = "A scheduler is built and never stepped, nor handed to anything that could step it."
    trigger = SCHEDULER_VOCABULARY
    structure = Check(scheduler_code)
    documentation = """
        ## What it does
        Finds a scheduler built by its constructor (`StepLR(...)`, `OneCycleLR(...)`,
        `get_cosine_schedule_with_warmup(...)`...) and assigned to a local or module-level
        name (or an attribute of `self`, read the same way wherever an attribute of that
        name is read in the file, when the class's methods train), where every read of that
        name only inspects it (`get_last_lr()`,
        `state_dict()`, `load_state_dict(...)`, `last_epoch`): nothing calls its `step()` or
        another method, passes it to a call, stores it elsewhere or wraps it, or returns it
        to a caller that does (every call of the function in the file binds it to a name,
        `opt, sched = build(cfg)`, read the same way); and
        the code around it trains with the scheduler's optimizer (steps it, or hands it to a
        call other than a constructor).

        ## Why it matters
        The learning rate stays at the scheduler's first value for the whole run: no decay,
        no warm-up past its first factor (a LambdaLR warm-up whose first factor is 0 keeps
        the LR at 0). The run trains, just worse, and nothing warns (PyTorch only warns about
        the opposite order).

        ## Example
        ```python
        scheduler = CosineAnnealingLR(optimizer, T_max=epochs)
        for epoch in range(epochs):
            train_one_epoch(model, loader, optimizer)
        ```

        ## Fixed
        ```python
        scheduler = CosineAnnealingLR(optimizer, T_max=epochs)
        for epoch in range(epochs):
            train_one_epoch(model, loader, optimizer)
            scheduler.step()
        ```

        ## Fix safety
        No automatic fix: where to step (per batch or per epoch) depends on the horizon's units.

        ## What it leaves alone
        Schedulers held in an attribute that the file reads other than to inspect it (a
        caller's `trainer.sched.step()`), passed to a trainer, wrapper or
        `accelerator.prepare`, returned by a function the file does not call (its caller may
        step it), or stepped through any
        method (`step_update` of timm's schedulers). Code that hands the
        optimizer only to the construction of an object nothing in the file then runs
        (composer's doctest fixtures: `state = State(optimizers=optimizer)` passed on to
        other constructions, no method called) does not train; a callee the file does not
        define is taken for a class by its CapWords name.
    """

    def visit_Module(self, node: cst.Module) -> None:
        analysis = self.context.analysis
        for call, made in analysis.objects.constructions(o.SCHEDULER):
            target = self._target(call)
            if type(target) is cst.Name:
                kept = analysis.index.enclosing_class(call) if self._kept_in_attribute(target) else None
                found = self._only_inspected(target) and any(
                    self._trains_around(call, made, owner) for owner in
                    [kept and kept.node] + [analysis.index.function_of(n) for n in self._receivers(target)])
            elif target is not None:
                found = self._attribute_only_inspected(target) \
                    and self._trains_around(call, made, analysis.index.enclosing_class(call).node)
            else:  # `return LambdaLR(opt, fn)`: the names every caller binds it to
                received = self._received(call) or []
                found = bool(received) and all(self._only_inspected(n) for n in received) and any(
                    self._trains_around(call, made, analysis.index.function_of(n)) for n in received)
                target = received[0] if found else None
            if found:
                kind = made.scheduler.name if made.scheduler is not None else (made.qualified or "").rsplit(".", 1)[-1]
                name = self.context.code(target)
                self.report(
                    call,
                    f"`{name}` ({kind}) is built but never stepped, and nothing it is handed to could step "
                    "it: the learning rate stays at the schedule's first value for the whole run. Call "
                    f"`{name}.step()` once per epoch or per optimizer step, as its horizon counts.",
                )

    def _trains_around(self, call: cst.Call, made: o.TorchObject, owner: Optional[cst.CSTNode] = None) -> bool:
        """The code that builds the scheduler (the function, or the class of an attribute)
        trains with its optimizer: steps it, or hands it to a call (a scheduler rebuilt to
        test `load_state_dict` is no run)."""
        analysis = self.context.analysis
        optimizer = analysis.objects.optimizer_of(made)
        owner = owner or analysis.index.function_of(call) or analysis.module
        return optimizer is not None and any(
            analysis.loops.trains(c, optimizer) and self._may_run(c) for c in analysis.index.of_type(owner, cst.Call)
            if analysis.objects.built_by(c) is None)  # building another scheduler on it is no training

    def _may_run(self, call: cst.Call, depth: int = 0) -> bool:
        """What the call does may train, unless it builds an object (a class of the file, or
        by its CapWords name) kept in a name that nothing runs: every read of the name only
        hands it to another such construction or name (composer's doctest fixtures build
        `state = State(optimizers=optimizer)`, `engine = Engine(state, logger)`, and call
        nothing)."""
        analysis = self.context.analysis
        callee = analysis.callee(call)
        name = (dotted_name(call.func) or "").rsplit(".", 1)[-1]
        built = type(callee) is cst.ClassDef or callee is None and _CAP_WORDS.match(name) is not None
        return not built or self._held_may_run(call, depth)

    def _held_may_run(self, value: cst.CSTNode, depth: int) -> bool:
        """The name `value` is assigned to is read other than by handing it on to what
        nothing runs (see `_may_run`); True where `value` is not assigned to one name."""
        index = self.context.analysis.index
        statement = index.statement_of(value)
        if depth > 4 or type(statement) is not cst.Assign or statement.value is not value \
                or len(statement.targets) != 1 or type(statement.targets[0].target) is not cst.Name:
            return True
        target = statement.targets[0].target
        scope = next((b.scope for b in index.bindings(target) if b.statement is statement), None)
        if scope is None:
            return True
        for read in self._scope_reads(scope, target.value):
            arg = index.parent(read)
            outer = index.parent(arg) if type(arg) is cst.Arg else None
            if type(outer) is cst.Call:
                if self._may_run(outer, depth + 1):
                    return True
            elif self._held_may_run(read, depth + 1):
                return True
        return False

    def __init__(self, context) -> None:
        super().__init__(context)
        #: (id(scope), name) -> every read of the name there only inspects what it holds
        self._inspected: Dict[Tuple[int, str], bool] = {}

    def _target(self, call: cst.Call) -> Optional[cst.BaseExpression]:
        """The name, or the attribute of `self`, the construction is assigned to."""
        index = self.context.analysis.index
        statement = index.statement_of(call)
        if type(statement) is cst.Assign and statement.value is call and len(statement.targets) == 1:
            target = statement.targets[0].target
        elif type(statement) is cst.AnnAssign and statement.value is call:
            target = statement.target
        else:
            return None
        if type(target) is cst.Attribute and index.self_attribute(target) is not None:
            return target
        return target if type(target) is cst.Name else None

    def _kept_in_attribute(self, target: cst.Name) -> bool:
        """The local is put in an attribute of `self` (`d = StepLR(...); self.sched = d`)."""
        index = self.context.analysis.index
        statement = index.statement_of(target)
        return any(type(parent) is cst.Assign and parent.value is read and len(parent.targets) == 1
                   and index.self_attribute(parent.targets[0].target) is not None
                   for read in self.context.analysis.values.reads_of(statement, target.value)
                   for parent in (index.parent(read),))

    def _attribute_only_inspected(self, target: cst.Attribute) -> bool:
        """Every read of an attribute of that name anywhere in the file (on any object: a
        caller's `trainer.lr_sched.step()` counts too) only inspects the scheduler."""
        index = self.context.analysis.index
        for node in index.all(cst.Attribute):
            if node.attr.value != target.attr.value or type(index.parent(node)) is cst.AssignTarget:
                continue
            if type(index.statement_of(node)) in (cst.Import, cst.ImportFrom):
                continue  # `torch.optim.lr_scheduler`: a module's path, no read of an object
            parent = index.parent(node)
            if not (type(parent) is cst.Attribute and parent.value is node and parent.attr.value in _READS):
                return False
        return True

    def _only_inspected(self, target: cst.Name) -> bool:
        """Every read the binding may reach only inspects the scheduler. Bindings are
        flow-insensitive: those reads are the reads of the name in the scope that binds it,
        the same for every binding there, so the answer is kept per scope and name."""
        index = self.context.analysis.index
        statement = index.statement_of(target)
        owner = next((b.scope for b in index.bindings(target) if b.statement is statement), None)
        if owner is None:
            return True
        key = (id(owner), target.value)
        if key not in self._inspected:
            self._inspected[key] = all(self._inspection(read) for read in self._scope_reads(owner, target.value))
        return self._inspected[key]

    def _scope_reads(self, scope, name: str) -> List[cst.Name]:
        """The reads of `name` that refer to its binding in `scope` (not a nested scope's own)."""
        index = self.context.analysis.index
        return [n for n in index.names_valued(name, within=scope.node) if not index.is_store(n)
                and any(b.scope is scope for b in index.bindings(n)[:1])]

    def _inspection(self, read: cst.Name, depth: int = 0) -> bool:
        """The read inspects the scheduler, itself, or handed to a parameter of a function of
        the file, or put in an attribute of `self`, that only inspects it (`save(opt, sched)`
        calling `sched.state_dict()`)."""
        analysis = self.context.analysis
        parent = analysis.index.parent(read)
        if type(parent) is cst.Assign and parent.value is read and len(parent.targets) == 1 \
                and analysis.index.self_attribute(parent.targets[0].target) is not None:
            return self._attribute_only_inspected(parent.targets[0].target)
        received = self._received(read)
        if received is not None:  # returned: what every caller of the file binds it to only inspects it
            return all(self._only_inspected(name) for name in received)
        if type(parent) is cst.Arg and depth < 2:
            parameter = analysis.objects.bound_parameter(parent)
            return parameter is not None and all(
                self._inspection(inner, depth + 1) for inner in analysis.values.reads_of(parameter.statement, parameter.name))
        return type(parent) is cst.Attribute and parent.value is read and parent.attr.value in _READS

    def _receivers(self, target: cst.Name) -> List[cst.Name]:
        """The names the callers of the file bind the scheduler to, where its function returns it."""
        index = self.context.analysis.index
        statement = index.statement_of(target)
        return [name for read in self.context.analysis.values.reads_of(statement, target.value)
                for name in self._received(read) or ()]

    def _received(self, read: cst.CSTNode) -> Optional[List[cst.Name]]:
        """For a read that its function returns (alone, or as an item of a returned tuple),
        the names every call of the function in the file binds it to (`opt, sched = build(...)`);
        None where it is not returned, no call in the file receives it, or a call keeps it
        other than in a name."""
        analysis = self.context.analysis
        index = analysis.index
        parent = index.parent(read)
        tuple_ = index.parent(parent) if type(parent) is cst.Element else None
        returned = tuple_ if type(tuple_) is cst.Tuple else read
        function = index.function_of(read)
        holder = index.parent(returned)
        if type(holder) is cst.Assign and len(holder.targets) == 1 and type(holder.targets[0].target) is cst.Name:
            reads = analysis.values.reads_of(holder, holder.targets[0].target.value)  # `d = opt, sched; return d`
            holder = index.parent(reads[0]) if len(reads) == 1 else None
        if type(holder) is not cst.Return or type(function) is not cst.FunctionDef:
            return None
        position = tuple_.elements.index(parent) if returned is tuple_ else None
        found = []
        for call in analysis.calls_of(function):
            statement = index.statement_of(call)
            if type(statement) is not cst.Assign or statement.value is not call or len(statement.targets) != 1:
                return None
            target = statement.targets[0].target
            if position is not None:
                elements = getattr(target, "elements", None)
                target = elements[position].value if elements is not None and len(elements) > position else None
            if type(target) is not cst.Name:
                return None
            found.append(target)
        return found or None
