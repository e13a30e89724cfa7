from reviewer.rule import Applicability, Rule, Severity


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

        ## Fix safety
        Safe: removing a code that silences nothing changes no behaviour; the comment's
        other codes and text stay, and a comment left empty is removed whole.
    """
