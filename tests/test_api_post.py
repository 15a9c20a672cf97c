"""Posting: validation, replies and depth, moderation modes, bans, closed threads, tokens."""

from datetime import timedelta

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG
from tests.identity import Reader, sso_secret, sso_token
from widget import storage
from widget.core.keys import hash_edit_token
from widget.storage.models import Comment, Thread, utcnow


def _comments(app):
    with app.app_context():
        return storage.db.session.query(Comment).order_by(Comment.id).all()


def _set_moderation(app, mode):
    with app.app_context():
        storage.find_site_by_origin(BLOG).moderation = mode
        storage.db.session.commit()


def test_a_comment_is_published_with_an_edit_token(api, app):
    response = api.post_comment(
        name="  Ana Reader ", email="Ana.Reader@Example.ORG", website="https://ana.example"
    )
    assert response.status_code == 201
    body = response.get_json()
    comment = body["comment"]
    assert comment["status"] == "published"
    assert comment["name"] == "Ana Reader"
    assert comment["website"] == "https://ana.example"
    assert comment["html"] == "<p>A thoughtful comment.</p>"
    [stored] = _comments(app)
    assert stored.email == "ana.reader@example.org"
    assert stored.edit_token_hash == hash_edit_token(body["edit_token"])
    assert body["edit_token"] not in stored.edit_token_hash
    assert stored.network == "203.0.113.0/24"


def test_the_avatar_seed_is_keyed_not_a_plain_hash_of_the_email(api):
    import hashlib

    email = "ana.reader@example.org"
    first = api.post_comment(email=email).get_json()
    avatar, key = first["comment"]["avatar"], first["commenter_key"]
    again = api.post_comment(email=email.upper(), commenter_key=key).get_json()
    assert avatar == again["comment"]["avatar"]  # the same commenter, proven by the key
    for plain in (hashlib.md5, hashlib.sha1, hashlib.sha256):
        assert avatar not in plain(email.encode()).hexdigest()


def test_text_is_stored_as_written_and_rendered_once(api, app):
    text = "First line\nsecond line\n\n<b>bold?</b> see https://example.org/a?b=1"
    html = api.post_comment(text=text).get_json()["comment"]["html"]
    assert html == (
        "<p>First line<br>\nsecond line</p>\n<p>&lt;b&gt;bold?&lt;/b&gt; see "
        '<a href="https://example.org/a?b=1" rel="nofollow ugc noopener">'
        "https://example.org/a?b=1</a></p>"
    )
    assert _comments(app)[0].text == text


@pytest.mark.parametrize(
    ("fields", "field", "fragment"),
    [
        ({"name": ""}, "name", "enter your name"),
        ({"name": "   "}, "name", "enter your name"),
        ({"name": "x" * 81}, "name", "80"),
        ({"name": "Ana\x00"}, "name", "not allowed"),
        ({"name": "Ana\u202egnp.exe"}, "name", "not allowed"),
        ({"email": ""}, "email", "email"),
        ({"email": "not-an-email"}, "email", "not a valid email"),
        ({"email": "a@b@example.org"}, "email", "not a valid email"),
        ({"email": '"quoted"@example.org'}, "email", "not a valid email"),
        ({"email": "ana@example.org\r\nBcc: x@evil.test"}, "email", "not a valid email"),
        ({"website": "javascript:alert(1)"}, "website", "http"),
        ({"website": "ftp://example.org"}, "website", "http"),
        ({"website": "https://" + "a" * 200 + ".org"}, "website", "200"),
        ({"website": "https://exa mple.org"}, "website", "not allowed"),
        ({"text": ""}, "text", "write a comment"),
        ({"text": " \n\t "}, "text", "write a comment"),
        ({"text": "x" * 10001}, "text", "10,000"),
        ({"text": "bell\x07"}, "text", "control characters"),
        ({"name": 5}, "name", "string"),
        ({"text": ["a"]}, "text", "string"),
        ({"parent_id": "1"}, "parent_id", "whole number"),
        ({"parent_id": True}, "parent_id", "whole number"),
        ({"parent_id": 2**40}, "parent_id", "whole number"),
        ({"url": "/relative"}, "url", "absolute"),
        ({"url": None}, "url", "required"),
        ({"thread": "x" * 201}, "thread", "200"),
    ],
)
def test_invalid_fields_are_named_and_nothing_is_stored(api, app, fields, field, fragment):
    response = api.post_comment(form_token="unchecked", **fields)
    assert response.status_code == 400
    body = response.get_json()
    assert fragment.lower() in " ".join(body["fields"][field]).lower()
    assert _comments(app) == []


def test_every_invalid_field_is_reported_at_once(api):
    body = api.post_comment(name="", email="x", text="", website="nope").get_json()
    assert set(body["fields"]) == {"name", "email", "text", "website"}


def test_unknown_fields_are_ignored(api, app):
    response = api.post_comment(is_admin=True, status="published", email_hash="x")
    assert response.status_code == 201
    assert _comments(app)[0].status == "published"


def test_text_length_is_a_setting(api, app):
    app.config["MAX_COMMENT_LENGTH"] = 20
    assert api.post_comment(text="x" * 21).status_code == 400
    assert api.post_comment(text="x" * 20).status_code == 201


def test_unicode_is_normalised_to_nfc(api, app):
    api.post_comment(name="Jose\u0301", text="cafe\u0301")
    [stored] = _comments(app)
    assert stored.name == "José" and stored.text == "café"


def test_a_reply_names_its_parent(api):
    parent = api.post_comment().get_json()["comment"]
    reply = api.post_comment(parent_id=parent["id"], text="I disagree.").get_json()["comment"]
    assert reply["parent_id"] == parent["id"]
    ids = [c["id"] for c in api.thread().get_json()["comments"]]
    assert ids == [parent["id"], reply["id"]]


def test_a_reply_to_an_unknown_comment_is_404(api):
    response = api.post_comment(parent_id=999)
    assert response.status_code == 404
    assert response.get_json()["error"] == "parent_not_found"


def test_a_reply_across_threads_is_404(api):
    other = api.post_comment(url="https://blog.example.org/other").get_json()["comment"]
    response = api.post_comment(parent_id=other["id"])
    assert response.status_code == 404


def test_a_reply_to_a_pending_comment_is_refused(api, app):
    _set_moderation(app, "all")
    pending = api.post_comment().get_json()["comment"]
    _set_moderation(app, "none")
    response = api.post_comment(parent_id=pending["id"])
    assert response.status_code == 400
    assert response.get_json()["error"] == "parent_not_published"


def test_replies_nest_up_to_the_maximum_depth(api, app):
    parent_id, chain = None, []
    for level in range(7):
        comment = api.post_comment(parent_id=parent_id, text=f"level {level}").get_json()
        chain.append(comment["comment"])
        parent_id = comment["comment"]["id"]
    depths = {c.id: c.depth for c in _comments(app)}
    assert [depths[c["id"]] for c in chain] == [0, 1, 2, 3, 4, 4, 4]
    # Replies to the deepest level join it: they hang from the level above.
    assert chain[5]["parent_id"] == chain[3]["id"]
    assert chain[6]["parent_id"] == chain[3]["id"]


def test_with_depth_one_replies_become_top_level(api, app):
    app.config["MAX_REPLY_DEPTH"] = 1
    parent = api.post_comment().get_json()["comment"]
    reply = api.post_comment(parent_id=parent["id"]).get_json()["comment"]
    assert reply["parent_id"] is None


@pytest.mark.parametrize(
    ("mode", "statuses"),
    [
        ("none", ["published", "published"]),
        ("all", ["pending", "pending"]),
        ("first", ["pending", "pending"]),
    ],
)
def test_each_moderation_mode_publishes_or_holds_as_it_says(api, app, mode, statuses):
    _set_moderation(app, mode)
    got = [api.post_comment().get_json()["comment"]["status"] for _ in statuses]
    assert got == statuses


def test_first_mode_trusts_a_returning_commenter_with_a_published_comment(api, app, runner):
    token = sso_token(sso_secret(runner, BLOG)[0])
    rosa = Reader(api.client, BLOG, token)
    rosa.post_as_signed_in()  # published while the site is open
    key = api.post_comment().get_json()["commenter_key"]  # a guest's, published too
    _set_moderation(app, "first")
    assert rosa.post_as_signed_in(text="Trusted.").get_json()["comment"]["status"] == "published"
    # Issue 23: a guest waits every time under `first`, whatever their browser proves.
    assert api.post_comment(commenter_key=key).get_json()["comment"]["status"] == "pending"


def test_first_mode_holds_a_commenter_marked_spam(api, app):
    key = api.post_comment().get_json()["commenter_key"]
    with app.app_context():
        storage.db.session.query(Comment).update({"status": "spam"})
        storage.db.session.commit()
    api.post_comment(commenter_key=key)
    _set_moderation(app, "first")
    assert api.post_comment(commenter_key=key).get_json()["comment"]["status"] == "pending"


@pytest.mark.parametrize(
    "ban",
    [
        {"email": "ana.reader@example.org"},
        {"network": "203.0.113.0/24"},
    ],
)
def test_banned_commenters_are_refused(api, app, ban):
    with app.app_context():
        storage.add_ban(**ban, note="troll")
        storage.commit()
    response = api.post_comment()
    assert response.status_code == 403
    assert response.get_json()["error"] == "banned"
    assert _comments(app) == []


def test_an_expired_ban_no_longer_applies(api, app):
    with app.app_context():
        storage.add_ban(email="ana.reader@example.org", expires_at=utcnow() - timedelta(hours=1))
        storage.commit()
    assert api.post_comment().status_code == 201


def test_a_closed_thread_refuses_comments(api, app):
    api.post_comment()
    with app.app_context():
        storage.db.session.query(Thread).update({"closed": True})
        storage.db.session.commit()
    response = api.post_comment()
    assert response.status_code == 403
    assert response.get_json() == {"error": "thread_closed", "message": "Comments are closed."}
    assert api.thread().get_json()["thread"]["closed"] is True


def test_the_form_token_is_required_and_checked(api, app):
    assert api.post_comment(form_token=...).get_json()["error"] == "missing_form_token"
    forged = api.post_comment(form_token="eyJhIjoxfQ.forged.sig")
    assert forged.status_code == 400 and forged.get_json()["error"] == "form_token_invalid"
    other = api.form_token("https://blog.example.org/other")
    response = api.post_comment(form_token=other)
    assert response.get_json()["error"] == "form_token_invalid"
    assert _comments(app) == []


def test_an_expired_form_token_is_refused(api, app):
    token = api.form_token()
    app.config["FORM_TOKEN_MAX_AGE"] = -1
    response = api.post_comment(form_token=token)
    assert response.status_code == 400
    assert response.get_json()["error"] == "form_token_expired"


def test_a_post_sooner_than_the_minimum_age_is_refused(api, app):
    app.config["FORM_TOKEN_MIN_AGE"] = 3600
    response = api.post_comment()
    assert response.status_code == 400
    assert response.get_json()["error"] == "form_token_too_fast"


def test_a_page_of_an_unregistered_origin_is_403_naming_it(client):
    stranger = Api(client, origin="https://evil.example.com")
    response = stranger.post_comment(url="https://evil.example.com/a", form_token="x")
    assert response.status_code == 403
    body = response.get_json()
    assert body["error"] == "origin_not_registered"
    assert "https://evil.example.com" in body["message"]
    read = stranger.thread("https://evil.example.com/a")
    assert read.status_code == 403 and "https://evil.example.com" in read.get_json()["message"]


def test_a_registered_origin_cannot_use_another_sites_threads(client):
    other = Api(client, origin="https://other.example.net")
    response = other.post_comment(form_token="x")
    assert response.status_code == 403
    assert response.get_json()["error"] == "origin_mismatch"
    assert other.thread().status_code == 403


def test_a_request_without_origin_is_judged_by_the_page_url(client):
    response = client.get("/api/threads", query_string={"url": ARTICLE})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


def test_one_commenter_has_different_avatars_on_different_sites(client):
    blog = Api(client, origin=BLOG).post_comment().get_json()["comment"]["avatar"]
    other = (
        Api(client, origin="https://other.example.net")
        .post_comment(url="https://other.example.net/a")
        .get_json()["comment"]["avatar"]
    )
    assert blog != other


def test_field_messages_come_in_the_readers_language(api):
    body = api.post_comment(name="", email="nope", lang="es-MX").get_json()
    assert body["fields"]["name"] == ["Escribe tu nombre."]
    assert body["fields"]["email"] == ["No es una dirección de correo electrónico válida."]
    spanish_browser = api.post_comment(name="", headers={"Accept-Language": "es"}).get_json()
    assert spanish_browser["fields"]["name"] == ["Escribe tu nombre."]
    assert api.post_comment(name="").get_json()["fields"]["name"] == ["Please enter your name."]
