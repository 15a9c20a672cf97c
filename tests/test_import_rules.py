"""Imports obey the live rules (issue 19, items 13-14): names, text lengths, memory."""

import tracemalloc

import pytest

from tests.conftest import BLOG
from tests.importing import invoke, report_line, stored, wxr

ZALGO = "Z" + "\u0301\u0302\u0303\u0304\u0305\u0306"


@pytest.mark.parametrize("name", ["\u200b", "\u3164\u200d", ZALGO, "\u202e\u200b"])
def test_a_name_that_shows_nothing_or_stacks_marks_becomes_anonymous(runner, app, tmp_path, name):
    path = tmp_path / "names.xml"
    path.write_text(wxr({"id": "1", "author": name, "content": "Hello"}))
    result = invoke(runner, "import", "wordpress", path, "--site", BLOG)
    assert result.exit_code == 0, result.output
    assert "1 name replaced" in report_line(result.output, "Kept with changes:")
    assert [row["name"] for row in stored(app)] == ["Anonymous"]


def test_a_name_with_a_few_accents_is_kept(runner, app, tmp_path):
    path = tmp_path / "names.xml"
    path.write_text(wxr({"id": "1", "author": "Zoë Ñúñez", "content": "Hola"}))
    assert invoke(runner, "import", "wordpress", path, "--site", BLOG).exit_code == 0
    assert [row["name"] for row in stored(app)] == ["Zoë Ñúñez"]


def test_texts_up_to_ten_times_the_live_limit_are_kept_longer_ones_refused(app_factory, tmp_path):
    from widget.sites.editing import register_site

    app = app_factory(MAX_COMMENT_LENGTH=20)
    with app.app_context():
        register_site("Blog", [BLOG], "none")
    path = tmp_path / "long.xml"
    path.write_text(
        wxr(
            {"id": "1", "author": "A", "content": "a" * 200},
            {"id": "2", "author": "B", "content": "b" * 201},
            {"id": "3", "author": "C", "content": "c" * 5000, "parent": "1"},
        )
    )
    result = invoke(app.test_cli_runner(), "import", "wordpress", path, "--site", BLOG)
    assert result.exit_code == 0, result.output
    assert "2 too long" in report_line(result.output, "Skipped:")
    assert report_line(result.output, "Too long:") == "Too long: 7#2, 7#3"
    assert [row["text"] for row in stored(app)] == ["a" * 200]


def test_a_huge_text_is_refused_without_being_held_in_memory(runner, app, tmp_path):
    huge = tmp_path / "huge.xml"
    # 40 million characters: held whole (as the parser alone would), that is 40 MB and more.
    head, tail = wxr({"id": "1", "author": "A", "content": "HUGE"}).split("HUGE")
    with open(huge, "w") as out:
        out.write(head)
        for _ in range(40):
            out.write("x" * 1_000_000)
        out.write(tail)
    tracemalloc.start()
    try:
        result = invoke(runner, "import", "wordpress", huge, "--site", BLOG)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "1 too long" in report_line(result.output, "Skipped:")
    assert peak < 10_000_000


def _isso_json(*texts: str) -> str:
    comments = ",".join(
        f'{{"id": {n}, "author": "A", "text": "{text}", "created": "2020-01-01 00:00:00"}}'
        for n, text in enumerate(texts, start=1)
    )
    return f'[{{"id": "/a/", "title": "A", "comments": [{comments}]}}]'


def test_json_texts_are_measured_in_characters_escapes_and_all(app_factory, tmp_path):
    from widget.sites.editing import register_site

    app = app_factory(MAX_COMMENT_LENGTH=20)
    with app.app_context():
        register_site("Blog", [BLOG], "none")
    emoji = "\\ud83d\\ude00"  # one character, twelve bytes escaped
    path = tmp_path / "escaped.json"
    path.write_text(
        _isso_json(emoji * 200, emoji * 201, "é" * 200, "x" + "\\n" * 198 + "x", "é" * 201 + '\\"')
    )
    result = invoke(app.test_cli_runner(), "import", "isso", path, "--site", BLOG)
    assert result.exit_code == 0, result.output
    assert report_line(result.output, "Too long:") == "Too long: /a/#2, /a/#5"
    texts = sorted(len(row["text"]) for row in stored(app))
    assert texts == [200, 200, 200]


def test_a_huge_json_text_is_refused_without_being_held_in_memory(runner, app, tmp_path):
    huge = tmp_path / "huge.json"
    head, tail = _isso_json("HUGE", "after").split("HUGE")
    with open(huge, "w") as out:
        out.write(head)
        for _ in range(40):
            out.write("x\\\\y\\u00e9" * 100_000)  # escapes all along, 1 MB at a time
        out.write(tail)
    tracemalloc.start()
    try:
        result = invoke(runner, "import", "isso", huge, "--site", BLOG)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 0, result.output
    assert "1 too long" in report_line(result.output, "Skipped:")
    assert [row["text"] for row in stored(app)] == ["after"]
    assert peak < 10_000_000


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 64])
def test_cutting_long_json_strings_keeps_every_file_valid(size):
    """The cut falls on any byte of escapes and UTF-8, at any read size: the JSON stays valid,
    short strings pass whole, long ones stop at a whole character."""
    import io
    import json

    from widget.importing.jsonstream import _LongStringsCut

    sources = [
        '["abcdefghij", "de\\"fghijk", {"k": "\\u00e9xyz\\\\u"}]',
        '["ééééé€€€😀😀", "\\\\\\\\\\u00e9\\"\\""]',
    ]
    for most in range(1, 14):
        for source in sources:
            passed = _read_all(_LongStringsCut(io.BytesIO(source.encode()), most), size)
            cut, whole = json.loads(passed), json.loads(source)
            assert len(json.dumps(cut)) <= len(json.dumps(whole))
    long_enough = _LongStringsCut(io.BytesIO(sources[1].encode()), 1000)
    assert _read_all(long_enough, size) == sources[1].encode()


def _read_all(stream, size: int) -> bytes:
    return b"".join(iter(lambda: stream.read(size), b""))
