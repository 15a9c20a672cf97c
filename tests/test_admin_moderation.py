"""Moderation modes, actions, and what readers see after them; finding comments."""

from __future__ import annotations

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG, OTHER
from tests.identity import Reader, sso_secret, sso_token
from tests.moderating import EVIL, _count, _edit_blog, _nojs, _post, _public, _text
from widget import storage

# ---- moderation modes ------------------------------------------------------------------


def test_none_publishes_and_all_holds_until_approved(admin, api):
    first = _post(api, text="Open.")
    assert first["status"] == "published"
    _edit_blog(admin, moderation="all")
    held = _post(api, text="Held.")
    assert held["status"] == "pending"
    assert _public(api) == [(first["id"], "published")] and _count(api) == 1
    assert admin.pending_badge() == 1
    assert held["id"] in admin.listed(status="pending")
    response = admin.moderate_one(held["id"], "approve")
    assert response.status_code == 303 and response.headers["Location"] == "/admin/"
    assert admin.notices(admin.get("/admin/")) == ["Approved: 1 comment."]
    assert _public(api) == [(first["id"], "published"), (held["id"], "published")]
    assert _count(api) == 2 and admin.pending_badge() == 0


def test_first_holds_a_new_commenter_until_approved_and_again_after_spam(admin, api, runner):
    _edit_blog(admin, moderation="first")
    # Issue 23: only a verified (signed-in) commenter earns trust; a guest waits every time.
    token = sso_token(sso_secret(runner, BLOG)[0], email="new@example.org")
    rosa = Reader(api.client, BLOG, token)
    one = rosa.post_as_signed_in().get_json()["comment"]
    assert one["status"] == "pending"
    assert rosa.post_as_signed_in(text="Again.").get_json()["comment"]["status"] == "pending"
    admin.moderate_one(one["id"], "approve")
    trusted = rosa.post_as_signed_in(text="Trusted now.").get_json()["comment"]
    assert trusted["status"] == "published"
    posted = api.post_comment(email="new@example.org").get_json()  # her email, typed: no proof
    assert posted["comment"]["status"] == "pending"
    key = posted["commenter_key"]
    assert _post(api, email="new@example.org", commenter_key=key)["status"] == "pending"
    admin.moderate_one(trusted["id"], "spam")
    assert rosa.post_as_signed_in(text="Held again.").get_json()["comment"]["status"] == "pending"
    assert _public(api) == [(one["id"], "published")]


# ---- actions and what readers see -------------------------------------------------------


def test_bulk_and_row_actions_change_what_readers_see(admin, api):
    _edit_blog(admin, moderation="all")
    a, b, c = (_post(api, text=f"Comment {n}.")["id"] for n in "abc")
    assert admin.pending_badge() == 3 and _public(api) == [] and _count(api) == 0
    response = admin.moderate("approve", a, b, back="/admin/comments?status=pending")
    assert response.headers["Location"] == "/admin/comments?status=pending"
    assert admin.notices(admin.get(response.headers["Location"])) == ["Approved: 2 comments."]
    assert _public(api) == [(a, "published"), (b, "published")]
    assert _count(api) == 2 and admin.pending_badge() == 1
    response = admin.moderate("spam", b, c, back="https://evil.example/admin/")
    assert response.headers["Location"] == "/admin/"
    assert _public(api) == [(a, "published")] and _count(api) == 1 and admin.pending_badge() == 0
    assert admin.listed(status="spam") == [c, b]
    admin.moderate_one(a, "delete")
    assert _public(api) == [] and _count(api) == 0
    admin.moderate_one(b, "hold")
    assert admin.pending_badge() == 1
    assert admin.moderate("approve", 9999).status_code == 303  # unknown ids change nothing
    assert admin.moderate("promote", a).status_code == 400


def test_deleting_a_parent_keeps_its_reply_under_a_placeholder(admin, api, client):
    parent = _post(api, name="Parent Person", text="The parent.")
    reply = _post(api, parent_id=parent["id"], text="The reply.")
    admin.moderate_one(parent["id"], "delete")
    placeholder, kept = api.thread().get_json()["comments"]
    assert placeholder["id"] == parent["id"] and placeholder["status"] == "deleted"
    assert placeholder["name"] == "" and placeholder["html"] == ""
    assert kept["id"] == reply["id"] and kept["parent_id"] == parent["id"]
    assert kept["status"] == "published" and _count(api) == 1
    page = _nojs(client)
    assert "This comment was deleted." in page and "The reply." in page
    assert "The parent." not in page and "Parent Person" not in page


def test_a_deleted_comment_without_replies_disappears(admin, api, client):
    kept, gone = _post(api, text="Stays."), _post(api, text="Goes.")
    admin.moderate_one(gone["id"], "delete")
    assert _public(api) == [(kept["id"], "published")]
    page = _nojs(client)
    assert "Goes." not in page and "This comment was deleted." not in page


def test_deleting_a_comment_and_its_only_reply_leaves_nothing(admin, api):
    parent = _post(api)
    reply = _post(api, parent_id=parent["id"])
    admin.moderate("delete", parent["id"], reply["id"])
    assert _public(api) == []


def test_a_moderators_edit_is_kept_as_written_and_rendered_harmless(app, admin, api, client):
    cid = _post(api)["id"]
    response = admin.post(f"/admin/comments/{cid}/edit", text=EVIL)
    assert response.status_code == 303 and response.headers["Location"] == f"/admin/comments/{cid}"
    page = admin.get(f"/admin/comments/{cid}").get_data(as_text=True)
    assert "The comment was saved." in page
    [html] = [c["html"] for c in api.thread().get_json()["comments"]]
    nojs = client.get("/threads", query_string={"url": ARTICLE}).get_data(as_text=True)
    for rendered in (html, page, nojs):  # as served: not unescaped
        assert "<script" not in rendered and "<img" not in rendered
        assert 'href="javascript' not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    with app.app_context():
        assert storage.find_comment(cid).text == EVIL.replace("\r\n", "\n")
    refused = admin.post(f"/admin/comments/{cid}/edit", text="bell\x07")
    assert refused.status_code == 400 and "control characters" in _text(refused)


# ---- finding comments, and who sees an email ------------------------------------------------


def test_the_comment_list_filters_and_searches_literally(app, admin, api, client):
    people = [
        ("Ana", "ana@example.org", "I am 100% sure."),
        ("Bob", "bob@example.org", "There are 1000 reasons."),
        ("a_b", "under@example.org", "Underscore name."),
        ("axb", "axb@example.org", "No underscore."),
    ]
    ana, bob, under, axb = (_post(api, name=n, email=e, text=t)["id"] for n, e, t in people)
    elsewhere = _post(api, url="https://blog.example.org/other", name="Cy", email="cy@example.org")
    dee = _post(Api(client, origin=OTHER), url=f"{OTHER}/a", name="Dee", email="dee@example.org")
    admin.moderate_one(bob, "spam")
    _edit_blog(admin, moderation="all")
    held = _post(api, name="Eve", email="eve@example.org", text="Held one.")["id"]
    everyone = [held, dee["id"], elsewhere["id"], axb, under, bob, ana]
    assert admin.listed() == everyone == admin.listed(status="bogus")
    assert admin.listed(status="spam") == [bob] and admin.listed(status="pending") == [held]
    assert admin.listed(site="2") == [dee["id"]]
    assert admin.listed(site="1") == [i for i in everyone if i != dee["id"]]
    with app.app_context():
        thread_id = storage.find_comment(elsewhere["id"]).thread_id
    assert admin.listed(thread=str(thread_id)) == [elsewhere["id"]]
    assert admin.listed(q="100%") == [ana] == admin.listed(q="%")
    assert admin.listed(q="a_b") == [under] == admin.listed(q="_")
    assert admin.listed(q="BOB@EXAMPLE") == [bob] and admin.listed(q="reasons") == [bob]
    assert admin.listed(q="\\") == [] and admin.listed(q="nothing like it") == []
    assert admin.listed(site="1", status="published", q="underscore") == [axb, under]


def test_moderators_see_the_email_and_the_public_never_does(admin, api, client):
    cid = _post(api, email="secret.person@example.org")["id"]
    _edit_blog(admin, moderation="all")
    held = api.post_comment(email="held.person@example.org").get_json()
    assert "held.person@example.org" in _text(admin.get("/admin/"))
    listing = _text(admin.get("/admin/comments"))
    assert "held.person@example.org" in listing and "secret.person@example.org" in listing
    assert "secret.person@example.org" in _text(admin.get(f"/admin/comments/{cid}"))
    public = [
        api.thread(),
        api.counts(ARTICLE),
        api.get("/api/threads.html", url=ARTICLE),
        api.post("/api/comments/mine", json={"url": ARTICLE, "edit_tokens": [held["edit_token"]]}),
        client.get("/threads", query_string={"url": ARTICLE}),
    ]
    assert held["comment"]["status"] == "pending"
    for response in public:
        assert response.status_code == 200
        assert "@example.org" not in _text(response)


def test_absurdly_long_numbers_in_admin_urls_are_not_500(admin):
    huge = "9" * 5000
    for path in ("/admin/threads", "/admin/audit", "/admin/comments", "/admin/"):
        assert admin.client.get(path, query_string={"before": huge}).status_code == 200
