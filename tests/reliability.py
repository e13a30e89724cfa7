"""What the reliability tests share: a project with one file that has a finding and a
fix (the `project` and `cached` fixtures are in conftest), and a run whose worker is slow enough to be interrupted."""

from pathlib import Path

from click.testing import CliRunner

from reviewer.cli import main

TRIGGERING = (
    "import torch\n"
    "opt = torch.optim.SGD([], lr=0.1)\n"
    "sched = torch.optim.lr_scheduler.StepLR(opt, 10)\n"
    "print(sched.get_lr())\n"
    "opt.step()\n"
    "sched.step()\n"
)
FIXED = TRIGGERING.replace("get_lr()", "get_last_lr()")


def cli(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def leftovers(folder):
    return sorted(p.name for p in Path(folder).rglob("*.rvtmp")) + sorted(p.name for p in Path(folder).rglob("*.tmp"))


SLOW_FIX = """
import os, sys, time
from reviewer import processing
real = processing.process_file
pid_file = sys.argv[1]
def slow(path, job, **kwargs):
    open(pid_file, "w").write(str(os.getpid()))
    time.sleep(3)
    return real(path, job, **kwargs)
processing.process_file = slow
sys.argv = ["reviewer", "check", "--fix", "--no-cache", "good.py"]
from reviewer.cli import run
run()
"""
