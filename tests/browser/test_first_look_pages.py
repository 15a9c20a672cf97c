"""What people stumbled on in the server's pages (issue 20, items 3, 16, 18-21, 25, 28, 29):
no-JavaScript posting, the notice form, the mail pages, the moderators' pages, the
service's front page and the demo without JavaScript. Positions are asserted where the
item is layout; axe-core runs on every page touched."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.actions import csrf_token_in
from tests.browser.conftest import shot
from tests.browser.test_admin import MODERATOR, sign_in
from tests.browser.test_demo import run_axe, seed_thread
from tests.newsroom import reader, report
from widget import storage
from widget.accounts.moderators import create_moderator
from widget.mail import links
from widget.storage.models import Comment

pytestmark = pytest.mark.browser


def _no_script(browser, **options):
    """A page without JavaScript (as the reader has it) where axe may still run."""
    return browser.new_context(java_script_enabled=False, **options).new_page()


def _axe(browser, url: str, name: str, width: int = 900) -> None:
    """axe-core on a page of the service (whose policy lets no script run: bypassed here)."""
    page = browser.new_context(bypass_csp=True).new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    violations = run_axe(page)
    assert violations == [], (name, json.dumps(violations, indent=1))
    page.context.close()


def test_posting_without_javascript_lands_at_the_comment(live, browser):
    seed_thread(live, live.article_url)
    page = _no_script(browser)
    page.set_viewport_size({"width": 800, "height": 700})
    page.goto(f"{live.service.url}/threads?url={live.article_url}")
    page.get_by_role("textbox", name="Comment").fill("Landing where I can see it.")
    page.get_by_role("textbox", name="Name").fill("Sin Script")
    page.get_by_role("textbox", name="Email").fill("sin.script@example.org")
    page.get_by_role("button", name="Post Comment").click()
    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    mine = page.locator("li.comment", has_text="Landing where I can see it.")
    notice = mine.get_by_role("status")
    expect(notice).to_have_text("Your comment was published.")
    expect(notice).to_be_in_viewport()
    expect(mine.locator("article").first).to_be_in_viewport()
    shot(page, "first-look-nojs-landed")
    # Held: the notice is next to the form, in view.
    with live.app.app_context():
        storage.find_site_by_origin(live.blog.url).moderation = "all"
        storage.commit()
    page.get_by_role("textbox", name="Comment").fill("Waiting for a moderator.")
    page.get_by_role("textbox", name="Name").fill("Sin Script")
    page.get_by_role("textbox", name="Email").fill("sin.script@example.org")
    page.get_by_role("button", name="Post Comment").click()
    expect(page).to_have_url(re.compile(r"#respond$"))
    held = page.locator("#respond").get_by_role("status")
    expect(held).to_have_text("Your comment is awaiting moderation.")
    expect(held).to_be_in_viewport()
    page.context.close()
    _axe(browser, f"{live.service.url}/threads?url={live.article_url}", "nojs thread")


@pytest.mark.parametrize("width", [900, 320])
def test_the_notice_form_has_usable_radios_and_an_aligned_quote(live, browser, width):
    comment_id = (
        live.api()
        .post_comment(url=live.article_url, text="Quoted here.")
        .get_json()["comment"]["id"]
    )
    page = _no_script(browser)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live.service.url}/notices/new?comment={comment_id}")
    radios = page.get_by_role("radio")
    boxes = [radios.nth(i).bounding_box() for i in range(radios.count())]
    assert len(boxes) == 6
    assert all(box["width"] >= 16 and box["height"] >= 16 for box in boxes)
    gaps = [b["y"] - a["y"] for a, b in zip(boxes, boxes[1:], strict=False)]
    assert max(gaps) <= 40, gaps  # a list, not a ladder
    quote = page.locator(".quoted blockquote").bounding_box()
    caption = page.locator(".quoted figcaption").bounding_box()
    assert abs(quote["x"] - caption["x"]) < 1  # the comment and its attribution line up
    shot(page, f"first-look-notice-form-{width}", full_page=True)
    page.context.close()
    _axe(browser, f"{live.service.url}/notices/new?comment={comment_id}", "notice", width)


def test_the_mail_pages_name_the_site_and_lead_back(live, browser):
    live.app.config.update(SMTP_URL="console://", PUBLIC_URL=live.service.url)
    comment = live.api().post_comment(url=live.article_url, title="Border talks").get_json()
    with live.app.app_context():
        address = storage.get_or_add_mail_address("ana.reader@example.org", "en")
        storage.commit()
        # The link names the comment whose post asked; its thread is the way back.
        confirm = links.confirm_url(address, comment["comment"]["id"])
    page = browser.new_context(bypass_csp=True).new_page()
    page.goto(confirm)
    expect(page.locator(".site-name")).to_have_text("Blog")
    expect(page).to_have_title("Confirm notifications · Blog")
    assert run_axe(page) == []
    page.get_by_role("button", name="Confirm notifications").click()
    back = page.get_by_role("link", name="← Back to the article: Border talks")
    expect(back).to_have_attribute("href", re.compile(r"/2026/11/covert-action-considered$"))
    shot(page, "first-look-mail-confirmed")
    assert run_axe(page) == []
    page.context.close()


def test_the_moderators_new_and_changed_pages(live, browser):
    seed_thread(live, live.article_url)
    with live.app.app_context():
        create_moderator(*MODERATOR)
        site = storage.find_site_by_origin(live.blog.url)
        ids = [c.id for c in storage.db.session.query(Comment).order_by(Comment.id)]
    api = live.api()
    for number in (2, 3):
        report(reader(live.app.test_client(), number, live.blog.url), ids[1], "abuse")
    with live.app.app_context():
        storage.find_site(site.id).moderation = "all"
        storage.commit()
    api.post_comment(url=live.article_url, name="Ben", text="A held reply.", parent_id=ids[0])
    page = browser.new_context(bypass_csp=True).new_page()
    page.set_viewport_size({"width": 1000, "height": 900})
    sign_in(page, live)
    expect(page.locator(".parent")).to_contain_text("In reply to Marta Villanueva")
    shot(page, "first-look-queue-parent", full_page=True)
    assert run_axe(page) == []
    page.goto(f"{live.service.url}/admin/reported")
    page.get_by_role("link", name="Dismiss reports: comment by Daniel Okafor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dismiss the reports on this comment?"
    )
    assert run_axe(page) == []
    page.get_by_role("button", name="Dismiss the reports").click()
    expect(page.get_by_role("status")).to_contain_text("Reports dismissed")
    # The site's settings: the box beside its label, Save apart from the link.
    page.goto(f"{live.service.url}/admin/sites/{site.id}")
    box = page.get_by_role("checkbox", name=re.compile("Hold a comment while")).bounding_box()
    label = page.get_by_text("Hold a comment while a legal notice about it is open").bounding_box()
    assert box["x"] < label["x"] and abs(box["y"] - label["y"]) < label["height"]
    assert box["x"] < 60  # at the form's left edge, not centred
    save = page.get_by_role("button", name="Save").bounding_box()
    threads = page.get_by_role("link", name="Its threads").bounding_box()
    assert threads["x"] - (save["x"] + save["width"]) >= 12
    shot(page, "first-look-site-form", full_page=True)
    assert run_axe(page) == []
    page.goto(f"{live.service.url}/admin/bans")
    assert run_axe(page) == []
    page.context.close()


def test_a_notice_decision_starts_with_nothing_chosen(live, browser):
    comment_id = live.api().post_comment(url=live.article_url).get_json()["comment"]["id"]
    client = live.app.test_client()
    form = client.get(f"/notices/new?comment={comment_id}").get_data(as_text=True)
    client.post(
        f"/notices/new?comment={comment_id}",
        data={"csrf_token": csrf_token_in(form), "category": "defamation",
              "explanation": "False.", "good_faith": "y"},
    )  # fmt: skip
    with live.app.app_context():
        create_moderator(*MODERATOR)
    page = browser.new_context(bypass_csp=True).new_page()
    sign_in(page, live)
    page.goto(f"{live.service.url}/admin/notices/1")
    for name in ("Remove the comment", "Restrict", "Keep it published"):
        expect(page.get_by_role("radio", name=re.compile(name))).not_to_be_checked()
    assert run_axe(page) == []
    page.context.close()


def test_the_services_address_and_the_demo_without_javascript(live, browser):
    seed_thread(live, live.article_url)
    _axe(browser, f"{live.service.url}/", "front page")
    page = _no_script(browser)
    page.goto(f"{live.service.url}/")
    expect(page.get_by_role("link", name="Moderation")).to_have_attribute("href", "/admin/")
    shot(page, "first-look-service-front")
    # The demo's article includes the thread's fragment: the comments, not just a link.
    page.goto(live.article_url)
    comments = page.locator("#comments .tertulia-comments li.comment")
    expect(comments).to_have_count(4)
    expect(comments.first).to_contain_text("A unilateral strike")
    expect(
        page.get_by_role("link", name="Read and post comments without JavaScript")
    ).to_be_visible()
    shot(page.locator(".comments-section"), "first-look-demo-nojs")
    # The listing has its counts from the service, without JavaScript.
    page.goto(f"{live.blog.url}/")
    expect(page.get_by_role("link", name="4 comments")).to_be_visible()
    page.context.close()
    # axe on the article as it is before the widget takes over (the embed not loaded).
    axe_page = browser.new_page()
    axe_page.route("**/embed.js", lambda route: route.abort())
    axe_page.goto(live.article_url)
    expect(axe_page.locator("#comments .tertulia-comments li.comment")).to_have_count(4)
    violations = run_axe(axe_page)
    assert violations == [], json.dumps(violations, indent=1)
    axe_page.close()


@pytest.mark.parametrize(("theme", "width"), [("light", 900), ("dark", 900), ("light", 320)])
def test_the_demos_first_look(live, page, theme, width):
    """The README's screenshots (docs/screenshots/widget-light.png, widget-dark.png): the demo
    article as it opens, with the comments it starts with."""
    from widget.demo.seed import seed_demo

    with live.app.app_context():
        assert seed_demo(live.blog.url) == 8
    page.set_viewport_size({"width": width, "height": 1400})
    page.emulate_media(color_scheme=theme)
    page.goto(f"{live.article_url}?theme={theme}")
    section = page.locator(".comments-section")
    expect(section.locator("article.comment")).to_have_count(7)  # 6, and the featured copy
    expect(section.get_by_role("region", name="Featured")).to_be_visible()
    # The story file adds "Ignore" (a fifth action, free to wrap): measure and picture the
    # thread once it is there.
    buttons = section.locator("article.comment[id]").first.locator(".acts button")
    expect(buttons.filter(has_text="Ignore")).to_have_count(1)
    if width == 320:  # a phone: a top-level comment's four actions on one line
        # every box in one go, so that nothing moves between two readings
        boxes = buttons.evaluate_all("nodes => nodes.map(n => n.getBoundingClientRect().y)")
        assert len({round(y) for y in boxes[:4]}) == 1
    shot(section, f"first-look-demo-{theme}-{width}")
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)
