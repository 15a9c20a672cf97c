"""Issue 19, items 10 and 11: no 500s from a foreign Host or from bad characters.

With WIDGET_PUBLIC_URL set, a request for another host gets 400 with a plain page on every
page (JSON on the API). A NUL or another control character in any admin filter or form
field is a 400 on SQLite and PostgreSQL alike, never a 500.
"""

from __future__ import annotations

import pytest

from tests.actions import ARTICLE, csrf_token_in
from tests.newsroom import post, reader

PAGES = [
    "/admin/login",
    "/admin/",
    "/admin/comments?email=a",
    "/threads?url=" + ARTICLE,
    "/notices/new?comment=1",
    "/comments/1/report",
    "/feeds/site.atom?origin=https://blog.example.org",
    "/mail/confirm/abc",
    "/embed.js",
    "/no/such/page",
]


@pytest.fixture
def public_app(app_factory):
    from widget.sites.editing import register_site

    app = app_factory(PUBLIC_URL="https://comments.example.org")
    with app.app_context():
        register_site("Blog", ["https://blog.example.org"], "none")
    return app


@pytest.mark.parametrize("path", PAGES)
def test_another_host_gets_a_plain_400_page(public_app, path):
    client = public_app.test_client()
    response = client.get(path, base_url="http://evil.example")
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "<h1>400</h1>" in page and "evil.example" not in page
    own = client.get(path, base_url="https://comments.example.org")
    assert own.status_code != 400 or path.startswith("/mail/")


def test_another_host_gets_json_on_the_api(public_app):
    response = public_app.test_client().get(
        "/api/threads?url=" + ARTICLE, base_url="http://evil.example"
    )
    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_request"


# ---- item 11: every admin filter and form field ---------------------------------------

GET_FILTERS = [
    ("/admin/", ["before"]),
    ("/admin/comments", ["status", "site", "thread", "q", "before", "email", "network"]),
    ("/admin/reported", ["before"]),
    ("/admin/notices", ["status"]),
    ("/admin/threads", ["site", "before"]),
    ("/admin/audit", ["before"]),
    ("/admin/mail", ["status"]),
    ("/admin/bans", ["page"]),
    ("/admin/sites", ["page"]),
    ("/admin/sites/1", ["page"]),
    ("/admin/account", ["page"]),
    ("/admin/comments/1", ["page"]),
    ("/admin/comments/1/erase", ["page"]),
    ("/admin/notices/1", ["page"]),
]
POST_FORMS = [
    ("/admin/comments/moderate", {"action": "approve", "ids": "1", "back": "/admin/"}),
    ("/admin/comments/moderate", {"only": "1:approve"}),
    ("/admin/comments/1/edit", {"text": "Edited."}),
    ("/admin/comments/1/erase", {"confirm": "y"}),
    ("/admin/comments/1/feature", {"featured": "1"}),
    ("/admin/comments/1/reply", {"reply": "Thanks."}),
    ("/admin/notices/1", {"decision": "keep", "statement": "Lawful."}),
    ("/admin/bans/add", {"kind": "email", "value": "x@example.org", "days": "", "note": "n"}),
    ("/admin/bans/1/lift", {"back": "/admin/bans"}),
    ("/admin/threads/1/closed", {"closed": "1"}),
    (
        "/admin/sites/add",
        {
            "name": "N",
            "origins": "https://n.example.org",
            "moderation": "none",
            "staff_label": "S",
            "hold_words": "w",
            "spam_words": "s",
            "close_after_days": "",
        },
    ),
    (
        "/admin/sites/1",
        {"name": "Blog", "origins": "https://blog.example.org", "moderation": "none"},
    ),
    ("/admin/account", {"display_name": "Marta", "mail_held": "y"}),
    ("/admin/mail/1/retry", {"back": "/admin/mail"}),
    ("/admin/logout", {"back": "/admin/"}),
]
OTHER_CONTROLS = ["\x00", "\x01", "\x1b[31m", "\x7f", "\x85"]


def _with_data(app, client) -> None:
    """A comment, a thread, a notice and a ban, so that every page has rows."""
    from tests.newsroom import send_notice

    comment = post(reader(client, 1))
    send_notice(client, comment["id"])


def _cases():
    for path, names in GET_FILTERS:
        for name in names:
            yield "GET", path, name, {}
    for path, form in POST_FORMS:
        for name in form:
            yield "POST", path, name, form


@pytest.mark.parametrize(
    "method, path, field, form",
    [pytest.param(*case, id=f"{case[0]} {case[1]} {case[2]}") for case in _cases()],
)
def test_bad_characters_in_any_admin_filter_or_field_are_a_400(
    app, client, admin, method, path, field, form
):
    _with_data(app, client)
    if method == "GET":
        response = admin.get(path, **{field: "a\x00b"})
    else:
        token = csrf_token_in(admin.get("/admin/audit").get_data(as_text=True))
        response = admin.post_raw(path, **{**form, field: "a\x00b", "csrf_token": token})
    assert response.status_code == 400, response.status_code
    assert "not allowed" in response.get_data(as_text=True)


@pytest.mark.parametrize("bad", OTHER_CONTROLS)
def test_other_control_characters_too_but_text_keeps_its_line_breaks(app, client, admin, bad):
    _with_data(app, client)
    assert admin.get("/admin/comments", email=bad).status_code == 400
    assert admin.get("/admin/comments", **{"e\x00mail": "x"}).status_code == 400
    assert admin.post("/admin/comments/1/edit", text=f"One{bad}two").status_code == 400
    kept = admin.post("/admin/comments/1/edit", text="One\r\n\ttwo")
    assert kept.status_code == 303


def test_the_sign_in_page_refuses_bad_characters_too(app, client):
    page = client.get("/admin/login")
    token = csrf_token_in(page.get_data(as_text=True))
    for data in (
        {"email": "a\x00@example.org", "password": "x"},
        {"email": "a@b.c", "password": "\x00"},
    ):
        response = client.post("/admin/login", data={**data, "csrf_token": token})
        assert response.status_code == 400
    assert client.get("/admin/login", query_string={"next": "/admin/\x00"}).status_code == 400
