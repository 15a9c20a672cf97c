"""Issue 23 §2 in Chromium: sign in with your email, the link opened in another browser, the
waiting tab signed in by itself; axe 0 on the link's page; the whole way by keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.test_demo import run_axe
from tests.browser.test_mail import deliver, mail_live  # noqa: F401 - the fixture
from tests.browser.widget_page import shadow_active
from tests.mailbox import text_part
from widget import storage

pytestmark = pytest.mark.browser

EMAIL = "rosa.lectora@example.org"


def _verified_only(live) -> None:
    with live.app.app_context():
        storage.find_site_by_origin(live.blog.url).who_may_comment = "verified"
        storage.commit()


def _link(live, smtp) -> str:
    deliver(live.app)
    (mail,) = smtp.inbox.messages
    return re.search(r"http://comments\.test:\d+/mail/sign-in/\S+", text_part(mail)).group(0)


def test_sign_in_by_email_in_another_browser_then_post(mail_live, page, browser, smtp):  # noqa: F811
    _verified_only(mail_live)
    page.goto(mail_live.article_url)
    widget = page.locator("#comments")
    expect(widget.locator(".gate")).to_contain_text("Only signed-in readers can comment here.")
    widget.get_by_role("button", name="Sign in with your email").click()
    widget.get_by_role("textbox", name="Name", exact=True).last.fill("Rosa Lectora")
    widget.get_by_role("textbox", name="Email", exact=True).last.fill(EMAIL)
    widget.get_by_role("button", name="Email me a link").click()
    expect(widget.locator(".status").first).to_contain_text("Check your mail")
    assert run_axe(page) == []

    # The mail opens on the reader's phone: another browser, no storage shared with this one.
    phone = browser.new_context(bypass_csp=True)  # for axe's script tag
    mail_page = phone.new_page()
    mail_page.goto(_link(mail_live, smtp))
    expect(mail_page.get_by_role("heading", name="Sign in to comment")).to_be_visible()
    assert run_axe(mail_page) == []
    shot(mail_page, "email-sign-in-page")
    mail_page.get_by_role("button", name="Sign in").click()
    expect(mail_page.locator(".notice")).to_contain_text("You are signed in")
    phone.close()

    expect(widget.locator(".as")).to_contain_text("Commenting as Rosa Lectora", timeout=15000)
    widget.get_by_role("textbox", name="Comment", exact=True).fill("Signed in by email.")
    widget.get_by_role("button", name="Post Comment").click()
    posted = widget.locator("article.comment", has_text="Signed in by email.")
    expect(posted.locator(".author")).to_have_text("Rosa Lectora")
    # A reload keeps the sign-in (the credential in this page's own storage); then a new name.
    page.reload()
    widget.get_by_role("button", name="Change name").click()
    widget.get_by_role("textbox", name="Name", exact=True).first.fill("Rosa L.")
    widget.get_by_role("button", name="Save").click()
    expect(widget.locator(".as")).to_contain_text("Commenting as Rosa L.")
    widget.get_by_role("button", name="Sign out").click()
    expect(widget.get_by_role("button", name="Sign in with your email")).to_be_visible()


def _tab_to(page, name: str, tries: int = 30) -> None:
    for _ in range(tries):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.getElementById('comments').shadowRoot.activeElement;"
            " return e ? (e.textContent || e.getAttribute('aria-label') || '') : '' }"
        )
        if focused.strip() == name:
            return
    raise AssertionError(f"never reached {name!r} with Tab")


def test_sign_in_by_email_from_the_keyboard(mail_live, page, smtp):  # noqa: F811
    _verified_only(mail_live)
    page.goto(mail_live.article_url)
    widget = page.locator("#comments")
    expect(widget.get_by_role("button", name="Sign in with your email")).to_be_visible()
    _tab_to(page, "Sign in with your email")
    page.keyboard.press("Enter")
    assert shadow_active(page)["id"] == "m-name"
    page.keyboard.type("Teclado Lector")
    page.keyboard.press("Tab")
    page.keyboard.type(EMAIL)
    page.keyboard.press("Enter")
    expect(widget.locator(".status").first).to_contain_text("Check your mail")

    mail_page = page.context.new_page()
    mail_page.goto(_link(mail_live, smtp))
    mail_page.keyboard.press("Tab")
    for _ in range(10):
        if mail_page.evaluate("() => document.activeElement.textContent.trim()") == "Sign in":
            break
        mail_page.keyboard.press("Tab")
    mail_page.keyboard.press("Enter")
    expect(mail_page.locator(".notice")).to_contain_text("You are signed in")
    mail_page.close()
    expect(widget.locator(".as")).to_contain_text("Teclado Lector", timeout=15000)


def test_where_guests_comment_too_the_way_in_sits_beside_the_form(mail_live, page):  # noqa: F811
    page.goto(mail_live.article_url)  # the demo names its sign-in page: the file loads
    widget = page.locator("#comments")
    widget.get_by_role("button", name="Sign in with your email").click()
    expect(widget.get_by_role("button", name="Email me a link")).to_be_visible()
    expect(widget.get_by_role("textbox", name="Comment", exact=True)).to_be_visible()
    assert run_axe(page) == []
    shot(widget, "email-sign-in-widget")
