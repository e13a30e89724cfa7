"""Jupyter notebooks: code cells linted as one source, findings by cell, fixes written into the cells."""

import json

import jsonschema
import pytest
from click.testing import CliRunner

from reviewer.cli import main
from reviewer.findings import Finding, Severity

from conftest import ROOT

MESSAGE = ("RV203 [*] `sched.get_lr()` re-applies the decay at milestones instead of reading the LR in use "
           "(PyTorch warns); use `sched.get_last_lr()`.")
SETUP = ["import torch\n", "opt = torch.optim.SGD([], lr=0.1)\n", "sched = torch.optim.lr_scheduler.StepLR(opt, 1)"]


def notebook_text(*cells):
    """The notebook as nbformat writes it."""
    nb = {"cells": list(cells), "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
          "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def markdown(source):
    return {"cell_type": "markdown", "id": "md", "metadata": {}, "source": source}


def code(source, outputs=()):
    return {"cell_type": "code", "execution_count": 7, "id": "c", "metadata": {"tags": ["naïve"]},
            "outputs": list(outputs), "source": source}


OUTPUT = {"name": "stdout", "output_type": "stream", "text": ["0.1\n"]}


def cli(*args):
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.reviewer]\n")
    return tmp_path


def write(project, *cells, name="train.ipynb"):
    (project / name).write_text(notebook_text(*cells), encoding="utf-8")
    return project / name


def stale(project):
    """Markdown in cell 1, `opt`/`sched` bound in cell 2, used in cell 3 (line 2)."""
    return write(project, markdown(["# Training\n", "notes"]), code(SETUP),
                 code(["x = 1\n", "print(sched.get_lr())"], [OUTPUT]))


def test_finding_in_a_later_cell_concise_and_json(project):
    stale(project)
    result = cli("train.ipynb", "--output-format", "concise")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"train.ipynb:cell 3:2:7: {MESSAGE}"
    assert result.output.count("RV203") == 1
    [item] = json.loads(cli("train.ipynb", "--output-format", "json").stdout)
    assert (item["code"], item["cell"], item["location"], item["noqa_row"]) == ("RV203", 3, {"row": 2, "column": 7}, 2)
    assert item["fix"]["edits"][0]["location"] == {"row": 2, "column": 13}


def test_full_shows_the_cell_line(project):
    stale(project)
    lines = cli("train.ipynb").output.splitlines()
    assert lines[0] == f"train.ipynb:cell 3:2:7: {MESSAGE}"
    assert lines[2] == "2 | print(sched.get_lr())"


def test_github_and_sarif_point_at_the_file(project):
    stale(project)
    annotation = cli("train.ipynb", "--output-format", "github").output.splitlines()[0]
    assert annotation.startswith("::error file=train.ipynb,line=1,col=1,endLine=1,endColumn=1,")
    assert "RV203 get-lr-instead-of-get-last-lr: cell 3:2:7: " in annotation
    document = json.loads(cli("train.ipynb", "--output-format", "sarif").stdout)
    jsonschema.validate(document, json.loads((ROOT / "tests" / "sarif-schema-2.1.0.json").read_text()))
    [result] = document["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert result["message"]["text"].startswith("cell 3:2:7: ")


def test_magics_parse_and_are_never_flagged(project):
    write(project, code(["%matplotlib inline\n", "!pip install x\n", *SETUP[:2], "for i in range(2):\n",
                         "    !echo hi\n", "opt?\n", "sched = torch.optim.lr_scheduler.StepLR(opt, 1)"]),
          code("%%time\nprint(sched.get_lr())\n  !ls"),
          code("print(sched.get_lr())  # it\n"))
    result = cli("train.ipynb", "--output-format", "concise")
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [f"train.ipynb:cell 3:1:7: {MESSAGE}", "Found 1 finding."]


def test_fix_changes_only_that_cell_source(project):
    path = stale(project)
    before = path.read_bytes()
    result = cli("train.ipynb", "--fix")
    assert result.exit_code == 0
    after = path.read_bytes()
    old, new = json.loads(before), json.loads(after)
    assert new["cells"][2]["source"] == ["x = 1\n", "print(sched.get_last_lr())"]
    new["cells"][2]["source"] = old["cells"][2]["source"]
    assert new == old
    assert after == before.replace(b'"print(sched.get_lr())"', b'"print(sched.get_last_lr())"')


def test_fix_keeps_magics_and_string_sources(project):
    path = write(project, code(SETUP), code("%env A=1\nprint(sched.get_lr())\n!ls"))
    assert cli("train.ipynb", "--fix").exit_code == 0
    assert json.loads(path.read_text())["cells"][1]["source"] == "%env A=1\nprint(sched.get_last_lr())\n!ls"


def test_diff_shows_the_cell_code(project):
    path = stale(project)
    before = path.read_bytes()
    result = cli("train.ipynb", "--diff")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "--- a/train.ipynb:cell 3", "+++ b/train.ipynb:cell 3", "@@ -1,2 +1,2 @@", " x = 1",
        "-print(sched.get_lr())", "\\ No newline at end of file",
        "+print(sched.get_last_lr())", "\\ No newline at end of file",
    ]
    assert path.read_bytes() == before


def test_other_json_layouts_are_kept_or_refused(project):
    path = stale(project)
    nb = json.loads(path.read_text())
    path.write_text(json.dumps(nb, indent=2))  # another indent, no final newline: kept
    assert cli("train.ipynb", "--fix").exit_code == 0
    assert path.read_text() == json.dumps(nb, indent=2).replace("get_lr", "get_last_lr")
    path.write_text(json.dumps(nb, indent="\t"))  # a layout not reproduced: refused
    before = path.read_bytes()
    result = cli("train.ipynb", "--fix")
    assert result.exit_code == 2
    assert result.stderr == ("reviewer: error: train.ipynb: this notebook's JSON layout is not nbformat's "
                             "(indent, escapes); not written, to keep its formatting\n")
    assert path.read_bytes() == before


@pytest.mark.parametrize("text", ['{"cells": 5}', "not json"])
def test_malformed_notebook_is_an_io_error(project, text):
    (project / "bad.ipynb").write_text(text)
    result = cli("bad.ipynb", "--output-format", "concise")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("bad.ipynb:1:1: RV004 Not a valid notebook: ")


def test_noqa_in_a_cell_silences(project):
    write(project, code(SETUP), code("print(sched.get_lr())  # noqa: RV203"))
    result = cli("train.ipynb")
    assert (result.exit_code, result.output) == (0, "All checks passed!\n")


def test_folder_run_finds_notebooks(project):
    stale(project)
    result = cli(".", "--output-format", "concise")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"train.ipynb:cell 3:2:7: {MESSAGE}"


def test_cell_round_trips_through_dict():
    finding = Finding("RV203", "x", "m", Severity.ERROR, "a.ipynb", 1, 1, 1, 2, cell=3)
    assert Finding.from_dict(finding.to_dict()) == finding
    with pytest.raises(TypeError):
        Finding.from_dict(dict(finding.to_dict(), cell="3"))


def test_add_noqa_writes_into_the_cell(project):
    path = stale(project)
    before = path.read_bytes()
    preview = cli("train.ipynb", "--add-noqa", "--diff")
    assert preview.exit_code == 1
    assert "+print(sched.get_lr())  # noqa: RV203" in preview.stdout
    assert path.read_bytes() == before
    assert cli("train.ipynb", "--add-noqa").exit_code == 0
    assert path.read_bytes() == before.replace(b'"print(sched.get_lr())"', b'"print(sched.get_lr())  # noqa: RV203"')
    assert cli("train.ipynb").exit_code == 0
    result = CliRunner().invoke(main, ["check", "--add-noqa", "-", "--stdin-filename", "t.ipynb"], input=before)
    assert (result.exit_code, result.output) == (
        2, "reviewer: error: t.ipynb: --add-noqa does not read notebooks from stdin; name the file instead\n")


def test_a_magic_continued_over_lines_is_masked_whole(project):
    path = write(project, code("%pip install \\\n    torch \\\n    numpy"), code(SETUP),
                 code("if True:\n    !ls \\\n        -l\n    print(sched.get_lr())"))
    result = cli("train.ipynb", "--output-format", "concise")
    assert result.output.splitlines()[0] == "train.ipynb:cell 3:4:11: " + MESSAGE
    assert cli("train.ipynb", "--fix").exit_code == 0
    assert json.loads(path.read_text())["cells"][2]["source"] == "if True:\n    !ls \\\n        -l\n    print(sched.get_last_lr())"
