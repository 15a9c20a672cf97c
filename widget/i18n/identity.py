"""Strings of issue 23's verified commenters, merged into i18n.STRINGS."""

from __future__ import annotations

IDENTITY_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "sign_in_required": "Only signed-in readers can comment on this site; sign in first.",
    },
    "es": {
        "sign_in_required": "En este sitio solo comentan lectores con sesión iniciada; "
        "inicia sesión primero.",
    },
}
