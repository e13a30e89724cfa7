"""Per-rule precision tables from committed findings and verdicts (standard library only).

Usage:
    python docs/precision/table.py [FINDINGS_JSON] [VERDICTS_TSV]
    python docs/precision/table.py --doc

The first form prints every count of one run; defaults are the 2026-12 first pass next to
this script. FINDINGS_JSON is a list of objects {repo, path, line, column, code, name,
message}; VERDICTS_TSV has the columns repo, path, line, code, name, verdict, reason, with
verdict one of real, debatable, false. A rule may be judged on a sample
(mutable-default-argument), so "judged" can be smaller than "findings"; "false share" is
false / judged. Every verdict row must match a finding (same repo, path, line and code),
and the script stops if one does not.

`--doc` prints the tables of docs/precision.md that these files back
(tests/test_precision_data.py checks that the document shows the same cells). Each cell
is *findings / false*. The later two tables come from files where every finding is a verdict
row, since every finding was read: verdicts-new-rules-first-pass.tsv (corpus, rule,
repository, finding, first-pass verdict, after narrowing, note) and
verdicts-C-first-pass.tsv (corpus, finding, code, verdict, reason).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FINDINGS = os.path.join(HERE, "findings-2026-12-first-pass.json")
DEFAULT_VERDICTS = os.path.join(HERE, "verdicts-2026-12-first-pass.tsv")
VERDICTS = ("real", "debatable", "false")

#: the runs of "Code nobody here had seen": column header, file suffix
RUNS = (
    ("A first pass<br>`10d7880` (old rules)", "2026-12-first-pass"),
    ("A after rewrite<br>`404ec2f`", "2026-12-after"),
    ("A final", "2026-12-final"),
    ("B first pass<br>`404ec2f`", "B-first-pass"),
    ("B final", "B-final"),
)
#: issue 17's twelve rules, a row each even without findings
NEW_RULES = (
    ("RV505", "clip-before-unscale"), ("RV509", "eval-without-eval-mode"),
    ("RV507", "loss-not-divided-by-accumulation"), ("RV506", "loss-tensor-accumulated"),
    ("RV310", "onecycle-total-steps-mismatch"), ("RV107", "poly-decay-past-horizon"),
    ("RV701", "sampler-set-epoch-missing"), ("RV308", "scheduler-never-stepped"),
    ("RV403", "torch-save-whole-model"), ("RV702", "train-loader-not-shuffled"),
    ("RV508", "train-mode-not-restored"), ("RV309", "warmup-epochs-as-steps"),
)
NEW_RULES_CORPORA = ("A", "B", "C-new", "C-tuned")
NEW_RULES_HEADER = ("rule", "first pass A", "B", "C-new", "C-tuned", "after narrowing (A + B + C)")
#: the first round's rules on corpus C; mutable-default-argument was read on a sample only
EARLIER_RULES = (
    ("RV104", "schedule-division-by-zero"), ("RV106", "warmup-never-reaches-peak"),
    ("RV502", "zero-grad-misplaced"), ("RV501", "inference-without-no-grad"),
    ("RV402", "custom-scheduler-without-state-dict"), ("RV401", "resume-without-scheduler-state"),
    ("RV204", "deprecated-scheduler-verbose"), ("RV601", "mutable-default-argument"),
)
SAMPLED = {"mutable-default-argument"}
EARLIER_HEADER = ("rule", "first pass C-new", "C-tuned")


def load_findings(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load_verdicts(path):
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def tally(findings, verdicts):
    """Findings per rule name, each rule's code, and the verdicts per rule name."""
    found = Counter(f["name"] for f in findings)
    codes = {f["name"]: f["code"] for f in findings}
    keys = Counter((f["repo"], f["path"], int(f["line"]), f["code"]) for f in findings)
    used = Counter()
    judged = defaultdict(Counter)
    for row in verdicts:
        key = (row["repo"], row["path"], int(row["line"]), row["code"])
        used[key] += 1
        if used[key] > keys[key]:
            raise SystemExit(f"verdict without a matching finding: {key}")
        if row["verdict"] not in VERDICTS:
            raise SystemExit(f"unknown verdict {row['verdict']!r} for {key}")
        judged[row["name"]][row["verdict"]] += 1
    return found, codes, judged


def share(false, judged):
    return f"{false / judged:.0%}" if judged else "n/a"


def table(findings, verdicts):
    found, codes, judged = tally(findings, verdicts)
    out = [
        "| rule | findings | judged | real | debatable | false | false share |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    totals = Counter()
    for name in sorted(found, key=lambda n: (-found[n], n)):
        counts = judged[name]
        n_judged = sum(counts.values())
        out.append(
            f"| `{name}` ({codes[name]}) | {found[name]} | {n_judged} | {counts['real']} | "
            f"{counts['debatable']} | {counts['false']} | {share(counts['false'], n_judged)} |"
        )
        totals["findings"] += found[name]
        totals["judged"] += n_judged
        for verdict in VERDICTS:
            totals[verdict] += counts[verdict]
    out.append(
        f"| all rules | {totals['findings']} | {totals['judged']} | {totals['real']} | "
        f"{totals['debatable']} | {totals['false']} | {share(totals['false'], totals['judged'])} |"
    )
    return "\n".join(out)


def cell(findings, verdicts, note=""):
    """`0`, or *findings / false* and a note."""
    if not findings:
        return "0"
    return f"{findings} / {verdicts['false']}" + (f" ({note})" if note else "")


def debatable_cell(verdicts):
    """A cell of a table where every finding was read: the debatable ones are named."""
    n = sum(verdicts.values())
    return cell(n, verdicts, f"{verdicts['debatable']} debatable" if verdicts["debatable"] else "")


def runs_table():
    """Corpora A and B, every run (header, rows)."""
    return _runs_table(RUNS)


def _runs_table(runs):
    """Every rule that reported in one of `runs` (header, file suffix or a tuple of suffixes
    whose counts are summed), a column per run."""
    tallies = [_summed(run if isinstance(run, tuple) else (run,)) for _, run in runs]
    rows = []
    for name in sorted(set().union(*(found for found, _, _ in tallies))):
        row = [f"`{name}`"]
        for found, _, judged in tallies:
            n_judged = sum(judged[name].values())
            row.append(cell(found[name], judged[name], f"{n_judged} judged" if n_judged < found[name] else ""))
        rows.append(row)
    total = ["all rules"]
    for found, _, judged in tallies:
        verdicts = sum(judged.values(), Counter())
        n_judged = sum(verdicts.values())
        total.append(cell(sum(found.values()), verdicts,
                          f"{share(verdicts['false'], n_judged)} of {n_judged} judged"))
    return ("rule",) + tuple(header for header, _ in runs), rows + [total]


def _summed(runs):
    """`tally` of several runs added together."""
    found, codes, judged = Counter(), {}, defaultdict(Counter)
    for run in runs:
        one = tally(load_findings(os.path.join(HERE, f"findings-{run}.json")),
                    load_verdicts(os.path.join(HERE, f"verdicts-{run}.tsv")))
        found.update(one[0])
        codes.update(one[1])
        for name, verdicts in one[2].items():
            judged[name].update(verdicts)
    return found, codes, judged


def new_rules_table():
    """Issue 17's rules on A, B and C: first pass per corpus, and what narrowing kept."""
    rows = load_verdicts(os.path.join(HERE, "verdicts-new-rules-first-pass.tsv"))
    first = defaultdict(Counter)
    after = defaultdict(Counter)
    for row in rows:
        verdict = row["first-pass verdict"]
        if verdict not in VERDICTS or row["corpus"] not in NEW_RULES_CORPORA:
            raise SystemExit(f"bad row: {row}")
        first[row["rule"], row["corpus"]][verdict] += 1
        if row["after narrowing"].startswith("kept"):
            after[row["rule"]][verdict] += 1
    known = {code for code, _ in NEW_RULES}
    if {row["rule"] for row in rows} - known:
        raise SystemExit(f"rules outside issue 17's: {sorted({row['rule'] for row in rows} - known)}")
    table_rows = []
    for code, name in NEW_RULES:
        cells = [debatable_cell(first[code, corpus]) for corpus in NEW_RULES_CORPORA]
        table_rows.append([f"`{name}`", *cells, cell(sum(after[code].values()), after[code])])
    return NEW_RULES_HEADER, table_rows


def earlier_rules_table():
    """The first round's rules on C, first pass (the after column has no committed findings)."""
    rows = load_verdicts(os.path.join(HERE, "verdicts-C-first-pass.tsv"))
    judged = defaultdict(Counter)
    for row in rows:
        if row["verdict"] not in VERDICTS or row["corpus"] not in ("C-new", "C-tuned"):
            raise SystemExit(f"bad row: {row}")
        judged[row["code"], row["corpus"]][row["verdict"]] += 1
    known = {code for code, _ in EARLIER_RULES}
    if {row["code"] for row in rows} - known:
        raise SystemExit(f"rules outside the table: {sorted({row['code'] for row in rows} - known)}")
    table_rows = []
    for code, name in EARLIER_RULES:
        label = f"`{name}`"
        if name in SAMPLED:
            label += f" ({sum(sum(judged[code, c].values()) for c in ('C-new', 'C-tuned'))} read)"
        table_rows.append([label, debatable_cell(judged[code, "C-new"]), debatable_cell(judged[code, "C-tuned"])])
    return EARLIER_HEADER, table_rows


#: the later corpora (2026-12-06), each held out from the changes before its first pass: a
#: column per run, the first pass and after each round of the changes it led to
CORPUS_RUNS = {
    "D": (("D first pass<br>`b6d0e27`", "D-first-pass"), ("D after", "D-after"), ("D after 2", "D-after2"),
          ("D after 3", "D-after3")),
    "E": (("E first pass<br>`8674bf0`", "E-first-pass"), ("E after", "E-after"), ("E after 2", "E-after2")),
    "F": (("F first pass<br>`461a712`", "F-first-pass"), ("F after", "F-after"), ("F after 2", "F-after2"),
          ("F after 3", "F-after3")),
    "G": (("G first pass<br>`b7dae55`", "G-first-pass"), ("G after", "G-after"), ("G after 2", "G-after2"),
          ("G after 3", "G-after3")),
    "H": (("H first pass<br>`4b7030d`", "H-first-pass"), ("H after", "H-after"), ("H after 2", "H-after2")),
    "I": (("I first pass<br>`4b7030d`", "I-first-pass"), ("I after", "I-after")),
    "J": (("J first pass<br>`9790c33`", "J-first-pass"), ("J after", "J-after")),
    "K": (("K first pass<br>`629ad0d`", "K-first-pass"), ("K after", "K-after"), ("K after 2", "K-after2"),
          ("K after 3", "K-after3")),
    "L": (("L first pass<br>`f69601d`", "L-first-pass"), ("L after", "L-after"), ("L after 2", "L-after2"),
          ("L after 3", "L-after3")),
}


def corpus_table(corpus):
    """One later corpus, every rule that reported on it, a column per run (header, rows)."""
    return _runs_table(CORPUS_RUNS[corpus])


def held_out_table():
    """The later corpora summed per rule: their first passes (each at its own commit) and
    their last runs (after the changes each asked for: tuned on it) (header, rows)."""
    runs = CORPUS_RUNS.values()
    return _runs_table((("D to L, first passes", tuple(r[0][1] for r in runs)),
                        ("D to L, last runs", tuple(r[-1][1] for r in runs))))


def markdown(header, rows):
    return "\n".join(["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
                     + ["| " + " | ".join(row) + " |" for row in rows])


def main(argv):
    if argv[1:] == ["--doc"]:
        builds = [runs_table, new_rules_table, earlier_rules_table]
        builds += [lambda corpus=corpus: corpus_table(corpus) for corpus in CORPUS_RUNS] + [held_out_table]
        print("\n\n".join(markdown(*build()) for build in builds))
        return
    findings_path = argv[1] if len(argv) > 1 else DEFAULT_FINDINGS
    verdicts_path = argv[2] if len(argv) > 2 else DEFAULT_VERDICTS
    print(table(load_findings(findings_path), load_verdicts(verdicts_path)))


if __name__ == "__main__":
    main(sys.argv)
