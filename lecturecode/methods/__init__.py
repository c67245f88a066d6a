r"""First-order game dynamics as small pure step functions, one module per family.

Every algorithm is a :class:`Method`: ``init(game, z) -> state`` and
``step(game, z, state) -> (z_next, state_next)``, built by a factory that closes over its
hyper-parameters (the optax pattern; the contract is in :mod:`lecturecode.methods._base`).

Modules
-------
gda           Sim-GDA, Alt-GDA, two-timescale GDA, Follow-the-Ridge
acceleration  momentum (and negative momentum), extragradient, optimistic GDA, proximal point
opponent_shaping  naive learners, LOLA (exact and Taylor), SOS (trained over seeds by :func:`lecturecode.train`)
lola_autograd     LOLA by automatic differentiation (the reference for tests and benchmarks)
jacobian_corrected  consensus optimisation and SGA (the potential/Hamiltonian split of J)
registry      :data:`REGISTRY`: every method with its tuning space and update rule
"""

from ._base import (HYPER_SYMBOLS, Info, Method, format_hyper, hyper_symbol, per_player, tree_leaves, tree_map,
                    tree_unflatten)
from .acceleration import (MomentumState, OptimisticState, alt_negative_momentum, extragradient, negative_momentum,
                           optimistic_gda, proximal_point, with_momentum)
from .gda import alt_gda, follow_the_ridge, runge_kutta_flow, sim_gda, two_timescale_gda
from .jacobian_corrected import consensus, jacobian_split, sga
from .lola_autograd import lola_autograd, value_gradients_autograd
from .opponent_shaping import lola, naive_learner, shaping_direction, sos
from .registry import REGISTRY, Spec, example_method, supports

__all__ = [
    "Method", "Info", "HYPER_SYMBOLS", "format_hyper", "hyper_symbol", "per_player",
    "tree_leaves", "tree_map", "tree_unflatten",
    "sim_gda", "alt_gda", "two_timescale_gda", "follow_the_ridge", "runge_kutta_flow",
    "MomentumState", "OptimisticState", "with_momentum", "negative_momentum", "alt_negative_momentum",
    "extragradient", "optimistic_gda", "proximal_point",
    "REGISTRY", "Spec", "example_method", "supports",
    "naive_learner", "lola", "sos", "shaping_direction",
    "lola_autograd", "value_gradients_autograd",
    "consensus", "sga", "jacobian_split",
]
