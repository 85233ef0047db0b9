"""Run a child process so that Ctrl-C and SIGTERM reach it and we wait for it to end
(the embedded PostgreSQL is only stopped after Odoo has let go of it)."""

import re
import signal
import subprocess

from .errors import say

LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (\w+) \S+ (\S+):")


def run_forwarding_signals(cmd, on_line=None, **popen_kwargs):
    if on_line:
        popen_kwargs.update(stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    proc = subprocess.Popen(cmd, **popen_kwargs)
    previous = signal.signal(signal.SIGTERM, lambda *_: proc.send_signal(signal.SIGTERM))
    try:
        while True:
            try:
                if on_line:
                    for line in proc.stdout:
                        on_line(line)
                return proc.wait()
            except KeyboardInterrupt:
                say("Interrupted: waiting for Odoo to stop ...")
                proc.send_signal(signal.SIGINT)
    finally:
        signal.signal(signal.SIGTERM, previous)


class ConsoleFilter:
    """Show what a developer reads in a test run (test progress, warnings, errors and
    their tracebacks) and leave Odoo's module-loading chatter to the log file."""

    SHOWN_LOGGERS = ("odoo.addons.mobility_mentoring", "odoo.tests", "odoo.modules.module")

    def __init__(self):
        self.showing = True

    def wants(self, line):
        match = LOG_LINE.match(line)
        if match:
            level, logger = match.groups()
            self.showing = level != "INFO" or logger.startswith(self.SHOWN_LOGGERS)
        return self.showing
