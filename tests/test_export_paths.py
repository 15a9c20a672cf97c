"""Bad export and backup paths (issue 21, item 9): one line, exit 1, nothing half-written."""

import os

import pytest

from tests.importing import invoke


def _only_sqlite_backs_up(app, command) -> None:
    if command[0] == "db" and not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("PostgreSQL is backed up with pg_dump (the command says so)")


@pytest.mark.parametrize("command", [["export"], ["db", "backup"]])
def test_a_missing_folder_is_one_line_and_exit_1(runner, app, tmp_path, command):
    _only_sqlite_backs_up(app, command)
    target = tmp_path / "nonexistent" / "dir" / "x.out"
    result = invoke(runner, *command, target)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0, result.output
    assert "does not exist" in result.output and not target.parent.exists()


@pytest.mark.parametrize("command", [["export"], ["db", "backup"]])
def test_an_unwritable_folder_leaves_nothing(runner, app, tmp_path, command):
    _only_sqlite_backs_up(app, command)
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = invoke(runner, *command, folder / "x.out")
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "Cannot write" in result.output and list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_an_export_leaves_only_its_file(runner, app, tmp_path):
    result = invoke(runner, "export", tmp_path / "x.json")
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir() if "x.json" in p.name] == ["x.json"]
    _only_sqlite_backs_up(app, ["db", "backup"])
    backup = invoke(runner, "db", "backup", tmp_path / "b.db")
    assert backup.exit_code == 0, backup.output
    assert [p.name for p in tmp_path.iterdir() if "b.db" in p.name] == ["b.db"]
