"""Texts picked by a code at run time (a report's reason, a notice's category, a hold reason).

Marked with N_ here so that extraction finds them; translated with gettext where shown.
"""

from __future__ import annotations

from . import N_, NP_, gettext, ngettext, pgettext

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


# Short words picked by a code in the moderators' lists: (context, message) pairs, one English
# word having several meanings ("spam": a status, a report's reason).
STATUSES = {  # a comment's, a mail's or a webhook delivery's
    "published": NP_("status", "published"),
    "pending": NP_("status", "pending"),
    "spam": NP_("status", "spam"),
    "deleted": NP_("status", "deleted"),
    "shadow": NP_("status", "shadow"),
    "queued": NP_("status", "queued"),
    "sending": NP_("status", "sending"),
    "sent": NP_("status", "sent"),
    "failed": NP_("status", "failed"),
    "delivered": NP_("status", "delivered"),
}
MODES = {  # a site's or a thread's moderation mode
    "none": NP_("moderation mode", "none"),
    "first": NP_("moderation mode", "first"),
    "links": NP_("moderation mode", "links"),
    "all": NP_("moderation mode", "all"),
}
REPORT_WORDS = {  # a reader's reason for a report, short
    "spam": NP_("report reason", "spam"),
    "abuse": NP_("report reason", "abuse"),
    "off_topic": NP_("report reason", "off topic"),
    "illegal": NP_("report reason", "illegal"),
}
LADDER_STEPS = {  # a rung of the moderation ladder, lower case
    "timeout": NP_("ladder step", "time-out"),
    "premoderate": NP_("ladder step", "always pre-moderate"),
    "shadow": NP_("ladder step", "shadow ban"),
    "trusted": NP_("ladder step", "trusted"),
    "warning": NP_("ladder step", "warning"),
}
DECISION_WORDS = {  # a notice's decision, short
    "remove": NP_("notice decision", "remove"),
    "keep": NP_("notice decision", "keep"),
    "restrict": NP_("notice decision", "restrict"),
}


def _word(table: dict[str, tuple[str, str]], code: str, unknown: str) -> str:
    pair = table.get(code)
    return pgettext(*pair) if pair else unknown


def status_label(code: str) -> str:
    """A comment's, a mail's or a webhook delivery's status as moderators read it."""
    return _word(STATUSES, code, code)


def mode_label(code: str) -> str:
    """A site's or a thread's moderation mode, as the select shows it."""
    return _word(MODES, code, code)


def report_reason_label(code: str) -> str:
    """A reader's reason for a report, short, in the moderators' lists."""
    return _word(REPORT_WORDS, code, code.replace("_", " "))


def ladder_label(kind: str) -> str:
    """A rung of the moderation ladder, lower case, as the comment page and its notices say."""
    return _word(LADDER_STEPS, kind, kind)


def decision_label(code: str | None) -> str:
    """A notice's decision (or "open", when there is none yet), short, for moderators."""
    if not code:
        return pgettext("notice state", "open")
    return _word(DECISION_WORDS, code, code)
