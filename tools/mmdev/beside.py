"""Beside the apps a municipality runs: install the addon into a database that already
has CRM, Project, Employees, Website, SMS, Calendar and Surveys with their demo data,
and run its whole test suite there; any warning or error in that log fails it (view
conflicts, menu clashes, field clashes on res.partner, rules hiding other records).

The database with those apps comes from a cache of templates (click-odoo-initdb, OCA's
tool), so that only the first run pays for installing them."""

from . import click_odoo, settings
from .errors import say
from .judge import run_judged
from .odoo_cli import odoo_command, test_options
from .odoo_source import addons_paths
from .postgres import database_server, drop_database

BESIDE_DB = "mm_beside"
OTHER_APPS = ("crm", "project", "hr", "website", "sms", "calendar", "survey")


def beside_test(odoo_src):
    standard = [p for p in addons_paths(odoo_src) if p != settings.REPO]
    with database_server() as connection:
        drop_database(connection, BESIDE_DB)
        say(f"A database with {', '.join(OTHER_APPS)} (from the template cache after a first run)")
        click_odoo.initdb(odoo_src, connection, BESIDE_DB, OTHER_APPS, addons=standard)
        say(f"Installing {settings.ADDON} beside them and running its tests")
        cmd = odoo_command(odoo_src, connection, BESIDE_DB, *test_options())
        return run_judged(cmd, "beside")
