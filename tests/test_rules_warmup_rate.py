"""warmup-never-reaches-peak on a warm-up whose step `(peak - init) / W` is computed in
`__init__` and multiplied by the counter in `step()`: variants of its fixture, exact lines."""

from pathlib import Path

import pytest

from reviewer import registry
from reviewer.engine import lint_text

FIXTURE = (Path(__file__).parent.parent / "fixtures" / "warmup-never-reaches-peak" / "rate_per_step.py").read_text()
RULE = registry.find_rule("warmup-never-reaches-peak")
SOONER = "self.init_lr + self.warmup_rate * self.update_steps"


def _lines(text):
    result = lint_text("rate.py", text, [RULE])
    assert not result.crashed
    return [f.line for f in result.findings]


def _line_of(text, snippet, occurrence=1):
    lines = [n for n, line in enumerate(text.splitlines(), 1) if snippet in line]
    return lines[occurrence - 1]


def test_the_fixture_reports_the_warm_up_that_nothing_follows():
    assert _lines(FIXTURE) == [_line_of(FIXTURE, SOONER)]


@pytest.mark.parametrize("old, new, snippet", [
    # the peak no longer written once the warm-up ends
    ("        else:\n            lr = self.peak_lr\n        for group in self.optimizer.param_groups:\n"
     "            group[\"lr\"] = lr\n",
     "            for group in self.optimizer.param_groups:\n                group[\"lr\"] = lr\n",
     "lr = self.init_lr + self.rate * self.t"),
    # the last warm-up step excluded (`<` for `<=`), written in a loop over the groups
    ("if self.t <= self.warmup_steps:", "if self.t < self.warmup_steps:", "group[\"lr\"] = self.init_lr + self.rate"),
])
def test_a_negative_turned_into_the_bug_is_reported(old, new, snippet):
    text = FIXTURE.replace(old, new)
    assert text != FIXTURE
    assert _lines(text) == sorted([_line_of(text, SOONER), _line_of(text, snippet)])


@pytest.mark.parametrize("old, new", [
    ("if self.update_steps < self.warmup_steps:", "if self.update_steps <= self.warmup_steps:"),
    # something after the warm-up may write the LR; the rate is not only the division (or 0)
    ("        self.update_steps += 1\n        return self.lr",
     "        self.update_steps += 1\n        self.after_warmup()\n        return self.lr"),
    ("        self.update_steps += 1\n        return self.lr",
     "        self.update_steps += 1\n        lr = self.schedule()\n        return self.lr"),
    ("            self.warmup_rate = 0\n", "            self.warmup_rate = 0.01\n"),
    # the product is not a term of the sum: inside a function, or scaled again
    ("self.init_lr + self.warmup_rate * self.update_steps", "self.init_lr + abs(self.warmup_rate * self.update_steps)"),
    ("self.init_lr + self.warmup_rate * self.update_steps", "self.init_lr + self.warmup_rate * self.update_steps * 2"),
    ("self.init_lr + self.warmup_rate * self.update_steps", "self.init_lr - self.warmup_rate * self.update_steps ** 2"),
    # the `if` tests another counter than the one the warm-up multiplies
    ("if self.update_steps < self.warmup_steps:", "if self.epochs < self.warmup_steps:"),
    # an `else` that writes
    ("            self.lr = lr\n        self.update_steps += 1",
     "            self.lr = lr\n        else:\n            self.set_lr(self.peak)\n        self.update_steps += 1"),
])
def test_warm_ups_that_reach_the_peak_or_may_are_left_alone(old, new):
    text = FIXTURE.replace(old, new).replace("        self.update_steps += 1\n",
                                             "        self.update_steps += 1\n        self.epochs += 1\n")
    text = text.replace("        self.update_steps = 1\n", "        self.update_steps = 1\n        self.epochs = 0\n")
    assert text != FIXTURE
    assert _lines(text) == []
