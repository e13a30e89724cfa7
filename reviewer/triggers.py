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
from functools import cached_property, lru_cache
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Pattern, Set, Tuple, Union

from reviewer.vocabulary import (ACCUMULATION_API, ACCUMULATION_WORDS, DIVIDING_SCHEDULERS, MODE_KEYWORD,
                                 SCHEDULE_FUNCTION_NAME, SCHEDULERS)


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
        self._function: Optional[Callable[[Any], bool]] = function
        self.name = f"{function.__module__}:{function.__qualname__}"

    @classmethod
    def named(cls, name: str) -> "Check":
        """The check of that name, its module imported when first called (a run answered
        from the cache calls none)."""
        check = cls.__new__(cls)
        check._function, check.name = None, name
        return check

    @property
    def function(self) -> Callable[[Any], bool]:
        if self._function is None:
            module, _, qualname = self.name.partition(":")
            self._function = getattr(importlib.import_module(module), qualname)
        return self._function

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
        return _found(trigger, text)
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


#: a pattern with no regex syntax: `in` finds it several times faster than re's search
_LITERAL = re.compile(r"[\w ]+")


@lru_cache(maxsize=None)
def _searcher(pattern: str) -> Callable[[str], bool]:
    if _LITERAL.fullmatch(pattern):
        return (lambda text: pattern in text)
    if pattern.startswith("(?i)") and _LITERAL.fullmatch(pattern[4:]):
        # a case-folded copy finds every case of the word (`ſ` folds to `s` too) 3x faster than re
        word = pattern[4:].casefold()
        return (lambda text: word in _casefolded(text))
    search = re.compile(pattern).search
    return lambda text: search(text) is not None


@lru_cache(maxsize=2)
def _casefolded(text: str) -> str:
    return text.casefold()


@lru_cache(maxsize=512)
def _found(pattern: str, text: str) -> bool:
    """One search per pattern and text: many rules' triggers share a pattern (a str caches
    its hash, so the key costs nothing after the first)."""
    return _searcher(pattern)(text)


FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


#: fields the walk skips: contexts and operators (each one object shared by the whole tree,
#: with no code of its own) and fields that hold only names, numbers and flags (`Name.id`)
_SKIPPED_FIELDS = frozenset(("ctx", "op", "ops", "id", "attr", "arg", "name", "module", "level", "kind",
                             "type_comment", "is_async", "conversion", "simple"))
#: per node class, the fields that may hold children
_CHILD_FIELDS: Dict[type, Tuple[str, ...]] = {}


class Nodes:
    """One pre-order walk of a CPython AST that the structural checks share (each would
    otherwise walk the whole tree again): the nodes of each type, each node's parent, and
    any node's subtree. Contexts and operators are left out (`_SKIPPED_FIELDS`): checks read
    them from their node (`node.op`)."""

    def __init__(self, tree: ast.AST) -> None:
        self.order: List[ast.AST] = []
        self.by_type: Dict[type, List[ast.AST]] = {}
        self.parent: Dict[int, ast.AST] = {}
        self._start: Dict[int, int] = {}
        #: the position after each node's subtree, by the node's position (position + 1: a leaf)
        self.ends: List[int] = []
        order, by_type, parent, start, end = self.order, self.by_type, self.parent, self._start, self.ends
        node_type, child_fields = ast.AST, _CHILD_FIELDS
        stack: List[Any] = [tree]  # nodes to visit, and (as ints) positions whose subtree ends here
        push, pop = stack.append, stack.pop
        while stack:
            node = pop()
            if node.__class__ is int:
                end[node] = len(order)
                continue
            position = len(order)
            start[id(node)] = position
            order.append(node)
            end.append(position + 1)  # a leaf's subtree is itself
            kind = node.__class__
            bucket = by_type.get(kind)
            if bucket is None:
                bucket = by_type[kind] = []
            bucket.append(node)
            fields = child_fields.get(kind)
            if fields is None:  # a constant's value is no node (a tuple of constants at most)
                fields = child_fields[kind] = () if kind is ast.Constant else tuple(
                    f for f in kind._fields if f not in _SKIPPED_FIELDS)
            if not fields:  # most nodes are leaves: names, constants
                continue
            children = []
            for name in fields:  # ast.iter_child_nodes, without its generators
                value = getattr(node, name, None)
                if value.__class__ is list:
                    for item in value:
                        if isinstance(item, node_type):  # not a `**d`'s None key, nor a `global`'s name
                            children.append(item)
                elif isinstance(value, node_type):
                    children.append(value)
            if children:
                push(position)
                for child in reversed(children):
                    parent[id(child)] = node
                    push(child)

    def of(self, *types: type) -> List[Any]:
        """The nodes of these exact types (grouped by type)."""
        return [node for kind in types for node in self.by_type.get(kind, ())]

    def under(self, node: ast.AST) -> List[Any]:
        """`node` and its descendants."""
        position = self._start[id(node)]
        return self.order[position:self.ends[position]]

    @cached_property
    def identifiers(self) -> List[str]:
        """Names, attributes, parameters, keywords, imported names and modules, definitions' names."""
        found = [n.id for n in self.of(ast.Name)] + [n.attr for n in self.of(ast.Attribute)]
        found += [n.arg for n in self.of(ast.arg, ast.keyword) if n.arg]
        found += [n.name for n in self.of(*FUNCTIONS, ast.ClassDef)]
        for alias in self.of(ast.alias):
            found += [alias.name, alias.asname] if alias.asname else [alias.name]
        return found + [n.module for n in self.of(ast.ImportFrom) if n.module]

    @cached_property
    def imported_modules(self) -> List[str]:
        """The modules the file imports absolutely (`import a.b`, `from a.b import c`: `a.b`)."""
        modules = [alias.name for node in self.of(ast.Import) for alias in node.names]
        return modules + [node.module for node in self.of(ast.ImportFrom) if node.module and not node.level]

    @cached_property
    def strings(self) -> List[str]:
        """The string constants that are no docstring (nor any other string statement)."""
        return [n.value for n in self.of(ast.Constant)
                if isinstance(n.value, str) and not isinstance(self.parent.get(id(n)), ast.Expr)]

    @cached_property
    def words(self) -> List[str]:
        """`identifiers` and `strings`."""
        return self.identifiers + self.strings

    @cached_property
    def lines_of_words(self) -> str:
        """`words`, one per line: one search finds a pattern without line breaks in any of them."""
        return "\n".join(self.words)


def nodes(tree: ast.AST) -> Nodes:
    """The tree's shared walk, made on first use."""
    found = getattr(tree, "_reviewer_nodes", None)
    if found is None:
        found = Nodes(tree)
        tree._reviewer_nodes = found  # type: ignore[attr-defined]
    return found


def code_words(tree: ast.AST) -> List[str]:
    """The words of the code itself, not of its comments and docstrings: names, attributes,
    parameters, keywords, imported names and modules, definitions' names, and string
    constants that are no docstring."""
    return nodes(tree).words


def identifiers(tree: ast.AST) -> List[str]:
    """`code_words` without the string constants."""
    return nodes(tree).identifiers


def _in_code(tree: ast.AST, pattern: Pattern[str]) -> bool:
    return pattern.search(nodes(tree).lines_of_words) is not None


_LINE_END = re.compile(r"[\r\n]")
#: a string (any quotes; prefixes stay behind as harmless letters), a comment, or an import
#: statement (a parenthesised one whole, a plain one to its line's end or `;`)
_NOT_CODE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\r\n]|\\.)*"' r"|'(?:[^'\\\r\n]|\\.)*'|#[^\r\n]*"
    r"|^[ \t]*(?:from[ \t]+[\w.]+[ \t]+)?import[ \t]+(?:\([^)]*\)|[^\r\n;]*)",
    re.MULTILINE,
)


def code_only(text: str) -> str:
    """`text` without its strings, comments and import statements: what names a value the
    code binds, for text checks whose structural check reads only bindings."""
    return _NOT_CODE.sub('""', text)


def mentioned_in_code(text: str, names: Iterable[str], attributes: Iterable[str]) -> bool:
    """The code (`code_only`) mentions one of `names` (`name`) or `attributes` (`.name`)
    other than by calling it. The text is searched first: most files fail there, and only
    those that pass are stripped of strings, comments and imports."""
    searches = [re.compile(rf"{lead}(?:{'|'.join(sorted(words))})\b(?!\s*\()")
                for lead, words in ((r"\b", names), (r"\.\s*", attributes)) if words]
    if not any(search.search(text) for search in searches):
        return False
    code = code_only(text)
    return any(search.search(code) for search in searches)


_SCHEDULER_WORD = re.compile(r"schedul|SWALR")
_STEP_WORD = re.compile(r"backward|step")


def scheduler_code(tree: ast.Module) -> bool:
    """SCHEDULER_VOCABULARY in the code, not only in comments or docstrings: every scheduler
    the analysis binds comes from a name, module or attribute that says so."""
    return _in_code(tree, _SCHEDULER_WORD)


def scheduler_step_code(tree: ast.Module) -> bool:
    """A scheduler (`scheduler_code`) and a `step` in the code."""
    return scheduler_code(tree) and any(word == "step" for word in code_words(tree))


def scheduler_state_code(tree: ast.Module) -> bool:
    """A scheduler (`scheduler_code`) and a `state_dict` in the code."""
    return scheduler_code(tree) and any("state_dict" in word for word in code_words(tree))


#: torch's scheduler classes, and the fewest positional arguments that hold a `verbose`
_TORCH_SCHEDULER_NAMES = frozenset(kind.name for kind in SCHEDULERS.values() if kind.torch)
_VERBOSE_POSITION = min(kind.verbose_position for kind in SCHEDULERS.values() if kind.verbose_position is not None)


def verbose_argument(tree: ast.Module) -> bool:
    """A torch scheduler class named in the code, and a call given `verbose=` or enough
    positional arguments to pass it by position (the rule binds the call to the class)."""
    if _TORCH_SCHEDULER_NAMES.isdisjoint(code_words(tree)):
        return False
    return any(len(call.args) > _VERBOSE_POSITION or any(k.arg == "verbose" for k in call.keywords)
               for call in nodes(tree).of(ast.Call))


def eval_in_training(tree: ast.Module) -> bool:
    """An `.eval()` call, and a name with `backward` or `step` in it (a training step, or a
    helper of the file that makes one)."""
    flat = nodes(tree)
    return any(isinstance(n.func, ast.Attribute) and n.func.attr == "eval" and not n.args and not n.keywords
               for n in flat.of(ast.Call)) and _in_code(tree, _STEP_WORD)


def cosine_and_pi(tree: ast.Module) -> bool:
    """`cos` and `pi` (or a literal 3.14...) in the code."""
    words = set(code_words(tree))
    return "cos" in words and ("pi" in words or any(
        isinstance(n.value, float) and 3.14 <= n.value < 3.15 for n in nodes(tree).of(ast.Constant)))


_MUTABLE_DEFAULTS = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp, ast.Call)


def mutable_default(tree: ast.Module) -> bool:
    """A def with a default that is a display, a comprehension or a call (the rule decides
    which calls build a mutable object)."""
    return any(isinstance(default, _MUTABLE_DEFAULTS)
               for function in nodes(tree).of(*FUNCTIONS)
               for default in (*function.args.defaults, *function.args.kw_defaults))


def sampler_and_loader(tree: ast.Module) -> bool:
    """`DistributedSampler` and `DataLoader` in the code."""
    words = code_words(tree)
    return any("DistributedSampler" in w for w in words) and any("DataLoader" in w for w in words)


def loader_and_backward(tree: ast.Module) -> bool:
    """`DataLoader` and `backward` in the code."""
    words = code_words(tree)
    return any("DataLoader" in w for w in words) and any("backward" in w for w in words)


#: between two tokens of a call: spaces, line breaks, a backslash continuation, a comment.
#: Possessive: a comment's trailing spaces could otherwise be split between the two
#: branches in ways that grow exponentially with the number of comment lines.
GAP = r"(?:[\s\\]|#[^\r\n]*+)*+"
#: a `.backward(` call (`loss.backward()`, `scaler.scale(loss).backward()`), the literal first
BACKWARD_CALL = all_of("backward", r"\." + GAP + "backward" + GAP + r"\(")
#: a `save(` call (`torch.save(...)`), or `save` imported under another name (`save as keep`)
SAVE_CALL = all_of("save", any_of("save" + GAP + r"\(", r"save\s+as\b"))

#: the base of a power that is a bracketed expression (`(1 - t / T) ** p`): an operation
#: as the left operand of `**` needs its parentheses
POWER_OF_GROUP = r"\)" + GAP + r"\*\*"

#: where the analysis finds a model: `torch.nn` (layers, `nn.Module` classes), model packages
#: and factories (torchvision, timm, `torch.hub`, `torch.jit`), loaders of pretrained ones
MODEL_VOCABULARY = any_of(r"nn\b", "Module", "PreTrainedModel", "attempt_load", "torchvision", r"timm\b", r"hub\b",
                          r"jit\b", "from_pretrained")
#: a keyword argument of MODE_KEYWORD (`drop_rate=0.2`, `use_bn=True`), as text
MODE_KEYWORD_ARGUMENT = r"(?i)(?:drop\w*|batch_?norm|bn)\s*="
#: the callables the analysis takes a model from (`timm.create_model`, `torch.hub.load`,
#: `torch.jit.script`, YOLOv5's `attempt_load`, transformers' `from_pretrained`)
MODEL_FACTORIES = frozenset(("create_model", "load", "script", "trace", "attempt_load", "from_pretrained"))

#: any scheduler FileFacts can bind: `lr_scheduler.X`, transformers' `get_*_schedule*`,
#: timm's `timm.scheduler`, torch's `SWALR`
SCHEDULER_VOCABULARY = any_of("schedul", "SWALR")
#: a learning-rate name (`lr`, `base_lr`, `lrs`, `lr0`, `lr_max`, `["lr"]`, `learning_rate`);
#: the start of the word is not checked (a leading `\b` would cost re its fast literal search)
LR_VOCABULARY = any_of(r"lr[s0]?(?:\b|_)", "learning_rate")
#: code that may keep or write a learning rate: an LR name, a param group, a torch scheduler
#: base, or a method of the scheduler protocol (whose return value is an LR by that fact:
#: `def step(self): ... return self.base * f`)
LR_STATE = any_of(
    LR_VOCABULARY, "param_groups", "LRScheduler", "lr_scheduler",
    r"def\s+(?:step|get_lr|get_last_lr|__call__|_get_closed_form_lr|step_update|step_batch)\b",
)
_LR_WORD = re.compile(r"lr[s0]?(?:\b|_)|learning_rate|param_groups|LRScheduler|lr_scheduler")
_PROTOCOL = {"step", "get_lr", "get_last_lr", "__call__", "_get_closed_form_lr", "step_update", "step_batch"}


def lr_state(tree: ast.Module) -> bool:
    """LR_STATE in the code itself (not in comments or docstrings): an LR word in a name,
    attribute, parameter or a string that names something (`group["lr"]`, `"optim.lr"`), or a
    method of the scheduler protocol that returns a value and computes with an attribute
    of `self` (what it returns may be an LR by that fact)."""
    flat = nodes(tree)
    words = [n.id for n in flat.of(ast.Name)] + [n.attr for n in flat.of(ast.Attribute)]
    words += [n.arg for n in flat.of(ast.arg)]
    words += [string for string in flat.strings if string.replace(".", "_").isidentifier()]
    if _LR_WORD.search("\n".join(words)):  # one search: the pattern spans no line break
        return True
    return any(method.name in _PROTOCOL and _self_arithmetic(flat.under(method))
               for method in flat.of(*FUNCTIONS))


#: what computes a number; `|` and `&` join types and sets, `+` of a tuple or string joins sequences
_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
_SEQUENCES = (ast.Tuple, ast.List, ast.JoinedStr, ast.ListComp)


def _self_arithmetic(method: List[ast.AST]) -> bool:
    return any(isinstance(n, ast.Return) and n.value is not None for n in method) and any(
        _arithmetic(n) for n in method) and any(
        isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) for n in method)


def _arithmetic(node: ast.AST) -> bool:
    if isinstance(node, ast.AugAssign):
        return isinstance(node.op, _ARITHMETIC)
    return isinstance(node, ast.BinOp) and isinstance(node.op, _ARITHMETIC) and not any(
        isinstance(side, _SEQUENCES) or isinstance(side, ast.Constant) and isinstance(side.value, str)
        for side in (node.left, node.right))


_DIVISIONS = (ast.Div, ast.FloorDiv, ast.Mod)


def schedule_division(tree: ast.Module) -> bool:
    """A division in code that may be schedule code (the analysis's LR context): LR state
    (`lr_state`), a LambdaLR/MultiplicativeLR, or a function or lambda named like a schedule;
    or a scheduler built that divides by one of its arguments (`CosineAnnealingLR(o, T_max)`)."""
    flat = nodes(tree)
    if any(called_name(call) in DIVIDING_SCHEDULERS for call in flat.of(ast.Call)):
        return True
    if not any(isinstance(n.op, _DIVISIONS) for n in flat.of(ast.BinOp, ast.AugAssign)):
        return False
    named = any(SCHEDULE_FUNCTION_NAME.search(n.name) for n in flat.of(*FUNCTIONS))
    for node in flat.of(ast.Name, ast.Attribute):
        if named:
            break
        word = node.id if isinstance(node, ast.Name) else node.attr
        named = word in ("LambdaLR", "MultiplicativeLR") or (
            not isinstance(node.ctx, ast.Load) and SCHEDULE_FUNCTION_NAME.search(word) is not None)
    return named or lr_state(tree)


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
                newline = _LINE_END.search(text, position)  # CR-only files end lines with \r
                position = newline.start() if newline else len(text)
            else:
                quote = text[position:position + 3] if text[position:position + 3] in ('"""', "'''") else char
                end = text.find(quote, position + len(quote))
                while end > 0 and quote == char and text[end - 1] == "\\":
                    end = text.find(quote, end + 1)
                position = len(text) if end < 0 else end + len(quote) - 1
            position += 1
        yield text[start:position]


def saved_object(tree: ast.Module) -> bool:
    """A `torch.save(x, ...)` call (through the file's names for torch or its `save`) whose
    object may be a model: not a list or constant, nor a `state_dict()`; a dict display only
    where a value may be one (not a constant nor a `state_dict()`)."""
    flat = nodes(tree)
    modules = {a.asname or a.name for node in flat.of(ast.Import) for a in node.names if a.name == "torch"}
    functions = {a.asname or a.name for node in flat.of(ast.ImportFrom) if node.module == "torch"
                 for a in node.names if a.name == "save"}
    for node in flat.of(ast.Call):
        func = node.func
        if not ((isinstance(func, ast.Attribute) and func.attr == "save" and isinstance(func.value, ast.Name)
                 and func.value.id in modules) or (isinstance(func, ast.Name) and func.id in functions)):
            continue
        saved = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "obj"), None)
        if isinstance(saved, ast.Dict):
            if any(_may_be_a_model(value) for key, value in zip(saved.keys, saved.values) if key is not None):
                return True
        elif _may_be_a_model(saved) and not isinstance(saved, (ast.List, ast.Tuple)):
            return True
    return False


def _may_be_a_model(saved: Optional[ast.AST]) -> bool:
    return saved is not None and not isinstance(saved, ast.Constant) and not (
        isinstance(saved, ast.Call) and isinstance(saved.func, ast.Attribute) and saved.func.attr == "state_dict")


def poly_base(tree: ast.Module) -> bool:
    """A power of `1 - a / b`: the polynomial decay's shape."""
    for node in nodes(tree).of(ast.BinOp):
        if isinstance(node.op, ast.Pow):
            base = node.left
            if isinstance(base, ast.BinOp) and isinstance(base.op, ast.Sub) and isinstance(base.right, ast.BinOp) \
                    and isinstance(base.right.op, ast.Div) and isinstance(base.left, ast.Constant) \
                    and base.left.value == 1:
                return True
    return False


def _backward(tree: ast.Module) -> bool:
    return any(isinstance(n.func, ast.Attribute) and n.func.attr == "backward" for n in nodes(tree).of(ast.Call))


def loss_accumulation(tree: ast.Module) -> bool:
    """A `backward()` call and a running total of something that is no call (`total +=
    loss`, `total = total + loss * n`, `losses.append(loss)`): `loss.item()` adds a number."""
    flat = nodes(tree)
    total = any(isinstance(n.op, ast.Add) and isinstance(n.value, (ast.Name, ast.BinOp))
                for n in flat.of(ast.AugAssign)) or any(
        isinstance(n.value, ast.BinOp) and isinstance(n.value.op, ast.Add)
        and isinstance(n.value.right, (ast.Name, ast.BinOp)) for n in flat.of(ast.Assign)) or any(
        isinstance(n.func, ast.Attribute) and n.func.attr == "append"
        and any(isinstance(a, (ast.Name, ast.BinOp)) for a in n.args) for n in flat.of(ast.Call))
    return total and _backward(tree)


def accumulation_boundary(tree: ast.Module) -> bool:
    """A `backward()` call and an `if` that may test an accumulation boundary: a `%`, steps
    since the last update compared with `>=`/`>`, an accumulation word or API, or a test
    held in a local (the analysis follows it); or a `backward()` in a loop over `range(n)`
    or over the chunks of a batch, `x.chunk(n)` (micro-batches)."""
    flat = nodes(tree)
    for loop in flat.of(ast.For):
        if _micro_batches(loop.iter) and any(
                isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "backward"
                for n in flat.under(loop)):
            return True
    for node in flat.of(ast.If):
        test = node.test
        if isinstance(test, ast.Name):
            return _backward(tree)
        for part in flat.under(test):
            if (isinstance(part, ast.BinOp) and isinstance(part.op, ast.Mod)) or (
                    isinstance(part, ast.Compare) and isinstance(part.left, ast.BinOp)
                    and isinstance(part.left.op, ast.Sub)) or (
                    isinstance(part, (ast.Name, ast.Attribute)) and _accumulation_word(part)):
                return _backward(tree)
    return False


def _micro_batches(iterable: ast.AST) -> bool:
    """`range(...)`, or a `chunk` call (also zipped or enumerated)."""
    if not isinstance(iterable, ast.Call):
        return False
    name = called_name(iterable)
    if name in ("zip", "enumerate"):
        return any(_micro_batches(arg) for arg in iterable.args)
    return name == "chunk" or isinstance(iterable.func, ast.Name) and name == "range"


def _accumulation_word(node: ast.AST) -> bool:
    word = node.id if isinstance(node, ast.Name) else node.attr  # type: ignore[attr-defined]
    return word in ACCUMULATION_API or ACCUMULATION_WORDS.search(word) is not None


_NO_GRAD = ("no_grad", "inference_mode", "set_grad_enabled")


def no_grad_loop(tree: ast.Module) -> bool:
    """A `for` loop, and a model's call that may run in it with gradient recording off (as
    the analysis's grad mode and loop contexts find them): a call of something the file holds
    as a value, or of a function of the file, under `with torch.no_grad():` (`inference_mode`,
    `set_grad_enabled(False)`) where that block holds a loop (itself or in the functions of
    the file it calls, two levels) or runs in one (or in a function a loop calls, two
    levels); or a file that turns recording off by a decorator (`@torch.inference_mode()`) or
    a `set_grad_enabled(...)` statement."""
    flat = nodes(tree)
    if not flat.of(ast.For, ast.AsyncFor) or not _trainable_model(flat):
        return False
    value_call = _value_call(flat)
    if not any(value_call(call) for call in flat.of(ast.Call)):
        return False
    functions = flat.of(*FUNCTIONS)
    if any(_names_no_grad(d) for node in functions for d in node.decorator_list) or any(
            isinstance(n.value, ast.Call) and called_name(n.value) == "set_grad_enabled" for n in flat.of(ast.Expr)):
        return True
    defined: Dict[str, List[ast.AST]] = {}
    for node in functions:
        defined.setdefault(node.name, []).append(node)
    for node in flat.of(ast.With, ast.AsyncWith):
        if any(_names_no_grad(i.context_expr) for i in node.items) and any(
                isinstance(n, ast.Call) and (called_name(n) in defined or value_call(n)) for n in flat.under(node)) \
                and (_holds_loop(flat, node, defined, set()) or _in_loop(flat, node, 0)):
            return True
    return False


def _holds_loop(flat: Nodes, node: ast.AST, defined: Dict[str, List[ast.AST]], seen: Set[int]) -> bool:
    """`node` holds a `for` loop, or calls a function of the file that does, however deep (a
    function whose every caller runs under `no_grad` runs there too, at any depth)."""
    seen.add(id(node))
    under = flat.under(node)
    return any(isinstance(n, (ast.For, ast.AsyncFor)) for n in under) or any(
        isinstance(n, ast.Call) and any(id(d) not in seen and _holds_loop(flat, d, defined, seen)
                                        for d in defined.get(called_name(n), ()))
        for n in under)


def _in_loop(flat: Nodes, node: ast.AST, depth: int) -> bool:
    """`node` runs in a `for` loop of its function, or its function is called in one (two levels)."""
    parent = flat.parent.get(id(node))
    while parent is not None:
        if isinstance(parent, (ast.For, ast.AsyncFor)):
            return True
        if isinstance(parent, FUNCTIONS):
            return depth < 2 and any(called_name(call) == parent.name and _in_loop(flat, call, depth + 1)
                                     for call in flat.of(ast.Call))
        parent = flat.parent.get(id(parent))
    return False


def _trainable_model(flat: Nodes) -> bool:
    """What the rule needs of its model: the file switches something to training mode
    (`.train()`), builds something (a call of a capitalised name that is no exception, or a
    call given a dropout or batch-norm keyword), or calls a model factory
    (`timm.create_model`, `torch.hub.load`, `torch.jit.script`, anything of torchvision's)."""
    return any(called_name(call) == "train" or builds_a_model(call)
               or any(k.arg and MODE_KEYWORD.match(k.arg) for k in call.keywords)
               for call in flat.of(ast.Call)) or any("torchvision" in word for word in flat.identifiers)


def _value_call(flat: Nodes) -> Callable[[ast.Call], bool]:
    """Whether a call is of something the file holds as a value, as a model is: a name it
    assigns or takes as a parameter, an attribute it assigns, an item (`nets[0](x)`), or
    what it calls `.train()` on (a model bound elsewhere)."""
    names = {n.id for n in flat.of(ast.Name) if not isinstance(n.ctx, ast.Load)} | {n.arg for n in flat.of(ast.arg)}
    attributes = {n.attr for n in flat.of(ast.Attribute) if not isinstance(n.ctx, ast.Load)}
    for cls in flat.of(ast.ClassDef):  # `net = Net()` in a class body: `self.net`
        for statement in cls.body:
            targets = statement.targets if isinstance(statement, ast.Assign) else [getattr(statement, "target", None)]
            attributes.update(target.id for target in targets if isinstance(target, ast.Name))
    for call in flat.of(ast.Call):
        if isinstance(call.func, ast.Attribute) and call.func.attr == "train":
            receiver = call.func.value
            if isinstance(receiver, ast.Name):
                names.add(receiver.id)
            elif isinstance(receiver, ast.Attribute):
                attributes.add(receiver.attr)

    def value_call(call: ast.Call) -> bool:
        func = call.func
        return isinstance(func, ast.Subscript) or isinstance(func, ast.Name) and func.id in names or (
            isinstance(func, ast.Attribute) and func.attr in attributes)

    return value_call


def called_name(call: ast.Call):
    """The last name of a call's callee (`f(...)`, `x.f(...)`), else None."""
    return last_name(call.func)


def last_name(node: ast.AST):
    """`x` of `x` and of `a.x`, else None."""
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)


def imports_a_package(flat: Nodes, packages: Iterable[str]) -> bool:
    """The file imports (absolutely) one of `packages` or a module of one."""
    return any(module.split(".", 1)[0] in packages for module in flat.imported_modules)


def builds_a_model(call: ast.Call) -> bool:
    """A call the analysis may take for a model's construction: of a capitalised name (a
    class, no exception) or of a model factory (`MODEL_FACTORIES`)."""
    name = called_name(call) or ""
    return name in MODEL_FACTORIES or constructor_name(name)


def constructor_name(name: str) -> bool:
    """A capitalised name that is no exception: a class, so its call builds something."""
    return name[:1].isupper() and not name.endswith(("Error", "Exception", "Warning"))


def _names_no_grad(expression: ast.AST) -> bool:
    func = expression.func if isinstance(expression, ast.Call) else expression
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return any(word in name for word in _NO_GRAD)
