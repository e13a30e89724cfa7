"""The findings cache in `.reviewer_cache/`: keyed on tool version, rule set, path and content,
with an index by file stat in front of it so that a warm run reads no unchanged file."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Sequence, Tuple

from reviewer import __version__
from reviewer.findings import Finding
from reviewer import writer
from reviewer.source import Signature, SourceError, code_sources, fingerprint

if TYPE_CHECKING:
    from reviewer.registry import RuleInfo

CACHE_DIR_NAME = ".reviewer_cache"
_FORMAT = 1


def disabled_by_environment() -> bool:
    return os.environ.get("REVIEWER_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no")


@lru_cache(maxsize=None)
def _code_fingerprint() -> str:
    """A hash of the engine's and the rules' own source, libcst's version and Python's, so
    that findings made by other code (an edited rule, another parser) are never served."""
    import importlib.util

    files = code_sources()
    libcst = importlib.util.find_spec("libcst")  # found, not imported: a warm run never loads it
    if libcst is not None and libcst.origin:
        files["libcst/_version.py"] = os.path.join(os.path.dirname(libcst.origin), "_version.py")
    return fingerprint(files, extra=sys.version)


def unusable_folder(directory: str, root: str) -> Optional[str]:
    """Why `directory` may not hold the cache, or None. The cache marks its folder ignored
    (for git and backups), so it must be a folder of its own: not the project, not a folder
    above it, not one that holds anything but a cache."""
    if "\0" in directory:
        return "contains a NUL character"
    if os.path.islink(directory):
        return "is a symbolic link"
    real, project = os.path.realpath(directory), os.path.realpath(root)
    if real == project or project.startswith(real.rstrip(os.sep) + os.sep):
        return "is the project folder or above it"
    try:
        entries = set(os.listdir(directory))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        return getattr(exc, "strerror", None) or str(exc)
    if entries and not os.path.isfile(os.path.join(directory, "CACHEDIR.TAG")):
        return "holds files and is not a cache folder"
    return None


def _profile(rules: Sequence["RuleInfo"], torch_release: Optional[Tuple[int, int]]) -> str:
    """What the findings depend on besides the text and the code: the rules, the PyTorch release."""
    release = "" if torch_release is None else " torch=%d.%d" % torch_release
    return ",".join([rule.code for rule in rules]) + release


def _findings(entries: Any, path: str) -> Optional[List[Finding]]:
    """Stored findings, as found in `path`; None if they are damaged."""
    try:
        findings = [Finding.from_dict(entry) for entry in entries]
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    for finding in findings:
        finding.path = path
    return findings


#: what tells the project's current state (`Project.state`), asked only for findings that depend on it
ProjectState = Optional[Callable[[], Optional[str]]]


def _holds(stored: Any, project_state: ProjectState) -> bool:
    """Whether findings stored under the project's state `stored` still hold."""
    return project_state is not None and stored is not None and stored == project_state()


class Cache:
    """One JSON entry per (rule set, content) pair; a bad entry is a miss, never an error.

    In front of it, one index maps each file's absolute path to the stat it was read
    with and its findings: a file whose mtime, ctime, size and inode are unchanged is
    neither read nor hashed (git and Ruff trust the stat the same way)."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self._ready = False
        self._index: Optional[Dict[str, Any]] = None
        self._index_changed = False

    def key(self, rules: Sequence["RuleInfo"], raw: bytes, path: str,
            torch_release: Optional[Tuple[int, int]] = None) -> str:
        """The entry for `raw` linted as `path` (rules read the path too: test files...)."""
        digest = hashlib.sha256()
        digest.update(f"{__version__}\0{_FORMAT}\0{_code_fingerprint()}\0".encode())
        digest.update(f"{_profile(rules, torch_release)}\0{os.path.abspath(path)}\0".encode("utf-8", "surrogatepass"))
        digest.update(raw)
        return digest.hexdigest()

    def lookup(self, rules: Sequence["RuleInfo"], text: str, path: str,
               torch_release: Optional[Tuple[int, int]] = None,
               project_state: ProjectState = None) -> Tuple[str, Optional[List[Finding]], Optional[str]]:
        """(key, cached findings or None, the project's state they hold under when they read
        other files) for `text` linted with `rules`."""
        key = self.key(rules, text.encode("utf-8", "surrogatepass"), path, torch_release)
        return (key, *self._entry(key, path, project_state))

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, __version__, key[:2], key + ".json")

    def get(self, key: str, path: str) -> Optional[List[Finding]]:
        """The findings stored under `key` that read no other file of the project."""
        return self._entry(key, path, None)[0]

    def _entry(self, key: str, path: str, project_state: ProjectState) -> Tuple[Optional[List[Finding]], Optional[str]]:
        """(findings, the project's state they were stored with); findings that read other
        files of the project only while `project_state` tells that same state."""
        try:
            with open(self._path(key), encoding="utf-8") as handle:
                entries = json.load(handle)
        except (OSError, ValueError, RecursionError):
            return None, None
        stored = None
        if isinstance(entries, dict):
            stored = entries.get("project")
            if not _holds(stored, project_state):
                return None, None
            entries = entries.get("findings")
        return _findings(entries, path), stored

    def put(self, key: str, findings: List[Finding], project_state: Optional[str] = None) -> None:
        """Store `findings`; `project_state`: the state of the project they read other files in."""
        entries = [finding.to_dict() for finding in findings]
        self._write(self._path(key), entries if project_state is None else {"findings": entries,
                                                                             "project": project_state})

    def _index_path(self) -> str:
        return os.path.join(self.directory, __version__, "files.json")

    def _files(self) -> Dict[str, Any]:
        if self._index is None:
            self._index = {}
            try:
                with open(self._index_path(), encoding="utf-8") as handle:
                    data = json.load(handle)
                if data["format"] == _FORMAT and data["code"] == _code_fingerprint() and isinstance(data["files"], dict):
                    self._index = data["files"]
            except (OSError, ValueError, TypeError, KeyError, RecursionError):  # damaged: start afresh
                pass
        return self._index

    def by_stat(self, path: str, signature: Signature, rules: Sequence["RuleInfo"],
                torch_release: Optional[Tuple[int, int]] = None,
                project_state: ProjectState = None) -> Optional[List[Finding]]:
        """The findings of `path` if it is unchanged since they were recorded (and, for
        findings that read other files, the project too), else None."""
        entry = self._files().get(os.path.abspath(path))
        try:
            if entry is None or tuple(entry[0]) != signature or entry[1] != _profile(rules, torch_release):
                return None
            if len(entry) > 3 and not _holds(entry[3], project_state):
                return None
            return _findings(entry[2], path)
        except (TypeError, KeyError, IndexError):
            return None

    def record(self, path: str, signature: Signature, rules: Sequence["RuleInfo"], findings: List[Finding],
               torch_release: Optional[Tuple[int, int]] = None, project_state: Optional[str] = None) -> None:
        """Remember `findings` for `path` read with `signature` (see `source.read`), and the
        project's state when they read other files."""
        entry = [list(signature), _profile(rules, torch_release), [f.to_dict() for f in findings]]
        self._files()[os.path.abspath(path)] = entry if project_state is None else [*entry, project_state]
        self._index_changed = True

    def save_index(self) -> None:
        """Write the index if it changed, without the files that no longer exist."""
        if not self._index_changed:
            return
        files = {path: entry for path, entry in self._files().items() if os.path.exists(path)}
        self._write(self._index_path(), {"format": _FORMAT, "code": _code_fingerprint(), "files": files})
        self._index_changed = False

    def _write(self, target: str, payload: Any) -> None:
        try:
            self._prepare()
            os.makedirs(os.path.dirname(target), exist_ok=True)
            writer.create_file(target, json.dumps(payload).encode("utf-8"), self.directory, durable=False)
        except (OSError, SourceError):
            pass  # a read-only or damaged tree simply runs uncached

    def _prepare(self) -> None:
        """Create the folder with its markers, repairing markers that are not ours (a full
        disk leaves them empty; a repository may ship them as links)."""
        if self._ready:
            return
        os.makedirs(self.directory, exist_ok=True)
        for name, content in _MARKERS:
            target = os.path.join(self.directory, name)
            if os.path.islink(target) or _content(target) != content:
                writer.create_file(target, content, self.directory, durable=False)
        self._ready = True


def _content(path: str) -> Optional[bytes]:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


_MARKERS = (
    (".gitignore", b"# Created by reviewer automatically.\n*\n"),
    ("CACHEDIR.TAG", b"Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by reviewer.\n"),
)
