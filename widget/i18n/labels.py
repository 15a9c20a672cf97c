"""Texts picked by a code at run time (a report's reason, a notice's category, a hold reason).

Marked with N_ here so that extraction finds them; translated with gettext where shown.
"""

from __future__ import annotations

from . import N_, gettext, ngettext, pgettext

REPORT_REASONS = {
    "spam": N_("Spam"),
    "abuse": N_("Abuse or harassment"),
    "off_topic": N_("Off topic"),
    "illegal": N_("Illegal content"),
}
NOTICE_CATEGORIES = {
    "hate": N_("Illegal hate speech"),
    "terrorism": N_("Terrorist content"),
    "defamation": N_("Defamation"),
    "privacy": N_("Privacy violation"),
    "ip": N_("Intellectual property"),
    "other": N_("Other illegal content"),
}
# What the moderators decided on a legal notice, as its sender and the author are told.
DECISIONS = {
    "remove": N_("the comment was removed"),
    "keep": N_("the comment stays published"),
    "restrict": N_("the comment is hidden from readers"),
}
# The mail a legal notice's sender gets: its receipt, then the decision.
NOTICE_SUBJECTS = {
    "notice": N_("Your notice {reference} was received"),
    "decision": N_("Decision on your notice {reference}"),
}
# A moderator's sanction, as mailed to the commenter: (subject, first line).
SANCTION_MAIL = {
    "timeout": (
        N_("Your comments on {site} are paused"),
        N_("The moderators of {site} paused your comments until {until}."),
    ),
    "warning": (
        N_("A message from the moderators of {site}"),
        N_("The moderators of {site} sent you this message:"),
    ),
}
# Why a comment waits in the queue: short labels for moderators ({detail}: a number or a word).
HOLD_REASONS = {
    "first": N_("first comment from this email"),
    "word": N_("word list: “{detail}”"),
    "spam_word": N_("spam word: “{detail}”"),
    "honeypot": N_("hidden field filled"),
    "checker": N_("spam checker: {detail}"),
    "notice": N_("legal notice {detail}"),
    "mode": N_("site holds every comment"),
    "edit": N_("edit waiting for review"),
    "ladder": N_("commenter on pre-moderation"),
    "toxicity": N_("toxicity {detail}"),
    "language": N_("language: {detail}"),
}


def label(table: dict[str, str], code: str, **values) -> str:
    """The translated text of `code` in `table`, or the code itself when unknown."""
    message = table.get(code)
    return gettext(message, **values) if message else code


def reason_label(code: str, detail: str) -> str:
    """A hold reason as a short label in the current language."""
    count = int(detail) if detail.isdigit() else None
    if code == "links" and count is not None:
        return ngettext("{n} link", "{n} links", count)
    if code == "reports" and count is not None:
        return ngettext("reported by {n} reader", "reported by {n} readers", count)
    return label(HOLD_REASONS, code, detail=detail)


def please_wait(seconds: int) -> str:
    """ "Please wait 30 seconds." in the current language (a 429's second sentence)."""
    return ngettext("Please wait {n} second.", "Please wait {n} seconds.", seconds)


def status_label(code: str) -> str:
    """A comment's, a mail's or a webhook delivery's status as moderators read it."""
    known = {
        "published": pgettext("status", "published"),
        "pending": pgettext("status", "pending"),
        "spam": pgettext("status", "spam"),
        "deleted": pgettext("status", "deleted"),
        "shadow": pgettext("status", "shadow"),
        "queued": pgettext("status", "queued"),
        "sending": pgettext("status", "sending"),
        "sent": pgettext("status", "sent"),
        "failed": pgettext("status", "failed"),
        "delivered": pgettext("status", "delivered"),
    }
    return known.get(code, code)


def mode_label(code: str) -> str:
    """A site's or a thread's moderation mode, as the select shows it."""
    known = {
        "none": pgettext("moderation mode", "none"),
        "first": pgettext("moderation mode", "first"),
        "links": pgettext("moderation mode", "links"),
        "all": pgettext("moderation mode", "all"),
    }
    return known.get(code, code)


def report_reason_label(code: str) -> str:
    """A reader's reason for a report, short, in the moderators' lists."""
    known = {
        "spam": pgettext("report reason", "spam"),
        "abuse": pgettext("report reason", "abuse"),
        "off_topic": pgettext("report reason", "off topic"),
        "illegal": pgettext("report reason", "illegal"),
    }
    return known.get(code, code.replace("_", " "))


def ladder_label(kind: str) -> str:
    """A rung of the moderation ladder, lower case, as the comment page and its notices say."""
    known = {
        "timeout": pgettext("ladder step", "time-out"),
        "premoderate": pgettext("ladder step", "always pre-moderate"),
        "shadow": pgettext("ladder step", "shadow ban"),
        "trusted": pgettext("ladder step", "trusted"),
        "warning": pgettext("ladder step", "warning"),
    }
    return known.get(kind, kind)


def decision_label(code: str | None) -> str:
    """A notice's decision (or "open", when there is none yet), short, for moderators."""
    known = {
        "remove": pgettext("notice decision", "remove"),
        "keep": pgettext("notice decision", "keep"),
        "restrict": pgettext("notice decision", "restrict"),
    }
    if not code:
        return pgettext("notice state", "open")
    return known.get(code, code)
