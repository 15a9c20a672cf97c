"""The credential of a reader signed in by email: signed by us, bound to their profile.

It goes where an SSO token goes (`Authorization: Bearer email.…`): the widget keeps it in
the page's own localStorage. It lasts CREDENTIAL_MAX_AGE; erasing the profile ends it.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from widget import storage
from widget.core.keys import keyed_hash
from widget.core.refusals import Refused
from widget.i18n import _
from widget.storage.models import SiteUser

PREFIX = "email."
CREDENTIAL_MAX_AGE = timedelta(days=30)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(
        current_app.config["SECRET_KEY"], salt="tertulia.email-credential"
    )


def _seal(user: SiteUser) -> str:
    # Bound to the profile: a row id reused after an erasure opens nothing.
    return keyed_hash("email-credential", f"{user.id}:{user.site_id}:{user.external_id}")[:22]


def issue(user: SiteUser) -> str:
    return PREFIX + _serializer().dumps([user.id, _seal(user)])


def is_email_credential(token: object) -> bool:
    return isinstance(token, str) and token.startswith(PREFIX)


def read(token: str, site_id: int) -> SiteUser:
    """The reader an email credential names, on this site; Refused (401) otherwise."""
    try:
        user_id, seal = _serializer().loads(
            token[len(PREFIX) :], max_age=int(CREDENTIAL_MAX_AGE.total_seconds())
        )
    except SignatureExpired as exc:
        raise Refused("sso_token_expired", _("Your sign-in has expired; sign in again.")) from exc
    except (BadSignature, TypeError, ValueError) as exc:
        raise Refused("sso_token_invalid", _("The sign-in credential is not valid.")) from exc
    user = storage.find_site_user_by_id(user_id) if isinstance(user_id, int) else None
    if user is None or user.site_id != site_id or seal != _seal(user):
        raise Refused("sso_token_invalid", _("The sign-in credential is not valid."))
    return user
