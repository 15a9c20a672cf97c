"""The local pre-screen (issue 25): each comment's language and toxicity, scored here.

Models ship inside the `prescreen` extra's wheels and are read once into compact files
under the instance folder (prepare.py, in a subprocess: no scikit-learn in a worker),
then loaded once per process when the app is made. `WIDGET_PRESCREEN` turns it on; each
site then chooses whether toxicity holds comments (and from which score) and which
languages it takes (README, "The pre-screen").
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from widget.i18n import gettext as _

# Below this probability a detected language never holds a comment.
LANGUAGE_SURE = 0.8
PACKAGES = ("py3langid", "profanity_check", "numpy")


class PrescreenUnavailable(SystemExit):
    """WIDGET_PRESCREEN is on but the `prescreen` extra is missing: the app cannot start."""

    def __init__(self, missing: list[str]) -> None:
        problem = _(
            "WIDGET_PRESCREEN is on, but the pre-screen's packages are not installed "
            "(missing: {missing}). Install them with `pip install 'tertulia[prescreen]'`, "
            "or set WIDGET_PRESCREEN=false.",
            missing=", ".join(missing),
        )
        super().__init__(_("Tertulia cannot start: {problem}", problem=problem))


def missing_packages() -> list[str]:
    """The pre-screen's packages that cannot be imported here (none: it is available)."""
    return [name for name in PACKAGES if not _importable(name)]


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def availability() -> str:
    """One line for `tertulia settings`: whether the pre-screen can be turned on."""
    missing = missing_packages()
    if missing:
        return _(
            "Pre-screen: unavailable (the `prescreen` extra is not installed; missing: "
            "{missing}). WIDGET_PRESCREEN cannot be turned on.",
            missing=", ".join(missing),
        )
    return _("Pre-screen: available (turn it on with WIDGET_PRESCREEN=true).")


@dataclass(frozen=True)
class Screening:
    """What the pre-screen found in one comment."""

    language: str | None  # None: too short to tell
    language_sure: bool
    toxicity: float
    model: str  # which model gave the score


class Models:
    """The loaded models of one process."""

    def __init__(self, folder: Path) -> None:
        from .language import LanguageModel
        from .toxicity import ToxicityModel

        self.language = LanguageModel(folder)
        self.toxicity = ToxicityModel(folder / "toxicity.json")

    def screen(self, text: str, site_words: str = "") -> Screening:
        """The language, then the toxicity by the model of that language (English's for
        English and for texts too short to tell; word lists for the others)."""
        from .toxicity import word_list_name, word_list_score

        found = self.language.detect(text)
        language, probability = found if found else (None, 0.0)
        if language in (None, "en"):
            toxicity, model = self.toxicity.score(text), self.toxicity.name
        else:
            toxicity = word_list_score(text, language, site_words)
            model = word_list_name(language)
        return Screening(language, probability >= LANGUAGE_SURE, round(toxicity, 4), model)


def prepared_folder(parent: Path) -> Path:
    """The compact models' folder in `parent`, prepared in a subprocess when not there yet."""
    from .prepare import cache_name  # light: the heavy imports are inside its functions

    if (parent / cache_name() / "done").exists():  # the installed versions' own folder
        return parent / cache_name()
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SystemExit(_not_prepared(parent, exc.strerror or str(exc))) from exc
    answer = subprocess.run(
        [sys.executable, "-m", "widget.moderation.prescreen.prepare", str(parent)],
        capture_output=True,
        text=True,
    )
    if answer.returncode != 0:
        said = (answer.stderr.strip().splitlines() or [_("no message")])[-1]
        raise SystemExit(_not_prepared(parent, said))
    return Path(answer.stdout.strip().splitlines()[-1])


def _not_prepared(parent: Path, error: str) -> str:
    problem = _(
        "preparing the pre-screen's models in {folder} failed: {error}", folder=parent, error=error
    )
    return _("Tertulia cannot start: {problem}", problem=problem)


def init_app(app: Flask) -> None:
    """Load the models once in this process when the pre-screen is on; refuse to start
    when it is on and its packages are missing."""
    if not app.config["PRESCREEN"]:
        return
    missing = missing_packages()
    if missing:
        raise PrescreenUnavailable(missing)
    parent = Path(app.config["PRESCREEN_FOLDER"] or Path(app.instance_path) / "prescreen")
    folder = prepared_folder(parent)
    if folder not in _LOADED:  # once per process, however many apps it makes
        _LOADED[folder] = Models(folder)
    app.extensions["tertulia.prescreen"] = _LOADED[folder]


_LOADED: dict[Path, Models] = {}


def screen(text: str, site_words: str = "") -> Screening | None:
    """Language and toxicity of a comment's text, or None when the pre-screen is off."""
    models: Models | None = current_app.extensions.get("tertulia.prescreen")
    return None if models is None else models.screen(text, site_words)


def judge(site, screening: Screening | None, reconsidered: bool, language: str) -> list:
    """The pre-screen's hold reasons for a new comment on `site` (a SiteInfo).

    Toxicity at or over the site's threshold first asks the reader to reconsider (422
    `reconsider`, in the reader's language); posted again, changed or not, the comment
    is stored and, still over it, held. A language surely not among the site's is held.
    :raise Refused: `reconsider`, the first time.
    """
    from widget.core.refusals import Refused
    from widget.i18n import _

    if screening is None:
        return []
    reasons = []
    if site.prescreen and screening.toxicity >= site.toxicity_threshold:
        if not reconsidered:
            raise Refused(
                "reconsider",
                _("Your comment may be hurtful to others. You can edit it, or post it as it is."),
            )
        reasons.append(("toxicity", f"{screening.toxicity:.2f} ({screening.model})"))
    # A SiteInfo lists them as a tuple; a Site row as text.
    listed = site.languages.split() if isinstance(site.languages, str) else site.languages
    if (
        listed
        and screening.language
        and screening.language_sure
        and screening.language not in listed
    ):
        reasons.append(("language", screening.language))
    return reasons
