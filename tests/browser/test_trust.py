"""The widget and issue 19's trust rules, in Chromium: a form token refused for another
network is renewed without losing the reader's text; an edit under review says so; the
returning commenter's key is kept and sent back."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.test_demo import run_axe
from tests.browser.widget_page import fill_form
from widget import storage
from widget.comments.form_tokens import issue_form_token
from widget.core.clients import Client
from widget.moderation import notices
from widget.storage.models import Comment

pytestmark = pytest.mark.browser


def _foreign_token(live) -> str:
    """A genuine token for this thread, fetched by a client of another network."""
    import ipaddress

    with live.app.app_context():
        site = storage.find_site_by_origin(live.blog.url)
        stranger = Client(address=ipaddress.ip_address("192.0.2.1"))
        return issue_form_token(site.id, live.article_url, stranger)


def test_a_token_from_another_network_is_renewed_and_the_text_goes_through(live, page):
    live.app.config["FORM_TOKEN_MIN_AGE"] = 1  # a fresh token must wait too: the widget waits
    foreign = _foreign_token(live)
    first = {"done": False}

    def hand_out_a_foreign_token(route):
        if first["done"]:
            return route.continue_()
        first["done"] = True
        route.fulfill(
            status=200,
            headers={"Access-Control-Allow-Origin": live.blog.url, "Cache-Control": "no-store"},
            json={"form_token": foreign},
        )

    page.route("**/api/form-token*", hand_out_a_foreign_token)
    answers = []
    page.on(
        "response",
        lambda r: answers.append(r.status) if r.url.endswith("/api/comments") else None,
    )
    page.goto(live.article_url)
    text = "Written on the train, posted from the station's wifi."
    widget = fill_form(page, text=text)
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_contain_text(text, timeout=15000)
    assert answers == [400, 400, 201]  # another network; a fresh token, too fast; posted
    with live.app.app_context():
        (comment,) = storage.db.session.query(Comment).all()
        assert comment.text == text


def test_an_edit_under_review_says_so_and_keeps_the_text(live, page):
    page.goto(live.article_url)
    widget = fill_form(page, text="Words under review.")
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_contain_text("Words under review.")
    key = page.evaluate(
        "() => Object.keys(localStorage).filter((k) => k.endsWith(':key'))"
        ".map((k) => JSON.parse(localStorage.getItem(k)))[0]"
    )
    assert isinstance(key, str) and len(key) > 20  # the returning commenter's proof
    with live.app.app_context():  # a notice, confirmed by its sender, holds the comment
        (comment,) = storage.db.session.query(Comment).all()
        import ipaddress

        sender = Client(address=ipaddress.ip_address("192.0.2.1"))
        new = notices.NewNotice(comment.id, "defamation", "False.", "", "n@example.org", "en")
        notice, _ = notices.submit(new, sender)
        notices.confirm(notice.id)
        assert comment.commenter_key is not None
    widget.get_by_role("button", name="Edit").click()
    box = widget.get_by_role("textbox", name="Edit your comment")
    box.fill("Words nobody reviewed.")
    widget.get_by_role("button", name="Save").click()
    status = widget.get_by_role("status").filter(has_text="Moderators are reviewing")
    expect(status).to_have_text(
        "Moderators are reviewing this comment, so it cannot be edited until they decide."
    )
    expect(box).to_have_value("Words nobody reviewed.")  # nothing the reader wrote is lost
    shot(widget, "widget-edit-under-review")
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)
    with live.app.app_context():
        assert storage.db.session.query(Comment).one().text == "Words under review."
