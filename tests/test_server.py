"""`reviewer server`: a real LSP client (pytest-lsp) talking to `python -m reviewer server`."""

import sys

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

# One server per client for the module (each takes most of a second to start); each test
# opens its own files.
pytestmark = pytest.mark.asyncio(loop_scope="module")
SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "reviewer", "server"])

TRAIN = """\
import torch
opt = torch.optim.SGD([], lr=0.1)
sched = torch.optim.lr_scheduler.StepLR(opt, 10)
print(sched.get_lr())
opt.step()
sched.step()
"""


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=client_capabilities("visual-studio-code")))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER, scope="module")
async def emacs(lsp_client: LanguageClient):
    """A client that counts in UTF-32 code units (its first choice) and cannot resolve code actions."""
    await lsp_client.initialize_session(types.InitializeParams(capabilities=client_capabilities("emacs")))
    yield
    await lsp_client.shutdown_session()


async def published(client: LanguageClient, uri: str):
    """The next diagnostics the server publishes for `uri`."""
    while True:
        params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri:
            return list(params.diagnostics)


async def opened(client: LanguageClient, path, text: str):
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "python", 1, text)))
    return uri, await published(client, uri)


def at(line: int, character: int, end_line: int, end_character: int) -> types.Range:
    return types.Range(types.Position(line, character), types.Position(end_line, end_character))


def apply(text: str, edits) -> str:
    """`text` with LSP edits applied, reading positions in UTF-16 code units as a client does."""
    lines = text.splitlines(keepends=True)

    def offset(position):
        before = sum(len(line) for line in lines[:position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = line.encode("utf-16-le")[:2 * position.character].decode("utf-16-le")
        return before + len(units)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


async def actions(client: LanguageClient, uri: str, where: types.Range, only=None):
    return await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), where, types.CodeActionContext([], only=only)))


async def test_diagnostic_on_open(client, tmp_path):
    from reviewer import registry
    from reviewer.engine import lint_text

    [finding] = lint_text("train.py", TRAIN, [registry.find("RV203").load()]).findings
    message = f"{finding.message} (get-lr-instead-of-get-last-lr)"
    assert message.startswith("`sched.get_lr()` re-applies the decay")
    _, diagnostics = await opened(client, tmp_path / "train.py", TRAIN)
    assert diagnostics == [types.Diagnostic(at(3, 6, 3, 20), message, types.DiagnosticSeverity.Error, "RV203",
                                            source="reviewer")]


async def test_change_updates_diagnostics(client, tmp_path):
    uri, _ = await opened(client, tmp_path / "train.py", TRAIN)
    changed = "\n" + TRAIN  # the finding moves down a line
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(2, uri), [types.TextDocumentContentChangeWholeDocument(changed)]))
    assert [d.range for d in await published(client, uri)] == [at(4, 6, 4, 20)]
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(3, uri),
        [types.TextDocumentContentChangeWholeDocument(changed.replace("get_lr", "get_last_lr"))]))
    assert await published(client, uri) == []


async def test_fix_action(client, tmp_path):
    uri, _ = await opened(client, tmp_path / "train.py", TRAIN)
    found = await actions(client, uri, at(3, 10, 3, 10))
    assert [a.title for a in found] == ["Fix: Use `get_last_lr()` (safe)",
                                        "Ignore get-lr-instead-of-get-last-lr on this line", "Fix all safe"]
    assert found[0].kind == types.CodeActionKind.QuickFix and found[0].diagnostics[0].code == "RV203"
    assert apply(TRAIN, found[0].edit.changes[uri]) == TRAIN.replace("get_lr", "get_last_lr")
    assert [a.title for a in await actions(client, uri, at(0, 0, 0, 5))] == ["Fix all safe"]


@pytest.mark.parametrize("line, expected", [
    ("print(sched.get_lr())   ", "print(sched.get_lr())  # reviewer: ignore[get-lr-instead-of-get-last-lr]"),
    ("print(sched.get_lr())  # noqa: E501",
     "print(sched.get_lr())  # noqa: E501  # reviewer: ignore[get-lr-instead-of-get-last-lr]"),
    ("print(sched.get_lr())  # reviewer: ignore[zero-grad-misplaced]",
     "print(sched.get_lr())  # reviewer: ignore[zero-grad-misplaced, get-lr-instead-of-get-last-lr]"),
])
async def test_ignore_action(client, tmp_path, line, expected):
    text = TRAIN.replace("print(sched.get_lr())", line)
    uri, _ = await opened(client, tmp_path / "train.py", text)
    found = await actions(client, uri, at(3, 10, 3, 10), only=[types.CodeActionKind.QuickFix])
    ignore = next(a for a in found if a.title.startswith("Ignore"))
    assert apply(text, ignore.edit.changes[uri]) == TRAIN.replace("print(sched.get_lr())", expected)


async def test_ignore_action_in_a_multi_line_string_silences_the_finding(client, tmp_path):
    text = TRAIN.replace("print(sched.get_lr())", 'print(sched.get_lr(), """\nlr""")')
    uri, _ = await opened(client, tmp_path / "train.py", text)
    ignore = (await actions(client, uri, at(3, 10, 3, 10)))[1]
    ignored = apply(text, ignore.edit.changes[uri])
    assert ignored == text.replace('lr""")', 'lr""")  # reviewer: ignore[get-lr-instead-of-get-last-lr]')
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(2, uri), [types.TextDocumentContentChangeWholeDocument(ignored)]))
    assert await published(client, uri) == []


async def test_fix_all(client, tmp_path):
    text = TRAIN + "lr = sched.get_lr()[0]\n"
    uri, diagnostics = await opened(client, tmp_path / "train.py", text)
    assert len(diagnostics) == 2
    found = await actions(client, uri, at(0, 0, 0, 0), only=[types.CodeActionKind.SourceFixAll])
    assert [(a.title, a.kind, a.edit) for a in found] == [("Fix all safe", "source.fixAll.reviewer", None)]
    resolved = await client.code_action_resolve_async(found[0])
    assert apply(text, resolved.edit.changes[uri]) == text.replace("get_lr", "get_last_lr")


async def test_hover_shows_rule_documentation(client, tmp_path):
    uri, _ = await opened(client, tmp_path / "train.py", TRAIN)
    shown = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri),
                                                                     types.Position(3, 12)))
    assert shown.contents.kind == types.MarkupKind.Markdown
    assert shown.contents.value.startswith("# get-lr-instead-of-get-last-lr (RV203)\n")
    assert shown.range == at(3, 6, 3, 20)
    assert await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri),
                                                                    types.Position(0, 3))) is None


async def test_syntax_error_is_a_diagnostic(client, tmp_path):
    # Half-typed training code: a file that no rule's trigger matches is not parsed, as in `reviewer check`.
    _, diagnostics = await opened(client, tmp_path / "broken.py", TRAIN + "def f(:\n    pass\n")
    assert [(d.code, d.range, d.severity) for d in diagnostics] == [
        ("RV001", at(6, 6, 6, 6), types.DiagnosticSeverity.Error)]
    assert diagnostics[0].message.startswith("Syntax error: ")


async def test_per_file_ignores_silence_the_rule(client, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.reviewer]\nper-file-ignores = {"train.py" = ["RV203"]}\n')
    _, diagnostics = await opened(client, tmp_path / "train.py", TRAIN)
    assert diagnostics == []
    _, diagnostics = await opened(client, tmp_path / "other.py", TRAIN)
    assert [d.code for d in diagnostics] == ["RV203"]


async def test_save_reads_changed_settings(client, tmp_path):
    uri, diagnostics = await opened(client, tmp_path / "train.py", TRAIN)
    assert [d.code for d in diagnostics] == ["RV203"]
    (tmp_path / "pyproject.toml").write_text('[tool.reviewer]\nignore = ["get-lr-instead-of-get-last-lr"]\n')
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
    assert await published(client, uri) == []


async def test_config_error_is_shown_not_fatal(client, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.reviewer]\nselekt = []\n")
    _, diagnostics = await opened(client, tmp_path / "train.py", TRAIN)
    assert diagnostics == []
    message = client.messages[-1]  # sent before the diagnostics
    assert message.type == types.MessageType.Error and "unknown key 'selekt'" in message.message
    _, diagnostics = await opened(client, tmp_path.parent / f"{tmp_path.name}_train.py", TRAIN)
    assert [d.code for d in diagnostics] == ["RV203"]


async def test_non_ascii_line_positions_in_utf16(client, tmp_path):
    text = TRAIN.replace("print(sched", "print('é😀', sched")
    uri, diagnostics = await opened(client, tmp_path / "train.py", text)
    # `print('é😀', ` is 12 characters and 13 UTF-16 code units (😀 takes two).
    assert [d.range for d in diagnostics] == [at(3, 13, 3, 27)]
    found = await actions(client, uri, at(3, 20, 3, 20))
    assert apply(text, found[0].edit.changes[uri]) == text.replace("get_lr", "get_last_lr")
    assert apply(text, found[1].edit.changes[uri]).splitlines()[3] == \
        "print('é😀', sched.get_lr())  # reviewer: ignore[get-lr-instead-of-get-last-lr]"


async def test_lines_end_where_lsp_ends_them(client, tmp_path):
    # A form feed ends a line for str.splitlines, not for LSP; \r\n is one line end.
    text = TRAIN.replace("\n", "\r\n").replace("import torch", "\x0cimport torch")
    _, diagnostics = await opened(client, tmp_path / "train.py", text)
    assert [d.range for d in diagnostics] == [at(3, 6, 3, 20)]


async def test_untitled_document(client):
    uri = "untitled:Untitled-1"
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "python", 1, TRAIN)))
    assert [d.code for d in await published(client, uri)] == ["RV203"]


async def test_close_clears_diagnostics_and_other_languages_are_left_alone(client, tmp_path):
    uri, _ = await opened(client, tmp_path / "train.py", TRAIN)
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    assert await published(client, uri) == []
    notes = (tmp_path / "notes.md").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(notes, "markdown", 1, TRAIN)))
    assert await actions(client, notes, at(3, 10, 3, 10)) is None


async def test_a_failure_is_reported_not_raised(monkeypatch):  # async: the module's mark is asyncio's
    from reviewer import server

    def broken(self, text, module=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(server.FileLinter, "__call__", broken)
    linted = server.lint("train.py", 1, TRAIN)
    assert linted.findings == [] and not linted.config_error
    assert linted.problem.startswith("reviewer failed on train.py: RuntimeError('boom')")


async def test_utf32_client_and_fix_all_without_resolve(emacs, tmp_path):
    text = TRAIN.replace("print(sched", "print('é😀', sched")
    uri, diagnostics = await opened(emacs, tmp_path / "train.py", text)
    assert [d.range for d in diagnostics] == [at(3, 12, 3, 26)]
    found = await actions(emacs, uri, at(0, 0, 0, 0), only=[types.CodeActionKind.SourceFixAll])
    assert [a.title for a in found] == ["Fix all safe"]
    edits = found[0].edit.changes[uri]
    assert [(e.range, e.new_text) for e in edits] == [(at(3, 0, 4, 0), "print('é😀', sched.get_last_lr())\n")]
