"""Notices of illegal content (EU DSA Art. 16) and moderators' decisions on them (Art. 17).

A notice is stored with a copy of the comment as it was. It holds the comment (out of the
public thread, when its site says so: on by default) only once its sender confirmed their
address through the receipt's link: an anonymous form alone cannot hide a comment. One
open notice per comment and sender (by email, and by network). A moderator decides with a
statement of reasons; the decision is recorded, logged and mailed, and gives the comment
back the status it had before the first notice held it once no other notice holds it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app

from widget import storage
from widget.core.clients import Client
from widget.core.keys import keyed_hash
from widget.core.refusals import Refused
from widget.i18n import _, in_language
from widget.i18n.labels import DECISIONS, NOTICE_SUBJECTS, label
from widget.mail import links, notifications
from widget.sites.registry import site_by_id
from widget.storage.models import Comment, Moderator, utcnow
from widget.storage.models.newsroom import NOTICE_DECISIONS, Notice
from widget.webhooks import comment_changed, emit

from . import held

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # nothing to misread


@dataclass(frozen=True)
class NewNotice:
    """A notice as the form checked it."""

    comment_id: int
    category: str
    explanation: str
    name: str
    email: str
    lang: str


def noticeable(comment_id: int | None) -> Comment:
    """A published comment (or one already held by a notice): what a notice may be about."""
    comment = storage.find_comment(comment_id) if comment_id else None
    if comment is None or comment.status not in ("published", "pending"):
        raise Refused("not_found", _("There is no such comment."))
    if comment.status == "pending" and not storage.count_open_notices(comment.id, holding=True):
        raise Refused("not_found", _("There is no such comment."))
    return comment


def sender_key(comment_id: int, client: Client) -> str:
    """Who sent a notice, as far as one open notice per sender goes: their network."""
    return keyed_hash("notice-sender", f"{comment_id}:{client.network}")


def _reference() -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"DSA-{utcnow():%Y%m%d}-{code}"


def submit(new: NewNotice, client: Client) -> tuple[Notice, bool]:
    """Store the notice and queue its receipt; one commit. (notice, created).

    The sender's open notice on this comment (same email, or same network) answers
    instead of a new one. Nothing is held yet: see `confirm`.
    """
    storage.begin_locked(f"notice:{new.comment_id}")
    try:
        comment = noticeable(new.comment_id)
        sender = sender_key(comment.id, client)
        existing = storage.find_open_notice(comment.id, new.email, sender)
        if existing is not None:
            storage.commit()
            return existing, False
        notice = storage.add_notice(
            reference=_reference(),
            comment_id=comment.id,
            quoted=comment.text,
            thread_url=comment.thread.url,
            category=new.category,
            explanation=new.explanation,
            name=new.name,
            email=new.email,
            lang=new.lang,
            status_before=None,
            statement="",
            moderator_email="",
            client_key=sender,
        )
        _mail(notice, "notice")
        emit("notice.created", notice)
        storage.commit()
    except BaseException:
        storage.rollback()
        raise
    return notice, True


def confirm(notice_id: int) -> Notice | None:
    """The sender pressed the button of the receipt's link: the notice holds its comment now.

    A second confirmation, or one after the decision, changes nothing.
    """
    notice = storage.find_notice(notice_id)
    if notice is None:
        return None
    storage.begin_locked(f"notice:{notice.comment_id}")
    try:
        notice = storage.find_notice(notice_id)
        if notice.confirmed_at is None:
            notice.confirmed_at = utcnow()
            if notice.decision is None and notice.comment is not None:
                _hold(notice, notice.comment)
        storage.commit()
    except BaseException:
        storage.rollback()
        raise
    return notice


def _hold(notice: Notice, comment: Comment) -> None:
    """Hold the comment for a confirmed notice, when the site says so."""
    site = site_by_id(comment.thread.site_id)
    if not (site.hold_on_notice if site else comment.thread.site.hold_on_notice):
        return
    holding = storage.open_notices(comment.id, holding=True)
    if holding:  # held already: the status to give back is the first notice's
        notice.status_before = holding[0].status_before
    elif comment.status == "published":
        notice.status_before = comment.status
    else:
        return  # not public: nothing to hold (a moderator put it aside meanwhile)
    held.record(comment, "pending", [("notice", notice.reference)])
    if comment.status == "published":
        comment.status = "pending"
        comment.updated_at = utcnow()
        notifications.comment_held(comment)
        comment_changed(comment, "published")  # webhooks: removed, held
        # ---- read-model bookkeeping: it leaves the public thread ----
        storage.thread_changed(comment.thread_id, [comment])


def decide(moderator: Moderator, notice: Notice, decision: str, statement: str) -> None:
    """Record the decision and its statement of reasons, act on the comment, mail the notifier."""
    if decision not in NOTICE_DECISIONS:
        raise Refused("invalid_fields", _("Choose a decision."), {"decision": [_("Choose one.")]})
    if not statement.strip():
        raise Refused(
            "invalid_fields",
            _("A statement of reasons is required."),
            {"statement": [_("Write the statement of reasons.")]},
        )
    if notice.decision is not None:
        raise Refused("already_decided", _("This notice was decided already."))
    notice.decision, notice.statement = decision, statement.strip()
    notice.decided_at = utcnow()
    notice.moderator_id, notice.moderator_email = moderator.id, moderator.email
    comment = notice.comment
    before = comment.status if comment else None
    if comment is not None:
        _act_on(comment, notice, decision)
        comment_changed(comment, before)  # webhooks: removed or published again
    emit("notice.decided", notice)
    storage.record_action(
        moderator,
        f"notice_{decision}",
        comment,
        before,
        comment.status if comment else None,
        detail=f"{notice.reference}: {notice.statement}"[:2000],
    )
    _mail(notice, "decision")
    if comment is not None and decision != "keep":
        _mail_author(notice, comment)
    storage.commit()


def _act_on(comment: Comment, notice: Notice, decision: str) -> None:
    """Remove: deleted. Restrict: hidden (deleted), its text kept. Keep: back as it was."""
    if decision == "remove":
        comment.status = "deleted"
        comment.featured = False
    elif decision == "restrict":
        comment.status = "deleted"
        comment.featured = False
    elif (
        notice.status_before is not None  # this notice held it
        and comment.status == "pending"
        and storage.count_open_notices(comment.id, holding=True) == 0
    ):
        # Back as it was before the first notice held it; other holds keep their reasons.
        comment.status = notice.status_before
        storage.delete_hold_reasons(comment.id, None if comment.status != "pending" else "notice")
    if decision == "remove":
        comment.text, comment.html = "", ""
    comment.updated_at = utcnow()
    # ---- read-model bookkeeping ----
    storage.thread_changed(comment.thread_id, [comment])


def _mail(notice: Notice, kind: str) -> None:
    """The receipt or the decision, in the notifier's language, when they gave an email.

    At most MAIL_CONFIRMATIONS_PER_DAY a day to one address: the form cannot be used to
    flood someone else's mailbox.
    """
    if not notifications.enabled() or not notice.email:
        return
    since = utcnow() - timedelta(days=1)
    cap = current_app.config["MAIL_CONFIRMATIONS_PER_DAY"]
    if storage.count_mail_since(notice.email, ("notice", "decision"), since) >= cap:
        return
    with in_language(notice.lang):
        comment = notice.comment
        title = (comment.thread.title if comment else "") or notice.thread_url
        subject = _(NOTICE_SUBJECTS[kind], reference=notice.reference)
        notifications.queue_plain(
            kind,
            notice.email,
            subject,
            f"notice_{kind}",
            notice.lang,
            notice=notice,
            title=title,
            decision=label(DECISIONS, notice.decision) if notice.decision else "",
            confirm_url=links.notice_confirm_url(notice) if notice.confirmed_at is None else None,
        )


def _mail_author(notice: Notice, comment: Comment) -> None:
    """Art. 17: the author of a removed or restricted comment gets the statement of reasons."""
    if not notifications.enabled() or not comment.email:
        return
    address = storage.find_mail_address(comment.email)
    lang = address.lang if address else "en"  # the language they last asked mail in
    with in_language(lang):
        title = comment.thread.title or comment.thread.url
        notifications.queue_plain(
            "decision",
            comment.email,
            _("A decision about your comment on “{title}”", title=title),
            "notice_author",
            lang,
            notice=notice,
            title=title,
            decision=label(DECISIONS, notice.decision),
        )


def export() -> list[dict]:
    """Every notice and its decision, for transparency reports (no notifier's identity)."""
    rows, after = [], 0
    while batch := storage.notices_in_id_order(after, 500):
        for notice in batch:
            rows.append(
                {
                    "reference": notice.reference,
                    "received_at": notice.created_at.isoformat(),
                    "comment_id": notice.comment_id,
                    "url": notice.thread_url,
                    "category": notice.category,
                    "explanation": notice.explanation,
                    "notifier_identified": bool(notice.name or notice.email),
                    "decision": notice.decision,
                    "statement_of_reasons": notice.statement or None,
                    "decided_at": notice.decided_at.isoformat() if notice.decided_at else None,
                }
            )
        after = batch[-1].id
    return rows
