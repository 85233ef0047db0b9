"""Build odoo-bin command lines."""

import socket
import sys

from . import settings
from .odoo_source import addons_paths


def odoo_command(odoo_src, connection, dbname, *options, python=None, addons=None):
    """odoo-bin with our addons path (or ``addons``) on ``dbname``."""
    return [
        python or sys.executable,
        str(odoo_src / "odoo-bin"),
        "--addons-path=" + ",".join(str(p) for p in addons or addons_paths(odoo_src)),
        *connection.odoo_options(),
        "--database=" + dbname,
        f"--db-filter=^{dbname}$",
        "--no-database-list",
        *options,
    ]


def test_options(modules=(settings.ADDON,)):
    """Install ``modules`` and run their tests."""
    return [
        "--init=" + ",".join(modules),
        "--test-enable",
        "--test-tags=" + ",".join("/" + module for module in modules),
        "--stop-after-init",
        "--workers=0",
        "--max-cron-threads=0",
        "--http-interface=127.0.0.1",
        f"--http-port={free_port()}",
        "--log-level=info",
    ]


def free_port():
    """HttpCase tests need the HTTP server; don't collide with a running `make demo`."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
