r"""Memory-one strategies of iterated 2×2 games: named strategies (TFT, ALLD, ALLC, WSLS),
policies from logits, an Axelrod-style round robin of exact values, and a Monte-Carlo
check of the exact value (conventions in :mod:`lecturecode.games.iterated`)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np

from ..validation import as_count, as_generator, as_real_array, as_scalar
from ._base import frozen
from .iterated import _SWAP, IteratedGame, _sigmoid, _values

__all__ = ["MEMORY_ONE", "memory_one_logits", "policy_probabilities", "round_robin", "monte_carlo_value"]

#: Named memory-one strategies as probabilities of action 0, in the order :data:`STATES`.
MEMORY_ONE = MappingProxyType({
    "TFT": frozen([1, 1, 0, 1, 0]),     # tit-for-tat: open with C, then copy the opponent
    "ALLD": frozen([0, 0, 0, 0, 0]),    # always defect
    "ALLC": frozen([1, 1, 1, 1, 1]),    # always cooperate
    "WSLS": frozen([1, 1, 0, 0, 1]),    # win-stay lose-shift (Pavlov)
})

def policy_probabilities(z) -> np.ndarray:
    """Each agent's probabilities of action 0 at logits ``z`` (..., 10), shape (..., 2, 5),
    in the order :data:`STATES` from the agent's own point of view.

    Examples
    --------
    >>> policy_probabilities(np.r_[np.zeros(5), np.full(5, 40.0)]).round(3).tolist()
    [[0.5, 0.5, 0.5, 0.5, 0.5], [1.0, 1.0, 1.0, 1.0, 1.0]]
    """
    z = as_real_array(z, "z")
    if z.ndim == 0 or z.shape[-1] != 10:
        raise ValueError(f"z must have shape (..., 10) (5 logits per agent), got shape {z.shape}")
    return _sigmoid(z).reshape(z.shape[:-1] + (2, 5))


def memory_one_logits(name: str, sharpness: float = 10.0) -> np.ndarray:
    """Logits of the named strategy of :data:`MEMORY_ONE`: ``±sharpness`` for probabilities 1/0.

    Examples
    --------
    >>> memory_one_logits("TFT", 5.0).tolist()
    [5.0, 5.0, -5.0, 5.0, -5.0]
    """
    if not isinstance(name, str) or name not in MEMORY_ONE:
        raise ValueError(f"name must be one of {list(MEMORY_ONE)}, got {name!r}")
    sharpness = as_scalar(sharpness, "sharpness", low=0.0, low_open=True)
    return sharpness * (2 * MEMORY_ONE[name] - 1)


def _as_policy(p, name):
    p = as_real_array(p, name)
    if p.ndim not in (1, 2) or p.shape[-1] != 5 or np.any(p < 0) or np.any(p > 1):
        raise ValueError(f"{name} must be probabilities in [0, 1] of shape (5,) or (n, 5), got {p.tolist()}")
    return p.reshape(-1, 5)


def round_robin(game: IteratedGame, policies) -> np.ndarray:
    r"""Axelrod-style tournament: ``table[i, j]`` is policy :math:`i`'s exact average reward per
    step, :math:`(1-\gamma)V_1`, when it plays policy :math:`j` (deterministic policies allowed).

    Parameters
    ----------
    game : IteratedGame
    policies : mapping {name: probabilities (5,) or a population (n, 5)}
        A population (e.g. the policies learned from many seeds) scores the mean over all
        pairs of its members and the opponent's.

    Examples
    --------
    >>> from lecturecode.games import ipd
    >>> t = round_robin(ipd(), {k: MEMORY_ONE[k] for k in ("TFT", "ALLD")})
    >>> t.round(3).tolist()
    [[-1.0, -2.04], [-1.92, -2.0]]
    """
    if not isinstance(game, IteratedGame):
        raise TypeError(f"game must be an IteratedGame, got {game!r}")
    if not isinstance(policies, Mapping) or not policies:
        raise TypeError(f"policies must be a non-empty mapping {{name: probabilities}}, got {policies!r}")
    for k in policies:
        if not isinstance(k, str):
            raise TypeError(f"policies must be keyed by names (strings), got key {k!r}")
    pops = [_as_policy(p, f"policies[{k!r}]") for k, p in policies.items()]
    table = np.empty((len(pops), len(pops)))
    for i, a in enumerate(pops):
        for j, b in enumerate(pops):
            V = _values(a[:, None, :], b[None, :, :], game.payoffs, game.gamma)
            table[i, j] = (1 - game.gamma) * V[..., 0].mean()
    return table


def monte_carlo_value(game: IteratedGame, z, n_episodes: int = 10_000, n_rounds: int = 400,
                      seed=0) -> tuple[np.ndarray, np.ndarray]:
    r"""Discounted returns :math:`\sum_t \gamma^t r_t` estimated by playing ``n_episodes``
    sampled episodes of ``n_rounds`` rounds (all episodes at once) at logits ``z`` (10,).

    Returns the mean (2,) and its standard error (2,). The truncation bias is at most
    :math:`\gamma^{n}\max|r|/(1-\gamma)`.

    Examples
    --------
    >>> from lecturecode.games import ipd
    >>> g, z = ipd(), np.linspace(-1.0, 1.0, 10)
    >>> mean, se = monte_carlo_value(g, z, n_episodes=4000, seed=0)
    >>> bool(np.all(np.abs(mean - g.values(z)) < 4 * se))
    True
    """
    if not isinstance(game, IteratedGame):
        raise TypeError(f"game must be an IteratedGame, got {game!r}")
    z = game.check_points(z, "z")
    if z.shape != (10,):
        raise ValueError(f"z must be one point of shape (10,), got shape {z.shape}")
    n_episodes, n_rounds = as_count(n_episodes, "n_episodes", low=2), as_count(n_rounds, "n_rounds")   # 2: a std
    rng = as_generator(seed)
    p = _sigmoid(z).reshape(2, 5)
    q = p[1, _SWAP]
    a1 = rng.random(n_episodes) < p[0, 0]
    a2 = rng.random(n_episodes) < q[0]
    total = np.zeros((n_episodes, 2))
    for t in range(n_rounds):
        state = 2 * (~a1) + (~a2)                      # CC=0, CD=1, DC=2, DD=3
        total += game.gamma**t * game.payoffs[state]
        a1 = rng.random(n_episodes) < p[0, 1 + state]
        a2 = rng.random(n_episodes) < q[1 + state]
    return total.mean(axis=0), total.std(axis=0, ddof=1) / np.sqrt(n_episodes)
