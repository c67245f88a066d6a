"""Image-GAN section speed: recording the study (the section's cost), one training step of the
default image GAN against the same step in PyTorch on this CPU, and the explorer's redraw.

PyTorch is never a project dependency: the comparison runs ``torch_image_gan_step.py`` with the
Python named by ``TORCH_PYTHON`` (default ``/tmp/torchvenv/bin/python``, made by
``python -m venv /tmp/torchvenv && /tmp/torchvenv/bin/pip install torch==2.13.0 numpy``) and is
skipped, saying so, when there is none.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

import lecturecode as lc
from lecturecode import gan
from lecturecode.gan import images as gi
from timing import best_of, median_redraw, require, timed

HERE = Path(__file__).resolve().parent
TORCH_PYTHON = os.environ.get("TORCH_PYTHON", "/tmp/torchvenv/bin/python")
#: Budget of the section: recording the whole study, figures and the explorer's static frames.
SECTION_BUDGET = 60.0


def numpy_step(runs: int, dtype: str, n_steps: int = 200) -> float:
    """Seconds per alternating Adam step of ``digits_gan()``, ``runs`` GANs at once (best of 3)."""
    setup = gi.digits_gan(dtype=dtype)

    def go():
        gan.train_gan(setup, opt_g=gan.adam(1e-3), opt_d=gan.adam(1e-3), order="alternating", n_steps=n_steps,
                      batch_size=64, seed=list(range(runs)), record_every=n_steps, n_eval=2)

    go()
    return best_of(go) / n_steps


def torch_step(runs: int, threads: int = 1, n_steps: int = 200):
    if not Path(TORCH_PYTHON).exists():
        return None
    out = subprocess.run([TORCH_PYTHON, str(HERE / "torch_image_gan_step.py"), str(runs), str(n_steps),
                          str(threads)], capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        print(f"PyTorch step failed: {out.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(report):
    W = lc.widgets

    def section():
        study = gi.record_study()                       # what the chapter's first call costs
        lc.plot.quality_plot(study)
        lc.plot.accelerated_plot(study)
        return study

    section_time = timed(section)
    report("image GAN: record the study + figures (the section)", section_time, SECTION_BUDGET)
    for runs in (9, 1):
        theirs = torch_step(runs)
        for dtype in ("float32", "float64"):
            mine = numpy_step(runs, dtype)
            label = f"image GAN: one step, {runs} run{'s' * (runs > 1)}, {dtype}"
            if theirs is None:
                report(f"{label} (no PyTorch: set TORCH_PYTHON)", mine, 1.0)
                continue
            print(f"{label:<58} {mine * 1000:9.2f} ms   PyTorch {theirs['torch']} (1 thread) "
                  f"{theirs[dtype] * 1000:.2f} ms", flush=True)
            require(f"image GAN: NumPy / PyTorch step time, {runs} run(s), {dtype}", mine / theirs[dtype], 1.0)
    study = gi.image_study()
    explorer = W.explore(lc.views.image_study_view(study), figsize=(8.0, 3.8),
                         method=W.choice(list(study.methods), value="Alt-Adam"),
                         step=W.slider(0, int(study.evals[-1]), value=int(study.evals[-1]), step=40))
    rng = np.random.default_rng(0)
    moves = [dict(method=study.methods[i % len(study.methods)], step=float(s))
             for i, s in enumerate(rng.permutation(study.evals))]
    report("widget: image-GAN explorer (method, step)", median_redraw(explorer, moves), 0.100)
