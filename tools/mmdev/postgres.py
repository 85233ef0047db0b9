"""The PostgreSQL server Odoo talks to: the one the usual PG* variables name, or else an
embedded one (pgserver, from PyPI) whose data lives in the cache folder. Runs inside
the virtual environment."""

import contextlib
import dataclasses
import getpass
import os
import warnings

from . import settings
from .errors import say

PG_VARIABLES = ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD")


@dataclasses.dataclass
class Connection:
    host: str | None
    port: str | None
    user: str
    password: str | None
    embedded: bool = False  # the cache's pgserver, which make scale-out replicates

    def odoo_options(self):
        options = [f"--db_user={self.user}"]
        if self.host:
            options.append(f"--db_host={self.host}")
        if self.port:
            options.append(f"--db_port={self.port}")
        if self.password:
            options.append(f"--db_password={self.password}")
        return options

    def environment(self):
        """The PG* variables that name this server to a child process."""
        values = zip(PG_VARIABLES, (self.host, self.port, self.user, self.password), strict=True)
        return {name: value for name, value in values if value}

    def connect(self, dbname="postgres"):
        import psycopg2

        return psycopg2.connect(
            dbname=dbname, host=self.host, port=self.port, user=self.user, password=self.password
        )


@contextlib.contextmanager
def database_server():
    """Yield a Connection; stop the embedded server afterwards if we started it."""
    if any(os.environ.get(name) for name in PG_VARIABLES):
        yield Connection(
            host=os.environ.get("PGHOST"),
            port=os.environ.get("PGPORT"),
            user=os.environ.get("PGUSER") or getpass.getuser(),
            password=os.environ.get("PGPASSWORD"),
        )
        return
    warnings.filterwarnings("ignore", module="platformdirs")
    import pgserver

    settings.PGDATA.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(settings.PGDATA, cleanup_mode="stop")
    try:
        role = settings.EMBEDDED_DB_ROLE
        server.psql(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') "
            f"THEN CREATE ROLE {role} LOGIN CREATEDB; END IF; END $$;"
        )
        socket_dir = str(server.get_postmaster_info().socket_dir)
        say(f"Embedded PostgreSQL running, data in {settings.PGDATA}, socket in {socket_dir}")
        yield Connection(host=socket_dir, port=None, user=role, password=None, embedded=True)
    finally:
        server.cleanup()


def recreate_database(connection, dbname):
    """Drop and create an empty database. Creating it ourselves, as Odoo would, keeps
    Odoo from trying to add the pg_trgm extension, which the embedded server lacks."""
    drop_database(connection, dbname)
    _execute_autocommit(
        connection,
        f"CREATE DATABASE \"{dbname}\" ENCODING 'unicode' LC_COLLATE 'C' TEMPLATE template0",
    )


def drop_database(connection, dbname):
    _execute_autocommit(connection, f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def _execute_autocommit(connection, query):
    conn = connection.connect()
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(query)
    finally:
        conn.close()


def module_state(connection, dbname, module):
    """The module's state in that database, or None when there is no such database."""
    import psycopg2

    try:
        conn = connection.connect(dbname)
    except psycopg2.OperationalError:
        return None
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT to_regclass('ir_module_module')")
            if cr.fetchone()[0] is None:
                return None
            cr.execute("SELECT state FROM ir_module_module WHERE name = %s", (module,))
            row = cr.fetchone()
            return row and row[0]
    finally:
        conn.close()
