"""Moderators signing in and out: failures counted exactly, sessions kept on the server."""

from __future__ import annotations

import hashlib
import math
import secrets
import unicodedata
from datetime import datetime, timedelta

from flask import current_app

from widget import storage
from widget.core.clients import Client
from widget.core.keys import keyed_hash
from widget.core.refusals import Refused
from widget.i18n import gettext as _
from widget.i18n.labels import please_wait
from widget.moderation.defences import windows
from widget.storage.models import Moderator, utcnow

from . import moderators


def account_key(email: str) -> str:
    """One key for every spelling of an account's email (case, width, Unicode forms)."""
    try:
        normalized = moderators.normalize_email(email)
    except ValueError:
        normalized = email.strip()
    return unicodedata.normalize("NFKC", normalized).casefold()[:320]


def _keys(email: str, client: Client, device: str | None) -> tuple[str, str]:
    account = account_key(email)
    # A browser that signed in to this account before has an allowance of its own, so
    # someone hammering the account from elsewhere cannot lock its moderator out.
    if device:
        account += f"\ndevice:{device}"
    address = keyed_hash("sign-in-address", client.limit_key)
    return address, keyed_hash("sign-in-account", account)


def _check_limits(address_key: str, account_key_: str, now: datetime) -> None:
    limits = windows("LOGIN_RATE_LIMIT")
    if not limits:
        return
    since = now - max(window for _, window in limits)
    attempts = storage.recent_sign_in_attempts(address_key, account_key_, since)
    for amount, window in limits:
        for which in (0, 1):  # by address, then by account
            times = [a[2] for a in attempts if a[which] and a[2] >= now - window]
            if len(times) >= amount:
                wait = max(1, math.ceil((times[-amount] + window - now).total_seconds()))
                raise Refused(
                    "rate_limited",
                    _("Too many sign-in attempts.") + " " + please_wait(wait),
                    retry_after=wait,
                )


def sign_in(
    email: str, password: str, client: Client, device: str | None = None
) -> tuple[Moderator, str] | None:
    """The moderator and a new session id, or None for wrong credentials; 429 past the limit.

    The attempt is stored before the (slow) password check, under a lock on its keys, and
    removed if it succeeds: concurrent guesses are counted exactly, in any process.
    """
    address_key, account_key_ = _keys(email, client, device)
    storage.begin_locked(address_key, account_key_)
    try:
        _check_limits(address_key, account_key_, utcnow())
        attempt = storage.add_sign_in_attempt(address_key, account_key_)
        storage.commit()
    except BaseException:
        storage.rollback()
        raise
    moderator = moderators.authenticate(email, password)
    if moderator is None:
        return None
    storage.delete_sign_in_attempt(attempt)
    session_id = _start_session(moderator)
    storage.commit()
    return moderator, session_id


def _hash(session_id: str) -> str:
    # 256 random bits: a plain hash is enough, and lookups stay exact.
    return hashlib.sha256(session_id.encode()).hexdigest()


def _start_session(moderator: Moderator) -> str:
    session_id = secrets.token_urlsafe(32)
    now = utcnow()
    hours = current_app.config["ADMIN_SESSION_HOURS"]
    # Attempts are kept as long as the longest sign-in limit looks back (a day at least).
    longest = max((window for _, window in windows("LOGIN_RATE_LIMIT")), default=timedelta(0))
    storage.delete_expired_sessions(now, now - max(longest, timedelta(days=1)))
    storage.add_moderator_session(_hash(session_id), moderator, now + timedelta(hours=hours))
    return session_id


def password_seal(moderator: Moderator) -> str:
    """Changes when the password does: the account's other sessions end with it."""
    return keyed_hash("admin-session", moderator.password_hash)[:32]


def session_moderator(session_id: object, seal: object) -> Moderator | None:
    """The moderator whose unexpired session this is (with today's password), or None."""
    if not isinstance(session_id, str) or not session_id:
        return None
    moderator = storage.find_session_moderator(_hash(session_id), utcnow())
    if moderator is None or seal != password_seal(moderator):
        return None
    return moderator


def sign_out(session_id: object) -> None:
    """End this session on the server: a copy of its cookie opens nothing afterwards."""
    if isinstance(session_id, str) and session_id:
        storage.delete_moderator_session(_hash(session_id))
        storage.commit()


def new_device_id() -> str:
    """A random id for a browser that signed in (kept in its signed known-device cookie)."""
    return secrets.token_urlsafe(16)
