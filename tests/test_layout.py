"""The layout shows the architecture, and a tool keeps it so: the import layers
(pyproject.toml, [tool.importlinter]), small modules, routes named in one place."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MODULE_MAX_LINES = 300
TEST_MAX_LINES = 400


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_layers_hold():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_wrong_way_import_fails_with_its_chain(tmp_path):
    shutil.copytree(ROOT / "widget", tmp_path / "widget", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    health = tmp_path / "widget" / "storage" / "health.py"
    health.write_text(health.read_text() + "\nfrom widget.web import errors  # noqa\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "widget.storage.health -> widget.web.errors" in result.stdout, result.stdout


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_modules_stay_small():
    sources = [*ROOT.glob("widget/**/*.py"), *ROOT.glob("bench/*.py"), *ROOT.glob("scripts/*.py")]
    too_long = {
        str(path.relative_to(ROOT)): _lines(path)
        for path in sources
        if "migrations" not in path.parts and _lines(path) > MODULE_MAX_LINES
    }
    assert not too_long, f"over {MODULE_MAX_LINES} lines: {too_long}"


def test_test_files_stay_small():
    too_long = {
        str(path.relative_to(ROOT)): _lines(path)
        for path in ROOT.glob("tests/**/*.py")
        if "node_modules" not in path.parts and _lines(path) > TEST_MAX_LINES
    }
    assert not too_long, f"over {TEST_MAX_LINES} lines: {too_long}"


def test_routes_join_a_blueprint_only_where_it_is_made():
    """A module that adds routes to a blueprint made elsewhere would join it only when
    imported for that side effect; such blueprints name their views in a ROUTES table."""
    decorator = re.compile(r"^@bp\.(route|get|post|put|patch|delete)\(", re.M)
    strays = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("widget/web/**/*.py")
        if decorator.search(path.read_text()) and "bp = Blueprint(" not in path.read_text()
    ]
    assert not strays, f"routes on another module's blueprint: {strays}"


def test_every_folder_says_what_it_holds():
    for init in ROOT.glob("widget/**/__init__.py"):
        text = init.read_text()
        assert text.startswith('"""'), f"{init.relative_to(ROOT)} has no docstring"
