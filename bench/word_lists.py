#!/usr/bin/env python3
"""What the sites' word lists cost a post: 3 lists of 2,000 entries each against none.

In-process (Flask's test client, SQLite, limits raised): posts alternate between a site
with empty lists and one whose hold, spam and reject lists hold 2,000 entries each (words,
accented words, phrases and `*` wildcards), on comments that match none, so each post runs
every list to the end. Reports the median CPU time of a post on each and the difference,
and the lists' own share: folding the text and running the three expressions. For
docs/performance.md (bench/run.py calls `measure`; run alone it prints the line).

    python3 bench/word_lists.py [--posts 300]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ENTRIES = 2000
PLAIN = "https://plain.example.org"
LISTED = "https://listed.example.org"
TEXT = (
    "Comment number {n} on this post. I *really* liked the part about `caching`, "
    "but I think the benchmark section could say more about p99 latency. "
    "See [the docs](https://example.com/docs/{n}) for details. ¡Gracias, señora!"
)
SETTINGS = {
    "SECRET_KEY": "bench",
    "RATELIMIT_ENABLED": False,
    "FORM_TOKEN_MIN_AGE": 1,
    "DUPLICATE_WINDOW_MINUTES": 0,
    "EMAIL_RATE_LIMIT": "1000000 per hour",
    "THREAD_RATE_LIMIT": "1000000 per hour",
    "HOLD_LINK_COUNT": 0,
}


def word_list(seed: int) -> str:
    """2,000 entries no bench comment contains: words, accented words, phrases, wildcards."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyzáéíóúñ"

    def word() -> str:
        return "q" + "".join(rng.choice(letters) for _ in range(rng.randint(3, 10)))

    entries = []
    for n in range(ENTRIES):
        kind = n % 10
        if kind == 0:
            entries.append(f"{word()} {word()}")
        elif kind == 1:
            entries.append(word() + "*")
        else:
            entries.append(word())
    return "\n".join(entries)


def measure(posts: int = 300) -> dict:
    """Median CPU ms of a post without lists and with 3 × 2,000 entries, and the lists' own."""
    from widget import create_app
    from widget.moderation.word_lists import compiled
    from widget.sites.editing import register_site
    from widget.storage import database
    from widget.storage.database import db

    workdir = tempfile.mkdtemp(prefix="tertulia-words-")
    url = f"sqlite:///{workdir}/words.sqlite3"
    app = create_app({"INSTANCE_PATH": workdir, "DATABASE_URL": url, **SETTINGS})
    lists = {"hold_words": word_list(1), "spam_words": word_list(2), "reject_words": word_list(3)}
    with app.app_context():
        database.upgrade(db.engine)
        register_site("Plain", [PLAIN], "none")
        register_site("Listed", [LISTED], "none", **lists)
    client = app.test_client()
    tokens = {}
    for origin in (PLAIN, LISTED):
        page = f"{origin}/post"
        answer = client.get(f"/api/form-token?url={page}", headers={"Origin": origin})
        tokens[origin] = (page, answer.get_json()["form_token"])
    time.sleep(SETTINGS["FORM_TOKEN_MIN_AGE"] + 0.2)
    sent = iter(range(10**9))
    began = time.process_time()
    compiled.cache_clear()
    for words in lists.values():
        compiled(words)
    compile_ms = (time.process_time() - began) * 1000

    def post(origin: str) -> float:
        n = next(sent)
        page, token = tokens[origin]
        body = {
            "url": page,
            "name": f"Bench {n % 100}",
            "email": f"bench{n % 100}@example.org",
            "text": TEXT.format(n=n),
            "form_token": token,
        }
        began = time.process_time()
        response = client.post("/api/comments", json=body, headers={"Origin": origin})
        spent = time.process_time() - began
        assert response.status_code == 201, response.get_data(as_text=True)
        assert response.get_json()["comment"]["status"] == "published"
        return spent * 1000

    for _ in range(20):
        post(PLAIN), post(LISTED)
    timings: dict[str, list[float]] = {PLAIN: [], LISTED: []}
    for _ in range(posts):  # alternating, so the machine's load weighs on both alike
        for origin in (PLAIN, LISTED):
            timings[origin].append(post(origin))
    haystack = "\n".join([TEXT.format(n=1), "Bench 1", "bench1@example.org", "", "werkzeug/3"])
    checks = []
    for _ in range(posts * 5):
        began = time.process_time()
        for words in lists.values():
            compiled(words).first(haystack)
        checks.append((time.process_time() - began) * 1000)
    plain, listed = statistics.median(timings[PLAIN]), statistics.median(timings[LISTED])
    return {
        "entries": ENTRIES,
        "posts": posts,
        "plain_ms": round(plain, 3),
        "listed_ms": round(listed, 3),
        "added_ms": round(listed - plain, 3),
        "lists_ms": round(statistics.median(checks), 3),
        "compile_ms": round(compile_ms, 1),
    }


def line(result: dict) -> str:
    """The line of docs/performance.md."""
    holds = "holds" if result["added_ms"] <= 1 else "does not hold"
    return (
        f"A post on a site with hold, spam and reject lists of {result['entries']:,} entries "
        f"each: {result['listed_ms']} ms of CPU (median of {result['posts']}) against "
        f"{result['plain_ms']} ms with none, {result['added_ms']} ms added (target ≤ 1 ms: "
        f"{holds}); the three lists' own check is {result['lists_ms']} ms, and compiling them "
        f"(once per change of the site) {result['compile_ms']} ms (`bench/word_lists.py`)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=300)
    print(line(measure(parser.parse_args().posts)))


if __name__ == "__main__":
    main()
