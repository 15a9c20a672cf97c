"""Notifications in a real browser: the widget's box, the confirmation page, the mail itself."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTICLE_PATH, Live, LiveServer, shot
from tests.browser.test_demo import run_axe
from tests.mailbox import html_part, text_part
from widget.demo.site import create_demo_site
from widget.sites.editing import register_site

pytestmark = pytest.mark.browser

NOTIFY = "Notify me of follow-up comments by email."
EMAIL = "lectora@example.org"


@pytest.fixture
def mail_live(app_factory, smtp):
    """Live servers whose service mails to the test's SMTP server, linking to itself."""
    # Links in mail lead to the live service (its port is known once it runs, below).
    app = app_factory(
        SMTP_URL=smtp.url,
        PUBLIC_URL="http://placeholder",
        TRUSTED_HOSTS=["comments.test", "localhost"],  # the browser, and the test client
        MAIL_SENDER="off",
    )
    service = LiveServer(app, "comments.test")
    app.config["PUBLIC_URL"] = service.url  # links in mail lead to this live service
    blog = LiveServer(create_demo_site(service.url), "blog.test")
    with app.app_context():
        register_site("Blog", [blog.url], "none")
    yield Live(app, service, blog, {})
    blog.stop()
    service.stop()


def deliver(app) -> None:
    result = app.test_cli_runner().invoke(args=["mail", "worker", "--once"])
    assert result.exit_code == 0, result.output


def test_without_mail_the_widget_offers_no_box(live, page):
    page.goto(live.article_url)
    widget = page.locator("#comments")
    expect(widget.get_by_role("heading", name="Leave a Reply")).to_be_visible()
    expect(widget.get_by_label(NOTIFY)).to_be_hidden()


def test_a_reader_subscribes_confirms_and_gets_a_reply(mail_live, page, smtp):
    page.goto(mail_live.article_url)
    widget = page.locator("#comments")
    box = widget.get_by_label(NOTIFY)
    expect(box).to_be_visible()
    expect(box).not_to_be_checked()
    assert run_axe(page) == []  # the box has its label, in the form's order
    widget.get_by_role("textbox", name="Comment", exact=True).fill("Tell me when you answer.")
    widget.get_by_role("textbox", name="Name", exact=True).fill("Lectora")
    widget.get_by_role("textbox", name="Email", exact=True).fill(EMAIL)
    box.check()
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_have_count(1)
    parent_id = int(widget.locator("article.comment").get_attribute("id").split("-")[-1])
    deliver(mail_live.app)
    (confirmation,) = smtp.inbox.messages
    link = re.search(r"http://comments\.test:\d+/mail/confirm/\S+", text_part(confirmation))
    page.goto(link.group(0))
    expect(page.get_by_role("heading", name="Confirm notifications")).to_be_visible()
    shot(page, "mail-confirm-page")
    page.get_by_role("button", name="Confirm notifications").click()
    expect(page.get_by_role("status")).to_have_text(re.compile("notifications are on"))

    text = (
        "Agreed, but read the **explainer** and [the report](https://example.net/report?id=7) "
        "<b>first</b>.\n\n> Intelligence sharing is the part that works."
    )
    replier = mail_live.api()
    response = replier.post_comment(
        url=mail_live.article_url,
        name="Ben",
        email="ben@example.org",
        text=text,
        parent_id=parent_id,
        title="Covert action, considered",
    )
    assert response.status_code == 201
    deliver(mail_live.app)
    mail = smtp.inbox.messages[-1]
    assert mail["To"] == EMAIL
    page.goto("about:blank")  # away from our pages and their Content-Security-Policy
    page.set_content(html_part(mail))
    # The reply's formatting, never its Markdown; its link's address shown as text.
    expect(page.locator("strong", has_text="explainer")).to_be_visible()
    expect(
        page.get_by_text("the report (https://example.net/report?id=7) <b>first</b>.")
    ).to_be_visible()
    expect(page.locator("blockquote")).to_have_text("Intelligence sharing is the part that works.")
    assert "**" not in page.content()
    hrefs = page.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert not any("example.net" in href for href in hrefs)  # never a link from the comment
    assert page.locator("img, script").count() == 0
    # The mail itself: contrast, language, link names (rules about a web page's landmarks
    # and headings do not apply to a mail body).
    page_rules = {"landmark-one-main", "region", "page-has-heading-one"}
    violations = [v for v in run_axe(page) if v["id"] not in page_rules]
    assert violations == [], violations
    page.set_viewport_size({"width": 680, "height": 440})
    shot(page, "mail-reply", full_page=True)


def test_the_spanish_widget_offers_the_box_in_spanish(mail_live, page):
    page.goto(mail_live.blog.url + ARTICLE_PATH + "?lang=es")
    widget = page.locator("#comments")
    expect(
        widget.get_by_label("Recibir un aviso por correo de los comentarios siguientes.")
    ).to_be_visible()
