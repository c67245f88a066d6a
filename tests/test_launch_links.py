"""Launch buttons as the theme builds them from _config.yml: JupyterHub opens the chapter in
JupyterLab through nbgitpuller, Binder and Colab on the same repository and branch."""

from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def launch_links(**launch):
    """The launch buttons of chapters/sim_gda with _config.yml's settings (``launch`` overrides)."""
    launch_mod = pytest.importorskip("sphinx_book_theme.header_buttons.launch")
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    repo = config["repository"]
    _, _, org, name = repo["url"].rstrip("/").split("/")[-4:]
    options = {"launch_buttons": {**config["launch_buttons"], **launch}, "repository_url": repo["url"],
               "repository_branch": repo["branch"], "path_to_docs": repo["path_to_book"]}
    app = SimpleNamespace(config={"html_theme_options": options}, srcdir=str(ROOT),
                          env=SimpleNamespace(doc2path=lambda page: str(ROOT / f"{page}.ipynb"),
                                              metadata={"chapters/sim_gda": {"kernelspec": {}}}))
    context = {"pagename": "chapters/sim_gda", "sourcename": "chapters/sim_gda.ipynb",
               "page_source_suffix": ".ipynb", "header_buttons": [],
               "github_url": "https://github.com", "github_user": org, "github_repo": name}
    launch_mod.add_launch_buttons(app, "chapters/sim_gda", "page.html", context, None)
    buttons = [b for group in context["header_buttons"] for b in group.get("buttons", [])]
    return {b["text"]: b["url"] for b in buttons}, repo


def test_jupyterhub_opens_the_chapter_in_jupyterlab_through_nbgitpuller():
    links, repo = launch_links(jupyterhub_url="https://hub.example.edu/")
    url = urlsplit(links["JupyterHub"])
    assert url.netloc == "hub.example.edu" and url.path == "/hub/user-redirect/git-pull"
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    folder = repo["url"].rstrip("/").rsplit("/", 1)[-1]        # nbgitpuller clones into the repo's name
    assert query == {"repo": repo["url"], "branch": repo["branch"],
                     "urlpath": f"lab/tree/{folder}/chapters/sim_gda.ipynb"}


def test_binder_and_colab_open_the_same_chapter_and_no_hub_button_until_a_hub_is_set():
    links, repo = launch_links()
    assert "JupyterHub" not in links
    assert links["Binder"].endswith(f"/{repo['branch']}?urlpath=lab/tree/chapters/sim_gda.ipynb")
    assert links["Colab"].endswith(f"/blob/{repo['branch']}/chapters/sim_gda.ipynb")
