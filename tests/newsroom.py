"""Helpers of the newsroom tests: readers at their own addresses, reports, admin pages as text."""

from __future__ import annotations

import re
from html import unescape

from tests.actions import Api
from tests.conftest import BLOG
from tests.openapi_check import assert_matches_spec


def reader(client, number: int, origin: str = BLOG) -> Api:
    """A reader at an address of their own (203.0.113.<number>)."""
    return Api(client, origin=origin, address=f"203.0.113.{number}")


def post(api: Api, **fields) -> dict:
    response = api.post_comment(**fields)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["comment"]


def report(api: Api, comment_id: int, reason: str = "abuse", **fields):
    """POST /api/comments/<id>/reports, checked against the spec."""
    return send_report(api, comment_id, {"reason": reason, **fields})


def send_report(api: Api, comment_id: int, body: object):
    response = api.client.post(
        f"/api/comments/{comment_id}/reports",
        json=body,
        headers=api._headers(None),
        environ_base={"REMOTE_ADDR": api.address},
    )
    assert_matches_spec(response, "post", "/api/comments/{comment_id}/reports")
    return response


def public_ids(api: Api) -> list[int]:
    return [c["id"] for c in api.thread().get_json()["comments"]]


def text_of(response) -> str:
    """A page's text without tags, entities decoded, blanks collapsed."""
    html = response.get_data(as_text=True)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def labels(response) -> list[str]:
    """The hold reasons shown as labels on an admin page."""
    html = response.get_data(as_text=True)
    return [unescape(x).strip() for x in re.findall(r'<li class="reason[^"]*">(.*?)</li>', html)]


# ---- legal notices: sent from a reader's address, confirmed through the receipt's link ----

NOTICE = {
    "category": "defamation",
    "explanation": "It says I stole from the co-op; that is false and defames me.",
    "name": "Nora Notifier",
    "email": "notifier@example.org",
    "good_faith": "y",
}


def send_notice(client, comment_id: int, address: str = "192.0.2.10", **fields):
    """GET the notice page, then POST it from `address` with its CSRF token."""
    from tests.actions import csrf_token_in

    where = {"environ_base": {"REMOTE_ADDR": address}}
    page = client.get("/notices/new", query_string={"comment": comment_id}, **where)
    body = {**NOTICE, **fields, "csrf_token": csrf_token_in(page.get_data(as_text=True))}
    body = {name: value for name, value in body.items() if value is not None}
    return client.post("/notices/new", query_string={"comment": comment_id}, data=body, **where)


def reference_in(response) -> str:
    found = re.search(r"DSA-\d{8}-[A-Z0-9]{8}", response.get_data(as_text=True))
    assert found, response.get_data(as_text=True)
    return found.group(0)


def confirm_notice(app, client, reference: str):
    """Open the confirmation link the receipt carries and press its button."""
    from tests.actions import csrf_token_in
    from widget import storage
    from widget.mail import links
    from widget.storage.models.newsroom import Notice

    with app.app_context():
        notice = storage.db.session.query(Notice).filter_by(reference=reference).one()
        path = links.notice_confirm_path(notice)
    page = client.get(path)
    assert page.status_code == 200, page.get_data(as_text=True)
    return client.post(path, data={"csrf_token": csrf_token_in(page.get_data(as_text=True))})


def reporter(client, number: int, origin: str = BLOG) -> Api:
    """A reader in a network of their own (198.18.<number>.1): reports count by network."""
    return Api(client, origin=origin, address=f"198.18.{number}.1")
