"""Flask commands, each group in its own module; `register` adds every one to the app.

`tertulia <group> <command>`: db, sites, admins, comments, mail, settings, import,
export, threads, privacy, users, notices, webhooks, tokens, prescreen, i18n, demo.
Every command speaks the environment's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG);
Click's own texts (--help, "Error:", usage) stay English.
"""

from __future__ import annotations

import functools
from contextlib import ExitStack

import click
from flask import Flask, current_app
from flask.cli import ScriptInfo

from widget.i18n import in_language
from widget.i18n.environment import environment_language


def speaking(command: click.Command) -> None:
    """Run `command` (and a group's every command) in the environment's language."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            speaking(sub)
        return
    callback = command.callback
    if callback is None or getattr(callback, "tertulia_speaking", False):
        return  # commands are module-level: every app after the first finds them wrapped

    @functools.wraps(callback)
    def run(*args, **kwargs):
        with ExitStack() as stack:
            if not current_app:  # the app context first (as with_appcontext would push it),
                app = click.get_current_context().ensure_object(ScriptInfo).load_app()
                stack.enter_context(app.app_context())
            stack.enter_context(in_language(environment_language()))  # so the language holds
            return callback(*args, **kwargs)

    run.tertulia_speaking = True
    command.callback = run


def register(app: Flask) -> None:
    """Add every command group to the app's `flask` command."""
    from widget.demo.site import demo_command

    from . import (
        admins,
        comments,
        database,
        export,
        i18n,
        imports,
        mail,
        notices,
        prescreen,
        privacy,
        settings,
        sites,
        threads,
        tokens,
        users,
        webhooks,
    )

    for command in (
        database.db_cli,
        sites.sites_cli,
        admins.admins_cli,
        comments.comments_cli,
        mail.mail_cli,
        settings.settings,
        prescreen.prescreen_cli,
        i18n.i18n_cli,
        imports.import_cli,
        export.export,
        threads.threads_cli,
        privacy.privacy_cli,
        users.users_cli,
        notices.notices_cli,
        webhooks.webhooks_cli,
        tokens.tokens_cli,
        demo_command,
    ):
        speaking(command)
        app.cli.add_command(command)
