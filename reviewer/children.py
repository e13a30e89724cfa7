"""The processes that run torch code: `verify`'s fixture runs and `trace`'s schedules.

Each is forked from one server per process (multiprocessing's forkserver, on Linux) that has
imported torch once, and `torch._dynamo`, which a process's first optimizer imports (two
seconds on these machines): a fresh process for the code it runs, without those seconds
each time. Elsewhere a process forked after importing torch is not safe (macOS's
frameworks), and children are spawned, each importing torch itself.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Optional, Sequence, Tuple

#: what the server imports once, when it starts
PRELOAD = ["torch", "torch._dynamo", "reviewer.reference._fixture_child", "reviewer.trace.child"]


class Child:
    """`module.main()` with `sys.argv` `[module, *arguments]`, in a child process working in
    `cwd`, its output written to files in `folder`; `communicate`, `kill` and `returncode`
    are Popen's."""

    def __init__(self, module: str, arguments: Sequence[str], folder: Path, cwd: str) -> None:
        self.module = module
        self.out, self.err = folder / "stdout.txt", folder / "stderr.txt"
        self.process = context().Process(target=_main, args=(module, list(arguments), str(self.out), str(self.err), cwd))
        self.process.start()

    @property
    def returncode(self) -> Optional[int]:
        return self.process.exitcode

    def communicate(self, timeout: Optional[float] = None) -> Tuple[str, str]:
        self.process.join(timeout)
        if self.process.is_alive():
            raise subprocess.TimeoutExpired(self.module, timeout or 0.0)
        return tuple(path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""  # type: ignore[return-value]
                     for path in (self.out, self.err))

    def kill(self) -> None:
        self.process.kill()


def context():
    import multiprocessing

    if not sys.platform.startswith("linux"):
        return multiprocessing.get_context("spawn")
    forkserver = multiprocessing.get_context("forkserver")
    forkserver.set_forkserver_preload(PRELOAD)  # read once, when the server starts
    return forkserver


def _main(module: str, arguments: Sequence[str], out: str, err: str, cwd: str) -> None:
    """In the child: the working directory (the server's is the one it started in), stdout
    and stderr into files, no bytecode written beside the code it imports, then the module
    as `python -m` would run it."""
    os.chdir(cwd)
    sys.dont_write_bytecode = True
    for descriptor, path in ((1, out), (2, err)):
        opened = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(opened, descriptor)
        os.close(opened)
    sys.argv = [module, *arguments]
    importlib.import_module(module).main()
    sys.stdout.flush()
