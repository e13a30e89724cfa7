from typing import Dict, Optional

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.tree import cell_result, method_call, shorten
from reviewer.fixes import module_alias, with_import
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity
from reviewer.rules.training.triggers import MODEL_EVIDENCE, forward_candidates, forward_structure
from reviewer.triggers import Check, all_of
from reviewer.vocabulary import GRADIENT_METHODS, GRADIENT_NAMES, inference_name



class InferenceWithoutNoGrad(Rule):
    code = "RV501"
    name = "inference-without-no-grad"
    summary = "A warm-up, benchmark or inference forward pass runs outside `torch.no_grad()` and builds an autograd graph."
    severity = Severity.WARNING
    fix_applicability = Applicability.SAFE
    trigger = all_of(MODEL_EVIDENCE, Check(forward_candidates))
    structure = Check(forward_structure)
    metamorphic_limits = {
        "rename": "a forward whose result is used counts only in a function named for inference "
                  "(`predict`, `evaluate`, `benchmark`...): the name is the only sign that it never trains",
        "wrap_loop_body": "likewise, a used forward moved into a helper with another name is not seen as inference",
    }
    documentation = """
        ## What it does
        Reports a forward call of a model outside `torch.no_grad()` / `torch.inference_mode()`
        (as a context manager or decorator, or after `torch.set_grad_enabled(False)`) when

        - its result is thrown away (a warm-up such as `for _ in range(3): model(img)`), or
        - it is in a function named for inference (`detect`, `predict`, `evaluate`,
          `benchmark`...): names are the only evidence that a function never trains,

        and neither the function nor a function of the file it calls calls `backward`, an
        optimizer, `torch.autograd` or touches `requires_grad` (an environment's `step()`,
        of gym, gymnasium or envpool, is no optimizer's). A model is bound by what the file does with it: built by an
        `nn.Module` subclass of the file (or of the project, through the bases other files
        define) that has parameters, a `torch.nn` layer, `torchvision.models.X(...)`,
        `timm.create_model(...)`, `torch.hub.load(...)`, transformers' `from_pretrained` (by
        the class's name: `*Model*` or `*For*`, and not the JAX and TensorFlow classes,
        `Flax*` and `TF*`), or a model class given as a parameter (one whose call's result
        gets a method only a module has: `model = Model(envs)`, `model.eval()`); what any
        other call returns, in a file that imports torch, when it gets such a method (`net =
        build_ssd(...)`, `net.eval()`; `self.model = TextCNN(...)`, then
        `self.model.to(device).eval()`) or is both called and given a state (`net(x)` and
        `net.load_state_dict(...)`);
        annotated `nn.Module`; passed a model by every call of its function in the file;
        or something the function both calls and calls a module's methods on (`.eval()`,
        `.parameters()`, `.cuda()`: only a module is both).
        Attributes (`self.model`) are followed to what the class assigns them. Methods of
        model classes are left to their callers; so is a function whose every caller in the
        file runs it under `no_grad`, and one defined in another function that only returns
        it (a callback: who gets it decides). Test files are skipped.

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
        self._skip = context.in_tests
        self._gradients: Dict[int, bool] = {}

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
        if analysis.grad.disabled_at(node) or self._uses_gradients(function):
            return
        if self._in_model_class(node) or not self._is_model(model):
            return
        if function is not None and (analysis.grad.callers_disabled(function) or self._returned_callback(function)):
            return
        kind = "Forward pass whose result is discarded" if discarded else "Inference forward pass"
        where = f"in `{function.name.value}()`" if function is not None else "at module level"
        self.report(
            node,
            f"{kind} `{shorten(self.context.code(node), 50)}` {where} runs outside `torch.no_grad()`: "
            "it records an autograd graph and keeps activations for a backward that never comes",
            fix=self._fix(node, function, discarded),
        )

    @staticmethod
    def _callee(node: cst.Call) -> Optional[cst.BaseExpression]:
        """What a forward call calls: `model(x)`, `model.forward(x)`, `self.model(x)`, `nets[0](x)`."""
        func = node.func
        if type(func) in (cst.Name, cst.Subscript):
            return func
        found = method_call(node)
        if found is not None and found[1] == "forward" and type(found[0]) in (cst.Name, cst.Attribute):
            return found[0]
        if type(func) is cst.Attribute and type(func.value) is cst.Name:
            return func
        return None

    def _discarded(self, node: cst.Call) -> bool:
        """The call's result (or a subscript/attribute of it) is thrown away: not assigned,
        and not the value a `# %%` cell ends with (a notebook shows that one)."""
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
                line = index.parent(ancestor)
                return not (index.parent(line) is index.module and cell_result(index.module, line))
            if kind is cst.Assign:
                return all(type(t.target) is cst.Name and t.target.value == "_" for t in ancestor.targets)
            return False
        return False

    def _returned_callback(self, function: cst.FunctionDef) -> bool:
        """A function defined in another that returns it and never calls it, nor hands it to a
        call: whoever gets it runs it and decides the grad mode (an evaluator given
        `eval_wrapper`)."""
        analysis = self.context.analysis
        index = analysis.index
        enclosing = index.function_of(function)
        if type(enclosing) is not cst.FunctionDef or analysis.calls_of(function):
            return False
        if any(type(index.parent(n)) is cst.Arg for n in index.names_valued(function.name.value)):
            return False  # `map(predict, xs)` runs it here
        return any(origin.kind == v.DEFINITION and origin.node is function
                   for r in index.of_type(enclosing.body, cst.Return, into_scopes=False) if r.value is not None
                   for origin in analysis.values.origins(r.value))

    def _is_model(self, callee: cst.CSTNode) -> bool:
        objects = self.context.analysis.objects
        found = list(objects.of(callee))
        models = [x for x in found if x is not None and x.kind == o.MODEL]
        return bool(models) and len(models) == len(found) and all(
            x.model is None or objects.has_parameters(x.model) for x in models)

    def _in_model_class(self, node: cst.CSTNode) -> bool:
        """Part of a model's own computation: its caller decides the grad mode."""
        analysis = self.context.analysis
        model = analysis.index.enclosing_class(node)
        return model is not None and analysis.objects.class_kind(model) == o.MODEL

    def _uses_gradients(self, function: Optional[cst.CSTNode]) -> bool:
        """The function (or the module), or a function of the file it calls, trains or touches
        gradients: `backward`, an optimizer's `step` (not an environment's), `torch.autograd`..."""
        analysis = self.context.analysis
        scope = function if function is not None else analysis.index.module
        key = id(scope)
        if key not in self._gradients:
            self._gradients[key] = False  # a call back into it adds nothing
            nodes = analysis.index.descendants(scope)
            self._gradients[key] = any(
                (type(node) is cst.Attribute and (node.attr.value in GRADIENT_METHODS or node.attr.value in GRADIENT_NAMES)
                 and not (node.attr.value == "step" and analysis.objects.is_a(node.value, o.ENVIRONMENT)))
                or (type(node) is cst.Name and node.value in GRADIENT_NAMES)
                for node in nodes
            ) or any(type(node) is cst.Call and type(callee := analysis.callee(node)) is cst.FunctionDef
                     and self._uses_gradients(callee) for node in nodes)
        return self._gradients[key]

    def _fix(self, node: cst.Call, function: Optional[cst.CSTNode], discarded: bool) -> Optional[Fix]:
        analysis = self.context.analysis
        index = analysis.index
        line = index.parent(index.statement_of(node))
        if type(line) is not cst.SimpleStatementLine or len(line.body) != 1:
            return None  # `a; b` on one line: wrapping would take the other statement along
        target: cst.CSTNode = line
        while True:  # climb out of loops whose only statement is the target
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
        alias = module_alias(analysis, node, "torch")
        if alias is None and index.lookup("torch", node):
            return None  # `torch` means something else here
        guard = cst.Call(func=cst.Attribute(value=cst.Name(alias or "torch"), attr=cst.Name("no_grad")))
        wrapped = cst.With(
            items=[cst.WithItem(item=guard)],
            body=cst.IndentedBlock(body=[target.with_changes(leading_lines=[])]),
            leading_lines=getattr(target, "leading_lines", ()),
        )
        applicability = Applicability.SAFE
        returns = any(r.value is not None for r in index.of_type(function, cst.Return, into_scopes=False)) \
            if function is not None else False
        if not discarded and returns and any(a.attr.value == "backward" for a in index.all(cst.Attribute)):
            applicability = Applicability.UNSAFE
        if alias is not None:
            return Fix(applicability, f"Wrap in `with {alias}.no_grad():`", [Replacement(target, wrapped)])
        module = self.context.module
        new_module = module.deep_replace(target, wrapped)
        new_module = new_module.with_changes(body=with_import(list(new_module.body), "torch"))
        return Fix(applicability, "Wrap in `with torch.no_grad():` (adding `import torch`)",
                   [Replacement(module, new_module)])
