"""Shared test configuration: headless plots and reproducible property tests."""

import matplotlib

matplotlib.use("Agg")

from hypothesis import settings  # noqa: E402

# Derandomised: the same examples on every run and machine (a failure always reproduces).
settings.register_profile("lecturecode", derandomize=True, deadline=None, max_examples=60,
                          print_blob=True)
settings.load_profile("lecturecode")
