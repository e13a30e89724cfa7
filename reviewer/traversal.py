"""One batched traversal of a module for all active rules.

libcst's own batched visitor dispatches on every node and every attribute, whitespace and
punctuation included; on training code that costs about 60% of a parse. Every rule reads
the analysis layer, whose index lists the nodes of each type in source order with the
extent of each: the traversal reads the nodes of the types some rule visits from there,
in source order, and calls the rules' `visit_<Node>` methods (and `leave_<Node>` after a
node's subtree), instead of walking the tree a second time. Rules that declare libcst
metadata still get it resolved first.
"""

from __future__ import annotations

from contextlib import ExitStack
from operator import itemgetter
from typing import Callable, Dict, List, Sequence, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper

from reviewer.context import FileContext
from reviewer.analysis.scopes import Index
from reviewer.rule import Rule

Method = Callable[[cst.CSTNode], None]
Table = Dict[str, List[Method]]


def dispatch_tables(instances: Sequence[Rule]) -> Tuple[Table, Table]:
    """visit and leave methods of all rules, keyed by node class name, in rule order."""
    visits: Table = {}
    leaves: Table = {}
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
        _dispatch(context.analysis.index, visits, leaves)


def _dispatch(index: Index, visits: Table, leaves: Table) -> None:
    """Visits in pre-order; a node is left after the last node under it is visited, inner
    nodes first (the order libcst's visitors keep)."""
    events = []
    for name, methods in visits.items():
        for node in index.by_type.get(getattr(cst, name, None), ()):  # type: ignore[call-overload]
            events.append(((index.order(node), 0, 0), node, methods))
    for name, methods in leaves.items():
        for node in index.by_type.get(getattr(cst, name, None), ()):  # type: ignore[call-overload]
            position = index.order(node)
            events.append(((index.last_descendant(position), 1, -position), node, methods))
    events.sort(key=itemgetter(0))  # runs already in order: a merge
    for _, node, methods in events:
        for method in methods:
            method(node)
