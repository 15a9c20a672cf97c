"""Newsroom moderation in Chromium: a reader reports from the widget, featured comments come
first under their heading, staff replies wear the badge; the new pages pass axe-core."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.test_admin import MODERATOR, sign_in
from tests.browser.test_demo import THREAD, TITLE, run_axe, seed_thread
from widget import storage
from widget.accounts.moderators import create_moderator
from widget.moderation import newsroom
from widget.storage.models import Comment
from widget.storage.models.newsroom import Report

pytestmark = pytest.mark.browser


def _comment_ids(live) -> list[int]:
    with live.app.app_context():
        return [c.id for c in storage.db.session.query(Comment).order_by(Comment.id)]


@pytest.fixture
def newsroom_thread(live):
    """The demo thread, a moderator, the second comment featured and a staff reply to it."""
    seed_thread(live, live.article_url)
    with live.app.app_context():
        moderator = create_moderator(*MODERATOR)
        moderator.display_name = "Marta Ruiz"
        storage.commit()
        second = storage.find_comment(_comment_ids(live)[1])
        newsroom.set_featured(moderator, second, True)
        newsroom.reply_as_staff(
            moderator, second, "Congress is briefed on Thursday; we will report."
        )
    return live


def test_a_reader_reports_a_comment_from_the_widget(live, page):
    seed_thread(live, live.article_url)
    page.goto(live.article_url)
    widget = page.locator("#comments")
    expect(widget.locator("article.comment")).to_have_count(4)
    widget.get_by_role("button", name="Report: Daniel Okafor").click()
    dialog = widget.get_by_role("dialog", name="Report a comment")
    expect(dialog).to_be_visible()
    illegal = dialog.get_by_role("link", name="Illegal content? Send a legal notice instead.")
    comment_id = _comment_ids(live)[1]
    expect(illegal).to_have_attribute(
        "href", f"{live.service.url}/notices/new?comment={comment_id}&lang=en"
    )
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)
    shot(widget, "widget-report-dialog")
    # Nothing chosen beforehand; the button names what will be sent (issue 20, item 6).
    for reason in ("Spam", "Abuse or harassment", "Off topic"):
        expect(dialog.get_by_role("radio", name=reason)).not_to_be_checked()
    dialog.get_by_role("button", name="Send the report").click()
    expect(dialog.get_by_role("status")).to_have_text("Please choose a reason.")
    dialog.get_by_role("radio", name="Abuse or harassment").check()
    dialog.get_by_role("button", name="Report as abuse or harassment").click()
    # The thanks show at the comment, where the reader is (item 5).
    thanks = widget.locator(f"#comment-{comment_id}").get_by_role("status")
    expect(thanks).to_have_text("Thank you. Moderators will look at it; the report is anonymous.")
    expect(thanks).to_be_in_viewport()
    expect(dialog).to_have_count(0)
    focused = page.evaluate(
        "() => document.getElementById('comments').shadowRoot.activeElement.textContent"
    )
    assert focused == "Report"  # back where the reader was
    with live.app.app_context():
        assert storage.report_summaries([comment_id]) == {comment_id: {"abuse": 1}}
        voter = storage.db.session.query(Report.voter_key).scalar()
        assert voter and len(voter) == 64  # the widget's voter id, hashed


def test_featured_comments_come_first_and_staff_replies_wear_the_badge(newsroom_thread, page):
    live = newsroom_thread
    page.set_viewport_size({"width": 900, "height": 1400})
    page.goto(live.article_url)
    widget = page.locator("#comments")
    expect(widget.locator("article.comment")).to_have_count(6)  # 5, and the featured copy
    featured = widget.get_by_role("region", name="Featured")
    expect(featured).to_be_visible()
    expect(featured).to_contain_text(THREAD[1][2][:40])
    # The featured section comes before the thread, and the comment keeps its place too.
    order = page.evaluate(
        """() => [...document.getElementById('comments').shadowRoot
            .querySelectorAll('section.feat, ol.list:not(.replies) > li')].map(e => e.tagName)"""
    )
    assert order[0] == "SECTION"
    in_place = widget.locator(f"#comment-{_comment_ids(live)[1]}")
    expect(in_place.locator(".badge")).to_have_text("Featured")
    staff = widget.locator("article.comment", has_text="Congress is briefed")
    expect(staff.locator(".author")).to_have_text("Marta Ruiz")
    expect(staff.locator(".badge")).to_have_text("Staff")
    expect(staff.get_by_role("button", name="Report: Marta Ruiz")).to_have_count(0)
    shot(widget, "widget-featured-staff")
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)


def test_the_sites_staff_label_and_spanish(newsroom_thread, page):
    live = newsroom_thread
    with live.app.app_context():
        storage.find_site_by_origin(live.blog.url).staff_label = "La Gaceta de la Frontera"
        storage.commit()
    url = live.host_page("es", lang="es", script_attrs=f'data-url="{live.article_url}"')
    page.goto(url)
    widget = page.locator("#comments")
    expect(widget.get_by_role("region", name="Destacados")).to_be_visible()
    staff = widget.locator("article.comment", has_text="Congress is briefed")
    expect(staff.locator(".badge")).to_have_text("La Gaceta de la Frontera")
    expect(widget.get_by_role("button", name="Denunciar: Daniel Okafor").first).to_be_visible()


def test_the_new_pages_pass_axe(newsroom_thread, browser):
    live = newsroom_thread
    comment_id = _comment_ids(live)[0]
    # The service's pages allow no script at all: axe-core is let in by the browser only.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for path in (
        f"/notices/new?comment={comment_id}",
        f"/notices/new?comment={comment_id}&lang=es",
        f"/comments/{comment_id}/report",
        f"/threads?url={live.article_url}",
    ):
        page.goto(live.service.url + path)
        violations = run_axe(page)
        assert violations == [], (path, json.dumps(violations, indent=1))
    # A notice with its errors shown, then sent.
    page.goto(live.service.url + f"/notices/new?comment={comment_id}")
    page.get_by_role("button", name="Send the notice").click()
    expect(page.locator(".field-error").first).to_be_visible()
    assert run_axe(page) == []
    page.get_by_label("Defamation").check()
    page.get_by_label("Why is it illegal? Explain precisely").fill("False statement of fact.")
    page.get_by_label("I am convinced in good faith", exact=False).check()
    page.get_by_role("button", name="Send the notice").click()
    expect(page.get_by_role("status")).to_contain_text("Your reference number is DSA-")
    shot(page, "notice-received")
    assert run_axe(page) == []
    # The moderators' new pages.
    moderator = context.new_page()
    sign_in(moderator, live)
    for path in (
        "/admin/reported",
        "/admin/notices",
        "/admin/notices/1",
        f"/admin/comments/{comment_id}",
    ):
        moderator.goto(live.service.url + path)
        shot(moderator, "admin" + path.replace("/admin", "").replace("/", "-"), full_page=True)
        violations = run_axe(moderator)
        assert violations == [], (path, json.dumps(violations, indent=1))
    context.close()


def test_the_queue_shows_why_each_comment_waits(live, browser):
    """The README's screenshot: the queue with its reasons."""
    live.app.config["HOLD_LINK_COUNT"] = 2
    with live.app.app_context():
        site = storage.find_site_by_origin(live.blog.url)
        site.moderation = "first"
        site.hold_words = "cartel money"
        storage.commit()
        create_moderator(*MODERATOR)
    api = live.api()
    posts = [
        ("Marta Villanueva", THREAD[0][2]),
        ("Bot 4821", "Cheap pills at https://spam.example/a and https://spam.example/b"),
        ("Rafa Soto", "Follow the cartel money: the mayor's brother owns the trucking firm."),
    ]
    for name, text in posts:
        api.post_comment(
            url=live.article_url,
            name=name,
            text=text,
            email=name.split()[0].lower() + "@example.org",
            title=TITLE,
        )
    # A published comment that three readers report.
    with live.app.app_context():
        storage.find_site_by_origin(live.blog.url).moderation = "none"
        storage.commit()
    loud = api.post_comment(
        url=live.article_url,
        name="Iker Mendoza",
        email="iker@example.org",
        text="Anyone who disagrees is a traitor and should be dealt with.",
        title=TITLE,
    ).get_json()["comment"]
    for number in (1, 2, 3):
        client = live.app.test_client()
        client.post(
            f"/api/comments/{loud['id']}/reports",
            json={"reason": "abuse"},
            headers={"Origin": live.blog.url},
            environ_base={"REMOTE_ADDR": f"198.18.{number}.1"},  # three networks
        )
    context = browser.new_context(bypass_csp=True, viewport={"width": 1000, "height": 1200})
    page = context.new_page()
    sign_in(page, live)
    expect(page.locator("li.item")).to_have_count(4)
    expect(page.locator("li.reason")).to_contain_text(
        [
            "reported by 3 readers",
            "3 reports: abuse (3)",
            "first comment from this email",
            "word list: “cartel money”",
            "first comment from this email",
            "2 links",
            "first comment from this email",
        ]
    )
    # README's docs/screenshots/admin-queue-reasons.png is this one, copied by hand.
    shot(page, "admin-queue-reasons", full_page=True)
    assert run_axe(page) == []
    context.close()
