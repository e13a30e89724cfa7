"""What a rule is: data (code, name, docs, trigger, fix applicability) plus a batchable visitor."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, ClassVar, Dict, Optional, Sequence, Tuple, Type, Union

import libcst as cst

from reviewer.findings import Applicability, Severity
from reviewer.triggers import Check, Trigger, triggered

if TYPE_CHECKING:
    from reviewer.context import FileContext


NewNode = Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel]


@dataclass(frozen=True)
class Replacement:
    """Replace `old` (by identity, in the parsed module) with `new`."""

    old: cst.CSTNode
    new: NewNode


@dataclass
class Fix:
    """A rule's proposed fix, as node replacements; the engine turns it into text edits."""

    applicability: Applicability
    message: str
    replacements: Sequence[Replacement]


@dataclass
class Report:
    """A finding as a rule raises it, before positions are resolved."""

    rule: "Type[Rule]"
    node: cst.CSTNode
    message: str
    severity: Severity
    fix: Optional[Fix] = None


class RuleError(Exception):
    """A rule's visitor raised; carries the rule so the engine can name it."""

    def __init__(self, rule: "Type[Rule]", exc: BaseException):
        super().__init__(f"{rule.name}: {type(exc).__name__}: {exc}")
        self.rule = rule
        self.exc = exc


class Rule(cst.BatchableCSTVisitor):
    """Base class of every rule.

    Subclasses set the class attributes below and define libcst `visit_*` / `leave_*`
    methods; they call `self.report(...)` for each finding. One instance lives for one file.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    #: Markdown: what it finds, why it matters, a wrong and a right example, fix safety.
    documentation: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    #: The applicability of the fixes this rule can offer (None: no fix).
    fix_applicability: ClassVar[Optional[Applicability]] = None
    #: Other codes a suppression comment may use for this rule (e.g. Ruff's B006).
    aliases: ClassVar[Tuple[str, ...]] = ()
    #: A regex searched in the raw text, or `all_of`/`any_of` of them (`reviewer.triggers`);
    #: a file with no match is never parsed for this rule. It must be conservative: never
    #: skip a file the rule would flag. Start patterns with a literal where possible: re
    #: then finds candidates at C speed (a leading `\b` or character class defeats it).
    trigger: ClassVar[Optional["Trigger"]] = None
    #: A second trigger on CPython's AST (a `Check` of a function of the tree), which costs
    #: a fraction of libcst's parse: for rules whose text trigger lets through much code
    #: they cannot flag. The engine builds the AST only when every rule left after the text
    #: triggers has one. Same contract as `trigger`.
    structure: ClassVar[Optional["Check"]] = None
    #: False for rules that only run when selected explicitly.
    default_enabled: ClassVar[bool] = True
    #: True when the rule's fix can change the learning rates the optimizer applies. Such a
    #: fix must be proven by running it: `reviewer verify` (check 6) fails when the rule's
    #: fixture folder declares no runnable `# verify:` schedule. A rule whose fix cannot
    #: change them (a removed keyword, a value only logged) leaves it False with the reason.
    changes_schedule: ClassVar[bool] = False
    #: Semantics-preserving rewrites of the code (tests/metamorphic.py names them) that the
    #: rule does not see through, each with the reason: the documentation lists them, and the
    #: metamorphic tests require every other rewrite to keep the rule's findings.
    metamorphic_limits: ClassVar[Dict[str, str]] = {}

    _visitor_names: ClassVar[Optional[Tuple[str, ...]]] = None

    def __init__(self, context: "FileContext") -> None:
        super().__init__()
        self.context = context
        self._failed = False

    @classmethod
    def triggered_by(cls, text: str) -> bool:
        return cls.trigger is None or triggered(cls.trigger, text)

    def report(
        self,
        node: cst.CSTNode,
        message: str,
        *,
        fix: Optional[Fix] = None,
        severity: Optional[Severity] = None,
    ) -> None:
        if fix is not None and self.fix_applicability is None:
            raise TypeError(f"rule {self.name} offers a fix but declares no fix_applicability")
        self.context.reports.append(Report(type(self), node, message, severity or self.severity, fix))

    @classmethod
    def visitor_names(cls) -> Tuple[str, ...]:
        """The `visit_*`/`leave_*` methods the rule defines (libcst's own lookup inspects
        every member of every instance, about a thousand stubs; this reads the rule's classes)."""
        names = cls.__dict__.get("_visitor_names")
        if names is None:
            found = set()
            for klass in cls.__mro__:
                if klass is Rule:
                    break
                found.update(
                    name for name, value in vars(klass).items()
                    if name.startswith(("visit_", "leave_")) and callable(value)
                )
            names = tuple(sorted(found))
            cls._visitor_names = names
        return names

    def get_visitors(self) -> Dict[str, Callable[[cst.CSTNode], None]]:
        # A rule that raises must not take down the traversal or the other rules:
        # its methods are wrapped, and after the first error it goes quiet.
        return {name: self._contained(getattr(self, name)) for name in self.visitor_names()}

    def _contained(self, method: Callable[[cst.CSTNode], object]) -> Callable[[cst.CSTNode], None]:
        def call(node: cst.CSTNode) -> None:
            if self._failed:
                return
            try:
                method(node)
            except RecursionError:
                raise
            except Exception as exc:  # noqa: BLE001 - any rule bug becomes an internal-error finding
                self._failed = True
                self.context.rule_errors.append(RuleError(type(self), exc))

        return call

    @classmethod
    def documentation_markdown(cls) -> str:
        fix = cls.fix_applicability.value if cls.fix_applicability else "none"
        aliases = f" (also answers to {', '.join(cls.aliases)})" if cls.aliases else ""
        header = (
            f"# {cls.name} ({cls.code}){aliases}\n\n"
            f"{cls.summary}\n\n"
            f"Severity: {cls.severity.value}. Fix: {fix}.\n\n"
        )
        text = header + textwrap.dedent(cls.documentation).strip() + "\n"
        if cls.metamorphic_limits:
            limits = "".join(f"- `{name}`: {reason}\n" for name, reason in sorted(cls.metamorphic_limits.items()))
            text += f"\n## Rewrites it does not see through\n{limits}"
        return text
