from typing import Iterator, List, Optional, Union

import libcst as cst

from reviewer.analysis.tree import argument, dotted_name, method_call, parameters
from reviewer.rule import Applicability, Fix, Replacement, Rule
from reviewer.triggers import any_of

_LAMBDA_SCHEDULERS = ("LambdaLR", "MultiplicativeLR")
#: a schedule function: a lambda, or a function defined in the loop
Closure = Union[cst.Lambda, cst.FunctionDef]


class LambdaLateBinding(Rule):
    code = "RV307"
    name = "lambda-late-binding"
    summary = "LambdaLR/MultiplicativeLR lambdas made in a loop read the loop variable late: every group gets its last value."
    fix_applicability = Applicability.SAFE
    changes_schedule = True
    aliases = ("B023",)  # Ruff/flake8-bugbear: function definition does not bind loop variable
    trigger = any_of(*_LAMBDA_SCHEDULERS)
    metamorphic_limits = {
        "extract_method": "a function appended to the list by a helper (`self._add(fns, fn)`) is not followed "
                          "into the helper: the list's functions are those made or appended where it is",
    }
    documentation = """
        ## What it does
        Finds the functions of a per-parameter-group `LambdaLR`/`MultiplicativeLR` list (a
        lambda, or a `def` in the loop) that are made in a comprehension or a `for` or
        `while` loop and read a name the loop binds anew on each pass (by the file's scopes:
        a name the function does not bind itself, bound by the loop's variable or by an
        assignment in the loop's body): `[lambda e: decay[i] ** e for i in range(n)]`,
        `lambdas.append(lambda e: ...g...)` in `for g in groups:`, or `factor = decays[i]`
        then `lambdas.append(lambda e: factor)` in a `while` loop, when the list is passed as
        `lr_lambda` (directly, through locals or attributes of `self`, or returned by a
        function of the file).

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
        Safe: the name is bound as a default argument, the idiom that makes each function
        keep the value it had when it was made (offered only where every such name is bound
        whenever the function is made: a loop's variable, or an assignment before it on every
        path), which is what every group's schedule
        was meant to use; the scheduler calls the lambda with one argument, so the default
        is never overridden.
    """

    def visit_Call(self, node: cst.Call) -> None:
        qualified = self.context.analysis.qualified(node.func) or ""
        if not qualified.startswith("torch.optim.lr_scheduler.") or qualified.rsplit(".", 1)[-1] not in _LAMBDA_SCHEDULERS:
            return
        arg = argument(node, "lr_lambda", 1)
        if arg is None:
            return
        for lam in self._lambdas(arg.value):
            names = self._late_names(lam, node)
            if not names:
                continue
            replacement = _bind_as_defaults(lam, names) if self._bound_when_made(lam, names) else None
            fix = None
            if replacement is not None:
                fix = Fix(Applicability.SAFE, "Bind " + ", ".join(f"`{n}={n}`" for n in names) + " as default arguments",
                          [Replacement(lam, replacement)])
            shown = ", ".join(f"`{n}`" for n in names)
            kind = "lambda" if type(lam) is cst.Lambda else "function"
            self.report(
                lam,
                f"this {kind} reads {shown}, which the loop around it rebinds on every pass, when the scheduler calls "
                f"it, after the loop has ended: every parameter group gets its last value; bind it as a default "
                f"argument: `{names[0]}={names[0]}`",
                fix=fix,
            )

    def _lambdas(self, value: cst.BaseExpression, depth: int = 0) -> Iterator[Closure]:
        """Functions of the list given as `lr_lambda` (lambdas, or functions defined in the
        loop): made in a comprehension (there, or where the value comes from), or appended to
        the list in a loop, directly or through locals, or what a function of the file that
        builds the list returns (`LambdaLR(opt, self._make_ramps())`)."""
        analysis = self.context.analysis
        index = analysis.index
        if type(value) is cst.Call and dotted_name(value.func) in ("list", "tuple") and len(value.args) == 1:
            value = value.args[0].value
        if type(value) is cst.Call and depth <= 3:
            for returned in analysis.values.returned(value) or ():
                yield from self._lambdas(returned, depth + 1)
            return
        if type(value) in (cst.ListComp, cst.GeneratorExp):
            yield from self._lambdas_of(value.elt, depth)
            return
        if type(value) is cst.Lambda:
            yield value
            return
        if depth > 3 or not index.knows(value):
            return
        owner = index.self_attribute(value) if type(value) is cst.Attribute else None
        if type(value) is cst.Name:
            holders = [b.value for b in index.bindings(value) if b.kind == "assign" and b.value is not None and not b.path]
            scope, into_scopes = index.scope_of(value).node, False
        elif owner is not None:  # `self.factors = []`, then `self.factors.append(...)` in any method
            holders = [w.value for w in index.attribute_writes(*owner) if w.value is not None and w.operator is None]
            scope, into_scopes = owner[0].node, True
        else:
            return
        for holder in holders:
            yield from self._lambdas(holder, depth + 1)
        same = analysis.loops.same_reference
        for call in index.of_type(scope, cst.Call, into_scopes=into_scopes):
            found = method_call(call)
            if found is not None and found[1] == "append" and len(call.args) == 1 and same(found[0], value):
                yield from self._lambdas_of(call.args[0].value, depth)
        for node in index.of_type(scope, cst.AugAssign, into_scopes=into_scopes):
            if same(node.target, value) and type(node.value) is cst.List:
                for element in node.value.elements:
                    yield from self._lambdas_of(element.value, depth)

    def _lambdas_of(self, element: cst.CSTNode, depth: int) -> Iterator[Closure]:
        """The function an element is, directly or through a local it was assigned to, or
        the `def` that binds its name."""
        if type(element) is cst.Lambda:
            yield element
        elif type(element) is cst.Name and self.context.analysis.index.knows(element) and depth <= 3:
            for binding in self.context.analysis.index.bindings(element):
                if binding.kind == "assign" and type(binding.value) is cst.Lambda and not binding.path:
                    yield binding.value
                elif binding.kind == "def":
                    yield binding.statement  # type: ignore[misc]

    def _late_names(self, lam: Closure, construction: cst.Call) -> List[str]:
        """Names the function reads that a loop around it binds anew on each pass (its
        variable, or a name assigned in its body), in order of first use, when the scheduler
        is built after that loop: one built in the same iteration as its function calls it
        while the name still holds that iteration's value."""
        index = self.context.analysis.index
        found: List[str] = []
        for node in index.descendants(lam.body):
            if type(node) is not cst.Name or index.is_store(node) or node.value in found:
                continue
            for binding in index.bindings(node):
                if binding.scope is index.scope(lam):
                    continue
                loop = self._rebinding_loop(binding, lam)
                if loop is not None and not index.contains(loop, construction):
                    found.append(node.value)
                    break
        return found

    def _bound_when_made(self, lam: Closure, names: List[str]) -> bool:
        """Each name holds a value wherever the function is made: a loop's own variable, or
        an assignment that runs before it on every path (a default argument reads the name
        right there; one assigned after it, or only sometimes, may be unbound on the first pass)."""
        index = self.context.analysis.index
        made = index.statement_of(lam)
        for node in index.descendants(lam.body):
            if type(node) is cst.Name and node.value in names and not index.is_store(node):
                for binding in index.bindings(node):
                    if binding.scope is not index.scope(lam) and binding.kind != "for" and not (
                            index.before(binding.statement, made) and index.dominates(binding.statement, made)):
                        return False
        return True

    def _rebinding_loop(self, binding, lam: Closure) -> Optional[cst.CSTNode]:
        """The loop around `lam` that runs `binding` on every pass: a loop's own variable, or
        an assignment in the body of a loop of the same function."""
        index = self.context.analysis.index
        if binding.kind == "for":
            loop = binding.scope.node if type(binding.statement) is cst.CompFor else binding.statement
            return loop if index.contains(loop, lam) else None
        if binding.kind not in ("assign", "augassign", "annassign"):
            return None
        for ancestor in index.ancestors(binding.statement):
            if ancestor is binding.scope.node:
                return None
            if type(ancestor) in (cst.For, cst.While) and index.contains(ancestor, lam) \
                    and index.scope_of(ancestor) is binding.scope:
                return ancestor
        return None


def _bind_as_defaults(lam: Closure, names: List[str]) -> Optional[Closure]:
    """`lambda e, i=i: ...` (`def f(e, i=i):`); None when the parameter list has a star or
    keyword-only part."""
    params = lam.params
    if params.kwonly_params or isinstance(params.star_arg, (cst.Param, cst.ParamStar)) or isinstance(params.star_kwarg, cst.Param):
        return None
    if any(p.name.value in names for p in parameters(params)):
        return None
    equal = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
    existing = list(params.params)
    if existing and isinstance(existing[-1].comma, cst.Comma):
        return None
    added = [cst.Param(cst.Name(name), default=cst.Name(name), equal=equal) for name in names]
    new_params = params.with_changes(params=[*existing, *added])
    if type(lam) is cst.Lambda and not existing and not params.posonly_params:
        return lam.with_changes(params=new_params, whitespace_after_lambda=cst.SimpleWhitespace(" "))
    return lam.with_changes(params=new_params)
