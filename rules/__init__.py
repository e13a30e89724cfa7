"""The rule catalogue, installed as `reviewer.rules`: one module per rule or small family."""
