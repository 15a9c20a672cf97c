"""Issue 23 in Chromium: a subscriber signs in on the demo's own origin, posts with the
badge, edits from a second browser signed in as the same user, and signs out; the
signed-in form passes axe and works from the keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.test_demo import run_axe
from tests.browser.widget_page import shadow_active
from tests.identity import Reader, sso_token
from widget import storage
from widget.identity.sso_secret import ensure_secret

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_secret(live) -> str:
    """The demo site signs its readers' tokens with the blog's SSO secret."""
    with live.app.app_context():
        secret = ensure_secret(storage.find_site_by_origin(live.blog.url)).current
    live.blog.server.app.config["DEMO_SSO_SECRET"] = secret
    return secret


def _context_page(browser, errors: list[str]):
    context = browser.new_context()
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page


def _sign_in_on_the_demo(page, live, name: str = "Rosa Lectora") -> None:
    page.goto(live.article_url)
    page.get_by_role("link", name="Subscriber sign-in").click()
    page.get_by_role("textbox", name="Name").fill(name)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live.article_url)


def test_a_subscriber_posts_edits_from_another_browser_and_signs_out(live, browser, demo_secret):
    errors: list[str] = []
    first, page = _context_page(browser, errors)
    page.goto(live.article_url)
    widget = page.locator("#comments")
    # A guest sees the way in, and the guest form.
    expect(widget.get_by_role("link", name="Sign in to comment")).to_be_visible()
    expect(widget.get_by_role("textbox", name="Name", exact=True)).to_be_visible()
    _sign_in_on_the_demo(page, live)
    widget = page.locator("#comments")
    expect(widget.locator(".as")).to_contain_text("Commenting as Rosa Lectora")
    expect(widget.locator(".as .badge")).to_have_text("Subscriber")
    expect(widget.get_by_role("textbox", name="Name", exact=True)).to_be_hidden()
    expect(widget.get_by_role("textbox", name="Email", exact=True)).to_be_hidden()
    assert run_axe(page) == []
    widget.get_by_role("textbox", name="Comment", exact=True).fill("Signed in, as promised.")
    widget.get_by_role("button", name="Post Comment").click()
    posted = widget.locator("article.comment", has_text="Signed in, as promised.")
    expect(posted).to_be_visible()
    expect(posted.locator(".author")).to_have_text("Rosa Lectora")
    expect(posted.locator(".badge")).to_have_text("Subscriber")
    shot(widget, "sign-in-posted")

    # A second browser, signed in as the same user: her comment is hers to edit there.
    second, other = _context_page(browser, errors)
    _sign_in_on_the_demo(other, live)
    there = other.locator("#comments").locator("article.comment", has_text="as promised")
    there.get_by_role("button", name="Edit: Rosa Lectora").click()
    box = other.locator("#comments").get_by_role("textbox", name="Edit your comment")
    box.fill("Edited from my phone.")
    other.locator("#comments").get_by_role("button", name="Save").click()
    expect(other.locator("#comments")).to_contain_text("Edited from my phone.")
    # Signing out in the widget brings the guest form back.
    other.locator("#comments").get_by_role("button", name="Sign out").click()
    expect(
        other.locator("#comments").get_by_role("textbox", name="Name", exact=True)
    ).to_be_visible()
    expect(other.locator("#comments").locator(".status").first).to_contain_text("signed out")
    second.close()
    first.close()
    assert errors == []


def test_the_signed_in_form_works_from_the_keyboard(live, page, demo_secret):
    page.goto(live.article_url)
    page.get_by_role("link", name="Subscriber sign-in").focus()
    page.keyboard.press("Enter")
    page.get_by_role("textbox", name="Name").focus()
    page.keyboard.type("Teclado Lector")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live.article_url)
    widget = page.locator("#comments")
    expect(widget.locator(".as")).to_contain_text("Teclado Lector")
    widget.get_by_role("textbox", name="Comment", exact=True).focus()
    page.keyboard.type("Typed without a mouse.")
    for _ in range(12):  # Tab on to the Post Comment button
        page.keyboard.press("Tab")
        if shadow_active(page).get("cls") == "submit":
            break
    page.keyboard.press("Enter")
    expect(widget.locator("article.comment", has_text="Typed without a mouse.")).to_be_visible()


def test_a_site_for_signed_in_readers_shows_the_way_in_instead_of_the_form(live, page, demo_secret):
    with live.app.app_context():
        site = storage.find_site_by_origin(live.blog.url)
        site.who_may_comment = "sso"
        storage.commit()
    page.goto(live.article_url)
    widget = page.locator("#comments")
    expect(widget.locator(".gate")).to_contain_text("Only signed-in readers can comment here.")
    expect(widget.get_by_role("textbox", name="Comment", exact=True)).to_be_hidden()
    assert run_axe(page) == []
    _sign_in_on_the_demo(page, live)
    expect(
        page.locator("#comments").get_by_role("textbox", name="Comment", exact=True)
    ).to_be_visible()


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("fr", ["Abonné", "Founder"]),
        ("pt-PT", ["Assinante", "Founder"]),
        ("de", ["Subscriber", "Founder"]),
    ],
)
def test_badges_are_named_in_the_pages_language(live, page, demo_secret, lang, labels):
    """Its own label, else its fallback's (pt-PT: pt-BR), else English: on a comment and by
    the signed-in reader's name (embed-sign-in.js)."""
    with live.app.app_context():
        site = storage.find_site_by_origin(live.blog.url)
        site.badge_labels = "subscriber = Subscriber | Suscriptor | fr: Abonné | pt_BR: Assinante"
        storage.commit()
    token = sso_token(demo_secret, badges=["subscriber", "founder"])
    url = live.host_page(f"badges-{lang}", lang=lang, script_attrs=f'data-sso-token="{token}"')
    reader = Reader(live.app.test_client(), live.blog.url, token)
    assert reader.post_as_signed_in(url=url, text="Signed in.").status_code == 201
    page.goto(url)
    widget = page.locator("#comments")
    expect(widget.locator("article.comment .badge")).to_have_text(labels)
    expect(widget.locator(".as .badge")).to_have_text(labels)
