"""Launch buttons as the theme builds them from _config.yml: JupyterHub opens the chapter in
JupyterLab through nbgitpuller, Binder and Colab on the same repository and branch."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml
from launch_buttons import chapter_launch_links

ROOT = Path(__file__).resolve().parents[1]


def launch_links(**launch):
    """The launch buttons of chapters/sim_gda with _config.yml's settings (``launch`` overrides)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    return chapter_launch_links(config, **launch), config["repository"]


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
