"""Readers report comments: one report per reader, held for moderators at a threshold.

A reader is known only by keyed hashes of their address (IPv4 /32, IPv6 /64) and of
the widget's random voter id; a second report from either counts once. Toward the hold,
reporters count by network (IPv4 /24, IPv6 /48): one household or office, whatever its
addresses, is one reporter. No one, not even a moderator, can see who reported.
"""

from __future__ import annotations

from flask import current_app

from widget import storage
from widget.core.clients import Client
from widget.core.keys import keyed_hash
from widget.core.refusals import Refused, invalid_fields
from widget.i18n import _
from widget.mail import notifications
from widget.readers.liking import VOTER  # one voter id for likes and reports
from widget.sites.registry import site_for_page
from widget.storage.models import Comment, utcnow
from widget.storage.models.newsroom import REPORT_REASONS
from widget.webhooks import comment_changed, emit

from . import held, ladder


def check_report(reason: object, voter: object) -> tuple[str, str | None]:
    """The reason and the voter id of a report, or the refusal of a bad one."""
    fields: dict[str, list[str]] = {}
    if reason not in REPORT_REASONS:
        fields["reason"] = ["Must be one of: " + ", ".join(REPORT_REASONS) + "."]
    if voter is not None and not (isinstance(voter, str) and VOTER.fullmatch(voter)):
        fields["voter"] = ["Must be 16 to 64 letters, digits, '-' or '_'."]
    if fields:
        raise invalid_fields(fields)
    return str(reason), voter  # type: ignore[return-value]


def reportable(comment_id: int, caller_origin: str | None) -> Comment:
    """A published comment of the caller's site; anything else is not found."""
    comment = storage.find_comment(comment_id)
    if comment is None or comment.status != "published":
        raise Refused("not_found", _("There is no such comment."))
    site_for_page(comment.thread.url, caller_origin)
    return comment


def report(
    comment_id: int, reason: object, voter: object, client: Client, caller_origin: str | None
) -> None:
    """Store one reader's report; at REPORT_HOLD_COUNT distinct readers the comment waits.

    The same answer whether the report counted or was this reader's second: a reader
    learns nothing of other reports.
    """
    reason, voter = check_report(reason, voter)
    reportable(comment_id, caller_origin)
    storage.begin_locked(f"report:{comment_id}")
    try:
        comment = storage.find_comment(comment_id)
        if comment is None or comment.status != "published":
            raise Refused("not_found", _("There is no such comment."))
        voter_key = keyed_hash("voter", voter) if voter else None
        if not storage.has_report(comment.id, client.key, voter_key):
            network_key = keyed_hash("report-network", f"{comment.id}:{client.network}")
            storage.add_report(comment.id, reason, client.key, voter_key, network_key)
            emit("report.created", comment, report=_report_data(comment, reason))
            _hold_if_reported(comment)
        storage.commit()
    except BaseException:
        storage.rollback()
        raise


def _hold_if_reported(comment: Comment) -> None:
    threshold = current_app.config["REPORT_HOLD_COUNT"]
    if not threshold or comment.reports_cleared:
        return
    count = storage.count_reporting_networks(comment.id)
    if count < threshold or ladder.author_trusted(comment):
        return  # a trusted author's comment stays up; the reports still reach the queue
    comment.status = "pending"
    comment.updated_at = utcnow()
    held.record(comment, "pending", [("reports", str(count))])
    notifications.comment_held(comment)
    comment_changed(comment, "published")  # webhooks: removed, held
    # ---- read-model bookkeeping: it leaves the public thread ----
    storage.thread_changed(comment.thread_id, [comment])


def _report_data(comment: Comment, reason: str) -> dict:
    """What a report.created webhook says of a report: why, and how many so far (never who)."""
    return {"reason": reason, "count": storage.count_reports(comment.id)}


def cleared_by_moderator(comment: Comment) -> str:
    """An approval over reports: forget them, and let no report hold it again.

    Returns what the audit entry adds ("" when there were none).
    """
    removed = storage.delete_reports(comment.id)
    storage.delete_hold_reasons(comment.id)
    if not removed:
        return ""
    comment.reports_cleared = True
    return f"{removed} report{'s' if removed != 1 else ''} cleared"
