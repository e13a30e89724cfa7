"""Text checks for the training rules' triggers. Kept free of libcst: the registry's index
names them, and a file that no trigger lets through must not make the process import it."""

import ast
import re

from reviewer.triggers import (
    FUNCTIONS, GAP, Nodes, any_of, builds_a_model, called_name, identifiers, imports_a_package, last_name,
    mentioned_in_code, nodes,
)
from reviewer.vocabulary import (
    ENVIRONMENT_PACKAGES, GRADIENT_METHODS, GRADIENT_NAMES, INFERENCE_WORDS, MODULE_METHODS, MODULE_ONLY_METHODS,
    inference_name,
)

_INFERENCE_DEF = re.compile(
    r"def\s+(?i:(?:\w*?_)?(?:" + "|".join(sorted(INFERENCE_WORDS)) + r")(?:_\w*)?\s*\(|\w*warm_?up)"
)
#: builtins and keywords never name a model
_NEVER_MODELS = frozenset((
    "super print setattr getattr delattr hasattr isinstance issubclass len tuple list dict set str int float bool "
    "repr sorted next iter zip map filter enumerate range min max sum any all abs round open vars globals locals "
    "id type format hash callable exec eval compile assert if elif while for with not return yield raise del "
    "await lambda async case match else try except finally or and in is").split())
#: a call that may be a statement of its own (after a line break, `;` or a header's colon;
#: `_ = ...`; in parentheses; no colon after it, as in a docstring's `x (Tensor):`): its
#: callee, `model`, `self . net`, `(model)`. Fast by a leading character class, not `^` (4x),
#: and atomic groups `(?=(?P<x>...))(?P=x)` (Python 3.11+; 4x); search "\n" + text.
_DISCARDED_CALL = re.compile(
    r"[\n\r;:](?=(?P<indent>[ \t]*))(?P=indent)(?:_[ \t]*=[ \t]*)?(?=(?P<open>[( \t]*))(?P=open)"
    r"(?P<callee>(?=(?P<head>[A-Za-z_]\w*))(?P=head)(?:(?=(?P<part>[ \t]*\.[ \t]*[A-Za-z_]\w*))(?P=part))*)"
    r"[ \t)]*\((?![^()\r\n]*\)[ \t]*:)",
)
_FORWARD = re.compile(r"\.\s*forward\s*\(")
_DUNDER = re.compile(r"__\w+__")


def forward_candidates(text: str) -> bool:
    """Some forward the rule looks at could be here: an inference-named function, a
    `.forward(` call, or a call that may be a statement of its own, of a name (`model(x)`)
    or an attribute (`self.net(x)`) that the code also mentions other than by calling it,
    as a variable, parameter or stored attribute must be (`forward_structure` decides)."""
    if _INFERENCE_DEF.search(text) or _FORWARD.search(text):
        return True
    names, attributes = set(), set()
    for callee in {match.group("callee") for match in _DISCARDED_CALL.finditer("\n" + text)}:
        parts = [part.strip() for part in callee.split(".")]
        if parts[0] not in _NEVER_MODELS:
            (names if len(parts) == 1 else attributes).add(parts[-1])
    return mentioned_in_code(text, names, attributes)


def optimizer_step_loop(tree) -> bool:
    """A loop that calls both `step()` (`optimizer.step()`, `scaler.step(...)`) and
    `backward()`, itself or through functions of the file it calls (the rule follows them)."""
    flat = nodes(tree)
    reach = {}  # a function's name -> the names it calls, through the file's functions
    for node in flat.of(*FUNCTIONS):
        reach.setdefault(node.name, set()).update(_calls(flat, node))
    for _ in range(3):  # helpers of helpers
        for name, called in reach.items():
            for callee in list(called):
                if callee != name and callee in reach:
                    called |= reach[callee]
    for loop in flat.of(ast.For, ast.AsyncFor, ast.While):
        called = _calls(flat, loop)
        if {"step", "backward"} <= called.union(*(reach[c] for c in called if c in reach)):
            return True
    return False


def _calls(flat: Nodes, node: ast.AST) -> set:
    """The names called under `node` (`f(...)`, `x.f(...)`)."""
    return {called_name(n) for n in flat.under(node) if isinstance(n, ast.Call)}


#: values whose origin the analysis may find a model in (constructions, attributes, aliases...)
_MAYBE_MODEL = (ast.Call, ast.IfExp, ast.Attribute, ast.Name, ast.BoolOp, ast.Subscript, ast.NamedExpr, ast.Await)


class _Scope:
    """A function, lambda or the module: what it binds, for `forward_structure`."""

    def __init__(self, node: ast.AST, parent: "_Scope | None") -> None:
        self.node, self.parent = node, parent
        self.params: dict = {}  # name -> its annotation (None: none)
        self.values: dict = {}  # name -> [value node, or None when unknown, or False: never a model]
        self.globals, self.nonlocals = set(), set()  # names declared `global` or `nonlocal` here
        self.module_like: set = set()  # names a module method is called on, here or nested
        if not isinstance(node, ast.Module):
            arguments = node.args  # type: ignore[attr-defined]
            for argument in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs):
                self.params[argument.arg] = argument.annotation

    def bind(self, target: ast.AST, value) -> None:
        if isinstance(target, ast.Name):
            owner = self
            if target.id in self.globals:
                while owner.parent is not None:
                    owner = owner.parent
            elif target.id in self.nonlocals and self.parent is not None:
                owner = self.parent
            owner.values.setdefault(target.id, []).append(value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self.bind(element.value if isinstance(element, ast.Starred) else element, None)


#: the packages and callables an object the analysis takes for a model comes from
_MODEL_SOURCES = {"nn", "timm", "hub", "jit", "torchvision", "transformers", "lightning", "pytorch_lightning"}
#: what a file with `_model_evidence` holds: a word of _MODEL_SOURCES (`nn`, not `rnn`: the
#: literal leads, for speed, then a look-behind), `attempt_load`, `from_pretrained`, or a
#: module's method called (`m.eval()`)
MODEL_EVIDENCE = any_of(
    *(rf"{word}(?<!\w{word})\b" for word in sorted(_MODEL_SOURCES)), "attempt_load", "from_pretrained",
    r"\." + GAP + "(?:" + "|".join(sorted(MODULE_METHODS)) + ")" + GAP + r"\(",
)


def _model_evidence(tree: ast.Module, module_names: set) -> bool:
    """Something here may be a model for the analysis: what an unknown call returns, given a
    method only a module has (`net.eval()`) or both called and given a state (`net(x)`,
    `net.load_state_dict(...)`); a name from a package models come from (_MODEL_SOURCES, ...)
    with something that may build one (`_builds_something`); or a parameter that a function
    both calls (or hands to a function of the file) and calls a module's method on."""
    calls = (flat := nodes(tree)).of(ast.Call)
    restored = {last_name(c.func.value) for c in calls
                if isinstance(c.func, ast.Attribute) and c.func.attr == "load_state_dict"} - {None}
    if any(called_name(c) in MODULE_ONLY_METHODS and isinstance(c.func, ast.Attribute) for c in calls) \
            or restored & {called_name(c) for c in calls}:
        return True
    words = identifiers(tree)
    if any("torchvision" in word.split(".") for word in words) or _builds_something(flat, module_names):
        for word in words:
            if _MODEL_SOURCES.intersection(word.split(".")) or "attempt_load" in word or "from_pretrained" in word:
                return True
    functions = flat.of(*FUNCTIONS, ast.Lambda)
    defined = {function.name for function in functions if not isinstance(function, ast.Lambda)}
    for function in functions:
        params = {a.arg for a in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs)}
        as_module, called = set(), set()
        for call in flat.under(function):
            if not isinstance(call, ast.Call):
                continue
            func = call.func
            if isinstance(func, ast.Name) and func.id in params:
                called.add(func.id)
            elif isinstance(func, ast.Attribute) and func.attr in MODULE_METHODS and isinstance(func.value, ast.Name):
                as_module.add(func.value.id)
            if called_name(call) in defined:
                passed = (a.value if isinstance(a, ast.Starred) else a for a in (*call.args, *(k.value for k in call.keywords)))
                called.update(a.id for a in passed if isinstance(a, ast.Name))
        if params & as_module & called:
            return True
    return False


#: the last names of the bases (and annotations) that make a class (a parameter) a model
_MODULE_BASE_NAMES = {"Module", "LightningModule", "PreTrainedModel"}


def _builds_something(flat: Nodes, module_names: set) -> bool:
    """A class with a base, a call of a capitalised name (no exception) or of a model factory, or
    a module annotation: what the analysis may take for a model's construction."""
    return any(cls.bases for cls in flat.of(ast.ClassDef)) or any(builds_a_model(c) for c in flat.of(ast.Call)) or any(
        _names_a_module(argument.annotation, module_names) for argument in flat.of(ast.arg))


def forward_structure(tree: ast.Module) -> bool:
    """A call the rule could report: `f(x)`, `a.f(x)` or `a.b.forward(x)` whose result is thrown
    away or that an inference-named function makes, in a function (or at module level, outside
    classes) that mentions no gradient (the rule's conditions, coarser). `f` must resolve,
    scope by scope, to a variable assigned what may hold a model, or to a parameter annotated
    as a module, used as one (`f.eval()`) or given by a call of its function here; `a.f`
    (other than `forward` and dunders) an attribute assigned here; and something here must be
    able to be a model (`_model_evidence`)."""
    flat = nodes(tree)
    module_names = _MODULE_BASE_NAMES | {alias.asname for imported in flat.of(ast.ImportFrom)
                                         for alias in imported.names if alias.name in _MODULE_BASE_NAMES and alias.asname}
    if not _model_evidence(tree, module_names):
        return False
    module = _Scope(tree, None)
    attributes, candidates = set(), []
    plain, on_receivers, classes, instances = set(), [], set(), set()
    inside = {id(tree): (module, False)}  # what a node's children run in: (scope, in a class body at module level)
    order, parents, ends = flat.order, flat.parent, flat.ends
    for position in range(1, len(order)):  # pre-order: a parent comes before its children
        child = order[position]
        node = parents[id(child)]
        scope, in_class = inside[id(node)]
        inner, classy, kind = scope, in_class, child.__class__
        if kind in _DEFINITIONS:
            scope.values.setdefault(child.name, []).append(False)
            if kind is ast.ClassDef:
                classes.add(child.name)
                classy = scope is module
            else:
                inner, classy = _Scope(child, scope), False
        elif kind is ast.Lambda:
            inner, classy = _Scope(child, scope), False
        elif kind is ast.Call:
            func = child.func
            if isinstance(func, ast.Name):
                plain.add(func.id)
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                on_receivers.append((func.value.id, func.attr))
            candidates.append((child, node, scope, in_class))
        elif kind is ast.Assign and isinstance(child.value, ast.Call) and isinstance(child.value.func, ast.Name):
            instances.update((child.value.func.id, t.id) for t in child.targets if isinstance(t, ast.Name))
        if kind in _BINDING:
            _note(child, scope, attributes)
        if ends[position] != position + 1:  # a leaf has no children to look its scope up
            inside[id(child)] = (inner, classy)
    # what the analysis finds calls of: `f(...)`, `self.m(...)`, `obj.m(...)` on an instance of a class here
    objects = {"self", "cls"} | {name for made_by, name in instances if made_by in classes}
    called = plain | {attr for receiver, attr in on_receivers if receiver in objects}
    gradients: dict = {}
    return any(_candidate(call, parent, scope, in_class, attributes, called, module_names, gradients, flat)
               for call, parent, scope, in_class in candidates)


_DEFINITIONS = frozenset((*FUNCTIONS, ast.ClassDef))
_BINDING = frozenset((ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr, ast.For, ast.AsyncFor, ast.withitem,
                      ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal, ast.Attribute, ast.keyword))  # `_note`'s


def _note(node: ast.AST, scope: _Scope, attributes: set) -> None:
    """Record what `node` binds in `scope` (and which names get a module's methods)."""
    if isinstance(node, ast.Assign):
        for target in node.targets:
            scope.bind(target, node.value)
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)) and node.value is not None:
        scope.bind(node.target, node.value)
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        scope.bind(node.target, False)
    elif isinstance(node, ast.withitem) and node.optional_vars is not None:
        scope.bind(node.optional_vars, node.context_expr)
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        for alias in node.names:
            scope.values.setdefault((alias.asname or alias.name).split(".")[0], []).append(False)
    elif isinstance(node, ast.Global):
        scope.globals.update(node.names)
    elif isinstance(node, ast.Nonlocal):
        scope.nonlocals.update(node.names)
    elif isinstance(node, ast.keyword) and isinstance(node.value, (ast.Name, ast.Attribute)):
        attributes.add(node.arg)  # `SimpleNamespace(net=net)`: read back as `cfg.net`
    elif isinstance(node, ast.Attribute):
        if not isinstance(node.ctx, ast.Load):
            attributes.add(node.attr)
        elif node.attr in MODULE_METHODS and isinstance(node.value, ast.Name):
            owner: "_Scope | None" = scope
            while owner is not None:
                owner.module_like.add(node.value.id)
                owner = owner.parent


def _names_a_module(annotation, module_names: set) -> bool:
    """A name or attribute such as `nn.Module` (or an alias): the only annotations the analysis reads as a module."""
    return (annotation.id if isinstance(annotation, ast.Name) else getattr(annotation, "attr", None)) in module_names


def _resolves_to_model(name: str, scope: _Scope, called: set, module_names: set) -> bool:
    """What `name` means in `scope` may be a model, as far as the analysis could tell."""
    current: "_Scope | None" = scope
    while current is not None:
        if name in current.globals:
            while current.parent is not None:
                current = current.parent
        if name in current.params:
            annotation = current.params[name]
            return (annotation is not None and _names_a_module(annotation, module_names)
                    or name in current.module_like or getattr(current.node, "name", None) in called)
        if name in current.values:
            return any(value is None or isinstance(value, _MAYBE_MODEL) or any(  # a display: what it holds
                isinstance(v, _MAYBE_MODEL) for v in getattr(value, "elts", None) or getattr(value, "values", ()))
                for value in current.values[name])
        current = current.parent
    return False


def _candidate(call: ast.Call, parent: ast.AST, scope: _Scope, in_class: bool, attributes: set, called: set,
               module_names: set, gradients: dict, flat: Nodes) -> bool:
    function = scope.node
    if isinstance(function, ast.Lambda) or (isinstance(function, ast.Module) and in_class):
        return False
    func = call.func
    if isinstance(func, ast.Name):
        if not _resolves_to_model(func.id, scope, called, module_names):
            return False
    elif isinstance(func, ast.Subscript):  # an item of a holder (`cfg["net"](x)`, `self.nets[0](x)`)
        holder = func.value
        if not (isinstance(holder, ast.Name) and _resolves_to_model(holder.id, scope, called, module_names)
                or isinstance(holder, ast.Attribute) and holder.attr in attributes):
            return False
    elif not isinstance(func, ast.Attribute) or not isinstance(func.value, (ast.Name, ast.Attribute)):
        return False
    elif func.attr != "forward" and (func.attr not in attributes or _DUNDER.fullmatch(func.attr)):
        return False  # `x.__class__(...)`: a protocol's method is never a stored model
    if not (_discarded(call, parent, flat) or (isinstance(function, FUNCTIONS) and inference_name(function.name))):
        return False
    if id(function) not in gradients:
        methods = GRADIENT_METHODS - {"step"} if imports_a_package(flat, ENVIRONMENT_PACKAGES) else GRADIENT_METHODS
        gradients[id(function)] = any(
            (isinstance(n, ast.Attribute) and (n.attr in methods or n.attr in GRADIENT_NAMES))
            or (isinstance(n, ast.Name) and n.id in GRADIENT_NAMES)
            for n in flat.under(function)
        )
    return not gradients[id(function)]


def _discarded(call: ast.Call, parent: ast.AST, flat: Nodes) -> bool:
    """The call's result is thrown away, as the rule decides: the call, or the chain it starts
    (`model(x)[0]`, `model(x).mean()`), is a statement of its own or assigned to `_` only."""
    child: ast.AST = call
    while isinstance(parent, (ast.Subscript, ast.Attribute)) and parent.value is child \
            or isinstance(parent, ast.Call) and parent.func is child:
        child, parent = parent, flat.parent[id(parent)]
    return isinstance(parent, ast.Expr) or isinstance(parent, ast.Assign) and all(
        isinstance(t, ast.Name) and t.id == "_" for t in parent.targets)

