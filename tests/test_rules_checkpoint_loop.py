"""Tricky cases of the checkpoint, training-loop and schedule-arithmetic rules:
resume-without-scheduler-state, custom-scheduler-without-state-dict, zero-grad-misplaced,
amp-skipped-step-advances-scheduler, cuda-timing-without-sync, inverted-cosine-annealing,
warmup-never-reaches-peak."""

import textwrap

import pytest

from reviewer import registry
from reviewer.engine import lint_text
from reviewer.fixer import fix_text

from conftest import FIXTURES


def lines(name, source):
    rule = registry.find_rule(name)
    text = textwrap.dedent(source)
    return [f.line for f in lint_text("t.py", text, [rule]).findings if f.name == name]


def fixed(name, source):
    rule = registry.find_rule(name)
    outcome = fix_text("t.py", textwrap.dedent(source), [rule], unsafe=True)
    assert outcome.error is None
    return outcome.text


@pytest.mark.parametrize(
    "name",
    [
        "resume-without-scheduler-state",
        "custom-scheduler-without-state-dict",
        "zero-grad-misplaced",
        "amp-skipped-step-advances-scheduler",
        "cuda-timing-without-sync",
        "inverted-cosine-annealing",
        "warmup-never-reaches-peak",
    ],
)
def test_rules_are_registered_with_docs(name):
    rule = registry.find_rule(name)
    assert rule is not None
    doc = rule.documentation_markdown()
    for section in ("## What it does", "## Why it matters", "## Example", "## Fixed", "## Fix safety"):
        assert section in doc


def test_founding_scheduler_gets_none_of_these_rules():
    path = FIXTURES / "counter-reset" / "founding_scheduler.py"
    if not path.exists():
        pytest.skip("the founding fixture is not there")
    names = {
        "resume-without-scheduler-state", "zero-grad-misplaced",
        "amp-skipped-step-advances-scheduler", "cuda-timing-without-sync", "inverted-cosine-annealing",
        "warmup-never-reaches-peak",
    }
    rules = [registry.find_rule(n) for n in names]
    assert lint_text(str(path), path.read_text(), rules).findings == []


def test_founding_scheduler_cannot_be_checkpointed_although_its_counters_never_advance():
    path = FIXTURES / "counter-reset" / "founding_scheduler.py"
    if not path.exists():
        pytest.skip("the founding fixture is not there")
    rule = registry.find_rule("custom-scheduler-without-state-dict")
    findings = lint_text(str(path), path.read_text(), [rule]).findings
    assert [(f.line, f.column) for f in findings] == [(10, 7)]


# --- resume-without-scheduler-state ---


def test_resume_fix_one_line_dict():
    source = """\
        import torch
        from torch.optim.lr_scheduler import StepLR

        def main(model, path):
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            scheduler = StepLR(optimizer, 10)
            torch.save({'optimizer': optimizer.state_dict()}, path)
        """
    assert lines("resume-without-scheduler-state", source) == [7]
    assert fixed("resume-without-scheduler-state", source).splitlines()[6] == (
        "    torch.save({'optimizer': optimizer.state_dict(), 'scheduler': scheduler.state_dict()}, path)"
    )


def test_resume_fix_inserts_after_the_optimizer_in_a_multiline_dict():
    source = """\
        import torch

        def main(model, path):
            optimizer = torch.optim.Adam(model.parameters())
            sched = torch.optim.lr_scheduler.ExponentialLR(optimizer, 0.9)
            state = {
                "optimizer": optimizer.state_dict(),
                "model": model.state_dict()
            }
            torch.save(state, path)
        """
    assert lines("resume-without-scheduler-state", source) == [7]
    assert fixed("resume-without-scheduler-state", source).splitlines()[5:10] == [
        "    state = {",
        '        "optimizer": optimizer.state_dict(),',
        '        "scheduler": sched.state_dict(),',
        '        "model": model.state_dict()',
        "    }",
    ]


def test_resume_parameter_named_scheduler_is_not_bound():
    # the helper gets some `scheduler` argument: not bound by a constructor here
    source = """\
        import torch
        from torch.optim.lr_scheduler import StepLR

        optimizer = torch.optim.SGD([], lr=0.1)
        scheduler = StepLR(optimizer, 10)

        def save(optimizer, scheduler, path):
            torch.save({"optimizer": optimizer.state_dict()}, path)
        """
    assert lines("resume-without-scheduler-state", source) == []


def test_resume_module_level_script():
    source = """\
        import torch
        from torch.optim import lr_scheduler

        optimizer = torch.optim.SGD([], lr=0.1)
        scheduler = lr_scheduler.CosineAnnealingLR(optimizer, T_max=100)
        ckpt = torch.load("last.pt")
        optimizer.load_state_dict(ckpt["optimizer"])
        """
    assert lines("resume-without-scheduler-state", source) == [7]


def test_resume_two_schedulers_report_without_fix():
    source = """\
        import torch
        from torch.optim.lr_scheduler import StepLR, LinearLR

        def main(model, path):
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            warmup = LinearLR(optimizer, 0.1)
            decay = StepLR(optimizer, 10)
            torch.save({"optimizer": optimizer.state_dict()}, path)
        """
    assert lines("resume-without-scheduler-state", source) == [8]
    assert fixed("resume-without-scheduler-state", source) == textwrap.dedent(source)


# --- custom-scheduler-without-state-dict ---


def test_custom_scheduler_reported_on_the_class_name_line():
    source = """\
        @some_decorator
        class Poly:
            def __init__(self, optimizer):
                self.optimizer = optimizer
                self.n = 0

            def step(self):
                self.n += 1
                for g in self.optimizer.param_groups:
                    g["lr"] = 0.1 * (1 - self.n / 100) ** 0.9
        """
    assert lines("custom-scheduler-without-state-dict", source) == [2]


def test_custom_scheduler_inherits_state_dict_from_a_local_base():
    source = """\
        class Base:
            def state_dict(self):
                return dict(self.__dict__)

        class Poly(Base):
            def step(self):
                self.n += 1
                for g in self.optimizer.param_groups:
                    g["lr"] = 0.1 / self.n
        """
    assert lines("custom-scheduler-without-state-dict", source) == []


def test_trainer_adjusting_lr_is_not_a_scheduler():
    # the counter and the lr write are in different, non-stepping methods
    source = """\
        class Trainer:
            def train_epoch(self):
                self.global_step += 1

            def adjust_learning_rate(self, lr):
                for g in self.optimizer.param_groups:
                    g["lr"] = lr
        """
    assert lines("custom-scheduler-without-state-dict", source) == []


# --- zero-grad-misplaced ---


def test_zero_grad_missing_reports_the_step_once_per_loop():
    source = """\
        import torch

        def train(model, loader):
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            for x in loader:
                model(x).sum().backward()
                optimizer.step()
                optimizer.step()
        """
    assert lines("zero-grad-misplaced", source) == [7]


def test_zero_grad_optimizer_rebuilt_each_iteration_is_a_sweep():
    source = """\
        import torch

        def sweep(make_model, lrs, x):
            for lr in lrs:
                model = make_model()
                optimizer = torch.optim.SGD(model.parameters(), lr=lr)
                model(x).sum().backward()
                optimizer.step()
        """
    assert lines("zero-grad-misplaced", source) == []


def test_zero_grad_of_another_optimizer_between_is_fine():
    source = """\
        import torch

        def train(g, d, loader):
            opt_g = torch.optim.Adam(g.parameters())
            opt_d = torch.optim.Adam(d.parameters())
            for x in loader:
                opt_d.zero_grad()
                d(x).mean().backward()
                opt_g.zero_grad()
                opt_d.step()
                g(x).mean().backward()
                opt_g.step()
        """
    assert lines("zero-grad-misplaced", source) == []


def test_zero_grad_unbound_optimizer_is_not_judged():
    source = """\
        def train(model, optimizer, loader):
            for x in loader:
                model(x).sum().backward()
                optimizer.step()
        """
    assert lines("zero-grad-misplaced", source) == []


# --- amp-skipped-step-advances-scheduler ---


def test_amp_message_gives_the_get_scale_idiom():
    source = """\
        import torch
        from torch.optim.lr_scheduler import StepLR

        def train(model, loader):
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            sched = StepLR(optimizer, 100)
            scaler = torch.amp.GradScaler("cuda")
            for x in loader:
                optimizer.zero_grad()
                scaler.scale(model(x).sum()).backward()
                scaler.step(optimizer)
                scaler.update()
                sched.step()
        """
    rule = registry.find_rule("amp-skipped-step-advances-scheduler")
    [finding] = lint_text("t.py", textwrap.dedent(source), [rule]).findings
    assert finding.line == 13
    assert finding.severity.value == "info"
    assert "scale_before = scaler.get_scale(); scaler.update(); if scaler.get_scale() >= scale_before: sched.step()" in finding.message


def test_amp_scheduler_step_before_scaler_step_is_not_this_rule():
    source = """\
        import torch
        from torch.optim.lr_scheduler import StepLR

        def train(model, loader):
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            sched = StepLR(optimizer, 100)
            scaler = torch.cuda.amp.GradScaler()
            for x in loader:
                sched.step()
                scaler.scale(model(x).sum()).backward()
                scaler.step(optimizer)
                scaler.update()
        """
    assert lines("amp-skipped-step-advances-scheduler", source) == []


# --- cuda-timing-without-sync ---


def test_cuda_timing_no_fix_without_torch_import():
    source = """\
        import time

        def bench(model, x):
            t0 = time.time()
            y = model(x.cuda())
            return y, time.time() - t0
        """
    assert lines("cuda-timing-without-sync", source) == [6]
    assert fixed("cuda-timing-without-sync", source) == textwrap.dedent(source)


@pytest.mark.parametrize("copy, found", [
    ("x = x.to(device, non_blocking=True)", [8]),  # only a copy to the GPU is asynchronous
    ("x = x.to(device)", []),  # nothing says the device is a GPU
])
def test_cuda_timing_an_asynchronous_copy_shows_the_file_uses_the_gpu(copy, found):
    source = f"""\
        import time

        def train_step(net, x, opt):
            {copy}
            tic = time.perf_counter()
            net(x).sum().backward()
            opt.step()
            return time.perf_counter() - tic
        """
    assert "cuda" not in source
    assert lines("cuda-timing-without-sync", source) == found


@pytest.mark.parametrize("before, found", [
    ("torch.cuda.synchronize()", [8]),  # the author waits for the GPU first: what follows is GPU work
    ("print(fn)", []),  # a parameter called: nothing shows it runs on the GPU
])
def test_cuda_timing_a_synchronisation_before_the_first_reading_shows_gpu_work(before, found):
    source = f"""\
        import time
        import torch

        def bench(fn, *args):
            {before}
            start = time.perf_counter()
            fn(*args)
            return time.perf_counter() - start
        """
    assert lines("cuda-timing-without-sync", source) == found


def test_cuda_timing_whole_process_is_not_a_kernel_timing():
    source = """\
        import time
        import torch

        def export(model, device, f):
            t = time.time()
            img = torch.zeros(1, 3, 640, 640).to(device)
            torch.onnx.export(model, img, f)
            print("exported", f)
            check(f)
            simplify(f)
            print(time.time() - t)
        """
    assert lines("cuda-timing-without-sync", source) == []


def test_cuda_timing_fix_keeps_the_comment_above():
    source = """\
        import time
        import torch

        def bench(net, x):
            start = time.perf_counter()
            out = net(x.cuda())
            # done
            return out, time.perf_counter() - start
        """
    assert fixed("cuda-timing-without-sync", source) == textwrap.dedent("""\
        import time
        import torch

        def bench(net, x):
            start = time.perf_counter()
            out = net(x.cuda())
            # done
            if torch.cuda.is_available():
                torch.cuda.synchronize()
            return out, time.perf_counter() - start
        """)


# --- inverted-cosine-annealing ---


def test_cosine_one_cycle_direction_unknown():
    source = """\
        import math

        def one_cycle(y1=0.0, y2=1.0, steps=100):
            return lambda x: ((1 - math.cos(x * math.pi / steps)) / 2) * (y2 - y1) + y1
        """
    assert lines("inverted-cosine-annealing", source) == []


def test_cosine_fix_flips_the_sign_only():
    source = """\
        import math

        def lr_at(t, T, base_lr, eta_min):
            return eta_min + (base_lr - eta_min) * (1 - math.cos(math.pi * t / T)) / 2
        """
    assert lines("inverted-cosine-annealing", source) == [4]
    assert fixed("inverted-cosine-annealing", source).splitlines()[3] == (
        "    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * t / T)) / 2"
    )


def test_cosine_from_math_import_cos():
    source = """\
        from math import cos, pi

        def lr_at(t, T, lr):
            return lr * 0.5 * (1 - cos(pi * t / T))
        """
    assert lines("inverted-cosine-annealing", source) == [4]


def test_cosine_unhalved_or_unnamed_is_left_alone():
    source = """\
        import math

        def f(t, T, x):
            a = x * (1 - math.cos(math.pi * t / T))
            b = (1 - math.cos(math.pi * t / T)) / 2
            return a, b
        """
    assert lines("inverted-cosine-annealing", source) == []


# --- warmup-never-reaches-peak ---


def test_warmup_detectron_interpolation_is_fine():
    source = """\
        def factor(it, warmup_iters, warmup_factor):
            if it < warmup_iters:
                alpha = it / warmup_iters
                return warmup_factor * (1 - alpha) + alpha
            return 1.0
        """
    assert lines("warmup-never-reaches-peak", source) == []


def test_warmup_counter_aliased_after_increment():
    source = """\
        class W:
            def step(self):
                self.n += 1
                t = self.n
                if t < self.warmup_steps:
                    return t / self.warmup_steps
                return 1.0
        """
    assert lines("warmup-never-reaches-peak", source) == []


def test_warmup_early_return_counts_as_clamp():
    source = """\
        from torch.optim.lr_scheduler import LambdaLR

        def make(optimizer, warmup_steps):
            def f(step):
                if step >= warmup_steps:
                    return 1.0
                return step / warmup_steps
            return LambdaLR(optimizer, f)
        """
    assert lines("warmup-never-reaches-peak", source) == [7]
    assert fixed("warmup-never-reaches-peak", source) == textwrap.dedent(source)


def test_warmup_clamp_fix_text():
    source = """\
        from torch.optim.lr_scheduler import LambdaLR

        def make(optimizer, warmup_iters):
            return LambdaLR(optimizer, lr_lambda=lambda it: it / warmup_iters)
        """
    assert lines("warmup-never-reaches-peak", source) == [4]
    assert fixed("warmup-never-reaches-peak", source).splitlines()[3] == (
        "    return LambdaLR(optimizer, lr_lambda=lambda it: min(1.0, it / warmup_iters))"
    )


def test_warmup_cosine_argument_is_not_a_linear_factor():
    source = """\
        import math

        def f(t, warmup):
            if t < warmup:
                return 0.5 * (1 - math.cos(math.pi * t / warmup))
            return 1.0
        """
    assert lines("warmup-never-reaches-peak", source) == []


def test_warmup_sequential_lr_hands_over_so_no_overshoot_claim():
    source = """\
        import torch

        def make(optimizer, warmup_steps, max_steps):
            s1 = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: step / warmup_steps)
            s2 = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=max_steps - warmup_steps)
            return torch.optim.lr_scheduler.SequentialLR(optimizer, [s1, s2], milestones=[warmup_steps])
        """
    rule = registry.find_rule("warmup-never-reaches-peak")
    [finding] = lint_text("t.py", textwrap.dedent(source), [rule]).findings
    assert finding.line == 4
    assert "is 0 on the first step" in finding.message
    assert finding.fix is None


def test_warmup_counter_stepped_by_a_base_class_method():
    # joeynmt-style: the base class's step() stores step + 1, the subclass reads it
    source = """\
        class Base:
            def step(self, step):
                self._step = step + 1

        class Noam(Base):
            def rate(self):
                step = self._step
                if step < self.warmup:
                    return step * self.peak / self.warmup
                return self.peak
        """
    assert lines("warmup-never-reaches-peak", source) == []


def test_resume_scheduler_handed_to_a_helper_may_be_restored_there():
    source = """\
        import torch
        from torch.optim.lr_scheduler import StepLR

        def resume(model, path):
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            scheduler = StepLR(optimizer, 10)
            ckpt = torch.load(path)
            optimizer.load_state_dict(ckpt["optimizer"])
            restore_schedule(ckpt, scheduler)
        """
    assert lines("resume-without-scheduler-state", source) == []


def test_cuda_timing_helper_on_the_results_may_synchronise():
    # YOLOX demo: NMS post-processing (boolean masks) runs before the second reading
    source = """\
        import time
        import torch

        def infer(model, img):
            with torch.no_grad():
                t0 = time.time()
                outputs = model(img.cuda())
                outputs = postprocess(outputs, 80, 0.25)
                print(time.time() - t0)
            return outputs
        """
    assert lines("cuda-timing-without-sync", source) == []
