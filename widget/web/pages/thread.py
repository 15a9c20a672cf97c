"""The thread without JavaScript: its pages, and the plain comment form that posts to it."""

from __future__ import annotations

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)

from widget import storage
from widget.comments import posting
from widget.comments.cursors import decode_cursor, encode_cursor
from widget.comments.form_tokens import issue_form_token
from widget.comments.forms import CommentForm
from widget.comments.public import comment_tree, public_comment, public_thread
from widget.comments.questions import question_tree
from widget.comments.sorting import check_cursor, read_page
from widget.comments.validation import (
    page_url_param,
    thread_key_param,
    validate_form_post,
    whole_number,
)
from widget.core.refusals import Refused
from widget.i18n import _, count_label, in_language
from widget.mail import notifications
from widget.moderation.rules import is_closed
from widget.sites.registry import site_for_page
from widget.sites.stories import story_of
from widget.web import limits
from widget.web.context import current_client, is_secure, request_language
from widget.web.errors import status_of

COMMENTER_COOKIE = "tertulia_commenter"


def _render_thread(
    url: str,
    thread_param: str | None,
    form: CommentForm,
    status: int = 200,
    message: str | None = None,
):
    site = site_for_page(url)
    key = thread_key_param(url, thread_param)
    thread = storage.find_thread(site.id, key)
    # A page at a time, like the API: `cursor` is where the previous page ended.
    cursor = request.args.get("cursor") or None
    after = decode_cursor(cursor)
    limit = current_app.config["PAGE_SIZE"]
    lang = request_language(request.values.get("lang"))
    qa = thread is not None and thread.mode == "qa"
    if qa:  # questions, the most voted first, a page at a time as in the widget
        comments, next_cursor = read_page(thread.id, "top", check_cursor("top", cursor), limit)
    else:
        comments = storage.list_visible(thread.id, after, limit + 1) if thread else []
        next_cursor = None
        if len(comments) > limit:
            comments = comments[:limit]
            next_cursor = encode_cursor(comments[-1].created_at, comments[-1].id)
    next_url = None
    if next_cursor:
        next_url = url_for(
            "pages.show_thread",
            url=url,
            thread=thread_param or None,
            lang=request.values.get("lang") or None,
            show=request.args.get("show") or None,
            cursor=next_cursor,
        )
    parent = None
    # A link asks with ?replytocom=; a refused reply posted its parent_id: keep replying.
    reply_to = whole_number(request.values.get("replytocom") or request.form.get("parent_id"))
    if reply_to and thread:
        found = storage.find_comment(reply_to)
        if found and found.thread_id == thread.id and found.status == "published":
            parent = public_comment(found)
    public = public_thread(
        url,
        thread.title if thread else "",
        is_closed(thread) if thread else False,
        thread.published_count if thread else 0,
    )
    hidden = {
        "url": url,
        "thread": thread_param or "",
        "title": request.values.get("title", ""),
        "parent_id": parent["id"] if parent else "",
        "form_token": issue_form_token(site.id, key, current_client()),
        "lang": lang,
    }
    if status == 422:  # the pre-screen's nudge: the same form, sent again, posts it as it is
        hidden["reconsidered"] = "1"
    page = render_template(
        "thread/page.html",
        thread=public,
        count=count_label(public["count"]),
        tree=question_tree(thread.id, comments, request.args.get("show"))
        if qa
        else comment_tree([public_comment(comment) for comment in comments]),
        qa=qa,
        story=story_of(site, thread),
        form=form,
        hidden=hidden,
        parent=parent,
        message=message,
        lang=lang,
        notifications=notifications.enabled(),
        staff_label=site.staff_label,  # newsroom: the staff replies' badge
        next_url=next_url,
        first_url=cursor
        and url_for(
            "pages.show_thread",
            url=url,
            thread=thread_param or None,
            lang=request.values.get("lang") or None,
        ),
    )
    return page, status, {"Vary": "Accept-Language"}


@limits.reads
def show_thread():
    """A thread and the comment form as a plain HTML page, for readers without JavaScript."""
    url = page_url_param(request.args.get("url"))
    return _render_thread(url, request.args.get("thread"), CommentForm())


@limits.write_attempts
def post_comment():
    """Post from the plain form (its CSRF token checked by the form), then back to the thread."""
    form = CommentForm()
    url = page_url_param(request.form.get("url"))
    client = current_client(request.form.get("lang"))
    with in_language(client.language):
        form.language = client.language
        try:
            new = validate_form_post(form, request.form, request.cookies.get(COMMENTER_COOKIE))
            site = site_for_page(new.page_url)
            comment, _reasons, commenter_key = posting.create_comment(site, new, client)
        except Refused as error:
            if error.fields and "csrf_token" in error.fields:
                message = _("The form expired. Please submit it again.")
            else:
                message = (
                    _("Please correct the fields marked below.") if error.fields else error.message
                )
                for name, said in (error.fields or {}).items():  # a use case's word on a field
                    field = getattr(form, name, None)
                    if field is not None and not set(said) <= set(field.errors):
                        field.errors = [*field.errors, *said]
            page, status, headers = _render_thread(
                url, request.form.get("thread"), form, status_of(error), message
            )
            if error.retry_after:
                headers["Retry-After"] = str(error.retry_after)
            return page, status, headers
        # Land where the reader looks: at their comment (on the page that shows it), or at a
        # notice beside the form when it waits; the flash's category says where it shows.
        published = comment.status == "published"
        where = f"comment-{comment.id}" if published else "respond"
        flash(
            _("Your comment was published.")
            if published
            else _("Your comment is awaiting moderation."),
            where,
        )
        cursor = None
        if published and comment.thread.published_count > current_app.config["PAGE_SIZE"]:
            cursor = encode_cursor(comment.created_at, comment.id - 1)  # a page that starts with it
        target = url_for(
            "pages.show_thread",
            url=url,
            thread=request.form.get("thread") or None,
            lang=request.form.get("lang") or None,
            cursor=cursor,
            _anchor=where,
        )
        response = redirect(target, 303)
        # The returning commenter's proof, as the widget keeps it (comments/proof.py).
        response.set_cookie(
            COMMENTER_COOKIE,
            commenter_key,
            max_age=365 * 86400,
            path=url_for("pages.post_comment"),
            secure=is_secure(),
            httponly=True,
            samesite="Lax",
        )
        return response
