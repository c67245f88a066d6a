"""Check the built website the way a reader would see it (run by `make book` after the build).

For every chapter notebook in the table of contents: each captioned figure cell rendered an
image in the page, each explorer rendered its kernel-free slider (frames and controls), not an
empty widget, the page carries no unused widget state, and the chapter can be downloaded as the
executed notebook and as Markdown. On the full site every coding exercise's check shows that the
reference solution passes (✓). With ``--student`` (the student site of ``make student``) the
downloads are the student notebooks (stubs, no outputs) and no line of any solution appears in a
page. Exits non-zero, naming the page, when something is missing.
"""

import html
import json
import re
import sys
from pathlib import Path

from lecturecode.checks import EXERCISES
from lecturecode.student_edition import solution_texts

ROOT = Path(__file__).resolve().parents[1]


def expected(notebook: Path):
    cells = [c for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "code"]
    figures = [c["metadata"]["mystnb"]["figure"]["name"] for c in cells
               if c["metadata"].get("mystnb", {}).get("figure")]
    explorers = sum("explore" in "".join(c["source"]) for c in cells)
    return figures, explorers


def page_text(page_html: str) -> str:
    """What a reader sees of a page: tags dropped, entities decoded, white space folded."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page_html, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split())


def leaks(notebook: dict, text: str) -> list[str]:
    """Lines of the notebook's solutions that appear in ``text`` (white space folded)."""
    return [line for line in solution_texts(notebook) if " ".join(line.split()) in text]


def check(html_dir: Path, student: bool = False) -> list[str]:
    problems = []
    notebooks = sorted((ROOT / "chapters").glob("*.ipynb"))
    if not notebooks:
        return ["no chapter notebooks found"]
    for nb in notebooks:
        page = html_dir / "chapters" / (nb.stem + ".html")
        if not page.exists():
            problems.append(f"{page}: missing (is {nb.name} in _toc.yml?)")
            continue
        text = page.read_text(encoding="utf-8")
        figures, explorers = expected(nb)
        for name in figures:
            m = re.search(rf'<figure[^>]*id="{re.escape(name)}"(.*?)</figure>', text, re.S)
            if not m or "<img" not in m.group(1):
                problems.append(f"{page.name}: figure '{name}' has no image (did the cell draw?)")
        found = text.count('class="lc-explorer"')
        if found != explorers:
            problems.append(f"{page.name}: {explorers} explorer(s) expected, {found} rendered statically")
        if "application/vnd.jupyter.widget-view+json" in text and found == 0:
            problems.append(f"{page.name}: a bare widget with no kernel-free fallback")
        if "widget-state+json" in text:
            problems.append(f"{page.name}: carries widget state the static page never uses")
        download = html_dir / "_sources" / "chapters" / nb.name
        cells = json.loads(download.read_text())["cells"] if download.is_file() else []
        executed = any(c.get("outputs") for c in cells if c["cell_type"] == "code")
        labels = [label for label, e in EXERCISES.items() if e.chapter == nb.stem]
        if student:
            stubbed = any("raise NotImplementedError" in "".join(c["source"]) for c in cells)
            if executed or (labels and not stubbed):
                problems.append(f"{page.name}: the .ipynb download is not the student notebook (stubs, no outputs)")
            for line in leaks(json.loads(nb.read_text()), page_text(text)):
                problems.append(f"{page.name}: solution text leaks into the student site: {line!r}")
        else:
            if not executed:
                problems.append(f"{page.name}: the .ipynb download is not the executed notebook")
            for label in labels:
                if f"✓ {label}" not in page_text(text):
                    problems.append(f"{page.name}: the check of {label} does not pass on the reference solution")
        if not download.with_suffix(".md").is_file() or f"{nb.stem}.md" not in text:
            problems.append(f"{page.name}: no .md download")
        print(f"{page.relative_to(html_dir)}: {len(figures)} figures, {found} explorers, "
              f"{page.stat().st_size / 1e6:.2f} MB")
    return problems


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--student"]
    problems = check(Path(args[0] if args else ROOT / "_build" / "html"), student="--student" in sys.argv[1:])
    for p in problems:
        print("SITE CHECK FAILED:", p, file=sys.stderr)
    sys.exit(1 if problems else 0)
