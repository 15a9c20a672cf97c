"""Our own export read back as a stream: a thread (with its comments) at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import BinaryIO

import ijson

from widget.core.refusals import Refused
from widget.exporting.writer import FORMAT, VERSION
from widget.i18n import N_
from widget.i18n import gettext as _
from widget.identity.badges import from_file as badges_from_file
from widget.sites.stories import check_changes
from widget.storage.models import (
    COMMENT_STATUSES,
    HOLD_CODES,
    MARKUPS,
)

from .issodb import LIKES_MAX
from .jsonstream import json_events
from .model import ImportRefused, IncomingComment, IncomingSite, IncomingThread
from .tertulia_sites import fraction, site_of, time_of

SITE = "sites.item"
THREAD = "sites.item.threads.item"
NOT_OURS = N_("This is not a Tertulia export (made by `tertulia export FILE`).")
# Exports this version reads: 1 had no who_may_comment, badge_labels, badges, hold_reasons.
READABLE = (1, VERSION)


def read(
    open_stream: Callable[[], BinaryIO],
) -> Iterator[tuple[IncomingThread | IncomingSite, list]]:
    """Each thread of each site, with the site's settings, which come before its threads;
    a site without threads comes alone."""
    parser = _Parser()
    with open_stream() as stream:
        try:
            for prefix, event, value in json_events(stream):
                yield from parser.event(prefix, event, value)
        except ijson.JSONError as exc:
            raise ImportRefused(
                _("The file is not valid JSON ({error}); nothing was imported.", error=exc)
            ) from exc
    _check_header(parser.header)


class _Parser:
    """ijson's events in, a site's settings and whole threads out (one thread in memory)."""

    def __init__(self):
        self.header: dict = {}
        self.site_fields: dict = {}
        self.site: IncomingSite | None = None
        self.builder = self.key = None

    def event(self, prefix: str, event: str, value) -> Iterator[tuple]:
        if prefix in ("format", "version") and event in ("string", "number"):
            self.header[prefix] = value
        elif self.builder is not None and self.key == "thread":
            self.builder.event(event, value)
            if prefix == THREAD and event == "end_map":
                yield _thread(self.builder.value, self.site)
                self.builder = self.key = None
        elif prefix == THREAD and event == "start_map":
            _check_header(self.header)
            self.site = self.site or site_of(self.site_fields)
            self.builder, self.key = ijson.ObjectBuilder(), "thread"
            self.builder.event(event, value)
        elif prefix == SITE and event in ("map_key", "end_map", "start_map"):
            yield from self._site_event(event, value)
        elif self.builder is not None and prefix.startswith(f"{SITE}.{self.key}"):
            self.builder.event(event, value)

    def _site_event(self, event: str, value) -> Iterator[tuple]:
        if self.builder is not None:
            self.site_fields[self.key] = self.builder.value
        self.builder = self.key = None
        if event == "start_map":
            self.site_fields, self.site = {}, None
        elif event == "end_map" and self.site is None:
            _check_header(self.header)
            yield site_of(self.site_fields), []  # a site without threads
        elif event == "map_key" and value != "threads":
            self.builder, self.key = ijson.ObjectBuilder(), value


def _check_header(header: dict) -> None:
    if header.get("format") != FORMAT:
        raise ImportRefused(_(NOT_OURS))
    if header.get("version") not in READABLE:
        low, high = READABLE  # two versions: "1 and 2"
        raise ImportRefused(
            _(
                "This export is version {version}; we read versions {low} and {high}.",
                version=header.get("version"),
                low=low,
                high=high,
            )
        )


def _badges(value: object) -> str:
    """A comment's badges as stored (a JSON list of labels; "" for none): only what posting
    stores travels, since the public API shows it as it is."""
    try:
        return badges_from_file(value)
    except ValueError as exc:
        raise ImportRefused(_("A comment's `badges`: {error}.", error=exc)) from exc


def _hold_reasons(value: object) -> list[tuple[str, str, datetime]]:
    """Why a comment was held, as recorded: (code, detail, when)."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        raise ImportRefused(_("A comment's `hold_reasons` is not a list of objects."))
    reasons = []
    for reason in value:
        if reason.get("code") not in HOLD_CODES:
            raise ImportRefused(
                # TRANSLATORS: {code} is the file's hold reason, as code, like 'links'.
                _("Unknown hold reason {code}.", code=repr(reason.get("code")))
            )
        when = time_of(reason.get("created_at"), N_("A hold reason's created_at"))
        reasons.append((reason["code"], str(reason.get("detail") or "")[:200], when))
    return reasons


def _scores(fields: dict) -> tuple[str | None, float | None, str | None]:
    """A comment's pre-screen scores (language, toxicity, model), as they were stored."""
    language, model = fields.get("language"), fields.get("toxicity_model")
    return (
        language[:8] if isinstance(language, str) else None,
        fraction(fields.get("toxicity"), 0.0),
        model[:60] if isinstance(model, str) else None,
    )


def _thread(fields: dict, site: IncomingSite) -> tuple[IncomingThread, list]:
    if not isinstance(fields.get("comments"), list):
        raise ImportRefused(_("A thread has no `comments` list."))
    thread = IncomingThread(
        link=str(fields.get("url") or ""),
        title=str(fields.get("title") or ""),
        closed=bool(fields.get("closed")),
        key=str(fields.get("key") or "") or None,
        created_at=time_of(fields.get("created_at"), N_("A thread's created_at")),
        site=site,
        story=_story(fields.get("story")),
    )
    return thread, [_comment(c) for c in fields["comments"]]


def _story(value: object) -> dict | None:
    """A thread's story settings (exports before issue 24 have none)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ImportRefused(_("A thread's `story` is not an object."))
    try:
        return check_changes({k: v for k, v in value.items() if k != "closed"})
    except Refused as refusal:
        raise ImportRefused(
            _("A thread's story settings: {error}", error=refusal.message)
        ) from refusal


def _comment(fields: object) -> IncomingComment:
    if not isinstance(fields, dict) or fields.get("status") not in COMMENT_STATUSES:
        raise ImportRefused(_("A comment is not an object with a known `status`."))
    source = fields.get("source")
    parent = fields.get("parent_id")
    created = time_of(fields.get("created_at"), N_("A comment's created_at"))
    if created is None:
        raise ImportRefused(_("A comment has no created_at."))
    return IncomingComment(
        ref=str(fields.get("id")),
        parent_ref=None if parent is None else str(parent),
        name=str(fields.get("name") or ""),
        email=str(fields.get("email") or ""),
        website=str(fields.get("website") or ""),
        text=str(fields.get("text") or ""),
        markup=fields.get("markup") if fields.get("markup") in MARKUPS else "markdown",
        created_at=created,
        status=fields["status"],
        network=str(fields.get("network") or ""),
        avatar=fields["avatar"] if isinstance(fields.get("avatar"), str) else None,
        user_agent=str(fields.get("user_agent") or ""),
        edited_at=time_of(fields.get("edited_at"), N_("A comment's edited_at")),
        updated_at=time_of(fields.get("updated_at"), N_("A comment's updated_at")),
        likes=_count(fields.get("likes")),
        commenter_key=_text_or_none(fields.get("commenter_key")),
        reports_cleared=fields.get("reports_cleared") is True,
        client_key=_text_or_none(fields.get("client_key")),
        pending_text=_text_or_none(fields.get("pending_text")),
        featured=fields.get("featured") is True,
        staff=fields.get("staff") is True,
        scores=_scores(fields),
        badges=_badges(fields.get("badges")),
        hold_reasons=_hold_reasons(fields.get("hold_reasons")),
        source=(str(source.get("system")), str(source.get("id")))
        if isinstance(source, dict)
        else None,
    )


def _count(value: object) -> int:
    """A likes count: a whole number, bounded as the rows it becomes."""
    if isinstance(value, bool) or not isinstance(value, int):
        return 0
    return min(max(value, 0), LIKES_MAX)


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None
