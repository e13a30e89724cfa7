"""Output formats: full, concise, json (Ruff's fields), github annotations, SARIF 2.1.0, statistics."""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import re
import sys
import urllib.parse
from collections import Counter
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import click

from reviewer import __version__, notebook, registry
from reviewer.findings import Applicability, Finding, Severity, apply_edits
from reviewer.source import LineIndex

INFORMATION_URI = "https://pypi.org/project/reviewer/"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# C0 controls, DEL, C1 controls, the Unicode line and paragraph separators and lone surrogates (the bytes of a
# file name that are not UTF-8): a terminal acts on them, a log viewer starts a new line at them, or they cannot
# be encoded at all.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def use_color(choice: str) -> bool:
    """--color, else FORCE_COLOR, else NO_COLOR, else whether stdout is a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def printable(text: str) -> str:
    """`text` (a path, a message, a line of source) safe to print on a terminal or log line.

    Each character above becomes its escape as Python's repr writes it (`\\n`, `\\x1b`, `\\u2028`, `\\udcff`).
    """
    return _UNPRINTABLE.sub(lambda match: repr(match.group())[1:-1], text)


def unified_diff(path: str, before: str, after: str) -> str:
    """A patch that `git apply` and `patch -p1` accept, whatever characters the text holds."""
    import difflib  # only a run that shows fixes needs it: not every warm run

    return "".join(difflib.unified_diff(_patch_lines(before), _patch_lines(after),
                                        _patch_name("a/" + path), _patch_name("b/" + path)))


def notebook_diff(path: str, book: notebook.Notebook, text: str) -> str:
    """The patch of the cells a fixed virtual `text` changes: their code, not the JSON, the
    cell named in the file labels (raises SourceError as `Notebook.sources` does)."""
    return "".join(unified_diff(f"{path}:cell {number}", book.source(number), code)
                   for number, code in book.sources(text).items())


def _patch_lines(text: str) -> List[str]:
    # Patch tools end lines only at \n (str.splitlines also ends them at \r, \f, \x1c, U+2028...). The marker goes
    # into the last line itself, so that the same line with and without its \n differ, as they do for git.
    *lines, last = text.split("\n")
    lines = [line + "\n" for line in lines]
    if last:
        lines.append(last + "\n\\ No newline at end of file\n")
    return lines


def _patch_name(path: str) -> str:
    """The path for a patch header: as git writes a name with a control character, a quote or a backslash, in
    C-style quotes with such bytes (and non-ASCII ones) in octal; otherwise as it is."""
    if printable(path) == path and '"' not in path and "\\" not in path:
        return path
    quoted = (chr(b) if 0x20 <= b < 0x7F and b not in b'"\\' else f"\\{b:03o}" for b in os.fsencode(path))
    return '"' + "".join(quoted) + '"'


class Printer:
    def __init__(self, color: bool, texts: Dict[str, str], root: str) -> None:
        self.color = color
        self.texts = texts  # path -> final text, for source lines
        self.root = root
        self._indexes: Dict[str, LineIndex] = {}
        self._cell_rows: Dict[str, List[Tuple[int, int]]] = {}

    def style(self, text: str, **kwargs) -> str:
        return click.style(text, **kwargs) if self.color else text

    def index(self, path: str) -> Optional[LineIndex]:
        if path not in self._indexes and path in self.texts:
            self._indexes[path] = LineIndex(self.texts[path])
        return self._indexes.get(path)

    def row(self, finding: Finding, line: int) -> int:
        """A line of `finding`'s file as shown: in a notebook, the line within its cell."""
        if finding.cell is None:
            return line
        if finding.path not in self._cell_rows:
            self._cell_rows[finding.path] = notebook.cell_rows(self.texts.get(finding.path, ""))
        rows = self._cell_rows[finding.path]
        return rows[line - 1][1] if 0 < line <= len(rows) else line

    def where(self, finding: Finding) -> str:
        """`LINE:COL`, or in a notebook `cell N:LINE:COL` (as Ruff writes it)."""
        cell = f"cell {finding.cell}:" if finding.cell is not None else ""
        return f"{cell}{self.row(finding, finding.line)}:{finding.column}"

    # -- full and concise -------------------------------------------------------------

    def head(self, finding: Finding) -> str:
        where = self.style(f"{printable(finding.path)}:{self.where(finding)}:", bold=True)
        code = self.style(finding.code, fg="red" if finding.severity is Severity.ERROR else "yellow", bold=True)
        marker = " " + self.style("[*]", fg="cyan") if _safe(finding) else ""
        return f"{where} {code}{marker} {printable(finding.message)}"

    def full(self, finding: Finding) -> str:
        lines = [self.head(finding)]
        index = self.index(finding.path)
        if index is not None and finding.line <= index.line_count():
            raw = index.line_text(finding.line)
            text = _shown(raw)
            number = self.row(finding, finding.line)
            gutter = " " * len(str(number))
            # Carets under the characters as shown: tabs expanded, escapes wider than what they stand for.
            start = len(_shown(raw[:max(finding.column - 1, 0)]))
            end = len(_shown(raw[:max(finding.end_column - 1, 0)])) if finding.end_line == finding.line else len(text)
            width = max(1, end - start)
            lines += [
                f"{gutter} |",
                f"{number} | {text}",
                f"{gutter} | {' ' * start}{self.style('^' * width, fg='red')} {finding.name}",
                f"{gutter} |",
            ]
            if finding.fix is not None:
                applicability = finding.fix.applicability.value
                lines.append(f"{gutter} = help ({applicability} fix): {printable(finding.fix.message)}")
                lines += ["    " + line for line in self._fix_diff(finding, index).splitlines()]
        elif finding.fix is not None:
            lines.append(f"  = help ({finding.fix.applicability.value} fix): {printable(finding.fix.message)}")
        return "\n".join(lines) + "\n"

    def _fix_diff(self, finding: Finding, index: LineIndex) -> str:
        assert finding.fix is not None
        edits = finding.fix.edits
        first = min(edit.line for edit in edits)
        last = max(edit.end_line for edit in edits)
        start = index.offset(first, 0)
        end = index.offset(last + 1, 0) if last < index.line_count() else len(index.text)
        before = index.text[start:end]
        shifted = [edit.__class__(edit.start - start, edit.end - start, edit.content) for edit in edits]
        after = apply_edits(before, shifted)
        # Drop the ---/+++/@@ header, and the CR of CRLF lines, which would show as an escape.
        diff = [printable(line.removesuffix("\r")) for line in unified_diff("", before, after).split("\n")[3:-1]]
        return "\n".join(self.style(line, fg="green" if line.startswith("+") else "red" if line.startswith("-") else None)
                         for line in diff)

    # -- machine formats --------------------------------------------------------------

    def json_object(self, finding: Finding) -> dict:
        fix = None
        if finding.fix is not None:
            fix = {
                "applicability": finding.fix.applicability.value,
                "message": _unicode(finding.fix.message),
                "edits": [
                    {
                        "content": edit.content,
                        "location": {"row": self.row(finding, edit.line), "column": edit.column},
                        "end_location": {"row": self.row(finding, edit.end_line), "column": edit.end_column},
                    }
                    for edit in finding.fix.edits
                ],
            }
        row = self.row(finding, finding.line)
        fields = {
            "code": finding.code,
            "name": finding.name,
            "message": _unicode(finding.message),
            "severity": finding.severity.value,
            "filename": _unicode(os.path.abspath(finding.path)),
            "location": {"row": row, "column": finding.column},
            "end_location": {"row": self.row(finding, finding.end_line), "column": finding.end_column},
            "fix": fix,
            "noqa_row": row,
            "url": None,
        }
        # As Ruff: rows within the cell, and the cell (only for notebooks, so that the
        # objects of .py files keep their fields).
        return fields if finding.cell is None else {**fields, "cell": finding.cell}

    def _message(self, finding: Finding) -> str:
        """The message for formats with one location per file: in a notebook the cell goes
        into the text, and the location is the file's first line (what Ruff does)."""
        return finding.message if finding.cell is None else f"{self.where(finding)}: {finding.message}"

    def _region(self, finding: Finding) -> Tuple[int, int, int, int]:
        if finding.cell is not None:
            return 1, 1, 1, 1
        return finding.line, finding.column, finding.end_line, finding.end_column

    def github(self, finding: Finding) -> str:
        line, column, end_line, end_column = self._region(finding)
        properties = {
            "file": printable(finding.path),
            "line": line,
            "col": column,
            "endLine": end_line,
            "endColumn": end_column,
            "title": f"reviewer ({finding.code})",
        }
        rendered = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
        message = printable(f"{finding.code} {finding.name}: {self._message(finding)}")
        return f"::{_GITHUB[finding.severity]} {rendered}::{_escape_data(message)}"

    def fingerprint(self, finding: Finding) -> str:
        """Stable across unrelated edits: the rule, the file and the text of the flagged line."""
        index = self.index(finding.path)
        line = index.line_text(finding.line).strip() if index and finding.line <= index.line_count() else ""
        return fingerprint(self.relative(finding.path), finding.code, line)

    def relative(self, path: str) -> str:
        return os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")

    def sarif(self, findings: Sequence[Finding]) -> dict:
        fired = sorted({f.code for f in findings})
        rules = [registry.find_rule(code) for code in fired]  # their documentation: imports them
        return {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "reviewer",
                            "version": __version__,
                            "informationUri": INFORMATION_URI,
                            "rules": [
                                {
                                    "id": rule.code,
                                    "name": rule.name,
                                    "shortDescription": {"text": rule.summary},
                                    "fullDescription": {"text": rule.summary},
                                    "help": {"text": rule.documentation_markdown(), "markdown": rule.documentation_markdown()},
                                    "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                                }
                                for rule in rules
                                if rule is not None
                            ],
                        }
                    },
                    "originalUriBaseIds": {"%SRCROOT%": {"uri": _file_uri(self.root)}},
                    "results": [
                        {
                            "ruleId": finding.code,
                            "ruleIndex": fired.index(finding.code),
                            "level": _LEVEL[finding.severity],
                            "message": {"text": _unicode(self._message(finding))},
                            "locations": [
                                {
                                    "physicalLocation": {
                                        "artifactLocation": {
                                            "uri": _uri(self.relative(finding.path)),
                                            "uriBaseId": "%SRCROOT%",
                                        },
                                        "region": _sarif_region(*self._region(finding)),
                                    }
                                }
                            ],
                            "partialFingerprints": {"reviewer/v1": self.fingerprint(finding)},
                        }
                        for finding in findings
                    ],
                }
            ],
        }


def _sarif_region(line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": max(end_column, 1)}


def fingerprint(relative_path: str, code: str, line_text: str) -> str:
    # surrogatepass: a file name that is not UTF-8 still has a (stable) fingerprint
    return hashlib.sha256(f"{relative_path}\0{code}\0{line_text}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _file_uri(folder: str) -> str:
    uri = pathlib.Path(os.path.abspath(folder)).as_uri()  # percent-encodes the file system's bytes
    return uri if uri.endswith("/") else uri + "/"


def _uri(relative_path: str) -> str:
    """A relative URI reference (RFC 3986): UTF-8 percent-encoded, an undecodable byte as itself, `:` too."""
    return urllib.parse.quote(os.fsencode(relative_path))


def _unicode(text: str) -> str:
    """Lone surrogates (from file names that are not UTF-8) as visible escapes: strict JSON readers reject them."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _shown(source: str) -> str:
    return printable(source.expandtabs(4))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _safe(finding: Finding) -> bool:
    return finding.fix is not None and finding.fix.applicability is Applicability.SAFE


def render(findings: Sequence[Finding], fmt: str, printer: Printer) -> str:
    if fmt == "json":
        return json.dumps([printer.json_object(f) for f in findings], indent=2) + "\n"
    if fmt == "sarif":
        return json.dumps(printer.sarif(findings), indent=2) + "\n"
    if fmt == "github":
        return "".join(printer.github(f) + "\n" for f in findings)
    if fmt == "concise":
        return "".join(printer.head(f) + "\n" for f in findings)
    return "\n".join(printer.full(f) for f in findings)


def summary(findings: Sequence[Finding], fixed: int, unsafe_enabled: bool, fix_mode: bool) -> List[str]:
    lines = []
    total = len(findings)
    if fixed:
        remaining = f", {total} remaining" if total else ""
        lines.append(f"Fixed {fixed} {'finding' if fixed == 1 else 'findings'}{remaining}.")
    elif total == 0:
        lines.append("All checks passed!")
    if total:
        if not fixed:
            lines.append(f"Found {total} {'finding' if total == 1 else 'findings'}.")
        safe = sum(1 for f in findings if _safe(f))
        unsafe = sum(1 for f in findings if f.fix is not None and f.fix.applicability is Applicability.UNSAFE)
        if safe and not fix_mode:
            lines.append(f"[*] {safe} fixable with the `--fix` option.")
        if unsafe and not unsafe_enabled:
            lines.append(f"{unsafe} more fixable with `--fix --unsafe-fixes` (they change behaviour: review them).")
        elif unsafe and not fix_mode:
            lines.append(f"{unsafe} more fixable with `--fix` (unsafe fixes are enabled).")
    return lines


def statistics(findings: Iterable[Finding], fmt: str) -> str:
    counts = Counter(f.code for f in findings)
    fixable = {f.code for f in findings if _safe(f)}  # what `--fix` alone would fix, as `[*]` says elsewhere
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = registry.find(code)
        rows.append({"code": code, "name": rule.name if rule else code, "count": count, "fixable": code in fixable})
    if fmt == "json":
        return json.dumps(rows, indent=2) + "\n"
    width = max((len(str(row["count"])) for row in rows), default=1)
    return "".join(
        f"{row['count']:>{width}}\t{row['code']}\t{'[*]' if row['fixable'] else '[ ]'} {row['name']}\n" for row in rows
    )
