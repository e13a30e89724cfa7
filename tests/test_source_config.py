"""Reading and writing source files, configuration, discovery and the cache."""

import codecs
import json
import os
import stat

import subprocess
import sys

import pathspec
import pytest
from hypothesis import given, settings, strategies as st

from reviewer import source, writer
from reviewer.cache import Cache
from reviewer.config import ConfigError, Settings, find_pyproject, load
from reviewer.discovery import _Ignores, _Names, _excludes, discover, per_file_ignores
from reviewer.engine import lint_text
from reviewer.registry import select


# -- decoding and writing ---------------------------------------------------------------

def test_decode_utf8_bom_and_crlf_round_trip():
    raw = codecs.BOM_UTF8 + "x = 'é'\r\n".encode()
    decoded = source.decode(raw)
    assert decoded.text == "x = 'é'\r\n" and decoded.bom
    assert source.encode(decoded, decoded.text) == raw


def test_decode_honours_coding_cookie():
    raw = "# -*- coding: latin-1 -*-\nx = 'é'\n".encode("latin-1")
    decoded = source.decode(raw)
    assert decoded.encoding == "iso-8859-1" and "é" in decoded.text
    assert source.encode(decoded, decoded.text) == raw


def test_decode_rejects_invalid_utf8_and_binary():
    with pytest.raises(source.SourceError, match=r"not valid utf-8 \(byte 5"):
        source.decode(b"x = '\xff'\n")
    with pytest.raises(source.SourceError, match="binary file"):
        source.decode(b"\x7fELF\x00\x01")


def test_replace_file_keeps_mode_and_refuses_changed_files(tmp_path):
    path = tmp_path / "a.py"
    path.write_bytes(b"x = 1\r\n")
    os.chmod(path, 0o751)
    original = source.read(str(path))
    writer.replace_file(str(path), original.raw, source.encode_change(original, "x = 2\r\n"), str(tmp_path))
    assert path.read_bytes() == b"x = 2\r\n"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o751
    # `original` is now stale: a second writer must not overwrite the newer content.
    with pytest.raises(source.SourceError, match="changed on disk"):
        writer.replace_file(str(path), original.raw, b"x = 3\r\n", str(tmp_path))
    assert path.read_bytes() == b"x = 2\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.py"]


def test_read_limits_size(tmp_path):
    path = tmp_path / "big.py"
    path.write_text("x = 1\n" * 10)
    with pytest.raises(source.SourceError, match="over the 0 MB limit"):
        source.read(str(path), max_bytes=10)
    assert source.read(str(path), max_bytes=0).text.startswith("x = 1")


def test_line_index():
    index = source.LineIndex("ab\r\ncd\ne")
    assert index.position(0) == (1, 1)
    assert index.position(4) == (2, 1)
    assert index.position(7) == (3, 1)
    assert index.offset(2, 1) == 5
    assert index.line_text(1) == "ab"


# -- configuration ----------------------------------------------------------------------

def write_config(tmp_path, body):
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.reviewer]\n" + body)
    return str(path)


def test_config_values(tmp_path):
    config = load(write_config(tmp_path, 'select = ["RV0"]\nunsafe-fixes = true\noutput-format = "json"\n'
                               '[tool.reviewer.per-file-ignores]\n"tests/*" = ["RV003"]\n'))
    assert config.select == ["RV0"] and config.unsafe_fixes and config.output_format == "json"
    assert config.root == str(tmp_path)
    assert per_file_ignores(str(tmp_path / "tests" / "t.py"), config) == ["RV003"]
    assert per_file_ignores(str(tmp_path / "src" / "t.py"), config) == []


@pytest.mark.parametrize(
    "body, message",
    [
        ("colour = true\n", r"\[tool.reviewer\] unknown key 'colour'"),
        ('select = "RV0"\n', r"select: expected a list of strings, got str"),
        ('ignore = ["nonsense-rule"]\n', r"ignore: unknown rule selector 'nonsense-rule'"),
        ("unsafe-fixes = 1\n", r"unsafe-fixes: expected true or false"),
        ('output-format = "xml"\n', r"output-format: expected one of full, concise, json, github, sarif"),
        ("select = [\n", r"invalid TOML"),
        ('cache-dir = "../../elsewhere"\n', r"is outside the project"),
    ],
)
def test_config_errors_name_file_key_and_reason(tmp_path, body, message):
    path = write_config(tmp_path, body)
    with pytest.raises(ConfigError, match=message) as error:
        load(path)
    assert "pyproject.toml" in str(error.value) and "\n" not in str(error.value)


def test_find_pyproject_prefers_one_with_reviewer_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.reviewer]\n")
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_pyproject(str(inner / "a.py")) == str(tmp_path / "pyproject.toml")


# -- discovery --------------------------------------------------------------------------

def test_discovery_honours_gitignore_excludes_and_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("secret.py\n")
    (tmp_path / ".gitignore").write_text("generated/\n")
    for name in ("a.py", "b.pyi", "c.txt", "secret.py", "generated/g.py", ".venv/v.py", "build/b.py",
                 "pkg/__pycache__/x.py", "pkg/m.py", "skip/s.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n")
    config = Settings(write_config(tmp_path, 'extend-exclude = ["skip"]\n'))
    assert discover(["."], config).files == ["a.py", "b.pyi", "pkg/m.py"]
    # Files named explicitly are linted unless --force-exclude.
    assert discover(["skip/s.py"], config).files == ["skip/s.py"]
    assert discover(["skip/s.py", "generated/g.py"], config, force_exclude=True).files == []


_NAME_CHARS = st.text(st.sampled_from("abX.-_+1é"), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(patterns=st.lists(st.builds(lambda star, name: star + name, st.sampled_from(["", "*"]), _NAME_CHARS),
                         min_size=1, max_size=4),
       parts=st.lists(_NAME_CHARS, min_size=1, max_size=4), is_dir=st.booleans())
def test_name_excludes_match_as_git_patterns_do(patterns, parts, is_dir):
    """Names and name endings are matched by set lookups: as pathspec's gitignore patterns would."""
    path = "/".join(parts) + ("/" if is_dir else "")
    names = _excludes(patterns)
    if not all(pattern.lstrip("*").strip(".") for pattern in patterns):
        assert not isinstance(names, _Names)
        return
    assert isinstance(names, _Names)
    assert names.match_file(path) == pathspec.GitIgnoreSpec.from_lines(patterns).match_file(path), (patterns, path)


def test_excludes_with_other_pattern_forms_use_gitignore_patterns():
    for patterns in (["build", "data/*.py"], ["!keep"], ["log?"], ["a[bc]"], ["/top"], ["x/"], ["**"], [".."]):
        excludes = _excludes(patterns)
        assert not isinstance(excludes, _Names), patterns
    assert _excludes(["/top"]).match_file("top") and not _excludes(["/top"]).match_file("a/top")


def test_a_walk_without_ignore_files_or_patterns_does_not_import_pathspec(tmp_path):
    (tmp_path / "pkg" / "build").mkdir(parents=True)
    for name in ("a.py", "pkg/b.py", "pkg/build/c.py", "pkg/x.egg-info"):
        (tmp_path / name).write_text("x = 1\n")
    script = ("import sys; from reviewer.config import Settings; from reviewer.discovery import discover; "
              "print(discover(['.'], Settings()).files, 'pathspec' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.split("] ")[1].strip() == "False"
    assert out.stdout.startswith("['a.py', 'pkg/b.py']")


def test_gitignore_outranks_the_repository_exclude_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("keep.py\nlocal.py\n")
    (tmp_path / ".gitignore").write_text("!keep.py\n")
    for name in ("a.py", "keep.py", "local.py", "sub/keep.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n")
    assert discover(["."], Settings()).files == ["a.py", "keep.py", "sub/keep.py"]  # as `git check-ignore` says


def test_a_folders_exclusion_test_agrees_with_the_one_for_any_path(tmp_path, monkeypatch):
    """The walk decides per folder (`in_folder`); named paths per path (`excluded`)."""
    project = tmp_path / "project"
    for name, text in {
        ".gitignore": "/top.py\n*.gen.py\nlogs/\n!keep.gen.py\n",
        "a/.gitignore": "b/deep.py\nlocal.py\n",
        "a/b/.gitignore": "!local.py\n",
    }.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    (tmp_path / ".gitignore").write_text("outside.py\n")  # above the project and its .git: not read
    (project / ".git").mkdir()
    names = ["top.py", "x.gen.py", "keep.gen.py", "local.py", "deep.py", "logs", "data", "skip", "ok.py"]
    folders = [project, project / "a", project / "a" / "b", project / "a" / "b" / "data", tmp_path / "elsewhere"]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            (folder / name).mkdir() if name in ("logs", "data", "skip") else (folder / name).write_text("")
    monkeypatch.chdir(project)
    ignores = _Ignores(Settings(write_config(project, 'extend-exclude = ["skip", "a/b/data/ok.py"]\n')))
    verdicts = set()
    for folder in (".", "a", "a/b/", "a/b/data", "../elsewhere", str(project / "a")):
        in_folder = ignores.in_folder(folder)
        for name in names:
            path = os.path.join(folder, name)
            is_dir = os.path.isdir(path)
            verdict = ignores.excluded(path, is_dir)
            assert in_folder(path, name, is_dir) == verdict, path
            verdicts.add((os.path.normpath(path), verdict))
    assert {path for path, excluded in verdicts if excluded} >= {
        "top.py", "x.gen.py", "logs", "skip", "a/local.py", "a/b/deep.py", "a/b/data/ok.py", "../elsewhere/skip",
    }
    assert {path for path, excluded in verdicts if not excluded} >= {"keep.gen.py", "a/top.py", "a/b/local.py", "ok.py"}


def test_discovery_errors_and_symlink_loop(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.py").write_text("x = 1\n")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    found = discover(["d", "missing.py"], Settings())
    assert found.files == ["d/a.py"]
    assert found.errors == ["missing.py: no such file or directory"]
    assert found.warnings == ["d/loop: symbolic link loop, not followed"]


# -- cache ------------------------------------------------------------------------------

def test_cache_round_trip_and_corruption(tmp_path):
    rules = select()
    cache = Cache(str(tmp_path / ".reviewer_cache"))
    text = "x = 1  # reviewer: ignore[syntax-error]\n"
    findings = lint_text("a.py", text, rules).findings
    key = cache.key(rules, text.encode(), "a.py")
    assert cache.get(key, "a.py") is None
    cache.put(key, findings)
    assert cache.get(key, "b.py")[0].to_dict() == dict(findings[0].to_dict(), path="b.py")
    assert (tmp_path / ".reviewer_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (tmp_path / ".reviewer_cache" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    entry = next((tmp_path / ".reviewer_cache").rglob(f"{key}.json"))
    for junk in ("{not json", json.dumps({"a": 1}), json.dumps([{"code": 1}]), "", "[" * 100000 + "]" * 100000):
        entry.write_text(junk)
        assert cache.get(key, "a.py") is None
