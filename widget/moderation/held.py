"""Why a comment waits: each rule that holds a comment records its reason with it.

The reasons are written in the transaction that holds the comment and shown to
moderators as short labels (i18n.labels.reason_label); readers never see them.
"""

from __future__ import annotations

from collections.abc import Iterable

from widget import storage
from widget.storage.models import Comment, Site

from .defences import Reason


def mode_reasons(site: Site, status: str, mode: str | None = None, links: int = 0) -> list[Reason]:
    """The thread's (`mode`) or the site's moderation mode as a reason, when it held it
    (a `links` thread: the comment's number of links, "2 links")."""
    if status != "pending":
        return []
    mode = mode or site.moderation
    if mode == "links":
        return [("links", str(links))]
    return [("mode", "all")] if mode == "all" else [("first", "")]


def under_review(comment: Comment) -> bool:
    """Is the newsroom reviewing this comment: a confirmed legal notice is open on it, or
    readers' reports hold it? Its author may not change it meanwhile."""
    if comment.status == "pending" and "reports" in storage.hold_codes(comment.id):
        return True
    return storage.count_open_confirmed_notices(comment.id) > 0


def record(comment: Comment, status: str, *groups: Iterable[Reason]) -> None:
    """Store the reasons of a comment that is not published (the rules that objected)."""
    if status == "published":
        return
    reasons = list(dict.fromkeys(reason for group in groups for reason in group))
    if reasons:
        storage.add_hold_reasons(comment.id, reasons)
