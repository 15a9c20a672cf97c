"""The systemd units in deploy/systemd/ pass `systemd-analyze verify`, and say what
docs/deploy.md says they do (checked where systemd's tools are; skipped elsewhere); nginx's
port-80 server answers certbot's challenge."""

from __future__ import annotations

import configparser
import http.client
import shutil
import subprocess
from pathlib import Path

import pytest

import bench.nginx
from bench.nginx import HOST, Nginx, nginx_binary

ROOT = Path(__file__).resolve().parent.parent
UNITS = ROOT / "deploy" / "systemd"
ANALYZE = shutil.which("systemd-analyze")
needs_systemd = pytest.mark.skipif(
    ANALYZE is None, reason="systemd-analyze is not installed (no systemd on this machine)"
)


def _units() -> list[Path]:
    return sorted(path for path in UNITS.iterdir() if path.suffix in (".service", ".timer"))


def _installed(folder: Path) -> list[Path]:
    """The units as installed on this machine: the checkout stands for /srv/tertulia (its
    .venv has gunicorn and flask, which verify looks for) and an empty settings file."""
    settings = folder / "tertulia.env"
    settings.write_text("WIDGET_SECRET_KEY=not-a-real-one\n")
    copies = []
    for unit in _units():
        text = unit.read_text().replace("/srv/tertulia", str(ROOT))
        copy = folder / unit.name
        copy.write_text(text.replace("/etc/tertulia/tertulia.env", str(settings)))
        copies.append(copy)
    return copies


def _verify(*units: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [ANALYZE, "verify", "--man=no", *map(str, units)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_deploy_folder_has_the_web_and_mail_services_and_the_backup_timer():
    names = {unit.name for unit in _units()}
    assert names == {
        "tertulia.service",
        "tertulia-mail.service",
        "tertulia-backup.service",
        "tertulia-backup.timer",
    }


@needs_systemd
def test_systemd_analyze_verifies_every_unit(tmp_path):
    result = _verify(*_installed(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "tertulia" not in result.stderr, result.stderr  # no warning about our units either


@needs_systemd
def test_the_check_would_catch_a_broken_unit(tmp_path):
    broken = tmp_path / "broken.service"
    broken.write_text("[Service]\nExecStart=gunicorn app:app\nRestart=sometimes\n")
    assert _verify(broken).returncode != 0


def _read(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(UNITS / name)
    return parser


def test_what_the_units_run():
    web = _read("tertulia.service")["Service"]
    assert "gunicorn" in web["ExecStart"] and "127.0.0.1:8000" in web["ExecStart"]
    assert web["Environment"] == "PROMETHEUS_MULTIPROC_DIR=/run/tertulia/metrics"
    assert "tertulia/metrics" in web["RuntimeDirectory"]  # emptied at each start
    assert web["User"] == "tertulia" and web["ProtectSystem"] == "strict"
    mail = _read("tertulia-mail.service")["Service"]
    assert mail["ExecStart"].endswith("flask --app app mail worker")
    backup = _read("tertulia-backup.service")["Service"]
    assert "db backup" in backup["ExecStart"] and backup["Type"] == "oneshot"
    timer = _read("tertulia-backup.timer")
    assert timer["Timer"]["Persistent"] == "true" and "OnCalendar" in timer["Timer"]
    guide = (ROOT / "docs" / "deploy.md").read_text()
    for unit in _units():
        assert unit.name in guide, f"docs/deploy.md does not mention {unit.name}"


@pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed")
def test_nginx_answers_certbots_challenge_over_http_and_redirects_the_rest(tmp_path, monkeypatch):
    webroot = tmp_path / "webroot"
    (webroot / ".well-known" / "acme-challenge").mkdir(parents=True)
    (webroot / ".well-known" / "acme-challenge" / "t0ken").write_text("t0ken.thumbprint")
    conf = tmp_path / "tertulia.conf"
    conf.write_text(bench.nginx.CONF.read_text().replace("/var/www/html", str(webroot)))
    monkeypatch.setattr(bench.nginx, "CONF", conf)  # certbot's webroot, in the test's folder
    with Nginx(upstream=9, folder=tmp_path / "nginx") as nginx:

        def get(path: str) -> tuple[int, str | None, bytes]:
            connection = http.client.HTTPConnection("127.0.0.1", nginx.http_port, timeout=10)
            try:
                connection.request("GET", path, headers={"Host": HOST})
                answer = connection.getresponse()
                return answer.status, answer.getheader("Location"), answer.read()
            finally:
                connection.close()

        assert get("/.well-known/acme-challenge/t0ken") == (200, None, b"t0ken.thumbprint")
        status, location, _ = get("/api/threads?url=x")
        assert (status, location) == (301, f"https://{HOST}/api/threads?url=x")
