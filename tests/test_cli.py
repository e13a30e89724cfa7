"""The command line, in process (CliRunner) and as a real subprocess.

Most tests use the engine's own `unused-suppression` rule, whose findings and fix are
independent of the catalogue; tests/test_cli_rules.py covers the catalogue end to end.
"""

import json
import os
import subprocess
import sys

import jsonschema
import pytest
from click.testing import CliRunner

from reviewer import __version__, source
from reviewer.cli import main

from conftest import ROOT

STALE = "x = 1  # reviewer: ignore[syntax-error]\ny = 2\n"
FIXED = "x = 1\ny = 2\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.reviewer]\n")
    (tmp_path / "stale.py").write_text(STALE)
    (tmp_path / "clean.py").write_text("import torch\n")
    return tmp_path


def cli(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_findings_exit_1_and_full_output(project):
    result = cli("check")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "stale.py:1:8: RV003 [*] Unused suppression of syntax-error: the rule does not fire here."
    )
    assert "1 | x = 1  # reviewer: ignore[syntax-error]" in result.output
    assert "-x = 1  # reviewer: ignore[syntax-error]" in result.output
    assert "+x = 1" in result.output
    assert result.output.rstrip().endswith("[*] 1 fixable with the `--fix` option.")


def test_clean_exit_0(project):
    result = cli("check", "clean.py")
    assert result.exit_code == 0
    assert result.output == "All checks passed!\n"


def test_exit_zero(project):
    assert cli("check", "--exit-zero").exit_code == 0


def test_concise(project):
    result = cli("check", "--output-format", "concise", "-q")
    assert result.output == "stale.py:1:8: RV003 [*] Unused suppression of syntax-error: the rule does not fire here.\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "--select", "RV9"], "reviewer: error: unknown rule selector 'RV9' (see `reviewer rules`)"),
        (["check", "missing.py"], "reviewer: error: missing.py: no such file or directory"),
        (["check", "--bogus"], "No such option '--bogus'"),
        (["rule", "nope"], "reviewer: error: unknown rule 'nope' (see `reviewer rules`)"),
    ],
)
def test_usage_errors_exit_2(project, args, message):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output


def test_malformed_config_exit_2(project):
    (project / "pyproject.toml").write_text("[tool.reviewer]\nselect = 3\n")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert result.output == "reviewer: error: pyproject.toml: [tool.reviewer] select: expected a list of strings, got int\n"


def test_fix_writes_and_diff_does_not(project):
    diff = cli("check", "--diff")
    assert diff.exit_code == 1
    assert diff.stdout == (
        "--- a/stale.py\n+++ b/stale.py\n@@ -1,2 +1,2 @@\n-x = 1  # reviewer: ignore[syntax-error]\n+x = 1\n y = 2\n"
    )
    assert (project / "stale.py").read_text() == STALE
    fixed = cli("check", "--fix", "--show-fixes")
    assert fixed.exit_code == 0
    assert (project / "stale.py").read_text() == FIXED
    assert "    1 × RV003 (unused-suppression)" in fixed.output
    assert "Fixed 1 finding." in fixed.output
    assert cli("check", "--diff").exit_code == 0


def test_fix_only_reports_nothing(project):
    result = cli("check", "--fix-only", "-q")
    assert result.exit_code == 0 and result.stdout == ""
    assert (project / "stale.py").read_text() == FIXED


def test_json_has_ruff_fields(project):
    result = cli("check", "--output-format", "json")
    assert result.exit_code == 1
    [item] = json.loads(result.stdout)
    assert item == {
        "code": "RV003",
        "name": "unused-suppression",
        "message": "Unused suppression of syntax-error: the rule does not fire here.",
        "severity": "warning",
        "filename": str(project / "stale.py"),
        "location": {"row": 1, "column": 8},
        "end_location": {"row": 1, "column": 40},
        "fix": {
            "applicability": "safe",
            "message": "Remove the suppression comment",
            "edits": [{"content": "", "location": {"row": 1, "column": 6}, "end_location": {"row": 1, "column": 40}}],
        },
        "noqa_row": 1,
        "url": None,
    }


def test_github_annotations_are_escaped(project):
    (project / "stale.py").write_text("x = 1  # reviewer: ignore[no-such-rule]\n")
    result = cli("check", "--output-format", "github")
    assert result.stdout == (
        "::warning file=stale.py,line=1,col=8,endLine=1,endColumn=40,title=reviewer (RV003)"
        "::RV003 unused-suppression: Suppression names unknown rule no-such-rule.\n"
    )
    (project / "a,b:c.py").write_text("x = 1  # reviewer: ignore[syntax-error]\n")
    result = cli("check", "--output-format", "github", "a,b:c.py")
    assert result.stdout.startswith("::warning file=a%2Cb%3Ac.py,line=1,")


def test_sarif_is_valid(project):
    result = cli("check", "--output-format", "sarif")
    document = json.loads(result.stdout)
    schema = json.loads((ROOT / "tests" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(document, schema)
    run = document["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["RV003"]
    [res] = run["results"]
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stale.py"
    assert len(res["partialFingerprints"]["reviewer/v1"]) == 32


def test_statistics(project):
    (project / "more.py").write_text(STALE + STALE)
    result = cli("check", "--statistics")
    assert result.stdout.splitlines()[0] == "3\tRV003\t[*] unused-suppression"


def test_stdin(project):
    result = cli("check", "-", "--stdin-filename", "piped.py", "--output-format", "concise", "-q", input=STALE)
    assert result.exit_code == 1
    assert result.output.startswith("piped.py:1:8: RV003")
    fixed = CliRunner().invoke(main, ["check", "-", "--fix", "-q"], input=STALE)
    assert fixed.exit_code == 0
    assert fixed.stdout == FIXED


def test_color(project, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" in cli("check", "--color", "always").output
    assert "\x1b[" not in cli("check", "--color", "never").output
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli("check").output


def test_select_and_ignore(project):
    assert cli("check", "--ignore", "unused-suppression").exit_code == 0
    assert cli("check", "--select", "RV0").exit_code == 1
    (project / "pyproject.toml").write_text('[tool.reviewer]\nignore = ["RV003"]\n')
    assert cli("check").exit_code == 0
    assert cli("check", "--extend-select", "RV003").exit_code == 1


def test_per_file_ignores(project):
    (project / "pyproject.toml").write_text('[tool.reviewer.per-file-ignores]\n"stale.py" = ["unused-suppression"]\n')
    assert cli("check").exit_code == 0


def test_add_noqa_then_clean(project):
    (project / "stale.py").write_text("x = 1  # reviewer: ignore[syntax-error]  # keep\n")
    result = cli("check", "--add-noqa")
    assert result.exit_code == 0
    assert "Added 1 noqa directive." in result.output
    assert (project / "stale.py").read_text() == "x = 1  # reviewer: ignore[syntax-error]  # keep  # noqa: RV003\n"
    assert cli("check").exit_code == 0


def test_baseline_survives_inserted_lines(project):
    assert cli("check", "--write-baseline", "baseline.json").exit_code == 0
    assert cli("check", "--baseline", "baseline.json").exit_code == 0
    (project / "stale.py").write_text("import os\n\n" + STALE)
    assert cli("check", "--baseline", "baseline.json").exit_code == 0
    (project / "stale.py").write_text(STALE + "z = 3  # reviewer: ignore[syntax-error]\n")
    result = cli("check", "--baseline", "baseline.json", "--output-format", "concise", "-q")
    assert result.exit_code == 1
    assert result.output.startswith("stale.py:3:8: RV003")


def test_rules_and_rule_commands():
    listing = cli("rules")
    assert listing.exit_code == 0
    assert any(line.startswith("RV003  unused-suppression") for line in listing.output.splitlines())
    as_json = json.loads(cli("rules", "--output-format", "json").output)
    assert {"code", "name", "summary", "fix", "documentation"} <= set(as_json[0])
    doc = cli("rule", "unused-suppression")
    assert doc.output.startswith("# unused-suppression (RV003)\n")
    assert cli("rule", "RV003").output == doc.output
    assert json.loads(cli("rule", "RV003", "--output-format", "json").output)["name"] == "unused-suppression"


def test_cache_second_run_does_no_parsing(project, monkeypatch):
    monkeypatch.delenv("REVIEWER_NO_CACHE")
    (project / "train.py").write_text("import torch\nsched.get_lr()\nopt.step()\nx = [\n")
    first = cli("check", "--output-format", "json")
    assert (project / ".reviewer_cache" / "CACHEDIR.TAG").exists()

    def fail(_text):
        raise AssertionError("parsed although cached")

    monkeypatch.setattr("reviewer.engine.parse", fail)
    second = cli("check", "--output-format", "json")
    assert second.stdout == first.stdout


def test_warm_run_starts_no_worker_and_edited_files_are_linted_again(project, monkeypatch):
    monkeypatch.delenv("REVIEWER_NO_CACHE")
    (project / "train.py").write_text("import torch\nsched.get_lr()\n")
    first = cli("check", "--output-format", "json")
    assert first.exit_code == 1

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started although every file is cached")

    with monkeypatch.context() as patched:
        patched.setattr("reviewer.runner.Pool", no_pool)
        second = cli("check", "--output-format", "json")
    assert (second.exit_code, second.stdout) == (1, first.stdout)
    # An edited file misses the cache and goes to a worker; the others are still answered from it.
    (project / "clean.py").write_text("def f(x=[]):\n    return x\n")
    third = cli("check", "--output-format", "json")
    assert {(f["filename"].rsplit("/", 1)[-1], f["code"]) for f in json.loads(third.stdout)} == {
        ("clean.py", "RV601"), *((f["filename"].rsplit("/", 1)[-1], f["code"]) for f in json.loads(first.stdout))
    }


@pytest.fixture
def indexed(project, monkeypatch):
    """A project whose files are old enough to be indexed by stat (see source._RACY_NS)."""
    monkeypatch.delenv("REVIEWER_NO_CACHE")
    monkeypatch.setattr("reviewer.source._RACY_NS", 0)
    return project


def index_entries(project):
    index = json.loads((project / ".reviewer_cache" / __version__ / "files.json").read_text())
    return sorted(os.path.basename(path) for path in index["files"])


def counting_reads(monkeypatch):
    names = []
    real = source.read
    monkeypatch.setattr("reviewer.source.read", lambda path, **kw: names.append(os.path.basename(path)) or real(path, **kw))
    return names


def test_unchanged_files_are_answered_by_stat_and_read_only_to_show_findings(indexed, monkeypatch):
    (indexed / "train.py").write_text("def f(x=[]):\n    return x\n")
    first = cli("check")
    assert first.exit_code == 1 and "train.py:1:9: RV601" in first.output
    assert index_entries(indexed) == ["clean.py", "stale.py", "train.py"]
    reads = counting_reads(monkeypatch)
    second = cli("check")
    assert (second.exit_code, second.output) == (1, first.output)
    assert sorted(reads) == ["stale.py", "train.py"]  # for their source lines; clean.py is not read at all
    # Another rule set is another answer: the stat alone does not do.
    reads.clear()
    only = cli("check", "--select", "RV601", "--output-format", "concise", "-q").output.splitlines()
    assert [line.split(" ")[:2] for line in only] == [["train.py:1:9:", "RV601"]]
    assert sorted(reads) == ["clean.py", "stale.py", "train.py"]


def test_a_file_rewritten_with_its_old_size_and_mtime_is_read_again(indexed):
    target = indexed / "stale.py"
    assert cli("check", "stale.py").exit_code == 1
    old = target.stat()
    target.write_text(STALE.replace("reviewer:", "reviewer-"))  # same size, no directive left
    os.utime(target, ns=(old.st_atime_ns, old.st_mtime_ns))  # as `rsync -t` or `cp -p` leave it
    assert (target.stat().st_size, target.stat().st_mtime_ns) == (old.st_size, old.st_mtime_ns)
    assert cli("check", "stale.py").exit_code == 0  # the ctime changed: not answered by stat


def test_the_stat_index_survives_damage_and_forgets_deleted_files(indexed):
    (indexed / "train.py").write_text("import torch\n")
    first = cli("check")
    index = indexed / ".reviewer_cache" / __version__ / "files.json"
    for junk in ("{not json", json.dumps({"format": 1}), json.dumps({"format": 1, "code": "x", "files": []}), "",
                 "[" * 100000 + "]" * 100000):
        index.write_text(junk)
        assert (cli("check").output, index_entries(indexed)) == (first.output, ["clean.py", "stale.py", "train.py"])
    (indexed / "train.py").unlink()
    (indexed / "clean.py").write_text("import torch  # edited\n")
    cli("check")
    assert index_entries(indexed) == ["clean.py", "stale.py"]


def test_identical_files_are_cached_apart_since_rules_read_the_path(indexed):
    """inference-without-no-grad leaves test files alone: the same text elsewhere is not."""
    text = (
        "import torch.nn as nn\n\n\nclass Net(nn.Linear):\n    def forward(self, x):\n        return x\n\n\n"
        "model = Net()\n\n\ndef predict(x):\n    model(x)\n"
    )
    (indexed / "tests").mkdir()
    (indexed / "tests" / "m.py").write_text(text)
    (indexed / "m.py").write_text(text)
    assert cli("check", "tests/m.py").exit_code == 0
    assert cli("check", "m.py", "--output-format", "concise", "-q").output.startswith("m.py:13:5: RV501")


def test_findings_shown_from_a_cached_stat_are_those_of_the_text_shown(indexed, monkeypatch):
    (indexed / "train.py").write_text("def f(x=[]):\n    return x\n")
    first = cli("check", "train.py", "--output-format", "concise", "-q").output
    real = source.read

    def edited_meanwhile(path, **kw):  # the file changes between the stat and the read
        if path == "train.py":
            (indexed / "train.py").write_text("\n\ndef f(x=[]):\n    return x\n")
        return real(path, **kw)

    monkeypatch.setattr("reviewer.source.read", edited_meanwhile)
    second = cli("check", "train.py", "--output-format", "concise", "-q").output
    assert (first.split(":")[1], second.split(":")[1]) == ("1", "3")


def test_files_changed_in_the_last_seconds_are_not_indexed_by_stat(project, monkeypatch):
    monkeypatch.delenv("REVIEWER_NO_CACHE")
    cli("check")  # the files were just written: a second write in the same clock tick could keep their stat
    assert not (project / ".reviewer_cache" / __version__ / "files.json").exists()
    reads = counting_reads(monkeypatch)
    cli("check")
    assert sorted(reads) == ["clean.py", "stale.py"]


def run_process(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "reviewer", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, REVIEWER_NO_CACHE="1"),
    )


def test_subprocess_exit_codes(project):
    assert run_process("check", "clean.py", cwd=project).returncode == 0
    assert run_process("check", cwd=project).returncode == 1
    bad = run_process("check", "--select", "nope", cwd=project)
    assert bad.returncode == 2
    assert bad.stderr == "reviewer: error: unknown rule selector 'nope' (see `reviewer rules`)\n"


def test_lint_path_never_imports_torch(project):
    (project / "train.py").write_text(
        "import torch\nfrom torch.optim.lr_scheduler import StepLR\n"
        "opt = torch.optim.SGD([], lr=0.1)\nsched = StepLR(opt, 10)\nsched.get_lr()\n"
    )
    code = (
        "import sys\nfrom reviewer.cli import main\n"
        "try:\n    main(['check', 'train.py', '--exit-zero', '-q'])\nexcept SystemExit:\n    pass\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\nprint('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("ok\n")


@pytest.mark.parametrize("args, environment, size", [
    ((), {}, 2),  # the usable cores (two here, pinned below), at most one per file
    (("--jobs", "1"), {}, 1),
    ((), {"REVIEWER_JOBS": "1"}, 1),
    (("-j", "2"), {"REVIEWER_JOBS": "1"}, 2),  # the command line wins
])
def test_jobs_choose_the_worker_count(project, monkeypatch, args, environment, size):
    from reviewer import runner

    sizes = []
    real = runner.Pool

    def recording(job, workers):
        sizes.append(workers)
        return real(job, workers)

    monkeypatch.setattr(runner, "Pool", recording)
    monkeypatch.setattr(runner, "usable_cores", lambda: 2)
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    result = cli("check", "--no-cache", "--output-format", "concise", *args)
    assert result.exit_code == 1 and "stale.py:1:" in result.output
    assert sizes == [size]
