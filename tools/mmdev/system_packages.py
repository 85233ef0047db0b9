"""Chromium (browser tours), wkhtmltopdf (PDF reports), pdftotext (reading PDFs in
tests) and a font that PDFs embed as text come from the system."""

import os
import shutil
import subprocess

from .errors import SetupError, say

# program on the PATH, or file -> Debian/Ubuntu package providing it
PROGRAMS = {
    "wkhtmltopdf": "wkhtmltopdf",
    "chromium": "chromium",
    "pdftotext": "poppler-utils",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf": "fonts-dejavu-core",
}
CHROME_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


# make scale-out's load balancer, as production runs it
BALANCER = {"haproxy": "haproxy"}


def ensure_system_packages(programs=PROGRAMS):
    missing = [pkg for prog, pkg in programs.items() if not _found(prog)]
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"Installing {' '.join(missing)} with apt-get ...")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        ok = subprocess.run(["apt-get", "update", "-q"], env=env, check=False).returncode == 0
        ok = (
            ok
            and subprocess.run(
                ["apt-get", "install", "-y", "-q", *missing],
                env=env,
                check=False,
            ).returncode
            == 0
        )
        if ok and all(_found(prog) for prog in programs):
            return
    raise SetupError(
        f"Missing system programs. Install them with:\n    sudo apt-get install {' '.join(missing)}"
    )


def _found(program):
    if program == "chromium":
        return any(shutil.which(name) for name in CHROME_NAMES)
    if program.startswith("/"):
        return os.path.exists(program)
    return shutil.which(program) is not None
