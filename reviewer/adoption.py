"""Adopting reviewer on an existing codebase: `--add-noqa` and baselines."""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Callable, Dict, Iterable, List, Tuple

from reviewer import writer
from reviewer.findings import Finding
from reviewer.output import fingerprint
from reviewer.source import LineIndex
from reviewer.suppression import UNSUPPRESSIBLE, comment_line_for, comment_lines, noqa_directives

BASELINE_VERSION = 1


def add_noqa(text: str, findings: Iterable[Finding]) -> Tuple[str, int]:
    """Append `# noqa: CODE` to each flagged line (merging with an existing noqa list)."""
    lines = comment_lines(text)
    if lines is None:
        return text, 0
    wanted: Dict[int, List[str]] = {}
    for finding in findings:
        if finding.name in UNSUPPRESSIBLE:
            continue
        line = comment_line_for(finding.line, lines)
        if line is not None and finding.code not in wanted.setdefault(line, []):
            wanted[line].append(finding.code)
    index = LineIndex(text)
    pieces: List[str] = []
    added = 0
    for number in range(1, index.line_count() + 1):
        start = index.starts[number - 1]
        end = index.starts[number] if number < index.line_count() else len(text)
        raw = text[start:end]
        if number not in wanted:
            pieces.append(raw)
            continue
        body = raw.rstrip("\r\n")
        newline = raw[len(body):]
        codes = wanted[number]
        listed = next(((start, end, present) for start, end, present in noqa_directives(body) if present), None)
        if listed:
            start, end, present = listed
            merged = present + [code for code in codes if code not in present]
            body = body[:start] + "# noqa: " + ", ".join(merged) + body[end:]
        else:
            body = body.rstrip() + "  # noqa: " + ", ".join(codes)
        added += len(codes)
        pieces.append(body + newline)
    return "".join(pieces), added


class Baseline:
    """Known findings by file, rule and the text of the flagged line (not its number)."""

    def __init__(self, entries: Counter) -> None:
        self.entries = entries

    @staticmethod
    def key(finding: Finding, line_text: str, root_of: Callable[[str], str]) -> str:
        """The finding's fingerprint, with its path relative to `root_of(path)` (the
        repository), so that a baseline matches whichever folder the run starts from."""
        relative = os.path.relpath(os.path.abspath(finding.path), root_of(finding.path)).replace(os.sep, "/")
        return fingerprint(relative, finding.code, line_text.strip())

    @classmethod
    def build(cls, findings: Iterable[Finding], texts: Dict[str, str], root_of: Callable[[str], str]) -> "Baseline":
        lines = _Lines(texts)
        return cls(Counter(cls.key(f, lines(f), root_of) for f in findings))

    @classmethod
    def read(cls, path: str) -> "Baseline":
        """Raises ValueError (one line) for anything but a baseline this version wrote."""
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except UnicodeDecodeError:
            raise ValueError("not UTF-8 JSON") from None
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("findings"), list):
            raise ValueError("not a reviewer baseline (version 1)")
        entries: Counter = Counter()
        for entry in data["findings"]:
            key = entry.get("fingerprint") if isinstance(entry, dict) else None
            count = entry.get("count") if isinstance(entry, dict) else None
            if not isinstance(key, str) or type(count) is not int or count < 0:
                raise ValueError(f"bad entry {json.dumps(entry)[:80]}: expected a fingerprint and a whole count")
            entries[key] += count
        return cls(entries)

    def write(self, path: str, root: str) -> None:
        data = {
            "version": BASELINE_VERSION,
            "findings": [{"fingerprint": key, "count": count} for key, count in sorted(self.entries.items())],
        }
        writer.create_file(path, (json.dumps(data, indent=1) + "\n").encode("utf-8"), root)

    def new_findings(self, findings: Iterable[Finding], texts: Dict[str, str], root_of: Callable[[str], str]) -> List[Finding]:
        """Findings not accounted for by the baseline (each entry absorbs `count` matches)."""
        remaining = Counter(self.entries)
        lines = _Lines(texts)
        fresh = []
        for finding in findings:
            key = self.key(finding, lines(finding), root_of)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                fresh.append(finding)
        return fresh

    def __len__(self) -> int:
        return sum(self.entries.values())


class _Lines:
    """The text of a finding's line, indexing each file once."""

    def __init__(self, texts: Dict[str, str]) -> None:
        self.texts = texts
        self.indexes: Dict[str, LineIndex] = {}

    def __call__(self, finding: Finding) -> str:
        if finding.path not in self.indexes:
            if finding.path not in self.texts:
                return ""
            self.indexes[finding.path] = LineIndex(self.texts[finding.path])
        index = self.indexes[finding.path]
        return index.line_text(finding.line) if finding.line <= index.line_count() else ""
