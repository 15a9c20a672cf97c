"""Opaque keyset cursors: the (created_at, id) of the last comment of a page."""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime, timedelta

from .refusals import Refused
from .storage.ids import is_row_id

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def encode_cursor(created_at: datetime, comment_id: int) -> str:
    micros = (created_at - EPOCH) // MICROSECOND
    return base64.urlsafe_b64encode(f"{micros}.{comment_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    """The keyset position in `cursor`, None for the first page, or 400."""
    if not cursor:
        return None
    message = "The cursor is not valid; use the `next` value of a previous page."
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        micros, comment_id = (int(part) for part in raw.split("."))
        moment = EPOCH + micros * MICROSECOND
    except (ValueError, binascii.Error, OverflowError) as exc:
        raise Refused("invalid_cursor", message, {"cursor": [message]}) from exc
    # Only values the columns can hold reach the database (else SQLite or PostgreSQL fails).
    if not (is_row_id(comment_id) and EARLIEST <= moment <= LATEST):
        raise Refused("invalid_cursor", message, {"cursor": [message]})
    return moment, comment_id
