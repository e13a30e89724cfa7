"""The cache's keys, entries, stat index and folder, exactly (tests/mutation.py's cache target)."""

import hashlib
import json
import os
import sys

import pytest

from reviewer import __version__, cache
from reviewer.cache import CACHE_DIR_NAME, Cache, disabled_by_environment, unusable_folder
from reviewer.findings import Finding, Severity
from reviewer.registry import choose

RULES = choose(["RV203", "RV307"])
FINDING = Finding("RV203", "get-lr-instead-of-get-last-lr", "m", Severity.ERROR, "a.py", 2, 3, 2, 9,
                  suppressible_lines=[2])
SIGNATURE = (1, 2, 3, 4)


@pytest.mark.parametrize("value, disabled", [
    (None, False), ("", False), ("0", False), (" False ", False), ("no", False), ("NO", False),
    ("1", True), ("yes", True), ("true", True),
])
def test_disabled_by_environment(monkeypatch, value, disabled):
    if value is None:
        monkeypatch.delenv("REVIEWER_NO_CACHE", raising=False)
    else:
        monkeypatch.setenv("REVIEWER_NO_CACHE", value)
    assert disabled_by_environment() is disabled


def test_an_installed_copy_s_rules_are_counted_once(monkeypatch):
    """pip puts `reviewer.rules` inside `reviewer/`: its files are the rules', not the engine's too."""
    from reviewer import source

    installed = {"reviewer": {"reviewer/cache.py": "c", "reviewer/rules/a.py": "a"}, "reviewer.rules": {"reviewer.rules/a.py": "a"}}
    monkeypatch.setattr(source, "package_sources", lambda package: installed[package.__name__])
    assert source.code_sources() == {"reviewer/cache.py": "c", "reviewer.rules/a.py": "a"}


def test_the_code_fingerprint_covers_the_engine_the_rules_libcst_and_python(monkeypatch):
    """Engine promise: findings made by other code (an edited rule) are never served."""
    seen = {}

    def fingerprint(files, extra=""):
        seen.update(files=files, extra=extra)
        return "f" * 16

    monkeypatch.setattr(cache, "fingerprint", fingerprint)
    cache._code_fingerprint.cache_clear()
    try:
        assert cache._code_fingerprint() == "f" * 16
    finally:
        cache._code_fingerprint.cache_clear()
    files = seen["files"]
    assert seen["extra"] == sys.version
    assert files["reviewer/cache.py"] == os.path.abspath(cache.__file__)
    rule = "reviewer.rules/scheduler_api/get_lr_instead_of_get_last_lr.py"
    assert os.path.exists(files[rule]) and files[rule].endswith(os.path.join("scheduler_api", "get_lr_instead_of_get_last_lr.py"))
    assert os.path.basename(files["libcst/_version.py"]) == "_version.py" and os.path.exists(files["libcst/_version.py"])


def test_the_key_is_a_hash_of_version_format_code_rules_path_and_content(monkeypatch, tmp_path):
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "code")
    store = Cache(str(tmp_path))
    key = store.key(RULES, b"x = 1\n", "a.py")
    expected = hashlib.sha256(
        f"{__version__}\0{cache._FORMAT}\0code\0RV203,RV307\0{os.path.abspath('a.py')}\0x = 1\n".encode()).hexdigest()
    assert key == expected
    assert store.key(RULES, b"x = 2\n", "a.py") != key
    assert store.key(RULES, b"x = 1\n", "b.py") != key
    assert store.key(RULES[:1], b"x = 1\n", "a.py") != key
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "other code")
    assert store.key(RULES, b"x = 1\n", "a.py") != key
    assert store.key(RULES, b"x = 1\n", "\udcff.py")  # a path that is no UTF-8 still has a key


def test_entries_round_trip_under_the_version_folder(tmp_path):
    store = Cache(str(tmp_path / "c"))
    key, found, _ = store.lookup(RULES, "x = 1\n", "a.py")
    assert found is None
    assert key == store.key(RULES, b"x = 1\n", "a.py")
    store.put(key, [FINDING])
    entry = tmp_path / "c" / __version__ / key[:2] / f"{key}.json"
    assert json.loads(entry.read_text()) == [FINDING.to_dict()]
    assert Cache(str(tmp_path / "c")).lookup(RULES, "x = 1\n", "a.py") == (key, [FINDING], None)
    moved = Cache(str(tmp_path / "c")).get(key, "moved.py")
    assert [f.path for f in moved] == ["moved.py"]
    assert (tmp_path / "c" / ".gitignore").read_bytes() == b"# Created by reviewer automatically.\n*\n"
    assert (tmp_path / "c" / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55\n")


@pytest.mark.parametrize("content", ["not json", "[{\"code\": 1}]", "{\"a\": 1}", "[[[" * 10000])
def test_a_damaged_entry_is_a_miss(tmp_path, content):
    store = Cache(str(tmp_path))
    key = store.key(RULES, b"x", "a.py")
    store.put(key, [FINDING])
    (tmp_path / __version__ / key[:2] / f"{key}.json").write_text(content)
    assert store.get(key, "a.py") is None


def test_the_stat_index(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text("x = 1\n")
    store = Cache(str(tmp_path / "c"))
    assert store.by_stat("a.py", SIGNATURE, RULES) is None
    store.record("a.py", SIGNATURE, RULES, [FINDING])
    store.save_index()
    index = json.loads((tmp_path / "c" / __version__ / "files.json").read_text())
    assert index == {"format": cache._FORMAT, "code": cache._code_fingerprint(),
                     "files": {str(tmp_path / "a.py"): [list(SIGNATURE), "RV203,RV307", [FINDING.to_dict()]]}}
    fresh = Cache(str(tmp_path / "c"))
    assert fresh.by_stat("a.py", SIGNATURE, RULES) == [FINDING]
    assert [f.path for f in fresh.by_stat(str(tmp_path / "a.py"), SIGNATURE, RULES)] == [str(tmp_path / "a.py")]
    assert fresh.by_stat("a.py", (1, 2, 3, 5), RULES) is None
    assert fresh.by_stat("a.py", SIGNATURE, RULES[:1]) is None
    assert fresh.by_stat("b.py", SIGNATURE, RULES) is None


def test_findings_that_read_other_files_hold_only_in_the_project_state_they_were_stored_with(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text("x = 1\n")
    store = Cache(str(tmp_path / "c"))
    key = store.key(RULES, b"x = 1\n", "a.py")
    store.put(key, [FINDING], "state-1")
    entry = tmp_path / "c" / __version__ / key[:2] / f"{key}.json"
    assert json.loads(entry.read_text()) == {"findings": [FINDING.to_dict()], "project": "state-1"}
    asked = []
    assert store.lookup(RULES, "x = 1\n", "a.py", project_state=lambda: asked.append(1) or "state-1") == (
        key, [FINDING], "state-1")
    assert asked == [1]
    assert store.lookup(RULES, "x = 1\n", "a.py", project_state=lambda: "state-2") == (key, None, None)
    assert store.lookup(RULES, "x = 1\n", "a.py") == (key, None, None)  # no project to compare with
    assert store.lookup(RULES, "x = 1\n", "a.py", project_state=lambda: None) == (key, None, None)
    store.put(key, [FINDING])  # findings that read nothing else never ask
    assert store.lookup(RULES, "x = 1\n", "a.py", project_state=lambda: asked.append(2)) == (key, [FINDING], None)
    assert asked == [1]
    store.record("a.py", SIGNATURE, RULES, [FINDING], None, "state-1")
    store.save_index()
    fresh = Cache(str(tmp_path / "c"))
    assert fresh._files()[str(tmp_path / "a.py")][3] == "state-1"
    assert fresh.by_stat("a.py", SIGNATURE, RULES, None, lambda: "state-1") == [FINDING]
    assert fresh.by_stat("a.py", SIGNATURE, RULES, None, lambda: "state-2") is None
    assert fresh.by_stat("a.py", SIGNATURE, RULES) is None


def test_the_index_is_written_only_when_changed_and_without_vanished_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text("")
    store = Cache(str(tmp_path / "c"))
    store.save_index()
    assert not (tmp_path / "c").exists()
    store.record("a.py", SIGNATURE, RULES, [])
    store.record("gone.py", SIGNATURE, RULES, [])
    store.save_index()
    path = tmp_path / "c" / __version__ / "files.json"
    assert list(json.loads(path.read_text())["files"]) == [str(tmp_path / "a.py")]
    path.write_text("overwritten")
    store.save_index()  # nothing changed since
    assert path.read_text() == "overwritten"


@pytest.mark.parametrize("index", [
    "not json", "[]", '{"format": 1}',
    '{"format": 2, "code": "%(code)s", "files": {"%(path)s": [[1, 2, 3, 4], "RV203,RV307", []]}}',
    '{"format": 1, "code": "other", "files": {"%(path)s": [[1, 2, 3, 4], "RV203,RV307", []]}}',
    '{"format": 1, "code": "%(code)s", "files": []}',
    '{"format": 1, "code": "%(code)s", "files": {"%(path)s": 5}}',
    '{"format": 1, "code": "%(code)s", "files": {"%(path)s": [[1, 2, 3, 4]]}}',
    '{"format": 1, "code": "%(code)s", "files": {"%(path)s": [[1, 2, 3, 4], "RV203,RV307", [{"code": 1}]]}}',
])
def test_a_damaged_or_foreign_index_answers_nothing(tmp_path, index):
    path = tmp_path / __version__ / "files.json"
    path.parent.mkdir()
    path.write_text(index % {"code": cache._code_fingerprint(), "path": tmp_path / "a.py"})
    assert Cache(str(tmp_path)).by_stat(str(tmp_path / "a.py"), SIGNATURE, RULES) is None


def test_a_valid_index_answers(tmp_path):
    path = tmp_path / __version__ / "files.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"format": 1, "code": cache._code_fingerprint(),
                                "files": {str(tmp_path / "a.py"): [[1, 2, 3, 4], "RV203,RV307", []]}}))
    assert Cache(str(tmp_path)).by_stat(str(tmp_path / "a.py"), SIGNATURE, RULES) == []


def test_markers_that_are_not_ours_are_repaired(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "CACHEDIR.TAG").write_text("")
    (folder / ".gitignore").write_text("!*\n")
    store = Cache(str(folder))
    store.put("ab" * 32, [])
    assert (folder / ".gitignore").read_bytes() == b"# Created by reviewer automatically.\n*\n"
    assert (folder / "CACHEDIR.TAG").read_bytes() == cache._MARKERS[1][1]
    assert store.get("ab" * 32, "a.py") == []


def test_a_marker_linked_out_of_the_folder_is_left_and_nothing_cached(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (tmp_path / "elsewhere").write_text("keep me")
    (folder / ".gitignore").symlink_to(tmp_path / "elsewhere")
    store = Cache(str(folder))
    store.put("ab" * 32, [])
    assert (tmp_path / "elsewhere").read_text() == "keep me"
    assert store.get("ab" * 32, "a.py") is None


def test_an_unwritable_cache_is_silently_skipped(tmp_path):
    (tmp_path / "file").write_text("")
    store = Cache(str(tmp_path / "file" / "c"))
    store.put("ab" * 32, [FINDING])  # no exception
    store.record("a.py", SIGNATURE, RULES, [])
    store.save_index()
    assert store.get("ab" * 32, "a.py") is None


def test_unusable_folders(tmp_path):
    project = tmp_path / "project"
    (project / "sub").mkdir(parents=True)
    assert unusable_folder(str(project / CACHE_DIR_NAME), str(project)) is None  # not there yet
    assert unusable_folder(str(project / "sub"), str(project)) is None  # empty
    assert unusable_folder(str(project), str(project)) == "is the project folder or above it"
    assert unusable_folder(str(tmp_path), str(project)) == "is the project folder or above it"
    assert unusable_folder(str(tmp_path) + os.sep, str(project)) == "is the project folder or above it"
    (project / "sub" / "x").write_text("")
    assert unusable_folder(str(project / "sub"), str(project)) == "holds files and is not a cache folder"
    (project / "sub" / "CACHEDIR.TAG").write_text("")
    assert unusable_folder(str(project / "sub"), str(project)) is None
    (project / "link").symlink_to(project / "sub")
    assert unusable_folder(str(project / "link"), str(project)) == "is a symbolic link"
    assert unusable_folder(str(project / "a\0b"), str(project)) == "contains a NUL character"
    assert unusable_folder(str(project / "sub" / "x"), str(project)) == "Not a directory"
    assert unusable_folder(str(tmp_path / "projectX"), str(project)) is None  # a sibling sharing a prefix


def test_the_root_folder_is_above_every_project(tmp_path):
    assert unusable_folder(os.sep, str(tmp_path)) == "is the project folder or above it"


def test_a_text_with_a_lone_surrogate_has_an_entry(tmp_path):
    """A notebook's JSON can hold one (`"\\ud800"`): its findings are cached like any others."""
    store = Cache(str(tmp_path))
    key, found, _ = store.lookup(RULES, "x = '\ud800'\n", "a.ipynb")
    assert found is None and key == store.key(RULES, "x = '\ud800'\n".encode("utf-8", "surrogatepass"), "a.ipynb")
    store.put(key, [FINDING])
    assert store.lookup(RULES, "x = '\ud800'\n", "a.ipynb")[1][0].code == "RV203"


def test_entries_sharing_a_folder_are_all_kept(tmp_path):
    store = Cache(str(tmp_path))
    first, second = "ab" + "0" * 62, "ab" + "1" * 62
    store.put(first, [FINDING])
    store.put(second, [])
    assert store.get(first, "a.py") == [FINDING] and store.get(second, "a.py") == []


def test_no_entry_is_written_through_a_link_out_of_the_cache(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    store = Cache(str(tmp_path / "c"))
    store.put("cd" * 32, [])  # the folder and its markers
    (tmp_path / "c" / __version__ / "ab").symlink_to(outside)
    store.put("ab" * 32, [FINDING])
    assert list(outside.iterdir()) == [] and store.get("ab" * 32, "a.py") is None


def test_the_pytorch_release_is_part_of_the_key_and_the_index(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = Cache(str(tmp_path / "c"))
    plain = store.key(RULES, b"x", "a.py")
    assert store.key(RULES, b"x", "a.py", (2, 1)) not in (plain, store.key(RULES, b"x", "a.py", (2, 2)))
    assert store.lookup(RULES, "x", "a.py", (2, 1))[0] == store.key(RULES, b"x", "a.py", (2, 1))
    assert cache._profile(RULES, (2, 10)) == "RV203,RV307 torch=2.10" and cache._profile(RULES, None) == "RV203,RV307"
    store.record("a.py", SIGNATURE, RULES, [FINDING], (2, 1))
    assert store.by_stat("a.py", SIGNATURE, RULES, (2, 1)) == [FINDING]
    assert store.by_stat("a.py", SIGNATURE, RULES, (2, 2)) is None and store.by_stat("a.py", SIGNATURE, RULES) is None
