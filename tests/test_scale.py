"""Large inputs (issue 18): a generated 20,000-line file and files with thousands of
findings finish, with the findings a small copy has, in every copy. No timing assertions:
benchmarks/ measures time."""

import re

import pytest

from reviewer import registry
from reviewer.engine import lint_text
from reviewer.fixer import fix_text

# One training function and one hand-written warm-up, 29 lines with six findings of six rules.
COPY = '''

def run_K(model, loader, history=[]):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 10)
    total = 0
    for epoch in range(10):
        for x, y in loader:
            optimizer.zero_grad()
            loss = torch.nn.functional.mse_loss(model(x), y)
            loss.backward()
            optimizer.step()
            total += loss
        scheduler.step()
        history.append(scheduler.get_lr()[0])
    return history, total


class Warmup_K:
    def __init__(self, optimizer, warmup):
        self.optimizer = optimizer
        self.warmup = warmup
        self.step_count = 0

    def step(self):
        self.step_count += 1
        for group in self.optimizer.param_groups:
            group["lr"] = group["lr"] * min(1.0, self.step_count / self.warmup)
'''


def findings(text):
    return [(f.code, f.line, f.column) for f in lint_text("t.py", text, registry.select()).findings]


@pytest.mark.long
def test_a_20000_line_file_has_the_findings_of_each_of_its_copies():
    one = findings("import torch\n" + COPY.replace("K", "0000"))
    assert [code for code, _, _ in one] == ["RV601", "RV506", "RV203", "RV402", "RV103", "RV104"]
    copies = 20_000 // COPY.count("\n") + 1
    text = "import torch\n" + "".join(COPY.replace("K", f"{k:04d}") for k in range(copies))
    assert text.count("\n") > 20_000
    step = COPY.count("\n")
    expected = [(code, line + k * step, column) for k in range(copies) for code, line, column in one]
    assert findings(text) == expected


def test_thousands_of_findings_in_one_function_each_get_their_fix():
    count = 2_000
    text = ("def f(" + ", ".join(f"a{i}=[]" for i in range(count)) + "):\n"
            + "".join(f"    a{i}.append(1)\n" for i in range(count)))
    found = lint_text("t.py", text, registry.select()).findings
    assert [(f.code, f.column) for f in found][:2] == [("RV601", 10), ("RV601", 17)]
    assert len(found) == count and all(f.fix is not None for f in found)
    # each fix edits its own default and the line its guard goes before (edits widen to whole words)
    last = found[-1].fix.edits
    assert [(e.line, e.content) for e in last] == [(1, "None"), (2, f"if a{count - 1} is None:\n        a{count - 1} = []\n    a0")]


def test_thousands_of_safe_fixes_in_one_file_apply_in_one_pass():
    count = 2_500
    text = "import torch\ns = torch.optim.lr_scheduler.StepLR(torch.optim.SGD([], lr=0.1), 10)\n" + "".join(
        f"lr_{i} = s.get_lr()\n" for i in range(count))
    outcome = fix_text("t.py", text, registry.select())
    assert not outcome.broken and len(outcome.applied) == count
    assert outcome.text.count("s.get_last_lr()") == count and not re.search(r"\bget_lr\(", outcome.text)


def test_fixes_that_need_more_rounds_than_allowed_leave_the_file_and_name_each_place_once():
    # every guard goes before the same statement: one fix per round, more than the rounds allowed
    text = "def f(" + ", ".join(f"a{i}=[]" for i in range(12)) + "):\n    return a0\n"
    outcome = fix_text("t.py", text, registry.select(), unsafe=True)
    assert outcome.text == text and outcome.broken
    assert outcome.error == ("fixes by mutable-default-argument (line 1) did not converge after 10 rounds; "
                             "the file was left as it was")
