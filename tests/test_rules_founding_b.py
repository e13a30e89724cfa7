"""Unit tests for mutable-default-argument (RV601), schedule-division-by-zero (RV104) and
inference-without-no-grad (RV501): exact lines, messages, fix texts and applicability."""

import textwrap

import pytest

from reviewer import registry
from reviewer.engine import lint_text
from reviewer.fixer import fix_text
from reviewer.rule import Applicability, Severity

from conftest import FIXTURES

MUTABLE = registry.find_rule("mutable-default-argument")
DIVISION = registry.find_rule("schedule-division-by-zero")
NO_GRAD = registry.find_rule("inference-without-no-grad")
MINE = [MUTABLE, DIVISION, NO_GRAD]


def lint(text, rules=MINE, path="train.py"):
    return lint_text(path, textwrap.dedent(text), rules).findings


def lines(text, rules=MINE, path="train.py"):
    return [(f.line, f.name) for f in lint(text, rules, path)]


def fixed(text, rules=MINE, path="train.py", unsafe=True):
    outcome = fix_text(path, textwrap.dedent(text), rules, unsafe=unsafe)
    assert outcome.error is None
    return outcome.text


def test_codes_names_and_aliases():
    assert (MUTABLE.code, MUTABLE.aliases) == ("RV601", ("B006",))
    assert DIVISION.code == "RV104" and DIVISION.severity is Severity.ERROR
    assert NO_GRAD.code == "RV501" and NO_GRAD.severity is Severity.WARNING
    assert registry.for_suppression("B006").load() is MUTABLE
    for rule in MINE:
        doc = rule.documentation_markdown()
        for section in ("## What it does", "## Why it matters", "## Example", "## Fixed", "## Fix safety"):
            assert section in doc, (rule.name, section)


def test_founding_fixture_gets_exactly_these_findings():
    path = FIXTURES / "counter-reset" / "founding_scheduler.py"
    found = [(f.line, f.name) for f in lint_text(str(path), path.read_text(), MINE).findings]
    assert found == [
        (13, "mutable-default-argument"),
        (39, "schedule-division-by-zero"),
        (43, "schedule-division-by-zero"),
    ]


# -- mutable-default-argument -------------------------------------------------------------


def test_mutated_default_message_and_sorted_fix():
    source = '''
    class Restarts:
        def __init__(self, optimizer, steps=[], scale=0.8):
            """Sorted milestones."""
            steps.sort(key=abs, reverse=True)
            self.steps = steps
    '''
    (finding,) = lint(source)
    assert finding.line == 3
    assert "changed in place (`steps.sort(key=abs, reverse=True)`)" in finding.message
    assert "the caller's list is changed" in finding.message
    assert "shared between calls" in finding.message
    assert finding.fix.applicability is Applicability.UNSAFE
    assert fixed(source) == textwrap.dedent('''
    class Restarts:
        def __init__(self, optimizer, steps=None, scale=0.8):
            """Sorted milestones."""
            if steps is None:
                steps = []
            steps = sorted(steps, key=abs, reverse=True)
            self.steps = steps
    ''')


def test_fixed_scheduler_no_longer_changes_the_callers_list():
    source = fixed('''
    class Restarts:
        def __init__(self, steps=[]):
            steps.sort()
            self.steps = steps
    ''')
    namespace = {}
    exec(source, namespace)
    mine = [30, 10, 20]
    assert namespace["Restarts"](mine).steps == [10, 20, 30]
    assert mine == [30, 10, 20]
    first, second = namespace["Restarts"](), namespace["Restarts"]()
    assert first.steps is not second.steps


@pytest.mark.parametrize("body, mutation", [
    ("    held = acc\n    held.append(x)\n", "held.append(x)"),
    ("    held = acc\n    held[x] = 1\n", "held[x] = ..."),
    ("    a = b = acc\n    b.extend([x])\n", "b.extend([x])"),
])
def test_a_default_changed_through_a_local_alias_is_an_error(body, mutation):
    (finding,) = lint(f"def f(x, acc=[]):\n{body}    return acc\n")
    assert finding.severity is Severity.ERROR
    assert f"changed in place (`{mutation}`)" in finding.message


def test_a_local_rebound_before_the_change_is_no_alias():
    (finding,) = lint("def f(x, acc=[]):\n    held = acc\n    held = list(held)\n    held.append(x)\n    return held\n")
    assert finding.severity is Severity.INFO


def test_unmutated_default_message():
    (finding,) = lint("def f(x, acc={}):\n    return acc.get(x)\n")
    assert finding.message == "Mutable default `acc={}`: the object is created once and shared between calls."


def test_one_line_body_is_split():
    assert fixed("def f(x=[]): return x  # keep\n") == (
        "def f(x=None):  # keep\n    if x is None:\n        x = []\n    return x\n"
    )


def test_body_indentation_is_kept():
    source = "def f(a, b={}):\n  b[a] = 1\n  return b\n"
    assert fixed(source) == "def f(a, b=None):\n  if b is None:\n    b = {}\n  b[a] = 1\n  return b\n"


def test_two_defaults_keep_parameter_order():
    assert fixed("def f(a=[], b=set()):\n    return a, b\n") == (
        "def f(a=None, b=None):\n    if a is None:\n        a = []\n    if b is None:\n        b = set()\n"
        "    return a, b\n"
    )


def test_calls_resolved_through_imports():
    source = '''
    import collections as c
    from collections import deque as ring, Counter

    def f(a=c.defaultdict(int), b=ring(), d=Counter(), e=dict(), g=tuple()):
        return a, b, d, e, g
    '''
    assert [f.column for f in lint(source)] == [9, 31, 41, 54]


def test_skips_lambdas_read_only_annotations_and_noqa():
    source = '''
    from typing import Sequence
    f = lambda x=[]: x
    def g(x: Sequence[int] = [], y: "tuple" = ()):
        return x
    def h(x=[]):  # noqa: B006
        return x
    '''
    assert lines(source) == []


def test_read_only_annotation_still_reported_when_mutated():
    assert lines("from typing import Sequence\ndef g(x: Sequence[int] = []):\n    x.append(1)\n") == [
        (2, "mutable-default-argument")
    ]


def test_no_fix_when_default_names_a_parameter_or_class_attribute():
    source = '''
    n = 3
    def f(n=2, x=list(range(n))):
        return x
    class C:
        KEYS = ["a"]
        def keys(self, keys=list(KEYS)):
            return keys
    '''
    findings = lint(source)
    assert [f.line for f in findings] == [3, 7]
    assert all(f.fix is None for f in findings)


def test_sort_in_nested_function_is_not_rewritten():
    source = "def f(x=[]):\n    def inner():\n        x.sort()\n    return inner\n"
    assert fixed(source) == (
        "def f(x=None):\n    if x is None:\n        x = []\n    def inner():\n        x.sort()\n    return inner\n"
    )


# -- schedule-division-by-zero -------------------------------------------------------------


def test_yolov7_lambda_is_unsafe_max_fix():
    source = '''
    from torch.optim import lr_scheduler
    lf = lambda x: (1 - x / (epochs - 1)) * (1.0 - hyp["lrf"]) + hyp["lrf"]
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)
    '''
    (finding,) = lint(source)
    assert finding.line == 3 and finding.code == "RV104"
    assert finding.message.startswith("`/ (epochs - 1)` divides by zero when `epochs - 1` is 0")
    assert finding.fix.applicability is Applicability.UNSAFE
    assert "x / max(1, epochs - 1))" in fixed(source)


def test_nanogpt_clamp_replaces_a_crash_by_a_value_so_it_is_unsafe():
    source = '''
    def get_lr(it):
        if it < warmup_iters:
            return learning_rate * (it + 1) / (warmup_iters + 1)
        if it > lr_decay_iters:
            return min_lr
        return (it - warmup_iters) / (lr_decay_iters - warmup_iters)
    '''
    (finding,) = lint(source)
    assert finding.line == 7
    assert finding.fix.applicability is Applicability.UNSAFE
    assert "computed as if it were 1 instead of raising" in finding.fix.message
    assert "/ max(1, lr_decay_iters - warmup_iters)" not in fixed(source, unsafe=False)
    assert "/ max(1, lr_decay_iters - warmup_iters)" in fixed(source, unsafe=True)


@pytest.mark.parametrize(
    "body",
    [
        "if it >= lr_decay_iters:\n        return min_lr\n    return (it - warmup_iters) / (lr_decay_iters - warmup_iters)",
        "return it / max(1, lr_decay_iters - warmup_iters)",
        "assert lr_decay_iters > warmup_iters\n    return it / (lr_decay_iters - warmup_iters)",
        "if lr_decay_iters - warmup_iters > 0:\n        return it / (lr_decay_iters - warmup_iters)\n    return 1.0",
        "if warmup_iters == 0:\n        return 1.0\n    return it / warmup_iters",
        "return it / warmup_iters if warmup_iters > 0 else 1.0",
        "return warmup_iters and it / warmup_iters",
        "try:\n        return it / warmup_iters\n    except ZeroDivisionError:\n        return 1.0",
        "return it / (warmup_iters + 1)",
        "return it / lr_decay_iters",
    ],
)
def test_guards_exclude_zero(body):
    source = f"def get_lr(it):\n    if it < warmup_iters:\n        return (it + 1) / (warmup_iters + 1)\n    {body}\n"
    assert lines(source) == []


def test_only_in_schedule_code():
    assert lines("def average(total, epochs):\n    return total / (epochs - 1)\n") == []
    assert lines("def lr_at(it):\n    return it / (epochs - 1)\n") == [(2, "schedule-division-by-zero")]


def test_every_clamp_is_unsafe_whatever_the_unit():
    source = '''
    def adjust(optimizer, it, cfg):
        for group in optimizer.param_groups:
            group["lr"] = it / cfg.warmup_epochs + it / cfg.warmup_iters
    '''
    findings = lint(source)
    assert [(f.column, f.fix.applicability) for f in findings] == [
        (28, Applicability.UNSAFE),
        (53, Applicability.UNSAFE),
    ]


def test_attribute_zero_needs_a_conditional_update_only():
    template = '''
    class Cosine:
        def __init__(self, optimizer):
            self.gap = 0
        def step(self, t):
            {update}
            self.lr = t / self.gap
    '''
    assert lines(template.format(update="if t > 3: self.gap = t - 3")) == [(7, "schedule-division-by-zero")]
    assert lines(template.format(update="self.gap = t + 1")) == []
    assert lines(template.format(update="pass")) == []


@pytest.mark.parametrize("advance", ["self.it += 1", "self.it = self.it + 1"])
@pytest.mark.parametrize("restore", ["", "def load_state_dict(self, state):\n            self.it = state['it']"])
@pytest.mark.parametrize("test, reported", [("<=", False), ("<", True)])
def test_a_schedulers_counter_reaches_its_horizon_but_does_not_pass_it(test, reported, restore, advance):
    # stepped once more after the last step, `it` can equal max_iter: after `it <= warmup`
    # the decay needs max_iter > warmup, after `it < warmup` it can divide by zero; a value
    # restored from a checkpoint is one the counter held
    source = f'''
    class Poly:
        def __init__(self, optimizer, warmup, max_iter):
            self.optimizer, self.warmup, self.max_iter, self.it = optimizer, warmup, max_iter, 0
        def get_lr(self):
            if self.it {test} self.warmup:
                return (self.it + 1) / (self.warmup + 1)
            return 1 - (self.it - self.warmup) / (self.max_iter - self.warmup)
        def step(self):
            for group in self.optimizer.param_groups:
                group["lr"] = self.get_lr()
            {advance}
        {restore}
    '''
    assert lines(source) == ([(8, "schedule-division-by-zero")] if reported else [])


@pytest.mark.parametrize("advance, reported", [("advance(group)", False), ("touch(group)", True)])
def test_an_entry_advanced_by_a_helper_is_advanced(advance, reported):
    source = f'''
    def advance(group):
        group["step"] += 1

    def touch(group):
        group["seen"] = True

    class WarmedUp:
        def __init__(self, param_groups, warmup=0):
            self.param_groups, self.warmup = param_groups, warmup

        def step(self):
            for group in self.param_groups:
                if "step" not in group:
                    group["step"] = 0
                {advance}
            for group in self.param_groups:
                if group["step"] > self.warmup:
                    continue
                group["lr"] = group["base"] * group["step"] / self.warmup
    '''
    assert lines(source, [DIVISION]) == ([(20, "schedule-division-by-zero")] if reported else [])


def test_modulo_and_augmented_division():
    source = '''
    class CyclicWarmup:
        def get_lr(self):
            phase = self.last_epoch % (self.total_steps - self.warmup_steps)
            phase /= self.warmup_steps
            return phase
    '''
    assert lines(source) == [(4, "schedule-division-by-zero"), (5, "schedule-division-by-zero")]


def test_float_wrapper_is_kept_by_the_fix():
    source = "def lr_lambda(e):\n    return e / float(total_epochs - warmup_epochs)\n"
    assert fixed(source) == "def lr_lambda(e):\n    return e / float(max(1, total_epochs - warmup_epochs))\n"


# -- inference-without-no-grad -------------------------------------------------------------

DETECT = '''
import torch
from models.experimental import attempt_load

def detect(weights, dataset):
    model = attempt_load(weights)
    for img in dataset:
        for i in range(3):
            model(img)[0]
        with torch.no_grad():
            pred = model(img)[0]
'''


def test_yolov7_warmup_is_reported_and_wrapped():
    (finding,) = lint(DETECT)
    assert finding.line == 9 and finding.code == "RV501"
    assert finding.message.startswith("Forward pass whose result is discarded `model(img)` in `detect()`")
    assert finding.fix.applicability is Applicability.SAFE
    assert fixed(DETECT, unsafe=False) == DETECT.replace(
        "        for i in range(3):\n            model(img)[0]\n",
        "        with torch.no_grad():\n            for i in range(3):\n                model(img)[0]\n",
    )


def test_silent_when_every_caller_wraps_in_no_grad():
    guarded = DETECT + "\nif __name__ == '__main__':\n    with torch.no_grad():\n        detect('w.pt', [])\n"
    assert lines(guarded) == []
    unguarded = guarded + "\ndetect('w.pt', [])\n"
    assert lines(unguarded) == [(9, "inference-without-no-grad")]
    through = DETECT + "\ndef main():\n    detect('w.pt', [])\n\n@torch.inference_mode()\ndef entry():\n    main()\n"
    assert lines(through) == []


def test_training_and_decorated_functions_are_silent():
    source = '''
    import torch
    import torch.nn as nn
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(2, 2)
    model = Net()
    def train(x):
        model(x)
        model(x).sum().backward()
    @torch.no_grad()
    def evaluate(x):
        return model(x)
    def predict(x):
        with torch.inference_mode(False):
            return model(x)
    '''
    assert lines(source) == [(17, "inference-without-no-grad")]


def test_a_module_without_parameters_records_no_graph():
    # the annotated transformer's LabelSmoothing: a loss held in a module, called for its side effect
    source = '''
    import torch.nn as nn
    class LabelSmoothing(nn.Module):
        def __init__(self, smoothing):
            super().__init__()
            self.criterion = nn.KLDivLoss(reduction="sum")
            self.confidence = 1.0 - smoothing
            self.true_dist = None
    crit = LabelSmoothing(0.1)
    def predict(x, y):
        crit(x, y)
    '''
    assert lines(source) == []


def test_parameter_named_model_needs_eval():
    with_eval = "import torch\ndef evaluate(model, x):\n    model.eval()\n    return model(x)\n"
    without = "import torch\ndef evaluate(model, x):\n    return model(x)\n"
    assert lines(with_eval) == [(4, "inference-without-no-grad")]
    assert lines(without) == []


def test_fix_uses_the_files_torch_name_or_adds_the_import():
    aliased = "import torch as th\nimport torchvision\nnet = torchvision.models.resnet18()\nnet(th.zeros(1))\n"
    assert fixed(aliased).endswith("with th.no_grad():\n    net(th.zeros(1))\n")
    bare = '"""Doc."""\nimport timm\nimport numpy as np\n\nnet = timm.create_model("resnet18")\nnet(x)\n'
    assert fixed(bare) == (
        '"""Doc."""\nimport timm\nimport numpy as np\nimport torch\n\nnet = timm.create_model("resnet18")\n'
        "with torch.no_grad():\n    net(x)\n"
    )


def test_generator_statement_gets_no_fix_and_test_files_are_skipped():
    source = "import torch\nimport timm\ndef predict(xs):\n    net = timm.create_model('r')\n    for x in xs:\n        yield net(x)\n"
    (finding,) = lint(source)
    assert finding.fix is None
    assert lint(source, path="tests/test_predict.py") == []


def test_returning_inference_in_a_training_file_is_unsafe():
    source = '''
    import torch
    import timm
    net = timm.create_model("r")
    def predict(x):
        return net(x)
    def train(x):
        predict(x).sum().backward()
    '''
    (finding,) = lint(source)
    assert finding.fix.applicability is Applicability.UNSAFE


def test_sort_after_another_use_is_not_rewritten():
    source = "def f(steps=[]):\n    keep = steps\n    steps.sort()\n    return keep\n"
    assert fixed(source) == (
        "def f(steps=None):\n    if steps is None:\n        steps = []\n    keep = steps\n    steps.sort()\n    return keep\n"
    )


def test_else_of_warmup_guard_counts_only_where_the_schedule_is_stepped_past_the_end():
    body = '''
        if epoch < warmup_epochs:
            return epoch / warmup_epochs
        return 0.5 * (1 + math.cos(math.pi * (epoch - warmup_epochs) / (epochs - warmup_epochs)))
    '''
    function = "def adjust_learning_rate(epoch):" + textwrap.indent(textwrap.dedent(body), "    ")
    assert lines(function) == []  # called by the loop with epoch < epochs
    lambda_rule = "def rule(epoch):" + textwrap.indent(textwrap.dedent(body), "    ")
    lambda_rule += "scheduler = LambdaLR(optimizer, lr_lambda=rule)\n"
    assert lines(lambda_rule) == [(4, "schedule-division-by-zero")]  # LambdaLR evaluates rule(epochs)


def test_methods_of_modules_are_left_to_their_callers():
    source = '''
    import torch
    import torch.nn as nn
    class Detector(nn.Module):
        def detect(self, x):
            head = nn.Linear(4, 2)
            return head(x)
    '''
    assert lines(source) == []


def test_validation_elsewhere_in_the_file_counts_as_a_guard():
    source = '''
    def check(warmup_period):
        if warmup_period <= 0:
            raise ValueError("warmup_period must be positive")
    class LinearWarmup:
        def warmup_factor(self, step, warmup_period):
            return min(1.0, (step + 1) / warmup_period)
    '''
    assert lines(source) == []
    assert lines(source.replace("<= 0", "is None")) == [(7, "schedule-division-by-zero")]


def test_parameter_bound_by_every_caller():
    source = '''
    import time
    import torch
    from torch import nn

    def benchmark(net, images):
        for _ in range(3):
            net(images)
        start = time.time()
        net(images)
        return time.time() - start

    def train():
        model = nn.Sequential(nn.Flatten(), nn.Linear(4, 2))
        loss = model(torch.zeros(1, 4)).sum()
        loss.backward()
        print(benchmark(model, torch.zeros(1, 4)))
    '''
    findings = lint(source)
    assert [(f.line, f.fix.applicability) for f in findings] == [(8, Applicability.SAFE), (10, Applicability.SAFE)]
    other_caller = textwrap.dedent(source) + "\nbenchmark(lambda x: x, None)\n"
    assert lines(other_caller) == []


def test_default_call_with_keywords_is_moved_whole():
    assert fixed("def run(randomness=dict(seed=None)):\n    return randomness\n") == (
        "def run(randomness=None):\n    if randomness is None:\n        randomness = dict(seed=None)\n"
        "    return randomness\n"
    )


@pytest.mark.parametrize("path, reported", [
    ("train.py", True), ("src/validation.py", True), ("tests/helpers.py", False), ("pkg/testing/run.py", False),
    ("test_eval.py", False), ("eval_test.py", False), ("conftest.py", False),
])
def test_test_files_are_no_runs_for_the_mode_grad_and_order_rules(path, reported):
    """eval-without-eval-mode, inference-without-no-grad and train-loader-not-shuffled leave
    tests alone: a test compares modes, runs models and fixes its data's order on purpose."""
    text = (FIXTURES / "eval-without-eval-mode" / "training_mode.py").read_text()
    text += "\n\ndef detect(images):\n    net = nn.Linear(8, 2)\n    net(images)\n"
    text += (FIXTURES / "train-loader-not-shuffled" / "same_order.py").read_text()
    rules = [registry.find_rule(name) for name in
             ("eval-without-eval-mode", "inference-without-no-grad", "train-loader-not-shuffled")]
    codes = {f.code for f in lint_text(path, text, rules).findings}
    assert codes == ({"RV509", "RV501", "RV702"} if reported else set())
