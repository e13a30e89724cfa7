from reviewer.rule import Rule


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
