"""Find, or fetch, an Odoo 18.0 Community source tree and check that it is one."""

import re
import subprocess

from . import settings
from .errors import SetupError, say


def ensure_odoo_source():
    src = settings.ODOO_SRC
    if not (src / "odoo-bin").exists():
        if src.exists() and any(src.iterdir()):
            raise SetupError(
                f"{src} is not empty but holds no odoo-bin: it is not an Odoo source tree.\n"
                "Point ODOO_SRC at an Odoo 18.0 checkout, or empty that folder so that "
                "it can be cloned there."
            )
        _clone(src)
    _check_series(src)
    return src


def addons_paths(src):
    """Our repository plus whichever standard-addon folders this layout has: a git
    clone keeps them in addons/, a nightly tree in odoo/addons/."""
    paths = [settings.REPO]
    for folder in (src / "addons", src / "odoo" / "addons"):
        if folder.is_dir():
            paths.append(folder)
    return paths


def _clone(src):
    say(f"Cloning Odoo {settings.ODOO_GIT_BRANCH} into {src} (a few minutes, once) ...")
    src.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        "git",
        "clone",
        "--depth",
        "1",
        "--branch",
        settings.ODOO_GIT_BRANCH,
        settings.ODOO_GIT_URL,
        str(src),
    ]
    if subprocess.run(cmd, check=False).returncode != 0:
        raise SetupError(
            f"Could not clone {settings.ODOO_GIT_URL} (branch {settings.ODOO_GIT_BRANCH}).\n"
            "Without internet access, unpack an Odoo 18.0 source tree yourself and set "
            f"ODOO_SRC to it (or put it in {src})."
        )


def _check_series(src):
    release = src / "odoo" / "release.py"
    if not release.exists():
        raise SetupError(f"{src} has no odoo/release.py: it is not an Odoo source tree.")
    match = re.search(r"^version_info\s*=\s*\((\d+),\s*(\d+)", release.read_text(), re.M)
    if not match:
        raise SetupError(f"Cannot read the Odoo version from {release}.")
    found = (int(match[1]), int(match[2]))
    if found != settings.ODOO_SERIES:
        raise SetupError(
            f"{src} holds Odoo {found[0]}.{found[1]}, but this addon needs Odoo 18.0.\n"
            "Set ODOO_SRC to an Odoo 18.0 tree, or empty that folder to clone 18.0."
        )
