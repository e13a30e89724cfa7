from typing import List, Optional, Set

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.loops import Loop, LoopCall
from reviewer.analysis.tree import backward_operand, method_call, without_parentheses
from reviewer.rule import Applicability, Fix, Replacement, Rule
from reviewer.triggers import BACKWARD_CALL, Check, all_of, accumulation_boundary, any_of


class LossNotDividedByAccumulation(Rule):
    code = "RV507"
    name = "loss-not-divided-by-accumulation"
    summary = "Under gradient accumulation the loss is not divided by the number of accumulated micro-batches."
    fix_applicability = Applicability.UNSAFE
    trigger = all_of(BACKWARD_CALL, any_of("%", ">=", "range", "chunk"))
    structure = Check(accumulation_boundary)
    documentation = """
        ## What it does
        In a loop that accumulates gradients, finds a `backward()` on every micro-batch whose
        loss is never divided by the accumulation length. The loop accumulates when every
        optimizer step of a pass sits in the body of an `if` on a counter modulo a length,
        `(i + 1) % accum_steps == 0`, or on the steps since the last update, or comes after an
        early exit on one (`if self.micro % self.accum != 0: return` in a helper that then
        steps; the `backward()` is outside that `if`); or it is a micro-batch loop `for _ in range(accum_steps)` (or
        over a batch's chunks, `for a in x.chunk(n)`) that
        backpropagates on every pass and steps no optimizer, followed by an optimizer step, as
        nanoGPT writes it. A micro-batch loop whose variable indexes something (one task's
        loss per pass: a sum by design), one in a test file, and one whose loss is scaled at
        all (`loss / n`, `loss.mul(s / total)`) are left alone. "Not divided" means: not in
        the expression backpropagated, not in
        the assignments it comes from in the function, not by `loss /= k`, and no gradient
        is divided by it in the loop (`p.grad /= k`, `p.grad.div_(k)`). Gradients normalised
        by what the micro-batches held also count: a call handed the model or its parameters
        and a quotient by a total the pass adds to (`scale_grads(model, 1 / num_tokens)` after
        `num_tokens += n` on every micro-batch, torchtune's token-weighted mean).

        ## Why it matters
        `backward()` adds into `.grad`: after k micro-batches the gradient is the sum of k
        batch gradients, k times the gradient of one batch. With SGD the effective learning
        rate is k times the one configured; clipping thresholds and weight decay no longer
        mean what their settings say; changing k changes the run. The accumulation
        examples of PyTorch, Hugging Face and nanoGPT divide the loss by k.

        ## Example
        ```python
        for i, (x, y) in enumerate(loader):
            loss = criterion(model(x), y)
            loss.backward()
            if (i + 1) % accum_steps == 0:
                optimizer.step()
                optimizer.zero_grad()
        ```

        ## Fixed
        ```python
        for i, (x, y) in enumerate(loader):
            loss = criterion(model(x), y)
            (loss / accum_steps).backward()
            if (i + 1) % accum_steps == 0:
                optimizer.step()
                optimizer.zero_grad()
        ```

        ## Fix safety
        Unsafe: the update becomes k times smaller (that is the fix; with Adam, mostly the
        epsilon and clipping change). The loss the code logs is left as it was.

        ## What it leaves alone
        Backward calls of an engine that scales by itself (`accelerator.backward(loss)`,
        DeepSpeed's `engine.backward(loss)`), losses computed by a function of the file
        that is handed the length, and loops whose accumulation length the tests do not show.
        Loops where some optimizer steps on every pass: a GAN's discriminator or an RL
        critic updated every step while another optimizer waits for `% n_critic`. A length
        computed as a rounded ratio (`max(round(nbs / batch_size), 1)`: YOLO's nominal batch
        size, whose loss is scaled by the batch size so that the sum is the design).
    """

    def visit_Module(self, node: cst.Module) -> None:
        loops = self.context.analysis.loops
        for loop in loops.accumulation_loops():
            self._check(loop)
        if not self.context.in_tests:  # a test sums micro-batches to check the gradients' mechanics
            for inner, length in loops.micro_batch_loops():
                self._check_micro_batches(inner, length)

    def _check_micro_batches(self, inner: cst.For, length: cst.CSTNode) -> None:
        """A `backward()` in every pass of a micro-batch loop, the optimizer stepping after it."""
        lengths = self.context.analysis.numbers.labels([length])
        for site in self.context.analysis.loops.calls(inner):
            operand = backward_operand(site.call)
            if operand is None or site.conditional or any(arg.keyword is None for arg in site.call.args):
                continue
            if not self._divided(operand, site, inner, lengths) and not any(
                    _scaled(source) for source in v.sources_through_calls(self.context.analysis, operand, site.via)):
                self._report(site, operand, self.context.code(length))

    def _check(self, loop: Loop) -> None:
        analysis = self.context.analysis
        loops = analysis.loops
        guards = loops.accumulation_guards(loop)
        lengths = loops.accumulation_lengths(guards)
        expressions = loops.accumulation_length_expressions(guards)
        if not guards or not lengths:
            return
        calls = loops.calls(loop, into_loops=False)
        steps = [site for site in calls if loops.optimizer_stepped(site.call, by_protocol=True) is not None]
        if not steps or not all(self._accumulating(site, loop) for site in steps):
            return  # some optimizer steps on every pass (a GAN's critic, an RL critic, a branch without accumulation)
        if self._nominal_batch(expressions):
            return
        for site in calls:
            operand = backward_operand(site.call)
            if operand is None or self._accumulating(site, loop):
                continue
            if any(arg.keyword is None for arg in site.call.args):
                continue  # an engine's backward(loss) scales by itself
            if not self._divided(operand, site, loop, lengths):
                self._report(site, operand, self.context.code(expressions[0]))

    def _report(self, site: LoopCall, operand: cst.CSTNode, length: str) -> None:
        self.report(
            site.call,
            f"`{self.context.code(site.call)}` adds every micro-batch's gradient, and the optimizer steps "
            f"every `{length}` of them, but the loss is not divided by `{length}`: each update applies the sum "
            f"of {length} batch gradients ({length} times one batch's; with SGD a {length} times higher "
            f"effective LR). Backpropagate `loss / {length}`.",
            fix=self._fix(operand, length),
        )

    def _accumulating(self, site: LoopCall, loop: Loop) -> bool:
        """The call runs only at an accumulation boundary: in the body of such an `if`, or
        after an early exit on one (`if self.micro % self.accum != 0: return` in a helper)."""
        analysis = self.context.analysis
        chain = (*site.via, site.call)  # a call made in a helper runs where the helper is called
        return any(analysis.loops.is_accumulation_test(g.test, loop)
                   and any(analysis.index.contains(g.body, c) for c in chain) for g in site.guards) or any(
            analysis.loops.is_accumulation_test(g.test, loop) for g in site.exits)

    def _nominal_batch(self, lengths: List[cst.CSTNode]) -> bool:
        """The length is a rounded ratio, `max(round(nbs / batch_size), 1)`: YOLO's nominal
        batch, where the loss is scaled by the batch size and the sum is the design."""
        analysis = self.context.analysis
        for length in lengths:
            for source in v.local_sources(analysis.index, analysis.values, length):
                for call in analysis.index.of_type(source, cst.Call) if analysis.index.knows(source) else ():
                    if type(call.func) is cst.Name and call.func.value == "round" and any(
                            type(n) is cst.BinaryOperation and type(n.operator) is cst.Divide
                            for n in analysis.index.descendants(call)):
                        return True
        return False

    def _divided(self, operand: cst.CSTNode, site: LoopCall, loop: Loop, lengths: Set[str]) -> bool:
        analysis = self.context.analysis
        numbers = analysis.numbers
        index = analysis.index
        def divides(source: cst.CSTNode) -> bool:
            return any(type(node) is cst.BinaryOperation and type(node.operator) in (cst.Divide, cst.FloorDivide)
                       and numbers.labels([node.right]) & lengths for node in index.of_type(source, cst.BinaryOperation))

        for source in v.sources_through_calls(analysis, operand, site.via):
            if divides(source):
                return True
            returned = analysis.values.returned(source)  # `loss = self.compute_loss(batch)` returning `l / k`
            if returned and all(any(divides(s) for s in v.local_sources(index, analysis.values, r)) for r in returned):
                return True
            for call in index.of_type(source, cst.Call):
                if analysis.callee(call) is not None and numbers.labels([a.value for a in call.args]) & lengths:
                    return True  # a function of the file handed the length may divide
        # the pass itself, and the functions of the file it calls: `loss /= k`, `p.grad.div_(k)`
        owners: List[cst.CSTNode] = [loop.body]
        for each in analysis.loops.calls(loop):
            function = analysis.callee(each.call)
            if type(function) is cst.FunctionDef and function not in owners:
                owners.append(function)
        # the totals the pass adds to (`num_tokens += n`): a gradient scaled by a quotient of one is normalised
        totals = {self.context.code(node.target) for node in index.of_type(loop.body, cst.AugAssign)
                  if type(node.operator) is cst.AddAssign}
        for owner in owners:
            for node in index.of_type(owner, cst.AugAssign):
                if type(node.operator) in (cst.DivideAssign, cst.MultiplyAssign) and self._reads_length(node.value, lengths):
                    return True
            for call in index.of_type(owner, cst.Call):
                found = method_call(call)
                if found is not None and found[1] in ("div_", "mul_", "div", "mul") and any(
                        self._reads_length(arg.value, lengths) for arg in call.args):
                    return True
                if totals and self._scales_gradients(call, loop, totals):
                    return True
        return False

    def _scales_gradients(self, call: cst.Call, loop: Loop, totals: Set[str]) -> bool:
        """`scale_grads(model, 1 / num_tokens)`: a call handed a quotient by one of `totals`
        (what the pass adds to: `num_tokens += n`) and the model (known as one, or what the
        pass calls or takes `.parameters()` of): the summed gradients are normalised there, by
        what the micro-batches held rather than by their number."""
        index = self.context.analysis.index
        values = [arg.value for arg in call.args]
        if not any(type(node.operator) is cst.Divide and self.context.code(node.right) in totals
                   for value in values for node in index.of_type(value, cst.BinaryOperation)):
            return False  # the common case, decided before the pass's calls are read
        calls = index.of_type(loop.body, cst.Call)
        runs = {self.context.code(c.func) for c in calls} | {
            self.context.code(found[0]) for found in map(method_call, calls)
            if found is not None and found[1] == "parameters"}
        return any(self._model_or_parameters(value) or self.context.code(value) in runs for value in values)

    def _model_or_parameters(self, value: cst.CSTNode) -> bool:
        analysis = self.context.analysis
        if any(x is not None and x.kind == o.MODEL for x in analysis.objects.of(value)):
            return True
        return any(found is not None and found[1] == "parameters"
                   for found in map(method_call, analysis.index.of_type(value, cst.Call)))

    def _reads_length(self, expression: cst.CSTNode, lengths: Set[str]) -> bool:
        numbers = self.context.analysis.numbers
        parts: List[cst.CSTNode] = [expression] + self.context.analysis.index.of_type(expression, cst.BinaryOperation)
        return any(numbers.labels([p]) & lengths for p in parts)

    def _fix(self, operand: cst.CSTNode, length: str) -> Optional[Fix]:
        if type(operand) not in (cst.Name, cst.Attribute, cst.Call, cst.Subscript):
            return None  # an operand of lower precedence than `/` would need parentheses
        divisor = cst.parse_expression(length)
        if type(divisor) not in (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.Integer):
            divisor = divisor.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        divided = cst.BinaryOperation(operand, cst.Divide(), divisor)
        parent = self.context.analysis.index.parent(operand)
        if type(parent) is cst.Attribute:  # `(loss / k).backward()`
            divided = divided.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        code = self.context.code(operand)
        return Fix(Applicability.UNSAFE, f"Backpropagate `{code} / {length}`", [Replacement(operand, divided)])


def _scaled(expression: cst.CSTNode) -> bool:
    """The loss is scaled as a whole (`loss / n`, `loss * (1 / n)`, `loss.mul(s / total)`,
    `(loss / n).mean()`): a micro-batch loop that scales its loss at all is taken to
    normalise it, by whatever the run's total is."""
    expression = without_parentheses(expression) if hasattr(expression, "lpar") else expression
    if type(expression) is cst.BinaryOperation:
        if type(expression.operator) is cst.Divide:
            return True
        return type(expression.operator) is cst.Multiply and (_scaled(expression.left) or _scaled(expression.right))
    found = method_call(expression) if type(expression) is cst.Call else None
    if found is None:
        return False
    return found[1] in ("div", "div_", "mul", "mul_") or _scaled(found[0])
