"""Child process of `reviewer verify` check 6: import fixture files, step their schedules, print the LRs.

Run as ``python _fixture_child.py REQUEST.json``, the request being
``{"cases": [{"index": i, "path": ..., "spec": {...}, "timeout": seconds}, ...]}`` (a spec is a
fixture's ``# verify:`` header). Each case runs in its own folder, as its own module, under
its own time limit (SIGALRM where there is one; the parent also limits the whole process),
and prints one line ``@@verify-result@@ <index> {"phase": ..., "lrs": [[...], ...], "error": ...}``.
The parent runs all original copies in one child and all fixed copies in another, so that
torch is imported twice per verify, not twice per fixture.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import sys
import traceback
import warnings
from typing import Any, Dict, List

MARKER = "@@verify-result@@"


def _phases(spec: Dict[str, Any]) -> List[Dict[str, Any]]:
    if "phases" in spec:
        return spec["phases"]
    return [{"call": spec.get("call", "step"), "n": spec.get("n", 20)}]


def _optimizer(bases: List[float]) -> Any:
    """A real `torch.optim.SGD` with one param group per base LR."""
    import torch

    groups = [{"params": [torch.nn.Parameter(torch.zeros(1))], "lr": base} for base in bases]
    return torch.optim.SGD(groups, lr=bases[0])


class CaseTimeout(BaseException):
    """Raised by the alarm: a BaseException, so that a fixture's `except Exception` cannot swallow it."""


def _alarm(signum: int, frame: Any) -> None:
    raise CaseTimeout()


def run(path: str, spec: Dict[str, Any], module_name: str = "reviewer_verify_fixture") -> Dict[str, Any]:
    result: Dict[str, Any] = {"phase": "import", "lrs": [], "error": None}
    try:
        location = importlib.util.spec_from_file_location(module_name, path)
        module = importlib.util.module_from_spec(location)  # type: ignore[arg-type]
        sys.modules[module_name] = module
        location.loader.exec_module(module)  # type: ignore[union-attr]
        entry = getattr(module, spec["entry"])
        result["phase"] = "construct"
        bases = spec.get("lr", 0.1)
        bases = list(bases) if isinstance(bases, (list, tuple)) else [bases]
        args, kwargs = spec.get("args", []), spec.get("kwargs", {})
        record = spec.get("record", "before")
        lrs = result["lrs"]
        if spec.get("kind", "scheduler") == "function":
            scale = bases[0] if spec.get("returns", "lr") == "factor" else 1.0
            result["phase"] = "step"
            for t in range(sum(phase["n"] for phase in _phases(spec))):
                lrs.append([float(entry(t, *args, **kwargs)) * scale])
            return result
        returns = spec.get("kind") == "returns"  # a schedule object that returns its LR and holds no optimizer
        optimizer = None if returns else _optimizer(bases)
        scheduler = entry(*args, **kwargs) if returns else entry(optimizer, *args, **kwargs)
        result["phase"] = "step"
        step = 0
        for phase in _phases(spec):
            calls = phase["call"] if isinstance(phase["call"], list) else [phase["call"]]
            for _ in range(phase["n"]):
                if record == "before" and not returns:
                    lrs.append([float(g["lr"]) for g in optimizer.param_groups])
                if optimizer is not None:
                    optimizer.step()
                value = None
                for name in calls:
                    # `"arg": "step"` passes the running step (0, 1, ...): `scheduler.step(epoch)` APIs
                    value = getattr(scheduler, name)(*([step] if phase.get("arg") == "step" else []))
                step += 1
                if returns:
                    lrs.append([float(value)])
                elif record == "after":
                    lrs.append([float(g["lr"]) for g in optimizer.param_groups])
    except CaseTimeout:
        result["phase"], result["error"] = "timeout", "timed out"
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which judges it
        frames = traceback.extract_tb(exc.__traceback__)
        where = next((f"line {f.lineno}" for f in reversed(frames) if f.filename == path), "")
        result["error"] = f"{type(exc).__name__}: {exc}" + (f" ({where})" if where else "")
    return result


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        request = json.load(handle)
    can_alarm = hasattr(signal, "setitimer")
    if can_alarm:
        signal.signal(signal.SIGALRM, _alarm)
    for case in request["cases"]:
        os.chdir(os.path.dirname(case["path"]))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                if can_alarm:
                    signal.setitimer(signal.ITIMER_REAL, float(case["timeout"]))
                result = run(case["path"], case["spec"], f"reviewer_verify_fixture_{case['index']}")
            except CaseTimeout:  # the alarm rang between the case's own handlers
                result = {"phase": "timeout", "lrs": [], "error": "timed out"}
            finally:
                if can_alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
        if result["phase"] == "timeout":
            result["error"] = f"timed out after {float(case['timeout']):g} s"
        sys.stdout.write(f"\n{MARKER} {case['index']} {json.dumps(result)}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
