"""tests/mutation.py's own parts that decide what runs and how it is scored: a random draw,
the lines changed since a revision, and a sample's interval."""

import subprocess

import pytest

from mutation import Mutant, _draw, _interval, changed_lines


def _mutants(count):
    return [Mutant(key=f"m{i}", line=i + 1, end_line=i + 1, text="") for i in range(count)]


def _drawn(found):
    return [m.key for m in found if m.status != "not drawn"]


def test_a_sample_draws_exactly_its_size_the_same_way_for_the_same_seed():
    first, again, other = _mutants(50), _mutants(50), _mutants(50)
    _draw(first, 10, 1, "target", None)
    _draw(again, 10, 1, "target", None)
    _draw(other, 10, 2, "target", None)
    assert len(_drawn(first)) == 10 and _drawn(first) == _drawn(again) != _drawn(other)


def test_no_sample_or_one_as_large_as_the_target_draws_everything():
    for size in (None, 5, 9):
        found = _mutants(5)
        _draw(found, size, 0, "target", None)
        assert _drawn(found) == ["m0", "m1", "m2", "m3", "m4"]


def test_changed_lines_draw_the_mutants_that_touch_them_then_the_sample_draws_among_those():
    found = _mutants(6)
    found[0].end_line = 3  # a mutant of a statement over lines 1-3
    _draw(found, None, 0, "target", {3, 5})
    assert _drawn(found) == ["m0", "m2", "m4"]
    found = _mutants(6)
    _draw(found, 1, 0, "target", {3, 5})
    assert len(_drawn(found)) == 1 and _drawn(found)[0] in ("m2", "m4")


def test_the_interval_of_a_sample_is_wilsons():
    assert _interval(9, 10) == " (59.6%-98.2%)"
    assert _interval(10, 10) == " (72.2%-100.0%)"
    assert _interval(0, 0) == ""


def test_changed_lines_are_the_new_file_s_lines_that_differ(tmp_path):
    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=tmp_path, check=True,
                       capture_output=True)

    git("init", "-q")
    (tmp_path / "m.py").write_text("a\nb\nc\nd\ne\n")
    git("add", "m.py")
    git("commit", "-q", "-m", "one")
    (tmp_path / "m.py").write_text("a\nB\nc\nnew\nnew\nd\n")  # line 2 changed, 4-5 added, e removed
    assert changed_lines("m.py", "HEAD", tmp_path) == {2, 4, 5}


def test_an_unknown_revision_is_an_error(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    with pytest.raises(subprocess.CalledProcessError):
        changed_lines("m.py", "no-such-revision", tmp_path)
