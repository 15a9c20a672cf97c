#!/usr/bin/env python3
"""Set up the checkout and run it: `serve` (the service and its demo), `test`, or `bench`.

Needs nothing but python3: it makes a virtual environment in .venv, installs
the project into it (again only when pyproject.toml changed), installs
Chromium for the browser tests and nginx for the proxy test when they are
missing, and runs the command.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
CHROMIUM = Path("/usr/bin/chromium")
EXTRAS = {
    "serve": "postgres,redis",
    "test": "test,postgres,redis,server",
    "bench": "test,postgres,redis,server",
}


def run(*command: str | Path, **kwargs) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT, **kwargs)


def ensure_venv(extras: str) -> None:
    """Create .venv and install the project with `extras`, unless already current."""
    if not PYTHON.exists():
        run(sys.executable, "-m", "venv", VENV)
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras.replace(',', '-')}"
    if stamp.exists() and stamp.read_text() == wanted:
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--editable", f".[{extras}]")
    stamp.write_text(wanted)


def build_translations() -> None:
    """Compile the catalogues and the widget's language files (generated, not committed)."""
    subprocess.run(
        [str(BIN / "tertulia"), "i18n", "build"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )


def ensure_chromium() -> None:
    """Debian's Chromium for Playwright (never `playwright install`: no CDN here)."""
    if CHROMIUM.exists():
        return
    apt_install("chromium", "fonts-noto-core")


def apt_install(*packages: str) -> None:
    """Install Debian packages (as root, or through sudo)."""
    if shutil.which("apt-get") is None:
        sys.exit(f"Please install {', '.join(packages)}: apt-get is not available here.")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(*sudo, "apt-get", "update", "-qq", env=env)
    run(*sudo, "apt-get", "install", "-y", "-qq", *packages, env=env)


def ensure_nginx() -> None:
    """Debian's nginx, for the test of deploy/nginx/tertulia.conf and the benchmark's line
    through the proxy. Installed, never started as a service: the test runs its own."""
    if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
        return
    apt_install("nginx", "openssl")


def ensure_node_tools() -> None:
    """axe-core for the accessibility tests, from the npm registry (locked version)."""
    folder = ROOT / "tests" / "browser"
    if (folder / "node_modules" / "axe-core").exists():
        return
    if shutil.which("npm") is None:
        apt_install("npm")
    run("npm", "ci", "--no-audit", "--no-fund", "--prefix", folder)


def serve(args: list[str]) -> int:
    """The comment service and its demo news site, each on its own port."""
    parser = argparse.ArgumentParser(
        prog="python3 scripts/dev.py serve",
        description="Install everything into .venv, then serve the comment service and a demo "
        "news site (The Border Ledger) that embeds it from another origin. Every address "
        "follows the ports: the widget's, the demo's, and the links in the mail it prints.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="the comment service's port (8080)")
    parser.add_argument(
        "--demo-port", type=int, default=8081, help="the demo news site's port (8081)"
    )
    options = parser.parse_args(args)
    ensure_venv(EXTRAS["serve"])
    build_translations()
    # No SMTP server needed: the demo prints its mail (confirmations, replies) right here.
    env = {
        "WIDGET_SMTP_URL": "console://",
        **os.environ,
        "WIDGET_PUBLIC_URL": f"http://{options.host}:{options.port}",
    }
    command = [str(BIN / "tertulia"), "demo", "--host", options.host]
    command += ["--port", str(options.port), "--demo-port", str(options.demo_port)]
    return subprocess.call(command, cwd=ROOT, env=env)


def test(args: list[str]) -> int:
    ensure_venv(EXTRAS["test"])
    ensure_chromium()
    ensure_nginx()
    ensure_node_tools()
    build_translations()
    return subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT)


def bench(args: list[str]) -> int:
    """The benchmark (bench/run.py): wrk against gunicorn, beside hello-world and Isso."""
    ensure_venv(EXTRAS["bench"])
    ensure_chromium()
    ensure_nginx()
    if shutil.which("wrk") is None:
        apt_install("wrk")
    return subprocess.call([str(PYTHON), "bench/run.py", *args], cwd=ROOT)


def main() -> int:
    commands = {"serve": serve, "test": test, "bench": bench}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        print("usage: python3 scripts/dev.py serve|test|bench [arguments…]")
        print("       python3 scripts/dev.py serve --help   (ports, host)")
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
