"""The commenter's record on the admin comment page: by email, by network without one."""

from __future__ import annotations

import re
from html import unescape

from tests.newsroom import post, reader, report, reporter
from widget import storage


def _record(admin, comment_id: int) -> dict[str, tuple[str, str]]:
    """The record's rows: label -> (shown value, link)."""
    html = admin.get(f"/admin/comments/{comment_id}").get_data(as_text=True)
    section = html.split('class="facts history"', 1)[1].split("</dl>", 1)[0]
    rows = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", section, re.S)
    record = {}
    for label, cell in rows:
        link = re.search(r'href="([^"]+)"', cell)
        value = unescape(re.sub(r"<[^>]+>", "", cell)).strip()
        record[label] = (value, unescape(link.group(1)) if link else "")
    return record


def test_the_record_counts_by_email_on_this_site(app, client, admin):
    ana = reader(client, 1)
    ids = [post(ana, text=f"Comment {n}")["id"] for n in range(5)]
    post(reader(client, 2), email="someone.else@example.org")
    admin.moderate_one(ids[1], "hold")
    admin.moderate_one(ids[2], "spam")
    admin.moderate_one(ids[3], "delete")
    for number in (5, 6):
        report(reporter(client, number), ids[0])
    record = _record(admin, ids[0])
    assert {label: value for label, (value, _) in record.items()} == {
        "Published": "2",
        "Held": "1",
        "Spam": "1",
        "Deleted": "1",
        "Reports received": "2",
        "Legal notices received": "0",
        "First comment": record["First comment"][0],
        "Last comment": record["Last comment"][0],
    }
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["First comment"][0])
    published_link = record["Published"][1]
    assert "email=ana.reader@example.org" in published_link and "status=published" in published_link
    assert admin.listed(status="spam", email="ana.reader@example.org", site="1") == [ids[2]]
    assert sorted(admin.listed(email="ana.reader@example.org")) == ids


def test_without_an_email_the_record_counts_by_network(app, client, admin):
    ana = reader(client, 1)
    comment = post(ana)
    with app.app_context():
        stored = storage.find_comment(comment["id"])
        stored.email = ""  # an imported comment without one
        storage.commit()
    post(reader(client, 2), email="neighbour@example.org")  # same /24 network
    post(reader(client, 3), email="x@example.org")
    record = _record(admin, comment["id"])
    assert record["Published"][0] == "3"
    assert "network=203.0.113.0/24" in record["Published"][1]


def test_the_record_is_for_moderators_only(client):
    comment = post(reader(client, 1))
    html = client.get(f"/admin/comments/{comment['id']}").get_data(as_text=True)
    assert "Reports received" not in html
    public = reader(client, 1).thread().get_data(as_text=True)
    assert "Reports received" not in public and "history" not in public
