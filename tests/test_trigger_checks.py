"""The rules' structural triggers decide like the rules do, on CPython's AST."""

import ast
import textwrap

import pytest

from reviewer.rules.trigger_checks import model_forward_structure, optimizer_step_loop


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
    # class-body assignments are not the function's
    ("class A:\n    net = Net()\n    def warm(self):\n        net(x)\n", False),
])
def test_model_forward_structure(source, possible):
    assert structure(model_forward_structure, source) is possible


def test_optimizer_step_loop_looks_at_outermost_loops():
    assert structure(optimizer_step_loop, "for b in data:\n    for p in parts:\n        loss.backward()\n    opt.step()\n")
    assert not structure(optimizer_step_loop, "loss.backward()\nfor b in data:\n    opt.step()\n")
