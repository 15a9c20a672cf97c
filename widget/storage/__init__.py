"""Every query of the service lives in this package; handlers never touch the session.

`from widget import storage` and call `storage.<verb_noun>`: the modules split the
queries by subject, this file gathers their names.
"""

from ..extensions import db
from .comments import (
    add_comment,
    commit,
    email_has_status,
    find_comment,
    list_own_unpublished,
    list_visible,
    rollback,
)
from .moderation import (
    add_ban,
    add_moderator,
    count_with_status,
    delete_ban,
    delete_moderator,
    find_active_email_ban,
    find_ban,
    find_comments,
    find_moderator,
    find_moderator_by_email,
    list_active_network_bans,
    list_audit,
    list_bans,
    list_comments,
    list_moderators,
    record_action,
)
from .sites import (
    create_site,
    find_site,
    find_site_by_origin,
    list_sites,
    taken_origins,
    update_site,
)
from .threads import (
    count_published,
    count_published_by_url,
    find_thread,
    find_thread_by_id,
    get_or_create_thread,
    list_threads,
    set_thread_closed,
)

__all__ = [
    "add_ban",
    "add_comment",
    "add_moderator",
    "commit",
    "count_published",
    "count_published_by_url",
    "count_with_status",
    "create_site",
    "db",
    "delete_ban",
    "delete_moderator",
    "email_has_status",
    "find_active_email_ban",
    "list_active_network_bans",
    "find_ban",
    "find_comment",
    "find_comments",
    "find_moderator",
    "find_moderator_by_email",
    "find_site",
    "find_site_by_origin",
    "find_thread",
    "find_thread_by_id",
    "get_or_create_thread",
    "list_audit",
    "list_bans",
    "list_comments",
    "list_moderators",
    "list_own_unpublished",
    "list_sites",
    "list_threads",
    "list_visible",
    "record_action",
    "rollback",
    "set_thread_closed",
    "taken_origins",
    "update_site",
]
