"""What the public may see: allowlists of fields, never a whole model."""

from __future__ import annotations

from datetime import UTC, datetime

from widget.identity.badges import shown as shown_badges
from widget.storage.models import Comment

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
    "likes",  # readers' likes that stand (issue 13)
    "edited_at",  # when its author last changed the text readers see, or None
)


def isoformat(moment: datetime) -> str:
    """ISO 8601 in UTC with a `Z`, as browsers' Date parses it."""
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def public_comment(comment: Comment, for_author: bool = False) -> dict:
    """The public fields of a comment; its author sees held spam as merely pending."""
    values = {field: getattr(comment, field) for field in PUBLIC_COMMENT_FIELDS}
    values["created_at"] = isoformat(comment.created_at)
    values["edited_at"] = comment.edited_at and isoformat(comment.edited_at)
    if for_author and values["status"] == "spam":
        values["status"] = "pending"
    if for_author and values["status"] == "shadow":  # seen as public by its author only
        values["status"] = "published"
    if for_author and comment.pending_html is not None:  # an edit awaiting review
        values.update(html=comment.pending_html, status="pending")
    values.update(newsroom_marks(comment))
    # A signed-in commenter's (issue 23): their badges' labels, and that they are verified.
    values.update(badges=shown_badges(comment.badges), verified=comment.site_user_id is not None)
    if values["status"] == "deleted":
        # A placeholder that keeps its replies in context; nothing of what was said.
        values.update(
            name="",
            website=None,
            avatar="",
            html="",
            featured=False,
            staff=False,
            edited_at=None,
            badges=[],
            verified=False,
        )
    return values


def newsroom_marks(comment: Comment) -> dict:
    """Set by moderators only (featured, a staff reply): never taken from a request."""
    return {"featured": bool(comment.featured), "staff": bool(comment.staff)}


def comment_tree(comments: list[dict]) -> list[dict]:
    """Nest public comments under their parents: each gets a `replies` list.

    A comment whose parent is not among them (another page, not published) is
    shown at the top level rather than lost.
    """
    nodes = {comment["id"]: {**comment, "replies": []} for comment in comments}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node["parent_id"])
        (parent["replies"] if parent else roots).append(node)
    return roots


def public_thread(
    url: str, title: str, closed: bool, count: int, story: dict | None = None
) -> dict:
    """A thread's header; `story`: its effective settings (sites/stories.public_story)."""
    return {"url": url, "title": title, "closed": closed, "count": count, **(story or {})}
