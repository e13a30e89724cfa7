"""Issue 16, items 3 and 4: each file uses the nearest [tool.reviewer] above it, and paths in
baselines and SARIF do not depend on the folder a run starts from."""

import json
import os

import pytest

from reliability import TRIGGERING, cli

WARMUP = (
    "import torch\n"
    "def make(opt):\n"
    "    return torch.optim.lr_scheduler.StepLR(opt, 10, verbose=True)\n"
)


@pytest.fixture
def monorepo(tmp_path, monkeypatch):
    """a/ ignores RV203 and excludes gen/; b/ has the defaults; the root has no settings."""
    (tmp_path / ".git").mkdir()
    for project, settings in (("a", 'ignore = ["RV203"]\nextend-exclude = ["gen"]\n'), ("b", "")):
        (tmp_path / project / "gen").mkdir(parents=True)
        (tmp_path / project / "pyproject.toml").write_text(f"[tool.reviewer]\n{settings}")
        (tmp_path / project / "train.py").write_text(TRIGGERING + WARMUP)
        (tmp_path / project / "gen" / "made.py").write_text(TRIGGERING)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(*args):
    result = cli("check", "--output-format", "concise", "--no-cache", *args)
    return result.exit_code, sorted(line.split(" ")[0:2] for line in result.output.splitlines() if ": RV" in line)


def test_each_file_uses_its_nearest_settings_whatever_the_order(monorepo):
    expected = (1, [["a/train.py:9:53:", "RV204"],
                    ["b/gen/made.py:4:7:", "RV203"], ["b/train.py:4:7:", "RV203"], ["b/train.py:9:53:", "RV204"]])
    assert findings("a", "b") == expected
    assert findings("b", "a") == expected
    assert findings(".") == expected
    assert findings("a/train.py", "b/train.py")[1] == [["a/train.py:9:53:", "RV204"], ["b/train.py:4:7:", "RV203"],
                                                       ["b/train.py:9:53:", "RV204"]]


def test_config_option_applies_to_every_file(monorepo):
    code, found = findings("--config", "a/pyproject.toml", ".")
    assert code == 1
    assert found == [["a/train.py:9:53:", "RV204"], ["b/train.py:9:53:", "RV204"]]  # a's ignore and exclude for all


def test_a_bad_setting_in_a_nested_project_stops_the_run(monorepo):
    (monorepo / "b" / "pyproject.toml").write_text('[tool.reviewer]\nselect = ["NOPE"]\n')
    result = cli("check", ".", "--no-cache")
    assert result.exit_code == 2
    assert result.output.startswith("reviewer: error: ") and "NOPE" in result.output


def test_baseline_matches_from_any_folder(monorepo):
    os.chdir(monorepo / "b")
    assert cli("check", "--write-baseline", "baseline.json", "--no-cache").exit_code == 0
    os.chdir(monorepo)
    assert findings(".", "--baseline", "b/baseline.json") == (1, [["a/train.py:9:53:", "RV204"]])
    os.chdir(monorepo / "b" / "gen")
    assert findings("..", "--baseline", "../baseline.json") == (0, [])


def test_sarif_uris_are_relative_to_the_repository(monorepo):
    for start, target in ((monorepo, "b/train.py"), (monorepo / "b", "train.py")):
        os.chdir(start)
        result = cli("check", "--output-format", "sarif", "--no-cache", target)
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(result.output)["runs"][0]["results"]}
        assert uris == {"b/train.py"}


def test_show_files_lists_what_each_project_keeps(monorepo):
    result = cli("check", "--show-files", ".")
    assert (result.exit_code, result.output) == (0, "a/train.py\nb/gen/made.py\nb/train.py\n")


def test_show_settings_says_where_each_value_comes_from(monorepo):
    result = cli("check", "--show-settings", "--select", "RV2", "a/train.py")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:4] == [
        "Settings for a/train.py: a/pyproject.toml, project root a",
        '  select = ["RV2"]  (command line)',
        '  ignore = ["RV203"]  (a/pyproject.toml)',
        "  extend-select = []  (default)",
    ]
    assert '  extend-exclude = ["gen"]  (a/pyproject.toml)' in lines
    assert lines[-1].startswith("  rules (") and "RV204" in lines[-1]
    assert cli("check", "--show-settings", "b/train.py").output.splitlines()[0] == (
        "Settings for b/train.py: b/pyproject.toml, project root b")
