"""Verified commenters' data (issue 23): their profiles, exported and erased.

By email (`privacy export|erase`: every site's profiles with that address) and by a site's
own user id (`users erase ORIGIN EXTERNAL_ID`, for a site that deletes an account).
"""

from __future__ import annotations

import json

from widget import storage
from widget.exporting.writer import iso_time
from widget.storage.models import SiteUser


def _exported(user: SiteUser) -> dict:
    return {
        "site": storage.find_site(user.site_id).name,
        "kind": user.kind,
        "external_id": user.external_id,
        "name": user.name,
        "badges": json.loads(user.badges or "[]"),
        "role": user.role or None,
        "first_seen": iso_time(user.first_seen),
        "last_seen": iso_time(user.last_seen),
        "comments": [comment.id for comment in storage.list_user_comments(user.id, None)],
    }


def export_site_users(email: str) -> list[dict]:
    return [_exported(user) for user in storage.list_site_users_by_email(email)]


def erase_user(user: SiteUser) -> dict[str, int]:
    """Delete a verified commenter's comments (blank those with replies) and their profile."""
    from .personal_data import erase_comments_of  # its SOURCES list this module's functions

    erased = erase_comments_of(lambda: storage.list_user_comments(user.id, None))
    storage.delete_site_user(user)
    return {
        "verified profiles deleted": 1,
        "signed-in comments deleted": erased["comments deleted"],
        "signed-in comments kept as placeholders": erased["comments kept as placeholders"],
    }


def erase_site_users(email: str) -> dict[str, int]:
    # (their comments with this address went with the "comments" source, just before)
    summary: dict[str, int] = {"verified profiles deleted": 0}
    for user in storage.list_site_users_by_email(email):
        for what, count in erase_user(user).items():
            summary[what] = summary.get(what, 0) + count
    return summary
