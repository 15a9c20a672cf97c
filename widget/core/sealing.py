"""Sealing small secrets kept in the database (a webhook's signing secret, an SSO client secret).

Such a secret must be read back to be used, so it cannot be only hashed. It is encrypted
with AES-256-GCM under a key derived from the service's SECRET_KEY by HKDF, one key per
purpose; the purpose is also the associated data, so a sealed value moved to another
column does not open there. A database dump alone reveals nothing. Flask's
SECRET_KEY_FALLBACKS (old keys, newest first) still open values sealed before a key change.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

PREFIX = "s1."  # the format's version: a later scheme gets a new prefix
NONCE_BYTES = 12


class SealBroken(ValueError):
    """The sealed value does not open: another SECRET_KEY sealed it, or it was altered."""


def _key(secret_key: str | bytes, purpose: str) -> AESGCM:
    raw = secret_key.encode() if isinstance(secret_key, str) else secret_key
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=f"tertulia.seal:{purpose}".encode()
    ).derive(raw)
    return AESGCM(derived)


def seal(purpose: str, plaintext: str, secret_key: str | bytes | None = None) -> str:
    """`plaintext` encrypted for `purpose` with the app's SECRET_KEY (or the one given)."""
    key = secret_key if secret_key is not None else current_app.config["SECRET_KEY"]
    nonce = os.urandom(NONCE_BYTES)
    sealed = _key(key, purpose).encrypt(nonce, plaintext.encode(), purpose.encode())
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")


def unseal(purpose: str, value: str, secret_keys: Iterable[str | bytes] | None = None) -> str:
    """The plaintext of a sealed `value`; SealBroken when no key opens it."""
    if secret_keys is None:
        config = current_app.config
        secret_keys = [config["SECRET_KEY"], *(config.get("SECRET_KEY_FALLBACKS") or [])]
    if not value.startswith(PREFIX):
        raise SealBroken("This is not a sealed value.")
    try:
        blob = base64.urlsafe_b64decode(value[len(PREFIX) :] + "==")
    except ValueError as exc:
        raise SealBroken("This is not a sealed value.") from exc
    nonce, sealed = blob[:NONCE_BYTES], blob[NONCE_BYTES:]
    for key in secret_keys:
        try:
            return _key(key, purpose).decrypt(nonce, sealed, purpose.encode()).decode()
        except InvalidTag:
            continue
    raise SealBroken(
        "The sealed value does not open with SECRET_KEY (was the key changed? "
        "Put the old one in SECRET_KEY_FALLBACKS, or make a new secret)."
    )
