"""Resolved findings: plain data with positions and text edits, cacheable and printable."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Optional

from reviewer.rule import Applicability, Severity
from reviewer.source import LineIndex


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
        data = dict(data)
        data["severity"] = Severity(data["severity"])
        fix = data.get("fix")
        if fix is not None:
            data["fix"] = TextFix(
                Applicability(fix["applicability"]),
                fix["message"],
                [Edit(**edit) for edit in fix["edits"]],
            )
        return cls(**data)
