"""Links and the sites' word lists hold or mark comments as spam."""

from __future__ import annotations

import pytest

from tests.conftest import BLOG, OTHER
from tests.defending import _comments, _held_quietly, _posted, _public
from tests.openapi_check import assert_matches_spec
from widget import storage

# ---- links ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Just words.", "published"),
        ("See https://a.example/post for more.", "published"),
        ("See [my post](https://a.example/post).", "published"),
        ("See https://a.example and https://b.example now.", "pending"),
        ("See [one](https://a.example) and [two](https://b.example).", "pending"),
        ("See [one](https://a.example) and https://b.example too.", "pending"),
        ('Not links: <a href="x">x</a> <a href="y">y</a>', "published"),
    ],
)
def test_comments_with_many_links_wait_for_moderation(api, app, text, status):
    app.config["HOLD_LINK_COUNT"] = 2
    assert _posted(api.post_comment(text=text))["status"] == status
    assert [c.status for c in _comments(app)] == [status]


def test_the_link_rule_is_off_at_zero(api, app):
    app.config["HOLD_LINK_COUNT"] = 0
    text = " ".join(f"https://{n}.example" for n in "abcdef")
    assert _posted(api.post_comment(text=text))["status"] == "published"


# ---- the sites' word lists -------------------------------------------------------------------


def _set_site(app, origin: str = BLOG, **values) -> None:
    with app.app_context():
        site = storage.find_site_by_origin(origin)
        for name, value in values.items():
            setattr(site, name, value)
        storage.db.session.commit()


@pytest.mark.parametrize(
    "fields",
    [
        {"text": "The best CASINO bonus."},
        {"name": "Casino Bob"},
        {"email": "deals@casino.example"},
        {"website": "https://www.Casino.example/"},
        {"text": "Cheap Viagra."},
    ],
)
def test_a_spam_word_anywhere_keeps_the_comment_as_spam(api, app, fields):
    _set_site(app, spam_words="casino\nViagra", hold_words="refund")
    _held_quietly(api, app, api.post_comment(**fields), "spam")


def test_a_hold_word_holds_the_comment(api, app):
    _set_site(app, spam_words="casino", hold_words="refund\nwire transfer")
    comment = _posted(api.post_comment(text="About the WIRE TRANSFER you sent."))
    assert comment["status"] == "pending"
    assert [c.status for c in _comments(app)] == ["pending"]
    assert _public(api) == ([], 0, 0)


def test_a_comment_without_listed_words_is_published(api, app):
    _set_site(app, spam_words="casino", hold_words="refund")
    _set_site(app, origin=OTHER, spam_words="thoughtful")  # another site's list
    assert _posted(api.post_comment())["status"] == "published"
    assert len(_public(api)[0]) == 1


@pytest.mark.parametrize(
    ("moderation", "words", "status"),
    [
        ("all", {}, "pending"),
        ("all", {"hold_words": "thoughtful"}, "pending"),
        ("all", {"spam_words": "thoughtful"}, "spam"),
        ("none", {"hold_words": "thoughtful"}, "pending"),
        ("first", {"spam_words": "thoughtful"}, "spam"),
    ],
)
def test_the_stricter_of_moderation_and_defences_wins(api, app, moderation, words, status):
    _set_site(app, moderation=moderation, **words)
    assert _posted(api.post_comment())["status"] == "pending"
    assert [c.status for c in _comments(app)] == [status]


def test_word_lists_set_in_the_admin_site_form_are_applied(api, app, admin):
    form = {
        "name": "Blog",
        "origins": f"{BLOG}\nhttps://www.blog.example.org",
        "moderation": "none",
        "close_after_days": "",
        "spam_words": "  Casino \n\nViagra\ncasino\n",
        "hold_words": "Refund\r\n",
    }
    assert admin.post("/admin/sites/1", **form).status_code == 303
    with app.app_context():
        site = storage.find_site_by_origin(BLOG)
        assert (site.spam_words, site.hold_words) == ("casino\nviagra", "refund")
    assert "viagra" in admin.get("/admin/sites/1").get_data(as_text=True)
    statuses = [
        _posted(api.post_comment(text=text))["status"]
        for text in ("Cheap VIAGRA.", "A refund, please.", "A kind word.")
    ]
    assert statuses == ["pending", "pending", "published"]
    assert [c.status for c in _comments(app)] == ["spam", "pending", "published"]


def test_an_edit_that_adds_a_spam_word_is_kept_as_spam(api, app):
    _set_site(app, spam_words="casino")
    posted = api.post_comment(text="Innocent.").get_json()
    response = api.client.patch(
        f"/api/comments/{posted['comment']['id']}",
        json={"edit_token": posted["edit_token"], "text": "Visit my Casino."},
        headers={"Origin": BLOG},
        environ_base={"REMOTE_ADDR": api.address},
    )
    assert_matches_spec(response, "patch", "/api/comments/{comment_id}")
    assert response.status_code == 200
    assert response.get_json()["comment"]["status"] == "pending"
    assert [(c.status, c.text) for c in _comments(app)] == [("spam", "Visit my Casino.")]
    assert _public(api) == ([], 0, 0)


def test_flood_limits_apply_every_part_of_the_setting(app, api):
    app.config["EMAIL_RATE_LIMIT"] = "100 per hour;2 per day"
    statuses = [api.post_comment(text=f"Comment {n}").status_code for n in range(3)]
    assert statuses == [201, 201, 429]
