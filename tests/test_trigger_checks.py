"""The rules' text and structural pre-filters: coarse, and never narrower than the rule."""

import ast
import textwrap

import pytest

from reviewer.rules.python.triggers import mutable_default_signature
from reviewer.rules.training.triggers import forward_candidates, forward_structure, optimizer_step_loop


def test_optimizer_step_loop_looks_at_outermost_loops():
    assert optimizer_step_loop(ast.parse("for b in data:\n    for p in parts:\n        loss.backward()\n    opt.step()\n"))
    assert not optimizer_step_loop(ast.parse("loss.backward()\nfor b in data:\n    opt.step()\n"))


@pytest.mark.parametrize("source, possible", [
    ("model = build()\nmodel(x)\n", True),
    ("def run(model, x):\n    model(x)\n", True),
    ("model(x)\n", False),  # a name nothing here binds: the analysis cannot know it is a model
    ("_ = net.forward(x)\n", True),
    ("self.model = m\nself.model(x)[0]\n", True),
    ("self.model(x)[0]\n", False),
    ("parser.add_argument('--lr')\nlogger.info(x)\n", False),
    ("def predict(x):\n    return y\n", True),
    ("def warm_up(x):\n    return y\n", True),
    ("y = f(x)\n", False),
    ("def train(x):\n    return y\n", False),
])
def test_forward_candidates(source, possible):
    assert forward_candidates(textwrap.dedent(source)) is possible


@pytest.mark.parametrize("source, possible", [
    ("def bench(model, x):\n    model.eval()\n    y = model(x)\n", True),  # an inference-named function
    ("def step(model, x):\n    model.eval()\n    model(x)\n", True),  # discarded
    ("def step(model, x):\n    model.cuda()\n    model(x).mean()\n", True),  # a discarded chain
    ("def step(model, x):\n    model.cuda()\n    return model(x).mean()\n", False),  # a chain whose value is used
    ("def step(model, x):\n    model.cuda()\n    _ = model(x)[0].mean()\n", True),
    ("from torch import nn\ndef step(model: nn.Module, x):\n    model(x)\n", True),  # annotated
    ("import torch\ndef step(model, x):\n    model(x)\n\nstep(torch.nn.Linear(1, 1), 1)\n", True),  # its callers decide
    # nothing here can be a model: no name from a package models come from, no parameter
    # both called and given a module's method
    ("def step(model: Net, x):\n    model(x)\n", False),
    ("def step(model, x):\n    model(x)\n\nstep(net, 1)\n", False),
    ("def step(self, x):\n    self.net = n\n    self.net(x)\n", False),
    ("from .layers import Linear\ndef step(self, x):\n    self.net = Linear()\n    self.net(x)\n", False),
    ("def outer(m):\n    m.cuda()\n    run(m)\ndef run(f):\n    f(1)\n", True),  # handed to a function here
    ("def step(model, x):\n    model(x)\n", False),  # nothing says what the parameter holds
    ("def step(model, x):\n    y = f(model(x))\n", False),  # an argument: used
    ("def step(model, x):\n    model(x)\n    loss.backward()\n", False),  # the function trains
    ("def step(model, x):\n    lambda: model(x)\n", False),  # lambdas are left alone
    ("def step(x):\n    print(x)\n", False),  # a builtin
    ("def step(x):\n    helper(x)\n", False),  # `helper` is bound nowhere here
    ("class M:\n    net = make()\n    net(1)\n", False),  # a class body
    ("def step(self, x):\n    self.net(x)\n", False),  # `net` is never assigned
    ("import timm\ndef step(self, x):\n    self.net = timm.create_model('r')\n    self.net(x)\n", True),
    ("import timm\ndef step(self, x):\n    self.net = n\n    self.net(x)\n", False),  # nothing builds a model
    ("from torchvision import models\ndef step(self, x):\n    self.net = models.resnet18()\n    self.net(x)\n", True),
    # torch.nn imported, but nothing is built: `torch.nn.functional`'s own code
    ("from torch.nn import functional as F\ndef step(f, x):\n    f(x)\n", False),
    # an annotation makes a model only as a module class, which an alias can name
    ("from torch.nn import Module as M\ndef step(model: M, x):\n    model(x)\n", True),
    ("from torch import nn\nclass N(nn.Module):\n    pass\ndef apply(fn: Callable[[nn.Module], None], x):\n"
     "    fn(x)\n", False),
    # a protocol's method is never a stored model (`val.__class__(...)` in torch's proxy_tensor)
    ("from torch import nn\nclass N(nn.Module):\n    pass\ndef evaluate(v):\n    v.__class__ = N\n"
     "    v.__class__(v)\n", False),
    # called and given a state: a module, whatever built it; a function named load_state_dict is no evidence
    ("net = build()\nnet.load_state_dict(s)\ndef predict(x):\n    net(x)\n", True),
    ("net = build()\nload_state_dict(net, s)\ndef predict(x):\n    net(x)\n", False),
    ("opt = build()\nopt.load_state_dict(s)\ndef predict(x):\n    net(x)\n", False),
])
def test_forward_structure(source, possible):
    assert forward_structure(ast.parse(source)) is possible


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


@pytest.mark.parametrize("check, source, possible", [
    # words in comments and docstrings are no code
    ("scheduler_code", "'''Uses a scheduler.'''\n# the scheduler\nx = 1\n", False),
    ("scheduler_code", "from torch.optim.lr_scheduler import StepLR\n", True),
    ("scheduler_code", "import torch\ns = torch.optim.lr_scheduler.StepLR(o, 1)\n", True),
    ("scheduler_code", "def train(model, scheduler):\n    pass\n", True),  # a parameter's name
    ("scheduler_code", "cfg = {'name': 'scheduler'}\n", True),  # a string that is no docstring
    ("scheduler_step_code", "def f(scheduler):\n    scheduler.step()\n", True),
    ("scheduler_step_code", "def f(scheduler):\n    '''then step()'''\n", False),
    ("scheduler_state_code", "def f(scheduler):\n    save(scheduler.state_dict())\n", True),
    ("eval_in_training", "model.eval()\nloss.backward()\n", True),
    ("eval_in_training", "model.eval()\ntrain_step(model)\n", True),  # a helper that may train
    ("eval_in_training", "model.eval(x)\nloss.backward()\n", False),  # not nn.Module.eval()
    ("eval_in_training", "model.eval()\n# backward\n", False),
    ("cosine_and_pi", "from math import cos, pi\n", True),
    ("cosine_and_pi", "import math\ny = math.cos(3.14159 * t)\n", True),
    ("cosine_and_pi", "import math\ny = math.cos(t)  # pi\n", False),
    ("mutable_default", "def f(a=[]):\n    pass\n", True),
    ("mutable_default", "def f(*, a=collections.deque()):\n    pass\n", True),
    ("mutable_default", "def f(a=None, b=()):\n    pass\n", False),
    ("sampler_and_loader", "from torch.utils.data import DataLoader, DistributedSampler as S\n", True),
    ("sampler_and_loader", "'''DistributedSampler'''\nfrom torch.utils.data import DataLoader\n", False),
    ("loader_and_backward", "loader = DataLoader(d)\nloss.backward()\n", True),
    ("loader_and_backward", "loader = DataLoader(d)\n", False),
])
def test_structural_checks_read_the_code_not_its_comments(check, source, possible):
    from reviewer import triggers

    assert getattr(triggers, check)(ast.parse(source)) is possible


@pytest.mark.parametrize("text", ["lr_warmup = 5", "WARMUP = 5", "WarmUp(opt)", "wArM", "ſchedule", "no such word",
                                  "war m", "Kelvin \u212a"])
@pytest.mark.parametrize("pattern", ["(?i)warm", "(?i)schedul", "(?i)kelvin"])
def test_a_case_insensitive_word_is_found_wherever_re_finds_it(pattern, text):
    """The case-folded search of `(?i)word` (`triggers._searcher`) lets through every text that
    re's search matches: a trigger may let more through, never less."""
    import re

    from reviewer import triggers

    if re.search(pattern, text):
        assert triggers.matches(pattern, text)
    assert triggers.matches(pattern, text) == (pattern[4:] in text.casefold())
