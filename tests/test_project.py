"""Facts from other files of the project: the calls they make of a file's functions
(reviewer/project.py), what the division rule makes of them, and the cache that must
forget findings read from files that changed."""

import ast
import json
import os
import time
from fractions import Fraction
from pathlib import Path

import pytest

from reliability import cli
from reviewer.project import Project

SCHEDULE = (
    "import math\n"
    "\n"
    "def make_schedule(lr, min_lr, total, step_num=10):\n"
    "    rate = (min_lr / lr) ** (1 / (step_num - 1))\n"
    "    return lambda it: lr * rate ** (it // (total / step_num))\n"
)
FINDING = "nets/schedules.py:4:35: RV104 `/ (step_num - 1)` divides by zero when `step_num - 1` is 0"


def _write(root: Path, files: dict) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _sites(root: Path, files: dict, name: str = "make_schedule", defined: str = "nets/schedules.py"):
    _write(root, {defined: SCHEDULE, **files})
    project = Project(str(root), lambda: [str(p) for p in root.rglob("*.py")])
    found = project.calls_elsewhere(str(root / defined), name)
    return None if found is None else [(s.positional, s.keywords, s.spread) for s in found]


@pytest.mark.parametrize("files, expected", [
    ({"train.py": "from nets.schedules import make_schedule\nf = make_schedule(0.1, 1e-4, n, step_num=-1)\n"},
     [([Fraction("0.1"), Fraction("1e-4"), None], {"step_num": Fraction(-1)}, False)]),
    ({"train.py": "from nets.schedules import make_schedule\nmake_schedule(+5, -0.5, True, 'a', n - 1)\n"},
     [([Fraction(5), Fraction("-0.5"), None, None, None], {}, False)]),  # numbers only, not bools
    ({"nets/deep/inner.py": "from ..schedules import make_schedule\nmake_schedule(a, b, c, 7)\n"},
     [([None] * 3 + [Fraction(7)], {}, False)]),  # two dots: the package above
    ({"train.py": "import nets.schedules as s\ns.make_schedule(a, b, c)\n"}, [([None, None, None], {}, False)]),
    ({"train.py": "import nets.schedules\nnets.schedules.make_schedule(a, b, c, 4)\n"},
     [([None, None, None, Fraction(4)], {}, False)]),
    ({"train.py": "from nets import schedules\nschedules.make_schedule(*args)\n"}, [([], {}, True)]),
    ({"train.py": "from nets.schedules import *\nmake_schedule(a, b, c, **options)\n"}, [([None] * 3, {}, True)]),
    # a package that re-exports it, by name or by `*`
    ({"nets/__init__.py": "from .schedules import make_schedule\n",
      "train.py": "from nets import make_schedule\nmake_schedule(a, b, c)\n"}, [([None] * 3, {}, False)]),
    ({"nets/__init__.py": "from .schedules import *\n",
      "train.py": "from nets import make_schedule\nmake_schedule(a, b, c)\n"}, [([None] * 3, {}, False)]),
    # a relative import of the package's re-export, and a chain of re-exports
    ({"nets/__init__.py": "from .schedules import make_schedule\n",
      "nets/run.py": "from . import make_schedule\nmake_schedule(a, b, c, step_num=1)\n"},
     [([None] * 3, {"step_num": Fraction(1)}, False)]),
    ({"nets/__init__.py": "from .schedules import make_schedule\n", "nets/api.py": "from . import make_schedule\n",
      "train.py": "from nets.api import make_schedule\nmake_schedule(a, b, c)\n"},
     [([None] * 3, {}, False)]),
    # a name among other modules' names, and a cycle of packages that import it by name
    ({"train.py": "import nets.schedules as s\nimport other\nother.make_schedule(0)\ns.make_schedule(1)\n"},
     [([Fraction(1)], {}, False)]),
    ({"nets/__init__.py": "from .loop import make_schedule\n", "nets/loop/__init__.py": "from nets import make_schedule\n",
      "train.py": "from nets.loop import make_schedule\nmake_schedule(a)\n"}, []),
    # packages that import each other end the search
    ({"nets/__init__.py": "from .loop import *\n", "nets/loop/__init__.py": "from nets import *\n",
      "train.py": "from nets import make_schedule\nmake_schedule(a)\n"}, []),
    # another file's own function of that name, or another module's, is not this one
    ({"tools.py": "def make_schedule(x):\n    return x\nmake_schedule(1)\n"}, []),
    ({"train.py": "from other.lib import make_schedule\nmake_schedule(1)\n"}, []),
    ({"train.py": "import nets.schedules as s\nself.make_schedule(1)\n"}, []),
    ({"tools.py": "from nets.schedules import math\ndef make_schedule(x):\n    return x\nmake_schedule(1)\n"}, []),
    ({"other/schedules.py": "def make_schedule(*a, **k):\n    pass\n",
      "train.py": "from other import schedules\nschedules.make_schedule(1, 2, 3, step_num=1)\n"}, []),
    # a package that binds another name, or cannot be read, re-exports nothing of it
    ({"nets/__init__.py": "from .schedules import make_schedule\nother = 1\n",
      "train.py": "from nets import other\nother(make_schedule)\n"}, []),
    ({"nets/__init__.py": "from .schedules import math\n",
      "train.py": "from nets import make_schedule\nmake_schedule(1)\n"}, []),
    ({"nets/__init__.py": "from .schedules import (\n",
      "train.py": "from nets import make_schedule\nmake_schedule(1)\n"}, []),
    # a module name that two files have: a call may be of either
    ({"lib/nets/schedules.py": SCHEDULE, "train.py": "from nets.schedules import make_schedule\nmake_schedule(1)\n"},
     None),
    ({"lib/nets/schedules.py": SCHEDULE, "train.py": "import nets.schedules as s\ns.make_schedule(1)\n"}, None),
    # a use other than a call, a renamed import: the calls cannot all be seen
    ({"train.py": "from nets.schedules import make_schedule\nfactories = [make_schedule]\n"}, None),
    ({"train.py": "import nets.schedules as s\nfactory = s.make_schedule\n"}, None),
    ({"train.py": "from nets.schedules import make_schedule as build\nbuild(a, b, c)\n"}, None),
    ({"train.py": "from nets.schedules import make_schedule\nmake_schedule(\n"}, None),  # unreadable
    # other imports and other uses of the name before the call
    ({"train.py": "import os\nfrom nets.schedules import make_schedule\nmake_schedule(1)\n"},
     [([Fraction(1)], {}, False)]),
    ({"train.py": "from nets.schedules import make_schedule\nmake_schedule: int\nmake_schedule(2)\n"},
     [([Fraction(2)], {}, False)]),
    ({"train.py": "import nets.schedules as s\nget().make_schedule(1)\ns.make_schedule(2)\n"},
     [([Fraction(2)], {}, False)]),
])
def test_the_calls_other_files_make(tmp_path, files, expected):
    assert _sites(tmp_path, files) == expected


def test_a_use_in_its_own_file_is_left_to_the_file_s_analysis(tmp_path):
    _write(tmp_path, {"nets/schedules.py": SCHEDULE + "DEFAULT = make_schedule\n"})
    project = Project(str(tmp_path), lambda: [str(p) for p in tmp_path.rglob("*.py")])
    assert project.calls_elsewhere(str(tmp_path / "nets/schedules.py"), "make_schedule") is None


def test_the_files_are_found_only_when_asked(tmp_path):
    asked = []
    project = Project(str(tmp_path), lambda: asked.append(1) or [])
    assert asked == []
    assert project.files == [] and asked == [1]


def _project(tmp_path, monkeypatch, train_call: str) -> Path:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"pyproject.toml": "[tool.reviewer]\n", "nets/__init__.py": "", "nets/schedules.py": SCHEDULE,
                      "train.py": f"from nets.schedules import make_schedule\nschedule = {train_call}\n"})
    return tmp_path


@pytest.mark.parametrize("train_call, found", [
    ("make_schedule(0.1, 1e-4, 100)", False),  # step_num is always its default, 10
    ("make_schedule(0.1, 1e-4, 100, 8)", False),
    ("make_schedule(0.1, 1e-4, 100, step_num=1)", True),
    ("make_schedule(0.1, 1e-4, 100, 1)", True),
    ("make_schedule(0.1, 1e-4, 100, step_num=args.steps)", True),  # anything
    ("make_schedule(*settings)", True),
    ("[make_schedule]", True),  # passed on: its calls are not all seen
])
def test_a_division_by_a_default_is_decided_by_the_project_s_calls(tmp_path, monkeypatch, train_call, found):
    _project(tmp_path, monkeypatch, train_call)
    result = cli("check", ".", "--select", "RV104", "--no-cache", "--output-format", "concise")
    assert (FINDING in result.output) is found, result.output
    assert result.exit_code == (1 if found else 0)
    # one file on its own (pre-commit's changed files) reads the same project
    alone = cli("check", "nets/schedules.py", "--select", "RV104", "--no-cache", "--output-format", "concise")
    assert (FINDING in alone.output) is found, alone.output


def test_a_run_over_the_project_s_root_reads_its_files_from_its_own_walk(tmp_path, monkeypatch):
    """`reviewer check .` at the root has walked the project already: the files other files'
    calls are read from are those, not a second walk's (which here would find none)."""
    _project(tmp_path, monkeypatch, "make_schedule(0.1, 1e-4, 100)")
    monkeypatch.setattr("reviewer.processing._files_under", lambda root, settings: [])
    assert FINDING not in cli("check", ".", "--select", "RV104", "--no-cache", "--output-format", "concise").output
    # a file named alone walks the project (here: finds nothing, so no call passes a value)
    assert FINDING in cli("check", "nets/schedules.py", "--select", "RV104", "--no-cache",
                          "--output-format", "concise").output


def test_a_function_no_file_calls_keeps_its_finding(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch, "None")
    assert FINDING in cli("check", ".", "--select", "RV104", "--no-cache", "--output-format", "concise").output


def test_the_cache_forgets_findings_read_from_a_file_that_changed(tmp_path, monkeypatch, cached):
    monkeypatch.setattr("reviewer.source._RACY_NS", 0)  # files this new are indexed by their stat too
    root = _project(tmp_path, monkeypatch, "make_schedule(0.1, 1e-4, 100)")
    assert cli("check", ".", "--select", "RV104").exit_code == 0
    files = json.loads(next(root.glob(".reviewer_cache/*/files.json")).read_text())["files"]
    assert len(files[str(root / "nets" / "schedules.py")]) == 4  # recorded with the project's state
    assert len(files[str(root / "train.py")]) == 3  # read nothing from other files
    train = root / "train.py"
    train.write_text(train.read_text().replace("100)", "100, step_num=1)"))
    os.utime(train, (time.time() + 5, time.time() + 5))  # a new stat even on a coarse clock
    assert cli("check", "train.py", "--select", "RV104").exit_code == 0  # its own findings do not change
    result = cli("check", ".", "--select", "RV104", "--output-format", "concise")
    assert FINDING in result.output and result.exit_code == 1
    # nothing changed since: the warm run answers from the cache, with the finding
    again = cli("check", ".", "--select", "RV104", "--output-format", "concise")
    assert FINDING in again.output and again.exit_code == 1
    # the content entries (stat index gone) are checked against the project the same way
    next(root.glob(".reviewer_cache/*/files.json")).unlink()
    result = cli("check", ".", "--select", "RV104", "--output-format", "concise")
    assert FINDING in result.output and result.exit_code == 1
    next(root.glob(".reviewer_cache/*/files.json")).unlink()
    train.write_text(train.read_text().replace(", step_num=1)", ")"))
    assert cli("check", ".", "--select", "RV104").exit_code == 0


def test_fixing_does_not_cache_findings_read_from_other_files(tmp_path, monkeypatch, cached):
    monkeypatch.setattr("reviewer.source._RACY_NS", 0)
    root = _project(tmp_path, monkeypatch, "make_schedule(0.1, 1e-4, 100, 1)")
    # The finding's fix is unsafe: --fix leaves it, and the run must not index the finding
    # without the state of the files it read (another file's fix may have changed them).
    result = cli("check", ".", "--select", "RV104", "--fix", "--output-format", "concise")
    assert FINDING in result.output and result.exit_code == 1
    entries = json.loads(next(root.glob(".reviewer_cache/*/files.json")).read_text())["files"]
    assert str(root / "nets" / "schedules.py") not in entries and len(entries[str(root / "train.py")]) == 3
    assert not any(isinstance(json.loads(p.read_text()), dict) for p in root.glob(".reviewer_cache/*/*/*.json"))
    (root / "train.py").write_text("from nets.schedules import make_schedule\nschedule = make_schedule(1, 2, 3)\n")
    assert cli("check", ".", "--select", "RV104").exit_code == 0


def test_the_editor_reads_the_project_as_it_is_on_disk_at_each_lint(tmp_path, monkeypatch):
    from reviewer.server import lint

    root = _project(tmp_path, monkeypatch, "make_schedule(0.1, 1e-4, 100)")
    path = str(root / "nets" / "schedules.py")
    assert [f.code for f in lint(path, 1, SCHEDULE).findings if f.code == "RV104"] == []
    (root / "train.py").write_text("from nets.schedules import make_schedule\nmake_schedule(1, 2, 3, step_num=1)\n")
    assert [(f.line, f.code) for f in lint(path, 2, SCHEDULE).findings if f.code == "RV104"] == [(4, "RV104")]


def test_a_job_s_project_survives_pickling(tmp_path, monkeypatch):
    # Where workers are spawned (macOS, Windows) the job travels pickled, its project too.
    import pickle

    from reviewer.config import Settings
    from reviewer.processing import Job

    root = _project(tmp_path, monkeypatch, "make_schedule(0.1, 1e-4, 100)")
    settings = Settings(None)
    job = Job(config=settings.for_run(["."]), rules=[], settings=settings)
    assert job.project_state("train.py")  # made before the workers start, as a warm run's main process does
    copy = pickle.loads(pickle.dumps(job))
    assert copy.project("train.py").state == job.project("train.py").state
    assert copy.project("train.py").calls_elsewhere(str(root / "nets" / "schedules.py"), "make_schedule")[0].positional == [
        Fraction("0.1"), Fraction("1e-4"), Fraction(100)]


def test_texts_past_the_budget_are_read_again_not_kept(tmp_path, monkeypatch):
    caller = "from nets.schedules import make_schedule\nmake_schedule(a, b, c)\n"
    # exactly the first two texts read fit: the defining file's, then a.py's; b.py's does not
    monkeypatch.setattr("reviewer.project._TEXTS_KEPT", len(SCHEDULE) + len(caller))
    _write(tmp_path, {"nets/schedules.py": SCHEDULE, "a.py": caller, "b.py": caller + "# b\n"})
    project = Project(str(tmp_path), lambda: [str(p) for p in tmp_path.rglob("*.py")])
    for _ in range(2):  # the same answer with a caller's text not kept
        assert len(project.calls_elsewhere(str(tmp_path / "nets/schedules.py"), "make_schedule")) == 2
    assert list(project._texts) == [str(tmp_path / "nets" / "schedules.py"), str(tmp_path / "a.py")]


def test_module_names_count_from_the_project_s_root_not_the_current_folder(tmp_path, monkeypatch):
    _write(tmp_path, {"root/nets/schedules.py": SCHEDULE})
    monkeypatch.chdir(tmp_path)
    project = Project(str(tmp_path / "root"), lambda: [str(p) for p in tmp_path.rglob("*.py")])
    assert project.module_files("nets.schedules") == [str(tmp_path / "root" / "nets" / "schedules.py")]
    assert project.module_files("root.nets.schedules") == []


def test_a_file_that_cannot_be_read_calls_nothing(tmp_path):
    # Python cannot run it either; the file itself gets its io-error finding.
    (tmp_path / "broken.py").write_bytes(b"make_schedule(0)  # \xff\n")
    assert _sites(tmp_path, {"train.py": "from nets.schedules import make_schedule\nmake_schedule(a)\n"}) == [
        ([None], {}, False)]


def test_a_defining_file_that_cannot_be_read_lends_no_facts(tmp_path):
    _write(tmp_path, {"train.py": "from nets.schedules import make_schedule\nmake_schedule(a, b, c)\n"})
    (tmp_path / "nets").mkdir()
    (tmp_path / "nets" / "schedules.py").write_bytes(SCHEDULE.encode() + b"# \xff\n")  # no UTF-8
    project = Project(str(tmp_path), lambda: [str(p) for p in tmp_path.rglob("*.py")])
    assert project.calls_elsewhere(str(tmp_path / "nets" / "schedules.py"), "make_schedule") is None


def test_the_state_holds_file_names_that_are_no_utf_8(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    odd = os.path.join(os.fsencode(str(tmp_path)), b"\xff.py")
    with open(odd, "w") as handle:
        handle.write("y = 2\n")
    project = Project(str(tmp_path), lambda: [os.path.join(str(tmp_path), name) for name in os.listdir(str(tmp_path))])
    assert len(project.files) == 2 and len(project.state) == 64
    os.utime(odd, (1, 1))
    assert Project(str(tmp_path), project._find).state != project.state


TIMED = (
    "import time\n"
    "import torch\n"
    "from utils.boxes import DecodeBox\n"
    "\n"
    "class Detector:\n"
    "    def __init__(self):\n"
    "        self.net = torch.nn.Linear(4, 4).cuda()\n"
    "        self.boxes = DecodeBox()\n"
    "\n"
    "    def fps(self, images):\n"
    "        t1 = time.time()\n"
    "        outputs = self.net(images)\n"
    "        results = self.boxes.nms(outputs)\n"
    "        return time.time() - t1\n"
)


@pytest.mark.parametrize("body, found", [
    ("return [p[p[:, 4] > 0.5].cpu() for p in outputs]", False),  # `.cpu()` waits for the GPU
    ("torch.cuda.synchronize()\n        return outputs", False),
    ("return outputs.sigmoid()", True),  # queues more work, waits for none
])
def test_a_project_class_s_method_that_synchronises_ends_the_timed_work(tmp_path, monkeypatch, body, found):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"pyproject.toml": "[tool.reviewer]\n", "yolo.py": TIMED,
                      "utils/boxes.py": f"import torch\n\nclass DecodeBox:\n    def nms(self, outputs):\n        {body}\n"})
    result = cli("check", "yolo.py", "--select", "RV504", "--no-cache", "--output-format", "concise")
    assert ("yolo.py:14:16: RV504" in result.output) is found, result.output


def test_the_methods_a_project_class_calls(tmp_path):
    _write(tmp_path, {"utils/broken.py": "class DecodeBox(\n", "utils/boxes.py": "class DecodeBox:\n    def nms(self, x):\n        return helper(x.cpu(), hooks[0](x))\n"
                                        "    def other(self):\n        pass\n"})
    project = Project(str(tmp_path), lambda: [str(p) for p in tmp_path.rglob("*.py")])
    user = str(tmp_path / "yolo.py")
    assert project.method_calls(user, "utils.boxes.DecodeBox", "nms") == {"helper", "cpu"}
    assert project.method_calls(user, "utils.boxes.DecodeBox", "missing") is None
    assert project.method_calls(user, "utils.boxes.Other", "nms") is None
    assert project.method_calls(user, "elsewhere.DecodeBox", "nms") is None
    assert project.method_calls(user, "utils.broken.DecodeBox", "nms") is None
    assert project.consulted == {user}


@pytest.mark.parametrize("step, found", [("3", False), ("0", True), ("step", True)])
def test_a_warm_up_s_counter_is_what_the_project_s_calls_pass(tmp_path, monkeypatch, step, found):
    monkeypatch.chdir(tmp_path)
    adjust = ("def adjust(optimizer, step, warmup=5, base=0.1):\n"
              "    if step < warmup:\n"
              "        lr = base * step / warmup\n"
              "    else:\n"
              "        lr = base\n"
              "    for group in optimizer.param_groups:\n"
              "        group['lr'] = lr\n")
    _write(tmp_path, {"pyproject.toml": "[tool.reviewer]\n", "lib/schedule.py": adjust,
                      "train.py": f"from lib.schedule import adjust\nadjust(opt, {step})\n"})
    result = cli("check", ".", "--select", "RV106", "--no-cache", "--output-format", "concise")
    assert ("lib/schedule.py:3:" in result.output and "RV106" in result.output) is found, result.output


def test_a_folder_that_is_no_project_s_root_lends_no_facts(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch, "make_schedule(0.1, 1e-4, 100)")
    (tmp_path / "pyproject.toml").unlink()  # and no .git: the current folder is all there is
    result = cli("check", ".", "--select", "RV104", "--no-cache", "--output-format", "concise")
    assert FINDING in result.output
    (tmp_path / ".git").mkdir()
    assert FINDING not in cli("check", ".", "--select", "RV104", "--no-cache", "--output-format", "concise").output


def test_a_file_reads_the_project_of_its_own_configuration(tmp_path, monkeypatch):
    # A sub-project with its own pyproject.toml: its files' calls are read within it, in a
    # run over the whole tree as in a run over the file alone.
    root = _project(tmp_path, monkeypatch, "None")
    _write(root, {"sub/pyproject.toml": "[tool.reviewer]\n", "sub/nets/schedules.py": SCHEDULE,
                  "sub/train.py": "from nets.schedules import make_schedule\nmake_schedule(1, 2, 3)\n"})
    inner = "sub/nets/schedules.py:4:35: RV104"
    whole = cli("check", ".", "--select", "RV104", "--no-cache", "--output-format", "concise").output
    alone = cli("check", "sub/nets/schedules.py", "--select", "RV104", "--no-cache", "--output-format", "concise")
    assert FINDING in whole and inner not in whole and inner not in alone.output


def test_relative_imports_at_the_root_and_three_folders_down(tmp_path):
    assert _sites(tmp_path, {"run.py": "from . import sched\nsched.make_schedule(1, 2, 3)\n"}, defined="sched.py") == [
        ([Fraction(1), Fraction(2), Fraction(3)], {}, False)]
    assert _sites(tmp_path, {"nets/a/b/inner.py": "from ..schedules import make_schedule\nmake_schedule(4)\n"},
                  defined="nets/a/schedules.py") == [([Fraction(4)], {}, False)]


def test_a_relative_import_names_one_file_exactly(tmp_path):
    # nets/__init__.py re-exports its sibling nets/schedules.py, not lib/nets/schedules.py,
    # though both end in `nets.schedules`.
    files = {"nets/schedules.py": SCHEDULE, "nets/__init__.py": "from .schedules import make_schedule\n",
             "train.py": "from nets import make_schedule\nmake_schedule(1, 2, 3)\n"}
    assert _sites(tmp_path, files, defined="lib/nets/schedules.py") == []
    assert _sites(tmp_path, files, defined="nets/schedules.py") == [([Fraction(1), Fraction(2), Fraction(3)], {}, False)]
    # a relative import in a file at the root names the root's modules
    _write(tmp_path, {"run.py": "from . import train\n"})
    project = Project(str(tmp_path), lambda: [str(p) for p in tmp_path.rglob("*.py")])
    assert project._imported(str(tmp_path / "run.py"), ast.parse("from . import train").body[0]) == "/"
    assert project.module_files("/train") == [str(tmp_path / "train.py")]


def test_a_question_asked_again_is_answered_without_reading_the_project_again(tmp_path):
    _write(tmp_path, {"nets/schedules.py": SCHEDULE,
                      "train.py": "from nets.schedules import make_schedule\nmake_schedule(a, b, c, 4)\n"})
    project = Project(str(tmp_path), lambda: [str(p) for p in tmp_path.rglob("*.py")])
    first = project.calls_elsewhere(str(tmp_path / "nets" / "schedules.py"), "make_schedule")
    (tmp_path / "train.py").write_text("from nets.schedules import make_schedule\nmake_schedule(a, b, c, 1)\n")
    project._texts.clear(), project._trees.clear()  # reading again would find the new call
    assert project.calls_elsewhere(str(tmp_path / "nets" / "schedules.py"), "make_schedule") is first


WARMUP = ("class Warmup:\n"
          "    def __init__(self, optimizer, steps):\n"
          "        self.optimizer, self.steps, self.t = optimizer, steps, 0\n"
          "\n"
          "    def step(self):\n"
          "        self.t += 1\n"
          "        for group in self.optimizer.param_groups:\n"
          "            group['lr'] = 0.1 * min(1.0, self.t / self.steps)\n")
HELPER = ("from utils.schedulers import Warmup\n"
          "\n"
          "def init_opt(model, steps):\n"
          "    optimizer = make(model)\n"
          "    scheduler = Warmup(optimizer, steps)\n"
          "    return optimizer, scheduler\n")
RESUME = ("from helper import init_opt\n"
          "\n"
          "def main(start):\n"
          "    optimizer, scheduler = init_opt(model, 100)\n"
          "    for _ in range(start):\n"
          "        scheduler.step()\n"
          "        next(momentum)\n")


@pytest.mark.parametrize("files, replayed", [
    ({"helper.py": HELPER, "train.py": RESUME}, True),  # ijepa: built by a helper, replayed in train.py
    ({"train.py": "from utils.schedulers import Warmup\ns = Warmup(opt, 5)\nfor i in range(n):\n    s.step()\n"}, True),
    ({"train.py": "import utils.schedulers as u\ndef f():\n    s = u.Warmup(opt, 5)\n    for i in range(n):\n        s.step()\n"},
     True),
    ({"utils/__init__.py": "from .schedulers import Warmup\n",  # a package's re-export
      "train.py": "from utils import Warmup\ns = Warmup(opt, 5)\nfor i in range(n):\n    s.step()\n"}, True),
    ({"helper.py": HELPER.replace("return optimizer, scheduler", "return scheduler"),
      "train.py": RESUME.replace("optimizer, scheduler =", "scheduler =")}, True),
    # the helper returns the instance elsewhere than where train.py takes it
    ({"helper.py": HELPER.replace("optimizer, scheduler\n", "scheduler, optimizer\n"), "train.py": RESUME}, False),
    # a loop that trains is no replay; nor one over anything but a range, nor one that passes arguments
    ({"helper.py": HELPER, "train.py": RESUME.replace("next(momentum)", "loss = train(batch)")}, False),
    ({"helper.py": HELPER, "train.py": RESUME.replace("range(start)", "loader")}, False),
    ({"helper.py": HELPER, "train.py": RESUME.replace("scheduler.step()", "scheduler.step(epoch)")}, False),
    ({"helper.py": HELPER, "train.py": RESUME + "    else:\n        pass\n"}, False),
    # the stepped name is bound in another function, or to another class
    ({"helper.py": HELPER, "train.py": RESUME.replace("    for _", "def resume(scheduler):\n    for _")}, False),
    ({"train.py": "from utils.other import Warmup\ns = Warmup(opt, 5)\nfor i in range(n):\n    s.step()\n",
      "utils/other.py": "class Warmup:\n    pass\n"}, False),
    ({"helper.py": HELPER}, False),
    # renamed imports; a fallback import; a package that re-exports it beside a `*`; two
    # files of the same module name (the class is the second's)
    ({"train.py": "from utils.schedulers import Warmup as W\na = b = W(opt, 5)\nfor i in range(n):\n    b.step()\n"},
     True),
    ({"train.py": "try:\n    from utils.schedulers import Warmup\nexcept ImportError:\n    from other import Warmup\n"
                  "s = Warmup(opt, 5)\nfor i in range(n):\n    s.step()\n"}, True),
    ({"utils/__init__.py": "from .schedulers import Warmup\nfrom .missing import *\n",
      "train.py": "from utils import Warmup\ns = Warmup(opt, 5)\nfor i in range(n):\n    s.step()\n"}, True),
    ({"a/utils/schedulers.py": "class Warmup:\n    pass\n",
      "train.py": "from utils.schedulers import Warmup\ns = Warmup(opt, 5)\nfor i in range(n):\n    s.step()\n"}, True),
    ({"a/utils/schedulers.py": "class Warmup(\n",
      "train.py": "from utils.schedulers import Warmup\ns = Warmup(opt, 5)\nfor i in range(n):\n    s.step()\n"}, True),
    ({"helper.py": HELPER, "train.py": RESUME.replace("optimizer, scheduler = init_opt", "(scheduler,) = init_opt")},
     False),  # unpacked into fewer names than it returns
    # a builder that returns early with something else; a relative import of the builder
    ({"helper.py": HELPER.replace("    optimizer = make", "    if model is None:\n        return None, None\n"
                                                        "    optimizer = make"), "train.py": RESUME}, True),
    ({"helper.py": HELPER, "run/__init__.py": "", "run/train.py": RESUME.replace("from helper", "from ..helper")},
     True),
    # the whole result held in one name, a name the file binds otherwise, a call of a call,
    # a loop that only calls another method, a file that does not parse
    ({"helper.py": HELPER, "train.py": RESUME.replace("optimizer, scheduler = init_opt", "scheduler = init_opt")},
     False),
    ({"train.py": "Warmup = pick()\ns = Warmup(opt, 5)\nfor i in range(n):\n    s.step()\n"}, False),
    ({"train.py": "from utils.schedulers import Warmup\ns = make()(Warmup)\nfor i in range(n):\n    s.step()\n"},
     False),
    ({"helper.py": HELPER, "train.py": RESUME.replace("scheduler.step()", "scheduler.peek()")}, False),
    ({"helper.py": HELPER, "broken.py": "Warmup(\n", "train.py": RESUME}, True),
    # a training loop passes its batches and models on; a loop that reads its variable
    ({"helper.py": HELPER, "train.py": RESUME.replace("next(momentum)", "train(model, loader)")}, False),
    ({"helper.py": HELPER, "train.py": RESUME.replace("next(momentum)", "next(_)")}, False),
    ({"helper.py": HELPER, "train.py": RESUME.replace("scheduler.step()", "scheduler.step(); schedule.step(epoch=2)")},
     False),
    # the `.step()` far below the `for` line: the file is not read for resume loops
    ({"helper.py": HELPER, "train.py": RESUME.replace("        scheduler.step()", "        next(a)\n" * 7
                                                       + "        scheduler.step()")}, False),
    # files that mention a range without such a loop, or do not parse, are passed over
    ({"helper.py": HELPER, "a.py": "x = range(3)\n", "broken2.py": "for _ in range(n):\n    s.step()\n(\n",
      "train.py": "import os\n" + RESUME}, True),
    # loops over anything but a range (read because another loop of the file passes the text test)
    ({"helper.py": HELPER, "train.py": RESUME.replace("range(start)", "loader") + "for i in range(3):\n    o.step()\n"},
     False),
    ({"helper.py": HELPER, "train.py": RESUME.replace("range(start)", "repeat(start)") + "for i in range(3):\n    o.step()\n"},
     False),
])
def test_a_resume_that_replays_the_steps_of_an_instance(tmp_path, files, replayed):
    assert _warmup_fact(tmp_path, files, Project.replayed) is replayed


def _warmup_fact(tmp_path, files, question):
    """What `question` (a Project method) answers of utils/schedulers.py's `Warmup` among
    `files`: asked twice, the second answer is the first (remembered), and only the file
    that defines it is consulted."""
    _write(tmp_path, {"utils/schedulers.py": WARMUP, **files})
    project = Project(str(tmp_path), lambda: [str(p) for p in tmp_path.rglob("*.py")])
    defined = str(tmp_path / "utils/schedulers.py")
    answer = question(project, defined, "Warmup")
    assert question(project, defined, "Warmup") is answer
    assert project.consulted == {defined}
    return answer


@pytest.mark.parametrize("resume, found", [(RESUME, False), (RESUME.replace("range(start)", "loader"), True)])
def test_a_scheduler_resumed_by_replaying_its_steps_keeps_its_progress(tmp_path, monkeypatch, resume, found):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"pyproject.toml": "[tool.reviewer]\n", "utils/schedulers.py": WARMUP,
                      "helper.py": HELPER, "train.py": resume})
    result = cli("check", "utils/schedulers.py", "--select", "RV402", "--no-cache", "--output-format", "concise")
    assert ("utils/schedulers.py:1:7: RV402" in result.output) is found, result.output


CHECKPOINT = ("import torch\n"
              "from utils.schedulers import Warmup\n"
              "\n"
              "class Checkpoint:\n"
              "    def __init__(self, model, scheduler: Warmup = None):\n"
              "        self.model, self.epoch = model, 0\n"
              "        self.scheduler = scheduler\n"
              "\n"
              "    def save(self):\n"
              "        state = {'scheduler': self.scheduler, 'epoch': self.epoch}\n"
              "        torch.save(state, 'trainer_states.pt')\n")


@pytest.mark.parametrize("files, pickled", [
    ({"checkpoint.py": CHECKPOINT}, True),  # kospeech: an annotated parameter kept in an attribute, in a dict
    ({"checkpoint.py": CHECKPOINT.replace("'scheduler': self.scheduler,", "'s': self.scheduler.state_dict(),")},
     False),  # its state dict, not the object
    ({"checkpoint.py": CHECKPOINT.replace("scheduler: Warmup", "scheduler: Other")}, False),
    ({"checkpoint.py": CHECKPOINT.replace("scheduler: Warmup = None", "scheduler")}, False),  # nothing says what it is
    ({"checkpoint.py": CHECKPOINT.replace("self.scheduler = scheduler", "self.scheduler = Warmup(None, 5)")
                                 .replace("scheduler: Warmup", "scheduler")}, True),  # built into the attribute
    ({"checkpoint.py": CHECKPOINT.replace("torch.save(", "numpy.save(")}, False),
    ({"checkpoint.py": CHECKPOINT.replace("import torch\n", "import torch as th\n").replace("torch.save", "th.save")},
     True),
    ({"checkpoint.py": CHECKPOINT.replace("import torch\n", "from torch import save\n").replace("torch.save", "save")},
     True),
    # the receiver is the method's first parameter, whatever its name; another class's is not
    ({"checkpoint.py": CHECKPOINT.replace("self", "this")}, True),
    ({"checkpoint.py": CHECKPOINT.replace("    def save(self):", "class Other:\n    def save(self):")}, False),
    # built and saved by a function: itself, in a list, through a name bound to a tuple
    ({"train.py": "import torch\nfrom utils.schedulers import Warmup\ns = Warmup(opt, 5)\ntorch.save(s, 'p')\n"},
     True),
    ({"train.py": "import torch\nfrom utils.schedulers import Warmup\n"
                  "def run(opt):\n    s = Warmup(opt, 5)\n    torch.save([model, s], 'p')\n"}, True),
    ({"train.py": "import torch\nfrom utils.schedulers import Warmup\n"
                  "def run(opt, s: Warmup):\n    both = (opt, s)\n    torch.save(both, 'p')\n"}, True),
    # a display bound in another function; a name that holds itself
    ({"train.py": "import torch\nfrom utils.schedulers import Warmup\n"
                  "def run(opt, s: Warmup):\n    both = (opt, s)\ndef save(both):\n    torch.save(both, 'p')\n"},
     False),
    ({"train.py": "import torch\nfrom utils.schedulers import Warmup\nstate = {'a': state}\ntorch.save(state, 'p')\n"},
     False),
    ({"train.py": "import torch\nfrom utils.other import Warmup\ns = Warmup(opt, 5)\ntorch.save(s, 'p')\n",
      "utils/other.py": "class Warmup:\n    pass\n"}, False),
    # an attribute built by another call, or set on another object; a method with no
    # parameter and a name bound from the instance beside them
    ({"checkpoint.py": CHECKPOINT.replace("self.scheduler = scheduler", "self.scheduler = Other(None, 5)")
                                 .replace("scheduler: Warmup", "scheduler")}, False),
    ({"checkpoint.py": CHECKPOINT.replace("self.scheduler = scheduler", "options.scheduler = scheduler")}, False),
    ({"checkpoint.py": CHECKPOINT.replace("        self.scheduler = scheduler\n",
                                          "        self.scheduler = kept = scheduler\n")
                      + "\n    @staticmethod\n    def none():\n        return None\n"}, True),
    # a display holding a name bound to another display; calls that only look like saving
    ({"train.py": "import torch\nfrom utils.schedulers import Warmup\n"
                  "def run(opt, s: Warmup):\n    inner = {'x': 1}\n    torch.save([inner], 'p')\n"}, False),
    ({"train.py": "from utils.schedulers import Warmup\ns = Warmup(opt, 5)\nprint(s)\n"}, False),
    ({"train.py": "from utils.schedulers import Warmup\ndef save(x, p):\n    pass\ns = Warmup(opt, 5)\nsave(s, 'p')\n"},
     False),
    # a file that mentions the class and a save but does not parse
    ({"broken.py": "import torch\nfrom utils.schedulers import Warmup\ntorch.save(Warmup(\n"}, False),
])
def test_a_scheduler_saved_whole_is_found_through_the_project(tmp_path, files, pickled):
    assert _warmup_fact(tmp_path, files, Project.pickled) is pickled


@pytest.mark.parametrize("saved, found", [("self.scheduler", False), ("self.scheduler.state_dict()", True)])
def test_a_scheduler_saved_whole_keeps_its_progress(tmp_path, monkeypatch, saved, found):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"pyproject.toml": "[tool.reviewer]\n", "utils/schedulers.py": WARMUP,
                      "checkpoint.py": CHECKPOINT.replace("'scheduler': self.scheduler", f"'scheduler': {saved}")})
    result = cli("check", "utils/schedulers.py", "--select", "RV402", "--no-cache", "--output-format", "concise")
    assert ("utils/schedulers.py:1:7: RV402" in result.output) is found, result.output


def test_each_file_is_read_for_names_once_however_many_questions(tmp_path, monkeypatch):
    # Generated projects define the same helper in every file: each file's question reads
    # every other file's calls, which must come from one index per file, not a walk each.
    import reviewer.project as project_module

    built = []
    original = project_module._Names.__init__
    monkeypatch.setattr(project_module._Names, "__init__", lambda self, tree: built.append(1) or original(self, tree))
    files = {f"s{i}.py": "def adjust(opt, step, warmup=5):\n    return step / warmup\n" for i in range(30)}
    _write(tmp_path, files)
    project = Project(str(tmp_path), lambda: [str(p) for p in tmp_path.rglob("*.py")])
    for i in range(30):
        assert project.calls_elsewhere(str(tmp_path / f"s{i}.py"), "adjust") == []
    assert len(built) == 30


def test_trees_past_the_budget_are_parsed_again_not_kept(tmp_path, monkeypatch):
    import reviewer.project as project_module

    monkeypatch.setattr(project_module, "_TREES_KEPT", 30)
    _write(tmp_path, {"broken.py": "x = (\n" + "#" * 40 + "\n", "a.py": "a = 1\n" * 3 + "b\n", "b.py": "c = 45678\n",
                      "c.py": "e = 1\n"})
    project = Project(str(tmp_path), lambda: [str(p) for p in tmp_path.rglob("*.py")])
    paths = {name: str(tmp_path / name) for name in ("broken.py", "a.py", "b.py", "c.py")}
    assert project._tree(paths["broken.py"]) is None  # kept as unreadable, counting nothing
    assert project._tree(paths["a.py"]) is not None and project._tree(paths["b.py"]) is not None  # 20 + 10 = 30
    assert project._tree(paths["c.py"]) is not None  # parsed, not kept
    assert set(project._trees) == {paths["broken.py"], paths["a.py"], paths["b.py"]}
    assert project._tree_chars == 30


BASE = "from torch import nn\n\n\nclass Detector(nn.Module):\n    pass\n"


@pytest.mark.parametrize("files, local, bases", [
    ({"models/rcnn.py": BASE, "models/panoptic.py": "from .rcnn import Detector\n"}, "Detector", {"torch.nn.Module"}),
    # through another class of the project, in a third file, imported absolutely and renamed
    ({"models/rcnn.py": BASE, "models/mid.py": "from models.rcnn import Detector as D\n\nclass Mid(D, Mixin):\n    pass\n",
      "models/panoptic.py": "from . import mid\n"}, "mid.Mid", {"torch.nn.Module"}),
    # bases of every kind of import: `import torch.nn as tnn`, `from torch.nn import Module`
    ({"models/rcnn.py": "import torch.nn as tnn\nfrom torch.nn import Module\n\nclass Detector(tnn.Linear, Module):\n    pass\n",
      "models/panoptic.py": "from .rcnn import Detector\n"}, "Detector", {"torch.nn.Linear", "torch.nn.Module"}),
    # a base the project cannot read is nothing; a cycle of bases ends
    ({"models/rcnn.py": "class Detector(Base(1)):\n    pass\n", "models/panoptic.py": "from .rcnn import Detector\n"},
     "Detector", set()),
    ({"models/rcnn.py": "from .panoptic import B\n\nclass Detector(B):\n    pass\n",
      "models/panoptic.py": "from .rcnn import Detector\n\nclass B(Detector):\n    pass\n"}, "Detector", set()),
    # a name that is no class of the project
    ({"models/panoptic.py": "from torch.nn import Module\n"}, "Module", set()),
    # every base counts, after one the project cannot read, and of every class of the name
    ({"models/rcnn.py": "from torch import nn\nfrom .mixins import Mixin\n\nclass Detector(make(), Mixin, nn.Module):\n    pass\n",
      "models/mixins.py": "import torch\n\nclass Mixin(torch.nn.Linear):\n    pass\n",
      "models/panoptic.py": "from .rcnn import Detector\n"}, "Detector", {"torch.nn.Linear", "torch.nn.Module"}),
    ({"a/rcnn.py": BASE, "b/rcnn.py": BASE.replace("nn.Module", "nn.Linear"),
      "models/panoptic.py": "from rcnn import Detector\n"}, "Detector", {"torch.nn.Linear", "torch.nn.Module"}),
    ({"a/base.py": BASE.replace("Detector", "Base"), "b/base.py": BASE.replace("Detector", "Base").replace("Module", "Linear"),
      "models/rcnn.py": "from base import Base\n\nclass Detector(Base):\n    pass\n",
      "models/panoptic.py": "from .rcnn import Detector\n"}, "Detector", {"torch.nn.Linear", "torch.nn.Module"}),
    # a relative import of a file the project lacks names no library class
    ({"models/rcnn.py": "from .gone import Base\n\nclass Detector(Base):\n    pass\n",
      "models/panoptic.py": "from .rcnn import Detector\n"}, "Detector", set()),
])
def test_the_library_classes_a_class_of_the_project_extends(tmp_path, files, local, bases):
    _write(tmp_path, files)
    project = Project(str(tmp_path), lambda: [str(p) for p in tmp_path.rglob("*.py")])
    user = str(tmp_path / "models/panoptic.py")
    assert project.library_bases(user, local) == bases
    assert project.library_bases(user, local) is project.library_bases(user, local)  # asked once
    assert project.consulted == {os.path.realpath(user)}


def test_a_model_class_whose_base_another_file_defines_is_left_to_its_callers(tmp_path, monkeypatch):
    """inference-without-no-grad leaves a model's own methods to its caller's grad mode, also
    when the class extends a module through a class of another file."""
    monkeypatch.chdir(tmp_path)
    panoptic = ("from torch import nn\n\nfrom .rcnn import Detector\n\n\nclass Panoptic(Detector):\n"
                "    def __init__(self):\n        super().__init__()\n        self.head = nn.Linear(4, 2)\n\n"
                "    def inference(self, features):\n        return self.head(features)\n")
    _write(tmp_path, {"models/panoptic.py": panoptic, "models/rcnn.py": "class Detector:\n    pass\n"})
    args = ("check", "models/panoptic.py", "--select", "RV501", "--no-cache", "--output-format", "concise")
    assert "models/panoptic.py:12:16: RV501" in cli(*args).output  # no project: a plain class's method
    _write(tmp_path, {"pyproject.toml": "[tool.reviewer]\n"})
    assert "models/panoptic.py:12:16: RV501" in cli(*args).output  # the base extends no module
    _write(tmp_path, {"models/rcnn.py": BASE})
    assert "RV501" not in cli(*args).output


TRAIN_ON = (
    "from torch.utils.data import DataLoader\n"
    "from data.sets import Clips\n"
    "\n"
    "def train(model, optimizer, root):\n"
    "    loader = DataLoader(Clips(root), batch_size=32)\n"
    "    for x, y in loader:\n"
    "        optimizer.zero_grad()\n"
    "        model(x, y).backward()\n"
    "        optimizer.step()\n"
)


@pytest.mark.parametrize("base, found", [
    ("Dataset", True),  # map-style, through the project's class: it should shuffle
    ("IterableDataset", False),  # `shuffle=True` would raise for it
])
def test_a_dataset_class_of_another_file_of_the_project_is_known_by_its_base(tmp_path, monkeypatch, base, found):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"pyproject.toml": "[tool.reviewer]\n", "train.py": TRAIN_ON, "data/__init__.py": "",
                      "data/sets.py": f"from torch.utils.data import {base}\n\nclass Clips({base}):\n    pass\n"})
    result = cli("check", "train.py", "--select", "RV702", "--no-cache", "--output-format", "concise")
    assert ("train.py:5:14: RV702" in result.output) is found, result.output


@pytest.mark.parametrize("name, files, found", [
    ("ClipDataset", {"pyproject.toml": "[tool.reviewer]\n"}, True),  # no file shows it: named map-style
    ("ClipDataSet", {"pyproject.toml": "[tool.reviewer]\n"}, True),
    ("StreamingClipDataset", {"pyproject.toml": "[tool.reviewer]\n"}, False),  # named for an iterable one
    ("IterableClipDataset", {"pyproject.toml": "[tool.reviewer]\n"}, False),
    ("Clips", {"pyproject.toml": "[tool.reviewer]\n"}, False),  # no dataset's name
    ("ClipDataset", {}, False),  # no project: other files are unknown, not absent
    # the project defines it: its bases decide, and a plain class's say nothing
    ("ClipDataset", {"pyproject.toml": "[tool.reviewer]\n", "data/__init__.py": "",
                     "data/sets.py": "class ClipDataset:\n    pass\n"}, False),
])
def test_a_dataset_class_no_file_of_the_project_defines_is_known_by_its_name(tmp_path, monkeypatch, name, files, found):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"train.py": TRAIN_ON.replace("Clips", name), **files})
    result = cli("check", "train.py", "--select", "RV702", "--no-cache", "--output-format", "concise")
    assert ("train.py:5:14: RV702" in result.output) is found, result.output


def test_torch_s_own_dataset_classes_are_not_known_by_their_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # torch's ChainDataset is iterable: torch's classes are known by the vocabulary
    _write(tmp_path, {"pyproject.toml": "[tool.reviewer]\n",
                      "train.py": TRAIN_ON.replace("from data.sets import Clips", "from torch.utils.data import ChainDataset")
                      .replace("Clips(root)", "ChainDataset(root)")})
    assert "RV702" not in cli("check", "train.py", "--select", "RV702", "--no-cache").output


def test_defines_follows_the_file_s_imports(tmp_path):
    _write(tmp_path, {"train.py": "from data.sets import Clips, Other\nimport data.sets as sets\n", "data/__init__.py": "",
                      "data/sets.py": "class Clips:\n    pass\n"})
    project = Project(str(tmp_path), lambda: [str(p) for p in tmp_path.rglob("*.py")])
    user = str(tmp_path / "train.py")
    assert project.defines(user, "Clips") and project.defines(user, "sets.Clips")
    assert not project.defines(user, "Other") and not project.defines(user, "sets.Other")
    assert os.path.realpath(user) in project.consulted
