"""What a first-time reader stumbled on (issue 20, items 1-2, 4, 8-15), in Chromium.

Positions and sizes are asserted where the item is about layout; axe-core runs on each
widget state touched. Screenshots land in tests/artifacts/.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.test_demo import run_axe
from tests.browser.widget_page import fill_form, shadow_active
from widget import storage
from widget.accounts.moderators import create_moderator
from widget.moderation import newsroom

pytestmark = pytest.mark.browser


def _seed(live, url: str, count: int, **fields) -> list[int]:
    api = live.api()
    return [
        api.post_comment(url=url, text=f"Comment number {n}", **fields).get_json()["comment"]["id"]
        for n in range(count)
    ]


def _texts(widget) -> list[str]:
    return widget.locator("ol.list > li > article.comment .body").all_inner_texts()


@pytest.mark.parametrize("sort", ["oldest", "top"])
def test_live_news_reaches_a_thread_longer_than_a_page(live, page, sort):
    live.app.config["PAGE_SIZE"] = 3
    url = live.host_page("long", script_attrs='data-live="10"')
    _seed(live, url, 5)
    page.add_init_script(
        f"Object.keys(localStorage).length || localStorage.setItem("
        f"'tertulia:{live.service.url}:sort', '\"{sort}\"')"
    )
    page.goto(url)
    widget = page.locator("#comments")
    expect(widget.locator("article.comment")).to_have_count(3)
    more = widget.get_by_role("button", name="Load more comments")
    expect(more).to_be_visible()
    live.api().post_comment(url=url, name="Ana", text="Posted elsewhere")
    button = widget.locator("[aria-live=polite] > button")
    expect(button).to_have_text("1 new comment", timeout=20_000)
    button.click()
    # After what is loaded, marked as new; the rest of the thread still loads above it.
    expect(widget.locator("article.comment")).to_have_count(4)
    fresh = widget.locator("article.comment").last
    expect(fresh.locator(".body")).to_have_text("Posted elsewhere")
    expect(fresh.locator(".badge")).to_have_text("New")
    more.click()
    expect(more).to_be_hidden()
    texts = _texts(widget)
    assert len(texts) == len(set(texts)) == 6  # nothing twice
    assert texts[-1] == "Posted elsewhere"
    assert sorted(texts[:5]) == [f"Comment number {n}" for n in range(5)]
    expect(widget.get_by_role("heading", name="6 comments")).to_be_visible()


@pytest.mark.parametrize("width", [900, 320])
def test_the_news_shows_where_the_reader_is(live, page, width):
    url = live.host_page("bar", script_attrs='data-live="10"')
    _seed(live, url, 6)
    page.set_viewport_size({"width": width, "height": 600})
    page.goto(url)
    widget = page.locator("#comments")
    expect(widget.locator("article.comment")).to_have_count(6)
    form = widget.get_by_role("textbox", name="Comment", exact=True)
    form.scroll_into_view_if_needed()  # the reader is at the form, the list's top far above
    live.api().post_comment(url=url, name="Ana", text="While you were writing")
    bar = widget.locator(".fbar button")
    expect(bar).to_have_text("1 new comment", timeout=20_000)
    expect(bar).to_be_in_viewport()
    box, viewport = bar.bounding_box(), page.viewport_size
    assert box["y"] + box["height"] <= viewport["height"] + 1  # at the bottom of what shows
    assert box["y"] > viewport["height"] / 2
    # Announced once: the bar is no live region; the button at the top is.
    assert widget.locator("[aria-live] .fbar, .fbar[aria-live]").count() == 0
    expect(widget.locator("[aria-live=polite] > button")).to_have_text("1 new comment")
    shot(page, f"first-look-live-bar-{width}")
    assert run_axe(page) == []
    bar.click()
    expect(bar).to_be_hidden()
    assert shadow_active(page)["tag"] == "ARTICLE"
    expect(widget.locator("article.comment").last).to_be_in_viewport()
    # Back at the top, the bar gives way to the button there.
    page.evaluate("() => window.scrollTo(0, 0)")
    live.api().post_comment(url=url, name="Ben", text="And now at the top")
    expect(widget.locator("[aria-live=polite] > button")).to_be_visible(timeout=20_000)
    expect(bar).to_be_hidden()


def test_deleting_ones_comment_keeps_the_place(live, page):
    url = live.host_page("delete")
    _seed(live, url, 8)
    page.set_viewport_size({"width": 800, "height": 700})
    page.goto(url)
    widget = fill_form(page, text="Mine, to withdraw.")
    widget.get_by_role("button", name="Post Comment").click()
    mine = widget.locator("article.comment", has_text="Mine, to withdraw.")
    expect(mine).to_have_count(1)
    live.api().post_comment(url=url, name="After", text="Posted after mine")
    page.reload()
    widget = page.locator("#comments")
    mine = widget.locator("article.comment", has_text="Mine, to withdraw.")
    mine.scroll_into_view_if_needed()
    before = page.evaluate("() => window.scrollY")
    page.once("dialog", lambda dialog: dialog.accept())
    mine.get_by_role("button", name="Delete: Lectora").click()
    expect(mine).to_have_count(0)
    active = page.evaluate(
        "() => document.getElementById('comments').shadowRoot.activeElement.textContent"
    )
    assert "Posted after mine" in active  # the next comment, not the heading far above
    assert abs(page.evaluate("() => window.scrollY") - before) < 300


def _rects(locator) -> list[dict]:
    """Every match's box, read in one go (nothing can move between two readings)."""
    return locator.evaluate_all(
        "nodes => nodes.map(n => { const r = n.getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width}; })"
    )


def test_actions_line_up_and_like_keeps_its_width_on_a_phone(live, page):
    url = live.host_page("phone")
    [first] = _seed(live, url, 1, name="Marta Villanueva")
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(url)
    widget = fill_form(page, text="Mine, so Edit and Delete show too.")
    widget.get_by_role("button", name="Post Comment").click()
    mine = widget.locator("article.comment", has_text="Mine, so Edit")
    expect(mine.get_by_role("button", name="Delete: Lectora")).to_be_visible()
    for article in (widget.locator(f"#comment-{first}"), mine):
        rows: dict[int, list[dict]] = {}
        for box in _rects(article.locator(".acts button")):
            rows.setdefault(round(box["y"]), []).append(box)
        lefts = [min(box["x"] for box in row) for row in rows.values()]
        assert max(lefts) - min(lefts) < 1, lefts  # every line starts flush left
    like = widget.get_by_role("button", name=re.compile(r"^Like.*Marta"))
    pair = widget.locator(f"#comment-{first} .acts button")
    before = _rects(pair)  # Reply, Like, Link, Report
    like.click()
    expect(like).to_have_text("Like · 1")
    after = _rects(pair)
    assert after[1]["width"] == pytest.approx(before[1]["width"], abs=0.5)  # Like's width
    link_from_like = [rects[2]["x"] - rects[1]["x"] for rects in (before, after)]
    assert link_from_like[1] == pytest.approx(link_from_like[0], abs=0.5)  # Link stays put
    shot(widget.locator(f"#comment-{first}"), "first-look-actions-320")


def test_likes_read_naturally_in_spanish(live, page):
    url = live.host_page("es-likes", lang="es")
    _seed(live, url, 1, name="Marta")
    page.goto(url)
    widget = page.locator("#comments")
    like = widget.get_by_role("button", name=re.compile(r"^Me gusta.*Marta"))
    expect(like).to_have_text("Me gusta")
    expect(like).to_have_attribute("title", "Todavía no le gusta a nadie")
    like.click()
    expect(like).to_have_text("Me gusta · 1")
    expect(like).to_have_attribute("title", "Le gusta a 1 persona")
    expect(like).to_have_attribute("aria-label", "Me gusta · 1: Marta")


def test_an_edited_comment_says_so_with_the_time(live, page):
    url = live.host_page("edited")
    page.goto(url)
    widget = fill_form(page, text="Frist")
    widget.get_by_role("button", name="Post Comment").click()
    comment = widget.locator("article.comment")
    expect(comment.locator(".edited")).to_have_count(0)
    comment.get_by_role("button", name="Edit: Lectora").click()
    widget.get_by_role("textbox", name="Edit your comment").fill("First")
    widget.get_by_role("button", name="Save").click()
    expect(comment.locator(".edited")).to_have_text("· edited")
    page.reload()
    mark = page.locator("#comments article.comment .edited")
    expect(mark).to_have_text("· edited")
    expect(mark).to_have_attribute("title", re.compile(r"\d{4}"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_markdown_is_explained_and_previewed_by_the_server(live, page, lang):
    url = live.host_page(f"preview-{lang}", lang=lang)
    previews = []
    page.on("request", lambda r: previews.append(r) if r.url.endswith("/api/preview") else None)
    page.goto(url)
    widget = page.locator("#comments")
    hint = widget.locator("#f-hint")
    expect(hint).to_have_text(
        "Markdown: **bold**, *italic*, [link](https://…), > quote"
        if lang == "en"
        else "Markdown: **negrita**, *cursiva*, [enlace](https://…), > cita"
    )
    box = widget.get_by_role(
        "textbox", name="Comentario" if lang == "es" else "Comment", exact=True
    )
    expect(box).to_have_attribute("aria-describedby", "f-hint")
    assert hint.bounding_box()["y"] > box.bounding_box()["y"]  # under the field
    box.fill("**Bold** and <script>alert(1)</script>\n\n> quoted")
    toggle = widget.get_by_role("button", name="Vista previa" if lang == "es" else "Preview")
    toggle.click()
    preview = widget.locator(".preview")
    expect(preview.locator("strong")).to_have_text("Bold")
    expect(preview.locator("blockquote")).to_have_text("quoted")
    expect(preview.locator("script")).to_have_count(0)
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert len(previews) == 1
    shot(widget.locator(".respond"), f"first-look-preview-{lang}")
    assert run_axe(page) == []
    toggle.click()
    expect(box).to_be_visible()
    expect(box).to_have_value("**Bold** and <script>alert(1)</script>\n\n> quoted")


def test_keyboard_skip_link_escape_and_named_buttons(live, page):
    url = live.host_page("keys", body='<p><a href="#x">Before the widget</a></p>')
    _seed(live, url, 3, name="Marta")
    page.goto(url)
    widget = page.locator("#comments")
    expect(widget.locator("article.comment")).to_have_count(3)
    page.get_by_role("link", name="Before the widget").focus()
    page.keyboard.press("Tab")
    skip = widget.get_by_role("link", name="Skip to the comment form")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # shown when it has focus
    page.keyboard.press("Enter")
    text = widget.locator("#f-text")
    expect(text).to_be_focused()  # retried: focus moves after the scroll
    reply = widget.get_by_role("button", name="Reply: Marta").first
    reply.click()
    expect(widget.get_by_role("heading", name="Reply to Marta")).to_be_visible()
    expect(text).to_be_focused()  # typing before the form has moved would type elsewhere
    page.keyboard.type("Changed my mind")
    page.keyboard.press("Escape")
    expect(widget.get_by_role("heading", name="Leave a Reply")).to_be_visible()
    expect(reply).to_be_focused()


def test_a_featured_comment_is_not_shown_twice_in_a_row(live, page):
    url = live.host_page("featured")
    ids = _seed(live, url, 3, name="Marta")
    with live.app.app_context():
        moderator = create_moderator("editor@example.org", "a long moderation passphrase")
        newsroom.set_featured(moderator, storage.find_comment(ids[0]), True)
    page.goto(url)
    widget = page.locator("#comments")
    expect(widget.locator("article.comment")).to_have_count(3)  # no copy above the first
    expect(widget.get_by_role("region", name="Featured")).to_be_hidden()
    with live.app.app_context():
        moderator = storage.find_moderator_by_email("editor@example.org")
        newsroom.set_featured(moderator, storage.find_comment(ids[2]), True)
    page.reload()
    box = widget.get_by_role("region", name="Featured")
    expect(box).to_be_visible()
    expect(box.locator("article.comment")).to_have_count(1)  # the third; the first is below
    expect(box.locator(".body")).to_have_text("Comment number 2")
    heading = box.get_by_role("heading", name="Featured").bounding_box()
    assert heading["y"] - box.bounding_box()["y"] >= 8  # room above the heading
    shot(widget, "first-look-featured")


def test_the_latest_box_is_compact_on_a_phone(live, page):
    api = live.api()
    for n in range(5):
        api.post_comment(
            url=live.article_url, title="Covert Action Considered: Trump Administration Weighs "
            "Military Strikes Against Cartels in Mexico", name=f"Reader {n}",
            text="A long comment that goes on and on about the article " * 5,
        )  # fmt: skip
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live.blog.url}/")
    items = page.locator(".latest-comments li")
    expect(items).to_have_count(5)
    first = items.first
    expect(first.locator(".tertulia-latest-name")).to_have_text("Reader 4")
    expect(first.locator("time")).to_have_text(re.compile(r"now|second|minute"))
    expect(first.locator(".tertulia-latest-title")).to_contain_text("on Covert Action")
    link = first.get_by_role("link")
    assert link.evaluate("a => getComputedStyle(a).fontWeight") in ("400", "normal")
    heights = [items.nth(i).bounding_box()["height"] for i in range(5)]
    assert sum(heights) < 640, heights  # five do not fill a phone's screen
    page.locator(".latest-comments").scroll_into_view_if_needed()
    shot(page.locator(".latest-comments"), "first-look-latest-320")
    assert run_axe(page) == []


@pytest.mark.parametrize(("background", "theme"), [("#f4ecd8", "light"), ("#1b1d21", "dark")])
def test_the_widget_takes_the_pages_background(live, page, background, theme):
    url = live.host_page(
        f"bg-{theme}",
        head=f"<style>body{{background:{background};color:"
        f"{'#eee' if theme == 'dark' else '#222'}}}</style>",
    )
    _seed(live, url, 2, name="Marta")
    page.goto(url)
    widget = page.locator("#comments")
    expect(widget.locator("article.comment")).to_have_count(2)
    shell = widget.locator(".t")
    expect(shell).to_have_attribute("data-theme", theme)
    assert shell.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    padding = shell.evaluate("e => parseFloat(getComputedStyle(e).paddingLeft)")
    assert padding >= 8
    first = widget.locator("article.comment").first.bounding_box()
    assert first["x"] - shell.bounding_box()["x"] >= 8  # text not flush to the edge
    shot(widget, f"first-look-background-{theme}")
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)
