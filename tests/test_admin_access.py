"""Only a signed-in moderator gets in: every page needs a session, CSRF, the cookie, headers."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from itsdangerous import TimestampSigner

from tests.actions import Admin
from tests.conftest import BLOG
from tests.signing import _signed_out_token, _to_login
from widget import storage
from widget.accounts.passwords import hash_password
from widget.storage.models import Ban, Comment, Site, Thread

# ---- everything else needs a session ----------------------------------------------


def _admin_requests(app):
    """(method, path) of every admin rule but the sign-in page, with ids filled in."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("admin.") and rule.endpoint != "admin.login":
            path = re.sub(r"<int:\w+>", "1", rule.rule)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, path


@pytest.fixture
def seeded(app, api):
    """A comment (so a thread), a ban, a site: every id 1 exists."""
    api.post_comment()
    with app.app_context():
        storage.add_ban(email="troll@example.org")
        storage.commit()


def _snapshot(app):
    with app.app_context():
        session = storage.db.session
        return (
            [(c.status, c.text) for c in session.query(Comment).order_by(Comment.id)],
            [(t.closed,) for t in session.query(Thread).order_by(Thread.id)],
            [(s.name, s.moderation) for s in session.query(Site).order_by(Site.id)],
            session.query(Ban).count(),
            storage.list_audit(None),
        )


def test_every_admin_page_and_action_sends_the_signed_out_to_sign_in(app, client, seeded):
    requests = list(_admin_requests(app))
    assert len(requests) >= 15 and ("POST", "/admin/comments/moderate") in requests
    before = _snapshot(app)
    admin = Admin(client)
    for method, path in requests:
        if method == "GET":
            response = admin.get(path)
        else:  # a valid token of the signed-out session: only the sign-in check is left
            form = {"only": "1:delete", "text": "x", "kind": "email", "value": "a@example.org"}
            response = admin.post_raw(path, csrf_token=_signed_out_token(client), **form)
        assert _to_login(response), (method, path, response.status_code)
    assert _snapshot(app) == before


def test_scripts_get_401_json_in_the_error_shape(app, client, seeded):
    for method, path in _admin_requests(app):
        if method == "GET":
            response = client.get(path, headers={"Accept": "application/json"})
            assert response.status_code == 401, path
            assert response.get_json() == {"error": "unauthorized", "message": "Please sign in."}


# ---- CSRF --------------------------------------------------------------------


POSTS = [
    ("/admin/comments/moderate", {"only": "1:approve"}),
    ("/admin/comments/moderate", {"action": "delete", "ids": ["1"]}),
    ("/admin/comments/1/edit", {"text": "Changed by a forged form."}),
    ("/admin/bans/add", {"kind": "email", "value": "victim@example.org"}),
    ("/admin/bans/1/lift", {}),
    ("/admin/threads/1/closed", {"closed": "1"}),
    ("/admin/sites/add", {"name": "Evil", "origins": "https://evil.example", "moderation": "none"}),
    ("/admin/sites/1", {"name": "Pwned", "origins": BLOG, "moderation": "all"}),
    ("/admin/logout", {}),
]


@pytest.mark.parametrize(("path", "form"), POSTS, ids=[f"{p} {sorted(f)}" for p, f in POSTS])
@pytest.mark.parametrize("token", ["missing", "forged", "another session's"])
def test_admin_posts_without_a_valid_token_are_refused(app, admin, seeded, path, form, token):
    with app.app_context():
        storage.db.session.query(Comment).update({"status": "pending"})
        storage.commit()
    before = _snapshot(app)
    if token == "forged":
        form = {**form, "csrf_token": "IjEyMyI.forged.signature"}
    elif token == "another session's":
        form = {**form, "csrf_token": _signed_out_token(app.test_client())}
    assert admin.post_raw(path, **form).status_code == 400
    assert _snapshot(app) == before
    assert admin.signed_in()


def test_a_refused_admin_form_says_why(admin, seeded):
    response = admin.post("/admin/comments/moderate", action="promote", ids=["1"])
    assert response.status_code == 400
    assert "Unknown action." in response.get_data(as_text=True)


# ---- the session cookie -------------------------------------------------------------


def _session_cookie(response) -> str:
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    return cookie


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_the_session_cookie_is_httponly_and_secure_over_https(client, moderator, scheme):
    admin = Admin(client, base_url=f"{scheme}://localhost")
    cookie = _session_cookie(admin.login(moderator.email, moderator.password))
    assert "; HttpOnly" in cookie and ("; Secure" in cookie) == (scheme == "https")
    assert admin.signed_in()


def test_the_session_cookie_is_samesite_lax(client, moderator):
    cookie = _session_cookie(Admin(client).login(moderator.email, moderator.password))
    assert "SameSite=Lax" in cookie


def test_the_session_cookie_expires_after_admin_session_hours(app_factory, moderator):
    client = app_factory(ADMIN_SESSION_HOURS=2).test_client()
    cookie = _session_cookie(Admin(client).login(moderator.email, moderator.password))
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1))
    assert abs(expires - (datetime.now(UTC) + timedelta(hours=2))) < timedelta(minutes=5)


def test_a_session_older_than_admin_session_hours_is_over(app_factory, moderator, monkeypatch):
    admin = Admin(app_factory(ADMIN_SESSION_HOURS=2).test_client())
    admin.login(moderator.email, moderator.password)
    assert admin.signed_in()
    later = int(time.time()) + 3 * 3600
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)
    assert not admin.signed_in()


def test_deleting_a_moderator_ends_their_session(app, admin, moderator, seeded):
    token = admin.csrf()
    result = app.test_cli_runner().invoke(args=["admins", "delete", moderator.email])
    assert result.exit_code == 0
    assert _to_login(admin.post_raw("/admin/comments/moderate", only="1:delete", csrf_token=token))
    assert _snapshot(app)[0][0][0] == "published"
    assert not admin.signed_in()


def test_a_new_password_ends_the_other_sessions(app, client, moderator, make_moderator):
    colleague = make_moderator("second@example.org")
    laptop, phone, theirs = Admin(client), Admin(app.test_client()), Admin(app.test_client())
    for browser in (laptop, phone):
        assert browser.login(moderator.email, moderator.password).status_code == 303
    assert theirs.login(colleague.email, colleague.password).status_code == 303
    with app.app_context():
        account = storage.find_moderator(moderator.id)
        account.password_hash = hash_password("a brand new passphrase")
        storage.commit()
    assert not laptop.signed_in() and not phone.signed_in() and theirs.signed_in()
    assert laptop.login(moderator.email, moderator.password).status_code == 401
    assert laptop.login(moderator.email, "a brand new passphrase").status_code == 303
    assert laptop.signed_in()


# ---- headers of the admin pages ---------------------------------------------------------


def test_admin_responses_are_private_and_run_no_script(app, client, moderator, seeded):
    admin = Admin(client)
    responses = [admin.get("/admin/login"), admin.get("/admin/"), admin.login("x@y.org", "nope")]
    admin.login(moderator.email, moderator.password)
    for method, path in _admin_requests(app):
        if method == "GET":
            responses.append(admin.get(path))
    responses += [admin.get("/admin/comments/999"), admin.post_raw("/admin/logout")]
    assert {r.status_code for r in responses} == {200, 302, 400, 401, 404}
    for response in responses:
        policy = dict(
            (d.strip().split(" ", 1) + [""])[:2]
            for d in response.headers["Content-Security-Policy"].split(";")
        )
        assert policy["default-src"] == "'none'"
        assert policy.get("script-src", "'none'") == "'none'"
        assert policy["frame-ancestors"] == "'none'"
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["Cache-Control"] == "no-store"
        assert "<script" not in response.get_data(as_text=True)
