"""Queries of imports and exports: threads and comments written from another system's file.

Every imported thread is written by `create_thread`; imported comments are written a batch
at a time by `batches.CommentBatch` (`import_comment` writes one), and the thread's counts
are redone once at the end (`thread_changed`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select

from .database import db
from .models import (
    Comment,
    CommentLike,
    CommentSource,
    HoldReason,
    Site,
    SiteOrigin,
    Thread,
    utcnow,
)


class Placed(NamedTuple):
    """Where a comment sits: enough to attach replies to it without loading it."""

    id: int
    thread_id: int
    depth: int
    parent_id: int | None


def create_thread(
    site_id: int,
    key: str,
    url: str,
    title: str,
    closed: bool = False,
    created_at: datetime | None = None,
) -> Thread:
    """Add a thread (the caller checked that the key is free); flushed, not committed."""
    thread = Thread(
        site_id=site_id,
        key=key,
        url=url,
        title=title,
        closed=closed,
        created_at=created_at or utcnow(),
    )
    db.session.add(thread)
    db.session.flush()
    return thread


def import_comment(thread: Thread, source: tuple[str, str] | None, **fields) -> Placed:
    """Add one imported comment (validated and rendered) and where it came from; flushed."""
    # Readers see it once published; placeholders are settled by thread_changed after.
    comment = Comment(thread_id=thread.id, listed=fields.get("status") == "published", **fields)
    db.session.add(comment)
    db.session.flush()
    if source is not None:
        system, source_id = source
        db.session.add(
            CommentSource(
                comment_id=comment.id, site_id=thread.site_id, system=system, source_id=source_id
            )
        )
    if comment.likes:
        # A count from the other system: anonymous likes (no client, no voter), so that a
        # reader's like or unlike later recounts them too.
        db.session.add_all(
            CommentLike(comment_id=comment.id, client_key="", created_at=comment.created_at)
            for _ in range(comment.likes)
        )
    placed = Placed(comment.id, thread.id, comment.depth, comment.parent_id)
    # Nothing keeps the row in memory after this: a long import stays flat.
    db.session.expunge(comment)
    return placed


def find_imported(site_id: int, system: str, source_id: str) -> Placed | None:
    """The comment imported from `system`'s `source_id` into this site, if any."""
    row = db.session.execute(
        select(Comment.id, Comment.thread_id, Comment.depth, Comment.parent_id)
        .join(CommentSource, CommentSource.comment_id == Comment.id)
        .where(
            CommentSource.site_id == site_id,
            CommentSource.system == system,
            CommentSource.source_id == source_id,
        )
    ).first()
    return Placed(*row) if row else None


def find_same_comment(thread_id: int, created_at: datetime, email: str, text: str) -> Placed | None:
    """A comment of this thread written at the same instant by the same email with the same
    text: the same comment (how our own export is recognised when imported again)."""
    row = db.session.execute(
        select(Comment.id, Comment.thread_id, Comment.depth, Comment.parent_id)
        .where(
            Comment.thread_id == thread_id,
            Comment.created_at == created_at,
            Comment.email == email,
            Comment.text == text,
        )
        .limit(1)
    ).first()
    return Placed(*row) if row else None


def find_placed(comment_id: int) -> Placed | None:
    row = db.session.execute(
        select(Comment.id, Comment.thread_id, Comment.depth, Comment.parent_id).where(
            Comment.id == comment_id
        )
    ).first()
    return Placed(*row) if row else None


def create_site_with_settings(origins: Sequence[str], **settings) -> Site:
    """Add a site from an export (origins normalised and free); flushed, not committed."""
    site = Site(**settings)
    site.origins = [SiteOrigin(origin=origin) for origin in origins]
    db.session.add(site)
    db.session.flush()
    return site


def iter_threads(site_id: int, batch: int = 200) -> Iterator[Thread]:
    """A site's threads in id order, a batch at a time."""
    last = 0
    while True:
        threads = db.session.scalars(
            select(Thread)
            .where(Thread.site_id == site_id, Thread.id > last)
            .order_by(Thread.id)
            .limit(batch)
        ).all()
        yield from threads
        if len(threads) < batch:
            return
        last = threads[-1].id


def thread_hold_reasons(thread_id: int) -> dict[int, list[tuple[str, str, datetime]]]:
    """The recorded hold reasons (code, detail, when) of a thread's comments, by comment, in
    recorded order: plain rows, so a long export does not keep them in the session."""
    found: dict[int, list[tuple[str, str, datetime]]] = {}
    for comment_id, code, detail, created_at in db.session.execute(
        select(HoldReason.comment_id, HoldReason.code, HoldReason.detail, HoldReason.created_at)
        .join(Comment, Comment.id == HoldReason.comment_id)
        .where(Comment.thread_id == thread_id)
        .order_by(HoldReason.id)
    ):
        found.setdefault(comment_id, []).append((code, detail, created_at))
    return found


def iter_thread_comments(thread_id: int) -> Iterator[tuple[Comment, str | None, str | None]]:
    """A thread's comments, oldest first, each with its import source (system, id) if any."""
    rows = db.session.execute(
        select(Comment, CommentSource.system, CommentSource.source_id)
        .outerjoin(CommentSource, CommentSource.comment_id == Comment.id)
        .where(Comment.thread_id == thread_id)
        .order_by(Comment.created_at, Comment.id)
        .execution_options(yield_per=500)
    )
    for comment, system, source_id in rows:
        yield comment, system, source_id
        db.session.expunge(comment)
