"""Strings of the server-rendered pages, one table per language (embed.js has its own).

A new language is a new table here and in embed.js, not a code change.
"""

from __future__ import annotations

from flask import g, has_request_context, request

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
        "more": "More comments →",
        "first_page": "← First comments",
        "f_name_required": "Please enter your name.",
        "f_name_long": "The name is longer than {n} characters.",
        "f_name_chars": "The name contains characters that are not allowed.",
        "f_email_required": "Please enter your email address.",
        "f_email_invalid": "This is not a valid email address: {reason}",
        "f_website_long": "The website address is longer than {n} characters.",
        "f_website_chars": "The website address contains characters that are not allowed.",
        "f_website_scheme": "The website must be an http:// or https:// address.",
        "f_text_required": "Please write a comment.",
        "f_text_long": "The comment is longer than {n} characters.",
        "f_text_controls": "The comment contains control characters that are not allowed.",
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
        "more": "Más comentarios →",
        "first_page": "← Primeros comentarios",
        "f_name_required": "Escribe tu nombre.",
        "f_name_long": "El nombre tiene más de {n} caracteres.",
        "f_name_chars": "El nombre contiene caracteres no permitidos.",
        "f_email_required": "Escribe tu dirección de correo electrónico.",
        "f_email_invalid": "No es una dirección de correo electrónico válida.",
        "f_website_long": "La dirección web tiene más de {n} caracteres.",
        "f_website_chars": "La dirección web contiene caracteres no permitidos.",
        "f_website_scheme": "La web debe ser una dirección http:// o https://.",
        "f_text_required": "Escribe un comentario.",
        "f_text_long": "El comentario tiene más de {n} caracteres.",
        "f_text_controls": "El comentario contiene caracteres de control no permitidos.",
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


def use_language(requested: str | None) -> str:
    """Answer this request's form messages in `requested` (or the best match)."""
    g.language = pick_language(requested)
    return g.language


def form_message(key: str, **params) -> str:
    """A validation message in the language of this request (English by default)."""
    language = g.get("language", DEFAULT_LANGUAGE) if has_request_context() else DEFAULT_LANGUAGE
    return STRINGS[language]["f_" + key].format(**params)
