"""Per-file state shared by the engine and the rules during one traversal."""

from __future__ import annotations

from functools import cached_property
from pathlib import PurePath
from typing import TYPE_CHECKING, List, Optional, Tuple

import libcst as cst

from reviewer.analysis import FileAnalysis

if TYPE_CHECKING:
    from reviewer.project import Project
    from reviewer.rule import Report, RuleError


class FileContext:
    """One file being linted.

    `analysis` holds the facts rules decide from (`reviewer.analysis`), computed on first use.
    """

    def __init__(self, path: str, source: str, module: cst.Module,
                 torch_release: Optional[Tuple[int, int]] = None,
                 statement_starts: Optional[List[int]] = None, project: Optional["Project"] = None) -> None:
        self.path = path
        self.source = source
        self.module = module
        #: the PyTorch (major, minor) the code runs on (`torch-version`); None: current releases
        self.torch_release = torch_release
        #: the character offset of each module-level statement, when the parser knows them
        self.statement_starts = statement_starts
        #: the project's other files, for the calls they make of this file's functions
        self.project = project
        self.reports: List["Report"] = []
        self.rule_errors: List["RuleError"] = []

    @cached_property
    def in_tests(self) -> bool:
        """A test's file (`test_*.py`, `*_test.py`, `conftest.py`, or under `tests/`): it checks
        the code, it is no run of it."""
        pure = PurePath(self.path)
        if pure.name.startswith("test_") or pure.name.endswith("_test.py") or pure.name == "conftest.py":
            return True
        return any(part in ("tests", "testing") for part in pure.parts[:-1])

    @cached_property
    def analysis(self) -> FileAnalysis:
        return FileAnalysis(self.module, self.source, self.path, self.project)

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)
