"""The widget when something is wrong: field errors, limits, expired or young tokens, bots."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.widget_page import fill_form, shadow_active
from widget import storage

pytestmark = pytest.mark.browser


def test_server_field_errors_show_next_to_their_fields(live, page):
    page.goto(live.article_url)
    widget = fill_form(page, email="ana@example..org")  # passes the client's shape check
    widget.get_by_role("button", name="Post Comment").click()
    email = widget.get_by_role("textbox", name="Email", exact=True)
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(widget.locator("#f-email-error")).to_contain_text("not a valid email")
    expect(email).to_have_attribute("aria-describedby", "f-email-error")
    summary = widget.get_by_role("alert")
    expect(summary).to_have_text("Please correct the fields marked below.")
    # Above the fields it speaks of (issue 20, item 7).
    summary_box = summary.bounding_box()
    assert summary_box["y"] + summary_box["height"] <= widget.locator("#f-text").bounding_box()["y"]
    expect(widget.get_by_role("textbox", name="Comment", exact=True)).to_have_value(
        "A careful comment."
    )
    shot(widget, "widget-field-errors")


def test_client_checks_catch_empty_fields_before_posting(live, page):
    page.goto(live.article_url)
    requests = []
    page.on("request", lambda r: requests.append(r) if r.method == "POST" else None)
    page.locator("#comments").get_by_role("button", name="Post Comment").click()
    for field in ("Comment", "Name", "Email"):
        control = page.locator("#comments").get_by_role("textbox", name=field, exact=True)
        expect(control).to_have_attribute("aria-invalid", "true")
    assert shadow_active(page)["id"] == "f-text"
    assert requests == []


def test_a_rate_limited_post_says_how_long_to_wait(live, page):
    live.app.config["POST_RATE_LIMIT"] = "1 per minute"
    page.goto(live.article_url)
    widget = fill_form(page)
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_have_count(1)
    widget.get_by_role("textbox", name="Comment", exact=True).fill("Again, quickly.")
    widget.get_by_role("button", name="Post Comment").click()
    status = widget.locator(".respond .status")
    expect(status).to_have_text(re.compile(r"Please wait \d+ seconds"))
    expect(widget.get_by_role("textbox", name="Comment", exact=True)).to_have_value(
        "Again, quickly."
    )
    expect(widget.get_by_role("button", name="Post Comment")).to_be_enabled()


def test_server_field_errors_in_spanish(live, page):
    page.goto(live.host_page("es-errors", lang="es"))
    widget = page.locator("#comments")
    widget.get_by_role("textbox", name="Comentario", exact=True).fill("Hola")
    widget.get_by_role("textbox", name="Nombre", exact=True).fill("Rosa")
    widget.get_by_role("textbox", name="Correo electrónico", exact=True).fill("rosa@example..org")
    widget.get_by_role("button", name="Publicar el comentario").click()
    expect(widget.locator("#f-email-error")).to_have_text(
        "No es una dirección de correo electrónico válida."
    )


def test_an_expired_form_token_is_renewed_and_the_post_goes_through(live, page):
    live.app.config["FORM_TOKEN_MAX_AGE"] = 2
    posts = []
    page.on("request", lambda r: posts.append(r) if r.method == "POST" else None)
    page.goto(live.article_url)
    widget = fill_form(page, text="Written slowly.")
    page.wait_for_timeout(3000)  # the token handed out with the page expires meanwhile
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_contain_text("Written slowly.")
    assert len(posts) == 2  # refused once, renewed, accepted


def test_a_post_sooner_than_the_minimum_age_waits_and_goes_through(live, page):
    live.app.config["FORM_TOKEN_MIN_AGE"] = 2
    page.goto(live.article_url)
    widget = fill_form(page, text="Quick, but human.")
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_contain_text("Quick, but human.", timeout=10000)


def test_a_bot_filling_the_honeypot_is_kept_as_spam(live, page):
    page.goto(live.article_url)
    widget = fill_form(page, text="Buy now")
    page.evaluate(
        "() => { const i = document.getElementById('comments').shadowRoot"
        ".querySelector('[name=homepage]'); i.value = 'https://spam.example'; }"
    )
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_contain_text("awaiting moderation")
    with live.app.app_context():
        from widget.storage.models import Comment

        assert storage.db.session.query(Comment).one().status == "spam"


def test_the_client_checks_follow_the_servers_length_limit(live, page):
    live.app.config["MAX_COMMENT_LENGTH"] = 20
    posts = []
    page.on("request", lambda r: posts.append(r) if r.method == "POST" else None)
    page.goto(live.article_url)
    widget = fill_form(page, text="This is longer than twenty characters.")
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("#f-text-error")).to_have_text("This is too long: at most 20 characters.")
    assert posts == []
