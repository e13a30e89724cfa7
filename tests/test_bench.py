"""The benchmark: a deterministic synthetic corpus, and the script end to end on a tiny corpus."""

import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path

import libcst
import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import bench  # noqa: E402
import corpus  # noqa: E402


def _digest(root: Path) -> dict:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*.py"))
    }


@pytest.mark.parametrize("mix", sorted(corpus.MIXES))
def test_generator_is_deterministic(tmp_path, mix):
    first = corpus.generate(str(tmp_path / "a"), files=20, mix=mix, seed=3)
    second = corpus.generate(str(tmp_path / "b"), files=20, mix=mix, seed=3)
    assert first == second
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    other = corpus.generate(str(tmp_path / "c"), files=20, mix=mix, seed=4)
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c") or first != other


def test_generated_files_parse_and_have_the_promised_shape(tmp_path):
    corpus.generate(str(tmp_path), files=12, mix="mixed", seed=0)
    kinds = {"train": 0, "schedulers": 0, "lib": 0}
    for path in sorted(tmp_path.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if not text:  # __init__.py
            continue
        libcst.parse_module(text)
        kinds[path.relative_to(tmp_path).parts[0]] += 1
        lines = text.count("\n")
        assert corpus.MIN_LINES <= lines <= 1600, (path, lines)
        if path.parts[-3] == "lib":
            match = corpus.LIBRARY_FORBIDDEN.search(text)
            assert match is None, (path, match and text[match.start() - 40:match.end() + 40])
        else:
            assert "lr" in text
    assert all(kinds.values()), kinds
    shares = corpus.MIXES["mixed"]
    assert kinds["train"] == round(12 * shares[0])


def test_mixes_are_skewed_as_named():
    training = [kind for _, kind in corpus.plan(100, "training")]
    library = [kind for _, kind in corpus.plan(100, "library")]
    assert len(training) == len(library) == 100
    assert training.count("library") <= 10 and library.count("library") >= 90


def test_bench_runs_end_to_end(tmp_path):
    if importlib.util.find_spec("reviewer.cli") is None:
        pytest.skip("the CLI is not there yet")
    source = tmp_path / "src"
    corpus.generate(str(source), files=6, mix="mixed", seed=1)
    out = tmp_path / "result.json"
    # Peers not installed beside this interpreter or on PATH are skipped by the script itself;
    # they are slow, so the test leaves them out when they are.
    code = bench.main([str(source), "--runs", "1", "--no-count", "--json", str(out), "--skip", "fixit", "--skip", "torchfix"])
    result = json.loads(out.read_text())
    names = [row["name"] for row in result["rows"]]
    assert [n.split(",")[0].split(" (")[0] for n in names] == [
        "libcst parse floor", "reviewer check", "reviewer check", "reviewer check",
    ]
    errors = [row["error"] for row in result["rows"] if row["error"]]
    assert code == 0 and not errors, errors
    for row in result["rows"]:
        assert row["wall_s"] > 0 and row["files_per_s"] > 0 and row["peak_mb"] > 0
        assert row["ratio_to_floor"] is not None
    assert result["rows"][0]["ratio_to_floor"] == pytest.approx(1.0)
    assert result["corpus"]["files"] == 6 + len({os.path.dirname(p) for p, _ in corpus.plan(6, "mixed")})
    assert "imports torch" in result["rows"][3]["note"]


def test_missing_peers_are_skipped():
    assert bench.find_tool(None, "no-such-linter-for-reviewer-bench") is None
    assert bench.find_tool("fixit --flag", "fixit") == ["fixit", "--flag"]


def test_fix_check_passes_good_fixes_and_names_a_broken_one(tmp_path, capsys, monkeypatch):
    import fix_check

    (tmp_path / "good.py").write_text("def f(steps=[]):\n    steps.sort()\n    return steps\n")
    code = fix_check.main([str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "| `mutable-default-argument` | 1 | 1 (100%) |" in out

    # a fix that reads a name nothing binds must be caught
    real = fix_check.fix_text

    def breaking(path, text, rules, unsafe):
        outcome = real(path, text, rules, unsafe=unsafe)
        outcome.text = outcome.text.replace("steps = []", "steps = list(undefined_default)")
        return outcome

    monkeypatch.setattr(fix_check, "fix_text", breaking)
    assert fix_check.main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "| `mutable-default-argument` | 1 | 0 (0%) |" in out
    assert "new unbound names: [('UndefinedName', 'undefined_default')]" in out


def test_scaling_inputs_are_what_the_script_says(tmp_path):
    import scaling
    from reviewer import registry
    from reviewer.engine import lint_text

    for kind, code in (("get_lr", "RV203"), ("mutable defaults", "RV601")):
        found = lint_text("t.py", scaling.findings_text(kind, 40), registry.select()).findings
        assert [f.code for f in found] == [code] * 40
    text = scaling.training_text(3_000, str(tmp_path))
    assert 3_000 <= text.count("\n") < 5_000
    libcst.parse_module(text)  # whole files, so the concatenation parses
    assert scaling.training_text(3_000, str(tmp_path)) == text  # deterministic
