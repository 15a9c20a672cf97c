"""Strings of the local pre-screen (issue 25), merged into i18n.STRINGS."""

from __future__ import annotations

PRESCREEN_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "reconsider": "Your comment may be hurtful to others. You can edit it, "
        "or post it as it is.",
        "r_toxicity": "toxicity {detail}",
        "r_language": "language: {detail}",
    },
    "es": {
        "reconsider": "Tu comentario podría herir a otras personas. Puedes editarlo "
        "o publicarlo tal como está.",
        "r_toxicity": "toxicidad {detail}",
        "r_language": "idioma: {detail}",
    },
}
