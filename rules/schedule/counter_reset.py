import libcst as cst

from reviewer.analysis import values as v
from reviewer.analysis.lr import SETUP_METHODS, STEP_METHODS
from reviewer.analysis.scopes import field_name
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity
from reviewer.triggers import LR_STATE, Check, all_of, any_of, lr_state


class CounterReset(Rule):
    code = "RV101"
    name = "counter-reset"
    summary = "A scheduler's step counter is set to a constant on every step, so it never advances."
    severity = Severity.ERROR
    fix_applicability = Applicability.UNSAFE
    changes_schedule = True
    trigger = all_of(LR_STATE, any_of(r"class\b", r"\+="))
    structure = Check(lr_state)
    documentation = """
        ## What it does
        In a scheduler-like class (one that extends a torch scheduler, writes a param
        group's `"lr"`, or keeps a learning-rate attribute that a stepping method updates),
        finds a counter attribute (or an entry with a constant key of a dict an attribute
        holds, `self.state["step"]`) that a method that steps (`step`, `get_lr`, `__call__`, or
        any method that writes the LR) sets to a constant unconditionally (or under `if x is
        None:` where every call in the file leaves `x` at None), while `__init__` sets it to an
        integer, and the schedule reads it arithmetically in that method or in a method it
        calls (also through a helper's return value): either nothing in the file ever advances it (`+=`, `x = x + 1`,
        `setattr`; a read before the reset sees the constant from the second call on), or
        the read comes after the reset in the same call (an increment at the end of the step
        is undone by the next call's reset).

        Set-up and restoring methods (`__init__`, `reset`, `load_state_dict`), resets
        under any other condition (or under that one where a call passes a value, or nothing
        in the file calls the method; in a helper, when `step()` calls it under one), and a reset before a loop of the same method that advances the
        counter (a training method that counts its own batches) are left alone. The decision uses no names: renaming the class,
        its attributes and methods changes nothing.

        ## Why it matters
        The schedule reads the counter to compute the learning rate. Set to the same value
        on every call, it never advances: the cosine never moves, the warm-up never ends,
        and training runs at a frozen or collapsing rate without any error.

        ## Example
        ```python
        class Cosine:
            def __init__(self, optimizer, epochs):
                self.optimizer, self.epochs = optimizer, epochs
                self.iters = -1

            def step(self):
                self.iters = 1
                lr = 0.5 * (1 + math.cos(math.pi * self.iters / self.epochs))
                for group in self.optimizer.param_groups:
                    group["lr"] = lr
        ```

        ## Fixed
        ```python
            def step(self):
                self.iters += 1
                ...
        ```

        ## Fix safety
        Unsafe: the schedule changes on every step after the first (that is the point).
        Check the first value: a counter that `__init__` sets to -1 gives 0 on the first call.
        Where the step already increments the counter after the reset, no fix is offered:
        the reset has to go (or move to set-up), and which is meant is yours to say.
    """

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not _integer(node.value):
            return
        analysis = self.context.analysis
        index = analysis.index
        if type(node.targets[0].target) is cst.Name:
            self._check_local(node, node.targets[0].target)
            return
        owner = index.self_field(node.targets[0].target)  # `self.n`, or an entry `self.state["n"]`
        if owner is None:
            return
        model, attr = owner
        method = index.function_of(node)
        if method is None or index.class_of_method(method) is None or method.name.value in SETUP_METHODS \
                or not analysis.lr.is_scheduler_class(model):
            return
        # a guard may still hold on every call the file makes; a helper runs when a stepping method calls it
        internal = [(c, f) for c in analysis.calls_of(method) if (f := index.function_of(c)) is not None
                    and index.class_of_method(f) is not None and f.name.value in STEP_METHODS]
        guarded = index.conditional(node, method) or bool(internal) and all(index.conditional(c, f) for c, f in internal)
        if guarded and not (v.always_reached(analysis, node, method) and (
                not internal or any(v.always_reached(analysis, c, f) for c, f in internal))):
            return
        if not analysis.lr.per_step(model, method):
            return
        writes = index.attribute_writes(model, attr)
        if not any(w.method.name.value == "__init__" and w.operator is None and _integer(w.value) for w in writes):
            return
        if not self._read_per_step(model, attr, method) or self._counted_in_own_loop(attr, method, node):
            return
        target = node.targets[0].target
        fix = None
        if not self._advanced_anywhere(attr):
            why = "and never incremented: the counter never advances"
            fix = Fix(
                Applicability.UNSAFE,
                f"Advance the counter: `{self.context.code(target)} += 1`",
                [Replacement(node, cst.AugAssign(target, cst.AddAssign(), cst.Integer("1")))],
            )
        elif self._read_after_reset(model, attr, method, node):
            # no fix: the increment is there already; the reset has to go, or move to set-up
            why = "before the schedule reads it: the increment that follows is undone by the next call's reset"
        else:
            return
        self.report(
            node,
            f"`{self.context.code(target)}` is reset to {self.context.code(node.value)} on every call of "
            f"`{method.name.value}()`{' that this file makes' if guarded else ''} {why}, so the schedule that reads "
            "it never moves",
            fix=fix,
        )

    def _check_local(self, node: cst.Assign, name: cst.Name) -> None:
        """A local counter set to a constant on every pass of a loop (its body holds the reset,
        or both branches of an `if` in it hold it alike), read by the LR computation later in
        the same pass and advanced after it, all with no loop in between (`for x, y in
        loader: step = 0; lr = lr_at(step); ...; step += 1`): every pass reads the constant.
        A reset in an epoch loop whose batch loop advances it is a per-epoch count, and is
        left alone."""
        analysis = self.context.analysis
        index = analysis.index
        enclosing = analysis.loops.enclosing(node)
        loop = enclosing[0] if enclosing else None
        function = index.function_of(node)
        if loop is None or function is None or not analysis.lr.writes_lr(function) \
                or not index.dominates(node, loop.body.body[-1], alike=True):
            return

        def in_this_pass(n: cst.CSTNode) -> bool:
            enclosing = analysis.loops.enclosing(n)
            return bool(enclosing) and enclosing[0] is loop and index.before(node, n)

        reads = [n for n in analysis.values.reads_of(node, name.value) if in_this_pass(n)
                 and _arithmetic(analysis, n) and type(index.parent(n)) is not cst.AugAssign]
        advances = [n for n in index.of_type(loop.body, cst.AugAssign)
                    if type(n.target) is cst.Name and n.target.value == name.value and in_this_pass(n)]
        if not reads or not advances or not all(index.before(r, a) for r in reads for a in advances):
            return
        self.report(
            node,
            f"`{name.value}` is reset to {self.context.code(node.value)} at the start of every pass of the loop, "
            f"before the schedule reads it: the `{name.value} += ...` at the end of the pass is undone by the next "
            "reset, so the schedule never moves. Set it once, before the loop.",
        )

    def _counted_in_own_loop(self, attr: str, method: cst.FunctionDef, reset: cst.CSTNode) -> bool:
        """A loop of the method after the reset advances the counter (a training method that
        starts its count at 0, then counts its own batches): the count moves within the call."""
        index = self.context.analysis.index
        loops = index.of_type(method.body, cst.For, into_scopes=False) + index.of_type(
            method.body, cst.While, into_scopes=False)
        return any(index.before(reset, loop) and any(
            _advances(node, attr) for node in index.of_type(loop, cst.AugAssign) + index.of_type(loop, cst.Assign))
            for loop in loops)

    def _advanced_anywhere(self, attr: str) -> bool:
        """Something in the file advances an attribute of this name (`x.n += 1`,
        `x.n = x.n + 1`, `setattr(x, "n", ...)`), on any object."""
        index = self.context.analysis.index
        if any(_advances(node, attr) for node in index.all(cst.AugAssign) + index.all(cst.Assign)):
            return True
        for call in index.calls_named("setattr"):
            if type(call.func) is cst.Name and len(call.args) >= 2:
                key = call.args[1].value
                if type(key) is cst.SimpleString and key.evaluated_value == attr:
                    return True
        return False

    def _read_after_reset(self, model, attr: str, method: cst.FunctionDef, reset: cst.CSTNode, depth: int = 0) -> bool:
        """The schedule reads the counter after the reset, in the same call: in the method
        itself, or in a method of the class it calls after the reset; for a helper that
        resets, the same after its call in the methods that call it."""
        analysis = self.context.analysis
        index = analysis.index
        reads = self._schedule_reads(model, attr)
        if any(index.function_of(r) is method and index.before(reset, r) for r in reads):
            return True
        if any(index.before(reset, call) and self._reads_in(callee, reads)
               for call in index.of_type(method.body, cst.Call, into_scopes=False)
               if type(callee := analysis.callee(call)) is cst.FunctionDef):
            return True
        return depth < 1 and any(
            type(caller := index.function_of(call)) is cst.FunctionDef and index.class_of_method(caller) is not None
            and not index.conditional(call, caller) and self._read_after_reset(model, attr, caller, call, depth + 1)
            for call in analysis.calls_of(method))

    def _schedule_reads(self, model, attr: str) -> list:
        """The reads of the counter attribute in the class (and its family) that compute with it."""
        analysis = self.context.analysis
        return [r for each in analysis.index.family(model) for r in each.reads.get(attr, ()) if _arithmetic(analysis, r)]

    def _reads_in(self, function: cst.FunctionDef, reads, depth: int = 0) -> bool:
        """One of `reads` is in the function or in a function of the file it calls (two levels)."""
        analysis = self.context.analysis
        if any(analysis.index.function_of(r) is function for r in reads):
            return True
        return depth < 2 and any(type(callee := analysis.callee(call)) is cst.FunctionDef and callee is not function
                                 and self._reads_in(callee, reads, depth + 1)
                                 for call in analysis.index.of_type(function.body, cst.Call, into_scopes=False))

    def _read_per_step(self, model, attr: str, method: cst.FunctionDef, depth: int = 0) -> bool:
        """The attribute is read in arithmetic in the resetting method, in a method of the
        class that it calls, or, for a helper, in the methods that call the helper: on every
        step the read sees the constant (a read before the reset, from the second step on)."""
        index = self.context.analysis.index
        reads = self._schedule_reads(model, attr)
        if any(index.function_of(r) is method for r in reads):
            return True
        for call in index.of_type(method.body, cst.Call, into_scopes=False):
            callee = self.context.analysis.callee(call)
            if type(callee) is cst.FunctionDef and index.class_of_method(callee) is not None:
                if self._reads_in(callee, reads):
                    return True
        if depth >= 2:
            return False
        for caller in index.family(model):
            for name, callee_names in caller.calls.items():
                other = caller.methods.get(name)
                if other is None or other is method or method.name.value not in callee_names:
                    continue
                if any(self.context.analysis.callee(call) is method
                       for call in index.of_type(other.body, cst.Call, into_scopes=False)) and \
                        self._read_per_step(model, attr, other, depth + 1):
                    return True
        return False


def _advances(node: cst.CSTNode, attr: str) -> bool:
    """`x.attr += ...`, or `x.attr = ...` from a value that reads an `attr` (not a constant);
    `attr` may be an entry's field name (`state['n']`: `x.state["n"] += 1`)."""
    if type(node) is cst.AugAssign:
        return field_name(node.target) == attr
    return not _integer(node.value) and any(field_name(t.target) == attr for t in node.targets) and any(
        field_name(n) == attr for n in v.walk_expression(node.value))


def _integer(node) -> bool:
    if type(node) is cst.UnaryOperation and type(node.operator) in (cst.Minus, cst.Plus):
        node = node.expression
    return type(node) is cst.Integer


def _arithmetic(analysis, read: cst.CSTNode, depth: int = 0) -> bool:
    """Read inside arithmetic, as an index or as an argument (what a schedule does with its
    counter), directly or through a local it is copied to or a function that returns it."""
    index = analysis.index
    parent = index.parent(read)
    kind = type(parent)
    if kind in (cst.BinaryOperation, cst.SubscriptElement, cst.UnaryOperation, cst.Arg):
        return True
    if kind is cst.Return and depth < 3:
        return any(_arithmetic(analysis, call, depth + 1) for call in analysis.calls_of(index.function_of(read)))
    assigned = index.assigned_to(read) if depth < 3 else None  # `n = self.n`, `n, w = self.n, self.w`
    if assigned is not None and type(assigned[0]) is cst.Name:
        name, statement = assigned
        function = index.function_of(read) or index.module
        return any(not index.is_store(use) and any(b.statement is statement for b in index.bindings(use))
                   and _arithmetic(analysis, use, depth + 1) for use in index.names_valued(name.value, within=function))
    return False
