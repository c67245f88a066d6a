"""The project against the peers a student would reach for: JAX (jit + vmap + scan) and PyTorch (CPU).

Run with ``make bench-peers``: it makes its own environment (``benchmarks/.peers-venv``, with
torch and jax next to the project's runtime dependencies; neither is ever a dependency of
lecturecode) and runs this file there. The project runs in this process and each peer in a
worker process of its own (so no two thread pools compete for the two cores), driven round by
round: ours, then JAX, then torch, then ours again, ... The table shows medians over the rounds;
JAX's first call (tracing and compiling) is reported separately and not counted. PyTorch runs
on one thread, like the project's BLAS (``lecturecode.gan.one_blas_thread``): on this shared
2-core machine its default two threads were 5-7x slower. Before timing, one LOLA step of every
implementation is compared with ours (the same numbers). Nothing is asserted.

Prints ``task | ours | peer | peer / ours`` (above 1: the project is faster).
Options: ``--rounds N`` (default 5), ``--quick`` (3 rounds, no torch at 1000 seeds),
``--only lola|gan``, ``--baseline PATH``: another checkout of the project (e.g. the main
branch before a change) timed as one more peer in the same rounds, for before/after tables.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(os.environ.get("PEERS_BASELINE") or Path(__file__).resolve().parents[1])
sys.path.insert(0, str(ROOT))                      # this checkout's lecturecode (a baseline worker: that one's)
os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402

import lecturecode as lc  # noqa: E402

N_STEPS = 200
GAN_STEPS = 1000
SEEDS = (1, 100, 1000)
LOLA = "exact LOLA-LOLA, IPD, {n} x {steps}"
GAN = f"GAN default run, ms/step ({GAN_STEPS} steps)"


def _timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _starts(n, seed=0):
    return np.random.default_rng(seed).standard_normal((n, 10))


def _lola_task(n):
    return LOLA.format(n=f"{n} seed{'s' * (n > 1)}", steps=N_STEPS)


# --- the implementations ------------------------------------------------------------------

def ours(only):
    """``{task: {implementation: fn}}`` for lecturecode."""
    game, method = lc.games.ipd(), lc.methods.lola(1.0, 1.0)
    cases = {}
    if only in (None, "lola"):
        for n in SEEDS:
            z0 = _starts(n)
            cases[_lola_task(n)] = {
                "ours: simulate": (lambda z0=z0: lc.simulate(method, game, z0, N_STEPS)),
                "ours: train": (lambda n=n: lc.train(method, game, n_seeds=n, n_steps=N_STEPS))}
    if only in (None, "gan"):
        impl = {}
        for dtype in ("float64", "float32"):
            try:
                lc.gan.train_toy_gan(n_steps=2, record_every=2, grid=None, dtype=dtype)
                kw = {"dtype": dtype}
            except TypeError:                      # a lecturecode without the dtype option
                if dtype == "float32":
                    continue
                kw = {}
            impl[f"ours ({dtype})"] = lambda kw=kw: lc.gan.train_toy_gan(
                n_steps=GAN_STEPS, record_every=GAN_STEPS, n_eval=8, grid=None, **kw)
        cases[GAN] = impl
    return cases


def jax_cases(only, quick):
    """``({task: {implementation: fn}}, compile seconds, first LOLA step)`` for JAX."""
    import peers_jax

    game = lc.games.ipd()
    cases, compile_times = {}, {}
    step = None
    if only in (None, "lola"):
        for n in SEEDS:
            z0, impl = _starts(n), {}
            for solve, form in (("jnp.linalg.solve", "linalg"), ("4x4 solve written out", "4x4")):
                run = peers_jax.lola_runner(game.payoffs, game.gamma, 1.0, 1.0, N_STEPS, form)
                name = f"JAX ({solve})"
                compile_times[f"{_lola_task(n)}|{name}"] = _timed(lambda run=run, z0=z0: peers_jax.block(run(z0)))
                impl[name] = lambda run=run, z0=z0: peers_jax.block(run(z0))
            cases[_lola_task(n)] = impl
        step = np.asarray(peers_jax.lola_runner(game.payoffs, game.gamma, 1.0, 1.0, 1, "4x4")(_starts(5, 1)))[1]
    if only in (None, "gan"):
        run, params = peers_jax.gan_runner(GAN_STEPS)
        key = peers_jax.jax.random.PRNGKey(0)
        name = "JAX float32 (jit + scan)"
        compile_times[f"{GAN}|{name}"] = _timed(lambda: peers_jax.block(run(params, key)))
        cases[GAN] = {name: lambda: peers_jax.block(run(params, key))}
    return cases, compile_times, step


def torch_cases(only, quick):
    """``({task: {implementation: fn}}, {}, first LOLA step)`` for PyTorch (one thread)."""
    import peers_torch
    import torch

    torch.set_num_threads(1)
    game = lc.games.ipd()
    cases, step = {}, None
    if only in (None, "lola"):
        for n in SEEDS:
            if quick and n == 1000:
                continue
            z0 = _starts(n)
            cases[_lola_task(n)] = {"torch batched": lambda z0=z0: peers_torch.lola_run(
                z0, game.payoffs, game.gamma, 1.0, 1.0, N_STEPS)}
        step = peers_torch.lola_run(_starts(5, 1), game.payoffs, game.gamma, 1.0, 1.0, 1)[1]
    if only in (None, "gan"):
        train = peers_torch.gan_trainer()
        train(5)
        cases[GAN] = {"torch float32": lambda: train(GAN_STEPS)}
    return cases, {}, step


def baseline_cases(only, quick):
    """The project's cases, run by the checkout named in ``PEERS_BASELINE``."""
    cases = {task: {name.replace("ours", "baseline"): fn for name, fn in impl.items()}
             for task, impl in ours(only).items()}
    step = lc.simulate(lc.methods.lola(1.0, 1.0), lc.games.ipd(), _starts(5, 1), 1).z[1] if only in (None, "lola") \
        else None
    return cases, {}, step


def worker(kind, only, quick):
    """A peer's process: announce its cases, then time the one named on each stdin line."""
    cases, compile_times, step = {"jax": jax_cases, "torch": torch_cases, "baseline": baseline_cases}[kind](only, quick)
    for impl in cases.values():                    # warm-up, not counted
        for fn in impl.values():
            fn()
    print(json.dumps({"cases": {t: list(i) for t, i in cases.items()}, "compile": compile_times,
                      "step": None if step is None else step.tolist()}), flush=True)
    for line in sys.stdin:
        task, name = line.rstrip("\n").split("|")
        print(json.dumps(_timed(cases[task][name])), flush=True)


class Peer:
    """A worker process of this file, for one peer."""

    def __init__(self, kind, args):
        cmd = [sys.executable, __file__, "--worker", kind] + (["--quick"] if args.quick else []) + (
            ["--only", args.only] if args.only else [])
        env = dict(os.environ, PEERS_BASELINE=str(Path(args.baseline).resolve())) if kind == "baseline" else None
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     cwd=Path(__file__).parent, env=env)
        hello = json.loads(self.proc.stdout.readline())
        self.cases, self.compile, self.step = hello["cases"], hello["compile"], hello["step"]

    def time(self, task, name):
        self.proc.stdin.write(f"{task}|{name}\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", choices=["lola", "gan"], default=None)
    parser.add_argument("--baseline", default=None, help="another checkout of the project, timed as a peer")
    parser.add_argument("--worker", choices=["jax", "torch", "baseline"], default=None)
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker, args.only, args.quick)
    rounds = args.rounds or (3 if args.quick else 5)
    mine = ours(args.only)
    peers = {kind: Peer(kind, args) for kind in ("jax", "torch") + (("baseline",) if args.baseline else ())}
    versions = subprocess.run([sys.executable, "-c", "import jax, torch; print(jax.__version__, torch.__version__)"],
                              capture_output=True, text=True).stdout.split()
    print(f"numpy {np.__version__}, jax {versions[0]}, torch {versions[1]} (1 thread), {os.cpu_count()} cores; "
          f"{rounds} interleaved rounds, medians", flush=True)
    if args.only in (None, "lola"):
        z0 = _starts(5, 1)
        step = lc.simulate(lc.methods.lola(1.0, 1.0), lc.games.ipd(), z0, 1).z[1]
        print("one LOLA step from 5 starts, largest difference from ours: " + ", ".join(
            f"{kind} {np.abs(np.asarray(p.step) - step).max():.1e}" for kind, p in peers.items()), flush=True)
    for impl in mine.values():
        for fn in impl.values():
            fn()
    times = {}
    for _ in range(rounds):
        for task, impl in mine.items():
            for name, fn in impl.items():
                times.setdefault((task, name), []).append(_timed(fn))
            for peer in peers.values():
                for name in peer.cases.get(task, []):
                    times.setdefault((task, name), []).append(peer.time(task, name))
    compile_times = {k: v for p in peers.values() for k, v in p.compile.items()}
    for peer in peers.values():
        peer.close()
    medians = {key: statistics.median(ts) for key, ts in times.items()}
    print()
    print(f"| {'task':<38} | {'ours':<28} | {'peer':<52} | peer / ours |")
    print(f"|{'-' * 40}|{'-' * 30}|{'-' * 54}|-------------|")
    for task, impl in mine.items():
        per_step = task == GAN
        scale, unit = (1e3 / GAN_STEPS, "") if per_step else (1e3, " ms")
        for (t, peer), p in medians.items():
            if t != task or peer in impl:
                continue
            note = f" + {compile_times[f'{task}|{peer}']:.1f} s compile" if f"{task}|{peer}" in compile_times else ""
            for o in impl:
                print(f"| {task:<38} | {o + ': ' + format(medians[task, o] * scale, '.3g') + unit:<28} | "
                      f"{peer + ': ' + format(p * scale, '.3g') + unit + note:<52} | {p / medians[task, o]:11.2f} |")
    print()
    print("spread over rounds (min - max; ms, GAN ms per step):")
    for (task, name), ts in times.items():
        scale = 1e3 / GAN_STEPS if task == GAN else 1e3
        print(f"  {task:<38} {name:<30} {min(ts) * scale:9.3f} - {max(ts) * scale:9.3f}")


if __name__ == "__main__":
    main()
