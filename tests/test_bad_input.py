"""Reproduced 500s and names that look like nothing: each is now a clear 400, or ignored."""

import base64

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG
from widget.storage.database import db
from widget.storage.models import Comment


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _field_error(response, field: str) -> str:
    assert response.status_code == 400, response.get_data(as_text=True)
    body = response.get_json()
    assert body["error"] == "invalid_fields", body
    return " ".join(body["fields"][field])


# ---- keyset cursors and URLs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["0.99999999999999999999999", "0.9999999999", "-99999999999999999.1", "253402300800000000.1"],
)
def test_a_cursor_out_of_the_columns_range_is_a_400(api, raw):
    api.post_comment()
    response = api.thread(cursor=_cursor(raw))
    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_cursor"


@pytest.mark.parametrize("path", ["/api/threads", "/api/threads.html", "/threads", "/api/counts"])
@pytest.mark.parametrize(
    "url", ["http://blog.example.org%00/a", "https://blog.example.org/a%0d%0ab"]
)
def test_a_control_character_in_a_page_url_is_a_400(client, path, url):
    response = client.get(f"{path}?url={url}", headers={"Origin": BLOG})
    assert response.status_code == 400


# ---- headers with control characters are ignored, never stored -------------------------------


def test_a_nul_in_origin_or_user_agent_is_not_stored_and_breaks_nothing(app, client):
    reader = Api(client, origin=BLOG, headers={"User-Agent": "Bot\x00/1.0\x07"})
    assert reader.post_comment().status_code == 201
    nul_origin = client.get(
        "/api/threads", query_string={"url": ARTICLE}, headers={"Origin": "https://a\x00.org"}
    )
    assert nul_origin.status_code == 200
    assert "Access-Control-Allow-Origin" not in nul_origin.headers
    with app.app_context():
        [comment] = db.session.query(Comment).all()
        assert comment.user_agent == "Bot/1.0"


def test_a_nul_in_the_admin_search_is_refused_without_failing(admin, api):
    api.post_comment()
    page = admin.get("/admin/comments", q="thoughtful\x00")
    assert page.status_code == 400  # every admin filter and field (issue 19, item 11)


@pytest.mark.parametrize("target", ["/admin/\r\nSet-Cookie: x=1", "/admin/bans\n"])
def test_a_line_break_in_a_redirect_target_leads_to_the_queue(client, moderator, admin, target):
    from tests.actions import Admin

    fresh = Admin(client.application.test_client())
    signed_in = fresh.login(moderator.email, moderator.password, next=target)
    assert signed_in.status_code == 303 and signed_in.headers["Location"] == "/admin/"
    back = admin.post("/admin/comments/moderate", action="approve", back=target)
    assert back.status_code == 303 and back.headers["Location"] == "/admin/"


# ---- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "\u200b\u200b",  # zero-width spaces
        "\u3164",  # Hangul filler
        "\u2800\u2800",  # blank Braille pattern
        "\u200d\u200c\ufeff",  # joiners and the BOM
        "\U000e0041\U000e0042",  # tag characters
        "\u00ad",  # a soft hyphen
        " \u0301\u0301 ",  # marks on nothing
    ],
)
def test_a_name_that_renders_as_nothing_is_refused(api, name):
    message = _field_error(api.post_comment(name=name), "name")
    assert "visible" in message or "not allowed" in message


def test_the_arabic_letter_mark_is_a_bidi_control_too(api):
    assert "not allowed" in _field_error(api.post_comment(name="Ana\u061cReader"), "name")


@pytest.mark.parametrize("field", ["name", "text"])
def test_more_than_four_marks_on_one_letter_are_refused(api, field):
    stacked = "Za" + "\u0301\u0302\u0303\u0304\u0305" + "lgo"
    message = _field_error(api.post_comment(**{field: stacked}), field)
    assert "accents" in message
    four = "Tie\u0301\u0302\u0303\u0304ng Vie\u0323\u0302t"
    assert api.post_comment(**{field: four}).status_code == 201


def test_names_in_real_scripts_are_kept(api, app):
    names = ["Nguyễn Thị Minh Khai", "محمد", "김민준", "José Ñúñez", "བཀྲ་ཤིས་"]
    for number, name in enumerate(names):
        response = api.post_comment(name=name, text=f"Hello {number}")
        assert response.status_code == 201, (name, response.get_json())
    with app.app_context():
        assert sorted(c.name for c in db.session.query(Comment)) == sorted(names)
