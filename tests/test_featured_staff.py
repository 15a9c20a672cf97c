"""Featured comments and replies as the site: set by moderators only, shown to readers."""

from __future__ import annotations

import re

from tests.actions import ARTICLE
from tests.newsroom import post, reader, text_of
from widget import storage
from widget.storage.models import Moderator


def _public(api) -> dict[int, dict]:
    return {c["id"]: c for c in api.thread().get_json()["comments"]}


def test_a_moderator_features_up_to_three_comments_per_thread(app, client, admin):
    ana = reader(client, 1)
    ids = [post(ana, text=f"Comment {n}")["id"] for n in range(5)]
    assert not any(c["featured"] for c in _public(ana).values())
    for comment_id in ids[:3]:
        response = admin.post(f"/admin/comments/{comment_id}/feature", featured="1")
        assert response.status_code == 303
    page = admin.post(f"/admin/comments/{ids[3]}/feature", featured="1")
    assert "at most 3 featured comments" in " ".join(admin.notices(admin.get(page.location)))
    public = _public(ana)
    assert [i for i in ids if public[i]["featured"]] == ids[:3]
    admin.post(f"/admin/comments/{ids[0]}/feature", featured="0")
    admin.post(f"/admin/comments/{ids[3]}/feature", featured="1")
    public = _public(ana)
    assert [i for i in ids if public[i]["featured"]] == ids[1:4]
    actions = [row[1] for row in admin.audit()]
    assert actions.count("feature") == 4 and actions.count("unfeature") == 1


def test_only_published_comments_can_be_featured(app, client, admin):
    comment = post(reader(client, 1))
    admin.moderate_one(comment["id"], "hold")
    admin.post(f"/admin/comments/{comment['id']}/feature", featured="1")
    with app.app_context():
        assert not storage.find_comment(comment["id"]).featured


def test_featuring_changes_the_threads_etag(client, admin):
    ana = reader(client, 1)
    comment = post(ana)
    before = ana.thread().headers["ETag"]
    admin.post(f"/admin/comments/{comment['id']}/feature", featured="1")
    after = ana.thread(headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["ETag"] != before


def test_a_staff_reply_is_published_at_once_with_the_display_name(app, client, admin, moderator):
    ana = reader(client, 1)
    comment = post(ana, text="When is the next council meeting?")
    admin.post("/admin/account", mail_held="y", display_name="Marta Ruiz, editor")
    response = admin.post(f"/admin/comments/{comment['id']}/reply", reply="On **Monday**.")
    assert response.status_code == 303
    public = list(_public(ana).values())
    staff = public[-1]
    assert staff["staff"] is True and staff["featured"] is False
    assert staff["name"] == "Marta Ruiz, editor" and staff["parent_id"] == comment["id"]
    assert staff["html"] == "<p>On <strong>Monday</strong>.</p>"
    assert staff["status"] == "published"
    body = str(ana.thread().get_json())
    assert moderator.email not in body and "mod@" not in body
    assert ("mod@example.org", "staff_reply") == admin.audit()[-1][:2]


def test_without_a_display_name_the_site_label_signs_never_the_email(app, client, admin):
    ana = reader(client, 1)
    comment = post(ana)
    with app.app_context():
        storage.find_site(1).staff_label = "The Border Ledger"
        storage.commit()
    admin.post(f"/admin/comments/{comment['id']}/reply", reply="Thanks.")
    page = ana.thread().get_json()
    assert page["staff_label"] == "The Border Ledger"
    assert page["comments"][-1]["name"] == "The Border Ledger"


def test_the_staff_label_defaults_to_none_for_the_widgets_own_words(client):
    ana = reader(client, 1)
    post(ana)
    assert ana.thread().get_json()["staff_label"] is None


def test_readers_cannot_forge_featured_or_staff(app, client):
    ana = reader(client, 1)
    named = ana.post_comment(name="Staff")  # the staff's own name is refused (issue 19)
    assert named.get_json()["error"] == "name_reserved"
    forged = ana.post_comment(featured=True, staff=True, name="Ana", reports_cleared=True)
    assert forged.status_code == 201
    comment = forged.get_json()["comment"]
    assert comment["featured"] is False and comment["staff"] is False
    with app.app_context():
        stored = storage.find_comment(comment["id"])
        assert (stored.featured, stored.staff, stored.reports_cleared) == (False, False, False)
    edit = client.patch(
        f"/api/comments/{comment['id']}",
        json={"edit_token": forged.get_json()["edit_token"], "text": "x", "featured": True},
        headers={"Origin": "https://blog.example.org"},
        environ_base={"REMOTE_ADDR": ana.address},
    )
    assert edit.get_json()["comment"]["featured"] is False
    assert not _public(ana)[comment["id"]]["featured"]


def test_the_nojs_page_shows_the_staff_badge_featured_label_and_report_links(app, client, admin):
    ana = reader(client, 1)
    comment = post(ana)
    admin.post(f"/admin/comments/{comment['id']}/feature", featured="1")
    admin.post(f"/admin/comments/{comment['id']}/reply", reply="From the newsroom.")
    page = client.get("/threads", query_string={"url": ARTICLE, "lang": "es"})
    html = page.get_data(as_text=True)
    assert '<span class="badge staff">Redacción</span>' in html
    assert '<span class="badge featured">Destacados</span>' in html
    reports = re.findall(r'href="(/comments/\d+/report[^"]*)"', html)
    assert len(reports) == 1  # readers' comments only, not the staff reply
    report_page = client.get(reports[0].replace("&amp;", "&"))
    assert report_page.status_code == 200
    assert "Denunciar un comentario" in text_of(report_page)


def test_a_report_without_javascript(app, client):
    from tests.actions import csrf_token_in

    comment = post(reader(client, 1))
    page = client.get(f"/comments/{comment['id']}/report")
    assert "/notices/new?comment=" in page.get_data(as_text=True)  # illegal content: a notice
    token = csrf_token_in(page.get_data(as_text=True))
    sent = client.post(
        f"/comments/{comment['id']}/report",
        data={"csrf_token": token, "reason": "abuse"},
        environ_base={"REMOTE_ADDR": "198.51.100.9"},
    )
    assert sent.status_code == 202
    assert "the report is anonymous" in text_of(sent)
    with app.app_context():
        assert storage.count_reports(comment["id"]) == 1
    missing = client.post(f"/comments/{comment['id']}/report", data={"reason": "abuse"})
    assert missing.status_code == 400


def test_a_moderator_without_a_display_name_may_set_one(app, admin, moderator):
    response = admin.post("/admin/account", mail_held="y", display_name="  Marta  ")
    assert response.status_code == 303
    with app.app_context():
        assert storage.db.session.get(Moderator, moderator.id).display_name == "Marta"


def test_a_staff_reply_page_offers_no_erasure_or_email_ban(app, client, admin):
    """A staff reply has no email: erasing "its author" would reach every email-less comment."""
    comment = post(reader(client, 1))
    admin.post(f"/admin/comments/{comment['id']}/reply", reply="Noted.")
    staff_id = max(c["id"] for c in _public(reader(client, 1)).values())
    html = admin.get(f"/admin/comments/{staff_id}").get_data(as_text=True)
    assert "Privacy request" not in html and "Ban the email" not in html
    assert "Ban the network" in html


def test_a_staff_reply_with_control_characters_is_refused(app, client, admin):
    comment = post(reader(client, 1))
    response = admin.post(f"/admin/comments/{comment['id']}/reply", reply="Bad \x07 bell")
    assert response.status_code == 400  # refused before the form (issue 19, item 11)
    assert "control characters" in response.get_data(as_text=True)
    assert len(_public(reader(client, 1))) == 1


def test_the_first_page_lists_the_featured_comments_even_from_later_pages(app, client, admin):
    ana = reader(client, 1)
    ids = [post(ana, text=f"Comment {n}")["id"] for n in range(4)]
    admin.post(f"/admin/comments/{ids[3]}/feature", featured="1")
    first = ana.thread(limit=2).get_json()
    assert [c["id"] for c in first["comments"]] == ids[:2]
    assert [c["id"] for c in first["featured"]] == [ids[3]]
    assert first["featured"][0]["featured"] is True
    later = ana.thread(limit=2, cursor=first["next"]).get_json()
    assert later["featured"] == [] and later["comments"][1]["featured"] is True
    admin.moderate_one(ids[3], "hold")  # held: no longer shown anywhere
    assert ana.thread(limit=2).get_json()["featured"] == []
