"""axe-core, the accessibility checker the browser tests run in Chromium (WCAG 2.1 A
and AA, tests/accessibility.py). It comes from the npm registry at a pinned version
into the cache, never into the repository; test runs get its path in MM_AXE_JS."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from . import settings
from .errors import SetupError, say

# pinned so that a new release's new rules cannot fail a run of unchanged code
AXE_VERSION = "4.14.1"
AXE_DIR = settings.CACHE / f"axe-core-{AXE_VERSION}"
AXE_JS = Path("node_modules", "axe-core", "axe.min.js")


def ensure_axe():
    """The path of axe.min.js, installed with npm on first use."""
    if (AXE_DIR / AXE_JS).is_file():
        return AXE_DIR / AXE_JS
    if not shutil.which("npm"):
        raise SetupError(
            "npm is missing; the accessibility tests need it to fetch axe-core once.\n"
            "Install Node.js and npm, e.g. `sudo apt-get install npm`."
        )
    say(f"Installing axe-core {AXE_VERSION} from the npm registry into {AXE_DIR} (once) ...")
    AXE_DIR.parent.mkdir(parents=True, exist_ok=True)
    # into a sibling first: an interrupted install never looks like a finished one
    tmp = Path(tempfile.mkdtemp(prefix=f".{AXE_DIR.name}-", dir=AXE_DIR.parent))
    try:
        cmd = ["npm", "install", "--prefix", str(tmp), f"axe-core@{AXE_VERSION}"]
        cmd += ["--no-save", "--no-audit", "--no-fund", "--loglevel=error"]
        installed = subprocess.run(cmd, cwd=tmp, check=False).returncode == 0
        if not (installed and (tmp / AXE_JS).is_file()):
            raise SetupError(
                f"Installing axe-core {AXE_VERSION} with npm failed (see npm's output above).\n"
                "It needs the npm registry (or a mirror set with `npm config set registry`)."
            )
        if not (AXE_DIR / AXE_JS).is_file():  # else another run finished first
            shutil.rmtree(AXE_DIR, ignore_errors=True)
            tmp.rename(AXE_DIR)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return AXE_DIR / AXE_JS
