"""The widget keeps to itself: no email in the page, no host CSS, no other server, opt-in memory."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.widget_page import EMAIL, fill_form

pytestmark = pytest.mark.browser


def test_the_email_is_nowhere_in_the_page_or_its_responses(live, page):
    bodies = []
    page.on(
        "response",
        lambda response: bodies.append(response) if live.service.url in response.url else None,
    )
    page.goto(live.article_url)
    widget = fill_form(page)
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_have_count(1)

    def read_bodies() -> list[str]:  # before navigating: bodies are gone after
        texts = [r.text() for r in bodies if r.request.method != "OPTIONS" and r.status != 304]
        bodies.clear()
        return texts

    texts = read_bodies()
    page.reload()
    expect(page.locator("#comments article.comment")).to_have_count(1)
    texts += read_bodies()
    assert len(texts) >= 4
    assert all(EMAIL not in text for text in texts)
    dom = page.evaluate(
        "() => document.documentElement.outerHTML"
        " + document.getElementById('comments').shadowRoot.innerHTML"
    )
    assert EMAIL not in dom


def test_the_hosts_stylesheet_does_not_reach_the_widget(live, page):
    first = live.api().post_comment(url=live.blog.url + "/t/plain", name="Marta", text="Styled?")
    key = first.get_json()["commenter_key"]  # the same commenter: the same avatar
    live.api().post_comment(
        url=live.blog.url + "/t/hostile", name="Marta", text="Styled?", commenter_key=key
    )
    hostile = (
        "<style>div, form, input, button, textarea, p, a, h2, h3, ol, li, label {"
        " color: #f0f !important; background: #ff0 !important;"
        " font: italic 30px/3 serif !important;"
        " letter-spacing: 4px !important; text-transform: uppercase !important;"
        " border: 6px dashed red !important; margin: 20px !important; padding: 20px !important; }"
        # The container is the page's: its background shows through the widget by design.
        " #comments { border: 0 !important; margin: 0 !important; padding: 0 !important;"
        " background: none !important; }</style>"
    )
    pictures = []
    for name, head in (("plain", ""), ("hostile", hostile)):
        page.goto(live.host_page(name, head=head))
        inner = page.locator("#comments .t")
        expect(inner.locator("article.comment")).to_have_count(1)
        # The form renders after the comments: a picture taken between the two is shorter.
        expect(inner.get_by_role("button", name="Post Comment")).to_be_visible()
        page.evaluate("document.fonts.ready.then(() => true)")
        pictures.append(inner.screenshot(animations="disabled"))
    assert pictures[0] == pictures[1]


def test_the_widget_talks_only_to_its_own_server(live, page):
    hosts = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    live.api().post_comment(url=live.article_url)
    page.goto(live.article_url)
    expect(page.locator("#comments article.comment")).to_have_count(1)
    assert hosts <= {live.blog.url.split("/")[2], live.service.url.split("/")[2]}


def test_ticking_save_my_details_fills_them_in_next_time(live, page):
    page.goto(live.article_url)
    widget = fill_form(page, website="https://lectora.example")
    widget.get_by_role("checkbox", name="Save my name, email, and website", exact=False).check()
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_have_count(1)
    page.reload()
    widget = page.locator("#comments")
    expect(widget.get_by_role("textbox", name="Name", exact=True)).to_have_value("Lectora")
    expect(widget.get_by_role("textbox", name="Email", exact=True)).to_have_value(EMAIL)
    expect(widget.get_by_role("textbox", name="Website", exact=True)).to_have_value(
        "https://lectora.example"
    )
    expect(
        widget.get_by_role("checkbox", name="Save my name, email, and website", exact=False)
    ).to_be_checked()
    stored = page.evaluate("() => Object.keys(localStorage).join(' ')")
    assert ":author" in stored
    widget.get_by_role("checkbox", name="Save my name, email, and website", exact=False).uncheck()
    widget.get_by_role("textbox", name="Comment", exact=True).fill("Forget me now.")
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_have_count(2)
    page.reload()
    expect(page.locator("#comments").get_by_role("textbox", name="Name", exact=True)).to_have_value(
        ""
    )


def test_without_the_checkbox_nothing_is_remembered(live, page):
    page.goto(live.article_url)
    widget = fill_form(page)
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_have_count(1)
    page.reload()
    expect(
        page.locator("#comments").get_by_role("textbox", name="Email", exact=True)
    ).to_have_value("")
