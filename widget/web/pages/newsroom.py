"""Readers' newsroom pages, no script needed: report a comment, send a legal notice."""

from __future__ import annotations

from flask import abort, render_template, request

from widget.comments.validation import whole_number
from widget.core.refusals import Refused
from widget.moderation import notices, reporting
from widget.storage.models.newsroom import NOTICE_CATEGORIES, REPORT_REASONS
from widget.web import limits
from widget.web.context import current_client, request_language

from .forms import NoticeForm, ReportForm


def _page(template: str, lang: str, status: int = 200, **context):
    page = render_template(f"newsroom/{template}.html", lang=lang, **context)
    return page, status, {"Vary": "Accept-Language", "Cache-Control": "no-store"}


@limits.reads
@limits.write_attempts
def new_notice():
    """The form of a notice of illegal content about one comment (EU DSA Art. 16)."""
    lang = request_language(request.values.get("lang"))
    comment_id = whole_number(request.values.get("comment"))
    try:
        comment = notices.noticeable(comment_id)
    except Refused:
        abort(404)
    form = NoticeForm()
    form.language = lang
    if form.validate_on_submit():
        notice, created = notices.submit(
            notices.NewNotice(
                comment.id,
                form.category.data,
                form.explanation.data,
                form.name.data,
                form.email.data,
                lang,
            ),
            current_client(lang),
        )
        # The sender's open notice answers a second one: the same reference, nothing new.
        return _page("notice_done", lang, 201 if created else 200, notice=notice, again=not created)
    return _page(
        "notice",
        lang,
        400 if form.is_submitted() else 200,
        form=form,
        comment=comment,
        categories=NOTICE_CATEGORIES,
    )


@limits.reads
@limits.write_attempts
def report_page(comment_id: int):
    """Report a comment without JavaScript: the reason, or a legal notice for illegal content."""
    lang = request_language(request.values.get("lang"))
    try:
        comment = reporting.reportable(comment_id, None)
    except Refused:
        abort(404)
    form = ReportForm()
    form.language = lang
    if form.validate_on_submit():
        reporting.report(comment.id, form.reason.data, None, current_client(lang), None)
        return _page("report_done", lang, 202, comment=comment)
    return _page(
        "report",
        lang,
        400 if form.is_submitted() else 200,
        form=form,
        comment=comment,
        reasons=REPORT_REASONS,
    )
