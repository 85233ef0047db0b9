"""Where things live and what they are called. Every path can be overridden from the
environment so that a developer or CI can point at their own copies."""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ADDON = "mobility_mentoring"
# the benchmark loader and its check, a test-only addon (not in the wheel): the suite
# from the source tree and on the upgraded database run its check too
BENCH_ADDON = "mm_bench_data"
BENCH_ADDONS_DIR = REPO / "tools" / "bench"
ODOO_SERIES = (18, 0)
ODOO_GIT_URL = "https://github.com/odoo/odoo"
ODOO_GIT_BRANCH = "18.0"

CACHE = Path(
    os.environ.get("MM_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mobility-mentoring"
)
ODOO_SRC = Path(os.environ.get("ODOO_SRC") or CACHE / "odoo-18.0")
PGDATA = CACHE / "pgdata"
LOGS = CACHE / "logs"

DEMO_DB = os.environ.get("MM_DEMO_DB", "mm_demo")
TEST_DB = os.environ.get("MM_TEST_DB", "mm_test")
DEV_DB = os.environ.get("MM_DEV_DB", DEMO_DB)
HTTP_INTERFACE = os.environ.get("MM_HTTP_INTERFACE", "127.0.0.1")
HTTP_PORT = int(os.environ.get("MM_HTTP_PORT", "8069"))

# The role Odoo logs in with on the embedded server (Odoo refuses `postgres`).
EMBEDDED_DB_ROLE = "odoo"

# Odoo's requirements that we replace (see tools/requirements-dev.txt) or leave out
# (python-ldap needs system headers and only serves auth_ldap).
DROPPED_REQUIREMENTS = ("gevent", "greenlet", "python-ldap")
