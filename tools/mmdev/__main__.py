"""Developer entry point: `python3 -m mmdev <command>` (the Makefile calls it).

Stage one runs on the system Python with the standard library only: it checks the
system programs, the Odoo source and the virtual environment, then re-executes this
same command inside that virtual environment (stage two), where the database server
and Odoo run."""

import argparse
import os
import sys

from . import bench, commands, scale_out, settings, suites, upgrade, wheel
from .errors import SetupError, say
from .odoo_source import ensure_odoo_source
from .system_packages import BALANCER, ensure_system_packages
from .venv import ensure_venv, venv_python

STAGE_VARIABLE = "MMDEV_IN_VENV"
NEEDS_SYSTEM_PROGRAMS = {"demo", "test", "suites", "wheel-check", "upgrade-test"}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="mmdev", description=__doc__)
    parser.add_argument(
        "command",
        choices=[
            "demo",
            "test",
            "wheel",
            "wheel-check",
            "upgrade-test",
            "suites",
            "pytest",
            "lint",
            "pot",
            "shell",
            "report-images",
            "bench",
            "load",
            "scale-out",
        ],
    )
    parser.add_argument(
        "args",
        nargs=argparse.REMAINDER,
        help="pytest: its arguments; demo: --reset; bench, load, scale-out: --residents N ...",
    )
    options = parser.parse_args(argv)
    try:
        if os.environ.get(STAGE_VARIABLE) != "1":
            _enter_venv(options.command)
        return _run(options)
    except SetupError as error:
        say(f"ERROR: {error}")
        return 2


def _enter_venv(command):
    if command in NEEDS_SYSTEM_PROGRAMS:
        ensure_system_packages()
    if command == "scale-out":
        ensure_system_packages(BALANCER)
    odoo_src = ensure_odoo_source()
    python = str(venv_python(ensure_venv(odoo_src)))
    env = dict(
        os.environ,
        **{
            STAGE_VARIABLE: "1",
            "ODOO_SRC": str(odoo_src),
            "PYTHONPATH": str(settings.REPO / "tools"),
        },
    )
    os.execve(python, [python, "-m", "mmdev", *sys.argv[1:]], env)


def _run(options):
    odoo_src = settings.ODOO_SRC
    if options.command == "pytest":
        return commands.pytest(odoo_src, options.args)
    if options.command == "demo":
        return commands.demo(odoo_src, reset="--reset" in options.args)
    if options.command == "report-images":
        from .report_images import report_images  # imported late: needs the venv's requests

        return report_images(odoo_src)
    if options.command in ("wheel", "wheel-check"):
        return getattr(wheel, options.command.replace("-", "_"))(odoo_src)
    if options.command in ("bench", "load"):
        return getattr(bench, options.command)(odoo_src, options.args)
    if options.command == "scale-out":
        return scale_out.scale_out(odoo_src, options.args)
    if options.command == "upgrade-test":
        return upgrade.upgrade_test(odoo_src)
    if options.command == "suites":
        return suites.suites(odoo_src)
    return getattr(commands, options.command)(odoo_src)


if __name__ == "__main__":
    sys.exit(main())
