"""Q&A threads: questions carry `answered` once a staff reply is under them; the no-JS page
groups the same (answers first, a filter, the most voted first)."""

import re

import pytest

from tests.actions import ARTICLE
from tests.readers import Reader
from tests.stories import Cms, create_token


@pytest.fixture
def qa(runner, client):
    assert Cms(client, create_token(runner, "threads:write")).put({"mode": "qa"}).status_code == 200


def ask(api, text, email="ana@example.org", **fields) -> int:
    response = api.post_comment(text=text, email=email, **fields)
    assert response.status_code == 201
    return response.get_json()["comment"]["id"]


def answer(admin, question_id: int, text: str) -> None:
    response = admin.post(f"/admin/comments/{question_id}/reply", reply=text)
    assert response.status_code == 303


def test_a_staff_reply_answers_a_question(qa, api, admin):
    first = ask(api, "When is the hearing?")
    second = ask(api, "Who is the judge?", email="b@example.org")
    reply = ask(api, "Also wondering.", email="c@example.org", parent_id=first)
    answer(admin, first, "On Monday at ten.")
    body = api.thread().get_json()
    assert body["thread"]["mode"] == "qa"
    by_id = {c["id"]: c for c in body["comments"]}
    assert by_id[first]["answered"] is True and by_id[second]["answered"] is False
    assert "answered" not in by_id[reply]  # replies are not questions
    staff = [c for c in body["comments"] if c["staff"]]
    assert staff and "answered" not in staff[0]


def test_an_ordinary_thread_has_no_answered_marks(api, admin):
    question = ask(api, "A plain comment.")
    answer(admin, question, "A staff reply.")
    assert all("answered" not in c for c in api.thread().get_json()["comments"])


def test_the_no_js_page_groups_questions_and_answers(qa, api, admin, client):
    first = ask(api, "When is the hearing?")
    second = ask(api, "Who is the judge?", email="b@example.org")
    ask(api, "Me too.", email="c@example.org", parent_id=first)
    answer(admin, first, "On Monday at ten.")
    Reader(client, api.origin, "198.51.100.9", voter="v" * 32).like(second)

    def page(**params) -> str:
        response = client.get("/threads", query_string={"url": ARTICLE, **params})
        assert response.status_code == 200
        return response.get_data(as_text=True)

    html = page()
    assert html.index("Who is the judge?") < html.index("When is the hearing?")  # votes first
    assert html.index("On Monday at ten.") < html.index("Me too.")  # the answer first
    assert html.count('class="badge answered"') == 1
    assert "Unanswered" in html and 'aria-current="page"' in html
    answered = page(show="answered")
    assert "When is the hearing?" in answered and "Who is the judge?" not in answered
    unanswered = page(show="unanswered", lang="es")
    assert "Who is the judge?" in unanswered and "When is the hearing?" not in unanswered
    assert "Sin respuesta" in unanswered


def test_the_no_js_page_shows_the_story(runner, client, api):
    cms = Cms(client, create_token(runner, "threads:write"))
    cms.put(
        {"message": "Comments on this court report are **pre-moderated**.", "moderation": "all"}
    )
    spanish = client.get("/threads", query_string={"url": ARTICLE, "lang": "es"})
    html = spanish.get_data(as_text=True)
    assert "<strong>pre-moderated</strong>" in html
    assert "Los comentarios se revisan antes de publicarse." in html
    cms.put({"closed": True})
    html = client.get("/threads", query_string={"url": ARTICLE}).get_data(as_text=True)
    assert "The newsroom closed them." in html
    assert not re.search(r'<form method="post" action="[^"]*/threads"', html)
