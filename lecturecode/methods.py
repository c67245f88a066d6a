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

__all__ = ["Method", "sim_gda", "alt_gda"]


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
