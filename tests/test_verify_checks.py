"""Each check of `reviewer verify` (1-5) fails on a schedule with the bug it exists to catch.

Every buggy schedule runs through all the checks that take schedules, and the test asserts the
exact set that fails, and that the failure names the step and the values.
"""

import math
import re
from bisect import bisect_right

import pytest

torch = pytest.importorskip("torch")
from torch.optim import lr_scheduler  # noqa: E402

from reviewer.reference import checks, oracles  # noqa: E402
from reviewer.reference.schedulers import CosineAnnealingWarmbootingLR, WarmupCosineLR  # noqa: E402

N = 200  # steps: every default case still crosses its warm-up, restarts and end
STEP_MESSAGE = re.compile(r"step (\d+), group (\d+): LR (\S+) where (the oracle|PyTorch|the uninterrupted run) "
                          r"gives (\S+) \(relative error")


class OffByOne(WarmupCosineLR):
    """Reads the LR of the next step."""

    def _lr_at(self, t):
        return super()._lr_at(t + 1)


class SlightlyOff(WarmupCosineLR):
    """One part in a billion too high: invisible on a plot, beyond the oracle's 1e-12."""

    error = 1e-9

    def _lr_at(self, t):
        return [value * (1 + self.error) for value in super()._lr_at(t)]


class OffForPyTorch(SlightlyOff):
    """Beyond the 1e-9 allowed against PyTorch's float arithmetic."""

    error = 1e-7


class NoFloor(CosineAnnealingWarmbootingLR):
    """The warm-boot reference without its floor on later segments: the peak is `step_scale ** k` alone."""

    def _lr_at(self, t):
        if t < self.warmup_steps:
            return self._warmup_lrs(t)
        t = min(t, self.total_steps)
        segment = min(bisect_right(self._starts, t) - 1, len(self._starts) - 1)
        start = self._starts[segment]
        last = segment == len(self._starts) - 1
        period = self.total_steps - start if last else self._starts[segment + 1] - start + self.extension_steps
        cosine = 0.5 * (1 + math.cos(math.pi * (t - start) / period))
        factor = self.eta_min + (self.step_scale ** segment - self.eta_min) * cosine
        return [base * factor for base in self._bases()]


class Compounding(WarmupCosineLR):
    """Multiplies the LR in the groups by the schedule's factor on every step, instead of setting it."""

    def _update_lr(self, epoch=None):
        self.last_epoch += 1
        factors = [value / base for value, base in zip(self._lr_at(self.last_epoch), self._bases())]
        self._apply([group["lr"] * factor for group, factor in zip(self.optimizer.param_groups, factors)])


class LosesCounter(WarmupCosineLR):
    """Its state_dict leaves out the step counter, so a resumed run starts the schedule again."""

    def state_dict(self):
        state = super().state_dict()
        del state["last_epoch"]
        return state


class Remembers:
    """Something a scheduler keeps that torch.load's safe loader refuses to rebuild."""


class KeepsAnObject(WarmupCosineLR):
    """Its state_dict holds an object of its own class: a checkpoint that only
    `torch.load(..., weights_only=False)`, the unsafe loader, can read back."""

    def state_dict(self):
        return {**super().state_dict(), "memo": Remembers()}

    def load_state_dict(self, state):
        super().load_state_dict({k: v for k, v in state.items() if k != "memo"})


class FloatLR(WarmupCosineLR):
    """Writes a Python float where the param group holds an LR tensor."""

    def _apply(self, values):
        for group, value in zip(self.optimizer.param_groups, values):
            group["lr"] = float(value)
        self._last_lr = [float(v) for v in values]


class LateFloat(WarmupCosineLR):
    """Writes floats from the scheduler step of step 4 on: the compiled step, specialised on the tensor, recompiles."""

    def _apply(self, values):
        if self.last_epoch < 5:
            return super()._apply(values)
        FloatLR._apply(self, values)


class NewTensor(WarmupCosineLR):
    """Replaces the LR tensor by a new one instead of filling it in place."""

    def _apply(self, values):
        for group, value in zip(self.optimizer.param_groups, values):
            group["lr"] = torch.tensor(float(value), device=group["lr"].device) \
                if isinstance(group["lr"], torch.Tensor) else value
        self._last_lr = [float(v) for v in values]


def warmup_cosine(cls, warm, total):
    return checks.Case(cls.__name__, lambda o: cls(o, warm, total, eta_min=1e-4, warmup_start_factor=0.1),
                       lambda t, b: oracles.warmup_cosine_lr(t, b, warm, total, 1e-4, 0.1))


def crawling(t, base):
    """An LR far too small to train, that still moves: the oracle agrees, only the loss can tell."""
    return base * 1e-5 * (1 + t / 1000)


CRAWL = checks.Case("crawling", lambda o: lr_scheduler.LambdaLR(o, lambda t: 1e-5 * (1 + t / 1000)), crawling)


def failing(case):
    """{check number: detail} of the checks 1, 3, 4 and 5 that fail on `case` (one schedule each)."""
    results = (checks.check_oracle(N, [case]) + checks.check_resume(N, [case])
               + checks.check_training(N, "cpu", [case]) + checks.check_compile(N, "cpu", "eager", [case])[:-1])
    return {int(r.check[0]): r.detail for r in results if r.status == "fail"}


def test_the_reference_schedules_pass_every_check():
    assert failing(warmup_cosine(WarmupCosineLR, 10, 160)) == {}


def step_of(detail):
    match = STEP_MESSAGE.search(detail)
    assert match, detail
    return int(match.group(1)), float(match.group(3)), float(match.group(5))


def test_off_by_one_step_fails_every_oracle_comparison_but_not_resume():
    failed = failing(warmup_cosine(OffByOne, 10, 160))
    assert failed.keys() == {1, 4, 5}
    step, got, want = step_of(failed[1])
    assert (step, got, want) == (0, pytest.approx(0.1 * 0.19), pytest.approx(0.1 * 0.1))
    # the compiled run (float32 tensors) names the same step and values
    assert step_of(failed[5]) == (0, pytest.approx(0.1 * 0.19, rel=1e-6), pytest.approx(0.1 * 0.1))


def test_an_error_of_one_in_a_billion_fails_the_oracle_check():
    failed = failing(warmup_cosine(SlightlyOff, 10, 160))
    assert failed.keys() == {1, 4}  # float32 tensors (check 5) cannot see 1e-9
    assert "(relative error 1e-09 > 1e-12)" in failed[1]


def test_the_oracle_check_alone_fails_one_part_in_a_billion():
    [result] = checks.check_oracle(N, [warmup_cosine(SlightlyOff, 10, 160)])
    assert result.status == "fail" and result.detail.endswith("(relative error 1e-09 > 1e-12)")


def test_the_warmboot_reference_without_its_floor_fails_oracle_and_pytorch(monkeypatch):
    monkeypatch.setattr(CosineAnnealingWarmbootingLR, "_lr_at", NoFloor._lr_at)
    oracle = {r.schedule: r for r in checks.check_oracle(N)}
    assert [name for name, r in oracle.items() if r.status == "fail"] == ["CosineAnnealingWarmbootingLR(steps)"]
    # Segment 3 starts at step 100 and peaks at 0.5 ** 3 = 0.125 of the base, below the floor 0.2.
    step, got, want = step_of(oracle["CosineAnnealingWarmbootingLR(steps)"].detail)
    assert (step, got, want) == (100, pytest.approx(0.1 * 0.125), pytest.approx(0.1 * 0.2))
    compared = {r.schedule: r for r in checks.check_torch(N)}
    assert {r.device for r in compared.values()} == {"cpu"}
    failed = [name for name, r in compared.items() if r.status == "fail"]
    assert failed == ["CosineAnnealingWarmbootingLR vs LinearLR + CosineAnnealingLR per segment + ConstantLR"]
    assert "where PyTorch gives" in compared[failed[0]].detail


def test_compounding_fails_the_oracle_and_resume():
    failed = failing(warmup_cosine(Compounding, 10, 160))
    assert failed.keys() == {1, 3, 4, 5}  # restored from its state, the LR follows another history
    step, got, want = step_of(failed[1])
    assert step == 1 and got == pytest.approx(want * 0.1)  # step 0's factor 0.1, applied again


def test_a_state_dict_that_loses_the_counter_fails_only_resume():
    failed = failing(warmup_cosine(LosesCounter, 10, 160))
    assert failed.keys() == {3}
    first = failed[3].split("; ")[0]
    assert first.startswith("resumed at step 10: step 10, group 0: LR ")
    step, got, want = step_of(first)
    assert step == 10 and got == pytest.approx(0.01) and want == pytest.approx(0.1)


def test_a_state_dict_the_safe_loader_refuses_fails_only_resume():
    failed = failing(warmup_cosine(KeepsAnObject, 10, 160))
    assert failed.keys() == {3} and failed[3].startswith("UnpicklingError: Weights only load failed")


def test_an_lr_too_small_to_train_fails_only_training():
    failed = failing(CRAWL)
    assert failed.keys() == {4}
    assert failed[4].startswith("loss did not decrease (")


@pytest.mark.parametrize("cls, message", [
    (FloatLR, "step 0: a param group's LR tensor was replaced by a float, not updated in place"),
    (NewTensor, "step 0: a param group's LR tensor was replaced by another tensor, not updated in place"),
])
def test_replacing_the_lr_tensor_fails_only_compile(cls, message):
    failed = failing(warmup_cosine(cls, 4, 33))
    assert failed.keys() == {5}
    assert message in failed[5].split("; ")


def test_pytorch_comparison_fails_off_by_one_and_an_error_beyond_its_tolerance():
    w, total = 10, 160
    chain = checks.stepped(lambda o: lr_scheduler.SequentialLR(o, [
        lr_scheduler.LinearLR(o, 0.1, 1.0, total_iters=w),
        lr_scheduler.CosineAnnealingLR(o, total - w, eta_min=1e-4)], milestones=[w]))
    pairs = [checks.Comparison(cls.__name__, total, checks.BASES,
                               lambda o, cls=cls: cls(o, w, total, eta_min=1e-4, warmup_start_factor=0.1), chain)
             for cls in (WarmupCosineLR, OffByOne, OffForPyTorch)]
    results = checks.check_torch(N, pairs)
    assert [r.status for r in results] == ["pass", "fail", "fail"]
    assert step_of(results[1].detail)[0] == 0
    assert "(relative error 1e-07 > 1e-09)" in results[2].detail


def test_a_comparison_of_the_wrong_length_fails():
    pair = checks.Comparison("short", 5, checks.BASES, lambda o: WarmupCosineLR(o, 1, 4),
                             lambda bases, steps: [[0.1, 0.01]])
    [result] = checks.check_torch(N, [pair])
    assert result.status == "fail" and result.detail == "ValueError: PyTorch gave 1 steps for 5"


def test_an_lr_that_does_not_move_fails_only_compile():
    constant = checks.Case("constant", lambda o: lr_scheduler.LambdaLR(o, lambda t: 1.0), lambda t, b: b)
    failed = failing(constant)
    assert failed == {5: "the LR took only 1 values in 30 steps"}


def test_a_compiler_that_fails_is_a_skip_on_cpu_and_a_failure_on_cuda(monkeypatch):
    def broken(gm, example_inputs):
        raise RuntimeError("no C++ compiler\nmore")

    monkeypatch.setattr(checks._CompileCounter, "__call__", lambda self, gm, inputs: broken(gm, inputs))
    [result] = checks.check_compile(10, "cpu", "eager")
    assert (result.status, result.schedule) == ("skip", "all")
    # Only the first line of the compiler's message, which names the backend that raised.
    assert result.detail.startswith("torch.compile is unavailable on cpu: BackendCompilerFailed: backend=")
    assert "\n" not in result.detail

    def unavailable(*args, **kwargs):
        raise checks.CompilerUnavailable("RuntimeError: no Triton")

    monkeypatch.setattr(checks, "_compiled_run", unavailable)
    [result] = checks.check_compile(10, "cuda", "inductor")
    assert (result.status, result.detail) == ("fail", "torch.compile is unavailable on cuda: RuntimeError: no Triton")


def test_a_compiled_run_that_crashes_fails_with_its_reason(monkeypatch):
    def crash(*args, **kwargs):
        raise ValueError("bad LR")

    monkeypatch.setattr(checks, "_compiled_run", crash)
    results = checks.check_compile(10, "cpu", "eager", [warmup_cosine(WarmupCosineLR, 4, 13)])
    assert [(r.check, r.status, r.detail) for r in results] == [
        ("5 compile[eager]", "fail", "ValueError: bad LR"),
        ("5 compile control", "fail", "ValueError: bad LR"),
    ]


# ---------------------------------------------------------------- the verify command's reporting

def run_verify(**kwargs):
    import io

    from reviewer.reference import verify

    out = io.StringIO()
    return verify.main(out=out, **kwargs), out.getvalue()


def test_auto_picks_the_cpu_without_cuda(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    code, text = run_verify(device="auto", steps=20, checks=[1])
    assert code == 0 and "device cpu (" in text and "; auto: no CUDA device)" in text


def test_json_lists_the_plots(tmp_path):
    import json

    code, text = run_verify(device="cpu", steps=20, checks=[1, 3], output_format="json", plot_dir=str(tmp_path))
    document = json.loads(text)
    assert code == 0 and document["passed"] is True
    # Resume has no curve of its own: one PNG per oracle comparison only.
    assert sorted(document["plots"]["files"]) == sorted(str(p) for p in tmp_path.glob("1-oracle-*.png"))
    assert len(document["plots"]["files"]) == 5 and not list(tmp_path.glob("3-*"))


def test_plots_without_matplotlib_say_so(monkeypatch, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    code, text = run_verify(device="cpu", steps=20, checks=[1], plot_dir=str(tmp_path))
    assert code == 0
    assert "plots skipped: matplotlib is not installed (pip install 'reviewer[plot]')" in text
    assert not list(tmp_path.iterdir())


def test_a_float_written_mid_run_recompiles_and_fails_compile():
    failed = failing(warmup_cosine(LateFloat, 4, 33))
    assert failed.keys() == {5}
    problems = failed[5].split("; ")
    assert re.fullmatch(r"step 5: \d+ recompilation\(s\) while the LR changed", problems[0]), problems
    assert problems[1] == "step 4: a param group's LR tensor was replaced by a float, not updated in place"


def test_the_compiled_step_counts_as_the_optimizer_s_step_for_the_scheduler():
    """The compiled bare step bypasses the scheduler's tracking of optimizer steps: without
    marking it, every run would warn that the scheduler stepped before the optimizer."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = checks.check_compile(10, "cpu", "eager", [warmup_cosine(WarmupCosineLR, 3, 20)])
    assert [r.status for r in results] == ["pass"] * len(results)
    assert not [w for w in caught if "lr_scheduler.step()" in str(w.message)]


def test_the_training_check_fits_a_well_formed_regression():
    """Targets the model's shape: a broadcast target would train on another problem, and
    torch warns about it."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        [result] = checks.check_training(60, "cpu", [warmup_cosine(WarmupCosineLR, 3, 60)])
    assert result.status == "pass", result.detail
    assert [str(w.message) for w in caught] == []


def test_the_pytorch_comparisons_and_what_they_cover():
    assert [c.name for c in checks.torch_comparisons(N)] == [
        "WarmupCosineLR vs SequentialLR(LinearLR, CosineAnnealingLR)",
        "WarmupCosineLR past its end vs SequentialLR(LinearLR, CosineAnnealingLR, ConstantLR)",
        "LinearWarmup(CosineAnnealingLR) vs SequentialLR",
        "LinearWarmup vs LinearLR",
        "CosineAnnealingWarmbootingLR(step_scale=1) vs CosineAnnealingWarmRestarts",
        "CosineAnnealingWarmbootingLR vs LinearLR + CosineAnnealingLR per segment + ConstantLR",
        "CosineAnnealingWarmbootingLR, peaks above the floor, vs LinearLR + CosineAnnealingLR per segment",
    ]


def test_the_oracle_check_plots_the_first_group():
    [result] = checks.check_oracle(N, [checks.reference_cases(N)[2]])
    assert result.series["reference"] == pytest.approx(result.series["oracle"], rel=1e-12)
    assert result.series["oracle"][-1] == pytest.approx(
        checks.reference_cases(N)[2].oracle(N - 1, checks.BASES[0]), rel=1e-15)


@pytest.mark.parametrize("n, steps", [(10, 60), (200, 200), (2000, 300)])
def test_the_training_check_runs_between_60_and_300_steps(n, steps):
    [result] = checks.check_training(n, "cpu", [warmup_cosine(WarmupCosineLR, 3, 60)])
    assert result.status == "pass" and result.steps == steps


def test_the_warm_boot_comparisons_cross_increasing_restarts_with_peaks_below_and_above_the_floor():
    sixth, seventh = checks.torch_comparisons(N)[5:]
    peaks = {}
    for comparison in (sixth, seventh):
        sched = comparison.ours(checks.make_optimizer(comparison.bases))
        points = [sched.warmup_steps, *sched.restarts, sched.total_steps]
        # every segment spans a tenth of the run at least: each cosine has room to be compared
        assert min(b - a for a, b in zip(points, points[1:])) >= sched.total_steps // 10, points
        peaks[comparison.name] = [max(sched.step_scale ** k, sched.eta_min) for k in range(1, len(sched.restarts) + 1)]
    assert peaks[sixth.name][-1] == sixth.ours(checks.make_optimizer(sixth.bases)).eta_min  # at the floor
    assert min(peaks[seventh.name]) > seventh.ours(checks.make_optimizer(seventh.bases)).eta_min


def test_the_resume_check_runs_on_the_cpu_and_says_so():
    [result] = checks.check_resume(N, [warmup_cosine(WarmupCosineLR, 10, 160)])
    assert (result.check, result.device, result.status) == ("3 resume", "cpu", "pass")


def test_the_reference_cases_lengths_are_whole_steps_for_any_n():
    """Horizons scale with n by integer division: 30 steps give a warm-up of 1 step, not 1.5."""
    [case] = [c for c in checks.reference_cases(30) if c.name == "WarmupCosineLR"]
    scheduler = case.build(torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1))
    assert (scheduler.warmup_steps, scheduler.total_steps) == (1, 24)
    assert type(scheduler.warmup_steps) is int


class RetunedAtStepThree(WarmupCosineLR):
    """Changes a hyperparameter the compiled step reads, once, after its third step."""

    def step(self, *args, **kwargs):
        super().step(*args, **kwargs)
        if self.last_epoch == 3:
            for group in self.optimizer.param_groups:
                group["weight_decay"] = 0.01


def test_a_recompilation_right_after_the_warm_up_steps_is_counted():
    """The compile check ignores the first 3 steps (compilation itself) and no more: a
    recompilation at step 3 fails it."""
    [result] = checks.check_compile(N, "cpu", "eager", [warmup_cosine(RetunedAtStepThree, 10, 160)])[:-1]
    assert result.status == "fail" and result.detail.startswith("step 3: 1 recompilation(s)"), result.detail


def test_the_reference_schedules_are_named_as_the_report_shows_them():
    """The report's rows name each reference schedule (the two warm-boot cases by how their
    restarts are given)."""
    assert [case.name for case in checks.reference_cases(100)] == [
        "CosineAnnealingWarmbootingLR(epochs)", "CosineAnnealingWarmbootingLR(steps)", "WarmupCosineLR",
        "LinearWarmup", "LinearWarmup(CosineAnnealingLR)"]


def test_a_warmboot_scheduler_built_at_a_step_continues_from_it():
    """`last_epoch=k` (with each group's `initial_lr`, as PyTorch requires) starts the
    schedule after step k, as an uninterrupted run has it after k + 1 steps."""
    def build(opt, **kwargs):
        return CosineAnnealingWarmbootingLR(opt, epochs=20, steps_per_epoch=5, warmup_epochs=2, steps=[14, 8, 8, 1, 25],
                                            eta_min=0.05, step_scale=0.8, epoch_scale=1.0, **kwargs)

    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
    scheduler = build(opt)
    for _ in range(37):
        opt.step()
        scheduler.step()
    resumed_opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
    resumed_opt.param_groups[0]["initial_lr"] = 0.1
    resumed = build(resumed_opt, last_epoch=36)
    assert resumed.last_epoch == scheduler.last_epoch == 37
    assert resumed_opt.param_groups[0]["lr"] == opt.param_groups[0]["lr"] != 0.1
