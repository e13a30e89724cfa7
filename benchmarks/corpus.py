"""A deterministic synthetic corpus for the benchmark.

Three kinds of file, in realistic sizes (50 to 1500 lines, skewed towards a
few hundred like real projects):

- ``training``: training scripts with models, data sets, optimizers, learning-rate
  schedulers, training loops (gradient accumulation, AMP, manual warm-up),
  evaluation under no_grad, checkpoints and timing; a few carry the
  anti-patterns of the catalogue, so that rules report and fixes are computed.
- ``scheduler``: hand-written scheduler classes and schedule functions.
- ``library``: ordinary library code (containers, parsers, layers, file
  utilities) without any learning-rate, scheduler, optimizer, gradient,
  epoch, timing or mutable-default vocabulary (see ``LIBRARY_FORBIDDEN``).

The output depends only on (files, mix, seed): the same arguments give
byte-identical files on every run, machine and Python version (the generator
draws only from ``random.Random(seed).random()``).

Usage: ``python benchmarks/corpus.py DEST [--files 300] [--synthetic mixed] [--seed 0]``
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import sys
from typing import Callable, Dict, List, Sequence, Tuple

#: shares of (training, scheduler, library) files for each `--synthetic` mix
MIXES: Dict[str, Tuple[float, float, float]] = {
    "training": (0.65, 0.30, 0.05),
    "mixed": (0.40, 0.20, 0.40),
    "library": (0.04, 0.01, 0.95),
}
KINDS = ("training", "scheduler", "library")

#: vocabulary that must never appear in a `library` file (what rule triggers look for)
LIBRARY_FORBIDDEN = re.compile(
    r"(?<![a-z])lr|lr(?![a-z])|learning|sched|optim|grad|warm|epoch|step|param_group|cuda|synchron|"
    r"inference|no_grad|backward|scaler|momentum|decay|time\b|"
    r"def [^\n]*=\s*(\[|\{|set\(|list\(|dict\()",
    re.IGNORECASE,
)

MIN_LINES, MAX_LINES, MEDIAN_LINES = 50, 1420, 240


class Draw:
    """Deterministic choices built only on `random.Random.random()`."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def real(self) -> float:
        return self._random.random()

    def chance(self, p: float) -> bool:
        return self.real() < p

    def integer(self, low: int, high: int) -> int:
        return low + min(int(self.real() * (high - low + 1)), high - low)

    def pick(self, items: Sequence):
        return items[self.integer(0, len(items) - 1)]

    def normal(self) -> float:
        # Box-Muller on our own draws (independent of the library's gauss()).
        u1 = max(self.real(), 1e-12)
        u2 = self.real()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def size(self) -> int:
        lines = int(MEDIAN_LINES * math.exp(0.75 * self.normal()))
        return max(MIN_LINES, min(MAX_LINES, lines))


NOUNS = (
    "record", "token", "feature", "label", "image", "graph", "node", "edge", "path", "entry",
    "sample", "frame", "patch", "vertex", "field", "column", "chunk", "segment", "anchor", "box",
)
VERBS = ("load", "parse", "merge", "split", "encode", "decode", "collect", "render", "pack", "scan")
LAYERS = ("Block", "Encoder", "Decoder", "Head", "Stem", "Neck", "Mixer", "Adapter", "Fusion", "Attention")


class Names:
    """Fresh identifiers inside one file."""

    def __init__(self, draw: Draw) -> None:
        self.draw = draw
        self.used: Dict[str, int] = {}

    def fresh(self, base: str) -> str:
        count = self.used.get(base, 0)
        self.used[base] = count + 1
        return base if count == 0 else f"{base}_{count}"

    def noun(self) -> str:
        return self.draw.pick(NOUNS)

    def func(self) -> str:
        return self.fresh(f"{self.draw.pick(VERBS)}_{self.noun()}s")

    def cls(self, suffix: str = "") -> str:
        noun = self.noun().capitalize()
        return self.fresh(f"{noun}{suffix or self.draw.pick(LAYERS)}")


Block = Callable[[Draw, Names], str]


# --------------------------------------------------------------------------- library blocks


def lib_dataclass(d: Draw, n: Names) -> str:
    name = n.cls("Spec")
    fields = [n.fresh(n.noun() + "_" + d.pick(("name", "count", "size", "kind", "index"))) for _ in range(d.integer(3, 7))]
    types = [d.pick(("int", "str", "float", "bool", "Optional[str]")) for _ in fields]
    body = "\n".join(f"    {f}: {t}" for f, t in zip(fields, types))
    checks = "\n".join(
        f"        if self.{f} is None:\n            raise ValueError(\"{name}.{f} is required\")" for f in fields[:2]
    )
    return f'''
@dataclass(frozen=True)
class {name}:
    """One {fields[0].replace("_", " ")} description, as read from a manifest."""

{body}

    def validate(self) -> None:
{checks}

    def to_dict(self) -> Dict[str, Any]:
        return {{{", ".join(f'"{f}": self.{f}' for f in fields)}}}

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "{name}":
        unknown = set(data) - {{{", ".join(f'"{f}"' for f in fields)}}}
        if unknown:
            raise KeyError(f"unknown keys for {name}: {{sorted(unknown)}}")
        return cls(**data)
'''


def lib_parser(d: Draw, n: Names) -> str:
    name = n.func()
    sep = d.pick(("=", ":", "\\t", ","))
    return f'''
def {name}(text: str, strict: bool = False) -> Dict[str, str]:
    """Parse `key{sep}value` lines; blank lines and comments are skipped."""
    result: Dict[str, str] = {{}}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "{sep}" not in line:
            if strict:
                raise ValueError(f"line {{number}}: expected '{sep}' in {{raw!r}}")
            continue
        key, _, value = line.partition("{sep}")
        key = key.strip().lower()
        if key in result and strict:
            raise ValueError(f"line {{number}}: duplicate key {{key!r}}")
        result[key] = value.strip()
    return result
'''


def lib_graph(d: Draw, n: Names) -> str:
    name = n.cls("Graph")
    return f'''
class {name}:
    """A directed graph with insertion-ordered adjacency lists."""

    def __init__(self) -> None:
        self._edges: Dict[str, List[str]] = {{}}

    def add(self, source: str, target: str) -> None:
        self._edges.setdefault(source, []).append(target)
        self._edges.setdefault(target, [])

    def neighbours(self, node: str) -> List[str]:
        return list(self._edges.get(node, ()))

    def reachable(self, start: str) -> List[str]:
        seen = {{start}}
        order = []
        queue = deque([start])
        while queue:
            node = queue.popleft()
            order.append(node)
            for target in self._edges.get(node, ()):
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        return order

    def topological(self) -> List[str]:
        indegree = {{node: 0 for node in self._edges}}
        for targets in self._edges.values():
            for target in targets:
                indegree[target] += 1
        ready = [node for node, count in indegree.items() if count == 0]
        order = []
        while ready:
            node = ready.pop()
            order.append(node)
            for target in self._edges[node]:
                indegree[target] -= 1
                if indegree[target] == 0:
                    ready.append(target)
        if len(order) != len(indegree):
            raise ValueError("the graph has a cycle")
        return order

    def __len__(self) -> int:
        return len(self._edges)
'''


def lib_cache(d: Draw, n: Names) -> str:
    name = n.cls("Cache")
    size = d.pick((32, 64, 128, 256, 1024))
    return f'''
class {name}:
    """A small least-recently-used mapping."""

    def __init__(self, capacity: int = {size}) -> None:
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self._data: "OrderedDict[Any, Any]" = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self._data:
            self._data.move_to_end(key)
            self.hits += 1
            return self._data[key]
        self.misses += 1
        return default

    def put(self, key: Any, value: Any) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self.capacity:
            self._data.popitem(last=False)

    def __contains__(self, key: Any) -> bool:
        return key in self._data

    def ratio(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0
'''


def lib_walk(d: Draw, n: Names) -> str:
    name = n.func()
    pattern = d.pick(("*.json", "*.txt", "*.csv", "*.yaml", "*.png"))
    return f'''
def {name}(root: str, pattern: str = "{pattern}", follow_links: bool = False) -> Iterator[str]:
    """Every file under `root` whose name matches `pattern`, in sorted order."""
    for directory, subdirs, files in os.walk(root, followlinks=follow_links):
        subdirs[:] = sorted(s for s in subdirs if not s.startswith("."))
        for filename in sorted(files):
            if fnmatch.fnmatch(filename, pattern):
                yield os.path.join(directory, filename)
'''


def lib_table(d: Draw, n: Names) -> str:
    name = n.func()
    return f'''
def {name}(rows: Sequence[Sequence[Any]], header: Optional[Sequence[str]] = None) -> str:
    """Render rows as a fixed-width text table."""
    cells = [[str(value) for value in row] for row in rows]
    if header is not None:
        cells.insert(0, list(header))
    if not cells:
        return ""
    widths = [max(len(row[i]) for row in cells if i < len(row)) for i in range(max(map(len, cells)))]
    lines = []
    for index, row in enumerate(cells):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0 and header is not None:
            lines.append("  ".join("-" * width for width in widths))
    return "\\n".join(lines)
'''


def lib_layer(d: Draw, n: Names) -> str:
    name = n.cls()
    act = d.pick(("F.relu", "F.gelu", "F.silu", "torch.tanh"))
    return f'''
class {name}(nn.Module):
    """Two projections with a residual connection and a norm."""

    def __init__(self, dim: int, hidden: int, dropout: float = 0.1, bias: bool = True) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.proj_in = nn.Linear(dim, hidden, bias=bias)
        self.proj_out = nn.Linear(hidden, dim, bias=bias)
        self.dropout = nn.Dropout(dropout)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        nn.init.xavier_uniform_(self.proj_in.weight)
        nn.init.zeros_(self.proj_out.weight)
        if self.proj_in.bias is not None:
            nn.init.zeros_(self.proj_in.bias)
            nn.init.zeros_(self.proj_out.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.proj_in(self.norm(x))
        y = self.dropout({act}(y))
        return x + self.proj_out(y)

    def extra_repr(self) -> str:
        return f"dim={{self.proj_in.in_features}}, hidden={{self.proj_in.out_features}}"
'''


def lib_shapes(d: Draw, n: Names) -> str:
    name = n.func()
    return f'''
def {name}(shape: Tuple[int, ...], kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> Tuple[int, ...]:
    """Spatial output shape of a convolution over `shape` (channels first)."""
    if kernel < 1 or stride < 1:
        raise ValueError("kernel and stride must be positive")
    spatial = []
    for size in shape[1:]:
        effective = dilation * (kernel - 1) + 1
        out = (size + 2 * padding - effective) // stride + 1
        if out <= 0:
            raise ValueError(f"input {{shape}} is too small for kernel {{kernel}}")
        spatial.append(out)
    return (shape[0], *spatial)
'''


def lib_registry(d: Draw, n: Names) -> str:
    name = n.cls("Registry")
    return f'''
class {name}:
    """Named constructors, registered with a decorator."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._table: Dict[str, Callable[..., Any]] = {{}}

    def register(self, name: Optional[str] = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorator(function: Callable[..., Any]) -> Callable[..., Any]:
            key = name or function.__name__
            if key in self._table:
                raise KeyError(f"{{self.kind}} {{key!r}} is registered twice")
            self._table[key] = function
            return function

        return decorator

    def build(self, name: str, *args: Any, **kwargs: Any) -> Any:
        try:
            factory = self._table[name]
        except KeyError:
            known = ", ".join(sorted(self._table)) or "none"
            raise KeyError(f"unknown {{self.kind}} {{name!r}} (known: {{known}})") from None
        return factory(*args, **kwargs)

    def names(self) -> List[str]:
        return sorted(self._table)
'''


def lib_json(d: Draw, n: Names) -> str:
    name = n.func()
    return f'''
def {name}(path: str, encoding: str = "utf-8") -> List[Dict[str, Any]]:
    """Read a JSON-lines file, skipping blank lines, with the line number in errors."""
    items = []
    with open(path, encoding=encoding) as handle:
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{{path}}:{{number}}: {{error.msg}}") from error
    return items
'''


def lib_iter(d: Draw, n: Names) -> str:
    name = n.func()
    return f'''
def {name}(items: Iterable[Any], size: int, drop_last: bool = False) -> Iterator[List[Any]]:
    """Consecutive chunks of `size` items."""
    if size <= 0:
        raise ValueError("size must be positive")
    chunk: List[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk and not drop_last:
        yield chunk
'''


LIBRARY_BLOCKS: Tuple[Block, ...] = (
    lib_dataclass, lib_parser, lib_graph, lib_cache, lib_walk, lib_table, lib_layer, lib_shapes,
    lib_registry, lib_json, lib_iter,
)

LIBRARY_HEADER = '''"""{title}"""

from __future__ import annotations

import fnmatch
import json
import os
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

__all__ = []
'''


# --------------------------------------------------------------------------- training blocks

SCHEDULER_SETUPS = (
    "scheduler = lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs, eta_min=args.lr * 0.01)",
    "scheduler = lr_scheduler.StepLR(optimizer, step_size=args.step_size, gamma=0.1)",
    "scheduler = lr_scheduler.MultiStepLR(optimizer, milestones=[int(args.epochs * 0.6), int(args.epochs * 0.85)], gamma=0.1)",
    "scheduler = lr_scheduler.OneCycleLR(optimizer, max_lr=args.lr, total_steps=args.epochs * steps_per_epoch)",
    "lf = lambda x: ((1 - math.cos(x * math.pi / args.epochs)) / 2) * (args.lrf - 1) + 1\n    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)",
    "scheduler = lr_scheduler.ReduceLROnPlateau(optimizer, mode='min', factor=0.5, patience=3)",
    "warmup = lr_scheduler.LinearLR(optimizer, start_factor=0.01, total_iters=args.warmup_epochs)\n    cosine = lr_scheduler.CosineAnnealingLR(optimizer, T_max=max(1, args.epochs - args.warmup_epochs))\n    scheduler = lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[args.warmup_epochs])",
    "scheduler = lr_scheduler.ExponentialLR(optimizer, gamma=0.97)",
)

#: occasional anti-patterns from the catalogue (so that a realistic share of files report)
SCHEDULER_SMELLS = (
    "scheduler = lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1, verbose=True)",
    "lf = lambda x: (1 - x / (args.epochs - 1)) * (1.0 - args.lrf) + args.lrf\n    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)",
)


def tr_model(d: Draw, n: Names) -> str:
    name = n.cls("Net")
    width = d.pick((64, 128, 256, 512))
    return f'''
class {name}(nn.Module):
    def __init__(self, num_classes: int = 10, width: int = {width}):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, width // 4, 3, padding=1),
            nn.BatchNorm2d(width // 4),
            nn.ReLU(inplace=True),
            nn.Conv2d(width // 4, width // 2, 3, stride=2, padding=1),
            nn.BatchNorm2d(width // 2),
            nn.ReLU(inplace=True),
            nn.Conv2d(width // 2, width, 3, stride=2, padding=1),
            nn.AdaptiveAvgPool2d(1),
        )
        self.classifier = nn.Linear(width, num_classes)

    def forward(self, x):
        x = self.features(x).flatten(1)
        return self.classifier(x)
'''


def tr_dataset(d: Draw, n: Names) -> str:
    name = n.cls("Dataset")
    return f'''
class {name}(Dataset):
    def __init__(self, root, split="train", transform=None):
        self.root = root
        self.split = split
        self.transform = transform
        self.items = sorted(os.listdir(os.path.join(root, split))) if os.path.isdir(root) else []

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        path = os.path.join(self.root, self.split, self.items[index])
        image = torch.load(path)
        label = int(self.items[index].split("_")[0])
        if self.transform is not None:
            image = self.transform(image)
        return image, label
'''


def tr_optimizer(d: Draw, n: Names) -> str:
    name = n.fresh("build_optimizer")
    opt = d.pick((
        "optim.SGD(groups, lr=args.lr, momentum=args.momentum, nesterov=True)",
        "optim.AdamW(groups, lr=args.lr, betas=(0.9, 0.999))",
        "torch.optim.Adam(groups, lr=args.lr)",
    ))
    return f'''
def {name}(model, args):
    decay, no_decay = [], []
    for param_name, param in model.named_parameters():
        if not param.requires_grad:
            continue
        if param.ndim <= 1 or param_name.endswith(".bias"):
            no_decay.append(param)
        else:
            decay.append(param)
    groups = [
        {{"params": decay, "weight_decay": args.weight_decay}},
        {{"params": no_decay, "weight_decay": 0.0}},
    ]
    return {opt}
'''


def tr_scheduler(d: Draw, n: Names) -> str:
    name = n.fresh("build_scheduler")
    setup = d.pick(SCHEDULER_SMELLS) if d.chance(0.08) else d.pick(SCHEDULER_SETUPS)
    return f'''
def {name}(optimizer, args, steps_per_epoch):
    {setup}
    return scheduler
'''


def tr_train_epoch(d: Draw, n: Names) -> str:
    name = n.fresh("train_one_epoch")
    variant = d.integer(0, 3)
    log = d.pick((
        "current = scheduler.get_last_lr()[0]",
        "current = optimizer.param_groups[0]['lr']",
        "current = scheduler.get_lr()[0]" if d.chance(0.15) else "current = optimizer.param_groups[0]['lr']",
    ))
    if variant == 0:  # plain, scheduler per batch
        body = f'''
        optimizer.zero_grad()
        output = model(images)
        loss = criterion(output, targets)
        loss.backward()
        optimizer.step()
        scheduler.step()
        {log}'''
    elif variant == 1:  # gradient accumulation
        body = f'''
        output = model(images)
        loss = criterion(output, targets) / args.accumulate
        loss.backward()
        if (i + 1) % args.accumulate == 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            scheduler.step()
        {log}'''
    elif variant == 2:  # AMP
        body = f'''
        optimizer.zero_grad(set_to_none=True)
        with torch.autocast(device_type="cuda", dtype=torch.float16, enabled=args.amp):
            output = model(images)
            loss = criterion(output, targets)
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)
        torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
        scale = scaler.get_scale()
        scaler.step(optimizer)
        scaler.update()
        if scale <= scaler.get_scale():
            scheduler.step()
        {log}'''
    else:  # manual warm-up from initial_lr, then the scheduler per epoch
        body = f'''
        ni = i + steps_per_epoch * epoch
        if ni <= warmup_iters:
            xi = [0, warmup_iters]
            for j, group in enumerate(optimizer.param_groups):
                group["lr"] = np.interp(ni, xi, [0.1 if j == 0 else 0.0, group["initial_lr"] * lf(epoch)])
        output = model(images)
        loss = criterion(output, targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        {log}'''
    return f'''
def {name}(model, loader, criterion, optimizer, scheduler, scaler, epoch, args, lf=None):
    model.train()
    steps_per_epoch = len(loader)
    warmup_iters = max(round(args.warmup_epochs * steps_per_epoch), 100)
    meter = AverageMeter("loss")
    start = time.time()
    for i, (images, targets) in enumerate(loader):
        images = images.to(args.device, non_blocking=True)
        targets = targets.to(args.device, non_blocking=True){body}
        meter.update(loss.item(), images.size(0))
        if i % args.print_freq == 0:
            print(f"epoch {{epoch}} [{{i}}/{{steps_per_epoch}}] loss {{meter.avg:.4f}} lr {{current:.6f}} "
                  f"{{(time.time() - start) / (i + 1):.3f}}s/it")
    return meter.avg
'''


def tr_evaluate(d: Draw, n: Names) -> str:
    name = n.fresh("evaluate")
    deco = "@torch.no_grad()\n" if d.chance(0.5) else ""
    if deco:
        head = "    for images, targets in loader:"
        indent = "        "
    else:
        head = "    with torch.no_grad():\n        for images, targets in loader:"
        indent = "            "
    return f'''
{deco}def {name}(model, loader, criterion, device):
    model.eval()
    total, correct, loss_sum = 0, 0, 0.0
{head}
{indent}images, targets = images.to(device), targets.to(device)
{indent}output = model(images)
{indent}loss_sum += criterion(output, targets).item() * images.size(0)
{indent}correct += (output.argmax(1) == targets).sum().item()
{indent}total += images.size(0)
    return loss_sum / max(total, 1), correct / max(total, 1)
'''


def tr_checkpoint(d: Draw, n: Names) -> str:
    save = n.fresh("save_checkpoint")
    load = n.fresh("load_checkpoint")
    sched_line = '        "scheduler": scheduler.state_dict(),\n' if d.chance(0.85) else ""
    return f'''
def {save}(path, model, optimizer, scheduler, epoch, best):
    state = {{
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
{sched_line}        "epoch": epoch,
        "best": best,
    }}
    torch.save(state, path)


def {load}(path, model, optimizer=None, scheduler=None):
    checkpoint = torch.load(path, map_location="cpu")
    model.load_state_dict(checkpoint["model"])
    if optimizer is not None and "optimizer" in checkpoint:
        optimizer.load_state_dict(checkpoint["optimizer"])
    if scheduler is not None and "scheduler" in checkpoint:
        scheduler.load_state_dict(checkpoint["scheduler"])
    return checkpoint.get("epoch", -1) + 1, checkpoint.get("best", 0.0)
'''


def tr_timing(d: Draw, n: Names) -> str:
    name = n.fresh("benchmark_model")
    sync = "            torch.cuda.synchronize()\n" if d.chance(0.8) else ""
    return f'''
def {name}(model, shape=(1, 3, 224, 224), repeats=50, device="cuda"):
    model.eval()
    x = torch.randn(*shape, device=device)
    with torch.no_grad():
        for _ in range(5):
            model(x)
        times = []
        for _ in range(repeats):
{sync}            t0 = time.time()
            model(x)
{sync}            times.append(time.time() - t0)
    return sum(times) / len(times)
'''


def tr_meter(d: Draw, n: Names) -> str:
    name = n.fresh("AverageMeter")
    return f'''
class {name}:
    """Computes and stores the average and current value."""

    def __init__(self, name, fmt=":f"):
        self.name = name
        self.fmt = fmt
        self.reset()

    def reset(self):
        self.val = 0
        self.avg = 0
        self.sum = 0
        self.count = 0

    def update(self, val, n=1):
        self.val = val
        self.sum += val * n
        self.count += n
        self.avg = self.sum / self.count

    def __str__(self):
        fmtstr = "{{name}} {{val" + self.fmt + "}} ({{avg" + self.fmt + "}})"
        return fmtstr.format(**self.__dict__)
'''


def tr_accuracy(d: Draw, n: Names) -> str:
    name = n.fresh("accuracy")
    return f'''
def {name}(output, target, topk=(1,)):
    """Computes the accuracy over the k top predictions for the specified values of k."""
    with torch.no_grad():
        maxk = max(topk)
        batch_size = target.size(0)
        _, pred = output.topk(maxk, 1, True, True)
        pred = pred.t()
        correct = pred.eq(target.view(1, -1).expand_as(pred))
        res = []
        for k in topk:
            correct_k = correct[:k].reshape(-1).float().sum(0, keepdim=True)
            res.append(correct_k.mul_(100.0 / batch_size))
        return res
'''


def tr_main(d: Draw, n: Names) -> str:
    name = n.fresh("main")
    per_epoch = d.chance(0.5)
    step_line = d.pick((
        "scheduler.step()",
        "scheduler.step()",
        "scheduler.step(val_loss)",
        "scheduler.step(epoch)" if d.chance(0.2) else "scheduler.step()",
    ))
    return f'''
def {name}(argv=None):
    parser = argparse.ArgumentParser(description="train a classifier")
    parser.add_argument("--data", default="./data")
    parser.add_argument("--epochs", type=int, default={d.pick((90, 100, 200, 300))})
    parser.add_argument("--batch-size", type=int, default={d.pick((32, 64, 128, 256))})
    parser.add_argument("--lr", type=float, default={d.pick(("0.1", "0.01", "3e-4", "1e-3"))})
    parser.add_argument("--lrf", type=float, default=0.01)
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--weight-decay", type=float, default=5e-4)
    parser.add_argument("--warmup-epochs", type=float, default=3)
    parser.add_argument("--step-size", type=int, default=30)
    parser.add_argument("--accumulate", type=int, default=1)
    parser.add_argument("--clip", type=float, default=10.0)
    parser.add_argument("--print-freq", type=int, default=50)
    parser.add_argument("--resume", default="")
    parser.add_argument("--amp", action="store_true")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args(argv)

    model = Net().to(args.device)
    train_set = Dataset(args.data, "train")
    val_set = Dataset(args.data, "val")
    train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True, num_workers=4)
    val_loader = DataLoader(val_set, batch_size=args.batch_size, num_workers=4)
    criterion = nn.CrossEntropyLoss()
    optimizer = build_optimizer(model, args)
    scheduler = build_scheduler(optimizer, args, len(train_loader))
    scaler = torch.cuda.amp.GradScaler(enabled=args.amp)
    start_epoch, best = 0, 0.0
    if args.resume:
        start_epoch, best = load_checkpoint(args.resume, model, optimizer, scheduler)
    for epoch in range(start_epoch, args.epochs):
        train_one_epoch(model, train_loader, criterion, optimizer, scheduler, scaler, epoch, args)
        val_loss, acc = evaluate(model, val_loader, criterion, args.device)
        {step_line if per_epoch else "pass"}
        if acc > best:
            best = acc
            save_checkpoint("best.pt", model, optimizer, scheduler, epoch, best)
        save_checkpoint("last.pt", model, optimizer, scheduler, epoch, best)
        print(f"epoch {{epoch}}: val loss {{val_loss:.4f}} acc {{acc:.4f}} best {{best:.4f}}")
'''


TRAINING_BLOCKS: Tuple[Block, ...] = (
    tr_model, tr_dataset, tr_optimizer, tr_scheduler, tr_train_epoch, tr_evaluate, tr_checkpoint,
    tr_timing, tr_meter, tr_accuracy,
)

TRAINING_HEADER = '''"""{title}"""

import argparse
import math
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.optim import lr_scheduler
from torch.utils.data import DataLoader, Dataset
'''


# --------------------------------------------------------------------------- scheduler blocks


def sc_lrscheduler_subclass(d: Draw, n: Names) -> str:
    name = n.cls("WarmupCosineLR")
    return f'''
class {name}(LRScheduler):
    """Linear warm-up for `warmup_iters`, then half a cosine down to `min_lr`."""

    def __init__(self, optimizer, warmup_iters, max_iters, warmup_factor=0.001, min_lr=0.0, last_epoch=-1):
        if max_iters <= warmup_iters:
            raise ValueError("max_iters must exceed warmup_iters")
        self.warmup_iters = warmup_iters
        self.max_iters = max_iters
        self.warmup_factor = warmup_factor
        self.min_lr = min_lr
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        it = self.last_epoch
        if it < self.warmup_iters:
            alpha = it / self.warmup_iters
            factor = self.warmup_factor * (1 - alpha) + alpha
            return [base_lr * factor for base_lr in self.base_lrs]
        progress = (it - self.warmup_iters) / (self.max_iters - self.warmup_iters)
        cosine = 0.5 * (1.0 + math.cos(math.pi * min(progress, 1.0)))
        return [self.min_lr + (base_lr - self.min_lr) * cosine for base_lr in self.base_lrs]
'''


def sc_plain_class(d: Draw, n: Names) -> str:
    name = n.cls("Scheduler")
    smell = d.chance(0.1)
    counter = "self.iters = 1" if smell else "self.iters += 1"
    return f'''
class {name}:
    """Per-iteration schedule written directly into the optimizer's param groups."""

    def __init__(self, optimizer, base_lr, total_iters, warmup_iters=500, power=0.9):
        self.optimizer = optimizer
        self.base_lr = base_lr
        self.total_iters = total_iters
        self.warmup_iters = warmup_iters
        self.power = power
        self.iters = 0

    def lr_at(self, it):
        if it < self.warmup_iters:
            return self.base_lr * (it + 1) / self.warmup_iters
        progress = (it - self.warmup_iters) / max(1, self.total_iters - self.warmup_iters)
        return self.base_lr * (1 - min(progress, 1.0)) ** self.power

    def step(self):
        {counter}
        lr = self.lr_at(self.iters)
        for group in self.optimizer.param_groups:
            group["lr"] = lr * group.get("lr_scale", 1.0)
        return lr

    def state_dict(self):
        return {{key: value for key, value in self.__dict__.items() if key != "optimizer"}}

    def load_state_dict(self, state_dict):
        self.__dict__.update(state_dict)
'''


def sc_adjust_function(d: Draw, n: Names) -> str:
    name = n.fresh("adjust_learning_rate")
    return f'''
def {name}(optimizer, epoch, args):
    """Decay the learning rate with half-cycle cosine after warm-up."""
    if epoch < args.warmup_epochs:
        lr = args.lr * epoch / args.warmup_epochs
    else:
        lr = args.min_lr + (args.lr - args.min_lr) * 0.5 * (
            1.0 + math.cos(math.pi * (epoch - args.warmup_epochs) / (args.epochs - args.warmup_epochs))
        )
    for param_group in optimizer.param_groups:
        if "lr_scale" in param_group:
            param_group["lr"] = lr * param_group["lr_scale"]
        else:
            param_group["lr"] = lr
    return lr
'''


def sc_gradual_warmup(d: Draw, n: Names) -> str:
    name = n.cls("GradualWarmupScheduler")
    return f'''
class {name}(LRScheduler):
    """Warm up linearly to `multiplier` x base LR, then hand over to `after_scheduler`."""

    def __init__(self, optimizer, multiplier, total_epoch, after_scheduler=None):
        if multiplier < 1.0:
            raise ValueError("multiplier should be greater than or equal to 1.")
        self.multiplier = multiplier
        self.total_epoch = total_epoch
        self.after_scheduler = after_scheduler
        self.finished = False
        super().__init__(optimizer)

    def get_lr(self):
        if self.last_epoch > self.total_epoch:
            if self.after_scheduler:
                if not self.finished:
                    self.after_scheduler.base_lrs = [base_lr * self.multiplier for base_lr in self.base_lrs]
                    self.finished = True
                return self.after_scheduler.get_last_lr()
            return [base_lr * self.multiplier for base_lr in self.base_lrs]
        return [base_lr * ((self.multiplier - 1.0) * self.last_epoch / self.total_epoch + 1.0) for base_lr in self.base_lrs]

    def step(self, epoch=None, metrics=None):
        if self.finished and self.after_scheduler:
            self.after_scheduler.step()
            self._last_lr = self.after_scheduler.get_last_lr()
        else:
            super().step()
'''


def sc_lambda_factory(d: Draw, n: Names) -> str:
    name = n.fresh("make_lr_lambda")
    return f'''
def {name}(warmup_steps, total_steps, min_ratio=0.0, cycles=0.5):
    def lr_lambda(current_step):
        if current_step < warmup_steps:
            return float(current_step + 1) / float(max(1, warmup_steps))
        progress = float(current_step - warmup_steps) / float(max(1, total_steps - warmup_steps))
        return max(min_ratio, 0.5 * (1.0 + math.cos(math.pi * float(cycles) * 2.0 * progress)))

    return lr_lambda


def {name}_scheduler(optimizer, warmup_steps, total_steps, last_epoch=-1):
    return LambdaLR(optimizer, {name}(warmup_steps, total_steps), last_epoch)
'''


def sc_poly(d: Draw, n: Names) -> str:
    name = n.cls("PolyLR")
    mutable = d.chance(0.1)
    default = "milestones=[]" if mutable else "milestones=()"
    return f'''
class {name}(LRScheduler):
    def __init__(self, optimizer, max_iters, power=0.9, {default}, last_epoch=-1, min_lr=1e-6):
        self.max_iters = max_iters
        self.power = power
        self.milestones = sorted(milestones)
        self.min_lr = min_lr
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        factor = (1 - min(self.last_epoch, self.max_iters) / self.max_iters) ** self.power
        return [max(base_lr * factor, self.min_lr) for base_lr in self.base_lrs]

    def _get_closed_form_lr(self):
        return self.get_lr()
'''


SCHEDULER_BLOCKS: Tuple[Block, ...] = (
    sc_lrscheduler_subclass, sc_plain_class, sc_adjust_function, sc_gradual_warmup, sc_lambda_factory, sc_poly,
)

SCHEDULER_HEADER = '''"""{title}"""

import math
import warnings

import torch
from torch.optim.lr_scheduler import LambdaLR, LRScheduler
'''


# --------------------------------------------------------------------------- assembly


def render(kind: str, index: int, seed: int = 0) -> str:
    """The text of file number `index` of kind `kind` (a pure function of its arguments)."""
    d = Draw(seed * 1_000_003 + index * 7919 + KINDS.index(kind))
    n = Names(d)
    target = d.size()
    if kind == "library":
        header, blocks, first = LIBRARY_HEADER, LIBRARY_BLOCKS, ()
    elif kind == "scheduler":
        header, blocks, first = SCHEDULER_HEADER, SCHEDULER_BLOCKS, ()
    else:
        header, blocks = TRAINING_HEADER, TRAINING_BLOCKS
        optional = (tr_meter, tr_model, tr_dataset, tr_evaluate, tr_checkpoint)
        first = tuple(block for block in optional if d.chance(0.5)) + (tr_optimizer, tr_scheduler, tr_train_epoch)
    title = f"Synthetic {kind} module number {index} (generated by benchmarks/corpus.py)."
    parts = [header.format(title=title)]
    lines = parts[0].count("\n")
    for block in first:
        text = block(d, n)
        parts.append(text)
        lines += text.count("\n")
        if lines >= target and kind != "training":
            break
    while lines < target:
        text = d.pick(blocks)(d, n)
        parts.append(text)
        lines += text.count("\n")
    if kind == "training":
        parts.append(tr_main(d, n))
        parts.append('\n\nif __name__ == "__main__":\n    main()\n')
    return "\n".join(parts)


def plan(files: int, mix: str = "mixed", seed: int = 0) -> List[Tuple[str, str]]:
    """(relative path, kind) of each file; kinds laid out deterministically by share."""
    shares = MIXES[mix]
    counts = [int(round(files * share)) for share in shares]
    counts[KINDS.index("library" if mix == "library" else "training")] += files - sum(counts)
    result = []
    for kind, count in zip(KINDS, counts):
        folder = {"training": "train", "scheduler": "schedulers", "library": "lib"}[kind]
        for i in range(count):
            package = f"pkg{i // 40:02d}"
            result.append((f"{folder}/{package}/{kind}_{i:04d}.py", kind))
    return result


def generate(dest: str, files: int = 300, mix: str = "mixed", seed: int = 0) -> List[str]:
    """Write the corpus under `dest`; returns the relative paths written, sorted."""
    written = []
    for i, (relative, kind) in enumerate(plan(files, mix, seed)):
        path = os.path.join(dest, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(render(kind, i, seed))
        written.append(relative)
    for directory in {os.path.dirname(os.path.join(dest, r)) for r in written}:
        init = os.path.join(directory, "__init__.py")
        if not os.path.exists(init):
            with open(init, "w", encoding="utf-8") as handle:
                handle.write("")
    return sorted(written)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest")
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--synthetic", choices=sorted(MIXES), default="mixed")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    written = generate(args.dest, args.files, args.synthetic, args.seed)
    total = sum(open(os.path.join(args.dest, r), encoding="utf-8").read().count("\n") for r in written)
    print(f"wrote {len(written)} files, {total} lines, to {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
