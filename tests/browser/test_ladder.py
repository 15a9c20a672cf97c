"""The moderation ladder in Chromium: the admin's ladder on a comment's page passes axe and
lifts in one click; a warning shows above the widget's form, in English and Spanish, until
the commenter acknowledges it."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.test_admin import MODERATOR, sign_in
from tests.browser.test_demo import run_axe
from widget import storage
from widget.accounts.moderators import create_moderator
from widget.moderation import ladder
from widget.storage.models import Comment, Sanction

pytestmark = pytest.mark.browser

LABELS = {
    "en": ("Comment", "Name", "Email", "Post Comment", "I understand"),
    "es": ("Comentario", "Nombre", "Correo electrónico", "Publicar el comentario", "Entendido"),
}


def _post(widget, lang: str, text: str) -> None:
    comment, name, email, button, _ = LABELS[lang]
    widget.get_by_role("textbox", name=comment, exact=True).fill(text)
    widget.get_by_role("textbox", name=name, exact=True).fill("Lectora")
    widget.get_by_role("textbox", name=email, exact=True).fill("lectora@example.org")
    widget.get_by_role("button", name=button).click()
    expect(widget.locator("article.comment", has_text=text)).to_be_visible()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_warning_shows_above_the_form_until_acknowledged(live, page, lang):
    url = live.host_page(lang, lang=lang, script_attrs=f'data-url="{live.article_url}"')
    page.goto(url)
    widget = page.locator("#comments")
    _post(widget, lang, "A first, heated comment.")
    with live.app.app_context():
        create_moderator(*MODERATOR)
        moderator = storage.find_moderator_by_email(MODERATOR[0])
        (comment,) = storage.db.session.query(Comment).all()
        ladder.decide(moderator, comment, "warning", message="Please keep it civil.")
    _post(widget, lang, "A calmer second one.")
    alert = widget.locator("div.status[role=alert]")
    expect(alert).to_contain_text("Please keep it civil.")
    title = "A message from the moderators" if lang == "en" else "Un mensaje de la moderación"
    expect(alert).to_contain_text(title)
    assert run_axe(page) == []
    shot(page.locator("#comments"), f"ladder-warning-{lang}")
    alert.get_by_role("button", name=LABELS[lang][4]).click()
    expect(widget.locator("div.status[role=alert]")).to_have_count(0)
    with live.app.app_context():
        (sanction,) = storage.db.session.query(Sanction).all()
        assert sanction.acknowledged_at is not None


def test_the_admins_ladder_passes_axe_and_lifts_in_one_click(live, browser):
    with live.app.app_context():
        create_moderator(*MODERATOR)
    api = live.api()
    posted = api.post_comment(url=live.article_url, text="Loud words.").get_json()["comment"]
    context = browser.new_context(bypass_csp=True, viewport={"width": 1000, "height": 1200})
    page = context.new_page()
    sign_in(page, live)
    page.goto(f"{live.service.url}/admin/comments/{posted['id']}")
    ladder_section = page.get_by_role("heading", name="The moderation ladder")
    expect(ladder_section).to_be_visible()
    assert run_axe(page) == [], json.dumps(run_axe(page), indent=1)
    page.get_by_label("7 days").check()
    page.get_by_label("Message (a warning's text", exact=False).fill("Cool off for a week.")
    page.get_by_role("button", name="Time out").click()
    history = page.get_by_role("table", name="The author's history on the ladder, newest first")
    expect(history).to_contain_text("time-out")
    expect(history).to_contain_text("Cool off for a week.")
    assert api.post_comment(url=live.article_url, text="Again!").status_code == 403
    shot(page, "admin-ladder", full_page=True)
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)
    history.get_by_role("button", name="Lift the time-out", exact=False).click()
    expect(history).to_contain_text("Lifted")
    assert api.post_comment(url=live.article_url, text="Calmer now.").status_code == 201
    context.close()
