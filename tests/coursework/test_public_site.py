"""The one switch for a solution-free public site: ``publish: edition:`` in _config.yml (or
``STUDENT=1``) makes ``make site`` publish the student edition, checked by
``tests/check_site.py --student``."""

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lecturecode.student_edition import published_edition, student_notebook

ROOT = Path(__file__).resolve().parents[2]
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def test_the_book_publishes_the_full_edition_by_default_and_the_key_or_env_switches():
    assert CONFIG["publish"]["edition"] == "full"
    assert published_edition(CONFIG, environ={}) == "full"
    assert published_edition({**CONFIG, "publish": {"edition": "student"}}, environ={}) == "student"
    assert published_edition(CONFIG, environ={"STUDENT": "1"}) == "student"
    assert published_edition({**CONFIG, "publish": {"edition": "student"}}, environ={"STUDENT": "0"}) == "full"


@pytest.mark.parametrize("config,environ,match", [
    ({"publish": {"edition": "students"}}, {}, "config.s publish: edition"),
    ({}, {"STUDENT": "maybe"}, "STUDENT must be 1"),
])
def test_a_bad_switch_is_a_clear_error(config, environ, match):
    with pytest.raises(ValueError, match=match):
        published_edition(config, environ=environ)
    with pytest.raises(TypeError, match="config"):
        published_edition(None, environ={})


def test_the_command_line_prints_the_edition_the_makefile_reads():
    run = subprocess.run([sys.executable, "-m", "lecturecode.student_edition", "--published-edition", str(ROOT)],
                         capture_output=True, text=True, env={"STUDENT": "1", "PATH": "/usr/bin:/bin",
                                                              "PYTHONPATH": str(ROOT)}, check=True)
    assert run.stdout.strip() == "student"


def test_make_site_publishes_the_named_edition_and_checks_it():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^site: book\n((?:\t.*\n)+)", make, re.M).group(1)
    assert "--published-edition" in recipe and "student-site" in recipe and "_build/public" in recipe
    assert "check_site.py _build/public" in recipe and "--student" in recipe


def _fake_site(tmp_path, notebook_for):
    """A site with one page per chapter whose text is every markdown cell of ``notebook_for(nb)``
    and whose download is that notebook (enough for check_site's leak and download checks)."""
    spec = importlib.util.spec_from_file_location("check_site", ROOT / "tests" / "check_site.py")
    check_site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check_site)
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        nb = notebook_for(json.loads(path.read_text(encoding="utf-8")))
        text = "\n".join("<p>" + "".join(c["source"]) + "</p>" for c in nb["cells"])
        page = tmp_path / "chapters" / f"{path.stem}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<html><body>{text} {path.stem}.md</body></html>", encoding="utf-8")
        download = tmp_path / "_sources" / "chapters" / path.name
        download.parent.mkdir(parents=True, exist_ok=True)
        download.write_text(json.dumps(nb), encoding="utf-8")
        download.with_suffix(".md").write_text("md", encoding="utf-8")
    return check_site.check(tmp_path, student=True)


def test_the_student_site_check_rejects_the_full_book_and_accepts_the_student_edition(tmp_path):
    full = _fake_site(tmp_path / "full", lambda nb: nb)
    assert any("solution text leaks" in p for p in full)
    student = _fake_site(tmp_path / "student", student_notebook)
    assert not [p for p in student if "leak" in p or "not the student notebook" in p], student
