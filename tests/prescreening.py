"""The pre-screen's fixtures: its compact models prepared once per run, apps with it on."""

from __future__ import annotations

from importlib import metadata

import pytest

from widget import storage
from widget.moderation.prescreen import prepared_folder
from widget.sites.editing import register_site

# The exact English model: package, version, and the function the compact form reproduces.
MODEL_EN = f"alt-profanity-check {metadata.version('alt-profanity-check')} predict_prob"
TOXIC_EN = "You are a stupid idiot and everyone here hates your ugly face, loser."
TOXIC_ES = "Eres un imbécil y un cabrón, vete a la mierda con tus mentiras."
KIND_EN = "Thank you for this careful article; the figures on housing were new to me."
BLOG = "https://blog.example.org"  # as tests/conftest.py (a plugin cannot import it)
OTHER = "https://other.example.net"
KIND_ES = "Gracias por este artículo tan cuidado; las cifras sobre vivienda me sorprendieron."


@pytest.fixture(scope="session")
def prescreen_folder(tmp_path_factory):
    """The models' compact files, prepared once for the whole run (in a subprocess)."""
    return prepared_folder(tmp_path_factory.mktemp("prescreen"))


@pytest.fixture
def screened_app(app_factory, prescreen_folder):
    """An app with the pre-screen on; the blog screens toxicity, the other site does not."""
    app = app_factory(PRESCREEN=True, PRESCREEN_FOLDER=str(prescreen_folder))
    with app.app_context():
        register_site("Blog", [BLOG, "https://www.blog.example.org"], "none", prescreen=True)
        register_site("Other", [OTHER], "none")
    return app


def set_site(app, site_id: int = 1, **values) -> None:
    """Change a site's settings as the admin does (every process sees the change)."""
    with app.app_context():
        site = storage.find_site(site_id)
        origins = [o.origin for o in site.origins]
        storage.update_site(site, origins=origins, **values)
        storage.commit()


def reasons(app, comment_id: int) -> list[tuple[str, str]]:
    """The hold reasons recorded with a comment."""
    with app.app_context():
        return [(r.code, r.detail) for r in storage.hold_reasons([comment_id]).get(comment_id, [])]


def stored(app, comment_id: int):
    """(language, toxicity, model) stored with a comment."""
    with app.app_context():
        comment = storage.find_comment(comment_id)
        return comment.language, comment.toxicity, comment.toxicity_model
