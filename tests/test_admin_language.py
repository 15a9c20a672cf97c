"""The admin in the moderator's language: the account's choice, else the browser's (issue 26)."""

from __future__ import annotations

import re
import time
from html import unescape

import pytest
from itsdangerous import timed

from tests.actions import Admin
from tests.conftest import MODERATOR_PASSWORD
from tests.mailbox import PUBLIC_URL, html_part, text_part
from tests.test_mail_moderators import post_held
from tests.test_mail_readers import deliver, reader
from widget import storage
from widget.accounts.moderators import create_moderator

ES = {"Accept-Language": "es-ES,es;q=0.9"}
EN = {"Accept-Language": "en"}


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def text(response) -> str:
    """The page's words, tags and entities gone."""
    return unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def choose(admin: Admin, lang: str):
    return admin.post("/admin/account", mail_held="y", display_name="", lang=lang)


@pytest.fixture
def spanish(admin) -> Admin:
    """The moderator chose Spanish on the account page; the browser asks for English."""
    saved = choose(admin, "es")
    assert saved.status_code == 303
    assert admin.notices() == ["Guardado: recibes un correo cuando se retiene un comentario."]
    return admin


def test_the_chosen_language_is_every_admin_pages_over_the_browsers(spanish, api):
    api.post_comment(name="Ana", text="Pendiente de moderar").get_json()
    for path, words in [
        ("/admin/", ["Cola", "Pendientes de moderación", "Más recientes primero"]),
        ("/admin/sites", ["Sitios", "Añadir un sitio", "Quién puede comentar"]),
        ("/admin/account", ["Tu cuenta", "Idioma de la administración", "Guardar"]),
        ("/admin/bans", ["Bloqueos", "Añadir el bloqueo"]),
        ("/admin/audit", ["Registro de auditoría"]),
    ]:
        page = spanish.get(path, headers=EN)
        assert page.status_code == 200, path
        assert html_lang(page) == "es", path
        shown = text(page)
        for word in words:
            assert word in shown, (path, word)
        assert "Sign out" not in shown and "Cerrar sesión" in shown, path


def test_a_site_page_and_its_form_in_spanish(spanish):
    page = text(spanish.get("/admin/sites/1", headers=EN))
    assert "Orígenes, uno por línea" in page
    assert "Retener para moderación cuando un comentario contenga" in page
    assert "Tokens de la API" in page and "Añadir un webhook" in page


def test_without_a_choice_the_browsers_language_decides(admin):
    spanish = admin.get("/admin/", headers=ES)
    assert html_lang(spanish) == "es"
    assert "Pendientes de moderación" in text(spanish)
    english = admin.get("/admin/", headers=EN)
    assert html_lang(english) == "en"
    assert "Waiting for moderation" in text(english)
    brazilian = admin.get("/admin/", headers={"Accept-Language": "pt-BR"})
    assert html_lang(brazilian) == "pt-BR"  # a BCP 47 tag, though its strings are not yet there


def test_flash_messages_and_plurals_in_spanish(spanish, api):
    ids = [
        api.post_comment(name=f"Lector {n}", text=f"Comentario {n}").get_json()["comment"]["id"]
        for n in range(3)
    ]
    many = spanish.moderate("spam", *ids[:2])
    assert spanish.notices(spanish.get(many.headers["Location"], headers=EN)) == [
        "Marcados como spam: 2 comentarios."
    ]
    one = spanish.moderate("delete", ids[2])
    assert spanish.notices(spanish.get(one.headers["Location"], headers=EN)) == [
        "Enviado a la papelera: 1 comentario."
    ]


def test_the_same_flashes_in_english_are_as_before(admin, api):
    ids = [
        api.post_comment(name=f"Reader {n}", text=f"Comment {n}").get_json()["comment"]["id"]
        for n in range(2)
    ]
    done = admin.moderate("spam", *ids)
    assert admin.notices(admin.get(done.headers["Location"], headers=EN)) == [
        "Marked as spam: 2 comments."
    ]


def test_a_form_error_in_spanish(spanish):
    refused = spanish.post(
        "/admin/sites/add", name="Otro", origins="not a url at all", moderation="none"
    )
    assert refused.status_code == 400
    assert html_lang(refused) == "es"
    page = text(refused)
    assert "Orígenes, uno por línea" in page
    required = spanish.post("/admin/sites/add", name="", origins="", moderation="none")
    assert required.status_code == 400
    # WTForms' own messages come in the request's language too (Flask-WTF's i18n).
    assert "This field is required." not in text(required)


def test_error_pages_of_the_admin_in_spanish(spanish):
    missing = spanish.get("/admin/comments/999999", headers=EN)
    assert missing.status_code == 404 and html_lang(missing) == "es"
    assert "No hay nada en /admin/comments/999999." in text(missing)
    nowhere = spanish.get("/admin/no-such-page", headers=EN)
    assert nowhere.status_code == 404 and html_lang(nowhere) == "es"
    expired = spanish.post_raw("/admin/comments/moderate", headers=EN, only="1:approve")
    assert expired.status_code == 400 and html_lang(expired) == "es"
    assert "El formulario caducó o vino de otra página" in text(expired)


def test_readers_pages_keep_their_own_error_page(client):
    page = client.get("/no-such-page", headers=ES)
    assert page.status_code == 404
    assert "Volver a la cola de moderación" not in page.get_data(as_text=True)


def test_dates_follow_the_language(spanish, api):
    api.post_comment(name="Ana", text="Fecha")
    spanish_page = spanish.get("/admin/comments", headers=EN).get_data(as_text=True)
    choose(spanish, "")
    english_page = spanish.get("/admin/comments", headers=EN).get_data(as_text=True)
    shown = re.compile(r'<time datetime="[^"]+">([^<]+)</time>')
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", shown.search(english_page).group(1))
    assert not re.match(r"\d{4}-", shown.search(spanish_page).group(1))  # "4 dic 2026, 9:30"


def test_held_comment_mail_in_the_moderators_language(mail_app, smtp):
    with mail_app.app_context():
        storage.find_site(1).moderation = "all"
        storage.commit()
        spanish = create_moderator("modera@example.org", MODERATOR_PASSWORD)
        spanish.lang = "es"
        create_moderator("mod@example.org", MODERATOR_PASSWORD)
        storage.commit()
    comment_id = post_held(mail_app, title="Fronteras")
    deliver(mail_app)
    mail = smtp.inbox.to("modera@example.org")[0]
    assert mail["Subject"] == "Retenido para moderación: Carla en «Fronteras»"
    plain, html = text_part(mail), html_part(mail)
    assert "Retenido por: el sitio retiene todos los comentarios" in plain
    assert '<html lang="es">' in html and ">Aprobar</a>" in html
    assert "está pendiente de moderación: <strong>" in html
    english = smtp.inbox.to("mod@example.org")[0]
    assert english["Subject"] == "Held for moderation: Carla on “Fronteras”"
    # The page its link opens speaks Spanish too, whatever the browser says.
    link = re.search(r"(/mail/moderate/[^\s\"]+)", plain).group(1)
    page = reader(mail_app).client.get(link, headers=EN)
    assert page.status_code == 200 and html_lang(page) == "es"
    assert "¿Aprobar este comentario?" in text(page)
    assert comment_id


def test_an_expired_moderation_link_says_so_in_the_moderators_language(mail_app, monkeypatch):
    with mail_app.app_context():
        spanish = create_moderator("modera@example.org", MODERATOR_PASSWORD)
        spanish.lang = "es"
        storage.commit()
    comment_id = post_held_everywhere(mail_app)
    eight_days_ago = int(time.time()) - 8 * 86400
    monkeypatch.setattr(timed.TimestampSigner, "get_timestamp", lambda self: eight_days_ago)
    with mail_app.app_context(), mail_app.test_request_context():
        from widget.mail import links

        old = links.moderation_url(
            storage.find_comment(comment_id),
            storage.find_moderator_by_email("modera@example.org"),
            "approve",
        )
    monkeypatch.undo()
    expired = mail_app.test_client().get(old[len(PUBLIC_URL) :], headers=EN)
    assert expired.status_code == 410
    assert "Este enlace ha caducado." in text(expired)


def post_held_everywhere(app) -> int:
    with app.app_context():
        storage.find_site(1).moderation = "all"
        storage.commit()
    return post_held(app)
