"""The queue with the pre-screen: each score shown, "Most likely toxic first", paged."""

from __future__ import annotations

import re

import pytest

from tests.actions import Admin, Api
from tests.prescreening import BLOG, MODEL_EN, TOXIC_EN, set_site
from widget import storage
from widget.accounts.moderators import create_moderator

TEXTS = {
    "kind": "Thank you for the careful reporting on the new bus lanes downtown.",
    "rude": "Shut up, nobody cares about your opinion.",
    "toxic": TOXIC_EN,
    "mild": "This is a dumb idea",
}


@pytest.fixture
def moderator_browser(screened_app):
    with screened_app.app_context():
        create_moderator("mod@example.org", "a long moderation passphrase")
    browser = Admin(screened_app.test_client())
    assert browser.login("mod@example.org", "a long moderation passphrase").status_code == 303
    return browser


@pytest.fixture
def queued(screened_app, app_factory):
    """Held comments of every kind (the site holds all; the nudge is off), and one posted
    while the pre-screen was off (no score)."""
    set_site(screened_app, moderation="all", prescreen=False)
    reader = Api(screened_app.test_client(), origin=BLOG)
    ids = {
        name: reader.post_comment(text=text).get_json()["comment"]["id"]
        for name, text in TEXTS.items()
    }
    unscreened = Api(app_factory().test_client(), origin=BLOG)
    ids["unscored"] = unscreened.post_comment(text="Posted before the pre-screen.").get_json()[
        "comment"
    ]["id"]
    return ids


def _order(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'id="pick-(\d+)"', page)]


def test_newest_first_by_default_and_most_likely_toxic_first_on_demand(queued, moderator_browser):
    newest = moderator_browser.get("/admin/").get_data(as_text=True)
    assert _order(newest) == sorted(queued.values(), reverse=True)
    assert '<strong aria-current="page">Newest first</strong>' in newest
    toxic = moderator_browser.get("/admin/", sort="toxic").get_data(as_text=True)
    names = {ident: name for name, ident in queued.items()}
    assert [names[i] for i in _order(toxic)] == ["toxic", "mild", "rude", "kind", "unscored"]
    assert '<strong aria-current="page">Most likely toxic first</strong>' in toxic
    assert f'title="Scored by {MODEL_EN}">toxicity 1.00</span>' in toxic
    assert "language: en" in toxic


def test_the_toxic_first_queue_pages_by_score(queued, moderator_browser, monkeypatch):
    monkeypatch.setattr("widget.web.admin.comments.PAGE_SIZE", 2)
    seen, path, params = [], "/admin/", {"sort": "toxic"}
    while True:
        page = moderator_browser.get(path, **params).get_data(as_text=True)
        seen += _order(page)
        link = re.search(r'<a href="([^"]+)">Older →</a>', page)
        if not link:
            break
        path, params = link.group(1).replace("&amp;", "&"), {}
    names = {ident: name for name, ident in queued.items()}
    assert [names[i] for i in seen] == ["toxic", "mild", "rude", "kind", "unscored"]


@pytest.mark.parametrize("after", ["x:1", "2:1", "0.5:", "0.5:abc", "nan:3", ":"])
def test_a_bad_after_shows_the_first_page(queued, moderator_browser, after):
    page = moderator_browser.get("/admin/", sort="toxic", after=after)
    assert page.status_code == 200 and len(_order(page.get_data(as_text=True))) == 5


def test_the_reason_is_shown_with_the_score_and_model(screened_app, moderator_browser):
    reader = Api(screened_app.test_client(), origin=BLOG)
    reader.post_comment(text=TOXIC_EN, reconsidered=True)
    page = moderator_browser.get("/admin/").get_data(as_text=True)
    assert f'<li class="reason">toxicity 1.00 ({MODEL_EN})</li>' in page


def test_the_site_page_sets_the_prescreen(screened_app, moderator_browser):
    form = {"name": "Blog", "origins": BLOG, "moderation": "none", "close_after_days": ""}
    page = moderator_browser.get("/admin/sites/1").get_data(as_text=True)
    assert 'name="toxicity_threshold"' in page and 'name="languages"' in page
    response = moderator_browser.post(
        "/admin/sites/1", **form, prescreen="y", toxicity_threshold="0.7", languages="ES, en es"
    )
    assert response.status_code == 303
    with screened_app.app_context():
        site = storage.find_site(1)
        assert (site.prescreen, site.toxicity_threshold, site.languages) == (True, 0.7, "es en")
    audit = " ".join(" ".join(row) for row in moderator_browser.audit())
    assert "toxicity threshold: 0.8 → 0.7; languages: none → “es en”" in audit


@pytest.mark.parametrize(
    ("field", "value"),
    [("toxicity_threshold", "1.5"), ("toxicity_threshold", "0"), ("languages", "english!")],
)
def test_the_site_page_refuses_a_bad_prescreen_value(moderator_browser, field, value):
    form = {"name": "Blog", "origins": BLOG, "moderation": "none", "close_after_days": ""}
    response = moderator_browser.post("/admin/sites/1", **form, **{field: value})
    assert response.status_code == 400
    assert f'id="{field}-error"' in response.get_data(as_text=True)


def test_sites_edit_sets_the_prescreen_from_the_command_line(screened_app):
    runner = screened_app.test_cli_runner()
    result = runner.invoke(
        args=["sites", "edit", BLOG, "--prescreen", "--toxicity-threshold", "0.7"]
        + ["--languages", "ES, en es"]
    )
    assert result.exit_code == 0, result.output
    assert "Pre-screen on: threshold 0.7, languages es en" in result.output
    with screened_app.app_context():
        site = storage.find_site(1)
        assert (site.prescreen, site.toxicity_threshold, site.languages) == (True, 0.7, "es en")
    for bad in (["--toxicity-threshold", "0"], ["--languages", "english!"]):
        refused = runner.invoke(args=["sites", "edit", BLOG, *bad])
        assert refused.exit_code != 0 and "Error:" in refused.output, bad
    off = runner.invoke(args=["sites", "edit", BLOG, "--no-prescreen", "--languages", ""])
    assert "Pre-screen off" in off.output
    with screened_app.app_context():
        site = storage.find_site(1)
        assert (site.prescreen, site.toxicity_threshold, site.languages) == (False, 0.7, "")


def test_sites_edit_says_when_the_server_prescreen_is_off(app):
    said = app.test_cli_runner().invoke(args=["sites", "edit", BLOG, "--prescreen"])
    assert said.exit_code == 0 and "applies once it is on" in said.output
