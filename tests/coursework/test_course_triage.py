"""Bad files get a zero and a reason before nbgrader sees them; stripped metadata and deleted
graded cells are put back from the release."""

import json
from pathlib import Path

from coursework.build import course_notebook, load_config
from coursework.grade_class import triage

ROOT = Path(__file__).resolve().parents[2]


def release():
    nb = json.loads((ROOT / "chapters" / "sim_gda.ipynb").read_text(encoding="utf-8"))
    return course_notebook(nb, "sim_gda", load_config())[0]


def dump(nb):
    return json.dumps(nb).encode()


def test_renamed_file_non_notebook_and_other_chapter_get_a_reason():
    rel = release()
    assert triage("sim_gda", "smith_sim_gda.ipynb", dump(rel), rel)[1].startswith("no sim_gda.ipynb")
    assert triage("sim_gda", "sim_gda.ipynb", b"%PDF-1.4", rel)[1].startswith("not a Jupyter notebook")
    assert triage("sim_gda", "sim_gda.ipynb", "ü".encode("latin-1"), rel)[1].startswith("not a Jupyter")
    assert triage("sim_gda", "sim_gda.ipynb", b'{"cells": 3}', rel)[0] is None
    other = dict(rel, metadata={"lecturecode": {"chapter": "acceleration"}})
    assert "chapter 'acceleration'" in triage("sim_gda", "sim_gda.ipynb", dump(other), rel)[1]
    empty = dict(rel, cells=[], metadata={})
    assert "none of the assignment's cells" in triage("sim_gda", "sim_gda.ipynb", dump(empty), rel)[1]


def test_stripped_metadata_and_deleted_cells_are_put_back():
    rel = release()
    nb = json.loads(json.dumps(rel))
    for c in nb["cells"]:
        c["metadata"] = {}
    nb["metadata"] = {}
    fixed, note = triage("sim_gda", "sim_gda.ipynb", dump(nb), rel)
    assert "restored" in note and fixed["metadata"]["lecturecode"]["chapter"] == "sim_gda"
    assert [c["metadata"] for c in fixed["cells"]] == [c["metadata"] for c in rel["cells"]]
    nb = json.loads(json.dumps(rel))
    nb["cells"] = [c for c in nb["cells"] if not c["metadata"].get("nbgrader", {}).get("grade_id", "").startswith(
        ("test-", "hidden-"))]
    fixed, note = triage("sim_gda", "sim_gda.ipynb", dump(nb), rel)
    assert "deleted cells put back" in note
    assert [c["id"] for c in fixed["cells"]] == [c["id"] for c in rel["cells"]]
