"""Authors edit and delete their own comments with the edit token, for a while."""

from datetime import timedelta

import pytest

from tests.actions import Api
from tests.openapi_check import assert_matches_spec
from widget import storage
from widget.storage.models import Comment


def _send(method, api, comment_id, body):
    response = api.client.open(
        f"/api/comments/{comment_id}",
        method=method.upper(),
        json=body,
        headers={"Origin": api.origin},
        environ_base={"REMOTE_ADDR": api.address},
    )
    assert_matches_spec(response, method, "/api/comments/{comment_id}")
    return response


def _edit(api, comment_id, **body):
    return _send("patch", api, comment_id, body)


def _delete(api, comment_id, **body):
    return _send("delete", api, comment_id, body)


def _posted(api, **fields):
    body = api.post_comment(**fields).get_json()
    return body["comment"]["id"], body["edit_token"]


def test_the_author_edits_and_the_text_is_rendered_again(api):
    comment_id, token = _posted(api, text="First draft")
    response = _edit(api, comment_id, edit_token=token, text="Second **draft** <script>x</script>")
    assert response.status_code == 200
    html = response.get_json()["comment"]["html"]
    assert html == "<p>Second <strong>draft</strong> &lt;script&gt;x&lt;/script&gt;</p>"
    assert api.thread().get_json()["comments"][0]["html"] == html


def test_readers_see_when_the_author_changed_the_text(api, admin):
    comment_id, token = _posted(api, text="First draft")
    assert api.thread().get_json()["comments"][0]["edited_at"] is None
    _edit(api, comment_id, edit_token=token, text="First draft")  # the same text
    assert api.thread().get_json()["comments"][0]["edited_at"] is None
    edited = _edit(api, comment_id, edit_token=token, text="Second draft").get_json()
    assert edited["comment"]["edited_at"].endswith("Z")
    [shown] = api.thread().get_json()["comments"]
    assert shown["edited_at"] == edited["comment"]["edited_at"]
    # A moderator's status change is no edit of the author's.
    other, _ = _posted(api, text="Untouched")
    admin.moderate_one(other, "spam")
    admin.moderate_one(other, "approve")
    assert [c["edited_at"] for c in api.thread().get_json()["comments"]][1] is None


def test_a_wrong_or_missing_token_is_refused(api, app):
    comment_id, token = _posted(api)
    for body in (
        {"edit_token": token[:-1] + "x", "text": "x"},
        {"text": "x"},
        {"edit_token": 5, "text": "x"},
    ):
        response = _edit(api, comment_id, **body)
        assert response.status_code == 403
        assert response.get_json()["error"] == "bad_edit_token"
    with app.app_context():
        assert storage.find_comment(comment_id).text == "A thoughtful comment."


def test_edits_are_validated_like_new_comments(api):
    comment_id, token = _posted(api)
    for text, fragment in (("", "write a comment"), ("x" * 10001, "10,000"), ("a\x00b", "control")):
        response = _edit(api, comment_id, edit_token=token, text=text)
        assert response.status_code == 400
        assert fragment in " ".join(response.get_json()["fields"]["text"])
    assert _edit(api, comment_id, edit_token=token, text=["a"]).status_code == 400


def test_edits_are_refused_once_the_edit_window_closes(api, app):
    comment_id, token = _posted(api)
    with app.app_context():
        comment = storage.find_comment(comment_id)
        comment.created_at = comment.created_at - timedelta(minutes=16)
        storage.commit()
    response = _edit(api, comment_id, edit_token=token, text="Too late")
    assert response.status_code == 403
    assert response.get_json()["error"] == "edit_window_closed"


def test_an_edit_that_adds_links_is_held_again(api, app):
    app.config["HOLD_LINK_COUNT"] = 2
    comment_id, token = _posted(api, text="Innocent")
    body = _edit(
        api, comment_id, edit_token=token, text="Buy https://spam.example/a https://spam.example/b"
    ).get_json()
    assert body["comment"]["status"] == "pending"
    # Readers keep the text that was published until a moderator looks at the edit.
    assert [c["html"] for c in api.thread().get_json()["comments"]] == ["<p>Innocent</p>"]


def test_another_sites_page_cannot_edit(client, api):
    comment_id, token = _posted(api)
    other = Api(client, origin="https://other.example.net")
    response = _edit(other, comment_id, edit_token=token, text="Hijacked")
    assert response.status_code == 403


def test_the_author_deletes_and_replies_stay(api, app):
    parent_id, token = _posted(api, text="I regret this")
    _posted(api, text="A reply", parent_id=parent_id)
    response = _delete(api, parent_id, edit_token=token)
    assert response.status_code == 200
    comments = api.thread().get_json()["comments"]
    assert comments[0] == {**comments[0], "status": "deleted", "name": "", "html": ""}
    assert comments[1]["html"] == "<p>A reply</p>"
    assert _delete(api, parent_id, edit_token=token).status_code == 404


def test_unknown_comments_are_404(api):
    assert _edit(api, 999, edit_token="x", text="y").status_code == 404


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_preflights_allow_the_author_methods(client, method):
    response = client.options(
        "/api/comments/1",
        headers={"Origin": "https://blog.example.org", "Access-Control-Request-Method": method},
    )
    assert method.upper() in response.headers["Access-Control-Allow-Methods"]


def test_rerender_renders_every_comment_again(api, app, runner):
    _posted(api, text="Some *text*")
    with app.app_context():
        storage.db.session.query(Comment).update({"html": "<p>stale</p>"})
        storage.commit()
    result = runner.invoke(args=["comments", "rerender", "--batch", "1"])
    assert result.exit_code == 0 and "1 changed" in result.output
    assert api.thread().get_json()["comments"][0]["html"] == "<p>Some <em>text</em></p>"
