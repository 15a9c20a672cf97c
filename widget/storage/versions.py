"""Write-time bookkeeping that keeps reads cheap, and the one query a cached read runs.

Every write that changes what readers see of a thread calls `thread_changed` once, in
its transaction, before it commits; every change of the sites calls `sites_changed`.
Caches in every worker and instance compare these numbers with their own and so see
a change at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import Engine, bindparam, event, func, select, update
from sqlalchemy.orm import Session, aliased

from .database import db
from .models import Comment, Counter, Sanction, Site, SiteOrigin, Thread, WebhookEndpoint

SITES = "sites"


def thread_changed(
    thread_id: int,
    comments: Iterable[Comment] = (),
    *,
    placeholders: bool = True,
    published_added: int | None = None,
) -> None:
    """Bump the thread's version, recount it, and mark which of its comments readers see.

    `comments` are the ones this write added or changed. Deleted comments of the thread
    are listed while a published comment lies somewhere below them: `placeholders=False`
    skips that walk when the write cannot change it (a new comment). A write that only
    adds comments says how many of them are published (`published_added`): the count
    moves by that much instead of being taken again over the whole thread.
    """
    for comment in comments:
        if comment.listed != (comment.status == "published"):
            comment.listed = comment.status == "published"
    db.session.flush()
    if placeholders:
        db.session.execute(
            update(Comment)
            .where(Comment.thread_id == thread_id, Comment.status == "deleted")
            .values(listed=Comment.id.in_(_deleted_with_live_replies(thread_id)))
            .execution_options(synchronize_session=False)
        )
    if published_added is not None:  # the UPDATE adds atomically, whatever else commits
        # Every post runs this: one statement built once, on the session's connection.
        db.session.connection().execute(_BUMP, {"thread_id": thread_id, "added": published_added})
    else:
        published = (
            select(func.count(Comment.id))
            .where(Comment.thread_id == thread_id, Comment.status == "published")
            .scalar_subquery()
        )
        db.session.execute(
            update(Thread)
            .where(Thread.id == thread_id)
            .values(version=Thread.version + 1, published_count=published)
            .execution_options(synchronize_session=False)
        )
    thread = db.session.identity_map.get(db.session.identity_key(Thread, thread_id))
    if thread is not None:
        db.session.expire(thread, ["version", "published_count"])


_THREADS = Thread.__table__
_BUMP = (
    update(_THREADS)
    .where(_THREADS.c.id == bindparam("thread_id"))
    .values(
        version=_THREADS.c.version + 1,
        published_count=_THREADS.c.published_count + bindparam("added"),
    )
)


def _deleted_with_live_replies(thread_id: int):
    """Ids of the thread's deleted comments with a published comment somewhere below.

    Walks down from the deleted comments only (few), not the whole thread; runs at
    write time only.
    """
    subtree = (
        select(Comment.id.label("root"), Comment.id.label("node"))
        .where(Comment.thread_id == thread_id, Comment.status == "deleted")
        .cte("subtree", recursive=True)
    )
    above = subtree.alias()
    child = aliased(Comment)
    subtree = subtree.union_all(
        select(above.c.root, child.id).where(child.parent_id == above.c.node)
    )
    below = aliased(Comment)
    return (
        select(subtree.c.root)
        .join(below, below.id == subtree.c.node)
        .where(below.status == "published")
    )


def sites_changed() -> None:
    """Bump the sites counter: every process reloads its registry on its next request.

    Any flush that adds, changes or deletes a site, an origin, a webhook endpoint or a
    sanction (each process keeps the endpoints and the sanctioned sites beside the sites)
    calls it by itself (below), whoever
    wrote: admin pages, the CLI, a test.
    """
    db.session.execute(
        update(Counter)
        .where(Counter.name == SITES)
        .values(value=Counter.value + 1)
        .execution_options(synchronize_session=False)
    )


@event.listens_for(Session, "before_flush")
def _note_site_changes(session: Session, _context, _instances) -> None:
    changed = [*session.new, *session.deleted] + [
        obj for obj in session.dirty if session.is_modified(obj)
    ]
    # Sanctions too: each process knows which sites have any (moderation/ladder.py), so a
    # post on a site without them costs no query.
    if any(isinstance(obj, Site | SiteOrigin | WebhookEndpoint | Sanction) for obj in changed):
        session.info["sites_changed"] = True


@event.listens_for(Session, "after_flush")
def _bump_sites_counter(session: Session, _context) -> None:
    if session.info.pop("sites_changed", False):
        session.connection().execute(
            update(Counter.__table__)
            .where(Counter.__table__.c.name == SITES)
            .values(value=Counter.__table__.c.value + 1)
        )


_SITES_VERSION = select(Counter.__table__.c.value).where(Counter.__table__.c.name == SITES)


def sites_version() -> int:
    # Once per request that checks the registry: built once, on the session's connection.
    return db.session.connection().scalar(_SITES_VERSION) or 0


class ThreadState(NamedTuple):
    """What a cached read checks: the sites counter and the thread's row (None: no thread)."""

    sites_version: int
    thread_id: int | None
    version: int
    published_count: int
    closed: bool
    title: str
    created_at: datetime | None
    # Story settings (issue 24): None means the site's value.
    moderation: str | None = None
    close_after_days: int | None = None
    message_html: str | None = None
    mode: str | None = None
    published_at: datetime | None = None


# The hot path of every read, written out once per dialect: no statement is built per request.
_STATE_SQL = (
    "SELECT c.value, t.id, t.version, t.published_count, t.closed, t.title, t.created_at, "
    "t.moderation, t.close_after_days, t.message_html, t.mode, t.published_at "
    'FROM counters AS c LEFT JOIN threads AS t ON t.site_id = {site} AND t."key" = {key} '
    "WHERE c.name = 'sites'"
)
_PLACEHOLDERS = {"qmark": ("?", "?"), "pyformat": ("%(site)s", "%(key)s")}


def thread_state(site_id: int, key: str, engine: Engine | None = None) -> ThreadState:
    """The sites counter and the thread's version and header, in one statement.

    Without the ORM or a Connection: this runs on every read. `engine`: the app's, for a
    caller outside an app context (web/fast_reads.py).
    """
    engine = engine or db.engine
    style = engine.dialect.paramstyle
    site, key_mark = _PLACEHOLDERS.get(style, _PLACEHOLDERS["pyformat"])
    params = (site_id, key) if style == "qmark" else {"site": site_id, "key": key}
    statement = _STATE_SQL.format(site=site, key=key_mark)
    # The driver's own cursor on a pooled connection (returned, and its transaction
    # ended, at once): a third of the cost of going through a Connection. The engine's
    # statement event still fires, so the statement counts like any other.
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        engine.dispatch.before_cursor_execute(None, cursor, statement, params, None, False)
        cursor.execute(statement, params)
        row = cursor.fetchone()
        cursor.close()
    finally:
        connection.close()
    if row is None:  # a database without the counter row: never cache
        return ThreadState(-1, None, 0, 0, False, "", None)
    value, thread_id, version, count, closed, title, created_at, *story = row
    moderation, close_after_days, message_html, mode, published_at = story
    return ThreadState(
        value,
        thread_id,
        version or 0,
        count or 0,
        bool(closed),
        title or "",
        _aware(created_at),
        moderation,
        close_after_days,
        message_html,
        mode,
        _aware(published_at),
    )


def _aware(moment: datetime | str | None) -> datetime | None:
    """A raw column's time as an aware UTC datetime (SQLite keeps text)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.replace(tzinfo=UTC) if moment is not None else None
