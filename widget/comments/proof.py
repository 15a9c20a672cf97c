"""What a commenter proves about who they are, and the only source of trust and avatars.

A typed email proves nothing: anyone can type anyone's. A poster proves only
- being the commenter who posted before from this browser: every post answers with a
  signed `commenter_key`, which the widget keeps beside the edit tokens and sends with the
  next post; each comment stores a keyed hash of it;
- owning an address: they pressed the button behind a confirmation link mailed to it (the
  reply subscription's), which binds the key of the post that asked to the address.

Trust (moderation `first`: "approved before") counts only the comments of keys proven to be
this poster's, and the avatar comes from the key, or from the address once its owner proved
it. Someone who types another's email gets neither their trust nor their avatar.

A verified commenter (widget/identity: signed in with the site's account, or by a link
mailed to them) proves more: their trust is their own comments', from any device, and their
avatar is drawn from their user id.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from widget import storage
from widget.core.keys import avatar_seed, keyed_hash
from widget.storage.models import SiteUser

KEY_MAX = 200


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="tertulia.commenter")


def _key_hash(site_id: int, secret: str) -> str:
    return keyed_hash("commenter", f"{site_id}:{secret}")


def _secret_of(presented: object) -> str | None:
    """The random secret inside a commenter key we signed; None for anything else."""
    if not isinstance(presented, str) or not 0 < len(presented) <= KEY_MAX:
        return None
    try:
        secret = _signer().loads(presented)
    except BadSignature:
        return None
    return secret if isinstance(secret, str) and len(secret) >= 16 else None


@dataclass(frozen=True)
class Proof:
    """Who a post proves to come from, on one site."""

    site_id: int
    email: str
    # The keyed hash stored with the comment (the commenter's comments share it).
    key_hash: str
    # The key to hand back to the client: the one it sent, or a new one (None for edits).
    key: str | None = None
    # This key's holder confirmed `email` through a mail link.
    address_confirmed: bool = False
    # The verified commenter (site_users row) who posted, and the site's id for them.
    user_id: int | None = None
    external_id: str = ""

    def comment_keys(self) -> list[str]:
        """The keys whose comments with this email are this poster's own."""
        keys = [self.key_hash]
        if self.address_confirmed:  # the address's owner, from any of their browsers
            keys += [key for key in storage.proven_keys(self.email) if key != self.key_hash]
        return keys


def _proof(site_id: int, email: str, key_hash: str, key: str | None, fresh: bool = False) -> Proof:
    # A key made just now has proven nothing yet: no query.
    confirmed = bool(email) and not fresh and key_hash in storage.proven_keys(email)
    return Proof(site_id, email, key_hash, key, confirmed)


def prove(site_id: int, email: str, presented: object, user: SiteUser | None = None) -> Proof:
    """What a new post proves with the commenter key it sent (or without one: nothing),
    and, when signed in, the verified commenter it comes from."""
    secret = _secret_of(presented)
    if secret is not None:
        proof = _proof(site_id, email, _key_hash(site_id, secret), str(presented))
    else:
        secret = secrets.token_urlsafe(18)
        key = _signer().dumps(secret)
        proof = _proof(site_id, email, _key_hash(site_id, secret), key, fresh=True)
    if user is not None:
        proof = replace(proof, user_id=user.id, external_id=user.external_id)
    return proof


def proof_of(
    site_id: int, email: str, key_hash: str | None, user_id: int | None = None
) -> Proof | None:
    """What a stored comment's author proved when posting it (None: imported, or older)."""
    if user_id is not None:
        return Proof(site_id, email, key_hash or "", None, False, user_id)
    return _proof(site_id, email, key_hash, None) if key_hash else None


def is_verified(proof: Proof | None) -> bool:
    """Did the poster sign in (with the site's account, or by a link mailed to them)?"""
    return proof is not None and proof.user_id is not None


def is_returning(proof: Proof | None) -> bool:
    """Were this poster's own comments approved before, and none of them judged spam?"""
    if proof is None:
        return False
    if proof.user_id is not None:  # a verified commenter: their comments, from any device
        return storage.user_statuses(proof.user_id) == {"published"}
    return storage.commenter_statuses(proof.site_id, proof.email, proof.comment_keys()) == {
        "published"
    }


def avatar(proof: Proof) -> str:
    """The identicon seed: the address's own once proven, else the key's (never the email's
    alone, so an avatar no longer confirms a guessed email); a verified commenter's from
    their user id."""
    if proof.external_id:
        return user_avatar(proof.site_id, proof.external_id)
    if proof.address_confirmed:
        return avatar_seed(proof.site_id, proof.email)
    return keyed_hash("avatar", f"{proof.site_id}:{proof.key_hash}:{proof.email}")[:24]


def address_confirmed_by(email: str, key_hash: str | None) -> None:
    """A confirmation link for `email` was used; the post that asked for it had `key_hash`."""
    if email and key_hash:
        storage.add_proven_address(email, key_hash)


def user_avatar(site_id: int, external_id: str) -> str:
    """A verified commenter's identicon seed, from their user id on the site."""
    return keyed_hash("avatar-user", f"{site_id}:{external_id}")[:24]
