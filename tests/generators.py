"""Hypothesis strategies that compose training code with known anti-patterns planted in it.

A program is built from fragments (a hand-written scheduler class, schedule functions,
LambdaLR lambdas, a training loop with evaluation and checkpoints); each fragment draws
every bug it can hold as present or absent, its identifiers from a pool that is mostly
neutral (so that no rule can rely on names), its structure (function or method, inline or
through a helper) and its import spellings. Comments are sprinkled between statements and
at line ends. `Program.plants` records each planted bug: the rule that should report it, the
form it was written in, and its line.

Every random decision goes through a `Chooser` of tests/test_trigger_property.py, so the
generator runs under Hypothesis (`programs()`) as well as from a seeded `RandomChooser`
(`program(RandomChooser(seed))`, for measuring which forms each rule catches).
"""

import re
from dataclasses import dataclass
from typing import Callable, List, Set, Tuple

from hypothesis import strategies as st

from test_trigger_property import Chooser, Ctx, DrawChooser, ind


@dataclass(frozen=True)
class Plant:
    rule: str
    form: str
    line: int


@dataclass(frozen=True)
class Program:
    text: str
    plants: Tuple[Plant, ...]
    clean: bool


#: a line ending with `#@N` carries the N-th planted bug; the marker is removed at assembly
MARK = re.compile(r"\s*#@([\d,]+)$")
NEUTRAL = [f"{a}{b}" for a in "abdghkmpqruvwz" for b in ("1", "2", "3", "_x", "_y", "0")]
#: names the imports below bind; never drawn for a variable
RESERVED = {"torch", "th", "optim", "nn", "tnn", "math", "mt", "np", "cos", "pi", "lr_scheduler", "ls", "S",
            "lrs", "sch", "DataLoader", "DistributedSampler", "GradScaler", "TensorDataset", "clip_grad_norm_", "F"}
COMMENTS = ["# keep this in sync with the config", "# see the paper, section 3", "# TODO: tune",
            "# NOTE: runs once per step", "# (was 0.1 before)", "# why: reproducible runs"]


class Gen:
    """One program under construction: the chooser, the imports, the names and the plants."""

    def __init__(self, c: Chooser, clean: bool) -> None:
        self.c = c
        self.ctx = Ctx(c)
        self.clean = clean
        self.used: Set[str] = set(RESERVED)
        self.plants: List[Tuple[str, str]] = []

    def name(self, *meaningful: str) -> str:
        """A fresh identifier: meaningful or (as often) neutral."""
        pool = [n for n in meaningful if n not in self.used]
        if not pool or self.c.coin():
            pool = [n for n in NEUTRAL if n not in self.used]
        picked = self.c.pick(pool) if pool else f"{meaningful[0]}_{len(self.used)}"
        self.used.add(picked)
        return picked

    @staticmethod
    def neutral(name: str) -> bool:
        return name in NEUTRAL

    def bug(self, odds: int = 3) -> bool:
        """Whether to plant a bug here (1 in `odds`; never in a clean program). Listed first, so
        that Hypothesis' simplest draws plant bugs rather than none."""
        return not self.clean and self.c.pick([True] + [False] * (odds - 1))

    def plant(self, line: str, rule: str, form: str) -> str:
        """`line`, marked as carrying (also) a bug of `rule`."""
        self.plants.append((rule, form))
        return f"{line}{',' if MARK.search(line) else '  #@'}{len(self.plants) - 1}"

    # spellings the shared Ctx does not have

    def scheduler(self, name: str) -> str:
        if self.c.coin(4):
            self.ctx.need("import torch.optim.lr_scheduler as sch")
            return f"sch.{name}"
        return self.ctx.scheduler(name)

    def imported(self, module: str, name: str) -> str:
        """`name` from a torch module: imported from it, or spelled through `torch` (one style
        per module and program)."""
        if self.ctx.style(module, ["from", "torch"]) == "from":
            self.ctx.need_from(module, name)
            return name
        return f"{self.ctx.torch()}{module[len('torch'):]}.{name}"

    def cross_entropy(self) -> str:
        if self.ctx.style("functional", ["F", "torch"]) == "F":
            self.ctx.need("import torch.nn.functional as F")
            return "F.cross_entropy"
        return f"{self.ctx.torch()}.nn.functional.cross_entropy"


def cosine_factor(g: Gen, progress: str) -> Tuple[str, bool]:
    """0.5 * (1 + cos(pi * progress)), falling from 1 to 0; or (a bug) the inverted, rising one."""
    cos, pi = g.ctx.cos_pi()
    inverted = g.bug()
    return f"0.5 * (1 {'-' if inverted else '+'} {cos}({pi} * {progress}))", inverted


def scheduler_class(g: Gen) -> List[str]:
    """A hand-written warm-up + cosine scheduler, with each of its classic bugs or without."""
    c = g.c
    cls = g.name("WarmupCosine", "CosineSchedule", "LinearWarmup")
    opt, base, total, warm = g.name("optimizer", "opt"), g.name("base_lr", "lr"), g.name("total", "max_iters"), \
        g.name("warmup", "warmup_iters")
    t, ms, grp = g.name("iters", "last_step", "t"), g.name("milestones", "steps"), g.name("group", "pg")
    key = c.pick(['"lr"', "'lr'"])
    mutable = g.bug(4)
    sig = f"def __init__(self, {opt}, {base}=0.1, {total}=100, {warm}=5, {ms}={'[]' if mutable else 'None'}):"
    init = [f"self.{opt} = {opt}", f"self.{base} = {base}", f"self.{total} = {total}",
            f"self.{warm} = {warm}"]
    if mutable:
        sig = g.plant(sig, "mutable-default-argument", "sorted_in_place")
        init += [f"{ms}.sort()", f"self.{ms} = {ms}"]
    else:
        init.append(f"self.{ms} = sorted({ms} or [])")
    init.append(f"self.{t} = 0")

    # Each step advances the counter and sets the LR from the warm-up or the cosine decay.
    advance = c.pick([f"self.{t} += 1", f"self.{t} = self.{t} + 1"])
    reset = g.bug(4)
    # rules may read an LR from its name where the flow does not show it: the form says which
    shape = c.pick(["helper", "inline"]) + ("-neutral" if g.neutral(base) else "")
    warm_kind = "clean" if not g.bug() else c.pick(["compounds", "never_peak"])
    compound_decay = g.bug()
    test = f"if self.{t} <= self.{warm}:"
    if warm_kind == "never_peak":
        # read before the counter advances: the first factor is 0
        test = f"if self.{t} < self.{warm}:"
        ramp = [g.plant(f"return self.{base} * self.{t} / self.{warm}", "warmup-never-reaches-peak",
                        f"read_before_advance/{shape}" + ("+reset" if reset else "")
                        + ("+compounding" if compound_decay else ""))]
    elif warm_kind == "compounds":
        ramp = [g.plant(f"self.{base} = self.{base} * self.{t} / max(1, self.{warm})", "cumulative-warmup",
                        f"stored/{shape}"), f"return self.{base}"]
    else:
        ramp = [f"return self.{base} * self.{t} / max(1, self.{warm})"]
    span = f"self.{total} - self.{warm}"
    if g.bug():
        # the counter reaches the horizon but does not pass it: after `t <= warm` the span is
        # at least 1, after `t < warm` it can be 0 (at the last step, with total == warm)
        test = f"if self.{t} < self.{warm}:"
        progress = g.plant(f"progress = (self.{t} - self.{warm}) / ({span})", "schedule-division-by-zero",
                           f"total_minus_warmup/{shape}")
    else:
        progress = f"progress = (self.{t} - self.{warm}) / max(1, {span})"
    factor, inverted = cosine_factor(g, "progress")
    if compound_decay:
        decay = [g.plant(f"self.{base} = self.{base} * {factor}", "cumulative-lr-decay", f"stored/{shape}"),
                 f"return self.{base}"]
    else:
        decay = [f"return self.{base} * {factor}"]
    if inverted:
        decay[0] = g.plant(decay[0], "inverted-cosine-annealing", f"class/{shape}")
    value = [test] + ind(ramp) + [progress] + decay
    method = c.pick(["step", "step", "__call__", "adjust"])
    apply = [f"for {grp} in self.{opt}.param_groups:", f"    {grp}[{key}] = lr"]
    order = "after_read" if warm_kind == "never_peak" else "before_read"
    if reset:
        advance = g.plant(f"self.{t} = 1", "counter-reset", f"constant/{order}")
    before, after = ([], [advance]) if order == "after_read" else ([advance], [])
    if shape.startswith("helper"):
        helper = c.pick(["_value", "_compute", "lr_now"])
        body = [f"def {method}(self):"] + ind(before + [f"lr = self.{helper}()"] + after + apply) + [
            "", f"def {helper}(self):"] + ind(value)
    else:
        # each branch assigns `lr`; the warm-up's early exit becomes an else
        inline = [line.replace("return ", "lr = ", 1) for line in value]
        body = [f"def {method}(self):"] + ind(before + _as_if_else(inline) + after + apply)
    state = ["def state_dict(self):", f"    return {{'{t}': self.{t}, 'base': self.{base}}}", "",
             "def load_state_dict(self, state):", f"    self.{t} = state['{t}']", f"    self.{base} = state['base']"]
    head = f"class {cls}:"
    if g.bug(4):
        head = g.plant(head, "custom-scheduler-without-state-dict", "no_state_dict")
        state = []
    return [head] + ind([sig] + ind(init) + [""] + body + ([""] + state if state else []))


def _as_if_else(lines: List[str]) -> List[str]:
    """`if w: <ramp>` followed by the decay, turned into `if w: <ramp> else: <decay>`."""
    ramp_end = next(n for n, line in enumerate(lines[1:], 1) if not line.startswith("    "))
    return lines[:ramp_end] + ["else:"] + ind(lines[ramp_end:])


def schedule_function(g: Gen) -> List[str]:
    """nanoGPT-style `get_lr(it)`: warm-up, cosine decay to a floor, maybe applied by a loop."""
    c = g.c
    # applied: a loop writes its value into the param groups, so the flow shows it is an LR
    applied = c.pick(["applied", "unused"])
    fn = g.name("get_lr", "lr_at", "schedule")
    it, warm, total, peak, low = (g.name("it", "step"), g.name("warmup_iters", "warmup"),
                                  g.name("lr_decay_iters", "total"), g.name("learning_rate", "peak"),
                                  g.name("min_lr", "floor"))
    if g.neutral(peak) or g.neutral(low):
        applied += "-neutral"
    if g.bug():
        rise = g.plant(f"return {peak} * {it} / {warm}", "warmup-never-reaches-peak", f"from_zero/{applied}")
    else:
        rise = f"return {peak} * ({it} + 1) / ({warm} + 1)"
    if g.bug():
        ratio = g.plant(f"ratio = ({it} - {warm}) / ({total} - {warm})", "schedule-division-by-zero",
                        f"decay_span/{applied}")
    else:
        ratio = f"ratio = ({it} - {warm}) / max(1, {total} - {warm})"
    factor, inverted = cosine_factor(g, "ratio")
    coeff = f"coeff = {factor}"
    if inverted:
        coeff = g.plant(coeff, "inverted-cosine-annealing", f"coefficient/{applied}")
    out = [f"def {fn}({it}, {warm}, {total}, {peak}, {low}):", f"    if {it} < {warm}:", f"        {rise}",
           f"    if {it} > {total}:", f"        return {low}", f"    {ratio}", f"    {coeff}",
           f"    return {low} + coeff * ({peak} - {low})"]
    user = g.name("train_loop", "fit")
    opt, batches, grp = g.name("optimizer", "opt"), g.name("batches", "data"), g.name("group", "g")
    args = f"{warm}, {total}, {peak}, {low}"
    if applied.startswith("applied"):
        out += ["", "", f"def {user}({opt}, {batches}, {args}):",
                f"    for {it}, batch in enumerate({batches}):",
                f"        for {grp} in {opt}.param_groups:",
                f"            {grp}['lr'] = {fn}({it}, {args})"]
    return out


def lambdas(g: Gen) -> List[str]:
    """LambdaLR with a warm-up lambda, or one lambda per parameter group made in a loop."""
    c = g.c
    fn, opt = g.name("build_scheduler", "make_scheduler"), g.name("optimizer", "opt")
    if c.coin():
        s, w = g.name("s", "step"), g.name("warmup_steps", "warmup")
        from_zero = g.bug()
        lam = f"lambda {s}: min(1.0, {s if from_zero else f'({s} + 1)'} / max(1, {w}))"
        body = []
        if c.coin():
            lf = g.name("lr_lambda", "warmup_fn")
            body.append(f"{lf} = {lam}")
            lam = lf
        body.append(f"return {g.scheduler('LambdaLR')}({opt}, {'lr_lambda=' if c.coin() else ''}{lam})")
        if from_zero:  # on the line that writes the lambda
            body[0] = g.plant(body[0], "warmup-never-reaches-peak", "lambda_from_zero")
        return [f"def {fn}({opt}, {w}):"] + ind(body)
    decays, k, e = g.name("decays", "gammas"), g.name("i", "k"), g.name("epoch", "e")
    late = g.bug(2)
    lam = f"lambda {e}: {decays}[{k}] ** {e}" if late else f"lambda {e}, {k}={k}: {decays}[{k}] ** {e}"
    fns = g.name("fns", "lambdas")
    if c.coin():
        body = [f"{fns} = [{lam} for {k} in range(len({opt}.param_groups))]"]
        where = 0
    else:
        body = [f"{fns} = []", f"for {k} in range(len({opt}.param_groups)):", f"    {fns}.append({lam})"]
        where = 2
    if late:
        body[where] = g.plant(body[where], "lambda-late-binding", "loop_variable")
    ctor = g.scheduler(c.pick(["LambdaLR", "MultiplicativeLR"]))
    return [f"def {fn}({opt}, {decays}):"] + ind(body + [f"return {ctor}({opt}, {fns})"])


def training_loop(g: Gen) -> List[str]:
    """Optimizer, scheduler, loader, the epoch and batch loops, evaluation and checkpoints."""
    c = g.c
    torch = g.ctx.torch()
    host = c.pick(["function", "function", "class"])
    model, data, val, epochs = g.name("model", "net"), g.name("dataset", "train_set"), g.name("val_loader"), \
        g.name("epochs", "num_epochs")
    opt, sched, loader, sampler = g.name("optimizer", "opt"), g.name("scheduler", "sched"), \
        g.name("loader", "train_loader"), g.name("sampler")
    scaler, epoch, i, x, y = g.name("scaler"), g.name("epoch", "ep"), g.name("i", "step"), g.name("x", "images"), \
        g.name("y", "labels")
    total, correct, k, path = g.name("running", "total_loss"), g.name("correct"), g.name("accum_steps", "k"), \
        g.name("path", "ckpt_path")
    members = {model, opt, sched, loader, scaler, sampler, k}

    def R(n: str) -> str:
        return f"self.{n}" if host == "class" and n in members else n

    per_batch = c.coin()
    accum = per_batch and c.coin(3)
    amp = c.coin(3)
    clips = amp and c.coin()
    distributed = c.coin(4)
    # the form a planted bug is recorded under: where the loop lives, whether it accumulates
    shape = host + ("+accum" if accum else "")

    def plant(line: str, rule: str, form: str) -> str:
        return g.plant(line, rule, f"{form}/{shape}")

    # the loader rule needs to see a map-style dataset: built here, or handed in (then left alone)
    shown = c.coin()
    xs, ys = (g.name("xs", "inputs"), g.name("ys", "targets")) if shown else ("", "")
    inputs = [xs, ys] if shown else [data]
    setup: List[str] = []
    if shown:
        setup.append(f"{data} = {g.imported('torch.utils.data', 'TensorDataset')}({xs}, {ys})")
    make_loader = f"{R(loader)} = {g.imported('torch.utils.data', 'DataLoader')}({data}, batch_size=32"
    if distributed:
        made = len(setup)
        setup.append(f"{R(sampler)} = {g.imported('torch.utils.data.distributed', 'DistributedSampler')}({data})")
        setup.append(f"{make_loader}, sampler={R(sampler)})")
    elif shown and g.bug(4):
        setup.append(plant(make_loader + c.pick([")", ", shuffle=False)"]), "train-loader-not-shuffled", "no_shuffle"))
    else:
        setup.append(f"{make_loader}, shuffle=True)")
    setup.append(f"{R(opt)} = {g.ctx.optimizer(c.pick(['SGD', 'AdamW']))}({R(model)}.parameters(), lr=0.1)")
    if per_batch:
        # the horizon counts optimizer steps: one per accumulation cycle
        steps = f"{epochs} * len({R(loader)})" + (f" // {R(k)}" if accum else "")
        ctor = c.pick([f"{g.scheduler('OneCycleLR')}({R(opt)}, max_lr=0.1, total_steps={steps})",
                       f"{g.scheduler('CosineAnnealingLR')}({R(opt)}, T_max={steps})"])
    else:
        # no MultiStepLR: Ctx's renamed import style gives it MultiplicativeLR's alias (KMul)
        ctor = c.pick([f"{g.scheduler('StepLR')}({R(opt)}, step_size=30)",
                       f"{g.scheduler('CosineAnnealingLR')}({R(opt)}, T_max={epochs})",
                       f"{g.scheduler('ExponentialLR')}({R(opt)}, gamma=0.95)"])
    setup.append(f"{R(sched)} = {ctor}")
    if amp:
        setup.append(f"{R(scaler)} = {g.ctx.grad_scaler()}")

    # where the scheduler steps: after the optimizer, or (a bug) before it or every micro-batch
    sched_bug = g.bug(4) and c.pick(["before"] + (["micro"] if accum else []))
    step_line = f"{R(sched)}.step()"
    before = [plant(step_line, "scheduler-step-before-optimizer", "batch" if per_batch else "epoch_top")] \
        if sched_bug == "before" else []

    loss = f"loss = {g.cross_entropy()}({R(model)}({x}), {y})" + (f" / {R(k)}" if accum else "")
    backward = f"{R(scaler)}.scale(loss).backward()" if amp else "loss.backward()"
    update: List[str] = []
    if clips:
        clip = f"{g.imported('torch.nn.utils', 'clip_grad_norm_')}({R(model)}.parameters(), 1.0)"
        if g.bug(3):
            update.append(plant(clip, "clip-before-unscale", "no_unscale"))
        else:
            update += [f"{R(scaler)}.unscale_({R(opt)})", clip]
    if per_batch:
        update += before
    scale = g.name("scale_before")
    if amp:
        update.append(f"{R(scaler)}.step({R(opt)})")
        if per_batch:
            # GradScaler may skip the step: the schedule advances only when it did not
            update.append(f"{scale} = {R(scaler)}.get_scale()")
        update.append(f"{R(scaler)}.update()")
    else:
        update.append(f"{R(opt)}.step()")
    if accum:
        update.append(f"{R(opt)}.zero_grad()")
    if per_batch and not sched_bug:
        update += [f"if {R(scaler)}.get_scale() >= {scale}:", f"    {step_line}"] if amp else [step_line]
    tally = plant(f"{total} += loss", "loss-tensor-accumulated", "augmented") if g.bug(4) else \
        f"{total} += loss.item()"
    batch = ([] if accum else [f"{R(opt)}.zero_grad()"]) + [loss, backward]
    batch += ([f"if ({i} + 1) % {R(k)} == 0:"] + ind(update)) if accum else update
    if sched_bug == "micro":
        batch.append(plant(step_line, "scheduler-step-every-microbatch", "outside_accumulation"))
    batch.append(tally)
    target = f"{i}, ({x}, {y})" if accum or c.coin() else f"{x}, {y}"
    iterable = f"enumerate({R(loader)})" if target.startswith(i) else R(loader)

    epoch_body: List[str] = []
    if distributed:
        if g.bug(3):
            setup[made] = plant(setup[made], "sampler-set-epoch-missing", "no_set_epoch")
        else:
            epoch_body.append(f"{R(sampler)}.set_epoch({epoch})")
    evaluate = c.pick(["none", "inline", "helper"])
    eval_bug = g.bug(3) and c.pick(["no_eval", "not_restored"]) if evaluate != "none" else None
    if evaluate != "none" and eval_bug != "not_restored":
        epoch_body.append(f"{R(model)}.train()")
    if not per_batch:
        epoch_body += before
    epoch_body += [f"{total} = 0.0", f"for {target} in {iterable}:"] + ind(batch)
    if not per_batch and not before:
        epoch_body.append(step_line)
    lr_read = "get_lr" if g.bug(4) else "get_last_lr"
    log = f"print({epoch}, {total}, {R(sched)}.{lr_read}())"
    epoch_body.append(plant(log, "get-lr-instead-of-get-last-lr", "print") if lr_read == "get_lr" else log)

    pre: List[str] = []
    if evaluate != "none":
        eval_mode = [] if eval_bug == "no_eval" else [f"{R(model)}.eval()"]
        if eval_bug == "not_restored":
            eval_mode = [plant(eval_mode[0], "train-mode-not-restored", evaluate)]
        forward = f"{correct} += ({R(model)}({x}).argmax(1) == {y}).sum().item()"
        if eval_bug == "no_eval":
            forward = plant(forward, "eval-without-eval-mode", evaluate)
        grad_off = c.pick(["around", "inside", "statement"])  # the forms the grad mode reads
        if grad_off == "around":
            scoring = [f"{correct} = 0", f"with {torch}.no_grad():", f"    for {x}, {y} in {val}:", f"        {forward}"]
        elif grad_off == "inside":
            scoring = [f"{correct} = 0", f"for {x}, {y} in {val}:", f"    with {torch}.no_grad():", f"        {forward}"]
        else:
            scoring = [f"{correct} = 0", f"{torch}.set_grad_enabled(False)", f"for {x}, {y} in {val}:", f"    {forward}",
                       f"{torch}.set_grad_enabled(True)"]
        if evaluate == "inline":
            epoch_body += eval_mode + scoring + [f"print({correct})"]
        else:
            helper = g.name("evaluate", "validate")
            pre = [f"def {helper}({model}, {val}):"] + ind(scoring + [f"return {correct}"]) + ["", ""]
            epoch_body += eval_mode + [f"print({helper}({R(model)}, {val}))"]

    saved = [f"'model': {R(model)}.state_dict()", f"'optimizer': {R(opt)}.state_dict()"]
    if g.bug(4):
        epoch_body += [f"{torch}.save({{", f"    {saved[0]},",
                       plant(f"    {saved[1]},", "resume-without-scheduler-state", "save"), f"}}, {path})"]
    else:
        epoch_body.append(f"{torch}.save({{{', '.join(saved)}, 'scheduler': {R(sched)}.state_dict()}}, {path})")
    if g.bug(5):
        epoch_body.append(plant(f"{torch}.save({R(model)}, 'model.pt')", "torch-save-whole-model", "module"))
    else:
        epoch_body.append(f"{torch}.save({R(model)}.state_dict(), 'model.pt')")
    loops = [f"for {epoch} in range({epochs}):"] + ind(epoch_body)
    params = [val, epochs, path]
    accum_param = [f"{k}=4"] if accum else []
    if host == "function":
        fn = g.name("train", "fit", "main")
        return pre + [f"def {fn}({', '.join([model] + inputs + params + accum_param)}):"] + ind(setup + loops)
    cls, method = g.name("Trainer", "Runner"), c.pick(["fit", "run", "train_epochs"])
    keep = [f"self.{n} = {n}" for n in [model] + ([k] if accum else [])]
    init = f"def __init__(self, {', '.join([model] + inputs + [epochs] + accum_param)}):"
    return pre + [f"class {cls}:"] + ind([init] + ind(keep + setup) + ["", f"def {method}(self, {', '.join(params)}):"]
                                        + ind(loops))


FRAGMENTS: List[Callable[[Gen], List[str]]] = [scheduler_class, schedule_function, lambdas, training_loop,
                                               training_loop]  # a loop holds the most kinds of bug


def sprinkle(c: Chooser, lines: List[str]) -> List[str]:
    """Comments between statements and at line ends, where the fixes must keep them."""
    out: List[str] = []
    for line in lines:
        if line.strip() and c.coin(6):
            out.append(line[:len(line) - len(line.lstrip())] + c.pick(COMMENTS))
        if line.strip() and c.coin(8):
            found = MARK.search(line)
            end = found.start() if found else len(line)
            line = f"{line[:end]}  {c.pick(COMMENTS)}{line[end:]}"
        out.append(line)
    return out


def program(c: Chooser) -> Program:
    g = Gen(c, clean=c.coin(5))
    blocks = [c.pick(FRAGMENTS)(g) for _ in range(c.pick([1, 2, 3]))]
    lines: List[str] = ['"""Train a small model."""', ""] if c.coin(3) else []
    lines += g.ctx.import_lines()
    for block in blocks:
        lines += ["", ""] + block
    # sampler-set-epoch-missing is silenced by a set_epoch call on any other sampler of the file
    other_set_epoch = "+other_set_epoch" if any(".set_epoch(" in line for line in lines) else ""
    plants = []
    text = []
    for number, line in enumerate(sprinkle(c, lines), 1):
        found = MARK.search(line)
        if found:
            for index in found.group(1).split(","):
                rule, form = g.plants[int(index)]
                if rule == "sampler-set-epoch-missing":
                    form += other_set_epoch
                plants.append(Plant(rule, form, number))
            line = line[:found.start()]
        text.append(line)
    return Program("\n".join(text) + "\n", tuple(plants), g.clean)


@st.composite
def programs(draw) -> Program:
    return program(DrawChooser(draw))
