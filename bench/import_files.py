"""The synthetic comments of bench/imports.py as each other system's file: Disqus, Isso's
database and generic JSON, Remark42, Commento (WordPress's is bench/import_wxr.py's)."""

from __future__ import annotations

import gzip
import json
import sqlite3
from datetime import datetime
from pathlib import Path

import import_wxr

ORIGIN = import_wxr.ORIGIN
HOST = ORIGIN.split("://", 1)[1]


def _comments(comments: int, per_post: int):
    """(post, number, id, parent id or 0, status, kind, text) of the synthetic comments."""
    for post in range(comments // per_post):
        for number in range(per_post):
            comment_id = post * per_post + number + 1
            parent = comment_id - 1 if number % 4 else 0
            status = "approved" if number % 10 else ("unapproved" if number % 20 else "flagged")
            kind = "pingback" if number == per_post - 1 else ""
            text = "\n\n".join([import_wxr.PARAGRAPH] * (1 + (number % 5 == 0)))
            yield post, number, comment_id, parent, status, kind, text


def _time(post: int, number: int) -> str:
    return f"2020-01-{1 + number % 28:02d}T10:{number % 60:02d}:{post % 60:02d}Z"


def write_remark42(path: Path, comments: int, per_post: int) -> None:
    """A gzipped Remark42 backup: the meta line, then a comment a line, grouped by post."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
        out.write(json.dumps({"version": 1, "users": [], "posts": []}) + "\n")
        for post, number, cid, parent, status, kind, text in _comments(comments, per_post):
            if kind:
                continue  # Remark42 has no pingbacks
            record = {
                "id": f"c{cid}",
                "pid": f"c{parent}" if parent else "",
                "text": f"<p>{text}</p>",
                "user": {"name": f"Reader {cid}", "id": f"github_{cid % 997}", "admin": False},
                "locator": {"site": "bench", "url": f"{ORIGIN}/{post}/"},
                "time": _time(post, number),
                "title": f"Post {post}",
            }
            if status != "approved":
                record["delete"] = True
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_commento(path: Path, comments: int, per_post: int) -> None:
    """A Commento v1 export (one JSON object: comments, then commenters)."""
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"version":1,"comments":[')
        first = True
        for post, number, cid, parent, status, kind, text in _comments(comments, per_post):
            if kind:
                continue
            record = {
                "commentHex": f"c{cid}",
                "domain": HOST,
                "url": f"/{post}/",
                "commenterHex": f"u{cid % 997}",
                "markdown": text,
                "html": "",
                "parentHex": f"c{parent}" if parent else "root",
                "score": 0,
                "state": status,
                "creationDate": _time(post, number),
                "direction": 0,
                "deleted": False,
            }
            out.write(("" if first else ",") + json.dumps(record, ensure_ascii=False))
            first = False
        out.write('],"commenters":[')
        out.write(
            ",".join(
                json.dumps(
                    {
                        "commenterHex": f"u{n}",
                        "email": f"reader{n}@example.org",
                        "name": f"Reader {n}",
                        "link": "undefined",
                        "photo": "undefined",
                        "provider": "commento",
                        "joinDate": "2019-01-01T00:00:00Z",
                        "isModerator": False,
                    }
                )
                for n in range(997)
            )
        )
        out.write("]}\n")


def write_disqus(path: Path, comments: int, per_post: int) -> None:
    """A Disqus export: the threads first, then every post naming its thread and parent."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
            'xmlns:dsq="http://disqus.com/disqus-internals">\n'
        )
        for post in range(comments // per_post):
            out.write(
                f'<thread dsq:id="t{post}"><id>{post}</id><forum>bench</forum>'
                f"<link>{ORIGIN}/{post}/</link><title>Post {post}</title>"
                f"<createdAt>2020-01-01T00:00:00Z</createdAt><isClosed>false</isClosed>"
                "<isDeleted>false</isDeleted></thread>\n"
            )
        for post, number, cid, parent, status, kind, text in _comments(comments, per_post):
            if kind:
                continue  # Disqus has no pingbacks
            html = "".join(f"<p>{paragraph}</p>" for paragraph in text.split("\n\n"))
            out.write(
                f'<post dsq:id="{cid}"><id/><message><![CDATA[{html}]]></message>'
                f"<createdAt>{_time(post, number)}</createdAt><isDeleted>false</isDeleted>"
                f"<isSpam>{'true' if status == 'flagged' else 'false'}</isSpam>"
                f"<author><email>reader{cid % 997}@example.org</email>"
                f"<name>Reader {cid % 997}</name><isAnonymous>false</isAnonymous></author>"
                f"<ipAddress>198.51.100.{cid % 250}</ipAddress>"
                + (f'<parent dsq:id="{parent}"/>' if parent else "")
                + f'<thread dsq:id="t{post}"/></post>\n'
            )
        out.write("</disqus>\n")


def _isso_time(post: int, number: int) -> float:
    return datetime.fromisoformat(_time(post, number).replace("Z", "+00:00")).timestamp()


def write_isso_db(path: Path, comments: int, per_post: int) -> None:
    """Isso 0.14's `comments.db`, with its own schema (as tests/fixtures/imports/isso-0.14.db):
    mode 1 accepted, 2 waiting for a moderator; Isso's paths as thread URIs."""
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE preferences (key VARCHAR PRIMARY KEY, value VARCHAR);"
        "CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE,"
        " title VARCHAR(256));"
        "CREATE TABLE comments (tid REFERENCES threads(id), id INTEGER PRIMARY KEY,"
        " parent INTEGER, created FLOAT NOT NULL, modified FLOAT, mode INTEGER,"
        " remote_addr VARCHAR, text VARCHAR NOT NULL, author VARCHAR, email VARCHAR,"
        " website VARCHAR, likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0,"
        " voters BLOB NOT NULL, notification INTEGER DEFAULT 0);"
        "INSERT INTO preferences VALUES ('session-key', 'bench-session-key');"
    )
    connection.executemany(
        "INSERT INTO threads VALUES (?, ?, ?)",
        ((post + 1, f"/{post}/", f"Post {post}") for post in range(comments // per_post)),
    )
    connection.executemany(
        "INSERT INTO comments (tid, id, parent, created, mode, remote_addr, text, author,"
        " email, website, likes, voters) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                post + 1,
                cid,
                parent or None,
                _isso_time(post, number),
                1 if status == "approved" else 2,
                "198.51.100.0",  # Isso stores addresses masked
                text,
                f"Reader {cid % 997}",
                f"reader{cid % 997}@example.org",
                "",
                number % 3,
                b"",
            )
            for post, number, cid, parent, status, kind, text in _comments(comments, per_post)
            if not kind  # Isso has no pingbacks
        ),
    )
    connection.commit()
    connection.close()


def write_isso_json(path: Path, comments: int, per_post: int) -> None:
    """Isso's generic JSON: a list of threads (`id` the page's path), each with its comments."""
    thread: list[dict] = []
    with open(path, "w", encoding="utf-8") as out:
        out.write("[")
        for post, number, cid, parent, _status, kind, text in _comments(comments, per_post):
            if not kind:  # Isso has no pingbacks
                thread.append(
                    {
                        "id": cid,
                        "parent": parent or None,
                        "author": f"Reader {cid % 997}",
                        "email": f"reader{cid % 997}@example.org",
                        "website": "",
                        "remote_addr": f"198.51.100.{cid % 250}",
                        "created": _time(post, number).replace("T", " ").rstrip("Z"),
                        "text": text,
                    }
                )
            if number == per_post - 1:  # the post's last comment: its thread is whole
                record = {"id": f"/{post}/", "title": f"Post {post}", "comments": thread}
                out.write(("," if post else "") + json.dumps(record, ensure_ascii=False))
                thread = []
        out.write("]\n")
