"""Signed webhooks: events of a site's comments, delivered to its endpoints from an outbox.

`emit` and `comment_changed` (events.py) are what the use cases call; endpoints.py adds,
rotates, removes and tests endpoints; delivery.py sends, over guard.py (which addresses
may be reached) and transport.py (one bounded HTTP POST); signing.py and payloads.py
say what is sent.
"""

from .events import comment_changed, comments_erased, emit

__all__ = ["comment_changed", "comments_erased", "emit"]
