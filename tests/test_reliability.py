"""Bad input, crashes and interruptions: the run goes on and no file is ever damaged."""

import faulthandler
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer import processing, registry, runner
from reviewer.cli import main
from reviewer.config import Config
from reviewer.fixer import fix_text

from conftest import FIXTURES
from reliability import TRIGGERING


def cli(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(folder):
    return {p: p.read_bytes() for p in Path(folder).rglob("*") if p.is_file()}


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.reviewer]\n")
    (tmp_path / "good.py").write_text(TRIGGERING)
    return tmp_path


def test_bad_inputs_are_reported_and_nothing_is_modified(tree):
    (tree / "syntax.py").write_text("import torch\nsched.get_lr()\nif True\n    pass\n")
    (tree / "latin.py").write_bytes(b"import torch\nname = '\xe9'\n")
    (tree / "cookie.py").write_bytes(b"# -*- coding: latin-1 -*-\n" + TRIGGERING.encode() + b"name = '\xe9'\n")
    (tree / "binary.py").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    (tree / "empty.py").write_text("")
    (tree / "big.py").write_text("x = 1\n" * 2_000_000)
    (tree / "loop").mkdir()
    os.symlink(tree / "loop", tree / "loop" / "again")
    before = snapshot(tree)

    result = cli("check", "--fix", "--unsafe-fixes", "--output-format", "concise", "--max-file-size", "10")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "syntax.py:3:8: RV001 Syntax error: expected ':'." in lines
    assert "latin.py:1:1: RV004 Not valid utf-8 (byte 21: invalid continuation byte); add a PEP 263 coding declaration." in lines
    assert "binary.py:1:1: RV004 Binary file (contains NUL bytes), not Python source." in lines
    assert any(line.startswith("reviewer: warning: big.py: file is 12.0 MB, over the 10 MB limit; skipped") for line in lines)
    assert "reviewer: warning: loop/again: symbolic link loop, not followed" in lines
    # Good files were still linted and fixed; the bad ones are untouched.
    assert "get_last_lr" in (tree / "good.py").read_text()
    assert "get_last_lr" in (tree / "cookie.py").read_bytes().decode("latin-1")
    after = snapshot(tree)
    changed = {p.name for p in before if before[p] != after.get(p)}
    assert changed == {"good.py", "cookie.py"}
    assert (tree / "cookie.py").read_bytes().endswith(b"name = '\xe9'\n")


def test_unreadable_file(tree, monkeypatch):
    real_open = os.open

    def guarded(path, *args, **kwargs):
        if str(path).endswith("secret.py"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    (tree / "secret.py").write_text(TRIGGERING)
    monkeypatch.setattr(os, "open", guarded)
    result = cli("check", "secret.py", "good.py", "--output-format", "concise")
    assert "secret.py:1:1: RV004 Permission denied." in result.output
    assert "good.py:4:7: RV203" in result.output
    assert result.exit_code == 1


def test_crashing_rule_gives_internal_error_and_exit_2(tree, monkeypatch):
    rule = registry.find_rule("get-lr-instead-of-get-last-lr")

    def explode(self, node):
        raise RuntimeError("synthetic failure")

    for name in rule.visitor_names():
        monkeypatch.setattr(rule, name, explode)
    (tree / "good.py").write_text(TRIGGERING + "x = 1  # reviewer: ignore[syntax-error]\n")
    result = cli("check", "good.py", "--output-format", "concise")
    assert result.exit_code == 2
    assert (
        "good.py:1:1: RV002 Rule get-lr-instead-of-get-last-lr (RV203) raised RuntimeError: synthetic failure."
        in result.output
    )
    assert "good.py:7:8: RV003" in result.output  # the other rules still report


def test_pathological_nesting_is_a_finding_not_a_crash(tree):
    (tree / "parens.py").write_text("import torch\nsched.get_lr()\nx = " + "(" * 3000 + "1" + ")" * 3000 + "\n")
    (tree / "unary.py").write_text("import torch\nsched.get_lr()\nx = " + "-" * 30000 + "x\n")
    result = cli("check", "parens.py", "unary.py", "--output-format", "concise")
    assert result.exit_code == 1
    assert "parens.py:1:1: RV001 Syntax error: the file is nested too deeply to parse (too many nested parentheses)" in result.output
    assert "unary.py:1:1: RV001 Syntax error: the file is nested too deeply to parse" in result.output


def _job():
    return processing.Job(config=Config(), rules=registry.choose())


def test_worker_crash_is_contained(tree, monkeypatch):
    (tree / "crash.py").write_text(TRIGGERING)
    original = processing.process_file

    def crash_on_one(path, job, **kwargs):
        if path.endswith("crash.py"):
            faulthandler.disable()  # the crash is the point; keep pytest's fault report quiet
            os.kill(os.getpid(), signal.SIGSEGV)
        return original(path, job, **kwargs)

    monkeypatch.setattr(processing, "process_file", crash_on_one)
    outcomes = runner.run(["crash.py", "good.py"], _job(), workers=2)
    assert [o.path for o in outcomes] == ["crash.py", "good.py"]
    assert outcomes[0].fatal
    assert outcomes[0].findings[0].message.startswith("Reviewer's worker crashed on this file (exit code -11)")
    assert [f.code for f in outcomes[1].findings] == ["RV203"]


def test_forking_workers_leaves_the_host_s_collector_as_it_was(tree):
    import gc

    (tree / "a.py").write_text(TRIGGERING)
    assert gc.get_freeze_count() == 0
    runner.run(["a.py"], _job(), workers=1)
    assert gc.get_freeze_count() == 0  # frozen across the fork only
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        runner.run(["a.py"], _job(), workers=1)
        assert gc.get_freeze_count() == frozen  # a host's own freeze is neither thawed nor grown
    finally:
        gc.unfreeze()


def test_workers_take_the_largest_files_first_and_results_keep_path_order(tree, monkeypatch):
    for name, copies in (("a.py", 1), ("b.py", 3), ("c.py", 2)):
        (tree / name).write_text(TRIGGERING * copies + "# larger than good.py\n")
    log = tree / "order.log"
    original = processing.process_file

    def logged(path, job, **kwargs):
        with open(log, "a") as handle:  # written by the worker process
            handle.write(path + "\n")
        return original(path, job, **kwargs)

    monkeypatch.setattr(processing, "process_file", logged)
    outcomes = runner.run(["a.py", "b.py", "c.py", "good.py"], _job(), workers=1)
    assert log.read_text().split() == ["b.py", "c.py", "a.py", "good.py"]
    assert [o.path for o in outcomes] == ["a.py", "b.py", "c.py", "good.py"]
    assert [len(o.findings) for o in outcomes] == [1, 3, 2, 1]  # each file its own findings


def test_per_file_time_limit(tree, monkeypatch):
    (tree / "slow.py").write_text(TRIGGERING)
    original = processing.process_file

    def slow(path, job, **kwargs):
        if path.endswith("slow.py"):
            time.sleep(60)
        return original(path, job, **kwargs)

    monkeypatch.setattr(processing, "process_file", slow)
    job = _job()
    job.timeout = 1.0
    start = time.monotonic()
    outcomes = runner.run(["good.py", "slow.py"], job, workers=1)
    assert time.monotonic() - start < 30
    assert outcomes[1].findings[0].message == "Linting took longer than the 1 s per-file limit."
    assert [f.code for f in outcomes[0].findings] == ["RV203"]


def test_read_only_location_is_reported(tree, monkeypatch):
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".rvtmp"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = cli("check", "good.py", "--fix", "--output-format", "concise")
    assert result.exit_code == 2
    assert "reviewer: error: good.py: cannot write: Permission denied" in result.output
    assert (tree / "good.py").read_text() == TRIGGERING


def test_symlink_outside_project_is_not_written(tree, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "target.py"
    outside.write_text(TRIGGERING)
    os.symlink(outside, tree / "link.py")
    result = cli("check", "link.py", "--fix", "--output-format", "concise")
    assert "reviewer: error: link.py: reached through a symbolic link that leaves the project; not changed" in result.output
    assert outside.read_text() == TRIGGERING
    assert result.exit_code == 2


def _fixable_corpus(folder):
    """Copies of every fixture that has a .fixed.py, and what each must become."""
    expected = {}
    for path in sorted(FIXTURES.glob("*/*.fixed.py")):
        original = path.with_name(path.name.replace(".fixed.py", ".py"))
        target = folder / f"{path.parent.name}__{original.name}"
        shutil.copy(original, target)
        expected[target.name] = (original.read_text(), fix_text(str(target), original.read_text(),
                                                               registry.select(), unsafe=True).text)
    return expected


def _reviewer(*args, cwd):
    return subprocess.Popen([sys.executable, "-m", "reviewer", *args], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, REVIEWER_NO_CACHE="1"))


@pytest.mark.long
def test_killed_fixing_runs_leave_every_file_whole(tmp_path):
    expected = _fixable_corpus(tmp_path)
    assert expected, "no fixable fixtures"
    # How long a whole run takes on this machine, now (a busy one is slower): the kills
    # fall across that span, so that some land after the first files were written.
    timing = tmp_path / "timing"
    timing.mkdir()
    for name in expected:
        shutil.copy(tmp_path / name, timing / name)
    began = time.monotonic()
    assert _reviewer("check", ".", "--fix", "--unsafe-fixes", "--exit-zero", "-q", cwd=timing).wait() == 0
    whole = time.monotonic() - began
    shutil.rmtree(timing)
    generator = random.Random(20261126)
    written = 0
    for _ in range(8):
        started = {name: (tmp_path / name).read_text() for name in expected}
        process = _reviewer("check", ".", "--fix", "--unsafe-fixes", "--exit-zero", "-q", cwd=tmp_path)
        time.sleep(generator.uniform(0.2, 1.0) * whole)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for name, (before, after) in expected.items():
            now = (tmp_path / name).read_text()
            assert now in (before, after), name
            written += now != started[name]
        # Start the next round from a mix of fixed and unfixed files.
        for name, (before, _) in expected.items():
            if generator.random() < 0.5:
                (tmp_path / name).write_text(before)
    # Files left whole prove nothing if no run got as far as writing one.
    assert written, "no killed run fixed any file"


def test_concurrent_fixing_runs_never_mix(tmp_path):
    expected = _fixable_corpus(tmp_path)
    first = _reviewer("check", ".", "--fix", "--unsafe-fixes", "--exit-zero", "-q", cwd=tmp_path)
    second = _reviewer("check", ".", "--fix", "--unsafe-fixes", "--exit-zero", "-q", cwd=tmp_path)
    assert first.wait(300) in (0, 2) and second.wait(300) in (0, 2)
    for name, (before, after) in expected.items():
        assert (tmp_path / name).read_text() == after, name


def test_workers_exit_when_the_run_is_killed(tmp_path):
    for index in range(400):
        (tmp_path / f"f{index}.py").write_text(TRIGGERING)
    process = _reviewer("check", ".", "--exit-zero", "-q", cwd=tmp_path)
    children = []
    deadline = time.monotonic() + 20
    while not children and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
        children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    assert children, "the run had not started its workers"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in children):
        time.sleep(0.2)
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]
