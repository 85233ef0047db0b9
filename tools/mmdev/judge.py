"""Run an Odoo command and judge its log: every run of the test suite, wherever it runs
(source tree, wheel beside the apps, upgraded database). Warnings and errors are
found by OCA's checklog-odoo (with checklog-odoo.cfg), skipped tests and empty runs by
test_log.Verdict. Each run gets axe-core for the accessibility checks (MM_AXE_JS)."""

import os
import subprocess
import sys
import time
from pathlib import Path

from . import settings
from .axe import ensure_axe
from .errors import say
from .process import ConsoleFilter, run_forwarding_signals
from .test_log import Verdict


def run_judged(cmd, label, expect_tests=True, **popen_kwargs):
    """0 when Odoo ended well and its log holds no failure, warning, error or skipped
    test (and some test ran, when tests are expected); else 1."""
    env = popen_kwargs.pop("env", None) or os.environ
    popen_kwargs["env"] = dict(env, MM_AXE_JS=str(ensure_axe()))
    settings.LOGS.mkdir(parents=True, exist_ok=True)
    log_path = settings.LOGS / time.strftime(f"{label}-%Y%m%d-%H%M%S.log")
    verdict, console = Verdict(expect_tests=expect_tests), ConsoleFilter()
    say(f"[{label}] full log in {log_path}")
    started = time.monotonic()
    with log_path.open("w") as log:

        def on_line(line):
            log.write(line)
            verdict.feed(line)
            if console.wants(line):
                sys.stdout.write(line)
                sys.stdout.flush()

        returncode = run_forwarding_signals(cmd, on_line=on_line, **popen_kwargs)
    minutes = (time.monotonic() - started) / 60
    problems = verdict.problems(returncode) + _warnings_and_errors(log_path)
    if problems:
        say(f"[{label}] FAILED:\n" + "\n".join(problems) + f"\nFull log: {log_path}")
        return 1
    ran = f"all {verdict.started} tests passed, nothing skipped, " if expect_tests else ""
    say(f"[{label}] {ran}no error logged ({minutes:.1f} min). Full log: {log_path}")
    return 0


def _warnings_and_errors(log_path):
    checklog = Path(sys.executable).parent / "checklog-odoo"
    config = settings.REPO / "checklog-odoo.cfg"
    cmd = [str(checklog), f"--config={config}", "--no-echo", "--err-if-empty", str(log_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode == 0:
        return []
    return ["checklog-odoo found warnings or errors in the log:\n" + done.stdout + done.stderr]
