"""The findings cache in `.reviewer_cache/`: keyed on tool version, rule set and file content."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple

from reviewer import __version__
from reviewer.findings import Finding
from reviewer.source import fingerprint, package_sources

if TYPE_CHECKING:
    from reviewer.registry import RuleInfo

CACHE_DIR_NAME = ".reviewer_cache"
_FORMAT = 1


def disabled_by_environment() -> bool:
    return os.environ.get("REVIEWER_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no")


@lru_cache(maxsize=None)
def _code_fingerprint() -> str:
    """A hash of the engine's and the rules' own source, so an edited rule never reads
    findings cached by its previous version (the version number alone would)."""
    import reviewer
    import reviewer.rules

    return fingerprint({**package_sources(reviewer), **package_sources(reviewer.rules)})


class Cache:
    """One JSON entry per (rule set, content) pair; a bad entry is a miss, never an error."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self._ready = False

    def key(self, rules: Sequence["RuleInfo"], raw: bytes) -> str:
        digest = hashlib.sha256()
        digest.update(f"{__version__}\0{_FORMAT}\0{_code_fingerprint()}\0".encode())
        digest.update(f"{','.join(rule.code for rule in rules)}\0".encode())
        digest.update(raw)
        return digest.hexdigest()

    def lookup(self, rules: Sequence["RuleInfo"], text: str, path: str) -> Tuple[str, Optional[List[Finding]]]:
        """(key, cached findings or None) for `text` linted with `rules`."""
        key = self.key(rules, text.encode("utf-8", "surrogatepass"))
        return key, self.get(key, path)

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, __version__, key[:2], key + ".json")

    def get(self, key: str, path: str) -> Optional[List[Finding]]:
        try:
            with open(self._path(key), encoding="utf-8") as handle:
                entries = json.load(handle)
            findings = [Finding.from_dict(entry) for entry in entries]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        for finding in findings:
            finding.path = path
        return findings

    def put(self, key: str, findings: List[Finding]) -> None:
        try:
            self._prepare()
            target = self._path(key)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump([finding.to_dict() for finding in findings], out)
            os.replace(temporary, target)
        except OSError:
            pass  # a read-only tree simply runs uncached

    def _prepare(self) -> None:
        if self._ready:
            return
        os.makedirs(self.directory, exist_ok=True)
        for name, content in (
            (".gitignore", "# Created by reviewer automatically.\n*\n"),
            ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by reviewer.\n"),
        ):
            target = os.path.join(self.directory, name)
            if not os.path.exists(target):
                with open(target, "w", encoding="utf-8") as out:
                    out.write(content)
        self._ready = True
