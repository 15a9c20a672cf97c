"""Sites (origins, moderation mode, auto-close) and their threads (close, reopen)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from widget import storage
from widget.comments.validation import whole_number
from widget.i18n import gettext as _
from widget.identity.sso_secret import secrets_of
from widget.moderation.rules import is_closed, set_closed_by
from widget.sites.editing import change_site, register_site
from widget.storage.models import utcnow

from .auth import current_moderator
from .forms import ButtonForm, SiteForm
from .webhooks import site_webhooks


def list_sites():
    """Every site, and a form to add one."""
    return render_template("admin/sites.html", sites=storage.list_sites(), form=SiteForm())


def add_site():
    form = SiteForm()
    if form.validate_on_submit():
        try:
            site = register_site(
                form.name.data,
                form.origin_list,
                form.moderation.data,
                moderator=current_moderator(),
                close_after_days=form.close_after_days.data,
                hold_words=_word_list(form.hold_words.data),
                spam_words=_word_list(form.spam_words.data),
                reject_words=_word_list(form.reject_words.data),
                staff_label=(form.staff_label.data or "").strip(),
                hold_on_notice=form.hold_on_notice.data,
                who_may_comment=form.who_may_comment.data,
                badge_labels=(form.badge_labels.data or "").strip(),
                **_prescreen_fields(form),
            )
        except ValueError as exc:
            form.origins.errors.append(str(exc))
        else:
            flash(_("Site {site} added.", site=site.name))
            return redirect(url_for("admin.list_sites"), 303)
    return render_template("admin/sites.html", sites=storage.list_sites(), form=form), 400


def edit_site(site_id: int):
    """A site's name, origins, moderation mode and auto-close."""
    site = storage.find_site(site_id) or abort(404)
    form = SiteForm(
        data={
            "name": site.name,
            "moderation": site.moderation,
            "close_after_days": site.close_after_days,
            "hold_words": site.hold_words,
            "spam_words": site.spam_words,
            "reject_words": site.reject_words,
            "staff_label": site.staff_label,
            "hold_on_notice": site.hold_on_notice,
            "who_may_comment": site.who_may_comment,
            "badge_labels": site.badge_labels,
            "prescreen": site.prescreen,
            "toxicity_threshold": site.toxicity_threshold,
            "languages": site.languages,
            "origins": "\n".join(o.origin for o in site.origins),
        }
        if request.method == "GET"
        else None
    )
    if request.method == "POST" and form.validate_on_submit():
        mine = {o.origin for o in site.origins}
        taken = [o for o in storage.taken_origins(form.origin_list) if o not in mine]
        if taken:
            form.origins.errors.append(
                _("Registered by another site: {origins}.", origins=", ".join(taken))
            )
        else:
            change_site(
                current_moderator(),
                site,
                name=form.name.data,
                origins=form.origin_list,
                moderation=form.moderation.data,
                close_after_days=form.close_after_days.data,
                hold_words=_word_list(form.hold_words.data),
                spam_words=_word_list(form.spam_words.data),
                reject_words=_word_list(form.reject_words.data),
                staff_label=(form.staff_label.data or "").strip(),
                hold_on_notice=form.hold_on_notice.data,
                who_may_comment=form.who_may_comment.data,
                badge_labels=(form.badge_labels.data or "").strip(),
                **_prescreen_fields(form),
            )
            flash(_("Site {site} saved.", site=site.name))
            return redirect(url_for("admin.list_sites"), 303)
    status = 400 if request.method == "POST" else 200
    return render_template(
        "admin/site.html",
        site=site,
        form=form,
        sso=secrets_of(site),
        tokens=storage.list_api_tokens(site.id),
        **site_webhooks(site.id),
    ), status


def list_threads():
    """The threads of one site with their counts, to close or reopen."""
    sites = storage.list_sites()
    chosen = request.args.get("site", "")
    site = next((s for s in sites if str(s.id) == chosen), sites[0] if sites else None)
    before = whole_number(request.args.get("before"))
    rows = storage.list_threads(site.id, before, 50) if site else []
    return render_template(
        "admin/threads.html",
        sites=sites,
        site=site,
        rows=rows,
        form=ButtonForm(),
        is_closed=is_closed,
        now=utcnow(),
    )


def set_closed(thread_id: int):
    """Close or reopen a thread."""
    thread = storage.find_thread_by_id(thread_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400, _("The form expired; please try again."))
    closed = request.form.get("closed") == "1"
    set_closed_by(current_moderator(), thread, closed)
    title = thread.title or thread.url
    flash(_("Closed: {title}.", title=title) if closed else _("Reopened: {title}.", title=title))
    return redirect(url_for("admin.list_threads", site=thread.site_id), 303)


def _prescreen_fields(form: SiteForm) -> dict:
    """The pre-screen's settings of a site form (issue 25)."""
    return {
        "prescreen": bool(form.prescreen.data),
        "toxicity_threshold": float(
            0.8 if form.toxicity_threshold.data is None else form.toxicity_threshold.data
        ),
        "languages": form.languages.data or "",
    }


def _word_list(text: str | None) -> str:
    """One lower-cased word or phrase per line, blanks and repeats dropped."""
    words = (line.strip().lower() for line in (text or "").splitlines())
    return "\n".join(dict.fromkeys(word for word in words if word))
