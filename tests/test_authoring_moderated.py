"""An author's edit never skips moderation, a closed thread, a ban or the write limit."""

import pytest

from tests.actions import Api
from tests.conftest import BLOG
from tests.test_authoring import _delete, _edit, _posted
from widget import storage
from widget.storage.database import db
from widget.storage.models import Site


def _site_moderation(app, mode: str) -> None:
    with app.app_context():
        for site in db.session.query(Site):
            site.moderation = mode
        storage.commit()


def _public_html(api) -> list[str]:
    return [c["html"] for c in api.thread().get_json()["comments"]]


def test_on_a_fully_moderated_site_an_edit_waits_and_the_public_keeps_the_approved_text(
    app, api, admin
):
    _site_moderation(app, "all")
    comment_id, token = _posted(api, text="Approved words")
    admin.moderate("approve", comment_id)
    assert _public_html(api) == ["<p>Approved words</p>"]

    answer = _edit(api, comment_id, edit_token=token, text="Sneaky **new** words")
    assert answer.status_code == 200
    # The author sees their edit, waiting; readers still see what was approved.
    assert answer.get_json()["comment"]["status"] == "pending"
    assert answer.get_json()["comment"]["html"] == "<p>Sneaky <strong>new</strong> words</p>"
    assert _public_html(api) == ["<p>Approved words</p>"]
    assert api.thread().get_json()["comments"][0]["edited_at"] is None  # nothing public yet
    assert comment_id in admin.listed(status="pending")
    assert admin.pending_badge() == 1

    admin.moderate("approve", comment_id)
    assert _public_html(api) == ["<p>Sneaky <strong>new</strong> words</p>"]
    assert api.thread().get_json()["comments"][0]["edited_at"] is not None
    assert admin.pending_badge() == 0
    assert admin.audit()[-1][1:3] == ("approve", str(comment_id))


def test_a_held_edit_that_is_deleted_takes_the_comment_with_it(app, api, admin):
    _site_moderation(app, "all")
    comment_id, token = _posted(api, text="Approved words")
    admin.moderate("approve", comment_id)
    _edit(api, comment_id, edit_token=token, text="Insults")
    admin.moderate("delete", comment_id)
    assert _public_html(api) == []
    with app.app_context():
        comment = storage.find_comment(comment_id)
        assert comment.pending_text is None and comment.text == "Approved words"


def test_an_edit_caught_by_a_hold_word_waits_too(app, api, admin):
    with app.app_context():
        for site in db.session.query(Site):
            site.hold_words = "casino"
        storage.commit()
    comment_id, token = _posted(api, text="Fine words")
    assert _edit(api, comment_id, edit_token=token, text="Visit my casino").status_code == 200
    assert _public_html(api) == ["<p>Fine words</p>"]


def test_on_an_open_site_an_edit_is_published_at_once(api):
    comment_id, token = _posted(api, text="Fine words")
    assert _edit(api, comment_id, edit_token=token, text="Finer words").status_code == 200
    assert _public_html(api) == ["<p>Finer words</p>"]


def test_an_edit_on_a_closed_thread_is_refused_as_a_new_post_is(app, api):
    comment_id, token = _posted(api)
    with app.app_context():
        thread = storage.find_comment(comment_id).thread
        storage.set_thread_closed(thread, True)
        storage.commit()
    refused = _edit(api, comment_id, edit_token=token, text="Changed after closing")
    assert refused.status_code == 403 and refused.get_json()["error"] == "thread_closed"
    assert api.post_comment().get_json()["error"] == "thread_closed"


@pytest.mark.parametrize(("kind", "value"), [("email", "ana.reader@example.org"), ("network", "")])
def test_an_edit_from_a_banned_email_or_network_is_refused(api, admin, kind, value):
    comment_id, token = _posted(api)
    admin.post("/admin/bans/add", kind=kind, value=value or api.address, days="", note="")
    refused = _edit(api, comment_id, edit_token=token, text="Still here")
    assert refused.status_code == 403 and refused.get_json()["error"] == "banned"
    assert _public_html(api) == ["<p>A thoughtful comment.</p>"]


@pytest.mark.parametrize("send", [_edit, _delete])
def test_edits_and_deletions_draw_on_the_write_attempt_limit(app_factory, app, send):
    limited = app_factory(RATELIMIT_ENABLED=True, WRITE_ATTEMPT_RATE_LIMIT="10 per minute")
    api = Api(limited.test_client(), origin=BLOG)
    comment_id, _ = _posted(api)  # one attempt
    statuses = [
        send(api, comment_id, edit_token="wrong token", text="x").status_code for _ in range(40)
    ]
    assert statuses[:9] == [403] * 9 and set(statuses[9:]) == {429}
