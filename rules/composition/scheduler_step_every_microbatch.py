from typing import List, Optional, Set, Tuple

import libcst as cst

from reviewer.analysis import values as v
from reviewer.analysis.loops import Loop, LoopCall, early_exit
from reviewer.analysis.tree import argument, method_call
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity
from reviewer.triggers import Check, SCHEDULER_VOCABULARY, scheduler_code


class SchedulerStepEveryMicrobatch(Rule):
    code = "RV303"
    name = "scheduler-step-every-microbatch"
    summary = "Under gradient accumulation the optimizer steps every N micro-batches, but the scheduler steps on every one."
    severity = Severity.ERROR
    fix_applicability = Applicability.UNSAFE
    changes_schedule = True
    trigger = SCHEDULER_VOCABULARY
    structure = Check(scheduler_code)
    documentation = """
        ## What it does
        In a loop that accumulates gradients (the optimizer step sits under an `if` on a
        counter modulo a length, `(i + 1) % grad_accum_steps == 0`, on the steps since the
        last update, `ni - last_step >= accumulate`, or on a framework's boundary,
        `accelerator.sync_gradients`; or after an early exit on one, `if micro % accum:
        continue`), reports a scheduler `step()` in the same loop body but outside that
        `if` (before that exit). A step under `if self._update():`, where the function of the
        file returns a true constant only after its optimizer step and false ones otherwise,
        runs once per update and is left alone.

        Units come first: a scheduler whose horizon counts micro-batches (multiplied by the
        accumulation length, `max_steps * grad_accum`, or `len(loader)` not divided by it,
        in its arguments or in its LambdaLR function) is meant to step on every one and is
        not reported. Where the horizon does not show its unit, the message says it assumes
        optimizer steps. A scheduler passed through `accelerator.prepare(...)` is exempt:
        accelerate only advances it when gradients are synchronised.

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
        when the scheduler step is a statement of its own line in the same block as the
        accumulation `if`.
    """

    def visit_Module(self, node: cst.Module) -> None:
        for loop in self.context.analysis.loops.accumulation_loops():
            self._check(loop)

    def _check(self, loop: Loop) -> None:
        analysis = self.context.analysis
        loops = analysis.loops
        guards = loops.accumulation_guards(loop)
        if not guards:
            return
        sites = loops.calls(loop, into_loops=False)
        for site in sites:
            found = method_call(site.call)
            if found is None or found[1] != "step" or site.call.args:
                continue
            schedulers = analysis.objects.schedulers(found[0])
            if not schedulers or any(s.scheduler is None or s.scheduler.plateau or s.scheduler.foreign for s in schedulers):
                continue
            if any(loops.is_accumulation_test(g.test, loop) or loops.reads_counter(g.test, [loop])
                   for g in site.guards + site.exits) or any(loops.true_after_a_step(g.test) for g in site.guards):
                continue
            if self._prepared(found[0]):
                continue
            lengths = (loops.accumulation_lengths(guards), loops.accumulation_length_expressions(guards))
            units = [self._horizon_unit(s, lengths) for s in schedulers]
            if "micro" in units:
                continue
            assumed = "" if "optimizer" in units else " (assuming its horizon counts optimizer steps)"
            self.report(
                site.call,
                f"`{self.context.code(found[0])}.step()` runs on every micro-batch while the optimizer steps only "
                f"under the gradient-accumulation `if`: the schedule advances accum_steps times too fast{assumed}. "
                "Step it where the optimizer steps, after it.",
                fix=self._fix(loop, site, guards),
            )

    def _prepared(self, receiver: cst.CSTNode) -> bool:
        """Passed to `X.prepare(...)` (accelerate steps it only at synchronisation)."""
        loops = self.context.analysis.loops
        for call in self.context.analysis.index.calls_named("prepare"):
            found = method_call(call)
            if found is not None:
                if any(loops.same_object(arg.value, receiver) for arg in call.args):
                    return True
        return False

    def _horizon_unit(self, scheduler, lengths: Tuple[Set[str], List[cst.CSTNode]]) -> Optional[str]:
        """"micro" when the horizon counts micro-batches, "optimizer" when it is divided by the
        accumulation length, else None."""
        analysis = self.context.analysis
        call = scheduler.construction
        kind = scheduler.scheduler
        expressions: List[cst.CSTNode] = []
        if kind.horizon:
            arg = argument(call, kind.horizon[0], kind.horizon_position)
            if arg is not None:
                expressions.append(arg.value)
        lr_lambda = argument(call, "lr_lambda", 1)
        if lr_lambda is not None:
            for function_id, constructions in analysis.lr.lambda_functions().items():
                if call in constructions:
                    function = next((n for n in analysis.index.all(cst.Lambda) + analysis.index.all(cst.FunctionDef)
                                     if id(n) == function_id), None)
                    if function is not None:
                        expressions += [d.right for d in analysis.index.of_type(function, cst.BinaryOperation)
                                        if type(d.operator) is cst.Divide]
        verdicts = {self._counts(e, lengths) for e in expressions}
        if "micro" in verdicts:
            return "micro"
        return "optimizer" if "optimizer" in verdicts else None

    def _counts(self, expression: cst.CSTNode, lengths: Tuple[Set[str], List[cst.CSTNode]]) -> Optional[str]:
        """`lengths`: the accumulation length's labels, and the expressions that hold it (a
        local computed from settings, `accum = global_batch // micro_batch`, has no label)."""
        analysis = self.context.analysis
        numbers = analysis.numbers
        labelled, held = lengths
        multiplied = divided = loader = False
        for source in v.local_sources(analysis.index, analysis.values, expression):
            for node in v.walk_expression(source):
                if type(node) is cst.BinaryOperation and type(node.operator) in (cst.Multiply, cst.Divide, cst.FloorDivide):
                    for side, is_divisor in ((node.left, False), (node.right, type(node.operator) is not cst.Multiply)):
                        labels = {a.label for f in numbers.forms(side) for a in f.atoms.values()}
                        if labels & labelled or any(numbers.same(side, length) or v.sources(analysis, side) & v.sources(
                                analysis, length) for length in held):
                            divided = divided or is_divisor
                            multiplied = multiplied or not is_divisor
                if type(node) is cst.Call and type(node.func) is cst.Name and node.func.value == "len" and node.args:
                    loader = loader or analysis.units.is_loader(node.args[0].value)
        if divided:
            return "optimizer"
        if multiplied or loader:
            return "micro"
        return None

    def _fix(self, loop: Loop, site: LoopCall, guards: List[cst.If]) -> Optional[Fix]:
        statement = site.statement
        if site.path or type(statement) is not cst.SimpleStatementLine or len(statement.body) != 1:
            return None
        small = statement.body[0]
        if type(small) is not cst.Expr or small.value is not site.call:
            return None
        body = list(getattr(loop.body, "body", ()))
        for guard in guards:
            if guard in body and type(guard.body) is cst.IndentedBlock and guard.orelse is None and not early_exit(guard):
                moved = guard.with_changes(body=guard.body.with_changes(body=[*guard.body.body, statement]))
                return Fix(
                    Applicability.UNSAFE,
                    "Move the scheduler step inside the accumulation `if`",
                    [Replacement(statement, cst.RemoveFromParent()), Replacement(guard, moved)],
                )
        return None
