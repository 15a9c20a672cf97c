"""Moderation through the admin pages, checked where readers see it: the public API and pages."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG, OTHER
from widget import storage
from widget.models import Ban, Thread, utcnow

# widget/admin/forms.py passes SelectField choices as tuples, which WTForms 3.3 deprecates.

MOD = "mod@example.org"  # tests/conftest.py, MODERATOR_EMAIL
BLOG_ORIGINS = f"{BLOG}\nhttps://www.blog.example.org"
BLOG_FORM = {"name": "Blog", "origins": BLOG_ORIGINS, "moderation": "none", "close_after_days": ""}
EVIL = "<script>alert(1)</script>\r\n<img src=x onerror=alert(1)> [x](javascript:alert(1))"


def _text(response) -> str:
    return unescape(response.get_data(as_text=True))


def _edit_blog(admin, **fields) -> None:
    response = admin.post("/admin/sites/1", **{**BLOG_FORM, **fields})
    assert response.status_code == 303, _text(response)


def _post(api, **fields) -> dict:
    response = api.post_comment(**fields)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["comment"]


def _public(api, url: str = ARTICLE) -> list[tuple[int, str]]:
    return [(c["id"], c["status"]) for c in api.thread(url).get_json()["comments"]]


def _nojs(client) -> str:
    """The thread as readers without JavaScript get it."""
    return _text(client.get("/threads", query_string={"url": ARTICLE}))


def _count(api) -> int:
    return api.counts(ARTICLE).get_json()["counts"][ARTICLE]


def _update(app, model, row_id: int, **fields) -> None:
    with app.app_context():
        storage.db.session.query(model).filter_by(id=row_id).update(fields)
        storage.commit()


def _ban_id(app, **where) -> int:
    with app.app_context():
        return storage.db.session.query(Ban).filter_by(**where).one().id


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


def test_first_holds_a_new_email_until_approved_and_again_after_spam(admin, api):
    _edit_blog(admin, moderation="first")
    one = _post(api, email="new@example.org")
    assert one["status"] == "pending"
    assert _post(api, email="new@example.org")["status"] == "pending"
    admin.moderate_one(one["id"], "approve")
    trusted = _post(api, email="NEW@example.org")
    assert trusted["status"] == "published"
    assert _post(api, email="stranger@example.org")["status"] == "pending"
    admin.moderate_one(trusted["id"], "spam")
    assert _post(api, email="new@example.org")["status"] == "pending"
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


# ---- bans --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "listed"),
    [
        ("email", " Ana.Reader@Example.ORG ", "ana.reader@example.org"),
        ("network", "203.0.113.77", "203.0.113.77/32"),
        ("network", "203.0.113.0/16", "203.0.0.0/16"),
    ],
)
def test_a_ban_from_the_bans_page_refuses_the_commenter(admin, api, client, kind, value, listed):
    form = {"kind": kind, "value": value, "days": "", "note": "troll", "back": "/admin/bans"}
    assert admin.post("/admin/bans/add", **form).headers["Location"] == "/admin/bans"
    page = _text(admin.get("/admin/bans"))
    assert f"Banned {value.strip()}." in page and f"<td>{listed}</td>" in page
    assert "for ever" in page
    refused = api.post_comment()
    assert refused.status_code == 403
    assert refused.get_json() == {"error": "banned", "message": "You cannot comment on this site."}
    stranger = Api(client, origin=BLOG, address="198.51.100.5")
    assert stranger.post_comment(email="bea@example.org").status_code == 201


@pytest.mark.parametrize(
    ("banned", "refused", "allowed"),
    [
        ("203.0.113.77", "203.0.113.77", "203.0.113.78"),
        ("203.0.113.76/31", "203.0.113.77", "203.0.113.78"),
        ("2001:db8:1:1::/64", "2001:db8:1:1:abcd::5", "2001:db8:1:2::5"),
        ("2001:db8:1:1::5", "2001:db8:1:1::5", "2001:db8:1:1::6"),
    ],
)
def test_a_ban_narrower_than_a_stored_network_matches_exactly_what_it_lists(
    admin, client, banned, refused, allowed
):
    admin.post("/admin/bans/add", kind="network", value=banned)
    readers = [Api(client, origin=BLOG, address=address) for address in (refused, allowed)]
    assert [r.post_comment().status_code for r in readers] == [403, 201]


def test_a_network_ban_covers_every_address_inside_it(admin, client):
    admin.post("/admin/bans/add", kind="network", value="203.0.113.0/16")
    addresses = ["203.0.113.77", "203.0.1.2", "203.0.255.255", "203.1.0.1", "2001:db8::1"]
    readers = [Api(client, origin=BLOG, address=address) for address in addresses]
    assert [r.post_comment().status_code for r in readers] == [403, 403, 403, 201, 201]


@pytest.mark.parametrize("kind", ["email", "network"])
def test_a_ban_from_a_comments_page(admin, api, client, kind):
    cid = _post(api)["id"]
    page = _text(admin.get(f"/admin/comments/{cid}"))
    assert "Ban the email ana.reader@example.org" in page
    assert "Ban the network 203.0.113.0/24" in page
    back = f"/admin/comments/{cid}"
    response = admin.post("/admin/bans/add", comment_id=str(cid), kind=kind, back=back)
    assert response.headers["Location"] == back
    listed = "ana.reader@example.org" if kind == "email" else "203.0.113.0/24"
    assert f"<td>{listed}</td>" in _text(admin.get("/admin/bans"))
    elsewhere = Api(client, origin=BLOG, address="198.51.100.5").post_comment()
    same_network = api.post_comment(email="bea@example.org")
    assert elsewhere.status_code == (403 if kind == "email" else 201)
    assert same_network.status_code == (403 if kind == "network" else 201)


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("network", "not-an-ip", "'not-an-ip' is not an IP address or network."),
        ("email", "nobody", "is not a valid email address"),
        ("email", "", "value: This field is required."),
        ("bogus", "x@example.org", "kind: Not a valid choice."),
    ],
)
def test_an_invalid_ban_is_refused_with_a_reason(admin, kind, value, message):
    response = admin.post("/admin/bans/add", kind=kind, value=value, back="/admin/bans")
    page = _text(admin.get(response.headers["Location"]))
    assert "The ban was not added:" in page and message in page
    assert "No bans." in page


def test_an_expired_ban_stops_applying_and_a_lifted_one_is_gone(app, admin, api):
    admin.post("/admin/bans/add", kind="email", value="ana.reader@example.org", days="7")
    admin.post("/admin/bans/add", kind="network", value="203.0.113.77")
    until = (utcnow() + timedelta(days=7)).strftime("%Y-%m-%d")
    assert until in _text(admin.get("/admin/bans"))
    assert api.post_comment(email="bea@example.org").status_code == 403
    network_ban = _ban_id(app, network="203.0.113.77/32")
    response = admin.post(f"/admin/bans/{network_ban}/lift")
    assert response.headers["Location"] == "/admin/bans"
    assert "Lifted the ban on 203.0.113.77/32." in _text(admin.get("/admin/bans"))
    assert api.post_comment(email="bea@example.org").status_code == 201
    assert api.post_comment().status_code == 403
    email_ban = _ban_id(app, email="ana.reader@example.org")
    _update(app, Ban, email_ban, expires_at=utcnow() - timedelta(minutes=1))
    assert "(expired)" in _text(admin.get("/admin/bans"))
    assert api.post_comment().status_code == 201
    assert admin.post("/admin/bans/999/lift").status_code == 404


# ---- threads -------------------------------------------------------------------------------


def test_threads_list_counts_and_close_and_reopen(admin, api):
    _post(api), _post(api)
    _edit_blog(admin, moderation="all")
    _post(api)
    page = _text(admin.get("/admin/threads"))
    assert re.search(r"<td>2</td>\s*<td><a href=\"/admin/comments\?[^\"]+\">1</a></td>", page)
    [tid] = re.findall(r"/admin/threads/(\d+)/closed", page)
    response = admin.post(f"/admin/threads/{tid}/closed", closed="1")
    assert response.headers["Location"] == "/admin/threads?site=1"
    page = _text(admin.get("/admin/threads"))
    assert "Closed: https://blog.example.org/2026/11/border-talks" in page and "Reopen" in page
    refused = api.post_comment()
    assert refused.status_code == 403
    assert refused.get_json() == {"error": "thread_closed", "message": "Comments are closed."}
    assert api.thread().get_json()["thread"]["closed"] is True
    admin.post(f"/admin/threads/{tid}/closed", closed="0")
    assert api.thread().get_json()["thread"]["closed"] is False
    assert api.post_comment().status_code == 201


def test_a_site_closes_threads_older_than_its_days(app, admin, api):
    old, young = ARTICLE, "https://blog.example.org/young"
    _post(api, url=old), _post(api, url=young)
    _update(app, Thread, 1, created_at=utcnow() - timedelta(days=31))
    _update(app, Thread, 2, created_at=utcnow() - timedelta(days=29))
    _edit_blog(admin, close_after_days="30")
    assert "30 days" in _text(admin.get("/admin/sites"))
    assert api.thread(old).get_json()["thread"]["closed"] is True
    assert api.post_comment(url=old).get_json()["error"] == "thread_closed"
    assert api.thread(young).get_json()["thread"]["closed"] is False
    assert api.post_comment(url=young).status_code == 201
    page = _text(admin.get("/admin/threads"))
    assert "Closed by age" in page and "Open" in page


# ---- sites ---------------------------------------------------------------------------------


def test_a_site_added_in_the_admin_can_embed_comments_and_be_edited(app, admin, client):
    news, amp = "https://news.example.com", "https://amp.example.com:8443"
    form = {"name": "News", "origins": "https://News.Example.com\r\n" + amp + "/"}
    response = admin.post("/admin/sites/add", moderation="all", close_after_days="", **form)
    assert response.status_code == 303 and response.headers["Location"] == "/admin/sites"
    page = _text(admin.get("/admin/sites"))
    assert "Site News added." in page and f"{news}<br>{amp}" in page
    reader, other_origin = Api(client, origin=news), Api(client, origin=amp)
    read = reader.thread(f"{news}/a")
    assert read.status_code == 200 and read.headers["Access-Control-Allow-Origin"] == news
    assert other_origin.thread(f"{news}/a").status_code == 200
    assert reader.post_comment(url=f"{news}/a").get_json()["comment"]["status"] == "pending"
    site_id = int(re.search(r'href="/admin/sites/(\d+)">News<', page).group(1))
    assert f"{news}\n{amp}" in _text(admin.get(f"/admin/sites/{site_id}"))
    edit = {"name": "News desk", "origins": news, "moderation": "none", "close_after_days": "7"}
    assert admin.post(f"/admin/sites/{site_id}", **edit).status_code == 303
    assert other_origin.thread(f"{news}/a").status_code == 403
    assert reader.post_comment(url=f"{news}/a").get_json()["comment"]["status"] == "published"
    with app.app_context():
        site = storage.find_site(site_id)
        assert (site.name, site.moderation, site.close_after_days) == ("News desk", "none", 7)
        assert [o.origin for o in site.origins] == [news]


@pytest.mark.parametrize(
    ("origins", "message"),
    [
        (BLOG, "Already registered: https://blog.example.org."),
        ("https://x.example.com/blog", "is not an origin"),
        ("javascript:alert(1)", "is not an origin"),
        ("   ", "Give at least one origin."),
    ],
)
def test_a_taken_or_invalid_origin_is_refused(app, admin, origins, message):
    response = admin.post("/admin/sites/add", name="Bad", origins=origins, moderation="none")
    assert response.status_code == 400 and message in _text(response)
    with app.app_context():
        assert [s.name for s in storage.list_sites()] == ["Blog", "Other"]


def test_an_origin_of_another_site_is_refused_when_editing(app, admin):
    form = {"name": "Other", "origins": f"{OTHER}\n{BLOG}", "moderation": "none"}
    response = admin.post("/admin/sites/2", **form)
    assert response.status_code == 400
    assert "Registered by another site: https://blog.example.org." in _text(response)
    with app.app_context():
        assert [o.origin for o in storage.find_site(2).origins] == [OTHER]
        assert storage.find_site_by_origin(BLOG).id == 1


# ---- the audit log -------------------------------------------------------------------------


def test_the_audit_log_lists_every_action(app, admin, api):
    _edit_blog(admin, moderation="all")
    a, b = _post(api)["id"], _post(api)["id"]
    admin.moderate_one(a, "approve"), admin.moderate_one(a, "spam"), admin.moderate("delete", b)
    admin.post(f"/admin/comments/{a}/edit", text="Tidied up.")
    admin.post("/admin/bans/add", kind="email", value="troll@example.org", note="rude")
    admin.post(f"/admin/bans/{_ban_id(app, email='troll@example.org')}/lift")
    admin.post("/admin/threads/1/closed", closed="1"), admin.post("/admin/threads/1/closed")
    news = {"name": "News", "origins": "https://news.example.com", "moderation": "none"}
    admin.post("/admin/sites/add", **news)
    rows = admin.audit()
    assert [row[:4] for row in rows] == [
        (MOD, "edit-site", "", ""),
        (MOD, "approve", str(a), "pending → published"),
        (MOD, "spam", str(a), "published → spam"),
        (MOD, "delete", str(b), "pending → deleted"),
        (MOD, "edit", str(a), "spam → spam"),
        (MOD, "ban", "", ""),
        (MOD, "unban", "", ""),
        (MOD, "close", "", ""),
        (MOD, "reopen", "", ""),
        (MOD, "add-site", "", ""),
    ]
    details = [row[4] for row in rows]
    assert details[0] == "Blog: none -> all" and details[-1] == "News"
    assert details[5] == "troll@example.org until no end: rude"
    assert details[6] == "troll@example.org"
    assert details[7] == details[8] == "https://blog.example.org/2026/11/border-talks"


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
