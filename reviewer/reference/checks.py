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
    """A reference schedule: how to build it on an optimizer, and its oracle for one group."""

    name: str
    build: Callable[[torch.optim.Optimizer], Any]
    oracle: Callable[[int, float], float]


def cases(n: int) -> List[Case]:
    """The reference schedules exercised over `n` steps (horizons scale with n; the ends are crossed)."""
    spe = max(1, n // 25)  # 20 epochs of spe steps: training ends at 0.8 n, the clamp is exercised
    total = max(4, (3 * n) // 4)
    warm = total // 10
    restarts = [total // 3, total // 2, (2 * total) // 3, total // 2]
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
            "CosineAnnealingWarmbootingLR(steps)",
            lambda opt: CosineAnnealingWarmbootingLR(
                opt, total_steps=total, warmup_steps=warm, steps=restarts, eta_min=0.0, step_scale=0.5,
                epoch_scale=0.0),
            lambda t, b: oracles.cosine_annealing_warmbooting_lr(t, b, total, warm, restarts, 0.0, 0.5, 0.0, 0.0),
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


def _timed(check: str, schedule: str, device: str, steps: int, body: Callable[[], Tuple[float, str, str, Dict]]) -> Result:
    start = time.perf_counter()
    try:
        error, status, detail, series = body()
    except Exception as exc:  # noqa: BLE001 - a crash is a failed check, reported with its reason
        error, status, detail, series = None, "fail", f"{type(exc).__name__}: {exc}", {}
    return Result(check, schedule, device, steps, error, time.perf_counter() - start, status, detail, series)


def _worst(a: Sequence[float], b: Sequence[float]) -> float:
    return max((oracles.relative_error(x, y) for x, y in zip(a, b)), default=0.0)


# ---------------------------------------------------------------- 1: against the closed-form oracle

def check_oracle(n: int) -> List[Result]:
    results = []
    for case in cases(n):
        def body(case: Case = case):
            opt = make_optimizer()
            sched = case.build(opt)
            worst, got, want = 0.0, [], []
            for t in range(n):
                current = lrs(opt)
                expected = [case.oracle(t, base) for base in BASES]
                worst = max(worst, _worst(current, expected))
                got.append(current[0])
                want.append(expected[0])
                opt.step()
                sched.step()
            ok = worst <= ORACLE_RTOL
            return worst, "pass" if ok else "fail", "" if ok else f"max relative error {worst:.3g} > {ORACLE_RTOL:g}", \
                {"reference": got, "oracle": want}
        results.append(_timed("1 oracle", case.name, "cpu", n, body))
    return results


# ---------------------------------------------------------------- 2: against PyTorch's own schedulers

def _restart_points(t0: int, n: int) -> List[int]:
    points, length, point = [], t0, t0
    while point < n:
        points.append(point)
        length *= 2
        point += length
    return points + [point]  # the last one is the end of training (>= n)


def check_torch(n: int) -> List[Result]:
    w, total = max(1, n // 20), max(2, n)
    wc_total = max(w + 1, (4 * n) // 5)
    spe = max(1, n // 60)
    t0_epochs = 2
    epoch_points = _restart_points(t0_epochs, max(3, -(-n // spe)))
    pairs: List[Tuple[str, int, Sequence[float], Callable, Callable]] = [
        ("WarmupCosineLR vs SequentialLR(LinearLR, CosineAnnealingLR)", wc_total + 1, BASES,
         lambda o: WarmupCosineLR(o, w, wc_total, eta_min=1e-4, warmup_start_factor=0.1),
         lambda o: torch_sched.SequentialLR(o, [
             torch_sched.LinearLR(o, 0.1, 1.0, total_iters=w),
             torch_sched.CosineAnnealingLR(o, wc_total - w, eta_min=1e-4)], milestones=[w])),
        ("LinearWarmup(CosineAnnealingLR) vs SequentialLR", wc_total + 1, BASES,
         lambda o: LinearWarmup(o, w, 0.1, after=torch_sched.CosineAnnealingLR(o, wc_total - w, eta_min=1e-4)),
         lambda o: torch_sched.SequentialLR(o, [
             torch_sched.LinearLR(o, 0.1, 1.0, total_iters=w),
             torch_sched.CosineAnnealingLR(o, wc_total - w, eta_min=1e-4)], milestones=[w])),
        ("LinearWarmup vs LinearLR", total, BASES,
         lambda o: LinearWarmup(o, w, 0.25),
         lambda o: torch_sched.LinearLR(o, 0.25, 1.0, total_iters=w)),
        ("CosineAnnealingWarmbootingLR(step_scale=1) vs CosineAnnealingWarmRestarts", n, (0.1,),
         lambda o: CosineAnnealingWarmbootingLR(
             o, epochs=epoch_points[-1], steps_per_epoch=spe, steps=epoch_points[:-1], eta_min=0.05,
             step_scale=1.0, epoch_scale=0.0),
         lambda o: torch_sched.CosineAnnealingWarmRestarts(o, T_0=t0_epochs * spe, T_mult=2, eta_min=0.05 * 0.1)),
    ]
    results = []
    for name, steps, bases, ours, theirs in pairs:
        def body(steps=steps, bases=bases, ours=ours, theirs=theirs):
            opt_a, opt_b = make_optimizer(bases), make_optimizer(bases)
            a, b = ours(opt_a), theirs(opt_b)
            worst, got, want = 0.0, [], []
            for _ in range(steps):
                x, y = lrs(opt_a), lrs(opt_b)
                worst = max(worst, _worst(x, y))
                got.append(x[0])
                want.append(y[0])
                opt_a.step()
                opt_b.step()
                a.step()
                b.step()
            ok = worst <= TORCH_RTOL
            return worst, "pass" if ok else "fail", "" if ok else f"max relative error {worst:.3g} > {TORCH_RTOL:g}", \
                {"reference": got, "torch": want}
        results.append(_timed("2 torch", name, "cpu", steps, body))
    return results


# ---------------------------------------------------------------- 3: resume from a checkpoint

def _roundtrip(state: Any) -> Any:
    buffer = io.BytesIO()
    torch.save(state, buffer)
    buffer.seek(0)
    return torch.load(buffer, weights_only=True)


def check_resume(n: int) -> List[Result]:
    results = []
    for case in cases(n):
        def body(case: Case = case):
            def run(opt, sched, steps):
                out = []
                for _ in range(steps):
                    out.append(lrs(opt))
                    opt.step()
                    sched.step()
                return out

            opt = make_optimizer()
            reference = run(opt, case.build(opt), n)
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
                tail = run(fresh_opt, fresh, n - k)
                if head + tail != reference:
                    first = next(i for i, (x, y) in enumerate(zip(head + tail, reference)) if x != y)
                    problems.append(f"resumed at {k}: first difference at step {first}")
            return (0.0 if not problems else None), ("fail" if problems else "pass"), "; ".join(problems), {}
        results.append(_timed("3 resume", case.name, "cpu", n, body))
    return results


# ---------------------------------------------------------------- 4: a real training run

def check_training(n: int, device: str) -> List[Result]:
    steps = min(300, max(60, n))
    bases = (0.05, 0.02)
    results = []
    for case in cases(steps):
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
            worst, losses = 0.0, []
            for t in range(steps):
                expected = [case.oracle(t, base) for base in bases]
                worst = max(worst, _worst(lrs(opt), expected))
                opt.zero_grad(set_to_none=True)
                loss = torch.nn.functional.mse_loss(model(x), y)
                loss.backward()
                opt.step()
                sched.step()
                losses.append(loss.detach())
            values = [float(v) for v in torch.stack(losses).cpu()]
            first, last = sum(values[:10]) / 10, sum(values[-10:]) / 10
            problems = []
            if worst > ORACLE_RTOL:
                problems.append(f"LR off the oracle by {worst:.3g}")
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


def _compiled_run(build: Callable, steps: int, device: str, backend: str, replace_with_float: bool = False):
    """Run a compiled Adam step with tensor LRs; returns (compiles after warm-up, LR values, tensors kept)."""
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
    warmup, seen, after_warmup = 3, [], 0
    for t in range(warmup + steps):
        if t == warmup:
            after_warmup = counter.count
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
    torch._dynamo.reset()
    kept = all(group["lr"] is tensor for group, tensor in zip(opt.param_groups, tensors))
    return counter.count - after_warmup, counter.count, seen, kept


def check_compile(n: int, device: str, backend: str = "inductor") -> List[Result]:
    import logging

    quiet = logging.getLogger("torch._dynamo")  # "Profiler record function ... will be ignored"
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # torch.jit deprecations on importing inductor
            return _check_compile(n, device, backend)
    finally:
        quiet.setLevel(level)


def _check_compile(n: int, device: str, backend: str) -> List[Result]:
    steps = min(30, max(10, n))
    # Short schedules so the LR moves on every measured step.
    chosen = [
        ("CosineAnnealingWarmbootingLR", lambda o: CosineAnnealingWarmbootingLR(
            o, total_steps=steps + 3, warmup_steps=4, steps=[(steps + 3) // 2], epoch_scale=0.0),
         lambda t, b: oracles.cosine_annealing_warmbooting_lr(t, b, steps + 3, 4, [(steps + 3) // 2], 0.05, 0.8, 0.0)),
        ("WarmupCosineLR", lambda o: WarmupCosineLR(o, 4, steps + 3, eta_min=1e-4),
         lambda t, b: oracles.warmup_cosine_lr(t, b, 4, steps + 3, 1e-4)),
        ("LinearWarmup(CosineAnnealingLR)", lambda o: LinearWarmup(
            o, 4, after=torch_sched.CosineAnnealingLR(o, steps, eta_min=1e-4)),
         lambda t, b: oracles.linear_warmup_lr(t, b, 4, after=lambda u: oracles.cosine_annealing_lr(u, b, steps, 1e-4))),
    ]
    label = f"5 compile[{backend}]"
    results: List[Result] = []
    for name, build, oracle in chosen:
        start = time.perf_counter()
        try:
            run = _compiled_run(build, steps, device, backend)
        except CompilerUnavailable as exc:
            # On CPU a missing toolchain is an environment limit (skip); on CUDA it is a failure.
            status = "skip" if device == "cpu" else "fail"
            detail = f"torch.compile is unavailable on {device}: {exc}"
            return [Result(label, "all", device, steps, None, time.perf_counter() - start, status, detail)]
        except Exception as exc:  # noqa: BLE001
            run = exc

        def body(run=run, oracle=oracle):
            if isinstance(run, Exception):
                raise run
            recompiles, total, seen, kept = run
            worst = max(_worst(values, [oracle(t, b) for b in BASES]) for t, values in enumerate(seen))
            distinct = len({tuple(v) for v in seen[3:]})
            problems = []
            if recompiles:
                problems.append(f"{recompiles} recompilation(s) while the LR changed")
            if distinct < steps // 2:
                problems.append(f"the LR took only {distinct} values in {steps} steps")
            if not kept:
                problems.append("a param group's LR tensor was replaced, not updated in place")
            if worst > TENSOR_RTOL:
                problems.append(f"LR off the oracle by {worst:.3g}")
            detail = "; ".join(problems) or f"{total} compilation(s), 0 after warm-up, {distinct} LR values"
            return worst, "fail" if problems else "pass", detail, {}
        result = _timed(label, name, device, steps, body)
        result.seconds = time.perf_counter() - start
        results.append(result)

    def control():
        recompiles, _, _, _ = _compiled_run(chosen[1][1], steps, device, "eager", replace_with_float=True)
        ok = recompiles > 0
        detail = (f"replacing the LR tensor by a float: {recompiles} recompilation(s) detected" if ok
                  else "replacing the LR tensor by a float caused no detected recompilation: the counter is blind")
        return None, "pass" if ok else "fail", detail, {}
    results.append(_timed("5 compile control", "float LR replaces the tensor", device, steps, control))
    return results
