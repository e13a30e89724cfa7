"""`reviewer trace`: the checks on curves, schedule discovery, and runs of real files.

The checks and discovery are tested directly (no process); the runs batch many files into
a few `reviewer trace` invocations, each one child process importing torch once.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import textwrap
from pathlib import Path

import libcst as cst
import pytest

from reviewer.analysis import FileAnalysis
from reviewer.trace import properties as p
from reviewer.trace.arguments import ArgsError, parse_args_option
from reviewer.trace.discovery import discover
from reviewer.trace.report import sparkline

ROOT = Path(__file__).resolve().parents[1]
torch = pytest.importorskip("torch")


def _judge(curve, target=None, **result):
    target = {"counter_driven": True, "kind": "optimizer", **(target or {})}
    return {c.name: c for c in p.judge({"lrs": [[v] for v in curve], **result}, target)}


def _failed(checks):
    return {name for name, c in checks.items() if c.failed}


# -- the checks ---------------------------------------------------------------------------------

COSINE = [0.05 * (1 + math.cos(math.pi * t / 100)) for t in range(100)]


def test_a_cosine_passes_every_check():
    checks = _judge(COSINE, horizon_known=True)
    assert sorted(checks) == ["collapse", "decay", "finite", "moves", "runs"]
    assert _failed(checks) == set()


def test_flat_curve_fails_moves_only_when_computed_from_a_counter():
    flat = [0.1] * 20
    assert _failed(_judge(flat)) == {"moves"}
    assert _judge(flat)["moves"].message == ("the LR stays at 0.1 for all 20 steps, though the schedule "
                                             "computes it from a step counter")
    assert _failed(_judge(flat, {"counter_driven": False})) == set()
    short = _judge(flat, declared_length=30000)["moves"]  # a decay interval longer than the trace
    assert short.note and "fewer than the 30000 steps of a length it declares" in short.message


def test_compounding_collapses_at_the_step_it_falls_below_the_floor():
    curve = [0.1 * 0.5 ** (t * t) for t in range(30)]
    check = _judge(curve, horizon_known=True)["collapse"]
    assert check.failed and check.step == 7  # 0.5**49 < 1e-12 <= 0.5**36
    assert "falls below 1e-12 of its peak 0.1 at step 7" in check.message


def test_without_a_horizon_only_an_early_collapse_counts():
    late = [0.1 * 0.9 ** t for t in range(1000)]  # an exponential decay traced for an arbitrary 1000 steps
    assert not _judge(late)["collapse"].failed
    assert _judge(late, horizon_known=True)["collapse"].failed


def test_non_finite_or_negative_fails_at_its_step():
    assert _judge([0.1, 0.1, float("nan"), 0.1])["finite"].step == 2
    assert _judge([0.1, -0.1])["finite"].message == "group 0 has LR -0.1 at step 1"
    past = _judge([0.1, 0.05, 0.0, -0.05], horizon=3)["finite"]
    assert past.message == "group 0 has LR -0.05 at step 3, past the horizon of 3 steps"


def test_a_schedule_error_fails_runs_with_its_step_and_message():
    checks = _judge([0.1, 0.1], error={"step": 2, "message": "ZeroDivisionError: division by zero (line 9)"})
    assert checks["runs"].message == "raised at step 2: ZeroDivisionError: division by zero (line 9)"
    building = _judge([], error={"step": None, "message": "TypeError: x"})
    assert list(building) == ["runs"] and building["runs"].message == "raised at building it: TypeError: x"


def test_warmup_checks_monotone_rise_and_a_peak_within_its_length():
    good = [0.1 * (t + 1) / 10 for t in range(10)] + COSINE
    assert _failed(_judge(good, values={"warmup_steps": 10})) == set()
    late = [0.1 * (t + 1) / 10 for t in range(30)]
    check = _judge(late, values={"warmup_steps": 10})["warmup"]
    assert check.failed and check.step == 29
    assert check.message.startswith("group 0: the peak 0.3 comes at step 29, after the 10-step warm-up")
    falling = [0.1, 0.05, 0.06, 0.07] + COSINE
    assert _judge(falling, values={"warmup_steps": 3})["warmup"].message == (
        "group 0: the LR falls during the 3-step warm-up, from 0.1 to 0.05 at step 1")
    early = [0.1 * (t + 1) / 10 for t in range(9)] + [0.1] + COSINE  # counter advanced before use: peak at 9
    assert not _judge(early, values={"warmup_steps": 10})["warmup"].failed


def test_a_warmup_from_zero_is_a_note_not_a_failure():
    checks = _judge([0.1 * t / 10 for t in range(11)] + COSINE, values={"warmup_steps": 10})
    assert checks["warmup-start"].note and not checks["warmup-start"].passed
    assert _failed(checks) == set()


def test_decay_climbing_and_rising_after_the_peak_fail_but_restarts_do_not():
    climbing = list(reversed(COSINE))
    guessed = _judge(climbing, horizon_known=True)["decay"]  # a horizon from a name may end a warm-up
    assert guessed.note and guessed.message.startswith("group 0: the LR only rises over the 100 steps traced")
    check = _judge(climbing, horizon_known=True, steps_given=True)["decay"]
    assert check.failed and check.message == "group 0: the LR climbs from 2.467e-05 at step 0 to 0.1 at step 99 and never decays"
    restarts = COSINE[:50] + COSINE[:50]
    assert not _judge(restarts)["decay"].failed
    stairs = [0.1] * 10 + [0.05] * 10 + [0.1] * 10 + [0.05] * 10  # a step schedule restarted at step 20
    assert not _judge(stairs)["decay"].failed
    bump = COSINE[:40] + [COSINE[39] * 1.01] + COSINE[41:]
    assert _judge(bump)["decay"].step == 40
    assert "decay" not in _judge(climbing, {"cyclic": True})


def test_counters_that_never_advance_after_their_first_write():
    checks = _judge(COSINE[:4], counters={"iters": [-1, 1, 1, 1], "batch": [0, 1, 2, 3]})
    assert checks["counter"].message == "self.iters stays at 1 over 4 steps: a counter that never advances"
    assert not _judge(COSINE[:4], counters={"epoch": [0, 0, 1, 1, 2, 2]})["counter"].failed


def test_a_second_instance_must_give_the_same_curve():
    shared = _judge(COSINE[:5], again={"lrs": [[v / 2] for v in COSINE[:5]], "error": None},
                    reread={"lrs": [[1.0]] * 5, "error": None})
    assert shared["instances"].step == 0 and "the instances share state" in shared["instances"].message
    assert "calls" not in shared  # no baseline to compare the extra reads with
    assert not _judge(COSINE[:5], again={"lrs": [[v] for v in COSINE[:5]], "error": None})["instances"].failed


def test_extra_reads_resume_and_optimizer_sync():
    changed = _judge(COSINE[:5], reread={"lrs": [[v] for v in COSINE[:3]] + [[1.0], [1.0]], "error": None})["calls"]
    assert changed.step == 3 and "group 0 at step 3 is 1 instead of" in changed.message
    resumed = {"at": 2, "lrs": [[v] for v in COSINE[2:5]], "error": None}
    assert not _judge(COSINE[:5], resume=resumed)["resume"].failed
    lost = {"at": 2, "lrs": [[COSINE[0]]] * 3, "error": None}
    assert _judge(COSINE[:5], resume=lost)["resume"].step == 2
    sync = _judge(COSINE[:5], {"kind": "torch"}, sync={"step": 3, "groups": 0.1, "last": 0.2})["optimizer-sync"]
    assert sync.message == "after step 3 the optimizer's LR is 0.1 but get_last_lr() says 0.2"


def test_horizon_warmup_and_batches_come_from_names_of_whole_numbers():
    values = {"total_steps": 500, "warmup_epochs": 2, "steps_per_epoch": 10, "lr": 0.1, "max_epochs": 5.5}
    assert p.horizon(values) == 500 and p.per_epoch(values) == 10
    assert p.horizon({"epochs": 3, "iters_per_epoch": 100}) == 300 and p.horizon({"epochs": 3}, batches=4) == 12
    assert p.warmup(values) == 2 and p.warmup(values, 10) == 20
    assert p.warmup({"warmup_ratio": 0.1}) is None and p.horizon({"lr": 0.1}) is None


def test_sparkline_scales_between_the_lowest_and_highest_values():
    assert sparkline([0.0, 1.0]) == "▁█"
    assert sparkline([0.1] * 3) == "▄▄▄"
    assert sparkline([0.0, float("nan")]) == "▄?"
    assert len(sparkline(COSINE)) == 40


# -- discovery (static) --------------------------------------------------------------------------

def _targets(source: str, given=None):
    source = textwrap.dedent(source)
    found, skipped = discover(FileAnalysis(cst.parse_module(source), source, "t.py"), given or {})
    return {t.name: t for t in found}, skipped


def test_kinds_come_from_what_the_class_does_not_its_name():
    found, _ = _targets("""
        import math
        from torch.optim import lr_scheduler as S

        class A(S.LRScheduler):
            def __init__(self, o, total, last_epoch=-1):
                self.total = total
                super().__init__(o, last_epoch)
            def get_lr(self):
                return [b * (1 - self.last_epoch / self.total) for b in self.base_lrs]

        class B:
            def __init__(self, model, handle, total=10):
                self.h = handle
                self.total, self.n = total, 0
            def step(self):
                self.n += 1
                for g in self.h.param_groups:
                    g["lr"] = 0.1 * math.cos(self.n / self.total)

        class C:
            def __init__(self, peak, total):
                self.peak, self.total, self.t = peak, total, 0
            def step(self):
                self.t += 1
                return self.peak * (1 - self.t / self.total)
    """)
    assert (found["A"].kind, found["A"].optimizer_param, found["A"].extra_reads) == ("torch", "o", [])
    assert (found["B"].kind, found["B"].optimizer_param, found["B"].counters) == ("optimizer", "handle", ["n"])
    assert (found["C"].kind, found["C"].read, found["C"].counter_driven) == ("object", "return", True)


def test_functions_of_the_step_lambdas_and_what_is_not_a_schedule():
    found, _ = _targets("""
        import argparse, math
        from torch.optim.lr_scheduler import LambdaLR

        parser = argparse.ArgumentParser()
        parser.add_argument("--epochs", type=int, default=30)
        args = parser.parse_args()
        WARMUP = 5

        def get_lr(it, total):
            return 0.1 * it / total

        def factory(total):
            return lambda e: 1 - e / total

        def train(model, optimizer, loader):
            for g in optimizer.param_groups:
                g["lr"] = 0.1

        def build(optimizer):
            epochs = args.epochs
            lf = lambda x: (1 - x / epochs) * (1 - hyp) + hyp
            return LambdaLR(optimizer, lf)

        def loop(optimizer):
            for step in range(100):
                lr = get_lr(step, total=args.epochs * 10 + WARMUP)
                for group in optimizer.param_groups:
                    group["lr"] = lr
    """)
    assert sorted(found) == ["build.lf", "get_lr"]
    assert (found["get_lr"].kind, found["get_lr"].step_param) == ("function", "it")
    assert found["get_lr"].arguments == {"total": "305"} and found["get_lr"].origins == {"total": "call at line 27"}
    lf = found["build.lf"]
    assert (lf.kind, lf.wrapper, lf.free, lf.unfilled) == ("factor", "LambdaLR", {"epochs": "30"}, ["hyp"])
    given, _ = _targets("""
        from torch.optim.lr_scheduler import LambdaLR
        def build(optimizer, hyp):
            return LambdaLR(optimizer, lambda x: 1 - x * hyp)
    """, parse_args_option(["build(hyp=0.01)"]))
    assert given["build.lambda@4"].free == {"hyp": "0.01"} and given["build.lambda@4"].unfilled == []


def test_args_option_errors_are_one_line():
    assert parse_args_option(["A(total=10, peak=0.1 * 2)"]) == {"A": {"total": "10", "peak": "0.1 * 2"}}
    for bad in ("A", "A(10)", "A(total=", "A(**k)"):
        with pytest.raises(ArgsError, match="--args"):
            parse_args_option([bad])


# -- runs ----------------------------------------------------------------------------------------

def _trace(*arguments: str):
    done = subprocess.run([sys.executable, "-m", "reviewer", "trace", *arguments, "--output-format", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    return done.returncode, json.loads(done.stdout) if done.stdout.strip() else None, done.stderr


# schedule rule fixture -> (schedule, --args, the checks its buggy version fails)
RULE_FIXTURES = {
    "counter-reset/published_seed": ("WarmRestartCosine", "WarmRestartCosine(epochs=11, warmup_epoch=1, batchs=5)",
                                     {"counter", "collapse", "warmup"}),
    "counter-reset/shapes": ("PolyDecay", "PolyDecay(max_iters=10)", {"counter", "moves"}),
    "cumulative-lr-decay/shapes": ("CosineScheduler", "CosineScheduler(total_epochs=100)", {"collapse", "resume"}),
    "cumulative-warmup/shapes": ("LinearWarmup", "LinearWarmup(lr=0.1, warmup=5)", {"warmup", "resume"}),
    "inverted-cosine-annealing/rising": ("CosineWithRestarts", "CosineWithRestarts(period=10)", {"decay"}),
    "schedule-division-by-zero/shapes": ("WarmupCosine", "WarmupCosine(max_epochs=5, warmup_epochs=5)", {"runs"}),
    "warmup-never-reaches-peak/off_by_one": ("unclamped", "unclamped(warmup_steps=5)", {"warmup", "decay"}),
    "poly-decay-past-horizon/unclamped": ("poly_lr", "poly_lr(max_iter=10)", {"runs"}),
    "mutable-default-argument/fold_restarts": ("CosineRestarts", "CosineRestarts(epochs=10)", {"instances", "resume"}),
}


def _rule_specs(suffix: str):
    specs, given = [], []
    for stem, (name, args, _) in RULE_FIXTURES.items():
        specs.append(f"fixtures/{stem}{suffix}::{name}")
        given += ["--args", args]
    return specs, given


@pytest.mark.long
def test_every_schedule_rule_fixture_fails_its_property_and_its_fix_passes():
    for suffix, expect_failures in ((".py", True), (".fixed.py", False)):
        specs, given = _rule_specs(suffix)
        code, report, _ = _trace(*specs, *given)
        schedules = report["schedules"]
        assert [s["status"] for s in schedules] == ["failed" if expect_failures else "passed"] * len(RULE_FIXTURES), schedules
        assert code == (1 if expect_failures else 0)
        for (stem, (_, _, failing)), schedule in zip(RULE_FIXTURES.items(), schedules):
            failed = {c["name"] for c in schedule["checks"] if not c["passed"] and not c["note"]}
            assert failed == (failing if expect_failures else set()), (stem, schedule["checks"])


def test_the_seed_reports_each_bug_and_the_climbing_cosine_once_the_counter_and_compounding_are_fixed(tmp_path):
    from reviewer import registry
    from reviewer.fixer import fix_text

    seed = ROOT / "fixtures/counter-reset/published_seed.py"
    partly = fix_text(str(seed), seed.read_text(), registry.select(["counter-reset", "cumulative-lr-decay"]), unsafe=True)
    path = tmp_path / "seed_partly_fixed.py"
    path.write_text(partly.text)
    code, report, _ = _trace(str(path), "--args", "WarmRestartCosine(epochs=11, warmup_epoch=1, batchs=5)")
    decay = next(c for c in report["schedules"][0]["checks"] if c["name"] == "decay")
    assert code == 1 and not decay["passed"] and "climbs" in decay["message"]


def test_import_failures_timeouts_unfilled_and_the_main_guard(tmp_path):
    (tmp_path / "broken.py").write_text("import not_a_module_here\n\ndef get_lr(it):\n    return 0.1 * it\n")
    (tmp_path / "slow.py").write_text(textwrap.dedent("""
        class Slow:
            def __init__(self, optimizer):
                self.optimizer, self.n = optimizer, 0
            def step(self):
                self.n += 1
                while True:
                    pass
                for g in self.optimizer.param_groups:
                    g["lr"] = 0.1 / self.n
    """))
    (tmp_path / "guarded.py").write_text(textwrap.dedent("""
        def lr_at(step, total=20):
            return 0.1 * max(0.0, 1 - step / total)

        def lr_for(step, total):
            return 0.1 * (1 - step / total)

        def lr_after(step, total=10):
            return 0.1 * max(0.0, 1 - step / total)

        def lr_hungry(step, total=10):
            return 0.1 * len(bytearray(8 * 2 ** 30)) / 2 ** 33  # past the child's 4 GB address space

        class Poly:
            def __init__(self, optimizer, max_iters=0, power=0.9):
                self.optimizer, self.max_iters, self.power, self.it = optimizer, max_iters, power, 0
            def step(self):
                self.it += 1
                for g in self.optimizer.param_groups:
                    g["lr"] = 0.1 * max(0.0, 1 - self.it / self.max_iters) ** self.power

        class Plateau:
            def __init__(self, optimizer):
                self.optimizer, self.n = optimizer, 0
            def step(self, epoch, metric):
                self.n += 1
                for g in self.optimizer.param_groups:
                    g["lr"] = 0.1 / self.n

        if __name__ == "__main__":
            Poly(None, niters=100)  # this call itself would fail: its niters is dropped, not an error
            raise SystemExit(3)
    """))
    (tmp_path / "latin.py").write_bytes("# -*- coding: latin-1 -*-\n# d\xe9croissance\n"
                                         "def lr_of(step, total=10):\n    return 0.1 * max(0.0, 1 - step / total)\n"
                                         .encode("latin-1"))
    code, report, _ = _trace(str(tmp_path / "broken.py"), str(tmp_path / "slow.py"), str(tmp_path / "guarded.py"),
                             str(tmp_path / "latin.py"), "--timeout", "1", "--args", "lr_after(warm=3)")
    by_name = {s["name"]: s for s in report["schedules"]}
    assert by_name["get_lr"]["reason"] == ("importing the file failed: ModuleNotFoundError: "
                                           "No module named 'not_a_module_here' (line 1)")
    assert by_name["Slow"]["reason"] == "timed out after 1 s (lower --steps or raise --timeout)"
    assert by_name["lr_for"]["reason"] == "could not fill total: give them with --args 'lr_for(total=...)'"
    assert by_name["lr_at"]["status"] == "passed" and by_name["lr_at"]["steps"] == 22  # 2 steps past its horizon
    assert by_name["lr_after"]["reason"] == "arguments it does not take: warm (it takes step, total)"
    assert by_name["Poly"]["reason"] == ("could not fill max_iters (a default max_iters=0 is a placeholder for a length): "
                                         "give them with --args 'Poly(max_iters=...)'")
    assert by_name["Plateau"]["reason"] == ("cannot drive it: its step() also needs metric, which a training loop's "
                                            "step does not give")
    assert by_name["lr_of"]["status"] == "passed"  # read in the encoding its coding line names
    hungry = by_name["lr_hungry"]["checks"][0]
    assert hungry["name"] == "runs" and hungry["message"].startswith("raised at step 0: MemoryError")
    assert code == 1


def test_exit_codes_and_one_line_errors(tmp_path):
    code, report, err = _trace("fixtures/counter-reset/shapes.py::Nope")
    assert code == 2 and report["schedules"] == []
    assert report["errors"] == ["fixtures/counter-reset/shapes.py: no schedule named Nope (schedules found: "
                                "PolyDecay, TrainerLR, WarmupThenConstant)"]
    (tmp_path / "bad.py").write_text("def (:\n")
    code, report, _ = _trace(str(tmp_path / "bad.py"))
    assert code == 2 and report["errors"][0].startswith(f"{tmp_path / 'bad.py'}:1:")
    done = subprocess.run([sys.executable, "-m", "reviewer", "trace", "x.py", "--args", "A(1)"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and "--args 'A(1)': give every argument as key=value" in done.stderr


@pytest.mark.long
def test_compare_fix_and_plot(tmp_path):
    plot = tmp_path / "curves.png"
    done = subprocess.run([sys.executable, "-m", "reviewer", "trace", "fixtures/cumulative-lr-decay/shapes.py::CosineScheduler",
                           "--args", "CosineScheduler(total_epochs=100)", "--compare-fix", "--plot", str(plot), "--color", "never"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "fixtures/cumulative-lr-decay/shapes.py:5: CosineScheduler (optimizer, 100 steps, cpu) FAILED"
    assert "  FAIL collapse: group 0: the LR falls below 1e-12 of its peak 0.09998 at step 66 and stays there (0 at step 99)" in lines
    assert "  fixed: passed: runs, finite, counter, moves, collapse, decay, instances, calls, resume" in lines
    assert lines[-1] == "1 schedule: 0 passed, 1 failed, 0 not traced"
    assert done.stderr.startswith("note: reviewer trace imports and runs the code it traces")
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_check_trace_adds_what_the_run_shows_to_schedule_findings():
    done = subprocess.run([sys.executable, "-m", "reviewer", "check", "fixtures/cumulative-lr-decay/shapes.py", "--trace",
                           "--no-cache", "--output-format", "concise", "--select", "RV102,RV107"],
                          capture_output=True, text=True, cwd=ROOT)
    lines = done.stdout.splitlines()
    assert done.returncode == 1 and done.stderr.startswith("note: reviewer check --trace imports and runs the code it traces")
    assert lines[0].startswith("fixtures/cumulative-lr-decay/shapes.py:16:9: RV102 ")
    assert lines[0].endswith("Traced: collapse: group 0: the LR falls below 1e-12 of its peak 0.09998 at step 66 and "
                             "stays there (0 at step 99); resume: resumed at step 33 given its state_dict(): group 0 at "
                             "step 33 is 0.07409 where the uninterrupted run gives 0.003075.")
    assert lines[2].startswith("fixtures/cumulative-lr-decay/shapes.py:57:18: RV107 ")
    assert lines[2].endswith("Not traced: could not fill max_iter: give them with --args 'PolyLR(max_iter=...)'.")
    plain = subprocess.run([sys.executable, "-m", "reviewer", "check", "fixtures/cumulative-lr-decay/shapes.py",
                            "--no-cache", "--output-format", "concise", "--select", "RV102"],
                           capture_output=True, text=True, cwd=ROOT)
    assert "Traced" not in plain.stdout and "imports and runs" not in plain.stderr


def test_per_epoch_sets_the_batches_between_per_epoch_steps():
    code, report, _ = _trace("fixtures/counter-reset/published_seed.fixed.py::WarmRestartCosine", "--per-epoch", "4",
                             "--args", "WarmRestartCosine(epochs=11, warmup_epoch=1, batchs=4)")
    schedule = report["schedules"][0]
    curve = [row[0] for row in schedule["lrs"]]
    assert code == 0 and schedule["steps"] == 44 and len(curve) == 44  # 11 epochs of 4 batches
    assert curve[4:8] == [curve[4]] * 4  # the per-epoch LR holds for the epoch's 4 batches


def test_device_cuda_without_a_gpu_is_an_error_not_a_silent_cpu_run():
    if torch.cuda.is_available():
        pytest.skip("a CUDA device is present")
    code, report, _ = _trace("fixtures/cumulative-lr-decay/shapes.py::CosineScheduler", "--device", "cuda")
    assert code == 2
    assert report["schedules"][0]["reason"] == "not run: --device cuda was requested but torch.cuda.is_available() is false"


@pytest.mark.gpu
def test_rule_fixtures_on_cuda_fail_the_same_checks():
    if not torch.cuda.is_available():
        pytest.skip("needs a CUDA device: torch.cuda.is_available() is false")
    specs, given = _rule_specs(".py")
    code, report, _ = _trace(*specs, *given, "--device", "cuda")
    assert code == 1 and {s["device"] for s in report["schedules"]} == {"cuda"}
    for (stem, (_, _, failing)), schedule in zip(RULE_FIXTURES.items(), report["schedules"]):
        assert {c["name"] for c in schedule["checks"] if not c["passed"] and not c["note"]} == failing, stem


def test_discovery_facts_beyond_names():
    found, skipped = _targets("""
        import numpy as np
        from torch.optim.lr_scheduler import _LRScheduler, LambdaLR

        class Base(_LRScheduler):
            def get_lr(self):
                raise NotImplementedError

        class PerBatch(_LRScheduler):
            def __init__(self, optimizer, epochs, iters_per_epoch=10):
                self.epochs, self.iters_per_epoch, self.cur_iter = epochs, iters_per_epoch, 0
                super().__init__(optimizer)
            def get_lr(self):
                t = self.last_epoch * self.iters_per_epoch + self.cur_iter
                self.cur_iter += 1
                return [b * (1 - t / (self.epochs * self.iters_per_epoch)) for b in self.base_lrs]

        class Poly:
            def __init__(self, base_lr, total):
                self.base_lr, self.total = base_lr, total
            def __call__(self, optimizer, it):
                for g in optimizer.param_groups:
                    g["lr"] = self.base_lr * (1 - it / self.total) ** 0.9

        def one_based(optimizer, epoch, total=10):
            for g in optimizer.param_groups:
                g["lr"] = 0.1 * (1 - (epoch - 1) / total)

        def table(epoch, num_epochs):
            steps = np.linspace(1, 0, num_epochs)
            idx = epoch - 2
            return steps[idx]

        def train(model, optimizer, loader, epoch):
            for x in loader:
                optimizer.zero_grad()
                model(x).backward()
            for g in optimizer.param_groups:
                g["lr"] = 0.1 * 0.9 ** epoch

        def build(optimizer, warmup=100):
            return LambdaLR(optimizer, lambda s: min(1.0, s / warmup))

        scheduler = LambdaLR(None, table)
    """)
    assert [(s.name, s.reason) for s in skipped] == [("Base", "abstract: get_lr() raises NotImplementedError")]
    assert sorted(found) == ["PerBatch", "Poly", "build.lambda@42", "one_based", "table"]
    assert found["PerBatch"].epoch_stepped and not found["Poly"].epoch_stepped
    assert (found["Poly"].kind, found["Poly"].optimizer_param, found["Poly"].step_method) == ("optimizer", None, "__call__")
    assert found["one_based"].first_step == 1 and found["table"].cyclic and not found["one_based"].cyclic
    assert found["build.lambda@42"].free == {"warmup": "100"}  # the enclosing function's default


@pytest.mark.long
def test_readme_trace_example_is_real():
    import re
    import shlex

    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```console\n\$ (reviewer trace examples/.*?)\n(.*?)```", readme, re.S)
    done = subprocess.run([sys.executable, "-m", "reviewer", *shlex.split(block.group(1))[1:], "--color", "never"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert (done.stderr + done.stdout).splitlines() == block.group(2).splitlines()


def test_restarts_are_measured_against_the_fall_and_short_traces_say_so():
    envelope = []
    for cycle in range(4):  # restarts that warm up again under a shrinking envelope
        peak = 0.1 * 0.3 ** cycle
        envelope += [peak * (t + 1) / 5 for t in range(5)] + [peak * 0.5 * (1 + math.cos(math.pi * t / 20)) for t in range(20)]
    assert not _judge(envelope, values={"warmup_steps": 5})["decay"].failed
    inside = _judge([0.1 * t / 100 for t in range(1, 51)], values={"warmup_steps": 100})["warmup"]
    assert inside.note and inside.message == "the 50 steps traced end inside the 100-step warm-up: --steps traces further"
    assert p.longest_length({"anneal_interval": 30000, "warmup_steps": 4000, "T": 7}) == 30000


@pytest.mark.long
def test_packages_argv_keyword_only_factors_and_declared_lengths(tmp_path):
    package = tmp_path / "proj" / "pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "consts.py").write_text("TOTAL = 50\n")
    (package / "sched.py").write_text(textwrap.dedent("""
        import math
        import sys
        from functools import partial
        from torch.optim.lr_scheduler import LambdaLR
        from .consts import TOTAL

        assert sys.argv == [__file__], sys.argv  # the child's own arguments are not the file's
        assert __name__ == "pkg.sched", __name__

        def lr_at(step, total=TOTAL):
            return 0.1 * 0.5 * (1 + math.cos(math.pi * min(step, total) / total))

        def _lambda(current_step, *, num_warmup_steps):
            return min(1.0, (current_step + 1) / num_warmup_steps)

        def build(optimizer, warmup):
            return LambdaLR(optimizer, partial(_lambda, num_warmup_steps=warmup))

        def step_lr_decay(iters, base=0.1, anneal_interval=3000):
            return base * 0.5 ** (iters // anneal_interval)

        def assign(optimizer, lr):
            for group in optimizer.param_groups:
                group["lr"] = lr

        def cosine_lr(optimizer, base_lr, warmup_length, steps):
            def _adjust(step):  # a closure the factory returns, called with the step
                if step < warmup_length:
                    lr = base_lr * (step + 1) / warmup_length
                else:
                    lr = 0.5 * (1 + math.cos(math.pi * (step - warmup_length) / (steps - warmup_length))) * base_lr
                assign(optimizer, lr)
                return lr
            return _adjust
    """))
    code, report, _ = _trace(str(package / "sched.py"), "--args", "cosine_lr(warmup_length=10, steps=100)")
    by_name = {s["name"]: s for s in report["schedules"]}
    factory = by_name["cosine_lr"]
    assert (factory["kind"], factory["status"], factory["steps"]) == ("factory", "passed", 110)
    assert factory["origins"] == {"base_lr": "the trace's base LR", "warmup_length": "--args", "steps": "--args"}
    assert by_name["lr_at"]["status"] == "passed" and by_name["lr_at"]["steps"] == 55
    assert by_name["_lambda"]["reason"] == "could not fill num_warmup_steps: give them with --args '_lambda(num_warmup_steps=...)'"
    assert by_name["step_lr_decay"]["status"] == "passed" and by_name["step_lr_decay"]["steps"] == 6000  # twice the interval
    assert code == 0


def test_without_torch_trace_says_so_and_check_trace_only_warns(monkeypatch):
    from click.testing import CliRunner

    from reviewer.cli import main
    from reviewer.trace import command, evidence

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(command, "torch_installed", lambda: False)
    monkeypatch.setattr(evidence, "torch_installed", lambda: False)
    result = CliRunner().invoke(main, ["trace", "examples/train_warmboot.py"])
    assert result.exit_code == 2
    assert result.stderr == "reviewer: error: reviewer trace needs PyTorch: pip install 'reviewer[torch]'\n"
    checked = CliRunner().invoke(main, ["check", "fixtures/cumulative-lr-decay/shapes.py", "--trace",
                                                        "--no-cache", "--output-format", "concise", "--select", "RV102"])
    assert checked.exit_code == 1 and "Traced" not in checked.stdout
    assert ("reviewer: warning: --trace: reviewer trace needs PyTorch: pip install 'reviewer[torch]'; nothing was traced"
            in checked.stderr)


def test_a_decay_ends_near_the_minimum_it_declares():
    def cosine(floor, total=100):
        return [floor + (0.1 - floor) * 0.5 * (1 + math.cos(math.pi * t / total)) for t in range(total)]

    covered = {"horizon_known": True}
    assert _judge(cosine(0.001), values={"eta_min": 0.001, "T_max": 100}, **covered)["decay-end"].passed
    assert _judge(cosine(0.005), values={"eta_min": 0.05, "T_max": 100}, **covered)["decay-end"].passed  # a share
    settled = _judge(cosine(0.001)[:60] + [cosine(0.001)[59]] * 40, values={"eta_min": 0.001}, **covered)["decay-end"]
    assert settled.failed and settled.message.startswith("group 0: over its last 10 steps the LR gets no lower than")
    falling = _judge(cosine(0.0, 200)[:100], values={"min_lr": 0.0}, **covered)["decay-end"]
    assert falling.note and "still falling at the last step traced" in falling.message
    assert "decay-end" not in _judge(cosine(0.001), values={"eta_min": 0.001}, horizon_known=True, steps_given=True)


def test_functions_returning_other_values_are_not_factories():
    found, _ = _targets("""
        import torch

        def make(total):
            return total * 2

        def unbound():
            return missing_name

        def lr_factory(optimizer, total):
            def inner(step, extra):
                return step / total
            return inner
    """)
    assert found == {}
