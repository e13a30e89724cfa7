"""Unit tests of the analysis layer's facts (reviewer/analysis) on small snippets, and fact-level
metamorphic checks (renamed identifiers, equivalent guards) where the answers do not depend on names."""

import re
import textwrap

import libcst as cst
import pytest

from reviewer.analysis import FileAnalysis
from reviewer.analysis import objects as o
from reviewer.analysis import values as v
from reviewer.analysis.lr import FUNCTION, STEPPED
from reviewer.analysis.tree import code, dotted_name, free_reads, mode_switch
from reviewer.analysis.units import EPOCHS, ITERATIONS


def analyse(source):
    text = textwrap.dedent(source)
    return FileAnalysis(cst.parse_module(text), text, "snippet.py")

def reads(a, name):
    """The Name nodes that read `name`, in source order."""
    return [n for n in a.index.all(cst.Name) if n.value == name and not a.index.is_store(n)]

def assigned(a, name, nth=-1):
    """The value of the nth `name = value` statement."""
    return [s.value for s in a.index.all(cst.Assign)
            if type(s.targets[0].target) is cst.Name and s.targets[0].target.value == name][nth]

def node(a, kind, text, nth=0):
    return [n for n in a.index.all(kind) if a.code(n).strip() == text][nth]

def function(a, name):
    return a.index.functions_by_name[name][0]

def model(a, name):
    return a.index.classes_by_name[name][0]

def returned(a, fn):
    return a.index.of_type(function(a, fn) if isinstance(fn, str) else fn, cst.Return)[0].value

def zero_answers(source, nth=0):
    """For the nth divisor of the snippet: whether each of its forms can be 0 where it is used."""
    a = analyse(source)
    d = [n for n in a.index.all(cst.BinaryOperation) if type(n.operator) is cst.Divide][nth].right
    return [a.numbers.zero_possible(f, d) for f in a.numbers.forms(d)]

def rename(source, mapping):
    pattern = r"\b(" + "|".join(map(re.escape, mapping)) + r")\b"
    return re.sub(pattern, lambda m: mapping[m.group(1)], textwrap.dedent(source))

# -- scopes and bindings ------------------------------------------------------------------------
SCOPES = """
x = 1
def f():
    global x
    x = 2
def g(): return x
def outer():
    y = 1
    def inner():
        nonlocal y
        y = 2
    return y
class C:
    z = 1
    def m(self, p=z): return z
def d(p=x):
    q = [x for x in range(3)]
    fn = lambda x: x + 1
    return x
"""

def test_bindings_follow_python_scoping():
    """`global`/`nonlocal` bind in the owning scope; class bodies are invisible to their methods but
    not to defaults; comprehensions and lambdas have their own scopes."""
    a = analyse(SCOPES)
    assert [a.code(b.statement) for b in a.index.scope(a.module).bindings["x"]] == ["x = 1", "x = 2"]
    f_scope = a.index.scope(function(a, "f"))
    assert "x" not in f_scope.bindings and f_scope.globals == {"x"}
    read_in_g = reads(a, "x")[0]
    assert a.index.function_of(read_in_g) is function(a, "g")
    assert [a.code(b.value) for b in a.index.bindings(read_in_g)] == ["1", "2"]
    y_bindings = a.index.bindings(reads(a, "y")[0])
    assert [a.code(b.value) for b in y_bindings] == ["1", "2"]
    assert all(b in a.index.scope(function(a, "outer")).bindings["y"] for b in y_bindings)
    assert "y" not in a.index.scope(function(a, "inner")).bindings
    default, in_method = reads(a, "z")
    assert [(b.kind, b.scope.kind) for b in a.index.bindings(default)] == [("assign", "class")]
    assert a.index.bindings(in_method) == [] and a.values.origins(in_method)[0].kind == v.UNKNOWN
    default, in_comp, in_lambda, after = reads(a, "x")[1:]
    assert [a.code(b.value) for b in a.index.bindings(default)] == ["1", "2"]
    assert [(b.kind, b.scope.kind) for b in a.index.bindings(in_comp)] == [("for", "comprehension")]
    assert [(b.kind, b.scope.kind) for b in a.index.bindings(in_lambda)] == [("param", "lambda")]
    assert [b.scope.kind for b in a.index.bindings(after)] == ["module", "function"]
    assert a.index.function_of(in_comp) is function(a, "d")

def test_conditional_and_guards():
    a = analyse("""
    def f(c, xs):
        a()
        if c:
            b()
        else:
            b()
        if c: d()
        for x in xs: e()
        try: g()
        except Exception: h()
        j() if c else None
        c and k()
        if c: n()
        elif xs: o()
    """)
    f = function(a, "f")
    facts = {a.code(c.func): (a.index.conditional(c, f), [a.code(g.test) for g in a.index.guards(c, f)])
             for c in a.index.all(cst.Call)}
    assert facts == {"a": (False, []), "b": (False, []), "d": (True, ["c"]), "e": (True, []), "g": (False, []),
                     "h": (True, []), "j": (True, []), "k": (True, []), "n": (True, ["c"]), "o": (True, ["xs", "c"])}

def test_class_model_writes_reads_and_calls():
    a = analyse("""
    class K:
        def __init__(self, a):
            self.x, self.y = a, 2
            setattr(self, "z", 3)
            self.n = 0
        def step(self):
            self.n += 1
            self.helper()
            return lambda: self.x
        def helper(self): return self.y
        @staticmethod
        def st(v): return v
        if True:
            def hidden(self): pass
    """)
    k = model(a, "K")
    assert sorted(k.methods) == ["__init__", "helper", "st", "step"]
    writes = {attr: [(a.code(w.value), w.operator, w.path, w.method.name.value) for w in ws]
              for attr, ws in k.writes.items()}
    assert writes == {"x": [("a", None, (0,), "__init__")], "y": [("2", None, (1,), "__init__")],
                      "z": [("3", None, (), "__init__")],
                      "n": [("0", None, (), "__init__"), ("1", cst.AddAssign, (), "step")]}
    assert sorted(k.reads) == ["helper", "n", "x", "y"]  # `+=` reads; the lambda sees self
    assert k.calls["step"] == {"helper"} and k.calls["helper"] == set()
    assert k.self_names.get(id(k.methods["st"])) is None and k.self_names[id(k.methods["step"])] == "self"

def test_qualified_names_callee_and_calls_of():
    a = analyse("""
    from torch import optim
    import torch.nn as nn
    from torch.optim.lr_scheduler import *
    x = optim.lr_scheduler.StepLR
    y = nn.Linear
    z = StepLR
    def helper(v): return v
    class K:
        def run(self): return self.go()
        def go(self): return 1
    sq = lambda t: t * t
    helper(1)
    k = K()
    k.go()
    sq(2)
    """)
    assert a.qualified(assigned(a, "x")) == a.qualified(assigned(a, "z")) == "torch.optim.lr_scheduler.StepLR"
    assert a.qualified(assigned(a, "y")) == "torch.nn.Linear"
    go = model(a, "K").methods["go"]
    assert a.callee(node(a, cst.Call, "k.go()")) is go
    assert a.callee(node(a, cst.Call, "K()")) is model(a, "K").node
    assert type(a.callee(node(a, cst.Call, "sq(2)"))) is cst.Lambda
    assert [a.code(c) for c in a.calls_of(go)] == ["self.go()", "k.go()"]
    assert [a.code(c) for c in a.calls_of(function(a, "helper"))] == ["helper(1)"]

# -- value origins ------------------------------------------------------------------------------
VALUES = """
import argparse, torch
from dataclasses import dataclass, field
parser = argparse.ArgumentParser()
parser.add_argument("--warmup-iters", type=int, default=500)
parser.add_argument("-w", "--warmup-epochs", default=0)
parser.add_argument("--lr", dest="learning_rate", type=float)
args = parser.parse_args()
r_iters = args.warmup_iters
r_epochs = args.warmup_epochs
r_lr = args.learning_rate
@dataclass
class Config:
    epochs: int = 90
    warm: float = field(default=0.5)
def train(cfg: Config):
    r_field = cfg.epochs
    r_warm = cfg.warm
config = {"warmup": 5, "total": 100}
r_cfg = config["warmup"]
def uses(c): r_key = c["warmup"]
class S:
    def __init__(self, optimizer, total=10):
        self.total = total
        self.gamma = 0.5
    def step(self):
        r_gamma = self.gamma
        r_total = self.total
        r_unknown = self.unknown
def pair(): return 1, (2, 3)
p, (q1, q2) = pair()
r_unpacked = q2
m, opt, sch = accelerator.prepare(net, torch.optim.SGD([], lr=1), torch.optim.lr_scheduler.StepLR(o, 1))
r_prepared = sch
r_instance = S(None)
r_model = torch.nn.Linear(2, 2).cuda()
for i in range(3): r_loop = i
acc = 0
acc += 1
r_acc = acc
args.num_steps = 7
r_assigned = args.num_steps
r_ifexp = 3 if acc else -4
"""

#: name -> its origins as (kind, label, literal value, default, declared type)
ORIGINS = {
    "r_iters": [(v.SETTING, "warmup_iters", None, "500", "int")],  # argparse, `type=int`
    "r_epochs": [(v.SETTING, "warmup_epochs", None, "0", "int")],  # `-w/--warmup-epochs`, type of its default
    "r_lr": [(v.SETTING, "learning_rate", None, None, "float")],  # `dest=`
    "r_field": [(v.SETTING, "epochs", None, "90", "int")],  # a dataclass field
    "r_warm": [(v.SETTING, "warm", None, "0.5", "float")],  # `field(default=...)`
    "r_cfg": [(v.SETTING, "warmup", None, "5", "int")],  # a config dict's key, its value the default
    "r_key": [(v.SETTING, "warmup", None, None, None)],  # a subscript of a parameter
    "r_gamma": [(v.CONST, None, 0.5, None, None)],  # an attribute set in `__init__`
    "r_total": [(v.PARAM, "total", None, "10", None)],  # ... to a parameter
    "r_unknown": [(v.ATTRIBUTE, "unknown", None, None, None)],  # nothing in the file sets it
    "r_unpacked": [(v.CONST, None, 3, None, None)],  # nested unpacking of what `pair()` returns
    "r_prepared": [(v.CALL, "torch.optim.lr_scheduler.StepLR", None, None, None)],  # a pass-through
    "r_instance": [(v.INSTANCE, "S", None, None, None)],
    "r_model": [(v.CALL, "torch.nn.Linear", None, None, None)],  # `.cuda()` gives its receiver
    "r_loop": [(v.LOOP, "i", None, None, None)],
    "r_acc": [(v.CONST, None, 0, None, None), (v.UPDATED, "acc", None, None, None)],
    "r_assigned": [(v.CONST, None, 7, None, None)],  # `args.num_steps = 7` runs before the read
    "r_ifexp": [(v.CONST, None, 3, None, None), (v.CONST, None, -4, None, None)],
}

@pytest.mark.parametrize("name", sorted(ORIGINS))
def test_value_origins(name):
    a = analyse(VALUES)
    found = [(x.kind, x.key or x.qualified or (x.binding.name if x.binding else None) or (
        x.model.name if x.model else None), x.value, a.code(x.default) if x.default is not None else None,
        x.declared_type) for x in a.values.origins(assigned(a, name))]
    assert found == ORIGINS[name]

def test_reaching_definitions_and_constants():
    a = analyse("""
    def f(c, w):
        x = 1
        x = 2
        r1 = x
        y = 1
        if c: y = 2
        r2 = y
        z = 1
        for _ in range(3):
            r3 = z
            z = 2
        w = max(1, w)
        r4 = w
    """)
    assert a.values.constant(assigned(a, "r1")) == 2
    assert [x.value for x in a.values.origins(assigned(a, "r2"))] == [1, 2]
    assert [x.value for x in a.values.origins(assigned(a, "r3"))] == [1, 2]
    assert [a.code(b.value) for b in a.values.reaching(assigned(a, "r4"))] == ["max(1, w)"]
    assert [b.kind for b in a.values.reaching(reads(a, "w")[0])] == ["param"]  # the read in `max(1, w)`
    b = analyse(VALUES)
    assert b.code(b.values.origins(assigned(b, "r_iters"))[0].receiver) == "args"
    assert b.values.constant(assigned(b, "r_unpacked")) == 3
    assert b.values.constant(assigned(b, "r_ifexp")) is None and b.values.constant(assigned(b, "r_acc")) is None

# -- numbers ------------------------------------------------------------------------------------
def guarded(body):
    return "def f(total, warmup, c):\n" + textwrap.indent(textwrap.dedent(body), "    ")

DIVISORS = {
    "plain": ("return 1 / (total - warmup)", [True]),
    "if": ("if total > warmup:\n    return 1 / (total - warmup)", [False]),
    "if_not_strict": ("if total >= warmup:\n    return 1 / (total - warmup)", [True]),
    "else_of_equal": ("if total == warmup:\n    return 0\nelse:\n    return 1 / (total - warmup)", [False]),
    "not_equal": ("if total != warmup:\n    return 1 / (total - warmup)", [False]),
    "chained": ("if 0 < warmup < total:\n    return 1 / (total - warmup)", [False]),
    "scaled": ("if 2 * total > 2 * warmup:\n    return 1 / (total - warmup)", [False]),
    "assert": ("assert total > warmup\nreturn 1 / (total - warmup)", [False]),
    "early_return": ("if total <= warmup:\n    return 0\nreturn 1 / (total - warmup)", [False]),
    "early_raise": ("if total == warmup:\n    raise ValueError\nreturn 1 / (total - warmup)", [False]),
    "no_exit": ("if total <= warmup:\n    print(c)\nreturn 1 / (total - warmup)", [True]),
    "max_1": ("return 1 / max(1, total - warmup)", [False]),
    "max_0": ("return 1 / max(0, total - warmup)", [True]),
    "clamped_local": ("span = total - warmup\nspan = max(1, span)\nreturn 1 / span", [False]),
    "local": ("span = total - warmup\nreturn 1 / span", [True]),
    "elif_else": ("if total < warmup:\n    return 0\nelif total == warmup:\n    return 1\n"
                  "else:\n    return 1 / (total - warmup)", [False]),
    "elif_body": ("if total < warmup:\n    return 0\nelif total > warmup:\n    return 1 / (total - warmup)",
                  [False]),
    "elif_not_strict": ("if total < warmup:\n    return 0\nelif total >= warmup:\n"
                        "    return 1 / (total - warmup)", [True]),
    "elif_exits": ("if c:\n    return 0\nelif total < warmup:\n    return 0\nelif total == warmup:\n"
                   "    return 0\nreturn 1 / (total - warmup)", [False]),
    "elif_partial_exit": ("if total < warmup:\n    return 0\nelif c:\n    print(c)\nelif total == warmup:\n"
                          "    return 0\nreturn 1 / (total - warmup)", [True]),
    "if_else_exits": ("if total <= warmup:\n    if c:\n        return 0\n    else:\n        raise ValueError\n"
                      "return 1 / (total - warmup)", [False]),
    "elif_chain_exits": ("if total <= warmup:\n    if c:\n        return 0\n    elif d:\n        return 1\n"
                         "    else:\n        return 2\nreturn 1 / (total - warmup)", [False]),
    "if_else_one_falls": ("if total <= warmup:\n    if c:\n        return 0\n    else:\n        print(c)\n"
                          "return 1 / (total - warmup)", [True]),
    "if_without_else": ("if total <= warmup:\n    if c:\n        return 0\nreturn 1 / (total - warmup)", [True]),
    # a branch that falls through leaves what its own statements leave
    "exit_in_each_branch": ("if c:\n    if total <= warmup:\n        return 0\nelse:\n    if total < warmup + 1:\n"
                            "        return 1\nreturn 1 / (total - warmup)", [False]),
    "exit_in_one_branch": ("if c:\n    if total <= warmup:\n        return 0\nelse:\n    print(c)\n"
                           "return 1 / (total - warmup)", [True]),
    "assert_in_each_branch": ("if c:\n    assert total > warmup\nelif d:\n    assert total > warmup\nelse:\n"
                              "    return 0\nreturn 1 / (total - warmup)", [False]),
    "nested_exit": ("if c:\n    if total <= warmup:\n        return 0\n    return 1 / (total - warmup)", [False]),
    "ifexp": ("return 1 / (total - warmup) if total > warmup else 0.0", [False]),
    "and": ("return total > warmup and 1 / (total - warmup)", [False]),
    "or": ("return total <= warmup or 1 / (total - warmup)", [False]),
    "while": ("while total > warmup:\n    c = 1 / (total - warmup)", [False]),
    "caught": ("try:\n    return 1 / (total - warmup)\nexcept ZeroDivisionError:\n    return 0", [False]),
    "not_caught": ("try:\n    return 1 / (total - warmup)\nexcept KeyError:\n    return 0", [True]),
    "constant_offset": ("return 1 / (total - 1)", [True]),
    "constant_guard": ("if total > 1:\n    return 1 / (total - 1)", [False]),
    "truthy": ("if total:\n    return 1 / total", [False]),
    "range_from_1": ("for i in range(1, total):\n    c = 1 / i", [False]),
    "range_from_0": ("for i in range(total):\n    c = 1 / i", [True]),
    "range_below_total": ("for i in range(warmup, total):\n    c = 1 / (total - i)", [False]),
    "range_to_total": ("for i in range(warmup, total + 1):\n    c = 1 / (total - i)", [True]),
    "len": ("return 1 / len(c)", [True]),
    "len_guard": ("if len(c) > 0:\n    return 1 / len(c)", [False]),
    # a quotient or product of values never negative is never negative (`x < warmup` needs warmup > 0)
    "quotient_below": ("return 1 / warmup if c / total < warmup else 0", [False]),
    "difference_below": ("return 1 / warmup if c - total < warmup else 0", [True]),
    "product_below": ("if c * total < warmup:\n    return 1 / warmup", [False]),
    "product_at_most": ("if c * total <= warmup:\n    return 1 / warmup", [True]),
    "half_product_below": ("if c * 0.5 * total < warmup:\n    return 1 / warmup", [False]),
    "signed_product_below": ("if (c - total) * c < warmup:\n    return 1 / warmup", [True]),
    # `is None` tests: a validation that exits for a set value, then a branch for a set value
    "none_validated": ("if c is not None and c <= 0:\n    raise ValueError\nif c is not None:\n    return 1 / c",
                       [False]),
    "none_unvalidated": ("if c is None and c <= 0:\n    raise ValueError\nif c is not None:\n    return 1 / c",
                         [True]),
    "none_of_another": ("if total is not None and c <= 0:\n    raise ValueError\nif c is not None:\n    return 1 / c",
                        [True]),
    "none_negated": ("if not (c is None or c > 0):\n    raise ValueError\nif c is not None:\n    return 1 / c",
                     [False]),
}

@pytest.mark.parametrize("case", sorted(DIVISORS))
def test_divisor_zero_possible(case):
    body, expected = DIVISORS[case]
    assert zero_answers(guarded(body)) == expected


HELPER = """
def f(it, total, warmup):
    if it < warmup:
        return 0
    if it > total:
        return 0
    return 1 / (total - warmup)
"""
# The helper's own guards allow it == warmup == total; what its callers know of the
# arguments decides (litgpt stops before `it == max_iters`, nanoGPT after).
CALLERS = {
    "stops_first": ("for it in c:\n    if it >= total:\n        break\n    f(it, total, warmup)", [False]),
    "stops_first_keywords": ("for it in c:\n    if it >= total:\n        break\n"
                             "    f(total=total, warmup=warmup, it=it)", [False]),
    "stops_after": ("it = 0\nwhile True:\n    f(it, total, warmup)\n    it += 1\n    if it > total:\n"
                    "        break", [True]),
    "one_caller_stops_after": ("for it in c:\n    if it >= total:\n        break\n    f(it, total, warmup)\n"
                               "f(total, total, warmup)", [True]),
    "two_values": ("for it in c:\n    if it >= total:\n        break\n    f(it if c else total, total, warmup)",
                   [True]),
}
# What the caller passes is unknown, or the helper's guard is on a name that is not its
# parameter: the caller's own `it`, guarded, says nothing of it.
UNKNOWN = {
    "unpacked": (HELPER, "def run(total, warmup, it):\n    if it >= total:\n        return\n"
                         "    f(*[it, total, warmup])\n"),
    "global_in_helper": (HELPER.replace("def f(it, total, warmup):", "def f(total, warmup):"),
                         "def run(total, warmup, it):\n    if it >= total:\n        return\n    f(total, warmup)\n"),
}


@pytest.mark.parametrize("case", sorted(CALLERS))
def test_a_callers_guards_reach_the_helpers_division(case):
    body, expected = CALLERS[case]
    caller = "def run(total, warmup, c):\n" + textwrap.indent(body, "    ") + "\n"
    assert zero_answers(HELPER + "\n\n" + caller) == expected


@pytest.mark.parametrize("case", sorted(UNKNOWN))
def test_a_callers_guards_on_names_the_helper_does_not_get_prove_nothing(case):
    helper, caller = UNKNOWN[case]
    assert zero_answers(helper + "\n\n" + caller) == [True]


COUNTER = """
class Ramp:
    def __init__(self):
        self.t = 0
    def step(self):
        ADVANCE
        return 1 / self.t
    def load_state_dict(self, state):
        self.t = state["t"]
"""


@pytest.mark.parametrize("advance, zero", [
    ("self.t += 1", False),
    ("self.t = self.t + 1", False),
    ("self.t = (1 + self.t)", False),
    ("self.t = self.t - 1", True),
    ("self.t = self.t + 0", True),
])
def test_a_counter_advanced_before_its_read_is_not_zero(advance, zero):
    """`+= 1` and `= itself + 1` are the same advance; a value restored in `load_state_dict` is
    one the counter held, not a start of its own."""
    assert any(zero_answers(COUNTER.replace("ADVANCE", advance))) is zero

def test_linear_forms_atoms_and_evidence():
    a = analyse("""
    def f(total, warmup, xs, args, span=0):
        r1 = 2 * total - warmup / 4 + 3
        r2 = args.warmup - len(xs)
        if warmup == 0: return 1
        for i in range(total): pass
    """)
    [form] = a.numbers.forms(assigned(a, "r1"))
    assert form.terms == {("v", "total"): 2, ("v", "warmup"): pytest.approx(-0.25)} and form.const == 3
    assert {atom.kind for atom in form.atoms.values()} == {"param"}
    [form] = a.numbers.forms(assigned(a, "r2"))
    assert {atom.kind: (atom.label, form.terms[key]) for key, atom in form.atoms.items()} == {
        "setting": ("warmup", 1), "length": ("len(xs)", -1)}
    assert a.numbers.zero_evidence("warmup") == "the code compares it with 0"
    assert a.numbers.zero_evidence("span") == "its default is 0" and a.numbers.zero_evidence("total") is None
    assert a.numbers.count_evidence("total") and not a.numbers.count_evidence("warmup")

def test_a_product_of_two_atoms_is_one_atom_keyed_by_its_factors():
    a = analyse("""
    def f(n, w, k, s):
        p1 = k * w
        p2 = 2 * w * k
        p3 = (n - w) * k
        p4 = (n - w + s) * (k - s + n)
    """)
    [first], [second] = a.numbers.forms(assigned(a, "p1")), a.numbers.forms(assigned(a, "p2"))
    product = ("product", ("v", "k"), ("v", "w"))
    assert first.terms == {product: 1} and second.terms == {product: 2}
    assert first.atoms[product].label == "k * w" and first.atoms[product].lower == 0
    [third] = a.numbers.forms(assigned(a, "p3"))
    assert third.atoms[next(iter(third.terms))].kind == "opaque"  # (n - w) * k: not multiplied out
    [expanded] = a.numbers.expanded(assigned(a, "p3"))
    assert expanded.terms == {("product", ("v", "k"), ("v", "n")): 1, product: -1} and expanded.const == 0
    assert a.numbers.expanded(assigned(a, "p4")) == []  # too many terms to multiply out

def test_a_statement_both_branches_hold_alike_runs_whichever_runs():
    a = analyse("""
    def f(c, d, n):
        if c:
            t = n + 1
            if d:
                u = 1
            else:
                u = 1
        else:
            t = n + 1
            u = 2
        done = t
    """)
    index = a.index
    [first_t, _], [done] = [s for s in index.all(cst.Assign) if code(s.targets[0].target) == "t"], [
        s for s in index.all(cst.Assign) if code(s.targets[0].target) == "done"]
    first_u = next(s for s in index.all(cst.Assign) if code(s.targets[0].target) == "u")
    assert not index.dominates(first_t, done) and index.dominates(first_t, done, alike=True)
    assert not index.dominates(first_u, done, alike=True)  # alike in the inner `if`, not in the outer

def test_a_remainder_by_a_value_never_negative_is_at_least_0_and_below_it():
    a = analyse("""
    def f(step, cycle, x):
        r1 = step % cycle
        r2 = step % (x - 3)
    """)
    [first] = a.numbers.forms(assigned(a, "r1"))
    assert a.numbers.lower_bound(assigned(a, "r1")) == 0
    [[below]] = first.assumptions  # cycle - r1 > 0
    assert dict(below.terms) == {("v", "cycle"): 1, next(iter(first.terms)): -1} and below.strict
    [second] = a.numbers.forms(assigned(a, "r2"))  # a divisor that may be negative: nothing known
    assert a.numbers.lower_bound(assigned(a, "r2")) is None and second.assumptions == [[]]

def test_validations_where_settings_enter_cover_their_uses():
    cls = """
    class S:
        def __init__(self, total, warmup):
            {check}
            self.total = total
            self.warmup = warmup
        def f(self): return 1 / (self.total - self.warmup)
    """
    assert zero_answers(cls.format(check="pass")) == [True]
    assert zero_answers(cls.format(check="assert warmup < total")) == [False]
    check = "def check(total, {other}):\n    if total <= {other}:\n        raise ValueError('bad')\n"
    assert zero_answers(check.format(other="warmup") + guarded("return 1 / (total - warmup)")) == [False]
    assert zero_answers(check.format(other="other") + guarded("return 1 / (total - warmup)")) == [True]

def test_counter_read_after_increment():
    cls = """
    class S:
        def __init__(self): self.t = {start}
        def step(self):
            self.t += 1
            return 1 / self.t
    """
    a = analyse(cls.format(start=0))
    forms = a.numbers.forms(returned(a, "step").right)
    assert [(f.const, [atom.kind for atom in f.atoms.values()]) for f in forms] == [(1, []), (0, ["counter"])]
    assert zero_answers(cls.format(start=0)) == [False, False]
    assert zero_answers(cls.format(start=-1)) == [True, True]

PERIOD = """
class Cyclic:
    def __init__(self, warmup, size):
        self.warmup = warmup
        self.size = size
        self.i = 0
    def get_lr(self):
        if self.i >= self.warmup:
            READ
        ADVANCE
        RESET
    SET
"""


@pytest.mark.parametrize("advance, reset, setter, zero", [
    ("self.i += 1", "if self.i == self.size:\n            self.i = 0", "", False),
    ("self.i = self.i + 1", "if self.i == self.size:\n            self.i = 0", "", False),
    ("self.i += 1", "if self.i >= self.size:\n            self.i = 0", "", False),
    ("self.i += 1", "if self.size == self.i:\n            self.i = 0", "", False),
    ("self.i += 1", "if self.size == self.i: self.i = 0", "", False),
    # no reset, a reset at another value, or after more than it reaches the period
    ("self.i += 1", "pass", "", True),
    ("self.i += 1", "if self.i == self.size:\n            self.i = 1", "", True),
    ("self.i += 1", "if self.i > self.size:\n            self.i = 0", "", True),
    ("self.i += 2", "if self.i == self.size:\n            self.i = 0", "", True),
    # something runs between the advance and the reset, or the period changes later
    ("self.i += 1", "print(self.i)\n        if self.i == self.size:\n            self.i = 0", "", True),
    ("self.i += 1", "if self.i == self.size:\n            self.i = 0",
     "def shrink(self):\n        self.size -= 1", True),
    # other writes of 0 keep it below the period; of anything else, they do not
    ("self.i += 1", "if self.i == self.size:\n            self.i = 0",
     "def restart(self):\n        self.i = 0", False),
    ("self.i += 1", "if self.i == self.size:\n            self.i = 0",
     "def jump(self):\n        self.i = 5", True),
    # the reset in a helper, in both branches of an `if`, or in one branch only
    ("self.i += 1", "if self.i == self.size:\n            self.wrap()",
     "def wrap(self):\n        self.i = 0", False),
    ("self.i += 1", "if self.warmup:\n            if self.i >= self.size:\n                self.i = 0\n"
     "        else:\n            if self.size <= self.i:\n                self.i = 0", "", False),
    ("self.i += 1", "if self.warmup:\n            if self.i >= self.size:\n                self.i = 0", "", True),
])
def test_a_counter_reset_at_its_period_stays_below_it(advance, reset, setter, zero):
    """`i` goes back to 0 when it reaches `size`: where `i >= warmup`, `size - warmup` > 0."""
    source = (PERIOD.replace("READ", "return 1 / (self.size - self.warmup)").replace("ADVANCE", advance)
              .replace("RESET", reset).replace("SET", setter))
    assert any(zero_answers(source)) is zero


def test_a_counter_read_between_its_advance_and_reset_can_reach_the_period():
    source = (PERIOD.replace("READ", "pass").replace("ADVANCE", "self.i += 1\n        if self.i >= self.warmup:\n"
                                                                 "            x = 1 / (self.size - self.warmup)")
              .replace("RESET", "if self.i == self.size:\n            self.i = 0").replace("SET", ""))
    assert zero_answers(source) == [True]


def test_a_period_set_by_a_helper_only_init_calls_is_fixed():
    source = (PERIOD.replace("self.size = size", "self.resize(size)")
              .replace("READ", "return 1 / (self.size - self.warmup)").replace("ADVANCE", "self.i += 1")
              .replace("RESET", "if self.i == self.size:\n            self.i = 0")
              .replace("SET", "def resize(self, size):\n        self.size = size"))
    assert zero_answers(source) == [False]
    assert any(zero_answers(source + "c = Cyclic(0, 1)\nc.resize(0)\n"))


RATIO = """
def ratio(step, warmup):
    if step > warmup:
        return 1.0
    return step / warmup

def run(batches, warmup):
    for t, batch in enumerate(batches):
        CALL
"""


@pytest.mark.parametrize("call, zero", [
    ("ratio(t + 1, warmup)", False),
    ("ratio(step=1 + t, warmup=warmup)", False),
    ("ratio(max(t, 1), warmup)", False),
    ("ratio(t, warmup)", True),
    ("ratio(t - 1 + 1, warmup)", True),
    ("ratio(t + 1, warmup)\n        ratio(t, warmup)", True),
])
def test_what_every_call_passes_bounds_the_parameter_from_below(call, zero):
    """Each call passes a step of at least 1, and the helper returns above `warmup`: a zero
    `warmup` never reaches the division. One call that may pass 0 is enough to reach it."""
    assert zero_answers(RATIO.replace("CALL", call)) == [zero]


@pytest.mark.parametrize("divisor, zero", [
    ("min(max(r * n, 1), 3)", False),
    ("min(n + 2, max(n, 1))", False),
    ("min(n, 3)", True),
    ("min(max(r * n, 1), c - 1)", True),
])
def test_a_minimum_is_at_least_the_least_lower_bound_of_its_arguments(divisor, zero):
    assert zero_answers(guarded(f"n = total\nr = warmup\nreturn 1 / {divisor}")) == [zero]


PARTIAL = """
import functools

def warm(lr, length, it):
    if it <= length:
        return lr * it / length
    return lr

def make(lr, total, ratio):
    length = LENGTH
    return functools.partial(warm, lr, length)
"""


@pytest.mark.parametrize("length, zero", [
    ("min(max(ratio * total, 1), 3)", False),
    ("max(1, ratio * total)", False),
    ("total", True),
])
def test_a_partial_application_passes_its_arguments(length, zero):
    assert zero_answers(PARTIAL.replace("LENGTH", length)) == [zero]
    # without the partial, the function's own guards decide
    assert zero_answers(PARTIAL.replace("LENGTH", length).replace("functools.partial(warm, lr, length)", "0")) == [True]


def test_what_a_partial_leaves_to_its_later_call_is_not_the_callers_variable():
    """`it` is passed when the partial is called, not the `it` the caller tested."""
    source = """
import functools

def warm(total, it):
    return 1 / (total - it)

def make(total, it):
    if total > it:
        return functools.partial(warm, total)
"""
    assert zero_answers(source) == [True]
    assert zero_answers(source.replace("functools.partial(warm, total)", "warm(total, it)")) == [False]


TWO_PASSES = """
def ratio(step, warmup):
    if step > warmup:
        return 1.0
    return step / warmup

def step(groups, others, warmup):
    for g in groups:
        FIRST
    for g in SECOND:
        ratio(g["step"], warmup)
"""


@pytest.mark.parametrize("first, second, zero", [
    ('g["step"] += 1', "groups", False),
    ('print(g)\n        g["step"] += 1', "groups", False),
    # an element skipped before its advance, another collection, or no advance
    ('if g is None:\n            continue\n        g["step"] += 1', "groups", True),
    ('g["step"] += 1', "others", True),
    ('g["step"] = 0', "groups", True),
    ('if g:\n            g["step"] += 1', "groups", True),
])
def test_an_entry_advanced_in_an_earlier_pass_over_the_same_elements(first, second, zero):
    """An optimizer advances `group["step"]` in one loop over its groups and reads it in a
    second loop over the same groups (ranger21): there it is at least its start plus one."""
    source = TWO_PASSES.replace("FIRST", first).replace("SECOND", second)
    assert zero_answers('def init(g):\n    g["step"] = 0\n' + source) == [zero]


OWN_VALUE = """
import math
class Warm:
    def __init__(self, w=0, last=-1):
        self.w = w
        self.t = last
    def rate(self):
        if self.t < self.w:
            return self.t / self.w
        return 1.0
    def step(self, epoch=None):
        if epoch is None:
            epoch = self.t STEP
        self.t = math.floor(epoch)
"""


@pytest.mark.parametrize("step, zero", [("+ 1", False), ("+ 2", False), ("- 1", True)])
def test_a_counter_set_from_its_own_value_through_a_local_is_a_counter(step, zero):
    """`epoch = self.t + 1; self.t = floor(epoch)` advances `t`: never negative, so `t < w`
    needs `w > 0`. Counting down leaves it free to go below 0."""
    assert any(zero_answers(OWN_VALUE.replace("STEP", step))) is zero


def test_forms_found_inside_a_cycle_are_not_kept_for_later():
    """Inside the cycle `self.t` is cut short to one counter; asked directly afterwards, the
    read in `step()` has the forms it has when asked first."""
    source = OWN_VALUE.replace("STEP", "+ 1")

    def step_read_forms(first_the_rate):
        a = analyse(source)
        reads = [n for n in a.index.all(cst.Attribute)
                 if a.code(n) == "self.t" and type(a.index.parent(n)) is not cst.AssignTarget]
        rate_read, step_read = reads[0], reads[-1]  # `if self.t < self.w`, `epoch = self.t + 1`
        if first_the_rate:
            a.numbers.forms(rate_read)
        return sorted((sorted(f.terms.items()), f.const) for f in a.numbers.forms(step_read))

    assert step_read_forms(True) == step_read_forms(False)


MANY_VALUES = """
class Cycle:
    def __init__(self, w=0, n=10, last=-1):
        self.w, self.n, self.m = w, n, n
        self.i = last
    def rate(self):
        if self.i == -1:
            return 0.0
        if self.i < self.w:
            return self.i / self.w
        return 1.0
    def step(self, epoch=None):
        if epoch is None:
            ADVANCE
            if self.i >= self.m:
                self.i = self.i - self.m
                self.m = int((self.m - self.w) * 2) + self.w
        elif epoch >= self.n:
            self.i = epoch - int(self.n * (2 ** epoch - 1))
            self.m = self.n * 2 ** epoch
        else:
            self.i = epoch
"""


@pytest.mark.parametrize("advance, zero", [("self.i = self.i + 1", False), ("self.i = self.m - self.n", True)])
def test_a_counter_with_too_many_values_to_follow_is_one_counter(advance, zero):
    """Past a few alternatives a counter's values are not followed one by one: it is one
    counter, never negative, so `i < w` needs `w > 0`. An attribute that nothing advances
    stays its values, and with too many of them the guard says nothing."""
    assert any(zero_answers(MANY_VALUES.replace("ADVANCE", advance))) is zero


CHOSEN = """
class Warm:
    def __init__(self, total, n=None):
        self.n = int(0.1 * total) if TEST else n
    def ratio(self, t):
        if t >= self.n:
            return 1.0
        return t / self.n
"""


@pytest.mark.parametrize("test, zero", [("n is None", False), ("not isinstance(n, int)", False), ("n > 0", True)])
def test_an_attribute_chosen_once_at_set_up_is_one_value_where_it_is_read(test, zero):
    """The guard and the divisor read the same choice: `t < self.n` with `t >= 0` makes it
    positive, whichever branch set it. A numeric test keeps the branches apart."""
    assert any(zero_answers(CHOSEN.replace("TEST", test))) is zero


# -- torch objects ------------------------------------------------------------------------------
OBJECTS = """
import torch, torch.nn as nn, torchvision
from torch.optim import lr_scheduler as ls
from torch.utils.data import DataLoader
from torch.nn.parallel import DistributedDataParallel as DDP
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
class Base(nn.Module): pass
class Deep(Base): pass
model = Net()
deep = Deep()
wrapped = DDP(Net().to("cuda"))
crit = nn.CrossEntropyLoss()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
sched = ls.StepLR(opt, 10)
sched2 = torch.optim.lr_scheduler.StepLR(optimizer=opt, step_size=10)
loader = DataLoader([1, 2, 3], batch_size=2)
scaler = torch.cuda.amp.GradScaler()
def both(net, x):
    net.eval()
    return net(x)
def rebound(net, x):
    net = net.cuda()
    return net(x)
def only_eval(net): net.eval()
def only_called(net, x): return net(x)
def annotated(a: torch.optim.Optimizer, b: torch.optim.lr_scheduler.LRScheduler): return a, b
def typed(a: torchvision.models.VGG, b: nn.Linear, c: nn.Parameter, d: nn.Module): return a, b, c, d
class Vision(torchvision.models.ResNet): pass
class Weight(nn.Parameter): pass
def passed(net): net.step()
passed(sched)
class Trainer:
    def __init__(self, o): self.scheduler = ls.CosineAnnealingLR(o, T_max=10)
    def end(self): self.scheduler.step()
"""

KINDS = {"model": o.MODEL, "deep": o.MODEL, "wrapped": o.MODEL, "crit": None, "opt": o.OPTIMIZER,
         "sched": o.SCHEDULER, "loader": o.LOADER, "scaler": o.SCALER}
NETS = {"both": o.MODEL, "rebound": o.MODEL, "only_eval": None, "only_called": None,  # called and `.eval()`
        "passed": o.SCHEDULER}  # every call passes a scheduler

def net_kind(a, fn):
    return a.objects.kind([n for n in reads(a, "net") if a.index.function_of(n) is function(a, fn)][-1])

def test_object_kinds_and_in_file_module_classes():
    a = analyse(OBJECTS)
    assert {name: a.objects.kind(assigned(a, name)) for name in KINDS} == KINDS
    assert {fn: net_kind(a, fn) for fn in NETS} == NETS
    first, second = a.index.of_type(function(a, "annotated").body, cst.Name)
    assert (a.objects.kind(first), a.objects.kind(second)) == (o.OPTIMIZER, o.SCHEDULER)
    # torchvision's model classes and torch.nn's layers are models; a Parameter is a tensor
    assert [a.objects.kind(n) for n in a.index.of_type(function(a, "typed").body, cst.Name)] == [
        o.MODEL, o.MODEL, None, o.MODEL]
    assert (a.objects.class_kind(model(a, "Vision")), a.objects.class_kind(model(a, "Weight"))) == (o.MODEL, None)
    assert a.objects.kind(node(a, cst.Attribute, "self.scheduler", 1)) == o.SCHEDULER
    [instance] = a.objects.of(assigned(a, "model"))
    assert instance.model.name == "Net" and instance.qualified is None
    assert a.objects.class_kind(model(a, "Deep")) == o.MODEL and a.objects.class_kind(model(a, "Trainer")) is None
    assert a.objects.has_parameters(model(a, "Net")) and not a.objects.has_parameters(model(a, "Base"))

CONTAINERS = """
import torch.nn as nn

class Stacked(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.ReLU(), nn.Sequential(nn.Linear(8, 2)))

class Listed(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(8, 8) for _ in range(n)])

class Empty(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList()

class Spread(nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.body = nn.Sequential(*layers)

class Activations(nn.Module):
    def __init__(self):
        super().__init__()
        self.act = nn.Sequential(nn.ReLU(), nn.Sequential(nn.Dropout(0.1)))
"""


def test_a_container_holds_the_parameters_of_what_it_is_given():
    """`nn.Sequential(nn.Linear(...))` holds parameters; one of activations alone holds none;
    one built empty, or from names the file does not show, may hold any."""
    a = analyse(CONTAINERS)
    assert {name: a.objects.has_parameters(model(a, name)) for name in ("Stacked", "Listed", "Empty", "Spread", "Activations")} \
        == {"Stacked": True, "Listed": True, "Empty": True, "Spread": True, "Activations": False}


def test_scheduler_through_module_alias_and_its_optimizer():
    a = analyse(OBJECTS)
    [made] = a.objects.schedulers(assigned(a, "sched"))
    assert (made.qualified, made.scheduler.name) == ("torch.optim.lr_scheduler.StepLR", "StepLR")
    assert a.code(a.objects.optimizer_of(made)) == "opt"
    assert a.objects.is_a(a.objects.optimizer_of(made), o.OPTIMIZER)
    [by_keyword] = a.objects.schedulers(assigned(a, "sched2"))
    assert a.code(a.objects.optimizer_of(by_keyword)) == "opt"
    assert [a.code(c) for c, _ in a.objects.constructions(o.SCHEDULER)] == [
        "ls.StepLR(opt, 10)", "torch.optim.lr_scheduler.StepLR(optimizer=opt, step_size=10)",
        "ls.CosineAnnealingLR(o, T_max=10)"]

# -- loops and units ----------------------------------------------------------------------------
TRAINING = """
import torch
from torch.utils.data import DataLoader
model = torch.nn.Linear(2, 2)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
dl = DataLoader([1, 2, 3])
"""
LOOPS = TRAINING + """
sched = torch.optim.lr_scheduler.StepLR(opt, 10)
def fit(n, k, m):
    by_epoch = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=n)
    by_step = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=n * len(dl))
    unknown = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=m)
    for ep in range(n):
        for i, xb in enumerate(dl):
            loss = model(xb).sum()
            loss.backward()
            if (i + 1) % k == 0:
                opt.step()
                opt.zero_grad()
        sched.step()
"""

def test_loop_over_dataloader_is_batch_loop_inside_epoch_loop():
    a = analyse(LOOPS)
    outer, inner = a.index.all(cst.For)
    assert a.loops.is_batch_loop(inner) and not a.loops.is_epoch_loop(inner)
    assert a.loops.is_epoch_loop(outer) and not a.loops.is_batch_loop(outer)
    assert a.loops.trains_directly(inner) and not a.loops.trains_directly(outer)
    assert a.loops.counters(inner) == {"i", "xb"} and a.loops.counters(outer) == {"ep"}
    step = node(a, cst.Call, "opt.step()")
    assert a.loops.enclosing(step) == [inner, outer]
    assert a.code(a.loops.optimizer_stepped(step)) == "opt"
    assert a.loops.optimizer_stepped(node(a, cst.Call, "sched.step()")) is None
    assert [a.code(g.test) for g in a.loops.accumulation_guards(inner)] == ["(i + 1) % k == 0"]
    sites = [(a.code(s.call), s.conditional, len(s.loops), len(s.guards)) for s in a.loops.calls(outer)]
    assert sites[3:] == [("loss.backward()", True, 1, 0), ("opt.step()", True, 1, 1), ("opt.zero_grad()", True, 1, 1),
                         ("sched.step()", False, 0, 0)]
    assert [a.code(s.call) for s in a.loops.calls(outer, into_loops=False)] == ["enumerate(dl)", "sched.step()"]

@pytest.mark.parametrize("test,expected", [
    ("(i + 1) % k == 0", True), ("accelerator.sync_gradients", True), ("(i + 1) % accum_iter == 0", True),
    ("i % 10 == 0", False), ("i > 3", False),
])
def test_accumulation_tests(test, expected):
    a = analyse(LOOPS.replace("(i + 1) % k == 0", test))
    assert bool(a.loops.accumulation_guards(a.index.all(cst.For)[1])) is expected

def test_an_accumulation_test_returned_by_a_function_of_the_file():
    source = LOOPS.replace("(i + 1) % k == 0", "boundary(i, k)") + (
        "\ndef boundary(i, k):\n    return (i + 1) % k == 0\n")
    a = analyse(source)
    inner = a.index.all(cst.For)[1]
    assert [a.code(g.test) for g in a.loops.accumulation_guards(inner)] == ["boundary(i, k)"]
    direct = analyse(LOOPS)
    lengths = direct.loops.accumulation_length_expressions(direct.loops.accumulation_guards(direct.index.all(cst.For)[1]))
    assert [a.code(e) for e in a.loops.accumulation_length_expressions(a.loops.accumulation_guards(inner))] \
        == [direct.code(e) for e in lengths] == ["k", "0"]
    two_returns = source.replace("    return (i + 1) % k == 0", "    if k:\n        return (i + 1) % k == 0\n    return i > 3")
    b = analyse(two_returns)  # two returns: which one tests, the call does not say
    assert not b.loops.accumulation_guards(b.index.all(cst.For)[1])

EARLY_EXITS = """
def train(model, loader, opt, sched, accum):
    for i, (x, y) in enumerate(loader):
        model(x, y).backward()
        sched.step()
        if (i + 1) % accum:
            continue
        opt.step()
        if i > 100:
            log(i)
            break
        opt.zero_grad()
"""

def test_an_early_exit_guards_the_statements_after_it():
    a = analyse(EARLY_EXITS)
    loop = a.index.all(cst.For)[0]
    sites = {a.code(s.call): s for s in a.loops.calls(loop)}
    assert [a.code(e.test) for e in sites["opt.step()"].exits] == ["(i + 1) % accum"]
    assert sites["opt.step()"].conditional and not sites["opt.step()"].guards
    assert not sites["sched.step()"].exits and not sites["sched.step()"].conditional
    # an exit inside a branch guards the rest of that branch only; `break` counts as well
    assert len(sites["opt.zero_grad()"].exits) == 2 and len(sites["log(i)"].exits) == 1
    assert [a.code(g.test) for g in a.loops.accumulation_guards(loop)] == ["(i + 1) % accum"]

def test_a_one_line_early_exit_guards_too():
    a = analyse(EARLY_EXITS.replace("if (i + 1) % accum:\n            continue", "if (i + 1) % accum: continue"))
    sites = {a.code(s.call): s for s in a.loops.calls(a.index.all(cst.For)[0])}
    assert [a.code(e.test) for e in sites["opt.step()"].exits] == ["(i + 1) % accum"]

def test_a_raise_is_no_early_exit():
    a = analyse(EARLY_EXITS.replace("continue", "raise ValueError(i)"))
    sites = {a.code(s.call): s for s in a.loops.calls(a.index.all(cst.For)[0])}
    assert not sites["opt.step()"].exits and not sites["opt.step()"].conditional

def test_statement_calls_follow_the_functions_of_the_file():
    a = analyse("""
    def body(m, x):
        m(x).backward()

    def run(m, x):
        body(m, x)
    """)
    statement = function(a, "run").body.body[0]
    assert [a.code(s.call) for s in a.loops.statement_calls([statement])] == [
        "body(m, x)", "m(x).backward()", "m(x)"]

@pytest.mark.parametrize("forward,waits", [
    ("return self.q(x[:, torch.randint(4, (2,))])", True),
    ("picked = torch.arange(2)\n            return self.q(x[:, picked])", True),
    ("return self.q(x[:, torch.arange(2, device=x.device)])", False),
    ("return self.q(x).max().item()", True),
    ("return self.helper(x)", True),
    ("return self.q(x)", False),
])
def test_a_model_that_waits_for_the_gpu(forward, waits):
    from reviewer.analysis.devices import model_synchronises
    a = analyse(f"""
    import torch

    class Net(torch.nn.Module):
        def helper(self, x):
            return x.cpu()

        def forward(self, x):
            {forward}
    """)
    assert model_synchronises(a, model(a, "Net")) is waits

def test_a_loop_variable_holds_what_the_elements_of_a_built_list_hold():
    a = analyse("""
    import torch
    from torch.optim.lr_scheduler import ReduceLROnPlateau, StepLR

    opts = [torch.optim.SGD(p, lr=1) for p in groups]
    for s in [ReduceLROnPlateau(o) for o in opts]:
        s.step()
    for t in (StepLR(opts[0], 3), ReduceLROnPlateau(opts[1])):
        t.step()
    for i, u in enumerate([StepLR(opts[0], 3)]):
        u.step()
    for w in given:
        w.step()
    """)
    kinds = {name: [x.qualified.rsplit(".", 1)[-1] if x is not None else None for x in a.objects.of(reads(a, name)[0])]
             for name in ("s", "t", "u", "w")}
    assert kinds == {"s": ["ReduceLROnPlateau"], "t": ["StepLR", "ReduceLROnPlateau"], "u": [None], "w": [None]}

def test_units_of_horizons():
    a = analyse(LOOPS)
    assert a.units.bounds == {"n": EPOCHS}
    horizons = [a.units.horizon(made) for _, made in a.objects.constructions(o.SCHEDULER)]
    assert [(h[0], a.code(h[1])) if h else None for h in horizons] == [
        None, (EPOCHS, "n"), (ITERATIONS, "n * len(dl)"), None]  # StepLR has no horizon; `m` says nothing

def test_a_horizon_no_longer_than_the_epoch_count_counts_epochs():
    a = analyse("""
    import torch
    from torch.optim.lr_scheduler import MultiStepLR, StepLR

    HP = {"epochs": 160, "milestones": [80, 120], "late": [80, 200]}

    def train(net, loader, opt, decay_every=3000):
        short = MultiStepLR(opt, milestones=HP["milestones"])
        late = MultiStepLR(opt, milestones=HP["late"])
        long = StepLR(opt, step_size=decay_every)
        ep = 0
        while HP["epochs"] > ep:
            for x in loader:
                net(x).sum().backward()
                opt.step()
            ep = ep + 1

    def steps(net, loader, opt, total=100):
        sched = StepLR(opt, step_size=10)
        it = 0
        while it < total:
            for x in loader:
                net(x).sum().backward()
                opt.step()
                sched.step()
                it += 1
    """)
    horizons = {a.code(call.args[1].value): a.units.horizon(made) for call, made in a.objects.constructions(o.SCHEDULER)}
    # a `while` whose counter a batch loop inside advances bounds no epochs, and the epoch
    # loops of another function that has loops of its own say nothing of `steps`' horizon
    assert {code: h[0] if h else None for code, h in horizons.items()} == {
        'HP["milestones"]': EPOCHS, 'HP["late"]': None, "decay_every": None, "10": None}


def test_an_entry_of_a_dict_an_attribute_holds_is_a_field_of_the_class():
    a = analyse("""
    class Ramp:
        def __init__(self, n):
            self.state = {"step": 0, "peak": n}

        def step(self, key):
            self.state["step"] += 1
            other = {}
            other["step"] = 0
            self.state[key] = 1
            return self.state["peak"] * self.state["step"]
    """)
    ramp = model(a, "Ramp")
    writes = {field: [(w.method.name.value, a.code(w.value)) for w in found] for field, found in ramp.writes.items()}
    assert writes == {"state": [("__init__", '{"step": 0, "peak": n}')], "state['step']": [("__init__", "0"), ("step", "1")],
                      "state['peak']": [("__init__", "n")]}
    assert [a.code(r) for r in ramp.reads["state['step']"]] == ['self.state["step"]', 'self.state["step"]']
    target = [w.target for w in ramp.writes["state['step']"] if w.method.name.value == "step"][0]
    assert a.index.self_field(target) == (ramp, "state['step']")
    assert a.index.self_field(node(a, cst.Subscript, 'other["step"]')) is None


def test_sources_follow_a_parameter_to_every_call_and_a_holder_to_what_it_holds():
    a = analyse("""
    import torch

    def step(net, opt):
        cfg = {"net": net}
        cfg["net"].zero_grad()
        opt.step()

    def main(make):
        model = make()
        other = make()
        step(model, torch.optim.SGD(model.parameters(), lr=0.1))
        other.zero_grad()
    """)
    zeroed = [call.func.value for call in a.index.calls_named("zero_grad")]
    stepped = [call.func.value for call in a.index.calls_named("step")][0]
    optimized = a.objects.optimized_sources(stepped)
    assert optimized and v.sources(a, zeroed[0]) == optimized
    assert not v.sources(a, zeroed[1]) & optimized


def test_epoch_loop_through_a_function_and_other_batch_loops():
    a = analyse(TRAINING + """
def train_one_epoch(m, data, o):
    for xb in data:
        m(xb).backward()
        o.step()
def fit(n):
    for q in range(n): train_one_epoch(model, dl, opt)
    it = iter(dl)
    while True: model(next(it)).backward()
    for j in range(len(dl)): pass
""")
    per_batch, per_epoch, by_length = a.index.all(cst.For)
    [by_next] = a.index.all(cst.While)
    assert a.loops.is_batch_loop(per_batch) and a.loops.is_epoch_loop(per_epoch)
    assert not a.loops.is_batch_loop(per_epoch)
    assert a.loops.is_batch_loop(by_next) and a.loops.is_batch_loop(by_length)
    assert [loops for loops, _ in a.loops.contexts(node(a, cst.Call, "o.step()"))] == [[per_batch]]
    assert a.loops.steps_optimizer(node(a, cst.Call, "train_one_epoch(model, dl, opt)")) == \
        "the optimizer step in `train_one_epoch()`"

# -- learning-rate flow -------------------------------------------------------------------------
LR = """
import math, torch
class Warm:
    def __init__(self, optimizer, total):
        self.optimizer = optimizer
        self.total = total
        self.base = optimizer.param_groups[0]["lr"]
        self.t = 0
    def step(self):
        self.t += 1
        self._apply(self.base * self.t / self.total)
    def _apply(self, value):
        for group in self.optimizer.param_groups: group["lr"] = value
    def reset(self): self.t = 0
class Factor:
    def __init__(self, peak):
        self.peak = peak
        self.n = 0
    def __call__(self):
        self.n += 1
        return self.peak * min(1.0, self.n / 100)
    def flat(self): return self.peak * 2
class Flat:
    def __init__(self, peak): self.peak = peak
    def __call__(self): return self.peak
class Resets:
    def __init__(self): self.k = 0
    def step(self): self.k = 0
class Sub(torch.optim.lr_scheduler.LRScheduler):
    def get_lr(self): return [b for b in self.base_lrs]
def lr_at(x, total):
    return 0.1 * (1 + math.cos(math.pi * x / total)) / 2
def train(opt, loader, total):
    done = 0
    for i, batch in enumerate(loader):
        frac = i / total
        opt.param_groups[0]["lr"] = lr_at(i, total)
        opt.step()
        done += 1
    const_lr = 0.1 / total
    late = done * 2
    rec = {}
    rec["lr"] = const_lr
def make(opt, w):
    fn = lambda e: min(1.0, (e + 1) / w)
    return torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda=fn)
"""

#: class -> (is scheduler-like, LR attributes, counters, returns a schedule)
CLASSES = {
    "Warm": (True, {"base"}, {"t"}, False),  # writes a param group's "lr"; `base` is read from one
    "Factor": (True, {"peak"}, {"n"}, True),  # only returns an LR attribute scaled by a counter
    "Flat": (False, {"peak"}, set(), False),  # returns the LR attribute, but nothing counts
    "Resets": (False, set(), {"k"}, False),  # set to an integer in set-up and again in a step: a counter
}

def class_facts(a, name):
    cls = model(a, name)
    return a.lr.is_scheduler_class(cls), a.lr.lr_attributes(cls), a.lr.counters(cls), a.lr.returns_schedule(cls)

@pytest.mark.parametrize("name", sorted(CLASSES))
def test_scheduler_like_classes(name):
    assert class_facts(analyse(LR), name) == CLASSES[name]

def test_per_step_methods_and_counter_use():
    a = analyse(LR)
    warm, factor, resets = model(a, "Warm"), model(a, "Factor"), model(a, "Resets")
    per_step = {name: a.lr.per_step(warm, m) for name, m in warm.methods.items()}
    assert per_step == {"__init__": False, "step": True, "_apply": True, "reset": False}
    assert a.lr.per_step(factor, factor.methods["__call__"]) and not a.lr.per_step(factor, factor.methods["flat"])
    assert a.lr.counter_used(warm, "t") and not a.lr.counter_used(resets, "k")
    sub = model(a, "Sub")
    assert a.objects.class_kind(sub) == o.SCHEDULER and a.lr.is_scheduler_class(sub)
    assert {"base_lrs", "_last_lr"} <= a.lr.lr_attributes(sub) and {"last_epoch", "_step_count"} <= a.lr.counters(sub)

def test_lr_sinks_and_param_groups():
    a = analyse(LR)
    assert [(a.code(s), a.code(t)) for s, t in a.lr.sinks(a.module)] == [
        ('group["lr"] = value', 'group["lr"]'), ('opt.param_groups[0]["lr"] = lr_at(i, total)',
                                                 'opt.param_groups[0]["lr"]')]  # not `rec["lr"]`
    assert a.lr.is_param_group(reads(a, "group")[0]) and not a.lr.is_param_group(reads(a, "rec")[0])
    warm = model(a, "Warm")
    assert a.lr.writes_lr(warm.methods["_apply"]) and a.lr.writes_lr(warm.methods["step"])
    assert not a.lr.writes_lr(warm.methods["__init__"])
    assert a.lr.context(node(a, cst.Assign, 'group["lr"] = value')) == STEPPED
    assert a.lr.feeds_lr(function(a, "lr_at")) and a.lr.context(returned(a, "lr_at")) == FUNCTION

def test_step_dependence_and_counters():
    a = analyse(LR)
    factor = model(a, "Factor")
    assert a.lr.step_dependent(returned(a, factor.methods["__call__"]))
    assert not a.lr.step_dependent(returned(a, factor.methods["flat"]))
    assert a.lr.step_dependent(assigned(a, "frac")) and a.lr.step_dependent(assigned(a, "late"))
    assert not a.lr.step_dependent(assigned(a, "const_lr"))
    assert a.lr.step_dependent(node(a, cst.Call, "lr_at(i, total)"))
    assert a.lr.step_dependent(returned(a, "lr_at"))  # its caller passes the loop index
    assert a.lr.is_counter(reads(a, "i")[0]) and not a.lr.is_counter(reads(a, "total")[-1])
    [lam] = a.index.all(cst.Lambda)  # the step LambdaLR passes its function counts
    assert [a.code(c.func) for c in a.lr.lambda_functions()[id(lam)]] == ["torch.optim.lr_scheduler.LambdaLR"]
    assert a.lr.is_counter(reads(a, "e")[0]) and a.lr.step_dependent(lam.body) and a.lr.context(lam.body) == STEPPED


# -- compounding updates ------------------------------------------------------------------------
DECAY = """
import math
class Decay:
    def __init__(self, optimizer, lr, gamma):
        self.optimizer = optimizer
        self.lr = lr
        self.gamma = gamma
        self.epoch = 0
    def step(self):
        self.epoch += 1
        UPDATE
        for g in self.optimizer.param_groups: g["lr"] = self.lr
"""

def compounding(source):
    a = analyse(source)
    return a, list(a.updates.compounding.values())

def test_compounding_attribute_update():
    a, [update] = compounding(DECAY.replace("UPDATE", "self.lr = self.lr * (self.gamma ** self.epoch)"))
    assert (update.attr, update.model.name, update.function.name.value) == ("lr", "Decay", "step")
    assert a.code(update.own) == "self.lr" and [a.code(f) for f in update.factors] == ["self.gamma ** self.epoch"]
    assert not update.warmup and not update.aliased
    renamed = rename(DECAY, {"Decay": "D1", "gamma": "a1", "epoch": "a2", "g": "a3"})  # metamorphic
    _, [update] = compounding(renamed.replace("UPDATE", "self.lr = self.lr * (self.a1 ** self.a2)"))
    assert update.model.name == "D1" and update.attr == "lr"
    _, [update] = compounding(DECAY.replace("UPDATE", "self.lr = self.lr * self.epoch / self.gamma"))
    assert update.warmup and update.attr == "lr"

@pytest.mark.parametrize("update, warmup", [
    ("self.lr = self.lr * min(self.epoch, self.gamma) / self.gamma", True),   # a clamped counter still rises
    ("self.lr = self.lr * max(self.epoch, 1) / self.gamma", True),
    ("self.lr = self.lr * min(self.epoch, 10 - self.epoch) / self.gamma", False),  # not monotone: no ramp shown
    ("self.lr = self.lr * math.cos(min(self.epoch, self.gamma) / self.gamma)", False),  # a decay
    ("self.lr = self.lr * (0.1 + (1 - 0.1) * self.epoch / self.gamma)", True),  # a lerp's weight, scaled
    ("self.lr = self.lr * (1 - 0.9 * self.epoch / self.gamma)", False),  # falls: a decay
])
def test_a_clamped_counter_over_a_length_is_a_warm_up(update, warmup):
    _, [found] = compounding(DECAY.replace("UPDATE", update))
    assert found.warmup is warmup


@pytest.mark.parametrize("update", [
    "self.lr = self.lr * 0.5",  # a constant factor: chainable
    "self.lr *= self.gamma",
    "self.lr = self.lr * math.cos(self.epoch) / math.cos(self.epoch - 1)",  # ratio of closed forms
    "self.lr = 0.1 * math.cos(self.epoch)",  # set afresh
])
def test_not_compounding(update):
    assert compounding(DECAY.replace("UPDATE", update))[1] == []

def test_compounding_param_group_update():
    adjust = """
    def adjust_learning_rate(optimizer, epoch, base):
        for param_group in optimizer.param_groups:
            RESTORE
            param_group["lr"] = param_group["lr"] * (0.1 ** (epoch // 30))
    """
    a, [update] = compounding(adjust.replace("RESTORE", "pass"))
    assert update.attr is None and update.model is None and a.code(update.target) == 'param_group["lr"]'
    assert compounding(adjust.replace("RESTORE", 'param_group["lr"] = base'))[1] == []  # restored first

# -- grad mode ----------------------------------------------------------------------------------
def test_grad_mode():
    a = analyse("""
    import torch
    from torch import no_grad
    def a(m, x):
        with torch.no_grad(): r1 = m(x)
        r2 = m(x)
    @torch.no_grad()
    def b(m, x): r3 = m(x)
    @no_grad()
    def c(m, x): r4 = m(x)
    def d(m, x):
        torch.set_grad_enabled(False)
        r5 = m(x)
    def e(m, x):
        with torch.inference_mode(): r6 = m(x)
        with torch.inference_mode(False): r7 = m(x)
    def helper(m, x): return m(x)
    def f(m, x):
        with torch.no_grad(): helper(m, x)
    """)
    disabled = {f"r{k}": a.grad.disabled_at(assigned(a, f"r{k}")) for k in range(1, 8)}
    assert disabled == {"r1": True, "r2": False, "r3": True, "r4": True, "r5": True, "r6": True, "r7": False}
    assert a.grad.callers_disabled(function(a, "helper")) and not a.grad.callers_disabled(function(a, "a"))

# -- metamorphic checks at the fact level -------------------------------------------------------
@pytest.mark.parametrize("case", ["plain", "if", "if_not_strict", "assert", "early_return", "max_1", "elif_else",
                                  "elif_partial_exit", "range_below_total", "range_to_total", "caught"])
def test_renaming_settings_keeps_feasibility(case):
    body, expected = DIVISORS[case]
    source = guarded(body).replace("total", "total_steps").replace("warmup", "warmup_steps")
    renamed = rename(source, {"warmup_steps": "a1", "total_steps": "b2", "span": "s3", "i": "k4", "c": "z5"})
    assert "warmup" not in renamed and "total" not in renamed
    assert zero_answers(source) == zero_answers(renamed) == expected

@pytest.mark.parametrize("test", ["total > warmup", "warmup < total", "not total <= warmup", "total - warmup > 0",
                                  "0 < total - warmup", "total > warmup and c"])
def test_equivalent_guards_agree(test):
    assert zero_answers(guarded(f"if {test}:\n    return 1 / (total - warmup)")) == [False]
    assert zero_answers(guarded(f"if not ({test}):\n    return 0\nreturn 1 / (total - warmup)")) == [False]
    by_raise = guarded(f"if not ({test}):\n    raise ValueError\nreturn 1 / (total - warmup)")
    assert zero_answers(by_raise) == zero_answers(guarded(f"assert {test}\nreturn 1 / (total - warmup)")) == [False]

def test_renaming_keeps_object_kinds():
    names = {"model": "q1", "opt": "q2", "sched": "q3", "loader": "q4", "Net": "Q5", "net": "q6", "scaler": "q7",
             "crit": "q8", "wrapped": "q9", "deep": "q10", "Deep": "Q11", "Base": "Q12", "both": "f1"}
    renamed = analyse(rename(OBJECTS, names))
    assert {name: renamed.objects.kind(assigned(renamed, names[name])) for name in KINDS} == KINDS
    assert renamed.objects.kind(reads(renamed, "q6")[1]) == o.MODEL  # the parameter of `f1`
    [made] = renamed.objects.schedulers(assigned(renamed, "q3"))
    assert made.scheduler.name == "StepLR" and renamed.code(renamed.objects.optimizer_of(made)) == "q2"

def test_renaming_keeps_loop_classes():
    renamed = analyse(rename(LOOPS, {"ep": "a1", "i": "a2", "xb": "a3", "dl": "a4", "k": "a5", "n": "a6",
                                     "model": "a7", "opt": "a8", "loss": "a9", "fit": "a10"}))
    outer, inner = renamed.index.all(cst.For)
    assert renamed.loops.is_batch_loop(inner) and renamed.loops.is_epoch_loop(outer)
    assert [renamed.code(g.test) for g in renamed.loops.accumulation_guards(inner)] == ["(a2 + 1) % a5 == 0"]
    assert renamed.units.bounds == {"a6": EPOCHS}

def test_renaming_keeps_scheduler_class_facts():
    renamed = analyse(rename(LR, {"Warm": "W1", "base": "a1", "t": "a2", "total": "a3", "_apply": "a4",
                                  "value": "a5", "group": "a6", "Factor": "F1", "peak": "b1", "n": "b2"}))
    assert class_facts(renamed, "W1") == (True, {"a1"}, {"a2"}, False)
    assert class_facts(renamed, "F1") == (True, {"b1"}, {"b2"}, True)
    assert renamed.lr.per_step(model(renamed, "W1"), model(renamed, "W1").methods["a4"])


# -- fixed after the first run of these tests -------------------------------------------------
def test_a_comprehension_over_the_lr_attribute_compounds():
    a = analyse("""
    class Decay:
        def __init__(self, optimizer, gamma=0.5):
            self.optimizer, self.gamma = optimizer, gamma
            self.base_lrs = [g["lr"] for g in optimizer.param_groups]
            self.epoch = 0
        def step(self):
            self.epoch += 1
            self.base_lrs = [b * self.gamma ** self.epoch for b in self.base_lrs]
            for group, lr in zip(self.optimizer.param_groups, self.base_lrs):
                group["lr"] = lr
    """)
    [update] = a.updates.compounding.values()
    assert update.attr == "base_lrs" and update.aliased
    assert [a.code(f) for f in update.factors] == ["self.gamma ** self.epoch"]


@pytest.mark.parametrize("body, possible", [
    ("    if total > warmup:\n        pass\n    else:\n        return 0\n", False),
    ("    if total > warmup:\n        pass\n", True),
    ("    if total < warmup:\n        return 0\n    elif total > warmup:\n        pass\n    else:\n        raise ValueError\n", False),
    ("    if total < warmup:\n        return 0\n    elif total > warmup:\n        pass\n", True),
])
def test_an_exit_in_any_branch_of_an_if_chain_guards_what_follows(body, possible):
    assert zero_answers(f"def f(total, warmup):\n{body}    return 1 / (total - warmup)\n") == [possible]


def test_an_assignment_reads_its_own_earlier_value_around_a_loop():
    a = analyse("""
    def f(c):
        d = 2
        while c:
            d = d - 1
            x = 1 / d
    """)
    inner = reads(a, "d")[0]  # the d of `d - 1`
    assert sorted(a.code(b.value) for b in a.values.reaching(inner)) == ["2", "d - 1"]
    straight = analyse("def f():\n    d = 2\n    d = d - 1\n")
    assert [a2.value for a2 in straight.values.reaching(reads(straight, "d")[0])] == [assigned(straight, "d", 0)]


@pytest.mark.parametrize("source, disabled", [
    ("with torch.no_grad():\n    with torch.enable_grad():\n        y = m(x)\n", False),
    ("with torch.no_grad():\n    y = m(x)\n", True),
    ("with torch.enable_grad(), torch.no_grad():\n    y = m(x)\n", True),
    ("torch.set_grad_enabled(False)\ntorch.set_grad_enabled(True)\ny = m(x)\n", False),
    ("torch.set_grad_enabled(True)\ntorch.set_grad_enabled(False)\ny = m(x)\n", True),
    ("@torch.no_grad()\ndef f(m, x):\n    with torch.set_grad_enabled(True):\n        y = m(x)\n", False),
    ("@torch.enable_grad()\n@torch.no_grad()\ndef f(m, x):\n    y = m(x)\n", True),
    # a helper that sets the mode sets it for its caller (the mode is global), to three calls deep
    ("def off():\n    torch.set_grad_enabled(False)\noff()\ny = m(x)\n", True),
    ("def off():\n    torch.set_grad_enabled(False)\n    torch.set_grad_enabled(True)\noff()\ny = m(x)\n", False),
    ("def off():\n    if c:\n        torch.set_grad_enabled(False)\noff()\ny = m(x)\n", False),
    ("def a():\n    torch.set_grad_enabled(False)\ndef b():\n    a()\ndef c():\n    b()\nc()\ny = m(x)\n", True),
    ("def a():\n    torch.set_grad_enabled(False)\ndef b():\n    a()\ndef c():\n    b()\ndef d():\n    c()\n"
     "d()\ny = m(x)\n", False),
    ("def off():\n    torch.set_grad_enabled(False)\ny = m(x)\noff()\n", False),  # after the call only
])
def test_the_innermost_grad_setting_wins(source, disabled):
    a = analyse("import torch\n" + source)
    call = node(a, cst.Call, "m(x)")
    assert a.grad.disabled_at(call) is disabled and a.grad.off_at(call) is disabled


def test_a_torchscript_ignored_function_is_left_alone_but_records_gradients():
    a = analyse("import torch\n@torch.jit.unused\ndef f(m, x):\n    y = m(x)\n")
    call = node(a, cst.Call, "m(x)")
    assert a.grad.disabled_at(call) and not a.grad.off_at(call)


def test_a_comprehensions_first_iterable_is_evaluated_outside_it():
    a = analyse("""
    def f(items):
        return [items for items in items]
    class C:
        n = 3
        vals = [0 for _ in range(n)]
    """)
    first, last = reads(a, "items")
    assert [b.kind for b in a.index.bindings(first)] == ["for"]
    assert [b.kind for b in a.index.bindings(last)] == ["param"]
    assert [b.kind for b in a.index.bindings(reads(a, "n")[0])] == ["assign"]


def test_an_entry_read_after_its_increment_is_at_least_its_start_plus_one():
    source = """
    def init(state):
        state["step"] = 0
    def update(state):
        state["step"] += 1
        return 1 / state["step"]
    """
    answers = zero_answers(source)
    assert answers and not any(answers)
    assert any(zero_answers(source.replace('state["step"] += 1\n', 'pass\n')))


@pytest.mark.parametrize("code, names, attributes, stored", [
    ("scheduler.state_dict()", {"scheduler"}, {("scheduler", "state_dict")}, set()),
    ("f(x, key=y)", {"f", "x", "y"}, set(), set()),
    ("[t * k for t in ts]", {"k", "ts"}, set(), {"t"}),
    ("lambda step: step / total", {"total"}, set(), {"step"}),
    ("import torch.cuda\ntorch.cuda.synchronize()\n", set(), {("torch", "cuda")}, {"torch"}),
    ("self.last_lr = self.base_lr * f\n", {"self", "f"}, {("self", "base_lr"), ("self", "last_lr")}, set()),
    ("n += 1\n", {"n"}, set(), {"n"}),
    ("def g(a, b=c):\n    return a + d\n", {"c", "d"}, set(), {"g", "a", "b"}),
])
def test_free_reads(code, names, attributes, stored):
    node = cst.parse_module(code) if "\n" in code else cst.parse_expression(code)
    reads = free_reads([node])
    assert (reads.names, reads.attributes, reads.stored) == (names, attributes, stored)


STAND_INS = """
import torch
class Passes:
    def step(self): pass
class Ellipsis_:
    def step(self): ...
class Documented:
    def __init__(self): self.param_groups = [{"lr": 0}]
    def step(self):
        "nothing to do"
        return None
    def zero_grad(self, set_to_none=False): return
class Counts:
    def step(self): self.n = 1
class Branches:
    def step(self):
        if self: pass
class OnlyInit:
    def __init__(self): pass
def run(scheduler): scheduler.step()
sched = torch.optim.lr_scheduler.StepLR(torch.optim.SGD([], lr=0.1), 10)
run(sched)
run(STAND_IN())
"""


@pytest.mark.parametrize("stand_in, kind", [("Passes", o.SCHEDULER), ("Ellipsis_", o.SCHEDULER),
                                            ("Documented", o.SCHEDULER), ("Counts", None), ("Branches", None),
                                            ("OnlyInit", None)])
def test_a_parameter_is_what_the_calls_pass_that_pass_no_stand_in(stand_in, kind):
    """A call that passes an instance of a class whose methods (`__init__` aside) do nothing
    says nothing of the parameter: the scheduler passed at the other call is what it is."""
    a = analyse(STAND_INS.replace("STAND_IN", stand_in))
    [scheduler] = [n for n in a.index.of_type(function(a, "run").body, cst.Name) if n.value == "scheduler"]
    assert a.objects.kind(scheduler) == kind


CONSTRUCTED = """
import torch
class Wrapper:
    def __init__(self, optimizer, after=None, *, then=None):
        self.after, self.then = after, then
    METHOD
opt = torch.optim.SGD([], lr=0.1)
Wrapper(opt, torch.optim.lr_scheduler.StepLR(opt, 10), then=torch.optim.lr_scheduler.StepLR(opt, 5))
Wrapper(opt, after=torch.optim.lr_scheduler.StepLR(opt, 2), then=torch.optim.lr_scheduler.StepLR(opt, 3))
SUBCLASS
"""


@pytest.mark.parametrize("method, subclass, kind", [
    ("pass", "", o.SCHEDULER),
    ("pass", "class Sub(Wrapper):\n    def __init__(self): super().__init__(1)", None),
    ("@classmethod\n    def build(cls): return cls(1)", "", None),
    ("@staticmethod\n    def build(): return 1", "", o.SCHEDULER),
])
def test_an_init_parameter_is_what_the_constructions_of_its_class_pass(method, subclass, kind):
    """`Cls(...)` passes `__init__`'s parameters after `self`, by position or keyword; a class
    of the file that extends it, or a classmethod's `cls(...)`, calls `__init__` with other
    arguments, unknown here."""
    a = analyse(CONSTRUCTED.replace("SUBCLASS", subclass).replace("METHOD", method))
    init = function(a, "__init__")
    [assign] = a.index.of_type(init.body, cst.Assign)
    assert [a.objects.kind(element.value) for element in assign.value.elements] == [kind, kind]


MODEL_CLASS_PARAMETER = """
import torch
import gymnasium as gym
def prepare(module):
    module.eval()
def describe(value):
    return value.float()
def evaluate(path, Model: torch.nn.Module, envs):
    model = Model(envs).to("cpu")
    USE
    return model(torch.zeros(1))
"""


@pytest.mark.parametrize("use, class_, made", [
    ("model.eval()", None, o.MODEL),
    ("model.load_state_dict(torch.load(path)); model.parameters()", None, o.MODEL),
    ("Model(envs).train()", None, o.MODEL),
    ("prepare(model)", None, o.MODEL),  # the module's method is called in a function it is handed to
    ("describe(model)", o.MODEL, None),
    ("model.float()", o.MODEL, None),  # a tensor has `.float()`: the annotation stands
    ("model.state_dict()", o.MODEL, None),  # so has an optimizer `.state_dict()`
])
def test_a_parameter_whose_calls_give_modules_is_a_model_class(use, class_, made):
    """A parameter that the function calls, and whose call's result gets a method only a
    module has, is a model class whatever its annotation says: it is no model, and what its
    calls return is one."""
    a = analyse(MODEL_CLASS_PARAMETER.replace("USE", use))
    body = function(a, "evaluate").body
    [parameter] = [n for n in a.index.of_type(body, cst.Name) if n.value == "Model"][:1]
    [built] = [n for n in a.index.of_type(body, cst.Name) if n.value == "model"][-1:]
    assert a.objects.kind(parameter) == class_
    assert a.objects.kind(built) == made


@pytest.mark.parametrize("made_by, kind", [
    ("gym.vector.SyncVectorEnv([])", o.ENVIRONMENT), ("gym.make('CartPole-v1')", o.ENVIRONMENT),
    ("torch.optim.SGD([], lr=0.1)", o.OPTIMIZER), ("make_env()", None),
])
def test_an_environment_is_bound_by_its_package(made_by, kind):
    a = analyse(f"import torch\nimport gymnasium as gym\nenvs = {made_by}\nenvs.step(0)\n")
    [call] = a.index.calls_named("step")
    assert a.objects.kind(call.func.value) == kind


BUILT_ELSEWHERE = """
IMPORT
from ssd import build_ssd
def prepare(module):
    module.eval()
net = build_ssd("test", 300)
USE
out = net(frame)
"""


@pytest.mark.parametrize("imports, use, made", [
    ("import torch", "net.eval()", True),
    ("import torch", "net.parameters()", True),
    ("from torch import nn", "prepare(net)", True),  # a module's method in the function it is handed to
    ("import torch.nn as nn", "net = build_ssd('test').to('cuda').eval()", True),  # through `.to()`
    ("import torch", "net.load_state_dict(state)", True),  # called and given a state: no optimizer is called
    ("import torch", "net.float()", False),  # a tensor has that too
    ("import megengine as mge", "net.eval()", False),  # another framework's modules have `.eval()` too
    ("from .torch import helpers", "net.eval()", False),  # a relative import of a module named torch
])
def test_what_an_unknown_call_returns_is_a_model_when_it_gets_a_module_s_method(imports, use, made):
    """`net = build_ssd(...)` then `net.eval()`, in a file that imports torch: a model whose
    construction and layers the file does not show (`unshown`)."""
    a = analyse(BUILT_ELSEWHERE.replace("IMPORT", imports).replace("USE", use))
    [call] = [c for c in a.index.all(cst.Call) if dotted_name(c.func) == "net"]
    found = [(x.kind, x.unshown) for x in a.objects.of(call.func) if x is not None]
    assert found == ([(o.MODEL, True)] if made else []), found


@pytest.mark.parametrize("use", ["opt.load_state_dict(state)\nopt.step()", "opt(batch)\nopt.state_dict()"])
def test_a_state_loaded_into_something_never_called_is_no_model_evidence(use):
    """`load_state_dict` alone is an optimizer's too, and a callable with `state_dict` may be a
    pipeline: only a call together with `load_state_dict` shows a module."""
    a = analyse("import torch\nfrom builders import build\nopt = build(cfg)\n" + use + "\n")
    [read] = [n for n in a.index.all(cst.Name) if n.value == "opt" and not a.index.is_store(n)][:1]
    assert [x for x in a.objects.of(read) if x is not None] == []


@pytest.mark.parametrize("handed, kind", [
    ("LambdaLR(opt, lambda s: 1.0)", o.OPTIMIZER),
    ("LambdaLR(optimizer=opt, lr_lambda=lambda s: 1.0)", o.OPTIMIZER),
    ("make(opt)", o.OPTIMIZER),  # through a function of the file that builds the scheduler
    ("LambdaLR(other, lambda s: opt)", None),  # not the scheduler's optimizer
    ("print(opt)", None),
])
def test_a_parameter_handed_to_a_scheduler_as_its_optimizer_is_one(handed, kind):
    a = analyse(f"""
        from torch.optim.lr_scheduler import LambdaLR
        def make(o):
            return LambdaLR(o, lambda s: 1.0)
        def train(opt, other):
            {handed}
            opt.state_dict()
    """)
    [call] = [c for c in a.index.all(cst.Call) if code(c) == "opt.state_dict()"]
    assert a.objects.kind(call.func.value) == kind


def test_transformers_flax_and_tensorflow_classes_are_no_torch_models():
    a = analyse("""
        from transformers import AutoModelForMaskedLM, FlaxAutoModelForMaskedLM, TFBertModel
        torch_model = AutoModelForMaskedLM.from_pretrained("bert-base-uncased")
        flax_model = FlaxAutoModelForMaskedLM.from_pretrained("bert-base-uncased")
        tf_model = TFBertModel.from_pretrained("bert-base-uncased")
    """)
    assert [a.objects.kind(assigned(a, name)) for name in ("torch_model", "flax_model", "tf_model")] == [
        o.MODEL, None, None]


def test_a_binding_in_a_with_body_hides_the_earlier_ones_like_any_straight_line_binding():
    """peft's loop: `loss` bound under `autocast()`, backpropagated, then rebound to its
    detached copy; the next pass's read sees the `with` binding only."""
    a = analyse("""
        def train(model, loader, autocast, losses):
            for x in loader:
                with autocast():
                    loss = model(x)
                loss.backward()
                loss = loss.detach()
                losses.append(loss)
    """)
    backward, appended = [n for n in reads(a, "loss") if type(a.index.parent(n)) in (cst.Attribute, cst.Arg)][::2]
    assert [code(b.statement) for b in a.values.reaching(backward)] == ["loss = model(x)"]
    assert [code(b.statement) for b in a.values.reaching(appended)] == ["loss = loss.detach()"]


@pytest.mark.parametrize("call, mode", [
    ("m.train()", True), ("m.train(True)", True), ("m.train(mode=True)", True),
    ("m.eval()", False), ("m.train(False)", False),
    ("m.train(flag)", None), ("m.eval(1)", None), ("m.step()", None), ("train()", None),
])
def test_mode_switch_reads_the_mode_a_call_sets(call, mode):
    assert mode_switch(cst.parse_expression(call)) is mode


GUARDED_RESET = """
class Sched:
    def step(self, epoch=None):
        TEST
            self.n = 0
        else:
            self.n = epoch

    def other(self, epoch=None):
        pass

s = Sched()
CALLS
"""


@pytest.mark.parametrize("test, calls, reached", [
    ("if epoch is None:", "s.step()", True),
    ("if None is epoch:", "s.step()", True),
    ("if epoch is None:", "s.step(None)\ns.step()", True),
    ("if not (epoch is not None):", "s.step()", True),
    ("flag = epoch is None\n        if flag:", "s.step()", True),
    ("if epoch is None:", "s.step(3)", False),  # the other branch runs
    ("if epoch is None:", "s.step()\ns.step(e)", False),  # a call passes what only the run knows
    ("if epoch is None:", "s.other()", False),  # nothing in the file calls step: its callers may pass one
    ("if epoch is not None:\n            pass\n        elif True:", "s.step()", False),  # an `elif` that may skip it
    ("if epoch == 0:", "s.step()", False),  # only `is None` tests are read
    ("if epoch is not None:\n            pass\n        elif epoch is None:", "s.step()", True),
])
def test_a_guard_on_a_parameter_every_call_leaves_at_none_is_taken_on_every_run(test, calls, reached):
    a = analyse(GUARDED_RESET.replace("TEST", test).replace("CALLS", calls))
    reset = node(a, cst.Assign, "self.n = 0")
    assert v.always_reached(a, reset, function(a, "step")) is reached


def test_the_constants_given_a_parameter_and_the_numbers_among_them():
    a = analyse("""
        def f(x=None, y=2, z=0):
            return x, y, z
        f()
        f(None, 3)
        f(z="a")
    """)
    x, y, z = (reads(a, name)[0] for name in "xyz")
    assert v.constants_given(a, x) == [None, None, None] and v.numbers_given(a, x) is None
    assert sorted(v.constants_given(a, y)) == [2, 2, 3] and v.numbers_given(a, y) == {2.0, 3.0}
    assert v.constants_given(a, z) == [0, 0, "a"] and v.numbers_given(a, z) is None


@pytest.mark.parametrize("built, default", [
    ('dict(DEFAULTS, **(overrides or {}))', "0"),
    ('{**DEFAULTS, **(overrides or {})}', "0"),
    ('dict(DEFAULTS, span=5)', "5"),  # a keyword sets the entry whatever the copied dict holds
    ('{"span": 7, **overrides}', "7"),
    ('dict(overrides)', None),
])
def test_a_config_dict_merged_over_defaults_takes_its_defaults_from_them(built, default):
    a = analyse(f"""
        DEFAULTS = {{"span": 0}}
        def build(overrides=None):
            hp = {built}
            return hp["span"]
    """)
    [origin] = a.values.origins(returned(a, "build"))
    assert (origin.kind, a.code(origin.default) if origin.default is not None else None) == (v.SETTING, default)


def test_a_closure_sees_the_bindings_from_the_last_one_before_its_definition_on():
    a = analyse("""
        def build(hp, late):
            hp = dict(hp)
            late = 1
            def f(step):
                return hp, late
            late = 2
            return f
    """)
    hp, late = (reads(a, name)[-1] for name in ("hp", "late"))  # the closure's reads
    assert [code(b.statement) for b in a.values.reaching(hp)] == ["hp = dict(hp)"]
    assert [code(b.statement) for b in a.values.reaching(late)] == ["late = 1", "late = 2"]


def test_a_comprehension_that_runs_a_call_is_a_loop_over_what_it_iterates():
    a = analyse("""
        def step(x):
            sched.step()

        def epoch(loader, pairs):
            losses = [step(x) for x in loader]
            total = sum(step(x) for a in pairs for x in a)
            keys = {k: 1 for k in loader}
            return [loader for _ in range(3)]

        def direct(loader):
            return [s.step() for s in loader if s]
    """)
    [inner] = [c for c in a.index.all(cst.Call) if code(c) == "sched.step()"]
    assert [code(i) for i in a.loops.comprehended(inner)] == ["loader", "pairs", "a"]
    [outer] = [c for c in a.index.all(cst.Call) if code(c) == "s.step()"]
    assert [code(i) for i in a.loops.comprehended(outer)] == ["loader"]
    [iterated_only] = [c for c in a.index.all(cst.Call) if code(c) == "range(3)"]
    assert a.loops.comprehended(iterated_only) == []  # in the header, not the element


@pytest.mark.parametrize("trains, iterable, every_batch", [
    (True, "self.loader", True),     # a pass over the loader that trains
    (True, "range(steps)", False),   # a count: full-batch steps, or epochs
    (False, "self.items", False),    # nothing trains: a comprehension of another kind
    (False, "dl", True),             # the iterable is a loader by its construction
])
def test_a_comprehension_that_trains_on_each_item_is_a_pass_over_batches(trains, iterable, every_batch):
    a = analyse(f"""
        from torch.utils.data import DataLoader
        class T:
            def step(self, x):
                loss = self.model(x)
                {"loss.backward()" if trains else "print(loss)"}
                self.sched.step(loss.item())
            def epoch(self, steps, ds):
                dl = DataLoader(ds)
                return [self.step(x) for x in {iterable}]
    """)
    [stepped] = [c for c in a.index.all(cst.Call) if code(c) == "self.sched.step(loss.item())"]
    assert a.loops.batch_comprehension(stepped) is every_batch


@pytest.mark.parametrize("body, known", [
    ("epochs = 120; power = 0.9", True),        # values only: a namespace of settings
    ('"""Settings."""; power: float = 0.9', True),  # a docstring and an annotated value
    ("power = 0.9\n            def scale(self): return 2", False),  # a method: a class of its own
])
def test_a_class_that_only_holds_values_declares_settings(body, known):
    a = analyse(f"""
        class Cfg:
            {body}
        def build(cfg=Cfg):
            return cfg.power
    """)
    assert v.numbers_given(a, returned(a, "build"), uncalled_defaults=True) == ({0.9} if known else None)


@pytest.mark.parametrize("store, kind", [
    ("self.net = net.to(device).eval()", o.MODEL),  # a module's method on the parameter, the attribute called
    ("self.net = net", None),                       # called, but no module's method anywhere
])
def test_a_stored_parameter_is_a_model_by_what_the_class_does_with_both(store, kind):
    a = analyse(f"""
        import torch
        class P:
            def __init__(self, net, device):
                {store}
            def predict(self, x):
                return self.net(x)
    """)
    [call] = [c for c in a.index.all(cst.Call) if code(c) == "self.net(x)"]
    assert a.objects.kind(call.func) == kind


@pytest.mark.parametrize("use, measured", [
    ("print(len(loader))", True),   # the loader's length
    ("print(ds[0])", True),         # an item of the dataset
    ("print(len(other))", False),   # another object's length
    ("print(loader)", False),
])
def test_a_dataset_is_measured_by_its_length_or_items(use, measured):
    a = analyse(f"""
        from torch.utils.data import DataLoader
        def train(ds, other):
            loader = DataLoader(ds, batch_size=4)
            {use}
    """)
    [loader] = [c for c in a.index.all(cst.Call) if code(c).startswith("DataLoader(")]
    assert a.objects.measured(loader.args[0].value, loader) is measured


@pytest.mark.parametrize("line, found", [
    ("c = a @ b", "a @ b"),
    ("c = a + 1", "a + 1"),
    ("c = h @ h", None),  # made on the host
])
def test_arithmetic_on_a_tensor_made_on_the_gpu_is_cuda_work(line, found):
    from reviewer.analysis.devices import cuda_operation
    a = analyse(f"""
        import torch
        def f(n):
            a = torch.randn(n, n, device="cuda")
            b = a.cuda()
            h = torch.randn(n, n)
            {line}
    """)
    body = function(a, "f").body.body
    operation = cuda_operation(a, body[3:])
    assert (code(operation) if operation is not None else None) == found


@pytest.mark.parametrize("copied, kind", [
    ("deepcopy(net)", o.MODEL), ("copy.copy(net)", o.MODEL), ("deepcopy(net).half()", o.MODEL),
    ("deepcopy(net, memo)", None),  # not a plain copy of one value
])
def test_a_copy_is_what_it_copies(copied, kind):
    a = analyse(f"""
        import copy
        from copy import deepcopy
        from torch import nn
        net = nn.Sequential(nn.Linear(2, 2), nn.Dropout())
        kept = {copied}
    """)
    assert a.objects.kind(assigned(a, "kept")) == kind


def test_an_exit_stack_that_enters_no_grad_turns_recording_off_until_its_with_ends():
    a = analyse("""
        import torch
        from contextlib import ExitStack
        def run(model, loader):
            with ExitStack() as stack:
                model(0)
                stack.enter_context(torch.no_grad())
                for x in loader:
                    model(x)
            model(1)
    """)
    before, inside, after = [c for c in a.index.all(cst.Call) if code(c.func) == "model"]
    assert [a.grad.off_at(c) for c in (before, inside, after)] == [False, True, False]


def test_attributes_unpacked_from_a_method_s_tuple_hold_what_it_returns_there():
    a = analyse("""
        import torch
        from torch.optim.lr_scheduler import StepLR
        class T:
            def __init__(self, net):
                self.opt, self.sched = self.configure(net)
            def configure(self, net):
                opt = torch.optim.SGD(net.parameters(), lr=0.1)
                return opt, StepLR(opt, 3)
            def step(self):
                self.sched.step()
    """)
    [call] = [c for c in a.index.all(cst.Call) if code(c) == "self.sched.step()"]
    assert [k.name for k in a.objects.scheduler_kinds(call.func.value)] == ["StepLR"]


def test_an_entry_of_a_dict_parameter_defaults_to_what_the_callers_pass():
    a = analyse("""
        HP = {"steps": [16, 22], "epochs": 26}
        def make(hp):
            return hp["steps"]
        make(HP)
    """)
    [origin] = a.values.origins(returned(a, "make"))
    assert (origin.kind, code(origin.default)) == (v.SETTING, "[16, 22]")


@pytest.mark.parametrize("fallback, defaults", [
    ("hp if hp is not None else dict(HP)", ["[16, 22]", "[16, 22]"]),  # the parameter takes the fallback's entry
    ("hp or HP", ["[16, 22]", "[16, 22]"]),                            # `or`: one of the two
    ("hp if hp is not None else {}", [None, None]),                    # a fallback without the entry shows none
    ("hp if hp else {'steps': [3]}", [None, "[3]"]),                    # the parameter defaults to something else
])
def test_a_parameter_that_defaults_to_none_takes_its_fallback_s_entry(fallback, defaults):
    default = "None" if "hp else" not in fallback else "{}"
    a = analyse(f"""
        HP = {{"steps": [16, 22], "epochs": 26}}
        def make(hp={default}):
            hp = {fallback}
            return hp["steps"]
    """)
    origins = a.values.origins(returned(a, "make"))
    assert [(o.kind, code(o.default) if o.default is not None else None) for o in origins] == [
        (v.SETTING, d) for d in defaults]


@pytest.mark.parametrize("divided, unit", [
    ("len(train_set) / batch", ITERATIONS),   # the batches of an epoch
    ("len(train_set) // batch", ITERATIONS),
    ("len(other) / batch", None),             # not a loader's dataset
])
def test_a_dataset_s_length_over_a_batch_size_counts_iterations(divided, unit):
    a = analyse(f"""
        from torch.utils.data import DataLoader
        def f(train_set, other, batch):
            loader = DataLoader(train_set, batch_size=batch)
            n = {divided}
    """)
    assert a.units.of(assigned(a, "n")) == unit


@pytest.mark.parametrize("ramp, unit", [("2000", ITERATIONS), ("300", None), ("5", None)])
def test_a_length_ten_times_the_epochs_counts_iterations(ramp, unit):
    a = analyse(f"""
        def train(loader, opt):
            ramp = {ramp}
            for epoch in range(100):
                for x in loader:
                    x.backward()
                    opt.step()
            return ramp
    """)
    assert a.units.of(returned(a, "train")) == unit


@pytest.mark.parametrize("element, epoch_loop", [
    ("self.step(x)", True),    # trains on each batch: the loop around is over epochs
    ("self.score(x)", False),  # a comprehension that trains nothing
])
def test_a_loop_that_trains_through_a_comprehension_over_batches_is_an_epoch_loop(element, epoch_loop):
    a = analyse(f"""
        class T:
            def step(self, x):
                self.net(x).backward()
                self.opt.step()
            def score(self, x):
                return self.net(x)
            def fit(self, a4):
                for a5 in range(a4):
                    out = [{element} for x in self.loader]
    """)
    [loop] = a.index.all(cst.For)
    assert a.loops.is_epoch_loop(loop) is epoch_loop
    assert not a.loops.trains_directly(loop)


RAMPS = """
import math
def lr_at(step, peak, warm, total):
    ramp = (step + 1) / warm
    decay = 0.5 * (1 + math.cos(math.pi * step / total))
    return peak * ramp * decay
def range_test(step, start, n):
    return start * (step + 1) / n
def trained(opt, n):
    for step in range(n):
        for g in opt.param_groups:
            g["lr"] = lr_at(step, 0.1, 10, n) + range_test(step, 1e-7, n)
"""

def test_a_ratio_scales_a_decay_only_beside_another_factor_of_the_step():
    a = analyse(RAMPS)
    ramp, ranged = (n for n in a.index.all(cst.BinaryOperation) if type(n.operator) is cst.Divide and "+ 1" in a.code(n))
    assert a.lr.scales_a_decay(ramp)  # `peak * ramp * decay`, through the local
    assert not a.lr.scales_a_decay(ranged)  # `start * (step + 1) / n`: no other factor moves with the step


def test_assigned_to_finds_the_target_of_a_value_in_a_tuple():
    a = analyse("g, d = G(), D()\np = G(), D()\nx, y = p\nz = G()\nq = G(), D()\nu, v = q\nw = q\n")
    calls = [c for c in a.index.all(cst.Call)]
    targets = [a.index.assigned_to(c) for c in calls]
    assert [a.code(t[0]) if t else None for t in targets] == ["g", "d", "x", "y", "z", None, None]
    assert targets[0][1] is a.index.all(cst.Assign)[0] and targets[2][1] is a.index.all(cst.Assign)[2]


DATASETS = """
from torch.utils.data import DataLoader, Dataset, IterableDataset
class Rows(Dataset):
    def __getitem__(self, i): return i
    def __len__(self): return 3
class Stream(IterableDataset):
    def __iter__(self): yield 1
def load(ds):
    return DataLoader(ds)
def held(ds):
    cfg = {"data": ds}
    return DataLoader(cfg["data"])
def unknown(ds):
    return DataLoader(ds)
load(Rows())
load(Rows())
held(Rows())
mixed = load(Stream()) if False else None
"""

def test_a_dataset_is_followed_through_a_parameter_and_a_setting():
    a = analyse(DATASETS)
    first, second, third = (argument_value(c) for c in a.index.all(cst.Call) if a.code(c).startswith("DataLoader"))
    assert a.objects.map_style_dataset(second) and not a.objects.map_style_dataset(third)  # held: a setting; unknown: no call
    assert not a.objects.map_style_dataset(first)  # one call passes an iterable dataset
    b = analyse(DATASETS.replace("load(Stream())", "load(Rows())"))
    assert b.objects.map_style_dataset(argument_value(b.index.all(cst.Call)[0]))  # every call passes map-style rows
    assert not b.objects.map_style_dataset(argument_value(b.index.all(cst.Call)[0]), depth=0)  # not followed


def argument_value(call):
    return call.args[0].value


def test_an_instance_of_a_class_with_call_is_a_lambda_function():
    a = analyse("""
        from torch.optim.lr_scheduler import LambdaLR
        class Base:
            def __call__(self, step):
                return 1.0
        class Ramp(Base):
            pass
        class Plain:
            def factor(self, step):
                return 1.0
        s = LambdaLR(opt, Ramp())
        t = LambdaLR(opt, Plain())
    """)
    call = a.index.classes_by_name["Base"][0].methods["__call__"]
    assert list(a.lr.lambda_functions()) == [id(call)]  # the inherited `__call__`; a class without one gives none
