"""``make student-branch`` (coursework/student_branch.py): the branch the launch buttons open holds
every chapter's student notebook and no solution, has a history of its own, and never touches the
checkout it is made from."""

import json
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from launch_buttons import chapter_launch_links

from lecturecode.student_edition import solution_texts, student_notebook, student_site_config

from coursework.student_branch import KEEP, write_student_branch

ROOT = Path(__file__).resolve().parents[2]


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A clone of this repository (sharing its objects) with the branch written in it."""
    clone = tmp_path_factory.mktemp("repo") / "clone"
    subprocess.run(["git", "clone", "-q", "--shared", str(ROOT), str(clone)], check=True)
    status = git(clone, "status", "--porcelain")
    head = git(clone, "rev-parse", "HEAD")
    branch, commit, new = write_student_branch(clone)
    assert new
    assert git(clone, "status", "--porcelain") == status and git(clone, "rev-parse", "HEAD") == head
    return clone, branch, commit


def test_the_branch_is_the_one_the_launch_buttons_open(repo, monkeypatch):
    clone, branch, _ = repo
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    monkeypatch.delenv("LECTURECODE_STUDENT_BRANCH", raising=False)
    assert branch == student_site_config(config)["repository"]["branch"] == "student"
    assert git(clone, "rev-parse", "student") == git(clone, "rev-parse", repo[2])


def test_every_chapter_is_its_student_notebook(repo):
    clone, branch, _ = repo
    files = set(git(clone, "ls-tree", "-r", "--name-only", branch).split())
    chapters = sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("chapters/*.ipynb"))
    assert set(chapters) <= files and "appendix/claims.ipynb" in files
    for path in chapters:
        committed = json.loads(git(clone, "show", f"HEAD:{path}"))
        assert json.loads(git(clone, "show", f"{branch}:{path}")) == student_notebook(committed), path
    assert {f.split("/")[0] for f in files} <= {*KEEP, "chapters", "appendix", "README.md"}
    assert not any(f.startswith(("tests/", "coursework/")) for f in files)


def test_no_solution_text_in_any_file_of_the_branch(repo):
    """The student-edition leak check on every notebook of the branch, and on every other file."""
    clone, branch, _ = repo
    files = git(clone, "ls-tree", "-r", "--name-only", branch).split()
    other = "\n".join(git(clone, "show", f"{branch}:{f}") for f in files if not f.endswith(".ipynb"))
    leaks = []
    for path in sorted(ROOT.glob("chapters/*.ipynb")):
        lines = solution_texts(json.loads(path.read_text(encoding="utf-8")))
        assert lines, path
        student = json.loads(git(clone, "show", f"{branch}:chapters/{path.name}"))
        text = "\n".join("".join(c["source"]) for c in student["cells"])
        assert "{solution" not in text and all(not c.get("outputs") for c in student["cells"]
                                               if c["cell_type"] == "code")
        leaks += [(path.name, line) for line in lines if line in text]
        leaks += [("a file outside the notebooks", line) for line in lines if line in other]
    assert not leaks


def test_the_history_holds_no_commit_of_the_book_and_reruns_commit_only_changes(repo):
    clone, branch, commit = repo
    assert not set(git(clone, "rev-list", branch).split()) & set(git(clone, "rev-list", "HEAD").split())
    assert write_student_branch(clone) == (branch, commit, False)
    nb = clone / "chapters" / "sim_gda.ipynb"
    data = json.loads(nb.read_text(encoding="utf-8"))
    data["cells"][0]["source"] = "# A new title\n"
    nb.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    git(clone, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "edit")
    _, second, new = write_student_branch(clone)
    assert new and git(clone, "rev-parse", f"{second}^").strip() == commit
    assert git(clone, "show", f"{branch}:chapters/sim_gda.ipynb").count("A new title") == 1


def test_bad_input_is_a_clear_error(repo):
    clone, _, _ = repo
    with pytest.raises(RuntimeError, match="rev-parse"):
        write_student_branch(clone, "no-such-commit")
    with pytest.raises(TypeError, match="rev"):
        write_student_branch(clone, None)
    with pytest.raises(RuntimeError, match="check-ref-format"):
        write_student_branch(clone, "HEAD", "bad..name")


def student_site_links(config: dict) -> dict:
    """The launch buttons of chapters/sim_gda on the student site, as the theme builds them from
    the student site's _config.yml (``student_site_config``), a hub set so its button shows too."""
    return chapter_launch_links(config, jupyterhub_url="https://hub.example.edu")


def test_the_student_sites_launch_links_open_files_that_exist_on_the_branch(repo, monkeypatch):
    clone, branch, _ = repo
    monkeypatch.delenv("LECTURECODE_STUDENT_BRANCH", raising=False)
    config = student_site_config(yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")))
    links = student_site_links(config)
    assert links["Binder"].endswith(f"/{branch}?urlpath=lab/tree/chapters/sim_gda.ipynb")
    assert links["Colab"].endswith(f"/blob/{branch}/chapters/sim_gda.ipynb")
    assert parse_qs(urlsplit(links["JupyterHub"]).query)["branch"] == [branch]
    files = set(git(clone, "ls-tree", "-r", "--name-only", branch).split())
    assert {"chapters/sim_gda.ipynb", "binder/requirements.txt", "binder/runtime.txt", "pyproject.toml",
            "README.md", "lecturecode/__init__.py"} <= files      # what Binder, Colab and nbgitpuller open
