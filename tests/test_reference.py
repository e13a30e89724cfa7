"""The reference schedulers (reviewer.reference) and their closed-form oracles."""

import io
import math
import subprocess
import sys
import warnings

import pytest

from reviewer.reference import oracles


# ---------------------------------------------------------------- import hygiene (no torch)

def test_importing_the_package_does_not_import_torch():
    code = (
        "import sys, reviewer.reference, reviewer.reference.oracles, reviewer.reference.verify; "
        "print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_dir_lists_the_lazy_names():
    import reviewer.reference as reference

    assert {"CosineAnnealingWarmbootingLR", "LinearWarmup", "WarmupCosineLR"} <= set(dir(reference))


def test_unknown_attribute_raises_attribute_error():
    import reviewer.reference as reference

    with pytest.raises(AttributeError, match="^module 'reviewer.reference' has no attribute 'NoSuchScheduler'$"):
        reference.NoSuchScheduler  # noqa: B018


# ---------------------------------------------------------------- oracles (pure Python)

def test_linear_warmup_factor_reaches_one_exactly():
    assert oracles.linear_warmup_factor(0, 10) == 0.0
    assert oracles.linear_warmup_factor(5, 10, 0.5) == 0.75
    assert oracles.linear_warmup_factor(10, 10, 0.3) == 1.0
    assert oracles.linear_warmup_factor(99, 10) == 1.0
    assert oracles.linear_warmup_factor(3, 0) == 1.0


def test_warmup_cosine_oracle_landmarks():
    f = lambda t: oracles.warmup_cosine_lr(t, 0.1, 10, 110, eta_min=0.001, warmup_start_factor=0.1)  # noqa: E731
    assert f(0) == pytest.approx(0.01)
    assert f(10) == 0.1  # the peak, exactly, at the end of the warm-up
    assert f(60) == pytest.approx(0.001 + 0.099 / 2)
    assert f(110) == pytest.approx(0.001)
    assert f(500) == f(110)  # clamped past the end, never climbing back


def test_cosine_annealing_warmbooting_oracle_landmarks():
    def f(t, **kw):
        args = dict(total_steps=100, warmup_steps=10, steps=[40, 70], eta_min=0.1, step_scale=0.5, epoch_scale=0.0)
        args.update(kw)
        return oracles.cosine_annealing_warmbooting_lr(t, 1.0, **args)

    assert f(0) == 0.0
    assert f(5) == 0.5
    assert f(10) == 1.0
    assert f(40) == 0.5  # restart: peak scaled by step_scale
    assert f(70) == 0.25
    assert f(25) == pytest.approx(0.1 + 0.9 / 2)  # middle of segment 0
    assert f(100) == pytest.approx(0.1)  # the floor is eta_min * base in every segment
    assert f(1000) == f(100)
    # epoch_scale lengthens the non-final periods: the LR stays above the floor before a restart
    assert f(39, epoch_scale=5.0) > f(39)
    # a segment whose scaled peak would fall under the floor stays at the floor
    assert f(90, steps=[20, 30, 40, 50, 60, 70, 80], step_scale=0.1) == pytest.approx(0.1)


def test_restart_points_are_sorted_deduplicated_and_in_range():
    assert oracles.restart_points([70, 5, 40, 40, 100, 120, 10], 10, 100) == [40, 70]


def test_relative_error():
    assert oracles.relative_error(0.0, 0.0) == 0.0
    assert oracles.relative_error(1.0, 1.0 + 1e-12) == pytest.approx(1e-12, rel=1e-3)
    assert oracles.relative_error(float("nan"), 1.0) == math.inf


# ---------------------------------------------------------------- schedulers (torch)

torch = pytest.importorskip("torch")
from torch.optim import lr_scheduler  # noqa: E402

from reviewer.reference import CosineAnnealingWarmbootingLR, LinearWarmup, WarmupCosineLR  # noqa: E402

BASES = (0.1, 0.01)


def make_optimizer(bases=BASES, tensor=False):
    groups = [{"params": [torch.nn.Parameter(torch.zeros(2))], "lr": torch.tensor(b) if tensor else b} for b in bases]
    return torch.optim.SGD(groups, lr=bases[0])


def trajectory(opt, sched, n):
    out = []
    for _ in range(n):
        out.append([float(g["lr"]) for g in opt.param_groups])
        opt.step()
        sched.step()
    return out


CASES = {
    "cawb-steps": (
        lambda o: CosineAnnealingWarmbootingLR(o, total_steps=100, warmup_steps=10, steps=[70, 40, 40, 5, 300],
                                               eta_min=0.05, step_scale=0.8, epoch_scale=3, warmup_start_factor=0.2),
        lambda t, b: oracles.cosine_annealing_warmbooting_lr(t, b, 100, 10, [40, 70], 0.05, 0.8, 3.0, 0.2),
    ),
    "cawb-epochs": (
        lambda o: CosineAnnealingWarmbootingLR(o, epochs=10, steps_per_epoch=7, warmup_epochs=1, steps=[4, 7],
                                               epoch_scale=0.5),
        lambda t, b: oracles.cosine_annealing_warmbooting_lr(t, b, 70, 7, [28, 49], 0.05, 0.8, 3.5, 0.0),
    ),
    "cawb-floor": (  # 0.5 ** 3 < 0.2: from the fourth segment on the peak is the floor
        lambda o: CosineAnnealingWarmbootingLR(o, total_steps=60, warmup_steps=5, steps=[15, 25, 35, 45],
                                               eta_min=0.2, step_scale=0.5, epoch_scale=2),
        lambda t, b: oracles.cosine_annealing_warmbooting_lr(t, b, 60, 5, [15, 25, 35, 45], 0.2, 0.5, 2.0),
    ),
    "cawb-no-warmup": (
        lambda o: CosineAnnealingWarmbootingLR(o, total_steps=50, eta_min=0.0, epoch_scale=0),
        lambda t, b: oracles.cosine_annealing_warmbooting_lr(t, b, 50, 0, [], 0.0, 0.8, 0.0),
    ),
    "warmup-cosine": (
        lambda o: WarmupCosineLR(o, 8, 90, eta_min=1e-3, warmup_start_factor=1 / 9),
        lambda t, b: oracles.warmup_cosine_lr(t, b, 8, 90, 1e-3, 1 / 9),
    ),
    "linear-warmup": (
        lambda o: LinearWarmup(o, 12, 0.3),
        lambda t, b: oracles.linear_warmup_lr(t, b, 12, 0.3),
    ),
    "linear-warmup-cosine": (
        lambda o: LinearWarmup(o, 12, after=lr_scheduler.CosineAnnealingLR(o, 88, eta_min=1e-4)),
        lambda t, b: oracles.linear_warmup_lr(t, b, 12, after=lambda u: oracles.cosine_annealing_lr(u, b, 88, 1e-4)),
    ),
    "linear-warmup-step": (
        lambda o: LinearWarmup(o, 5, after=lr_scheduler.StepLR(o, 10, gamma=0.5)),
        lambda t, b: oracles.linear_warmup_lr(t, b, 5, after=lambda u: b * 0.5 ** (u // 10)),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_the_oracle(name):
    build, oracle = CASES[name]
    opt = make_optimizer()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the ordinary loop raises no warning
        got = trajectory(opt, build(opt), 120)
    for t, values in enumerate(got):
        for value, base in zip(values, BASES):
            assert oracles.relative_error(value, oracle(t, base)) <= 1e-12, (t, value, oracle(t, base))


def test_warmup_reaches_exactly_the_base_lr():
    for build in (lambda o: WarmupCosineLR(o, 7, 50, warmup_start_factor=0.3),
                  lambda o: LinearWarmup(o, 7, 0.3),
                  lambda o: CosineAnnealingWarmbootingLR(o, total_steps=50, warmup_steps=7, warmup_start_factor=0.3)):
        opt = make_optimizer()
        got = trajectory(opt, build(opt), 9)
        assert got[7] == list(BASES)
        assert got[6][0] < BASES[0]


def test_cawb_clamps_past_the_end():
    opt = make_optimizer()
    got = trajectory(opt, CosineAnnealingWarmbootingLR(opt, total_steps=20, steps=[10]), 40)
    assert all(values == got[20] for values in got[20:])
    assert got[20][0] == pytest.approx(0.1 * 0.05)


def test_cawb_steps_are_copied_sorted_and_filtered():
    steps = [30, 10, 10, 0, 5, 200]
    opt = make_optimizer()
    sched = CosineAnnealingWarmbootingLR(opt, total_steps=100, warmup_steps=5, steps=steps)
    assert steps == [30, 10, 10, 0, 5, 200]  # the caller's list is never touched
    assert sched.restarts == (10, 30)
    other = CosineAnnealingWarmbootingLR(make_optimizer(), total_steps=100)
    assert other.restarts == ()


def test_cawb_converts_epochs():
    opt = make_optimizer()
    sched = CosineAnnealingWarmbootingLR(opt, epochs=12, steps_per_epoch=25, warmup_epochs=2, steps=[6, 9],
                                         epoch_scale=1)
    assert (sched.total_steps, sched.warmup_steps, sched.restarts, sched.extension_steps) == (300, 50, (150, 225), 25)
    mixed = CosineAnnealingWarmbootingLR(make_optimizer(), total_steps=300, warmup_epochs=2, steps_per_epoch=25)
    assert mixed.warmup_steps == 50


@pytest.mark.parametrize("kwargs, message", [
    (dict(total_steps=0), "total_steps must be positive"),
    (dict(total_steps=-5), "total_steps must be positive"),
    (dict(total_steps=10, warmup_steps=10), "must be shorter than training"),
    (dict(total_steps=10, warmup_steps=-1), "warmup_steps must be >= 0"),
    (dict(total_steps=10, eta_min=-0.1), r"eta_min must be in \[0, 1\]"),
    (dict(total_steps=10, eta_min=1.5), r"eta_min must be in \[0, 1\]"),
    (dict(total_steps=10, eta_min=float("nan")), "eta_min must be finite"),
    (dict(total_steps=10, step_scale=0), "step_scale must be positive"),
    (dict(total_steps=10, epoch_scale=-1), "epoch_scale must be >= 0"),
    (dict(total_steps=10, warmup_start_factor=1.5), r"warmup_start_factor must be in \[0, 1\]"),
    (dict(), "exactly one of total_steps"),
    (dict(total_steps=10, epochs=2, steps_per_epoch=5), "exactly one of total_steps"),
    (dict(epochs=10), "^epochs needs steps_per_epoch to convert epochs to optimizer steps$"),
    (dict(total_steps=10, epoch_scale=float("inf")), "^epoch_scale must be finite, got inf$"),
    (dict(total_steps=10, warmup_epochs=1), "warmup_epochs needs steps_per_epoch"),
    (dict(total_steps=10, warmup_steps=1, warmup_epochs=1, steps_per_epoch=2),
     "^give at most one of warmup_steps or warmup_epochs$"),
    (dict(epochs=0, steps_per_epoch=4), "^epochs must be positive, got 0$"),
    (dict(epochs=10, steps_per_epoch=0), "steps_per_epoch must be positive"),
    (dict(epochs=2.5, steps_per_epoch=3), r"epochs must come to a whole number of optimizer steps, got 2\.5 x "
                                          r"steps_per_epoch=3 = 7\.5$"),
    (dict(total_steps=7.5), r"total_steps must come to a whole number of optimizer steps, got 7\.5 = 7\.5$"),
    (dict(epochs=10, steps_per_epoch=3, steps=[2.5]), "not a whole number of optimizer steps"),
])
def test_cawb_argument_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        CosineAnnealingWarmbootingLR(make_optimizer(), **kwargs)


def test_a_run_of_one_step_is_a_run():
    one = CosineAnnealingWarmbootingLR(make_optimizer(), epochs=1, steps_per_epoch=1)  # the smallest horizon in epochs
    assert one.total_steps == 1


def test_argument_type_errors():
    with pytest.raises(TypeError):
        CosineAnnealingWarmbootingLR(make_optimizer(), total_steps="10")
    with pytest.raises(TypeError, match="^epoch_scale must be a number, got str '1'$"):
        CosineAnnealingWarmbootingLR(make_optimizer(), total_steps=10, epoch_scale="1")
    with pytest.raises(TypeError, match="^steps must be a sequence of restart points, not a string$"):
        CosineAnnealingWarmbootingLR(make_optimizer(), total_steps=10, steps="5")
    with pytest.raises(TypeError, match="^object is not an Optimizer$"):
        WarmupCosineLR(object(), 1, 10)


def test_a_resumed_optimizer_s_initial_lr_is_the_base_the_arguments_are_checked_against():
    optimizer = make_optimizer()
    for group in optimizer.param_groups:  # resumed half-way: the LR has decayed below eta_min
        group["initial_lr"], group["lr"] = group["lr"], group["lr"] * 1e-3
    scheduler = WarmupCosineLR(optimizer, 1, 10, eta_min=0.005, last_epoch=4)
    assert scheduler.base_lrs == [0.1, 0.01]


def test_warmup_cosine_and_linear_warmup_argument_errors():
    with pytest.raises(ValueError, match="smaller than total_steps"):
        WarmupCosineLR(make_optimizer(), 10, 10)
    with pytest.raises(ValueError, match="total_steps must be positive"):
        WarmupCosineLR(make_optimizer(), 0, 0)
    with pytest.raises(ValueError, match="above the base LR"):
        WarmupCosineLR(make_optimizer(), 1, 10, eta_min=0.05)  # group 1 has 0.01
    with pytest.raises(ValueError, match="eta_min must be >= 0"):
        WarmupCosineLR(make_optimizer(), 1, 10, eta_min=-1e-3)
    with pytest.raises(ValueError, match=r"^warmup_start_factor must be in \[0, 1\], got 2.0$"):
        WarmupCosineLR(make_optimizer(), 1, 10, warmup_start_factor=2)
    with pytest.raises(ValueError, match="warmup_steps must be positive"):
        LinearWarmup(make_optimizer(), 0)
    opt, other = make_optimizer(), make_optimizer()
    with pytest.raises(ValueError, match="same optimizer"):
        LinearWarmup(opt, 5, after=lr_scheduler.StepLR(other, 3))
    inner = lr_scheduler.StepLR(opt, 3)
    opt.step()
    inner.step()
    with pytest.raises(ValueError, match="freshly constructed"):
        LinearWarmup(opt, 5, after=inner)
    with pytest.raises(ValueError, match="ReduceLROnPlateau"):
        LinearWarmup(opt, 5, after=lr_scheduler.ReduceLROnPlateau(opt))


def _roundtrip(obj):
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    buffer.seek(0)
    return torch.load(buffer, weights_only=True)


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("order", ["optimizer-first", "scheduler-first"])
def test_resume_is_exact(name, order):
    build, _ = CASES[name]
    opt = make_optimizer()
    full = trajectory(opt, build(opt), 110)
    for k in (3, 12, 45, 100):
        opt = make_optimizer()
        sched = build(opt)
        head = trajectory(opt, sched, k)
        saved = _roundtrip({"optimizer": opt.state_dict(), "scheduler": sched.state_dict()})
        fresh_opt = make_optimizer()
        fresh = build(fresh_opt)
        if order == "optimizer-first":
            fresh_opt.load_state_dict(saved["optimizer"])
            fresh.load_state_dict(saved["scheduler"])
        else:
            fresh.load_state_dict(saved["scheduler"])
            fresh_opt.load_state_dict(saved["optimizer"])
        assert fresh.last_epoch == k
        assert head + trajectory(fresh_opt, fresh, 110 - k) == full, k


def test_state_dict_leaves_out_the_optimizer():
    opt = make_optimizer()
    sched = LinearWarmup(opt, 3, after=lr_scheduler.CosineAnnealingLR(opt, 10))
    state = sched.state_dict()
    assert "optimizer" not in state and "_base_cache" not in state
    assert isinstance(state["after"], dict) and "optimizer" not in state["after"]
    plain = LinearWarmup(make_optimizer(), 3)
    with pytest.raises(ValueError, match="wrap an `after`"):
        plain.load_state_dict(state)


@pytest.mark.parametrize("name", sorted(CASES))
def test_tensor_lrs_are_updated_in_place(name):
    build, oracle = CASES[name]
    opt = make_optimizer(tensor=True)
    tensors = [g["lr"] for g in opt.param_groups]
    sched = build(opt)
    for t in range(60):
        for group, tensor, base in zip(opt.param_groups, tensors, BASES):
            assert group["lr"] is tensor
            assert float(tensor) == pytest.approx(oracle(t, base), rel=1e-6, abs=1e-12)
        opt.step()
        sched.step()
    assert all(isinstance(v, float) for v in sched.get_last_lr())


@pytest.mark.parametrize("name, steps", [
    ("cawb-steps", (50, 7, 99, 0)),
    ("linear-warmup-step", (3, 27, 40, 6)),  # into and out of the wrapped `after` scheduler
])
def test_step_with_epoch_jumps_exactly(name, steps):
    build, oracle = CASES[name]
    opt = make_optimizer()
    sched = build(opt)
    for t in steps:
        opt.step()
        sched.step(t)
        assert [g["lr"] for g in opt.param_groups] == pytest.approx([oracle(t, b) for b in BASES], rel=1e-12)
        assert sched.last_epoch == t


def test_linear_warmup_composes_through_sequential_lr():
    opt = make_optimizer()
    sched = lr_scheduler.SequentialLR(
        opt, [LinearWarmup(opt, 10, 0.1), lr_scheduler.CosineAnnealingLR(opt, 90, eta_min=1e-4)], milestones=[10])
    got = trajectory(opt, sched, 100)
    for t, values in enumerate(got):
        expected = [oracles.linear_warmup_lr(t, b, 10, 0.1, after=lambda u, b=b: oracles.cosine_annealing_lr(
            u, b, 90, 1e-4)) for b in BASES]
        assert values == pytest.approx(expected, rel=1e-12)


def test_an_after_scheduler_with_no_closed_form_takes_over_from_the_peak():
    """MultiplicativeLR multiplies whatever the groups hold: at the hand-over step the groups hold
    the peak, so its first factor applies to the base LRs, not to the warm-up's last value."""
    opt = make_optimizer()
    sched = LinearWarmup(opt, 4, after=lr_scheduler.MultiplicativeLR(opt, lambda e: 0.5))
    got = trajectory(opt, sched, 7)
    assert got == [pytest.approx([b * f for b in BASES], rel=1e-12) for f in (0.0, 0.25, 0.5, 0.75, 1.0, 0.5, 0.25)]


def test_only_the_epoch_deprecation_is_silenced_at_the_hand_over():
    class Noisy(lr_scheduler.StepLR):
        def step(self, epoch=None):
            if epoch is not None:  # only where LinearWarmup jumps it to an epoch
                warnings.warn("from the after-scheduler", RuntimeWarning)
            super().step(epoch)

    opt = make_optimizer()
    sched = LinearWarmup(opt, 2, after=Noisy(opt, 3))
    opt.step()
    with pytest.warns(RuntimeWarning, match="^from the after-scheduler$"):
        sched.step(4)  # a jump past the warm-up: the after-scheduler is stepped to its epoch 2


def test_stepping_before_the_optimizer_warns_like_pytorch():
    opt = make_optimizer()
    sched = WarmupCosineLR(opt, 2, 10)
    # PyTorch's own words lead, so that filters written for its warning apply to this one
    with pytest.warns(UserWarning, match="^Detected call of `lr_scheduler.step\\(\\)` before `optimizer.step\\(\\)`: the "
                                         "first value of the learning rate schedule is skipped. Call "
                                         "`optimizer.step\\(\\)` first.$") as record:
        sched.step()
    assert record[0].filename == __file__  # pointed at the caller's line, as PyTorch points its own


def test_wrong_eta_min_names_itself():
    with pytest.raises(TypeError, match="^eta_min must be a number, got str '0'$"):
        WarmupCosineLR(make_optimizer(), 2, 10, eta_min="0")


def test_is_a_real_lr_scheduler():
    opt = make_optimizer()
    for sched in (CosineAnnealingWarmbootingLR(opt, total_steps=10), WarmupCosineLR(opt, 1, 10), LinearWarmup(opt, 2)):
        assert isinstance(sched, lr_scheduler.LRScheduler)
        assert sched.get_last_lr() == sched.get_lr()  # reviewer: ignore[get-lr-instead-of-get-last-lr]


def test_closed_form_lr_is_the_oracle_at_the_current_step():
    build, oracle = CASES["cawb-steps"]
    opt = make_optimizer()
    sched = build(opt)
    for _ in range(45):
        opt.step()
        sched.step()
    assert sched._get_closed_form_lr() == pytest.approx([oracle(45, b) for b in BASES], rel=1e-12)


def test_an_optimizer_step_replaced_after_construction_warns_like_pytorch():
    opt = make_optimizer()
    sched = WarmupCosineLR(opt, 2, 10)
    opt.step = lambda: None
    with pytest.warns(UserWarning, match="has been overridden after learning rate scheduler initialization"):
        sched.step()


def test_a_param_group_added_after_construction_is_an_error():
    opt = make_optimizer()
    sched = WarmupCosineLR(opt, 2, 10)
    opt.add_param_group({"params": [torch.nn.Parameter(torch.zeros(1))], "lr": 0.5})
    opt.step()
    with pytest.raises(ValueError, match="WarmupCosineLR: 2 learning rates for 3 param groups"):
        sched.step()



@pytest.mark.parametrize("build", [lambda o: WarmupCosineLR(o, 2, 10), lambda o: LinearWarmup(o, 2),
                                   lambda o: CosineAnnealingWarmbootingLR(o, total_steps=10, warmup_steps=2)])
def test_a_state_whose_base_lrs_changed_in_place_is_read_afresh(build):
    opt = make_optimizer()
    sched = build(opt)
    opt.step()
    sched.step()  # t = 1: half-way through the warm-up
    before = opt.param_groups[0]["lr"]
    state = sched.state_dict()
    state["base_lrs"][0] *= 5  # the very list the scheduler holds
    sched.load_state_dict(state)
    assert opt.param_groups[0]["lr"] == pytest.approx(5 * before, rel=1e-12)


def test_the_oracles_module_exports_every_oracle():
    public = {name for name, value in vars(oracles).items()
              if callable(value) and not name.startswith("_") and getattr(value, "__module__", "") == oracles.__name__}
    assert sorted(oracles.__all__) == sorted(public)


def test_the_warmboot_oracle_and_its_scheduler_share_their_defaults():
    import inspect

    oracle = inspect.signature(oracles.cosine_annealing_warmbooting_lr).parameters
    scheduler = inspect.signature(CosineAnnealingWarmbootingLR.__init__).parameters
    shared = ("eta_min", "step_scale", "warmup_start_factor")  # epoch_scale: epochs there, optimizer steps here
    assert [oracle[name].default for name in shared] == [scheduler[name].default for name in shared]


def test_the_public_names_are_the_schedulers():
    from reviewer.reference import schedulers

    assert sorted(schedulers.__all__) == ["CosineAnnealingWarmbootingLR", "LinearWarmup", "WarmupCosineLR"]
    assert all(isinstance(getattr(schedulers, name), type) for name in schedulers.__all__)


def test_a_saved_state_holds_no_cache_and_no_optimizer():
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
    scheduler = WarmupCosineLR(optimizer, 2, 10)
    for _ in range(3):
        optimizer.step()
        scheduler.step()
    scheduler.get_last_lr()
    assert "_base_cache" in scheduler.__dict__  # the cache exists, and is left out
    state = scheduler.state_dict()
    assert {"warmup_steps", "total_steps", "eta_min", "warmup_start_factor", "last_epoch"} <= set(state)
    assert [key for key in state if "cache" in key.lower() or key == "optimizer"] == []


def test_after_must_step_the_same_optimizer():
    first = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
    other = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
    with pytest.raises(ValueError, match="^after must be a scheduler of the same optimizer$"):
        LinearWarmup(first, 2, after=lr_scheduler.StepLR(other, 3))


def test_the_warmup_cosine_oracle_anneals_to_zero_by_default():
    assert oracles.warmup_cosine_lr(10, 0.1, 2, 10) == 0.0
    assert oracles.warmup_cosine_lr(10, 0.1, 2, 10, eta_min=1e-4) == 1e-4


def test_the_warm_boot_oracle_s_defaults_are_the_scheduler_s():
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    sched = CosineAnnealingWarmbootingLR(opt, total_steps=40)
    got = []
    for t in range(45):
        got.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    assert got == pytest.approx([oracles.cosine_annealing_warmbooting_lr(t, 0.1, 40) for t in range(45)], rel=1e-12)
    assert got[0] == pytest.approx(0.1)  # no warm-up unless asked


def test_a_restart_point_that_is_no_number_is_named_by_its_place():
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    with pytest.raises(TypeError, match=r"^steps\[1\] must be a number, got str 'x'$"):
        CosineAnnealingWarmbootingLR(opt, total_steps=10, steps=[2, "x"])
