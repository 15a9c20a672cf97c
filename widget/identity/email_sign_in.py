"""Sign in by email: a link mailed to the reader, used once within 15 minutes.

The tab that asked waits, polling with a key only it holds; the link's page (on our own
origin, perhaps in another browser or on a phone) signs the reader in with a POST, and
the waiting tab picks the credential up once. No third-party storage, cookie or opener is
needed, so it works where Safari and Firefox partition them (README "Sign in with your email").
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from werkzeug.datastructures import MultiDict
from wtforms.fields import StringField

from widget import storage
from widget.comments.forms import CommentForm, nfc, strip
from widget.comments.names import check_guest_name
from widget.comments.validation import invalid_fields
from widget.core.clients import Client
from widget.core.keys import keyed_hash
from widget.core.refusals import Refused
from widget.i18n import _, in_language
from widget.mail import notifications
from widget.mail.compose import ascii_address
from widget.mail.links import absolute_url
from widget.sites.registry import SiteInfo
from widget.storage.models import EmailSignIn, SiteUser, utcnow

from . import credentials

LINK_VALID = timedelta(minutes=15)
DAY = timedelta(days=1)


class SignInForm(CommentForm):
    """The widget's "Sign in with your email": an address, and the name to comment under."""

    name = StringField("Name", filters=[nfc, strip])
    website = None
    text = None
    notify = None


@dataclass(frozen=True)
class Asked:
    """What the waiting tab gets: the key it polls with, and how long the link lasts."""

    poll: str
    expires_in: int


def _hash(purpose: str, value: str) -> str:
    return keyed_hash(f"email-sign-in-{purpose}", value)


def _check(payload: dict, language: str) -> tuple[str, str]:
    values = {f: payload[f] for f in ("name", "email") if isinstance(payload.get(f), str)}
    form = SignInForm(formdata=MultiDict(values), meta={"csrf": False})
    form.language = language
    if not form.validate():
        raise invalid_fields(form.errors)
    return form.name.data, form.email.data


def checked_name(site: SiteInfo, payload: dict, language: str) -> str:
    """A new name for a reader signed in by email, checked as a guest's name is (never
    one that passes for the staff's)."""
    value = payload.get("name")
    form = SignInForm(
        formdata=MultiDict({"name": value if isinstance(value, str) else ""}), meta={"csrf": False}
    )
    form.language = language
    if not form.name.validate(form, [lambda form, field: form.validate_name(field)]):
        raise invalid_fields({"name": form.name.errors})
    check_guest_name(site, form.name.data, language)
    return form.name.data


def _refuse_off(site: SiteInfo, language: str) -> None:
    if not notifications.enabled() or site.who_may_comment == "sso":
        raise Refused("email_sign_in_off", _("This site does not sign readers in by email."))


def ask(site: SiteInfo, payload: dict, client: Client) -> Asked:
    """Mail a sign-in link to the address (unless its daily cap is reached: the answer is
    the same either way, and never says whether the address has commented before)."""
    language = client.language
    _refuse_off(site, language)
    name, email = _check(payload, language)
    check_guest_name(site, name, language)  # their name is self-chosen, as a guest's
    network = _hash("network", client.network)
    config = current_app.config
    poll, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    storage.begin_locked(f"email-sign-in:{network}", f"email-sign-in:{email}")
    try:
        now = utcnow()
        if (
            storage.count_email_sign_ins_since(network, now - DAY)
            >= config["EMAIL_SIGN_INS_PER_NETWORK_PER_DAY"]
        ):
            raise Refused(
                "rate_limited",
                _("Too many sign-in mails were asked from your network today; try again tomorrow."),
                retry_after=3600,
            )
        storage.add_email_sign_in(
            site_id=site.id,
            email=email,
            name=name,
            lang=language,
            nonce_hash=_hash("nonce", nonce),
            poll_hash=_hash("poll", poll),
            network=network,
            created_at=now,
        )
        _mail(site, email, language, nonce)
        storage.commit()
    except BaseException:
        storage.rollback()
        raise
    return Asked(poll, int(LINK_VALID.total_seconds()))


def _mail(site: SiteInfo, email: str, language: str, nonce: str) -> None:
    """The mail with the link, at most MAIL_CONFIRMATIONS_PER_DAY a day to one address."""
    cap = current_app.config["MAIL_CONFIRMATIONS_PER_DAY"]
    if (
        not ascii_address(email)
        or storage.count_mail_since(email, "sign_in", utcnow() - DAY) >= cap
    ):
        return  # silently: the answer must not differ
    with in_language(language):
        notifications.queue_plain(
            "sign_in",
            email,
            _("Sign in to comment on {site}", site=site.name),
            "sign_in",
            language,
            site=site.name,
            minutes=int(LINK_VALID.total_seconds() // 60),
            sign_in_url=absolute_url("mail.sign_in", nonce=nonce),
        )


def opened(nonce: str) -> EmailSignIn:
    """The request a mailed link names, while it may still be used; else Refused (410/400)."""
    found = storage.find_email_sign_in(nonce_hash=_hash("nonce", nonce)) if nonce else None
    if found is None:
        raise Refused(
            "link_invalid", _("This link is not valid. Please use the link from the mail, whole.")
        )
    with in_language(found.lang):
        if found.used_at is not None:
            raise Refused(
                "link_used", _("This sign-in link was already used; ask for a new one on the page.")
            )
        if utcnow() - found.created_at > LINK_VALID:
            raise Refused("link_expired", _("This link has expired."))
        return found


def use(nonce: str) -> SiteUser:
    """The link's button: the reader is signed in (a new commenter takes the name they
    chose); the link is spent. One transaction, locked on the link, so it works once."""
    found = opened(nonce)
    storage.begin_locked(f"email-sign-in-use:{found.id}")
    try:
        found = opened(nonce)  # again, under the lock: a second press finds it spent
        external_id = _hash("user", found.email)
        user = storage.find_site_user(found.site_id, external_id)
        now = utcnow()
        if user is None:
            user = storage.add_site_user(
                site_id=found.site_id,
                kind="email",
                external_id=external_id,
                name=found.name,
                email=found.email,
                issued_at=now,
                first_seen=now,
                last_seen=now,
            )
        user.last_seen = now
        found.used_at, found.site_user_id = now, user.id
        storage.commit()
    except BaseException:
        storage.rollback()
        raise
    return user


def _waiting(site: SiteInfo, poll_hash: str, language: str) -> EmailSignIn | None:
    found = storage.find_email_sign_in(poll_hash=poll_hash)
    if found is None or found.site_id != site.id or found.picked_at is not None:
        raise Refused("sign_in_expired", _("This sign-in request has ended; ask for a new link."))
    if found.used_at is None:
        if utcnow() - found.created_at > LINK_VALID:
            raise Refused(
                "sign_in_expired", _("This sign-in request has ended; ask for a new link.")
            )
        return None
    return found


def pick_up(site: SiteInfo, poll: object, language: str) -> tuple[str, SiteUser] | None:
    """The waiting tab's poll: None while the link is unused; the credential once, after."""
    if not isinstance(poll, str) or not 0 < len(poll) <= 100:
        raise Refused("sign_in_expired", _("This sign-in request has ended; ask for a new link."))
    poll_hash = _hash("poll", poll)
    if _waiting(site, poll_hash, language) is None:
        return None  # the usual answer, read without a write lock
    storage.begin_locked(f"email-sign-in-poll:{poll_hash}")
    try:
        found = _waiting(site, poll_hash, language)  # again, under the lock: once only
        user = storage.find_site_user_by_id(found.site_user_id or 0) if found else None
        if user is None:
            raise Refused(
                "sign_in_expired", _("This sign-in request has ended; ask for a new link.")
            )
        found.picked_at = utcnow()
        storage.commit()
    except BaseException:
        storage.rollback()
        raise
    return credentials.issue(user), user
