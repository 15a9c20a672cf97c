"""Opaque keyset cursors: the (created_at, id) of the last comment of a page."""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime, timedelta

from widget.core.refusals import Refused
from widget.storage.ids import is_row_id

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


# ---- cursors of the other sorts (readers' extras): the sort's own key, tagged --------
# newest: "n.<created micros>.<id>"; top: "t.<as-of micros>.<likes>.<created micros>.<id>",
# where as-of is when the first page was read: later pages rank likes as they stood then,
# so a like between two pages moves nothing across the cursor.


def _micros(moment: datetime) -> int:
    return (moment - EPOCH) // MICROSECOND


def _pack(*parts: object) -> str:
    raw = ".".join(map(str, parts)).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def encode_newest_cursor(created_at: datetime, comment_id: int) -> str:
    return _pack("n", _micros(created_at), comment_id)


def encode_top_cursor(as_of: datetime, likes: int, created_at: datetime, comment_id: int) -> str:
    return _pack("t", _micros(as_of), likes, _micros(created_at), comment_id)


def decode_sorted_cursor(cursor: str, sort: str) -> tuple:
    """A newest cursor's (created_at, id), or a top cursor's (as_of, (likes, created_at, id))."""
    message = "The cursor is not valid; use the `next` value of a previous page of this sort."
    refused = Refused("invalid_cursor", message, {"cursor": [message]})
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        tag, *numbers = raw.split(".")
        values = [int(number) for number in numbers]
    except (ValueError, binascii.Error) as exc:
        raise refused from exc
    if tag != sort[0] or len(values) != (2 if sort == "newest" else 4):
        raise refused
    *moments, comment_id = values
    if sort == "top":
        likes = moments.pop(1)
        if not 0 <= likes < 2**31:
            raise refused
    try:
        moments = [EPOCH + micros * MICROSECOND for micros in moments]
    except OverflowError as exc:
        raise refused from exc
    if not (is_row_id(comment_id) and all(EARLIEST <= m <= LATEST for m in moments)):
        raise refused
    if sort == "newest":
        return moments[0], comment_id
    return moments[0], (likes, moments[1], comment_id)
