#!/usr/bin/env python3
"""Import speed and peak memory per format: comments per second, against a bare parse.

Writes the same synthetic comments (by default 60,000 on 600 posts: replies in chains of four,
pending and spam comments, a pingback per post, multi-paragraph text) as a WordPress export
(about 40 MB, bench/import_wxr.py's file), a Disqus export, Isso's database (`comments.db`),
Isso's generic JSON, a Remark42 backup (gzipped) and a Commento export, then for each runs
`flask --app app import COMMAND FILE` in a child process with a terminal on
its stderr (so the progress bar runs, as an operator sees it) on a fresh SQLite file, or on
PostgreSQL when WIDGET_TEST_DATABASE_URL is set (a schema of its own, dropped afterwards).
Prints, per format, comments imported per second, how many times a bare stdlib `iterparse`
pass over the WordPress file the import took, and the child's peak RSS. Asserts nothing.
`--write` puts the lines into docs/performance.md (its "Imports" section).

    .venv/bin/python bench/imports.py [--comments 60000] [--per-post 100] [--formats wordpress,…]

Formats: wordpress, disqus, isso-db, isso-json, remark42, commento (all by default).
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from xml.etree.ElementTree import iterparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_files  # noqa: E402  (the other formats' files, from the same comments)
import import_wxr  # noqa: E402  (the WXR writer, shared with the memory benchmark)

ROOT = Path(__file__).resolve().parent.parent
ORIGIN = import_wxr.ORIGIN
DOC = ROOT / "docs" / "performance.md"
MARK = "<!-- imports {backend}: bench/imports.py -->", "<!-- /imports {backend} -->"


# Format: (file name, writer, the import command, its options). Isso's threads are paths:
# `--site` places them, as an Isso owner does.
WRITERS = {
    "wordpress": ("wxr.xml", import_wxr.write_wxr, "wordpress", ()),
    "disqus": ("disqus.xml", import_files.write_disqus, "disqus", ()),
    "isso-db": ("comments.db", import_files.write_isso_db, "isso", ("--site", ORIGIN)),
    "isso-json": ("isso.json", import_files.write_isso_json, "isso", ("--site", ORIGIN)),
    "remark42": ("remark42.jsonl.gz", import_files.write_remark42, "remark42", ()),
    "commento": ("commento.json", import_files.write_commento, "commento", ()),
}


def best_iterparse(path: Path, runs: int) -> tuple[float, float]:
    """The fastest of `runs` bare parses (wall, CPU): what the machine can do, undisturbed."""
    return min((bare_iterparse(path) for _ in range(runs)), key=lambda figures: figures[0])


def bare_iterparse(path: Path) -> tuple[float, float]:
    """(seconds, CPU seconds) of a bare stdlib iterparse pass over the file, clearing each post."""
    started, cpu = time.perf_counter(), time.process_time()
    for _event, element in iterparse(path, events=("end",)):
        if element.tag == "item":
            element.clear()
    return time.perf_counter() - started, time.process_time() - cpu


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def run_child(env: dict, *args: str, terminal: bool = False) -> tuple[str, float, float, float]:
    """(stdout, seconds, CPU seconds, peak RSS in MB) of `flask --app app ARGS` in a child."""
    master = slave = None
    if terminal:  # stderr on a terminal: the import shows its progress bar
        master, slave = pty.openpty()
        threading.Thread(target=_drain, args=(master,), daemon=True).start()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "app", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=slave if terminal else err,
        )
        # wait4: this child's own peak RSS (KiB on Linux), not the largest of all children.
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if slave is not None:
            os.close(slave)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if child.returncode:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{stdout}\n{stderr}")
    return stdout, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def import_once(system: str, path: Path, folder: str) -> dict:
    """Import one file into a fresh database; the figures of that run."""
    _name, _writer, command, options = WRITERS[system]
    env = {**os.environ, "WIDGET_INSTANCE_PATH": folder, "WIDGET_SECRET_KEY": "bench"}
    schema = None
    if os.environ.get("WIDGET_TEST_DATABASE_URL"):
        schema = f"bench_import_{uuid.uuid4().hex[:8]}"
        url = os.environ["WIDGET_TEST_DATABASE_URL"]
        import_wxr._psql(url, f'CREATE SCHEMA "{schema}"')
        env["WIDGET_DATABASE_URL"] = f"{url}?options=-csearch_path%3D{schema}"
    else:
        # A fresh file per run (the best of several runs imports the same file again).
        env["WIDGET_DATABASE_URL"] = f"sqlite:///{folder}/{system}-{uuid.uuid4().hex[:8]}.sqlite3"
    try:
        run_child(env, "db", "upgrade")
        run_child(env, "sites", "add", ORIGIN)
        out, seconds, cpu, peak = run_child(
            env, "import", command, str(path), *options, terminal=True
        )
    finally:
        if schema:
            import_wxr._psql(
                os.environ["WIDGET_TEST_DATABASE_URL"], f'DROP SCHEMA "{schema}" CASCADE'
            )
    found = re.search(r"^Comments imported: (\d+)", out, re.M)
    imported = int(found.group(1)) if found else 0
    return {"imported": imported, "seconds": seconds, "cpu": cpu, "peak_mb": peak}


def best_import(system: str, path: Path, folder: str, runs: int) -> dict:
    """The fastest of `runs` imports, each into a fresh database (as timeit takes the best:
    the machine is shared, and another tenant's moment is not the import's cost)."""
    return min((import_once(system, path, folder) for _ in range(runs)), key=lambda f: f["seconds"])


def line(system: str, figures: dict, size: int, baseline: tuple[float, float]) -> str:
    """Wall time as an operator sees it; CPU time too, the fair figure on a shared machine
    (both the import's and the bare parse's: Python and Flask's start included)."""
    rate = figures["imported"] / figures["seconds"] if figures["seconds"] else 0.0
    cpu_rate = figures["imported"] / figures["cpu"] if figures["cpu"] else 0.0
    return (
        f"{system}: {figures['imported']:,} comments from {size / 1e6:.1f} MB in "
        f"{figures['seconds']:.1f} s: {rate:,.0f} comments/s, "
        f"{figures['seconds'] / baseline[0]:.1f}× a bare iterparse of the WXR "
        f"({baseline[0]:.2f} s); "
        f"CPU {figures['cpu']:.1f} s: {cpu_rate:,.0f} comments/s, "
        f"{figures['cpu'] / baseline[1]:.1f}× the parse's CPU ({baseline[1]:.2f} s); "
        f"peak RSS {figures['peak_mb']:.0f} MB"
    )


def write_doc(lines: list[str], backend: str, comments: int, runs: int) -> None:
    """Replace the backend's Imports section of docs/performance.md (added at its end)."""
    start, end = (mark.format(backend=backend) for mark in MARK)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = "\n".join(
        [
            start,
            f"## Imports ({backend})",
            "",
            f"Produced by `python3 bench/imports.py --write` on {stamp} ({comments:,} comments; "
            f"load average {load}; each figure the best of {runs} runs). Targets: WordPress "
            "≥ 3,000 comments/s and ≤ 20× a bare `iterparse` pass on SQLite (≤ 40× on "
            "PostgreSQL), peak memory ≤ 400 MB.",
            "",
            *[f"- {text}" for text in lines],
            end,
        ]
    )
    text = DOC.read_text() if DOC.exists() else ""
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    DOC.write_text(text + ("" if text.endswith("\n") else "\n"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=60_000)
    parser.add_argument("--per-post", type=int, default=100)
    parser.add_argument("--formats", default=",".join(WRITERS))
    parser.add_argument("--runs", type=int, default=2, help="runs per figure; the best counts")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    backend = "PostgreSQL" if os.environ.get("WIDGET_TEST_DATABASE_URL") else "SQLite"
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        wxr = Path(folder) / WRITERS["wordpress"][0]
        import_wxr.write_wxr(wxr, args.comments, args.per_post)
        baseline = best_iterparse(wxr, max(args.runs, 3))
        print(
            f"bare iterparse of the WXR ({wxr.stat().st_size / 1e6:.1f} MB): "
            f"{baseline[0]:.2f} s, CPU {baseline[1]:.2f} s"
        )
        for system in args.formats.split(","):
            name, writer, _command, _options = WRITERS[system]
            path = Path(folder) / name
            if not path.exists():
                writer(path, args.comments, args.per_post)
            figures = best_import(system, path, folder, args.runs)
            lines.append(line(system, figures, path.stat().st_size, baseline))
            print(f"{backend} " + lines[-1], flush=True)
    if args.write:
        write_doc(lines, backend, args.comments, args.runs)


if __name__ == "__main__":
    main()
