"""The API's refusals in the reader's language (issue 26): the same shape, status and `error`
code; the sentence in Spanish when the request asks for it (`lang`, Accept-Language)."""

import pytest

from tests.actions import Api
from tests.conftest import BLOG
from tests.nojs import close_thread
from tests.prescreening import TOXIC_EN

SPANISH = {"Accept-Language": "es-ES,es;q=0.9"}


def _refusal(response, status: int, error: str) -> str:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["error"] == error  # machines read the code: never translated
    return body["message"]


@pytest.fixture
def spanish(client):
    """A reader whose browser prefers Spanish."""
    return Api(client, origin=BLOG, headers=SPANISH)


def test_400_invalid_json_in_spanish(spanish, api):
    bad = {"data": "{not json", "content_type": "application/json"}
    message = _refusal(spanish.post("/api/comments", **bad), 400, "invalid_json")
    assert message == "El cuerpo de la petición no es JSON válido."
    english = _refusal(api.post("/api/comments", **bad), 400, "invalid_json")
    assert english == "The request body is not valid JSON."


def test_400_field_messages_in_spanish(spanish):
    response = spanish.post_comment(name="")
    message = _refusal(response, 400, "invalid_fields")
    assert message == "Algunos campos no son válidos."
    assert response.get_json()["fields"]["name"]


def test_400_a_page_url_that_is_not_one_in_spanish(spanish, api):
    """The URL's refusal comes from code the admin and the commands share (core/urls.py)."""
    response = spanish.thread(url="ftp://blog.example.org/x")
    message = _refusal(response, 400, "invalid_url")
    assert message == "La URL de la página debe ser una URL absoluta http:// o https://."
    assert response.get_json()["fields"]["url"] == [message]
    english = _refusal(api.thread(url="ftp://blog.example.org/x"), 400, "invalid_url")
    assert english == "The page URL must be an absolute http:// or https:// URL."


def test_404_with_lang_parameter(client, api):
    response = client.get("/api/no-such-thing", query_string={"lang": "es"})
    assert _refusal(response, 404, "not_found") == "No hay nada en /api/no-such-thing."
    english = client.get("/api/no-such-thing")
    assert _refusal(english, 404, "not_found") == "There is nothing at /api/no-such-thing."


def test_404_refusal_of_a_use_case(spanish):
    message = _refusal(spanish.post_comment(parent_id=12345), 404, "parent_not_found")
    assert message == "El comentario al que respondes no existe en este hilo."


def test_403_closed_thread_in_spanish_with_lang(app, api):
    assert api.post_comment().status_code == 201
    close_thread(app)
    message = _refusal(api.post_comment(lang="es"), 403, "thread_closed")
    assert message == "Los comentarios están cerrados."


def test_405_names_the_methods_in_spanish(client):
    response = client.put("/api/threads", headers=SPANISH)
    message = _refusal(response, 405, "method_not_allowed")
    assert message == "PUT no está permitido aquí; usa GET."
    assert "GET" in response.headers["Allow"]
    english = client.put("/api/threads")
    assert english.get_json()["message"] == "PUT is not allowed here; use GET."


def test_413_in_spanish(spanish):
    response = spanish.post(
        "/api/comments", data=b"x" * (65 * 1024), content_type="application/json"
    )
    message = _refusal(response, 413, "payload_too_large")
    assert message.startswith("El cuerpo de la petición supera los ") and message.endswith(" KB.")


def test_415_in_spanish_and_english(spanish, api):
    form = {"data": "name=a", "content_type": "application/x-www-form-urlencoded"}
    message = _refusal(spanish.post("/api/comments", **form), 415, "unsupported_media_type")
    assert message == "Envía el cuerpo de la petición como application/json."
    english = _refusal(api.post("/api/comments", **form), 415, "unsupported_media_type")
    assert english == "Send the request body as application/json."


def test_429_says_the_wait_with_a_plural(app_factory, app):
    limited = app_factory(RATELIMIT_ENABLED=True, POST_RATE_LIMIT="1 per hour")
    reader = Api(limited.test_client(), origin=BLOG, headers=SPANISH)
    assert reader.post_comment(lang="es").status_code == 201
    response = reader.post_comment(lang="es")
    message = _refusal(response, 429, "rate_limited")
    wait = int(response.headers["Retry-After"])
    assert message.startswith("Demasiados comentarios desde tu dirección.")
    assert message.endswith(f"Espera {wait} segundos.") or (
        wait == 1 and message.endswith("Espera 1 segundo.")
    )


def test_429_in_english_by_default(app_factory, app):
    limited = app_factory(RATELIMIT_ENABLED=True, POST_RATE_LIMIT="1 per hour")
    reader = Api(limited.test_client(), origin=BLOG)
    assert reader.post_comment().status_code == 201
    response = reader.post_comment()
    message = _refusal(response, 429, "rate_limited")
    assert message.startswith("Too many comments from your address. Please wait ")


def test_422_reconsider_follows_the_browser(screened_app):
    reader = Api(screened_app.test_client(), origin=BLOG, headers=SPANISH)
    message = _refusal(reader.post_comment(text=TOXIC_EN), 422, "reconsider")
    assert message.startswith("Tu comentario podría herir a otras personas.")


def test_the_lang_parameter_wins_over_the_browser(client):
    headers = {"Accept-Language": "es", "Origin": BLOG}
    response = client.get("/api/no-such-thing", headers=headers, query_string={"lang": "en"})
    assert _refusal(response, 404, "not_found") == "There is nothing at /api/no-such-thing."
