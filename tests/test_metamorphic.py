"""Metamorphic tests: every rule keeps its findings under semantics-preserving rewrites of
its fixtures (tests/metamorphic.py), except under the rewrites its class lists in
`metamorphic_limits`. Also: unit tests of the rewrites themselves (they must preserve
behaviour, which is checked by running them)."""

import re
import textwrap

import pytest

import metamorphic as mm

PAIRS = [(rule, transform) for rule in mm.rule_names() for transform in mm.TRANSFORMS]
SHOWN = 6  # failing variants whose diff goes into a failure message


@pytest.mark.parametrize("rule,transform", PAIRS, ids=[f"{r}-{t}" for r, t in PAIRS])
def test_rule_survives_transformation(rule, transform):
    report = mm.evaluate(rule, transform)
    assert not report.broken, "harness bug, variants that do not parse or compile, or whose marks moved:\n" + "\n".join(
        o.describe(diff=True) for o in report.broken)
    if transform in mm.limits(rule):
        return
    failures = report.failures
    if failures:
        lines = [f"{rule} keeps its findings in {report.survived}/{report.applicable} variants under {transform} "
                 f"(declare metamorphic_limits[{transform!r}] on the rule class if that is by design):"]
        lines += [o.describe(diff=i < SHOWN) for i, o in enumerate(failures)]
        pytest.fail("\n".join(lines), pytrace=False)


def test_limits_name_transformations():
    for rule in mm.rule_names():
        unknown = set(mm.limits(rule)) - set(mm.TRANSFORMS)
        assert not unknown, f"{rule}.metamorphic_limits names no transformation: {sorted(unknown)}"


# ---------------------------------------------------------------------------------------
# The transformations on their own: each variant must behave as the original
# ---------------------------------------------------------------------------------------

PROGRAMS = {
    "classes_and_keywords": """
        import functools

        LIMIT = 3


        class Counter:
            def __init__(self, start, step=1):
                self.value = start
                self.step_size = step

            def advance(self, times=1):
                for _ in range(times):
                    self.value += self.step_size
                return self.value

            def twice(self):
                return self.advance(times=2)


        class Child(Counter):
            def __init__(self, start):
                super().__init__(start, step=5)


        def make(start, step):
            return Counter(start, step=step)


        def scale(x, factor=2):
            return x * factor


        def run():
            c = make(1, 2)
            out = [c.twice(), Child(0).advance()]
            triple = functools.partial(scale, factor=3)
            out.append(triple(4))
            fns = [lambda e, i=i: e + i for i in range(LIMIT)]
            out.append([f(10) for f in fns])
            total = 0
            for k in range(5):
                if k < LIMIT:
                    total += k * 2
                elif k >= 4:
                    total -= 1
            out.append(total)
            out.append(f"{total} {len(out)}")
            return out


        report(run())
    """,
    "loops_and_state": """
        def run(items):
            seen = []
            last = None
            count = 0
            for item in items:
                value = item * 2
                if last is not None:
                    seen.append(value - last)
                last = value
                count += 1
            i = 0
            while i < 3:
                seen.append(i)
                i += 1
            for n, item in enumerate(items):
                if n > 0:
                    seen.append(item - items[n - 1])
            return seen, last, count, value


        state = {"n": 0}
        for j in range(3):
            state["n"] += j
            acc = j * state["n"]

        report((run([1, 4, 9]), state, acc))
    """,
    "schedule": """
        import math


        class Sched:
            def __init__(self, base, total, warmup=2):
                self.base = base
                self.total = total
                self.warmup = warmup
                self.t = 0
                self.log = []

            def step(self):
                self.t += 1
                if self.t < self.warmup:
                    factor = self.t / self.warmup
                else:
                    factor = 0.5 * (1 + math.cos(math.pi * (self.t - self.warmup) / max(1, self.total - self.warmup)))
                self.log.append(self.base * factor)
                return self.log[-1]


        def ratio(a, b, c=1):
            d = b - c + 1
            return (a - c) / d


        def run(epochs):
            s = Sched(0.5, epochs)
            vals = [s.step() for _ in range(epochs)]
            r = ratio(5, 7, c=2)
            msg = f"{r:.3f} {len(vals)}"
            return vals, r, msg, s.log


        report(run(4))
    """,
}


def _run(text):
    """What the program reports through `report(...)` (a name the program does not bind,
    so that no transformation renames it)."""
    reported = []
    namespace = {"__name__": "metamorphic_unit", "report": reported.append}
    exec(compile(text, "<program>", "exec"), namespace)
    return reported


@pytest.fixture
def unbounded(monkeypatch):
    monkeypatch.setattr(mm, "LIMITS", {name: 1000 for name in mm.LIMITS} | {"rename": 2})


@pytest.mark.parametrize("transform", list(mm.TRANSFORMS))
@pytest.mark.parametrize("program", list(PROGRAMS))
def test_transformation_preserves_behaviour(program, transform, unbounded):
    text = textwrap.dedent(PROGRAMS[program]).lstrip()
    expected = _run(text)
    variants = mm.TRANSFORMS[transform](text)
    for variant in variants:
        assert variant.error is None, variant.label
        assert variant.text != text
        assert _run(variant.text) == expected, f"{variant.label}\n{variant.text}"
        assert set(variant.line_map) == set(range(1, len(variant.text.splitlines()) + 1))
        assert all(1 <= line <= len(text.splitlines()) for line in variant.line_map.values())


def test_every_transformation_applies_to_the_programs(unbounded):
    for transform, function in mm.TRANSFORMS.items():
        assert any(function(textwrap.dedent(p).lstrip()) for p in PROGRAMS.values()), transform


def test_rename_keeps_foreign_names_and_protocols():
    text = textwrap.dedent("""
        import torch
        from torch.optim.lr_scheduler import LRScheduler


        class Warmup(LRScheduler):
            def __init__(self, optimizer, warmup, last_epoch=-1):
                self.warmup = warmup
                super().__init__(optimizer, last_epoch=last_epoch)

            def get_lr(self):
                return [b * min(1.0, (self.last_epoch + 1) / self.warmup) for b in self.base_lrs]


        class Restorable:
            def __init__(self, n):
                self.n = n

            def load_state_dict(self, state):
                self.__dict__.update(state)


        def train(args, model):
            optimizer = torch.optim.SGD(model.parameters(), lr=args.lr)
            scheduler = Warmup(optimizer, warmup=args.warmup_steps)
            scheduler.step()
            return Restorable(args.epochs).n
    """).lstrip()
    neutral = mm.rename(text)[0].text
    for kept in ("torch.optim.SGD", ".lr)", ".warmup_steps)", ".epochs)", ".parameters()", "self.last_epoch",
                 "self.base_lrs", "def get_lr(self)", "super().__init__", "last_epoch=", "self.n = ",
                 "def load_state_dict", ".step()", "LRScheduler"):
        assert kept in neutral, kept
    assert "self.warmup" not in neutral  # a scheduler subclass's own attribute is the file's
    assert re.search(r"a\d+\(a\d+, a\d+=a\d+\.warmup_steps\)", neutral)  # the keyword follows the parameter
    for renamed in ("def train", "args", "optimizer =", "scheduler ="):
        assert renamed not in neutral, renamed


def test_extract_local_declines_unsafe_places(unbounded):
    text = textwrap.dedent("""
        def f(a, b, items, g):
            x = a and g(b / 2)
            y = [v / (b - 1) for v in items]
            z = (lambda q: q / (b + 1))(a)
            w = g(a) + items[0] / g(b)
            a = a / (a - 1)
            return x, y, z, w, a
    """).lstrip()
    extracted = {v.label.split(" = ", 1)[1] for v in mm.extract_local(text)}
    assert {"a and g(b / 2)", "g(a) + items[0] / g(b)", "a"} <= extracted, extracted
    # under a short-circuit, a comprehension or a lambda; a call that would run before g(a),
    # or a read it could change; an expression that reads the name its statement binds
    for unsafe in ("b / 2", "(b - 1)", "(b + 1)", "g(b)", "items[0]", "(a - 1)", "a / (a - 1)"):
        assert unsafe not in extracted, unsafe


def test_wrap_loop_body_declines_exits_and_late_binding():
    text = textwrap.dedent("""
        def f(items, groups):
            for x in items:
                if x:
                    break
            fns = []
            for g in groups:
                fns.append(lambda e: e * g)
            for y in items:
                total = y
            return total, fns
    """).lstrip()
    labels = [v.label for v in mm.wrap_loop_body(text)]
    assert labels == [], labels  # break; a lambda over the loop variable; a name only the loop binds


def test_no_transformation_cures_late_binding(unbounded):
    text = textwrap.dedent("""
        def build(groups):
            fns = []
            for g in groups:
                fns.append(lambda e: e * g)
            return [f(1) for f in fns]


        report(build([1, 2, 3]))
    """).lstrip()
    expected = _run(text)
    assert expected == [[3, 3, 3]]
    for transform, function in mm.TRANSFORMS.items():
        for variant in function(text):
            assert _run(variant.text) == expected, f"{transform}: {variant.label}\n{variant.text}"


@pytest.mark.parametrize("fixture", ["counter-reset/founding_scheduler.py", "cumulative-warmup/script_loop.py",
                                     "deprecated-scheduler-verbose/verbose_kwarg.py", "zero-grad-misplaced/never_zeroed.py"])
def test_rendering_matches_libcst(fixture, monkeypatch):
    """Variants copy the original text of the top-level statements they share: the result
    is what libcst renders for the whole tree."""
    monkeypatch.setattr(mm, "CHECK_RENDER", True)
    text = (mm.FIXTURES / fixture).read_text()
    for transform, function in mm.TRANSFORMS.items():
        for variant in function(text):
            assert variant.error is None, f"{transform}: {variant.label}: {variant.error}"


def test_line_map_follows_moved_lines():
    text = "def f(a, b):\n    # why\n    c = a / (b - 1)  # note\n    return c\n"
    (variant,) = [v for v in mm.extract_local(text) if v.label.endswith("= (b - 1)")]
    lines = variant.text.splitlines()
    assert lines[1] == "    # why"
    assert lines[3].endswith("# note")
    assert variant.line_map[3] == 3 and variant.line_map[4] == 3 and variant.line_map[5] == 4


def test_a_variant_whose_marks_move_or_go_is_broken():
    text = "x = 1\ny = 1 / 0  # error: schedule-division-by-zero\n"
    kept = mm.Variant("t", "kept", "z = 0\nx = 1\ny = 1 / 0  # error: schedule-division-by-zero\n", {1: 1, 2: 1, 3: 2})
    assert mm.misplaced_marks(text, kept) is None
    moved = mm.Variant("t", "moved", "y = 1 / 0  # error: schedule-division-by-zero\nx = 1\n", {1: 1, 2: 2})
    assert mm.misplaced_marks(text, moved) == "the mark on variant line 1 maps to line 1"
    lost = mm.Variant("t", "lost", "x = 1\ny = 1 / 0\n", {1: 1, 2: 2})
    assert mm.misplaced_marks(text, lost) == "the mark of line 2 is lost"
    short = mm.Variant("t", "short", "x = 1\ny = 1 / 0  # error: schedule-division-by-zero\n", {1: 1})
    assert mm.misplaced_marks(text, short) == "the line map does not cover the variant's lines"


def test_expand_augmented_declines_what_could_change_in_place(unbounded):
    text = textwrap.dedent("""
        def train(loader, scale, model):
            total = 0
            steps = 0
            seen = []
            for batch in loader:
                total += model(batch)  # a tensor: `+=` adds in place
                seen += [1]            # a list: `+=` extends it in place
                scale *= 2             # a parameter: anything may be in it
                steps += 1
            return total, seen, scale, steps
    """).lstrip()
    [variant] = mm.expand_augmented(text)
    assert variant.label == "line 9: expanded `steps += 1`"
    assert "        steps = steps + 1\n" in variant.text and "total += model(batch)" in variant.text
