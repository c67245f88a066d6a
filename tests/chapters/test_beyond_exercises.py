"""The numbers and formulas the exercises of "Beyond the lecture" state, measured by the package:
the noise floor of Sim-GDA, consensus optimisation on bilinear games, Nash versus Stackelberg,
the O(1/k) bound on extragradient's averaged gap, and the coding exercise's check (its slips and
the chapter's reference solution)."""

import json
from pathlib import Path

import autograd.numpy as anp
import numpy as np
import pytest

import lecturecode as lc
from lecturecode.analysis import monotone, stackelberg, stochastic

M = lc.methods
CHAPTER = Path(__file__).parents[2] / "chapters" / "beyond.ipynb"
NB = json.loads(CHAPTER.read_text(encoding="utf-8"))
TEXT = "".join("".join(c["source"]) for c in NB["cells"] if c["cell_type"] == "markdown")
rate = lc.analysis.convergence_rate


def closed_form_floor(mu, b, eta, sigma):
    return 2 * eta * sigma**2 / (2 * mu - eta * (mu**2 + b**2))


# --- ex-beyond-noise-floor --------------------------------------------------------------------

@pytest.mark.parametrize("mu, b, eta, sigma", [(1.0, 3.0, 0.05, 1.0), (0.5, 2.0, 0.1, 0.7), (2.0, 1.0, 0.3, 2.0),
                                               (1.0, 0.0, 0.01, 1.0), (1.0, 3.0, 0.19, 0.3)])
def test_the_closed_form_floor_is_the_lyapunov_solution(mu, b, eta, sigma):
    floor = stochastic.noise_floor(M.sim_gda(eta), lc.games.quadratic_2d(mu, b, mu), sigma)
    assert floor == pytest.approx(closed_form_floor(mu, b, eta, sigma), rel=1e-10)


def test_the_recursion_tends_to_an_isotropic_sigma_with_the_floor_as_trace():
    g = lc.games.quadratic_2d(1.0, 3.0, 1.0)
    Mk = np.eye(2) - 0.05 * g.H
    S = np.outer([2.0, 2.0], [2.0, 2.0])        # the chapter's start z0 = (2, 2); any start gives the same limit
    for _ in range(3000):
        S = Mk @ S @ Mk.T + 0.05**2 * np.eye(2)
    np.testing.assert_allclose(S, np.eye(2) / 30, atol=1e-12)
    assert np.trace(S) == pytest.approx(stochastic.noise_floor(M.sim_gda(0.05), g, 1.0), rel=1e-10)


def test_the_chapter_values_of_the_noise_floor_exercise():
    g = lc.games.quadratic_2d(1.0, 3.0, 1.0)
    floor = stochastic.noise_floor(M.sim_gda(0.05), g, 1.0)
    assert floor == pytest.approx(1 / 15, rel=1e-12) and round(floor, 4) == 0.0667
    small_step = 0.05 * np.trace(np.linalg.inv(g.H + g.H.T))
    assert small_step == pytest.approx(0.05, rel=1e-12)
    assert floor / small_step == pytest.approx(4 / 3, rel=1e-12)
    assert 0.05 * (1 + 9) / 2 == pytest.approx(0.25)
    for fragment in (r"1/15 \approx 0.0667", r"\eta\sigma^2/\mu = 0.05", r"= 0.25$ the exact floor is $4/3$",
                     r"\dfrac{2\eta\sigma^2}{2\mu - \eta(\mu^2+b^2)}"):
        assert fragment in TEXT, fragment


def test_the_floor_is_finite_exactly_where_sim_gda_converges():
    g = lc.games.quadratic_2d(1.0, 3.0, 1.0)        # threshold 2 mu / (mu^2 + b^2) = 0.2
    assert np.isfinite(stochastic.noise_floor(M.sim_gda(0.199), g, 1.0)) and rate(M.sim_gda(0.199), g) < 1
    assert stochastic.noise_floor(M.sim_gda(0.201), g, 1.0) == np.inf and rate(M.sim_gda(0.201), g) > 1
    assert rate(M.sim_gda(0.05), g) == pytest.approx(np.sqrt(0.95**2 + 0.15**2), rel=1e-12)   # m


def test_the_floor_is_proportional_to_eta_for_small_steps():
    g = lc.games.quadratic_2d(1.0, 3.0, 1.0)
    for eta in (1e-3, 1e-4):
        assert stochastic.noise_floor(M.sim_gda(eta), g, 1.0) / eta == pytest.approx(1.0, rel=6 * eta)


# --- ex-beyond-consensus ----------------------------------------------------------------------

def _bilinear(B):
    n, m = B.shape
    return lc.games.quadratic_minimax(np.zeros((n, n)), B, np.zeros((m, m)))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_consensus_eigenvalues_on_a_bilinear_game(seed):
    rng = np.random.default_rng(seed)
    B = rng.standard_normal((3, 3))
    s = np.linalg.svd(B, compute_uv=False)
    eta, gamma = 0.1, 0.7
    U = lc.analysis.update_matrix(M.consensus(eta, gamma), _bilinear(B))
    field = (np.eye(6) - U) / eta                                       # H + gamma H^T H
    expected = np.concatenate([gamma * s**2 + 1j * s, gamma * s**2 - 1j * s])
    np.testing.assert_allclose(np.sort_complex(np.linalg.eigvals(field)), np.sort_complex(expected), atol=1e-10)
    assert rate(M.consensus(eta, gamma), _bilinear(B)) == pytest.approx(
        np.max(np.sqrt((1 - eta * gamma * s**2) ** 2 + eta**2 * s**2)), rel=1e-10)
    assert rate(M.sim_gda(eta), _bilinear(B)) == pytest.approx(np.max(np.sqrt(1 + eta**2 * s**2)), rel=1e-10)
    limit = np.min(2 * gamma / (1 + gamma**2 * s**2))                   # converges iff eta below this
    assert rate(M.consensus(0.99 * limit, gamma), _bilinear(B)) < 1 < rate(M.consensus(1.01 * limit, gamma),
                                                                           _bilinear(B))
    U_sga = lc.analysis.update_matrix(M.sga(eta, gamma), _bilinear(B))
    np.testing.assert_allclose(U_sga, U, atol=1e-14)                    # SGA with lambda = gamma: same steps


def test_consensus_numbers_on_xy():
    xy = lc.games.quadratic_2d(0.0, 1.0, 0.0)
    assert rate(M.consensus(0.1, 0.5), xy) == pytest.approx(np.sqrt(0.9125), rel=1e-12)
    assert round(np.sqrt(0.9125), 3) == 0.955 and round(np.sqrt(1.01), 3) == 1.005
    assert 2 * 0.5 / (1 + 0.5**2) == pytest.approx(0.8)
    assert rate(M.consensus(0.79, 0.5), xy) < 1 < rate(M.consensus(0.81, 0.5), xy)
    assert rate(M.consensus(0.1, 10.0), xy) == pytest.approx(0.1, rel=1e-12)    # gamma = 1/(eta s^2): rho = eta s
    for fragment in (r"\sqrt{0.9125} \approx 0.955", r"\sqrt{1.01} \approx 1.005", r"\eta < 0.8",
                     r"($0.1$ on $xy$ with $\gamma = 10$)"):
        assert fragment in TEXT, fragment


def test_no_single_gamma_reaches_eta_s_for_two_singular_values():
    B = np.diag([1.0, 0.5])
    gammas = np.linspace(0.01, 60.0, 6000)
    best = rate(M.consensus(0.1, gammas), _bilinear(B)).min()
    assert best > 0.6                     # far above max_i eta s_i = 0.1, which gamma = 1/(eta s^2) gives one s


# --- ex-beyond-stackelberg --------------------------------------------------------------------

@pytest.mark.parametrize("a, c", [(1.0, 1.0), (2.0, 0.5), (0.3, 3.0), (-0.4, 1.0), (1.5, -0.2), (0.0, 2.0)])
def test_nash_and_stackelberg_formulas(a, c):
    eq = stackelberg.nash_and_stackelberg(stackelberg.leader_follower_game(a, c))
    p = a * c
    np.testing.assert_allclose(eq.nash, [1 / (1 + p), c / (1 + p)], atol=1e-12)
    np.testing.assert_allclose(eq.stackelberg, [1 / (1 + 2 * p), c / (1 + 2 * p)], atol=1e-12)
    np.testing.assert_allclose(eq.follower_response, [[c]], atol=1e-12)
    nash_loss, stack_loss = p * (p + 2) / (2 * (1 + p) ** 2), p / (1 + 2 * p)
    assert eq.nash_losses[0] == pytest.approx(nash_loss, abs=1e-12)
    assert eq.stackelberg_losses[0] == pytest.approx(stack_loss, abs=1e-12)
    gap = eq.nash_losses[0] - eq.stackelberg_losses[0]
    assert gap == pytest.approx(p**2 / (2 * (1 + p) ** 2 * (1 + 2 * p)), abs=1e-12)
    assert gap >= -1e-15 and (gap < 1e-15) == (p == 0)


def test_the_leader_gains_one_twenty_fourth_at_a_equals_c_equals_one():
    eq = stackelberg.nash_and_stackelberg(stackelberg.leader_follower_game(1.0, 1.0))
    assert eq.nash_losses[0] - eq.stackelberg_losses[0] == pytest.approx(1 / 24, rel=1e-10)
    assert r"($\tfrac1{24}$ at $a = c = 1$)" in TEXT


def test_in_a_zero_sum_game_stackelberg_is_nash():
    def losses(z):
        x, y = z[0], z[1]
        f = 0.5 * (x - 1.0) ** 2 + 2.0 * x * y - 0.5 * (y + 0.5) ** 2
        return anp.stack([f, -f])

    game = lc.games.game_from_losses(losses, (1, 1), zero_sum=True)
    eq = stackelberg.nash_and_stackelberg(game)
    np.testing.assert_allclose(eq.stackelberg, eq.nash, atol=1e-12)
    assert eq.stackelberg_losses[0] == pytest.approx(eq.nash_losses[0], abs=1e-12)


# --- ex-beyond-averaged-gap ------------------------------------------------------------------

BIL = lc.games.quadratic_minimax(np.zeros((2, 2)), np.diag([1.0, 0.02]), np.zeros((2, 2)))


def test_extragradient_steps_telescope_to_the_averaged_field():
    eta, k = 0.5, 10_000
    z = lc.simulate(M.extragradient(eta), BIL, np.ones(4), k + 1).z
    H = BIL.H
    lhs = eta * H @ (np.eye(4) - eta * H) @ z[1:k + 1].sum(axis=0)
    np.testing.assert_allclose(lhs, z[1] - z[k + 1], atol=1e-12)
    norms = np.linalg.norm(z, axis=1)
    assert np.all(np.diff(norms) <= 1e-15) and norms[0] == pytest.approx(2.0)        # ||z^(j)|| <= ||z^(0)||
    assert np.linalg.norm(np.linalg.inv(np.eye(4) - eta * H), 2) <= 1 + 1e-15


def test_the_averaged_gap_stays_below_the_kappa_free_bound():
    c = monotone.gap_curve(M.extragradient(0.5), BIL, np.ones(4), 10_000)
    bound = 2 * np.sqrt(2) * 1.0 * 2.0 / (0.5 * c.k)
    assert bound[0] * c.k[0] == pytest.approx(8 * np.sqrt(2)) and round(8 * np.sqrt(2), 1) == 11.3
    assert np.all(c.averaged <= bound)
    assert round(c.averaged[-1] * c.k[-1], 1) == 3.8
    for fragment in (r"$8\sqrt2/k \approx 11.3/k$", r"about $3.8/k$ at $k = 10^4$"):
        assert fragment in TEXT, fragment


def test_the_weakly_coupled_component_of_the_last_iterate_shrinks_by_e_to_the_minus_half():
    eta, s, k = 0.5, 0.02, 10_000
    z = lc.simulate(M.extragradient(eta), BIL, np.ones(4), k).z
    ratio = np.linalg.norm(z[k, [1, 3]]) / np.linalg.norm(z[0, [1, 3]])
    per_step = np.sqrt(1 - eta**2 * s**2 + eta**4 * s**4)
    assert ratio == pytest.approx(per_step**k, rel=1e-9)
    assert 1 - per_step == pytest.approx(5e-5, rel=1e-3)
    assert ratio == pytest.approx(np.exp(-eta**2 * s**2 * k / 2), rel=1e-4) and round(ratio, 2) == 0.61
    assert r"e^{-1/2}" + "\n" + r"\approx 0.61$" in TEXT


# --- ex-beyond-lyapunov (coding) --------------------------------------------------------------

def _reference():
    (cell,) = [c for c in NB["cells"] if "solution" in c["metadata"].get("tags", [])]
    namespace = {"np": np, "lc": lc}
    exec(compile("".join(cell["source"]), "<solution>", "exec"), namespace)   # noqa: S102 - the book's cell
    return namespace["sim_gda_noise_floor"]


def test_the_reference_solution_gives_the_chapter_floor_and_general_floors():
    fn = _reference()
    assert fn(lc.games.quadratic_2d(1.0, 3.0, 1.0).H, 0.05, 1.0) == pytest.approx(1 / 15, rel=1e-12)
    g = lc.games.random_quadratic_game(1.0, 5.0, 2, 3, seed=11)
    assert fn(g.H, 0.02, 0.7) == pytest.approx(stochastic.noise_floor(M.sim_gda(0.02), g, 0.7), rel=1e-10)
    assert lc.checks.sim_gda_noise_floor(fn).passed


def test_the_check_names_the_usual_slips():
    fn = _reference()
    check = lc.checks.sim_gda_noise_floor
    assert "η² = 0.0025 times too large" in check(lambda H, eta, sigma: fn(H, eta, sigma) / eta**2).message
    assert "not σ" in check(lambda H, eta, sigma: fn(H, eta, np.sqrt(sigma))).message
    small = check(lambda H, eta, sigma: eta * sigma**2 * np.trace(np.linalg.inv(H + H.T))).message
    assert "small-step approximation" in small and "expected 0.0666667, got 0.05" in small
    assert "2×2 matrix" in check(lambda H, eta, sigma: np.eye(len(H))).message
    assert "not written yet" in check(lambda H, eta, sigma: (_ for _ in ()).throw(NotImplementedError)).message
