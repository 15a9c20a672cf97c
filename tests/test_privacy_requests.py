"""Privacy requests without accounts: export, erase (command and admin page), retention prune."""

import json
from datetime import timedelta

from sqlalchemy import select

from tests.actions import ARTICLE, Api, csrf_token_in
from tests.conftest import BLOG
from tests.importing import invoke, stored
from tests.mailbox import link_to
from widget.storage.database import db
from widget.storage.models import AuditEntry, Ban, Comment

EMAIL = "Maria.Secreta@Example.ORG"
NORMAL = EMAIL.lower()


def _scenario(client):
    """Maria's comment with a reply from Ana; a second one without replies; Ana's own."""
    api = Api(client, origin=BLOG)
    first = api.post_comment(email=EMAIL, name="María", text="First").get_json()["comment"]["id"]
    reply = api.post_comment(parent_id=first, text="Ana replies").get_json()["comment"]["id"]
    alone = api.post_comment(email=EMAIL, name="María", text="Alone").get_json()["comment"]["id"]
    return first, reply, alone


def _everything(app) -> str:
    """Every row of every table, as one text."""
    with app.app_context():
        connection = db.session.connection()
        tables = [
            *("comments", "threads", "bans", "audit_log", "comment_sources", "sites"),
            "sanctions",
        ]
        return "\n".join(
            " ".join(map(str, row))
            for table in tables
            for row in connection.exec_driver_sql(f"SELECT * FROM {table}")
        )


def test_privacy_export_prints_everything_about_the_commenter(app, runner, client):
    first, _reply, alone = _scenario(client)
    result = invoke(runner, "privacy", "export", EMAIL)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["email"] == NORMAL
    assert [c["id"] for c in data["comments"]] == [first, alone]
    comment = data["comments"][0]
    assert comment["thread_url"] == "https://blog.example.org/2026/11/border-talks"
    assert comment["text"] == "First" and comment["status"] == "published"
    assert comment["network"] == "203.0.113.0/24"
    assert data["bans"] == [] and data["audit_log"] == []


def test_privacy_erase_deletes_and_leaves_a_placeholder_where_there_are_replies(
    app, runner, client, admin
):
    first, reply, alone = _scenario(client)
    admin.post("/admin/bans/add", kind="email", value=EMAIL, days="", note="rude")
    admin.post(f"/admin/comments/{first}/ladder", kind="warning", message="Please be civil.")
    assert NORMAL in _everything(app)
    exported = json.loads(invoke(runner, "privacy", "export", EMAIL).output)
    assert [s["kind"] for s in exported["sanctions"]] == ["warning"]
    refused = invoke(runner, "privacy", "erase", EMAIL)  # asks, and no answer is no
    assert refused.exit_code != 0
    result = invoke(runner, "privacy", "erase", EMAIL, "--yes")
    assert result.exit_code == 0, result.output
    assert "1 comment deleted, 1 comment kept as a placeholder, 1 ban lifted" in result.output
    assert "1 ladder decision removed" in result.output
    rows = {row["id"]: row for row in stored(app)}
    assert alone not in rows
    assert rows[first]["status"] == "deleted" and rows[first]["name"] == ""
    assert rows[first]["email"] == "" and rows[first]["text"] == "" and rows[first]["network"] == ""
    assert rows[reply]["parent_id"] == first and rows[reply]["status"] == "published"
    everything = _everything(app)
    assert NORMAL not in everything and "maria.secreta" not in everything.lower()
    with app.app_context():
        erase = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "erase")).one()
        assert erase.moderator_email == "command line" and "@" not in erase.detail
        assert db.session.scalars(select(Ban)).all() == []
    # The thread still shows the reply under "This comment was deleted."
    page = Api(client, origin=BLOG).thread().get_json()
    assert [c["id"] for c in page["comments"]] == [first, reply]


def test_an_erase_or_export_without_an_address_is_refused_and_touches_nothing(app, runner, client):
    _scenario(client)
    before = stored(app)
    for email in ("", "   ", "not-an-address", "@example.org"):
        for command in (("erase", email, "--yes"), ("export", email)):
            result = invoke(runner, "privacy", *command)
            assert result.exit_code != 0, (command, result.output)
            assert "is not an email address" in result.output
    assert stored(app) == before


def test_admin_erase_needs_a_confirmation_and_logs_without_the_email(app, client, admin):
    first, _reply, alone = _scenario(client)
    page = admin.get(f"/admin/comments/{alone}")
    assert f"/admin/comments/{alone}/erase" in page.get_data(as_text=True)
    confirm = admin.get(f"/admin/comments/{alone}/erase")
    assert confirm.status_code == 200
    assert "2 comments" in confirm.get_data(as_text=True)
    # Without the tick, or without the CSRF token, nothing happens.
    assert admin.post(f"/admin/comments/{alone}/erase").status_code == 400
    assert admin.post_raw(f"/admin/comments/{alone}/erase", confirm="y").status_code == 400
    assert len(stored(app)) == 3
    done = admin.post(f"/admin/comments/{alone}/erase", confirm="y")
    assert done.status_code == 303
    assert "Erased the commenter's data" in " ".join(admin.notices())
    assert len(stored(app)) == 2 and NORMAL not in _everything(app)
    who, action, *_ = admin.audit()[-1]
    assert (who, action) == ("mod@example.org", "erase")


def test_prune_clears_networks_and_browsers_older_than_the_retention(app_factory):
    from widget.sites.editing import register_site

    app = app_factory(RETENTION_DAYS=30)
    with app.app_context():
        register_site("Blog", [BLOG], "none")
    api = Api(app.test_client(), origin=BLOG)
    old = api.post_comment(text="Old").get_json()["comment"]["id"]
    new = api.post_comment(text="New").get_json()["comment"]["id"]
    with app.app_context():
        comment = db.session.get(Comment, old)
        comment.created_at = comment.created_at - timedelta(days=31)
        db.session.commit()
    result = invoke(app.test_cli_runner(), "privacy", "prune")
    assert result.exit_code == 0, result.output
    assert "Cleared the network and browser of 1 comment older than 30 days" in result.output
    rows = {row["id"]: row for row in stored(app)}
    assert rows[old]["network"] == "" and rows[new]["network"] == "203.0.113.0/24"


def test_prune_without_a_retention_does_nothing(app, runner, client):
    Api(client, origin=BLOG).post_comment()
    result = invoke(runner, "privacy", "prune")
    assert result.exit_code == 0 and "not set" in result.output
    assert stored(app)[0]["network"] == "203.0.113.0/24"


def test_erase_forgets_the_notification_address_and_every_mail_to_it(mail_app, smtp):
    """The address that asked for reply mail, its subscriptions and the outbox's messages to
    it (the confirmation, sent; a reply mail, still queued) are exported, then erased."""
    runner = mail_app.test_cli_runner()
    maria = Api(mail_app.test_client(), origin=BLOG, address="203.0.113.77")
    posted = maria.post_comment(email=EMAIL, name="María", text="Tell me", notify=True)
    assert posted.status_code == 201
    assert runner.invoke(args=["mail", "worker", "--once"]).exit_code == 0
    confirm_path = link_to(smtp.inbox.to(NORMAL)[-1], "/mail/confirm/")
    client = mail_app.test_client()
    page = client.get(confirm_path).get_data(as_text=True)
    client.post(confirm_path, data={"csrf_token": csrf_token_in(page)})
    ben = Api(mail_app.test_client(), origin=BLOG, address="198.51.100.9")
    parent = posted.get_json()["comment"]["id"]
    assert ben.post_comment(parent_id=parent, text="A reply").status_code == 201

    exported = json.loads(invoke(runner, "privacy", "export", EMAIL).output)["mail"]
    assert exported[0]["address"] == NORMAL and exported[0]["confirmed_at"]
    assert exported[0]["subscribed_threads"] == [ARTICLE.rstrip("/")]
    assert [(m["message"], m["status"]) for m in exported[1:]] == [
        ("confirm", "sent"),
        ("reply", "queued"),
    ]
    result = invoke(runner, "privacy", "erase", EMAIL, "--yes")
    assert result.exit_code == 0, result.output
    assert "1 notification address deleted, 2 mail messages deleted" in result.output
    with mail_app.app_context():
        connection = db.session.connection()
        for table in ("mail_addresses", "subscriptions", "mail_outbox"):
            rows = connection.exec_driver_sql(f"SELECT * FROM {table}").all()
            assert NORMAL not in " ".join(map(str, rows)), table
    assert runner.invoke(args=["mail", "worker", "--once"]).exit_code == 0
    assert len(smtp.inbox.to(NORMAL)) == 1  # the reply mail was never sent
