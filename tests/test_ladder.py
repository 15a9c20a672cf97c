"""The moderation ladder through the admin and the API: time-out, pre-moderation, shadow
ban, trust, warnings; each audited, in the commenter's history, lifted in one click."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.actions import ARTICLE
from tests.conftest import BLOG
from tests.defending import _comments, _error, _posted, _public
from tests.moderating import _update
from tests.newsroom import labels, report, reporter, text_of
from tests.openapi_check import assert_matches_spec
from widget import storage
from widget.storage.models import Sanction, Site, utcnow


def _first(api, **fields) -> tuple[dict, str]:
    """A first comment by Ana: the comment, and the commenter key her browser keeps."""
    body = api.post_comment(**fields).get_json()
    return body["comment"], body["commenter_key"]


def _decide(admin, comment_id: int, kind: str, **form):
    response = admin.post(f"/admin/comments/{comment_id}/ladder", kind=kind, **form)
    assert response.status_code == 303, response.get_data(as_text=True)
    return response


def _sanctions(app) -> list[Sanction]:
    with app.app_context():
        return storage.db.session.query(Sanction).order_by(Sanction.id).all()


# ---- time-out -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "form", "hours"),
    [("1h", {}, 1), ("24h", {}, 24), ("7d", {}, 168), ("custom", {"hours": "5"}, 5)],
)
def test_a_time_out_refuses_posts_until_it_ends(app, api, admin, duration, form, hours):
    comment, _ = _first(api)
    _decide(admin, comment["id"], "timeout", duration=duration, **form)
    (sanction,) = _sanctions(app)
    assert (sanction.key_kind, sanction.key) == ("email", "ana.reader@example.org")
    expected = utcnow() + timedelta(hours=hours)
    assert abs(sanction.ends_at - expected) < timedelta(minutes=1)
    refused = _error(api.post_comment(text="Again."), 403, "suspended")
    assert refused["message"].startswith("You cannot comment on this site until ")
    assert f"{sanction.ends_at:%H:%M} UTC" in refused["message"]
    _update(app, Sanction, sanction.id, ends_at=utcnow() - timedelta(seconds=1))  # time passes
    assert _posted(api.post_comment(text="Back."))["status"] == "published"
    assert admin.audit()[-1][1:3] == ("timeout", str(comment["id"]))


def test_the_time_out_message_is_in_the_readers_language(app, api, admin):
    comment, _ = _first(api)
    _decide(admin, comment["id"], "timeout", duration="7d")
    ends = _sanctions(app)[0].ends_at
    body = _error(api.post_comment(text="Otra vez.", lang="es"), 403, "suspended")
    months = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre"
    month = (months + " diciembre").split()[ends.month - 1]
    assert body["message"] == (
        f"No puedes comentar en este sitio hasta el {ends.day} de {month} de {ends.year}, "
        f"{ends:%H:%M} UTC."
    )


def test_a_custom_time_out_needs_its_hours_and_lifting_is_one_click(app, api, admin):
    comment, _ = _first(api)
    _decide(admin, comment["id"], "timeout", duration="custom")
    assert _sanctions(app) == []
    _decide(admin, comment["id"], "timeout", duration="7d")
    _error(api.post_comment(text="Again."), 403, "suspended")
    sanction_id = _sanctions(app)[0].id
    response = admin.post(f"/admin/sanctions/{sanction_id}/lift", comment_id=str(comment["id"]))
    assert response.status_code == 303
    assert _posted(api.post_comment(text="Free."))["status"] == "published"
    assert [row[1] for row in admin.audit()[-2:]] == ["timeout", "lift"]
    page = text_of(admin.get(f"/admin/comments/{comment['id']}"))
    assert "time-out" in page and "Lifted" in page and "by mod@example.org" in page


def test_without_an_email_the_network_is_timed_out(app, api, admin):
    comment, _ = _first(api)
    with app.app_context():
        storage.find_comment(comment["id"]).email = ""
        storage.commit()
    _decide(admin, comment["id"], "timeout", duration="1h")
    assert (_sanctions(app)[0].key_kind, _sanctions(app)[0].key) == ("network", "203.0.113.0/24")
    _error(api.post_comment(email="someone.else@example.org"), 403, "suspended")


# ---- pre-moderation and shadow ban ------------------------------------------------------------


def test_a_pre_moderated_commenter_is_held_with_its_reason(app, api, admin):
    comment, key = _first(api)
    _decide(admin, comment["id"], "premoderate")
    held = _posted(api.post_comment(text="Held now.", commenter_key=key))
    assert held["status"] == "pending"
    assert "commenter on pre-moderation" in labels(admin.get("/admin/"))
    assert _public(api)[1] == 1


def test_a_shadow_banned_commenters_comments_are_seen_by_them_and_moderators_only(app, api, admin):
    comment, key = _first(api)
    _decide(admin, comment["id"], "shadow")
    body = api.post_comment(text="Nobody hears me.", commenter_key=key).get_json()
    assert body["comment"]["status"] == "published"  # as far as they can tell
    shadow_id = body["comment"]["id"]
    assert [c.status for c in _comments(app)] == ["published", "shadow"]
    assert _public(api) == ([comment["id"]], 1, 1)
    mine = api.post(
        "/api/comments/mine", json={"url": ARTICLE, "edit_tokens": [body["edit_token"]]}
    )
    assert [(c["id"], c["status"]) for c in mine.get_json()["comments"]] == [
        (shadow_id, "published")
    ]
    latest = api.get("/api/latest", origin=BLOG).get_json()["comments"]
    assert [c["id"] for c in latest] == [comment["id"]]
    assert admin.listed(status="shadow") == [shadow_id]
    assert "Shadow" in text_of(admin.get(f"/admin/comments/{shadow_id}"))


def test_a_shadow_banned_commenter_can_reply_to_their_own_shadow_comment(app, api, admin):
    """Refusing it (the parent "is not published") would tell them of the ban."""
    comment, key = _first(api)
    _decide(admin, comment["id"], "shadow")
    shadow = _posted(api.post_comment(text="Nobody hears me.", commenter_key=key))
    reply = api.post_comment(text="Still talking.", commenter_key=key, parent_id=shadow["id"])
    assert reply.status_code == 201 and _posted(reply)["status"] == "published"
    assert [c.status for c in _comments(app)] == ["published", "shadow", "shadow"]
    assert _public(api) == ([comment["id"]], 1, 1)
    # Anyone else replying to a shadow comment is refused as before, the banned one included
    # when the comment is not theirs.
    other = api.post_comment(
        email="ben@example.org", name="Ben", text="Hm.", parent_id=shadow["id"]
    )
    _error(other, 400, "parent_not_published")


# ---- trust -------------------------------------------------------------------------------


def test_a_trusted_commenter_skips_the_link_and_first_comment_holds(app, api, admin):
    app.config["HOLD_LINK_COUNT"] = 2
    comment, key = _first(api)
    with app.app_context():  # through the ORM: the sites' counter tells every process
        site = storage.db.session.get(Site, 1)
        site.moderation, site.hold_words = "first", "refund"
        storage.commit()
    _decide(admin, comment["id"], "trusted")
    links = "See https://a.example and https://b.example now."
    assert _posted(api.post_comment(text=links, commenter_key=key))["status"] == "published"
    # Not the word lists: a hold word still holds.
    assert _posted(api.post_comment(text="A refund?", commenter_key=key))["status"] == "pending"
    # Someone who only types her email is not trusted.
    stranger = _posted(api.post_comment(text=links + " Again."))
    assert stranger["status"] == "pending"


def test_reports_on_a_trusted_commenter_reach_the_queue_but_do_not_hold(app, client, api, admin):
    app.config["REPORT_HOLD_COUNT"] = 2
    comment, _ = _first(api)
    _decide(admin, comment["id"], "trusted")
    for number in (5, 6, 7):
        assert report(reporter(client, number), comment["id"]).status_code == 202
    assert [c.status for c in _comments(app)] == ["published"]
    assert f"/admin/comments/{comment['id']}" in admin.get("/admin/reported").get_data(as_text=True)


# ---- warnings ----------------------------------------------------------------------------


def test_a_warning_is_shown_to_its_commenter_until_acknowledged(app, api, admin):
    comment, key = _first(api)
    _decide(admin, comment["id"], "warning", message="Please keep it civil.")
    # Who only types her email learns nothing of it.
    assert "warning" not in api.post_comment(text="Impostor.").get_json()
    body = api.post_comment(text="Me again.", commenter_key=key, lang="es").get_json()
    warning = body["warning"]
    assert warning["message"] == "Please keep it civil."
    assert (warning["title"], warning["button"]) == ("Un mensaje de la moderación", "Entendido")
    wrong = _acknowledge(api, body["comment"]["id"], "x" * 43, warning["id"])
    assert wrong.status_code == 403
    other = _acknowledge(api, body["comment"]["id"], body["edit_token"], warning["id"] + 1)
    assert other.status_code == 404
    # An id beyond PostgreSQL's integer is no warning either (it was a 500 there).
    huge = _acknowledge(api, body["comment"]["id"], body["edit_token"], 2**40)
    assert huge.status_code == 404
    done = _acknowledge(api, body["comment"]["id"], body["edit_token"], warning["id"])
    assert done.get_json() == {"acknowledged": True}
    assert "warning" not in api.post_comment(text="Third.", commenter_key=key).get_json()
    page = text_of(admin.get(f"/admin/comments/{comment['id']}"))
    assert "Please keep it civil." in page and "Acknowledged" in page


def _acknowledge(api, comment_id: int, edit_token: str, warning: int):
    response = api.client.post(
        f"/api/comments/{comment_id}/warning",
        json={"edit_token": edit_token, "warning": warning},
        headers=api._headers(None),
        environ_base={"REMOTE_ADDR": api.address},
    )
    assert_matches_spec(response, "post", "/api/comments/{comment_id}/warning")
    return response


def test_a_warning_needs_its_message(app, api, admin):
    comment, _ = _first(api)
    _decide(admin, comment["id"], "warning", message="  ")
    assert _sanctions(app) == []
    assert admin.post(f"/admin/comments/{comment['id']}/ladder", kind="ban").status_code == 400


def test_the_ladder_is_for_moderators_only(app, api, client):
    comment, _ = _first(api)
    client.post("/admin/logout")
    response = client.post(f"/admin/comments/{comment['id']}/ladder", data={"kind": "trusted"})
    assert response.status_code in (302, 303, 400)
    assert _sanctions(app) == []
