"""An upgrade keeps every record: install the last release (tools/releases.csv) with its
demo data and the records of tools/upgrade/fixture.py, snapshot every row of the
addon, upgrade to the code of this working tree (`-u`), snapshot again and compare;
then run the test suite on the upgraded database."""

import csv
import json
import os
import subprocess
import tempfile
from pathlib import Path

from . import click_odoo, settings
from .errors import SetupError, say
from .judge import run_judged
from .manifest import addon_dependencies
from .odoo_cli import odoo_command, test_options
from .odoo_source import addons_paths
from .postgres import database_server, drop_database

UPGRADE_DB = "mm_upgrade"
UPGRADE_DIR = settings.REPO / "tools" / "upgrade"
RELEASES = settings.REPO / "tools" / "releases.csv"
# columns an upgrade may touch without changing a record's meaning
IGNORED_COLUMNS = {"write_date", "write_uid"}


def upgrade_test(odoo_src):
    version, commit = last_release()
    standard = [p for p in addons_paths(odoo_src) if p != settings.REPO]
    with tempfile.TemporaryDirectory(prefix="mm-upgrade-") as tmp:
        released = _extract(commit, Path(tmp))
        with database_server() as connection:
            drop_database(connection, UPGRADE_DB)
            click_odoo.initdb(
                odoo_src, connection, UPGRADE_DB, addon_dependencies(), addons=standard
            )

            def odoo(*options, addons):
                return odoo_command(odoo_src, connection, UPGRADE_DB, *options, addons=addons)

            say(f"Installing release {version} ({commit[:8]}) with demo data and more records")
            _run(
                odoo("--init=" + settings.ADDON, "--stop-after-init", addons=[released, *standard])
            )
            originals = dict(os.environ, MM_ORIGINALS=str(Path(tmp) / "originals.json"))
            shell = odoo("--no-http", addons=[released, *standard])
            _shell(shell, UPGRADE_DIR / "fixture.py", env=originals)
            before = _snapshot(odoo("--no-http", addons=[released, *standard]), Path(tmp))
            say("Upgrading it to this working tree's code")
            current = [settings.REPO, *standard]
            update = odoo("--update=" + settings.ADDON, "--stop-after-init", addons=current)
            if run_judged(update, "upgrade", expect_tests=False):
                return 1
            after = _snapshot(odoo("--no-http", addons=current), Path(tmp))
            if not (_same_records(before, after) and _edits_kept(after, originals)):
                return 1
            # the suite checks the shipped texts and limits: put them back
            _shell(odoo("--no-http", addons=current), UPGRADE_DIR / "restore.py", env=originals)
            # the suite, and the benchmark loader's check (installed now: not released)
            modules = (settings.ADDON, settings.BENCH_ADDON)
            options = [o for o in test_options(modules) if not o.startswith("--init=")]
            update = ["--update=" + settings.ADDON, "--init=" + settings.BENCH_ADDON]
            with_bench = [*current, settings.BENCH_ADDONS_DIR]
            return run_judged(odoo(*update, *options, addons=with_bench), "upgrade-tests")


def last_release():
    with RELEASES.open() as file:
        rows = list(csv.DictReader(file))
    return rows[-1]["version"], rows[-1]["commit"]


def _extract(commit, tmp):
    """The addon as it was at the release's commit (from git, which the clone holds)."""
    folder = tmp / "released"
    folder.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(settings.REPO), "archive", commit, settings.ADDON],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        raise SetupError(
            f"Cannot read the release commit {commit} from git: {archive.stderr.decode()}\n"
            "The upgrade test needs the repository's history (not a shallow clone)."
        )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def _run(cmd, **kwargs):
    """Run Odoo for a step of the preparation; its log goes to a file of its own."""
    settings.LOGS.mkdir(parents=True, exist_ok=True)
    log_path = settings.LOGS / "upgrade-preparation.log"
    with log_path.open("a") as log:
        done = subprocess.run(cmd, check=False, stdout=log, stderr=subprocess.STDOUT, **kwargs)
    if done.returncode != 0:
        raise SetupError(f"Preparing the upgrade test failed; see {log_path}")


def _shell(cmd, script, env=None):
    _run([*cmd[:2], "shell", *cmd[2:]], input=script.read_bytes(), env=env)


def _snapshot(cmd, tmp):
    path = tmp / "snapshot.json"
    _shell(cmd, UPGRADE_DIR / "snapshot.py", env=dict(os.environ, MM_SNAPSHOT=str(path)))
    return json.loads(path.read_text())


def _edits_kept(after, env):
    """What the municipality edited in the data shipped as noupdate reads back as it
    edited it: the upgrade did not overwrite it."""
    edits = json.loads(Path(env["MM_ORIGINALS"]).read_text())
    for model, record_id, fname, _original, edited in edits:
        [row] = [r for r in after[model.replace(".", "_")] if r["id"] == record_id]
        if str(edited) not in str(row[fname]):
            say(f"[upgrade] FAILED: {model} {record_id}.{fname} is {row[fname]!r}, not {edited!r}")
            return False
    say(f"[upgrade] the {len(edits)} edits of shipped data (see fixture.py) were kept")
    return True


def _same_records(before, after):
    """Every row of before is in after with the same values in every column both have;
    a column that vanished is a loss. New columns are reported with how many rows of
    the release have a value in them."""
    problems, counts = [], []
    for table, rows in before.items():
        new_rows = {row["id"]: row for row in after.get(table, [])}
        counts.append(f"{table} {len(rows)}/{len(new_rows)}")
        old_columns = set(rows[0]) if rows else set()
        new_columns = set(next(iter(new_rows.values()), {}))
        if new_rows and old_columns - new_columns:
            problems.append(f"{table}: columns gone: {sorted(old_columns - new_columns)}")
        for row in rows:
            new = new_rows.get(row["id"])
            if new is None:
                problems.append(f"{table} {row['id']}: gone")
                continue
            for column in (old_columns & new_columns) - IGNORED_COLUMNS:
                if row[column] != new[column]:
                    problems.append(
                        f"{table} {row['id']}.{column}: {row[column]!r} -> {new[column]!r}"
                    )
        for column in sorted(new_columns - old_columns):
            filled = sum(1 for row in rows if new_rows[row["id"]][column] is not None)
            say(f"[upgrade] new column {table}.{column}: filled on {filled} of {len(rows)} rows")
    say("[upgrade] rows compared (release/upgraded): " + ", ".join(counts))
    if problems:
        say("[upgrade] FAILED: records changed or lost:\n  " + "\n  ".join(problems[:50]))
        return False
    say("[upgrade] every record of the release is there with the same values")
    return True
