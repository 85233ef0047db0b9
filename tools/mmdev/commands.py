"""The commands behind `make demo|test|pytest|lint|pot|shell`. They run inside the
virtual environment, with the Odoo source already checked."""

import os
import subprocess
import sys

from . import click_odoo, settings
from .axe import ensure_axe
from .errors import SetupError, say
from .judge import run_judged
from .manifest import addon_dependencies
from .odoo_cli import odoo_command, test_options
from .odoo_source import addons_paths
from .postgres import database_server, drop_database, module_state, recreate_database
from .process import run_forwarding_signals

ADDON_DIR = settings.REPO / settings.ADDON
DEMO_LOGINS = """\
Log in as (login = password):
  admin    administrator (English)
  manon    manager, leads Wijkteam Noord (Dutch)
  anna     mentor, Wijkteam Noord (Dutch)
  bram     mentor, Wijkteam Noord (Dutch)
  chantal  mentor, Werk & Inkomen Centrum (Dutch)
  dennis   mentor, Werk & Inkomen Centrum (Dutch)
  bob      back office, budget management (Dutch)
  fatima   resident on the portal, MijnOverzicht at /my/mentoring (Dutch)
  jan      resident on the portal (Dutch)"""


def demo(odoo_src, reset=False):
    """Install on first run (or reset), else update the addon when its files changed
    (click-odoo-update); then serve. An update does not load new demo records:
    `make demo-reset` does."""
    with database_server() as connection:
        state = module_state(connection, settings.DEMO_DB, settings.ADDON)
        if reset or state != "installed":
            recreate_database(connection, settings.DEMO_DB)
            say(f"Creating the demo database {settings.DEMO_DB} (about a minute, once) ...")
            install = ["--init=" + settings.ADDON, "--load-language=nl_NL", "--stop-after-init"]
            if run_forwarding_signals(
                odoo_command(odoo_src, connection, settings.DEMO_DB, *install)
            ):
                return 1
            click_odoo.update(odoo_src, connection, settings.DEMO_DB, "--only-compute-hashes")
        else:
            click_odoo.update(odoo_src, connection, settings.DEMO_DB, "--ignore-core-addons")
        url = f"http://{settings.HTTP_INTERFACE}:{settings.HTTP_PORT}"
        say(f"Serving {url} (database {settings.DEMO_DB}); stop with Ctrl-C.\n{DEMO_LOGINS}")
        cmd = odoo_command(
            odoo_src,
            connection,
            settings.DEMO_DB,
            f"--http-interface={settings.HTTP_INTERFACE}",
            f"--http-port={settings.HTTP_PORT}",
        )
        return run_forwarding_signals(cmd)


def test(odoo_src):
    with database_server() as connection:
        drop_database(connection, settings.TEST_DB)
        click_odoo.initdb(odoo_src, connection, settings.TEST_DB, addon_dependencies())
        say(f"Installing {settings.ADDON} on a fresh database and running its tests")
        modules = (settings.ADDON, settings.BENCH_ADDON)
        addons = [*addons_paths(odoo_src), settings.BENCH_ADDONS_DIR]
        cmd = odoo_command(
            odoo_src, connection, settings.TEST_DB, *test_options(modules), addons=addons
        )
        return run_judged(cmd, "test")


def pytest(odoo_src, args):
    """Quick loop: run (some of) the tests against an existing database with pytest-odoo.
    The addon must be installed and up to date there (`make demo` does that)."""
    with database_server() as connection:
        config = settings.CACHE / "pytest-odoo.conf"
        config.write_text(click_odoo.odoo_config(odoo_src, connection))
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            f"--odoo-config={config}",
            f"--odoo-database={settings.DEV_DB}",
            *(args or [str(ADDON_DIR / "tests")]),
        ]
        env = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join([str(odoo_src), str(settings.REPO)]),
            MM_AXE_JS=str(ensure_axe()),
        )
        return run_forwarding_signals(cmd, env=env)


def shell(odoo_src):
    with database_server() as connection:
        cmd = odoo_command(odoo_src, connection, settings.DEV_DB, "--no-http")
        cmd.insert(2, "shell")
        return run_forwarding_signals(cmd)


def lint(_odoo_src):
    """The checks of .pre-commit-config.yaml, on every file: ruff, pylint-odoo and
    OCA's checks of the module and its translations."""
    cmd = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--show-diff-on-failure"]
    return subprocess.run(cmd, cwd=settings.REPO, check=False).returncode


def pot(odoo_src):
    """Export the addon's terms from the demo database into i18n/*.pot and merge them
    into nl.po (OCA's click-odoo-makepot, with msgmerge), then format both as OCA's
    check of translations does."""
    import polib

    i18n = ADDON_DIR / "i18n"
    with database_server() as connection:
        if module_state(connection, settings.DEV_DB, settings.ADDON) != "installed":
            raise SetupError("Run `make demo` once first: terms are exported from its database.")
        click_odoo.update(odoo_src, connection, settings.DEV_DB)
        click_odoo.makepot(odoo_src, connection, settings.DEV_DB, settings.ADDON)
    files = [str(path) for path in i18n.glob("*.po*")]
    hook = [sys.executable, "-m", "pre_commit", "run", "oca-checks-po", "--files", *files]
    subprocess.run(hook, cwd=settings.REPO, check=False)
    for po_path in i18n.glob("*.po"):
        po = polib.pofile(str(po_path))
        say(
            f"{po_path.name}: {po.percent_translated()}% translated, "
            f"{len(po.untranslated_entries())} untranslated"
        )
    return 0
