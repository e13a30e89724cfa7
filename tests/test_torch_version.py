"""`torch-version`: version-dependent rules follow the PyTorch release the code runs on."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import main
from reviewer.config import ConfigError, load

SOURCE = """\
from torch.optim import lr_scheduler


def build(optimizer):
    return lr_scheduler.StepLR(optimizer, step_size=30, verbose=True)
"""
WARNING = ("t.py:5:57: RV204 [*] `verbose=` of `StepLR` is deprecated since PyTorch 2.2 (`torch-version` is 2.4) "
           "and removed in 2.7; log `get_last_lr()` instead.")
ERROR = ("t.py:5:57: RV204 [*] `verbose=` of `StepLR` raises a TypeError: PyTorch 2.7 removed it "
         "(`torch-version` is 2.8); log `get_last_lr()` instead.")
UNKNOWN = ("t.py:5:57: RV204 [*] `verbose=` of `StepLR` is deprecated since PyTorch 2.2 and removed in later "
           "releases (a TypeError there); log `get_last_lr()` instead.")


def folder(root, name, version):
    (root / name).mkdir()
    (root / name / "t.py").write_text(SOURCE)
    table = f'torch-version = "{version}"\n' if version else ""
    (root / name / "pyproject.toml").write_text("[tool.reviewer]\n" + table)


def check(*args):
    result = CliRunner().invoke(main, ["check", "--select", "RV204", "--output-format", "concise", "-q", *args])
    return result.exit_code, result.output.splitlines()


@pytest.fixture
def monorepo(tmp_path, monkeypatch):
    """Three projects: one on PyTorch 2.1, one on 2.8.1, one that does not say."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    folder(tmp_path, "old", "2.1")
    folder(tmp_path, "new", "2.8.1")
    folder(tmp_path, "any", None)
    return tmp_path


def test_each_project_is_checked_for_its_own_release(monorepo):
    assert check("old", "new", "any") == (1, ["any/" + UNKNOWN, "new/" + ERROR])
    assert check("new", "old") == (1, ["new/" + ERROR])  # the order of the paths changes nothing


def test_the_severity_follows_the_release(monorepo):
    result = CliRunner().invoke(main, ["check", "--select", "RV204", "--output-format", "json", "new", "any"])
    assert [(Path(f["filename"]).parent.name, f["severity"]) for f in json.loads(result.output)] == [
        ("any", "warning"), ("new", "error")]


def test_the_command_line_overrides_every_project(monorepo):
    assert check("old", "--torch-version", "2.4") == (1, ["old/" + WARNING])
    assert check("new", "--torch-version", "2.0") == (0, [])


def test_a_bad_version_is_a_usage_error(monorepo):
    result = CliRunner().invoke(main, ["check", "old", "--torch-version", "two"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for --torch-version: expected a PyTorch version such as \"2.4\", got 'two'")


@pytest.mark.parametrize("written, version", [('"2.4"', "2.4"), ('"2.4.1"', "2.4"), ('"10.0"', "10.0")])
def test_a_version_is_read_as_major_and_minor(tmp_path, written, version):
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool.reviewer]\ntorch-version = {written}\n")
    config = load(str(path))
    assert config.torch_version == version
    assert config.torch_release == tuple(int(part) for part in version.split("."))


@pytest.mark.parametrize("written, shown", [('"2"', "'2'"), ("2.4", "2.4"), ('"v2.4"', "'v2.4'"), ('"2.x"', "'2.x'")])
def test_a_bad_version_in_the_settings_names_the_file_and_the_value(tmp_path, written, shown):
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool.reviewer]\ntorch-version = {written}\n")
    with pytest.raises(ConfigError) as raised:
        load(str(path))
    assert str(raised.value).endswith(
        f'pyproject.toml: [tool.reviewer] torch-version: expected a PyTorch version such as "2.4", got {shown}')


def test_a_changed_release_is_not_answered_from_the_cache(monorepo, cached):
    assert check("old") == (0, [])
    (monorepo / "old" / "pyproject.toml").write_text('[tool.reviewer]\ntorch-version = "2.8"\n')
    assert check("old") == (1, ["old/" + ERROR])
    assert check("old") == (1, ["old/" + ERROR])  # now from the cache
    assert check("old", "--torch-version", "2.1") == (0, [])


def test_show_settings_says_where_the_release_comes_from(monorepo):
    result = CliRunner().invoke(main, ["check", "new", "--show-settings"])
    assert '  torch-version = "2.8"  (new/pyproject.toml)' in result.output.splitlines()
    result = CliRunner().invoke(main, ["check", "any", "--show-settings", "--torch-version", "2.5.0"])
    assert '  torch-version = "2.5"  (command line)' in result.output.splitlines()
    result = CliRunner().invoke(main, ["check", "any", "--show-settings"])
    assert "  torch-version = null  (default)" in result.output.splitlines()


def test_the_server_reads_the_release_of_each_file(monorepo):
    pytest.importorskip("pygls")
    from reviewer.server import lint

    text = (monorepo / "old" / "t.py").read_text()
    assert lint(str(monorepo / "old" / "t.py"), 1, text).findings == []
    [finding] = lint(str(monorepo / "new" / "t.py"), 1, text).findings
    assert finding.severity.value == "error" and "PyTorch 2.7 removed it" in finding.message
