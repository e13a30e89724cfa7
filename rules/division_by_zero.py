"""RV104 schedule-division-by-zero: a schedule divides by a length that valid settings make 0."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple

import libcst as cst

from reviewer.matching import (
    dotted_name,
    enclosing,
    keyword_arg,
    SCHEDULER_BASES,
    SCHEDULERS,
    small_statements,
    walk,
)
from reviewer.rules.trigger_checks import OTHER, TOTAL, WARMUP, schedule_divisor
from reviewer.triggers import all_of, any_of, Check, LR_VOCABULARY
from reviewer.rule import Applicability, Fix, Replacement, Rule

#: warm-up lengths that are counted in whole iterations (never fractional)
_INTEGER_UNITS = re.compile(r"(?:iters?|iterations?|steps?|its|updates|batches)$")

_FUNCTION_NAME = re.compile(
    r"(?:^|_)(?:lr|lrs|learning_rate)(?:_|$)|schedul|warm_?up|anneal|one_?cycle|(?:^|_)lambda(?:_|$)|get_lr",
    re.IGNORECASE,
)
_CLASS_NAME = re.compile(r"LR|Lr[A-Z]|Scheduler|Schedule|Warm[uU]p|Annealing")
_RESTORING_METHODS = {"load_state_dict", "__setstate__", "set_state", "restore", "from_state_dict"}
_LAMBDA_SCHEDULERS = ("LambdaLR", "MultiplicativeLR")


def _key(node: cst.CSTNode) -> Optional[str]:
    """The setting a divisor names: `epochs`, `args.epochs`, `hyp['epochs']` all give `epochs`."""
    if isinstance(node, cst.Name):
        return node.value.lower()
    if isinstance(node, cst.Attribute):
        return node.attr.value.lower()
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        index = node.slice[0].slice
        if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
            value = index.value.evaluated_value
            if isinstance(value, str):
                return value.lower()
    return None


def _unwrap(node: cst.BaseExpression) -> cst.BaseExpression:
    """`float(d)` and `int(d)` are zero when `d` is."""
    while isinstance(node, cst.Call) and dotted_name(node.func) in ("float", "int") and len(node.args) == 1:
        node = node.args[0].value
    return node


def _positive_int(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Integer) and node.evaluated_value > 0


def _subtraction_operands(node: cst.BaseExpression) -> Optional[List[cst.BaseExpression]]:
    if not (isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Subtract)):
        return None
    operands: List[cst.BaseExpression] = []
    node = node.with_changes(lpar=[], rpar=[])
    while isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Subtract) and not node.lpar:
        operands.append(node.right)
        node = node.left
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Subtract):
        return None  # a parenthesised inner difference: keep it simple
    operands.append(node)
    return list(reversed(operands))


@dataclass
class Divisor:
    kind: str  # "difference", "warmup" or "attribute"
    node: cst.BaseExpression
    #: the divisor as written, without parentheses
    text: str
    integer: bool
    detail: str


class ScheduleDivisionByZero(Rule):
    code = "RV104"
    name = "schedule-division-by-zero"
    summary = "A learning-rate schedule divides by a length that valid settings make zero."
    fix_applicability = Applicability.UNSAFE
    # schedule code: LR names, scheduler/warm-up/annealing names, LambdaLR lambdas, `lr_lambda`
    trigger = all_of(
        any_of(
            LR_VOCABULARY, r"LR(?:\b|_|s\b)", "Lr[A-Z]", "lambda_", r"_lambda\b", "get_lr", "GET_LR",
            # `schedul`, `warm_up`, `anneal`, `one_cycle` in any case
            "schedul", "Schedul", "SCHEDUL", "warm_?[uU]p", "Warm_?[uU]p", "WARM_?UP",
            "anneal", "Anneal", "ANNEAL", "one_?[cC]ycle", "One_?[cC]ycle", "ONE_?CYCLE",
        ),
        r"[/%]",
    )
    structure = Check(schedule_divisor)
    documentation = """
        ## What it does
        In schedule code (a scheduler-like class, a function or lambda given to `LambdaLR`,
        a function that writes `["lr"]`, a function named like `get_lr` or `lr_lambda`),
        reports a division or modulo whose divisor is zero for valid settings:

        - a difference of horizon settings: `epochs - 1`, `total - warmup`,
          `max_iter - warmup_iter`, `decay_iters - warmup_iters`;
        - a bare warm-up length: `it / warmup_iters` (0 disables the warm-up);
        - an attribute initialised to 0 in `__init__` and only set under a condition
          (`self.gap`).

        A guard that excludes zero silences it: `if t < warmup:` around `t / warmup`,
        `if d > 0`, `assert d > 0`, an early `return` when `d == 0`, `max(1, d)`, early
        returns that leave `warmup <= t < total` before `/ (total - warmup)`, a
        `try ... except ZeroDivisionError`, or a validation of the same setting anywhere
        in the file (`if warmup_period <= 0: raise ValueError(...)`). In a plain function
        (not a scheduler class or a LambdaLR function, which are evaluated once more after
        the last step), `/ (total - warmup)` in the branch where `t >= warmup` is not
        reported: it needs `t >= total`, which the training loop never passes.

        ## Why it matters
        Training with one epoch, without warm-up, or with the warm-up as long as the
        schedule is a valid configuration; the schedule then raises ZeroDivisionError
        (YOLOv7's `lambda x: 1 - x / (epochs - 1)` with `epochs=1`), or, when the
        difference goes negative, silently produces a learning rate that grows.

        ## Example
        ```python
        lf = lambda x: (1 - x / (epochs - 1)) * (1.0 - lrf) + lrf
        scheduler = LambdaLR(optimizer, lr_lambda=lf)
        ```

        ## Fixed
        ```python
        lf = lambda x: (1 - x / max(1, epochs - 1)) * (1.0 - lrf) + lrf
        scheduler = LambdaLR(optimizer, lr_lambda=lf)
        ```

        ## Fix safety
        The fix replaces an integer-valued divisor `d` with `max(1, d)`. It is safe when
        `d` is a whole, non-negative count (a warm-up length in iterations or steps, or a
        difference that earlier returns keep non-negative): then it only changes the case
        that raised. It is unsafe when `d` may be negative or fractional (differences of
        settings, warm-up lengths in epochs, attributes set from a computation), because
        those values change too. No fix is offered when the divisor is not integer-valued.
    """

    def __init__(self, context) -> None:
        super().__init__(context)
        self._lambda_scan: Optional[Tuple[Set[int], Set[str]]] = None
        self._writes: Dict[int, bool] = {}
        self._validations: Optional[List[Tuple[bool, cst.BaseExpression]]] = None

    # -- visitors ------------------------------------------------------------------------

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, (cst.Divide, cst.FloorDivide, cst.Modulo)):
            self._check(node.right, node.operator)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.operator, (cst.DivideAssign, cst.FloorDivideAssign, cst.ModuloAssign)):
            self._check(node.value, node.operator)

    def _check(self, divisor_node: cst.BaseExpression, operator: cst.CSTNode) -> None:
        divisor = self._shape(divisor_node)
        if divisor is None:
            return
        context = self._schedule_context()
        if context is None:
            return
        if self._nonzero_literal_local(divisor.node):
            return
        guard = self._guarded(divisor)
        if guard is True:
            return
        if guard == "lower-only" and context == "function":
            # `if t < warmup: ... else: t / (total - warmup)` in a function the training loop
            # calls with t < total: zero needs t >= total, which the loop never passes. A
            # scheduler (or LambdaLR) is stepped once more after the last epoch, so there it counts.
            return
        symbol = {cst.Modulo: "%", cst.ModuloAssign: "%", cst.FloorDivide: "//", cst.FloorDivideAssign: "//"}.get(
            type(operator), "/"
        )
        if guard == "non-negative":
            divisor.detail = f"when `{divisor.text}` is 0: the early returns let the step reach it when the settings are equal"
        message = f"`{symbol} {self.context.code(divisor_node).strip()}` divides by zero {divisor.detail}"
        fix = None
        if divisor.integer:
            safe = divisor.kind == "warmup" and _INTEGER_UNITS.search(_key(divisor.node) or "") is not None
            if divisor.kind == "difference" and guard == "non-negative":
                safe = True
            replacement = cst.Call(
                func=cst.Name("max"),
                args=[
                    cst.Arg(cst.Integer("1"), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                    cst.Arg(divisor.node.with_changes(lpar=[], rpar=[])),
                ],
            )
            fix = Fix(
                Applicability.SAFE if safe else Applicability.UNSAFE,
                f"Divide by `max(1, {divisor.text})`",
                [Replacement(divisor.node, replacement)],
            )
        self.report(divisor_node, message, fix=fix)

    def _nonzero_literal_local(self, node: cst.BaseExpression) -> bool:
        """`warmup_steps = 10` assigned once in an enclosing function, and nowhere else there."""
        node = _unwrap(node)
        if not isinstance(node, cst.Name):
            return False
        for function in enclosing(self.context, cst.FunctionDef):
            values = [
                small.value
                for small in small_statements(function.body.body)
                if isinstance(small, cst.Assign)
                and any(isinstance(t.target, cst.Name) and t.target.value == node.value for t in small.targets)
            ]
            if values:
                return len(values) == 1 and _number(values[0]) not in (None, 0)
        return False

    # -- divisor shapes ------------------------------------------------------------------

    def _shape(self, node: cst.BaseExpression) -> Optional[Divisor]:
        inner = _unwrap(node)
        operands = _subtraction_operands(inner)
        key = _key(inner) if operands is None else None
        if operands is None and key is None:
            return None  # most divisors: decided before any code generation
        text = cst.Module(body=[]).code_for_node(inner.with_changes(lpar=[], rpar=[])) if hasattr(inner, "lpar") else ""
        if operands is not None:
            keys = [_key(o) for o in operands]
            head = keys[0]
            if head is None or not TOTAL.match(head):
                return None
            for operand, key in zip(operands[1:], keys[1:]):
                if _positive_int(operand):
                    continue
                if key is None or not (TOTAL.match(key) or WARMUP.match(key) or OTHER.match(key)):
                    return None
            if all(_positive_int(o) for o in operands[1:]):
                detail = f"when `{text}` is 0 (for example {head} == {sum(o.evaluated_value for o in operands[1:])})"  # type: ignore[attr-defined]
            else:
                detail = f"when `{text}` is 0 (the settings are equal), and is negative when they are reversed"
            return Divisor("difference", inner, text, True, detail)
        if key is None:
            return None
        if WARMUP.match(key):
            return Divisor("warmup", inner, text, True, f"when the warm-up is disabled (`{text}` = 0)")
        if (
            isinstance(inner, cst.Attribute)
            and isinstance(inner.value, cst.Name)
            and inner.value.value == "self"
        ):
            integer = self._zero_attribute(inner.attr.value)
            if integer is not None:
                return Divisor(
                    "attribute",
                    inner,
                    text,
                    integer,
                    f"when nothing sets it: `{text}` starts at 0 in `__init__` and is only assigned "
                    f"under a condition",
                )
        return None

    def _zero_attribute(self, attribute: str) -> Optional[bool]:
        """For `self.<attribute>` set to 0 in `__init__` and otherwise only under conditions:
        whether all its values look integer; None when the attribute does not have that shape."""
        klass = next((n for n in reversed(self.context.stack) if isinstance(n, cst.ClassDef)), None)
        if klass is None or not isinstance(klass.body, cst.IndentedBlock):
            return None
        init_zero = False
        conditional: List[cst.BaseExpression] = []
        for method in klass.body.body:
            if not isinstance(method, cst.FunctionDef) or not isinstance(method.body, cst.IndentedBlock):
                continue
            if method.name.value in _RESTORING_METHODS:
                continue  # restoring a value computed earlier does not set it
            for statement, depth in _statements_with_depth(method.body.body):
                for value in _attribute_assignments(statement, attribute):
                    zero = isinstance(value, (cst.Integer, cst.Float)) and value.evaluated_value == 0
                    if depth == 0:
                        if method.name.value == "__init__" and zero:
                            init_zero = True
                            if isinstance(value, cst.Float):
                                conditional.append(value)
                        else:
                            return None  # set unconditionally somewhere
                    else:
                        conditional.append(value)
        if not init_zero or not conditional:
            return None
        return all(_integer_looking(v) for v in conditional)

    # -- schedule context ----------------------------------------------------------------

    def _schedule_context(self) -> Optional[str]:
        """None outside schedule code; "stepped" in a scheduler class or a function/lambda
        given to LambdaLR (evaluated once more after the last step); else "function"."""
        stack = self.context.stack
        found: Optional[str] = None
        for position in range(len(stack) - 2, -1, -1):
            node = stack[position]
            if isinstance(node, cst.Lambda):
                kind = self._schedule_lambda(node, stack[:position])
            elif isinstance(node, cst.FunctionDef):
                kind = self._schedule_function(node)
            elif isinstance(node, cst.ClassDef):
                kind = "stepped" if self._scheduler_class(node) else None
            else:
                continue
            if kind == "stepped":
                return kind
            found = found or kind
        return found

    def _schedule_lambda(self, node: cst.Lambda, ancestors: Sequence[cst.CSTNode]) -> Optional[str]:
        nodes, names = self._lambdas()
        if id(node) in nodes:
            return "stepped"
        parent = ancestors[-1] if ancestors else None
        if isinstance(parent, cst.Assign):
            for target in parent.targets:
                name = (dotted_name(target.target) or "").rsplit(".", 1)[-1]
                if name in names or "lambda" in name.lower():
                    return "stepped"
                if name and _FUNCTION_NAME.search(name):
                    return "function"
        return None

    def _schedule_function(self, node: cst.FunctionDef) -> Optional[str]:
        name = node.name.value
        _, names = self._lambdas()
        if name in names or "lambda" in name.lower():
            return "stepped"
        if _FUNCTION_NAME.search(name) or self._writes_lr_cached(node):
            return "function"
        return None

    def _writes_lr_cached(self, node: cst.CSTNode) -> bool:
        key = id(node)
        if key not in self._writes:
            self._writes[key] = _writes_lr(node)
        return self._writes[key]

    def _scheduler_class(self, node: cst.ClassDef) -> bool:
        facts = self.context.facts
        for base in node.bases:
            qualified = facts.resolve(base.value) or ""
            if qualified in SCHEDULER_BASES or qualified in SCHEDULERS or qualified.endswith("Scheduler"):
                return True
        if _CLASS_NAME.search(node.name.value):
            return True
        init = _method(node, "__init__")
        if init is not None and any(
            p.name.value in ("optimizer", "optim", "opt") for p in init.params.params
        ) and any(_method(node, m) is not None for m in ("step", "get_lr", "step_batch", "step_update")):
            return True
        return self._writes_lr_cached(node)

    def _lambdas(self) -> Tuple[Set[int], Set[str]]:
        """Lambdas passed to LambdaLR-like schedulers, and names (variables, functions) passed."""
        if self._lambda_scan is not None:
            return self._lambda_scan
        nodes: Set[int] = set()
        names: Set[str] = set()
        facts = self.context.facts
        for call in _walk_calls(self.context.module):
            qualified = facts.resolve(call.func) or ""
            if qualified.rsplit(".", 1)[-1] not in _LAMBDA_SCHEDULERS:
                continue
            arg = keyword_arg(call, "lr_lambda", 1)
            if arg is None:
                continue
            values = [arg.value]
            if isinstance(arg.value, (cst.List, cst.Tuple)):
                values = [e.value for e in arg.value.elements]
            for value in values:
                if isinstance(value, cst.Lambda):
                    nodes.add(id(value))
                elif isinstance(value, cst.Call):  # a factory: `one_cycle(...)`, `partial(f, ...)`
                    name = dotted_name(value.func)
                    if name:
                        names.add(name.rsplit(".", 1)[-1])
                    for inner in value.args:
                        inner_name = dotted_name(inner.value)
                        if inner_name:
                            names.add(inner_name.rsplit(".", 1)[-1])
                else:
                    name = dotted_name(value)
                    if name:
                        names.add(name.rsplit(".", 1)[-1])
        self._lambda_scan = (nodes, names)
        return self._lambda_scan

    # -- guards --------------------------------------------------------------------------

    def _guarded(self, divisor: Divisor):
        """True when a dominating guard excludes zero; "non-negative" when earlier exits
        keep a difference >= 0 (the fix is then safe); False otherwise."""
        stack = self.context.stack
        same = _Matcher(divisor.node)
        for position in range(len(stack) - 2, -1, -1):
            node = stack[position]
            child = stack[position + 1]
            if isinstance(node, (cst.If, cst.IfExp)):
                if child is node.body and same.implies_nonzero(node.test):
                    return True
                if child is node.orelse:
                    if same.implies_zero_possible(node.test):
                        return True
                    same.learn_from_false(node.test)
            elif isinstance(node, cst.BooleanOperation) and child is node.right:
                if isinstance(node.operator, cst.And) and same.implies_nonzero(node.left):
                    return True
                if isinstance(node.operator, cst.Or) and same.implies_zero_possible(node.left):
                    return True
            elif isinstance(node, cst.Try):
                for handler in node.handlers:
                    caught = handler.type
                    text = cst.Module(body=[]).code_for_node(caught) if caught is not None else "Exception"
                    if child is node.body and re.search(r"ZeroDivisionError|ArithmeticError|\bException\b", text):
                        return True
            elif isinstance(node, (cst.IndentedBlock, cst.Module)):
                earlier = []
                for statement in node.body:
                    if statement is child:
                        break
                    earlier.append(statement)
                if same.after_statements(earlier) is True:
                    return True
            if isinstance(node, cst.ClassDef):
                init = _method(node, "__init__")
                if init is not None and isinstance(init.body, cst.IndentedBlock):
                    if same.after_statements(list(init.body.body), by_key=True, learn=False) is True:
                        return True
                break
        if self._validated_in_file(same):
            return True
        return same.verdict()

    def _validated_in_file(self, same: "_Matcher") -> bool:
        """`assert warmup > 0` or `if warmup <= 0: raise ...` anywhere in the file, matched by
        the setting's name: the value is checked where it enters (a constructor, a helper)."""
        if self._validations is None:
            self._validations = []
            for node in walk(self.context.module):
                kind = type(node)  # exact types: isinstance against libcst's classes is slow
                if kind is cst.Assert:
                    self._validations.append((True, node.test))
                elif kind is cst.If and _raises(node.body):
                    self._validations.append((False, node.test))
        same.by_key = True
        try:
            for positive, test in self._validations:
                if positive and same.implies_nonzero(test):
                    return True
                if not positive and same.implies_zero_possible(test):
                    return True
        finally:
            same.by_key = False
        return False


class _Matcher:
    """Reasoning about whether a test excludes the divisor being zero."""

    def __init__(self, divisor: cst.BaseExpression) -> None:
        self.divisor = divisor
        module = cst.Module(body=[])
        self._code = module.code_for_node
        self.text = _norm(self._code(divisor.with_changes(lpar=[], rpar=[])))
        self.key = _key(divisor)
        operands = _subtraction_operands(divisor)
        self.operands = operands if operands is not None and len(operands) == 2 else None
        self.by_key = False
        self.lower: Set[Tuple[str, bool]] = set()  # (counter, strict): counter >= b (or > b)
        self.upper: Set[Tuple[str, bool]] = set()  # (counter, strict): counter <= a (or < a)

    def _is(self, node: cst.BaseExpression, target: Optional[cst.BaseExpression] = None) -> bool:
        node = _unwrap(node)
        if target is None:
            text = _norm(self._code(node.with_changes(lpar=[], rpar=[])))
            if text == self.text or _settings(text) == _settings(self.text):
                return True
            return self.by_key and self.key is not None and _key(node) == self.key
        if _norm(self._code(node.with_changes(lpar=[], rpar=[]))) == _norm(self._code(target.with_changes(lpar=[], rpar=[]))):
            return True
        return self.by_key and _key(node) is not None and _key(node) == _key(target)

    def implies_nonzero(self, test: cst.BaseExpression) -> bool:
        return self._implies(test, zero=False)

    def implies_zero_possible(self, test: cst.BaseExpression) -> bool:
        """True when `test` holds whenever the divisor is 0 (so its negation excludes 0)."""
        return self._implies(test, zero=True)

    def _implies(self, test: cst.BaseExpression, *, zero: bool) -> bool:
        """Whether `test` implies the divisor is nonzero (`zero=False`), or holds whenever it is 0."""
        if isinstance(test, cst.BooleanOperation):
            first = self._implies(test.left, zero=zero)
            if isinstance(test.operator, cst.Or if zero else cst.And):  # one side suffices
                return first or self._implies(test.right, zero=zero)
            return first and self._implies(test.right, zero=zero)
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            return self._implies(test.expression, zero=not zero)
        if not zero and self._is(test):
            return True  # truthy
        if isinstance(test, cst.Comparison):
            for left, target in _pairs(test):
                operator = target.operator
                if zero:  # holds whenever the divisor is 0: its negation excludes 0
                    negation = _NEGATION.get(type(operator))
                    if negation is None:
                        continue
                    operator = negation()
                if self._comparison_nonzero(left, operator, target.comparator):
                    return True
        return False

    def _comparison_nonzero(self, left, operator, right) -> bool:
        """`left OP right` excludes a zero divisor."""
        # normalise to `divisor OP other`
        if self._is(right) and not self._is(left):
            left, right, operator = right, left, _flip(operator)
        if self._is(left):
            number = _number(right)
            if isinstance(operator, cst.NotEqual):
                return number == 0
            if isinstance(operator, cst.GreaterThan):
                return number is None or number >= 0  # `d > t` with t >= 0
            if isinstance(operator, cst.GreaterThanEqual):
                return number is not None and number > 0
            return False
        if self.operands is not None:  # `a > b` for `a - b`
            a, b = self.operands
            if isinstance(operator, (cst.GreaterThan, cst.NotEqual)) and self._is(left, a) and self._is(right, b):
                return True
            if isinstance(operator, (cst.LessThan, cst.NotEqual)) and self._is(left, b) and self._is(right, a):
                return True
        return False

    def learn_from_false(self, test: cst.BaseExpression) -> None:
        """Bounds on a counter known where `test` was false (an else branch, after an exit)."""
        self._bounds(test, self.lower, self.upper)

    def verdict(self):
        """From the bounds collected: True when `a - b` > 0 follows; "non-negative" when only
        `a - b >= 0` does; "lower-only" when only `t >= b` is known; else False."""
        if self.operands is None:
            return False
        for counter, strict_low in self.lower:
            for counter_up, strict_up in self.upper:
                if counter == counter_up:
                    return True if strict_low or strict_up else "non-negative"
        if self.lower and not self.upper:
            return "lower-only"
        return False

    def after_statements(self, statements: Sequence[cst.CSTNode], by_key: bool = False, learn: bool = True):
        """Whether earlier statements of a block exclude zero (asserts, early exits,
        `d = max(1, ...)`); exits that bound a counter are remembered for `verdict()`."""
        self.by_key = by_key
        try:
            for statement in statements:
                if isinstance(statement, cst.SimpleStatementLine):
                    for small in statement.body:
                        if isinstance(small, cst.Assert) and self.implies_nonzero(small.test):
                            return True
                        if isinstance(small, (cst.Assign, cst.AugAssign, cst.AnnAssign)) and self._rebinds_safely(small):
                            return True
                elif isinstance(statement, cst.If) and _exits(statement.body):
                    if self.implies_zero_possible(statement.test):
                        return True
                    if learn:
                        self.learn_from_false(statement.test)
            return False
        finally:
            self.by_key = False

    def _bounds(self, test, lower, upper) -> None:
        """From `if t < b: return` learn t >= b; from `if t >= a: return` learn t < a."""
        if self.operands is None or not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            return
        a, b = self.operands
        left, operator, right = test.left, test.comparisons[0].operator, test.comparisons[0].comparator
        if self._is(left, a) or self._is(left, b):
            left, right, operator = right, left, _flip(operator)
        counter = _norm(self._code(left))
        if self._is(right, b):
            if isinstance(operator, cst.LessThan):
                lower.add((counter, False))
            elif isinstance(operator, cst.LessThanEqual):
                lower.add((counter, True))
        if self._is(right, a):
            if isinstance(operator, cst.GreaterThan):
                upper.add((counter, False))
            elif isinstance(operator, cst.GreaterThanEqual):
                upper.add((counter, True))

    def _rebinds_safely(self, small) -> bool:
        targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
        if not any(self._is(t) for t in targets):
            return False
        value = small.value
        if isinstance(value, cst.Call) and dotted_name(value.func) == "max":
            return any(_number(arg.value) is not None and _number(arg.value) > 0 for arg in value.args)
        return False


def _pairs(test: cst.Comparison) -> Iterator[Tuple[cst.BaseExpression, cst.ComparisonTarget]]:
    left = test.left
    for target in test.comparisons:
        yield left, target
        left = target.comparator


#: the comparison that holds exactly when the given one does not
_NEGATION = {
    cst.Equal: cst.NotEqual, cst.NotEqual: cst.Equal,
    cst.LessThan: cst.GreaterThanEqual, cst.GreaterThanEqual: cst.LessThan,
    cst.LessThanEqual: cst.GreaterThan, cst.GreaterThan: cst.LessThanEqual,
}


def _flip(operator):
    table = {
        cst.LessThan: cst.GreaterThan, cst.GreaterThan: cst.LessThan,
        cst.LessThanEqual: cst.GreaterThanEqual, cst.GreaterThanEqual: cst.LessThanEqual,
    }
    flipped = table.get(type(operator))
    return flipped() if flipped else operator


def _number(node: cst.CSTNode) -> Optional[float]:
    if isinstance(node, (cst.Integer, cst.Float)):
        return float(node.evaluated_value)
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        inner = _number(node.expression)
        return -inner if inner is not None else None
    return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _settings(text: str) -> str:
    """Code with attribute receivers dropped: `self.n - self.k` and `n - k` (the constructor's
    parameters it copies), or `cfg.warmup` and `self.warmup`, name the same settings."""
    return re.sub(r"\b(?:self|cfg|config|args|opt|hparams|hp)\.", "", text)


def _last_statement(body: cst.BaseSuite) -> Optional[cst.CSTNode]:
    """The last statement of a block (the last small one of a statement line)."""
    if not body.body:
        return None
    last = body.body[-1]
    return last.body[-1] if isinstance(last, cst.SimpleStatementLine) else last


def _exits(body: cst.BaseSuite) -> bool:
    return isinstance(_last_statement(body), (cst.Return, cst.Raise, cst.Continue, cst.Break))


def _raises(body: cst.BaseSuite) -> bool:
    return isinstance(_last_statement(body), cst.Raise)


def _method(klass: cst.ClassDef, name: str) -> Optional[cst.FunctionDef]:
    if not isinstance(klass.body, cst.IndentedBlock):
        return None
    for statement in klass.body.body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == name:
            return statement
    return None


def _statements_with_depth(body: Sequence[cst.CSTNode], depth: int = 0) -> Iterator[Tuple[cst.CSTNode, int]]:
    """Statements of a function body with their nesting under if/for/while/try (with does not count)."""
    for statement in body:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            continue
        yield statement, depth
        if isinstance(statement, cst.With):
            yield from _statements_with_depth(statement.body.body, depth)
        elif isinstance(statement, cst.BaseCompoundStatement):
            suites = [statement.body]
            orelse = getattr(statement, "orelse", None)
            if orelse is not None:
                suites.append(orelse if isinstance(orelse, cst.If) else orelse.body)
            for handler in getattr(statement, "handlers", ()):
                suites.append(handler.body)
            finalbody = getattr(statement, "finalbody", None)
            if finalbody is not None:
                suites.append(finalbody.body)
            for suite in suites:
                if isinstance(suite, cst.If):
                    yield from _statements_with_depth([suite], depth + 1)
                else:
                    yield from _statements_with_depth(suite.body, depth + 1)


def _attribute_assignments(statement: cst.CSTNode, attribute: str) -> Iterator[cst.BaseExpression]:
    """Values assigned to `self.<attribute>` by a simple statement (augmented ones included)."""
    smalls: Sequence[cst.CSTNode]
    if isinstance(statement, cst.SimpleStatementLine):
        smalls = statement.body
    elif isinstance(statement, cst.BaseSmallStatement):
        smalls = [statement]
    else:
        return
    for small in smalls:
        if isinstance(small, cst.Assign):
            for target in small.targets:
                for element in _flatten_target(target.target):
                    if _is_self_attribute(element, attribute):
                        yield small.value if element is target.target else cst.Name("unknown")
        elif isinstance(small, (cst.AugAssign, cst.AnnAssign)) and _is_self_attribute(small.target, attribute):
            if small.value is not None:
                yield small.value if isinstance(small, cst.AnnAssign) else cst.BinaryOperation(
                    cst.Name("previous"), cst.Add(), small.value
                )


def _flatten_target(target: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    if isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from _flatten_target(element.value)
    else:
        yield target


def _is_self_attribute(node: cst.CSTNode, attribute: str) -> bool:
    return (
        isinstance(node, cst.Attribute)
        and isinstance(node.value, cst.Name)
        and node.value.value == "self"
        and node.attr.value == attribute
    )


def _integer_looking(node: cst.CSTNode) -> bool:
    """No float literal, true division, power or float-valued call anywhere in `node`."""
    return not any(_makes_float(n) for n in walk(node))


def _makes_float(node: cst.CSTNode) -> bool:
    if isinstance(node, (cst.Float, cst.Imaginary)):
        return True
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Divide, cst.Power)):
        return True
    if isinstance(node, cst.Call):
        name = dotted_name(node.func) or ""
        return name == "float" or name.startswith(("math.", "np.", "numpy.", "torch."))
    return False


def _writes_lr(node: cst.CSTNode) -> bool:
    """Whether a function or class assigns `something["lr"]` (a param group's learning rate)."""
    for child in walk(node):
        targets: Sequence[cst.BaseExpression] = ()
        if isinstance(child, cst.Assign):
            targets = [t.target for t in child.targets]
        elif isinstance(child, (cst.AugAssign, cst.AnnAssign)):
            targets = [child.target]
        for target in targets:
            if isinstance(target, cst.Subscript) and _key(target) == "lr" and isinstance(
                target.slice[0].slice, cst.Index
            ) and isinstance(target.slice[0].slice.value, cst.SimpleString):
                return True
    return False


def _walk_calls(node: cst.CSTNode) -> Iterator[cst.Call]:
    for child in walk(node):
        if type(child) is cst.Call:
            yield child
