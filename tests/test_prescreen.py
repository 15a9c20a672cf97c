"""The local pre-screen through the API: the nudge, the hold, the language, what is stored."""

from __future__ import annotations

import re

import pytest

from tests.actions import Api
from tests.conftest import BLOG, OTHER
from tests.prescreening import (
    KIND_EN,
    KIND_ES,
    MODEL_EN,
    TOXIC_EN,
    TOXIC_ES,
    reasons,
    set_site,
    stored,
)

MODEL = MODEL_EN
OTHER_ARTICLE = "https://other.example.net/news/1"


@pytest.fixture
def reader(screened_app):
    return Api(screened_app.test_client(), origin=BLOG)


def test_a_kind_comment_is_published_with_its_language_and_score(screened_app, reader):
    comment = reader.post_comment(text=KIND_EN).get_json()["comment"]
    assert comment["status"] == "published"
    language, toxicity, model = stored(screened_app, comment["id"])
    assert (language, model) == ("en", MODEL) and toxicity < 0.2
    assert "toxicity" not in comment and "language" not in comment  # moderators only


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Your comment may be hurtful to others. You can edit it, or post it as it is."),
        ("es", "Tu comentario podría herir a otras personas. Puedes editarlo o publicarlo"),
    ],
)
def test_a_toxic_comment_is_first_answered_reconsider(screened_app, reader, lang, sentence):
    response = reader.post_comment(text=TOXIC_EN, lang=lang)
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"] == "reconsider" and body["message"].startswith(sentence)
    assert reader.thread().get_json()["comments"] == []  # nothing stored


def test_posted_again_it_is_stored_and_held_with_its_score(screened_app, reader):
    assert reader.post_comment(text=TOXIC_EN).status_code == 422
    response = reader.post_comment(text=TOXIC_EN, reconsidered=True)
    assert response.status_code == 201
    comment = response.get_json()["comment"]
    assert comment["status"] == "pending"
    language, toxicity, model = stored(screened_app, comment["id"])
    assert language == "en" and toxicity >= 0.8 and model == MODEL
    assert reasons(screened_app, comment["id"]) == [("toxicity", f"{toxicity:.2f} ({MODEL})")]


def test_an_edited_text_under_the_threshold_is_published(screened_app, reader):
    assert reader.post_comment(text=TOXIC_EN).status_code == 422
    response = reader.post_comment(text=KIND_EN, reconsidered=True)
    assert response.get_json()["comment"]["status"] == "published"


def test_spanish_is_scored_by_the_word_list(screened_app, reader):
    assert reader.post_comment(text=TOXIC_ES, lang="es").status_code == 422
    held = reader.post_comment(text=TOXIC_ES, lang="es", reconsidered=True).get_json()
    language, toxicity, model = stored(screened_app, held["comment"]["id"])
    assert language == "es" and re.fullmatch(r"word list es@[0-9a-f]{8}", model)
    assert toxicity == 1.0
    kind = reader.post_comment(text=KIND_ES, lang="es").get_json()["comment"]
    assert kind["status"] == "published" and stored(screened_app, kind["id"])[1] == 0.0


def test_the_sites_hold_words_feed_the_word_list(screened_app, reader):
    set_site(screened_app, hold_words="")
    text = "Este concejal es un vendepatrias sin vergüenza alguna, como todos sabemos."
    assert reader.post_comment(text=text).status_code == 201
    set_site(screened_app, hold_words="vendepatrias")
    assert reader.post_comment(text=text + " Otra vez.").status_code == 422


def test_the_threshold_is_the_sites(screened_app, reader):
    rude = "Shut up, nobody cares about your opinion."  # scored 0.84
    set_site(screened_app, toxicity_threshold=0.9)
    assert reader.post_comment(text=rude).status_code == 201
    set_site(screened_app, toxicity_threshold=0.8)
    assert reader.post_comment(text=rude).status_code == 422


def test_a_site_without_the_prescreen_stores_the_score_and_holds_nothing(screened_app):
    other = Api(screened_app.test_client(), origin=OTHER)
    response = other.post_comment(url=OTHER_ARTICLE, text=TOXIC_EN)
    comment = response.get_json()["comment"]
    assert response.status_code == 201 and comment["status"] == "published"
    assert stored(screened_app, comment["id"])[1] >= 0.8


def test_a_language_the_site_does_not_list_is_held(screened_app, reader):
    set_site(screened_app, languages="es")
    spanish = reader.post_comment(text=KIND_ES).get_json()["comment"]
    english = reader.post_comment(text=KIND_EN).get_json()["comment"]
    short = reader.post_comment(text="Great read!").get_json()["comment"]
    assert spanish["status"] == "published" and short["status"] == "published"
    assert english["status"] == "pending"
    assert reasons(screened_app, english["id"]) == [("language", "en")]


def test_the_languages_are_off_by_default(screened_app, reader):
    french = "Merci pour cet article très clair sur la politique du logement à Madrid."
    comment = reader.post_comment(text=french).get_json()["comment"]
    assert comment["status"] == "published"
    assert stored(screened_app, comment["id"])[0] == "fr"


def test_reconsidered_must_be_true_or_false(screened_app, reader):
    response = reader.post_comment(text=KIND_EN, reconsidered="yes")
    assert response.status_code == 400
    assert response.get_json()["fields"] == {"reconsidered": ["Must be true or false."]}


def test_with_the_prescreen_off_nothing_is_scored(app, api):
    response = api.post_comment(text=TOXIC_EN)
    assert response.status_code == 201
    assert stored(app, response.get_json()["comment"]["id"]) == (None, None, None)


def test_the_models_load_once_per_process_not_per_request_or_app(screened_app, app_factory):
    """Every app this process makes, and every request it answers, use the same loaded models."""
    models = screened_app.extensions["tertulia.prescreen"]
    again = app_factory(PRESCREEN=True, PRESCREEN_FOLDER=screened_app.config["PRESCREEN_FOLDER"])
    assert again.extensions["tertulia.prescreen"] is models
    reader = Api(screened_app.test_client(), origin=BLOG)
    for text in (KIND_EN, KIND_ES):
        assert reader.post_comment(text=text).status_code == 201
    assert screened_app.extensions["tertulia.prescreen"] is models


def test_the_score_command_names_the_exact_model(screened_app, app_factory):
    result = screened_app.test_cli_runner().invoke(args=["prescreen", "score", TOXIC_EN])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["language: en", f"toxicity: 1.00 ({MODEL})"]
    off = app_factory().test_cli_runner().invoke(args=["prescreen", "score", TOXIC_EN])
    assert off.exit_code == 1 and "The pre-screen is off (WIDGET_PRESCREEN)." in off.output
