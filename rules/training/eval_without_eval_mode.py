from typing import List, Optional, Set

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.tree import backward_operand, method_call, mode_switch
from reviewer.rule import Rule
from reviewer.triggers import MODE_KEYWORD_ARGUMENT, MODEL_VOCABULARY, Check, all_of, any_of, no_grad_loop
from reviewer.vocabulary import MODE_FREE_LEAF_LAYERS, MODE_KEYWORD

#: layers that behave differently in training and evaluation mode
_MODE_LAYERS = ("Dropout", "BatchNorm", "SyncBatchNorm", "InstanceNorm", "dropout", "RReLU")


class EvalWithoutEvalMode(Rule):
    code = "RV509"
    name = "eval-without-eval-mode"
    summary = "An evaluation loop under `no_grad` runs a model that is still in training mode."
    trigger = all_of(any_of("no_grad", "inference_mode", "set_grad_enabled"),
                     any_of(r"\.\s*train\s*\(", MODEL_VOCABULARY, MODE_KEYWORD_ARGUMENT))
    structure = Check(no_grad_loop)
    documentation = """
        ## What it does
        Finds a loop under `torch.no_grad()` or `torch.inference_mode()` (a `with` around
        it, or a decorator of its function) that calls a model, where the model is in
        training mode there and nothing switches it: the model was built in the file (a
        module starts in training mode) or the file calls `.train()` on it, and no
        `.eval()` (or `.train(False)`, on any module) is called in the loop's function, in the
        functions that function calls, or in the functions of the file that call it (two
        levels up). The model is followed through parameters to what the callers pass.

        ## Why it matters
        `no_grad` only stops gradient recording; it does not change the layers' mode. In
        training mode dropout still drops activations and batch-norm normalises with the
        batch's statistics and updates its running averages with the validation data: the
        reported accuracy is noisy and lower, depends on the batch size, and the
        validation data leak into the model's statistics. PyTorch's tutorials and forum
        answers pair `model.eval()` with every evaluation loop.

        ## Example
        ```python
        def validate(model, loader):
            with torch.no_grad():
                for x, y in loader:
                    correct += (model(x).argmax(1) == y).sum().item()
        ```

        ## Fixed
        ```python
        def validate(model, loader):
            model.eval()
            with torch.no_grad():
                for x, y in loader:
                    correct += (model(x).argmax(1) == y).sum().item()
            model.train()
        ```

        ## Fix safety
        No automatic fix: where training mode must be restored afterwards depends on the
        caller (see `train-mode-not-restored`).

        ## What it leaves alone
        Models the file shows to hold no dropout or batch-norm layer (a torch layer built
        from sizes alone, such as `nn.Conv2d(1, 1, k)` or `nn.Linear`, or a class of the
        file that builds none), submodules called in their parent module's methods
        (`self.head` in a model's `generate()`, the parent an `nn.Module` or a class with
        `forward`: the parent's caller sets the mode), models whose mode the file cannot
        know (a parameter of a function no code of the file calls, with no `.train()`
        anywhere: the caller may have switched it), models loaded in evaluation mode
        (transformers' `from_pretrained` sets it, as its documentation says; YOLOv5's
        `attempt_load` and `torch.jit.load` keep the saved one) unless the file calls
        `.train()` on them, models known only by what the file does with what an unknown
        call returned (`net = build(cfg)`, then `net.eval()`, or `net(x)` and
        `net.load_state_dict(...)`: only a module is both called and given a state): whether
        it holds a layer with a mode is not shown, unless every call that built it passes a
        dropout or batch-norm argument that is not off (`DenseNet121(drop_rate=0.2)`: that
        keyword is the evidence, and a module built there starts in training mode), modules
        built around a model made elsewhere or a part of one (`DDP(model)`,
        `IntermediateLayerGetter(backbone.features, ...)`: the model's mode is theirs), any
        loop on whose path `eval()` is called, a loop or a `no_grad` block in it whose
        results the function then backpropagates (a rollout or a teacher's targets: a name
        it binds, not a loop variable, or a list it appends to, read by the value of a later
        `backward()`: part of the training step, in the mode the step wants), and test files
        (`test_*.py`, `*_test.py`, `conftest.py`, files under `tests/`): a test compares
        modes on purpose, and it is no run.
    """

    def __init__(self, context) -> None:
        super().__init__(context)
        self._functions: Set[int] = set()

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.in_tests:
            return
        analysis = self.context.analysis
        if self._model(node.func) is None:
            return
        for enclosing, anchor in analysis.loops.contexts(node):
            loop = enclosing[0]
            function = analysis.index.function_of(loop)
            if type(loop) is not cst.For or function is None or id(function) in self._functions:
                continue
            if not (analysis.grad.off_at(node) or analysis.grad.off_at(anchor)):
                continue
            own = analysis.index.function_of(node)  # a helper the loop reaches through another
            if self._switched(function, depth=0) or own is not function and own is not None and self._switched(own, 0) \
                    or self._mode_free(node.func) \
                    or self._feeds_training(self._no_grad_block(anchor, loop), function):
                continue
            self._functions.add(id(function))
            self.report(
                node,
                f"`{self.context.code(node.func)}` runs under `no_grad` in training mode: nothing on this path calls "
                "`.eval()`, so dropout stays on and batch-norm uses (and updates) the batch's statistics. Call "
                "`.eval()` before evaluating, and `.train()` after.",
            )
            return

    def _no_grad_block(self, node: cst.CSTNode, loop: cst.CSTNode) -> cst.CSTNode:
        """The `with torch.no_grad():` inside the loop that holds `node` (a teacher's forward in
        a training step), else the loop."""
        analysis = self.context.analysis
        for ancestor in analysis.index.ancestors(node):
            if ancestor is loop:
                break
            if type(ancestor) is cst.With and any(analysis.grad.mode(item.item) is False for item in ancestor.items):
                return ancestor
        return loop

    def _feeds_training(self, block: cst.CSTNode, function: cst.CSTNode) -> bool:
        """What the no-grad block computes is what the function then backpropagates (a
        rollout, a teacher's targets): a name the block binds or appends to is read by the
        value of a `backward()` after it. Part of a training step, in the mode the step wants."""
        analysis = self.context.analysis
        index = analysis.index
        appended = {name for c in index.of_type(block, cst.Call) for name in self._appended_by(c)}

        def from_block(name: cst.Name) -> bool:  # a result it binds (not a loop variable), or a list it appends to
            return any((b.kind != "for" and index.contains(block, b.statement))
                       or (name.value in appended and index.before(b.statement, block))
                       for b in analysis.values.reaching(name))

        for call in index.of_type(function, cst.Call):
            operand = backward_operand(call)
            if operand is None or not index.before(block, call) or index.contains(block, call):
                continue
            if any(from_block(n) for source in v.local_sources(index, analysis.values, operand)
                   for n in v.names_read(index, source)):
                return True
        return False

    def _appended_by(self, call: cst.Call) -> Set[str]:
        """The lists a call appends to: `xs.append(...)`, or a function of the file that
        appends to the parameter it is handed `xs` as."""
        found = method_call(call)
        if found is not None and found[1] == "append":
            return {found[0].value} if type(found[0]) is cst.Name else set()
        analysis = self.context.analysis
        function = analysis.callee(call)
        if type(function) is not cst.FunctionDef:
            return set()
        method = analysis.index.class_of_method(function) is not None and type(call.func) is cst.Attribute
        names = set()
        for inner in analysis.index.of_type(function.body, cst.Call):
            own = method_call(inner)
            if own is not None and own[1] == "append" and type(own[0]) is cst.Name:
                passed = v.argument_for(call, function, own[0].value, method)
                if type(passed) is cst.Name:
                    names.add(passed.value)
        return names

    def _model(self, callee: cst.CSTNode) -> Optional[cst.CSTNode]:
        """A model in training mode: built in the file, or one the file calls `.train()` on."""
        analysis = self.context.analysis
        if type(callee) not in (cst.Name, cst.Attribute, cst.Subscript) or not analysis.index.knows(callee):
            return None
        found = analysis.objects.of(callee)
        if not found or any(x is None or x.kind != o.MODEL for x in found):
            return None
        unshown = any(x.unshown for x in found)
        building = v.origins_through_calls(analysis, callee) if unshown else []
        if unshown and not self._built_with_mode_layers(building):
            return None
        owner = analysis.index.self_attribute(callee)
        if owner is not None and (analysis.objects.class_kind(owner[0]) == o.MODEL
                                  or analysis.index.method_of(owner[0], "forward") is not None):
            return None  # a submodule: its mode is its parent's, which the parent's caller sets
        if unshown:  # built here by the calls that show its layers, unless they load it
            fresh = not any(_loaded(analysis.qualified(origin.node.func)) for origin in building)  # type: ignore[attr-defined]
        else:
            fresh = all(x.construction is not None and not _loaded(x.qualified) and self._fresh(x.construction)
                        for x in found)
        return callee if fresh or analysis.objects.switched_to_training(callee) else None

    def _built_with_mode_layers(self, origins: List[v.Origin]) -> bool:
        """Every call that built the model (`origins`) passes a dropout or batch-norm argument
        that is not off (`BiLSTMTagger(n, k, dropout=args.dropout)`): its keyword is the evidence."""
        return bool(origins) and all(type(origin.node) is cst.Call and any(
            arg.keyword is not None and MODE_KEYWORD.match(arg.keyword.value)
            and self.context.analysis.values.constant(arg.value) not in (0, False) for arg in origin.node.args)
            for origin in origins)

    def _fresh(self, construction: cst.Call, depth: int = 0) -> bool:
        """A module built here from scratch starts in training mode, and so does a torch.nn
        module built in the same function around such torch.nn modules
        (`nn.TransformerEncoder(layer, 2)`); one that wraps a model made elsewhere, or a part
        of one (`DDP(model)`, a feature extractor around `backbone.features`), has its mode."""
        analysis = self.context.analysis
        index = analysis.index

        def built_fresh(x, whole: bool) -> bool:
            if x.construction is None:
                return False
            if index.contains(construction, x.construction):
                return True
            return (whole and depth < 3 and (x.qualified or "").startswith("torch.nn.")
                    and index.function_of(x.construction) is index.function_of(construction)
                    and self._fresh(x.construction, depth + 1))

        for arg in construction.args:
            value: cst.CSTNode = v.local_value(analysis, arg.value)  # `d = vgg.features` first
            whole = True
            while True:
                if any(x is not None and x.kind == o.MODEL and not built_fresh(x, whole)
                       for x in analysis.objects.of(value)):
                    return False
                if type(value) is not cst.Attribute:
                    break
                value = value.value  # type: ignore[attr-defined]
                whole = False
        return True

    def _switched(self, function: cst.CSTNode, depth: int) -> bool:
        """`.eval()` or `.train(False)` (on any module: the receiver may be an alias) in the
        function, the functions it calls, or (two levels up) the functions that call it."""
        analysis = self.context.analysis
        owners: List[cst.CSTNode] = [function]
        owners += [f for c in analysis.index.of_type(function, cst.Call)
                   if type(f := analysis.callee(c)) is cst.FunctionDef]
        for owner in owners:
            for call in analysis.index.of_type(owner, cst.Call):
                if mode_switch(call) is False:
                    return True
        if depth >= 2 or type(function) is not cst.FunctionDef:
            return False
        callers = [analysis.index.function_of(c) or analysis.module for c in analysis.calls_of(function)]
        return any(self._switched(caller, depth + 1) for caller in callers)

    def _mode_free(self, callee: cst.CSTNode) -> bool:
        """What the callee holds behaves the same in both modes: torch layers built here with
        no dropout or normalisation among them (`nn.Fold`, `nn.Sequential(nn.Linear(...))`),
        a leaf layer whatever its arguments (`nn.Conv2d(1, 1, k)`), or a class of the file that
        builds none."""
        analysis = self.context.analysis
        found = analysis.objects.of(callee)
        if not found or any(x is None for x in found):
            return False
        for x in found:
            if x.model is not None:
                if not self._class_mode_free(x.model):
                    return False
            elif x.construction is None or not (x.qualified or "").startswith("torch.nn.") or not (
                    MODE_FREE_LEAF_LAYERS.match(x.qualified or "") or _layers_shown(x.construction)):
                return False
            elif any(layer in analysis.code(x.construction) for layer in _MODE_LAYERS):
                return False
        return True

    def _class_mode_free(self, model) -> bool:
        analysis = self.context.analysis
        for each in analysis.index.mro(model):
            for base in each.node.bases:
                qualified = analysis.qualified(base.value) or ""
                if not analysis.index.local_classes(base.value) and qualified not in (
                        "torch.nn.Module", "torch.nn.modules.module.Module"):
                    return False
            if any(layer in analysis.code(each.node) for layer in _MODE_LAYERS):
                return False
            called = {name for names in each.calls.values() for name in names}
            for writes in each.writes.values():
                for write in writes:
                    for origin in analysis.values.origins(write.value) if write.value is not None else ():
                        # a module built elsewhere may hold such layers: an instance, a call
                        # from outside torch.nn, a module it is given and calls
                        if origin.kind == v.INSTANCE or (origin.kind == v.CALL and not (
                                origin.qualified or "").startswith("torch.nn.")) or (
                                origin.kind == v.PARAM and write.attr in called):
                            return False
        return True


def _layers_shown(construction: cst.Call) -> bool:
    """Every module a torch.nn construction is given is built right there (no `*layers`, no
    module made elsewhere)."""
    return all(arg.star != "*" and type(arg.value) in (cst.Call, cst.Integer, cst.Float, cst.Name, cst.Tuple)
               and (type(arg.value) is not cst.Name or arg.value.value in ("True", "False", "None"))
               for arg in construction.args if arg.keyword is None and arg.star != "**")


def _loaded(qualified: Optional[str]) -> bool:
    """A model loaded in evaluation mode, not built in training mode."""
    name = qualified or ""
    return name == "torch.jit.load" or name.rsplit(".", 1)[-1] in ("from_pretrained", "attempt_load")
