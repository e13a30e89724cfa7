"""Learning-rate updates that compound: `T = T * f`, `T *= f` or `T = [b * f for b in T]` where T holds a learning rate
(a param group's `"lr"`, or an LR attribute of a scheduler-like class in a method that
steps) and f is a closed-form schedule factor: step-dependent, and not the ratio of two
consecutive closed forms (torch's chainable form divides by a step-dependent value).

An update is left alone when the LR is set afresh earlier in the same step (restored from
a snapshot, or by a library scheduler's `step()`, or by a function of this file that
writes it), when it is set again later in the step (a temporary scaling), and when every
call of its function comes right after such a restore.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Tuple, Union

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.lr import SETUP_METHODS
from reviewer.analysis.scopes import ClassModel
from reviewer.analysis.tree import (
    assignment_targets, code, dotted_name, method_call, number, same_place, subscript_key, without_parentheses,
)

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis

#: functions that set the learning rate from elsewhere, imported from outside the file
#: (evidence only: a function of this file is judged by what it does)
RESTORING_NAME = re.compile(r"(?:^|_)(?:set|adjust|update|reset|restore)_?(?:learning_rate|lrs?)$", re.IGNORECASE)
#: names that say warm-up (evidence only, where the guards and factors do not show it)
WARM_NAME = re.compile(r"warm", re.IGNORECASE)
#: calls whose argument is an angle or exponent: a closed form of what they are given
_CLOSED_FORMS = {"cos", "sin", "exp", "log", "tanh", "sqrt", "pow", "interp"}


@dataclass
class Compounding:
    """One statement that multiplies a learning rate by a step-dependent factor."""

    statement: Union[cst.Assign, cst.AugAssign]
    target: cst.BaseExpression
    #: the operand that reads the target (None for `*=`)
    own: Optional[cst.BaseExpression]
    factors: List[cst.BaseExpression]
    denominators: List[cst.BaseExpression]
    function: Optional[cst.FunctionDef]
    model: Optional[ClassModel]
    #: the attribute for `self.<attr>` targets, None for `X["lr"]`
    attr: Optional[str]
    #: the factor ramps the LR up over a warm-up (a counter over a length it is compared with)
    warmup: bool
    #: the update reads the LR through a local (`d = T; T = d * f`): `own` is not in the tree
    aliased: bool = False


def shape(statement: cst.CSTNode, same: Callable[[cst.CSTNode, cst.CSTNode], bool] = same_place,
          ) -> Optional[Tuple[cst.BaseExpression, Optional[cst.BaseExpression], List, List]]:
    """(target, own operand, factors, denominators) of `T = ... * T * ... / d`, `T *= f`, or
    `T = A + (T - A) * f` (a value above a floor `A` that compounds the same way; `same` says
    which operand is the target)."""
    if type(statement) is cst.AugAssign and type(statement.operator) is cst.MultiplyAssign:
        return statement.target, None, [statement.value], []
    if type(statement) is not cst.Assign or len(statement.targets) != 1:
        return None
    target = statement.targets[0].target
    if type(target) not in (cst.Attribute, cst.Subscript, cst.Name):
        return None
    value = statement.value
    if type(value) is cst.BinaryOperation and type(value.operator) is cst.Add:
        for floor, scaled in ((value.left, value.right), (value.right, value.left)):
            scaled_parts: List[Tuple[cst.BaseExpression, bool]] = []
            _flatten(scaled, scaled_parts)
            spans = [p for p, d in scaled_parts if not d and type(p) is cst.BinaryOperation
                     and type(p.operator) is cst.Subtract and same(without_parentheses(p.left), target)
                     and code(p.right) == code(floor)]
            if len(spans) == 1 and len(scaled_parts) >= 2 and not any(same(n, target) for n in v.walk_expression(floor)):
                return (target, without_parentheses(spans[0].left),
                        [p for p, d in scaled_parts if p is not spans[0] and not d], [p for p, d in scaled_parts if d])
    parts: List[Tuple[cst.BaseExpression, bool]] = []
    _flatten(statement.value, parts)
    own = [p for p, denominator in parts if not denominator and same(p, target)]
    if len(own) != 1 or len(parts) < 2:
        return None
    factors = [p for p, denominator in parts if p is not own[0] and not denominator]
    denominators = [p for p, denominator in parts if denominator]
    return target, own[0], factors, denominators


def _comprehension_shape(statement: cst.CSTNode):
    """`T = [b * f for b in T]`: each element of T multiplied into itself (read through the
    loop variable, so the update counts as aliased)."""
    if type(statement) is not cst.Assign or len(statement.targets) != 1:
        return None
    target, value = statement.targets[0].target, statement.value
    if type(target) is not cst.Attribute or type(value) is not cst.ListComp:
        return None
    loop = value.for_in
    if loop.inner_for_in is not None or loop.ifs or type(loop.target) is not cst.Name or not same_place(loop.iter, target):
        return None
    parts: List[Tuple[cst.BaseExpression, bool]] = []
    _flatten(value.elt, parts)
    own = [p for p, denominator in parts if not denominator and type(p) is cst.Name and p.value == loop.target.value]
    if len(own) != 1 or len(parts) < 2:
        return None
    factors = [p for p, denominator in parts if p is not own[0] and not denominator]
    return target, own[0], factors, [p for p, denominator in parts if denominator]


def _flatten(expr: cst.BaseExpression, out: List[Tuple[cst.BaseExpression, bool]], denominator: bool = False) -> None:
    expr = without_parentheses(expr) if hasattr(expr, "lpar") and not denominator else expr
    if type(expr) is cst.BinaryOperation and type(expr.operator) is cst.Multiply:
        _flatten(expr.left, out, denominator)
        _flatten(expr.right, out, denominator)
    elif type(expr) is cst.BinaryOperation and type(expr.operator) is cst.Divide and not denominator:
        _flatten(expr.left, out, denominator)
        out.append((expr.right, True))
    else:
        out.append((expr, denominator))


class Updates:
    def __init__(self, analysis: "FileAnalysis") -> None:
        self.analysis = analysis
        self.index = analysis.index
        self.lr = analysis.lr

    @cached_property
    def compounding(self) -> Dict[int, Compounding]:
        """id(statement) -> the compounding LR update it makes, for the whole file."""
        found: Dict[int, Compounding] = {}
        for kind in (cst.Assign, cst.AugAssign):
            for statement in self.index.all(kind):
                update = self._judge(statement)
                if update is not None:
                    found[id(statement)] = update
        return found

    def feeds_compounding(self, node: cst.CSTNode) -> bool:
        """The value of `node` multiplies an LR into itself: its statement is a compounding
        update (or a `*=`), or it is stored in a name that a factor of one in the same
        function reads."""
        statement = self.index.statement_of(node)
        if id(statement) in self.compounding:
            return True
        targets = [t.target for t in getattr(statement, "targets", ())]
        if len(targets) != 1 or type(targets[0]) is not cst.Name:
            return type(statement) is cst.AugAssign and type(statement.operator) is cst.MultiplyAssign
        function = self.index.function_of(node) or self.index.module
        name = targets[0].value
        return any(self.index.contains(function, update.statement) and any(
            type(n) is cst.Name and n.value == name for f in update.factors for n in v.walk_expression(f))
            for update in self.compounding.values())

    def _judge(self, statement: cst.CSTNode) -> Optional[Compounding]:
        found = shape(statement)
        aliased = found is None
        if aliased:
            found = self._aliased_shape(statement)
        if found is None:
            return None
        target, own, factors, denominators = found
        index = self.index
        function = index.function_of(statement)
        if type(function) is cst.Lambda:
            return None
        model = index.class_of_method(function) if function is not None else None
        if model is None and function is not None:
            model = index.enclosing_class(function)
        attr = None
        if type(target) is cst.Name:
            # a local the function writes to a param group's LR, multiplied by its own value
            # from the pass before (`cur_lr = cur_lr * f` in the loop; not after `cur_lr = base`)
            if function is None or type(own) is not cst.Name or not index.knows(own) \
                    or not any(b.statement is statement for b in self.analysis.values.reaching(own)) \
                    or not self._written_to_groups(target, function, statement.value):
                return None
        elif type(target) is cst.Attribute and function is not None and index.self_attribute(target) is None:
            # a settings attribute (`args.lr = args.lr * f`) that the function then writes to
            # a param group's LR: it holds the LR, whatever it is called
            if not self._written_to_groups(target, function, statement.value):
                return None
        elif type(target) is cst.Attribute:
            owner = index.self_attribute(target)
            if owner is None or function is None:
                return None
            model, attr = owner
            if attr not in self.lr.lr_attributes(model) or not self.lr.is_scheduler_class(model):
                return None
            if not self.lr.per_step(model, index.method_of(model, function.name.value) or function):  # type: ignore[union-attr]
                return None
        elif subscript_key(target) != "lr":
            # an element of a list of LRs that the function writes to a param group
            # (`self.lrs[i] = self.lrs[i] * f`, then `g["lr"] = self.lrs[i]`)
            if type(target) is not cst.Subscript or function is None \
                    or not self._written_to_groups(target, function, statement.value, self._same_list):
                return None
        elif function is not None and function.name.value in SETUP_METHODS:  # type: ignore[union-attr]
            return None
        if not any(self._varies(f) for f in factors + denominators):
            return None
        if self._chainable(factors, denominators):
            return None
        if attr is None and model is not None and self._class_restores(model, statement):
            return None
        if type(target) is not cst.Name and (  # a local's own reaching binding said that already
                self._restored_before(statement, target, function) or self._overwritten_after(statement, target, function)):
            return None
        if function is not None and (self._callers_restore(function) or self._restored_by_callers(function, target)):
            return None
        return Compounding(statement, target, own, factors, denominators, function, model, attr,  # type: ignore[arg-type]
                           self._is_warmup(statement, found, function), aliased)

    def _aliased_shape(self, statement: cst.CSTNode):
        """`d = T; T = d * f` (and `d = T * f; T = d / W`): the shape of the update with the
        locals it reads put back in place."""
        if type(statement) is not cst.Assign or len(statement.targets) != 1:
            return None
        target = statement.targets[0].target
        if type(target) not in (cst.Attribute, cst.Subscript):
            return None
        value = self._substituted(statement.value, target, 0)
        if value is statement.value:
            return _comprehension_shape(statement)
        substituted = statement.with_changes(value=value)
        return shape(substituted, self._same_lr) or _comprehension_shape(substituted)

    def _writes_back(self, sink: cst.CSTNode, update: cst.CSTNode) -> bool:
        """The LR write stores the compounded value itself (`g["lr"] = self.lrs[i]` after
        `self.lrs[i] = self.lrs[i] * f`): no stored base is restored."""
        return any(self._same_list(held, target) for held in v.held_chain(self.analysis, getattr(sink, "value", None))
                   for target in assignment_targets(update))

    def _same_list(self, a: cst.CSTNode, b: cst.CSTNode) -> bool:
        """The same place, or elements of one list an attribute holds (`self.lrs[i]` here,
        `self.lrs[k]` in a helper)."""
        if same_place(a, b):
            return True
        if type(a) is not cst.Subscript or type(b) is not cst.Subscript:
            return False
        owner = self.index.self_attribute(a.value)
        return owner is not None and owner == self.index.self_attribute(b.value)

    def _written_to_groups(self, target: cst.CSTNode, function: cst.CSTNode, assigned: cst.CSTNode,
                           same: Callable[[cst.CSTNode, cst.CSTNode], bool] = same_place) -> bool:
        """A param group's LR is set to what `target` holds (`group["lr"] = args.lr`, also
        through a local or a helper's parameter, or the local `target` was just set from:
        `args.lr = lr; group["lr"] = lr`) in the function, a function of the file it
        calls, or one that calls it."""
        owners = [function] + [f for c in self.index.of_type(function, cst.Call)
                               if type(f := self.analysis.callee(c)) is cst.FunctionDef]
        owners += [self.index.function_of(c) or self.index.module for c in self.analysis.calls_of(function)]
        stored = {id(node) for node in v.held_chain(self.analysis, assigned)}
        for owner in owners:
            for sink, _ in self.lr.sinks(owner):
                chain = v.held_chain(self.analysis, getattr(sink, "value", None))
                if any(same(value, target) or id(value) in stored for value in chain):
                    return True
        return False

    def _same_lr(self, a: cst.CSTNode, b: cst.CSTNode) -> bool:
        """The same place, or the LRs of param groups of one optimizer (`opt.param_groups[0]["lr"]`
        read, `g["lr"]` written for each `g` in `opt.param_groups`): group 0's LR, compounded,
        is every group's next LR."""
        if same_place(a, b):
            return True
        if subscript_key(a) != "lr" or subscript_key(b) != "lr":
            return False
        first, second = self._groups_of(a.value), self._groups_of(b.value)  # type: ignore[attr-defined]
        return first is not None and first == second

    def _groups_of(self, receiver: cst.CSTNode, depth: int = 0) -> Optional[str]:
        """The optimizer (as code) whose param group `receiver` is: `X.param_groups[i]`, or a
        loop variable over `X.param_groups`."""
        if type(receiver) is cst.Subscript and type(receiver.value) is cst.Attribute \
                and receiver.value.attr.value == "param_groups":
            return self.analysis.code(receiver.value.value)
        if type(receiver) is cst.Name and self.index.knows(receiver) and depth < 3:
            bindings = self.analysis.values.reaching(receiver)
            optimizers = {self.analysis.code(b.value.value) for b in bindings if b.kind == "for"
                          and type(b.value) is cst.Attribute and b.value.attr.value == "param_groups"}
            if bindings and len(optimizers) == 1 and all(b.kind == "for" for b in bindings):
                return optimizers.pop()  # a loop over one optimizer's groups (written in both branches alike)
            held = v.held_value(self.analysis, receiver)  # a helper's parameter: the group its one caller passes
            return self._groups_of(held, depth + 1) if held is not None else None
        return None

    def _substituted(self, expression: cst.CSTNode, target: cst.CSTNode, depth: int) -> cst.CSTNode:
        """The product/quotient `expression` (or `A + ... * f`, see `shape`) with each local
        that holds the target (or a product holding it) replaced by its value."""
        kind = type(expression)
        if kind is cst.BinaryOperation and type(expression.operator) in (cst.Multiply, cst.Divide, cst.Add):  # type: ignore[attr-defined]
            left = self._substituted(expression.left, target, depth)  # type: ignore[attr-defined]
            right = self._substituted(expression.right, target, depth) if type(expression.operator) is not cst.Divide else expression.right  # type: ignore[attr-defined]
            if left is expression.left and right is expression.right:  # type: ignore[attr-defined]
                return expression
            return expression.with_changes(left=left, right=right)
        if kind is cst.Name and depth < 3 and self.index.knows(expression):
            value = v.held_value(self.analysis, expression)  # type: ignore[arg-type]
            if value is not None:
                inner = self._substituted(value, target, depth + 1)
                if inner is not value or any(self._same_lr(n, target) for n in v.walk_expression(value)):
                    return inner if getattr(inner, "lpar", None) or type(inner) is not cst.BinaryOperation else \
                        inner.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        return expression

    def _varies(self, factor: cst.CSTNode, depth: int = 0) -> bool:
        """Step-dependent, or (where no counter is known) a closed form of a parameter: a
        power with a variable exponent, `cos`/`exp`/... of it, a floor division of it, a
        ramp clamped by `min(1, p / W)`, or what a function of the file returns that is one
        of its own, given a parameter (`self._decay(epoch)`)."""
        if self.lr.step_dependent(factor):
            return True
        for node in v.walk_expression(factor):
            kind = type(node)
            operand = None
            if kind is cst.BinaryOperation and type(node.operator) in (cst.Power, cst.FloorDivide):  # type: ignore[attr-defined]
                operand = node.right if type(node.operator) is cst.Power else node.left  # type: ignore[attr-defined]
            elif kind is cst.Call and (dotted_name(node.func) or "").rsplit(".", 1)[-1] in _CLOSED_FORMS:  # type: ignore[attr-defined]
                operand = node
            elif kind is cst.Call and depth < 2 and type(callee := self.analysis.callee(node)) is cst.FunctionDef \
                    and self._reads_parameter(node) and any(
                        r.value is not None and self._varies(r.value, depth + 1)
                        for r in self.index.of_type(callee.body, cst.Return, into_scopes=False)):
                return True
            if operand is not None and self._reads_parameter(operand):
                return True
            if kind is cst.Call and dotted_name(node.func) == "min" and any(  # type: ignore[attr-defined]
                type(a.value) is cst.BinaryOperation and type(a.value.operator) is cst.Divide
                and self._reads_parameter(a.value.left) for a in node.args  # type: ignore[attr-defined]
            ):
                return True  # `min(1, p / W)`: a ramp in what the caller passes
        return False

    def _reads_parameter(self, expression: cst.CSTNode) -> bool:
        for source in v.local_sources(self.index, self.analysis.values, expression):
            for node in v.skip_tests(source):
                if type(node) is cst.Name and self.index.knows(node) and not self.index.is_store(node):
                    if any(b.kind == "param" and b.name not in ("self", "cls") for b in self.index.bindings(node)):  # type: ignore[arg-type]
                        return True
        return False

    def _chainable(self, factors: List[cst.CSTNode], denominators: List[cst.CSTNode]) -> bool:
        """A ratio of consecutive closed forms (torch's chainable form): a step-dependent divisor."""
        if any(self.lr.step_dependent(d) for d in denominators):
            return True
        for factor in factors:
            for node in v.walk_expression(factor):
                if type(node) is cst.BinaryOperation and type(node.operator) is cst.Divide:  # type: ignore[attr-defined]
                    right = node.right  # type: ignore[attr-defined]
                    if self.lr.step_dependent(right) and not self._length_over_counter(node):
                        return True
        return False

    def _length_over_counter(self, division: cst.CSTNode) -> bool:
        """`t / W` with t a counter: a ratio of progress, not of consecutive forms."""
        return self.lr.is_counter(without_parentheses(division.left)) and not self.lr.is_counter(  # type: ignore[attr-defined]
            without_parentheses(division.right))  # type: ignore[attr-defined]

    def _is_warmup(self, statement: cst.CSTNode, found: tuple, function) -> bool:
        """A warm-up: a factor that is, as a product, a counter over a length (`t / W`,
        `min(1, (t + 1) / W)`, through locals and helpers); where that does not show, a
        name that says warm-up. A ratio inside `cos(...)`, a power or `1 - t / T` decays.
        `found`: the update's shape (target, own operand, factors, denominators), with the
        locals it reads put back for an aliased one."""
        _, _, factors, denominators = found
        if any(self._ramp(factor, 0) for factor in factors + denominators):
            return True
        if denominators and any(self._increasing(f) for f in factors) and not any(
            self.lr.step_dependent(d) for d in denominators
        ):
            return True  # `lr * (t + 1) / W`: the product of the factors is a ramp
        child = statement
        for ancestor in self.index.ancestors(statement):
            if ancestor is function:
                break
            if type(ancestor) is cst.If and child is ancestor.body and WARM_NAME.search(code(ancestor.test)):  # type: ignore[attr-defined]
                return True
            child = ancestor
        if function is not None and WARM_NAME.search(function.name.value):
            return True
        return any(WARM_NAME.search(code(f)) for f in factors)

    def _increasing(self, factor: cst.CSTNode) -> bool:
        """A counter, a counter plus a constant, a counter scaled by a fixed factor (`(1 - s) *
        t`: a lerp's weight), or a counter clamped (`min(t, W)`)."""
        factor = without_parentheses(factor) if hasattr(factor, "lpar") else factor
        if type(factor) is cst.BinaryOperation and type(factor.operator) is cst.Add:
            return self._increasing(factor.left) or self._increasing(factor.right)
        if type(factor) is cst.BinaryOperation and type(factor.operator) is cst.Multiply:
            return any(self._increasing(side) and not self.lr.step_dependent(other)
                       for side, other in ((factor.left, factor.right), (factor.right, factor.left)))
        if type(factor) is cst.Call and dotted_name(factor.func) in ("min", "max"):  # the others fixed
            rising = [a for a in factor.args if self._increasing(a.value)]
            return bool(rising) and not any(self.lr.step_dependent(a.value) for a in factor.args if a not in rising)
        return self.lr.is_counter(factor)

    def _ramp(self, expression: cst.CSTNode, depth: int, strict: bool = False) -> bool:
        """The expression is, as a product, a step-dependent value over a fixed one."""
        if depth > 6:
            return False
        expression = without_parentheses(expression) if hasattr(expression, "lpar") else expression
        kind = type(expression)
        if kind is cst.BinaryOperation:
            operator = type(expression.operator)  # type: ignore[attr-defined]
            if operator is cst.Divide:
                left, right = expression.left, expression.right  # type: ignore[attr-defined]
                if (self._increasing(left) if strict else self.lr.step_dependent(left)) and not self.lr.step_dependent(right):
                    return True
                return self._ramp(left, depth + 1, strict)
            if operator is cst.Multiply:
                return self._ramp(expression.left, depth + 1, strict) or self._ramp(expression.right, depth + 1, strict)  # type: ignore[attr-defined]
            if operator is cst.Add:  # `s * (1 - a) + a`: a lerp from s to 1, its weight a counter over a length
                return self._ramp(expression.left, depth + 1, True) or self._ramp(expression.right, depth + 1, True)  # type: ignore[attr-defined]
            return False
        if kind is cst.IfExp:
            return self._ramp(expression.body, depth + 1, strict) or self._ramp(expression.orelse, depth + 1, strict)  # type: ignore[attr-defined]
        if kind is cst.Call:
            name = (dotted_name(expression.func) or "").rsplit(".", 1)[-1]  # type: ignore[attr-defined]
            if name in ("min", "max", "float", "int", "clip", "clamp"):
                if name == "min" and any(number(a.value) == 1.0 for a in expression.args) and any(  # type: ignore[attr-defined]
                    type(a.value) is cst.BinaryOperation and type(a.value.operator) is cst.Divide
                    and self._reads_parameter(a.value.left) for a in expression.args  # type: ignore[attr-defined]
                ):
                    return True  # `min(1, p / W)`: clamped at 1, it ramps up to it
                return any(self._ramp(a.value, depth + 1, strict) for a in expression.args)  # type: ignore[attr-defined]
            return self._warmup_helper(expression)  # type: ignore[arg-type]
        if kind is cst.Name and self.index.knows(expression):
            for binding in self.analysis.values.reaching(expression):  # type: ignore[arg-type]
                if binding.kind in ("assign", "annassign") and binding.value is not None and not binding.path:
                    if self._ramp(binding.value, depth + 1, strict):
                        return True
                elif binding.kind == "param" and type(binding.scope.node) is cst.FunctionDef:
                    function = binding.scope.node
                    method = self.index.class_of_method(function) is not None
                    for call in self.analysis.calls_of(function):
                        passed = v.argument_for(call, function, binding.name, method and type(call.func) is cst.Attribute)
                        if passed is not None and self._ramp(passed, depth + 1, strict):
                            return True
        return False

    def _warmup_helper(self, call: cst.Call) -> bool:
        """A function of this file whose result ramps (`warmup_factor(step, W)`); for a
        function from elsewhere, its name."""
        callee = self.analysis.callee(call)
        if type(callee) is cst.FunctionDef:
            return any(
                returned.value is not None and self._ramp(returned.value, 3)
                for returned in self.index.of_type(callee.body, cst.Return, into_scopes=False)  # type: ignore[attr-defined]
            )
        return callee is None and WARM_NAME.search(code(call.func)) is not None

    # -- restores ----------------------------------------------------------------------------

    def _class_restores(self, model: ClassModel, update: cst.CSTNode) -> bool:
        """Some method writes stored LRs back into the param groups (pytorch_warmup's
        `for group, lr in zip(opt.param_groups, self.lrs): group["lr"] = lr`, also through a
        function of the file that writes the LR: `_set_lr(group, lr)`), other than in the
        other branch of an `if` that holds the update (which then runs unrestored)."""
        for each in self.index.family(model):
            for method in each.methods.values():
                for call in self.index.of_type(method, cst.Call):
                    callee = self.analysis.callee(call)
                    if type(callee) is cst.FunctionDef and self.lr.writes_lr(callee) and not self._candidates_in(callee) \
                            and not any(self._writes_back(sink, update) for sink, _ in self.lr.sinks(callee)) \
                            and any(self._from_loop_over_attribute(arg.value) and self._written_as_lr(callee, arg)
                                    for arg in call.args):
                        return True
                for statement, target in self.lr.sinks(method):
                    if type(statement) is not cst.Assign or shape(statement) is not None or self._apart(statement, update):
                        continue
                    if self._writes_back(statement, update):
                        continue
                    if self.lr.attributes_read(statement.value, each) & self.lr.lr_attributes(each):  # type: ignore[attr-defined]
                        return True
                    if self._from_loop_over_attribute(statement.value):  # type: ignore[attr-defined]
                        return True
        return False

    def _written_as_lr(self, function: cst.FunctionDef, arg: cst.Arg) -> bool:
        """`function` writes a param group's LR from the parameter `arg` binds (`_set_lr(group,
        lr)`; not a batch handed to a training step that also sets the LR)."""
        parameter = self.analysis.objects.bound_parameter(arg)
        return parameter is not None and any(type(n) is cst.Name and n.value == parameter.name
                                             for statement, _ in self.lr.sinks(function)
                                             for n in v.walk_expression(statement.value))

    def _from_loop_over_attribute(self, value: cst.CSTNode) -> bool:
        if type(value) is not cst.Name or not self.index.knows(value):
            return False
        for binding in self.index.bindings(value):  # type: ignore[arg-type]
            if binding.kind == "for" and binding.value is not None:
                for node in v.walk_expression(binding.value):
                    if self.index.knows(node) and self.index.self_attribute(node) is not None:
                        return True
        return False

    def _sets_lr(self, node: cst.CSTNode, target: cst.CSTNode) -> bool:
        """`node` (a statement or call) sets the same LR from elsewhere: a plain write, a
        `step()` of something that is not an optimizer (a scheduler, or what may be one), a
        function of this file that writes the LR without compounding it."""
        if type(node) in (cst.Assign, cst.AnnAssign):
            for each in ([t.target for t in node.targets] if type(node) is cst.Assign else [node.target]):  # type: ignore[attr-defined]
                same = same_place(each, target) or (subscript_key(target) == "lr" and subscript_key(each) == "lr")
                if same and shape(node) is None and not any(
                    same_place(n, target) for n in v.walk_expression(node.value)  # type: ignore[attr-defined]
                ):
                    return True
            return False
        if type(node) is cst.Call:
            found = method_call(node)
            if found is not None and found[1] == "step" and not node.args and not any(
                x is not None and x.kind in (o.OPTIMIZER, o.SCALER) for x in self.analysis.objects.of(found[0])
            ):
                return True  # a scheduler's step, or something's that may be one: not an optimizer's
            callee = self.analysis.callee(node)  # type: ignore[arg-type]
            if type(callee) is cst.FunctionDef:
                if any(self._sets_lr(n, target) for n in self.index.of_type(callee.body, cst.Assign, into_scopes=False)):
                    return True  # a helper that sets this very LR (`self._reset()`: `self.lr = self.base_lr`)
                return self.lr.writes_lr(callee) and not self._candidates_in(callee)
            if callee is None and RESTORING_NAME.search((dotted_name(node.func) or "").rsplit(".", 1)[-1]):  # type: ignore[attr-defined]
                return True
        return False

    def _candidates_in(self, function: cst.CSTNode) -> List[cst.CSTNode]:
        """Compounding-shaped LR writes in a function, also through the locals and parameters
        they read (a helper that compounds does not restore)."""
        return [n for n in self.index.descendants(function)
                if type(n) in (cst.Assign, cst.AugAssign) and (shape(n) is not None or self._aliased_shape(n) is not None)
                and any(self.lr.is_sink(t) for t in ([x.target for x in n.targets] if type(n) is cst.Assign else [n.target]))]  # type: ignore[attr-defined]

    def _restored_before(self, statement: cst.CSTNode, target: cst.CSTNode, function) -> bool:
        scope = function if function is not None else self.index.module
        index = self.index
        here = index.order(statement)
        for node in index.descendants(scope):
            if index.order(node) >= here:
                break
            if type(node) in (cst.FunctionDef, cst.ClassDef, cst.Lambda) and node is not scope:
                continue
            if self._exclusive(node, statement):
                continue
            if index.function_of(node) is not (function if function is not None else None) and function is not None:
                continue
            if type(node) in (cst.Assign, cst.AnnAssign, cst.Call) and self._sets_lr(node, target):
                return True
        return False

    def _restored_by_callers(self, function: cst.CSTNode, target: cst.CSTNode, depth: int = 0) -> bool:
        """Every call of a helper method comes after the caller set the same LR afresh in
        the same step (`self.lr = self.base_lr; self._decay()`)."""
        if depth >= 2 or type(target) is not cst.Attribute:
            return False
        calls = self.analysis.calls_of(function)
        if not calls:
            return False
        for call in calls:
            caller = self.index.function_of(call)
            if caller is None:
                return False
            if not (self._restored_before(call, target, caller) or self._restored_by_callers(caller, target, depth + 1)):
                return False
        return True

    def _overwritten_after(self, statement: cst.CSTNode, target: cst.CSTNode, function) -> bool:
        """The same LR is set again from elsewhere later in the step (a temporary scaling that
        is undone: `orig = group["lr"]; group["lr"] *= f; ...; group["lr"] = orig`)."""
        scope = function if function is not None else self.index.module
        index = self.index
        here = index.order(statement)
        for node in index.of_type(scope, cst.Assign, into_scopes=False):
            if index.order(node) > here and not index.contains(statement, node) and not self._exclusive(statement, node) \
                    and self._sets_lr(node, target):
                return True
        return False

    def _apart(self, restore: cst.CSTNode, update: cst.CSTNode, depth: int = 0) -> bool:
        """The restore and the update lie in different branches of one `if`, the update
        itself or (two levels up) every call of the helper that makes it."""
        if self._exclusive(restore, update):
            return True
        function = self.index.function_of(update)
        calls = self.analysis.calls_of(function) if depth < 2 else []
        return bool(calls) and all(self._apart(restore, call, depth + 1) for call in calls)

    def _exclusive(self, a: cst.CSTNode, b: cst.CSTNode) -> bool:
        """`a` and `b` lie in different branches of one `if`."""
        index = self.index
        for ancestor in index.ancestors(a):
            if index.contains(ancestor, b):
                if type(ancestor) is cst.If:
                    body = ancestor.body  # type: ignore[attr-defined]
                    return index.contains(body, a) != index.contains(body, b)
                return False
        return False

    def _callers_restore(self, function: cst.CSTNode) -> bool:
        """Every call of `function` in the file comes right after the LR was set from
        elsewhere in the same block, or a block around it within the same pass of the loop
        that makes the call (`scheduler.step(); warmup(optimizer, it)`)."""
        calls = self.analysis.calls_of(function)
        if not calls:
            return False
        index = self.index
        for call in calls:
            restored = False
            child: cst.CSTNode = call
            for ancestor in index.ancestors(call):
                if type(ancestor) in (cst.IndentedBlock, cst.Module):
                    for statement in ancestor.body:  # type: ignore[attr-defined]
                        if statement is child or index.contains(statement, call):
                            break
                        if type(statement) in (cst.FunctionDef, cst.ClassDef):
                            continue  # defined here, not run
                        if any(type(n) in (cst.Assign, cst.Call) and self._sets_lr(n, cst.parse_expression('g["lr"]'))
                               for n in index.descendants(statement)):
                            restored = True
                            break
                if restored or type(ancestor) in (cst.FunctionDef, cst.ClassDef, cst.For, cst.While):
                    break  # a restore outside the loop that makes the call runs once for many calls
                child = ancestor
            if not restored:
                return False
        return True
