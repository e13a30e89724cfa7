"""Mutation testing: mutmut's mutation operators, one mutant at a time, against the tests
that cover the mutated line.

    .venv/bin/python tests/mutation.py [TARGET ...] [--jobs N] [--state FILE] [--list] [--sample N --seed S] [--since REV]
    .venv/bin/python tests/mutation.py MODULE_OR_FOLDER --tests TEST_FILE ...

TARGET is a name of TARGETS (default: all of them). Each mutant is written into a copy of
the project (never into this tree) and the tests that executed its lines, fastest first,
run with `-x`: a failure, an error or a timeout kills it. Survivors listed in
tests/mutation_equivalents.toml with a reason are equivalent; the score is the share of
the other mutants that were killed. `--sample N` runs N mutants of each target drawn at
random (the same N for the same seed and file) and reports the score of those, with its
95% interval, for modules whose full run would take days. `--since REV` runs only the
mutants of lines changed since a git revision (the others' results stand while tests are
only added), and reports their score.

mutmut's own runner applies mutants only inside functions, through trampolines; the
triggers are module-level regexes and the cache fingerprint is an lru_cache'd function,
so this driver takes mutmut's operators and applies each mutant to the file as written.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import hashlib
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.toml"
#: not copied: the copy must import only its own sources, and fast
_SKIP_COPY = shutil.ignore_patterns(".git", ".venv", "__pycache__", ".reviewer_cache", ".hypothesis",
                                    ".pytest_cache", "*.egg-info", "mutants", "build", "dist")


#: the files `reviewer/rule_index.py` is made from (registry.sources_fingerprint)
_INDEXED = re.compile(r"rules/|reviewer/(?:rule|triggers)\.py$")


@dataclass(frozen=True)
class Target:
    path: str
    #: the tests that may kill its mutants (coverage picks among them per mutant)
    tests: Tuple[str, ...]
    #: mutate only these functions/classes (qualified names, prefix match); empty: the whole file
    scopes: Tuple[str, ...] = ()


_EXIT_TESTS = ("tests/test_mutation_exit_codes.py", "tests/test_cli.py", "tests/test_reliability_errors.py",
               "tests/test_cli_conveniences.py", "tests/test_notebooks.py")
TARGETS: Dict[str, Target] = {
    "fixer": Target("reviewer/fixer.py", ("tests/test_mutation_fixer.py", "tests/test_engine.py",
                                         "tests/test_cli.py")),
    "suppression": Target("reviewer/suppression.py", ("tests/test_mutation_suppression.py", "tests/test_engine.py")),
    "cache": Target("reviewer/cache.py", ("tests/test_mutation_cache.py", "tests/test_reliability_files.py")),
    "exit-codes-cli": Target("reviewer/cli.py", _EXIT_TESTS, ("run", "_guarded")),
    "exit-codes-check": Target("reviewer/checking.py", _EXIT_TESTS, ("run_check", "_finish")),
    "triggers": Target("reviewer/triggers.py", ("tests/test_mutation_triggers.py", "tests/test_trigger_checks.py",
                                                "tests/test_trigger_property.py", "tests/test_engine.py",
                                                "tests/test_registry.py")),
    "triggers-training": Target("rules/training/triggers.py", ("tests/test_mutation_triggers.py",
                                                               "tests/test_trigger_checks.py",
                                                               "tests/test_trigger_property.py",
                                                               "tests/test_rules_checkpoint_loop.py")),
    "triggers-python": Target("rules/python/triggers.py", ("tests/test_mutation_triggers.py",
                                                           "tests/test_trigger_checks.py",
                                                           "tests/test_trigger_property.py")),
}


@dataclass
class Mutant:
    key: str
    line: int
    end_line: int
    text: str
    tests: List[str] = field(default_factory=list)
    status: str = "not run"  # killed, timeout, survived, error (no test ran), not drawn


class _Scopes(cst.CSTVisitor):
    """(first line, last line, qualified name) of every class and function."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        self.names: List[str] = []
        self.spans: List[Tuple[int, int, str]] = []

    def _enter(self, node: cst.CSTNode, name: str) -> None:
        self.names.append(name)
        position = self.get_metadata(PositionProvider, node)
        self.spans.append((position.start.line, position.end.line, ".".join(self.names)))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._enter(node, node.name.value)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._enter(node, node.name.value)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.names.pop()

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.names.pop()


def _scope(spans: Sequence[Tuple[int, int, str]], line: int) -> str:
    inside = [span for span in spans if span[0] <= line <= span[1]]
    return max(inside, key=lambda span: span[0])[2] if inside else "<module>"


def mutants(target: Target, code: str) -> List[Mutant]:
    """Every mutant of `code` in the target's scopes, each keyed by where it is and what it
    changes (stable across edits elsewhere in the file)."""
    # mutmut is needed only here: the CI sample (test_mutation_sample.py) runs without it
    from mutmut.mutation.file_mutation import MutationVisitor, deep_replace, get_ignored_lines
    from mutmut.mutation.mutators import mutation_operators

    class Visitor(MutationVisitor):
        """mutmut's visitor, decorated functions included: a mutant here is one edit of the
        file, not a trampoline that a decorator could break."""

        def _skip_node_and_children(self, node: cst.CSTNode) -> bool:
            if isinstance(node, cst.FunctionDef) and node.decorators:
                return False
            return super()._skip_node_and_children(node)

    wrapper = MetadataWrapper(cst.parse_module(code))
    visitor = Visitor(mutation_operators, get_ignored_lines(target.path, code, wrapper, None))
    wrapper.visit(visitor)
    module = wrapper.module
    positions = wrapper.resolve(PositionProvider)
    scopes = _Scopes()
    wrapper.visit(scopes)
    found: List[Mutant] = []
    seen: Dict[str, int] = {}
    original_lines = code.splitlines()
    for mutation in visitor.mutations:
        position = positions[mutation.original_node]
        scope = _scope(scopes.spans, position.start.line)
        if target.scopes and not any(scope == s or scope.startswith(s + ".") for s in target.scopes):
            continue
        text = deep_replace(module, mutation.original_node, mutation.mutated_node).code  # type: ignore[union-attr]
        if text == code:
            continue
        key = f"{scope}: {_change(original_lines, text.splitlines())}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key += f" #{seen[key]}"
        found.append(Mutant(key, position.start.line, position.end.line, text))
    return found


def _change(before: List[str], after: List[str]) -> str:
    """The first changed block of lines as `old -> new`, each side joined on one line."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            old = " ".join(line.strip() for line in before[i1:i2])
            new = " ".join(line.strip() for line in after[j1:j2])
            return f"{old} -> {new}"
    return "?"


#: runs in a workspace: imports what every test run shares (not reviewer, which the
#: mutant changes), then forks one `pytest -x` per request; answers its exit status, or
#: null when it ran past its time (its process group is killed)
_SERVER = """
import json, os, signal, sys, time
import click, hypothesis, libcst, pytest
for line in sys.stdin:
    request = json.loads(line)
    pid = os.fork()
    if pid == 0:
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os._exit(pytest.main(request["args"]))
    deadline, status = time.monotonic() + request["timeout"], None
    while True:
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(code)
            break
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        time.sleep(0.02)
    print(json.dumps(status), flush=True)
"""


class Workspace:
    """A copy of the project that imports only its own sources (`reviewer.rules` is the
    top-level rules/ folder, as the package-dir mapping makes it), run without bytecode
    caches so a rewritten file is always read afresh."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="reviewer-mutation-"))
        self.root = self.folder / "project"
        shutil.copytree(ROOT, self.root, ignore=_SKIP_COPY, symlinks=True)
        (self.root / "reviewer" / "rules").symlink_to(Path("..") / "rules")
        # the generated-program trigger property: 50 programs per run instead of 500
        self.env = {"REVIEWER_TRIGGER_EXAMPLES": "50", **os.environ, "PYTHONPATH": str(self.root),
                    "PYTHONDONTWRITEBYTECODE": "1"}
        self.env.pop("REVIEWER_NO_CACHE", None)
        self.server: Optional[subprocess.Popen] = None

    def pytest(self, tests: Sequence[str], timeout: float) -> Optional[int]:
        """The exit status of `pytest -x` on `tests`; None if it ran past `timeout`."""
        if self.server is None:
            self.server = subprocess.Popen([sys.executable, "-c", _SERVER], cwd=self.root, env=self.env, text=True,
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        args = ["-x", "-q", "-p", "no:cacheprovider", "--hypothesis-seed=0", *tests]
        self.server.stdin.write(json.dumps({"args": args, "timeout": timeout}) + "\n")  # type: ignore[union-attr]
        self.server.stdin.flush()  # type: ignore[union-attr]
        return json.loads(self.server.stdout.readline())  # type: ignore[union-attr]

    def killed(self, path: str, text: str, tests: Sequence[str], timeout: float) -> str:
        """Run `tests` with `path` replaced by `text`: killed, timeout, error (no such test, or
        none ran) or survived."""
        file = self.root / path
        index = self.root / "reviewer" / "rule_index.py"
        original, original_index = file.read_bytes(), index.read_bytes()
        file.write_text(text, encoding="utf-8")
        try:
            # As a developer would after changing a rule or a trigger: else the stale index
            # alone fails the registry's tests, whatever the mutant does.
            if _INDEXED.match(path) and not self.index_rules(timeout):
                return "killed"  # the rules no longer import
            status = self.pytest(tests, timeout)
            if status == 4:  # none found: their module no longer imports (collecting it fails: 2), or they are gone
                status = self.pytest(["--collect-only", *sorted({t.split("::")[0] for t in tests})], timeout) or 4
        finally:
            file.write_bytes(original)
            index.write_bytes(original_index)
        # 4 and 5: pytest found no such test, or none ran; a mutant that breaks collection (2) is killed
        return {None: "timeout", 0: "survived", 4: "error", 5: "error"}.get(status, "killed")  # type: ignore[arg-type]

    def index_rules(self, timeout: float) -> bool:
        """`python -m reviewer.registry` in the workspace: whether it wrote the index."""
        try:
            done = subprocess.run([sys.executable, "-m", "reviewer.registry"], cwd=self.root, env=self.env,
                                  capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        return done.returncode == 0

    def close(self) -> None:
        if self.server is not None:
            self.server.stdin.close()  # type: ignore[union-attr]
            self.server.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


#: a pytest plugin: each test's coverage context is its node id (its function's, without
#: parameters), in this process and in the workers it forks; it records each test's time
_PLUGIN = '''
import os, time, coverage, pytest, json
DURATIONS = {}
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    test = item.nodeid.split("[")[0]
    coverage.Coverage.current().switch_context(test)
    start = time.perf_counter()
    yield
    DURATIONS[test] = DURATIONS.get(test, 0.0) + time.perf_counter() - start
def pytest_sessionfinish(session):
    with open(os.environ["MUTATION_DURATIONS"], "w") as out:
        json.dump(DURATIONS, out)
'''


def coverage_map(workspace: Workspace, targets: Sequence[Target]) -> Tuple[Dict[str, Dict[int, Set[str]]], Dict[str, float]]:
    """{path: {line: tests}} for the targets' files over their tests, and each test's time."""
    data_folder = workspace.folder / "coverage"
    data_folder.mkdir(exist_ok=True)
    (workspace.folder / "mutation_plugin.py").write_text(_PLUGIN)
    rc = workspace.folder / "coveragerc"
    rc.write_text(
        "[run]\nparallel = true\npatch = fork, _exit\n"
        f"data_file = {data_folder / '.coverage'}\n"
        f"include = {', '.join(str(workspace.root / t.path) for t in targets)}\n"
    )
    tests = sorted({test for target in targets for test in target.tests if (workspace.root / test).exists()})
    durations = workspace.folder / "durations.json"
    env = {**workspace.env, "PYTHONPATH": f"{workspace.root}{os.pathsep}{workspace.folder}",
           "COVERAGE_RCFILE": str(rc), "MUTATION_DURATIONS": str(durations)}
    baseline = subprocess.run([sys.executable, "-m", "coverage", "run", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                               "-p", "mutation_plugin", "--hypothesis-seed=0", *tests], cwd=workspace.root, env=env,
                              stdout=subprocess.PIPE, text=True, check=False)
    # A test that fails with no mutant would kill every mutant: it is left out.
    failing = {line.split()[1].split("[")[0] for line in baseline.stdout.splitlines()
               if line.startswith(("FAILED ", "ERROR "))}
    for test in sorted(failing):
        print(f"left out, fails without any mutant: {test}", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "coverage", "combine", "-q"], cwd=workspace.root, env=env, check=True)
    from coverage import CoverageData

    data = CoverageData(basename=str(data_folder / ".coverage"))
    data.read()
    lines: Dict[str, Dict[int, Set[str]]] = {}
    for target in targets:
        by_line = data.contexts_by_lineno(str(workspace.root / target.path))
        lines[target.path] = {line: {c for c in contexts if c and c not in failing} for line, contexts in by_line.items()}
    timed = json.loads(durations.read_text())
    return lines, {test: seconds for test, seconds in timed.items() if test not in failing}


def equivalents() -> Dict[str, Dict[str, str]]:
    with open(EQUIVALENTS, "rb") as handle:
        return tomllib.load(handle)


def _select(mutant: Mutant, target: Target, lines: Dict[int, Set[str]], durations: Dict[str, float]) -> None:
    """The tests that executed the mutant's lines, fastest first, then the target's other
    tests: code run once and cached (at import, under lru_cache), in a subprocess, or on a
    string's continuation line is not recorded under every test that depends on it."""
    covering = set().union(*(lines.get(line, ()) for line in range(mutant.line, mutant.end_line + 1)))
    others = {test for test in durations if test.split("::")[0] in target.tests} - covering
    mutant.tests = [test for group in (covering, others) for test in sorted(group, key=lambda t: durations.get(t, 60.0))]
    if not mutant.tests:  # the coverage run found no test of the target
        mutant.status = "error"


def changed_lines(path: str, since: str, root: Path = ROOT) -> Set[int]:
    """The lines of `path` (as it is now) that differ from revision `since`."""
    diff = subprocess.run(["git", "diff", "-U0", since, "--", path], cwd=root, capture_output=True, text=True,
                          check=True).stdout
    lines: Set[int] = set()
    for start, count in re.findall(r"^@@ -\S+ \+(\d+)(?:,(\d+))? @@", diff, re.MULTILINE):
        lines.update(range(int(start), int(start) + (1 if count == "" else int(count))))
    return lines


def _draw(found: List[Mutant], size: Optional[int], seed: int, name: str, lines: Optional[Set[int]]) -> None:
    """Mark as not drawn the mutants off `lines` (when given), then all but `size` of the
    rest, drawn by `seed`."""
    for mutant in found:
        if lines is not None and lines.isdisjoint(range(mutant.line, mutant.end_line + 1)):
            mutant.status = "not drawn"
    left = [index for index, mutant in enumerate(found) if mutant.status != "not drawn"]
    if size is None or size >= len(left):
        return
    chosen = set(random.Random(f"{seed}:{name}").sample(left, size))
    for index in left:
        if index not in chosen:
            found[index].status = "not drawn"


def run(targets: Dict[str, Target], jobs: int, state: Optional[Path], sample: Optional[int] = None,
        seed: int = 0, since: Optional[str] = None) -> int:
    """Run the targets' mutants; with `state`, skip those a previous run killed (tests are
    only ever added, so a killed mutant stays killed while its file is unchanged) or found
    surviving and that are listed as equivalent."""
    started = time.perf_counter()
    previous = json.loads(state.read_text()) if state and state.exists() else {}
    known = equivalents()
    workspaces = [Workspace() for _ in range(jobs)]
    results: Dict[str, List[Mutant]] = {}
    try:
        lines, durations = coverage_map(workspaces[0], list(targets.values()))
        work: List[Tuple[str, Mutant]] = []
        for name, target in targets.items():
            results[name] = mutants(target, (ROOT / target.path).read_text(encoding="utf-8"))
            _draw(results[name], sample, seed, name, changed_lines(target.path, since) if since else None)
            for mutant in results[name]:
                if mutant.status == "not drawn":
                    continue
                _select(mutant, target, lines[target.path], durations)
                before = previous.get(name, {}).get(_digest(mutant))
                if before in ("killed", "timeout") or before == "survived" and mutant.key in known.get(name, {}):
                    mutant.status = before
                elif mutant.tests:
                    work.append((name, mutant))
        free = list(workspaces)
        lock = threading.Lock()

        def one(item: Tuple[str, Mutant]) -> None:
            name, mutant = item
            with lock:
                workspace = free.pop()
            began = time.perf_counter()
            try:
                timeout = 30 + 5 * sum(durations.get(test, 10.0) for test in mutant.tests)
                mutant.status = workspace.killed(targets[name].path, mutant.text, mutant.tests, timeout)
            finally:
                with lock:
                    free.append(workspace)
                    if state:  # after each mutant: an interrupted run keeps what it found
                        previous.setdefault(name, {})[_digest(mutant)] = mutant.status
                        state.write_text(json.dumps(previous, indent=1))
            print(f"{mutant.status:9} {time.perf_counter() - began:5.1f}s {name}: {mutant.key}", file=sys.stderr, flush=True)

        with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
            list(pool.map(one, work))
    finally:
        for workspace in workspaces:
            workspace.close()
    return report(targets, results, time.perf_counter() - started, partial=sample is not None or since is not None,
                  sampled=sample is not None)


def _digest(mutant: Mutant) -> str:
    """The mutant and the whole file it is in: a result stands only for that exact file."""
    return hashlib.sha256(mutant.text.encode()).hexdigest()[:16]


def _interval(killed: int, scored: int) -> str:
    """The Wilson 95% interval of a sample's score."""
    if not scored:
        return ""
    z, share = 1.96, killed / scored
    centre = (share + z * z / (2 * scored)) / (1 + z * z / scored)
    spread = z * math.sqrt(share * (1 - share) / scored + z * z / (4 * scored * scored)) / (1 + z * z / scored)
    return f" ({max(0.0, centre - spread):.1%}-{min(1.0, centre + spread):.1%})"


def report(targets: Dict[str, Target], results: Dict[str, List[Mutant]], seconds: float, partial: bool = False,
           sampled: bool = False) -> int:
    """Print the survivors and the per-target table (of the mutants drawn, when `partial`;
    with the score's interval when they were drawn at random); 1 if a target is under 90%."""
    known = equivalents()
    failed = False
    rows = []
    for name, everything in results.items():
        found = [m for m in everything if m.status != "not drawn"]
        listed = known.get(name, {})
        survivors = [m for m in found if m.status not in ("killed", "timeout")]
        equivalent = [m for m in survivors if m.key in listed]
        for mutant in survivors:
            if mutant.key not in listed:
                print(f"SURVIVED {name} line {mutant.line} ({mutant.status}): {json.dumps(mutant.key)}")
        for key in sorted(set(listed) - {m.key for m in equivalent}) if not partial else ():
            print(f"STALE equivalent {name}: {json.dumps(key)} (killed, or no longer a mutant)")
        killed = sum(m.status in ("killed", "timeout") for m in found)
        scored = len(found) - len(equivalent)
        score = killed / scored if scored else 1.0
        failed = failed or score < 0.9
        drawn = f"{len(found)} of {len(everything)}" if partial else str(len(found))
        rows.append(f"| {name} | {targets[name].path} | {drawn} | {killed} | {len(equivalent)} | "
                    f"{len(survivors) - len(equivalent)} | {score:.1%}{_interval(killed, scored) if sampled else ''} |")
    print("\n| target | file | mutants | killed | equivalent | survived | score |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"\n{seconds:.0f} s")
    return 1 if failed else 0


def main(argv: Optional[Iterable[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET",
                        help=f"{', '.join(TARGETS)} (default: all), or a module or folder of modules to mutate with --tests")
    parser.add_argument("--tests", nargs="+", default=[], help="the test files for TARGETs given as paths")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="mutants run at once")
    parser.add_argument("--list", action="store_true", help="print the mutants' keys, run nothing")
    parser.add_argument("--state", type=Path, help="a JSON file of results, kept after each mutant: mutants it "
                        "records killed, or surviving and listed equivalent, are not rerun")
    parser.add_argument("--sample", type=int, metavar="N", help="run N mutants of each target, drawn at random")
    parser.add_argument("--seed", type=int, default=0, help="the draw of --sample")
    parser.add_argument("--since", metavar="REV", help="run only the mutants of lines changed since git revision REV")
    options = parser.parse_args(argv)
    os.chdir(ROOT)  # mutmut reads its settings from ./pyproject.toml
    targets: Dict[str, Target] = {}
    for name in options.targets or TARGETS:
        if name in TARGETS:
            targets[name] = TARGETS[name]
            continue
        files = sorted((ROOT / name).rglob("*.py")) if (ROOT / name).is_dir() else [ROOT / name]
        if not options.tests or not all(file.is_file() for file in files):
            parser.error(f"{name}: neither a target nor a module or folder given with --tests")
        for file in files:
            path = file.relative_to(ROOT).as_posix()
            targets[path] = Target(path, tuple(options.tests))
    if options.list:
        for name, target in targets.items():
            found = mutants(target, (ROOT / target.path).read_text(encoding="utf-8"))
            _draw(found, options.sample, options.seed, name,
                  changed_lines(target.path, options.since) if options.since else None)
            for mutant in found:
                if mutant.status != "not drawn":
                    print(f"{name} line {mutant.line}: {json.dumps(mutant.key)}")
        return 0
    return run(targets, max(1, options.jobs), options.state, options.sample, options.seed, options.since)


if __name__ == "__main__":
    sys.exit(main())
