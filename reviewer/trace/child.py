"""The process that runs a file's schedules: `python -m reviewer.trace.child REQUEST.json`.

The request is `{"files": [{"path", "extra_path", "targets": [Target...]}], "steps",
"per_epoch", "device", "timeout", "memory_mb", "lr"}`: torch is imported once for all files,
and its lazy imports are finished before any alarm can interrupt one. Each file is imported
as its own module `reviewer_trace_target_<n>`, never `__main__` (where that fails on an
import and the file lies in a package, as the package's module, so that relative imports
work; a `--compare-fix` copy under the original's name); with `sys.argv` set to the file alone, the working folder
first on `sys.path` and the file's folder last (a `logging.py` beside it cannot shadow the
standard library), under an address-space limit; each schedule then runs under its own
alarm (`driving.trace`). For each target one line is printed, `@@trace-result@@ {json}`,
naming the file's number and holding the raw record the parent judges.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import signal
import sys
import warnings
from typing import Any, Dict, Optional, Tuple

from reviewer.reference._fixture_child import CaseTimeout, raise_timeout
from reviewer.trace import driving
from reviewer.trace.driving import describe, trace

MARKER = "@@trace-result@@"
MODULE = "reviewer_trace_target"


def resolve_device(requested: str) -> str:
    if requested != "auto":
        return requested
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _limit_memory(megabytes: int) -> None:
    size = megabytes * 2 ** 20
    try:
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    except (ValueError, OSError):  # a lower hard limit already holds
        pass


def _warm_up(device: str) -> None:
    """Finish torch's lazy imports before any alarm can interrupt one halfway (which leaves
    torch unusable for every later schedule)."""
    from torch.optim import lr_scheduler

    optimizer = driving.optimizer(0.1, device)
    scheduler = lr_scheduler.LambdaLR(optimizer, lambda t: 1.0)
    optimizer.step()
    scheduler.step()


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        request = json.load(handle)
    request["device"] = resolve_device(request.get("device", "cpu"))
    if request["device"] == "cuda":
        import torch

        if not torch.cuda.is_available():
            _emit({"fatal": "--device cuda was requested but torch.cuda.is_available() is false"})
            return
    _limit_memory(int(request["memory_mb"]))
    signal.signal(signal.SIGALRM, raise_timeout)
    warnings.simplefilter("ignore")
    _warm_up(request["device"])
    for number, file in enumerate(request["files"]):
        _trace_file(number, file, request)


def _trace_file(number: int, file: Dict[str, Any], request: Dict[str, Any]) -> None:
    """Import one file as its own module and trace its targets; every line names the file's
    number in the request."""
    path = os.path.abspath(file["path"])
    sys.argv = [path]  # the traced file's own argument parsing must not see the request
    # the working folder first, as `python -m` puts it; the file's own folder last, so that a
    # `logging.py` beside it cannot shadow the standard library
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    for folder in (*file.get("extra_path", ()), os.path.dirname(path)):
        if folder not in sys.path:
            sys.path.append(folder)
    signal.setitimer(signal.ITIMER_REAL, float(request["timeout"]))
    try:
        module = _import(path, os.path.abspath(file.get("origin", path)), f"{MODULE}_{number}")
    except CaseTimeout:
        _emit({"file": number, "import_error": f"importing took longer than {request['timeout']:g} s"})
        return
    except BaseException as exc:  # noqa: BLE001 - one line, and the file is skipped
        _emit({"file": number, "import_error": describe(exc, path)})
        return
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    for target in file["targets"]:
        signal.setitimer(signal.ITIMER_REAL, float(request["timeout"]))
        try:
            result = trace(target, module, {**request, "path": path})
        except CaseTimeout:
            result = {"name": target["name"], "lrs": [], "timeout": request["timeout"]}
        except MemoryError:
            result = {"name": target["name"], "lrs": [], "error": {"step": None, "message": "MemoryError: over the memory limit"}}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        _emit({"file": number, **result})


def _import(path: str, origin: str, name: str) -> Any:
    """The file as a module of its own; where that fails on an import and the file lies in a
    package (a relative import, a sibling module), as the package's module, whose relative
    imports then work (the package's `__init__` runs first, as it would for its users)."""
    try:
        return _load(path, name)
    except ImportError as standalone:
        package = _package(origin)
        if package is None:
            raise
        dotted, root = package
        if root not in sys.path:
            sys.path.insert(1, root)
        try:
            importlib.import_module(dotted)
            return _load(path, f"{dotted}.{os.path.splitext(os.path.basename(origin))[0]}")
        except ImportError:
            if "relative import" in str(standalone):
                raise
            raise standalone from None


def _load(path: str, name: str) -> Any:
    location = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(location)  # type: ignore[arg-type]
    sys.modules[name] = module
    try:
        location.loader.exec_module(module)  # type: ignore[union-attr]
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _package(path: str) -> Optional[Tuple[str, str]]:
    """("pkg.sub", the folder above pkg) for a file inside a package (folders with
    `__init__.py`), else None."""
    folder, parts = os.path.dirname(path), []
    while os.path.isfile(os.path.join(folder, "__init__.py")):
        parts.insert(0, os.path.basename(folder))
        folder = os.path.dirname(folder)
    return (".".join(parts), folder) if parts else None


def _emit(result: Dict[str, Any]) -> None:
    sys.stdout.write(f"\n{MARKER} {json.dumps(result, allow_nan=True)}\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
