"""Issue 19, "Output that can be abused", "Tracebacks, hangs and wrong exit codes" and "Wrong
results": one line and the right exit code for every failure, escaped text, honest findings.
(Output formats and --diff are in test_reliability_output.py, settings and odd trees in
test_reliability_config.py, item 18 in test_scale.py.)"""

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer import cache as cache_module

from reliability import SLOW_FIX, TRIGGERING, cli

REVIEWER = [sys.executable, "-m", "reviewer"]


def run(args, cwd, **kwargs):
    return subprocess.run([*REVIEWER, *args], cwd=cwd, capture_output=True, text=True, timeout=60, **kwargs)


# 13. Everything printed is escaped; a file name is never an option of the hook.

def test_a_hostile_file_name_is_escaped_in_stderr_and_findings(project):
    name = "bad\n::warning::x.py"
    (project / name).write_text(TRIGGERING)
    os.chmod(project / name, 0o444)
    result = run(["check", "--fix", "--output-format", "concise", "--no-cache", name], project)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["reviewer: error: bad\\n::warning::x.py: read-only; not changed"]
    assert result.stdout.startswith("bad\\n::warning::x.py:4:7: RV203")


def test_hook_treats_an_existing_file_named_like_an_option_as_a_file(project):
    (project / "--exit-zero").write_text("#!/usr/bin/env python\nprint('hello')\n")
    result = cli("hook", "--force-exclude", "--output-format", "concise", "--exit-zero", "good.py")
    assert result.exit_code == 1
    assert result.output.startswith("good.py:4:7: RV203")
    # A real option still works when no file is named like it.
    (project / "--exit-zero").unlink()
    assert cli("hook", "--exit-zero", "good.py").exit_code == 0


# 15. Tracebacks become one line and exit 2.

@pytest.mark.parametrize("content, problem", [
    ("[" * 100_000, "JSON nested too deeply"),
    ('{"version": 1, "findings": [{"fingerprint": "x", "count": 1e400}]}',
     'bad entry {"fingerprint": "x", "count": Infinity}: expected a fingerprint and a whole count'),
    ('{"version": 1, "findings": 5}', "not a reviewer baseline (version 1)"),
], ids=["deep", "huge-count", "wrong-shape"])
def test_bad_baseline_is_one_line_and_exit_2(project, content, problem):
    (project / "baseline.json").write_text(content)
    result = cli("check", "--baseline", "baseline.json", "--no-cache")
    assert result.exit_code == 2
    assert result.output == f"reviewer: error: baseline.json: cannot read baseline: {problem}\n"


@pytest.mark.parametrize("value", ["nan", "-1"])
def test_bad_max_file_size_is_a_usage_error(project, value):
    result = cli("check", "--max-file-size", value, "good.py")
    assert result.exit_code == 2
    assert "Invalid value for --max-file-size: must be a size in MB, 0 for no limit" in result.output


def test_infinite_limits_mean_no_limit(project, monkeypatch):
    monkeypatch.setenv("REVIEWER_FILE_TIMEOUT", "inf")
    result = cli("check", "--max-file-size", "inf", "good.py", "--output-format", "concise")
    assert result.exit_code == 1 and result.output.startswith("good.py:4:7: RV203")
    monkeypatch.setenv("REVIEWER_FILE_TIMEOUT", "nan")
    result = cli("check", "good.py")
    assert (result.exit_code, result.output) == (2, "reviewer: error: REVIEWER_FILE_TIMEOUT must be a number of seconds (0 for no limit)\n")


def test_cache_entry_of_valid_json_with_wrong_types_is_a_miss(project, cached):
    assert cli("check", "good.py").exit_code == 1
    entries = [p for p in (project / ".reviewer_cache").rglob("*.json") if p.name != "files.json"]
    assert entries
    for entry in entries:
        findings = json.loads(entry.read_text())
        for finding in findings:
            finding["line"] = str(finding["line"])  # well-formed JSON, wrong type
        entry.write_text(json.dumps(findings))
    for index in (project / ".reviewer_cache").rglob("files.json"):
        index.write_text('{"format": 1, "code": 7, "files": []}')
    result = cli("check", "good.py")
    assert result.exit_code == 1
    assert result.output.startswith("good.py:4:7: RV203")


def test_full_stdout_is_one_line_and_exit_2(project):
    with open("/dev/full", "w") as full:
        result = subprocess.run([*REVIEWER, "check", "--no-cache", "good.py"], cwd=project, stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "reviewer: error: No space left on device (set REVIEWER_DEBUG=1 for a traceback)\n"


def test_file_name_that_is_not_utf8_in_sarif_and_baseline(project):
    name = os.fsdecode(b"bad\xff.py")
    Path(project, name).write_text(TRIGGERING)
    result = run(["check", "--no-cache", "--output-format", "sarif", name], project)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad%FF.py"
    result = run(["check", "--no-cache", "--write-baseline", "b.json", name], project)
    assert (result.returncode, result.stderr) == (0, "Wrote 1 findings to the baseline b.json.\n")


_FAILING = """
import sys
from reviewer import checking
def broken(paths, options):
    raise RuntimeError("synthetic")
checking.run_check = broken
sys.argv = ["reviewer", "check", "good.py"]
from reviewer.cli import run
run()
"""


def test_an_unexpected_error_is_one_line_unless_debugging(project):
    result = subprocess.run([sys.executable, "-c", _FAILING], cwd=project, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (
        2, "reviewer: error: RuntimeError: synthetic (set REVIEWER_DEBUG=1 for a traceback)\n")
    debug = subprocess.run([sys.executable, "-c", _FAILING], cwd=project, capture_output=True, text=True, timeout=60,
                           env={**os.environ, "REVIEWER_DEBUG": "1"})
    assert debug.returncode == 2
    assert debug.stderr.startswith("Traceback (most recent call last):")


# 16. Files that are not regular are refused without reading them.

def test_fifo_and_device_are_refused_without_blocking(project, cached):
    os.mkfifo(project / "pipe.py")
    os.symlink("/dev/zero", project / "zero.py")
    result = run(["check", "--output-format", "concise", "pipe.py", "zero.py", "good.py"], project)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines()[:3] == [
        "good.py:4:7: RV203 [*] `sched.get_lr()` re-applies the decay at milestones instead of reading the LR in use "
        "(PyTorch warns); use `sched.get_last_lr()`.",
        "pipe.py:1:1: RV004 Not a regular file (a FIFO, device or socket).",
        "zero.py:1:1: RV004 Not a regular file (a FIFO, device or socket).",
    ]


# 17. Exit codes and summaries that tell the truth.

def test_ctrl_c_exits_130(project):
    pid_file = project.parent / "worker.pid"
    # A shell starts background jobs with Ctrl-C ignored, and children inherit it: the
    # reviewer under test gets the default back, as it has in a terminal.
    parent = subprocess.Popen([sys.executable, "-c", SLOW_FIX, str(pid_file)], cwd=project,
                              stderr=subprocess.PIPE, text=True,
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 30
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    parent.send_signal(signal.SIGINT)
    _, stderr = parent.communicate(timeout=30)
    assert parent.returncode == 130
    assert stderr.strip() == "Aborted!"
    assert (project / "good.py").read_text() == TRIGGERING


def test_skipped_is_decided_by_the_error_not_the_path(project):
    (project / "skipped-limit.py").write_bytes(b"x = '\xff'\n")
    result = cli("check", "skipped-limit.py", "--no-cache")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "skipped-limit.py:1:1: RV004 Not valid utf-8 (byte 5: invalid start byte); add a PEP 263 coding declaration.",
        "Found 1 finding.",
    ]


def test_no_all_checks_passed_next_to_an_error(project):
    """A file that could not be fixed keeps its findings; a file that could not be read is one."""
    os.chmod(project / "good.py", 0o444)
    (project / "bad.py").write_bytes(b"\x00")
    result = cli("check", "--fix", "good.py", "bad.py", "--no-cache", "--output-format", "concise")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "reviewer: error: good.py: read-only; not changed",
        "bad.py:1:1: RV004 Binary file (contains NUL bytes), not Python source.",
        "good.py:4:7: RV203 [*] `sched.get_lr()` re-applies the decay at milestones instead of reading the LR in use "
        "(PyTorch warns); use `sched.get_last_lr()`.",
        "Found 2 findings.",
    ]


# 19. A syntax error is reported as one, even with a directive that silences nothing.

def test_syntax_error_with_an_unused_noqa(project):
    (project / "broken.py").write_text("import torch\nx = 1  # noqa: RV203\nif True\n    pass\n")
    for flags in ([], ["--fix"]):
        result = cli("check", *flags, "broken.py", "--no-cache", "--output-format", "concise")
        assert result.exit_code == 1
        assert result.output.splitlines() == ["broken.py:3:8: RV001 Syntax error: expected ':'.", "Found 1 finding."]


# 21. The cache key includes the versions of libcst and Python.

def test_cache_key_changes_with_python_and_libcst(tmp_path, monkeypatch):
    def fingerprint():
        cache_module._code_fingerprint.cache_clear()
        return cache_module._code_fingerprint()

    first = fingerprint()
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    second = fingerprint()
    assert second != first
    other = tmp_path / "libcst"
    other.mkdir()
    (other / "__init__.py").write_text("")
    (other / "_version.py").write_text("__version__ = '0.0.1'\n")
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: importlib.machinery.ModuleSpec("libcst", None, origin=str(other / "__init__.py"))
                        if name == "libcst" else real(name, *a))
    assert fingerprint() not in (first, second)
    monkeypatch.undo()
    assert fingerprint() == first


# 22. Valid Python that libcst cannot parse is not called a syntax error.

def test_many_joined_strings_are_not_a_syntax_error(project):
    (project / "many.py").write_text(TRIGGERING + "x = (" + " ".join(['"a"'] * 12_000) + ")\n")
    result = cli("check", "many.py", "--no-cache", "--output-format", "concise")
    assert result.exit_code == 2  # reviewer's own limit, as for a crashed rule
    assert "RV001" not in result.output
    assert result.output.startswith("many.py:1:1: RV002 The libcst parser cannot read this file, which Python compiles (")
    assert result.output.splitlines()[0].endswith("); it was not reviewed.")


# 23. --force-exclude covers stdin; --add-noqa keeps a noqa comment's words.

def test_force_exclude_applies_to_stdin_filename(project):
    (project / "pyproject.toml").write_text('[tool.reviewer]\nextend-exclude = ["vendored"]\n')
    result = cli("check", "--force-exclude", "-", "--stdin-filename", "vendored/t.py", input=TRIGGERING)
    assert (result.exit_code, result.output) == (0, "")
    result = cli("check", "--fix", "--force-exclude", "-", "--stdin-filename", "vendored/t.py", input=TRIGGERING)
    assert (result.exit_code, result.stdout) == (0, TRIGGERING)
    assert cli("check", "-", "--stdin-filename", "vendored/t.py", input=TRIGGERING).exit_code == 1


def test_add_noqa_keeps_the_words_after_existing_codes(project):
    (project / "good.py").write_text(TRIGGERING.replace("get_lr())", "get_lr())  # noqa: E501 line is long"))
    assert cli("check", "--add-noqa", "good.py", "--no-cache").exit_code == 0
    assert "print(sched.get_lr())  # noqa: E501, RV203 line is long\n" in (project / "good.py").read_text()
    assert cli("check", "good.py", "--no-cache").exit_code == 0
