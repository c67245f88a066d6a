"""The peer implementations in PyTorch (CPU, eager) for ``benchmarks/peers.py``.

Benchmark-only: imported by ``make bench-peers`` in its own environment, never by lecturecode.

* Exact LOLA-LOLA on an iterated game, batched over seeds (``torch.linalg.solve`` on (n, 4, 4),
  double backward through the opponent's naive step), float64.
* The toy GAN (ring of 8, 2x64 tanh, non-saturating cost, alternating D then G, ``torch.optim.Adam``
  with b1 = 0.5, b2 = 0.999, η = 2e-3, minibatch 128), float32.
"""

import numpy as np
import torch
import torch.nn.functional as F

SWAP = [0, 1, 3, 2, 4]


def lola_run(z0, payoffs, gamma, delta, lookahead, n_steps):
    """(n_steps + 1, n, 10) iterates of exact LOLA-LOLA from ``z0`` (n, 10)."""
    R = torch.tensor(np.array(payoffs), dtype=torch.float64)
    eye = torch.eye(4, dtype=torch.float64)

    def values(z):
        x, y = torch.sigmoid(z[:, :5]), torch.sigmoid(z[:, 5:])[:, SWAP]
        joint = torch.stack([x * y, x * (1 - y), (1 - x) * y, (1 - x) * (1 - y)], dim=-1)   # (n, 5, 4)
        p0, P = joint[:, 0], joint[:, 1:]
        w = torch.linalg.solve(eye - gamma * P.transpose(1, 2), p0)
        return w @ R

    z = torch.tensor(np.array(z0), dtype=torch.float64)
    out = [z]
    for _ in range(n_steps):
        z = z.detach().requires_grad_()
        V = values(z)
        g1 = torch.autograd.grad(V[:, 0].sum(), z, create_graph=True)[0]
        g2 = torch.autograd.grad(V[:, 1].sum(), z, create_graph=True)[0]
        ahead1 = torch.cat([z[:, :5], z[:, 5:] + lookahead * g2[:, 5:]], dim=1)
        ahead2 = torch.cat([z[:, :5] + lookahead * g1[:, :5], z[:, 5:]], dim=1)
        up1 = torch.autograd.grad(values(ahead1)[:, 0].sum(), z, retain_graph=True)[0][:, :5]
        up2 = torch.autograd.grad(values(ahead2)[:, 1].sum(), z)[0][:, 5:]
        z = (z + delta * torch.cat([up1, up2], dim=1)).detach()
        out.append(z)
    return torch.stack(out).numpy()


def gan_trainer(batch=128, hidden=64, lr=2e-3, seed=0):
    """``train(n_steps)``: the toy GAN's training steps in float32 (state kept between calls)."""
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    angles = 2 * np.pi * np.arange(8) / 8
    means = torch.tensor(2.0 * np.column_stack([np.cos(angles), np.sin(angles)]), dtype=torch.float32)

    def mlp(n_out):
        return torch.nn.Sequential(torch.nn.Linear(2, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, hidden),
                                   torch.nn.Tanh(), torch.nn.Linear(hidden, n_out))

    G, D = mlp(2), mlp(1)
    opt_g = torch.optim.Adam(G.parameters(), lr=lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=lr, betas=(0.5, 0.999))

    def train(n_steps):
        for _ in range(n_steps):
            real = means[torch.randint(0, 8, (batch,), generator=gen)] + 0.05 * torch.randn(batch, 2, generator=gen)
            noise_d, noise_g = torch.randn(batch, 2, generator=gen), torch.randn(batch, 2, generator=gen)
            opt_d.zero_grad(set_to_none=True)
            with torch.no_grad():
                fake = G(noise_d)
            loss_d = F.softplus(-D(real)).mean() + F.softplus(D(fake)).mean()
            loss_d.backward()
            opt_d.step()
            opt_g.zero_grad(set_to_none=True)
            for p in D.parameters():
                p.requires_grad_(False)
            loss_g = F.softplus(-D(G(noise_g))).mean()
            loss_g.backward()
            for p in D.parameters():
                p.requires_grad_(True)
            opt_g.step()

    return train
