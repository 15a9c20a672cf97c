"""Talking to the SMTP server (or the console): `WIDGET_SMTP_URL` and one connection per batch."""

from __future__ import annotations

import smtplib
import ssl
import sys
from dataclasses import dataclass
from email import message_from_string
from email import policy as email_policy
from urllib.parse import unquote, urlsplit

from widget.i18n import gettext as _

SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465, "console": 0}


class PermanentFailure(Exception):
    """The server refused the message for good (5xx): retrying cannot help."""


@dataclass(frozen=True)
class SmtpSettings:
    scheme: str
    host: str
    port: int
    user: str | None
    password: str | None


def parse_smtp_url(url: str) -> SmtpSettings:
    """`smtp://`, `smtp+starttls://`, `smtps://` (optional `user:password@`) or `console://`."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise ValueError(
            # TRANSLATORS: {schemes} is a list of URL schemes, like smtp, smtps.
            _("WIDGET_SMTP_URL must start with one of {schemes}.", schemes=", ".join(SCHEMES))
        )
    if parts.scheme == "console":
        return SmtpSettings("console", "", 0, None, None)
    if not parts.hostname:
        raise ValueError(_("WIDGET_SMTP_URL names no host."))
    return SmtpSettings(
        scheme=parts.scheme,
        host=parts.hostname,
        port=parts.port or SCHEMES[parts.scheme],
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


class ConsoleConnection:
    """Prints each message readably (headers and the plain-text part): the demo's mail."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stdout

    def send(self, sender: str, recipient: str, message: str) -> None:
        parsed = message_from_string(message, policy=email_policy.default)
        lines = ["", "=" * 72, f"Mail to {recipient} (printed: WIDGET_SMTP_URL is console://)"]
        for name in ("From", "To", "Subject", "List-Unsubscribe"):
            if parsed[name]:
                lines.append(f"{name}: {parsed[name]}")
        body = parsed.get_body(preferencelist=("plain",))
        lines += ["", body.get_content() if body else "", "=" * 72, ""]
        self.stream.write("\n".join(lines))
        self.stream.flush()

    def close(self) -> None:
        pass


class SmtpConnection:
    """One SMTP session; several messages go through it."""

    def __init__(self, settings: SmtpSettings, timeout: float) -> None:
        context = ssl.create_default_context()
        if settings.scheme == "smtps":
            self.smtp = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=timeout, context=context
            )
        else:
            self.smtp = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        try:
            if settings.scheme == "smtp+starttls":
                self.smtp.starttls(context=context)
            if settings.user:
                self.smtp.login(settings.user, settings.password or "")
        except BaseException:
            self.close()
            raise

    def send(self, sender: str, recipient: str, message: str) -> None:
        """Send one message; PermanentFailure on a 5xx refusal, OSError/SMTPException else."""
        try:
            self.smtp.sendmail(sender, [recipient], message.encode("ascii"))
        except smtplib.SMTPRecipientsRefused as exc:
            code = next(iter(exc.recipients.values()))[0]
            if code >= 500:
                raise PermanentFailure(f"{code} recipient refused") from exc
            raise
        except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
            if exc.smtp_code >= 500:
                raise PermanentFailure(f"{exc.smtp_code} {exc.smtp_error!r}") from exc
            raise

    def close(self) -> None:
        try:
            self.smtp.quit()
        except (OSError, smtplib.SMTPException):
            self.smtp.close()


def connect(url: str, timeout: float):
    """An open connection to the server `url` names (or the console)."""
    settings = parse_smtp_url(url)
    if settings.scheme == "console":
        return ConsoleConnection()
    return SmtpConnection(settings, timeout)
