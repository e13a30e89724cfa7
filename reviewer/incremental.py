"""Parsing successive texts of one document again only where they changed (the server's
edits): the module-level statements an edit touches, and one on each side, are parsed
anew and put between the unchanged statements of the previous tree.

The result equals `libcst.parse_module` of the whole text (tests/test_incremental.py
compares them over random edits of real files). Where that cannot be shown cheaply (the
edit changes the indentation or line ending the module's other statements were read
with, leaves comments that would join an unchanged statement, or does not parse on its
own), the whole text is parsed, and any error is that parse's.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import Callable, List, Optional

import libcst as cst

from reviewer.engine import parse as parse_whole
from reviewer.source import common_prefix

_COMPOUND_PARTS = ("body", "orelse", "handlers", "finalbody", "cases")


class IncrementalParser:
    """`parser(text)`: the module of `text`, reusing the previous text's statements."""

    def __init__(self, parse: Callable[[str], cst.Module] = parse_whole) -> None:
        self.parse = parse
        self.text: Optional[str] = None
        self.module: Optional[cst.Module] = None
        #: characters of the header, of each statement (its leading lines included) and of the
        #: footer of `module`; None until an edit needs them
        self.lengths: Optional[List[int]] = None

    def __call__(self, text: str) -> cst.Module:
        if text == self.text and self.module is not None:
            return self.module
        module = self._reparse_changed(text) if self.module is not None else None
        if module is None:
            # On a syntax error this raises and the last text that parsed stays the base.
            module = self.parse(text)
            self.lengths = None
        self.text, self.module = text, module
        return module

    def statement_starts(self, module: cst.Module) -> Optional[List[int]]:
        """The character offset of each module-level statement of `module`, if it is the
        last one returned."""
        lengths = self._pieces() if module is self.module else None
        if lengths is None:
            return None
        return [*accumulate(lengths[1:-1], initial=lengths[0])][:len(module.body)]

    def _pieces(self) -> Optional[List[int]]:
        """`lengths` of the last module (made on first need), when they tile its text."""
        assert self.module is not None
        if self.lengths is None:
            self.lengths = _lengths(self.module)
        return self.lengths if sum(self.lengths) == len(self.text or "") else None

    def _reparse_changed(self, text: str) -> Optional[cst.Module]:
        old, module = self.text, self.module
        assert old is not None and module is not None
        if not (_ends_line(text) and _ends_line(old) and module.has_trailing_newline):
            return None
        lengths = self._pieces()
        if lengths is None:
            return None
        starts = [0, *accumulate(lengths)]
        same_start = common_prefix(old, text)
        same_end = common_prefix(old[same_start:][::-1], text[same_start:][::-1])
        first = _piece_at(starts, same_start)
        last = max(first, _piece_at(starts, len(old) - same_end - 1))
        # One statement more on each side: an edit can move comments or blank lines between
        # a statement's block and the next statement's leading lines.
        first = max(0, first - 1)
        last = min(len(lengths) - 1, last + 1)
        if first == 1:
            first = 0  # the header is only ever read with the first statement
        if last == len(lengths) - 2:
            last = len(lengths) - 1  # and the footer with the last
        begin, end = starts[first], starts[last + 1] + len(text) - len(old)
        try:
            region = self.parse(text[begin:end])
        except Exception:  # noqa: BLE001 - the whole parse says what is wrong, at the right place
            return None
        return self._assemble(text, region, first, last)

    def _assemble(self, text: str, region: cst.Module, first: int, last: int) -> Optional[cst.Module]:
        """The new module: the previous one's statements before piece `first` and after piece
        `last`, `region`'s between them; None where that might differ from a whole parse."""
        module, lengths = self.module, self.lengths
        assert module is not None and lengths is not None
        old_body = module.body
        before, after = old_body[:max(first, 1) - 1], old_body[min(last, len(old_body)):]
        replaced = old_body[len(before):len(old_body) - len(after)]
        at_start, at_end = first == 0, last == len(lengths) - 1
        body = list(region.body)
        if region.default_newline != module.default_newline:
            return None
        # The module's default indentation is its first indented block's; the unchanged
        # statements were read with the old one.
        if _indents(body):
            if region.default_indent != module.default_indent:
                return None
        elif _indents(replaced) and not _indents(before):
            return None
        header = region.header if at_start else module.header
        if region.header and not at_start:
            if not body:
                return None  # comments left alone would join the next unchanged statement
            body[0] = body[0].with_changes(leading_lines=[*region.header, *body[0].leading_lines])
        if region.footer and not at_end:
            return None
        footer = region.footer if at_end else module.footer
        new = module.with_changes(header=header, body=[*before, *body, *after], footer=footer)
        lengths = [
            _lines_length(new, header) if at_start else lengths[0],
            *lengths[1:1 + len(before)],
            *(_length(new, statement) for statement in body),
            *lengths[len(lengths) - 1 - len(after):-1],
            _lines_length(new, footer) if at_end else lengths[-1],
        ]
        if sum(lengths) != len(text):  # a cheap proof that the pieces still tile the text
            return None
        self.lengths = lengths
        return new


def _ends_line(text: str) -> bool:
    return text.endswith(("\n", "\r"))


def _piece_at(starts: List[int], offset: int) -> int:
    """The piece holding character `offset` (the last piece for an offset past the end)."""
    return min(max(bisect_right(starts, offset) - 1, 0), len(starts) - 2)


def _lengths(module: cst.Module) -> List[int]:
    return [_lines_length(module, module.header), *(_length(module, s) for s in module.body),
            _lines_length(module, module.footer)]


def _length(module: cst.Module, statement: cst.BaseStatement) -> int:
    return len(module.code_for_node(statement))


def _lines_length(module: cst.Module, lines) -> int:
    return len(module.with_changes(header=lines, body=(), footer=()).code) if lines else 0


def _indents(statements) -> bool:
    """Whether any of `statements` opens an indented block (the module's default indentation
    is the first such block's)."""
    pending = list(statements)
    while pending:
        node = pending.pop()
        if isinstance(node, cst.IndentedBlock):
            return True
        for part in _COMPOUND_PARTS:
            value = getattr(node, part, None)
            if isinstance(value, (list, tuple)):
                pending.extend(value)
            elif value is not None:
                pending.append(value)
    return False
