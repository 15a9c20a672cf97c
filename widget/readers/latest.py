"""What the readers' extras share: a site named by its origin, a site's latest comments."""

from __future__ import annotations

from widget import storage
from widget.comments.public import isoformat, public_comment
from widget.comments.validation import int_param
from widget.core.refusals import Refused
from widget.core.urls import normalize_origin
from widget.i18n import gettext as _
from widget.sites.registry import SiteInfo, site_for_page

LATEST_MAX = 50


def origin_param(value: object, caller_origin: str | None) -> tuple[str, SiteInfo]:
    """The registered site of the `origin` parameter (`https://blog.example.org`), or 400/403."""
    try:
        if not isinstance(value, str) or len(value) > 300:
            raise ValueError(_("Give the site's origin, as https://blog.example.org."))
        origin = normalize_origin(value)
    except ValueError as exc:
        raise Refused("invalid_origin", str(exc), {"origin": [str(exc)]}) from exc
    return origin, site_for_page(origin + "/", caller_origin)


def site_tag(site: SiteInfo, *parts: object) -> str:
    """A tag that changes with any write to any thread of the site (and with the sites)."""
    threads, versions = storage.site_state(site.id)
    return ".".join(map(str, (site.id, threads, versions, storage.sites_version(), *parts)))


def latest_comments(site: SiteInfo, limit: int) -> list[dict]:
    """The site's newest published comments, newest first, each with its thread."""
    rows = storage.list_latest_published(limit, site_id=site.id)
    return [
        {**public_comment(comment), "thread": {"url": thread.url, "title": thread.title}}
        for comment, thread in rows
    ]


def feed_entries(limit: int, *, site_id: int | None = None, thread_id: int | None = None):
    """What a feed shows of the newest published comments (no email, no address)."""
    rows = storage.list_latest_published(limit, site_id=site_id, thread_id=thread_id)
    return [
        {
            "id": comment.id,
            "name": comment.name,
            "html": comment.html,
            "created_at": isoformat(comment.created_at),
            "updated_at": isoformat(comment.updated_at or comment.created_at),
            "link": f"{thread.url}#comment-{comment.id}",
            "thread_url": thread.url,
            "thread_title": thread.title or thread.url,
        }
        for comment, thread in rows
    ]


def latest_limit(value: str | None) -> int:
    """The `limit` of /api/latest: 1 to 50, 10 when absent."""
    return int_param("limit", value, 10, 1, LATEST_MAX)
