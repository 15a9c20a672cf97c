"""Standard Webhooks signatures: `webhook-id`, `webhook-timestamp`, `webhook-signature`.

The signature is HMAC-SHA256 over `id.timestamp.body` with the endpoint's secret (the
base64 part of `whsec_…`), written `v1,<base64>`; several are separated by spaces (an old
and a new secret during a rotation). Receivers verify with any Standard Webhooks library.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"
SECRET_BYTES = 32  # 256 bits, above the spec's 24-byte minimum
HINT_LENGTH = 10  # "whsec_" and four characters: enough to tell secrets apart


def new_secret() -> str:
    """A fresh secret, `whsec_` and 32 random bytes in base64."""
    return PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def new_message_id() -> str:
    """A unique `webhook-id`: the same on every retry, so receivers can deduplicate."""
    return "msg_" + secrets.token_urlsafe(18)


def signature(secret: str, message_id: str, timestamp: int, body: str) -> str:
    key = base64.b64decode(secret.removeprefix(PREFIX))
    signed = f"{message_id}.{timestamp}.{body}".encode()
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(message_id: str, timestamp: int, body: str, keys: list[str]) -> dict[str, str]:
    """The three headers of one attempt, signed with each of `keys` (newest first)."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(signature(k, message_id, timestamp, body) for k in keys),
    }
