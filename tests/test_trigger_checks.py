"""The rules' structural triggers decide like the rules do, on CPython's AST."""

import ast
import textwrap

import pytest

from reviewer.rules.trigger_checks import (
    division_by_warmup_name,
    model_forward_structure,
    one_minus_call,
    optimizer_step_loop,
    schedule_divisor,
)


def structure(check, source):
    return check(ast.parse(textwrap.dedent(source)))


@pytest.mark.parametrize("source, possible", [
    # a method's parameter is never bound by callers: torch's own `module.apply(fn)`
    ("class Module:\n    def apply(self, fn):\n        fn(self)\n", False),
    # a loop variable is not a binding the rule follows, and nothing else assigns `hook`
    ("def run(hooks):\n    for hook in hooks:\n        hook()\n", False),
    # a parameter of a function that a plain call passes something to
    ("def warm(net):\n    net(x)\n\nwarm(build())\n", True),
    # ... but not when nothing calls the function by name
    ("def warm(net):\n    net(x)\n", False),
    # named like a model: the rule accepts it after `.eval()`
    ("class Runner:\n    def go(self, model):\n        model.eval()\n        model(x)\n", True),
    # reassigned in the function
    ("class Runner:\n    def go(self, net):\n        net = Net()\n        net(x)\n", True),
    # module-level variable called from a function
    ("model = Net()\n\ndef warm():\n    model(x)[0]\n", True),
    # a call whose result is used, outside an inference function
    ("model = Net()\n\ndef train():\n    out = model(x)\n", False),
    # any call in an inference-named function
    ("model = Net()\n\ndef predict(x):\n    return model(x)\n", True),
    # a name assigned only something that is not a call: the rule never takes it for a model
    ("def wrap(f):\n    old = f.cache_clear\n    def clear():\n        old()\n", False),
    ("def wrap(f):\n    old = build(f)\n    def clear():\n        old()\n", True),
    ("net = A() if big else B()\n\ndef warm():\n    net(x)\n", True),
    # the innermost scope that assigns the name decides, as in the rule
    ("model = Net()\n\ndef warm():\n    model = registry.model\n    model(x)\n", False),
    # `global` and `nonlocal` send the rule to module level, past an enclosing assignment
    ("model = Net()\n\ndef outer():\n    model = 3\n    def predict(x):\n        global model\n        model(x)\n", True),
    ("model = Net()\n\ndef outer():\n    model = 3\n    def predict(x):\n        nonlocal model\n        model(x)\n", True),
    # a `def` under an `if` in a class body is not a method: its callers bind the parameter
    ("class Runner:\n    if True:\n        def predict(net, x):\n            net(x)\n    predict(Net(), 1)\n", True),
    # class-body assignments are not the function's
    ("class A:\n    net = Net()\n    def warm(self):\n        net(x)\n", False),
])
def test_model_forward_structure(source, possible):
    assert structure(model_forward_structure, source) is possible


def test_optimizer_step_loop_looks_at_outermost_loops():
    assert structure(optimizer_step_loop, "for b in data:\n    for p in parts:\n        loss.backward()\n    opt.step()\n")
    assert not structure(optimizer_step_loop, "loss.backward()\nfor b in data:\n    opt.step()\n")


@pytest.mark.parametrize("source, possible", [
    ("f = (1 - math.cos(math.pi * t / T)) / 2", True),
    ("f = 0.5 * (1. - cos(pi * t / T))", True),
    ("f = 1 - c(t)", True),  # `from math import cos as c`: only libcst's names know
    ("f = (1 + math.cos(math.pi * t / T)) / 2", False),  # the correct factor
    ("f = 1 - math.exp(-t) * math.cos(math.pi * t)", False),  # a product, not a call
    ("f = 2 - cos(pi * t)", False),
    ("f = 1 - cos(pi * t, out)", False),
])
def test_one_minus_call(source, possible):
    assert structure(one_minus_call, source) is possible


@pytest.mark.parametrize("source, possible", [
    ("f = it / warmup_iters", True),
    ("f = it / float(max(1, self.warmup_steps))", True),
    ("f = lr * step / cfg.WARMUP", True),
    ("f = it // warmup_iters", False),  # the rule looks at true division only
    ("f = warmup_iters / it", False),
    ("f = elapsed / runs", False),
])
def test_division_by_warmup_name(source, possible):
    assert structure(division_by_warmup_name, source) is possible


@pytest.mark.parametrize("source, possible", [
    ("lf = lambda x: 1 - x / (epochs - 1)", True),
    ("f = t / float(args.max_iter - warmup - 1)", True),
    ("f = t % hyp['total_steps']", False),  # a bare total is not a difference
    ("f = (t - w) / (total_steps - w)", True),
    ("f = t / int(warmup_iters)", True),
    ("x /= cfg['warmup_epochs']", True),
    ("f = step / cfg['warmup_steps',]", True),  # one subscript element for libcst too
    ("f = t / (size - 1)", False),  # not led by a schedule length
    ("f = t / self.gap", False),
    ("class S:\n    def __init__(self):\n        self.gap = 0\n    def f(self, t):\n        return t / self.gap\n", True),
    ("class S:\n    def __init__(self):\n        self.gap = 1\n    def f(self, t):\n        return t / self.gap\n", False),
])
def test_schedule_divisor(source, possible):
    assert structure(schedule_divisor, source) is possible

