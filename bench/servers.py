"""Start and stop the servers the benchmark measures, on 127.0.0.1 only, and drive wrk."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRK_DIR = Path(__file__).resolve().parent / "wrk"
PEERS = Path(os.environ.get("TERTULIA_PEERS", ROOT.parent / "shared" / "peers"))
ISSO_HOME = Path(os.environ.get("TERTULIA_ISSO_HOME", Path.home() / ".cache" / "tertulia-bench"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    # Our own nginx on the loopback has a certificate made up for the run.
    context = ssl._create_unverified_context() if url.startswith("https://127.0.0.1") else None
    with urllib.request.urlopen(request, timeout=30, context=context) as response:
        return response.status, response.read(), dict(response.headers)


def wait_until_up(url: str, process: subprocess.Popen | None = None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}) before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def tree_cpu_ticks(pid: int) -> int:
    """CPU time (clock ticks) of a process and its children (gunicorn's workers) so far."""
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    total = 0
    for each in [pid, *map(int, children)]:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total


class Gunicorn:
    """`gunicorn -w 2 -k sync` on a free loopback port, as the issue's figures were taken."""

    def __init__(self, target: str, env: dict[str, str], workers: int = 2, cwd: Path = ROOT):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "-w",
                str(workers),
                "-k",
                "sync",
                "-b",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                target,
            ],
            cwd=cwd,
            env={**os.environ, **env},
            start_new_session=True,
        )

    def __enter__(self) -> Gunicorn:
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def cpu_ticks(self) -> int:
        return tree_cpu_ticks(self.process.pid)


def drain(server, limit: float = 60) -> float:
    """Wait until the server stops working off requests wrk abandoned (peers' pitfall)."""
    began = time.monotonic()
    before = server.cpu_ticks()
    while time.monotonic() - began < limit:
        time.sleep(0.5)
        after = server.cpu_ticks()
        if after - before <= 2:
            break
        before = after
    return time.monotonic() - began


def wrk(url: str, connections: int, seconds: int, script: str = "report.lua", **env) -> dict:
    """One wrk run (2 threads); its JSON summary line."""
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(WRK_DIR / script),
        url,
    ]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
        timeout=seconds + 60,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


class Isso:
    """Isso 0.14 from PyPI under gunicorn -w 2, through the shared peer scripts."""

    def __init__(self) -> None:
        self.home = ISSO_HOME / "isso-peer"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "PEERS_DIR": str(self.home),
            "ISSO_PORT": str(self.port),
            "ISSO_SERVER": "gunicorn",
            "ISSO_WORKERS": "2",
            "ISSO_GUARD": "off",
            "FORCE_CONFIG": "1",
        }
        self.pid: int | None = None

    @staticmethod
    def available() -> bool:
        return (PEERS / "isso-setup.sh").exists() and shutil.which("bash") is not None

    def _run(self, script: str, *args: str) -> str:
        return subprocess.run(
            ["bash", str(PEERS / script), *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
            timeout=900,
        ).stdout

    def start(self, sizes: list[int]) -> None:
        self._run("isso-setup.sh")
        database = self.home / "isso-comments.db"
        database.unlink(missing_ok=True)  # our own folder: a fresh database each run
        self.pid = int(self._run("isso-start.sh").strip().splitlines()[-1])
        for size in sizes:
            subprocess.run(
                [
                    sys.executable,
                    str(PEERS / "seed-isso.py"),
                    "-n",
                    str(size),
                    "--uri",
                    f"/t{size}",
                    "--mode",
                    "sqlite",
                    "--db",
                    str(database),
                ],
                check=True,
                capture_output=True,
                timeout=600,
            )

    def cpu_ticks(self) -> int:
        return tree_cpu_ticks(self.pid) if self.pid else 0

    def stop(self) -> None:
        if self.pid is not None:
            subprocess.run(["bash", str(PEERS / "isso-stop.sh")], env=self.env, check=False)
            self.pid = None
