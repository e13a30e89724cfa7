"""Every README claim about fixes, exit codes and triggers has a test that fails when the
claim stops being true.

CLAIMS pairs each sentence of README.md (quoted with its whitespace collapsed) with the
tests that check it; the tests below are those that no other file had. A quote that leaves
the README, or a test that is renamed or removed, fails here, so the two cannot drift apart
silently.
"""

import ast
import json
import os

import libcst as cst
import pytest
from click.testing import CliRunner

from reviewer import registry
from reviewer.cli import main
from reviewer.findings import Applicability
from reviewer.rule import Fix, Replacement

from conftest import ROOT
from reliability import FIXED, TRIGGERING

NEW = "tests/test_readme_claims.py"
CLAIMS = [
    ("offers fixes graded *safe* or *unsafe*, and proves its schedule fixes right by running them with a real "
     "optimizer.",
     ["tests/test_docs.py::test_readme_rule_table_matches_registry",
      "tests/test_verify.py::test_every_rule_that_changes_schedules_declares_a_runnable_fixture",
      "tests/test_verify.py::test_every_kind_runs_on_a_real_sgd",
      "tests/test_founding.py::test_fixed_scheduler_follows_the_schedule",
      "tests/test_verify.py::test_founding_fixture_fixed_follows_the_reference_and_original_does_not",
      "tests/test_verify.py::test_repository_fixtures_do_not_fail"]),
    ("[*] 5 fixable with the `--fix` option. 7 more fixable with `--fix --unsafe-fixes` (they change behaviour: "
     "review them).",
     ["tests/test_docs.py::test_readme_example_output_is_real"]),
    ("reviewer check --fix # apply safe fixes",
     [f"{NEW}::test_fix_applies_safe_fixes_and_unsafe_ones_only_when_asked", "tests/test_cli.py::test_fix_only_reports_nothing"]),
    ("reviewer check --fix --unsafe-fixes # also apply bug fixes that change behaviour (review the diff!)",
     [f"{NEW}::test_fix_applies_safe_fixes_and_unsafe_ones_only_when_asked"]),
    ("reviewer check --diff --unsafe-fixes # show what would change, write nothing",
     [f"{NEW}::test_fix_applies_safe_fixes_and_unsafe_ones_only_when_asked",
      "tests/test_cli.py::test_fix_writes_and_diff_does_not"]),
    ("`--exit-non-zero-on-fix` (exit 1 when a fix was applied)",
     ["tests/test_cli_conveniences.py::test_exit_non_zero_on_fix"]),
    ("`--fixable`/`--unfixable` (selectors: only these rules' fixes, or never these)",
     ["tests/test_cli_conveniences.py::test_fixable_and_unfixable"]),
    ("`--statistics` (`[*]`: has a safe fix)", ["tests/test_cli_conveniences.py::test_statistics_mark_only_safe_fixes"]),
    ("with `--fix` or `--add-noqa` the result goes to stdout in the input's encoding",
     ["tests/test_reliability_files.py::test_stdin_fix_keeps_a_coding_cookie_encoding_and_the_bom",
      "tests/test_reliability_files.py::test_stdin_add_noqa_writes_to_stdout_only"]),
    ("**safe**: behaviour is preserved (renaming `get_lr()` to `get_last_lr()`, removing a deprecated `verbose=`, "
     "adding the scheduler to a checkpoint dict). Applied by `--fix`.",
     [f"{NEW}::test_fix_applies_safe_fixes_and_unsafe_ones_only_when_asked",
      "tests/test_docs.py::test_readme_rule_table_matches_registry"]),
    ("**unsafe**: the fix changes behaviour, as every bug fix does (`self.iters = 1` becomes `self.iters += 1`). "
     "Applied only with `--unsafe-fixes`; read the diff.",
     [f"{NEW}::test_fix_applies_safe_fixes_and_unsafe_ones_only_when_asked",
      "tests/test_engine.py::test_unsafe_fix_needs_unsafe"]),
    ("**display-only**: a suggestion printed with the finding, never applied.",
     [f"{NEW}::test_a_display_only_fix_is_shown_and_never_applied"]),
    ("A fix is offered only where every name it adds a read of is bound at that point on every path",
     ["tests/test_engine.py::test_a_fix_is_offered_only_where_the_names_it_reads_are_bound",
      "tests/test_fixtures.py::test_a_fix_reads_no_name_the_original_did_not_bind"]),
    ("Fixing runs to a fixpoint (apply non-overlapping fixes, re-parse, re-lint, at most ten rounds).",
     ["tests/test_engine.py::test_fix_to_fixpoint_and_idempotent",
      "tests/test_engine.py::test_apply_edits_and_choose_skip_overlaps",
      "tests/test_engine.py::test_fixes_that_do_not_converge_are_undone_and_named"]),
    ("A fix whose result does not parse is reverted and named, and the run exits 2.",
     ["tests/test_engine.py::test_broken_fix_is_reverted_and_named",
      f"{NEW}::test_a_fix_that_does_not_parse_is_reverted_named_and_exits_2"]),
    ("never when they changed on disk while being fixed",
     ["tests/test_reliability_files.py::test_edit_racing_the_swap_is_kept"]),
    ("and never changes a magic line; otherwise it says why and exits 2.",
     ["tests/test_notebooks.py::test_other_json_layouts_are_kept_or_refused",
      "tests/test_notebooks.py::test_fix_keeps_magics_and_string_sources",
      f"{NEW}::test_a_fix_that_would_change_a_notebook_magic_line_exits_2"]),
    ("| 0 | nothing left to report (or `--exit-zero`) |",
     ["tests/test_cli.py::test_clean_exit_0", "tests/test_cli.py::test_exit_zero",
      "tests/test_cli.py::test_subprocess_exit_codes"]),
    ("| 1 | findings remain (a syntax error is a finding; so is an unreadable, undecodable or binary file, a broken "
     "link or a FIFO: `io-error`, in every output format); with `--diff`, there is a diff |",
     ["tests/test_cli.py::test_findings_exit_1_and_full_output",
      "tests/test_reliability.py::test_bad_inputs_are_reported_and_nothing_is_modified",
      "tests/test_reliability.py::test_unreadable_file",
      f"{NEW}::test_io_errors_are_findings_and_exit_1_in_every_output_format",
      "tests/test_cli.py::test_fix_writes_and_diff_does_not"]),
    ("| 2 | usage or configuration error, a rule that crashed or valid Python that libcst cannot parse "
     "(`internal-error`), a fix that could not be applied or written, or fixes "
     "that did not converge (the file is then left exactly as it was, and the message names the rules and lines); "
     "any unexpected failure, as one line (`REVIEWER_DEBUG=1` shows the traceback) |",
     ["tests/test_cli.py::test_usage_errors_exit_2", "tests/test_cli.py::test_malformed_config_exit_2",
      "tests/test_reliability.py::test_crashing_rule_gives_internal_error_and_exit_2",
      "tests/test_reliability_errors.py::test_many_joined_strings_are_not_a_syntax_error",
      f"{NEW}::test_a_fix_that_does_not_parse_is_reverted_named_and_exits_2",
      "tests/test_reliability_files.py::test_read_only_file_is_refused",
      "tests/test_reliability.py::test_read_only_location_is_reported",
      f"{NEW}::test_fixes_that_do_not_converge_leave_the_file_as_it_was_and_exit_2",
      "tests/test_reliability_errors.py::test_an_unexpected_error_is_one_line_unless_debugging"]),
    ("| 130 | interrupted (Ctrl-C) |", ["tests/test_reliability_errors.py::test_ctrl_c_exits_130"]),
    ("every failure is one line and exit 2 (or a finding and exit 1, for a file's own problems: a FIFO, a device, "
     "an undecodable file); valid Python that libcst cannot parse is an `internal-error` finding and exits 2, as a "
     "rule that crashed does; Ctrl-C exits 130.",
     ["tests/test_reliability_errors.py::test_fifo_and_device_are_refused_without_blocking",
      "tests/test_reliability_errors.py::test_many_joined_strings_are_not_a_syntax_error",
      "tests/test_reliability_errors.py::test_ctrl_c_exits_130"]),
    ("Exit code 0 when every check passes, 1 on any failure, 2 when torch is missing.",
     ["tests/test_verify.py::test_cpu_checks_pass_and_fixtures_skip_cleanly",
      "tests/test_verify.py::test_a_failed_check_exits_1",
      "tests/test_verify.py::test_torch_missing_exits_2_with_one_line"]),
    ("runs our own autofixed fixtures in fresh processes, each on a real `torch.optim.SGD`",
     ["tests/test_verify.py::test_every_kind_runs_on_a_real_sgd",
      "tests/test_verify.py::test_a_fixed_copy_that_runs_on_another_optimizer_fails"]),
    ("the fixed code must follow the reference (one of ours, or PyTorch's own `StepLR`, `PolynomialLR`, "
     "`OneCycleLR`...) and the original must not",
     ["tests/test_verify.py::test_founding_fixture_fixed_follows_the_reference_and_original_does_not",
      "tests/test_verify.py::test_fixture_the_fixer_does_not_change_fails",
      "tests/test_verify.py::test_fixture_whose_original_already_follows_fails"]),
    ("Every rule whose fix can change a schedule (its class sets `changes_schedule = True`) must declare one in "
     "its fixture folder: check 6 fails, naming the folder, where none does",
     ["tests/test_verify.py::test_a_schedule_rule_folder_without_a_declaration_fails",
      "tests/test_verify.py::test_every_rule_that_changes_schedules_declares_a_runnable_fixture"]),
    ("`bash .ci/run` runs these tests under coverage.py and fails below 100% branch coverage of "
     "`reviewer/reference/`",
     ["tests/test_readme_claims.py::test_ci_enforces_full_branch_coverage_of_the_references"]),
    ("a file that matches no selected rule's trigger is never parsed.",
     ["tests/test_engine.py::test_trigger_skips_parsing",
      "tests/test_registry.py::test_files_that_trigger_nothing_are_linted_without_libcst"]),
    ("The fixture tests check that no trigger ever hides a finding, for all rules together and for each rule alone, "
     "and `tests/test_trigger_property.py` checks it on generated training code.",
     ["tests/test_fixtures.py::test_triggers_never_hide_a_finding",
      "tests/test_fixtures.py::test_each_rule_alone_is_triggered_where_it_fires",
      "tests/test_trigger_property.py::test_triggers_never_hide_a_finding_in_generated_programs"]),
    ("The price: a syntax error in a file with no training vocabulary at all is not reported.",
     [f"{NEW}::test_a_syntax_error_is_reported_only_where_some_rule_could_fire"]),
    ("so the main process never imports libcst or the rules, and a worker imports them only for a file that some "
     "trigger lets through.",
     ["tests/test_registry.py::test_files_that_trigger_nothing_are_linted_without_libcst",
      "tests/test_registry.py::test_warm_runs_never_import_libcst_in_the_main_process"]),
    ("The lint path never imports torch", ["tests/test_cli.py::test_lint_path_never_imports_torch"]),
    ("a file that crashes libcst's native parser or runs past the per-file time limit (`REVIEWER_FILE_TIMEOUT`, "
     "default 120 s) becomes an `internal-error` finding, and the run goes on.",
     ["tests/test_reliability.py::test_worker_crash_is_contained", "tests/test_reliability.py::test_per_file_time_limit"]),
    ("A fix hook that changes files leaves them unstaged and pre-commit reports the hook as failed",
     ["tests/test_precommit.py::test_fix_hook_modifies_then_passes"]),
    ("Exit codes as `check`: 0 when every traced schedule passes, 1 when a check fails, 2 for a usage error or when "
     "nothing could be traced.",
     ["tests/test_trace.py::test_import_failures_timeouts_unfilled_and_the_main_guard",
      "tests/test_trace.py::test_every_schedule_rule_fixture_fails_its_property_and_its_fix_passes",
      "tests/test_trace.py::test_exit_codes_and_one_line_errors"]),
    ("as a module named `reviewer_trace_target_<n>`, never `__main__`, so an `if __name__ == \"__main__\":` block does "
     "not run) under a 4 GB address-space limit and a time limit per schedule, with `sys.argv` holding the file alone "
     "(where a relative import needs it, the file is imported as its package's module); a file whose import fails is "
     "reported in one line",
     ["tests/test_trace.py::test_import_failures_timeouts_unfilled_and_the_main_guard",
      "tests/test_trace.py::test_packages_argv_keyword_only_factors_and_declared_lengths"]),
    ("`reviewer check` never runs anything unless you pass `--trace`.",
     ["tests/test_trace.py::test_check_trace_adds_what_the_run_shows_to_schedule_findings",
      "tests/test_cli.py::test_lint_path_never_imports_torch"]),
]


def collapsed(text):
    return " ".join(text.split())


def test_every_claim_is_still_in_the_readme():
    readme = collapsed((ROOT / "README.md").read_text(encoding="utf-8"))
    assert [quote for quote, _ in CLAIMS if collapsed(quote) not in readme] == []


def test_every_claim_names_tests_that_exist():
    missing = []
    for _, tests in CLAIMS:
        assert tests
        for test in tests:
            path, name = test.split("::")
            tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
            if name not in {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}:
                missing.append(test)
    assert missing == []


def cli(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def patch_get_lr_fix(monkeypatch, change):
    """get-lr-instead-of-get-last-lr's fix, changed by `change(node, fix)` into another Fix."""
    rule = registry.find_rule("get-lr-instead-of-get-last-lr")
    report = rule.report

    def changed(self, node, message, *, fix=None, severity=None):
        report(self, node, message, fix=change(node, fix), severity=severity)

    monkeypatch.setattr(rule, "report", changed)


MUTATED_DEFAULT = "def f(a=[]):\n    a.append(1)\n    return a\n"
SAFE_AND_UNSAFE = TRIGGERING + MUTATED_DEFAULT
UNSAFE_FIXED = "def f(a=None):\n    if a is None:\n        a = []\n    a.append(1)\n    return a\n"
GET_LR = ("good.py:4:7: RV203 [*] `sched.get_lr()` re-applies the decay at milestones instead of reading the LR in "
          "use (PyTorch warns); use `sched.get_last_lr()`.")
MUTABLE = ("good.py:7:9: RV601 Mutable default `a=[]` is changed in place (`a.append(1)`): the caller's list is "
           "changed, and the default list is shared between calls, so each call sees what the previous ones did to it.")
UNSAFE_HINT = "1 more fixable with `--fix --unsafe-fixes` (they change behaviour: review them)."


def test_fix_applies_safe_fixes_and_unsafe_ones_only_when_asked(project):
    good = project / "good.py"
    good.write_text(SAFE_AND_UNSAFE)
    result = cli("check", "good.py", "--output-format", "concise")
    assert (result.exit_code, result.output.splitlines()) == (1, [
        GET_LR, MUTABLE, "Found 2 findings.", "[*] 1 fixable with the `--fix` option.", UNSAFE_HINT])

    result = cli("check", "--fix", "good.py", "--output-format", "concise")
    assert (result.exit_code, result.output.splitlines()) == (1, [MUTABLE, "Fixed 1 finding, 1 remaining.", UNSAFE_HINT])
    assert good.read_text() == FIXED + MUTATED_DEFAULT  # the safe fix only

    result = cli("check", "--diff", "--unsafe-fixes", "good.py")
    assert result.exit_code == 1
    assert "-def f(a=[]):\n+def f(a=None):\n+    if a is None:\n+        a = []\n" in result.output
    assert good.read_text() == FIXED + MUTATED_DEFAULT  # --diff writes nothing

    result = cli("check", "--fix", "--unsafe-fixes", "good.py", "--output-format", "concise")
    assert (result.exit_code, result.output) == (0, "Fixed 1 finding.\n")
    assert good.read_text() == FIXED + UNSAFE_FIXED


def test_a_display_only_fix_is_shown_and_never_applied(project, monkeypatch):
    # No catalogue rule offers one yet, so get-lr-instead-of-get-last-lr's fix is made display-only.
    patch_get_lr_fix(monkeypatch, lambda node, fix: Fix(Applicability.DISPLAY_ONLY, fix.message, fix.replacements))
    result = cli("check", "--fix", "--unsafe-fixes", "good.py")
    assert result.exit_code == 1
    assert "  = help (display-only fix): Use `get_last_lr()`\n    -print(sched.get_lr())\n" \
           "    +print(sched.get_last_lr())\n" in result.output
    assert "[*]" not in result.output and "fixable" not in result.output
    assert (project / "good.py").read_text() == TRIGGERING


def test_a_fix_that_does_not_parse_is_reverted_named_and_exits_2(project, monkeypatch):
    # `1.real` is no Python: the fix's text does not parse.
    patch_get_lr_fix(monkeypatch, lambda node, fix: Fix(
        fix.applicability, fix.message, [Replacement(node, cst.Attribute(cst.Integer("1"), cst.Name("real")))]))
    stale = "x = 1  # reviewer: ignore[syntax-error]\n"
    (project / "good.py").write_text(TRIGGERING + stale)
    result = cli("check", "--fix", "good.py", "--output-format", "concise")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "reviewer: error: good.py: a fix by get-lr-instead-of-get-last-lr produced invalid syntax; the file was left "
        "as it was before that fix",
        GET_LR, "Fixed 1 finding, 1 remaining.",
    ]
    # Reverted: the other (safe, parsing) fix is kept, the broken one is not applied.
    assert (project / "good.py").read_text() == TRIGGERING + "x = 1\n"


def test_fixes_that_do_not_converge_leave_the_file_as_it_was_and_exit_2(project, monkeypatch):
    # A fix whose result has the finding again (`sched.get_lr() + 0`) never converges.
    patch_get_lr_fix(monkeypatch, lambda node, fix: Fix(
        fix.applicability, fix.message, [Replacement(node, cst.BinaryOperation(node, cst.Add(), cst.Integer("0")))]))
    before = TRIGGERING + "x = 1  # reviewer: ignore[syntax-error]\n"
    (project / "good.py").write_text(before)
    result = cli("check", "--fix", "good.py", "--output-format", "concise")
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        "reviewer: error: good.py: fixes by get-lr-instead-of-get-last-lr (line 4) did not converge after 10 rounds; "
        "the file was left as it was")
    assert (project / "good.py").read_text() == before  # the converging fix is undone too


def test_a_fix_that_would_change_a_notebook_magic_line_exits_2(project):
    from test_notebooks import SETUP, code, write

    # The unused noqa sits on a magic line: removing it would change the magic.
    path = write(project, code(SETUP), code("%time y = 1  # noqa: RV203\nprint(1)"))
    before = path.read_bytes()
    result = cli("check", "train.ipynb", "--fix", "--output-format", "concise")
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        "reviewer: error: train.ipynb: a fix changed an IPython magic line in cell 2; not fixed")
    assert path.read_bytes() == before


def test_a_syntax_error_is_reported_only_where_some_rule_could_fire(project):
    (project / "plain.py").write_text("def broken(:\n")
    (project / "train.py").write_text("import torch\nsched.get_lr(\n")
    assert (cli("check", "plain.py").exit_code, cli("check", "plain.py").output) == (0, "All checks passed!\n")
    result = cli("check", "train.py", "--output-format", "concise")
    assert (result.exit_code, result.output) == (
        1, "train.py:2:13: RV001 Syntax error: '(' was never closed.\nFound 1 finding.\n")


IO_ERRORS = {
    "binary.py": "Binary file (contains NUL bytes), not Python source.",
    "dead.py": "Broken symbolic link.",
    "latin.py": "Not valid utf-8 (byte 21: invalid continuation byte); add a PEP 263 coding declaration.",
    "pipe.py": "Not a regular file (a FIFO, device or socket).",
}


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "github", "sarif"])
def test_io_errors_are_findings_and_exit_1_in_every_output_format(project, fmt):
    (project / "binary.py").write_bytes(b"\x7fELF\x02\x01\x00")
    os.symlink("missing.py", project / "dead.py")
    (project / "latin.py").write_bytes(b"import torch\nname = '\xe9'\n")
    os.mkfifo(project / "pipe.py")
    result = cli("check", *sorted(IO_ERRORS), "--output-format", fmt)
    assert result.exit_code == 1
    if fmt == "json":
        shown = {os.path.basename(f["filename"]): (f["code"], f["message"]) for f in json.loads(result.output)}
        assert shown == {name: ("RV004", message) for name, message in IO_ERRORS.items()}
    elif fmt == "sarif":
        [run] = json.loads(result.output)["runs"]
        shown = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r["ruleId"] for r in run["results"]}
        assert shown == dict.fromkeys(IO_ERRORS, "RV004")
        assert sorted(r["message"]["text"] for r in run["results"]) == sorted(IO_ERRORS.values())
    elif fmt == "github":
        assert sorted(result.output.splitlines()) == [
            f"::error file={name},line=1,col=1,endLine=1,endColumn=1,title=reviewer (RV004)::RV004 io-error: {message}"
            for name, message in sorted(IO_ERRORS.items())]
    else:  # full: a blank line after each finding
        assert [line for line in result.output.splitlines() if line] == [
            f"{name}:1:1: RV004 {message}" for name, message in IO_ERRORS.items()] + ["Found 4 findings."]


def test_ci_enforces_full_branch_coverage_of_the_references():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m coverage report --fail-under=100" in script
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'source = ["reviewer.reference"]' in config and "branch = true" in config
