"""The launch buttons the theme (sphinx-book-theme) builds for chapters/sim_gda from a book
configuration: shared by the launch-link test and the student-branch test (not a test module)."""

from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]


def chapter_launch_links(config: dict, **launch) -> dict:
    """``{button text: url}`` for chapters/sim_gda under ``config`` (a parsed _config.yml), with the
    ``launch_buttons`` entries overridden by ``launch``."""
    launch_mod = pytest.importorskip("sphinx_book_theme.header_buttons.launch")
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
    return {b["text"]: b["url"] for group in context["header_buttons"] for b in group.get("buttons", [])}
