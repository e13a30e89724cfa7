"""The rules' text and structural pre-filters: coarse, and never narrower than the rule."""

import ast
import textwrap

import pytest

from reviewer.rules.python.triggers import mutable_default_signature
from reviewer.rules.training.triggers import forward_candidates, optimizer_step_loop


def test_optimizer_step_loop_looks_at_outermost_loops():
    assert optimizer_step_loop(ast.parse("for b in data:\n    for p in parts:\n        loss.backward()\n    opt.step()\n"))
    assert not optimizer_step_loop(ast.parse("loss.backward()\nfor b in data:\n    opt.step()\n"))


@pytest.mark.parametrize("source, possible", [
    ("model(x)\n", True),
    ("_ = net.forward(x)\n", True),
    ("self.model(x)[0]\n", True),
    ("def predict(x):\n    return y\n", True),
    ("def warm_up(x):\n    return y\n", True),
    ("y = f(x)\n", False),
    ("def train(x):\n    return y\n", False),
])
def test_forward_candidates(source, possible):
    assert forward_candidates(textwrap.dedent(source)) is possible


@pytest.mark.parametrize("source, possible", [
    ("def f(a=[]):\n    pass\n", True),
    ("def f(a=dict()):\n    pass\n", True),
    ("def f(a=(\n        [])):\n    pass\n", True),
    ("from collections import deque as dq\ndef f(a=dq()):\n    pass\n", True),
    ("def f(a=None, b=()):\n    pass\n", False),
    ("x = []\n", False),
])
def test_mutable_default_signature(source, possible):
    assert mutable_default_signature(source) is possible
