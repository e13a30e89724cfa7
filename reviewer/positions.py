"""Positions of a few nodes, the same as libcst's PositionProvider gives, at a fraction of its cost.

PositionProvider regenerates the whole module, splitting every token with a regex and
recording a range for every node. A finding needs the ranges of a handful of nodes: this
codegen state notes token indices for those nodes (and the statements around them),
stops once the last one is written, and counts lines only at the indices it noted.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from contextlib import nullcontext
from itertools import accumulate
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst.metadata import CodePosition, CodeRange

from reviewer.analysis.tree import IS_STATEMENT


@dataclass
class Location:
    range: CodeRange
    #: first line of the innermost statement holding the node (the node itself if a statement)
    statement_line: int
    #: the module-level statement holding the node (the node itself when it is one); None for the module
    top_level: Optional[cst.BaseStatement]
    #: character offset where `top_level`'s code starts, its leading lines and decorators included
    top_level_offset: int
    #: character offsets of the node's own code (what its codegen writes, whitespace included)
    extent: Tuple[int, int]
    #: the indentation its codegen ran under (the blocks around it)
    indent: Tuple[str, ...]


class _Span:
    """Token indices of one node: whitespace-inclusive start, syntactic start and end."""

    __slots__ = ("node", "start", "syntactic_start", "end", "start_node", "end_node", "indent", "finish")

    def __init__(self, node: cst.CSTNode, start: int) -> None:
        self.node = node
        self.start = start
        self.syntactic_start: Optional[int] = None
        self.end: Optional[int] = None
        self.start_node: Optional[cst.CSTNode] = None
        self.end_node: Optional[cst.CSTNode] = None
        self.indent: Tuple[str, ...] = ()
        #: the token index after the node's code (its trailing newline included)
        self.finish = start


class _Stop(Exception):
    """Every wanted node has been written; the rest of the module is not needed."""


class _Recording:
    """`record_syntactic_position` for a node whose range is wanted."""

    __slots__ = ("state", "span")

    def __init__(self, state: "_TargetedState", span: _Span) -> None:
        self.state = state
        self.span = span

    def __enter__(self) -> None:
        self.span.syntactic_start = len(self.state.tokens)

    def __exit__(self, *exc_info) -> None:
        if exc_info[0] is None:
            self.span.end = len(self.state.tokens)


_NOT_RECORDED = nullcontext()


class _TargetedState(CodegenState):
    """Keyed by id(): libcst nodes hash in Python, and this runs for every node written."""

    def __init__(self, module: cst.Module, wanted: Iterable[cst.CSTNode]) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.wanted: Dict[int, cst.CSTNode] = {id(node): node for node in wanted}
        self.pending = len(self.wanted)
        self.spans: Dict[int, _Span] = {}
        #: (innermost statement, module-level statement) spans of each wanted node
        self.owners: Dict[int, tuple] = {}
        self.open_statements: List[_Span] = []
        self._open_spans: Dict[int, _Span] = {}

    def before_codegen(self, node: cst.CSTNode) -> None:
        key = id(node)
        statement = IS_STATEMENT[type(node)]
        span = self._open_spans.get(key)
        if not statement and span is None and key not in self.wanted:
            return
        if span is None:
            span = self._open_spans[key] = _Span(node, len(self.tokens))
        elif span.start < 0:  # a child whose range a wanted parent hoists
            span.start = len(self.tokens)
        if statement:
            self.open_statements.append(span)
        if key in self.wanted:
            span.indent = tuple(self.indent_tokens)
            statements = self.open_statements
            self.owners[key] = (statements[-1] if statements else None, statements[0] if statements else None)

    def record_syntactic_position(self, node, *, start_node=None, end_node=None):
        span = self._open_spans.get(id(node))
        if span is None or span.syntactic_start is not None:
            return _NOT_RECORDED
        # Ranges hoisted from children: note those children too.
        for child in (start_node, end_node):
            if child is not None and id(child) not in self._open_spans:
                self._open_spans[id(child)] = _Span(child, -1)
        span.start_node, span.end_node = start_node, end_node
        return _Recording(self, span)

    def after_codegen(self, node: cst.CSTNode) -> None:
        key = id(node)
        span = self._open_spans.get(key)
        if span is None:
            return
        if span.end is None:
            span.end = len(self.tokens)
        span.finish = len(self.tokens)
        self.spans[key] = span
        if self.open_statements and self.open_statements[-1] is span:
            self.open_statements.pop()
        if key in self.wanted:
            self.pending -= 1
            if self.pending == 0:
                raise _Stop


def locate(module: cst.Module, nodes: Iterable[cst.CSTNode],
           start: Optional[Tuple[cst.BaseStatement, int, int]] = None) -> Dict[cst.CSTNode, Location]:
    """Locations of `nodes` (identity), equal to PositionProvider's ranges. Nodes that are
    not part of `module` are left out. `start`: (statement, line, offset): only this
    module-level statement, which holds the nodes and starts (leading lines included) at
    that 1-based line and character offset, is written."""
    state = _TargetedState(module, nodes)
    if state.pending:
        try:
            (start[0] if start is not None else module)._codegen(state)
        except _Stop:
            pass
    counter = _LineCounter(state.tokens, *start[1:]) if start is not None else _LineCounter(state.tokens)
    result: Dict[cst.CSTNode, Location] = {}
    for key, (innermost, outermost) in state.owners.items():
        span = state.spans.get(key)
        if span is None:
            continue
        node = state.wanted[key]
        top_level = outermost.node if outermost is not None else None
        where = CodeRange(_start(span, state, counter), _end(span, state, counter))
        result[node] = Location(
            range=where,
            # A block starts where its first statement does: that statement holds the start.
            statement_line=(
                _start(innermost, state, counter).line
                if innermost is not None and span.start_node is None
                else where.start.line
            ),
            top_level=top_level,
            top_level_offset=counter.offset(outermost.start) if top_level is not None else 0,
            extent=(counter.offset(span.start), counter.offset(span.finish)),
            indent=span.indent,
        )
    return result


# Statements around a wanted node may still be open when the codegen stops: their starts
# are known, their ends are not needed.
def _start(span: _Span, state: _TargetedState, counter: "_LineCounter") -> CodePosition:
    if span.start_node is not None:
        return _start(state._open_spans[id(span.start_node)], state, counter)
    return counter.at(span.syntactic_start if span.syntactic_start is not None else span.start)


def _end(span: _Span, state: _TargetedState, counter: "_LineCounter") -> CodePosition:
    if span.end_node is not None:
        return _end(state._open_spans[id(span.end_node)], state, counter)
    return counter.at(span.end)  # type: ignore[arg-type]


class _LineCounter:
    """(line, column) after the first `index` tokens, counted incrementally, for tokens
    written from the start of `line` at character `offset`."""

    def __init__(self, tokens: List[str], line: int = 1, offset: int = 0) -> None:
        self.tokens = tokens
        self.memo: Dict[int, CodePosition] = {0: CodePosition(line, 0)}
        self.marks: List[int] = [0]
        self.origin = offset
        self.offsets: Optional[List[int]] = None

    def offset(self, index: int) -> int:
        """The character offset after the first `index` tokens."""
        if self.offsets is None:
            self.offsets = [*accumulate((len(token) for token in self.tokens), initial=self.origin)]
        return self.offsets[index]

    def at(self, index: int) -> CodePosition:
        found = self.memo.get(index)
        if found is not None:
            return found
        base = self.marks[bisect_right(self.marks, index) - 1]
        origin = self.memo[base]
        text = "".join(self.tokens[base:index])
        newlines = text.count("\n") + text.count("\r") - text.count("\r\n")
        if newlines:
            last = max(text.rfind("\n"), text.rfind("\r"))
            position = CodePosition(origin.line + newlines, len(text) - last - 1)
        else:
            position = CodePosition(origin.line, origin.column + len(text))
        self.memo[index] = position
        insort(self.marks, index)
        return position
