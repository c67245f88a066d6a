"""A chapter saved after Run All and opened without a kernel (nbconvert to HTML, as nbviewer and
GitHub's viewer do) shows a picture for every explorer, and carries no pre-rendered website frames."""

import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / ".ci"))
import execute_chapters  # noqa: E402  (the executor of the Colab-like and Binder-like CI runs)


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """solution_concepts (three explorers) run as Run All does, then saved."""
    pytest.importorskip("nbconvert")
    out = tmp_path_factory.mktemp("executed")
    problems = execute_chapters.run(ROOT / "chapters" / "solution_concepts.ipynb", out, timeout=120,
                                    installed=False)              # .venv installs lecturecode editable
    return nbformat.read(out / "solution_concepts.ipynb", as_version=4), problems


def test_the_run_leaves_every_explorer_live_with_a_plain_picture(saved):
    nb, problems = saved
    assert problems == []
    count, missing = execute_chapters.explorer_problems(nb)
    assert count == 3 and missing == []
    assert "widgets" not in nb.metadata                      # as JupyterLab saves by default


def test_a_saved_notebook_shows_an_image_per_explorer_without_a_kernel(saved):
    nb, _ = saved
    assert execute_chapters.html_images(nb) == [1, 1, 1]
