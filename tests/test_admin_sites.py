"""Threads, sites and the audit log in the admin."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG, OTHER
from tests.moderating import MOD, _ban_id, _edit_blog, _post, _text, _update
from widget import storage
from widget.storage.models import Thread, utcnow

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


def test_the_site_form_gives_rows_to_text_areas_only(admin):
    for page in ("/admin/sites", "/admin/sites/1"):
        html = admin.get(page).get_data(as_text=True)
        assert 'rows="None"' not in html
        assert re.search(r'<textarea[^>]*name="origins"[^>]*rows="3"', html)
        assert not re.search(r"<(select|input)[^>]*rows=", html)


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
    # What changed, field by field (the form sent no box: the notice hold was turned off).
    assert details[0] == "Blog: moderation: “none” → “all”; hold on notice: on → off"
    assert details[-1] == "News"
    assert details[5] == "troll@example.org, for ever; note: rude"
    assert details[6] == "troll@example.org"
    assert details[7] == details[8] == "https://blog.example.org/2026/11/border-talks"
