"""docs/precision.md's tables are what docs/precision/table.py computes from the committed
findings and verdicts: a changed count, verdict or cell fails here."""

import importlib.util
import json
import re

import pytest

from conftest import ROOT

PRECISION = ROOT / "docs" / "precision"
DOC = ROOT / "docs" / "precision.md"
_spec = importlib.util.spec_from_file_location("precision_table", PRECISION / "table.py")
table = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(table)

#: run name -> its saved one-run table, where one was committed
SAVED_TABLES = ("2026-12-first-pass", "2026-12-after", "B-first-pass")
FINDING_KEYS = {"repo", "path", "line", "column", "code", "name", "message"}
OPTIONAL_KEYS = {"severity"}  # written by the later runs


def doc_tables():
    """heading -> (header, rows) of each markdown table of precision.md, under its nearest heading."""
    tables, heading, lines = {}, None, DOC.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif line.startswith("|"):
            block = []
            while index < len(lines) and lines[index].startswith("|"):
                block.append([cell.strip() for cell in lines[index].strip().strip("|").split("|")])
                index += 1
            assert heading not in tables, f"two tables under {heading!r}"
            tables[heading] = (tuple(block[0]), block[2:])
            continue
        index += 1
    return tables


def test_the_tables_of_corpora_a_and_b_are_computed_from_their_five_runs():
    header, rows = doc_tables()["Code nobody here had seen (2026-12)"]
    assert (header, rows) == table.runs_table()


@pytest.mark.parametrize("corpus, heading, first_pass, last", [
    ("D", "Corpus D: fifteen more repositories, every rule (2026-12-06)",
     "82 / 31 (58% of 53 judged)", "50 / 0 (0% of 21 judged)"),
    ("E", "Corpus E: eight more, at the rules corpus D left (2026-12-06)",
     "88 / 7 (12% of 59 judged)", "79 / 0 (0% of 50 judged)"),
    ("F", "Corpus F: ten held-out repositories, at this round's last rules (2026-12-06)",
     "83 / 13 (31% of 42 judged)", "70 / 1 (3% of 29 judged)"),
    ("G", "Corpus G: ten more, at F's rules (2026-12-06)", "212 / 11 (23% of 48 judged)", "202 / 0 (0% of 38 judged)"),
    ("H", "Corpus H", "72 / 1 (7% of 14 judged)", "72 / 0 (0% of 14 judged)"),
    ("I", "Corpus I", "111 / 5 (25% of 20 judged)", "102 / 0 (0% of 11 judged)"),
    ("J", "Corpus J: ten more, at H's and I's rules (2026-12-06)", "166 / 1 (6% of 18 judged)",
     "165 / 0 (0% of 17 judged)"),
    ("K", "Corpus K: ten more, at this session's rules (2026-12-07)", "197 / 3 (12% of 25 judged)",
     "195 / 0 (0% of 23 judged)"),
    ("L", "Corpus L: ten more, held out from this session's changes (2026-12-07)", "103 / 4 (17% of 23 judged)",
     "102 / 0 (0% of 22 judged)"),
])
def test_the_table_of_each_later_corpus_is_computed_from_its_runs(corpus, heading, first_pass, last):
    header, rows = doc_tables()[heading]
    assert (header, rows) == table.corpus_table(corpus)
    assert rows[-1][1] == first_pass and rows[-1][-1] == last


def test_the_held_out_table_sums_the_runs_of_d_to_l():
    header, rows = doc_tables()["The held-out corpora together"]
    assert (header, rows) == table.held_out_table()
    assert rows[-1] == ["all rules", "1114 / 76 (25% of 302 judged)", "1037 / 1 (0% of 225 judged)"]


def test_the_twelve_new_rules_table_is_computed_from_its_verdicts():
    header, rows = doc_tables()["Corpus C and the twelve training-loop rules (2026-12-05)"]
    assert (header, rows) == table.new_rules_table()


def test_the_first_pass_columns_of_the_earlier_rules_on_c_are_computed_from_its_verdicts():
    header, rows = doc_tables()["The earlier rules on C"]
    computed_header, computed_rows = table.earlier_rules_table()
    width = len(computed_header)
    # The after column has no committed findings (the document says so).
    assert header[width:] == ("after (C)",)
    assert (header[:width], [row[:width] for row in rows]) == (computed_header, computed_rows)


@pytest.mark.parametrize("run", SAVED_TABLES)
def test_saved_one_run_tables_are_what_the_script_prints(run):
    computed = table.table(table.load_findings(PRECISION / f"findings-{run}.json"),
                           table.load_verdicts(PRECISION / f"verdicts-{run}.tsv"))
    assert (PRECISION / f"table-{run}.md").read_text(encoding="utf-8").strip() == computed


def test_a_changed_verdict_changes_a_cell():
    findings = table.load_findings(PRECISION / "findings-B-final.json")
    verdicts = table.load_verdicts(PRECISION / "verdicts-B-final.tsv")
    flipped = next(row for row in verdicts if row["verdict"] == "false")
    before = table.table(findings, verdicts)
    flipped["verdict"] = "real"
    assert table.table(findings, verdicts) != before


def test_a_verdict_without_its_finding_stops_the_script():
    verdicts = [{"repo": "a/b", "path": "x.py", "line": "1", "code": "RV104",
                 "name": "schedule-division-by-zero", "verdict": "real", "reason": ""}]
    with pytest.raises(SystemExit, match="verdict without a matching finding"):
        table.table([], verdicts)


@pytest.mark.parametrize("corpus, listing, pattern", [
    ("A", "corpus-2026-12.tsv", r"\*\*A\*\*: (\d+) public repositories, ([\d,]+) files"),
    ("B", "corpus-B.tsv", r"\*\*B\*\*: (\d+) other public repositories, [\d,]+ files \(([\d,]+) listed"),
    ("E", "corpus-E.tsv", r"a last held-out set: (\d+) public repositories \(\[corpus-E.tsv\]\(precision/corpus-E.tsv\), ([\d,]+) files"),
    ("D", "corpus-D.tsv", r"listed (\d+) public repositories that no study here had used \(\[corpus-D.tsv\]\(precision/corpus-D.tsv\), ([\d,]+) files"),
    ("G", "corpus-G.tsv", r"held out from F's changes too: (\d+) public repositories \(\[corpus-G.tsv\]\(precision/corpus-G.tsv\), ([\d,]+) files"),
    ("F", "corpus-F.tsv", r"held out from every change: (\d+) public repositories \(\[corpus-F.tsv\]\(precision/corpus-F.tsv\), ([\d,]+) files"),
    ("H", "corpus-H.tsv", r"\[corpus-H.tsv\]\(precision/corpus-H.tsv\) \((\d+) public repositories, ([\d,]+) files"),
    ("I", "corpus-I.tsv", r"\[corpus-I.tsv\]\(precision/corpus-I.tsv\) \((\d+) public repositories, ([\d,]+) files"),
    ("J", "corpus-J.tsv", r"\[corpus-J.tsv\]\(precision/corpus-J.tsv\) \((\d+) public repositories, ([\d,]+) files"),
])
def test_corpus_sizes_are_those_of_the_committed_lists(corpus, listing, pattern):
    repositories, files = re.search(pattern, " ".join(DOC.read_text(encoding="utf-8").split())).groups()
    rows = table.load_verdicts(PRECISION / listing)  # the same tab-separated layout, with a header
    assert len(rows) == int(repositories), corpus
    assert sum(int(row["py_files"]) for row in rows) == int(files.replace(",", "")), corpus


def test_c_tuned_repositories_are_those_of_the_tuned_corpus():
    tuned_section = DOC.read_text(encoding="utf-8").split("### Corpus\n", 1)[1]
    tuned = set(re.findall(r"^\| ([\w.-]+/[\w.-]+) \| `", tuned_section, re.M))
    listed = re.findall(r"^\| \d+ \| ([\w.-]+/[\w.-]+) \|", (PRECISION / "corpus-C.md").read_text(), re.M)
    assert len(listed) == 30 and sum(repo in tuned for repo in listed) == 18  # the document's counts
    for row in table.load_verdicts(PRECISION / "verdicts-C-first-pass.tsv"):
        repo = row["finding"].split("/", 1)[0].replace("__", "/", 1)
        assert repo in listed, row["finding"]
        assert row["corpus"] == ("C-tuned" if repo in tuned else "C-new"), row["finding"]


@pytest.mark.parametrize("path", sorted(PRECISION.glob("findings-*.json")), ids=lambda p: p.name)
def test_findings_files_hold_positions_and_messages_only(path):
    # No code of the repositories read: each finding is its place, its rule and our message.
    for finding in json.loads(path.read_text(encoding="utf-8")):
        assert FINDING_KEYS <= set(finding) <= FINDING_KEYS | OPTIONAL_KEYS, finding
        assert isinstance(finding["line"], int) and isinstance(finding["column"], int)
        assert "\n" not in finding["message"] and len(finding["message"]) < 1000, finding
