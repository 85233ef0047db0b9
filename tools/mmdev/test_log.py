"""What OCA's checklog-odoo cannot tell from a test run's log: whether a test was
skipped (Odoo silently skips every browser test when Chromium cannot be driven) and
whether any test ran at all. Warnings and errors are checklog-odoo's (judge.py)."""

import dataclasses
import re

RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (\w+) \S+ (\S+): (.*)$")
SKIPPED = re.compile(r"^skipped (.*)$")
STARTED = re.compile(r"^Starting (\S+) \.\.\.")


@dataclasses.dataclass
class Verdict:
    expect_tests: bool = True
    skipped: list = dataclasses.field(default_factory=list)
    started: int = 0

    def feed(self, line):
        match = RECORD.match(line)
        if not match:
            return
        message = match.group(3)
        if skipped := SKIPPED.match(message):
            self.skipped.append(skipped[1].rstrip())
        elif STARTED.match(message):
            self.started += 1

    def problems(self, returncode):
        found = []
        if returncode != 0:
            found.append(f"Odoo exited with code {returncode}.")
        if self.skipped:
            found.append(
                f"{len(self.skipped)} test(s) skipped (is Chromium installed and "
                "websocket-client importable?):\n  " + "\n  ".join(self.skipped)
            )
        if self.expect_tests and self.started == 0:
            found.append("No test ran at all.")
        return found
