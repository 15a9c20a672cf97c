"""Accepting a new comment: the checks and decisions between a valid payload and a row."""

from __future__ import annotations

from flask import current_app

from widget import storage
from widget.core.clients import Client
from widget.core.keys import new_edit_token
from widget.core.refusals import Refused
from widget.mail import notifications
from widget.moderation import held, prescreen
from widget.moderation.defences import (
    Reason,
    check_flood,
    classify_with_reasons,
    counted_limits,
    strictest,
)
from widget.moderation.rules import initial_status, is_banned, is_closed
from widget.sites.registry import SiteInfo
from widget.storage.models import Comment, Thread, utcnow
from widget.webhooks import comment_changed

from . import proof as proofs
from .form_tokens import check_form_token
from .names import check_guest_name
from .rendering import render_comment
from .validation import NewComment


def _reply_parent(parent_id: int | None, thread: Thread | None) -> Comment | None:
    """The comment a reply attaches to, respecting the maximum depth."""
    if parent_id is None:
        return None
    parent = storage.find_comment(parent_id)
    if parent is None or thread is None or parent.thread_id != thread.id:
        raise Refused(
            "parent_not_found",
            "The comment you are replying to does not exist in this thread.",
        )
    if parent.status != "published":
        raise Refused("parent_not_published", "The comment you are replying to is not published.")
    # At the deepest level a reply joins its parent's level, as in WordPress.
    max_depth = current_app.config["MAX_REPLY_DEPTH"]
    while parent is not None and parent.depth + 1 >= max_depth:
        parent = storage.find_comment(parent.parent_id) if parent.parent_id else None
    return parent


def _check_flood(thread: Thread | None, new: NewComment, client: Client) -> None:
    now = utcnow()
    poster = storage.Poster(new.email, client.key, thread.id if thread else None, new.text)
    limits = counted_limits(thread, new)
    counts = storage.count_recent(poster, [(limit.kind, now - limit.window) for limit in limits])

    def nth_newest(limit):
        return storage.nth_newest_time(poster, limit.kind, now - limit.window, limit.amount)

    check_flood(limits, counts, nth_newest, now)


def create_comment(site: SiteInfo, new: NewComment, client: Client) -> tuple[Comment, str, str]:
    """Run every check, store the comment; return it, its edit token and the commenter key.

    One transaction: it locks the client's and the email's keys, counts their stored
    comments, and inserts, so concurrent posts from one client are counted exactly.
    """
    check_form_token(new.form_token, site.id, new.thread_key, client)
    check_guest_name(site, new.name, client.language)
    if current_app.config["SPAM_CHECKER"]:
        # A flood is refused before the external checker is asked (it is slow and paid);
        # the exact count follows under the lock.
        _check_flood(storage.find_thread(site.id, new.thread_key), new, client)
    html = render_comment(new.text)
    verdict, reasons = classify_with_reasons(
        site,
        page_url=new.page_url,
        name=new.name,
        email=new.email,
        website=new.website,
        text=new.text,
        html=html,
        client=client,
        honeypot=new.honeypot,
    )
    # The local pre-screen: language and toxicity (None when it is off on this instance).
    screening = prescreen.screen(new.text, site.hold_words)
    screened = prescreen.judge(site, screening, new.reconsidered, client.language)
    if screened:
        verdict, reasons = strictest("pending", verdict), [*reasons, *screened]
    storage.begin_locked(f"client:{client.key}", f"email:{new.email}")
    try:
        comment, token, key = _store(site, new, client, html, verdict, reasons, screening)
        storage.commit()
    except BaseException:
        storage.rollback()
        raise
    return comment, token, key


def _store(
    site: SiteInfo,
    new: NewComment,
    client: Client,
    html: str,
    verdict: str | None,
    reasons: list[Reason],
    screening: prescreen.Screening | None = None,
) -> tuple[Comment, str, str]:
    """The checks that read the database, then the insert (inside the locked transaction)."""
    if is_banned(new.email, client.address):
        raise Refused("banned", "You cannot comment on this site.")
    existing = storage.find_thread(site.id, new.thread_key)
    if existing is not None and is_closed(existing):
        raise Refused("thread_closed", "Comments are closed.")
    parent = _reply_parent(new.parent_id, existing)
    _check_flood(existing, new, client)
    proof = proofs.prove(site.id, new.email, new.commenter_key)
    initial = initial_status(site, proof)
    status = strictest(initial, verdict)
    thread = existing or storage.get_or_create_thread(
        site.id, new.thread_key, new.page_url, new.title
    )
    token, token_hash = new_edit_token()
    comment = storage.add_comment(
        thread,
        parent_id=parent.id if parent else None,
        depth=parent.depth + 1 if parent else 0,
        status=status,
        name=new.name,
        email=new.email,
        website=new.website,
        text=new.text,
        html=html,
        avatar=proofs.avatar(proof),
        commenter_key=proof.key_hash,
        network=client.network,
        client_key=client.key,
        user_agent=client.user_agent,
        edit_token_hash=token_hash,
        language=screening.language if screening else None,
        toxicity=screening.toxicity if screening else None,
        toxicity_model=screening.model if screening else None,
    )
    held.record(comment, status, held.mode_reasons(site, initial), reasons)
    # Mail is queued in this same transaction: sent only if the comment is stored.
    notifications.comment_posted(comment, notify=new.notify, language=client.language)
    comment_changed(comment, None)  # webhooks: created, then published or held
    # ---- read-model bookkeeping: version and count. A new comment's parent is published
    # (or an ancestor of a published one), so no deleted comment changes its placeholder.
    storage.thread_changed(
        thread.id,
        [comment],
        placeholders=False,
        published_added=int(comment.status == "published"),
    )
    return comment, token, proof.key  # type: ignore[return-value]
