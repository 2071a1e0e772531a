r"""Signal propagation in deep random networks: simulation against mean-field theory, and its figures.

A network with weights :math:`W^\ell_{ij} \sim \mathcal N(0, \sigma_w^2/n)` and biases
:math:`b^\ell_i \sim \mathcal N(0, \sigma_b^2)` maps two inputs to pre-activations
:math:`z^\ell(x_1), z^\ell(x_2)` whose length and correlation per unit,

.. math::

    q_\ell = \tfrac1n \lVert z^\ell \rVert^2, \qquad
    c_\ell = \frac{z^\ell(x_1)\cdot z^\ell(x_2)}{\lVert z^\ell(x_1)\rVert\,\lVert z^\ell(x_2)\rVert},

follow, for a wide network, the variance map and the correlation map of
:mod:`winit.mean_field` (Poole et al., 2016; Schoenholz et al., 2017).  This module
simulates such networks (:func:`simulate_signal_propagation`), iterates the maps
(:func:`mean_field_trajectory`), and draws the chapter's figures: the
:math:`(\sigma_w^2, \sigma_b^2)` phase diagram, the depth scale, and the per-layer
trajectories with an ipywidgets explorer around them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from . import mean_field as mf
from ._checks import check_choice, check_positive_int, check_real, check_rng
from .nn import ACTIVATIONS, activation
from .plots import series_style, style

__all__ = [
    "Trajectory",
    "simulate_signal_propagation",
    "mean_field_trajectory",
    "phase_diagram_figure",
    "depth_scale_figure",
    "propagation_figure",
    "propagation_explorer",
]


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


def _check_common(depth: Any, sigma_w2: Any, sigma_b2: Any, act: Any, q0: Any, c0: Any) -> tuple:
    depth = check_positive_int(depth, name="depth")
    sigma_w2 = check_real(sigma_w2, name="sigma_w2", positive=True)
    sigma_b2 = check_real(sigma_b2, name="sigma_b2", nonnegative=True)
    check_choice(act, ACTIVATIONS, name="act")
    q0 = check_real(q0, name="q0", positive=True)
    c0 = check_real(c0, name="c0")
    if not -1.0 <= c0 <= 1.0:
        raise ValueError(f"c0 must be a correlation between -1 and 1; got {c0!r}")
    return depth, sigma_w2, sigma_b2, act, q0, c0


def _input_pairs(n_pairs: int, width: int, q0: float, c0: float, rng: np.random.Generator) -> np.ndarray:
    """``2 n_pairs`` rows: pairs of vectors with ``|x|^2 / width = q0`` and cosine ``c0`` exactly, in random directions."""
    g = rng.standard_normal((n_pairs, width, 2))
    basis, _ = np.linalg.qr(g)  # per pair, two orthonormal columns
    e1, e2 = basis[:, :, 0], basis[:, :, 1]
    scale = math.sqrt(width * q0)
    second = c0 * e1 + math.sqrt(max(0.0, 1.0 - c0 * c0)) * e2
    return scale * np.stack([e1, second], axis=1).reshape(2 * n_pairs, width)


def simulate_signal_propagation(
    depth: int,
    width: int,
    sigma_w2: float,
    sigma_b2: float,
    act: str = "tanh",
    *,
    q0: float = 1.0,
    c0: float = 0.5,
    n_pairs: int = 16,
    n_networks: int = 1,
    rng: Any = None,
) -> Trajectory:
    r"""Measure :math:`q_\ell` and :math:`c_\ell` of two inputs in random networks of the given width.

    Layer 0 holds two pre-activation vectors :math:`z^0_1, z^0_2 \in \mathbb R^n` with
    :math:`\lVert z^0\rVert^2/n = q_0` and cosine :math:`c_0`; then, for
    :math:`\ell = 1, \dots, \text{depth}`,

    .. math::

        z^\ell = \phi(z^{\ell-1})\, W^\ell + b^\ell, \qquad
        W^\ell_{ij} \sim \mathcal N(0, \sigma_w^2/n),\ b^\ell_i \sim \mathcal N(0, \sigma_b^2),

    with fresh weights in every layer, as in Poole et al. (2016).  The returned ``q`` is
    the mean over the inputs of :math:`\lVert z^\ell\rVert^2/n` and ``c`` the pair's
    cosine, each averaged over ``n_pairs`` pairs in random directions fed through the same
    network (which costs little: drawing the weights dominates) and over ``n_networks``
    independent networks.

    Parameters
    ----------
    depth, width : int
        Number of layers and of units per layer.
    sigma_w2, sigma_b2 : float
        Weight variance times the fan-in, and bias variance.
    act : str
        An activation of :data:`winit.nn.ACTIVATIONS`.
    q0, c0 : float
        Length per unit and correlation of the two inputs.
    n_pairs : int
        Input pairs per network.
    n_networks : int
        Independent networks to average over.
    rng : None, int or numpy.random.Generator
        Source of every random draw (SciPy's convention).

    Examples
    --------
    >>> sim = simulate_signal_propagation(3, 200, 1.5, 0.05, rng=0)
    >>> sim.q.shape, round(float(sim.c[0]), 6)
    ((4,), 0.5)
    """
    depth, sigma_w2, sigma_b2, act, q0, c0 = _check_common(depth, sigma_w2, sigma_b2, act, q0, c0)
    width = check_positive_int(width, name="width", minimum=2)
    n_pairs = check_positive_int(n_pairs, name="n_pairs")
    n_networks = check_positive_int(n_networks, name="n_networks")
    gen = check_rng(rng)
    qs = np.empty((n_networks, depth + 1))
    cs = np.empty((n_networks, depth + 1))
    w_std, b_std = math.sqrt(sigma_w2 / width), math.sqrt(sigma_b2)
    for k in range(n_networks):
        z = _input_pairs(n_pairs, width, q0, c0, gen)
        for layer in range(depth + 1):
            if layer > 0:
                w = gen.standard_normal((width, width)) * w_std
                b = gen.standard_normal(width) * b_std
                z = activation(act, z) @ w + b
            sq = np.einsum("ij,ij->i", z, z)  # squared lengths, rows (x1, x2) of each pair
            dot = np.einsum("ij,ij->i", z[0::2], z[1::2])
            qs[k, layer] = sq.mean() / width
            norms = np.sqrt(sq[0::2] * sq[1::2])
            cs[k, layer] = float(np.mean(np.where(norms > 0, dot / np.where(norms > 0, norms, 1.0), 1.0)))
    if n_networks == 1:
        return Trajectory(q=qs[0], c=cs[0])
    root = math.sqrt(n_networks)
    return Trajectory(q=qs.mean(axis=0), c=cs.mean(axis=0),
                      q_se=qs.std(axis=0, ddof=1) / root, c_se=cs.std(axis=0, ddof=1) / root)


def mean_field_trajectory(
    depth: int,
    sigma_w2: float,
    sigma_b2: float,
    act: str = "tanh",
    *,
    q0: float = 1.0,
    c0: float = 0.5,
) -> Trajectory:
    r"""Iterate the mean-field maps for ``depth`` layers: the theory of :func:`simulate_signal_propagation`.

    .. math::

        q_\ell = \sigma_w^2 E\big[\phi(\sqrt{q_{\ell-1}}\,z)^2\big] + \sigma_b^2, \qquad
        c_\ell = \frac{\sigma_w^2 E[\phi(u_1)\phi(u_2)] + \sigma_b^2}{q_\ell},

    with :math:`(u_1, u_2)` Gaussian of variance :math:`q_{\ell-1}` and correlation
    :math:`c_{\ell-1}` (Poole et al., 2016), computed with
    :func:`winit.mean_field.variance_map` and :func:`winit.mean_field.correlation_map`.

    Examples
    --------
    >>> th = mean_field_trajectory(50, 1.2, 0.05)     # ordered phase: c -> 1
    >>> round(float(th.q[-1]), 3) == round(mf.fixed_point_q(1.2, 0.05), 3), float(th.c[-1]) > 0.99
    (True, True)
    """
    depth, sigma_w2, sigma_b2, act, q0, c0 = _check_common(depth, sigma_w2, sigma_b2, act, q0, c0)
    q, c = np.empty(depth + 1), np.empty(depth + 1)
    q[0], c[0] = q0, c0
    for layer in range(1, depth + 1):
        q[layer] = mf.variance_map(q[layer - 1], sigma_w2, sigma_b2, act)
        # correlation_map divides by its q argument (the previous layer's); rescale to this layer's q
        covariance = mf.correlation_map(c[layer - 1], q[layer - 1], sigma_w2, sigma_b2, act) * q[layer - 1]
        c[layer] = min(1.0, covariance / q[layer]) if q[layer] > 0 else 1.0
    return Trajectory(q=q, c=c)


def _check_range(value: Any, name: str, nonnegative: bool = False) -> tuple[float, float]:
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
        raise TypeError(f"{name} must be a pair (low, high) of numbers; got {value!r}")
    lo = check_real(value[0], name=name, nonnegative=nonnegative)
    hi = check_real(value[1], name=name, nonnegative=nonnegative)
    if not lo < hi:
        raise ValueError(f"{name} must be a pair (low, high) with low < high; got {value!r}")
    return lo, hi


def phase_diagram_figure(
    sigma_w2_range: tuple[float, float] = (0.5, 4.0),
    sigma_b2_range: tuple[float, float] = (0.0, 0.4),
    act: str = "tanh",
    *,
    resolution: tuple[int, int] = (36, 21),
    line_points: int = 9,
    points: dict[str, tuple[float, float]] | None = None,
) -> plt.Figure:
    r"""The :math:`(\sigma_w^2, \sigma_b^2)` phase diagram: :math:`\ln\chi_1` in colour, the edge of chaos as a line.

    :math:`\chi_1 = \sigma_w^2 E[\phi'(\sqrt{q^*}z)^2]` (:func:`winit.mean_field.chi_1`) is
    below 1 in the ordered phase and above 1 in the chaotic one (Poole et al., 2016;
    Schoenholz et al., 2017).  The critical line :math:`\chi_1 = 1` comes from
    :func:`winit.mean_field.critical_sigma_w2` and is drawn dashed and labelled, so that
    the figure does not rely on colour (the colormap is the colour-blind-safe 'cividis').
    ``resolution`` is the colour grid's size, ``line_points`` the number of points of the
    critical line, and ``points`` maps labels to :math:`(\sigma_w^2, \sigma_b^2)` settings to mark.

    Examples
    --------
    >>> fig = phase_diagram_figure(resolution=(4, 3), line_points=2)
    >>> fig.axes[0].get_xlabel()
    '$\\sigma_w^2$'
    """
    w_lo, w_hi = _check_range(sigma_w2_range, "sigma_w2_range")
    if w_lo <= 0:
        raise ValueError(f"sigma_w2_range must be positive; got {sigma_w2_range!r}")
    b_lo, b_hi = _check_range(sigma_b2_range, "sigma_b2_range", nonnegative=True)
    check_choice(act, ACTIVATIONS, name="act")
    if not isinstance(resolution, Sequence) or len(resolution) != 2:
        raise TypeError(f"resolution must be a pair (n_sigma_w2, n_sigma_b2); got {resolution!r}")
    n_w = check_positive_int(resolution[0], name="resolution", minimum=2)
    n_b = check_positive_int(resolution[1], name="resolution", minimum=2)
    sw = np.linspace(w_lo, w_hi, n_w)
    sb = np.linspace(b_lo, b_hi, n_b)
    log_chi = np.array([[math.log(mf.chi_1(w, b, act)) for w in sw] for b in sb])
    # sigma_b^2 grows roughly like (sigma_w^2 - 1)^2 along the line: space its points quadratically
    line_b = b_lo + (b_hi - b_lo) * np.linspace(0.0, 1.0, check_positive_int(line_points, name="line_points", minimum=2)) ** 2
    line = []
    for b in line_b:
        try:
            line.append((mf.critical_sigma_w2(b, act, lo=w_lo, hi=w_hi), b))
        except ValueError:  # the critical point lies outside the plotted range
            continue
    with style():
        fig, ax = plt.subplots(figsize=(7, 4.2))
        # 0 (the edge of chaos) in the middle of the colormap: dark is ordered, light is chaotic
        low, high = min(float(log_chi.min()), -1e-3), max(float(log_chi.max()), 1e-3)
        norm = mpl.colors.TwoSlopeNorm(vmin=low, vcenter=0.0, vmax=high)
        mesh = ax.pcolormesh(sw, sb, log_chi, cmap="cividis", shading="gouraud", norm=norm)
        fig.colorbar(mesh, ax=ax, label=r"$\ln \chi_1$")
        if line:
            lw, lb = zip(*line)
            ax.plot(lw, lb, color="white", linewidth=4.0)
            ax.plot(lw, lb, color="black", linestyle="--", linewidth=2.0, label=r"edge of chaos, $\chi_1 = 1$")
        for i, (label, (w, b)) in enumerate((points or {}).items()):
            st = series_style(i + 1)
            ax.plot([w], [b], linestyle="none", marker=st["marker"], markersize=8, color=st["color"],
                    markeredgecolor="white", label=label, clip_on=False, zorder=5)
        ax.text(w_lo + 0.04 * (w_hi - w_lo), b_lo + 0.85 * (b_hi - b_lo), r"ordered" "\n" r"$\chi_1 < 1$",
                color="white", fontsize=11, va="center")
        ax.text(w_lo + 0.80 * (w_hi - w_lo), b_lo + 0.15 * (b_hi - b_lo), r"chaotic" "\n" r"$\chi_1 > 1$",
                color="black", fontsize=11, va="center")
        ax.set_xlabel(r"$\sigma_w^2$")
        ax.set_ylabel(r"$\sigma_b^2$")
        ax.set_title(f"Phase diagram of a deep {act} network")
        ax.grid(False)
        ax.legend(loc="center right", frameon=True)
        fig.tight_layout()
    return fig


def depth_scale_figure(
    sigma_b2: float = 0.05,
    sigma_w2_range: tuple[float, float] = (0.8, 3.5),
    act: str = "tanh",
    *,
    n_points: int = 25,
) -> plt.Figure:
    r"""Left: :math:`\chi_1` and :math:`\chi_c` against :math:`\sigma_w^2`; right: the depth scale :math:`\xi_c = -1/\ln\chi_c`.

    :math:`\chi_c` is the slope of the correlation map at its stable fixed point
    (:func:`winit.mean_field.chi_c`); :math:`\xi_c` (Schoenholz et al., 2017,
    :func:`winit.mean_field.depth_scale_c`) is the number of layers over which
    correlations approach :math:`c^*` and diverges at the edge of chaos, marked by a
    dotted vertical line.  The points are spaced more densely near the critical value.

    Examples
    --------
    >>> fig = depth_scale_figure(n_points=4)
    >>> fig.axes[1].get_yscale()
    'log'
    """
    sigma_b2 = check_real(sigma_b2, name="sigma_b2", nonnegative=True)
    w_lo, w_hi = _check_range(sigma_w2_range, "sigma_w2_range")
    if w_lo <= 0:
        raise ValueError(f"sigma_w2_range must be positive; got {sigma_w2_range!r}")
    check_choice(act, ACTIVATIONS, name="act")
    n_points = check_positive_int(n_points, name="n_points", minimum=2)
    crit = mf.critical_sigma_w2(sigma_b2, act, lo=w_lo, hi=w_hi)
    # half the points on either side, denser towards the critical value (where xi_c changes fastest)
    t = np.linspace(0.0, 1.0, n_points // 2 + 1)[1:] ** 2
    sw = np.concatenate([crit - (crit - w_lo) * t[::-1], crit + (w_hi - crit) * t])
    chi1 = np.array([mf.chi_1(w, sigma_b2, act) for w in sw])
    chic = np.array([mf.chi_c(w, sigma_b2, act) for w in sw])
    xi = np.array([-1.0 / math.log(x) if x < 1 else math.inf for x in chic])
    with style():
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
        left.plot(sw, chi1, label=r"$\chi_1$ (slope at $c = 1$)", markevery=3, **series_style(0))
        left.plot(sw, chic, label=r"$\chi_c$ (slope at $c^*$)", markevery=3, **series_style(1))
        left.axhline(1.0, color="0.4", linestyle=":", linewidth=1)
        left.set(xlabel=r"$\sigma_w^2$", ylabel="slope of the correlation map",
                 title=rf"$\sigma_b^2 = {sigma_b2:g}$, {act}")
        left.legend()
        ok = np.isfinite(xi)
        right.plot(sw[ok], xi[ok], label=r"$\xi_c = -1/\ln\chi_c$", markevery=2, **series_style(2))
        right.set_yscale("log")
        right.set(xlabel=r"$\sigma_w^2$", ylabel="depth scale (layers)", title="correlation depth scale")
        for ax in (left, right):
            ax.axvline(crit, color="black", linestyle="--", linewidth=1.2,
                       label=rf"edge of chaos $\sigma_w^2 = {crit:.2f}$" if ax is right else None)
        right.legend()
        fig.tight_layout()
    return fig


def propagation_figure(
    sigma_w2: float | Sequence[float] = 1.0,
    sigma_b2: float = 0.05,
    depth: int = 30,
    *,
    width: int = 500,
    act: str = "tanh",
    q0: float = 1.0,
    c0: float = 0.5,
    rng: Any = 0,
) -> plt.Figure:
    r"""Per-layer :math:`q_\ell` (left) and :math:`c_\ell` (right): mean-field theory as lines, one simulated network as markers.

    ``sigma_w2`` may be a number or a sequence of numbers (one series each).  Theory from
    :func:`mean_field_trajectory`, simulation from :func:`simulate_signal_propagation`
    (width ``width``); the legend gives each setting's :math:`\chi_1`.

    Examples
    --------
    >>> fig = propagation_figure([1.0, 3.0], depth=3, width=50)
    >>> [ax.get_xlabel() for ax in fig.axes]
    ['layer', 'layer']
    """
    values = [sigma_w2] if isinstance(sigma_w2, (int, float, np.floating, np.integer)) else sigma_w2
    if isinstance(values, str) or not isinstance(values, Sequence) or not values:
        raise TypeError(f"sigma_w2 must be a number or a non-empty sequence of numbers; got {sigma_w2!r}")
    values = [check_real(v, name="sigma_w2", positive=True) for v in values]
    depth = check_positive_int(depth, name="depth")
    gen = check_rng(rng)
    layers = np.arange(depth + 1)
    every = max(1, depth // 15)
    with style():
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
        for i, w in enumerate(values):
            theory = mean_field_trajectory(depth, w, sigma_b2, act, q0=q0, c0=c0)
            sim = simulate_signal_propagation(depth, width, w, sigma_b2, act, q0=q0, c0=c0, rng=gen)
            st = series_style(i)
            label = rf"$\sigma_w^2 = {w:.2f}$, $\chi_1 = {mf.chi_1(w, sigma_b2, act):.2f}$"
            for ax, th, sm in ((left, theory.q, sim.q), (right, theory.c, sim.c)):
                ax.plot(layers, th, color=st["color"], linestyle=st["linestyle"], label=label)
                ax.plot(layers[::every], sm[::every], color=st["color"], marker=st["marker"], linestyle="none",
                        markerfacecolor="none", markersize=6)
        # one legend entry explains lines versus markers
        left.plot([], [], color="0.3", label="line: theory; markers: simulation")
        left.set(xlabel="layer", ylabel=r"$q_\ell$ (pre-activation variance)",
                 title=rf"length, $\sigma_b^2 = {sigma_b2:g}$, width {width}")
        right.set(xlabel="layer", ylabel=r"$c_\ell$ (correlation of two inputs)", title="correlation")
        right.set_ylim(min(0.0, float(right.get_ylim()[0])), 1.05)
        left.legend(fontsize=8)
        fig.tight_layout()
    return fig


def propagation_explorer():
    r"""Sliders for :math:`\sigma_w^2`, :math:`\sigma_b^2` and depth around :func:`propagation_figure`."""
    import ipywidgets as widgets

    from .widgets import interact_figure

    return interact_figure(
        propagation_figure,
        sigma_w2=widgets.FloatSlider(value=1.0, min=0.5, max=4.0, step=0.05, description="σ_w²"),
        sigma_b2=widgets.FloatSlider(value=0.05, min=0.0, max=0.5, step=0.01, description="σ_b²"),
        depth=widgets.IntSlider(value=30, min=2, max=100, step=1, description="depth"),
    )
