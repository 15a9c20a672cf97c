"""Isso's generic JSON: a list of threads (`id` is the page path), each with its comments."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

import ijson

from widget.i18n import gettext as _

from .jsonstream import json_items
from .model import ImportRefused, IncomingComment, IncomingThread
from .xmlstream import parse_time


def read(open_stream: Callable[[], BinaryIO]) -> Iterator[tuple[IncomingThread, list]]:
    """Each thread of the list, one at a time."""
    with open_stream() as stream:
        try:
            for thread in json_items(stream, "item"):
                if not isinstance(thread, dict) or not isinstance(thread.get("comments"), list):
                    raise ImportRefused(
                        _(
                            "This is not Isso's generic JSON: each item of the list must be a "
                            "thread with `id`, `title` and `comments`."
                        )
                    )
                yield _thread(thread), [_comment(thread, c) for c in thread["comments"]]
        except ijson.JSONError as exc:
            raise ImportRefused(
                _("The file is not valid JSON ({error}); nothing was imported.", error=exc)
            ) from exc


def _text(value: object) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _thread(thread: dict) -> IncomingThread:
    return IncomingThread(link=_text(thread.get("id")), title=_text(thread.get("title")))


def _comment(thread: dict, comment: object) -> IncomingComment:
    if not isinstance(comment, dict):
        raise ImportRefused(_("This is not Isso's generic JSON: a comment is not an object."))
    # Comment ids repeat across threads: scope them by the thread's id.
    ref = f"{_text(thread.get('id'))}#{_text(comment.get('id'))}"
    parent = comment.get("parent")
    return IncomingComment(
        ref=ref,
        parent_ref=f"{_text(thread.get('id'))}#{_text(parent)}" if parent is not None else None,
        name=_text(comment.get("author")),
        email=_text(comment.get("email")),
        website=_text(comment.get("website")),
        text=_text(comment.get("text")),  # Isso's comments are Markdown, as ours
        created_at=parse_time(_text(comment.get("created"))),  # None: reported
        status="published",
        address=_text(comment.get("remote_addr")),
        source=("isso", ref[:300]),
    )
