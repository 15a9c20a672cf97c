"""Sign-in limits keyed by the normalised account, known devices, server-side sign-out."""

import pytest

from tests.actions import Admin
from tests.conftest import REDIS_URL


@pytest.fixture
def limited(app_factory, moderator):
    """An app on the same database with at most 3 failed sign-ins a minute."""
    return app_factory(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")


def test_signing_out_ends_the_session_on_the_server(app, client, moderator):
    browser = Admin(client)
    assert browser.login(moderator.email, moderator.password).status_code == 303
    copied = client.get_cookie("session").value
    assert browser.logout().status_code == 303
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert Admin(thief).get("/admin/").status_code == 302


def test_another_session_of_the_same_moderator_survives_a_sign_out(app, moderator):
    laptop, phone = Admin(app.test_client()), Admin(app.test_client())
    for browser in (laptop, phone):
        assert browser.login(moderator.email, moderator.password).status_code == 303
    laptop.logout()
    assert not laptop.signed_in() and phone.signed_in()


def test_every_spelling_of_the_account_shares_one_limit(limited, moderator):
    spellings = ["mod@ｅxample.org", "MOD@EXAMPLE.ORG", "ｍｏｄ@example.org", "mod@example.org"]
    statuses = [
        Admin(limited.test_client(), address=f"198.51.100.{n}")
        .login(email, "wrong password here")
        .status_code
        for n, email in enumerate(spellings, start=1)
    ]
    assert statuses == [401, 401, 401, 429]


def test_a_known_device_still_signs_in_while_the_account_is_hammered(limited, moderator):
    own = Admin(limited.test_client(), address="192.0.2.10")
    assert own.login(moderator.email, moderator.password).status_code == 303
    own.logout()
    for n in range(5):
        attacker = Admin(limited.test_client(), address=f"198.51.100.{n + 1}")
        attacker.login(moderator.email, "a guess of the attacker")
    stranger = Admin(limited.test_client(), address="192.0.2.11")
    assert stranger.login(moderator.email, moderator.password).status_code == 429
    assert own.login(moderator.email, moderator.password).status_code == 303


def test_the_address_limit_still_applies_to_a_known_device(limited, moderator):
    own = Admin(limited.test_client(), address="192.0.2.10")
    assert own.login(moderator.email, moderator.password).status_code == 303
    statuses = [own.login("someone@example.org", "wrong password").status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]


def test_the_device_cookie_is_signed_and_bound_to_its_account(limited, moderator, make_moderator):
    colleague = make_moderator("second@example.org")
    own = Admin(limited.test_client(), address="192.0.2.10")
    assert own.login(colleague.email, colleague.password).status_code == 303
    cookie = own.client.get_cookie("tertulia_device", path="/admin/login")
    assert cookie is not None and cookie.http_only
    for n in range(5):  # the first moderator's account is hammered
        Admin(limited.test_client(), address=f"198.51.100.{n + 1}").login(moderator.email, "x" * 12)
    # The colleague's device is not known to the first account: no allowance of its own.
    assert own.login(moderator.email, moderator.password).status_code == 429
    forged = Admin(limited.test_client(), address="192.0.2.12")
    forged.client.set_cookie("tertulia_device", "not-signed", path="/admin/login")
    assert forged.login(moderator.email, moderator.password).status_code == 429


@pytest.mark.redis
def test_the_sign_in_limit_does_not_depend_on_the_counter_storage(app_factory, moderator):
    shared = app_factory(
        RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=REDIS_URL, LOGIN_RATE_LIMIT="2 per minute"
    )
    statuses = [
        Admin(shared.test_client()).login(moderator.email, "wrong password").status_code
        for _ in range(3)
    ]
    assert statuses == [401, 401, 429]
