"""Commento's export (also Comentario's Commento-format export): one JSON object, often gzipped.

`{"version": 1, "comments": [...], "commenters": [...]}`: a comment has `commentHex`, `domain`,
`url` (the page's path), `commenterHex` ("anonymous" or a commenter's), `markdown`, `parentHex`
("root" at the top), `state` (approved, unapproved, flagged) and `creationDate`; a commenter has
`email`, `name`, `link` ("undefined" when none). The commenters come after the comments, so the
file is read twice: the commenters (few), then the comments one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

import ijson
from ijson.common import ObjectBuilder

from widget.i18n import gettext as _

from .jsonstream import json_events, json_items
from .model import ImportRefused, IncomingComment, IncomingThread
from .packed import opened
from .xmlstream import parse_time

STATES = {"approved": "published", "unapproved": "pending", "flagged": "spam"}
ANONYMOUS = "anonymous"
DELETED_TEXT = "[deleted]"  # what Commento writes over a deleted comment's markdown
UNSET = "undefined"  # Commento's value for a commenter without a link or photo


def read(open_stream: Callable[[], BinaryIO]) -> Iterator[tuple[IncomingThread, list]]:
    """Each run of comments on the same page, with their page."""
    with open_stream() as raw, opened(raw) as stream:
        commenters = _commenters(stream)
    thread: IncomingThread | None = None
    comments: list[IncomingComment] = []
    with open_stream() as raw, opened(raw) as stream:
        for comment in _json(lambda: json_items(stream, "comments.item")):
            if not isinstance(comment, dict):
                raise ImportRefused(_("This is not a Commento export: a comment is not an object."))
            link = _link(comment)
            if thread is None or link != thread.link:
                if thread is not None:
                    yield thread, comments
                thread, comments = IncomingThread(link=link), []
            comments.append(_comment(comment, commenters))
    if thread is not None:
        yield thread, comments


def _json(parse: Callable[[], Iterator]) -> Iterator:
    try:
        yield from parse()
    except ijson.JSONError as exc:
        raise ImportRefused(
            _("The file is not valid JSON ({error}); nothing was imported.", error=exc)
        ) from exc


def _commenters(stream: BinaryIO) -> dict[str, dict]:
    """Every commenter by hex; checks on the way that the file is a Commento export."""
    commenters: dict[str, dict] = {}
    shape, version, builder = set(), None, None
    for prefix, event, value in _json(lambda: json_events(stream)):
        if prefix == "" and event == "start_array":
            raise ImportRefused(
                _(
                    "This JSON is a list, not Commento's export object: use `tertulia import isso` "
                    "for Isso's JSON. Nothing was imported."
                )
            )
        if prefix == "version" and event == "number":
            version = value
        elif prefix in ("comments", "commenters") and event == "start_array":
            shape.add(prefix)
        elif prefix == "commenters.item" and event == "start_map":
            builder = ObjectBuilder()
        if builder is not None and prefix.startswith("commenters.item"):
            builder.event(event, value)
            if prefix == "commenters.item" and event == "end_map":
                commenter, builder = builder.value, None
                commenters[_text(commenter.get("commenterHex"))] = commenter
    if "comments" not in shape:
        raise ImportRefused(
            _("This is not a Commento export: it has no `comments` list. Nothing was imported.")
        )
    if version != 1:
        raise ImportRefused(
            _(
                "This Commento export is version {version}; version 1 can be read. "
                "Nothing was imported.",
                version=repr(version),
            )
        )
    return commenters


def _text(value: object) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _link(comment: dict) -> str:
    domain, path = _text(comment.get("domain")).strip(), _text(comment.get("url")).strip()
    if not domain:
        return path  # only --site can place it
    return f"https://{domain}{path if path.startswith('/') else '/' + path}"


def _comment(comment: dict, commenters: dict[str, dict]) -> IncomingComment:
    ref = _text(comment.get("commentHex"))
    parent = _text(comment.get("parentHex"))
    author = _text(comment.get("commenterHex"))
    markdown = _text(comment.get("markdown"))
    deleted = comment.get("deleted") is True or (markdown == DELETED_TEXT and author == ANONYMOUS)
    commenter = commenters.get(author, {})
    if deleted:
        status, name = "deleted", ""
    else:
        status = STATES.get(_text(comment.get("state")), "pending")  # unknown: a moderator sees it
        name = "Anonymous" if author == ANONYMOUS else _text(commenter.get("name"))
    link = _text(commenter.get("link"))
    return IncomingComment(
        ref=ref,
        parent_ref=parent if parent and parent != "root" else None,
        name=name,
        email=""
        if deleted or _text(commenter.get("email")) == UNSET
        else _text(commenter.get("email")),
        website="" if deleted or link == UNSET else link,
        text="" if deleted else markdown,
        markup="markdown",
        created_at=parse_time(_text(comment.get("creationDate"))),  # None: reported
        status=status,
        staff=commenter.get("isModerator") is True,
        source=("commento", ref[:300]) if ref else None,
        install=_text(comment.get("domain")).strip(),  # comment hexes are per domain there
    )
