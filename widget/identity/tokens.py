"""Checking an SSO token (a JWT the site's backend signed with its SSO secret).

Only HS256 is accepted (pinned: `alg: none` or any other algorithm is refused); `sub`,
`name`, `iat` and `exp` are required, `exp` at most 24 hours after `iat`, with 30 seconds
of leeway for clocks. Each refusal has its own code, so a site's developer knows what to fix.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from email_validator import EmailNotValidError, validate_email

from widget.comments.forms import NAME_MAX, is_unsafe_single_line, renders_as_nothing, stacks_marks
from widget.core.refusals import Refused
from widget.i18n import _

ALGORITHMS = ["HS256"]
LEEWAY = timedelta(seconds=30)
MAX_LIFETIME = timedelta(hours=24)
TOKEN_MAX = 4096
SUB_MAX = 200
BADGE = re.compile(r"[a-z0-9][a-z0-9_-]{0,29}")
MAX_BADGES = 5


@dataclass(frozen=True)
class Claims:
    """A verified token's profile."""

    sub: str
    name: str
    email: str
    badges: tuple[str, ...]
    role: str
    issued_at: datetime


def invalid(message: str) -> Refused:
    return Refused("sso_token_invalid", message)


def _decode(token: str, keys: list[str]) -> dict:
    if not keys:
        raise Refused("sso_not_configured", _("This site does not sign its readers in."))
    options = {"require": ["exp", "iat", "sub"]}
    for key in keys:
        try:
            return jwt.decode(token, key, algorithms=ALGORITHMS, options=options, leeway=LEEWAY)
        except jwt.InvalidSignatureError:
            continue  # perhaps signed with the previous secret, during a rotation
        except jwt.ExpiredSignatureError as exc:
            raise Refused("sso_token_expired", _("The sign-in token has expired.")) from exc
        except jwt.MissingRequiredClaimError as exc:
            raise Refused(
                "sso_claims_invalid", _("The sign-in token has no `{claim}`.", claim=exc.claim)
            ) from exc
        except jwt.InvalidTokenError as exc:
            raise invalid(_("The sign-in token is not valid ({error}).", error=exc)) from exc
    raise invalid(_("The sign-in token's signature does not match this site's SSO secret."))


def _name(value: object) -> str:
    if not isinstance(value, str):
        raise Refused("sso_claims_invalid", _("The sign-in token has no `name`."))
    name = unicodedata.normalize("NFC", value).strip()
    if (
        not name
        or len(name) > NAME_MAX
        or is_unsafe_single_line(name)
        or renders_as_nothing(name)
        or stacks_marks(name)
    ):
        raise Refused(
            "sso_claims_invalid",
            _("The token's `name` must be visible text of 1 to {n} characters.", n=NAME_MAX),
        )
    return name


def _email(value: object) -> str:
    if value is None or value == "":
        return ""
    try:
        if not isinstance(value, str) or len(value) > 320:
            raise EmailNotValidError("not text")
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise Refused("sso_claims_invalid", _("The token's `email` is not an address.")) from exc


def _badges(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if (
        not isinstance(value, list)
        or len(value) > MAX_BADGES
        or not all(isinstance(b, str) and BADGE.fullmatch(b) for b in value)
    ):
        raise Refused(
            "sso_claims_invalid",
            _(
                "The token's `badges` must be a list of at most {n} short lower-case "
                "words (such as subscriber).",
                n=MAX_BADGES,
            ),
        )
    return tuple(dict.fromkeys(value))


def verify(token: object, keys: list[str]) -> Claims:
    """The profile in a token signed with one of `keys`, or Refused (401)."""
    if not isinstance(token, str) or not 0 < len(token) <= TOKEN_MAX:
        raise invalid(_("The sign-in token is missing or too long."))
    claims = _decode(token, keys)
    sub, iat, exp = claims.get("sub"), claims.get("iat"), claims.get("exp")
    if not isinstance(sub, str) or not 0 < len(sub) <= SUB_MAX or is_unsafe_single_line(sub):
        raise Refused(
            "sso_claims_invalid",
            _("The token's `sub` must be text of 1 to {n} characters.", n=SUB_MAX),
        )
    if not isinstance(iat, int | float) or not isinstance(exp, int | float):
        raise invalid(_("The token's `iat` and `exp` must be numbers."))
    if timedelta(seconds=exp - iat) > MAX_LIFETIME:
        raise Refused(
            "sso_token_lifetime", _("A sign-in token may live at most 24 hours (`exp` - `iat`).")
        )
    return Claims(
        sub=sub,
        name=_name(claims.get("name")),
        email=_email(claims.get("email")),
        badges=_badges(claims.get("badges")),
        role="staff" if claims.get("role") == "staff" else "",
        issued_at=datetime.fromtimestamp(int(iat), UTC),
    )
