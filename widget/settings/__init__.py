"""Every setting, declared once: name, default and a one-line help.

Order of precedence when the app is assembled: these defaults, then the
Python file named by ``WIDGET_CONFIG``, then ``WIDGET_*`` environment
variables, then the ``test_config`` dict handed to ``create_app``.
The README's configuration table is generated from ``SETTINGS``, gathered here from
the modules beside this one, by subject.
"""

from __future__ import annotations

from typing import Any

from widget.i18n import gettext as _

from . import defences, limits, mail, prescreen, service, threads, webhooks
from .setting import Setting

SETTINGS: tuple[Setting, ...] = (
    *service.SETTINGS,
    *limits.SETTINGS,
    *threads.SETTINGS,
    *defences.SETTINGS,
    *prescreen.SETTINGS,
    *mail.SETTINGS,
    *webhooks.SETTINGS,
)

DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS}


def settings_table() -> str:
    """The Markdown table of settings that README's configuration section shows."""
    # In the command's language: the headings, and each help (marked with N_ where declared).
    heading = (_("Environment variable"), _("Default"), _("What it does"))
    lines = ["| " + " | ".join(heading) + " |", "| --- | --- | --- |"]
    for setting in SETTINGS:
        default = _("unset") if setting.default is None else f"`{setting.default}`"
        lines.append(f"| `{setting.env}` | {default} | {_(setting.help)} |")
    return "\n".join(lines)
