"""What a webhook says: the event's data (public fields only) as Standard Webhooks JSON or as
Slack's incoming-webhook JSON (a line of text with links to the comment and the queue).

Allowlists, as for readers: a comment's email, address, user agent and edit token are
never named here, nor who reported a comment or sent a notice.
"""

from __future__ import annotations

import json
from datetime import datetime

from flask import current_app, has_request_context, url_for

from widget.comments.public import isoformat, public_comment
from widget.core.urls import origin_of
from widget.i18n import in_language
from widget.i18n.labels import reason_label
from widget.mail import links
from widget.sites.registry import registry
from widget.storage.models import Comment, Notice, Thread

EXCERPT = 300


def admin_url(endpoint: str, **values) -> str:
    """An admin page's address: on WIDGET_PUBLIC_URL, else on the request's host."""
    if current_app.config.get("PUBLIC_URL"):
        return links.absolute_url(endpoint, **values)
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    return url_for(endpoint, **values)


def site_data(site_id: int) -> dict:
    site = registry().by_id.get(site_id)
    return {"id": site_id, "name": site.name if site else ""}


def thread_data(thread: Thread) -> dict:
    return {"id": thread.id, "url": thread.url, "title": thread.title, "closed": thread.closed}


def comment_data(comment: Comment) -> dict:
    """The public fields of the comment, its text, its links, and an edit that waits."""
    data = public_comment(comment)
    deleted = data["status"] == "deleted"  # nothing of what was said (public_comment's rule)
    data.update(
        thread_id=comment.thread_id,
        text="" if deleted else comment.text,
        updated_at=isoformat(comment.updated_at) if comment.updated_at else None,
        url=f"{comment.thread.url}#comment-{comment.id}",
        admin_url=admin_url("admin.show_comment", comment_id=comment.id),
    )
    if comment.pending_text is not None and not deleted:
        data["edit_waiting"] = {"text": comment.pending_text, "html": comment.pending_html}
    return data


def comment_event(comment: Comment, **extra) -> dict:
    thread = comment.thread
    return {
        "site": site_data(thread.site_id),
        "thread": thread_data(thread),
        "comment": comment_data(comment),
        **extra,
    }


def reasons_data(reasons) -> list[dict]:
    """Why a comment waits: code, detail and the English label moderators see."""
    with in_language("en"):  # whoever's request it was: a reader's or a Spanish moderator's
        return [
            {"code": r.code, "detail": r.detail, "label": reason_label(r.code, r.detail)}
            for r in reasons
        ]


def notice_event(notice: Notice, comment: Comment | None) -> dict:
    """A notice by reference and category; never who sent it nor their explanation."""
    data = {
        "notice": {
            "reference": notice.reference,
            "category": notice.category,
            "received_at": isoformat(notice.created_at),
            "decision": notice.decision,
            "statement_of_reasons": notice.statement or None,
            "decided_at": isoformat(notice.decided_at) if notice.decided_at else None,
            "admin_url": admin_url("admin.show_notice", notice_id=notice.id),
        },
        "comment": comment_data(comment) if comment is not None else None,
    }
    if comment is not None:
        data.update(site=site_data(comment.thread.site_id), thread=thread_data(comment.thread))
    else:
        site = registry().by_origin.get(origin_of(notice.thread_url))
        data.update(site=site_data(site.id) if site else None, thread={"url": notice.thread_url})
    return data


def thread_event(thread: Thread) -> dict:
    return {
        "site": site_data(thread.site_id),
        "thread": thread_data(thread),
        "admin_url": admin_url("admin.list_threads", site=thread.site_id),
    }


def standard_body(event: str, moment: datetime, data: dict) -> str:
    """Standard Webhooks' payload: type, timestamp and data, as compact JSON."""
    payload = {"type": event, "timestamp": isoformat(moment), "data": data}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


# ---- Slack's incoming webhooks (and Mattermost's, Rocket.Chat's, Discord's /slack) ----


def slack_escape(text: str) -> str:
    """Slack's three control characters: user text can neither link nor mention (<!channel>)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_link(url: str, label: str) -> str:
    return f"<{url}|{slack_escape(label)}>"


def _headline(event: str, data: dict) -> str:
    comment = data.get("comment") or {}
    title = (data.get("thread") or {}).get("title") or (data.get("thread") or {}).get("url", "")
    who = comment.get("name") or "a deleted comment"
    on = f"{who} on “{title}”"
    notice = data.get("notice") or {}
    reasons = ", ".join(r["label"] for r in data.get("reasons", []))
    report = data.get("report") or {}
    return {
        "comment.created": f"New comment: {on}",
        "comment.held": f"Held for moderation: {on}" + (f" ({reasons})" if reasons else ""),
        "comment.published": f"Published: {on}",
        "comment.removed": f"Removed ({comment.get('status')}): {on}",
        "comment.edited": f"Edited: {on}",
        "report.created": f"Reported ({report.get('reason')}, {report.get('count')} so far): {on}",
        "notice.created": f"Legal notice {notice.get('reference')} ({notice.get('category')}) "
        f"about a comment on “{title}”",
        "notice.decided": f"Legal notice {notice.get('reference')} decided: "
        f"{notice.get('decision')}",
        "thread.closed": f"Comments closed on “{title}”",
        "webhook.test": "A test event from Tertulia: this endpoint receives its webhooks.",
    }.get(event, event)


def slack_body(event: str, data: dict) -> str:
    """`{"text": …}`: what happened, an excerpt, and links to the comment and the queue."""
    site = (data.get("site") or {}).get("name")
    lines = [
        ("*" + slack_escape(site) + "* · " if site else "") + slack_escape(_headline(event, data))
    ]
    comment = data.get("comment") or {}
    if comment.get("text"):
        excerpt = " ".join(comment["text"].split())
        excerpt = excerpt if len(excerpt) <= EXCERPT else excerpt[: EXCERPT - 1] + "…"
        lines.append("> " + slack_escape(excerpt))
    targets = []
    if comment.get("admin_url"):
        targets.append(_slack_link(comment["admin_url"], "Open the comment"))
    if (data.get("notice") or {}).get("admin_url"):
        targets.append(_slack_link(data["notice"]["admin_url"], "Open the notice"))
    targets.append(_slack_link(admin_url("admin.queue"), "Moderation queue"))
    lines.append(" · ".join(targets))
    return json.dumps({"text": "\n".join(lines), "unfurl_links": False}, ensure_ascii=False)
