from typing import Optional

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.tree import argument
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
        Saving `state_dict()`s, tensors and dicts, scripted or traced modules
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
        found = analysis.objects.of(saved)
        if not found or any(x is None or x.kind != o.MODEL or (x.qualified or "").startswith("torch.jit.")
                            for x in found):
            return
        if self._in_memory(argument(node, "f", 1)):
            return
        self.report(
            node,
            f"`torch.save({self.context.code(saved)}, ...)` pickles the whole module: the checkpoint loads only "
            "with the same class at the same import path, and `torch.load` refuses it by default since PyTorch "
            f"2.6. Save `{self.context.code(saved)}.state_dict()` and load it with `load_state_dict`.",
        )

    def _in_memory(self, target: Optional[cst.Arg]) -> bool:
        """Saved into an `io.BytesIO` buffer: a copy of the module in memory (a deep copy
        through pickling), no checkpoint file."""
        analysis = self.context.analysis
        if target is None:
            return False
        origins = analysis.values.origins(target.value)
        return bool(origins) and all(origin.kind == v.CALL and origin.qualified == "io.BytesIO" for origin in origins)
