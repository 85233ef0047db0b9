"""The addon as OCA ships it: a wheel built with whool (from the files under git
control), and a check that the wheel alone is enough, beside the apps a municipality
runs: installed into a virtual environment of its own, with an addons path and a
working directory that know nothing of this repository, it installs into a database
that already has CRM, Project, Employees, Website, SMS, Calendar and Surveys with their
demo data, and OCA's l10n_nl_bsn and partner_contact_birthdate, and its whole test
suite passes there. Any warning or error in that log fails it: a file left out of the
wheel, view conflicts, menu clashes, field clashes on res.partner, rules hiding other
records.

The database with those apps comes from a cache of templates (click-odoo-initdb, OCA's
tool), so that only the first run pays for installing them."""

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from . import click_odoo, settings
from .errors import SetupError, say
from .judge import run_judged
from .odoo_cli import odoo_command, test_options
from .odoo_source import addons_paths
from .postgres import database_server, drop_database

DIST = settings.CACHE / "dist"
WHEEL_DB = "mm_wheel"
# l10n_nl_bsn and partner_contact_birthdate: OCA's BSN and birth date on contacts
# (tools/requirements-addons.txt), which the addon searches by where they are installed
# (tests/test_resident_search.py)
OTHER_APPS = (
    *("crm", "project", "hr", "website", "sms", "calendar", "survey"),
    *("l10n_nl_bsn", "partner_contact_birthdate"),
)


def wheel(_odoo_src):
    say(f"Built {build_wheel()}")
    return 0


def build_wheel():
    shutil.rmtree(DIST, ignore_errors=True)
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    cmd += ["--wheel-dir", str(DIST), str(settings.REPO / settings.ADDON)]
    if subprocess.run(cmd, check=False).returncode != 0:
        raise SetupError("Building the wheel failed.")
    [built] = DIST.glob(f"odoo_addon_{settings.ADDON}-*.whl")
    return built


def wheel_check(odoo_src):
    built = build_wheel()
    with tempfile.TemporaryDirectory(prefix="mm-wheel-") as tmp:
        python, site_packages = _venv_with_odoo_requirements(Path(tmp) / "venv")
        say(f"Installing {built.name} into a virtual environment of its own")
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(built)], check=True
        )
        # Odoo's standard addons only: the addon must come from the wheel
        standard = [p for p in addons_paths(odoo_src) if p != settings.REPO]
        with database_server() as connection:
            drop_database(connection, WHEEL_DB)
            say(f"A database with {', '.join(OTHER_APPS)} (from the template cache)")
            click_odoo.initdb(odoo_src, connection, WHEEL_DB, OTHER_APPS, addons=standard)
            cmd = odoo_command(
                odoo_src, connection, WHEEL_DB, *test_options(), python=python, addons=standard
            )
            status = run_judged(cmd, "wheel", cwd=tmp, env=_clean_env())
        return status or _check_loaded_from(site_packages)


def _venv_with_odoo_requirements(path):
    """A new virtual environment that sees the development one's packages (Odoo's
    requirements) through a .pth file, but not this repository."""
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    python = path / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "odoo-requirements.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python, Path(purelib)


def _clean_env():
    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


def _check_loaded_from(site_packages):
    """The log's addons paths must name the wheel's location, not the repository."""
    [log] = sorted(settings.LOGS.glob("wheel-*.log"))[-1:]
    paths_line = next(line for line in log.open() if "addons paths:" in line)
    if str(site_packages / "odoo" / "addons") not in paths_line or str(settings.REPO) in paths_line:
        say(f"[wheel] FAILED: the addon was not loaded from the wheel: {paths_line.strip()}")
        return 1
    say("[wheel] the addon was loaded from the wheel, not from the repository")
    return 0
