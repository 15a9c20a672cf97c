"""Issue 23, §1: a site's SSO secret and the tokens its backend signs with it.

Every refusal has its own code (401), so the site's developer knows what to fix; a token
is never accepted from another site, with another algorithm, expired, too long-lived, older
than the stored profile, or without `sub` and `name`.
"""

from __future__ import annotations

import base64
import json
import time
from datetime import timedelta

import jwt
import pytest

from tests.conftest import BLOG, OTHER
from tests.identity import Reader, sso_secret, sso_token
from widget import storage
from widget.storage.models import utcnow


def _refused(client, token: str) -> str:
    response = Reader(client, BLOG, token).sign_in()
    assert response.status_code == 401, response.get_json()
    return response.get_json()["error"]


def _none_token(**claims) -> str:
    def part(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    now = int(time.time())
    body = {"sub": "u-1", "name": "Rosa", "iat": now, "exp": now + 60, **claims}
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(body)}."


def test_the_secret_is_made_once_and_kept_sealed(app, runner):
    first = sso_secret(runner, BLOG)
    assert len(first) == 1 and len(first[0]) >= 43
    assert sso_secret(runner, "https://www.blog.example.org") == first  # same site, same one
    with app.app_context():
        site = storage.find_site(1)
        assert first[0] not in (site.sso_secret or "")  # a dump alone does not reveal it
        assert site.sso_secret.startswith("s1.")


def test_an_unknown_origin_has_no_secret(runner):
    result = runner.invoke(args=["sites", "sso", "https://nowhere.example"])
    assert result.exit_code != 0 and "No site has the origin" in result.output


def test_a_rotation_keeps_the_previous_secret_for_30_days(app, client, runner):
    [old] = sso_secret(runner, BLOG)
    new, previous = sso_secret(runner, BLOG, rotate=True)
    assert new != old and previous == old
    for secret in (old, new):
        assert Reader(client, BLOG, sso_token(secret)).sign_in().status_code == 200
    with app.app_context():
        storage.find_site(1).sso_previous_until = utcnow() - timedelta(seconds=1)
        storage.commit()
    assert _refused(client, sso_token(old, iat=int(time.time()) + 1)) == "sso_token_invalid"
    assert sso_secret(runner, BLOG) == [new]


def test_a_valid_token_signs_in_and_shows_the_profile(app, client, runner):
    [secret] = sso_secret(runner, BLOG)
    token = sso_token(secret, email="Rosa@Example.org", badges=["subscriber"], role="staff")
    response = Reader(client, BLOG, token).sign_in()
    assert response.status_code == 200
    body = response.get_json()
    assert len(body["user"].pop("avatar")) == 24
    assert body["user"] == {
        "name": "Rosa Lectora",
        "kind": "sso",
        "staff": True,
        "badges": [{"key": "subscriber", "en": "Subscriber", "es": "Subscriber"}],
    }
    assert "rosa@example.org" not in response.get_data(as_text=True).lower()
    with app.app_context():
        user = storage.find_site_user(1, "u-1")
        assert (user.email, user.role, user.name) == ("rosa@example.org", "staff", "Rosa Lectora")


@pytest.mark.parametrize(
    "claims, code",
    [
        # times relative to when the test runs (a long run outlives any time taken at collection)
        (lambda now: {"exp": now - 120}, "sso_token_expired"),
        (lambda now: {"iat": now - 60, "exp": now + 86400}, "sso_token_lifetime"),
        ({"sub": None}, "sso_claims_invalid"),
        ({"name": None}, "sso_claims_invalid"),
        ({"exp": None}, "sso_claims_invalid"),
        ({"iat": None}, "sso_claims_invalid"),
        ({"name": "\u200b"}, "sso_claims_invalid"),
        ({"badges": "subscriber"}, "sso_claims_invalid"),
        ({"badges": ["<b>x</b>"]}, "sso_claims_invalid"),
        ({"email": "not an address"}, "sso_claims_invalid"),
        (lambda now: {"iat": now + 600}, "sso_token_invalid"),
    ],
)
def test_a_bad_token_is_refused_with_its_code(client, runner, claims, code):
    [secret] = sso_secret(runner, BLOG)
    if callable(claims):
        claims = claims(int(time.time()))
    assert _refused(client, sso_token(secret, **claims)) == code


def test_alg_none_another_algorithm_and_garbage_are_refused(client, runner):
    [secret] = sso_secret(runner, BLOG)
    assert _refused(client, _none_token()) == "sso_token_invalid"
    hs512 = jwt.encode(
        {"sub": "u", "name": "R", "iat": int(time.time()), "exp": int(time.time()) + 60},
        secret + "x" * 40,
        algorithm="HS512",
    )
    assert _refused(client, hs512) == "sso_token_invalid"
    assert _refused(client, "not.a.jwt") == "sso_token_invalid"
    assert _refused(client, "x" * 5000) == "sso_token_invalid"


def test_another_sites_secret_does_not_sign_in_here(client, runner):
    sso_secret(runner, BLOG)
    [others] = sso_secret(runner, OTHER)
    assert _refused(client, sso_token(others)) == "sso_token_invalid"
    assert (
        Reader(client, OTHER, sso_token(others))
        .sign_in(url="https://other.example.net/a")
        .status_code
        == 200
    )


def test_a_site_without_a_secret_signs_nobody_in(client):
    assert _refused(client, sso_token("a" * 43)) == "sso_not_configured"


def test_an_older_token_does_not_overwrite_a_newer_profile(app, client, runner):
    [secret] = sso_secret(runner, BLOG)
    now = int(time.time())
    newer = sso_token(secret, name="Rosa Nueva", iat=now, exp=now + 600)
    older = sso_token(secret, name="Rosa Vieja", iat=now - 60, exp=now + 600)
    assert Reader(client, BLOG, newer).sign_in().status_code == 200
    assert _refused(client, older) == "sso_token_outdated"
    later = sso_token(secret, name="Rosa Renamed", iat=now + 5, exp=now + 600)
    assert Reader(client, BLOG, later).sign_in().get_json()["user"]["name"] == "Rosa Renamed"
    with app.app_context():
        assert storage.find_site_user(1, "u-1").name == "Rosa Renamed"


def test_the_token_is_read_only_from_the_authorization_header(client, runner):
    [secret] = sso_secret(runner, BLOG)
    response = client.post(
        f"/api/session?token={sso_token(secret)}",
        json={"url": "https://blog.example.org/a", "token": sso_token(secret)},
        headers={"Origin": BLOG},
    )
    assert response.status_code == 401
