"""Moderation rules: who waits, when a thread is closed, what each action does."""

from __future__ import annotations

import ipaddress
from datetime import datetime, timedelta

from . import storage
from .accounts import normalize_email
from .models import Ban, Comment, Moderator, Site, Thread, utcnow
from .rendering import render_comment

# Action -> the status it gives a comment.
ACTIONS = {"approve": "published", "spam": "spam", "delete": "deleted", "hold": "pending"}


def initial_status(site: Site, email: str) -> str:
    """Published or pending, by the site's moderation mode."""
    if site.moderation == "all":
        return "pending"
    if site.moderation == "first":
        trusted = storage.email_has_status(site.id, email, "published")
        ever_spam = storage.email_has_status(site.id, email, "spam")
        return "published" if trusted and not ever_spam else "pending"
    return "published"


def is_closed(thread: Thread) -> bool:
    """Closed by a moderator, or by age when the site closes old threads."""
    if thread.closed:
        return True
    from .sites import site_by_id  # the per-process registry: no query

    site = site_by_id(thread.site_id)
    days = site.close_after_days if site else thread.site.close_after_days
    return bool(days) and utcnow() > thread.created_at + timedelta(days=days)


def apply_action(moderator: Moderator, action: str, comments: list[Comment]) -> int:
    """Give each comment the action's status, log it, commit once; returns how many changed."""
    status = ACTIONS[action]
    changed: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.status == status:
            continue
        storage.record_action(moderator, action, comment, comment.status, status)
        comment.status = status
        comment.updated_at = utcnow()
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
    comment.html = render_comment(text)
    comment.updated_at = utcnow()
    # ---- read-model bookkeeping ----
    storage.thread_changed(comment.thread_id, [comment])
    storage.commit()


def normalize_network(value: str) -> str:
    """An address or network as stored: a single address widens to its /24 or /48."""
    try:
        network = ipaddress.ip_network(value.strip(), strict=False)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not an IP address or network.") from exc
    if network.num_addresses == 1:
        prefix = 24 if network.version == 4 else 48
        network = network.supernet(new_prefix=prefix)
    return str(network)


def is_banned(email: str, network: str) -> bool:
    """Is this email, or a network containing this one, under a ban that has not expired?"""
    bans = storage.list_active_bans(email)
    if any(ban.email == email for ban in bans):
        return True
    try:
        client = ipaddress.ip_network(network)
    except ValueError:
        return False
    for ban in bans:
        if ban.network is None:
            continue
        banned = ipaddress.ip_network(ban.network)
        if banned.version == client.version and client.subnet_of(banned):
            return True
    return False


def ban(moderator: Moderator, kind: str, value: str, expires_at: datetime | None, note: str) -> Ban:
    """Ban an email or a network; ValueError when the value is not one."""
    email = normalize_email(value) if kind == "email" else None
    network = normalize_network(value) if kind == "network" else None
    entry = storage.add_ban(email=email, network=network, note=note, expires_at=expires_at)
    until = expires_at.date().isoformat() if expires_at else "no end"
    storage.record_action(moderator, "ban", detail=f"{email or network} until {until}: {note}")
    storage.commit()
    return entry


def lift_ban(moderator: Moderator, entry: Ban) -> None:
    storage.record_action(moderator, "unban", detail=f"{entry.email or entry.network}")
    storage.delete_ban(entry)
    storage.commit()
