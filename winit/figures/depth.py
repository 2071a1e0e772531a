"""What a deep stack does to the signal and the gradient, layer by layer."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .._checks import check_choice, check_positive_int
from .._types import RngLike
from ..activations import ACTIVATIONS
from ..diagnostics import depth_profile
from ..initializers import get_start
from ..plots import plot_std_vs_depth, series_style, style

__all__ = ["depth_figure"]


def depth_figure(
    depth: int = 20,
    width: int = 256,
    activation: str = "tanh",
    init: str = "xavier_normal",
    *,
    n_samples: int = 500,
    rng: RngLike = 0,
) -> Figure:
    """Activation std and gradient std per layer (left), and histograms of a few layers (right).

    ``init`` is a key of :data:`winit.initializers.STARTS` (e.g. ``"he_normal"`` or
    ``"normal(0, 1)"``); the statistics come from :func:`winit.depth_profile`.

    Examples
    --------
    >>> fig = depth_figure(5, 32, "relu", "he_normal")
    >>> left, right = fig.axes
    >>> [line.get_label() for line in left.get_lines()[:2]]
    ['activations', 'gradients']
    """
    depth = check_positive_int(depth, name="depth", minimum=2)
    width = check_positive_int(width, name="width")
    check_choice(activation, ACTIVATIONS, name="activation")
    start = get_start(init)
    keep = tuple(sorted({1, max(1, depth // 4), max(1, depth // 2), max(1, 3 * depth // 4), depth}))
    profile = depth_profile(
        depth,
        width,
        activation=activation,
        init=start.init,
        init_kwargs=dict(start.init_kwargs),
        n_samples=n_samples,
        keep_layers=keep,
        rng=rng,
    )
    assert profile.backward is not None
    with style():
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
        plot_std_vs_depth(
            {"activations": profile.forward.std, "gradients": profile.backward.std},
            ylabel="standard deviation",
            ax=left,
            title=f"{init}, {activation}, width {width}",
        )
        finite = [v[np.isfinite(v)] for v in profile.activations.values()]
        spread = max((float(np.percentile(np.abs(v), 99.5)) for v in finite if v.size), default=1.0)
        spread = spread if spread > 0 else 1.0
        for i, (layer, values) in enumerate(profile.activations.items()):
            v = values[np.isfinite(values)].ravel()
            counts, edges = np.histogram(v, bins=50, range=(-spread, spread), density=True)
            st = series_style(i)
            right.stairs(
                counts, edges, label=f"layer {layer}", color=st["color"], linestyle=st["linestyle"], linewidth=1.5
            )
        right.set_xlabel("activation value")
        right.set_ylabel("density")
        right.set_title("activation histograms")
        right.legend()
        fig.tight_layout()
    return fig
