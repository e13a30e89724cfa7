"""Triggers, exactly (tests/mutation.py's trigger targets): each part of a pattern lets
through a file its rule flags, the trigger machinery and the structural and text checks
answer as written; and the get-lr rule's protocol exemption."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from reliability import cli
from reviewer import triggers
from reviewer.engine import _suspicious, lint_text
from reviewer.registry import select
from reviewer.rules.python.triggers import mutable_default_signature
from reviewer.rules.training.triggers import MODEL_EVIDENCE, forward_candidates, forward_structure, optimizer_step_loop
from reviewer.triggers import SCHEDULE_CODE, AllOf, AnyOf, Check, all_of, any_of, matches
from reviewer.vocabulary import MODULE_METHODS, inference_name

SCHEDULE_RULES = select(["RV104", "RV106"])


def test_a_warm_up_named_in_capitals_is_found(project):
    """The warm-up factor that never stops growing, its length a setting in capitals."""
    (project / "good.py").write_text(
        "import torch\n"
        "from torch.optim.lr_scheduler import LambdaLR\n"
        "\n"
        "opt = torch.optim.SGD([], lr=0.1)\n"
        "sched = LambdaLR(opt, lambda s: s / max(1, cfg.WARMUP))\n"
    )
    result = cli("check", "--no-cache", "--output-format", "concise", "good.py")
    assert result.exit_code == 1
    assert result.output.startswith("good.py:5:33: RV106 `s / max(1, cfg.WARMUP)` keeps growing after `cfg.WARMUP` steps")


@pytest.mark.parametrize("name, part", [
    ("warmup_factor", "warm_?[uU]p"), ("WarmUpFactor", "Warm_?[uU]p"), ("WARMUP_FACTOR", "WARM_?UP"),
    ("anneal_factor", "anneal"), ("AnnealFactor", "Anneal"), ("ANNEAL_FACTOR", "ANNEAL"),
    ("one_cycle_factor", "one_?[cC]ycle"), ("onecycleFactor", "one_?[cC]ycle"),
    ("OneCycleFactor", "One_?[cC]ycle"), ("One_cycleFactor", "One_?[cC]ycle"),
    ("ONE_CYCLE_FACTOR", "ONE_?CYCLE"), ("ONECYCLE_FACTOR", "ONE_?CYCLE"),
    ("schedule_factor", "schedul"), ("ScheduleFactor", "Schedul"), ("SCHEDULE_FACTOR", "SCHEDUL"),
    ("lambda_factor", "lambda_"), ("factor_lambda", "_lambda\\b"), ("LR_FACTOR", "LR(?:\\b|_|s\\b)"),
    ("warm_up_factor", "warm_?[uU]p"), ("warmUp_factor", "warm_?[uU]p"), ("Warm_up_factor", "Warm_?[uU]p"),
    ("WARM_UP_FACTOR", "WARM_?UP"),
])
def test_each_part_of_the_schedule_trigger_lets_its_file_through(name, part):
    """Every file below is flagged (a division by a warm-up length that may be 0, in a
    function named like a schedule), and only one part of SCHEDULE_CODE matches it: a
    narrower part would hide the finding."""
    text = f"def {name}(step):\n    return step / W_STEPS\n"
    assert [p for p in SCHEDULE_CODE if matches(p, text)] == [part]
    assert [f.code for f in lint_text("t.py", text, SCHEDULE_RULES).findings] == ["RV104"]


@pytest.mark.parametrize("name", ["lr_factor", "lrs_factor", "learning_rate_factor"])
def test_the_learning_rate_words_let_their_file_through(name):
    text = f"def {name}(step):\n    return step / W_STEPS\n"
    assert [f.code for f in lint_text("t.py", text, SCHEDULE_RULES).findings] == ["RV104"]


def test_get_lr_in_the_scheduler_protocol_s_own_methods_is_no_finding():
    """get-lr-instead-of-get-last-lr exempts torch's `get_lr` and `_get_closed_form_lr`."""
    text = (
        "import torch\n"
        "\n"
        "opt = torch.optim.SGD([], lr=0.1)\n"
        "sched = torch.optim.lr_scheduler.StepLR(opt, 10)\n"
        "\n"
        "def _get_closed_form_lr():\n"
        "    return sched.get_lr()\n"
        "\n"
        "def get_lr():\n"
        "    return sched.get_lr()\n"
        "\n"
        "def log():\n"
        "    return sched.get_lr()\n"
    )
    assert [(f.code, f.line) for f in lint_text("t.py", text, select(["RV203"])).findings] == [("RV203", 13)]


def _odd(text):
    return len(text) % 2 == 1


def test_check_calls_its_function_and_is_named_by_it():
    check = Check(_odd)
    assert check.name == "test_mutation_triggers:_odd" and check.function is _odd
    assert check("a") is True and check("ab") is False
    assert Check(_odd) == check and hash(Check(_odd)) == hash(check) and check != "test_mutation_triggers:_odd"
    assert repr(check) == "Check('test_mutation_triggers:_odd')"
    named = Check.named("reviewer.triggers:scheduler_code")
    assert named.function is triggers.scheduler_code and named.name == "reviewer.triggers:scheduler_code"


def test_all_of_and_any_of_of_the_same_parts_differ():
    assert all_of("a", "b") == all_of("a", "b") and not all_of("a", "b") != all_of("a", "b")
    assert all_of("a", "b") != any_of("a", "b") and not all_of("a", "b") == any_of("a", "b")
    assert all_of("a", "b") != ("a", "b")
    assert hash(all_of("a", "b")) == hash(all_of("a", "b"))
    assert len({all_of("a", "b"), any_of("a", "b"), all_of("a", "b")}) == 2


@pytest.mark.parametrize("trigger, text, expected", [
    ("b+", "abbc", True), ("x", "abc", False),
    (all_of("a", "c"), "abc", True), (all_of("a", "x"), "abc", False),
    (any_of("x", "c"), "abc", True), (any_of("x", "y"), "abc", False),
    (all_of("a", any_of("x", all_of("b", "c"))), "abc", True),
    (Check(_odd), "abc", True), (Check(_odd), "ab", False),
])
def test_matches_and_triggered(trigger, text, expected):
    assert triggers.matches(trigger, text) is expected
    assert triggers.triggered(trigger, text) is expected


def test_patterns_are_every_regex_in_order():
    trigger = all_of("a", any_of("b", Check(_odd), all_of("c")), "d")
    assert list(triggers.patterns(trigger)) == ["a", "b", "c", "d"]
    assert list(triggers.patterns("x")) == ["x"] and list(triggers.patterns(Check(_odd))) == []


def test_triggers_round_trip_through_plain_data():
    trigger = all_of("a", any_of("b", Check(_odd)), "c")
    data = triggers.to_data(trigger)
    assert data == ["all", "a", ["any", "b", ["check", "test_mutation_triggers:_odd"]], "c"]
    back = triggers.from_data(data)
    assert back == trigger and type(back) is AllOf and type(back[1]) is AnyOf
    assert triggers.to_data(None) is None and triggers.from_data(None) is None
    assert triggers.to_data("x") == "x" and triggers.from_data("x") == "x"


def test_nodes_walks_the_tree_once_in_order():
    tree = ast.parse("def f(a, *, k=1):\n    return a + g(k=a)\nimport os.path as p, sys\nfrom m import n\n"
                     "async def h(): pass\nclass C: pass\n")
    flat = triggers.nodes(tree)
    assert triggers.nodes(tree) is flat
    assert flat.order[0] is tree and len(flat.order) == len(set(map(id, flat.order)))
    assert [type(n).__name__ for n in flat.of(ast.Return, ast.FunctionDef)] == ["Return", "FunctionDef"]
    function = flat.of(ast.FunctionDef)[0]
    under = flat.under(function)
    assert under[0] is function and all(flat.parent[id(n)] in under for n in under[1:])
    assert ast.Import not in {type(n) for n in under} and len(under) < len(flat.order)
    assert flat.parent[id(function)] is tree
    assert not flat.of(ast.Load, ast.Add)  # shared singletons are left out
    assert flat.identifiers == ["a", "g", "a", "a", "k", "k", "f", "h", "C", "os.path", "p", "sys", "n", "m"]
    docstring = ast.parse('"""doc"""\nx = "word"\n')
    assert triggers.code_words(docstring) == ["x", "word"] and triggers.identifiers(docstring) == ["x"]
    assert triggers.nodes(docstring).lines_of_words == "x\nword"


EVERY_FORM = """
import a.b as c
from . import d
global_name = 1
@deco(x=1)
async def f(p: int = 2, *args: str, q=[], **kw) -> "r":
    global global_name
    async with m() as (u, v):
        async for i, j in aiter():
            yield {**kw, 'k': [x async for x in y if x], 1: {s for s in ()}, None: (lambda z=1: z)(i)}
    await g(*args, key=not a < b <= c, other=a if b else -c)
    w = (n := 3) + f"{u!r:>{v}}" + b"x"[1:2:3]
    del w
    try:
        raise E from None
    except (E, F) as err:
        pass
    else:
        assert u, "m"
    finally:
        nonlocal_ = ...
    match u:
        case [1, *rest] | {"k": v, **more} if rest:
            pass
        case Point(x=0, y=_) as pt:
            pass
class K(B, metaclass=M):
    attr: int = 1
    while True:
        break
"""


def _reference_walk(tree):
    """The pre-order of `ast.iter_child_nodes`, without contexts and operators, and each
    node's parent."""
    shared = (ast.expr_context, ast.operator, ast.unaryop, ast.boolop, ast.cmpop)
    order, parents = [], {}

    def visit(node):
        order.append(node)
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, shared):
                parents[id(child)] = node
                visit(child)

    visit(tree)
    return order, parents


def test_nodes_is_the_reference_walk_on_every_form_of_python():
    tree = ast.parse(EVERY_FORM)
    flat = triggers.Nodes(tree)
    order, parents = _reference_walk(tree)
    assert flat.order == order and flat.parent == parents
    assert {type(n) for n in order} >= {ast.alias, ast.arg, ast.keyword, ast.comprehension, ast.match_case,
                                        ast.MatchClass, ast.MatchMapping, ast.ExceptHandler, ast.FormattedValue}
    for node in order:  # each node's subtree is exactly it and its descendants
        assert flat.under(node) == _reference_walk(node)[0]
    for fixture in sorted((Path(__file__).parent.parent / "fixtures").rglob("*.py")):
        if "syntax-error" in fixture.parts:  # no tree to walk
            continue
        tree = ast.parse(fixture.read_text(encoding="utf-8"))
        assert (triggers.Nodes(tree).order, triggers.Nodes(tree).parent) == _reference_walk(tree), fixture


@pytest.mark.parametrize("check, source, possible", [
    ("scheduler_code", "s = SWALR(o)\n", True), ("scheduler_code", "x = 1\n", False),
    ("scheduler_step_code", "def f(scheduler):\n    scheduler.steps()\n", False),
    ("scheduler_step_code", "def f(o):\n    o.step()\n", False),
    ("scheduler_state_code", "def f(model):\n    save(model.state_dict())\n", False),
    ("scheduler_state_code", "def f(scheduler):\n    save(scheduler.state)\n", False),
    ("scheduler_state_code", "def f(scheduler):\n    save(scheduler.load_state_dict)\n", True),
    ("eval_in_training", "model.eval(mode=1)\nloss.backward()\n", False),
    ("eval_in_training", "eval()\nloss.backward()\n", False),
    ("eval_in_training", "model.eval()\nopt.step()\n", True),
    ("eval_in_training", "model.train()\nloss.backward()\n", False),
    ("cosine_and_pi", "from math import pi\n", False), ("cosine_and_pi", "y = cos(3.15)\n", False),
    ("cosine_and_pi", "y = cos(3.14)\n", True), ("cosine_and_pi", "y = cos(3.1499)\n", True),
    ("cosine_and_pi", "y = cos(3.13)\n", False), ("cosine_and_pi", "y = cos(314)\n", False),
    ("mutable_default", "async def f(a={}):\n    pass\n", True),
    ("mutable_default", "def f(a=[x for x in y]):\n    pass\n", True),
    ("mutable_default", "def f(a={x: 1 for x in y}):\n    pass\n", True),
    ("mutable_default", "def f(a={x for x in y}):\n    pass\n", True),
    ("mutable_default", "def f(a={1}):\n    pass\n", True),
    ("mutable_default", "def f(*, a=1):\n    pass\n", False),
    ("mutable_default", "x = []\n", False),
    ("sampler_and_loader", "from torch.utils.data import DistributedSampler\n", False),
    ("sampler_and_loader", "from torch.utils.data import DataLoader\n", False),
    ("loader_and_backward", "loss.backward()\n", False),
])
def test_structural_checks_exactly(check, source, possible):
    assert getattr(triggers, check)(ast.parse(source)) is possible


@pytest.mark.parametrize("source, possible", [
    ("lr = 0.1\n", True), ("self.base_lrs = b\n", True), ("x = learning_rate\n", True),
    ("def f(lr0):\n    pass\n", True), ("g = o.param_groups\n", True), ("class S(LRScheduler):\n    pass\n", True),
    ("import torch.optim.lr_scheduler\n", False),  # an import's module is no name here
    ("x = torch.optim.lr_scheduler\n", True), ("k = 'lr'\n", True), ("flr = 1\n", True), ("x = 1\n", False),
    ("class S:\n    def step(self):\n        return self.base * 0.5\n", True),
    ("class S:\n    def __call__(self, n):\n        return self.base * n\n", True),
    ("class S:\n    def _get_closed_form_lr(self):\n        return self.base * 2\n", True),
    ("class S:\n    def step_update(self, n):\n        self.v += n\n        return self.v\n", True),
    ("class S:\n    def step_batch(self):\n        return self.base * 2\n", True),
    ("class S:\n    def get_last_lr(self):\n        return 1\n", False),  # a def's name is no word here
    ("class S:\n    def step(self):\n        return self.base\n", False),  # no arithmetic
    ("class S:\n    def step(self):\n        self.base * 2\n", False),  # returns nothing
    ("class S:\n    def step(self):\n        x = self.base * 2\n        return\n", False),
    ("class S:\n    def step(self, a):\n        return a * 2\n", False),  # nothing of self
    ("class S:\n    def forward(self):\n        return self.base * 2\n", False),  # no protocol method
    ("def step(base):\n    return base.value * 2\n", True),
])
def test_lr_state(source, possible):
    assert triggers.lr_state(ast.parse(source)) is possible


@pytest.mark.parametrize("source, possible", [
    ("f = lambda s: s / W\nsched = LambdaLR(o, f)\n", True),
    ("sched = MultiplicativeLR(o, lambda s: 0.9 // s)\n", True),
    ("def warmup(s):\n    return s % n\n", True),
    ("warmup = 10 / n\n", True),  # a schedule name stored
    ("x = warmup / n\n", False),  # only read
    ("x = 1 / n\n", False), ("lr = base * 2\n", False),  # no division
    ("lr = base / 2\n", True),  # LR state
    ("x = o.LambdaLR\ny = 1 / n\n", True), ("x = y.warmup\ny = 1 / n\n", False),
    ("x.warmup = 3\ny = 1 / n\n", True),
    ("total = 0\ntotal /= n\nlr = 1\n", True),
    ("s = CosineAnnealingLR(o, T_max=n - w)\n", True),  # torch divides by T_max
    ("s = StepLR(o, n - w)\nprint(n)\n", False),  # calls, but none that divides and no division
])
def test_schedule_division(source, possible):
    assert triggers.schedule_division(ast.parse(source)) is possible


@pytest.mark.parametrize("source, possible", [
    ("import torch\ntorch.save(model, 'm.pt')\n", True),
    ("import torch as t\nt.save(model, 'm.pt')\n", True),
    ("from torch import save\nsave(model, 'm.pt')\n", True),
    ("from torch import save as keep\nkeep(model, 'm.pt')\n", True),
    ("import torch\ntorch.save(obj=model, f='m.pt')\n", True),
    ("import torch\ntorch.save(f='m.pt', obj=model)\n", True),
    ("import torch\ntorch.save(f='m.pt')\n", False),
    ("import torch\ntorch.save({'m': model}, 'm.pt')\n", True),  # a checkpoint dict may hold the module
    ("import torch\ntorch.save({'m': model.state_dict(), 'e': 3}, 'm.pt')\n", False),
    ("import torch\ntorch.save({'m': m.state_dict(), **d}, 'm.pt')\n", False),  # a spread: its values unknown
    ("import torch\ntorch.save([model], 'm.pt')\n", False),
    ("import torch\ntorch.save((model,), 'm.pt')\n", False),
    ("import torch\ntorch.save(None, 'm.pt')\n", False),
    ("import torch\ntorch.save(model.state_dict(), 'm.pt')\n", False),
    ("import torch\ntorch.save(state_dict(), 'm.pt')\n", True),
    ("import torch\ntorch.save(model.state(), 'm.pt')\n", True),
    ("import numpy\nnumpy.save(model, 'm.pt')\n", False),
    ("import torch\nx.torch.save(model, 'm.pt')\n", False),
    ("from numpy import save\nsave(model, 'm.pt')\n", False),
    ("from torch import load\nsave(model, 'm.pt')\n", False),
    ("import torch\ntorch.save({}, 'a')\ntorch.save(model, 'b')\n", True),
])
def test_saved_object(source, possible):
    assert triggers.saved_object(ast.parse(source)) is possible


@pytest.mark.parametrize("source, possible", [
    ("f = (1 - s / n) ** 2\n", True), ("f = (1 - s / n) * 2\n", False), ("f = (2 - s / n) ** 2\n", False),
    ("f = (1 + s / n) ** 2\n", False), ("f = (1 - s * n) ** 2\n", False), ("f = (1 - s) ** 2\n", False),
    ("f = (s / n - 1) ** 2\n", False), ("f = 2 ** (1 - s / n)\n", False), ("f = (x - s / n) ** 2\n", False),
])
def test_poly_base(source, possible):
    assert triggers.poly_base(ast.parse(source)) is possible


@pytest.mark.parametrize("source, possible", [
    ("total += loss\nloss.backward()\n", True), ("total += a * b\nloss.backward()\n", True),
    ("total += loss.item()\nloss.backward()\n", False), ("total -= loss\nloss.backward()\n", False),
    ("total = total + loss\nloss.backward()\n", True), ("total = total + a * n\nloss.backward()\n", True),
    ("total = total + loss.item()\nloss.backward()\n", False), ("total = total - loss\nloss.backward()\n", False),
    ("losses.append(loss)\nloss.backward()\n", True), ("losses.append(a + b)\nloss.backward()\n", True),
    ("losses.append(loss.item())\nloss.backward()\n", False), ("losses.extend(loss)\nloss.backward()\n", False),
    ("total += loss\n", False), ("total += loss\nbackward()\n", False),
])
def test_loss_accumulation(source, possible):
    assert triggers.loss_accumulation(ast.parse(source)) is possible


@pytest.mark.parametrize("source, possible", [
    ("if i % n == 0:\n    opt.step()\nloss.backward()\n", True),
    ("if i - last >= n:\n    opt.step()\nloss.backward()\n", True),
    ("if i + last >= n:\n    opt.step()\nloss.backward()\n", False),
    ("if ready:\n    opt.step()\nloss.backward()\n", True),
    ("if ready:\n    opt.step()\n", False),
    ("if step_accum:\n    pass\nloss.backward()\n", True),
    ("if i > accumulation_steps:\n    pass\nloss.backward()\n", True),
    ("if cfg.grad_accum:\n    pass\nloss.backward()\n", True),
    ("if accelerator.sync_gradients:\n    pass\nloss.backward()\n", True),
    ("if i > n:\n    pass\nloss.backward()\n", False),
    ("if i % n == 0:\n    pass\n", False),
    ("for _ in range(n):\n    loss.backward()\n", True),  # micro-batches, a nanoGPT loop
    ("for a in x.chunk(n):\n    f(a).backward()\n", True),  # a batch's chunks
    ("for a, b in zip(x.chunk(n), y.chunk(n)):\n    f(a, b).backward()\n", True),
    ("for i, a in enumerate(torch.chunk(x, n)):\n    f(a).backward()\n", True),
    ("for a in x.split(n):\n    f(a).backward()\n", False),
    ("for a in x.chunk(n):\n    f(a)\n", False),  # nothing backpropagated there
    ("for a in chunks:\n    f(a).backward()\n", False),
    ("for a in zip(x, y):\n    f(a).backward()\n", False),
    ("for a in self.range(n):\n    f(a).backward()\n", False),  # a method named range: no count
])
def test_accumulation_boundary(source, possible):
    assert triggers.accumulation_boundary(ast.parse(source)) is possible


@pytest.mark.parametrize("source, possible", [
    ("model = Net()\nwith torch.no_grad():\n    for x in d:\n        model(x)\n", True),
    ("model = Net()\nwith torch.inference_mode():\n    for x in d:\n        model(x)\n", True),
    ("model = Net()\nwith no_grad():\n    async_for = 1\n", False),
    ("model.train()\nwith torch.set_grad_enabled(False):\n    for x in d:\n        model(x)\n", True),
    ("model = Net()\nwith torch.enable_grad():\n    for x in d:\n        model(x)\n", False),
    ("model = Net()\ndef ev():\n    model(x)\nwith torch.no_grad():\n    for b in d:\n        ev()\n", True),
    ("model = Net()\ndef ev():\n    model(x)\nwith torch.no_grad():\n    ev()\n", False),  # no loop
    ("model = Net()\nfor b in d:\n    with torch.no_grad():\n        model(b)\n", True),  # the loop around
    ("model = Net()\nfor b in d:\n    with torch.no_grad():\n        b.mean()\n", False),  # no model called
    ("model = Net()\ntorch.set_grad_enabled(False)\nfor b in d:\n    model(b)\n", True),
    ("model = Net()\nx = torch.set_grad_enabled(False)\nfor b in d:\n    model(b)\n", False),
    # TorchScript leaving a function to eager code is no grad-mode setting
    ("model = Net()\n@torch.jit.ignore\ndef ev():\n    model(x)\nfor b in d:\n    ev()\n", False),
    ("model = timm.create_model('r')\nwith torch.no_grad():\n    for b in d:\n        model(b)\n", True),
    ("model = hub.load('r')\nwith torch.no_grad():\n    for b in d:\n        model(b)\n", True),
    ("model = jit.script(m)\nwith torch.no_grad():\n    for b in d:\n        model(b)\n", True),
    ("model = jit.trace(m)\nwith torch.no_grad():\n    for b in d:\n        model(b)\n", True),
    ("from torchvision.models import resnet18\nmodel = resnet18()\nwith torch.no_grad():\n    for b in d:\n"
     "        model(b)\n", True),
    ("model = make()\nwith torch.no_grad():\n    for b in d:\n        model(b)\n", False),  # nothing built
    ("model = Net()\nwith torch.no_grad():\n    other()\n", False),
    ("x = ValueError()\nwith torch.no_grad():\n    for x in d:\n        pass\n", False),
    ("with torch.no_grad():\n    for x in d:\n        pass\n", False),
    ("model = Net()\n@torch.no_grad()\ndef ev():\n    model(x)\nfor x in d:\n    ev()\n", True),
    ("model = Net()\n@torch.inference_mode\ndef ev():\n    model(x)\nfor x in d:\n    ev()\n", True),
    ("model = Net()\n@torch.no_grad()\ndef ev():\n    pass\n", False),
    ("model = Net()\n@cache\ndef ev():\n    pass\nfor x in d:\n    ev()\n", False),
    ("m = nn.Linear(1, 1)\nwith torch.no_grad():\n    for x in d:\n        m(x)\n", True),
    ("m = nn.Linear(1, 1)\nwith torch.no_grad():\n    for x in d:\n        x.mean()\n", False),  # no value called
    # the block and the loop apart: no loop runs the block, the block runs none
    ("model = Net()\nfor b in d:\n    pass\nwith torch.no_grad():\n    model(x)\n", False),
    ("model = Net()\ndef ev():\n    with torch.no_grad():\n        model(x)\nfor b in d:\n    ev()\n", True),
    ("model = Net()\ndef ev():\n    with torch.no_grad():\n        model(x)\ndef go():\n    ev()\nfor b in d:\n    go()\n", True),
    ("model = Net()\ndef run():\n    for b in d:\n        model(b)\nwith torch.no_grad():\n    run()\n", True),
    ("model = Net()\ndef ev():\n    with torch.no_grad():\n        model(x)\nev()\nfor b in d:\n    pass\n", False),
    # the block calls down to the loop through any number of the file's functions (the grad
    # mode follows callers that far), also through a recursive one
    ("model = Net()\ndef c():\n    for b in d:\n        model(b)\ndef b_():\n    c()\ndef a():\n    b_()\n"
     "with torch.no_grad():\n    a()\n", True),
    ("model = Net()\ndef a():\n    a()\nwith torch.no_grad():\n    a()\n    model(x)\nfor b in d:\n    pass\n", False),
    # a loop runs the block two calls up at most, as the rule's loop contexts reach
    ("model = Net()\ndef h():\n    with torch.no_grad():\n        model(x)\ndef g():\n    h()\n"
     "for b in d:\n    g()\n", True),
    ("model = Net()\ndef h():\n    with torch.no_grad():\n        model(x)\ndef g():\n    h()\ndef k():\n    g()\n"
     "for b in d:\n    k()\n", False),
])
def test_no_grad_loop(source, possible):
    assert triggers.no_grad_loop(ast.parse(source)) is possible


def test_called_and_constructor_names():
    calls = [node for node in ast.walk(ast.parse("f()\nx.g()\n(lambda: 1)()\n")) if isinstance(node, ast.Call)]
    assert [triggers.called_name(call) for call in calls] == ["f", "g", None]
    assert [triggers.constructor_name(n) for n in ("Net", "net", "", "KeyError", "MyException", "UserWarning")] == [
        True, False, False, False, False, False]


@pytest.mark.parametrize("text, found", [
    ("def f(a, b=(1, 2)):\n    pass\n", ["a, b=(1, 2))"]),
    ("def f(a=')'):\n", ["a=')')"]),
    ('def f(a="""x)"""):\n', ['a="""x)""")']),
    ("def f(a='\\')'):\n", ["a='\\')')"]),
    ("def f(a,  # ) comment\n      b=[]):\n", ["a,  # ) comment\n      b=[])"]),
    ("def f(a,  # ) comment\r      b=[]):\n", ["a,  # ) comment\r      b=[])"]),
    ("def f(a={'k': [1]}):\ndef g():\n", ["a={'k': [1]})", ")"]),
    ("def f(a", ["a"]), ("def f(a='x", ["a='x"]), ("def f(a # x", ["a # x"]),
])
def test_signatures(text, found):
    assert list(triggers.signatures(text)) == found


@pytest.mark.parametrize("source, possible", [
    *[(f"def f(a={callee}()):\n    pass\n", True)
      for callee in ("list", "dict", "set", "defaultdict", "OrderedDict", "deque", "Counter", "collections.deque")],
    ("def f(a = \\\n  # note\n  {}):\n    pass\n", True),
    ("def f(a=make()):\n    pass\n", False), ("def f(a=lists()):\n    pass\n", False),
    ("from m import make as list_of\ndef f(a=make()):\n    pass\n", False),
    ("from collections import Counter as C\ndef f(a=make()):\n    pass\n", True),
])
def test_mutable_default_signature_exactly(source, possible):
    assert mutable_default_signature(source) is possible


@pytest.mark.parametrize("method", ["backward", "step", "zero_grad", "requires_grad_", "retain_grad"])
def test_a_function_that_trains_leaves_its_forwards_alone(method):
    assert forward_structure(ast.parse("def step(model, x):\n    model.eval()\n    model(x)\n"))
    assert not forward_structure(ast.parse(f"def step(model, x):\n    model.eval()\n    model(x)\n    o.{method}()\n"))


@pytest.mark.parametrize("imports, stepped", [
    ("", False), ("import gym", True), ("import gymnasium as gym", True), ("import envpool", True),
    ("from gymnasium.vector import SyncVectorEnv", True), ("import gym.wrappers", True),
    ("from gymnasium.wrappers.record import RecordVideo", True),
    ("from .gym import make", False), ("import gymx", False), ("from torch import optim", False),
])
def test_a_step_counts_as_training_unless_the_file_may_step_environments(imports, stepped):
    """Where an environment package is imported, a `step()` may be an episode's: the rule
    decides, so the trigger lets the forward through; `backward()` still trains."""
    source = f"{imports}\ndef play(model, envs, x):\n    model.eval()\n    model(x)\n    envs.step(0)\n"
    assert forward_structure(ast.parse(source)) is stepped
    assert not forward_structure(ast.parse(source + "    x.backward()\n"))


@pytest.mark.parametrize("name", ["autograd", "requires_grad", "enable_grad", "grad", "vjp", "jvp", "jacobian",
                                  "hessian", "set_grad_enabled", "functorch", "func"])
def test_a_function_that_mentions_gradients_leaves_its_forwards_alone(name):
    # as a name (`grad(...)`) or an attribute (`torch.func`)
    assert not forward_structure(ast.parse(f"def step(model, x):\n    model.eval()\n    model(x)\n    {name}(x)\n"))
    assert not forward_structure(ast.parse(f"def step(model, x):\n    model.eval()\n    model(x)\n    t.{name}\n"))


@pytest.mark.parametrize("word", [
    "infer", "inference", "predict", "prediction", "predictions", "detect", "detection", "benchmark", "benchmarks",
    "bench", "profile", "profiling", "warmup", "latency", "throughput", "speed", "evaluate", "evaluation", "eval",
    "validate", "validation", "val", "demo",
])
def test_each_inference_word_names_an_inference_function(word):
    assert inference_name(f"run_{word.upper()}_all") and inference_name(f"_{word}_")
    assert forward_candidates(f"def {word}(x):\n    return y\n")
    assert forward_candidates(f"def run_{word.capitalize()}_all(x):\n    return y\n")
    # a word inside another is no evidence, except a warm-up's (`def gpu_warmup`, `def warmup2`)
    assert forward_candidates(f"def un{word}ed(x):\n    return y\n") is (word == "warmup")


def test_inference_names():
    assert inference_name("warm_up_gpu") and inference_name("GPUWarmup")
    assert not inference_name("train_step") and not inference_name("evaluator")


@pytest.mark.parametrize("word", ["super", "float", "bool", "vars", "globals", "return", "yield", "finally",
                                  "print", "match", "or", "and", "in", "is"])
def test_builtins_and_keywords_never_name_a_model(word):
    assert not forward_candidates(f"{word}(x)\ny = {word}\n")
    assert forward_candidates("net(x)\ny = net\n")


@pytest.mark.parametrize("source, possible", [
    ("self.net(x)\nz = other.net\n", True),  # an attribute called here, mentioned there
    ("self.net(x)\nnet = 1\n", False),  # a name is no attribute
    ("a(x)\nb(x)\ny = a\n", True), ("a(x)\nb(x)\ny = b\n", True),
    ("self.a(x)\nself.b(x)\ny = o.a\n", True), ("self.a(x)\nself.b(x)\ny = o.b\n", True),
])
def test_forward_candidates_exactly(source, possible):
    assert forward_candidates(source) is possible


@pytest.mark.parametrize("source, possible", [
    ("def train_step():\n    loss.backward()\n    opt.step()\nfor b in data:\n    train_step()\n", True),
    ("def inner():\n    loss.backward()\n    opt.step()\ndef outer():\n    inner()\nfor b in data:\n    outer()\n", True),
    ("def inner():\n    loss.backward()\ndef outer():\n    inner()\n    opt.step()\nwhile True:\n    outer()\n", True),
    ("async def f():\n    async for b in data:\n        loss.backward()\n        opt.step()\n", True),
    ("def f():\n    f()\n    loss.backward()\nfor b in data:\n    f()\n", False),  # no step anywhere
    ("def f():\n    loss.backward()\n    opt.step()\ndef g():\n    pass\nfor b in data:\n    g()\n", False),
])
def test_optimizer_step_loop_follows_the_file_s_functions(source, possible):
    assert optimizer_step_loop(ast.parse(source)) is possible


@pytest.mark.parametrize("source, possible", [
    ("def setup():\n    global model\n    model = torch.nn.Linear(1, 1)\n", True),  # bound at module level
    ("def setup():\n    model = torch.nn.Linear(1, 1)\n", False),  # a local of setup
    ("def a():\n    def b():\n        global model\n        model = torch.nn.Linear(1, 1)\n", True),
    ("model = 1\n", False), ("model = torch.nn.Linear(1, 1)\n", True),
])
def test_forward_structure_follows_global_bindings(source, possible):
    text = f"import torch\n{source}def step(x):\n    model.eval()\n    model(x)\n"
    assert forward_structure(ast.parse(text)) is possible


@pytest.mark.parametrize("declaration, possible", [("nonlocal model\n        ", True), ("", False)])
def test_forward_structure_follows_nonlocal_bindings(declaration, possible):
    text = ("import torch\ndef outer():\n    model = 1\n    def init():\n        " + declaration
            + "model = torch.nn.Linear(1, 1)\n    def step(x):\n        model.eval()\n        model(x)\n")
    assert forward_structure(ast.parse(text)) is possible


# Each part of `forward_structure` that makes a model possible, alone in a snippet (its
# comment says which part), so that narrowing it hides this snippet's forward.
NN = "import torch.nn as nn\nclass N(nn.Module):\n    pass\n"  # model evidence, and nothing else


@pytest.mark.parametrize("source, possible", [
    # packages models come from, each the only one named
    *((f"import {package}\nnet = {package}.Builder()\nnet(1)\n", True)
      for package in ("hub", "jit", "transformers", "lightning", "pytorch_lightning")),
    # factories, each the only construction
    *((f"import jit\nnet = jit.{factory}(p)\nnet(1)\n", True) for factory in ("load", "script", "trace")),
    ("from models import attempt_load\nnet = attempt_load(w)\nnet(1)\n", True),
    ("from models import hf\nnet = hf.from_pretrained(p)\nnet(1)\n", True),
    # module classes an annotation names
    ("import lightning\ndef step(model: LightningModule, x):\n    model(x)\n", True),
    ("import transformers\ndef step(model: PreTrainedModel, x):\n    model(x)\n", True),
    ("from torch.nn import functional as F\ndef step(model: F, x):\n    model(x)\n", False),  # an alias of no module class
    # a class with a base is the only construction; a call of no name constructs nothing
    ("import torch.nn as nn\nclass Net(nn.Module):\n    pass\nnet = make()\nnet(1)\n", True),
    ("import torch.nn as nn\nnet = make()\n(lambda: 0)()\nnet(1)\n", False),
    # evidence from a lambda's parameter, used as a module and called
    ("from x import Module\ncheck = lambda m: (m.eval(), m(1))\ndef step(model: Module, x):\n    model(x)\n", True),
    # a parameter handed on unpacked, then called
    ("def outer(m):\n    m.cuda()\n    run(*m)\ndef run(f):\n    f(1)\n", True),
    # what binds a name, in the innermost scope
    (NN + "net = make()\ndef run():\n    def net(x):\n        pass\n    net(1)\n", False),
    (NN + "def f():\n    net: int = make()\n    net(1)\n", True),
    (NN + "def f():\n    net: int = 3\n    net(1)\n", False),
    (NN + "net = make()\ndef f(items):\n    for net in items:\n        net(1)\n", False),
    (NN + "def f():\n    with make() as net:\n        net(1)\n", True),
    (NN + "def f():\n    with 'x' as net:\n        net(1)\n", False),
    (NN + "net = make()\ndef f():\n    import net.sub\n    net(1)\n", False),
    (NN + "def net():\n    pass\ndef f(items):\n    x, *net = items\n    net(1)\n", True),
    (NN + "net = make()\ndef outer():\n    net = 3\n    def inner():\n        global net\n        net(1)\n", True),
    # a module's method called in a nested function marks the parameter outside it
    (NN + "def f(m):\n    def inner():\n        m.eval()\n    inner()\n    m(1)\n", True),
    # methods called on `self`, `cls` or an instance of a class here: their callers decide
    (NN + "class R:\n    def go(self):\n        self.run(nn.Linear(1, 1))\n    def run(self, m):\n        m(1)\n", True),
    (NN + "class R:\n    @classmethod\n    def go(cls):\n        cls.run(nn.Linear(1, 1))\n    def run(self, m):\n"
          "        m(1)\n", True),
    (NN + "class R:\n    def run(self, m):\n        m(1)\nr = R()\nr.run(nn.Linear(1, 1))\n", True),
    (NN + "class R:\n    def run(self, m):\n        m(1)\n", False),
    # a class body at module level is no function
    (NN + "class M(nn.Module):\n    net = make()\n    net(1)\n", False),
    # callees: `forward` of anything, stored attributes (or a keyword's, read back from a
    # namespace), items of a holder, not calls
    (NN + "def step(self, x):\n    self.net.forward(x)\n", True),
    (NN + "nets = make()\nnets[0](1)\n", True),
    (NN + "def f(m):\n    m.eval()\n    cfg = {'net': m}\n    cfg['net'](1)\n", True),
    (NN + "RULES = {}\nRULES[k](1)\n", False),  # an empty display holds nothing yet
    (NN + "def f():\n    cfg = {'net': 3}\n    cfg['net'](1)\n", False),
    (NN + "def f():\n    cfg = [3]\n    cfg[0](1)\n", False),
    (NN + "def f(m):\n    cfg = (m,)\n    cfg[0](1)\n", True),
    (NN + "def f(cfg):\n    cfg.parts[0](1)\n", False),  # an item of an attribute nothing here assigns
    (NN + "def f(self):\n    self.parts = make()\n    self.parts[0](1)\n", True),
    (NN + "def f(cfg):\n    cfg[0](1)\nf(3)\n", True),  # a parameter its function's calls give
    (NN + "def f(cfg: Module):\n    cfg[0](1)\n", True),  # annotated as a module
    # the only evidence: a method only a module has, on what an unknown call returned
    ("from ssd import build\nnet = build()\nnet.eval()\ndef predict(x):\n    return net(x)\n", True),
    ("from ssd import build\nnet = build()\nnet.cpu()\ndef predict(x):\n    return net(x)\n", False),
    (NN + "def f(m):\n    cfg = Box(net=m)\n    cfg.net(1)\n", True),
    (NN + "def f(m):\n    cfg = Box(net=3)\n    cfg.net(1)\n", False),  # a keyword given no variable
    (NN + "def f(m):\n    cfg = Box(other=m)\n    cfg.net(1)\n", False),
    (NN + "make()(1)\n", False),
    # dunder methods are no stored model; private attributes and plain ones are
    (NN + "def step(self, x):\n    self.__net = N()\n    self.__net(x)\n", True),
    (NN + "def step(self, x):\n    self.model = N()\n    self.model(x)\n", True),
    (NN + "def step(self, x):\n    self.____ = N()\n    self.____(x)\n", True),
    (NN + "def step(self, x):\n    self.__c__ = N()\n    self.__c__(x)\n", False),
    # each function's own gradients decide
    (NN + "def train(model, x):\n    model.cuda()\n    model(x)\n    loss.backward()\n"
          "def check(model, x):\n    model.cuda()\n    model(x)\n", True),
    # a result assigned to a name is used
    (NN + "def step(model, x):\n    model.cuda()\n    y = model(x)\n", False),
    (NN + "def step(self, model, x):\n    model.cuda()\n    self.y = model(x)\n", False),
])
def test_forward_structure_reads_each_part(source, possible):
    assert forward_structure(ast.parse(source)) is possible


# Each word of the LR and scheduler vocabularies, alone in a text, lets it through: a word
# dropped from a trigger would hide the files that only it names. (Words another part also
# matches, such as `lr_scheduler` holding `lr_`, are listed as equivalent.)
@pytest.mark.parametrize("text", ["x.param_groups", "class S(LRScheduler): pass", "def step(self):",
                                  "def __call__(self, n):", "def step_update(self, n):", "def step_batch(self):"])
def test_each_word_of_the_lr_state_trigger_lets_its_file_through(text):
    assert matches(triggers.LR_STATE, text)
    assert not matches(triggers.LR_STATE, text.replace("param_groups", "groups").replace("LRScheduler", "Base")
                       .replace("def ", "run "))


@pytest.mark.parametrize("text", ["x.param_groups", "class S(LRScheduler): pass", "LrMax = 1"])
def test_each_word_of_the_schedule_code_trigger_lets_its_file_through(text):
    assert matches(SCHEDULE_CODE, text)


def test_swa_schedulers_are_scheduler_vocabulary():
    assert matches(triggers.SCHEDULER_VOCABULARY, "swa = SWALR(optimizer, swa_lr=0.05)")


@pytest.mark.parametrize("check, source", [
    (triggers.lr_state, "class S:\n    async def step(self):\n        return self.base * 2\n"),
    (triggers.schedule_division, "async def lr_lambda(step):\n    return step / total\n"),
])
def test_async_defs_count_as_defs(check, source):
    assert check(ast.parse(source))


@pytest.mark.parametrize("text, parameters", [
    ('def f(a="x\\"y", b=[]): pass\n', 'a="x\\"y", b=[])'),  # an escaped quote does not end the string
    ('def f(a="\\"\\"", b=[]): pass\n', 'a="\\"\\"", b=[])'),  # nor do two in a row
    ('def f(a="\\"", b="(", c=[]): pass\n', 'a="\\"", b="(", c=[])'),
    ('def f(a="(", b={}): pass\n', 'a="(", b={})'),  # brackets in strings do not count
    ("def f(a='''it's )''', b=[]): pass\n", "a='''it's )''', b=[])"),
    ("def f(a,  # )\n      b=[]): pass\n", "a,  # )\n      b=[])"),  # nor in comments
    ("def f(a=X(1)): pass\n", "a=X(1))"),
    ('def f(a="unterminated\n', 'a="unterminated\n'),  # to the end, never past it
])
def test_signatures_skip_strings_and_comments(text, parameters):
    assert list(triggers.signatures(text)) == [parameters]


@pytest.mark.parametrize("method", ["get_lr", "get_last_lr", "_get_closed_form_lr", "step"])
def test_a_protocol_method_computing_with_self_is_lr_state(method):
    assert triggers.lr_state(ast.parse(f"class S:\n    def {method}(self):\n        return self.base * 2\n"))


@pytest.mark.parametrize("text, parameters", [
    ('def f(a="x", b=[]): return "y"\n', 'a="x", b=[])'),  # the string's own end, not a later quote
    ('def f(a="""x " )""", b=[]): pass\n', 'a="""x " )""", b=[])'),
])
def test_signatures_end_strings_where_they_end(text, parameters):
    assert list(triggers.signatures(text)) == [parameters]


NET = "net = Net()\nnet(x)\n"  # something the loop's model may be, and its call


@pytest.mark.parametrize("source, found", [
    (NET + "import torch\n@torch.inference_mode()\ndef f():\n    pass\nasync def g():\n    async for b in d:\n        f()\n", True),
    (NET + "import torch\nasync def f():\n    async with torch.no_grad():\n        for b in d:\n            net(b)\n", True),
    (NET + "from torch import no_grad\nwith no_grad():\n    for b in d:\n        net(b)\n", True),
    (NET + "from torch import no_grad\nwith no_grad():\n    for b in d:\n        pass\n", False),  # nothing called
    (NET + "with (a or b):\n    for b in d:\n        pass\n", False),
    ("import torch\n(lambda: 0)()\nwith torch.no_grad():\n    for b in d:\n        pass\n", False),  # nothing built
])
def test_no_grad_loop_reads_each_form(source, found):
    assert triggers.no_grad_loop(ast.parse(source)) is found


def test_a_whole_model_saved_after_a_state_dict_is_found():
    source = "import torch\ntorch.save(model.state_dict(), p)\ntorch.save(model, p)\n"
    assert triggers.saved_object(ast.parse(source))


def test_an_lr_name_alone_is_lr_state():
    assert matches(triggers.LR_STATE, "self.base_lr = 0.1")


def test_an_escaped_quote_then_a_later_string():
    assert list(triggers.signatures('def f(a="\\"", b=[]): return "y"\n')) == ['a="\\"", b=[])']


@pytest.mark.parametrize("source, found", [
    ("def f(net):\n    net(x)\n", True),  # a parameter
    ("net = make()\nnet(x)\n", True),  # an assigned name
    ("self.net = Net()\nself.net(x)\n", True),  # an assigned attribute
    ("class M:\n    net = Net()\n    def f(self):\n        self.net(x)\n", True),  # a class attribute
    ("class M:\n    net: Net\n    def f(self):\n        self.net(x)\n", True),  # an annotated one
    ("nets[0](x)\n", True),  # an item
    ("from app import net\nnet.train()\nnet(x)\n", True),  # what `.train()` is called on
    ("from app import app\napp.net.train()\napp.net(x)\n", True),
    ("from app import net\nnet(x)\n", False),  # an import: no value the file binds
    ("def net():\n    pass\nnet(x)\n", False),  # a function
    ("def f(dim):\n    t.dim()\n", False),  # a parameter's name is no attribute
    ("class M:\n    def f(self):\n        net = 1\n        self.net(x)\n", False),  # nor a method's local
    ("x.train()\nnet(x)\n", False),
    ("from app import net\nnet.train()\nself.net(x)\n", False),  # a name is no attribute
    ("from app import app\napp.net.train()\nnet(x)\n", False),  # nor an attribute a name
    ("from app import net\nnet[0].train()\nnet(x)\n", False),
])
def test_calls_a_value_reads_each_binding(source, found):
    flat = triggers.nodes(ast.parse(source))
    value_call = triggers._value_call(flat)
    assert any(value_call(call) for call in flat.of(ast.Call)) is found


@pytest.mark.parametrize("source, found", [
    ("s = StepLR(o, 30, verbose=True)\n", True),
    ("s = lr_scheduler.ExponentialLR(o, 0.9, -1, True)\n", True),  # passed by position
    ("s = lr_scheduler.ExponentialLR(o, 0.9, -1)\n", False),  # too few to hold it
    ("s = getattr(lr_scheduler, 'StepLR')(o, 30, verbose=True)\n", True),  # the class named in a string
    ("s = Sched(o, 30, verbose=True)\n", False),  # no torch scheduler named
    ("s = StepLR(o, 30, quiet=True)\n", False),
    ("s = SWALR(o, 0.05, verbose=True)\n", True),
])
def test_verbose_argument_reads_each_form(source, found):
    assert triggers.verbose_argument(ast.parse(source)) is found


@pytest.mark.parametrize("source, found", [
    ('"""Set the lr here."""\n', False),  # a docstring holds no state
    ('def f():\n    """the lr"""\n', False),
    ("x = 'intel-cmplr-lib-rt'\n", False),  # a string that names nothing
    ("x = cfg['optim.lr']\n", True),  # a dotted setting
    ("x = g['base_lr']\n", True),
    ("class S:\n    def __call__(self, a) -> A | None:\n        return self.f(a)\n", False),  # `|` joins types
    ("class S:\n    def __call__(self, *a):\n        return self.f((self.r,) + a)\n", False),  # a tuple joined
    ("class S:\n    def __call__(self, *a):\n        return self.f([self.r] + a)\n", False),
    ("class S:\n    def __call__(self, a):\n        return self.f('x' + a)\n", False),  # a string joined
    ("class S:\n    def __call__(self, a):\n        return self.f(f'{a}' + a)\n", False),
    ("class S:\n    def __call__(self, a):\n        return self.f([x for x in a] + a)\n", False),
    *((f"class S:\n    def __call__(self, a):\n        return {value}\n", True)
      for value in ("self.f(a) - self.g", "self.f(a) // 2", "self.f(a) % 2", "self.f(a) ** 2", "self.f(a) / 2",
                    "a + self.f(a)")),  # each arithmetic operator
    ("class S:\n    def __call__(self, a):\n        self.n *= 2\n        return self.n\n", True),
    ("class S:\n    def __call__(self, a):\n        self.n |= a\n        return self.n\n", False),
])
def test_lr_state_reads_code_not_prose(source, found):
    assert triggers.lr_state(ast.parse(source)) is found


@pytest.mark.parametrize("text, found", [
    ("loss.backward()", True), ("scaler.scale(loss).backward()", True), ("loss.backward ()", True),
    ("loss.\\\n    backward()", True), ("(loss.  # why\n    backward())", True), ("loss\n.backward()", True),
    ("def backward(ctx, g):", False), ("backward = 1", False), ("# call .backward later", False),
])
def test_backward_call_reads_each_form(text, found):
    assert matches(triggers.BACKWARD_CALL, text) is found


@pytest.mark.parametrize("trigger", ["BACKWARD_CALL", "SAVE_CALL"])
def test_call_triggers_read_comment_runs_in_linear_time(trigger):
    """A comment's trailing spaces could be read by either branch of the gap between two
    tokens: with backtracking, each such line after a `.` tripled the work, and a notebook
    exported with `# ` cells (the annotated transformer) hit the 120 s per-file limit.
    In a child process with a limit, so that the old pattern fails instead of hanging."""
    program = (
        "from reviewer import triggers\n"
        "text = 'x = a.\\n' + '#  \\n' * 60 + 'backward save\\n' + '#  \\n' * 60 + 'y = 1\\n'\n"
        f"print(triggers.matches(triggers.{trigger}, text))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert done.stdout == "False\n", done.stderr


@pytest.mark.parametrize("text, found", [
    ("torch.save(model, p)", True), ("t.save (model, p)", True), ("save(\n    model, p)", True),
    ("from torch import save as keep\nkeep(model, p)", True), ("from torch import (load,\n    save as keep)", True),
    ("from torch import load\nsave_model = 1", False), ("from torch import (load,\n    save  as\n  keep)", True), ("torch.save_for_backward", False),
    ("from numpy import load\nx = saved", False),
])
def test_save_call_reads_each_form(text, found):
    assert matches(triggers.SAVE_CALL, text) is found


@pytest.mark.parametrize("source, possible", [
    ('def f(net):\n    """Args:\n        net (Module): the net"""\n    net(x)\n', True),
    ('def f(a):\n    """Args:\n        net (Module): the net"""\n    g(net)\n', False),  # a docstring's argument line
    ("d = {\n  net (x): 1}\ny = net\n", False),  # a dict's key
    ("net (x)\ny = net\n", True), ("net(x)[0]\ny = net\n", True), ("net(\n  x): 1\ny = net\n", True),
    ("from m import net\nnet(x)\n", False),  # imported and called: no value the file binds
    ("from m import (a,\n    net)\nnet(x)\n", False), ("import net\nnet(x)\n", False),
    ("from m import net\nnet(x)\ndef f(net):\n    pass\n", True),  # a parameter shadows it
    ("net(x)\n# net is set above\n", False), ("net(x)\nprint('net')\n", False),  # prose and strings
    ("self.net(x)\nfrom a.net import b\n", False), ("self.net(x)\nself.net = b\n", True),
])
def test_forward_candidates_read_code_only(source, possible):
    assert forward_candidates(source) is possible


@pytest.mark.parametrize("text, code", [
    ('x = "a # b" # c\n', 'x = "" ""\n'), ("y = '''it's\n\"\"\"''' + z\n", 'y = "" + z\n'),
    ('y = """a\\"""" + z\n', 'y = "" + z\n'), ("w = 'a\\'b' + v\n", 'w = "" + v\n'),
    ("import a, b\nx = a\n", '""\nx = a\n'), ("from . import (a,\n  b)\nx = a\n", '""\nx = a\n'),
    ("  from m.n import a; x = a\n", '""; x = a\n'), ("x.import_ = 1\n", "x.import_ = 1\n"),
    ("s = 'a\nb'\n", "s = 'a\nb'\n"),  # a one-line string does not run past its line
])
def test_code_only_strips_strings_comments_and_imports(text, code):
    assert triggers.code_only(text) == code


@pytest.mark.parametrize("text, names, attributes, found", [
    ("y = net\n", {"net"}, set(), True), ("net(x)\n", {"net"}, set(), False),  # a call is no mention
    ("print('net')\n", {"net"}, set(), False), ("import net\n", {"net"}, set(), False),
    ("y = a.net\n", set(), {"net"}, True), ("y = net\n", set(), {"net"}, False),  # a name is no attribute
    ("from a.net import b\n", set(), {"net"}, False), ("a.net (x)\n", set(), {"net"}, False),
    ("y = b\n", {"a", "b"}, set(), True), ("y = o.b\n", {"a"}, {"b"}, True), ("y = 1\n", set(), set(), False),
])
def test_mentioned_in_code(text, names, attributes, found):
    assert triggers.mentioned_in_code(text, names, attributes) is found


@pytest.mark.parametrize("text", ["from torch import nn", "class Net(LightningModule): pass",
                                  "class M(PreTrainedModel): pass", "m = attempt_load(w)", "import torchvision",
                                  "import timm", "m = torch.hub.load(r)", "m = torch.jit.script(m)",
                                  "m = AutoModel.from_pretrained(p)"])
def test_each_word_of_the_model_vocabulary_lets_its_file_through(text):
    assert matches(triggers.MODEL_VOCABULARY, text)
    assert not matches(triggers.MODEL_VOCABULARY, "x = y(1)")


@pytest.mark.parametrize("text, found", [
    ("from torch import nn", True), ("import torch.nn as tnn", True), ("m = timm.create_model(n)", True),
    ("m = torch.hub.load(r)", True), ("s = torch.jit.script(m)", True), ("import torchvision", True),
    ("from transformers import AutoModel", True), ("import lightning as L", True),
    ("import pytorch_lightning", True), ("m = attempt_load(w)", True), ("m = A.from_pretrained(p)", True),
    *[(f"m.{method}()", True) for method in sorted(MODULE_METHODS)],
    ("m . eval \\\n  # why\n  ()", True),  # a call over a continuation and a comment
    ("rnn = cell(x)", False), ("nn_size = 3", False), ("lightning_fast = 1", False),  # no dotted part
    ("m.evaluate()", False), ("class Net(Module): pass", False),  # `Module` alone is no evidence
])
def test_the_model_evidence_trigger_reads_each_part(text, found):
    assert matches(MODEL_EVIDENCE, text) is found


def test_the_model_evidence_trigger_lets_through_every_file_forward_structure_passes():
    # The trigger stands for `_model_evidence`, the first condition of the structural check.
    for fixture in sorted((Path(__file__).parent.parent / "fixtures").rglob("*.py")):
        text = fixture.read_text(encoding="utf-8")
        if "syntax-error" not in fixture.parts and forward_structure(ast.parse(text)):
            assert matches(MODEL_EVIDENCE, text), fixture


@pytest.mark.parametrize("text, found", [
    ("lr = base * (1 - t / T) ** 0.9", True), ("lr = base * (1 - t / T) \\\n    ** 0.9", True),
    ("lr = base * ((1 - t / T)  # decay\n    ** 0.9)", True),
    ("f(**kwargs)\nx = 1 - t", False), ("x = t ** 2\ny = 1 - t", False),  # no bracketed base
])
def test_the_polynomial_decay_trigger_needs_a_bracketed_base(text, found):
    assert select(["poly-decay-past-horizon"])[0].triggered_by(text) is found


def test_a_discarded_call_on_the_first_line_is_a_candidate():
    assert forward_candidates("net(x)\ny = net\n") is True
    assert forward_candidates("y = 1; net(x)\nz = net\n") is True


@pytest.mark.parametrize("text, suspicious", [
    ("x = 1\n" * 400 + "y = [" + "0, " * 1700 + "]\n" + "z = 2\n", True),  # a long line in the middle
    ("x = 1\n" * 400 + "y = [" + "0, " * 1600 + "]\n", False),  # 4,805 characters
    ("x = 1\r" * 400 + "y = [" + "0, " * 1700 + "]\r", True),  # CR-only lines are one line to `^`
])
def test_a_very_long_line_anywhere_is_suspicious(text, suspicious):
    assert _suspicious.__wrapped__(text) is suspicious


@pytest.mark.parametrize("source, possible", [
    ("from collections import deque as q\ndef f(a=q()):\n    pass\n", True),
    ("from collections import deque as q\ndef f(a=None):\n    pass\n", False),  # no call as a default
    ("def f(a=(1, 2)):\n    pass\nimport collections as list\n", False),
])
def test_a_renamed_callee_matters_only_with_a_call_as_a_default(source, possible):
    assert mutable_default_signature(source) is possible
