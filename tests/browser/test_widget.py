"""The embedded widget in a real browser: reading, posting, replying, editing, paging."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.widget_page import EMAIL, fill_form, shadow_active
from widget import storage

pytestmark = pytest.mark.browser


def test_a_reader_posts_and_sees_the_comment_at_once(live, page):
    page.goto(live.article_url)
    widget = page.locator("#comments")
    expect(widget.get_by_role("heading", name="No comments yet")).to_be_visible()
    expect(widget.get_by_role("heading", name="Leave a Reply")).to_be_visible()
    expect(widget.get_by_text("Your email address will not be published.")).to_be_visible()
    fill_form(
        page, text="First!\n\nSee https://example.org/report", website="https://lectora.example"
    )
    widget.get_by_role("button", name="Post Comment").click()
    comment = widget.locator("article.comment")
    expect(comment).to_have_count(1)
    expect(comment.get_by_role("link", name="Lectora")).to_have_attribute(
        "rel", "nofollow ugc noopener"
    )
    expect(comment.get_by_role("link", name="https://example.org/report")).to_be_visible()
    expect(widget.get_by_role("heading", name="1 comment")).to_be_visible()
    assert shadow_active(page)["tag"] == "ARTICLE"  # focus moved to the new comment
    expect(widget.get_by_role("textbox", name="Comment", exact=True)).to_have_value("")
    expect(widget.get_by_role("textbox", name="Name", exact=True)).to_have_value("Lectora")
    expect(comment.locator("time")).to_have_attribute("datetime", re.compile(r"Z$"))
    page.reload()
    expect(page.locator("#comments article.comment")).to_have_count(1)


def test_a_reader_replies_under_a_comment(live, page):
    live.api().post_comment(url=live.article_url, name="Marta", text="Original point.")
    page.goto(live.article_url)
    widget = page.locator("#comments")
    widget.get_by_role("button", name="Reply: Marta").click()
    expect(widget.get_by_role("heading", name="Reply to Marta")).to_be_visible()
    assert shadow_active(page)["id"] == "f-text"
    widget.get_by_role("button", name="Cancel reply").click()
    expect(widget.get_by_role("heading", name="Leave a Reply")).to_be_visible()
    widget.get_by_role("button", name="Reply: Marta").click()
    fill_form(page, text="I see it differently.")
    widget.get_by_role("button", name="Post Comment").click()
    reply = widget.locator("ol.replies article.comment")
    expect(reply).to_contain_text("I see it differently.")
    expect(widget.get_by_role("heading", name="Leave a Reply")).to_be_visible()
    page.reload()
    expect(page.locator("#comments ol.replies article.comment")).to_have_count(1)


def test_a_spanish_page_gets_the_widget_in_spanish(live, page):
    live.api().post_comment(url=live.blog.url + "/t/es", name="Marta", text="Hola.")
    page.goto(live.host_page("es", lang="es"))
    widget = page.locator("#comments")
    expect(widget.get_by_role("heading", name="1 comentario")).to_be_visible()
    expect(widget.get_by_role("heading", name="Deja una respuesta")).to_be_visible()
    expect(widget.get_by_role("button", name="Publicar el comentario")).to_be_visible()
    expect(widget.get_by_role("textbox", name="Correo electrónico", exact=True)).to_be_visible()
    expect(
        widget.get_by_text("Tu dirección de correo electrónico no será publicada.")
    ).to_be_visible()
    expect(widget.locator("time")).to_have_text(re.compile(r"ahora|hace"))
    widget.get_by_role("button", name="Publicar el comentario").click()
    expect(widget.locator("#f-name-error")).to_have_text("Este campo es obligatorio.")
    summary = widget.get_by_role("alert")  # above the fields it speaks of (issue 20, item 7)
    expect(summary).to_have_text("Corrige los campos marcados abajo.")
    assert summary.bounding_box()["y"] < widget.locator("#f-text").bounding_box()["y"]


def test_posting_and_replying_by_keyboard_alone(live, page):
    page.goto(live.article_url)
    page.locator("#comments .count").wait_for()
    for _ in range(60):
        if shadow_active(page).get("id") == "f-text":
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("the comment field cannot be reached with Tab")
    page.keyboard.type("Typed without a mouse.")
    for value in ("Teclado", EMAIL):
        page.keyboard.press("Tab")
        page.keyboard.type(value)
    while shadow_active(page).get("cls") != "submit":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    widget = page.locator("#comments")
    expect(widget.locator("article.comment")).to_have_count(1)
    assert shadow_active(page)["tag"] == "ARTICLE"
    page.keyboard.press("Tab")
    assert shadow_active(page)["cls"] == "reply"
    page.keyboard.press("Enter")
    assert shadow_active(page)["id"] == "f-text"
    page.keyboard.type("And a reply, also by keyboard.")
    while shadow_active(page).get("cls") != "submit":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(widget.locator("ol.replies article.comment")).to_have_count(1)
    assert shadow_active(page)["tag"] == "ARTICLE"


def test_a_listing_page_shows_each_articles_comment_count(live, page):
    api = live.api()
    first = live.blog.url + "/2026/11/covert-action-considered/"
    second = live.blog.url + "/es/2026/11/accion-encubierta/"
    for _ in range(3):
        api.post_comment(url=first)
    api.post_comment(url=second)
    counted = []
    page.on("request", lambda r: counted.append(r.url) if "/api/counts" in r.url else None)
    page.goto(live.blog.url + "/")
    expect(page.get_by_role("link", name="3 comments")).to_be_visible()
    expect(page.get_by_role("link", name="1 comment", exact=True)).to_be_visible()
    assert len(counted) == 1  # one request for the whole page
    page.goto(live.blog.url + "/?lang=es")
    expect(page.get_by_role("link", name="3 comentarios")).to_be_visible()
    expect(page.get_by_role("link", name="1 comentario", exact=True)).to_be_visible()


def test_held_comments_are_shown_to_their_author_only(live, page, browser):
    with live.app.app_context():
        storage.find_site_by_origin(live.blog.url).moderation = "all"
        storage.db.session.commit()
    page.goto(live.article_url)
    widget = fill_form(page, text="Please approve me.")
    widget.get_by_role("button", name="Post Comment").click()
    held = widget.locator("article.comment")
    expect(held).to_contain_text("Your comment is awaiting moderation.")
    expect(widget.get_by_role("heading", name="No comments yet")).to_be_visible()
    page.reload()
    expect(page.locator("#comments article.comment")).to_contain_text(
        "Your comment is awaiting moderation."
    )
    stranger = browser.new_page()
    stranger.goto(live.article_url)
    expect(
        stranger.locator("#comments").get_by_role("heading", name="No comments yet")
    ).to_be_visible()
    expect(stranger.locator("#comments article.comment")).to_have_count(0)
    stranger.close()


def test_load_more_fetches_the_next_page(live, page):
    live.app.config["PAGE_SIZE"] = 3
    api = live.api()
    for number in range(5):
        api.post_comment(url=live.article_url, text=f"Comment number {number}")
    page.goto(live.article_url)
    widget = page.locator("#comments")
    expect(widget.locator("article.comment")).to_have_count(3)
    widget.get_by_role("button", name="Load more comments").click()
    expect(widget.locator("article.comment")).to_have_count(5)
    expect(widget.get_by_role("button", name="Load more comments")).to_be_hidden()
    assert shadow_active(page)["tag"] == "ARTICLE"


def test_a_closed_thread_shows_no_form(live, page):
    live.api().post_comment(url=live.article_url)
    from widget.storage.models import Thread

    with live.app.app_context():
        storage.db.session.query(Thread).update({"closed": True})
        storage.db.session.commit()
    page.goto(live.article_url)
    widget = page.locator("#comments")
    expect(widget.get_by_text("Comments are closed.")).to_be_visible()
    expect(widget.get_by_role("button", name="Post Comment")).to_be_hidden()
    expect(widget.get_by_role("button", name=re.compile("^Reply"))).to_have_count(0)


def test_the_author_edits_and_deletes_their_comment(live, page):
    page.goto(live.article_url)
    widget = fill_form(page, text="Frist!")
    widget.get_by_role("button", name="Post Comment").click()
    comment = widget.locator("article.comment")
    comment.get_by_role("button", name="Edit").click()
    editor = widget.get_by_role("textbox", name="Edit your comment")
    expect(editor).to_have_value("Frist!")
    editor.fill("First, *properly*.")
    widget.get_by_role("button", name="Save").click()
    expect(comment.locator(".body")).to_have_text("First, properly.")
    expect(comment.locator(".body em")).to_have_text("properly")
    page.reload()
    widget = page.locator("#comments")
    expect(widget.locator("article.comment .body")).to_have_text("First, properly.")
    page.once("dialog", lambda dialog: dialog.accept())
    widget.locator("article.comment").get_by_role("button", name="Delete").click()
    expect(widget.locator("article.comment")).to_have_count(0)
    expect(widget.get_by_role("heading", name="No comments yet")).to_be_visible()


def test_other_readers_get_no_edit_buttons(live, page):
    live.api().post_comment(url=live.article_url, name="Marta")
    page.goto(live.article_url)
    comment = page.locator("#comments article.comment")
    expect(comment).to_have_count(1)
    expect(comment.get_by_role("button", name="Edit")).to_have_count(0)
