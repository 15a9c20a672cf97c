"""What mail an event causes: confirmations, reply notifications, moderators' held mail.

Each function queues its messages in the outbox within the caller's transaction (the
use case commits once); nothing here talks to the SMTP server.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app

from widget import storage
from widget.comments import proof as proofs
from widget.i18n import _, current_language, in_language
from widget.i18n.labels import reason_label
from widget.storage.models import Comment, MailAddress, Moderator, Thread, utcnow

from . import links
from .comment_text import mail_html, plain_text
from .compose import ascii_address, compose

log = logging.getLogger(__name__)


def enabled() -> bool:
    """Mail is on when there is an SMTP server and a public URL to link to."""
    config = current_app.config
    return bool(config.get("SMTP_URL") and config.get("PUBLIC_URL"))


def comment_posted(comment: Comment, notify: bool, language: str) -> None:
    """A new comment: subscribe its author if asked (mail in `language`), tell moderators
    or the author of the comment it answers."""
    if not enabled() or comment.status == "spam":
        return  # a spammer gets nothing mailed through us, not even a confirmation
    if notify:
        _subscribe(comment, language)
    if comment.status == "pending":
        _tell_moderators(comment)
    elif comment.status == "published":
        comment_published(comment)


def comment_published(comment: Comment) -> None:
    """A reply was published: mail the author of the comment it answers, if subscribed."""
    if not enabled() or comment.parent_id is None or comment.status != "published":
        return
    parent = storage.find_comment(comment.parent_id)
    if parent is None or parent.status != "published" or parent.email == comment.email:
        return  # nobody to tell, or their own reply
    address = storage.find_confirmed_subscriber(parent.email, comment.thread_id)
    recipient = address and ascii_address(address.email)
    if not recipient or storage.has_mail_about("reply", address.email, comment.id):
        return
    thread = comment.thread
    with in_language(address.lang):
        title = _title(thread)
        unsubscribe = links.unsubscribe_url(address, thread.id)
        message = _write(
            recipient,
            _("{name} replied to your comment on “{title}”", name=comment.name, title=title),
            "reply",
            address.lang,
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
            name=comment.name,
            text=plain_text(comment.html),  # words without markup, never the typed Markdown
            html=mail_html(comment.html),  # its formatting, links shown as text
            title=title,
            site=thread.site.name,
            comment_url=f"{thread.url}#comment-{comment.id}",
            unsubscribe_thread=unsubscribe,
            unsubscribe_all=links.unsubscribe_url(address, None, about=thread.id),
        )
        _queue("reply", address.email, message, comment.id)


def comment_held(comment: Comment) -> None:
    """A published comment was held (readers' reports, a legal notice): tell moderators."""
    if enabled():
        _tell_moderators(comment)


def _subscribe(comment: Comment, lang: str) -> None:
    """Remember the wish; the first one (or an unconfirmed one) sends a confirmation."""
    address = storage.get_or_add_mail_address(comment.email, lang)
    address.lang = lang
    storage.add_subscription(address.id, comment.thread_id)
    if address.confirmed_at is None:
        _ask_confirmation(address, comment.thread, comment.id)


def _ask_confirmation(address: MailAddress, thread: Thread, comment_id: int) -> None:
    """The double opt-in mail, at most MAIL_CONFIRMATIONS_PER_DAY per address."""
    recipient = ascii_address(address.email)
    limit = current_app.config["MAIL_CONFIRMATIONS_PER_DAY"]
    since = utcnow() - timedelta(days=1)
    if not recipient or storage.count_mail_since(address.email, "confirm", since) >= limit:
        return
    with in_language(address.lang):
        message = _write(
            recipient,
            _("Confirm reply notifications from {site}", site=thread.site.name),
            "confirm",
            address.lang,
            title=_title(thread),
            site=thread.site.name,
            confirm_url=links.confirm_url(address, comment_id),
        )
        _queue("confirm", address.email, message)


def _tell_moderators(comment: Comment) -> None:
    """Each moderator who wants it gets the held comment with signed links to act on it."""
    held_because = storage.hold_reasons([comment.id]).get(comment.id, [])
    for moderator in storage.list_mail_moderators():
        # In the moderator's language (their account page's), else English.
        with in_language(moderator.lang or "en"):
            _tell_moderator(comment, moderator, held_because)


def _tell_moderator(comment: Comment, moderator: Moderator, held_because: list) -> None:
    """One moderator's held-comment mail, in the language of the block around it."""
    thread = comment.thread
    # Why it waits, as the queue says it.
    reasons = [reason_label(reason.code, reason.detail) for reason in held_because]
    recipient = ascii_address(moderator.email)
    if not recipient:
        return
    action_links = {
        action: links.moderation_url(comment, moderator, action)
        for action in links.MODERATION_ACTIONS
    }
    message = _write(
        recipient,
        _(
            "Held for moderation: {name} on “{title}”",
            name=comment.name,
            title=_title(thread),
        ),
        "held",
        current_language(),
        comment=comment,
        reasons=reasons,
        title=_title(thread),
        thread_url=thread.url,
        site=thread.site.name,
        links=action_links,
        admin_url=links.absolute_url("admin.show_comment", comment_id=comment.id),
        account_url=links.absolute_url("admin.account"),
    )
    _queue("held", moderator.email, message, comment.id)


def queue_plain(kind: str, email: str, subject: str, template: str, lang: str, **context) -> None:
    """A mail to one address (a notifier's receipt or decision), in the caller's transaction."""
    recipient = ascii_address(email)
    if recipient:
        _queue(kind, email, _write(recipient, subject, template, lang, **context))


def _queue(kind: str, recipient: str, message: str | None, comment_id: int | None = None) -> None:
    if message is None:
        return
    storage.add_outbox_message(kind, recipient, message, comment_id)


def _write(*args, **kwargs) -> str | None:
    """The message, or None (logged) when it cannot be written: the post goes on, unmailed."""
    try:
        return compose(*args, **kwargs)
    except ValueError:
        log.exception("A mail could not be written; it is skipped")
        return None


def _title(thread: Thread) -> str:
    return thread.title or thread.url


# ---- readers' answers to the mail -------------------------------------------------


def confirm_address(address: MailAddress, comment_id: int | None = None) -> None:
    """The button of the confirmation page: mail may go to this address from now on, and
    the author of the comment that asked has proven it is theirs (comments/proof.py)."""
    if address.confirmed_at is None:
        address.confirmed_at = utcnow()
    comment = storage.find_comment(comment_id) if comment_id else None
    if comment is not None and comment.email == address.email:
        proofs.address_confirmed_by(comment.email, comment.commenter_key)
    storage.commit()


def unsubscribe(address: MailAddress, thread_id: int | None) -> None:
    """Stop mail about one thread; for every thread, also withdraw the confirmation."""
    storage.delete_subscriptions(address.id, thread_id)
    if thread_id is None:
        address.confirmed_at = None  # ticking the box again asks again
    storage.commit()


def retry(message) -> None:
    """A moderator sends a failed message again: queued now, with a fresh retry period."""
    now = utcnow()
    message.status, message.attempts, message.last_error = "queued", 0, ""
    message.next_attempt_at = message.created_at = now
    storage.requeue_mail(message)
    storage.commit()
