"""Bad settings and odd trees: one line and the right exit code, never a traceback."""

import os

import pytest
from click.testing import CliRunner

from reviewer.cli import main
from reviewer.config import ConfigError, Settings, load
from reviewer.discovery import discover

#: a file with one finding, so that a linted file shows in the output
MUTABLE_DEFAULT = "def f(x=[]):\n    x.append(1)\n"


def cli(*args):
    return CliRunner().invoke(main, ["check", "--output-format", "concise", *args], catch_exceptions=False)


def linted(output):
    """The files with a finding in a concise report."""
    return {line.split(":")[0] for line in output.splitlines() if ": RV601 " in line}


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.reviewer]\n")
    return tmp_path


def test_gitignore_lines_that_git_skips_are_skipped_and_the_rest_still_apply(project):
    (project / ".gitignore").write_text("!\n\\\n[z-a]\nignored.py\nfoo\\\n")
    (project / "sub").mkdir()
    (project / "sub" / ".gitignore").write_text("[z-a]\nlocal.py\n!\n")
    for name in ("a.py", "ignored.py", "sub/b.py", "sub/local.py", "sub/ignored.py"):
        (project / name).write_text(MUTABLE_DEFAULT)
    assert discover(["."], Settings("pyproject.toml")).files == ["a.py", "sub/b.py"]
    result = cli()
    assert result.exit_code == 1
    assert linted(result.output) == {"a.py", "sub/b.py"}
    assert "reviewer:" not in result.output


@pytest.mark.parametrize(
    "body, message",
    [
        ('extend-exclude = ["[z-a]"]\n', "extend-exclude: bad pattern '[z-a]': bad character range z-a"),
        ('exclude = ["build", "!"]\n', "exclude: bad pattern '!': Pattern normalized to nothing."),
        ('[tool.reviewer.per-file-ignores]\n"src/[z-a].py" = ["RV601"]\n',
         "per-file-ignores: bad pattern 'src/[z-a].py': bad character range z-a"),
        ('[tool.reviewer.per-file-ignores]\n"tests/\\\\" = ["RV601"]\n',
         "per-file-ignores: bad pattern 'tests/\\\\': Escape character found with no next character to escape: '\\\\'"),
    ],
    ids=["extend-exclude", "exclude", "per-file-ignores-range", "per-file-ignores-escape"],
)
def test_a_bad_pattern_in_the_settings_is_one_error_when_they_are_read(project, body, message):
    (project / "pyproject.toml").write_text("[tool.reviewer]\n" + body)
    (project / "a.py").write_text(MUTABLE_DEFAULT)
    with pytest.raises(ConfigError):
        load("pyproject.toml")
    result = cli()
    assert result.exit_code == 2
    assert result.output == f"reviewer: error: pyproject.toml: [tool.reviewer] {message}\n"


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"# caf\xe9\n[tool.reviewer]\n", "not valid utf-8 (byte 5: invalid continuation byte)"),
        (b"tool = 5\n", "[tool] must be a table"),
        (b"[tool]\nreviewer = 5\n", "[tool.reviewer] must be a table"),
        (b'[tool.reviewer]\ncache-dir = "cache\\u0000dir"\n', "[tool.reviewer] cache-dir: 'cache\\x00dir' contains a NUL character"),
        (b"[tool.reviewer]\nselect = [\n", "invalid TOML: Invalid value (at end of document)"),
    ],
    ids=["latin-1", "tool-not-a-table", "reviewer-not-a-table", "nul-in-cache-dir", "invalid-toml"],
)
def test_an_unusable_pyproject_is_one_error(project, raw, message):
    (project / "pyproject.toml").write_bytes(raw)
    (project / "a.py").write_text(MUTABLE_DEFAULT)
    result = cli()
    assert result.exit_code == 2
    assert result.output == f"reviewer: error: pyproject.toml: {message}\n"


def chain(depth):
    """A relative path `depth` folders deep: d/d/.../d."""
    return "/".join(["d"] * depth)


@pytest.fixture
def deep(project):
    """Makes `d/d/...` trees deeper than os.makedirs (recursive) or one path (PATH_MAX) allows,
    by going down as it builds; removes them the same way (shutil.rmtree recurses too)."""
    made = []

    def build(depth, bottom_file):
        while len(made) < depth:
            step = chain(min(200, depth - len(made)))
            os.makedirs(step)
            os.chdir(step)
            made.extend(step.split("/"))
        with open(bottom_file, "w") as handle:
            handle.write(MUTABLE_DEFAULT)
        os.chdir(project)

    yield build
    for start in range(0, len(made), 200):
        os.chdir(chain(min(200, len(made) - start)))
    for name in os.listdir("."):
        os.remove(name)
    for _ in made:
        os.chdir("..")
        os.rmdir("d")


def test_a_tree_deeper_than_the_python_stack_is_walked(deep):
    deep(1300, "a.py")
    result = cli()
    assert result.exit_code == 1
    assert linted(result.output) == {chain(1300) + "/a.py"}
    assert "reviewer:" not in result.output


def test_a_folder_whose_path_is_too_long_is_a_warning_and_the_run_goes_on(project, deep):
    path_max = os.pathconf(".", "PC_PATH_MAX")
    depth = path_max // 2 + 10
    deep(depth, "unreachable.py")
    (project / "a.py").write_text(MUTABLE_DEFAULT)
    # The first folder whose relative path (with its closing NUL) is over PATH_MAX.
    too_long = next(chain(n) for n in range(1, depth) if len(chain(n)) >= path_max)
    result = cli()
    assert result.exit_code == 1
    assert linted(result.output) == {"a.py"}
    assert [line for line in result.output.splitlines() if line.startswith("reviewer:")] == [
        f"reviewer: warning: {too_long}: File name too long, skipped"
    ]


def test_a_folder_behind_too_many_links_is_a_warning_and_the_run_goes_on(project):
    # r0/n -> r1, r1/n -> r2, ...: r0/n/n/.../n reaches r41 through 41 links, one more than
    # Linux follows in one path; every other folder is reachable.
    for index in range(42):
        (project / f"r{index}").mkdir()
        if index:
            os.symlink(f"../r{index}", project / f"r{index - 1}" / "n")
    (project / "r41" / "a.py").write_text(MUTABLE_DEFAULT)
    result = cli()
    assert result.exit_code == 1
    assert linted(result.output) == {"r1/" + "n/" * 40 + "a.py"}
    assert [line for line in result.output.splitlines() if line.startswith("reviewer:")] == [
        "reviewer: warning: r0/" + "n/" * 40 + "n: Too many levels of symbolic links, skipped"
    ]
