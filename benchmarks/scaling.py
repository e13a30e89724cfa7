"""How `reviewer check` grows with the size of one file and with its number of findings.

    python benchmarks/scaling.py [--runs 2] [--json FILE]

File size: files of about 1,000, 10,000 and 50,000 lines, each a concatenation of the
synthetic training files of benchmarks/corpus.py (seed 0) in the same order, so the
content mix is the same. For each: the parse floor of that file (one process that
parses it with libcst, interpreter start included), `reviewer check FILE --no-cache
--exit-zero -q`, time and peak memory per line, and the ratio of the two.

Findings: one file with N statements `lr_i = scheduler.get_lr()` (one finding each) and
one `def` with N mutable defaults, at N and 8N: 8x the findings should cost at most
1.5 x 8 = 12x the time.

Every figure is the best of `--runs` runs in fresh processes, each reviewer run right
after its floor; the load average is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import tempfile
from typing import Dict, List

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bench  # noqa: E402
import corpus as synthetic  # noqa: E402

SIZES = (1_000, 10_000, 50_000)
FINDINGS = {"get_lr": (1_000, 8_000), "mutable defaults": (250, 2_000)}
PARSE = "import sys, libcst; libcst.parse_module(open(sys.argv[1], 'rb').read().decode('utf-8'))"


def training_text(lines: int, work: str) -> str:
    """Whole synthetic training files, in order, until there are at least `lines` lines."""
    source = os.path.join(work, "source")
    if not os.path.isdir(source):
        synthetic.generate(source, 120, "training", 0)
    paths = sorted(os.path.join(d, f) for d, _, names in os.walk(source) for f in names if f.endswith(".py"))
    parts: List[str] = []
    total = 0
    while total < lines:
        with open(paths[len(parts) % len(paths)], encoding="utf-8") as handle:
            text = handle.read()
        parts.append(text)
        total += text.count("\n")
    return "".join(parts)


def findings_text(kind: str, count: int) -> str:
    head = ("import torch\nmodel = torch.nn.Linear(2, 2)\n"
            "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
            "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 10)\n")
    if kind == "get_lr":
        return head + "".join(f"lr_{i} = scheduler.get_lr()\n" for i in range(count))
    return (head + "def f(" + ", ".join(f"a{i}=[]" for i in range(count)) + "):\n"
            + "".join(f"    a{i}.append(1)\n" for i in range(count)))


def best(cmd: List[str], cwd: str, env: Dict[str, str], runs: int, timeout: float) -> dict:
    results = [bench.measure(cmd, cwd, env, timeout) for _ in range(runs)]
    for result in results:
        if result["rc"] not in (0, 1):
            raise SystemExit(f"{shlex.join(cmd)}: exit {result['rc']}: {result['stderr'][-600:]}")
    return min(results, key=lambda r: r["wall"])


def measure_file(path: str, reviewer: List[str], env, runs: int, timeout: float) -> dict:
    """Floor and reviewer runs alternating; the best of each."""
    cwd = os.path.dirname(path)
    floors, checks = [], []
    for _ in range(runs):
        floors.append(best([sys.executable, "-c", PARSE, path], cwd, env, 1, timeout))
        checks.append(best(reviewer + ["check", path, "--no-cache", "--exit-zero", "-q"], cwd, env, 1, timeout))
    floor = min(floors, key=lambda r: r["wall"])
    check = min(checks, key=lambda r: r["wall"])
    with open(path, "rb") as handle:
        lines = handle.read().count(b"\n")
    return {"lines": lines, "floor_s": floor["wall"], "check_s": check["wall"], "check_peak_mb": check["maxrss_kb"] / 1024,
            "x_floor": check["wall"] / floor["wall"], "ms_per_line": 1000 * check["wall"] / lines,
            "kb_per_line": check["maxrss_kb"] / lines}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2, help="runs of each measurement (the best is reported)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed per run")
    parser.add_argument("--json", default=None, metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    env = dict(os.environ, NO_COLOR="1")
    env.pop("REVIEWER_NO_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bench.compile_reviewer()
    reviewer = [sys.executable, "-m", "reviewer"]
    result: dict = {
        **bench.provenance(reviewer, env),
        "protocol": {
            "repeats": args.runs, "statistic": "best (least wall time)",
            "timed": "wall time of a fresh process, interpreter start included; peak resident memory of reviewer's",
            "order": "for each file, the parse floor and `reviewer check FILE` alternate",
            "cold": "every run --no-cache", "sizes": list(SIZES),
            "findings": {kind: list(counts) for kind, counts in FINDINGS.items()},
        },
        "load_average": {"before": bench.load_average()},
    }
    with tempfile.TemporaryDirectory(prefix="reviewer-scaling-") as work:
        with open(os.path.join(work, "pyproject.toml"), "w", encoding="utf-8") as handle:
            handle.write("[tool.reviewer]\n")
        sizes = []
        for size in SIZES:
            path = os.path.join(work, f"training_{size}.py")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(training_text(size, work))
            sizes.append(measure_file(path, reviewer, env, args.runs, args.timeout))
            print(f"  {sizes[-1]['lines']} lines: {sizes[-1]['check_s']:.2f} s", file=sys.stderr)
        result["file_size"] = sizes
        counts = {}
        for kind, (small, large) in FINDINGS.items():
            walls = []
            for count in (small, large):
                path = os.path.join(work, f"findings_{kind.replace(' ', '_')}_{count}.py")
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(findings_text(kind, count))
                walls.append(best(reviewer + ["check", path, "--no-cache", "--exit-zero", "-q"], work, env,
                                  args.runs, args.timeout)["wall"])
            counts[kind] = {"findings": [small, large], "wall_s": walls, "ratio": walls[1] / walls[0]}
        result["findings"] = counts
    result["load_average"]["after"] = bench.load_average()
    print(report(result))
    if args.json:
        bench.write_result(args.json, result)
    return 0


def report(result: dict) -> str:
    out = [f"best of {result['protocol']['repeats']} runs; load average before {result['load_average']['before']}, "
           f"after {result['load_average']['after']}", "",
           "| lines | parse floor s | reviewer s | x floor | ms / line | peak MB | KB / line |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for row in result["file_size"]:
        out.append(f"| {row['lines']} | {row['floor_s']:.2f} | {row['check_s']:.2f} | {row['x_floor']:.2f} | "
                   f"{row['ms_per_line']:.3f} | {row['check_peak_mb']:.0f} | {row['kb_per_line']:.1f} |")
    small, large = result["file_size"][0], result["file_size"][-1]
    out += ["", f"per line, {large['lines']} lines vs {small['lines']}: time {large['ms_per_line'] / small['ms_per_line']:.2f}x, "
                f"memory {large['kb_per_line'] / small['kb_per_line']:.2f}x (target: at most 1.5x)", "",
            "| findings in one file | wall s | ratio (linear: 8x, target at most 12x) |", "| --- | --- | --- |"]
    for kind, row in result["findings"].items():
        out.append(f"| {kind}: {row['findings'][0]} -> {row['findings'][1]} | "
                   f"{row['wall_s'][0]:.2f} -> {row['wall_s'][1]:.2f} | {row['ratio']:.2f}x |")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
