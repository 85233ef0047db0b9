"""`make bench`: a database at municipal scale (built once per addon version and size,
kept in the cache's PostgreSQL), then the measurements of tools/bench/measure.py,
printed as a table and written as CSV. A measurement, not a test: no pass or fail."""

import argparse
import ast
import hashlib
import os
import subprocess
import sys
import time
import urllib.request

from . import settings
from .errors import SetupError, say
from .odoo_cli import free_port, odoo_command
from .odoo_source import addons_paths
from .postgres import database_server, recreate_database

BENCH_DIR = settings.REPO / "tools" / "bench"
# the bulk loader, in the test-only addon that checks it against the models
BENCH_DATA = BENCH_DIR / "mm_bench_data" / "bench_data.py"


def bench(odoo_src, args):
    parser = argparse.ArgumentParser(prog="make bench ARGS=")
    parser.add_argument("--residents", type=int, default=50000)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    options = parser.parse_args(args)
    dbname = f"mm_bench_{options.residents}"
    with database_server() as connection:
        ensure_database(odoo_src, connection, dbname, options.residents, options.rebuild)
        csv_path = settings.CACHE / f"bench-{options.residents}.csv"
        run_script(odoo_src, connection, dbname, "rules.py")  # the rules the hot paths run under
        run_script(odoo_src, connection, dbname, "measure.py", MM_BENCH_CSV=str(csv_path))
    return 0


def load(odoo_src, args):
    """`make load`: serve the benchmark database with Odoo's multi-process server on a
    loopback port, run tools/bench/load.py against it, then check the invariants."""
    parser = argparse.ArgumentParser(prog="make load ARGS=")
    parser.add_argument("--residents", type=int, default=50000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=180)
    # one worker per core: here PostgreSQL and the load client share the machine's cores
    # with Odoo; Odoo's rule for production, 2 x cores + 1, is for a server of its own
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    options = parser.parse_args(args)
    dbname = f"mm_bench_{options.residents}"
    report = settings.CACHE / f"load-{options.residents}.json"
    with database_server() as connection:
        ensure_database(odoo_src, connection, dbname, options.residents)
        run_script(odoo_src, connection, dbname, "rules.py")
        since = database_now(connection, dbname)
        port = free_port()
        # wkhtmltopdf fetches the report's styles from this server
        set_param(connection, dbname, "report.url", f"http://127.0.0.1:{port}")
        server = subprocess.Popen(
            odoo_command(
                odoo_src,
                connection,
                dbname,
                f"--workers={options.workers}",
                "--max-cron-threads=0",
                "--http-interface=127.0.0.1",
                f"--http-port={port}",
                "--limit-time-real=300",
                "--limit-memory-soft=1500000000",
                "--log-level=warn",
            )
        )
        try:
            wait_for(port)
            say(
                f"[load] {options.users} users for {options.seconds} s on {options.workers} workers"
            )
            load_script = [
                sys.executable,
                str(BENCH_DIR / "load.py"),
                f"http://127.0.0.1:{port}",
                dbname,
                str(options.seconds),
                str(options.users),
                str(report),
            ]
            failed = subprocess.run(load_script, check=False).returncode
        finally:
            server.terminate()
            server.wait(timeout=60)
        run_script(
            odoo_src,
            connection,
            dbname,
            "invariants.py",
            MM_LOAD_REPORT=str(report),
            MM_LOAD_SINCE=since,
        )
    return failed


def ensure_database(odoo_src, connection, dbname, residents, rebuild=False):
    """Build once per addon version; when the addon's files changed since, update it
    there (`-u`), so that the measurements run this code on its own schema."""
    built = _param(connection, dbname, "mobility_mentoring.bench_built")
    if rebuild or built != _version():
        _build(odoo_src, connection, dbname, residents)
    elif _param(connection, dbname, "mobility_mentoring.bench_digest") != _addon_digest():
        say(f"[bench] the addon changed since {dbname} was built: updating it there")
        update = ["--update=" + settings.ADDON, "--stop-after-init", "--log-level=warn"]
        _run(odoo_command(odoo_src, connection, dbname, *update))
        set_param(connection, dbname, "mobility_mentoring.bench_digest", _addon_digest())
        _vacuum_analyze(connection, dbname)
    else:
        say(f"[bench] reusing {dbname} (addon {built}); --rebuild builds it again")


def _addon_digest():
    digest = hashlib.sha256()
    for path in sorted((settings.REPO / settings.ADDON).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(settings.REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _vacuum_analyze(connection, dbname):
    """After a bulk load, as a DBA would: hint bits and the visibility map set, and the
    planner's statistics fresh; otherwise the first measurements pay for them."""
    conn = connection.connect(dbname)
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute("VACUUM ANALYZE")
    conn.close()


def database_now(connection, dbname):
    conn = connection.connect(dbname)
    with conn, conn.cursor() as cr:
        cr.execute("SELECT (now() at time zone 'UTC')::text")
        now = cr.fetchone()[0]
    conn.close()
    return now


def wait_for(port, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/login", timeout=5):
                return
        except OSError:
            time.sleep(1)
    raise SetupError("[load] the server did not answer")


def _build(odoo_src, connection, dbname, residents):
    say(f"[bench] building {dbname}: {residents} residents, without demo data (minutes)")
    recreate_database(connection, dbname)
    install = [
        f"--init={settings.ADDON},project",
        "--without-demo=all",
        "--stop-after-init",
        "--log-level=warn",
    ]
    _run(odoo_command(odoo_src, connection, dbname, *install))
    run_script(
        odoo_src,
        connection,
        dbname,
        "build.py",
        MM_BENCH_RESIDENTS=str(residents),
        MM_BENCH_DATA=str(BENCH_DATA),
    )
    run_script(odoo_src, connection, dbname, "rules.py")
    _vacuum_analyze(connection, dbname)
    _set_version(connection, dbname)


def run_script(odoo_src, connection, dbname, script, **variables):
    """A script of tools/bench in `odoo shell` on that database (`env` is given). The
    test-only addon mm_bench_data is on the addons path, not installed: measure.py
    imports its anchors."""
    addons = [*addons_paths(odoo_src), settings.BENCH_ADDONS_DIR]
    cmd = odoo_command(odoo_src, connection, dbname, "--no-http", "--log-level=warn", addons=addons)
    shell = [*cmd[:2], "shell", *cmd[2:]]
    env = {**os.environ, **variables}
    _run(shell, input=(BENCH_DIR / script).read_bytes(), env=env)


def _run(cmd, **kwargs):
    if subprocess.run(cmd, check=False, **kwargs).returncode != 0:
        raise SetupError(f"[bench] failed: {' '.join(cmd[:3])} ...")


def _version():
    manifest = (settings.REPO / settings.ADDON / "__manifest__.py").read_text()
    return ast.literal_eval(manifest)["version"]


def _param(connection, dbname, key):
    """A system parameter of the database, or None when there is no such database."""
    import psycopg2

    try:
        conn = connection.connect(dbname)
    except psycopg2.OperationalError:
        return None
    with conn, conn.cursor() as cr:
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", (key,))
        row = cr.fetchone()
    conn.close()
    return row and row[0]


def _set_version(connection, dbname):
    set_param(connection, dbname, "mobility_mentoring.bench_built", _version())
    set_param(connection, dbname, "mobility_mentoring.bench_digest", _addon_digest())


def set_param(connection, dbname, key, value):
    conn = connection.connect(dbname)
    with conn, conn.cursor() as cr:
        cr.execute("DELETE FROM ir_config_parameter WHERE key = %s", (key,))
        cr.execute("INSERT INTO ir_config_parameter (key, value) VALUES (%s, %s)", (key, value))
    conn.close()
