"""Moderation rules: who waits, when a thread is closed, what each action does."""

from __future__ import annotations

import ipaddress
from datetime import datetime

from widget import storage
from widget.accounts.moderators import normalize_email
from widget.comments import proof as proofs
from widget.comments.rendering import render_comment
from widget.i18n import gettext as _
from widget.mail import notifications
from widget.storage.models import Ban, Comment, Moderator, Site, Thread, utcnow
from widget.webhooks import comment_changed, emit

from . import reporting

# Action -> the status it gives a comment.
ACTIONS = {"approve": "published", "spam": "spam", "delete": "deleted", "hold": "pending"}


def initial_status(
    site: Site,
    proof: proofs.Proof | None,
    mode: str | None = None,
    links: int = 0,
    trusted: bool = False,
) -> str:
    """Published or pending, by the thread's moderation mode (`mode`), else the site's.

    `first` trusts a verified commenter (signed in: widget/identity) whose own comments
    were approved (none marked spam); a guest waits every time, whatever they proved, since
    a browser's key or a mailbox is not an identity a site can hold to account. `links` (a
    thread's only, issue 24) holds any comment with a link in it. A commenter moderators
    trust (`trusted`, moderation/ladder.py) skips the first-comment and link holds.
    """
    mode = mode or site.moderation
    if mode == "all" or (mode == "links" and links and not trusted):
        return "pending"
    if mode == "first":
        earned = proofs.is_verified(proof) and proofs.is_returning(proof)
        return "published" if trusted or earned else "pending"
    return "published"


def is_closed(thread: Thread) -> bool:
    """Closed by a moderator, or by age (the thread's or its site's "close after N days")."""
    if thread.closed:
        return True
    from widget.sites.registry import site_by_id  # the per-process registry: no query
    from widget.sites.stories import story_of

    return story_of(site_by_id(thread.site_id) or thread.site, thread).closed


def set_closed_by(moderator: Moderator, thread: Thread, closed: bool) -> None:
    """Close or reopen a thread, with its audit entry."""
    storage.record_action(
        moderator, "close" if closed else "reopen", detail=thread.title or thread.url
    )
    newly_closed = closed and not thread.closed
    storage.set_thread_closed(thread, closed)
    if newly_closed:
        emit("thread.closed", thread)  # webhooks
    storage.commit()


def apply_action(
    moderator: Moderator, action: str, comments: list[Comment], detail: str = ""
) -> int:
    """Give each comment the action's status, log it, commit once; returns how many changed."""
    status = ACTIONS[action]
    changed: dict[int, list[Comment]] = {}
    for comment in comments:
        edit_waiting = comment.pending_text is not None
        reported = action == "approve" and storage.count_reports(comment.id) > 0
        if comment.status == status and not (action == "approve" and edit_waiting) and not reported:
            continue
        said = detail
        if action == "approve" and edit_waiting:
            said = " ".join(filter(None, [detail, "with the author's edit"]))
        if action == "approve":  # a moderator's decision over readers' reports
            said = "; ".join(filter(None, [said, reporting.cleared_by_moderator(comment)]))
        storage.record_action(moderator, action, comment, comment.status, status, detail=said)
        if action == "approve" and edit_waiting:
            comment.text, comment.html = comment.pending_text, comment.pending_html
            comment.edited_at = utcnow()  # the author's edit, public from now on
        if action in ("approve", "spam", "delete"):  # decided: no edit waits any more
            comment.pending_text = comment.pending_html = None
        before, comment.status = comment.status, status
        comment.updated_at = utcnow()
        comment_changed(comment, before, edited=action == "approve" and edit_waiting)  # webhooks
        notifications.comment_published(comment)  # mail: a reply approved now reaches its parent
        changed.setdefault(comment.thread_id, []).append(comment)
    # ---- read-model bookkeeping: versions, counts, placeholders of each thread touched ----
    for thread_id, in_thread in changed.items():
        storage.thread_changed(thread_id, in_thread)
    storage.commit()
    return sum(map(len, changed.values()))


def edit_text(moderator: Moderator, comment: Comment, text: str) -> None:
    """A moderator's edit goes through the same rendering as a new comment."""
    storage.record_action(
        moderator,
        "edit",
        comment,
        comment.status,
        comment.status,
        detail=f"{len(comment.text)} -> {len(text)} characters",
    )
    comment.text = text
    comment.html = render_comment(text, comment.markup)
    comment.updated_at = utcnow()
    comment_changed(comment, comment.status, edited=True)  # webhooks: edited, if public
    # ---- read-model bookkeeping ----
    storage.thread_changed(comment.thread_id, [comment])
    storage.commit()


def normalize_network(value: str) -> str:
    """An address or network as banned: exactly as given (host bits cleared)."""
    try:
        return str(ipaddress.ip_network(value.strip(), strict=False))
    except ValueError as exc:
        raise ValueError(_("{value} is not an IP address or network.", value=repr(value))) from exc


def is_banned(
    email: str | None,
    address: ipaddress.IPv4Address | ipaddress.IPv6Address | None,
    user_id: int | None = None,
) -> bool:
    """Is this email, verified commenter, or the client's own address, under a ban that has
    not expired?

    The client's full address is matched (it is never stored), so a ban on a single
    address or an IPv6 /64 holds as listed.
    """
    for ban in storage.list_active_bans(email or None, user_id):
        if ban.email is not None and ban.email == email:
            return True
        if ban.site_user_id is not None and ban.site_user_id == user_id:
            return True
        if ban.network is not None and address is not None:
            banned = ipaddress.ip_network(ban.network)
            if banned.version == address.version and address in banned:
                return True
    return False


def ban(moderator: Moderator, kind: str, value: str, expires_at: datetime | None, note: str) -> Ban:
    """Ban an email or a network; ValueError when the value is not one."""
    email = normalize_email(value) if kind == "email" else None
    network = normalize_network(value) if kind == "network" else None
    user = storage.find_site_user_by_id(int(value)) if kind == "user" and value.isdigit() else None
    if kind == "user" and user is None:
        raise ValueError(_("There is no such verified commenter."))
    entry = storage.add_ban(
        email=email,
        network=network,
        note=note,
        expires_at=expires_at,
        site_user_id=user.id if user else None,
    )
    until = f"until {expires_at.date().isoformat()}" if expires_at else "for ever"
    detail = f"{email or network or banned_label(entry)}, {until}" + (
        f"; note: {note}" if note else ""
    )
    storage.record_action(moderator, "ban", detail=detail)
    storage.commit()
    return entry


def lift_ban(moderator: Moderator, entry: Ban) -> None:
    storage.record_action(moderator, "unban", detail=banned_label(entry))
    storage.delete_ban(entry)
    storage.commit()


def banned_label(entry: Ban) -> str:
    """What a ban bans, for moderators: the email, the network, or the verified commenter."""
    if entry.site_user_id is not None:
        user = storage.find_site_user_by_id(entry.site_user_id)
        return f"verified commenter {user.external_id} ({user.name})" if user else "an account"
    return entry.email or entry.network or ""
