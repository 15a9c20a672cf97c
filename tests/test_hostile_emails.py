"""Emails that could break a mail header are refused; the isemail corpus never crashes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from tests.hostile import HEADER_BREAKERS, ISEMAIL_TESTS, _count, _stored
from widget.storage.models import Thread

# --- Emails that could break a mail header -------------------------------------------------

HEADER_INJECTIONS = [
    "ana@example.org\r\nBcc: victim@example.net",
    "ana@example.org\nBcc: victim@example.net",
    "ana@example.org\rBcc: victim@example.net",
    "ana\r\n@example.org",
    "ana@exam\nple.org",
    "ana@example.org\r\n\r\nbody",
    "ana\x00@example.org",
    "ana@example.org\x00",
    "ana\t@example.org",
    "ana;bob@example.org",
    "ana@example.org;bob@example.net",
    "ana@example.org; bob@example.net",
    "ana:bob@example.org",
    "group: ana@example.org;",
    "ana@example.org:25",
    "ana reader@example.org",
    "ana@example .org",
    "ana@ example.org",
    '"ana"@example.org',
    '"ana reader"@example.org',
    '"ana@example.org"',
    '"a\\"b"@example.org',
    '"ana\r\nBcc: x"@example.org',
    "Ana <ana@example.org>",
    "Ana Reader <ana@example.org>",
    '"Ana Reader" <ana@example.org>',
    "<ana@example.org>",
    "ana@example.org <ana@example.org>",
    "(comment)ana@example.org",
    "ana(comment)@example.org",
    "ana@example.org(comment)",
    "ana@(comment)example.org",
    "ana@example.org, bob@example.net",
    "ana,bob@example.org",
    "ana@[127.0.0.1]",
    "ana@[IPv6:::1]",
    "=?utf-8?b?QmNjOiB4QGV2aWwudGVzdA==?= <ana@example.org>",
    "ana@example.org\u2028Bcc: victim@example.net",
    "ana@example.org\u0085Bcc: victim@example.net",
]


@pytest.mark.parametrize("email", HEADER_INJECTIONS, ids=repr)
def test_emails_that_could_break_a_mail_header_are_400(api, app, email):
    response = api.post_comment(email=email)
    assert response.status_code == 400
    assert list(response.get_json()["fields"]) == ["email"]
    assert _count(app) == 0
    assert _count(app, Thread) == 0


def _isemail_tests() -> list[tuple[str, str, str, str]]:
    """(id, address, category, diagnosis); control pictures U+2400+n mapped back to n."""
    root = ET.parse(ISEMAIL_TESTS).getroot()
    tests = []
    for test in root.iter("test"):
        address = "".join(
            chr(ord(c) - 0x2400) if 0x2400 <= ord(c) < 0x2420 else c
            for c in test.findtext("address") or ""
        )
        tests.append(
            (test.get("id"), address, test.findtext("category"), test.findtext("diagnosis"))
        )
    return tests


def _safe_for_headers(email: str) -> bool:
    return not any(char in email for char in HEADER_BREAKERS)


def test_the_isemail_corpus_never_crashes_and_stores_only_safe_addresses(api, app):
    tests = _isemail_tests()
    assert len(tests) == 164  # version 3.05; see tests/fixtures/README.md
    token = api.form_token()
    accepted: Counter[str] = Counter()
    totals: Counter[str] = Counter(category for _, _, category, _ in tests)
    refused_errors = []
    for number, address, category, diagnosis in tests:
        before = _count(app)
        response = api.post_comment(email=address, form_token=token)
        where = f"#{number} {address!r} ({diagnosis})"
        assert response.status_code in (201, 400), where
        if response.status_code == 201:
            accepted[category] += 1
            stored = _stored(app)[-1]
            assert _safe_for_headers(stored.email), f"{where} stored as {stored.email!r}"
            assert stored.email == stored.email.strip().lower(), where
        else:
            assert list(response.get_json()["fields"]) == ["email"], where
            assert _count(app) == before, where
            if category == "ISEMAIL_ERR":
                refused_errors.append(address)
        # Every error the corpus knows is refused (spaces and tabs around an address are
        # trimmed, CR and LF are not: an address with them is refused).
        if category == "ISEMAIL_ERR" and address.strip(" \t") == address:
            assert response.status_code == 400, where
    print("\nisemail corpus: accepted / total per category")
    for category in sorted(totals):
        print(f"  {category:24} {accepted[category]:3} / {totals[category]}")


def test_every_isemail_error_is_refused(api, app):
    token = api.form_token()
    accepted = [
        address
        for _, address, category, _ in _isemail_tests()
        if category == "ISEMAIL_ERR"
        and api.post_comment(email=address, form_token=token).status_code != 400
    ]
    assert accepted == []
