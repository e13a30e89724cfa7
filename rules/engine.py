"""Findings raised by the engine itself rather than by a visitor."""

from reviewer.rule import Applicability, Rule, Severity


class SyntaxErrorRule(Rule):
    code = "RV001"
    name = "syntax-error"
    summary = "The file does not parse as Python; no other rule could check it."
    documentation = """
        ## What it does
        Reports the first syntax error libcst finds, at its line and column.

        ## Why it matters
        A file that does not parse cannot be reviewed: every other rule is blind to it.
        It is reported as a finding (exit code 1) so that the rest of the run goes on.
    """


class InternalErrorRule(Rule):
    code = "RV002"
    name = "internal-error"
    summary = "A rule crashed or a file took too long; the other rules' findings still stand."
    documentation = """
        ## What it does
        When a rule raises on a file, or a file exceeds the per-file time limit, the file
        gets this finding naming the rule and the exception. Findings of the other rules
        for the file are still reported, and the run exits with code 2.

        Please report it with the file that triggers it.
    """


class UnusedSuppressionRule(Rule):
    code = "RV003"
    name = "unused-suppression"
    summary = "A `# noqa` or `# reviewer: ignore[...]` comment that silences nothing."
    severity = Severity.WARNING
    fix_applicability = Applicability.SAFE
    documentation = """
        ## What it does
        Reports suppression comments for reviewer's rules that no longer silence a
        finding: `# reviewer: ignore[name]` where `name` does not fire on that line, and
        `# noqa: RVxxx` codes of reviewer's own rules that do not fire there. Codes of
        other tools (`# noqa: E501`, Ruff's `B006` written for Ruff) and bare `# noqa`
        are left alone, since another linter may need them.

        ## Why it matters
        A stale suppression hides the next real finding on that line.

        ## Example
        ```python
        self.iters += 1  # reviewer: ignore[counter-reset]
        ```

        ## Fix (safe)
        Removes the stale code, or the whole comment when nothing in it is used.
    """
