"""`[tool.reviewer]` in pyproject.toml: discovery, validation, and merging with the command line."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from reviewer import registry

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on old Pythons only
    import tomli as tomllib

OUTPUT_FORMATS = ("full", "concise", "json", "github", "sarif")

DEFAULT_EXCLUDES = [
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", ".eggs", "build", "dist",
    "site-packages", "node_modules", "__pycache__", ".mypy_cache", ".ruff_cache",
    ".pytest_cache", ".reviewer_cache", "*.egg-info",
]


class ConfigError(Exception):
    """A configuration problem; the message is one line naming the file, key and reason."""


@dataclass
class Config:
    #: the pyproject.toml the settings came from, if any
    path: Optional[str] = None
    #: the project root: the folder of that file, else the current directory
    root: str = field(default_factory=os.getcwd)
    select: Optional[List[str]] = None
    ignore: List[str] = field(default_factory=list)
    extend_select: List[str] = field(default_factory=list)
    per_file_ignores: Dict[str, List[str]] = field(default_factory=dict)
    exclude: List[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDES))
    extend_exclude: List[str] = field(default_factory=list)
    unsafe_fixes: bool = False
    output_format: Optional[str] = None
    cache_dir: Optional[str] = None
    #: the PyTorch release the code runs on ("2.4"); None: the rules assume current releases
    torch_version: Optional[str] = None
    #: the keys the file set (the others are defaults), for --show-settings
    keys_set: List[str] = field(default_factory=list)

    @property
    def excludes(self) -> List[str]:
        return self.exclude + self.extend_exclude

    @property
    def torch_release(self) -> Optional[Tuple[int, int]]:
        return torch_release(self.torch_version) if self.torch_version else None


_LIST_KEYS = {"select", "ignore", "extend-select", "exclude", "extend-exclude"}
#: every setting, in the order --show-settings prints them
SETTINGS = ("select", "ignore", "extend-select", "per-file-ignores", "exclude", "extend-exclude", "unsafe-fixes",
            "torch-version", "output-format", "cache-dir")
_KEYS = set(SETTINGS)
_RELEASE = re.compile(r"(\d+)\.(\d+)(?:\.\d+)?")


def torch_release(text: str) -> Tuple[int, int]:
    """(major, minor) of a PyTorch version such as "2.4" or "2.4.1"; ValueError otherwise."""
    match = _RELEASE.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f'expected a PyTorch version such as "2.4", got {text!r}')
    return int(match.group(1)), int(match.group(2))


def find_pyproject(start: str) -> Optional[str]:
    """The nearest pyproject.toml at or above `start` that has a [tool.reviewer] table,
    else the nearest pyproject.toml at all (it still marks the project root)."""
    folder = start if os.path.isdir(start) else os.path.dirname(start) or "."
    with_table, nearest = _pyprojects_above(os.path.abspath(folder), {})
    return with_table or nearest


#: (the nearest pyproject.toml with a [tool.reviewer] table, the nearest at all)
_Found = Tuple[Optional[str], Optional[str]]


def _pyprojects_above(folder: str, known: Dict[str, _Found]) -> _Found:
    """What `find_pyproject` looks for, at or above the absolute `folder`; `known` holds the
    answers for folders already walked, so that a tree's folders read each file once."""
    unknown: List[str] = []
    found: _Found = (None, None)
    while folder not in known:
        unknown.append(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    else:
        found = known[folder]
    for folder in reversed(unknown):
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            found = (candidate if _has_table(candidate) else found[0], candidate)
        known[folder] = found
    return found


def _has_table(pyproject: str) -> bool:
    try:
        with open(pyproject, "rb") as handle:
            return b"[tool.reviewer" in handle.read()
    except OSError:
        return False


def load(path: Optional[str], explicit: bool = False) -> Config:
    """Read settings from `path` (a pyproject.toml); `explicit`: named with --config."""
    if path is None:
        return Config()
    where = os.path.relpath(path) if not os.path.isabs(path) or path.startswith(os.getcwd()) else path
    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{where}: file not found") from None
    except OSError as exc:
        raise ConfigError(f"{where}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{where}: not valid utf-8 (byte {exc.start}: {exc.reason})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: invalid TOML: {exc}") from None
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{where}: [tool] must be a table")
    table = tool.get("reviewer", {})
    if os.path.basename(path) != "pyproject.toml" and not table and explicit:
        table = document  # a standalone reviewer.toml holds the settings at top level
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [tool.reviewer] must be a table")
    config = Config(path=os.path.abspath(path), root=os.path.dirname(os.path.abspath(path)))
    for key, value in table.items():
        _apply(config, where, key, value)
    config.keys_set = list(table)
    return config


def _apply(config: Config, where: str, key: str, value: Any) -> None:
    prefix = f"{where}: [tool.reviewer] {key}"
    if key not in _KEYS:
        raise ConfigError(f"{where}: [tool.reviewer] unknown key {key!r} (known: {', '.join(sorted(_KEYS))})")
    if key in _LIST_KEYS:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{prefix}: expected a list of strings, got {type(value).__name__}")
        if key in ("select", "ignore", "extend-select"):
            _check_selectors(prefix, value)
        else:
            _check_patterns(prefix, value)
        setattr(config, key.replace("-", "_"), list(value))
    elif key == "per-file-ignores":
        if not isinstance(value, dict):
            raise ConfigError(f"{prefix}: expected a table of glob = [codes]")
        _check_patterns(prefix, list(value))
        for pattern, codes in value.items():
            if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
                raise ConfigError(f"{prefix}: {pattern!r} must map to a list of rule codes or names")
            _check_selectors(f"{prefix} {pattern!r}", codes)
        config.per_file_ignores = {k: list(v) for k, v in value.items()}
    elif key == "unsafe-fixes":
        if not isinstance(value, bool):
            raise ConfigError(f"{prefix}: expected true or false, got {value!r}")
        config.unsafe_fixes = value
    elif key == "torch-version":
        try:
            major, minor = torch_release(value)
        except ValueError as exc:
            raise ConfigError(f"{prefix}: {exc}") from None
        config.torch_version = f"{major}.{minor}"
    elif key == "output-format":
        if value not in OUTPUT_FORMATS:
            raise ConfigError(f"{prefix}: expected one of {', '.join(OUTPUT_FORMATS)}, got {value!r}")
        config.output_format = value
    elif key == "cache-dir":
        if not isinstance(value, str):
            raise ConfigError(f"{prefix}: expected a path string")
        if "\0" in value:
            raise ConfigError(f"{prefix}: {value!r} contains a NUL character")
        resolved = os.path.realpath(os.path.join(config.root, value))
        if not _inside(resolved, config.root):
            raise ConfigError(f"{prefix}: {value!r} is outside the project; give it with --cache-dir instead")
        config.cache_dir = resolved


def _check_selectors(prefix: str, selectors: List[str]) -> None:
    for selector in selectors:
        try:
            registry.expand(selector)
        except registry.SelectionError as exc:
            raise ConfigError(f"{prefix}: {exc}") from None


def _check_patterns(prefix: str, patterns: List[str]) -> None:
    # Checked here, once, so that a bad glob is one error for the run, not one per file.
    for pattern in patterns:
        reason = pattern_error(pattern)
        if reason is not None:
            raise ConfigError(f"{prefix}: bad pattern {pattern!r}: {reason}")


#: what pathspec raises for a gitignore-style pattern it cannot compile
PATTERN_ERRORS = (ValueError, re.error)


def pattern_error(pattern: str) -> Optional[str]:
    """Why `pattern` is not a usable gitignore-style pattern (git would skip it), else None."""
    import pathspec  # only where there are patterns to check: see discovery._spec

    try:
        pathspec.GitIgnoreSpec.from_lines([pattern])
    except PATTERN_ERRORS as exc:
        # re.error's own message gives a position in the regex made from the pattern, not in
        # the pattern; pathspec's error repeats the pattern and keeps the reason as its cause.
        return exc.msg if isinstance(exc, re.error) else str(exc.__cause__ or exc)
    return None


def _inside(path: str, root: str) -> bool:
    root = os.path.realpath(root)
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def inside_project(path: str, root: str) -> bool:
    return _inside(os.path.realpath(path), root)


#: what `reviewer` exits with: nothing to report, findings remain, something went wrong
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def split_selectors(values: Sequence[str]) -> List[str]:
    """`--select A,B --select C` as [A, B, C]."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def resolve_config(paths: Sequence[str], config_path: Optional[str]) -> Config:
    """The run's own settings (output format, cache folder): `--config`, else those of the
    first path. Each file is linted with its own (`Settings`)."""
    return Settings(config_path).for_run(paths)


def repository_root(directory: str, fallback: str) -> str:
    """The nearest folder at or above `directory` holding `.git`, else `fallback`: what
    paths are relative to where no configuration says otherwise."""
    folder = os.path.abspath(directory)
    while not os.path.exists(os.path.join(folder, ".git")):
        parent = os.path.dirname(folder)
        if parent == folder:
            return fallback
        folder = parent
    return folder


class Settings:
    """The configuration of each file, as in Ruff: the nearest pyproject.toml with a
    [tool.reviewer] table above it (its folder is the file's project root), else the
    repository's defaults; `--config` (`override`) for every file alike."""

    def __init__(self, override: Optional[str] = None) -> None:
        self._override = load(override, explicit=True) if override is not None else None
        self._by_folder: Dict[str, Config] = {}
        #: by a file's folder as the run names it (no `abspath` per file: the run stays in its folder)
        self._by_dirname: Dict[str, Config] = {}
        self._by_file: Dict[str, Config] = {}
        self._pyprojects: Dict[str, _Found] = {}

    def for_run(self, paths: Sequence[str]) -> Config:
        """The run's own settings (output format, cache folder): those of the first path."""
        first = next((p for p in paths if p != "-"), ".")
        return self.for_folder(first if os.path.isdir(first) else os.path.dirname(first) or ".")

    def for_path(self, path: str) -> Config:
        dirname = os.path.dirname(path)
        config = self._by_dirname.get(dirname)
        if config is None:
            config = self._by_dirname[dirname] = self.for_folder(os.path.dirname(os.path.abspath(path)))
        return config

    def for_folder(self, folder: str) -> Config:
        if self._override is not None:
            return self._override
        folder = os.path.abspath(folder)
        config = self._by_folder.get(folder)
        if config is None:
            with_table, nearest = _pyprojects_above(folder, self._pyprojects)
            found = with_table or nearest
            key = found or repository_root(folder, os.getcwd())
            config = self._by_file.get(key)
            if config is None:
                config = self._by_file[key] = load(found) if found else Config(root=key)
            self._by_folder[folder] = config
        return config
