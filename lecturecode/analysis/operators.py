r"""Linear update operators of game dynamics.

Around a critical point :math:`z^*` every method in :mod:`lecturecode.methods` acts on the
deviation :math:`e = z - z^*` (stacked with its memory) as a linear map :math:`e \mapsto M e`
when the game is quadratic, and to first order otherwise. The method converges locally iff
the spectral radius :math:`\rho(M) < 1`, and then :math:`\|e^{(k)}\| \approx C \rho(M)^k`.

:func:`update_matrix` obtains :math:`M` by running the method's own ``step`` on the basis
vectors, so the matrix analysed is, by construction, the update simulated. A game whose
Jacobian is block-diagonal (e.g. :func:`~lecturecode.games.worst_case_game`, sixteen
independent 2-D blocks) is analysed block by block with the same ``step`` run once on the
stack of blocks, because the spectrum of the whole operator is the union of the blocks'.
For the rate alone (:func:`convergence_rate`, the tuner) a method whose operator is a
function of :math:`H` (``info.h_function``) is analysed on the eigenvalues of :math:`H`
instead (:class:`LinearModel`), and the linear model of a game is built once and cached.
"""

from __future__ import annotations

import weakref

import numpy as np

from ..games import Game, LinearGame, linearize, player_slices
from ..methods._base import Method, tree_leaves, tree_unflatten
from ..validation import as_real_array, check_range

__all__ = ["update_matrix", "update_eigenvalues", "spectral_radius", "convergence_rate", "independent_blocks",
           "block_radii"]


def _checked(method, game):
    if not isinstance(method, Method):
        raise TypeError(f"method must be a lecturecode Method, got {method!r}")
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    if not method.info.linear:
        raise ValueError(f"method {method.name} has no update matrix: its update is not linear in z "
                         "(info.linear is False); simulate it instead")
    method.check(game)


def _operator(method, lin: LinearGame) -> np.ndarray:
    """``M`` of ``method`` on the (possibly stacked) linear game: shape ``(*hyper, *stack, D, D)``."""
    d = lin.d
    stack = lin.H.shape[:-2]
    template = method.init(lin, np.zeros(d))
    leaves = tree_leaves(template)
    for leaf in leaves:
        if np.shape(leaf)[-1:] != (d,):
            raise ValueError(f"{method.name}: update_matrix needs a state made of arrays shaped like z "
                             f"(..., {d}), got a leaf of shape {np.shape(leaf)}")
    size = (len(leaves) + 1) * d
    hyper_shape = np.broadcast_shapes(*(np.shape(h) for h in method.hyper.values()))
    ns, nh = len(stack), len(hyper_shape)
    basis = np.eye(size).reshape((1,) * ns + (size,) + (1,) * nh + (size,))
    pad = (1,) * (1 + nh)
    H = lin.H.reshape(stack + pad + (d, d))
    hessians = lin.loss_hessians
    if hessians is not None:
        hessians = hessians.reshape(stack + pad + hessians.shape[-3:])
    game = LinearGame(H, lin.dims, name=lin.name, zero_sum=lin.zero_sum, loss_hessians=hessians)
    parts = [basis[..., i * d:(i + 1) * d] for i in range(len(leaves) + 1)]
    with np.errstate(all="ignore"):
        z_next, state_next = method.step(game, parts[0], tree_unflatten(template, parts[1:]))
    columns = np.concatenate(np.broadcast_arrays(z_next, *tree_leaves(state_next)), axis=-1)
    columns = np.broadcast_to(columns, stack + (size,) + hyper_shape + (size,))
    M = np.moveaxis(columns, ns, -1)                                  # (*stack, *hyper, D_out, D_in)
    return np.moveaxis(M, tuple(range(ns)), tuple(range(nh, nh + ns)))


def update_matrix(method, game, z_star=None) -> np.ndarray:
    r"""The linear update operator :math:`M` of ``method`` on ``game`` around ``z_star``.

    For a memory-less method the matrix is ``d x d``; a method whose state keeps ``k``
    arrays gets the ``(k+1)d x (k+1)d`` operator on :math:`(z, \text{state})`, in the order
    of the state's leaves. With array-valued hyper-parameters the result has their shape in
    front: ``(*hyper_shape, D, D)``.

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> from lecturecode.methods import sim_gda, alt_gda
    >>> g = quadratic_2d(1.0, 10.0, 1.0)
    >>> update_matrix(sim_gda(0.01), g)                 # I - eta H
    array([[ 0.99, -0.1 ],
           [ 0.1 ,  0.99]])
    >>> update_matrix(sim_gda([0.01, 0.02]), g).shape   # a sweep over step sizes
    (2, 2, 2)
    """
    _checked(method, game)
    return _finite(_operator(method, linearize(game, z_star)), method)


def independent_blocks(lin: LinearGame) -> LinearGame | None:
    """Split a linear game into independent, equally shaped blocks, or ``None``.

    Coordinates that ``H`` (or a loss Hessian) couples, directly or through others, form a
    block. When there
    are several blocks of the same size, each with the same number of coordinates from
    every player, the result is a stacked :class:`LinearGame` (``H`` of shape
    ``(n_blocks, b, b)``, players in their original order) whose update spectra together
    are the whole game's.

    Examples
    --------
    >>> from lecturecode.games import worst_case_game, linearize
    >>> independent_blocks(linearize(worst_case_game(1.0, 10.0))).H.shape
    (16, 2, 2)
    """
    if not isinstance(lin, LinearGame):
        raise TypeError(f"lin must be a LinearGame (e.g. from linearize(game)), got {lin!r}")
    H = lin.H
    if H.ndim != 2:
        return None
    d, dims = H.shape[0], tuple(lin.dims)
    coupled = (H != 0) | (H.T != 0)
    if lin.loss_hessians is not None:                         # opponent shaping also couples through these
        coupled |= np.any(lin.loss_hessians != 0, axis=0) | np.any(lin.loss_hessians != 0, axis=0).T
    if len(set(dims)) == 1 and dims[0] > 1:                  # aligned: {k, n + k, 2n + k, ...}
        n = dims[0]
        group = np.arange(d) % n
        if not np.any(coupled & (group[:, None] != group[None, :])):
            index = np.arange(d).reshape(len(dims), n).T
            return _stack(lin, index, (1,) * len(dims))
    label = -np.ones(d, dtype=int)
    for start in range(d):
        if label[start] >= 0:
            continue
        label[start] = start
        frontier = [start]
        while frontier:
            i = frontier.pop()
            for j in np.flatnonzero(coupled[i] & (label < 0)):
                label[j] = start
                frontier.append(j)
    groups = [np.flatnonzero(label == g) for g in np.unique(label)]
    if len(groups) < 2 or len({len(g) for g in groups}) != 1:
        return None
    owner = np.concatenate([np.full(s.stop - s.start, p) for p, s in enumerate(player_slices(dims))])
    counts = {tuple(int(c) for c in np.bincount(owner[g], minlength=len(dims))) for g in groups}
    if len(counts) != 1 or 0 in next(iter(counts)):
        return None
    return _stack(lin, np.array(groups), next(iter(counts)))


def _stack(lin, index, dims):
    rows, cols = index[:, :, None], index[:, None, :]
    hessians = None if lin.loss_hessians is None else np.moveaxis(lin.loss_hessians[:, rows, cols], 0, -3)
    return LinearGame(lin.H[rows, cols], dims, name=lin.name, zero_sum=lin.zero_sum, loss_hessians=hessians)


def spectral_radius(M) -> np.ndarray | float:
    """Largest eigenvalue modulus of the square matrix (or stack of matrices) ``M``.

    Examples
    --------
    >>> round(spectral_radius([[0.0, 2.0], [-2.0, 0.0]]), 12)
    2.0
    """
    M = _real_or_complex(M)
    if M.ndim < 2 or M.shape[-1] != M.shape[-2] or M.shape[-1] == 0:
        raise ValueError(f"M must be a square matrix (at least 1x1) or a stack of them, got shape {M.shape}")
    if np.abs(M).max() > 1e300:
        raise ValueError("M is too large: entries must stay below 1e300 in magnitude (the eigensolver overflows)")
    rho = np.abs(np.linalg.eigvals(M)).max(axis=-1)
    return float(rho) if rho.ndim == 0 else rho


def _real_or_complex(M) -> np.ndarray:
    """A finite real or complex array (complex input is allowed here: spectra of complex matrices)."""
    if isinstance(M, (str, bytes)) or M is None:
        raise TypeError(f"M must be a real or complex matrix, got {M!r}")
    try:
        raw = np.asarray(M)
    except (TypeError, ValueError) as err:
        raise ValueError(f"M must be a regular (non-ragged) array, got {M!r}") from err
    if raw.dtype.kind == "c":
        if not np.all(np.isfinite(raw)):
            raise ValueError("M must be finite (no NaN or inf)")
        return raw
    return as_real_array(raw if raw.dtype.kind != "O" else M, "M")


class LinearModel:
    r"""What every spectrum of a method on one game is computed from, built once
    (:func:`linear_model`): the game linearised at :math:`z^*` and split into independent
    blocks where it allows (``blocks``, a possibly stacked :class:`LinearGame`).

    For a method whose operator is a function of :math:`H` alone (``info.h_function``) the
    spectrum of :math:`M` is the union, over the eigenvalues :math:`h` of :math:`H`, of the
    spectra of the same method on the scalar game :math:`h`: triangularise
    :math:`H = U T U^*` (Schur) and every block of :math:`M`, a polynomial or rational
    function of :math:`H`, becomes upper triangular with diagonal entries functions of
    :math:`t_{ii}`. :meth:`for_method` therefore hands such a method, on blocks larger than
    2x2, the eigenvalues of :math:`H` (computed once, lazily) as a stack of real blocks:
    :math:`\begin{pmatrix}a & b\\ -b & a\end{pmatrix}` per pair :math:`a \pm ib` and
    :math:`1\times1` blocks for real ones, so a tuner's thousand evaluations cost
    :math:`O(d)` small eigenproblems each instead of one of size :math:`(k+1)d`.
    """

    __slots__ = ("blocks", "_eigen")

    def __init__(self, blocks: LinearGame):
        self.blocks = blocks
        self._eigen = None

    def for_method(self, method) -> tuple:
        """The stacked linear games whose update spectra together are ``method``'s on the game."""
        if not method.info.h_function or self.blocks.H.shape[-1] <= 2:
            return (self.blocks,)
        if self._eigen is None:
            self._eigen = _eigen_blocks(self.blocks)
        return self._eigen


def _eigen_blocks(lin: LinearGame) -> tuple:
    """The eigenvalues of (every block of) ``lin.H`` as stacks of real 2x2 and 1x1 linear games."""
    lam = np.linalg.eigvals(lin.H).reshape(-1)
    pairs, real = lam[lam.imag > 0], lam[lam.imag == 0].real     # LAPACK returns exact conjugate pairs
    games = []
    if pairs.size:
        a, b = pairs.real, pairs.imag
        H = np.stack([np.stack([a, b], -1), np.stack([-b, a], -1)], -2)
        games.append(LinearGame(H, (1, 1), name=lin.name, zero_sum=lin.zero_sum))
    if real.size:
        games.append(LinearGame(real.reshape(-1, 1, 1), (1,), name=lin.name))
    return tuple(games)


_MODELS = weakref.WeakKeyDictionary()        # game -> its LinearModel at game.z_star (games are immutable)


def linear_model(game, z_star=None) -> LinearModel:
    """``game`` linearised at ``z_star`` and split into independent blocks where it allows:
    what every spectrum of a method on ``game`` is computed from. Computed once per game at
    its own critical point (cached while the game lives; games are immutable), so many
    :func:`convergence_rate` calls and a tuner's evaluations do not linearise again."""
    cached = z_star is None
    if cached:
        try:
            model = _MODELS.get(game)
        except TypeError:                                    # an unhashable or non-weakref-able game
            model, cached = None, False
        if model is not None:
            return model
    lin = linearize(game, z_star)
    blocks = independent_blocks(lin)
    model = LinearModel(lin if blocks is None else blocks)
    if cached:
        _MODELS[game] = model
    return model


def spectrum_on(method, game, model: LinearModel, *, radius_only: bool = False):
    """Eigenvalues of ``method``'s update on ``model = linear_model(game)``, ``(*hyper, n_eigs)``.

    With ``radius_only`` the eigenvalues may come from the reduced blocks of
    :meth:`LinearModel.for_method` (the same multiset in exact arithmetic, in another order)."""
    _checked(method, game)
    return _spectrum_of(method, model, radius_only)


def _spectrum_of(method, model, radius_only):
    spectra = []
    for lin in (model.for_method(method) if radius_only else (model.blocks,)):
        lam = np.linalg.eigvals(_finite(_operator(method, lin), method))
        spectra.append(lam.reshape(lam.shape[:-2] + (-1,)) if lin.H.ndim > 2 else lam)
    if len(spectra) == 1:
        return spectra[0]
    front = np.broadcast_shapes(*(lam.shape[:-1] for lam in spectra))
    return np.concatenate([np.broadcast_to(lam, front + lam.shape[-1:]) for lam in spectra], axis=-1)


def _spectrum(method, game, z_star, radius_only=False):
    """Eigenvalues of the update, ``(*hyper, n_eigs)``, block by block where the game allows."""
    _checked(method, game)
    return _spectrum_of(method, linear_model(game, z_star), radius_only)


def _finite(M, method):
    if not np.all(np.isfinite(M)) or np.abs(M).max() > 1e300:
        raise ValueError(f"the update operator of the method {method.name} is not finite: its hyper-parameters "
                         f"({', '.join(method.hyper)}) or the game's coefficients are too large")
    return M


def update_eigenvalues(method, game, z_star=None) -> np.ndarray:
    """Eigenvalues of :func:`update_matrix` (complex, shape ``(*hyper_shape, D)``)."""
    return _spectrum(method, game, z_star)


def convergence_rate(method, game, z_star=None):
    r"""Asymptotic per-step contraction of the distance to :math:`z^*`: :math:`\rho(M)`.

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> from lecturecode.methods import sim_gda
    >>> round(convergence_rate(sim_gda(1 / 101), quadratic_2d(1, 10, 1)), 4)   # 10 / sqrt(101)
    0.995
    """
    rho = np.abs(_spectrum(method, game, z_star, radius_only=True)).max(axis=-1)
    return float(rho) if rho.ndim == 0 else rho


def block_radii(method, a, b, c) -> np.ndarray:
    r"""The spectral radius of ``method`` on each scalar game
    :math:`\tfrac{a}{2}x^2 + b\,xy - \tfrac{c}{2}y^2` of a stack, in one call of its ``step``.

    Parameters
    ----------
    method : Method
        A linear method.
    a, b, c : array_like
        The blocks' coefficients, broadcast together.

    Returns
    -------
    ndarray
        Shape ``(*hyper_shape, *broadcast(a, b, c).shape)``.

    Examples
    --------
    >>> from lecturecode.methods import sim_gda
    >>> block_radii(sim_gda(0.1), [1.0, 1.0], [0.0, 10.0], [1.0, 1.0]).round(6)   # |1 - eta(a ± ib)|
    array([0.9     , 1.345362])
    """
    a, b, c = (check_range(as_real_array(v, n), n, low=-1e150, high=1e150) for v, n in ((a, "a"), (b, "b"), (c, "c")))
    try:
        a, b, c = np.broadcast_arrays(a, b, c)
    except ValueError as err:
        raise ValueError(f"a, b and c must broadcast together, got shapes a{a.shape}, b{b.shape}, c{c.shape}") from err
    if a.size == 0:
        raise ValueError(f"a, b and c must not be empty, got shapes a{a.shape}, b{b.shape}, c{c.shape}")
    if not isinstance(method, Method):
        raise TypeError(f"method must be a lecturecode Method, got {method!r}")
    if set(method.info.requires) - {"F", "J"}:
        raise ValueError(f"method {method.name} needs {method.info.requires} of a game; the scalar blocks "
                         "offer F and J only")
    H = np.stack([np.stack([a, b], -1), np.stack([-b, c], -1)], -2).reshape(-1, 2, 2)
    lin = LinearGame(H, (1, 1), name="scalar blocks", zero_sum=True)
    _checked(method, lin)
    M = _finite(_operator(method, lin), method)                       # (*hyper, n_blocks, D, D)
    rho = np.abs(np.linalg.eigvals(M)).max(axis=-1)
    return rho.reshape(rho.shape[:-1] + a.shape)
