"""One training step of the default image GAN in PyTorch, for bench_image_gan.py (run by a Python
that has torch, never the project's venv: ``TORCH_PYTHON=/tmp/torchvenv/bin/python``).

The same step as ``lecturecode.gan.train_gan`` on ``digits_gan()``: alternating (discriminator
first), Adam (b1 = 0.5, b2 = 0.999) on both players, non-saturating cost, minibatch 64,
generator 16 -> 64 -> 64 (leaky ReLU, tanh out), discriminator 64 -> 64 -> 1 (leaky ReLU);
``runs`` independent GANs as a leading batch axis (batched matmul), as lecturecode batches seeds.
Prints one JSON line: seconds per step for each dtype.

Usage: python torch_image_gan_step.py RUNS N_STEPS THREADS
"""

import json
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def step_time(runs: int, n_steps: int, dtype) -> float:
    gen = torch.Generator().manual_seed(0)
    images = torch.tensor(np.random.default_rng(0).uniform(-1, 1, (1797, 64)), dtype=dtype)

    def layer(n_in, n_out):
        w = (torch.randn(runs, n_in, n_out, generator=gen, dtype=dtype) / n_in**0.5).requires_grad_()
        b = torch.zeros(runs, 1, n_out, dtype=dtype, requires_grad=True)
        return [w, b]

    G, D = layer(16, 64) + layer(64, 64), layer(64, 64) + layer(64, 1)
    opt_g, opt_d = (torch.optim.Adam(p, lr=1e-3, betas=(0.5, 0.999)) for p in (G, D))

    def mlp(p, x, out=None):
        h = F.leaky_relu(torch.baddbmm(p[1], x, p[0]), 0.2)
        a = torch.baddbmm(p[3], h, p[2])
        return torch.tanh(a) if out == "tanh" else a

    def one_step():
        real = images[torch.randint(0, 1797, (runs, 64), generator=gen)]
        z_d = torch.randn(runs, 64, 16, generator=gen, dtype=dtype)
        z_g = torch.randn(runs, 64, 16, generator=gen, dtype=dtype)
        opt_d.zero_grad(set_to_none=True)
        fake = mlp(G, z_d, "tanh").detach()
        loss_d = (F.softplus(-mlp(D, real)).mean(dim=(1, 2)) + F.softplus(mlp(D, fake)).mean(dim=(1, 2))).sum()
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad(set_to_none=True)
        loss_g = F.softplus(-mlp(D, mlp(G, z_g, "tanh"))).mean(dim=(1, 2)).sum()
        loss_g.backward()
        opt_g.step()

    for _ in range(20):
        one_step()
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(n_steps):
            one_step()
        best = min(best, (time.perf_counter() - t0) / n_steps)
    return best


if __name__ == "__main__":
    runs, n_steps, threads = (int(a) for a in sys.argv[1:4])
    torch.set_num_threads(threads)
    print(json.dumps({"torch": torch.__version__, "threads": threads, "runs": runs,
                      "float32": step_time(runs, n_steps, torch.float32),
                      "float64": step_time(runs, n_steps, torch.float64)}))
