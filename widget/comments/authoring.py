"""What authors may do with their own comments, proven by the edit token: edit, delete."""

from __future__ import annotations

import hmac
from datetime import timedelta

from flask import current_app
from werkzeug.datastructures import MultiDict

from widget import storage
from widget.core.clients import Client
from widget.core.keys import hash_edit_token
from widget.core.refusals import Refused, invalid_fields
from widget.i18n import _, ngettext
from widget.identity import users
from widget.moderation import held, ladder, prescreen
from widget.moderation.defences import classify_with_reasons, strictest
from widget.moderation.rules import initial_status, is_banned, is_closed
from widget.sites.registry import site_by_id, site_for_page
from widget.sites.stories import count_links
from widget.storage.models import Comment, utcnow
from widget.webhooks import comment_changed

from .forms import CommentForm
from .proof import proof_of
from .rendering import render_comment


def own_comment(
    comment_id: int, token: object, caller_origin: str | None, bearer: str | None = None
) -> Comment:
    """The comment, when `token` is its edit token (or `bearer` signs in its verified
    author, from any device) and the caller's origin is its site's."""
    comment = storage.find_comment(comment_id)
    if comment is None or comment.status == "deleted":
        raise Refused("not_found", _("There is no such comment."))
    site = site_for_page(comment.thread.url, caller_origin)  # refused unless from its site
    has_token = isinstance(token, str) and hmac.compare_digest(
        hash_edit_token(token), comment.edit_token_hash
    )
    # Without the edit token (another device), a verified author's sign-in proves it.
    signed_in = (
        not has_token
        and bearer is not None
        and comment.site_user_id is not None
        and users.sign_in(site, bearer).id == comment.site_user_id
    )
    if not (has_token or signed_in):
        raise Refused("bad_edit_token", _("This comment can only be changed by its author."))
    minutes = current_app.config["EDIT_WINDOW_MINUTES"]
    if utcnow() > comment.created_at + timedelta(minutes=minutes):
        raise Refused(
            "edit_window_closed",
            ngettext(
                "Comments can be changed for {n} minute after posting.",
                "Comments can be changed for {n} minutes after posting.",
                minutes,
            ),
        )
    return comment


def edit_own(comment: Comment, text: object, client: Client) -> Comment:
    """New text, checked and rendered as a new comment's.

    An edit never reaches the public unreviewed: where the comment would be held if
    posted now, a published comment keeps its approved text and the edit waits for a
    moderator; while a notice or reports hold it, the edit is refused (under_review).
    Closed threads and banned authors are refused as new posts are.
    """
    if held.under_review(comment):  # what moderators review must not change under them
        raise Refused(
            "under_review",
            _("Moderators are reviewing this comment, so it cannot be edited until they decide."),
        )
    if not isinstance(text, str):
        raise invalid_fields({"text": ["Must be a string."]})
    form = CommentForm(formdata=MultiDict({"text": text}), meta={"csrf": False})
    form.language = client.language
    if not form.text.validate(form, extra_validators=[CommentForm.validate_text]):
        raise invalid_fields({"text": form.text.errors})
    thread = comment.thread
    if is_banned(comment.email, client.address, comment.site_user_id):
        raise Refused("banned", _("You cannot comment on this site."))
    site_id = thread.site_id
    ladder.check_not_suspended(
        ladder.standing(site_id, comment.email, client.network, comment.site_user_id),
        client.language,
    )
    if is_closed(thread):
        raise Refused("thread_closed", _("Comments are closed."))
    html = render_comment(form.text.data, comment.markup)
    verdict, reasons = classify_with_reasons(
        site_by_id(thread.site_id) or thread.site,
        page_url=thread.url,
        name=comment.name,
        email=comment.email,
        website=comment.website,
        text=form.text.data,
        html=html,
        client=client,
    )
    # The pre-screen (issue 25): an edit is not nudged; over the threshold, it is held.
    site = site_by_id(thread.site_id) or thread.site
    screening = prescreen.screen(form.text.data, site.hold_words)
    screened = prescreen.judge(site, screening, True, client.language)
    if screened:
        verdict, reasons = strictest("pending", verdict), [*reasons, *screened]
    if screening is not None:
        comment.language, comment.toxicity = screening.language, screening.toxicity
        comment.toxicity_model = screening.model
    initial = before = comment.status
    if comment.status == "published":
        author = proof_of(
            thread.site_id, comment.email, comment.commenter_key, comment.site_user_id
        )
        initial = initial_status(thread.site, author, thread.moderation, count_links(html))
        decision = strictest(initial, verdict)
    else:  # not public: the edit replaces the text, and can only make things stricter
        decision = strictest(comment.status, verdict)
    if comment.status == "published" and decision == "pending":
        comment.pending_text, comment.pending_html = form.text.data, html
        mode = held.mode_reasons(thread.site, initial, thread.moderation, count_links(html))
        held.record(comment, decision, [("edit", "")], mode, reasons)
    else:
        if decision != comment.status:
            held.record(comment, decision, reasons)
        comment.status = decision
        if comment.text != form.text.data:
            comment.edited_at = utcnow()
        comment.text, comment.html = form.text.data, html
        comment.pending_text = comment.pending_html = None
    comment.updated_at = utcnow()
    # webhooks: edited, held (the edit waits) or removed
    comment_changed(comment, before, edited=True, edit_waits=comment.pending_text is not None)
    # ---- read-model bookkeeping ----
    storage.thread_changed(comment.thread_id, [comment])
    storage.commit()
    return comment


def delete_own(comment: Comment) -> Comment:
    """Withdraw a comment; if it has replies, they stay under "This comment was deleted."."""
    before, comment.status = comment.status, "deleted"
    comment.updated_at = utcnow()
    comment_changed(comment, before)  # webhooks: removed, if it was public
    # ---- read-model bookkeeping: its ancestors may stop being placeholders ----
    storage.thread_changed(comment.thread_id, [comment])
    storage.commit()
    return comment
