"""Per-site API tokens: printed once, kept hashed, scoped, revoked, audited, never logged."""

import logging

from tests.actions import ARTICLE
from tests.conftest import OTHER
from tests.stories import Cms, create_token
from widget import storage
from widget.storage.models import ApiToken, AuditEntry


def test_a_token_is_printed_once_and_only_its_hash_is_kept(runner, app, client):
    token = create_token(runner, "threads:write", "comments:read")
    assert token.startswith("tt_") and len(token) > 40
    listing = runner.invoke(args=["tokens", "list"]).output
    assert token not in listing and token[:10] in listing and "threads:write" in listing
    with app.app_context():
        row = storage.db.session.query(ApiToken).one()
        stored = " ".join(str(getattr(row, c.key)) for c in ApiToken.__table__.columns)
        assert token not in stored and token[10:20] not in stored
    assert Cms(client, token).put({"closed": True}).status_code == 200


def test_unknown_scopes_and_origins_are_refused_by_the_command(runner):
    assert runner.invoke(args=["tokens", "create", ARTICLE, "--scope", "all"]).exit_code != 0
    unknown = runner.invoke(
        args=["tokens", "create", "https://x.example", "--scope", "threads:write"]
    )
    assert unknown.exit_code != 0 and "No site" in unknown.output


def test_no_token_a_wrong_token_or_scope_or_site_is_refused(runner, client):
    write = create_token(runner, "threads:write")
    read = create_token(runner, "comments:read")
    other = create_token(runner, "threads:write", origin=OTHER)
    missing = Cms(client, None).put({"closed": True})
    assert missing.get_json()["error"] == "invalid_token"
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    assert Cms(client, "tt_" + "x" * 43).put({"closed": True}).status_code == 401
    assert Cms(client, read).put({"closed": True}).get_json()["error"] == "insufficient_scope"
    assert Cms(client, write).comments().get_json()["error"] == "insufficient_scope"
    assert Cms(client, other).put({"closed": True}).get_json()["error"] == "origin_mismatch"
    assert Cms(client, read).comments().status_code == 200


def test_a_revoked_token_opens_nothing(runner, client, app):
    token = create_token(runner, "threads:write")
    with app.app_context():
        token_id = storage.db.session.query(ApiToken).one().id
    assert runner.invoke(args=["tokens", "revoke", str(token_id)]).exit_code == 0
    assert Cms(client, token).put({"closed": True}).status_code == 401


def test_the_site_page_lists_and_revokes_tokens(runner, client, app, admin):
    token = create_token(runner, "threads:write")
    with app.app_context():
        row = storage.db.session.query(ApiToken).one()
        token_id, site_id = row.id, row.site_id
    page = admin.get(f"/admin/sites/{site_id}").get_data(as_text=True)
    assert token[:10] in page and token not in page
    response = admin.post(f"/admin/tokens/{token_id}/revoke")
    assert response.status_code == 303
    assert Cms(client, token).put({"closed": True}).status_code == 401
    assert any("revoked API token" in row[-1] for row in admin.audit())


def test_every_use_is_audited_and_the_token_never_logged(runner, client, app, api, caplog):
    token = create_token(runner, "threads:write", "comments:read")
    caplog.set_level(logging.DEBUG)
    cms = Cms(client, token)
    cms.put({"moderation": "all", "message": "Be kind."})
    api.post_comment()
    cms.comments()
    cms.put({"nonsense": 1})  # refused: not audited as a change
    assert token not in caplog.text and token[10:] not in caplog.text
    with app.app_context():
        entries = storage.db.session.query(AuditEntry).order_by(AuditEntry.id).all()
        used = [(e.action, e.detail) for e in entries if e.moderator_email.startswith("API token")]
        assert used[0][0] == "story" and "moderation=all" in used[0][1]
        assert "message=(8 characters)" in used[0][1]
        assert used[1][0] == "api read" and "border-talks" in used[1][1]
        assert all(token not in (e.detail + e.moderator_email) for e in entries)
        row = storage.db.session.query(ApiToken).one()
        assert row.last_used_at is not None


def test_a_cms_reads_the_published_comments_only(runner, client, api):
    token = create_token(runner, "comments:read")
    api.post_comment(text="First.")
    api.post_comment(text="Second.", email="b@example.org")
    body = Cms(client, token).comments(limit=1).get_json()
    assert [c["html"] for c in body["comments"]] == ["<p>First.</p>"] and body["next"]
    assert "email" not in body["comments"][0]
    rest = Cms(client, token).comments(cursor=body["next"]).get_json()
    assert [c["html"] for c in rest["comments"]] == ["<p>Second.</p>"]
