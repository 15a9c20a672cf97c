"""The queue, the list of all comments, one comment's page, and the actions on them."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from widget import storage
from widget.comments.validation import whole_number
from widget.i18n import gettext as _
from widget.i18n import ngettext
from widget.moderation import rules
from widget.storage.models import COMMENT_STATUSES

from .auth import back_target, current_moderator
from .forms import BanForm, ButtonForm, EditCommentForm
from .newsroom import comment_extras, context_for

PAGE_SIZE = 50


def _done(action: str, changed: int) -> str:
    """The flash message of a moderation action: "Approved: 3 comments."."""
    if action == "approve":
        return ngettext("Approved: {n} comment.", "Approved: {n} comments.", changed)
    if action == "spam":
        return ngettext("Marked as spam: {n} comment.", "Marked as spam: {n} comments.", changed)
    if action == "delete":
        return ngettext("Deleted: {n} comment.", "Deleted: {n} comments.", changed)
    return ngettext(
        "Held for moderation: {n} comment.", "Held for moderation: {n} comments.", changed
    )


def _int_arg(name: str) -> int | None:
    return whole_number(request.args.get(name))


def queue():
    """Pending comments, newest first or most likely toxic first, to approve, mark as spam
    or delete."""
    if request.args.get("sort") == "toxic":
        comments = storage.list_pending_by_toxicity(
            _score_key(request.args.get("after")), PAGE_SIZE
        )
        older = None
        if len(comments) == PAGE_SIZE:
            last = comments[-1]
            score = -1.0 if last.toxicity is None else last.toxicity
            older = url_for("admin.queue", sort="toxic", after=f"{score!r}:{last.id}")
    else:
        comments = storage.list_for_moderation(
            status="pending", before_id=_int_arg("before"), limit=PAGE_SIZE
        )
        older = _older(comments)
    return render_template(
        "admin/queue.html",
        comments=comments,
        form=ButtonForm(),
        older=older,
        sort="toxic" if request.args.get("sort") == "toxic" else "newest",
        **context_for(comments),
    )


def _score_key(value: str | None) -> tuple[float, int] | None:
    """The `after` of the toxic-first queue ("score:id"), or None for the first page."""
    score, _, ident = (value or "").partition(":")
    number = whole_number(ident)
    try:
        parsed = float(score)
    except ValueError:
        return None
    if number is None or not -1.0 <= parsed <= 1.0:
        return None
    return parsed, number


def list_all():
    """Every comment, filtered by site, thread, status and a search."""
    status = request.args.get("status") if request.args.get("status") in COMMENT_STATUSES else None
    # Controls (a NUL, say) cannot be in stored text: searching for them finds nothing.
    search = "".join(c for c in request.args.get("q", "") if c.isprintable()).strip()[:200]
    search = search or None
    comments = storage.list_for_moderation(
        status=status,
        site_id=_int_arg("site"),
        thread_id=_int_arg("thread"),
        search=search,
        before_id=_int_arg("before"),
        limit=PAGE_SIZE,
        email=request.args.get("email") or None,
        network=request.args.get("network") or None,
        user_id=_int_arg("user"),
    )
    return render_template(
        "admin/comments.html",
        comments=comments,
        form=ButtonForm(),
        sites=storage.list_sites(),
        statuses=COMMENT_STATUSES,
        filters=request.args,
        older=_older(comments),
        **context_for(comments),
    )


def _older(comments) -> str | None:
    """The link to the next (older) page, keeping the filters."""
    if len(comments) < PAGE_SIZE:
        return None
    args = {**request.args.to_dict(), "before": comments[-1].id}
    return url_for(request.endpoint, **args)


def moderate():
    """Approve, spam, hold or delete one comment (a row's button) or the ticked ones."""
    form = ButtonForm()
    if not form.validate_on_submit():
        abort(400, _("The form expired; please try again."))
    one = request.form.get("only", "")
    if ":" in one:
        comment_id, action = one.split(":", 1)
        ids = [comment_id]
    else:
        action, ids = request.form.get("action", ""), request.form.getlist("ids")
    if action not in rules.ACTIONS:
        abort(400, _("Unknown action."))
    numbers = [n for n in map(whole_number, ids) if n is not None]
    comments = list(storage.find_comments(numbers)) if numbers else []
    changed = rules.apply_action(current_moderator(), action, comments)
    flash(_done(action, changed))
    return redirect(back_target(), 303)


def show_comment(comment_id: int):
    """One comment with everything moderators may see, to edit, moderate, or ban its author."""
    comment = storage.find_comment(comment_id) or abort(404)
    ban_form = BanForm()
    return render_template(
        "admin/comment.html",
        comment=comment,
        form=ButtonForm(),
        edit_form=EditCommentForm(text=comment.text),
        ban_form=ban_form,
        **comment_extras(comment),
    )


def edit_comment(comment_id: int):
    """Save a moderator's edit of the text, rendered like any new comment."""
    comment = storage.find_comment(comment_id) or abort(404)
    form = EditCommentForm()
    if not form.validate_on_submit():
        return render_template(
            "admin/comment.html",
            comment=comment,
            form=ButtonForm(),
            edit_form=form,
            ban_form=BanForm(),
            **comment_extras(comment),
        ), 400
    rules.edit_text(current_moderator(), comment, form.text.data.replace("\r\n", "\n"))
    flash(_("The comment was saved."))
    return redirect(url_for("admin.show_comment", comment_id=comment.id), 303)
