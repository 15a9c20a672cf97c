"""WordPress's export (WXR 1.0, 1.1, 1.2): one <item> per post, its <wp:comment>s inside."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import BinaryIO
from xml.etree.ElementTree import Element

from widget.i18n import gettext as _

from .model import ImportRefused, IncomingComment, IncomingThread
from .xmlstream import children, elements, local, namespace, parse_time, text_of, texts_of

# http or https, any version: the theme test data says https://wordpress.org/export/1.2/.
WP_NAMESPACE = re.compile(r"^https?://(www\.)?wordpress\.org/export/\d+(\.\d+)*/?$")
# wp:comment_approved -> our status; anything else (post-trashed…) is deleted.
STATUSES = {"1": "published", "0": "pending", "spam": "spam", "trash": "deleted"}
# Post statuses whose comments anyone may read; the others (private, draft, pending, future,
# trash) and posts with a password are protected: their comments are held.
PUBLIC_POSTS = ("publish", "inherit", "")
# The channel's elements that name the blog (its comment ids are unique within it). WordPress
# writes all three; base_site_url is the network's (all of wordpress.com shares one), so last.
INSTALL = ("base_blog_url", "link", "base_site_url")


@lru_cache(maxsize=64)
def is_wp(ns: str) -> bool:
    return bool(WP_NAMESPACE.match(ns))


def read(open_stream: Callable[[], BinaryIO]) -> Iterator[tuple[IncomingThread, list]]:
    """Each post with comments, as (thread, comments)."""
    seen_wordpress = False
    names: dict[str, str] = {}  # the channel's elements of INSTALL, as they come
    with open_stream() as stream:
        for _root, item in elements(stream, {"item", *INSTALL}, "import wordpress", _check_root):
            if local(item.tag) != "item":
                names.setdefault(local(item.tag), (item.text or "").strip().rstrip("/"))
                continue
            wp = [child for child in item if is_wp(namespace(child.tag))]
            seen_wordpress = seen_wordpress or bool(wp)
            install = next((names[n] for n in INSTALL if names.get(n)), "")
            comments = [
                _comment(item, element, install) for element in _wp_children(item, "comment")
            ]
            if comments:
                yield _thread(item), comments
    if not seen_wordpress:
        raise ImportRefused(
            _(
                "This RSS file has no WordPress (wp:) elements: it is not a WordPress export "
                "(Tools → Export in WordPress writes one). Nothing was imported."
            )
        )


def _check_root(root: str) -> None:
    if local(root) == "disqus":
        raise ImportRefused(_("This is a Disqus export: use `tertulia import disqus FILE`."))
    if local(root) != "rss":
        raise ImportRefused(
            # TRANSLATORS: {element} is the name of the file's first XML element, like disqus.
            _(
                "This is not a WordPress export (its root element is <{element}>, not <rss>).",
                element=local(root),
            )
        )


def _wp_children(element: Element, name: str) -> list[Element]:
    return [child for child in children(element, name) if is_wp(namespace(child.tag))]


def _wp(element: Element, name: str) -> str:
    return text_of(element, name, is_wp)


def _thread(item: Element) -> IncomingThread:
    return IncomingThread(
        link=text_of(item, "link"),
        title=text_of(item, "title"),
        closed=_wp(item, "comment_status") == "closed",
        created_at=parse_time(_wp(item, "post_date_gmt")),
        protected=bool(_wp(item, "post_password")) or _wp(item, "status") not in PUBLIC_POSTS,
    )


def _comment(item: Element, element: Element, install: str) -> IncomingComment:
    # Comment ids are per blog, but hand-made files repeat them across posts: scope by post.
    post = _wp(item, "post_id") or text_of(item, "link")
    wp = texts_of(element, is_wp)
    comment_id = wp.get("comment_id", "")
    parent = wp.get("comment_parent", "")
    kind = wp.get("comment_type", "")
    # None when unreadable: the importer reports it and keeps the thread's order.
    created = parse_time(wp.get("comment_date_gmt", "")) or parse_time(wp.get("comment_date", ""))
    ref = f"{post}#{comment_id}"
    return IncomingComment(
        ref=ref,
        parent_ref=f"{post}#{parent}" if parent not in ("", "0") else None,
        name=wp.get("comment_author", ""),
        email=wp.get("comment_author_email", ""),
        website=wp.get("comment_author_url", ""),
        text=wp.get("comment_content", ""),
        markup="html",
        created_at=created,
        status=STATUSES.get(wp.get("comment_approved", ""), "deleted"),
        kind=kind if kind in ("pingback", "trackback") else "comment",
        address=wp.get("comment_author_IP", ""),
        user_agent=wp.get("comment_agent", ""),
        source=("wordpress", ref[:300]),
        install=install,
    )
