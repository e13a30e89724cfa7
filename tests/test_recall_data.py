"""docs/precision.md's recall table is what docs/recall/table.py computes from the committed
labels, findings and adjudication, and the "after" findings are what today's rules report on
the labelled sets: a changed label, verdict, cell or finding fails here."""

import csv
import importlib.util
import json
import subprocess
import sys

import pytest

from conftest import ROOT

RECALL = ROOT / "docs" / "recall"
_spec = importlib.util.spec_from_file_location("recall_table", RECALL / "table.py")
table = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(table)


def _rules():
    from reviewer.registry import catalogue

    return {info.name for info in catalogue()}


def test_every_file_of_a_set_has_one_label_naming_a_rule_and_a_line_inside_it():
    rules, labels = _rules(), table.labels()
    for name in table.SETS:
        files = {path.name for path in (RECALL / name).glob("*.py")}
        assert files == {file for (each, file) in labels if each == name}, name
        with open(RECALL / name / "labels.tsv", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row["rule"] == "-":
                    assert row["line"] == "" and "__neg" in row["file"], row
                    continue
                assert row["rule"] in rules and "__pos" in row["file"] and row["file"].startswith(row["rule"]), row
                lines = (RECALL / name / row["file"]).read_text().splitlines()
                assert 1 <= int(row["line"]) <= len(lines), row
    assert sum(rule != "-" for rule in labels.values()) == 11 * 114 and len(labels) == 11 * 190


def test_every_adjudication_names_a_labelled_file_and_a_rule():
    rules, labels = _rules(), table.labels()
    with open(RECALL / "adjudication.tsv", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            assert (row["set"], row["file"]) in labels and row["verdict"] in ("disputed", "real", "false"), row
            assert row["rule"] in rules, row
            # a disputed row is about the file's own label; the others about another rule's finding
            assert (row["verdict"] == "disputed") == (labels[row["set"], row["file"]] == row["rule"]), row


def test_the_table_in_precision_md_is_computed_from_the_committed_files():
    doc = (ROOT / "docs" / "precision.md").read_text(encoding="utf-8")
    assert all(table.table(group) in doc for group in range(len(table.GROUPS)))
    first_sets, later_sets, third_sets, fourth_sets, fifth_sets, sixth_sets, seventh_sets, eighth_sets, ninth_sets, \
        tenth_sets, eleventh_sets = (
        sets for sets, _ in table.GROUPS)

    def counted(tag, adjudicated, sets):
        c = table.counts(tag, adjudicated, sets)
        return c["found"], c["labels"], c["true"], c["false"]

    assert counted("first-pass", False, first_sets) == (82, 114, 82, 5)
    assert counted("after", True, first_sets) == (108, 110, 112, 0)
    assert counted("first-pass-2", False, later_sets) == (87, 114, 87, 4)
    assert counted("first-pass-2", True, later_sets) == (87, 111, 89, 2)
    assert counted("after", True, later_sets) == (105, 111, 107, 0)
    assert counted("first-pass-3", False, third_sets) == (98, 114, 98, 8)
    assert counted("first-pass-3", True, third_sets) == (98, 113, 105, 1)
    assert counted("after", True, third_sets) == (110, 113, 117, 0)
    assert counted("first-pass-4", False, fourth_sets) == (96, 114, 96, 4)
    assert counted("first-pass-4", True, fourth_sets) == (96, 113, 99, 1)
    assert counted("after", True, fourth_sets) == (111, 113, 113, 0)
    assert counted("first-pass-5", False, fifth_sets) == (95, 114, 95, 1)
    assert counted("first-pass-5", True, fifth_sets) == (95, 111, 95, 1)
    assert counted("after", True, fifth_sets) == (109, 111, 109, 0)
    assert counted("first-pass-6", False, sixth_sets) == (103, 114, 103, 1)
    assert counted("first-pass-6", True, sixth_sets) == (103, 114, 103, 1)
    assert counted("after", True, sixth_sets) == (113, 114, 113, 0)
    assert counted("first-pass-7", False, seventh_sets) == (98, 114, 98, 2)
    assert counted("first-pass-7", True, seventh_sets) == (98, 113, 100, 0)
    assert counted("after", True, seventh_sets) == (112, 113, 114, 0)
    assert counted("first-pass-8", False, eighth_sets) == (104, 114, 104, 3)
    assert counted("first-pass-8", True, eighth_sets) == (104, 112, 106, 1)
    assert counted("after", True, eighth_sets) == (111, 112, 113, 1)
    assert counted("first-pass-9", False, ninth_sets) == (102, 114, 102, 1)
    assert counted("first-pass-9", True, ninth_sets) == (102, 109, 103, 0)
    assert counted("after", True, ninth_sets) == (107, 109, 108, 0)
    assert counted("first-pass-10", False, tenth_sets) == (101, 114, 101, 0)
    assert counted("first-pass-10", True, tenth_sets) == (101, 114, 101, 0)
    assert counted("after", True, tenth_sets) == (112, 114, 112, 0)
    assert counted("first-pass-11", False, eleventh_sets) == (103, 114, 103, 5)
    assert counted("first-pass-11", True, eleventh_sets) == (103, 113, 108, 0)
    assert counted("after", True, eleventh_sets) == (109, 113, 113, 0)


@pytest.mark.parametrize("name", table.SETS)
def test_todays_rules_report_what_findings_after_records(name):
    reviewer = [sys.executable, "-m", "reviewer"]
    out = subprocess.run(reviewer + ["check", ".", "--no-cache", "--exit-zero", "-q", "--output-format", "json"],
                         cwd=RECALL / name, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    found = sorted((name, f["filename"].rsplit("/", 1)[-1], f["location"]["row"], f["name"]) for f in json.loads(out.stdout))
    recorded = sorted((f["set"], f["file"], f["line"], f["name"]) for f in table.findings("after") if f["set"] == name)
    assert found == recorded
