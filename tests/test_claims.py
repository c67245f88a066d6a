"""Every claim of the ledger holds, asserted from its one definition in lecturecode.claims."""

import math

import pytest

import lecturecode as lc
from lecturecode.claims import CLAIMS, Claim, evaluate, ledger_table

CHAPTERS = {"gans", "solution_concepts", "sim_gda", "acceleration", "alt_gda", "lola"}


MEASURED = [k for k, c in CLAIMS.items() if c.status == "measured"]


@pytest.mark.parametrize("key", MEASURED)
def test_claim_holds(key):
    result = evaluate(CLAIMS[key])
    claim = result.claim
    assert math.isfinite(result.measured)
    assert result.passed, (f"{claim.statement}: measured {result.measured!r}, theory {claim.relation} "
                           f"{claim.theory} (tolerance {claim.tolerance})")


def test_every_chapter_has_claims_and_every_claim_is_complete():
    assert {c.chapter for c in CLAIMS.values()} == CHAPTERS
    for key, claim in CLAIMS.items():
        assert claim.key == key and claim.statement and claim.source and claim.how
        assert claim.relation in ("=", "≤", "≥") and claim.tolerance >= 0


def test_a_false_claim_fails():
    """The verdict is not vacuous: the same measurement against a wrong theory fails."""
    claim = CLAIMS["simgda-slope"]
    assert not evaluate(claim._replace(theory=1.0)).passed
    assert not evaluate(CLAIMS["ipd-lola"]._replace(theory=-1.0)).passed
    assert not evaluate(Claim("nan", "x", "sim_gda", "s", "h", lambda: float("nan"), 0.0, tolerance=1.0)).passed


def test_the_ledger_table_shows_every_claim_with_its_verdict():
    results = [evaluate(CLAIMS[k]) for k in ("simgda-eta", "eg-rate")]
    results.append(evaluate(CLAIMS["simgda-eta"]._replace(key="wrong", theory=0.5)))
    table = ledger_table(results)
    html = table._repr_html_()
    assert table.n_passed == 2 and "2 of 3 measured claims hold" in html
    assert html.count("✓ holds") == 2 and html.count("✗ fails") == 1
    assert "≤ 0.995" in table.to_markdown() and "0.01 ± 1e-06" in table.to_markdown()
    assert 'href="../chapters/sim_gda.html"' in html


def test_bad_claims_are_rejected():
    with pytest.raises(TypeError, match="claim"):
        evaluate("simgda-eta")
    with pytest.raises(ValueError, match="relation"):
        evaluate(CLAIMS["simgda-eta"]._replace(relation="<"))
    with pytest.raises(TypeError, match="results"):
        ledger_table([])
    with pytest.raises(TypeError, match="claims"):
        lc.claims.ledger(3)


def test_claims_not_reproduced_are_listed_with_their_reason():
    """The ledger lists every lecture claim, including the one the book does not reproduce."""
    open_claims = [c for c in CLAIMS.values() if c.status == "not reproduced"]
    assert [c.key for c in open_claims] == ["dcgan-alt-beats-sim"]
    for claim in open_claims:
        result = evaluate(claim)
        assert result.passed is None and math.isnan(result.measured) and claim.how.startswith("not reproduced")
    table = ledger_table([evaluate(CLAIMS["simgda-eta"]), evaluate(open_claims[0])])
    assert "1 of 1 measured claims hold; 1 not reproduced" in table._repr_html_()
    assert "not reproduced" in table.to_markdown() and table.n_not_reproduced == 1
    with pytest.raises(ValueError, match="status"):
        evaluate(CLAIMS["simgda-eta"]._replace(status="maybe"))
