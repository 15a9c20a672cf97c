"""Readers' mail data: the address that asked for notifications, its subscriptions, and the
messages the outbox holds for it (queued, and sent ones kept for the log), exported and erased."""

from __future__ import annotations

from widget import storage
from widget.exporting.writer import iso_time
from widget.mail.compose import ascii_address


def _recipients(email: str) -> list[str]:
    """The forms a message's recipient is stored in: the address, and its IDNA form."""
    return sorted({email, ascii_address(email) or email})


def export_mail(email: str) -> list[dict]:
    """The notification address (with its subscribed threads), then each message to it."""
    exported = []
    address = storage.find_mail_address(email)
    if address is not None:
        exported.append(
            {
                "address": address.email,
                "language": address.lang,
                "confirmed_at": iso_time(address.confirmed_at),
                "created_at": iso_time(address.created_at),
                "subscribed_threads": storage.list_subscribed_thread_urls(address.id),
            }
        )
    # What each message was, not its text: that holds other readers' words and signed links.
    exported += [
        {
            "message": message.kind,
            "status": message.status,
            "created_at": iso_time(message.created_at),
            "sent_at": iso_time(message.sent_at),
        }
        for message in storage.list_mail_to(_recipients(email))
    ]
    return exported


def erase_mail(email: str) -> dict[str, int]:
    """Forget the address and its subscriptions; delete every message to it, sent or not."""
    return {
        "notification addresses deleted": storage.delete_mail_address(email),
        "mail messages deleted": storage.delete_mail_to(_recipients(email)),
    }
