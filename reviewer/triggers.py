"""Text triggers: what a file's raw text must contain for a rule to have anything to find.

Each trigger is a necessary condition of a rule's matching, never a guess: it may let
through files that yield nothing, but must never skip one the rule would flag. This module
works on text alone (no libcst), so a file that triggers nothing is never parsed.
"""

from __future__ import annotations

import re
from typing import Iterator, Set

#: any scheduler FileFacts can bind: `lr_scheduler.X`, transformers' `get_*_schedule*`,
#: timm's `timm.scheduler`, torch's `SWALR`
SCHEDULER_VOCABULARY = r"schedul|SWALR"
#: a learning-rate name (`lr`, `base_lr`, `lrs`, `lr0`, `lr_max`, `["lr"]`, `learning_rate`)
LR_VOCABULARY = r"(?:\b|_)(?:lrs?|lr0|learning_rate)(?:\b|_)"


def all_of(*patterns: str) -> str:
    """A trigger that needs every pattern somewhere in the text, in any order."""
    return r"(?s)\A" + "".join(f"(?=.*?(?:{pattern}))" for pattern in patterns)


_DEF = re.compile(r"\bdef\s+\w+\s*\(")


def signatures(text: str) -> Iterator[str]:
    """The parameter lists of every `def` in `text` (brackets balanced, strings skipped)."""
    for match in _DEF.finditer(text):
        start = position = match.end()
        depth = 1
        while position < len(text) and depth:
            char = text[position]
            if char in "([{":
                depth += 1
            elif char in ")]}":
                depth -= 1
            elif char in "\"'":
                quote = text[position:position + 3] if text[position:position + 3] in ('"""', "'''") else char
                end = text.find(quote, position + len(quote))
                while end > 0 and quote == char and text[end - 1] == "\\":
                    end = text.find(quote, end + 1)
                position = len(text) if end < 0 else end + len(quote) - 1
            elif char == "#":
                newline = text.find("\n", position)
                position = len(text) if newline < 0 else newline
            position += 1
        yield text[start:position]


# A statement that calls a plain name and throws the result away: `model(x)`, `model(x)[0]`,
# `net.forward(x)`, `_ = model(x)`, also after `;` or a compound header on the same line.
# Builtins and keywords never name a model. Style rule E211 (`model (x)`) is not matched.
_STATEMENT_START = r"(?:^|;|^[ \t]*(?:for|while|with|if|elif|else|try|except|finally|async)\b[^\n]*:)"
_NEVER_MODELS = (
    r"super|print|setattr|getattr|delattr|hasattr|isinstance|issubclass|len|tuple|list|dict|set|str|int|float"
    r"|bool|repr|sorted|next|iter|zip|map|filter|enumerate|range|min|max|sum|any|all|abs|round|open|vars"
    r"|globals|locals|id|type|format|hash|callable|exec|eval|compile|assert|if|elif|while|for|with|not|return"
    r"|yield|raise|del|await|lambda|async"
)
_DISCARDED_CALL = re.compile(
    rf"(?m){_STATEMENT_START}[ \t(]*(?:_[ \t]*=[ \t(]*)*(?!(?:{_NEVER_MODELS})\b)([A-Za-z_]\w*)(?:\.forward)?\("
)


def discarded_call_names(text: str) -> Set[str]:
    """Names called in statements that discard the call's result."""
    return set(_DISCARDED_CALL.findall(text))


def binds_name(text: str, name: str, parameter_words: Set[str]) -> bool:
    """`name` can hold a value: it is assigned (`name =`, `name: T =`) or is a parameter."""
    if name in parameter_words:
        return True
    return re.search(rf"\b{re.escape(name)}\s*(?::[^\n=]*)?=(?!=)", text) is not None


def parameter_words(text: str) -> Set[str]:
    """Every word in every `def`'s parameter list (names, annotations and defaults)."""
    return {word for signature in signatures(text) for word in re.findall(r"\w+", signature)}
