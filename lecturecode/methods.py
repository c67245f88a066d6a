r"""First-order game dynamics as small pure step functions.

Every algorithm is a :class:`Method`: a pair of pure functions ``init(game, z) ->
state`` and ``step(game, z, state) -> (z_next, state_next)``, built by a factory that
closes over its hyper-parameters (the optax pattern). ``state`` is a tuple of
arrays shaped like ``z`` (empty for memory-less methods), so one definition of each
update rule serves both the simulation (:func:`lecturecode.simulate`) and the
linear-operator analysis (:func:`lecturecode.analysis.update_matrix`, which runs the
same ``step`` on basis vectors).

Hyper-parameters may be arrays: they broadcast against the batch axes of ``z``
(``z.shape[:-1]``), so a single call sweeps many step sizes at once.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from .validation import as_step_size

__all__ = ["Method", "sim_gda", "alt_gda", "follow_the_ridge"]


class Method(NamedTuple):
    """An iterative game dynamics.

    Attributes
    ----------
    name : str
        Label for plots, e.g. ``"Sim-GDA"``.
    init : callable
        ``init(game, z) -> state``: the method's memory before the first step.
    step : callable
        ``step(game, z, state) -> (z_next, state_next)``; pure and vectorised over
        the leading axes of ``z``.
    hyper : dict
        The hyper-parameters the factory closed over (as arrays).
    info : dict
        Machine-readable facts: gradient calls per step, memory, update order.
    """

    name: str
    init: Callable
    step: Callable
    hyper: dict
    info: dict

    @property
    def label(self) -> str:
        """Name with hyper-parameters, for legends: ``'Sim-GDA (η=0.01)'``."""
        greek = {"eta": "η", "beta": "β"}
        parts = [f"{greek.get(k, k)}={v.item():.3g}" for k, v in self.hyper.items() if np.ndim(v) == 0]
        return f"{self.name} ({', '.join(parts)})" if parts else self.name


def _no_state(game, z):
    return ()


def _scale(eta: np.ndarray, v: np.ndarray) -> np.ndarray:
    """``eta * v`` with ``eta`` broadcast over the batch axes of ``v``."""
    return eta[..., None] * v


def sim_gda(eta) -> Method:
    r"""Simultaneous gradient descent-ascent.

    .. math::

        z^{(k+1)} = z^{(k)} - \eta F(z^{(k)}),

    i.e. :math:`x \leftarrow x - \eta\nabla_x f`, :math:`y \leftarrow y + \eta\nabla_y f`
    evaluated at the same point. On a quadratic game the update operator is
    :math:`I - \eta H`.

    Parameters
    ----------
    eta : float or array_like
        Step size(s), ``> 0``.

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> m = sim_gda(eta=0.1)
    >>> z, state = m.step(bilinear(1.0), [1.0, 0.0], m.init(None, None))
    >>> z
    array([1. , 0.1])
    """
    eta = as_step_size(eta, "eta")

    def step(game, z, state):
        return z - _scale(eta, game.F(z)), state

    return Method("Sim-GDA", _no_state, step, {"eta": eta},
                  {"gradient_calls": 1, "memory": 0, "order": "simultaneous"})


def alt_gda(eta) -> Method:
    r"""Alternating gradient descent-ascent (Gauss-Seidel order over the players).

    .. math::

        x^{(k+1)} = x^{(k)} - \eta \nabla_x f(x^{(k)}, y^{(k)}), \qquad
        y^{(k+1)} = y^{(k)} + \eta \nabla_y f(x^{(k+1)}, y^{(k)}).

    With more than two players, each player in turn steps on its own block of
    :math:`F`, evaluated at the latest iterate of the players before it. On a
    quadratic game the update operator is the lecture's
    :math:`J_{\mathrm{Alt}} = \begin{pmatrix} I-\eta A & -\eta B \\
    \eta B^\top (I-\eta A) & I-\eta C-\eta^2 B^\top B\end{pmatrix}`.

    Parameters
    ----------
    eta : float or array_like
        Step size(s), ``> 0``.

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> m = alt_gda(eta=0.1)
    >>> z, state = m.step(bilinear(1.0), [1.0, 0.0], m.init(None, None))
    >>> z
    array([1. , 0.1])
    """
    eta = as_step_size(eta, "eta")

    def step(game, z, state):
        shape = np.broadcast_shapes(np.shape(z), eta.shape + (1,))
        z = np.array(np.broadcast_to(z, shape), dtype=float)
        start = 0
        for n in game.dims:
            block = slice(start, start + n)
            z[..., block] -= _scale(eta, game.F(z)[..., block])
            start += n
        return z, state

    return Method("Alt-GDA", _no_state, step, {"eta": eta},
                  {"gradient_calls": 1, "memory": 0, "order": "alternating"})


def follow_the_ridge(eta) -> Method:
    r"""Follow-the-Ridge (Wang, Zhang & Ba, 2020) for two-player minimax games.

    .. math::

        x^{(k+1)} = x^{(k)} - \eta \nabla_x f, \qquad
        y^{(k+1)} = y^{(k)} + \eta \nabla_y f
                    + \eta\, (\nabla^2_{yy} f)^{-1} \nabla^2_{yx} f\, \nabla_x f,

    all evaluated at :math:`(x^{(k)}, y^{(k)})`. The correction moves :math:`y` along the
    ridge :math:`\nabla_y f = 0` as :math:`x` moves (implicit-function theorem), so FTR
    converges to local minimax points, including those where GDA diverges. In terms of
    :math:`F` and :math:`J` the correction is :math:`J_{yy}^{-1} J_{yx} F_x` (a pseudo-inverse
    is used, as in the authors' code).

    Parameters
    ----------
    eta : float or array_like
        Step size(s), ``> 0`` (the same for both players).

    Examples
    --------
    >>> from lecturecode.games import quadratic_minimax
    >>> g = quadratic_minimax(-6.0, 4.0, 2.0)            # -3x² - y² + 4xy
    >>> m = follow_the_ridge(0.05)
    >>> z, _ = m.step(g, [1.0, 0.0], ())
    >>> z                                                 # (1 + 6 eta, 16 eta)
    array([1.3, 0.8])
    """
    eta = as_step_size(eta, "eta")

    def step(game, z, state):
        if len(game.dims) != 2 or not getattr(game, "zero_sum", False):
            raise ValueError(f"follow_the_ridge needs a two-player zero-sum game, got {game.name!r}")
        n_x = game.dims[0]
        z = np.asarray(z, dtype=float)
        F, J = game.F(z), game.J(z)
        F_x, F_y = F[..., :n_x], F[..., n_x:]
        ridge = np.linalg.pinv(J[..., n_x:, n_x:]) @ (J[..., n_x:, :n_x] @ F_x[..., None])
        x = z[..., :n_x] - _scale(eta, F_x)
        y = z[..., n_x:] - _scale(eta, F_y) + _scale(eta, ridge[..., 0])
        return np.concatenate([x, y], axis=-1), state

    return Method("FTR", _no_state, step, {"eta": eta},
                  {"gradient_calls": 1, "memory": 0, "order": "simultaneous", "second_order": True})
