"""`reviewer verify`: run the reference schedulers (and the autofixed fixtures) and prove them right.

Checks, for every reference schedule:

1. the trajectory against the closed-form oracle (float64, max relative error <= 1e-12);
2. against PyTorch's own schedulers where the schedules coincide (<= 1e-9);
3. resume: stop at step k, save optimizer and scheduler state (through `torch.save`), rebuild,
   load, continue: identical to the uninterrupted run;
4. a real training run on the chosen device (optimizer stepped before the scheduler): every
   step's LR equals the oracle and the loss decreases;
5. tensor LRs with a `torch.compile`d `optimizer.step`: no recompilation while the LR changes
   (skipped with the reason where the compiler is unavailable on CPU), with a control run that
   shows the counter sees the recompilation a float LR causes;
6. the fixtures that declare a runnable schedule (`reviewer.reference.fixture_runs`): the fixed
   code follows the reference, the original does not.

`main()` is what the `reviewer verify` command calls; torch is imported only inside it.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import IO, Any, Dict, List, Optional

TORCH_MISSING = "reviewer verify needs PyTorch: pip install 'reviewer[torch]'"
DEVICES = ("auto", "cpu", "cuda")
FORMATS = ("text", "json")


def main(
    device: str = "auto",
    steps: int = 2000,
    plot_dir: Optional[str] = None,
    output_format: str = "text",
    out: Optional[IO[str]] = None,
    *,
    fixtures_dir: Optional[str] = None,
    compile_backend: str = "inductor",
    checks: Optional[List[int]] = None,
) -> int:
    """Run the checks; exit code 0 when all pass, 1 on any failure, 2 when torch is missing.

    `fixtures_dir` (default: the repository's `fixtures/`), `compile_backend` and `checks` (a
    subset of 1-6) are for tests and debugging. `out` defaults to the `sys.stdout` of the call
    (not of the import), so that click's CliRunner and pytest's capsys capture it.
    """
    if out is None:
        out = sys.stdout
    if device not in DEVICES:
        raise ValueError(f"device must be one of {', '.join(DEVICES)}, got {device!r}")
    if output_format not in FORMATS:
        raise ValueError(f"output_format must be one of {', '.join(FORMATS)}, got {output_format!r}")
    if steps < 1:
        raise ValueError(f"steps must be positive, got {steps}")
    try:
        import torch
    except ImportError:
        if output_format == "json":
            out.write(json.dumps({"error": TORCH_MISSING}) + "\n")
        else:
            out.write(TORCH_MISSING + "\n")
        return 2

    from reviewer.reference import checks as c
    from reviewer.reference.fixture_runs import check_fixtures

    started = time.perf_counter()
    selected = set(checks or range(1, 7))
    if device == "auto":
        chosen = "cuda" if torch.cuda.is_available() else "cpu"
        why = "auto: CUDA available" if chosen == "cuda" else "auto: no CUDA device"
    else:
        chosen, why = device, "requested"
    results: List[c.Result] = []
    if chosen == "cuda" and not torch.cuda.is_available():
        results.append(c.Result("device", "-", "cuda", 0, None, 0.0, "fail",
                                "--device cuda was requested but torch.cuda.is_available() is false"))
        return _finish(results, chosen, "unavailable", why, steps, started, plot_dir, output_format, out, torch)
    name = torch.cuda.get_device_name(0) if chosen == "cuda" else _cpu_name()
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny tensors: threads only add contention (10x slower on a busy machine)
    try:
        _run_checks(c, check_fixtures, selected, steps, chosen, compile_backend, fixtures_dir, results)
    finally:
        torch.set_num_threads(threads)
    return _finish(results, chosen, name, why, steps, started, plot_dir, output_format, out, torch)


def _run_checks(c, check_fixtures, selected, steps, chosen, compile_backend, fixtures_dir, results) -> None:
    if 1 in selected:
        results += c.check_oracle(steps)
    if 2 in selected:
        results += c.check_torch(steps)
    if 3 in selected:
        results += c.check_resume(steps)
    if 4 in selected:
        results += c.check_training(steps, chosen)
    if 5 in selected:
        results += c.check_compile(steps, chosen, compile_backend)
    if 6 in selected:
        results += check_fixtures(Path(fixtures_dir) if fixtures_dir else None)


def _cpu_name() -> str:
    import os
    import platform

    return f"{platform.processor() or platform.machine() or 'cpu'}, {os.cpu_count()} cores"


def _finish(results, device, name, why, steps, started, plot_dir, output_format, out, torch) -> int:
    plots = write_plots(results, plot_dir) if plot_dir else None
    seconds = time.perf_counter() - started
    failed = [r for r in results if r.status == "fail"]
    if output_format == "json":
        document: Dict[str, Any] = {
            "device": device, "device_name": name, "device_choice": why, "torch": torch.__version__,
            "steps": steps, "seconds": round(seconds, 3), "passed": not failed,
            "results": [r.as_dict() for r in results],
        }
        if plots is not None:
            document["plots"] = plots
        out.write(json.dumps(document, indent=2) + "\n")
    else:
        out.write(render_text(results, device, name, why, steps, seconds, torch.__version__, plots))
    return 1 if failed else 0


def _error(value: Optional[float]) -> str:
    if value is None:
        return "-"
    return "0" if value == 0 else f"{value:.2e}"


def render_text(results, device, name, why, steps, seconds, version, plots) -> str:
    lines = [f"reviewer verify: device {device} ({name}; {why}), torch {version}, {steps} steps", ""]
    header = ("check", "schedule", "device", "steps", "max error", "time", "result")
    rows = [header] + [
        (r.check, r.schedule, r.device, str(r.steps), _error(r.max_error), f"{r.seconds:.2f}s", r.status.upper())
        for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    notes = [r for r in results if r.detail and r.status != "pass"]
    if notes:
        lines.append("")
        lines += [f"{r.status.upper()} {r.check} {r.schedule}: {r.detail}" for r in notes]
    if plots is not None:
        lines.append("")
        lines.append(plots["message"])
    counts = {status: sum(r.status == status for r in results) for status in ("pass", "fail", "skip")}
    lines.append("")
    lines.append(f"{counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped in {seconds:.1f}s")
    return "\n".join(lines) + "\n"


def write_plots(results, plot_dir: str) -> Dict[str, Any]:
    """One PNG per schedule (the reference with its oracle or PyTorch twin; a fixture's original, fixed, reference)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return {"files": [], "message": "plots skipped: matplotlib is not installed (pip install 'reviewer[plot]')"}
    folder = Path(plot_dir)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for result in results:
        series = {k: v for k, v in result.series.items() if v and k != "loss"}
        if not series or result.check.startswith("3"):
            continue
        figure, axes = plt.subplots(figsize=(7, 4))
        # The reference wide and pale underneath, so that a curve that follows it shows on top of it.
        styles = {"reference": ("-", 4.0, 0.35), "original": (":", 1.6, 1.0)}
        for label, values in series.items():
            style, width, alpha = styles.get(label, ("--", 1.4, 1.0))
            axes.plot(range(len(values)), values, style, label=label, linewidth=width, alpha=alpha)
        axes.set_title(f"{result.check}: {result.schedule}", fontsize=9)
        axes.set_xlabel("optimizer step")
        axes.set_ylabel("learning rate (group 0)")
        axes.legend()
        figure.tight_layout()
        stem = "".join(ch if ch.isalnum() else "-" for ch in f"{result.check}-{result.schedule}").strip("-")
        path = folder / f"{stem[:120]}.png"
        figure.savefig(path, dpi=90)
        plt.close(figure)
        files.append(str(path))
    return {"files": files, "message": f"plots: wrote {len(files)} PNG file(s) to {folder}"}
