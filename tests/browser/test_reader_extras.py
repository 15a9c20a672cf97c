"""Readers' extras in Chromium: live new comments, likes, sorting, deep links, latest box."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.test_demo import run_axe
from tests.browser.widget_page import shadow_active
from tests.readers import Reader

pytestmark = pytest.mark.browser


def _seed(live, count: int, **fields) -> list[int]:
    api = live.api()
    return [
        api.post_comment(url=live.article_url, text=f"Comment number {n}", **fields).get_json()[
            "comment"
        ]["id"]
        for n in range(count)
    ]


def test_new_comments_from_elsewhere_wait_behind_a_button(live, page):
    # A host page of its own (its URL is the thread), short enough to scroll.
    url = live.host_page("live", script_attrs='data-live="10"')
    api = live.api()  # "another reader", elsewhere
    api.post_comment(url=url, name="Marta", text="Already here")
    page.set_viewport_size({"width": 800, "height": 500})
    page.goto(url)
    widget = page.locator("#comments")
    expect(widget.locator("article.comment")).to_have_count(1)
    api.post_comment(url=url, name="Ana", text="Hello from elsewhere")
    # A half-typed comment and the scroll position survive.
    box = widget.get_by_role("textbox", name="Comment", exact=True)
    box.fill("Half typed")
    page.evaluate("() => window.scrollTo(0, 150)")
    shown = widget.locator("article.comment").first
    top = shown.evaluate("node => node.getBoundingClientRect().top")
    button = widget.get_by_role("button", name="1 new comment").first
    expect(button).to_be_attached(timeout=20_000)
    expect(widget.locator("article.comment")).to_have_count(1)  # nothing moved by itself
    expect(widget.locator("[aria-live=polite] > button")).to_have_text("1 new comment")
    api.post_comment(url=url, name="Ben", text="And another")
    fresh = widget.locator("[aria-live=polite] > button")
    expect(fresh).to_have_text("2 new comments", timeout=20_000)
    # What the reader looks at stays put (the browser anchors the scroll to it).
    assert shown.evaluate("node => node.getBoundingClientRect().top") == pytest.approx(top, abs=1)
    fresh.evaluate("button => button.click()")  # as a reader would, without scrolling to it
    expect(widget.locator("article.comment")).to_have_count(3)
    expect(widget.locator("article.comment .body")).to_have_text(
        ["Already here", "Hello from elsewhere", "And another"]
    )
    expect(widget.get_by_role("heading", name="3 comments")).to_be_visible()
    expect(box).to_have_value("Half typed")
    assert shown.evaluate("node => node.getBoundingClientRect().top") == pytest.approx(top, abs=1)
    assert shadow_active(page)["tag"] == "ARTICLE"


def test_live_replies_land_under_their_parents_and_nothing_when_off(live, page):
    url = live.host_page("replies", script_attrs='data-live="10"')
    api = live.api()
    parent = api.post_comment(url=url, name="Marta", text="Parent").get_json()["comment"]["id"]
    page.goto(url)
    widget = page.locator("#comments")
    expect(widget.locator("article.comment")).to_have_count(1)
    api.post_comment(url=url, name="Ana", text="A live reply", parent_id=parent)
    widget.get_by_role("button", name="1 new comment").first.click(timeout=20_000)
    expect(widget.locator("ol.replies article.comment")).to_contain_text("A live reply")

    off = live.host_page("off", script_attrs='data-live="0"')
    page.goto(off)
    expect(widget.get_by_role("heading", name="No comments yet")).to_be_visible()
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "/api/threads" in r.url else None)
    api.post_comment(url=off, text="Unseen")
    page.wait_for_timeout(11_000)
    assert requests == []


def test_like_and_unlike(live, page):
    [comment_id] = _seed(live, 1)
    page.goto(live.article_url)
    widget = page.locator("#comments")
    like = widget.get_by_role("button", name="Like: Ana Reader", exact=True)
    expect(like).to_have_attribute("aria-pressed", "false")
    expect(like).to_have_text("Like")
    like.click()
    liked = widget.get_by_role("button", name="Like · 1: Ana Reader", exact=True)
    expect(liked).to_have_attribute("aria-pressed", "true")
    expect(liked).to_have_text("Like · 1")
    expect(liked).to_have_attribute("title", "1 like")
    page.reload()
    expect(liked).to_have_attribute("aria-pressed", "true")  # remembered in this browser
    # The same browser cannot like twice, even from a fresh page's request.
    voter = page.evaluate(
        """() => JSON.parse(localStorage.getItem(
            Object.keys(localStorage).find(k => k.endsWith(':voter'))))"""
    )
    assert re.fullmatch(r"[0-9a-z]{24}", voter)
    again = Reader(live.app.test_client(), live.blog.url, "192.0.2.200", voter).like(comment_id)
    assert again.get_json()["likes"] == 1
    liked.click()
    expect(widget.get_by_role("button", name="Like: Ana Reader", exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )


def test_a_spanish_reader_sees_likes_and_sorts_in_spanish(live, page):
    _seed(live, 1)
    page.goto(live.host_page("es", lang="es").replace("/t/es", "/t/es"))
    widget = page.locator("#comments")
    expect(widget.get_by_role("combobox", name="Ordenar por")).to_be_visible()
    expect(widget.get_by_role("option", name="Más votados")).to_have_count(1)


def test_the_sort_switch_reorders_and_is_remembered(live, page):
    ids = _seed(live, 3)
    Reader(live.app.test_client(), live.blog.url, "192.0.2.7").like(ids[1])
    page.goto(live.article_url)
    widget = page.locator("#comments")
    texts = widget.locator("article.comment .body")
    expect(texts).to_have_text(["Comment number 0", "Comment number 1", "Comment number 2"])
    sorter = widget.get_by_role("combobox", name="Sort by")
    sorter.select_option("newest")
    expect(texts).to_have_text(["Comment number 2", "Comment number 1", "Comment number 0"])
    sorter.select_option("top")
    expect(texts).to_have_text(["Comment number 1", "Comment number 0", "Comment number 2"])
    page.reload()
    expect(sorter).to_have_value("top")
    expect(texts).to_have_text(["Comment number 1", "Comment number 0", "Comment number 2"])


def test_a_link_to_a_comment_loads_pages_until_it_shows_it(live, page):
    live.app.config["PAGE_SIZE"] = 3
    ids = _seed(live, 8)
    page.set_viewport_size({"width": 800, "height": 600})
    page.goto(f"{live.article_url}#comment-{ids[7]}")
    widget = page.locator("#comments")
    target = widget.locator(f"#comment-{ids[7]}")
    expect(target).to_have_class(re.compile(r"\bhl\b"))
    expect(target).to_be_in_viewport()
    assert shadow_active(page)["id"] == f"comment-{ids[7]}"
    shot(page, "reader-extras-deep-link")


def test_the_link_action_copies_the_comments_link(live, page, context):
    # The clipboard needs a secure context: http://localhost is one, blog.test is not.
    from widget.sites.editing import register_site

    local = live.blog.url.replace("blog.test", "localhost")
    with live.app.app_context():
        register_site("Local", [local], "none")
    article = local + "/2026/11/covert-action-considered/"
    api = Reader(live.app.test_client(), local, "198.51.100.9")
    comment_id = api.post_comment(url=article, name="Marta").get_json()["comment"]["id"]
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=local)
    page.goto(article)
    widget = page.locator("#comments")
    widget.get_by_role("button", name="Link: Marta").click()
    # Said at the comment, where the reader is.
    expect(widget.locator(f"#comment-{comment_id}").get_by_role("status")).to_have_text(
        "Link copied."
    )
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == f"{article.rstrip('/')}#comment-{comment_id}" or copied.endswith(
        f"/#comment-{comment_id}"
    )


def test_without_a_clipboard_the_link_is_shown_to_copy(live, page):
    [comment_id] = _seed(live, 1, name="Marta")
    page.goto(live.article_url)  # http://blog.test: not a secure context, no clipboard
    widget = page.locator("#comments")
    widget.get_by_role("button", name="Link: Marta").click()
    expect(widget.locator(f"#comment-{comment_id}").get_by_role("status")).to_have_text(
        re.compile(
            rf"^http://blog\.test:\d+/2026/11/covert-action-considered/#comment-{comment_id}$"
        )
    )


def test_a_latest_comments_box_is_filled_from_one_request(live, page):
    api = live.api()
    api.post_comment(url=live.article_url, title="Covert action", name="Old", text="First")
    api.post_comment(url=live.article_url, name="Ana", text="Middle")
    hostile = "<img src=x onerror=alert(1)>"
    api.post_comment(url=live.article_url, name=hostile, text="Newest <b>x</b>")
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "/api/latest" in r.url else None)
    url = live.host_page(
        "latest",
        container='<div data-tertulia-latest data-limit="2"></div><div data-tertulia-latest></div>',
    )
    page.goto(url)
    boxes = page.locator("[data-tertulia-latest]")
    expect(boxes.first.locator("li")).to_have_count(2)
    expect(boxes.last.locator("li")).to_have_count(3)
    newest = boxes.first.locator("li").first
    expect(newest.locator(".tertulia-latest-name")).to_have_text(hostile)
    expect(newest.get_by_role("link")).to_have_text("Newest <b>x</b>")  # text, never markup
    expect(newest.locator(".tertulia-latest-title")).to_have_text("on Covert action")
    expect(newest.locator("time")).to_have_text(re.compile(r"now|second|minute"))
    assert page.locator("[data-tertulia-latest] img, [data-tertulia-latest] b").count() == 0
    href = newest.get_by_role("link").get_attribute("href")
    assert re.fullmatch(r"http://blog\.test:\d+/2026/11/covert-action-considered#comment-3", href)
    assert len(requests) == 1


def test_axe_finds_no_violations_with_the_new_controls(live, page):
    ids = _seed(live, 3)
    Reader(live.app.test_client(), live.blog.url, "192.0.2.8").like(ids[0])
    url = live.host_page("axe", script_attrs='data-live="10"')
    api = live.api()
    api.post_comment(url=url, name="Marta", text="Already here")
    page.set_viewport_size({"width": 900, "height": 1000})
    page.goto(url)
    widget = page.locator("#comments")
    expect(widget.locator("article.comment")).to_have_count(1)
    widget.get_by_role("button", name=re.compile(r"^Like")).click()
    api.post_comment(url=url, name="Ana", text="Fresh")
    expect(widget.get_by_role("button", name="1 new comment").first).to_be_visible(timeout=20_000)
    shot(widget, "reader-extras-live-button")
    assert run_axe(page) == []
    page.emulate_media(color_scheme="dark")
    assert run_axe(page) == []
    shot(widget, "reader-extras-dark")


def test_live_news_pauses_while_hidden_and_backs_off_on_429(live, page):
    url = live.host_page("pause", script_attrs='data-live="10"')
    polls: list[str] = []
    refuse = {"on": False}

    def route(route):
        polls.append(route.request.url)
        if refuse["on"]:
            route.fulfill(
                status=429,
                headers={
                    "Retry-After": "60",
                    "Access-Control-Allow-Origin": live.blog.url,
                    "Access-Control-Expose-Headers": "Retry-After",
                },
                json={"error": "rate_limited", "message": "Too many requests."},
            )
        else:
            route.continue_()

    page.goto(url)
    widget = page.locator("#comments")
    expect(widget.get_by_role("heading", name="No comments yet")).to_be_visible()
    page.route("**/api/threads?*", route)
    page.evaluate(
        """() => {
            Object.defineProperty(document, 'hidden', {value: true, configurable: true});
            document.dispatchEvent(new Event('visibilitychange'));
        }"""
    )
    page.wait_for_timeout(12_000)
    assert polls == []  # hidden: no polling
    refuse["on"] = True
    page.evaluate(
        """() => {
            Object.defineProperty(document, 'hidden', {value: false, configurable: true});
            document.dispatchEvent(new Event('visibilitychange'));
        }"""
    )
    page.wait_for_timeout(11_000)
    assert len(polls) == 1  # visible again: one poll, refused with 429
    page.wait_for_timeout(12_000)
    assert len(polls) == 1  # it waits Retry-After (60 s) before the next


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_demo_front_page_shows_the_latest_comments(live, page, theme):
    api = live.api()
    for n in range(3):
        api.post_comment(
            url=live.article_url, title="Covert Action Considered", name=f"Reader {n}",
            text=f"Point number {n}.",
        )  # fmt: skip
    page.emulate_media(color_scheme=theme)
    page.set_viewport_size({"width": 900, "height": 1400})
    page.goto(f"{live.blog.url}/")
    items = page.locator(".latest-comments li")
    expect(items).to_have_count(3)
    expect(items.first.get_by_role("link")).to_have_text("Point number 2.")
    expect(items.first).to_contain_text("Reader 2")
    expect(items.first).to_contain_text("on Covert Action Considered")
    assert run_axe(page) == []
    shot(page.locator(".latest-comments"), f"reader-extras-latest-{theme}")
