"""Reply notifications against a real SMTP server: opt-in, what is mailed, unsubscribing."""

from __future__ import annotations

import re

import pytest

from tests.actions import ARTICLE, Admin, Api, csrf_token_in
from tests.conftest import BLOG, MODERATOR_EMAIL, MODERATOR_PASSWORD
from tests.mailbox import PUBLIC_URL, html_part, link_to, text_part
from widget import storage
from widget.accounts.moderators import create_moderator

ANA = "ana.reader@example.org"
BEN = "ben.replier@example.org"


def deliver(app) -> None:
    """What the sender does: `flask mail worker --once`."""
    result = app.test_cli_runner().invoke(args=["mail", "worker", "--once"])
    assert result.exit_code == 0, result.output


def reader(app, address: str = "203.0.113.77") -> Api:
    return Api(app.test_client(), origin=BLOG, address=address)


def subscribe(app, smtp, email: str = ANA, lang: str = "en", **fields) -> int:
    """Post with the box ticked, open the confirmation link, press its button; the comment id."""
    ana = reader(app)
    posted = ana.post_comment(email=email, notify=True, lang=lang, **fields)
    assert posted.status_code == 201
    deliver(app)
    confirm_mail = smtp.inbox.to(email)[-1]
    confirm(app.test_client(), link_to(confirm_mail, "/mail/confirm/"))
    return posted.get_json()["comment"]["id"]


def confirm(client, path: str):
    page = client.get(path)
    assert page.status_code == 200
    return client.post(path, data={"csrf_token": csrf_token_in(page.get_data(as_text=True))})


def reply(app, parent_id: int, email: str = BEN, **fields):
    ben = reader(app, address="198.51.100.9")
    body = {"name": "Ben Replier", "text": "I see it differently.", **fields}
    response = ben.post_comment(email=email, parent_id=parent_id, **body)
    assert response.status_code == 201
    return response.get_json()["comment"]


def test_the_widget_offers_notifications_only_when_mail_is_on(app, mail_app):
    assert Api(app.test_client(), BLOG).thread().get_json()["notifications"] is False
    assert Api(mail_app.test_client(), BLOG).thread().get_json()["notifications"] is True
    plain = app.test_client().get("/threads", query_string={"url": ARTICLE}).get_data(as_text=True)
    assert 'name="notify"' not in plain
    page = mail_app.test_client().get("/threads", query_string={"url": ARTICLE, "lang": "es"})
    assert "Recibir un aviso por correo de los comentarios siguientes." in page.get_data(True)


def test_notify_must_be_a_boolean(mail_app):
    response = reader(mail_app).post_comment(notify="yes")
    assert response.status_code == 400
    assert response.get_json()["fields"]["notify"] == ["Must be true or false."]


def test_opt_in_confirms_only_on_the_pages_post(mail_app, smtp):
    ana = reader(mail_app)
    first = ana.post_comment(email=ANA, notify=True).get_json()["comment"]["id"]
    deliver(mail_app)
    (mail,) = smtp.inbox.messages
    assert mail["To"] == ANA and mail["Subject"] == "Confirm reply notifications from Blog"
    assert "border-talks" not in mail["Subject"]
    path = link_to(mail, "/mail/confirm/")
    assert PUBLIC_URL + path in text_part(mail) and PUBLIC_URL + path in html_part(mail)

    browser = mail_app.test_client()
    page = browser.get(path)  # what a mail scanner does: it must change nothing
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "Confirm notifications" in page.get_data(as_text=True)
    assert 'method="post"' in page.get_data(as_text=True)
    reply(mail_app, first)
    deliver(mail_app)
    assert len(smtp.inbox.messages) == 1, "an unconfirmed address got more than the confirmation"

    refused = browser.post(path, data={})  # a POST without the page's CSRF token
    assert refused.status_code == 400
    done = confirm(browser, path)
    assert done.status_code == 200 and "notifications are on" in done.get_data(as_text=True)
    with mail_app.app_context():
        assert storage.find_mail_address(ANA).confirmed_at is not None

    reply(mail_app, first, text="Now you hear about it.")
    deliver(mail_app)
    assert [m["Subject"] for m in smtp.inbox.to(ANA)][-1].startswith("Ben Replier replied")


def test_a_reply_mail_says_who_what_where_and_nothing_private(mail_app, smtp):
    parent = subscribe(mail_app, smtp, title="Border talks")
    text = "Read https://evil.example/x?a=1 <b>now</b> & [this](https://evil.example/y)"
    answer = reply(mail_app, parent, name="Ben <Replier>", text=text, website="https://ben.example")
    deliver(mail_app)
    mail = smtp.inbox.to(ANA)[-1]
    assert mail["Subject"] == "Ben <Replier> replied to your comment on “Border talks”"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(
        re.escape(f"<{PUBLIC_URL}/mail/unsubscribe/") + r"\S+>", mail["List-Unsubscribe"]
    )
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail.is_multipart() and mail.get_content_type() == "multipart/alternative"
    plain, html = text_part(mail), html_part(mail)
    link = f"{ARTICLE.rstrip('/')}#comment-{answer['id']}"  # the canonical URL
    # The text part: the words as readers saw them, without Markdown's marks.
    assert "Read https://evil.example/x?a=1 <b>now</b> & this (https://evil.example/y)" in plain
    assert "[this]" not in plain and link in plain
    assert f'href="{link}"' in html
    # The reply in the HTML part: its safe HTML, escaped text; its URLs shown, never linked.
    assert "&lt;b&gt;now&lt;/b&gt; &amp; this (https://evil.example/y)" in html
    assert "https://evil.example/x?a=1" in html
    assert 'href="https://evil' not in html and "<b>" not in html
    assert "Ben &lt;Replier&gt;" in html
    for private in (BEN, ANA, "ben.example", "198.51.100", "203.0.113"):
        assert private not in plain and private not in html, private
    # Only our links and the article's: no image, no pixel, nothing loaded from elsewhere.
    assert "<img" not in html and "src=" not in html
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs and all(h.startswith((PUBLIC_URL + "/mail/", ARTICLE.rstrip("/"))) for h in hrefs)


def test_the_mail_pages_name_the_site_and_lead_back_to_the_article(mail_app, smtp):
    posted = reader(mail_app).post_comment(email=ANA, notify=True, title="Border talks")
    deliver(mail_app)
    path = link_to(smtp.inbox.to(ANA)[-1], "/mail/confirm/")
    browser = mail_app.test_client()
    page = browser.get(path).get_data(as_text=True)
    assert '<p class="site-name">Blog</p>' in page and "<title>Confirm notifications · Blog" in page
    done = confirm(browser, path).get_data(as_text=True)
    assert '<p class="site-name">Blog</p>' in done
    article = ARTICLE.rstrip("/")  # canonical
    assert f'<a href="{article}">← Back to the article: Border talks</a>' in done
    reply(mail_app, posted.get_json()["comment"]["id"])
    deliver(mail_app)
    mail = smtp.inbox.to(ANA)[-1]
    for prefix in ("/mail/unsubscribe/",):
        every = [p for p in re.findall(r"/mail/unsubscribe/\S+", text_part(mail))]
        for link in every:  # this article's, and everything's: both name the site
            page = browser.get(link).get_data(as_text=True)
            assert '<p class="site-name">Blog</p>' in page, prefix
    done = browser.post(every[-1], data={"List-Unsubscribe": "One-Click"}).get_data(as_text=True)
    assert "Done: we will not mail you notifications any more." in done
    assert f'<a href="{article}">' in done


def test_a_reply_mail_shows_formatting_not_markdown(mail_app, smtp):
    parent = subscribe(mail_app, smtp)
    text = "The **explainer** is *worth* it:\n\n> quoted words\n\n- one\n- two\n\n`code`"
    reply(mail_app, parent, text=text)
    deliver(mail_app)
    mail = smtp.inbox.to(ANA)[-1]
    plain, html = text_part(mail).replace("\r\n", "\n"), html_part(mail)
    assert "The explainer is worth it:" in plain
    assert "│ quoted words" in plain and "• one\n• two" in plain
    for mark in ("**", "*worth*", "> quoted", "- one", "`"):
        assert mark not in plain, mark
    assert "<strong>explainer</strong>" in html and "<em>worth</em>" in html
    assert "<blockquote" in html and "<li>one</li>" in html and "<code" in html
    assert "**" not in html


def test_mail_is_in_the_subscribers_language(mail_app, smtp):
    parent = subscribe(mail_app, smtp, lang="es", title="Conversaciones")
    confirm_mail = smtp.inbox.to(ANA)[0]
    assert confirm_mail["Subject"] == "Confirma los avisos de respuestas de Blog"
    assert "Para confirmarlo" in text_part(confirm_mail)
    reply(mail_app, parent)
    deliver(mail_app)
    mail = smtp.inbox.to(ANA)[-1]
    assert mail["Subject"] == "Ben Replier respondió a tu comentario en «Conversaciones»"
    assert "Léelo y responde en el artículo" in text_part(mail)
    assert 'lang="es"' in html_part(mail)
    unsubscribe_page = mail_app.test_client().get(link_to(mail, "/mail/unsubscribe/"))
    assert "Dejar de recibir avisos de este artículo" in unsubscribe_page.get_data(as_text=True)


def test_no_mail_for_ones_own_reply_nor_a_reply_to_someone_else(mail_app, smtp):
    parent = subscribe(mail_app, smtp)
    reply(mail_app, parent, email=ANA, name="Ana Reader")
    other = reader(mail_app, "192.0.2.1").post_comment(email="carl@example.org")
    reply(mail_app, other.get_json()["comment"]["id"])
    deliver(mail_app)
    assert len(smtp.inbox.to(ANA)) == 1  # the confirmation only


def test_a_held_reply_is_mailed_only_when_approved(mail_app, smtp):
    parent = subscribe(mail_app, smtp)
    with mail_app.app_context():
        storage.find_site(1).moderation = "all"
        storage.commit()
        create_moderator(MODERATOR_EMAIL, MODERATOR_PASSWORD)
    held = reply(mail_app, parent)
    assert held["status"] == "pending"
    deliver(mail_app)
    assert len(smtp.inbox.to(ANA)) == 1
    admin = Admin(mail_app.test_client())
    admin.login(MODERATOR_EMAIL, MODERATOR_PASSWORD)
    admin.moderate("spam", held["id"])
    deliver(mail_app)
    assert len(smtp.inbox.to(ANA)) == 1, "a reply marked spam was mailed"
    admin.moderate("approve", held["id"])
    admin.moderate("hold", held["id"])
    admin.moderate("approve", held["id"])  # approved twice: still one mail
    deliver(mail_app)
    mails = smtp.inbox.to(ANA)
    assert len(mails) == 2 and mails[-1]["Subject"].startswith("Ben Replier replied")


def test_one_click_unsubscribe_stops_the_threads_mail(mail_app, smtp):
    parent = subscribe(mail_app, smtp)
    reply(mail_app, parent)
    deliver(mail_app)
    mail = smtp.inbox.to(ANA)[-1]
    url = mail["List-Unsubscribe"].strip("<>")
    assert url.startswith(PUBLIC_URL)
    path = url[len(PUBLIC_URL) :]
    client = mail_app.test_client()
    page = client.get(path)  # a GET shows a page with buttons, and does nothing
    assert page.status_code == 200 and "Stop mail about this article" in page.get_data(True)
    # RFC 8058: the mail client posts this body, with no cookie and no CSRF token.
    done = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    reply(mail_app, parent, text="Nobody hears this one.")
    other = reader(mail_app).post_comment(url=ARTICLE + "other/", email=ANA, notify=True)
    other_thread = other.get_json()["comment"]["id"]
    deliver(mail_app)
    assert len(smtp.inbox.to(ANA)) == 2, "a confirmed address was asked to confirm again"
    reply(mail_app, other_thread, url=ARTICLE + "other/")
    deliver(mail_app)
    subjects = [m["Subject"] for m in smtp.inbox.to(ANA)]
    assert len(subjects) == 3, subjects  # the other thread still notifies


def test_unsubscribing_from_everything(mail_app, smtp):
    parent = subscribe(mail_app, smtp)
    reply(mail_app, parent)
    deliver(mail_app)
    mail = smtp.inbox.to(ANA)[-1]
    everything = [p for p in re.findall(r"/mail/unsubscribe/\S+", text_part(mail))][-1]
    client = mail_app.test_client()
    page = client.get(everything).get_data(as_text=True)
    assert "Stop all mail" in page and "Stop mail about this article" not in page
    assert client.post(everything, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    reply(mail_app, parent, text="Unheard.")
    deliver(mail_app)
    assert len(smtp.inbox.to(ANA)) == 2
    with mail_app.app_context():
        assert storage.find_mail_address(ANA).confirmed_at is None


def test_at_most_three_confirmation_mails_a_day(mail_app, smtp):
    ana = reader(mail_app)
    for n in range(5):
        url = f"{ARTICLE}{n}/"
        assert ana.post_comment(url=url, email=ANA, notify=True).status_code == 201
    assert ana.post_comment(email="someone.else@example.org", notify=True).status_code == 201
    deliver(mail_app)
    assert len(smtp.inbox.to(ANA)) == 3
    assert len(smtp.inbox.to("someone.else@example.org")) == 1
    # Counted from stored rows: another instance on the same database agrees.
    second = Api(mail_app.test_client(), BLOG, address="192.0.2.200")
    second.post_comment(url=f"{ARTICLE}9/", email=ANA, notify=True)
    deliver(mail_app)
    assert len(smtp.inbox.to(ANA)) == 3


def test_a_post_kept_as_spam_gets_no_mail(mail_app, smtp):
    response = reader(mail_app).post_comment(email=ANA, notify=True, homepage="http://bot")
    assert response.status_code == 201
    deliver(mail_app)
    assert smtp.inbox.messages == []


def test_mail_links_refuse_tampering(mail_app, smtp):
    subscribe(mail_app, smtp)
    path = link_to(smtp.inbox.to(ANA)[0], "/mail/confirm/")
    client = mail_app.test_client()
    for bad in (
        path[:-2] + ("AA" if not path.endswith("AA") else "BB"),
        "/mail/confirm/x",
        "/mail/unsubscribe/x",
        "/mail/unsubscribe/" + path.rsplit("/", 1)[1],
    ):
        assert client.get(bad).status_code == 400, bad
        assert client.post(bad, data={"List-Unsubscribe": "One-Click"}).status_code == 400


def test_a_title_cannot_add_headers(mail_app, smtp):
    parent = subscribe(mail_app, smtp, title="Talks\r\nBcc: victim@example.net\r\n\r\nHi")
    reply(mail_app, parent)
    deliver(mail_app)
    mail = smtp.inbox.to(ANA)[-1]
    assert mail["Bcc"] is None and "victim" not in str(mail["To"])
    assert smtp.inbox.envelopes[-1][1] == [ANA]
    assert "\n" not in mail["Subject"] and "Bcc" in mail["Subject"]


def test_the_plain_form_offers_the_box_and_subscribes(mail_app, smtp):
    client = mail_app.test_client()
    page = client.get(
        "/threads", query_string={"url": ARTICLE}, environ_base={"REMOTE_ADDR": "203.0.113.5"}
    ).get_data(as_text=True)
    assert 'id="notify" name="notify" type="checkbox"' in page
    assert "Notify me of follow-up comments by email." in page
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    form = {
        **hidden,
        "csrf_token": csrf_token_in(page),
        "name": "Ana Reader",
        "email": ANA,
        "text": "Without JavaScript.",
        "notify": "y",
    }
    response = client.post("/threads", data=form, environ_base={"REMOTE_ADDR": "203.0.113.5"})
    assert response.status_code == 303
    deliver(mail_app)
    assert [m["Subject"] for m in smtp.inbox.messages] == ["Confirm reply notifications from Blog"]


@pytest.mark.parametrize("field", ["name", "title"])
def test_header_text_never_holds_a_line_break(mail_app, field):
    from widget.mail.compose import header_text

    for value in ("a\r\nb", "a\nb", "a\rb", "a\u2028b", "a\x85b", "a\x00b"):
        assert header_text(value) == "a b", (field, value)
