"""Story settings, Q&A and ignoring in Chromium: the story's notes, questions with votes,
answers first and a filter (en, es), a commenter ignored in this browser; axe-core finds nothing."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.test_admin import MODERATOR, sign_in
from tests.browser.test_demo import run_axe
from tests.readers import Reader
from tests.stories import Cms, create_token
from widget import storage
from widget.accounts.moderators import create_moderator
from widget.moderation import newsroom

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "upvote": "Upvote",
        "show": "Show",
        "unanswered": "Unanswered",
        "answered": "Answered",
        "sort": "Sort by",
    },
    "es": {
        "upvote": "Votar",
        "show": "Mostrar",
        "unanswered": "Sin respuesta",
        "answered": "Respondida",
        "sort": "Ordenar por",
    },
}


def settle(live, url: str, body: dict) -> None:
    """The newsroom's CMS sets the story (a token, a PUT)."""
    token = create_token(live.app.test_cli_runner(), "threads:write", origin=live.blog.url)
    assert Cms(live.app.test_client(), token).put(body, url=url).status_code == 200


# Each commenter's returning-commenter key on a page, as their widget keeps it.
KEYS: dict[tuple[str, str], str] = {}


def post(live, url: str, name: str, text: str, **fields) -> int:
    email = f"{name.lower()}@example.org"
    if (url, name) in KEYS:
        fields["commenter_key"] = KEYS[url, name]
    response = live.api().post_comment(url=url, name=name, email=email, text=text, **fields)
    KEYS[url, name] = response.get_json()["commenter_key"]
    return response.get_json()["comment"]["id"]


def answer(live, question_id: int, text: str) -> None:
    with live.app.app_context():
        moderator = create_moderator(*MODERATOR)
        moderator.display_name = "Marta Ruiz"
        storage.commit()
        newsroom.reply_as_staff(moderator, storage.find_comment(question_id), text)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_questions_and_answers(live, page, lang):
    words = WORDS[lang]
    url = live.host_page(f"qa-{lang}", lang=lang)
    settle(live, url, {"mode": "qa"})
    hearing = post(live, url, "Ana", "When is the hearing?")
    judge = post(live, url, "Ben", "Who is the judge?")
    post(live, url, "Carla", "Me too.", parent_id=hearing)
    answer(live, hearing, "On Monday at ten.")
    Reader(live.app.test_client(), live.blog.url, "198.51.100.20", voter="v" * 32).like(judge)
    page.goto(url)
    widget = page.locator("#comments")
    questions = widget.locator("ol.list:not(.replies) > li > article.comment")
    # The most voted first, without the reader choosing (and not kept as their choice).
    expect(questions.locator(".body")).to_have_text(["Who is the judge?", "When is the hearing?"])
    expect(widget.get_by_label(words["sort"])).to_have_value("top")
    expect(widget.get_by_role("button", name=f"{words['upvote']} · 1: Ben")).to_be_visible()
    asked = widget.locator("ol.list:not(.replies) > li", has_text="When is the hearing?")
    expect(asked.locator(".badge", has_text=words["answered"])).to_be_visible()
    # The answer comes first under its question, before the readers' replies.
    expect(asked.locator(".replies article.comment .body")).to_have_text(
        ["On Monday at ten.", "Me too."]
    )
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)
    shot(widget, f"widget-qa-{lang}")
    widget.get_by_label(words["show"]).select_option(words["unanswered"])
    expect(questions.filter(visible=True).locator(".body")).to_have_text(["Who is the judge?"])
    widget.get_by_label(words["show"]).select_option(
        words["answered"] if lang == "en" else "Respondidas"
    )
    expect(questions.filter(visible=True).locator(".body")).to_have_text(["When is the hearing?"])


def test_the_story_speaks_above_the_form(live, page):
    url = live.host_page(
        "story", head='<meta property="article:published_time" content="2026-11-30T08:00:00Z">'
    )
    settle(
        live,
        url,
        {"moderation": "all", "message": "Comments on this court report are **pre-moderated**."},
    )
    page.goto(url)
    widget = page.locator("#comments")
    story = widget.locator(".story")
    expect(story.locator("strong")).to_have_text("pre-moderated")
    expect(story).to_contain_text("Comments are checked before they appear.")
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)
    shot(widget, "widget-story")
    # The page's publication time reaches the server with the first comment.
    widget.get_by_role("textbox", name="Comment", exact=True).fill("A careful comment.")
    widget.get_by_role("textbox", name="Name").fill("Lectora")
    widget.get_by_role("textbox", name="Email").fill("lectora@example.org")
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.get_by_text("Your comment is awaiting moderation.").first).to_be_visible()
    with live.app.app_context():
        thread = storage.find_thread_by_url(1, url.split("#")[0])
        assert thread.published_at.isoformat().startswith("2026-11-30T08:00")
    settle(live, url, {"closed": True})
    page.reload()
    expect(widget.locator(".closed")).to_have_text("Comments are closed. The newsroom closed them.")


def test_a_reader_ignores_a_commenter_in_this_browser(live, page):
    url = live.host_page("ignore")
    post(live, url, "Ana", "First from Ana.")
    post(live, url, "Ben", "Ben here.")
    post(live, url, "Ana", "Ana again.")
    page.goto(url)
    widget = page.locator("#comments")
    comments = widget.locator("article.comment")
    expect(comments).to_have_count(3)
    widget.get_by_role("button", name="Ignore this commenter: Ana").first.click()
    expect(comments.filter(visible=True).locator(".body")).to_have_text(["Ben here."])
    show = widget.get_by_role("button", name="Show ignored (2)")
    expect(show).to_be_focused()
    expect(widget.get_by_role("status").first).to_contain_text("Comments by Ana are hidden")
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)
    page.reload()  # kept in this browser, hidden from the first paint
    expect(widget.locator("article.comment", has_text="Ben here.")).to_be_visible()
    expect(comments.filter(visible=True)).to_have_count(1)
    widget.get_by_role("button", name="Show ignored (2)").click()
    expect(comments.filter(visible=True)).to_have_count(3)
    expect(widget.get_by_role("button", name="Show ignored (2)")).to_be_hidden()


def test_the_admin_sets_a_story_and_revokes_a_token(live, browser):
    url = live.host_page("admin-story")
    post(live, url, "Ana", "A first comment.")
    token = create_token(live.app.test_cli_runner(), "threads:write", origin=live.blog.url)
    with live.app.app_context():
        create_moderator(*MODERATOR)
        thread = storage.find_thread_by_url(1, url)
        thread_id, site_id = thread.id, thread.site_id
    # The admin allows no script at all: axe-core is let in by the browser only.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    sign_in(page, live)
    page.goto(f"{live.service.url}/admin/threads/{thread_id}")
    page.locator("#moderation").select_option("links")
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)
    page.get_by_label("Close after").fill("7")
    page.get_by_label("Message above the form").fill("Stay on **topic**.")
    page.get_by_label("Kind").select_option("qa")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved: moderation, close_after_days")
    shot(page, "admin-story")
    body = live.api().thread(url).get_json()["thread"]
    assert (body["moderation"], body["mode"], body["close_after_days"]) == ("links", "qa", 7)
    page.goto(f"{live.service.url}/admin/sites/{site_id}")
    tokens = page.locator("#tokens")
    expect(tokens).to_contain_text(token[:10])
    expect(tokens).not_to_contain_text(token[10:])
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)
    tokens.get_by_role("button", name=f"Revoke {token[:10]}…").click()
    expect(page.locator("#tokens")).to_contain_text("Revoked")
    assert Cms(live.app.test_client(), token).put({"closed": True}, url=url).status_code == 401
    context.close()
