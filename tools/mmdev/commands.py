"""The commands behind `make demo|test|pytest|lint|pot|shell`. They run inside the
virtual environment, with the Odoo source already checked."""

import hashlib
import os
import subprocess
import sys

from . import settings
from .errors import SetupError, say
from .judge import run_judged
from .odoo_cli import odoo_command, test_options
from .odoo_source import addons_paths
from .postgres import database_server, module_state, recreate_database
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
  bob      back office, budget management (Dutch)"""


def demo(odoo_src, reset=False):
    with database_server() as connection:
        options = _demo_install_options(connection, reset)
        url = f"http://{settings.HTTP_INTERFACE}:{settings.HTTP_PORT}"
        say(f"Serving {url} (database {settings.DEMO_DB}); stop with Ctrl-C.\n{DEMO_LOGINS}")
        stamp = _demo_stamp_path()
        stamp.write_text(_addon_fingerprint())
        cmd = odoo_command(
            odoo_src,
            connection,
            settings.DEMO_DB,
            *options,
            f"--http-interface={settings.HTTP_INTERFACE}",
            f"--http-port={settings.HTTP_PORT}",
        )
        returncode = run_forwarding_signals(cmd)
        if options and returncode != 0:
            stamp.unlink(missing_ok=True)
        return returncode


def _demo_install_options(connection, reset):
    """Install on first run (or reset), update when the addon changed since, else just
    serve. An update does not load new demo records: `make demo-reset` does."""
    state = module_state(connection, settings.DEMO_DB, settings.ADDON)
    if reset or state != "installed":
        recreate_database(connection, settings.DEMO_DB)
        say(f"Creating the demo database {settings.DEMO_DB} (about a minute, once) ...")
        return ["--init=" + settings.ADDON, "--load-language=nl_NL"]
    stamp = _demo_stamp_path()
    if not stamp.exists() or stamp.read_text() != _addon_fingerprint():
        say("The addon changed since the last run: updating it in the demo database ...")
        return ["--update=" + settings.ADDON]
    return []


def _demo_stamp_path():
    settings.CACHE.mkdir(parents=True, exist_ok=True)
    return settings.CACHE / f"{settings.DEMO_DB}.addon-fingerprint"


def _addon_fingerprint():
    digest = hashlib.sha256()
    for path in sorted(ADDON_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ADDON_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test(odoo_src):
    with database_server() as connection:
        recreate_database(connection, settings.TEST_DB)
        say(f"Installing {settings.ADDON} on a fresh database and running its tests")
        cmd = odoo_command(odoo_src, connection, settings.TEST_DB, *test_options())
        return run_judged(cmd, "test")


def pytest(odoo_src, args):
    """Quick loop: run (some of) the tests against an existing database with pytest-odoo.
    The addon must be installed and up to date there (`make demo` does that)."""
    with database_server() as connection:
        config = settings.CACHE / "pytest-odoo.conf"
        config.write_text(_odoo_config(odoo_src, connection))
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
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(odoo_src), str(settings.REPO)]))
        return run_forwarding_signals(cmd, env=env)


def _odoo_config(odoo_src, connection):
    lines = ["[options]", "addons_path = " + ",".join(str(p) for p in addons_paths(odoo_src))]
    for option in connection.odoo_options():
        key, value = option[2:].split("=", 1)
        lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


def shell(odoo_src):
    with database_server() as connection:
        cmd = odoo_command(odoo_src, connection, settings.DEV_DB, "--no-http")
        cmd.insert(2, "shell")
        return run_forwarding_signals(cmd)


def lint(_odoo_src):
    ruff = [sys.executable, "-m", "ruff"]
    steps = [
        [*ruff, "check", str(settings.REPO)],
        [*ruff, "format", "--check", str(settings.REPO)],
        [
            sys.executable,
            "-m",
            "pylint",
            "--rcfile",
            str(settings.REPO / ".pylintrc"),
            str(ADDON_DIR),
        ],
    ]
    for step in steps:
        say("$ " + " ".join(step[1:]))
        if subprocess.run(step, cwd=settings.REPO, check=False).returncode != 0:
            return 1
    return 0


def pot(odoo_src):
    """Export the addon's terms from the demo database into i18n/*.pot and merge them
    into nl.po, keeping existing translations."""
    import polib

    i18n = ADDON_DIR / "i18n"
    pot_path = i18n / f"{settings.ADDON}.pot"
    with database_server() as connection:
        if module_state(connection, settings.DEV_DB, settings.ADDON) != "installed":
            raise SetupError("Run `make demo` once first: terms are exported from its database.")
        cmd = odoo_command(
            odoo_src,
            connection,
            settings.DEV_DB,
            "--update=" + settings.ADDON,
            f"--i18n-export={pot_path}",
            "--modules=" + settings.ADDON,
            "--stop-after-init",
        )
        if subprocess.run(cmd, check=False).returncode != 0:
            return 1
    template = polib.pofile(str(pot_path))
    for po_path in i18n.glob("*.po"):
        po = polib.pofile(str(po_path))
        po.merge(template)
        po.obsolete_entries().clear()
        po[:] = [entry for entry in po if not entry.obsolete]
        po.save()
        say(
            f"{po_path.name}: {po.percent_translated()}% translated, "
            f"{len(po.untranslated_entries())} untranslated"
        )
    return 0
