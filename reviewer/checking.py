"""`reviewer check`: settings, discovery, the run, and what is printed and returned."""

from __future__ import annotations

import os
import sys
from collections import Counter
from typing import Dict, List

import click

from reviewer import registry, source
from reviewer.adoption import Baseline, add_noqa
from reviewer.cache import CACHE_DIR_NAME, disabled_by_environment
from reviewer.config import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, ConfigError, resolve_config, split_selectors
from reviewer.discovery import discover
from reviewer.output import Printer, render, statistics, summary
from reviewer.processing import FileOutcome, Job, process_file
from reviewer.runner import run

PROGRESS_MIN_FILES = 50


def run_check(paths: List[str], options: Dict) -> int:
    err = lambda message: click.echo(message, err=True)  # noqa: E731
    try:
        config = resolve_config(paths, options["config_path"])
        # The command line is a later layer than the file: its selections win.
        from_file = registry.choose(config.select, config.ignore, config.extend_select)
        rules = registry.choose(
            split_selectors(options["select"]) or None,
            split_selectors(options["ignore"]),
            split_selectors(options["extend_select"]),
            base=from_file,
        )
    except (ConfigError, registry.SelectionError) as exc:
        err(f"reviewer: error: {exc}")
        return EXIT_ERROR

    fmt = options["output_format"] or config.output_format or "full"
    unsafe = config.unsafe_fixes if options["unsafe_fixes"] is None else options["unsafe_fixes"]
    fixing = options["fix"] or options["fix_only"]
    mode = "diff" if options["diff"] else "fix" if fixing else "check"
    color = _color(options["color"])
    cache_dir = None
    if not options["no_cache"] and not disabled_by_environment():
        cache_dir = options["cache_dir"] or config.cache_dir or os.path.join(config.root, CACHE_DIR_NAME)
    try:
        timeout = float(os.environ.get("REVIEWER_FILE_TIMEOUT", "120"))
    except ValueError:
        err("reviewer: error: REVIEWER_FILE_TIMEOUT must be a number of seconds")
        return EXIT_ERROR
    job = Job(
        timeout=timeout,
        config=config,
        rules=rules,
        mode=mode,
        unsafe=unsafe,
        cache_dir=cache_dir,
        max_file_size=int(options["max_file_size"] * 1024 * 1024),
    )

    if paths == ["-"]:
        return _stdin(options, job, fmt, color)

    found = discover(paths, config, force_exclude=options["force_exclude"])
    for message in found.warnings:
        err(f"reviewer: warning: {message}")
    if found.errors:
        for message in found.errors:
            err(f"reviewer: error: {message}")
        return EXIT_ERROR
    if not found.files:
        if not options["quiet"] and fmt in ("full", "concise"):
            err("reviewer: warning: no Python files found")
        return _finish([], job, fmt, options, color, config.root, fatal=False, file_errors=0)

    show_progress = fmt in ("full", "concise") and len(found.files) >= PROGRESS_MIN_FILES and _stderr_is_terminal()
    if show_progress:
        with click.progressbar(length=len(found.files), label="Reviewing", file=sys.stderr) as bar:
            outcomes = run(found.files, job, progress=bar.update, workers=options["jobs"])
    else:
        outcomes = run(found.files, job, workers=options["jobs"])

    file_errors = 0
    fatal = False
    for outcome in outcomes:
        fatal = fatal or outcome.fatal
        if outcome.error:
            skipped = "skipped" in outcome.error and "limit" in outcome.error
            err(f"reviewer: {'warning' if skipped else 'error'}: {outcome.error}")
            file_errors += 0 if skipped else 1
    return _finish(outcomes, job, fmt, options, color, config.root, fatal, file_errors)


def _finish(outcomes: List[FileOutcome], job: Job, fmt: str, options: Dict, color: bool, root: str,
            fatal: bool, file_errors: int) -> int:
    findings = sorted((f for o in outcomes for f in o.findings), key=lambda f: f.sort_key())
    applied = [f for o in outcomes for f in o.applied]
    texts = {o.path: o.text for o in outcomes if o.text is not None}
    printer = Printer(color, texts, root)
    machine = fmt in ("json", "sarif", "github")

    if options["add_noqa"]:
        return _add_noqa(outcomes, job, fatal)
    if options["baseline"]:
        try:
            findings = Baseline.read(options["baseline"]).new_findings(findings, texts, root)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            click.echo(f"reviewer: error: {options['baseline']}: cannot read baseline: {exc}", err=True)
            return EXIT_ERROR
    if options["write_baseline"]:
        baseline = Baseline.build(findings, texts, root)
        try:
            baseline.write(options["write_baseline"])
        except OSError as exc:
            click.echo(f"reviewer: error: {options['write_baseline']}: {exc.strerror or exc}", err=True)
            return EXIT_ERROR
        click.echo(f"Wrote {len(baseline)} findings to the baseline {options['write_baseline']}.", err=True)
        return EXIT_ERROR if fatal else EXIT_CLEAN

    if job.mode == "diff":
        diffs = "".join(o.diff for o in outcomes)
        click.echo(diffs, nl=False)
        if not options["quiet"]:
            count = len(applied)
            click.echo(f"Would fix {count} {'finding' if count == 1 else 'findings'}.", err=True)
        return EXIT_ERROR if fatal else (EXIT_FINDINGS if diffs and not options["exit_zero"] else EXIT_CLEAN)

    if options["show_fixes"] and applied and not machine:
        _show_fixes(applied)
    if options["fix_only"]:
        if not options["quiet"]:
            click.echo(f"Fixed {len(applied)} {'finding' if len(applied) == 1 else 'findings'}.", err=True)
        return EXIT_ERROR if fatal else EXIT_CLEAN

    if options["statistics"]:
        click.echo(statistics(findings, "json" if fmt == "json" else "text"), nl=False)
    else:
        rendered = render(findings, fmt, printer)
        if rendered:
            click.echo(rendered, nl=False, color=color)
        if not machine and not options["quiet"]:
            for line in summary(findings, len(applied), job.unsafe, job.mode == "fix"):
                click.echo(line)
    if fatal:
        return EXIT_ERROR
    if (findings or file_errors) and not options["exit_zero"]:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _add_noqa(outcomes: List[FileOutcome], job: Job, fatal: bool) -> int:
    added = 0
    for outcome in outcomes:
        if not outcome.findings or outcome.text is None:
            continue
        text, count = add_noqa(outcome.text, outcome.findings)
        if not count:
            continue
        try:
            original = source.read(outcome.path, max_bytes=0)
            if original.text != outcome.text:
                raise source.SourceError("changed on disk during the run; no noqa added")
            source.write_atomic(outcome.path, original, text)
        except source.SourceError as exc:
            click.echo(f"reviewer: error: {outcome.path}: {exc}", err=True)
            fatal = True
            continue
        added += count
    click.echo(f"Added {added} noqa {'directive' if added == 1 else 'directives'}.", err=True)
    return EXIT_ERROR if fatal else EXIT_CLEAN


def _show_fixes(applied) -> None:
    by_file: Dict[str, Counter] = {}
    for finding in applied:
        by_file.setdefault(finding.path, Counter())[(finding.code, finding.name)] += 1
    click.echo(f"Fixed {len(applied)} {'finding' if len(applied) == 1 else 'findings'}:")
    for path in sorted(by_file):
        click.echo(f"- {path}:")
        for (code, name), count in sorted(by_file[path].items()):
            click.echo(f"    {count} × {code} ({name})")


def _stdin(options: Dict, job: Job, fmt: str, color: bool) -> int:
    name = options["stdin_filename"] or "-"
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    raw = stream.read()
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    try:
        text = source.decode(raw).text
    except source.SourceError as exc:
        click.echo(f"reviewer: error: {name}: {exc}", err=True)
        return EXIT_ERROR
    outcome = process_file(name, job, text=text)
    if job.mode == "fix":
        # The fixed source goes to stdout, as formatters do; findings go to stderr.
        sys.stdout.write(outcome.fixed_text if outcome.fixed_text is not None else text)
        sys.stdout.flush()
        printer = Printer(False, {name: outcome.text or text}, os.getcwd())
        remaining = render(outcome.findings, fmt, printer)
        if remaining and not options["fix_only"]:
            click.echo(remaining, err=True, nl=False)
        if outcome.fatal:
            return EXIT_ERROR
        return EXIT_FINDINGS if outcome.findings and not options["exit_zero"] and not options["fix_only"] else EXIT_CLEAN
    return _finish([outcome], job, fmt, options, color, os.getcwd(), outcome.fatal, 1 if outcome.error else 0)


def _color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
