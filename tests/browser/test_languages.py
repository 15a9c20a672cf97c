"""The widget in every language we ship, at 320 px (issue 26): each state a reader meets,
chosen with `data-lang`, with no English left where the catalogue has the words, nothing
sticking out sideways, and axe-core at 0. One set of servers for all languages; a
screenshot per language in tests/artifacts/ (languages-widget-<lang>.png).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.languages import (
    LANGUAGES,
    Findings,
    bcp47,
    make_app,
    start_live,
    stop_live,
    words,
)
from tests.prescreening import TOXIC_EN, set_site
from widget import storage
from widget.i18n import translations
from widget.storage.models import Thread

pytestmark = pytest.mark.browser

# Readers' names and words: none of them is a string of ours, so none can count as English.
THREAD = [
    ("Marta Villanueva", "Dónde está el informe completo?", None),
    ("Daniel Okafor", "Das Protokoll liegt im Archiv, Seite 12.", 0),
    ("Lucía Herrera", "Grazie, lo leggo stasera.", 1),
    ("Joana Prates", "Obrigada pela ligação.", None),
]


@pytest.fixture(scope="module")
def live(tmp_path_factory, sqlite_template, prescreen_folder):
    """One service and news site for every language of this module (links hold comments;
    the pre-screen is ready, on for the site only while its own test runs)."""
    app = make_app(
        tmp_path_factory.mktemp("languages-widget"),
        sqlite_template,
        HOLD_LINK_COUNT=2,
        POST_RATE_LIMIT="1000 per minute",
        PRESCREEN=True,
        PRESCREEN_FOLDER=str(prescreen_folder),
    )
    served = start_live(app)
    yield served
    stop_live(served)


@pytest.fixture
def page(page):
    """A phone's width: where long words (German) break a layout first."""
    page.set_viewport_size({"width": 320, "height": 720})
    return page


def seed(live, url: str) -> None:
    api = live.api()
    ids: list[int] = []
    for name, text, parent in THREAD:
        response = api.post_comment(
            url=url, name=name, text=text, parent_id=ids[parent] if parent is not None else ...
        )
        ids.append(response.get_json()["comment"]["id"])


def open_widget(live, page, name: str, language: str):
    """A host page in English whose widget asks for `language` with `data-lang`."""
    page.goto(live.host_page(name, script_attrs=f'data-lang="{bcp47(language)}"'))
    widget = page.locator("#comments")
    expect(widget.locator(".t")).to_have_attribute("lang", bcp47(language))
    return widget


def fill(widget, t: dict, text: str, email: str = "lectora@example.org") -> None:
    widget.get_by_role("textbox", name=t["text"], exact=True).fill(text)
    widget.get_by_role("textbox", name=t["name"], exact=True).fill("Lectora Quinta")
    widget.get_by_role("textbox", name=t["email"], exact=True).fill(email)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_widget_speaks_the_readers_language(live, page, language):
    t = words(language)
    findings = Findings(language)

    # An empty thread, then the form sent empty: every field's message.
    widget = open_widget(live, page, f"empty-{language}", language)
    expect(widget.get_by_role("button", name=t["post"], exact=True)).to_be_visible()
    findings.check(page, "empty thread")
    widget.get_by_role("textbox", name=t["email"], exact=True).fill("not an address")
    widget.get_by_role("button", name=t["post"], exact=True).click()
    expect(widget.locator("#f-email-error")).to_have_text(t["badEmail"])
    findings.check(page, "form with errors")

    # Published, then opened for editing within the edit window.
    fill(widget, t, "Primeira leitura, sem ligações.")
    widget.get_by_role("button", name=t["post"], exact=True).click()
    expect(widget.get_by_text(t["posted"])).to_be_visible()
    findings.check(page, "posted")
    mine = widget.locator("article.comment").first
    mine.get_by_role("button", name=f"{t['edit']}: Lectora Quinta", exact=True).click()
    expect(widget.get_by_role("textbox", name=t["editLabel"], exact=True)).to_be_visible()
    findings.check(page, "editing")
    widget.get_by_role("button", name=t["cancelEdit"], exact=True).click()

    # Two links hold a comment: "awaiting moderation".
    fill(widget, t, "Vedi https://example.org/a e https://example.org/b")
    widget.get_by_role("button", name=t["post"], exact=True).click()
    expect(widget.locator(".pending")).to_have_text(t["awaiting"])
    findings.check(page, "held")

    # A thread with replies: sort menu, a like, the reply form, the report dialog.
    url = live.host_page(f"thread-{language}", script_attrs=f'data-lang="{bcp47(language)}"')
    seed(live, url)
    widget = open_widget(live, page, f"thread-{language}", language)
    expect(widget.locator("article.comment")).to_have_count(4)
    expect(widget.get_by_role("combobox", name=t["sort"], exact=True)).to_be_visible()
    first = widget.locator("article.comment").first
    first.get_by_role("button", name=f"{t['like']}: Marta Villanueva", exact=True).click()
    expect(first.locator(".like")).to_have_attribute("aria-pressed", "true")
    findings.check(page, "thread with replies, liked")
    shot(page, f"languages-widget-{language}", full_page=True)
    first.get_by_role("button", name=f"{t['reply']}: Marta Villanueva", exact=True).click()
    expect(widget.get_by_role("button", name=t["cancel"], exact=True)).to_be_visible()
    findings.check(page, "reply form")
    widget.get_by_role("button", name=t["cancel"], exact=True).click()
    first.get_by_role("button", name=f"{t['report']}: Marta Villanueva", exact=True).click()
    dialog = widget.locator("dialog")
    expect(dialog.get_by_role("heading", name=t["reportTitle"])).to_be_visible()
    dialog.locator("#r-spam").check()
    findings.check(page, "report dialog")
    shot(page, f"languages-report-{language}")
    dialog.get_by_role("button", name=t["cancelEdit"], exact=True).click()
    expect(dialog).to_have_count(0)

    # A closed thread.
    with live.app.app_context():
        storage.db.session.query(Thread).filter(Thread.url.like(f"%/t/thread-{language}")).update(
            {"closed": True}, synchronize_session=False
        )
        storage.db.session.commit()
    widget = open_widget(live, page, f"thread-{language}", language)
    expect(widget.get_by_text(t["closed"])).to_be_visible()
    findings.check(page, "closed thread")

    # The server out of reach: the error banner.
    page.route(f"{live.service.url}/api/**", lambda route: route.abort())
    page.goto(page.url)
    expect(page.locator("#comments .status").first).to_be_visible()
    findings.check(page, "server unreachable")
    findings.assert_none()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pre_screens_nudge_in_every_language(live, page, language):
    t, findings = words(language), Findings(language)
    nudge = "Your comment may be hurtful to others. You can edit it, or post it as it is."
    if language != "en":
        nudge = translations(language).gettext(nudge)
    with live.app.app_context():
        site_id = storage.find_site_by_origin(live.blog.url).id
    set_site(live.app, site_id, prescreen=True)
    try:
        widget = open_widget(live, page, f"nudge-{language}", language)
        fill(widget, t, TOXIC_EN)
        widget.get_by_role("button", name=t["post"], exact=True).click()
        expect(widget.get_by_role("status").filter(has_text=nudge)).to_have_text(nudge)
        findings.check(page, "pre-screen nudge")
    finally:
        set_site(live.app, site_id, prescreen=False)
    findings.assert_none()
