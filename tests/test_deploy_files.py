"""The systemd units in deploy/systemd/ pass `systemd-analyze verify`, and say what
docs/deploy.md says they do (checked where systemd's tools are; skipped elsewhere); the
guide's settings file reads the same to systemd and to sh; nginx's port-80 server answers
certbot's challenge."""

from __future__ import annotations

import configparser
import http.client
import os
import re
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
    for service in (web, mail, backup):
        # systemd sets the folder to this mode at every start (0755 unless told)
        assert service["StateDirectoryMode"] == "0750"
    timer = _read("tertulia-backup.timer")
    assert timer["Timer"]["Persistent"] == "true" and "OnCalendar" in timer["Timer"]
    guide = (ROOT / "docs" / "deploy.md").read_text()
    for unit in _units():
        assert unit.name in guide, f"docs/deploy.md does not mention {unit.name}"


# systemd's own parser of environment files, the one EnvironmentFile= uses (it is
# systemd-environment-d-generator's too, which prints what it read).
ENV_PARSER = "/usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator"


def _guide_settings() -> str:
    """The settings file of docs/deploy.md's step 2, as a reader copies it."""
    guide = (ROOT / "docs" / "deploy.md").read_text()
    step = guide[guide.index("**2. Settings**") :]
    return re.search(r"```sh\n(.*?)```", step, re.DOTALL).group(1)


def _assignments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_the_guides_settings_file_has_no_comment_after_a_value():
    # systemd reads `#` as a comment only at the start of a line: `X=1  # note` is "1  # note"
    for line in _assignments(_guide_settings()):
        assert re.fullmatch(r"WIDGET_[A-Z_]+=(\"[^\"]*\"|[^\s\"#]*)", line), line


@pytest.mark.skipif(not os.access(ENV_PARSER, os.X_OK), reason="systemd's env parser is absent")
def test_systemd_and_sh_read_the_guides_settings_file_alike(tmp_path):
    (tmp_path / "environment.d").mkdir()
    (tmp_path / "environment.d" / "50-tertulia.conf").write_text(_guide_settings())
    by_systemd = subprocess.run(
        [ENV_PARSER], env={"XDG_CONFIG_HOME": str(tmp_path)}, capture_output=True, text=True
    ).stdout
    script = "set -a; . ./environment.d/50-tertulia.conf; set +a; exec env"
    by_sh = subprocess.run(
        ["sh", "-c", script], cwd=tmp_path, env={}, capture_output=True, text=True
    )
    sh_values = dict(line.split("=", 1) for line in by_sh.stdout.splitlines() if "=" in line)
    names = [line.split("=", 1)[0] for line in _assignments(_guide_settings())]
    systemd_values = {}
    for line in by_systemd.splitlines():  # NAME=value, or NAME="value" when it has spaces
        name, _, value = line.partition("=")
        systemd_values[name] = value[1:-1] if value.startswith('"') else value
    assert {name: systemd_values.get(name) for name in names} == {
        name: sh_values.get(name) for name in names
    }
    assert sh_values["WIDGET_MAIL_FROM"] == "Comments <comments@example.org>"


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
