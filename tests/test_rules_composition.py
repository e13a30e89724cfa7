"""Unit tests for the units and composition rules (RV301-RV306): exact lines and fixed text."""

import textwrap

import libcst as cst
import pytest

from reviewer import registry
from reviewer.engine import lint_text
from reviewer.fixer import fix_text
from reviewer.analysis import FileAnalysis
from reviewer.analysis.units import EPOCHS, ITERATIONS

NAMES = (
    "epoch-scheduler-stepped-per-batch",
    "iteration-scheduler-stepped-per-epoch",
    "scheduler-step-every-microbatch",
    "multiple-schedulers-one-optimizer",
    "manual-lr-write-with-scheduler",
    "scheduler-created-in-loop",
)
RULES = [registry.find_rule(name) for name in NAMES]


def findings(source, name=None):
    text = textwrap.dedent(source)
    rules = RULES if name is None else [registry.find_rule(name)]
    result = lint_text("t.py", text, rules)
    assert not result.crashed
    return [(f.line, f.name) for f in result.findings]


def analysed(code):
    """The analysis of `x = <code>` and the expression's node in it."""
    analysis = FileAnalysis(cst.parse_module(f"x = {code}\n"))
    return analysis, analysis.module.body[0].body[0].value


@pytest.mark.parametrize(
    "code, unit",
    [
        ("args.epochs", EPOCHS),
        ("num_epochs - warmup_epochs", EPOCHS),
        ("cfg.TRAIN.MAX_EPOCH", EPOCHS),
        ("[int(0.5 * epochs), int(0.75 * epochs)]", EPOCHS),
        ("epochs // 3", EPOCHS),
        ("len(train_loader)", ITERATIONS),
        ("args.epochs * len(train_loader)", ITERATIONS),
        ("steps_per_epoch * epochs", ITERATIONS),
        ("cfg.SOLVER.MAX_ITER", ITERATIONS),
        ("total_steps", ITERATIONS),
        ("num_training_steps - warmup_steps", ITERATIONS),
        ("math.ceil(max_iters * 0.9)", ITERATIONS),
        ("cfg.SOLVER.DECAY_EPOCHS", EPOCHS),
        ("lr_decay_epoch", EPOCHS),
        # nothing clear
        ("T_max", None),
        ("[30, 60, 90]", None),
        ("args.lr_steps", None),
        ("decay_steps", None),
        ("steps", None),
        ("len(dataset)", None),
        ("epochs + total_steps", None),
        ("epoch_iters", None),
    ],
)
def test_unit_of_by_names_where_the_file_shows_nothing(code, unit):
    analysis, node = analysed(code)
    assert analysis.units.of(node) == unit


def test_unit_of_by_what_the_file_does_with_the_setting():
    module = cst.parse_module(textwrap.dedent("""
        from torch.utils.data import DataLoader
        def run(a1, b2, data):
            c3 = DataLoader(data)
            for e in range(a1):
                for x in c3:
                    x.backward()
            return a1, b2 * len(c3)
    """))
    analysis = FileAnalysis(module)
    returned = analysis.index.all(cst.Return)[0].value
    assert analysis.units.of(returned.elements[0].value) == EPOCHS
    assert analysis.units.of(returned.elements[1].value) == ITERATIONS


@pytest.mark.parametrize(
    "code, expected",
    [
        ("(i + 1) % grad_accum_steps == 0", True),
        ("step % args.gradient_accumulation_steps == 0 or step == len(loader) - 1", True),
        ("ni - last_opt_step >= accumulate", True),
        ("accelerator.sync_gradients", True),
        ("engine.is_gradient_accumulation_boundary()", True),
        ("(i + 1) % log_interval == 0", False),
        ("scheduler is not None", False),
    ],
)
def test_is_accumulation_test(code, expected):
    analysis, node = analysed(code)
    assert analysis.loops.is_accumulation_test(node) is expected


@pytest.mark.parametrize(
    "header, expected",
    [
        ("for epoch in range(n):", True),
        ("for i in range(args.epochs):", True),
        ("for i in tqdm(range(start_epoch, num_epochs)):", True),
        ("while epoch < max_epochs:", True),
        ('for x, y in tqdm(loader, desc=f"epoch {ep}/{args.epochs}"):', False),
        ("for stage in stages:", False),
        ("for it in range(max_iters):", False),
    ],
)
def test_epoch_loop_by_its_header_where_nothing_else_shows(header, expected):
    analysis = FileAnalysis(cst.parse_module(f"{header}\n    pass\n"))
    assert analysis.loops.is_epoch_loop(analysis.module.body[0]) is expected


def test_epoch_horizon_stepped_in_batch_loop_reports_the_step_line():
    source = """
        import torch
        from torch.optim.lr_scheduler import CosineAnnealingLR

        def train(args, model, loader):
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            scheduler = CosineAnnealingLR(optimizer, T_max=args.epochs)
            for epoch in range(args.epochs):
                for x, y in loader:
                    optimizer.zero_grad()
                    model(x, y).backward()
                    optimizer.step()
                    scheduler.step()
    """
    assert findings(source) == [(13, "epoch-scheduler-stepped-per-batch")]


def test_same_name_bound_in_another_function_does_not_leak():
    # `scheduler` is an iteration scheduler here; the epoch one lives in another function
    source = """
        import torch
        from torch.optim.lr_scheduler import CosineAnnealingLR

        def per_batch(model, loader, epochs):
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            scheduler = CosineAnnealingLR(optimizer, T_max=epochs * len(loader))
            for x, y in loader:
                optimizer.zero_grad()
                model(x, y).backward()
                optimizer.step()
                scheduler.step()

        def per_epoch(model, loader, epochs):
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            scheduler = CosineAnnealingLR(optimizer, T_max=epochs)
            for epoch in range(epochs):
                for x, y in loader:
                    optimizer.zero_grad()
                    model(x, y).backward()
                    optimizer.step()
                scheduler.step()
    """
    assert findings(source) == []


def test_unbound_scheduler_gets_no_finding():
    source = """
        def train(model, loader, epochs, scheduler, optimizer):
            for epoch in range(epochs):
                for x, y in loader:
                    optimizer.zero_grad()
                    model(x, y).backward()
                    optimizer.step()
                    scheduler.step()
    """
    assert findings(source) == []


def test_iteration_horizon_stepped_per_epoch_under_a_warmup_guard():
    source = """
        import torch

        def train(model, train_loader, epochs):
            optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
            scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=len(train_loader), eta_min=0)
            for epoch_counter in range(epochs):
                for x, y in train_loader:
                    optimizer.zero_grad()
                    model(x, y).backward()
                    optimizer.step()
                if epoch_counter >= 10:
                    scheduler.step()
    """
    assert findings(source) == [(13, "iteration-scheduler-stepped-per-epoch")]


MICROBATCH = """\
import torch
from torch.optim.lr_scheduler import OneCycleLR


def train(model, loader, accum, total_steps):
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    scheduler = OneCycleLR(optimizer, max_lr=1e-3, total_steps=total_steps)
    for i, batch in enumerate(loader):
        model(batch).backward()
        scheduler.step()
        if (i + 1) % accum == 0:
            optimizer.step()
            optimizer.zero_grad()
        log(i)
"""

MICROBATCH_FIXED = """\
import torch
from torch.optim.lr_scheduler import OneCycleLR


def train(model, loader, accum, total_steps):
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    scheduler = OneCycleLR(optimizer, max_lr=1e-3, total_steps=total_steps)
    for i, batch in enumerate(loader):
        model(batch).backward()
        if (i + 1) % accum == 0:
            optimizer.step()
            optimizer.zero_grad()
            scheduler.step()
        log(i)
"""


def test_microbatch_step_moved_after_the_optimizer_step():
    assert (10, "scheduler-step-every-microbatch") in findings(MICROBATCH)
    rule = registry.find_rule("scheduler-step-every-microbatch")
    outcome = fix_text("t.py", MICROBATCH, [rule], unsafe=True)
    assert outcome.error is None
    assert outcome.text == MICROBATCH_FIXED
    assert fix_text("t.py", MICROBATCH_FIXED, [rule], unsafe=True).text == MICROBATCH_FIXED


def test_microbatch_fix_is_unsafe_only():
    rule = registry.find_rule("scheduler-step-every-microbatch")
    assert fix_text("t.py", MICROBATCH, [rule], unsafe=False).text == MICROBATCH


def test_microbatch_exempts_accelerate_prepared_scheduler():
    source = MICROBATCH.replace(
        "    for i, batch in enumerate(loader):",
        "    model, optimizer, scheduler = accelerator.prepare(model, optimizer, scheduler)\n"
        "    for i, batch in enumerate(loader):",
    )
    assert findings(source, "scheduler-step-every-microbatch") == []


def test_two_schedulers_reported_once_at_the_second_construction():
    source = """
        import torch
        from torch.optim.lr_scheduler import LambdaLR, MultiStepLR

        def train(model, loader, epochs):
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            warmup = LambdaLR(optimizer, lambda it: min(1.0, (it + 1) / 500))
            decay = MultiStepLR(optimizer, milestones=[30, 60])
            for epoch in range(epochs):
                for x, y in loader:
                    optimizer.zero_grad()
                    model(x, y).backward()
                    optimizer.step()
                    warmup.step()
                decay.step()
    """
    assert findings(source, "multiple-schedulers-one-optimizer") == [(8, "multiple-schedulers-one-optimizer")]


def test_warmup_built_only_in_the_first_epoch_is_fine():
    source = """
        import torch
        from torch.optim.lr_scheduler import LambdaLR, MultiStepLR

        def train(model, loader, epochs):
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            decay = MultiStepLR(optimizer, milestones=[30, 60])
            for epoch in range(epochs):
                warmup = None
                if epoch == 0:
                    warmup = LambdaLR(optimizer, lambda it: min(1.0, (it + 1) / 500))
                for x, y in loader:
                    optimizer.zero_grad()
                    model(x, y).backward()
                    optimizer.step()
                    if warmup is not None:
                        warmup.step()
                decay.step()
    """
    assert findings(source) == []


def test_manual_write_once_per_epoch_undone_by_a_per_batch_lambda_scheduler():
    source = """
        import torch
        from transformers import get_linear_schedule_with_warmup

        def train(model, loader, epochs, freeze_at, total):
            optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
            scheduler = get_linear_schedule_with_warmup(optimizer, 100, total)
            for epoch in range(epochs):
                if epoch == freeze_at:
                    optimizer.param_groups[1]["lr"] = 0.0
                for batch in loader:
                    optimizer.zero_grad()
                    model(batch).backward()
                    optimizer.step()
                    scheduler.step()
    """
    assert findings(source) == [(10, "manual-lr-write-with-scheduler")]


def test_manual_freeze_every_iteration_is_not_reported():
    source = """
        import torch
        from transformers import get_linear_schedule_with_warmup

        def train(model, loader, total, frozen):
            optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
            scheduler = get_linear_schedule_with_warmup(optimizer, 100, total)
            for batch in loader:
                if frozen:
                    optimizer.param_groups[1]["lr"] = 0.0
                optimizer.zero_grad()
                model(batch).backward()
                optimizer.step()
                scheduler.step()
    """
    assert findings(source) == []


def test_scheduler_created_in_epoch_loop_reports_the_constructor():
    source = """
        import torch
        from torch.optim.lr_scheduler import StepLR

        def train(model, loader, epochs):
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            for epoch in range(epochs):
                scheduler = StepLR(
                    optimizer, step_size=30
                )
                for x, y in loader:
                    optimizer.zero_grad()
                    model(x, y).backward()
                    optimizer.step()
                scheduler.step()
    """
    assert findings(source) == [(8, "scheduler-created-in-loop")]


def test_documentation_has_the_required_sections():
    for rule in RULES:
        text = rule.documentation_markdown()
        for section in ("## What it does", "## Why it matters", "## Example", "## Fixed", "## Fix safety"):
            assert f"\n{section}\n" in text, (rule.name, section)


def test_sweep_loop_over_batch_sizes_is_not_a_batch_loop():
    source = """
        import torch
        from torch.optim.lr_scheduler import StepLR

        def sweep(model, make_loader, batch_sizes, epochs):
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            for batch_size in batch_sizes:
                scheduler = StepLR(optimizer, step_size=epochs // 3)
                run(model, make_loader(batch_size), optimizer, scheduler)
                scheduler.step()
    """
    assert findings(source) == []
