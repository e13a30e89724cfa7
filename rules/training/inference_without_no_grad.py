from pathlib import PurePath
from typing import Dict, List, Optional

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.tree import dotted_name, method_call, shorten
from reviewer.analysis.vocabulary import NO_GRAD
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity
from reviewer.rules.training.triggers import forward_candidates, inference_name
from reviewer.triggers import Check, all_of, any_of

#: calls and attributes that need (or manage) gradients: then the function is left alone
_GRADIENT_METHODS = {"backward", "step", "zero_grad", "requires_grad_", "retain_grad"}
_GRADIENT_NAMES = {"autograd", "requires_grad", "enable_grad", "grad", "vjp", "jvp", "jacobian", "hessian",
                   "set_grad_enabled", "functorch", "func"}


class InferenceWithoutNoGrad(Rule):
    code = "RV501"
    name = "inference-without-no-grad"
    summary = "A warm-up, benchmark or inference forward pass runs outside `torch.no_grad()` and builds an autograd graph."
    severity = Severity.WARNING
    fix_applicability = Applicability.SAFE
    trigger = all_of(
        any_of(r"nn\b", "Module", "PreTrainedModel", "attempt_load", "torchvision", r"timm\b", r"hub\b", r"jit\b",
               "from_pretrained",
               # a module's methods (objects.MODULE_METHODS): what a model given as a parameter is known by
               r"\.(?:eval|train|parameters|named_parameters|state_dict|load_state_dict|modules|children|cuda|half"
               r"|float|to|apply|register_forward_hook|requires_grad_)\s*\("),
        Check(forward_candidates),
    )
    metamorphic_limits = {
        "rename": "a forward whose result is used counts only in a function named for inference "
                  "(`predict`, `evaluate`, `benchmark`...): the name is the only sign that it never trains",
    }
    documentation = """
        ## What it does
        Reports a forward call of a model outside `torch.no_grad()` / `torch.inference_mode()`
        (as a context manager or decorator, or after `torch.set_grad_enabled(False)`) when

        - its result is thrown away (a warm-up such as `for _ in range(3): model(img)`), or
        - it is in a function named for inference (`detect`, `predict`, `evaluate`,
          `benchmark`...): names are the only evidence that a function never trains,

        and the function never calls `backward`, an optimizer, `torch.autograd` or touches
        `requires_grad`. A model is bound by what the file does with it: built by an
        `nn.Module` subclass of the file that has parameters, a `torch.nn` layer,
        `torchvision.models.X(...)`, `timm.create_model(...)`, `torch.hub.load(...)`,
        `from_pretrained`; annotated `nn.Module`; passed a model by every call of its
        function in the file; or something the function both calls and calls a module's
        methods on (`.eval()`, `.parameters()`, `.cuda()`: only a module is both).
        Attributes (`self.model`) are followed to what the class assigns them. Methods of
        model classes are left to their callers; so is a function whose every caller in the
        file runs it under `no_grad`. Test files are skipped.

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
        `with torch.no_grad():`, adding `import torch` when the file lacks it. Safe when the
        forward's result is thrown away or the function never returns it: the values are the
        same without a graph. Unsafe for a forward in a function that returns a value when
        the file calls `backward` somewhere, since a caller might differentiate what it
        returns. No fix inside generators (the grad mode would leak to the consumer), nor
        where `torch` is bound to something else at that point.
    """

    def __init__(self, context) -> None:
        super().__init__(context)
        self._skip = _is_test_file(context.path)
        self._gradients: Dict[int, bool] = {}
        self._guarded_functions: Dict[int, bool] = {}

    def visit_Call(self, node: cst.Call) -> None:
        if self._skip:
            return
        model = self._callee(node)
        if model is None:
            return
        analysis = self.context.analysis
        index = analysis.index
        function = index.function_of(node)
        if type(function) is cst.Lambda:
            return
        if function is None and any(type(a) is cst.ClassDef for a in index.ancestors(node)):
            return
        discarded = self._discarded(node)
        if not discarded and (function is None or not inference_name(function.name.value)):
            return
        if self._guarded(node) or self._uses_gradients(function):
            return
        if self._in_model_class(node) or not self._is_model(model, function):
            return
        if function is not None and self._callers_guarded(function, set()):
            return
        kind = "Forward pass whose result is discarded" if discarded else "Inference forward pass"
        where = f"in `{function.name.value}()`" if function is not None else "at module level"
        self.report(
            node,
            f"{kind} `{shorten(self.context.code(node), 50)}` {where} runs outside `torch.no_grad()`: "
            "it records an autograd graph and keeps activations for a backward that never comes",
            fix=self._fix(node, function, discarded),
        )

    # -- the forward and the model -----------------------------------------------------------

    @staticmethod
    def _callee(node: cst.Call) -> Optional[cst.BaseExpression]:
        func = node.func
        if type(func) is cst.Name:
            return func
        found = method_call(node)
        if found is not None and found[1] == "forward" and type(found[0]) in (cst.Name, cst.Attribute):
            return found[0]
        if type(func) is cst.Attribute and type(func.value) is cst.Name:
            return func  # `self.model(x)`: an attribute called like a function
        return None

    def _discarded(self, node: cst.Call) -> bool:
        """The call's result (or a subscript/attribute of it) is thrown away."""
        index = self.context.analysis.index
        child: cst.CSTNode = node
        for ancestor in index.ancestors(node):
            kind = type(ancestor)
            if kind is cst.Subscript and ancestor.value is child or kind is cst.Attribute and ancestor.value is child:
                child = ancestor
                continue
            if kind is cst.Call and ancestor.func is child and child is not node:
                child = ancestor
                continue
            if kind is cst.Expr:
                return True
            if kind is cst.Assign:
                return all(type(t.target) is cst.Name and t.target.value == "_" for t in ancestor.targets)
            return False
        return False

    def _is_model(self, callee: cst.CSTNode, function: Optional[cst.CSTNode]) -> bool:
        analysis = self.context.analysis
        found = [x for x in analysis.objects.of(callee)]
        models = [x for x in found if x is not None and x.kind == o.MODEL]
        if models and len(models) == len(found):
            return all(x.model is None or self._has_parameters(x.model) for x in models)
        return False

    def _has_parameters(self, model) -> bool:
        """A module class of the file whose instances hold parameters: a torch layer or a
        base from elsewhere, or an attribute set to a layer, a `Parameter`, another module,
        something it is given or builds with code the file does not show. Losses,
        activations and plain values hold none."""
        analysis = self.context.analysis
        index = analysis.index
        for each in index.mro(model):
            for base in each.node.bases:
                qualified = analysis.qualified(base.value) or ""
                if index.local_classes(base.value) or qualified in ("torch.nn.Module", "torch.nn.modules.module.Module"):
                    continue
                return not _parameterless(qualified)
            for writes in each.writes.values():
                for write in writes:
                    if write.value is None or write.method.name.value != "__init__":
                        continue  # modules register their layers when built
                    for origin in analysis.values.origins(write.value):
                        if origin.kind == v.CALL and not _parameterless(origin.qualified or ""):
                            return True
                        if origin.kind == v.INSTANCE:
                            return True
                        if origin.kind == v.PARAM and any(write.attr in calls for calls in each.calls.values()):
                            return True  # a module it is given and calls: `self.encoder(x)`
        return False

    def _in_model_class(self, node: cst.CSTNode) -> bool:
        analysis = self.context.analysis
        model = analysis.index.enclosing_class(node)
        return model is not None and analysis.objects.class_kind(model) == o.MODEL

    # -- grad mode ---------------------------------------------------------------------------

    def _uses_gradients(self, function: Optional[cst.CSTNode]) -> bool:
        analysis = self.context.analysis
        scope = function if function is not None else analysis.index.module
        key = id(scope)
        if key not in self._gradients:
            found = False
            for node in analysis.index.descendants(scope):
                if type(node) is cst.Attribute and (node.attr.value in _GRADIENT_METHODS or node.attr.value in _GRADIENT_NAMES):
                    found = True
                    break
                if type(node) is cst.Name and node.value in _GRADIENT_NAMES:
                    found = True
                    break
            self._gradients[key] = found
        return self._gradients[key]

    def _guarded(self, node: cst.CSTNode) -> bool:
        """Under `with torch.no_grad():`, a no_grad decorator, or after
        `torch.set_grad_enabled(False)` earlier in an enclosing block."""
        analysis = self.context.analysis
        child = node
        for ancestor in analysis.index.ancestors(node):
            kind = type(ancestor)
            if kind is cst.With and any(self._guard(item.item) for item in ancestor.items):
                return True
            if kind is cst.FunctionDef and any(self._guard(d.decorator) or self._jit_ignored(d.decorator)
                                               for d in ancestor.decorators):
                return True
            if kind in (cst.IndentedBlock, cst.Module):
                for statement in ancestor.body:
                    if statement is child:
                        break
                    if self._disables(statement):
                        return True
            child = ancestor
        return False

    def _guard(self, expression: cst.CSTNode) -> bool:
        """`torch.no_grad()`, `torch.inference_mode()`, `torch.set_grad_enabled(False)`."""
        analysis = self.context.analysis
        call = expression if type(expression) is cst.Call else None
        qualified = analysis.qualified(call.func if call is not None else expression) or ""
        first = call.args[0].value if call is not None and call.args else None
        if qualified.rsplit(".", 1)[-1] == "set_grad_enabled":
            return first is not None and dotted_name(first) == "False"
        last = qualified.rsplit(".", 1)[-1]
        if qualified in NO_GRAD or "no_grad" in last or "inference_mode" in last:  # YOLOv5's smart_inference_mode
            return not (first is not None and dotted_name(first) == "False")
        return False

    def _jit_ignored(self, expression: cst.CSTNode) -> bool:
        func = expression.func if type(expression) is cst.Call else expression
        return self.context.analysis.qualified(func) in ("torch.jit.unused", "torch.jit.ignore")

    def _disables(self, statement: cst.CSTNode) -> bool:
        if type(statement) is not cst.SimpleStatementLine:
            return False
        for small in statement.body:
            if type(small) is cst.Expr and type(small.value) is cst.Call and self._guard(small.value):
                if (self.context.analysis.qualified(small.value.func) or "").endswith("set_grad_enabled"):
                    return True
        return False

    def _callers_guarded(self, function: cst.CSTNode, seen: set) -> bool:
        """Every reference to the function in the file is a call under no_grad (or in a
        function whose callers all are)."""
        key = id(function)
        if key in self._guarded_functions:
            return self._guarded_functions[key]
        if key in seen:
            return False
        seen.add(key)
        analysis = self.context.analysis
        calls = v.call_sites(analysis.index, analysis, function)
        references = [n for n in analysis.index.all(cst.Name) if n.value == function.name.value
                      and not analysis.index.is_store(n)]
        answer = bool(calls) and len(calls) == len(references) and all(
            self._guarded(call) or (
                (caller := analysis.index.function_of(call)) is not None and type(caller) is cst.FunctionDef
                and self._callers_guarded(caller, seen))
            for call in calls
        )
        self._guarded_functions[key] = answer
        return answer

    # -- fix ---------------------------------------------------------------------------------

    def _fix(self, node: cst.Call, function: Optional[cst.CSTNode], discarded: bool) -> Optional[Fix]:
        analysis = self.context.analysis
        index = analysis.index
        target = index.statement_of(node)
        line = index.parent(target)
        if type(line) is not cst.SimpleStatementLine or len(line.body) != 1:
            return None  # `a; b` on one line: wrapping would take the other statement along
        target = line
        # climb out of loops whose only statement is the target
        while True:
            block = index.parent(target)
            loop = index.parent(block) if block is not None else None
            if (type(block) is cst.IndentedBlock and type(loop) in (cst.For, cst.While) and loop.body is block
                    and len(block.body) == 1 and loop.orelse is None
                    and type(index.parent(loop)) in (cst.IndentedBlock, cst.Module)):
                target = loop
            else:
                break
        if type(index.parent(target)) not in (cst.IndentedBlock, cst.Module):
            return None
        if any(type(n) in (cst.Yield, cst.Await) for n in index.descendants(target)):
            return None
        torch_alias = self._module_alias(node, "torch")
        guard_text = None
        if torch_alias is not None:
            guard = cst.Call(func=cst.Attribute(value=cst.Name(torch_alias), attr=cst.Name("no_grad")))
            guard_text = f"{torch_alias}.no_grad()"
        elif index.lookup("torch", node):
            return None  # `torch` means something else here
        else:
            guard = cst.Call(func=cst.Attribute(value=cst.Name("torch"), attr=cst.Name("no_grad")))
        wrapped = cst.With(
            items=[cst.WithItem(item=guard)],
            body=cst.IndentedBlock(body=[target.with_changes(leading_lines=[])]),
            leading_lines=getattr(target, "leading_lines", ()),
        )
        applicability = Applicability.SAFE
        if not discarded and function is not None and self._returns_value(function) and any(
            type(n) is cst.Attribute and n.attr.value == "backward" for n in index.all(cst.Attribute)
        ):
            applicability = Applicability.UNSAFE
        if guard_text is not None:
            return Fix(applicability, f"Wrap in `with {guard_text}:`", [Replacement(target, wrapped)])
        module = self.context.module
        new_module = module.deep_replace(target, wrapped)
        new_module = new_module.with_changes(body=_with_import_torch(list(new_module.body)))
        return Fix(applicability, "Wrap in `with torch.no_grad():` (adding `import torch`)",
                   [Replacement(module, new_module)])

    def _module_alias(self, at: cst.CSTNode, module: str) -> Optional[str]:
        """A name bound to the module by an import visible at `at`, imported before it."""
        index = self.context.analysis.index
        for scope in [index.scope_of(at)]:
            while scope is not None:
                for name, bindings in scope.bindings.items():
                    if bindings and all(b.kind == "import" and b.qualified == module for b in bindings):
                        if scope.kind == "module" or index.before(bindings[0].statement, at):
                            if index.lookup(name, at) == bindings:
                                return name
                scope = scope.parent
        return None

    def _returns_value(self, function: cst.CSTNode) -> bool:
        return any(r.value is not None for r in self.context.analysis.index.of_type(function, cst.Return, into_scopes=False))


#: torch.nn classes that hold no parameters
_PARAMETERLESS = {"Identity", "Flatten", "Unflatten", "ReLU", "ReLU6", "GELU", "SiLU", "Sigmoid", "Tanh", "Softmax",
                  "LogSoftmax", "Dropout", "Dropout2d", "Dropout3d", "Hardswish", "Hardsigmoid", "Mish", "ELU",
                  "LeakyReLU", "Softplus", "Upsample", "PixelShuffle", "PixelUnshuffle", "ModuleList", "ModuleDict",
                  "Sequential"}


def _parameterless(qualified: str) -> bool:
    """A torch.nn class or function that holds no parameters of its own (a loss, an
    activation, a pooling or padding layer, `torch.nn.functional`)."""
    if not qualified.startswith("torch.nn."):
        return qualified in ("dict", "list", "tuple", "set", "int", "float", "str", "bool")
    last = qualified.rsplit(".", 1)[-1]
    return (".functional" in qualified or last.endswith("Loss") or last in _PARAMETERLESS
            or "Pool" in last or "Pad" in last)


def _is_test_file(path: str) -> bool:
    pure = PurePath(path)
    base = pure.name
    if base.startswith("test_") or base.endswith("_test.py") or base == "conftest.py":
        return True
    return any(part in ("tests", "testing") for part in pure.parts[:-1])


def _with_import_torch(body: List[cst.BaseStatement]) -> List[cst.BaseStatement]:
    """Insert `import torch` after the leading imports (or the docstring and `__future__`)."""
    statement = cst.SimpleStatementLine(body=[cst.Import(names=[cst.ImportAlias(name=cst.Name("torch"))])])
    position = index = 0
    if body and type(body[0]) is cst.SimpleStatementLine and len(body[0].body) == 1 and type(body[0].body[0]) is cst.Expr \
            and isinstance(body[0].body[0].value, (cst.SimpleString, cst.ConcatenatedString)):
        index = position = 1
    while index < len(body):
        line = body[index]
        if type(line) is cst.SimpleStatementLine and all(type(s) in (cst.Import, cst.ImportFrom) for s in line.body):
            index += 1
            position = index
        else:
            break
    return body[:position] + [statement] + body[position:]
