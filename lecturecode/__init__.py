"""lecturecode: the shared package behind the Differentiable Games course companion.

Modules
-------
games       differentiable games as immutable values (vector field ``F``, Jacobian ``J``), one
            module per family, all following one protocol (:class:`games.Game`)
methods     update rules as pure ``init``/``step`` pairs built by factories, and the registry
simulation  the one driver, :func:`simulate`, its :class:`Trajectory`, and :func:`integrate_flow`
analysis    linear update operators, spectral radii, tuning, rate laws, comparison tables
gan         GANs on the CPU: toy data, MLPs, optax-style optimizers, the seeded training driver
tables      Markdown/HTML tables for the chapters (the method comparison)
checks      instant feedback on the coding exercises (grading for credit is the lecturer's
            nbgrader course, coursework/ in the repository, never this package)
claims      the claims ledger: every quantitative claim of the lecture, with how it is measured
student_edition  the student edition of the chapters (solutions replaced by stubs)
solution_concepts  local Nash / local minimax / GDA-stable verdicts at a critical point
plot        figures (every function takes ``ax=None`` and returns the axes); drawing only
views       the stateful views behind the explorers (they simulate, then move artists)
widgets     sliders over views, with a kernel-free fallback for the website
"""

from . import analysis, checks, claims, games, gan, methods, solution_concepts, tables
from .simulation import LearningRun, Trajectory, integrate_flow, simulate, train

__all__ = ["analysis", "checks", "claims", "games", "gan", "methods", "solution_concepts", "tables", "simulate", "integrate_flow",
           "Trajectory", "train", "LearningRun",
           "plot", "views", "widgets"]
__version__ = "0.2.0"


def __getattr__(name):
    # plot, views and widgets import matplotlib / ipywidgets: load them only when asked for.
    if name in ("plot", "views", "widgets"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'lecturecode' has no attribute {name!r}")
