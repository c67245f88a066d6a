"""Shared test configuration: headless plots, reproducible property tests, a per-test time limit."""

import faulthandler
import os
import signal
import sys

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Derandomised: the same examples on every run and machine (a failure always reproduces).
settings.register_profile("lecturecode", derandomize=True, deadline=None, max_examples=60,
                          print_blob=True)
settings.load_profile("lecturecode")

#: Seconds one test may take before it fails (a hang fails fast instead of stalling CI).
#: Override with the environment variable LECTURECODE_TEST_TIMEOUT (0 disables the limit).
TEST_TIMEOUT = int(os.environ.get("LECTURECODE_TEST_TIMEOUT", "60"))


class TestTimeout(Exception):
    """Raised inside a test that ran longer than TEST_TIMEOUT seconds."""


def _on_alarm(signum, frame):
    raise TestTimeout(f"test exceeded the per-test limit of {TEST_TIMEOUT} s (tests/conftest.py)")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    # SIGALRM exists on POSIX only, and only the main thread may set it.
    usable = TEST_TIMEOUT > 0 and hasattr(signal, "SIGALRM")
    if usable:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.alarm(TEST_TIMEOUT)
        # If the alarm cannot interrupt (stuck in C code), dump every thread's stack a bit later.
        faulthandler.dump_traceback_later(TEST_TIMEOUT + 30, exit=False, file=sys.stderr)
    try:
        yield
    finally:
        if usable:
            signal.alarm(0)
            faulthandler.cancel_dump_traceback_later()
            signal.signal(signal.SIGALRM, previous)


def pytest_terminal_summary(terminalreporter):
    stats = sys.modules.get("test_fuzz")
    stats = getattr(stats, "STATS", None) if stats else None
    if stats and stats.get("cases"):
        terminalreporter.write_line(
            f"fuzz: {stats['callables']} public callables covered, {stats['cases']} cases run "
            f"in {stats['seconds']:.1f} s")
