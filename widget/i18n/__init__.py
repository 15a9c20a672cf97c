"""Translations: gettext catalogues in widget/translations, the request's language, plurals.

msgids are the English texts (English needs no catalogue). Placeholders are `{name}`, filled
with `str.format` after translation. docs/translating.md says how to add a language.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel import Locale, negotiate_locale
from babel.support import NullTranslations, Translations
from flask import Flask, current_app, g, has_app_context, has_request_context, request
from flask_babel import Babel, LazyString, force_locale, get_locale, refresh
from markupsafe import Markup, escape

CATALOGUES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "translations")
DOMAIN = "messages"
DEFAULT_LANGUAGE = "en"
# Every catalogue in widget/translations (`flask i18n update` creates and updates them).
LANGUAGES = ("en", "es", "fr", "de", "it", "pt_BR", "pt_PT")
# pt_PT holds only what differs from pt_BR; anything else goes on to English.
FALLBACK = {"pt_PT": "pt_BR"}
# The languages readers get, each translated in full: tests/test_i18n_catalogues.py fails when
# one lacks a string. A language joins here (and in embed.js's LANGS) once its translators
# are done; until then its pages are English, not English marked as another language.
SHIPPED = ("en", "es", "fr", "de", "it", "pt_BR", "pt_PT")
# pt_PT is complete through pt_BR (FALLBACK): only its own wording is in its catalogue.
COMPLETE = tuple(code for code in SHIPPED if code != "en" and code not in FALLBACK)
# A bare `pt` (a browser's or a page's) reads Brazilian Portuguese, the larger readership.
ALIASES = {"pt": "pt_BR"}


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark for extraction only"
    """Mark a string for the catalogue where it is defined; translate it where it is shown."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:  # noqa: N802 - N_ with a context
    """Mark a (context, message) pair for the catalogue; `pgettext(*pair)` where it is shown."""
    return context, message


def normalise(code: object) -> str | None:
    """One of LANGUAGES for a tag such as `es-ES`, `pt-PT` or `pt_br`, else None."""
    if not isinstance(code, str) or not code:
        return None
    parts = code.replace("-", "_").split("_")
    full = parts[0].lower() + ("_" + parts[1].upper() if len(parts) > 1 else "")
    if full in LANGUAGES:
        return full
    return ALIASES.get(
        parts[0].lower(), parts[0].lower() if parts[0].lower() in LANGUAGES else None
    )


def pick(requested: object, page: object = None, browser: list[str] | None = None) -> str:
    """`lang` asked for, else the page's `<html lang>`, else the browser's best, else English."""
    for candidate in (requested, page):
        found = normalise(candidate)
        if found:
            return found
    offered = [code.replace("-", "_") for code in browser or ()]
    found = negotiate_locale(offered, list(SHIPPED) + list(ALIASES), sep="_")
    return normalise(found) or DEFAULT_LANGUAGE


def _folders() -> list[str]:
    """The site's own catalogues first (WIDGET_TRANSLATIONS_PATH), then ours."""
    extra = current_app.config.get("TRANSLATIONS_PATH") if has_app_context() else None
    # Text once the settings are checked; while they are, a wrong value is only an error's topic.
    return [extra, CATALOGUES] if extra and isinstance(extra, str) else [CATALOGUES]


def translations(language: str) -> NullTranslations:
    """The compiled catalogue of a language with its fallbacks (site's, pt_PT → pt_BR → English)."""
    return _translations(language, tuple(_folders()))


@lru_cache(maxsize=64)
def _translations(language: str, folders: tuple[str, ...]) -> NullTranslations:
    chain = []
    code: str | None = language
    while code and code != DEFAULT_LANGUAGE:
        chain.extend(Translations.load(folder, [code], DOMAIN) for folder in folders)
        code = FALLBACK.get(code)
    found = [t for t in chain if isinstance(t, Translations)]
    if not found:
        return NullTranslations()
    for first, then in zip(found, found[1:], strict=False):
        first.add_fallback(then)
    return found[0]


# The language of an `in_language` block outside any request: a command's, the app's start.
# (Flask-Babel's force_locale needs an app context; a new thread starts without one, in English.)
_BLOCK_LANGUAGE: ContextVar[str | None] = ContextVar("tertulia_block_language", default=None)


def current_language() -> str:
    """The language of this request, or of the `in_language` block around the caller."""
    if not has_app_context():
        return _BLOCK_LANGUAGE.get() or DEFAULT_LANGUAGE
    locale = get_locale()
    return normalise(str(locale)) or DEFAULT_LANGUAGE if locale else DEFAULT_LANGUAGE


@contextmanager
def in_language(language: str | None) -> Iterator[None]:
    """A block in which gettext answers in `language` (mail in its reader's language), with
    or without an app context."""
    code = normalise(language) or DEFAULT_LANGUAGE
    token = _BLOCK_LANGUAGE.set(code)
    try:
        with force_locale(code):
            yield
    finally:
        _BLOCK_LANGUAGE.reset(token)


def gettext(message: str, **values) -> str:
    """`message` in the current language, its `{placeholders}` filled."""
    text = translations(current_language()).gettext(message)
    return text.format(**values) if values else text


_ = gettext


def ngettext(singular: str, plural: str, n: int, **values) -> str:
    """The plural form for `n` in the current language; `{n}` is the number."""
    text = translations(current_language()).ngettext(singular, plural, n)
    return text.format(n=n, **values)


def pgettext(context: str, message: str, **values) -> str:
    """`message` in the sense `context` (one English text, two meanings)."""
    text = translations(current_language()).pgettext(context, message)
    return text.format(**values) if values else text


class LazyText(LazyString):
    """A translation made when shown. Text, never markup: Flask-Babel's LazyString tells
    markupsafe it is HTML already, so a `<` in a catalogue would reach the page raw."""

    def __html__(self) -> Markup:
        return escape(str(self))


def lazy_gettext(message: str, **values) -> LazyText:
    """`gettext` when shown, not when defined (WTForms labels, choices, validator messages)."""
    return LazyText(gettext, message, **values)


def lazy_pgettext(context: str, message: str, **values) -> LazyText:
    """`pgettext` when shown, not when defined."""
    return LazyText(pgettext, context, message, **values)


def markup_gettext(message: str, **values) -> Markup:
    """A sentence with markup in its placeholders (`<strong>`, a link): the translation is
    escaped as text, then each value goes in escaped unless it is already Markup (a Jinja
    `{% set %}` block, a macro's output). Never build such a sentence by concatenation."""
    return Markup(escape(gettext(message))).format(**values)


def markup_ngettext(singular: str, plural: str, n: int, **values) -> Markup:
    """`markup_gettext` with plural forms; `{n}` is the number."""
    text = translations(current_language()).ngettext(singular, plural, n)
    return Markup(escape(text)).format(n=n, **values)


def every_language(message: str) -> list[str]:
    """`message` in each language we ship (names that no commenter may take, say)."""
    return [
        translations(code).gettext(message) if code != DEFAULT_LANGUAGE else message
        for code in SHIPPED
    ]


def count_label(count: int) -> str:
    """ "No comments yet", "1 comment", "12 comments" in the current language."""
    if count == 0:
        return gettext("No comments yet")
    return ngettext("1 comment", "{n} comments", count)


def html_lang(code: object = None) -> str:
    """`code` (else the current language) as a BCP 47 tag for `<html lang>`: `pt_BR` → `pt-BR`."""
    return (normalise(code) or current_language()).replace("_", "-")


def language_name(code: str) -> str:
    """A language's own name ("español"), for pickers."""
    return Locale.parse(code).get_display_name() or code


def request_chosen(language: str) -> str:
    """Make `language` this request's (Flask-Babel's locale follows), and return it."""
    g.tertulia_language = language
    refresh()
    return language


def _select_locale() -> str:
    """Flask-Babel's locale: the one a handler chose, else `?lang=`, else the browser's."""
    if not has_request_context():  # an app context a block pushed: the block's language
        return _BLOCK_LANGUAGE.get() or DEFAULT_LANGUAGE
    chosen = g.get("tertulia_language")
    if chosen:
        return chosen
    return pick(request.args.get("lang"), browser=[code for code, _q in request.accept_languages])


def init_app(app: Flask) -> None:
    """Flask-Babel for the locale and dates; our gettext in the templates."""
    Babel(app, locale_selector=_select_locale, default_translation_directories=CATALOGUES)
    from . import build

    site_folder = app.config.get("TRANSLATIONS_PATH")
    out = Path(app.static_folder) / "i18n"
    if build.stale(out, site_folder):  # a fresh clone or a changed .po: .mo and JSON follow
        try:
            build.build(out, site_folder)
        except OSError as exc:  # a read-only install: `flask i18n build` at deploy time
            app.logger.warning("Could not build the translations (%s): English only.", exc)
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(gettext, ngettext, newstyle=False, pgettext=pgettext)
    from . import dates, labels

    app.jinja_env.filters.update(dates.FILTERS)
    app.jinja_env.globals.update(
        _=gettext,
        current_language=current_language,
        labels=labels,
        markup_gettext=markup_gettext,
        markup_ngettext=markup_ngettext,
        format_when=dates.format_when,
        html_lang=html_lang,
    )
