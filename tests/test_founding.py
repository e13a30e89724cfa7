"""The founding scheduler, fixed by `reviewer check --fix --unsafe-fixes`, trains as intended.

The fixture `fixtures/counter-reset/founding_scheduler.py` rebuilds the scheduler that started
the project. Here the text that `fix_text(..., unsafe=True)` makes of it is executed and stepped
through a whole schedule with a real torch optimizer, and compared with the original.
"""

import math

import pytest

from conftest import FIXTURES
from reviewer import registry
from reviewer.fixer import fix_text

torch = pytest.importorskip("torch")

FOUNDING = FIXTURES / "counter-reset" / "founding_scheduler.py"
CLASS = "CosineRestartsWithWarmup"

BASE = 0.1
ETA_MIN = 0.05
SCALE = 0.5
WARMUP_EPOCHS = 2
BATCHES = 5
EPOCHS = 12
RESTART = 6


def _load(text):
    namespace = {"__name__": "founding_under_test"}
    exec(compile(text, str(FOUNDING), "exec"), namespace)
    return namespace[CLASS]


def _fixed_text():
    original = FOUNDING.read_text()
    outcome = fix_text(str(FOUNDING), original, registry.select(["ALL"]), unsafe=True)
    assert outcome.error is None
    assert outcome.text != original
    return outcome.text


def _optimizer():
    parameter = torch.nn.Parameter(torch.zeros(1))
    return torch.optim.SGD([parameter], lr=BASE)


def _make(cls, optimizer):
    return cls(optimizer, base_lr=BASE, epochs=EPOCHS, eta_min=ETA_MIN, steps=[RESTART], step_scale=SCALE,
               warmup_epoch=WARMUP_EPOCHS, batchs=BATCHES)


def _run(cls):
    """Warm-up per batch, then one `step()` per epoch; the LR the optimizer holds after each call."""
    optimizer = _optimizer()
    scheduler = _make(cls, optimizer)
    warmup, epochs = [], []
    for _epoch in range(WARMUP_EPOCHS):
        for _batch in range(BATCHES):
            scheduler.step_batch()
            warmup.append(optimizer.param_groups[0]["lr"])
    for _epoch in range(WARMUP_EPOCHS, EPOCHS + 1):
        scheduler.step()
        epochs.append(optimizer.param_groups[0]["lr"])
    return warmup, epochs


def _expected_epochs():
    """Cosine from BASE to ETA_MIN * BASE over [2, 6], then from SCALE * BASE to the same floor over (6, 12]."""
    expected = []
    for epoch in range(WARMUP_EPOCHS, EPOCHS + 1):
        if epoch <= RESTART:
            t, gap, scale = epoch - WARMUP_EPOCHS, RESTART - WARMUP_EPOCHS, 1.0
        else:
            t, gap, scale = epoch - RESTART, EPOCHS - RESTART, SCALE
        cosine = 0.5 * (1 + math.cos(math.pi * t / gap))
        expected.append(BASE * (ETA_MIN + (scale - ETA_MIN) * cosine))
    return expected


def test_fixed_scheduler_follows_the_schedule():
    fixed = _load(_fixed_text())
    warmup, epochs = _run(fixed)
    iters = WARMUP_EPOCHS * BATCHES
    # the warm-up rises linearly from the base: k / W of it on the k-th batch (from 0)
    assert warmup == pytest.approx([BASE * k / iters for k in range(iters)], rel=1e-12, abs=1e-15)
    assert all(a < b for a, b in zip(warmup, warmup[1:]))
    # then the cosine segments, each decreasing, with a restart at epoch 6, down to the floor
    assert epochs == pytest.approx(_expected_epochs(), rel=1e-12)
    first = epochs[: RESTART - WARMUP_EPOCHS + 1]
    second = epochs[RESTART - WARMUP_EPOCHS + 1:]
    assert first[0] == pytest.approx(BASE)
    assert all(a > b for a, b in zip(first, first[1:]))
    assert second[0] > first[-1]
    assert all(a > b for a, b in zip(second, second[1:]))
    assert epochs[-1] == pytest.approx(ETA_MIN * BASE, rel=1e-12)


def test_fixed_scheduler_leaves_the_callers_list_alone():
    fixed = _load(_fixed_text())
    steps = [9, 4]
    fixed(_optimizer(), base_lr=BASE, epochs=EPOCHS, steps=steps)
    assert steps == [9, 4]


def test_original_scheduler_fails_with_its_defaults():
    original = _load(FOUNDING.read_text())
    with pytest.raises(ZeroDivisionError):
        original(_optimizer()).step()


def test_original_scheduler_collapses():
    original = _load(FOUNDING.read_text())
    warmup, epochs = _run(original)
    # the warm-up multiplies by 1/W on every batch: the LR falls instead of rising
    assert all(a > b for a, b in zip(warmup, warmup[1:]))
    assert warmup[-1] == pytest.approx(BASE * (1 / (WARMUP_EPOCHS * BATCHES)) ** len(warmup), rel=1e-9)
    # the cosine never moves (t stays at 1 of 4) and its factor compounds on every epoch
    stuck = ETA_MIN + (1 - ETA_MIN) * 0.5 * (1 + math.cos(math.pi / 4))
    assert [b / a for a, b in zip(epochs, epochs[1:])] == pytest.approx([stuck] * (len(epochs) - 1), rel=1e-9)
    assert epochs[-1] < ETA_MIN * BASE * 1e-6
    assert epochs != pytest.approx(_expected_epochs(), rel=1e-3)
