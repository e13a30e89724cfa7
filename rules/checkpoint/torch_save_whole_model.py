from typing import List, Optional

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.tree import argument, shorten
from reviewer.rule import Rule, Severity
from reviewer.triggers import SAVE_CALL, Check, saved_object


class TorchSaveWholeModel(Rule):
    code = "RV403"
    name = "torch-save-whole-model"
    summary = "`torch.save(model)` pickles the module object instead of its `state_dict()`."
    severity = Severity.INFO
    trigger = SAVE_CALL
    structure = Check(saved_object)
    documentation = """
        ## What it does
        Finds `torch.save(x, ...)` where `x` is a model: built by a `torch.nn` layer
        constructor, a model factory (`torchvision.models`, `timm.create_model`,
        `from_pretrained`), or a class of the file that extends `nn.Module`, followed
        through locals, attributes and `DataParallel`/`DDP` wrappers.

        ## Why it matters
        `torch.save(model)` pickles the object: loading it needs the same class at the same
        import path, so a renamed module, a moved file or a refactor breaks every old
        checkpoint ("AttributeError: Can't get attribute 'Net' on <module '__main__'>"), and
        since PyTorch 2.6 `torch.load` refuses it by default (`weights_only=True`). A
        DataParallel/DDP wrapper is pickled with it. PyTorch's serialization notes
        recommend saving `state_dict()`.

        ## Example
        ```python
        torch.save(model, "checkpoint.pt")
        ```

        ## Fixed
        ```python
        torch.save(model.state_dict(), "checkpoint.pt")
        ```

        ## Fix safety
        No automatic fix: the code that loads the checkpoint must change with it
        (`model.load_state_dict(torch.load(path))`), and it is often in another file.

        ## What it leaves alone
        Saving `state_dict()`s, tensors, dicts of those, scripted or traced modules
        (`torch.jit`), objects the file does not show to be models, and saves into an
        `io.BytesIO` buffer (a copy in memory, loaded back at once: no checkpoint).
    """

    def visit_Call(self, node: cst.Call) -> None:
        analysis = self.context.analysis
        if analysis.qualified(node.func) != "torch.save":
            return
        arg = argument(node, "obj", 0)
        if arg is None:
            return
        saved = arg.value
        if self._in_memory(argument(node, "f", 1)):
            return
        if self._model(saved):
            self.report(
                node,
                f"`torch.save({self.context.code(saved)}, ...)` pickles the whole module: the checkpoint loads only "
                "with the same class at the same import path, and `torch.load` refuses it by default since PyTorch "
                f"2.6. Save `{self.context.code(saved)}.state_dict()` and load it with `load_state_dict`.",
            )
            return
        # a checkpoint dict that holds the module itself (`{"model": deepcopy(net).half()}`)
        for display in self._dicts(saved):
            for element in display.elements:
                if type(element) is cst.DictElement and self._model(element.value):
                    self.report(
                        element.value,
                        f"the checkpoint holds the whole module `{shorten(self.context.code(element.value), 50)}`, "
                        "pickled: it loads only with the same class at the same import path, and `torch.load` "
                        "refuses it by default since PyTorch 2.6. Store its `state_dict()`.",
                    )

    def _dicts(self, expression: cst.CSTNode, depth: int = 0) -> List[cst.Dict]:
        """The dict displays `expression` holds, through locals and, for a parameter, what the
        calls of its function pass (two levels)."""
        analysis = self.context.analysis
        found: List[cst.Dict] = []
        for origin in analysis.values.origins(expression) if analysis.index.knows(expression) else ():
            if origin.kind == v.EXPRESSION and type(origin.node) is cst.Dict:
                found.append(origin.node)
            elif origin.kind == v.PARAM and origin.binding is not None and depth < 2:
                found += [d for passed in v.parameter_arguments(analysis, origin.binding) if passed is not None
                          for d in self._dicts(passed, depth + 1)]
        return found

    def _model(self, expression: cst.CSTNode) -> bool:
        """Every origin of `expression` is a model, and none a scripted or traced one."""
        found = self.context.analysis.objects.of(expression)
        return bool(found) and all(x is not None and x.kind == o.MODEL and not (x.qualified or "").startswith("torch.jit.")
                                   for x in found)

    def _in_memory(self, target: Optional[cst.Arg]) -> bool:
        """Saved into an `io.BytesIO` buffer: a copy of the module in memory (a deep copy
        through pickling), no checkpoint file."""
        analysis = self.context.analysis
        if target is None:
            return False
        origins = analysis.values.origins(target.value)
        return bool(origins) and all(origin.kind == v.CALL and origin.qualified == "io.BytesIO" for origin in origins)
