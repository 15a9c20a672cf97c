"""Moving a thread when its article's URL changes, or merging it into the new URL's thread."""

from __future__ import annotations

from widget import storage
from widget.core.urls import canonical_url, origin_of
from widget.i18n import gettext as _
from widget.i18n import ngettext


def move_thread(old_url: str, new_url: str) -> str:
    """Move or merge; commit; returns what was done. ValueError says why not."""
    old, new = canonical_url(old_url), canonical_url(new_url)
    site = storage.find_site_by_origin(origin_of(old))
    thread = storage.find_thread_by_url(site.id, old) if site else None
    if thread is None:
        raise ValueError(_("There is no thread for {url}.", url=old))
    new_site = storage.find_site_by_origin(origin_of(new))
    if new_site is None or new_site.id != site.id:
        raise ValueError(
            _(
                "{origin} is not an origin of the site {site}; "
                "add it to the site first (admin → Sites).",
                origin=origin_of(new),
                site=repr(site.name),
            )
        )
    if old == new:
        raise ValueError(_("The old and new URLs are the same page."))
    target = storage.find_thread_by_url(site.id, new)
    if target is None:
        storage.move_thread(thread, new)
        storage.thread_changed(thread.id)  # read-model bookkeeping: its pages change address
        storage.commit()
        return _("Moved the thread of {old} to {new}.", old=old, new=new)
    moved = storage.merge_threads(thread, target)
    storage.thread_changed(target.id)  # read-model bookkeeping: count, version, placeholders
    storage.commit()
    return ngettext(
        "Merged {n} comment of {old} into the thread of {new}.",
        "Merged {n} comments of {old} into the thread of {new}.",
        moved,
        old=old,
        new=new,
    )
