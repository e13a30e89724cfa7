from typing import List, Set

import libcst as cst

from reviewer.analysis import values as v
from reviewer.analysis.tree import backward_operand, method_call
from reviewer.rule import Applicability, Fix, Replacement, Rule
from reviewer.triggers import BACKWARD_CALL, Check, all_of, loss_accumulation


class LossTensorAccumulated(Rule):
    code = "RV506"
    name = "loss-tensor-accumulated"
    summary = "A running total of a loss tensor (`total += loss`) keeps every iteration's autograd graph alive."
    fix_applicability = Applicability.SAFE
    trigger = all_of(BACKWARD_CALL, r"\+=|\.append\(|= *\w+ *\+")
    structure = Check(loss_accumulation)
    documentation = """
        ## What it does
        In a loop, finds a running total that adds the very tensor the loop backpropagates
        (`total += loss`, `total = total + loss * n`, `losses.append(loss)`): the added value
        is a read of the same binding as the receiver of a `backward()` in that loop
        (`loss.backward()`, `scaler.scale(loss).backward()`, `accelerator.backward(loss)`),
        or a value drawn from the dict of tensors whose sum it backpropagates (`for k, x in
        loss_dict.items(): meters[k] += x` beside `sum(loss_dict.values()).backward()`), or a
        term of the sum it backpropagates (`total = a * kd + ce`, `total.backward()`, then
        `meters["kd"] += kd`), with gradient recording on.

        ## Why it matters
        The total becomes a tensor whose graph links every iteration's loss: nothing of it
        is freed until the loop ends, so memory grows each step (slowly, or until CUDA runs
        out of memory on long epochs), and every addition is recorded by autograd. PyTorch's
        FAQ ("My model reports cuda runtime error(2): out of memory") names this exact line.

        ## Example
        ```python
        for x, y in loader:
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            total_loss += loss
        ```

        ## Fixed
        ```python
        for x, y in loader:
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            total_loss += loss.detach()
        ```

        ## Fix safety
        Safe: `loss.detach()` is the same tensor value without its graph; the total keeps
        its type and every value it had (`.item()` would turn it into a float, which later
        `total.item()` calls would not accept).

        ## What it leaves alone
        Totals of `loss.item()`, `loss.detach()`, `float(loss)`, also where the backward's
        own block detaches the loss before the addition (`if with_backward: loss.backward();
        loss = loss.detach()`: on the other path nothing was backpropagated); totals that
        are backpropagated later (`total.backward()`, or through a local: `loss =
        sum(losses)`, `loss.backward()`: accumulation on purpose); code under
        `torch.no_grad()`. Totals that the loop adding to them also sets anew, in every pass
        or where it steps the optimizer (torchtune's `running_loss = 0` after each optimizer
        step; not under a logging condition alone, `if i % 200 == 199:`), or that its
        function starts before a loop of micro-batches (a loop over no loader, in a function
        the file calls only inside loops: gpt-neox's `losses = []` in `train_step` before
        `for _ in range(gradient_accumulation_steps)`): they hold the graphs of a few
        passes, whose saved tensors `backward()` has already freed, not those of the run.
    """

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if type(node.operator) is cst.AddAssign:
            self._check(node, node.target, node.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        value = v.local_value(self.context.analysis, node.value)  # also `d = total + x; total = d`
        if len(node.targets) == 1 and type(value) is cst.BinaryOperation and type(value.operator) is cst.Add:
            target = node.targets[0].target
            code = self.context.code
            if code(value.left) == code(target):
                self._check(node, target, value.right)

    def visit_Call(self, node: cst.Call) -> None:
        found = method_call(node)
        if found is not None and found[1] == "append" and len(node.args) == 1:
            self._check(node, found[0], node.args[0].value)

    def _check(self, node: cst.CSTNode, total: cst.CSTNode, added: cst.CSTNode) -> None:
        analysis = self.context.analysis
        if analysis.grad.disabled_at(node):
            return
        losses, chain = self._losses(node, added), [added]
        while not losses and type(chain[-1]) is cst.Name and len(chain) < 4:  # `d = loss * n`, then `total += d`
            held = v.local_value(analysis, chain[-1])
            if held is chain[-1]:
                break
            chain.append(held)
            losses = self._losses(node, held)
        if len(losses) != 1:
            return
        fixable = all(self._read_once(local) for local in chain[:-1])
        loss = losses[0]
        function = analysis.index.function_of(node) or analysis.module
        total_name = self.context.code(total)
        index, values = analysis.index, analysis.values
        if any(total_name in self._names(source) for operand in self._backward_operand_expressions(function)
               for source in v.local_sources(index, values, operand)):
            return  # accumulated to be backpropagated (`loss = sum(losses)`, then `loss.backward()`)
        if self._started_again(total_name, node):
            return
        self.report(
            added,
            f"`{self.context.code(node).strip()}` adds `{loss.value}`, a tensor of the loss this loop backpropagates, "
            f"with its autograd graph: `{total_name}` keeps every iteration's graph alive, so memory grows each step. "
            f"Add `{loss.value}.detach()` (or `.item()`).",
            fix=Fix(Applicability.SAFE, f"Add `{loss.value}.detach()`",
                    [Replacement(loss, cst.Call(cst.Attribute(loss, cst.Name("detach"))))]) if fixable else None,
        )

    def _started_again(self, total_name: str, node: cst.CSTNode) -> bool:
        """Wherever a loop runs the addition: a pass binds the total anew, from a value that
        does not read it (`running_loss = 0` after each optimizer step), or the function
        starts it before a loop of micro-batches. It holds the graphs of a few
        passes, not of the run."""
        analysis = self.context.analysis
        index = analysis.index
        contexts = analysis.loops.contexts(node)
        return bool(contexts) and all(
            self._started_in_a_pass(total_name, loops, anchor)
            or (len(loops) == 1 and self._micro_batches(loops[0]) and self._starts(total_name, [
                a for a in index.of_type(index.function_of(loops[0]) or analysis.module, cst.Assign)
                if index.before(a, loops[0]) and index.dominates(a, loops[0])]))
            for loops, anchor in contexts)

    def _started_in_a_pass(self, total_name: str, loops: List[cst.CSTNode], addition: cst.CSTNode) -> bool:
        """A pass of the loop adding to the total binds it anew, or a pass of an outer loop does
        that is over a loader, or whose inner loops are over no batches (ibot's `losses = []`
        in each batch, then a loop over its classifiers): one batch's graphs. An epoch's
        reset of a total its batches add to is no such thing."""
        facts = self.context.analysis.loops
        for depth, loop in enumerate(loops):
            if self._starts(total_name, [a for a in self._pass_assignments(loop) if self._every_update(a, loop, addition)]) and (
                    # a pass over a loader is one batch, whatever runs inside it
                    type(loop) is cst.For and facts.holds_loader(loop.iter)
                    or not any(facts.is_batch_loop(inner) for inner in loops[:depth])):
                return True
        return False

    def _every_update(self, assignment: cst.Assign, loop: cst.CSTNode, addition: cst.CSTNode) -> bool:
        """The assignment runs in every pass of `loop` that adds: its `if`s (those not around
        the addition too) also step an optimizer (a reset after each update) or test the
        variable of a loop inside `loop` (open_lm's `if ii == 0:` in its micro-batches); not a
        logging condition on `loop`'s own count (`if i % 200 == 199:` keeps 200 passes' graphs)."""
        analysis = self.context.analysis
        index = analysis.index
        inner = {name for node in index.ancestors(assignment) if node is not loop and type(node) is cst.For
                 and index.contains(loop, node) for name in analysis.loops.target_names(node)}
        return all(any(index.contains(branch, assignment) and index.contains(branch, addition)
                       for branch in (guard.body, guard.orelse) if branch is not None)
                   or any(analysis.loops.steps_optimizer(call, by_protocol=True) is not None
                          for call in index.of_type(guard, cst.Call))
                   or any(type(n) is cst.Name and n.value in inner for n in index.descendants(guard.test))
                   for guard in index.guards(assignment, loop))

    def _pass_assignments(self, loop: cst.CSTNode) -> List[cst.Assign]:
        """The assignments of the loop's body and of the functions of this file a pass calls."""
        analysis = self.context.analysis
        found = analysis.index.of_type(loop.body, cst.Assign)
        for site in analysis.loops.calls(loop):
            callee = analysis.callee(site.call)
            if type(callee) is cst.FunctionDef:
                found = found + analysis.index.of_type(callee.body, cst.Assign)
        return found

    def _starts(self, total_name: str, assignments: List[cst.Assign]) -> bool:
        """One of the assignments binds the total to a value that does not read it (also
        through locals: `d = total + x; total = d` reads it)."""
        analysis = self.context.analysis
        return any(self.context.code(target.target) == total_name and not any(
            total_name in self._names(source) for source in v.local_sources(analysis.index, analysis.values, assign.value))
            for assign in assignments for target in assign.targets)

    def _micro_batches(self, loop: cst.CSTNode) -> bool:
        """A loop over no loader in a function that the file calls only inside loops: the
        micro-batches of one pass of the training loop (gpt-neox's `train_step` and its `for _
        in range(gradient_accumulation_steps)`)."""
        analysis = self.context.analysis
        function = analysis.index.function_of(loop)
        if type(function) is not cst.FunctionDef or analysis.loops.is_batch_loop(loop):
            return False
        calls = analysis.calls_of(function)
        return bool(calls) and all(analysis.loops.contexts(call) for call in calls)  # run by a loop, maybe via a helper

    def _backpropagated(self, loss: cst.Name, addition: cst.CSTNode, loop: cst.CSTNode, via: List[cst.Call]) -> bool:
        """A `backward()` in one pass of `loop` runs on the value `loss` holds (followed through
        locals, and into the caller when `loss` is a parameter of the helper `via` runs), and
        the addition can still read it after that backward: not where the backward's own block
        binds the name again first (`loss.backward(); loss = loss.detach()` under `if
        with_backward:`, the sum of the other path returned: sentence-transformers' cached losses)."""
        analysis = self.context.analysis
        index = analysis.index
        held = v.aliases(analysis, loss, via)
        added = self._bindings(held)
        here = index.function_of(addition)
        for site in analysis.loops.calls(loop):
            operand = backward_operand(site.call)
            if type(operand) is not cst.Name or not added & self._bindings(v.aliases(analysis, operand, site.via)):
                continue
            # the backward, or the call that runs it, in the function of the addition; the
            # reads of the backpropagated name that the addition's value comes from
            point = next((c for c in (*site.via, site.call) if index.function_of(c) is here), None)
            reads = [n for n in held if n.value == operand.value and index.function_of(n) is here]
            if point is None or not reads or not all(
                    analysis.values.rebound_between(read, point) for read in reads):
                return True
        return False

    def _part_of_backpropagated(self, loss: cst.Name, loop: cst.CSTNode) -> bool:
        """`loss` is drawn from a dict of tensors (`for name, value in loss_dict.items()`) whose
        values a `backward()` in one pass of `loop` runs on (`sum(loss_dict.values())`)."""
        analysis = self.context.analysis
        index = analysis.index
        bindings = analysis.values.reaching(loss)
        if len(bindings) == 1 and bindings[0].kind == "param":
            passed = v.held_value(analysis, loss)  # a helper's parameter: what its one caller hands it
            bindings = analysis.values.reaching(passed) if type(passed) is cst.Name and index.knows(passed) else []
        for binding in bindings:
            drawn = method_call(binding.value) if binding.kind == "for" and type(binding.value) is cst.Call else None
            if drawn is None or drawn[1] not in ("items", "values") or type(drawn[0]) is not cst.Name:
                continue
            container = self._bindings([drawn[0]])
            if any(n.value == drawn[0].value and self._bindings([n]) & container
                   for source in self._backpropagated_sources(loop) for n in index.of_type(source, cst.Name)):
                return True
        return False

    def _term_of_backpropagated(self, loss: cst.Name, loop: cst.CSTNode, via: List[cst.Call]) -> bool:
        """`loss` (or, in a helper `via` runs, what the caller passes for it) is a term of the
        sum a `backward()` in one pass of `loop` runs on (`total = a * kd + ce`,
        `total.backward()`): a term the loss is made of carries its graph."""
        analysis = self.context.analysis
        held = self._bindings(v.aliases(analysis, loss, via))
        return any(self._bindings(v.aliases(analysis, term)) & held for source in self._backpropagated_sources(loop)
                   if type(source) is cst.BinaryOperation and type(source.operator) in (cst.Add, cst.Subtract)
                   for term in _terms(source) if analysis.index.knows(term))

    def _backpropagated_sources(self, loop: cst.CSTNode) -> List[cst.CSTNode]:
        """What each `backward()` of one pass of `loop` runs on, and what that is computed from
        in its function (`v.local_sources`)."""
        analysis = self.context.analysis
        return [source for site in analysis.loops.calls(loop) if (operand := backward_operand(site.call)) is not None
                for source in v.local_sources(analysis.index, analysis.values, operand)]

    def _bindings(self, names: List[cst.Name]) -> Set[int]:
        values = self.context.analysis.values
        return {id(b) for name in names for b in values.reaching(name)}

    def _tensor_reads(self, added: cst.CSTNode) -> List[cst.Name]:
        """The name `added` is, or the names it is plain arithmetic of (`loss`, `loss * x.size(0)`,
        `loss * batch.num_graphs`: a product with an attached tensor is attached, whatever the
        other side): which one is the loss, the backward decides."""
        if type(added) is cst.Name:
            return [added]
        if type(added) is cst.BinaryOperation and type(added.operator) in (cst.Multiply, cst.Divide, cst.Add):
            return [side for side in (added.left, added.right) if type(side) is cst.Name]
        return []

    def _losses(self, node: cst.CSTNode, added: cst.CSTNode) -> List[cst.Name]:
        """The names `added` reads that hold the loss a loop around `node` backpropagates."""
        analysis = self.context.analysis
        return [name for name in self._tensor_reads(added) if analysis.index.knows(name) and any(
            self._backpropagated(name, node, enclosing[-1], [anchor] if anchor is not node else [])
            or self._part_of_backpropagated(name, enclosing[-1])
            or self._term_of_backpropagated(name, enclosing[-1], [anchor] if anchor is not node else [])
            for enclosing, anchor in analysis.loops.contexts(node))]

    def _read_once(self, local: cst.Name) -> bool:
        """The addition is the only read of the local's value (a detached copy changes no other use)."""
        index, (binding,) = self.context.analysis.index, self.context.analysis.values.reaching(local)
        return not any(n is not local and not index.is_store(n) and binding in index.bindings(n)
                       for n in index.names_valued(local.value, within=binding.scope.node))

    def _backward_operand_expressions(self, owner: cst.CSTNode) -> List[cst.CSTNode]:
        found = [backward_operand(call) for call in self.context.analysis.index.of_type(owner, cst.Call)]
        return [operand for operand in found if operand is not None]

    def _names(self, expression: cst.CSTNode) -> Set[str]:
        """What the expression reads, as written: names, attributes and subscripts (`meters["kd"]`)."""
        index = self.context.analysis.index
        return {self.context.code(n) for kind in (cst.Name, cst.Attribute, cst.Subscript) for n in index.of_type(expression, kind)}


def _terms(expression: cst.CSTNode) -> List[cst.Name]:
    """The names a sum adds, each alone or scaled (`a * kd + ce / 2` gives `kd` and `ce`; `a`
    too: which one is the loss, the caller decides)."""
    kind = type(expression)
    if kind is cst.Name:
        return [expression]
    if kind is cst.BinaryOperation and type(expression.operator) in (cst.Add, cst.Subtract):
        return _terms(expression.left) + _terms(expression.right)
    if kind is cst.BinaryOperation and type(expression.operator) in (cst.Multiply, cst.Divide):
        return [side for side in (expression.left, expression.right) if type(side) is cst.Name]
    return []
