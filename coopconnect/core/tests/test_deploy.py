"""deploy/: the systemd units that run the whole service (web, task worker, periodic jobs)."""

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

DEPLOY = Path(settings.BASE_DIR) / "deploy"
MANAGE = re.compile(r"^/opt/coopconnect/\.venv/bin/python manage\.py (\S+)")


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((DEPLOY / name).read_text())
    return parser


def timers() -> dict[str, str]:
    """Return {management command: OnCalendar} for every timer shipped."""
    scheduled = {}
    for timer in sorted(DEPLOY.glob("*.timer")):
        service = unit(timer.with_suffix(".service").name)
        assert service["Service"]["Type"] == "oneshot", timer.name
        command = MANAGE.match(service["Service"]["ExecStart"])
        assert command, f"{timer.name}: its service runs no manage.py command"
        scheduled[command[1]] = unit(timer.name)["Timer"]["OnCalendar"]
    return scheduled


def test_the_periodic_jobs_are_scheduled():
    assert timers() == {
        "release_no_shows": "*:0/5",
        "send_booking_reminders": "*-*-* 17:00:00 Europe/Paris",
        "send_invoice_reminders": "*-*-* 09:00:00 Europe/Paris",
        "purge_expired_data": "*-*-* 03:30:00 Europe/Paris",
    }


def test_every_unit_runs_a_command_that_exists_with_the_same_environment():
    commands = get_commands()
    for path in sorted(DEPLOY.glob("*.service")):
        service = unit(path.name)["Service"]
        assert service["EnvironmentFile"] == "/etc/coopconnect/env", path.name
        assert service["User"] == "coopconnect" and service["WorkingDirectory"] == "/opt/coopconnect"
        if command := MANAGE.match(service["ExecStart"]):
            assert command[1] in commands, f"{path.name}: no command {command[1]}"
    assert unit("coopconnect-web.service")["Service"]["ExecStart"].startswith(
        "/opt/coopconnect/.venv/bin/gunicorn config.wsgi "
    )
    assert MANAGE.match(unit("coopconnect-worker.service")["Service"]["ExecStart"])[1] == "db_worker"


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_the_calendars_are_valid_for_systemd():
    for calendar in timers().values():
        result = subprocess.run(["systemd-analyze", "calendar", calendar], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
