"""Dates as each language writes them (issue 26): Babel's formats for the thread page and the
mail; ISO 8601 stays where machines read it (`<time datetime>`, JSON)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.actions import Admin
from tests.conftest import MODERATOR_PASSWORD
from tests.mailbox import text_part
from tests.nojs import get_page, html
from tests.test_mail_readers import ANA, deliver, subscribe
from widget.accounts.moderators import create_moderator
from widget.i18n import dates

MOMENT = datetime(2026, 12, 3, 17, 5, tzinfo=UTC)
# A long date in each language, as CLDR writes it.
DAY = {
    "en": r"[A-Z][a-z]+ \d{1,2}, \d{4}",
    "es": r"\d{1,2} de [a-z]+ de \d{4}",
    "de": r"\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4}",
}


@pytest.mark.parametrize(
    ("language", "day", "moment", "ago"),
    [
        ("en", "December 3, 2026", "December 3, 2026, 17:05", "3 hours ago"),
        ("es", "3 de diciembre de 2026", "3 de diciembre de 2026, 17:05", "hace 3 horas"),
        ("de", "3. Dezember 2026", "3. Dezember 2026, 17:05", "vor 3 Stunden"),
    ],
)
def test_the_helpers_in_each_language(language, day, moment, ago):
    assert dates.day(MOMENT, language) == day
    assert dates.day("2026-12-03T17:05:00Z", language) == day  # as the API gives it
    assert dates.moment(MOMENT, language) == moment
    assert dates.ago(MOMENT, now=MOMENT + timedelta(hours=3), language=language) == ago


def test_a_naive_moment_is_utc():
    assert dates.moment(MOMENT.replace(tzinfo=None), "en") == "December 3, 2026, 17:05"


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_the_thread_page_dates_in_the_readers_language(api, client, language):
    comment = api.post_comment().get_json()["comment"]
    doc = html(get_page(client, lang=language))
    time = doc.find("time")
    assert time.attrs["datetime"] == comment["created_at"]  # the machine's format, unchanged
    shown = time.text.strip()
    assert re.fullmatch(DAY[language], shown), shown
    assert shown == dates.day(comment["created_at"], language)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("es", "La moderación de Blog ha pausado tus comentarios hasta el "),
        ("de", None),
    ],
)
def test_a_time_out_mail_dates_the_end_in_the_readers_language(mail_app, smtp, language, sentence):
    with mail_app.app_context():
        create_moderator("mod@example.org", MODERATOR_PASSWORD)
    admin = Admin(mail_app.test_client())
    admin.login("mod@example.org", MODERATOR_PASSWORD)
    comment_id = subscribe(mail_app, smtp, lang=language)
    ladder = f"/admin/comments/{comment_id}/ladder"
    admin.post(ladder, kind="timeout", duration="7d", message="Calm down.", mail="y")
    deliver(mail_app)
    body = text_part(smtp.inbox.to(ANA)[-1])
    if sentence:
        assert sentence in body
    found = re.search(rf"({DAY[language]}), (\d\d:\d\d) UTC", body)
    assert found, body
    assert re.search(r"\d{4}-\d\d-\d\d", body) is None  # no ISO date left for a person
