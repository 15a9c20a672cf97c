"""What the public may see: allowlists of fields, never a whole model."""

from __future__ import annotations

from datetime import UTC, datetime

from .models import Comment, Thread

# Email, address, user agent and edit token are private: they are not listed here.
PUBLIC_COMMENT_FIELDS = (
    "id",
    "parent_id",
    "name",
    "website",
    "avatar",
    "html",
    "created_at",
    "status",
)


def isoformat(moment: datetime) -> str:
    """ISO 8601 in UTC with a `Z`, as browsers' Date parses it."""
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def public_comment(comment: Comment) -> dict:
    values = {field: getattr(comment, field) for field in PUBLIC_COMMENT_FIELDS}
    values["created_at"] = isoformat(comment.created_at)
    return values


def public_thread(url: str, thread: Thread | None, count: int) -> dict:
    return {
        "url": url,
        "title": thread.title if thread else "",
        "closed": thread.closed if thread else False,
        "count": count,
    }
