"""`reviewer.positions.locate` gives exactly libcst's PositionProvider ranges, for any subset of nodes."""

import glob
import os
import random

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from reviewer.analysis.tree import walk
from reviewer.positions import locate

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = sorted(glob.glob(os.path.join(ROOT, "fixtures", "*", "*.py"))) + [os.path.join(ROOT, "examples", "train_warmboot.py")]
#: whitespace nodes are never reported, and the module's own range ends differently
#: (PositionProvider counts the trailing newline it pops)
_SKIPPED = (cst.Module, cst.EmptyLine, cst.Newline, cst.SimpleWhitespace, cst.Comment, cst.TrailingWhitespace,
            cst.ParenthesizedWhitespace)


@pytest.mark.long
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_every_node_of_every_fixture_matches_position_provider(newline):
    rng = random.Random(7)
    checked = 0
    for path in SOURCES:
        with open(path, encoding="utf-8") as handle:
            text = handle.read().replace("\n", newline)
        try:
            module = cst.parse_module(text)
        except cst.ParserSyntaxError:
            continue  # the syntax-error fixtures
        expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        nodes = [node for node in expected if not isinstance(node, _SKIPPED)]
        # All nodes at once, then small subsets (the codegen stops after the last one).
        for subset in (nodes, rng.sample(nodes, min(3, len(nodes))), nodes[:1]):
            located = locate(module, subset)
            assert {node: located[node].range for node in subset} == {node: expected[node] for node in subset}, path
            checked += len(subset)
    assert checked > 30_000


SOURCE = """\
import torch

# a comment
@decorator
class Scheduler:
    def step(self):
        self.lr = (
            self.base * 0.5
        )
        if self.warm: self.lr = shout(
            1)
"""


def _find(module, kind, predicate=lambda node: True):
    return next(node for node in walk(module) if isinstance(node, kind) and predicate(node))


def test_statement_lines_and_top_level_owner():
    module = cst.parse_module(SOURCE)
    klass = _find(module, cst.ClassDef)
    inner = _find(module, cst.Float)  # `0.5`, inside the multi-line assignment on line 7
    shout = _find(module, cst.Call, lambda call: isinstance(call.func, cst.Name) and call.func.value == "shout")
    decorator = klass.decorators[0]
    located = locate(module, [klass, inner, shout, decorator])

    assert (located[inner].range.start.line, located[inner].statement_line) == (8, 7)
    # the class's code starts with its leading comment and decorator: the region a fix regenerates
    assert located[inner].top_level is klass
    assert SOURCE[located[inner].top_level_offset:].startswith(module.code_for_node(klass))
    # A one-line suite: the compound statement's line.
    assert (located[shout].range.start.line, located[shout].statement_line) == (10, 10)
    # A module-level statement is its own owner.
    assert located[klass].top_level is klass and located[klass].top_level_offset == located[inner].top_level_offset
    assert located[klass].statement_line == 5
    assert located[decorator].range.start.line == 4 and located[decorator].top_level is klass


def test_nodes_outside_the_module_are_left_out():
    module = cst.parse_module("x = 1\n")
    stranger = cst.Name("y")
    located = locate(module, [stranger])
    assert located == {}
