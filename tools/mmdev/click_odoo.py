"""OCA's click-odoo-contrib where it does a part of the job: databases from a cache of
templates with the same addons installed (click-odoo-initdb), updates of only the
addons whose files changed (click-odoo-update), and the export and merge of the
translations (click-odoo-makepot)."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from . import settings
from .errors import SetupError
from .odoo_source import addons_paths


def initdb(odoo_src, connection, dbname, modules, addons=None):
    """Create ``dbname`` with ``modules`` (and demo data) installed, from the cache."""
    _run(
        odoo_src,
        connection,
        "click-odoo-initdb",
        f"--new-database={dbname}",
        "--modules=" + ",".join(modules),
        "--cache-prefix=mmcache",
        "--cache-max-age=30",
        "--cache-max-size=4",
        addons=addons,
    )


def update(odoo_src, connection, dbname, *options):
    """Update the addons of ``dbname`` whose files changed (or ``options`` say)."""
    _run(odoo_src, connection, "click-odoo-update", f"--database={dbname}", *options)


def makepot(odoo_src, connection, dbname, addon):
    """Export ``addon``'s terms to its .pot and merge them into its .po files, without
    fuzzy guesses and without the old translations of terms that are gone."""
    _run(
        odoo_src,
        connection,
        "click-odoo-makepot",
        f"--database={dbname}",
        f"--addons-dir={settings.REPO}",
        f"--modules={addon}",
        "--msgmerge",
        "--no-fuzzy-matching",
        "--purge-old-translations",
    )


def _run(odoo_src, connection, tool, *options, addons=None):
    settings.LOGS.mkdir(parents=True, exist_ok=True)
    log = settings.LOGS / f"{tool}.log"
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "odoo.conf"
        config.write_text(odoo_config(odoo_src, connection, addons))
        cmd = [str(Path(sys.executable).parent / tool), f"--config={config}", f"--logfile={log}"]
        env = dict(os.environ, PYTHONPATH=str(odoo_src))
        if subprocess.run([*cmd, *options], env=env, cwd=tmp, check=False).returncode != 0:
            raise SetupError(f"{tool} failed; see {log}")


def odoo_config(odoo_src, connection, addons=None):
    lines = ["[options]", "addons_path = " + ",".join(map(str, addons or addons_paths(odoo_src)))]
    for option in connection.odoo_options():
        key, value = option[2:].split("=", 1)
        lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"
