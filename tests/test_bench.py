"""The benchmarks run and print sound figures (never compared with a time: machines are noisy)."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CELL = r"\s+(\d+\.\d+) /\s+(\d+\.\d+)"  # "median / p95" in milliseconds


def test_the_thread_benchmark_prints_a_row_per_size_and_the_post_line():
    result = subprocess.run(
        [sys.executable, "bench/thread_reads.py", "--sizes", "10,150", "--repeat", "3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = {
        int(found.group(1)): [float(value) for value in found.groups()[1:]]
        for found in re.finditer(rf"^\s*(\d+){CELL}{CELL}{CELL}\s*$", result.stdout, re.M)
    }
    assert sorted(rows) == [10, 150], result.stdout
    for figures in rows.values():
        medians, p95s = figures[::2], figures[1::2]
        assert all(0 < m <= p for m, p in zip(medians, p95s, strict=True)), result.stdout
    post = re.search(r"^POST /api/comments .*: (\d+\.\d+) / (\d+\.\d+) ms$", result.stdout, re.M)
    assert post and 0 < float(post.group(1)) <= float(post.group(2)), result.stdout


def test_the_import_benchmark_runs_and_prints_peak_memory():
    result = subprocess.run(
        [sys.executable, "bench/import_wxr.py", "--comments", "200", "--per-post", "50"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Comments imported: 196" in result.stdout and "peak RSS" in result.stdout


def test_the_benchmark_report_checks_every_target():
    """docs/performance.md's target table, from a made-up run (no servers started)."""
    from bench import report

    run = {"rps": 100.0, "p50_ms": 1.0, "p99_ms": 3.0}
    results = {
        "hello GET / c8": {**run, "rps": 1000.0},
        "hello GET / c32": {**run, "rps": 1000.0, "p99_ms": 10.0},
        "sqlite GET /api/threads t100 c8": {**run, "rps": 600.0},
        "sqlite GET /api/threads t100 c32": {**run, "p99_ms": 30.0},
        "sqlite GET /api/threads t10000 c8": {**run, "rps": 500.0},
        "sqlite POST /api/comments c8": {
            **run,
            "accepted_per_s": 320.0,
            "own_comment": True,
            "markers_unique": True,
            "refused": 0,
        },
        "sizes": {"embed.js": {"identity": 24000, "gzip": 8100, "br": 7000}},
        "first_paint": {"loads": 7, "median_ms": 40.0, "max_ms": 60.0, "thread_fetch_median_ms": 5},
    }
    results["nginx GET /api/threads t100 c8"] = {**run, "rps": 3500.0}
    results["postgresql POST /api/comments c8"] = {
        **results["sqlite POST /api/comments c8"],
        "accepted_per_s": 240.0,
    }
    held = {target: ok for target, _, ok in report._targets(results)}
    assert held["100-comment read ≥ 0.6× hello-world (c=8)"] is True
    assert held["p99 at c=32 ≤ 2× hello's + 5 ms"] is False  # 30 > 2 × 10 + 5
    assert held["first page of 10,000 ≥ 0.9× the 100-comment read"] is False  # 500/600
    assert held["100-comment read through nginx ≥ 3× hello-world served directly (c=8)"]
    assert held["≥ 300 accepted comments/s on SQLite at c=8, each answer its own comment"]
    assert not held["≥ 250 accepted comments/s on PostgreSQL at c=8, each answer its own comment"]
    assert held["embed.js ≤ 8,192 B gzipped"] is True
    text = report.markdown(results, type("Args", (), {"seconds": 5})())
    assert "| 100-comment read ≥ 0.6× hello-world (c=8) | 0.60× | yes |" in text
    assert "rate limits on" in text


def test_the_model_benchmark_scores_the_sample_and_names_a_candidate_it_could_not_run():
    """bench/prescreen_models.py: a row of figures for the shipped model (the compact form),
    and a candidate not installed in this interpreter listed as not run, with why."""
    from importlib import metadata

    result = subprocess.run(
        [sys.executable, "bench/prescreen_models.py", "--only", "tertulia,glin-profanity"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    version = re.escape(metadata.version("alt-profanity-check"))
    number = r"\s*\d+\.\d+\s*"
    figures = rf"({number}\|){{3}}\s*\d+ \|{number}\|{number}\| \d+ \(\d+\) \|"
    row = rf"^\| tertulia \| {version} \|{figures}$"
    assert re.search(row, result.stdout, re.M), result.stdout
    assert "| glin-profanity | not run here: ModuleNotFoundError" in result.stdout
