"""Arithmetic the rules reason about: linear forms over settings, and whether one can be
zero where it is used, given the guards that hold there.

A value is followed through `values.origins` to a small number of alternatives, each a
linear form `sum(c_i * atom_i) + k` (`total - warmup`, `epochs - 1`, `max(1, n)`...).
Atoms are the things the code does not compute itself: settings and parameters, which
are identified by their name within the file (`self.warmup = warmup` and `cfg.warmup`
are the same setting, so a validation where a value enters the file covers its later
uses), loop variables and counters, lengths, and opaque sub-expressions.

The guards at a point (branch conditions, `elif` chains, early exits, asserts, loops over
`range`) become linear constraints; `zero_possible` asks whether the form can be zero
under them with Fourier-Motzkin elimination, over the rationals.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional, Sequence, Set, Tuple

import libcst as cst

from reviewer.analysis import values as v
from reviewer.analysis.tree import (
    added_to_itself,
    assignment_targets,
    callee_name,
    code,
    dotted_name,
    exits,
    last_statement,
    number,
    parameters,
    positional_args,
    positional_parameters,
    subscript_key,
    without_floor,
    without_parentheses,
)

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis
    from reviewer.project import Site

_MAX_ALTERNATIVES = 8
_RANGES = {"range", "np.arange", "numpy.arange", "torch.arange"}
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)
_MAX_CONJUNCTIONS = 24
_MAX_DEPTH = 8


def exact(value: Optional[float]) -> Optional[Fraction]:
    """A literal's value as a fraction; None for no value and for `inf`/`nan` (`best = math.inf`,
    `1e400`), which no linear form holds."""
    if value is None or not math.isfinite(value):
        return None
    return Fraction(value).limit_denominator(10**9)

@dataclass(frozen=True)
class Atom:
    key: Tuple
    #: what the code calls it (a setting's key, a parameter's or attribute's name), for messages
    label: str
    #: setting, param, attribute, loop, counter, length, opaque
    kind: str
    node: cst.CSTNode = field(compare=False, hash=False)
    #: a lower bound known from the code (`max(1, x)` >= 1, `len(x)` >= 0)
    lower: Optional[Fraction] = None


@dataclass
class Linear:
    terms: Dict[Tuple, Fraction]
    const: Fraction
    atoms: Dict[Tuple, Atom]
    #: constraints under which this alternative is the value (`d if d > 0 else 1`)
    assumptions: List[List["Constraint"]] = field(default_factory=lambda: [[]])

    def plus(self, other: "Linear", sign: int = 1) -> "Linear":
        terms = dict(self.terms)
        for key, coefficient in other.terms.items():
            terms[key] = terms.get(key, Fraction(0)) + sign * coefficient
            if terms[key] == 0:
                del terms[key]
        return Linear(terms, self.const + sign * other.const, {**self.atoms, **other.atoms},
                      _and(self.assumptions, other.assumptions))

    def scaled(self, factor: Fraction) -> "Linear":
        if factor == 0:
            return Linear({}, Fraction(0), {}, self.assumptions)
        return Linear({k: c * factor for k, c in self.terms.items()}, self.const * factor, self.atoms, self.assumptions)

    def is_constant(self) -> bool:
        return not self.terms


@dataclass(frozen=True)
class Constraint:
    """sum(coefficients * atoms) + const > 0 (strict) or >= 0."""

    terms: Tuple[Tuple[Tuple, Fraction], ...]
    const: Fraction
    strict: bool


def _constraint(form: Linear, strict: bool) -> Constraint:
    return Constraint(tuple(sorted(form.terms.items(), key=repr)), form.const, strict)


DNF = List[List[Constraint]]
_TRUE: DNF = [[]]


def _and(a: DNF, b: DNF) -> DNF:
    product = [x + y for x in a for y in b]
    return product[:_MAX_CONJUNCTIONS] if len(product) > _MAX_CONJUNCTIONS else product


def _or(a: DNF, b: DNF) -> DNF:
    joined = a + b
    return joined if len(joined) <= _MAX_CONJUNCTIONS else _TRUE


def _numeric(dnf: DNF) -> bool:
    """The condition says something of a number (not only whether a name is None)."""
    return any(key[0] != "none" for conjunction in dnf for c in conjunction for key, _ in c.terms)


def feasible(constraints: Sequence[Constraint]) -> bool:
    """Whether the conjunction of constraints has a rational solution (Fourier-Motzkin)."""
    rows = [(dict(c.terms), c.const, c.strict) for c in constraints]
    while True:
        variables = {k for terms, _, _ in rows for k in terms}
        if not variables:
            break
        variable = min(variables, key=lambda k: sum(1 for t, _, _ in rows if k in t))
        positive, negative, rest = [], [], []
        for row in rows:
            coefficient = row[0].get(variable, Fraction(0))
            (positive if coefficient > 0 else negative if coefficient < 0 else rest).append(row)
        for p_terms, p_const, p_strict in positive:
            for n_terms, n_const, n_strict in negative:
                a, b = p_terms[variable], -n_terms[variable]
                terms: Dict[Tuple, Fraction] = {}
                for key in set(p_terms) | set(n_terms):
                    if key == variable:
                        continue
                    value = b * p_terms.get(key, Fraction(0)) + a * n_terms.get(key, Fraction(0))
                    if value:
                        terms[key] = value
                rest.append((terms, b * p_const + a * n_const, p_strict or n_strict))
        rows = rest
        if len(rows) > 400:
            return True  # too large to decide: assume it can happen
    for _, const, strict in rows:
        if const < 0 or (strict and const == 0):
            return False
    return True


#: names that say a length counts something (evidence only where the code says nothing)
COUNT_NAME = re.compile(
    r"(?i)(?:^|_)(?:epochs?|steps?|iters?|iterations?|its|updates|batches|warm_?up\w*|n|num|total|"
    r"t_?max|t_?total|horizon|cycle|period|len|length|size|count)(?:_|$)|^t_?max$"
)
#: names that say a length is a warm-up, which 0 disables (evidence only, see `zero_evidence`)
WARMUP_NAME = re.compile(r"(?i)warm_?up|(?:^|_)w_?(?:epochs?|steps?|iters?)$")


class Numbers:
    def __init__(self, analysis: "FileAnalysis") -> None:
        self.analysis = analysis
        self.index = analysis.index
        self.values = analysis.values
        self._memo: Dict[int, List[Linear]] = {}
        self._depth = 0
        self._defaults: Dict[str, list] = {}
        self._evidence: Optional[Tuple[Dict[str, str], Dict[str, str]]] = None
        #: each validation's condition, and for each atom the positions of those that mention it
        self._validations: Optional[Tuple[List[DNF], Dict[Tuple, List[int]]]] = None
        #: atoms with a known lower bound, by key: the domain applies to them wherever they appear
        self._atoms: Dict[Tuple, Atom] = {}
        #: the `self` attributes whose forms are being found, and whether one was cut short
        self._resolving: Set[Tuple] = set()
        self._cut = False

    # -- linear forms ------------------------------------------------------------------------

    def labels(self, expressions: Iterable[cst.CSTNode]) -> Set[str]:
        """The labels of the non-opaque atoms the expressions' forms are made of."""
        found: Set[str] = set()
        for expression in expressions:
            for form in self.forms(expression):
                found |= {a.label for a in form.atoms.values() if a.kind != "opaque"}
        return found

    def key(self, expr: cst.CSTNode):
        """A hashable key of `expr`'s value where it has a single linear form (two
        expressions with the same key hold the same value), else None."""
        forms = self.forms(expr)
        if len(forms) != 1:
            return None
        return frozenset(forms[0].terms.items()), forms[0].const

    def same(self, a: cst.CSTNode, b: cst.CSTNode) -> bool:
        """`a` and `b` hold the same value: one linear form, or the same name or attribute
        where their values have several (a counter set in `__init__` and advanced in `step`)."""
        key = self.key(a)
        if key is not None or self.key(b) is not None:
            return key == self.key(b)
        return dotted_name(a) is not None and dotted_name(a) == dotted_name(b)

    def below(self, test: cst.CSTNode, low: cst.CSTNode, high: cst.CSTNode, strict: bool = True) -> bool:
        """`test` holds `low < high` (or `high > low`; `<=` where not `strict`), alone or in
        an `and`, or held in a local; `high` as written or floored (`max(1, high)`)."""
        test = v.local_value(self.analysis, test)
        if type(test) is cst.BooleanOperation and type(test.operator) is cst.And:
            return self.below(test.left, low, high, strict) or self.below(test.right, low, high, strict)
        if type(test) is not cst.Comparison:
            return False
        left = test.left
        less, greater = (cst.LessThan, cst.GreaterThan) if strict else (cst.LessThanEqual, cst.GreaterThanEqual)
        for target in test.comparisons:
            right = target.comparator
            pair = {less: (left, right), greater: (right, left)}.get(type(target.operator))
            if pair is not None and self.same(without_floor(pair[0]), low) and self.same(without_floor(pair[1]), high):
                return True
            left = right
        return False

    def forms(self, expr: cst.CSTNode) -> List[Linear]:
        """The alternatives of `expr` as linear forms (at most a few)."""
        key = id(expr)
        found = self._memo.get(key)
        if found is not None:
            return found
        if self._depth > _MAX_DEPTH:
            return [self._opaque(expr)]
        self._depth += 1
        cut, self._cut = self._cut, False
        try:
            found = self._forms(expr)[:_MAX_ALTERNATIVES]
        finally:
            self._depth -= 1
        # a cut stands for an attribute resolved further out: these forms hold only in there
        partial, self._cut = self._cut and bool(self._resolving), self._cut or cut
        if self.index.knows(expr) and not partial:  # a node built by a substitution: its id may be reused
            self._memo[key] = found
        return found

    def _forms(self, expr: cst.CSTNode) -> List[Linear]:
        expr = without_parentheses(expr) if hasattr(expr, "lpar") else expr
        kind = type(expr)
        literal = number(expr)
        if literal is not None:
            value = exact(literal)
            return [Linear({}, value, {})] if value is not None else [self._opaque(expr)]
        if kind is cst.BinaryOperation:
            return self._binary(expr)  # type: ignore[arg-type]
        if kind is cst.UnaryOperation and type(expr.operator) is cst.Minus:  # type: ignore[attr-defined]
            return [f.scaled(Fraction(-1)) for f in self.forms(expr.expression)]  # type: ignore[attr-defined]
        if kind is cst.Call:
            return self._call(expr)  # type: ignore[arg-type]
        if kind is cst.IfExp:
            body = [self._assuming(f, self.condition(expr.test, True)) for f in self.forms(expr.body)]  # type: ignore[attr-defined]
            orelse = [self._assuming(f, self.condition(expr.test, False)) for f in self.forms(expr.orelse)]  # type: ignore[attr-defined]
            return body + orelse
        if kind in (cst.Name, cst.Attribute, cst.Subscript):
            return self._reference(expr)
        return [self._opaque(expr)]

    @staticmethod
    def _assuming(form: Linear, dnf: DNF) -> Linear:
        return Linear(form.terms, form.const, form.atoms, _and(form.assumptions, dnf))

    def _binary(self, expr: cst.BinaryOperation) -> List[Linear]:
        operator = type(expr.operator)
        if operator in (cst.Add, cst.Subtract):
            sign = 1 if operator is cst.Add else -1
            lefts, rights = self.forms(expr.left), self.forms(expr.right)
            return [a.plus(b, sign) for a in lefts for b in rights][:_MAX_ALTERNATIVES]
        if operator in (cst.Multiply, cst.Divide):
            lefts, rights = self.forms(expr.left), self.forms(expr.right)
            found = []
            for a in lefts:
                for b in rights:
                    if operator is cst.Multiply and a.is_constant():
                        found.append(b.scaled(a.const).plus(Linear({}, Fraction(0), {}, a.assumptions)))
                    elif b.is_constant() and (operator is cst.Multiply or b.const != 0):
                        factor = b.const if operator is cst.Multiply else 1 / b.const
                        found.append(a.scaled(factor).plus(Linear({}, Fraction(0), {}, b.assumptions)))
                    elif operator is cst.Multiply and _monomial(a) and _monomial(b):
                        found.append(self._product(expr, a, b))
                    elif self._nonnegative(a) and self._nonnegative(b):
                        # of two values never negative (`step / total`): never negative either
                        found.append(self._opaque(expr, lower=Fraction(0)))
                    else:
                        found.append(self._opaque(expr))
            return found
        if operator is cst.Modulo:
            return [self._remainder(expr, d) for d in self.forms(expr.right)]
        return [self._opaque(expr)]

    def _remainder(self, expr: cst.BinaryOperation, divisor: Linear) -> Linear:
        """`x % d` takes the sign of `d` in Python: by a divisor never negative, at least 0
        and below `d` (`step % cycle < warmup` with `warmup == 0` never holds)."""
        if not self._nonnegative(divisor):
            return self._opaque(expr)
        remainder = self._opaque(expr, lower=Fraction(0))
        below = [[_constraint(divisor.plus(remainder, -1), True)]]
        return Linear(remainder.terms, remainder.const, remainder.atoms, _and(divisor.assumptions, below))

    def _product(self, expr: cst.CSTNode, a: Linear, b: Linear) -> Linear:
        """`a * b` of two single atoms: one atom keyed by its factors, so that
        `epoch * self.iters` and `iters * epoch` are one value, and `(n - w) * iters`
        expanded (`expanded`) meets `w * iters` in a guard. Unconstrained, as an opaque
        part is, but never negative when both factors are not."""
        (key_a, coefficient_a), = a.terms.items()
        (key_b, coefficient_b), = b.terms.items()
        factors = tuple(sorted(_factors(key_a) + _factors(key_b), key=repr))
        lower = Fraction(0) if self._nonnegative(a) and self._nonnegative(b) else None
        key = ("product",) + factors
        label = f"{a.atoms[key_a].label} * {b.atoms[key_b].label}"
        atom = Atom(key, label, "opaque", expr, lower)
        if lower is not None:
            self._atoms[key] = atom
        return Linear({key: coefficient_a * coefficient_b}, Fraction(0), {key: atom},
                      _and(a.assumptions, b.assumptions))

    def expanded(self, product: cst.BinaryOperation) -> List[Linear]:
        """The forms of `left * right` multiplied out, each pair of atoms a product atom
        (`(n - w) * iters` is `n * iters - w * iters`); none where a side has more than a few
        terms."""
        found = []
        for a in self.forms(product.left):
            for b in self.forms(product.right):
                if len(a.terms) * len(b.terms) > 4:
                    return []
                total = Linear({}, a.const * b.const, {}, _and(a.assumptions, b.assumptions))
                for key, coefficient in a.terms.items():
                    total = total.plus(Linear({key: coefficient}, Fraction(0), a.atoms).scaled(b.const))
                for key, coefficient in b.terms.items():
                    total = total.plus(Linear({key: coefficient}, Fraction(0), b.atoms).scaled(a.const))
                for key_a, c_a in a.terms.items():
                    for key_b, c_b in b.terms.items():
                        single_a = Linear({key_a: c_a}, Fraction(0), a.atoms)
                        single_b = Linear({key_b: c_b}, Fraction(0), b.atoms)
                        total = total.plus(self._product(product, single_a, single_b))
                found.append(total)
        return found[:_MAX_ALTERNATIVES]

    def _call(self, call: cst.Call) -> List[Linear]:
        name = dotted_name(call.func)
        qualified = self.analysis.qualified(call.func) if name else None
        args = positional_args(call)
        if (name in ("float", "int", "abs", "round") or qualified in ("math.floor", "math.ceil", "math.trunc")) and len(args) == 1:
            return self.forms(args[0])
        if name in ("max", "min") and len(args) >= 2:
            return self._extreme(call, name, args)
        if name == "len":
            return [self._atom(call, "length", code(call), lower=Fraction(0))]
        return self._reference(call)

    def _extreme(self, call: cst.Call, name: str, args: List[cst.BaseExpression]) -> List[Linear]:
        """`max(1, x)` is at least 1; `max(a, b)` at least each; `min(a, b)` at least the
        least of their lower bounds, when each has one (`min(max(r * n, 1), 3)` >= 1)."""
        if name == "max":
            known = [c for c in map(exact, map(number, args)) if c is not None]
            lower = max(known) if known else None
            return [self._atom(call, "clamped", code(call), lower=lower)]
        bounds = [self.lower_bound(arg) for arg in args]
        if any(b is None for b in bounds):
            return [self._opaque(call)]
        return [self._atom(call, "clamped", code(call), lower=min(bounds))]  # type: ignore[type-var]

    def lower_bound(self, expr: cst.CSTNode) -> Optional[Fraction]:
        """A number `expr` is never below, from its forms: settings, counters and lengths are
        never negative, a clamp is at least its constant. None when unknown (an opaque part,
        a subtracted atom, or alternatives too many to be all of them)."""
        forms = self.forms(expr)
        if len(forms) >= _MAX_ALTERNATIVES:
            return None
        lowest: Optional[Fraction] = None
        for form in forms:
            total = self._form_floor(form)
            if total is None:
                return None
            lowest = total if lowest is None else min(lowest, total)
        return lowest

    def _nonnegative(self, form: Linear) -> bool:
        floor = self._form_floor(form)
        return floor is not None and floor >= 0

    def _form_floor(self, form: Linear) -> Optional[Fraction]:
        """The least value of one form, or None (an opaque part, a subtracted atom)."""
        total = form.const
        for key, coefficient in form.terms.items():
            floor = self._floor(key, form.atoms)
            if coefficient < 0 or floor is None:
                return None
            total += coefficient * floor
        return total

    def _reference(self, expr: cst.CSTNode) -> List[Linear]:
        period = self._below_period(expr)
        if period is not None:  # one counter in [0, L), however its writes unroll
            counter = self._atom(expr, "counter", dotted_name(expr) or code(expr), lower=Fraction(0))
            return [self._assuming(counter, [[_constraint(period.plus(counter, -1), True)]])]
        advanced = self._advanced_before(expr)
        if advanced is not None:
            return advanced
        chosen = self._chosen(expr)
        if chosen is not None:
            return [chosen]
        owner = self.index.self_attribute(expr) if type(expr) is cst.Attribute and self.index.knows(expr) else None
        if owner is not None and owner in self._resolving:
            # computed from its own earlier value (`e = self.t + 1; self.t = floor(e)`): a counter
            self._cut = True
            return [self._atom(expr, "counter", owner[1])]
        origins = self.values.origins(expr)
        found: List[Linear] = []
        if owner is not None:
            self._resolving.add(owner)
        try:
            for origin in origins[:_MAX_ALTERNATIVES]:
                found.extend(self._origin(origin, expr))
        finally:
            self._resolving.discard(owner)
        if owner is not None and len(found) >= _MAX_ALTERNATIVES and any(o.kind == v.UPDATED for o in origins):
            # a counter whose values are too many to follow is one counter, never negative
            return [self._atom(expr, "counter", owner[1])]
        return found or [self._opaque(expr)]

    def _chosen(self, expr: cst.CSTNode) -> Optional[Linear]:
        """A local, or an attribute `__init__` sets and nothing else does, set once by
        `a if <test> else b` where the test says nothing numeric (`max_steps if self.t_max is
        None else self.t_max`) is one value wherever it is read, a setting of its own: guards
        and divisors that read it then agree on which."""
        index = self.index
        if type(expr) not in (cst.Name, cst.Attribute) or not index.knows(expr):
            return None
        if type(expr) is cst.Name:
            bindings = self.values.reaching(expr)  # type: ignore[arg-type]
            if len(bindings) != 1 or bindings[0].kind != "assign" or bindings[0].path:
                return None
            value, label = bindings[0].value, expr.value  # type: ignore[attr-defined]
        else:
            owner = index.self_attribute(expr)
            writes = index.attribute_writes(*owner) if owner is not None else []
            if len(writes) != 1 or writes[0].method.name.value != "__init__" or writes[0].operator or writes[0].path \
                    or index.conditional(writes[0].statement, writes[0].method):
                return None
            value, label = writes[0].value, writes[0].attr
        value = without_parentheses(value) if value is not None and hasattr(value, "lpar") else value
        if type(value) is not cst.IfExp or _numeric(self.condition(value.test, True)):  # type: ignore[attr-defined]
            return None
        return self._atom(expr, "setting", label)

    def _advanced_before(self, expr: cst.CSTNode) -> Optional[List[Linear]]:
        """A counter read after a `+= k` (or `= itself + k`) that runs before it whenever it runs:
        its values are the ones it was set to, plus k (`self.t = -1` ... `self.t += 1; ... self.t`
        is >= 0)."""
        index = self.index
        if type(expr) not in (cst.Name, cst.Attribute, cst.Subscript) or not index.knows(expr):
            return None
        statement = index.statement_of(expr)
        helpers: Dict[int, cst.BaseExpression] = {}  # id of a helper's call -> what it adds
        if type(expr) is cst.Name:
            writes = [(b.statement, b.kind == "augassign", b.value) for b in index.bindings(expr)
                      if b.kind in ("assign", "annassign", "augassign")]
        elif type(expr) is cst.Subscript:
            # `group["step"]`: the writes of the same entry, by its code (`group["step"] += 1`)
            if subscript_key(expr) is None:
                return None
            text = " ".join(code(expr).split())
            writes = [(s, type(s) is cst.AugAssign, s.value)
                      for s in index.all(cst.Assign) + index.all(cst.AugAssign)
                      for target in ([t.target for t in s.targets] if type(s) is cst.Assign else [s.target])
                      if type(target) is cst.Subscript and " ".join(code(target).split()) == text]
            for call, added in self._helper_advances(expr):
                writes.append((call, True, None))
                helpers[id(call)] = added
        else:
            owner = index.self_attribute(expr)
            if owner is None:
                return None
            writes = [(w.statement, w.operator is not None, w.value) for w in index.attribute_writes(*owner)
                      if not v.restores(w)]
        here = index.function_of(expr)
        steps = [(s, added) for s, _, _ in writes
                 if (added := helpers[id(s)] if id(s) in helpers else added_to_itself(s)) is not None
                 and index.function_of(s) is here and index.before(s, expr)
                 and (index.dominates(s, statement, alike=True) or self._earlier_pass(s, expr))]
        if not steps:
            return None
        last, step = max(steps, key=lambda pair: index.order(pair[0]))
        increment = exact(number(step)) if step is not None else None
        if increment is None:
            return None
        starts = [value for s, aug, value in writes if not aug and value is not None and added_to_itself(s) is None
                  and not (index.function_of(s) is here and index.order(s) > index.order(last))]
        found: List[Linear] = []
        for start in starts:
            for form in self.forms(start):
                found.append(form.plus(Linear({}, increment, {})))
        key = ("counter", dotted_name(expr) or code(expr))
        lowest = [f.const for f in found if f.is_constant()]
        lower = min(lowest) if lowest and len(lowest) == len(found) else None
        atom = Atom(key, key[1], "counter", expr, lower)
        self._atoms[key] = atom
        found.append(Linear({key: Fraction(1)}, Fraction(0), {key: atom}))
        return found[:_MAX_ALTERNATIVES]

    def _helper_advances(self, entry: cst.Subscript) -> List[Tuple[cst.Expr, cst.BaseExpression]]:
        """Each `f(g)` statement, with k, where `f` is a plain function of this file whose
        body adds k to the same entry of the parameter it gets `g` as (`def f(group):
        group["step"] += 1`), `entry` being `g["step"]`."""
        base, key = without_parentheses(entry.value), subscript_key(entry)
        if type(base) is not cst.Name:
            return []
        found = []
        for small in self.index.all(cst.Expr):
            if type(small.value) is cst.Call:
                added = self._advanced_entry(small.value, base.value, key)
                if added is not None:
                    found.append((small, added))
        return found

    def _advanced_entry(self, call: cst.Call, name: str, key: Optional[str]) -> Optional[cst.BaseExpression]:
        """k, where `call` runs a plain function of this file whose body's first level adds k
        to `p[key]`, `p` being the parameter the call passes `name` to."""
        positions = [i for i, arg in enumerate(call.args)
                     if not arg.keyword and not arg.star and type(arg.value) is cst.Name and arg.value.value == name]
        if len(positions) != 1:  # before resolving the callee: most calls do not pass `name`
            return None
        function = self.analysis.callee(call)
        if type(function) is not cst.FunctionDef or self.index.enclosing_class(function) is not None \
                or type(function.body) is not cst.IndentedBlock:
            return None
        params = function.params.params
        if len(call.args) > len(params):
            return None
        parameter = params[positions[0]].name.value
        for line in function.body.body:
            for small in line.body if type(line) is cst.SimpleStatementLine else ():
                if type(small) is cst.AugAssign and type(small.target) is cst.Subscript \
                        and subscript_key(small.target) == key \
                        and dotted_name(without_parentheses(small.target.value)) == parameter:
                    return added_to_itself(small)
        return None

    def _below_period(self, expr: cst.CSTNode) -> Optional[Linear]:
        """L, where `expr` reads a counter kept below L: `self.i` is advanced by one in one
        place only, the statement right after it sets it back to 0 when it reaches L (`if
        self.i == L: self.i = 0`, or `>=`, the reset in a helper or in every branch of an
        `if`), every other write sets it to 0, and L is set only while setting up (`__init__`
        and what only it calls). Read anywhere but between the advance and its reset, it is
        below L (so L is taken to be at least 1: a period of 0 would never reset it)."""
        index = self.index
        if type(expr) is not cst.Attribute or not index.knows(expr):
            return None
        owner = index.self_attribute(expr)
        if owner is None:
            return None
        writes = [w for w in index.attribute_writes(*owner) if not v.restores(w)]
        advances = [w for w in writes if added_to_itself(w.statement) is not None]
        if len(advances) != 1 or number(added_to_itself(advances[0].statement)) != 1:
            return None
        if any(w.operator is not None or w.path or w.value is None or number(w.value) != 0
               for w in writes if w is not advances[0]):
            return None
        line = index.parent(advances[0].statement)
        block = index.parent(line)
        statements = list(getattr(block, "body", ()))
        position = next((i for i, s in enumerate(statements) if s is line), len(statements))
        if type(line) is not cst.SimpleStatementLine or position + 1 >= len(statements):
            return None
        follow = statements[position + 1]
        period = self._resets(follow, owner)
        if period is None:
            return None
        start, end = index.order(line), index.last_descendant(index.order(follow))
        if start <= index.order(expr) <= end or self._called_within(index.function_of(expr), start, end):
            return None
        return self._reset_period(period, owner)

    def _resets(self, statement: cst.CSTNode, owner) -> Optional[cst.BaseExpression]:
        """L, when `statement` sets the counter back to 0 whenever it has reached L: `if
        counter == L:` (or `>=`) whose body starts by doing it, or an `if`/`else` whose
        every branch starts with such a statement, all for the same L."""
        if type(statement) is not cst.If:
            return None
        period = self._reset_test(statement.test, owner)
        if period is not None:
            return period if self._sets_to_zero(statement.body.body[0], owner) else None
        if type(statement.orelse) is not cst.Else:
            return None
        periods = [self._resets(branch.body[0], owner) for branch in (statement.body, statement.orelse.body)]
        if any(p is None for p in periods) or len({code(p) for p in periods}) != 1:  # type: ignore[arg-type]
            return None
        return periods[0]

    def _reset_test(self, test: cst.CSTNode, owner) -> Optional[cst.BaseExpression]:
        """L of `counter == L` or `counter >= L`, either way round."""
        if type(test) is not cst.Comparison or len(test.comparisons) != 1:
            return None
        left, operator, right = test.left, type(test.comparisons[0].operator), test.comparisons[0].comparator
        index = self.index
        if operator in (cst.Equal, cst.GreaterThanEqual) and index.self_attribute(left) == owner:
            return right
        if operator in (cst.Equal, cst.LessThanEqual) and index.self_attribute(right) == owner:
            return left
        return None

    def _sets_to_zero(self, statement: cst.CSTNode, owner, depth: int = 0) -> bool:
        """`statement` sets the counter to 0 first thing: `self.i = 0`, or a call of a method
        of the class that does (`self._restart()`)."""
        small = statement.body[0] if type(statement) is cst.SimpleStatementLine else statement  # type: ignore[attr-defined]
        index = self.index
        if type(small) is cst.Assign:
            targets = small.targets
            return len(targets) == 1 and index.self_attribute(targets[0].target) == owner and number(small.value) == 0
        if type(small) is cst.Expr and type(small.value) is cst.Call and depth < 2:
            method = self.analysis.callee(small.value)
            return (type(method) is cst.FunctionDef and index.class_of_method(method) is owner[0]
                    and type(method.body) is cst.IndentedBlock
                    and self._sets_to_zero(method.body.body[0], owner, depth + 1))
        return False

    def _called_within(self, function: Optional[cst.CSTNode], start: int, end: int) -> bool:
        """`function` is called between two positions (a reset helper: there the counter
        may equal its period)."""
        return type(function) is cst.FunctionDef and any(
            start <= self.index.order(call) <= end for call in self.analysis.calls_of(function))

    def _reset_period(self, period: cst.BaseExpression, owner) -> Optional[Linear]:
        """The form of a period: a constant of at least 1, or an attribute of the class set
        only while setting up."""
        index = self.index
        constant = number(period)
        if constant is None:
            settled = index.self_attribute(period) if type(period) is cst.Attribute else None
            if settled is None or settled[0] is not owner[0] or \
                    not all(self._setting_up(w.method) for w in index.attribute_writes(*settled)):
                return None
        elif constant < 1:
            return None
        forms = self.forms(period)
        return forms[0] if len(forms) == 1 else None

    def _setting_up(self, method: cst.FunctionDef) -> bool:
        """`__init__`, a method that restores state, or one that only `__init__` calls."""
        if method.name.value == "__init__" or method.name.value in v.RESTORING_METHODS:
            return True
        callers = [self.index.function_of(call) for call in self.analysis.calls_of(method)]
        return bool(callers) and all(type(c) is cst.FunctionDef and c.name.value == "__init__" for c in callers)

    def _earlier_pass(self, write: cst.CSTNode, read: cst.CSTNode) -> bool:
        """`for g in X: g["k"] += 1` advances the entry of every element that a later
        `for g in X:` reads as `g["k"]` (an optimizer's second pass over its param groups):
        the advance is a statement of the first loop's body, after nothing that can skip it,
        and the first loop runs whenever the second does."""
        index = self.index
        line = index.parent(write)
        body = index.parent(line)
        first = index.parent(body)
        if type(first) is not cst.For or first.body is not body or type(first.target) is not cst.Name:  # type: ignore[union-attr]
            return False
        for statement in body.body:  # type: ignore[union-attr]
            if statement is line:
                break
            if any(type(n) in (cst.Continue, cst.Break, cst.Return, cst.Raise) for n in index.descendants(statement)):
                return False
        base = without_parentheses(read.value) if type(read) is cst.Subscript else None  # type: ignore[attr-defined]
        if type(base) is not cst.Name or base.value != first.target.value:  # type: ignore[union-attr]
            return False
        seconds = [b.statement for b in index.bindings(base)  # type: ignore[arg-type]
                   if b.kind == "for" and b.statement is not first and index.contains(b.statement.body, read)]
        return len(seconds) == 1 and index.before(first, seconds[0]) and index.dominates(first, seconds[0], alike=True) \
            and code(seconds[0].iter) == code(first.iter)  # type: ignore[union-attr]

    def _origin(self, origin: v.Origin, expr: cst.CSTNode) -> List[Linear]:
        kind = origin.kind
        if kind == v.CONST:
            value = exact(origin.value) if isinstance(origin.value, (int, float)) and not isinstance(origin.value, bool) else None
            return [Linear({}, value, {})] if value is not None else [self._opaque(expr)]
        if kind == v.EXPRESSION:
            if origin.node is expr:
                return [self._opaque(expr)]
            return self.forms(origin.node)
        if kind == v.PARAM:
            return [self._atom(origin.node, "param", origin.binding.name if origin.binding else code(origin.node))]
        if kind == v.SETTING:
            return [self._atom(origin.node, "setting", origin.key or code(origin.node))]
        if kind == v.ATTRIBUTE:
            return [self._atom(origin.node, "attribute", origin.key or code(origin.node))]
        if kind == v.LOOP and origin.binding is not None:
            return [self._atom(origin.binding.target, "loop", origin.binding.name, identity=True)]
        if kind == v.UPDATED:
            label = origin.binding.name if origin.binding is not None else (origin.key or code(origin.node))
            target = origin.binding.target if origin.binding is not None else origin.node
            return [self._atom(target, "counter", label, identity=origin.binding is not None)]
        if kind == v.CALL and origin.node is not expr:
            return self.forms(origin.node)
        if kind == v.UNKNOWN and type(origin.node) is cst.Name and not self.index.bindings(origin.node):
            # a global the file reads but never binds (set by a star import, a notebook, exec)
            return [self._atom(origin.node, "setting", origin.node.value)]  # type: ignore[attr-defined]
        return [self._opaque(expr)]

    def _atom(self, node: cst.CSTNode, kind: str, label: str, *, lower: Optional[Fraction] = None,
              identity: bool = False) -> Linear:
        if kind in ("param", "setting", "attribute") and not identity:
            key: Tuple = ("v", label)
        elif identity:
            key = (kind, id(node))
        else:
            key = (kind, label)
        atom = Atom(key, label, kind, node, lower)
        if lower is not None:
            self._atoms[key] = atom
        return Linear({key: Fraction(1)}, Fraction(0), {key: atom})

    def _opaque(self, expr: cst.CSTNode, lower: Optional[Fraction] = None) -> Linear:
        text = " ".join(code(expr).split())
        return self._atom(expr, "opaque", text, lower=lower)

    # -- conditions --------------------------------------------------------------------------

    def condition(self, test: cst.CSTNode, truth: bool) -> DNF:
        """The constraints `test` being `truth` gives, in disjunctive normal form."""
        test = v.local_value(self.analysis, test)
        test = without_parentheses(test) if hasattr(test, "lpar") else test
        kind = type(test)
        if kind is cst.UnaryOperation and type(test.operator) is cst.Not:  # type: ignore[attr-defined]
            return self.condition(test.expression, not truth)  # type: ignore[attr-defined]
        if kind is cst.BooleanOperation:
            conjunction = (type(test.operator) is cst.And) == truth  # type: ignore[attr-defined]
            left = self.condition(test.left, truth)  # type: ignore[attr-defined]
            right = self.condition(test.right, truth)  # type: ignore[attr-defined]
            return _and(left, right) if conjunction else _or(left, right)
        if kind is cst.Comparison:
            found: DNF = _TRUE
            left = test.left  # type: ignore[attr-defined]
            for target in test.comparisons:  # type: ignore[attr-defined]
                part = self._comparison(left, target.operator, target.comparator, truth)
                found = _and(found, part) if truth else (_or(found, part) if found is not _TRUE else part)
                left = target.comparator
            return found
        if kind in (cst.Name, cst.Attribute, cst.Subscript, cst.Call):
            if kind is cst.Call and callee_name(test) not in ("len", "int", "float"):
                return _TRUE
            forms = self.forms(test)
            if len(forms) != 1:
                return _TRUE
            form = forms[0]
            if form.is_constant():
                return _TRUE if (form.const != 0) == truth else []
            if truth:  # nonzero
                return [[_constraint(form, True)], [_constraint(form.scaled(Fraction(-1)), True)]]
            return [[_constraint(form, False), _constraint(form.scaled(Fraction(-1)), False)]]
        return _TRUE

    def _comparison(self, left: cst.CSTNode, operator: cst.CSTNode, right: cst.CSTNode, truth: bool) -> DNF:
        op = type(operator)
        if op in (cst.Is, cst.IsNot):
            return self._none_test(left, right, (op is cst.Is) == truth)
        if op not in _OPERATORS:
            return _TRUE
        if not truth:
            op = _NEGATION[op]
        lefts, rights = self.forms(left), self.forms(right)
        if len(lefts) * len(rights) > 4:
            return _TRUE
        found: DNF = []
        for a in lefts:  # the value is one of the alternatives: the comparison holds for that one
            for b in rights:
                found = _or(found, _and(_and(a.assumptions, b.assumptions), self._compare(a.plus(b, -1), op)))
        return found

    def _none_test(self, left: cst.CSTNode, right: cst.CSTNode, none: bool) -> DNF:
        """`x is None` (`none`) or `x is not None`: a 0/1 atom of its own per name, so that
        `if period is not None and period <= 0: raise` then `if period is not None:` leaves
        `period > 0`."""
        sides = [side for side in (left, right) if not (type(side) is cst.Name and side.value == "None")]
        name = dotted_name(sides[0]) if len(sides) == 1 else None
        if name is None:
            return _TRUE
        atom = self._atom(sides[0], "none", name, lower=Fraction(0))
        return [[_constraint(atom.plus(Linear({}, Fraction(-1), {})), False)]] if none \
            else [[_constraint(atom.scaled(Fraction(-1)), False)]]

    @staticmethod
    def _compare(difference: Linear, op: type) -> DNF:
        """`left - right` OP 0."""
        negative = difference.scaled(Fraction(-1))
        if op is cst.GreaterThan:
            return [[_constraint(difference, True)]]
        if op is cst.GreaterThanEqual:
            return [[_constraint(difference, False)]]
        if op is cst.LessThan:
            return [[_constraint(negative, True)]]
        if op is cst.LessThanEqual:
            return [[_constraint(negative, False)]]
        if op is cst.Equal:
            return [[_constraint(difference, False), _constraint(negative, False)]]
        return [[_constraint(difference, True)], [_constraint(negative, True)]]  # NotEqual

    def guards(self, node: cst.CSTNode) -> Tuple[DNF, bool]:
        """(constraints that hold where `node` runs, whether a ZeroDivisionError there is caught),
        from its function (or lambda, or the module) outwards to the enclosing function's start."""
        index = self.index
        found: DNF = _TRUE
        caught = False
        child = node
        for ancestor in index.ancestors(node):
            kind = type(ancestor)
            if kind is cst.If or kind is cst.IfExp:
                if child is ancestor.body:  # type: ignore[attr-defined]
                    found = _and(found, self.condition(ancestor.test, True))  # type: ignore[attr-defined]
                elif child is ancestor.orelse:  # type: ignore[attr-defined]
                    found = _and(found, self.condition(ancestor.test, False))  # type: ignore[attr-defined]
            elif kind is cst.Else:
                pass
            elif kind is cst.BooleanOperation and child is ancestor.right:  # type: ignore[attr-defined]
                found = _and(found, self.condition(ancestor.left, type(ancestor.operator) is cst.And))  # type: ignore[attr-defined]
            elif kind is cst.While and child is ancestor.body:  # type: ignore[attr-defined]
                found = _and(found, self.condition(ancestor.test, True))  # type: ignore[attr-defined]
            elif kind is cst.For and child is ancestor.body:  # type: ignore[attr-defined]
                found = _and(found, self._range_bounds(ancestor))
            elif kind in _COMPREHENSIONS and child is not ancestor.for_in:  # type: ignore[attr-defined]
                found = _and(found, self._comprehension_bounds(ancestor))
            elif kind in (cst.Try, cst.TryStar) and child is ancestor.body:  # type: ignore[attr-defined]
                caught = caught or any(_catches_zero_division(h) for h in ancestor.handlers)  # type: ignore[attr-defined]
            elif kind in (cst.IndentedBlock, cst.Module, cst.SimpleStatementSuite):
                found = _and(found, self._earlier(ancestor, child))
            elif kind in (cst.FunctionDef, cst.Lambda, cst.ClassDef):
                break
            child = ancestor
        return found, caught

    def _earlier(self, block: cst.CSTNode, child: cst.CSTNode) -> DNF:
        """Constraints from the statements of `block` before `child`: asserts, and `if`s
        whose body always leaves the block (`if t < w: return ...`)."""
        found: DNF = _TRUE
        for statement in getattr(block, "body", ()):
            if statement is child:
                break
            if type(statement) is cst.SimpleStatementLine:
                for small in statement.body:
                    if type(small) is cst.Assert:
                        found = _and(found, self.condition(small.test, True))
            elif type(statement) is cst.If:
                found = _and(found, self._exit_chain(statement))
        return found

    def _exit_chain(self, statement: cst.If) -> DNF:
        """What holds after an `if a: ... elif b: ... else: ...` falls through: one of the
        ways into a branch that does not always leave the block, with what that branch's own
        statements leave (`if a: exit` gives not a; `if a: pass / else: exit` gives a; a
        branch that holds `if c: break` gives not c)."""
        found: DNF = []
        reach: DNF = _TRUE
        current: Optional[cst.CSTNode] = statement
        while type(current) is cst.If:
            if not self._leaves(current.body):  # type: ignore[attr-defined]
                entered = _and(reach, self.condition(current.test, True))  # type: ignore[attr-defined]
                found = found + _and(entered, self._earlier(current.body, None))  # type: ignore[attr-defined]
            reach = _and(reach, self.condition(current.test, False))  # type: ignore[attr-defined]
            current = current.orelse  # type: ignore[attr-defined]
        if type(current) is cst.Else:
            if not self._leaves(current.body):
                found = found + _and(reach, self._earlier(current.body, None))
        else:
            found = found + reach
        return found[:_MAX_CONJUNCTIONS] if len(found) <= _MAX_CONJUNCTIONS else _TRUE

    def _range_bounds(self, loop: cst.CSTNode) -> DNF:
        """`for i in range(a, b)` (a loop or a comprehension's `for`, also over `np.arange`/
        `torch.arange`, or a local holding one): a <= i < b, so the body runs only if a < b."""
        iterable = loop.iter  # type: ignore[attr-defined]
        if type(iterable) is cst.Name and self.index.knows(iterable):
            bindings = self.index.bindings(iterable)
            if len(bindings) == 1 and bindings[0].kind == "assign" and not bindings[0].path:
                iterable = bindings[0].value
        if type(iterable) is not cst.Call or dotted_name(iterable.func) not in _RANGES:
            return _TRUE
        target = loop.target  # type: ignore[attr-defined]
        if type(target) is not cst.Name:
            return _TRUE
        args = positional_args(iterable)
        if not args or len(args) > 2 or any(a.keyword for a in iterable.args):
            return _TRUE
        binding = next((b for b in self.index.bindings(target) if b.statement is loop), None)
        if binding is None:
            return _TRUE
        variable = self._atom(binding.target, "loop", binding.name, identity=True)
        start = self.forms(args[0]) if len(args) == 2 else [Linear({}, Fraction(0), {})]
        stop = self.forms(args[-1])
        if len(start) != 1 or len(stop) != 1:
            return _TRUE
        return [[_constraint(variable.plus(start[0], -1), False), _constraint(stop[0].plus(variable, -1), True)]]

    def _comprehension_bounds(self, comprehension: cst.CSTNode) -> DNF:
        found: DNF = _TRUE
        clause = getattr(comprehension, "for_in", None)
        while clause is not None:
            found = _and(found, self._range_bounds(clause))
            clause = clause.inner_for_in
        return found

    def _leaves(self, body: cst.CSTNode) -> bool:
        """The block always leaves its enclosing block (`exits`), or ends by calling a
        function of the file that always raises (a validation's `self._fail(...)`)."""
        return exits(body) or self._raises(last_statement(body))

    def _raises(self, statement: Optional[cst.CSTNode]) -> bool:
        """`raise ...`, or a call of a function of the file that ends in a raise and never returns."""
        if type(statement) is cst.Raise:
            return True
        if type(statement) is not cst.Expr or type(statement.value) is not cst.Call:
            return False
        callee = self.analysis.callee(statement.value)
        return type(callee) is cst.FunctionDef and type(last_statement(callee.body)) is cst.Raise \
            and not self.index.of_type(callee.body, cst.Return, into_scopes=False)

    def validations(self, keys: Iterable[Tuple]) -> DNF:
        """What the file's validations say about these atoms: `assert d > 0`, or
        `if d <= 0: raise ...`, anywhere in the file (settings are checked where they enter:
        a constructor, an argument parser). Only conditions on the given atoms count."""
        if self._validations is None:
            tests = [(node.test, True) for node in self.index.all(cst.Assert)]
            tests += [(node.test, False) for node in self.index.all(cst.If) if self._raises(last_statement(node.body))]
            conditions: List[DNF] = []
            mentions: Dict[Tuple, List[int]] = {}
            for test, truth in tests:
                dnf = self.condition(test, truth)
                for key in {key for conjunction in dnf for c in conjunction for key, _ in c.terms}:
                    mentions.setdefault(key, []).append(len(conditions))
                conditions.append(dnf)
            self._validations = (conditions, mentions)
        conditions, mentions = self._validations
        found: DNF = _TRUE
        for position in sorted({p for key in set(keys) for p in mentions.get(key, ())}):
            found = _and(found, conditions[position])
        return found

    # -- zero --------------------------------------------------------------------------------

    def domain(self, conjunction: Sequence[Constraint], atoms: Dict[Tuple, Atom]) -> List[Constraint]:
        """What every value of the atoms these constraints mention satisfies: settings,
        parameters, counters and lengths of a schedule are never negative; a clamp
        (`max(1, x)`) is at least its constant. Opaque sub-expressions are unconstrained."""
        keys = {key for c in conjunction for key, _ in c.terms} | set(atoms)
        found = []
        for key in keys:
            floor = self._floor(key, atoms)
            if floor is not None:
                found.append(_constraint(Linear({key: Fraction(1)}, -floor, {}), False))
        return found

    def _floor(self, key: Tuple, atoms: Dict[Tuple, Atom]) -> Optional[Fraction]:
        """The least value of an atom: its known lower bound (`max(1, x)` >= 1), else 0 (a
        setting, parameter, counter or length is never negative); None for an opaque one."""
        atom = atoms.get(key) or self._atoms.get(key)
        if atom is not None and atom.lower is not None:
            return atom.lower
        return None if key[0] in ("opaque", "product") else Fraction(0)

    def zero_possible(self, form: Linear, at: cst.CSTNode, extra: DNF = _TRUE, depth: int = 0) -> bool:
        """Whether `form` can be 0 where `at` runs, under its guards, the file's validations
        of its settings, and `extra`; for a def of this file that the file calls, also at one
        of its calls at least, with the arguments put for its parameters (a helper that only
        runs under its callers' `if step < warmup:` never sees warmup == 0)."""
        return self._possible(form, at, extra, depth, positive=False)

    def positive_possible(self, form: Linear, at: cst.CSTNode) -> bool:
        """Whether `form` can be above 0 where `at` runs (as `zero_possible` decides)."""
        return self._possible(form, at, _TRUE, 0, positive=True)

    def _possible(self, form: Linear, at: cst.CSTNode, extra: DNF, depth: int, *, positive: bool) -> bool:
        if not self._here(form, at, extra, positive):
            return False
        function = self.index.function_of(at)
        if depth >= 2 or type(function) is not cst.FunctionDef:
            return True
        calls = self.analysis.calls_of(function) + self.analysis.partials_of(function)
        if not calls:
            return self._possible_elsewhere(form, at, extra, function, positive)
        inside = _and(self.guards(at)[0], extra)
        return any(self._possible_with(form, at, extra, self._passed(function, call), positive)
                   and any(self._possible(substituted, call, self._carried(inside, function, call), depth + 1,
                                          positive=positive)
                           for substituted in self._at_call(form, function, call))
                   for call in calls)

    def _possible_elsewhere(self, form: Linear, at: cst.CSTNode, extra: DNF, function: cst.FunctionDef,
                            positive: bool) -> bool:
        """A def of the module level that its file never calls runs where other files of the
        project call it: possible at one of those calls at least, with what it passes (a
        default that no call passes is the value); anything when none is known."""
        sites = self.analysis.calls_elsewhere(function)
        if not sites:
            return True
        return any(self._here(substituted, at, extra, positive)
                   for site in sites for substituted in self._at_site(form, function, site))

    def _at_site(self, form: Linear, function: cst.FunctionDef, site: "Site") -> List[Linear]:
        """`form` with each parameter replaced by what a call of another file passes: the
        number it passes, or the default where it passes nothing (and spreads no `*args`
        or `**kwargs`); a parameter passed anything else keeps its name."""
        positional = positional_parameters(function.params)
        values: Dict[Tuple, List[Linear]] = {}
        for param in parameters(function.params):
            name = param.name.value
            if ("v", name) not in form.terms or param in (function.params.star_arg, function.params.star_kwarg):
                continue
            position = next((i for i, p in enumerate(positional) if p is param), len(site.positional))
            if name in site.keywords or position < len(site.positional):
                passed = site.keywords[name] if name in site.keywords else site.positional[position]
                if passed is not None:
                    values[("v", name)] = [Linear({}, passed, {})]
            elif not site.spread and param.default is not None:
                values[("v", name)] = self.forms(param.default)
        return _substituted(form, values)

    def _possible_with(self, form: Linear, at: cst.CSTNode, extra: DNF, passed: DNF, positive: bool) -> bool:
        """`_here` with what one call passes added: nothing added, the answer already given."""
        return passed == _TRUE or self._here(form, at, _and(extra, passed), positive)

    def _passed(self, function: cst.FunctionDef, call: cst.Call) -> DNF:
        """What `call` tells `function` of its parameters: each is at least the lower bound
        of what the call passes (`step(group["step"])` after `group["step"] += 1`: step >= 1)."""
        found = []
        for param in parameters(function.params):
            passed = self._argument(call, function, param.name.value)
            lower = self.lower_bound(passed) if passed is not None else None
            if lower is not None and lower > 0:
                found.append(_constraint(Linear({("v", param.name.value): Fraction(1)}, -lower, {}), False))
        return [found]

    def _carried(self, inside: DNF, function: cst.FunctionDef, call: cst.Call) -> DNF:
        """What holds inside `function` where the division runs, said of what `call` passes:
        each constraint on its parameters alone, when each has one value there (a caller's
        `if it >= max_iters: break` then meets the function's `if it > max_iters: return`).
        The other constraints are left out, which only weakens what is known."""
        params = {("v", param.name.value) for param in parameters(function.params)}
        carried: DNF = []
        for conjunction in inside:
            kept = []
            for constraint in conjunction:
                if not constraint.terms or any(key not in params for key, _ in constraint.terms):
                    continue
                values = self._at_call(Linear(dict(constraint.terms), constraint.const, {}), function, call,
                                       complete=True)
                if len(values) == 1:  # one alternative covers every case: its assumptions always hold
                    kept.append(_constraint(values[0], constraint.strict))
            carried.append(kept)
        return carried

    def _here(self, form: Linear, at: cst.CSTNode, extra: DNF, positive: bool) -> bool:
        guards, caught = self.guards(at)
        if caught:
            return False
        conjunctions = _and(_and(_and(guards, extra), form.assumptions), self.validations(form.terms))
        if positive:
            target = [_constraint(form, True)]
        else:
            target = [_constraint(form, False), _constraint(form.scaled(Fraction(-1)), False)]
        for conjunction in conjunctions:
            rows = target + list(conjunction)
            if feasible(rows + self.domain(rows, form.atoms)):
                return True
        return False

    def _at_call(self, form: Linear, function: cst.FunctionDef, call: cst.Call, complete: bool = False) -> List[Linear]:
        """`form` with each of the function's parameters replaced by what `call` passes for
        it (or its default): the alternatives, at most _MAX_ALTERNATIVES. `complete`: none
        where a parameter gets no value (its name would mean the caller's variable)."""
        partial = self.analysis.partial_of(call) is function
        values: Dict[Tuple, List[Linear]] = {}
        for param in parameters(function.params):
            key = ("v", param.name.value)
            if key not in form.terms:
                continue
            passed = self._argument(call, function, param.name.value)
            value = passed if passed is not None or partial else param.default
            if value is None and complete:
                return []
            if value is not None:
                values[key] = self.forms(value)
            elif partial:  # passed later, by a call of the partial: not the caller's variable of that name
                values[key] = [self._atom(param.name, "param", param.name.value, identity=True)]
        return _substituted(form, values)

    def _argument(self, call: cst.Call, function: cst.FunctionDef, parameter: str) -> Optional[cst.BaseExpression]:
        """What `call` passes for `parameter` of `function`: a call of it, or a
        `functools.partial(function, ...)` that fixes its first arguments."""
        if self.analysis.partial_of(call) is function:
            bound = type(call.args[0].value) is cst.Attribute and self.index.class_of_method(function) is not None
            return v.argument_for(call.with_changes(args=call.args[1:]), function, parameter, bound)
        method = self.index.class_of_method(function) is not None and type(call.func) is cst.Attribute
        return v.argument_for(call, function, parameter, method)

    def upper_bounded(self, key: Tuple, at: cst.CSTNode) -> bool:
        """The guards where `at` runs bound this atom from above (`if it > max_iters: return`)."""
        guards, _ = self.guards(at)
        return any(
            dict(c.terms).get(key, Fraction(0)) < 0 and len(c.terms) > 1
            for conjunction in guards for c in conjunction
        )

    # -- evidence about settings -------------------------------------------------------------

    def _collect_evidence(self) -> Tuple[Dict[str, str], Dict[str, str]]:
        """(labels the file tests against zero or defaults to zero, labels the file uses as
        integer counts), each with a short reason, from every comparison and call."""
        zero: Dict[str, str] = {}
        count: Dict[str, str] = {}
        index = self.index
        for key, (default, declared) in self.analysis.settings.items():
            if default is not None and number(default) == 0:
                zero.setdefault(key, "its default is 0")
            if declared == "int":
                count.setdefault(key, "declared int")
        # `hp["span"]` of a dict the code builds with "span": 0, and never writes (a running count is no setting)
        written = {subscript_key(target) for statement in index.all(cst.Assign) + index.all(cst.AugAssign)
                   for target in assignment_targets(statement)}
        for read in index.all(cst.Subscript):
            if subscript_key(read) not in written and any(
                    o.kind == v.SETTING and o.default is not None and number(o.default) == 0
                    for o in self.analysis.values.origins(read)):
                label = self._label(read)
                if label is not None:
                    zero.setdefault(label, "its default is 0")
        self._defaults = {}
        for function in index.all(cst.FunctionDef):
            owner = index.class_of_method(function)
            for name, bindings in index.scope(function).bindings.items():
                for binding in bindings:
                    if binding.kind == "param" and binding.value is not None:
                        self._defaults.setdefault(name, []).append((owner, binding.value))
                        if type(binding.value) is cst.Integer:
                            count.setdefault(name, "an integer default")
        for comparison in index.all(cst.Comparison):
            left = comparison.left
            for target in comparison.comparisons:
                right = target.comparator
                for side, other in ((left, right), (right, left)):
                    label = self._label(side)
                    if label is None:
                        continue
                    if number(other) == 0 and type(target.operator) in _OPERATORS:
                        zero.setdefault(label, "the code compares it with 0")
                    if self._is_counter(other):
                        count.setdefault(label, "it bounds a loop counter")
                left = right
        for test_owner in index.all(cst.If) + index.all(cst.While):
            label = self._label(test_owner.test)
            if label is not None:
                zero.setdefault(label, "the code tests whether it is 0")
            test = test_owner.test
            if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
                label = self._label(test.expression)
                if label is not None:
                    zero.setdefault(label, "the code tests whether it is 0")
        for call in index.all(cst.Call):
            if dotted_name(call.func) == "range":
                for arg in positional_args(call):
                    label = self._label(arg)
                    if label is not None:
                        count.setdefault(label, "it bounds a range")
        lr = self.analysis.lr
        for division in index.all(cst.BinaryOperation):
            if type(division.operator) is not cst.Divide:
                continue
            label = self._label(division.right)
            if label is not None and self._clamped_at_one(division):
                zero.setdefault(label, "the length of a ramp clamped at 1, which 0 disables")
            if not lr.step_dependent(division.left):
                continue
            for form in self.forms(division.right):  # `t / (T - 1)`: a length the steps are counted against
                for atom in form.atoms.values():
                    if atom.kind in ("param", "setting", "attribute"):
                        count.setdefault(atom.label, "the steps are divided by it")
        return zero, count

    def _clamped_at_one(self, division: cst.CSTNode) -> bool:
        """`min(1, t / W)`: W is the length over which the factor ramps up to 1. Not where
        the clamp is an exponent (`0.1 ** min(t / T, 1)`, torch-ngp): that is the progress
        of a decay over the run's length, which 0 does not disable."""
        parent = self.index.parent(division)
        if type(parent) is cst.Arg:
            parent = self.index.parent(parent)
        if type(parent) is not cst.Call or dotted_name(parent.func) != "min" or not any(
                number(a.value) == 1.0 for a in parent.args):
            return False
        outer = self.index.parent(parent)
        return not (type(outer) is cst.BinaryOperation and type(outer.operator) is cst.Power
                    and without_parentheses(outer.right) is parent) and not self._angle(parent)

    def _angle(self, node: cst.CSTNode, depth: int = 0) -> bool:
        """The value is (through arithmetic, or a local it is stored in) the angle of a `cos`
        or `sin`: the progress of a cosine decay over its length, which 0 does not disable."""
        index = self.index
        for ancestor in index.ancestors(node):
            kind = type(ancestor)
            if kind is cst.Call:
                return (dotted_name(ancestor.func) or "").rsplit(".", 1)[-1] in ("cos", "sin")
            if kind is cst.Assign and depth < 2 and len(ancestor.targets) == 1 and type(ancestor.targets[0].target) is cst.Name:
                reads = self.analysis.values.reads_of(ancestor, ancestor.targets[0].target.value)
                return bool(reads) and all(self._angle(read, depth + 1) for read in reads)
            if kind not in (cst.BinaryOperation, cst.UnaryOperation, cst.Arg):
                return False
        return False

    def _label(self, expr: cst.CSTNode) -> Optional[str]:
        forms = self.forms(expr)
        if len(forms) == 1 and len(forms[0].terms) == 1 and forms[0].const == 0:
            atom = next(iter(forms[0].atoms.values()))
            if atom.kind in ("param", "setting", "attribute"):
                return atom.label
        return None

    def _is_counter(self, expr: cst.CSTNode) -> bool:
        forms = self.forms(expr)
        return len(forms) == 1 and any(a.kind in ("loop", "counter") for a in forms[0].atoms.values())

    def zero_evidence(self, label: str, at: Optional[cst.CSTNode] = None) -> Optional[str]:
        """Why 0 is a valid value of this setting, when the file says so. A parameter's
        default counts from the class of `at` when that class has a parameter of this name
        (another class's `dampening=0.0` says nothing about this one's), else from any."""
        if self._evidence is None:
            self._evidence = self._collect_evidence()
        defaults = [value for _, value in self._defaults.get(label, [])]
        owner = self.index.enclosing_class(at) if at is not None else None
        own = [value for cls, value in self._defaults.get(label, []) if owner is not None and cls is owner]
        if any(number(value) == 0 for value in own or defaults):
            return "its default is 0"
        return self._evidence[0].get(label)

    def is_count(self, label: str) -> bool:
        """The setting counts something (an integer length): the file says so, or, where it
        says nothing, its name does (`epochs`, `max_iters`, `warmup_steps`, `n`)."""
        if self._evidence is None:
            self._evidence = self._collect_evidence()
        return label in self._evidence[1] or COUNT_NAME.search(label) is not None

    def count_evidence(self, label: str) -> bool:
        if self._evidence is None:
            self._evidence = self._collect_evidence()
        return label in self._evidence[1]


_OPERATORS = {cst.LessThan, cst.LessThanEqual, cst.GreaterThan, cst.GreaterThanEqual, cst.Equal, cst.NotEqual}
_NEGATION = {
    cst.Equal: cst.NotEqual, cst.NotEqual: cst.Equal,
    cst.LessThan: cst.GreaterThanEqual, cst.GreaterThanEqual: cst.LessThan,
    cst.LessThanEqual: cst.GreaterThan, cst.GreaterThan: cst.LessThanEqual,
}


def _catches_zero_division(handler: cst.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    names = [dotted_name(n) for n in ([e.value for e in handler.type.elements]
                                      if type(handler.type) is cst.Tuple else [handler.type])]
    return any(n in ("ZeroDivisionError", "ArithmeticError", "Exception", "BaseException") for n in names)


def _monomial(form: Linear) -> bool:
    return len(form.terms) == 1 and form.const == 0


def _factors(key: Tuple) -> Tuple:
    return key[1:] if key[0] == "product" else (key,)


def _substituted(form: Linear, values: Dict[Tuple, List[Linear]]) -> List[Linear]:
    """`form` with each term of `values` replaced by its alternatives, at most
    _MAX_ALTERNATIVES. All at once: a caller's `total` put for `it` is not the parameter `total`."""
    found = [Linear({k: c for k, c in form.terms.items() if k not in values}, form.const, form.atoms,
                    form.assumptions)]
    for key, replacements in values.items():
        found = [f.plus(r.scaled(form.terms[key])) for f in found for r in replacements][:_MAX_ALTERNATIVES]
    return found
