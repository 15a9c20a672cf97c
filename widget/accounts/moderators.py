"""Moderator accounts: creating them and checking a sign-in."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from widget import storage
from widget.i18n import gettext as _
from widget.i18n import ngettext
from widget.storage.models import Moderator, utcnow

from .passwords import MIN_LENGTH, check_password, hash_password, needs_rehash


def normalize_email(email: str) -> str:
    """The form an account's email is stored and looked up in; ValueError if invalid."""
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ValueError(
            _("{email} is not a valid email address: {error}", email=repr(email), error=exc)
        ) from exc


def create_moderator(email: str, password: str) -> Moderator:
    """A new account; ValueError when the email is invalid or taken, or the password short."""
    email = normalize_email(email)
    if len(password) < MIN_LENGTH:
        raise ValueError(
            ngettext(
                "The password must have at least {n} character.",
                "The password must have at least {n} characters.",
                MIN_LENGTH,
            )
        )
    if storage.find_moderator_by_email(email):
        raise ValueError(_("A moderator {email} exists already.", email=email))
    moderator = storage.add_moderator(email, hash_password(password))
    storage.commit()
    return moderator


def delete_moderator(moderator: Moderator) -> None:
    """Remove an account; its sessions go with it."""
    storage.delete_moderator(moderator)
    storage.commit()


def authenticate(email: str, password: str) -> Moderator | None:
    """The moderator these credentials belong to, or None (in the same time either way)."""
    try:
        moderator = storage.find_moderator_by_email(normalize_email(email))
    except ValueError:
        moderator = None
    if not check_password(moderator.password_hash if moderator else None, password):
        return None
    if needs_rehash(moderator.password_hash):
        moderator.password_hash = hash_password(password)
    moderator.last_login_at = utcnow()
    return moderator  # the sign-in use case commits
