import re
from typing import List, Optional, Tuple

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.tree import argument, code, dotted_name, exits, number, product_operands, subscript_key
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity
from reviewer.triggers import Check, all_of, any_of, cosine_and_pi

_COS = {"math.cos", "numpy.cos", "torch.cos", "cos"}
#: names that say a rise is meant (evidence only, where no guard shows a warm-up)
_RISING = re.compile(r"(?i)warm_?up|ramp|rise|rising|increas|grow")
#: names of the top and the bottom of a schedule (evidence only, where the flow shows nothing)
_PEAK = re.compile(r"(?i)^(?:base_?lrs?|lrs?|lr0|learning_rate|max_?lr|lr_?max|peak(?:_lr)?|initial_?lr|init_?lr"
                   r"|start_?lr|eta_?max|max_learning_rate|base)$")
_FLOOR = re.compile(r"(?i)^(?:eta_?min|min_?lr|lr_?min|final_?lr|end_?lr|lrf|floor|min_learning_rate|lr_?end"
                    r"|final_?factor|min_factor)$")


class InvertedCosineAnnealing(Rule):
    code = "RV105"
    name = "inverted-cosine-annealing"
    summary = "A cosine annealing factor written `(1 - cos(pi * t / T)) / 2`: it rises from the floor to the peak."
    severity = Severity.ERROR
    fix_applicability = Applicability.UNSAFE
    changes_schedule = True
    trigger = all_of(r"cos\b", any_of(r"pi\b", r"3\.14"))
    structure = Check(cosine_and_pi)
    metamorphic_limits = {
        "rename": "whether a rising cosine is meant (a ramp, a warm-up outside any guard) and which operand "
                  "of `floor + f * (peak - floor)` is the peak show only in names where no guard or learning-rate "
                  "flow shows them",
    }
    documentation = """
        ## What it does
        Finds the cosine factor `(1 - cos(pi * t / T)) / 2` (or `0.5 * (1 - cos(...))`)
        where it is used to anneal: multiplying a peak learning rate (`base_lr * f`, `lr *
        f` over `base_lrs`), or in `floor + f * (peak - floor)` / `f * (1 - x) + x`
        (whatever `x` is called: the factor's top is 1), also where a helper returns the
        factor and its callers use it so. Where every call of the file gives
        both ends numbers, their order decides (`sweep(t, T, 0.1, 0.001)` falls). A peak is
        a learning rate by the file's flow (an attribute that reaches a param group, a
        scheduler's `base_lrs`, the `lr` an optimizer of the file is built with, followed
        through parameters to their callers); where the flow shows nothing, its name
        (`base_lr`, `max_lr`), and the floor's name (`eta_min`, `min_lr`, `lrf`), or, for
        ends that are parameters, the names of what every call passes for them
        (`cosine_scheduler(args.lr, args.min_lr)`).

        A rise on purpose is left alone: a factor under a test of the step against a length
        (`if t < warmup:`), and, where no guard shows it, a function, class, variable or
        condition named like a warm-up or a ramp. So are interpolations whose direction the
        code does not tell (YOLOv5's `one_cycle(y1, y2)`, called with y1 > y2 to decay).
        A factor past such a test (in its `else`, or after `if t < warmup: return ...`)
        comes after the warm-up, and is reported whatever the names say.

        ## Why it matters
        `(1 - cos(pi * t / T)) / 2` is 0 at t = 0 and 1 at t = T: the schedule starts at the
        floor and climbs to the peak, the opposite of cosine annealing, and nothing fails:
        training just runs at the wrong rates. The annealing factor is `(1 + cos(...)) / 2`.

        ## Example
        ```python
        lr = eta_min + (base_lr - eta_min) * (1 - math.cos(math.pi * t / T)) / 2
        ```

        ## Fixed
        ```python
        lr = eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * t / T)) / 2
        ```

        ## Fix safety
        Unsafe: it changes every value of the learning-rate curve (to the intended one).
    """

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if not self._one_minus_cos(node):
            return
        if not self._anneals(node) or self._rises_on_purpose(node):
            return
        minus = node.operator
        fixed = node.with_changes(operator=cst.Add(whitespace_before=minus.whitespace_before,  # type: ignore[attr-defined]
                                                   whitespace_after=minus.whitespace_after))  # type: ignore[attr-defined]
        self.report(
            node,
            f"`{self.context.code(node)}` makes the cosine factor 0 at the start of each period and 1 at its "
            "end, so this schedule climbs from the floor to the peak instead of annealing. The annealing "
            "factor is `(1 + cos(...)) / 2`.",
            fix=Fix(Applicability.UNSAFE, "Use `1 + cos(...)`", [Replacement(node, fixed)]),
        )

    def _one_minus_cos(self, node: cst.BinaryOperation) -> bool:
        """`1 - cos(pi * ...)`."""
        if type(node.operator) is not cst.Subtract or number(node.left) != 1.0:
            return False
        right = node.right
        if type(right) is not cst.Call or len(right.args) != 1:
            return False
        name = self.context.analysis.qualified(right.func) or ""
        if name not in _COS and not name.endswith(".cos"):
            return False
        argument = right.args[0].value
        return any(
            (type(n) is cst.Name and n.value == "pi") or (type(n) is cst.Attribute and n.attr.value == "pi")
            or (type(n) is cst.Float and n.value.startswith("3.14"))
            for n in self.context.analysis.index.descendants(argument)
        )

    def _anneals(self, inner: cst.CSTNode) -> bool:
        """From the expressions around `1 - cos(...)`: is it halved and used to anneal from a
        peak? Yes for `base_lr * (1 - cos) / 2`, `eta_min + (base_lr - eta_min) * (1 - cos) / 2`
        and `(1 - cos) / 2 * (1 - lrf) + lrf`; no for `1 - (1 - cos) / 2` and for
        interpolations whose direction is not known (`y1 + (1 - cos) / 2 * (y2 - y1)`). A
        local that holds part of the expression is followed to where it is used."""
        return self._anneals_from(inner, [], False, 0)

    def _anneals_from(self, inner: cst.CSTNode, factors: List[cst.CSTNode], halved: bool, depth: int) -> bool:
        index = self.context.analysis.index
        child = inner
        offset: Optional[cst.CSTNode] = None
        factors = list(factors)
        for parent in index.ancestors(inner):
            if type(parent) is not cst.BinaryOperation:
                if type(parent) is cst.Assign and parent.value is child and depth < 3:
                    uses = self._uses(parent)
                    if uses:  # a local: judged where it is read; a param group or attribute: here
                        return any(self._anneals_from(use, factors, halved, depth + 1) for use in uses)
                function = index.function_of(parent)
                if type(parent) is cst.Return and parent.value is child and depth < 3 and type(function) is cst.FunctionDef \
                        and any(self._anneals_from(call, factors, halved, depth + 1)
                                for call in self.context.analysis.calls_of(function)):
                    return True  # a helper's result (`return 0.5 * (1 - cos(...))`), used to anneal where it is called
                break
            operator = type(parent.operator)
            other = parent.right if parent.left is child else parent.left
            if operator is cst.Multiply:
                for factor in self._operands(other):
                    if number(factor) == 0.5:
                        halved = True
                    else:
                        factors.append(factor)
            elif operator is cst.Divide and parent.left is child:
                if number(other) == 2.0:
                    halved = True
            elif operator is cst.Power and parent.left is child:
                pass
            elif operator is cst.Add:
                offset = other
                break
            else:
                return False  # `1 - f`, `f - x`, ...: turned around or unknown
            child = parent
        if not halved:
            return False
        if offset is not None:
            for factor in factors:
                span = _span(factor)
                if span is not None and _same(span[1], offset):  # `x + (1 - x) * f`: x is the floor
                    rises = self._rises(span[0], offset)
                    return rises if rises is not None else (
                        self._peak_over_floor(span[0], offset) or self._passed_over_floor(span[0], offset))
            return False
        return any(self._peak(f) for f in factors)

    def _rises(self, top: cst.CSTNode, start: cst.CSTNode) -> Optional[bool]:
        """Whether `start + (top - start) * f` rises as `f` does, by the numbers the file gives
        both ends (YOLOv5's `one_cycle(1, lrf)` falls); None where it gives none."""
        tops, starts = (v.numbers_given(self.context.analysis, end) for end in (top, start))
        if tops is None or starts is None:
            return None
        return True if min(tops) > max(starts) else False if max(tops) < min(starts) else None

    def _peak_over_floor(self, top: Optional[cst.CSTNode], bottom: Optional[cst.CSTNode]) -> bool:
        """`top` is the peak and `bottom` the floor: a top of 1, the optimizer's `lr`, else their names."""
        return top is not None and bottom is not None and (
            number(top) == 1.0 or self._optimizer_rate(top)
            or (_FLOOR.match(_last(bottom) or "-") is not None and self._peak(top)))

    def _passed_over_floor(self, top: cst.CSTNode, bottom: cst.CSTNode) -> bool:
        """Both are parameters, and every call of their function passes a peak for `top` and a
        floor for `bottom` (`cosine_scheduler(args.lr, args.min_lr, ...)`)."""
        analysis = self.context.analysis
        found = []
        for end in (v.held(analysis, top), v.held(analysis, bottom)):  # also through `cfg = {"lr": lr}`
            bindings = analysis.values.reaching(end) if type(end) is cst.Name and analysis.index.knows(end) else []
            found.append(v.parameter_arguments(analysis, bindings[0]) if len(bindings) == 1 else [])
        return bool(found[0]) and len(found[0]) == len(found[1]) and all(
            self._peak_over_floor(*ends) for ends in zip(*found))

    def _optimizer_rate(self, node: cst.CSTNode) -> bool:
        """`node` holds the `lr` an optimizer of the file is built with (the peak), by the flow
        through parameters to their callers."""
        analysis = self.context.analysis
        mine = v.sources(analysis, node) if analysis.index.knows(node) else set()
        return bool(mine) and any(
            rate is not None and v.sources(analysis, rate.value) & mine
            for call, _ in analysis.objects.constructions(o.OPTIMIZER) for rate in [argument(call, "lr", 1)])

    def _operands(self, product: cst.CSTNode, depth: int = 0) -> List[cst.CSTNode]:
        """The operands of a product, through locals that hold one (`d = base_lr * 0.5`)."""
        analysis = self.context.analysis
        found: List[cst.CSTNode] = []
        for operand in product_operands(product):
            bindings = analysis.values.reaching(operand) if type(operand) is cst.Name and \
                analysis.index.knows(operand) else []
            if depth < 3 and len(bindings) == 1 and bindings[0].kind == "assign" and not bindings[0].path \
                    and bindings[0].value is not None:
                found += self._operands(bindings[0].value, depth + 1)
            else:
                found.append(operand)
        return found

    def _uses(self, assign: cst.Assign) -> List[cst.CSTNode]:
        """The reads of a local assigned by `assign` that see that assignment."""
        index = self.context.analysis.index
        names = {t.target.value for t in assign.targets if type(t.target) is cst.Name}
        function = index.function_of(assign) or index.module
        return [n for n in index.of_type(function, cst.Name) if n.value in names and not index.is_store(n)
                and any(b.statement is assign for b in self.context.analysis.values.reaching(n))]

    def _peak(self, node: cst.CSTNode) -> bool:
        """A learning rate by the flow (an LR attribute of a scheduler-like class, an element
        of its `base_lrs`), else by its name."""
        analysis = self.context.analysis
        index = analysis.index
        target = node.value if type(node) is cst.Subscript else node
        if index.knows(target):
            owner = index.self_attribute(target)
            if owner is not None and owner[1] in analysis.lr.lr_attributes(owner[0]):
                return True
            if type(target) is cst.Name:
                for binding in index.bindings(target):
                    if binding.kind == "for" and binding.value is not None:
                        if any(index.knows(n) and index.self_attribute(n) is not None
                               and index.self_attribute(n)[1] in analysis.lr.lr_attributes(index.self_attribute(n)[0])
                               for n in index.descendants(binding.value)):
                            return True
        return _PEAK.match(_last(node) or "-") is not None

    def _rises_on_purpose(self, node: cst.CSTNode) -> bool:
        """Under a test of a counter against a length (`if t < warmup:`), or, where no guard
        shows it, in a function, class, lambda target or `if` named like a warm-up or ramp."""
        analysis = self.context.analysis
        index = analysis.index
        if self._past_the_ramp(node):
            return False
        child = node
        for ancestor in index.ancestors(node):
            kind = type(ancestor)
            if kind in (cst.If, cst.IfExp) and child is ancestor.body:
                if _counter_below(analysis, ancestor.test) or _RISING.search(code(ancestor.test)):
                    return True
            elif kind in (cst.FunctionDef, cst.ClassDef) and _RISING.search(ancestor.name.value):
                return True
            elif kind is cst.Assign and _RISING.search(" ".join(code(t.target) for t in ancestor.targets)):
                return True
            child = ancestor
        return False

    def _past_the_ramp(self, node: cst.CSTNode, depth: int = 0) -> bool:
        """In the `else` of a test of a counter against a length, or after `if t < warmup:
        return ...`: the warm-up is the other branch, and this factor comes after it; or in
        a helper every call of which is so placed."""
        analysis = self.context.analysis
        child = node
        for ancestor in analysis.index.ancestors(node):
            kind = type(ancestor)
            if kind in (cst.If, cst.IfExp) and child is ancestor.orelse and _counter_below(analysis, ancestor.test):
                return True
            if kind is cst.IndentedBlock:
                for statement in ancestor.body:
                    if statement is child:
                        break
                    if type(statement) is cst.If and exits(statement.body) and _counter_below(analysis, statement.test):
                        return True
            if kind in (cst.FunctionDef, cst.Lambda):
                calls = analysis.calls_of(ancestor) if kind is cst.FunctionDef and depth < 2 else []
                return bool(calls) and all(self._past_the_ramp(call, depth + 1) for call in calls)
            child = ancestor
        return False


def _counter_below(analysis, test: cst.CSTNode) -> bool:
    if type(test) is cst.BooleanOperation:
        return _counter_below(analysis, test.left) or _counter_below(analysis, test.right)
    if type(test) is not cst.Comparison or len(test.comparisons) != 1:
        return False
    operator = type(test.comparisons[0].operator)
    left, right = test.left, test.comparisons[0].comparator
    if operator in (cst.GreaterThan, cst.GreaterThanEqual):
        left, right = right, left
    elif operator not in (cst.LessThan, cst.LessThanEqual):
        return False
    return analysis.lr.step_dependent(left) and not analysis.lr.step_dependent(right)


def _span(node: cst.CSTNode) -> Optional[Tuple[cst.CSTNode, cst.CSTNode]]:
    """`(b - c)` as (b, c)."""
    if type(node) is cst.BinaryOperation and type(node.operator) is cst.Subtract:
        return node.left, node.right
    return None


def _last(node: cst.CSTNode) -> str:
    """`self.base_lr` -> base_lr; `base_lrs[i]` -> base_lrs; `cfg["base_lr"]` -> base_lr; a
    scaled value by what it scales (`args.lr * bs / 256` -> lr); else ''."""
    while type(node) is cst.BinaryOperation and type(node.operator) in (cst.Multiply, cst.Divide):
        node = node.left
    if type(node) is cst.Subscript:
        key = subscript_key(node)
        if key is not None:
            return key
        node = node.value
    name = dotted_name(node)
    return name.split(".")[-1] if name else ""


def _same(a: cst.CSTNode, b: cst.CSTNode) -> bool:
    return " ".join(code(a).split()) == " ".join(code(b).split())
