"""Beside the apps a municipality runs: install the addon into a database that already
has CRM, Project, Employees, Website, SMS, Calendar and Surveys with their demo data,
and run its whole test suite there; any warning or error in that log fails it (view
conflicts, menu clashes, field clashes on res.partner, rules hiding other records).

The database with those apps comes from a cache of templates (click-odoo-initdb, OCA's
tool), so that only the first run pays for installing them."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from . import settings
from .errors import SetupError, say
from .judge import run_judged
from .odoo_cli import odoo_command, test_options
from .odoo_source import addons_paths
from .postgres import database_server, drop_database

BESIDE_DB = "mm_beside"
OTHER_APPS = ("crm", "project", "hr", "website", "sms", "calendar", "survey")


def beside_test(odoo_src):
    standard = [p for p in addons_paths(odoo_src) if p != settings.REPO]
    with database_server() as connection, tempfile.TemporaryDirectory() as tmp:
        drop_database(connection, BESIDE_DB)
        say(f"A database with {', '.join(OTHER_APPS)} (from the template cache after a first run)")
        _initdb(odoo_src, connection, standard, Path(tmp))
        say(f"Installing {settings.ADDON} beside them and running its tests")
        cmd = odoo_command(odoo_src, connection, BESIDE_DB, *test_options())
        return run_judged(cmd, "beside")


def _initdb(odoo_src, connection, addons, tmp):
    config = tmp / "odoo.conf"
    lines = ["[options]", "addons_path = " + ",".join(map(str, addons))]
    lines += [option[2:].replace("=", " = ", 1) for option in connection.odoo_options()]
    config.write_text("\n".join(lines) + "\n")
    log = settings.LOGS / "beside-apps.log"
    settings.LOGS.mkdir(parents=True, exist_ok=True)
    cmd = [
        str(Path(sys.executable).parent / "click-odoo-initdb"),
        f"--config={config}",
        f"--new-database={BESIDE_DB}",
        "--modules=" + ",".join(OTHER_APPS),
        "--cache-prefix=mmapps",
        "--cache-max-age=30",
        "--cache-max-size=2",
        f"--logfile={log}",
    ]
    env = dict(os.environ, PYTHONPATH=str(odoo_src))
    if subprocess.run(cmd, env=env, cwd=tmp, check=False).returncode != 0:
        raise SetupError(f"Installing the other apps failed; see {log}")
