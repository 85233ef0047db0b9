"""Judge an Odoo test run from its log: Odoo's exit code alone misses logged errors,
warnings (a demo file that fails to load is only a WARNING) and skipped tests (a browser
test is silently skipped when Chromium cannot be driven)."""

import dataclasses
import re

RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (\w+) \S+ (\S+): (.*)$")
SKIPPED = re.compile(r"^skipped (.*)$")
STARTED = re.compile(r"^Starting (\S+) \.\.\.")
SUMMARY = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")
BAD_LEVELS = ("WARNING", "ERROR", "CRITICAL")
# Warnings that are expected, as (logger, text in the message; None: any):
# - a user error raised on purpose over HTTP (a refusal a tour or an RPC test checks) is
#   logged by odoo.http as a WARNING; unexpected exceptions there are logged as ERROR;
# - Debian's wkhtmltopdf is built on an unpatched Qt and says so on every PDF.
EXPECTED_WARNINGS = (
    ("odoo.http", None),
    ("odoo.addons.base.models.ir_actions_report", "is not support using unpatched qt"),
)


@dataclasses.dataclass
class Verdict:
    expect_tests: bool = True
    bad_records: list = dataclasses.field(default_factory=list)
    skipped: list = dataclasses.field(default_factory=list)
    started: int = 0
    _current: list = None

    def feed(self, line):
        match = RECORD.match(line)
        if not match:
            if self._current is not None:
                self._current.append(line.rstrip())
            return
        self._current = None
        level, logger, message = match.groups()
        if level in BAD_LEVELS and not (level == "WARNING" and _expected(logger, message)):
            self._current = [line.rstrip()]
            self.bad_records.append(self._current)
        elif skipped := SKIPPED.match(message):
            self.skipped.append(skipped[1].rstrip())
        elif STARTED.match(message):
            self.started += 1

    def problems(self, returncode):
        found = []
        if returncode != 0:
            found.append(f"Odoo exited with code {returncode}.")
        if self.bad_records:
            first = "\n  ".join(self.bad_records[0][:25])
            found.append(
                f"{len(self.bad_records)} warning(s) or error(s) logged, the first:\n  {first}"
            )
        if self.skipped:
            found.append(
                f"{len(self.skipped)} test(s) skipped (is Chromium installed and "
                "websocket-client importable?):\n  " + "\n  ".join(self.skipped)
            )
        if self.expect_tests and self.started == 0:
            found.append("No test ran at all.")
        return found


def _expected(logger, message):
    return any(
        logger == expected_logger and (text is None or text in message)
        for expected_logger, text in EXPECTED_WARNINGS
    )
