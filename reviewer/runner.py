"""Running the engine over many files: answers from the cache here, the rest in worker
processes (reviewer.workers), each file processed by reviewer.processing."""

from __future__ import annotations

import os
from typing import Callable, List, Optional, Sequence

from reviewer import source
from reviewer.cache import Cache
from reviewer.processing import FileOutcome, Job, rules_for, settled
from reviewer.workers import Pool


def cached_outcome(path: str, job: Job, cache: Cache) -> Optional[FileOutcome]:
    """The outcome of a file whose findings are cached and need no fixing; None otherwise.

    An unchanged stat answers without reading the file (unless it has findings to show)."""
    rules = rules_for(path, job)
    try:
        stat = os.stat(path)
    except OSError:
        return None  # a worker reports it
    signature = source.stat_signature(stat)
    if not job.max_file_size or stat.st_size <= job.max_file_size:
        findings = cache.by_stat(path, signature, rules, job.torch_release_for(path), lambda: job.project_state(path))
        if findings is not None and settled(findings, job):
            outcome = FileOutcome(path, findings=findings)
            if findings:
                try:
                    shown = source.read(path, max_bytes=0)
                except source.SourceError:
                    return None
                if shown.signature != signature:
                    return None  # changed since the stat: the findings may not fit this text
                outcome.text = shown.text
            return outcome
    try:
        original = source.read(path, max_bytes=job.max_file_size)
    except source.SourceError:
        return None
    _, findings, state = cache.lookup(rules, original.text, path, job.torch_release_for(path),
                                      lambda: job.project_state(path))
    if findings is None or not settled(findings, job):
        return None
    return FileOutcome(path, findings=findings, text=original.text if findings else None, signature=original.signature,
                       reads_project=state is not None, project_state=state)


def _remember(outcome: FileOutcome, job: Job, cache: Cache) -> None:
    """Index the outcome's findings by the stat its file was read with, when they are
    exactly the cached findings of that content (nothing failed, nothing was fixed)."""
    if outcome.signature is None or outcome.error or outcome.fatal or outcome.fixed_text is not None:
        return
    if job.mode != "check" and job.restricts_fixes:
        return  # the findings may have lost fixes that another run would apply
    if outcome.reads_project and outcome.project_state is None:
        return  # read from files that this run may have changed since
    cache.record(outcome.path, outcome.signature, rules_for(outcome.path, job), outcome.findings,
                 job.torch_release_for(outcome.path), outcome.project_state)


def usable_cores() -> int:
    """The cores this process may run on (its affinity, under `taskset` or a container's
    CPU set), not the machine's count."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def run(paths: Sequence[str], job: Job, progress: Optional[Callable[[int], None]] = None,
        workers: Optional[int] = None) -> List[FileOutcome]:
    """Process `paths` in worker processes; results in path order.

    Workers are forked processes watched by this one: a file that crashes the parser
    (libcst's native parser can overflow its stack on pathological nesting) or runs past
    the per-file time limit costs that file an internal-error finding, not the run.
    """
    # Cache hits are answered here: a warm run forks no worker and parses nothing.
    cache = Cache(job.cache_dir) if job.cache_dir else None
    results: List[Optional[FileOutcome]] = [cached_outcome(path, job, cache) if cache else None for path in paths]
    misses = [index for index, outcome in enumerate(results) if outcome is None]
    if progress and len(misses) < len(paths):
        progress(len(paths) - len(misses))
    if misses:
        pool = Pool(job, max(1, min(workers or usable_cores(), len(misses))))
        try:
            for index, outcome in zip(misses, pool.run([paths[index] for index in misses], progress)):
                results[index] = outcome
        finally:
            pool.close()
    if cache is not None:
        for outcome in results:
            _remember(outcome, job, cache)  # type: ignore[arg-type]
        cache.save_index()
    return results  # type: ignore[return-value]
