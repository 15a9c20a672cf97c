"""When an event fires, and queueing its deliveries in the transaction of the change.

The use cases call `emit` (or `comment_changed`, which works out the comment events of a
change of status or text) just before they commit: the deliveries are rows of that same
transaction, so a change that rolls back sends nothing. README's "Webhooks" lists when
each event fires. Each process keeps the endpoints beside the sites registry, loaded with
it on the same counter, so a change with no subscribed endpoint costs no query.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from flask import current_app

from widget import storage
from widget.sites.registry import registry
from widget.storage.models import Comment, Notice, Thread, utcnow

from . import payloads
from .signing import new_message_id


@dataclass(frozen=True)
class Subscriber:
    endpoint_id: int
    format: str
    events: frozenset[str]


def load_subscribers(version: int) -> dict[int, list[Subscriber]]:
    """Copy the endpoints into this process (with the sites registry, on the same counter)."""
    by_site: dict[int, list[Subscriber]] = defaultdict(list)
    for endpoint in storage.list_webhook_endpoints():
        by_site[endpoint.site_id].append(
            Subscriber(endpoint.id, endpoint.format, frozenset(endpoint.event_list))
        )
    current_app.extensions["tertulia.webhooks"] = (version, dict(by_site))
    return by_site


def subscribers(site_id: int | None, event: str) -> list[Subscriber]:
    """The site's endpoints that listen to `event` (from this process's copy)."""
    version = registry().version
    cached = current_app.extensions.get("tertulia.webhooks")
    by_site = cached[1] if cached is not None and cached[0] == version else None
    if by_site is None:
        by_site = load_subscribers(version)
    return [s for s in by_site.get(site_id, ()) if event in s.events]


def queue(event: str, data: dict, to: list[Subscriber], comment_id: int | None = None) -> str:
    """One message to each endpoint: one `webhook-id`, the body in each endpoint's format."""
    message_id = new_message_id()
    moment = utcnow()
    for subscriber in to:
        if subscriber.format == "slack":
            body = payloads.slack_body(event, data)
        else:
            body = payloads.standard_body(event, moment, data)
        storage.add_webhook_delivery(subscriber.endpoint_id, message_id, event, body, comment_id)
    return message_id


def _site_of(subject: Comment | Notice | Thread) -> int | None:
    if isinstance(subject, Comment):
        return subject.thread.site_id
    if isinstance(subject, Thread):
        return subject.site_id
    if subject.comment is not None:
        return subject.comment.thread.site_id
    site = payloads.notice_event(subject, None)["site"]
    return site["id"] if site else None


def emit(event: str, subject: Comment | Notice | Thread, **extra) -> None:
    """Queue `event` about `subject` for the endpoints of its site that listen to it."""
    site_id = _site_of(subject)
    to = subscribers(site_id, event)
    if not to:
        return
    comment_id = subject.id if isinstance(subject, Comment) else None
    if isinstance(subject, Comment):
        if event == "comment.held":
            found = storage.hold_reasons([subject.id]).get(subject.id, [])
            extra["reasons"] = payloads.reasons_data(found)
        data = payloads.comment_event(subject, **extra)
    elif isinstance(subject, Notice):
        data = payloads.notice_event(subject, subject.comment)
        comment_id = subject.comment_id
    else:
        data = payloads.thread_event(subject)
    queue(event, data, to, comment_id)


def comment_changed(
    comment: Comment, before: str | None, edited: bool = False, edit_waits: bool = False
) -> None:
    """The events of one change of a comment; `before`: its status before (None: new).

    `edited`: its text changed; `edit_waits`: an author's edit waits for review instead.

    created (not spam) and then published or held; removed when a public comment stops
    being public; held when it starts waiting, or when an edit of a published comment
    waits for review; published when it becomes public; edited when the text of a
    published comment changes in public.
    """
    after = comment.status
    if before is None:
        if after not in ("spam", "shadow"):  # never public: no event
            emit("comment.created", comment)
            _entered(comment, after)
        return
    if before == "published" and after != "published":
        emit("comment.removed", comment, previous_status=before)
    if after != before:
        _entered(comment, after)
    elif after == "published" and (edited or edit_waits):
        emit("comment.held" if edit_waits else "comment.edited", comment)


def _entered(comment: Comment, status: str) -> None:
    if status == "published":
        emit("comment.published", comment)
    elif status == "pending":
        emit("comment.held", comment)


def comments_erased(comments: list[Comment]) -> None:
    """A commenter's data is erased: the deliveries telling of their comments go (sent or
    not), and each public one is removed, in a message that says nothing of them."""
    storage.delete_webhook_deliveries_about([comment.id for comment in comments])
    for comment in comments:
        if comment.status != "published":
            continue
        to = subscribers(comment.thread.site_id, "comment.removed")
        if to:
            data = {
                "site": payloads.site_data(comment.thread.site_id),
                "thread": payloads.thread_data(comment.thread),
                "comment": {"id": comment.id, "thread_id": comment.thread_id, "status": "deleted"},
                "previous_status": "published",
                "erased": True,
            }
            queue("comment.removed", data, to)
