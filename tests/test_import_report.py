"""The report adds up (issue 21, item 8): every comment of the file lands in one line of it,
on every fixture, the first time and when imported again."""

import gzip
import json
import re
import sqlite3

import pytest

from tests.conftest import BLOG
from tests.importing import (
    COMMENTO,
    COMMENTO_BLANK,
    COMMENTO_STATES,
    DISQUS,
    ISSO,
    ISSO_DB,
    REMARK42,
    REMARK42_STATES,
    THEME,
    WXR_1_0,
    adds_up,
    invoke,
    report_line,
    stored,
)


def _in_file(path) -> int:
    """The comments of a fixture, counted without our readers."""
    if path.suffix == ".db":
        with sqlite3.connect(path) as connection:
            return connection.execute("SELECT count(*) FROM comments").fetchone()[0]
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    if ".jsonl" in path.suffixes:  # Remark42: a meta line, then a comment a line
        return sum(1 for line in data.splitlines()[1:] if line.strip())
    if ".json" in path.suffixes:
        document = json.loads(data)
        if isinstance(document, dict):  # Commento
            return len(document["comments"])
        return sum(len(thread["comments"]) for thread in document)
    text = data.decode()
    return len(re.findall(r"<wp:comment>", text)) or len(re.findall(r"<post\b", text))


@pytest.mark.parametrize(
    "command, path",
    [
        ("wordpress", THEME),
        ("wordpress", WXR_1_0),
        ("disqus", DISQUS),
        ("isso", ISSO),
        ("isso", ISSO_DB),
        ("remark42", REMARK42),
        ("remark42", REMARK42_STATES),
        ("commento", COMMENTO),
        ("commento", COMMENTO_BLANK),
        ("commento", COMMENTO_STATES),
    ],
    ids=lambda value: getattr(value, "name", value),
)
def test_the_report_adds_up_to_the_file(runner, app, command, path):
    expected = _in_file(path)
    assert expected > 0
    first = invoke(runner, "import", command, path, "--site", BLOG)
    assert first.exit_code == 0, first.output
    adds_up(first.output, expected)
    again = invoke(runner, "import", command, path, "--site", BLOG)
    adds_up(again.output, expected)
    # A re-import counts duplicates only: no "parent missing" for replies it skips.
    assert "Kept with changes: 0 " in again.output
    assert "Comments imported: 0 " in again.output


def test_an_empty_comment_is_skipped_and_not_also_counted_as_changed(runner, app, tmp_path):
    from tests.importing import wxr

    path = tmp_path / "empty.xml"
    path.write_text(wxr({"id": "1", "author": "\u200b", "email": "bad", "content": " "}))
    result = invoke(runner, "import", "wordpress", path, "--site", BLOG)
    assert "1 empty" in report_line(result.output, "Skipped:")
    assert report_line(result.output, "Kept with changes:").startswith("Kept with changes: 0 ")
    adds_up(result.output, 1)


@pytest.mark.parametrize(
    "command, path",
    [("wordpress", THEME), ("disqus", DISQUS), ("isso", ISSO), ("isso", ISSO_DB)]
    + [("remark42", REMARK42_STATES), ("commento", COMMENTO_STATES)],
    ids=lambda value: getattr(value, "name", value),
)
def test_a_dry_run_prints_the_same_counts_and_stores_nothing(runner, app, command, path):
    dry = invoke(runner, "import", command, path, "--site", BLOG, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert stored(app) == []
    real = invoke(runner, "import", command, path, "--site", BLOG)
    for label in ("Threads:", "Comments in the file:", "Comments imported:", "Skipped:"):
        assert report_line(dry.output, label) == report_line(real.output, label)
    assert report_line(dry.output, "Kept with changes:") == report_line(
        real.output, "Kept with changes:"
    )
