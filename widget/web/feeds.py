"""Atom 1.0 feeds of published comments: one thread's, and a whole site's.

Built with ElementTree, which escapes every value: names, titles and URLs are text or
attributes, and the stored sanitised HTML goes in as escaped `type="html"` content.
No email, no address. Each feed carries an ETag that changes with the thread's (or the
site's) writes, and may be kept a minute by browsers, feed readers and CDNs.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from flask import Blueprint, request

from widget.comments.public import isoformat
from widget.comments.validation import page_url_param, thread_key_param
from widget.core.urls import public_url_for
from widget.i18n import _, in_language
from widget.readers.latest import feed_entries, origin_param, site_tag

from . import limits, reads
from .context import request_language
from .reads import view_thread

bp = Blueprint("feeds", __name__, url_prefix="/feeds")

ATOM = "http://www.w3.org/2005/Atom"
XML = "http://www.w3.org/XML/1998/namespace"
FEED_SIZE = 50
FEED_MAX_AGE = 60  # seconds: a feed reader polling every minute costs a 304
MIMETYPE = "application/atom+xml"


def _atom(
    *, feed_id: str, title: str, alternate: str, self_url: str, updated: str, entries, lang: str
) -> bytes:
    """The feed document: every value set as text or attribute, escaped by the serializer."""
    with in_language(lang):
        feed = ET.Element("feed", {"xmlns": ATOM, f"{{{XML}}}lang": lang})
        ET.SubElement(feed, "id").text = feed_id
        ET.SubElement(feed, "title").text = title
        ET.SubElement(feed, "updated").text = updated
        ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": alternate})
        ET.SubElement(feed, "link", {"rel": "self", "type": MIMETYPE, "href": self_url})
        ET.SubElement(feed, "generator").text = "Tertulia"
        for item in entries:
            entry = ET.SubElement(feed, "entry")
            ET.SubElement(entry, "id").text = item["link"]
            entry_title = _("{name} on {title}", name=item["name"], title=item["thread_title"])
            ET.SubElement(entry, "title").text = entry_title
            author = ET.SubElement(entry, "author")
            ET.SubElement(author, "name").text = item["name"]
            ET.SubElement(
                entry, "link", {"rel": "alternate", "type": "text/html", "href": item["link"]}
            )
            ET.SubElement(entry, "published").text = item["created_at"]
            ET.SubElement(entry, "updated").text = item["updated_at"]
            ET.SubElement(entry, "content", {"type": "html"}).text = item["html"]
        return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _control() -> str:
    return f"public, max-age={FEED_MAX_AGE}"


@bp.get("/thread.atom")
@limits.reads
def thread_feed():
    """The latest published comments of one thread, newest first, as Atom."""
    url = page_url_param(request.args.get("url"))
    thread_param = request.args.get("thread")
    key = thread_key_param(url, thread_param)
    lang = request_language(request.args.get("lang"))
    view = view_thread(url, key, from_embed=False)

    def render() -> bytes:
        state = view.state
        entries = feed_entries(FEED_SIZE, thread_id=state.thread_id) if state.thread_id else []
        with in_language(lang):
            return _atom(
                feed_id=f"{url}#comments",
                title=_("Comments on {title}", title=state.title or url),
                alternate=url,
                self_url=public_url_for("feeds.thread_feed", url=url, thread=thread_param),
                updated=entries[0]["created_at"] if entries else _thread_started(state),
                entries=entries,
                lang=lang,
            )

    response = reads.serve(
        ("atom", view.site.id, key, url, lang), view.tag("atom", lang), render, MIMETYPE, _control()
    )
    response.vary.add("Accept-Language")  # the titles' language may come from the browser
    return response


@bp.get("/site.atom")
@limits.reads
def site_feed():
    """The latest published comments across a site, newest first, as Atom."""
    origin, site = origin_param(request.args.get("origin"), None)
    lang = request_language(request.args.get("lang"))

    def render() -> bytes:
        entries = feed_entries(FEED_SIZE, site_id=site.id)
        with in_language(lang):
            return _atom(
                feed_id=f"{origin}/#comments",
                title=_("Comments on {title}", title=site.name),
                alternate=f"{origin}/",
                self_url=public_url_for("feeds.site_feed", origin=origin),
                updated=entries[0]["created_at"] if entries else "1970-01-01T00:00:00Z",
                entries=entries,
                lang=lang,
            )

    response = reads.serve(
        ("site-atom", site.id, origin, lang),
        site_tag(site, "atom", lang),
        render,
        MIMETYPE,
        _control(),
    )
    response.vary.add("Accept-Language")
    return response


def _thread_started(state) -> str:
    return isoformat(state.created_at) if state.created_at else "1970-01-01T00:00:00Z"
