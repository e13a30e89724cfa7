"""Check 6 of `reviewer verify`: run the autofixed fixtures against the references.

Protocol. A fixture declares a runnable schedule with a one-line header comment (anywhere in
the file, one per schedule)::

    # verify: {"entry": "MyScheduler", "kwargs": {"epochs": 10}, "lr": 0.1,
    #          "phases": [{"call": "step", "n": 11}], "record": "after",
    #          "reference": {"name": "CosineAnnealingWarmbootingLR", "kwargs": {"total_steps": 10}}}

(on a single line). Keys:

- ``entry``: the class or function of the fixture module to run;
- ``kind``: how it runs. Every kind runs on a real ``torch.optim.SGD`` (the child records the
  class of every optimizer stepped, through torch's global step hook, and the fixed copy fails
  unless that is ``torch.optim.SGD`` alone):

  - ``"scheduler"`` (default): ``entry(optimizer, *args, **kwargs)`` on a fresh SGD whose
    param groups have the LRs ``lr``;
  - ``"function"``: ``entry(t, *args, **kwargs)`` gives the LR at step t (``"step_kwarg":
    "<name>"`` passes t by that keyword instead); the child writes it into every param group
    of a fresh SGD, records, then calls ``optimizer.step()``, as a loop that sets
    ``group["lr"] = get_lr(it)`` does; with ``"returns": "factor"`` it is a factor of the base
    LRs, run as torch's ``LambdaLR(optimizer, entry)`` runs it;
  - ``"returns"``: ``entry(*args, **kwargs)`` builds a schedule object that holds no
    optimizer; each step the child writes what the last method call returns into the SGD's
    param groups, records, then steps it;
  - ``"loop"``: ``entry(*args, **kwargs)`` runs a whole training loop that builds its own
    optimizer; the record is the LRs each ``optimizer.step()`` applies (read by the step
    hook), and ``n`` the number of steps expected. Arguments ``"$model"`` (a module whose call
    on any batch is a loss), ``"$loader"`` (a list of ``data`` batches ``(x, y)``, default 4)
    and ``"$dataset"`` (a ``TensorDataset`` of ``data`` samples) stand for its inputs;
- ``args`` / ``kwargs``: the extra constructor (or function) arguments;
- ``lr``: a base LR or one per param group (default 0.1);
- ``phases``: a list of ``{"call": "<method>" | ["<method>", ...], "n": N}``, run in order: each
  of the N steps calls ``optimizer.step()`` and then the method(s); or ``call`` and ``n`` alone;
  ``"arg": "step"`` passes the running step (0, 1, ...) to each call (``scheduler.step(epoch)``);
  ``"anneals": true`` requires the phase's LRs (without a reference) never to rise and to end
  below where they start;
- ``record``: ``"before"`` (default: the LR in force for the step, read before the calls, as
  PyTorch's schedulers set it) or ``"after"`` (read after the calls, for schedulers that set the
  LR of the coming step when called);
- ``reference``: ``{"name": one of CosineAnnealingWarmbootingLR, WarmupCosineLR, LinearWarmup,
  "args": [...], "kwargs": {...}, "after": {"name": "<torch.optim.lr_scheduler class>",
  "kwargs": {...}}, "offset": 0}``: record i is compared with the reference's LR at step
  i + offset, built on an SGD with the same ``lr``. The name may also be a
  ``torch.optim.lr_scheduler`` class (``MultiStepLR``, ``OneCycleLR``...): PyTorch's own
  schedule, for fixes that make code use or match it. Without a reference the fixed copy
  must run every step, stay finite and move, and the original must give a different series;
- ``rtol`` (default 1e-9) and ``timeout`` (seconds per child process, default 60).

A rule whose fix can change the schedule (``Rule.changes_schedule``) must prove it: its
fixture folder, when there is one, must hold a file with a header, or check 6 fails naming
the rule and the folder. A missing fixtures directory (an installed package ships none) is
a skip, not a failure: there is nothing to run, rather than a fix left unproven.

The file is fixed as ``reviewer check --fix --unsafe-fixes`` would (every rule, unsafe fixes
on), the copies are imported in fresh processes (``_fixture_child``: all originals in one,
all fixed copies in the other, each case as its own module in its own folder under its own
time limit; both forked from a server that has imported torch once, see
``reviewer.children``), and the fixed one must follow the reference (or, without one, run
a finite, moving schedule) while the original must not (raising counts as not following;
failing to import does not: it fails the check).
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from reviewer.children import Child
from reviewer.reference._fixture_child import base_lrs, optimizer_for
from reviewer.reference.checks import Result
from reviewer.reference.oracles import relative_error

HEADER = re.compile(r"^\s*#\s*verify:\s*(\{.*\})\s*$")
CHILD = "reviewer.reference._fixture_child"
MARKER = "@@verify-result@@"
LABEL = "6 fixtures"
SGD = "torch.optim.sgd.SGD"  # what every fixed copy must run on: the child names each optimizer class it steps


def default_fixtures_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "fixtures"


def discover(root: Path) -> List[Tuple[Path, int, Any]]:
    """(file, line, spec or the JSON error message) for every `# verify:` header under root."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name.endswith(".fixed.py"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            match = HEADER.match(line)
            if match:
                try:
                    spec: Any = json.loads(match.group(1))
                    if not isinstance(spec, dict) or "entry" not in spec:
                        spec = "the header needs at least \"entry\""
                except json.JSONDecodeError as exc:
                    spec = f"invalid JSON: {exc}"
                found.append((path, number, spec))
    return found


def _total(spec: Dict[str, Any]) -> int:
    if "phases" in spec:
        return sum(int(phase["n"]) for phase in spec["phases"])
    return int(spec.get("n", 20))


def reference_lrs(spec: Dict[str, Any], count: int) -> List[List[float]]:
    """The reference's LRs for records 0..count-1 (torch needed)."""
    import warnings

    from torch.optim import lr_scheduler

    import reviewer.reference as reference

    ref = spec["reference"]
    name = ref["name"]
    torch_class = getattr(lr_scheduler, name, None)
    if name in reference.__all__:
        factory = getattr(reference, name)
    elif isinstance(torch_class, type) and issubclass(torch_class, lr_scheduler.LRScheduler):
        factory = torch_class
    else:
        raise ValueError(f"unknown reference {name!r} (one of {', '.join(reference.__all__)}, "
                         f"or a torch.optim.lr_scheduler class)")
    optimizer = optimizer_for(base_lrs(spec))
    kwargs = dict(ref.get("kwargs", {}))
    if "after" in ref:
        after = ref["after"]
        kwargs["after"] = getattr(lr_scheduler, after["name"])(optimizer, **after.get("kwargs", {}))
    scheduler = factory(optimizer, *ref.get("args", []), **kwargs)
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(int(ref.get("offset", 0))):
            optimizer.step()
            scheduler.step()
        for _ in range(count):
            out.append([float(group["lr"]) for group in optimizer.param_groups])
            optimizer.step()
            scheduler.step()
    return out


def fix(path: Path, text: str) -> Tuple[str, Optional[str]]:
    """The text after every rule's fixes, unsafe ones included (as `check --fix --unsafe-fixes`)."""
    from reviewer import registry
    from reviewer.fixer import fix_text

    outcome = fix_text(str(path), text, registry.select(["ALL"]), unsafe=True)
    return outcome.text, outcome.error


def _spawn(cases: List[Dict[str, Any]], folder: Path) -> Child:
    request = folder / "verify-request.json"
    request.write_text(json.dumps({"cases": cases}), encoding="utf-8")
    return Child(CHILD, [str(request)], folder, str(folder))


def _collect(process: Any, timeout: float, indexes: Sequence[int]) -> Dict[int, Dict[str, Any]]:
    """Each case's result by index; a case without one timed out or died with the child."""
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        missing = {"phase": "crash", "lrs": [],
                   "error": f"the child exited with {process.returncode}: "
                            f"{(stderr.strip().splitlines() or ['no output'])[-1]}"}
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, _ = process.communicate()
        missing = {"phase": "timeout", "lrs": [], "error": f"timed out (the child ran past {timeout:g} s)"}
    found: Dict[int, Dict[str, Any]] = {}
    for line in stdout.splitlines():
        if line.startswith(MARKER):
            index, _, payload = line[len(MARKER):].strip().partition(" ")
            found[int(index)] = json.loads(payload)
    return {index: found.get(index, dict(missing)) for index in indexes}


def _raised(got: Dict[str, Any]) -> str:
    """How a run that failed stopped: its error, and where (the child's phase): on import,
    building the schedule, or after some steps; a timeout or a crash says it itself."""
    where = {"import": "while importing the fixture", "construct": "while building its schedule",
             "step": f"after {len(got.get('lrs') or [])} step(s)"}.get(got.get("phase", "step"))
    return f"raised {got['error']} {where}" if where else f"stopped: {got['error']}"


def _compare(got: Dict[str, Any], want: Sequence[Sequence[float]], rtol: float) -> Tuple[float, Optional[str]]:
    """(max relative error over the common records, why it does not follow or None)."""
    lrs = got.get("lrs") or []
    worst, first = 0.0, None
    for i, (values, expected) in enumerate(zip(lrs, want)):
        if len(values) != len(expected):
            return float("inf"), f"step {i}: {len(values)} param groups, expected {len(expected)}"
        for value, target in zip(values, expected):
            error = relative_error(value, target)
            if error > worst:
                worst = error
            if first is None and error > rtol:
                first = f"step {i}: {value:.6g} instead of {target:.6g}"
    if got.get("error"):
        return worst, _raised(got)
    if len(lrs) < len(want):
        return worst, f"only {len(lrs)} of {len(want)} steps"
    return worst, first


def check_fixtures(root: Optional[Path] = None) -> List[Result]:
    root = default_fixtures_dir() if root is None else Path(root)
    if not root.is_dir():
        return [Result(LABEL, "-", "cpu", 0, None, 0.0, "skip", f"skipped: no fixtures directory ({root})")]
    found = discover(root)
    unproven = undeclared(root, found)
    if not found and not unproven:
        return [Result(LABEL, "-", "cpu", 0, None, 0.0, "skip", "skipped: no runnable fixtures")]
    results: List[Optional[Result]] = [None] * len(found)
    prepared = []
    for index, (path, line, spec) in enumerate(found):
        start = time.perf_counter()
        where = f"{path.relative_to(root).as_posix()}:{line}"
        if isinstance(spec, str):
            results[index] = Result(LABEL, where, "cpu", 0, None, 0.0, "fail", f"bad verify header: {spec}")
            continue
        name, count = f"{where} {spec['entry']}", 0
        try:
            count = _total(spec)
            want = reference_lrs(spec, count) if "reference" in spec else None
            text = path.read_text(encoding="utf-8")
            fixed_text, fix_error = fix(path, text)
        except Exception as exc:  # noqa: BLE001 - a broken header or reference is a failed check
            results[index] = Result(LABEL, name, "cpu", count, None, time.perf_counter() - start, "fail",
                                    f"{type(exc).__name__}: {exc}")
            continue
        prepared.append((index, path, spec, name, count, want, text, fixed_text, fix_error,
                         time.perf_counter() - start))
    if prepared:
        runs = _run_children(prepared)
        for index, path, spec, name, count, want, text, fixed_text, fix_error, seconds in prepared:
            results[index] = _judge(spec, name, count, want, text, fixed_text, fix_error,
                                    runs["original"][index], runs["fixed"][index], seconds + runs["seconds"])
    return unproven + [result for result in results if result is not None]


def undeclared(root: Path, found: Sequence[Tuple[Path, int, Any]]) -> List[Result]:
    """A fail row for each rule that changes schedules whose fixture folder declares no run."""
    from reviewer import registry

    declared = {path.relative_to(root).parts[0] for path, _line, _spec in found}
    return [
        Result(LABEL, f"{rule.name}/", "cpu", 0, None, 0.0, "fail",
               f"{rule.name} changes schedules but {root.name}/{rule.name}/ declares no runnable "
               f"`# verify:` fixture")
        for rule in registry.all_rules()
        if rule.changes_schedule and (root / rule.name).is_dir() and rule.name not in declared
    ]


def _run_children(prepared) -> Dict[str, Any]:
    """All original copies in one fresh child, all fixed copies in another, side by side."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="reviewer-verify-") as tmp:
        processes, limits = {}, 0.0
        for kind in ("original", "fixed"):
            cases = []
            for index, path, spec, _name, _count, _want, text, fixed_text, _error, _seconds in prepared:
                folder = Path(tmp, kind, str(index))
                folder.mkdir(parents=True)
                copy = folder / path.name
                copy.write_text(text if kind == "original" else fixed_text, encoding="utf-8")
                timeout = float(spec.get("timeout", 60))
                cases.append({"index": index, "path": str(copy), "spec": spec, "timeout": timeout})
            limits = sum(case["timeout"] for case in cases) + 30.0
            processes[kind] = (_spawn(cases, Path(tmp, kind)), [case["index"] for case in cases])
        runs: Dict[str, Any] = {kind: _collect(process, limits, indexes)
                                for kind, (process, indexes) in processes.items()}
    # The children run side by side: charge each case its share of the wall time.
    runs["seconds"] = (time.perf_counter() - start) / len(prepared)
    return runs


def _moving(got: Dict[str, Any], count: int, spec: Dict[str, Any]) -> Optional[str]:
    """Why a schedule with no reference is not a working one: it raised, stopped early, gave
    a value that is not finite, never moved, or rose in a phase marked `"anneals": true`."""
    lrs = got.get("lrs") or []
    if got.get("error"):
        return _raised(got)
    if len(lrs) < count:
        return f"only {len(lrs)} of {count} steps"
    for i, values in enumerate(lrs):
        if not all(math.isfinite(value) for value in values):
            return f"step {i}: {values[0]!r} is not finite"
    if len({tuple(values) for values in lrs}) < 2:
        return f"the LR never moves from {lrs[0][0]:.6g}"
    start = 0
    for phase in spec.get("phases", []):
        end = start + int(phase["n"])
        if phase.get("anneals"):
            series = [values[0] for values in lrs[start:end]]
            rises = [i for i in range(1, len(series)) if series[i] > series[i - 1] * (1 + 1e-12)]
            if rises:
                i = start + rises[0]
                return f"step {i}: the LR rises from {lrs[i - 1][0]:.6g} to {lrs[i][0]:.6g} in an annealing phase"
            if series[-1] >= series[0]:
                return f"the annealing phase ends at {series[-1]:.6g}, not below its start {series[0]:.6g}"
        start = end
    return None


def _judge(spec, name, count, want, text, fixed_text, fix_error, original, fixed, seconds) -> Result:
    """With a reference: the fixed copy follows it and the original does not. Without one:
    the fixed copy runs, stays finite and moves, and the original does something else."""
    rtol = float(spec.get("rtol", 1e-9))
    if want is None:
        fixed_problem = _moving(fixed, count, spec)
        fixed_error = None
        original_problem = _raised(original) if original.get("error") else (
            "runs another schedule" if (original.get("lrs") or []) != fixed.get("lrs") else None)
        want = []
    else:
        fixed_error, fixed_problem = _compare(fixed, want, rtol)
        _, original_problem = _compare(original, want, rtol)
    problems = []
    if fix_error:
        problems.append(f"fixer: {fix_error}")
    ran = fixed.get("optimizers")  # None: the child died before saying, which is reported below
    if ran is not None and ran != [SGD]:
        problems.append(f"fixed code ran on {', '.join(ran) or 'no optimizer step'}, not {SGD} alone")
    if fixed_text == text:
        problems.append("the fixer changed nothing")
    if fixed_problem:
        what = "follow the reference" if want else "run a finite, moving schedule"
        problems.append(f"fixed code does not {what}: {fixed_problem}")
    if original["phase"] in ("import", "timeout", "crash") and original.get("error"):
        problems.append(f"original could not be run: {original['error']}")
    elif original_problem is None:
        problems.append("the original already follows the reference: the fixture shows no bug")
    series = {kind: [values[0] for values in got.get("lrs") or []]
              for kind, got in (("original", original), ("fixed", fixed))}
    series["reference"] = [values[0] for values in want]
    if problems:
        detail = "; ".join(problems)
    elif "reference" in spec:
        detail = f"fixed follows the reference; original diverges ({original_problem})"
    else:
        detail = f"fixed runs a finite, moving schedule; the original {original_problem}"
    return Result(LABEL, name, "cpu", count, fixed_error, seconds, "fail" if problems else "pass", detail, series)
