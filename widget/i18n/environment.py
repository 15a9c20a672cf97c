"""The language of the environment, for the commands a site's owner runs (`tertulia …`).

The order gettext reads it in: LANGUAGE (a list, `es:fr`), then LC_ALL, LC_MESSAGES, LANG; the
first variable that is set wins (LANGUAGE only when the locale is not set to C, as GNU
gettext). Unset, `C` or `POSIX` mean English, and so does a language we do not ship.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from . import DEFAULT_LANGUAGE, SHIPPED, normalise

VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _shipped(tag: str) -> str | None:
    """`es_ES.UTF-8@euro` → `es`; None for C, POSIX or a language we do not ship."""
    tag = tag.split(".")[0].split("@")[0].strip()
    if tag in ("", "C", "POSIX"):
        return None
    code = normalise(tag)
    if code in SHIPPED:
        return code
    return None


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, among the ones we ship; English otherwise."""
    environ = os.environ if environ is None else environ
    for name in VARIABLES:
        value = environ.get(name, "")
        if not value:
            continue
        if name == "LANGUAGE" and _locale_is_c(environ):
            continue  # as GNU gettext: LANGUAGE is ignored while the locale is set to C
        for tag in value.split(":"):
            found = _shipped(tag)
            if found:
                return found
        if name != "LANGUAGE":
            return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def _locale_is_c(environ: Mapping[str, str]) -> bool:
    for name in VARIABLES[1:]:
        value = environ.get(name, "")
        if value:
            return value.split(".")[0] in ("C", "POSIX")
    return False
