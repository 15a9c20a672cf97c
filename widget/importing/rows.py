"""An imported comment's row: what the importer checked and decided, as the table keeps it."""

from __future__ import annotations

import secrets
from functools import lru_cache

from widget.comments.rendering import render_comment
from widget.core.clients import truncate_address
from widget.core.keys import avatar_seed, hash_edit_token
from widget.storage.imports import Placed
from widget.storage.models import Thread

from .cleaning import CleanFields
from .model import IncomingComment

USER_AGENT_MAX = 500
AVATARS_MAX = 20_000  # avatar seeds remembered (commenters come back)
# A commenter's address comes back with each of their comments: parsed once.
network_of_address = lru_cache(maxsize=8192)(truncate_address)


class Rows:
    """Builds rows for one import, remembering what commenters repeat (the avatar's keyed
    hash: the server's secret is the app's, so not remembered beyond one import)."""

    def __init__(self) -> None:
        self.avatars: dict[tuple[int, str], str] = {}

    def avatar(self, site_id: int, seed: str) -> str:
        found = self.avatars.get((site_id, seed))
        if found is None:
            if len(self.avatars) >= AVATARS_MAX:
                self.avatars.clear()
            found = self.avatars[(site_id, seed)] = avatar_seed(site_id, seed)
        return found

    def row(
        self, thread: Thread, comment: IncomingComment, fields: CleanFields, parent: Placed | None
    ) -> dict:
        """The columns of a checked comment (its text rendered) under `parent` in `thread`."""
        return dict(
            parent_id=parent.id if parent else None,
            depth=parent.depth + 1 if parent else 0,
            status=comment.status,
            name=fields.name,
            email=fields.email,
            website=fields.website,
            text=fields.text,
            markup=comment.markup,
            html=render_comment(fields.text, comment.markup),
            avatar=comment.avatar
            if comment.avatar is not None
            else self.avatar(thread.site_id, fields.email or fields.name),
            network=comment.network
            if comment.network is not None
            else network_of_address(comment.address or ""),
            user_agent=(comment.user_agent or "")[:USER_AGENT_MAX],
            client_key=comment.client_key,
            pending_text=comment.pending_text,
            pending_html=None
            if comment.pending_text is None
            else render_comment(comment.pending_text, comment.markup),
            # Nobody holds a token for an imported comment: a random hash nobody can match.
            edit_token_hash=hash_edit_token(secrets.token_urlsafe(32)),
            created_at=comment.created_at,
            updated_at=comment.updated_at or comment.edited_at,
            edited_at=comment.edited_at,
            commenter_key=comment.commenter_key,
            reports_cleared=comment.reports_cleared,
            likes=comment.likes,
            featured=comment.featured,
            staff=comment.staff,
            badges=comment.badges,
            language=comment.scores[0],
            toxicity=comment.scores[1],
            toxicity_model=comment.scores[2],
        )
