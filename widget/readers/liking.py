"""Readers like a comment, once each: the use cases behind POST/DELETE /api/comments/<id>/likes.

A reader is known twice over: by a keyed hash of the client address (IPv4 /32, IPv6 /56:
a subscriber gets at least a /56, so rotating /64s is one reader) and by the random voter
id the widget keeps in localStorage. Either one having a standing like makes another like
a no-op. Both hashes are salted with the comment id, so the stored rows link no reader
across comments.
"""

from __future__ import annotations

import re

from widget import storage
from widget.core.clients import Client, network_of
from widget.core.keys import keyed_hash
from widget.core.refusals import Refused
from widget.i18n import _
from widget.sites.registry import site_for_page
from widget.storage.models import Comment

VOTER = re.compile(r"[A-Za-z0-9_-]{16,64}")


def voter_param(value: object) -> str | None:
    """The optional `voter` field: 16 to 64 URL-safe characters, or 400."""
    if value is None:
        return None
    if not isinstance(value, str) or not VOTER.fullmatch(value):
        message = _("`voter` must be 16 to 64 letters, digits, `-` or `_`.")
        raise Refused("invalid_fields", _("Some fields are not valid."), {"voter": [message]})
    return value


def _keys(comment_id: int, client: Client, voter: str | None) -> tuple[str, str | None]:
    liker = network_of(client.address, 32, 56)
    client_key = keyed_hash("like-client", f"{comment_id}:{liker}")
    voter_key = keyed_hash("like-voter", f"{comment_id}:{voter}") if voter else None
    return client_key, voter_key


def _likeable(comment_id: int, caller_origin: str | None) -> Comment:
    comment = storage.find_comment(comment_id)
    # Held, spam and deleted comments are not there for readers: the same 404 for all.
    if comment is None or comment.status != "published":
        raise Refused("not_found", _("There is no such comment."))
    site_for_page(comment.thread.url, caller_origin)  # refused unless from the comment's site
    return comment


def set_like(
    comment_id: int, liked: bool, client: Client, voter: str | None, caller_origin: str | None
) -> tuple[int, bool]:
    """Like (or withdraw the like of) a published comment; answers (likes, liked).

    One transaction, holding the comment's lock, so two likes at once count once.
    """
    storage.begin_locked(f"likes:{comment_id}")
    try:
        comment = _likeable(comment_id, caller_origin)
        client_key, voter_key = _keys(comment.id, client, voter)
        standing = storage.has_standing_like(comment.id, client_key, voter_key)
        if liked and not standing:
            storage.add_like(comment, client_key, voter_key)
        elif standing and not liked:
            storage.remove_likes(comment, client_key, voter_key)
        if liked != standing:
            # ---- read-model bookkeeping: cached pages and ETags show the new count ----
            storage.thread_changed(comment.thread_id, placeholders=False)
        likes = comment.likes
        storage.commit()
    except BaseException:
        storage.rollback()
        raise
    return likes, liked
