"""Pages the links in mail open (blueprint "mail"): confirm, unsubscribe, moderate.

A GET never acts, because mail scanners open every link; only the page's button (a
POST) does. The signed token in the URL is the authority: no sign-in is needed.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, render_template, request, url_for

from widget import storage
from widget.i18n import _, current_language, in_language, pgettext
from widget.identity import email_sign_in
from widget.mail import links, notifications
from widget.moderation import notices, rules
from widget.web.admin.forms import ButtonForm

from . import limits

bp = Blueprint("mail", __name__, url_prefix="/mail")


def _words(action: str) -> dict[str, str]:
    """The moderation page's question, button and result for an action, translated."""
    if action == "approve":
        return {
            "question": _("Approve this comment?"),
            "ask": pgettext("button", "Approve"),
            "done": _("Approved"),
        }
    if action == "spam":
        return {
            "question": _("Mark this comment as spam?"),
            "ask": pgettext("button", "Mark as spam"),
            "done": _("Marked as spam"),
        }
    return {
        "question": _("Delete this comment?"),
        "ask": pgettext("button", "Delete"),
        "done": _("Deleted"),
    }


@bp.after_request
def private_headers(response: Response) -> Response:
    """The URL holds a token: never cached, indexed, or sent on in a Referer."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@limits.reads
@limits.write_attempts
def confirm(token: str):
    """What notifications send, and the button (its POST confirms the address)."""
    address, comment_id = links.address_from_confirm_token(token)
    with in_language(address.lang):
        form = ButtonForm()
        about = _about_comment(comment_id)
        if form.validate_on_submit():
            notifications.confirm_address(address, comment_id)
            return render_template(
                "mail_pages/done.html",
                lang=address.lang,
                title=_("Confirm notifications"),
                message=_(
                    "Thank you: notifications are on. We will mail you when someone replies."
                ),
                **about,
            )
        return render_template("mail_pages/confirm.html", lang=address.lang, form=form, **about)


def _about_comment(comment_id: int | None) -> dict:
    """The site and article of the comment whose post asked for the confirmation."""
    comment = storage.find_comment(comment_id) if comment_id else None
    return _about(comment.thread_id if comment else None)


def _about(thread_id: object) -> dict:
    """The site the mail was from, and its article (for the way back): None when unknown."""
    thread = storage.find_thread_by_id(thread_id) if isinstance(thread_id, int) else None
    return {"thread": thread, "site_name": thread.site.name if thread else None}


@bp.route("/sign-in/<nonce>", methods=["GET", "POST"])
@limits.reads
@limits.write_attempts
def sign_in(nonce: str):
    """Sign in by email: the page and its button; the POST signs the reader in, once, and
    the tab that asked picks the credential up by itself (identity/email_sign_in.py)."""
    found = email_sign_in.opened(nonce)
    with in_language(found.lang):
        site = storage.find_site(found.site_id)
        about = {"thread": None, "site_name": site.name if site else None}
        form = ButtonForm()
        if form.validate_on_submit():
            email_sign_in.use(nonce)
            return render_template(
                "mail_pages/done.html",
                lang=found.lang,
                title=_("Sign in to comment"),
                message=_(
                    "You are signed in. Go back to the page where you asked: it shows you "
                    "signed in within a few seconds."
                ),
                **about,
            )
        return render_template(
            "mail_pages/sign_in.html", lang=found.lang, form=form, asked=found, **about
        )


@bp.route("/notices/<token>", methods=["GET", "POST"])
@limits.reads
@limits.write_attempts
def confirm_notice(token: str):
    """A notice's sender confirms their address: its button (a POST) lets the notice hold."""
    notice = links.notice_from_confirm_token(token)
    with in_language(notice.lang):
        form = ButtonForm()
        if form.validate_on_submit():
            notices.confirm(notice.id)
            return render_template(
                "mail_pages/done.html",
                lang=notice.lang,
                title=_("Confirm your notice"),
                message=_(
                    "Thank you: your notice {reference} is confirmed. Our moderators will "
                    "review it and mail you their decision.",
                    reference=notice.reference,
                ),
            )
        return render_template(
            "mail_pages/confirm_notice.html", lang=notice.lang, form=form, notice=notice
        )


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@limits.reads
@limits.write_attempts
def unsubscribe(token: str):
    """GET: a page with the buttons. POST: RFC 8058 one-click, done at once (no CSRF token:
    mail clients post it bare; the signed token is the authority)."""
    address, thread_id, about_id = links.read_unsubscribe_token(token)
    with in_language(address.lang):
        about = _about(about_id)
        if request.method == "POST":
            notifications.unsubscribe(address, thread_id)
            message = (
                _("Done: no more mail about replies on this article.")
                if thread_id
                else _("Done: we will not mail you notifications any more.")
            )
            return render_template(
                "mail_pages/done.html",
                lang=address.lang,
                title=_("Stop notifications"),
                message=message,
                **about,
            )
        thread = storage.find_thread_by_id(thread_id) if thread_id else None
        everything = links.unsubscribe_token(address, None, about=about_id)
        return render_template(
            "mail_pages/unsubscribe.html",
            lang=address.lang,
            thread_action=url_for("mail.unsubscribe", token=token) if thread else None,
            all_action=url_for("mail.unsubscribe", token=everything),
            **about,
        )


@bp.route("/moderate/<token>", methods=["GET", "POST"])
@limits.reads
@limits.write_attempts
def moderate(token: str):
    """A held comment and one button; its POST acts as the moderator the link was made for.

    The link binds what its mail showed. If the comment changed since (an author's edit),
    the page says so and shows it as it is now; the button then acts on what the page
    showed (its `shown` field), and on nothing else: an edit that arrives between the
    page and the button is refused with the page again, never published unseen.
    """
    comment, moderator, action, mailed = links.read_moderation_token(token)
    with in_language(moderator.lang or "en"):  # the moderator's, as their mail was
        return _moderate(comment, moderator, action, mailed)


def _moderate(comment, moderator, action: str, mailed: str | None):
    now = links.shown_digest(comment)
    words = _words(action)
    form = ButtonForm()
    status = 200
    if form.validate_on_submit():
        seen = request.form.get("shown") or mailed or ""
        if hmac.compare_digest(seen, now):
            rules.apply_action(moderator, action, [comment], detail="through mail")
            return render_template(
                "mail_pages/moderated.html",
                lang=current_language(),
                comment=comment,
                done=words["done"],
                admin_url=url_for("admin.show_comment", comment_id=comment.id),
            )
        status, mailed = 409, None  # changed after the page was shown: show it again
    page = render_template(
        "mail_pages/moderate.html",
        comment=comment,
        lang=current_language(),
        moderator=moderator,
        action=action,
        **words,
        form=form,
        changed=mailed != now,
        shown=now,
    )
    return page, status
