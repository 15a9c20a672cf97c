"""Writing a mail: headers with the standard library's `email`, parts from autoescaped templates."""

from __future__ import annotations

import unicodedata
from email import policy as email_policy
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from urllib.parse import urlsplit

from flask import current_app, render_template

from widget.storage.models import utcnow

# CRLF line ends, headers folded and RFC 2047-encoded: the message is plain ASCII.
POLICY = email_policy.SMTP
HEADER_TEXT_MAX = 200


def header_text(value: str) -> str:
    """Text safe in a header: every line break and control character becomes a space."""
    words = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char for char in value
    ).split()
    text = " ".join(words)
    return text if len(text) <= HEADER_TEXT_MAX else text[: HEADER_TEXT_MAX - 1] + "…"


def ascii_address(email: str) -> str | None:
    """The address as an SMTP server without SMTPUTF8 takes it (IDNA domain), or None."""
    local, _, domain = email.rpartition("@")
    if not local or not local.isascii() or any(c in local for c in ' \r\n<>,;:"\\'):
        return None
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return None


def public_host() -> str:
    return urlsplit(current_app.config["PUBLIC_URL"]).hostname or "localhost"


def sender() -> str:
    """MAIL_FROM, or `Tertulia <noreply@public host>`."""
    return current_app.config.get("MAIL_FROM") or f"Tertulia <noreply@{public_host()}>"


def envelope_sender() -> str:
    return parseaddr(sender())[1]


def compose(
    recipient: str,
    subject: str,
    template: str,
    lang: str = "en",
    headers: dict[str, str] | None = None,
    **context,
) -> str:
    """The whole message: plain text and HTML from templates/mail/<template>.{txt,html}.

    ValueError when the message cannot be written (the caller skips that mail).
    """
    message = EmailMessage(policy=POLICY)
    name, address = parseaddr(sender())
    user, _, domain = address.rpartition("@")
    message["From"] = Address(header_text(name), user, domain) if name else address
    message["To"] = recipient
    message["Subject"] = header_text(subject)
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(domain=public_host())
    # No out-of-office replies to us, please (RFC 3834).
    message["Auto-Submitted"] = "auto-generated"
    for header, value in (headers or {}).items():
        message[header] = header_text(value)
    context = {"lang": lang, **context}
    message.set_content(render_template(f"mail/{template}.txt", **context), cte="quoted-printable")
    message.add_alternative(
        render_template(f"mail/{template}.html", **context),
        subtype="html",
        cte="quoted-printable",
    )
    try:
        return message.as_string()
    except (UnicodeError, TypeError, MessageError) as exc:
        raise ValueError(f"the mail to {recipient} cannot be written: {exc}") from exc
