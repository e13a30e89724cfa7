"""What other files of the project do with a file's functions (the calls they make), and
what the project's classes that a file uses do (the calls their methods make).

A function of the module level whose file never calls it is called, if at all, by other
files: `get_lr_scheduler(...)` defined in `nets/yolo_training.py` and called by
`train.py`. `Project.calls_elsewhere` finds those calls (through `from m import f`,
`import m as x` then `x.f(...)`, re-exports of a package's `__init__.py`, `import *`) and
says, for each, what it passes: a number where the argument is a literal, else unknown.
When some file uses the function other than by calling it (passes it on, stores it), the
answer is None: its calls cannot all be seen. `Project.method_calls` says what a method of
a class the project defines calls (`DecodeBox.nms` calls `.cpu()`). `Project.replayed` says
whether some file resumes an instance of a class by stepping it again as many times as the
run had (`for _ in range(start_epoch * ipe): scheduler.step()`).

The project is the files `reviewer check` would find under the root (its configuration,
excludes and ignore files applied). Findings that read these facts depend on every file
of the project: `state` is what the cache compares before reusing them. CPython's
parser only: the cache's checks run in the main process, which never imports libcst.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Dict, Iterable, List, NamedTuple, Optional, Set, Tuple

from reviewer import source
from reviewer.triggers import nodes

if TYPE_CHECKING:
    from fractions import Fraction

    #: what a call passes for one argument: a literal number, or None (anything)
    Passed = Optional[Fraction]


class Site:
    """One call of the function in another file: its positional arguments and keywords.
    `spread`: it also passes `*args` or `**kwargs`, which may fill any parameter."""

    def __init__(self, positional: List[Passed], keywords: Dict[str, Passed], spread: bool) -> None:
        self.positional = positional
        self.keywords = keywords
        self.spread = spread

    def __repr__(self) -> str:
        return f"Site({self.positional!r}, {self.keywords!r}, spread={self.spread})"


#: the line of a `for` over a `range` (where a resume loop may start)
_FOR_RANGE = re.compile(r"[ \t]*for\b.*\brange\(")

#: how many characters of source a process keeps the trees of
_TREES_KEPT = 1_000_000
#: how many characters of the project's files a process keeps between questions
_TEXTS_KEPT = 64_000_000


class Project:
    """`files`: what finds the real paths of the project's Python files, asked on first use
    (most runs never need them)."""

    def __init__(self, root: str, files: Callable[[], Iterable[str]]) -> None:
        self.root = os.path.realpath(root)
        self._find = files
        self._by_module: Optional[Dict[str, List[str]]] = None
        self._texts: Dict[str, Optional[str]] = {}
        self._kept = 0
        self._trees: Dict[str, Optional[ast.Module]] = {}
        self._tree_chars = 0
        #: the real paths of the files whose lint read facts of other files (the linter takes them back)
        self.consulted: Set[str] = set()
        #: (real path, name) -> what `calls_elsewhere` found: a file's rules ask again and again
        self._calls: Dict[Tuple[str, str], Optional[List[Site]]] = {}
        self._replays: Dict[Tuple[str, str], bool] = {}
        self._pickles: Dict[Tuple[str, str], bool] = {}
        self._bases: Dict[Tuple[str, str], Set[str]] = {}
        self._names_of: Dict[str, _Names] = {}

    @cached_property
    def files(self) -> List[str]:
        """The project's Python files, as real paths."""
        return sorted(set(self._find()))

    @cached_property
    def state(self) -> str:
        """A digest of every file of the project as `stat` saw it when first asked (path,
        size, times, inode): findings that read other files' calls hold while it is unchanged."""
        digest = hashlib.sha256()
        for path in self.files:
            try:
                signature = source.stat_signature(os.stat(path))
            except OSError:
                signature = None
            digest.update(f"{path}\0{signature}\0".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _text(self, path: str) -> Optional[str]:
        """The file's text; kept for the next question while the texts kept stay under
        _TEXTS_KEPT characters (a large tree is read again rather than held)."""
        if path in self._texts:
            return self._texts[path]
        try:
            text: Optional[str] = source.read(path).text
        except source.SourceError:
            text = None
        if self._kept + len(text or "") <= _TEXTS_KEPT:
            self._texts[path] = text
            self._kept += len(text or "")
        return text

    def _tree(self, path: str) -> Optional[ast.Module]:
        """The file's tree; kept while the kept trees' sources stay under _TREES_KEPT
        characters (a tree takes tens of times its source's memory; `_names` keeps what
        the questions need of every file)."""
        if path in self._trees:
            return self._trees[path]
        text = self._text(path)
        try:
            tree = ast.parse(text) if text is not None else None
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            tree = None
        if tree is None or self._tree_chars + len(text or "") <= _TREES_KEPT:
            self._trees[path] = tree
            self._tree_chars += len(text or "") if tree is not None else 0
        return tree

    def module_files(self, module: str) -> List[str]:
        """The files that an import of dotted `module` may load: the project's files whose
        dotted path ends with it (`nets.yolo_training` for `src/nets/yolo_training.py`:
        scripts often put a folder of the project on `sys.path`). A name that starts with
        `/` is the dotted path from the root itself (what a relative import names)."""
        if self._by_module is None:
            self._by_module = {}
            for path in self.files:
                parts = os.path.relpath(path, self.root)[:-3].split(os.sep)
                if parts[-1] == "__init__":
                    parts.pop()
                self._by_module.setdefault("/" + ".".join(parts), []).append(path)
                for start in range(len(parts)):
                    self._by_module.setdefault(".".join(parts[start:]), []).append(path)
        return self._by_module.get(module, [])

    def _imported(self, path: str, node: ast.ImportFrom) -> str:
        """The module `from <dots><module> import` names in the file `path`: as written, or,
        for a relative import, from the root (`/nets.schedules`)."""
        if not node.level:
            return node.module or ""
        package = os.path.dirname(path)
        for _ in range(node.level - 1):
            package = os.path.dirname(package)
        parts = [part for part in os.path.relpath(package, self.root).split(os.sep) if part != "."]
        return "/" + ".".join(parts + ([node.module] if node.module else []))

    def calls_elsewhere(self, path: str, name: str) -> Optional[List[Site]]:
        """The calls that other files of the project make of `name`, a function defined at
        the module level of `path`; None when one of them uses it other than by calling it
        or the file itself refers to it (an in-file use is the file analysis's to read)."""
        path = os.path.realpath(path)
        self.consulted.add(path)
        if (path, name) not in self._calls:
            self._calls[path, name] = self._find_calls(path, name)
        return self._calls[path, name]

    def _find_calls(self, path: str, name: str) -> Optional[List[Site]]:
        own = self._names(path)
        if own is None or any(use.name for use in own.uses.get(name, ())):
            return None
        sites: List[Site] = []
        for other in self._mentioning(name):
            if other == path:
                continue
            if self._names(other) is None:
                return None  # a file that mentions it and cannot be read: its calls are unknown
            found = self._sites_in(other, path, name)
            if found is None:
                return None
            sites.extend(found)
        return sites

    def method_calls(self, path: str, qualified: str, method: str) -> Optional[Set[str]]:
        """The names the method `method` of the class `qualified` (`utils.bbox.DecodeBox`, as
        the file `path` imports it) calls in its body (`x.cpu()`: `cpu`); None when no file
        of the project defines that class at its module level, with that method."""
        self.consulted.add(os.path.realpath(path))
        module, _, class_name = qualified.rpartition(".")
        for other in self.module_files(module):
            for node in self._classes_named(other, class_name):
                for function in node.body:
                    if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and function.name == method:
                        return {_called(call) for call in ast.walk(function)
                                if isinstance(call, ast.Call) and isinstance(call.func, (ast.Name, ast.Attribute))}
        return None

    def _classes_named(self, path: str, name: str) -> List[ast.ClassDef]:
        """The classes named `name` at the module level of the file `path` (none when it does
        not parse, or went between two reads)."""
        tree = self._tree(path)
        return [node for node in (tree.body if tree is not None else ())
                if isinstance(node, ast.ClassDef) and node.name == name]

    def library_bases(self, path: str, local: str) -> Set[str]:
        """The classes from outside the project, qualified as their files import them
        (`torch.nn.Module`), that the class the dotted name `local` stands for in the file
        `path` extends through classes of the project (`from .rcnn import GeneralizedRCNN`,
        whose file defines `class GeneralizedRCNN(nn.Module)`); empty when `local` names no
        class of the project."""
        path = os.path.realpath(path)
        self.consulted.add(path)
        if (path, local) not in self._bases:
            found: Set[str] = set()
            for definition in self._definitions_of(path, ast.parse(local, mode="eval").body):
                found |= self._bases_of(definition, set())
            self._bases[path, local] = found
        return self._bases[path, local]

    def defines(self, path: str, local: str) -> bool:
        """Whether a file of the project defines what the dotted name `local` stands for in
        the file `path` (a class it imports: `from dataset import AudioClips`)."""
        path = os.path.realpath(path)
        self.consulted.add(path)
        return bool(self._definitions_of(path, ast.parse(local, mode="eval").body))

    def _bases_of(self, definition: Tuple[str, str], seen: Set[Tuple[str, str]]) -> Set[str]:
        """`library_bases` of a class the project defines (its file and name); `seen`: the
        classes asked already (a cycle of bases is an error Python reports, not ours to loop on)."""
        if definition in seen:
            return set()
        seen.add(definition)
        path, name = definition
        names = self._names(path)
        found: Set[str] = set()
        for node in self._classes_named(path, name):
            for base in node.bases:
                if not isinstance(base, (ast.Name, ast.Attribute)):
                    continue
                inside = self._definitions_of(path, base)
                for each in inside:
                    found |= self._bases_of(each, seen)
                qualified = _module_of(_dotted(base), names.modules)  # type: ignore[union-attr]
                if not inside and qualified and not qualified.startswith("/"):
                    found.add(qualified)
        return found

    def replayed(self, path: str, class_name: str) -> bool:
        """Whether a file of the project resumes by replaying the steps of an instance of
        `class_name`, a class of `path`'s module level: a `for _ in range(...)` loop whose body
        only makes calls (`scheduler.step()`, `next(momentum)`), one of them `x.step()` where
        `x` holds an instance, built in the loop's own function (`x = C(...)`) or returned by a
        function of the project that builds it (`opt, x = init_opt(...)`, where `init_opt`
        returns `optimizer, scheduler` and `scheduler = C(...)`)."""
        path = os.path.realpath(path)
        self.consulted.add(path)
        if (path, class_name) not in self._replays:
            self._replays[path, class_name] = self._find_replay(path, class_name)
        return self._replays[path, class_name]

    def _find_replay(self, path: str, class_name: str) -> bool:
        if not self._replays_in:
            return False
        instance = (path, class_name)
        # the project's functions that return an instance: (file, name) -> its places in the result
        builders: Dict[Tuple[str, str], Set[Optional[int]]] = {}
        for other in self._mentioning(class_name):
            tree = self._tree(other)
            for function in tree.body if tree is not None else ():
                if isinstance(function, ast.FunctionDef):
                    places = _returned_places(function, self._holders(other, function, instance, {}))
                    if places:
                        builders[other, function.name] = places
        return any(stepped & self._holders(other, scope, instance, builders) for other, scope, stepped in self._replays_in)

    def pickled(self, path: str, class_name: str) -> bool:
        """Whether a file of the project saves an instance of `class_name`, a class of
        `path`'s module level, whole with `torch.save`: as the saved object or a value of a
        dict, list or tuple display that is saved (directly, or through a name the function
        binds to the display). An instance is what a call of the class returns, a parameter
        annotated with the class (`optimizer: Optimizer`), or an attribute that a method of
        a class assigns one of them to (kospeech's `Checkpoint` saves `{"optimizer":
        self.optimizer, ...}`, its `__init__` taking `optimizer: Optimizer`)."""
        path = os.path.realpath(path)
        self.consulted.add(path)
        if (path, class_name) not in self._pickles:
            self._pickles[path, class_name] = any(
                self._pickles_in(other, (path, class_name)) for other in self._mentioning(class_name)
                if "save" in (self._text(other) or ""))
        return self._pickles[path, class_name]

    def _pickles_in(self, path: str, instance: Tuple[str, str]) -> bool:
        names = self._names(path)
        if names is None:
            return False
        tree: ast.Module = self._tree(path)  # type: ignore[assignment]
        scopes = [node for node in ast.walk(tree) if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef))]
        # each scope's names for an instance: built there, or a parameter annotated with the class
        held: Dict[int, Set[str]] = {}
        for scope in scopes:
            arguments = getattr(scope, "args", None)
            annotated = [] if arguments is None else [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
            held[id(scope)] = self._holders(path, scope, instance, {}) | {
                a.arg for a in annotated if isinstance(a.annotation, (ast.Name, ast.Attribute))
                and instance in self._definitions_of(path, a.annotation)}

        def built(call: ast.Call) -> bool:
            return isinstance(call.func, (ast.Name, ast.Attribute)) and instance in self._definitions_of(path, call.func)

        # a method -> (its own name for the instance, the attributes its class assigns an instance to)
        receivers: Dict[int, Tuple[str, Set[str]]] = {}
        for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
            methods = [(f, (f.args.posonlyargs or f.args.args)[0].arg) for f in cls.body
                       if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and (f.args.posonlyargs or f.args.args)]
            attributes = {target.attr for method, own in methods for node in _own_nodes(method)
                          if isinstance(node, ast.Assign) and (
                              isinstance(node.value, ast.Name) and node.value.id in held[id(method)]
                              or isinstance(node.value, ast.Call) and built(node.value))
                          for target in node.targets if isinstance(target, ast.Attribute)
                          and isinstance(target.value, ast.Name) and target.value.id == own}
            receivers.update((id(method), (own, attributes)) for method, own in methods)

        def saves(scope: ast.AST) -> bool:
            instances, (own, attributes) = held[id(scope)], receivers.get(id(scope), ("", set()))
            bound = {target.id: node.value for node in _own_nodes(scope) if isinstance(node, ast.Assign)
                     for target in node.targets if isinstance(target, ast.Name)}

            def whole(value: ast.AST, seen: Set[str]) -> bool:
                if isinstance(value, ast.Name):
                    return value.id in instances or (
                        value.id in bound and value.id not in seen and whole(bound[value.id], seen | {value.id}))
                if isinstance(value, ast.Attribute):
                    return isinstance(value.value, ast.Name) and value.value.id == own and value.attr in attributes
                if isinstance(value, ast.Dict):
                    return any(whole(v, seen) for v in value.values)
                return isinstance(value, (ast.List, ast.Tuple)) and any(whole(e, seen) for e in value.elts)

            return any(isinstance(node, ast.Call) and node.args and _torch_save(node, names)
                       and whole(node.args[0], set()) for node in _own_nodes(scope))

        return any(saves(scope) for scope in scopes)

    @cached_property
    def _replays_in(self) -> List[Tuple[str, ast.AST, Set[str]]]:
        """The project's resume loops (see `_replayed`): each with its file, the function (or
        module) it runs in and the names it steps. Only files whose text has a `for` over a
        `range` with a `.step()` in the lines after it are parsed."""
        found = []
        for path in self._mentioning("range"):
            lines = (self._text(path) or "").splitlines()
            if not any(".step()" in later for number, line in enumerate(lines) if _FOR_RANGE.match(line)
                       for later in lines[number:number + 8]):
                continue
            tree = self._tree(path)
            for scope in ast.walk(tree) if tree is not None else ():
                if isinstance(scope, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef)):
                    stepped = {name for node in _own_nodes(scope) if isinstance(node, ast.For) for name in _replayed(node)}
                    if stepped:
                        found.append((path, scope, stepped))
        return found

    def _mentioning(self, word: str) -> List[str]:
        """The project's files whose text has `word` as a word (the substring first: fast)."""
        pattern = re.compile(rf"\b{re.escape(word)}\b")
        return [path for path in self.files if word in (text := self._text(path) or "") and pattern.search(text)]

    def _holders(self, path: str, scope: ast.AST, instance: Tuple[str, str],
                 builders: Dict[Tuple[str, str], Set[Optional[int]]]) -> Set[str]:
        """The names `scope` (of the file `path`) binds to an instance of the class `instance`
        (its file and name): `x = C(...)`, or the place of a builder's result that holds one
        (`opt, x = init_opt(...)`)."""
        # what a call of the class or a builder may be called here: their names and aliases
        wanted = {instance[1]} | {name for _, name in builders}
        imported = self._names(path).imported  # type: ignore[union-attr]
        wanted |= {local for local, origins in imported.items() if any(name in wanted for _, name in origins)}
        found: Set[str] = set()
        for node in _own_nodes(scope):
            if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and isinstance(node.value.func, (ast.Name, ast.Attribute)) and _called(node.value) in wanted):
                continue
            callees = self._definitions_of(path, node.value.func)
            places: Set[Optional[int]] = {None} if instance in callees else set()
            for callee in callees:
                places |= builders.get(callee, set())
            for target in node.targets:
                for place in places:
                    held = target if place is None else (
                        target.elts[place] if isinstance(target, (ast.Tuple, ast.List)) and place < len(target.elts)
                        else None)
                    if isinstance(held, ast.Name):
                        found.add(held.id)
        return found

    def _definitions_of(self, path: str, expression: ast.AST) -> Set[Tuple[str, str]]:
        """The (file, name) definitions of the module level that `expression` (a callee: `f`,
        `m.f`) in the file `path` may be."""
        names = self._names(path)
        if names is None:
            return set()
        if isinstance(expression, ast.Attribute):
            return self._definitions(_module_of(_dotted(expression.value), names.modules), expression.attr)
        if expression.id in names.defined:  # type: ignore[attr-defined]
            return {(path, expression.id)}  # type: ignore[attr-defined]
        found: Set[Tuple[str, str]] = set()
        for module, name in names.imported.get(expression.id, ()):  # type: ignore[attr-defined]
            found |= self._definitions(module, name)
        return found

    def _names(self, path: str) -> "Optional[_Names]":
        """What the names of the file stand for, from one walk of its tree; None when it
        cannot be read or parsed."""
        if path not in self._names_of:
            tree = self._tree(path)
            names = self._names_of[path] = _Names(tree) if tree is not None else None
            for node in names.imports if names is not None else ():
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        local = alias.asname or alias.name.split(".")[0]
                        names.modules[local] = alias.name if alias.asname else local
                    continue
                module = self._imported(path, node)  # type: ignore[arg-type]
                for alias in node.names:  # type: ignore[attr-defined]
                    if alias.name != "*":
                        names.imported.setdefault(alias.asname or alias.name, []).append((module, alias.name))
                        names.modules[alias.asname or alias.name] = _child(module, alias.name)
        return self._names_of[path]

    def _sites_in(self, path: str, target: str, name: str) -> Optional[List[Site]]:
        """The calls of `target`'s `name` in the file `path`, or None where it is used otherwise."""
        names: _Names = self._names(path)  # type: ignore[assignment]
        functions = set()  # local names of the function
        for node in names.imports:
            if not isinstance(node, ast.ImportFrom):
                continue
            module = self._imported(path, node)
            for alias in node.names:
                imported = name if alias.name == "*" else alias.name
                if (target, name) in self._definitions(module, imported):
                    if (alias.asname or imported) != name or len(self.module_files(module)) > 1:
                        # renamed: files that import the new name do not mention this one;
                        # a module name that several files have: its calls may be of another
                        return None
                    functions.add(name)
        sites = []
        for use in names.uses.get(name, ()):
            if use.name:
                if name not in functions or not use.read:
                    continue
            else:
                files = self.module_files(_module_of(use.receiver, names.modules))
                if target not in files:
                    continue
                if len(files) > 1:
                    return None  # a module name that several files have: the call may be of another
            if use.site is None:
                return None  # passed on, stored, decorated: its calls cannot all be seen
            sites.append(use.site)
        return sites

    def _definitions(self, module: str, local: str, seen: Optional[Set[tuple]] = None) -> Set[Tuple[str, str]]:
        """The (file, name) definitions of the module level that `module`'s `local` may be:
        defined there, or imported there from a module that defines it (a package's
        `__init__.py` re-exporting it, by name or `*`). `seen`: the (module, name) pairs
        asked already (packages may import each other)."""
        seen = set() if seen is None else seen
        if (module, local) in seen:
            return set()
        seen.add((module, local))
        found: Set[Tuple[str, str]] = set()
        for path in self.module_files(module):
            names = self._names(path)
            if names is None:
                continue
            if local in names.defined:
                found.add((path, local))
                continue
            for node in names.top_imports:
                origin = self._imported(path, node)
                for alias in node.names:
                    if alias.name == "*" or (alias.asname or alias.name) == local:
                        found |= self._definitions(origin, local if alias.name == "*" else alias.name, seen)
        return found


class _Use(NamedTuple):
    """Where a file reads a name, as a name (`f`) or as an attribute (`m.f`)."""

    name: bool
    #: a name's context is a read (not a store or a `del`)
    read: bool
    #: an attribute's receiver as dotted parts (`nets.schedules`: ("nets", "schedules")), if names
    receiver: Optional[Tuple[str, ...]]
    #: what the call passes, when the use is a call's callee (else it is passed on or stored)
    site: Optional[Site]


class _Names:
    """A parsed file's names: those its `def`s and `class`es define, its imports (those of
    its own statements apart), and where each name is read. The project fills in what its
    imports bind (`Project._names`): `from m import x` to each module and name, and the
    modules' names (`import a.b` binds `a`; `from nets import schedules` may bind a module).
    No node of the tree is kept but the imports, so the tree itself can go."""

    def __init__(self, tree: ast.Module) -> None:
        self.defined = {node.name for node in tree.body
                        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        self.imported: Dict[str, List[Tuple[str, str]]] = {}
        self.modules: Dict[str, str] = {}
        flat = nodes(tree)  # the walk the triggers share
        # in the order of the source: a later import binds the name
        self.imports: List[ast.AST] = [node for node in flat.order if node.__class__ in (ast.Import, ast.ImportFrom)]
        self.top_imports = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
        self.uses: Dict[str, List[_Use]] = {}
        for node in flat.of(ast.Name, ast.Attribute):
            above = flat.parent[id(node)]
            site = _site(above) if above.__class__ is ast.Call and above.func is node else None  # type: ignore[attr-defined]
            if node.__class__ is ast.Name:
                self.uses.setdefault(node.id, []).append(_Use(True, node.ctx.__class__ is ast.Load, None, site))
            else:
                self.uses.setdefault(node.attr, []).append(_Use(False, True, _dotted(node.value), site))


def _dotted(value: ast.AST) -> Optional[Tuple[str, ...]]:
    """The parts of a dotted name (`nets.schedules`), or None for anything else."""
    parts = []
    while isinstance(value, ast.Attribute):
        parts.append(value.attr)
        value = value.value
    return (value.id, *reversed(parts)) if isinstance(value, ast.Name) else None


def _module_of(parts: Optional[Tuple[str, ...]], modules: Dict[str, str]) -> str:
    """The dotted module a dotted name (`yt`, `nets.yolo_training`, as `_dotted` parts)
    names; "" (no module's name) if it names none."""
    if parts is None or parts[0] not in modules:
        return ""
    return ".".join([modules[parts[0]], *parts[1:]])


def _own_nodes(scope: ast.AST) -> Iterable[ast.AST]:
    """The nodes of a module's or function's body, not those of the functions and classes
    it defines."""
    pending = list(ast.iter_child_nodes(scope))
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            pending.extend(ast.iter_child_nodes(node))


def _returned_places(function: ast.FunctionDef, holders: Set[str]) -> Set[Optional[int]]:
    """Where the function's results hold one of `holders`: None for the whole result
    (`return x`), else the place in a returned tuple (`return opt, x`: 1)."""
    places: Set[Optional[int]] = set()
    for node in _own_nodes(function):
        if isinstance(node, ast.Return) and node.value is not None:
            if isinstance(node.value, ast.Name) and node.value.id in holders:
                places.add(None)
            elif isinstance(node.value, ast.Tuple):
                places |= {i for i, element in enumerate(node.value.elts)
                           if isinstance(element, ast.Name) and element.id in holders}
    return places


def _replayed(loop: ast.For) -> Set[str]:
    """The names a resume loop steps: `for _ in range(n):` whose variable the body does not
    read and whose body only makes calls without arguments (`next(gen)` aside), `x.step()`
    among them (`scheduler.step(); wd_scheduler.step(); next(momentum)`). A training loop
    passes its batches, models or optimizers on."""
    iterable, target = loop.iter, loop.target
    if loop.orelse or not isinstance(target, ast.Name) or not (
            isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and iterable.func.id == "range"):
        return set()
    calls = [statement.value for statement in loop.body if isinstance(statement, ast.Expr)]  # type: ignore[attr-defined]
    if len(calls) != len(loop.body) or not all(isinstance(call, ast.Call) and not call.keywords and (
            not call.args or (isinstance(call.func, ast.Name) and call.func.id == "next" and len(call.args) == 1
                              and not (isinstance(call.args[0], ast.Name) and call.args[0].id == target.id)))
            for call in calls):
        return set()
    return {call.func.value.id for call in calls
            if isinstance(call.func, ast.Attribute) and call.func.attr == "step" and isinstance(call.func.value, ast.Name)}


def _torch_save(call: ast.Call, names: "_Names") -> bool:
    """`torch.save(...)` (through any alias of torch), or `save(...)` imported from torch."""
    if isinstance(call.func, ast.Attribute):
        return call.func.attr == "save" and _module_of(_dotted(call.func.value), names.modules) == "torch"
    return isinstance(call.func, ast.Name) and ("torch", "save") in names.imported.get(call.func.id, ())


def _called(call: ast.Call) -> str:
    """The name a call of a name or an attribute calls: `f(x)`, `x.cpu()`."""
    return call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id  # type: ignore[attr-defined]


def _site(call: ast.Call) -> Site:
    positional: List[Passed] = []
    spread = False
    for argument in call.args:
        if isinstance(argument, ast.Starred):
            spread = True
        else:
            positional.append(_number(argument))
    keywords: Dict[str, Passed] = {}
    for keyword in call.keywords:
        if keyword.arg is None:
            spread = True
        else:
            keywords[keyword.arg] = _number(keyword.value)
    return Site(positional, keywords, spread)


def _number(node: ast.AST) -> Passed:
    """A literal number (`10`, `-1`, `0.5`), else None."""
    from fractions import Fraction  # asked only where a file's facts need other files' calls: not on warm runs

    sign = 1
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign = -1 if isinstance(node.op, ast.USub) else 1
        node = node.operand
    if isinstance(node, ast.Constant) and type(node.value) in (int, float) and node.value != float("inf"):
        return sign * Fraction(repr(node.value))  # as written: 0.1 is 1/10, not the nearest double
    return None


def _child(module: str, name: str) -> str:
    """The dotted name of `name` inside `module` (`/` is the root's package)."""
    return module + name if module == "/" else f"{module}.{name}"
