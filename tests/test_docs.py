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


def _module_path(name: str) -> Path | None:
    """`web/api/threads.py`, `comments/posting.create_comment` or `storage.thread_state`:
    the widget module it names (or None when it names none)."""
    dotted = name.removesuffix(".py").replace("/", ".").split(".")
    for end in range(len(dotted), 0, -1):
        base = ROOT / "widget" / Path(*dotted[:end])
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.exists():
                return candidate
    return None


def test_the_architecture_page_names_modules_that_exist():
    text = (ROOT / "docs" / "architecture.md").read_text()
    named = set(
        re.findall(
            r"`((?:web|comments|moderation|readers|mail|sites|accounts|privacy|"
            r"importing|exporting|storage|core|settings|i18n|cli|demo)"
            r"[/.][\w/.]+)`",
            text,
        )
    )
    assert len(named) > 30
    for name in named:
        module = _module_path(name)
        assert module is not None, f"docs/architecture.md names {name}: no such module"
        # `module.function`: the function (or what the module re-exports) is in it.
        attribute = name.removesuffix(".py").replace("/", ".").split(".")[-1]
        assert attribute in {module.stem, module.parent.name} or re.search(
            rf"\b{attribute}\b", module.read_text()
        ), f"docs/architecture.md names {name}: not in {module.relative_to(ROOT)}"


def test_the_readme_map_names_every_folder():
    for folder in sorted((ROOT / "widget").iterdir()):
        if (folder / "__init__.py").exists():
            assert f"widget/{folder.name}/" in README, f"README's map lacks widget/{folder.name}/"


def test_the_readmes_commands_are_the_tertulia_command_and_exist():
    """After the Quickstart, `tertulia …` works as written (issue 20, item 27): no command
    needs `flask --app app` from the checkout, and each one names a real command."""
    from widget import create_app

    blocks = re.findall(r"```(?:sh|ini)\n(.*?)```", README, re.S)
    assert not any("flask --app app" in block for block in blocks)
    lines = [line.split("#")[0] for block in blocks for line in block.splitlines()]
    used = {
        tuple(found.split()[1:3])
        for line in lines
        for found in re.findall(r"\btertulia(?: [a-z][a-z0-9]*){1,2}", line)
    }
    assert ("admins", "create") in used and ("sites", "add") in used
    cli = create_app({"TESTING": True, "SECRET_KEY": "x"}).cli
    context = cli.make_context("tertulia", ["--help"], resilient_parsing=True)
    for words in used:
        group = cli.get_command(context, words[0])
        assert group is not None, words
        if len(words) == 2 and hasattr(group, "get_command"):
            assert group.get_command(context, words[1]) is not None, words
