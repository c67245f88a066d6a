r"""Fused kernels of the iterated games: the naive, exact-LOLA and Taylor-LOLA steps and the
exact values of many points, with every array allocated once per batch shape.

The arithmetic is that of :mod:`lecturecode.games.iterated` operation for operation (the same
products, in the same order, summed in the same order), so the results are bit-identical to
the closed-form path (``loss_gradients_with_jvp`` and the opponent-shaping formulas of
:mod:`lecturecode.methods.opponent_shaping`) on batched points; only the bookkeeping differs:

* the state values :math:`u = M^{-1}r` and visits :math:`w = M^{-\top}p_0` of all the points a
  step needs are one set of whole-array operations on ``(entries, batch)`` arrays, written
  into buffers made once (``out=``), instead of hundreds of small temporaries;
* the two players' work is stacked on one axis (their gradients, the two look-ahead points
  :math:`z'` and :math:`z''`, the two Hessian-vector products), so each line runs once;
* agent 2's entries are held in joint-state order (CD and DC swapped on the way in and out),
  so no line gathers them, and every view of every buffer is made once.

One kernel object serves one game, one batch shape and fixed step sizes; the methods keep a
few of them (:func:`kernel`). Unbatched points are computed as a batch of one.

References
----------
Foerster, J., Chen, R., Al-Shedivat, M., Whiteson, S., Abbeel, P. and Mordatch, I. (2018).
Learning with opponent-learning awareness. *AAMAS*.

Examples
--------
>>> from lecturecode.games import ipd
>>> g, z = ipd(), np.zeros((3, 10))
>>> k = kernel(g, (3,), np.asarray(1.0), np.asarray(1.0))
>>> bool(np.allclose(k.naive(z), z - g.F(z), rtol=0, atol=1e-15))
True
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided

__all__ = ["kernel", "values", "PERM"]

#: User order of z (agent 2 in its own state order) <-> joint order (CD and DC of agent 2 swapped).
PERM = np.array([0, 1, 2, 3, 4, 5, 6, 8, 7, 9])
_EYE = np.eye(4)
_MASK = [np.where(np.arange(4) == k, 0.0, 1.0)[:, None] for k in range(4)]      # row k's multiplier is 0
_UNIT = [np.eye(4)[:, k:k + 1].copy() for k in range(4)]                       # column k of the identity
#: Points per chunk of :func:`values` (its arrays stay in cache).
CHUNK = 2048


def _diagonal(a, ax1, ax2, anti=False):
    """A writable view of the diagonal (or anti-diagonal) of axes ``ax1``, ``ax2`` (both of
    length 2) of ``a``, as a last axis: ``out[..., j] = a[..., j (or 1 - j), ..., j, ...]``."""
    shape = tuple(n for i, n in enumerate(a.shape) if i not in (ax1, ax2)) + (2,)
    strides = tuple(s for i, s in enumerate(a.strides) if i not in (ax1, ax2))
    start = a[(slice(None),) * ax1 + (slice(1 if anti else 0, None),)]      # a[..., 1, ...] for the anti-diagonal
    step = a.strides[ax2] - a.strides[ax1] if anti else a.strides[ax2] + a.strides[ax1]
    return as_strided(start, shape, strides + (step,), writeable=True)


class _Stage:
    r"""The loss gradients of ``n`` players at a batch of points (shape ``bs``), by the adjoint
    closed form of :func:`lecturecode.games.iterated._gradients`, in buffers: fill ``t``
    (10, *bs) with logits in joint order, call :meth:`run`; ``G`` (2 blocks, 5, n, *bs) holds
    ``G[blk, :, i]`` = player i's loss gradient on block ``blk``, and the arrays the
    forward-mode derivative reuses stay in the buffers."""

    def __init__(self, bs, costs, gamma):
        self.bs, self.gamma, n = bs, gamma, 0 if costs is None else costs.shape[2]
        e = np.empty
        self.t = e((10,) + bs)
        self.PQ = e((2, 10) + bs)
        self.p, self.q = self.PQ[0], self.PQ[1]
        self.x, self.y = self.p[:5], self.p[5:]
        self.yx = self.p.reshape((2, 5) + bs)[::-1][:, :, None]             # (y, x) for (a, b)
        self.s = e((10,) + bs)
        self.s4 = self.s.reshape((2, 5, 1) + bs)
        self.XY = e((2, 2, 5) + bs)
        joint = self.XY.reshape((4, 5) + bs)
        self.p0, self.Pt = joint[:, 0], joint[:, 1:]
        self.a = e((4, 4) + bs)                                             # M^T, then N^T = M^{-T}
        self.piv, self.f, self.tmp = e(bs), e((4,) + bs), e((4, 4) + bs)
        self._gj = [(self.a[k, k], self.a[:, k], self.a[k], self.f[:, None], _MASK[k].reshape((4,) + (1,) * len(bs)),
                     _UNIT[k].reshape((4,) + (1,) * len(bs))) for k in range(4)]
        self.eye = _EYE.reshape((4, 4) + (1,) * len(bs))
        self.costs = costs
        self.prodU = e((4, 4, n) + bs)
        self.u = e((4, n) + bs)
        self.prodW = e((4, 4) + bs)
        self.w = e((4,) + bs)
        self.omega = e((5,) + bs)
        self.omega[0] = 1.0
        self.e = e((n,) + bs)
        self.d = e((2, n) + bs)
        self.ab, self.AB, self.G = e((2, 5, n) + bs), e((2, 5, n) + bs), e((2, 5, n) + bs)

    def inverse(self):
        """``a`` <- its inverse by Gauss-Jordan elimination in place, the steps of
        :func:`lecturecode.games.iterated._inverse` (no pivoting: diagonally dominant)."""
        piv, f, tmp, a = self.piv, self.f, self.tmp, self.a
        for akk, col, row, fcol, mask, unit in self._gj:
            np.divide(1, akk, out=piv)
            np.multiply(col, mask, out=f)                # the multipliers, 0 for row k
            np.copyto(col, unit)                         # column k of the identity
            np.multiply(row, piv, out=row)
            np.multiply(fcol, row, out=tmp)
            np.subtract(a, tmp, out=a)

    def visits(self):
        """Probabilities, first move, M^T, its inverse and the discounted visits w."""
        p, mul, add = self.p, np.multiply, np.add
        mul(0.5, self.t, out=p)
        np.tanh(p, out=p)
        add(1.0, p, out=p)
        mul(0.5, p, out=p)
        np.subtract(1, p, out=self.q)
        mul(self.PQ[:, None, :5], self.PQ[None, :, 5:], out=self.XY)
        mul(-self.gamma, self.Pt, out=self.a)
        add(self.a, self.eye, out=self.a)
        self.inverse()
        W, w = self.prodW, self.w
        mul(self.a, self.p0[None], out=W)
        add(W[:, 0], W[:, 1], out=w)
        add(w, W[:, 2], out=w)
        add(w, W[:, 3], out=w)

    def run(self):
        self.visits()
        mul, add, sub = np.multiply, np.add, np.subtract
        mul(self.p, self.q, out=self.s)
        U, u = self.prodU, self.u
        mul(self.a[:, :, None], self.costs, out=U)
        add(U[0], U[1], out=u)
        add(u, U[2], out=u)
        add(u, U[3], out=u)
        mul(self.gamma, self.w, out=self.omega[1:])
        e = self.e
        sub(u[0], u[1], out=e)
        sub(e, u[2], out=e)
        add(e, u[3], out=e)
        sub(u[1:3], u[3], out=self.d)
        mul(self.yx, e, out=self.ab)
        add(self.ab, self.d[:, None], out=self.ab)
        mul(self.omega[:, None], self.ab, out=self.AB)
        mul(self.AB, self.s4, out=self.G)


class _Jvp:
    r"""The two Hessian-vector products of LOLA at the points of stage ``A``: direction 0 is
    ``(0, c₁)`` along player 2's gradient, direction 1 is ``(c₂, 0)`` along player 1's (the
    product rule of :func:`lecturecode.games.iterated._gradients_jvp` with ``players=(1, 0)``).
    Fill the cross blocks of ``dz`` (10, 2, N), call :meth:`run`: ``D`` (2 blocks, 5, 2, N)."""

    def __init__(self, A, N):
        e = np.empty
        self.A, self.gamma = A, A.gamma
        self.dz = np.zeros((10, 2, N))                  # own blocks stay 0
        self.dz4 = self.dz.reshape(2, 5, 2, N)
        self.dp = e((10, 2, N))
        self.dp4 = self.dp.reshape(2, 5, 2, N)
        self.t1, self.t2 = e((5, 2, N)), e((5, 2, N))
        self.dj = e((4, 5, 2, N))
        self.P = e((4, 4, 2, N))
        self.v, self.du, self.y1, self.dw = e((4, 2, N)), e((4, 2, N)), e((4, 2, N)), e((4, 2, N))
        self.domega = np.zeros((5, 2, N))
        self.de, self.dd = e((2, N)), e((2, 2, N))
        self.T1, self.T2 = e((2, 5, 2, N)), e((2, 5, 2, N))
        self.omp, self.ds = e((10, 1, N)), e((10, 2, N))
        self.D = e((2, 5, 2, N))
        # stage A's arrays, shaped for the two directions (player 1 - k for direction k)
        self.p, self.s = A.p[:, None], A.s[:, None]
        self.x, self.y = A.x[:, None], A.y[:, None]
        self.w = A.w[None, :, None]
        self.omega = A.omega[:, None]
        self.Nt = A.a[:, :, None]
        self.e_sel, self.u_sel = A.e[::-1], A.u[:, ::-1][:, None]
        self.ab_sel, self.AB_sel = A.ab[:, :, ::-1], A.AB[:, :, ::-1]
        self.yx = A.yx                                  # (2, 5, 1, N)
        self.s4 = A.s.reshape(2, 5, 1, N)

    def run(self):
        mul, add, sub, gamma = np.multiply, np.add, np.subtract, self.gamma
        dp, dj, P = self.dp, self.dj, self.P
        mul(self.s, self.dz, out=dp)
        dx, dy = dp[:5], dp[5:]
        mul(dx, self.y, out=self.t1)
        mul(self.x, dy, out=self.t2)
        add(self.t1, self.t2, out=dj[0])                             # dt
        sub(self.dp4, dj[0], out=dj[1:3])                            # dx - dt, dy - dt
        sub(dj[0], dx, out=dj[3])
        sub(dj[3], dy, out=dj[3])                                    # dt - dx - dy
        dp0, dPt = dj[:, 0], dj[:, 1:]
        v, du = self.v, self.du
        mul(dPt, self.u_sel, out=P)                                  # dP u
        add(P[0], P[1], out=v)
        add(v, P[2], out=v)
        add(v, P[3], out=v)
        mul(self.Nt, v[:, None], out=P)                              # M^{-1} dP u
        add(P[0], P[1], out=du)
        add(du, P[2], out=du)
        add(du, P[3], out=du)
        mul(gamma, du, out=du)
        y1, dw = self.y1, self.dw
        mul(dPt, self.w, out=P)                                      # dP^T w
        add(P[:, 0], P[:, 1], out=y1)
        add(y1, P[:, 2], out=y1)
        add(y1, P[:, 3], out=y1)
        mul(gamma, y1, out=y1)
        add(dp0, y1, out=y1)
        mul(self.Nt, y1[None], out=P)                                # M^{-T}(dp0 + γ dP^T w)
        add(P[:, 0], P[:, 1], out=dw)
        add(dw, P[:, 2], out=dw)
        add(dw, P[:, 3], out=dw)
        mul(gamma, dw, out=self.domega[1:])
        de = self.de
        sub(du[0], du[1], out=de)
        sub(de, du[2], out=de)
        add(de, du[3], out=de)
        T1, T2 = self.T1, self.T2
        mul(self.dp4[::-1], self.e_sel, out=T1)                      # (dy, dx) e
        mul(self.yx, de, out=T2)                                     # (y, x) de
        add(T1, T2, out=T1)
        sub(du[1:3], du[3], out=self.dd)
        add(T1, self.dd[:, None], out=T1)                            # (da, db)
        mul(2, self.p, out=self.omp)
        sub(1, self.omp, out=self.omp)
        mul(self.omp, dp, out=self.ds)                               # ds
        D = self.D
        mul(self.domega[None], self.ab_sel, out=D)
        mul(self.omega, T1, out=T2)
        add(D, T2, out=D)
        mul(D, self.s4, out=D)
        mul(self.AB_sel, self.ds.reshape(2, 5, 2, -1), out=T2)
        add(D, T2, out=D)


class _Kernel:
    """Naive and LOLA steps of one game for one batch shape and fixed step sizes."""

    def __init__(self, game, batch, lookahead, delta):
        self.batch = batch
        N = int(np.prod(batch, dtype=int))
        self.N = N
        costs = game._costs
        gamma = game.gamma
        self.A = _Stage((N,), costs[:, None, :, None], gamma)
        self._B = None
        self._C = None
        self.gamma, self.costs = gamma, costs
        self.la = None if lookahead is None else np.broadcast_to(lookahead, batch).reshape(N)[None, :, None]
        self.delta = np.broadcast_to(delta, batch).reshape(N)
        self.buf = np.empty((2, 5, N))
        self.bufT = self.buf.transpose(1, 2, 0)
        self.znew = np.empty((10, N))
        self.tmp = np.empty((5, N, 2))

    @property
    def B(self):
        if self._B is None:                     # the two look-ahead points, player k at point k
            self._B = _Stage((2, self.N), self.costs[:, None, None, :, None], self.gamma)
            self._Bt = _diagonal(self._B.t.reshape(2, 5, 2, self.N), 0, 2, anti=True)
            G4 = self._B.G.reshape(2, 5, 2, self.N)
            self._Bown, self._Bcross = _diagonal(G4, 0, 2), _diagonal(G4, 0, 2, anti=True)
        return self._B

    @property
    def C(self):
        if self._C is None:
            self._C = _Jvp(self.A, self.N)
            self._Cdz = _diagonal(self._C.dz4, 0, 2, anti=True)
            self._CD = _diagonal(self._C.D, 0, 2)
            self._Aown = _diagonal(self.A.G, 0, 2)
            self._Across = _diagonal(self.A.G, 0, 2, anti=True)
        return self._C

    def _load(self, z):
        zt = np.reshape(z, (self.N, 10)).T
        np.take(zt, PERM, axis=0, out=self.A.t, mode="clip")

    def _finish(self, scaled=False):
        if not scaled:
            np.multiply(self.delta, self.buf, out=self.buf)
        np.subtract(self.A.t, self.buf.reshape(10, self.N), out=self.znew)
        out = np.take(self.znew, PERM, axis=0)
        return np.moveaxis(out.reshape((10,) + self.batch), 0, -1)

    def naive(self, z):
        """``z - δ F(z)``."""
        self._load(z)
        A = self.A
        A.run()
        np.multiply(self.delta[None, :, None], _diagonal(A.G.reshape(2, 5, 2, self.N), 0, 2), out=self.bufT)
        return self._finish(scaled=True)

    def lola(self, z, exact):
        """``z - δ × shaping direction`` (exact look-ahead or the Taylor form)."""
        self._load(z)
        A, C = self.A, self.C
        A.run()
        if exact:
            B = self.B
            np.copyto(B.t, A.t[:, None])
            np.multiply(self.la, self._Aown[..., ::-1], out=self.tmp)
            np.subtract(self._Bt, self.tmp, out=self._Bt)              # each player's view of the other's step
            B.run()
            own, cross = self._Bown, self._Bcross
        else:
            own, cross = self._Aown, self._Across
        np.copyto(self._Cdz, cross)
        C.run()
        np.multiply(self.la, self._CD, out=self.bufT)
        np.subtract(own, self.bufT, out=self.bufT)
        return self._finish()


def kernel(game, batch, lookahead, delta):
    """A :class:`_Kernel` for ``game`` (an :class:`~lecturecode.games.IteratedGame`), the batch
    shape ``batch`` of the iterates and the step sizes (arrays broadcasting against ``batch``)."""
    return _Kernel(game, tuple(batch), lookahead, delta)


def values(z, payoffs, gamma):
    """Exact discounted values (..., 2) at real logits ``z`` (..., 10), chunk by chunk: the
    arithmetic of :func:`lecturecode.games.iterated._values` (``V = w^T r``)."""
    batch = z.shape[:-1]
    flat = np.reshape(z, (-1, 10))
    M = flat.shape[0]
    out = np.empty((M, 2))
    if M == 0:
        return out.reshape(batch + (2,))
    n = min(M, CHUNK)
    S = _Stage((n,), None, gamma)
    for start in range(0, M, n):
        m = min(n, M - start)
        S = S if m == n else _Stage((m,), None, gamma)
        np.take(flat[start:start + m].T, PERM, axis=0, out=S.t, mode="clip")
        S.visits()
        w = S.w
        for i in range(2):
            r = payoffs[:, i]
            col = out[start:start + m, i]
            np.multiply(w[0], r[0], out=col)
            for j in range(1, 4):
                col += w[j] * r[j]
    return out.reshape(batch + (2,))
