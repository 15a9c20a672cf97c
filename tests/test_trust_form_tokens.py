"""Issue 19, item 9: a form token is tied to the client that fetched it.

Bound to the client's network at issue (IPv4 /24, IPv6 /64) and valid for 2 hours by
default; from another network it is refused as invalid (the widget fetches a fresh one).
"""

from __future__ import annotations

import time

import pytest

from tests.actions import Api
from tests.conftest import BLOG
from widget.settings import DEFAULTS


def _at(client, address: str) -> Api:
    return Api(client, origin=BLOG, address=address)


@pytest.mark.parametrize(
    "fetched, posted, accepted",
    [
        ("203.0.113.77", "203.0.113.77", True),
        ("203.0.113.77", "203.0.113.5", True),  # the same /24
        ("203.0.113.77", "198.51.100.77", False),
        ("2001:db8:1:1::1", "2001:db8:1:1:ffff::9", True),  # the same /64
        ("2001:db8:1:1::1", "2001:db8:1:2::1", False),
        ("203.0.113.77", "2001:db8:1:1::1", False),
    ],
)
def test_a_token_posts_only_from_the_network_that_fetched_it(client, fetched, posted, accepted):
    token = _at(client, fetched).form_token()
    response = _at(client, posted).post_comment(form_token=token)
    if accepted:
        assert response.status_code == 201, response.get_json()
    else:
        assert response.status_code == 400
        body = response.get_json()
        assert body["error"] == "form_token_invalid"
        assert "network" in body["message"]


def test_a_token_lives_two_hours_by_default(app, client, monkeypatch):
    assert DEFAULTS["FORM_TOKEN_MAX_AGE"] == 7200
    app.config["FORM_TOKEN_MAX_AGE"] = DEFAULTS["FORM_TOKEN_MAX_AGE"]
    api = _at(client, "203.0.113.77")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() - 7200 - 60)  # fetched 2 hours ago
    old = api.form_token()
    monkeypatch.setattr(time, "time", lambda: real() - 7200 + 60)  # just under 2 hours
    recent = api.form_token()
    monkeypatch.setattr(time, "time", real)
    assert api.post_comment(form_token=old).get_json()["error"] == "form_token_expired"
    assert api.post_comment(form_token=recent, text="Still in time.").status_code == 201


def test_the_no_javascript_form_is_bound_too(app, client):
    from tests.nojs import get_page, html, post_form

    doc = html(get_page(client, address="203.0.113.20"))
    moved = post_form(client, doc, address="198.51.100.20")
    assert moved.status_code == 400
    assert "network" in moved.get_data(as_text=True)
    assert post_form(client, doc, address="203.0.113.21").status_code == 303
