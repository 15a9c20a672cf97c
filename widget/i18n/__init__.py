"""Strings of the server-rendered pages, one table per language (embed.js has its own).

A new language is a new table here and in embed.js, not a code change.
"""

from __future__ import annotations

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
        "markdown_hint": "Markdown: **bold**, *italic*, [link](https://…), > quote",
        "error": "Something went wrong",
        "comments_on": "Comments on {title}",
        "deleted": "This comment was deleted.",
        "more": "More comments →",
        "first_page": "← First comments",
        "f_name_required": "Please enter your name.",
        "f_name_long": "The name is longer than {n} characters.",
        "f_name_chars": "The name contains characters that are not allowed.",
        "f_name_invisible": "The name must contain letters or other visible characters.",
        "f_name_marks": "The name stacks too many accents on one letter.",
        "f_email_required": "Please enter your email address.",
        "f_email_invalid": "This is not a valid email address: {reason}",
        "f_website_long": "The website address is longer than {n} characters.",
        "f_website_chars": "The website address contains characters that are not allowed.",
        "f_website_scheme": "The website must be an http:// or https:// address.",
        "f_text_required": "Please write a comment.",
        "f_text_long": "The comment is longer than {n} characters.",
        "f_text_controls": "The comment contains control characters that are not allowed.",
        "f_text_marks": "The comment stacks too many accents on one letter.",
        # Notifications: the checkbox, the readers' mail and the pages their links open.
        "notify": "Notify me of follow-up comments by email.",
        "m_confirm_subject": "Confirm reply notifications from {site}",
        "m_confirm_intro": "Someone, hopefully you, asked to be told by email of replies to "
        "their comments on “{title}” at {site}.",
        "m_confirm_action": "To confirm, open this link and press the button on the page:",
        "m_confirm_ignore": "If it was not you, ignore this mail: nothing else will be sent "
        "to this address.",
        "m_reply_subject": "{name} replied to your comment on “{title}”",
        "m_reply_intro": "{name} replied to your comment on “{title}”:",
        "m_reply_read": "Read it and reply on the article:",
        "m_unsub_thread": "Stop mail about replies on this article:",
        "m_unsub_all": "Stop all mail from us:",
        "m_why": "You get this mail because you asked to be notified of replies on {site}.",
        "p_confirm_title": "Confirm notifications",
        "p_confirm_what": "Once you confirm, we mail you when someone replies to your comments "
        "on the articles where you ticked “Notify me of follow-up comments by email.”: who "
        "replied, what they wrote, and a link to it. Every mail has links to stop them.",
        "p_confirm_button": "Confirm notifications",
        "p_confirmed": "Thank you: notifications are on. We will mail you when someone replies.",
        "p_unsub_title": "Stop notifications",
        "p_unsub_what": "Stop the mail we send you about replies to your comments.",
        "p_unsub_thread_button": "Stop mail about this article",
        "p_unsub_all_button": "Stop all mail",
        "p_unsubscribed_thread": "Done: no more mail about replies on this article.",
        "p_unsubscribed_all": "Done: we will not mail you notifications any more.",
        "p_link_invalid": "This link is not valid. Please use the link from the mail, whole.",
        "p_link_expired": "This link has expired.",
        # readers' extras: feeds
        "feed_entry": "{name} on {title}",
        "feed_link": "Comments feed (Atom)",
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
        "fix_fields": "Corrige los campos marcados abajo.",
        "markdown_hint": "Markdown: **negrita**, *cursiva*, [enlace](https://…), > cita",
        "error": "Algo salió mal",
        "comments_on": "Comentarios sobre {title}",
        "deleted": "Este comentario fue eliminado.",
        "more": "Más comentarios →",
        "first_page": "← Primeros comentarios",
        "f_name_required": "Escribe tu nombre.",
        "f_name_long": "El nombre tiene más de {n} caracteres.",
        "f_name_chars": "El nombre contiene caracteres no permitidos.",
        "f_name_invisible": "El nombre debe contener letras u otros caracteres visibles.",
        "f_name_marks": "El nombre acumula demasiados acentos sobre una letra.",
        "f_email_required": "Escribe tu dirección de correo electrónico.",
        "f_email_invalid": "No es una dirección de correo electrónico válida.",
        "f_website_long": "La dirección web tiene más de {n} caracteres.",
        "f_website_chars": "La dirección web contiene caracteres no permitidos.",
        "f_website_scheme": "La web debe ser una dirección http:// o https://.",
        "f_text_required": "Escribe un comentario.",
        "f_text_long": "El comentario tiene más de {n} caracteres.",
        "f_text_controls": "El comentario contiene caracteres de control no permitidos.",
        "f_text_marks": "El comentario acumula demasiados acentos sobre una letra.",
        "notify": "Recibir un aviso por correo de los comentarios siguientes.",
        "m_confirm_subject": "Confirma los avisos de respuestas de {site}",
        "m_confirm_intro": "Alguien, seguramente tú, pidió recibir por correo las respuestas a "
        "sus comentarios en «{title}» de {site}.",
        "m_confirm_action": "Para confirmarlo, abre este enlace y pulsa el botón de la página:",
        "m_confirm_ignore": "Si no fuiste tú, ignora este correo: no se enviará nada más a esta "
        "dirección.",
        "m_reply_subject": "{name} respondió a tu comentario en «{title}»",
        "m_reply_intro": "{name} respondió a tu comentario en «{title}»:",
        "m_reply_read": "Léelo y responde en el artículo:",
        "m_unsub_thread": "Dejar de recibir avisos de este artículo:",
        "m_unsub_all": "Dejar de recibir todos nuestros avisos:",
        "m_why": "Recibes este correo porque pediste avisos de respuestas en {site}.",
        "p_confirm_title": "Confirmar los avisos",
        "p_confirm_what": "Cuando lo confirmes, te escribiremos cuando alguien responda a tus "
        "comentarios en los artículos donde marcaste «Recibir un aviso por correo de los "
        "comentarios siguientes.»: quién respondió, qué escribió y un enlace. Cada correo "
        "tiene enlaces para darte de baja.",
        "p_confirm_button": "Confirmar los avisos",
        "p_confirmed": "Gracias: los avisos están activados. Te escribiremos cuando alguien "
        "responda.",
        "p_unsub_title": "Dejar de recibir avisos",
        "p_unsub_what": "Deja de recibir nuestros correos sobre respuestas a tus comentarios.",
        "p_unsub_thread_button": "Dejar de recibir avisos de este artículo",
        "p_unsub_all_button": "Dejar de recibir todos los avisos",
        "p_unsubscribed_thread": "Hecho: no recibirás más avisos de este artículo.",
        "p_unsubscribed_all": "Hecho: no te enviaremos más avisos.",
        "p_link_invalid": "Este enlace no es válido. Usa el enlace del correo, completo.",
        "p_link_expired": "Este enlace ha caducado.",
        # readers' extras: feeds
        "feed_entry": "{name} sobre {title}",
        "feed_link": "Canal de comentarios (Atom)",
    },
}
DEFAULT_LANGUAGE = "en"

from .home import HOME_STRINGS  # noqa: E402 - the service's front page
from .identity import IDENTITY_STRINGS  # noqa: E402 - issue 23's verified commenters
from .ladder import LADDER_STRINGS  # noqa: E402 - issue 24's word lists and ladder
from .newsroom import NEWSROOM_STRINGS  # noqa: E402 - newsroom moderation's strings
from .prescreen import PRESCREEN_STRINGS  # noqa: E402 - issue 25's local pre-screen
from .stories import STORY_STRINGS  # noqa: E402 - issue 24's story settings and Q&A
from .trust import TRUST_STRINGS  # noqa: E402 - issue 19's trust rules

for _tables in (
    NEWSROOM_STRINGS,
    HOME_STRINGS,
    TRUST_STRINGS,
    IDENTITY_STRINGS,
    STORY_STRINGS,
    LADDER_STRINGS,
    PRESCREEN_STRINGS,
):
    for _language, _table in _tables.items():
        STRINGS[_language].update(_table)


def pick_language(requested: str | None, browser: str | None = None) -> str:
    """The `lang` asked for, else the browser's best match among ours, else English."""
    for candidate in (requested, browser):
        primary = (candidate or "").split("-")[0].lower()
        if primary in STRINGS:
            return primary
    return DEFAULT_LANGUAGE


def strings(language: str) -> dict[str, str]:
    """The strings of a language picked by `pick_language` (English for any other)."""
    return STRINGS.get(language, STRINGS[DEFAULT_LANGUAGE])


def count_label(table: dict[str, str], count: int) -> str:
    if count == 0:
        return table["comments_0"]
    if count == 1:
        return table["comments_1"]
    return table["comments_n"].format(n=count)


def form_message(key: str, language: str, **params) -> str:
    """A validation message in `language` (a form's own)."""
    return strings(language)["f_" + key].format(**params)
