"""Flask commands, each group in its own module; `register` adds every one to the app.

`tertulia <group> <command>`: db, sites, admins, comments, mail, settings, import,
export, threads, privacy, users, notices, webhooks, tokens, prescreen, i18n, demo.
"""

from __future__ import annotations

from flask import Flask


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
        app.cli.add_command(command)
