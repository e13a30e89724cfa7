"""`reviewer server`: a language server on stdin and stdout (pygls), as `ruff server` is.

Each open Python document is linted on open, change and save, with the settings
`reviewer check FILE` would use for its path; code actions offer each fix, a
`# reviewer: ignore[...]` comment, and all safe fixes at once (`source.fixAll.reviewer`);
hovering over a finding shows its rule's documentation. Linting happens in this process,
on one thread, with no cache on disk.
"""

from __future__ import annotations

import asyncio
import bisect
import gc
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from typing import Dict, List, Optional, Sequence, Tuple

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer

from reviewer import __version__, registry, suppression
from reviewer.config import ConfigError, Settings
from reviewer.discovery import PYTHON_SUFFIXES
from reviewer.findings import Applicability, Edit, Finding, Severity
from reviewer.fixer import applicable, fix_to_fixpoint
from reviewer.incremental import IncrementalParser
from reviewer.processing import FileLinter, Job, rules_for
from reviewer.source import LineIndex, common_prefix

FIX_ALL = "source.fixAll.reviewer"
QUICK_FIX = types.CodeActionKind.QuickFix.value
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class Linted:
    """One text of a document and reviewer's findings on it."""

    version: Optional[int]
    text: str
    #: lints this document's texts with its rules; None when the settings could not be read
    linter: Optional[FileLinter]
    findings: List[Finding] = field(default_factory=list)
    #: why there are no findings: the settings are wrong (`config_error`) or reviewer failed
    problem: Optional[str] = None
    config_error: bool = False

    @cached_property
    def index(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def comment_lines(self) -> Optional[List[int]]:
        return suppression.comment_lines(self.text)

    @cached_property
    def suppressions(self) -> List[suppression.Suppression]:
        return suppression.parse(self.text, self.index)


def lint(path: str, version: Optional[int], text: str, parser: Optional[IncrementalParser] = None) -> Linted:
    """`text` linted as the file `path`, as `reviewer check` would; never raises. `parser`:
    the document's, which parses again only what changed since its last text."""
    try:
        settings = Settings(None)
        config = settings.for_run([path])
        rules = registry.choose(config.select, config.ignore, config.extend_select)
    except (ConfigError, registry.SelectionError) as exc:
        return Linted(version, text, None, problem=f"reviewer: {exc}", config_error=True)
    try:
        # A new project each time (it reads other files only when asked): they may have changed.
        job = Job(config=config, rules=rules, settings=settings)
        linter = FileLinter(path, rules_for(path, job), cache=None, torch_release=config.torch_release,
                            parser=parser, project=job.project(path))
        return Linted(version, text, linter, linter(text))
    except Exception as exc:  # noqa: BLE001 - one document's failure must not stop the server
        return Linted(version, text, None, problem=f"reviewer failed on {path}: {exc!r}\n{traceback.format_exc()}")


def ignore_edit(linted: Linted, finding: Finding) -> Optional[Edit]:
    """`# reviewer: ignore[name]` for `finding`, where `--add-noqa` puts its comments (its
    line, or the end of the multi-line string or continuation it is in): added to that
    line's ignore list if it has one, else after the code."""
    if finding.name in suppression.UNSUPPRESSIBLE or linted.comment_lines is None:
        return None
    line = suppression.comment_line_for(finding.line, linted.comment_lines)
    if line is None:
        return None
    index = linted.index
    listed = next((s for s in linted.suppressions if s.line == line and s.kind == "ignore" and s.codes), None)
    if listed is not None:
        codes = ", ".join([*listed.codes, finding.name])
        return Edit.at(index, listed.start, listed.end, f"# reviewer: ignore[{codes}]")
    body = index.line_text(line)
    start = index.offset(line, len(body.rstrip()))
    return Edit.at(index, start, index.offset(line, len(body)), f"  # reviewer: ignore[{finding.name}]")


def fix_all(linted: Linted) -> Tuple[Optional[Edit], Optional[str]]:
    """All safe fixes, to their fixpoint, as one edit of the lines they change (an edit of
    whole lines never ends inside a \\r\\n), and the fixer's complaint if it has one."""
    fixed = fix_to_fixpoint(linted.text, linted.linter, False, linted.findings)
    old, new, starts = linted.text, fixed.text, linted.index.starts
    if new == old:
        return None, fixed.error
    start = starts[bisect.bisect_right(starts, common_prefix(old, new)) - 1]
    end = len(old) - common_prefix(old[start:][::-1], new[start:][::-1])
    after = bisect.bisect_left(starts, end)
    end = starts[after] if after < len(starts) else len(old)
    return Edit.at(linted.index, start, end, new[start:len(new) - (len(old) - end)]), fixed.error


def span(index: LineIndex, finding: Finding) -> Tuple[int, int]:
    return index.offset(finding.line, finding.column - 1), index.offset(finding.end_line, finding.end_column - 1)


def wanted(only: Optional[Sequence[str]], kind: str) -> bool:
    """Whether a client that asks for `only` these kinds wants `kind` (a kind holds its sub-kinds)."""
    asked = [getattr(k, "value", k) for k in only or ()]
    return not asked or any(kind == k or kind.startswith(f"{k}.") for k in asked)


class ReviewerServer(LanguageServer):
    def __init__(self) -> None:
        # Whole texts: pygls applies an incremental change to lines split by str.splitlines,
        # which also splits at form feeds and other characters that end no line in LSP.
        super().__init__("reviewer", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        # One thread lints, so the engine never runs twice at once, the event loop keeps
        # reading messages meanwhile, and changes that arrive during a lint are linted once,
        # at the last text.
        self.lint_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reviewer-lint")
        #: by URI: the latest text linted; touched on the lint thread only
        self.results: Dict[str, Linted] = {}
        #: by URI: each open document's parser, holding its last tree; lint thread only
        self.parsers: Dict[str, IncrementalParser] = {}
        self.shown_error: Optional[str] = None

    async def on_lint_thread(self, function, *args):
        return await asyncio.get_running_loop().run_in_executor(self.lint_thread, function, *args)

    async def linted(self, uri: str, again: bool = False) -> Optional[Linted]:
        """The findings on a document's current text (None: not a Python document), published
        when new. `again`: lint even an unchanged text (its settings may have changed)."""
        return await self.on_lint_thread(self._lint_current, uri, again, asyncio.get_running_loop())

    def _lint_current(self, uri: str, again: bool, loop: asyncio.AbstractEventLoop) -> Optional[Linted]:
        document = self.workspace.text_documents.get(uri)
        if document is None or not (document.language_id == "python" or document.path.endswith(PYTHON_SUFFIXES)):
            return None
        version, text = document.version, document.source
        linted = self.results.get(uri)
        if linted is not None and linted.text == text and not again:
            return linted
        # The cyclic collector would walk the file's syntax tree several times per lint (tens
        # of ms each on 1,000 lines): it runs once, after the diagnostics are out (`publish`).
        gc.disable()
        parser = self.parsers.setdefault(uri, IncrementalParser())
        linted = self.results[uri] = lint(document.path or "untitled.py", version, text, parser)
        # Published from here, so that a cancelled request that asked for the lint cannot drop it.
        loop.call_soon_threadsafe(self.publish, uri, linted)
        return linted

    def forget(self, uri: str) -> None:
        self.results.pop(uri, None)
        self.parsers.pop(uri, None)

    def publish(self, uri: str, linted: Linted) -> None:
        if linted.config_error and linted.problem != self.shown_error:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, linted.problem))
        elif linted.problem:
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, linted.problem))
        # Shown once while it lasts, not on every keystroke.
        self.shown_error = linted.problem if linted.config_error else None
        diagnostics = [self.diagnostic(linted.index, finding) for finding in linted.findings]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics, linted.version))
        self.lint_thread.submit(collect_garbage)

    def diagnostic(self, index: LineIndex, finding: Finding) -> types.Diagnostic:
        unused = finding.code == suppression.UNUSED_SUPPRESSION
        return types.Diagnostic(
            range=self.range(index, finding.line, finding.column, finding.end_line, finding.end_column),
            message=f"{finding.message} ({finding.name})",
            severity=SEVERITIES[finding.severity],
            code=finding.code,
            source="reviewer",
            tags=[types.DiagnosticTag.Unnecessary] if unused else None,
        )

    def position(self, index: LineIndex, line: int, column: int) -> types.Position:
        """The LSP position of a 1-based line and column, in the client's code units."""
        line = min(line, index.line_count())
        units = self.workspace.position_codec.client_num_units(index.line_text(line)[:column - 1])
        return types.Position(line - 1, units)

    def range(self, index: LineIndex, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        return types.Range(self.position(index, line, column), self.position(index, end_line, end_column))

    def offset(self, index: LineIndex, position: types.Position) -> int:
        """The character offset of an LSP position (past the end of a line: the line's end)."""
        if position.line >= index.line_count():
            return len(index.text)
        text = index.line_text(position.line + 1)
        units = 0
        for column, char in enumerate(text):
            if units >= position.character:
                return index.offset(position.line + 1, column)
            units += self.workspace.position_codec.client_num_units(char)
        return index.offset(position.line + 1, len(text))

    def action(self, title: str, kind: str, uri: str, index: LineIndex, edits: Sequence[Edit],
               diagnostic: Optional[types.Diagnostic] = None, preferred: bool = False) -> types.CodeAction:
        text_edits = [types.TextEdit(self.range(index, e.line, e.column, e.end_line, e.end_column), e.content) for e in edits]
        return types.CodeAction(title, kind=kind, diagnostics=[diagnostic] if diagnostic else None,
                                edit=types.WorkspaceEdit(changes={uri: text_edits}), is_preferred=preferred or None)

    def quick_fixes(self, uri: str, linted: Linted, finding: Finding) -> List[types.CodeAction]:
        diagnostic = self.diagnostic(linted.index, finding)
        actions = []
        fix = finding.fix
        if fix is not None and fix.applicability is not Applicability.DISPLAY_ONLY:
            safe = fix.applicability is Applicability.SAFE
            actions.append(self.action(f"Fix: {fix.message} ({fix.applicability.value})", QUICK_FIX, uri,
                                       linted.index, fix.edits, diagnostic, preferred=safe))
        ignore = ignore_edit(linted, finding)
        if ignore is not None:
            actions.append(self.action(f"Ignore {finding.name} on this line", QUICK_FIX, uri, linted.index,
                                       [ignore], diagnostic))
        return actions

    async def fix_all_action(self, uri: str, linted: Linted) -> types.CodeAction:
        edit, complaint = await self.on_lint_thread(fix_all, linted)
        if complaint:
            self.window_log_message(types.LogMessageParams(types.MessageType.Warning, f"reviewer: {complaint}"))
        return self.action("Fix all safe", FIX_ALL, uri, linted.index, [edit] if edit else [])

    @property
    def resolves_edits(self) -> bool:
        """Whether the client asks for an action's edit when it is chosen (codeAction/resolve)."""
        return "edit" in get_capability(self.client_capabilities, "text_document.code_action.resolve_support.properties", [])


server = ReviewerServer()


@server.feature(types.INITIALIZED)
def warm_up(ls: ReviewerServer, params: types.InitializedParams) -> None:
    ls.lint_thread.submit(load_everything)


def collect_garbage() -> None:
    gc.collect()
    gc.enable()


def load_everything() -> None:
    """Import every rule now, not on the first document; then keep the cyclic collector
    from walking what the imports made on every later collection."""
    for info in registry.catalogue():
        info.load()
    gc.collect()
    gc.freeze()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: ReviewerServer, params: types.DidOpenTextDocumentParams) -> None:
    await ls.linted(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: ReviewerServer, params: types.DidChangeTextDocumentParams) -> None:
    await ls.linted(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: ReviewerServer, params: types.DidSaveTextDocumentParams) -> None:
    await ls.linted(params.text_document.uri, again=True)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
async def did_close(ls: ReviewerServer, params: types.DidCloseTextDocumentParams) -> None:
    await ls.on_lint_thread(ls.forget, params.text_document.uri)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(params.text_document.uri, []))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=True))
async def code_actions(ls: ReviewerServer, params: types.CodeActionParams) -> Optional[List[types.CodeAction]]:
    uri = params.text_document.uri
    linted = await ls.linted(uri)
    if linted is None:
        return None
    actions = []
    if wanted(params.context.only, QUICK_FIX):
        start, end = ls.offset(linted.index, params.range.start), ls.offset(linted.index, params.range.end)
        for finding in linted.findings:
            first, last = span(linted.index, finding)
            if first <= end and start <= last:
                actions += ls.quick_fixes(uri, linted, finding)
    if wanted(params.context.only, FIX_ALL) and any(applicable(f, False) for f in linted.findings):
        if ls.resolves_edits:  # running the fixer waits until the action is chosen
            actions.append(types.CodeAction("Fix all safe", kind=FIX_ALL, data=uri))
        else:
            actions.append(await ls.fix_all_action(uri, linted))
    return actions


@server.feature(types.CODE_ACTION_RESOLVE)
async def resolve_code_action(ls: ReviewerServer, action: types.CodeAction) -> types.CodeAction:
    if action.kind != FIX_ALL or action.edit is not None:
        return action
    linted = await ls.linted(action.data)
    return action if linted is None or linted.linter is None else await ls.fix_all_action(action.data, linted)


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: ReviewerServer, params: types.HoverParams) -> Optional[types.Hover]:
    linted = await ls.linted(params.text_document.uri)
    if linted is None:
        return None
    offset = ls.offset(linted.index, params.position)
    for finding in linted.findings:
        start, end = span(linted.index, finding)
        rule = registry.find(finding.code)
        if start <= offset <= end and rule is not None:
            documentation = types.MarkupContent(types.MarkupKind.Markdown, rule.load().documentation_markdown())
            where = ls.range(linted.index, finding.line, finding.column, finding.end_line, finding.end_column)
            return types.Hover(documentation, where)
    return None


def main() -> None:
    server.start_io()
