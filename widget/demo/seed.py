"""The demo's site and its first comments: one name, registered once, a thread worth a look.

The comments go in through the importer (importing/placing.py), as an import from another
system would: rendered, placed under their parents, counted, each remembered by its id in
the seed, so a second run adds nothing.
"""

from __future__ import annotations

from datetime import timedelta

from widget import storage
from widget.core.urls import canonical_url
from widget.importing.model import IncomingComment, IncomingThread
from widget.importing.placing import Importer
from widget.importing.report import Report
from widget.sites.editing import register_site
from widget.sites.threads import move_thread
from widget.storage.models import Site, utcnow

DEMO_SITE_NAME = "The Border Ledger"
OLD_NAMES = ("Tertulia demo",)  # what earlier demos registered: renamed, never duplicated
ENGLISH = "2026/11/covert-action-considered"
SPANISH = "es/2026/11/accion-encubierta"
# The headlines, as the articles' embeds send them (data-title).
TITLES = {
    ENGLISH: "Covert Action Considered: Trump Administration Weighs Military Strikes "
    "Against Cartels in Mexico",
    SPANISH: "Acción encubierta en la mira: el gobierno de Trump sopesa ataques militares "
    "contra los cárteles en México",
}
# (ref, parent ref, name, website, text, minutes ago, featured, staff)
COMMENTS = {
    ENGLISH: [
        ("en-1", None, "Marta Villanueva", "https://marta.example",
         "A unilateral strike would bury decades of security cooperation. "
         "Who benefits from that?", 190, False, False),
        ("en-2", None, "Daniel Okafor", "",
         "The FTO designation changed the legal picture. The question is whether "
         "**Congress** gets a say before anything happens.", 170, True, False),
        ("en-3", "en-2", "Elena Ruiz", "",
         "Congress is briefed on Thursday; we will report what the committee hears.",
         150, False, True),
        ("en-4", "en-1", "Lucía Herrera", "",
         "**Both** can be true: the fentanyl crisis is real *and* covert raids would be a "
         "diplomatic disaster.\n\n> Mexico has repeatedly stressed that it will not permit "
         "foreign military forces to operate on its soil.", 95, False, False),
        ("en-5", "en-4", "Marta Villanueva", "https://marta.example",
         "Exactly, Lucía. Intelligence sharing is the part that actually works.",
         60, False, False),
        ("en-6", None, "Tom Becker", "",
         "Has anyone seen polling from the border counties? I would like to know how people "
         "who live there see this.", 25, False, False),
    ],
    SPANISH: [
        ("es-1", None, "Rosa Medina", "",
         "¿Y la soberanía? Nadie en Washington parece preguntarse qué pasaría al día "
         "siguiente.", 120, False, False),
        ("es-2", "es-1", "Jorge Salas", "",
         "La cooperación de inteligencia funciona mejor que cualquier dron.", 45, False, False),
    ],
}  # fmt: skip


def demo_origins(port: int) -> list[str]:
    return [f"http://127.0.0.1:{port}", f"http://localhost:{port}"]


def ensure_demo_site(port: int) -> Site:
    """The demo's one site: found by its name (or an earlier demo's), given this port's
    origins when they are free, registered only the first time."""
    origins = demo_origins(port)
    site = next(
        (s for s in storage.list_sites() if s.name in (DEMO_SITE_NAME, *OLD_NAMES)), None
    ) or next(filter(None, map(storage.find_site_by_origin, origins)), None)
    if site is None:
        return register_site(DEMO_SITE_NAME, origins, "none", staff_label=DEMO_SITE_NAME)
    free = [origin for origin in origins if origin not in storage.taken_origins(origins)]
    if free or site.name != DEMO_SITE_NAME:
        kept = [o.origin for o in site.origins]
        storage.update_site(site, origins=kept + free, name=DEMO_SITE_NAME)
        site.staff_label = site.staff_label or DEMO_SITE_NAME
        storage.commit()
    return site


def seed_demo(site_base: str) -> int:
    """The articles' first comments (replies, a staff reply, a featured one), unless the
    articles have comments already; returns how many were added."""
    now = utcnow()
    report = Report(system="demo", file="seed")
    importer = Importer(report, site_base, {})
    for slug, comments in COMMENTS.items():
        url = f"{site_base}/{slug}/"
        _follow_the_port(importer.site, slug, canonical_url(url))
        thread = storage.find_thread_by_url(importer.site.id, canonical_url(url))
        if thread is not None and thread.published_count:
            continue
        incoming = IncomingThread(link=url, title=TITLES[slug])
        importer.take(incoming, [_comment(row, now) for row in comments])
    importer.finish()
    storage.commit()
    return report.imported


def _follow_the_port(site: Site, slug: str, url: str) -> None:
    """An article's thread from a run on another port moves to this one's address."""
    here = storage.find_thread_by_url(site.id, url)
    if here is not None and here.published_count:
        return
    for origin in [o.origin for o in site.origins]:
        old = canonical_url(f"{origin}/{slug}/")
        there = storage.find_thread_by_url(site.id, old) if old != url else None
        if there is not None and there.published_count:
            move_thread(old, url)  # or merged into the empty thread here
            return


def _comment(row: tuple, now) -> IncomingComment:
    ref, parent, name, website, text, minutes, featured, staff = row
    return IncomingComment(
        ref=ref,
        parent_ref=parent,
        name=name,
        email=name.split()[0].lower() + "@example.org",
        website=website,
        text=text,
        created_at=now - timedelta(minutes=minutes),
        status="published",
        source=("demo", ref),
        featured=featured,
        staff=staff,
    )
