"""Settings are checked when the app starts: a typo or a wrong value stops it, with a reason.

As Datasette does: an unknown `WIDGET_*` variable, a value of the wrong type, a rate limit
that does not parse, or a number out of range raises `SettingsError`, which names the
setting and what it expects. It is a SystemExit, so `flask` and gunicorn print only that.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from limits import parse_many

from . import SETTINGS, Setting

# WIDGET_* variables that are not settings: the settings file, and the test harness's own.
NOT_SETTINGS = frozenset({"WIDGET_CONFIG"})
HARNESS_PREFIX = "WIDGET_TEST_"
SAMESITE = ("Lax", "Strict")


class SettingsError(SystemExit):
    """A setting is unknown or has a value it cannot take; the message says which and why."""

    def __init__(self, message: str) -> None:
        super().__init__(f"Tertulia cannot start: {message}")
        self.message = message


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """The WIDGET_* environment variables that name no setting."""
    known = {setting.env for setting in SETTINGS} | NOT_SETTINGS
    return sorted(
        name
        for name in environ
        if name.startswith("WIDGET_") and name not in known and not name.startswith(HARNESS_PREFIX)
    )


def _did_you_mean(name: str) -> str:
    close = difflib.get_close_matches(name, [s.env for s in SETTINGS], n=1, cutoff=0.8)
    return f" Did you mean {close[0]}?" if close else ""


def _coerce(setting: Setting, value: Any) -> Any:
    """The value as its setting's type, or SettingsError."""
    kind = setting.type
    if value is None and setting.default is None:
        return None
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        raise SettingsError(f"{setting.env} must be true or false, not {value!r}.")
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingsError(f"{setting.env} must be a whole number, not {value!r}.")
        if value < setting.minimum:
            raise SettingsError(f"{setting.env} must be at least {setting.minimum}, not {value}.")
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SettingsError(f"{setting.env} must be a number, not {value!r}.")
        if value < setting.minimum:
            raise SettingsError(f"{setting.env} must be at least {setting.minimum}, not {value}.")
        return value
    if not isinstance(value, str):
        raise SettingsError(f"{setting.env} must be text, not {value!r}.")
    return value


def _check_value(setting: Setting, value: Any) -> None:
    if setting.name.endswith("RATE_LIMIT") and isinstance(value, str):
        try:
            parsed = parse_many(value)
        except ValueError:
            parsed = []
        if not parsed:
            raise SettingsError(
                f"{setting.env} must be rate limits such as '3 per minute;50 per day', "
                f"not {value!r}."
            )
    if setting.name == "SESSION_COOKIE_SAMESITE" and value not in SAMESITE:
        raise SettingsError(f"{setting.env} must be Lax or Strict, not {value!r}.")


def check(config: dict, environ: Mapping[str, str]) -> None:
    """Check every setting in `config` (coercing 0/1 to booleans) and the environment's names."""
    unknown = unknown_variables(environ)
    if unknown:
        name = unknown[0]
        raise SettingsError(
            f"{name} is not a setting.{_did_you_mean(name)} `tertulia settings` lists them all."
        )
    for setting in SETTINGS:
        value = config.get(setting.name, setting.default)
        raw = environ.get(setting.env)
        if setting.type is str and raw is not None and not isinstance(value, str | None):
            value = raw  # Flask read "12345" as JSON; text settings keep the text as typed
        value = _coerce(setting, value)
        _check_value(setting, value)
        config[setting.name] = value
    if config["MAX_PAGE_SIZE"] < config["PAGE_SIZE"]:
        raise SettingsError("WIDGET_MAX_PAGE_SIZE must be at least WIDGET_PAGE_SIZE.")
