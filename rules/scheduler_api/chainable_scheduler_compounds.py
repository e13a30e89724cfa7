from typing import List, Optional, Set

import libcst as cst

from reviewer.analysis import values as v
from reviewer.analysis.tree import dotted_name
from reviewer.vocabulary import SCHEDULERS
from reviewer.rule import Rule

_SCALING = (cst.Multiply, cst.Divide)


class ChainableSchedulerCompounds(Rule):
    code = "RV206"
    name = "chainable-scheduler-compounds"
    summary = "A subclass of a chainable scheduler scales `super().get_lr()`, so the factor compounds every step."
    trigger = r"get_lr\b"
    documentation = """
        ## What it does
        Finds classes that extend a chainable PyTorch scheduler (`StepLR`, `MultiStepLR`,
        `ExponentialLR`, `CosineAnnealingLR`, `LinearLR`, `ConstantLR`, `PolynomialLR`,
        `MultiplicativeLR`) and whose `get_lr` multiplies or divides the values of
        `super().get_lr()` (a warm-up factor, a scale), directly, through a local, in a
        comprehension over them, or in a method of the class that `get_lr` calls with them.

        ## Why it matters
        A chainable scheduler's `get_lr` starts from the live `group["lr"]`, which already
        carries the previous step's factor. Scaling its result applies the factor again on
        every step, so a warm-up factor `t / W` multiplies up (`1/W * 2/W * ...`) and the LR
        collapses instead of ramping (potterhsu/easy-faster-rcnn.pytorch #26).

        ## Example
        ```python
        class WarmupMultiStepLR(MultiStepLR):
            def get_lr(self):
                factor = min(1.0, (self.last_epoch + 1) / self.warmup)
                return [lr * factor for lr in super().get_lr()]
        ```

        ## Fixed
        ```python
        class WarmupMultiStepLR(LRScheduler):
            def get_lr(self):
                factor = min(1.0, (self.last_epoch + 1) / self.warmup)
                decay = self.gamma ** bisect_right(self.milestones, self.last_epoch)
                return [base_lr * factor * decay for base_lr in self.base_lrs]
        ```

        ## Fix safety
        No automatic fix: the schedule has to be written from `self.base_lrs` (or composed
        with `SequentialLR`/`ChainedScheduler`).
    """

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        analysis = self.context.analysis
        base = None
        for arg in node.bases:
            kind = SCHEDULERS.get(analysis.qualified(arg.value) or "")
            if kind is not None and kind.chainable and kind.torch:
                base = kind
        model = analysis.index.classes.get(id(node))
        if base is None or model is None:
            return
        method = model.methods.get("get_lr")
        if method is None:
            return
        for call in _scaled_super_get_lr(analysis, method):
            self.report(
                call,
                f"`{node.name.value}` extends the chainable `{base.name}`, whose `get_lr()` starts from the "
                "live group['lr']: scaling it here re-applies the factor on every step, so it compounds; "
                "compute from `self.base_lrs` instead",
            )


def _is_super_get_lr(node: cst.CSTNode) -> bool:
    return (
        type(node) is cst.Call
        and type(node.func) is cst.Attribute
        and node.func.attr.value == "get_lr"
        and type(node.func.value) is cst.Call
        and type(node.func.value.func) is cst.Name
        and node.func.value.func.value == "super"
    )


def _scaled_super_get_lr(analysis, function: cst.FunctionDef) -> List[cst.Call]:
    """`super().get_lr()` calls whose values `function` (or a method of its class it calls)
    multiplies or divides: directly, through locals and the helpers' parameters."""
    index = analysis.index
    model = index.class_of_method(function)
    helpers = [callee for call in index.of_type(function.body, cst.Call)
               if type(callee := analysis.callee(call)) is cst.FunctionDef and callee is not function
               and index.class_of_method(callee) is model]
    results: List[cst.Call] = []
    for scope in (function, *helpers):
        for current in index.descendants(scope.body):
            found: List[Optional[cst.Call]] = []
            if type(current) is cst.BinaryOperation and type(current.operator) in _SCALING:
                found = [_from_super_get_lr(analysis, side) for side in (current.left, current.right)]
            elif type(current) in (cst.ListComp, cst.GeneratorExp):
                found = _comprehension(analysis, current)
            results.extend(call for call in found if call is not None and call not in results)
    return results


def _from_super_get_lr(analysis, expression: cst.CSTNode, depth: int = 0):
    """The `super().get_lr()` call `expression` holds: itself, a local's value, or what the
    callers of a helper pass for its parameter (two levels)."""
    if _is_super_get_lr(expression):
        return expression
    if type(expression) is not cst.Name or not analysis.index.knows(expression):
        return None
    for source in v.local_sources(analysis.index, analysis.values, expression)[1:]:
        if _is_super_get_lr(source):
            return source
    if depth < 2:
        for passed in v.passed_for(analysis, expression):
            found = _from_super_get_lr(analysis, passed, depth + 1)
            if found is not None:
                return found
    return None


def _comprehension(analysis, comprehension) -> List[cst.Call]:
    """The `super().get_lr()` values a comprehension iterates (also zipped or enumerated)
    when its element scales its loop variables."""
    index = analysis.index
    found = []
    loop = comprehension.for_in
    while loop is not None:
        targets: Set[str] = {n.value for n in index.descendants(loop.target) if type(n) is cst.Name}
        sources = [loop.iter]
        if type(loop.iter) is cst.Call and dotted_name(loop.iter.func) in ("zip", "enumerate"):
            sources = [arg.value for arg in loop.iter.args]
        if _scales(index, comprehension.elt, targets):
            found.extend(_from_super_get_lr(analysis, source) for source in sources)
        loop = loop.inner_for_in
    return found


def _scales(index, expression: cst.CSTNode, names: Set[str]) -> bool:
    """`expression` holds `name * x`, `x * name` or `name / x` for one of `names`."""
    def reads(side: cst.CSTNode) -> bool:
        return any(type(n) is cst.Name and n.value in names for n in index.descendants(side))

    return any(
        type(current) is cst.BinaryOperation and type(current.operator) in _SCALING
        and (reads(current.left) or reads(current.right))
        for current in index.descendants(expression)
    )
