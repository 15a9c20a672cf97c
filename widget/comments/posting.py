"""Accepting a new comment: the checks and decisions between a valid payload and a row."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from flask import current_app

from widget import storage
from widget.core.clients import Client
from widget.core.keys import new_edit_token
from widget.core.refusals import Refused
from widget.i18n import _
from widget.identity.badges import stored as stored_badges
from widget.identity.users import badge_keys
from widget.mail import notifications
from widget.moderation import held, ladder, prescreen
from widget.moderation.defences import (
    Reason,
    check_flood,
    classify_with_reasons,
    counted_limits,
    strictest,
)
from widget.moderation.rules import initial_status, is_banned, is_closed
from widget.sites.registry import SiteInfo
from widget.sites.stories import count_links, note_publication
from widget.storage.models import Comment, SiteUser, Thread, utcnow
from widget.webhooks import comment_changed

from . import proof as proofs
from .form_tokens import check_form_token
from .names import check_guest_name
from .rendering import render_comment
from .validation import NewComment


def _reply_parent(
    parent_id: int | None, thread: Thread | None, own_shadow: Callable[[Comment], bool]
) -> Comment | None:
    """The comment a reply attaches to, respecting the maximum depth.

    A shadow-banned commenter sees their own shadow comments as published, so a reply to one
    is taken (and is a shadow comment too): refusing it would tell them of the ban."""
    if parent_id is None:
        return None
    parent = storage.find_comment(parent_id)
    if parent is None or thread is None or parent.thread_id != thread.id:
        raise Refused(
            "parent_not_found",
            _("The comment you are replying to does not exist in this thread."),
        )
    if parent.status != "published" and not (parent.status == "shadow" and own_shadow(parent)):
        raise Refused(
            "parent_not_published", _("The comment you are replying to is not published.")
        )
    # At the deepest level a reply joins its parent's level, as in WordPress.
    max_depth = current_app.config["MAX_REPLY_DEPTH"]
    while parent is not None and parent.depth + 1 >= max_depth:
        parent = storage.find_comment(parent.parent_id) if parent.parent_id else None
    return parent


def _poster_email(new: NewComment, user: SiteUser | None) -> str:
    # A signed-in commenter without an address is counted by their client (an "" email
    # would count every such commenter together).
    return new.email or (f"site-user:{user.id}" if user else "")


def _check_flood(
    thread: Thread | None, new: NewComment, client: Client, user: SiteUser | None = None
) -> None:
    now = utcnow()
    email = _poster_email(new, user)
    poster = storage.Poster(email, client.key, thread.id if thread else None, new.text)
    limits = counted_limits(thread, new)
    counts = storage.count_recent(poster, [(limit.kind, now - limit.window) for limit in limits])

    def nth_newest(limit):
        return storage.nth_newest_time(poster, limit.kind, now - limit.window, limit.amount)

    check_flood(limits, counts, nth_newest, now)


def check_may_comment(site: SiteInfo, user: SiteUser | None, language: str) -> None:
    """Refuse (403 sign_in_required) a guest where the site wants verified commenters,
    and a reader signed in by email where it wants its own accounts only."""
    wanted = site.who_may_comment
    if (wanted == "verified" and user is None) or (
        wanted == "sso" and (user is None or user.kind != "sso")
    ):
        raise Refused(
            "sign_in_required", _("Only signed-in readers can comment on this site; sign in first.")
        )


def create_comment(
    site: SiteInfo, new: NewComment, client: Client, user: SiteUser | None = None
) -> tuple[Comment, str, str]:
    """Run every check, store the comment; return it, its edit token and the commenter key.

    `user`: the verified commenter who signed in (their name and email are in `new`).
    One transaction: it locks the client's and the email's keys, counts their stored
    comments, and inserts, so concurrent posts from one client are counted exactly.
    """
    check_may_comment(site, user, client.language)
    check_form_token(new.form_token, site.id, new.thread_key, client)
    if user is None:  # a verified name is the site's to give
        check_guest_name(site, new.name, client.language)
    if current_app.config["SPAM_CHECKER"]:
        # A flood is refused before the external checker is asked (it is slow and paid);
        # the exact count follows under the lock.
        _check_flood(storage.find_thread(site.id, new.thread_key), new, client, user)
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
    # What needs no lock is decided before it is taken: posts wait for each other on it.
    # Bans and the ladder's rungs are moderators' decisions (on PostgreSQL never under the
    # poster's lock anyway); what the poster proves and the edit token are theirs alone.
    user_id = user.id if user else None
    if is_banned(new.email, client.address, user_id):
        raise Refused("banned", _("You cannot comment on this site."))
    standing = ladder.standing(site.id, new.email, client.network, user_id)
    ladder.check_not_suspended(standing, client.language)
    proof = proofs.prove(site.id, new.email, new.commenter_key, user)
    prepared = _Prepared(
        html,
        verdict,
        reasons,
        screening,
        standing,
        proof,
        new_edit_token(),
        count_links(html),
        _verified_marks(site, user),
        proofs.avatar(proof),
    )
    storage.begin_locked(f"client:{client.key}", f"email:{_poster_email(new, user)}")
    try:
        comment = _store(site, new, client, prepared, user)
        storage.commit()
    except BaseException:
        storage.rollback()
        raise
    return comment, prepared.edit_token[0], proof.key  # type: ignore[return-value]


class _Prepared(NamedTuple):
    """What a post brings to the lock, worked out before it is taken."""

    html: str
    verdict: str | None
    reasons: list[Reason]
    screening: prescreen.Screening | None
    standing: ladder.Standing
    proof: proofs.Proof
    edit_token: tuple[str, str]  # the token, its hash
    links: int
    marks: dict  # a verified commenter's (_verified_marks)
    avatar: str


def _store(
    site: SiteInfo,
    new: NewComment,
    client: Client,
    prepared: _Prepared,
    user: SiteUser | None = None,
) -> Comment:
    """The checks that count or read the thread, then the insert (inside the locked
    transaction: as few statements as the rules allow)."""
    existing = storage.find_thread(site.id, new.thread_key)
    if existing is not None and is_closed(existing):
        raise Refused("thread_closed", _("Comments are closed."))
    parent = _reply_parent(
        new.parent_id,
        existing,
        lambda comment: prepared.standing.shadow and _same_author(comment, new, user),
    )
    _check_flood(existing, new, client, user)
    standing, proof, links = prepared.standing, prepared.proof, prepared.links
    trusted = ladder.trusted(standing, proof)
    mode = existing.moderation if existing is not None else None  # the story's own
    initial = initial_status(site, proof, mode, links, trusted)
    verdict, reasons = ladder.on_post(standing, trusted, prepared.verdict, prepared.reasons)
    status = strictest(initial, verdict)
    if standing.shadow and status != "spam":
        status = "shadow"  # shown to its author and moderators only
    thread = existing or storage.get_or_create_thread(
        site.id, new.thread_key, new.page_url, new.title
    )
    note_publication(thread, new.published)  # what "close after N days" counts from
    screening = prepared.screening
    comment = storage.add_comment(
        thread,
        parent_id=parent.id if parent else None,
        depth=parent.depth + 1 if parent else 0,
        status=status,
        name=new.name,
        email=new.email,
        website=new.website,
        text=new.text,
        html=prepared.html,
        avatar=prepared.avatar,
        commenter_key=proof.key_hash,
        network=client.network,
        client_key=client.key,
        user_agent=client.user_agent,
        edit_token_hash=prepared.edit_token[1],
        **prepared.marks,
        language=screening.language if screening else None,
        toxicity=screening.toxicity if screening else None,
        toxicity_model=screening.model if screening else None,
    )
    held.record(comment, status, held.mode_reasons(site, initial, mode, links), reasons)
    # Mail is queued in this same transaction: sent only if the comment is stored.
    if status != "shadow":  # a shadow-banned commenter's comment causes no mail
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
    return comment


def _same_author(comment: Comment, new: NewComment, user: SiteUser | None) -> bool:
    """Did the poster of `new` write `comment`: the same verified account, else the same email?"""
    if user is not None:
        return comment.site_user_id == user.id
    return bool(new.email) and comment.site_user_id is None and comment.email == new.email


def _verified_marks(site: SiteInfo, user: SiteUser | None) -> dict:
    """A signed-in commenter's comment: tied to them, with their badges and staff role."""
    if user is None:
        return {}
    badges = stored_badges(badge_keys(user), site.badge_labels)
    return {"site_user_id": user.id, "badges": badges, "staff": user.role == "staff"}
