"""The embedded widget in a real browser: reading, posting, replying, errors, privacy."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from widget import storage

pytestmark = pytest.mark.browser

EMAIL = "lectora.privada@example.org"


def fill_form(page, text="A careful comment.", name="Lectora", email=EMAIL, website=""):
    widget = page.locator("#comments")
    widget.get_by_role("textbox", name="Comment", exact=True).fill(text)
    widget.get_by_role("textbox", name="Name", exact=True).fill(name)
    widget.get_by_role("textbox", name="Email", exact=True).fill(email)
    widget.get_by_role("textbox", name="Website", exact=True).fill(website)
    return widget


def shadow_active(page) -> dict:
    """What has focus inside the widget's shadow root."""
    return page.evaluate(
        """() => {
            const el = document.getElementById('comments').shadowRoot.activeElement;
            return el ? {tag: el.tagName, id: el.id, cls: el.className} : {};
        }"""
    )


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


def test_server_field_errors_show_next_to_their_fields(live, page):
    page.goto(live.article_url)
    widget = fill_form(page, email="ana@example..org")  # passes the client's shape check
    widget.get_by_role("button", name="Post Comment").click()
    email = widget.get_by_role("textbox", name="Email", exact=True)
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(widget.locator("#f-email-error")).to_contain_text("not a valid email")
    expect(email).to_have_attribute("aria-describedby", "f-email-error")
    expect(widget.get_by_role("status").last).to_have_text(
        "Please correct the fields marked below."
    )
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


def test_the_email_is_nowhere_in_the_page_or_its_responses(live, page):
    bodies = []
    page.on(
        "response",
        lambda response: bodies.append(response) if live.service.url in response.url else None,
    )
    page.goto(live.article_url)
    widget = fill_form(page)
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_have_count(1)

    def read_bodies() -> list[str]:  # before navigating: bodies are gone after
        texts = [r.text() for r in bodies if r.request.method != "OPTIONS" and r.status != 304]
        bodies.clear()
        return texts

    texts = read_bodies()
    page.reload()
    expect(page.locator("#comments article.comment")).to_have_count(1)
    texts += read_bodies()
    assert len(texts) >= 4
    assert all(EMAIL not in text for text in texts)
    dom = page.evaluate(
        "() => document.documentElement.outerHTML"
        " + document.getElementById('comments').shadowRoot.innerHTML"
    )
    assert EMAIL not in dom


def test_the_hosts_stylesheet_does_not_reach_the_widget(live, page):
    live.api().post_comment(url=live.blog.url + "/t/plain", name="Marta", text="Styled?")
    live.api().post_comment(url=live.blog.url + "/t/hostile", name="Marta", text="Styled?")
    hostile = (
        "<style>div, form, input, button, textarea, p, a, h2, h3, ol, li, label {"
        " color: #f0f !important; background: #ff0 !important;"
        " font: italic 30px/3 serif !important;"
        " letter-spacing: 4px !important; text-transform: uppercase !important;"
        " border: 6px dashed red !important; margin: 20px !important; padding: 20px !important; }"
        " #comments { border: 0 !important; margin: 0 !important; padding: 0 !important; }</style>"
    )
    pictures = []
    for name, head in (("plain", ""), ("hostile", hostile)):
        page.goto(live.host_page(name, head=head))
        inner = page.locator("#comments .t")
        expect(inner.locator("article.comment")).to_have_count(1)
        pictures.append(inner.screenshot(animations="disabled"))
    assert pictures[0] == pictures[1]


def test_the_spanish_interface(live, page):
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


def test_counts_on_a_listing_page(live, page):
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


def test_the_saved_details_checkbox(live, page):
    page.goto(live.article_url)
    widget = fill_form(page, website="https://lectora.example")
    widget.get_by_role("checkbox", name="Save my name, email, and website", exact=False).check()
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_have_count(1)
    page.reload()
    widget = page.locator("#comments")
    expect(widget.get_by_role("textbox", name="Name", exact=True)).to_have_value("Lectora")
    expect(widget.get_by_role("textbox", name="Email", exact=True)).to_have_value(EMAIL)
    expect(widget.get_by_role("textbox", name="Website", exact=True)).to_have_value(
        "https://lectora.example"
    )
    expect(
        widget.get_by_role("checkbox", name="Save my name, email, and website", exact=False)
    ).to_be_checked()
    stored = page.evaluate("() => Object.keys(localStorage).join(' ')")
    assert ":author" in stored
    widget.get_by_role("checkbox", name="Save my name, email, and website", exact=False).uncheck()
    widget.get_by_role("textbox", name="Comment", exact=True).fill("Forget me now.")
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_have_count(2)
    page.reload()
    expect(page.locator("#comments").get_by_role("textbox", name="Name", exact=True)).to_have_value(
        ""
    )


def test_without_the_checkbox_nothing_is_remembered(live, page):
    page.goto(live.article_url)
    widget = fill_form(page)
    widget.get_by_role("button", name="Post Comment").click()
    expect(widget.locator("article.comment")).to_have_count(1)
    page.reload()
    expect(
        page.locator("#comments").get_by_role("textbox", name="Email", exact=True)
    ).to_have_value("")


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
    from widget.models import Thread

    with live.app.app_context():
        storage.db.session.query(Thread).update({"closed": True})
        storage.db.session.commit()
    page.goto(live.article_url)
    widget = page.locator("#comments")
    expect(widget.get_by_text("Comments are closed.")).to_be_visible()
    expect(widget.get_by_role("button", name="Post Comment")).to_be_hidden()
    expect(widget.get_by_role("button", name=re.compile("^Reply"))).to_have_count(0)


def test_the_widget_talks_only_to_its_own_server(live, page):
    hosts = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    live.api().post_comment(url=live.article_url)
    page.goto(live.article_url)
    expect(page.locator("#comments article.comment")).to_have_count(1)
    assert hosts <= {live.blog.url.split("/")[2], live.service.url.split("/")[2]}


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
        from widget.models import Comment

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
