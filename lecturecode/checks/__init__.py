r"""Automatic feedback for the coding exercises: call a check on the function you wrote.

Each chapter has a coding exercise whose solution is a function; its check runs that function
on a few cases against the package's own tested functions and answers with a
:class:`Feedback`: passed, or the first case that failed with what was expected, what came
back and what to look at. The checks never show the reference solution.

>>> import lecturecode as lc
>>> def sim_gda_matrix(A, B, C, eta):
...     raise NotImplementedError
>>> lc.checks.sim_gda_matrix(sim_gda_matrix).passed
False

:data:`EXERCISES` lists the coding exercises (label in the book, chapter, the function the
student writes, its check); the student edition (:mod:`lecturecode.student_edition`) and the
lecturer's nbgrader course (``coursework/`` in the repository) read it. A check's verdict is
feedback only: the grade comes from nbgrader's tests, which never read it.

Modules
-------
operators  Sim-GDA's and Alt-GDA's update operators on quadratic games
dynamics   one extragradient step; the solution concepts of a scalar quadratic game
payoffs    the exact value of the iterated prisoner's dilemma; the non-saturating GAN gradient
noise      the noise floor of constant-step Sim-GDA with noisy gradients (a Lyapunov equation)
"""

from types import MappingProxyType

from ._feedback import Exercise, Feedback
from .dynamics import classify_origin, extragradient_step
from .noise import sim_gda_noise_floor
from .operators import alt_gda_matrix, sim_gda_matrix
from .payoffs import ipd_value, nonsaturating_grad

__all__ = ["Feedback", "Exercise", "EXERCISES", "sim_gda_matrix", "alt_gda_matrix", "extragradient_step",
           "classify_origin", "ipd_value", "nonsaturating_grad", "sim_gda_noise_floor"]

#: Every coding exercise of the book, by label (the order is the book's).
EXERCISES = MappingProxyType({e.label: e for e in (
    Exercise("ex-gan-nonsat-grad", "gans", "nonsaturating_grad", nonsaturating_grad),
    Exercise("ex-concepts-classify", "solution_concepts", "classify_origin", classify_origin),
    Exercise("ex-simgda-matrix", "sim_gda", "sim_gda_matrix", sim_gda_matrix),
    Exercise("ex-accel-eg-step", "acceleration", "extragradient_step", extragradient_step),
    Exercise("ex-altgda-matrix", "alt_gda", "alt_gda_matrix", alt_gda_matrix),
    Exercise("ex-lola-value", "lola", "ipd_value", ipd_value),
    Exercise("ex-beyond-lyapunov", "beyond", "sim_gda_noise_floor", sim_gda_noise_floor),
)})
