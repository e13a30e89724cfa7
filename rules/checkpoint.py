"""Checkpoint rules: scheduler state that is not saved or restored."""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Set

import libcst as cst

from reviewer.matching import (
    dotted_name,
    dotted_names,
    enclosing,
    FileFacts,
    iter_statements,
    method_call,
    walk,
)
from reviewer.triggers import all_of, SCHEDULER_VOCABULARY
from reviewer.rule import Applicability, Fix, Replacement, Rule, Severity

_SCHEDULER_KEY = re.compile(r"sched", re.IGNORECASE)


def _names_a_scheduler(node: cst.CSTNode) -> bool:
    """A string or keyword naming a scheduler (`ckpt["lr_scheduler"] = ...`, `dict(scheduler=...)`)."""
    if isinstance(node, (cst.SimpleString, cst.FormattedStringText)) and _SCHEDULER_KEY.search(node.value):
        return True
    if isinstance(node, cst.Arg) and node.keyword is not None and _SCHEDULER_KEY.search(node.keyword.value):
        return True
    return False


def _scope(context) -> Optional[cst.CSTNode]:
    """The innermost function around the node being visited, else the module."""
    return next(enclosing(context, cst.FunctionDef), context.module)


def _enclosing_class(context) -> Optional[cst.ClassDef]:
    return next(enclosing(context, cst.ClassDef), None)  # type: ignore[return-value]


def _body(scope: cst.CSTNode) -> Sequence[cst.CSTNode]:
    if isinstance(scope, cst.Module):
        return scope.body
    body = getattr(scope, "body", None)
    return body.body if isinstance(body, cst.IndentedBlock) else ()


def _parameters(function: cst.CSTNode) -> Set[str]:
    if not isinstance(function, cst.FunctionDef):
        return set()
    params = function.params
    every = list(params.params) + list(params.kwonly_params) + list(params.posonly_params)
    return {p.name.value for p in every}


def _assigned_in(body: Sequence[cst.CSTNode], calls: Set[int]) -> bool:
    for statement in iter_statements(body):
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                value = getattr(small, "value", None)
                if value is not None and id(value) in calls:
                    return True
    return False


def schedulers_in_scope(context) -> List[str]:
    """Scheduler variables (bound by constructor) visible where the visited node is: built in
    the same function, at module level (and not shadowed by a parameter), or `self.x` built in
    a method of the same class."""
    facts: FileFacts = context.facts
    scope = _scope(context)
    klass = _enclosing_class(context)
    params = _parameters(scope)
    module_level = {id(s) for s in context.module.body}
    found: List[str] = []
    for name, constructions in facts.schedulers.items():
        calls = {id(c.call) for c in constructions}
        if _assigned_in(_body(scope), calls):
            found.append(name)
        elif name.startswith("self.") and klass is not None and _assigned_in(_body(klass), calls):
            found.append(name)
        elif "." not in name and name not in params and any(
            isinstance(s, cst.SimpleStatementLine) and any(id(getattr(x, "value", None)) in calls for x in s.body)
            for s in context.module.body
            if id(s) in module_level
        ):
            if scope is context.module or name in dotted_names(scope, attribute_names=False):
                found.append(name)
    return found


def _restores_scheduler(scope: cst.CSTNode, facts: FileFacts, method: str, schedulers: Sequence[str]) -> bool:
    """The scope saves/loads a scheduler's state (`method` is state_dict or load_state_dict),
    names a scheduler key, sets `last_epoch` (YOLOv5 restores the schedule that way), or hands
    the scheduler to another function (which may save or restore it)."""
    text = cst.Module([]).code_for_node(scope)
    if "last_epoch" in text or any(_names_a_scheduler(node) for node in walk(scope)):
        return True
    for statement in iter_statements(_body(scope)):
        for node in _calls_in(statement):
            found = method_call(node)
            if found is not None and found[1] == method and facts.scheduler_kind(found[0]) is not None:
                return True
            if any(dotted_name(arg.value) in schedulers for arg in node.args):
                return True
    return False


def _calls_in(node: cst.CSTNode) -> List[cst.Call]:
    """Calls in `node` outside its nested blocks (a compound statement's header, a line)."""
    blocks = (cst.FunctionDef, cst.ClassDef, cst.IndentedBlock)
    return [
        n for n in walk(node, prune=lambda n: n is not node and isinstance(n, blocks)) if isinstance(n, cst.Call)
    ]


def _string_value(node: cst.CSTNode) -> Optional[str]:
    if isinstance(node, cst.SimpleString):
        return node.evaluated_value if isinstance(node.evaluated_value, str) else None
    return None


def _quote(node: cst.CSTNode) -> str:
    if isinstance(node, cst.SimpleString):
        return node.quote if node.quote in ("'", '"') else '"'
    return '"'


class ResumeWithoutSchedulerState(Rule):
    code = "RV401"
    name = "resume-without-scheduler-state"
    summary = "A checkpoint saves or restores the optimizer's state but not the scheduler's."
    severity = Severity.ERROR
    fix_applicability = Applicability.SAFE
    trigger = all_of(SCHEDULER_VOCABULARY, r"state_dict")
    documentation = """
        ## What it does
        Where a scheduler (bound by its constructor) is in scope:

        - a checkpoint dict literal with an optimizer's `state_dict()` but no scheduler state
          (no scheduler `state_dict()`, no key naming a scheduler);
        - `optimizer.load_state_dict(...)` in a function that restores no scheduler
          (no scheduler `load_state_dict(...)`, no `last_epoch` set).

        Setting `scheduler.last_epoch` on resume (YOLOv5) counts as restoring it.

        ## Why it matters
        A resumed run then restarts the schedule from its first value: warm-up runs again on
        trained weights, a cosine or step schedule is shifted by the epochs already done, and
        the final learning rate is never reached (lightly-ai/lightly-train PR #301,
        joeynmt PR #127).

        ## Example
        ```python
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)
        ```

        ## Fixed
        ```python
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict()}, path)
        # and on resume
        optimizer.load_state_dict(checkpoint["optimizer"])
        scheduler.load_state_dict(checkpoint["scheduler"])
        ```

        ## Fix safety
        Safe, on the save side only: adds a `"scheduler"` entry to the checkpoint, which
        loaders that do not read it ignore. Offered when exactly one scheduler is in scope.
        Restoring it on load is left to you.
    """

    def visit_Dict(self, node: cst.Dict) -> None:
        facts = self.context.facts
        optimizer_element = None
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                return  # `**other` may carry the scheduler
            key = _string_value(element.key)
            if key is not None and _SCHEDULER_KEY.search(key):
                return
            found = method_call(element.value)
            if found is None or found[1] != "state_dict":
                continue
            if facts.scheduler_kind(found[0]) is not None:
                return
            if facts.is_optimizer(found[0]) and optimizer_element is None:
                optimizer_element = element
        if optimizer_element is None:
            return
        schedulers = schedulers_in_scope(self.context)
        if not schedulers:
            return
        scope = _scope(self.context)
        if _restores_scheduler(scope, facts, "state_dict", schedulers):
            return
        fix = None
        if len(schedulers) == 1:
            fix = Fix(Applicability.SAFE, "Save the scheduler's state too", [self._add_entry(node, optimizer_element, schedulers[0])])
        self.report(
            optimizer_element,
            f"This checkpoint saves the optimizer's state but not `{schedulers[0]}`'s: a resumed run "
            "restarts the learning-rate schedule from the beginning. Save "
            f"`{schedulers[0]}.state_dict()` and restore it with `load_state_dict` on resume.",
            fix=fix,
        )

    @staticmethod
    def _add_entry(node: cst.Dict, after: cst.DictElement, scheduler: str) -> Replacement:
        elements = list(node.elements)
        index = elements.index(after)
        quote = _quote(after.key)
        new = cst.DictElement(
            key=cst.SimpleString(f"{quote}scheduler{quote}"),
            value=cst.parse_expression(f"{scheduler}.state_dict()"),
            whitespace_before_colon=after.whitespace_before_colon,
            whitespace_after_colon=after.whitespace_after_colon,
        )
        # the separator between elements (a newline and indentation in a multi-line dict)
        separators = [e.comma for e in elements[:-1] if isinstance(e.comma, cst.Comma)]
        separator = separators[0] if separators else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        if index == len(elements) - 1:
            new = new.with_changes(comma=after.comma)  # the trailing comma, if any, moves to the new last
            elements[index] = after.with_changes(comma=separator)
        else:
            new = new.with_changes(comma=after.comma if isinstance(after.comma, cst.Comma) else separator)
        elements.insert(index + 1, new)
        return Replacement(node, node.with_changes(elements=elements))

    def visit_Call(self, node: cst.Call) -> None:
        found = method_call(node)
        if found is None or found[1] != "load_state_dict":
            return
        facts = self.context.facts
        if not facts.is_optimizer(found[0]):
            return
        schedulers = schedulers_in_scope(self.context)
        if not schedulers:
            return
        if _restores_scheduler(_scope(self.context), facts, "load_state_dict", schedulers):
            return
        self.report(
            node,
            f"`{self.context.code(node)}` restores the optimizer but `{schedulers[0]}` is not restored: "
            "the resumed run restarts the learning-rate schedule from the beginning. Call "
            f"`{schedulers[0]}.load_state_dict(...)` with the saved scheduler state.",
        )


# --- custom-scheduler-without-state-dict ---


def _writes_lr(node: cst.CSTNode) -> bool:
    """`x["lr"] = ...` / `x['lr'] *= ...` anywhere under `node`."""
    for statement in iter_statements(_body(node)):
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            targets: List[cst.CSTNode] = []
            if isinstance(small, cst.Assign):
                targets = [t.target for t in small.targets]
            elif isinstance(small, (cst.AugAssign, cst.AnnAssign)):
                targets = [small.target]
            for target in targets:
                if isinstance(target, cst.Subscript) and len(target.slice) == 1:
                    index = target.slice[0].slice
                    if isinstance(index, cst.Index) and _string_value(index.value) == "lr":
                        return True
    return False


def _counts(node: cst.CSTNode) -> bool:
    """`self.x += 1` or `self.x = self.x + 1` anywhere under `node`."""
    for statement in iter_statements(_body(node)):
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.AugAssign) and isinstance(small.operator, cst.AddAssign):
                if (dotted_name(small.target) or "").startswith("self."):
                    return True
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                target = dotted_name(small.targets[0].target)
                value = small.value
                if (
                    target is not None
                    and target.startswith("self.")
                    and isinstance(value, cst.BinaryOperation)
                    and isinstance(value.operator, cst.Add)
                    and dotted_name(value.left) == target
                ):
                    return True
    return False


def _is_step_method(node: cst.CSTNode) -> bool:
    """A scheduler's stepping method: `step`, `step_batch`, `step_update`, `__call__`, `update`."""
    return isinstance(node, cst.FunctionDef) and (
        node.name.value.startswith("step") or node.name.value in ("__call__", "update")
    )


_STATE_METHODS = {"state_dict", "load_state_dict", "__getstate__", "__reduce__"}


def _methods(klass: cst.ClassDef) -> Set[str]:
    return {s.name.value for s in _body(klass) if isinstance(s, cst.FunctionDef)}


class CustomSchedulerWithoutStateDict(Rule):
    code = "RV402"
    name = "custom-scheduler-without-state-dict"
    summary = "A hand-written scheduler that cannot be checkpointed (no `state_dict`)."
    severity = Severity.WARNING
    trigger = r"""["']lr["']"""
    documentation = """
        ## What it does
        Finds classes that behave like learning-rate schedulers (a stepping method, `step`,
        `step_*`, `update` or `__call__`, advances a counter, `self.x += 1`, and writes
        `group["lr"]` / `param_groups[i]["lr"]`) but do
        not extend `torch.optim.lr_scheduler.LRScheduler` and define no `state_dict`.
        Classes extending anything other than `object` or another class of the same file are
        skipped: an imported base may provide `state_dict`.

        ## Why it matters
        The counter and any other progress live only in the object. A checkpoint cannot hold
        them, so a resumed run starts the schedule over: the warm-up runs again on trained
        weights and the decay is shifted (Huangdebo/CAWB's scheduler and its many copies).
        `LRScheduler` provides `state_dict()`/`load_state_dict()` for free.

        ## Example
        ```python
        class WarmupScheduler:
            def __init__(self, optimizer, warmup):
                self.optimizer, self.warmup, self.iters = optimizer, warmup, 0

            def step(self):
                self.iters += 1
                for group in self.optimizer.param_groups:
                    group["lr"] = group["initial_lr"] * min(1.0, self.iters / self.warmup)
        ```

        ## Fixed
        ```python
        class WarmupScheduler:
            ...
            def state_dict(self):
                return {k: v for k, v in self.__dict__.items() if k != "optimizer"}

            def load_state_dict(self, state):
                self.__dict__.update(state)
        ```

        ## Fix safety
        No automatic fix; subclassing `LRScheduler` (and implementing `get_lr`) is often the
        better change.
    """

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        facts = self.context.facts
        if not self._plain_bases(node, facts, set()):
            return
        if not any(_is_step_method(m) and _writes_lr(m) and _counts(m) for m in _body(node) if isinstance(m, cst.FunctionDef)):
            return
        self.report(
            node.name,
            f"`{node.name.value}` keeps a schedule's progress (counters, `['lr']` writes) but has no "
            "`state_dict()`/`load_state_dict()`, so checkpoints cannot hold it and a resumed run restarts "
            "the schedule. Add both methods, or extend `torch.optim.lr_scheduler.LRScheduler`.",
        )

    def _plain_bases(self, node: cst.ClassDef, facts: FileFacts, seen: Set[str]) -> bool:
        """No state methods here or in its bases, and every base is `object` or a class of this file."""
        if _methods(node) & _STATE_METHODS:
            return False
        seen.add(node.name.value)
        for base in node.bases:
            if base.keyword is not None:
                if base.keyword.value == "metaclass":
                    continue
                return False
            if facts.is_scheduler_base(base.value):
                return False
            name = dotted_name(base.value)
            if name == "object":
                continue
            local = facts.classes.get(name or "")
            if local is None or name in seen or facts.imports.get(name or "") is not None:
                return False
            if not self._plain_bases(local, facts, seen):
                return False
        return True
