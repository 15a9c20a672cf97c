"""A long import runs a few statements per hundred comments (counted, never timed), and the
import benchmark prints its figures per format."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from bench.import_wxr import write_wxr
from tests.conftest import BLOG
from tests.importing import invoke, report_line, stored
from tests.test_statement_counts import report, statements

ROOT = Path(__file__).resolve().parent.parent
# 4 posts of 100 comments: per post its thread (find, create) and, on a re-import, one lookup
# of its comments already imported; the inserts, a thousand rows a statement; the threads'
# bookkeeping (placeholders, counts, versions) for all of them at once at the end. One
# statement per comment would be 400.
STATEMENTS_FOR_400 = 30


def test_a_long_import_batches_its_statements_and_stays_exact(app, runner, tmp_path):
    wxr = tmp_path / "big.xml"
    write_wxr(wxr, 400, 100)
    with statements(app) as ran:
        result = invoke(runner, "import", "wordpress", wxr, "--site", BLOG)
    assert result.exit_code == 0, result.output
    assert report_line(result.output, "Comments imported:") == (
        "Comments imported: 396 (356 published, 20 pending, 20 spam, 0 deleted)"
    )
    assert len(ran) <= STATEMENTS_FOR_400, report(ran)
    inserts = [sql for sql in ran if sql.startswith("INSERT INTO comments ")]
    assert len(inserts) == 1, report(ran)
    rows = stored(app)
    assert len(rows) == 396 and len({row["id"] for row in rows}) == 396
    by_source = {row["source"]: row for row in rows}
    # Every fourth comment starts a chain: the others reply to the one before.
    assert by_source["0#2"]["parent_id"] == by_source["0#1"]["id"]
    assert by_source["0#4"]["depth"] == 3 and by_source["0#5"]["parent_id"] is None
    with statements(app) as again_ran:
        again = invoke(runner, "import", "wordpress", wxr, "--site", BLOG)
    assert "396 duplicate" in report_line(again.output, "Skipped:")
    assert len(again_ran) <= STATEMENTS_FOR_400, report(again_ran)
    assert len(stored(app)) == 396


def test_an_import_after_live_comments_takes_the_next_ids(app, runner, api, tmp_path):
    api.post_comment(text="Written before the import.")
    wxr = tmp_path / "small.xml"
    write_wxr(wxr, 20, 10)
    assert invoke(runner, "import", "wordpress", wxr, "--site", BLOG).exit_code == 0
    api.post_comment(text="Written after the import.")
    ids = [row["id"] for row in stored(app)]
    assert len(ids) == 20 and len(set(ids)) == 20


def test_the_import_benchmark_prints_a_line_per_format():
    result = subprocess.run(
        [
            sys.executable,
            "bench/imports.py",
            "--comments",
            "200",
            "--per-post",
            "50",
            "--runs",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r"^bare iterparse of the WXR .*: [\d.]+ s, CPU [\d.]+ s$", result.stdout, re.M)
    # It imports into PostgreSQL when the tests do (WIDGET_TEST_DATABASE_URL), else SQLite.
    backend = "PostgreSQL" if os.environ.get("WIDGET_TEST_DATABASE_URL") else "SQLite"
    for system in ("wordpress", "disqus", "isso-db", "isso-json", "remark42", "commento"):
        found = re.search(
            rf"^{backend} {system}: 196 comments .* ([\d,]+) comments/s, ([\d.]+)× a bare "
            r"iterparse .* CPU [\d.]+ s: [\d,]+ comments/s, [\d.]+× the parse's CPU .* "
            r"peak RSS (\d+) MB$",
            result.stdout,
            re.M,
        )
        assert found, result.stdout
        assert int(found.group(3)) > 0
