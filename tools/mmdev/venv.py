"""A virtual environment outside the working tree with Odoo's requirements and our
development tools, cached under a key of everything it was built from."""

import hashlib
import os
import re
import shutil
import subprocess
import sys

from . import settings
from .errors import SetupError, say

TOOLS = settings.REPO / "tools"
DEV_REQUIREMENTS = TOOLS / "requirements-dev.txt"
# OCA addons as wheels: they require the distribution `odoo`, which a source checkout
# is not, so they are installed without their dependencies (as INSTALL.md says)
ADDON_REQUIREMENTS = TOOLS / "requirements-addons.txt"
CONSTRAINTS = TOOLS / "constraints.txt"
COMPLETE_MARKER = ".mmdev-complete"


def check_python():
    if not (3, 10) <= sys.version_info[:2] <= (3, 12):
        raise SetupError(
            f"Odoo 18.0 runs on Python 3.10 to 3.12, and this is Python "
            f"{sys.version.split()[0]} ({sys.executable}).\n"
            "Run again with a supported one, e.g. `make test PYTHON=python3.11`."
        )


def ensure_venv(odoo_src):
    check_python()
    odoo_requirements = _odoo_requirements(odoo_src)
    venv = (
        settings.CACHE
        / f"venv-py{sys.version_info[0]}{sys.version_info[1]}-{_key(odoo_requirements)}"
    )
    if (venv / COMPLETE_MARKER).exists():
        return venv
    if venv.exists():
        shutil.rmtree(venv)  # an earlier build was interrupted
    _build(venv, odoo_requirements)
    return venv


def venv_python(venv):
    return venv / "bin" / "python"


def _odoo_requirements(odoo_src):
    path = odoo_src / "requirements.txt"
    if not path.exists():
        raise SetupError(f"{path} is missing: the Odoo source tree is incomplete.")
    names = "|".join(map(re.escape, settings.DROPPED_REQUIREMENTS))
    dropped = re.compile(rf"^\s*({names})\b", re.I)
    return "".join(line for line in path.read_text().splitlines(True) if not dropped.match(line))


def _key(odoo_requirements):
    digest = hashlib.sha256()
    for part in (
        sys.version,
        odoo_requirements,
        DEV_REQUIREMENTS.read_text(),
        ADDON_REQUIREMENTS.read_text(),
        CONSTRAINTS.read_text(),
    ):
        digest.update(part.encode())
    return digest.hexdigest()[:12]


def _build(venv, odoo_requirements):
    say(f"Building the virtual environment {venv} (a minute or two, once) ...")
    venv.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    requirements = venv / "odoo-requirements.txt"
    requirements.write_text(odoo_requirements)
    env = dict(os.environ, PIP_CONSTRAINT=str(CONSTRAINTS), PIP_DISABLE_PIP_VERSION_CHECK="1")
    cmd = [
        str(venv_python(venv)),
        "-m",
        "pip",
        "install",
        "--quiet",
        "-r",
        str(requirements),
        "-r",
        str(DEV_REQUIREMENTS),
    ]
    addons = [str(venv_python(venv)), "-m", "pip", "install", "--quiet", "--no-deps"]
    addons += ["-r", str(ADDON_REQUIREMENTS)]
    if any(subprocess.run(c, env=env, check=False).returncode for c in (cmd, addons)):
        raise SetupError(
            "Installing the Python requirements failed (see pip's output above).\n"
            "Packages that compile need gcc and the Python headers "
            "(apt-get install build-essential python3-dev libpq-dev)."
        )
    (venv / COMPLETE_MARKER).write_text("ok\n")
