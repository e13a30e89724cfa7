"""Where a schedule's position stays: below its length where the training loop passes the
position (a plain function, or a method of a plain object that nothing in the file calls),
at most its length where a scheduler steps a counter once more after the last step."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Dict, List, Set, Tuple

import libcst as cst

from reviewer.analysis.numeric import DNF, Constraint, Linear
from reviewer.analysis.tree import dotted_name

if TYPE_CHECKING:
    from reviewer.analysis import FileAnalysis


def within_horizon(analysis: "FileAnalysis", form: Linear, at: cst.CSTNode, below: bool) -> DNF:
    """For each position the guards where `at` runs compare (a loop variable, a counter, a
    parameter of the function) and each length `form` subtracts it from: `position < length`
    (`below`, or a position the training loop passes) or `<=`, unless the code itself
    bounds the position from above (`if it > max_iters: return`)."""
    numbers = analysis.numbers
    guards, _ = numbers.guards(at)
    positions = {key for conjunction in guards for constraint in conjunction for key, _ in constraint.terms
                 if key not in form.terms and _is_position(analysis, key, at)}
    lengths = [k for k, c in form.terms.items() if c > 0]
    found: List[Constraint] = []
    for position in positions:
        if numbers.upper_bounded(position, at):
            continue
        strict = below or _passed_by_training_code(analysis, position, at)
        for length in lengths:
            found.append(_below({length: Fraction(1), position: Fraction(-1)}, strict))
        found.extend(_flattened(analysis, guards, position, lengths, at, strict))
    return [found]


def _flattened(analysis: "FileAnalysis", guards, position: Tuple, lengths: List[Tuple], at: cst.CSTNode,
               strict: bool) -> List[Constraint]:
    """A position within a pass and the pass's index, flattened (`epoch * iters + i`): with
    `epoch` below `epochs` and `i` below `iters`, the sum stays below `epochs * iters`."""
    products = {key for conjunction in guards for constraint in conjunction if position in dict(constraint.terms)
                for key, _ in constraint.terms if key[0] == "product" and len(key) == 3}
    found = []
    for key in sorted(products, key=repr):
        for outer, per_pass in (key[1:], key[:0:-1]):
            if per_pass == position or not _is_position(analysis, outer, at) or analysis.numbers.upper_bounded(outer, at):
                continue
            found += [_below({length: Fraction(1), key: Fraction(-1), position: Fraction(-1)}, strict)
                      for length in lengths
                      if length[0] == "product" and len(length) == 3 and per_pass in length[1:] and outer not in length]
    return found


def per_pass_lengths(analysis: "FileAnalysis", division: cst.CSTNode) -> Set[Tuple]:
    """The lengths a flattened position in the dividend counts within (`iters` of `epoch *
    iters + i`, `epoch` and `i` both positions the training loop passes to a plain object's
    method): `i` stays below `iters`, so wherever the division runs `iters` is at least 1."""
    if type(division) is not cst.BinaryOperation:
        return set()

    def passed(key: Tuple) -> bool:
        return _is_position(analysis, key, division) and _passed_by_training_code(analysis, key, division)

    found: Set[Tuple] = set()
    for form in analysis.numbers.forms(division.left):
        if not any(passed(k) for k in form.terms if k[0] != "product"):
            continue  # no position within the pass
        for key in form.terms:
            if key[0] == "product" and len(key) == 3:
                found |= {per_pass for outer, per_pass in (key[1:], key[:0:-1]) if passed(outer) and not passed(per_pass)}
    return found


def _below(terms: Dict[Tuple, Fraction], strict: bool) -> Constraint:
    return Constraint(tuple(sorted(terms.items(), key=repr)), Fraction(0), strict)


def _passed_by_training_code(analysis: "FileAnalysis", key: Tuple, at: cst.CSTNode) -> bool:
    """A parameter of a method of a class that extends nothing, which neither the file
    calls nor a LambdaLR evaluates (`__call__(self, optimizer, iteration)`): the training
    loop passes the position, as it does to a plain function. A framework's scheduler
    (fairseq's `step_update(num_updates)`) is stepped by the framework, maybe past the end."""
    function = analysis.index.function_of(at)
    owner = analysis.index.enclosing_class(at)
    if key[0] != "v" or function is None or owner is None or id(function) in analysis.lr.lambda_functions():
        return False
    if any(dotted_name(base.value) != "object" for base in owner.node.bases):
        return False
    return not analysis.calls_of(function) and not analysis.partials_of(function)


def _is_position(analysis: "FileAnalysis", key: Tuple, at: cst.CSTNode) -> bool:
    """A loop variable or counter, or a parameter of the function: the training code
    calls a schedule function with the position in the schedule."""
    if key[0] in ("loop", "counter"):
        return True
    function = analysis.index.function_of(at)
    if key[0] != "v" or function is None:
        return False
    return any(b.kind == "param" for b in analysis.index.scope(function).bindings.get(key[1], ()))
