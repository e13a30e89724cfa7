"""Issue 16, item 6: the smaller defects a new user hits, and what Ruff's users reach for."""

import json

from reliability import FIXED, TRIGGERING, cli

from reviewer import registry
from reviewer.engine import lint_text
from reviewer.findings import sentence

from conftest import FIXTURES, ROOT


def test_stdin_filename_alone_reads_stdin(project):
    (project / "other.py").write_text(TRIGGERING)  # must not be linted
    result = cli("check", "--stdin-filename", "t.py", "--output-format", "concise", input=TRIGGERING)
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("t.py:4:7: RV203")
    assert "other.py" not in result.output


def test_add_noqa_with_diff_shows_the_comments_and_writes_nothing(project):
    result = cli("check", "--add-noqa", "--diff", "good.py", "--no-cache")
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/good.py\n+++ b/good.py\n@@ -1,6 +1,6 @@\n import torch\n opt = torch.optim.SGD([], lr=0.1)\n"
        " sched = torch.optim.lr_scheduler.StepLR(opt, 10)\n-print(sched.get_lr())\n+print(sched.get_lr())  # noqa: RV203\n"
        " opt.step()\n sched.step()\n"
    )
    assert (project / "good.py").read_text() == TRIGGERING


def test_findings_inside_multi_line_strings_and_continuations_are_suppressible(project):
    code = (
        "import torch\n"
        "opt = torch.optim.SGD([], lr=0.1)\n"
        "sched = torch.optim.lr_scheduler.StepLR(opt, 10)\n"
        'x = f"""{\n'
        "sched.get_lr()}\n"
        '"""\n'
        "y = sched.get_lr() + \\\n"
        "    sched.get_lr()\n"
    )
    (project / "m.py").write_text(code)
    assert cli("check", "--add-noqa", "m.py", "--no-cache").output == "Added 2 noqa directives.\n"
    assert (project / "m.py").read_text() == code.replace('"""\n', '"""  # noqa: RV203\n').replace(
        "    sched.get_lr()\n", "    sched.get_lr()  # noqa: RV203\n")
    assert cli("check", "m.py", "--no-cache").exit_code == 0


def test_statistics_mark_only_safe_fixes(project):
    (project / "example.py").write_text((ROOT / "examples" / "train_warmboot.py").read_text())
    result = cli("check", "--statistics", "example.py", "--no-cache")
    marks = {line.split("\t")[1]: line.split("\t")[2][:3] for line in result.output.splitlines()}
    assert marks["RV203"] == "[*]"  # a safe fix
    assert marks["RV101"] == "[ ]"  # an unsafe fix only


def test_force_color_colours_and_no_color_loses_to_it(project, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in cli("check", "good.py", "--no-cache").output
    assert "\x1b[" not in cli("check", "good.py", "--no-cache", "--color", "never").output
    monkeypatch.delenv("FORCE_COLOR")
    assert "\x1b[" not in cli("check", "good.py", "--no-cache").output  # NO_COLOR, from conftest


def test_exit_non_zero_on_fix(project):
    assert cli("check", "--fix", "good.py", "--no-cache").exit_code == 0
    (project / "good.py").write_text(TRIGGERING)
    assert cli("check", "--fix", "--exit-non-zero-on-fix", "good.py", "--no-cache").exit_code == 1
    assert (project / "good.py").read_text() == FIXED
    assert cli("check", "--fix", "--exit-non-zero-on-fix", "good.py", "--no-cache").exit_code == 0  # nothing fixed


def test_output_file(project):
    result = cli("check", "good.py", "--no-cache", "--output-format", "json", "--output-file", "report.json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert [f["code"] for f in json.loads((project / "report.json").read_text())] == ["RV203"]


def test_fixable_and_unfixable(project):
    result = cli("check", "--fix", "--unfixable", "RV203", "good.py", "--no-cache", "--output-format", "concise")
    assert result.exit_code == 1
    assert "[*]" not in result.output
    assert (project / "good.py").read_text() == TRIGGERING
    assert cli("check", "--fix", "--fixable", "RV1", "good.py", "--no-cache").exit_code == 1
    assert (project / "good.py").read_text() == TRIGGERING
    assert cli("check", "--fix", "--fixable", "get-lr-instead-of-get-last-lr", "good.py", "--no-cache").exit_code == 0
    assert (project / "good.py").read_text() == FIXED
    result = cli("check", "--fixable", "NOPE", "good.py")
    assert result.exit_code == 2 and "unknown rule selector 'NOPE'" in result.output


def test_rule_all(project):
    result = cli("rule", "--all")
    assert result.exit_code == 0
    for rule in registry.all_rules():
        assert rule.documentation_markdown() in result.output
    assert len(json.loads(cli("rule", "--all", "--output-format", "json").output)) == len(registry.all_rules())
    assert cli("rule").exit_code == 2


def test_sentence():
    assert sentence("do not shout") == "Do not shout."
    assert sentence("`x` is wrong; use `y`") == "`x` is wrong; use `y`."
    assert sentence("Done.") == "Done."


def test_every_message_of_every_rule_on_the_fixtures_is_one_style():
    seen = set()
    rules = list(registry.all_rules())
    for path in sorted(FIXTURES.glob("*/*.py")):
        for finding in lint_text(str(path), path.read_text(), rules).findings:
            seen.add(finding.code)
            assert not finding.message[:1].islower() and finding.message.endswith("."), (path, finding.message)
    assert len(seen) >= 30
