"""Admin pages of newsroom moderation: reported comments, notices, featuring, staff replies."""

from __future__ import annotations

import json

from flask import abort, flash, redirect, render_template, request, url_for

from widget import storage
from widget.comments.validation import whole_number
from widget.core.refusals import Refused
from widget.i18n import gettext as _
from widget.i18n.labels import decision_label, ladder_label, reason_label
from widget.moderation import ladder, newsroom, notices, rules
from widget.storage.models import Comment
from widget.storage.models.newsroom import NOTICE_DECISIONS

from .auth import current_moderator
from .forms import ButtonForm, DecisionForm, LadderForm, StaffReplyForm

PAGE_SIZE = 50


def labels() -> dict:
    """What every admin page may show: hold reasons as labels in the moderator's language."""
    return {
        "reason_label": lambda reason: reason_label(reason.code, reason.detail),
        "open_notice_count": storage.count_open_notices() if current_moderator() else 0,
    }


def context_for(comments) -> dict:
    """Reasons, report summaries and the comments replied to, of a page of comments: three
    queries (a held reply makes sense only with what it answers)."""
    ids = [comment.id for comment in comments]
    parent_ids = {comment.parent_id for comment in comments if comment.parent_id}
    parents = storage.find_comments(sorted(parent_ids)) if parent_ids else []
    return {
        "reasons": storage.hold_reasons(ids),
        "reports": storage.report_summaries(ids),
        "parents": {parent.id: parent for parent in parents},
    }


def reported():
    """Comments readers reported, held or not, with the count and the reasons."""
    comments = storage.list_reported(whole_number(request.args.get("before")), PAGE_SIZE)
    older = None
    if len(comments) == PAGE_SIZE:
        older = url_for("admin.reported", before=comments[-1].id)
    return render_template(
        "admin/reported.html",
        comments=comments,
        form=ButtonForm(),
        older=older,
        **context_for(comments),
    )


def list_notices():
    """Notices of illegal content: open ones first, then the decided ones."""
    return render_template("admin/notices.html", notices=storage.list_notices())


def show_notice(notice_id: int):
    """One notice, the comment as noticed, and the decision form (a statement of reasons)."""
    notice = storage.find_notice(notice_id) or abort(404)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            notices.decide(current_moderator(), notice, form.decision.data, form.statement.data)
        except Refused as refusal:
            flash(refusal.message)
        else:
            flash(
                _(
                    "Decided: {reference} ({decision}).",
                    reference=notice.reference,
                    decision=decision_label(notice.decision),
                )
            )
            return redirect(url_for("admin.list_notices"), 303)
    return render_template(
        "admin/notice.html", notice=notice, form=form, decisions=NOTICE_DECISIONS
    ), 400 if form.is_submitted() else 200


def _comment_or_404(comment_id: int) -> Comment:
    return storage.find_comment(comment_id) or abort(404)


def feature(comment_id: int):
    """Feature a comment or stop featuring it (the form says which)."""
    comment = _comment_or_404(comment_id)
    if not ButtonForm().validate_on_submit():
        abort(400, _("The form expired; please try again."))
    wanted = request.form.get("featured") == "1"
    try:
        newsroom.set_featured(current_moderator(), comment, wanted)
    except Refused as refusal:
        flash(refusal.message)
    else:
        flash(_("Featured.") if wanted else _("No longer featured."))
    return redirect(url_for("admin.show_comment", comment_id=comment.id), 303)


def staff_reply(comment_id: int):
    """Reply as the site: published at once, with the staff badge and the display name."""
    comment = _comment_or_404(comment_id)
    form = StaffReplyForm()
    if not form.validate_on_submit():
        flash(_("Write the reply (the form may have expired)."))
        return redirect(url_for("admin.show_comment", comment_id=comment.id), 303)
    try:
        reply = newsroom.reply_as_staff(current_moderator(), comment, form.reply.data)
    except Refused as refusal:
        said = [message for messages in (refusal.fields or {}).values() for message in messages]
        flash(" ".join(said) or refusal.message)
        return redirect(url_for("admin.show_comment", comment_id=comment.id), 303)
    flash(_("Your reply was published."))
    return redirect(url_for("admin.show_comment", comment_id=reply.id), 303)


def comment_extras(comment: Comment) -> dict:
    """What the comment page adds: reasons, reports, the commenter's record, the reply form."""
    site_id = comment.thread.site_id
    # A verified commenter's record is their account's (issue 23), whatever address it has.
    user = storage.find_site_user_by_id(comment.site_user_id) if comment.site_user_id else None
    if user is not None:
        by: dict = {"user": user.id}
    else:
        by = {"email": comment.email} if comment.email else {"network": comment.network}
    history = storage.commenter_history(
        site_id, email=by.get("email"), network=by.get("network"), user_id=by.get("user")
    )
    return {
        "site_user": user,
        "site_user_badges": json.loads(user.badges or "[]") if user else [],
        "reasons": storage.hold_reasons([comment.id]).get(comment.id, []),
        "report_summary": storage.report_summaries([comment.id]).get(comment.id, {}),
        "history": history,
        "history_filter": {"site": site_id, **by},
        "reply_form": StaffReplyForm(),
        "staff_name": newsroom.staff_name(current_moderator(), comment.thread.site.staff_label),
        "featured_count": storage.count_featured(comment.thread_id),
        "max_featured": newsroom.MAX_FEATURED,
        "open_notices": storage.count_open_notices(comment.id),
        "parent": storage.find_comment(comment.parent_id) if comment.parent_id else None,
        "sanctions": ladder.history(comment),
        "is_active": ladder.is_active,
        "ladder_labels": {kind: ladder_label(kind) for kind in ladder.LABELS},
        "ladder_form": LadderForm(),
    }


def dismiss_reports(comment_id: int):
    """Dismiss readers' reports on a published comment (an approval), after a confirmation."""
    comment = _comment_or_404(comment_id)
    summary = storage.report_summaries([comment.id]).get(comment.id, {})
    form = ButtonForm()
    if form.validate_on_submit():
        rules.apply_action(current_moderator(), "approve", [comment], detail="reports dismissed")
        flash(_("Reports dismissed: the comment by {name} stays published.", name=comment.name))
        return redirect(url_for("admin.reported"), 303)
    return render_template(
        "admin/dismiss.html", comment=comment, form=form, reports={comment.id: summary}
    )
