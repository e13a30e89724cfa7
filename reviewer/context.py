"""Per-file state shared by the engine and the rules during one traversal."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional

import libcst as cst

if TYPE_CHECKING:
    from reviewer.matching import FileFacts
    from reviewer.rule import Report, RuleError


class FileContext:
    """One file being linted.

    `stack` holds the ancestors of the node being visited (the module first, the node
    itself last) while the traversal runs; rules read it through `reviewer.matching`
    instead of asking libcst for parent metadata, which would cost a whole extra pass.
    """

    def __init__(self, path: str, source: str, module: cst.Module) -> None:
        self.path = path
        self.source = source
        self.module = module
        self.stack: List[cst.CSTNode] = []
        self.reports: List["Report"] = []
        self.rule_errors: List["RuleError"] = []
        self._facts: Optional["FileFacts"] = None

    @property
    def facts(self) -> "FileFacts":
        """Imports and constructor bindings of the whole file, computed once on first use."""
        if self._facts is None:
            from reviewer.matching import FileFacts

            self._facts = FileFacts(self.module)
        return self._facts

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)
