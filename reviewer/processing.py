"""One file: read, lint (through the cache), fix to a fixpoint, write; in whatever process
the file is given to (a worker of reviewer.workers, or the main one for stdin)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from contextlib import nullcontext
from functools import partial
from typing import Any, Callable, ContextManager, Dict, FrozenSet, List, Optional, Sequence, Tuple

from reviewer import notebook, registry, source, suppression
from reviewer.cache import Cache
from reviewer.config import Config, Settings, torch_release
from reviewer.discovery import discover, per_file_ignores
from reviewer.findings import Finding, internal_error, io_error
from reviewer.output import notebook_diff, unified_diff
from reviewer.project import Project
from reviewer.registry import RuleInfo

# The engine, the fixer and the rules import libcst: they are imported where a file needs
# them, so that runs answered from the cache or by the triggers alone never load it.


@dataclass
class Job:
    #: the run's own configuration (of the first path, or --config), and its rules
    config: Config
    rules: List[RuleInfo]
    #: each file's own configuration (None: `config` for every file)
    settings: Optional[Settings] = None
    #: the command line's --select, --ignore and --extend-select, laid over each file's settings
    selection: Tuple[Optional[List[str]], List[str], List[str]] = (None, [], [])
    #: "check", "fix" (write), "diff" (print, write nothing)
    mode: str = "check"
    #: --unsafe-fixes/--no-unsafe-fixes, else each file's `unsafe-fixes` setting
    unsafe_option: Optional[bool] = None
    #: --torch-version, else each file's `torch-version` setting
    torch_version_option: Optional[str] = None
    cache_dir: Optional[str] = None
    max_file_size: int = source.MAX_FILE_BYTES
    #: seconds one file may take before it becomes an internal-error finding (0: no limit)
    timeout: float = 120.0
    #: --fixable (None: every rule) and --unfixable, as rule codes
    fixable: Optional[FrozenSet[str]] = None
    unfixable: FrozenSet[str] = frozenset()
    #: the run's own walk, when it walked a whole project (its real root, its files' real
    #: paths): that project's files, without walking it again in each process
    walked: Optional[Tuple[str, Tuple[str, ...]]] = None
    _rules: Dict[Optional[str], List[RuleInfo]] = field(default_factory=dict, repr=False)
    _projects: Dict[str, Optional[Project]] = field(default_factory=dict, repr=False)

    def project(self, path: str) -> Optional[Project]:
        """The files of the project of `path` (its configuration's root, as discovery finds
        them), made on first use in each process: for the calls other files make of its
        functions. The file's own root, not the run's, so that a file checked alone gets the
        answer of a whole run. None where the root is no project's (no pyproject.toml, no
        .git: the current folder, which may be a home folder)."""
        config = self.config_for(path)
        if config.root not in self._projects:
            real = config.path is not None or os.path.exists(os.path.join(config.root, ".git"))
            # A partial, not a lambda: where workers are spawned (macOS, Windows) the job is pickled.
            walked = self.walked if self.walked is not None and self.walked[0] == os.path.realpath(config.root) else None
            files = partial(list, walked[1]) if walked is not None else partial(_files_under, config.root, self.settings)
            self._projects[config.root] = Project(config.root, files) if real and self.settings is not None else None
        return self._projects[config.root]

    def project_state(self, path: str) -> Optional[str]:
        project = self.project(path)
        return project.state if project is not None else None

    @property
    def restricts_fixes(self) -> bool:
        return self.fixable is not None or bool(self.unfixable)

    def allowed(self, findings: List[Finding]) -> List[Finding]:
        """`findings` without the fixes of rules --fixable leaves out or --unfixable names."""
        if not self.restricts_fixes:
            return findings
        return [f if f.fix is None or (f.code not in self.unfixable and (self.fixable is None or f.code in self.fixable))
                else replace(f, fix=None) for f in findings]

    def config_for(self, path: str) -> Config:
        return self.settings.for_path(path) if self.settings is not None else self.config

    def unsafe_for(self, path: str) -> bool:
        return self.unsafe_option if self.unsafe_option is not None else self.config_for(path).unsafe_fixes

    def torch_release_for(self, path: str) -> Optional[Tuple[int, int]]:
        if self.torch_version_option is not None:
            return torch_release(self.torch_version_option)
        return self.config_for(path).torch_release

    @property
    def unsafe(self) -> bool:
        return self.unsafe_option if self.unsafe_option is not None else self.config.unsafe_fixes

    def rules_of(self, config: Config) -> List[RuleInfo]:
        """The rules for files under `config`: its selection, then the command line's."""
        if config is self.config:
            return self.rules
        if config.path not in self._rules:
            select, ignore, extend_select = self.selection
            base = registry.choose(config.select, config.ignore, config.extend_select)
            self._rules[config.path] = registry.choose(select, ignore, extend_select, base=base)
        return self._rules[config.path]


@dataclass
class FileOutcome:
    path: str
    findings: List[Finding] = field(default_factory=list)
    #: a one-line problem with the file itself (unreadable, not UTF-8, too large...)
    error: Optional[str] = None
    #: the error is a file left out on purpose (over the size limit): a warning
    skipped: bool = False
    applied: List[Finding] = field(default_factory=list)
    diff: str = ""
    fixed_text: Optional[str] = None
    #: the file's final text, kept only when there are findings to show with source lines
    text: Optional[str] = None
    #: something went wrong that must make the run exit 2 (a crashed rule, a broken fix)
    fatal: bool = False
    parsed: bool = False
    #: the stat the file was read with, for the cache's index (None: not read from disk)
    signature: Optional[source.Signature] = None
    #: whether its findings read other files of the project, and the project's state
    #: (`Project.state`) they hold under (None: unknown, they must not be cached)
    reads_project: bool = False
    project_state: Optional[str] = None


def _files_under(root: str, settings: Settings) -> List[str]:
    return list(discover([root], settings).real)


def rules_for(path: str, job: Job) -> List[RuleInfo]:
    config = job.config_for(path)
    rules = job.rules_of(config)
    ignored = per_file_ignores(path, config)
    if not ignored:
        return rules
    dropped = {rule for selector in ignored for rule in registry.expand(selector)}
    return [rule for rule in rules if rule not in dropped]


class FileLinter:
    """Lints one text with the file's rule set (for the PyTorch release it runs on, when
    known), through the cache when there is one."""

    def __init__(self, path: str, rules: Sequence[RuleInfo], cache: Optional[Cache],
                 torch_release: Optional[Tuple[int, int]] = None,
                 parser: Optional[Callable[[str], Any]] = None, project: Optional[Project] = None,
                 caches_project_facts: bool = True) -> None:
        self.path = path
        self.parser = parser
        self.rules = rules
        self.cache = cache
        self.torch_release = torch_release
        self.project = project
        #: whether findings that read other files may be cached: not while fixes are written,
        #: which change the files they read (the state taken before may no longer be theirs)
        self.caches_project_facts = caches_project_facts
        self.parsed = False
        self.crashed: List[str] = []
        #: whether the last findings read other files of the project, and the project's state
        #: they hold under (None where it may have changed since: they must not be cached)
        self.reads_project = False
        self.project_state: Optional[str] = None

    def __call__(self, text: str, module=None) -> List[Finding]:
        key = None
        self.reads_project, self.project_state = False, None
        if self.cache is not None:
            key, cached, state = self.cache.lookup(self.rules, text, self.path, self.torch_release,
                                                   lambda: self.project.state if self.project is not None else None)
            if cached is not None:
                self.reads_project, self.project_state = state is not None, state
                return cached
        if module is None and not suppression.names_reviewer(text) and not any(
            info.visits and info.triggered_by(text) for info in self.rules
        ):
            # No rule can fire and no directive names one: only blanket suppressions are
            # left to check, without libcst. (A directive that may be unused needs the
            # parse: an unparsable file reports its syntax error, not a stale comment.)
            selected = {info.code for info in self.rules}
            findings = suppression.finish(self.path, text, source.LineIndex(text), [], selected)
        else:
            from reviewer.engine import lint_text

            result = lint_text(self.path, text, [info.load() for info in self.rules], module=module,
                               torch_release=self.torch_release, parser=self.parser, project=self.project)
            self.parsed = self.parsed or result.parsed
            self.crashed.extend(result.crashed)
            findings = result.findings
            real = os.path.realpath(self.path)
            if self.project is not None and real in self.project.consulted:
                self.project.consulted.discard(real)
                self.reads_project = True
                if not self.caches_project_facts:
                    return findings
                self.project_state = self.project.state
        if key is not None and not self.crashed:
            self.cache.put(key, findings, self.project_state)
        return findings


def process_file(path: str, job: Job, given: Optional[source.SourceFile] = None,
                 writing: Callable[[], ContextManager] = nullcontext) -> FileOutcome:
    """Lint (and fix) one file; `given`: lint that source (stdin) and write nothing.

    The write happens inside `writing()`: a worker uses it to tell its parent and to defer
    termination until the file is whole."""
    outcome = FileOutcome(path)
    try:
        original = given if given is not None else source.read(path, max_bytes=job.max_file_size)
    except source.Skipped as exc:
        outcome.error = f"{path}: {exc}"
        outcome.skipped = True
        return outcome
    except source.SourceError as exc:
        # The file's own problem: a finding, shown in every output format.
        outcome.findings = [io_error(path, str(exc))]
        return outcome
    outcome.signature = original.signature
    try:
        book = notebook.Notebook(original.text) if notebook.is_notebook(path) else None
    except source.SourceError as exc:
        outcome.findings = [io_error(path, str(exc))]
        return outcome
    cache = Cache(job.cache_dir) if job.cache_dir else None
    linter = FileLinter(path, rules_for(path, job), cache, job.torch_release_for(path), project=job.project(path),
                        caches_project_facts=job.mode == "check" and given is None)
    final = original.text if book is None else book.text
    try:
        final = _run(outcome, original, book, linter, job, writing if given is None else None)
    except RecursionError:
        outcome.findings = [internal_error(path, "the file is nested too deeply to analyse (RecursionError)")]
        outcome.fatal = True
    except Exception as exc:  # noqa: BLE001 - an engine bug must not stop the other files
        outcome.findings = [internal_error(path, f"reviewer failed on this file: {type(exc).__name__}: {exc}")]
        outcome.fatal = True
    outcome.parsed = linter.parsed
    outcome.reads_project, outcome.project_state = linter.reads_project, linter.project_state
    if outcome.findings:
        outcome.text = final
        if book is not None:
            outcome.findings = _in_cells(outcome.findings, final)
    if linter.crashed:
        outcome.fatal = True
    return outcome


def settled(findings: List[Finding], job: Job) -> bool:
    """Whether cached findings are the whole answer: nothing for this run to fix."""
    return job.mode == "check" or not any(f.fix for f in job.allowed(findings))


def _run(outcome: FileOutcome, original: source.SourceFile, book: Optional[notebook.Notebook], linter: FileLinter,
         job: Job, writing: Optional[Callable[[], ContextManager]]) -> str:
    """Lint and fix; returns the final text linted (a notebook's: its virtual source)."""
    text = original.text if book is None else book.text
    findings = linter(text)
    if settled(findings, job):
        outcome.findings = findings
        return text
    from reviewer.fixer import fix_to_fixpoint

    fixed = fix_to_fixpoint(text, lambda text, module=None: job.allowed(linter(text, module)),
                            job.unsafe_for(outcome.path), job.allowed(findings))
    outcome.findings = fixed.remaining
    if fixed.error:
        outcome.error = f"{outcome.path}: {fixed.error}"
        outcome.fatal = outcome.fatal or fixed.broken
    if fixed.text == text:
        return text
    try:
        # A notebook's fixed text is its JSON, with the fixed cells (stdin --fix prints it).
        outcome.fixed_text = fixed.text if book is None else book.rebuild(fixed.text)
        if job.mode == "diff":
            outcome.diff = (unified_diff(outcome.path, text, fixed.text) if book is None
                            else notebook_diff(outcome.path, book, fixed.text))
    except source.SourceError as exc:  # the fixes cannot go back into the cells
        outcome.error = f"{outcome.path}: {exc}"
        outcome.fatal = True
        outcome.findings = findings
        outcome.fixed_text = None
        return text
    outcome.applied = fixed.applied
    if job.mode != "diff" and writing is not None:
        with writing():
            problem = _write(outcome.path, original, outcome.fixed_text, job)
        if problem:  # not written: the original findings stand, nothing was fixed
            outcome.error = f"{outcome.path}: {problem}"
            outcome.fatal = True
            outcome.findings = findings
            outcome.applied = []
            outcome.fixed_text = None
            return text
    return fixed.text


def _in_cells(findings: List[Finding], text: str) -> List[Finding]:
    """A notebook's findings with the cell of their line (lines stay those of `text`)."""
    rows = notebook.cell_rows(text)
    return [replace(f, cell=rows[f.line - 1][0] or None) if f.line <= len(rows) else f for f in findings]


def _write(path: str, original: source.SourceFile, text: str, job: Job) -> Optional[str]:
    from reviewer import writer

    try:
        writer.replace_file(path, original.raw, source.encode_change(original, text), job.config_for(path).root)
    except UnicodeEncodeError as exc:
        return f"the fixed text cannot be written in {original.encoding} ({exc.reason}); not fixed"
    except source.SourceError as exc:
        return str(exc)
    return None
