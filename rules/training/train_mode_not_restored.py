from typing import List, Optional, Set

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.loops import Loop, LoopCall
from reviewer.analysis.tree import backward_operand, dotted_name, method_call, mode_switch
from reviewer.rule import Applicability, Fix, Replacement, Rule
from reviewer.triggers import Check, all_of, any_of, eval_in_training


class TrainModeNotRestored(Rule):
    code = "RV508"
    name = "train-mode-not-restored"
    summary = "`model.eval()` inside the training loop with no `model.train()` before the next training step."
    fix_applicability = Applicability.UNSAFE
    trigger = all_of(r"\.eval\(\)", any_of("backward", "step"))
    structure = Check(eval_in_training)
    documentation = """
        ## What it does
        Finds `model.eval()` that runs in a loop which trains (one pass calls `backward()`
        or steps an optimizer, directly or in functions of the file it calls, two levels),
        when nothing in that pass calls `.train()` on a model: once the periodic validation
        has run, every later training step runs in evaluation mode. The model is bound by
        its constructor, or, where the file shows no object, is something the file also
        calls `.train()` on (its name is then the evidence).

        ## Why it matters
        In evaluation mode dropout is off and batch-norm layers use and no longer update
        their running statistics: training goes on, the loss even looks better, and the
        model overfits or its batch-norm statistics go stale from the first validation on
        (a frequent question on the PyTorch forums; nothing warns).

        ## Example
        ```python
        model.train()
        for epoch in range(epochs):
            for x, y in loader:
                train_step(model, x, y)
            model.eval()
            validate(model, val_loader)
        ```

        ## Fixed
        ```python
        for epoch in range(epochs):
            model.train()
            for x, y in loader:
                train_step(model, x, y)
            model.eval()
            validate(model, val_loader)
        ```

        ## Fix safety
        Unsafe: training steps after the first validation then run in training mode (that is
        the fix). The fix puts `model.train()` first in the loop's body, where the model's
        name is bound; offered when the `eval()` call is in the loop's own function.

        ## What it leaves alone
        Loops that call `.train()` anywhere in a pass (also in the functions they call, and
        in a method of the model's class that calls it on the model or a part of it), an
        `eval()` under a test for one particular pass (`if epoch == epochs - 1:`), and
        loops that do not train. Models the file never trains (no `parameters()` handed on,
        no `.train()`: an EMA copy used for sampling). An `eval()` followed in its function
        by training steps with no evaluation (nothing under `no_grad`) in between: training
        in evaluation mode on purpose, as linear probing on frozen features does (MoCo,
        SimSiam keep the backbone's batch-norm statistics fixed).
    """

    def __init__(self, context) -> None:
        super().__init__(context)
        self._loops: Set[int] = set()

    def visit_Call(self, node: cst.Call) -> None:
        found = method_call(node)
        if found is None or found[1] != "eval" or node.args or not self._model(found[0]):
            return
        if not self._trained(found[0]) or self._trains_in_eval_mode(node):
            return
        loops = self.context.analysis.loops
        for enclosing, _ in loops.contexts(node):
            for loop in reversed(enclosing):
                if id(loop) in self._loops:
                    continue
                calls = loops.calls(loop)
                site = next((s for s in calls if s.call is node), None)
                if site is None or not self._trains(calls) or self._restores(calls) or self._one_pass(site, loop):
                    continue
                if any(self._trains_in_eval_mode(s.call) for s in calls
                       if (m := method_call(s.call)) is not None and m[1] == "eval" and not s.call.args):
                    continue  # the pass trains in evaluation mode on purpose
                self._loops.add(id(loop))
                model = self.context.code(found[0])
                self.report(
                    node,
                    f"`{model}.eval()` runs in this training loop and nothing in the loop calls `.train()` again: "
                    "from the first evaluation on, training runs with dropout off and batch-norm statistics frozen. "
                    f"Call `{model}.train()` before the training steps of each pass.",
                    fix=self._fix(loop, model, site),
                )
                return

    def _model(self, receiver: cst.CSTNode) -> bool:
        objects = self.context.analysis.objects
        if objects.is_a(receiver, o.MODEL):
            return True
        return not any(x is not None for x in objects.of(receiver)) and objects.switched_to_training(receiver)

    def _trained(self, model: cst.CSTNode) -> bool:
        """The file trains this model: it hands its `parameters()` to something (an optimizer)
        or switches it to training mode somewhere (an EMA copy or a sampler is neither)."""
        analysis = self.context.analysis
        if analysis.objects.switched_to_training(model):
            return True
        names = v.names_for(analysis, model)
        for method in ("parameters", "named_parameters"):
            for call in analysis.index.calls_named(method):
                found = method_call(call)
                if found is not None and (dotted_name(v.held(analysis, found[0])) in names
                                          or analysis.loops.same_object(found[0], model)):
                    return True
        return False

    def _trains_in_eval_mode(self, node: cst.Call) -> bool:
        """The function that calls `eval()` goes on to train with no evaluation in between
        (nothing under `no_grad`): it trains in evaluation mode on purpose (linear probing on
        frozen features keeps batch-norm statistics fixed: MoCo, SimSiam)."""
        analysis = self.context.analysis
        index = analysis.index
        function = index.function_of(node) or analysis.module
        training = [c for c in index.of_type(function, cst.Call) if index.before(node, c) and (
            backward_operand(c) is not None or analysis.loops.optimizer_stepped(c, by_protocol=True) is not None)]
        if not training:
            return False
        first = training[0]
        return not any(index.before(node, w) and index.before(w, first)
                       and any(analysis.grad.mode(item.item) is False for item in w.items)
                       for w in index.of_type(function, cst.With))

    def _trains(self, calls: List[LoopCall]) -> bool:
        loops = self.context.analysis.loops
        return any(backward_operand(s.call) is not None or loops.optimizer_stepped(s.call, by_protocol=True) is not None
                   for s in calls)

    def _restores(self, calls: List[LoopCall]) -> bool:
        return any(self._switches_to_training(site.call) for site in calls)

    def _switches_to_training(self, call: cst.Call) -> bool:
        """`x.train()` (not `train(False)`), or a method of the file's model class that makes
        such a call on the model or on one of its parts (`d.train_custom()` whose body calls
        `self.head.train()`, the frozen encoder left in evaluation mode on purpose)."""
        found = method_call(call)
        if found is None:
            return False
        if found[1] == "train":
            return mode_switch(call) is not False  # `train(flag)` may well restore
        analysis = self.context.analysis
        for held in analysis.objects.of(found[0]):
            method = analysis.index.method_of(held.model, found[1]) if held is not None and held.model else None
            if method is not None and any(
                    (inner := method_call(c)) is not None and inner[1] == "train" and not c.args
                    and self._on_self(inner[0], method) for c in analysis.index.of_type(method.body, cst.Call)):
                return True
        return False

    def _on_self(self, receiver: cst.CSTNode, method: cst.FunctionDef) -> bool:
        """`self` or `self.part` in a method (`self` its first parameter)."""
        index = self.context.analysis.index
        if index.self_attribute(receiver) is not None:
            return True
        params = method.params.params
        return type(receiver) is cst.Name and bool(params) and receiver.value == params[0].name.value \
            and all(b.kind == "param" for b in index.bindings(receiver))

    def _one_pass(self, site: LoopCall, loop: Loop) -> bool:
        """Under `if <counter> == ...`: the evaluation runs in one particular pass (the last)."""
        loops = self.context.analysis.loops
        for guard in site.guards:
            test = guard.test
            if type(test) is cst.Comparison and any(type(c.operator) is cst.Equal for c in test.comparisons) \
                    and loops.reads_counter(test, [loop]) and not any(
                        type(n) is cst.BinaryOperation and type(n.operator) is cst.Modulo
                        for n in self.context.analysis.index.descendants(test)):
                return True
        return False

    def _fix(self, loop: Loop, model: str, site: LoopCall) -> Optional[Fix]:
        if site.via or type(loop.body) is not cst.IndentedBlock:
            return None
        call = cst.SimpleStatementLine([cst.Expr(cst.parse_expression(f"{model}.train()"))])
        return Fix(Applicability.UNSAFE, f"Call `{model}.train()` first in each pass",
                   [Replacement(loop.body, loop.body.with_changes(body=[call, *loop.body.body]))])
