"""Moderation end to end: a held comment, a moderator's approval, the reader sees it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.test_demo import THREAD, TITLE
from widget import storage
from widget.accounts.moderators import create_moderator

pytestmark = pytest.mark.browser

MODERATOR = ("editor@border-ledger.example", "a long moderation passphrase")


def sign_in(page, live) -> None:
    page.goto(live.service.url + "/admin/")
    expect(page).to_have_url(f"{live.service.url}/admin/login?next=/admin/")
    page.get_by_label("Email").fill(MODERATOR[0])
    page.get_by_label("Password").fill(MODERATOR[1])
    page.get_by_role("button", name="Sign in").click()


def seed_queue(live) -> None:
    """Four held comments from people nobody has approved yet."""
    for name, website, text, _ in THREAD:
        live.api().post_comment(
            url=live.article_url,
            name=name,
            website=website or ...,
            text=text,
            email=name.split()[0].lower() + "@example.org",
            title=TITLE,
        )


@pytest.fixture
def first_moderated(live):
    """The demo site holds a commenter's comments until one of theirs is approved."""
    with live.app.app_context():
        storage.find_site_by_origin(live.blog.url).moderation = "first"
        storage.commit()
        create_moderator(*MODERATOR)
    return live


def test_a_held_comment_is_approved_and_the_reader_sees_it(first_moderated, page, browser):
    live = first_moderated
    page.goto(live.article_url)
    widget = page.locator("#comments")
    widget.get_by_role("textbox", name="Comment", exact=True).fill("My first comment here.")
    widget.get_by_role("textbox", name="Name", exact=True).fill("Nueva Lectora")
    widget.get_by_role("textbox", name="Email", exact=True).fill("nueva@example.org")
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_contain_text(
        "Your comment is awaiting moderation."
    )

    moderator = browser.new_page()
    sign_in(moderator, live)
    expect(moderator.get_by_role("heading", name="Waiting for moderation")).to_be_visible()
    expect(moderator.get_by_role("link", name="Queue")).to_contain_text("1")
    row = moderator.locator("li.item", has_text="My first comment here.")
    expect(row).to_contain_text("nueva@example.org")  # moderators see the email
    row.get_by_role("button", name="Approve").click()
    expect(moderator.get_by_role("status")).to_have_text("Approved: 1 comment.")
    expect(moderator.get_by_text("Nothing is waiting.")).to_be_visible()
    moderator.close()

    page.reload()
    expect(widget.get_by_role("heading", name="1 comment")).to_be_visible()
    expect(widget.locator("article.comment")).to_contain_text("My first comment here.")
    expect(widget.get_by_text("Your comment is awaiting moderation.")).to_have_count(0)


def test_the_queue_at_a_glance(first_moderated, page):
    live = first_moderated
    seed_queue(live)
    live.api().post_comment(
        url=live.article_url,
        name="Bot 4821",
        email="bot@spam.example",
        text="Cheap pills at https://spam.example/a and https://spam.example/b",
    )
    page.set_viewport_size({"width": 1000, "height": 1100})
    sign_in(page, live)
    expect(page.locator("li.item")).to_have_count(5)
    path = shot(page, "admin-queue", full_page=True)
    assert path.stat().st_size > 10_000
    page.locator("li.item", has_text="Cheap pills").get_by_role("checkbox").check()
    page.get_by_role("group", name="Act on the selected comments").get_by_role(
        "button", name="Spam"
    ).click()
    expect(page.get_by_role("status")).to_have_text("Marked as spam: 1 comment.")
    expect(page.locator("li.item")).to_have_count(4)


def test_the_admin_on_a_phone(first_moderated, page):
    live = first_moderated
    seed_queue(live)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live)
    expect(page.locator("li.item")).to_have_count(4)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390  # nothing forces sideways scrolling
    shot(page, "admin-queue-phone", full_page=True)
