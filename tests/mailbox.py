"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1, and what a reader does with mail."""

from __future__ import annotations

import re
import socket
import threading
from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller

PUBLIC_URL = "https://comments.example.org"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps every message it receives, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.received = threading.Condition()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.startswith("refused"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        parsed = message_from_bytes(envelope.content, policy=email_policy.default)
        with self.received:
            self.messages.append(parsed)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self.received.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 20) -> list[EmailMessage]:
        """Block until `count` messages arrived (a background sender is at work)."""
        with self.received:
            self.received.wait_for(lambda: len(self.messages) >= count, timeout)
        return self.messages

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


class SmtpServer:
    """aiosmtpd on a free port of 127.0.0.1; it can be stopped and started again (SMTP down)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.inbox = Inbox()
        self.controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def text_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def links(message: EmailMessage) -> list[str]:
    """Our links in the plain-text part, as paths a test client can open."""
    return [
        urlsplit(url).path
        for url in re.findall(re.escape(PUBLIC_URL) + r"/\S+", text_part(message))
    ]


def link_to(message: EmailMessage, prefix: str) -> str:
    found = [path for path in links(message) if path.startswith(prefix)]
    assert found, f"no {prefix} link in the mail"
    return found[0]
