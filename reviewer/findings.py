"""Resolved findings: plain data with positions and text edits, cacheable and printable."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Optional, Sequence

from reviewer.source import LineIndex


class Applicability(str, enum.Enum):
    """How trustworthy a fix is; ordered from most to least applicable."""

    SAFE = "safe"  # behaviour is preserved
    UNSAFE = "unsafe"  # behaviour changes (every bug fix does)
    DISPLAY_ONLY = "display-only"  # shown as a suggestion, never applied


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Edit:
    """Replace source[start:end] (character offsets) with `content`.

    The 1-based positions of both ends are kept for output (end exclusive).
    """

    start: int
    end: int
    content: str
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    @classmethod
    def at(cls, index: "LineIndex", start: int, end: int, content: str) -> "Edit":
        line, column = index.position(start)
        end_line, end_column = index.position(end)
        return cls(start, end, content, line, column, end_line, end_column)


@dataclass(frozen=True)
class TextFix:
    applicability: Applicability
    message: str
    edits: List[Edit]


@dataclass
class Finding:
    code: str
    name: str
    message: str
    severity: Severity
    path: str
    #: 1-based line and column of the first character; end is exclusive, like Ruff's.
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Optional[TextFix] = None
    #: lines on which a suppression comment may silence this finding
    suppressible_lines: List[int] = field(default_factory=list)
    #: a notebook's cell (1-based, every cell counted); the lines above stay those of the
    #: notebook's virtual source (see reviewer.notebook), which the output translates
    cell: Optional[int] = None

    def __post_init__(self) -> None:
        self.message = sentence(self.message)

    def sort_key(self):
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> Dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        if self.fix is not None:
            data["fix"]["applicability"] = self.fix.applicability.value
        return data

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Finding":
        """The inverse of `to_dict`; TypeError or ValueError for data of any other shape
        (a damaged cache entry must not become a finding that breaks the output)."""
        data = _typed(data, _FINDING_TYPES)
        data["severity"] = Severity(data["severity"])
        lines = data.get("suppressible_lines", [])
        if type(lines) is not list or any(type(line) is not int for line in lines):
            raise TypeError("suppressible_lines: expected a list of line numbers")
        if data.get("cell") is not None and type(data["cell"]) is not int:
            raise TypeError("cell: expected int")
        fix = data.get("fix")
        if fix is not None:
            fix = _typed(fix, {"message": str, "edits": list})
            data["fix"] = TextFix(
                Applicability(fix["applicability"]),
                fix["message"],
                [Edit(**_typed(edit, _EDIT_TYPES)) for edit in fix["edits"]],
            )
        return cls(**data)


_FINDING_TYPES = {"code": str, "name": str, "message": str, "path": str,
                  "line": int, "column": int, "end_line": int, "end_column": int}
_EDIT_TYPES = {"start": int, "end": int, "content": str, "line": int, "column": int, "end_line": int, "end_column": int}


def _typed(data: Any, kinds: Dict[str, type]) -> Dict[str, Any]:
    """A copy of the dict `data`, after checking the exact type of each field it has."""
    if type(data) is not dict:
        raise TypeError("expected an object")
    for name, kind in kinds.items():
        if name in data and type(data[name]) is not kind:
            raise TypeError(f"{name}: expected {kind.__name__}")
    return dict(data)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    pieces: List[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        pieces.append(text[position:edit.start])
        pieces.append(edit.content)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def sentence(message: str) -> str:
    """One style for every message, whichever rule wrote it: a capital first letter (a
    leading code span stays as written) and a final period."""
    if message[:1].islower():
        message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


def io_error(path: str, message: str) -> Finding:
    """A file that could not be read as Python source."""
    return Finding("RV004", "io-error", message, Severity.ERROR, path, 1, 1, 1, 1)


def internal_error(path: str, message: str) -> Finding:
    """A failure of reviewer itself on `path` (a crashed rule or worker, a time limit)."""
    return Finding("RV002", "internal-error", message, Severity.ERROR, path, 1, 1, 1, 1)
