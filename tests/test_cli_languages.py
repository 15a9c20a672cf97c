"""The commands speak the environment's language (issue 26): LANGUAGE, LC_ALL, LC_MESSAGES,
LANG, as gettext reads them; English when unset, C or POSIX. Run as a site's owner runs them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BLOG
from tests.importing import ISSO
from widget.i18n.environment import environment_language

ROOT = Path(__file__).resolve().parent.parent
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _run(app, tmp_path, *args, **locale):
    env = {key: value for key, value in os.environ.items() if key not in LOCALE_VARIABLES}
    env.update(
        WIDGET_DATABASE_URL=app.config["DATABASE_URL"],
        WIDGET_INSTANCE_PATH=str(tmp_path / "instance"),
        WIDGET_SECRET_KEY="test-secret-key",
        **locale,
    )
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *[str(arg) for arg in args]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_an_import_report_in_spanish(app, tmp_path):
    result = _run(app, tmp_path, "import", "isso", ISSO, "--site", BLOG, LANG="es_ES.UTF-8")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Importación de isso: ")
    assert any(line.startswith("Comentarios en el archivo: ") for line in lines), lines
    imported = next(line for line in lines if line.startswith("Comentarios importados: "))
    assert "publicado" in imported and "pendiente" in imported  # ngettext: 1 publicado, 2 …
    assert any(line.startswith("Omitidos: ") for line in lines)
    assert "Comments imported" not in result.stdout


def test_an_import_refusal_in_spanish(app, tmp_path):
    result = _run(app, tmp_path, "import", "wordpress", ISSO, LANG="es_ES.UTF-8")
    assert result.returncode == 1
    assert f"{ISSO} es JSON, pero `import wordpress` lee XML: usa `import isso`" in result.stderr
    assert "No se ha importado nada." in result.stderr


def test_an_export_error_in_spanish_and_in_english_under_c(app, tmp_path):
    target = tmp_path / "nonexistent" / "x.json"
    spanish = _run(app, tmp_path, "export", target, LANG="es_ES.UTF-8")
    assert spanish.returncode == 1
    assert f"No se puede escribir {target}: la carpeta " in spanish.stderr
    assert "no existe." in spanish.stderr
    english = _run(app, tmp_path, "export", target, LANG="C")
    assert english.returncode == 1
    assert f"Cannot write {target}: the folder " in english.stderr


def test_an_export_counts_with_plurals_in_spanish(app, tmp_path):
    result = _run(app, tmp_path, "export", tmp_path / "x.json", LANG="es_ES.UTF-8")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Exportados 2 sitios, 0 hilos y 0 comentarios a ")


def test_settings_in_spanish_then_english(app, tmp_path):
    spanish = _run(app, tmp_path, "settings", LANGUAGE="es", LANG="de_DE.UTF-8")
    assert spanish.returncode == 0, spanish.stderr
    assert spanish.stdout.startswith("| Variable de entorno | Valor por defecto | Qué hace |")
    assert "Revisión previa: " in spanish.stdout
    # Each setting's help too (README's table is the English one).
    assert (
        "| `WIDGET_MAX_COMMENT_LENGTH` | `10000` | "
        "Longitud máxima del texto de un comentario, en caracteres. |"
    ) in spanish.stdout
    english = _run(app, tmp_path, "settings", LANG="C")
    assert english.stdout.startswith("| Environment variable | Default | What it does |")
    assert "Pre-screen: " in english.stdout


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LANG": "pt_PT.UTF-8@euro"}, "pt_PT"),
        ({"LANG": "pt_BR"}, "pt_BR"),
        ({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "es_ES.UTF-8"}, "fr"),
        ({"LC_ALL": "de_DE.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "de"),
        ({"LANGUAGE": "sv:it", "LANG": "es_ES.UTF-8"}, "it"),  # first shipped of the list
        ({"LANGUAGE": "es", "LC_ALL": "C"}, "en"),  # gettext: LANGUAGE ignored under C
        ({"LANGUAGE": "es"}, "es"),
        ({"LANG": "sv_SE.UTF-8"}, "en"),  # not shipped: English
        ({"LANG": ""}, "en"),
    ],
)
def test_the_environment_language(environ, language):
    assert environment_language(environ) == language


def test_a_wrong_setting_stops_the_start_in_the_environments_language(app, tmp_path):
    """A wrong setting is said while the app is made, before any command or request: in the
    environment's language."""
    spanish = _run(app, tmp_path, "settings", WIDGET_PAGE_SIZE="abc", LANG="es_ES.UTF-8")
    assert spanish.returncode != 0
    assert (
        "Tertulia no puede arrancar: WIDGET_PAGE_SIZE debe ser un número entero, no 'abc'."
        in spanish.stderr
    )
    english = _run(app, tmp_path, "settings", WIDGET_PAGE_SIZE="abc", LANG="C")
    assert english.returncode != 0
    assert (
        "Tertulia cannot start: WIDGET_PAGE_SIZE must be a whole number, not 'abc'."
        in english.stderr
    )
    assert "Traceback" not in english.stderr
    typo = _run(app, tmp_path, "settings", WIDGET_PAGE_SIZ="20", LANG="C")
    assert typo.returncode != 0
    assert (
        "Tertulia cannot start: WIDGET_PAGE_SIZ is not a setting. Did you mean "
        "WIDGET_PAGE_SIZE? `tertulia settings` lists them all." in typo.stderr
    )


def test_the_start_speaks_the_environments_language_and_requests_their_own(
    app_factory, monkeypatch
):
    from widget.i18n import gettext
    from widget.settings import checks

    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")

    def refuse(config, environ):  # a string the Spanish catalogue has already
        raise checks.SettingsError(gettext("Default"))

    with monkeypatch.context() as patched:
        patched.setattr(checks, "check", refuse)
        with pytest.raises(checks.SettingsError, match="Valor por defecto"):
            app_factory()
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    client = app_factory().test_client()
    plain = client.get("/api/no-such-thing")  # no language asked: English, not the start's
    assert plain.get_json()["message"] == "There is nothing at /api/no-such-thing."
    spanish = client.get("/api/no-such-thing", query_string={"lang": "es"})
    assert spanish.get_json()["message"] == "No hay nada en /api/no-such-thing."


def test_site_commands_and_their_refusals_in_german_and_italian(app, tmp_path):
    edited = _run(app, tmp_path, "sites", "edit", BLOG, "--moderation", "first", LANG="de_DE.UTF-8")
    assert edited.returncode == 0, edited.stderr
    assert edited.stdout.splitlines() == [
        "Website 1 „Blog“: Moderation first, wer kommentieren darf: everyone",
        "Vorabprüfung ausgeschaltet",
    ]
    # A refusal of the code the admin and the commands share, in the command's language.
    refused = _run(app, tmp_path, "sites", "add", "nope", LANG="it_IT.UTF-8")
    assert refused.returncode == 1
    assert "'nope' non è un'origine: indica schema, host e porta" in refused.stderr
    unknown = _run(app, tmp_path, "tokens", "list", "https://nowhere.example", LANG="de_DE.UTF-8")
    assert unknown.returncode == 1
    assert "Keine Website hat den Origin https://nowhere.example." in unknown.stderr


def test_the_mail_worker_counts_with_the_languages_plural_rules(app, tmp_path):
    french = _run(app, tmp_path, "mail", "worker", "--once", LANG="fr_FR.UTF-8")
    assert french.returncode == 0, french.stderr
    assert french.stdout.splitlines()[-1] == "Envois tentés\u00a0: 0 e-mail et 0 envoi de webhook."
    spanish = _run(app, tmp_path, "mail", "worker", "--once", LANG="es_ES.UTF-8")
    assert spanish.stdout.splitlines()[-1] == "Se han intentado 0 mensajes y 0 entregas de webhook."
