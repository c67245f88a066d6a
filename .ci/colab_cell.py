"""Write the hidden first cell of every notebook: on Colab (or any Jupyter without lecturecode)
it installs the release of lecturecode that matches this book, and stops with what to do if that
fails.

The cell is generated from the two places that hold its facts: the repository URL in
``_config.yml`` (the launch buttons' URL) and the version in ``lecturecode/__init__.py`` (installed as the
git tag ``v<version>``). ``tests/test_notebooks.py`` checks that every notebook's first cell is
exactly :func:`cell_source`, so change those two places and run ``python .ci/colab_cell.py``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(ROOT.glob("chapters/*.ipynb")) + sorted(ROOT.glob("appendix/*.ipynb"))


def repository_url() -> str:
    text = (ROOT / "_config.yml").read_text()
    return re.search(r"^repository:\s*\n\s+url:\s*(\S+)", text, re.M).group(1).rstrip("/")


def version() -> str:
    """The package's version, from its one place (pyproject.toml reads it from there too)."""
    text = (ROOT / "lecturecode" / "__init__.py").read_text()
    return re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.M).group(1)


def cell_source(url: str | None = None, tag: str | None = None) -> str:
    """The first cell: a pinned install that raises a clear error when it fails."""
    url = repository_url() if url is None else url
    tag = f"v{version()}" if tag is None else tag
    host, _, path = url.removeprefix("https://").partition("/")
    return (
        "# Colab (or any Jupyter without lecturecode): install this book's release\n"
        "import importlib.util, subprocess, sys\n"
        'if importlib.util.find_spec("lecturecode") is None:\n'
        f'    url = ("git+https://{host}/"\n'
        f'           "{path}@{tag}")\n'
        '    pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q",\n'
        "                          url], capture_output=True, text=True)\n"
        "    if pip.returncode:\n"
        '        raise RuntimeError(f"{pip.stderr}\\nInstalling lecturecode failed"\n'
        '                           " (pip\'s message above). Check the network,"\n'
        '                           f" rerun this cell, or: pip install {url}")\n'
        "    importlib.invalidate_caches()"
    )


PLACEHOLDER = "https://github.com/differentiable-games/course-companion"


def main() -> int:
    """Rewrite the first cell of the notebooks where it differs (``make book`` runs this, so a new
    repository URL or version reaches every notebook), and say when the URL is the placeholder."""
    source = cell_source()
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text())
        first = next(c for c in nb["cells"] if c["cell_type"] == "code")
        if "".join(first["source"]) != source:
            first["source"] = source.splitlines(keepends=True)
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
            print(f"{path.relative_to(ROOT)}: first cell now installs {repository_url()}@v{version()}")
    if repository_url() == PLACEHOLDER:
        print(f"NOTICE: _config.yml's repository url is still the placeholder {PLACEHOLDER}: the "
              "Binder, Colab, JupyterHub and issue buttons and the notebooks' install cell point at no "
              "repository. Before publishing, set `repository: url:` in _config.yml (see README, "
              "'Before publishing').")
    return 0


if __name__ == "__main__":
    sys.exit(main())
