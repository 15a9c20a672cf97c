"""Signing a verified commenter in: the token checked, their profile kept in `site_users`.

A profile changes only with a newer token (`iat`): a token older than the stored profile is
refused, so a stale tab cannot undo a change of name or a removed badge.
"""

from __future__ import annotations

import json
from datetime import timedelta

from widget import storage
from widget.comments.proof import user_avatar
from widget.core.refusals import Refused
from widget.i18n import _
from widget.sites.registry import SiteInfo
from widget.storage.models import SiteUser, utcnow

from . import credentials
from .sso_secret import verification_keys
from .tokens import Claims, verify

# last_seen is written at most this often (a sign-in per page view would write each time).
SEEN_EVERY = timedelta(minutes=5)


def sign_in(site: SiteInfo, token: object) -> SiteUser:
    """The verified commenter a bearer token proves (SSO, or our own credential for a reader
    signed in by email), their profile brought up to date."""
    if credentials.is_email_credential(token):
        return _email_reader(site, token)  # type: ignore[arg-type]
    claims = verify(token, verification_keys(site.sso_keys))
    storage.begin_locked(f"site-user:{site.id}:{claims.sub}")
    try:
        user = _keep_profile(site, claims)
        storage.commit()
    except BaseException:
        storage.rollback()
        raise
    return user


def _email_reader(site: SiteInfo, token: str) -> SiteUser:
    user = credentials.read(token, site.id)
    if utcnow() - user.last_seen > SEEN_EVERY:
        user.last_seen = utcnow()
        storage.commit()
    return user


def rename(user: SiteUser, name: str) -> SiteUser:
    """A reader signed in by email changes the name they comment under (an SSO reader's
    name is the site's: refused)."""
    if user.kind != "email":
        raise Refused(
            "name_from_site", _("Your name comes from the site's account; change it there.")
        )
    user.name = name
    storage.commit()
    return user


def _keep_profile(site: SiteInfo, claims: Claims) -> SiteUser:
    now = utcnow()
    user = storage.find_site_user(site.id, claims.sub)
    profile = {
        "name": claims.name,
        "email": claims.email,
        "badges": json.dumps(list(claims.badges)),
        "role": claims.role,
        "issued_at": claims.issued_at,
    }
    if user is None:
        return storage.add_site_user(
            site_id=site.id,
            kind="sso",
            external_id=claims.sub,
            first_seen=now,
            last_seen=now,
            **profile,
        )
    if claims.issued_at < user.issued_at:
        raise Refused(
            "sso_token_outdated",
            _("This sign-in token is older than the profile already stored; sign in again."),
        )
    if claims.issued_at > user.issued_at:
        for name, value in profile.items():
            setattr(user, name, value)
    if now - user.last_seen > SEEN_EVERY:
        user.last_seen = now
    return user


def badge_keys(user: SiteUser) -> tuple[str, ...]:
    """The user's badge keys (the staff role is shown by the staff badge instead)."""
    return tuple(json.loads(user.badges or "[]"))


def public_user(user: SiteUser, site: SiteInfo) -> dict:
    """What the widget shows of the signed-in reader: never the email or the external id."""
    from .badges import labelled

    return {
        "name": user.name,
        "kind": user.kind,
        "staff": user.role == "staff",
        "badges": labelled(badge_keys(user), site.badge_labels),
        # as on their comments: the widget offers to edit those from any device
        "avatar": user_avatar(site.id, user.external_id),
    }
