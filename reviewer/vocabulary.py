"""The PyTorch vocabulary the rules bind objects through: qualified names of constructors,
factories and base classes, as `FileAnalysis.qualified` resolves them through imports.

This is the only place that lists them; rules ask the analysis ("is this a scheduler,
of which kind?") instead of keeping their own lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, Optional, Tuple

LR_SCHEDULER = "torch.optim.lr_scheduler"


@dataclass(frozen=True)
class SchedulerKind:
    """What a scheduler class is, as far as the rules care."""

    name: str
    #: reads the live group["lr"] and multiplies it each step (the chainable form)
    chainable: bool = False
    #: `get_lr()` computes the LR from the step alone: it returns what `get_last_lr()` does
    closed_form: bool = False
    #: keyword arguments that give the schedule's horizon, in the order of positional use
    horizon: Tuple[str, ...] = ()
    #: positional index of the first horizon argument (after the optimizer)
    horizon_position: Optional[int] = None
    #: `step(epoch)` is part of the documented API (not deprecated)
    epoch_step_ok: bool = False
    #: `step(metric)` is the API
    plateau: bool = False
    #: composes other schedulers
    composite: bool = False
    #: a library scheduler with its own stepping API (timm, for example)
    foreign: bool = False
    #: part of torch itself (its deprecations and warnings apply)
    torch: bool = False
    #: positional index of the optimizer argument
    optimizer_position: int = 0
    #: raises past its horizon ("Tried to step N times")
    fixed_horizon: bool = False
    #: the keyword (and positional index) of a warm-up length counted in optimizer steps
    warmup: Optional[str] = None
    warmup_position: Optional[int] = None
    #: where `verbose` came positionally (torch 2.2-2.6): after every parameter that
    #: remains, so that releases without it reject the argument (a TypeError)
    verbose_position: Optional[int] = None
    #: the keyword (and positional index) of a length `step()` divides by: 0 raises
    #: ZeroDivisionError on the first step (CosineAnnealingLR's `T_max`)
    divisor: Optional[str] = None
    divisor_position: Optional[int] = None


_TORCH_SCHEDULERS = [
    SchedulerKind("LambdaLR", verbose_position=3, closed_form=True),
    SchedulerKind("MultiplicativeLR", chainable=True, verbose_position=3),
    SchedulerKind("StepLR", chainable=True, horizon=("step_size",), horizon_position=1, verbose_position=4),
    SchedulerKind("MultiStepLR", chainable=True, horizon=("milestones",), horizon_position=1, verbose_position=4),
    SchedulerKind("ConstantLR", chainable=True, horizon=("total_iters",), horizon_position=2, verbose_position=4),
    SchedulerKind("LinearLR", chainable=True, horizon=("total_iters",), horizon_position=3, verbose_position=5),
    SchedulerKind("ExponentialLR", chainable=True, verbose_position=3),
    SchedulerKind("PolynomialLR", chainable=True, horizon=("total_iters",), horizon_position=1, verbose_position=4),
    SchedulerKind("CosineAnnealingLR", chainable=True, horizon=("T_max",), horizon_position=1, verbose_position=4,
                  divisor="T_max", divisor_position=1),
    SchedulerKind("CosineAnnealingWarmRestarts", horizon=("T_0",), horizon_position=1, epoch_step_ok=True, verbose_position=5, closed_form=True),
    SchedulerKind("CyclicLR", horizon=("step_size_up",), horizon_position=3, verbose_position=13, closed_form=True),
    SchedulerKind("OneCycleLR", horizon=("total_steps",), horizon_position=2, fixed_horizon=True, verbose_position=14, closed_form=True),
    SchedulerKind("ReduceLROnPlateau", plateau=True, epoch_step_ok=True, verbose_position=9),
    SchedulerKind("SequentialLR", composite=True, verbose_position=4),
    SchedulerKind("ChainedScheduler", composite=True),
]

#: qualified constructor or factory name -> kind
SCHEDULERS: Dict[str, SchedulerKind] = {
    f"{LR_SCHEDULER}.{k.name}": SchedulerKind(**{**k.__dict__, "torch": True}) for k in _TORCH_SCHEDULERS
}
SCHEDULERS["torch.optim.swa_utils.SWALR"] = SchedulerKind("SWALR", torch=True)
#: the schedulers that divide by one of their arguments on every step
DIVIDING_SCHEDULERS: FrozenSet[str] = frozenset(k.name for k in SCHEDULERS.values() if k.divisor)
_TRANSFORMERS_FACTORIES = {
    "get_linear_schedule_with_warmup": "num_training_steps",
    "get_cosine_schedule_with_warmup": "num_training_steps",
    "get_cosine_with_hard_restarts_schedule_with_warmup": "num_training_steps",
    "get_polynomial_decay_schedule_with_warmup": "num_training_steps",
    "get_constant_schedule_with_warmup": None,
    "get_constant_schedule": None,
    "get_inverse_sqrt_schedule": None,
    "get_scheduler": "num_training_steps",
}
for _factory, _total in _TRANSFORMERS_FACTORIES.items():
    for _module in ("transformers", "transformers.optimization", "diffusers.optimization"):
        _shift = 1 if _factory == "get_scheduler" else 0  # get_scheduler(name, optimizer, ...)
        _warm = _factory not in ("get_constant_schedule", "get_inverse_sqrt_schedule")
        SCHEDULERS[f"{_module}.{_factory}"] = SchedulerKind(
            _factory,
            horizon=(_total,) if _total else (),
            horizon_position=2 + _shift if _total else None,
            optimizer_position=_shift,
            warmup="num_warmup_steps" if _warm else None,
            warmup_position=1 + _shift if _warm else None,
            closed_form=not _shift,  # a LambdaLR; `get_scheduler` may build another kind
        )
for _name in ("create_scheduler", "create_scheduler_v2"):
    SCHEDULERS[f"timm.scheduler.{_name}"] = SchedulerKind(_name, foreign=True, epoch_step_ok=True)
for _name in ("CosineLRScheduler", "StepLRScheduler", "MultiStepLRScheduler", "PlateauLRScheduler",
              "PolyLRScheduler", "TanhLRScheduler"):
    # a length and a warm-up counted in one unit (epochs, or updates with `t_in_epochs=False`)
    _lengths = dict(horizon=("t_initial",), horizon_position=1, warmup="warmup_t") \
        if _name in ("CosineLRScheduler", "PolyLRScheduler", "TanhLRScheduler") else {}
    for _module in ("timm.scheduler", f"timm.scheduler.{_name[:-len('LRScheduler')].lower()}_lr"):
        SCHEDULERS[f"{_module}.{_name}"] = SchedulerKind(_name, foreign=True, epoch_step_ok=True, **_lengths)

#: base classes a hand-written scheduler may extend
SCHEDULER_BASES: FrozenSet[str] = frozenset({f"{LR_SCHEDULER}.LRScheduler", f"{LR_SCHEDULER}._LRScheduler"})

_TORCH_OPTIMIZERS = (
    "SGD", "Adam", "AdamW", "Adamax", "Adagrad", "Adadelta", "RMSprop", "Rprop", "ASGD",
    "LBFGS", "NAdam", "RAdam", "SparseAdam", "Adafactor", "Muon",
)
OPTIMIZERS: FrozenSet[str] = frozenset(
    {f"torch.optim.{name}" for name in _TORCH_OPTIMIZERS}
    | {
        "transformers.AdamW", "transformers.optimization.AdamW", "transformers.Adafactor",
        "transformers.optimization.Adafactor",
        "timm.optim.create_optimizer", "timm.optim.create_optimizer_v2",
        "apex.optimizers.FusedAdam", "apex.optimizers.FusedLAMB", "apex.optimizers.FusedSGD",
        "bitsandbytes.optim.AdamW8bit", "bitsandbytes.optim.Adam8bit", "bitsandbytes.optim.AdamW",
    }
)
#: base classes of hand-written optimizers
OPTIMIZER_BASES: FrozenSet[str] = frozenset({"torch.optim.Optimizer", "torch.optim.optimizer.Optimizer"})

GRAD_SCALERS: FrozenSet[str] = frozenset({
    "torch.cuda.amp.GradScaler", "torch.amp.GradScaler", "torch.cuda.amp.grad_scaler.GradScaler",
    "torch.amp.grad_scaler.GradScaler",
})

DATA_LOADERS: FrozenSet[str] = frozenset({
    "torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader",
    "torch_geometric.loader.DataLoader", "monai.data.DataLoader",
})
DISTRIBUTED_SAMPLERS: FrozenSet[str] = frozenset({
    "torch.utils.data.DistributedSampler", "torch.utils.data.distributed.DistributedSampler",
})

#: map-style datasets (indexable, a sampler decides their order) and their bases
MAP_DATASETS: FrozenSet[str] = frozenset({
    "torch.utils.data.TensorDataset", "torch.utils.data.Subset", "torch.utils.data.ConcatDataset",
    "torch.utils.data.random_split", "torch.utils.data.dataset.TensorDataset", "torch.utils.data.dataset.Subset",
    "torchvision.datasets.ImageFolder", "torchvision.datasets.DatasetFolder",
})
MAP_DATASET_BASES: FrozenSet[str] = frozenset({"torch.utils.data.Dataset", "torch.utils.data.dataset.Dataset"})
#: tensors drawn at random, and datasets of random samples
RANDOM_TENSORS: FrozenSet[str] = frozenset({
    "torch.randn", "torch.rand", "torch.randint", "torch.randn_like", "torch.rand_like", "torch.normal",
})
RANDOM_DATASETS: FrozenSet[str] = frozenset({"torchvision.datasets.FakeData"})
#: a dataset that is iterated, not indexed (shuffle=True raises for it)
ITERABLE_DATASET_BASES: FrozenSet[str] = frozenset({
    "torch.utils.data.IterableDataset", "torch.utils.data.dataset.IterableDataset",
})
#: the name of a dataset class no file shows is the only evidence of its style: a map-style
#: dataset's class is usually named `...Dataset`, an iterable one's says so or how it streams
DATASET_CLASS_NAME = re.compile(r"\wData[Ss]et$")
ITERABLE_DATASET_WORDS = re.compile(r"Iterable|Stream|Shard|Web|Chain|Pipe")

#: base classes of models
MODULE_BASES: FrozenSet[str] = frozenset({
    "torch.nn.Module", "torch.nn.modules.module.Module", "lightning.LightningModule",
    "lightning.pytorch.LightningModule", "pytorch_lightning.LightningModule", "transformers.PreTrainedModel",
})

#: torch.nn layers built from numbers alone, never from another module (their arguments are
#: sizes and options), and which behave the same in training and evaluation mode
MODE_FREE_LEAF_LAYERS = re.compile(
    r"^torch\.nn\.(?:Conv[123]d|ConvTranspose[123]d|Linear|Bilinear|Embedding|EmbeddingBag|LayerNorm|GroupNorm"
    r"|RMSNorm|LocalResponseNorm|Identity|Flatten|Unflatten|Fold|Unfold|PixelShuffle|PixelUnshuffle|Upsample"
    r"|(?:Adaptive)?(?:Max|Avg)Pool[123]d|(?:Reflection|Replication|Zero|Constant)Pad[123]d"
    r"|ReLU6?|GELU|SiLU|Sigmoid|Tanh|Softmax|LogSoftmax|Hardswish|Hardsigmoid|Mish|ELU|LeakyReLU|Softplus)$"
)

#: constructor keywords that build layers with a training mode (dropout, batch norm): a
#: call given one that is not off builds a module whose mode matters
MODE_KEYWORD = re.compile(r"(?i)^(?:drop(?:out)?(?:_?(?:rate|prob|p))?|p_?drop(?:out)?|(?:use_)?(?:batch_?norm|bn))$")

#: context managers and decorators that turn gradient recording off
NO_GRAD: FrozenSet[str] = frozenset({"torch.no_grad", "torch.inference_mode", "torch.autograd.no_grad",
                                     "torch.autograd.grad_mode.no_grad", "torch.autograd.grad_mode.inference_mode"})

#: wall clocks
CLOCKS: FrozenSet[str] = frozenset({"time.time", "time.perf_counter", "time.monotonic", "time.time_ns",
                                    "time.perf_counter_ns", "timeit.default_timer"})

#: wrappers that return what they are given, in the same order (`accelerator.prepare(model, opt, sched)`)
PASS_THROUGH_METHODS: FrozenSet[str] = frozenset({"prepare"})

#: builtins whose value is zero exactly when their single argument is
SAME_ZERO_CALLS: FrozenSet[str] = frozenset({"float", "int", "abs", "round", "math.floor", "math.ceil",
                                             "math.trunc", "numpy.float32", "numpy.float64"})


def scheduler_kind(qualified: Optional[str]) -> Optional[SchedulerKind]:
    return SCHEDULERS.get(qualified or "")

#: names of functions that compute a schedule (evidence only, where the file shows nothing)
SCHEDULE_FUNCTION_NAME = re.compile(
    r"(?:^|_)(?:lr|lrs|learning_rate)(?:_|$)|schedul|warm_?up|anneal|one_?cycle|(?:^|_)lambda(?:_|$)|get_lr",
    re.IGNORECASE,
)
#: methods of `nn.Module` that, on something also called like a function, mark a model
MODULE_METHODS = frozenset({
    "eval", "train", "parameters", "named_parameters", "state_dict", "load_state_dict", "modules", "children",
    "cuda", "half", "float", "to", "apply", "register_forward_hook", "requires_grad_",
})
#: what a function that trains mentions (`step` unless an environment's may be stepped):
#: its forwards are left alone
GRADIENT_METHODS = frozenset({"backward", "step", "zero_grad", "requires_grad_", "retain_grad"})
GRADIENT_NAMES = frozenset({"autograd", "requires_grad", "enable_grad", "grad", "vjp", "jvp", "jacobian", "hessian",
                            "set_grad_enabled", "functorch", "func"})
#: packages whose objects are reinforcement-learning environments: their `step()` advances
#: an episode, not an optimizer
ENVIRONMENT_PACKAGES = ("gym", "gymnasium", "envpool")

#: methods of Python's containers that keep what they are given (`loaders.append(loader)`): stored, not used
CONTAINER_STORES = frozenset({"append", "appendleft", "extend", "insert", "add", "setdefault", "put"})

#: methods of a module that neither a tensor (a forward's result) nor an optimizer has
MODULE_ONLY_METHODS = frozenset({
    "eval", "train", "parameters", "named_parameters", "modules", "named_modules", "children", "buffers",
    "register_forward_hook",
})

#: words in a function name that say it runs inference only (evidence: see the rule)
INFERENCE_WORDS = {
    "infer", "inference", "predict", "prediction", "predictions", "detect", "detection", "benchmark",
    "benchmarks", "bench", "profile", "profiling", "warmup", "latency", "throughput", "speed",
    "evaluate", "evaluation", "eval", "validate", "validation", "val", "demo",
}


def inference_name(name: str) -> bool:
    """A function name that says it runs inference only: a word of INFERENCE_WORDS between
    its underscores, or a warm-up (evidence only, as inference-without-no-grad says)."""
    lowered = name.lower()
    if "warm_up" in lowered or "warmup" in lowered:
        return True
    return any(word in INFERENCE_WORDS for word in lowered.strip("_").split("_"))


#: names that say a test is about gradient accumulation (evidence only)
ACCUMULATION_WORDS = re.compile(r"accum|update_freq", re.IGNORECASE)
#: frameworks' accumulation boundaries (accelerate, DeepSpeed)
ACCUMULATION_API = frozenset({"sync_gradients", "is_gradient_accumulation_boundary", "gradient_state"})
