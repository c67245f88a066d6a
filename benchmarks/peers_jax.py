"""The peer implementations in JAX (jit + vmap + scan) for ``benchmarks/peers.py``.

Benchmark-only: imported by ``make bench-peers`` in its own environment, never by lecturecode.

* Exact LOLA-LOLA on an iterated game (the lecture's update: each player differentiates through
  the opponent's naive step), batched over seeds with ``vmap``, 200 steps with ``lax.scan``,
  float64 (the project's precision), the 4x4 linear solve either by ``jnp.linalg.solve`` or
  written out as Gaussian elimination (no pivoting: I - γP is diagonally dominant).
* The toy GAN step (ring of 8, 2x64 tanh MLPs, non-saturating cost, alternating D then G,
  Adam b1 = 0.5, b2 = 0.999, η = 2e-3, minibatch 128) in float32, 1000 steps in one ``scan``.
"""

import jax

jax.config.update("jax_enable_x64", True)           # LOLA in float64; the GAN's arrays are float32 explicitly

import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

SWAP = np.array([0, 1, 3, 2, 4])


def _solve4(A, b):
    """``A x = b`` for one 4x4 system, Gaussian elimination written out (no pivoting)."""
    A = [[A[i, j] for j in range(4)] for i in range(4)]
    b = [b[i] for i in range(4)]
    for k in range(4):
        for i in range(k + 1, 4):
            f = A[i][k] / A[k][k]
            for j in range(k + 1, 4):
                A[i][j] = A[i][j] - f * A[k][j]
            b[i] = b[i] - f * b[k]
    x = [None] * 4
    for i in range(3, -1, -1):
        s = b[i]
        for j in range(i + 1, 4):
            s = s - A[i][j] * x[j]
        x[i] = s / A[i][i]
    return jnp.stack(x)


def lola_runner(payoffs, gamma, delta, lookahead, n_steps, solve="linalg"):
    """``run(z0)`` -> (n_steps + 1, n_seeds, 10) iterates of exact LOLA-LOLA, jitted."""
    R = jnp.asarray(payoffs, dtype=jnp.float64)
    solver = jnp.linalg.solve if solve == "linalg" else _solve4

    def values(z):
        p1, p2 = jax.nn.sigmoid(z[:5]), jax.nn.sigmoid(z[5:])
        q = p2[SWAP]
        x, y = p1, q
        joint = jnp.stack([x * y, x * (1 - y), (1 - x) * y, (1 - x) * (1 - y)], axis=-1)   # (5, 4)
        p0, P = joint[0], joint[1:]
        w = solver(jnp.eye(4) - gamma * P.T, p0)           # (I - γP)^{-T} p0
        return w @ R                                      # (V1, V2)

    V1, V2 = (lambda z: values(z)[0]), (lambda z: values(z)[1])
    g1, g2 = jax.grad(V1), jax.grad(V2)

    def step(z):
        def obj1(t1):
            w = jnp.concatenate([t1, z[5:]])
            return V1(jnp.concatenate([t1, z[5:] + lookahead * g2(w)[5:]]))

        def obj2(t2):
            w = jnp.concatenate([z[:5], t2])
            return V2(jnp.concatenate([z[:5] + lookahead * g1(w)[:5], t2]))

        return jnp.concatenate([z[:5] + delta * jax.grad(obj1)(z[:5]), z[5:] + delta * jax.grad(obj2)(z[5:])])

    batched = jax.vmap(step)

    def body(z, _):
        z = batched(z)
        return z, z

    @jax.jit
    def run(z0):
        _, zs = jax.lax.scan(body, z0, None, length=n_steps)
        return jnp.concatenate([z0[None], zs])

    return run


def gan_runner(n_steps, batch=128, hidden=64, lr=2e-3, b1=0.5, b2=0.999, eps=1e-8, seed=0):
    """``(run, params)``: ``run(params, key)`` trains the toy GAN for ``n_steps`` (jit + scan, float32)."""
    f32 = jnp.float32
    angles = 2 * np.pi * np.arange(8) / 8
    means = jnp.asarray(2.0 * np.column_stack([np.cos(angles), np.sin(angles)]), dtype=f32)
    rng = np.random.default_rng(seed)

    def init(sizes):
        out = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            out += [jnp.asarray(rng.standard_normal((n_in, n_out)) / np.sqrt(n_in), dtype=f32), jnp.zeros(n_out, f32)]
        return out

    params = (init((2, hidden, hidden, 2)), init((2, hidden, hidden, 1)))

    def mlp(p, x):
        for k in range(0, len(p) - 2, 2):
            x = jnp.tanh(x @ p[k] + p[k + 1])
        return x @ p[-2] + p[-1]

    def loss_d(D, G, real, noise):
        fake = mlp(G, noise)
        return jnp.mean(jax.nn.softplus(-mlp(D, real))) + jnp.mean(jax.nn.softplus(mlp(D, fake)))

    def loss_g(G, D, noise):
        return jnp.mean(jax.nn.softplus(-mlp(D, mlp(G, noise))))

    def adam(p, g, m, v, t):
        m = [b1 * a + (1 - b1) * b for a, b in zip(m, g)]
        v = [b2 * a + (1 - b2) * b * b for a, b in zip(v, g)]
        step = lr * jnp.sqrt(1 - b2**t) / (1 - b1**t)
        p = [a - step * mm / (jnp.sqrt(vv) + eps * jnp.sqrt(1 - b2**t)) for a, mm, vv in zip(p, m, v)]
        return p, m, v

    def body(carry, key):
        G, D, mg, vg, md, vd, t = carry
        k1, k2, k3, k4 = jax.random.split(key, 4)
        modes = jax.random.randint(k1, (batch,), 0, 8)
        real = means[modes] + 0.05 * jax.random.normal(k2, (batch, 2), f32)
        noise_d, noise_g = jax.random.normal(k3, (batch, 2), f32), jax.random.normal(k4, (batch, 2), f32)
        t = t + 1
        D, md, vd = adam(D, jax.grad(loss_d)(D, G, real, noise_d), md, vd, t)
        G, mg, vg = adam(G, jax.grad(loss_g)(G, D, noise_g), mg, vg, t)
        return (G, D, mg, vg, md, vd, t), None

    @jax.jit
    def run(params, key):
        G, D = params
        zeros = lambda p: [jnp.zeros_like(a) for a in p]  # noqa: E731
        carry = (G, D, zeros(G), zeros(G), zeros(D), zeros(D), jnp.asarray(0.0, f32))
        carry, _ = jax.lax.scan(body, carry, jax.random.split(key, n_steps))
        return carry[0], carry[1]

    return run, params


def block(x):
    """Wait for a JAX result (asynchronous dispatch)."""
    return jax.block_until_ready(x)
