"""Driving one schedule in the child process: build it, step it, record its curves.

`trace(target, module, request)` returns the raw record the parent judges:

* `lrs`: the LR of every param group at every step; `error` where a step raised;
* `again`: for a class, a second instance built and run the same way;
* `reread`: the same run with the extra reads a caller may make between steps
  (argument-free `get_last_lr()`/`get_lr()`, an LR function called again at the same step;
  not a function that writes the LR, for which a second call is a second write);
* `resume`: where the schedule offers `state_dict()`, a fresh optimizer and schedule given
  the first run's `state_dict()`s at step n // 3, continued to the end;
* `sync`: for torch schedulers, the first step where `get_last_lr()` and the optimizer's
  param groups disagree, or where `get_last_lr()` raises;
* `counters`: the counter attributes the stepped methods write, at every step;
* `values`: the numbers the schedule was built with (arguments, and the module globals a
  function reads), from which its horizon and warm-up length are read.
"""

from __future__ import annotations

import copy
import functools
import inspect
import traceback
from typing import Any, Callable, Dict, List, Optional, Tuple

from reviewer.analysis.lr import LR_NAME
from reviewer.reference._fixture_child import CaseTimeout, optimizer_for
from reviewer.trace import properties
from reviewer.trace.discovery import FACTOR, FACTORY, FUNCTION, OBJECT, OPTIMIZER, OPTIMIZER_NAMES, TORCH, WRITER


class Unfilled(Exception):
    """Parameters with no value from `--args`, the file or the signature: their names, and
    the placeholder defaults (a horizon of 0 or None) among them."""


class Undrivable(Exception):
    """A stepping method that takes more than the optimizer and the step."""


class Unknown(Exception):
    """Arguments given for parameters the schedule does not have."""


def optimizer(lr: float, device: str) -> Any:
    """The CPU runs use verify's SGD; on the GPU the parameter lives there and the LR is a
    tensor on it, as `torch.compile`d training loops keep it."""
    if device != "cuda":
        return optimizer_for([lr])
    import torch

    parameter = torch.nn.Parameter(torch.zeros(1, device=device))
    parameter.grad = torch.ones(1, device=device)
    return torch.optim.SGD([{"params": [parameter], "lr": torch.tensor(lr, device=device)}], lr=lr)


def _required(method: Callable) -> List[str]:
    """The positional parameters a call must give."""
    try:
        parameters = inspect.signature(method).parameters.values()
    except (TypeError, ValueError):
        return []
    return [p.name for p in parameters if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def _numbers(value: Any) -> List[float]:
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    for each in values:
        if isinstance(each, complex):  # `(1 - t / T) ** 0.9` past T
            raise ArithmeticError(f"the LR is a complex number, {each}")
    return [float(v) for v in values]


class Run:
    """One schedule on one fresh optimizer: `before(t)` makes it ready for step t, `lrs()`
    reads the LR in force, `after(t)` steps the optimizer (and a torch scheduler), `reread(t)`
    makes the extra reads a caller may make."""

    def __init__(self, target: Dict[str, Any], module: Any, request: Dict[str, Any]) -> None:
        self.target, self.request = target, request
        self.kind = target["kind"]
        self.optimizer = optimizer(float(request["lr"]), request["device"])
        self.values: Dict[str, float] = {}
        self.base_lr_params: List[str] = []
        self.arguments: Dict[str, Any] = {}
        self.last: Any = None
        #: the declared warm-up in batches, for a class with a per-batch method (None: not read yet)
        self.warm: Optional[int] = None
        self.subject = self._build(module)

    # -- building ----------------------------------------------------------------------------

    def _callable(self, module: Any) -> Tuple[Callable, Dict[str, Any]]:
        """The schedule and the namespace it reads (a nested one's: the module's plus the
        enclosing names it needs)."""
        target = self.target
        if target.get("source"):
            namespace = dict(vars(module))
            namespace.update({k: eval(v, namespace) for k, v in target["free"].items()})  # noqa: S307 - trace runs user code by design
            code = target["source"]
            if code.lstrip().startswith(("def ", "async def ")):
                exec(code, namespace)  # noqa: S102
                return namespace[target["name"].rsplit(".", 1)[-1]], namespace
            return eval(code, namespace), namespace  # noqa: S307
        return getattr(module, target["name"]), vars(module)

    def _bind(self, function: Callable, namespace: Dict[str, Any], fixed: Dict[str, Any]) -> Dict[str, Any]:
        """Keyword arguments for `function`: `fixed`, then `--args`/the file's, then defaults.
        A horizon whose default is 0 or None is missing unless another horizon is given; an
        argument the file's call site passes that the signature lacks is dropped (that call
        would fail itself), one `--args` gives is an error."""
        origins = self.target["origins"]
        given = {k: eval(v, namespace) for k, v in self.target["arguments"].items()}  # noqa: S307
        try:
            signature = inspect.signature(function)
        except (TypeError, ValueError):
            return {**given, **fixed}
        parameters = signature.parameters
        if not any(p.kind is p.VAR_KEYWORD for p in parameters.values()):
            unknown = sorted(k for k in given if k not in parameters and origins.get(k) == "--args")
            if unknown:
                raise Unknown(f"{', '.join(unknown)} (it takes {', '.join(parameters) or 'nothing'})")
            given = {k: v for k, v in given.items() if k in parameters}
        horizon_given = any(properties.real_horizon(k, v) for k, v in given.items()) or any(
            p.default is not p.empty and properties.real_horizon(k, p.default) for k, p in parameters.items())
        bound: Dict[str, Any] = {}
        missing: List[str] = []
        placeholders: List[str] = []
        for name, parameter in parameters.items():
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                continue
            if name in fixed:
                bound[name] = fixed[name]
            elif name in given:
                bound[name] = given[name]
            elif parameter.default is not parameter.empty and (horizon_given or not properties.placeholder(name, parameter.default)):
                bound[name] = parameter.default
            elif LR_NAME.match(name):  # the schedule's own base LR: the trace's
                bound[name] = self.request["lr"]
                self.base_lr_params.append(name)
            else:
                missing.append(name)
                if parameter.default is not parameter.empty:  # a horizon's placeholder default
                    placeholders.append(f"{name}={parameter.default!r}")
        if missing:
            raise Unfilled(", ".join(missing), placeholders)
        self.values.update({name: value for name, value in bound.items() if properties.is_number(value)})
        return bound

    def _build(self, module: Any) -> Any:
        target = self.target
        subject, namespace = self._callable(module)
        kind = self.kind
        if kind in (FUNCTION, WRITER, FACTOR):
            names = getattr(getattr(subject, "__code__", None), "co_names", ())
            self.values.update({name: namespace[name] for name in names if properties.is_number(namespace.get(name))})
        if kind == FACTOR:
            from torch.optim import lr_scheduler

            self.function = self._factor(subject, namespace)
            return getattr(lr_scheduler, target["wrapper"])(self.optimizer, self.function)
        if kind == FACTORY:  # the factory is built once; the closure it returns is called with the step
            self.arguments = self._bind(subject, namespace, {target["optimizer_param"]: self.optimizer}
                                        if target["optimizer_param"] else {})
            return subject(**self.arguments)
        if kind in (FUNCTION, WRITER):
            fixed = {target["step_param"]: 0}
            if kind == WRITER:
                fixed[target["optimizer_param"]] = self.optimizer
            self.arguments = self._bind(subject, namespace, fixed)
            return subject
        fixed = {target["optimizer_param"]: self.optimizer} if kind in (TORCH, OPTIMIZER) and target["optimizer_param"] else {}
        self.arguments = self._bind(subject, namespace, fixed)
        return subject(**self.arguments)

    # -- stepping ----------------------------------------------------------------------------

    def _factor(self, function: Callable, namespace: Dict[str, Any]) -> Callable:
        """A LambdaLR function with parameters beyond the step (keyword-only ones included),
        bound as the `functools.partial` in the code that builds it binds them."""
        try:
            parameters = [p for p in inspect.signature(function).parameters.values()
                          if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        except (TypeError, ValueError):
            return function
        if len(parameters) <= 1 and not self.target["arguments"]:
            return function
        step = parameters[0].name if parameters and parameters[0].kind is not parameters[0].KEYWORD_ONLY else None
        self.arguments = self._bind(function, namespace, {step: 0} if step else {})
        self.arguments.pop(step, None)
        return functools.partial(function, **self.arguments)

    def _method(self, name: str, t: int) -> Any:
        """Call a scheduler method the way a training loop does: a required parameter named
        like an optimizer gets the optimizer, the first other one the step."""
        method = getattr(self.subject, name)
        arguments: List[Any] = []
        stepped = False
        for parameter in _required(method):
            if parameter in OPTIMIZER_NAMES:
                arguments.append(self.optimizer)
            elif not stepped:
                arguments.append(t)
                stepped = True
            else:
                raise Undrivable(f"its {name}() also needs {parameter}, which a training loop's step does not give")
        return method(*arguments)

    def _call(self, t: int) -> Any:
        if self.kind == FACTORY:
            return self.subject(t)
        return self.subject(**{**self.arguments, self.target["step_param"]: t + self.target.get("first_step", 0)})

    def writes(self) -> bool:
        """A second call at the same step would be a second write, not a read."""
        return self.kind == WRITER or (self.kind == FACTORY and self.target["read"] == "groups")

    def lrs(self) -> List[float]:
        kind, read = self.kind, self.target["read"]
        if kind == FUNCTION or (kind == FACTORY and read == "return"):
            return _numbers(self.last)
        if kind != OBJECT:
            return [float(g["lr"]) for g in self.optimizer.param_groups]
        if read == "return":
            return _numbers(self.last)
        if read.startswith("call:"):
            return _numbers(getattr(self.subject, read[5:])())
        return _numbers(getattr(self.subject, read[5:]))

    def before(self, t: int) -> None:
        """What runs before the LR of step t is read: a function or an object is asked for it,
        a torch scheduler that counts batches itself is given the batch's epoch."""
        kind = self.kind
        if kind in (FUNCTION, WRITER, FACTORY):
            self.last = self._call(t)
        elif self.target.get("epoch_stepped"):  # `scheduler.step(epoch)` at the start of every batch
            self.subject.step(t // self.request["per_epoch"])
        elif kind in (OBJECT, OPTIMIZER):
            batch = self.target.get("batch_method")
            per_epoch = self.request["per_epoch"]
            if batch and per_epoch:
                if t and t % per_epoch == 0:
                    self._method(self.target["step_method"], t // per_epoch - 1)
                if self.warm is None:
                    self.warm = properties.warmup(self.values, per_epoch) or 0
                if not self.warm or t < self.warm:  # a per-batch warm-up method runs during the warm-up
                    self.last = self._method(batch, t)
            else:
                self.last = self._method(self.target["step_method"], t)

    def after(self, t: int) -> None:
        """What runs after step t's optimizer step: a torch scheduler steps."""
        self.optimizer.step()
        if self.kind in (TORCH, FACTOR) and not self.target.get("epoch_stepped"):
            self.subject.step()

    def reread(self, t: int) -> None:
        for _ in range(2):
            if self.kind in (FUNCTION, FACTORY):
                self._call(t)
            elif self.kind == FACTOR:
                self.function(self.subject.last_epoch)
            else:
                for name in self.target["extra_reads"]:
                    method = getattr(self.subject, name)
                    if not _required(method):  # a getter that needs arguments is no plain read
                        method()

    def torch_sync(self) -> Optional[Dict[str, Any]]:
        """Where `get_last_lr()` and the optimizer disagree, or `get_last_lr()` raises."""
        if self.kind not in (TORCH, FACTOR):
            return None
        groups = [float(g["lr"]) for g in self.optimizer.param_groups]
        try:
            last = _numbers(self.subject.get_last_lr())
        except Exception as exc:  # noqa: BLE001 - a broken get_last_lr() is this check's finding, not the step's
            return {"error": describe(exc, self.request["path"])}
        return None if groups == last else {"groups": groups[0], "last": last[0]}


def _curve(run: Run, start: int, stop: int, reread: bool, record: Dict[str, Any]) -> None:
    """Steps start..stop-1 of `run`, appending to record["lrs"]; stops at the first error."""
    for t in range(start, stop):
        try:
            run.before(t)
            record["lrs"].append(run.lrs())
            if "counters" in record:
                for name, values in record["counters"].items():
                    values.append(_counter(run.subject, name))
            run.after(t)
            if reread:
                run.reread(t)
            if record.get("sync") is None and not reread:
                mismatch = run.torch_sync()
                if mismatch is not None:
                    record["sync"] = {"step": t, **mismatch}
        except (CaseTimeout, Undrivable):
            raise
        except Exception as exc:  # noqa: BLE001 - the user's schedule failed: that is the finding
            record["error"] = {"step": t, "message": describe(exc, run.request["path"])}
            return


def _counter(subject: Any, name: str) -> Optional[float]:
    value = getattr(subject, name, None)
    return float(value) if properties.is_number(value) else None


def describe(exc: BaseException, path: str) -> str:
    """One line: the exception, and the line of the traced file it came from."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = next((f"line {f.lineno}" for f in reversed(frames) if f.filename == path), "")
    return f"{type(exc).__name__}: {exc}" + (f" ({where})" if where else "")


#: the most steps a horizon found in the code may ask for (`--steps` sets any number)
MAX_STEPS = 20000
#: a function of the step is also run this share (1/10) of its horizon past it
PAST_HORIZON = 10
#: batches per epoch for a schedule with a per-batch method, where nothing says
PER_EPOCH = 10


def steps_for(values: Dict[str, float], request: Dict[str, Any]) -> int:
    """`--steps`, else the schedule's own horizon (in batches for a per-batch trace), else 1000
    or twice the longest length it declares (a warm-up, a cycle, a decay interval), at most
    MAX_STEPS."""
    if request.get("steps"):
        return int(request["steps"])
    known = properties.horizon(values, request["per_epoch"])
    if known is None:
        return min(MAX_STEPS, max(1000, 2 * (properties.longest_length(values) or 0)))
    return min(MAX_STEPS, known)


def trace(target: Dict[str, Any], module: Any, request: Dict[str, Any]) -> Dict[str, Any]:
    result: Dict[str, Any] = {"name": target["name"], "lrs": [], "error": None, "sync": None, "device": request["device"]}
    try:
        return _trace(target, module, request, result)
    except Unfilled as missing:
        names, placeholders = missing.args[0], missing.args[1] if len(missing.args) > 1 else []
        return {**result, "lrs": [], "unfilled": names.split(", "), "placeholders": placeholders}
    except Unknown as unknown:
        return {**result, "lrs": [], "unknown": str(unknown)}
    except Undrivable as undrivable:
        return {**result, "lrs": [], "undrivable": str(undrivable)}


def _trace(target: Dict[str, Any], module: Any, request: Dict[str, Any], result: Dict[str, Any]) -> Dict[str, Any]:
    try:
        run = Run(target, module, request)
    except (CaseTimeout, Unfilled, Unknown, Undrivable):
        raise
    except Exception as exc:  # noqa: BLE001
        return {**result, "error": {"step": None, "message": describe(exc, request["path"])}}
    result["values"] = run.values
    result["base_lr_params"] = run.base_lr_params
    result["arguments"] = {k: repr(v) for k, v in run.arguments.items() if k not in (
        target.get("optimizer_param"), target.get("step_param"))}
    if target.get("batch_method") or target.get("epoch_stepped"):
        request = {**request, "per_epoch": request["per_epoch"] or properties.per_epoch(run.values) or PER_EPOCH}
        result["per_epoch"] = request["per_epoch"]
        run.request = request
    else:
        request = {**request, "per_epoch": None}
    n = steps_for(run.values, request)
    horizon = properties.horizon(run.values, request["per_epoch"])
    result["horizon_known"] = bool(request.get("steps")) or horizon is not None
    result["steps_given"] = bool(request.get("steps"))
    if horizon and horizon > n and not request.get("steps"):
        result["truncated"] = horizon
    elif target["kind"] in (FUNCTION, FACTOR, FACTORY) and horizon and not request.get("steps"):
        # a resumed or longer run evaluates a function past its horizon: it must stay defined there
        result["horizon"] = n
        n += max(2, n // PAST_HORIZON)
    result["steps"] = n
    result["declared_length"] = properties.longest_length(run.values)
    result["counters"] = {name: [] for name in target["counters"]}
    _curve(run, 0, n, False, result)
    if target["kind"] in (TORCH, OPTIMIZER, OBJECT):  # a second instance, built the same way
        again: Dict[str, Any] = {"lrs": [], "error": None}
        _curve(Run(target, module, request), 0, n, False, again)
        result["again"] = again
    if not run.writes():
        reread: Dict[str, Any] = {"lrs": [], "error": None}
        _curve(Run(target, module, request), 0, n, True, reread)
        result["reread"] = reread
    offers_state = hasattr(run.subject, "state_dict") and hasattr(run.subject, "load_state_dict")
    if target["kind"] in (TORCH, OPTIMIZER, OBJECT, FACTOR) and offers_state and result["error"] is None and n >= 3:
        result["resume"] = _resume(target, module, request, n)
    return result


def _resume(target: Dict[str, Any], module: Any, request: Dict[str, Any], n: int) -> Dict[str, Any]:
    k = n // 3
    first = Run(target, module, request)
    record: Dict[str, Any] = {"lrs": [], "error": None, "at": k}
    _curve(first, 0, k, False, {"lrs": [], "error": None})
    second = Run(target, module, request)
    subject = first.subject
    try:
        second.optimizer.load_state_dict(copy.deepcopy(first.optimizer.state_dict()))
        second.subject.load_state_dict(copy.deepcopy(subject.state_dict()))
    except Exception as exc:  # noqa: BLE001
        record["error"] = {"step": k, "message": describe(exc, request["path"])}
        return record
    _curve(second, k, n, False, record)
    return record
