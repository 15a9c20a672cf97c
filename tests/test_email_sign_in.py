"""Issue 23, §2: sign in by email against a real SMTP server (link once, 15 minutes, caps)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from tests.actions import ARTICLE, Api, csrf_token_in
from tests.conftest import BLOG
from tests.identity import sso_secret, sso_token
from tests.mailbox import link_to, text_part
from widget import storage
from widget.storage.models import EmailSignIn, utcnow

ROSA = "rosa.lectora@example.org"


def deliver(app) -> None:
    result = app.test_cli_runner().invoke(args=["mail", "worker", "--once"])
    assert result.exit_code == 0, result.output


def ask(app, email: str = ROSA, name: str = "Rosa Lectora", address="203.0.113.90", **body):
    """The widget's "Sign in with your email" (POST /api/session/email)."""
    reader = Api(app.test_client(), BLOG, address=address)
    payload = {"url": ARTICLE, "email": email, "name": name, **body}
    return reader.post("/api/session/email", json=payload)


def wait(app, poll: str, address="203.0.113.90"):
    """The asking tab's poll."""
    reader = Api(app.test_client(), BLOG, address=address)
    return reader.post("/api/session/email/wait", json={"url": ARTICLE, "poll": poll})


def press(app, path: str):
    """Open the mailed link and press its button."""
    browser = app.test_client()
    page = browser.get(path)
    assert page.status_code == 200, page.get_data(as_text=True)
    return browser.post(path, data={"csrf_token": csrf_token_in(page.get_data(as_text=True))})


def signed_in(app, smtp, email: str = ROSA, name: str = "Rosa Lectora") -> dict:
    poll = ask(app, email, name).get_json()["poll"]
    deliver(app)
    assert press(app, link_to(smtp.inbox.to(email)[-1], "/mail/sign-in/")).status_code == 200
    return wait(app, poll).get_json()


def bearer(app, credential: str) -> Api:
    return Api(app.test_client(), BLOG, headers={"Authorization": f"Bearer {credential}"})


def test_the_link_signs_in_the_waiting_tab_once(mail_app, smtp):
    asked = ask(mail_app)
    assert asked.status_code == 202 and asked.headers["Cache-Control"] == "no-store"
    poll = asked.get_json()["poll"]
    assert asked.get_json()["expires_in"] == 900
    assert wait(mail_app, poll).get_json() == {"status": "waiting"}
    deliver(mail_app)
    (mail,) = smtp.inbox.to(ROSA)
    assert mail["Subject"] == "Sign in to comment on Blog"
    assert "15 minutes" in text_part(mail)
    path = link_to(mail, "/mail/sign-in/")

    page = mail_app.test_client().get(path)  # a mail scanner's GET changes nothing
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "Rosa Lectora" in page.get_data(as_text=True)
    assert wait(mail_app, poll).get_json() == {"status": "waiting"}
    assert mail_app.test_client().post(path, data={}).status_code == 400  # no CSRF token

    done = press(mail_app, path)
    assert done.status_code == 200 and "You are signed in" in done.get_data(as_text=True)
    again = mail_app.test_client().get(path)
    assert again.status_code == 410 and "already used" in again.get_data(as_text=True)

    picked = wait(mail_app, poll).get_json()
    assert picked["status"] == "signed_in" and picked["credential"].startswith("email.")
    assert picked["user"]["name"] == "Rosa Lectora" and picked["user"]["kind"] == "email"
    assert picked["user"]["badges"] == [] and picked["user"]["staff"] is False
    assert ROSA not in str(picked)
    second = wait(mail_app, poll)  # only once
    assert second.status_code == 410 and second.get_json()["error"] == "sign_in_expired"


def test_a_reader_signed_in_by_email_comments_and_renames_like_an_sso_one(mail_app, smtp):
    credential = signed_in(mail_app, smtp)["credential"]
    rosa = bearer(mail_app, credential)
    session = rosa.post("/api/session", json={"url": ARTICLE})
    assert session.status_code == 200 and session.get_json()["user"]["kind"] == "email"
    posted = rosa.post_comment(name=..., email=..., text="Signed in by email.")
    assert posted.status_code == 201, posted.get_json()
    comment = posted.get_json()["comment"]
    assert comment["name"] == "Rosa Lectora" and comment["verified"] is True
    assert comment["badges"] == []

    # From another device: no edit token, the credential proves the author.
    edited = mail_app.test_client().patch(
        f"/api/comments/{comment['id']}",
        json={"text": "Edited from my phone."},
        headers={"Origin": BLOG, "Authorization": f"Bearer {credential}"},
    )
    assert edited.status_code == 200, edited.get_json()

    renamed = mail_app.test_client().patch(
        "/api/session",
        json={"url": ARTICLE, "name": "Rosa L."},
        headers={"Origin": BLOG, "Authorization": f"Bearer {credential}"},
    )
    assert renamed.status_code == 200 and renamed.get_json()["user"]["name"] == "Rosa L."
    posing = mail_app.test_client().patch(
        "/api/session",
        json={"url": ARTICLE, "name": "Staff"},
        headers={"Origin": BLOG, "Authorization": f"Bearer {credential}"},
    )
    assert posing.status_code == 400 and posing.get_json()["error"] == "name_reserved"
    later = rosa.post_comment(name=..., email=..., text="Under my new name.")
    assert later.get_json()["comment"]["name"] == "Rosa L."
    # Signing in again keeps the chosen name (the name asked for is a new reader's only).
    smtp.inbox.messages.clear()
    again = signed_in(mail_app, smtp, name="Somebody Else")
    assert again["user"]["name"] == "Rosa L."
    with mail_app.app_context():
        (user,) = storage.list_site_users_by_email(ROSA)
        assert user.kind == "email" and ROSA not in user.external_id
        assert storage.find_comment(comment["id"]).site_user_id == user.id


def test_the_link_expires_after_15_minutes(mail_app, smtp):
    polls = [ask(mail_app).get_json()["poll"], ask(mail_app).get_json()["poll"]]
    deliver(mail_app)
    paths = [link_to(mail, "/mail/sign-in/") for mail in smtp.inbox.to(ROSA)]
    with mail_app.app_context():  # the clock: one asked 14 minutes ago, one 16
        first, second = storage.db.session.query(EmailSignIn).order_by(EmailSignIn.id).all()
        first.created_at = utcnow() - timedelta(minutes=14)
        second.created_at = utcnow() - timedelta(minutes=16)
        storage.commit()
    assert press(mail_app, paths[0]).status_code == 200
    assert wait(mail_app, polls[0]).get_json()["status"] == "signed_in"
    expired = mail_app.test_client().get(paths[1])
    assert expired.status_code == 410 and "expired" in expired.get_data(as_text=True)
    assert wait(mail_app, polls[1]).status_code == 410


def test_caps_per_address_and_network_and_the_answer_never_differs(make_mail_app, smtp):
    app = make_mail_app(EMAIL_SIGN_INS_PER_NETWORK_PER_DAY=4)
    answers = [ask(app) for _ in range(4)]  # MAIL_CONFIRMATIONS_PER_DAY: 3 a day
    assert {a.status_code for a in answers} == {202}
    assert {tuple(sorted(a.get_json())) for a in answers} == {("expires_in", "poll")}
    deliver(app)
    assert len(smtp.inbox.to(ROSA)) == 3
    # A known commenter's address and a new one get the very same answer.
    Api(app.test_client(), BLOG, address="198.51.100.3").post_comment(email="known@example.org")
    known = ask(app, email="known@example.org", address="198.51.100.3")
    assert known.status_code == 202 and sorted(known.get_json()) == ["expires_in", "poll"]
    refused = ask(app, email="other@example.org")  # the network's fifth today
    assert refused.status_code == 429 and refused.get_json()["error"] == "rate_limited"
    assert "other@example.org" not in refused.get_data(as_text=True)
    assert ask(app, email="other@example.org", address="192.0.2.1").status_code == 202


def test_refusals(app, mail_app, runner, smtp):
    assert ask(app).get_json()["error"] == "email_sign_in_off"  # no mail: no links
    bad = ask(mail_app, email="not an address")
    assert bad.status_code == 400 and "email" in bad.get_json()["fields"]
    assert "name" in ask(mail_app, name="").get_json()["fields"]
    assert ask(mail_app, name="St4ff").get_json()["error"] == "name_reserved"
    assert wait(mail_app, "made-up").status_code == 410
    forged = bearer(mail_app, "email.WzEsImFiYyJd.forged").post(
        "/api/session", json={"url": ARTICLE}
    )
    assert forged.status_code == 401 and forged.get_json()["error"] == "sso_token_invalid"
    assert mail_app.test_client().get("/mail/sign-in/made-up").status_code == 400
    token = sso_token(sso_secret(mail_app.test_cli_runner(), BLOG)[0])
    site_named = mail_app.test_client().patch(  # an SSO reader's name is the site's
        "/api/session",
        json={"url": ARTICLE, "name": "Another"},
        headers={"Origin": BLOG, "Authorization": f"Bearer {token}"},
    )
    assert site_named.status_code == 403 and site_named.get_json()["error"] == "name_from_site"
    mail_app.test_cli_runner().invoke(args=["sites", "edit", BLOG, "--who-may-comment", "sso"])
    assert ask(mail_app).get_json()["error"] == "email_sign_in_off"


def test_the_mail_and_page_are_in_the_readers_language(mail_app, smtp):
    ask(mail_app, lang="es")
    deliver(mail_app)
    (mail,) = smtp.inbox.to(ROSA)
    assert mail["Subject"] == "Inicia sesión para comentar en Blog"
    page = mail_app.test_client().get(link_to(mail, "/mail/sign-in/"))
    assert 'lang="es"' in page.get_data(as_text=True)
    assert "Iniciar sesión" in page.get_data(as_text=True)


def test_privacy_export_and_erase_cover_the_requests_and_the_profile(mail_app, smtp):
    signed_in(mail_app, smtp)
    runner = mail_app.test_cli_runner()
    exported = runner.invoke(args=["privacy", "export", ROSA])
    assert exported.exit_code == 0, exported.output
    assert '"email_sign_ins"' in exported.output and '"asked_at"' in exported.output
    erased = runner.invoke(args=["privacy", "erase", ROSA, "--yes"])
    assert erased.exit_code == 0, erased.output
    with mail_app.app_context():
        assert storage.list_email_sign_ins_by_email(ROSA) == []
        assert storage.list_site_users_by_email(ROSA) == []


def _together(count: int, action) -> list:
    """`action(n)` from `count` threads released at once."""
    start = threading.Barrier(count)

    def run(number: int):
        start.wait()
        return action(number)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def test_pressed_together_the_link_signs_in_once_and_hands_over_once(mail_app, smtp):
    poll = ask(mail_app).get_json()["poll"]
    deliver(mail_app)
    path = link_to(smtp.inbox.to(ROSA)[-1], "/mail/sign-in/")
    browsers = [mail_app.test_client() for _ in range(4)]
    tokens = [csrf_token_in(b.get(path).get_data(as_text=True)) for b in browsers]
    pressed = _together(4, lambda n: browsers[n].post(path, data={"csrf_token": tokens[n]}))
    assert sorted(r.status_code for r in pressed) == [200, 410, 410, 410]
    picked = _together(4, lambda n: wait(mail_app, poll).get_json())
    assert [p.get("status") for p in picked].count("signed_in") == 1
    with mail_app.app_context():
        assert len(storage.list_site_users_by_email(ROSA)) == 1
