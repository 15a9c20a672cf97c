"""Issue 19, items 2 and 3: one household cannot hide a comment by reports or inflate likes.

Reporters are counted by network (IPv4 /24, IPv6 /48) toward the hold; likes count once
per IPv4 address, per IPv6 /56 and per voter id.
"""

from __future__ import annotations

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG
from tests.newsroom import post, public_ids, report
from tests.readers import Reader
from widget import storage


def _at(client, address: str) -> Api:
    return Api(client, origin=BLOG, address=address)


def _status(app, comment_id: int) -> str:
    with app.app_context():
        return storage.find_comment(comment_id).status


def test_three_addresses_of_one_household_do_not_hold_a_comment(app, client):
    author = _at(client, "198.51.100.1")
    comment = post(author)
    # The reproduction: an IPv4 address and two /64s of one IPv6 /48.
    for address in ("203.0.113.9", "2001:db8:cc:0::1", "2001:db8:cc:1::1"):
        assert report(_at(client, address), comment["id"], voter=None).status_code == 202
    assert _status(app, comment["id"]) == "published"
    assert comment["id"] in public_ids(author)
    # More of the same /24 and /48 still count as two networks.
    for address in ("203.0.113.10", "203.0.113.200", "2001:db8:cc:ff00::5"):
        report(_at(client, address), comment["id"])
    assert _status(app, comment["id"]) == "published"
    # A third network is a third reader: now it waits.
    report(_at(client, "192.0.2.50"), comment["id"])
    assert _status(app, comment["id"]) == "pending"


def test_the_hold_reason_counts_networks(app, client, admin):
    from tests.newsroom import labels

    comment = post(_at(client, "198.51.100.1"))
    for address in ("203.0.113.9", "203.0.113.10", "2001:db8:1::1", "192.0.2.7"):
        report(_at(client, address), comment["id"])
    assert "reported by 3 readers" in labels(admin.get("/admin/"))


def _voter(i: int) -> str:
    return f"voter-{i:04d}-abcdefghijkl"


def test_rotating_ipv6_64s_does_not_inflate_likes(app, client):
    ana = Reader(client, BLOG, "198.51.100.1", _voter(9999))
    first = post(ana, text="First")
    second = post(ana, text="Second")
    assert ana.like(first["id"]).get_json() == {"likes": 1, "liked": True}
    # The reproduction: 20 /64s of one /56, each with a fresh voter id.
    for i in range(20):
        rotating = Reader(client, BLOG, f"2001:db8:aa:{i:x}::1", _voter(i))
        assert rotating.like(second["id"]).status_code == 200
    assert ana.thread().get_json()["comments"][1]["likes"] == 1
    top = [c["id"] for c in ana.thread(sort="top").get_json()["comments"]]
    assert top == [first["id"], second["id"]]  # tied at one like: oldest first


@pytest.mark.parametrize(
    "one, other, counted",
    [
        ("203.0.113.5", "203.0.113.6", 2),  # two IPv4 addresses: two readers
        ("2001:db8:aa:100::1", "2001:db8:aa:1ff::1", 1),  # one /56
        ("2001:db8:aa:100::1", "2001:db8:aa:200::1", 2),  # two /56s
    ],
)
def test_likes_count_ipv4_addresses_and_ipv6_56s(app, client, one, other, counted):
    comment = post(_at(client, "198.51.100.1"))
    for number, address in enumerate((one, other)):
        Reader(client, BLOG, address, _voter(number)).like(comment["id"])
    likes = Api(client, origin=BLOG).thread(ARTICLE).get_json()["comments"][0]["likes"]
    assert likes == counted


def test_one_voter_id_likes_once_from_anywhere(app, client):
    comment = post(_at(client, "198.51.100.1"))
    for address in ("203.0.113.5", "192.0.2.9", "2001:db8:bb::1"):
        Reader(client, BLOG, address, _voter(1)).like(comment["id"])
    assert Api(client, origin=BLOG).thread().get_json()["comments"][0]["likes"] == 1
