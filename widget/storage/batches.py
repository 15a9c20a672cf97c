"""Imported comments written a batch at a time: a few statements per thousand comments.

An import holds the write lock for its whole transaction (storage.begin_locked), so the ids of
the comments it writes can be reserved before they are written: replies name their parent by
id at once, and each batch goes to the database as one multi-row insert per table, in the
order the comments were placed (a parent always before its replies).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Table, func, select, text, update

from .database import db
from .imports import Placed
from .models import Comment, CommentLike, CommentSource, HoldReason, Thread

BATCH = 1000  # rows per insert: a bounded memory, and few statements
LOOKUP = 500  # source ids per `IN (…)`: under every backend's limit of bound parameters


class CommentBatch:
    """Comments to insert; `add` returns where each sits, `flush` writes what waits."""

    def __init__(self, size: int = BATCH) -> None:
        self.size = size
        self.rows: list[dict] = []
        self.sources: list[dict] = []
        self.likes: list[dict] = []
        self.holds: list[dict] = []
        self.ids: list[int] = []  # reserved, not yet used (kept in reverse: pop() is the next)
        self.next_sqlite_id: int | None = None
        self.postgresql = db.session.get_bind().dialect.name == "postgresql"

    def add(
        self,
        thread: Thread,
        source: tuple[str, str] | None,
        fields: dict,
        hold_reasons: Sequence[tuple[str, str, datetime | None]] = (),
    ) -> Placed:
        """Queue one comment's columns (checked and rendered) and why it was held (our own
        export's (code, detail, when)); its id is known at once."""
        comment_id = self._next_id()
        fields["id"], fields["thread_id"] = comment_id, thread.id
        # Readers see it once published; placeholders are settled at the end.
        fields["listed"] = fields["status"] == "published"
        self.rows.append(fields)
        if source is not None:
            system, source_id = source
            self.sources.append(
                {
                    "comment_id": comment_id,
                    "site_id": thread.site_id,
                    "system": system,
                    "source_id": source_id,
                }
            )
        # A count from the other system: anonymous likes (no client, no voter), so that a
        # reader's like or unlike later recounts them too.
        self.likes.extend(
            {"comment_id": comment_id, "client_key": "", "created_at": fields["created_at"]}
            for _ in range(fields.get("likes") or 0)
        )
        self.holds.extend(
            {
                "comment_id": comment_id,
                "code": code,
                "detail": detail,
                "created_at": when or fields["created_at"],
            }
            for code, detail, when in hold_reasons
        )
        if len(self.rows) >= self.size or len(self.likes) >= self.size:
            self.flush()
        return Placed(comment_id, thread.id, fields["depth"], fields["parent_id"])

    def flush(self) -> None:
        """Write the waiting comments, their sources and likes (a statement each)."""
        for table, waiting in (
            (Comment.__table__, self.rows),
            (CommentSource.__table__, self.sources),
            (CommentLike.__table__, self.likes),
            (HoldReason.__table__, self.holds),
        ):
            if waiting:
                _insert(table, waiting)
                waiting.clear()

    def _next_id(self) -> int:
        if self.postgresql:
            if not self.ids:
                self.ids = _reserve_postgresql_ids(self.size)[::-1]
            return self.ids.pop()
        if self.next_sqlite_id is None:
            # SQLite: no other writer while the import holds the lock; max + 1 is what
            # SQLite itself would give, and nothing else inserts comments meanwhile.
            self.next_sqlite_id = (db.session.scalar(select(func.max(Comment.id))) or 0) + 1
        self.next_sqlite_id += 1
        return self.next_sqlite_id - 1


def _insert(table: Table, rows: list[dict]) -> None:
    """INSERT rows that all have the same keys, through the driver: SQLAlchemy's handling of
    each row's parameters cost more than the writing. Each value still goes through its
    column type's own conversion (times, booleans) and absent columns get their defaults.
    SQLite: one prepared statement run per row, in C (executemany). PostgreSQL: the rows
    as one array per column in one statement, instead of a statement per row, however
    pipelined."""
    connection = db.session.connection()
    dialect = connection.dialect
    names = list(rows[0])
    fixed = {
        column.key: column.default.arg
        for column in table.columns
        if column.key not in rows[0] and column.default is not None and column.default.is_scalar
    }
    columns = [table.c[name] for name in [*names, *fixed]]
    converters = [
        (index, converter)
        for index, column in enumerate(columns)
        if (converter := column.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    values = []
    for row in rows:
        value = [row[name] for name in names]
        value.extend(fixed.values())
        for index, converter in converters:
            if value[index] is not None:  # (most times are None: not edited)
                value[index] = converter(value[index])
        values.append(tuple(value))
    quote = dialect.identifier_preparer.quote
    head = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(column.name) for column in columns)}) VALUES "
    )
    if dialect.name != "postgresql":
        connection.exec_driver_sql(head + f"({', '.join('?' * len(columns))})", values)
        return
    # One array per column, zipped back into rows by unnest: a short statement (psycopg parses
    # a long one's placeholders in Python, and then it costs more than the writing).
    arrays = tuple(list(column) for column in zip(*values, strict=True))
    casts = ", ".join(f"%s::{column.type.compile(dialect)}[]" for column in columns)
    connection.exec_driver_sql(
        head.removesuffix("VALUES ") + f"SELECT * FROM unnest({casts})", arrays
    )


def _reserve_postgresql_ids(count: int) -> list[int]:
    return list(
        db.session.scalars(
            text(
                "SELECT nextval(pg_get_serial_sequence('comments', 'id')) "
                "FROM generate_series(1, :count)"
            ),
            {"count": count},
        )
    )


def has_imported(site_id: int, system: str) -> bool:
    """Whether any comment was imported into the site from `system` (a first import asks
    nothing more: its comments cannot be there already)."""
    return (
        db.session.scalar(
            select(CommentSource.comment_id)
            .where(CommentSource.site_id == site_id, CommentSource.system == system)
            .limit(1)
        )
        is not None
    )


def find_imported_many(
    site_id: int, sources: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], Placed]:
    """Of these (system, source id) pairs, the ones already imported into the site."""
    by_system: dict[str, list[str]] = {}
    for system, source_id in sources:
        by_system.setdefault(system, []).append(source_id)
    found: dict[tuple[str, str], Placed] = {}
    for system, ids in by_system.items():
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), LOOKUP):
            rows = db.session.execute(
                select(
                    CommentSource.source_id,
                    Comment.id,
                    Comment.thread_id,
                    Comment.depth,
                    Comment.parent_id,
                )
                .join(Comment, CommentSource.comment_id == Comment.id)
                .where(
                    CommentSource.site_id == site_id,
                    CommentSource.system == system,
                    CommentSource.source_id.in_(unique[start : start + LOOKUP]),
                )
            )
            for source_id, *placed in rows:
                found[(system, source_id)] = Placed(*placed)
    return found


def imported_threads_changed(thread_ids: list[int]) -> None:
    """`thread_changed` for an import's threads, a few statements per LOOKUP threads instead
    of three per thread: versions bumped, published comments counted, and deleted comments
    listed while a published comment lies somewhere below them (as placeholders)."""
    comments, threads = Comment.__table__, Thread.__table__
    db.session.flush()
    for start in range(0, len(thread_ids), LOOKUP):
        chunk = thread_ids[start : start + LOOKUP]
        db.session.execute(
            update(comments)
            .where(comments.c.thread_id.in_(chunk), comments.c.status == "deleted")
            .values(listed=comments.c.id.in_(_deleted_with_live_replies(chunk)))
        )
        published = (
            select(func.count())
            .where(comments.c.thread_id == threads.c.id, comments.c.status == "published")
            .scalar_subquery()
        )
        db.session.execute(
            update(threads)
            .where(threads.c.id.in_(chunk))
            .values(version=threads.c.version + 1, published_count=published)
        )
        for thread_id in chunk:  # what the session holds of them is stale now
            thread = db.session.identity_map.get(db.session.identity_key(Thread, thread_id))
            if thread is not None:
                db.session.expire(thread, ["version", "published_count"])


def _deleted_with_live_replies(thread_ids: list[int]):
    """Ids of the threads' deleted comments with a published comment somewhere below (a walk
    down from the deleted comments only: few)."""
    comments = Comment.__table__
    subtree = (
        select(comments.c.id.label("root"), comments.c.id.label("node"))
        .where(comments.c.thread_id.in_(thread_ids), comments.c.status == "deleted")
        .cte("subtree", recursive=True)
    )
    above, child, below = subtree.alias(), comments.alias("child"), comments.alias("below")
    subtree = subtree.union_all(
        select(above.c.root, child.c.id).where(child.c.parent_id == above.c.node)
    )
    return (
        select(subtree.c.root)
        .join(below, below.c.id == subtree.c.node)
        .where(below.c.status == "published")
    )
