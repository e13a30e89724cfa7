"""Running the engine over many files: cache, fixing, writing, time limits, worker processes."""

from __future__ import annotations

import difflib
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterator, List, Optional, Sequence, Type

from reviewer import registry, source
from reviewer.cache import Cache
from reviewer.config import Config, inside_project
from reviewer.discovery import per_file_ignores
from reviewer.engine import lint_text
from reviewer.findings import Finding
from reviewer.fixer import fix_to_fixpoint
from reviewer.rule import Rule, Severity

#: below this many files, worker start-up costs more than it saves
PARALLEL_THRESHOLD = 8


@dataclass
class Job:
    config: Config
    rules: List[Type[Rule]]
    select: Optional[List[str]] = None
    ignore: List[str] = field(default_factory=list)
    extend_select: List[str] = field(default_factory=list)
    #: "check", "fix" (write), "diff" (print, write nothing)
    mode: str = "check"
    unsafe: bool = False
    cache_dir: Optional[str] = None
    max_file_size: int = source.MAX_FILE_BYTES
    #: seconds one file may take before it becomes an internal-error finding (0: no limit)
    timeout: float = 60.0


@dataclass
class FileOutcome:
    path: str
    findings: List[Finding] = field(default_factory=list)
    #: a one-line problem with the file itself (unreadable, not UTF-8, too large...)
    error: Optional[str] = None
    applied: List[Finding] = field(default_factory=list)
    diff: str = ""
    fixed_text: Optional[str] = None
    #: the file's final text, kept only when there are findings to show with source lines
    text: Optional[str] = None
    #: something went wrong that must make the run exit 2 (a crashed rule, a broken fix)
    fatal: bool = False
    parsed: bool = False


class _Timeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    usable = seconds > 0 and hasattr(signal, "setitimer")
    if usable:
        try:
            previous = signal.signal(signal.SIGALRM, _raise_timeout)
        except ValueError:  # not the main thread
            usable = False
    if not usable:
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _raise_timeout(_signum, _frame):
    raise _Timeout()


def rules_for(path: str, job: Job) -> List[Type[Rule]]:
    ignored = per_file_ignores(path, job.config)
    if not ignored:
        return job.rules
    dropped = {rule for selector in ignored for rule in registry.expand(selector)}
    return [rule for rule in job.rules if rule not in dropped]


class FileLinter:
    """Lints one text with the file's rule set, through the cache when there is one."""

    def __init__(self, path: str, rules: Sequence[Type[Rule]], cache: Optional[Cache]) -> None:
        self.path = path
        self.rules = rules
        self.cache = cache
        self.parsed = False
        self.crashed: List[str] = []

    def __call__(self, text: str, module=None) -> List[Finding]:
        key = None
        if self.cache is not None:
            key = self.cache.key(self.rules, text.encode("utf-8", "surrogatepass"))
            cached = self.cache.get(key, self.path)
            if cached is not None:
                return cached
        result = lint_text(self.path, text, self.rules, module=module)
        self.parsed = self.parsed or result.parsed
        self.crashed.extend(result.crashed)
        if key is not None and not result.crashed:
            self.cache.put(key, result.findings)
        return result.findings


def process_file(path: str, job: Job, text: Optional[str] = None) -> FileOutcome:
    """Lint (and fix) one file; `text` given: lint that text (stdin) and write nothing."""
    outcome = FileOutcome(path)
    try:
        original = source.decode(text.encode("utf-8")) if text is not None else source.read(path, max_bytes=job.max_file_size)
    except source.SourceError as exc:
        outcome.error = f"{path}: {exc}"
        return outcome
    cache = Cache(job.cache_dir) if job.cache_dir else None
    linter = FileLinter(path, rules_for(path, job), cache)
    try:
        with _time_limit(job.timeout):
            _run(outcome, original, linter, job, write=text is None)
    except _Timeout:
        outcome.findings = [_internal(path, f"linting took longer than the {job.timeout:g} s per-file limit; skipped")]
        outcome.fatal = True
    except RecursionError:
        outcome.findings = [_internal(path, "the file is nested too deeply to analyse (RecursionError)")]
        outcome.fatal = True
    except Exception as exc:  # noqa: BLE001 - an engine bug must not stop the other files
        outcome.findings = [_internal(path, f"reviewer failed on this file: {type(exc).__name__}: {exc}")]
        outcome.fatal = True
    outcome.parsed = linter.parsed
    if outcome.findings:
        outcome.text = outcome.fixed_text if outcome.fixed_text is not None else original.text
    if linter.crashed:
        outcome.fatal = True
    return outcome


def _run(outcome: FileOutcome, original: source.SourceFile, linter: FileLinter, job: Job, write: bool) -> None:
    findings = linter(original.text)
    if job.mode == "check" or not any(f.fix for f in findings):
        outcome.findings = findings
        return
    fixed = fix_to_fixpoint(original.text, linter, job.unsafe, findings)
    outcome.findings = fixed.remaining
    if fixed.error:
        outcome.error = f"{outcome.path}: {fixed.error}"
        outcome.fatal = outcome.fatal or fixed.broken
    if fixed.text == original.text:
        return
    outcome.applied = fixed.applied
    outcome.fixed_text = fixed.text
    if job.mode == "diff":
        outcome.diff = unified_diff(outcome.path, original.text, fixed.text)
    elif write:
        problem = _write(outcome.path, original, fixed.text, job)
        if problem:  # not written: the original findings stand, nothing was fixed
            outcome.error = f"{outcome.path}: {problem}"
            outcome.fatal = True
            outcome.findings = findings
            outcome.applied = []
            outcome.fixed_text = None


def _write(path: str, original: source.SourceFile, text: str, job: Job) -> Optional[str]:
    if os.path.islink(path) and not inside_project(path, job.config.root):
        return "symbolic link to a file outside the project; not fixed"
    try:
        source.write_atomic(path, original, text)
    except source.SourceError as exc:
        return str(exc)
    return None


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=path, tofile=path
        )
    )


def _internal(path: str, message: str) -> Finding:
    return Finding("RV002", "internal-error", message, Severity.ERROR, path, 1, 1, 1, 1)


_JOB: Optional[Job] = None


def _init_worker(job: Job) -> None:
    global _JOB
    _JOB = job
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C


def _worker(path: str) -> FileOutcome:
    assert _JOB is not None
    return process_file(path, _JOB)


def run(paths: Sequence[str], job: Job, progress: Optional[Callable[[int], None]] = None,
        workers: Optional[int] = None) -> List[FileOutcome]:
    """Process `paths`, in parallel when there are enough of them; results in path order."""
    count = workers or os.cpu_count() or 1
    outcomes: List[FileOutcome] = []
    if len(paths) < PARALLEL_THRESHOLD or count < 2:
        for path in paths:
            outcomes.append(process_file(path, job))
            if progress:
                progress(1)
        return outcomes
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    chunk = max(1, min(16, len(paths) // (count * 8)))
    with ProcessPoolExecutor(count, mp_context=context, initializer=_init_worker, initargs=(job,)) as pool:
        for outcome in pool.map(_worker, paths, chunksize=chunk):
            outcomes.append(outcome)
            if progress:
                progress(1)
    return outcomes
