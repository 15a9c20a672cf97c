"""Strings of the server-rendered pages, one table per language (embed.js has its own).

A new language is a new table here and in embed.js, not a code change.
"""

from __future__ import annotations

from flask import request

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "comments_0": "No comments yet",
        "comments_1": "1 comment",
        "comments_n": "{n} comments",
        "leave_reply": "Leave a Reply",
        "reply_to": "Reply to {name}",
        "note": "Your email address will not be published.",
        "required_note": "Required fields are marked",
        "comment": "Comment",
        "name": "Name",
        "email": "Email",
        "website": "Website",
        "post": "Post Comment",
        "reply": "Reply",
        "cancel": "Cancel reply",
        "awaiting": "Your comment is awaiting moderation.",
        "published": "Your comment was published.",
        "closed": "Comments are closed.",
        "back": "Back to the article",
        "nojs": "Read and post comments without JavaScript",
        "form_expired": "The form expired. Please submit it again.",
        "fix_fields": "Please correct the fields marked below.",
        "error": "Something went wrong",
        "comments_on": "Comments on {title}",
        "deleted": "This comment was deleted.",
    },
    "es": {
        "comments_0": "Sin comentarios todavía",
        "comments_1": "1 comentario",
        "comments_n": "{n} comentarios",
        "leave_reply": "Deja una respuesta",
        "reply_to": "Responder a {name}",
        "note": "Tu dirección de correo electrónico no será publicada.",
        "required_note": "Los campos obligatorios están marcados con",
        "comment": "Comentario",
        "name": "Nombre",
        "email": "Correo electrónico",
        "website": "Web",
        "post": "Publicar el comentario",
        "reply": "Responder",
        "cancel": "Cancelar la respuesta",
        "awaiting": "Tu comentario está pendiente de moderación.",
        "published": "Tu comentario se ha publicado.",
        "closed": "Los comentarios están cerrados.",
        "back": "Volver al artículo",
        "nojs": "Leer y publicar comentarios sin JavaScript",
        "form_expired": "El formulario ha caducado. Envíalo de nuevo, por favor.",
        "fix_fields": "Corrige los campos marcados abajo, por favor.",
        "error": "Algo salió mal",
        "comments_on": "Comentarios sobre {title}",
        "deleted": "Este comentario fue eliminado.",
    },
}
DEFAULT_LANGUAGE = "en"


def pick_language(requested: str | None = None) -> str:
    """The `lang` asked for, else the browser's best match, else English."""
    if requested:
        primary = requested.split("-")[0].lower()
        if primary in STRINGS:
            return primary
    return request.accept_languages.best_match(list(STRINGS), DEFAULT_LANGUAGE)


def strings(requested: str | None = None) -> dict[str, str]:
    return STRINGS[pick_language(requested)]


def count_label(table: dict[str, str], count: int) -> str:
    if count == 0:
        return table["comments_0"]
    if count == 1:
        return table["comments_1"]
    return table["comments_n"].format(n=count)
