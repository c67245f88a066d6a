r"""Fused kernels of the iterated games: the naive, exact-LOLA and Taylor-LOLA steps and the
exact values of many points, as straight lines of array operations on buffers made once.

The arithmetic is that of :mod:`lecturecode.games.iterated` operation for operation (the same
products, in the same order, summed in the same order), so the results are bit-identical to
the closed-form path (``loss_gradients_with_jvp`` and the opponent-shaping formulas of
:mod:`lecturecode.methods.opponent_shaping`); only the bookkeeping differs:

* a kernel is built once per game, batch shape and step sizes: every buffer and every view of
  it is made then, and a step replays a fixed list ("tape") of about 140 NumPy calls
  ``ufunc(inputs..., out)`` on ``(entries, batch)`` arrays: no temporaries, no ``einsum``,
  no gathers (the sums over the 4 joint states are ``add.reduce`` over an outer axis, which
  adds in order, like the ``einsum`` loops they replace);
* the two players' work is stacked on one axis (their gradients, the two look-ahead points
  :math:`z' = (\theta_1, \theta_2 + \Delta\theta_2)` and :math:`z'' = (\theta_1 + \Delta\theta_1,
  \theta_2)`, the two Hessian-vector products), so each line runs once for both;
* agent 2's entries are held in joint-state order (CD and DC swapped on the way in and out).

The maths (values :math:`V_i = p_0^\top(I-\gamma P)^{-1}r_i`, the adjoint gradients and their
forward-mode derivatives) is in :mod:`lecturecode.games.iterated`; the LOLA update in
:mod:`lecturecode.methods.opponent_shaping`.

References
----------
Foerster, J., Chen, R., Al-Shedivat, M., Whiteson, S., Abbeel, P. and Mordatch, I. (2018).
Learning with opponent-learning awareness. *AAMAS*.

Examples
--------
>>> from lecturecode.games import ipd
>>> g, z = ipd(), np.linspace(-1.0, 1.0, 30).reshape(3, 10)
>>> k = kernel(g, (3,), np.asarray(1.0), np.asarray(0.5))
>>> bool(np.array_equal(k.naive(z), z - 0.5 * g.F(z)))
True
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided

# Internal: these kernels take checked input (like iterated._gradients); the public entry points
# are methods.naive_learner / methods.lola and IteratedGame.values, which validate and are fuzzed.
__all__: list = []

#: User order of z (agent 2 in its own state order) <-> joint order (agent 2's CD and DC swapped).
PERM = np.array([0, 1, 2, 3, 4, 5, 6, 8, 7, 9])
#: Points per chunk of :func:`values` and most points a kernel holds (its buffers stay small).
CHUNK = 2048

_mul, _add, _sub, _div, _sum = np.multiply, np.add, np.subtract, np.divide, np.add.reduce
_HALF, _ONE, _TWO = np.array(0.5), np.array(1.0), np.array(2.0)


def _diagonal(a, ax1, ax2, anti=False):
    """A writable view of the diagonal (or anti-diagonal) of axes ``ax1``, ``ax2`` (both of
    length 2) of ``a``, as a last axis: ``out[..., j] = a[..., j (or 1 - j), ..., j, ...]``."""
    shape = tuple(n for i, n in enumerate(a.shape) if i not in (ax1, ax2)) + (2,)
    strides = tuple(s for i, s in enumerate(a.strides) if i not in (ax1, ax2))
    start = a[(slice(None),) * ax1 + (slice(1 if anti else 0, None),)]     # a[..., 1, ...] for the anti-diagonal
    step = a.strides[ax2] - a.strides[ax1] if anti else a.strides[ax2] + a.strides[ax1]
    return as_strided(start, shape, strides + (step,), writeable=True)


def _play(tape):
    for f, args in tape:
        f(*args)


class _Stage:
    r"""Loss gradients at a batch of points (shape ``bs``) by the adjoint closed form of
    :func:`lecturecode.games.iterated._gradients`: fill ``t`` (10, *bs) with logits in joint
    order and play ``tape``. Then ``G`` (2 blocks, 5, n, *bs) holds ``G[blk, :, i]``, player
    ``i``'s loss gradient on block ``blk`` (``costs`` (4, 1, n, ...) are the loss payoffs of the
    ``n`` players, broadcast against ``bs``), and the buffers hold what the forward mode
    reuses. Without ``costs``: only the discounted visits ``w`` (for the values)."""

    def __init__(self, bs, costs, gamma):
        e, ones = np.empty, (1,) * len(bs)
        t, PQ, s = e((10,) + bs), e((2, 10) + bs), e((10,) + bs)
        p, q = PQ[0], PQ[1]
        XY = e((2, 2, 5) + bs)
        joint = XY.reshape((4, 5) + bs)
        p0, Pt = joint[:, 0], joint[:, 1:]
        a, piv, f, tmp = e((4, 4) + bs), e(bs), e((4,) + bs), e((4, 4) + bs)   # a: M^T, then its inverse N^T
        W, w = e((4, 4) + bs), e((4,) + bs)
        tape = [(_mul, (_HALF, t, p)), (np.tanh, (p, p)), (_add, (_ONE, p, p)), (_mul, (_HALF, p, p)),   # σ
                (_sub, (_ONE, p, q)),
                (_mul, (PQ[:, None, :5], PQ[None, :, 5:], XY)),          # (x, 1-x) ⊗ (y, 1-y): p0 and P^T
                (_mul, (np.array(-gamma), Pt, a)), (_add, (a, np.eye(4).reshape((4, 4) + ones), a))]
        for k in range(4):          # Gauss-Jordan in place, the steps of iterated._inverse (no pivoting)
            mask = np.where(np.arange(4) == k, 0.0, 1.0).reshape((4,) + ones)
            unit = np.eye(4)[:, k].reshape((4,) + ones)
            tape += [(_div, (_ONE, a[k, k], piv)),
                     (_mul, (a[:, k], mask, f)),                          # the multipliers (0 for row k)
                     (np.copyto, (a[:, k], unit)),
                     (_mul, (a[k], piv, a[k])),
                     (_mul, (f[:, None], a[k], tmp)),
                     (_sub, (a, tmp, a))]
        tape += [(_mul, (a, p0[None], W)), (_sum, (W, 1, None, w))]      # w = M^{-T} p0
        self.t, self.p, self.s, self.a, self.w = t, p, s, a, w
        self.gamma = gamma
        if costs is not None:
            n = costs.shape[2]
            U, u = e((4, 4, n) + bs), e((4, n) + bs)
            omega = e((5,) + bs)
            omega[0] = 1.0
            en, d = e((n,) + bs), e((2, n) + bs)
            ab, AB, G = e((2, 5, n) + bs), e((2, 5, n) + bs), e((2, 5, n) + bs)
            yx = p.reshape((2, 5) + bs)[::-1][:, :, None]               # (y, x): the multipliers of (a, b)
            tape += [(_mul, (p, q, s)),                                  # dσ/dθ
                     (_mul, (a[:, :, None], costs, U)), (_sum, (U, 0, None, u)),    # u = M^{-1} r
                     (_mul, (np.array(gamma), w, omega[1:])),
                     (_sub, (u[0], u[1], en)), (_sub, (en, u[2], en)), (_add, (en, u[3], en)),
                     (_sub, (u[1:3], u[3], d)),
                     (_mul, (yx, en, ab)), (_add, (ab, d[:, None], ab)),  # (a, b): ∂V/∂x = ω a, ∂V/∂y = ω b
                     (_mul, (omega[:, None], ab, AB)),
                     (_mul, (AB, s.reshape((2, 5, 1) + bs), G))]
            self.u, self.omega, self.e, self.ab, self.AB, self.G, self.yx = u, omega, en, ab, AB, G, yx
        self.tape = tape


class _Jvp:
    r"""The two Hessian-vector products of LOLA at stage ``A``'s points, by the product rule of
    :func:`lecturecode.games.iterated._gradients_jvp` with ``players=(1, 0)``: direction 0 is
    ``(0, c₁)`` along player 2's gradient, direction 1 is ``(c₂, 0)`` along player 1's. Fill
    the cross blocks of ``dz4`` (2 blocks, 5, 2 directions, N), play ``tape``: ``D`` (5, N, 2)
    holds block ``j`` of direction ``j``'s product, the only blocks LOLA uses (so the last lines
    run on half the entries)."""

    def __init__(self, A, N):
        e, gamma = np.empty, A.gamma
        dz = np.zeros((10, 2, N))                        # the own blocks stay 0
        dp, t1, t2 = e((10, 2, N)), e((5, 2, N)), e((5, 2, N))
        dp4 = dp.reshape(2, 5, 2, N)
        dj, P = e((4, 5, 2, N)), e((4, 4, 2, N))
        v, du, y1, dw = e((4, 2, N)), e((4, 2, N)), e((4, 2, N)), e((4, 2, N))
        domega = np.zeros((5, 2, N))
        de, dd = e((2, N)), e((2, N)).T
        # from here on only what the step uses: block j along direction j (d₁ along (0, c₁), d₂ along (c₂, 0))
        T1, T2, ds, D = (e((2, 5, N)).transpose(1, 2, 0) for _ in range(4))             # (5, N, 2)
        omp = e((10, 1, N))
        p, s, x, y, Nt = A.p[:, None], A.s[:, None], A.p[:5, None], A.p[5:, None], A.a[:, :, None]
        g = np.array(gamma)
        dx, dy, dp0, dPt = dp[:5], dp[5:], dj[:, 0], dj[:, 1:]
        self.tape = [
            (_mul, (s, dz, dp)),
            (_mul, (dx, y, t1)), (_mul, (x, dy, t2)), (_add, (t1, t2, dj[0])),           # dt
            (_sub, (dp4, dj[0], dj[1:3])),                                             # dx - dt, dy - dt
            (_sub, (dj[0], dx, dj[3])), (_sub, (dj[3], dy, dj[3])),                    # dt - dx - dy
            (_mul, (dPt, A.u[:, ::-1][:, None], P)), (_sum, (P, 0, None, v)),         # dP u
            (_mul, (Nt, v[:, None], P)), (_sum, (P, 0, None, du)), (_mul, (g, du, du)),   # du = γ M^{-1} dP u
            (_mul, (dPt, A.w[None, :, None], P)), (_sum, (P, 1, None, y1)),           # dP^T w
            (_mul, (g, y1, y1)), (_add, (dp0, y1, y1)),
            (_mul, (Nt, y1[None], P)), (_sum, (P, 1, None, dw)),                      # dw = M^{-T}(dp0 + γ dP^T w)
            (_mul, (g, dw, domega[1:])),
            (_sub, (du[0], du[1], de)), (_sub, (de, du[2], de)), (_add, (de, du[3], de)),
            (_mul, (_diagonal(dp4, 0, 2, anti=True), A.e[::-1].T, T1)),                # (dy, dx) e
            (_mul, (A.yx[:, :, 0].transpose(1, 2, 0), de.T, T2)), (_add, (T1, T2, T1)),   # + (y, x) de
            (_sub, (_diagonal(du[1:3], 0, 1), du[3].T, dd)), (_add, (T1, dd, T1)),      # (da, db)
            (_mul, (_TWO, p, omp)), (_sub, (_ONE, omp, omp)),
            (_mul, (omp.reshape(2, 5, N).transpose(1, 2, 0), _diagonal(dp4, 0, 2), ds)),   # ds = (1 - 2p) dp
            (_mul, (domega.transpose(0, 2, 1), _diagonal(A.ab, 2, 0, anti=True), D)),
            (_mul, (A.omega[:, :, None], T1, T2)), (_add, (D, T2, D)),
            (_mul, (D, A.s.reshape(2, 5, N).transpose(1, 2, 0), D)),
            (_mul, (_diagonal(A.AB, 2, 0, anti=True), ds, T2)), (_add, (D, T2, D))]
        self.dz4, self.D = dz.reshape(2, 5, 2, N), D               # D[:, :, j]: block j along direction j


class _Kernel:
    """Naive and LOLA steps on one game for one batch shape and fixed step sizes (arrays that
    broadcast against the batch), in chunks of at most :data:`CHUNK` points."""

    def __init__(self, game, batch, lookahead, delta):
        self.batch, self.game = batch, game
        N = int(np.prod(batch, dtype=int))
        self.N, self.n = N, max(1, min(N, CHUNK))
        self.chunks = [(start, min(start + self.n, N)) for start in range(0, N, self.n)]
        self.la = None if lookahead is None else np.broadcast_to(lookahead, batch).reshape(N)
        self.delta = np.broadcast_to(delta, batch).reshape(N)
        self._tapes = {}

    def _tape(self, kind, m):
        """The buffers and tape of ``kind`` ("naive", "exact", "taylor") for ``m`` points."""
        key = (kind, m)
        if key in self._tapes:
            return self._tapes[key]
        A = _Stage((m,), self.game._costs[:, None, :, None], self.game.gamma)
        tape, la, delta = list(A.tape), np.empty((1, m, 1)), np.empty(m)
        buf = np.empty((2, 5, m))                          # the update direction, blocks of 5
        bufT = buf.transpose(1, 2, 0)
        own = _diagonal(A.G, 0, 2)
        if kind != "naive":
            C = _Jvp(A, m)
            cross = _diagonal(A.G, 0, 2, anti=True)
            if kind == "exact":                # the look-ahead points, player k's gradient at point k
                B = _Stage((2, m), self.game._costs[:, None, None, :, None], self.game.gamma)
                tmp = np.empty((2, 5, m)).transpose(1, 2, 0)
                Bt = _diagonal(B.t.reshape(2, 5, 2, m), 0, 2, anti=True)
                tape += [(np.copyto, (B.t, A.t[:, None])), (_mul, (la, own[..., ::-1], tmp)),
                         (_sub, (Bt, tmp, Bt))]                       # each player's view of the other's step
                tape += B.tape
                G4 = B.G.reshape(2, 5, 2, m)
                own, cross = _diagonal(G4, 0, 2), _diagonal(G4, 0, 2, anti=True)
            tape += [(np.copyto, (_diagonal(C.dz4, 0, 2, anti=True), cross))]
            tape += C.tape
            tape += [(_mul, (la, C.D, bufT)), (_sub, (own, bufT, bufT))]
        else:
            tape += [(np.copyto, (bufT, own))]
        znew = np.empty((10, m))
        tape += [(_mul, (delta, buf, buf)), (_sub, (A.t, buf.reshape(10, m), znew))]
        if len(self.chunks) == 1:
            la[0, :, 0] = 0.0 if self.la is None else self.la
            delta[:] = self.delta
        self._tapes[key] = found = (A.t, la, delta, znew, tape)
        return found

    def _run(self, kind, z):
        if len(self.chunks) == 1:                          # the common case: one set of buffers
            t, la, delta, znew, tape = self._tape(kind, self.N)
            np.take(np.reshape(z, (self.N, 10)).T, PERM, 0, t, "clip")
            _play(tape)
            out = np.empty(self.batch + (10,))
            np.take(znew, PERM, 0, out.reshape(self.N, 10).T, "clip")
            return out
        flat = np.reshape(z, (self.N, 10))
        out = np.empty((self.N, 10))
        for start, stop in self.chunks:                    # one set of buffers serves the chunks of its size
            t, la, delta, znew, tape = self._tape(kind, stop - start)
            np.take(flat[start:stop].T, PERM, 0, t, "clip")
            if self.la is not None:
                la[0, :, 0] = self.la[start:stop]
            delta[:] = self.delta[start:stop]
            _play(tape)
            np.take(znew, PERM, 0, out[start:stop].T, "clip")
        return out.reshape(self.batch + (10,))

    def naive(self, z):
        r""":math:`z - \delta F(z)`."""
        return self._run("naive", z)

    def lola(self, z, exact):
        r""":math:`z - \delta\,d(z)` with LOLA's direction :math:`d` (exact look-ahead or Taylor)."""
        return self._run("exact" if exact else "taylor", z)


def kernel(game, batch, lookahead, delta):
    """The fused steps of ``game`` (an :class:`~lecturecode.games.IteratedGame`) for iterates of
    batch shape ``batch`` (``z`` of shape ``batch + (10,)``) and step sizes ``delta``,
    ``lookahead`` (arrays broadcasting against ``batch``; ``lookahead`` may be ``None``)."""
    return _Kernel(game, tuple(batch), lookahead, delta)


def values(z, payoffs, gamma):
    """Exact discounted values (..., 2) at real logits ``z`` (..., 10), :data:`CHUNK` points at a
    time: the arithmetic of :func:`lecturecode.games.iterated._values` (``V = w^T r``)."""
    batch = z.shape[:-1]
    flat = np.reshape(z, (-1, 10))
    M = flat.shape[0]
    out = np.empty((M, 2))
    stages = {}
    for start in range(0, M, CHUNK):
        m = min(CHUNK, M - start)
        S = stages.get(m) or stages.setdefault(m, _Stage((m,), None, gamma))
        np.take(flat[start:start + m].T, PERM, 0, S.t, "clip")
        _play(S.tape)
        w = S.w
        for i in range(2):
            col, r = out[start:start + m, i], payoffs[:, i]
            _mul(w[0], r[0], col)
            for j in range(1, 4):
                col += w[j] * r[j]
    return out.reshape(batch + (2,))
