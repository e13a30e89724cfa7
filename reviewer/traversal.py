"""One batched traversal of a module for all active rules.

libcst's own batched visitor dispatches on every node and every attribute, whitespace and
punctuation included; on training code that costs about 60% of a parse. This walk visits
only syntactic nodes, in source order, and calls the rules' `visit_<Node>` /
`leave_<Node>` methods. Every rule reads the analysis layer, whose index lists the nodes in
that order with the extent of each: the walk reads that list instead of walking the tree a
second time. Rules that declare libcst metadata still get it resolved first.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import Callable, Dict, List, Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper

from reviewer.context import FileContext
from reviewer.analysis.scopes import Index
from reviewer.rule import Rule

Method = Callable[[cst.CSTNode], None]


def dispatch_tables(instances: Sequence[Rule]):
    """visit and leave methods of all rules, keyed by node class name, in rule order."""
    visits: Dict[str, List[Method]] = {}
    leaves: Dict[str, List[Method]] = {}
    for instance in instances:
        for name, method in instance.get_visitors().items():
            kind, _, node_type = name.partition("_")
            (visits if kind == "visit" else leaves).setdefault(node_type, []).append(method)
    return visits, leaves


def run_rules(context: FileContext, instances: Sequence[Rule]) -> None:
    visits, leaves = dispatch_tables(instances)
    with ExitStack() as stack:
        if any(instance.METADATA_DEPENDENCIES for instance in instances):
            wrapper = MetadataWrapper(context.module, unsafe_skip_copy=True)
            for instance in instances:
                stack.enter_context(instance.resolve(wrapper))
        _walk(context.analysis.index, visits, leaves, context.stack)


def _walk(index: Index, visits, leaves, ancestors: List[cst.CSTNode]) -> None:
    ends: List[int] = []  # the last position under each open ancestor
    for position, node in enumerate(index.nodes):
        while ends and ends[-1] < position:
            _leave(ancestors, ends, leaves)
        ancestors.append(node)
        ends.append(index.last_descendant(position))
        for method in visits.get(type(node).__name__, ()):
            method(node)
    while ends:
        _leave(ancestors, ends, leaves)


def _leave(ancestors: List[cst.CSTNode], ends: List[int], leaves) -> None:
    node = ancestors.pop()
    ends.pop()
    for method in leaves.get(type(node).__name__, ()):
        method(node)
