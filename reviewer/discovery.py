"""Finding the Python files and notebooks to lint: folders walked honouring .gitignore and excludes."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Dict, Iterable, Iterator, List, Optional, Set, Tuple, Union

from reviewer.config import PATTERN_ERRORS, Config, Settings, pattern_error

if TYPE_CHECKING:
    import pathspec

PYTHON_SUFFIXES = (".py", ".pyi")
#: what a folder walk lints: Python files and Jupyter notebooks (whose code cells are linted)
LINTED_SUFFIXES = PYTHON_SUFFIXES + (".ipynb",)


@dataclass
class Discovered:
    files: List[str] = field(default_factory=list)
    #: the real path of each file
    real: Set[str] = field(default_factory=set)
    #: one-line problems (a path that does not exist is fatal; a link loop is not)
    errors: List[str] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)


def _spec(lines: List[str]) -> pathspec.PathSpec:
    import pathspec  # only where a pattern is matched: not for files named on the command line

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except PATTERN_ERRORS:
        # Git skips a line it cannot read (`!` alone, `[z-a]`...) and keeps the rest.
        return pathspec.GitIgnoreSpec.from_lines([line for line in lines if pattern_error(line) is None])


#: a gitignore pattern that is one name, or `*` and how a name ends (`build`, `*.egg-info`)
_NAME_PATTERN = re.compile(r"\*?[\w.+-]+")


class _Names:
    """Exclude patterns that are each a name or the end of one, as the default excludes are:
    matched by set lookups instead of compiled patterns, on every run. As in git, such a
    pattern matches an entry of that name in any folder, and so everything under it."""

    def __init__(self, patterns: List[str]) -> None:
        self.names = {pattern for pattern in patterns if not pattern.startswith("*")}
        self.endings = tuple(pattern[1:] for pattern in patterns if pattern.startswith("*"))

    def match_file(self, path: str) -> bool:
        return any(part in self.names or part.endswith(self.endings) for part in path.split("/"))


def _excludes(patterns: List[str]) -> Union[_Names, pathspec.PathSpec]:
    if all(_NAME_PATTERN.fullmatch(pattern) and pattern.lstrip("*").strip(".") for pattern in patterns):
        return _Names(patterns)
    return _spec(patterns)


class _Ignores:
    """Gitignore files found so far, each matched relative to its own folder."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._excludes: Dict[int, Tuple[str, Union[_Names, pathspec.PathSpec]]] = {}
        self._per_dir: Dict[str, Optional[pathspec.PathSpec]] = {}
        self._chains: Dict[str, List[Tuple[str, pathspec.PathSpec]]] = {}

    def _configured(self, folder: str) -> Tuple[str, Union[_Names, pathspec.PathSpec]]:
        """(root, exclude patterns) of the configuration that governs `folder`'s entries."""
        config = self.settings.for_folder(folder)
        if id(config) not in self._excludes:
            self._excludes[id(config)] = (os.path.realpath(config.root), _excludes(config.excludes))
        return self._excludes[id(config)]

    def _gitignore(self, directory: str) -> Optional[pathspec.PathSpec]:
        if directory not in self._per_dir:
            lines: List[str] = []
            # As in git, `.gitignore` outranks `.git/info/exclude`: within one spec the last
            # matching pattern decides, so the exclude file's lines come first.
            for name in (os.path.join(".git", "info", "exclude"), ".gitignore"):
                try:
                    with open(os.path.join(directory, name), encoding="utf-8", errors="replace") as handle:
                        lines.extend(handle.read().splitlines())
                except OSError:
                    pass
            self._per_dir[directory] = _spec(lines) if lines else None
        return self._per_dir[directory]

    def excluded(self, path: str, is_dir: bool) -> bool:
        real = os.path.abspath(path)
        root, excludes = self._configured(os.path.dirname(real))
        relative = os.path.relpath(real, root)
        suffix = "/" if is_dir else ""
        if not relative.startswith(".."):
            if excludes.match_file(relative.replace(os.sep, "/") + suffix):
                return True
        elif excludes.match_file(os.path.basename(real) + suffix):
            return True
        return self._git_ignored(real, is_dir)

    def in_folder(self, directory: str) -> Callable[[str, str, bool], bool]:
        """`excluded` for the entries of one folder: (path, name, is_dir) -> bool, with the
        folder's relative paths worked out once instead of once per entry."""
        absolute = os.path.abspath(directory)
        root, excludes = self._configured(absolute)
        relative = os.path.relpath(absolute, root)
        if relative.startswith(".."):
            return lambda path, name, is_dir: self.excluded(path, is_dir)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        gits = []
        for folder, spec in self._specs_above(absolute):
            inside = os.path.relpath(absolute, folder)
            gits.append(("" if inside == "." else inside.replace(os.sep, "/") + "/", spec))

        def excluded(path: str, name: str, is_dir: bool) -> bool:
            name = name + "/" if is_dir else name
            return excludes.match_file(prefix + name) or _decide(((spec, above + name) for above, spec in gits))

        return excluded

    def _git_ignored(self, path: str, is_dir: bool) -> bool:
        suffix = "/" if is_dir else ""
        return _decide(
            (spec, os.path.relpath(path, directory).replace(os.sep, "/") + suffix)
            for directory, spec in self._specs_above(os.path.dirname(path))
        )

    def _specs_above(self, directory: str) -> List[Tuple[str, pathspec.PathSpec]]:
        """The ignore files that apply in `directory`: its own and its parents' up to the
        repository root (remembered per folder: every file of a folder asks the same)."""
        # A loop, not recursion: a tree may be deeper than Python's stack.
        unknown: List[str] = []
        found: Optional[List[Tuple[str, pathspec.PathSpec]]] = self._chains.get(directory)
        while found is None:
            unknown.append(directory)
            parent = os.path.dirname(directory)
            if os.path.isdir(os.path.join(directory, ".git")) or parent == directory:
                found = []
            else:
                directory = parent
                found = self._chains.get(directory)
        for folder in reversed(unknown):
            spec = self._gitignore(folder)
            found = ([(folder, spec)] if spec is not None else []) + found
            self._chains[folder] = found
        return found


def _decide(checks: Iterable[Tuple[pathspec.PathSpec, str]]) -> bool:
    """Whether ignore files, nearest first, ignore a path: as in git, the nearest file
    with a matching pattern decides (`!name` in a subfolder re-includes)."""
    for spec, relative in checks:
        include = spec.check_file(relative).include
        if include is not None:
            return include
    return False


def discover(paths: List[str], settings: Settings, force_exclude: bool = False) -> Discovered:
    """The Python files under `paths`, each folder's entries filtered by the configuration
    that governs that folder (its nearest [tool.reviewer]) and by git's ignore files."""
    found = Discovered()
    ignores = _Ignores(settings)
    seen_files = found.real
    for path in paths:
        if not os.path.lexists(path):
            found.errors.append(f"{path}: no such file or directory")
            continue
        if os.path.isdir(path):
            if force_exclude and ignores.excluded(path, True):
                continue
            _walk(path, ignores, found, seen_files)
        else:
            if force_exclude and ignores.excluded(path, False):
                continue
            key = os.path.realpath(path)
            if key not in seen_files:
                seen_files.add(key)
                found.files.append(path)
    found.files.sort()
    return found


def _walk(top: str, ignores: _Ignores, found: Discovered, seen_files: set) -> None:
    # A stack of the folders being read, not recursion: a tree may be deeper than Python's
    # stack. Each folder's generator pauses at a subfolder until that one is done, so the
    # order is depth-first by name.
    ancestors: Set[str] = set()
    stack = [_folder(top, os.path.realpath(top), ignores, found, ancestors, seen_files)]
    while stack:
        subfolder = next(stack[-1], None)
        if subfolder is None:
            stack.pop()
        else:
            stack.append(_folder(*subfolder, ignores, found, ancestors, seen_files))


def _folder(directory: str, real: str, ignores: _Ignores, found: Discovered, ancestors: Set[str],
            seen_files: set) -> Iterator[Tuple[str, str]]:
    """Records the Python files of `directory` (whose real path is `real`) and yields its
    subfolders to walk, each with its real path; `ancestors`: the real paths of the folders
    being read above it."""
    if real in ancestors:
        found.warnings.append(f"{directory}: symbolic link loop, not followed")
        return
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as exc:
        found.warnings.append(_skipped(directory, exc))
        return
    ancestors.add(real)
    excluded = ignores.in_folder(directory)
    for entry in entries:
        name = entry.name
        path = os.path.join(directory, name) if directory != "." else name
        try:
            is_dir = entry.is_dir()
        except OSError as exc:  # a link that cannot be followed (one that leads nowhere gives False)
            found.warnings.append(_skipped(path, exc))
            continue
        if is_dir:
            if not excluded(path, name, True):
                yield path, _real(entry, path, real)
        elif name.endswith(LINTED_SUFFIXES):
            if excluded(path, name, False):
                continue
            # Not a regular file (a broken link, a FIFO): still listed, so that reading it
            # reports why as a finding.
            key = _real(entry, path, real)
            if key not in seen_files:
                seen_files.add(key)
                found.files.append(path)
    ancestors.remove(real)


def _skipped(path: str, exc: OSError) -> str:
    # Unreadable, or a path too long (ENAMETOOLONG) or through too many links (ELOOP).
    reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
    return f"{path}: {reason}, skipped"


def _real(entry: os.DirEntry, path: str, folder_real: str) -> str:
    # Only a link can lead outside the folder already resolved (and resolving each path
    # anew would cost a tree n folders deep n² lookups).
    return os.path.realpath(path) if entry.is_symlink() else os.path.join(folder_real, entry.name)


def force_excluded(path: str, settings: Settings) -> bool:
    """Whether `--force-exclude` leaves out a file named on the command line (or as
    `--stdin-filename`)."""
    return _Ignores(settings).excluded(path, False)


def per_file_ignores(path: str, config: Config) -> List[str]:
    """Selectors ignored for `path` by `per-file-ignores` (globs matched on the project-relative path)."""
    if not config.per_file_ignores:
        return []
    relative = os.path.relpath(os.path.abspath(path), os.path.realpath(config.root)).replace(os.sep, "/")
    ignored: List[str] = []
    table = tuple((glob, tuple(codes)) for glob, codes in config.per_file_ignores.items())
    for pattern, codes in _compiled(table):
        if pattern.match_file(relative) or pattern.match_file(os.path.basename(path)):
            ignored.extend(codes)
    return ignored


@lru_cache(maxsize=8)
def _compiled(table: Tuple[Tuple[str, Tuple[str, ...]], ...]) -> List[Tuple[pathspec.PathSpec, Tuple[str, ...]]]:
    return [(_spec([glob]), codes) for glob, codes in table]
