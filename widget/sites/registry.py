"""Which site a request belongs to, from the page URL and the `Origin` header.

Sites are resolved from a registry each process keeps in memory. It is checked against
the database's sites counter (bumped by every change of the sites) once per request
(remembered beside the request's database session),
so every worker and instance sees a change at once; a thread read folds that check
into its one query (see web/reads.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app

from widget import storage
from widget.core.refusals import Refused
from widget.core.urls import origin_of
from widget.i18n import _
from widget.identity.badges import parse_labels

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SiteInfo:
    """What requests need of a site, copied out of the database."""

    id: int
    name: str
    moderation: str
    close_after_days: int | None
    hold_words: str
    spam_words: str
    staff_label: str = ""
    hold_on_notice: bool = True
    reject_words: str = ""
    # The pre-screen (issue 25): toxicity holds from the threshold; the languages taken.
    prescreen: bool = False
    toxicity_threshold: float = 0.8
    languages: tuple[str, ...] = ()
    # ---- verified commenters (issue 23)
    who_may_comment: str = "everyone"
    badge_labels: dict[str, dict[str, str]] = field(default_factory=dict, hash=False)
    # The sealed SSO secrets and until when each is valid (None: the current one).
    sso_keys: tuple[tuple[str, datetime | None], ...] = ()


def _labels(text: str) -> dict[str, dict[str, str]]:
    """A site's badge labels, line by line: each line is checked when saved, but a line the
    parser no longer takes (written under older rules) must cost only its own badge."""
    labels: dict[str, dict[str, str]] = {}
    for line in (text or "").splitlines():
        try:
            labels.update(parse_labels(line))
        except ValueError:
            log.warning("A badge label line is not read (shown by its key): %r", line[:80])
    return labels


def _sso_keys(site) -> tuple[tuple[str, datetime | None], ...]:
    keys: list[tuple[str, datetime | None]] = []
    if site.sso_secret:
        keys.append((site.sso_secret, None))
    if site.sso_previous_secret and site.sso_previous_until:
        keys.append((site.sso_previous_secret, site.sso_previous_until))
    return tuple(keys)


@dataclass(frozen=True)
class Registry:
    version: int
    by_origin: dict[str, SiteInfo]
    by_id: dict[int, SiteInfo]
    # Moderators' display names (guests may not take them: comments/names.py); a change
    # of one bumps the same counter as a change of the sites.
    moderator_names: tuple[str, ...] = ()
    # Sites with sanctions in force (moderation/ladder.py): a post elsewhere asks no query.
    sanctioned: frozenset[int] = frozenset()


def _load(version: int) -> Registry:
    by_origin: dict[str, SiteInfo] = {}
    by_id: dict[int, SiteInfo] = {}
    for site in storage.load_sites():
        info = SiteInfo(
            site.id,
            site.name,
            site.moderation,
            site.close_after_days,
            site.hold_words or "",
            site.spam_words or "",
            site.staff_label or "",
            bool(site.hold_on_notice),
            site.reject_words or "",
            bool(site.prescreen),
            float(site.toxicity_threshold if site.toxicity_threshold is not None else 0.8),
            tuple((site.languages or "").split()),
            site.who_may_comment or "everyone",
            _labels(site.badge_labels or ""),
            _sso_keys(site),
        )
        by_id[site.id] = info
        by_origin.update((o.origin, info) for o in site.origins)
    names = tuple(storage.moderator_display_names())
    registry = Registry(version, by_origin, by_id, names, frozenset(storage.sanctioned_sites()))
    current_app.extensions["tertulia.sites"] = registry
    from widget.webhooks.events import load_subscribers  # same counter: loaded together

    load_subscribers(version)
    return registry


def registry(version: int | None = None) -> Registry:
    """The registry, checked against the sites counter (once per request).

    `version`: the counter, when the caller read it already (with its own query).
    """
    memo = storage.context_memo()
    if version is None and memo.get("sites_checked"):
        return memo["sites"]
    if version is None:
        version = storage.sites_version()
    cached = current_app.extensions.get("tertulia.sites")
    memo["sites"] = cached if cached is not None and cached.version == version else _load(version)
    memo["sites_checked"] = True
    return memo["sites"]


def registry_checked() -> bool:
    """Has this request checked the registry against the database already?"""
    return bool(storage.context_memo().get("sites_checked"))


def unchecked_registry() -> Registry:
    """This request's registry, possibly not yet checked (the caller checks it later)."""
    memo = storage.context_memo()
    if "sites" not in memo:
        cached = current_app.extensions.get("tertulia.sites")
        if cached is None:
            return registry()
        memo["sites"] = cached
    return memo["sites"]


def site_by_id(site_id: int) -> SiteInfo | None:
    return unchecked_registry().by_id.get(site_id)


def not_registered(origin: str) -> Refused:
    return Refused(
        "origin_not_registered",
        _(
            "The origin {origin} is not registered with this comment server; "
            "its operator must register it (tertulia sites add {origin}).",
            origin=origin,
        ),
    )


def site_for_page(
    page_url: str, caller_origin: str | None = None, checked: bool = True
) -> SiteInfo:
    """The site whose origins include the page's.

    From the embed (the JSON API), the caller's Origin must belong to the same site; our
    own no-JavaScript pages are same-origin and CSRF-protected, and pass no origin.
    `checked=False`: the caller checks the registry's version itself, later.
    """
    if not checked and not registry_checked():
        try:
            return _resolve(page_url, caller_origin, unchecked_registry())
        except Refused:
            pass  # perhaps registered a moment ago: ask the database before refusing
    return _resolve(page_url, caller_origin, registry())


def resolve_site(page_url: str, caller: str | None, sites: Registry) -> SiteInfo:
    """The site of `page_url` in `sites`, checked against the caller's origin, or Refused."""
    return _resolve(page_url, caller, sites)


def _resolve(page_url: str, caller: str | None, sites: Registry) -> SiteInfo:
    page_origin = origin_of(page_url)
    site = sites.by_origin.get(page_origin)
    if site is None:
        raise not_registered(page_origin)
    if caller is not None and caller != page_origin:
        caller_info = sites.by_origin.get(caller)
        if caller_info is None or caller_info.id != site.id:
            raise Refused(
                "origin_mismatch",
                _(
                    "A page on {caller} may not use the comments of {page}; "
                    "register both origins for the same site.",
                    caller=caller,
                    page=page_origin,
                ),
            )
    return site
