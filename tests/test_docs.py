"""The README's rule table and commands stay true to the registry and the CLI."""

import re

from reviewer import registry

from conftest import ROOT

README = (ROOT / "README.md").read_text()


def rules_table():
    lines = ["| code | name | fix | summary |", "| --- | --- | --- | --- |"]
    for rule in registry.all_rules():
        fix = rule.fix_applicability.value if rule.fix_applicability else ""
        summary = rule.summary.replace("|", "\\|")
        lines.append(f"| {rule.code} | `{rule.name}` | {fix} | {summary} |")
    return "\n".join(lines)


def test_readme_rule_table_matches_registry():
    match = re.search(r"<!-- rules-table:.*?-->\n(.*?)\n<!-- end rules-table -->", README, re.S)
    assert match, "README has no rules table markers"
    expected = rules_table()
    assert match.group(1) == expected, "README rules table is stale; replace it with:\n" + expected


def test_readme_names_real_options():
    from click.testing import CliRunner

    from reviewer.cli import main

    help_text = "".join(CliRunner().invoke(main, [command, "--help"]).output for command in ("check", "verify", "trace"))
    for option in re.findall(r"`(--[a-z][a-z-]*)", README):
        if option in ("--unsafe-fixes", "--no-unsafe-fixes", "--all", "--state", "--list", "--tests", "--sample", "--seed",
                      "--since"):
            continue  # `check --fix --unsafe-fixes` spelled whole, `rule --all`, tests/mutation.py's
        assert option in help_text, option


def test_every_rule_has_fixture_folder_named_in_readme():
    for rule in registry.all_rules():
        assert f"`{rule.name}`" in README



def test_readme_example_output_is_real(monkeypatch):
    from click.testing import CliRunner

    from reviewer.cli import main

    monkeypatch.chdir(ROOT)
    block = re.search(r"```console\n\$ (reviewer check examples/\S+ --output-format concise)\n(.*?)```", README, re.S)
    result = CliRunner().invoke(main, block.group(1).split()[1:])
    assert result.exit_code == 1
    actual = result.output.splitlines()
    for line in block.group(2).splitlines():
        if line.endswith("..."):
            assert any(a.startswith(line[:-3].rstrip()) for a in actual), line
        else:
            assert line in actual, line


if __name__ == "__main__":  # `python tests/test_docs.py` rewrites the README's rule table
    table = re.compile(r"(<!-- rules-table:.*?-->\n).*?(\n<!-- end rules-table -->)", re.S)
    (ROOT / "README.md").write_text(table.sub(lambda m: m.group(1) + rules_table() + m.group(2), README))
