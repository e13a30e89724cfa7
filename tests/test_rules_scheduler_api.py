"""Unit tests for the scheduler-API rules (RV201-RV206, RV307) and the shared loop helpers."""

import textwrap

import libcst as cst
import pytest

from conftest import FIXTURES
from reviewer import registry
from reviewer.engine import lint_text
from reviewer.fixer import fix_text
from reviewer.rule import Severity
from reviewer.analysis import FileAnalysis
from reviewer.analysis.tree import dotted_name

HEADER = "import torch\nfrom torch.optim import lr_scheduler\nfrom torch.optim.lr_scheduler import *\n"


def run(rule_name, body):
    text = HEADER + textwrap.dedent(body)
    rule = registry.find_rule(rule_name)
    result = lint_text("t.py", text, [rule])
    assert not result.crashed
    return [(f.line - 3, f.name) for f in result.findings]


def fixed(rule_name, body, unsafe=True):
    text = HEADER + textwrap.dedent(body)
    outcome = fix_text("t.py", text, [registry.find_rule(rule_name)], unsafe=unsafe)
    assert outcome.error is None
    return outcome.text[len(HEADER):]


# --- shared loop helpers ---------------------------------------------------------------


def _loops(text):
    module = cst.parse_module(textwrap.dedent(text))
    analysis = FileAnalysis(module)
    found = analysis.index.all(cst.For) + analysis.index.all(cst.While)
    found.sort(key=analysis.index.order)
    return analysis, found


def call_name(call):
    return dotted_name(call.func)


def test_loop_calls_order_and_conditions():
    analysis, (outer, inner) = _loops("""
        for epoch in range(epochs):
            sched.step()
            if epoch > 0:
                log(epoch)
            with ctx():
                for x in loader:
                    opt.step()
            fn = lambda: skipped()
            ok() or maybe()
    """)
    sites = analysis.loops.calls(outer)
    names = [call_name(s.call) for s in sites]
    assert names == ["sched.step", "log", "ctx", "opt.step", "ok", "maybe"]
    assert [s.conditional for s in sites] == [False, True, False, True, False, True]
    assert sites[3].loops == (inner,)
    assert [call_name(s.call) for s in analysis.loops.calls(outer, into_loops=False)] == [
        "sched.step", "log", "ctx", "ok", "maybe"]
    assert isinstance(sites[1].guards[0], cst.If)


def test_block_calls_skips_nested_definitions():
    module = cst.parse_module("def f():\n    a()\n    def g():\n        b()\n    class C:\n        c()\n")
    analysis = FileAnalysis(module)
    assert [call_name(s.call) for s in analysis.loops.calls(module.body[0])] == ["a"]


@pytest.mark.parametrize("header, batch, epoch", [
    ("for epoch in range(args.epochs):", False, True),
    ("for i, (x, y) in enumerate(train_loader):", True, False),
    ("for step, batch in enumerate(tqdm(epoch_iterator)):", True, False),
    ("for i in range(len(dataloader)):", True, False),
    ("while epoch < max_epochs:", False, True),
    ("for group in optimizer.param_groups:", False, False),
    # string contents are not names: neither a description nor a format string's text counts
    ("for x, y in tqdm(pairs, desc=f'epoch {ep}'):", False, False),
    ("for x, y in tqdm(pairs, desc='Epoch'):", False, False),
    ("for i in tqdm(range(n), desc=f'{epoch}/{epochs}'):", False, False),
    ("for x, y in tqdm(train_loader, desc=f'epoch {ep}'):", True, False),
    ("for e in tqdm(range(args.epochs), desc='batches'):", False, True),
    ("while step < total and name != 'loader':", False, False),
])
def test_loop_kinds_by_their_headers_where_nothing_else_shows(header, batch, epoch):
    analysis, loops = _loops(f"{header}\n    pass\n")
    assert analysis.loops.is_batch_loop(loops[0]) is batch
    assert analysis.loops.is_epoch_loop(loops[0]) is epoch


def test_nested_loop_with_backward_is_batch_loop_and_outer_is_epoch_loop():
    analysis, (outer, inner) = _loops("""
        for e in range(n):
            for x, y in pairs:
                loss(x, y).backward()
    """)
    assert analysis.loops.is_batch_loop(inner)
    assert analysis.loops.is_epoch_loop(outer)


def test_loop_over_a_data_loader_is_a_batch_loop_whatever_its_names():
    analysis, (outer, inner) = _loops("""
        from torch.utils.data import DataLoader
        a1 = DataLoader(data, batch_size=8)
        for n_w in range(k):
            for t_k in a1:
                f(t_k)
    """)
    assert analysis.loops.is_batch_loop(inner)
    assert not analysis.loops.is_batch_loop(outer)
    assert analysis.loops.is_epoch_loop(outer)


# --- RV201 -----------------------------------------------------------------------------


def test_step_before_optimizer_through_method_of_same_class():
    assert run("scheduler-step-before-optimizer", """
        class T:
            def __init__(self, model):
                self.opt = torch.optim.SGD(model.parameters(), lr=0.1)
                self.sched = StepLR(self.opt, 10)

            def epoch(self, loader):
                for x in loader:
                    self.opt.zero_grad()
                    x.backward()
                    self.opt.step()

            def fit(self, loader, n):
                for e in range(n):
                    self.sched.step()
                    self.epoch(loader)
    """) == [(15, "scheduler-step-before-optimizer")]


def test_step_after_earlier_optimizer_step_is_fine_and_other_optimizer_ignored():
    assert run("scheduler-step-before-optimizer", """
        opt_a = torch.optim.SGD(a, lr=0.1)
        opt_b = torch.optim.SGD(b, lr=0.1)
        sched = StepLR(opt_a, 10)
        for x in loader:
            opt_a.step()
            sched.step()
            opt_b.step()
        for x in loader:
            sched.step()
            opt_b.step()
    """) == []


def test_scaler_step_counts_as_the_optimizer_step():
    assert run("scheduler-step-before-optimizer", """
        optimizer = torch.optim.SGD(p, lr=0.1)
        sched = lr_scheduler.OneCycleLR(optimizer, 0.1, total_steps=100)
        for x in loader:
            sched.step()
            scaler.step(optimizer)
    """) == [(5, "scheduler-step-before-optimizer")]


def test_binding_must_hold_for_every_construction():
    assert run("scheduler-step-before-optimizer", """
        optimizer = torch.optim.SGD(p, lr=0.1)
        if plateau:
            sched = ReduceLROnPlateau(optimizer)
        else:
            sched = StepLR(optimizer, 10)
        for x in loader:
            sched.step()
            optimizer.step()
    """) == []


def test_branches_of_compatible_kinds_still_bind():
    assert run("scheduler-step-before-optimizer", """
        optimizer = torch.optim.SGD(p, lr=0.1)
        if cosine:
            sched = CosineAnnealingLR(optimizer, 100)
        else:
            sched = MultiStepLR(optimizer, [30, 60])

        def train(loader, net, optimizer):
            for x in loader:
                optimizer.zero_grad()
                net(x).backward()
                optimizer.step()

        for epoch in range(start, epochs):
            sched.step()
            train(loader, net, optimizer=optimizer)
    """) == [(15, "scheduler-step-before-optimizer")]


def test_bindings_follow_function_scopes():
    assert run("get-lr-instead-of-get-last-lr", """
        sched = StepLR(torch.optim.SGD(p, lr=0.1), 10)

        def build(optimizer):
            scheduler = MultiStepLR(optimizer, [30])
            return scheduler

        def log(scheduler):
            print(scheduler.get_lr())

        def log_global():
            print(sched.get_lr())

        def log_local(optimizer):
            sched = make(optimizer)
            print(sched.get_lr())

        def alternatives(optimizer, deepspeed):
            if deepspeed:
                lr_scheduler = DummyScheduler(optimizer)
            else:
                lr_scheduler = LinearLR(optimizer)
            print(lr_scheduler.get_lr())

        def wrapped(optimizer):
            lr_scheduler = LinearLR(optimizer)
            model, lr_scheduler = accelerator.prepare(model, lr_scheduler)
            lr_scheduler = wrap(lr_scheduler)
            print(lr_scheduler.get_lr())
    """) == [(12, "get-lr-instead-of-get-last-lr"), (29, "get-lr-instead-of-get-last-lr")]


# --- RV202 -----------------------------------------------------------------------------


def test_epoch_argument_fix_only_for_loop_variable_once_per_iteration():
    body = """
        optimizer = torch.optim.SGD(p, lr=0.1)
        sched = StepLR(optimizer, 10)
        for epoch in range(10):
            train(model, optimizer)
            sched.step(epoch)
        for epoch in range(10):
            sched.step(epoch + 1)
        for epoch in range(10):
            for x in loader:
                sched.step(epoch)
        for epoch in range(10):
            sched.step(epoch)  # at the top: step() here would skip the first value
            train(model, optimizer)
    """
    assert run("scheduler-step-epoch-argument", body) == [
        (6, "scheduler-step-epoch-argument"), (8, "scheduler-step-epoch-argument"), (11, "scheduler-step-epoch-argument"),
        (13, "scheduler-step-epoch-argument"),
    ]
    out = fixed("scheduler-step-epoch-argument", body)
    assert "\n    train(model, optimizer)\n    sched.step()\n" in out
    assert out.count("sched.step(epoch") == 3
    assert fixed("scheduler-step-epoch-argument", body, unsafe=False) == textwrap.dedent(body)


def test_epoch_argument_ignores_documented_and_foreign_steps():
    assert run("scheduler-step-epoch-argument", """
        from timm.scheduler import create_scheduler
        optimizer = torch.optim.SGD(p, lr=0.1)
        a = CosineAnnealingWarmRestarts(optimizer, 10)
        b = ReduceLROnPlateau(optimizer)
        c, _ = create_scheduler(args, optimizer)
        d = SequentialLR(optimizer, [x, y], milestones=[5])
        e = StepLR(optimizer, 10)
        for epoch in range(10):
            a.step(epoch + 0.5)
            b.step(val)
            d.step()
            e.step(epoch=None)
    """) == []


# --- RV203 -----------------------------------------------------------------------------


def test_get_lr_fix_and_exemptions():
    body = """
        optimizer = torch.optim.SGD(p, lr=0.1)
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=10)
        print(sched.get_lr()[0], other.get_lr())

        class S(StepLR):
            def get_lr(self):
                return sched.get_lr()
    """
    assert run("get-lr-instead-of-get-last-lr", body) == [(4, "get-lr-instead-of-get-last-lr")]
    assert "print(sched.get_last_lr()[0], other.get_lr())" in fixed("get-lr-instead-of-get-last-lr", body, unsafe=False)


# --- RV204 -----------------------------------------------------------------------------


@pytest.mark.parametrize("before, after", [
    ("StepLR(o, 10, verbose=True)", "StepLR(o, 10)"),
    ("StepLR(o, verbose=True, step_size=10)", "StepLR(o, step_size=10)"),
    ("StepLR(o, 10, verbose=True, )", "StepLR(o, 10, )"),
    ("StepLR(\n    o,\n    10,\n    verbose=True,\n)", "StepLR(\n    o,\n    10,\n)"),
    ("StepLR(o,\n       10,\n       verbose=True)", "StepLR(o,\n       10)"),
    ("StepLR(\n    o,  # the optimizer\n    verbose=True,\n)", "StepLR(\n    o,  # the optimizer\n)"),
    ("ReduceLROnPlateau(verbose=True, optimizer=o)", "ReduceLROnPlateau(optimizer=o)"),
])
def test_verbose_removal_keeps_calls_well_formed(before, after):
    assert fixed("deprecated-scheduler-verbose", f"s = {before}\n", unsafe=False) == f"s = {after}\n"


@pytest.mark.parametrize("before, after", [
    ("StepLR(\n    o,\n    verbose=True,  # noisy\n    step_size=10,\n)", "StepLR(\n    o,\n    step_size=10,\n)"),
    ("StepLR(\n    o,\n    # noisy\n    verbose=True,\n)", "StepLR(\n    o,\n)"),
])
def test_verbose_removal_that_drops_a_comment_is_unsafe(before, after):
    assert fixed("deprecated-scheduler-verbose", f"s = {before}\n", unsafe=False) == f"s = {before}\n"
    assert fixed("deprecated-scheduler-verbose", f"s = {before}\n", unsafe=True) == f"s = {after}\n"


def test_verbose_reported_on_its_line():
    assert run("deprecated-scheduler-verbose", """
        s = lr_scheduler.StepLR(
            o,
            10,
            verbose=True,
        )
        t = MyScheduler(o, verbose=True)
    """) == [(5, "deprecated-scheduler-verbose")]


# --- RV205 -----------------------------------------------------------------------------


def test_plateau_guarded_by_isinstance_is_not_reported():
    assert run("plateau-step-without-metric", """
        optimizer = torch.optim.SGD(p, lr=0.1)
        sched = ReduceLROnPlateau(optimizer)
        for epoch in range(10):
            if isinstance(sched, ReduceLROnPlateau):
                sched.step(val)
            else:
                sched.step()
    """) == []


def test_plateau_per_batch_only_when_unconditional():
    assert run("plateau-step-without-metric", """
        optimizer = torch.optim.SGD(p, lr=0.1)
        sched = ReduceLROnPlateau(optimizer)
        for epoch in range(10):
            for i, batch in enumerate(train_loader):
                loss = step(batch)
                if i % 100 == 0:
                    sched.step(loss)
                sched.step(loss)
    """) == [(9, "plateau-step-without-metric")]


# --- RV206 -----------------------------------------------------------------------------


def test_chainable_compounds_only_for_scaling():
    assert run("chainable-scheduler-compounds", """
        class A(ExponentialLR):
            def get_lr(self):
                return [min(lr, 1.0) for lr in super().get_lr()]

        class B(ConstantLR):
            def get_lr(self):
                base = super().get_lr()
                return [x * self.scale for x in base]

        class C(StepLR):
            def step(self):
                return [lr * 2 for lr in super().get_lr()]
    """) == [(8, "chainable-scheduler-compounds")]


# --- RV307 -----------------------------------------------------------------------------


def test_lambda_late_binding_fix_shapes():
    body = """
        s = LambdaLR(o, [lambda: i for i in range(3)])
        t = LambdaLR(o, [lambda e, i=i: i * e for i in range(3)])
        u = lr_scheduler.MultiplicativeLR(o, lr_lambda=[lambda *a: i for i in range(3)])
    """
    assert run("lambda-late-binding", body) == [(2, "lambda-late-binding"), (4, "lambda-late-binding")]
    out = fixed("lambda-late-binding", body, unsafe=False)
    assert "s = LambdaLR(o, [lambda i=i: i for i in range(3)])" in out
    assert "lambda *a: i for i" in out  # reported, no fix: the star parameter


def test_lambda_shadowed_names_are_not_late():
    assert run("lambda-late-binding", """
        s = LambdaLR(o, [lambda i: i * 0.9 for i in range(3)])
        t = LambdaLR(o, [lambda e: sum(i for i in range(e)) for i in range(3)])
    """) == []


def test_verbose_positions_are_where_current_torch_signatures_end():
    """A positional `verbose` is the argument after every parameter the installed torch keeps
    (on releases that still had it, it was the last parameter)."""
    import inspect

    torch_schedulers = pytest.importorskip("torch.optim.lr_scheduler")
    from reviewer.vocabulary import SCHEDULERS

    checked = 0
    for name, kind in SCHEDULERS.items():
        if kind.verbose_position is None:
            continue
        parameters = list(inspect.signature(getattr(torch_schedulers, kind.name).__init__).parameters)[1:]
        expected = parameters.index("verbose") if "verbose" in parameters else len(parameters)
        assert kind.verbose_position == expected, name
        checked += 1
    assert checked == 14


def test_verbose_messages_name_the_keyword_or_the_position():
    from reviewer import registry
    from reviewer.engine import lint_text

    code = ("import torch\nopt = torch.optim.SGD([], lr=0.1)\n"
            "a = torch.optim.lr_scheduler.StepLR(opt, 30, verbose=True)\n"
            "b = torch.optim.lr_scheduler.StepLR(opt, 30, 0.1, -1, True)\n")
    findings = lint_text("t.py", code, [registry.find_rule("deprecated-scheduler-verbose")]).findings
    tail = "of `StepLR` is deprecated since PyTorch 2.2 and removed in later releases (a TypeError there); " \
           "log `get_last_lr()` instead."
    assert [(f.line, f.message) for f in findings] == [
        (3, "`verbose=` " + tail),
        (4, "`verbose` (argument 5, passed by position) " + tail),
    ]


@pytest.mark.parametrize("value, safe", [
    ("True", True), ("0", True), ("quiet", True),  # a literal, a name bound before the call
    ("log_level()", False), ("args.verbose", False), ("later", False),  # a call, a property, a name bound after
])
def test_verbose_removal_is_safe_only_when_the_value_computes_nothing(value, safe):
    code = f"quiet = False\ns = StepLR(o, 10, verbose={value})\nlater = 1\n"
    assert fixed("deprecated-scheduler-verbose", code, unsafe=False) == (
        code.replace(f", verbose={value}", "") if safe else code)
    assert fixed("deprecated-scheduler-verbose", code, unsafe=True) == code.replace(f", verbose={value}", "")


def test_get_lr_on_a_closed_form_scheduler_is_a_warning_that_says_the_value_is_right():
    text = (FIXTURES / "get-lr-instead-of-get-last-lr" / "logging_get_lr.py").read_text()
    found = {(f.line, f.severity): f.message for f in lint_text("t.py", text, [registry.find_rule("RV203")]).findings}
    assert sorted(found) == [(15, Severity.ERROR), (16, Severity.ERROR), (25, Severity.ERROR), (37, Severity.WARNING)]
    assert found[37, Severity.WARNING] == (
        "`scheduler.get_lr()` gives the LR in use here (this scheduler's `get_lr()` is its closed form), but it is "
        "the scheduler's update rule, and PyTorch warns on every call; read `scheduler.get_last_lr()`.")
    assert found[15, Severity.ERROR].startswith("`scheduler.get_lr()` re-applies the decay at milestones")
