"""Without the `prescreen` extra: the service starts and says so; turning it on stops it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run before anything else in a fresh interpreter: the pre-screen's packages look absent.
HIDE = """
import sys
class Hidden:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("py3langid", "profanity_check"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, Hidden())
"""


def _run(tmp_path, code: str, hide: bool = True, **env) -> subprocess.CompletedProcess:
    environ = {
        **{k: v for k, v in os.environ.items() if not k.startswith("WIDGET_")},
        "WIDGET_INSTANCE_PATH": str(tmp_path / "instance"),
        "WIDGET_SECRET_KEY": "test-secret-key",
        "WIDGET_MAIL_SENDER": "off",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", (HIDE if hide else "") + code],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_service_starts_and_settings_say_unavailable(tmp_path):
    answer = _run(
        tmp_path,
        "from widget import create_app\n"
        "app = create_app()\n"
        "print(app.test_client().get('/healthz').status_code)\n"
        "print(app.test_cli_runner().invoke(args=['settings']).output)\n",
    )
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.startswith("200\n")
    assert (
        "Pre-screen: unavailable (the `prescreen` extra is not installed; missing: "
        "py3langid, profanity_check). WIDGET_PRESCREEN cannot be turned on."
    ) in answer.stdout


def test_turning_it_on_is_a_clear_start_up_error(tmp_path):
    answer = _run(tmp_path, "from widget import create_app\ncreate_app()\n", WIDGET_PRESCREEN="1")
    assert answer.returncode == 1
    assert answer.stderr.strip().splitlines()[-1] == (
        "Tertulia cannot start: WIDGET_PRESCREEN is on, but the pre-screen's packages are "
        "not installed (missing: py3langid, profanity_check). Install them with "
        "`pip install 'tertulia[prescreen]'`, or set WIDGET_PRESCREEN=false."
    )
    assert "Traceback" not in answer.stderr


def test_a_folder_that_cannot_be_written_is_a_clear_start_up_error(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the models' folder should be")
    answer = _run(
        tmp_path,
        "from widget import create_app\ncreate_app()\n",
        hide=False,  # the packages are there: preparing their models is what fails
        WIDGET_PRESCREEN="1",
        WIDGET_PRESCREEN_FOLDER=str(blocked / "prescreen"),
    )
    assert answer.returncode == 1
    last = answer.stderr.strip().splitlines()[-1]
    assert last.startswith(
        f"Tertulia cannot start: preparing the pre-screen's models in {blocked / 'prescreen'}"
    ), answer.stderr
