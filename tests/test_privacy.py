"""The commenter's email and raw address never leave the server."""

from sqlalchemy import inspect, text

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG
from widget.storage.database import db

EMAIL = "Maria.Secreta@Example.ORG"
ADDRESS = "203.0.113.77"


def _needles() -> list[str]:
    local = EMAIL.split("@")[0]
    return [EMAIL.lower(), EMAIL, local.lower(), ADDRESS, ADDRESS.replace(".", "\\u002e")]


def _scan(responses) -> list[str]:
    leaks = []
    for response in responses:
        blob = response.get_data(as_text=True) + "\n" + str(response.headers)
        for needle in _needles():
            if needle.lower() in blob.lower():
                leaks.append(f"{response.status} {response.request.path}: {needle}")
    return leaks


def _scenario(api: Api) -> None:
    first = api.post_comment(email=EMAIL, website="https://maria.example").get_json()
    reply = api.post_comment(email=EMAIL, parent_id=first["comment"]["id"]).get_json()
    api.post_comment(email=EMAIL, name="")  # a refused post
    api.post_comment(email=EMAIL, parent_id=99999)
    api.post_comment(email=EMAIL, form_token="forged")
    api.post("/api/comments", data=f'{{"email": "{EMAIL}"', content_type="application/json")
    api.thread()
    api.thread(limit=1)
    api.counts(ARTICLE)
    assert reply["comment"]["parent_id"] == first["comment"]["id"]


def test_no_response_of_a_full_scenario_contains_the_email_or_address(api):
    _scenario(api)
    assert len(api.responses) >= 10
    assert _scan(api.responses) == []


def test_nor_behind_a_trusted_proxy(app, app_factory):
    proxied = app_factory(TRUSTED_PROXIES=1)
    api = Api(
        proxied.test_client(),
        origin=BLOG,
        address="10.0.0.2",
        headers={"X-Forwarded-For": ADDRESS},
    )
    _scenario(api)
    assert _scan(api.responses) == []


def test_the_raw_address_is_not_stored_anywhere(api, app):
    _scenario(api)
    with app.app_context():
        connection = db.session.connection()
        for table in inspect(connection).get_table_names():
            for row in connection.execute(text(f"SELECT * FROM {table}")):
                assert ADDRESS not in " ".join(map(str, row)), table
