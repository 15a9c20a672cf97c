"""After posting without JavaScript, the reader lands at what they did (issue 20, item 3):
their comment with the notice beside it (on the page that shows it), or the notice next to
the form when the comment waits; the anchor is in the URL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.nojs import ADDRESS, comment_ids, get_page, html, post_form, set_moderation


def _follow(client, response):
    assert response.status_code == 303
    return html(client.get(response.headers["Location"], environ_base={"REMOTE_ADDR": ADDRESS}))


def _notice_inside(doc, tag: str, **attrs) -> str:
    container = doc.find(tag, **attrs)
    assert container is not None
    notice = container.find("p", role="status")
    return notice.text.strip() if notice else ""


def test_a_published_comment_is_landed_on_with_its_notice(client, app):
    response = post_form(client, html(get_page(client)), text="Landing here.")
    location = urlsplit(response.headers["Location"])
    [comment_id] = comment_ids(_follow(client, post_form(client, html(get_page(client)))))[1:]
    assert location.fragment.startswith("comment-")
    page = _follow(client, post_form(client, html(get_page(client)), text="And here."))
    newest = max(comment_ids(page))
    assert newest > comment_id
    assert _notice_inside(page, "li", id=f"comment-{newest}") == "Your comment was published."
    assert _notice_inside(page, "section", id="respond") == ""  # not by the form, nor at the top


def test_on_a_long_thread_the_page_that_shows_the_comment_opens(client, app, api):
    app.config["PAGE_SIZE"] = 3
    for number in range(5):
        api.post_comment(text=f"Older comment {number}")
    response = post_form(client, html(get_page(client)), text="Beyond the first page.")
    location = urlsplit(response.headers["Location"])
    assert "cursor" in parse_qs(location.query)
    page = _follow(client, response)
    [mine] = [i for i in comment_ids(page) if f"comment-{i}" == location.fragment]
    assert _notice_inside(page, "li", id=f"comment-{mine}") == "Your comment was published."
    assert "Beyond the first page." in page.find("li", id=f"comment-{mine}").text
    # The way back to the first comments is on that page.
    assert page.find("nav", **{"class": "pager"}) is not None


def test_a_held_comment_lands_at_a_notice_next_to_the_form(client, app):
    set_moderation(app, "all")
    response = post_form(client, html(get_page(client, lang="es")))
    assert urlsplit(response.headers["Location"]).fragment == "respond"
    page = _follow(client, response)
    notice = _notice_inside(page, "section", id="respond")
    assert notice == "Tu comentario está pendiente de moderación."
    # Above the form, not at the top of the page.
    respond = page.find("section", id="respond")
    assert respond.find("p", role="status") is not None
    assert all(node.parent.tag != "main" for node in page.find_all("p", role="status"))
