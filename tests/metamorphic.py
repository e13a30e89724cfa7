"""Metamorphic tests for the rules: semantics-preserving rewrites of every rule's fixtures.

Each transformation takes a source text and returns variants: the rewritten text and a map
from each of its lines to the original line it derives from. A rule that decides from facts
about the code (bindings, dataflow, guards, loops) keeps flagging the same original lines
on every variant of a positive fixture and stays silent on every variant of a negative one;
a rule that matches surface shapes or names does not.

    python tests/metamorphic.py --table                      # survival per rule and transformation
    python tests/metamorphic.py --rule NAME --transform NAME --show-failures

A rule class may declare `metamorphic_limits = {"transformation": "why it is not handled"}`;
tests/test_metamorphic.py then tolerates that rule's failures under that transformation.
"""

from __future__ import annotations

import argparse
import builtins
import difflib
import keyword
import random
import re
import sys
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, FrozenSet, Iterator, List, Optional, Sequence, Set, Tuple

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst._position import CodePosition, CodeRange
from libcst.metadata import (
    ClassScope,
    FunctionScope,
    GlobalScope,
    MetadataWrapper,
    ParentNodeProvider,
    ScopeProvider,
)
from libcst.metadata.position_provider import PositionProvidingCodegenState

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))
FIXTURES = ROOT / "fixtures"
MARK = re.compile(r"#\s*error:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)")

#: Variants per fixture and transformation (rename has its two styles): bounds the run time.
LIMITS = {
    "rename": 2,
    "extract_local": 5,
    "setting_holder": 4,
    "extract_method": 4,
    "duplicate_branches": 4,
    "swap_comparison": 5,
    "wrap_loop_body": 3,
    "expand_augmented": 3,
}

#: Compare each variant's text with libcst's own rendering of its tree (slow; the unit tests set it).
CHECK_RENDER = False

# ---------------------------------------------------------------------------------------
# Names that are never renamed
# ---------------------------------------------------------------------------------------

#: Attributes and methods that belong to a protocol of PyTorch or Python: code outside the
#: file (a base class, the training loop, the interpreter) reads or calls them by name.
#: One list; extend it when a fixture meets another.
PROTECTED_ATTRIBUTES: FrozenSet[str] = frozenset(
    """
    step get_lr get_last_lr _get_closed_form_lr state_dict load_state_dict last_epoch base_lrs
    optimizer param_groups _step_count verbose _last_lr _initial_step print_lr
    _get_lr_called_within_step _is_initial
    zero_grad defaults state add_param_group closure
    forward train eval training parameters named_parameters modules named_modules children
    buffers named_buffers to cuda cpu apply register_buffer register_parameter requires_grad_
    backward item grad detach data shape size dtype device
    scale unscale_ update get_scale
    step_update step_frac t_initial
    keys items values get append extend pop copy
    """.split()
)
#: Attributes that torch's own schedulers read on `self`: protected in files whose classes
#: extend one of them.
SCHEDULER_ATTRIBUTES: FrozenSet[str] = frozenset(
    """
    lr_lambdas _schedulers _milestones milestones gamma T_max T_0 T_i T_cur T_mult eta_min
    total_steps step_size factor patience mode threshold threshold_mode cooldown cooldown_counter
    min_lrs best num_bad_epochs mode_worse eps start_factor end_factor total_iters power max_lrs
    _schedule_phases _anneal_func anneal_func cycle_momentum use_beta1 base_momentums max_momentums
    total_size step_ratio scale_fn scale_mode _scale_fn_ref _scale_fn_custom
    """.split()
)
#: Variable names left alone: conventions other code relies on, and the anonymous `_`.
PROTECTED_NAMES: FrozenSet[str] = frozenset({"self", "cls", "_", "__class__", "__name__", "__file__"})
#: Calls whose result depends only on their arguments (no side effects worth ordering).
PURE_CALLS: FrozenSet[str] = frozenset(
    {"len", "min", "max", "abs", "float", "int", "round", "bool", "str", "sum", "range", "isinstance",
     "math.cos", "math.sin", "math.pi", "math.sqrt", "math.exp", "math.log", "math.floor", "math.ceil"}
)
_BUILTINS = frozenset(dir(builtins))
#: Imported classes a file's subclass may hand attributes to by name only in the protocol above.
SCHEDULER_BASES = frozenset({
    "LRScheduler", "_LRScheduler", "LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR",
    "ConstantLR", "LinearLR", "ExponentialLR", "SequentialLR", "CosineAnnealingLR", "ChainedScheduler",
    "ReduceLROnPlateau", "CyclicLR", "CosineAnnealingWarmRestarts", "OneCycleLR", "PolynomialLR",
})


# ---------------------------------------------------------------------------------------
# Variants and line maps
# ---------------------------------------------------------------------------------------


@dataclass
class Variant:
    """One rewritten text; `line_map` sends each of its lines to the original line."""

    transform: str
    label: str
    text: str
    line_map: Dict[int, int]
    #: why it does not parse or compile (a bug of the harness), None when it does
    error: Optional[str] = None

    def original_line(self, line: int) -> int:
        return self.line_map.get(line, line)


class _Ranges:
    """Stands in for a metadata provider: what PositionProvidingCodegenState writes into."""

    def __init__(self) -> None:
        self._computed: Dict[cst.CSTNode, CodeRange] = {}


class _Recorder(PositionProvidingCodegenState):
    """Renders the original module once and records, for every node, its syntactic lines
    (as libcst's PositionProvider has them), its whole lines (with the whitespace it owns)
    and its characters in the rendering."""

    def __init__(self, module: cst.Module) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline,
                         provider=_Ranges())
        self.chars = 0
        self.syntactic: Dict[int, Tuple[int, int, int]] = {}
        self.inclusive: Dict[int, Tuple[int, int]] = {}
        self.spans: Dict[int, Tuple[int, int]] = {}
        self._open: List[Tuple[int, int, int]] = []

    def add_token(self, value: str) -> None:
        super().add_token(value)
        self.chars += len(value)

    def add_indent_tokens(self) -> None:
        super().add_indent_tokens()
        self.chars += sum(len(t) for t in self.indent_tokens)

    def before_codegen(self, node: cst.CSTNode) -> None:
        self._open.append((self.line, self.column, self.chars))

    def after_codegen(self, node: cst.CSTNode) -> None:
        line, column, chars = self._open.pop()
        end = self.line - 1 if self.column == 0 and self.line > line else self.line
        self.inclusive[id(node)] = (line, end)
        self.spans[id(node)] = (chars, self.chars)
        if id(node) not in self.syntactic:
            self.syntactic[id(node)] = (line, column, end)
            self.provider._computed[node] = CodeRange(CodePosition(line, column), CodePosition(self.line, self.column))

    @contextmanager
    def record_syntactic_position(self, node, *, start_node=None, end_node=None):  # type: ignore[override]
        with PositionProvidingCodegenState.record_syntactic_position(self, node, start_node=start_node,
                                                                      end_node=end_node):
            yield
        code_range = self.provider._computed[node]
        end = code_range.end.line
        if code_range.end.column == 0 and end > code_range.start.line:
            end -= 1
        self.syntactic[id(node)] = (code_range.start.line, code_range.start.column, end)


class _Render(CodegenState):
    """Renders a variant, copying the original's text for top-level statements it shares,
    and records the lines of the nodes it shares with the original (outermost only) and of
    the nodes that have a provenance."""

    def __init__(self, module: cst.Module, shared: Dict[int, Tuple[int, int]], provenance: Dict) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.shared = shared
        self.provenance = provenance
        self.line = 1
        self.fresh_line = True
        self.depth = 0
        self._open: List[Optional[int]] = []
        self.occurrences: List[Tuple[cst.CSTNode, int, int, Tuple[int, int]]] = []

    def add_token(self, value: str) -> None:
        if value:
            self.tokens.append(value)
            self.line += value.count("\n")
            self.fresh_line = value.endswith("\n")

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.add_token(token)

    def before_codegen(self, node: cst.CSTNode) -> None:
        if self.depth:
            self.depth += 1
            return
        if id(node) in self.shared:
            self.depth = 1
        self._open.append(self.line)

    def after_codegen(self, node: cst.CSTNode) -> None:
        if self.depth > 1:
            self.depth -= 1
            return
        start = self._open.pop()
        end = self.line - 1 if self.fresh_line and self.line > start else self.line
        if self.depth == 1:
            self.depth = 0
            self.occurrences.append((node, start, end, self.shared[id(node)]))
        else:
            known = self.provenance.get(id(node))
            if known is not None and known[0] is node:
                self.occurrences.append((node, start, end, known[1]))

    def copy(self, node: cst.CSTNode, text: str) -> None:
        start = self.line
        self.add_token(text)
        end = self.line - 1 if self.fresh_line and self.line > start else self.line
        self.occurrences.append((node, start, end, self.shared[id(node)]))


def render(src: "Source", module: cst.Module, provenance: Dict) -> Tuple[str, Dict[int, int]]:
    """The variant's text, and each of its lines to the original line it derives from: a line
    takes the origin of the innermost node on it that is original or has a provenance."""
    state = _Render(module, src.inclusive, provenance)
    for node in module.header:
        node._codegen(state)
    for statement in module.body:
        span = src.spans.get(id(statement))
        if span is not None:
            state.copy(statement, src.rendered[span[0]:span[1]])
        else:
            statement._codegen(state)
    for node in module.footer:
        node._codegen(state)
    if module.has_trailing_newline and not state.tokens:
        state.add_token(state.default_newline)
    text = "".join(state.tokens)
    if not module.has_trailing_newline and text.endswith(module.default_newline):
        text = text[: -len(module.default_newline)]
    entries = sorted(((b - a, index, a, b, origin) for index, (_, a, b, origin) in enumerate(state.occurrences)),
                     key=lambda e: (-e[0], -e[1]))
    mapping: Dict[int, int] = {}
    for span, _, a, b, (l0, l1) in entries:
        same = (b - a) == (l1 - l0)
        for k in range(span + 1):
            mapping[a + k] = l0 + k if same else l0
    total = max(1, len(text.splitlines()))
    previous = None
    for line in range(1, total + 1):
        if line in mapping:
            previous = mapping[line]
        elif previous is not None:
            mapping[line] = previous
    following = None
    for line in range(total, 0, -1):
        if line in mapping:
            following = mapping[line]
        elif following is not None:
            mapping[line] = following
    for line in range(1, total + 1):
        mapping.setdefault(line, 1)
    return text, {k: v for k, v in mapping.items() if k <= total}


# ---------------------------------------------------------------------------------------
# A parsed source and the facts the transformations share
# ---------------------------------------------------------------------------------------


def marked_lines(text: str, rule: Optional[str] = None) -> Set[int]:
    """Lines carrying `# error:` marks (for `rule` only when given)."""
    lines = set()
    for number, line in enumerate(text.splitlines(), 1):
        match = MARK.search(line)
        if match and (rule is None or rule in {n.strip() for n in match.group(1).split(",")}):
            lines.add(number)
    return lines


class Source:
    """One original text: its tree, positions, parents, scopes and marks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.module = cst.parse_module(text)
        self.wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
        self.parents: Dict[cst.CSTNode, cst.CSTNode] = dict(self.wrapper.resolve(ParentNodeProvider))
        self.scopes = self.wrapper.resolve(ScopeProvider)
        recorder = _Recorder(self.module)
        self.module._codegen(recorder)
        self.rendered = "".join(recorder.tokens)  # before a missing final newline is dropped
        #: syntactic (first line, last line) of every original node, and its first column
        self.pos: Dict[int, Tuple[int, int]] = {k: (v[0], v[2]) for k, v in recorder.syntactic.items()}
        self.start: Dict[int, Tuple[int, int]] = {k: (v[0], v[1]) for k, v in recorder.syntactic.items()}
        #: (first line, last line) with the whitespace the node owns: what a variant copies
        self.inclusive = recorder.inclusive
        top = {id(n) for n in self.module.body}
        self.spans = {k: v for k, v in recorder.spans.items() if k in top}
        self.marks = sorted(marked_lines(text))
        self.identifiers: Set[str] = set()
        self.all_nodes: List[cst.CSTNode] = []
        for node in _walk(self.module):
            self.all_nodes.append(node)
            if isinstance(node, cst.Name):
                self.identifiers.add(node.value)
        self.declared_outside = {  # names under `global`/`nonlocal` anywhere
            item.name.value for node in self.all_nodes if isinstance(node, (cst.Global, cst.Nonlocal))
            for item in node.names
        }

    # -- structure -------------------------------------------------------------------

    def parent(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        return self.parents.get(node)

    def ancestors(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        node = self.parents.get(node)
        while node is not None:
            yield node
            node = self.parents.get(node)

    def inside(self, node: cst.CSTNode, container: cst.CSTNode) -> bool:
        return node is container or any(a is container for a in self.ancestors(node))

    def enclosing_def(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        """The nearest FunctionDef, Lambda or ClassDef around `node` (None at module level)."""
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                return ancestor
        return None

    def lines(self, node: cst.CSTNode) -> Tuple[int, int]:
        return self.pos[id(node)]

    def body_scope(self, function: cst.FunctionDef):
        return self.scopes.get(function.body)

    def is_docstring(self, statement: cst.CSTNode) -> bool:
        owner = self.parent(statement)
        if isinstance(owner, cst.IndentedBlock):
            owner_body = owner.body
        elif isinstance(owner, cst.Module):
            owner_body = owner.body
        else:
            return False
        return (
            bool(owner_body) and owner_body[0] is statement and isinstance(statement, cst.SimpleStatementLine)
            and len(statement.body) == 1 and isinstance(statement.body[0], cst.Expr)
            and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
        )

    def in_block(self, statement: cst.CSTNode) -> bool:
        """A statement of an indented block or of the module (not of a one-line suite)."""
        return isinstance(self.parent(statement), (cst.IndentedBlock, cst.Module))

    # -- bindings ----------------------------------------------------------------------

    def accesses_of(self, assignment) -> List[cst.Name]:
        return [access.node for access in assignment.references if isinstance(access.node, cst.Name)]

    def reads(self, root: cst.CSTNode) -> List[cst.Name]:
        """Names read under `root`: scope accesses, and the targets of augmented assignments."""
        found = []
        for node in _walk(root):
            if isinstance(node, cst.Name):
                parent = self.parent(node)
                if isinstance(parent, cst.AugAssign) and parent.target is node:
                    found.append(node)
                elif self._is_access(node):
                    found.append(node)
        return found

    @property
    def access_nodes(self) -> Set[int]:
        cached = getattr(self, "_access_nodes", None)
        if cached is None:
            cached = set()
            for scope in self.all_scopes():
                for access in scope.accesses:
                    if isinstance(access.node, cst.Name):
                        cached.add(id(access.node))
            self._access_nodes = cached
        return cached

    def _is_access(self, name: cst.Name) -> bool:
        return id(name) in self.access_nodes

    def referents(self, name: cst.Name):
        """The assignments a read of `name` may see."""
        scope = self.scopes.get(name)
        if scope is None:
            return set()
        for access in scope.accesses[name.value]:
            if access.node is name:
                return set(access.referents)
        return set()

    def all_scopes(self):
        seen = {}
        for scope in self.scopes.values():
            if scope is not None:
                seen[id(scope)] = scope
        return list(seen.values())


def _walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


@lru_cache(maxsize=256)
def source(text: str) -> Optional[Source]:
    """The parsed source, or None when the text does not parse (syntax-error fixtures)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<original>", "exec", dont_inherit=True)
        return Source(text)
    except (SyntaxError, ValueError, cst.ParserSyntaxError, RecursionError):
        return None


# ---------------------------------------------------------------------------------------
# Building a variant: an edit of the original tree, with provenance for the line map
# ---------------------------------------------------------------------------------------


class Build:
    """The edits of one variant: hooks on original nodes, fresh names, provenance."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self.hooks: Dict[int, Callable] = {}
        self.targets: List[cst.CSTNode] = []
        self.provenance: Dict[int, Tuple[cst.CSTNode, Tuple[int, int]]] = {}
        self.taken: Set[str] = set(src.identifiers) | _BUILTINS | set(keyword.kwlist)

    def fresh(self, base: str, sep: str = "") -> str:
        if base not in self.taken:
            self.taken.add(base)
            return base
        k = 1
        while f"{base}{sep}{k}" in self.taken:
            k += 1
        self.taken.add(f"{base}{sep}{k}")
        return f"{base}{sep}{k}"

    def hook(self, node: cst.CSTNode, fn: Callable) -> None:
        """Replace `node` by fn(original, updated) (a node or a FlattenSentinel)."""
        previous = self.hooks.get(id(node))
        if previous is None:
            self.hooks[id(node)] = fn
        else:  # compose: both edits apply to the same node
            self.hooks[id(node)] = lambda original, updated: fn(original, previous(original, updated))
        self.targets.append(node)

    def derive(self, new: cst.CSTNode, origin) -> cst.CSTNode:
        """Record that `new` comes from `origin` (an original node, a line or a line range)."""
        if isinstance(origin, cst.CSTNode):
            lines = self.src.inclusive[id(origin)]
        elif isinstance(origin, int):
            lines = (origin, origin)
        else:
            lines = origin
        self.provenance.setdefault(id(new), (new, lines))
        return new

    def apply(self) -> cst.Module:
        wanted = set()
        for target in self.targets:
            for ancestor in self.src.ancestors(target):
                wanted.add(id(ancestor))
        return self.src.module.visit(_Edit(self, wanted))


class _Edit(cst.CSTTransformer):
    def __init__(self, build: Build, wanted: Set[int]) -> None:
        super().__init__()
        self.build = build
        self.wanted = wanted

    def on_visit(self, node: cst.CSTNode) -> bool:
        return id(node) in self.wanted

    def on_leave(self, original_node, updated_node):
        hook = self.build.hooks.get(id(original_node))
        result = hook(original_node, updated_node) if hook is not None else updated_node
        if isinstance(result, cst.CSTNode) and result is not original_node:
            self.build.derive(result, original_node)
        return result


def finish(build: Build, transform: str, label: str) -> Optional[Variant]:
    """Apply the build's edits; None when the text comes out unchanged."""
    module = build.apply()
    text, lines = render(build.src, module, build.provenance)
    if text == build.src.text:
        return None
    error = None
    if CHECK_RENDER and text != module.code:
        error = "the rendering differs from libcst's"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<variant>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        error = f"does not compile: {exc}"
    return Variant(transform, label, text, lines, error)


# ---------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------


def _pick(candidates: Sequence, limit: int, marks: Sequence[int], lines: Callable,
          priority: Callable = lambda c: 0, points: Optional[Callable] = None, group: Optional[Callable] = None):
    """At most `limit` candidates: those on or next to marked lines first (innermost, then by
    `priority`, one per group (statement) before a second one of any), then an even spread
    over the rest of the file. `points` gives the lines a candidate is at, if not its span."""

    def distance(c) -> float:
        if not marks:
            return float("inf")
        if points is not None:
            return min(abs(m - p) for m in marks for p in points(c))
        l0, l1 = lines(c)
        return min(0 if l0 <= m <= l1 else min(abs(m - l0), abs(m - l1)) for m in marks)

    group = group or (lambda c: lines(c)[0])
    near = [c for c in candidates if distance(c) <= 1]
    near.sort(key=lambda c: (distance(c), priority(c), lines(c)[1] - lines(c)[0], lines(c)[0]))
    seen: Dict[object, int] = {}
    ranked = []
    for index, c in enumerate(near):
        key = group(c)
        ranked.append((seen.get(key, 0), index, c))
        seen[key] = seen.get(key, 0) + 1
    chosen = [c for _, _, c in sorted(ranked, key=lambda r: (r[0], r[1]))][:limit]
    rest = [c for c in candidates if distance(c) > 1]
    room = limit - len(chosen)
    if room > 0 and rest:
        step = len(rest) / min(room, len(rest))
        chosen += [rest[int(i * step)] for i in range(min(room, len(rest)))]
    return chosen


def _dotted(node: cst.CSTNode) -> Optional[str]:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr.value}" if inner else None
    return None


_LITERALS = (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.ConcatenatedString, cst.Ellipsis)


def _is_constant(node: cst.CSTNode) -> bool:
    if isinstance(node, _LITERALS):
        return True
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return True
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)):
        return _is_constant(node.expression)
    if isinstance(node, cst.Tuple):
        return all(_is_constant(e.value) for e in node.elements)
    return False


def _inert(node: cst.CSTNode) -> bool:
    """Names, literals and operators on them: nothing a call could change or that calls."""
    for sub in _walk(node):
        if isinstance(sub, (cst.Call, cst.Attribute, cst.Subscript, cst.Await, cst.Yield, cst.NamedExpr,
                            cst.Lambda, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp,
                            cst.FormattedString)):
            return False
    return True


def _pure(node: cst.CSTNode) -> bool:
    """Reads (attributes, subscripts) and calls of PURE_CALLS only: no side effects."""
    for sub in _walk(node):
        if isinstance(sub, (cst.Await, cst.Yield, cst.NamedExpr)):
            return False
        if isinstance(sub, cst.Call) and _dotted(sub.func) not in PURE_CALLS:
            return False
    return True


def _target_names(target: cst.CSTNode) -> Set[str]:
    """Names an assignment target binds (Name, tuple/list unpacking, starred)."""
    names: Set[str] = set()
    stack = [target]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Name):
            names.add(node.value)
        elif isinstance(node, (cst.Tuple, cst.List)):
            stack.extend(element.value for element in node.elements)
        elif isinstance(node, cst.StarredElement):
            stack.append(node.value)
    return names


def _plain_target(target: cst.CSTNode) -> bool:
    """Only names (possibly unpacked): no attribute or subscript targets."""
    if isinstance(target, cst.Name):
        return True
    if isinstance(target, (cst.Tuple, cst.List)):
        return all(_plain_target(e.value) for e in target.elements)
    if isinstance(target, cst.StarredElement):
        return _plain_target(target.value)
    return False


def _binds(statement: cst.CSTNode) -> Set[str]:
    """Names a statement binds in its own scope (assignment, loop, with and walrus targets)."""
    names: Set[str] = set()
    for sub in _walk(statement):
        if isinstance(sub, cst.Assign):
            for target in sub.targets:
                names |= _target_names(target.target)
        elif isinstance(sub, (cst.AugAssign, cst.AnnAssign, cst.NamedExpr, cst.For)):
            names |= _target_names(sub.target)
        elif isinstance(sub, cst.AsName):
            names |= _target_names(sub.name)
    return names


def _has(node: cst.CSTNode, kinds, stop=()) -> bool:
    """Whether a node of `kinds` occurs under `node`, not looking inside `stop` kinds."""
    stack = list(node.children)
    while stack:
        current = stack.pop()
        if isinstance(current, kinds):
            return True
        if not isinstance(current, stop):
            stack.extend(current.children)
    return False


def _zero_arg_super(node: cst.CSTNode) -> bool:
    return any(isinstance(s, cst.Call) and _dotted(s.func) == "super" and not s.args for s in _walk(node))


def _asynchronous(node: cst.CSTNode) -> bool:
    """`async for`/`async with`/async comprehensions: only valid in the async function they are in."""
    return any(isinstance(n, (cst.For, cst.With, cst.CompFor)) and n.asynchronous is not None for n in _walk(node))


def _statement_line(small: cst.BaseSmallStatement) -> cst.SimpleStatementLine:
    return cst.SimpleStatementLine(body=[small])


def _assign(name: str, value: cst.BaseExpression) -> cst.SimpleStatementLine:
    return _statement_line(cst.Assign(targets=[cst.AssignTarget(target=cst.Name(name))], value=value))


def _call(func: cst.BaseExpression, args: Sequence[cst.BaseExpression]) -> cst.Call:
    return cst.Call(func=func, args=[cst.Arg(value=a) for a in args])


def _multiline(node: cst.CSTNode) -> bool:
    return "\n" in cst.Module(body=[]).code_for_node(node)


def _body_statements(block: cst.BaseSuite) -> Sequence[cst.BaseStatement]:
    return block.body if isinstance(block, cst.IndentedBlock) else ()


# ---------------------------------------------------------------------------------------
# 1. rename
# ---------------------------------------------------------------------------------------


class _Groups:
    """Union-find over the variables to rename: (scope, name) pairs and attribute names."""

    def __init__(self) -> None:
        self.parent: Dict[object, object] = {}
        self.nodes: Dict[object, List[cst.Name]] = {}
        self.excluded: Set[object] = set()

    def find(self, key):
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def add(self, key, node: cst.Name) -> None:
        self.find(key)
        self.nodes.setdefault(key, []).append(node)

    def exclude(self, key) -> None:
        self.find(key)
        self.excluded.add(key)

    def groups(self) -> List[List[cst.Name]]:
        merged: Dict[object, List[cst.Name]] = {}
        bad = {self.find(k) for k in self.excluded}
        for key in list(self.parent):
            root = self.find(key)
            if root in bad:
                continue
            merged.setdefault(root, []).extend(self.nodes.get(key, []))
        out = []
        for nodes in merged.values():
            unique = list({id(n): n for n in nodes}.values())
            if unique:
                out.append(unique)
        return out


def _scope_key(scope, name: str):
    return ("var", id(scope), name)


def _function_of_param(src: Source, param: cst.Param) -> Optional[cst.CSTNode]:
    for ancestor in src.ancestors(param):
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
            return ancestor
    return None


def _is_method(src: Source, function: cst.CSTNode) -> bool:
    owner = src.parent(src.parent(function)) if src.parent(function) is not None else None
    return isinstance(function, cst.FunctionDef) and isinstance(owner, cst.ClassDef)


def _class_of_method(src: Source, function: cst.FunctionDef) -> Optional[cst.ClassDef]:
    owner = src.parent(src.parent(function))
    return owner if isinstance(owner, cst.ClassDef) else None


def _methods(cls: cst.ClassDef) -> List[cst.FunctionDef]:
    return [s for s in _body_statements(cls.body) if isinstance(s, cst.FunctionDef)]


def _all_params(function: cst.CSTNode) -> List[cst.Param]:
    params = function.params
    out = list(params.posonly_params) + list(params.params) + list(params.kwonly_params)
    return out


def _file_classes(src: Source) -> Dict[str, cst.ClassDef]:
    return {n.name.value: n for n in src.all_nodes if isinstance(n, cst.ClassDef)}


def _init_of(src: Source, cls: cst.ClassDef, classes: Dict[str, cst.ClassDef], seen=()) -> Optional[cst.FunctionDef]:
    """The __init__ a call of `cls` runs, when the file defines it (None: inherited from outside)."""
    for method in _methods(cls):
        if method.name.value == "__init__":
            return method
    if len(cls.bases) == 1 and isinstance(cls.bases[0].value, cst.Name):
        base = classes.get(cls.bases[0].value.value)
        if base is not None and base is not cls and base not in seen:
            return _init_of(src, base, classes, seen + (cls,))
    return None


_DYNAMIC = re.compile(r"__dict__|\bvars\(|\bgetattr\(|\bsetattr\(|\bhasattr\(|\bdelattr\(|__slots__|__getattr|__setattr")


def _class_owns_attributes(src: Source, cls: cst.ClassDef, classes: Dict[str, cst.ClassDef], seen=()) -> bool:
    """Whether renaming attributes set on `self` in `cls` is invisible from outside the file:
    no dynamic attribute access, and bases that are the file's own classes or torch
    schedulers (which read only PROTECTED_ATTRIBUTES)."""
    if cls.decorators:
        return False
    if _DYNAMIC.search(cst.Module(body=[]).code_for_node(cls)):
        return False
    for base in cls.bases:
        if base.keyword is not None:
            return False
        dotted = _dotted(base.value)
        if dotted is None:
            return False
        last = dotted.split(".")[-1]
        if dotted in classes and classes[dotted] is not cls and classes[dotted] not in seen:
            if not _class_owns_attributes(src, classes[dotted], classes, seen + (cls,)):
                return False
        elif last in SCHEDULER_BASES or dotted == "object":
            continue
        else:
            return False
    return True


def _rename_plan(src: Source) -> List[List[cst.Name]]:
    """Groups of Name nodes that are one variable, one attribute or one parameter (with the
    keywords that pass it), each to be renamed to one new name."""
    groups = _Groups()
    classes = _file_classes(src)
    splatted = set()  # functions called with ** somewhere: their parameter names are strings too
    for node in src.all_nodes:
        if isinstance(node, cst.Call) and any(a.star == "**" for a in node.args):
            dotted = _dotted(node.func)
            if dotted:
                splatted.add(dotted.split(".")[-1])

    # -- variables, parameters, functions and classes --------------------------------
    param_key: Dict[Tuple[int, str], object] = {}
    for scope in src.all_scopes():
        for assignment in scope.assignments:
            name = assignment.name
            key = _scope_key(scope, name)
            binding = assignment.node
            bad = (
                isinstance(scope, ClassScope)
                or name in PROTECTED_NAMES or name in _BUILTINS or name in src.declared_outside
                or (name.startswith("__") and name.endswith("__"))
                or not isinstance(binding, (cst.Name, cst.Param, cst.FunctionDef, cst.ClassDef))
            )
            if isinstance(binding, cst.Param):
                function = _function_of_param(src, binding)
                if isinstance(function, cst.FunctionDef):
                    fname = function.name.value
                    if _is_method(src, function) and (
                        fname in PROTECTED_ATTRIBUTES or (fname.startswith("__") and fname != "__init__")
                    ):
                        bad = True
                    if fname in splatted or (fname == "__init__" and _class_of_method(src, function)
                                             and _class_of_method(src, function).name.value in splatted):
                        bad = True
                    param_key[(id(function), name)] = key
            if bad:
                groups.exclude(key)
                continue
            if isinstance(binding, cst.Name):
                groups.add(key, binding)
            elif isinstance(binding, (cst.Param, cst.FunctionDef, cst.ClassDef)):
                groups.add(key, binding.name)
            for access in assignment.references:
                if not isinstance(access.node, cst.Name):
                    groups.exclude(key)
                    continue
                groups.add(key, access.node)
                for other in access.referents:
                    if type(other.scope).__name__ == "BuiltinScope":
                        groups.exclude(key)
                    else:
                        groups.union(key, _scope_key(other.scope, other.name))
    # class-scope names seen from elsewhere (a default value reading a class constant) stay
    for scope in src.all_scopes():
        if isinstance(scope, ClassScope):
            for assignment in scope.assignments:
                groups.exclude(_scope_key(scope, assignment.name))

    # -- keywords at call sites of the file's functions and classes ----------------------
    def callee_params(target: cst.CSTNode) -> Optional[cst.CSTNode]:
        if isinstance(target, cst.FunctionDef):
            return target
        if isinstance(target, cst.ClassDef):
            return _init_of(src, target, classes)
        return None

    def bind_keywords(call: cst.Call, function: cst.CSTNode) -> None:
        for arg in call.args:
            if arg.keyword is not None:
                key = param_key.get((id(function), arg.keyword.value))
                if key is not None:
                    groups.add(key, arg.keyword)
            elif arg.star == "**":
                for param in _all_params(function):
                    key = param_key.get((id(function), param.name.value))
                    if key is not None:
                        groups.exclude(key)

    for scope in src.all_scopes():
        for assignment in scope.assignments:
            function = callee_params(assignment.node)
            if function is None:
                continue
            for access in assignment.references:
                node = access.node
                parent = src.parent(node)
                if isinstance(parent, cst.Call) and parent.func is node:
                    bind_keywords(parent, function)
                elif isinstance(parent, cst.Arg) and parent.keyword is None:
                    call = src.parent(parent)
                    if (isinstance(call, cst.Call) and call.args and call.args[0] is parent
                            and (_dotted(call.func) or "").split(".")[-1] == "partial"):
                        bind_keywords(call, function)
                # otherwise it escapes: assumed called positionally, as torch calls lr lambdas and closures
    # methods called through an attribute: self.m(k=...) binds to the file's methods named m
    methods_by_name: Dict[str, List[cst.FunctionDef]] = {}
    for cls in classes.values():
        for method in _methods(cls):
            methods_by_name.setdefault(method.name.value, []).append(method)
    for node in src.all_nodes:
        if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
            continue
        mname = node.func.attr.value
        keywords = [a for a in node.args if a.keyword is not None]
        if not keywords or mname not in methods_by_name:
            continue
        receiver = node.func.value
        if mname == "__init__":
            # super().__init__(k=...): the base's __init__ when the base is the file's own
            cls = next((a for a in src.ancestors(node) if isinstance(a, cst.ClassDef)), None)
            base = None
            if cls is not None and len(cls.bases) == 1 and isinstance(cls.bases[0].value, cst.Name):
                base = classes.get(cls.bases[0].value.value)
            function = _init_of(src, base, classes) if base is not None else None
            if function is not None:
                bind_keywords(node, function)
            continue
        known = isinstance(receiver, cst.Name) and receiver.value == "self"
        for method in methods_by_name[mname]:
            for arg in keywords:
                key = param_key.get((id(method), arg.keyword.value))
                if key is None:
                    continue
                if known:
                    groups.add(key, arg.keyword)
                else:
                    groups.exclude(key)
        if known:  # the same keyword names one parameter of every method of that name
            for arg in keywords:
                keys = [param_key.get((id(m), arg.keyword.value)) for m in methods_by_name[mname]]
                keys = [k for k in keys if k is not None]
                for other in keys[1:]:
                    groups.union(keys[0], other)

    # -- attributes set on self, and method names ----------------------------------------
    owners: Dict[str, List[cst.ClassDef]] = {}
    defined_as_method: Dict[str, List[cst.FunctionDef]] = {}
    class_level: Set[str] = set()
    for cls in classes.values():
        for statement in _body_statements(cls.body):
            if isinstance(statement, cst.FunctionDef):
                owners.setdefault(statement.name.value, []).append(cls)
                defined_as_method.setdefault(statement.name.value, []).append(statement)
            else:
                class_level |= _binds(statement)
        for method in _methods(cls):
            params = _all_params(method)
            if not params:
                continue
            me = params[0].name.value
            for node in _walk(method.body):
                if isinstance(node, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
                    targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
                    stack = list(targets)
                    while stack:
                        target = stack.pop()
                        if isinstance(target, (cst.Tuple, cst.List)):
                            stack.extend(e.value for e in target.elements)
                        elif (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)
                              and target.value.value == me):
                            owners.setdefault(target.attr.value, []).append(cls)
    eligible = {id(cls): _class_owns_attributes(src, cls, classes) for cls in classes.values()}
    # a method name read in its class body (`@step.setter`, `alias = step`) is a class-level name too
    class_referenced = {a.name for scope in src.all_scopes() if isinstance(scope, ClassScope)
                        for a in scope.assignments if a.references}
    extends_scheduler = any((_dotted(b.value) or "").split(".")[-1] in SCHEDULER_BASES
                            for cls in classes.values() for b in cls.bases)
    attribute_uses: Dict[str, List[cst.Attribute]] = {}
    for node in src.all_nodes:
        if isinstance(node, cst.Attribute):
            attribute_uses.setdefault(node.attr.value, []).append(node)
    for attr, classes_owning in owners.items():
        key = ("attr", attr)
        if (attr in PROTECTED_ATTRIBUTES or attr.startswith("__") or attr in class_level
                or (attr in SCHEDULER_ATTRIBUTES and extends_scheduler)
                or attr in src.declared_outside or not all(eligible[id(c)] for c in classes_owning)):
            groups.exclude(key)
            continue
        ok = attr not in class_referenced
        for use in attribute_uses.get(attr, []):
            receiver = use.value
            in_class = next((a for a in src.ancestors(use) if isinstance(a, cst.ClassDef)), None)
            on_self = isinstance(receiver, cst.Name) and receiver.value == "self"
            on_super = isinstance(receiver, cst.Call) and _dotted(receiver.func) == "super"
            if in_class is None or not eligible.get(id(in_class), False) or not (on_self or on_super):
                ok = False
        if not ok:
            groups.exclude(key)
            continue
        for use in attribute_uses.get(attr, []):
            groups.add(key, use.attr)
        for method in defined_as_method.get(attr, []):
            groups.add(key, method.name)
    return sorted(groups.groups(), key=lambda nodes: min(src.start.get(id(n), (0, 0)) for n in nodes))


def _names(style: str, build: Build) -> Iterator[str]:
    if style == "neutral":
        k = 0
        while True:
            k += 1
            name = f"a{k}"
            if name not in build.taken:
                build.taken.add(name)
                yield name
    letters = "bcdfghjkmnpqstvwxz"
    combos = [f"{x}_{y}" for x in letters for y in letters if x != y]
    random.Random(7).shuffle(combos)
    combos += [f"{x}{y}_{z}" for x in letters for y in "aeiou" for z in letters]
    for name in combos:
        if name not in build.taken:
            build.taken.add(name)
            yield name


# rename: every variable, parameter, function, class, self-attribute and method name the file
# binds, with the keywords that pass its parameters at call sites (calls, functools.partial,
# self.m(...), super().__init__ of the file's own bases), to neutral names (a1, a2...) and
# to short mixed ones (n_w, t_k...). Same behaviour because every reference follows its
# binding and the new names are fresh. Declined: imports and what is read on them, builtins,
# PROTECTED_ATTRIBUTES (and SCHEDULER_ATTRIBUTES in files that subclass a torch scheduler),
# class-level names, names under global/nonlocal, attributes also read on objects other than
# self (args.lr), attributes of classes with dynamic attribute access (__dict__, getattr...)
# or a base from outside the file other than a torch scheduler, parameters of protocol
# methods and of functions called with **. Functions handed to other code (lr lambdas,
# closures) are assumed to be called positionally, as torch does.
def rename(text: str) -> List[Variant]:
    """Renames the file's own bindings consistently: same behaviour; declines names read from outside the file."""
    src = source(text)
    if src is None:
        return []
    plan = _rename_plan(src)
    if not plan:
        return []
    variants = []
    for style in ("neutral", "mixed"):
        build = Build(src)
        stream = _names(style, build)
        for nodes in plan:
            new = next(stream)
            for node in nodes:
                build.hook(node, lambda o, u, new=new: u.with_changes(value=new))
        variant = finish(build, "rename", f"{style} names for {len(plan)} bindings")
        if variant:
            variants.append(variant)
    return variants


# ---------------------------------------------------------------------------------------
# 2. extract_local
# ---------------------------------------------------------------------------------------

_OPAQUE = (cst.Lambda, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp, cst.BooleanOperation, cst.IfExp)


def _statement_regions(src: Source) -> List[Tuple[cst.CSTNode, cst.CSTNode, List[cst.CSTNode], List[cst.CSTNode]]]:
    """(statement to insert before, small statement or If, the regions it evaluates in order)."""
    out = []
    for node in src.all_nodes:
        if isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1 and src.in_block(node):
            owner = src.enclosing_def(node)
            if isinstance(owner, (cst.ClassDef, cst.Lambda)):
                continue
            small = node.body[0]
            if isinstance(small, cst.Assign):
                regions = [small.value]
            elif isinstance(small, cst.AugAssign):
                regions = [small.target, small.value]
            elif isinstance(small, cst.AnnAssign) and small.value is not None:
                regions = [small.value]
            elif isinstance(small, (cst.Expr, cst.Return)) and small.value is not None:
                regions = [small.value]
            else:
                continue
            out.append((node, small, regions))
        elif isinstance(node, cst.If) and src.in_block(node):
            owner = src.enclosing_def(node)
            if isinstance(owner, (cst.ClassDef, cst.Lambda)):
                continue
            out.append((node, node, [node.test]))
    return out


def _candidate_expressions(src: Source, region: cst.CSTNode, whole: bool) -> List[Tuple[cst.CSTNode, int]]:
    """(expression, kind) under region: 0 divisor, 1 operand of * or /, 2 call argument, 3 whole."""
    found: List[Tuple[cst.CSTNode, int]] = []
    if whole:
        found.append((region, 3))
    stack = [region]
    while stack:
        node = stack.pop()
        if isinstance(node, _OPAQUE):
            continue  # only evaluated sometimes, later, or more than once
        if isinstance(node, cst.BinaryOperation):
            if isinstance(node.operator, (cst.Divide, cst.FloorDivide, cst.Modulo)):
                found.append((node.right, 0))
            if isinstance(node.operator, (cst.Multiply, cst.Divide)):
                found.append((node.left, 1))
                if not isinstance(node.operator, cst.Divide):
                    found.append((node.right, 1))
        if isinstance(node, cst.Call):
            for arg in node.args:
                if arg.star == "":
                    found.append((arg.value, 2))
        if isinstance(node, cst.FormattedStringExpression):
            found.append((node.expression, 2))
        stack.extend(node.children)
    return found


# extract_local: `x = a / (b - 1)` becomes `d = (b - 1)` then `x = a / d`. Candidates:
# divisors, operands of * and /, call arguments, the value of an assignment or return, an
# if test. Same behaviour because the expression is evaluated exactly once and nothing it
# could affect, or that could affect it, is moved across it. Declined: expressions under a
# lambda, comprehension, short-circuit or conditional branch (only evaluated sometimes),
# loop headers, while/elif tests, with items, defaults; expressions that read a name the
# statement binds; a call moved ahead of other calls or subscripts; statements under a
# suppression comment (line-scoped, it would no longer cover the moved expression).
def extract_local(text: str) -> List[Variant]:
    """Moves a sub-expression into a fresh local assigned just before its statement: evaluated once, in the same order."""
    src = source(text)
    if src is None:
        return []
    candidates = []
    for statement, small, regions in _statement_regions(src):
        if _suppressed(src, statement):
            continue
        bound = _binds(small) if not isinstance(small, cst.If) else set()
        for region in regions:
            whole = not (isinstance(small, cst.AugAssign) and region is small.target) and not isinstance(
                small, cst.Expr)
            for expression, kind in _candidate_expressions(src, region, whole):
                if isinstance(small, cst.AugAssign) and region is small.target:
                    continue
                if _is_constant(expression) or isinstance(expression, (cst.StarredElement, cst.Yield, cst.Await)):
                    continue
                if _has(expression, (cst.Yield, cst.Await, cst.NamedExpr)) or isinstance(expression, cst.NamedExpr):
                    continue
                if any(isinstance(n, cst.Name) and n.value in bound for n in _walk(expression)):
                    continue
                if not _order_safe(src, expression, regions):
                    continue
                candidates.append((statement, expression, kind))
    chosen = _pick(candidates, LIMITS["extract_local"], src.marks, lambda c: src.lines(c[1]), lambda c: c[2])
    variants = []
    for statement, expression, kind in chosen:
        build = Build(src)
        name = build.fresh("d")
        value = expression
        if _multiline(expression) or isinstance(expression, cst.GeneratorExp):
            if not expression.lpar:
                value = build.derive(expression.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()]),
                                     expression)
        first, last = src.lines(statement)
        assignment = _assign(name, value).with_changes(leading_lines=statement.leading_lines)
        # a multi-line expression that ends the statement takes the statement's trailing
        # comment along: the comment is about that line
        takes_comment = (isinstance(statement, cst.SimpleStatementLine)
                         and src.lines(expression)[1] == last and src.lines(expression)[0] < last)
        if takes_comment:
            assignment = assignment.with_changes(trailing_whitespace=statement.trailing_whitespace)
        build.derive(assignment, src.lines(expression)[0])
        build.hook(expression, lambda o, u, name=name: cst.Name(name))

        def place(original, updated, assignment=assignment, takes_comment=takes_comment):
            moved = updated.with_changes(leading_lines=())
            if takes_comment:
                moved = moved.with_changes(trailing_whitespace=cst.TrailingWhitespace())
            return cst.FlattenSentinel([assignment, build.derive(moved, original)])

        build.hook(statement, place)
        code = cst.Module(body=[]).code_for_node(expression).strip()
        variant = finish(build, "extract_local", f"line {first}: {name} = {_short(code)}")
        if variant:
            variants.append(variant)
    return variants


def _order_safe(src: Source, expression: cst.CSTNode, regions: Sequence[cst.CSTNode]) -> bool:
    """Whether evaluating `expression` first changes nothing: it is inert, or it only reads
    and nothing before it calls, or it calls and nothing before it is more than names."""
    if _inert(expression):
        return True
    start = src.start[id(expression)]
    before = []
    for region in regions:
        for node in _walk(region):
            if src.start.get(id(node), (0, 0)) < start and not src.inside(expression, node):
                if not any(src.inside(node, b) for b in before if b is not node):
                    before.append(node)
    leaves = [n for n in before if not n.children or isinstance(n, (cst.Call, cst.Subscript, cst.Attribute))]
    calls = [n for n in before if isinstance(n, cst.Call) and _dotted(n.func) not in PURE_CALLS]
    if _pure(expression):
        return not calls
    return not calls and not any(isinstance(n, cst.Subscript) for n in leaves)


_SUPPRESSION = re.compile(r"#\s*(noqa\b|reviewer:\s*ignore)", re.IGNORECASE)


def _suppressed(src: Source, statement: cst.CSTNode) -> bool:
    """A suppression comment on the statement's lines: they are line-scoped, so moving an
    expression to a line of its own would move its findings out from under the comment."""
    l0, l1 = src.lines(statement)
    return any(_SUPPRESSION.search(line) for line in src.text.splitlines()[l0 - 1:l1])


def _short(code: str, width: int = 60) -> str:
    code = " ".join(code.split())
    return code if len(code) <= width else code[: width - 3] + "..."


# ---------------------------------------------------------------------------------------
# 3. setting_holder
# ---------------------------------------------------------------------------------------


def _module_like(cls: Optional[cst.ClassDef]) -> bool:
    if cls is None:
        return True
    return any((_dotted(b.value) or "").split(".")[-1] not in SCHEDULER_BASES | {"object"} for b in cls.bases)


def _quoted(src: Source, at: cst.CSTNode, text: str) -> str:
    """A string literal for `text` that may stand at `at` (inside an f-string, the other quote)."""
    for ancestor in src.ancestors(at):
        if isinstance(ancestor, cst.FormattedString):
            return f"'{text}'" if '"' in ancestor.start else f'"{text}"'
    return f'"{text}"'


# setting_holder: a function parameter, or a module-level constant, is read as `cfg["name"]`
# (with `cfg = {"name": name}` first thing in the function, or right after the constant) or
# as an attribute: `self.name` set first thing in `__init__` (a fresh attribute name when
# the file already has that attribute), elsewhere a SimpleNamespace. Same behaviour because
# the holder holds the very object and the setting is never rebound. Declined: settings
# rebound, augmented, deleted, or declared global/nonlocal; the first parameter of methods.
def setting_holder(text: str) -> List[Variant]:
    """Reads a setting from a config dict or an attribute filled where it is bound: same values; declines rebound settings."""
    src = source(text)
    if src is None:
        return []
    settings = []  # (name, binding statement or function, reads, kind)
    for node in src.all_nodes:
        if isinstance(node, cst.FunctionDef) and isinstance(node.body, cst.IndentedBlock):
            scope = src.body_scope(node)
            if scope is None:
                continue
            params = _all_params(node)
            method = _is_method(src, node)
            for index, param in enumerate(params):
                name = param.name.value
                if (method and index == 0) or name in src.declared_outside:
                    continue
                assignments = list(scope.assignments[name])
                if len(assignments) != 1 or assignments[0].node is not param:
                    continue
                reads = src.accesses_of(assignments[0])
                if not reads or any(isinstance(src.parent(r), cst.Del) for r in reads):
                    continue
                if any(isinstance(src.parent(r), cst.AugAssign) and src.parent(r).target is r for r in reads):
                    continue
                settings.append((name, node, reads, "param"))
    module_scope = src.scopes.get(src.module.body[0]) if src.module.body else None
    if isinstance(module_scope, GlobalScope):
        for statement in src.module.body:
            if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
                continue
            small = statement.body[0]
            if not (isinstance(small, cst.Assign) and len(small.targets) == 1
                    and isinstance(small.targets[0].target, cst.Name) and _is_constant(small.value)):
                continue
            name = small.targets[0].target.value
            assignments = list(module_scope.assignments[name])
            if len(assignments) != 1 or name in src.declared_outside:
                continue
            reads = src.accesses_of(assignments[0])
            line = src.lines(statement)[0]
            if not reads or any(src.lines(r)[0] < line for r in reads):
                continue
            settings.append((name, statement, reads, "constant"))

    per_form = max(1, LIMITS["setting_holder"] // 2)
    chosen = _pick(settings, per_form, src.marks,
                   lines=lambda s: (min(src.lines(r)[0] for r in s[2]), max(src.lines(r)[0] for r in s[2])),
                   points=lambda s: [src.lines(r)[0] for r in s[2]], group=lambda s: id(s[1]))
    variants = []
    for name, owner, reads, kind in chosen:
        for form in ("subscript", "attribute"):
            build = Build(src)
            if kind == "param":
                cls = _class_of_method(src, owner) if _is_method(src, owner) else None
                as_self = (form == "attribute" and owner.name.value == "__init__" and not _module_like(cls)
                           and "__slots__" not in cst.Module(body=[]).code_for_node(cls))
            else:
                as_self = False
            if as_self:
                me = _all_params(owner)[0].name.value
                taken = {n.attr.value for n in src.all_nodes if isinstance(n, cst.Attribute)}
                taken |= {n.name.value for n in src.all_nodes if isinstance(n, cst.FunctionDef)}
                if cls.bases or name in taken or name in PROTECTED_ATTRIBUTES or name in SCHEDULER_ATTRIBUTES:
                    attr = build.fresh(f"{name}_setting")
                else:
                    attr = name
                holder_stmt = _statement_line(cst.Assign(
                    targets=[cst.AssignTarget(target=cst.Attribute(value=cst.Name(me), attr=cst.Name(attr)))],
                    value=cst.Name(name)))
                read = lambda r, me=me, attr=attr: cst.Attribute(value=cst.Name(me), attr=cst.Name(attr))
                shown = f"{me}.{attr}"
            else:
                holder = build.fresh("cfg")
                if form == "subscript":
                    value = cst.Dict([cst.DictElement(key=cst.SimpleString(f'"{name}"'), value=cst.Name(name))])
                    read = lambda r, holder=holder, name=name: cst.Subscript(
                        value=cst.Name(holder),
                        slice=[cst.SubscriptElement(slice=cst.Index(value=cst.SimpleString(_quoted(src, r, name))))])
                    shown = f'{holder}["{name}"]'
                else:
                    value = cst.parse_expression(f'__import__("types").SimpleNamespace({name}={name})')
                    read = lambda r, holder=holder, name=name: cst.Attribute(value=cst.Name(holder), attr=cst.Name(name))
                    shown = f"{holder}.{name}"
                holder_stmt = _assign(holder, value)
            for r in reads:
                build.hook(r, lambda o, u, read=read: read(o))
            if kind == "param":
                line = src.lines(owner)[0]
                build.derive(holder_stmt, line)
                body = owner.body

                def insert(original, updated, holder_stmt=holder_stmt, owner=owner):
                    statements = list(updated.body)
                    at = 1 if src.is_docstring(owner.body.body[0]) else 0
                    statements.insert(at, holder_stmt)
                    return updated.with_changes(body=statements)

                build.hook(body, insert)
            else:
                build.derive(holder_stmt, src.lines(owner)[0])
                build.hook(owner, lambda o, u, holder_stmt=holder_stmt: cst.FlattenSentinel([u, holder_stmt]))
            variant = finish(build, "setting_holder", f"{kind} {name} read as {shown}")
            if variant:
                variants.append(variant)
    return variants


# ---------------------------------------------------------------------------------------
# 4. extract_method
# ---------------------------------------------------------------------------------------


def _numbered(build: Build, base: str) -> str:
    k = 1
    while f"{base}_{k}" in build.taken:
        k += 1
    build.taken.add(f"{base}_{k}")
    return f"{base}_{k}"


def _free_reads(src: Source, statement: cst.CSTNode, function: cst.FunctionDef) -> Optional[List[str]]:
    """Names `statement` reads from its function's scope (or an enclosing function's), in
    order of appearance, to pass to the helper; None when one of them might be unbound
    when the statement runs (a conditional read of it would then fail at the call)."""
    names: List[str] = []
    bound = _definitely_bound_before(src, function, statement)
    for name in src.reads(statement):
        referents = src.referents(name)
        if not referents:
            continue  # undefined: fails the same way inside the helper
        kinds = {type(a.scope).__name__ for a in referents}
        if kinds <= {"GlobalScope", "BuiltinScope"}:
            continue  # the helper sees the same module globals
        if all(src.inside(a.node, statement) for a in referents
               if isinstance(getattr(a, "node", None), cst.CSTNode)):
            continue  # bound inside the statement (a comprehension variable)
        if kinds != {"FunctionScope"}:
            return None
        for assignment in referents:
            owner = assignment.scope.node
            if owner is function:
                if name.value not in bound:
                    return None
            elif not (isinstance(owner, cst.FunctionDef) and isinstance(assignment.node, cst.Param)):
                return None  # a closure variable that may not be bound yet
        if name.value not in names:
            names.append(name.value)
    return names


# extract_method: a statement of a method becomes `def _helper_k(self, <locals it reads>)` in
# the same class, called in its place; in a free function, a module-level function defined
# before the module statement holding it. Same behaviour because the statement runs at the
# same moment on the same objects. Declined: statements that return, yield, await, break,
# continue, bind a local (or walrus), read a local that may be unbound there, use
# zero-argument super() outside a method, or hold a lambda/generator over a local (the
# helper's parameter would be bound once per call, curing a late-binding bug).
def extract_method(text: str) -> List[Variant]:
    """Moves a simple statement into a new helper (method, or module function) taking the locals it reads; declines exits."""
    src = source(text)
    if src is None:
        return []
    candidates = []
    for node in src.all_nodes:
        if not (isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1 and src.in_block(node)):
            continue
        small = node.body[0]
        if not isinstance(small, (cst.Expr, cst.Assign, cst.AugAssign, cst.AnnAssign, cst.Assert, cst.Raise)):
            continue
        if src.is_docstring(node):
            continue
        function = src.enclosing_def(node)
        if not isinstance(function, cst.FunctionDef):
            continue
        if _has(node, (cst.Yield, cst.Await, cst.NamedExpr, cst.Return)) or _asynchronous(node) or (
                isinstance(small, cst.AnnAssign) and small.value is None):
            continue
        local_bound = {n for n in _binds(small)}
        if local_bound:
            continue
        reads = _free_reads(src, node, function)
        if reads is None:
            continue
        # a lambda or generator that reads a local would read the helper's parameter
        # instead: bound once per call, which would cure a late-binding bug
        if any(isinstance(n, (cst.Lambda, cst.GeneratorExp)) and any(r.value in reads for r in src.reads(n))
               for n in _walk(node)):
            continue
        method = _is_method(src, function) and not function.decorators
        cls = _class_of_method(src, function) if method else None
        if method and (src.enclosing_def(cls) is not None or not _all_params(function)):
            method = False
        if not method and _zero_arg_super(node):
            continue
        candidates.append((node, function, reads, method))
    chosen = _pick(candidates, LIMITS["extract_method"], src.marks, lambda c: src.lines(c[0]))
    variants = []
    for statement, function, reads, method in chosen:
        build = Build(src)
        line = src.lines(statement)[0]
        if method:
            cls = _class_of_method(src, function)
            me = _all_params(function)[0].name.value
            helper = _numbered(build, "_helper")
            params = [me] + [r for r in reads if r != me]
            args = [r for r in reads if r != me]
            call = cst.Call(func=cst.Attribute(value=cst.Name(me), attr=cst.Name(helper)),
                            args=[cst.Arg(value=cst.Name(a)) for a in args])
        else:
            helper = _numbered(build, "_helper")
            params = list(reads)
            call = _call(cst.Name(helper), [cst.Name(a) for a in params])
        definition = cst.FunctionDef(
            name=cst.Name(helper),
            params=cst.Parameters(params=[cst.Param(name=cst.Name(p)) for p in params]),
            body=cst.IndentedBlock(body=[statement]),
            leading_lines=[cst.EmptyLine(indent=False)],
        )
        build.derive(definition, line)
        build.derive(definition.body, line)
        replacement = build.derive(
            _statement_line(cst.Expr(call)).with_changes(leading_lines=statement.leading_lines), line)
        build.hook(statement, lambda o, u, replacement=replacement: replacement)
        anchor = function
        if method:  # right after the method
            build.hook(anchor, lambda o, u, definition=definition: cst.FlattenSentinel([u, definition]))
        else:  # before the module statement that holds the function: it exists whenever the function does
            while not isinstance(src.parent(anchor), cst.Module):
                anchor = src.parent(anchor)
            definition = definition.with_changes(leading_lines=())
            build.derive(definition, line)
            spacing = [cst.EmptyLine(indent=False)] * 2

            def before(original, updated, definition=definition):
                return cst.FlattenSentinel([definition.with_changes(leading_lines=updated.leading_lines),
                                            updated.with_changes(leading_lines=spacing)])

            build.hook(anchor, before)
        where = f"{cls.name.value}.{helper}" if method else helper
        variant = finish(build, "extract_method", f"line {line} into {where}({', '.join(params)})")
        if variant:
            variants.append(variant)
    return variants


# ---------------------------------------------------------------------------------------
# 5. duplicate_branches
# ---------------------------------------------------------------------------------------


def _flag_anchor(src: Source) -> Optional[cst.CSTNode]:
    """The module statement after which the flag is defined: the docstring and the imports at the top."""
    anchor = None
    for statement in src.module.body:
        if src.is_docstring(statement) or (
            isinstance(statement, cst.SimpleStatementLine)
            and all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in statement.body)
        ):
            anchor = statement
        else:
            break
    return anchor


# duplicate_branches: FLAG is `_RV_MM = bool(__import__("os").environ.get("RV_MM"))`, defined
# after the imports at the top: no static analysis can decide it and reading it has no
# effect. Both branches hold the same statement with its comments. Declined: definitions,
# docstrings, `from __future__` imports, global/nonlocal declarations, class bodies.
def duplicate_branches(text: str) -> List[Variant]:
    """Replaces a statement by `if FLAG: stmt else: stmt` with FLAG opaque and effect-free: same statement runs either way."""
    src = source(text)
    if src is None or not src.module.body:
        return []
    candidates = []
    for node in src.all_nodes:
        if not isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)) or not src.in_block(node):
            continue
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)) or src.is_docstring(node):
            continue
        if isinstance(src.enclosing_def(node), cst.ClassDef):
            continue
        if isinstance(node, cst.SimpleStatementLine) and any(
            isinstance(s, (cst.Global, cst.Nonlocal)) or (isinstance(s, cst.ImportFrom) and _dotted(s.module) == "__future__")
            for s in node.body
        ):
            continue
        candidates.append(node)
    chosen = _pick(candidates, LIMITS["duplicate_branches"], src.marks, src.lines)
    anchor = _flag_anchor(src)
    variants = []
    for statement in chosen:
        build = Build(src)
        flag = build.fresh("_RV_MM")
        definition = _assign(flag, cst.parse_expression('bool(__import__("os").environ.get("RV_MM"))'))
        line = src.lines(statement)[0]

        def duplicate(original, updated, flag=flag, line=line):
            first = build.derive(updated.with_changes(leading_lines=()), original)
            second = build.derive(updated.with_changes(leading_lines=()), original)
            orelse = build.derive(cst.Else(body=build.derive(cst.IndentedBlock(body=[second]), line)), line)
            return build.derive(cst.If(test=cst.Name(flag), body=build.derive(cst.IndentedBlock(body=[first]), line),
                                       orelse=orelse, leading_lines=updated.leading_lines), line)

        build.hook(statement, duplicate)
        top = list(src.module.body)
        early = anchor is None or (statement in top and top.index(statement) <= top.index(anchor))
        if early:  # just above the statement (the first one, or one of the imports at the top)
            first = statement if anchor is not None else top[0]
            build.derive(definition, src.lines(first)[0])
            build.hook(first, lambda o, u, d=definition: cst.FlattenSentinel(
                [d.with_changes(leading_lines=u.leading_lines), u.with_changes(leading_lines=())]))
        else:
            build.derive(definition, src.lines(anchor)[1])
            build.hook(anchor, lambda o, u, d=definition: cst.FlattenSentinel([u, d]))
        kind = type(statement).__name__
        variant = finish(build, "duplicate_branches", f"line {line}: {kind} in both branches of `if {flag}`")
        if variant:
            variants.append(variant)
    return variants


# ---------------------------------------------------------------------------------------
# 6. swap_comparison
# ---------------------------------------------------------------------------------------

_MIRROR = {
    cst.LessThan: cst.GreaterThan,
    cst.GreaterThan: cst.LessThan,
    cst.LessThanEqual: cst.GreaterThanEqual,
    cst.GreaterThanEqual: cst.LessThanEqual,
    cst.Equal: cst.Equal,
    cst.NotEqual: cst.NotEqual,
    cst.Is: cst.Is,
    cst.IsNot: cst.IsNot,
}


def _mirror(operator: cst.BaseCompOp) -> cst.BaseCompOp:
    kind = _MIRROR[type(operator)]
    if kind is type(operator):
        return operator
    return kind(whitespace_before=operator.whitespace_before, whitespace_after=operator.whitespace_after)


def _int_by_construction(src: Source, node: cst.CSTNode, at: cst.CSTNode, depth: int = 0) -> bool:
    """Whether `node` (read at `at`) is an int whatever the inputs: int literals, len(),
    range/enumerate indices, counters only ever set to ints and stepped by ints, and names
    that a `range()` call around `at` has already accepted."""
    if depth > 6:
        return False
    if isinstance(node, cst.Integer):
        return True
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        return _int_by_construction(src, node.expression, at, depth + 1)
    if isinstance(node, cst.BinaryOperation) and isinstance(
            node.operator, (cst.Add, cst.Subtract, cst.Multiply, cst.FloorDivide, cst.Modulo)):
        return (_int_by_construction(src, node.left, at, depth + 1)
                and _int_by_construction(src, node.right, at, depth + 1))
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "len":
        referents = src.referents(node.func)
        return len(node.args) == 1 and all(type(a.scope).__name__ == "BuiltinScope" for a in referents)
    if isinstance(node, cst.Name):
        referents = src.referents(node)
        if not referents:
            return False
        for assignment in referents:
            binding = assignment.node
            if isinstance(binding, cst.Param):
                if not _range_checked(src, node.value, at):
                    return False
                continue
            if not isinstance(binding, cst.Name):
                return False
            parent = src.parent(binding)
            if isinstance(parent, cst.For) and parent.target is binding:
                if not (isinstance(parent.iter, cst.Call) and _dotted(parent.iter.func) == "range"):
                    return False
            elif isinstance(parent, cst.Element) and isinstance(src.parent(parent), cst.Tuple):
                loop = src.parent(src.parent(parent))
                tup = src.parent(parent)
                if not (isinstance(loop, cst.For) and loop.target is tup and tup.elements[0] is parent
                        and isinstance(loop.iter, cst.Call) and _dotted(loop.iter.func) == "enumerate"
                        and all(a.keyword is None or (a.keyword.value == "start" and isinstance(a.value, cst.Integer))
                                for a in loop.iter.args[1:])
                        and (len(loop.iter.args) < 2 or isinstance(loop.iter.args[1].value, cst.Integer))):
                    return False
            elif isinstance(parent, cst.AssignTarget):
                statement = src.parent(parent)
                if not _int_by_construction(src, statement.value, statement, depth + 1):
                    return False
            elif isinstance(parent, cst.AugAssign) and parent.target is binding:
                if not (isinstance(parent.operator, (cst.AddAssign, cst.SubtractAssign, cst.MultiplyAssign))
                        and _int_by_construction(src, parent.value, parent, depth + 1)):
                    return False
            else:
                return False
        return True
    return False


def _range_checked(src: Source, name: str, at: cst.CSTNode) -> bool:
    """A `for ... in range(..., name, ...)` around `at` has run: `name` is an int there."""
    for ancestor in src.ancestors(at):
        if isinstance(ancestor, cst.For) and isinstance(ancestor.iter, cst.Call) and _dotted(ancestor.iter.func) == "range":
            if src.inside(at, ancestor.body) and any(
                    isinstance(a.value, cst.Name) and a.value.value == name for a in ancestor.iter.args):
                return True
    return False


# swap_comparison: `a < b` as `b > a` (chains reversed; ==, !=, is, is not swapped), and
# where both sides are ints by construction (int literals, len(), range/enumerate indices,
# counters set to ints and stepped by ints, names a range() around has accepted)
# `a < b` as `a <= b - 1`, `a >= b` as `a > b - 1`, `a <= b` as `a < b + 1`,
# `a > b` as `a >= b + 1`. Declined: `in`/`not in`, and operands with calls whose order of
# evaluation could matter.
def swap_comparison(text: str) -> List[Variant]:
    """Rewrites a comparison to an equivalent one (mirrored, or an int bound shifted by one); declines order-dependent operands."""
    src = source(text)
    if src is None:
        return []
    mirror, shift = [], []
    for node in src.all_nodes:
        if not isinstance(node, cst.Comparison):
            continue
        operators = [t.operator for t in node.comparisons]
        if not all(type(op) in _MIRROR for op in operators):
            continue
        operands = [node.left] + [t.comparator for t in node.comparisons]
        pure = all(_pure(o) for o in operands)
        if pure or (len(operands) == 2 and any(_inert(o) for o in operands)):
            mirror.append(node)
        if (len(operands) == 2 and isinstance(operators[0], (cst.LessThan, cst.LessThanEqual, cst.GreaterThan,
                                                             cst.GreaterThanEqual))
                and all(_int_by_construction(src, o, node) for o in operands) and pure):
            shift.append(node)
    half = LIMITS["swap_comparison"] // 2
    chosen_shift = _pick(shift, half, src.marks, src.lines)
    chosen_mirror = _pick(mirror, LIMITS["swap_comparison"] - len(chosen_shift), src.marks, src.lines)
    variants = []
    for node in chosen_mirror:
        build = Build(src)

        def swapped(original, updated):
            operands = [updated.left] + [t.comparator for t in updated.comparisons]
            operators = [t.operator for t in updated.comparisons]
            targets = []
            for i in range(len(operators) - 1, -1, -1):
                targets.append(cst.ComparisonTarget(operator=_mirror(operators[i]), comparator=operands[i]))
            return updated.with_changes(left=operands[-1], comparisons=targets)

        build.hook(node, swapped)
        before = cst.Module(body=[]).code_for_node(node)
        variant = finish(build, "swap_comparison", f"line {src.lines(node)[0]}: mirrored `{_short(before)}`")
        if variant:
            variants.append(variant)
    for node in chosen_shift:
        build = Build(src)

        def shifted(original, updated):
            target = updated.comparisons[0]
            op = target.operator
            ws = dict(whitespace_before=op.whitespace_before, whitespace_after=op.whitespace_after)
            if isinstance(op, cst.LessThan):
                new_op, delta = cst.LessThanEqual(**ws), cst.Subtract()
            elif isinstance(op, cst.GreaterThanEqual):
                new_op, delta = cst.GreaterThan(**ws), cst.Subtract()
            elif isinstance(op, cst.LessThanEqual):
                new_op, delta = cst.LessThan(**ws), cst.Add()
            else:
                new_op, delta = cst.GreaterThanEqual(**ws), cst.Add()
            right = cst.BinaryOperation(left=target.comparator, operator=delta, right=cst.Integer("1"))
            return updated.with_changes(comparisons=[target.with_changes(operator=new_op, comparator=right)])

        build.hook(node, shifted)
        before = cst.Module(body=[]).code_for_node(node)
        variant = finish(build, "swap_comparison", f"line {src.lines(node)[0]}: shifted int bound `{_short(before)}`")
        if variant:
            variants.append(variant)
    return variants


# ---------------------------------------------------------------------------------------
# 7. wrap_loop_body
# ---------------------------------------------------------------------------------------


def _loop_exits(body: cst.CSTNode, in_inner_loop: bool = False) -> bool:
    """return/yield/await outside nested definitions; break/continue outside nested loops."""
    for child in body.children:
        if isinstance(child, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            continue
        if isinstance(child, (cst.Return, cst.Yield, cst.Await)):
            return True
        if isinstance(child, (cst.Break, cst.Continue)) and not in_inner_loop:
            return True
        if isinstance(child, (cst.For, cst.While)):
            for part in child.children:
                if _loop_exits(part, in_inner_loop or part is child.body):
                    return True
        elif _loop_exits(child, in_inner_loop):
            return True
    return False


def _assigned_in(src: Source, scope, block: cst.CSTNode) -> Dict[str, List]:
    out: Dict[str, List] = {}
    for assignment in scope.assignments:
        node = assignment.node
        if isinstance(node, cst.CSTNode) and src.inside(node, block):
            out.setdefault(assignment.name, []).append(assignment)
    return out


def _definitely_bound_before(src: Source, function: cst.FunctionDef, node: cst.CSTNode) -> Set[str]:
    """Names surely bound in `function` when `node` runs: parameters, names assigned
    unconditionally earlier on the path from the function's body down to `node`, and the
    targets of the loops, with-items and handlers around it."""
    params = function.params
    bound = {p.name.value for p in _all_params(function)}
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            bound.add(star.name.value)
    path = [node]
    for ancestor in src.ancestors(node):
        path.append(ancestor)
        if ancestor is function:
            break
    for child, parent in zip(path, path[1:]):
        if isinstance(parent, cst.IndentedBlock):
            for statement in parent.body:
                if statement is child:
                    break
                if isinstance(statement, cst.SimpleStatementLine):
                    for small in statement.body:
                        if isinstance(small, cst.Assign) or (isinstance(small, cst.AnnAssign) and small.value is not None):
                            bound |= _binds(small) - _walrus_names(small)
                        elif isinstance(small, (cst.Import, cst.ImportFrom)):
                            bound |= _import_names(small)
                elif isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                    bound.add(statement.name.value)
        elif isinstance(parent, cst.For) and child is parent.body:
            bound |= _target_names(parent.target)
        elif isinstance(parent, cst.With) and child is parent.body:
            for item in parent.items:
                if item.asname is not None:
                    bound |= _target_names(item.asname.name)
        elif isinstance(parent, cst.ExceptHandler) and child is parent.body and parent.name is not None:
            bound |= _target_names(parent.name.name)
    return bound


def _walrus_names(node: cst.CSTNode) -> Set[str]:
    return {n.target.value for n in _walk(node) if isinstance(n, cst.NamedExpr) and isinstance(n.target, cst.Name)}


def _first_unconditional(statements: Sequence[cst.BaseStatement], name: str) -> int:
    for index, statement in enumerate(statements):
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign) or (isinstance(small, cst.AnnAssign) and small.value is not None):
                    if name in _binds(small):
                        return index
                if isinstance(small, (cst.Import, cst.ImportFrom)) and name in _import_names(small):
                    return index
        elif isinstance(statement, (cst.FunctionDef, cst.ClassDef)) and statement.name.value == name:
            return index
    return len(statements)


def _import_names(small) -> Set[str]:
    if isinstance(small.names, cst.ImportStar):
        return set()
    out = set()
    for alias in small.names:
        out.add(_dotted(alias.asname.name) if alias.asname else (_dotted(alias.name) or "").split(".")[0])
    return out


def _loop_plan(src: Source, loop: cst.CSTNode):
    """(parameters, nonlocal or global names, module level) for wrapping `loop`'s body, or None."""
    body = loop.body
    if not isinstance(body, cst.IndentedBlock) or _loop_exits(body):
        return None
    if any(isinstance(n, (cst.Global, cst.Nonlocal, cst.Del, cst.NamedExpr)) for n in _walk(body)):
        return None
    if _zero_arg_super(body) or _asynchronous(body) or any(
            isinstance(n, cst.Call) and _dotted(n.func) in ("locals", "vars", "exec", "eval") for n in _walk(body)):
        return None
    if isinstance(loop, cst.For) and (loop.asynchronous is not None or not _plain_target(loop.target)):
        return None
    owner = src.enclosing_def(loop)
    if isinstance(owner, (cst.ClassDef, cst.Lambda)):
        return None
    if owner is None:  # module level: the body's names are globals, and stay so
        scope = src.scopes.get(loop)
        assigned = sorted(_assigned_in(src, scope, body)) if scope is not None else []
        return [], assigned, True
    function = owner
    scope = src.body_scope(function)
    if not isinstance(scope, FunctionScope):
        return None
    assigned = _assigned_in(src, scope, body)
    targets = sorted(_target_names(loop.target)) if isinstance(loop, cst.For) else []
    # closures created in the body must not capture the function's locals (late binding)
    for node in _walk(body):
        if isinstance(node, (cst.Lambda, cst.FunctionDef, cst.ClassDef, cst.GeneratorExp)):
            for name in src.reads(node):
                if any(a.scope is scope for a in src.referents(name)):
                    return None

    def local_read(read: cst.Name) -> bool:
        parent = src.parent(read)
        if isinstance(parent, cst.AugAssign) and parent.target is read:
            return True  # an augmented assignment reads the function's variable
        return any(a.scope is scope for a in src.referents(read))

    reads_in_body = [n for n in src.reads(body) if local_read(n)]
    statements = list(body.body)
    keep: Set[str] = set()
    for name in assigned:
        # read anywhere in the function outside the body (after the loop, in its header...)
        for assignment in scope.assignments[name]:
            if any(isinstance(access.node, cst.CSTNode) and not src.inside(access.node, body)
                   for access in assignment.references):
                keep.add(name)
        if any(isinstance(n, cst.AugAssign) and isinstance(n.target, cst.Name) and n.target.value == name
               and not src.inside(n, body) for n in _walk(function.body)):
            keep.add(name)
        if name in targets:
            continue  # the loop header binds it afresh every iteration
        # read in the body before the body binds it: carried from before or from the last iteration
        first = _first_unconditional(statements, name)
        for read in reads_in_body:
            if read.value == name:
                index = next(i for i, s in enumerate(statements) if src.inside(read, s))
                if index <= first:
                    keep.add(name)
    for name in keep:
        if not any(not (isinstance(a.node, cst.CSTNode) and src.inside(a.node, body))
                   for a in scope.assignments[name]):
            return None  # only the body binds it: `nonlocal` would find no binding
    bound_before = _definitely_bound_before(src, function, loop)
    params: List[str] = []
    for read in reads_in_body:
        name = read.value
        if name in params or name in keep:
            continue
        if name in targets or (name not in assigned and name in bound_before):
            params.append(name)
    params.sort(key=lambda n: (n not in targets, targets.index(n) if n in targets else 0))
    return params, sorted(keep), False


# wrap_loop_body: `def _body(<loop variables and locals it reads>): BODY` just before the loop,
# and `_body(...)` as the loop body. Same behaviour because names the body assigns that are
# read after it, in the loop header, or carried to the next iteration are declared nonlocal
# (global at module level), and locals that may be unbound when the loop starts are read
# through the closure instead of passed. Declined: bodies that return, yield, await, break,
# continue, delete, declare global/nonlocal, use zero-argument super() or async constructs,
# create closures over the function's locals (late binding would change), or assign a name
# read later that only the body binds (`nonlocal` would find no binding).
def wrap_loop_body(text: str) -> List[Variant]:
    """Wraps a loop body into a local function called once per iteration; declines exits, deletions and closures over locals."""
    src = source(text)
    if src is None:
        return []
    candidates = []
    for node in src.all_nodes:
        if isinstance(node, (cst.For, cst.While)) and src.in_block(node):
            plan = _loop_plan(src, node)
            if plan is not None:
                candidates.append((node, plan))
    chosen = _pick(candidates, LIMITS["wrap_loop_body"], src.marks, lambda c: src.lines(c[0]))
    variants = []
    for loop, (params, keep, module_level) in chosen:
        build = Build(src)
        line = src.lines(loop)[0]
        name = build.fresh("_body")
        statements = list(loop.body.body)
        if keep:
            declaration = cst.Global if module_level else cst.Nonlocal
            statement = _statement_line(declaration(names=[cst.NameItem(name=cst.Name(n)) for n in keep]))
            statements.insert(0, build.derive(statement, line))
        definition = build.derive(cst.FunctionDef(
            name=cst.Name(name),
            params=cst.Parameters(params=[cst.Param(name=cst.Name(p)) for p in params]),
            body=build.derive(loop.body.with_changes(body=statements), line),
        ), line)
        call = build.derive(_statement_line(cst.Expr(_call(cst.Name(name), [cst.Name(p) for p in params]))), line)

        def wrap(original, updated, definition=definition, call=call):
            new_body = build.derive(updated.body.with_changes(body=[call]), line)
            looped = build.derive(updated.with_changes(body=new_body), original)
            return cst.FlattenSentinel([definition, looped])

        build.hook(loop, wrap)
        declared = f"; {'global' if module_level else 'nonlocal'} {', '.join(keep)}" if keep else ""
        variant = finish(build, "wrap_loop_body", f"line {line}: body into {name}({', '.join(params)}){declared}")
        if variant:
            variants.append(variant)
    return variants


_EXPANDED = {cst.AddAssign: cst.Add, cst.SubtractAssign: cst.Subtract, cst.MultiplyAssign: cst.Multiply,
             cst.DivideAssign: cst.Divide}
_RESTORING = {"load_state_dict", "__setstate__"}


def _numeric_literal(node: cst.CSTNode) -> bool:
    if isinstance(node, (cst.Integer, cst.Float)):
        return True
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        return _numeric_literal(node.expression)
    return False


def _holds_numbers(src: Source, target: cst.CSTNode) -> bool:
    """Whether every write of the name or `self.attr` anywhere in the file is a number
    literal, a `+=`-style step by one, or a restore of a value it held (`load_state_dict`):
    then `x += k` and `x = x + k` do the same thing (no list or tensor changed in place)."""
    name = _dotted(target)
    if name is None or not (isinstance(target, cst.Name) or name.startswith("self.") and name.count(".") == 1):
        return False
    for node in src.all_nodes:
        if isinstance(node, cst.AugAssign) and _dotted(node.target) == name:
            if not _numeric_literal(node.value):
                return False
        elif isinstance(node, cst.Assign) and any(name in _bound(t.target) for t in node.targets):
            if len(node.targets) != 1 or _dotted(node.targets[0].target) != name or \
                    not _numeric_literal(node.value) and not _restoring(src, node):
                return False
        elif isinstance(node, cst.Param) and node.name.value == name:
            return False  # anything may be passed in
        elif isinstance(node, (cst.AnnAssign, cst.For, cst.CompFor, cst.NamedExpr)) and name in _bound(node.target):
            return False
        elif isinstance(node, (cst.AsName, cst.ExceptHandler)) and name in _bound(getattr(node, "name", None)):
            return False
    return True


def _bound(target: Optional[cst.CSTNode]) -> Set[str]:
    """The names and dotted attributes a target binds."""
    if target is None:
        return set()
    dotted = _dotted(target)
    return {dotted} if dotted is not None else _target_names(target)


def _restoring(src: Source, node: cst.CSTNode) -> bool:
    return any(isinstance(a, cst.FunctionDef) and a.name.value in _RESTORING for a in src.ancestors(node))


def expand_augmented(text: str) -> List[Variant]:
    """Writes `x += k` as `x = x + k` (`-=`, `*=`, `/=` too) where `x` only ever holds numbers; declines anything `+=` could change in place."""
    src = source(text)
    if src is None:
        return []
    candidates = [node for node in src.all_nodes
                  if isinstance(node, cst.AugAssign) and type(node.operator) in _EXPANDED
                  and _numeric_literal(node.value) and _holds_numbers(src, node.target)]
    variants = []
    for node in _pick(candidates, LIMITS["expand_augmented"], src.marks, src.lines):
        build = Build(src)

        def expanded(original, updated):
            operator = _EXPANDED[type(updated.operator)]()
            return cst.Assign(targets=[cst.AssignTarget(updated.target)],
                              value=cst.BinaryOperation(updated.target, operator, updated.value))

        build.hook(node, expanded)
        before = cst.Module(body=[]).code_for_node(node)
        variant = finish(build, "expand_augmented", f"line {src.lines(node)[0]}: expanded `{_short(before)}`")
        if variant:
            variants.append(variant)
    return variants


# ---------------------------------------------------------------------------------------
# The harness
# ---------------------------------------------------------------------------------------

TRANSFORMS: Dict[str, Callable[[str], List[Variant]]] = {
    "rename": rename,
    "extract_local": extract_local,
    "setting_holder": setting_holder,
    "extract_method": extract_method,
    "duplicate_branches": duplicate_branches,
    "swap_comparison": swap_comparison,
    "wrap_loop_body": wrap_loop_body,
    "expand_augmented": expand_augmented,
}


@lru_cache(maxsize=None)
def variants_of(text: str, transform: str) -> Tuple[Variant, ...]:
    """The transformation's variants of `text` (cached); a transformation that raises gives
    one broken variant, so that the harness reports it instead of stopping."""
    try:
        return tuple(TRANSFORMS[transform](text))
    except Exception as exc:  # noqa: BLE001 - a bug of the harness, reported as such
        return (Variant(transform, "the transformation raised", text, {}, f"{type(exc).__name__}: {exc}"),)


@lru_cache(maxsize=None)
def findings(path: str, text: str, rule: str) -> Tuple[Tuple[int, str], ...]:
    """(line, rule name) of every finding on `text` of `rule` and of the syntax check, the
    rule selected alone (its findings do not depend on the others selected: the trigger
    property checks that), or every rule for an engine rule that judges the others' findings
    (`unused-suppression`); cached per text."""
    from reviewer import registry
    from reviewer.engine import lint_text

    selected = registry.select([rule, "syntax-error"])
    if not any(each.visitor_names() for each in selected):
        selected = registry.select(["ALL"])
    result = lint_text(path, text, selected, fixes=False)
    return tuple(sorted({(f.line, f.name) for f in result.findings}))


def rule_names() -> List[str]:
    """The rules with a fixture folder, sorted."""
    return sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and any(_fixture_files(p.name)))


def _fixture_files(rule: str) -> List[Path]:
    return sorted(p for p in (FIXTURES / rule).glob("*.py") if not p.name.endswith(".fixed.py"))


def rule_class(rule: str):
    from reviewer import registry

    return next((r for r in registry.all_rules() if r.name == rule), None)


def limits(rule: str) -> Dict[str, str]:
    return dict(getattr(rule_class(rule), "metamorphic_limits", None) or {})


@dataclass
class Outcome:
    rule: str
    fixture: Path
    variant: Variant
    expected: Set[int]
    before: Set[int]
    after_lines: Set[int]
    after: Set[int]
    broken: Optional[str]

    @property
    def positive(self) -> bool:
        return bool(self.expected)

    @property
    def survived(self) -> bool:
        return self.broken is None and self.after == self.expected

    def describe(self, diff: bool = True) -> str:
        head = (f"{self.fixture.parent.name}/{self.fixture.name} [{self.variant.transform}] {self.variant.label}\n"
                f"  marked: {sorted(self.expected)}  original reports: {sorted(self.before)}  "
                f"variant reports: {sorted(self.after_lines)} -> original lines {sorted(self.after)}")
        if self.broken:
            head += f"\n  BROKEN VARIANT: {self.broken}"
        if not diff:
            return head
        original = self.fixture.read_text()
        lines = difflib.unified_diff(original.splitlines(), self.variant.text.splitlines(), "original", "variant",
                                     lineterm="", n=2)
        return head + "\n" + "\n".join("    " + l for l in lines)


@dataclass
class Report:
    rule: str
    transform: str
    outcomes: List[Outcome] = field(default_factory=list)

    @property
    def applicable(self) -> int:
        return len(self.outcomes)

    @property
    def survived(self) -> int:
        return sum(o.survived for o in self.outcomes)

    @property
    def failures(self) -> List[Outcome]:
        return [o for o in self.outcomes if not o.survived]

    @property
    def broken(self) -> List[Outcome]:
        return [o for o in self.outcomes if o.broken]


def misplaced_marks(text: str, variant: Variant) -> Optional[str]:
    """What is wrong with the variant's line map: lines it does not cover, an `# error:` mark
    on a variant line that does not map back to the marked line (comments stay with their
    statements), a mark lost. None when nothing is."""
    lines, original = variant.text.splitlines(), text.splitlines()
    if set(variant.line_map) != set(range(1, len(lines) + 1)):
        return "the line map does not cover the variant's lines"
    marked_at: Dict[int, int] = {}
    for number, line in enumerate(lines, 1):
        mark = MARK.search(line)
        if mark:
            origin = variant.line_map[number]
            source_mark = MARK.search(original[origin - 1])
            if not source_mark or source_mark.group(0) != mark.group(0):
                return f"the mark on variant line {number} maps to line {origin}"
            marked_at.setdefault(origin, number)
    lost = [number for number, line in enumerate(original, 1) if MARK.search(line) and number not in marked_at]
    return f"the mark of line {lost[0]} is lost" if lost else None


def evaluate(rule: str, transform: str) -> Report:
    """Lint every variant of the rule's fixtures and compare the rule's findings, mapped
    back to original lines, with the original's marks for the rule."""
    report = Report(rule, transform)
    for path in _fixture_files(rule):
        text = path.read_text()
        expected = marked_lines(text, rule)
        before_all = findings(str(path), text, rule)
        before = {line for line, name in before_all if name == rule}
        original_syntax_errors = any(name == "syntax-error" for _, name in before_all)
        for variant in variants_of(text, transform):
            broken = variant.error or misplaced_marks(text, variant)
            lint = findings(str(path), variant.text, rule)
            if broken is None and not original_syntax_errors and any(name == "syntax-error" for _, name in lint):
                broken = "the linter reports a syntax error in the variant"
            lines = {line for line, name in lint if name == rule}
            after = {variant.original_line(line) for line in lines}
            report.outcomes.append(Outcome(rule, path, variant, expected, before, lines, after, broken))
    return report


def table(rules: Sequence[str], transforms: Sequence[str]) -> str:
    header = "| rule | " + " | ".join(transforms) + " | all |"
    rows = [header, "|" + "---|" * (len(transforms) + 2)]
    totals = {t: [0, 0] for t in transforms}
    for rule in rules:
        cells = []
        survived = applicable = 0
        limited = limits(rule)
        for transform in transforms:
            report = evaluate(rule, transform)
            s, a = report.survived, report.applicable
            survived += s
            applicable += a
            totals[transform][0] += s
            totals[transform][1] += a
            mark = "" if a == 0 or s == a else (" (limit)" if transform in limited else " ✗")
            cells.append(f"{s}/{a}{mark}")
        rows.append(f"| {rule} | " + " | ".join(cells) + f" | {survived}/{applicable} |")
    grand = [sum(v[0] for v in totals.values()), sum(v[1] for v in totals.values())]
    rows.append("| **all** | " + " | ".join(f"{v[0]}/{v[1]}" for v in totals.values())
                + f" | {grand[0]}/{grand[1]} |")
    return "\n".join(rows)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--table", action="store_true", help="print the survival table (Markdown)")
    parser.add_argument("--rule", action="append", help="only this rule (repeatable)")
    parser.add_argument("--transform", action="append", choices=sorted(TRANSFORMS), help="only this transformation")
    parser.add_argument("--show-failures", action="store_true", help="print each failing variant's diff and findings")
    parser.add_argument("--no-diff", action="store_true", help="with --show-failures: findings only")
    args = parser.parse_args(argv)
    rules = args.rule or rule_names()
    unknown = [r for r in rules if r not in rule_names()]
    if unknown:
        parser.error(f"no fixtures for {', '.join(unknown)}")
    transforms = args.transform or list(TRANSFORMS)
    if args.table or not args.show_failures:
        print(table(rules, transforms))
    if args.show_failures:
        for rule in rules:
            for transform in transforms:
                report = evaluate(rule, transform)
                for outcome in report.failures:
                    print()
                    print(f"## {rule}: " + outcome.describe(diff=not args.no_diff))
    return 0


if __name__ == "__main__":
    sys.exit(main())
