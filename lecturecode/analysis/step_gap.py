r"""How closely one method's step approximates another's: the one-step gap as a power of
the step size.

Extragradient is motivated as an approximation to the proximal point method: from the
same point :math:`z`, one EG step and one PPM step differ by :math:`o(\eta^2)` (the
lecture). On a quadratic game the two updates are :math:`I - \eta H + \eta^2 H^2` and
:math:`(I + \eta H)^{-1} = I - \eta H + \eta^2 H^2 - \eta^3 H^3 + \dots`, so the gap is
:math:`\eta^3 \|H^3 (z - z^*)\| + O(\eta^4)`: exponent 3. :func:`one_step_gap` measures it
from the methods' own ``step`` functions, one call for a whole sweep of step sizes.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from ..games import Game
from ..methods._base import Method
from ..validation import as_step_size
from .rates import loglog_slope

__all__ = ["StepGap", "one_step_gap"]


class StepGap(NamedTuple):
    r"""What :func:`one_step_gap` measured.

    Attributes
    ----------
    eta : ndarray
        The step sizes.
    gap : ndarray
        :math:`\|\mathrm{step}(z) - \mathrm{step}_{\mathrm{ref}}(z)\|` per step size.
    exponent : float
        Least-squares slope of :math:`\log` gap against :math:`\log\eta`.
    labels : tuple of str
        The two methods' names (method, reference).
    """

    eta: np.ndarray
    gap: np.ndarray
    exponent: float
    labels: tuple


def _one_step(method, game, z):
    if not isinstance(method, Method):
        raise TypeError(f"the factory must return a lecturecode Method, got {method!r}")
    method.check(game)
    return method.step(game, z, method.init(game, z))[0]


def one_step_gap(make_method: Callable, make_reference: Callable, game, z, etas) -> StepGap:
    r"""Distance between one step of ``make_method(eta)`` and one step of
    ``make_reference(eta)`` from the same point ``z``, for every ``eta`` in ``etas``, and
    its power-law exponent in :math:`\eta`:

    .. math::

        g(\eta) = \big\|T_\eta(z) - T^{\mathrm{ref}}_\eta(z)\big\| \approx C\eta^{p}.

    Parameters
    ----------
    make_method, make_reference : callable
        Method factories taking the step size (an array: every factory of the package
        accepts one), e.g. :func:`~lecturecode.methods.extragradient` and
        :func:`~lecturecode.methods.proximal_point`.
    game : Game
    z : array_like, shape (d,)
        The common starting point.
    etas : array_like
        At least two positive step sizes (small, for the leading-order exponent).

    Raises
    ------
    ValueError
        If a step is not finite (e.g. the proximal step's inner solver did not converge)
        or the two steps coincide (no power law to fit).

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> from lecturecode.methods import extragradient, proximal_point
    >>> gap = one_step_gap(extragradient, proximal_point, quadratic_2d(1.0, 10.0, 1.0), [1.0, 1.0],
    ...                    np.geomspace(1e-4, 1e-3, 5))
    >>> round(gap.exponent, 2)                  # EG = PPM + O(eta^3)
    3.0
    """
    for f, name in ((make_method, "make_method"), (make_reference, "make_reference")):
        if not callable(f):
            raise TypeError(f"{name} must be a method factory, got {f!r}")
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    z = game.check_points(z, "z")
    if z.shape != (game.d,):
        raise ValueError(f"z must be one point of shape ({game.d},), got shape {z.shape}")
    etas = as_step_size(etas, "etas")
    if etas.ndim != 1 or etas.size < 2:
        raise ValueError(f"etas must be a 1-D array of at least two step sizes, got shape {etas.shape}")
    start = np.broadcast_to(z, etas.shape + z.shape)
    method, reference = make_method(etas), make_reference(etas)
    for m, name in ((method, "make_method"), (reference, "make_reference")):
        if not isinstance(m, Method):
            raise TypeError(f"{name} must return a lecturecode Method, got {m!r}")
    with np.errstate(all="ignore"):
        gap = np.linalg.norm(_one_step(method, game, start) - _one_step(reference, game, start), axis=-1)
    if not np.all(np.isfinite(gap)):
        bad = etas[~np.isfinite(gap)].tolist()
        raise ValueError(f"a step from z = {z.tolist()} is not finite at etas = {bad} (z too large, or an "
                         "inner solver failed to converge)")
    if not np.all(gap > 0):
        raise ValueError("the two steps coincide at some step size in etas (or z is an equilibrium): there is "
                         "no power law to fit")
    return StepGap(etas, gap, loglog_slope(etas, gap), (method.name, reference.name))
