"""Late-bound loop variables in the lambdas of LambdaLR/MultiplicativeLR (RV307)."""

from __future__ import annotations

from typing import Iterator, List, Optional, Set, Tuple

import libcst as cst

from reviewer.matching import (
    LR_SCHEDULER,
    block_statements,
    child_nodes,
    dotted_name,
    enclosing_function,
    iter_statements,
    keyword_arg,
    loop_target_names,
    method_call,
    parameters,
)
from reviewer.rule import Applicability, Fix, Replacement, Rule

LAMBDA_SCHEDULERS = {f"{LR_SCHEDULER}.LambdaLR", f"{LR_SCHEDULER}.MultiplicativeLR"}


def free_names(lam: cst.Lambda) -> List[str]:
    """Names a lambda's body reads that it does not bind itself, in order of first use."""
    bound = {param.name.value for param in parameters(lam.params)}
    found: List[str] = []

    def visit(node: cst.CSTNode, shadowed: Set[str]) -> None:
        if isinstance(node, cst.Name):
            if node.value not in shadowed and node.value not in found:
                found.append(node.value)
            return
        if isinstance(node, cst.Attribute):
            visit(node.value, shadowed)
            return
        if isinstance(node, cst.Arg):
            visit(node.value, shadowed)
            return
        if isinstance(node, cst.Lambda):
            for param in parameters(node.params):
                if param.default is not None:
                    visit(param.default, shadowed)
            visit(node.body, shadowed | {p.name.value for p in parameters(node.params)})
            return
        if isinstance(node, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)):
            inner = set(shadowed)
            loop = node.for_in
            while loop is not None:
                visit(loop.iter, inner)
                inner |= set(loop_target_names(loop))
                for condition in loop.ifs:
                    visit(condition, inner)
                loop = loop.inner_for_in
            for child in ([node.key, node.value] if isinstance(node, cst.DictComp) else [node.elt]):
                visit(child, inner)
            return
        for child in child_nodes(node):
            visit(child, shadowed)

    visit(lam.body, bound)
    return found


def bind_as_defaults(lam: cst.Lambda, names: List[str]) -> Optional[cst.Lambda]:
    """`lambda e, i=i: ...`; None when the parameter list has a star or keyword-only part."""
    params = lam.params
    if params.kwonly_params or isinstance(params.star_arg, cst.Param) or isinstance(params.star_arg, cst.ParamStar) \
            or isinstance(params.star_kwarg, cst.Param):
        return None
    equal = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
    existing = list(params.params)
    if existing and isinstance(existing[-1].comma, cst.Comma):  # `lambda e,: ...` is not valid anyway
        return None
    added = [cst.Param(cst.Name(name), default=cst.Name(name), equal=equal) for name in names]
    new_params = params.with_changes(params=[*existing, *added])
    if not existing and not params.posonly_params:
        return lam.with_changes(params=new_params, whitespace_after_lambda=cst.SimpleWhitespace(" "))
    return lam.with_changes(params=new_params)


class LambdaLateBinding(Rule):
    code = "RV307"
    name = "lambda-late-binding"
    summary = "LambdaLR/MultiplicativeLR lambdas made in a loop read the loop variable late: every group gets its last value."
    fix_applicability = Applicability.SAFE
    aliases = ("B023",)  # Ruff/flake8-bugbear: function definition does not bind loop variable
    trigger = r"LambdaLR|MultiplicativeLR"
    documentation = """
        ## What it does
        Finds the lambdas of a per-parameter-group `LambdaLR`/`MultiplicativeLR` list that
        are made in a list comprehension or a `for` loop and read that loop's variable:
        `[lambda e: decay[i] ** e for i in range(n)]`, or `lambdas.append(lambda e: ...g...)`
        in `for g in groups:`, when the list is passed as `lr_lambda`.

        ## Why it matters
        A Python closure looks its free variables up when it is called, not when it is
        made (pylint W0640). By the time the scheduler calls the lambdas the loop has
        finished, so every parameter group follows the schedule meant for the last one:
        the backbone gets the head's warm-up, and nothing fails.

        ## Example
        ```python
        lambdas = [lambda epoch: factors[i] ** epoch for i in range(len(optimizer.param_groups))]
        scheduler = LambdaLR(optimizer, lr_lambda=lambdas)
        ```

        ## Fixed
        ```python
        lambdas = [lambda epoch, i=i: factors[i] ** epoch for i in range(len(optimizer.param_groups))]
        scheduler = LambdaLR(optimizer, lr_lambda=lambdas)
        ```

        ## Fix safety
        Safe: the loop variable is bound as a default argument, the idiom that makes each
        lambda keep its own value; the scheduler calls the lambda with one argument, so the
        default is never overridden.
    """

    def visit_Call(self, node: cst.Call) -> None:
        qualified = self.context.facts.resolve(node.func)
        if qualified not in LAMBDA_SCHEDULERS:
            return
        arg = keyword_arg(node, "lr_lambda", 1)
        if arg is None:
            return
        for lam, names in self._late_lambdas(arg.value):
            replacement = bind_as_defaults(lam, names)
            fix = None
            if replacement is not None:
                fix = Fix(Applicability.SAFE, "Bind " + ", ".join(f"`{n}={n}`" for n in names) + " as default arguments",
                          [Replacement(lam, replacement)])
            shown = ", ".join(f"`{n}`" for n in names)
            self.report(
                lam,
                f"this lambda reads the loop variable {shown} when the scheduler calls it, after the loop has "
                f"ended: every parameter group gets its last value; bind it: `lambda ..., {names[0]}={names[0]}: ...`",
                fix=fix,
            )

    def _late_lambdas(self, value: cst.BaseExpression) -> Iterator[Tuple[cst.Lambda, List[str]]]:
        if isinstance(value, cst.Call) and dotted_name(value.func) in ("list", "tuple") and len(value.args) == 1:
            value = value.args[0].value
        if isinstance(value, (cst.ListComp, cst.GeneratorExp)):
            yield from _comprehension_lambdas(value)
        elif isinstance(value, cst.Name):
            yield from self._built_list(value.value)

    def _built_list(self, name: str) -> Iterator[Tuple[cst.Lambda, List[str]]]:
        """The lambdas of a list `name` made by a comprehension or appended in a for loop."""
        function = enclosing_function(self.context)
        body = function.body.body if function is not None and isinstance(function.body, cst.IndentedBlock) \
            else self.context.module.body
        for statement in iter_statements(body):
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.Assign) and len(small.targets) == 1 and \
                            dotted_name(small.targets[0].target) == name and \
                            isinstance(small.value, (cst.ListComp, cst.GeneratorExp)):
                        yield from _comprehension_lambdas(small.value)
            elif isinstance(statement, cst.For):
                variables = set(loop_target_names(statement))
                for inner in iter_statements(block_statements(statement)):
                    if isinstance(inner, cst.SimpleStatementLine):
                        smalls = list(inner.body)
                    elif isinstance(inner, cst.BaseSmallStatement):
                        smalls = [inner]
                    else:
                        continue
                    for small in smalls:
                        lam = _appended_lambda(small, name)
                        if lam is not None:
                            late = [n for n in free_names(lam) if n in variables]
                            if late:
                                yield lam, late


def _appended_lambda(small: cst.CSTNode, name: str) -> Optional[cst.Lambda]:
    """The lambda in `name.append(lambda ...)` or `name += [lambda ...]`."""
    if isinstance(small, cst.Expr):
        found = method_call(small.value)
        if found is not None and found[1] == "append" and dotted_name(found[0]) == name:
            call = small.value
            assert isinstance(call, cst.Call)
            if len(call.args) == 1 and isinstance(call.args[0].value, cst.Lambda):
                return call.args[0].value
    if isinstance(small, cst.AugAssign) and isinstance(small.operator, cst.AddAssign) and \
            dotted_name(small.target) == name and isinstance(small.value, cst.List) and \
            len(small.value.elements) == 1 and isinstance(small.value.elements[0].value, cst.Lambda):
        return small.value.elements[0].value
    return None


def _comprehension_lambdas(comprehension: cst.BaseComp) -> Iterator[Tuple[cst.Lambda, List[str]]]:
    element = comprehension.elt  # type: ignore[attr-defined]
    if not isinstance(element, cst.Lambda):
        return
    variables: Set[str] = set()
    loop: Optional[cst.CompFor] = comprehension.for_in
    while loop is not None:
        variables |= set(loop_target_names(loop))
        loop = loop.inner_for_in
    late = [n for n in free_names(element) if n in variables]
    if late:
        yield element, late
