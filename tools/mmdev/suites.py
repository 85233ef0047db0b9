"""`make test`'s two stages, side by side on one database server: the machine has two
cores, and each stage spends much of its time in one Odoo process.

- the wheel beside the apps (wheel.py): the addon installed from its wheel into a
  database with the apps a municipality runs, then the whole suite;
- the upgrade (upgrade.py): the last release installed with its data, upgraded to this
  code, every row compared, then the whole suite and the benchmark loader's check.

Each stage is the same command a developer runs alone (`make wheel-check`,
`make upgrade-test`), in a process of its own with a database of its own; they share
the database server this process starts, named to them by the PG* variables."""

import os
import signal
import subprocess
import sys
import threading
import time

from .errors import say
from .postgres import database_server

STAGES = {"wheel": "wheel-check", "upgrade": "upgrade-test"}


def suites(_odoo_src):
    with database_server() as connection:
        env = dict(os.environ, **connection.environment())
        started = time.monotonic()
        running = {label: _start(command, env) for label, command in STAGES.items()}
        readers = [
            threading.Thread(target=_forward, args=(label, proc.stdout))
            for label, proc in running.items()
        ]
        for reader in readers:
            reader.start()
        codes = _wait(running)
        for reader in readers:
            reader.join()
    minutes = (time.monotonic() - started) / 60
    failed = [label for label, code in codes.items() if code]
    if failed:
        say(f"FAILED: {', '.join(failed)} ({minutes:.1f} min); see their lines above")
        return 1
    say(f"Both stages passed ({minutes:.1f} min side by side)")
    return 0


def _start(command, env):
    return subprocess.Popen(
        [sys.executable, "-m", "mmdev", command],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )


def _forward(label, stream):
    """Each line of a stage, marked with its name: the two stages' lines interleave."""
    for line in stream:
        sys.stdout.write(f"{label:>7} | {line}")
        sys.stdout.flush()


def _wait(running):
    """Wait for both; Ctrl-C stops both (each stage stops its Odoo and cleans up)."""
    while True:
        try:
            return {label: proc.wait() for label, proc in running.items()}
        except KeyboardInterrupt:
            say("Interrupted: stopping both stages ...")
            for proc in running.values():
                proc.send_signal(signal.SIGINT)
