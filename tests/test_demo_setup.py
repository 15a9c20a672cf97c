"""What a site owner stumbled on (issue 20, items 26-28): the demo's ports and name, its
first comments, the service's front page, and a `tertulia` command outside any shell setup.
What a reader sees of the demo is checked in Chromium (tests/browser/test_first_look_pages.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from widget import storage
from widget.demo.seed import DEMO_SITE_NAME, ensure_demo_site, seed_demo
from widget.demo.site import prepare_demo
from widget.mail import links
from widget.sites.editing import register_site
from widget.storage.models import Comment

ROOT = Path(__file__).resolve().parent.parent
TERTULIA = Path(sys.executable).with_name("tertulia")


def test_serve_documents_its_ports():
    helped = subprocess.run(
        [sys.executable, "scripts/dev.py", "serve", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "--port" in helped and "--demo-port" in helped and "mail" in helped


def test_every_address_follows_the_ports_and_a_rerun_registers_nothing_new(app_factory):
    app = app_factory(PUBLIC_URL="http://127.0.0.1:8080")
    with app.app_context():
        register_site("Tertulia demo", ["http://127.0.0.1:28081"], "none")  # an older demo's
        api_base, demo_base, site_base, added = prepare_demo(app, "127.0.0.1", 28080, 28081)
        assert (api_base, demo_base) == ("http://127.0.0.1:28080", "http://127.0.0.1:28081")
        assert app.config["PUBLIC_URL"] == "http://127.0.0.1:28080"  # the links in mail
        address = storage.get_or_add_mail_address("ana@example.org", "en")
        assert links.confirm_url(address).startswith("http://127.0.0.1:28080/mail/confirm/")
        assert added == 8
        again = prepare_demo(app, "127.0.0.1", 28090, 28091)
        assert again[3] == 0  # the comments moved along with the port, none added
        sites = storage.list_sites()
        demo = [s for s in sites if s.name == DEMO_SITE_NAME]
        assert len(demo) == 1 and not [s for s in sites if s.name == "Tertulia demo"]
        assert {o.origin for o in demo[0].origins} >= {
            "http://127.0.0.1:28081",
            "http://localhost:28081",
            "http://127.0.0.1:28091",
        }
        assert demo[0].staff_label == DEMO_SITE_NAME
        thread = storage.find_thread_by_url(
            demo[0].id, "http://127.0.0.1:28091/2026/11/covert-action-considered"
        )
        assert thread is not None and thread.published_count == 6


def test_the_first_look_shows_the_product(app):
    with app.app_context():
        ensure_demo_site(28181)
        assert seed_demo("http://127.0.0.1:28181") == 8
        assert seed_demo("http://127.0.0.1:28181") == 0  # never twice
        comments = storage.db.session.query(Comment).all()
        assert all(c.status == "published" for c in comments)
        assert sum(c.parent_id is not None for c in comments) >= 3  # replies, two deep
        assert [c.name for c in comments if c.staff] == ["Elena Ruiz"]
        assert [c.name for c in comments if c.featured] == ["Daniel Okafor"]
        assert any("**" in c.text and "<strong>" in c.html for c in comments)


def test_the_services_address_is_a_small_page_not_a_404(app, client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'href="/admin/"' in html and 'href="/openapi.yaml"' in html
    assert "http://localhost/embed.js" in html  # the two lines to paste
    assert "demo" not in html.lower()  # no demo running: no link to one
    app.config["DEMO_URL"] = "http://127.0.0.1:8081/"
    assert 'href="http://127.0.0.1:8081/"' in client.get("/").get_data(as_text=True)
    assert "Comentarios Tertulia" in client.get("/?lang=es").get_data(as_text=True)
    api = client.get("/openapi.yaml")
    assert api.status_code == 200 and api.data.startswith(b"openapi:")


def test_the_tertulia_command_works_from_any_folder(tmp_path):
    env = {**os.environ, "WIDGET_INSTANCE_PATH": str(tmp_path)}
    env.pop("WIDGET_DATABASE_URL", None)

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(TERTULIA), *args], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("db", "upgrade")
    run("sites", "add", "https://blog.example.org", "--name", "The Border Ledger")
    assert "The Border Ledger" in run("sites", "list")
    assert "--demo-port" in run("demo", "--help")
