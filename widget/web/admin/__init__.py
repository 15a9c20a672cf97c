"""The moderators' pages (blueprint "admin"): the routing table and what every page shares.

The views live in the modules beside this one, by subject; this file names their URLs.
"""

from __future__ import annotations

import unicodedata

from flask import Blueprint, Response, abort, request

from widget import storage
from widget.i18n import gettext as _

from . import (
    account,
    auth,
    bans,
    comments,
    errors,
    ladder,
    newsroom,
    privacy,
    sites,
    stories,
    webhooks,
)
from .auth import current_moderator

bp = Blueprint("admin", __name__, url_prefix="/admin")

# Tabs and line breaks are text; every other control character is refused.
ALLOWED_CONTROLS = frozenset("\t\n\r")


def refuse_bad_characters() -> None:
    """A NUL or another control character in any filter or form field: 400, on every
    page at once (PostgreSQL cannot even compare with a NUL: it would be a 500)."""
    for values in (request.args, request.form):
        for name, value in values.items(multi=True):
            for char in name + value:
                if char not in ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Cs"):
                    abort(400, _("The request contains control characters, which are not allowed."))


ROUTES = [
    ("/login", auth.login, ["GET", "POST"]),
    ("/logout", auth.logout, ["POST"]),
    ("/", comments.queue, ["GET"]),
    ("/comments", comments.list_all, ["GET"]),
    ("/comments/moderate", comments.moderate, ["POST"]),
    ("/comments/<int:comment_id>", comments.show_comment, ["GET"]),
    ("/comments/<int:comment_id>/edit", comments.edit_comment, ["POST"]),
    ("/comments/<int:comment_id>/erase", privacy.erase_author, ["GET", "POST"]),
    ("/comments/<int:comment_id>/feature", newsroom.feature, ["POST"]),
    ("/comments/<int:comment_id>/reply", newsroom.staff_reply, ["POST"]),
    ("/comments/<int:comment_id>/dismiss", newsroom.dismiss_reports, ["GET", "POST"]),
    ("/comments/<int:comment_id>/ladder", ladder.ladder_decide, ["POST"]),
    ("/sanctions/<int:sanction_id>/lift", ladder.lift_sanction, ["POST"]),
    ("/reported", newsroom.reported, ["GET"]),
    ("/notices", newsroom.list_notices, ["GET"]),
    ("/notices/<int:notice_id>", newsroom.show_notice, ["GET", "POST"]),
    ("/bans", bans.list_bans, ["GET"]),
    ("/bans/add", bans.add_ban, ["POST"]),
    ("/bans/<int:ban_id>/lift", bans.lift_ban, ["POST"]),
    ("/threads", sites.list_threads, ["GET"]),
    ("/threads/<int:thread_id>/closed", sites.set_closed, ["POST"]),
    ("/threads/<int:thread_id>", stories.show_thread, ["GET", "POST"]),
    ("/tokens/<int:token_id>/revoke", stories.revoke_token, ["POST"]),
    ("/sites", sites.list_sites, ["GET"]),
    ("/sites/add", sites.add_site, ["POST"]),
    ("/sites/<int:site_id>", sites.edit_site, ["GET", "POST"]),
    ("/sites/<int:site_id>/webhooks", webhooks.add_webhook, ["POST"]),
    ("/webhooks/<int:endpoint_id>", webhooks.show_webhook, ["GET"]),
    ("/webhooks/<int:endpoint_id>/test", webhooks.test_webhook, ["POST"]),
    ("/webhooks/<int:endpoint_id>/rotate", webhooks.rotate_webhook, ["POST"]),
    ("/webhooks/<int:endpoint_id>/remove", webhooks.remove_webhook, ["POST"]),
    ("/webhook-deliveries/<int:delivery_id>/retry", webhooks.retry_webhook, ["POST"]),
    ("/audit", bans.audit_log, ["GET"]),
    ("/account", account.account, ["GET", "POST"]),
    ("/mail", account.outbox, ["GET"]),
    ("/mail/<int:message_id>/retry", account.retry_mail, ["POST"]),
]
for rule, view, methods in ROUTES:
    bp.add_url_rule(rule, view_func=view, methods=methods)

bp.before_request(auth.choose_language)  # first: every message below in the moderator's
bp.before_request(refuse_bad_characters)  # before any value of the request reaches a query
bp.before_request(auth.require_moderator)
bp.context_processor(newsroom.labels)
errors.register(bp)


@bp.after_request
def private_headers(response: Response) -> Response:
    """Admin pages are never cached, framed, or named in a referrer elsewhere."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response


@bp.context_processor
def navigation() -> dict:
    moderator = current_moderator()
    return {
        "moderator": moderator,
        "pending_count": storage.count_with_status("pending") if moderator else 0,
        "failed_mail_count": storage.count_failed_mail() if moderator else 0,
    }
