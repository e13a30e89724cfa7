"""counter-reset, cumulative-lr-decay and cumulative-warmup: tricky cases, exact lines and fixes."""

import textwrap

import pytest

from reviewer import registry
from reviewer.engine import lint_text
from reviewer.fixer import fix_text

NAMES = ("counter-reset", "cumulative-lr-decay", "cumulative-warmup")
RULES = [registry.find_rule(name) for name in NAMES]


def _text(source):
    return textwrap.dedent(source).lstrip("\n")


def found(source):
    result = lint_text("t.py", _text(source), RULES)
    assert not result.crashed
    return [(f.line, f.name) for f in result.findings]


def fixed(source):
    outcome = fix_text("t.py", _text(source), RULES, unsafe=True)
    assert outcome.error is None
    return outcome.text


def test_rules_are_registered_with_their_codes():
    assert [r.code for r in RULES] == ["RV101", "RV102", "RV103"]
    for rule in RULES:
        doc = rule.documentation_markdown()
        for section in ("## What it does", "## Why it matters", "## Example", "## Fixed", "## Fix safety"):
            assert section in doc


# --- counter-reset -------------------------------------------------------------------------------

COUNTER = """
    import math

    class Cosine:
        def __init__(self, optimizer, total):
            self.optimizer = optimizer
            self.total = total
            self.iters = -1

        def step(self):
            self.iters = 1
            lr = 0.5 * (1 + math.cos(math.pi * self.iters / self.total))
            for group in self.optimizer.param_groups:
                group["lr"] = lr
"""


def test_counter_reset_reports_the_assignment_and_fixes_it():
    assert found(COUNTER) == [(10, "counter-reset")]
    assert "        self.iters += 1\n" in fixed(COUNTER)
    assert fixed(COUNTER).count("self.iters = 1") == 0


@pytest.mark.parametrize(
    "change",
    [
        # guarded by a condition
        ("        self.iters = 1\n", "        if self.iters < 0:\n            self.iters = 1\n"),
        # incremented in another method
        ("        self.iters = 1\n", "        self.iters = 1\n\n    def advance(self):\n        self.iters += 1\n"),
        # a reset method, not a step
        ("    def step(self):\n        self.iters = 1\n", "    def reset(self):\n        self.iters = 1\n\n    def step(self):\n"),
        # not a scheduler: nothing writes an LR
        ('        for group in self.optimizer.param_groups:\n            group["lr"] = lr\n', "        return lr\n"),
    ],
    ids=["guarded", "incremented-elsewhere", "reset-method", "not-a-scheduler"],
)
def test_counter_reset_negatives(change):
    source = _text(COUNTER)
    old, new = change
    assert old in source
    assert found(source.replace(old, new, 1)) == []


def test_counter_reset_reported_when_the_step_reads_after_its_reset_though_the_loop_advances_it():
    # `step()` sets the counter to 1 and then reads it: the training loop's `+= 1` is undone
    # on every call, so the schedule never moves; no fix, since the increment is there already
    source = _text(COUNTER) + "\n\ndef train(scheduler):\n    for _ in range(10):\n        scheduler.iters += 1\n        scheduler.step()\n"
    assert found(source) == [(10, "counter-reset")]
    assert fixed(source) == _text(source)


def test_counter_reset_silent_when_the_read_comes_before_the_reset_and_something_advances_it():
    # read first, reset after, advanced by the caller in between: each step reads the advance
    source = _text(COUNTER).replace(
        "        self.iters = 1\n        lr = 0.5 * (1 + math.cos(math.pi * self.iters / self.total))\n",
        "        lr = 0.5 * (1 + math.cos(math.pi * self.iters / self.total))\n        self.iters = 1\n",
    ) + "\n\ndef train(scheduler):\n    for _ in range(10):\n        scheduler.iters += 1\n        scheduler.step()\n"
    assert "lr = 0.5" in source.split("self.iters = 1")[0].split("def step")[1]
    assert found(source) == []


def test_counter_reset_needs_an_arithmetic_read():
    source = """
        class Flagged:
            def __init__(self, optimizer):
                self.optimizer = optimizer
                self.phase = 0

            def step(self):
                self.phase = 1
                if self.phase == 1:
                    for group in self.optimizer.param_groups:
                        group["lr"] = 0.1
    """
    assert found(source) == []


# --- cumulative-lr-decay -------------------------------------------------------------------------

BRANCHES = """
    import math

    class Restarts:
        def __init__(self, optimizer, base_lr, gap, scale):
            self.optimizer = optimizer
            self.base_lr = base_lr
            self.gap = gap
            self.scale = scale
            self.t = 0

        def step(self):
            self.t += 1
            if self.t < self.gap:
                self.base_lr = self.base_lr * 0.5 * (1 + math.cos(math.pi * self.t / self.gap))
            else:
                self.base_lr = self.scale * self.base_lr * 0.5 * (1 + math.cos(math.pi * (self.t - self.gap) / self.gap))
            for group in self.optimizer.param_groups:
                group["lr"] = self.base_lr
            return self.base_lr
"""


def test_decay_in_both_branches_fixed_with_one_last_lr():
    assert found(BRANCHES) == [(14, "cumulative-lr-decay"), (16, "cumulative-lr-decay")]
    expected = _text(BRANCHES)
    expected = expected.replace("            self.base_lr = self", "            self.last_lr = self")
    expected = expected.replace('group["lr"] = self.base_lr', 'group["lr"] = self.last_lr')
    expected = expected.replace("return self.base_lr", "return self.last_lr")
    expected = expected.replace("        self.base_lr = base_lr\n", "        self.base_lr = base_lr\n        self.last_lr = self.base_lr\n")
    assert fixed(BRANCHES) == expected
    assert found(expected) == []


def test_decay_closed_form_in_an_adjust_method():
    source = """
        class Trainer:
            def __init__(self, lr):
                self.lr = lr

            def adjust_learning_rate(self, optimizer, epoch):
                self.lr = self.lr * (0.1 ** (epoch // 30))
                for group in optimizer.param_groups:
                    group["lr"] = self.lr
    """
    assert found(source) == [(6, "cumulative-lr-decay")]
    assert fixed(source) == _text(source).replace(
        "self.lr = self.lr * (0.1", "self.last_lr = self.lr * (0.1"
    ).replace('group["lr"] = self.lr', 'group["lr"] = self.last_lr').replace(
        "        self.lr = lr\n", "        self.lr = lr\n        self.last_lr = self.lr\n")


def test_decay_aug_assign_on_lr_key_multiplies_the_initial_lr():
    source = """
        def adjust(optimizer, epoch):
            for group in optimizer.param_groups:
                group.setdefault("initial_lr", 0.1)
                group["lr"] *= 0.5 ** (epoch // 10)
    """
    assert found(source) == [(4, "cumulative-lr-decay")]
    assert 'group["lr"] = group.setdefault("initial_lr", group["lr"]) * 0.5 ** (epoch // 10)' in fixed(source)


def test_decay_of_a_current_lr_attribute_keeps_what_init_set_as_the_base():
    source = """
        class S:
            def __init__(self, lr):
                self.current_lr = lr

            def step(self, epoch):
                self.current_lr = self.current_lr * 0.9 ** epoch
                return self.current_lr
    """
    result = lint_text("t.py", _text(source), RULES)
    assert [(f.line, f.name) for f in result.findings] == [(6, "cumulative-lr-decay")]
    assert fixed(source) == _text("""
        class S:
            def __init__(self, lr):
                self.current_lr = lr
                self.last_lr = self.current_lr

            def step(self, epoch):
                self.last_lr = self.current_lr * 0.9 ** epoch
                return self.last_lr
    """)


def test_no_class_fix_when_another_method_writes_the_attribute():
    source = """
        class S:
            def __init__(self, lr):
                self.lr = lr

            def reset(self, lr):
                self.lr = lr

            def step(self, epoch):
                self.lr = self.lr * 0.9 ** epoch
                return self.lr
    """
    result = lint_text("t.py", _text(source), RULES)
    assert [(f.line, f.name) for f in result.findings] == [(9, "cumulative-lr-decay")]
    assert result.findings[0].fix is None


@pytest.mark.parametrize(
    "body",
    [
        'if epoch in self.milestones:\n            self.lr = self.lr * self.gamma',
        "self.lr = self.lr * (self.gamma if epoch in self.milestones else 1.0)",
        "self.lr *= self.gamma",
        # torch's chainable cosine: a ratio of consecutive closed forms
        "self.lr = self.lr * (1 + math.cos(math.pi * epoch / self.T)) / (1 + math.cos(math.pi * (epoch - 1) / self.T))",
        # restored from the base first
        "self.lr = self.base_lr\n        self.lr = self.lr * 0.5 * (1 + math.cos(math.pi * epoch / self.T))",
        # computed into a local
        "lr = self.base_lr * 0.5 * (1 + math.cos(math.pi * epoch / self.T))\n        self.lr = lr",
    ],
    ids=["milestone", "ifexp", "constant", "chainable", "restored", "local"],
)
def test_decay_negatives(body):
    source = f"""
import math


class S:
    def __init__(self, optimizer, lr, T, gamma, milestones):
        self.optimizer, self.base_lr, self.lr, self.T = optimizer, lr, lr, T
        self.gamma, self.milestones = gamma, milestones

    def step(self, epoch):
        {body}
        for group in self.optimizer.param_groups:
            group["lr"] = self.lr
"""
    assert found(source) == []


# --- cumulative-warmup ---------------------------------------------------------------------------


def test_warmup_and_decay_are_told_apart_in_one_method():
    source = """
        import math

        class WarmCosine:
            def __init__(self, optimizer, lr, warmup, total):
                self.optimizer, self.lr, self.warmup, self.total = optimizer, lr, warmup, total
                self.it = 0

            def step(self):
                self.it += 1
                if self.it <= self.warmup:
                    self.lr = self.lr * self.it / self.warmup
                else:
                    self.lr = self.lr * 0.5 * (1 + math.cos(math.pi * self.it / self.total))
                for group in self.optimizer.param_groups:
                    group["lr"] = self.lr
    """
    assert found(source) == [(11, "cumulative-warmup"), (13, "cumulative-lr-decay")]


def test_warmup_fix_takes_a_snapshot_on_first_call():
    source = """
        def warm(optimizer, step, warmup_steps):
            for group in optimizer.param_groups:
                group['lr'] *= min(1.0, step / warmup_steps)
    """
    assert found(source) == [(3, "cumulative-warmup")]
    assert fixed(source) == _text(source).replace(
        "group['lr'] *= min(1.0, step / warmup_steps)",
        "group['lr'] = group.setdefault('initial_lr', group['lr']) * min(1.0, step / warmup_steps)",
    )


def test_warmup_factor_method_counts_as_warmup():
    source = """
        class Warmup:
            def __init__(self, optimizer, period):
                self.optimizer, self.period = optimizer, period
                self.last_step = -1

            def dampen(self, step=None):
                if step is None:
                    step = self.last_step + 1
                self.last_step = step
                for group in self.optimizer.param_groups:
                    omega = self.warmup_factor(step)
                    group["lr"] *= omega

            def warmup_factor(self, step):
                return min(1.0, (step + 1) / self.period)
    """
    assert found(source) == [(12, "cumulative-warmup")]


def test_warmup_restore_in_another_method_is_not_reported():
    # pytorch_warmup's design: dampening() writes the stored LRs back, then dampen() multiplies
    source = """
        def _set_lr(group, lr):
            group["lr"] = lr

        class Warmup:
            def __init__(self, optimizer, period):
                self.optimizer, self.period = optimizer, period
                self.lrs = [group["lr"] for group in optimizer.param_groups]
                self.last_step = -1

            def dampen(self, step=None):
                if step is None:
                    step = self.last_step + 1
                self.last_step = step
                for group in self.optimizer.param_groups:
                    group["lr"] *= min(1.0, (step + 1) / self.period)

            def dampening(self):
                for group, lr in zip(self.optimizer.param_groups, self.lrs):
                    _set_lr(group, lr)
                yield
                self.lrs = [group["lr"] for group in self.optimizer.param_groups]
                self.dampen()
    """
    assert found(source) == []


@pytest.mark.parametrize(
    "loop",
    [
        # restore-then-dampen in the same step
        'g["lr"] = base_lr\n            g["lr"] *= (it + 1) / warmup_iters',
        # a library scheduler recomputed the LR first
        'scheduler.step()\n            g["lr"] *= (it + 1) / warmup_iters',
        # a milestone decay: constant factor
        'if it in milestones:\n                g["lr"] *= 0.1',
        # interpolation from the snapshot
        'g["lr"] = np.interp(it, [0, warmup_iters], [0.0, g["initial_lr"]])',
    ],
    ids=["restore", "scheduler-first", "milestone", "interp"],
)
def test_warmup_negatives(loop):
    source = f"""
import numpy as np


def train(optimizer, scheduler, loader, base_lr, warmup_iters, milestones):
    for it, batch in enumerate(loader):
        for g in optimizer.param_groups:
            {loop}
"""
    assert found(source) == []


def test_warmup_restored_by_every_caller_is_not_reported():
    source = """
        def dampen(optimizer, step, warmup_steps):
            for group in optimizer.param_groups:
                group["lr"] *= min(1.0, (step + 1) / warmup_steps)

        def train(optimizer, scheduler, loader, warmup_steps):
            for step, batch in enumerate(loader):
                optimizer.step()
                scheduler.step()
                dampen(optimizer, step, warmup_steps)
    """
    assert found(source) == []
    # one caller that does not restore is enough to report
    unrestored = _text(source) + "\n\ndef finetune(optimizer, loader):\n    for step, batch in enumerate(loader):\n        dampen(optimizer, step, 100)\n"
    assert found(unrestored) == [(3, "cumulative-warmup")]


def test_temporary_scaling_undone_later_is_not_reported():
    source = """
        def scaled_step(optimizer, step, warmup_steps, closure):
            saved = [group["lr"] for group in optimizer.param_groups]
            for group in optimizer.param_groups:
                group["lr"] = group["lr"] * min(1.0, step / warmup_steps)
            optimizer.step(closure)
            for group, lr in zip(optimizer.param_groups, saved):
                group["lr"] = lr
    """
    assert found(source) == []


def test_warmup_in_a_call_method_is_reported_but_not_in_reset():
    source = """
        class Warm:
            def __init__(self, optimizer, warmup):
                self.optimizer, self.warmup = optimizer, warmup

            def __call__(self, step):
                for group in self.optimizer.param_groups:
                    group["lr"] *= min(1.0, step / self.warmup)

            def reset(self, step):
                for group in self.optimizer.param_groups:
                    group["lr"] *= min(1.0, step / self.warmup)
    """
    assert found(source) == [(7, "cumulative-warmup")]


@pytest.mark.parametrize("update", ["self.lrs[i] = self.lrs[i] * f", "self.lrs[i] *= f"])
def test_an_element_of_a_list_of_lrs_is_reported_without_a_fix(update):
    """The param-group snapshot (`X.setdefault("initial_lr", ...)`) fits `X["lr"]` only: on a
    list's element it would call a dict method on a list."""
    source = f"""
    import math
    class Trainer:
        def __init__(self, opt, epochs):
            self.opt, self.epochs = opt, epochs
            self.lrs = [g["lr"] for g in opt.param_groups]
        def set_lr(self, epoch):
            f = 0.5 * (1 + math.cos(math.pi * epoch / self.epochs))
            for i, g in enumerate(self.opt.param_groups):
                {update}
                g["lr"] = self.lrs[i]
        def run(self):
            for epoch in range(self.epochs):
                self.set_lr(epoch)
    """
    assert found(source) == [(9, "cumulative-lr-decay")]
    assert fixed(source) == _text(source)
