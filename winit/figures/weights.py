"""One initialized weight matrix: its histogram, standard deviation and bound."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .._checks import check_positive_int
from .._types import RngLike
from ..initializers import get_start
from ..plots import series_style, style

__all__ = ["weights_figure"]


def weights_figure(n_in: int = 256, n_out: int = 128, init: str = "xavier_uniform", *, rng: RngLike = 0) -> Figure:
    """Histogram of one initialized weight matrix, with its standard deviation and (if any) its bounds marked.

    Examples
    --------
    >>> fig = weights_figure(64, 32, "he_uniform")
    >>> ax = fig.axes[0]
    >>> ax.get_xlabel(), [text.get_text() for text in ax.get_legend().get_texts()]
    ('weight value', ['he_uniform weights', '± measured std', '± largest |w|'])
    """
    n_in = check_positive_int(n_in, name="n_in")
    n_out = check_positive_int(n_out, name="n_out")
    w = get_start(init)((n_in, n_out), rng=rng).ravel()
    std = float(w.std())
    with style():
        fig, ax = plt.subplots(figsize=(7, 3.6))
        spread = max(float(np.abs(w).max()), 1e-12)
        counts, edges = np.histogram(w, bins=60, range=(-1.1 * spread, 1.1 * spread), density=True)
        ax.stairs(counts, edges, color=series_style(0)["color"], fill=True, alpha=0.35, label=f"{init} weights")
        ax.stairs(counts, edges, color=series_style(0)["color"], linewidth=1.2)
        for sign in (-1, 1):
            ax.axvline(
                sign * std,
                **{k: v for k, v in series_style(1).items() if k != "marker"},
                label="± measured std" if sign > 0 else None,
            )
            ax.axvline(
                sign * float(np.abs(w).max()),
                **{k: v for k, v in series_style(2).items() if k != "marker"},
                label="± largest |w|" if sign > 0 else None,
            )
        ax.set_xlabel("weight value")
        ax.set_ylabel("density")
        ax.set_title(f"{init}, shape ({n_in}, {n_out}): std {std:.4f}, largest |w| {np.abs(w).max():.4f}")
        ax.legend(loc="upper right")
        fig.tight_layout()
    return fig
