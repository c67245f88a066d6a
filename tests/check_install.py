"""Check a plain `pip install .` (run by .ci/run in a bare virtualenv, without the test tools).

Imports every module of lecturecode and runs its doctests with the standard library's doctest,
so a run-time import missing from pyproject.toml's dependencies fails here. Exits non-zero on any
failure.
"""

import doctest
import importlib
import importlib.util
import pkgutil
import sys

import matplotlib

matplotlib.use("Agg")

import lecturecode  # noqa: E402


def main() -> int:
    failures = tried = 0
    names = ["lecturecode"] + [m.name for m in pkgutil.walk_packages(lecturecode.__path__, "lecturecode.")]
    for name in names:
        module = importlib.import_module(name)       # every module imports, extras or not
        needs_digits = name.startswith("lecturecode.gan.images") or name.endswith(".image_gan")
        if needs_digits and importlib.util.find_spec("sklearn") is None:
            continue                                   # its examples need the "images" extra (scikit-learn)
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
        failures += result.failed
        tried += result.attempted
    print(f"imported {len(names)} modules, ran {tried} doctest examples: {failures} failed")
    return 1 if failures or not tried else 0


if __name__ == "__main__":
    sys.exit(main())
