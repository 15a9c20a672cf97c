"""The local pre-screen of toxicity and language (README, "The pre-screen")."""

from widget.i18n import N_

from .setting import Setting

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "PRESCREEN",
        False,
        N_(
            "Score each new comment's language and toxicity on this machine, with the models "
            "of the `prescreen` extra (read once into the instance folder); each site then "
            "chooses what holds a comment. On without the extra installed, the service does "
            "not start (`tertulia settings` says whether it is available)."
        ),
    ),
    Setting(
        "PRESCREEN_FOLDER",
        None,
        N_(
            "Where the pre-screen's compact models are kept (prepared there on the first start "
            "with it on, or by `tertulia prescreen prepare`); unset: `prescreen/` in the "
            "instance folder."
        ),
    ),
)
