"""RV501 inference-without-no-grad: warm-up, benchmark and inference forwards that build autograd graphs."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple

import libcst as cst

from reviewer.matching import (
    child_nodes,
    dotted_name,
    is_docstring,
    iter_statements,
    method_call,
    parameters,
    shorten,
    small_statements,
    walk,
)
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity
from reviewer.rules.trigger_checks import inference_name, model_forward_structure, model_forward_text
from reviewer.triggers import all_of, any_of, Check

#: anything that needs (or explicitly manages) gradients: then the rule stays out
_GRADIENT_USE = re.compile(
    r"backward|autograd|\.step\(|zero_grad|requires_grad|enable_grad|\.grad\b|torch\.func\b|functorch"
    r"|\bvjp\b|\bjvp\b|jacobian|hessian|set_grad_enabled"
)
#: methods that return the module itself (or a converted copy)
_MODULE_METHODS = {
    "to", "cuda", "cpu", "eval", "half", "float", "double", "bfloat16", "fuse", "train",
    "requires_grad_", "share_memory", "type", "to_empty",
}
_MODULE_BASES = {
    "torch.nn.Module", "torch.nn.modules.module.Module", "lightning.LightningModule",
    "lightning.pytorch.LightningModule", "pytorch_lightning.LightningModule", "transformers.PreTrainedModel",
}
#: torch.nn classes that are not models (losses match by suffix)
_NOT_MODELS = re.compile(
    r"Loss$|^(?:Parameter\w*|Module|ModuleList|ModuleDict|Identity|Flatten|Unflatten|Dropout\w*|ReLU\w*|GELU|SiLU"
    r"|Sigmoid|Tanh|Softmax\w*|LogSoftmax|Hardswish|Hardsigmoid|Mish|ELU|LeakyReLU|PReLU|Softplus|\w*Pool\w*"
    r"|Upsample\w*|PixelShuffle|PixelUnshuffle|ZeroPad\w*|ConstantPad\w*|ReflectionPad\w*|ReplicationPad\w*)$"
)
_GUARD_CALLS = ("no_grad", "inference_mode")


def _last(name: Optional[str]) -> str:
    return (name or "").rsplit(".", 1)[-1]


class InferenceWithoutNoGrad(Rule):
    code = "RV501"
    name = "inference-without-no-grad"
    summary = "A warm-up, benchmark or inference forward pass runs outside `torch.no_grad()` and builds an autograd graph."
    severity = Severity.WARNING
    fix_applicability = Applicability.SAFE
    # Every model source `_builds_model` and `_is_model` accept names one of these, and
    # a forward that could be reported needs an inference function or a discarded call.
    trigger = all_of(
        any_of(
            r"nn\b", "Module", "PreTrainedModel", "attempt_load", "torchvision", r"timm\b", r"hub\b", r"jit\b",
            "from_pretrained", r"\.eval\s*\(",
        ),
        Check(model_forward_text),
    )
    structure = Check(model_forward_structure)
    documentation = """
        ## What it does
        Reports a forward call of a model outside `torch.no_grad()` / `torch.inference_mode()`
        (as a context manager or decorator) when

        - its result is thrown away (a warm-up such as `for _ in range(3): model(img)`), or
        - it is in an inference or benchmark function (`detect`, `predict`, `evaluate`,
          `benchmark`...),

        and the function never calls `backward`, an optimizer, `torch.autograd` or
        touches `requires_grad`. A model is a name bound to an `nn.Module` subclass of the
        file, a `torch.nn` layer, `attempt_load(...)`, `torchvision.models.X(...)`,
        `timm.create_model(...)`, `torch.hub.load(...)`, a parameter named `model` on
        which the function calls `.eval()`, or a parameter that every call in the file
        passes such a model. Methods of `nn.Module` subclasses are left to their callers. When every caller of the function in the
        same file calls it under `no_grad`, nothing is reported. Test files are skipped.

        ## Why it matters
        Under grad mode every forward records the graph and keeps the activations that a
        backward pass would need: inference uses several times the memory, runs slower,
        and timing numbers include the bookkeeping. YOLOv7's `detect.py` runs its warm-up
        `model(img)[0]` outside the `torch.no_grad()` block of the real inference
        (WongKinYiu/yolov7 PR #900 fixed only the main call).

        ## Example
        ```python
        model = attempt_load(weights).eval()
        for _ in range(3):
            model(img)[0]
        ```

        ## Fixed
        ```python
        model = attempt_load(weights).eval()
        with torch.no_grad():
            for _ in range(3):
                model(img)[0]
        ```

        ## Fix safety
        Wraps the statement (or a loop whose only statement it is) in
        `with torch.no_grad():`, adding `import torch` when the file lacks it. Safe when
        the function never differentiates: results are the same values without a graph.
        Unsafe for a forward whose result is used when the function returns a value and
        the file calls `backward` somewhere, since a caller might differentiate what it
        returns. No fix inside generators'
        `yield` statements (the grad mode would leak to the consumer).
    """

    def __init__(self, context) -> None:
        super().__init__(context)
        self._scan: Optional["_Scan"] = None
        self._skip = _is_test_file(context.path)
        self._model_classes: Dict[str, bool] = {}
        self._gradients: Dict[int, bool] = {}
        self._scopes: Dict[int, Dict[str, Tuple[List[cst.BaseExpression], bool]]] = {}
        self._models: Dict[Tuple[int, str], bool] = {}
        self._resolving: Set[Tuple[int, str]] = set()
        self._candidates: Optional[Set[str]] = None
        self._globals: Dict[int, Set[str]] = {}

    def _uses_gradients(self, function: Optional[cst.FunctionDef]) -> bool:
        key = id(function)
        if key not in self._gradients:
            text = self.context.code(function) if function is not None else self._module_level_code()
            self._gradients[key] = _GRADIENT_USE.search(text) is not None
        return self._gradients[key]

    def visit_Call(self, node: cst.Call) -> None:
        if self._skip:
            return
        name = self._callee(node)
        if name is None or name not in self._candidate_names():
            return
        stack = self.context.stack
        scopes = [n for n in stack[:-1] if isinstance(n, (cst.FunctionDef, cst.Lambda, cst.ClassDef))]
        if scopes and isinstance(scopes[-1], (cst.Lambda, cst.ClassDef)):
            return
        if any(isinstance(n, cst.ClassDef) and self._module_class(n.name.value, set()) for n in scopes):
            return  # part of a model's own computation: its caller decides the grad mode
        functions: List[cst.FunctionDef] = [n for n in scopes if isinstance(n, cst.FunctionDef)]
        function = functions[-1] if functions else None
        discarded = self._discarded(stack)
        if not discarded and (function is None or not inference_name(function.name.value)):
            return
        # The cheap conditions first: deciding what is a model may scan the whole module.
        if self._lexically_guarded(stack) or self._uses_gradients(function):
            return
        model_key = (id(function), name)
        if model_key not in self._models:
            self._models[model_key] = self._is_model(name, functions)
        if not self._models[model_key]:
            return
        if function is not None and self._scan_module().all_callers_guarded(function.name.value):
            return
        kind = "Forward pass whose result is discarded" if discarded else "Inference forward pass"
        where = f"in `{function.name.value}()`" if function is not None else "at module level"
        message = (
            f"{kind} `{shorten(self.context.code(node), 50)}` {where} runs outside `torch.no_grad()`: "
            f"it records an autograd graph and keeps activations for a backward that never comes"
        )
        self.report(node, message, fix=self._fix(stack, function, discarded))

    # -- what is a forward call of a model --------------------------------------------

    def _candidate_names(self) -> Set[str]:
        """Names that can be bound to a model: parameters and plain assignment targets."""
        if self._candidates is None:
            names: Set[str] = set()
            module = self.context.module
            for statement in iter_statements(module.body):
                if isinstance(statement, cst.FunctionDef):
                    names.update(p.name.value for p in parameters(statement.params))
            for small in small_statements(module.body):
                if isinstance(small, cst.Assign):
                    names.update(t.target.value for t in small.targets if isinstance(t.target, cst.Name))
                elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                    names.add(small.target.value)
            self._candidates = names
        return self._candidates

    def _declares_global(self, function: cst.FunctionDef, name: str) -> bool:
        key = id(function)
        if key not in self._globals:
            self._globals[key] = {
                item.name.value
                for small in small_statements(_suite(function), into_scopes=False)
                if isinstance(small, (cst.Global, cst.Nonlocal))
                for item in small.names
                if isinstance(item.name, cst.Name)
            }
        return name in self._globals[key]

    @staticmethod
    def _callee(node: cst.Call) -> Optional[str]:
        if isinstance(node.func, cst.Name):
            return node.func.value
        found = method_call(node)
        if found and found[1] == "forward" and isinstance(found[0], cst.Name):
            return found[0].value
        return None

    @staticmethod
    def _discarded(stack: Sequence[cst.CSTNode]) -> bool:
        position = len(stack) - 1
        while position > 0:
            parent, child = stack[position - 1], stack[position]
            if isinstance(parent, cst.Subscript) and parent.value is child:
                position -= 1
            elif isinstance(parent, cst.Attribute) and parent.value is child:
                position -= 1
            elif isinstance(parent, cst.Call) and parent.func is child and position != len(stack) - 1:
                position -= 1
            else:
                break
        parent = stack[position - 1] if position > 0 else None
        if isinstance(parent, cst.Expr):
            return True
        if isinstance(parent, cst.Assign):
            return all(isinstance(t.target, cst.Name) and t.target.value == "_" for t in parent.targets)
        return False

    def _is_model(self, name: str, functions: Sequence[cst.FunctionDef]) -> bool:
        for function in reversed(functions):
            params = {p.name.value for p in parameters(function.params)}
            values, unknown = self._bindings(function.body, name)
            if name in params:
                if unknown:
                    return False
                verdicts = [self._model_value(v, name) for v in values]
                if False in verdicts:
                    return False
                if True in verdicts:
                    return True
                if (name == "model" or name.endswith("_model")) and _calls_eval(function.body, name):
                    return True
                return self._bound_by_callers(function, name)
            if values or unknown:
                return self._decide(values, unknown, name)
            if self._declares_global(function, name):
                break
        values, unknown = self._bindings(self.context.module, name)
        return self._decide(values, unknown, name)

    def _bound_by_callers(self, function: cst.FunctionDef, name: str) -> bool:
        """Every call of `function` in the file passes a model for parameter `name`."""
        key = (id(function), name)
        if key in self._resolving:
            return False
        self._resolving.add(key)
        try:
            scan = self._scan_module()
            callee = function.name.value
            if len(scan.functions.get(callee, [])) != 1 or scan.methods.get(id(function)):
                return False
            references = scan.references.get(callee, [])
            calls = scan.calls.get(callee, [])
            if not calls or len(calls) != len(references):
                return False
            positional = [p.name.value for p in (*function.params.posonly_params, *function.params.params)]
            for call, chain in calls:
                argument = _argument(call, name, positional)
                if argument is None:
                    return False
                if isinstance(argument, cst.Name):
                    if not self._is_model(argument.value, chain):
                        return False
                elif self._model_value(argument, "") is not True:
                    return False
            return True
        finally:
            self._resolving.discard(key)

    def _bindings(self, scope: cst.CSTNode, name: str) -> Tuple[List[cst.BaseExpression], bool]:
        table = self._scopes.get(id(scope))
        if table is None:
            table = self._scopes[id(scope)] = _scope_bindings(scope)
        return table.get(name, ([], False))

    def _decide(self, values: List[cst.BaseExpression], unknown: bool, name: str) -> bool:
        if unknown or not values:
            return False
        verdicts = [self._model_value(v, name) for v in values]
        return any(v is True for v in verdicts) and all(v is not False for v in verdicts)

    def _model_value(self, value: cst.BaseExpression, name: str):
        """True: builds a model; "derived": a wrapper/conversion of `name` itself; False: other."""
        if isinstance(value, cst.IfExp):
            verdicts = [self._model_value(value.body, name), self._model_value(value.orelse, name)]
            if False in verdicts:
                return False
            return True if True in verdicts else "derived"
        if isinstance(value, cst.Name) and value.value == name:
            return "derived"
        if isinstance(value, cst.Attribute):
            inner = self._model_value(value.value, name)
            return "derived" if inner is not False and value.attr.value == "module" else False
        if not isinstance(value, cst.Call):
            return False
        found = method_call(value)
        if found and found[1] in _MODULE_METHODS:
            return self._model_value(found[0], name)
        if value.args and isinstance(value.args[0].value, cst.Name) and value.args[0].value.value == name:
            if value.args[0].keyword is None:
                return "derived"  # DataParallel(model), TracedModel(model, ...), torch.compile(model)
        return self._builds_model(value)

    def _builds_model(self, call: cst.Call) -> bool:
        facts = self.context.facts
        qualified = facts.resolve(call.func) or ""
        last = _last(qualified)
        if last == "attempt_load" or qualified in ("timm.create_model", "torch.hub.load", "torch.jit.load"):
            return True
        if qualified.startswith("torchvision.models.") and not _NOT_MODELS.search(last):
            return True
        if qualified.startswith("transformers.") and last == "from_pretrained":
            owner = _last(qualified[: -len(".from_pretrained")])
            return "Model" in owner or "For" in owner
        if qualified.startswith("torch.nn.") and last[:1].isupper() and "functional" not in qualified:
            return not _NOT_MODELS.search(last)
        if "." not in qualified and qualified in facts.classes:
            return self._module_class(qualified, set())
        return False

    def _module_class(self, name: str, seen: Set[str]) -> bool:
        if name in self._model_classes:
            return self._model_classes[name]
        if name in seen or name.endswith("Loss"):
            return False
        seen.add(name)
        facts = self.context.facts
        klass = facts.classes.get(name)
        if klass is None:
            return False
        answer = False
        for base in klass.bases:
            qualified = facts.resolve(base.value) or ""
            if qualified in _MODULE_BASES or (
                qualified.startswith("torch.nn.") and _last(qualified)[:1].isupper() and not _NOT_MODELS.search(_last(qualified))
            ):
                answer = True
            elif "." not in qualified and qualified in facts.classes and self._module_class(qualified, seen):
                answer = True
        self._model_classes[name] = answer
        return answer

    # -- guards ------------------------------------------------------------------------

    def _lexically_guarded(self, stack: Sequence[cst.CSTNode]) -> bool:
        facts = self.context.facts
        for position in range(len(stack) - 2, -1, -1):
            node = stack[position]
            if isinstance(node, cst.With) and any(_guard_expression(item.item, facts) for item in node.items):
                return True
            if isinstance(node, cst.FunctionDef) and any(_guard_decorator(d.decorator, facts) for d in node.decorators):
                return True
            if isinstance(node, (cst.IndentedBlock, cst.Module)):
                child = stack[position + 1]
                for statement in node.body:
                    if statement is child:
                        break
                    if _disables_grad(statement, facts):
                        return True
        return False

    def _module_level_code(self) -> str:
        module = self.context.module
        return "\n".join(
            module.code_for_node(s)
            for s in module.body
            if not isinstance(s, (cst.FunctionDef, cst.ClassDef)) and not is_docstring(s)
        )

    def _scan_module(self) -> "_Scan":
        if self._scan is None:
            self._scan = _Scan(self.context.module, self.context.facts)
        return self._scan

    # -- fix ---------------------------------------------------------------------------

    def _fix(self, stack: Sequence[cst.CSTNode], function: Optional[cst.FunctionDef], discarded: bool) -> Optional[Fix]:
        target_position = None
        for position in range(len(stack) - 1, 0, -1):
            if isinstance(stack[position], cst.BaseStatement) and isinstance(
                stack[position - 1], (cst.IndentedBlock, cst.Module)
            ):
                target_position = position
                break
        if target_position is None:
            return None
        # Climb out of loops whose only statement is the target.
        while target_position >= 3:
            block, loop = stack[target_position - 1], stack[target_position - 2]
            if (
                isinstance(block, cst.IndentedBlock)
                and isinstance(loop, (cst.For, cst.While))
                and loop.body is block
                and len(block.body) == 1
                and loop.orelse is None
                and isinstance(stack[target_position - 3], (cst.IndentedBlock, cst.Module))
            ):
                target_position -= 2
            else:
                break
        target = stack[target_position]
        if any(isinstance(n, (cst.Yield, cst.Await)) for n in walk(target)):
            return None
        facts = self.context.facts
        torch_alias = next((local for local, full in facts.imports.items() if full == "torch"), None)
        no_grad_alias = next((local for local, full in facts.imports.items() if full == "torch.no_grad"), None)
        if torch_alias is not None:
            guard = cst.Call(func=cst.Attribute(value=cst.Name(torch_alias), attr=cst.Name("no_grad")))
            shown = f"{torch_alias}.no_grad()"
        elif no_grad_alias is not None:
            guard = cst.Call(func=cst.Name(no_grad_alias))
            shown = f"{no_grad_alias}()"
        else:
            guard = cst.Call(func=cst.Attribute(value=cst.Name("torch"), attr=cst.Name("no_grad")))
            shown = "torch.no_grad()"
        wrapped = cst.With(
            items=[cst.WithItem(item=guard)],
            body=cst.IndentedBlock(body=[target.with_changes(leading_lines=[])]),  # type: ignore[list-item]
            leading_lines=getattr(target, "leading_lines", ()),
        )
        applicability = Applicability.SAFE
        if not discarded and function is not None and "backward" in self.context.source and _returns_value(function):
            applicability = Applicability.UNSAFE
        message = f"Wrap in `with {shown}:`"
        if torch_alias is None and no_grad_alias is None:
            module = self.context.module
            new_module = module.deep_replace(target, wrapped)
            assert isinstance(new_module, cst.Module)
            new_module = new_module.with_changes(body=_with_import_torch(list(new_module.body)))
            return Fix(applicability, message + " (adding `import torch`)", [Replacement(module, new_module)])
        return Fix(applicability, message, [Replacement(target, wrapped)])


class _Scan:
    """Every reference to a function name in the module, with whether it runs under no_grad."""

    def __init__(self, module: cst.Module, facts) -> None:
        self.facts = facts
        self.functions: Dict[str, List[cst.FunctionDef]] = {}
        #: name -> [(is_call, guarded, enclosing function name or None)]
        self.references: Dict[str, List[Tuple[bool, bool, Optional[str]]]] = {}
        #: name -> [(call, enclosing functions outermost first)] for plain `name(...)` calls
        self.calls: Dict[str, List[Tuple[cst.Call, Tuple[cst.FunctionDef, ...]]]] = {}
        #: ids of functions defined directly in a class body
        self.methods: Dict[int, bool] = {}
        for node in walk(module):
            if isinstance(node, cst.FunctionDef):
                self.functions.setdefault(node.name.value, []).append(node)
            elif isinstance(node, cst.ClassDef) and isinstance(node.body, cst.IndentedBlock):
                for statement in node.body.body:
                    if isinstance(statement, cst.FunctionDef):
                        self.methods[id(statement)] = True
        self._chain: Tuple[cst.FunctionDef, ...] = ()
        self._visit(module, False, None, None)
        self._memo: Dict[str, bool] = {}

    def _visit(self, node: cst.CSTNode, guarded: bool, function: Optional[str], parent: Optional[cst.CSTNode]) -> None:
        if isinstance(node, cst.FunctionDef):
            decorated = any(_guard_decorator(d.decorator, self.facts) for d in node.decorators)
            for decorator in node.decorators:
                self._visit(decorator, guarded, function, node)
            self._visit(node.params, guarded, function, node)
            outer = self._chain
            self._chain = outer + (node,)
            self._visit(node.body, guarded or decorated, node.name.value, node)
            self._chain = outer
            return
        if isinstance(node, cst.ClassDef):
            for base in node.bases:
                self._visit(base, guarded, function, node)
            self._visit(node.body, guarded, function, node)
            return
        if isinstance(node, cst.With):
            inner = guarded or any(_guard_expression(item.item, self.facts) for item in node.items)
            for item in node.items:
                self._visit(item, guarded, function, node)
            self._visit(node.body, inner, function, node)
            return
        if isinstance(node, (cst.IndentedBlock, cst.Module)):
            for statement in node.body:
                if _disables_grad(statement, self.facts):
                    guarded = True
                self._visit(statement, guarded, function, node)
            return
        name = None
        if isinstance(node, cst.Name):
            name = node.value
            is_call = isinstance(parent, cst.Call) and parent.func is node
        elif isinstance(node, cst.Attribute):
            name = node.attr.value
            is_call = isinstance(parent, cst.Call) and parent.func is node
        if name is not None and name in self.functions:
            self.references.setdefault(name, []).append((is_call, guarded, function))
            if is_call and isinstance(node, cst.Name):
                self.calls.setdefault(name, []).append((parent, self._chain))  # type: ignore[arg-type]
        for child in child_nodes(node):
            if isinstance(node, cst.Attribute) and child is node.attr:
                continue
            self._visit(child, guarded, function, node)

    def all_callers_guarded(self, name: str) -> bool:
        if name in self._memo:
            return self._memo[name]
        self._memo[name] = False  # cycles count as unguarded
        references = self.references.get(name, [])
        answer = bool(references) and all(
            is_call and (guarded or (caller is not None and self.all_callers_guarded(caller)))
            for is_call, guarded, caller in references
        )
        self._memo[name] = answer
        return answer


def _argument(call: cst.Call, name: str, positional: Sequence[str]) -> Optional[cst.BaseExpression]:
    """The expression a call passes for parameter `name` (None when unknown or defaulted)."""
    index = 0
    for arg in call.args:
        if arg.star:
            return None
        if arg.keyword is not None:
            if arg.keyword.value == name:
                return arg.value
            continue
        if index < len(positional) and positional[index] == name:
            return arg.value
        index += 1
    return None


def _guard_expression(expr: cst.BaseExpression, facts) -> bool:
    """`torch.no_grad()`, `torch.inference_mode()`, `torch.set_grad_enabled(False)`, wrappers named so."""
    call = expr if isinstance(expr, cst.Call) else None
    func = call.func if call is not None else expr
    last = _last(facts.resolve(func))
    if last == "set_grad_enabled":
        return call is not None and bool(call.args) and dotted_name(call.args[0].value) == "False"
    if any(word in last for word in _GUARD_CALLS):
        if call is not None and call.args and dotted_name(call.args[0].value) == "False":
            return False  # inference_mode(False)
        return True
    return False


def _guard_decorator(expr: cst.BaseExpression, facts) -> bool:
    if _guard_expression(expr, facts):
        return True
    func = expr.func if isinstance(expr, cst.Call) else expr
    qualified = facts.resolve(func) or ""
    return qualified in ("torch.jit.unused", "torch.jit.ignore")


def _disables_grad(statement: cst.CSTNode, facts) -> bool:
    """A statement `torch.set_grad_enabled(False)` (or `torch.autograd.set_grad_enabled(False)`)."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    for small in statement.body:
        if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
            call = small.value
            if _last(facts.resolve(call.func)) == "set_grad_enabled" and call.args and dotted_name(call.args[0].value) == "False":
                return True
    return False


def _is_test_file(path: str) -> bool:
    pure = PurePath(path)
    base = pure.name
    if base.startswith("test_") or base.endswith("_test.py") or base == "conftest.py":
        return True
    return any(part in ("tests", "testing") for part in pure.parts[:-1])


def _suite(function: cst.FunctionDef) -> Sequence[cst.CSTNode]:
    """The statements of a function's body (small ones for a one-line body)."""
    return function.body.body


def _scope_bindings(scope: cst.CSTNode) -> Dict[str, Tuple[List[cst.BaseExpression], bool]]:
    """name -> (values assigned, whether some binding has no single value), from statements only."""
    values: Dict[str, List[cst.BaseExpression]] = {}
    unknown: Set[str] = set()

    def names_in(target: cst.CSTNode) -> Iterator[str]:
        for node in walk(target):
            if isinstance(node, cst.Name):
                yield node.value

    def small(statement: cst.CSTNode) -> None:
        if isinstance(statement, cst.Assign):
            for target in statement.targets:
                if isinstance(target.target, cst.Name):
                    values.setdefault(target.target.value, []).append(statement.value)
                else:
                    unknown.update(names_in(target.target))
        elif isinstance(statement, cst.AnnAssign) and isinstance(statement.target, cst.Name):
            if statement.value is not None:
                values.setdefault(statement.target.value, []).append(statement.value)
        elif isinstance(statement, (cst.Import, cst.ImportFrom)) and not isinstance(statement.names, cst.ImportStar):
            for alias in statement.names:
                if alias.asname is not None:
                    unknown.update(names_in(alias.asname.name))
                else:
                    unknown.add((dotted_name(alias.name) or "").split(".")[0])

    def block(statements: Sequence[cst.CSTNode]) -> None:
        for statement in statements:
            if isinstance(statement, cst.SimpleStatementLine):
                for item in statement.body:
                    small(item)
            elif isinstance(statement, cst.BaseSmallStatement):
                small(statement)
            elif isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                unknown.add(statement.name.value)
            elif isinstance(statement, cst.BaseCompoundStatement):
                if isinstance(statement, cst.For):
                    unknown.update(names_in(statement.target))
                if isinstance(statement, cst.With):
                    for item in statement.items:
                        if item.asname is not None:
                            unknown.update(names_in(item.asname.name))
                for handler in getattr(statement, "handlers", ()):
                    if handler.name is not None:
                        unknown.update(names_in(handler.name.name))
                suites: List[cst.CSTNode] = [statement.body]
                orelse = getattr(statement, "orelse", None)
                if orelse is not None:
                    suites.append(orelse)
                suites.extend(h.body for h in getattr(statement, "handlers", ()))
                final = getattr(statement, "finalbody", None)
                if final is not None:
                    suites.append(final.body)
                for case in getattr(statement, "cases", ()):
                    suites.append(case.body)
                for suite in suites:
                    if isinstance(suite, cst.If):
                        block([suite])
                    elif isinstance(suite, cst.Else):
                        block(list(suite.body.body))
                    else:
                        block(list(suite.body))  # type: ignore[attr-defined]

    block(list(scope.body))  # a Module, an IndentedBlock or a one-line suite
    return {name: (values.get(name, []), name in unknown) for name in set(values) | unknown}


def _calls_eval(scope: cst.CSTNode, name: str) -> bool:
    for node in walk(scope, into_scopes=False):
        found = method_call(node)
        if found and found[1] == "eval" and isinstance(found[0], cst.Name) and found[0].value == name:
            return True
    return False


def _returns_value(function: cst.FunctionDef) -> bool:
    return any(
        isinstance(n, cst.Return) and n.value is not None for n in small_statements(_suite(function), into_scopes=False)
    )


def _with_import_torch(body: List[cst.BaseStatement]) -> List[cst.BaseStatement]:
    """Insert `import torch` after the leading imports (or the docstring and `__future__`)."""
    statement = cst.SimpleStatementLine(body=[cst.Import(names=[cst.ImportAlias(name=cst.Name("torch"))])])
    position = 0
    index = 0
    if body and isinstance(body[0], cst.SimpleStatementLine) and len(body[0].body) == 1 and isinstance(
        body[0].body[0], cst.Expr
    ) and isinstance(body[0].body[0].value, (cst.SimpleString, cst.ConcatenatedString)):
        index = position = 1
    while index < len(body):
        line = body[index]
        if isinstance(line, cst.SimpleStatementLine) and all(
            isinstance(small, (cst.Import, cst.ImportFrom)) for small in line.body
        ):
            index += 1
            position = index
        else:
            break
    return body[:position] + [statement] + body[position:]
