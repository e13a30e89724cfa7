"""The facts every rule reads, computed once per file on first use.

`FileAnalysis` is built lazily by the engine for each file a trigger lets through; each
part (the index, value origins, numbers, objects, loops, learning-rate flow) is computed
the first time a rule asks for it, so a file whose rules need only the index never pays
for the rest.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple

import libcst as cst

from reviewer.analysis.scopes import Index
from reviewer.analysis.tree import dotted_name
from reviewer.vocabulary import OPTIMIZERS, SCHEDULERS

if TYPE_CHECKING:
    from reviewer.project import Project, Site
    from reviewer.analysis.gradmode import GradMode
    from reviewer.analysis.loops import Loops
    from reviewer.analysis.lr import LearningRates
    from reviewer.analysis.numeric import Numbers
    from reviewer.analysis.objects import Objects
    from reviewer.analysis.units import Units
    from reviewer.analysis.updates import Updates
    from reviewer.analysis.values import Values


class FileAnalysis:
    def __init__(self, module: cst.Module, source: str = "", path: str = "",
                 project: Optional["Project"] = None) -> None:
        self.module = module
        self.source = source
        self.path = path
        #: the files around this one, for the calls they make of its functions (None: unknown)
        self.project = project
        self._qualified: Dict[int, Optional[str]] = {}
        #: def name -> id(def) -> its calls
        self._calls_of: Dict[str, Dict[int, List[cst.Call]]] = {}

    @cached_property
    def index(self) -> Index:
        return Index(self.module)

    @cached_property
    def values(self) -> "Values":
        from reviewer.analysis.values import Values

        return Values(self)

    @cached_property
    def numbers(self) -> "Numbers":
        from reviewer.analysis.numeric import Numbers

        return Numbers(self)

    @cached_property
    def objects(self) -> "Objects":
        from reviewer.analysis.objects import Objects

        return Objects(self)

    @cached_property
    def loops(self) -> "Loops":
        from reviewer.analysis.loops import Loops

        return Loops(self)

    @cached_property
    def lr(self) -> "LearningRates":
        from reviewer.analysis.lr import LearningRates

        return LearningRates(self)

    @cached_property
    def updates(self) -> "Updates":
        from reviewer.analysis.updates import Updates

        return Updates(self)

    @cached_property
    def units(self) -> "Units":
        from reviewer.analysis.units import Units

        return Units(self)

    @cached_property
    def grad(self) -> "GradMode":
        from reviewer.analysis.gradmode import GradMode

        return GradMode(self)

    @cached_property
    def settings(self) -> Dict[str, Tuple[Optional[cst.CSTNode], Optional[str]]]:
        """Settings the file declares (argparse options, dataclass fields): key -> (default, type)."""
        from reviewer.analysis.values import declared_settings

        return declared_settings(self.index, self)

    @cached_property
    def imports_torch(self) -> bool:
        """The file imports PyTorch (`import torch.nn`, `from torch import nn`), anywhere in it:
        a module known only by the methods called on it is then PyTorch's, not another
        framework's (MegEngine's and Paddle's modules have `.eval()` too)."""
        return any((dotted_name(alias.name) or "").split(".")[0] == "torch"
                   for node in self.index.all(cst.Import) for alias in node.names) or any(
            not node.relative and node.module is not None and (dotted_name(node.module) or "").split(".")[0] == "torch"
            for node in self.index.all(cst.ImportFrom))

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    # -- names -------------------------------------------------------------------------------

    def qualified(self, node: cst.CSTNode) -> Optional[str]:
        """The qualified name of a Name/Attribute chain through the imports visible where it is
        (`optim.lr_scheduler.StepLR` after `from torch import optim` gives
        torch.optim.lr_scheduler.StepLR). Names bound otherwise, or not at all (builtins),
        give themselves; other expressions give None."""
        key = id(node)
        if key not in self._qualified:
            if not self.index.knows(node):  # a node built by a fix: its id may be reused
                return self._qualify(node)
            self._qualified[key] = self._qualify(node)
        return self._qualified[key]

    def _qualify(self, node: cst.CSTNode) -> Optional[str]:
        dotted = dotted_name(node)
        if dotted is None:
            return None
        head_node = node
        while type(head_node) is cst.Attribute:
            head_node = head_node.value  # type: ignore[attr-defined]
        head, _, rest = dotted.partition(".")
        index = self.index
        bindings = index.bindings(head_node) if index.knows(head_node) else index.lookup(head, self.module)  # type: ignore[arg-type]
        imports = [b for b in bindings if b.kind == "import"]
        if imports and len(imports) == len(bindings):
            base = imports[-1].qualified or head
            return f"{base}.{rest}" if rest else base
        if not bindings:
            for star in index.scope(self.module).bindings.get("*", ()):
                candidate = f"{star.qualified}.{head}"
                if candidate in SCHEDULERS or candidate in OPTIMIZERS:
                    return f"{candidate}.{rest}" if rest else candidate
        return dotted

    def calls_of(self, function: cst.CSTNode) -> List[cst.Call]:
        """The calls of `function` (a def of this file) in the file: by its name, or as
        `self.name(...)` when it is a method."""
        if type(function) is not cst.FunctionDef:
            return []
        name = function.name.value
        by_callee = self._calls_of.get(name)
        if by_callee is None:  # resolve each call of the name once, for every def of that name
            by_callee = self._calls_of[name] = {}
            for call in self.index.calls_named(name):
                callee = self.callee(call)
                if callee is not None:
                    by_callee.setdefault(id(callee), []).append(call)
        return by_callee.get(id(function), [])

    def calls_elsewhere(self, function: cst.CSTNode) -> Optional[List["Site"]]:
        """The calls other files of the project make of `function`, a def at this file's
        module level that the file itself never calls; None when unknown (no project, a
        method or nested def, a use other than a call somewhere)."""
        if self.project is None or type(function) is not cst.FunctionDef or not self.path \
                or self.index.parent(function) is not self.module:
            return None
        return self.project.calls_elsewhere(self.path, function.name.value)

    def project_method_calls(self, qualified: Optional[str], method: str) -> Optional[Set[str]]:
        """What the method `method` of `qualified`, a class of another file of the project
        (as this file imports it), calls in its body; None when unknown."""
        if self.project is None or not qualified or "." not in qualified or not self.path:
            return None
        return self.project.method_calls(self.path, qualified, method)

    def project_bases(self, base: cst.CSTNode) -> Set[str]:
        """The classes from outside the project that `base`, a class another file of the
        project defines (`from .rcnn import GeneralizedRCNN`), extends through the project's
        classes (`Project.library_bases`); empty without a project or for other names."""
        qualified, name = self.qualified(base) or "", dotted_name(base)
        if self.project is None or not self.path or name is None or "." not in qualified:
            return set()
        module = qualified.rpartition(".")[0]
        if not module.startswith(".") and not self.project.module_files(module):
            return set()  # a library's class: the project cannot say more
        return self.project.library_bases(self.path, name)

    def project_lacks(self, callee: cst.CSTNode) -> bool:
        """Whether the run reads a project and none of its files defines what `callee`, a
        name this file imports, stands for (a library's, or a module the run was not given);
        False without a project: then nothing is known of other files."""
        name = dotted_name(callee)
        return self.project is not None and bool(self.path) and name is not None \
            and not self.project.defines(self.path, name)

    def kept_elsewhere(self, model: cst.ClassDef) -> bool:
        """Whether a file of the project keeps the progress of an instance of `model`, a
        class of this file's module level, across a resume: it steps the instance again as
        often as the run had, or saves it whole with `torch.save` (`Project.replayed`,
        `Project.pickled`); False without a project."""
        if self.project is None or not self.path or self.index.parent(model) is not self.module:
            return False
        name = model.name.value
        return self.project.replayed(self.path, name) or self.project.pickled(self.path, name)

    def partials_of(self, function: cst.CSTNode) -> List[cst.Call]:
        """The `functools.partial(function, ...)` calls of the file: each passes the first
        arguments of the calls of what it returns."""
        if type(function) is not cst.FunctionDef:
            return []
        return [call for call in self.index.calls_named("partial") if self.partial_of(call) is function]

    def partial_of(self, call: cst.Call) -> Optional[cst.CSTNode]:
        """The def of this file that `call`, a `functools.partial(f, ...)`, fixes arguments of."""
        if self.qualified(call.func) != "functools.partial" or not call.args:
            return None
        if call.args[0].keyword or call.args[0].star:
            return None
        return self.resolve(call.args[0].value)

    def callee(self, call: cst.Call) -> Optional[cst.CSTNode]:
        """The def, lambda or class of this file that a call runs: `f(...)` for a function or
        a name bound to a lambda, `self.m(...)` for a method of the class (or its bases here),
        `obj.m(...)` on an instance of a class of this file, `Cls(...)` for a class."""
        return self.resolve(call.func)

    def resolve(self, func: cst.BaseExpression) -> Optional[cst.CSTNode]:
        """The def, lambda or class of this file that calling `func` runs (see `callee`)."""
        index = self.index
        if type(func) is cst.Name:
            if not index.knows(func):
                return None
            bindings = index.bindings(func)  # type: ignore[arg-type]
            if len(bindings) == 1:
                binding = bindings[0]
                if binding.kind in ("def", "class"):
                    return binding.statement
                if binding.kind == "assign" and not binding.path and type(binding.value) is cst.Lambda:
                    return binding.value
            defs = [b.statement for b in bindings if b.kind == "def"]
            if defs and len(defs) == len(bindings):
                return defs[-1]
            return None
        if type(func) is cst.Attribute:
            owner = index.self_attribute(func)
            if owner is not None:
                model, name = owner
                return index.method_of(model, name)
            receiver = func.value  # type: ignore[attr-defined]
            if type(receiver) in (cst.Name, cst.Attribute) and index.knows(receiver):
                from reviewer.analysis.values import INSTANCE

                models = {id(o.model): o.model for o in self.values.origins(receiver) if o.kind == INSTANCE and o.model}
                if len(models) == 1:
                    return index.method_of(next(iter(models.values())), func.attr.value)  # type: ignore[attr-defined, arg-type]
        return None
