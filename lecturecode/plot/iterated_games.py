"""Figures of learning in iterated games: policies per state, rewards over training, paths of
one seed, and tournament tables (drawing only; the runs come from
:func:`lecturecode.train`)."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from ..games import MEMORY_ONE, STATES
from ..analysis.learning import IpdOutcomes
from ..simulation import LearningRun
from ..validation import as_count, as_real_array, as_text
from .style import GREY, PALETTE, labelled, legend_outside, new_axes

__all__ = ["cooperation_bars", "band_plot", "reward_curves", "policy_paths", "round_robin_table",
           "STRATEGY_MARKERS", "cooperation_over_training", "reward_distribution"]

#: Marker of each named memory-one strategy on the policy plots.
STRATEGY_MARKERS = {"TFT": "*", "ALLD": "v", "ALLC": "^", "WSLS": "D"}


def _runs(runs, *, pairs: bool = False) -> list:
    """``[(label, LearningRun or (LearningRun, agent))]``, at least one."""
    items = labelled(runs, "runs")
    if not items:
        raise ValueError("runs must hold at least one labelled LearningRun (from lecturecode.train)")
    for label, item in items:
        run, agent = item if pairs and isinstance(item, tuple) and len(item) == 2 else (item, 0)
        if not isinstance(run, LearningRun):
            raise TypeError(f"runs[{label!r}] must be a LearningRun (from lecturecode.train)"
                            f"{' or (LearningRun, agent)' if pairs else ''}, got {item!r}")
        as_count(agent, f"runs[{label!r}] agent", low=0, high=1)
    return items


def _sequence(value, name: str) -> list:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, np.ndarray)):
        raise TypeError(f"{name} must be a sequence, got {value!r}")
    return list(value)


def cooperation_bars(runs, ax=None, *, strategies=("TFT", "ALLD"), action: str = "cooperate",
                     agents=(0, 1)) -> Axes:
    """Mean final P(action 0 | state) over seeds (bars) with the 10-90 % range of the seeds
    (whiskers), one group of bars per state, one colour per run; named strategies of
    :data:`~lecturecode.games.MEMORY_ONE` as markers.

    Parameters
    ----------
    runs : dict {label: LearningRun}
    strategies : sequence of str
        Names from ``MEMORY_ONE`` to mark (empty for none).
    action : str
        Name of action 0 for the axis label ("cooperate", "heads").
    agents : sequence of int
        Which agents to pool (0, 1 or both).
    """
    items = _runs(runs)
    strategies = _sequence(strategies, "strategies")
    for name in strategies:
        if not isinstance(name, str) or name not in MEMORY_ONE:
            raise ValueError(f"strategies must be names from {list(MEMORY_ONE)}, got {name!r}")
    agents = [as_count(a, "agents entry", low=0, high=1) for a in _sequence(agents, "agents")]
    if not agents:
        raise ValueError("agents must name at least one agent (0 or 1)")
    action = as_text(action, "action")
    ax = new_axes(ax, figsize=(6.5, 3.8))
    width = 0.8 / max(len(items), 1)
    xs = np.arange(5)
    for i, (label, run) in enumerate(items):
        p = np.asarray(run.probabilities[-1], dtype=float)[:, list(agents)].reshape(-1, 5)
        lo, hi = np.quantile(p, [0.1, 0.9], axis=0)
        mean = p.mean(axis=0)
        x = xs - 0.4 + width * (i + 0.5)
        ax.bar(x, mean, width * 0.9, color=PALETTE[i % 8], label=label, alpha=0.85)
        ax.vlines(x, lo, hi, color="black", lw=1.2)
    for name in strategies:
        ax.plot(xs, MEMORY_ONE[name], STRATEGY_MARKERS.get(name, "o"), color="black", ms=8, mfc="white",
                ls="none", label=name)
    ax.set_xticks(xs, ["start", *(f"after {s}" for s in STATES[1:])])
    ax.set_ylim(-0.05, 1.08)
    ax.set_ylabel(f"P({action} | state)")
    ax.legend(loc="lower center", ncols=min(len(items) + len(strategies), 4), frameon=False,
              bbox_to_anchor=(0.5, 1.02))                                   # above the axes, off the data
    return ax


def band_plot(curves, ax=None, *, ylabel: str = "", references=None) -> Axes:
    """Mean over seeds (line) and the interquartile range (band) of per-seed curves against
    the training step.

    Parameters
    ----------
    curves : dict {label: array (n_steps + 1, n_seeds)}
    references : dict {label: float}, optional
        Horizontal dashed lines (e.g. the value of a named strategy pair).
    """
    ylabel = as_text(ylabel, "ylabel")
    if references is not None and not isinstance(references, dict):
        raise TypeError(f"references must be a dict {{label: value}} or None, got {references!r}")
    refs = {}
    for label, v in labelled(references or {}, "references"):
        v = as_real_array(v, f"references[{label!r}]")
        if v.size != 1:
            raise ValueError(f"references[{label!r}] must be one number, got shape {v.shape}")
        refs[label] = float(v.ravel()[0])
    references = refs
    items = labelled(curves, "curves")
    for label, c in items:
        c = as_real_array(c, f"curves[{label!r}]")
        if c.ndim != 2 or c.size == 0:
            raise ValueError(f"curves[{label!r}] must have shape (n_steps + 1, n_seeds), got {c.shape}")
    ax = new_axes(ax, figsize=(6.0, 3.8))
    for i, (label, c) in enumerate(items):
        c = np.clip(as_real_array(c, f"curves[{label!r}]"), -1e300, 1e300)
        steps = np.arange(c.shape[0])
        lo, hi = np.quantile(c, [0.25, 0.75], axis=1)
        ax.fill_between(steps, lo, hi, color=PALETTE[i % 8], alpha=0.18, lw=0)
        ax.plot(steps, c.mean(axis=1), color=PALETTE[i % 8], lw=1.8, label=label)
    for j, (label, value) in enumerate((references or {}).items()):
        ax.axhline(value, color=GREY, lw=1, ls=("--", ":", "-.")[j % 3], label=label)
    ax.set_xlabel("training step")
    ax.set_ylabel(ylabel)
    legend_outside(ax)
    return ax


def reward_curves(runs, ax=None, *, references=None) -> Axes:
    """Average reward per step over training of each agent of each run (mean over seeds and
    interquartile band). ``runs`` maps a label to ``(LearningRun, agent)``; a bare ``LearningRun``
    means agent 0 (for symmetric pairings both agents look alike)."""
    curves = {}
    for label, item in _runs(runs, pairs=True):
        run, agent = (item, 0) if isinstance(item, LearningRun) else item
        curves[label] = run.rewards[..., agent]
    if references is None:
        references = {"TFT vs TFT (−1)": -1.0, "ALLD vs ALLD (−2)": -2.0}
    return band_plot(curves, ax, ylabel="average reward per step", references=references)


def policy_paths(runs, ax=None, *, seeds=(0, 1, 2), state: int = 0, action: str = "heads") -> Axes:
    """P(action 0 | ``state``) of agent 1 against agent 2 over training, for a few seeds of
    each run: circles show cycling, a spiral into the centre shows convergence to ½."""
    items = _runs(runs)
    seeds = [as_count(s, "seeds entry", low=0, high=min(r.probabilities.shape[1] for _, r in items) - 1)
             for s in _sequence(seeds, "seeds")]
    state, action = as_count(state, "state", low=0, high=4), as_text(action, "action")
    ax = new_axes(ax, figsize=(4.6, 4.4))
    for i, (label, run) in enumerate(items):
        p = np.asarray(run.probabilities, dtype=float)
        for k, seed in enumerate(seeds):
            ax.plot(p[:, seed, 0, state], p[:, seed, 1, state], color=PALETTE[i % 8], lw=1.0, alpha=0.8,
                    label=label if k == 0 else None)
            ax.plot(p[-1, seed, 0, state], p[-1, seed, 1, state], "o", color=PALETTE[i % 8], ms=4)
    ax.plot(0.5, 0.5, "*", color="black", ms=12, label="mixed equilibrium")
    ax.set(xlim=(-0.02, 1.02), ylim=(-0.02, 1.02), aspect="equal",
           xlabel=f"agent 1: P({action} | {STATES[state]})", ylabel=f"agent 2: P({action} | {STATES[state]})")
    legend_outside(ax)
    return ax


def round_robin_table(table, names, ax=None) -> Axes:
    """A tournament table (row's average reward per step against column) as an annotated
    heat map, with each row's mean in the last column."""
    table = as_real_array(table, "table")
    names = _sequence(names, "names")
    if not names or not all(isinstance(n, str) for n in names):
        raise TypeError(f"names must be a non-empty list of strings, got {names!r}")
    if table.shape != (len(names), len(names)):
        raise ValueError(f"table must have shape ({len(names)}, {len(names)}) for {len(names)} names, "
                         f"got {table.shape}")
    ax = new_axes(ax, figsize=(1.1 * len(names) + 2.5, 0.55 * len(names) + 1.6))
    full = np.column_stack([table, table.mean(axis=1)])
    ax.imshow(full, cmap="viridis", vmin=-3.0, vmax=0.0, aspect="auto")
    for (i, j), v in np.ndenumerate(full):
        ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=9, color="white" if v < -1.5 else "black")
    ax.set_xticks(range(len(names) + 1), [*names, "mean"], rotation=30, ha="right")
    ax.set_yticks(range(len(names)), names)
    ax.set_xlabel("opponent")
    ax.grid(False)
    return ax


def cooperation_over_training(outcome, ax=None, *, title: str | None = None) -> Axes:
    """Mean P(C | state) over seeds and both agents along training, one line per memory-one
    state (the lecture's left and middle panels), from :func:`lecturecode.analysis.ipd_outcomes`.

    Examples
    --------
    >>> from lecturecode import analysis, train
    >>> from lecturecode.games import ipd
    >>> from lecturecode.methods import naive_learner
    >>> out = analysis.ipd_outcomes(train(naive_learner(1.0), ipd(), n_seeds=4, n_steps=20))
    >>> len(cooperation_over_training(out).get_lines())
    5
    """
    if not isinstance(outcome, IpdOutcomes):
        raise TypeError(f"outcome must be an IpdOutcomes (from analysis.ipd_outcomes), got {outcome!r}")
    ax = new_axes(ax, figsize=(4.5, 3.5))
    steps = np.arange(outcome.cooperation.shape[0])
    for i, state in enumerate(STATES):
        ax.plot(steps, outcome.cooperation[:, i], color=PALETTE[i % 8], lw=1.6, label=f"P(C | {state})")
    ax.set_ylim(-0.03, 1.03)
    ax.set_xlabel("training step")
    ax.set_ylabel("P(cooperate), mean over seeds")
    if title is not None:
        ax.set_title(as_text(title, "title"))
    legend_outside(ax)
    return ax


def reward_distribution(outcomes, ax=None) -> Axes:
    """Each seed's final reward per step (dots, jittered) for each run, with the fraction of seeds
    that cooperate (reward >= -1.1) written next to it: the distribution, not a mean with whiskers.

    Examples
    --------
    >>> from lecturecode import analysis, train
    >>> from lecturecode.games import ipd
    >>> from lecturecode.methods import naive_learner
    >>> out = analysis.ipd_outcomes(train(naive_learner(1.0), ipd(), n_seeds=4, n_steps=20))
    >>> ax = reward_distribution({"NL": out})
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['NL']
    """
    items = labelled(outcomes, "outcomes")
    for label, out in items:
        if not isinstance(out, IpdOutcomes):
            raise TypeError(f"outcomes[{label!r}] must be an IpdOutcomes (from analysis.ipd_outcomes), got {out!r}")
    ax = new_axes(ax, figsize=(5.0, 0.6 + 0.7 * len(items)))
    rng = np.random.default_rng(0)
    for i, (_label, out) in enumerate(items):
        y = i + rng.uniform(-0.25, 0.25, out.rewards.size)
        ax.plot(out.rewards, y, "o", color=PALETTE[i % 8], ms=3.5, alpha=0.7)
        ax.text(-0.95, i, f"{out.cooperate:.0%} cooperate", va="center", ha="left", fontsize=9)
    ax.set_yticks(range(len(items)), [label for label, _ in items])
    ax.set_xlim(-2.1, -0.6)
    ax.set_ylim(-0.6, len(items) - 0.4)
    ax.invert_yaxis()
    ax.set_xlabel("final reward per step (each dot one seed)")
    return ax
