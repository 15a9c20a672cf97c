"""The thread without JavaScript: GET and POST /threads."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.actions import ARTICLE
from tests.conftest import BLOG
from tests.nojs import (
    ADDRESS,
    CANONICAL,
    EVIL,
    assert_safe_headers,
    author_of,
    close_thread,
    comment_ids,
    field_error_of,
    form_values,
    get_page,
    html,
    parent_comment_id,
    post_form,
    set_moderation,
    stored_comments,
    three_comments,
)
from widget import storage

# ---- reading ---------------------------------------------------------------


def test_the_page_shows_published_comments_nested_and_the_form(api, client, app):
    first, reply, second = three_comments(api)
    set_moderation(app, "all")
    assert api.post_comment(name="Held Back").status_code == 201  # pending: not shown

    response = get_page(client)
    assert response.status_code == 200
    doc = html(response)
    assert doc.find("html").attrs["lang"] == "en"
    assert doc.find("h1").text.strip() == "3 comments"
    assert comment_ids(doc) == [first, reply, second]
    assert parent_comment_id(doc, reply) == first
    assert parent_comment_id(doc, first) is None
    assert parent_comment_id(doc, second) is None
    assert "Held Back" not in response.get_data(as_text=True)
    assert author_of(doc, reply).text.strip() == "Bea Replier"
    assert "A thoughtful comment." in doc.find("li", id=f"comment-{first}").text

    form = doc.find("form", method="post")
    assert form.attrs["action"] == "/threads"
    hidden = form_values(doc)
    assert len(hidden["csrf_token"]) > 20
    assert len(hidden["form_token"]) > 20
    assert hidden["url"] == CANONICAL
    assert hidden["parent_id"] == ""
    assert {"text", "name", "email", "website"} <= {
        node.attrs.get("name") for node in form.iter() if node.tag in ("input", "textarea")
    }
    assert doc.find("h2").text.strip() == "Leave a Reply"
    reply_link = doc.find("li", id=f"comment-{first}").find("a", **{"class": "comment-reply"})
    assert f"replytocom={first}" in reply_link.attrs["href"]


def test_an_empty_thread_says_so_and_is_not_created(client, app):
    doc = html(get_page(client))
    assert doc.find("h1").text.strip() == "No comments yet"
    assert comment_ids(doc) == []
    assert doc.find("form", method="post") is not None
    with app.app_context():
        site = storage.find_site_by_origin(BLOG)
        assert storage.find_thread(site.id, CANONICAL) is None


def test_one_comment_is_counted_in_the_singular(api, client):
    api.post_comment()
    assert html(get_page(client)).find("h1").text.strip() == "1 comment"


@pytest.mark.parametrize(
    ("params", "headers"),
    [
        ({"lang": "es"}, {}),
        ({}, {"Accept-Language": "es"}),
        ({}, {"Accept-Language": "es-ES,es;q=0.9,en;q=0.5"}),
        ({"lang": "es"}, {"Accept-Language": "en"}),
    ],
)
def test_the_page_speaks_spanish_when_asked(api, client, params, headers):
    api.post_comment()
    doc = html(get_page(client, headers=headers, **params))
    assert doc.find("html").attrs["lang"] == "es"
    assert doc.find("h1").text.strip() == "1 comentario"
    assert doc.find("h2").text.strip() == "Deja una respuesta"
    assert doc.find("button").text.strip() == "Publicar el comentario"
    assert doc.find("label", **{"for": "email"}).text.strip().startswith("Correo electrónico")
    assert form_values(doc)["lang"] == "es"
    assert "Leave a Reply" not in str(doc.text)


def test_english_is_the_default_for_other_languages(client):
    doc = html(get_page(client, headers={"Accept-Language": "sv"}, lang="xx"))
    assert doc.find("html").attrs["lang"] == "en"
    assert doc.find("h2").text.strip() == "Leave a Reply"


# ---- posting -----------------------------------------------------------------


def test_a_post_is_stored_and_redirects_to_the_comment(client, app):
    doc = html(get_page(client))
    response = post_form(client, doc, text="Hello *without* scripts.")
    assert response.status_code == 303
    [stored] = stored_comments(app)
    assert stored.status == "published"
    assert stored.name == "Nora Plain"
    assert stored.email == "nora.plain@example.org"
    assert stored.network == "203.0.113.0/24"
    assert stored.parent_id is None

    location = urlsplit(response.headers["Location"])
    assert location.path == "/threads"
    assert parse_qs(location.query)["url"] == [CANONICAL]
    assert location.fragment == f"comment-{stored.id}"

    followed = client.get(response.headers["Location"], environ_base={"REMOTE_ADDR": ADDRESS})
    assert followed.status_code == 200
    page = html(followed)
    notices = [node.text.strip() for node in page.find_all("p", role="status")]
    assert notices == ["Your comment was published."]
    assert comment_ids(page) == [stored.id]
    assert "<em>without</em>" in followed.get_data(as_text=True)
    # The notice is shown once.
    again = html(get_page(client))
    assert again.find_all("p", role="status") == []


def test_the_notice_follows_the_language_of_the_form(client, app):
    doc = html(get_page(client, lang="es"))
    response = post_form(client, doc)
    assert response.status_code == 303
    assert parse_qs(urlsplit(response.headers["Location"]).query)["lang"] == ["es"]
    page = html(client.get(response.headers["Location"]))
    assert page.find("p", role="status").text.strip() == "Tu comentario se ha publicado."


def test_a_post_held_for_moderation_says_so_and_is_not_listed(client, app):
    set_moderation(app, "all")
    response = post_form(client, html(get_page(client)))
    assert response.status_code == 303
    [stored] = stored_comments(app)
    assert stored.status == "pending"
    assert urlsplit(response.headers["Location"]).fragment == "respond"

    page = html(client.get(response.headers["Location"]))
    notices = [node.text.strip() for node in page.find_all("p", role="status")]
    assert notices == ["Your comment is awaiting moderation."]
    assert comment_ids(page) == []
    assert page.find("h1").text.strip() == "No comments yet"
    assert "Written without JavaScript." not in page.text


@pytest.mark.parametrize("csrf_token", [None, "", "forged.token.value"])
def test_a_post_without_a_valid_csrf_token_shows_the_form_again(client, app, csrf_token):
    doc = html(get_page(client))
    typed = "A long comment I do not want to type again.\nSecond line & <more>."
    response = post_form(client, doc, csrf_token=csrf_token, text=typed, name="Kept Name")
    assert response.status_code == 400
    page = html(response)
    assert page.find("p", role="alert").text.strip() == "The form expired. Please submit it again."
    assert page.find("textarea", name="text").text.strip() == typed.strip()
    assert page.find("input", name="name").attrs["value"] == "Kept Name"
    assert len(form_values(page)["csrf_token"]) > 20  # a fresh token to submit again with
    assert stored_comments(app) == []


def test_a_post_from_another_browser_session_is_refused(client, app):
    doc = html(get_page(client))
    stranger = app.test_client()  # no session cookie: the CSRF token is not theirs
    response = post_form(stranger, doc)
    assert response.status_code == 400
    assert "The form expired" in html(response).find("p", role="alert").text
    assert stored_comments(app) == []


def test_invalid_fields_are_marked_next_to_them_and_kept(client, app):
    doc = html(get_page(client))
    response = post_form(
        client,
        doc,
        name="",
        email="not-an-email",
        website="ftp://files.example.org",
        text="Text that is fine.",
    )
    assert response.status_code == 400
    page = html(response)
    assert page.find("p", role="alert").text.strip() == "Please correct the fields marked below."
    assert "enter your name" in field_error_of(page, "name")
    assert "not a valid email" in field_error_of(page, "email")
    assert "http:// or https://" in field_error_of(page, "website")
    text = page.find("textarea", name="text")
    assert "aria-invalid" not in text.attrs
    assert text.attrs["aria-describedby"] == "text-hint"  # only the Markdown hint
    assert text.text.strip() == "Text that is fine."
    assert page.find("input", name="email").attrs["value"] == "not-an-email"
    assert page.find("input", name="website").attrs["value"] == "ftp://files.example.org"
    assert stored_comments(app) == []


def test_a_missing_comment_is_marked_on_the_textarea(client, app):
    response = post_form(client, html(get_page(client)), text="   ")
    assert response.status_code == 400
    page = html(response)
    assert "write a comment" in field_error_of(page, "text")
    assert page.find("input", name="name").attrs["value"] == "Nora Plain"
    assert stored_comments(app) == []


def test_a_forged_form_token_is_refused_with_its_reason(client, app):
    response = post_form(client, html(get_page(client)), form_token="forged")
    assert response.status_code == 400
    assert "form token is not valid" in html(response).find("p", role="alert").text
    assert stored_comments(app) == []


def test_replytocom_prepares_a_reply_and_posting_it_creates_one(api, client, app):
    first = api.post_comment(name="Ana Reader").get_json()["comment"]["id"]
    doc = html(get_page(client, replytocom=str(first)))
    assert doc.find("h2").text.strip() == "Reply to Ana Reader"
    assert form_values(doc)["parent_id"] == str(first)
    cancel = doc.find("section", id="respond").find("a")
    assert cancel.text.strip() == "Cancel reply"
    assert "replytocom" not in cancel.attrs["href"]

    response = post_form(client, doc, text="A reply without JavaScript.")
    assert response.status_code == 303
    reply = stored_comments(app)[-1]
    assert reply.parent_id == first
    page = html(client.get(response.headers["Location"]))
    assert parent_comment_id(page, reply.id) == first


@pytest.mark.parametrize("replytocom", ["999999", "abc", "-1", "١"])
def test_replytocom_to_no_comment_is_a_plain_form(api, client, replytocom):
    api.post_comment()
    doc = html(get_page(client, replytocom=replytocom))
    assert doc.find("h2").text.strip() == "Leave a Reply"
    assert form_values(doc)["parent_id"] == ""


def test_replytocom_to_a_comment_of_another_thread_is_ignored(api, client):
    elsewhere = api.post_comment(url="https://blog.example.org/another/").get_json()
    doc = html(get_page(client, replytocom=str(elsewhere["comment"]["id"])))
    assert doc.find("h2").text.strip() == "Leave a Reply"
    assert form_values(doc)["parent_id"] == ""


def test_replytocom_to_a_comment_held_for_moderation_is_ignored(api, client, app):
    set_moderation(app, "all")
    held = api.post_comment().get_json()["comment"]["id"]
    doc = html(get_page(client, replytocom=str(held)))
    assert doc.find("h2").text.strip() == "Leave a Reply"
    assert form_values(doc)["parent_id"] == ""


def test_a_refused_reply_is_shown_again_as_a_reply(api, client, app):
    first = api.post_comment(name="Ana Reader").get_json()["comment"]["id"]
    doc = html(get_page(client, replytocom=str(first)))
    response = post_form(client, doc, name="", text="My reply, kept.")
    assert response.status_code == 400
    page = html(response)
    assert page.find("textarea", name="text").text.strip() == "My reply, kept."
    assert form_values(page)["parent_id"] == str(first)
    assert page.find("h2").text.strip() == "Reply to Ana Reader"


def test_a_closed_thread_shows_its_comments_and_no_form(api, client, app):
    comment = api.post_comment().get_json()["comment"]["id"]
    before = html(get_page(client))  # a form fetched while the thread was open
    close_thread(app)

    doc = html(get_page(client))
    assert comment_ids(doc) == [comment]
    assert "Comments are closed." in [node.text.strip() for node in doc.find_all("p")]
    assert doc.find("form") is None
    assert doc.find("textarea") is None
    assert doc.find("a", **{"class": "comment-reply"}) is None

    late = post_form(client, before)
    assert late.status_code == 403
    assert "Comments are closed." in html(late).text
    assert len(stored_comments(app)) == 1


def test_an_unregistered_origin_gets_a_403_page_naming_it(client, app):
    response = get_page(client, url=f"{EVIL}/2026/a-post/")
    assert response.status_code == 403
    doc = html(response)
    assert doc.find("h1").text.strip() == "403"
    assert EVIL in doc.find("p", role="alert").text

    form = html(get_page(client))
    posted = post_form(client, form, url=f"{EVIL}/2026/a-post/")
    assert posted.status_code == 403
    assert EVIL in html(posted).find("p", role="alert").text
    assert stored_comments(app) == []


def test_a_missing_page_url_is_a_400_page(client):
    response = client.get("/threads")
    assert response.status_code == 400
    assert "URL" in html(response).find("p", role="alert").text


def test_a_405_page_names_the_allowed_methods(client):
    response = client.delete("/threads")
    assert response.status_code == 405
    html(response)
    allowed = {method.strip() for method in response.headers.get("Allow", "").split(",")}
    assert {"GET", "POST"} <= allowed


def test_every_kind_of_html_response_has_the_strict_headers(api, client, app, app_factory):
    api.post_comment()
    doc = html(get_page(client))
    responses = [
        get_page(client),
        get_page(client, lang="es"),
        get_page(client, url=f"{EVIL}/x"),
        client.get("/threads"),
        client.get("/no-such-page"),
        client.delete("/threads"),
        post_form(client, doc),  # 303 (its small body is HTML)
        post_form(client, doc, csrf_token=None),
        post_form(client, doc, name=""),
        api.get("/api/threads.html", url=ARTICLE),
    ]
    limited = app_factory(RATELIMIT_ENABLED=True, READ_RATE_LIMIT="1 per minute")
    limited_client = limited.test_client()
    responses += [get_page(limited_client), get_page(limited_client)]
    assert sorted({r.status_code for r in responses}) == [200, 303, 400, 403, 404, 405, 429]
    for response in responses:
        assert_safe_headers(response)
