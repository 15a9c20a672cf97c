"""Per-site API tokens for a CMS: minted once, kept hashed, scoped, revocable, audited."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from widget import storage
from widget.core.refusals import Refused
from widget.core.urls import normalize_origin
from widget.i18n import _
from widget.storage.models import TOKEN_SCOPES, ApiToken, Moderator, utcnow

from .registry import site_for_page

PREFIX = "tt_"  # says what a leaked string is, to secret scanners and people alike


@dataclass(frozen=True)
class Minted:
    token: str  # shown once; only its hash is stored
    row: ApiToken


def _hash(token: str) -> str:
    # 256 random bits: a plain hash is safe and lookups stay exact (as edit tokens).
    return hashlib.sha256(token.encode()).hexdigest()


def check_scopes(scopes: list[str]) -> str:
    """Space-separated known scopes, each once; ValueError names an unknown one."""
    wanted = list(dict.fromkeys(scope.strip() for scope in scopes if scope.strip()))
    unknown = [scope for scope in wanted if scope not in TOKEN_SCOPES]
    if unknown or not wanted:
        raise ValueError(
            _("Give --scope one or more of: {scopes}.", scopes=", ".join(TOKEN_SCOPES))
        )
    return " ".join(wanted)


def create_token(origin: str, scopes: list[str], note: str = "") -> Minted:
    """A new token for the site of `origin`; commit. ValueError says why not."""
    site = storage.find_site_by_origin(normalize_origin(origin))
    if site is None:
        raise ValueError(
            _("No site has the origin {origin}; add it first (tertulia sites add).", origin=origin)
        )
    scope_text = check_scopes(scopes)
    token = PREFIX + secrets.token_urlsafe(32)
    row = storage.add_api_token(site.id, _hash(token), token[:10], scope_text, note.strip()[:200])
    entry = f"created API token {row.hint}… ({scope_text})"
    storage.record_token_use(row, "token", entry, actor="command line")
    storage.commit()
    return Minted(token, row)


def authenticate(header: str | None, scope: str) -> ApiToken:
    """The token an `Authorization: Bearer …` header carries, if it may do `scope`.

    :raise Refused: `invalid_token` (none, unknown or revoked), `insufficient_scope`.
    """
    kind, _space, token = (header or "").partition(" ")
    token = token.strip()
    if kind.lower() != "bearer" or not token.startswith(PREFIX) or len(token) > 100:
        raise Refused("invalid_token", _("Send a site's API token: Authorization: Bearer tt_…."))
    row = storage.find_api_token_by_hash(_hash(token))
    if row is None:
        raise Refused("invalid_token", _("This API token is unknown or was revoked."))
    if scope not in row.scope_list:
        raise Refused("insufficient_scope", _("This API token may not do {scope}.", scope=scope))
    return row


def revoke_token(moderator: Moderator | None, row: ApiToken) -> None:
    """Revoke a token for good, with its audit entry; commit."""
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        detail = f"revoked API token {row.hint}… of site {row.site_id}"
        if moderator is not None:
            storage.record_action(moderator, "token", detail=detail)
        else:
            storage.record_token_use(row, "token", detail, actor="command line")
    storage.commit()


def thread_to_read(token: ApiToken, url: str, key: str) -> int | None:
    """The id of the thread a token reads (None: no comments yet), audited; commit.

    :raise Refused: `origin_mismatch` when the page is another site's.
    """
    if site_for_page(url).id != token.site_id:
        raise Refused("origin_mismatch", _("This API token is for another site's pages."))
    storage.record_token_use(token, "api read", url)
    thread = storage.find_thread(token.site_id, key)
    storage.commit()
    return thread.id if thread else None
