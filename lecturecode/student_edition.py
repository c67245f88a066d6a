r"""The student edition of the chapters, from the same notebooks: solutions out, stubs in.

In a chapter notebook a coding exercise's reference solution is a code cell tagged
``solution`` inside a gated solution (``:::{solution-start}`` … ``:::{solution-end}``), and the
call of its check is the next code cell, tagged ``check``. The student edition

* replaces each ``solution`` cell by a **stub**: the same function signature and docstring,
  with the body ``raise NotImplementedError()`` (exactly what the nbgrader release of the course,
  ``make course``, puts in the answer cell);
* keeps each ``check`` cell (so the student gets feedback right after the stub);
* drops every other part of a solution: the text of ``{solution}`` directives, gated or not,
  and any other cell between ``solution-start`` and ``solution-end``;
* clears outputs (the notebooks students download), or keeps the outputs of the cells it did
  not touch (the sources of the student website).

``python -m lecturecode.student_edition`` (what ``make student`` runs) writes the student
notebooks and the sources of the student website; see :func:`main`.
"""

from __future__ import annotations

import ast
import copy
import json
import os
import re
import shutil
from pathlib import Path

from .validation import as_flag, as_text

__all__ = ["SOLUTION_TAG", "CHECK_TAG", "CODE_STUB", "stub_source", "student_notebook", "solution_texts",
           "student_site_config", "published_edition", "write_edition"]

#: The body of a stub: the same text nbgrader's release puts in an answer cell
#: (``ClearSolutions.code_stub`` in the course's nbgrader_config.py), so the student edition's
#: answer cells and the nbgrader release's are the same.
CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
SOLUTION_TAG = "solution"
CHECK_TAG = "check"
_OPEN = re.compile(r"^(:{3,}|`{3,})\{(solution|solution-start|solution-end)\}")


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _tags(cell) -> list:
    return list(cell.get("metadata", {}).get("tags", []))


def _check_notebook(notebook) -> None:
    if not (isinstance(notebook, dict) and isinstance(notebook.get("cells"), list)
            and all(isinstance(c, dict) for c in notebook["cells"])):
        raise TypeError(f"notebook must be a notebook as a dict with a 'cells' list of dicts, got "
                        f"{type(notebook).__name__}")


def stub_source(source: str) -> str:
    """The stub of a solution cell: each top-level function keeps its signature and docstring
    and raises ``NotImplementedError``; everything else is dropped.

    Examples
    --------
    >>> print(stub_source('def f(x):\\n    \"\"\"Twice x.\"\"\"\\n    return 2 * x\\n'))
    def f(x):
        \"\"\"Twice x.\"\"\"
        # YOUR CODE HERE
        raise NotImplementedError()
    """
    source = as_text(source, "source")
    try:
        tree = ast.parse(source)
    except SyntaxError as err:
        raise ValueError(f"source must be valid Python (a solution cell), got a syntax error: {err}") from None
    lines = source.splitlines()
    stubs = []
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        first_body = node.body[0]
        if first_body.lineno > node.lineno:
            head = lines[node.lineno - 1:first_body.lineno - 1]
        else:                                      # a one-line function: rebuild its signature
            head = [f"{' ' * node.col_offset}def {node.name}({ast.unparse(node.args)}):"]
        if (isinstance(first_body, ast.Expr) and isinstance(first_body.value, ast.Constant)
                and isinstance(first_body.value.value, str)):
            head += lines[first_body.lineno - 1:first_body.end_lineno]
        indent = " " * (first_body.col_offset if first_body.lineno > node.lineno else node.col_offset + 4)
        stubs.append("\n".join(head + [f"{indent}{line}" for line in CODE_STUB.splitlines()]))
    if not stubs:
        raise ValueError("source must define at least one function (a solution cell's answer is a function)")
    return "\n\n\n".join(stubs) + "\n"


def _strip_solution_text(text: str, inside: bool) -> tuple[str, bool]:
    """Remove solution directives from one Markdown cell; ``inside`` tells whether a gated
    solution is open when the cell starts (and is returned for the next cell)."""
    out, lines, i = [], text.splitlines(keepends=True), 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if match:
            fence, kind = match.group(1), match.group(2)
            j = i + 1
            if kind == "solution":                 # a whole solution: drop through its closing fence
                while j < len(lines) and lines[j].rstrip() != fence:
                    j += 1
            else:                                  # a gated marker: drop its own (option-only) block
                while j < len(lines) and lines[j].rstrip() != fence:
                    j += 1
                inside = kind == "solution-start"
            i = j + 1
            continue
        if not inside:
            out.append(lines[i])
        i += 1
    return "".join(out), inside


def student_notebook(notebook: dict, *, keep_outputs: bool = False) -> dict:
    """The student edition of one notebook (a JSON dict as :mod:`json` reads it).

    Examples
    --------
    >>> nb = {"cells": [
    ...     {"cell_type": "markdown", "metadata": {}, "source": ":::{exercise}\\n:label: ex\\nDo it.\\n:::\\n"
    ...      ":::{solution-start} ex\\n:::\\nThe trick is..."},
    ...     {"cell_type": "code", "metadata": {"tags": ["solution"]}, "outputs": [], "execution_count": None,
    ...      "source": "def f(x):\\n    return 2 * x"},
    ...     {"cell_type": "code", "metadata": {"tags": ["check"]}, "outputs": [], "execution_count": None,
    ...      "source": "check(f)"},
    ...     {"cell_type": "markdown", "metadata": {}, "source": ":::{solution-end}\\n:::\\nMore text."}],
    ...     "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    >>> [c["source"] for c in student_notebook(nb)["cells"]]  # doctest: +NORMALIZE_WHITESPACE
    [':::{exercise}\\n:label: ex\\nDo it.\\n:::\\n', 'def f(x):\\n
     # YOUR CODE HERE\\n    raise NotImplementedError()\\n',
     'check(f)', 'More text.']
    """
    _check_notebook(notebook)
    keep_outputs = as_flag(keep_outputs, "keep_outputs")
    nb = copy.deepcopy(notebook)
    cells, inside = [], False
    for cell in nb["cells"]:
        kind = cell.get("cell_type")
        if kind == "markdown":
            text, inside = _strip_solution_text(_source(cell), inside)
            if text.strip():
                cell["source"] = text
                cells.append(cell)
            continue
        if kind != "code":
            cells.append(cell)
            continue
        tags = _tags(cell)
        if SOLUTION_TAG in tags:
            cell["source"] = stub_source(_source(cell))
            cell["outputs"], cell["execution_count"] = [], None
        elif CHECK_TAG in tags:
            cell["outputs"], cell["execution_count"] = [], None
        elif inside:
            continue
        elif not keep_outputs:
            cell["outputs"], cell["execution_count"] = [], None
        cells.append(cell)
    nb["cells"] = cells
    nb.setdefault("metadata", {})["lecturecode"] = {"edition": "student"}
    return nb


def solution_texts(notebook: dict) -> list[str]:
    """The lines of solution text a student edition must not contain: the body of every
    ``solution`` cell (signature and docstring excepted) and every line of solution prose."""
    _check_notebook(notebook)
    texts, inside = [], False
    for cell in notebook["cells"]:
        source = _source(cell)
        if cell.get("cell_type") == "markdown":
            kept, inside_after = _strip_solution_text(source, inside)
            kept_lines = set(kept.splitlines())
            texts += [line for line in source.splitlines() if line not in kept_lines and not _OPEN.match(line)]
            inside = inside_after
        elif SOLUTION_TAG in _tags(cell):
            stub = set(stub_source(source).splitlines())
            texts += [line for line in source.splitlines() if line not in stub]
    return [t.strip() for t in texts if len(t.strip()) >= 12 and not re.fullmatch(r"[:`]+.*", t.strip())]


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, nb: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def write_edition(root, out, executed=None) -> list[Path]:
    """Write the student notebooks to ``out`` (one per chapter, no outputs) and, when
    ``executed`` is given (a folder with the executed ``chapters/*.ipynb`` and
    ``appendix/*.ipynb``: the main site's ``_build/html/_sources``), the sources of the student
    website to ``out/src`` (executed outputs kept, solutions out, never executed again).
    Returns the notebooks written."""
    root, out = _folder(root, "root"), _folder(out, "out")
    executed = None if executed is None else _folder(executed, "executed")
    chapters = sorted((root / "chapters").glob("*.ipynb"))
    if not chapters:
        raise ValueError(f"root must be the book's folder (with chapters/*.ipynb), got {str(root)!r}")
    written = []
    for path in chapters:
        nb = student_notebook(_read(path))
        _write(out / path.name, nb)
        written.append(out / path.name)
    if executed is not None:
        _site_sources(root, out / "src", executed)
    return written


def _folder(value, name: str) -> Path:
    """A folder given as a ``str`` or ``os.PathLike`` (``None``, numbers, bytes are rejected, so
    ``write_edition(root, None)`` fails instead of writing into ``./None``)."""
    if isinstance(value, str):
        if not value.strip():
            raise ValueError(f"{name} must name a folder, got {value!r}")
        return Path(value)
    if isinstance(value, os.PathLike) and isinstance(os.fspath(value), str):
        return Path(value)
    raise TypeError(f"{name} must be a folder (a str or pathlib.Path), got {value!r}")


#: The environment variable naming the repository branch that holds the student notebooks
#: (``_build/student/*.ipynb`` published as ``chapters/*.ipynb``); the student site's launch
#: buttons open the chapters there, never the instructor's notebooks on the book's branch.
STUDENT_BRANCH = "LECTURECODE_STUDENT_BRANCH"


def student_site_config(config: dict) -> dict:
    """The student site's ``_config.yml`` from the book's: solutions hidden, nothing executed, and
    the launch buttons on the branch of the student notebooks (``$LECTURECODE_STUDENT_BRANCH``,
    default ``student``).

    Examples
    --------
    >>> c = student_site_config({"title": "T", "execute": {}, "sphinx": {"config": {}},
    ...                          "repository": {"url": "https://github.com/o/r", "branch": "main"}})
    >>> c["repository"]["branch"], c["sphinx"]["config"]["hide_solutions"]
    ('student', True)
    """
    if not (isinstance(config, dict) and isinstance(config.get("repository"), dict)
            and isinstance(config.get("title"), str) and all(isinstance(config.get(k, {}), dict)
                                                             for k in ("execute", "sphinx", "html"))):
        raise TypeError(f"config must be the book's _config.yml as a dict with a 'title' and a 'repository' "
                        f"section, got {str(config)[:80]}")
    config = copy.deepcopy(config)
    config["title"] = f"{config['title']} (student edition)"
    config.setdefault("execute", {})["execute_notebooks"] = "off"
    config.setdefault("sphinx", {}).setdefault("config", {})["hide_solutions"] = True
    config.setdefault("html", {})["announcement"] = ("Student edition: the solutions are left out; each coding "
                                                     "exercise has a stub and a check.")
    branch = os.environ.get(STUDENT_BRANCH, "student").strip()
    if not re.fullmatch(r"[A-Za-z0-9._/-]{1,100}", branch):
        raise ValueError(f"{STUDENT_BRANCH} must name a git branch, got {branch!r}")
    config["repository"]["branch"] = branch
    return config


def _site_sources(root: Path, src: Path, executed: Path) -> None:
    import yaml

    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    for name in ("_toc.yml", "intro.md", "bibliography.md", "references.bib"):
        shutil.copy2(root / name, src / name)
    shutil.copytree(root / "_ext", src / "_ext", ignore=shutil.ignore_patterns("__pycache__"))
    config = student_site_config(yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")))
    (src / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for folder in ("chapters", "appendix"):
        for path in sorted((root / folder).glob("*.ipynb")):
            run = executed / folder / path.name
            if not run.is_file():
                raise ValueError(f"executed must hold the executed {folder}/{path.name} (run `make book` first)")
            if not any(c.get("outputs") for c in _read(run)["cells"] if c.get("cell_type") == "code"):
                raise ValueError(f"executed/{folder}/{path.name} has no outputs: it is not an executed notebook")
            _write(src / folder / path.name, student_notebook(_read(run), keep_outputs=True))


#: The environment variable that overrides ``publish: edition:`` of ``_config.yml`` (``STUDENT=1 make site``).
PUBLISH_ENV = "STUDENT"
_EDITIONS = ("full", "student")


def published_edition(config: dict, environ=None) -> str:
    """Which edition ``make site`` publishes: ``"full"`` (the book, solutions as collapsed
    dropdowns and in the downloads) or ``"student"`` (the student edition: no solution in any page,
    search index or download). ``$STUDENT`` (``1``/``0``) overrides the ``publish: edition:`` key of
    ``_config.yml`` (default ``full``).

    Examples
    --------
    >>> published_edition({"publish": {"edition": "student"}}, environ={})
    'student'
    >>> published_edition({}, environ={"STUDENT": "1"})
    'student'
    """
    if not isinstance(config, dict):
        raise TypeError(f"config must be the book's _config.yml as a dict, got {type(config).__name__}")
    environ = os.environ if environ is None else environ
    if not hasattr(environ, "get"):
        raise TypeError(f"environ must be a mapping of environment variables (or None), got {type(environ).__name__}")
    flag = str(environ.get(PUBLISH_ENV, "")).strip().lower()
    if flag:
        if flag not in ("1", "0", "true", "false", "yes", "no"):
            raise ValueError(f"{PUBLISH_ENV} must be 1 (publish the student edition) or 0 (the full book), "
                             f"got {flag!r}")
        return "student" if flag in ("1", "true", "yes") else "full"
    publish = config.get("publish") or {}
    edition = publish.get("edition", "full") if isinstance(publish, dict) else publish
    if edition not in _EDITIONS:
        raise ValueError(f"config's publish: edition: (in _config.yml) must be one of {_EDITIONS}, got {edition!r}")
    return edition


def main(argv=None) -> int:
    """``python -m lecturecode.student_edition ROOT OUT [EXECUTED]`` writes the edition;
    ``python -m lecturecode.student_edition --published-edition ROOT`` prints ``full`` or
    ``student`` (:func:`published_edition` of ``ROOT/_config.yml``)."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--published-edition"] and len(args) == 2:
        import yaml

        print(published_edition(yaml.safe_load((Path(args[1]) / "_config.yml").read_text(encoding="utf-8"))))
        return 0
    if len(args) not in (2, 3):
        print("usage: python -m lecturecode.student_edition BOOK_ROOT OUT_DIR [EXECUTED_NOTEBOOKS_DIR]\n"
              "       python -m lecturecode.student_edition --published-edition BOOK_ROOT")
        return 2
    written = write_edition(*args)
    print(f"student edition: {len(written)} notebooks in {args[1]}" + (f", site sources in {args[1]}/src"
                                                                       if len(args) == 3 else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
