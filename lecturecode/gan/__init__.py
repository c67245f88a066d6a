r"""GANs on the CPU in seconds: toy data, MLPs with closed-form backpropagation, optax-style
optimizers, a seeded training driver with recorded snapshots, and mode-coverage metrics.

Modules
-------
data        mixtures of Gaussians in the plane (the ring of 8, the 3×3 grid), from a seed
costs       the discriminator's cross-entropy and the minimax / non-saturating generator costs
mlp         MLPs with closed-form backpropagation (checked against autograd)
optimizers  SGD and Adam as ``init``/``update`` transforms with typed state
setups      what the driver trains: an MLP GAN, or the Dirac-GAN game
training    the driver :func:`train_gan` and its :class:`GanRun`
metrics     modes covered and the fraction of samples near a mode
study       the chapter's default run and the multi-seed study
threads     one BLAS thread for the small matrix products of training
images      GANs on real images: the 8×8 digits, FID on a digit classifier, the image-GAN study
"""

from .costs import (GENERATOR_COSTS, discriminator_cost, generator_cost, generator_cost_grad, logit, sigmoid,
                    softplus)
from .data import Mixture, grid_of_gaussians, mixture, ring_of_gaussians, sample_mixture
from .metrics import ModeReport, mode_report
from .mlp import init_mlp, mlp_apply, mlp_backward, mlp_forward
from .optimizers import AdamState, AmsgradState, SgdState, Transform, adam, amsgrad, apply_updates, sgd
from .setups import GanSetup, dirac_setup, mlp_gan
from .study import DATA, DEFAULTS, OPTIMIZERS, STUDY_VARIANTS, StudyRow, mode_study, study_table, train_toy_gan
from .threads import one_blas_thread
from .training import FIRST_PLAYERS, ORDERS, GanRun, train_gan
from . import images  # noqa: E402  (after the modules it builds on)

__all__ = [
    "Mixture", "mixture", "ring_of_gaussians", "grid_of_gaussians", "sample_mixture",
    "GENERATOR_COSTS", "generator_cost", "generator_cost_grad", "discriminator_cost", "sigmoid", "softplus", "logit",
    "init_mlp", "mlp_apply", "mlp_forward", "mlp_backward",
    "Transform", "SgdState", "AdamState", "sgd", "adam", "apply_updates", "AmsgradState", "amsgrad",
    "GanSetup", "mlp_gan", "dirac_setup",
    "GanRun", "train_gan", "ORDERS", "FIRST_PLAYERS",
    "ModeReport", "mode_report",
    "DEFAULTS", "DATA", "OPTIMIZERS", "STUDY_VARIANTS", "train_toy_gan", "StudyRow", "mode_study", "study_table",
    "one_blas_thread", "images",
]
