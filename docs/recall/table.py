"""Recall and precision on the labelled sets of this folder (standard library only).

Usage:
    python docs/recall/table.py --run TAG [REVIEWER [SET,...]]  # lint the sets, write findings-TAG.json
    python docs/recall/table.py                                 # the tables docs/precision.md shows

Each set-*/ folder holds Python files written by an agent that saw neither the rules nor
their fixtures (prompt.md), one bug or none per file, and labels.tsv: file, rule, line,
note, one row per file, rule `-` for a file with no bug. findings-TAG.json is a list of
{set, file, line, name} from one run. adjudication.tsv (set, file, rule, verdict, reason)
records what was decided after reading a run's findings: `disputed` for a label whose file
does not have the bug it names (it then counts in no recall), `real` or `false` for a
finding of a rule the file was not labelled with.

A label is found when its file has a finding of its rule (files hold one bug each, and
rules report a bug at different lines of it: the line is the labeller's, not the rule's).
Recall = labels found / labels; precision = findings on a labelled file of the label's
rule, plus findings judged real, over all findings. "As labelled" counts every label and
takes every other finding as false; "adjudicated" applies adjudication.tsv.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
#: the sets, in the groups three agents wrote together, and the runs (row header, findings
#: file tag) of the table docs/precision.md shows for each group
GROUPS = (
    (("set-a", "set-b", "set-c"), (("first pass (`f69601d`)", "first-pass"), ("after", "after"))),
    (("set-d", "set-e", "set-f"), (("first pass (`693012d`)", "first-pass-2"), ("after", "after"))),
    (("set-g", "set-h", "set-i"), (("first pass (`a13a6ce`)", "first-pass-3"), ("after", "after"))),
    (("set-j", "set-k", "set-l"), (("first pass (`7af9d65`)", "first-pass-4"), ("after", "after"))),
    (("set-m", "set-n", "set-o"), (("first pass (`0be5e58`)", "first-pass-5"), ("after", "after"))),
    (("set-p", "set-q", "set-r"), (("first pass (`b8eaa8b`)", "first-pass-6"), ("after", "after"))),
    (("set-s", "set-t", "set-u"), (("first pass (`23ee77f`)", "first-pass-7"), ("after", "after"))),
    (("set-v", "set-w", "set-x"), (("first pass (`636c51c`)", "first-pass-8"), ("after", "after"))),
    (("set-y", "set-z", "set-aa"), (("first pass (`3a1c69b`)", "first-pass-9"), ("after", "after"))),
    (("set-ab", "set-ac", "set-ad"), (("first pass (`2a07635`)", "first-pass-10"), ("after", "after"))),
    (("set-ae", "set-af", "set-ag"), (("first pass (`59366bc`)", "first-pass-11"), ("after", "after"))),
)
SETS = tuple(name for sets, _ in GROUPS for name in sets)


def labels(sets=SETS):
    """(set, file) -> rule ('-' for none), for every file of the sets."""
    found = {}
    for name in sets:
        with open(os.path.join(HERE, name, "labels.tsv"), newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                found[name, row["file"]] = row["rule"]
    return found


def adjudication():
    with open(os.path.join(HERE, "adjudication.tsv"), newline="") as handle:
        return {(row["set"], row["file"], row["rule"]): row["verdict"] for row in csv.DictReader(handle, delimiter="\t")}


def findings(tag):
    with open(os.path.join(HERE, f"findings-{tag}.json")) as handle:
        return json.load(handle)


def counts(tag, adjudicated, sets=GROUPS[0][0]):
    """Counter of labels, found, true and false findings for one run on some sets."""
    labelled, verdicts = labels(sets), adjudication() if adjudicated else {}
    reported = {(f["set"], f["file"], f["name"]) for f in findings(tag) if f["set"] in sets}
    total = Counter()
    for (name, file), rule in labelled.items():
        if rule == "-" or verdicts.get((name, file, rule)) == "disputed":
            continue
        total["labels"] += 1
        total["found"] += (name, file, rule) in reported
    for name, file, rule in reported:
        if labelled.get((name, file)) == rule or verdicts.get((name, file, rule)) == "real":
            total["true"] += 1
        else:
            total["false"] += 1
    return total


def table(group=0):
    """The markdown table docs/precision.md shows for one group of sets."""
    sets, runs = GROUPS[group]
    lines = ["| run | labels found / labels | recall | findings true / all | precision |",
             "| --- | --- | --- | --- | --- |"]
    for header, tag in runs:
        for adjudicated in (False, True):
            c = counts(tag, adjudicated, sets)
            kind = "adjudicated" if adjudicated else "as labelled"
            all_findings = c["true"] + c["false"]
            lines.append(f"| {header}, {kind} | {c['found']} / {c['labels']} | {c['found'] / c['labels']:.3f} "
                         f"| {c['true']} / {all_findings} | {c['true'] / all_findings:.3f} |")
    return "\n".join(lines)


def run(tag, reviewer="reviewer", sets=SETS):
    """Lint each set (its folder as the root, every rule the defaults select) and write the findings."""
    reviewer = os.path.abspath(reviewer) if os.sep in reviewer else reviewer  # each set is its own root
    found = []
    for name in sets:
        folder = os.path.join(HERE, name)
        out = subprocess.run([reviewer, "check", ".", "--no-cache", "--exit-zero", "-q", "--output-format", "json"],
                             cwd=folder, capture_output=True, text=True).stdout  # exit 2: a rule crashed on a file
        for f in json.loads(out):
            found.append({"set": name, "file": os.path.basename(f["filename"]), "line": f["location"]["row"],
                          "name": f["name"]})
    found.sort(key=lambda f: (f["set"], f["file"], f["line"], f["name"]))
    with open(os.path.join(HERE, f"findings-{tag}.json"), "w") as handle:
        json.dump(found, handle, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--run"]:  # --run TAG [REVIEWER [SET,SET...]]
        run(sys.argv[2], *sys.argv[3:4], *[tuple(sys.argv[4].split(","))] if len(sys.argv) > 4 else [])
    else:
        print("\n\n".join(table(group) for group in range(len(GROUPS))))
