"""Worker processes: forked, watched, and replaced when a file crashes the parser (libcst's
native parser can overflow its stack on pathological nesting) or runs past its time limit."""

from __future__ import annotations

import gc
import math
import os
import signal
import sys
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, List, Optional, Sequence, Tuple

if TYPE_CHECKING:
    from reviewer.processing import FileOutcome, Job


class Worker:
    def __init__(self, context, job: "Job") -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, job, os.getpid()), daemon=True)
        # The parent's objects, frozen across the fork, are never walked by the child's
        # collector: their pages stay shared instead of being copied (a host process with a
        # large heap, an editor or a test runner, forks in a fraction of the time). A host
        # that froze objects itself keeps its own freeze: unfreezing would thaw them too.
        ours = gc.get_freeze_count() == 0
        if ours:
            gc.freeze()
        try:
            self.process.start()
        finally:
            if ours:
                gc.unfreeze()
        child.close()
        self.task: Optional[Tuple[int, str, float]] = None  # index, path, deadline

    def stop(self, kill: bool = False) -> None:
        # SIGTERM, not SIGKILL: a worker in the middle of a write finishes it first.
        if kill:
            self.process.terminate()
        else:
            try:
                self.connection.send(None)
            except OSError:
                self.process.terminate()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.connection.close()


#: what a worker sends before it writes a file: from then on the parent lets it finish
WRITING = "writing"


def _serve(connection, job: "Job", parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _die_with(parent)
    from reviewer.processing import process_file

    @contextmanager
    def writing():
        # A terminated worker must not leave a half-done write: SIGTERM waits until the
        # file is whole, and a worker whose parent is gone writes nothing.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        try:
            if os.getppid() != parent:
                os._exit(0)
            connection.send(WRITING)
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})

    frozen = False
    while True:
        # Siblings forked later hold copies of this pipe, so a killed parent does not
        # always close it: notice the parent's death by its pid too.
        if not connection.poll(1.0):
            if os.getppid() != parent:
                os._exit(0)
            continue
        try:
            message = connection.recv()
        except (EOFError, OSError):  # the parent is gone
            os._exit(0)
        if message is None:
            connection.close()
            os._exit(0)  # skip interpreter teardown: the forked heap is large and all copy-on-write
        # A file's nodes live until it is done: collections during it would only walk them
        # again and again (about a tenth of the time). Collecting what the file allocated
        # (the youngest generation) once after it frees its cycles.
        gc.disable()
        try:
            outcome = process_file(message, job, writing=writing)
        finally:
            gc.enable()
            gc.collect(0)
        connection.send(outcome)
        if not frozen and "libcst" in sys.modules:
            # What the first parse imported lives as long as the worker: keep the cyclic
            # collector from walking it again on every later collection.
            gc.collect()
            gc.freeze()
            frozen = True


def _die_with(parent: int) -> None:
    """Have the kernel send SIGTERM when the parent dies (Linux), so a worker busy on a
    file stops at once instead of finishing, and writing, for a run that is gone."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        set_parent_death_signal = 1
        ctypes.CDLL(None, use_errno=True).prctl(set_parent_death_signal, signal.SIGTERM)
    except (AttributeError, OSError):
        pass  # elsewhere the checks before each file and each write remain
    if os.getppid() != parent:  # died before the signal was armed
        os._exit(0)


def stack_largest_last(paths: Sequence[str]) -> List[Tuple[int, str]]:
    """(index, path) in the order to pop them: largest file first, since a big file left
    for last would keep one worker busy while the others idle."""
    return sorted(enumerate(paths), key=lambda item: _size(item[1]))


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _failed(path: str, message: str) -> "FileOutcome":
    from reviewer.findings import internal_error
    from reviewer.processing import FileOutcome

    return FileOutcome(path, findings=[internal_error(path, message)], fatal=True)


class Pool:
    def __init__(self, job: "Job", size: int) -> None:
        import multiprocessing  # only a run that parses needs it
        from multiprocessing.connection import wait

        self.job = job
        self.size = size
        self.context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self.wait = wait
        self.workers: List[Worker] = []

    def run(self, paths: Sequence[str], progress: Optional[Callable[[int], None]]) -> List["FileOutcome"]:
        results: List[Optional["FileOutcome"]] = [None] * len(paths)
        pending = stack_largest_last(paths)
        self.workers = [Worker(self.context, self.job) for _ in range(self.size)]
        limit = self.job.timeout if 0 < self.job.timeout < math.inf else None
        while pending or any(w.task for w in self.workers):
            for index, worker in enumerate(self.workers):
                if worker.task is None and pending:
                    if not worker.process.is_alive():
                        worker = self.workers[index] = Worker(self.context, self.job)
                    number, path = pending.pop()
                    worker.connection.send(path)
                    worker.task = (number, path, time.monotonic() + limit if limit else float("inf"))
            busy = [w for w in self.workers if w.task]
            first_deadline = min(w.task[2] for w in busy)
            timeout = max(0.0, first_deadline - time.monotonic()) if math.isfinite(first_deadline) else None
            ready = self.wait([w.connection for w in busy], timeout)
            for index, worker in enumerate(self.workers):
                if worker.task is None:
                    continue
                number, path, deadline = worker.task
                if worker.connection in ready:
                    try:
                        message = worker.connection.recv()
                        if message == WRITING:
                            worker.task = (number, path, float("inf"))  # a write is never cut short
                            continue
                        results[number] = message
                    except (EOFError, OSError):
                        worker.process.join(5)
                        code = worker.process.exitcode
                        results[number] = _failed(path, f"reviewer's worker crashed on this file (exit code {code}); "
                                                        "the file is probably nested too deeply for the parser")
                        self._replace(index)
                elif time.monotonic() >= deadline:
                    results[number] = _failed(path, f"linting took longer than the {self.job.timeout:g} s per-file limit")
                    self._replace(index)
                else:
                    continue
                self.workers[index].task = None
                if progress:
                    progress(1)
        return results  # type: ignore[return-value]

    def _replace(self, index: int) -> None:
        self.workers[index].stop(kill=True)
        self.workers[index] = Worker(self.context, self.job)

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(kill=worker.task is not None)
