"""The catalogues: complete where shipped, current with the code, the widget's files small."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.nojs import get_page
from widget.i18n import CATALOGUES, COMPLETE, FALLBACK, LANGUAGES, SHIPPED, _translations
from widget.i18n import build as i18n_build

# `{name}` and `%(name)s`, as the code fills them.
PLACEHOLDER = re.compile(r"\{\w*\}|%\(\w+\)[sd]")
# The email validator's own explanation is English: a translation may leave it out.
OPTIONAL = {"{reason}"}
# Each widget language file, gzipped (issue 26).
JSON_BUDGET = 1536


def _catalog(language: str):
    with open(i18n_build.po_path(CATALOGUES, language), "rb") as handle:
        return read_po(handle, locale=language)


def _key(message) -> tuple:
    return (message.context, message.id)


@pytest.fixture(scope="module")
def template():
    return i18n_build.extract()


def test_the_template_is_current(template):
    with open(i18n_build.TEMPLATE, "rb") as handle:
        committed = read_po(handle)
    found = {_key(m) for m in template if m.id}
    kept = {_key(m) for m in committed if m.id}
    assert found - kept == set(), "new strings: run `flask --app app i18n update`"
    assert kept - found == set(), "strings gone from the code: run `flask --app app i18n update`"


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_each_catalogue_follows_the_template_with_nothing_fuzzy_or_obsolete(template, language):
    catalog = _catalog(language)
    assert not catalog.obsolete, f"{language}: obsolete entries"
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert fuzzy == [], f"{language}: fuzzy entries"
    assert {_key(m) for m in catalog if m.id} == {_key(m) for m in template if m.id}


def _texts(value) -> list[str]:
    return list(value) if isinstance(value, tuple | list) else [value]


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_translations_keep_the_placeholders(language):
    for message in _catalog(language):
        english = set(PLACEHOLDER.findall(" ".join(_texts(message.id))))
        for text in filter(None, _texts(message.string)):
            found = set(PLACEHOLDER.findall(text))
            assert found <= english, f"{language}: {message.id!r} gets {found - english}"
            if not message.pluralizable:  # "1 comment" names no number; its plural does
                missing = english - found - OPTIONAL
                assert not missing, f"{language}: {message.id!r} lost {missing}"


@pytest.mark.parametrize("language", COMPLETE)
def test_a_shipped_language_translates_every_string(template, language):
    chain, code = [], language
    while code:
        chain.append(_catalog(code))
        code = FALLBACK.get(code)
    for message in template:
        if not message.id:
            continue
        found = [c.get(message.id, context=message.context) for c in chain]
        translated = [m for m in found if m is not None and all(_texts(m.string))]
        assert translated, f"{language} lacks {message.context or ''} {message.id!r}"


def test_the_widget_knows_the_languages_we_ship():
    source = (Path(CATALOGUES).parent.parent / "static" / "embed.js").read_text()
    listed = re.search(r"var LANGS = \[([^\]]*)\]", source).group(1)
    assert re.findall(r'"([\w-]+)"', listed) == [code.replace("_", "-") for code in SHIPPED]


def test_the_widget_files_are_built_small_with_english_keys(tmp_path, capsys):
    sizes = i18n_build.build(tmp_path)
    with capsys.disabled():
        for name in sorted(sizes):
            packed = len(gzip.compress((tmp_path / name).read_bytes(), 9, mtime=0))
            print(f"\n{name}: {sizes[name]:,} B, {packed:,} B gzip", end="")
            assert packed <= JSON_BUDGET, f"{name} is {packed:,} B gzipped"
    import json

    from widget.i18n.widget_strings import read_tables

    for language in COMPLETE:
        for file in i18n_build.WIDGET_FILES:
            built = json.loads((tmp_path / f"{file}.{i18n_build.tag(language)}.json").read_text())
            english = read_tables(
                (Path(CATALOGUES).parent.parent / "static" / f"{file}.js").read_text()
            )
            assert set(built) == set(english["en"]), f"{file}.{language}"
            if language == "es":
                assert built.get("count", {}).get("one", "1 comentario") == "1 comentario"


def _write_po(folder: Path, language: str, entries: dict[str, str]) -> None:
    path = i18n_build.po_path(folder, language)
    path.parent.mkdir(parents=True)
    body = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in entries.items())
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
    path.write_text(header + body, encoding="utf-8")
    i18n_build.compile_catalogue(path)


def test_pt_pt_falls_back_to_pt_br_then_english(tmp_path):
    _write_po(tmp_path, "pt_BR", {"Reply": "Responder", "Cancel": "Cancelar", "Save": "Salvar"})
    _write_po(tmp_path, "pt_PT", {"Save": "Guardar"})
    found = _translations("pt_PT", (str(tmp_path),))
    assert found.gettext("Save") == "Guardar"  # pt_PT's own
    assert found.gettext("Reply") == "Responder"  # pt_BR's
    assert found.gettext("Post Comment") == "Post Comment"  # English


def test_pt_pt_takes_pt_brs_plurals_where_it_has_none(tmp_path):
    """An empty plural entry of pt_PT must not compile to English (Babel fills those in)."""
    for language in ("pt_BR", "pt_PT"):
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(Path(CATALOGUES) / language / "LC_MESSAGES" / "messages.po", folder)
        i18n_build.compile_catalogue(folder / "messages.po")
    found = _translations("pt_PT", (str(tmp_path),))
    brazilian = _translations("pt_BR", (str(tmp_path),))
    for n in (1, 3):
        assert found.ngettext("1 comment", "{n} comments", n) == brazilian.ngettext(
            "1 comment", "{n} comments", n
        )
    assert found.ngettext("1 comment", "{n} comments", 1) != "1 comment"


def test_a_site_rewords_a_string_in_its_own_folder(app, client, tmp_path):
    _write_po(tmp_path, "es", {"Leave a Reply": "Escribe tu comentario"})
    app.config["TRANSLATIONS_PATH"] = str(tmp_path)
    text = get_page(client, lang="es").get_data(as_text=True)
    assert "Escribe tu comentario" in text
    assert "Publicar el comentario" in text  # everything else from our catalogue
    shutil.rmtree(tmp_path / "es")


def test_a_widget_language_file_is_served_like_embed_js(client):
    first = client.get("/i18n/embed.es.json", headers={"Accept-Encoding": "gzip"})
    assert first.status_code == 200
    assert first.mimetype == "application/json"
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    assert "max-age=" in first.headers["Cache-Control"]
    again = client.get(
        "/i18n/embed.es.json",
        headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]},
    )
    assert again.status_code == 304
    for wrong in ("/i18n/embed.xx.json", "/i18n/..%2Fembed.json", "/i18n/secrets.es.json"):
        assert client.get(wrong).status_code == 404
