"""Settings: defaults, then the WIDGET_CONFIG file, then WIDGET_* env, then test_config."""

import os
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from widget import create_app
from widget.settings import DEFAULTS, SETTINGS


def test_every_setting_has_a_default_and_help():
    names = [setting.name for setting in SETTINGS]
    assert len(names) == len(set(names))
    for setting in SETTINGS:
        assert setting.help.endswith(".") and len(setting.help) > 20, setting.name
        # No default means the help says what happens when it is unset.
        assert setting.default is not None or "unset" in setting.help.lower(), setting.name
        assert isinstance(setting.default, type(None) | bool | int | str), setting.name


def test_unset_settings_take_their_defaults(tmp_path, monkeypatch):
    for setting in SETTINGS:
        monkeypatch.delenv(setting.env, raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["POST_RATE_LIMIT"] == "3 per minute;50 per day"
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert app.config["TRUSTED_PROXIES"] == 0
    assert app.config["MAX_REPLY_DEPTH"] == DEFAULTS["MAX_REPLY_DEPTH"] == 5
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'tertulia.sqlite3'}"


def test_file_then_environment_then_test_config(tmp_path, monkeypatch):
    settings_file = tmp_path / "tertulia.cfg"
    settings_file.write_text(
        'POST_RATE_LIMIT = "1 per minute"\nPAGE_SIZE = 20\nMAX_REPLY_DEPTH = 3\n'
    )
    monkeypatch.setenv("WIDGET_CONFIG", str(settings_file))
    monkeypatch.setenv("WIDGET_PAGE_SIZE", "30")
    monkeypatch.setenv("WIDGET_MAX_REPLY_DEPTH", "4")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "MAX_REPLY_DEPTH": 2})
    assert app.config["POST_RATE_LIMIT"] == "1 per minute"  # from the file
    assert app.config["PAGE_SIZE"] == 30  # the environment wins over the file
    assert app.config["MAX_REPLY_DEPTH"] == 2  # test_config wins over everything


def test_a_secret_key_is_generated_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv("WIDGET_SECRET_KEY", raising=False)
    first = create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
    second = create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
    assert first == second and len(first) >= 48
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600


def test_a_configured_secret_key_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv("WIDGET_SECRET_KEY", "from-the-environment")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def _flask_settings(tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("WIDGET_")}
    return subprocess.run(
        [str(Path(sys.executable).with_name("flask")), "--app", "app", "settings"],
        env={**clean, "WIDGET_INSTANCE_PATH": str(tmp_path), **env},
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({"WIDGET_POST_RATE_LIMT": "5 per minute"}, "Did you mean WIDGET_POST_RATE_LIMIT?"),
        ({"WIDGET_MAX_REPLY_DEPTH": "deep"}, "WIDGET_MAX_REPLY_DEPTH must be a whole number"),
        ({"WIDGET_POST_RATE_LIMIT": "lots"}, "WIDGET_POST_RATE_LIMIT must be rate limits"),
        ({"WIDGET_PAGE_SIZE": "0"}, "WIDGET_PAGE_SIZE must be at least 1"),
        ({"WIDGET_HONEYPOT": '"yes"'}, "WIDGET_HONEYPOT must be true or false"),
        ({"WIDGET_SESSION_COOKIE_SAMESITE": "None"}, "must be Lax or Strict"),
        # Read as JSON (a number): refused before anything uses it, not a traceback later.
        ({"WIDGET_SERVER_NAME": "1"}, "WIDGET_SERVER_NAME is not a setting."),
    ],
)
def test_a_wrong_setting_stops_the_start_and_says_why(tmp_path, env, said):
    result = _flask_settings(tmp_path, **env)
    assert result.returncode != 0
    assert said in result.stderr and "Traceback" not in result.stderr


def test_good_settings_start_and_list_every_setting(tmp_path):
    result = _flask_settings(tmp_path, WIDGET_SECRET_KEY="12345", WIDGET_HONEYPOT="0")
    assert result.returncode == 0, result.stderr
    assert all(setting.env in result.stdout for setting in SETTINGS)


def test_the_settings_file_may_name_the_instance_folder(tmp_path, monkeypatch):
    for setting in SETTINGS:
        monkeypatch.delenv(setting.env, raising=False)
    folder = tmp_path / "elsewhere"
    settings_file = tmp_path / "tertulia.cfg"
    settings_file.write_text(f"INSTANCE_PATH = {str(folder)!r}\n")
    monkeypatch.setenv("WIDGET_CONFIG", str(settings_file))
    app = create_app()
    assert app.instance_path == str(folder)
    assert (folder / "secret_key").exists()
    assert app.config["DATABASE_URL"] == f"sqlite:///{folder / 'tertulia.sqlite3'}"


def test_the_flask_settings_we_set_are_declared_and_applied(tmp_path, monkeypatch):
    names = {setting.name for setting in SETTINGS}
    assert {"SESSION_COOKIE_SAMESITE", "RATELIMIT_HEADERS_ENABLED"} <= names
    monkeypatch.setenv("WIDGET_SESSION_COOKIE_SAMESITE", "Strict")
    monkeypatch.setenv("WIDGET_ADMIN_SESSION_HOURS", "2")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Strict"
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=2)
