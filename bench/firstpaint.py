"""The widget's first paint in Chromium: from embed.js arriving to the first comments drawn.

A host page on one loopback port embeds the widget from the service on another, for
the 100-comment thread; the Performance API gives when embed.js finished arriving, a
requestAnimationFrame after the first comment appears gives when it was painted.

The floor beside it, as wrk's hello-world route is beside the reads: the widget's own shadow
root (its style and the 100 comments as it built them, copied out of a real load) put back at
once by a static script, measured the same way. What the browser needs to paint that DOM here,
with no fetch and no building: our part is the difference.
"""

from __future__ import annotations

import http.server
import json
import statistics
import threading
from pathlib import Path

from bench import seed
from bench.servers import Gunicorn, free_port, wait_until_up

LOADS = 7
HTML, JS = "text/html; charset=utf-8", "text/javascript"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title></head>
<body><article><h1>An article</h1><p>Text.</p></article><div id="comments"></div>
<script>
window.__painted = new Promise(function (resolve) {
  (function poll() {
    var root = document.getElementById("comments").shadowRoot;
    if (root && root.querySelector("article.comment")) {
      requestAnimationFrame(function () { resolve(performance.now()); });
    } else requestAnimationFrame(poll);
  })();
});
</script>
<script src="{api}/embed.js" data-url="{origin}/t100" async></script></body></html>"""

MEASURE = """async () => {
  const painted = await Promise.race([window.__painted, new Promise((_, reject) =>
    setTimeout(() => reject(new Error("no comment painted within 30 s")), 30000))]);
  const entries = performance.getEntriesByType("resource");
  const script = entries.find((e) => e.name.endsWith("/embed.js"));
  const thread = entries.find((e) => e.name.includes("/api/threads"));
  return {
    painted, embed_end: script.responseEnd, thread_start: thread.startTime,
    thread_end: thread.responseEnd, thread_ms: thread.responseEnd - thread.startTime,
  };
}"""


# The widget's shadow root as built, to be put back by the floor's script.
COPY_ROOT = """() => document.getElementById("comments").shadowRoot.innerHTML"""
FLOOR_SCRIPT = """(function () {
  var root = document.getElementById("comments").attachShadow({ mode: "open" });
  var copy = document.createElement("template");
  copy.innerHTML = %s;
  root.append(copy.content);
})();"""
FLOOR_MEASURE = """async () => {
  const painted = await Promise.race([window.__painted, new Promise((_, reject) =>
    setTimeout(() => reject(new Error("no comment painted within 30 s")), 30000))]);
  const script = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/floor.js"));
  return { painted, script_end: script.responseEnd };
}"""


def _host(port: int, pages: dict[str, tuple[str, bytes]]) -> http.server.ThreadingHTTPServer:
    """A loopback site serving `pages` (path -> content type, body); a page's scripts too."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            kind, body = pages.get(self.path.split("?")[0], pages["/"])
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    return server


def register_host(database_url: str, workdir: Path, host_origin: str) -> None:
    """Let the host page's origin embed the bench site's threads."""
    from widget import create_app
    from widget.storage import commit, find_site_by_origin, update_site
    from widget.storage.database import db

    app = create_app(
        {"INSTANCE_PATH": str(workdir), "DATABASE_URL": database_url, "SECRET_KEY": "bench"}
    )
    with app.app_context():
        site = find_site_by_origin(seed.ORIGIN)
        update_site(
            site,
            origins=[o.origin for o in site.origins if o.origin != host_origin] + [host_origin],
        )
        commit()  # storage only flushes: the use case (here, the bench) commits
        db.engine.dispose()


def launch(playwright):
    """Debian's Chromium, headless, as the browser tests run it."""
    return playwright.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
        ],
    )


def measure(database_url: str, workdir: Path, env: dict) -> dict:
    """Median milliseconds from embed.js's arrival to the first comments painted."""
    from playwright.sync_api import sync_playwright

    host_port = free_port()
    host_origin = f"http://127.0.0.1:{host_port}"
    register_host(database_url, workdir, host_origin)
    service_env = {**env, "WIDGET_DATABASE_URL": database_url, "WIDGET_INSTANCE_PATH": str(workdir)}
    samples, threads, starts, renders, floors = [], [], [], [], []
    with Gunicorn("app:app", service_env) as service:
        wait_until_up(f"{service.base}/embed.js", service.process)
        page_html = PAGE.replace("{api}", service.base).replace("{origin}", seed.ORIGIN)
        pages = {"/": (HTML, page_html.encode())}
        host = _host(host_port, pages)
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                for _ in range(LOADS):
                    context = browser.new_context()  # a first visit each time: nothing cached
                    page = context.new_page()
                    page.goto(f"{host_origin}/")
                    timing = page.evaluate(MEASURE)
                    samples.append(timing["painted"] - timing["embed_end"])
                    threads.append(timing["thread_ms"])
                    starts.append(timing["thread_start"] - timing["embed_end"])
                    renders.append(timing["painted"] - timing["thread_end"])
                    built = page.evaluate(COPY_ROOT)
                    context.close()
                # The floor: the same shadow root, put back at once by a script that arrives
                # as embed.js does (a page's <script async>, on loopback).
                floor_html = PAGE.replace("{api}/embed.js", "/floor.js")
                pages["/floor"] = (HTML, floor_html.encode())
                pages["/floor.js"] = (JS, (FLOOR_SCRIPT % json.dumps(built)).encode())
                for _ in range(LOADS):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(f"{host_origin}/floor")
                    timing = page.evaluate(FLOOR_MEASURE)
                    floors.append(timing["painted"] - timing["script_end"])
                    context.close()
                browser.close()
        finally:
            host.shutdown()
    return {
        "loads": LOADS,
        "median_ms": round(statistics.median(samples), 1),
        "max_ms": round(max(samples), 1),
        "thread_fetch_median_ms": round(statistics.median(threads), 1),
        "until_fetch_median_ms": round(statistics.median(starts), 1),
        "render_median_ms": round(statistics.median(renders), 1),
        "floor_median_ms": round(statistics.median(floors), 1),
        "floor_max_ms": round(max(floors), 1),
    }
