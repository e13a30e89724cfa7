"""`reviewer check`: settings, discovery, the run, and what is printed and returned."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections import Counter
from typing import Dict, FrozenSet, List

import click

from reviewer import notebook, registry, source, writer
from reviewer.adoption import Baseline, add_noqa
from reviewer.cache import CACHE_DIR_NAME, disabled_by_environment, unusable_folder
from reviewer.config import (
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, SETTINGS, ConfigError, Settings, repository_root, split_selectors,
)
from reviewer.discovery import discover, force_excluded
from reviewer.output import Printer, notebook_diff, printable, render, statistics, summary, unified_diff, use_color
from reviewer.processing import FileOutcome, Job, process_file, rules_for
from reviewer.runner import run

PROGRESS_MIN_FILES = 50


def err(line: str) -> None:
    """One line on stderr, with control characters escaped: paths and messages quote the
    user's file names and code, which must not drive the terminal or a CI log."""
    click.echo(printable(line), err=True)


def run_check(paths: List[str], options: Dict) -> int:
    """`reviewer check`; with --output-file, what it prints on stdout goes to that file."""
    if not options["output_file"]:
        return _check(paths, options)
    report = io.StringIO()
    with contextlib.redirect_stdout(report):
        code = _check(paths, options)
    try:
        writer.create_file(options["output_file"], report.getvalue().encode("utf-8", "surrogateescape"), os.getcwd())
    except source.SourceError as exc:
        err(f"reviewer: error: {options['output_file']}: {exc}")
        return EXIT_ERROR
    return code


def _check(paths: List[str], options: Dict) -> int:
    selection = (split_selectors(options["select"]) or None, split_selectors(options["ignore"]),
                 split_selectors(options["extend_select"]))
    try:
        fixable = _codes(options["fixable"]) if options["fixable"] else None
        unfixable = _codes(options["unfixable"]) or frozenset()
        settings = Settings(options["config_path"])
        config = settings.for_run(paths)
        # The command line is a later layer than the file: its selections win.
        from_file = registry.choose(config.select, config.ignore, config.extend_select)
        rules = registry.choose(*selection, base=from_file)
    except (ConfigError, registry.SelectionError) as exc:
        err(f"reviewer: error: {exc}")
        return EXIT_ERROR

    fmt = options["output_format"] or config.output_format or "full"
    fixing = options["fix"] or options["fix_only"]
    # --add-noqa never fixes: with --diff it shows the comments it would add.
    mode = "check" if options["add_noqa"] and not fixing else "diff" if options["diff"] else "fix" if fixing else "check"
    color = use_color(options["color"])
    cache_dir = None
    if not options["no_cache"] and not disabled_by_environment():
        chosen = options["cache_dir"] or config.cache_dir
        cache_dir = chosen or os.path.join(config.root, CACHE_DIR_NAME)
        problem = unusable_folder(cache_dir, config.root)
        if problem and chosen:
            err(f"reviewer: error: cache folder {cache_dir}: {problem}; choose a new or empty folder")
            return EXIT_ERROR
        if problem:  # the default folder, as the repository ships it
            err(f"reviewer: warning: {cache_dir}: {problem}; running without the cache")
            cache_dir = None
    try:
        timeout = float(os.environ.get("REVIEWER_FILE_TIMEOUT", "120"))
        if not timeout >= 0:  # NaN too
            raise ValueError
    except ValueError:
        err("reviewer: error: REVIEWER_FILE_TIMEOUT must be a number of seconds (0 for no limit)")
        return EXIT_ERROR
    job = Job(
        timeout=timeout,
        config=config,
        rules=rules,
        settings=settings,
        selection=selection,
        mode=mode,
        unsafe_option=options["unsafe_fixes"],
        torch_version_option=options["torch_version"],
        fixable=fixable,
        unfixable=unfixable,
        cache_dir=cache_dir,
        max_file_size=options["max_file_size"],
    )

    if paths == ["-"]:
        return _stdin(options, job, fmt, color)

    if options["show_settings"]:
        return _show_settings(next((p for p in paths if p != "-"), "."), job, options)
    try:
        found = discover(paths, settings, force_exclude=options["force_exclude"])
        for path in found.files:  # here, once: a bad setting stops the run before it starts
            rules_for(path, job)
    except (ConfigError, registry.SelectionError) as exc:
        err(f"reviewer: error: {exc}")
        return EXIT_ERROR
    if len(paths) == 1 and not options["force_exclude"] and os.path.isdir(paths[0]):
        job.walked = (os.path.realpath(paths[0]), tuple(sorted(found.real)))
    for message in found.warnings:
        err(f"reviewer: warning: {message}")
    if found.errors:
        for message in found.errors:
            err(f"reviewer: error: {message}")
        return EXIT_ERROR
    if options["show_files"]:
        for path in sorted(found.files):
            click.echo(printable(path))
        return EXIT_CLEAN
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
            err(f"reviewer: {'warning' if outcome.skipped else 'error'}: {outcome.error}")
            file_errors += 0 if outcome.skipped else 1
    return _finish(outcomes, job, fmt, options, color, config.root, fatal, file_errors)


def _finish(outcomes: List[FileOutcome], job: Job, fmt: str, options: Dict, color: bool, root: str,
            fatal: bool, file_errors: int) -> int:
    findings = job.allowed(sorted((f for o in outcomes for f in o.findings), key=lambda f: f.sort_key()))
    applied = [f for o in outcomes for f in o.applied]
    texts = {o.path: o.text for o in outcomes if o.text is not None}
    # Paths in SARIF, GitHub annotations and baselines are relative to the repository (to a
    # file's project outside one): none depends on the folder the run starts from.
    printer = Printer(color, texts, repository_root(root, root))
    roots: Dict[str, str] = {}

    def root_of(path: str) -> str:
        project = job.config_for(path).root
        if project not in roots:
            roots[project] = repository_root(project, project)
        return roots[project]

    machine = fmt in ("json", "sarif", "github")

    if options["add_noqa"]:
        return _add_noqa(outcomes, job, fatal, preview=options["diff"])
    if options["baseline"]:
        try:
            findings = Baseline.read(options["baseline"]).new_findings(findings, texts, root_of)
        except (OSError, ValueError) as exc:
            err(f"reviewer: error: {options['baseline']}: cannot read baseline: {getattr(exc, 'strerror', None) or exc}")
            return EXIT_ERROR
    if options["write_baseline"]:
        baseline = Baseline.build(findings, texts, root_of)
        try:
            baseline.write(options["write_baseline"], root)
        except source.SourceError as exc:
            err(f"reviewer: error: {options['write_baseline']}: {exc}")
            return EXIT_ERROR
        err(f"Wrote {len(baseline)} findings to the baseline {options['write_baseline']}.")
        return EXIT_ERROR if fatal else EXIT_CLEAN

    if options.get("trace") and job.mode != "diff":
        from reviewer.trace.evidence import add_evidence
        from reviewer.trace.report import notice

        err(notice("reviewer check --trace"))
        for warning in add_evidence(findings):
            err(f"reviewer: warning: {warning}")

    if job.mode == "diff":
        diffs = "".join(o.diff for o in outcomes)
        click.echo(diffs, nl=False)
        if not options["quiet"]:
            count = len(applied)
            err(f"Would fix {count} {'finding' if count == 1 else 'findings'}.")
        return EXIT_ERROR if fatal else (EXIT_FINDINGS if diffs and not options["exit_zero"] else EXIT_CLEAN)

    if options["show_fixes"] and applied and not machine:
        _show_fixes(applied)
    fixed_something = bool(applied) and options["exit_non_zero_on_fix"]
    if options["fix_only"]:
        if not options["quiet"]:
            err(f"Fixed {len(applied)} {'finding' if len(applied) == 1 else 'findings'}.")
        return EXIT_ERROR if fatal else EXIT_FINDINGS if fixed_something else EXIT_CLEAN

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
    if (findings or file_errors) and not options["exit_zero"] or fixed_something:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _add_noqa(outcomes: List[FileOutcome], job: Job, fatal: bool, preview: bool) -> int:
    """Add the comments, or with `preview` print them as a patch (exit 1 if there is one)."""
    added = 0
    for outcome in outcomes:
        if not outcome.findings or outcome.text is None:
            continue
        text, count = add_noqa(outcome.text, outcome.findings)
        if not count:
            continue
        try:
            original = source.read(outcome.path, max_bytes=0)
            # a notebook's findings and text are its virtual source: the comments go back into the cells
            book = notebook.Notebook(original.text) if notebook.is_notebook(outcome.path) else None
            if (original.text if book is None else book.text) != outcome.text:
                raise source.SourceError("changed on disk during the run; no noqa added")
            if preview:
                click.echo(unified_diff(outcome.path, outcome.text, text) if book is None
                           else notebook_diff(outcome.path, book, text), nl=False)
            else:
                data = text if book is None else book.rebuild(text)
                writer.replace_file(outcome.path, original.raw, source.encode_change(original, data),
                                    job.config_for(outcome.path).root)
        except source.SourceError as exc:
            err(f"reviewer: error: {outcome.path}: {exc}")
            fatal = True
            continue
        added += count
    noun = "directive" if added == 1 else "directives"
    err(f"Would add {added} noqa {noun}." if preview else f"Added {added} noqa {noun}.")
    return EXIT_ERROR if fatal else EXIT_FINDINGS if preview and added else EXIT_CLEAN


def _show_settings(path: str, job: Job, options: Dict) -> int:
    """The settings `path` is checked with, each with where it comes from."""
    config = job.settings.for_run([path])
    origin = os.path.relpath(config.path) if config.path else "default"
    command_line = {"select": split_selectors(options["select"]) or None, "ignore": split_selectors(options["ignore"]) or None,
                    "extend-select": split_selectors(options["extend_select"]) or None,
                    "unsafe-fixes": options["unsafe_fixes"], "torch-version": options["torch_version"],
                    "output-format": options["output_format"],
                    "cache-dir": options["cache_dir"]}
    click.echo(printable(f"Settings for {path}: {origin}, project root {os.path.relpath(config.root)}"))
    for key in SETTINGS:
        if command_line.get(key) is not None:
            value, where = command_line[key], "command line"
        else:
            value, where = getattr(config, key.replace("-", "_")), origin if key in config.keys_set else "default"
        click.echo(printable(f"  {key} = {json.dumps(value)}  ({where})"))
    rules = rules_for(path, job)
    click.echo(f"  rules ({len(rules)}): {', '.join(rule.code for rule in rules)}")
    return EXIT_CLEAN


def _codes(values) -> FrozenSet[str]:
    """The rule codes `--fixable A,B --fixable C` names."""
    return frozenset(rule.code for selector in split_selectors(values) for rule in registry.expand(selector))


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
        given = source.decode(raw)
    except source.SourceError as exc:
        err(f"reviewer: error: {name}: {exc}")
        return EXIT_ERROR
    rewriting = job.mode == "fix" or options["add_noqa"]
    if options["force_exclude"] and options["stdin_filename"] and force_excluded(name, job.settings):
        if rewriting:
            _emit(raw)  # as formatters do: an excluded file passes through unchanged
        return EXIT_CLEAN
    if options["add_noqa"] and notebook.is_notebook(name):
        err(f"reviewer: error: {name}: --add-noqa does not read notebooks from stdin; name the file instead")
        return EXIT_ERROR
    outcome = process_file(name, job, given=given)
    if options["add_noqa"]:
        # The source comes from stdin: the result goes to stdout, never to a file on disk.
        text, added = add_noqa(given.text, outcome.findings)
        _emit(source.encode_change(given, text) if added else raw)
        err(f"Added {added} noqa {'directive' if added == 1 else 'directives'}.")
        return EXIT_ERROR if outcome.fatal else EXIT_CLEAN
    if job.mode == "fix":
        # The fixed source goes to stdout, in the input's encoding, as formatters do;
        # findings go to stderr.
        _emit(source.encode_change(given, outcome.fixed_text) if outcome.fixed_text is not None else raw)
        printer = Printer(False, {name: outcome.text or given.text}, os.getcwd())
        remaining = render(outcome.findings, fmt, printer)
        if remaining and not options["fix_only"]:
            click.echo(remaining, err=True, nl=False)
        if outcome.fatal:
            return EXIT_ERROR
        return EXIT_FINDINGS if outcome.findings and not options["exit_zero"] and not options["fix_only"] else EXIT_CLEAN
    return _finish([outcome], job, fmt, options, color, os.getcwd(), outcome.fatal, 1 if outcome.error else 0)


def _emit(data: bytes) -> None:
    sys.stdout.flush()
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(data.decode("utf-8", "surrogateescape"))
    else:
        out.write(data)
        out.flush()


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
