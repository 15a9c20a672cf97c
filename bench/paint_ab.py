"""Two builds of embed.js side by side: their first paints, alternating loads in one run.

`python -m bench.paint_ab OTHER.js` compares static/embed.js (A) with OTHER.js (B) on the
100-comment thread. On a shared machine single first-paint runs drift by tens of ms; loads
that alternate A, B, A, B… under the same conditions show a change that one run cannot.
Both files are served from the host page's origin (the thread still comes from the service),
so they arrive alike; each is told the service's address in place of its own.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
from pathlib import Path

from bench import seed
from bench.firstpaint import HTML, JS, MEASURE, PAGE, _host, launch, register_host
from bench.run import SERVICE_ENV
from bench.servers import Gunicorn, free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
SELF_ADDRESS = re.compile(r"var API = script\.src\.replace\([^;]*\);")


def _pointed(source: str, service: str) -> bytes:
    """The build, told the service's address (it would take its own file's)."""
    pointed, found = SELF_ADDRESS.subn(f'var API = "{service}";', source, count=1)
    if not found:
        raise SystemExit("the build has no `var API = script.src.replace(…);` line to point")
    return pointed.encode()


def compare(database_url: str, workdir: Path, builds: dict[str, str], rounds: int) -> dict:
    """Median first paint of each build, `rounds` loads each, alternating."""
    from playwright.sync_api import sync_playwright

    host_port = free_port()
    host_origin = f"http://127.0.0.1:{host_port}"
    register_host(database_url, workdir, host_origin)
    env = {**SERVICE_ENV, "WIDGET_DATABASE_URL": database_url, "WIDGET_INSTANCE_PATH": str(workdir)}
    samples: dict[str, list[float]] = {name: [] for name in builds}
    with Gunicorn("app:app", env) as service:
        wait_until_up(f"{service.base}/embed.js", service.process)
        pages = {}
        for name, source in builds.items():
            html = PAGE.replace("{api}/embed.js", f"/{name}/embed.js")
            pages[f"/{name}"] = (HTML, html.replace("{origin}", seed.ORIGIN).encode())
            pages[f"/{name}/embed.js"] = (JS, _pointed(source, service.base))
        pages["/"] = pages[f"/{next(iter(builds))}"]
        host = _host(host_port, pages)
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                for _ in range(rounds):
                    for name in builds:
                        context = browser.new_context()  # a first visit each time
                        page = context.new_page()
                        page.goto(f"{host_origin}/{name}")
                        timing = page.evaluate(MEASURE)
                        samples[name].append(timing["painted"] - timing["embed_end"])
                        context.close()
                browser.close()
        finally:
            host.shutdown()
    return {name: round(statistics.median(times), 1) for name, times in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("other", help="the embed.js build to compare with static/embed.js")
    parser.add_argument("--rounds", type=int, default=15, help="loads of each build")
    args = parser.parse_args()
    builds = {
        "a": (ROOT / "static" / "embed.js").read_text(encoding="utf-8"),
        "b": Path(args.other).read_text(encoding="utf-8"),
    }
    workdir = Path(tempfile.mkdtemp(prefix="tertulia-paint-ab-"))
    url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    seed.seed(url, str(workdir), [100], False, [])
    medians = compare(url, workdir, builds, args.rounds)
    print(
        f"first paint, median of {args.rounds} alternating loads each: "
        f"A (static/embed.js) {medians['a']} ms, B ({args.other}) {medians['b']} ms"
    )


if __name__ == "__main__":
    main()
