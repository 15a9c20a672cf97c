"""Strings of issue 23's verified commenters, merged into i18n.STRINGS."""

from __future__ import annotations

IDENTITY_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "sign_in_required": "Only signed-in readers can comment on this site; sign in first.",
        "es_off": "This site does not sign readers in by email.",
        "es_too_many": "Too many sign-in mails were asked from your network today; "
        "try again tomorrow.",
        "es_expired": "This sign-in request has ended; ask for a new link.",
        "es_link_used": "This sign-in link was already used; ask for a new one on the page.",
        "es_mail_subject": "Sign in to comment on {site}",
        "es_mail_intro": "Someone asked to sign in to comment on {site} with this address.",
        "es_mail_action": "If it was you, open this link within {minutes} minutes and press "
        "the button; the page where you asked signs you in by itself.",
        "es_mail_ignore": "If it was not you, ignore this mail: nothing happens.",
        "es_page_title": "Sign in to comment",
        "es_page_what": "Press the button to sign in as {name}. The page where you asked "
        "for the link signs you in by itself, in this browser or another one.",
        "es_page_warn": "Press it only if you asked for this link just now.",
        "es_button": "Sign in",
        "es_done": "You are signed in. Go back to the page where you asked: it shows you "
        "signed in within a few seconds.",
    },
    "es": {
        "sign_in_required": "En este sitio solo comentan lectores con sesión iniciada; "
        "inicia sesión primero.",
        "es_off": "Este sitio no inicia sesiones por correo.",
        "es_too_many": "Hoy se han pedido demasiados correos de inicio de sesión desde tu red; "
        "inténtalo mañana.",
        "es_expired": "Esta solicitud de inicio de sesión ha terminado; pide un enlace nuevo.",
        "es_link_used": "Este enlace ya se usó; pide otro en la página.",
        "es_mail_subject": "Inicia sesión para comentar en {site}",
        "es_mail_intro": "Alguien pidió iniciar sesión con esta dirección para comentar en {site}.",
        "es_mail_action": "Si fuiste tú, abre este enlace antes de {minutes} minutos y pulsa "
        "el botón; la página donde lo pediste iniciará la sesión sola.",
        "es_mail_ignore": "Si no fuiste tú, ignora este correo: no pasará nada.",
        "es_page_title": "Inicia sesión para comentar",
        "es_page_what": "Pulsa el botón para iniciar sesión como {name}. La página donde "
        "pediste el enlace iniciará la sesión sola, en este navegador o en otro.",
        "es_page_warn": "Púlsalo solo si acabas de pedir este enlace.",
        "es_button": "Iniciar sesión",
        "es_done": "Has iniciado sesión. Vuelve a la página donde lo pediste: en unos "
        "segundos mostrará tu sesión.",
    },
}
