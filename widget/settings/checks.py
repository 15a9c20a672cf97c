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

from widget.i18n import gettext as _

from . import SETTINGS, Setting

# WIDGET_* variables that are not settings: the settings file, and the test harness's own.
NOT_SETTINGS = frozenset({"WIDGET_CONFIG"})
HARNESS_PREFIX = "WIDGET_TEST_"
SAMESITE = ("Lax", "Strict")


class SettingsError(SystemExit):
    """A setting is unknown or has a value it cannot take; the message says which and why,
    in the language gettext speaks where it is raised (the environment's, at the start)."""

    def __init__(self, message: str) -> None:
        # TRANSLATORS: {problem} says which setting is wrong, and why.
        super().__init__(_("Tertulia cannot start: {problem}", problem=message))
        self.message = message


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """The WIDGET_* environment variables that name no setting."""
    known = {setting.env for setting in SETTINGS} | NOT_SETTINGS
    return sorted(
        name
        for name in environ
        if name.startswith("WIDGET_") and name not in known and not name.startswith(HARNESS_PREFIX)
    )


def _did_you_mean(name: str) -> str | None:
    close = difflib.get_close_matches(name, [s.env for s in SETTINGS], n=1, cutoff=0.8)
    return _("Did you mean {setting}?", setting=close[0]) if close else None


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
        raise SettingsError(
            # TRANSLATORS: {setting} is a setting's variable, like WIDGET_HONEYPOT; {value} is
            # the value it was given, as Python writes it. Keep true and false: they are typed.
            _(
                "{setting} must be true or false, not {value}.",
                setting=setting.env,
                value=repr(value),
            )
        )
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingsError(
                _(
                    "{setting} must be a whole number, not {value}.",
                    setting=setting.env,
                    value=repr(value),
                )
            )
        if value < setting.minimum:
            raise SettingsError(_too_small(setting, value))
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SettingsError(
                _(
                    "{setting} must be a number, not {value}.",
                    setting=setting.env,
                    value=repr(value),
                )
            )
        if value < setting.minimum:
            raise SettingsError(_too_small(setting, value))
        return value
    if not isinstance(value, str):
        raise SettingsError(
            _("{setting} must be text, not {value}.", setting=setting.env, value=repr(value))
        )
    return value


def _too_small(setting: Setting, value: int | float) -> str:
    # TRANSLATORS: {setting} is a setting's variable, like WIDGET_PAGE_SIZE; {minimum} and
    # {value} are numbers.
    return _(
        "{setting} must be at least {minimum}, not {value}.",
        setting=setting.env,
        minimum=setting.minimum,
        value=value,
    )


def _check_value(setting: Setting, value: Any) -> None:
    if setting.name.endswith("RATE_LIMIT") and isinstance(value, str):
        try:
            parsed = parse_many(value)
        except ValueError:
            parsed = []
        if not parsed:
            raise SettingsError(
                # TRANSLATORS: {example} is rate limits as they are typed (in English).
                _(
                    "{setting} must be rate limits such as {example}, not {value}.",
                    setting=setting.env,
                    example="'3 per minute;50 per day'",  # flask-limiter's words: English
                    value=repr(value),
                )
            )
    if setting.name == "SESSION_COOKIE_SAMESITE" and value not in SAMESITE:
        raise SettingsError(
            # TRANSLATORS: Lax and Strict are the values to type: keep them.
            _(
                "{setting} must be Lax or Strict, not {value}.",
                setting=setting.env,
                value=repr(value),
            )
        )


def check(config: dict, environ: Mapping[str, str]) -> None:
    """Check every setting in `config` (coercing 0/1 to booleans) and the environment's names."""
    unknown = unknown_variables(environ)
    if unknown:
        name = unknown[0]
        # TRANSLATORS: {setting} is an environment variable, like WIDGET_PAGE_SIZ.
        sentences = [_("{setting} is not a setting.", setting=name), _did_you_mean(name)]
        sentences.append(_("`tertulia settings` lists them all."))
        raise SettingsError(" ".join(sentence for sentence in sentences if sentence))
    for setting in SETTINGS:
        value = config.get(setting.name, setting.default)
        raw = environ.get(setting.env)
        if setting.type is str and raw is not None and not isinstance(value, str | None):
            value = raw  # Flask read "12345" as JSON; text settings keep the text as typed
        value = _coerce(setting, value)
        _check_value(setting, value)
        config[setting.name] = value
    if config["MAX_PAGE_SIZE"] < config["PAGE_SIZE"]:
        raise SettingsError(_("WIDGET_MAX_PAGE_SIZE must be at least WIDGET_PAGE_SIZE."))
