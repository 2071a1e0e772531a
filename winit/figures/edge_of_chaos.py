r"""The edge-of-chaos figures: phase diagram, depth scale, and per-layer trajectories.

The mathematics is in :mod:`winit.mean_field` (the maps, :math:`\chi_1`, :math:`\xi_c`)
and the measurements in :mod:`winit.signal_propagation`; this module only draws them
(Poole et al., 2016; Schoenholz et al., 2017).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import mean_field as mf
from .._checks import check_choice, check_positive_int, check_real, check_rng
from .._types import RngLike
from ..activations import ACTIVATIONS
from ..plots import series_style, style
from ..signal_propagation import simulate_signal_propagation

__all__ = ["phase_diagram_figure", "depth_scale_figure", "propagation_figure"]


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
    activation: str = "tanh",
    *,
    resolution: tuple[int, int] = (36, 21),
    line_points: int = 9,
    points: dict[str, tuple[float, float]] | None = None,
) -> Figure:
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
    check_choice(activation, ACTIVATIONS, name="activation")
    if not isinstance(resolution, Sequence) or len(resolution) != 2:
        raise TypeError(f"resolution must be a pair (n_sigma_w2, n_sigma_b2); got {resolution!r}")
    n_w = check_positive_int(resolution[0], name="resolution", minimum=2)
    n_b = check_positive_int(resolution[1], name="resolution", minimum=2)
    sw = np.linspace(w_lo, w_hi, n_w)
    sb = np.linspace(b_lo, b_hi, n_b)
    log_chi = np.array([[math.log(mf.chi_1(w, b, activation)) for w in sw] for b in sb])
    # sigma_b^2 grows roughly like (sigma_w^2 - 1)^2 along the line: space its points quadratically
    line_b = (
        b_lo
        + (b_hi - b_lo) * np.linspace(0.0, 1.0, check_positive_int(line_points, name="line_points", minimum=2)) ** 2
    )
    line = []
    for b in line_b:
        try:
            line.append((mf.critical_sigma_w2(b, activation, lo=w_lo, hi=w_hi), b))
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
            ax.plot(
                [w],
                [b],
                linestyle="none",
                marker=st["marker"],
                markersize=8,
                color=st["color"],
                markeredgecolor="white",
                label=label,
                clip_on=False,
                zorder=5,
            )
        ax.text(
            w_lo + 0.04 * (w_hi - w_lo),
            b_lo + 0.85 * (b_hi - b_lo),
            r"ordered" "\n" r"$\chi_1 < 1$",
            color="white",
            fontsize=11,
            va="center",
        )
        ax.text(
            w_lo + 0.80 * (w_hi - w_lo),
            b_lo + 0.15 * (b_hi - b_lo),
            r"chaotic" "\n" r"$\chi_1 > 1$",
            color="black",
            fontsize=11,
            va="center",
        )
        ax.set_xlabel(r"$\sigma_w^2$")
        ax.set_ylabel(r"$\sigma_b^2$")
        ax.set_title(f"Phase diagram of a deep {activation} network")
        ax.grid(False)
        ax.legend(loc="center right", frameon=True)
        fig.tight_layout()
    return fig


def depth_scale_figure(
    sigma_b2: float = 0.05,
    sigma_w2_range: tuple[float, float] = (0.8, 3.5),
    activation: str = "tanh",
    *,
    n_points: int = 25,
) -> Figure:
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
    check_choice(activation, ACTIVATIONS, name="activation")
    n_points = check_positive_int(n_points, name="n_points", minimum=2)
    crit = mf.critical_sigma_w2(sigma_b2, activation, lo=w_lo, hi=w_hi)
    # half the points on either side, denser towards the critical value (where xi_c changes fastest)
    t = np.linspace(0.0, 1.0, n_points // 2 + 1)[1:] ** 2
    sw = np.concatenate([crit - (crit - w_lo) * t[::-1], crit + (w_hi - crit) * t])
    chi1 = np.array([mf.chi_1(w, sigma_b2, activation) for w in sw])
    chic = np.array([mf.chi_c(w, sigma_b2, activation) for w in sw])
    xi = np.array([-1.0 / math.log(x) if x < 1 else math.inf for x in chic])
    with style():
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
        left.plot(sw, chi1, label=r"$\chi_1$ (slope at $c = 1$)", markevery=3, **series_style(0))
        left.plot(sw, chic, label=r"$\chi_c$ (slope at $c^*$)", markevery=3, **series_style(1))
        left.axhline(1.0, color="0.4", linestyle=":", linewidth=1)
        left.set(
            xlabel=r"$\sigma_w^2$",
            ylabel="slope of the correlation map",
            title=rf"$\sigma_b^2 = {sigma_b2:g}$, {activation}",
        )
        left.legend()
        ok = np.isfinite(xi)
        right.plot(sw[ok], xi[ok], label=r"$\xi_c = -1/\ln\chi_c$", markevery=2, **series_style(2))
        right.set_yscale("log")
        right.set(xlabel=r"$\sigma_w^2$", ylabel="depth scale (layers)", title="correlation depth scale")
        for ax in (left, right):
            ax.axvline(
                crit,
                color="black",
                linestyle="--",
                linewidth=1.2,
                label=rf"edge of chaos $\sigma_w^2 = {crit:.2f}$" if ax is right else None,
            )
        right.legend()
        fig.tight_layout()
    return fig


def propagation_figure(
    sigma_w2: float | Sequence[float] = 1.0,
    sigma_b2: float = 0.05,
    depth: int = 30,
    *,
    width: int = 500,
    activation: str = "tanh",
    q0: float = 1.0,
    c0: float = 0.5,
    rng: RngLike = 0,
) -> Figure:
    r"""Per-layer :math:`q_\ell` (left) and :math:`c_\ell` (right): mean-field theory as lines, one simulated network as markers.

    ``sigma_w2`` may be a number or a sequence of numbers (one series each).  Theory from
    :func:`winit.mean_field.mean_field_trajectory`, simulation from :func:`winit.signal_propagation.simulate_signal_propagation`
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
            theory = mf.mean_field_trajectory(depth, w, sigma_b2, activation, q0=q0, c0=c0)
            sim = simulate_signal_propagation(depth, width, w, sigma_b2, activation, q0=q0, c0=c0, rng=gen)
            st = series_style(i)
            label = rf"$\sigma_w^2 = {w:.2f}$, $\chi_1 = {mf.chi_1(w, sigma_b2, activation):.2f}$"
            for ax, th, sm in ((left, theory.q, sim.q), (right, theory.c, sim.c)):
                ax.plot(layers, th, color=st["color"], linestyle=st["linestyle"], label=label)
                ax.plot(
                    layers[::every],
                    sm[::every],
                    color=st["color"],
                    marker=st["marker"],
                    linestyle="none",
                    markerfacecolor="none",
                    markersize=6,
                )
        # one legend entry explains lines versus markers
        left.plot([], [], color="0.3", label="line: theory; markers: simulation")
        left.set(
            xlabel="layer",
            ylabel=r"$q_\ell$ (pre-activation variance)",
            title=rf"length, $\sigma_b^2 = {sigma_b2:g}$, width {width}",
        )
        right.set(xlabel="layer", ylabel=r"$c_\ell$ (correlation of two inputs)", title="correlation")
        right.set_ylim(min(0.0, float(right.get_ylim()[0])), 1.05)
        left.legend(fontsize=8)
        fig.tight_layout()
    return fig
