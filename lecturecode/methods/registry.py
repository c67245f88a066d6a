r"""The method registry: one place that lists every method of the book.

Each entry (:class:`Spec`) has the method's factory, its tuning space (see
:func:`lecturecode.analysis.tune`), its update rule in LaTeX and a reference. The
machine-readable facts (evaluations per step, memory, update order, what the method needs
of a game) live on the :class:`~lecturecode.methods.Method` itself (``method.info``), so
there is one source for each fact. The book's comparison tables and the κ-sweep figure are
generated from :data:`REGISTRY`, and the test grid runs every entry on every game it supports.

The opponent-shaping methods need a two-player game with ``loss_gradients`` (the iterated
games and the quadratic games). On quadratic games naive learning and LOLA are linear
updates, so the operator analysis and the tuner treat them like GDA; SOS is not linear (its
shaping weight depends on the point), so it has no tuning space and :func:`compare` skips it.
"""

from __future__ import annotations

from functools import partial
from types import MappingProxyType
from typing import Callable, NamedTuple

from ..games import Game
from ._base import HYPER_SYMBOLS, Method, format_hyper, hyper_symbol

from .acceleration import alt_negative_momentum, extragradient, negative_momentum, optimistic_gda, proximal_point
from .gda import alt_gda, follow_the_ridge, sim_gda, two_timescale_gda
from .jacobian_corrected import consensus, sga
from .opponent_shaping import lola, naive_learner, sos

__all__ = ["Spec", "REGISTRY", "example_method", "supports", "format_hyper", "hyper_symbol", "HYPER_SYMBOLS"]

_MOMENTUM = (-0.999, 0.9)


class Spec(NamedTuple):
    r"""A registered method.

    Attributes
    ----------
    make : callable
        The factory, taking hyper-parameters by name.
    space : dict or None
        Where :func:`~lecturecode.analysis.tune` searches its hyper-parameters (``None``:
        the update is not linear, so there is no spectral radius to tune).
    rule : str
        The update rule in LaTeX.
    reference : str
        Citation key in the book's ``references.bib``.
    example : dict
        Hyper-parameters for a quick run (tests, doctests).
    colour, marker : str
        How every figure of the book draws the method (one colour and marker per method, so a
        reader learns them once; Okabe-Ito colours, Sim-GDA vermillion and Alt-GDA green as in
        the lecture's eigenvalue figure).
    kappa_exponent : float or None
        What theory says about iterations to a tolerance on the worst-case
        :math:`\mu`-strongly monotone, :math:`L`-Lipschitz game at tuned hyper-parameters:
        they grow like :math:`\kappa^{p}` with this :math:`p` (``None``: no such claim here).
        Proximal point has no optimal step; its ``0`` is for a fixed :math:`\eta\mu` and
        counts outer steps only (each is a linear solve whose cost grows with
        :math:`\eta L`), which the slope table says.
        The κ-sweep table (:func:`lecturecode.analysis.slope_table`) reads it.
    """

    make: Callable
    space: dict | None
    rule: str
    reference: str
    example: dict
    kappa_exponent: float | None = None
    colour: str = "#000000"
    marker: str = "o"


#: Every method of the book, by display name.
REGISTRY = MappingProxyType({
    "Sim-GDA": Spec(sim_gda, {"eta": "auto"}, r"z^{(k+1)} = z^{(k)} - \eta F(z^{(k)})",
                    "zhang2022altgda", {"eta": 0.05}, 2.0, colour="#D55E00", marker="o"),
    "Alt-GDA": Spec(alt_gda, {"eta": "auto"},
                    r"x^{(k+1)} = x^{(k)} - \eta \nabla_x f(x^{(k)}, y^{(k)}),\ "
                    r"y^{(k+1)} = y^{(k)} + \eta \nabla_y f(x^{(k+1)}, y^{(k)})",
                    "zhang2022altgda", {"eta": 0.05}, 1.0, colour="#009E73", marker="s"),
    "Negative momentum": Spec(negative_momentum, {"eta": "auto", "beta": _MOMENTUM},
                              r"z^{(k+1)} = (1+\beta) z^{(k)} - \beta z^{(k-1)} - \eta F(z^{(k)})",
                              "zhang2021suboptimality", {"eta": 0.05, "beta": -0.3}, 1.5, colour="#0072B2", marker="^"),
    "EG": Spec(extragradient, {"eta": "auto"},
               r"z^{(k+1/2)} = z^{(k)} - \eta F(z^{(k)}),\ z^{(k+1)} = z^{(k)} - \eta F(z^{(k+1/2)})",
               "korpelevich1976extragradient", {"eta": 0.05}, 1.0, colour="#CC79A7", marker="D"),
    "OGDA": Spec(optimistic_gda, {"eta": "auto"},
                 r"z^{(k+1)} = z^{(k)} - 2\eta F(z^{(k)}) + \eta F(z^{(k-1)})",
                 "mokhtari2020unified", {"eta": 0.05}, 1.0, colour="#E69F00", marker="v"),
    "PPM": Spec(proximal_point, {"eta": "auto"}, r"z^{(k+1)} = z^{(k)} - \eta F(z^{(k+1)})",
                "rockafellar1976monotone", {"eta": 0.5}, 0.0, colour="#000000", marker="P"),
    "Alt-GDA + NM": Spec(alt_negative_momentum, {"eta": "auto", "beta": _MOMENTUM},
                         r"x^{(k+1)} = x^{(k)} - \eta \nabla_x f(x^{(k)}, y^{(k)}) + \beta (x^{(k)} - x^{(k-1)}),\ "
                         r"y^{(k+1)} = y^{(k)} + \eta \nabla_y f(x^{(k+1)}, y^{(k)}) + \beta (y^{(k)} - y^{(k-1)})",
                         "gidel2019negative", {"eta": 0.05, "beta": -0.3}, colour="#56B4E9", marker="<"),
    "FTR": Spec(follow_the_ridge, {"eta": "auto"},
                r"x^{+} = x - \eta \nabla_x f,\ y^{+} = y + \eta \nabla_y f "
                r"+ \eta (\nabla^2_{yy} f)^{-1} \nabla^2_{yx} f \nabla_x f",
                "wang2020ftr", {"eta": 0.05}, colour="#8C6D1F", marker=">"),
    "Two-timescale GDA": Spec(two_timescale_gda, {"eta": "auto", "ratio": (0.1, 10.0)},
                              r"x^{(k+1)} = x^{(k)} - \eta \nabla_x f(z^{(k)}),\ "
                              r"y^{(k+1)} = y^{(k)} + r\eta \nabla_y f(z^{(k)})",
                              "heusel2017ttur", {"eta": 0.05, "ratio": 2.0}, colour="#7F7F7F", marker="p"),
    "NL": Spec(naive_learner, {"delta": "auto"},
               r"\theta_i^{(k+1)} = \theta_i^{(k)} - \delta \nabla_{\theta_i} L_i(\theta^{(k)})",
               "foerster2018lola", {"delta": 0.05}, colour="#D55E00", marker="o"),
    "LOLA": Spec(lola, {"delta": "auto", "lookahead": "auto"},
                 r"\theta_1^{(k+1)} = \theta_1^{(k)} - \delta \nabla_{\theta_1} "
                 r"L_1\big(\theta_1, \theta_2 - \eta' \nabla_{\theta_2} L_2(\theta^{(k)})\big)",
                 "foerster2018lola", {"delta": 0.05, "lookahead": 0.05}, colour="#0072B2", marker="*"),
    "LOLA (Taylor)": Spec(partial(lola, form="taylor"), {"delta": "auto", "lookahead": "auto"},
                          r"\theta_1^{(k+1)} = \theta_1^{(k)} - \delta\big(\nabla_{\theta_1} L_1 - \eta' "
                          r"\nabla_{\theta_1}\nabla_{\theta_2} L_2\, \nabla_{\theta_2} L_1\big)",
                          "foerster2018lola", {"delta": 0.05, "lookahead": 0.05}, colour="#56B4E9", marker="h"),
    "SOS": Spec(sos, None,
                r"\theta^{(k+1)} = \theta^{(k)} - \delta\big[(I - \eta' H_o)\xi - p\,\eta'\chi\big]",
                "letcher2019sos", {"delta": 0.05, "lookahead": 0.05}, colour="#CC79A7", marker="X"),
    # the "Beyond the lecture" chapter's Jacobian corrections (no κ-exponent: the κ-sweep leaves them out)
    "Consensus": Spec(consensus, {"eta": "auto", "gamma": "auto"},
                      r"z^{(k+1)} = z^{(k)} - \eta\big(F + \gamma J^\top F\big)(z^{(k)})",
                      "mescheder2017numerics", {"eta": 0.05, "gamma": 0.1}, colour="#332288", marker="d"),
    "SGA": Spec(sga, {"eta": "auto", "lam": "auto"},
                r"z^{(k+1)} = z^{(k)} - \eta\big(F + \lambda A^\top F\big)(z^{(k)}),\ A = \tfrac12 (J - J^\top)",
                "balduzzi2018mechanics", {"eta": 0.05, "lam": 0.1}, colour="#882255", marker="8"),
})


def example_method(name: str) -> Method:
    """The registered method ``name`` at its example hyper-parameters.

    Examples
    --------
    >>> example_method("EG").label
    'EG (η=0.05)'
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a registry name (a string), got {name!r}")
    if name not in REGISTRY:
        raise ValueError(f"name must be one of {list(REGISTRY)}, got {name!r}")
    spec = REGISTRY[name]
    return spec.make(**spec.example)


def supports(method, game) -> bool:
    """Whether ``method`` can run on ``game``.

    Whether ``method`` can run on ``game`` (its ``check`` passes and the game has what the
    method requires).

    Examples
    --------
    >>> from lecturecode.games import prisoners_dilemma
    >>> supports(example_method("FTR"), prisoners_dilemma())
    False
    """

    if not isinstance(method, Method):
        raise TypeError(f"method must be a lecturecode Method, got {method!r}")
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    if "losses" in method.info.requires and game.losses is None:
        return False
    if "loss_gradients" in method.info.requires and game.loss_gradients is None:
        return False
    try:
        method.check(game)
    except ValueError:
        return False
    return True
