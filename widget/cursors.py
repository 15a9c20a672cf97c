"""Opaque keyset cursors: the (created_at, id) of the last comment of a page."""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime, timedelta

from .errors import ApiError

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def encode_cursor(created_at: datetime, comment_id: int) -> str:
    micros = (created_at - EPOCH) // MICROSECOND
    return base64.urlsafe_b64encode(f"{micros}.{comment_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    """The keyset position in `cursor`, None for the first page, or 400."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        micros, comment_id = (int(part) for part in raw.split("."))
        return EPOCH + micros * MICROSECOND, comment_id
    except (ValueError, binascii.Error, OverflowError) as exc:
        message = "The cursor is not valid; use the `next` value of a previous page."
        raise ApiError(400, "invalid_cursor", message, {"cursor": [message]}) from exc
