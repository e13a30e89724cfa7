"""Apply each rule's fixes to every file of a corpus and check what they leave behind.

Usage:
    python benchmarks/fix_check.py CORPUS [CORPUS ...] [--json OUT]

For every file with a fixable finding, and for each rule with a fix there, the file is fixed
with that rule alone (`--fix --unsafe-fixes`, to a fixpoint, in memory: nothing is written)
and the fixed text is checked: it must compile, and pyflakes must report no undefined name
or name used before assignment that the original did not have. Prints, per rule, how many
files were fixed, how many of them pass both checks, and the failures. Needs pyflakes (the
test extra). Not part of the test run: corpora are not in the repository.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from pathlib import Path

from pyflakes import checker, messages

from reviewer import registry
from reviewer.engine import lint_text
from reviewer.fixer import fix_text

from bench import provenance, write_result  # beside this script

_NAME_PROBLEMS = (messages.UndefinedName, messages.UndefinedLocal, messages.UndefinedExport)


def name_problems(text: str) -> set:
    tree = ast.parse(text)
    return {(type(m).__name__, str(m.message_args[0])) for m in checker.Checker(tree).messages
            if isinstance(m, _NAME_PROBLEMS)}


def check_file(path: Path, rules) -> dict:
    """rule name -> None when its fixes pass, else what went wrong."""
    try:
        text = path.read_text(encoding="utf-8")
        ast.parse(text)
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return {}
    fixable = {f.name for f in lint_text(str(path), text, rules).findings if f.fix is not None}
    results = {}
    before = None
    for name in sorted(fixable):
        rule = registry.find_rule(name)
        outcome = fix_text(str(path), text, [rule], unsafe=True)
        if outcome.error:
            results[name] = f"fixer: {outcome.error}"
            continue
        try:
            compile(outcome.text, str(path), "exec")
        except SyntaxError as exc:
            results[name] = f"does not compile: {exc}"
            continue
        if before is None:
            before = name_problems(text)
        new = name_problems(outcome.text) - before
        results[name] = f"new unbound names: {sorted(new)}" if new else None
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    rules = registry.select(["ALL"])
    fixed = defaultdict(int)
    failures = defaultdict(list)
    for root in args.corpus:
        for path in sorted(Path(root).rglob("*.py")):
            for name, problem in check_file(path, rules).items():
                fixed[name] += 1
                if problem is not None:
                    failures[name].append(f"{path}: {problem}")
    print("| rule | files fixed | compile and bind every name |")
    print("| --- | --- | --- |")
    for name in sorted(fixed):
        ok = fixed[name] - len(failures.get(name, ()))
        print(f"| `{name}` | {fixed[name]} | {ok} ({100 * ok // fixed[name]}%) |")
    for name, items in sorted(failures.items()):
        for item in items:
            print(f"FAIL {name}: {item}")
    if args.json:
        write_result(args.json, {
            **provenance([sys.executable, "-m", "reviewer"], None),
            "corpora": [str(Path(root).resolve()) for root in args.corpus],
            "protocol": "each rule's fixes alone on every file (--fix --unsafe-fixes, to a fixpoint, in memory); "
                        "a fixed file passes when it compiles and pyflakes finds no new undefined name",
            "fixed": fixed, "failures": failures})
    return 1 if any(failures.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
