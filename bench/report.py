"""The benchmark's table and docs/performance.md, from the results of one run."""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from bench import prescreen, sections

EMBED_BUDGET = 8192


def _get(results: dict, key: str) -> dict | None:
    return results.get(key)


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a and b else "—"


def table(results: dict) -> str:
    """One line per wrk run: requests/s, p50 and p99 (ms), and the ratio to the ceiling."""
    ceilings = {c: (_get(results, f"hello GET / c{c}") or {}).get("rps") for c in (8, 32)}
    lines = [
        "| run | req/s | p50 ms | p99 ms | × ceiling | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key, row in results.items():
        if not isinstance(row, dict) or "rps" not in row:
            continue
        connections = int(key.rsplit(" c", 1)[1]) if " c" in key else 8
        errors = sum(row.get(k, 0) for k in ("err_connect", "err_read", "err_write", "err_timeout"))
        errors += row.get("err_status", 0)
        rps = row.get("accepted_per_s") if "accepted_per_s" in row else row["rps"]
        lines.append(
            f"| {key} | {rps:,.0f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} "
            f"| {_ratio(rps, ceilings.get(connections))} | {errors} |"
        )
    return "\n".join(lines)


def machine(results: dict) -> list[str]:
    memory = "?"
    try:
        with open("/proc/meminfo") as info:
            kb = int(info.readline().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(
                line.split(":", 1)[1].strip() for line in info if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    sqlite = subprocess.run(
        ["python3", "-c", "import sqlite3; print(sqlite3.sqlite_version)"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return [
        f"- CPUs (`nproc`): {os.cpu_count()} — {cpu}",
        f"- Memory: {memory}",
        f"- Python {platform.python_version()}, SQLite {sqlite}, {platform.platform()}",
        f"- Load average when the run ended: {load} (other work on the machine skews every figure)",
        *(
            [
                f"- The run was at `nice {results['niceness']}`, ahead of the other work on the "
                "machine (the service, wrk and Chromium inherit it)"
            ]
            if results.get("niceness", 0) < 0
            else []
        ),
    ]


# The alternating runs' names for the lines the targets compare.
PAIRED_NAMES = {
    "hello GET / c8": "hello c8",
    "hello GET / c32": "hello c32",
    "sqlite GET /api/threads t100 c8": "t100 c8",
    "sqlite GET /api/threads t100 c32": "t100 c32",
    "sqlite GET /api/threads t10000 c8": "t10000 c8",
    "sqlite GET /api/threads t100 in 1M c8": "t100 in 1M c8",
    "nginx GET /api/threads t100 c8": "t100 via nginx c8",
    "nginx GET /api/threads t100 br c8": "t100 via nginx br c8",
}


def _lookups(results: dict):
    """(p99 of a line, ratio of two lines' req/s): from the alternating runs when the run
    made them (bench_paired), each ratio the median of the rounds' own; else the single runs."""
    paired = results.get("paired")

    def row(key: str) -> dict:
        if paired:
            return paired.get(PAIRED_NAMES.get(key, key)) or {}
        return results.get(key) or {}

    def p99(key: str) -> float | None:
        return row(key).get("p99_ms")

    def ratio(top: str, bottom: str) -> float | None:
        tops, bottoms = row(top).get("rounds") or [], row(bottom).get("rounds") or []
        if tops and len(tops) == len(bottoms) and all(bottoms):
            return statistics.median(a / b for a, b in zip(tops, bottoms, strict=True))
        above, below = row(top).get("rps"), row(bottom).get("rps")
        return above / below if above and below else None

    return p99, ratio


def _targets(results: dict) -> list[tuple[str, str, bool | None]]:
    """(target, what was measured, held?) for each target (issues 9 and 22)."""
    p99, ratio = _lookups(results)
    rows: list[tuple[str, str, bool | None]] = []
    read = ratio("sqlite GET /api/threads t100 c8", "hello GET / c8")
    if read:
        rows.append(("100-comment read ≥ 0.6× hello-world (c=8)", f"{read:.2f}×", read >= 0.6))
    big = ratio("sqlite GET /api/threads t10000 c8", "sqlite GET /api/threads t100 c8")
    if big:
        rows.append(("first page of 10,000 ≥ 0.9× the 100-comment read", f"{big:.2f}×", big >= 0.9))
    p_read, p_hello = p99("sqlite GET /api/threads t100 c32"), p99("hello GET / c32")
    if p_read and p_hello:
        bound = 2 * p_hello + 5
        rows.append(
            (
                "p99 at c=32 ≤ 2× hello's + 5 ms",
                f"{p_read:.1f} ms (bound {bound:.1f} ms)",
                p_read <= bound,
            )
        )
    # Through nginx as a browser asks (Accept-Encoding: gzip, deflate, br), and, beside it,
    # as wrk asks by default (no Accept-Encoding: 57 KB of JSON through TLS every time).
    proxied = ratio("nginx GET /api/threads t100 br c8", "hello GET / c8")
    identity = ratio("nginx GET /api/threads t100 c8", "hello GET / c8")
    if proxied or identity:
        held = proxied if proxied else identity
        rows.append(
            (
                "100-comment read through nginx ≥ 3× hello-world served directly (c=8)",
                f"{proxied:.2f}× as browsers ask (Brotli); {identity:.2f}× uncompressed"
                if proxied and identity
                else f"{held:.2f}×",
                held >= 3,
            )
        )
    million = ratio("sqlite GET /api/threads t100 in 1M c8", "sqlite GET /api/threads t100 c8")
    if million:
        rows.append(
            (
                "100-comment read with 1M in the database ≥ 0.85×",
                f"{million:.2f}×",
                million >= 0.85,
            )
        )
    else:
        rows.append(
            ("100-comment read with 1M in the database ≥ 0.85×", "not run (`--million`)", None)
        )
    for label, name, floor in (("SQLite", "sqlite", 300), ("PostgreSQL", "postgresql", 250)):
        posts = results.get(f"{name} POST /api/comments c8")
        if posts:
            own = posts["own_comment"] and posts["markers_unique"] and not posts["refused"]
            rows.append(
                (
                    f"≥ {floor} accepted comments/s on {label} at c=8, each answer its own comment",
                    f"{posts['accepted_per_s']:.0f}/s; "
                    f"own comment in every answer: {'yes' if own else 'NO'}",
                    posts["accepted_per_s"] >= floor and own,
                )
            )
    sizes = results.get("sizes", {}).get("embed.js")
    if sizes:
        rows.append(
            ("embed.js ≤ 8,192 B gzipped", f"{sizes['gzip']:,} B", sizes["gzip"] <= EMBED_BUDGET)
        )
    tools = results.get("sizes", {}).get("embed-tools.js")
    if sizes and tools:
        both = sizes["gzip"] + tools["gzip"]
        rows.append(
            (
                "embed.js + embed-tools.js (loaded after the first paint) < 14 KiB gzipped",
                f"{both:,} B",
                both < 14 * 1024,
            )
        )
    paint = results.get("first_paint")
    if paint:
        rows.append(
            (
                "first comments painted ≤ 100 ms after embed.js arrives",
                f"{paint['median_ms']} ms (median of {paint['loads']})"
                + (
                    f"; the browser's floor for that DOM here: {paint['floor_median_ms']} ms"
                    if "floor_median_ms" in paint
                    else ""
                ),
                paint["median_ms"] <= 100,
            )
        )
    rows.append(
        (
            "cached read ≤ 1 statement, miss ≤ 3, post ≤ 8",
            "tests/test_statement_counts.py (SQLite and PostgreSQL)",
            None,
        )
    )
    return rows


def target_lines(results: dict) -> list[str]:
    """The targets that a run measured, one line each (bench/run.py --only)."""
    return [
        f"{target}: {measured} ({'holds' if held else 'does not hold'})"
        for target, measured, held in _targets(results)
        if held is not None
    ]


def markdown(results: dict, args) -> str:
    """docs/performance.md."""
    now = results.get("finished_at") or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    rps = lambda key: (results.get(key) or {}).get("rps")  # noqa: E731
    lines = [
        "# Performance",
        "",
        f"Produced by `python3 scripts/dev.py bench` on {now}; "
        f"{results.get('elapsed_s', '?')} s in all.",
        "Do not edit by hand: run the benchmark again.",
        "",
        *([f"**{results['note']}**", ""] if results.get("note") else []),
        "Each figure is one `wrk -t2 -cN -d"
        + str(results.get("seconds", args.seconds))
        + "s` run on 127.0.0.1 against "
        "`gunicorn -w 2 -k sync`, with the service's defaults: rate limits on (memory "
        "storage, as shipped), their allowances raised for the benchmark's one address "
        "(`WIDGET_READ_RATE_LIMIT`, `WIDGET_WRITE_ATTEMPT_RATE_LIMIT`, `WIDGET_POST_RATE_LIMIT`: "
        "wrk is one client), after waiting until the "
        "previous run's abandoned requests are worked off. The hello-world Flask route under the "
        "same gunicorn is the machine's ceiling; Isso 0.14 from PyPI, under the same gunicorn "
        "settings with its guard off, is the peer, on threads of the same shape (every fourth "
        "comment a reply, ~230 characters of Markdown each).",
        "",
        "## The machine",
        "",
        *(results.get("machine") or machine(results)),
        "",
        "## Targets",
        "",
        "| target | measured | holds |",
        "|---|---|---|",
    ]
    for target, measured, held in _targets(results):
        mark = "yes" if held else ("no" if held is False else "—")
        lines.append(f"| {target} | {measured} | {mark} |")
    lines += sections.paired(results)
    lines += ["", "## Every run", "", table(results), ""]
    lines += sections.beside_isso(results)
    lines += sections.bytes_on_the_wire(results)
    lines += sections.first_paint(results)
    lines += sections.posts(results)
    lines += prescreen.lines(results)
    lines += sections.read_profile(results)
    lines += sections.word_lists(results)
    if rps("sqlite GET /api/threads t100 c8") and not rps("isso GET t100 c8"):
        lines += [
            "Isso was not measured in this run (`--no-isso`, or ../shared/peers missing).",
            "",
        ]
    lines += sections.reads_stay_cheap()
    return "\n".join(lines)


def write(out: Path, text: str) -> None:
    """Write docs/performance.md, keeping the sections bench/imports.py wrote (it runs apart)."""
    old = out.read_text() if out.exists() else ""
    found = re.findall(r"<!-- imports \w+: bench/imports.py -->.*?<!-- /imports \w+ -->", old, re.S)
    out.write_text(text + "".join(f"\n{kept}\n" for kept in found))
