"""External spam checkers: none by default (no network), your own function, and Akismet.

Akismet is played by a small HTTP server on 127.0.0.1 that answers like its comment-check
call and records what it was sent; it is shut down after each test.
"""

from __future__ import annotations

import logging
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest

from tests.actions import ARTICLE
from widget import storage
from widget.core.urls import canonical_url
from widget.moderation.checkers import Submission
from widget.storage.models import Comment

UNROUTABLE = "http://127.0.0.1:9/1.1/comment-check"  # the discard port: nothing answers
BROWSER = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Tester/1.0",
    "Referer": ARTICLE,
    "Accept-Language": "es-ES,es;q=0.9",
}
RECEIVED: list[Submission] = []


def always_spam(submission: Submission) -> str:
    RECEIVED.append(submission)
    return "spam"


def always_ham(submission: Submission) -> str:
    RECEIVED.append(submission)
    return "ham"


def always_fails(submission: Submission) -> str:
    RECEIVED.append(submission)
    raise ConnectionError("the checker is down")


def answers_nonsense(submission: Submission) -> str:
    RECEIVED.append(submission)
    return "maybe"


@pytest.fixture(autouse=True)
def _forget_submissions():
    RECEIVED.clear()
    yield
    RECEIVED.clear()


def _stored(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(c.status, c.text) for c in storage.db.session.query(Comment).order_by(Comment.id)]


def _post(api, **fields) -> dict:
    response = api.post_comment(headers=BROWSER, **fields)
    assert response.status_code == 201, response.get_json()
    assert "spam" not in response.get_data(as_text=True).lower()
    return response.get_json()["comment"]


def _published_ids(api) -> list[int]:
    return [comment["id"] for comment in api.thread().get_json()["comments"]]


# ---- no checker ---------------------------------------------------------------------------


def test_without_a_checker_nothing_is_called(api, app, monkeypatch):
    calls = []
    monkeypatch.setattr("urllib.request.urlopen", lambda *a, **k: calls.append(a))
    app.config.update(SPAM_CHECKER="", AKISMET_URL=UNROUTABLE, AKISMET_API_KEY="k3y")
    comment = _post(api)
    assert comment["status"] == "published"
    assert _published_ids(api) == [comment["id"]]
    assert calls == []


# ---- a checker of your own ---------------------------------------------------------------------


def test_your_own_checker_sees_the_submission_and_can_call_it_spam(api, app):
    app.config["SPAM_CHECKER"] = "tests.test_checkers:always_spam"
    comment = _post(
        api,
        name="Ana Reader",
        email="Ana.Reader@Example.org",
        website="https://ana.example",
        text="Nice post, visit my shop.",
    )
    assert comment["status"] == "pending"
    assert _stored(app) == [("spam", "Nice post, visit my shop.")]
    assert _published_ids(api) == []
    assert api.counts(ARTICLE).get_json()["counts"][ARTICLE] == 0
    [seen] = RECEIVED
    assert seen == Submission(
        page_url=canonical_url(ARTICLE),
        name="Ana Reader",
        email="ana.reader@example.org",
        website="https://ana.example",
        text="Nice post, visit my shop.",
        client_address=api.address,  # the full address, held in memory only
        user_agent=BROWSER["User-Agent"],
        referrer=ARTICLE,
        language="es-ES",
    )


def test_a_checker_that_says_ham_lets_the_comment_through(api, app):
    app.config["SPAM_CHECKER"] = "tests.test_checkers:always_ham"
    assert _post(api)["status"] == "published"
    assert len(RECEIVED) == 1


@pytest.mark.parametrize("checker", ["always_fails", "answers_nonsense"])
def test_a_failing_checker_holds_the_comment_rather_than_losing_it(api, app, caplog, checker):
    app.config["SPAM_CHECKER"] = f"tests.test_checkers:{checker}"
    with caplog.at_level(logging.WARNING, logger="widget.checkers"):
        comment = _post(api, text="Please keep me.")
    assert comment["status"] == "pending"
    assert _stored(app) == [("pending", "Please keep me.")]
    assert len(RECEIVED) == 1
    if checker == "always_fails":
        assert "spam checker failed" in caplog.text and "the checker is down" in caplog.text


def test_a_checker_is_not_asked_about_a_filled_honeypot(api, app):
    app.config["SPAM_CHECKER"] = "tests.test_checkers:always_ham"
    assert _post(api, homepage="https://bot.example")["status"] == "pending"
    assert RECEIVED == []
    assert [status for status, _ in _stored(app)] == ["spam"]


# ---- Akismet ------------------------------------------------------------------------------


class _AkismetHandler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        self.server.requests.append(
            {"path": self.path, "agent": self.headers.get("User-Agent"), "form": parse_qs(body)}
        )
        answer = self.server.answer.encode()
        self.send_response(self.server.status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def akismet(app):
    """A stand-in for Akismet on a free loopback port; the app is pointed at it."""
    server = HTTPServer(("127.0.0.1", 0), _AkismetHandler)
    server.answer, server.status, server.requests = "false", 200, []
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    app.config.update(
        SPAM_CHECKER="akismet",
        AKISMET_API_KEY="test-akismet-key",
        AKISMET_URL=f"http://127.0.0.1:{server.server_port}/1.1/comment-check",
    )
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.mark.parametrize(
    ("answer", "status", "shown", "stored"),
    [
        ("true", 200, "pending", "spam"),
        ("false", 200, "published", "published"),
        ("maybe", 200, "pending", "pending"),
        ("", 200, "pending", "pending"),
        ("false", 500, "pending", "pending"),
    ],
)
def test_akismet_decides_from_its_answer(api, app, akismet, answer, status, shown, stored):
    akismet.answer, akismet.status = answer, status
    comment = _post(api, text="What Akismet is asked about.")
    assert comment["status"] == shown
    assert _stored(app) == [(stored, "What Akismet is asked about.")]
    assert _published_ids(api) == ([comment["id"]] if stored == "published" else [])
    assert len(akismet.requests) == 1


def test_akismet_is_sent_the_comment_the_page_and_the_reader(api, akismet):
    _post(api, name="Ana Reader", email="Ana@Example.org", website="https://ana.example")
    [request] = akismet.requests
    assert request["path"] == "/1.1/comment-check"
    assert request["agent"].startswith("Tertulia/")
    form = {name: values[0] for name, values in request["form"].items()}
    assert form["api_key"] == "test-akismet-key"
    assert form["blog"] == "https://blog.example.org/"
    assert form["permalink"] == canonical_url(ARTICLE)
    assert form["comment_type"] == "comment"
    assert form["comment_content"] == "A thoughtful comment."
    assert form["comment_author"] == "Ana Reader"
    assert form["comment_author_email"] == "ana@example.org"
    assert form["comment_author_url"] == "https://ana.example"
    assert form["user_ip"] == api.address
    assert form["user_agent"] == BROWSER["User-Agent"]
    assert form["referrer"] == ARTICLE
    assert form["blog_lang"] == "es-ES"


def test_an_unreachable_akismet_holds_the_comment(api, app):
    app.config.update(SPAM_CHECKER="akismet", AKISMET_API_KEY="k3y", AKISMET_URL=UNROUTABLE)
    assert _post(api)["status"] == "pending"
    assert [status for status, _ in _stored(app)] == ["pending"]


def test_a_checker_that_cannot_be_loaded_holds_comments(app, api):
    app.config["SPAM_CHECKER"] = "tests.no_such_module:check"
    response = api.post_comment()
    assert response.status_code == 201
    assert response.get_json()["comment"]["status"] == "pending"
