"""Views: the stateful objects behind the explorers.

A view draws into a matplotlib figure once (with the drawing helpers of
:mod:`lecturecode.plot`), and calling it with parameters re-runs the simulation or the
classification and moves the existing artists. That keeps a widget redraw fast, and
:func:`lecturecode.widgets.explore` drives any view the same way, live in Jupyter and as
pre-rendered frames on the website. A view lists the artists it moves in ``view.artists``
so the explorer can blit.

Modules
-------
dynamics   :class:`DynamicsView` (the twin view) and :class:`Trajectory3DView`
inspector  :class:`InspectorView`, the solution-concept inspector
acceleration  :class:`AccelerationView`: a registered method (with momentum) beside its spectrum
gan        :class:`GanRunView`, the training-step scrubber over a recorded GAN run
opponent_shaping  :class:`LolaView`, the LOLA explorer (re-runs 100 seeds per slider move)
alternation  :class:`SimAltView`, Sim-GDA and Alt-GDA at one step size (trajectories and spectra)
image_gan    :class:`ImageStudyView`, the recorded image-GAN study (samples and FID curves)
"""

from .acceleration import EXPLORER_METHODS, AccelerationView, acceleration_view, registered_method
from .alternation import SimAltView, sim_alt_view
from .dynamics import DynamicsView, ParamSplitter, Trajectory3DView, lorenz_view
from .gan import GanRunView, gan_run_view
from .image_gan import ImageStudyView, image_study_view
from .inspector import InspectorView, inspector_view
from .opponent_shaping import LolaView, lola_view

__all__ = ["DynamicsView", "Trajectory3DView", "InspectorView", "ParamSplitter", "lorenz_view", "inspector_view",
           "AccelerationView", "acceleration_view", "registered_method", "EXPLORER_METHODS",
           "GanRunView", "gan_run_view", "LolaView", "lola_view", "SimAltView", "sim_alt_view",
           "ImageStudyView", "image_study_view"]
