"""The benchmarks still run (their figures are printed, never asserted: machines are noisy)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_thread_benchmark_runs_and_prints_figures():
    result = subprocess.run(
        [sys.executable, "bench/thread_reads.py", "--sizes", "10,150", "--repeat", "3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "POST /api/comments" in result.stdout and "150" in result.stdout


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
