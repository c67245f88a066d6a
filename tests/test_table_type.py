"""The one table type (lecturecode/table_type.py) and the renderers built on it.

The golden strings were rendered by the hand-written renderers before they moved onto
:class:`Table`: the chapters' tables are byte-identical.
"""

import pytest

from lecturecode.analysis import compare
from lecturecode.analysis.kappa_sweep import SlopeRow, SlopeTable
from lecturecode.checks._feedback import Feedback
from lecturecode.claims import Claim, evaluate, ledger_table
from lecturecode.games import quadratic_2d
from lecturecode.methods import format_hyper
from lecturecode.table_type import Link, Table
from lecturecode.tables import comparison_table

GOLDEN = {
    'cmp_md': (
        '| method | hyper-parameters | rate ρ | iterations to ε | F-evaluations to ε | note |\n|---|---|--'
        '-|---|---|---|\n| Sim-GDA | η = 0.0099 | 0.9950 | 2,777 | 2,777 |  |\n| Alt-GDA | η = 0.181 | 0.81'
        '90 | 70 | 70 |  |\n| EG | η = 0.081 | 0.7303 | 44 | 88 | a \\| note <b> |'
    ),
    'cmp_html': (
        '<table class="lc-comparison"><caption>ε = 1e-06; F-evaluations = iterations × evaluations per st'
        'ep</caption><thead><tr><th>method</th><th>hyper-parameters</th><th>rate ρ</th><th>iterations to '
        'ε</th><th>F-evaluations to ε</th><th>note</th></tr></thead><tbody><tr><td>Sim-GDA</td><td>η = 0.'
        '0099</td><td>0.9950</td><td>2,777</td><td>2,777</td><td></td></tr><tr><td>Alt-GDA</td><td>η = 0.'
        '181</td><td>0.8190</td><td>70</td><td>70</td><td></td></tr><tr><td>EG</td><td>η = 0.081</td><td>'
        '0.7303</td><td>44</td><td>88</td><td>a | note &lt;b&gt;</td></tr></tbody></table>'
    ),
    'led_md': (
        '| claim | chapter | source | how it is measured | measured | theory | verdict |\n|---|---|---|---'
        '|---|---|---|\n| 1 + 1 = 2 \\| <x> | sim_gda | arith | adding | 2 | 2 ± 1e-06 | ✓ holds |\n| bound '
        '| alt_gda | paper | how | 3 | ≤ 2 | ✗ fails |\n| open | lola | paper | why | — | — | not reproduc'
        'ed |'
    ),
    'led_html': (
        '<div class="claims-ledger"><p><strong>1 of 2 measured claims hold; 1 not reproduced.</strong></p'
        '><table class="claims-table"><thead><tr><th>claim</th><th>chapter</th><th>source</th><th>how it '
        'is measured</th><th>measured</th><th>theory</th><th>verdict</th></tr></thead><tbody><tr class="c'
        'laim-pass" id="claim-demo"><td>1 + 1 = 2 | &lt;x&gt;</td><td><a href="../chapters/sim_gda.html">'
        'sim_gda</a></td><td>arith</td><td>adding</td><td>2</td><td>2 ± 1e-06</td><td>✓ holds</td></tr><t'
        'r class="claim-fail" id="claim-d2"><td>bound</td><td><a href="../chapters/alt_gda.html">alt_gda<'
        '/a></td><td>paper</td><td>how</td><td>3</td><td>≤ 2</td><td>✗ fails</td></tr><tr class="claim-op'
        'en" id="claim-d3"><td>open</td><td><a href="../chapters/lola.html">lola</a></td><td>paper</td><t'
        'd>why</td><td>—</td><td>—</td><td>not reproduced</td></tr></tbody></table></div>'
    ),
    'fb_html': (
        '<div class="check-feedback" style="border-left:4px solid #1b7f3b;padding:2px 10px"><strong style'
        '="color:#1b7f3b">✓ ex: passed</strong><br>ok &lt;i&gt;</div>'
    ),
}


def _ledger():
    claims = [Claim("demo", "1 + 1 = 2 | <x>", "sim_gda", "arith", "adding", lambda: 2.0, 2.0),
              Claim("d2", "bound", "alt_gda", "paper", "how", lambda: 3.0, 2.0, "≤", 0.0),
              Claim("d3", "open", "lola", "paper", "why", None, float("nan"), status="not reproduced")]
    return ledger_table([evaluate(c) for c in claims])


def test_the_comparison_table_renders_as_before():
    table = comparison_table(compare(quadratic_2d(1.0, 10.0, 1.0), ["Sim-GDA", "Alt-GDA", "EG"]),
                             notes={"EG": "a | note <b>"})
    assert table.markdown() == repr(table) == table._repr_markdown_() == GOLDEN["cmp_md"]
    assert table.html() == table._repr_html_() == GOLDEN["cmp_html"]
    assert str(table).splitlines()[0].split()[:2] == ["method", "hyper-parameters"]


def test_the_ledger_renders_as_before():
    table = _ledger()
    assert table.to_markdown() == repr(table) == GOLDEN["led_md"]
    assert table._repr_html_() == GOLDEN["led_html"]
    assert "✗ fails" in str(table)


def test_the_slope_table_renders_through_the_table_type():
    rows = [SlopeRow("EG", 1.0004, 1.0, {"eta": 0.25}, ("eta",), "Korpelevich 1976"),
            SlopeRow("PPM", 0.9996, None, {"eta": 2.0}, (), "Rockafellar 1976", "per outer step")]
    table = SlopeTable(rows)
    assert table._repr_html_() == (
        "<table><thead><tr><th>method</th><th>fitted slope</th><th>theory</th><th>tuned at largest κ</th>"
        "<th>reference</th></tr></thead><tbody><tr><td>EG</td><td>1.000</td><td>1</td>"
        "<td>η = 0.25 (edge of range)</td><td>Korpelevich 1976</td></tr><tr><td>PPM (per outer step)</td>"
        "<td>1.000</td><td>—</td><td>η = 2</td><td>Rockafellar 1976</td></tr></tbody></table>")
    head, first = str(table).splitlines()[:2]
    assert " ".join(first.split()) == "EG 1.000 1 η = 0.25 (edge of range) Korpelevich 1976"
    assert head.index("fitted slope") == first.index("1.000") and head.index("reference") == first.index("Korp")


def test_feedback_html_is_unchanged():
    assert Feedback("ex", True, "ok <i>")._repr_html_() == GOLDEN["fb_html"]


def test_one_hyper_parameter_formatter_knows_every_symbol():
    assert format_hyper({"eta": 0.0099, "beta": -0.5, "delta": 0.1, "lookahead": 2.0, "ratio": 3.0}) == \
        "η = 0.0099, β = -0.5, δ = 0.1, η′ = 2, r = 3"


def test_cells_are_escaped_and_links_show_their_text():
    t = Table.of(["a", "b"], [[Link("x|y", "p.html?a=1&b=2"), "<i>"]], caption="c & d", css_class="k")
    assert t.html() == ('<table class="k"><caption>c &amp; d</caption>'
                        '<thead><tr><th>a</th><th>b</th></tr></thead><tbody>'
                        '<tr><td><a href="p.html?a=1&amp;b=2">x|y</a></td><td>&lt;i&gt;</td></tr></tbody></table>')
    assert t.to_markdown().splitlines()[-1] == "| x\\|y | <i> |"
    assert str(t).splitlines() == ["a    b  ", "x|y  <i>"]  # padded like the slope table always was


@pytest.mark.parametrize("call, error, word", [
    (lambda: Table.of("ab", []), TypeError, "header"),
    (lambda: Table.of([], []), TypeError, "header"),
    (lambda: Table.of(["a"], 3), TypeError, "rows"),
    (lambda: Table.of(["a"], [["x", "y"]]), ValueError, "rows[0]"),
    (lambda: Table.of(["a"], [[1.0]]), TypeError, "rows[0]"),
    (lambda: Table.of(["a"], [["x"]], caption=1), TypeError, "caption"),
    (lambda: Table.of(["a"], [["x"]], row_attributes=[{}, {}]), TypeError, "row_attributes"),
    (lambda: format_hyper([("eta", 1.0)]), TypeError, "hyper"),
])
def test_hostile_input_is_rejected_by_name(call, error, word):
    with pytest.raises(error, match=word.replace("[", r"\[").replace("]", r"\]")):
        call()
