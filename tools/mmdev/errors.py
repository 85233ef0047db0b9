import sys


class SetupError(Exception):
    """Something the developer has to fix; the message says what and how."""


def say(message):
    print(f"[mmdev] {message}", file=sys.stderr, flush=True)
