"""Benchmark figures are backed by files: every result JSON names its machine, versions,
commit and protocol, and every figure the README and benchmarks/README.md quote equals the
committed benchmarks/results/*.json, rounded as quoted.

The mechanism is tested on the smallest runs, written to tmp_path; the committed files come
from a quiet machine (the commands are in benchmarks/README.md, and in RESULTS below).
"""

import json
import re
import sys

import pytest

from conftest import ROOT

BENCH = ROOT / "benchmarks"
RESULTS_DIR = BENCH / "results"
sys.path.insert(0, str(BENCH))

import bench  # noqa: E402
import corpus  # noqa: E402
import fix_check  # noqa: E402
import scaling  # noqa: E402

#: result file -> the command that writes it ($T: torch's source folder)
RESULTS = {
    "optim8": "python benchmarks/bench.py $T/optim --copies 8 --one-worker --json benchmarks/results/optim8.json",
    "training": "python benchmarks/bench.py --synthetic training --files 300 --one-worker --doubled "
                "--json benchmarks/results/training.json",
    "torch": "python benchmarks/bench.py $T/nn $T/utils $T/fx --json benchmarks/results/torch.json",
    "scaling": "python benchmarks/scaling.py --json benchmarks/results/scaling.json",
    "megatron": "python benchmarks/bench.py Megatron-LM --skip fixit --skip torchfix --skip single "
                "--json benchmarks/results/megatron.json",
    "server": "python benchmarks/server.py --changes 50 --json benchmarks/results/server.json",
    "server-triggers": "python benchmarks/server.py --changes 50 --findings 0 "
                       "--json benchmarks/results/server-triggers.json",
}
#: the README's Performance table: the start of a row's corpus cell -> its result file
PERFORMANCE_ROWS = {
    "training-heavy: torch `optim` copied 8 times": "optim8",
    "training-heavy: synthetic": "training",
    "library-heavy:": "torch",
}
FLOOR, COLD, ONE = "libcst parse floor (1 process)", "reviewer check, cold (--no-cache)", "reviewer check, cold, --jobs 1"
WARM, SINGLE, DOUBLED = "reviewer check, warm cache", "reviewer check, single file", "reviewer check, cold, corpus x2"
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def assert_provenance(result, timed=True):
    machine = result["machine"]
    assert machine["cpu"] and machine["python"] and machine["memory_gb"]
    assert machine["cpu_count"] >= machine["usable_cpus"] >= 1
    assert result["versions"]["libcst"] and result["versions"]["reviewer"]
    assert re.fullmatch(r"[0-9a-f]{40}", result["source"]["commit"])
    assert isinstance(result["source"]["dirty"], bool)
    if timed:
        assert {"timed", "statistic", "cold"} <= set(result["protocol"])


# --------------------------------------------------------------------------- the mechanism


def test_bench_json_names_machine_versions_commit_and_protocol(tmp_path):
    source = tmp_path / "src"
    corpus.generate(str(source), files=3, mix="training", seed=0)
    out = tmp_path / "bench.json"
    code = bench.main([str(source), "--runs", "1", "--warm-runs", "1", "--no-count", "--json", str(out),
                       "--skip", "single", "--skip", "fixit", "--skip", "torchfix"])
    result = json.loads(out.read_text())
    assert code == 0
    assert_provenance(result)
    assert (result["protocol"]["repeats"], result["protocol"]["warm_repeats"]) == (1, 1)
    assert [row["name"] for row in result["rows"]] == [FLOOR, COLD, WARM]


def test_scaling_json_names_machine_versions_commit_and_protocol(tmp_path, monkeypatch):
    monkeypatch.setattr(scaling, "SIZES", (60,))
    monkeypatch.setattr(scaling, "FINDINGS", {"get_lr": (1, 2)})
    out = tmp_path / "scaling.json"
    assert scaling.main(["--runs", "1", "--json", str(out)]) == 0
    result = json.loads(out.read_text())
    assert_provenance(result)
    assert result["protocol"]["repeats"] == 1 and result["protocol"]["sizes"] == [60]
    assert [row["lines"] >= 60 for row in result["file_size"]] == [True]
    assert result["findings"]["get_lr"]["findings"] == [1, 2]


def test_server_json_names_machine_versions_commit_and_protocol(tmp_path):
    pytest.importorskip("pygls")
    import server

    out = tmp_path / "server.json"
    assert server.main(["--lines", "60", "--findings", "1", "--changes", "2", "--warm-up", "0",
                        "--json", str(out)]) == 0
    result = json.loads(out.read_text())
    assert_provenance(result)
    assert result["protocol"]["changes"] == 2 and len(result["times_ms"]) == 2
    assert result["diagnostics"] == 1


def test_fix_check_json_names_machine_versions_commit_and_corpora(tmp_path):
    (tmp_path / "sched.py").write_text("import torch\nopt = torch.optim.SGD([], lr=0.1)\n"
                                       "s = torch.optim.lr_scheduler.StepLR(opt, 10)\nprint(s.get_lr())\n")
    out = tmp_path / "fix.json"
    assert fix_check.main([str(tmp_path), "--json", str(out)]) == 0
    result = json.loads(out.read_text())
    assert_provenance(result, timed=False)
    assert result["corpora"] == [str(tmp_path.resolve())] and result["protocol"]
    assert result["fixed"] == {"get-lr-instead-of-get-last-lr": 1} and result["failures"] == {}


# --------------------------------------------------------------------------- the committed results


def committed(name):
    path = RESULTS_DIR / f"{name}.json"
    assert path.is_file(), f"{path.relative_to(ROOT)} is not committed; on a quiet machine run: {RESULTS[name]}"
    return json.loads(path.read_text(encoding="utf-8"))


def rows_of(result):
    return {row["name"]: row for row in result["rows"]}


def agrees(quoted, value):
    """Whether `value` rounds to the figure `quoted` (as many decimals as it has; 1,097 is 1097)."""
    quoted = quoted.replace(",", "")
    decimals = len(quoted.split(".")[1]) if "." in quoted else 0
    return f"{value:.{decimals}f}" == quoted


def spans(low, high, values):
    """Whether a quoted range `low-high` runs from the least of `values` to the greatest."""
    return agrees(low, min(values)) and agrees(high, max(values))


def readme_section(path, heading):
    text = path.read_text(encoding="utf-8")
    return text.split(heading, 1)[1].split("\n## ", 1)[0]


def table_rows(section):
    """Rows (lists of cells) of every markdown table of a section, headers and rules left out."""
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in section.splitlines() if line.startswith("|")]
    return [row for row in rows if not set("".join(row)) <= set("- ") and row[0] not in ("corpus", "lines")]


def test_benchmarks_readme_gives_the_command_of_every_result_file():
    text = (BENCH / "README.md").read_text(encoding="utf-8")
    assert [name for name, command in RESULTS.items() if command not in text] == []


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_committed_result_names_its_machine_and_protocol_and_a_commit(name):
    result = committed(name)
    assert_provenance(result)
    assert result["source"]["dirty"] is False, "measured on a tree with changes: the figures are of no commit"


def test_readme_performance_names_the_commit_machine_and_protocol_of_the_results():
    section = readme_section(ROOT / "README.md", "## Performance")
    text = " ".join(section.split())
    names = ("optim8", "training", "torch", "scaling")
    results = [committed(name) for name in names]
    commit = re.search(r"at commit ([0-9a-f]{7,40})", text).group(1)
    # a table row measured again later names its own commit: `... 150k lines (commit 659eb69)`
    own = {next(n for start, n in PERFORMANCE_ROWS.items() if row[0].startswith(start)): found.group(1)
           for row in table_rows(section)[:len(PERFORMANCE_ROWS)]
           if (found := re.search(r"\(commit ([0-9a-f]{7,40})\)", row[0]))}
    python, libcst = re.search(r"Python ([\d.]+), libcst ([\d.]+)\)", text).groups()
    for name, result in zip(names, results):
        assert result["source"]["commit"].startswith(own.get(name, commit)), name
        assert (result["machine"]["python"], result["versions"]["libcst"]) == (python, libcst)
    repeats = int(re.search(r"each row gives the best of (\d+) runs", text).group(1))
    warm = int(re.search(r"warm runs are the best of (\d+)", text).group(1))
    for result in results[:3]:
        assert (result["protocol"]["repeats"], result["protocol"]["warm_repeats"]) == (repeats, warm)


def test_readme_performance_table_is_the_committed_results():
    wrong = []
    for row in table_rows(readme_section(ROOT / "README.md", "## Performance"))[:len(PERFORMANCE_ROWS)]:
        label, floor_cell, cold_cell, one_cell, warm_cell, single_cell = row
        name = next(n for start, n in PERFORMANCE_ROWS.items() if label.startswith(start))
        result = committed(name)
        rows = rows_of(result)
        floor, cold = rows[FLOOR], rows[COLD]

        def check(what, quoted, value):
            if not agrees(quoted, value):
                wrong.append(f"{name} {what}: the README says {quoted}, {name}.json has {value:.4f}")

        files = re.search(r"([\d,]+) files", label).group(1)
        check("files", files, result["corpus"]["files"])
        lines = re.search(r"(\d+)k lines", label)
        if lines:
            check("thousand lines", lines.group(1), result["corpus"]["lines"] / 1000)
        seconds, ratio = re.fullmatch(r"([\d.]+) s \(([\d.]+)x\)", floor_cell).groups()
        check("parse floor", seconds, floor["wall_s"])
        check("parse floor ratio", ratio, 1.0)
        match = re.fullmatch(r"([\d.]+) s \(\*\*([\d.]+)x\*\*(?:; ([\d.]+)x-([\d.]+)x over (\w+) runs)?\)", cold_cell)
        check("cold", match.group(1), cold["wall_s"])
        check("cold / floor", match.group(2), cold["ratio_to_floor"])
        if match.group(3):  # the spread of cold / floor over the alternating pairs of runs
            pairs = [c / f for f, c in zip(floor["runs"], cold["runs"])]
            if NUMBER_WORDS[match.group(5)] != len(pairs) or not spans(match.group(3), match.group(4), pairs):
                wrong.append(f"{name} cold / floor spread: the README says {match.group(0)}, the pairs give {pairs}")
        if one_cell:
            seconds, ratio = re.fullmatch(r"([\d.]+) s \(default: \*\*([\d.]+)x\*\* of it\)", one_cell).groups()
            check("--jobs 1", seconds, rows[ONE]["wall_s"])
            check("cold / --jobs 1", ratio, cold["wall_s"] / rows[ONE]["wall_s"])
        seconds, percent = re.fullmatch(r"([\d.]+) s \(\*\*([\d.]+)%\*\*(?: of cold)?\)", warm_cell).groups()
        check("warm", seconds, rows[WARM]["wall_s"])
        check("warm % of cold", percent, 100 * rows[WARM]["wall_s"] / cold["wall_s"])
        check("one file", re.fullmatch(r"([\d.]+) s", single_cell).group(1), rows[SINGLE]["wall_s"])
    assert not wrong, "\n".join(wrong)


def test_readme_scaling_table_and_ratios_are_the_committed_results():
    section = readme_section(ROOT / "README.md", "## Performance")
    text = " ".join(section.split())
    scale = committed("scaling")
    benches = {name: rows_of(committed(name)) for name in ("optim8", "training", "torch")}
    wrong = []

    def check(what, quoted, value):
        if not agrees(quoted, value):
            wrong.append(f"{what}: the README says {quoted}, the results give {value:.4f}")

    size_rows = table_rows(section)[len(PERFORMANCE_ROWS):]
    assert len(size_rows) == len(scale["file_size"])
    for row, measured in zip(size_rows, scale["file_size"]):
        lines, floor, check_s, x_floor, ms, peak = (re.sub(r" (s|MB)$|x$", "", cell) for cell in row)
        check("lines", lines, measured["lines"])
        check(f"{lines} lines: parse floor", floor, measured["floor_s"])
        check(f"{lines} lines: check", check_s, measured["check_s"])
        check(f"{lines} lines: x floor", x_floor, measured["x_floor"])
        check(f"{lines} lines: ms per line", ms, measured["ms_per_line"])
        check(f"{lines} lines: peak MB", peak, measured["check_peak_mb"])
    small, large = scale["file_size"][0], scale["file_size"][-1]
    get_lr, defaults = re.search(r"takes ([\d.]+)x and ([\d.]+)x the time", text).groups()
    check("8x get_lr findings", get_lr, scale["findings"]["get_lr"]["ratio"])
    check("8x mutable defaults", defaults, scale["findings"]["mutable defaults"]["ratio"])
    check("per-line time", re.search(r"per-line time ([\d.]+)x", text).group(1),
          large["ms_per_line"] / small["ms_per_line"])
    check("per-line memory", re.search(r"memory ([\d.]+)x from", text).group(1),
          large["kb_per_line"] / small["kb_per_line"])
    check("largest file / its parse", re.search(r"-line file ([\d.]+)x its parse", text).group(1), large["x_floor"])
    training = benches["training"]
    check("corpus held twice", re.search(r"held twice takes ([\d.]+)x", text).group(1),
          training[DOUBLED]["wall_s"] / training[COLD]["wall_s"])
    check("library cold / floor", re.search(r"library tree's ([\d.]+)x", text).group(1),
          benches["torch"][COLD]["ratio_to_floor"])
    low, high = re.search(r"two workers ([\d.]+)-([\d.]+)x of one", text).groups()
    workers = [rows[COLD]["wall_s"] / rows[ONE]["wall_s"] for rows in benches.values() if ONE in rows]
    if not spans(low, high, workers):
        wrong.append(f"two workers: the README says {low}-{high}x, the results give {workers}")
    low, high = re.search(r"warm runs (\d+)-(\d+)% of cold", text).groups()
    warm = [100 * rows[WARM]["wall_s"] / rows[COLD]["wall_s"] for rows in benches.values()]
    if not spans(low, high, warm):
        wrong.append(f"warm runs: the README says {low}-{high}%, the results give {warm}")
    assert not wrong, "\n".join(wrong)


def test_server_figures_are_the_committed_results():
    server, triggers = committed("server"), committed("server-triggers")
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    seconds = re.search(r"answered in about ([\d.]+) s \(`benchmarks/server.py`\)", readme).group(1)
    assert agrees(seconds, server["median_ms"] / 1000), (seconds, server["median_ms"])
    text = " ".join((BENCH / "README.md").read_text(encoding="utf-8").split())
    median, p95 = re.search(r"(\d+) ms median, (\d+) ms p95 when rules run", text).groups()
    assert (agrees(median, server["median_ms"]), agrees(p95, server["p95_ms"])) == (True, True), \
        (median, p95, server["median_ms"], server["p95_ms"])
    only = re.search(r"(\d+) ms median when only the triggers run", text).group(1)
    assert agrees(only, triggers["median_ms"]), (only, triggers["median_ms"])


def test_readme_megatron_figures_are_the_committed_result():
    text = " ".join(readme_section(ROOT / "README.md", "## Performance").split())
    match = re.search(r"Megatron-LM \(NVIDIA/Megatron-LM at \w+, its `.py` files: ([\d,]+) linted, (\d+)k lines\), "
                      r"measured at commit (\w+) .*? cold ([\d.]+) s, \*\*([\d.]+)x\*\* its parse floor of ([\d.]+) s "
                      r"\(([\d.]+)x-([\d.]+)x over two runs; .*?warm ([\d.]+) s \(\*\*([\d.]+)%\*\* of cold\), (\d+) findings",
                      text)
    files, lines, commit, cold, ratio, floor, low, high, warm, percent, found = match.groups()
    result = committed("megatron")
    rows = rows_of(result)
    pairs = [c / f for f, c in zip(rows[FLOOR]["runs"], rows[COLD]["runs"])]
    assert result["source"]["commit"].startswith(commit)
    assert agrees(files, result["corpus"]["files"]) and agrees(lines, result["corpus"]["lines"] / 1000)
    assert agrees(cold, rows[COLD]["wall_s"]) and agrees(ratio, rows[COLD]["ratio_to_floor"])
    assert agrees(floor, rows[FLOOR]["wall_s"]) and spans(low, high, pairs)
    assert agrees(warm, rows[WARM]["wall_s"]) and agrees(percent, 100 * rows[WARM]["wall_s"] / rows[COLD]["wall_s"])
    assert f"{found} findings" == rows[COLD]["note"]
