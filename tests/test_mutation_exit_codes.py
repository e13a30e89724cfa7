"""Exit codes, one option at a time: 0 clean, 1 findings (or a fix with
--exit-non-zero-on-fix, or a diff), 2 an error (tests/mutation.py's exit-code targets)."""

import json
import sys

import pytest

from reliability import FIXED, TRIGGERING, cli
from reviewer import cli as cli_module
from reviewer import fixer

UNDECODABLE = b'x = "\xff"\n'


@pytest.fixture
def broken_fixes(monkeypatch):
    """Every fix that writes `get_last_lr` produces text that does not parse."""
    parses = fixer._parses
    monkeypatch.setattr(fixer, "_parses", lambda text: None if "get_last_lr" in text else parses(text))


def run(*args):
    return cli("check", "--no-cache", "-j", "1", *args)


def test_an_undecodable_file_is_a_finding_and_exits_1(project):
    """Engine promise: a file that cannot be decoded is reported (RV004) and fails the run."""
    (project / "good.py").write_bytes(UNDECODABLE)
    result = run("good.py")
    assert result.exit_code == 1, result.output
    assert result.output.startswith("good.py:1:1: RV004 Not valid utf-8 (byte 5: invalid start byte)")
    assert run("--exit-zero", "good.py").exit_code == 0


@pytest.mark.parametrize("args, code", [
    ((), 1),
    (("--exit-zero",), 0),
    (("--statistics",), 1),
    (("--statistics", "--exit-zero"), 0),
    (("--output-format", "json"), 1),
    (("--fix",), 0),
    (("--fix", "--exit-non-zero-on-fix"), 1),
    (("--fix-only",), 0),
    (("--fix-only", "--exit-non-zero-on-fix"), 1),
    (("--diff",), 1),
    (("--diff", "--exit-zero"), 0),
    (("--add-noqa",), 0),
    (("--add-noqa", "--diff"), 1),
])
def test_exit_code_with_a_fixable_finding(project, args, code):
    result = run(*args, "good.py")
    assert result.exit_code == code, result.output


@pytest.mark.parametrize("args", [(), ("--fix",), ("--fix-only",), ("--diff",), ("--add-noqa",), ("--add-noqa", "--diff"),
                                  ("--fix", "--exit-non-zero-on-fix"), ("--fix-only", "--exit-non-zero-on-fix")])
def test_a_clean_file_exits_0(project, args):
    (project / "good.py").write_text(FIXED)
    result = run(*args, "good.py")
    assert result.exit_code == 0, result.output
    assert ("All checks passed!" in result.stdout) == (args in ((), ("--fix",), ("--fix", "--exit-non-zero-on-fix")))


def test_fix_with_a_finding_left_exits_1(project):
    (project / "good.py").write_text(TRIGGERING + "def f(x=[]):\n    return x\n")
    result = run("--fix", "good.py")
    assert result.exit_code == 1 and "RV601" in result.output


@pytest.mark.parametrize("args", [("--fix",), ("--fix", "--exit-zero"), ("--fix-only",), ("--diff",),
                                  ("--fix", "--output-format", "json"), ("--fix", "--statistics")])
def test_a_broken_fix_exits_2_whatever_else_happens(project, broken_fixes, args):
    """Engine promise: a fix whose result does not parse fails the run, the file unchanged."""
    result = run(*args, "good.py")
    assert result.exit_code == 2, result.output
    assert "a fix by get-lr-instead-of-get-last-lr produced invalid syntax" in result.output
    assert (project / "good.py").read_text() == TRIGGERING


def test_a_broken_fix_exits_2_when_writing_a_baseline(project, broken_fixes):
    result = run("--fix", "--write-baseline", "base.json", "good.py")
    assert result.exit_code == 2 and "Wrote 1 findings to the baseline base.json." in result.output


def test_baselines(project):
    result = run("--write-baseline", "base.json", "good.py")
    assert result.exit_code == 0 and "Wrote 1 findings to the baseline base.json." in result.output
    assert run("--baseline", "base.json", "good.py").exit_code == 0
    (project / "other.py").write_text(TRIGGERING)
    assert run("--baseline", "base.json", "good.py", "other.py").exit_code == 1
    assert run("--baseline", "missing.json", "good.py").exit_code == 2


def test_no_python_files_exits_0(project):
    (project / "good.py").unlink()
    result = run()
    assert result.exit_code == 0 and "reviewer: warning: no Python files found" in result.output


def test_stdin_exit_codes(project):
    assert cli("check", "--no-cache", "-", input=TRIGGERING).exit_code == 1
    assert cli("check", "--no-cache", "--exit-zero", "-", input=TRIGGERING).exit_code == 0
    assert cli("check", "--no-cache", "-", input=FIXED).exit_code == 0
    fixed = cli("check", "--no-cache", "--fix", "-", input=TRIGGERING)
    assert (fixed.exit_code, fixed.stdout) == (0, FIXED)
    left = TRIGGERING + "def f(x=[]):\n    return x\n"
    assert cli("check", "--no-cache", "--fix", "-", input=left).exit_code == 1
    assert cli("check", "--no-cache", "--fix", "--exit-zero", "-", input=left).exit_code == 0
    assert cli("check", "--no-cache", "--fix-only", "-", input=left).exit_code == 0
    noqa = cli("check", "--no-cache", "--add-noqa", "-", input=TRIGGERING)
    assert noqa.exit_code == 0 and "# noqa: RV203" in noqa.stdout
    undecodable = cli("check", "--no-cache", "-", input=UNDECODABLE)
    assert undecodable.exit_code == 2 and "reviewer: error: -: not valid utf-8" in undecodable.output


def test_stdin_broken_fix_exits_2(project, broken_fixes):
    result = cli("check", "--no-cache", "--fix", "-", input=TRIGGERING)
    assert (result.exit_code, result.stdout) == (2, TRIGGERING)


def test_output_file_keeps_the_exit_code(project):
    result = run("--output-file", "report.txt", "good.py")
    assert result.exit_code == 1 and (project / "report.txt").read_text().startswith("good.py:4:7: RV203")


def test_guarded_turns_every_ending_into_a_code(monkeypatch, capsys):
    def ending(error):
        def main(standalone_mode):
            assert standalone_mode is False
            raise error
        return main

    cases = [
        (KeyboardInterrupt(), 130, "Aborted!"),
        (SystemExit(3), 3, ""),
        (SystemExit("message"), 2, ""),
        (BrokenPipeError(), 2, ""),
        (OSError(2, "No such file", "x.py"), 2, "reviewer: error: x.py: No such file (set REVIEWER_DEBUG=1 for a traceback)"),
        (ValueError("bad"), 2, "reviewer: error: ValueError: bad (set REVIEWER_DEBUG=1 for a traceback)"),
    ]
    for error, code, message in cases:
        monkeypatch.setattr(cli_module, "main", ending(error))
        assert cli_module._guarded() == code
        assert capsys.readouterr().err.strip() == message
    monkeypatch.setenv("REVIEWER_DEBUG", "1")
    monkeypatch.setattr(cli_module, "main", ending(ValueError("bad")))
    assert cli_module._guarded() == 2
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):") and err.endswith("ValueError: bad (set REVIEWER_DEBUG=1 for a traceback)\n")
    monkeypatch.delenv("REVIEWER_DEBUG")
    monkeypatch.setattr(cli_module, "main", lambda standalone_mode: 1)
    assert cli_module._guarded() == 1
    monkeypatch.setattr(cli_module, "main", lambda standalone_mode: None)
    assert cli_module._guarded() == 0


def test_the_report_is_not_written_through_a_link_out_of_the_folder(project, tmp_path):
    (tmp_path / "outside.txt").write_text("keep")
    (project / "report.txt").symlink_to(tmp_path / "outside.txt")
    result = run("--output-file", "report.txt", "good.py")
    assert result.exit_code == 2
    assert result.output.startswith("reviewer: error: report.txt: reached through a symbolic link")
    assert (tmp_path / "outside.txt").read_text() == "keep"


@pytest.fixture
def crash(monkeypatch):
    """Every file's linting fails inside the engine: an internal-error finding, exit 2."""
    def fail(*args, **kwargs):
        raise ValueError("planted")

    monkeypatch.setattr("reviewer.processing._run", fail)


@pytest.mark.parametrize("args", [(), ("--exit-zero",), ("--add-noqa",), ("--add-noqa", "--diff"),
                                  ("--write-baseline", "base.json"), ("--statistics",), ("--output-format", "json")])
def test_an_engine_failure_exits_2(project, crash, args):
    result = run(*args, "good.py")
    assert result.exit_code == 2, result.output


def test_baseline_errors_are_one_line(project):
    missing = run("--baseline", "missing.json", "good.py")
    assert missing.exit_code == 2
    assert "reviewer: error: missing.json: cannot read baseline: No such file or directory\n" in missing.output
    (project / "bad.json").write_text("[]")
    bad = run("--baseline", "bad.json", "good.py")
    assert bad.exit_code == 2
    assert "reviewer: error: bad.json: cannot read baseline: not a reviewer baseline (version 1)\n" in bad.output


def test_baseline_paths_are_relative_to_the_project_not_the_current_folder(project, monkeypatch):
    assert run("--write-baseline", "base.json", "good.py").exit_code == 0
    monkeypatch.chdir(project.parent)
    assert run("--write-baseline", "base.json", "project/good.py").exit_code == 0
    assert (project.parent / "base.json").read_text() == (project / "base.json").read_text()


def test_the_baseline_is_not_written_through_a_link_out_of_the_project(project, tmp_path):
    (tmp_path / "outside.json").write_text("keep")
    (project / "base.json").symlink_to(tmp_path / "outside.json")
    result = run("--write-baseline", "base.json", "good.py")
    assert result.exit_code == 2
    assert "reviewer: error: base.json: reached through a symbolic link" in result.output
    assert (tmp_path / "outside.json").read_text() == "keep"


@pytest.mark.parametrize("quiet", [False, True])
def test_diff_says_how_many_fixes_unless_quiet(project, quiet):
    result = run("--diff", *(["-q"] if quiet else []), "good.py")
    assert result.exit_code == 1 and result.stdout.startswith("--- a/good.py\n+++ b/good.py\n")
    assert ("Would fix 1 finding." in result.output) is not quiet


@pytest.mark.parametrize("copies, args, line", [
    (1, ("--diff",), "Would fix 1 finding."), (2, ("--diff",), "Would fix 2 findings."),
    (0, ("--diff",), "Would fix 0 findings."),
    (1, ("--fix-only",), "Fixed 1 finding."), (2, ("--fix-only",), "Fixed 2 findings."),
])
def test_fix_summaries_count_in_words(project, copies, args, line):
    (project / "good.py").write_text(FIXED + "print(sched.get_lr())\n" * copies)
    result = run(*args, "good.py")
    assert line + "\n" in result.output


def test_statistics_in_text_and_json(project):
    text = run("--statistics", "good.py")
    assert (text.exit_code, text.stdout) == (1, "1\tRV203\t[*] get-lr-instead-of-get-last-lr\n")
    machine = run("--statistics", "--output-format", "json", "good.py")
    assert json.loads(machine.stdout) == [
        {"code": "RV203", "name": "get-lr-instead-of-get-last-lr", "count": 1, "fixable": True}]


def test_show_fixes_lists_them_except_in_machine_formats(project):
    shown = run("--fix", "--show-fixes", "good.py")
    assert shown.stdout.startswith("Fixed 1 finding:\n- good.py:\n    1 × RV203 (get-lr-instead-of-get-last-lr)\n")
    (project / "good.py").write_text(TRIGGERING)
    machine = run("--fix", "--show-fixes", "--output-format", "json", "good.py")
    assert (machine.exit_code, machine.stdout) == (0, "[]\n")


def test_the_summary_tells_how_to_apply_unsafe_fixes(project):
    (project / "good.py").write_text("from torch.optim.lr_scheduler import LambdaLR\n"
                                     "sched = LambdaLR(opt, lambda s: s / max(1, cfg.WARMUP))\n")
    plain = run("good.py")
    assert plain.stdout.endswith("Found 1 finding.\n1 more fixable with `--fix --unsafe-fixes` "
                                 "(they change behaviour: review them).\n")
    enabled = run("--unsafe-fixes", "good.py")
    assert enabled.stdout.endswith("Found 1 finding.\n1 more fixable with `--fix` (unsafe fixes are enabled).\n")


def test_run_exits_2_when_what_was_printed_is_lost(monkeypatch):
    class Lost:
        def flush(self):
            raise OSError(28, "No space left on device")

    codes = []
    monkeypatch.setattr(cli_module.os, "_exit", codes.append)
    monkeypatch.setattr(sys, "stdout", Lost())
    for code in (0, 1, 130):
        monkeypatch.setattr(cli_module, "_guarded", lambda: code)
        cli_module.run()
    assert codes == [2, 1, 130]
