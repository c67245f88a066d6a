r"""How each claim of the ledger is measured: small functions over the package's tested code.

Each function returns one float. The expensive experiments that several claims read (the
tuned κ-sweep, the LOLA runs, the default GAN run) are computed once per process and shared.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..analysis import (convergence_rate, kappa_sweep, one_step_gap, tune, tune_worst_case, update_eigenvalues,
                        worst_member)
from ..games import (bilinear, bilinear_spectrum, dirac_gan, imp, ipd, lecture_examples, matching_pennies,
                     prisoners_dilemma, random_quadratic_game, solution_concept_examples, worst_case_game)
from ..gan import mode_report, train_toy_gan
from ..methods import (REGISTRY, alt_gda, alt_negative_momentum, extragradient, lola, naive_learner, negative_momentum,
                       proximal_point, sim_gda)
from ..simulation import train

#: The condition numbers of the κ-sweep (as in the acceleration chapter).
KAPPAS = tuple(np.geomspace(10, 1000, 7))


@lru_cache(maxsize=None)
def simgda_tuned(kappa: float, what: str) -> float:
    """Sim-GDA tuned on the worst-case game: ``what`` = "rate²" or "eta"."""
    best = tune(sim_gda, worst_case_game(1.0, kappa), {"eta": "auto"})
    return best.rate**2 if what == "rate²" else float(best.hyper["eta"])


@lru_cache(maxsize=None)
def _laws():
    names = [n for n, spec in REGISTRY.items() if spec.kappa_exponent is not None and n != "PPM"]
    return kappa_sweep(names, KAPPAS)


def kappa_slope(name: str) -> float:
    """Fitted exponent of iterations-to-1e-6 against κ ∈ [10, 1000] for a registered method, tuned."""
    return float(_laws()[name].slope)


def eg_fixed_step_worst_squared_rate(kappa: float) -> float:
    """Extragradient's squared rate at the fixed step η = 1/(2L), on the worst member of the
    (1, κ) class found by a dense search (:func:`~lecturecode.analysis.worst_member`)."""
    return worst_member(extragradient(1.0 / (2.0 * kappa)), 1.0, kappa).rate ** 2


@lru_cache(maxsize=None)
def altgda_worst_case_step(kappa: float) -> float:
    """η·L of Alt-GDA's step tuned against the certified worst case of the (1, κ) class."""
    found = tune_worst_case(alt_gda, 1.0, kappa, {"eta": "auto"})
    return float(found.hyper["eta"] * kappa) if found.certified else float("nan")


def _momentum_radii_on_xy(make):
    eta, beta = np.meshgrid(np.geomspace(1e-3, 4.0, 120), np.linspace(-0.999, 0.999, 121), indexing="ij")
    return beta, convergence_rate(make(eta, beta), bilinear(1.0))


def momentum_on_xy(which: str) -> float:
    """Spectral radii on f = xy over 120 η in [1e-3, 4] × 121 β in [−0.999, 0.999]: the smallest for
    Sim-GDA + momentum (``"sim"``), for Gidel et al.'s alternating momentum with β ≥ 0 (``"alt+"``)
    or with β < 0 (``"alt-"``)."""
    if which == "sim":
        return float(_momentum_radii_on_xy(negative_momentum)[1].min())
    beta, rho = _momentum_radii_on_xy(alt_negative_momentum)
    return float(rho[beta >= 0].min() if which == "alt+" else rho[beta < 0].min())


def ppm_worst_squared_factor_gap() -> float:
    r"""The largest of ρ² · (1 + 2ημ) over η ∈ [1e-3, 1e3] and 5 random games (≤ 1 if the bound holds)."""
    etas = np.geomspace(1e-3, 1e3, 61)
    worst = 0.0
    for seed in range(5):
        game = random_quadratic_game(1.0, 10.0, 2, 2, seed=seed)
        rho = convergence_rate(proximal_point(etas), game)
        worst = max(worst, float(np.max(rho**2 * (1 + 2 * etas * game.mu))))
    return worst


def _lecture_game(name: str):
    """The lecture's three quadratic examples, from :func:`lecturecode.games.lecture_examples`."""
    return lecture_examples()[{"0.3/1.2": "0.3x² + 1.2xy − 0.3y²", "0.5/10": "0.5x² + 10xy − 0.5y²",
                               "10xy": "10xy"}[name]]


def altgda_modulus(eta: float) -> float:
    """Largest |λ(J_Alt)| on f = 0.3x² + 1.2xy − 0.3y² at step size ``eta``."""
    return float(np.max(np.abs(update_eigenvalues(alt_gda(eta), _lecture_game("0.3/1.2")))))


def simgda_best(what: str) -> float:
    """Sim-GDA tuned on f = 0.3x² + 1.2xy − 0.3y²: ``what`` = "rate" or "eta"."""
    best = tune(sim_gda, _lecture_game("0.3/1.2"), {"eta": "auto"})
    return float(best.rate) if what == "rate" else float(best.hyper["eta"])


def tuned_rate(name: str, game: str, what: str) -> float:
    """A registered method tuned on a lecture game: ``what`` = "rate" or "eta"."""
    best = tune(REGISTRY[name].make, _lecture_game(game), {"eta": "auto"})
    return float(best.rate) if what == "rate" else float(best.hyper["eta"])


def bilinear_simgda_growth() -> float:
    """The smallest (ρ² − 1)/η² of J_Sim on f = 10xy over 200 η in [1e-4, 10]: ρ² = 1 + 100η²
    means ρ > 1 at every η > 0 (a value of 100, not merely ρ ≥ 1)."""
    eta = np.geomspace(1e-4, 10.0, 200)
    rho = convergence_rate(sim_gda(eta), _lecture_game("10xy"))
    return float(np.min((rho**2 - 1.0) / eta**2))


def bilinear_altgda_modulus() -> float:
    """The largest deviation of |λ(J_Alt)| from 1 on f = 10xy over η ∈ (0, 0.2)."""
    eig = update_eigenvalues(alt_gda(np.linspace(0.001, 0.199, 100)), _lecture_game("10xy"))
    return float(np.max(np.abs(np.abs(eig) - 1.0)))


def eg_ppm_gap_exponent() -> float:
    """Log-log slope of ‖EG step − PPM step‖ against η ∈ [1e-4, 1e-2] on 0.5x² + 10xy − 0.5y²."""
    gap = one_step_gap(extragradient, proximal_point, _lecture_game("0.5/10"), [1.0, 1.0],
                       np.geomspace(1e-4, 1e-2, 9))
    return float(gap.exponent)


def dirac_eigenvalue(part: str) -> float:
    """The Dirac-GAN's (standard loss) J(0): ``part`` = "imag" (largest |Im λ|) or "real" (largest |Re λ|)."""
    eig = np.linalg.eigvals(dirac_gan().J([0.0, 0.0]))
    return float(np.max(np.abs(eig.imag if part == "imag" else eig.real)))


def r1_eigenvalue_error(gamma: float) -> float:
    """Largest distance between the flow eigenvalues of the R1 Dirac-GAN, −J(0), and the formula."""
    game = dirac_gan(r1=gamma)
    got = np.sort_complex(np.linalg.eigvals(-game.J([0.0, 0.0])))
    root = np.sqrt(complex(gamma**2 - 4 * game.f_prime_0**2))
    return float(np.max(np.abs(got - np.sort_complex(np.array([(-gamma - root) / 2, (-gamma + root) / 2])))))


@lru_cache(maxsize=None)
def _ipd_runs():
    game, nl, la = ipd(), naive_learner(1.0), lola(1.0, 1.0)
    return {"NL-NL": train(nl, game, seed=0), "LOLA-LOLA": train(la, game, seed=0)}


def lola_outcome(pair: str, what: str) -> float:
    """Over 100 seeds × 200 steps on the IPD (δ = η′ = 1): the mean final reward per step
    (``what`` = "reward") or the mean final P(cooperate | state) (``what`` = a state name)."""
    run = _ipd_runs()[pair]
    if what == "reward":
        return float(run.rewards[-1].mean())
    return float(run.probabilities[-1][..., ("s0", "CC", "CD", "DC", "DD").index(what)].mean())


def imp_deviation(learner: str) -> float:
    """IMP (γ = 0.9), 100 seeds × 200 steps: the largest (exact LOLA) or smallest (naive
    learners) final distance of P(heads | state) from ½ over seeds."""
    method = lola(1.0, 1.0) if learner == "LOLA" else naive_learner(1.0)
    dev = np.abs(train(method, imp(), seed=0).probabilities[-1] - 0.5).max(axis=(-2, -1))
    return float(dev.max() if learner == "LOLA" else dev.min())


def pennies_eigenvalue() -> float:
    """Largest |Im λ| of matching pennies' J at (½, ½) (a centre: ±2i)."""
    return float(np.max(np.abs(np.linalg.eigvals(matching_pennies().J([0.5, 0.5])).imag)))


def pd_own_gradient() -> float:
    """∂r₁/∂z₁ in the prisoner's dilemma, the largest over a grid of the opponent's z₂ (−1 everywhere)."""
    game = prisoners_dilemma()
    z = np.stack([np.full(11, 0.3), np.linspace(0.0, 1.0, 11)], axis=-1)
    return float(np.max(-game.F(z)[:, 0]))


def dp_min_eigenvalue() -> float:
    """The smaller eigenvalue of J at (0, 0) for Daskalakis & Panageas' −x²/8 − y²/2 + 0.6xy."""
    game = solution_concept_examples()["−x²/8 − y²/2 + 0.6xy"]
    return float(np.min(np.linalg.eigvals(game.J([0.0, 0.0])).real))


@lru_cache(maxsize=None)
def ring_modes() -> float:
    """Ring modes (of 8) covered by the chapter's default 2-D GAN run (seed 0): a mode is
    covered when at least a quarter of its fair share of samples (1/32) lies within 3σ of it."""
    run = train_toy_gan()
    return float(mode_report(run.samples[-1], run.data).modes_covered)



@lru_cache(maxsize=None)
def _bilinear_laws():
    step = {"eta": (1e-4, 10.0)}
    return kappa_sweep(["EG", "OGDA"], np.geomspace(10, 1000, 5), spaces={"EG": step, "OGDA": step},
                       family=bilinear_spectrum)


def bilinear_slope(name: str) -> float:
    """Fitted exponent of iterations-to-1e-6 against κ(BᵀB) ∈ [10, 1000] on bilinear games, tuned."""
    return float(_bilinear_laws()[name].slope)
