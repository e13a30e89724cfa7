"""The command line: `reviewer check`, `reviewer rule`, `reviewer rules`, `reviewer server`, `reviewer verify`,
`reviewer trace`."""

from __future__ import annotations

import json
import math
import os
import sys
from typing import Optional, Tuple

import click

from reviewer import __version__, registry
from reviewer.config import EXIT_CLEAN, EXIT_ERROR, OUTPUT_FORMATS


def _fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"reviewer: error: {message}", err=True)
    return click.exceptions.Exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reviewer")
def main() -> None:
    """A code reviewer for PyTorch training scripts: LR schedules, warm-ups, training loops."""


#: what shells expect of a program stopped by Ctrl-C (128 + SIGINT)
EXIT_INTERRUPTED = 130


def run() -> None:
    """The `reviewer` console script: `main` inside the one error boundary, then an exit
    that skips the interpreter's teardown, which would only free memory the process is
    giving back anyway."""
    code = _guarded()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or a full device: what was printed is lost
        code = code or EXIT_ERROR
    os._exit(code)


def _guarded() -> int:
    """Every failure as one line and an exit code; a traceback only under REVIEWER_DEBUG."""
    try:
        code = main(standalone_mode=False)
        return code if isinstance(code, int) else EXIT_CLEAN
    except (click.exceptions.Abort, KeyboardInterrupt):
        _say("Aborted!")
        return EXIT_INTERRUPTED
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the boundary: nothing escapes as a traceback
        if os.environ.get("REVIEWER_DEBUG"):
            import traceback

            traceback.print_exc()
        from reviewer.output import printable

        where = f"{exc.filename}: " if isinstance(exc, OSError) and exc.filename else ""
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
        _say(f"reviewer: error: {printable(where + detail)} (set REVIEWER_DEBUG=1 for a traceback)")
        return EXIT_ERROR


def _say(line: str) -> None:
    try:
        click.echo(line, err=True)
    except (OSError, ValueError):
        pass


def _megabytes(value: float) -> int:
    """--max-file-size in bytes; 0 (or inf) for no limit."""
    if math.isnan(value) or value < 0:
        raise click.BadParameter("must be a size in MB, 0 for no limit", param_hint="--max-file-size")
    return 0 if math.isinf(value) else int(value * 1024 * 1024)


def _torch_version(value: Optional[str]) -> Optional[str]:
    """--torch-version as "MAJOR.MINOR"."""
    if value is None:
        return None
    from reviewer.config import torch_release

    try:
        return "%d.%d" % torch_release(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--torch-version") from None


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--select", multiple=True, help="Rules to enable (codes, prefixes, names or ALL), comma-separated.")
@click.option("--ignore", multiple=True, help="Rules to disable.")
@click.option("--extend-select", multiple=True, help="Rules to enable on top of the selection.")
@click.option("--fix", is_flag=True, help="Apply safe fixes.")
@click.option("--unsafe-fixes/--no-unsafe-fixes", default=None, help="Also apply fixes that change behaviour.")
@click.option("--torch-version", default=None, callback=lambda _c, _p, value: _torch_version(value),
              help="The PyTorch release the code runs on (e.g. 2.4), for version-dependent rules.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing; exit 1 if any.")
@click.option("--fix-only", is_flag=True, help="Apply fixes and report nothing that remains.")
@click.option("--show-fixes", is_flag=True, help="List the fixes that were applied.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them.")
@click.option("--output-format", type=click.Choice(OUTPUT_FORMATS), default=None, help="How to print findings.")
@click.option("--stdin-filename", default=None, help="The name of the file read from stdin (path `-`).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="Where to keep the cache.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="A pyproject.toml to read settings from.")
@click.option("--force-exclude", is_flag=True, help="Apply excludes to files named on the command line too.")
@click.option("--max-file-size", type=float, default=10.0, show_default=True, callback=lambda _c, _p, value: _megabytes(value),
              help="Skip files over this many MB (0: no limit).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, envvar="REVIEWER_JOBS", show_envvar=True,
              help="Worker processes (default: the number of usable cores).")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", help="Colour the output.")
@click.option("--add-noqa", is_flag=True, help="Add `# noqa: CODE` to every line with a finding (with --diff: show them).")
@click.option("--fixable", multiple=True, help="Only these rules' fixes are applied (codes, prefixes, names), comma-separated.")
@click.option("--unfixable", multiple=True, help="These rules' fixes are never applied.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when a fix was applied, even if nothing remains.")
@click.option("--show-settings", is_flag=True, help="Print the settings the first path is checked with, and where each comes from.")
@click.option("--show-files", is_flag=True, help="List the files that would be checked, and check nothing.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), default=None, help="Write the report to this file instead of stdout.")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None, help="Report only findings not in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None, help="Record the current findings in this file.")
@click.option("--trace", is_flag=True,
              help="Run the schedules that schedule findings sit in and add what they do (executes the code).")
def check(paths: Tuple[str, ...], **options) -> None:
    """Lint PATHS (files or folders; default `.`)."""
    from reviewer.checking import run_check

    # --stdin-filename alone means the source comes from stdin, as in Ruff.
    default = ["-"] if options["stdin_filename"] else ["."]
    raise click.exceptions.Exit(run_check(list(paths) or default, options))


@main.command("hook", hidden=True, add_help_option=False,
              context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("arguments", nargs=-1, type=click.UNPROCESSED)
def hook(arguments: Tuple[str, ...]) -> None:
    """`reviewer check` as pre-commit runs it: the hook's options, then file names.

    A file name that begins with `-` (a committed file named `--exit-zero`) would read as
    an option and could turn the hook off: here an argument that names an existing file is
    a file, never an option."""
    files = [argument for argument in arguments if argument.startswith("-") and os.path.lexists(argument)]
    options = [argument for argument in arguments if argument not in files]
    code = check.main([*options, "--", *files] if files else options, prog_name="reviewer check", standalone_mode=False)
    raise click.exceptions.Exit(code if isinstance(code, int) else EXIT_CLEAN)


@main.command("rules")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
def list_rules(output_format: str) -> None:
    """List every rule: code, name, fix, summary."""
    rules = registry.all_rules()
    if output_format == "json":
        click.echo(json.dumps([_rule_json(rule) for rule in rules], indent=2))
        return
    width = max(len(rule.name) for rule in rules)
    for rule in rules:
        fix = rule.fix_applicability.value if rule.fix_applicability else "-"
        click.echo(f"{rule.code}  {rule.name:<{width}}  {fix:<12}  {rule.summary}")


@main.command("rule")
@click.argument("key", required=False)
@click.option("--all", "every", is_flag=True, help="Every rule's documentation.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
def show_rule(key: Optional[str], every: bool, output_format: str) -> None:
    """Print one rule's documentation (by name or code), or every rule's, as Markdown."""
    if every == (key is not None):
        raise click.UsageError("give a rule (name or code) or --all")
    if every:
        rules = list(registry.all_rules())
    else:
        info = registry.find(key) or registry.for_suppression(key)
        if info is None:
            raise _fail(f"unknown rule {key!r} (see `reviewer rules`)")
        rules = [info.load()]
    if output_format == "json":
        documents = [_rule_json(rule) for rule in rules]
        click.echo(json.dumps(documents if every else documents[0], indent=2))
    else:
        click.echo("\n".join(rule.documentation_markdown() for rule in rules), nl=False)


def _rule_json(rule) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "severity": rule.severity.value,
        "fix": rule.fix_applicability.value if rule.fix_applicability else None,
        "aliases": list(rule.aliases),
        "default": rule.default_enabled,
        "documentation": rule.documentation_markdown(),
    }


@main.command()
def server() -> None:
    """Run the language server on stdin and stdout, for editors."""
    try:
        from reviewer.server import main as serve
    except ModuleNotFoundError as exc:
        if exc.name not in ("pygls", "lsprotocol"):
            raise
        raise _fail("`reviewer server` needs pygls: pip install 'reviewer[server]'") from None
    serve()


@main.command()
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True)
@click.option("--steps", type=click.IntRange(min=10), default=2000, show_default=True, help="Steps per trajectory.")
@click.option("--plot", "plot_dir", type=click.Path(file_okay=False), default=None, help="Write one PNG per schedule here.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
def verify(device: str, steps: int, plot_dir: Optional[str], output_format: str) -> None:
    """Run the reference schedules and our fixed fixtures with a real optimizer (needs torch)."""
    from reviewer.reference import verify as harness

    raise click.exceptions.Exit(harness.main(device=device, steps=steps, plot_dir=plot_dir, output_format=output_format))


@main.command()
@click.argument("specs", nargs=-1, required=True, metavar="PATH[::NAME]...")
@click.option("--args", "given", multiple=True, metavar="'NAME(k=v, ...)'",
              help="Arguments for a schedule (before the file's call sites and the signature's defaults).")
@click.option("--steps", type=click.IntRange(min=2), default=None, help="Steps to run (default: the schedule's horizon, else 1000).")
@click.option("--per-epoch", type=click.IntRange(min=1), default=None,
              help="Batches per epoch, for schedules with a per-batch and a per-epoch method.")
@click.option("--compare-fix", is_flag=True, help="Also trace the file as --fix --unsafe-fixes leaves it, side by side.")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="cpu", show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds per schedule.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), default=None, help="Write the curves to this PNG.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", help="Colour the output.")
def trace(specs: Tuple[str, ...], given: Tuple[str, ...], steps: Optional[int], per_epoch: Optional[int],
          compare_fix: bool, device: str, timeout: float, plot_path: Optional[str], output_format: str, color: str) -> None:
    """Run the schedules defined in PATH (or the one NAME) and check their LR curves.

    This imports and executes the files it traces, in a child process with a time and memory
    limit; `reviewer check` never does."""
    from reviewer.trace import command

    raise click.exceptions.Exit(command.main(list(specs), list(given), steps=steps, per_epoch=per_epoch,
                                             compare_fix_option=compare_fix, device=device, timeout=timeout,
                                             plot_path=plot_path, output_format=output_format, color=color))
