from typing import Optional

import libcst as cst

from reviewer.analysis import values as v
from reviewer.analysis.tree import number, without_parentheses
from reviewer.fixes import builtin_visible
from reviewer.rule import Applicability, Fix, Replacement, Rule
from reviewer.triggers import POWER_OF_GROUP, Check, all_of, poly_base


class PolyDecayPastHorizon(Rule):
    code = "RV107"
    name = "poly-decay-past-horizon"
    summary = "A polynomial decay `(1 - t / T) ** p` with a fractional power and no clamp: past `T` it is not a number."
    fix_applicability = Applicability.UNSAFE
    changes_schedule = True
    trigger = all_of(POWER_OF_GROUP, r"1(?:\.0*)?\s*-")
    structure = Check(poly_base)
    documentation = """
        ## What it does
        Finds `(1 - t / T) ** p` where `t` is a step or epoch counter (its value comes from a
        loop or an update of a counter) and `t` and `T` are plain reads (`it`,
        `self.max_iters`, `float(epoch)`), `p` is known to be fractional (a literal such as
        `0.9`, or a parameter or setting whose default is one), and nothing keeps `t` at or
        below `T` where the expression runs: no guard of its function or of the calls that
        reach it (`if t >= T: return`, `for it in range(max_iter)` around the calls), no
        `min(t, T)`, no `max(0, ...)` around the base, and `t` does not count the passes of
        the loops it runs in with `T` their number (`iter_num = 0` before `for epoch in
        range(E)`, `iter_num += 1` in each pass over `loader`, `T = E * len(loader)`).

        ## Why it matters
        Past the horizon the base is negative. In Python `(-0.1) ** 0.9` is a complex
        number and in torch or numpy it is NaN: the learning rate the optimizer is given is
        no longer a real number, or training stops on a TypeError. It happens when a run is
        resumed or extended with more steps than the schedule's horizon, or when the
        horizon is computed from a shorter length than the loop (the DeepLab-style "poly"
        schedule of many segmentation code bases).

        ## Example
        ```python
        lr = base_lr * (1 - it / max_iter) ** 0.9
        ```

        ## Fixed
        ```python
        lr = base_lr * max(0.0, 1 - it / max_iter) ** 0.9
        ```

        ## Fix safety
        Unsafe: past the horizon the clamped schedule gives 0 (the LR stays at 0, or at the
        floor the code adds) instead of failing; that is a different run, so read it first.
        Offered where the builtin `max` is visible.

        ## What it leaves alone
        Integer powers (`** 2`: wrong past the horizon too, but a number), powers whose
        value the file does not show, and counters the code bounds by the horizon.
    """

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if type(node.operator) is not cst.Power:
            return
        base = without_parentheses(node.left)
        if type(base) is not cst.BinaryOperation or type(base.operator) is not cst.Subtract or number(base.left) != 1:
            return
        ratio = without_parentheses(base.right)
        if type(ratio) is not cst.BinaryOperation or type(ratio.operator) is not cst.Divide:
            return
        power = self._fractional(node.right)
        if power is None:
            return
        analysis = self.context.analysis
        counter, horizon = ratio.left, ratio.right
        if not (_read(counter) and _read(horizon)) or not analysis.lr.step_dependent(counter):
            return
        numbers = analysis.numbers
        if self._capped(counter, horizon) or analysis.loops.passes_within(counter, horizon, node):
            return
        if not any(numbers.positive_possible(t.plus(h, -1), node)
                   for t in numbers.forms(counter) for h in numbers.forms(horizon)):
            return
        code = self.context.code
        self.report(
            node,
            f"`{code(node)}`: once `{code(counter)}` passes `{code(horizon)}` (a resumed or longer run) the base is "
            f"negative and the power {power} is fractional, so the result is complex (Python) or NaN (torch, numpy): "
            f"the learning rate is no longer a number. Clamp the base: `max(0.0, {code(base)}) ** {code(node.right)}`.",
            fix=self._fix(node, base),
        )

    def _capped(self, counter: cst.CSTNode, horizon: cst.CSTNode) -> bool:
        """The counter comes from `min(..., T)` (`it = min(it, max_iter)`); an attribute of
        `self`, when each of its writes in the class and its bases is a constant or such a
        `min` (`load_state_dict` puts back a value it had)."""
        analysis = self.context.analysis
        labels = analysis.numbers.labels([horizon])

        def capped(expression: cst.CSTNode) -> bool:
            return any(type(call) is cst.Call and type(call.func) is cst.Name and call.func.value == "min"
                       and labels & analysis.numbers.labels([a.value for a in call.args])
                       for source in v.local_sources(analysis.index, analysis.values, expression)
                       for call in [source] + analysis.index.of_type(source, cst.Call))

        if capped(counter):
            return True
        attribute = analysis.index.self_attribute(counter) if type(counter) is cst.Attribute else None
        writes = [w for model in analysis.index.mro(attribute[0]) for w in model.writes.get(attribute[1], ())
                  if w.method.name.value != "load_state_dict"] if attribute is not None else []
        return bool(writes) and all(w.operator is None and w.value is not None and (
            analysis.values.constant(w.value) is not None or capped(w.value)) for w in writes)

    def _fractional(self, power: cst.CSTNode) -> Optional[float]:
        """The power's value when every origin shows the same fractional one (a literal, a
        default; for a parameter, what each call of its function passes, or its default, also
        where a call passes a value the file does not show)."""
        analysis = self.context.analysis
        values = v.numbers_given(analysis, power, uncalled_defaults=True)
        origins = analysis.values.origins(power) if values is None and analysis.index.knows(power) else ()
        if len(origins) == 1 and origins[0].kind == v.PARAM and origins[0].default is not None:
            # a value a call reads from a config is taken to be of the kind the default declares
            values = v.numbers_given(analysis, origins[0].default)
            passed = [v.numbers_given(analysis, p) for p in v.parameter_arguments(analysis, origins[0].binding) if p is not None]
            values = values.union(*(p for p in passed if p is not None)) if values is not None else None
        value = values.pop() if values is not None and len(values) == 1 else None
        return value if value is not None and not value.is_integer() else None

    def _fix(self, node: cst.BinaryOperation, base: cst.BaseExpression) -> Optional[Fix]:
        if not builtin_visible(self.context.analysis, "max", node):
            return None
        clamped = cst.Call(cst.Name("max"), [cst.Arg(cst.Float("0.0")), cst.Arg(base.with_changes(lpar=[], rpar=[]))])
        return Fix(Applicability.UNSAFE, "Clamp the base at 0: past the horizon the factor is then 0",
                   [Replacement(node.left, clamped)])


def _read(node: cst.CSTNode) -> bool:
    """A plain read of a value (`it`, `self.max_iters`, `cfg["steps"]`, `float(it)`): a
    counter or a length, not a computation the linear forms cannot follow (`t ** k`)."""
    node = without_parentheses(node)  # type: ignore[arg-type]
    if type(node) is cst.Call and type(node.func) is cst.Name and node.func.value in ("float", "int") \
            and len(node.args) == 1:
        node = without_parentheses(node.args[0].value)
    return type(node) in (cst.Name, cst.Attribute, cst.Subscript)
