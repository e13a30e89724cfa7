from typing import Optional

import libcst as cst

from reviewer.analysis.tree import (
    assignment_targets, dotted_name, number, positional_args, product_operands, without_casts, without_floor,
    without_parentheses,
)
from reviewer.analysis.values import local_value, walk_expression
from reviewer.fixes import builtin_visible
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity
from reviewer.triggers import SCHEDULE_CODE, Check, all_of, schedule_division

_CLAMPS = ("min", "clip", "clamp", "minimum")
_TRANSPARENT = ("min", "max", "float", "clip", "clamp", "minimum", "int")


class WarmupNeverReachesPeak(Rule):
    code = "RV106"
    name = "warmup-never-reaches-peak"
    summary = "A linear warm-up factor `it / W` that starts at 0, never reaches 1, or passes 1 unclamped."
    severity = Severity.INFO
    fix_applicability = Applicability.UNSAFE
    changes_schedule = True
    trigger = all_of(SCHEDULE_CODE, "/")
    structure = Check(schedule_division)
    documentation = """
        ## What it does
        In schedule code (the analysis's learning-rate context: a scheduler-like class, a LambdaLR
        function, a function whose result becomes the LR or that writes it), finds the linear warm-up
        factor `t / W`, where `t` is a step counter (the step a LambdaLR passes, a training loop's
        index, an attribute a scheduler advances, a counter modulo a cycle) and `W` a length, also
        held in a local (`d = float(max(1, W))`; a warm-up of an optimizer's momentum coefficient is
        not the LR's):

        - under `if t < W:` (or the equivalent `W > t`): the factor is 0 on the first step,
          so the first update is wasted, and only reaches `(W - 1) / W` before the warm-up
          ends;
        - under `if t <= W:` (or `W >= t`) where the factor can pass 1 (`(t + 1) / W` is
          `(W + 1) / W` at `t == W`): the last warm-up step overshoots the peak;
        - as the value of a `LambdaLR` function, with no `if` on `W`, no `min(...)` and no
          `SequentialLR` taking over from that LambdaLR, or elsewhere as a factor of a product
          with another factor computed from a counter (`peak * ramp * decay`, also through a
          local): after `W` steps the factor keeps growing past 1 (`(t + 1) / W` too). With a
          clamp it is still 0 on the first step;
        - as `rate * t` added to a start (`init + rate * t`), where `rate` holds `delta / W` (or 0)
          computed elsewhere (`__init__`), under `if t < W:` that nothing in its function follows but
          counter updates and returns (sooftware's `WarmupLRScheduler`): the LR stops at `(W - 1) / W`
          of the way to its peak and stays there. An `else:`, a later statement that may write the LR
          (fairseq's inverse square root), or a return of the name it sets, which past the warm-up
          holds another value (audiocraft's `_get_sched_lr(lr, step)` returns `lr` unchanged), is left
          alone.

        Left alone: a counter that is at least 1 where it is read (advanced before the read, `t = step + 1`,
        `for epoch in range(1, ...)`, or passed at least 1 by every call: of the file, or of the project's
        other files for a function its file never calls, as `schedule-division-by-zero` reads them); a
        ratio used to interpolate from a non-zero start (`factor * (1 - alpha) + alpha`, detectron2); a
        factor that compounds (cumulative-warmup's finding); a ratio inside another function
        (`cos(pi * t / W)`), also through a local (`p = min(1.0, t / T)`, then `cos(pi * p)`). The
        decision uses no names.

        ## Why it matters
        karpathy/nanoGPT #443 (fixed in PR #578 with `(it + 1) / (warmup_iters + 1)`) and
        EleutherAI/gpt-neox PR #1379: the warm-up's first step runs at learning rate 0 and the peak
        is reached a step late. Unclamped, the "warm-up" becomes a linear increase that never stops.

        ## Example
        ```python
        def get_lr(it):
            if it < warmup_iters:
                return learning_rate * it / warmup_iters
            ...

        scheduler = LambdaLR(optimizer, lambda step: step / warmup_steps)
        ```

        ## Fixed
        ```python
        def get_lr(it):
            if it < warmup_iters:
                return learning_rate * (it + 1) / (warmup_iters + 1)
            ...

        scheduler = LambdaLR(optimizer, lambda step: min(1.0, (step + 1) / warmup_steps))
        ```

        ## Fix safety
        The `min(1.0, ...)` clamp is offered where the factor passes 1. It is unsafe: it
        changes nothing while the warm-up lasts, but it stops the LR from growing after it,
        which changes the curve (to the intended one). Shifting the counter by one is left to you.
    """

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if type(node.operator) is cst.Multiply:
            self._rate_times_counter(node)
        if type(node.operator) is not cst.Divide:
            return
        analysis = self.context.analysis
        lr = analysis.lr
        written = horizon = without_floor(node.right)
        held = local_value(analysis, horizon)  # `d = float(max(1, w))`, then `t / d`
        horizon = inner if type(held) is cst.Call and (inner := without_floor(held)) is not held else horizon
        if lr.step_dependent(horizon) or lr.context(node) is None:
            return
        factors = [without_casts(without_parentheses(f)) for f in product_operands(node.left)]  # a floor `max(t, 1)` stays
        capped = [self._capped_counter(f, horizon) for f in factors]  # `min(t, W) / W`
        factors = [c if c is not None else f for f, c in zip(factors, capped)]
        # `t + 1` grows past `W` as `t` does, but is never 0
        counters = [(f, counter) for f in factors if (counter := lr.counter_read(f)) is not None]
        if len(counters) != 1 or any(number(f) is not None for f in factors):
            return
        read, counter = counters[0]
        if any(lr.step_dependent(f) for f in factors if f is not read) or self._not_a_factor(node) \
                or analysis.updates.feeds_compounding(node) or lr.interpolation_weight(node):
            return
        guarded, clamped, inclusive = map(any, zip(*{id(h): self._guards(node, counter, h) for h in (horizon, written)}.values()))  # `t < d` too
        clamped = clamped or any(c is not None for c in capped)
        if inclusive and not guarded and any(  # the counter plus a positive constant: above W at its end
                (ahead := form.plus(at, -1)).is_constant() and ahead.const > 0
                for form in analysis.numbers.forms(read) for at in analysis.numbers.forms(counter)):
            self.report(node, f"`{self.context.code(node)}` runs up to `{self.context.code(counter)}` equal to "
                              f"`{self.context.code(horizon)}`, where it is above 1: the last warm-up step overshoots the "
                              f"peak LR. Stop the warm-up a step earlier (`<` for `<=`).")
            return
        handed_over = self._lambda_lr(node, counter)
        # a counter at least 1 where it is read (advanced first, `t + 1`, `range(1, ...)`)
        from_zero = any(analysis.numbers.zero_possible(form, node) for form in analysis.numbers.forms(read))
        if guarded:
            if not from_zero:
                return
            self.report(
                node,
                f"`{self.context.code(node)}` is 0 when `{self.context.code(counter)}` is 0 (the first update runs "
                f"at learning rate 0) and stays below 1 for the whole warm-up (at most (W - 1) / W for an integer "
                f"counter, W = `{self.context.code(horizon)}`). Use "
                f"`({self.context.code(counter)} + 1) / ({self.context.code(horizon)} + 1)` (nanoGPT) or "
                f"`({self.context.code(counter)} + 1) / {self.context.code(horizon)}`.",
            )
            return
        # outside a LambdaLR, only a ramp applied across the schedule (`peak * ramp * decay`) keeps acting past W
        if handed_over is None and (clamped or not analysis.lr.scales_a_decay(node)):
            return
        if clamped or handed_over:
            if read is not counter or not from_zero:  # `u = u + 1` first: at least 1
                return
            self.report(
                node,
                f"`{self.context.code(node)}` is 0 on the first step (LambdaLR calls it with 0 when it is "
                f"built), so the first update runs at learning rate 0. Use "
                f"`({self.context.code(counter)} + 1)` for `{self.context.code(counter)}`.",
            )
            return
        fix = None
        if len(factors) == 1 and builtin_visible(analysis, "min", node):
            fix = Fix(
                Applicability.UNSAFE,
                "Clamp the warm-up factor at 1: the LR then stays at its peak after the warm-up instead of "
                "growing without bound",
                [Replacement(node, cst.parse_expression(f"min(1.0, {self.context.code(node)})"))],
            )
        self.report(
            node,
            f"`{self.context.code(node)}` keeps growing after `{self.context.code(horizon)}` steps (nothing clamps "
            f"it at 1){', and is 0 on the first step' if from_zero else ''}. "
            f"Clamp it: `min(1.0, {self.context.code(node)})`.",
            fix=fix,
        )

    def _rate_times_counter(self, node: cst.BinaryOperation) -> None:
        """`init + rate * t` where `rate` holds `delta / W` (or 0) computed elsewhere, under an
        `if t < W:` that nothing writing the LR follows (see `_sole_writer`)."""
        analysis = self.context.analysis
        factors = product_operands(node)
        held = [local_value(analysis, f) for f in factors]  # `d = self.t`, then `rate * d`
        counters = [h for h in held if analysis.lr.is_counter(h)]
        rates = [f for f, h in zip(factors, held) if h not in counters and type(f) in (cst.Name, cst.Attribute)]
        if len(factors) != 2 or len(counters) != 1 or len(rates) != 1 or analysis.lr.context(node) is None:
            return
        division = analysis.values.ratio(rates[0]) if analysis.index.knows(rates[0]) else None
        horizon = without_floor(division.right) if division is not None else None
        if horizon is None or any(analysis.lr.step_dependent(part) for part in (horizon, division.left)):
            return
        guard = self._sole_writer(node, counters[0], horizon)
        if guard is not None:
            self.report(
                node,
                f"`{self.context.code(node)}` adds `{self.context.code(division)}` per step only while "
                f"`{self.context.code(guard.test)}`: the warm-up ends a step short of its peak, at (W - 1) / W "
                f"of the way (W = `{self.context.code(horizon)}`), and nothing writes the learning rate after it, "
                "so the LR stays below the peak for the rest of the run. Let the warm-up include its last step "
                "(`<=` for `<`), or set the peak in an `else:`.",
            )

    def _sole_writer(self, node: cst.CSTNode, counter: cst.CSTNode, horizon: cst.CSTNode) -> Optional[cst.If]:
        """The one `if counter < horizon:` (no `else`) that decides whether `node` runs, as a
        term of a sum, when every other statement of the function updates a counter, sets a
        local without a call, returns a name or an attribute, or documents."""
        analysis = self.context.analysis
        index = analysis.index
        for ancestor in index.ancestors(node):
            if type(ancestor) in (cst.Assign, cst.AnnAssign, cst.Return):
                break
            if type(ancestor) is not cst.BinaryOperation or type(ancestor.operator) is not cst.Add:
                return None
        function = index.function_of(node)
        guards = index.guards(node, function) if type(function) is cst.FunctionDef else []
        if len(guards) != 1 or guards[0].orelse is not None or not analysis.numbers.below(guards[0].test, counter, horizon):
            return None
        if analysis.values.returned_past(node, guards[0], function):
            return None
        top = next(a for a in (guards[0], *index.ancestors(guards[0])) if index.parent(a) is function.body)
        for other in function.body.body:
            if other is not top and not (type(other) is cst.SimpleStatementLine and all(
                    type(small) is cst.Pass or type(small) is cst.Expr and type(small.value) is cst.SimpleString
                    or type(small) is cst.Return and (small.value is None or type(small.value) in (cst.Name, cst.Attribute))
                    or type(small) in (cst.AugAssign, cst.Assign) and all(analysis.lr.is_counter(t) for t in assignment_targets(small))
                    or type(small) is cst.Assign and all(type(t) is cst.Name for t in assignment_targets(small))
                    and not any(type(n) is cst.Call for n in walk_expression(small.value))  # a local computed
                    for small in other.body)):
                return None
        return guards[0]

    def _capped_counter(self, factor: cst.CSTNode, horizon: cst.CSTNode) -> Optional[cst.CSTNode]:
        """`t` for `min(t, W)` (either order) with W the horizon: a counter capped at the length."""
        args = positional_args(factor) if type(factor) is cst.Call and dotted_name(factor.func) == "min" else []
        if len(args) != 2 or len(factor.args) != 2:  # type: ignore[attr-defined]
            return None
        numbers = self.context.analysis.numbers
        wanted = numbers.key(horizon)
        for this, other in ((args[0], args[1]), (args[1], args[0])):
            if wanted and numbers.key(without_floor(other)) == wanted and self.context.analysis.lr.is_counter(this):
                return this
        return None

    def _guards(self, node: cst.CSTNode, counter: cst.CSTNode, horizon: cst.CSTNode):
        """(the division runs under `counter < horizon`, something clamps it: a `min()`
        around it, a test or an early exit on the horizon, it runs under `counter <= horizon`)."""
        analysis = self.context.analysis
        index = analysis.index
        guarded = clamped = inclusive = False
        child = node
        function = index.function_of(node)
        for ancestor in index.ancestors(node):
            kind = type(ancestor)
            if kind in (cst.FunctionDef, cst.ClassDef, cst.Lambda):
                break
            if kind in (cst.If, cst.IfExp):
                if self._mentions(ancestor.test, horizon):
                    clamped = True
                if child is ancestor.body and analysis.numbers.below(ancestor.test, counter, horizon):
                    guarded = True
                inclusive = inclusive or child is ancestor.body and analysis.numbers.below(ancestor.test, counter, horizon, False)
            if kind is cst.Call and (dotted_name(ancestor.func) or "").rsplit(".", 1)[-1] in _CLAMPS:
                clamped = True
            child = ancestor
        if type(function) is cst.FunctionDef:
            for statement in index.of_type(function.body, cst.If, into_scopes=False):
                if self._mentions(statement.test, horizon):
                    clamped = True
        return guarded, clamped, inclusive

    def _mentions(self, test: cst.CSTNode, horizon: cst.CSTNode) -> bool:
        numbers = self.context.analysis.numbers
        wanted = numbers.key(horizon)
        return bool(wanted) and any(numbers.key(n) == wanted for n in walk_expression(test)
                                    if type(n) in (cst.Name, cst.Attribute, cst.Subscript))

    def _lambda_lr(self, node: cst.CSTNode, counter: cst.CSTNode) -> Optional[bool]:
        """In a LambdaLR function dividing its step: whether something hands over from each of
        its LambdaLRs (a SequentialLR, or an `if` around every `step()` of it: a phase)."""
        analysis = self.context.analysis
        index = analysis.index
        function = index.function_of(node)
        constructions = analysis.lr.lambda_functions().get(id(function)) if function is not None else None
        params = [p.name.value for p in function.params.params if p.name.value not in ("self", "cls")] if constructions else []
        if not params or type(counter) is not cst.Name or counter.value != params[0]:
            return None
        return all(id(call) in analysis.objects.composed() or (steps := analysis.objects.steps_of(call)) and all(
            index.guards(step, index.function_of(step) or index.module) for step in steps) for call in constructions)

    def _not_a_factor(self, node: cst.CSTNode, depth: int = 0) -> bool:
        """The ratio is not the factor itself: it is scaled by pi, or sits under a sum, a
        power or another function (`1 - t / T`, `math.cos(math.pi * t / W)`) rather than
        in a product, `min`/`max`/`float`, or a branch of a conditional expression; also
        through a local that holds it (`progress = min(1.0, t / T)`, then `cos(pi * progress)`)."""
        if depth == 0 and any(type(n) is cst.Name and n.value == "pi" or type(n) is cst.Attribute
                              and n.attr.value == "pi" for n in walk_expression(node.left)):  # type: ignore[attr-defined]
            return True
        child: cst.CSTNode = node
        for ancestor in self.context.analysis.index.ancestors(node):
            kind = type(ancestor)
            if kind is cst.Assign and depth < 2 and len(ancestor.targets) == 1 and type(ancestor.targets[0].target) is cst.Name:
                reads = self.context.analysis.values.reads_of(ancestor, ancestor.targets[0].target.value)
                return bool(reads) and all(self._not_a_factor(read, depth + 1) for read in reads)
            if kind is cst.BinaryOperation:
                operator = type(ancestor.operator)
                if operator is not cst.Multiply and not (operator is cst.Divide and child is ancestor.left):
                    return True
            elif kind is cst.Call:
                if depth and self.context.analysis.callee(ancestor) is not None:
                    return False  # the local handed to a function of the file: it may set the LR
                if (dotted_name(ancestor.func) or "").rsplit(".", 1)[-1] not in _TRANSPARENT:
                    return True
            elif kind is cst.IfExp and child is ancestor.test:
                return True
            elif kind not in (cst.Arg, cst.IfExp):
                return False
            child = ancestor
        return False

