"""`reviewer trace PATH[::NAME] ...`: find the schedules, run them in a child, judge, report."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import libcst as cst

from reviewer import source
from reviewer.children import Child
from reviewer.config import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from reviewer.source import SourceFile
from reviewer.trace import properties
from reviewer.trace.child import MARKER
from reviewer.trace.discovery import Target, discover

CHILD = "reviewer.trace.child"
#: the child's address-space limit
MEMORY_MB = 4096


@dataclass
class Settings:
    steps: Optional[int] = None
    per_epoch: Optional[int] = None
    device: str = "cpu"
    timeout: float = 30.0
    lr: float = 0.1
    given: Dict[str, Dict[str, str]] = field(default_factory=dict)


@dataclass
class Traced:
    """One schedule's outcome: traced (with its checks) or not, and why."""

    path: str
    target: Target
    result: Dict[str, Any] = field(default_factory=dict)
    checks: List[properties.Check] = field(default_factory=list)
    reason: Optional[str] = None
    #: the same schedule after `--fix --unsafe-fixes`, with --compare-fix
    fixed: Optional["Traced"] = None

    @property
    def status(self) -> str:
        if self.reason is not None:
            return "not traced"
        return "failed" if any(c.failed for c in self.checks) else "passed"

    def origins(self) -> Dict[str, str]:
        """Where each argument that is not the signature's default came from."""
        return {**self.target.origins, **{name: "the trace's base LR" for name in self.result.get("base_lr_params", [])}}

    def as_json(self) -> dict:
        found = {
            "path": self.path, "name": self.target.name, "line": self.target.line, "kind": self.target.kind,
            "status": self.status, "reason": self.reason,
            "arguments": {**self.result.get("arguments", {}), **self.target.arguments},
            "origins": self.origins(), "steps": self.result.get("steps"), "horizon_not_reached": self.result.get("truncated"),
            "device": self.result.get("device"),
            "checks": [c.as_json() for c in self.checks], "lrs": self.result.get("lrs", []),
        }
        if self.fixed is not None:
            found["fixed"] = self.fixed.as_json()
        return found


TORCH_MISSING = "reviewer trace needs PyTorch: pip install 'reviewer[torch]'"


def torch_installed() -> bool:
    """Without importing it: the parent never needs torch, the child does."""
    import importlib.util

    return importlib.util.find_spec("torch") is not None


class TraceError(Exception):
    """A path that cannot be traced at all: one line, naming the file."""


def split_spec(spec: str) -> Tuple[str, Optional[str]]:
    path, _, name = spec.partition("::")
    return path, (name or None)


@dataclass
class Prepared:
    """One file, its schedules found: those to run, and those that cannot be (with why)."""

    path: str
    ready: List[Target]
    outcomes: List[Traced]
    #: the file as read (its encoding too, for a fixed copy)
    source: SourceFile
    #: the file the child imports (a fixed copy for --compare-fix)
    run_as: str = ""


def prepare(path: str, names: Sequence[str], settings: Settings, given: Optional[SourceFile] = None) -> Prepared:
    """Find the schedules of one file (all, or those named); `given` replaces reading it."""
    from reviewer.analysis import FileAnalysis

    if given is None:
        try:
            given = source.read(path, max_bytes=0)
        except source.SourceError as exc:
            raise TraceError(f"{path}: {exc}") from None
    text = given.text
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        raise TraceError(f"{path}:{exc.raw_line}:{exc.raw_column}: cannot parse: {exc.message}") from None
    targets, skipped = discover(FileAnalysis(module, text, path), settings.given)
    if names:
        def chosen(name: str) -> bool:  # `build` also selects the schedules nested in it (`build.lf`)
            return any(name == n or name.startswith(n + ".") for n in names)

        known = [t.name for t in targets] + [s.name for s in skipped]
        unknown = [n for n in names if not any(k == n or k.startswith(n + ".") for k in known)]
        if unknown:
            found = ", ".join(sorted(known)) or "none"
            raise TraceError(f"{path}: no schedule named {', '.join(unknown)} (schedules found: {found})")
        targets = [t for t in targets if chosen(t.name)]
        skipped = [s for s in skipped if chosen(s.name)]
    if not targets and not skipped:
        raise TraceError(f"{path}: no schedule found (classes or functions that compute a learning rate)")
    outcomes = [Traced(path, Target(s.name, "-", s.line, s.line), reason=s.reason) for s in skipped]
    outcomes += [Traced(path, t, reason=_unfilled(t, t.unfilled)) for t in targets if t.unfilled]
    return Prepared(path, [t for t in targets if not t.unfilled], outcomes, given, path)


def _unfilled(target: Target, names: List[str], placeholders: Sequence[str] = ()) -> str:
    example = ", ".join(f"{n}=..." for n in names)
    why = f" (a default {', '.join(placeholders)} is a placeholder for a length)" if placeholders else ""
    return f"could not fill {', '.join(names)}{why}: give them with --args '{target.name}({example})'"


def run(files: List[Prepared], settings: Settings) -> List[Traced]:
    """Run every ready schedule of `files` in one child process (torch is imported once) and
    judge the curves; every outcome, traced or not, in file and line order."""
    runnable = [f for f in files if f.ready]
    request = {
        "files": [{"path": f.run_as, "origin": f.path, "extra_path": [os.path.dirname(os.path.abspath(f.path))],
                   "targets": [t.as_json() for t in f.ready]} for f in runnable],
        "steps": settings.steps, "per_epoch": settings.per_epoch, "device": settings.device,
        "timeout": settings.timeout, "memory_mb": MEMORY_MB, "lr": settings.lr,
    }
    results: List[Dict[str, Any]] = []
    failure: List[str] = []
    if runnable:
        results, failure = _child(request, settings.timeout * (sum(len(f.ready) + 1 for f in runnable)) + 60)
    fatal = next((r["fatal"] for r in results if "fatal" in r), None)
    if fatal is not None:
        failure = [fatal]
        results = []
    outcomes: List[Traced] = []
    for number, file in enumerate(runnable):
        mine = [r for r in results if r.get("file") == number]
        imported = next((r["import_error"] for r in mine if "import_error" in r), None)
        by_name = {r["name"]: r for r in mine if "name" in r}
        for target in file.ready:
            if imported is not None:
                outcomes.append(Traced(file.path, target, reason=f"importing the file failed: {imported}"))
            else:
                outcomes.append(_judged(file.path, target, by_name.get(target.name), failure))
    every = outcomes + [o for f in files for o in f.outcomes]
    order = {f.path: i for i, f in enumerate(files)}
    return sorted(every, key=lambda o: (order[o.path], o.target.line))


def _child(request: Dict[str, Any], limit: float) -> Tuple[List[Dict[str, Any]], List[str]]:
    with tempfile.TemporaryDirectory(prefix="reviewer-trace-") as folder:
        request_path = os.path.join(folder, "request.json")
        with open(request_path, "w", encoding="utf-8") as handle:
            json.dump(request, handle)
        child = Child(CHILD, [request_path], Path(folder), os.getcwd())
        try:
            output, errors = child.communicate(timeout=limit)
            failure = errors.strip().splitlines()[-1:] if child.returncode else []
        except subprocess.TimeoutExpired:
            child.kill()
            output, _ = child.communicate()
            failure = [f"the child process took longer than {limit:g} s"]
    return [json.loads(line[len(MARKER):]) for line in output.splitlines() if line.startswith(MARKER)], failure


def _judged(path: str, target: Target, result: Optional[Dict[str, Any]], failure: List[str]) -> Traced:
    if result is None:
        why = failure[0] if failure else "the child process ended without a result"
        return Traced(path, target, reason=f"not run: {why}")
    if result.get("unfilled"):
        return Traced(path, target, reason=_unfilled(target, result["unfilled"], result.get("placeholders", ())))
    if result.get("undrivable"):
        return Traced(path, target, reason=f"cannot drive it: {result['undrivable']}")
    if result.get("unknown"):
        return Traced(path, target, reason=f"arguments it does not take: {result['unknown']}")
    if "timeout" in result:
        return Traced(path, target, reason=f"timed out after {result['timeout']:g} s (lower --steps or raise --timeout)")
    return Traced(path, target, result, properties.judge(result, target.as_json()))


def compare_fix(files: List[Prepared], outcomes: List[Traced], settings: Settings) -> None:
    """Trace each file as `--fix --unsafe-fixes` leaves it, beside its original schedules."""
    from reviewer import registry
    from reviewer.fixer import fix_text

    rules = registry.select(["ALL"])
    with tempfile.TemporaryDirectory(prefix="reviewer-trace-fixed-") as folder:
        fixed_files = []
        for number, file in enumerate(files):
            fixed = fix_text(file.path, file.source.text, rules, unsafe=True)
            names = [o.target.name for o in outcomes if o.path == file.path and o.reason is None]
            if fixed.broken or not names:
                continue
            copy = os.path.join(folder, str(number), os.path.basename(file.path))
            os.makedirs(os.path.dirname(copy))
            with open(copy, "wb") as handle:  # in the file's own encoding, which its coding line may name
                handle.write(source.encode(file.source, fixed.text))
            try:
                prepared = prepare(file.path, [], settings, replace(file.source, text=fixed.text))
            except TraceError:
                continue
            prepared.run_as = copy
            prepared.ready = [t for t in prepared.ready if t.name in names]
            prepared.outcomes = [o for o in prepared.outcomes if o.target.name in names]
            fixed_files.append(prepared)
        after = {(o.path, o.target.name): o for o in run(fixed_files, settings)} if fixed_files else {}
    for outcome in outcomes:
        outcome.fixed = after.get((outcome.path, outcome.target.name))


def exit_code(outcomes: List[Traced]) -> int:
    traced = [o for o in outcomes if o.status != "not traced"]
    if not traced:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(o.status == "failed" for o in traced) else EXIT_CLEAN

