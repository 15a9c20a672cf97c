"""Form tokens and the honeypot: bots are refused or quietly kept as spam."""

from __future__ import annotations

import re
import time
from html import unescape
from urllib.parse import urlsplit

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG, OTHER
from tests.defending import (
    OTHER_PAGE,
    SECOND_ARTICLE,
    _comments,
    _error,
    _held_quietly,
    _posted,
    _public,
    _threads,
)
from widget.settings import DEFAULTS

# ---- form tokens -------------------------------------------------------------------------


@pytest.mark.parametrize("token", [..., "", None])
def test_a_post_without_a_form_token_is_refused(api, app, token):
    body = _error(api.post_comment(form_token=token), 400, "missing_form_token")
    assert "reload the page" in body["message"]
    assert _comments(app) == [] and _threads(app) == []


def test_a_forged_or_tampered_form_token_is_refused(api, app, app_factory):
    genuine = api.form_token()
    elsewhere = Api(app_factory(SECRET_KEY="another-secret").test_client(), origin=BLOG)
    signed, signature = genuine.rsplit(".", 1)
    tampered = f"{signed}.{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"
    for token in ("forged", tampered):
        _error(api.post_comment(form_token=token), 400, "form_token_invalid")
    # Well formed, but signed by another server's key.
    _error(api.post_comment(form_token=elsewhere.form_token()), 400, "form_token_invalid")
    assert _comments(app) == [] and _threads(app) == []


def test_a_form_token_of_another_thread_is_refused(api, app, client):
    body = _error(
        api.post_comment(form_token=api.form_token(SECOND_ARTICLE)), 400, "form_token_invalid"
    )
    assert "another thread" in body["message"]
    wrong_id = api.form_token(thread="thread-a")
    _error(api.post_comment(thread="thread-b", form_token=wrong_id), 400, "form_token_invalid")
    # The same explicit thread id on another site is another thread too.
    other_site = Api(client, origin=OTHER).form_token(OTHER_PAGE, thread="shared")
    _error(api.post_comment(thread="shared", form_token=other_site), 400, "form_token_invalid")
    assert _comments(app) == [] and _threads(app) == []
    assert _posted(
        api.post_comment(thread="thread-b", form_token=api.form_token(thread="thread-b"))
    )


def test_an_expired_form_token_is_refused(api, app):
    token = api.form_token()
    app.config["FORM_TOKEN_MAX_AGE"] = -1
    body = _error(api.post_comment(form_token=token), 400, "form_token_expired")
    assert "expired" in body["message"]
    assert _comments(app) == [] and _threads(app) == []


def test_a_post_sooner_than_the_minimum_age_is_refused(api, app):
    app.config["FORM_TOKEN_MIN_AGE"] = 3600
    body = _error(api.post_comment(), 400, "form_token_too_fast")
    assert "wait a moment" in body["message"]
    assert _comments(app) == [] and _threads(app) == []


def test_the_default_minimum_age_refuses_an_instant_post_and_accepts_a_patient_one(
    api, app, monkeypatch
):
    app.config["FORM_TOKEN_MIN_AGE"] = DEFAULTS["FORM_TOKEN_MIN_AGE"]
    assert app.config["FORM_TOKEN_MIN_AGE"] == 3
    clock = [1_800_000_000.0]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    token = api.form_token()
    _error(api.post_comment(form_token=token), 400, "form_token_too_fast")
    assert _comments(app) == []
    clock[0] += 3.1
    assert _posted(api.post_comment(form_token=token))["status"] == "published"
    assert len(_comments(app)) == 1


def test_the_minimum_age_counts_from_the_moment_the_token_was_fetched(api, app, monkeypatch):
    app.config["FORM_TOKEN_MIN_AGE"] = 3
    clock = [1_800_000_000.95]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    token = api.form_token()
    clock[0] += 2.1  # less than the three seconds asked for
    _error(api.post_comment(form_token=token), 400, "form_token_too_fast")


# ---- honeypot ------------------------------------------------------------------------------


def test_a_filled_honeypot_looks_accepted_but_is_kept_as_spam(api, app):
    response = api.post_comment(text="Cheap watches here.", homepage="https://watches.example")
    _held_quietly(api, app, response, "spam")


def test_a_blank_honeypot_is_not_a_trap(api, app):
    assert _posted(api.post_comment(homepage="  "))["status"] == "published"


def test_the_honeypot_is_ignored_when_switched_off(api, app):
    app.config["HONEYPOT"] = False
    assert _posted(api.post_comment(homepage="https://x.example"))["status"] == "published"
    assert [c.status for c in _comments(app)] == ["published"]


INPUT = re.compile(r"<input\b[^>]*>")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def test_a_filled_honeypot_in_the_plain_form_is_kept_as_spam_and_told_it_awaits(api, client, app):
    page = client.get(
        "/threads", query_string={"url": ARTICLE}, environ_base={"REMOTE_ADDR": api.address}
    ).get_data(as_text=True)  # the form token is bound to the network that fetched it
    inputs = [dict(ATTRIBUTE.findall(tag)) for tag in INPUT.findall(page)]
    assert any(i.get("name") == "homepage" and i.get("type") != "hidden" for i in inputs)
    fields = {i["name"]: unescape(i.get("value", "")) for i in inputs if i.get("type") == "hidden"}
    assert {"csrf_token", "form_token", "url"} <= set(fields)
    form = {
        **fields,
        "text": "Cheap watches here.",
        "name": "Bot",
        "email": "bot@example.org",
        "website": "",
        "homepage": "https://watches.example",
    }
    response = client.post("/threads", data=form, environ_base={"REMOTE_ADDR": api.address})
    assert response.status_code == 303
    assert urlsplit(response.headers["Location"]).fragment == "respond"
    assert [c.status for c in _comments(app)] == ["spam"]
    followed = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your comment is awaiting moderation." in followed
    assert "spam" not in followed.lower() and "Cheap watches" not in followed
    assert _public(api) == ([], 0, 0)
