"""The demo site as readers see it: screenshots, accessibility, and no JavaScript at all."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AXE, shot

pytestmark = pytest.mark.browser

TITLE = "Covert Action Considered: Trump Administration Weighs Military Strikes"
THREAD = [
    (
        "Marta Villanueva",
        "https://marta.example",
        "A unilateral strike would bury decades of security cooperation. Who benefits from that?",
        None,
    ),
    (
        "Daniel Okafor",
        None,
        "The FTO designation changed the legal picture. The question is "
        "whether Congress gets a say before anything happens.",
        None,
    ),
    (
        "Lucía Herrera",
        None,
        "**Both** can be true: the fentanyl crisis is real *and* covert "
        "raids would be a diplomatic disaster.\n\n> Mexico has repeatedly stressed "
        "that it will not permit foreign military forces to operate on its soil.",
        0,
    ),
    (
        "Marta Villanueva",
        "https://marta.example",
        "Exactly, Lucía. Intelligence sharing is the part that actually works.",
        2,
    ),
]


def seed_thread(live, url: str) -> None:
    """A heated but civil thread, with a reply two levels deep."""
    api = live.api()
    ids: list[int] = []
    for name, website, text, parent in THREAD:
        body = api.post_comment(
            url=url,
            name=name,
            website=website or ...,
            text=text,
            email=name.split()[0].lower() + "@example.org",
            title=TITLE,
            parent_id=ids[parent] if parent is not None else ...,
        ).get_json()
        ids.append(body["comment"]["id"])


def run_axe(page) -> list[dict]:
    """axe-core over the whole page, the widget's shadow root included."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result
    ]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_demo_screenshots_in_both_themes(live, page, theme):
    seed_thread(live, live.article_url)
    page.set_viewport_size({"width": 900, "height": 1200})
    page.emulate_media(color_scheme=theme)
    page.goto(f"{live.article_url}?theme={theme}")
    section = page.locator(".comments-section")
    expect(section.locator("article.comment")).to_have_count(4)
    path = shot(section, f"demo-{theme}")
    assert path.stat().st_size > 10_000


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_accessibility_violations_with_a_thread(live, page, theme):
    seed_thread(live, live.article_url)
    page.emulate_media(color_scheme=theme)
    page.goto(f"{live.article_url}?theme={theme}")
    expect(page.locator("#comments article.comment")).to_have_count(4)
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_accessibility_violations_with_field_errors_open(live, page, theme):
    seed_thread(live, live.article_url)
    page.emulate_media(color_scheme=theme)
    page.goto(f"{live.article_url}?theme={theme}")
    widget = page.locator("#comments")
    widget.get_by_role("button", name="Reply: Lucía Herrera").click()
    widget.get_by_role("textbox", name="Email", exact=True).fill("not an email")
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("#f-email-error")).to_be_visible()
    expect(widget.locator("#f-name-error")).to_be_visible()
    shot(widget, f"widget-errors-{theme}")
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)


def test_the_spanish_demo_page_embeds_the_widget_in_spanish(live, page):
    spanish = live.blog.url + "/es/2026/11/accion-encubierta/"
    live.api().post_comment(url=spanish, name="Rosa", text="¿Y la soberanía?")
    page.goto(spanish)
    widget = page.locator("#comments")
    expect(widget.get_by_role("heading", name="1 comentario")).to_be_visible()
    expect(widget.get_by_role("heading", name="Deja una respuesta")).to_be_visible()
    shot(page.locator(".comments-section"), "demo-es")


def test_readers_without_javascript_can_read_and_comment(live, browser):
    seed_thread(live, live.article_url)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live.article_url)
    page.get_by_role("link", name="Read and post comments without JavaScript").click()
    expect(page.get_by_role("heading", name="4 comments")).to_be_visible()
    expect(page.locator("li.comment li.comment li.comment")).to_contain_text("Intelligence sharing")
    page.get_by_role("link", name="Reply · Daniel Okafor").click()
    expect(page.get_by_role("heading", name="Reply to Daniel Okafor")).to_be_visible()
    page.get_by_role("textbox", name="Comment").fill("Posted with JavaScript turned off.")
    page.get_by_role("textbox", name="Name").fill("Sin Script")
    page.get_by_role("textbox", name="Email").fill("sin.script@example.org")
    page.get_by_role("button", name="Post Comment").click()
    expect(page.get_by_text("Your comment was published.")).to_be_visible()
    expect(page.get_by_role("heading", name="5 comments")).to_be_visible()
    expect(page.locator("li.comment li.comment")).to_contain_text(
        ["Posted with JavaScript turned off."]
    )
    assert "sin.script@example.org" not in page.content()
    shot(page, "nojs-thread", full_page=True)
    context.close()
