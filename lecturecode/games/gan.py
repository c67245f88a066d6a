r"""The Dirac-GAN (Mescheder, Geiger & Nowozin, 2018): the smallest GAN, as a game.

The data distribution is a point mass at :math:`0`, the generator produces the point mass at
:math:`\theta`, and the discriminator is linear, :math:`D_\psi(x) = \psi x`. With a loss
function :math:`f` the game is

.. math::

    L(\theta, \psi) = f(\psi\theta) + f(0),

which the generator :math:`x = \theta` minimises and the discriminator :math:`y = \psi`
maximises. The standard GAN has :math:`f(t) = -\log(1 + e^{-t})`, so
:math:`f'(0) = \tfrac12`; the WGAN has :math:`f(t) = t`, which makes the game bilinear.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

import autograd.numpy as anp
import numpy as np

from ..validation import as_choice, as_dims, as_point, as_scalar, as_text
from ._base import Game, as_array, frozen

__all__ = ["DiracGAN", "dirac_gan", "DIRAC_LOSSES"]

#: The loss functions :func:`dirac_gan` knows, with :math:`f'(0)`.
DIRAC_LOSSES = MappingProxyType({"standard": 0.5, "non_saturating": 0.5, "wgan": 1.0})
#: Largest R1 weight accepted (the flow's eigenvalues square it: 1e308 would overflow).
R1_MAX = 1e100


def _sigmoid(t):
    # e^{t/2} / (2 cosh(t/2)): full relative precision in both tails, and complex steps pass through
    return 0.5 * anp.exp(0.5 * t) / anp.cosh(0.5 * t)


@dataclass(frozen=True, eq=False, repr=False)
class DiracGAN(Game):
    r"""The Dirac-GAN with loss ``loss`` and R1 penalty weight ``r1`` (:math:`\gamma`).

    ``z = (theta, psi)``: the generator's point and the discriminator's slope. With the R1
    penalty :math:`\tfrac\gamma2 \mathbb E_{p_D}\|\nabla_x D_\psi\|^2 = \tfrac\gamma2\psi^2`
    on the discriminator the field is

    .. math::

        F(\theta, \psi) = \big(\psi\, g'(\psi\theta),\ -\theta f'(\psi\theta) + \gamma\psi\big),

    where :math:`g' = f'` for the standard (saturating, zero-sum) loss, :math:`g'(t) = f'(-t)`
    for the non-saturating generator cost :math:`-f(-\psi\theta)`, and :math:`f' = g' = 1`
    for the WGAN. At the equilibrium :math:`z^* = 0` the Jacobian is
    :math:`\begin{pmatrix}0 & f'(0)\\ -f'(0) & \gamma\end{pmatrix}`: purely imaginary
    eigenvalues :math:`\pm i f'(0)` without the penalty, and the gradient flow
    :math:`\dot z = -F(z)` has eigenvalues :math:`(-\gamma\pm\sqrt{\gamma^2 - 4f'(0)^2})/2`.
    Build it with :func:`dirac_gan`.
    """

    loss: str = field()
    r1: float = 0.0
    name: str | None = None                   # None: named after the loss and the penalty
    dims: tuple = (1, 1)
    z_star: np.ndarray = field(default_factory=lambda: frozen([0.0, 0.0]))
    critical_points: MappingProxyType = field(
        default_factory=lambda: MappingProxyType({"equilibrium (0, 0)": frozen([0.0, 0.0])}))

    def __post_init__(self):
        as_choice(self.loss, "loss", DIRAC_LOSSES)
        object.__setattr__(self, "r1", as_scalar(self.r1, "r1", low=0.0, high=R1_MAX))
        if as_dims(self.dims) != (1, 1):
            raise ValueError(f"dims must be (1, 1) for the Dirac-GAN, got {self.dims!r}")
        if np.any(as_point(self.z_star, 2, "z_star")):
            raise ValueError(f"z_star must be (0, 0), the Dirac-GAN's equilibrium, got {self.z_star!r}")
        if self.name is None:
            label = {"standard": "standard", "non_saturating": "non-saturating", "wgan": "WGAN"}[self.loss]
            object.__setattr__(self, "name", f"Dirac-GAN ({label}" + (f", R1 γ={self.r1:g})" if self.r1 > 0 else ")"))
        as_text(self.name, "name")
        points = self.critical_points
        if not isinstance(points, (MappingProxyType, dict)):
            raise TypeError(f"critical_points must be a mapping {{label: point}}, got {points!r}")
        object.__setattr__(self, "critical_points", MappingProxyType(
            {as_text(k, "critical_points label"): frozen(as_point(v, 2, "critical_points entry"))
             for k, v in points.items()}))

    @property
    def zero_sum(self) -> bool:
        """The standard and WGAN losses are zero-sum; the non-saturating cost is not."""
        return self.loss != "non_saturating"

    @property
    def f_prime_0(self) -> float:
        """:math:`f'(0)`: ``1/2`` for the standard and non-saturating losses, ``1`` for the WGAN."""
        return DIRAC_LOSSES[self.loss]

    def _derivatives(self, t):
        """:math:`f'(t), f''(t), g'(t), g''(t)` (discriminator's and generator's factors)."""
        if self.loss == "wgan":
            one = 0.0 * t + 1.0
            return one, 0.0 * t, one, 0.0 * t
        s_pos, s_neg = _sigmoid(t), _sigmoid(-t)
        s_prime = 0.25 / anp.cosh(0.5 * t) ** 2              # sigma(t) sigma(-t)
        f1, f2 = s_neg, -s_prime                            # f(t) = -log(1 + e^-t)
        if self.loss == "standard":
            return f1, f2, f1, f2
        return f1, f2, s_pos, s_prime                        # g' = f'(-t): the generator's factor

    def F(self, z) -> np.ndarray:
        """The field ``(dL/dtheta, -dL/dpsi + r1 psi)`` at points of shape ``(..., 2)``."""
        z = as_array(z)
        theta, psi = z[..., 0], z[..., 1]
        f1, _, g1, _ = self._derivatives(theta * psi)
        return anp.stack([psi * g1, -theta * f1 + self.r1 * psi], axis=-1)

    def J(self, z) -> np.ndarray:
        """The Jacobian of ``F`` in closed form, shape ``(..., 2, 2)``."""
        z = as_array(z)
        theta, psi = z[..., 0], z[..., 1]
        t = theta * psi
        f1, f2, g1, g2 = self._derivatives(t)
        rows = [[psi**2 * g2, g1 + t * g2], [-(f1 + t * f2), -theta**2 * f2 + self.r1 + 0.0 * t]]
        return anp.stack([anp.stack(r, axis=-1) for r in rows], axis=-2)

    def losses(self, z) -> np.ndarray:
        """The generator's and the discriminator's losses, shape ``(..., 2)``."""
        z = as_array(z)
        theta, psi = z[..., 0], z[..., 1]
        t = theta * psi
        if self.loss == "wgan":
            f, f_at_0, g = t, 0.0, t
        else:
            f, f_at_0 = -anp.logaddexp(0.0, -t), -np.log(2.0)
            g = f if self.loss == "standard" else anp.logaddexp(0.0, t)    # -f(-t)
        penalty = 0.5 * self.r1 * psi**2
        return anp.stack([g + f_at_0 if self.loss != "non_saturating" else g,
                          -(f + f_at_0) + penalty], axis=-1)

    def flow_eigenvalues(self) -> np.ndarray:
        r"""Closed-form eigenvalues of the flow's Jacobian :math:`-J(z^*)`:
        :math:`(-\gamma \pm \sqrt{\gamma^2 - 4 f'(0)^2})/2` (complex when :math:`\gamma < 2f'(0)`)."""
        root = np.sqrt(complex(self.r1**2 - 4 * self.f_prime_0**2))
        return np.array([(-self.r1 - root) / 2, (-self.r1 + root) / 2])


def dirac_gan(*, loss: str = "standard", r1: float = 0.0) -> DiracGAN:
    r"""The Dirac-GAN of Mescheder et al. (2018) as a two-player game ``z = (theta, psi)``.

    Parameters
    ----------
    loss : {"standard", "non_saturating", "wgan"}
        ``"standard"``: :math:`f(t) = -\log(1+e^{-t})` with the minimax (saturating)
        generator cost; ``"non_saturating"``: the same discriminator, the generator minimises
        :math:`-f(-\psi\theta)` (the :math:`-\log D(G(z))` cost); ``"wgan"``: :math:`f(t) = t`,
        the bilinear game :math:`\psi\theta`.
    r1 : float
        Weight :math:`\gamma \ge 0` of the R1 gradient penalty on the discriminator (at most
        ``1e100``).

    References
    ----------
    .. [1] L. Mescheder, A. Geiger, S. Nowozin. Which training methods for GANs do actually
           converge? ICML, 2018.

    Examples
    --------
    >>> g = dirac_gan()
    >>> np.linalg.eigvals(g.J([0.0, 0.0])).imag          # purely imaginary: ±i f'(0) = ±i/2
    array([ 0.5, -0.5])
    >>> g.F([1.0, 0.0]), dirac_gan(loss="wgan").F([1.0, 2.0])
    (array([ 0. , -0.5]), array([ 2., -1.]))
    """
    return DiracGAN(loss=loss, r1=r1)             # the constructor checks loss and r1 (once) and names the game
