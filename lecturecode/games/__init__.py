r"""Differentiable games as small immutable values, one module per family.

Definitions
-----------
In a two-player zero-sum (minimax) game player :math:`x` minimises :math:`f(x, y)` and
player :math:`y` maximises it. Stacking :math:`z = (x, y)`, the simultaneous-gradient
**vector field** and its **Jacobian** (the *game Hessian*) are

.. math::

    F(z) = \begin{pmatrix} \nabla_x f \\ -\nabla_y f \end{pmatrix},
    \qquad
    J(z) = \nabla F(z) = \begin{pmatrix} \nabla^2_{xx} f & \nabla^2_{xy} f \\
                                       -\nabla^2_{yx} f & -\nabla^2_{yy} f \end{pmatrix}.

Every game follows the one protocol of :class:`Game` (see :mod:`lecturecode.games._base`).

Modules
-------
quadratic   quadratic minimax games and the lecture's examples
strongly_monotone  the worst-case and random games of a class (mu-strongly monotone, L-Lipschitz)
linear      linear games ``F(z) = H z``, :func:`linearize`, the Jacobi splitting
general     games from closed forms or from their players' losses (autograd)
classic     matching pennies, the prisoner's dilemma, the Lorenz game, a double well
gan         the Dirac-GAN (Mescheder et al., 2018) with its losses and the R1 penalty
iterated    iterated 2×2 games with memory-one policies (IPD, IMP), exact values and derivatives
memory_one  named memory-one strategies, round-robin tournaments, Monte-Carlo values
"""

from ._base import Game, player_slices
from .classic import PD_PAYOFFS, double_well_game, lorenz_game, matching_pennies, prisoners_dilemma
from .gan import DIRAC_LOSSES, DiracGAN, dirac_gan
from .iterated import MP_PAYOFFS, STATES, IteratedGame, imp, ipd, iterated_game
from .memory_one import MEMORY_ONE, memory_one_logits, monte_carlo_value, policy_probabilities, round_robin
from .general import CallableGame, autograd_field, game_from_losses, minimax_game
from .linear import LinearGame, jacobi_splitting, linear_game, linearize
from .quadratic import (QuadraticMinimax, bilinear, lecture_examples, quadratic_2d, quadratic_minimax,
                        solution_concept_examples)
from .strongly_monotone import bilinear_spectrum, block_game, class_blocks, random_quadratic_game, worst_case_game

__all__ = [
    "Game", "player_slices",
    "QuadraticMinimax", "quadratic_minimax", "quadratic_2d", "bilinear", "lecture_examples",
    "worst_case_game", "random_quadratic_game", "class_blocks", "block_game", "bilinear_spectrum",
    "solution_concept_examples",
    "LinearGame", "linear_game", "linearize", "jacobi_splitting",
    "CallableGame", "autograd_field", "game_from_losses", "minimax_game",
    "matching_pennies", "prisoners_dilemma", "PD_PAYOFFS", "lorenz_game", "double_well_game",
    "DiracGAN", "dirac_gan", "DIRAC_LOSSES",
    "IteratedGame", "iterated_game", "ipd", "imp", "MP_PAYOFFS", "MEMORY_ONE", "STATES", "memory_one_logits",
    "policy_probabilities", "round_robin", "monte_carlo_value",
]
