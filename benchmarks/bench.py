"""Benchmark `reviewer check` against the libcst parse floor, Fixit and TorchFix.

    python benchmarks/bench.py [CORPUS_DIR ...] [--synthetic training|library|mixed]
                               [--files 300] [--runs 3] [--doubled] [--json FILE]

Without a corpus folder it generates a deterministic synthetic corpus
(benchmarks/corpus.py). Several folders are measured together as one corpus.
Every measurement runs in a fresh subprocess on a private copy of the corpus's
.py files (a temporary folder holding a marker pyproject.toml, so that the
project root, the configuration and `.reviewer_cache/` are the copy's own).

Protocol: the parse floor and the cold run alternate (`--runs`, default 2: each cold
run right after its floor), and each row gives its best run; the warm run is the best
of `--warm-runs` (default 3) after one run that fills the cache. The load average is
printed before and after: figures measured on a busy machine mislead.

Rows:
  parse floor      one process reading, decoding and `libcst.parse_module`-ing every file
  reviewer cold    `reviewer check . --no-cache --exit-zero -q`, default rules and workers
  reviewer warm    the same without --no-cache after one run that filled the cache
  single file      `reviewer check FILE --no-cache --exit-zero -q` (the pre-commit case)
  fixit / torchfix `fixit lint .` and `torchfix .` when installed (or given with --fixit/--torchfix)
  one worker       reviewer cold with --jobs 1 (--one-worker), right after the default cold run
  doubled corpus   reviewer cold on every file twice (--doubled): time should double
Peak memory is the largest resident set of any process of the run (the main
process or one worker, from getrusage(RUSAGE_CHILDREN)); with psutil installed
the peak of the whole process tree is sampled too.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import corpus as synthetic  # noqa: E402

#: runs a command, prints {"wall", "maxrss_kb", "tree_peak_kb", "rc", "stderr"} as JSON
WRAPPER = r"""
import json, os, resource, subprocess, sys, threading, time
cmd, cwd, timeout = json.loads(sys.argv[1])
try:
    import psutil
except ImportError:
    psutil = None
peak = [0]
done = threading.Event()
def sample(pid):
    try:
        root = psutil.Process(pid)
    except Exception:
        return
    while not done.is_set():
        total = 0
        try:
            procs = [root] + root.children(recursive=True)
        except Exception:
            break
        for p in procs:
            try:
                total += p.memory_info().rss
            except Exception:
                pass
        peak[0] = max(peak[0], total)
        done.wait(0.02)
start = time.perf_counter()
proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
thread = None
if psutil is not None:
    thread = threading.Thread(target=sample, args=(proc.pid,), daemon=True)
    thread.start()
try:
    _, err = proc.communicate(timeout=timeout)
    rc = proc.returncode
except subprocess.TimeoutExpired:
    proc.kill()
    _, err = proc.communicate()
    rc = "timeout"
wall = time.perf_counter() - start
done.set()
if thread is not None:
    thread.join()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "maxrss_kb": usage.ru_maxrss, "tree_peak_kb": peak[0] // 1024 or None,
                  "rc": rc, "stderr": err.decode("utf-8", "replace")[-2000:]}))
"""

#: the parse floor: read, decode and parse every file listed in argv[1]; prints the parse-only seconds
FLOOR = r"""
import sys, time
import libcst
start = time.perf_counter()
failed = 0
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        libcst.parse_module(data.decode("utf-8"))
    except Exception:
        failed += 1
sys.stderr.write("parse-only %.4f failed %d\n" % (time.perf_counter() - start, failed))
"""


@dataclass
class Row:
    name: str
    command: str
    files: int
    runs: List[float] = field(default_factory=list)
    wall_s: Optional[float] = None
    #: user + system CPU seconds of the whole process tree in the best run; less sensitive to a busy machine
    cpu_s: Optional[float] = None
    files_per_s: Optional[float] = None
    peak_mb: Optional[float] = None
    tree_peak_mb: Optional[float] = None
    ratio_to_floor: Optional[float] = None
    note: str = ""
    #: a run that exited with an accepted non-zero code (reviewer: 2 = a rule crashed on some file)
    warning: str = ""
    error: Optional[str] = None


def measure(cmd: Sequence[str], cwd: str, env: Dict[str, str], timeout: float) -> dict:
    """One run of `cmd` in a fresh wrapper process (so that getrusage covers only this run)."""
    payload = json.dumps([list(cmd), cwd, timeout])
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, payload], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


#: exit codes of a `reviewer check --exit-zero` run that still timed a complete run
REVIEWER_OK = (0, 2)


def run_row(name: str, cmd: Sequence[str], cwd: str, files: int, runs: int, env: Dict[str, str],
            timeout: float, ok_codes=(0,), verbose: bool = True) -> Row:
    row = Row(name, " ".join(shlex.quote(c) for c in cmd), files)
    peaks, trees, cpus, notes = [], [], [], []
    for index in range(runs):
        result = measure(cmd, cwd, env, timeout)
        if result["rc"] not in ok_codes or "Traceback (most recent call last)" in result["stderr"]:
            row.error = f"exit {result['rc']}: {result['stderr'].strip()[-600:]}"
            if verbose:
                print(f"  {name}: FAILED ({row.error})", file=sys.stderr)
            return row
        if result["rc"] != 0 and ok_codes is REVIEWER_OK:
            row.warning = f"exit {result['rc']}: internal errors (a rule crashed on some file)"
        row.runs.append(result["wall"])
        cpus.append(result["cpu"])
        peaks.append(result["maxrss_kb"] / 1024)
        if result["tree_peak_kb"]:
            trees.append(result["tree_peak_kb"] / 1024)
        notes.append(_stderr_note(result["stderr"]))
        if verbose:
            print(f"  {name}: run {index + 1}/{runs} {result['wall']:.3f} s", file=sys.stderr)
    best = min(range(len(row.runs)), key=row.runs.__getitem__)
    row.wall_s = row.runs[best]
    row.note = notes[best]
    row.cpu_s = cpus[best]
    row.files_per_s = files / row.wall_s if row.wall_s else None
    row.peak_mb = max(peaks)
    row.tree_peak_mb = max(trees) if trees else None
    return row


def alternate(specs: Sequence[tuple], runs: int, **common) -> List[Row]:
    """Rows for (name, cmd, ok_codes) whose runs alternate (floor, cold, floor, cold...), so
    that each run is measured right after the one it is compared with."""
    tries: List[List[Row]] = [[] for _ in specs]
    for _ in range(runs):
        for (name, cmd, ok), done in zip(specs, tries):
            if not done or done[-1].error is None:
                done.append(run_row(name, cmd, runs=1, ok_codes=ok, **common))
    return [_best(done) for done in tries]


def _best(done: List[Row]) -> Row:
    """The best of single-run rows, with every run's time and the largest peak; a failed run
    fails the row."""
    failed = next((row for row in done if row.error is not None), None)
    if failed is not None:
        return failed
    best = min(done, key=lambda row: row.wall_s)  # type: ignore[arg-type, return-value]
    best.runs = [row.wall_s for row in done]  # type: ignore[misc]
    best.peak_mb = max(row.peak_mb or 0 for row in done)
    trees = [row.tree_peak_mb for row in done if row.tree_peak_mb]
    best.tree_peak_mb = max(trees) if trees else None
    return best


def _stderr_note(stderr: str) -> str:
    for line in stderr.splitlines():
        if line.startswith("parse-only"):
            parts = line.split()
            return f"parse only {float(parts[1]):.2f} s" + (f", {parts[3]} files failed" if parts[3] != "0" else "")
    return ""


# --------------------------------------------------------------------------- corpus preparation


def collect(folders: Sequence[str]) -> List[tuple]:
    """(absolute source, relative destination) of every .py file, one subfolder per corpus folder."""
    pairs = []
    used = set()
    for folder in folders:
        folder = os.path.abspath(folder)
        base = os.path.basename(folder.rstrip(os.sep)) or "corpus"
        label, k = base, 1
        while label in used:
            k += 1
            label = f"{base}{k}"
        used.add(label)
        for directory, subdirs, names in os.walk(folder):
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(names):
                if name.endswith(".py"):
                    source = os.path.join(directory, name)
                    pairs.append((source, os.path.join(label, os.path.relpath(source, folder))))
    return pairs


def materialise(pairs: Sequence[tuple], dest: str, copies: int = 1) -> List[str]:
    """Copy the files under `dest` (`copies` times, in copy1/, copy2/... when more than one)."""
    os.makedirs(dest, exist_ok=True)
    with open(os.path.join(dest, "pyproject.toml"), "w", encoding="utf-8") as handle:
        handle.write("# benchmark corpus: marks the project root for reviewer and fixit\n")
    written = []
    for copy in range(copies):
        for source, relative in pairs:
            if copies > 1:
                relative = os.path.join(f"copy{copy + 1}", relative)
            target = os.path.join(dest, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(source, target)
            written.append(relative)
    return written


def describe(dest: str, files: Sequence[str]) -> dict:
    lines = size = 0
    for relative in files:
        with open(os.path.join(dest, relative), "rb") as handle:
            data = handle.read()
        size += len(data)
        lines += data.count(b"\n")
    return {"files": len(files), "lines": lines, "megabytes": round(size / 1e6, 2)}


def pick_single(dest: str, files: Sequence[str]) -> str:
    """The median-sized file among those that use an optimizer or a scheduler (else among all)."""
    sized = []
    for relative in files:
        with open(os.path.join(dest, relative), "rb") as handle:
            data = handle.read()
        sized.append((b"optim" in data or b"lr_scheduler" in data, len(data), relative))
    training = sorted(s for s in sized if s[0] and s[1] > 0)
    pool = training or sorted(s for s in sized if s[1] > 0)
    return pool[len(pool) // 2][2]


# --------------------------------------------------------------------------- tools


def find_tool(explicit: Optional[str], name: str) -> Optional[List[str]]:
    if explicit:
        return shlex.split(explicit)
    beside = os.path.join(os.path.dirname(sys.executable), name)
    if os.path.exists(beside):
        return [beside]
    found = shutil.which(name)
    return [found] if found else None


def tool_version(cmd: Sequence[str]) -> str:
    try:
        out = subprocess.run(list(cmd) + ["--version"], capture_output=True, text=True, timeout=60)
        text = (out.stdout or out.stderr).strip()
        return text.split()[-1] if text else "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def reviewer_version(cmd: Sequence[str], env) -> str:
    out = subprocess.run(list(cmd) + ["--version"], capture_output=True, text=True, env=env)
    text = out.stdout.strip()
    return text.split()[-1] if text else "? (" + out.stderr.strip()[-200:] + ")"


def count_findings(cmd: Sequence[str], cwd: str, env, timeout: float) -> Optional[Dict[str, int]]:
    """Findings per rule of one uncached run (not timed), from the JSON output."""
    try:
        out = subprocess.run(list(cmd) + ["check", ".", "--no-cache", "--exit-zero", "--output-format", "json"],
                             cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
        data = json.loads(out.stdout)
    except (subprocess.SubprocessError, ValueError):
        return None
    if isinstance(data, dict):
        data = data.get("findings", data.get("results", []))
    if not isinstance(data, list):
        return None
    counts: Dict[str, int] = {}
    for item in data:
        key = str(item.get("name") or item.get("code") or "?") if isinstance(item, dict) else "?"
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def imports_torch(cmd: Sequence[str], single: str, cwd: str, env) -> Optional[bool]:
    """Whether the single-file run imports torch (`-X importtime` on the reviewer process)."""
    cmd = list(cmd)
    if "-m" not in cmd or "python" not in os.path.basename(cmd[cmd.index("-m") - 1]):
        return None
    at = cmd.index("-m")
    out = subprocess.run(cmd[:at] + ["-X", "importtime"] + cmd[at:] + ["check", single, "--no-cache", "--exit-zero", "-q"],
                         cwd=cwd, env=env, capture_output=True, text=True)
    modules = {line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")}
    return "torch" in modules


# --------------------------------------------------------------------------- the benchmark


def compile_reviewer() -> None:
    """Write the bytecode of the reviewer under test, as `pip install` does."""
    import reviewer
    import reviewer.rules

    folders = [os.path.dirname(reviewer.__file__), os.path.dirname(reviewer.rules.__file__)]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], check=True, capture_output=True)


def benchmark(args) -> dict:
    env = dict(os.environ)
    env.pop("REVIEWER_NO_CACHE", None)
    # Every tool runs from compiled bytecode, as pip installs it; under this variable an
    # editable install would recompile reviewer's modules on every start (about 0.1 s).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NO_COLOR"] = "1"
    reviewer = shlex.split(args.reviewer) if args.reviewer else [sys.executable, "-m", "reviewer"]
    if not args.reviewer:
        compile_reviewer()
    work = tempfile.mkdtemp(prefix="reviewer-bench-")
    try:
        if args.corpus:
            pairs = collect(args.corpus)
            source_desc = [os.path.abspath(c) for c in args.corpus]
        else:
            generated = os.path.join(work, "generated")
            synthetic.generate(generated, args.files, args.synthetic, args.seed)
            pairs = collect([generated])
            source_desc = f"synthetic --synthetic {args.synthetic} --files {args.files} --seed {args.seed}"
        if not pairs:
            raise SystemExit("no .py files in the corpus")
        dest = os.path.join(work, "corpus")
        files = materialise(pairs, dest, copies=args.copies)
        if args.copies > 1:
            source_desc = f"{source_desc}, {args.copies} copies"
        info = describe(dest, files)
        n = len(files)
        print(f"corpus: {info['files']} files, {info['lines']} lines, {info['megabytes']} MB ({source_desc})", file=sys.stderr)
        load_before = load_average()
        listing = os.path.join(work, "files.txt")
        with open(listing, "w", encoding="utf-8") as handle:
            handle.write("\n".join(os.path.join(dest, f) for f in files))
        skip = set(args.skip or ())
        rows: List[Row] = []
        timeout = args.timeout

        common = dict(cwd=dest, files=n, env=env, timeout=timeout)
        cold_cmd = reviewer + ["check", ".", "--no-cache", "--exit-zero", "-q"]
        specs = []
        if "floor" not in skip:
            specs.append(("libcst parse floor (1 process)", [sys.executable, "-c", FLOOR, listing], (0,)))
        if "cold" not in skip:
            specs.append(("reviewer check, cold (--no-cache)", cold_cmd, REVIEWER_OK))
            if args.one_worker:
                specs.append(("reviewer check, cold, --jobs 1", cold_cmd + ["--jobs", "1"], REVIEWER_OK))
        alternated = dict(zip([name for name, _, _ in specs], alternate(specs, args.runs, **common)))
        rows += alternated.values()
        floor = alternated.get("libcst parse floor (1 process)")
        cold = alternated.get("reviewer check, cold (--no-cache)")
        one_worker = alternated.get("reviewer check, cold, --jobs 1")
        if one_worker is not None and cold is not None and cold.wall_s and one_worker.wall_s:
            one_worker.note = f"default workers take {cold.wall_s / one_worker.wall_s:.2f}x its time"
        if "warm" not in skip:
            shutil.rmtree(os.path.join(dest, ".reviewer_cache"), ignore_errors=True)
            fill = measure(reviewer + ["check", ".", "--exit-zero", "-q"], dest, env, timeout)
            warm = run_row("reviewer check, warm cache", reviewer + ["check", ".", "--exit-zero", "-q"], dest, n,
                           args.warm_runs, env, timeout, REVIEWER_OK)
            if fill["rc"] not in REVIEWER_OK and warm.error is None:
                warm.error = f"cache-filling run exit {fill['rc']}: {fill['stderr'][-300:]}"
            if not os.path.isdir(os.path.join(dest, ".reviewer_cache")) and warm.error is None:
                warm.note = "no .reviewer_cache/ was written"
            elif cold is not None and cold.wall_s and warm.wall_s:
                warm.note = f"{100 * warm.wall_s / cold.wall_s:.1f}% of cold"
            rows.append(warm)
        single_file = None
        if "single" not in skip:
            single_file = args.single or pick_single(dest, files)
            single_cwd = dest
            if args.single:  # run where the file is (its own project root and configuration)
                single_cwd, single_file = os.path.split(os.path.abspath(args.single))
            row = run_row("reviewer check, single file", reviewer + ["check", single_file, "--no-cache", "--exit-zero", "-q"],
                          single_cwd, 1, args.runs, env, timeout, REVIEWER_OK)
            if row.error is None:
                torch_imported = imports_torch(reviewer, single_file, single_cwd, env)
                lines = open(os.path.join(single_cwd, single_file), "rb").read().count(b"\n")
                row.note = f"{lines} lines" + ("" if torch_imported is None else f"; imports torch: {'yes' if torch_imported else 'no'}")
            rows.append(row)
        peers = {}
        for name, explicit, cmd_tail, ok in (
            ("fixit", args.fixit, ["lint", "."], (0, 1)),
            ("torchfix", args.torchfix, ["."], (0, 1)),
        ):
            if name in skip:
                continue
            tool = find_tool(explicit, name)
            if tool is None:
                print(f"  {name}: not installed, skipped (see benchmarks/README.md)", file=sys.stderr)
                continue
            peers[name] = tool_version(tool)
            row = run_row(f"{name} ({peers[name]})", tool + cmd_tail, dest, n, args.peer_runs or args.runs, env,
                          timeout, ok_codes=ok)
            rows.append(row)
        if args.doubled:
            doubled_dest = os.path.join(work, "doubled")
            doubled_files = materialise(pairs, doubled_dest, copies=2)
            row = run_row("reviewer check, cold, corpus x2", reviewer + ["check", ".", "--no-cache", "--exit-zero", "-q"],
                          doubled_dest, len(doubled_files), args.runs, env, timeout, REVIEWER_OK)
            if cold is not None and cold.wall_s and row.wall_s:
                row.note = f"{row.wall_s / cold.wall_s:.2f}x the cold run (linear: 2.00 +/- 15%)"
            rows.append(row)
            shutil.rmtree(doubled_dest, ignore_errors=True)
        findings = None
        if cold is not None and cold.error is None and not args.no_count:
            findings = count_findings(reviewer, dest, env, timeout)
            if findings is not None:
                cold.note = f"{sum(findings.values())} findings"
                crashed = findings.get("internal-error", 0)
                if crashed:
                    cold.note += f" ({crashed} internal-error)"
        base = floor.wall_s if floor is not None and floor.error is None else None
        for row in rows:
            if base and row.wall_s:
                row.ratio_to_floor = row.wall_s / base
            if row.name.startswith(("fixit", "torchfix")) and cold is not None and cold.wall_s and row.wall_s:
                row.note = f"reviewer cold is {row.wall_s / cold.wall_s:.1f}x faster"
        if args.profile:
            profile(dest, args.profile)
        measured = provenance(reviewer, env)
        measured["versions"].update(peers)
        return {
            **measured,
            "protocol": {
                "repeats": args.runs, "warm_repeats": args.warm_runs, "statistic": "best (least wall time)",
                "timed": "wall time of each command in a fresh process, interpreter start included "
                         "(each row's command is in rows)",
                "order": "the parse floor and the cold runs alternate, each cold run right after its floor",
                "cold": "--no-cache: nothing cached", "warm": "after one untimed run that filled the cache",
            },
            "corpus": {"source": source_desc, **info, "single_file": single_file},
            "findings": findings,
            "load_average": {"before": load_before, "after": load_average()},
            "rows": [asdict(r) for r in rows],
        }
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def profile(dest: str, top: int) -> None:
    """cProfile one cold in-process run, serial (no worker processes), top entries by cumulative time."""
    import cProfile
    import pstats

    from reviewer import cli, processing, runner

    original = runner.run

    def serial(paths, job, progress=None, workers=None):
        outcomes = []
        for path in paths:
            outcomes.append(processing.process_file(path, job))
            if progress:
                progress(1)
        return outcomes

    patched = [m for m in list(sys.modules.values())
               if getattr(m, "__name__", "").startswith("reviewer") and getattr(m, "run", None) is original]
    for module in patched:
        module.run = serial
    cwd = os.getcwd()
    os.chdir(dest)
    profiler = cProfile.Profile()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            profiler.enable()
            try:
                cli.main(["check", ".", "--no-cache", "--exit-zero", "-q"], standalone_mode=False)
            except SystemExit:
                pass
            finally:
                profiler.disable()
    finally:
        os.chdir(cwd)
        for module in patched:
            module.run = original
    print(f"\ncProfile of one cold in-process serial run, top {top} by cumulative time:", file=sys.stderr)
    stats = pstats.Stats(profiler, stream=sys.stderr)
    stats.sort_stats("cumulative").print_stats(top)
    print("the same, project code only (reviewer/ and rules/):", file=sys.stderr)
    stats.print_stats(r"/(reviewer|rules)/", top)
    print(f"top {top} by own time:", file=sys.stderr)
    stats.sort_stats("tottime").print_stats(top)


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"platform": platform.platform(), "python": platform.python_version(), "cpu": cpu,
            "cpu_count": os.cpu_count(), "usable_cpus": usable, "memory_gb": memory_gb()}


def memory_gb() -> Optional[float]:
    try:
        return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (AttributeError, OSError, ValueError):
        return None


def source_commit() -> dict:
    """The commit of this checkout and whether tracked files differ from it (figures of a
    changed tree are of no commit)."""
    root = os.path.dirname(HERE)
    # No optional locks: reading the status must not write the index while others work.
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0")
    try:
        head = subprocess.run(["git", "-C", root, "rev-parse", "HEAD"], capture_output=True, text=True,
                              env=env, check=True).stdout.strip()
        changed = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"],
                                 capture_output=True, text=True, env=env, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "dirty": None}
    return {"commit": head, "dirty": bool(changed)}


def installation() -> dict:
    """How the reviewer this interpreter imports is installed: this checkout itself
    (`pip install -e`, whose import hook costs each start about 20 ms) or a copy (`pip
    install .`, as users get it), and whether that copy's code is the checkout's."""
    from types import SimpleNamespace

    import reviewer
    from reviewer.source import code_sources, fingerprint, package_sources

    root = os.path.dirname(HERE)
    folder = os.path.dirname(os.path.abspath(reviewer.__file__))
    if os.path.dirname(folder) == root:
        return {"kind": "editable", "same_code_as_checkout": True}
    checkout = {**package_sources(SimpleNamespace(__file__=os.path.join(root, "reviewer", "__init__.py"), __name__="reviewer")),
                **package_sources(SimpleNamespace(__file__=os.path.join(root, "rules", "__init__.py"), __name__="reviewer.rules"))}
    return {"kind": "installed", "same_code_as_checkout": fingerprint(code_sources()) == fingerprint(checkout)}


def provenance(reviewer: Sequence[str], env) -> dict:
    """What a result was measured on and with: machine, versions, the code's commit, and
    how the reviewer measured was installed."""
    return {"machine": machine(),
            "versions": {"libcst": _libcst_version(), "reviewer": reviewer_version(reviewer, env)},
            "source": source_commit(), "install": installation()}


def write_result(path: str, result: dict) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)  # benchmarks/results/ on a first run
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=2)
        handle.write("\n")


def load_average() -> Optional[List[float]]:
    """The 1-, 5- and 15-minute load averages (None where the system has none)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def _libcst_version() -> str:
    try:
        from importlib.metadata import version

        return version("libcst")
    except Exception:
        return "?"


def table(result: dict) -> str:
    header = ("measurement", "files", "wall s (best)", "files/s", "x parse floor", "CPU s", "peak MB", "note")
    lines = [header]
    for r in result["rows"]:
        if r["error"]:
            lines.append((r["name"], str(r["files"]), "failed", "", "", "", "", r["error"].splitlines()[-1][:80] if r["error"] else ""))
            continue
        peak = f"{r['peak_mb']:.0f}" + (f" ({r['tree_peak_mb']:.0f} tree)" if r["tree_peak_mb"] else "")
        lines.append((
            r["name"], str(r["files"]), f"{r['wall_s']:.3f}", f"{r['files_per_s']:.1f}",
            f"{r['ratio_to_floor']:.3f}" if r["ratio_to_floor"] is not None else "-", f"{r['cpu_s']:.2f}", peak,
            "; ".join(x for x in (r["note"], r["warning"]) if x),
        ))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) + " |" for line in lines]
    out.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    c = result["corpus"]
    m = result["machine"]
    load = result.get("load_average") or {}
    intro = (f"corpus: {c['source']}: {c['files']} files, {c['lines']} lines; best of {result['protocol']['repeats']} runs "
             f"(floor and cold alternating), warm best of {result['protocol']['warm_repeats']}\n"
             f"load average (1, 5, 15 min) before: {load.get('before')}, after: {load.get('after')}\n"
             f"machine: {m['cpu']}, {m['usable_cpus']} usable CPUs, {m['memory_gb']} GB, Python {m['python']}, "
             f"{m['platform']}\n"
             f"versions: " + ", ".join(f"{k} {v}" for k, v in result["versions"].items())
             + f"; commit {result['source']['commit']}" + (" with changes" if result["source"]["dirty"] else ""))
    return intro + "\n\n" + "\n".join(out)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=textwrap.dedent(__doc__.split("\n\n", 2)[2]),
    )
    parser.add_argument("corpus", nargs="*", help="folders of .py files (default: a synthetic corpus)")
    parser.add_argument("--synthetic", choices=sorted(synthetic.MIXES), default="mixed",
                        help="mix of the synthetic corpus: training-heavy, library-heavy or mixed (default)")
    parser.add_argument("--files", type=int, default=300, help="files in the synthetic corpus (default 300)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    parser.add_argument("--runs", type=int, default=2, help="runs of each measurement (the best is reported)")
    parser.add_argument("--warm-runs", type=int, default=3, help="runs of the warm measurement (the best is reported)")
    parser.add_argument("--copies", type=int, default=1, help="hold every file of the corpus this many times")
    parser.add_argument("--one-worker", action="store_true", help="also time the cold run with --jobs 1")
    parser.add_argument("--peer-runs", type=int, default=None, help="runs of fixit and torchfix (default: --runs)")
    parser.add_argument("--doubled", action="store_true", help="also time a corpus holding every file twice")
    parser.add_argument("--single", default=None, help="the file for the single-file run (default: a median training file)")
    parser.add_argument("--reviewer", default=None, help="command that runs reviewer (default: this python -m reviewer)")
    parser.add_argument("--fixit", default=None, help="fixit command (default: beside this python, else on PATH)")
    parser.add_argument("--torchfix", default=None, help="torchfix command (default: beside this python, else on PATH)")
    parser.add_argument("--skip", action="append", choices=["floor", "cold", "warm", "single", "fixit", "torchfix"],
                        help="leave out a measurement (repeatable)")
    parser.add_argument("--no-count", action="store_true", help="do not count findings (one extra untimed run)")
    parser.add_argument("--profile", type=int, nargs="?", const=15, default=0, metavar="N",
                        help="cProfile one cold serial in-process run and print the top N (15) cumulative entries")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per run")
    parser.add_argument("--json", default=None, metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    result = benchmark(args)
    print(table(result))
    if args.json:
        write_result(args.json, result)
    return 1 if any(r["error"] for r in result["rows"]) else 0


if __name__ == "__main__":
    sys.exit(main())
