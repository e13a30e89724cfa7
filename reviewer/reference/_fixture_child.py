"""Child process of `reviewer verify` check 6: import fixture files, step their schedules, print the LRs.

Run by ``main()`` in a process ``reviewer.children.Child`` forks, ``sys.argv[1]`` naming the request,
``{"cases": [{"index": i, "path": ..., "spec": {...}, "timeout": seconds}, ...]}`` (a spec is a
fixture's ``# verify:`` header). Each case runs in its own folder, as its own module, under
its own time limit (SIGALRM where there is one; the parent also limits the whole process),
and prints one line ``@@verify-result@@ <index> {"phase": ..., "lrs": [[...], ...], "optimizers":
[...], "error": ...}``, ``optimizers`` naming the class of every optimizer the case stepped.
The parent runs all original copies in one child and all fixed copies in another, each forked
from a server that imported torch once for the parent's runs.
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


def base_lrs(spec: Dict[str, Any]) -> List[float]:
    """The header's `lr`: one base LR per param group (default 0.1)."""
    bases = spec.get("lr", 0.1)
    return list(bases) if isinstance(bases, (list, tuple)) else [bases]


def optimizer_for(bases: List[float]) -> Any:
    """A real `torch.optim.SGD` with one param group per base LR, its parameters given a
    gradient so that every `optimizer.step()` applies the LR in force (the fixtures' runs
    and their references are built on the same)."""
    import torch

    groups = []
    for base in bases:
        parameter = torch.nn.Parameter(torch.zeros(1))
        parameter.grad = torch.ones(1)
        groups.append({"params": [parameter], "lr": base})
    return torch.optim.SGD(groups, lr=bases[0])


def _model() -> Any:
    """What a `"$model"` argument becomes: a module whose call, on any batch, is a loss."""
    import torch

    class Model(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.weight = torch.nn.Parameter(torch.ones(1))

        def forward(self, *inputs: Any, **named: Any) -> Any:
            return self.weight.square().sum()

    return Model()


def _argument(value: Any, size: int) -> Any:
    """A header argument, with the placeholders of a training loop's objects replaced."""
    import torch

    if value == "$model":
        return _model()
    if value == "$dataset":
        return torch.utils.data.TensorDataset(torch.zeros(size, 1), torch.zeros(size, 1))
    if value == "$loader":
        return [(torch.zeros(1, 1), torch.zeros(1, 1)) for _ in range(size)]
    return value


def _name(optimizer: Any) -> str:
    kind = type(optimizer)
    return f"{kind.__module__}.{kind.__qualname__}"


class CaseTimeout(BaseException):
    """Raised by the alarm: a BaseException, so that a fixture's `except Exception` cannot swallow it."""


def raise_timeout(signum: int, frame: Any) -> None:
    raise CaseTimeout()


def run(path: str, spec: Dict[str, Any], module_name: str = "reviewer_verify_fixture") -> Dict[str, Any]:
    from torch.optim.lr_scheduler import LambdaLR
    from torch.optim.optimizer import register_optimizer_step_pre_hook

    result: Dict[str, Any] = {"phase": "import", "lrs": [], "optimizers": [], "error": None}
    lrs, kind = result["lrs"], spec.get("kind", "scheduler")

    def stepped(optimizer: Any, args: Any, kwargs: Any) -> None:
        # every optimizer step of the case, the fixture's own included: which class ran it and,
        # for a loop, the LRs it applies
        if _name(optimizer) not in result["optimizers"]:
            result["optimizers"].append(_name(optimizer))
        if kind == "loop":
            lrs.append([float(g["lr"]) for g in optimizer.param_groups])

    hook = register_optimizer_step_pre_hook(stepped)
    try:
        location = importlib.util.spec_from_file_location(module_name, path)
        module = importlib.util.module_from_spec(location)  # type: ignore[arg-type]
        sys.modules[module_name] = module
        location.loader.exec_module(module)  # type: ignore[union-attr]
        entry = getattr(module, spec["entry"])
        result["phase"] = "construct"
        bases = base_lrs(spec)
        size = int(spec.get("data", 4))
        args = [_argument(value, size) for value in spec.get("args", [])]
        kwargs = {key: _argument(value, size) for key, value in spec.get("kwargs", {}).items()}
        if kind == "loop":  # the fixture runs its own training loop; the hook records it
            result["phase"] = "step"
            entry(*args, **kwargs)
            return result
        record = spec.get("record", "before")
        optimizer = optimizer_for(bases)
        if kind == "function":
            named = spec.get("step_kwarg")

            def at(t: int) -> float:
                return float(entry(*args, **{**kwargs, named: t}) if named else entry(t, *args, **kwargs))

            # a factor runs as torch's LambdaLR runs it; an LR is written into every group
            scheduler = LambdaLR(optimizer, at) if spec.get("returns", "lr") == "factor" else None
            result["phase"] = "step"
            for t in range(sum(phase["n"] for phase in _phases(spec))):
                if scheduler is None:
                    for group in optimizer.param_groups:
                        group["lr"] = at(t)
                lrs.append([float(g["lr"]) for g in optimizer.param_groups])
                optimizer.step()
                if scheduler is not None:
                    scheduler.step()
            return result
        returns = kind == "returns"  # a schedule object that holds no optimizer: the caller applies its LR
        scheduler = entry(*args, **kwargs) if returns else entry(optimizer, *args, **kwargs)
        result["phase"] = "step"
        step = 0
        for phase in _phases(spec):
            calls = phase["call"] if isinstance(phase["call"], list) else [phase["call"]]
            for _ in range(phase["n"]):
                if record == "before" and not returns:
                    lrs.append([float(g["lr"]) for g in optimizer.param_groups])
                if not returns:
                    optimizer.step()
                value = None
                for name in calls:
                    # `"arg": "step"` passes the running step (0, 1, ...): `scheduler.step(epoch)` APIs
                    value = getattr(scheduler, name)(*([step] if phase.get("arg") == "step" else []))
                step += 1
                if returns:
                    for group in optimizer.param_groups:
                        group["lr"] = float(value)
                    lrs.append([float(g["lr"]) for g in optimizer.param_groups])
                    optimizer.step()
                elif record == "after":
                    lrs.append([float(g["lr"]) for g in optimizer.param_groups])
    except CaseTimeout:
        result["phase"] = "timeout"  # main() says after how long
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which judges it
        frames = traceback.extract_tb(exc.__traceback__)
        where = next((f"line {f.lineno}" for f in reversed(frames) if f.filename == path), "")
        result["error"] = f"{type(exc).__name__}: {exc}" + (f" ({where})" if where else "")
    finally:
        hook.remove()
    return result


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        request = json.load(handle)
    can_alarm = hasattr(signal, "setitimer")
    if can_alarm:
        signal.signal(signal.SIGALRM, raise_timeout)
    for case in request["cases"]:
        os.chdir(os.path.dirname(case["path"]))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                if can_alarm:
                    signal.setitimer(signal.ITIMER_REAL, float(case["timeout"]))
                result = run(case["path"], case["spec"], f"reviewer_verify_fixture_{case['index']}")
            except CaseTimeout:  # the alarm rang between the case's own handlers
                result = {"phase": "timeout", "lrs": []}
            finally:
                if can_alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
        if result["phase"] == "timeout":
            result["error"] = f"timed out after {float(case['timeout']):g} s"
        sys.stdout.write(f"\n{MARKER} {case['index']} {json.dumps(result)}\n")
        sys.stdout.flush()

