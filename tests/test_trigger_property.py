"""Triggers never hide a finding: for generated training code, the findings with the
text and structural triggers on are exactly the findings with every rule run
(`lint_text(..., triggers=False)`), for all the rules together and for each rule with a
structural trigger selected alone.

The generator composes programs from fragments that contain the anti-patterns the rules
look for (hand-written schedulers, schedule functions and lambdas, training loops, inference
and benchmark code, mutable defaults, scheduler subclasses) with random identifier names,
import styles, layouts and placements, plus unrelated noise. Every random decision goes
through a `Chooser`, so the same generator runs under Hypothesis and from a seeded
`random.Random` (a fixed sample that checks the generator really produces findings of many
rules, so the property cannot hold vacuously).

A failure names the hidden findings, what the rule's trigger and structural check said, and
the program reduced statement by statement (Hypothesis' own shrinking costs minutes here:
REVIEWER_TRIGGER_SHRINK=1 turns it on). A program whose findings change from one run to the
next is reported as such, not as a trigger bug. REVIEWER_TRIGGER_EXAMPLES sets the number of
generated programs (a longer run finds rarer shapes).
"""

import ast
import os
import random
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, List, Sequence

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from reviewer import registry
from reviewer.engine import lint_text

ROOT = Path(__file__).resolve().parent.parent
ALL = registry.all_rules()
BY_CODE = {rule.code: rule for rule in ALL}
EXAMPLES = int(os.environ.get("REVIEWER_TRIGGER_EXAMPLES", "500"))
SHRINK = bool(os.environ.get("REVIEWER_TRIGGER_SHRINK"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    report_multiple_bugs=False,
    # Shrinking a failure through hundreds of lints takes minutes: the failure message
    # carries a program reduced statement by statement instead (REVIEWER_TRIGGER_SHRINK=1
    # lets Hypothesis shrink as well).
    phases=[Phase.explicit, Phase.generate] + ([Phase.shrink] if SHRINK else []),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
#: a path the rules treat as ordinary training code (test files are skipped by some rules)
PATH = "train_generated.py"

# -- random decisions ----------------------------------------------------------------------


class Chooser:
    """Every random decision of the generator. Options are listed simplest first (where
    Hypothesis shrinks to, when it shrinks)."""

    def pick(self, options: Sequence):
        raise NotImplementedError

    def coin(self, odds: int = 2) -> bool:
        """True with probability 1/odds (False shrinks first)."""
        return self.pick([False] * (odds - 1) + [True])


class RandomChooser(Chooser):
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def pick(self, options: Sequence):
        return self.random.choice(list(options))


class DrawChooser(Chooser):
    def __init__(self, draw) -> None:
        self.draw = draw

    def pick(self, options: Sequence):
        return self.draw(st.sampled_from(list(options)))


#: names that carry none of the vocabulary the triggers look for
NEUTRAL = ["a1", "n_w", "q", "z9", "v_2", "k0", "b3", "xx", "h7", "p_q", "u5", "d_d"]


class Names:
    """Fresh names for one scope: a meaningful one, or (sometimes) a neutral one."""

    def __init__(self, c: Chooser, used=None) -> None:
        self.c = c
        self.used = used if used is not None else set()

    def fresh(self, *meaningful: str) -> str:
        options = [n for n in meaningful if n not in self.used]
        neutral = [n for n in NEUTRAL if n not in self.used]
        if not options or (neutral and self.c.coin(4)):
            options = neutral or [f"{meaningful[0]}_{len(self.used)}"]
        name = self.c.pick(options)
        self.used.add(name)
        return name


def ind(lines: List[str], levels: int = 1) -> List[str]:
    pad = "    " * levels
    return [pad + line if line.strip() else line for line in lines]


# -- imports and aliases ---------------------------------------------------------------------


class Ctx:
    """What one program imports and how it spells torch, schedulers, clocks, math."""

    def __init__(self, c: Chooser) -> None:
        self.c = c
        self.lines: List[str] = []
        self.froms: Dict[str, List[str]] = {}
        self.styles: Dict[str, object] = {}
        self.globals: set = set()

    def need(self, line: str) -> None:
        if line not in self.lines:
            self.lines.append(line)

    def need_from(self, module: str, name: str) -> None:
        names = self.froms.setdefault(module, [])
        if name not in names:
            names.append(name)

    def style(self, key: str, options: Sequence):
        if key not in self.styles:
            self.styles[key] = self.c.pick(options)
        return self.styles[key]

    def import_lines(self) -> List[str]:
        lines = list(self.lines) + [f"from {m} import {', '.join(ns)}" for m, ns in self.froms.items()]
        if self.c.coin(3):
            lines.reverse()
        return lines

    def local(self) -> Names:
        return Names(self.c)

    def global_name(self, *meaningful: str) -> str:
        return Names(self.c, self.globals).fresh(*meaningful)

    # spellings

    def torch(self) -> str:
        alias = self.style("torch", ["torch", "torch", "th"])
        self.need("import torch" if alias == "torch" else f"import torch as {alias}")
        return alias

    def optimizer(self, name: str) -> str:
        style = self.style("optim", ["torch", "module", "from_torch", "from"])
        if style == "torch":
            return f"{self.torch()}.optim.{name}"
        if style == "module":
            self.need("import torch.optim as optim")
            return f"optim.{name}"
        if style == "from_torch":
            self.need("from torch import optim")
            return f"optim.{name}"
        self.need_from("torch.optim", name)
        return name

    def scheduler(self, name: str) -> str:
        style = self.style("sched", ["torch", "module", "from", "star", "renamed", "optim_module"])
        if style == "torch":
            return f"{self.torch()}.optim.lr_scheduler.{name}"
        if style == "module":
            alias = self.style("sched_alias", ["lr_scheduler", "ls", "S"])
            self.need("from torch.optim import lr_scheduler" + ("" if alias == "lr_scheduler" else f" as {alias}"))
            return f"{alias}.{name}"
        if style == "from":
            self.need_from("torch.optim.lr_scheduler", name)
            return name
        if style == "star":
            self.need("from torch.optim.lr_scheduler import *")
            return name
        if style == "renamed":
            alias = f"K{name}"  # whole: MultiplicativeLR and MultiStepLR share a prefix
            self.need_from("torch.optim.lr_scheduler", f"{name} as {alias}")
            return alias
        self.need("import torch.optim as optim")
        return f"optim.lr_scheduler.{name}"

    def cos_pi(self):
        style = self.style("math", ["math", "from", "numpy", "alias"])
        if style == "math":
            self.need("import math")
            return "math.cos", "math.pi"
        if style == "from":
            self.need_from("math", "cos")
            self.need_from("math", "pi")
            return "cos", "pi"
        if style == "numpy":
            self.need("import numpy as np")
            return "np.cos", "np.pi"
        self.need("import math as mt")
        return "mt.cos", "mt.pi"

    def clock(self) -> str:
        style = self.style("time", ["time", "perf", "from", "from_as", "alias", "several"])
        if style == "time":
            self.need("import time")
            return "time.time"
        if style == "perf":
            self.need("import time")
            return "time.perf_counter"
        if style == "from":
            self.need_from("time", "perf_counter")
            return "perf_counter"
        if style == "from_as":
            self.need("from time import perf_counter as pc")
            return "pc"
        if style == "alias":
            self.need("import time as tm")
            return "tm.perf_counter"
        self.need("import os, time as tm")
        return "tm.time"

    def nn(self) -> str:
        style = self.style("nn", ["from", "import_as", "torch", "alias"])
        if style == "from":
            self.need("from torch import nn")
            return "nn"
        if style == "import_as":
            self.need("import torch.nn as nn")
            return "nn"
        if style == "alias":
            self.need("import torch.nn as tnn")
            return "tnn"
        return f"{self.torch()}.nn"

    def grad_scaler(self) -> str:
        style = self.style("amp", ["cuda_amp", "amp", "from"])
        if style == "cuda_amp":
            return f"{self.torch()}.cuda.amp.GradScaler()"
        if style == "amp":
            return f'{self.torch()}.amp.GradScaler("cuda")'
        self.need_from("torch.cuda.amp", "GradScaler")
        return "GradScaler()"


# -- fragments ---------------------------------------------------------------------------------


def lr_key(c: Chooser) -> str:
    quote = c.pick(['"', "'"])
    return f"[{quote}lr{quote}]"


def scheduler_class(c: Chooser, ctx: Ctx) -> List[str]:
    """A hand-written scheduler: counters, compounding, warm-ups, divisions, cosine shapes."""
    names = ctx.local()
    cls = ctx.global_name("WarmupCosine", "PolyDecay", "CosineRestarts", "Schedule")
    opt = names.fresh("optimizer", "opt")
    lr = names.fresh("base_lr", "lr", "lr0", "learning_rate", "LR")
    total = names.fresh("total", "max_iters", "epochs", "T")
    warm = names.fresh("warmup", "warmup_iters", "w")
    ctr = names.fresh("iters", "n", "last_step", "cur_iter", "iters_batch")
    span = names.fresh("gap", "span")
    steps = names.fresh("steps", "milestones")
    mutable, use_span = c.coin(3), c.coin(3)
    base = c.pick(["", "", "(object)"])
    params = ["self", opt, f"{lr}=0.1", f"{total}=100", f"{warm}=5"] + ([f"{steps}=[]"] if mutable else [])
    init = [f"def __init__({', '.join(params)}):"]
    body = [f"self.{opt} = {opt}", f"self.{lr} = {lr}", f"self.{total} = {total}", f"self.{warm} = {warm}"]
    if mutable:
        body += [f"{steps}.sort()" if c.coin() else f"{steps}.append({total})", f"self.{steps} = {steps}"]
    body.append(f"self.{ctr} = {c.pick(['-1', '0'])}")
    if use_span:
        body.append(f"self.{span} = 0")
    init += ind(body)

    method = c.pick(["step", "__call__", "step_batch", "adjust", "get_lr"])
    counter = c.pick(["reset", "advance", "advance_assign", "none", "wrap", "reset_zero"])
    lines: List[str] = []
    if counter == "reset":
        lines.append(f"self.{ctr} = 1")
    elif counter == "reset_zero":
        lines.append(f"self.{ctr} = 0")
    elif counter == "advance":
        lines.append(f"self.{ctr} += 1")
    elif counter == "advance_assign":
        lines.append(f"self.{ctr} = self.{ctr} + 1")
    elif counter == "wrap":
        lines += [f"self.{ctr} += 1", f"if self.{ctr} >= self.{total}:", f"    self.{ctr} = 0"]
    t = f"self.{ctr}"
    if c.coin():
        t = names.fresh("t", "it", "epoch")
        lines.append(f"{t} = self.{ctr}" if c.coin(3) is False else f"{t} = self.{ctr} + 1")
    if use_span and c.coin(3):
        lines.append(f"self.{span} = self.{total} - self.{warm}")
    kind = c.pick(["cosine", "inverted", "poly", "warmup", "ratio", "span", "gamma", "inverted_scaled", "minus_one"])
    if kind == "span" and not use_span:
        kind = "ratio"
    if kind in ("cosine", "inverted", "inverted_scaled"):
        cos, pi = ctx.cos_pi()
    factor = {
        "cosine": lambda: f"0.5 * (1 + {cos}({pi} * {t} / self.{total}))",
        "inverted": lambda: f"(1 - {cos}({pi} * {t} / self.{total})) / 2",
        "inverted_scaled": lambda: f"(0.5 * (1 - {cos}({pi} * {t} / self.{total}))) * (1 - 0.05) + 0.05",
        "poly": lambda: f"(1 - {t} / self.{total}) ** 0.9",
        "warmup": lambda: f"{t} / self.{warm}",
        "ratio": lambda: f"({t} - self.{warm}) / (self.{total} - self.{warm})",
        "span": lambda: f"{t} / self.{span}",
        "gamma": lambda: f"0.1 ** ({t} // 30)",
        "minus_one": lambda: f"(1 - {t} / (self.{total} - 1))",
    }[kind]()
    if c.coin():
        f = names.fresh("factor", "rate", "scale")
        lines.append(f"{f} = {factor}")
        factor = f
    key = lr_key(c)

    def writes(value: str) -> List[str]:
        style = c.pick(["loop", "index0", "range", "returned_only"])
        if style == "returned_only":  # the caller applies what the schedule returns
            return []
        if style == "loop":
            g = names.fresh("group", "g", "pg")
            return [f"for {g} in self.{opt}.param_groups:", f"    {g}{key} = {value}"]
        if style == "index0":
            return [f"self.{opt}.param_groups[0]{key} = {value}"]
        return [f"for i in range(len(self.{opt}.param_groups)):", f"    self.{opt}.param_groups[i]{key} = {value}"]

    update = c.pick(["compound", "compound_aug", "fresh", "group_compound", "group_fresh", "compound_left"])
    result = f"self.{lr}"
    if update == "compound":
        changes = [f"self.{lr} = self.{lr} * {factor}"] + writes(f"self.{lr}")
    elif update == "compound_left":
        changes = [f"self.{lr} = {factor} * self.{lr}"] + writes(f"self.{lr}")
    elif update == "compound_aug":
        changes = [f"self.{lr} *= {factor}"] + writes(f"self.{lr}")
    elif update == "fresh":
        result = names.fresh("lr_now", "cur", "value")
        changes = [f"{result} = self.{lr} * {factor}"] + writes(result)
    elif update == "group_compound":
        g = names.fresh("group", "g", "pg")
        op = c.pick(["*=", "="])
        value = f"{factor}" if op == "*=" else f"{g}{key} * {factor}"
        changes = [f"for {g} in self.{opt}.param_groups:", f"    {g}{key} {op} {value}"]
    else:
        changes = writes(f"self.{lr} * {factor}")
    if kind == "warmup" and c.coin():
        changes = [f"if {t} < self.{warm}:"] + ind(changes)
    lines += changes
    if c.coin() or not any("param_groups" in line for line in changes):
        lines.append(f"return {result}")
    step = [f"def {method}(self):"] + ind(lines)

    methods = [init, step]
    if c.coin(3):
        methods.append(["def reset(self):", f"    self.{ctr} = -1"])
    if c.coin():
        methods.append(["def state_dict(self):", f"    return {{'{ctr}': self.{ctr}, '{lr}': self.{lr}}}"])
        methods.append(["def load_state_dict(self, state):", f"    self.{ctr} = state['{ctr}']"])
    out = [f"class {cls}{base}:"]
    if c.coin(3):
        out.append('    """A learning-rate schedule."""')
    for n, m in enumerate(methods):
        out += ind(m) if n == 0 else [""] + ind(m)
    if c.coin(3):
        fit = ctx.global_name("fit", "train_schedule", "b3x")
        s = names.fresh("sched", "scheduler", "s")
        call = f"{s}()" if method == "__call__" else f"{s}.{method}()"
        out += ["", "", f"def {fit}(model, loader):",
                f"    o = {ctx.optimizer('SGD')}(model.parameters(), lr=0.1)",
                f"    {s} = {cls}(o)",
                "    for x in loader:",
                "        o.zero_grad()",
                "        model(x).sum().backward()",
                "        o.step()",
                f"        {call}"]
    return out


def schedule_function(c: Chooser, ctx: Ctx) -> List[str]:
    """Schedules written as functions and lambdas."""
    names = ctx.local()
    variant = c.pick(["nanogpt", "lambda", "late_binding", "adjust", "inline_warmup", "lambda_def", "warmup_fn"])
    if variant == "nanogpt":
        fn = ctx.global_name("get_lr", "lr_at", "schedule", "a2")
        it = names.fresh("it", "step", "iteration")
        warm = names.fresh("warmup_iters", "warmup", "w_steps")
        decay = names.fresh("lr_decay_iters", "total", "max_iters")
        peak = names.fresh("learning_rate", "max_lr", "peak")
        low = names.fresh("min_lr", "floor")
        cos, pi = ctx.cos_pi()
        rise = c.pick([f"{peak} * {it} / {warm}", f"{peak} * ({it} + 1) / ({warm} + 1)",
                       f"{peak} * {it} / max(1, {warm})"])
        ratio = c.pick([f"({it} - {warm}) / ({decay} - {warm})", f"({it} - {warm}) / max(1, {decay} - {warm})"])
        coeff = c.pick([f"0.5 * (1.0 + {cos}({pi} * decay_ratio))", f"0.5 * (1.0 - {cos}({pi} * decay_ratio))"])
        out = [f"def {fn}({it}, {warm}, {decay}, {peak}, {low}):",
               f"    if {it} < {warm}:",
               f"        return {rise}",
               f"    if {it} > {decay}:",
               f"        return {low}",
               f"    decay_ratio = {ratio}",
               f"    coeff = {coeff}",
               f"    return {low} + coeff * ({peak} - {low})"]
        if c.coin():
            key = lr_key(c)
            out += ["", "", f"def train_{fn}(optimizer, batches, {warm}, {decay}, {peak}, {low}):",
                    f"    for {it}, batch in enumerate(batches):",
                    "        for group in optimizer.param_groups:",
                    f"            group{key} = {fn}({it}, {warm}, {decay}, {peak}, {low})"]
        return out
    if variant in ("lambda", "lambda_def"):
        fn = ctx.global_name("build", "make_scheduler", "a5")
        opt = names.fresh("optimizer", "opt")
        s = names.fresh("s", "step", "epoch", "x")
        w = names.fresh("warmup_steps", "warmup", "w")
        epochs = names.fresh("epochs", "total")
        lrf = names.fresh("lrf", "final")
        cos, pi = ("", "")
        shape = c.pick(["ratio", "clamped", "shifted", "decay", "linear_minus_one", "cosine_inverted", "cosine"])
        if shape in ("cosine_inverted", "cosine"):
            cos, pi = ctx.cos_pi()
        value = {
            "ratio": f"{s} / {w}",
            "clamped": f"min(1.0, {s} / max(1, {w}))",
            "shifted": f"({s} + 1) / {w}",
            "decay": f"0.95 ** {s}",
            "linear_minus_one": f"(1 - {s} / ({epochs} - 1)) * (1.0 - {lrf}) + {lrf}",
            "cosine_inverted": f"((1 - {cos}({s} * {pi} / {epochs})) / 2) * (1 - {lrf}) + {lrf}",
            "cosine": f"((1 + {cos}({s} * {pi} / {epochs})) / 2) * (1 - {lrf}) + {lrf}",
        }[shape]
        ctor = ctx.scheduler("LambdaLR")
        body: List[str] = []
        if variant == "lambda":
            lam = f"lambda {s}: {value}"
            if c.coin():
                lf = names.fresh("lf", "fn", "lr_lambda")
                body.append(f"{lf} = {lam}")
                lam = lf
        else:
            lam = names.fresh("lr_lambda", "lambda_rule", "f")
            guard = c.coin()
            body += [f"def {lam}({s}):"]
            if guard:
                body += [f"    if {s} < {w}:", f"        return {value}", "    return 1.0"]
            else:
                body += [f"    return {value}"]
        arg = f"lr_lambda={lam}" if c.coin() else lam
        body.append(f"return {ctor}({opt}, {arg})")
        return [f"def {fn}({opt}, {w}, {epochs}, {lrf}):"] + ind(body)
    if variant == "late_binding":
        fn = ctx.global_name("per_group", "warmups", "a6")
        ctor = ctx.scheduler(c.pick(["LambdaLR", "MultiplicativeLR"]))
        loop_var = names.fresh("i", "k", "j")
        bound = c.coin(3)
        lam = f"lambda e, {loop_var}={loop_var}: decays[{loop_var}] ** e" if bound else \
            f"lambda e: decays[{loop_var}] ** e"
        style = c.pick(["comprehension", "append"])
        if style == "comprehension":
            body = [f"fns = [{lam} for {loop_var} in range(len(optimizer.param_groups))]"]
        else:
            body = ["fns = []", f"for {loop_var} in range(len(optimizer.param_groups)):", f"    fns.append({lam})"]
        return [f"def {fn}(optimizer, decays):"] + ind(body + [f"return {ctor}(optimizer, fns)"])
    if variant == "adjust":
        fn = ctx.global_name("adjust_learning_rate", "decay", "a7")
        g = names.fresh("param_group", "group", "g")
        epoch = names.fresh("epoch", "ep", "e")
        key = lr_key(c)
        value = c.pick([f"{g}{key} * (0.1 ** ({epoch} // 30))", f"args.lr * (0.1 ** ({epoch} // 30))",
                        f"{g}{key} * 0.1"])
        body = [f"for {g} in optimizer.param_groups:", f"    {g}{key} = {value}"]
        if value.endswith("* 0.1") and c.coin():
            body = [f"if {epoch} in (30, 60):"] + ind(body)
        return [f"def {fn}(optimizer, {epoch}, args):"] + ind(body)
    if variant == "inline_warmup":
        epoch = names.fresh("epoch", "ep", "e")
        w = names.fresh("warmup_epochs", "warmup", "w")
        pg = names.fresh("pg", "group", "g")
        key = lr_key(c)
        update = c.pick([f"{pg}{key} *= ({epoch} + 1) / {w}", f"{pg}{key} = {pg}{key} * ({epoch} + 1) / {w}",
                         f"{pg}{key} = {pg}.setdefault('initial_lr', {pg}{key}) * ({epoch} + 1) / {w}"])
        body = [f"for {epoch} in range(20):",
                f"    if {epoch} < {w}:",
                f"        for {pg} in optimizer.param_groups:",
                f"            {update}",
                "    for x, y in loader:",
                "        optimizer.zero_grad()",
                "        model(x, y).backward()",
                "        optimizer.step()"]
        if c.coin():
            fn = ctx.global_name("train_warm", "run_epochs", "a8")
            return [f"def {fn}(model, optimizer, loader, {w}):"] + ind(body)
        return [f"{w} = 3"] + body
    fn = ctx.global_name("warmup_factor", "step_warmup", "a9")
    s = names.fresh("step", "it", "n")
    w = names.fresh("warmup_steps", "w_steps", "total")
    body = c.pick([[f"return min(1.0, {s} / {w})"],
                   [f"if {w} == 0:", "    return 1.0", f"return min(1.0, {s} / {w})"],
                   [f"scale = {s} / {w}", "for group in optimizer.param_groups:",
                    f"    group{lr_key(c)} = group['initial_lr'] * min(1.0, scale)"]])
    return [f"def {fn}(optimizer, {s}, {w}):"] + ind(body)


SCHEDULER_KINDS = ["StepLR", "CosineAnnealingLR", "OneCycleLR", "LambdaLR", "ReduceLROnPlateau", "MultiStepLR",
                   "ExponentialLR", "LinearLR", "transformers"]


def scheduler_ctor(c: Chooser, ctx: Ctx, kind: str, opt: str, epochs: str, loader: str) -> str:
    if kind == "transformers":
        ctx.need_from("transformers", "get_linear_schedule_with_warmup")
        return f"get_linear_schedule_with_warmup({opt}, 100, {epochs} * len({loader}))"
    args = {
        "StepLR": c.pick(["step_size=30, gamma=0.1", "30", f"{epochs} // 3"]),
        "CosineAnnealingLR": c.pick([f"T_max={epochs}", f"T_max={epochs} * len({loader})", f"{epochs} - 1"]),
        "OneCycleLR": c.pick([f"max_lr=0.1, total_steps={epochs} * len({loader})",
                              f"0.1, epochs={epochs}, steps_per_epoch=len({loader})"]),
        "LambdaLR": c.pick(["lambda s: 0.95 ** s", "lr_lambda=lambda s: min(1.0, (s + 1) / 500)",
                            "lambda s: s / 500"]),
        "ReduceLROnPlateau": c.pick(['mode="min", patience=3', "", "factor=0.5"]),
        "MultiStepLR": c.pick(["milestones=[30, 60]", "[30, 60], gamma=0.1"]),
        "ExponentialLR": "gamma=0.9",
        "LinearLR": c.pick(["start_factor=0.01, total_iters=500", "total_iters=5"]),
    }[kind]
    if c.coin(5):
        args = f"{args}, verbose=True" if args else "verbose=True"
    return f"{ctx.scheduler(kind)}({opt}{', ' if args else ''}{args})"


def training_loop(c: Chooser, ctx: Ctx) -> List[str]:
    """An optimizer, a scheduler, and the loops that step them."""
    names = ctx.local()
    host = c.pick(["function", "class", "module"])
    model = names.fresh("model", "net")
    loader = names.fresh("loader", "train_loader", "data")
    epochs = names.fresh("epochs", "num_epochs", "n_epochs")
    opt = names.fresh("optimizer", "opt", "optim")
    sched = names.fresh("scheduler", "sched", "lr_scheduler", "warmup")
    scaler = names.fresh("scaler", "amp_scaler")
    second = names.fresh("decay", "second", "plateau")
    i = names.fresh("i", "step", "it", "batch_idx")
    epoch = names.fresh("epoch", "ep", "e")
    k = names.fresh("accum_steps", "k", "grad_accum")
    x, y = names.fresh("x", "images", "inputs"), names.fresh("y", "labels", "target")
    kind = c.pick(SCHEDULER_KINDS + ["none"])
    shape = c.pick(["nested", "nested", "single", "helper", "step_helper"])
    accum = shape not in ("helper", "step_helper") and c.coin(3)
    amp = c.coin(3)
    members = {model, loader, opt, sched, scaler, second}

    def attr(n: str) -> str:
        return f"self.{n}" if host == "class" and n in members else n

    def same(n: str) -> str:
        return n

    torch = ctx.torch()
    R = attr
    setup = [f"{R(opt)} = {ctx.optimizer(c.pick(['SGD', 'AdamW', 'Adam']))}({R(model)}.parameters(), lr=0.1)"]
    built = "before" if host == "class" else c.pick(["before", "before", "epoch", "batch"])
    ctor = scheduler_ctor(c, ctx, kind, R(opt), epochs if host != "class" else "100", R(loader)) \
        if kind != "none" else None
    if ctor and built == "before":
        setup.append(f"{R(sched)} = {ctor}")
    has_second = bool(ctor) and c.coin(5)
    if has_second:
        setup.append(f"{R(second)} = {ctx.scheduler('StepLR')}({R(opt)}, step_size=30)")
    if amp:
        setup.append(f"{R(scaler)} = {ctx.grad_scaler()}")
    zero_place = c.pick(["start", "before_backward", "after_step", "between", "missing", "outside"])
    if zero_place == "outside":
        setup.append(f"{R(opt)}.zero_grad()")
    ckpt = c.pick(["none", "none", "opt", "both", "load", "load_both"])
    if ckpt in ("load", "load_both") and ctor and built == "before":
        setup += [f"ckpt = {torch}.load('last.pt')", f"{R(opt)}.load_state_dict(ckpt['optimizer'])"]
        if ckpt == "load_both":
            setup.append(f"{R(sched)}.load_state_dict(ckpt['scheduler'])")

    zero_kind = c.pick(["opt", "set_to_none", "model"])
    fwd_kind = c.pick(["call", "cross_entropy", "mse"])
    sched_place = c.pick(["after_step", "before_step", "epoch_end", "epoch_top", "every_micro", "none"])
    plateau = kind == "ReduceLROnPlateau"
    arg = c.pick(["", "loss", "val_loss"] if plateau else ["", "", epoch])
    if shape != "nested" and arg == epoch:
        arg = ""
    guard_sched = c.coin(4)
    manual_write = c.coin(5)
    key = lr_key(c)
    enum = accum or c.coin()
    zero_in_loop = shape == "step_helper" and zero_place == "start" and c.coin()

    def sched_step(R) -> List[str]:
        if not ctor or sched_place == "none":
            return []
        lines = [f"{R(sched)}.step({arg})"]
        return [f"if {R(sched)} is not None:"] + ind(lines) if guard_sched else lines

    def zero_line(R) -> str:
        return {"opt": f"{R(opt)}.zero_grad()", "set_to_none": f"{R(opt)}.zero_grad(set_to_none=True)",
                "model": f"{R(model)}.zero_grad()"}[zero_kind]

    def batch_body(R) -> List[str]:
        zero = zero_line(R)
        fwd = {"call": f"loss = {R(model)}({x}, {y})",
               "cross_entropy": f"loss = {torch}.nn.functional.cross_entropy({R(model)}({x}), {y})",
               "mse": f"loss = ({R(model)}({x}) - {y}).pow(2).mean()"}[fwd_kind]
        if accum:
            fwd += f" / {k}"
        body: List[str] = []
        if built == "batch" and ctor:
            body.append(f"{R(sched)} = {ctor}")
        if manual_write:
            body += [f"for g in {R(opt)}.param_groups:", f"    g{key} = lr_at({epoch}, {i})"]
        if zero_place == "start" and not zero_in_loop:
            body.append(zero)
        body.append(fwd)
        if zero_place == "before_backward":
            body.append(zero)
        body.append(f"{R(scaler)}.scale(loss).backward()" if amp else "loss.backward()")
        inner: List[str] = []
        if zero_place == "between":
            inner.append(zero)
        if sched_place == "before_step":
            inner += sched_step(R)
        inner += [f"{R(scaler)}.step({R(opt)})", f"{R(scaler)}.update()"] if amp else [f"{R(opt)}.step()"]
        if zero_place == "after_step":
            inner.append(zero)
        if sched_place == "after_step":
            inner += sched_step(R)
        if accum:
            body += [f"if ({i} + 1) % {k} == 0:"] + ind(inner)
        else:
            body += inner
        if sched_place == "every_micro":
            body += sched_step(R)
        return body

    target_ = f"{i}, ({x}, {y})" if enum else f"{x}, {y}"

    def batch_loop(R) -> List[str]:
        iterable = f"enumerate({R(loader)})" if enum else R(loader)
        if shape != "step_helper":
            return [f"for {target_} in {iterable}:"] + ind(batch_body(R))
        args = [R(model), R(opt), x, y, R(scaler) if amp else "None", R(sched) if ctor else "None"]
        zero_here = [zero_line(R)] if zero_in_loop else []
        return [f"for {target_} in {iterable}:"] + ind(zero_here + [f"{step_fn}({', '.join(args)})"])

    after: List[str] = []
    if sched_place == "epoch_end":
        after += sched_step(R)
    if has_second:
        after.append(f"{R(second)}.step()")
    if ctor and c.coin(3):
        after.append(c.pick([f"print({R(sched)}.get_lr()[0])", f"print({R(sched)}.get_last_lr())",
                             f"lrs.append({R(sched)}.get_lr())"]))
    if ckpt in ("opt", "both"):
        state = f"'model': {R(model)}.state_dict(), 'optimizer': {R(opt)}.state_dict()"
        if ckpt == "both" and ctor:
            state += f", 'scheduler': {R(sched)}.state_dict()"
        after.append(f"{torch}.save({{{state}}}, 'last.pt')")
    top = sched_step(R) if sched_place == "epoch_top" else []
    rebuilt = [f"{R(sched)} = {ctor}"] if built == "epoch" and ctor else []

    pre: List[str] = []
    step_fn = ctx.global_name("train_step", "update", "b6") if shape == "step_helper" else ""
    if shape == "step_helper":
        pre = [f"def {step_fn}({model}, {opt}, {x}, {y}, {scaler}=None, {sched}=None, {i}=0, {epoch}=0):"] + \
            ind(batch_body(same)) + ["", ""]
    if shape == "helper":
        helper = ctx.global_name("train_one_epoch", "run_epoch", "b5")
        pre = [f"def {helper}({model}, {loader}, {opt}, {scaler}=None, {sched}=None):"] + \
            ind(batch_loop(same)) + ["", ""]
        call = f"{helper}({R(model)}, {R(loader)}, {R(opt)}, {R(scaler) if amp else 'None'}"
        call += f", {R(sched)})" if ctor and sched_place in ("after_step", "before_step", "every_micro") else ")"
        loops = [f"for {epoch} in range({epochs}):"] + ind(rebuilt + top + [call] + after)
    elif shape == "nested":
        loops = [f"for {epoch} in range({epochs}):"] + ind(rebuilt + top + batch_loop(R) + after)
    else:
        loops = rebuilt + top + batch_loop(R) + after

    if host == "function":
        fn = ctx.global_name("train", "fit", "main", "c3")
        return pre + [f"def {fn}({model}, {loader}, {epochs}, {k}=4):"] + ind(setup + loops)
    if host == "module":
        code = [f"{k} = 4", f"{epochs} = 10"] + setup + loops
        if c.coin(3):
            code = ["if __name__ == '__main__':"] + ind(code)
        return pre + code
    cls = ctx.global_name("Trainer", "Engine", "Runner", "d4")
    method = c.pick(["train", "fit", "run"])
    return pre + [f"class {cls}:",
                  f"    def __init__(self, {model}, {loader}):",
                  f"        self.{model} = {model}",
                  f"        self.{loader} = {loader}"] + ind(setup, 2) + [
        "",
        f"    def {method}(self, {epochs}, {k}=4):"] + ind(loops, 2)


def inference(c: Chooser, ctx: Ctx) -> List[str]:
    """Warm-up, benchmark and inference forwards, with or without no_grad and clocks."""
    names = ctx.local()
    source = c.pick(["class", "torchvision", "param_eval", "param_annotated", "attribute", "module_level"])
    fn = ctx.global_name("predict", "benchmark", "run", "evaluate", "warmup", "measure_latency", "go", "e5")
    model = names.fresh("model", "net", "detector")
    x = names.fresh("x", "images", "batch")
    out = names.fresh("out", "pred", "y")
    torch = ctx.torch()
    pre: List[str] = []
    setup: List[str] = []
    params = [model, x]
    callee = model
    net_cls = None
    if source in ("class", "attribute", "module_level"):
        nn = ctx.nn()
        net_cls = ctx.global_name("Net", "TinyNet", "Classifier", "f6")
        pre = [f"class {net_cls}({nn}.Module):",
               "    def __init__(self):",
               "        super().__init__()",
               f"        self.fc = {nn}.Linear(8, 2)",
               "",
               "    def forward(self, x):",
               "        return self.fc(x)",
               "", ""]
    if source == "class":
        params = [x]
        setup = [f"{model} = {net_cls}()" + (".eval()" if c.coin(3) else "")]
    elif source == "torchvision":
        params = [x]
        if c.coin():
            ctx.need("import torchvision")
            ctor = "torchvision.models.resnet18"
        else:
            ctx.need_from("torchvision.models", "resnet18")
            ctor = "resnet18"
        setup = [f"{model} = {ctor}(weights=None)" + (".eval()" if c.coin() else "")]
    elif source == "param_eval":
        setup = [c.pick([f"{model}.eval()", f"{model} = {model}.cuda()", f"{model}.to('cuda')"])]
    elif source == "param_annotated":
        nn = ctx.nn()
        params = [f"{model}: {nn}.Module", x]
    elif source == "attribute":
        callee = f"self.{model}"
    call_style = c.pick(["plain", "underscore", "index", "forward", "assigned", "chain", "paren", "spaced"])
    call = {
        "plain": f"{callee}({x})",
        "underscore": f"_ = {callee}({x})",
        "index": f"{callee}({x})[0]",
        "forward": f"{callee}.forward({x})",
        "assigned": f"{out} = {callee}({x})",
        "chain": f"{callee}({x}).mean()",
        "paren": f"({callee})({x})",
        "spaced": f"{callee} ({x})",
    }[call_style]
    placement = c.pick(["plain", "loop", "loop_inline", "semicolon", "if_inline"])
    stmt = {
        "plain": [call],
        "loop": ["for _ in range(3):", f"    {call}"],
        "loop_inline": [f"for _ in range(3): {call}"],
        "semicolon": [f"{x} = {x}; {call}"],
        "if_inline": [f"if {x} is not None: {call}"],
    }[placement]
    grad = c.pick(["none", "none", "with", "decorator", "inference_mode"])
    if grad == "with":
        stmt = [f"with {torch}.no_grad():"] + ind(stmt)
    elif grad == "inference_mode":
        stmt = [f"with {torch}.inference_mode():"] + ind(stmt)
    body = list(setup)
    if c.coin(3):
        clock = ctx.clock()
        t0 = names.fresh("t0", "start", "tic")
        body += [c.pick([f"{x} = {x}.cuda()", f"{x} = {x}.to('cuda', non_blocking=True)",
                         f"{x} = {x}.cuda(non_blocking=True)"]),
                 f"{t0} = {clock}()"] + stmt
        if c.coin(3):
            body.append(f"{torch}.cuda.synchronize()")
        body.append(f"elapsed = {clock}() - {t0}")
        body.append("print(elapsed)")
    else:
        body += stmt
    if call_style == "assigned" and placement in ("plain", "loop"):
        body.append(f"return {out}")
    decorator = [f"@{torch}.no_grad()"] if grad == "decorator" else []
    if source == "module_level":
        return pre + [f"{model} = {net_cls}()"] + [line for line in body if not line.startswith("return ")]
    if source == "attribute":
        runner = ctx.global_name("Runner", "Predictor", "g7")
        return pre + [f"class {runner}:",
                      "    def __init__(self):",
                      f"        self.{model} = {net_cls}()",
                      ""] + ind(decorator + [f"def {fn}(self, {x}):"] + ind(body))
    out_lines = pre + decorator + [f"def {fn}({', '.join(params)}):"] + ind(body)
    if source in ("param_eval", "param_annotated") and c.coin(3):
        out_lines += ["", "", f"{fn}(build_model(), load_inputs())"]
    return out_lines


MUTABLE_DEFAULTS = {
    "list": ["[]", "list()", "[0.1 * i for i in range(3)]", "[5, 10]"],
    "dict": ["{}", "dict()", "defaultdict(list)", "collections.OrderedDict()"],
    "set": ["set()", "{1, 2}"],
    "deque": ["deque()", "dq()", "collections.deque()"],
}
MUTATIONS = {
    "list": ["{p}.sort()", "{p}.append({x})", "{p} += [{x}]", "del {p}[0]", "{p}.extend([{x}])"],
    "dict": ["{p}[{x}] = 1", "{p}.update(a={x})", "{p}.setdefault({x}, 0)"],
    "set": ["{p}.add({x})", "{p}.discard({x})"],
    "deque": ["{p}.append({x})", "{p}.appendleft({x})"],
}


def mutable_default(c: Chooser, ctx: Ctx) -> List[str]:
    """Mutable defaults, mutated in place or only read, in every signature layout."""
    names = ctx.local()
    fn = ctx.global_name("log_metrics", "group_params", "make_schedule", "extend_warmup", "h8")
    p = names.fresh("history", "steps", "milestones", "buf", "items")
    kind = c.pick(list(MUTABLE_DEFAULTS))
    default = c.pick(MUTABLE_DEFAULTS[kind])
    if default.startswith("defaultdict"):
        ctx.need_from("collections", "defaultdict")
    elif default.startswith("collections."):
        ctx.need("import collections")
    elif default == "deque()":
        ctx.need_from("collections", "deque")
    elif default == "dq()":
        ctx.need("from collections import deque as dq")
    method = c.coin(3)
    first = "self, x" if method else "x"
    layout = c.pick(["tight", "spaced", "multiline", "paren", "annotated", "kwonly", "paren_comment",
                     "comment_line", "backslash"])
    if layout == "tight":
        sig = [f"def {fn}({first}, {p}={default}):"]
    elif layout == "spaced":
        sig = [f"def {fn}({first}, {p} = {default}):"]
    elif layout == "multiline":
        sig = [f"def {fn}("] + [f"    {a}," for a in first.split(", ")] + [f"    {p}={default},", "):"]
    elif layout == "paren":
        sig = [f"def {fn}({first}, {p}=({default})):"]
    elif layout == "annotated":
        annotation = c.pick(["list", "object", kind if kind != "deque" else "object"])
        sig = [f"def {fn}({first}, {p}: {annotation} = {default}):"]
    elif layout == "kwonly":
        sig = [f"def {fn}({first}, *, {p}={default}):"]
    elif layout == "paren_comment":
        sig = [f"def {fn}({first}, {p}=(  # shared on purpose?", f"        {default})):"]
    elif layout == "comment_line":
        sig = [f"def {fn}({first}, {p}=(", "        # the default", f"        {default}", ")):"]
    else:
        sig = [f"def {fn}({first}, {p}=\\", f"        {default}):"]
    usage = c.pick(["mutate", "read", "store"] if method else ["mutate", "read"])
    if usage == "mutate":
        body = [c.pick(MUTATIONS[kind]).format(p=p, x="x"), f"return {p}"]
    elif usage == "read":
        body = [c.pick([f"return len({p}) + x", f"return list({p})", f"for v in {p}:", ])]
        if body[0].startswith("for"):
            body.append("    print(v, x)")
    else:
        body = [f"self.{p} = {p}"]
    if not method:
        return sig + ind(body)
    cls = ctx.global_name("MilestoneWarmup", "Config", "i9")
    out = [f"class {cls}:"] + ind(sig + ind(body))
    if usage == "store":
        out += ["", "    def add(self, v):", f"        {c.pick(MUTATIONS[kind]).format(p='self.' + p, x='v')}"]
    return out


def chainable_subclass(c: Chooser, ctx: Ctx) -> List[str]:
    """Subclasses of torch schedulers that override get_lr."""
    base = c.pick(["MultiStepLR", "StepLR", "CosineAnnealingLR", "ExponentialLR", "LambdaLR", "OneCycleLR"])
    cls = ctx.global_name("WarmupMultiStep", "ScaledStep", "WarmCosine", "j0")
    style = c.pick(["comprehension", "super_args", "zip", "times_one", "base_lrs", "warmup_branch"])
    body = {
        "comprehension": ["return [v * 0.5 for v in super().get_lr()]"],
        "super_args": [f"vals = super({cls}, self).get_lr()", "return [v / 2 for v in vals]"],
        "zip": ["f = [min(1.0, (self.last_epoch + 1) / 5)] * len(self.base_lrs)",
                "return [a * b for a, b in zip(super().get_lr(), f)]"],
        "times_one": ["return super().get_lr() * 1"],
        "base_lrs": ["return [b * 0.5 for b in self.base_lrs]"],
        "warmup_branch": ["if self.last_epoch < 5:",
                          "    alpha = self.last_epoch / 5",
                          "    return [v * (0.3 * (1 - alpha) + alpha) for v in super().get_lr()]",
                          "return super().get_lr()"],
    }[style]
    return [f"class {cls}({ctx.scheduler(base)}):", "    def get_lr(self):"] + ind(body, 2)


def noise(c: Chooser, ctx: Ctx) -> List[str]:
    kind = c.pick(["helper", "comment", "string", "constant", "config"])
    if kind == "helper":
        fn = ctx.global_name("helper", "combine", "k1")
        return [f"def {fn}(a1, n_w):", c.pick(["    return a1 + n_w", "    return [a1] * n_w", "    print(a1, n_w)"])]
    if kind == "comment":
        return [c.pick(["# call scheduler.step() after optimizer.step(); lr warm-up first",
                        "# model(x) is timed with time.time() on cuda",
                        "# TODO: state_dict of the schedule; verbose=True is deprecated"])]
    if kind == "string":
        return [c.pick(['NOTE = "scheduler.step(epoch) then get_lr(); model(x) under no_grad"',
                        "USAGE = 'python train.py --lr 0.1 --warmup 5 --cuda'"])]
    if kind == "constant":
        return [c.pick(["LR = 0.1", "WARMUP = 5", "EPOCHS = 10", "q = 3"])]
    return ["class Config:", "    lr = 0.1", "    epochs = 3"]


FRAGMENTS: List[Callable[[Chooser, Ctx], List[str]]] = [
    scheduler_class, training_loop, inference, schedule_function, mutable_default, chainable_subclass,
    training_loop,  # the most rules look at training loops
]


def program(c: Chooser) -> str:
    ctx = Ctx(c)
    blocks: List[List[str]] = []
    for _ in range(c.pick([1, 2, 3, 4])):
        if c.coin(4):
            blocks.append(noise(c, ctx))
        blocks.append(c.pick(FRAGMENTS)(c, ctx))
    lines: List[str] = []
    if c.coin(3):
        lines += ['"""Train a small model."""', ""]
    lines += ctx.import_lines()
    for block in blocks:
        lines += ["", ""] + block
    if c.coin(4):
        candidates = [n for n, line in enumerate(lines) if line.strip() and not line.endswith("\\")]
        where = c.pick(candidates)
        lines[where] += c.pick(["  # noqa: RV203", "  # noqa", "  # reviewer: ignore[counter-reset]"])
    return "\n".join(lines) + "\n"


@st.composite
def programs(draw) -> str:
    return program(DrawChooser(draw))


def sample(count: int, seed: int = 20240601) -> List[str]:
    return [program(RandomChooser(seed + n)) for n in range(count)]


# -- the property ------------------------------------------------------------------------------


def findings(text: str, rules, triggers: bool):
    result = lint_text(PATH, text, rules, triggers=triggers, fixes=False)
    return sorted((f.code, f.line, f.column, f.message) for f in result.findings)


def _why(text: str, code: str) -> str:
    rule = BY_CODE[code]
    said = f"{code} {rule.name}: trigger says {rule.triggered_by(text)}"
    if rule.structure is not None:
        said += f", structure says {rule.structure(ast.parse(text))}"
    return said


def _differences(text: str, rules, off=None):
    """(findings only with triggers off, findings only with triggers on, findings off);
    `off` when the caller has them (a rule's own, from a run of every rule)."""
    off = findings(text, rules, triggers=False) if off is None else off
    on = findings(text, rules, triggers=True)
    return sorted(set(off) - set(on)), sorted(set(on) - set(off)), off


def reduce_program(text: str, fails: Callable[[str], bool]) -> str:
    """A smaller program that still `fails`: statements replaced by `pass`, last first, one
    at a time, wherever the failure survives (a cheap stand-in for Hypothesis' shrinking)."""
    done = set()
    while True:
        lines = text.splitlines()
        spans = sorted(
            {(min([n.lineno] + [d.lineno for d in getattr(n, "decorator_list", ())]), n.end_lineno, n.col_offset)
             for n in ast.walk(ast.parse(text)) if isinstance(n, ast.stmt) and not isinstance(n, ast.Pass)},
            reverse=True,
        )
        for first, last, column in spans:
            key = "\n".join(lines[first - 1:last])
            if key in done or any(";" in line for line in lines[first - 1:last]):
                continue
            done.add(key)
            candidate = "\n".join(lines[:first - 1] + [" " * column + "pass"] + lines[last:]) + "\n"
            try:
                compile(candidate, "<reduced>", "exec")
            except SyntaxError:
                continue
            if fails(candidate):
                text = candidate
                break
        else:
            return _without_pass(text, fails)


def _without_pass(text: str, fails: Callable[[str], bool]) -> str:
    """The reduced program without the `pass` lines it can do without, blank runs collapsed."""
    lines = text.splitlines()
    for n in reversed(range(len(lines))):
        if lines[n].strip() == "pass":
            try:
                compile("\n".join(lines[:n] + lines[n + 1:]), "<reduced>", "exec")
            except SyntaxError:
                continue
            del lines[n]
    tidy: List[str] = []
    for line in lines:
        if line.strip() or (tidy and tidy[-1].strip()):
            tidy.append(line)
    candidate = "\n".join(tidy).strip("\n") + "\n"
    return candidate if fails(candidate) else text


#: rules with a structural trigger: the engine consults it only when every triggered rule
#: has one, so these are also checked selected alone (as `--select` would run them)
STRUCTURAL = [rule for rule in ALL if rule.structure is not None]


def _require_same(text: str, rules, label: str, off=None):
    hidden, extra, given = _differences(text, rules, off)
    if (hidden or extra) and off is not None:  # the selection's own run, before blaming the triggers
        hidden, extra, off = _differences(text, rules)
        assert sorted(given) == sorted(off), f"findings depend on the other rules selected ({label})\n{text}"
    off = given
    if hidden or extra:
        codes = {f[0] for f in hidden + extra}
        # Before blaming the triggers: does the same program give the same findings twice?
        variants = {tuple(off)} | {tuple(findings(text, rules, triggers=False)) for _ in range(5)}
        if len(variants) > 1:
            differing = sorted({f for v in variants for f in v} - set.intersection(*(set(v) for v in variants)))
            raise AssertionError(
                f"findings are not deterministic ({label}): linted 6 times with triggers off, the same program "
                f"gives {len(variants)} different results; these come and go: {differing}\n--- program ---\n{text}"
            )

        def fails(candidate: str) -> bool:
            h, e, _ = _differences(candidate, rules)
            return bool(codes & {f[0] for f in h + e})

        small = reduce_program(text, fails)
        h, e, _ = _differences(small, rules)
        reasons = "\n".join(_why(small, code) for code in sorted(codes))
        raise AssertionError(
            f"triggers hide findings ({label})\nhidden: {h}\nextra: {e}\n{reasons}\n"
            f"--- reduced program ---\n{small}--- generated program ---\n{text}"
        )
    return off


def check(text: str, parses: bool = True):
    """The findings with triggers on equal those with every rule run: for all the rules
    together, and for each rule with a structural trigger selected alone. Returns the
    findings (triggers off)."""
    if parses:
        compile(text, "<gen>", "exec")
    off = _require_same(text, ALL, "all rules selected")
    for rule in STRUCTURAL:
        own = [f for f in off if f[0] == rule.code]  # a rule's findings do not depend on the others selected
        if own:
            _require_same(text, [rule], f"{rule.code} selected alone", own)
    return off


@pytest.mark.long
@PROPERTY
@given(programs())
def test_triggers_never_hide_a_finding_in_generated_programs(text):
    check(text)


def test_the_generator_produces_findings():
    """Non-vacuity: with every rule run, most generated programs have findings, of many rules."""
    texts = sample(120)
    per_program = []
    codes: Counter = Counter()
    for text in texts:
        compile(text, "<gen>", "exec")
        found = {f[0] for f in findings(text, ALL, triggers=False) if BY_CODE[f[0]].visitor_names()}
        per_program.append(found)
        codes.update(found)
    with_findings = sum(1 for found in per_program if found)
    assert with_findings >= 0.6 * len(texts), (with_findings, len(texts), codes)
    assert sum(1 for found in per_program if len(found) >= 2) >= 0.25 * len(texts), codes
    names = {BY_CODE[code].name for code in codes}
    assert len(names) >= 10, sorted(names)


SOURCES = sorted(p for folder in ("fixtures", "examples") for p in (ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_triggers_never_hide_a_finding_in_fixtures(path):
    check(path.read_text(encoding="utf-8"), parses=False)
