r"""Mean-field theory of signal propagation in wide random networks.

For a network with weights :math:`W_{ij} \sim \mathcal N(0, \sigma_w^2/n)` and biases
:math:`b_i \sim \mathcal N(0, \sigma_b^2)`, each pre-activation is, for a wide layer, a
Gaussian (central limit theorem) whose variance follows the **variance map**
(Poole et al., 2016)

.. math::

    q_\ell = \sigma_w^2\, E_{z\sim\mathcal N(0,1)}\big[\phi(\sqrt{q_{\ell-1}}\, z)^2\big] + \sigma_b^2 ,

and the correlation :math:`c` between the pre-activations of two inputs follows the
**correlation map**

.. math::

    c_\ell = \frac{1}{q^*}\Big(\sigma_w^2\, E\big[\phi(u_1)\phi(u_2)\big] + \sigma_b^2\Big),\quad
    u_1 = \sqrt{q^*} z_1,\ u_2 = \sqrt{q^*}\big(c_{\ell-1} z_1 + \sqrt{1-c_{\ell-1}^2}\, z_2\big).

Its slope at :math:`c = 1`, :math:`\chi_1 = \sigma_w^2 E[\phi'(\sqrt{q^*}z)^2]`, separates
the ordered phase (:math:`\chi_1 < 1`: inputs become correlated, gradients vanish) from
the chaotic phase (:math:`\chi_1 > 1`); the depth scale
:math:`\xi_c = -1/\log \chi_c` (Schoenholz et al., 2017, with :math:`\chi_c` the slope of
the correlation map at its fixed point) diverges at the boundary.

:func:`mean_field_trajectory` iterates both maps layer by layer: the theory that
:func:`winit.signal_propagation.simulate_signal_propagation` measures in finite networks.

One-dimensional Gaussian expectations (:func:`gauss_expect`) use composite Simpson's rule
on [-10, 10] standard deviations with 0 as a node, so that the kink of ReLU, leaky ReLU and
SELU at 0 costs no accuracy (error below 1e-9 here); the two-dimensional ones of the
correlation map use Gauss-Hermite quadrature (``hermegauss``), accurate for smooth
activations such as tanh.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.polynomial.hermite_e import hermegauss

from ._checks import check_choice, check_positive_int, check_real
from .activations import ACTIVATIONS, LEAKY_RELU_SLOPE, derivative_function, forward_function

__all__ = [
    "Trajectory",
    "mean_field_trajectory",
    "gauss_expect",
    "variance_map",
    "fixed_point_q",
    "correlation_map",
    "fixed_point_c",
    "chi_1",
    "chi_c",
    "depth_scale_c",
    "critical_sigma_w2",
    "selu_moment_map",
]

N_QUAD = 81
_NODES, _WEIGHTS = hermegauss(N_QUAD)
_WEIGHTS = _WEIGHTS / math.sqrt(2 * math.pi)  # E over N(0, 1)

_GRID = np.linspace(-10.0, 10.0, 4001)  # 0 is node 2000
_SIMPSON = np.ones_like(_GRID)
_SIMPSON[1:-1:2], _SIMPSON[2:-1:2] = 4.0, 2.0
_SIMPSON *= (_GRID[1] - _GRID[0]) / 3.0 * np.exp(-(_GRID**2) / 2) / math.sqrt(2 * math.pi)


def gauss_expect(f: Callable[[np.ndarray], np.ndarray], mean: float = 0.0, var: float = 1.0) -> float:
    r""":math:`E[f(z)]` for :math:`z \sim \mathcal N(\text{mean}, \text{var})`, by composite Simpson's rule.

    The integrand is sampled at 4001 points spanning :math:`\pm 10` standard deviations
    (0 is a node, so a kink there costs no accuracy) and weighted by the normal density.

    Examples
    --------
    >>> round(gauss_expect(lambda z: z**2, var=2.0), 12)
    2.0
    """
    var = check_real(var, name="var", nonnegative=True)
    z = mean + math.sqrt(var) * _GRID
    return float(np.dot(_SIMPSON, f(z)))


def _phi(name: str) -> Callable[[np.ndarray], np.ndarray]:
    f = forward_function(name)
    return lambda z: f(np.asarray(z, dtype=float), LEAKY_RELU_SLOPE)


def _dphi(name: str) -> Callable[[np.ndarray], np.ndarray]:
    f, df = forward_function(name), derivative_function(name)

    def d(z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        return df(z, f(z, LEAKY_RELU_SLOPE), LEAKY_RELU_SLOPE)

    return d


def _bisect(f: Callable[[float], float], lo: float, hi: float, iters: int) -> float:
    """Root of ``f`` in ``[lo, hi]``, where ``f`` changes sign, by ``iters`` halvings."""
    lo_positive = f(lo) > 0
    for _ in range(iters):
        mid = 0.5 * (lo + hi)
        if (f(mid) > 0) == lo_positive:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def variance_map(q: float, sigma_w2: float, sigma_b2: float, activation: str = "tanh") -> float:
    """One step of the variance map ``q -> sigma_w2 E[phi(sqrt(q) z)^2] + sigma_b2``."""
    phi = _phi(activation)
    return sigma_w2 * gauss_expect(lambda z: phi(z) ** 2, var=q) + sigma_b2


def fixed_point_q(sigma_w2: float, sigma_b2: float, activation: str = "tanh") -> float:
    """The fixed point q* of the variance map (0 when the map contracts every signal to 0).

    Found by bisection on ``variance_map(q) - q``, which is positive below q* and negative above it.
    """
    check_real(sigma_w2, name="sigma_w2", positive=True)
    sigma_b2 = check_real(sigma_b2, name="sigma_b2", nonnegative=True)
    g = lambda q: variance_map(q, sigma_w2, sigma_b2, activation) - q  # noqa: E731
    lo = 1e-10
    if g(lo) <= 0:
        return 0.0 if sigma_b2 == 0 else lo
    hi = 1.0
    while g(hi) > 0:
        hi *= 2
        if hi > 1e8:
            raise ValueError(
                f"the variance map has no finite fixed point for sigma_w2={sigma_w2}, activation {activation!r}"
            )
    return _bisect(g, lo, hi, 100)


_Z1, _Z2 = np.meshgrid(_NODES, _NODES, indexing="ij")
_W2D = np.outer(_WEIGHTS, _WEIGHTS)


def correlation_map(c: float, q_star: float, sigma_w2: float, sigma_b2: float, activation: str = "tanh") -> float:
    """One step of the correlation map for two inputs whose pre-activations have variance ``q_star``."""
    if q_star <= 0:
        return 1.0
    phi = _phi(activation)
    c = min(max(float(c), -1.0), 1.0)
    u1 = math.sqrt(q_star) * _Z1
    u2 = math.sqrt(q_star) * (c * _Z1 + math.sqrt(max(0.0, 1 - c * c)) * _Z2)
    return (sigma_w2 * float(np.sum(_W2D * phi(u1) * phi(u2))) + sigma_b2) / q_star


def fixed_point_c(
    sigma_w2: float, sigma_b2: float, activation: str = "tanh", c0: float = 0.5, iters: int = 2000
) -> float:
    """The stable fixed point c* of the correlation map (1 in the ordered phase, below 1 in the chaotic one)."""
    q_star = fixed_point_q(sigma_w2, sigma_b2, activation)
    c = float(c0)
    for _ in range(iters):
        c_next = correlation_map(c, q_star, sigma_w2, sigma_b2, activation)
        if abs(c_next - c) < 1e-12:
            return c_next
        c = c_next
    return c


def chi_1(sigma_w2: float, sigma_b2: float, activation: str = "tanh") -> float:
    r""":math:`\chi_1 = \sigma_w^2 E[\phi'(\sqrt{q^*} z)^2]`: the slope of the correlation map at c = 1,
    and the factor by which a gradient's variance is multiplied per layer."""
    q_star = fixed_point_q(sigma_w2, sigma_b2, activation)
    dphi = _dphi(activation)
    return sigma_w2 * gauss_expect(lambda z: dphi(z) ** 2, var=q_star)


def chi_c(sigma_w2: float, sigma_b2: float, activation: str = "tanh") -> float:
    r""":math:`\chi_c = \sigma_w^2 E[\phi'(u_1)\phi'(u_2)]` at the fixed point c*: the slope of the correlation map there."""
    q_star = fixed_point_q(sigma_w2, sigma_b2, activation)
    c = fixed_point_c(sigma_w2, sigma_b2, activation)
    dphi = _dphi(activation)
    u1 = math.sqrt(q_star) * _Z1
    u2 = math.sqrt(q_star) * (c * _Z1 + math.sqrt(max(0.0, 1 - c * c)) * _Z2)
    return sigma_w2 * float(np.sum(_W2D * dphi(u1) * dphi(u2)))


def depth_scale_c(sigma_w2: float, sigma_b2: float, activation: str = "tanh") -> float:
    r"""The correlation depth scale :math:`\xi_c = -1/\log\chi_c` (infinite at :math:`\chi_c = 1`)."""
    slope = chi_c(sigma_w2, sigma_b2, activation)
    return math.inf if slope >= 1 else -1.0 / math.log(slope)


def critical_sigma_w2(sigma_b2: float, activation: str = "tanh", lo: float = 0.5, hi: float = 4.0) -> float:
    r"""The :math:`\sigma_w^2` on the edge of chaos, :math:`\chi_1(\sigma_w^2, \sigma_b^2) = 1`, by bisection.

    Examples
    --------
    >>> round(critical_sigma_w2(0.0), 6)     # tanh, no bias: Xavier's sigma_w^2 = 1
    1.0
    """
    sigma_b2 = check_real(sigma_b2, name="sigma_b2", nonnegative=True)
    f = lambda s: chi_1(s, sigma_b2, activation) - 1.0  # noqa: E731
    if f(lo) > 0 or f(hi) < 0:
        raise ValueError(f"no critical point between sigma_w2={lo} and {hi} for sigma_b2={sigma_b2}")
    return _bisect(f, lo, hi, 60)


def selu_moment_map(mean: float, var: float) -> tuple[float, float]:
    r"""Mean and variance of SELU's output for a LeCun-initialized layer fed inputs of the given moments.

    With zero-mean weights of variance :math:`1/n`, the pre-activation is Gaussian with
    mean 0 and variance :math:`E[x^2] = \text{var} + \text{mean}^2`; the map returns the
    mean and variance of :math:`\operatorname{selu}(z)` (Klambauer et al., 2017).
    Its fixed point is (0, 1).

    Examples
    --------
    >>> m, v = selu_moment_map(0.0, 1.0)
    >>> abs(round(m, 6)), round(v, 6)
    (0.0, 1.0)
    """
    second = check_real(var, name="var", nonnegative=True) + check_real(mean, name="mean") ** 2
    phi = _phi("selu")
    m = gauss_expect(phi, var=second)
    s = gauss_expect(lambda z: phi(z) ** 2, var=second)
    return m, s - m * m


@dataclass(frozen=True)
class Trajectory:
    """Per-layer length ``q`` and correlation ``c`` of two inputs' pre-activations.

    Both arrays have ``depth + 1`` entries: index 0 is the input (layer 0), index ``l``
    the pre-activations of layer ``l``.  A simulation averaged over several networks also
    gives the standard errors ``q_se`` and ``c_se`` of those means (spread over networks
    divided by the square root of their number); they are None otherwise.
    """

    q: np.ndarray
    c: np.ndarray
    q_se: np.ndarray | None = None
    c_se: np.ndarray | None = None

    @property
    def depth(self) -> int:
        return len(self.q) - 1


def check_propagation_args(
    depth: Any, sigma_w2: Any, sigma_b2: Any, activation: Any, q0: Any, c0: Any
) -> tuple[int, float, float, str, float, float]:
    """Validate the arguments shared by the trajectory functions (theory and simulation)."""
    depth = check_positive_int(depth, name="depth")
    sigma_w2 = check_real(sigma_w2, name="sigma_w2", positive=True)
    sigma_b2 = check_real(sigma_b2, name="sigma_b2", nonnegative=True)
    check_choice(activation, ACTIVATIONS, name="activation")
    q0 = check_real(q0, name="q0", positive=True)
    c0 = check_real(c0, name="c0")
    if not -1.0 <= c0 <= 1.0:
        raise ValueError(f"c0 must be a correlation between -1 and 1; got {c0!r}")
    return depth, sigma_w2, sigma_b2, activation, q0, c0


def mean_field_trajectory(
    depth: int,
    sigma_w2: float,
    sigma_b2: float,
    activation: str = "tanh",
    *,
    q0: float = 1.0,
    c0: float = 0.5,
) -> Trajectory:
    r"""Iterate the mean-field maps for ``depth`` layers: the theory of the simulated trajectories.

    .. math::

        q_\ell = \sigma_w^2 E\big[\phi(\sqrt{q_{\ell-1}}\,z)^2\big] + \sigma_b^2, \qquad
        c_\ell = \frac{\sigma_w^2 E[\phi(u_1)\phi(u_2)] + \sigma_b^2}{q_\ell},

    with :math:`(u_1, u_2)` Gaussian of variance :math:`q_{\ell-1}` and correlation
    :math:`c_{\ell-1}` (Poole et al., 2016), computed with :func:`variance_map` and
    :func:`correlation_map`.  :func:`winit.signal_propagation.simulate_signal_propagation`
    measures the same quantities in networks of finite width.

    Examples
    --------
    >>> th = mean_field_trajectory(50, 1.2, 0.05)     # ordered phase: c -> 1
    >>> round(float(th.q[-1]), 3) == round(fixed_point_q(1.2, 0.05), 3), float(th.c[-1]) > 0.99
    (True, True)
    """
    depth, sigma_w2, sigma_b2, activation, q0, c0 = check_propagation_args(
        depth, sigma_w2, sigma_b2, activation, q0, c0
    )
    q, c = np.empty(depth + 1), np.empty(depth + 1)
    q[0], c[0] = q0, c0
    for layer in range(1, depth + 1):
        q[layer] = variance_map(q[layer - 1], sigma_w2, sigma_b2, activation)
        # correlation_map divides by its q argument (the previous layer's); rescale to this layer's q
        covariance = correlation_map(c[layer - 1], q[layer - 1], sigma_w2, sigma_b2, activation) * q[layer - 1]
        c[layer] = min(1.0, covariance / q[layer]) if q[layer] > 0 else 1.0
    return Trajectory(q=q, c=c)
