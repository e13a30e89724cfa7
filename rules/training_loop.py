"""Training-loop rules: gradient zeroing, AMP-skipped steps, CUDA timing."""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Set

import libcst as cst

from reviewer.matching import (
    walk,
    keyword_arg,
    block_statements,
    bound_constructor,
    contains,
    dotted_name,
    dotted_names,
    enclosing_loops,
    FileFacts,
    GRAD_SCALERS,
    is_optimizer_step,
    iter_statements,
    loop_calls,
    LoopCall,
    method_call,
    statements_calls,
)
from reviewer.rules.trigger_checks import optimizer_step_loop
from reviewer.triggers import all_of, any_of, Check
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity


def _is_scaler(facts: FileFacts, node: cst.CSTNode) -> bool:
    return bound_constructor(facts, node) in GRAD_SCALERS


def _optimizer_stepped(facts: FileFacts, call: cst.Call) -> Optional[cst.BaseExpression]:
    """The optimizer that `optimizer.step()` or `scaler.step(optimizer)` steps (bound by constructor)."""
    if not is_optimizer_step(call, facts):
        return None
    receiver = call.func.value  # type: ignore[attr-defined]
    return receiver if facts.is_optimizer(receiver) else call.args[0].value


def _is_backward(call: cst.Call) -> bool:
    found = method_call(call)
    return found is not None and found[1] == "backward"


def _is_zero_grad(call: cst.Call) -> bool:
    """`x.zero_grad(...)`, a helper named like it, or `p.grad.zero_()` / `p.grad.detach_()`."""
    found = method_call(call)
    if found is not None:
        receiver, method = found
        if "zero_grad" in method:
            return True
        if method in ("zero_", "detach_") and "grad" in (dotted_name(receiver) or "").split(".")[-2:]:
            return True
    name = dotted_name(call.func) if isinstance(call, cst.Call) else None
    return name is not None and "zero_grad" in name


def _sets_grad_to_none(loop: cst.CSTNode) -> bool:
    """`p.grad = None` (or `param.grad = None` in a nested loop) in the loop's body."""
    for statement in iter_statements(block_statements(loop)):
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Assign) and isinstance(small.value, cst.Name) and small.value.value == "None":
                if any(isinstance(t.target, cst.Attribute) and t.target.attr.value == "grad" for t in small.targets):
                    return True
            if isinstance(small, cst.Del) and "grad" in cst.Module([]).code_for_node(small.target):
                return True
    return False


def _assigned_in_loop(loop: cst.CSTNode, target: cst.CSTNode) -> bool:
    """The optimizer is built afresh in each iteration (a test or sweep loop, not a training loop)."""
    name = dotted_name(target)
    for statement in iter_statements(block_statements(loop)):
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign) and any(
                    name in {dotted_name(e.value) for e in getattr(t.target, "elements", [])} | {dotted_name(t.target)}
                    for t in small.targets
                ):
                    return True
    return False


class ZeroGradMisplaced(Rule):
    code = "RV502"
    name = "zero-grad-misplaced"
    summary = "Gradients are never zeroed in the training loop, or are zeroed between `backward()` and `step()`."
    severity = Severity.ERROR
    # optimizers are bound through constructors: every module of matching.OPTIMIZERS is
    # `optim`, `optimizers` or `optimization`, or the class is named (`from transformers import AdamW`)
    trigger = all_of(any_of(r"optim(?:izers|ization)?\b", "AdamW", "Adafactor"), "backward")
    structure = Check(optimizer_step_loop)
    documentation = """
        ## What it does
        Looks at the loop that runs an optimizer's `step()` (the optimizer bound by its
        constructor, directly or through `scaler.step(optimizer)`) and a `backward()`:

        - no gradient zeroing anywhere in that loop: no `optimizer.zero_grad(...)`,
          `model.zero_grad()`, `p.grad = None`, `p.grad.zero_()`. A `zero_grad` inside the
          accumulation `if` that also holds the step counts;
        - `optimizer.zero_grad()` of the same optimizer after the last `backward()` and before
          its `step()` in the same iteration (the step then applies zero gradients).

        ## Why it matters
        `backward()` adds into `.grad`. Without zeroing, every step applies the sum of all
        gradients since the start (or since the loop was entered), so the effective learning
        rate grows with every iteration and training diverges or stalls. Zeroing between the
        backward pass and the step throws the gradients away: the optimizer steps on zeros
        (wenet-e2e/wekws PR #73 fixed one such loop).

        ## Example
        ```python
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        optimizer.zero_grad()
        for x, y in loader:
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
        ```

        ## Fixed
        ```python
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            optimizer.zero_grad(set_to_none=True)
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
        ```

        ## Fix safety
        No automatic fix: where the zeroing belongs depends on the accumulation scheme.
    """

    def __init__(self, context) -> None:
        super().__init__(context)
        self._seen: Set[int] = set()
        self._zeroing_helpers: Optional[Set[str]] = None

    def _zeroes_through_helper(self, calls: List[LoopCall]) -> bool:
        """The loop calls a function or `self.` method of this file that zeroes gradients
        (`self.reset_grad()` whose body is `self.net.zero_grad()`)."""
        if self._zeroing_helpers is None:
            self._zeroing_helpers = {
                function.name.value
                for function in walk(self.context.module)
                if isinstance(function, cst.FunctionDef)
                and (
                    any(isinstance(n, cst.Call) and _is_zero_grad(n) for n in walk(function.body))
                    or _sets_grad_to_none(function)
                )
            }
        for site in calls:
            name = dotted_name(site.call.func) or ""
            parts = name.split(".")
            if parts[-1] in self._zeroing_helpers and (len(parts) == 1 or (len(parts) == 2 and parts[0] == "self")):
                return True
        return False

    def visit_Call(self, node: cst.Call) -> None:
        facts = self.context.facts
        optimizer = _optimizer_stepped(facts, node)
        if optimizer is None:
            return
        loops = enclosing_loops(self.context)
        if not loops:
            return
        loop = loops[0]
        calls = loop_calls(loop)
        index = next((i for i, site in enumerate(calls) if site.call is node), None)
        if index is None:
            return
        backwards = [i for i, site in enumerate(calls) if _is_backward(site.call)]
        if not backwards:
            return
        zeroings = [i for i, site in enumerate(calls) if _is_zero_grad(site.call)]
        if (
            not zeroings
            and not _sets_grad_to_none(loop)
            and not _assigned_in_loop(loop, optimizer)
            and not self._zeroes_through_helper(calls)
        ):
            if id(loop) not in self._seen:
                self._seen.add(id(loop))
                self.report(
                    node,
                    f"`{self.context.code(node)}` runs in a loop that calls `backward()` but never zeroes the "
                    "gradients in it: every step applies the sum of all gradients so far. Call "
                    "`optimizer.zero_grad()` once per optimizer step (before the forward pass or right after "
                    "the step).",
                )
            return
        before = [i for i in backwards if i < index]
        if not before:
            return
        last_backward = before[-1]
        name = dotted_name(optimizer)
        site = calls[index]
        for i in zeroings:
            if not last_backward < i < index:
                continue
            zero = calls[i]
            found = method_call(zero.call)
            if found is None or name is None or dotted_name(found[0]) != name or zero.path != site.path:
                continue
            self.report(
                zero.call,
                f"`{self.context.code(zero.call)}` runs after `backward()` and before `{self.context.code(node)}`: "
                "the gradients just computed are discarded and the optimizer steps on zeros. Zero the "
                "gradients before the forward pass or after the step.",
            )


_IDIOM = (
    "scale_before = {s}.get_scale(); {s}.update(); "
    "if {s}.get_scale() >= scale_before: {k}.step()"
)


class AmpSkippedStepAdvancesScheduler(Rule):
    code = "RV503"
    name = "amp-skipped-step-advances-scheduler"
    summary = "The scheduler steps even when GradScaler skipped the optimizer step."
    severity = Severity.INFO
    trigger = r"GradScaler"
    documentation = """
        ## What it does
        Finds `scaler.step(optimizer)` (the scaler bound to `torch.amp.GradScaler` or
        `torch.cuda.amp.GradScaler`) followed, in the same loop iteration, by a scheduler's
        `step()` (the scheduler bound by its constructor) that runs unconditionally.

        ## Why it matters
        When the scaled gradients contain inf or NaN, `scaler.step(optimizer)` skips the
        optimizer step and `scaler.update()` lowers the scale. The scheduler still advances,
        so the schedule runs ahead of the real number of updates; PyTorch then warns that
        `lr_scheduler.step()` was called before `optimizer.step()` (pytorch/pytorch #44511,
        #67590). It is usually a handful of steps at the start of training, hence info level.

        ## Example
        ```python
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        scheduler.step()
        ```

        ## Fixed
        ```python
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scale_before = scaler.get_scale()
        scaler.update()
        if scaler.get_scale() >= scale_before:
            scheduler.step()
        ```

        ## Fix safety
        No automatic fix; the idiom above is given in the message.
    """

    def visit_Call(self, node: cst.Call) -> None:
        found = method_call(node)
        if found is None or found[1] != "step":
            return
        facts = self.context.facts
        scaler = found[0]
        if not _is_scaler(facts, scaler):
            return
        loops = enclosing_loops(self.context)
        if not loops:
            return
        calls = loop_calls(loops[0])
        index = next((i for i, site in enumerate(calls) if site.call is node), None)
        if index is None:
            return
        site = calls[index]
        allowed = set(map(id, site.path))
        for later in calls[index + 1:]:
            step = method_call(later.call)
            if step is None or step[1] != "step":
                continue
            kind = facts.scheduler_kind(step[0])
            if kind is None or kind.plateau:
                continue
            if later.conditional and not site.conditional:
                continue
            if any(id(p) not in allowed and not isinstance(p, (cst.With, cst.Try)) for p in later.path):
                continue
            s = self.context.code(scaler)
            k = self.context.code(step[0])
            self.report(
                later.call,
                f"`{k}.step()` runs even when `{self.context.code(node)}` skipped the optimizer step "
                "(inf/NaN gradients), so the schedule advances without an update. To step it only when "
                f"the optimizer stepped: `{_IDIOM.format(s=s, k=k)}`.",
            )


# --- cuda-timing-without-sync ---

_CLOCKS = {"time.time", "time.perf_counter", "time.monotonic", "time.time_ns", "time.perf_counter_ns"}
_MODEL_NAME = re.compile(
    r"(?i)^(?:.*model|net|network|.*_net|encoder|decoder|generator|discriminator|backbone|detector|netG|netD)$"
)
_NOT_A_MODEL = re.compile(r"(?i)^(?:load|build|create|get|make|init|setup|save|export|print|count)_")
_BOOKKEEPING = {"print", "len", "range", "str", "isinstance", "format", "round", "dict", "list", "tuple"}
_SYNC_METHODS = {"item", "cpu", "tolist", "numpy"}


def _is_clock(facts: FileFacts, call: cst.CSTNode) -> bool:
    return isinstance(call, cst.Call) and not call.args and facts.resolve(call.func) in _CLOCKS


def _cuda_work(call: cst.Call) -> bool:
    found = method_call(call)
    if found is not None:
        receiver, method = found
        if method == "backward":
            return True
        if method in ("cuda", "to"):
            # A copy from host memory waits for the GPU unless it is asked not to.
            return _non_blocking(call)
        if method == "forward":
            last = (dotted_name(receiver) or "").split(".")[-1]
            return _MODEL_NAME.match(last) is not None and _NOT_A_MODEL.match(last) is None
    name = dotted_name(call.func)
    if name is None:
        return False
    parts = name.split(".")
    if len(parts) > 2 or (len(parts) == 2 and parts[0] != "self"):
        return False
    return _MODEL_NAME.match(parts[-1]) is not None and _NOT_A_MODEL.match(parts[-1]) is None


def _non_blocking(call: cst.Call) -> bool:
    argument = keyword_arg(call, "non_blocking")
    return argument is not None and not (isinstance(argument.value, cst.Name) and argument.value.value == "False")


def _syncs(call: cst.Call) -> bool:
    name = dotted_name(call.func) or ""
    if "sync" in name.split(".")[-1].lower():
        return True
    found = method_call(call)
    if found is not None and found[1] in _SYNC_METHODS:
        return True
    if found is not None and found[1] == "to" and not _non_blocking(call):
        # `.to("cpu")`, `.to(cpu_device)`: a copy to the host waits for the kernels
        return any("cpu" in (dotted_name(arg.value) or "") or
                   (isinstance(arg.value, cst.SimpleString) and "cpu" in arg.value.value) or
                   (isinstance(arg.value, cst.Call) and "cpu" in cst.Module([]).code_for_node(arg.value))
                   for arg in call.args)
    return found is not None and "sync" in found[1].lower()


def _clock_target(facts: FileFacts, statement: cst.CSTNode) -> Optional[str]:
    """`t0 = time.time()`: the name the clock reading is stored in."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and _is_clock(facts, small.value):
        return dotted_name(small.targets[0].target)
    return None


def _clock_calls(facts: FileFacts, statement: cst.CSTNode) -> List[cst.Call]:
    return [site.call for site in statements_calls([statement]) if _is_clock(facts, site.call)]


_SYNC_STATEMENT = "if torch.cuda.is_available():\n    torch.cuda.synchronize()\n"


class CudaTimingWithoutSync(Rule):
    code = "RV504"
    name = "cuda-timing-without-sync"
    summary = "Wall-clock timing around CUDA work without `torch.cuda.synchronize()` before the second reading."
    severity = Severity.WARNING
    fix_applicability = Applicability.SAFE
    # the clocks are all in the `time` module: `time.perf_counter()`, or imported from it
    trigger = all_of(any_of(r"time\s*\.\s*(?:time|perf_counter|monotonic)", r"from\s+time\s+import", r"import\s+time\s+as"), "cuda")
    documentation = """
        ## What it does
        Finds `t0 = time.time()` (or `perf_counter()`, `monotonic()`) followed in the same block
        by a second clock reading that uses `t0`, with CUDA work in between (`.cuda()`,
        `.to(device)`, `backward()`, a model's forward call in a file that uses CUDA) and no
        synchronising call after the work: `torch.cuda.synchronize()`, a `time_sync()`-style
        helper, `.item()`, `.cpu()`, `.tolist()`, `.numpy()`.

        ## Why it matters
        CUDA kernels run asynchronously: the Python call returns once the kernel is queued.
        Without a synchronisation before the second reading the measurement is the time to
        launch the kernels, not to run them (pytorch/pytorch #21286), and the cost shows up in
        whichever later line happens to wait for the GPU. YOLOv5's `time_sync()` and YOLOv7's
        `time_synchronized()` synchronise before reading the clock for this reason.

        ## Example
        ```python
        t0 = time.perf_counter()
        output = model(images.cuda())
        elapsed = time.perf_counter() - t0
        ```

        ## Fixed
        ```python
        t0 = time.perf_counter()
        output = model(images.cuda())
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        elapsed = time.perf_counter() - t0
        ```

        ## Fix safety
        Safe: inserts a synchronisation guarded by `torch.cuda.is_available()` before the
        second clock reading; results are unchanged, only the measured time (now the real
        one). Offered only where the file imports `torch` under that name.
    """

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._scan(node.body)

    def visit_Module(self, node: cst.Module) -> None:
        self._scan(node.body)

    def _scan(self, body: Sequence[cst.CSTNode]) -> None:
        if "cuda" not in self.context.source:  # the file does no CUDA work (the trigger says the same)
            return
        facts = self.context.facts
        for i, statement in enumerate(body):
            target = _clock_target(facts, statement)
            if target is None:
                continue
            for j in range(i + 1, len(body)):
                later = body[j]
                clocks = _clock_calls(facts, later)
                if not clocks:
                    continue
                if not isinstance(later, cst.SimpleStatementLine):
                    break
                used = target in dotted_names(later, attribute_names=True) or (
                    _clock_target(facts, later) is not None
                    and any(target in dotted_names(after, attribute_names=True) for after in body[j + 1:])
                )
                if not used:
                    break
                self._check(body, i, j, target, clocks[0])
                break

    def _check(self, body, i: int, j: int, target: str, clock: cst.Call) -> None:
        between: List[LoopCall] = statements_calls(list(body[i + 1:j]))
        later = body[j]
        for small in later.body:
            if any(site.call is clock for site in statements_calls([small])):
                break
            between.extend(statements_calls([small]))
        work = next((k for k, site in enumerate(between) if _cuda_work(site.call)), None)
        if work is None:
            return
        # the last CUDA work must sit right before the second reading: a long tail of other
        # work (exporting, printing, saving) is a whole-process timing, not a kernel timing
        last_work = max(k for k, site in enumerate(between) if _cuda_work(site.call))
        tail = [site for site in between[last_work + 1:] if not _syncs(site.call)]
        statements = {id(site.statement) for site in between[last_work:]}
        if len(statements) > 3 or len(tail) > 4:
            return
        # a helper called on the results after the work (YOLOX's `postprocess`, NMS) may well
        # synchronise (a boolean mask, `.item()` inside): only plain bookkeeping may follow
        if any(isinstance(site.call.func, cst.Name) and site.call.func.value not in _BOOKKEEPING for site in tail):
            return
        work_call = between[work].call
        if any(_syncs(site.call) and (k >= work or contains(site.call, work_call)) for k, site in enumerate(between)):
            return
        fix = None
        if self.context.facts.imports.get("torch") == "torch":
            guard = cst.parse_statement(_SYNC_STATEMENT)
            guard = guard.with_changes(leading_lines=later.leading_lines)
            fix = Fix(
                Applicability.SAFE,
                "Synchronise CUDA before reading the clock",
                [Replacement(later, cst.FlattenSentinel([guard, later.with_changes(leading_lines=())]))],
            )
        self.report(
            clock,
            f"`{self.context.code(clock)}` is read after CUDA work (`{self.context.code(between[work].call)}`) "
            "with no `torch.cuda.synchronize()` in between: kernels run asynchronously, so this times their "
            "launch, not their execution. Synchronise before reading the clock.",
            fix=fix,
        )
