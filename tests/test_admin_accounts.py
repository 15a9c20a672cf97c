"""Moderators' accounts: the CLI, signing in and out, and the sign-in limit."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.actions import Admin
from tests.conftest import REDIS_URL
from tests.signing import PASSWORD, SIGN_IN_LIMIT, _signed_out_token, _to_login
from widget import storage

# ---- the `flask admins` commands ----------------------------------------------


def test_admins_create_list_and_delete(runner, app, client):
    args = ["admins", "create", "Ed@Example.ORG", "--password-stdin"]
    created = runner.invoke(args=args, input=PASSWORD + "\n")
    assert created.exit_code == 0, created.output
    assert "Moderator ed@example.org created." in created.output
    with app.app_context():
        stored = storage.find_moderator_by_email("ed@example.org")
        assert stored.password_hash.startswith("$argon2id$")
        assert PASSWORD not in stored.password_hash
    listing = runner.invoke(args=["admins", "list"]).output
    assert listing == "ed@example.org\tlast sign-in: never\n"
    assert Admin(client).login("ed@example.org", PASSWORD).status_code == 303
    listing = runner.invoke(args=["admins", "list"]).output
    assert "never" not in listing and datetime.now(UTC).strftime("%Y-%m-%d") in listing
    assert PASSWORD not in listing and "argon2" not in listing
    deleted = runner.invoke(args=["admins", "delete", "ed@example.org"])
    assert deleted.exit_code == 0 and "deleted" in deleted.output
    assert runner.invoke(args=["admins", "list"]).output == ""
    again = runner.invoke(args=["admins", "delete", "ed@example.org"])
    assert again.exit_code != 0 and "No moderator ed@example.org" in again.output


@pytest.mark.parametrize(
    ("email", "password", "fragment"),
    [
        ("ed@example.org", "short", "at least 10 characters"),
        ("ed@example.org", "", "at least 10 characters"),
        ("not-an-email", PASSWORD, "not a valid email"),
        ("MOD@example.org", "a long moderation passphrase", "exists already"),
    ],
)
def test_admins_create_refuses_bad_emails_taken_accounts_and_short_passwords(
    runner, app, moderator, email, password, fragment
):
    args = ["admins", "create", email, "--password-stdin"]
    result = runner.invoke(args=args, input=password + "\n")
    assert result.exit_code != 0 and fragment in result.output
    with app.app_context():
        assert [m.email for m in storage.list_moderators()] == [moderator.email]


# ---- signing in and out ---------------------------------------------------------


def test_sign_in_and_sign_out(client, moderator):
    admin = Admin(client)
    response = admin.login(moderator.email.upper(), moderator.password)
    assert response.status_code == 303 and response.headers["Location"] == "/admin/"
    page = admin.get("/admin/").get_data(as_text=True)
    assert "Waiting for moderation" in page and moderator.email in page and "Sign out" in page
    response = admin.logout()
    assert response.status_code == 303 and _to_login(response)
    assert _to_login(admin.get("/admin/"))


@pytest.mark.parametrize(
    ("email", "password"),
    [(None, "a wrong password, long enough"), ("nobody@example.org", None), ("mod", None)],
)
def test_a_wrong_password_is_401_without_a_session(client, moderator, email, password):
    admin = Admin(client)
    password = moderator.password if password is None else password
    response = admin.login(email or moderator.email, password)
    assert response.status_code == 401
    assert "The email or the password is not right." in response.get_data(as_text=True)
    assert not admin.signed_in()


def test_tokens_from_before_sign_in_are_invalid(client, moderator, app):
    admin = Admin(client)
    old = _signed_out_token(client)
    assert admin.login(moderator.email, moderator.password, token=old).status_code == 303
    assert admin.post_raw("/admin/logout", csrf_token=old).status_code == 400
    assert admin.signed_in()
    assert admin.post_raw("/admin/logout", csrf_token=admin.csrf()).status_code == 303


@pytest.mark.parametrize(
    ("target", "landing"),
    [
        ("/admin/comments?status=spam", "/admin/comments?status=spam"),
        ("/admin/bans", "/admin/bans"),
        ("https://evil.example/admin/", "/admin/"),
        ("//evil.example", "/admin/"),
        ("//evil.example/admin/", "/admin/"),
        ("/admin//evil.example", "/admin/"),
        ("/admin/\\evil.example", "/admin/"),
        ("/administrator", "/admin/"),
        ("javascript:alert(1)", "/admin/"),
    ],
)
def test_next_is_followed_only_to_admin_pages(client, moderator, target, landing):
    response = Admin(client).login(moderator.email, moderator.password, next=target)
    assert response.status_code == 303 and response.headers["Location"] == landing


def test_a_signed_out_visit_comes_back_after_sign_in(client, moderator):
    admin = Admin(client)
    away = admin.get("/admin/comments", status="pending", q="x")
    assert _to_login(away)
    [target] = parse_qs(urlsplit(away.headers["Location"]).query)["next"]
    response = admin.login(moderator.email, moderator.password, next=target)
    assert response.headers["Location"] == "/admin/comments?status=pending&q=x"


# ---- the sign-in limit ----------------------------------------------------------------


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def limited(request, app_factory, moderator):
    """An app on the same database with at most 3 failed sign-ins a minute."""
    store = "memory://" if request.param == "memory" else REDIS_URL
    return app_factory(
        RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=store, LOGIN_RATE_LIMIT="3 per minute"
    )


def _attempts(limited, moderator, addresses, emails=None, password="wrong password here"):
    client = limited.test_client()
    emails = emails or [moderator.email] * len(addresses)
    return [
        Admin(client, address=address).login(email, password)
        for address, email in zip(addresses, emails, strict=True)
    ]


def test_three_failed_sign_ins_then_429(limited, moderator):
    responses = _attempts(limited, moderator, ["198.51.100.1"] * 4)
    assert [r.status_code for r in responses] == [401, 401, 401, 429]
    limited_page = responses[-1]
    wait = int(limited_page.headers["Retry-After"])
    assert 1 <= wait <= 61  # flask-limiter rounds the window's end up
    assert SIGN_IN_LIMIT.search(limited_page.get_data(as_text=True)).group(1) == str(wait)
    right = Admin(limited.test_client(), address="198.51.100.1")
    assert right.login(moderator.email, moderator.password).status_code == 429


def test_the_sign_in_limit_page_says_what_was_limited(limited, moderator):
    responses = _attempts(limited, moderator, ["198.51.100.1"] * 4)
    assert "Too many sign-in attempts" in responses[-1].get_data(as_text=True)


def test_the_sign_in_limit_in_the_browsers_language(limited, moderator):
    client = limited.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es-ES,es;q=0.9"
    admin = Admin(client, address="198.51.100.7")
    responses = [admin.login(moderator.email, "wrong password here") for _ in range(4)]
    assert responses[-1].status_code == 429
    page = responses[-1].get_data(as_text=True)
    assert "Demasiados intentos de inicio de sesión. Espera " in page
    assert "Too many sign-in attempts" not in page


def test_failures_against_one_account_are_limited_from_any_address(limited, moderator):
    addresses = [f"198.51.100.{n}" for n in range(1, 5)]
    emails = [moderator.email, moderator.email.upper(), moderator.email, moderator.email]
    responses = _attempts(limited, moderator, addresses, emails)
    assert [r.status_code for r in responses] == [401, 401, 401, 429]
    other = _attempts(limited, moderator, ["198.51.100.9"], ["other@example.org"])
    assert other[0].status_code == 401


def test_failures_from_one_address_are_limited_across_accounts(limited, moderator):
    emails = [f"guess{n}@example.org" for n in range(4)]
    responses = _attempts(limited, moderator, ["198.51.100.7"] * 4, emails)
    assert [r.status_code for r in responses] == [401, 401, 401, 429]


def test_successful_sign_ins_are_not_counted(limited, moderator):
    good = _attempts(limited, moderator, ["198.51.100.1"] * 5, password=moderator.password)
    assert [r.status_code for r in good] == [303] * 5
    bad = _attempts(limited, moderator, ["198.51.100.1"] * 4)
    assert [r.status_code for r in bad] == [401, 401, 401, 429]
