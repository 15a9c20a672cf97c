"""Strings of issue 19's trust rules (notices confirmed by their sender, reviews, names),
merged into i18n.STRINGS."""

from __future__ import annotations

TRUST_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "nc_title": "Confirm your notice",
        "nc_what": "Confirm that you sent the notice {reference} from this address. Once you "
        "do, the comment leaves the public thread until our moderators decide (if the site "
        "holds noticed comments), and we mail you the decision.",
        "nc_button": "Confirm my notice",
        "nc_done": "Thank you: your notice {reference} is confirmed. Our moderators will "
        "review it and mail you their decision.",
        "nc_mail": "To confirm that you sent it, open this link and press the button on the "
        "page. Until you confirm, the comment stays up while we review your notice:",
        "nc_sent": "We mailed you a receipt with a link: open it and press its button to "
        "confirm your address. Until then the comment stays up while we review your notice.",
        "nc_anonymous": "Without an email address we cannot confirm who sent the notice: the "
        "comment stays up until our moderators review it.",
        "nc_again": "You already sent a notice about this comment; it is still open.",
        "under_review": "Moderators are reviewing this comment, so it cannot be edited "
        "until they decide.",
        "name_reserved": "This name belongs to the site's staff; please choose another.",
    },
    "es": {
        "nc_title": "Confirma tu notificación",
        "nc_what": "Confirma que enviaste la notificación {reference} desde esta dirección. "
        "Cuando lo hagas, el comentario saldrá del hilo público hasta que la moderación decida "
        "(si el sitio retiene los comentarios notificados), y te enviaremos la decisión.",
        "nc_button": "Confirmar mi notificación",
        "nc_done": "Gracias: tu notificación {reference} está confirmada. La moderación la "
        "revisará y te enviará su decisión por correo.",
        "nc_mail": "Para confirmar que la enviaste, abre este enlace y pulsa el botón de la "
        "página. Hasta que lo confirmes, el comentario sigue visible mientras revisamos tu "
        "notificación:",
        "nc_sent": "Te enviamos un acuse con un enlace: ábrelo y pulsa su botón para confirmar "
        "tu dirección. Hasta entonces el comentario sigue visible mientras revisamos tu "
        "notificación.",
        "nc_anonymous": "Sin una dirección de correo no podemos confirmar quién envió la "
        "notificación: el comentario sigue visible hasta que la moderación la revise.",
        "nc_again": "Ya enviaste una notificación sobre este comentario; sigue abierta.",
        "under_review": "La moderación está revisando este comentario; no se puede editar "
        "hasta que decida.",
        "name_reserved": "Este nombre es de la redacción del sitio; elige otro, por favor.",
    },
}
