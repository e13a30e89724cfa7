"""What PyTorch object an expression holds: a scheduler (of which kind), an optimizer, a
GradScaler, a data loader or sampler, a model. Objects are bound through constructors and
factories resolved through the file's imports, followed by `values.origins` through
locals, attributes, tuple unpacking and pass-through wrappers; a parameter is bound by its
annotation or by what every call of its function in the file passes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, Iterator, List, Optional, Sequence, Set, Tuple

import libcst as cst

from reviewer.analysis import values as v
from reviewer.analysis.scopes import ClassModel
from reviewer.analysis.tree import IS_COMPOUND, argument, block, dotted_name, method_call, mode_switch, positional_args, small_statements
from reviewer.vocabulary import (
    DATA_LOADERS,
    DATASET_CLASS_NAME,
    DISTRIBUTED_SAMPLERS,
    ENVIRONMENT_PACKAGES,
    GRAD_SCALERS,
    ITERABLE_DATASET_BASES,
    ITERABLE_DATASET_WORDS,
    MAP_DATASET_BASES,
    MAP_DATASETS,
    MODULE_METHODS,
    MODULE_BASES,
    MODULE_ONLY_METHODS,
    OPTIMIZER_BASES,
    OPTIMIZERS,
    RANDOM_DATASETS,
    RANDOM_TENSORS,
    SCHEDULER_BASES,
    SCHEDULERS,
    SchedulerKind,
)

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis

SCHEDULER = "scheduler"
OPTIMIZER = "optimizer"
SCALER = "scaler"
LOADER = "loader"
SAMPLER = "sampler"
MODEL = "model"
#: a reinforcement-learning environment (gym, gymnasium, envpool): not a torch object, but
#: known, so that its `step()` is not taken for an optimizer's
ENVIRONMENT = "environment"

#: callables that return a model: qualified names, or prefixes ending in "."
_MODEL_FACTORIES = ("timm.create_model", "torch.hub.load", "torch.jit.load", "torch.jit.script", "torch.jit.trace")
_MODEL_PREFIXES = ("torchvision.models.",)
#: factories that compile what they are given: a model, or a function
_COMPILERS = ("torch.jit.script", "torch.jit.trace")
#: model loaders of widely copied projects, by name wherever they are imported from (YOLOv5/v7)
_MODEL_LOADERS = {"attempt_load"}
#: methods that return the module they are called on, and that a tensor has too
_RETURN_THE_MODULE = v.SAME_OBJECT_METHODS - MODULE_ONLY_METHODS
#: torch.nn classes that are tensors
_TENSORS = {"Parameter", "Buffer", "UninitializedParameter", "UninitializedBuffer"}


def model_class(qualified: str) -> bool:
    """A class whose instances are models: a module base (`torch.nn.Module`, Lightning's,
    transformers'), a layer of `torch.nn` (no loss, no tensor such as `Parameter`), or a
    model class of torchvision."""
    last = qualified.rsplit(".", 1)[-1]
    return qualified in MODULE_BASES or last[:1].isupper() and (
        qualified.startswith("torch.nn.") and not last.endswith("Loss") and last not in _TENSORS
        or qualified.startswith(_MODEL_PREFIXES))


#: wrappers whose first argument is the model they wrap
MODEL_WRAPPERS = {
    "torch.nn.DataParallel", "torch.nn.parallel.DataParallel", "torch.nn.parallel.DistributedDataParallel",
    "torch.compile", "torch.nn.SyncBatchNorm.convert_sync_batchnorm",
}
#: torch.nn classes that are not models
_NOT_MODELS = {
    "Parameter", "Module", "ModuleList", "ModuleDict", "ParameterList", "ParameterDict", "Identity", "Flatten",
    "Unflatten", "Sequential_", "functional",
}


@dataclass(frozen=True, eq=False)
class TorchObject:
    kind: str
    #: the constructor or factory, qualified (None for a class of this file)
    qualified: Optional[str]
    #: the call that built it, when the file shows one
    construction: Optional[cst.Call] = None
    scheduler: Optional[SchedulerKind] = None
    #: a class of this file it is an instance of
    model: Optional[ClassModel] = None
    #: a module known only by the methods the file calls on what an unknown call returned
    #: (`net = build_ssd(...)`, then `net.eval()`): what it holds and its mode are not shown
    unshown: bool = False


class Objects:
    def __init__(self, analysis: "FileAnalysis") -> None:
        self.analysis = analysis
        self.index = analysis.index
        self._memo: Dict[int, Tuple[Optional[TorchObject], ...]] = {}
        self._classes: Dict[int, Optional[str]] = {}
        #: by parameter binding: whether it holds a model class (`_builds_models`)
        self._model_classes: Dict[int, bool] = {}
        self._active: Set[int] = set()
        self._constructions: Optional[List[Tuple[cst.Call, TorchObject]]] = None
        self._composed: Optional[Set[int]] = None

    def of(self, expr: cst.CSTNode) -> Tuple[Optional[TorchObject], ...]:
        """One entry per origin of `expr` (None for an origin that is no known object);
        `None` literals (`scheduler = None` before it is built) are left out."""
        key = id(expr)
        if key in self._memo:
            return self._memo[key]
        if key in self._active:
            return (None,)
        self._active.add(key)
        try:
            found: List[Optional[TorchObject]] = []
            for origin in self.analysis.values.origins(expr):
                if origin.kind == v.CONST and origin.value is None:
                    continue
                found.extend(self._origin(origin))
            result = tuple(found)
        finally:
            self._active.discard(key)
        if self.index.knows(expr):  # a node built by a substitution: its id may be reused
            self._memo[key] = result
        return result

    def kind(self, expr: cst.CSTNode) -> Optional[str]:
        """The kind every origin of `expr` agrees on, else None."""
        found = self.of(expr)
        kinds = {o.kind if o is not None else None for o in found}
        return kinds.pop() if len(kinds) == 1 else None

    def is_a(self, expr: cst.CSTNode, kind: str) -> bool:
        return self.kind(expr) == kind

    def schedulers(self, expr: cst.CSTNode) -> Optional[List[TorchObject]]:
        """The schedulers `expr` holds when every origin is one, else None."""
        found = self.of(expr)
        if not found or any(o is None or o.kind != SCHEDULER for o in found):
            return None
        return list(found)  # type: ignore[arg-type]

    def scheduler_kinds(self, expr: cst.CSTNode) -> Optional[List[SchedulerKind]]:
        """The kinds of library scheduler `expr` holds, when every origin is one of known kind."""
        found = self.schedulers(expr)
        if found is None or any(o.scheduler is None for o in found):
            return None
        return [o.scheduler for o in found]  # type: ignore[misc]

    def optimizer_of(self, scheduler: TorchObject) -> Optional[cst.BaseExpression]:
        """The optimizer argument of a scheduler's construction, when the file shows one."""
        call = scheduler.construction
        if call is None or scheduler.scheduler is None:
            return None
        arg = argument(call, "optimizer", scheduler.scheduler.optimizer_position)
        return arg.value if arg is not None else None

    def optimized_sources(self, optimizer: cst.CSTNode) -> Set[int]:
        """Where the models come from whose parameters an optimizer was built over
        (`SGD(model.parameters(), ...)`: `values.sources` of `model`); empty where the file
        shows no construction."""
        found: Set[int] = set()
        for x in self.of(optimizer):
            if x is None or x.kind != OPTIMIZER or x.construction is None:
                continue
            params = argument(x.construction, "params", 0)
            method = method_call(params.value) if params is not None else None
            if method is not None and method[1] in ("parameters", "named_parameters"):
                found |= v.sources(self.analysis, method[0])
        return found

    def constructions(self, kind: str) -> List[Tuple[cst.Call, TorchObject]]:
        """Every call in the file that builds an object of `kind`."""
        if self._constructions is None:
            self._constructions = []
            for call in self.index.all(cst.Call):
                made = self.built_by(call)
                if made is not None:
                    self._constructions.append((call, made))
        return [(call, made) for call, made in self._constructions if made.kind == kind]

    def steps_of(self, construction: cst.Call) -> List[cst.Call]:
        """The `x.step(...)` calls of the file whose receiver holds what `construction` builds."""
        return [call for call in self.index.calls_named("step") if (found := method_call(call)) is not None
                and any(o is not None and o.construction is construction for o in self.of(found[0]))]

    def composed(self) -> Set[int]:
        """The ids of the scheduler constructions that a composite scheduler of the file
        (`SequentialLR`, `ChainedScheduler`) is given, directly or through the names that
        hold them."""
        if self._composed is None:
            self._composed = set()
            for call, made in self.constructions(SCHEDULER):
                if made.scheduler is None or not made.scheduler.composite:
                    continue
                for node in self.index.descendants(call):
                    if type(node) in (cst.Name, cst.Attribute) and node is not call.func:
                        self._composed |= {id(part.construction) for part in self.of(node)
                                           if part is not None and part.construction is not None}
        return self._composed

    # -- origins -----------------------------------------------------------------------------

    def _origin(self, origin: v.Origin) -> List[Optional[TorchObject]]:
        if origin.kind == v.CALL:
            made = self.built_by(origin.node) or self._by_model_class(origin.node)  # type: ignore[arg-type]
            if made is None and self._rewraps(origin.node):  # type: ignore[arg-type]
                return list(self.of(positional_args(origin.node)[0]))  # type: ignore[arg-type]
            if made is None and type(origin.node) is cst.Call and self.analysis.imports_torch \
                    and self._module_result(origin.node):
                return [TorchObject(MODEL, None, unshown=True)]
            return [made]
        if origin.kind == v.INSTANCE and origin.model is not None:
            kind = self.class_kind(origin.model)
            return [TorchObject(kind, None, origin.node, None, origin.model) if kind else None]  # type: ignore[arg-type]
        if origin.kind == v.PARAM and origin.binding is not None:
            return self._parameter(origin)
        if origin.kind == v.SETTING and origin.default is not None and self.index.knows(origin.default):
            return list(self.of(origin.default))  # a holder built in the code: `cfg = {"net": net}`
        if origin.kind == v.LOOP and origin.binding is not None and origin.binding.value is not None \
                and type(origin.binding.statement) is cst.For and origin.binding.statement.target is origin.binding.target:
            return self._elements(origin.binding.value)
        node = origin.node
        if type(node) is cst.Attribute and node.attr.value == "module":
            # a DataParallel/DDP wrapper's `.module` is the model it wraps, which stands for
            # the wrapper here (a model's own `.module` is a submodule: a model as well)
            inner = self.of(node.value)
            if inner and all(x is not None and x.kind == MODEL for x in inner):
                return list(inner)
        return [None]

    def _elements(self, iterable: cst.CSTNode) -> List[Optional[TorchObject]]:
        """What each element of a list, tuple or comprehension the code builds holds
        (`for s in self.schedulers:` over `[ReduceLROnPlateau(o) for o in opts]`)."""
        found: List[Optional[TorchObject]] = []
        for origin in self.analysis.values.origins(iterable):
            node = origin.node
            if type(node) in (cst.List, cst.Tuple) and node.elements and not any(
                    type(e) is cst.StarredElement for e in node.elements):
                found.extend(x for e in node.elements for x in self.of(e.value))
            elif type(node) in (cst.ListComp, cst.GeneratorExp):
                found.extend(self.of(node.elt))
            else:
                return [None]
        return found or [None]

    def _by_model_class(self, call: cst.Call) -> Optional[TorchObject]:
        """A model built by a call of a parameter that holds a model class (`_builds_models`)."""
        if type(call.func) is not cst.Name or not self.index.knows(call.func):
            return None
        bindings = self.index.bindings(call.func)
        if bindings and all(self._builds_models(b) for b in bindings):
            return TorchObject(MODEL, None, call)
        return None

    def _rewraps(self, call: cst.Call) -> bool:
        """`x = wrap(x)`: a call of something unknown, assigned to the name it is given, takes
        it as what it wraps (`model = DDP(model)`, `scheduler = accelerator.prepare(scheduler)`)."""
        args = positional_args(call)
        if len(args) != 1 or type(args[0]) is not cst.Name:
            return False
        statement = self.index.statement_of(call)
        return type(statement) is cst.Assign and statement.value is call and any(
            type(t.target) is cst.Name and t.target.value == args[0].value for t in statement.targets
        )

    def built_by(self, call: cst.Call) -> Optional[TorchObject]:
        """The object a call constructs (a library constructor or factory), else None."""
        qualified = self.analysis.qualified(call.func)
        if qualified is None:
            if type(call.func) is cst.Call:  # `torch.compile(model)(x)` and the like: not a construction
                return None
            return None
        if qualified in SCHEDULERS:
            return TorchObject(SCHEDULER, qualified, call, SCHEDULERS[qualified])
        if qualified in OPTIMIZERS:
            return TorchObject(OPTIMIZER, qualified, call)
        if qualified in GRAD_SCALERS:
            return TorchObject(SCALER, qualified, call)
        if qualified in DATA_LOADERS:
            return TorchObject(LOADER, qualified, call)
        if qualified in DISTRIBUTED_SAMPLERS:
            return TorchObject(SAMPLER, qualified, call)
        if qualified.split(".", 1)[0] in ENVIRONMENT_PACKAGES:
            return TorchObject(ENVIRONMENT, qualified, call)
        if qualified in MODEL_WRAPPERS:
            args = positional_args(call)
            return self._first_model(args[0]) if args else None
        if qualified in _MODEL_FACTORIES or qualified.startswith(_MODEL_PREFIXES) or \
                qualified.rsplit(".", 1)[-1] in _MODEL_LOADERS:
            return None if self._compiles_a_function(qualified, call) else TorchObject(MODEL, qualified, call)
        last = qualified.rsplit(".", 1)[-1]
        if qualified.startswith("transformers.") and last == "from_pretrained":
            owner = qualified[: -len(".from_pretrained")].rsplit(".", 1)[-1]
            # transformers' `Flax*` and `TF*` classes are JAX and TensorFlow models
            torch = not owner.startswith(("Flax", "TF"))
            return TorchObject(MODEL, qualified, call) if torch and ("Model" in owner or "For" in owner) else None
        if qualified.startswith("torch.nn.") and last[:1].isupper() and ".functional" not in qualified:
            if last in _NOT_MODELS or last.endswith("Loss"):
                return None
            return TorchObject(MODEL, qualified, call)
        return None

    def _compiles_a_function(self, qualified: str, call: cst.Call) -> bool:
        """`torch.jit.script(f)` or `torch.jit.trace(f, x)` of a function of the file: a
        compiled function (Mask2Former's `batch_dice_loss_jit`), with no mode to set."""
        args = positional_args(call)
        if qualified not in _COMPILERS or not args:
            return False
        origins = self.analysis.values.origins(args[0])
        return bool(origins) and all(
            o.kind == v.DEFINITION and type(o.node) in (cst.FunctionDef, cst.Lambda) for o in origins)

    def switched_to_training(self, expr: cst.CSTNode) -> bool:
        """The file calls `.train()` (or `.train(True)`) on what `expr` holds, by the names that
        hold it (`values.names_for`): evidence of a model where no constructor shows one."""
        names = v.names_for(self.analysis, expr)
        for call in self.analysis.index.calls_named("train"):
            if mode_switch(call) is not True:
                continue
            receiver = call.func.value if type(call.func) is cst.Attribute else None  # type: ignore[attr-defined]
            if receiver is not None and dotted_name(v.held(self.analysis, receiver)) in names:
                return True
        return False

    def map_style_dataset(self, expr: cst.CSTNode, depth: int = 2) -> bool:
        """Every origin of `expr` is a map-style dataset the file shows: a torch or torchvision
        dataset class, or a class of the file that extends `Dataset` (not `IterableDataset`)
        or defines `__getitem__` and `__len__` but no `__iter__`; a parameter, what every
        call of its function passes, and a setting, its value (`depth` levels)."""
        origins = self.analysis.values.origins(expr)
        return bool(origins) and all(self._map_style(origin, depth) for origin in origins)

    def measured(self, dataset: cst.CSTNode, loader: cst.Call) -> bool:
        """The file takes `len()` of the loader built over `dataset` (`len(self.train_loader)`)
        or of the dataset, or reads an item of it (`ds[0]`), by the same binding: a dataset
        of unknown class that allows both is map-style (an iterable one has no items and
        seldom a length)."""
        reaching = self.analysis.values.reaching
        held = {id(b) for b in reaching(dataset)} if type(dataset) is cst.Name and self.index.knows(dataset) else set()

        def is_dataset(x: cst.CSTNode) -> bool:
            return bool(held) and type(x) is cst.Name and self.index.knows(x) and bool(held & {id(b) for b in reaching(x)})

        if held and any(is_dataset(s.value) for s in self.index.all(cst.Subscript)):
            return True
        return any(type(call.func) is cst.Name and len(call.args) == 1 and (
            is_dataset(call.args[0].value) or any(x is not None and x.construction is loader for x in self.of(call.args[0].value)))
            for call in self.index.calls_named("len"))

    def random_dataset(self, expr: cst.CSTNode) -> bool:
        """Every origin of `expr` is a dataset of random samples: torchvision's `FakeData`, or a
        `TensorDataset` whose inputs (its first tensor) are drawn at random (`torch.randn`)."""
        origins = self.analysis.values.origins(expr)
        return bool(origins) and all(self._random(origin) for origin in origins)

    def _random(self, origin: v.Origin) -> bool:
        if origin.kind != v.CALL or type(origin.node) is not cst.Call:
            return False
        qualified = origin.qualified or ""
        if qualified in RANDOM_DATASETS:
            return True
        args = positional_args(origin.node)
        if qualified.rsplit(".", 1)[-1] != "TensorDataset" or qualified not in MAP_DATASETS or not args:
            return False
        inputs = self.analysis.values.origins(args[0])
        return bool(inputs) and all(inner.kind == v.CALL and inner.qualified in RANDOM_TENSORS for inner in inputs)

    def _map_style(self, origin: v.Origin, depth: int) -> bool:
        if origin.kind == v.PARAM:
            passed = v.parameter_arguments(self.analysis, origin.binding) if origin.binding is not None and depth else []
            return bool(passed) and all(p is not None and self.map_style_dataset(p, depth - 1) for p in passed)
        if origin.kind == v.SETTING:  # `cfg = {"data": ds}`, then `cfg["data"]`
            default = origin.default
            return default is not None and depth > 0 and self.index.knows(default) \
                and self.map_style_dataset(default, depth - 1)
        if origin.kind == v.CALL:
            qualified = origin.qualified or ""
            if qualified in MAP_DATASETS or (
                    qualified.startswith("torchvision.datasets.") and qualified.rsplit(".", 1)[-1][:1].isupper()):
                return True
            if type(origin.node) is not cst.Call:
                return False
            # a dataset class another file of the project defines, on torch's map-style base
            bases = self.analysis.project_bases(origin.node.func)
            if bases:
                return bool(bases & MAP_DATASET_BASES) and not bases & ITERABLE_DATASET_BASES
            return self._named_map_style(origin.node.func, qualified)
        if origin.kind != v.INSTANCE or origin.model is None:
            return False
        classes = self.index.mro(origin.model)
        bases = {self.analysis.qualified(b.value) or "" for c in classes for b in c.node.bases if b.keyword is None}
        methods = {name for c in classes for name in c.methods}
        if bases & ITERABLE_DATASET_BASES or "__iter__" in methods:
            return False
        return bool(bases & MAP_DATASET_BASES) or {"__getitem__", "__len__"} <= methods

    def _named_map_style(self, callee: cst.CSTNode, qualified: str) -> bool:
        """A class imported from outside torch that no file of the project defines, with only
        its name to go by: named as a map-style dataset (`PointCloudDataset`), not as an
        iterable one."""
        module, _, name = qualified.rpartition(".")
        return bool(module) and module.split(".")[0] != "torch" and DATASET_CLASS_NAME.search(name) is not None \
            and ITERABLE_DATASET_WORDS.search(name) is None and self.analysis.project_lacks(callee)

    def _filled_container(self, call: cst.CSTNode) -> bool:
        """`nn.Sequential(nn.Linear(8, 8), nn.ReLU())`: a container holds the parameters of
        what it is given, unless each is a layer without any (and of what is added later,
        when it is built empty)."""
        if type(call) is not cst.Call or (self.analysis.qualified(call.func) or "").rsplit(".", 1)[-1] not in _CONTAINERS:
            return False
        return not call.args or not all(
            type(arg.value) is cst.Call and _parameterless(self.analysis.qualified(arg.value.func) or "")
            and not self._filled_container(arg.value) for arg in call.args)  # a name or a list: not shown here

    def has_parameters(self, model: ClassModel) -> bool:
        """A module class of the file whose instances hold parameters: a torch layer or a
        base from elsewhere, or `__init__` sets an attribute to a layer, a `Parameter`,
        another module, a container of layers, a module it is given and calls, or something
        it builds with code the file does not show. Losses, activations and plain values
        hold none."""
        analysis = self.analysis
        index = self.index
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
                        if origin.kind == v.CALL and (not _parameterless(origin.qualified or "")
                                                      or self._filled_container(origin.node)):
                            return True
                        if origin.kind == v.INSTANCE:
                            return True
                        if origin.kind == v.PARAM and any(write.attr in calls for calls in each.calls.values()):
                            return True  # a module it is given and calls: `self.encoder(x)`
        return False

    def _first_model(self, expr: cst.CSTNode) -> Optional[TorchObject]:
        found = [o for o in self.of(expr) if o is not None and o.kind == MODEL]
        return found[0] if found else None

    def class_kind(self, model: ClassModel) -> Optional[str]:
        """scheduler, optimizer or model for a class of this file that extends one (directly
        or through other classes of the file); where those say nothing, a model when it extends
        a module through classes of other files of the project."""
        key = id(model)
        if key in self._classes:
            return self._classes[key]
        self._classes[key] = None
        answer = None
        for qualified in self._bases(model):
            if qualified in SCHEDULER_BASES or qualified in SCHEDULERS:
                answer = SCHEDULER
            elif qualified in OPTIMIZER_BASES:
                answer = OPTIMIZER
            elif model_class(qualified):
                answer = answer or MODEL
        if answer is None and any(model_class(qualified) for qualified in self._project_bases(model)):
            answer = MODEL
        self._classes[key] = answer
        return answer

    def _project_bases(self, model: ClassModel) -> Iterator[str]:
        """What the bases of the class and of its bases in the file that other files of the
        project define extend, outside the project (`class PanopticFPN(GeneralizedRCNN)`, where
        `rcnn.py` has `class GeneralizedRCNN(nn.Module)`): asked only when the file says nothing."""
        for each in self.index.mro(model):
            for base in each.node.bases:
                if base.keyword is None:
                    yield from self.analysis.project_bases(base.value)

    def base_scheduler(self, model: ClassModel) -> Optional[SchedulerKind]:
        """The library scheduler a class of this file extends, directly or through other
        classes of the file: its kind (`LRScheduler`'s own for the base classes)."""
        for qualified in self._bases(model):
            if qualified in SCHEDULERS:
                return SCHEDULERS[qualified]
            if qualified in SCHEDULER_BASES:
                return SchedulerKind(qualified.rsplit(".", 1)[-1], torch=True)
        return None

    def _bases(self, model: ClassModel) -> Iterator[str]:
        """The qualified names of the bases of a class of this file and of its bases in the
        file, in their order ("" where a base has none)."""
        for each in self.index.mro(model):
            for base in each.node.bases:
                if base.keyword is None:
                    yield self.analysis.qualified(base.value) or ""

    def _schedules_it(self, binding) -> bool:
        """The parameter is handed, here or through the functions of the file it is passed to,
        to a library scheduler's constructor as its optimizer: only an optimizer is."""
        for use in (use for read in self._reads(binding) for use in self._uses(read)):
            arg = self.index.parent(use)
            call = self.index.parent(arg) if type(arg) is cst.Arg else None
            if type(call) is cst.Call and (call.args[0] is arg if arg.keyword is None  # type: ignore[union-attr]
                                           else arg.keyword.value == "optimizer"):  # type: ignore[union-attr]
                made = self.built_by(call)
                if made is not None and made.kind == SCHEDULER:
                    return True
        return False

    def _used_as_module(self, binding) -> bool:
        """The function calls the parameter and calls a module's methods on it (`.eval()`,
        `.parameters()`, `.cuda()`...), also after rebinding it to itself (`model =
        model.cuda()`): only an `nn.Module` is both callable and has those."""
        return self._module_evidence(self._reads(binding))

    def _reads(self, binding) -> List[cst.Name]:
        """The reads of a binding in its scope (not a nested function's own variable)."""
        return [node for node in self.index.names_valued(binding.name, binding.scope.node)
                if not self.index.is_store(node) and binding in self.index.bindings(node)]

    def _builds_models(self, binding) -> bool:
        """The function calls the parameter and uses what the call returns as a module
        (`model = Model(envs).to(device)`, then `model.eval()`): the parameter is a model
        class or factory, whatever its annotation says."""
        if binding.kind != "param":
            return False
        key = id(binding)
        if key not in self._model_classes:
            self._model_classes[key] = any(
                type(call) is cst.Call and call.func is read and self._module_result(call)
                for read in self._reads(binding) for call in (self.index.parent(read),))
        return self._model_classes[key]

    def _module_result(self, call: cst.Call) -> bool:
        """A method only a module has (`.eval()`, `.parameters()`...) is called on what `call`
        returns: directly, after methods that return the module itself (`.to(device)`), or on
        the name the result is assigned to. A forward's result, a tensor, has none of them."""
        index = self.index
        result = self._same_module(call)
        if self._gets_module_method(result):
            return True
        assigned = index.assigned_to(result)
        if assigned is None:
            return False
        target, statement = assigned
        owner = index.self_attribute(target) if type(target) is cst.Attribute else None
        if owner is not None:  # `self.model = TextCNN(...)`, then `self.model.to(device).eval()`
            reads = [read for read in index.of_type(owner[0].node, cst.Attribute)
                     if read is not target and index.self_attribute(read) == owner]
        elif type(target) is cst.Name:
            holder = next((b for b in index.bindings(target) if b.statement is statement), None)
            reads = self._reads(holder) if holder is not None else []
        else:
            return False
        return any(self._gets_module_method(read) for read in reads) or self._called_with_state(reads)

    def _called_with_state(self, reads: Sequence[cst.CSTNode]) -> bool:
        """The reads call the object and load a state into it (`net(x)`, `net.load_state_dict(...)`):
        only a module is both (an optimizer or scheduler is not called; a diffusers pipeline is
        called and has `.to()`, but no `load_state_dict`)."""
        called = restored = False
        for use in (use for read in reads for use in self._uses(read)):
            parent = self.index.parent(use)
            called = called or type(parent) is cst.Call and parent.func is use
            restored = restored or type(parent) is cst.Attribute and parent.value is use \
                and parent.attr.value == "load_state_dict"
        return called and restored

    def _same_module(self, result: cst.CSTNode) -> cst.CSTNode:
        """The outermost of the calls on `result` that return the module itself
        (`Model(envs).to(device)`)."""
        index = self.index
        while True:
            attribute = index.parent(result)
            outer = index.parent(attribute)
            if type(attribute) is not cst.Attribute or attribute.value is not result or type(outer) is not cst.Call \
                    or outer.func is not attribute or attribute.attr.value not in _RETURN_THE_MODULE:
                return result
            result = outer

    def _gets_module_method(self, read: cst.CSTNode) -> bool:
        """A method only a module has is called on `read` (after `.to(device)`), on a local it
        is assigned to (`net = d`), or on the parameter of a function of the file that `read`
        is handed to (`prepare(model)` that calls `model.eval()`)."""
        return any(type(parent := self.index.parent(use)) is cst.Attribute and parent.value is use
                   and parent.attr.value in MODULE_ONLY_METHODS for use in self._uses(read))

    def _uses(self, read: cst.CSTNode, depth: int = 0) -> Iterator[cst.CSTNode]:
        """Where the object `read` holds is used: `read` itself (after the methods that return
        the module, `.to(device)`), followed to the reads of a local it is assigned to and of
        the parameter of a function of the file it is handed to (three levels)."""
        read = self._same_module(read)
        parent = self.index.parent(read)
        holder = None
        if type(parent) is cst.Arg and depth < 3:
            holder = self.bound_parameter(parent)
        elif type(parent) is cst.Assign and parent.value is read and len(parent.targets) == 1 and depth < 3 \
                and type(parent.targets[0].target) is cst.Name:
            holder = next((b for b in self.index.bindings(parent.targets[0].target) if b.statement is parent), None)
        if holder is None:
            yield read
            return
        for each in self._reads(holder):
            yield from self._uses(each, depth + 1)

    def _stored_as_module(self, binding) -> bool:
        """The parameter is kept in `self.<attr>` (`self.model = model`), and the class calls
        that attribute and a module's method on it, or on the value it stores (`self.model(x)`,
        `self.model.train()`; `self.net = net.to(device).eval()`)."""
        index = self.index
        function = binding.scope.node
        model = index.class_of_method(function) if type(function) is cst.FunctionDef else None
        if model is None:
            return False
        stored: Dict[str, bool] = {}  # attribute -> whether a value stored in it gets a module's method
        for attr, writes in model.writes.items():
            for write in writes:
                if write.value is not None and index.function_of(write.statement) is function \
                        and self._holds_parameter(write.value, binding):
                    stored[attr] = stored.get(attr, False) or _gets_module_methods(write.value)
        return any(self._module_evidence([node for node in index.of_type(model.node, cst.Attribute)
                                          if index.self_attribute(node) == (model, attr)], stored[attr])
                   for attr in stored)

    def _holds_parameter(self, expr: cst.CSTNode, binding, depth: int = 0) -> bool:
        """`expr` is the parameter, directly or through locals and holders (`cfg = {"m": model}`)."""
        for origin in self.analysis.values.origins(expr):
            if origin.kind == v.PARAM and origin.binding is binding:
                return True
            if origin.kind == v.SETTING and origin.default is not None and depth < 3 and \
                    self.index.knows(origin.default) and self._holds_parameter(origin.default, binding, depth + 1):
                return True
        return False

    def _module_evidence(self, reads: Sequence[cst.CSTNode], module_method: bool = False) -> bool:
        """The reads call the object (or hand it to a function that does) and call a module's
        method on it (or `module_method` says that was done before)."""
        called = False
        for node in reads:
            parent = self.index.parent(node)
            if type(parent) is cst.Arg:  # handed to a function of the file: what it does there
                parameter = self.bound_parameter(parent)
                uses = [self._use(read) for read in (self._reads(parameter) if parameter is not None else ())]
            else:
                uses = [self._use(node)]
            called = called or any(use[0] for use in uses)
            module_method = module_method or any(use[1] for use in uses)
        return called and module_method

    def _use(self, read: cst.CSTNode) -> Tuple[bool, bool]:
        """Whether `read` is called, and whether a module's method is called on it."""
        parent = self.index.parent(read)
        method = type(parent) is cst.Attribute and parent.value is read and parent.attr.value in MODULE_METHODS \
            and type(grand := self.index.parent(parent)) is cst.Call and grand.func is parent
        return type(parent) is cst.Call and parent.func is read, method

    def bound_parameter(self, arg: cst.Arg):
        """The parameter of a function of the file that the argument binds, else None."""
        call = self.index.parent(arg)
        if type(call) is not cst.Call:
            return None
        function = self.analysis.callee(call)
        if type(function) is not cst.FunctionDef:
            return None
        method = self.index.class_of_method(function) is not None and type(call.func) is cst.Attribute
        params = [p.name.value for p in (*function.params.posonly_params, *function.params.params)]
        if method:
            params = params[1:]
        if arg.keyword is not None:
            name = arg.keyword.value
        else:
            positional = [a for a in call.args if a.keyword is None]
            position = positional.index(arg) if arg in positional else len(params)
            if position >= len(params):
                return None
            name = params[position]
        return next((b for b in self.index.scope(function).bindings.get(name, ()) if b.kind == "param"), None)

    def _parameter(self, origin: v.Origin) -> List[Optional[TorchObject]]:
        """A parameter: its annotation, else what every call of its function here passes (a
        call that passes a stand-in, an instance of a class whose methods do nothing, aside)."""
        binding = origin.binding
        assert binding is not None
        if self._builds_models(binding):
            return [None]  # a model class (`Model: nn.Module` given `QNetwork`): its calls build the models
        annotation = origin.declared_type
        if annotation is not None:
            qualified = self.analysis.qualified(getattr(binding.statement, "annotation").annotation) or ""
            if qualified in SCHEDULER_BASES:
                return [TorchObject(SCHEDULER, qualified)]
            if qualified in OPTIMIZER_BASES or qualified in OPTIMIZERS:
                return [TorchObject(OPTIMIZER, qualified)]
            if model_class(qualified):
                return [TorchObject(MODEL, qualified)]
        function = binding.scope.node
        module = self._used_as_module(binding) or self._stored_as_module(binding)
        if type(function) is not cst.FunctionDef:
            return [TorchObject(MODEL, None)] if module else [None]
        if module:  # a module: an instance of a class of this file where every call passes one
            passed = self._passed(function, binding)
            if all(x is not None and x.kind == MODEL and x.model is not None for x in passed):
                return passed
            return [TorchObject(MODEL, None)]
        passed = self._passed(function, binding)
        if all(x is None for x in passed) and self._schedules_it(binding):
            return [TorchObject(OPTIMIZER, None)]  # what the callers pass is not known, but it is scheduled
        return passed

    def _passed(self, function: cst.FunctionDef, binding) -> List[Optional[TorchObject]]:
        """What every call of `function` here passes for the parameter (stand-ins aside)."""
        method = self.index.class_of_method(function) is not None
        calls = [(call, method and type(call.func) is cst.Attribute) for call in self.analysis.calls_of(function)]
        calls += [(call, True) for call in self._instantiations(function)]
        if not calls:
            return [None]
        found: List[Optional[TorchObject]] = []
        for call, bound in calls:
            passed = v.argument_for(call, function, binding.name, bound)
            if passed is None:
                if binding.value is not None and dotted_name(binding.value) == "None":
                    continue
                return [None]
            if self._stand_ins(passed):
                continue  # `run_epoch(..., DummyScheduler(), mode="eval")`: the real one is passed elsewhere
            found.extend(self.of(passed) or (None,))
        return found or [None]

    def _instantiations(self, function: cst.FunctionDef) -> List[cst.Call]:
        """For a class's `__init__`, the file's `Cls(...)` calls: each passes its parameters
        after `self`; none where other calls may build it too: a class of the file that
        extends it (`super().__init__(...)`), a classmethod (`cls(...)`)."""
        model = self.index.class_of_method(function)
        if model is None or function.name.value != "__init__" or len(self.index.family(model)) > len(self.index.mro(model)) \
                or any(dotted_name(d.decorator) == "classmethod" for m in model.methods.values() for d in m.decorators):
            return []
        return [call for call in self.index.calls_named(model.name) if self.analysis.callee(call) is model.node]

    def _stand_ins(self, expr: cst.CSTNode) -> bool:
        """Every origin of `expr` is an instance of a stand-in: a class of this file whose
        methods, `__init__` aside, do nothing (`def step(self): pass`)."""
        origins = self.analysis.values.origins(expr)
        return bool(origins) and all(
            origin.kind == v.INSTANCE and origin.model is not None and _does_nothing(origin.model) for origin in origins)


def _does_nothing(model: ClassModel) -> bool:
    """The class has methods besides `__init__`, and each body is only `pass`, `...`, `None`,
    a docstring or a bare `return` (the class's bases are not read: a stand-in defines what it
    stands in for)."""
    methods = [m for name, m in model.methods.items() if name != "__init__"]
    return bool(methods) and all(
        not any(IS_COMPOUND[type(statement)] for statement in block(m))
        and all(_no_op(small) for small in small_statements(block(m))) for m in methods)


def _no_op(small: cst.BaseSmallStatement) -> bool:
    kind = type(small)
    if kind is cst.Pass:
        return True
    value = getattr(small, "value", None)
    if kind is cst.Return:
        return value is None or dotted_name(value) == "None"
    return kind is cst.Expr and (type(value) in (cst.Ellipsis, cst.SimpleString) or dotted_name(value) == "None")


#: torch.nn classes that hold no parameters
_PARAMETERLESS = {"Identity", "Flatten", "Unflatten", "ReLU", "ReLU6", "GELU", "SiLU", "Sigmoid", "Tanh", "Softmax",
                  "LogSoftmax", "Dropout", "Dropout2d", "Dropout3d", "Hardswish", "Hardsigmoid", "Mish", "ELU",
                  "LeakyReLU", "Softplus", "Upsample", "PixelShuffle", "PixelUnshuffle", "ModuleList", "ModuleDict",
                  "Sequential"}


_CONTAINERS = {"Sequential", "ModuleList", "ModuleDict"}


def _parameterless(qualified: str) -> bool:
    """A torch.nn class or function that holds no parameters of its own (a loss, an
    activation, a pooling or padding layer, `torch.nn.functional`), or a plain builtin."""
    if not qualified.startswith("torch.nn."):
        return qualified in ("dict", "list", "tuple", "set", "int", "float", "str", "bool")
    last = qualified.rsplit(".", 1)[-1]
    return (".functional" in qualified or last.endswith("Loss") or last in _PARAMETERLESS
            or "Pool" in last or "Pad" in last)


def _gets_module_methods(value: cst.CSTNode) -> bool:
    """`value` ends in a call of a module's method (`net.to(device).eval()`)."""
    return type(value) is cst.Call and type(value.func) is cst.Attribute and value.func.attr.value in MODULE_METHODS
