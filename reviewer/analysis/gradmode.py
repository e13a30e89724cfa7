"""Where gradients are recorded: code under `torch.no_grad()` / `torch.inference_mode()`
(as a context manager or decorator, YOLOv5's `smart_inference_mode()` included), after
`torch.set_grad_enabled(False)` (or an exit stack's `enter_context(torch.no_grad())`) in an
enclosing block or in the `__init__` of the method's class, or in a function every caller of
which (in the file) runs it there."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple

import libcst as cst

from reviewer.analysis.tree import dotted_name, method_call
from reviewer.vocabulary import NO_GRAD

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis


class GradMode:
    def __init__(self, analysis: "FileAnalysis") -> None:
        self.analysis = analysis
        self._callers: Dict[int, bool] = {}
        #: id(block) -> (id(statement) -> its position, [(position, mode)] of the statements that set one)
        self._block_modes: Dict[int, Tuple[Dict[int, int], List[Tuple[int, bool]]]] = {}

    def disabled_at(self, node: cst.CSTNode) -> bool:
        """Gradient recording is off where `node` runs, by the code around it (the innermost
        setting wins: `torch.enable_grad()` inside `torch.no_grad()` turns it back on), or
        TorchScript leaves it to eager code (`@torch.jit.ignore`, `@torch.jit.unused`)."""
        return self._off(node, jit_ignored=True)

    def off_at(self, node: cst.CSTNode) -> bool:
        """`disabled_at` by a grad-mode setting alone: a TorchScript-ignored function records."""
        return self._off(node, jit_ignored=False)

    def _off(self, node: cst.CSTNode, jit_ignored: bool) -> bool:
        child = node
        for ancestor in self.analysis.index.ancestors(node):
            kind = type(ancestor)
            if kind is cst.With:
                modes = [m for m in (self.mode(item.item) for item in ancestor.items) if m is not None]
                if modes:
                    return not modes[-1]
            if kind is cst.FunctionDef:
                if jit_ignored and any(self._jit_ignored(d.decorator) for d in ancestor.decorators):
                    return True
                modes = [m for m in (self.mode(d.decorator) for d in ancestor.decorators) if m is not None]
                if modes:
                    return not modes[-1]  # the decorator nearest the def is entered last
                if self._constructor_disables(ancestor):
                    return True
            if kind in (cst.IndentedBlock, cst.Module):
                mode = self._mode_before(ancestor, child)
                if mode is not None:
                    return not mode
            child = ancestor
        return False

    def mode(self, expression: cst.CSTNode) -> Optional[bool]:
        """The gradient mode a context manager or decorator sets: False for `torch.no_grad()`,
        `torch.inference_mode()`, `torch.set_grad_enabled(False)`; True for
        `torch.enable_grad()`, `set_grad_enabled(True)`, `inference_mode(False)`; else None."""
        call = expression if type(expression) is cst.Call else None
        qualified = self.analysis.qualified(call.func if call is not None else expression) or ""  # type: ignore[union-attr]
        first = call.args[0].value if call is not None and call.args else None
        flag = dotted_name(first) if first is not None else None
        last = qualified.rsplit(".", 1)[-1]
        if last == "set_grad_enabled":
            return {"False": False, "True": True}.get(flag or "")
        if last == "enable_grad":
            return True
        if qualified in NO_GRAD or "no_grad" in last or "inference_mode" in last:  # YOLOv5's smart_inference_mode
            return flag == "False"
        return None

    def _jit_ignored(self, expression: cst.CSTNode) -> bool:
        func = expression.func if type(expression) is cst.Call else expression  # type: ignore[attr-defined]
        return self.analysis.qualified(func) in ("torch.jit.unused", "torch.jit.ignore")

    def _mode_before(self, block: cst.CSTNode, statement: cst.CSTNode) -> Optional[bool]:
        """The mode the last `set_grad_enabled(...)` statement of the block before `statement` sets."""
        known = self._block_modes.get(id(block))
        if known is None:
            body = block.body  # type: ignore[attr-defined]
            setters = [(i, mode) for i, each in enumerate(body) if (mode := self._set_mode(each)) is not None]
            known = self._block_modes[id(block)] = ({id(each): i for i, each in enumerate(body)}, setters)
        positions, setters = known
        if not setters:
            return None
        earlier = bisect_left(setters, (positions.get(id(statement), len(positions)), False))
        return setters[earlier - 1][1] if earlier else None

    def _constructor_disables(self, method: cst.FunctionDef) -> bool:
        """`method` is one of a class whose `__init__` turns recording off for the process
        (`torch.set_grad_enabled(False)` among its statements, last of those it makes): every
        other method of an instance runs after it."""
        index = self.analysis.index
        model = index.class_of_method(method)
        init = index.method_of(model, "__init__") if model is not None and method.name.value != "__init__" else None
        if init is None or type(init.body) is not cst.IndentedBlock:
            return False
        modes = [m for each in init.body.body if (m := self._set_mode(each)) is not None]
        return bool(modes) and not modes[-1]

    def _set_mode(self, statement: cst.CSTNode, depth: int = 0) -> Optional[bool]:
        """The mode a `torch.set_grad_enabled(...)` (or an exit stack's `enter_context(...)` of a
        grad mode) statement sets, or a call of a function of
        the file whose body sets one (the mode is global: it outlives the call), or an `if`
        whose two branches end in the same setting, else None."""
        if type(statement) is cst.If and type(statement.orelse) is cst.Else and depth < 3:
            branches = [[m for each in block.body if (m := self._set_mode(each, depth + 1)) is not None]
                        for block in (statement.body, statement.orelse.body) if type(block) is cst.IndentedBlock]
            return branches[0][-1] if len(branches) == 2 and all(branches) and branches[0][-1] == branches[1][-1] \
                else None
        if type(statement) is not cst.SimpleStatementLine:
            return None
        for small in reversed(statement.body):  # type: ignore[attr-defined]
            if type(small) is not cst.Expr or type(small.value) is not cst.Call:
                continue
            if (self.analysis.qualified(small.value.func) or "").endswith("set_grad_enabled"):
                return self.mode(small.value)
            entered = method_call(small.value)  # `stack.enter_context(torch.no_grad())`: until the stack's `with` ends
            if entered is not None and entered[1] == "enter_context" and len(small.value.args) == 1:
                mode = self.mode(small.value.args[0].value)
                if mode is not None:
                    return mode
            helper = self.analysis.callee(small.value) if depth < 3 else None
            if type(helper) is cst.FunctionDef and type(helper.body) is cst.IndentedBlock:
                modes = [m for each in helper.body.body if (m := self._set_mode(each, depth + 1)) is not None]
                if modes:
                    return modes[-1]
        return None

    def callers_disabled(self, function: cst.CSTNode, seen: Set[int] = frozenset()) -> bool:  # type: ignore[assignment]
        """Every reference to the function in the file is a call under no_grad (or in a
        function whose callers all are)."""
        key = id(function)
        if key in self._callers:
            return self._callers[key]
        if key in seen:
            return False
        seen = set(seen) | {key}
        analysis = self.analysis
        index = analysis.index
        calls = analysis.calls_of(function)
        references = [n for n in index.names_valued(function.name.value) if not index.is_store(n)]  # type: ignore[attr-defined]
        answer = bool(calls) and len(calls) == len(references) and all(
            self.disabled_at(call) or (
                (caller := index.function_of(call)) is not None and type(caller) is cst.FunctionDef
                and self.callers_disabled(caller, seen))
            for call in calls
        )
        self._callers[key] = answer
        return answer
