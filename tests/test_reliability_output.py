"""What reviewer prints is safe to print and to apply: escaped control characters, encodable JSON, valid patches."""

import json
import os
import subprocess

import pytest
from click.testing import CliRunner

from reviewer import output
from reviewer.cli import main
from reviewer.findings import Finding, Severity

HOSTILE_PATH = "bad\n::warning::x.py"
OSC = "\x1b]0;x\x07"  # sets the terminal's title
SOURCE = f"\tx = '{OSC}'\n"  # the literal is at columns 6 to 14 (exclusive)


def hostile_finding():
    return Finding("RV201", "get-lr", f"bad literal '{OSC}'", Severity.WARNING, HOSTILE_PATH, 1, 6, 1, 14)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("\x00", "\\x00"),
        ("\t", "\\t"),
        ("a\nb", "a\\nb"),
        ("\r", "\\r"),
        (OSC, "\\x1b]0;x\\x07"),
        ("\x1c", "\\x1c"),
        ("\x7f", "\\x7f"),
        ("\x85", "\\x85"),
        ("\x9f", "\\x9f"),
        ("\u2028\u2029", "\\u2028\\u2029"),
        (os.fsdecode(b"bad\xff.py"), "bad\\udcff.py"),
        ("\ud800", "\\ud800"),
        # printable as they are
        ("é\xa0日本 %::", "é\xa0日本 %::"),
        ("'\\n' C:\\x", "'\\n' C:\\x"),
    ],
)
def test_printable_escapes_each_kind_of_control_character(text, expected):
    assert output.printable(text) == expected


def test_full_and_concise_escape_path_message_and_source_line():
    printer = output.Printer(False, {HOSTILE_PATH: SOURCE}, os.getcwd())
    head = "bad\\n::warning::x.py:1:6: RV201 Bad literal '\\x1b]0;x\\x07'.\n"
    assert output.render([hostile_finding()], "concise", printer) == head
    # The carets stay under the literal as shown: the tab is expanded, the escapes are wider.
    assert output.render([hostile_finding()], "full", printer) == head + (
        "  |\n"
        "1 |     x = '\\x1b]0;x\\x07'\n"
        "  |         ^^^^^^^^^^^^^^ get-lr\n"
        "  |\n"
    )


def test_github_output_has_no_injected_command_or_control_character():
    finding = hostile_finding()
    finding.message += " 100%\r\n::error::y"
    rendered = output.render([finding], "github", output.Printer(False, {}, os.getcwd()))
    assert rendered == (
        "::warning file=bad\\n%3A%3Awarning%3A%3Ax.py,line=1,col=6,endLine=1,endColumn=14,title=reviewer (RV201)"
        "::RV201 get-lr: Bad literal '\\x1b]0;x\\x07'. 100%25\\r\\n::error::y\n"
    )
    assert [line[:10] for line in rendered.splitlines()] == ["::warning "]
    assert output.printable(rendered) == rendered.replace("\n", "\\n")


def test_json_and_sarif_render_a_file_name_that_is_not_utf8(tmp_path):
    name = os.fsdecode(b"a b#%?\xc3\xa9\xff.py")
    root = tmp_path / "my root#"
    finding = Finding("RV001", "syntax-error", "bad", Severity.ERROR, str(root / name), 1, 1, 1, 1)
    printer = output.Printer(False, {}, str(root))

    rendered = output.render([finding], "json", printer)
    rendered.encode("utf-8")  # strict: no lone surrogate left
    assert json.loads(rendered)[0]["filename"] == str(root) + "/a b#%?é\\udcff.py"

    rendered = output.render([finding], "sarif", printer)
    rendered.encode("utf-8")
    run = json.loads(rendered)["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "a%20b%23%25%3F%C3%A9%FF.py"
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file:///") and base.endswith("/my%20root%23/")


@pytest.mark.parametrize(
    "fmt, shown",
    [
        ("full", "bad\\udcff\\n::warning::x.py:4:7: RV203"),
        ("concise", "bad\\udcff\\n::warning::x.py:4:7: RV203"),
        ("github", "::error file=bad\\udcff\\n%3A%3Awarning%3A%3Ax.py,line=4,col=7,"),
        ("json", '/bad\\\\udcff\\n::warning::x.py"'),
        ("sarif", '"uri": "bad%FF%0A%3A%3Awarning%3A%3Ax.py"'),
    ],
)
def test_cli_prints_a_hostile_file_name_escaped(tmp_path, monkeypatch, fmt, shown):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.reviewer]\n")
    with open(b"bad\xff\n::warning::x.py", "w") as handle:
        handle.write("import torch\nopt = torch.optim.SGD([], lr=0.1)\n")
        handle.write("sched = torch.optim.lr_scheduler.StepLR(opt, 10)\nprint(sched.get_lr())\n")

    result = CliRunner().invoke(main, ["check", "--output-format", fmt], catch_exceptions=False)
    assert result.exit_code == 1
    assert shown in result.output
    assert output.printable(result.output) == result.output.replace("\n", "\\n")
    # The one finding is the only line that starts a workflow command, and only in the github format.
    commands = [line for line in result.output.splitlines() if line.startswith("::")]
    assert len(commands) == (fmt == "github") and all(line.startswith(shown) for line in commands)


def git_apply(folder, name, before: str, patch: str) -> bytes:
    path = folder / name
    path.write_bytes(before.encode())
    # a folder outside any repository: git apply works as a plain patch tool there
    env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(folder.parent)}
    for check in (["--check"], []):
        subprocess.run(["git", "apply", *check, "-"], cwd=folder, env=env, input=patch.encode(), check=True)
    return path.read_bytes()


def test_unified_diff_marks_a_missing_final_newline():
    assert output.unified_diff("f.py", "x = 1\ny = 2", "x = 1\ny = 3") == (
        "--- a/f.py\n+++ b/f.py\n@@ -1,2 +1,2 @@\n x = 1\n"
        "-y = 2\n\\ No newline at end of file\n"
        "+y = 3\n\\ No newline at end of file\n"
    )


@pytest.mark.parametrize(
    "before, after",
    [
        ("x = 1\ny = 2", "x = 1\ny = 3"),  # no final newline, change on the last line
        ("x = 1\ny = 2", "x = 1\ny = 2\n"),  # the fix adds it
        ("x = 1\ny = 2\n", "x = 1\ny = 2"),  # the fix removes it
        ("a = 1\x0c  # page\nb = '\u2028'\nc = '\x1c'\nd = 1\n", "a = 1\x0c  # page\nb = '\u2028'\nc = '\x1c'\nd = 2\n"),
        ("a = 1\r\nb = '\x85'\r\nc = 2\r\n", "a = 1\r\nb = '\x85'\r\nc = 3\r\n"),  # CRLF
        ("a = 1\r\nb = 2", "a = 1\r\nb = 3"),  # CRLF without a final line ending
        ("a = 1\rb = 2\r", "a = 1\rb = 3\r"),  # CR only: one line to git
    ],
    ids=["no-final-newline", "add-final-newline", "remove-final-newline", "ff-u2028-x1c", "crlf", "crlf-no-final",
         "cr-only"],
)
def test_unified_diff_is_a_patch_git_applies(tmp_path, before, after):
    assert git_apply(tmp_path, "f.py", before, output.unified_diff("f.py", before, after)) == after.encode()


def test_unified_diff_quotes_a_file_name_as_git_does(tmp_path):
    name = os.fsdecode(b'x\n"\\\xff \xc3\xa9.py')
    patch = output.unified_diff(name, "a\n", "b\n")
    assert patch.startswith('--- "a/x\\012\\042\\134\\377 \\303\\251.py"\n+++ "b/x\\012\\042\\134\\377 \\303\\251.py"\n')
    assert git_apply(tmp_path, name, "a\n", patch) == b"b\n"
