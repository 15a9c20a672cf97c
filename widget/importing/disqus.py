"""Disqus's export: <thread>s with their links, then <post>s naming thread and parent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element

from widget.i18n import gettext as _

from .model import ImportRefused, IncomingComment, IncomingThread
from .xmlstream import children, elements, local, parse_time, text_of

DSQ_ID = "{http://disqus.com/disqus-internals}id"


def read(open_stream: Callable[[], BinaryIO]) -> Iterator[tuple[IncomingThread | None, list]]:
    """Two passes over the file: the threads (few, kept), then the posts one by one."""
    threads: dict[str, IncomingThread] = {}
    forum = ""  # the Disqus site ("shortname"): post ids are unique within it
    with open_stream() as stream:
        for _root, element in elements(stream, {"thread"}, "import disqus", _check_root):
            dsq_id = _dsq_id(element)
            link = text_of(element, "link")
            forum = forum or text_of(element, "forum")
            if dsq_id and link:
                threads[dsq_id] = IncomingThread(
                    link=link,
                    title=text_of(element, "title"),
                    closed=text_of(element, "isClosed") == "true",
                    created_at=parse_time(text_of(element, "createdAt")),
                    deleted=text_of(element, "isDeleted") == "true",
                )
    with open_stream() as stream:
        for _root, post in elements(stream, {"post"}, "import disqus", _check_root):
            thread_ref = next((_dsq_id(t) for t in children(post, "thread")), "")
            yield threads.get(thread_ref), [_comment(post, forum)]


def _check_root(root: str) -> None:
    if local(root) == "rss":
        raise ImportRefused(
            _("This is an RSS file (a WordPress export?): use `tertulia import wordpress FILE`.")
        )
    if local(root) != "disqus":
        raise ImportRefused(
            # TRANSLATORS: {element} is the name of the file's first XML element, like rss.
            _(
                "This is not a Disqus export (its root element is <{element}>, not <disqus>).",
                element=local(root),
            )
        )


def _dsq_id(element: Element) -> str:
    # Their <id/> is often empty: the dsq:id attribute is the one that is always there.
    return (element.get(DSQ_ID) or "").strip()


def _comment(post: Element, forum: str) -> IncomingComment:
    author = next(iter(children(post, "author")), None)
    parent = next((_dsq_id(p) for p in children(post, "parent")), "") or None
    ref = _dsq_id(post)
    if text_of(post, "isDeleted") == "true":
        status = "deleted"
    elif text_of(post, "isSpam") == "true":
        status = "spam"
    else:
        status = "published"
    return IncomingComment(
        ref=ref,
        parent_ref=parent,
        name=(text_of(author, "name") or text_of(author, "username")) if author is not None else "",
        email=text_of(author, "email") if author is not None else "",
        website="",
        text=text_of(post, "message"),
        markup="html",
        created_at=parse_time(text_of(post, "createdAt")),  # None: reported
        status=status,
        address=text_of(post, "ipAddress"),
        source=("disqus", ref[:300]) if ref else None,
        install=forum,
    )
