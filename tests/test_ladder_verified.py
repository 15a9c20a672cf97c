"""The ladder on a verified commenter (issue 24 §3 over issue 23): a sanction keys on the
account they signed in with, follows them to any device and address, and goes with the
account when the site erases it."""

from __future__ import annotations

from tests.conftest import BLOG
from tests.defending import _error
from tests.identity import Reader, sso_secret, sso_token
from tests.test_ladder import _decide, _sanctions


def _signed_in(client, runner, address: str = "203.0.113.90", sub: str = "u-7") -> Reader:
    secret = sso_secret(runner, BLOG)[0]
    return Reader(client, BLOG, sso_token(secret, sub=sub, email="rosa@example.org"), address)


def test_a_signed_in_commenters_time_out_keys_on_the_account_on_every_device(
    app, client, runner, admin
):
    first = _signed_in(client, runner).post_as_signed_in(text="Signed in.")
    assert first.status_code == 201, first.get_json()
    _decide(admin, first.get_json()["comment"]["id"], "timeout", duration="24h")
    (sanction,) = _sanctions(app)
    assert sanction.key_kind == "user"
    # The same account from another address (another network, no commenter key): refused.
    phone = _signed_in(client, runner, address="198.51.100.44")
    _error(phone.post_as_signed_in(text="From my phone."), 403, "suspended")
    # Another account on that first network is someone else.
    other = _signed_in(client, runner, address="198.51.100.45", sub="u-8")
    assert other.post_as_signed_in(text="Me too.").status_code == 201


def test_erasing_the_account_erases_its_sanctions(app, client, runner, admin):
    posted = _signed_in(client, runner).post_as_signed_in(text="Signed in.")
    _decide(admin, posted.get_json()["comment"]["id"], "premoderate")
    assert len(_sanctions(app)) == 1
    erased = runner.invoke(args=["users", "erase", BLOG, "u-7", "--yes"])
    assert erased.exit_code == 0, erased.output
    assert _sanctions(app) == []


def test_the_record_counts_a_verified_commenters_notices_on_every_device(
    app, client, runner, admin
):
    from tests.newsroom import send_notice
    from tests.test_commenter_history import _record

    first = _signed_in(client, runner).post_as_signed_in(text="Signed in.").get_json()
    phone = _signed_in(client, runner, address="198.51.100.44")
    second = phone.post_as_signed_in(text="From my phone.").get_json()
    assert send_notice(client, second["comment"]["id"]).status_code == 201
    record = _record(admin, first["comment"]["id"])
    assert record["Published"][0] == "2"  # both devices: one account
    assert record["Legal notices received"][0] == "1"
