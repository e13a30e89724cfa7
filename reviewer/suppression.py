"""`# noqa: CODE`, `# reviewer: ignore[...]` and `# reviewer: ignore-file[...]` comments."""

from __future__ import annotations

import bisect
import re
import tokenize
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Set, Tuple

from reviewer import registry
from reviewer.findings import Applicability, Edit, Finding, TextFix
from reviewer.source import LineIndex, tokens

UNUSED_SUPPRESSION = "RV003"
#: findings about the file or reviewer itself, which no comment silences
UNSUPPRESSIBLE = ("syntax-error", "internal-error", "io-error")
_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Za-z][\w-]*(?:[\s,]+[A-Za-z][\w-]*)*))?", re.IGNORECASE)
_NOQA_WORD = re.compile(r"[A-Za-z][\w-]*")
#: a flake8-style code (E501, RV203); other words count only if they name one of our rules
_FLAKE8_CODE = re.compile(r"[A-Z]+[0-9]+")
_IGNORE = re.compile(r"#\s*reviewer\s*:\s*ignore(?P<file>-file)?(?:\[(?P<codes>[^\]]*)\])?")


@dataclass
class Suppression:
    line: int
    #: offsets of the directive inside the source, for the unused-suppression fix
    start: int
    end: int
    kind: str  # "noqa", "ignore" or "ignore-file"
    #: as written; empty means "everything"
    codes: List[str]
    #: the lines whose findings it may silence: its own, and those of a multi-line string or
    #: backslash continuation that ends on it
    covers: range = range(0)
    used: Set[str] = field(default_factory=set)
    blanket_used: bool = False

    def matches(self, finding: Finding) -> Optional[str]:
        """The code in this comment that silences `finding`, '' for a blanket match, else None."""
        if not self.codes:
            return ""
        names = {finding.code.upper(), finding.name.upper()} | _aliases(finding.code)
        for code in self.codes:
            if code.upper() in names:
                return code
        return None


@lru_cache(maxsize=None)
def _aliases(code: str) -> frozenset:
    rule = registry.find(code)
    return frozenset(alias.upper() for alias in rule.aliases) if rule else frozenset()


def _scan(text: str, index: LineIndex) -> Tuple[List[Tuple[int, int, str]], Optional[List[int]]]:
    """(line, column, text) of every comment token, and the lines where a comment can go
    (see `comment_lines`); for unparsable text, a line scan and None."""
    comments: List[Tuple[int, int, str]] = []
    ends: Set[int] = set()
    try:
        for token in tokens(text):
            if token.type == tokenize.COMMENT:
                comments.append((token.start[0], token.start[1], token.string))
            if token.type in (tokenize.NEWLINE, tokenize.NL, tokenize.COMMENT):
                ends.add(token.start[0])
    except (tokenize.TokenError, SyntaxError, IndentationError):
        comments = []
        for number in range(1, index.line_count() + 1):
            line = index.line_text(number)
            column = line.find("#")
            if column >= 0:
                comments.append((number, column, line[column:]))
        return comments, None
    return comments, sorted(ends)


def comment_lines(text: str) -> Optional[List[int]]:
    """The lines, in order, whose end is outside any string and any backslash continuation:
    where a comment can go. None if the text does not tokenize."""
    return _scan(text, LineIndex(text))[1]


def comment_line_for(line: int, lines: List[int]) -> Optional[int]:
    """Where a directive for a finding on `line` goes, as in Ruff: that line, or for a line
    inside a multi-line string or a backslash continuation, the line where it ends."""
    at = bisect.bisect_left(lines, line)
    return lines[at] if at < len(lines) else None


def names_reviewer(text: str) -> bool:
    """Whether some directive in `text` could be about this tool's rules (so it could be unused)."""
    if _IGNORE.search(text):
        return True
    return any(
        registry.for_suppression(code) is not None for _, _, codes in noqa_directives(text) for code in codes
    )


def noqa_directives(comment: str) -> Iterator[Tuple[int, int, List[str]]]:
    """(start, end, codes) of each `# noqa[: codes]` in a comment. The codes are the leading
    run of words that are codes: in `# noqa: E501 line is long` only E501 is one, and the
    directive ends after it."""
    for match in _NOQA.finditer(comment):
        codes: List[str] = []
        end = match.start() + match.group().lower().index("noqa") + 4
        listed = match.group("codes")
        if listed:
            for word in _NOQA_WORD.finditer(listed):
                if not _FLAKE8_CODE.fullmatch(word.group()) and registry.for_suppression(word.group()) is None:
                    break
                codes.append(word.group())
                end = match.start("codes") + word.end()
        yield match.start(), end, codes


def _directs(text: str) -> bool:
    """Whether `text` holds a directive of either kind (each pattern starts with `#`, which
    re scans for at C speed; a case-blind search for the words alone is ten times slower)."""
    return _IGNORE.search(text) is not None or _NOQA.search(text) is not None


def parse(text: str, index: LineIndex) -> List[Suppression]:
    if not _directs(text):
        return []
    found: List[Suppression] = []
    comments, lines = _scan(text, index)
    for line, column, comment in comments:
        if not _directs(comment):
            continue
        base = index.offset(line, column)
        # A directive also covers the lines of a multi-line string or continuation it ends.
        at = bisect.bisect_left(lines, line) if lines is not None else 0
        first = lines[at - 1] + 1 if lines is not None and at > 0 else line
        covers = range(min(first, line), line + 1)
        for match in _IGNORE.finditer(comment):
            kind = "ignore-file" if match.group("file") else "ignore"
            codes = [c.strip() for c in (match.group("codes") or "").split(",") if c.strip()]
            found.append(Suppression(line, base + match.start(), base + match.end(), kind, codes, covers))
        for start, end, codes in noqa_directives(comment):
            found.append(Suppression(line, base + start, base + end, "noqa", codes, covers))
    return found


def finish(path: str, text: str, index: LineIndex, findings: List[Finding], selected: Set[str]) -> List[Finding]:
    """The rules' findings with suppressions applied, plus stale suppressions, sorted."""
    # Tokenizing for comments is slow: skip it when nothing can be silenced or reported stale.
    comments = parse(text, index) if findings or names_reviewer(text) else []
    findings = apply(findings, comments)
    if UNUSED_SUPPRESSION in selected:
        # Its own findings can be silenced too (`# noqa: RV003` on an adopted line).
        stale = unused(path, text, index, comments, selected)
        # A blanket directive that silenced nothing would otherwise silence its own report.
        findings.extend(apply(stale, [c for c in comments if c.codes or c.kind == "noqa" or c.blanket_used]))
    findings.sort(key=Finding.sort_key)
    return findings


def apply(findings: List[Finding], suppressions: List[Suppression]) -> List[Finding]:
    """Drop suppressed findings, recording which comment codes were used."""
    if not suppressions:
        return findings
    by_line: Dict[int, List[Suppression]] = {}
    file_wide = [s for s in suppressions if s.kind == "ignore-file"]
    for suppression in suppressions:
        if suppression.kind != "ignore-file":
            for line in suppression.covers or (suppression.line,):
                by_line.setdefault(line, []).append(suppression)
    kept = []
    for finding in findings:
        if finding.name in UNSUPPRESSIBLE:
            kept.append(finding)
            continue
        candidates = [s for line in finding.suppressible_lines for s in by_line.get(line, ())] + file_wide
        silenced = False
        for suppression in candidates:
            code = suppression.matches(finding)
            if code is None:
                continue
            silenced = True
            if code:
                suppression.used.add(code)
            else:
                suppression.blanket_used = True
        if not silenced:
            kept.append(finding)
    return kept


def unused(
    path: str, text: str, index: LineIndex, suppressions: List[Suppression], selected_codes: Set[str]
) -> List[Finding]:
    """unused-suppression findings for directives that silenced nothing."""
    findings = []
    for suppression in suppressions:
        if not suppression.codes:
            # A bare `# noqa` may serve another linter; a bare ignore is ours.
            if suppression.kind == "noqa" or suppression.blanket_used:
                continue
            stale = ["(all)"]
            keep: List[str] = []
        else:
            stale, keep = [], []
            for code in suppression.codes:
                rule = registry.for_suppression(code)
                ours = rule is not None and (suppression.kind != "noqa" or code.upper() == rule.code)
                silences_this_rule = rule is not None and rule.code == UNUSED_SUPPRESSION
                if code in suppression.used or silences_this_rule or not ours and suppression.kind == "noqa":
                    keep.append(code)
                elif rule is None or rule.code in selected_codes:
                    stale.append(code)
                else:
                    keep.append(code)
            if not stale:
                continue
        findings.append(_finding(path, text, index, suppression, stale, keep))
    return findings


def _finding(
    path: str, text: str, index: LineIndex, suppression: Suppression, stale: List[str], keep: List[str]
) -> Finding:
    unknown = [c for c in stale if c != "(all)" and registry.for_suppression(c) is None]
    if unknown:
        message = f"Suppression names unknown rule {', '.join(unknown)}"
    elif stale == ["(all)"]:
        message = "Suppression comment silences nothing"
    else:
        message = f"Unused suppression of {', '.join(stale)}: the rule does not fire here"
    if keep:
        if suppression.kind == "noqa":
            content = f"# noqa: {', '.join(keep)}"
        else:
            content = f"# reviewer: {suppression.kind}[{', '.join(keep)}]"
        edit = Edit.at(index, suppression.start, suppression.end, content)
        fix_message = f"Remove {', '.join(stale)} from the comment"
    else:
        start, end = _removal(text, index, suppression)
        edit = Edit.at(index, start, end, "")
        fix_message = "Remove the suppression comment"
    line, column = index.position(suppression.start)
    end_line, end_column = index.position(suppression.end)
    return Finding(
        code=UNUSED_SUPPRESSION,
        name="unused-suppression",
        message=message,
        severity=registry.find(UNUSED_SUPPRESSION).severity,  # type: ignore[union-attr]
        path=path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        fix=TextFix(Applicability.SAFE, fix_message, [edit]),
        suppressible_lines=[line],
    )


def _removal(text: str, index: LineIndex, suppression: Suppression) -> Tuple[int, int]:
    """Remove a directive, and the comment with its leading spaces when nothing else is in it
    (the whole line, with its line ending, when the comment was alone on it)."""
    line_start = index.offset(suppression.line, 0)
    line_end = line_start + len(index.line_text(suppression.line))
    comment_start = text.rfind("#", 0, suppression.start + 1)
    rest = text[suppression.end:line_end].strip()
    if comment_start == suppression.start and not rest:
        start = suppression.start
        while start > line_start and text[start - 1] in " \t":
            start -= 1
        if start == line_start:
            return line_start, index.offset(suppression.line + 1, 0)
        return start, line_end
    end = suppression.end
    while end < line_end and text[end] in " \t":
        end += 1
    if comment_start == suppression.start and not rest.startswith("#"):
        # words follow the directive in its comment: they keep the `#` and one space
        return suppression.start + 1, max(suppression.end, end - 1)
    return suppression.start, end
