"""Issue 19, "Files changed that must not be" and "Writes outside the project": what the one
writer (reviewer.writer) guarantees, item by item, through the CLI where a user would meet it."""

import glob
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer import processing, registry, runner, source, writer
from reviewer.config import Config
from reviewer.fixer import fix_text

from conftest import FIXTURES
from reliability import FIXED, SLOW_FIX, TRIGGERING, cli, leftovers

# 1. Files the user could not write in place are refused; other owners' files keep their owner.

def test_read_only_file_is_refused(project):
    os.chmod(project / "good.py", 0o444)
    result = cli("check", "--fix", "good.py", "--no-cache")
    assert result.exit_code == 2
    assert "reviewer: error: good.py: read-only; not changed" in result.output
    assert (project / "good.py").read_text() == TRIGGERING
    assert stat.S_IMODE(os.stat(project / "good.py").st_mode) == 0o444


def test_file_the_user_cannot_write_is_refused_even_in_a_writable_folder(project, monkeypatch):
    os.chmod(project, 0o777)  # a rename here would replace the file
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: mode != os.W_OK and real_access(path, mode, **kw))
    result = cli("check", "--fix", "good.py", "--no-cache")
    assert result.exit_code == 2
    assert "reviewer: error: good.py: read-only; not changed" in result.output
    assert (project / "good.py").read_text() == TRIGGERING


def test_file_of_another_owner_is_rewritten_in_place(project, monkeypatch):
    before = os.stat(project / "good.py")
    monkeypatch.setattr(os, "geteuid", lambda: before.st_uid + 1)  # as if another user ran the fix
    result = cli("check", "--fix", "good.py", "--no-cache")
    assert result.exit_code == 0, result.output
    after = os.stat(project / "good.py")
    assert (project / "good.py").read_text() == FIXED
    assert (after.st_ino, after.st_uid) == (before.st_ino, before.st_uid)
    assert leftovers(project) == []


# 2. stdin keeps the input's encoding and BOM.

def test_stdin_fix_keeps_a_coding_cookie_encoding_and_the_bom():
    latin = b"# -*- coding: latin-1 -*-\n" + TRIGGERING.encode() + b"name = '\xe9'\n"
    result = cli("check", "--fix", "-", "--stdin-filename", "t.py", input=latin)
    assert result.stdout_bytes == b"# -*- coding: latin-1 -*-\n" + FIXED.encode() + b"name = '\xe9'\n"
    bom = b"\xef\xbb\xbf" + TRIGGERING.encode()
    result = cli("check", "--fix", "-", "--stdin-filename", "t.py", input=bom)
    assert result.stdout_bytes == b"\xef\xbb\xbf" + FIXED.encode()


# 3. CR-only line endings: suppressions, --add-noqa and fixes work as with LF.

def test_cr_only_file_honours_suppressions(project):
    (project / "good.py").write_bytes(TRIGGERING.replace("get_lr())", "get_lr())  # noqa: RV203").replace("\n", "\r").encode())
    before = (project / "good.py").read_bytes()
    result = cli("check", "--fix", "good.py", "--no-cache", "--output-format", "concise")
    assert result.exit_code == 0, result.output
    assert (project / "good.py").read_bytes() == before


def test_cr_only_file_gets_noqa_added(project):
    (project / "good.py").write_bytes(TRIGGERING.replace("\n", "\r").encode())
    result = cli("check", "--add-noqa", "good.py", "--no-cache")
    assert result.exit_code == 0
    assert "Added 1 noqa directive." in result.output
    assert (project / "good.py").read_bytes() == TRIGGERING.replace("get_lr())", "get_lr())  # noqa: RV203").replace("\n", "\r").encode()
    assert cli("check", "good.py", "--no-cache").exit_code == 0


@pytest.mark.long
@pytest.mark.parametrize("newline", ["\r", "\r\n"], ids=["cr", "crlf"])
def test_every_fixture_fixes_the_same_under_other_line_endings(newline):
    """Including fixes that regenerate the whole module (libcst drops a CR-only file's
    last line ending)."""
    rules = list(registry.all_rules())
    for path in sorted(glob.glob(str(FIXTURES / "*" / "*.py"))):
        if path.endswith(".fixed.py"):
            continue
        text = Path(path).read_text()
        with_lf = fix_text(path, text, rules, unsafe=True).text
        assert fix_text(path, text.replace("\n", newline), rules, unsafe=True).text == with_lf.replace("\n", newline), path


# 4. Workers die with their parent and never write after it.

def _gone(pid):
    try:
        with open(f"/proc/{pid}/status") as handle:
            return "State:\tZ" in handle.read()
    except FileNotFoundError:
        return True


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_killed_parent_leaves_no_worker_writing(project, sig):
    pid_file = project.parent / "worker.pid"
    parent = subprocess.Popen([sys.executable, "-c", SLOW_FIX, str(pid_file)], cwd=project)
    deadline = time.monotonic() + 30
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    worker = int(pid_file.read_text())
    parent.send_signal(sig)
    parent.wait(10)
    for _ in range(100):
        if _gone(worker):
            break
        time.sleep(0.05)
    assert _gone(worker)
    time.sleep(3.5)  # past the moment the worker would have written
    assert (project / "good.py").read_text() == TRIGGERING
    assert leftovers(project) == []


# 5. The per-file time limit never cuts a write short.

def test_time_limit_during_the_write_lets_it_finish(project, monkeypatch):
    real = os.fsync

    def slow_sync(fd):  # the worker, forked from here, is inside its write
        time.sleep(2)
        return real(fd)

    monkeypatch.setattr(os, "fsync", slow_sync)
    job = processing.Job(config=Config(root=str(project)), rules=registry.choose(), mode="fix", timeout=1)
    [outcome] = runner.run(["good.py"], job, workers=1)
    assert outcome.error is None and not outcome.fatal
    assert [f.code for f in outcome.applied] == ["RV203"]
    assert (project / "good.py").read_text() == FIXED
    assert leftovers(project) == []


# 6. Baselines are written through unique temporary names, never through links.

def test_write_baseline_leaves_existing_tmp_files_and_link_targets_alone(project):
    victim = project.parent / "victim.txt"
    victim.write_text("precious\n")
    (project / "out.json.tmp").write_text("mine\n")
    os.symlink(victim, project / "b.json.tmp")
    assert cli("check", "--write-baseline", "out.json", "--no-cache").exit_code == 0
    assert cli("check", "--write-baseline", "b.json", "--no-cache").exit_code == 0
    assert victim.read_text() == "precious\n"
    assert (project / "out.json.tmp").read_text() == "mine\n"
    assert json.loads((project / "out.json").read_text())["findings"][0]["count"] == 1
    os.symlink(victim, project / "linked.json")
    result = cli("check", "--write-baseline", "linked.json", "--no-cache")
    assert result.exit_code == 2
    assert "reviewer: error: linked.json: reached through a symbolic link that leaves the project; not changed" in result.output
    assert victim.read_text() == "precious\n"


# 7. The cache folder may not be the project or a source folder.

@pytest.mark.parametrize("how", [("--cache-dir", "."), ("--cache-dir", "src"), ("config", ".")], ids=["dot", "src", "setting"])
def test_cache_folder_that_is_the_project_or_holds_sources_is_refused(project, cached, how):
    (project / "src").mkdir()
    (project / "src" / "model.py").write_text("x = 1\n")
    if how[0] == "config":
        (project / "pyproject.toml").write_text('[tool.reviewer]\ncache-dir = "."\n')
        args = ()
    else:
        args = how
    result = cli("check", "good.py", *args)
    assert result.exit_code == 2
    assert result.output.startswith("reviewer: error: cache folder ")
    assert "choose a new or empty folder" in result.output
    for folder in (project, project / "src"):
        assert not (folder / ".gitignore").exists() and not (folder / "CACHEDIR.TAG").exists()


# 8. An edit made just before the swap is kept, not lost.

def test_edit_racing_the_swap_is_kept(project, monkeypatch):
    path = project / "good.py"
    original = source.read(str(path))
    real = writer._exchange

    def edit_first(first, second):
        path.write_text("# the user's edit\n")
        return real(first, second)

    monkeypatch.setattr(writer, "_exchange", edit_first)
    with pytest.raises(source.SourceError, match="changed on disk while it was being fixed"):
        writer.replace_file(str(path), original.raw, FIXED.encode(), str(project))
    assert path.read_text() == "# the user's edit\n"
    assert leftovers(project) == []


# 9. Untouched bytes stay; hard links stay; a comment is not deleted by a safe fix.

def test_only_changed_lines_are_re_encoded(project):
    # cp932 decodes 0x87 0x90 to U+2252, which it encodes as 0x81 0xE0: a whole-file
    # round trip would rewrite this comment.
    raw = b"# -*- coding: cp932 -*-\n# \x87\x90 approx\n" + TRIGGERING.encode()
    (project / "good.py").write_bytes(raw)
    assert cli("check", "--fix", "good.py", "--no-cache").exit_code == 0
    assert (project / "good.py").read_bytes() == raw.replace(b"get_lr()", b"get_last_lr()")


def test_hard_links_are_kept(project):
    outside = project.parent / "outside.py"
    os.link(project / "good.py", outside)
    assert cli("check", "--fix", "good.py", "--no-cache").exit_code == 0
    assert outside.read_text() == FIXED
    assert os.stat(outside).st_ino == os.stat(project / "good.py").st_ino


def test_safe_verbose_fix_keeps_comments_unless_unsafe(project):
    code = (
        "import torch\n"
        "opt = torch.optim.SGD([], lr=0.1)\n"
        "sched = torch.optim.lr_scheduler.ReduceLROnPlateau(\n"
        "    opt,\n"
        "    verbose=True,  # print each change\n"
        ")\n"
    )
    (project / "v.py").write_text(code)
    result = cli("check", "--fix", "v.py", "--no-cache", "--output-format", "concise")
    assert result.exit_code == 1
    assert (project / "v.py").read_text() == code
    assert cli("check", "--fix", "--unsafe-fixes", "v.py", "--no-cache").exit_code == 0
    assert (project / "v.py").read_text() == code.replace("    verbose=True,  # print each change\n", "")


# 10. Never through a link that leaves the project, for --fix and --add-noqa alike.

def test_folder_symlink_leaving_the_project_is_not_written(project):
    outside = project.parent / "outside" / "lib"
    outside.mkdir(parents=True)
    (outside / "x.py").write_text(TRIGGERING)
    os.symlink(outside, project / "vendored")
    for flags in (["--fix"], ["--add-noqa"]):
        result = cli("check", *flags, "vendored/x.py", "--no-cache")
        assert result.exit_code == 2
        assert "reviewer: error: vendored/x.py: reached through a symbolic link that leaves the project; not changed" in result.output
        assert (outside / "x.py").read_text() == TRIGGERING


def test_add_noqa_refuses_a_file_symlink_leaving_the_project(project):
    outside = project.parent / "target.py"
    outside.write_text(TRIGGERING)
    os.symlink(outside, project / "link.py")
    result = cli("check", "--add-noqa", "link.py", "--no-cache")
    assert result.exit_code == 2
    assert outside.read_text() == TRIGGERING


# 11. --add-noqa on stdin prints; it never writes the file --stdin-filename names.

def test_stdin_add_noqa_writes_to_stdout_only(project):
    elsewhere = project.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "t.py").write_text(TRIGGERING)
    result = cli("check", "--add-noqa", "-", "--stdin-filename", "../elsewhere/t.py", input=TRIGGERING)
    assert result.exit_code == 0
    assert result.stdout == TRIGGERING.replace("get_lr())", "get_lr())  # noqa: RV203")
    assert (elsewhere / "t.py").read_text() == TRIGGERING


# 12. A repository's own links in the cache folder lead nowhere.

@pytest.mark.parametrize("linked", [".gitignore", "CACHEDIR.TAG"])
def test_cache_markers_shipped_as_dangling_links_are_not_followed(project, cached, linked):
    cache = project / ".reviewer_cache"
    cache.mkdir()
    for name in (".gitignore", "CACHEDIR.TAG"):
        if name == linked:
            os.symlink(project.parent / "created-through-link", cache / name)
        else:
            (cache / name).write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
    assert cli("check", "good.py").exit_code == 1
    assert not (project.parent / "created-through-link").exists()


def test_cache_folder_that_is_a_link_is_not_used(project, cached):
    outside = project.parent / "cache-outside"
    outside.mkdir()
    os.symlink(outside, project / ".reviewer_cache")
    result = cli("check", "good.py", "--output-format", "concise")
    assert result.exit_code == 1
    assert "reviewer: warning: " in result.output and ".reviewer_cache: is a symbolic link; running without the cache" in result.output
    assert list(outside.iterdir()) == []


# 23 (parts). Long names fit; empty markers left by a full disk are repaired.

def test_a_250_byte_file_name_can_be_fixed(project):
    name = "a" * 247 + ".py"
    (project / name).write_text(TRIGGERING)
    assert cli("check", "--fix", name, "--no-cache").exit_code == 0
    assert (project / name).read_text() == FIXED
    assert leftovers(project) == []


def test_empty_cache_markers_are_repaired(project, cached):
    cache = project / ".reviewer_cache"
    cache.mkdir()
    (cache / ".gitignore").write_text("")
    (cache / "CACHEDIR.TAG").write_text("")
    cli("check", "good.py")
    assert (cache / ".gitignore").read_text().endswith("*\n")
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
