"""Strings of issue 24's word lists and moderation ladder, merged into i18n.STRINGS."""

from __future__ import annotations

LADDER_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "rephrase": "Please rephrase your comment.",
        "suspended": "You cannot comment on this site until {until}.",
        "warning_title": "A message from the moderators",
        "warning_ack": "I understand",
        "m_timeout_subject": "Your comments on {site} are paused",
        "m_timeout_intro": "The moderators of {site} paused your comments until {until}.",
        "m_warning_subject": "A message from the moderators of {site}",
        "m_warning_intro": "The moderators of {site} sent you this message:",
    },
    "es": {
        "rephrase": "Por favor, reformula tu comentario.",
        "suspended": "No puedes comentar en este sitio hasta el {until}.",
        "warning_title": "Un mensaje de la moderación",
        "warning_ack": "Entendido",
        "m_timeout_subject": "Tus comentarios en {site} están en pausa",
        "m_timeout_intro": "La moderación de {site} ha pausado tus comentarios hasta el {until}.",
        "m_warning_subject": "Un mensaje de la moderación de {site}",
        "m_warning_intro": "La moderación de {site} te envía este mensaje:",
    },
}
