"""Make tests/fixtures/imports/isso-0.14.db with a running Isso 0.14 (stdlib only).

Isso is installed and started by ../shared/peers/isso-*.sh (beside the checkout); this
script only talks to its public HTTP API, so every row is written by Isso itself. Two
phases, because moderation is a setting of the whole server:

  1. moderation off: comments from several addresses (X-Forwarded-For, with Isso's
     `trusted-proxies` set), replies (Isso nests one level: a reply to a reply joins its
     parent), an edit within the edit window, likes from three addresses, a delete of a
     comment with a reply (kept by Isso as mode 4), a delete of one without (gone);
  2. moderation on (restart): two comments that stay held (mode 2).

    PEERS_DIR=/tmp/isso ISSO_PORT=8097 python3 bench/isso_fixture.py phase1
    (restart Isso with [moderation] enabled = true)
    PEERS_DIR=/tmp/isso ISSO_PORT=8097 python3 bench/isso_fixture.py phase2
"""

from __future__ import annotations

import http.client
import json
import os
import sys
from urllib.parse import quote

PORT = int(os.environ.get("ISSO_PORT", "8097"))
COOKIES: dict[int, str] = {}


def call(method: str, path: str, body: dict | None = None, ip: str = "198.51.100.7", cookie=""):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    headers = {
        "Content-Type": "application/json",
        "X-Forwarded-For": ip,
        "Origin": "http://127.0.0.1:8000",
        "Referer": "http://127.0.0.1:8000/",
    }
    if cookie:
        headers["Cookie"] = cookie
    connection.request(method, path, json.dumps(body) if body is not None else None, headers)
    response = connection.getresponse()
    data = response.read()
    if response.status >= 400:
        sys.exit(f"{method} {path}: {response.status} {data[:200]!r}")
    set_cookie = response.getheader("Set-Cookie") or ""
    return (json.loads(data) if data else None), set_cookie.split(";", 1)[0]


def new(uri: str, title: str, author: str, text: str, ip: str, parent=None, **more) -> int:
    body = {"author": author, "text": text, "title": title, "parent": parent, **more}
    comment, cookie = call("POST", f"/new?uri={quote(uri)}", body, ip=ip)
    COOKIES[comment["id"]] = cookie
    return comment["id"]


def phase1() -> None:
    first, second = "/blog/2024/first-post/", "/blog/2024/second-post/"
    a = new(
        first,
        "First post",
        "Ana",
        "The *first* comment.",
        "198.51.100.1",
        email="ana@example.org",
        website="https://ana.example.org",
    )
    b = new(first, "First post", "Bruno", "A reply to Ana.", "198.51.100.2", parent=a)
    new(
        first,
        "First post",
        "Ana",
        "A reply to Bruno (Isso nests one level).",
        "198.51.100.1",
        parent=b,
    )
    c = new(first, "First post", "Carla", "Typo in this comment.", "2001:db8::3")
    call(
        "PUT",
        f"/id/{c}",
        {"text": "Fixed: no typo now.", "author": "Carla"},
        ip="2001:db8::3",
        cookie=COOKIES[c],
    )
    for ip in ("203.0.113.10", "192.0.2.11", "198.18.0.12"):  # three /24s: Isso masks to /24
        call("POST", f"/id/{a}/like", {}, ip=ip)
    call("POST", f"/id/{c}/dislike", {}, ip="203.0.113.10")
    d = new(second, "Second post", "Dora", "Soon deleted, but it has a reply.", "198.51.100.4")
    new(second, "Second post", "", "An anonymous reply to Dora.", "198.51.100.5", parent=d)
    call("DELETE", f"/id/{d}", ip="198.51.100.4", cookie=COOKIES[d])
    e = new(second, "Second post", "Eva", "Deleted without replies.", "198.51.100.6")
    call("DELETE", f"/id/{e}", ip="198.51.100.6", cookie=COOKIES[e])
    new(second, "Second post", "Fede", "Una opinión con acentos: ¿qué tal?", "198.51.100.8")


def phase2() -> None:
    first = "/blog/2024/first-post/"
    new(first, "First post", "Gil", "Held for moderation.", "198.51.100.9")
    new(first, "First post", "Hana", "A held reply.", "198.51.100.10", parent=1)


if __name__ == "__main__":
    {"phase1": phase1, "phase2": phase2}[sys.argv[1]]()
