"""GAN chapter speed: the default training run (closed-form backpropagation) next to the same
run with autograd gradients, and the training-step scrubber's redraw."""

import numpy as np

import lecturecode as lc
from lecturecode import gan
from timing import best_of, median_redraw, timed


def run(report):
    numpy_time = best_of(gan.train_toy_gan, repeats=3)
    report("GAN: default ring-of-8 run (1000 steps, batch 128)", numpy_time, 5.0)
    autograd_time = timed(lambda: gan.train_toy_gan(backend="autograd"))
    print(f"{'GAN: the same run with autograd gradients':<58} {autograd_time * 1000:9.1f} ms   "
          f"(autograd / closed form = {autograd_time / numpy_time:.1f}x)", flush=True)
    recorded = gan.train_toy_gan()
    W = lc.widgets
    scrubber = W.explore(lc.views.gan_run_view(recorded),
                         step=W.slider(0, 1000, value=1000, step=25, static=list(recorded.steps)))
    moves = [dict(step=float(s)) for s in np.random.default_rng(0).permutation(recorded.steps)]
    report("widget: GAN training-step scrubber (step)", median_redraw(scrubber, moves), 0.100)
    GDA = {"simultaneous": lc.methods.sim_gda, "alternating": lc.methods.alt_gda}
    dirac = W.explore_dynamics(lc.games.dirac_gan, lambda order, eta: GDA[order](eta), z0=[1.0, 1.0],
                               n_steps=300, lim=2.0, loss=W.choice(["standard", "non_saturating", "wgan"]),
                               order=W.choice(list(GDA)), eta=W.slider(0.02, 0.5, value=0.1, log=True),
                               r1=W.slider(0, 1, value=0, static=1))
    dirac_moves = [dict(eta=float(e), order=list(GDA)[i % 2]) for i, e in enumerate(np.geomspace(0.02, 0.5, 40))]
    report("widget: Dirac-GAN explorer (eta, order)", median_redraw(dirac, dirac_moves), 0.100)
