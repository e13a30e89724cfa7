"""The rule catalogue, installed as `reviewer.rules`: one module per rule, in family folders."""
