"""`reviewer.reference.verify.main`: the harness behind `reviewer verify`."""

import dataclasses
import inspect
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer.reference import verify

ROOT = Path(__file__).resolve().parent.parent
FOUNDING = ROOT / "fixtures" / "counter-reset" / "founding_scheduler.py"
FOUNDING_HEADER = (
    '# verify: {"entry": "CosineRestartsWithWarmup", "kwargs": {"base_lr": 0.1, "epochs": 11, "eta_min": 0.05, '
    '"warmup_epoch": 1, "batchs": 5}, "lr": 0.1, "phases": [{"call": "step_batch", "n": 5}, '
    '{"call": "step", "n": 11}], "record": "after", "reference": {"name": "CosineAnnealingWarmbootingLR", '
    '"kwargs": {"total_steps": 15, "warmup_steps": 5, "eta_min": 0.05}}}'
)


def run(**kwargs):
    out = io.StringIO()
    code = verify.main(out=out, **kwargs)
    return code, out.getvalue()


def test_torch_missing_exits_2_with_one_line(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)  # `import torch` raises ImportError
    code, text = run(device="cpu")
    assert code == 2
    assert text == "reviewer verify needs PyTorch: pip install 'reviewer[torch]'\n"
    code, text = run(output_format="json")
    assert code == 2 and json.loads(text) == {"error": verify.TORCH_MISSING}


def test_output_goes_to_the_current_stdout(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "torch", None)
    assert verify.main() == 2
    assert capsys.readouterr().out == verify.TORCH_MISSING + "\n"


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="^device must be one of auto, cpu, cuda, got 'tpu'$"):
        verify.main(device="tpu", out=io.StringIO())
    with pytest.raises(ValueError, match="^output_format must be one of text, json, got 'xml'$"):
        verify.main(output_format="xml", out=io.StringIO())
    with pytest.raises(ValueError, match="^steps must be positive, got 0$"):
        verify.main(steps=0, out=io.StringIO())


torch = pytest.importorskip("torch")


def test_cpu_checks_pass_and_fixtures_skip_cleanly(tmp_path):
    (tmp_path / "some-rule").mkdir()
    (tmp_path / "some-rule" / "case.py").write_text("x = 1\n")
    code, text = run(device="cpu", steps=200, checks=[1, 2, 3, 4, 6], fixtures_dir=str(tmp_path))
    assert code == 0, text
    assert "reviewer verify: device cpu" in text
    for check in ("1 oracle", "2 torch", "3 resume", "4 training"):
        assert check in text
    assert "FAIL" not in text
    assert "skipped: no runnable fixtures" in text
    assert "0 failed, 1 skipped" in text


def test_json_output(tmp_path):
    code, text = run(device="cpu", steps=60, checks=[1, 6], output_format="json", fixtures_dir=str(tmp_path))
    document = json.loads(text)
    assert code == 0 and document["passed"] is True
    assert document["device"] == "cpu" and document["steps"] == 60
    rows = document["results"]
    assert {row["check"] for row in rows} == {"1 oracle", "6 fixtures"}
    assert all(set(row) == {"check", "schedule", "device", "steps", "max_error", "seconds", "status", "detail"}
               for row in rows)
    assert [row["status"] for row in rows if row["check"] == "6 fixtures"] == ["skip"]


def test_missing_fixtures_directory_is_a_skip(tmp_path):
    code, text = run(device="cpu", checks=[6], fixtures_dir=str(tmp_path / "nowhere"))
    assert code == 0 and "skipped: no fixtures directory" in text


def test_compile_check_with_the_eager_backend():
    code, text = run(device="cpu", steps=12, checks=[5], compile_backend="eager")
    assert code == 0, text
    assert "5 compile[eager]" in text and "5 compile control" in text


@pytest.mark.slow
def test_compile_check_with_inductor_on_cpu():
    code, text = run(device="cpu", steps=12, checks=[5])  # a cold inductor start takes 20 s or more
    assert code == 0, text
    assert ("5 compile[inductor]" in text and "PASS" in text) or "torch.compile is unavailable on cpu" in text


def test_a_blind_recompilation_counter_fails(monkeypatch):
    from reviewer.reference import checks

    real = checks._compiled_run

    def blind(*args, **kwargs):
        return dataclasses.replace(real(*args, **kwargs), recompiles=0)

    monkeypatch.setattr(checks, "_compiled_run", blind)
    code, text = run(device="cpu", steps=10, checks=[5], compile_backend="eager")
    assert code == 1 and "the counter is blind" in text


def test_cuda_requested_without_cuda_fails(tmp_path):
    if torch.cuda.is_available():
        pytest.skip("a CUDA device is present")
    code, text = run(device="cuda", checks=[1])
    assert code == 1 and "torch.cuda.is_available() is false" in text
    code, text = run(device="cuda", checks=[1], steps=7, output_format="json", plot_dir=str(tmp_path))
    document = json.loads(text)
    assert (code, document["device_name"], document["plots"]["files"]) == (1, "unavailable", [])
    assert document["steps"] == 7
    assert [(r["check"], r["schedule"], r["steps"], r["seconds"], r["status"], r["detail"]) for r in document["results"]] == [
        ("device", "-", 0, 0.0, "fail", "--device cuda was requested but torch.cuda.is_available() is false")]


def test_a_cuda_device_is_named_in_the_header(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda index: f"Fake GPU {index}")
    monkeypatch.setattr(verify, "_run_checks", lambda *args: None)
    code, text = run(device="auto", steps=1)
    assert code == 0 and text.startswith("reviewer verify: device cuda (Fake GPU 0; auto: CUDA available), torch ")


@pytest.mark.parametrize("check", [1, 2, 3, 4])
def test_each_check_number_runs_that_check_alone(check):
    code, text = run(device="cpu", steps=1 if check == 1 else 60, checks=[check], output_format="json")
    rows = json.loads(text)["results"]
    assert code == 0 and rows and {row["check"].split()[0] for row in rows} == {str(check)}


def test_a_failed_check_exits_1(monkeypatch):
    from reviewer.reference import checks, oracles

    monkeypatch.setattr(oracles, "linear_warmup_lr", lambda t, b, *a, **k: b)
    code, text = run(device="cpu", steps=50, checks=[1])
    assert code == 1
    assert "FAIL 1 oracle LinearWarmup" in text
    assert checks.ORACLE_RTOL == 1e-12


# ---------------------------------------------------------------- check 6: the autofixed fixtures

def _fixture(tmp_path, text, folder="rule", name="case.py"):
    (tmp_path / folder).mkdir(exist_ok=True)
    path = tmp_path / folder / name
    path.write_text(text)
    return path


@pytest.mark.skipif(not FOUNDING.exists(), reason="fixtures/counter-reset/founding_scheduler.py is not there")
def test_founding_fixture_fixed_follows_the_reference_and_original_does_not(tmp_path):
    text = FOUNDING.read_text()
    if "# verify:" not in text:
        text = FOUNDING_HEADER + "\n" + text
    _fixture(tmp_path, text, "counter-reset", "founding_scheduler.py")
    from reviewer.reference.fixture_runs import check_fixtures

    [result] = check_fixtures(tmp_path)
    assert result.status == "pass", result.detail
    assert result.max_error is not None and result.max_error <= 1e-9
    assert "original diverges" in result.detail
    assert len(result.series["fixed"]) == len(result.series["reference"]) == 16


BUGGY_NO_RULE = '''
# verify: {"entry": "Halving", "lr": 0.1, "n": 6, "record": "after", "reference": {"name": "LinearWarmup", "kwargs": {"warmup_steps": 3}}}
class Halving:
    def __init__(self, optimizer):
        self.optimizer = optimizer

    def step(self):
        for group in self.optimizer.param_groups:
            group["lr"] = group["lr"] / 2
'''


def test_fixture_the_fixer_does_not_change_fails(tmp_path):
    _fixture(tmp_path, BUGGY_NO_RULE)
    from reviewer.reference.fixture_runs import check_fixtures

    [result] = check_fixtures(tmp_path)
    assert result.status == "fail"
    assert "the fixer changed nothing" in result.detail.split("; ")
    assert "fixed code does not follow the reference" in result.detail


CORRECT_FUNCTION = '''
# verify: {"entry": "lr_at", "kind": "function", "lr": 0.5, "n": 30, "kwargs": {"warmup": 10, "total": 25}, "reference": {"name": "WarmupCosineLR", "kwargs": {"warmup_steps": 10, "total_steps": 25, "warmup_start_factor": 0.0}}}
import math


def lr_at(t, warmup, total, peak=0.5):
    if t < warmup:
        return peak * t / warmup
    progress = min(t, total) - warmup
    return peak * (1 + math.cos(math.pi * progress / (total - warmup))) / 2
'''


def test_fixture_whose_original_already_follows_fails(tmp_path):
    _fixture(tmp_path, CORRECT_FUNCTION)
    from reviewer.reference.fixture_runs import check_fixtures

    [result] = check_fixtures(tmp_path)
    assert result.status == "fail"
    assert "the original already follows the reference" in result.detail
    assert result.max_error == pytest.approx(0, abs=1e-12)  # the function kind runs and matches


def test_a_function_given_its_step_by_keyword_gets_its_other_arguments_too(tmp_path):
    """`"step_kwarg"`: the step goes in by name, and `args` still come first."""
    header = CORRECT_FUNCTION.replace('"kwargs": {"warmup": 10, "total": 25}', '"args": [10, 25], "step_kwarg": "t"')
    _fixture(tmp_path, header.replace("def lr_at(t, warmup, total, peak=0.5):", "def lr_at(warmup, total, peak=0.5, *, t):"))
    from reviewer.reference.fixture_runs import check_fixtures

    [result] = check_fixtures(tmp_path)
    assert "the original already follows the reference" in result.detail, result.detail
    assert result.max_error == pytest.approx(0, abs=1e-12)


def test_bad_headers_and_unimportable_fixtures_fail(tmp_path):
    _fixture(tmp_path, '# verify: {"entry": X}\nx = 1\n', name="bad_json.py")
    _fixture(tmp_path, '# verify: {"lr": 0.1}\n', name="no_entry.py")
    _fixture(tmp_path, BUGGY_NO_RULE + "\nraise ImportError('broken on purpose')\n", name="broken.py")
    _fixture(tmp_path, BUGGY_NO_RULE, name="ok.fixed.py")  # expected outputs are never run
    from reviewer.reference.fixture_runs import check_fixtures

    results = {Path(r.schedule.split(":")[0]).name: r for r in check_fixtures(tmp_path)}
    assert set(results) == {"bad_json.py", "no_entry.py", "broken.py"}
    assert "invalid JSON" in results["bad_json.py"].detail
    assert "needs at least" in results["no_entry.py"].detail
    assert "original could not be run: ImportError: broken on purpose" in results["broken.py"].detail
    assert all(r.status == "fail" and r.device == "cpu" for r in results.values())
    assert (results["bad_json.py"].steps, results["no_entry.py"].steps) == (0, 0)


HANGS = '''
# verify: {"entry": "Hangs", "lr": 0.1, "n": 3, "timeout": 2, "reference": {"name": "LinearWarmup", "kwargs": {"warmup_steps": 2}}}
class Hangs:
    def __init__(self, optimizer):
        self.optimizer = optimizer

    def step(self):
        while True:
            try:
                pass
            except Exception:
                pass
'''


def test_a_fixture_that_hangs_is_stopped_by_its_time_limit(tmp_path):
    _fixture(tmp_path, HANGS, name="hangs.py")
    _fixture(tmp_path, BUGGY_NO_RULE, name="after.py")  # the next case in the same child still runs
    from reviewer.reference.fixture_runs import check_fixtures

    results = {Path(r.schedule.split(":")[0]).name: r for r in check_fixtures(tmp_path)}
    assert "timed out after 2 s" in results["hangs.py"].detail
    assert results["hangs.py"].status == "fail"
    assert "timed out" not in results["after.py"].detail
    assert len(results["after.py"].series["original"]) == 6


RESET_RETURNS = '''
# verify: {"entry": "Poly", "kind": "returns", "kwargs": {"base_lr": 0.1, "total": 10}, "call": "__call__", "n": 9}
class Poly:
    """Holds no optimizer: the caller applies what it returns."""

    def __init__(self, base_lr, total):
        self.base_lr = base_lr
        self.total = total
        self.it = 0

    def __call__(self):
        self.it = 0
        return self.base_lr * (1 - self.it / self.total)
'''


def test_without_a_reference_the_fixed_copy_must_move_and_differ(tmp_path):
    _fixture(tmp_path, RESET_RETURNS, "counter-reset", "returns.py")
    from reviewer.reference.fixture_runs import check_fixtures

    [result] = check_fixtures(tmp_path)
    assert result.status == "pass", result.detail
    assert result.detail == "fixed runs a finite, moving schedule; the original runs another schedule"
    assert result.series["original"] == [0.1] * 9
    assert result.series["fixed"] == pytest.approx([0.1 * (1 - k / 10) for k in range(1, 10)])


EPOCH_ARGUMENT = '''
# verify: {"entry": "Constant", "lr": 0.1, "phases": [{"call": "step", "n": 4, "arg": "step"}], "record": "after"}
class Constant:
    def __init__(self, optimizer):
        self.optimizer = optimizer
        self.seen = []

    def step(self, epoch):
        self.seen.append(epoch)
        for group in self.optimizer.param_groups:
            group["lr"] = 0.1 if epoch < 10 else 0.01
'''


def test_without_a_reference_a_schedule_that_never_moves_fails(tmp_path):
    _fixture(tmp_path, EPOCH_ARGUMENT)
    from reviewer.reference.fixture_runs import check_fixtures

    [result] = check_fixtures(tmp_path)
    assert result.status == "fail"
    assert "the fixer changed nothing" in result.detail
    assert "fixed code does not run a finite, moving schedule: the LR never moves from 0.1" in result.detail
    assert result.series["fixed"] == [0.1] * 4  # step(epoch) got 0..3, all below 10


RISING = '''
# verify: {"entry": "Rising", "lr": 0.1, "phases": [{"call": "step", "n": 3}, {"call": "step", "n": 4, "anneals": true}], "record": "after"}
class Rising:
    def __init__(self, optimizer):
        self.optimizer = optimizer
        self.n = 0

    def step(self):
        self.n += 1
        for group in self.optimizer.param_groups:
            group["lr"] = 0.01 * self.n
'''


def test_without_a_reference_an_annealing_phase_must_not_rise(tmp_path):
    _fixture(tmp_path, RISING)
    from reviewer.reference.fixture_runs import check_fixtures

    [result] = check_fixtures(tmp_path)
    assert result.status == "fail"
    assert "step 4: the LR rises from 0.04 to 0.05 in an annealing phase" in result.detail


def test_a_schedule_rule_folder_without_a_declaration_fails(tmp_path):
    folder = tmp_path / "poly-decay-past-horizon"
    folder.mkdir()
    for path in (ROOT / "fixtures" / "poly-decay-past-horizon").glob("*.py"):
        kept = [line for line in path.read_text().splitlines(keepends=True) if not line.startswith("# verify:")]
        (folder / path.name).write_text("".join(kept))
    _fixture(tmp_path, "x = 1\n", "some-rule")  # a folder of a rule that changes no schedule needs none
    code, text = run(device="cpu", checks=[6], fixtures_dir=str(tmp_path))
    assert code == 1, text
    assert (f"FAIL 6 fixtures poly-decay-past-horizon/: poly-decay-past-horizon changes schedules but "
            f"{tmp_path.name}/poly-decay-past-horizon/ declares no runnable `# verify:` fixture") in text
    assert "some-rule" not in text
    assert "0 passed, 1 failed, 0 skipped" in text


def test_every_rule_that_changes_schedules_declares_a_runnable_fixture():
    from reviewer import registry
    from reviewer.reference.fixture_runs import default_fixtures_dir, discover

    declared = {path.relative_to(default_fixtures_dir()).parts[0] for path, _, _ in discover(default_fixtures_dir())}
    rules = {rule.name: rule for rule in registry.all_rules()}
    flagged = {name for name, rule in rules.items() if rule.changes_schedule}
    assert {name for name, rule in rules.items() if rule.__module__.startswith("reviewer.rules.schedule.")} <= flagged
    assert all(rules[name].fix_applicability is not None for name in flagged)  # the flag is about a fix
    assert flagged <= declared, sorted(flagged - declared)


LOOP_ON = '''
# verify: {{"entry": "fit", "kind": "loop", "args": ["$model", "$loader"], "data": 3, "n": 3}}
import torch


def fit(model, loader):
    optimizer = torch.optim.{0}(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    for x, y in loader:
        model(x, y).backward()
        optimizer.step()
        scheduler.step()
'''

KINDS = '''
class Halving:
    def __init__(self, optimizer=None):
        self.optimizer, self.lr = optimizer, 0.1

    def step(self):
        self.lr /= 2
        return self.lr


def lr_at(t):
    return 0.1 / (t + 1)
'''


def test_every_kind_runs_on_a_real_sgd(tmp_path):
    import torch

    from reviewer.reference._fixture_child import run as run_case

    path = _fixture(tmp_path, KINDS)
    specs = [{"entry": "Halving", "n": 3}, {"entry": "Halving", "kind": "returns", "n": 3},
             {"entry": "lr_at", "kind": "function", "n": 3},
             {"entry": "lr_at", "kind": "function", "returns": "factor", "lr": 0.5, "n": 3}]
    results = [run_case(str(path), spec, f"verify_kinds_{i}") for i, spec in enumerate(specs)]
    assert all(result["error"] is None for result in results), results
    assert all(result["optimizers"] == ["torch.optim.sgd.SGD"] for result in results)
    assert results[1]["lrs"] == [[0.05], [0.025], [0.0125]]  # what the schedule returns is what SGD holds
    assert results[2]["lrs"] == [[0.1], [0.05], [pytest.approx(0.1 / 3)]]
    assert results[3]["lrs"] == [[0.05], [0.025], [pytest.approx(0.5 * 0.1 / 3)]]  # LambdaLR: base LR * factor
    loop = run_case(str(_fixture(tmp_path, LOOP_ON.format("SGD"), name="loop.py")), {"entry": "fit", "kind": "loop",
                    "args": ["$model", "$loader"], "data": 3, "n": 3}, "verify_kinds_loop")
    assert loop["optimizers"] == ["torch.optim.sgd.SGD"]
    assert loop["lrs"] == [[0.1], [0.05], [0.025]]  # read by the step hook: the LR each update applies
    torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))]).step()
    assert len(loop["lrs"]) == 3  # the case's step hook is gone once it returns
    # placeholders given as keywords are built the same way, with the declared data size
    keywords = run_case(str(_fixture(tmp_path, LOOP_ON.format("SGD"), name="loop_kw.py")),
                        {"entry": "fit", "kind": "loop", "kwargs": {"model": "$model", "loader": "$loader"},
                         "data": 4, "n": 4}, "verify_kinds_loop_keywords")
    assert keywords["error"] is None and keywords["lrs"] == [[0.1], [0.05], [0.025], [0.0125]]


FAILING = '''
import torch


class Third:
    def __init__(self, optimizer, fail_on_construction=False):
        if fail_on_construction:
            raise ValueError("no schedule")
        self.optimizer, self.t = optimizer, 0

    def step(self):
        self.t += 1
        if self.t == 3:
            raise ZeroDivisionError("third step")


def lr_at(t):
    return 0.1 / (2 - t)


def fit(model, loader):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for t, (x, y) in enumerate(loader):
        model(x, y).backward()
        optimizer.step()
        if t == 1:
            raise RuntimeError("second batch")
'''


@pytest.mark.parametrize("spec, phase, error, line, steps", [
    ({"entry": "Third", "n": 4}, "step", "ZeroDivisionError: third step", 14, 3),
    ({"entry": "lr_at", "kind": "function", "n": 4}, "step", "ZeroDivisionError: float division by zero", 18, 2),
    ({"entry": "fit", "kind": "loop", "args": ["$model", "$loader"], "data": 4, "n": 4}, "step",
     "RuntimeError: second batch", 27, 2),
    ({"entry": "Third", "kwargs": {"fail_on_construction": True}, "n": 4}, "construct", "ValueError: no schedule",
     8, 0),
])
def test_a_run_that_raises_says_where_and_in_which_phase(tmp_path, spec, phase, error, line, steps):
    from reviewer.reference._fixture_child import run as run_case
    from reviewer.reference.fixture_runs import _raised

    result = run_case(str(_fixture(tmp_path, FAILING)), spec, f"verify_failing_{phase}_{line}")
    assert (result["phase"], result["error"], len(result["lrs"])) == (phase, f"{error} (line {line})", steps)
    where = "while building its schedule" if phase == "construct" else f"after {steps} step(s)"
    assert _raised(result) == f"raised {error} (line {line}) {where}"


def test_a_fixture_that_raises_on_import_says_so(tmp_path):
    from reviewer.reference._fixture_child import run as run_case
    from reviewer.reference.fixture_runs import _raised

    result = run_case(str(_fixture(tmp_path, "x = 1\nraise ImportError('no')\n")), {"entry": "f", "n": 1},
                      "verify_failing_import")
    assert (result["phase"], result["error"]) == ("import", "ImportError: no (line 2)")
    assert _raised(result) == "raised ImportError: no (line 2) while importing the fixture"


def test_a_fixed_copy_that_runs_on_another_optimizer_fails(tmp_path):
    _fixture(tmp_path, LOOP_ON.format("Adam"))
    from reviewer.reference.fixture_runs import check_fixtures

    [result] = check_fixtures(tmp_path)
    assert result.status == "fail"
    assert "fixed code ran on torch.optim.adam.Adam, not torch.optim.sgd.SGD alone" in result.detail


def test_repository_fixtures_do_not_fail():
    from reviewer.reference.fixture_runs import check_fixtures

    failures = [r for r in check_fixtures() if r.status == "fail"]
    assert not failures, [(r.schedule, r.detail) for r in failures]


def test_resume_checks_are_not_plotted(tmp_path):
    pytest.importorskip("matplotlib")
    code, text = run(device="cpu", steps=60, checks=[3], plot_dir=str(tmp_path))
    assert code == 0 and "plots: wrote 0 PNG file(s)" in text and not list(tmp_path.glob("*.png"))


def test_the_plot_folder_is_made_with_its_parents(tmp_path):
    pytest.importorskip("matplotlib")
    code, text = run(device="cpu", steps=10, checks=[1], plot_dir=str(tmp_path / "new" / "plots"))
    assert code == 0 and len(list((tmp_path / "new" / "plots").glob("1-*.png"))) == 5, text


def test_errors_are_shown_as_zero_or_in_scientific_notation():
    assert [verify._error(v) for v in (None, 0.0, 1.5e-3, 2e-13)] == ["-", "0", "1.50e-03", "2.00e-13"]


def test_plots_are_written(tmp_path):
    pytest.importorskip("matplotlib")
    if not FOUNDING.exists():
        pytest.skip("fixtures/counter-reset/founding_scheduler.py is not there")
    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    _fixture(fixtures, FOUNDING_HEADER + "\n" + FOUNDING.read_text().replace("# verify:", "# was:"), "counter-reset")
    code, text = run(device="cpu", steps=40, checks=[1, 6], fixtures_dir=str(fixtures), plot_dir=str(tmp_path / "p"))
    assert code == 0, text
    pngs = sorted(p.name for p in (tmp_path / "p").glob("*.png"))
    assert len(pngs) == 6  # five references against their oracle, one fixture
    assert any(name.startswith("6-fixtures-counter-reset") for name in pngs)
    assert all((tmp_path / "p" / name).read_bytes()[:4] == b"\x89PNG" for name in pngs)
    assert "plots: wrote 6 PNG file(s)" in text


# ---------------------------------------------------------------- CUDA

@pytest.mark.gpu
def test_verify_on_cuda(tmp_path):
    if not torch.cuda.is_available():
        pytest.skip("needs a CUDA device: torch.cuda.is_available() is false")
    code, text = run(device="cuda", steps=500, checks=[1, 2, 3, 4, 5], fixtures_dir=str(tmp_path))
    assert code == 0, text
    assert "reviewer verify: device cuda" in text


@pytest.mark.gpu
def test_auto_picks_cuda(tmp_path):
    if not torch.cuda.is_available():
        pytest.skip("needs a CUDA device: torch.cuda.is_available() is false")
    code, text = run(device="auto", steps=50, checks=[4], output_format="json")
    document = json.loads(text)
    assert code == 0 and document["device"] == "cuda" and document["device_choice"] == "auto: CUDA available"


NEARLY_COSINE = '''import math


# verify: {"entry": "cosine_lr", "kind": "function", "args": [10, PEAK, 0.0], "n": 10, RTOL"reference": {"name": "WarmupCosineLR", "kwargs": {"warmup_steps": 0, "total_steps": 10}}}
def cosine_lr(step, total, base_lr, min_lr):
    return min_lr + (base_lr - min_lr) * (1 - math.cos(math.pi * step / total)) / 2
'''


@pytest.mark.parametrize("rtol, status", [("", "fail"), ('"rtol": 1e-5, ', "pass")])
def test_a_fixed_copy_one_part_in_a_million_off_fails_at_the_default_tolerance(tmp_path, rtol, status):
    from reviewer.reference.fixture_runs import check_fixtures

    _fixture(tmp_path, NEARLY_COSINE.replace("PEAK", "0.1000001").replace("RTOL", rtol), "inverted-cosine-annealing")
    [result] = check_fixtures(tmp_path)
    assert result.status == status, result.detail
    if status == "fail":
        assert "fixed code does not follow the reference" in result.detail


# ---------------------------------------------------------------- check 6: every branch of the harness

def test_an_undecodable_file_is_not_a_fixture(tmp_path):
    from reviewer.reference.fixture_runs import discover

    (tmp_path / "rule").mkdir()
    (tmp_path / "rule" / "latin.py").write_bytes(b'# verify: {"entry": "f"}\nname = "\xe9"\n')
    assert discover(tmp_path) == []


def test_an_unknown_reference_fails_with_its_name(tmp_path):
    from reviewer.reference.fixture_runs import check_fixtures

    _fixture(tmp_path, CORRECT_FUNCTION.replace('"WarmupCosineLR"', '"NoSuchLR"'))
    [result] = check_fixtures(tmp_path)
    assert (result.schedule, result.device, result.steps, result.status) == ("rule/case.py:2 lr_at", "cpu", 30, "fail")
    assert result.detail.startswith("ValueError: unknown reference 'NoSuchLR' (one of CosineAnnealingWarmbootingLR")


def test_a_header_whose_steps_cannot_be_counted_fails_with_no_steps(tmp_path):
    from reviewer.reference.fixture_runs import check_fixtures

    _fixture(tmp_path, CORRECT_FUNCTION.replace('"n": 30', '"n": "thirty"'))
    [result] = check_fixtures(tmp_path)
    assert (result.schedule, result.device, result.steps, result.status) == ("rule/case.py:2 lr_at", "cpu", 0, "fail")
    assert result.detail.startswith("ValueError: invalid literal for int()")


def test_a_reference_that_wraps_a_pytorch_scheduler_is_built_with_it():
    from reviewer.reference import oracles
    from reviewer.reference.fixture_runs import reference_lrs

    spec = {"lr": 0.2, "reference": {"name": "LinearWarmup", "kwargs": {"warmup_steps": 3},
                                      "after": {"name": "StepLR", "kwargs": {"step_size": 2, "gamma": 0.5}}}}
    want = [oracles.linear_warmup_lr(t, 0.2, 3, after=lambda u: 0.2 * 0.5 ** (u // 2)) for t in range(9)]
    assert [row[0] for row in reference_lrs(spec, 9)] == pytest.approx(want, rel=1e-12)
    # a wrapped scheduler with its defaults: ConstantLR holds a third of the LR for 5 steps
    spec = {"lr": 0.3, "reference": {"name": "LinearWarmup", "kwargs": {"warmup_steps": 2},
                                      "after": {"name": "ConstantLR"}}}
    want = [oracles.linear_warmup_lr(t, 0.3, 2, after=lambda u: 0.1 if u < 5 else 0.3) for t in range(9)]
    assert [row[0] for row in reference_lrs(spec, 9)] == pytest.approx(want, rel=1e-12)


def test_a_child_past_its_time_limit_is_killed(tmp_path):
    from reviewer.reference.fixture_runs import _collect, _spawn

    fixture = tmp_path / "case" / "sleeps.py"
    fixture.parent.mkdir()
    fixture.write_text("import time\n\ntime.sleep(30)\n")
    case = {"index": 4, "path": str(fixture), "spec": {"entry": "f", "kind": "function", "n": 2}, "timeout": 60}
    child = _spawn([case], tmp_path)  # its own time limit is a minute: the parent's, 0.5 s, stops it
    assert _collect(child, 0.5, [4]) == {4: {"phase": "timeout", "lrs": [],
                                             "error": "timed out (the child ran past 0.5 s)"}}
    assert child.returncode is not None


def test_off_linux_the_children_are_spawned(monkeypatch):
    from reviewer import children

    assert children.context().get_start_method() == "forkserver"  # on Linux
    monkeypatch.setattr(sys, "platform", "darwin")
    assert children.context().get_start_method() == "spawn"


@pytest.mark.parametrize("got, problem", [
    ({"lrs": [[0.1, 0.1]]}, "step 0: 2 param groups, expected 1"),
    ({"lrs": [[0.1]]}, "only 1 of 2 steps"),
    ({"lrs": [[0.1]], "error": "ZeroDivisionError: division by zero"},
     "raised ZeroDivisionError: division by zero after 1 step(s)"),
    ({"lrs": [[0.1], [0.3]]}, "step 1: 0.3 instead of 0.05"),
    ({"phase": "step", "lrs": [], "error": "E: x"}, "raised E: x after 0 step(s)"),
    ({"phase": "import", "lrs": [], "error": "E: x"}, "raised E: x while importing the fixture"),
    ({"phase": "construct", "lrs": [], "error": "E: x"}, "raised E: x while building its schedule"),
    ({"phase": "timeout", "lrs": [], "error": "timed out after 5 s"}, "stopped: timed out after 5 s"),
    ({"phase": "crash", "lrs": [], "error": "the child exited with -9"}, "stopped: the child exited with -9"),
])
def test_how_a_run_fails_to_follow_its_reference(got, problem):
    from reviewer.reference.fixture_runs import _compare

    assert _compare(got, [[0.1], [0.05]], 1e-9)[1] == problem


@pytest.mark.parametrize("lrs, error, phases, problem", [
    ([[0.1]], "ValueError: x", None, "raised ValueError: x after 1 step(s)"),
    ([[0.1]], None, None, "only 1 of 3 steps"),
    ([[0.1], [float("nan")], [0.2]], None, None, "step 1: nan is not finite"),
    ([[0.1], [0.1], [0.1]], None, None, "the LR never moves from 0.1"),
    ([[0.3], [0.2], [0.3]], None, [{"n": 3, "anneals": True}],
     "step 2: the LR rises from 0.2 to 0.3 in an annealing phase"),
    ([[0.1], [0.2], [0.2]], None, [{"n": 1}, {"n": 2, "anneals": True}],
     "the annealing phase ends at 0.2, not below its start 0.2"),
])
def test_how_a_schedule_without_a_reference_fails(lrs, error, phases, problem):
    from reviewer.reference.fixture_runs import _moving

    spec = {"phases": phases} if phases else {}
    assert _moving({"lrs": lrs, "error": error}, 3, spec) == problem


@pytest.mark.parametrize("original, detail", [
    ({"phase": "step", "lrs": [[0.1], [0.05]], "error": "ZeroDivisionError: x (line 3)"},
     "the original raised ZeroDivisionError: x (line 3) after 2 step(s)"),
    ({"phase": "step", "lrs": [[0.1], [0.1]], "error": None}, "the original runs another schedule"),
])
def test_without_a_reference_the_original_must_raise_or_differ(original, detail):
    from reviewer.reference.fixture_runs import SGD, _judge

    fixed = {"phase": "step", "lrs": [[0.1], [0.05]], "error": None, "optimizers": [SGD]}
    result = _judge({}, "case", 2, None, "old", "new", None, {**original, "optimizers": [SGD]}, fixed, 0.0)
    assert (result.status, result.detail) == ("pass", f"fixed runs a finite, moving schedule; {detail}")
    same = _judge({}, "case", 2, None, "old", "new", None, dict(fixed), fixed, 0.0)
    assert same.status == "fail" and "the original already follows" in same.detail


def test_an_annealing_phase_may_end_flat_at_zero():
    from reviewer.reference.fixture_runs import _moving

    spec = {"phases": [{"n": 4, "anneals": True}]}
    assert _moving({"lrs": [[0.1], [0.05], [0.0], [0.0]]}, 4, spec) is None
    assert _moving({"lrs": [[0.1], [0.05], [0.05], [0.0]]}, 4, spec) is None  # a plateau is no rise


def test_a_fixer_error_is_reported(tmp_path, monkeypatch):
    from reviewer.reference import fixture_runs

    monkeypatch.setattr(fixture_runs, "fix", lambda path, text: (text, "a fix did not parse"))
    _fixture(tmp_path, CORRECT_FUNCTION)
    [result] = fixture_runs.check_fixtures(tmp_path)
    assert result.status == "fail" and "fixer: a fix did not parse" in result.detail


def test_the_child_without_interval_timers_runs_cases_and_reports_a_late_timeout(tmp_path, monkeypatch, capsys):
    from reviewer.reference import _fixture_child as child

    monkeypatch.delattr(child.signal, "setitimer")
    calls = []

    def run(path, spec, module_name):
        calls.append(module_name)
        if len(calls) == 2:
            raise child.CaseTimeout()  # rung outside the case's own handlers
        return {"phase": "done", "lrs": [[0.1]], "optimizers": [], "error": None}

    monkeypatch.setattr(child, "run", run)
    request = tmp_path / "request.json"
    request.write_text(json.dumps({"cases": [
        {"index": i, "path": str(tmp_path / f"case{i}.py"), "spec": {}, "timeout": 1.5} for i in (0, 1)]}))
    monkeypatch.setattr(sys, "argv", ["child", str(request)])
    monkeypatch.chdir(tmp_path)
    child.main()
    lines = [line.split(" ", 2) for line in capsys.readouterr().out.splitlines() if line]
    assert [(marker, index, json.loads(payload)) for marker, index, payload in lines] == [
        (child.MARKER, "0", {"phase": "done", "lrs": [[0.1]], "optimizers": [], "error": None}),
        (child.MARKER, "1", {"phase": "timeout", "lrs": [], "error": "timed out after 1.5 s"}),
    ]
    assert calls == ["reviewer_verify_fixture_0", "reviewer_verify_fixture_1"]


def test_json_says_which_device_was_chosen_and_why(monkeypatch):
    code, text = run(device="cpu", checks=[1], steps=40, output_format="json")
    document = json.loads(text)
    assert code == 0
    assert (document["device"], document["device_choice"], document["torch"]) == ("cpu", "requested", torch.__version__)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    document = json.loads(run(device="auto", checks=[1], steps=40, output_format="json")[1])
    assert (document["device"], document["device_choice"]) == ("cpu", "auto: no CUDA device")


def test_the_text_report_names_its_columns_and_shows_each_error():
    code, text = run(device="cpu", checks=[1], steps=40)
    header = text.splitlines()[2]
    first = next(line for line in text.splitlines() if line.startswith("1 oracle"))
    assert code == 0 and header.split() == ["check", "schedule", "device", "steps", "max", "error", "time", "result"]
    document = json.loads(run(device="cpu", checks=[1], steps=40, output_format="json")[1])
    error = document["results"][0]["max_error"]
    assert error is not None and first.split()[-3] == verify._error(error)


def test_a_fixtures_dataset_and_loader_hold_one_feature_per_sample():
    from reviewer.reference._fixture_child import _argument

    dataset = _argument("$dataset", 3)
    assert [tuple(t.shape) for t in dataset.tensors] == [(3, 1), (3, 1)]
    assert [tuple(x.shape) + tuple(y.shape) for x, y in _argument("$loader", 2)] == [(1, 1, 1, 1)] * 2
    assert _argument(7, 3) == 7


def test_a_child_that_dies_says_how():
    import subprocess

    from reviewer.reference.fixture_runs import _collect

    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stderr.write('boom\\n'); sys.exit(3)"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert _collect(child, 30, [0, 1]) == {
        i: {"phase": "crash", "lrs": [], "error": "the child exited with 3: boom"} for i in (0, 1)}


def test_no_fixtures_directory_is_one_skipped_row(tmp_path):
    from reviewer.reference.checks import Result
    from reviewer.reference.fixture_runs import LABEL, check_fixtures

    where = tmp_path / "nowhere"
    assert check_fixtures(where) == [Result(LABEL, "-", "cpu", 0, None, 0.0, "skip",
                                            f"skipped: no fixtures directory ({where})")]


def test_a_plot_shows_the_lr_series_that_have_values_and_never_the_loss(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    from matplotlib.axes import Axes

    from reviewer.reference.checks import Result

    drawn, plot = [], Axes.plot

    def recorded(self, *args, label, **kwargs):
        drawn.append(label)
        return plot(self, *args, label=label, **kwargs)

    monkeypatch.setattr(Axes, "plot", recorded)
    labels, set_ylabel = [], Axes.set_ylabel
    monkeypatch.setattr(Axes, "set_ylabel", lambda self, text, **kw: labels.append(text) or set_ylabel(self, text, **kw))
    both = Result("4 training", "S", "cpu", 2, 0.0, 0.0, "pass", series={"reference": [0.1, 0.05], "oracle": [],
                                                                            "loss": [2.0, 1.0]})
    only_loss = Result("4 training", "T", "cpu", 2, 0.0, 0.0, "pass", series={"loss": [2.0, 1.0]})
    written = verify.write_plots([both, only_loss], str(tmp_path))
    assert drawn == ["reference"] and [Path(f).name for f in written["files"]] == ["4-training-S.png"]
    assert labels == ["learning rate (group 0)"]  # what the plotted series is


def test_a_reference_takes_positional_arguments_and_an_offset():
    from reviewer.reference.fixture_runs import reference_lrs

    spec = {"lr": 0.2, "reference": {"name": "StepLR", "args": [2], "kwargs": {"gamma": 0.5}, "offset": 1}}
    assert [row[0] for row in reference_lrs(spec, 5)] == pytest.approx([0.2, 0.1, 0.1, 0.05, 0.05], rel=1e-12)


def test_the_fixtures_optimizer_is_sgd_with_one_group_per_base_lr():
    from reviewer.reference._fixture_child import optimizer_for

    optimizer = optimizer_for([0.1, 0.01])
    assert type(optimizer) is torch.optim.SGD and optimizer.defaults["lr"] == 0.1
    assert [g["lr"] for g in optimizer.param_groups] == [0.1, 0.01]
    assert all(p.grad is not None for g in optimizer.param_groups for p in g["params"])


def test_an_error_raised_outside_the_fixture_names_no_line(tmp_path):
    # A missing entry fails in the child's own code: there is no line of the fixture to name.
    from reviewer.reference._fixture_child import run as run_case

    result = run_case(str(_fixture(tmp_path, "x = 1\n")), {"entry": "Missing", "n": 1}, "verify_missing_entry")
    assert result["error"].startswith("AttributeError: ") and result["error"].endswith("'Missing'"), result


def test_the_json_report_gives_the_run_s_seconds_to_the_millisecond():
    import time
    import types

    out = io.StringIO()
    started = time.perf_counter() - 12.3456
    assert verify._finish([], "cpu", "CPU", "no CUDA", 10, started, None, "json", out,
                          types.SimpleNamespace(__version__="2.13.0")) == 0
    seconds = json.loads(out.getvalue())["seconds"]
    assert 12.3 < seconds < 20 and round(seconds, 3) == seconds


def test_a_fixture_copy_is_written_as_utf_8_whatever_the_locale(tmp_path):
    # The child reads the copy as UTF-8: written in an ASCII locale's encoding, a fixture
    # with one non-ASCII character would not even be written.
    _fixture(tmp_path, "# linear decay \u2192 0\n" + RESET_RETURNS, "counter-reset", "returns.py")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    code = ("import locale, sys\nfrom reviewer.reference.fixture_runs import check_fixtures\n"
            "assert locale.getpreferredencoding(False) != 'UTF-8'\n"
            f"[r] = check_fixtures({str(tmp_path)!r})\nprint(r.status, r.detail)\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.startswith("pass"), done.stdout + done.stderr


def test_the_text_report_gives_each_row_its_own_steps():
    from reviewer.reference.checks import Result

    rows = [Result("1 oracle", "A", "cpu", 123, 0.0, 0.5, "pass"), Result("6 fixtures", "B", "cpu", 16, None, 0.25, "skip")]
    text = verify.render_text(rows, "cpu", "CPU", "requested", 999, 1.0, "2.x", None)
    assert [line.split()[:6] for line in text.splitlines() if line.startswith(("1 oracle", "6 fixtures"))] == [
        ["1", "oracle", "A", "cpu", "123", "0"], ["6", "fixtures", "B", "cpu", "16", "-"]]


def test_the_text_report_s_sections_are_separated_by_one_blank_line():
    from reviewer.reference.checks import Result

    rows = [Result("1 oracle", "A", "cpu", 5, 0.0, 0.5, "pass"), Result("2 torch", "B", "cpu", 5, 0.25, 0.5, "fail", "off")]
    text = verify.render_text(rows, "cpu", "CPU", "requested", 5, 1.25, "2.x", {"message": "plots: /tmp/p"})
    assert text == (
        "reviewer verify: device cpu (CPU; requested), torch 2.x, 5 steps\n"
        "\n"
        "check     schedule  device  steps  max error  time   result\n"
        "--------  --------  ------  -----  ---------  -----  ------\n"
        "1 oracle  A         cpu     5      0          0.50s  PASS\n"
        "2 torch   B         cpu     5      2.50e-01   0.50s  FAIL\n"
        "\n"
        "FAIL 2 torch B: off\n"
        "\n"
        "plots: /tmp/p\n"
        "\n"
        "1 passed, 1 failed, 0 skipped in 1.2s\n")


def test_a_fixture_is_charged_its_share_of_the_run_s_time(tmp_path):
    from reviewer.reference import fixture_runs

    _fixture(tmp_path, CORRECT_FUNCTION)
    start = time.perf_counter()
    [result] = fixture_runs.check_fixtures(tmp_path)
    assert 0 < result.seconds <= time.perf_counter() - start


def test_the_default_run_length_is_the_documented_one():
    """`reviewer verify` and `verify.main()` run 2000 steps unless told otherwise, as the
    README's example report says."""
    from reviewer.cli import main as cli_main

    [option] = [p for p in cli_main.commands["verify"].params if p.name == "steps"]
    assert option.default == inspect.signature(verify.main).parameters["steps"].default == 2000
    assert "torch 2.13.0+cpu, 2000 steps" in (ROOT / "README.md").read_text()
