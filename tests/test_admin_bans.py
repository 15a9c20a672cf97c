"""Bans by email, address or network, from the bans page or a comment's page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.actions import Api
from tests.conftest import BLOG
from tests.moderating import _ban_id, _post, _text, _update
from widget.storage.models import Ban, utcnow

# ---- bans --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "listed"),
    [
        ("email", " Ana.Reader@Example.ORG ", "ana.reader@example.org"),
        ("network", "203.0.113.77", "203.0.113.77/32"),
        ("network", "203.0.113.0/16", "203.0.0.0/16"),
    ],
)
def test_a_ban_from_the_bans_page_refuses_the_commenter(admin, api, client, kind, value, listed):
    form = {"kind": kind, "value": value, "days": "", "note": "troll", "back": "/admin/bans"}
    assert admin.post("/admin/bans/add", **form).headers["Location"] == "/admin/bans"
    page = _text(admin.get("/admin/bans"))
    # What is stored and matched, said as such (issue 20, item 22).
    assert f"Banned {listed}, for ever." in page and f"<td>{listed}</td>" in page
    assert "for ever" in page
    refused = api.post_comment()
    assert refused.status_code == 403
    assert refused.get_json() == {"error": "banned", "message": "You cannot comment on this site."}
    stranger = Api(client, origin=BLOG, address="198.51.100.5")
    assert stranger.post_comment(email="bea@example.org").status_code == 201


@pytest.mark.parametrize(
    ("banned", "refused", "allowed"),
    [
        ("203.0.113.77", "203.0.113.77", "203.0.113.78"),
        ("203.0.113.76/31", "203.0.113.77", "203.0.113.78"),
        ("2001:db8:1:1::/64", "2001:db8:1:1:abcd::5", "2001:db8:1:2::5"),
        ("2001:db8:1:1::5", "2001:db8:1:1::5", "2001:db8:1:1::6"),
    ],
)
def test_a_ban_narrower_than_a_stored_network_matches_exactly_what_it_lists(
    admin, client, banned, refused, allowed
):
    admin.post("/admin/bans/add", kind="network", value=banned)
    readers = [Api(client, origin=BLOG, address=address) for address in (refused, allowed)]
    assert [r.post_comment().status_code for r in readers] == [403, 201]


def test_a_network_ban_covers_every_address_inside_it(admin, client):
    admin.post("/admin/bans/add", kind="network", value="203.0.113.0/16")
    addresses = ["203.0.113.77", "203.0.1.2", "203.0.255.255", "203.1.0.1", "2001:db8::1"]
    readers = [Api(client, origin=BLOG, address=address) for address in addresses]
    assert [r.post_comment().status_code for r in readers] == [403, 403, 403, 201, 201]


@pytest.mark.parametrize("kind", ["email", "network"])
def test_a_ban_from_a_comments_page(admin, api, client, kind):
    cid = _post(api)["id"]
    page = _text(admin.get(f"/admin/comments/{cid}"))
    assert "Ban the email ana.reader@example.org" in page
    assert "Ban the network 203.0.113.0/24" in page
    back = f"/admin/comments/{cid}"
    response = admin.post("/admin/bans/add", comment_id=str(cid), kind=kind, back=back)
    assert response.headers["Location"] == back
    listed = "ana.reader@example.org" if kind == "email" else "203.0.113.0/24"
    assert f"<td>{listed}</td>" in _text(admin.get("/admin/bans"))
    elsewhere = Api(client, origin=BLOG, address="198.51.100.5").post_comment()
    same_network = api.post_comment(email="bea@example.org")
    assert elsewhere.status_code == (403 if kind == "email" else 201)
    assert same_network.status_code == (403 if kind == "network" else 201)


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("network", "not-an-ip", "'not-an-ip' is not an IP address or network."),
        ("email", "nobody", "is not a valid email address"),
        ("email", "", "value: This field is required."),
        ("bogus", "x@example.org", "kind: Not a valid choice."),
    ],
)
def test_an_invalid_ban_is_refused_with_a_reason(admin, kind, value, message):
    response = admin.post("/admin/bans/add", kind=kind, value=value, back="/admin/bans")
    page = _text(admin.get(response.headers["Location"]))
    assert "The ban was not added:" in page and message in page
    assert "No bans." in page


def test_an_expired_ban_stops_applying_and_a_lifted_one_is_gone(app, admin, api):
    admin.post("/admin/bans/add", kind="email", value="ana.reader@example.org", days="7")
    admin.post("/admin/bans/add", kind="network", value="203.0.113.77")
    until = (utcnow() + timedelta(days=7)).strftime("%Y-%m-%d")
    assert until in _text(admin.get("/admin/bans"))
    assert api.post_comment(email="bea@example.org").status_code == 403
    network_ban = _ban_id(app, network="203.0.113.77/32")
    response = admin.post(f"/admin/bans/{network_ban}/lift")
    assert response.headers["Location"] == "/admin/bans"
    assert "Lifted the ban on 203.0.113.77/32." in _text(admin.get("/admin/bans"))
    assert api.post_comment(email="bea@example.org").status_code == 201
    assert api.post_comment().status_code == 403
    email_ban = _ban_id(app, email="ana.reader@example.org")
    _update(app, Ban, email_ban, expires_at=utcnow() - timedelta(minutes=1))
    assert "(expired)" in _text(admin.get("/admin/bans"))
    assert api.post_comment().status_code == 201
    assert admin.post("/admin/bans/999/lift").status_code == 404
