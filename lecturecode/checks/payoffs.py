r"""Checks for the exercises on what the players are paid: the exact value of the iterated
prisoner's dilemma and the gradient of the GAN generator's non-saturating cost.

* :func:`ipd_value`: the student writes ``fn(p1, p2, gamma)``, agent 1's exact discounted value
  for memory-one policies given as probabilities of cooperating (first move, then after CC, CD,
  DC, DD, each from the agent's own point of view); the oracle is
  :meth:`lecturecode.games.IteratedGame.values`, on four policy pairs. Three usual slips are
  recognised and named in the feedback.
* :func:`nonsaturating_grad`: the student writes ``fn(logits)``, the derivative of the
  non-saturating generator cost :math:`-\log\sigma(\ell)` with respect to the logit :math:`\ell`;
  the oracle is :func:`lecturecode.gan.generator_cost_grad`, on a range of logits and on large
  ones (where a naive formula overflows).

The docstrings say what is checked, never the answer (the exercises ask for the derivation).
"""

from __future__ import annotations

import numpy as np

from ..games import ipd
from ..games.iterated import STATE_SWAP   # agent 2's own state order -> joint order
from ..gan import generator_cost_grad, logit
from ._feedback import Feedback, Problem, as_result_array, call, close, fmt, run_check

__all__ = ["ipd_value", "nonsaturating_grad"]



def _policies():
    rng = np.random.default_rng(7)
    symmetric = np.array([0.9, 0.8, 0.2, 0.7, 0.1])
    yield "a symmetric pair p1 = p2 = (0.9, 0.8, 0.2, 0.7, 0.1), γ = 0.96", symmetric, symmetric.copy(), 0.96
    yield ("tit-for-tat-like p1 = (0.95, 0.95, 0.05, 0.95, 0.05) against p2 = (0.5, 0.6, 0.3, 0.8, 0.2), γ = 0.9",
           np.array([0.95, 0.95, 0.05, 0.95, 0.05]), np.array([0.5, 0.6, 0.3, 0.8, 0.2]), 0.9)
    for gamma in (0.5, 0.96):
        p1, p2 = rng.uniform(0.05, 0.95, (2, 5)).round(2)
        yield f"p1 = {p1.tolist()}, p2 = {p2.tolist()}, γ = {gamma}", p1, p2, gamma


def _values(p1, p2, gamma):
    return ipd(gamma).values(np.concatenate([logit(p1), logit(p2)]))


def _ipd_cases(fn):
    for case, p1, p2, gamma in _policies():
        expected = _values(p1, p2, gamma)
        got = float(as_result_array(call(fn, p1.copy(), p2.copy(), gamma, case=case), (), case=case,
                                    what="the value"))
        if close(got, expected[0]):
            continue
        if close(got, _values(p1, p2[STATE_SWAP], gamma)[0]):
            raise Problem(f"{case}: agent 2's probabilities are written from its own point of view: in joint "
                          "state CD (agent 1 cooperated, agent 2 defected) agent 2 sees DC. Swap its CD and DC "
                          "entries before building the transition matrix.")
        if close(got, (1 - gamma) * expected[0]):
            raise Problem(f"{case}: you returned the average reward per step (1-γ)V = {fmt(got)}; the exercise "
                          f"asks for the discounted value V = {fmt(expected[0])}.")
        if close(got, expected[1]):
            raise Problem(f"{case}: that is agent 2's value; agent 1's payoffs are r1 = (-1, -3, 0, -2) over "
                          "the joint states (CC, CD, DC, DD).")
        raise Problem(f"{case}: expected V1 = {fmt(expected[0])}, got {fmt(got)}. Check the first-move "
                      "distribution p0 and that row s of P is the distribution of the next joint state after s.")
    return "your value matches lc.games.ipd(γ).values on 4 policy pairs"


def ipd_value(fn) -> Feedback:
    r"""Check a student's ``fn(p1, p2, gamma)`` returning agent 1's exact discounted value in the
    iterated prisoner's dilemma, against :meth:`lecturecode.games.IteratedGame.values` on four
    policy pairs.

    Examples
    --------
    >>> print(ipd_value(lambda p1, p2, gamma: -1.0 / (1 - gamma)).message[:22])
    a symmetric pair p1 = 
    """
    return run_check("ex-lola-value", fn, _ipd_cases)


def _grad_cases(fn):
    for case, logits in (("logits -8, -7.5, ..., 8", np.linspace(-8.0, 8.0, 33)),
                         ("large logits (-40, -20, 20, 40)", np.array([-40.0, -20.0, 20.0, 40.0]))):
        expected = generator_cost_grad(logits, "non_saturating")
        got = as_result_array(call(fn, logits.copy(), case=case), logits.shape, case=case, what="the gradient")
        if close(got, expected):
            continue
        if close(got, generator_cost_grad(logits, "minimax")):
            raise Problem(f"{case}: that is the gradient of the minimax cost log(1 - D), -σ(ℓ). The "
                          "non-saturating cost is -log D = -log σ(ℓ).")
        if close(got, -expected):
            raise Problem(f"{case}: the sign is off: raising the logit (D says 'real') lowers -log D, so the "
                          "derivative is negative.")
        worst = int(np.argmax(np.abs(got - expected)))
        raise Problem(f"{case}: at ℓ = {fmt(logits[worst])} expected {fmt(expected[worst])}, got {fmt(got[worst])}. "
                      "Use σ'(ℓ) = σ(ℓ)(1 - σ(ℓ)).")
    return "your gradient matches lc.gan.generator_cost_grad, large logits included"


def nonsaturating_grad(fn) -> Feedback:
    r"""Check a student's ``fn(logits)`` returning the derivative of the non-saturating
    generator cost :math:`-\log\sigma(\ell)` with respect to each logit :math:`\ell`.

    It compares the values with :func:`lecturecode.gan.generator_cost_grad` on logits from -8 to
    8 and on logits as large as 40 in size, and recognises the minimax cost's gradient and a
    flipped sign.

    Examples
    --------
    >>> print(nonsaturating_grad(lambda l: np.zeros_like(l)).message[:41])
    logits -8, -7.5, ..., 8: at ℓ = -8 expect
    """
    return run_check("ex-gan-nonsat-grad", fn, _grad_cases)
