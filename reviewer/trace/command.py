"""`reviewer trace`: the command, from its options to an exit code."""

from __future__ import annotations

from typing import Dict, List, Optional

import click

from reviewer.config import EXIT_CLEAN, EXIT_ERROR
from reviewer.output import use_color
from reviewer.trace import report
from reviewer.trace.arguments import ArgsError, parse_args_option
from reviewer.trace.tracing import TORCH_MISSING, Settings, TraceError, compare_fix, exit_code, prepare, run, split_spec, torch_installed


def main(specs: List[str], given: List[str], *, steps: Optional[int], per_epoch: Optional[int], compare_fix_option: bool,
         device: str, timeout: float, plot_path: Optional[str], output_format: str, color: str) -> int:
    try:
        settings = Settings(steps, per_epoch, device, timeout, given=parse_args_option(given))
    except ArgsError as exc:
        raise click.UsageError(str(exc)) from None
    if not torch_installed():
        click.echo(f"reviewer: error: {TORCH_MISSING}", err=True)
        return EXIT_ERROR
    if output_format == "text":
        click.echo(report.notice("reviewer trace"), err=True)
    by_path: Dict[str, List[str]] = {}
    for spec in specs:
        path, name = split_spec(spec)
        by_path.setdefault(path, [])
        if name:
            by_path[path].append(name)
    errors: List[str] = []
    files = []
    for path, names in by_path.items():
        try:
            files.append(prepare(path, names, settings))
        except TraceError as exc:
            errors.append(str(exc))
    outcomes = run(files, settings) if files else []
    if compare_fix_option and outcomes:
        compare_fix(files, outcomes, settings)
    report.echo_errors(errors, output_format)
    if output_format == "json":
        click.echo(report.as_json(outcomes, errors))
    elif outcomes:
        click.echo(report.text(outcomes, use_color(color)))
    if plot_path and outcomes:
        report.plot(outcomes, plot_path)
    code = exit_code(outcomes)
    return EXIT_ERROR if errors and code == EXIT_CLEAN else code
