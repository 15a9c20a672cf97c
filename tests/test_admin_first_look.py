"""What a first-time moderator stumbled on (issue 20, items 19, 20, 22, 23, 25), over HTTP.

The layout items (21) and the pages as a moderator sees them are checked in Chromium:
tests/browser/test_first_look_pages.py.
"""

from __future__ import annotations

import re

from tests.moderating import BLOG_FORM, _text
from tests.newsroom import post, reader, report
from tests.test_notices import _send
from widget import storage


def _reported_once(client) -> dict:
    comment = post(reader(client, 1), name="Marta", text="Sharp but fair.")
    report(reader(client, 2), comment["id"], "abuse")
    return comment


def test_a_published_reported_comment_offers_dismiss_reports_on_its_row(app, client, admin):
    comment = _reported_once(client)
    page = _text(admin.get("/admin/reported"))
    link = f'href="/admin/comments/{comment["id"]}/dismiss"'
    assert link in page and "Dismiss reports</a>" in page
    # A confirmation first: the GET changes nothing.
    confirm = _text(admin.get(f"/admin/comments/{comment['id']}/dismiss"))
    assert "Dismiss the reports on this comment?" in confirm and "Sharp but fair." in confirm
    assert "1 report: abuse (1)" in confirm
    with app.app_context():
        assert storage.count_reports(comment["id"]) == 1
    done = admin.post(f"/admin/comments/{comment['id']}/dismiss")
    assert done.status_code == 303 and done.headers["Location"] == "/admin/reported"
    assert "Reports dismissed: the comment by Marta stays published." in _text(
        admin.get("/admin/reported")
    )
    with app.app_context():
        assert storage.count_reports(comment["id"]) == 0
        assert storage.find_comment(comment["id"]).status == "published"
    who, action, about, change, detail = admin.audit()[-1][:5]
    assert (action, about) == ("approve", str(comment["id"]))
    assert "reports dismissed" in detail and "1 report" in detail


def test_a_held_reported_comment_keeps_approve_and_gets_no_dismiss(app, client, admin):
    app.config["REPORT_HOLD_COUNT"] = 1
    comment = _reported_once(client)
    page = _text(admin.get("/admin/reported"))
    assert f'value="{comment["id"]}:approve"' in page
    assert f"/admin/comments/{comment['id']}/dismiss" not in page


def test_a_legal_decision_is_never_preselected(app, client, admin):
    comment = post(reader(client, 1), text="Borderline")
    _send(client, comment["id"])
    page = _text(admin.get("/admin/notices/1"))
    radios = re.findall(r'<input type="radio"[^>]*name="decision"[^>]*>', page)
    assert len(radios) == 3 and not any("checked" in radio for radio in radios)
    assert "<select" not in page
    missing = admin.post("/admin/notices/1", statement="Opinion, not fact.")
    assert missing.status_code == 400 and "Choose a decision." in _text(missing)
    with app.app_context():
        assert storage.find_notice(1).decision is None
    bogus = admin.post("/admin/notices/1", decision="erase", statement="x")
    assert bogus.status_code == 400


def test_the_bans_page_says_what_is_stored_and_the_audit_finishes_its_sentence(admin):
    page = _text(admin.get("/admin/bans"))
    assert "widened" not in page and "203.0.113.7/32" in page
    admin.post("/admin/bans/add", kind="network", value="203.0.113.7", days="", note="")
    admin.post("/admin/bans/add", kind="email", value="x@example.org", days="7", note="spam run")
    details = [row[4] for row in admin.audit() if row[1] == "ban"]
    assert details[0] == "203.0.113.7/32, for ever"
    assert re.fullmatch(r"x@example\.org, until \d{4}-\d{2}-\d{2}; note: spam run", details[1])
    assert not any(detail.endswith(":") for detail in details)


def test_a_site_edit_is_logged_field_by_field(admin):
    form = {**BLOG_FORM, "staff_label": "", "hold_words": "", "spam_words": ""}
    admin.post("/admin/sites/1", **{**form, "moderation": "first", "close_after_days": "30"})
    admin.post("/admin/sites/1", **{**form, "moderation": "first", "close_after_days": "30"})
    edits = [row[4] for row in admin.audit() if row[1] == "edit-site"]
    assert "moderation: “none” → “first”" in edits[0]
    assert "close after days: none → 30" in edits[0]
    assert "hold on notice: on → off" in edits[0]  # the box was not sent: unticked
    assert "->" not in edits[0] and "none -> none" not in edits[0]
    assert edits[1] == "Blog: nothing changed"


def test_a_held_reply_shows_what_it_answers(app, client, admin):
    parent = post(reader(client, 1), name="Marta", text="The *original* point, at length " * 8)
    with app.app_context():
        storage.find_site(1).moderation = "all"
        storage.commit()
    reply = post(reader(client, 2), name="Ben", text="A held answer.", parent_id=parent["id"])
    for path in ("/admin/", f"/admin/comments/{reply['id']}"):
        page = _text(admin.get(path))
        quoted = re.search(r'<blockquote class="parent">(.*?)</blockquote>', page, re.S)
        assert quoted, path
        assert "In reply to" in quoted.group(1) and "Marta" in quoted.group(1)
        assert "The original point" in quoted.group(1) and "<em>" not in quoted.group(1)
        assert quoted.group(1).count("The original point") < 8  # an excerpt
