"""Dates and times as a reader's language writes them (Babel, CLDR), all in UTC.

One place for every date a person reads: a thread page, a quoted comment, a mail. Machine
formats (ISO 8601 in JSON and `<time datetime>`, RSS's pubDate) never come through here.
Each function takes an aware or naive-UTC datetime, or an ISO 8601 string as the API gives.
"""

from __future__ import annotations

from datetime import UTC, datetime

from babel import Locale
from babel.dates import format_date, format_time, format_timedelta

from . import DEFAULT_LANGUAGE, current_language, normalise

Moment = datetime | str


def _utc(when: Moment) -> datetime:
    if isinstance(when, str):
        when = datetime.fromisoformat(when.strip().replace("Z", "+00:00"))
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _locale(language: str | None) -> str:
    return normalise(language) or current_language()


def day(when: Moment, language: str | None = None) -> str:
    """A day: "December 3, 2026", "3 de diciembre de 2026", "3. Dezember 2026"."""
    return format_date(_utc(when), "long", locale=_locale(language))


def moment(when: Moment, language: str | None = None) -> str:
    """A day and a time of day, UTC: "December 3, 2026, 17:00"; "3 de diciembre de 2026, 17:00"."""
    at = _utc(when)
    locale = _locale(language)
    return f"{format_date(at, 'long', locale=locale)}, {format_time(at, 'HH:mm', locale=locale)}"


def ago(when: Moment, now: datetime | None = None, language: str | None = None) -> str:
    """How long ago: "3 hours ago", "hace 3 horas", "vor 3 Stunden" (in N… for the future)."""
    delta = _utc(when) - (_utc(now) if now else datetime.now(UTC))
    return format_timedelta(delta, add_direction=True, locale=_locale(language))


FILTERS = {"day": day, "moment": moment, "ago": ago}


def format_when(moment, with_time: bool = True, seconds: bool = False) -> str:
    """A stored (UTC) date or date and time for a moderator: English keeps the ISO form the
    admin always showed (2026-12-04 09:30); other languages get Babel's form for the locale
    (4 dic 2026, 9:30)."""
    if moment is None:
        return ""
    language = current_language()
    if language == DEFAULT_LANGUAGE:
        pattern = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d"
        return moment.strftime(pattern)
    if not with_time:
        return format_date(moment, "medium", locale=language)
    # The language's medium date and its time, joined as the language joins them
    # ("4 dic 2026, 9:30"); the stored times are UTC, and the pages say so beside them.
    day = format_date(moment, "medium", locale=language)
    time = format_time(moment, "medium" if seconds else "short", locale=language, tzinfo=UTC)
    pattern = Locale.parse(language).datetime_formats["medium"]
    return str(pattern).replace("{1}", day).replace("{0}", time)
