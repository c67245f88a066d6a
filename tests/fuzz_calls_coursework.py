"""Fuzz table entries for the coursework modules (checks, claims ledger, student edition), merged into :data:`fuzz_calls.CALLS` and :data:`fuzz_calls.ALLOWED`. Same one-line
format as tests/fuzz_calls.py."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from fuzz_values import JUNK, OBJECTS, Kind
from lecturecode import claims

from fuzz_calls import Call  # noqa: E402  (imported late by fuzz_calls, after Call exists there)

# a student's function: the checks must reject anything that is not callable, naming ``fn``
STUDENT_FN = Kind(lambda *args: 0.0, [JUNK, 1.0, "f", OBJECTS, True, None, np.eye(2)], [], st.nothing())
_CLAIM = claims.Claim("demo", "1 + 1 = 2", "sim_gda", "arithmetic", "adding", lambda: 2.0, 2.0)
CLAIM = Kind(_CLAIM, [JUNK, 1.0, "simgda-eta", None, ("demo",), {}], [], st.nothing())
RESULTS = Kind([claims.evaluate(_CLAIM)], [JUNK, 1.0, "x", None, [], [JUNK], [_CLAIM]], [], st.nothing())
NOTEBOOK = Kind({"cells": []}, [JUNK, 1.0, "x", None, [], {"cells": 3}, {"cells": [1]}, {}], [], st.nothing())
SOURCE = Kind("def f(x):\n    return x\n", [JUNK, 1.0, None, b"def f(): pass", "x = 1", "def (:"], [], st.nothing())
SITE = Kind({"title": "T", "repository": {"url": "https://github.com/o/r", "branch": "main"}},
            [JUNK, 1.0, None, {}, {"title": "T"}, {"title": 3, "repository": {}}, {"title": "T", "repository": 3},
             {"title": "T", "repository": {}, "sphinx": 3}], [], st.nothing())
FLAG = Kind(False, [JUNK, 1.0, "yes", None, OBJECTS], [], st.booleans())

CALLS = {
    **{name: Call(kinds=dict(fn=STUDENT_FN), examples=1) for name in (
        "sim_gda_matrix", "alt_gda_matrix", "extragradient_step", "classify_origin", "ipd_value",
        "nonsaturating_grad")},
    "evaluate": Call(kinds=dict(claim=CLAIM), examples=1),
    "ledger": Call(dict(claims=[_CLAIM]), kinds=dict(claims=Kind([_CLAIM], [JUNK, 1.0, "x", [JUNK], ["simgda-eta"]], [],
                                                                    st.nothing())), examples=1),
    "ledger_table": Call(kinds=dict(results=RESULTS), examples=1),
    "LedgerTable": Call(kinds=dict(results=RESULTS), examples=1),
    "LedgerTable.cells": Call(instance=lambda: claims.ledger_table([claims.evaluate(_CLAIM)]), examples=1),
    "LedgerTable.to_markdown": Call(instance=lambda: claims.ledger_table([claims.evaluate(_CLAIM)]), examples=1),
    "stub_source": Call(kinds=dict(source=SOURCE), examples=1),
    "student_notebook": Call(kinds=dict(notebook=NOTEBOOK, keep_outputs=FLAG), examples=2),
    "solution_texts": Call(kinds=dict(notebook=NOTEBOOK), examples=1),
    "student_site_config": Call(kinds=dict(config=SITE), examples=1),
}

ALLOWED = {
    "Feedback": "result record of a check (lecturecode.checks), built by the checks themselves",
    "Exercise": "record of checks.EXERCISES",
    "Claim": "record of claims.CLAIMS; evaluate() validates a claim before measuring it",
    "ClaimResult": "result record of claims.evaluate",
    "write_edition": "writes the student edition to disk; tested on the book's own sources in test_coursework.py",
}
