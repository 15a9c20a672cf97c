"""Strings of the service's front page (`/`), merged into STRINGS by the package."""

from __future__ import annotations

HOME_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "h_title": "Tertulia comments",
        "h_intro": "This address serves the comments of the sites registered with it: the "
        "widget, its API, and pages that need no JavaScript.",
        "h_demo": "The demo news site",
        "h_demo_what": "an article with its comments, as readers see them",
        "h_admin": "Moderation",
        "h_admin_what": "the queue, reports, notices and settings (moderators sign in)",
        "h_api": "The API",
        "h_api_what": "its OpenAPI description",
        "h_embed": "Comments on your site",
        "h_embed_what": "Paste these two lines where the comments should appear:",
        "h_register": "First register the site's origin:",
    },
    "es": {
        "h_title": "Comentarios Tertulia",
        "h_intro": "Esta dirección sirve los comentarios de los sitios registrados en ella: "
        "el widget, su API y páginas que no necesitan JavaScript.",
        "h_demo": "El sitio de noticias de demostración",
        "h_demo_what": "un artículo con sus comentarios, como los ven los lectores",
        "h_admin": "Moderación",
        "h_admin_what": "la cola, las denuncias, las notificaciones y los ajustes (con cuenta "
        "de moderación)",
        "h_api": "La API",
        "h_api_what": "su descripción OpenAPI",
        "h_embed": "Comentarios en tu sitio",
        "h_embed_what": "Pega estas dos líneas donde deban aparecer los comentarios:",
        "h_register": "Antes, registra el origen del sitio:",
    },
}
