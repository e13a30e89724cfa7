"""Per-rule precision table from a findings JSON and a verdicts TSV (standard library only).

Usage:
    python docs/precision/table.py [FINDINGS_JSON] [VERDICTS_TSV]

Defaults are the 2026-12 first pass next to this script. FINDINGS_JSON is a list of
objects {repo, path, line, column, code, name, message}; VERDICTS_TSV has the columns
repo, path, line, code, name, verdict, reason, with verdict one of real, debatable,
false. A rule may be judged on a sample (mutable-default-argument), so "judged" can be
smaller than "findings"; "false share" is false / judged. Every verdict row must match a
finding (same repo, path, line and code), and the script stops if one does not.
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


def load_findings(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load_verdicts(path):
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def table(findings, verdicts):
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

    out = [
        "| rule | findings | judged | real | debatable | false | false share |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    totals = Counter()
    for name in sorted(found, key=lambda n: (-found[n], n)):
        counts = judged[name]
        n_judged = sum(counts.values())
        share = f"{counts['false'] / n_judged:.0%}" if n_judged else "n/a"
        out.append(
            f"| `{name}` ({codes[name]}) | {found[name]} | {n_judged} | {counts['real']} | "
            f"{counts['debatable']} | {counts['false']} | {share} |"
        )
        totals["findings"] += found[name]
        totals["judged"] += n_judged
        for verdict in VERDICTS:
            totals[verdict] += counts[verdict]
    share = f"{totals['false'] / totals['judged']:.0%}" if totals["judged"] else "n/a"
    out.append(
        f"| all rules | {totals['findings']} | {totals['judged']} | {totals['real']} | "
        f"{totals['debatable']} | {totals['false']} | {share} |"
    )
    return "\n".join(out)


def main(argv):
    findings_path = argv[1] if len(argv) > 1 else DEFAULT_FINDINGS
    verdicts_path = argv[2] if len(argv) > 2 else DEFAULT_VERDICTS
    print(table(load_findings(findings_path), load_verdicts(verdicts_path)))


if __name__ == "__main__":
    main(sys.argv)
