"""The rules' own trigger checks: functions of the text or of CPython's AST.

They are named by the rules' triggers (`reviewer.triggers.Check`) and kept in the
registry's index, so this module must not import libcst: a file that no trigger lets
through is then decided without it.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from typing import List, Optional, Set, Tuple

from reviewer.triggers import binds_name, discarded_call_names, loop_calls_all, parameter_words, signatures

# -- inference-without-no-grad -------------------------------------------------------------

#: words in a function name that say it runs inference only (not `test`: model files end
#: with `def test(): print(Net()(torch.randn(...)).size())` shape checks, harmless)
INFERENCE_WORDS = {
    "infer", "inference", "predict", "prediction", "predictions", "detect", "detection", "benchmark",
    "benchmarks", "bench", "profile", "profiling", "warmup", "latency", "throughput", "speed",
    "evaluate", "evaluation", "eval", "validate", "validation", "val", "demo",
}
#: a `def` whose name `inference_name` accepts
_INFERENCE_DEF = re.compile(
    r"def\s+(?i:(?:\w*?_)?(?:" + "|".join(sorted(INFERENCE_WORDS)) + r")(?:_\w*)?\s*\(|\w*warm_?up)"
)


def inference_name(name: str) -> bool:
    lowered = name.lower()
    if "warm_up" in lowered or "warmup" in lowered:
        return True
    return any(word in INFERENCE_WORDS for word in lowered.strip("_").split("_"))


def model_forward_text(text: str) -> bool:
    """An inference-named function, or a discarded call of a name that is assigned or is a
    parameter (what the rule's `_candidate_names` accepts)."""
    if _INFERENCE_DEF.search(text):
        return True
    called = discarded_call_names(text)
    if not called:
        return False
    words = parameter_words(text)
    return any(binds_name(text, name, words) for name in called)


def model_forward_structure(tree: ast.Module) -> bool:
    """Some call the rule looks at (a discarded call outside a class body, or any call in an
    inference-named function) calls a name that the rule's `_is_model` could accept, judged
    with the same scopes: a parameter only if reassigned in its function, named like a
    model, or passed by a plain call of that function (not a method); else a name assigned
    in an enclosing function or at module level, if one of its values there is a call (or a
    conditional expression): the rule's only way to build a model."""
    module = _Scope(None, None)
    sites: List[Tuple[str, _Scope]] = []
    _collect(tree.body, module, False, sites)
    plain_callees: Optional[Set[str]] = None
    for name, scope in sites:
        verdict = scope.could_be_model(name)
        if verdict == "if called":
            if plain_callees is None:
                plain_callees = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
            verdict = scope.function.name in plain_callees  # type: ignore[union-attr]
        if verdict:
            return True
    return False


class _Scope:
    """A function (or the module): its parameters and the names assigned in it."""

    def __init__(self, function: Optional[ast.AST], parent: Optional["_Scope"], method: bool = False) -> None:
        self.function = function
        self.parent = parent
        self.method = method
        self.params: Set[str] = set()
        if function is not None:
            arguments = function.args  # type: ignore[attr-defined]
            every = (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg)
            self.params = {argument.arg for argument in every if argument is not None}
        #: Assign / AnnAssign-with-a-value targets in this scope (not nested ones, not class bodies)
        self.assigned: Set[str] = set()
        #: those of them with a value that is a call or a conditional expression
        self.assigned_calls: Set[str] = set()
        #: names declared `global` or `nonlocal` (the rule then looks at module level)
        self.declared: Set[str] = set()

    def assign(self, names: List[str], value: ast.expr) -> None:
        self.assigned.update(names)
        if type(value) in (ast.Call, ast.IfExp):
            self.assigned_calls.update(names)

    def could_be_model(self, name: str):
        scope: Optional[_Scope] = self
        while scope is not None and scope.function is not None:
            if name in scope.params:
                if name in scope.assigned or name == "model" or name.endswith("_model"):
                    return True
                return False if scope.method else "if called"
            if name in scope.assigned:
                return name in scope.assigned_calls
            if name in scope.declared:
                while scope.parent is not None:
                    scope = scope.parent
                break
            scope = scope.parent  # other bindings may leave the name to an outer scope
        return scope is not None and name in scope.assigned_calls


def _collect(
    body: List[ast.stmt], scope: _Scope, in_class: bool, sites: List[Tuple[str, _Scope]], class_body: bool = False
) -> None:
    """Fills scopes' assignments and the (name, scope) of every call the rule looks at;
    `class_body`: `body` is a class's own body (a `def` under an `if` there is no method)."""
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner = _Scope(statement, scope, method=class_body)
            if inference_name(statement.name):  # the rule's stack puts decorators and defaults in it too
                parts = [*statement.decorator_list, statement.args, statement.returns, *statement.body]
                called: Set[str] = set()
                _add_calls_in([part for part in parts if part is not None], called)
                sites.extend((name, inner) for name in called)
            _collect(statement.body, inner, False, sites)
            continue
        if isinstance(statement, ast.ClassDef):
            _collect(statement.body, scope, True, sites, class_body=True)
            continue
        if isinstance(statement, (ast.Global, ast.Nonlocal)) and not in_class:
            scope.declared.update(statement.names)
        discarded: Set[str] = set()
        if isinstance(statement, ast.Assign):
            names = [target.id for target in statement.targets if isinstance(target, ast.Name)]
            if not in_class:
                scope.assign(names, statement.value)
                if len(names) == len(statement.targets) and set(names) == {"_"}:
                    _add_callee(statement.value, discarded)
        elif isinstance(statement, ast.AnnAssign):
            if not in_class and isinstance(statement.target, ast.Name) and statement.value is not None:
                scope.assign([statement.target.id], statement.value)
        elif isinstance(statement, ast.Expr) and not in_class:
            _add_callee(statement.value, discarded)
        sites.extend((name, scope) for name in discarded)
        blocks = [getattr(statement, name, None) for name in ("body", "orelse", "finalbody")]
        blocks += [handler.body for handler in getattr(statement, "handlers", ())]
        blocks += [case.body for case in getattr(statement, "cases", ())]
        for block in blocks:
            if block:
                _collect(block, scope, in_class, sites)


def _add_calls_in(nodes: List[ast.AST], called: Set[str]) -> None:
    """The names called (`f(...)`, `f.forward(...)`) anywhere in `nodes`, nested scopes aside."""
    todo: List[ast.AST] = list(nodes)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Call):
            name = _callee(node)
            if name is not None:
                called.add(name)
        todo.extend(ast.iter_child_nodes(node))


def _callee(call: ast.Call) -> Optional[str]:
    function = call.func
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute) and function.attr == "forward" and isinstance(function.value, ast.Name):
        return function.value.id
    return None


def _add_callee(value: ast.expr, called: Set[str]) -> None:
    """The name called at the bottom of `model(x)[0].cpu()` or `net.forward(x)`."""
    node = value
    while True:
        if isinstance(node, ast.Call):
            name = _callee(node)
            if name is not None:
                called.add(name)
                return
            node = node.func
        elif isinstance(node, (ast.Subscript, ast.Attribute)):
            node = node.value
        else:
            return


# -- zero-grad-misplaced ------------------------------------------------------------------


def optimizer_step_loop(tree: ast.Module) -> bool:
    """A loop that calls both `step()` (`optimizer.step()`, `scaler.step(...)`) and `backward()`."""
    return loop_calls_all(tree, {"step", "backward"})


# -- mutable-default-argument --------------------------------------------------------------

_CONTINUATION = r"=\s*(?:\\\s*|#[^\n]*\n\s*)*(?:\(\s*)*"  # comments, line continuations, parentheses
_MUTABLE_CALLEES = r"list|dict|set|defaultdict|OrderedDict|deque|Counter"
#: `= [`, `= {`, or `= list(` (also `collections.deque(`...)
_MUTABLE_DEFAULT = re.compile(_CONTINUATION + rf"(?:[\[{{]|(?:[\w.]*\.)?(?:{_MUTABLE_CALLEES})\s*\()")
#: `= [`, `= {`, or any call: for files that import one of the callees under another name
_ANY_CALL_DEFAULT = re.compile(_CONTINUATION + r"(?:[\[{]|[\w.]+\s*\()")
_RENAMED_CALLEE = re.compile(rf"\b(?:{_MUTABLE_CALLEES})\s+as\s")


def mutable_default_signature(text: str) -> bool:
    """Some `def` has a default that could be mutable: a display, or a call of one of the
    callees (any call when the file renames one of them on import). A regex alone cannot
    find the end of a parameter list."""
    pattern = _ANY_CALL_DEFAULT if _RENAMED_CALLEE.search(text) else _MUTABLE_DEFAULT
    return any(pattern.search(signature) for signature in signatures(text))


# -- schedule arithmetic ---------------------------------------------------------------------

_UNIT = r"(?:epochs?|iters?|iterations?|steps?|its|updates|batches)"
#: the total length of a schedule (a count): `epochs`, `max_iter`, `total_steps`, `T_max`...
TOTAL = re.compile(
    rf"^(?:(?:num|n|nb|max|total|lr_decay|decay|train|training|cosine|anneal|cycle|all)_?)+{_UNIT}$"
    rf"|^(?:epochs|iters|iterations|steps)$"
    r"|^t_?(?:max|total)$"
    r"|^(?:total|horizon|num_training_steps|num_train_steps|max_train_steps)$"
)
#: the length of a warm-up (may be 0 to disable it)
WARMUP = re.compile(
    rf"^(?:num_|n_|nb_)?warm_?up(?:_?(?:{_UNIT}|length|len|period|duration|num|n))?$"
    rf"|^w_?{_UNIT}$"
)
#: other horizon settings that may be subtracted from a total
OTHER = re.compile(
    rf"^(?:start|begin|hold|cooldown|cool_down|stable|constant|decay_start|warmup_end)(?:_?{_UNIT})?$"
)
#: a name that says warm-up (the rule's test for its horizon, and its structural trigger's)
WARM_NAME = re.compile(r"(?i)warm")
_DIVISIONS = (ast.Div, ast.FloorDiv, ast.Mod)


@lru_cache(maxsize=1)  # the rules' checks below ask about the same tree in turn
def _arithmetic(tree: ast.Module) -> Tuple[List[ast.BinOp], List[ast.AugAssign]]:
    operations: List[ast.BinOp] = []
    augmented: List[ast.AugAssign] = []
    for node in ast.walk(tree):
        if type(node) is ast.BinOp:
            operations.append(node)
        elif type(node) is ast.AugAssign:
            augmented.append(node)
    return operations, augmented


def one_minus_call(tree: ast.Module) -> bool:
    """`1 - f(x)`, the shape of inverted-cosine-annealing's `1 - cos(pi * t / T)`."""
    return any(
        type(node.op) is ast.Sub
        and _is_one(node.left)
        and type(node.right) is ast.Call
        and len(node.right.args) + len(node.right.keywords) == 1
        for node in _arithmetic(tree)[0]
    )


def _is_one(node: ast.expr) -> bool:
    return type(node) is ast.Constant and type(node.value) in (int, float, bool) and node.value == 1


def division_by_warmup_name(tree: ast.Module) -> bool:
    """`x / W` where a name in W says warm-up (warmup-never-reaches-peak's `it / warmup_iters`,
    also inside `float()`, `int()` or `max()`)."""
    return any(
        type(node.op) is ast.Div
        and any(WARM_NAME.search(_identifier(part) or "") for part in ast.walk(node.right))
        for node in _arithmetic(tree)[0]
    )


def _identifier(node: ast.AST) -> Optional[str]:
    if type(node) is ast.Name:
        return node.id  # type: ignore[attr-defined]
    if type(node) is ast.Attribute:
        return node.attr  # type: ignore[attr-defined]
    return None


def schedule_divisor(tree: ast.Module) -> bool:
    """A division or modulo by what schedule-division-by-zero checks (inside `float()` or
    `int()`): a difference led by a schedule length (`epochs - 1`), a warm-up length, or a
    `self.` attribute that the file sets to 0."""
    operations, augmented = _arithmetic(tree)
    divisors = [node.right for node in operations if type(node.op) in _DIVISIONS]
    divisors += [node.value for node in augmented if type(node.op) in _DIVISIONS]
    zeroed: Optional[Set[str]] = None
    for divisor in divisors:
        node = _without_conversion(divisor)
        if type(node) is ast.BinOp and type(node.op) is ast.Sub:
            while type(node) is ast.BinOp and type(node.op) is ast.Sub:
                node = node.left  # type: ignore[attr-defined]
            key = setting_name(node)
            if key is not None and TOTAL.match(key):
                return True
            continue
        key = setting_name(node)
        if key is not None and WARMUP.match(key):
            return True
        if type(node) is ast.Attribute and type(node.value) is ast.Name and node.value.id == "self":
            if zeroed is None:
                zeroed = _attributes_set_to_zero(tree)
            if node.attr in zeroed:
                return True
    return False


def _without_conversion(node: ast.expr) -> ast.expr:
    """`float(d)` and `int(d)` -> d."""
    while (
        type(node) is ast.Call
        and type(node.func) is ast.Name
        and node.func.id in ("float", "int")
        and len(node.args) + len(node.keywords) == 1
    ):
        argument = (node.args or node.keywords)[0]
        node = argument.value if type(argument) in (ast.Starred, ast.keyword) else argument  # type: ignore[attr-defined]
    return node


def setting_name(node: ast.AST) -> Optional[str]:
    """The setting an expression names: `epochs`, `args.epochs`, `hyp['epochs']` all give `epochs`."""
    if type(node) is ast.Subscript:
        index = node.slice  # type: ignore[attr-defined]
        if type(index) is ast.Tuple and len(index.elts) == 1:  # `cfg['steps',]`: one element for libcst too
            index = index.elts[0]
        return index.value.lower() if type(index) is ast.Constant and type(index.value) is str else None
    name = _identifier(node)
    return name.lower() if name is not None else None


def _attributes_set_to_zero(tree: ast.Module) -> Set[str]:
    """X for every `self.X = 0` (or `self.X: T = 0`) in the file."""
    found: Set[str] = set()
    for node in ast.walk(tree):
        if type(node) is ast.Assign:
            targets = node.targets  # type: ignore[attr-defined]
        elif type(node) is ast.AnnAssign:
            targets = [node.target]  # type: ignore[attr-defined]
        else:
            continue
        value = node.value  # type: ignore[attr-defined]
        if type(value) is not ast.Constant or type(value.value) not in (int, float, bool) or value.value != 0:
            continue
        for target in targets:
            if type(target) is ast.Attribute and type(target.value) is ast.Name and target.value.id == "self":
                found.add(target.attr)
    return found

