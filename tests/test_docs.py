"""README stays true: its settings table, its two commands, the files it names."""

import re
from pathlib import Path

from widget.settings import settings_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_the_settings_table_is_the_generated_one():
    match = re.search(r"<!-- settings-table.*?-->\n(.*?)\n<!-- /settings-table -->", README, re.S)
    assert match, "README lost its settings table markers"
    assert match.group(1).strip() == settings_table()


def test_the_quickstart_is_two_commands_and_ci_runs_the_second():
    quickstart = README.split("## Quickstart", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quickstart.strip().splitlines()]
    assert commands == ["python3 scripts/dev.py serve", "python3 scripts/dev.py test"]
    assert "python3 scripts/dev.py test" in (ROOT / ".ci" / "run").read_text()


def test_the_files_the_readme_names_exist():
    for path in re.findall(r"\]\(((?:docs|static|tests)/[^)#]+)\)", README):
        assert (ROOT / path).exists(), path
