from typing import Iterator, List, Optional, Tuple

import libcst as cst

from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.tree import argument, dotted_name, iterated
from reviewer.rule import Applicability, Fix, Replacement, Rule
from reviewer.triggers import all_of, any_of


def _world_size(analysis, expression: cst.CSTNode) -> bool:
    """Every origin of `expression` is a `get_world_size()` call (also unpacked from a tuple)."""
    origins = analysis.values.origins(expression) if analysis.index.knows(expression) else ()
    return bool(origins) and all(o.kind == v.CALL and (o.qualified or "").endswith("get_world_size") for o in origins)


def _factors(expression: cst.CSTNode) -> List[cst.CSTNode]:
    """The operands of a product (`epochs * len(loader) // k` gives both sides)."""
    if type(expression) is cst.BinaryOperation and type(expression.operator) is cst.Multiply:
        return _factors(expression.left) + _factors(expression.right)
    return [expression]


class OneCycleTotalStepsMismatch(Rule):
    code = "RV310"
    name = "onecycle-total-steps-mismatch"
    summary = "A fixed-horizon schedule counts fewer steps per epoch than the loop takes: it raises in the last epoch."
    fix_applicability = Applicability.UNSAFE
    changes_schedule = True
    trigger = all_of("OneCycleLR", any_of("//", "cycle", "chain", r"int\(\s*len\(", "floor"))  # the one fixed-horizon scheduler, named to be built
    documentation = """
        ## What it does
        Finds a schedule with a fixed horizon (`OneCycleLR`) built with
        `steps_per_epoch=len(dataset) // batch_size` (or `int(len(dataset) / batch_size)`,
        or such a count as a factor of `total_steps`) when the loader the loop steps it over
        is built from that dataset with that batch size and keeps the last partial batch
        (`drop_last` not set): each epoch then takes `ceil(len(dataset) / batch_size)`
        steps, one more than the schedule counts whenever the division has a remainder
        (the scheduler is stepped in a loop, or a comprehension, over that loader). The same
        for a rank's share, `len(dataset) // (batch_size * world)`, where the loader draws
        from a `DistributedSampler` over `world` replicas, which pads each share to
        `ceil(len(dataset) / world)`.

        Also finds a horizon that counts `len(a)` per epoch (`total_steps=epochs *
        len(labeled)`) when the loop the scheduler is stepped in goes over
        `zip(itertools.cycle(a), b)`, or over `b` drawing `next(c)` from `c =
        itertools.cycle(a)`: the cycled loader never runs out, so each epoch takes `len(b)`
        steps. And one that counts `len(loader) // k` updates per epoch when the
        loop over that loader steps the scheduler at each accumulation boundary or at its
        last batch (`if (i + 1) % k == 0 or i + 1 == len(loader):`): the flushed tail makes
        `ceil(len(loader) / k)` steps per epoch. And one that counts `len(a)` per epoch where
        that loop goes over `itertools.chain(a, b)` (or over generators over them): `len(a) +
        len(b)` steps.

        ## Why it matters
        OneCycleLR raises `ValueError: Tried to step N times. The specified number of total
        steps is M` once the loop steps past `epochs * steps_per_epoch`: a run dies in its
        last epoch, after all the GPU time is spent (the message discussed in
        pytorch/pytorch #38170). With `len(train_loader)` the count is exact.

        ## Example
        ```python
        loader = DataLoader(train_set, batch_size=64, shuffle=True)
        scheduler = OneCycleLR(optimizer, max_lr=0.1, epochs=epochs,
                               steps_per_epoch=len(train_set) // 64)
        ```

        ## Fixed
        ```python
        scheduler = OneCycleLR(optimizer, max_lr=0.1, epochs=epochs,
                               steps_per_epoch=len(loader))
        ```

        ## Fix safety
        Unsafe: the schedule's shape changes slightly (it spans one more step per epoch) as
        well as no longer raising. Offered where the loader is held by a name bound at the
        schedule's construction.

        ## What it leaves alone
        Loaders built with `drop_last=True`, counts taken from the loader, and datasets or
        batch sizes the file does not tie to the loader; a zip whose members the horizon
        counts are none of them cycled.
    """

    def visit_Call(self, node: cst.Call) -> None:
        analysis = self.context.analysis
        made = analysis.objects.built_by(node)
        if made is None or made.kind != o.SCHEDULER or made.scheduler is None or not made.scheduler.fixed_horizon:
            return
        self._check_cycled(node, made)
        self._check_chained(node, made)
        self._check_flushed_tail(node, made)
        for per_epoch, fixable in self._per_epoch_counts(node, made):
            ratio = self._floor_ratio(per_epoch)
            if ratio is not None:
                self._check_floor(node, made, per_epoch, ratio, fixable)
                return

    def _per_epoch_counts(self, node: cst.Call, made: o.TorchObject) -> Iterator[Tuple[cst.CSTNode, bool]]:
        """(count, whether the fix may replace it): `steps_per_epoch`, then each factor of a
        product the horizon is computed from (`total_steps=epochs * per_epoch`)."""
        per_epoch = argument(node, "steps_per_epoch")
        if per_epoch is not None:
            yield per_epoch.value, True
        for factors in map(_factors, self._horizon_sources(node, made)):
            yield from ((factor, False) for factor in factors if len(factors) > 1)

    def _check_floor(self, node: cst.Call, made: o.TorchObject, per_epoch: cst.CSTNode, ratio: tuple,
                     fixable: bool) -> None:
        analysis = self.context.analysis
        dataset, batch = ratio
        for loader_call, _ in analysis.objects.constructions(o.LOADER):
            given = [argument(loader_call, "dataset", 0), argument(loader_call, "batch_size", 1)]
            if None in given or not v.one_value(analysis, given[0].value, dataset) or not (
                    v.one_value(analysis, given[1].value, batch) or self._per_replica(loader_call, given[1].value, batch)):
                continue
            drop = argument(loader_call, "drop_last", 7)
            if drop is not None and not (type(drop.value) is cst.Name and drop.value.value == "False"):
                continue
            if not self._stepped_over(node, loader_call):
                continue
            code = self.context.code
            self.report(
                per_epoch,
                f"`{code(per_epoch)}` rounds down, but the loader keeps the last partial batch: each epoch "
                f"steps the schedule `ceil(len({code(dataset)}) / {code(batch)})` times, one more whenever the "
                f"division has a remainder, and {made.scheduler.name} raises \"Tried to step N times\" in the last "
                "epoch. Count the loader's batches: `len(loader)`.",
                fix=self._fix(per_epoch, loader_call) if fixable else None,
            )
            return

    def _per_replica(self, loader: cst.Call, batch: cst.CSTNode, counted: cst.CSTNode) -> bool:
        """`counted` is the loader's batch size times the replicas of the `DistributedSampler` it
        draws from (`batch_size * world`): each rank takes a padded share, `ceil(n / world)`."""
        analysis = self.context.analysis
        sampler = argument(loader, "sampler", 3)
        made = analysis.objects.of(sampler.value) if sampler is not None else []
        if not made or any(x is None or x.kind != o.SAMPLER or x.construction is None for x in made):
            return False
        replicas = argument(made[0].construction, "num_replicas", 1)
        factors = _factors(v.local_value(analysis, counted))
        return len(factors) == 2 and any(v.one_value(analysis, size, batch) and (
            v.one_value(analysis, world, replicas.value) if replicas is not None else
            _world_size(analysis, world))
            for size, world in (factors, factors[::-1]))

    def _horizon_sources(self, node: cst.Call, made: o.TorchObject) -> List[cst.CSTNode]:
        """The horizon's arguments (`total_steps`, `steps_per_epoch`) and what they are
        computed from in their function (and, for a parameter, in its callers')."""
        analysis = self.context.analysis
        kind = made.scheduler
        total = argument(node, kind.horizon[0], kind.horizon_position) if kind.horizon else None
        found = [source for arg in (total, argument(node, "steps_per_epoch")) if arg is not None
                 for source in v.local_sources(analysis.index, analysis.values, arg.value)]
        passed = [p for source in found for p in v.passed_for(analysis, source)]
        return found + [s for p in passed for s in v.local_sources(analysis.index, analysis.values, p)]

    def _check_cycled(self, node: cst.Call, made: o.TorchObject) -> None:
        """The horizon counts `len(a)` per epoch; the loop that steps it cycles `a` beside `b`
        (`_cycled_members`)."""
        analysis = self.context.analysis
        counted = self._counted(node, made)
        for (loop, _, _), iterable in self._stepped_loops(node):
            cycled, others = self._cycled_members(loop, v.local_value(analysis, iterable))
            count = next((c for c in counted if any(v.held_names(analysis, c) & v.held_names(analysis, x) for x in cycled)), None)
            if count is None or not others or any(v.held_names(analysis, count) & v.held_names(analysis, x) for x in others):
                continue
            code = self.context.code
            self.report(
                count,
                f"The horizon counts `len({code(count)})` steps per epoch, but each epoch runs "
                f"`len({code(others[0])})` passes of the loop that steps the schedule, and draws `{code(cycled[0])}` "
                f"through `itertools.cycle`, which never runs out: {made.scheduler.name} raises \"Tried to step N "
                f"times\" when that is longer, and stops short of its end when it is shorter. "
                f"Count `len({code(others[0])})`.",
            )
            return

    def _counted(self, node: cst.Call, made: o.TorchObject) -> List[cst.CSTNode]:
        """What the horizon takes `len()` of."""
        return [part.args[0].value for source in self._horizon_sources(node, made) for part in v.walk_expression(source)
                if type(part) is cst.Call and dotted_name(part.func) == "len" and len(part.args) == 1]

    def _check_chained(self, node: cst.Call, made: o.TorchObject) -> None:
        """The horizon counts `len(a)` per epoch; the loop that steps it goes over
        `itertools.chain(a, b)`, or over generators over them."""
        analysis = self.context.analysis
        counted = self._counted(node, made)
        for _, iterable in self._stepped_loops(node):
            held = v.local_value(analysis, iterable)
            if type(held) is not cst.Call or analysis.qualified(held.func) != "itertools.chain" or any(a.star for a in held.args):
                continue
            members = [a.value.for_in.iter if type(a.value) is cst.GeneratorExp else a.value for a in held.args]
            count = next((c for c in counted if any(v.held_names(analysis, c) & v.held_names(analysis, m) for m in members)), None)
            others = [m for m in members if not any(v.held_names(analysis, c) & v.held_names(analysis, m) for c in counted)]
            if count is not None and others:
                code = self.context.code
                self.report(count, f"The horizon counts `len({code(count)})` steps per epoch, but the loop that steps "
                                   f"the schedule chains `{code(count)}` with `{code(others[0])}`: each epoch takes "
                                   f"their lengths together, and {made.scheduler.name} raises \"Tried to step N times\" "
                                   f"in the last epoch. Count every chained loader.")
                return

    def _cycled_members(self, loop: cst.For, iterable: cst.CSTNode) -> Tuple[List[cst.CSTNode], List[cst.CSTNode]]:
        """(what the loop cycles, what else it iterates) for `for .. in zip(cycle(a), b)`, or
        for `for .. in b` whose body draws `next(c)` from `c = itertools.cycle(a)`."""
        analysis = self.context.analysis

        def cycled(expression: cst.CSTNode) -> Optional[cst.CSTNode]:
            held = v.local_value(analysis, expression)
            if type(held) is cst.Call and dotted_name(held.func) == "iter" and len(held.args) == 1:
                held = v.local_value(analysis, held.args[0].value)
            return held.args[0].value if type(held) is cst.Call and len(held.args) == 1 \
                and analysis.qualified(held.func) == "itertools.cycle" else None

        if type(iterable) is cst.Call and dotted_name(iterable.func) == "zip" and not any(a.star for a in iterable.args):
            members = [(a.value, cycled(a.value)) for a in iterable.args]
            return [c for _, c in members if c is not None], [m for m, c in members if c is None]
        drawn = [cycled(call.args[0].value) for call in analysis.index.of_type(loop.body, cst.Call)
                 if dotted_name(call.func) == "next" and call.args]
        return [c for c in drawn if c is not None], [iterable]

    def _check_flushed_tail(self, node: cst.Call, made: o.TorchObject) -> None:
        """The horizon counts `len(loader) // k` per epoch; the loop over the loader steps
        at each boundary or at its last batch."""
        analysis = self.context.analysis
        ratios = [source for horizon in self._horizon_sources(node, made) for source in _factors(horizon)
                  if type(source) is cst.BinaryOperation and type(source.operator) is cst.FloorDivide
                  and type(source.left) is cst.Call and dotted_name(source.left.func) == "len" and source.left.args]
        for ratio in ratios:
            loader = ratio.left.args[0].value
            for (loop, ran, step), iterable in self._stepped_loops(node):
                if not v.one_value(analysis, iterable, loader):
                    continue
                index = analysis.index
                guards = index.guards(ran, loop)
                if ran is not step:
                    guards += index.guards(step, index.function_of(step))
                guards = [g for g in guards if type(g.test) is cst.BooleanOperation and type(g.test.operator) is cst.Or
                          and self._boundary_or_last(g.test, loop, loader)]
                if guards:
                    code = self.context.code
                    self.report(
                        ratio,
                        f"`{code(ratio)}` counts the full accumulation windows of an epoch, but the loop also steps "
                        f"the schedule at its last batch (`{code(guards[0].test)}`): each epoch steps it "
                        f"`ceil(len({code(loader)}) / {code(ratio.right)})` times, one more whenever the division has "
                        f"a remainder, and {made.scheduler.name} raises \"Tried to step N times\" in the last epoch. "
                        f"Count `math.ceil(len({code(loader)}) / {code(ratio.right)})`.",
                    )
                    return

    def _boundary_or_last(self, test: cst.BooleanOperation, loop: cst.For, loader: cst.CSTNode) -> bool:
        """`(i + 1) % k == 0 or i + 1 == len(loader)` (the length held in a local too)."""
        analysis = self.context.analysis
        sides = (test.left, test.right)

        def sources(operand: cst.CSTNode) -> List[cst.CSTNode]:
            held = v.held_value(analysis, operand) if type(operand) is cst.Name and analysis.index.knows(operand) else None
            return [source for expression in (operand, held) if expression is not None
                    for source in v.local_sources(analysis.index, analysis.values, expression)]

        return any(analysis.loops.is_accumulation_test(side, loop) for side in sides) and any(
            type(side) is cst.Comparison and analysis.loops.reads_counter(side, [loop]) and any(
                type(part) is cst.Call and dotted_name(part.func) == "len" and part.args
                and v.one_value(analysis, part.args[0].value, loader)
                for operand in (side.left, *(c.comparator for c in side.comparisons))
                for source in sources(operand) for part in v.walk_expression(source))
            for side in sides)

    def _stepped_over(self, scheduler: cst.Call, loader: cst.Call) -> bool:
        """The scheduler's `step()` runs in a loop (or a comprehension) over the loader's batches."""
        analysis = self.context.analysis
        iterables = [iterable for _, iterable in self._stepped_loops(scheduler)] + [
            iterated(i) for call in analysis.objects.steps_of(scheduler) for i in analysis.loops.comprehended(call)]
        return any(any(x is not None and x.construction is loader for x in analysis.objects.of(iterable))
                   for iterable in iterables)

    def _stepped_loops(self, scheduler: cst.Call) -> Iterator[Tuple[Tuple[cst.For, cst.CSTNode, cst.Call], cst.CSTNode]]:
        """((loop, what in its body runs the step: the step or the call of the file's function
        that makes it, the step), what the loop iterates) for each `for` loop around a
        `step()` of the scheduler."""
        for call in self.context.analysis.objects.steps_of(scheduler):
            for enclosing, ran in self.context.analysis.loops.contexts(call):
                for loop in enclosing:
                    if type(loop) is cst.For:
                        yield (loop, ran, call), iterated(loop.iter)

    def _floor_ratio(self, expression: cst.CSTNode) -> Optional[tuple]:
        """(dataset, batch size) of `len(dataset) // batch_size` (or `int(len(dataset) /
        batch_size)`, `math.floor(...)`: the same for counts), also through a local or an attribute."""
        analysis = self.context.analysis
        held = [o.node for o in analysis.values.origins(expression)] if analysis.index.knows(expression) else []
        for source in v.local_sources(analysis.index, analysis.values, expression) + held:
            inner = source.args[0].value if type(source) is cst.Call and len(source.args) == 1 and dotted_name(
                source.func) in ("int", "math.floor") else None
            if type(inner) is cst.BinaryOperation and type(inner.operator) is cst.Divide:
                source = inner
            elif not (type(source) is cst.BinaryOperation and type(source.operator) is cst.FloorDivide):
                continue
            left = v.local_value(analysis, source.left)
            if type(left) is cst.Call and dotted_name(left.func) == "len" and len(left.args) == 1:
                return left.args[0].value, source.right
        return None

    def _fix(self, per_epoch: cst.CSTNode, loader_call: cst.Call) -> Optional[Fix]:
        statement = self.context.analysis.index.statement_of(loader_call)
        if type(statement) is not cst.Assign or statement.value is not loader_call or len(statement.targets) != 1 \
                or type(statement.targets[0].target) is not cst.Name:
            return None
        loader = statement.targets[0].target.value
        return Fix(Applicability.UNSAFE, f"Count the loader's batches: `len({loader})`",
                   [Replacement(per_epoch, cst.parse_expression(f"len({loader})"))])
