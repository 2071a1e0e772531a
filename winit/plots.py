"""Matplotlib figures in one house style: colour-blind-safe, and never colour alone.

Every function returns a ``matplotlib.figure.Figure`` and never calls
``plt.show()``.  Colours come from the Okabe-Ito palette; every series also
gets its own line style and marker, so the figures read in grey scale too.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import contextmanager
from typing import Any, TypeVar, cast

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

__all__ = [
    "PALETTE",
    "LINESTYLES",
    "MARKERS",
    "STYLE",
    "style",
    "series_style",
    "plot_std_vs_depth",
    "plot_layer_histograms",
    "plot_training_curves",
]

#: Okabe and Ito's colour-blind-safe palette (black first, yellow last: it is pale on white).
PALETTE = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (3, 1)), (0, (1, 2)), (0, (8, 2)))
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")

#: rcParams of the house style.
STYLE: dict[Any, Any] = {
    "figure.figsize": (7.0, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "lines.linewidth": 1.8,
    "lines.markersize": 4,
    "axes.prop_cycle": cycler(color=PALETTE[:7]) + cycler(linestyle=LINESTYLES[:7]),
    "svg.hashsalt": "winit",
}


@contextmanager
def style():
    """Context manager that applies the house style (used by every plot function)."""
    with mpl.rc_context(STYLE):
        yield


def series_style(i: int) -> dict[str, Any]:
    """Colour, line style and marker of series ``i``: distinct in colour *and* shape."""
    return {"color": PALETTE[i % 7], "linestyle": LINESTYLES[i % 7], "marker": MARKERS[i % 7]}


_M = TypeVar("_M")


def _check_curves(curves: _M, name: str) -> _M:
    if not isinstance(curves, Mapping) or not curves:
        raise TypeError(f"{name} must be a non-empty dict from label to values; got {type(curves).__name__}")
    return curves


def plot_std_vs_depth(
    curves: Mapping[str, ArrayLike],
    *,
    ylabel: str = "std of activations",
    title: str | None = None,
    logy: bool = True,
    reference: float | None = 1.0,
    ax: Axes | None = None,
) -> Figure:
    """Standard deviation (or any per-layer statistic) against layer number, one curve per label.

    Layers are numbered from 1.  Non-finite values (overflow) end a curve; on
    a log axis a curve that reaches 0 ends there too.  A dotted line marks
    ``reference`` (the ideal std of 1) unless it is None.

    Examples
    --------
    >>> fig = plot_std_vs_depth({"Xavier": [1.0, 0.9, 0.8]})
    >>> fig.axes[0].get_yscale()
    'log'
    """
    curves = _check_curves(curves, "curves")
    with style():
        fig, ax = plt.subplots() if ax is None else (cast(Figure, ax.figure), ax)
        for i, (label, values) in enumerate(curves.items()):
            y = np.asarray(values, dtype=float)
            layers = np.arange(1, len(y) + 1)
            ok = np.isfinite(y) & ((y > 0) if logy else True)
            every = max(1, len(y) // 10)
            ax.plot(layers[ok], y[ok], label=label, markevery=every, **series_style(i))
        if reference is not None:
            ax.axhline(reference, color="0.4", linestyle=":", linewidth=1)
        if logy:
            ax.set_yscale("log")
        ax.set_xlabel("layer")
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title)
        ax.legend()
        fig.tight_layout()
    return fig


def plot_layer_histograms(
    layers: Mapping[str, Mapping[int, np.ndarray]],
    *,
    bins: int = 60,
    value_range: tuple[float, float] | None = None,
    xlabel: str = "activation value",
    title: str | None = None,
) -> Figure:
    """Per-layer histograms, one panel per scheme, in the style of Glorot and Bengio (2010), Fig. 6.

    ``layers`` maps a scheme label to ``{layer number: values}``; each layer is
    drawn as a normalised step histogram in its own colour and line style.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> fig = plot_layer_histograms({"demo": {1: rng.normal(size=100), 2: rng.normal(size=100)}})
    >>> len(fig.axes)
    1
    """
    layers = _check_curves(layers, "layers")
    finite = [np.asarray(v, dtype=float).ravel() for per in layers.values() for v in per.values()]
    finite = [v[np.isfinite(v)] for v in finite]
    if value_range is None:
        lo = min(float(v.min()) for v in finite if v.size)
        hi = max(float(v.max()) for v in finite if v.size)
        value_range = (lo, hi) if lo < hi else (lo - 1, hi + 1)
    with style():
        fig, axes = plt.subplots(1, len(layers), figsize=(4.2 * len(layers), 3.4), squeeze=False, sharey=True)
        for ax, (label, per_layer) in zip(axes[0], layers.items()):
            for i, (layer, values) in enumerate(sorted(per_layer.items())):
                v = np.asarray(values, dtype=float).ravel()
                counts, edges = np.histogram(v[np.isfinite(v)], bins=bins, range=value_range, density=True)
                st = series_style(i)
                ax.stairs(
                    counts, edges, label=f"layer {layer}", color=st["color"], linestyle=st["linestyle"], linewidth=1.5
                )
            ax.set_title(label)
            ax.set_xlabel(xlabel)
            ax.legend()
        axes[0][0].set_ylabel("density")
        if title:
            fig.suptitle(title)
        fig.tight_layout()
    return fig


def plot_training_curves(
    runs: Mapping[str, ArrayLike],
    *,
    ylabel: str = "test accuracy",
    xlabel: str = "epoch",
    title: str | None = None,
    logy: bool = False,
    ax: Axes | None = None,
) -> Figure:
    """Training curves, one per label; a list of runs (seeds) is drawn as mean with a min-max band.

    Examples
    --------
    >>> fig = plot_training_curves({"He": [[0.1, 0.8, 0.9], [0.1, 0.7, 0.92]]})
    >>> fig.axes[0].get_xlabel()
    'epoch'
    """
    runs = _check_curves(runs, "runs")
    with style():
        fig, ax = plt.subplots() if ax is None else (cast(Figure, ax.figure), ax)
        for i, (label, values) in enumerate(runs.items()):
            arr = np.asarray(values, dtype=float)
            if arr.ndim == 1:
                arr = arr[None, :]
            x = np.arange(arr.shape[1])
            st = series_style(i)
            every = max(1, arr.shape[1] // 10)
            ax.plot(x, arr.mean(axis=0), label=label, markevery=every, **st)
            if arr.shape[0] > 1:
                ax.fill_between(x, arr.min(axis=0), arr.max(axis=0), color=st["color"], alpha=0.15, linewidth=0)
        if logy:
            ax.set_yscale("log")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title)
        ax.legend()
        fig.tight_layout()
    return fig
