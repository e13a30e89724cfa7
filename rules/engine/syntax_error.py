from reviewer.rule import Rule


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
