"""Signed links in mail: confirm an address, unsubscribe, moderate a held comment.

Every link is absolute, on `PUBLIC_URL`, and carries a signature made with the secret
key: the signature is the authority, so the pages need no sign-in.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeSerializer, URLSafeTimedSerializer

from widget import storage
from widget.core.keys import keyed_hash
from widget.core.refusals import Refused
from widget.i18n import _, in_language
from widget.storage.models import Comment, MailAddress, Moderator
from widget.storage.models.newsroom import Notice

CONFIRM_MAX_AGE = timedelta(days=7)
MODERATION_MAX_AGE = timedelta(days=7)
MODERATION_ACTIONS = ("approve", "spam", "delete")


def absolute_url(endpoint: str, **values) -> str:
    """A URL of ours on PUBLIC_URL, built without a request (the sender has none)."""
    base = urlsplit(current_app.config["PUBLIC_URL"].rstrip("/"))
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme
    )
    return adapter.build(endpoint, values, force_external=True)


def _timed(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"tertulia.{purpose}")


def _lasting(purpose: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=f"tertulia.{purpose}")


def _address_seal(address: MailAddress) -> str:
    # Bound to the email too: a row id reused after a deletion opens nothing.
    return keyed_hash("mail-address", f"{address.id}:{address.email}")[:16]


def _moderation_seal(comment_id: int, moderator: Moderator, action: str) -> str:
    return keyed_hash("mail-moderation", f"{comment_id}:{moderator.id}:{moderator.email}:{action}")[
        :22
    ]


def _refuse(expired: bool, lang: str | None = None):
    with in_language(lang):
        if expired:
            raise Refused("link_expired", _("This link has expired."))
        raise Refused(
            "link_invalid", _("This link is not valid. Please use the link from the mail, whole.")
        )


# ---- confirming an address (double opt-in) -----------------------------------


def confirm_url(address: MailAddress, comment_id: int | None = None) -> str:
    """The double opt-in link; it names the comment whose post asked (its author's proof)."""
    token = _timed("mail-confirm").dumps([address.id, _address_seal(address), comment_id])
    return absolute_url("mail.confirm", token=token)


def address_from_confirm_token(token: str) -> tuple[MailAddress, int | None]:
    """The address a confirmation link names, and the comment that asked; 400 when
    tampered with, 410 when expired."""
    try:
        address_id, seal, *rest = _timed("mail-confirm").loads(
            token, max_age=int(CONFIRM_MAX_AGE.total_seconds())
        )
    except SignatureExpired:
        _refuse(expired=True)
    except (BadSignature, TypeError, ValueError):
        _refuse(expired=False)
    address = storage.find_mail_address_by_id(address_id)
    if address is None or seal != _address_seal(address):
        _refuse(expired=False)
    comment_id = rest[0] if rest and isinstance(rest[0], int) else None  # older links: none
    return address, comment_id


def _thread_id(rest: list) -> int | None:
    value = rest[0] if rest else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# ---- confirming a legal notice's sender ---------------------------------------


def _notice_seal(notice: Notice) -> str:
    return keyed_hash("notice-confirm", f"{notice.id}:{notice.email}:{notice.reference}")[:16]


def notice_confirm_token(notice: Notice) -> str:
    return _timed("notice-confirm").dumps([notice.id, _notice_seal(notice)])


def notice_confirm_url(notice: Notice) -> str:
    """The receipt's link: its page's button confirms the sender's address (7 days)."""
    return absolute_url("mail.confirm_notice", token=notice_confirm_token(notice))


def notice_confirm_path(notice: Notice) -> str:
    """The same link as a path on this server (no public URL needed)."""
    adapter = current_app.url_map.bind("localhost")
    return adapter.build("mail.confirm_notice", {"token": notice_confirm_token(notice)})


def notice_from_confirm_token(token: str) -> Notice:
    """The notice a receipt's link names; 400 when tampered with, 410 when expired."""
    try:
        notice_id, seal = _timed("notice-confirm").loads(
            token, max_age=int(CONFIRM_MAX_AGE.total_seconds())
        )
    except SignatureExpired:
        _refuse(expired=True)
    except (BadSignature, TypeError, ValueError):
        _refuse(expired=False)
    notice = storage.find_notice(notice_id)
    if notice is None or seal != _notice_seal(notice):
        _refuse(expired=False)
    return notice


# ---- unsubscribing (RFC 8058) ---------------------------------------------------


def unsubscribe_token(address: MailAddress, thread_id: int | None, about: int | None = None) -> str:
    """A lasting token that stops mail about one thread (or all of them, for None); `about`:
    the thread whose mail carried an all-threads link, for the page to name its site."""
    values = [address.id, _address_seal(address), thread_id]
    return _lasting("mail-unsubscribe").dumps(values + ([about] if about else []))


def unsubscribe_url(address: MailAddress, thread_id: int | None, about: int | None = None) -> str:
    return absolute_url("mail.unsubscribe", token=unsubscribe_token(address, thread_id, about))


def read_unsubscribe_token(token: str) -> tuple[MailAddress, int | None, int | None]:
    """The address and thread (None: every thread) an unsubscribe link names, and the thread
    it came from (for its site's name: the same thread, or None); 400 when tampered with."""
    try:
        address_id, seal, thread_id, *rest = _lasting("mail-unsubscribe").loads(token)
    except (BadSignature, TypeError, ValueError):
        _refuse(expired=False)
    address = storage.find_mail_address_by_id(address_id)
    if address is None or seal != _address_seal(address):
        _refuse(expired=False)
    return address, thread_id, thread_id or _thread_id(rest)


# ---- moderating from the mail -----------------------------------------------------


def shown_digest(comment: Comment) -> str:
    """What a moderator is shown of a comment (its text and any edit waiting), as a digest:
    a link acts only while the comment still says what its mail or page showed."""
    return keyed_hash("mail-shown", f"{comment.text}\0{comment.pending_text or ''}")[:22]


def moderation_url(comment: Comment, moderator: Moderator, action: str) -> str:
    """A link, valid for 7 days, for this moderator to do `action` to this comment as
    the mail shows it."""
    seal = _moderation_seal(comment.id, moderator, action)
    shown = shown_digest(comment)
    token = _timed("mail-moderation").dumps([comment.id, moderator.id, action, seal, shown])
    return absolute_url("mail.moderate", token=token)


def read_moderation_token(token: str) -> tuple[Comment, Moderator, str, str | None]:
    """(comment, moderator, action, the digest of what the mail showed) of a moderation
    link; 400 tampered, 410 expired, 404 gone. Links from before the digest give None."""
    try:
        comment_id, moderator_id, action, seal, *shown = _timed("mail-moderation").loads(
            token, max_age=int(MODERATION_MAX_AGE.total_seconds())
        )
    except SignatureExpired:
        _refuse(expired=True, lang=_moderator_language(token))
    except (BadSignature, TypeError, ValueError):
        _refuse(expired=False, lang="en")
    moderator = storage.find_moderator(moderator_id)
    if (
        action not in MODERATION_ACTIONS
        or moderator is None
        or seal != _moderation_seal(comment_id, moderator, action)
    ):
        _refuse(expired=False, lang="en")
    comment = storage.find_comment(comment_id)
    if comment is None:
        with in_language(moderator.lang or "en"):
            raise Refused("not_found", _("This comment no longer exists."))
    return comment, moderator, action, shown[0] if shown and isinstance(shown[0], str) else None


def _moderator_language(token: str) -> str:
    """The language of the moderator an expired link was made for (when its signature
    holds): "This link has expired." in the language of the mail it came in."""
    try:
        comment_id, moderator_id, action, seal, *_shown = _timed("mail-moderation").loads(token)
    except (BadSignature, TypeError, ValueError):
        return "en"
    moderator = storage.find_moderator(moderator_id)
    if moderator is None or seal != _moderation_seal(comment_id, moderator, action):
        return "en"
    return moderator.lang or "en"
