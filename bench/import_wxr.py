#!/usr/bin/env python3
"""Peak memory of importing a large WordPress export: does the import stream?

Writes a synthetic WXR 1.2 file (by default 60,000 comments on 600 posts, about 40 MB, with
replies, pending and spam comments, pingbacks and multi-paragraph HTML), imports it with
`flask --app app import wordpress` in a child process on a fresh SQLite file (or PostgreSQL
when WIDGET_TEST_DATABASE_URL is set, in a schema of its own, dropped afterwards), and
prints the file size, the time and the child's peak RSS. Asserts nothing.

    .venv/bin/python bench/import_wxr.py [--comments 60000] [--per-post 100]
"""

from __future__ import annotations

import argparse
import os
import resource  # noqa: I001
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
ORIGIN = "https://bench.example.org"
PARAGRAPH = (
    "I still disagree with the second point: the <em>figures</em> tell another story, "
    'see <a href="https://example.org/r">the table</a>. Τα στοιχεία — ¿o sí? '
)


def _date(post: int, number: int) -> str:
    return f"2020-01-{1 + number % 28:02d} 10:{number % 60:02d}:{post % 60:02d}"


def _comment(post: int, number: int, per_post: int) -> str:
    comment_id = post * per_post + number + 1
    parent = comment_id - 1 if number % 4 else 0  # chains of replies
    approved = "1" if number % 10 else ("0" if number % 20 else "spam")
    kind = "pingback" if number == per_post - 1 else ""
    text = escape("\n\n".join([PARAGRAPH] * (1 + (number % 5 == 0))))
    website = f"https://reader{comment_id % 997}.example.net/" if number % 3 == 0 else ""
    return "".join(
        line.strip()
        for line in f"""
    <wp:comment>
      <wp:comment_id>{comment_id}</wp:comment_id>
      <wp:comment_author><![CDATA[Reader {comment_id}]]></wp:comment_author>
      <wp:comment_author_email>reader{comment_id % 997}@example.org</wp:comment_author_email>
      <wp:comment_author_url>{website}</wp:comment_author_url>
      <wp:comment_author_IP>203.0.{comment_id % 250}.{comment_id % 200}</wp:comment_author_IP>
      <wp:comment_date_gmt>{_date(post, number)}</wp:comment_date_gmt>
      <wp:comment_content>{text}</wp:comment_content>
      <wp:comment_approved>{approved}</wp:comment_approved>
      <wp:comment_type>{kind}</wp:comment_type>
      <wp:comment_parent>{parent}</wp:comment_parent>
    </wp:comment>""".splitlines()
    )


def write_wxr(path: Path, comments: int, per_post: int) -> None:
    """A WXR file with `comments` comments, `per_post` on each post."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2'
            "</wp:wxr_version>"
        )
        for post in range(comments // per_post):
            out.write(
                f"<item><title>Post {post}</title><link>{ORIGIN}/{post}/</link>"
                f"<wp:post_id>{post}</wp:post_id><wp:comment_status>open</wp:comment_status>"
            )
            out.write("".join(_comment(post, n, per_post) for n in range(per_post)))
            out.write("</item>\n")
        out.write("</channel></rss>\n")


def _flask(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=60_000)
    parser.add_argument("--per-post", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        wxr = Path(folder) / "big.wxr.xml"
        write_wxr(wxr, args.comments, args.per_post)
        env = {**os.environ, "WIDGET_INSTANCE_PATH": folder, "WIDGET_SECRET_KEY": "bench"}
        schema = None
        if os.environ.get("WIDGET_TEST_DATABASE_URL"):
            schema = f"bench_import_{uuid.uuid4().hex[:8]}"
            url = os.environ["WIDGET_TEST_DATABASE_URL"]
            _psql(url, f'CREATE SCHEMA "{schema}"')
            env["WIDGET_DATABASE_URL"] = f"{url}?options=-csearch_path%3D{schema}"
        else:
            env["WIDGET_DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        try:
            _flask(env, "db", "upgrade")
            _flask(env, "sites", "add", ORIGIN)
            started = time.perf_counter()
            result = _flask(env, "import", "wordpress", str(wxr))
            seconds = time.perf_counter() - started
        finally:
            if schema:
                _psql(os.environ["WIDGET_TEST_DATABASE_URL"], f'DROP SCHEMA "{schema}" CASCADE')
        # ru_maxrss of children is in KiB on Linux: the largest child, i.e. the import.
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        backend = "PostgreSQL" if schema else "SQLite"
        print(f"file: {wxr.stat().st_size / 1e6:.1f} MB, {args.comments} comments ({backend})")
        print(result.stdout.strip())
        print(f"import took {seconds:.1f} s; peak RSS of the import process: {peak:.0f} MB")


def _psql(url: str, statement: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(statement))
    engine.dispose()


if __name__ == "__main__":
    main()
