"""What the moderation ladder mails, and what a shadow-banned commenter's comments do not
cause: no webhook, no mail, no count, no feed entry."""

from __future__ import annotations

from datetime import timedelta

from tests.actions import Admin
from tests.conftest import MODERATOR_PASSWORD
from tests.hooks import add_endpoint
from tests.mailbox import text_part
from tests.newsroom import post, reader
from tests.test_mail_readers import ANA, deliver, subscribe
from tests.test_webhooks_events import fired
from widget import storage
from widget.accounts.moderators import create_moderator
from widget.storage.models import utcnow


def _moderator(app) -> Admin:
    with app.app_context():
        create_moderator("mod@example.org", MODERATOR_PASSWORD)
    admin = Admin(app.test_client())
    admin.login("mod@example.org", MODERATOR_PASSWORD)
    return admin


def test_a_time_out_is_mailed_only_to_a_confirmed_address(mail_app, smtp):
    admin = _moderator(mail_app)
    unconfirmed = post(reader(mail_app.test_client(), 9), email="typed@example.org")
    note = "You kept insulting other readers."
    ladder = f"/admin/comments/{unconfirmed['id']}/ladder"
    admin.post(ladder, kind="timeout", duration="24h", message=note, mail="y")
    deliver(mail_app)
    assert smtp.inbox.to("typed@example.org") == []
    comment_id = subscribe(mail_app, smtp, lang="es")
    admin.post(
        f"/admin/comments/{comment_id}/ladder",
        kind="timeout",
        duration="7d",
        message=note,
        mail="y",
    )
    deliver(mail_app)
    mail = smtp.inbox.to(ANA)[-1]
    assert mail["Subject"] == "Tus comentarios en Blog están en pausa"
    body = text_part(mail)
    assert "La moderación de Blog ha pausado tus comentarios hasta el " in body
    assert note in body


def test_a_warning_is_mailed_when_asked(mail_app, smtp):
    admin = _moderator(mail_app)
    comment_id = subscribe(mail_app, smtp)
    admin.post(
        f"/admin/comments/{comment_id}/ladder", kind="warning", message="Stay on topic.", mail="y"
    )
    deliver(mail_app)
    mail = smtp.inbox.to(ANA)[-1]
    assert mail["Subject"] == "A message from the moderators of Blog"
    assert "Stay on topic." in text_part(mail)


def test_a_shadow_banned_commenters_comment_mails_nobody(mail_app, smtp):
    admin = _moderator(mail_app)
    ana = reader(mail_app.test_client(), 1)
    first = post(ana)
    admin.post(f"/admin/comments/{first['id']}/ladder", kind="shadow")
    post(ana, text="Tell me about replies.", notify=True)
    deliver(mail_app)
    assert smtp.inbox.to(ANA) == []
    with mail_app.app_context():
        assert storage.count_mail_since(ANA, ("confirm",), utcnow() - timedelta(days=1)) == 0


def test_a_shadow_banned_commenters_comment_fires_no_webhook_nor_feed_entry(hook_app, receiver):
    add_endpoint(hook_app, receiver.url, "all")
    admin = _moderator(hook_app)
    ana = reader(hook_app.test_client(), 1)
    first = post(ana)
    assert fired(hook_app, receiver) == ["comment.created", "comment.published"]
    admin.post(f"/admin/comments/{first['id']}/ladder", kind="shadow")
    shadow = post(ana, text="Shouting into the void.", notify=True)
    assert fired(hook_app, receiver) == []
    with hook_app.app_context():
        assert storage.find_comment(shadow["id"]).status == "shadow"
    feed = hook_app.test_client().get("/feeds/site.atom", query_string={"origin": ana.origin})
    assert feed.status_code == 200
    assert "Shouting into the void." not in feed.get_data(as_text=True)
    admin.moderate_one(shadow["id"], "approve")  # a moderator lets it out: now it is public
    assert fired(hook_app, receiver) == ["comment.published"]
