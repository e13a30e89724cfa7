"""The training loop's structure: which loop goes over batches and which over epochs, what
an iteration calls in order (and which calls may be skipped), where the optimizer is
stepped and gradients are accumulated, following the functions of this file that a loop
calls (`train_one_epoch(model, loader, optimizer)`).

Loops are classified by what they do: a loop over a DataLoader (bound through its
constructor, however wrapped: `enumerate`, `tqdm`, `zip`, `range(len(loader))`, `next()`
on its iterator) is a batch loop, so is an inner loop that calls `backward()` or steps an
optimizer; a loop that runs a batch loop (itself or in a function it calls) is an epoch
loop. Only where the code shows neither do the names in a loop's header decide
(`for epoch in ...`, `enumerate(train_loader)`), as the rules' documentation says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.tree import (
    added_to_itself,
    argument,
    backward_operand,
    block,
    child_nodes,
    dotted_name,
    iterated,
    method_call,
    number,
    positional_args,
    product_operands,
    subscript_key,
    without_parentheses,
)
from reviewer.vocabulary import ACCUMULATION_API, ACCUMULATION_WORDS

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis

Loop = Union[cst.For, cst.While]

#: names in a loop's header that say it goes over batches (evidence only: see the module docstring)
BATCH_WORDS = re.compile(r"loader|batch|dataset|data_?iter|iterator|prefetcher|train_data|minibatch", re.IGNORECASE)
EPOCH_WORDS = re.compile(r"epoch", re.IGNORECASE)


@dataclass(frozen=True)
class LoopCall:
    """A call one pass through a block makes, in source order."""

    call: cst.Call
    #: the direct child statement of the block that holds the call (for a call made by a
    #: function of the file that the block calls, the statement that holds that call)
    statement: cst.CSTNode
    #: compound statements between the block and the call, outermost first
    path: Tuple[cst.CSTNode, ...]
    #: the call may be skipped in a pass: under an if/else, a handler, a nested loop, a
    #: match case, a conditional expression, the right of `and`/`or`, a comprehension
    conditional: bool
    #: the calls of functions of this file through which the block makes this call
    via: Tuple[cst.Call, ...] = ()
    #: early exits (`if cond: continue`) of the blocks around the call that come before it
    exits: Tuple[cst.If, ...] = ()

    @property
    def loops(self) -> Tuple[Loop, ...]:
        return tuple(node for node in self.path if type(node) in (cst.For, cst.While))  # type: ignore[misc]

    @property
    def guards(self) -> Tuple[cst.If, ...]:
        return tuple(node for node in self.path if type(node) is cst.If)  # type: ignore[misc]


class Loops:
    def __init__(self, analysis: "FileAnalysis") -> None:
        self.analysis = analysis
        self.index = analysis.index
        self._calls: Dict[Tuple[int, bool], List[LoopCall]] = {}
        self._batch: Dict[int, bool] = {}
        self._epoch: Dict[int, bool] = {}
        self._trains: Dict[int, bool] = {}
        self._accumulating: Optional[List[Loop]] = None
        #: what `x.zero_grad()` is called on, by the receiver's last name
        self._zeroed: Optional[Dict[str, List[cst.CSTNode]]] = None

    # -- what a block executes ---------------------------------------------------------------

    def calls(self, owner: cst.CSTNode, *, into_loops: bool = True) -> List[LoopCall]:
        """Every call one pass through `owner`'s body executes (not its `else`), in source
        order, with the calls that the functions and methods of this file it calls make
        (two levels deep) right after the call that runs them; nested function, class and
        lambda bodies are skipped; with `into_loops=False` so are nested loops' bodies."""
        key = (id(owner), into_loops)
        found = self._calls.get(key)
        if found is None:
            self._calls[key] = []  # a function that calls itself sees no calls of its own
            found = self.statement_calls(block(owner), into_loops=into_loops)
            self._calls[key] = found
        return found

    def _inlined(self, direct: List[LoopCall], into_loops: bool) -> List[LoopCall]:
        found: List[LoopCall] = []
        for site in direct:
            found.append(site)
            if len(site.via) >= 2:
                continue
            callee = self.analysis.callee(site.call)
            if type(callee) is cst.Lambda:
                continue
            if type(callee) is not cst.FunctionDef:
                continue
            for inner in self.calls(callee, into_loops=into_loops):
                if len(inner.via) >= 2:
                    continue
                found.append(LoopCall(inner.call, site.statement, site.path + inner.path,
                                      site.conditional or inner.conditional, (site.call,) + inner.via,
                                      site.exits + inner.exits))
        return found

    def contexts(self, node: cst.CSTNode, depth: int = 0) -> List[Tuple[List[Loop], cst.CSTNode]]:
        """(the loops around `node`, innermost first, the node they run) for every way a loop
        runs it: `node` in a loop of its function, or a function of this file that holds it
        called in a loop (two levels deep). The second item is `node` itself or the call."""
        enclosing = self.enclosing(node)
        if enclosing:
            return [(enclosing, node)]
        if depth >= 2:
            return []
        function = self.index.function_of(node)
        if type(function) is not cst.FunctionDef:
            return []
        found = []
        for call in self.analysis.calls_of(function):
            found.extend(self.contexts(call, depth + 1))
        return found

    def statement_calls(self, statements: Sequence[cst.CSTNode], *, into_loops: bool = True) -> List[LoopCall]:
        """Every call these statements execute, in order, with the calls the functions of
        this file they call make (as `calls`)."""
        direct: List[LoopCall] = []
        _CallWalker(into_loops, direct, self.index.mirrored).block(statements, None, (), False, ())
        return self._inlined(direct, into_loops)

    def comprehended(self, node: cst.CSTNode, depth: int = 0) -> List[cst.CSTNode]:
        """What the comprehensions that run `node` iterate (`[step(x) for x in loader]`: a loop
        over `loader` written as an expression): `node` in a comprehension's element within its
        function, or a function of this file that holds it called there (two levels deep)."""
        found: List[cst.CSTNode] = []
        child = node
        for ancestor in self.index.ancestors(node):
            kind = type(ancestor)
            if kind in (cst.FunctionDef, cst.ClassDef, cst.Lambda):
                break
            if kind in (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp) and child is not ancestor.for_in:
                for_in = ancestor.for_in
                while for_in is not None:
                    found.append(for_in.iter)
                    for_in = for_in.inner_for_in
            child = ancestor
        function = self.index.function_of(node)
        if found or depth >= 2 or type(function) is not cst.FunctionDef:
            return found
        return [iterable for call in self.analysis.calls_of(function) for iterable in self.comprehended(call, depth + 1)]

    def batch_comprehension(self, node: cst.CSTNode) -> bool:
        """`node` runs for each item of a comprehension over batches (`[self.train_step(x, y)
        for x, y in self.loader]`), unconditionally in its function: one whose iterable holds
        a loader, or any but a count where `node`'s function, or one calling it, trains."""
        iterables = self.comprehended(node)
        if not iterables or not v.always_reached(self.analysis, node, self.index.function_of(node) or self.index.module):
            return False
        if any(self.holds_loader(iterable) for iterable in iterables):
            return True
        return not any(self._counts_range(i) for i in iterables) and self._trains_around(self.index.function_of(node))

    def _trains_around(self, function: Optional[cst.CSTNode], depth: int = 0) -> bool:
        """The function, or one that calls it (two levels up), calls `backward()` or steps an optimizer."""
        if type(function) is not cst.FunctionDef:
            return False
        return any(self._training_call(call) for call in self.index.of_type(function, cst.Call)) or depth < 2 and any(
            self._trains_around(self.index.function_of(call), depth + 1) for call in self.analysis.calls_of(function))

    def _training_call(self, call: cst.Call) -> bool:
        """`x.backward()`, or a step of an optimizer."""
        found = method_call(call)
        return found is not None and (found[1] == "backward" or self.optimizer_stepped(call) is not None)

    def enclosing(self, node: cst.CSTNode) -> List[Loop]:
        """The loops around `node` within its function, innermost first (a loop counts when
        `node` is in its body or `else`, not in its header)."""
        found: List[Loop] = []
        child = node
        for ancestor in self.index.ancestors(node):
            kind = type(ancestor)
            if kind in (cst.FunctionDef, cst.ClassDef, cst.Lambda):
                break
            if kind is cst.For and child is not ancestor.iter and child is not ancestor.target:  # type: ignore[attr-defined]
                found.append(ancestor)  # type: ignore[arg-type]
            elif kind is cst.While and child is not ancestor.test:  # type: ignore[attr-defined]
                found.append(ancestor)  # type: ignore[arg-type]
            child = ancestor
        return found

    def in_body(self, node: cst.CSTNode, loop: Loop) -> bool:
        """`node` is in the loop's body, not its `else`."""
        return self.index.contains(loop.body, node)

    def site(self, loop: Loop, call: cst.Call) -> Optional[Tuple[List[LoopCall], int]]:
        """(the calls of one iteration of `loop`, the position of `call` among them)."""
        sites = self.calls(loop)
        for position, site in enumerate(sites):
            if site.call is call:
                return sites, position
        return None

    # -- objects a call works on -------------------------------------------------------------

    def optimizer_stepped(self, call: cst.Call, *, by_protocol: bool = False) -> Optional[cst.BaseExpression]:
        """The optimizer `opt.step()` or `scaler.step(opt)` (any `x.step(opt)`) steps, else
        None. With `by_protocol`, an unbound receiver the file also calls `zero_grad()` on
        counts (see `_by_protocol`)."""
        found = method_call(call)
        if found is None or found[1] != "step":
            return None
        receiver = found[0]
        args = positional_args(call)
        for candidate in (receiver, args[0] if args else None):
            if candidate is not None and (self.analysis.objects.is_a(candidate, o.OPTIMIZER)
                                          or (by_protocol and self._by_protocol(candidate))):
                return candidate  # `scaler.step(optimizer)`: wrappers that step it
        return None

    def _by_protocol(self, expression: cst.CSTNode, depth: int = 0) -> bool:
        """Where the file shows no object at all (a parameter), a variable the file both steps
        and calls `zero_grad()` on: an optimizer's protocol (a model has no `step()`, a
        scheduler no `zero_grad()`). A parameter of a helper counts when every call of the
        helper in the file passes such a variable; a holder built in the code stands for what
        it holds (`cfg = {"opt": opt}`, then `cfg["opt"].step()`)."""
        expression = v.held(self.analysis, expression)
        if type(expression) not in (cst.Name, cst.Attribute) or any(x is not None for x in self.analysis.objects.of(expression)):
            return False
        if self._zeroed is None:
            self._zeroed = {}
            for call in self.analysis.index.calls_named("zero_grad"):
                found = method_call(call)
                receiver = v.held(self.analysis, found[0]) if found is not None else None
                if type(receiver) in (cst.Name, cst.Attribute):
                    self._zeroed.setdefault(_last_name(receiver), []).append(receiver)
        if any(self.same_reference(receiver, expression) for receiver in self._zeroed.get(_last_name(expression), ())):
            return True
        bindings = self.index.bindings(expression) if type(expression) is cst.Name else []
        if depth >= 2 or len(bindings) != 1 or bindings[0].kind != "param":
            return False
        function = bindings[0].scope.node
        calls = self.analysis.calls_of(function)
        method = self.index.class_of_method(function) is not None
        passed = [v.argument_for(call, function, bindings[0].name, method) for call in calls]
        return bool(passed) and all(p is not None and self._by_protocol(p, depth + 1) for p in passed)

    def steps_optimizer(self, call: cst.Call, optimizer: Optional[cst.CSTNode] = None, depth: int = 0,
                        *, by_protocol: bool = False) -> Optional[str]:
        """How `call` steps `optimizer` (any optimizer when None): directly, or in a function
        of this file that it calls (two levels deep); else None."""
        stepped = self.optimizer_stepped(call, by_protocol=by_protocol)
        if stepped is not None:
            if optimizer is None or self.same_object(stepped, optimizer):
                return f"`{self.analysis.code(call)}`"
            return None
        if depth >= 2:
            return None
        function = self.analysis.callee(call)
        if type(function) is not cst.FunctionDef:
            return None
        for site in self.calls(function):
            if self.steps_optimizer(site.call, optimizer, depth + 1, by_protocol=by_protocol):
                return f"the optimizer step in `{function.name.value}()`"  # type: ignore[attr-defined]
        return None

    def trains(self, call: cst.Call, optimizer: Optional[cst.CSTNode]) -> bool:
        """`call` steps the optimizer, or hands it to a function (`train_one_epoch(model,
        loader, optimizer)`) that may."""
        if self.steps_optimizer(call, optimizer):
            return True
        objects = self.analysis.objects
        for arg in call.args:
            if optimizer is not None and self.same_object(arg.value, optimizer):
                return True
            if optimizer is None and objects.is_a(arg.value, o.OPTIMIZER):
                return True
        return False

    def same_object(self, a: cst.CSTNode, b: cst.CSTNode) -> bool:
        """Two expressions hold the same constructed object (or, where the file shows no
        construction of either, are the same dotted name)."""
        objects = self.analysis.objects
        first = {id(x.construction) for x in objects.of(a) if x is not None and x.construction is not None}
        second = {id(x.construction) for x in objects.of(b) if x is not None and x.construction is not None}
        if first and second:
            return bool(first & second)
        return dotted_name(a) is not None and dotted_name(a) == dotted_name(b)

    def calls_method(self, owner: cst.CSTNode, method: str, *, into_loops: bool = True, depth: int = 1) -> bool:
        """One pass through `owner` calls `x.method(...)`, directly or in a function it calls."""
        for site in self.calls(owner, into_loops=into_loops):
            found = method_call(site.call)
            if found is not None and found[1] == method:
                return True
            if depth > 0:
                function = self.analysis.callee(site.call)
                if type(function) is cst.FunctionDef and self.calls_method(function, method, depth=depth - 1):
                    return True
        return False

    # -- classification ----------------------------------------------------------------------

    def is_batch_loop(self, loop: cst.CSTNode) -> bool:
        """A loop over batches (see the module docstring)."""
        if type(loop) not in (cst.For, cst.While):
            return False
        key = id(loop)
        if key not in self._batch:
            self._batch[key] = self._is_batch_loop(loop)  # type: ignore[arg-type]
        return self._batch[key]

    def _is_batch_loop(self, loop: Loop) -> bool:
        header = loop.iter if type(loop) is cst.For else loop.test  # type: ignore[union-attr]
        if self.holds_loader(header):
            return True
        if type(loop) is cst.While and (self._next_of_loader(loop) or (
                self._next_of_loader(loop, any_iterator=True) and self.trains_directly(loop))):
            return True  # draws the loader's next batch; or any iterator's, and trains on it
        words = self.header_words(loop)
        if EPOCH_WORDS.search(words) and not BATCH_WORDS.search(words):
            return False
        if BATCH_WORDS.search(words):
            return True
        if not self.trains_directly(loop):
            return False
        # training on each item of a collection is a pass over batches; over `range(n)` (or a
        # `while`) each pass may as well be an epoch of full-batch training, unless nested; a
        # nested one that steps nothing only adds micro-batches' gradients for a step after it
        if type(loop) is cst.For and not self._counts_range(loop.iter):
            return True
        return bool(self.enclosing(loop)) and any(
            (found := method_call(site.call)) is not None and found[1] == "step"
            for site in self.calls(loop, into_loops=False))

    @staticmethod
    def _counts_range(iterable: cst.CSTNode) -> bool:
        """`range(...)`, `count()`, or one of them through `enumerate`/`tqdm`/`trange`."""
        while type(iterable) is cst.Call:
            name = (dotted_name(iterable.func) or "").rsplit(".", 1)[-1]  # type: ignore[attr-defined]
            if name in ("range", "trange", "count"):
                return True
            args = positional_args(iterable)  # type: ignore[arg-type]
            if name not in ("enumerate", "tqdm", "iter", "list", "reversed") or not args:
                return False
            iterable = args[0]
        return False

    def iterated_by_batch_loop(self, expression: cst.CSTNode) -> bool:
        """Some loop over batches iterates this value (`for x in loader:`, also through
        `enumerate`/`tqdm`), matched by what it holds or, unbound, by its name; a local
        alias (`d = loader`) is followed."""
        candidates = [s for s in v.local_sources(self.index, self.analysis.values, expression)
                      if type(s) in (cst.Name, cst.Attribute, cst.Subscript)]
        for loop in self.index.all(cst.For):
            iterable = iterated(loop.iter)
            if any(self.same_reference(iterable, c) for c in candidates) and self.is_batch_loop(loop):
                return True
        return False

    def same_reference(self, a: cst.CSTNode, b: cst.CSTNode) -> bool:
        """Two reads of the same variable: a name with the same bindings, the same
        attribute of the same class's `self`, or the same constant key of such a holder
        (`cfg["loader"]`)."""
        index = self.index
        if type(a) is not type(b) or not index.knows(a) or not index.knows(b):
            return False
        if type(a) is cst.Name:
            if a.value != b.value:  # type: ignore[attr-defined]
                return False
            first, second = index.bindings(a), index.bindings(b)  # type: ignore[arg-type]
            return bool(first) and [id(x) for x in first] == [id(x) for x in second]
        if type(a) is cst.Attribute:
            owner = index.self_attribute(a)
            return owner is not None and owner == index.self_attribute(b)
        if type(a) is cst.Subscript:
            key = subscript_key(a)
            return key is not None and key == subscript_key(b) and self.same_reference(a.value, b.value)  # type: ignore[attr-defined]
        return False

    def holds_loader(self, expression: cst.CSTNode) -> bool:
        objects = self.analysis.objects
        for node in v.walk_expression(expression):
            if type(node) in (cst.Name, cst.Attribute) and objects.is_a(node, o.LOADER):
                return True
        return False

    def _next_of_loader(self, loop: Loop, any_iterator: bool = False) -> bool:
        """A pass calls `next(it)` on an `iter(loader)` (`any_iterator`: on any `iter(...)`)."""
        for site in self.calls(loop, into_loops=False):
            if dotted_name(site.call.func) == "next":
                args = positional_args(site.call)
                if args and self._iterates_loader(args[0], any_iterator):
                    return True
        return False

    def _iterates_loader(self, expression: cst.CSTNode, any_iterator: bool = False) -> bool:
        for origin in self.analysis.values.origins(expression):
            if origin.kind == v.CALL and type(origin.node) is cst.Call and dotted_name(origin.node.func) == "iter":  # type: ignore[attr-defined]
                args = positional_args(origin.node)  # type: ignore[arg-type]
                if args and (any_iterator or self.holds_loader(args[0])):
                    return True
        return False

    def trains_directly(self, loop: cst.CSTNode) -> bool:
        """One iteration calls `backward()` or steps an optimizer in the loop's own body (not
        in the element of a comprehension it runs: `[self.step(b) for b in loader]` trains
        once per batch)."""
        key = id(loop)
        if key not in self._trains:
            self._trains[key] = any(self._training_call(site.call) and not self.through_comprehension(site, loop)
                                    for site in self.calls(loop, into_loops=False))
        return self._trains[key]

    def through_comprehension(self, site: LoopCall, loop: cst.CSTNode) -> bool:
        """A pass of `loop` makes the call in the element of a comprehension, once per item
        (`[self.step(b) for b in loader]`, also in a function the element calls)."""
        return any(self._comprehension_between(call, loop if i == 0 else self.index.function_of(call))
                   for i, call in enumerate((*site.via, site.call)))

    def _comprehension_between(self, node: cst.CSTNode, stop: Optional[cst.CSTNode]) -> bool:
        """`node` runs in the element of a comprehension within `stop` (a loop or function)."""
        child = node
        for ancestor in self.index.ancestors(node):
            if ancestor is stop:
                return False
            if type(ancestor) in (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp) and child is not ancestor.for_in:
                return True
            child = ancestor
        return False

    def is_epoch_loop(self, loop: cst.CSTNode) -> bool:
        """A loop over epochs: it runs a batch loop (or a comprehension that trains on each
        item) in its body or in a function of this file it calls, or hands a data loader to a
        function that trains; where the code shows neither, its header names epochs."""
        if type(loop) not in (cst.For, cst.While):
            return False
        key = id(loop)
        if key not in self._epoch:
            self._epoch[key] = self._is_epoch_loop(loop)  # type: ignore[arg-type]
        return self._epoch[key]

    def _is_epoch_loop(self, loop: Loop) -> bool:
        if self.is_batch_loop(loop):
            return False
        for node in self.index.descendants(loop.body):
            if type(node) in (cst.For, cst.While) and self.is_batch_loop(node) and self.enclosing(node)[0] is loop:
                return True
        objects = self.analysis.objects
        for site in self.calls(loop, into_loops=False):
            if self._training_call(site.call) and self.through_comprehension(site, loop):
                return True  # trains in a comprehension over batches (`[self.step(b) for b in loader]`)
            function = self.analysis.callee(site.call)
            if type(function) is cst.FunctionDef and any(
                type(n) in (cst.For, cst.While) and self.is_batch_loop(n) and not self.enclosing(n)
                for n in self.index.descendants(function.body)
            ):
                return True
            if function is None and any(objects.is_a(arg.value, o.LOADER) for arg in site.call.args) and any(
                objects.is_a(arg.value, o.OPTIMIZER) or objects.is_a(arg.value, o.MODEL) for arg in site.call.args
            ):
                return True
        words = self.header_words(loop)
        if EPOCH_WORDS.search(words) and not BATCH_WORDS.search(words):
            return True
        return any(EPOCH_WORDS.search(name) for name in self.target_names(loop))

    def header_words(self, loop: Loop) -> str:
        """The names in a loop's iterable (`for`) or test (`while`), strings left out."""
        header = loop.iter if type(loop) is cst.For else loop.test  # type: ignore[union-attr]
        words = []
        for node in self.index.descendants(header):
            if type(node) is cst.Name and not any(type(a) is cst.FormattedString for a in self.index.ancestors(node)):
                words.append(node.value)
            elif type(node) is cst.Attribute:
                words.append(node.attr.value)  # type: ignore[attr-defined]
        return " ".join(words)

    @staticmethod
    def target_names(loop: cst.CSTNode) -> List[str]:
        """The names a `for` loop binds (`for i, (x, y) in ...` gives i, x, y); none for `while`."""
        if type(loop) not in (cst.For, cst.CompFor):
            return []
        names: List[str] = []
        stack = [loop.target]  # type: ignore[attr-defined]
        while stack:
            target = stack.pop()
            if type(target) is cst.Name:
                names.append(target.value)  # type: ignore[attr-defined]
            elif type(target) in (cst.Tuple, cst.List):
                stack.extend(reversed([e.value for e in target.elements]))  # type: ignore[attr-defined]
            elif type(target) is cst.StarredElement:
                stack.append(target.value)  # type: ignore[attr-defined]
        return names

    def counters(self, loop: cst.CSTNode) -> Set[str]:
        """Names that count iterations of the loop: its targets (`for i, batch in
        enumerate(loader)`), and names it advances with `+=`."""
        names = set(self.target_names(loop))
        for node in self.index.descendants(getattr(loop, "body", loop)):
            if type(node) is cst.AugAssign and type(node.target) is cst.Name and type(node.operator) is cst.AddAssign:  # type: ignore[attr-defined]
                names.add(node.target.value)  # type: ignore[attr-defined]
        return names

    def reads_counter(self, test: cst.CSTNode, loops: Sequence[cst.CSTNode]) -> bool:
        """The test reads a variable or counter of one of these loops (`if i == len(loader) - 1`,
        `if epoch >= warmup`), directly or through a local computed from one."""
        names = {name for loop in loops for name in self.counters(loop)}
        lr = self.analysis.lr
        for node in v.walk_expression(test):
            if type(node) is cst.Name and (node.value in names or (self.index.knows(node) and lr.is_counter(node))):  # type: ignore[attr-defined]
                return True
            if type(node) in (cst.Name, cst.Attribute) and self.index.knows(node) and not self.index.is_store(node) \
                    and type(node) is cst.Name and any(
                        b.kind == "assign" and b.value is not None and any(
                            type(n) is cst.Name and n.value in names for n in v.walk_expression(b.value))
                        for b in self.analysis.values.reaching(node)):  # type: ignore[arg-type]
                return True
        return False

    # -- gradient accumulation ---------------------------------------------------------------

    def is_accumulation_test(self, test: cst.CSTNode, loop: Optional[cst.CSTNode] = None) -> bool:
        """An `if` test that gates the optimizer step under gradient accumulation: a modulo
        of an iteration counter (`(i + 1) % k == 0`), a counter difference compared with a
        length (`ni - last_step >= accumulate`), a framework's accumulation boundary
        (`accelerator.sync_gradients`), also returned by a function of the file; where none of
        these shows, a name about accumulation."""
        counters = self.counters(loop) if loop is not None else set()
        test = self._tested(test)
        for node in v.walk_expression(test):
            kind = type(node)
            if kind is cst.Comparison and self._counter_distance(node):  # type: ignore[arg-type]
                return True
            if kind is cst.BinaryOperation and type(node.operator) is cst.Modulo:  # type: ignore[attr-defined]
                if self._counts(node.left, counters) and not self._is_literal(node.right):  # type: ignore[attr-defined]
                    return True
            if kind is cst.Attribute and node.attr.value in ACCUMULATION_API:  # type: ignore[attr-defined]
                return True
            if kind is cst.Name and node.value in ACCUMULATION_API:  # type: ignore[attr-defined]
                return True
        names = [dotted_name(n) or "" for n in v.walk_expression(test) if type(n) in (cst.Name, cst.Attribute)]
        return any(ACCUMULATION_WORDS.search(name) for name in names)

    def _tested(self, test: cst.CSTNode) -> cst.CSTNode:
        """What an `if` tests: through a local (`d = i % k == 0; if d:`) or a function of the
        file that returns one expression (`if self._should_sync():`)."""
        test = v.local_value(self.analysis, test)
        returned = self.analysis.values.returned(test)
        return returned[0] if returned is not None and len(returned) == 1 else test

    def _counter_distance(self, comparison: cst.Comparison) -> bool:
        """`ni - last_step >= accumulate` (or `accumulate <= ni - last_step`): steps since the
        last update against a length."""
        sides = _distance_and_length(comparison)
        return sides is not None and self.analysis.lr.step_dependent(sides[0].left)

    def advanced(self, test: cst.CSTNode) -> bool:
        """The test reads a value advanced in place (`self.bad_epochs += 1`) or a loop's
        variable: it changes from one pass to the next."""
        return self._counts(test, set())

    def _counts(self, expression: cst.CSTNode, counters: Set[str]) -> bool:
        for node in v.walk_expression(expression):
            if type(node) is cst.Name and (node.value in counters or self._is_counter_name(node)):  # type: ignore[attr-defined]
                return True
            if type(node) is cst.Attribute:
                for origin in self.analysis.values.origins(node):
                    if origin.kind in (v.UPDATED, v.LOOP):
                        return True
        return False

    def _is_counter_name(self, name: cst.Name) -> bool:
        if not self.index.knows(name):
            return False
        return any(origin.kind in (v.UPDATED, v.LOOP) for origin in self.analysis.values.origins(name))

    def _is_literal(self, node: cst.CSTNode) -> bool:
        return self.analysis.values.constant(node) is not None

    def accumulation_loops(self) -> List[Loop]:
        """Each loop of the file (once) that an accumulation test runs in: directly, or in a
        function of the file it calls."""
        if self._accumulating is None:
            found: List[Loop] = []
            for test in self.index.all(cst.If):
                for enclosing, _ in self.contexts(test):
                    if enclosing[0] not in found and self.is_accumulation_test(test.test, enclosing[0]):
                        found.append(enclosing[0])
            self._accumulating = found
        return self._accumulating

    def micro_batch_loops(self) -> List[Tuple[cst.For, cst.CSTNode]]:
        """(inner, its length) for each `for _ in range(n)` (or over `x.chunk(n)`) whose every
        pass backpropagates and
        calls no `step()`, followed in the pass of the loop around it (or in its function: a
        `train_step`) by an optimizer step (nanoGPT's
        `for micro_step in range(gradient_accumulation_steps)`): the gradients of `n`
        micro-batches add up before each step. A loop whose variable indexes something
        (`losses[t]`, one task per pass) sums different losses on purpose, and is left out."""
        found = []
        for inner in self.index.all(cst.For):
            length = _range_length(inner.iter) or _chunk_count(inner.iter)
            enclosing = self.enclosing(inner)
            owner = enclosing[0] if enclosing else self.index.function_of(inner)
            if length is None or owner is None or any(
                    type(n) is cst.Subscript and any(type(x) is cst.Name and x.value in self.target_names(inner)
                                                     for x in self.index.descendants(n.slice[0]))  # type: ignore[attr-defined]
                    for n in self.index.descendants(inner.body)):
                continue
            passes = self.calls(inner)
            if not any(backward_operand(site.call) is not None and not site.conditional for site in passes) \
                    or any((called := method_call(site.call)) is not None and called[1] == "step" for site in passes):
                continue  # a `step()` inside, of whatever: the passes may each be an update
            if any(self.steps_optimizer(site.call, by_protocol=True) is not None and self.index.before(inner, site.statement)
                   for site in self.calls(owner, into_loops=False)):
                found.append((inner, length))
        return found

    def passes_within(self, counter: cst.CSTNode, horizon: cst.CSTNode, at: cst.CSTNode) -> bool:
        """`counter` counts the passes of the loop `at` runs in, and `horizon` is how many there
        are: set to 0 before `for _ in range(E)`, advanced by one in every pass of the loop over
        `X` inside it and nowhere else, with `horizon` holding `E * len(X)` (TransUNet's
        `iter_num` and `max_iterations`): it stays at most `horizon` where `at` runs."""
        index, analysis = self.index, self.analysis
        if type(counter) is not cst.Name or not index.knows(counter):
            return False
        bindings = index.bindings(counter)
        starts = [b for b in bindings if b.kind == "assign" and b.value is not None and analysis.values.constant(b.value) == 0]
        advances = [b for b in bindings if added_to_itself(b.statement) is not None
                    and number(added_to_itself(b.statement)) == 1]
        if len(bindings) != 2 or len(starts) != 1 or len(advances) != 1:
            return False
        line = index.parent(advances[0].statement)
        inner = index.parent(index.parent(line))  # the advance in the loop's own body, under no `if`
        outer = self.enclosing(inner) if type(inner) is cst.For else []
        if not outer or not index.contains(inner, at) or type(outer[0]) is not cst.For \
                or not index.before(starts[0].statement, outer[0]) or index.contains(outer[0], starts[0].statement):
            return False
        epochs = _range_length(iterated(v.local_value(analysis, iterated(outer[0].iter))))  # `it = tqdm(range(E))`
        passes = iterated(inner.iter)
        for source in v.local_sources(index, analysis.values, horizon):
            factors = product_operands(without_parentheses(source)) if type(source) is cst.BinaryOperation else []
            if len(factors) == 2 and epochs is not None and any(
                    analysis.numbers.same(a, epochs) and type(b) is cst.Call and dotted_name(b.func) == "len"
                    and len(b.args) == 1 and self.same_reference(b.args[0].value, passes)
                    for a, b in (factors, factors[::-1])):
                return True
        return False

    def true_after_a_step(self, test: cst.CSTNode) -> bool:
        """`test` calls a function of the file whose every return is a false constant, or a
        true one that an optimizer step of its body runs before (`if self._maybe_update():`,
        the helper returning False on a micro-batch before reaching the step): the test
        holds exactly when the optimizer stepped."""
        function = self.analysis.callee(test) if type(test) is cst.Call else None
        if type(function) is not cst.FunctionDef:
            return False
        steps = [self.index.statement_of(site.call) for site in self.calls(function, into_loops=False)
                 if not site.via and self.steps_optimizer(site.call, by_protocol=True) is not None]
        returned = False
        for leaving in self.index.of_type(function, cst.Return):
            if self.index.function_of(leaving) is not function:
                continue
            value = self.analysis.values.constant(leaving.value) if leaving.value is not None else None
            if value is True and any(self.index.before(step, leaving) and self.index.dominates(step, leaving)
                                     for step in steps):
                returned = True
            elif value is True or not (leaving.value is None or value is False):
                return False
        return returned

    def accumulation_guards(self, loop: Loop) -> List[cst.If]:
        """The `if`s in one iteration of `loop` that hold an optimizer step (an unbound
        optimizer known by its protocol too), or exit the pass before it
        (`if i % accum != 0: continue`), and test an accumulation boundary."""
        found: List[cst.If] = []
        for site in self.calls(loop, into_loops=False):
            if self.steps_optimizer(site.call, by_protocol=True) is None:
                continue
            for guard in site.guards + site.exits:
                if guard not in found and self.is_accumulation_test(guard.test, loop):
                    found.append(guard)
        return found

    def accumulation_length_expressions(self, guards: Sequence[cst.If]) -> List[cst.CSTNode]:
        """The lengths the accumulation tests use: `accum_steps` in `(i + 1) % accum_steps ==
        0` or in `ni - last_step >= accum_steps` (`%` sides first)."""
        modulo: List[cst.CSTNode] = []
        compared: List[cst.CSTNode] = []
        for guard in guards:
            for node in v.walk_expression(self._tested(guard.test)):
                if type(node) is cst.BinaryOperation and type(node.operator) is cst.Modulo:
                    modulo.append(node.right)
                elif type(node) is cst.Comparison and len(node.comparisons) == 1:
                    sides = _distance_and_length(node)
                    compared.append(sides[1] if sides is not None else node.comparisons[0].comparator)
        return modulo + compared

    def accumulation_lengths(self, guards: Sequence[cst.If]) -> Set[str]:
        """Labels (`numbers` atoms) of `accumulation_length_expressions`."""
        return self.analysis.numbers.labels(self.accumulation_length_expressions(guards))


def _range_length(iterable: cst.CSTNode) -> Optional[cst.CSTNode]:
    """`n` of `range(n)` or `range(0, n)`, unless a literal (a fixed count of passes)."""
    if type(iterable) is not cst.Call or dotted_name(iterable.func) != "range":
        return None
    args = positional_args(iterable)
    if len(args) != len(iterable.args):
        return None  # a keyword or a star
    if len(args) == 2 and type(args[0]) is cst.Integer and args[0].value == "0":
        args = args[1:]
    if len(args) != 1 or type(args[0]) in (cst.Integer, cst.Float):
        return None
    return args[0]


def _chunk_count(iterable: cst.CSTNode) -> Optional[cst.CSTNode]:
    """`n` of `x.chunk(n)` or `torch.chunk(x, n)`, also zipped or enumerated: a batch cut into
    `n` micro-batches."""
    if type(iterable) is not cst.Call:
        return None
    name = dotted_name(iterable.func) or ""
    args = positional_args(iterable)
    if name in ("zip", "enumerate"):
        return next((n for arg in args if (n := _chunk_count(arg)) is not None), None)
    if name.rsplit(".", 1)[-1] != "chunk":
        return None
    chunks = argument(iterable, "chunks", 1 if name == "torch.chunk" else 0)
    return chunks.value if chunks is not None else None


def _distance_and_length(comparison: cst.Comparison) -> Optional[Tuple[cst.BinaryOperation, cst.CSTNode]]:
    """(`ni - last_step`, `accumulate`) of `ni - last_step >= accumulate`, and of its mirror
    `accumulate <= ni - last_step`; None for other comparisons."""
    if len(comparison.comparisons) != 1:
        return None
    operator = type(comparison.comparisons[0].operator)
    left, right = without_parentheses(comparison.left), without_parentheses(comparison.comparisons[0].comparator)
    if operator in (cst.LessThanEqual, cst.LessThan):
        left, right = right, left
    elif operator not in (cst.GreaterThanEqual, cst.GreaterThan):
        return None
    if type(left) is cst.BinaryOperation and type(left.operator) is cst.Subtract:
        return left, right
    return None


#: the node classes `_CallWalker` treats specially (checked by exact type)
_SPECIAL = {
    cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.For, cst.While, cst.If, cst.Try, cst.TryStar, cst.With,
    cst.Match, cst.Call, cst.IfExp, cst.BooleanOperation, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp,
}
_EXITS = (cst.Continue, cst.Break, cst.Return)  # not `raise`: a validation skips no normal pass


def early_exit(statement: cst.CSTNode) -> bool:
    """`if cond: continue` (or `break`, `return`) with no `else`: the statements
    after it in its block run only when `cond` is false."""
    if type(statement) is not cst.If or statement.orelse is not None or not block(statement):
        return False
    last = block(statement)[-1]  # a line of an indented body, or the small statement of `if c: continue`
    return type(last.body[-1] if type(last) is cst.SimpleStatementLine else last) in _EXITS


class _CallWalker:
    """Calls under a block in execution order. A statement repeated identically in both
    branches of an `if`/`else` runs either way, and is walked as if the `if` were not there;
    a statement after an early exit in its block records that exit and may be skipped."""

    def __init__(self, into_loops: bool, found: List[LoopCall], mirrored) -> None:
        self.into_loops = into_loops
        self.found = found
        self.mirrored = mirrored

    def block(self, statements, statement, path, conditional, exits, outside=None) -> None:
        """`statement=None`: each of `statements` is the block-level statement of its calls;
        `outside`: (the `if` of this branch, its path, its conditional)."""
        for child in statements:
            held = child if statement is None else statement
            if outside is not None and self.mirrored(child, outside[0]):
                self.walk(child, held, outside[1], outside[2], exits)
            else:
                self.walk(child, held, path, conditional, exits)
            if early_exit(child):
                exits, conditional = exits + (child,), True

    def walk(self, node, statement, path, conditional, exits) -> None:
        kind = type(node)
        if kind not in _SPECIAL:
            for child in child_nodes(node):
                self.walk(child, statement, path, conditional, exits)
            return
        if kind in (cst.FunctionDef, cst.ClassDef, cst.Lambda):
            return
        if kind in (cst.For, cst.While):
            self.walk(node.iter if kind is cst.For else node.test, statement, path, conditional, exits)
            if self.into_loops:
                self.block(block(node), statement, path + (node,), True, exits)
            if node.orelse is not None:
                self.block(block(node.orelse), statement, path + (node,), True, exits)
            return
        if kind is cst.If:
            self.walk(node.test, statement, path, conditional, exits)
            outside = (node, path, conditional)
            self.block(block(node), statement, path + (node,), True, exits, outside)
            if type(node.orelse) is cst.If:
                self.walk(node.orelse, statement, path + (node,), True, exits)
            elif node.orelse is not None:
                self.block(block(node.orelse), statement, path + (node,), True, exits, outside)
            return
        if kind in (cst.Try, cst.TryStar):
            self.block(block(node), statement, path + (node,), conditional, exits)
            for handler in node.handlers:
                self.block(block(handler), statement, path + (node,), True, exits)
            if node.orelse is not None:
                self.block(block(node.orelse), statement, path + (node,), True, exits)
            if node.finalbody is not None:
                self.block(block(node.finalbody), statement, path + (node,), conditional, exits)
            return
        if kind is cst.With:
            for item in node.items:
                self.walk(item, statement, path, conditional, exits)
            self.block(block(node), statement, path + (node,), conditional, exits)
            return
        if kind is cst.Match:
            self.walk(node.subject, statement, path, conditional, exits)
            for case in node.cases:
                self.block(block(case), statement, path + (node,), True, exits)
            return
        if kind is cst.Call:
            self.found.append(LoopCall(node, statement, path, conditional, exits=exits))
        if kind is cst.IfExp:
            self.walk(node.test, statement, path, conditional, exits)
            self.walk(node.body, statement, path, True, exits)
            self.walk(node.orelse, statement, path, True, exits)
            return
        if kind is cst.BooleanOperation:
            self.walk(node.left, statement, path, conditional, exits)
            self.walk(node.right, statement, path, True, exits)
            return
        if kind in (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp):
            conditional = True
        for child in child_nodes(node):
            self.walk(child, statement, path, conditional, exits)


def _last_name(expression: cst.CSTNode) -> str:
    """`x` of a name, `attr` of an attribute (what `same_reference` compares first)."""
    return expression.value if type(expression) is cst.Name else expression.attr.value  # type: ignore[attr-defined]
