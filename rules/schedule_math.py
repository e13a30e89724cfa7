"""Schedule arithmetic: the cosine factor's direction, the linear warm-up's end points."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst

from reviewer.matching import (
    child_nodes,
    dotted_name,
    enclosing,
    FileFacts,
    iter_statements,
    LR_SCHEDULER,
    walk,
)
from reviewer.rules.trigger_checks import WARM_NAME, division_by_warmup_name, one_minus_call
from reviewer.triggers import all_of, any_of, Check
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity

_EMPTY = cst.Module([])


def _code(node: cst.CSTNode) -> str:
    return _EMPTY.code_for_node(node)


def _number(node: cst.CSTNode) -> Optional[float]:
    if isinstance(node, (cst.Integer, cst.Float)):
        return float(node.evaluated_value)
    return None


# --- inverted-cosine-annealing ---

_COS = {"math.cos", "numpy.cos", "np.cos", "torch.cos", "cos"}
_WARMUP_CONTEXT = re.compile(r"(?i)warm_?up|ramp|rise|rising|increas|grow")
#: a name for the top of a schedule (what an annealing schedule starts from)
_PEAK = re.compile(r"(?i)^(?:base_?lrs?|lrs?|lr0|learning_rate|max_?lr|lr_?max|peak(?:_lr)?|initial_?lr|init_?lr|start_?lr|eta_?max|max_learning_rate|base)$")
#: a name for the bottom (what it anneals to)
_FLOOR = re.compile(r"(?i)^(?:eta_?min|min_?lr|lr_?min|final_?lr|end_?lr|lrf|floor|min_learning_rate|lr_?end|final_?factor|min_factor)$")


def _last(node: cst.CSTNode) -> str:
    """`self.base_lr` -> base_lr; `base_lrs[i]` -> base_lrs; else ''."""
    if isinstance(node, cst.Subscript):
        node = node.value
    name = dotted_name(node)
    return name.split(".")[-1] if name else ""


def _is_cos_of_pi(facts: FileFacts, node: cst.CSTNode) -> bool:
    if not isinstance(node, cst.Call) or len(node.args) != 1:
        return False
    name = facts.resolve(node.func)
    if name not in _COS and not (name or "").endswith(".cos"):
        return False
    return "pi" in re.findall(r"[A-Za-z_]+", _code(node.args[0])) or "3.14" in _code(node.args[0])


def _one_minus_cos(facts: FileFacts, node: cst.CSTNode) -> Optional[cst.BinaryOperation]:
    """`1 - cos(pi * ...)` (parentheses allowed), else None."""
    if (
        isinstance(node, cst.BinaryOperation)
        and isinstance(node.operator, cst.Subtract)
        and _number(node.left) == 1.0
        and _is_cos_of_pi(facts, node.right)
    ):
        return node
    return None


def _factors(node: cst.CSTNode) -> List[cst.CSTNode]:
    """The operands of a product `a * b * c`."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
        return _factors(node.left) + _factors(node.right)
    return [node]


def _span(node: cst.CSTNode) -> Optional[Tuple[str, str]]:
    """`(b - c)` as (b, c) names, `1 - c` as ('1', c)."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Subtract):
        left = "1" if _number(node.left) == 1.0 else _last(node.left)
        return left, _last(node.right)
    return None


def _anneals(stack: Sequence[cst.CSTNode], inner: cst.CSTNode) -> bool:
    """From the ancestors of `1 - cos(...)`: is it halved and used to anneal from a peak?

    Yes for `base_lr * (1 - cos) / 2`, `eta_min + (base_lr - eta_min) * (1 - cos) / 2` and
    `(1 - cos) / 2 * (1 - lrf) + lrf`; no for `1 - (1 - cos) / 2` and for interpolations whose
    direction the names do not tell (`y1 + (1 - cos) / 2 * (y2 - y1)`, YOLOv5's `one_cycle`)."""
    child = inner
    factors: List[cst.CSTNode] = []
    halved = False
    offset: Optional[cst.CSTNode] = None
    for parent in reversed(stack):
        if not isinstance(parent, cst.BinaryOperation):
            break
        op = parent.operator
        other = parent.right if parent.left is child else parent.left
        if isinstance(op, cst.Multiply):
            for factor in _factors(other):
                if _number(factor) == 0.5:
                    halved = True
                else:
                    factors.append(factor)
        elif isinstance(op, cst.Divide) and parent.left is child:
            if _number(other) == 2.0:
                halved = True
        elif isinstance(op, cst.Power) and parent.left is child:
            pass
        elif isinstance(op, cst.Add):
            offset = other
            break
        else:
            return False  # `1 - f`, `f - x`, ...: turned around or unknown
        child = parent
    if not halved:
        return False
    if offset is not None:
        floor = _last(offset)
        if not _FLOOR.match(floor or "-"):
            return False
        for factor in factors:
            span = _span(factor)
            if span is not None and span[1] == floor:
                return span[0] == "1" or _PEAK.match(span[0] or "-") is not None
        return False
    return any(_PEAK.match(_last(f) or "-") for f in factors)


def _warmup_context(context, node: cst.CSTNode) -> bool:
    """Inside a warm-up on purpose: a function, class, lambda target or `if` that names it."""
    for ancestor in enclosing(context, (cst.FunctionDef, cst.ClassDef, cst.If, cst.IfExp, cst.Assign)):
        if isinstance(ancestor, (cst.FunctionDef, cst.ClassDef)):
            text = ancestor.name.value
        elif isinstance(ancestor, (cst.If, cst.IfExp)):
            text = _code(ancestor.test)
        else:
            text = " ".join(_code(t.target) for t in ancestor.targets)  # type: ignore[attr-defined]
        if _WARMUP_CONTEXT.search(text):
            return True
    return False


class InvertedCosineAnnealing(Rule):
    code = "RV105"
    name = "inverted-cosine-annealing"
    summary = "A cosine annealing factor written `(1 - cos(pi * t / T)) / 2`: it rises from the floor to the peak."
    severity = Severity.ERROR
    fix_applicability = Applicability.UNSAFE
    trigger = all_of(r"cos\b", any_of(r"pi\b", r"3\.14"))
    structure = Check(one_minus_call)
    documentation = """
        ## What it does
        Finds the cosine factor `(1 - cos(pi * t / T)) / 2` (or `0.5 * (1 - cos(...))`)
        where it is used to anneal: multiplying a peak learning rate (`base_lr * f`), or in
        `floor + f * (peak - floor)` / `f * (1 - lrf) + lrf` with recognisable peak and floor
        names. Warm-ups (a function, class, variable or condition naming warm-up or a ramp)
        and interpolations whose direction is not known from the names (YOLOv5's
        `one_cycle(y1, y2)`, which is called with y1 > y2 to decay) are left alone.

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
        Unsafe: it changes the learning-rate curve (to the intended one).
    """

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        inner = _one_minus_cos(self.context.facts, node)
        if inner is None:
            return
        if not _anneals(self.context.stack[:-1], inner) or _warmup_context(self.context, node):
            return
        fixed = inner.with_changes(
            operator=cst.Add(
                whitespace_before=inner.operator.whitespace_before,  # type: ignore[attr-defined]
                whitespace_after=inner.operator.whitespace_after,  # type: ignore[attr-defined]
            )
        )
        self.report(
            inner,
            f"`{self.context.code(inner)}` makes the cosine factor 0 at the start of each period and 1 at its "
            "end, so this schedule climbs from the floor to the peak instead of annealing. The annealing "
            "factor is `(1 + cos(...)) / 2`.",
            fix=Fix(Applicability.UNSAFE, "Use `1 + cos(...)`", [Replacement(inner, fixed)]),
        )


# --- warmup-never-reaches-peak ---

_LAMBDA_SCHEDULERS = {f"{LR_SCHEDULER}.LambdaLR"}


def _unwrap(node: cst.CSTNode) -> cst.CSTNode:
    """`float(x)` -> x; `max(1, x)` / `max(x, 1)` -> x."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
        args = [a.value for a in node.args if a.keyword is None and not a.star]
        if node.func.value in ("float", "int") and len(args) == 1:
            return _unwrap(args[0])
        if node.func.value == "max" and len(args) == 2:
            rest = [a for a in args if _number(a) is None]
            if len(rest) == 1:
                return _unwrap(rest[0])
    return node


def _test_guards(test: cst.CSTNode, counter: str, horizon: str) -> bool:
    """`counter < horizon` (or `horizon > counter`) somewhere in an `if` test."""
    if isinstance(test, cst.Comparison):
        left = test.left
        for target in test.comparisons:
            op = target.operator
            right = target.comparator
            if isinstance(op, cst.LessThan) and _code(_unwrap(left)) == counter and _code(_unwrap(right)) == horizon:
                return True
            if isinstance(op, cst.GreaterThan) and _code(_unwrap(left)) == horizon and _code(_unwrap(right)) == counter:
                return True
            left = right
        return False
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _test_guards(test.left, counter, horizon) or _test_guards(test.right, counter, horizon)
    return False


def _in_body_of(stack: Sequence[cst.CSTNode], index: int) -> bool:
    """The node at stack[index] is an If/IfExp; is the visited node in its body (not else)?"""
    parent = stack[index]
    child = stack[index + 1] if index + 1 < len(stack) else None
    if isinstance(parent, cst.If):
        return child is parent.body
    if isinstance(parent, cst.IfExp):
        return child is parent.body
    return False


def _function_scope(stack: Sequence[cst.CSTNode]) -> Optional[cst.CSTNode]:
    for node in reversed(stack):
        if isinstance(node, (cst.FunctionDef, cst.Lambda)):
            return node
    return None


def _first_parameter(function: cst.CSTNode) -> Optional[str]:
    params = function.params.params  # type: ignore[attr-defined]
    names = [p.name.value for p in params if p.name.value not in ("self", "cls")]
    return names[0] if names else None


def _lambda_lr_functions(facts: FileFacts, module: cst.Module, source: str) -> Dict[str, bool]:
    """Functions or lambdas passed to LambdaLR anywhere in the file (names, and `#id` of inline
    lambdas) -> whether every such LambdaLR sits in a scope that also builds a SequentialLR,
    which hands over to the next schedule at the milestone (so the factor never passes 1)."""
    found: Dict[str, bool] = {}
    anywhere = "SequentialLR" in source  # the module's code

    def visit(node: cst.CSTNode, sequential: bool) -> None:
        if isinstance(node, cst.FunctionDef):
            sequential = anywhere and "SequentialLR" in _code(node)
        if isinstance(node, cst.Call) and facts.resolve(node.func) in _LAMBDA_SCHEDULERS:
            for arg in node.args:
                if arg.keyword is None or arg.keyword.value == "lr_lambda":
                    value = arg.value
                    values = [e.value for e in value.elements] if isinstance(value, (cst.List, cst.Tuple)) else [value]
                    for v in values:
                        name = dotted_name(v)
                        key = name if name is not None else f"#{id(v)}" if isinstance(v, cst.Lambda) else None
                        if key is not None:
                            found[key] = found.get(key, True) and sequential
        for child in child_nodes(node):
            visit(child, sequential)

    visit(module, anywhere)
    return found


def _alias(function: cst.CSTNode, counter: str, node: cst.CSTNode) -> Optional[str]:
    """`counter = self._step` before the node: the dotted name it copies."""
    text = _code(function)
    position = text.find(_code(node))
    before = text[: position if position >= 0 else len(text)]
    found = re.findall(rf"(?m)^\s*{re.escape(counter)}\s*=\s*([A-Za-z_][\w.]*)\s*(?:#.*)?$", before)
    return found[-1] if found else None


def _incremented_in_class(stack: Sequence[cst.CSTNode], counter: str, classes=None) -> bool:
    """`self.x += 1` or `self.x = ... + 1` anywhere in the enclosing class (another method steps it)."""
    if not counter.startswith("self."):
        return False
    klass = next((n for n in reversed(stack) if isinstance(n, cst.ClassDef)), None)
    escaped = re.escape(counter)
    seen: Set[str] = set()
    while klass is not None and klass.name.value not in seen:  # the class, then its local bases
        seen.add(klass.name.value)
        if re.search(rf"(?m)^\s*{escaped}\s*(?:\+=|=[^\n#]*\+\s*1\b)", _code(klass)):
            return True
        bases = [dotted_name(b.value) for b in klass.bases]
        klass = next((classes[b] for b in bases if b in classes), None) if classes else None
    return False


def _incremented_before(function: cst.CSTNode, counter: str, node: cst.CSTNode, source: str, depth: int = 0) -> bool:
    """The counter starts above 0 where it is read: `counter += 1` before the node, or
    `counter = x + 1`, or `counter = other` where `other` was incremented before."""
    text = _code(function)
    position = text.find(_code(node))
    before = text[: position if position >= 0 else len(text)]
    escaped = re.escape(counter)
    if re.search(rf"(?m)^\s*{escaped}\s*(?:\+=|=\s*{escaped}\s*\+)", before):
        return True
    assignments = re.findall(rf"(?m)^\s*{escaped}\s*=\s*([^\n#]+)", before)
    if not assignments:
        return False
    value = assignments[-1].strip()
    if re.search(r"\+\s*1\s*$", value):
        return True
    if depth < 3 and re.fullmatch(r"[A-Za-z_][\w.]*", value):
        return _incremented_before(function, value, node, source, depth + 1)
    return False


def _interpolates(function: Optional[cst.CSTNode], stack: Sequence[cst.CSTNode]) -> bool:
    """The ratio is stored in a name used as `1 - alpha` (`factor * (1 - alpha) + alpha`, detectron2):
    an interpolation from a non-zero start factor, not a factor from 0."""
    if function is None:
        return False
    for ancestor in reversed(stack):
        if isinstance(ancestor, cst.Assign):
            target = ancestor.targets[0].target
            if isinstance(target, cst.Name):
                pattern = rf"\b1(?:\.0*)?\s*-\s*{re.escape(target.value)}\b"
                return re.search(pattern, _code(function)) is not None
            return False
        if isinstance(ancestor, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            return False
    return False


def _not_a_factor(stack: Sequence[cst.CSTNode], node: cst.BinaryOperation) -> bool:
    """A ratio inside another computation (`math.cos(math.pi * t / W)`), or scaled by pi."""
    if "pi" in re.findall(r"[A-Za-z_]+", _code(node.left)):
        return True
    for ancestor in reversed(stack):
        if isinstance(ancestor, (cst.SimpleStatementLine, cst.BaseCompoundStatement, cst.Lambda)):
            return False
        if isinstance(ancestor, cst.Call):
            name = (dotted_name(ancestor.func) or "").split(".")[-1]
            if name not in ("min", "max", "float", "clip", "clamp", "minimum"):
                return True
    return False


def _compounds(function: Optional[cst.CSTNode], division: cst.CSTNode, stack: Sequence[cst.CSTNode]) -> bool:
    """The factor multiplies a value into itself (`x = x * rate`, `x *= rate`): that is
    cumulative-warmup's finding, and the end points below do not apply."""
    names: Set[str] = set()
    for ancestor in reversed(stack):
        if isinstance(ancestor, (cst.Assign, cst.AugAssign)):
            if isinstance(ancestor, cst.AugAssign):
                return isinstance(ancestor.operator, cst.MultiplyAssign)
            target = ancestor.targets[0].target
            name = dotted_name(target)
            if name is not None and name in {dotted_name(n) for n in _names(ancestor.value)}:
                return True
            if isinstance(target, cst.Name):
                names.add(target.value)
            break
    if function is None or not names:
        return False
    for statement in _statements(function):
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.AugAssign) and isinstance(small.operator, cst.MultiplyAssign):
                if names & {dotted_name(n) for n in _names(small.value)}:
                    return True
            if isinstance(small, cst.Assign):
                target = dotted_name(small.targets[0].target)
                used = {dotted_name(n) for n in _names(small.value)}
                if target in used and names & used:
                    return True
    return False


def _names(node: cst.CSTNode) -> List[cst.CSTNode]:
    """Names and whole attribute chains under `node` (not the parts of a chain)."""
    return [
        n for n in walk(node, prune=lambda n: isinstance(n, cst.Attribute)) if isinstance(n, (cst.Name, cst.Attribute))
    ]


def _statements(function: cst.CSTNode) -> List[cst.CSTNode]:
    body = getattr(function, "body", None)
    if isinstance(body, cst.IndentedBlock):
        return list(iter_statements(body.body))
    return []


class WarmupNeverReachesPeak(Rule):
    code = "RV106"
    name = "warmup-never-reaches-peak"
    summary = "A linear warm-up factor `it / W` that starts at 0, never reaches 1, or passes 1 unclamped."
    severity = Severity.INFO
    fix_applicability = Applicability.UNSAFE
    trigger = r"(?i)warm"
    structure = Check(division_by_warmup_name)
    documentation = """
        ## What it does
        Finds the linear warm-up factor `it / W` (`W` a warm-up length):

        - under `if it < W:` (or as the `LambdaLR` lambda, which is first called with 0): the
          factor is 0 on the first step, so the first update is wasted, and only reaches
          `(W - 1) / W` before the warm-up ends;
        - as a `LambdaLR` lambda with no `if` on `W`, no `min(...)` and no `SequentialLR`
          taking over at the milestone: after `W` steps the factor keeps growing past 1.

        Left alone: a counter that starts at 1 where it is read (`self.iters += 1` first,
        `step = self.last_epoch + 1`, a counter another method of the class stores as
        `step + 1`, `for epoch in range(1, ...)`); a ratio used to interpolate from a non-zero
        start (`warmup_factor * (1 - alpha) + alpha`, detectron2); a factor that compounds
        (cumulative-warmup's finding); a ratio inside another function (`cos(pi * t / W)`).

        ## Why it matters
        karpathy/nanoGPT #443 (fixed in PR #578 with `(it + 1) / (warmup_iters + 1)`) and
        EleutherAI/gpt-neox PR #1379: the warm-up's first step runs at learning rate 0 and the
        peak is reached a step late. Unclamped, the "warm-up" becomes a linear increase that
        never stops.

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

    def __init__(self, context) -> None:
        super().__init__(context)
        self._targets: Optional[Dict[str, bool]] = None

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if not isinstance(node.operator, cst.Divide):
            return
        denominator = _unwrap(node.right)
        horizon = dotted_name(denominator)
        if horizon is None or not WARM_NAME.search(horizon.split(".")[-1]):
            return
        # the counter: the numerator, or a name in a product (`learning_rate * it / warmup_iters`)
        candidates = [dotted_name(_unwrap(f)) for f in _factors(node.left)]
        names = [c for c in candidates if c is not None]
        if len(names) != len(candidates) or not names:
            return
        counter = self._counter(names, horizon)
        if counter is None:
            return
        bare = len(names) == 1
        stack = self.context.stack[:-1]
        function = _function_scope(stack)
        if _compounds(function, node, stack) or _interpolates(function, stack) or _not_a_factor(stack, node):
            return
        guarded = False
        clamped = False
        for index in range(len(stack) - 1, -1, -1):
            ancestor = stack[index]
            if isinstance(ancestor, (cst.FunctionDef, cst.ClassDef)):
                break
            if isinstance(ancestor, (cst.If, cst.IfExp)):
                if horizon in {dotted_name(n) for n in _names(ancestor.test)}:
                    clamped = True
                if _in_body_of(self.context.stack, index) and _test_guards(ancestor.test, counter, horizon):
                    guarded = True
            if isinstance(ancestor, cst.Call) and (dotted_name(ancestor.func) or "").split(".")[-1] in (
                "min", "clip", "clamp", "minimum",
            ):
                clamped = True
        lambda_lr = self._is_lambda_lr(function, counter)
        if lambda_lr:
            clamped = True  # a SequentialLR takes over at the milestone
        if function is not None and isinstance(function, cst.FunctionDef) and horizon in _early_exits(function):
            clamped = True
        if guarded:
            if function is not None and _incremented_before(function, counter, node, self.context.source):
                return
            if _loop_starts_at_one(stack, counter) or _incremented_in_class(stack, counter, self.context.facts.classes):
                return
            source = _alias(function, counter, node) if function is not None else None
            if source is not None and _incremented_in_class(stack, source, self.context.facts.classes):
                return
            self.report(
                node,
                f"`{self.context.code(node)}` is 0 when `{counter}` is 0 (the first update runs at learning "
                f"rate 0) and stays below 1 for the whole warm-up (at most ({horizon} - 1) / {horizon} for an integer "
                "counter). Use "
                f"`({counter} + 1) / ({horizon} + 1)` (nanoGPT) or `({counter} + 1) / {horizon}`.",
            )
            return
        if lambda_lr is None:
            return
        if clamped:
            self.report(
                node,
                f"`{self.context.code(node)}` is 0 on the first step (LambdaLR calls it with 0 when it is "
                f"built), so the first update runs at learning rate 0. Use `({counter} + 1) / {horizon}`.",
            )
            return
        fix = None
        if bare:
            fix = Fix(
                Applicability.UNSAFE,
                "Clamp the warm-up factor at 1",
                [Replacement(node, cst.parse_expression(f"min(1.0, {self.context.code(node)})"))],
            )
        self.report(
            node,
            f"`{self.context.code(node)}` keeps growing after `{horizon}` steps (nothing clamps it at 1), and "
            f"is 0 on the first step. Clamp it: `min(1.0, {self.context.code(node)})`.",
            fix=fix,
        )

    def _counter(self, names: List[str], horizon: str) -> Optional[str]:
        """The factor that counts steps: compared with the horizon in an enclosing `if`, or the
        first parameter of the enclosing function or lambda."""
        stack = self.context.stack[:-1]
        for ancestor in reversed(stack):
            if isinstance(ancestor, (cst.FunctionDef, cst.ClassDef)):
                break
            if isinstance(ancestor, (cst.If, cst.IfExp)):
                for name in names:
                    if _test_guards(ancestor.test, name, horizon):
                        return name
        function = _function_scope(stack)
        if function is not None and _first_parameter(function) in names:
            return _first_parameter(function)
        return names[0] if len(names) == 1 else None

    def _is_lambda_lr(self, function: Optional[cst.CSTNode], counter: str) -> Optional[bool]:
        """None unless the division is in a LambdaLR lambda (or function) and divides its first
        parameter; then whether a SequentialLR hands over at the milestone (True) or not (False)."""
        if function is None or _first_parameter(function) != counter:
            return None
        if self._targets is None:
            self._targets = _lambda_lr_functions(self.context.facts, self.context.module, self.context.source)
        targets = self._targets
        keys: List[str] = []
        if isinstance(function, cst.FunctionDef):
            keys.append(function.name.value)
        else:
            keys.append(f"#{id(function)}")
            for ancestor in reversed(self.context.stack[:-1]):
                if isinstance(ancestor, cst.Assign) and ancestor.value is function:
                    keys.extend(dotted_name(t.target) or "" for t in ancestor.targets)
        found = [targets[k] for k in keys if k in targets]
        if not found:
            return None
        return all(found)


def _early_exits(function: cst.FunctionDef) -> Set[str]:
    """Names compared in an `if` of the function's body (`if step >= warmup: return 1.0`)."""
    found: Set[str] = set()
    for statement in _statements(function):
        if isinstance(statement, cst.If):
            found |= {dotted_name(n) or "" for n in _names(statement.test)}
    return found


def _loop_starts_at_one(stack: Sequence[cst.CSTNode], counter: str) -> bool:
    """`for counter in range(1, ...)` around the node."""
    for node in stack:
        if isinstance(node, cst.For) and dotted_name(node.target) == counter:
            call = node.iter
            if isinstance(call, cst.Call) and dotted_name(call.func) == "range" and len(call.args) >= 2:
                start = _number(call.args[0].value)
                return start is not None and start >= 1
    return False
