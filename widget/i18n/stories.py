"""Strings of issue 24's story settings and Q&A threads, merged into i18n.STRINGS."""

from __future__ import annotations

STORY_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "story_check_all": "Comments are checked before they appear.",
        "story_check_first": "First comments are checked before they appear.",
        "story_check_links": "Comments with links are checked before they appear.",
        "story_closed_by": "The newsroom closed them.",
        "story_closed_age": "They closed {n} days after publication.",
        "story_closes_at": "Comments close on {date} (UTC).",
        "qa_answered": "Answered",
        "qa_show": "Show",
        "qa_all": "All",
        "qa_answered_filter": "Answered",
        "qa_unanswered": "Unanswered",
        "qa_votes": "{n} votes",
    },
    "es": {
        "story_check_all": "Los comentarios se revisan antes de publicarse.",
        "story_check_first": "El primer comentario de cada persona se revisa antes de publicarse.",
        "story_check_links": "Los comentarios con enlaces se revisan antes de publicarse.",
        "story_closed_by": "La redacción los cerró.",
        "story_closed_age": "Se cerraron {n} días después de la publicación.",
        "story_closes_at": "Los comentarios se cierran el {date} (UTC).",
        "qa_answered": "Respondida",
        "qa_show": "Mostrar",
        "qa_all": "Todas",
        "qa_answered_filter": "Respondidas",
        "qa_unanswered": "Sin respuesta",
        "qa_votes": "{n} votos",
    },
}
