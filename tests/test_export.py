"""`flask export` writes everything; `import tertulia` reads it back without losing anything."""

import json

from sqlalchemy import delete

from tests.actions import Api
from tests.conftest import BLOG
from tests.importing import DISQUS, ISSO, THEME, WXR_1_0, invoke, stored
from widget.storage.database import db
from widget.storage.models import Comment, CommentSource, Site, SiteOrigin, Thread, utcnow

UNICODE = "Ça va? 日本語のコメント — «citas» 🙂\n\nSecond paragraph with *emphasis*."


def _seed(app, runner, client) -> None:
    """Live comments of every status, nested, edited, in Unicode, and every fixture imported."""
    api = Api(client, origin=BLOG)
    first = api.post_comment(text=UNICODE, name="Zoë Ünal").get_json()["comment"]["id"]
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
    with app.app_context():
        db.session.get(Site, 1).close_after_days = 30
        db.session.get(Site, 1).hold_words = "casino\nviagra"
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
        for model in (CommentSource, Comment, Thread, SiteOrigin, Site):
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
    assert "Sites created: 2" in result.output
    second = _export(runner, tmp_path / "second.json")
    assert _without_row_ids(second) == _without_row_ids(first)


def test_the_export_holds_every_field_but_secrets(app, runner, client, tmp_path):
    _seed(app, runner, client)
    document = _export(runner, tmp_path / "export.json")
    assert document["format"] == "tertulia" and document["version"] == 1
    blog = document["sites"][0]
    assert blog["origins"] == ["https://blog.example.org", "https://www.blog.example.org"]
    assert blog["close_after_days"] == 30 and blog["hold_words"] == "casino\nviagra"
    comments = [c for t in blog["threads"] for c in t["comments"]]
    assert len(comments) == 9 + 29 + 8 + 5 + 2  # ours (one with a held edit), then imports
    live = next(c for c in comments if c["name"] == "Zoë Ünal")
    assert live["text"] == UNICODE and live["email"] == "ana.reader@example.org"
    assert live["network"] == "203.0.113.0/24" and live["source"] is None
    edited = next(c for c in comments if c["text"] == "Deeper, edited")
    assert edited["edited_at"] is not None and edited["depth"] == 2
    imported = next(c for c in comments if c["source"] == {"system": "disqus", "id": "5"})
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
    assert "Comments imported: 0 " in result.output and "54 duplicate" in result.output
    assert "Threads: 0 created" in result.output


def test_export_to_standard_output(app, runner, client):
    Api(client, origin=BLOG).post_comment()
    result = invoke(runner, "export", "-")
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["sites"][0]["threads"][0]["comments"][0]["name"] == "Ana Reader"
    assert document["exported_at"] <= utcnow().isoformat()
