"""The rule index: current, a safe fallback when stale, and a lint path that needs no libcst."""

import subprocess
import sys
import textwrap

from reviewer import registry, rule_index
from reviewer.triggers import all_of, any_of, Check, from_data, to_data


def test_index_is_current():
    """`python -m reviewer.registry` rewrites it after a rule changes."""
    with open(registry.INDEX_PATH, encoding="utf-8") as handle:
        assert handle.read() == registry.index_text(), "the rules changed: run `python -m reviewer.registry`"
    assert registry.catalogue() == tuple(registry.describe(rule) for rule in registry.all_rules())


def test_the_package_installs_every_folder_of_modules():
    """An installed copy holds every rule: a sub-package missing from pyproject.toml's list
    leaves its rules out of the wheel, and every run then finds the index stale."""
    import os
    import tomllib

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, "pyproject.toml"), "rb") as handle:
        setuptools = tomllib.load(handle)["tool"]["setuptools"]
    folders = {name: folder for folder, name in ((v, k) for k, v in setuptools["package-dir"].items())}
    folders.setdefault("reviewer", "reviewer")
    found = set()
    for package, folder in folders.items():
        for current, subfolders, files in os.walk(os.path.join(root, folder)):
            subfolders[:] = [f for f in subfolders if not f.startswith((".", "__"))]
            if "__init__.py" in files:
                relative = os.path.relpath(current, os.path.join(root, folder))
                found.add(package if relative == "." else f"{package}.{relative.replace(os.sep, '.')}")
    assert sorted(found) == sorted(setuptools["packages"])


def test_stale_index_falls_back_to_the_classes(monkeypatch):
    monkeypatch.setattr(rule_index, "FINGERPRINT", "0" * 16)
    monkeypatch.setattr(rule_index, "RULES", [])
    registry.catalogue.cache_clear()
    registry._by_key.cache_clear()
    try:
        assert [info.code for info in registry.catalogue()] == [rule.code for rule in registry.all_rules()]
        assert registry.find("B006") is None and registry.for_suppression("B006").name == "mutable-default-argument"
    finally:
        registry.catalogue.cache_clear()
        registry._by_key.cache_clear()


def test_damaged_index_falls_back_to_the_classes(monkeypatch):
    monkeypatch.delattr(rule_index, "FINGERPRINT")
    registry.catalogue.cache_clear()
    try:
        assert [info.code for info in registry.catalogue()] == [rule.code for rule in registry.all_rules()]
    finally:
        registry.catalogue.cache_clear()


def test_triggers_survive_the_round_trip_through_data():
    trigger = all_of(any_of("a", r"b\b"), Check(registry.sources_fingerprint), "c")
    assert from_data(to_data(trigger)) == trigger
    assert from_data(to_data(trigger)) != all_of(all_of("a", r"b\b"), Check(registry.sources_fingerprint), "c")


def _run(tmp_path, script):
    (tmp_path / "pyproject.toml").write_text("[tool.reviewer]\n")
    (tmp_path / "plain.py").write_text("import os\n\n\ndef walk(root):\n    return list(os.walk(root))  # noqa: E501\n")
    (tmp_path / "train.py").write_text("def warmup(steps=[]):\n    steps.append(1)\n")
    code = "import sys\n" + textwrap.dedent(script) + "\nprint('libcst' in sys.modules)\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_files_that_trigger_nothing_are_linted_without_libcst(tmp_path):
    # In the worker: the whole per-file path for a file that no rule's trigger lets through.
    out = _run(tmp_path, """
        from reviewer import processing, registry
        from reviewer.config import Config
        outcome = processing.process_file("plain.py", processing.Job(config=Config(), rules=registry.choose()))
        print(len(outcome.findings), outcome.parsed)
    """)
    assert out == ["0", "False", "False"]
    out = _run(tmp_path, """
        from reviewer import processing, registry
        from reviewer.config import Config
        outcome = processing.process_file("train.py", processing.Job(config=Config(), rules=registry.choose()))
        print(len(outcome.findings), outcome.parsed)
    """)
    assert out == ["1", "True", "True"]


def test_warm_runs_never_import_libcst_in_the_main_process(tmp_path):
    script = """
        from reviewer.cli import main
        try:
            main(["check", ".", "--output-format", "concise"])
        except SystemExit as exit:
            print("exit", exit.code, any(name.startswith("reviewer.rules.") for name in sys.modules))
    """
    cold = _run(tmp_path, script)
    assert cold[-4:-2] == ["exit", "1"] and cold[-1] == "False"  # the main process: libcst was only in the workers
    warm = _run(tmp_path, script)
    # and no rule's module, nor the structural checks its triggers name: nothing is matched
    assert warm[-4:] == ["exit", "1", "False", "False"]
    assert "RV601" in warm


def test_files_named_on_the_command_line_are_found_without_pathspec(tmp_path):
    script = """
        from reviewer.cli import main
        try:
            main(["check", "train.py", "plain.py", "--output-format", "concise"])
        except SystemExit as exit:
            print("exit", exit.code, "pathspec" in sys.modules)
    """
    assert _run(tmp_path, script)[-4:] == ["exit", "1", "False", "False"]
    # a walk matches the default excludes by name; only an ignore file needs gitignore patterns
    walk = script.replace('"train.py", "plain.py"', '"."')
    assert _run(tmp_path, walk)[-4:] == ["exit", "1", "False", "False"]
    (tmp_path / ".gitignore").write_text("build/\n")
    assert _run(tmp_path, walk)[-4:] == ["exit", "1", "True", "False"]


def test_fingerprint_names_files_by_label_not_by_path(tmp_path):
    """An installed copy (rules under reviewer/rules/) and the editable tree (rules/ beside
    reviewer/) must agree, or an installed reviewer would never use its index."""
    from reviewer.source import fingerprint

    editable, installed = tmp_path / "editable", tmp_path / "installed" / "reviewer"
    for folder, rules in ((editable / "reviewer", editable / "rules"), (installed, installed / "rules")):
        rules.mkdir(parents=True, exist_ok=True)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "rule.py").write_text("A = 1\n")
        (rules / "x.py").write_text("B = 2\n")
    first = fingerprint({"reviewer/rule.py": str(editable / "reviewer" / "rule.py"), "reviewer.rules/x.py": str(editable / "rules" / "x.py")})
    second = fingerprint({"reviewer.rules/x.py": str(installed / "rules" / "x.py"), "reviewer/rule.py": str(installed / "rule.py")})
    assert first == second
    (installed / "rules" / "x.py").write_text("B = 3\n")
    assert fingerprint({"reviewer.rules/x.py": str(installed / "rules" / "x.py"), "reviewer/rule.py": str(installed / "rule.py")}) != first
