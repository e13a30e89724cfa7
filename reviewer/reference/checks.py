"""Checks 1-5 of `reviewer verify`: oracle, PyTorch, resume, training, compile (needs torch)."""

from __future__ import annotations

import io
import math
import time
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import torch
from torch.optim import lr_scheduler as torch_sched

from reviewer.reference import oracles
from reviewer.reference.schedulers import CosineAnnealingWarmbootingLR, LinearWarmup, WarmupCosineLR

ORACLE_RTOL = 1e-12
TORCH_RTOL = 1e-9
TENSOR_RTOL = 1e-6  # float32 learning-rate tensors
BASES = (0.1, 0.01)  # two param groups, so a per-group mistake shows


@dataclass
class Result:
    """One row of the report."""

    check: str
    schedule: str
    device: str
    steps: int
    max_error: Optional[float]
    seconds: float
    status: str  # pass | fail | skip
    detail: str = ""
    series: Dict[str, List[float]] = field(default_factory=dict, repr=False)  # for --plot

    def as_dict(self) -> Dict[str, Any]:
        return {
            "check": self.check, "schedule": self.schedule, "device": self.device, "steps": self.steps,
            "max_error": self.max_error, "seconds": round(self.seconds, 4), "status": self.status,
            "detail": self.detail,
        }


@dataclass
class Case:
    """A schedule under test: how to build it on an optimizer, and its oracle for one group."""

    name: str
    build: Callable[[torch.optim.Optimizer], Any]
    oracle: Callable[[int, float], float]


def reference_cases(n: int) -> List[Case]:
    """The reference schedules exercised over `n` steps (horizons scale with n; the ends are crossed)."""
    spe = max(1, n // 25)  # 20 epochs of spe steps: training ends at 0.8 n, the clamp is exercised
    total = max(8, (3 * n) // 4)
    warm = total // 10
    restarts = [total // 3, total // 2, (2 * total) // 3, (5 * total) // 6, total // 2]
    wc_warm, wc_total = max(1, n // 20), max(2, (4 * n) // 5)
    lw = max(1, n // 10)
    t_max = max(1, n - lw)
    return [
        Case(
            "CosineAnnealingWarmbootingLR(epochs)",
            lambda opt: CosineAnnealingWarmbootingLR(
                opt, epochs=20, steps_per_epoch=spe, warmup_epochs=2, steps=[14, 8, 8, 1, 25],
                eta_min=0.05, step_scale=0.8, epoch_scale=1.0, warmup_start_factor=0.1),
            lambda t, b: oracles.cosine_annealing_warmbooting_lr(
                t, b, 20 * spe, 2 * spe, [8 * spe, 14 * spe], 0.05, 0.8, 1.0 * spe, 0.1),
        ),
        Case(
            # step_scale ** k falls below eta_min from the fourth segment on: the peak is the floor.
            "CosineAnnealingWarmbootingLR(steps)",
            lambda opt: CosineAnnealingWarmbootingLR(
                opt, total_steps=total, warmup_steps=warm, steps=restarts, eta_min=0.2, step_scale=0.5,
                epoch_scale=2.0),
            lambda t, b: oracles.cosine_annealing_warmbooting_lr(t, b, total, warm, restarts, 0.2, 0.5, 2.0, 0.0),
        ),
        Case(
            "WarmupCosineLR",
            lambda opt: WarmupCosineLR(opt, wc_warm, wc_total, eta_min=1e-4, warmup_start_factor=0.1),
            lambda t, b: oracles.warmup_cosine_lr(t, b, wc_warm, wc_total, 1e-4, 0.1),
        ),
        Case(
            "LinearWarmup",
            lambda opt: LinearWarmup(opt, lw),
            lambda t, b: oracles.linear_warmup_lr(t, b, lw),
        ),
        Case(
            "LinearWarmup(CosineAnnealingLR)",
            lambda opt: LinearWarmup(opt, lw, 0.05, after=torch_sched.CosineAnnealingLR(opt, t_max, eta_min=1e-4)),
            lambda t, b: oracles.linear_warmup_lr(
                t, b, lw, 0.05, after=lambda u: oracles.cosine_annealing_lr(u, b, t_max, 1e-4)),
        ),
    ]


def make_optimizer(bases: Sequence[float] = BASES) -> torch.optim.Optimizer:
    """SGD with momentum, one small parameter per group, with a gradient so that it has state to save."""
    groups = []
    for base in bases:
        param = torch.nn.Parameter(torch.zeros(2))
        param.grad = torch.ones_like(param)
        groups.append({"params": [param], "lr": base})
    return torch.optim.SGD(groups, lr=bases[0], momentum=0.9)


def lrs(optimizer: torch.optim.Optimizer) -> List[float]:
    return [float(group["lr"]) for group in optimizer.param_groups]


def series(build: Callable[[torch.optim.Optimizer], Any], bases: Sequence[float], steps: int) -> List[List[float]]:
    """The LRs of every group in force for each of `steps` optimizer steps (optimizer first, then scheduler)."""
    opt = make_optimizer(bases)
    return run(opt, build(opt), steps)


def run(opt: torch.optim.Optimizer, sched: Any, steps: int) -> List[List[float]]:
    out = []
    for _ in range(steps):
        out.append(lrs(opt))
        opt.step()
        sched.step()
    return out


def _timed(check: str, schedule: str, device: str, steps: int, body: Callable[[], Tuple[float, str, str, Dict]]) -> Result:
    start = time.perf_counter()
    try:
        error, status, detail, series = body()
    except Exception as exc:  # noqa: BLE001 - a crash is a failed check, reported with its reason
        error, status, detail, series = None, "fail", f"{type(exc).__name__}: {exc}", {}
    return Result(check, schedule, device, steps, error, time.perf_counter() - start, status, detail, series)


def compare(got: Sequence[Sequence[float]], want: Sequence[Sequence[float]], rtol: float, against: str) -> Tuple[float, str]:
    """The worst relative error over all steps and groups, and a message naming the first step past `rtol`."""
    worst, first = 0.0, ""
    for step, (row, expected) in enumerate(zip(got, want)):
        for group, (value, target) in enumerate(zip(row, expected)):
            error = oracles.relative_error(value, target)
            if error > rtol and not first:
                first = (f"step {step}, group {group}: LR {value!r} where {against} gives {target!r} "
                         f"(relative error {error:.3g} > {rtol:g})")
            worst = max(worst, error)
    return worst, first


# ---------------------------------------------------------------- 1: against the closed-form oracle

def check_oracle(n: int, cases: Optional[Sequence[Case]] = None) -> List[Result]:
    results = []
    for case in reference_cases(n) if cases is None else cases:
        def body(case: Case = case):
            got = series(case.build, BASES, n)
            want = [[case.oracle(t, base) for base in BASES] for t in range(n)]
            worst, problem = compare(got, want, ORACLE_RTOL, "the oracle")
            return worst, "fail" if problem else "pass", problem, \
                {"reference": [row[0] for row in got], "oracle": [row[0] for row in want]}
        results.append(_timed("1 oracle", case.name, "cpu", n, body))
    return results


# ---------------------------------------------------------------- 2: against PyTorch's own schedulers

@dataclass
class Comparison:
    """A schedule under test and PyTorch's LRs for the same schedule (`theirs(bases, steps)`)."""

    name: str
    steps: int
    bases: Sequence[float]
    ours: Callable[[torch.optim.Optimizer], Any]
    theirs: Callable[[Sequence[float], int], List[List[float]]]


def stepped(build: Callable[[torch.optim.Optimizer], Any]) -> Callable[[Sequence[float], int], List[List[float]]]:
    """PyTorch's LRs from one scheduler (or chain) built on one optimizer."""
    return lambda bases, steps: series(build, bases, steps)


def pieces(parts: Sequence[Tuple[int, float, Callable]]) -> Callable[[Sequence[float], int], List[List[float]]]:
    """PyTorch's LRs segment by segment: (length, factor of the base LR, PyTorch scheduler) each on its own
    optimizer, for schedules whose restarts scale the peak (no built-in chain rescales a restart)."""
    def theirs(bases: Sequence[float], steps: int) -> List[List[float]]:
        out: List[List[float]] = []
        for length, factor, build in parts:
            out += series(build, [base * factor for base in bases], length)
        return out[:steps]
    return theirs


def _restart_points(t0: int, n: int) -> List[int]:
    points, length, point = [], t0, t0
    while point < n:
        points.append(point)
        length *= 2
        point += length
    return points + [point]  # the last one is the end of training (>= n)


def _warmboot_pieces(base: float, total: int, warm: int, restarts: Sequence[int], eta_min: float,
                     step_scale: float, extension: float, start_factor: float, steps: int):
    """The documented warm-boot schedule as PyTorch pieces: LinearLR for the warm-up, one
    CosineAnnealingLR per segment (peak `max(step_scale**k, eta_min)`, floor `eta_min`, period its
    length plus `extension` except the last), then the floor held by ConstantLR past the end."""
    floor = base * eta_min
    parts: List[Tuple[int, float, Callable]] = [
        (warm, 1.0, lambda o: torch_sched.LinearLR(o, start_factor, 1.0, total_iters=warm))]
    starts = [warm] + sorted(set(p for p in restarts if warm < p < total)) + [total]
    for k, (start, end) in enumerate(zip(starts, starts[1:])):
        period = end - start if end == total else end - start + extension
        parts.append((end - start, max(step_scale ** k, eta_min),
                      lambda o, period=period: torch_sched.CosineAnnealingLR(o, period, eta_min=floor)))
    parts.append((max(0, steps - total), eta_min, lambda o: torch_sched.ConstantLR(o, 1.0, total_iters=1)))
    return pieces(parts)


def torch_comparisons(n: int) -> List[Comparison]:
    w = max(1, n // 20)
    wc_total = max(w + 1, (4 * n) // 5)
    spe = max(1, n // 60)
    t0_epochs = 2
    epoch_points = _restart_points(t0_epochs, max(3, -(-n // spe)))
    total = max(12, (3 * n) // 4)
    warm = max(1, total // 10)
    restarts = [total // 4, total // 2, (5 * total) // 8, (3 * total) // 4, (7 * total) // 8]
    base = 0.1
    return [
        Comparison(
            "WarmupCosineLR vs SequentialLR(LinearLR, CosineAnnealingLR)", wc_total + 1, BASES,
            lambda o: WarmupCosineLR(o, w, wc_total, eta_min=1e-4, warmup_start_factor=0.1),
            stepped(lambda o: torch_sched.SequentialLR(o, [
                torch_sched.LinearLR(o, 0.1, 1.0, total_iters=w),
                torch_sched.CosineAnnealingLR(o, wc_total - w, eta_min=1e-4)], milestones=[w]))),
        Comparison(
            "WarmupCosineLR past its end vs SequentialLR(LinearLR, CosineAnnealingLR, ConstantLR)", n, (base,),
            lambda o: WarmupCosineLR(o, w, wc_total, eta_min=1e-4, warmup_start_factor=0.1),
            stepped(lambda o: torch_sched.SequentialLR(o, [
                torch_sched.LinearLR(o, 0.1, 1.0, total_iters=w),
                torch_sched.CosineAnnealingLR(o, wc_total - w, eta_min=1e-4),
                torch_sched.ConstantLR(o, 1e-4 / base, total_iters=n + 1)], milestones=[w, wc_total]))),
        Comparison(
            "LinearWarmup(CosineAnnealingLR) vs SequentialLR", wc_total + 1, BASES,
            lambda o: LinearWarmup(o, w, 0.1, after=torch_sched.CosineAnnealingLR(o, wc_total - w, eta_min=1e-4)),
            stepped(lambda o: torch_sched.SequentialLR(o, [
                torch_sched.LinearLR(o, 0.1, 1.0, total_iters=w),
                torch_sched.CosineAnnealingLR(o, wc_total - w, eta_min=1e-4)], milestones=[w]))),
        Comparison(
            "LinearWarmup vs LinearLR", max(2, n), BASES,
            lambda o: LinearWarmup(o, w, 0.25),
            stepped(lambda o: torch_sched.LinearLR(o, 0.25, 1.0, total_iters=w))),
        Comparison(
            "CosineAnnealingWarmbootingLR(step_scale=1) vs CosineAnnealingWarmRestarts", n, (base,),
            lambda o: CosineAnnealingWarmbootingLR(
                o, epochs=epoch_points[-1], steps_per_epoch=spe, steps=epoch_points[:-1], eta_min=0.05,
                step_scale=1.0, epoch_scale=0.0),
            stepped(lambda o: torch_sched.CosineAnnealingWarmRestarts(
                o, T_0=t0_epochs * spe, T_mult=2, eta_min=0.05 * base))),
        Comparison(
            # Warm-up, a restart peak below the floor, epoch_scale and the clamp past the end.
            "CosineAnnealingWarmbootingLR vs LinearLR + CosineAnnealingLR per segment + ConstantLR", n, (base,),
            lambda o: CosineAnnealingWarmbootingLR(
                o, total_steps=total, warmup_steps=warm, steps=restarts, eta_min=0.2, step_scale=0.5,
                epoch_scale=3.0, warmup_start_factor=0.25),
            _warmboot_pieces(base, total, warm, restarts, 0.2, 0.5, 3.0, 0.25, n)),
        Comparison(
            # Every peak above the floor: each segment's cosine, the last one's too, has its own period.
            "CosineAnnealingWarmbootingLR, peaks above the floor, vs LinearLR + CosineAnnealingLR per segment",
            n, (base,),
            lambda o: CosineAnnealingWarmbootingLR(
                o, total_steps=total, warmup_steps=warm, steps=restarts[1::2], eta_min=0.05, step_scale=0.8,
                epoch_scale=2.0, warmup_start_factor=0.1),
            _warmboot_pieces(base, total, warm, restarts[1::2], 0.05, 0.8, 2.0, 0.1, n)),
    ]


def check_torch(n: int, comparisons: Optional[Sequence[Comparison]] = None) -> List[Result]:
    results = []
    for pair in torch_comparisons(n) if comparisons is None else comparisons:
        def body(pair: Comparison = pair):
            got = series(pair.ours, pair.bases, pair.steps)
            want = pair.theirs(pair.bases, pair.steps)
            if len(want) != len(got):
                raise ValueError(f"PyTorch gave {len(want)} steps for {len(got)}")
            worst, problem = compare(got, want, TORCH_RTOL, "PyTorch")
            return worst, "fail" if problem else "pass", problem, \
                {"reference": [row[0] for row in got], "torch": [row[0] for row in want]}
        results.append(_timed("2 torch", pair.name, "cpu", pair.steps, body))
    return results


# ---------------------------------------------------------------- 3: resume from a checkpoint

def _roundtrip(state: Any) -> Any:
    buffer = io.BytesIO()
    torch.save(state, buffer)
    buffer.seek(0)
    return torch.load(buffer, weights_only=True)


def check_resume(n: int, cases: Optional[Sequence[Case]] = None) -> List[Result]:
    results = []
    for case in reference_cases(n) if cases is None else cases:
        def body(case: Case = case):
            reference = series(case.build, BASES, n)
            stops = sorted({max(1, n // 20), max(1, n // 2), max(1, n - 2)})  # in the warm-up, mid-way, past the end
            problems = []
            for k in stops:
                opt = make_optimizer()
                sched = case.build(opt)
                head = run(opt, sched, k)
                saved = _roundtrip({"optimizer": opt.state_dict(), "scheduler": sched.state_dict()})
                fresh_opt = make_optimizer()
                fresh = case.build(fresh_opt)
                fresh_opt.load_state_dict(saved["optimizer"])
                fresh.load_state_dict(saved["scheduler"])
                _, problem = compare(head + run(fresh_opt, fresh, n - k), reference, 0.0, "the uninterrupted run")
                if problem:
                    problems.append(f"resumed at step {k}: {problem}")
            return (0.0 if not problems else None), ("fail" if problems else "pass"), "; ".join(problems), {}
        results.append(_timed("3 resume", case.name, "cpu", n, body))
    return results


# ---------------------------------------------------------------- 4: a real training run

def check_training(n: int, device: str, cases: Optional[Sequence[Case]] = None) -> List[Result]:
    steps = min(300, max(60, n))
    bases = (0.05, 0.02)
    results = []
    for case in reference_cases(steps) if cases is None else cases:
        def body(case: Case = case):
            generator = torch.Generator(device=device).manual_seed(0)
            x = torch.randn(256, 16, device=device, generator=generator)
            w = torch.randn(16, 1, device=device, generator=generator)
            y = x @ w + 0.01 * torch.randn(256, 1, device=device, generator=generator)
            torch.manual_seed(0)
            model = torch.nn.Sequential(torch.nn.Linear(16, 32), torch.nn.Tanh(), torch.nn.Linear(32, 1)).to(device)
            weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
            biases = [p for name, p in model.named_parameters() if name.endswith("bias")]
            opt = torch.optim.SGD([{"params": weights, "lr": bases[0]}, {"params": biases, "lr": bases[1]}],
                                  lr=bases[0], momentum=0.9)
            sched = case.build(opt)
            got, losses = [], []
            for _ in range(steps):
                got.append(lrs(opt))
                opt.zero_grad(set_to_none=True)
                loss = torch.nn.functional.mse_loss(model(x), y)
                loss.backward()
                opt.step()
                sched.step()
                losses.append(loss.detach())
            values = [float(v) for v in torch.stack(losses).cpu()]
            first, last = sum(values[:10]) / 10, sum(values[-10:]) / 10
            worst, problem = compare(got, [[case.oracle(t, base) for base in bases] for t in range(steps)],
                                     ORACLE_RTOL, "the oracle")
            problems = [problem] if problem else []
            if not (math.isfinite(last) and last < 0.9 * first):
                problems.append(f"loss did not decrease ({first:.4g} -> {last:.4g})")
            detail = "; ".join(problems) or f"loss {first:.4g} -> {last:.4g}"
            return worst, "fail" if problems else "pass", detail, {"loss": values}
        results.append(_timed("4 training", case.name, device, steps, body))
    return results


# ---------------------------------------------------------------- 5: tensor LRs under torch.compile

class CompilerUnavailable(RuntimeError):
    """The first compiled call failed: the compiler does not work here."""


class _CompileCounter:
    """A torch.compile backend that counts compilations and delegates to a real backend."""

    def __init__(self, backend: str) -> None:
        from torch._dynamo.backends.registry import lookup_backend

        self.compile = lookup_backend(backend)
        self.count = 0

    def __call__(self, gm: Any, example_inputs: Any) -> Any:
        self.count += 1
        return self.compile(gm, example_inputs)


@dataclass
class CompiledRun:
    recompiles: int  # compilations after the warm-up steps
    compiles: int
    seen: List[List[float]]  # the LRs in force at each step
    recompiled_at: Optional[int]  # the first step that compiled again after the warm-up
    replaced_at: Optional[int]  # the first step after which a group's LR was no longer its own tensor
    replaced_by: str = ""  # what it was replaced by: "a float", "another tensor"


def _compiled_run(build: Callable, steps: int, device: str, backend: str, replace_with_float: bool = False):
    """Run a compiled Adam step with tensor LRs under a compilation counter."""
    import torch._dynamo

    torch._dynamo.reset()
    torch.manual_seed(0)
    model = torch.nn.Linear(8, 1).to(device)
    groups = [{"params": [model.weight], "lr": torch.tensor(BASES[0], device=device)},
              {"params": [model.bias], "lr": torch.tensor(BASES[1], device=device)}]
    opt = torch.optim.Adam(groups, lr=groups[0]["lr"], capturable=device != "cpu")
    tensors = [group["lr"] for group in opt.param_groups]
    counter = _CompileCounter(backend)
    compiled = torch.compile(opt.step, backend=counter)  # the bare step, before the scheduler wraps it
    sched = build(opt)
    x = torch.randn(64, 8, device=device)
    y = torch.randn(64, 1, device=device)
    warmup, seen, after_warmup, recompiled_at, replaced_at, replaced_by = 3, [], 0, None, None, ""
    for t in range(warmup + steps):
        if t == warmup:
            after_warmup = counter.count
        before = counter.count
        seen.append(lrs(opt))
        opt.zero_grad(set_to_none=True)
        torch.nn.functional.mse_loss(model(x), y).backward()
        if t == 0:
            try:
                compiled()
            except Exception as exc:  # noqa: BLE001 - no C++ toolchain, no Triton, ...
                torch._dynamo.reset()
                text = str(exc).strip()
                raise CompilerUnavailable(f"{type(exc).__name__}: {text.splitlines()[0][:200] if text else ''}")
        else:
            compiled()
        opt._opt_called = True  # the compiled bare step bypasses the scheduler's call tracking
        if replace_with_float and t >= warmup - 1:  # from the first measured step on
            for group in opt.param_groups:
                group["lr"] = float(group["lr"]) * 0.99
        else:
            sched.step()
        if recompiled_at is None and t >= warmup and counter.count > before:
            recompiled_at = t
        for group, tensor in zip(opt.param_groups, tensors):
            if replaced_at is None and group["lr"] is not tensor:
                replaced_at = t
                replaced_by = "another tensor" if isinstance(group["lr"], torch.Tensor) else \
                    f"a {type(group['lr']).__name__}"
    torch._dynamo.reset()
    return CompiledRun(counter.count - after_warmup, counter.count, seen, recompiled_at, replaced_at, replaced_by)


def compile_cases(steps: int) -> List[Case]:
    """Short schedules, so that the LR moves on every measured step."""
    return [
        Case("CosineAnnealingWarmbootingLR", lambda o: CosineAnnealingWarmbootingLR(
            o, total_steps=steps + 3, warmup_steps=4, steps=[(steps + 3) // 2], epoch_scale=0.0),
             lambda t, b: oracles.cosine_annealing_warmbooting_lr(
                 t, b, steps + 3, 4, [(steps + 3) // 2], 0.05, 0.8, 0.0)),
        Case("WarmupCosineLR", lambda o: WarmupCosineLR(o, 4, steps + 3, eta_min=1e-4),
             lambda t, b: oracles.warmup_cosine_lr(t, b, 4, steps + 3, 1e-4)),
        Case("LinearWarmup(CosineAnnealingLR)", lambda o: LinearWarmup(
            o, 4, after=torch_sched.CosineAnnealingLR(o, steps, eta_min=1e-4)),
             lambda t, b: oracles.linear_warmup_lr(
                 t, b, 4, after=lambda u: oracles.cosine_annealing_lr(u, b, steps, 1e-4))),
    ]


def check_compile(n: int, device: str, backend: str = "inductor",
                  cases: Optional[Sequence[Case]] = None) -> List[Result]:
    import logging

    quiet = logging.getLogger("torch._dynamo")  # "Profiler record function ... will be ignored"
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # torch.jit deprecations on importing inductor
            return _check_compile(n, device, backend, cases)
    finally:
        quiet.setLevel(level)


def _check_compile(n: int, device: str, backend: str, cases: Optional[Sequence[Case]]) -> List[Result]:
    steps = min(30, max(10, n))
    chosen = compile_cases(steps) if cases is None else cases
    label = f"5 compile[{backend}]"
    results: List[Result] = []
    for case in chosen:
        start = time.perf_counter()
        try:
            outcome = _compiled_run(case.build, steps, device, backend)
        except CompilerUnavailable as exc:
            # On CPU a missing toolchain is an environment limit (skip); on CUDA it is a failure.
            status = "skip" if device == "cpu" else "fail"
            detail = f"torch.compile is unavailable on {device}: {exc}"
            return [Result(label, "all", device, steps, None, time.perf_counter() - start, status, detail)]
        except Exception as exc:  # noqa: BLE001
            outcome = exc

        def body(outcome=outcome, oracle=case.oracle):
            if isinstance(outcome, Exception):
                raise outcome
            want = [[oracle(t, b) for b in BASES] for t in range(len(outcome.seen))]
            worst, off = compare(outcome.seen, want, TENSOR_RTOL, "the oracle")
            distinct = len({tuple(v) for v in outcome.seen[3:]})
            problems = []
            if outcome.recompiles:
                problems.append(f"step {outcome.recompiled_at}: {outcome.recompiles} recompilation(s) "
                                "while the LR changed")
            if distinct < steps // 2:
                problems.append(f"the LR took only {distinct} values in {steps} steps")
            if outcome.replaced_at is not None:
                problems.append(f"step {outcome.replaced_at}: a param group's LR tensor was replaced by "
                                f"{outcome.replaced_by}, not updated in place")
            if off:
                problems.append(off)
            detail = "; ".join(problems) or \
                f"{outcome.compiles} compilation(s), 0 after warm-up, {distinct} LR values"
            return worst, "fail" if problems else "pass", detail, {}
        result = _timed(label, case.name, device, steps, body)
        result.seconds = time.perf_counter() - start
        results.append(result)

    def control():
        recompiles = _compiled_run(compile_cases(steps)[1].build, steps, device, "eager",
                                   replace_with_float=True).recompiles
        ok = recompiles > 0
        detail = (f"replacing the LR tensor by a float: {recompiles} recompilation(s) detected" if ok
                  else "replacing the LR tensor by a float caused no detected recompilation: the counter is blind")
        return None, "pass" if ok else "fail", detail, {}
    results.append(_timed("5 compile control", "float LR replaces the tensor", device, steps, control))
    return results
