"""deploy/nginx/tertulia.conf, run by Debian's nginx on the loopback in front of a service.

For tests/test_proxy_cache.py and the benchmark's line through the proxy. The deploy file
is used as it is, except for what only a machine knows: the ports, the certificate (a
self-signed one, made here with openssl), the cache folder. nginx runs in the foreground
in a folder of its own, with a main configuration that includes the file as
/etc/nginx/nginx.conf includes conf.d/.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "deploy" / "nginx" / "tertulia.conf"
HOST = "comments.example.org"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def adapt(text: str, upstream: int, port: int, http_port: int, folder: Path) -> str:
    """The deploy file with this machine's ports, certificate and cache folder."""
    replacements = [
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{port} ssl http2;"),
        ("    listen [::]:443 ssl http2;\n", ""),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("    listen [::]:80;\n", ""),
        ("/var/cache/nginx/tertulia", str(folder / "cache")),
        (f"/etc/letsencrypt/live/{HOST}/fullchain.pem", str(folder / "cert.pem")),
        (f"/etc/letsencrypt/live/{HOST}/privkey.pem", str(folder / "key.pem")),
    ]
    for old, new in replacements:
        if old not in text:
            raise ValueError(f"deploy/nginx/tertulia.conf no longer has {old.strip()!r}")
        text = text.replace(old, new)
    return text


def _main_conf(folder: Path) -> str:
    """What /etc/nginx/nginx.conf gives the file on Debian, in a folder of our own."""
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, nginx's workers would become `nobody`, who cannot enter pytest's folders.
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""{user}
worker_processes 2;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder / "access.log"};
{temp}
    include {folder / "tertulia.conf"};
}}
"""


class Nginx:
    """nginx with deploy/nginx/tertulia.conf in front of 127.0.0.1:`upstream`."""

    def __init__(self, upstream: int, folder: Path) -> None:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed (python3 scripts/dev.py test installs it)")
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.port, self.http_port = _free_port(), _free_port()
        self.base = f"https://127.0.0.1:{self.port}"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
            + ["-subj", f"/CN={HOST}", "-keyout", str(folder / "key.pem")]
            + ["-out", str(folder / "cert.pem")],
            check=True,
            capture_output=True,
        )
        (folder / "tertulia.conf").write_text(
            adapt(CONF.read_text(), upstream, self.port, self.http_port, folder)
        )
        (folder / "nginx.conf").write_text(_main_conf(folder))
        command = [binary, "-p", str(folder), "-c", str(folder / "nginx.conf")]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
        if checked.returncode != 0:
            raise RuntimeError(f"nginx -t refused the configuration:\n{checked.stderr}")
        self.process = subprocess.Popen(
            [*command, "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self._wait_until_up()

    def _wait_until_up(self, seconds: float = 15) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.process.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start in time")

    def error_log(self) -> str:
        path = self.folder / "error.log"
        return path.read_text() if path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process.stderr:
            self.process.stderr.close()

    def __enter__(self) -> Nginx:
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()
