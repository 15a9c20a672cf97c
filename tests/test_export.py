"""`flask export` writes everything; `import tertulia` reads it back without losing anything."""

import json
from datetime import UTC, datetime

from sqlalchemy import delete, select

from tests.actions import Api
from tests.conftest import BLOG
from tests.importing import DISQUS, ISSO, ISSO_DB, THEME, WXR_1_0, invoke, stored
from tests.readers import Reader
from widget import storage
from widget.storage.database import db
from widget.storage.models import (
    Comment,
    CommentLike,
    CommentSource,
    HoldReason,
    Site,
    SiteOrigin,
    Thread,
    utcnow,
)

UNICODE = "Ça va? 日本語のコメント — «citas» 🙂\n\nSecond paragraph with *emphasis*."


def _seed(app, runner, client) -> None:
    """Live comments of every status, nested, edited, in Unicode, and every fixture imported."""
    api = Api(client, origin=BLOG)
    first = api.post_comment(text=UNICODE, name="Zoë Ünal").get_json()["comment"]["id"]
    with app.app_context():  # a story's own settings travel too (issue 24)
        thread = db.session.get(Comment, first).thread
        thread.moderation, thread.mode, thread.close_after_days = "none", "qa", 3650
        thread.message, thread.message_html = "Be *kind*.", "<p>Be <em>kind</em>.</p>"
        thread.published_at = datetime(2026, 11, 1, 8, tzinfo=UTC)  # open for ten years
        db.session.commit()
    reply = api.post_comment(parent_id=first, text="A reply").get_json()
    deeper = api.post_comment(parent_id=reply["comment"]["id"], text="Deeper").get_json()
    response = api.client.patch(
        f"/api/comments/{deeper['comment']['id']}",
        json={"edit_token": deeper["edit_token"], "text": "Deeper, edited"},
        headers={"Origin": BLOG},
    )
    assert response.status_code == 200
    held = api.post_comment(text="Approved words").get_json()
    with app.app_context():  # an author's edit waiting for review travels too
        comment = db.session.get(Comment, held["comment"]["id"])
        comment.pending_text, comment.pending_html = "Held edit", "<p>Held edit</p>"
        db.session.commit()
    for status in ("pending", "spam", "deleted"):
        comment_id = api.post_comment(text=f"Will be {status}").get_json()["comment"]["id"]
        with app.app_context():
            db.session.get(Comment, comment_id).status = status
            db.session.commit()
    erased = api.post_comment(email="erase.me@example.org", text="Erase me").get_json()
    api.post_comment(parent_id=erased["comment"]["id"], text="A reply to an erased comment")
    assert invoke(runner, "privacy", "erase", "erase.me@example.org", "--yes").exit_code == 0
    other = Api(client, origin="https://other.example.net")
    other.post_comment(url="https://other.example.net/page/", text="On the other site")
    for command, path in [("wordpress", THEME), ("wordpress", WXR_1_0), ("disqus", DISQUS)]:
        assert invoke(runner, "import", command, path, "--site", BLOG).exit_code == 0
    assert invoke(runner, "import", "isso", ISSO, "--site", BLOG).exit_code == 0
    # Isso's database: likes as counts, edit times, a held comment, a deleted placeholder.
    assert invoke(runner, "import", "isso", ISSO_DB, "--site", BLOG).exit_code == 0
    for number in range(2):
        Reader(client, BLOG, f"198.51.100.{number}", f"voter-{number:02d}-xxxxxxxxxx").like(first)
    # A site without threads, and threads without comments (one closed).
    assert invoke(runner, "sites", "add", "https://empty.example.com").exit_code == 0
    with app.app_context():
        storage.create_thread(
            2, "https://other.example.net/quiet", "https://other.example.net/quiet", "Quiet"
        )
        storage.create_thread(1, "closed-key", f"{BLOG}/closed", "Closed", closed=True)
        db.session.get(Comment, reply["comment"]["id"]).reports_cleared = True
        db.session.get(Site, 2).spam_words = "lottery"
        db.session.commit()
    with app.app_context():
        db.session.get(Site, 1).close_after_days = 30
        db.session.get(Site, 1).hold_words = "casino\nviagra"
        db.session.get(Site, 1).reject_words = "idiot*\ncabrón"
        # Newsroom marks and settings travel too.
        db.session.get(Site, 1).staff_label = "The Border Ledger"
        db.session.get(Site, 1).hold_on_notice = False
        # The pre-screen's settings and scores too (issue 25).
        db.session.get(Site, 1).prescreen = True
        db.session.get(Site, 1).toxicity_threshold = 0.7
        db.session.get(Site, 1).languages = "en es"
        db.session.get(Comment, first).language = "en"
        db.session.get(Comment, first).toxicity = 0.0123
        db.session.get(Comment, first).toxicity_model = "alt-profanity-check 1.9.1"
        db.session.get(Comment, first).featured = True
        db.session.get(Comment, reply["comment"]["id"]).staff = True
        # Verified commenters' settings and a comment's badges (issue 23), why it was held.
        db.session.get(Site, 1).who_may_comment = "verified"
        db.session.get(Site, 1).badge_labels = "vip = Subscriber | Suscriptora | fr: Abonnée"
        db.session.get(Comment, first).badges = json.dumps(
            [{"key": "vip", "en": "Subscriber", "es": "Suscriptora", "fr": "Abonnée"}],
            ensure_ascii=False,
        )
        storage.add_hold_reasons(held["comment"]["id"], [("word", "casino"), ("links", "3")])
        db.session.commit()


def _export(runner, path) -> dict:
    result = invoke(runner, "export", path)
    assert result.exit_code == 0, result.output
    return json.loads(path.read_text(encoding="utf-8"))


def _without_row_ids(document: dict) -> dict:
    """The document with `exported_at` dropped and comment ids renumbered in file order."""
    numbers: dict[int, int] = {}
    for site in document["sites"]:
        for thread in site["threads"]:
            for comment in thread["comments"]:
                numbers[comment["id"]] = len(numbers)
    for site in document["sites"]:
        for thread in site["threads"]:
            for comment in thread["comments"]:
                comment["id"] = numbers[comment["id"]]
                comment["parent_id"] = numbers.get(comment["parent_id"])
    return {**document, "exported_at": None}


def _empty(app) -> None:
    with app.app_context():
        for model in (HoldReason, CommentLike, CommentSource, Comment, Thread, SiteOrigin, Site):
            db.session.execute(delete(model))
        db.session.commit()


def test_export_import_export_gives_the_same_document(app, runner, client, tmp_path):
    _seed(app, runner, client)
    first = _export(runner, tmp_path / "first.json")
    assert {c["status"] for s in first["sites"] for t in s["threads"] for c in t["comments"]} == {
        "published",
        "pending",
        "spam",
        "deleted",
    }
    _empty(app)
    assert stored(app) == []
    result = invoke(runner, "import", "tertulia", tmp_path / "first.json")
    assert result.exit_code == 0, result.output
    assert "Sites created: 3" in result.output
    second = _export(runner, tmp_path / "second.json")
    assert _without_row_ids(second) == _without_row_ids(first)
    # What the round trip must keep, there in the first place:
    sites = {site["name"]: site for site in first["sites"]}
    assert sites["https://empty.example.com"]["threads"] == []
    threads = [t for site in first["sites"] for t in site["threads"]]
    assert any(t["closed"] and t["comments"] == [] for t in threads)
    assert any(t["comments"] == [] and t["title"] == "Quiet" for t in threads)
    comments = [c for t in threads for c in t["comments"]]
    assert sorted(c["likes"] for c in comments if c["likes"])[-2:] == [2, 3]
    assert any(c["featured"] for c in comments) and any(c["staff"] for c in comments)
    assert any(c["reports_cleared"] for c in comments)
    assert sites["Other"]["spam_words"] == "lottery"
    blog = first["sites"][0]
    assert blog["who_may_comment"] == "verified" and blog["badge_labels"].startswith("vip =")
    assert any(c["badges"] and c["badges"][0]["key"] == "vip" for c in comments)
    assert any(c["badges"] and c["badges"][0].get("fr") == "Abonnée" for c in comments)
    reasons = [r["code"] for c in comments for r in c["hold_reasons"]]
    assert reasons == ["word", "links"]


def _as_version_1(document: dict) -> dict:
    """An export as version 1 wrote it: without what version 2 added."""
    for site in document["sites"]:
        site.pop("who_may_comment"), site.pop("badge_labels")
        for thread in site["threads"]:
            for comment in thread["comments"]:
                comment.pop("badges"), comment.pop("hold_reasons")
    return {**document, "version": 1}


def test_a_version_1_export_still_imports(app, runner, client, tmp_path):
    _seed(app, runner, client)
    old = _as_version_1(_export(runner, tmp_path / "first.json"))
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    _empty(app)
    result = invoke(runner, "import", "tertulia", tmp_path / "old.json")
    assert result.exit_code == 0, result.output
    again = _export(runner, tmp_path / "again.json")
    assert again["version"] == 2 and again["sites"][0]["who_may_comment"] == "everyone"
    assert _without_row_ids(_as_version_1(again)) == _without_row_ids(old)


def test_the_export_holds_every_field_but_secrets(app, runner, client, tmp_path):
    _seed(app, runner, client)
    document = _export(runner, tmp_path / "export.json")
    assert document["format"] == "tertulia" and document["version"] == 2
    blog = document["sites"][0]
    assert blog["origins"] == ["https://blog.example.org", "https://www.blog.example.org"]
    assert blog["close_after_days"] == 30 and blog["hold_words"] == "casino\nviagra"
    assert blog["threads"][0]["story"] == {
        "moderation": "none",
        "close_after_days": 3650,
        "message": "Be *kind*.",
        "mode": "qa",
        "published_at": "2026-11-01T08:00:00+00:00",
    }
    assert blog["reject_words"] == "idiot*\ncabrón"
    comments = [c for t in blog["threads"] for c in t["comments"]]
    assert len(comments) == 9 + 29 + 8 + 5 + 2 + 9  # ours (one with a held edit), then imports
    live = next(c for c in comments if c["name"] == "Zoë Ünal")
    assert live["text"] == UNICODE and live["email"] == "ana.reader@example.org"
    assert live["network"] == "203.0.113.0/24" and live["source"] is None
    edited = next(c for c in comments if c["text"] == "Deeper, edited")
    assert edited["edited_at"] is not None and edited["depth"] == 2
    imported = next(c for c in comments if c["source"] == {"system": "disqus", "id": "disqusdev 5"})
    assert imported["markup"] == "html"
    assert all("edit_token_hash" not in c for c in comments)
    with app.app_context():
        hashes = {c.edit_token_hash for c in db.session.query(Comment)}
    text = (tmp_path / "export.json").read_text()
    assert not any(token_hash in text for token_hash in hashes)


def test_importing_our_export_twice_adds_nothing(app, runner, client, tmp_path):
    _seed(app, runner, client)
    _export(runner, tmp_path / "export.json")
    result = invoke(runner, "import", "tertulia", tmp_path / "export.json")
    assert result.exit_code == 0, result.output
    assert "Comments imported: 0 " in result.output and "63 duplicate" in result.output
    assert "Threads: 0 created" in result.output


def test_export_to_standard_output(app, runner, client):
    Api(client, origin=BLOG).post_comment()
    result = invoke(runner, "export", "-")
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["sites"][0]["threads"][0]["comments"][0]["name"] == "Ana Reader"
    assert document["exported_at"] <= utcnow().isoformat()


def test_version_2_fields_are_checked_before_anything_is_stored(app, runner, tmp_path):
    comment = {"id": 1, "status": "pending", "created_at": "2020-01-01T00:00:00+00:00"}
    site = {"name": "N", "origins": ["https://new.example.com"]}  # threads come last
    cases = [
        ({**site, "badge_labels": "no equals sign"}, [], "badge_labels: Line 1"),
        (site, [{**comment, "hold_reasons": [{"code": "whim"}]}], "Unknown hold reason 'whim'"),
        (site, [{**comment, "badges": ["vip"]}], "a badge without a key"),
        # Shown by the public API as stored: nothing but a key and short labels travels.
        (site, [{**comment, "badges": [{"key": "vip", "en": "V" * 41, "es": "V"}]}], "40"),
        (site, [{**comment, "badges": [{"key": "<b>", "en": "V", "es": "V"}]}], "without a key"),
        # Labels in the readers' languages only, by their tags (`pt-BR`), English among them.
        (site, [{**comment, "badges": [{"key": "vip", "en": "V", "pt_BR": "V"}]}], "'pt_BR'"),
        (site, [{**comment, "badges": [{"key": "vip", "fr": "V"}]}], "lacks an English"),
        ({**site, "badge_labels": "vip = V | xx: V"}, [], "Line 1: “xx” is not one"),
        # A typo must not open a site that only takes signed-in commenters to everyone.
        ({**site, "who_may_comment": "sso-only"}, [], "who_may_comment is 'sso-only'"),
    ]
    for number, (fields, comments, message) in enumerate(cases):
        thread = {"key": "k", "url": "https://new.example.com/a", "comments": comments}
        document = {"format": "tertulia", "version": 2, "sites": [{**fields, "threads": [thread]}]}
        path = tmp_path / f"bad-{number}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        result = invoke(runner, "import", "tertulia", path)
        assert result.exit_code == 1 and message in result.output, result.output
        assert stored(app) == [] and not any(s.name == "N" for s in _sites(app))


def _sites(app) -> list:
    with app.app_context():
        return list(db.session.scalars(select(Site)))


def test_the_report_says_what_the_operator_still_has_to_do(app, runner, tmp_path):
    """A new SSO-only site takes no comment until its backend signs; a site that exists keeps
    its own settings: the report says both, rather than leaving the operator to find out."""
    site = {"name": "Members", "origins": ["https://members.example.com"], "threads": []}
    document = {"format": "tertulia", "version": 2, "sites": [{**site, "who_may_comment": "sso"}]}
    path = tmp_path / "members.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    first = invoke(runner, "import", "tertulia", path)
    assert first.exit_code == 0, first.output
    assert (
        "https://members.example.com takes only readers signed in by the site (SSO): make its "
        "secret with `tertulia sites sso https://members.example.com`" in first.output
    )
    assert "registered already" not in first.output
    again = invoke(runner, "import", "tertulia", path)
    assert again.exit_code == 0, again.output
    assert (
        "The site 'Members' was registered already: its settings stay as they are" in again.output
    )
    assert "takes only readers" not in again.output
