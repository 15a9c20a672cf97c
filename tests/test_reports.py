"""Readers report comments: one report per reader, held at the threshold, anonymous."""

from __future__ import annotations

import pytest

from tests.actions import Admin
from tests.conftest import OTHER
from tests.newsroom import labels, post, public_ids, reader, report, reporter, send_report, text_of
from widget import storage
from widget.storage.models import Comment
from widget.storage.models.newsroom import Report


def _status(app, comment_id: int) -> str:
    with app.app_context():
        return storage.find_comment(comment_id).status


def test_a_report_is_accepted_with_202_and_stored_without_the_address(app, client):
    comment = post(reader(client, 1))
    response = report(reporter(client, 2), comment["id"], "spam", voter="v-reader-two-0123")
    assert response.status_code == 202
    assert response.get_json() == {"status": "received"}
    with app.app_context():
        (stored,) = storage.db.session.query(Report).all()
        assert stored.reason == "spam"
        assert "203.0.113" not in stored.client_key and "v-reader-two-0123" not in (
            stored.voter_key or ""
        )
        assert len(stored.client_key) == 64 and len(stored.voter_key) == 64


def test_one_reader_counts_once_by_address_and_by_voter_id(app, client):
    comment = post(reader(client, 1))
    same = reader(client, 2)
    for reason in ("spam", "abuse", "off_topic"):  # the same address, again and again
        assert report(same, comment["id"], reason).status_code == 202
    # The same widget (voter id) from two other addresses: still one reader.
    assert report(reporter(client, 3), comment["id"], voter="voter-abcdef-0123").status_code == 202
    assert report(reporter(client, 4), comment["id"], voter="voter-abcdef-0123").status_code == 202
    with app.app_context():
        assert storage.count_reports(comment["id"]) == 2
    assert _status(app, comment["id"]) == "published"


def test_the_third_distinct_reader_holds_the_comment(app, client):
    ana = reader(client, 1)
    comment = post(ana)
    kept = post(ana, text="Another one")
    for number in (2, 3):
        report(reporter(client, number), comment["id"])
    assert comment["id"] in public_ids(ana)
    report(reporter(client, 4), comment["id"], "spam")
    assert _status(app, comment["id"]) == "pending"
    assert public_ids(ana) == [kept["id"]]
    assert ana.thread().get_json()["thread"]["count"] == 1


def test_the_threshold_is_a_setting_and_zero_never_holds(app_factory):
    from widget.sites.editing import register_site

    app = app_factory(REPORT_HOLD_COUNT=0)
    with app.app_context():
        register_site("Blog", ["https://blog.example.org"], "none")
    client = app.test_client()
    comment = post(reader(client, 1))
    for number in range(2, 8):
        report(reporter(client, number), comment["id"])
    assert _status(app, comment["id"]) == "published"


def test_pending_spam_deleted_and_unknown_comments_answer_404(app, client):
    ana = reader(client, 1)
    ids = {
        status: post(ana, text=f"A {status} one")["id"] for status in ("pending", "spam", "deleted")
    }
    with app.app_context():
        for status, comment_id in ids.items():
            storage.find_comment(comment_id).status = status
        storage.commit()
    for comment_id in [*ids.values(), 999_999]:
        response = report(reporter(client, 2), comment_id)
        assert response.status_code == 404
        assert response.get_json()["error"] == "not_found"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"reason": "illegal"}, "reason"),
        ({"reason": None}, "reason"),
        ({}, "reason"),
        ({"reason": "spam", "voter": "short"}, "voter"),
        ({"reason": "spam", "voter": "<script>alert(1)</script>"}, "voter"),
        ({"reason": "spam", "voter": 12345678}, "voter"),
    ],
)
def test_bad_reports_answer_400_with_the_field(client, body, field):
    comment = post(reader(client, 1))
    response = send_report(reporter(client, 2), comment["id"], body)
    assert response.status_code == 400
    assert field in response.get_json()["fields"]


def test_a_report_from_another_sites_page_is_refused(client):
    comment = post(reader(client, 1))
    response = report(reporter(client, 2, origin=OTHER), comment["id"])
    assert response.status_code == 403


def test_reports_count_against_the_write_attempt_limit(app_factory):
    from widget.sites.editing import register_site

    app = app_factory(RATELIMIT_ENABLED=True, WRITE_ATTEMPT_RATE_LIMIT="2 per minute")
    with app.app_context():
        register_site("Blog", ["https://blog.example.org"], "none")
    client = app.test_client()
    with app.app_context():
        thread = storage.get_or_create_thread(
            1, "https://blog.example.org/a/", "https://blog.example.org/a/", ""
        )
        comment = storage.add_comment(
            thread,
            parent_id=None,
            depth=0,
            status="published",
            name="Ana",
            email="a@example.org",
            website=None,
            text="x",
            html="<p>x</p>",
            avatar="0" * 24,
            network="203.0.113.0/24",
            client_key=None,
            user_agent="",
            edit_token_hash="h" * 64,
        )
        storage.thread_changed(thread.id, [comment])
        storage.commit()
        comment_id = comment.id
    carla = reader(client, 9)
    assert [report(carla, comment_id).status_code for _ in range(3)] == [202, 202, 429]


def test_approve_clears_the_reports_and_they_never_hold_it_again(app, client, admin):
    comment = post(reader(client, 1))
    for number in (2, 3, 4):
        report(reporter(client, number), comment["id"])
    assert _status(app, comment["id"]) == "pending"
    queue = admin.get("/admin/")
    assert "reported by 3 readers" in labels(queue)
    assert admin.moderate_one(comment["id"], "approve").status_code == 303
    assert _status(app, comment["id"]) == "published"
    with app.app_context():
        assert storage.count_reports(comment["id"]) == 0
        assert storage.find_comment(comment["id"]).reports_cleared
    who, action, about, change, detail = admin.audit()[-1][:5]
    assert action == "approve" and "3 reports cleared" in detail
    for number in (5, 6, 7, 8):
        assert report(reporter(client, number), comment["id"]).status_code == 202
    assert _status(app, comment["id"]) == "published"


def test_approving_a_published_reported_comment_clears_its_reports(app, client, admin):
    comment = post(reader(client, 1))
    report(reporter(client, 2), comment["id"], "off_topic")
    page = admin.get("/admin/reported")
    assert f'id="pick-{comment["id"]}"' in page.get_data(as_text=True)
    assert "1 report: off topic (1)" in labels(page)
    admin.moderate_one(comment["id"], "approve")
    assert f'id="pick-{comment["id"]}"' not in admin.get("/admin/reported").get_data(as_text=True)
    assert admin.audit()[-1][1] == "approve"


def test_nobody_learns_who_reported(app, client, admin):
    comment = post(reader(client, 1))
    second = report(reporter(client, 2), comment["id"], "abuse", voter="voter-secret-00001")
    again = report(reporter(client, 2), comment["id"], "spam", voter="voter-secret-00001")
    assert second.get_json() == again.get_json() and second.status_code == again.status_code
    for page in (
        admin.get("/admin/reported"),
        admin.get(f"/admin/comments/{comment['id']}"),
        admin.get("/admin/audit"),
    ):
        html = page.get_data(as_text=True)
        assert "198.18.2.1" not in html and "voter-secret-00001" not in html
        with app.app_context():
            (stored,) = storage.db.session.query(Report).all()
        assert stored.client_key not in html
    public = reader(client, 5).thread().get_json()
    assert "report" not in str(public).lower()


def test_the_reported_view_shows_counts_and_reasons_of_held_and_published(app, client, admin):
    ana = reader(client, 1)
    quiet, loud = post(ana, text="Quiet"), post(ana, text="Loud")
    report(reporter(client, 2), quiet["id"], "spam")
    for number, reason in ((2, "abuse"), (3, "abuse"), (4, "off_topic")):
        report(reporter(client, number), loud["id"], reason)
    page = admin.get("/admin/reported")
    shown = labels(page)
    assert "1 report: spam (1)" in shown
    assert "3 reports: abuse (2), off topic (1)" in shown
    assert "reported by 3 readers" in shown
    assert "Reported" in text_of(page)


def test_reports_are_deleted_with_their_comment(app, client):
    comment = post(reader(client, 1))
    report(reporter(client, 2), comment["id"])
    with app.app_context():
        storage.db.session.query(Comment).filter_by(id=comment["id"]).delete()
        storage.commit()
        assert storage.db.session.query(Report).count() == 0


def test_an_admin_is_needed_for_the_reported_view(client):
    response = Admin(client).get("/admin/reported")
    assert response.status_code == 302
