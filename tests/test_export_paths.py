"""Bad export and backup paths (issue 21, item 9): one line, exit 1, nothing half-written."""

import os
from pathlib import Path

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


@pytest.fixture
def unwritable(tmp_path):
    """A folder this process cannot write in: read-only for a user; for root (who writes
    anywhere else) sysfs, read-only to everyone."""
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)
        return
    folder = Path("/sys")
    try:
        os.close(os.open(folder / "tertulia-probe", os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError:
        yield folder
    else:
        os.remove(folder / "tertulia-probe")
        pytest.skip("no folder here refuses root")


@pytest.mark.parametrize("command", [["export"], ["db", "backup"]])
def test_an_unwritable_folder_leaves_nothing(runner, app, unwritable, command):
    _only_sqlite_backs_up(app, command)
    before = set(unwritable.iterdir())
    result = invoke(runner, *command, unwritable / "tertulia-x.out")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0, result.output
    assert "Cannot write" in result.output and set(unwritable.iterdir()) == before


@pytest.mark.parametrize("command", [["export"], ["db", "backup"]])
def test_a_folder_given_as_the_file_is_one_line_and_exit_1(runner, app, tmp_path, command):
    _only_sqlite_backs_up(app, command)
    folder = tmp_path / "folder"
    folder.mkdir()
    result = invoke(runner, *command, folder)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0, result.output
    assert "it is a folder" in result.output and list(folder.iterdir()) == []


def test_an_export_leaves_only_its_file(runner, app, tmp_path):
    result = invoke(runner, "export", tmp_path / "x.json")
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir() if "x.json" in p.name] == ["x.json"]
    _only_sqlite_backs_up(app, ["db", "backup"])
    backup = invoke(runner, "db", "backup", tmp_path / "b.db")
    assert backup.exit_code == 0, backup.output
    assert [p.name for p in tmp_path.iterdir() if "b.db" in p.name] == ["b.db"]
