"""Triggers: what a file must contain for a rule to have anything to find.

Each trigger is a necessary condition of a rule's matching, never a guess: it may let
through files that yield nothing, but must never skip one the rule would flag. Triggers
are data (regexes, `all_of`/`any_of`, and `Check`s naming functions of modules that do not
import libcst), so the registry can keep them in its index and a file that triggers
nothing is never parsed, and never makes the process import libcst.
"""

from __future__ import annotations

import ast
import importlib
import re
from functools import lru_cache
from typing import Any, Callable, Iterator, Pattern, Set, Union


class _Parts(tuple):
    # An all_of and an any_of of the same parts are different triggers.
    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(self)))


class AllOf(_Parts):
    """A trigger whose every part must match, searched in the order written (rarest first)."""


class AnyOf(_Parts):
    """A trigger of which one part must match. Several short patterns that each start
    with a literal are much faster than one alternation: re finds a literal at C speed."""


class Check:
    """A function of the text (in a trigger) or of CPython's AST (a structural trigger),
    named by module and name so that it can be stored and loaded without the rule."""

    def __init__(self, function: Callable[[Any], bool]) -> None:
        self.function = function
        self.name = f"{function.__module__}:{function.__qualname__}"

    @classmethod
    def named(cls, name: str) -> "Check":
        module, _, qualname = name.partition(":")
        return cls(getattr(importlib.import_module(module), qualname))

    def __call__(self, subject: Any) -> bool:
        return bool(self.function(subject))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Check) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def __repr__(self) -> str:
        return f"Check({self.name!r})"


Trigger = Union[str, AllOf, AnyOf, Check]


def all_of(*parts: Trigger) -> AllOf:
    return AllOf(parts)


def any_of(*parts: Trigger) -> AnyOf:
    return AnyOf(parts)


def matches(trigger: Trigger, text: str) -> bool:
    if isinstance(trigger, str):
        return _compiled(trigger).search(text) is not None
    if isinstance(trigger, Check):
        return trigger(text)
    if isinstance(trigger, AnyOf):
        return any(matches(part, text) for part in trigger)
    return all(matches(part, text) for part in trigger)


@lru_cache(maxsize=64)
def triggered(trigger: Trigger, text: str) -> bool:
    """`matches`, remembered: a worker asks once from the rule index (can anything fire
    without parsing?) and again from the rule classes, about the same text."""
    return matches(trigger, text)


def patterns(trigger: Trigger) -> Iterator[str]:
    """Every regex in a trigger."""
    if isinstance(trigger, str):
        yield trigger
    elif not isinstance(trigger, Check):
        for part in trigger:
            yield from patterns(part)


def to_data(trigger: Union[None, Trigger]) -> Any:
    """A trigger as plain data (for the registry's index): strings, lists and tags."""
    if trigger is None or isinstance(trigger, str):
        return trigger
    if isinstance(trigger, Check):
        return ["check", trigger.name]
    return ["all" if isinstance(trigger, AllOf) else "any", *(to_data(part) for part in trigger)]


def from_data(data: Any) -> Union[None, Trigger]:
    if data is None or isinstance(data, str):
        return data
    tag, *parts = data
    if tag == "check":
        return Check.named(parts[0])
    return (AllOf if tag == "all" else AnyOf)(from_data(part) for part in parts)


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> Pattern[str]:
    return re.compile(pattern)


#: any scheduler FileFacts can bind: `lr_scheduler.X`, transformers' `get_*_schedule*`,
#: timm's `timm.scheduler`, torch's `SWALR`
SCHEDULER_VOCABULARY = any_of("schedul", "SWALR")
#: a learning-rate name (`lr`, `base_lr`, `lrs`, `lr0`, `lr_max`, `["lr"]`, `learning_rate`);
#: the start of the word is not checked (a leading `\b` would cost re its fast literal search)
LR_VOCABULARY = any_of(r"lr[s0]?(?:\b|_)", "learning_rate")
#: code that may compute a learning-rate schedule: what the analysis recognises one by
#: (LambdaLR, param groups, torch's scheduler classes), and the names it takes as evidence
SCHEDULE_CODE = any_of(
    LR_VOCABULARY, "param_groups", "LambdaLR", "MultiplicativeLR", "LRScheduler", "lr_scheduler",
    r"LR(?:\b|_|s\b)", "Lr[A-Z]", "lambda_", r"_lambda\b", "get_lr", "GET_LR", "schedul", "Schedul",
    "SCHEDUL", "warm_?[uU]p", "Warm_?[uU]p", "WARM_?UP", "anneal", "Anneal", "ANNEAL", "one_?[cC]ycle",
    "One_?[cC]ycle", "ONE_?CYCLE",
)


_DEF = re.compile(r"def\s+\w+\s*\(")  # no leading \b: see Rule.trigger
_SIGNATURE_MARK = re.compile(r"[()\[\]{}\"'#]")


def signatures(text: str) -> Iterator[str]:
    """The parameter lists of every `def` in `text` (brackets balanced, strings skipped)."""
    for match in _DEF.finditer(text):
        start = position = match.end()
        depth = 1
        while depth:
            mark = _SIGNATURE_MARK.search(text, position)
            if mark is None:
                position = len(text)
                break
            position = mark.start()
            char = text[position]
            if char in "([{":
                depth += 1
            elif char in ")]}":
                depth -= 1
            elif char == "#":
                newline = text.find("\n", position)
                position = len(text) if newline < 0 else newline
            else:
                quote = text[position:position + 3] if text[position:position + 3] in ('"""', "'''") else char
                end = text.find(quote, position + len(quote))
                while end > 0 and quote == char and text[end - 1] == "\\":
                    end = text.find(quote, end + 1)
                position = len(text) if end < 0 else end + len(quote) - 1
            position += 1
        yield text[start:position]


# A statement that calls a plain name and throws the result away: `model(x)`, `model(x)[0]`,
# `net.forward(x)`, `_ = model(x)`, at the start of a line, after `;` or after a compound
# header on the same line. Builtins and keywords never name a model. Each starting point is
# its own pattern, led by a literal (fast). Style rule E211 (`model (x)`) is not matched.
_NEVER_MODELS = (
    r"super|print|setattr|getattr|delattr|hasattr|isinstance|issubclass|len|tuple|list|dict|set|str|int|float"
    r"|bool|repr|sorted|next|iter|zip|map|filter|enumerate|range|min|max|sum|any|all|abs|round|open|vars"
    r"|globals|locals|id|type|format|hash|callable|exec|eval|compile|assert|if|elif|while|for|with|not|return"
    r"|yield|raise|del|await|lambda|async"
)
_CALL = rf"[ \t(]*(?:_[ \t]*=[ \t(]*)*(?!(?:{_NEVER_MODELS})\b)([A-Za-z_]\w*)(?:\.forward)?\("
_DISCARDED_CALLS = (
    re.compile(r"\n" + _CALL),
    re.compile(r"\n[ \t]*(?:for|while|with|if|elif|else|try|except|finally|async)\b[^\n]*:" + _CALL),
    re.compile(";" + _CALL),
)


def discarded_call_names(text: str) -> Set[str]:
    """Names called in statements that discard the call's result."""
    text = "\n" + text  # the first line starts like every other
    return {name for pattern in _DISCARDED_CALLS for name in pattern.findall(text)}


_LOOPS = (ast.For, ast.AsyncFor, ast.While)


def loop_calls_all(tree: ast.Module, names: Set[str]) -> bool:
    """Some loop calls every one of `names` (as `f(...)` or `x.f(...)`) somewhere in it.
    Only outermost loops are searched: an inner loop's calls are in its outer loop too."""
    todo: list = [tree]
    while todo:
        node = todo.pop()
        if not isinstance(node, _LOOPS):
            todo.extend(ast.iter_child_nodes(node))
            continue
        missing = set(names)
        for inner in ast.walk(node):
            if isinstance(inner, ast.Call):
                function = inner.func
                missing.discard(function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None))
                if not missing:
                    return True
    return False
