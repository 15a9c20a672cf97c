"""`flask --app app demo`: the service plus a demo news site on another origin.

The demo site is a second, tiny Flask app on its own port, so the widget is
embedded cross-origin exactly as on a real site.
"""

from __future__ import annotations

import threading

import click
from flask import Flask, abort, current_app, render_template, request
from flask.cli import with_appcontext
from werkzeug.serving import make_server, run_simple

from widget import storage
from widget.sites.editing import register_site
from widget.storage import database
from widget.storage.database import db

DEMO_SITE_NAME = "Tertulia demo"
# The demo articles: slug -> (template, language).
ARTICLES = {
    "2026/11/covert-action-considered": ("demo/article.html", "en"),
    "es/2026/11/accion-encubierta": ("demo/article.html", "es"),
}


LANGUAGES = ("en", "es")
THEMES = ("light", "dark", "auto")


def demo_origins(port: int) -> list[str]:
    return [f"http://127.0.0.1:{port}", f"http://localhost:{port}"]


def ensure_demo_site(port: int) -> None:
    """Register the demo origins once (a second run finds them)."""
    origins = demo_origins(port)
    if not storage.taken_origins(origins):
        register_site(DEMO_SITE_NAME, origins, "none")


def create_demo_site(api_base: str) -> Flask:
    """The demo news site: an index with comment counts and two articles."""
    from widget import ROOT

    site = Flask(
        "tertulia_demo",
        static_folder=str(ROOT / "static"),
        template_folder=str(ROOT / "templates"),
    )

    def choice(name: str, allowed: tuple[str, ...], default: str) -> str:
        value = request.args.get(name)
        return value if value in allowed else default

    @site.get("/")
    def index():
        """Listing page: each article link gets its comment count."""
        return render_template(
            "demo/index.html",
            api_base=api_base,
            articles=ARTICLES,
            lang=choice("lang", LANGUAGES, "en"),
            theme=choice("theme", THEMES, "auto"),
        )

    @site.get("/<path:slug>/")
    def article(slug: str):
        """An article with the two embed lines at its end."""
        if slug not in ARTICLES:
            abort(404)
        template, lang = ARTICLES[slug]
        return render_template(
            template,
            api_base=api_base,
            lang=choice("lang", LANGUAGES, lang),
            theme=choice("theme", THEMES, "auto"),
            slug=slug,
        )

    return site


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, help="Port of the comment service.")
@with_appcontext
def demo_command(host: str, port: int) -> None:
    """Migrate, register the demo site, and serve the service and the demo site."""
    app = current_app._get_current_object()
    demo_port = app.config["DEMO_PORT"]
    database.upgrade(db.engine)
    ensure_demo_site(demo_port)
    api_base = f"http://{host}:{port}"
    demo_server = make_server(host, demo_port, create_demo_site(api_base), threaded=True)
    threading.Thread(target=demo_server.serve_forever, daemon=True).start()
    click.echo(f"Comment service: {api_base}/")
    click.echo(f"Demo news site:  http://{host}:{demo_port}/  (open this one)")
    click.echo(f"Moderation:      {api_base}/admin/")
    click.echo("  (an account: .venv/bin/flask --app app admins create you@example.org)")
    if str(app.config.get("SMTP_URL")).startswith("console:"):
        click.echo("Mail:            printed below (WIDGET_SMTP_URL=console://)")
    run_simple(host, port, app, threaded=True, use_reloader=False)
