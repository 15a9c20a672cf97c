"""The pre-screen beyond the API's first post: authors' edits and the no-JavaScript form."""

from __future__ import annotations

import pytest

from tests.actions import Api
from tests.nojs import get_page, html, post_form, stored_comments
from tests.openapi_check import assert_matches_spec
from tests.prescreening import BLOG, KIND_EN, TOXIC_EN, reasons, set_site, stored


@pytest.fixture
def reader(screened_app):
    return Api(screened_app.test_client(), origin=BLOG)


def _edit(api: Api, comment_id: int, token: str, text: str):
    response = api.client.patch(
        f"/api/comments/{comment_id}",
        json={"edit_token": token, "text": text},
        headers={"Origin": api.origin},
        environ_base={"REMOTE_ADDR": api.address},
    )
    assert_matches_spec(response, "patch", "/api/comments/{comment_id}")
    return response


def test_an_edit_over_the_threshold_waits_with_its_score(screened_app, reader):
    posted = reader.post_comment(text=KIND_EN).get_json()
    comment_id, token = posted["comment"]["id"], posted["edit_token"]
    response = _edit(reader, comment_id, token, TOXIC_EN)
    assert response.status_code == 200  # no nudge for an edit: it waits for a moderator
    [comment] = stored_comments(screened_app)
    assert (comment.text, comment.pending_text) == (KIND_EN, TOXIC_EN)  # readers keep it
    language, toxicity, _ = stored(screened_app, comment_id)
    assert language == "en" and toxicity >= 0.8
    codes = [code for code, _ in reasons(screened_app, comment_id)]
    assert codes == ["edit", "toxicity"]


def test_an_edit_into_a_language_the_site_does_not_take_waits(screened_app, reader):
    set_site(screened_app, languages="en")
    posted = reader.post_comment(text=KIND_EN).get_json()
    french = "Merci pour cet article très clair sur la politique du logement à Madrid."
    _edit(reader, posted["comment"]["id"], posted["edit_token"], french)
    assert ("language", "fr") in reasons(screened_app, posted["comment"]["id"])


def test_the_plain_form_nudges_then_posts_it_as_it_is(screened_app):
    client = screened_app.test_client()
    first = post_form(client, html(get_page(client)), text=TOXIC_EN)
    assert first.status_code == 422
    page = html(first)
    said = [node.text.strip() for node in page.find_all("p", role="alert")]
    assert any(text.startswith("Your comment may be hurtful to others.") for text in said), said
    hidden = page.find("input", name="reconsidered")
    assert hidden is not None and hidden.attrs["value"] == "1"
    assert page.find("textarea").text.strip() == TOXIC_EN  # the text is kept
    assert stored_comments(screened_app) == []
    again = post_form(client, page, text=TOXIC_EN)
    assert again.status_code == 303
    [comment] = stored_comments(screened_app)
    assert comment.status == "pending"
    assert reasons(screened_app, comment.id)[0][0] == "toxicity"
