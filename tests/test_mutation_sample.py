"""The CI sample of mutation testing: the bugs issue 20 planted by hand, in the engine and in
`reviewer verify`'s checks and references, each written into a copy of the project
(tests/mutation.py's Workspace), must fail the tests named for it. The full run is `python tests/mutation.py` (README, "Mutation testing")."""

import pytest

from mutation import ROOT, Workspace

#: (file, code as it is, code as the planted bug makes it, the tests that must fail)
SAMPLE = [
    pytest.param("reviewer/processing.py",
                 "        outcome.findings = [io_error(path, str(exc))]\n        return outcome\n    outcome.signature",
                 "        outcome.findings = []\n        return outcome\n    outcome.signature",
                 "tests/test_mutation_exit_codes.py::test_an_undecodable_file_is_a_finding_and_exits_1",
                 id="undecodable file exits 0"),
    pytest.param("reviewer/fixer.py",
                 "            outcome.broken = True\n            good =",
                 "            outcome.broken = False\n            good =",
                 "tests/test_mutation_exit_codes.py::test_a_broken_fix_exits_2_whatever_else_happens",
                 id="broken fix exits 0"),
    pytest.param("reviewer/source.py",
                 "    return {**engine, **package_sources(reviewer.rules)}",
                 "    return engine",
                 "tests/test_mutation_cache.py::test_the_code_fingerprint_covers_the_engine_the_rules_libcst_and_python",
                 id="cache key ignores the rules' code"),
    pytest.param("rules/scheduler_api/get_lr_instead_of_get_last_lr.py",
                 '_PROTOCOL = ("get_lr", "_get_closed_form_lr")',
                 '_PROTOCOL = ("get_lr",)',
                 "tests/test_mutation_triggers.py::test_get_lr_in_the_scheduler_protocol_s_own_methods_is_no_finding",
                 id="get-lr loses its _get_closed_form_lr exemption"),
    pytest.param("reviewer/triggers.py",
                 '"WARM_?UP", ',
                 '"warm_?up", ',
                 "tests/test_mutation_triggers.py::test_each_part_of_the_schedule_trigger_lets_its_file_through",
                 id="warm-up trigger narrowed to lower case"),
    # verify's own checks and references (issue 20: each survived the suite and `verify`)
    pytest.param("reviewer/reference/checks.py",
                 'worst, problem = compare(got, want, TORCH_RTOL, "PyTorch")',
                 'worst, problem = 0.0, ""',
                 "tests/test_verify_checks.py::test_pytorch_comparison_fails_off_by_one_and_an_error_beyond_its_tolerance",
                 id="vs PyTorch always passes"),
    pytest.param("reviewer/reference/checks.py",
                 "compare(head + run(fresh_opt, fresh, n - k), reference, 0.0,",
                 "compare(reference, reference, 0.0,",
                 "tests/test_verify_checks.py::test_a_state_dict_that_loses_the_counter_fails_only_resume",
                 id="resume never compares"),
    pytest.param("reviewer/reference/checks.py",
                 'worst, problem = compare(got, want, ORACLE_RTOL, "the oracle")',
                 'worst, problem = compare(got, want, 1e-3, "the oracle")',
                 "tests/test_verify_checks.py::test_the_oracle_check_alone_fails_one_part_in_a_billion",
                 id="oracle tolerance loosened to 1e-3"),
    pytest.param("reviewer/reference/checks.py",
                 "            problems = [problem] if problem else []",
                 "            problems = []",
                 "tests/test_verify_checks.py::test_off_by_one_step_fails_every_oracle_comparison_but_not_resume",
                 id="training skips its LR-vs-oracle comparison"),
    pytest.param("reviewer/reference/checks.py",
                 "            if outcome.replaced_at is not None:",
                 "            if False:",
                 "tests/test_verify_checks.py::test_replacing_the_lr_tensor_fails_only_compile",
                 id="compile ignores a replaced LR tensor"),
    pytest.param("reviewer/reference/schedulers.py",
                 "peak = max(self.step_scale ** segment, self.eta_min)",
                 "peak = self.step_scale ** segment",
                 "tests/test_reference.py::test_matches_the_oracle",
                 id="warm-boot reference without its floor"),
    pytest.param("reviewer/reference/__init__.py",
                 '"CosineAnnealingWarmbootingLR", "LinearWarmup", "WarmupCosineLR"]',
                 '"CosineAnnealingWarmbootingLR", "XXLinearWarmupXX", "WarmupCosineLR"]',
                 "tests/test_reference.py::test_a_run_of_one_step_is_a_run",
                 id="a public name lost: the test module no longer imports"),
    pytest.param("reviewer/suppression.py",
                 "apply(stale, [c for c in comments if c.codes or c.kind == \"noqa\" or c.blanket_used])",
                 "apply(stale, comments)",
                 "tests/test_mutation_suppression.py::test_an_unused_directive_is_reported_and_its_fix_removes_exactly_it",
                 id="a bare ignore silences its own report"),
]


@pytest.fixture(scope="module")
def workspace():
    space = Workspace()
    # The copy collects every named test (the main suite runs them on the same code and they
    # pass): a failure below is the planted bug's, and a name that no longer exists is an
    # error (`Workspace.killed`), not a kill.
    tests = [param.values[3] for param in SAMPLE]
    assert space.pytest(["--collect-only", *tests], timeout=120) == 0
    yield space
    space.close()


@pytest.mark.parametrize("path, original, mutated, tests", SAMPLE)
def test_a_planted_bug_fails_its_tests(workspace, path, original, mutated, tests):
    text = (ROOT / path).read_text(encoding="utf-8")
    assert text.count(original) == 1, f"the sample's code moved: update SAMPLE for {path}"
    assert workspace.killed(path, text.replace(original, mutated), [tests], timeout=120) == "killed"
