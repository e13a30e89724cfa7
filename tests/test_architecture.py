"""The shape of the code: no import circles, rules that read the analysis layer instead of
each other, rule files of a readable size."""

import ast

from conftest import ROOT

PACKAGES = {"reviewer": ROOT / "reviewer", "reviewer.rules": ROOT / "rules"}


def _modules():
    found = {}
    for package, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            relative = path.relative_to(folder).with_suffix("")
            parts = [p for p in relative.parts if p != "__init__"]
            name = ".".join([package, *parts])
            if package == "reviewer" and parts[:1] == ["rules"]:
                continue
            found[name] = path
    return found


MODULES = _modules()


def _runtime_imports(path):
    """Modules of the project a module imports when it runs (not under TYPE_CHECKING);
    `from package import module` is an import of that module."""
    tree = ast.parse(path.read_text())
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for n in ast.walk(node))
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reviewer"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("reviewer"))
    return found & set(MODULES)


def test_no_module_imports_itself_through_others():
    edges = {name: _runtime_imports(path) for name, path in MODULES.items()}
    circles = []
    for start in edges:
        todo = [(start, (start,))]
        while todo:
            current, path = todo.pop()
            for target in edges[current]:
                if target == start:
                    circles.append(path)
                elif target not in path and len(path) < 8:
                    todo.append((target, path + (target,)))
    assert circles == []


def test_no_rule_imports_another_rule():
    for name, path in MODULES.items():
        if not name.startswith("reviewer.rules."):
            continue
        imported = _runtime_imports(path)
        others = {m for m in imported if m.startswith("reviewer.rules.") and not m.endswith(".triggers")}
        assert not others, f"{name} imports {others}"


def test_rule_files_stay_readable():
    for name, path in MODULES.items():
        if name.startswith("reviewer.rules."):
            lines = len(path.read_text().splitlines())
            assert lines <= 320, f"{path.relative_to(ROOT)} has {lines} lines"


def test_one_rule_per_file():
    for name, path in MODULES.items():
        if not name.startswith("reviewer.rules.") or name.endswith((".triggers", "__init__")) or name.count(".") < 3:
            continue
        tree = ast.parse(path.read_text())
        classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
        assert len(classes) == 1, f"{name} defines {classes}"
