"""The pre-screen's nudge in the widget: the text stays, the second submit posts it (held)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.test_demo import run_axe
from tests.browser.widget_page import fill_form
from tests.prescreening import TOXIC_EN, TOXIC_ES, reasons, set_site
from widget import storage

pytestmark = pytest.mark.browser

NUDGE = {
    "en": "Your comment may be hurtful to others. You can edit it, or post it as it is.",
    "es": "Tu comentario podría herir a otras personas. Puedes editarlo o publicarlo tal "
    "como está.",
}


@pytest.fixture
def app_factory(app_factory, prescreen_folder):
    """The live service with the pre-screen on (the browser conftest's `live` makes it)."""

    def make(**overrides):
        return app_factory(PRESCREEN=True, PRESCREEN_FOLDER=str(prescreen_folder), **overrides)

    return make


def _fill_es(widget, text: str) -> None:
    widget.get_by_role("textbox", name="Comentario", exact=True).fill(text)
    widget.get_by_role("textbox", name="Nombre", exact=True).fill("Rosa")
    widget.get_by_role("textbox", name="Correo electrónico", exact=True).fill("rosa@example.org")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_nudge_keeps_the_text_and_the_second_submit_holds_it(live, page, lang):
    set_site(live.app, prescreen=True)
    page.goto(live.host_page(f"prescreen-{lang}", lang=lang))
    widget = page.locator("#comments")
    text = TOXIC_EN if lang == "en" else TOXIC_ES
    if lang == "en":
        fill_form(page, text=text)
        button, box = "Post Comment", "Comment"
    else:
        _fill_es(widget, text)
        button, box = "Publicar el comentario", "Comentario"
    posts = []
    page.on("request", lambda r: posts.append(r.post_data_json) if r.method == "POST" else None)
    widget.get_by_role("button", name=button).click()
    status = widget.get_by_role("status").filter(has_text=NUDGE[lang])
    expect(status).to_have_text(NUDGE[lang])
    expect(widget.get_by_role("textbox", name=box, exact=True)).to_have_value(text)
    expect(widget.locator("article.comment")).to_have_count(0)
    shot(widget, f"widget-prescreen-nudge-{lang}")
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)

    widget.get_by_role("button", name=button).click()  # post it as it is
    expect(widget.locator("article.comment")).to_have_count(1)
    expect(widget.locator("article.comment .pending")).to_be_visible()
    assert [p.get("reconsidered") for p in posts if "text" in p] == [None, True]
    with live.app.app_context():
        comment = storage.db.session.query(storage.models.Comment).one()
        assert comment.status == "pending" and comment.toxicity >= 0.8
    assert reasons(live.app, comment.id)[0][0] == "toxicity"
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)


def test_the_queue_most_likely_toxic_first(live, browser):
    from tests.browser.test_admin import MODERATOR, sign_in
    from widget.accounts.moderators import create_moderator

    set_site(live.app, moderation="all")
    with live.app.app_context():
        create_moderator(*MODERATOR)
    texts = [
        "Thank you for the careful reporting on the new bus lanes downtown.",
        TOXIC_EN,
        "Shut up, nobody cares about your opinion.",
    ]
    for text in texts:
        live.api().post_comment(url=live.article_url, text=text)
    context = browser.new_context(bypass_csp=True)  # axe is injected as a script
    page = context.new_page()
    sign_in(page, live)
    expect(page.locator("li.item")).to_have_count(3)
    page.get_by_role("link", name="Most likely toxic first").click()
    expect(page.get_by_text("Most likely toxic first")).to_have_attribute("aria-current", "page")
    items = page.locator("li.item .text")
    expect(items.nth(0)).to_contain_text("stupid idiot")
    expect(items.nth(1)).to_contain_text("Shut up")
    expect(items.nth(2)).to_contain_text("bus lanes")
    expect(page.locator("li.item").nth(0).locator(".tag.toxicity")).to_have_text("toxicity 1.00")
    shot(page, "admin-queue-toxic-first", full_page=True)
    violations = run_axe(page)
    context.close()
    assert violations == [], json.dumps(violations, indent=1)
