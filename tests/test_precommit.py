"""reviewer as a pre-commit hook, with the real pre-commit (slow: it builds a virtualenv)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

BUGGY = '''import torch


class WarmupScheduler:
    def __init__(self, optimizer, warmup_iters=100):
        self.optimizer = optimizer
        self.warmup_iters = warmup_iters
        self.iters = 0

    def step(self):
        self.iters = 1
        for group in self.optimizer.param_groups:
            group["lr"] = group["initial_lr"] * min(1.0, self.iters / self.warmup_iters)

    def state_dict(self):
        return {"iters": self.iters}

    def load_state_dict(self, state):
        self.iters = state["iters"]
'''
CLEAN = "import torch\n\n\ndef add(a, b):\n    return a + b\n"


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


#: what .gitignore leaves out of the snapshot, coverage's data files too: CI's covered part
#: writes and renames them in the checkout while the snapshot is copied
SNAPSHOT_SKIPS = (".venv", "*.egg-info", "__pycache__", ".reviewer_cache", ".pytest_cache", ".hypothesis", "build",
                  "dist", ".coverage", ".coverage.*", ".ci-coverage.log", "mutants")


def test_the_snapshot_skips_everything_git_ignores():
    ignored = [line.strip().rstrip("/") for line in (ROOT / ".gitignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
    assert sorted(ignored) == sorted(SNAPSHOT_SKIPS)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """A committed snapshot of this checkout (working tree included) and a pre-commit home
    the module shares: pre-commit keys a hook's environment by repository and revision, so
    it is built once (`try-repo` would build it again in a new store on every call)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    snapshot = tmp_path_factory.mktemp("hook-repo") / "reviewer"
    shutil.copytree(ROOT, snapshot, ignore=shutil.ignore_patterns(".git", *SNAPSHOT_SKIPS))
    git("init", "-q", cwd=snapshot)
    git("add", "-A", cwd=snapshot)
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "snapshot", cwd=snapshot)
    rev = git("rev-parse", "HEAD", cwd=snapshot).stdout.strip()
    return snapshot, rev, tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def user_repo(tmp_path):
    git("init", "-q", cwd=tmp_path)
    (tmp_path / "train.py").write_text(BUGGY)
    (tmp_path / "clean.py").write_text(CLEAN)
    (tmp_path / "vendored").mkdir()
    (tmp_path / "vendored" / "copy.py").write_text(BUGGY)
    (tmp_path / "pyproject.toml").write_text('[tool.reviewer]\nextend-exclude = ["vendored"]\n')
    git("add", "-A", cwd=tmp_path)
    return tmp_path


def run_hook(hook_repo, cwd, hook):
    """`pre-commit run --all-files` in the user's repository, whose committed config names
    `hook` of the snapshot at its revision, as a user's `.pre-commit-config.yaml` does."""
    snapshot, rev, home = hook_repo
    (cwd / ".pre-commit-config.yaml").write_text(
        f"repos:\n-   repo: {snapshot.as_posix()}\n    rev: {rev}\n    hooks:\n    -   id: {hook}\n")
    git("add", ".pre-commit-config.yaml", cwd=cwd)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=cwd, capture_output=True, text=True, timeout=900,
        env={"PRE_COMMIT_HOME": str(home), "PATH": _path(), "HOME": str(home), "REVIEWER_NO_CACHE": "1"},
    )


def _path():
    import os

    return os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])


def test_manifest_is_valid():
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.long
def test_hook_reports_findings_and_honours_excludes(hook_repo, user_repo):
    result = run_hook(hook_repo, user_repo, "reviewer")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "train.py:11:9: RV101" in result.stdout
    assert "counter-reset" in result.stdout
    assert "vendored/copy.py" not in result.stdout
    assert "clean.py" not in result.stdout.replace("reviewer", "")


def test_a_committed_file_named_like_an_option_cannot_turn_the_hook_off(hook_repo, user_repo):
    exit_zero = user_repo / "--exit-zero"
    exit_zero.write_text("#!/usr/bin/env python\nprint('hello')\n")  # pre-commit passes it: a Python shebang
    exit_zero.chmod(0o755)
    git("add", "--", "--exit-zero", cwd=user_repo)
    result = run_hook(hook_repo, user_repo, "reviewer")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "train.py:11:9: RV101" in result.stdout


def test_fix_hook_modifies_then_passes(hook_repo, user_repo):
    (user_repo / "pyproject.toml").write_text('[tool.reviewer]\nunsafe-fixes = true\nextend-exclude = ["vendored"]\n')
    first = run_hook(hook_repo, user_repo, "reviewer-fix")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "        self.iters += 1\n" in (user_repo / "train.py").read_text()
    assert (user_repo / "vendored" / "copy.py").read_text() == BUGGY
    # The fix is left unstaged for review.
    assert "train.py" in git("diff", "--name-only", cwd=user_repo).stdout
    git("add", "-A", cwd=user_repo)
    second = run_hook(hook_repo, user_repo, "reviewer-fix")
    assert second.returncode == 0, second.stdout + second.stderr


def test_excluded_file_list_exits_0_quickly(user_repo):
    """pre-commit passes only excluded files: nothing is linted and the hook passes."""
    import time

    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "reviewer", "check", "--force-exclude", "vendored/copy.py"],
                            cwd=user_repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "copy.py" not in result.stdout
    assert time.perf_counter() - start < 10
