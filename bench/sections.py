"""The narrative sections of docs/performance.md, each from one part of a run's results."""

from __future__ import annotations


def paired(results: dict) -> list[str]:
    """How the targets' ratios were taken: alternating runs."""
    lines: list[str] = []
    paired = results.get("paired")
    if paired:
        lines += [
            "",
            "The ratios above are from alternating runs: the hello-world route and the "
            "service (and, with `--million`, the service on a database of a million comments) "
            "stay up side by side, nginx with deploy/nginx/tertulia.conf in front of the "
            "service, and each round runs wrk against each in turn (every other round in the "
            "reverse order, so that no line always follows the same one), so that the "
            "machine's load, which changes during a run, weighs on both sides of a ratio "
            "alike. Each ratio is the median of the rounds' own ratios. The line through "
            "nginx is measured twice: as browsers ask (`Accept-Encoding: gzip, deflate, br`, "
            "so nginx sends its copy of the Brotli page) and as wrk asks by default (no "
            "`Accept-Encoding`: the 57 KB of JSON, through TLS, every time).",
            "",
            "| alternating run | median req/s | median p99 ms | each round (req/s) |",
            "|---|---:|---:|---|",
            *[
                f"| {name} | {row['rps']:,.0f} | {row['p99_ms']:.1f} | "
                f"{', '.join(f'{r:,}' for r in row['rounds'])} |"
                for name, row in paired.items()
            ],
        ]
    return lines


def beside_isso(results: dict) -> list[str]:
    """Our thread reads beside Isso's."""
    lines: list[str] = []
    rps = lambda key: (results.get(key) or {}).get("rps")  # noqa: E731
    isso100 = rps("isso GET t100 c8")
    if isso100:
        lines += [
            "## Beside Isso 0.14",
            "",
            "| thread | Tertulia req/s | Isso req/s | × Isso |",
            "|---|---:|---:|---:|",
        ]
        for size in (10, 100, 1000):
            ours, theirs = rps(f"sqlite GET /api/threads t{size} c8"), rps(f"isso GET t{size} c8")
            if ours and theirs:
                lines.append(
                    f"| {size} comments, c=8 | {ours:,.0f} | {theirs:,.1f} "
                    f"| {ours / theirs:,.0f}× |"
                )
        lines.append("")
    return lines


def bytes_on_the_wire(results: dict) -> list[str]:
    """Response sizes, raw and compressed."""
    lines: list[str] = []
    sizes = results.get("sizes")
    if sizes:
        lines += [
            "## Bytes on the wire",
            "",
            "| response | raw | gzip | br |",
            "|---|---:|---:|---:|",
        ]
        for name, row in sizes.items():
            lines.append(f"| {name} | {row['identity']:,} | {row['gzip']:,} | {row['br']:,} |")
        lines.append("")
    return lines


def first_paint(results: dict) -> list[str]:
    """The widget's first paint in Chromium, and what was tried."""
    lines: list[str] = []
    paint = results.get("first_paint")
    if paint:
        lines += [
            "## First paint",
            "",
            f"Chromium, 100-comment thread, a first visit each time ({paint['loads']} loads): "
            f"the first comments are painted a median **{paint['median_ms']} ms** (worst "
            f"{paint['max_ms']} ms) after `embed.js` finished arriving (Performance API "
            "`responseEnd` to the frame after the first comment is in the shadow root). Of "
            f"that, a median {paint.get('until_fetch_median_ms', '?')} ms passed until the "
            f"thread was requested (the script compiling and starting), "
            f"{paint['thread_fetch_median_ms']} ms fetching it, and "
            f"{paint.get('render_median_ms', '?')} ms building and painting 100 comments.",
            "",
        ]
        if "floor_median_ms" in paint:
            lines += [
                "The floor, measured beside it as the hello-world route is beside the reads: "
                "the widget's shadow root as it was built (its style, the 100 comments, the "
                "form), copied out of a load and put back at once by a static script that "
                f"arrives as `embed.js` does, paints a median **{paint['floor_median_ms']} ms** "
                f"(worst {paint['floor_max_ms']} ms) after it arrives: what this browser on "
                "this machine needs to paint that DOM, with no fetch and no building. The "
                f"widget's own part is the difference, "
                f"{round(paint['median_ms'] - paint['floor_median_ms'], 1)} ms.",
                "",
            ]
        if paint["median_ms"] > 100:
            lines += [
                "The target is not met. The thread is requested before the widget builds "
                "anything, and the form and the author's tools wait in `embed-tools.js` until "
                "after the first paint. Marks placed in embed.js (one run, by hand) put our own "
                "work at about 10 ms to place the first comments once the JSON is parsed; most "
                "of the rest is Chromium's first style, layout and paint of the shadow root in "
                "a fresh headless context with software rendering. It is not the number of "
                "comments (placing 12 first and the rest a frame later painted no sooner), nor "
                "the container query, nor the font (both tried and measured: no change beyond "
                "the noise). What is left to try: a lighter first stylesheet, and measuring in a "
                "browser with a GPU, where readers are.",
                "",
            ]
    return lines


def posts(results: dict) -> list[str]:
    """Why posts fall short, when they do, with the post's profile."""
    lines: list[str] = []
    posts = results.get("sqlite POST /api/comments c8")
    post_profile = results.get("post_profile")
    if posts and posts["accepted_per_s"] < 300:
        lines += [
            "## Why posts fall short",
            "",
            "A post validates the payload and its form token, checks bans, counts the poster's "
            "stored comments for the duplicate check and every flood limit (one statement), "
            "renders Markdown and sanitises it, classifies it, inserts it and bumps the thread "
            "(at most 8 SQL statements, tests/test_statement_counts.py), and commits. The counts "
            "are exact because they are read under a write lock (SQLite: `BEGIN IMMEDIATE`), so "
            "posts are one at a time, whichever worker takes them; wrk posts from one address, "
            "so every post also counts all of the run's earlier posts.",
            "",
        ]
        if post_profile:
            lines += [
                f"In-process CPU per accepted post: **{post_profile['post_cpu_ms']} ms** "
                f"(at most {1000 / post_profile['post_cpu_ms'] * 2:.0f}/s on two cores, before "
                "the server, wrk and the lock take their share). Where it goes, by package:",
                "",
                "| package | share |",
                "|---|---:|",
                *[f"| {name} | {share}% |" for name, share in post_profile["by_package"]],
                "",
                "and our functions with the most time under them (share of the whole post):",
                "",
                "| function | share |",
                "|---|---:|",
                *[f"| `{name}` | {share}% |" for name, share in post_profile["ours"]],
                "",
            ]
    return lines


def read_profile(results: dict) -> list[str]:
    """Where a cached read's time goes."""
    lines: list[str] = []
    profile = results.get("profile")
    if profile:
        lines += [
            "## Where a cached read's time goes",
            "",
            f"In-process (the WSGI app called as gunicorn's worker calls it, limits on), CPU "
            f"per request: a cached read of the 100-comment thread **{profile['read_cpu_ms']} "
            f"ms**, the hello-world route **{profile['hello_cpu_ms']} ms**. cProfile's split "
            "of the read's own time:",
            "",
            "| package | share |",
            "|---|---:|",
            *[f"| {name} | {share}% |" for name, share in profile["by_package"]],
            "",
            "A cached read is answered before Flask's dispatch (`widget/web/fast_reads.py`): "
            "the parameters are checked by the same functions, the read is counted against "
            "the same limit (each worker counts locally and adds its reads to the shared "
            "counter in batches of 1% of the limit, `widget/web/read_limits.py`), the site, "
            "the thread's version and the sites counter come from the same one statement, "
            "and the stored bytes go out with the same ETag, CORS and cache headers. What is "
            "left is that statement, parsing the query and the URL, and the server's own "
            "work. Before this, flask-limiter's two passes over its limits (and its memory "
            "storage starting an expiry thread every 10 ms) and Flask's request and response "
            "objects, contexts and hooks took nine tenths of a read; `bench/wsgi_cost.py "
            "--instructions` counts the instructions of each (2.3 M per read before, 0.24 M "
            "after, beside 0.33 M for hello-world).",
            "",
        ]
    return lines


def reads_stay_cheap() -> list[str]:
    """How reads stay cheap (always printed)."""
    lines: list[str] = []
    lines += [
        "## How reads stay cheap",
        "",
        "- A thread read runs one SQL statement when nothing changed: the thread's version, "
        "published count and header, and the sites counter. The rendered page (JSON or HTML, "
        "and its gzip and Brotli forms) comes from the worker's memory; a write anywhere bumps "
        "the version, so every worker and instance renders afresh on the next read.",
        "- No count and no recursive query on reads: the published count and which deleted "
        "comments stay as placeholders are kept at write time.",
        "- The `ETag` is the version: revalidation is an empty 304. nginx in front with "
        "`deploy/nginx/tertulia.conf` keeps each public read for one second and answers "
        "revalidations itself (the line through nginx above; tests/test_proxy_cache.py); "
        "a CDN, with `WIDGET_READ_MAX_AGE` and `WIDGET_READ_STALE_WHILE_REVALIDATE`, "
        "absorbs spikes beyond one machine.",
        "",
        "Figures vary with what else runs on the machine (this one is shared by several jobs): "
        "rerun the benchmark on a quiet machine before comparing releases.",
        "",
    ]
    return lines


def word_lists(results: dict) -> list[str]:
    """What 3 word lists of 2,000 entries add to a post (bench/word_lists.py)."""
    result = results.get("word_lists")
    if not result:
        return []
    from bench.word_lists import line

    return ["## Word lists", "", line(result), ""]
