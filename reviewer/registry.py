"""The rule catalogue: discovery of rule classes and selection by code, prefix, name or ALL."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Type

from reviewer.rule import Rule


class SelectionError(ValueError):
    """An unknown rule selector."""


@lru_cache(maxsize=None)
def all_rules() -> Tuple[Type[Rule], ...]:
    """Every rule class in `reviewer.rules`, sorted by code."""
    import reviewer.rules as package

    found: Dict[str, Type[Rule]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Rule) and value.__dict__.get("code"):
                previous = found.setdefault(value.code, value)
                if previous is not value:
                    raise RuntimeError(f"rule code {value.code} used by {previous.name} and {value.name}")
    return tuple(sorted(found.values(), key=lambda rule: rule.code))


@lru_cache(maxsize=None)
def _by_key() -> Dict[str, Type[Rule]]:
    table: Dict[str, Type[Rule]] = {}
    for rule in all_rules():
        table[rule.code.upper()] = rule
        table[rule.name.upper()] = rule
    return table


def find_rule(key: str) -> Optional[Type[Rule]]:
    """A rule by code or name (case-insensitive)."""
    return _by_key().get(key.strip().upper())


def rule_for_suppression(key: str) -> Optional[Type[Rule]]:
    """A rule by code, name or alias, as written in a suppression comment."""
    rule = find_rule(key)
    if rule is not None:
        return rule
    key = key.strip().upper()
    for candidate in all_rules():
        if key in (alias.upper() for alias in candidate.aliases):
            return candidate
    return None


def expand(selector: str) -> List[Type[Rule]]:
    """Rules matched by one selector: ALL, a code, a code prefix or a name."""
    key = selector.strip().upper()
    if not key:
        raise SelectionError("empty rule selector")
    if key == "ALL":
        return list(all_rules())
    exact = _by_key().get(key)
    if exact is not None:
        return [exact]
    matched = [rule for rule in all_rules() if rule.code.upper().startswith(key)]
    if not matched:
        raise SelectionError(f"unknown rule selector {selector!r} (see `reviewer rules`)")
    return matched


def select(
    select: Optional[Sequence[str]] = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    base: Optional[Sequence[Type[Rule]]] = None,
) -> List[Type[Rule]]:
    """Resolve selectors to rule classes, sorted by code.

    With no `select`, start from `base` (an earlier layer of settings), else from every
    rule whose `default_enabled` is true.
    """
    if select is not None:
        chosen = {rule for selector in select for rule in expand(selector)}
    elif base is not None:
        chosen = set(base)
    else:
        chosen = {rule for rule in all_rules() if rule.default_enabled}
    chosen |= {rule for selector in extend_select for rule in expand(selector)}
    chosen -= {rule for selector in ignore for rule in expand(selector)}
    return sorted(chosen, key=lambda rule: rule.code)
