"""LSUV against the fan rules: the std of every hidden layer on real images."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .._checks import check_choice, check_positive_int, check_rng
from .._types import RngLike
from ..activations import ACTIVATIONS
from ..data import load_digits
from ..diagnostics import forward_stats
from ..lsuv import lsuv_mlp
from ..nn import MLP
from ..plots import plot_std_vs_depth, style

__all__ = ["lsuv_figure"]


def lsuv_figure(
    depth: int = 20,
    width: int = 128,
    activation: str = "relu",
    batch_size: int = 256,
    *,
    rng: RngLike = 0,
) -> Figure:
    """Std of the hidden activations per layer on the digits: orthogonal, He normal and LSUV.

    Examples
    --------
    >>> fig = lsuv_figure(5, 32, "tanh", 64)
    >>> [line.get_label() for line in fig.axes[0].get_lines()][:3]
    ['orthogonal (gain 1)', 'He normal', 'LSUV (batch 64)']
    """
    depth = check_positive_int(depth, name="depth", minimum=1)
    width = check_positive_int(width, name="width")
    check_choice(activation, ACTIVATIONS, name="activation")
    batch_size = check_positive_int(batch_size, name="batch_size", minimum=2)
    seed = int(check_rng(rng).integers(2**31))
    data = load_digits(rng=0)
    batch = data.x_train[:batch_size]
    probe = data.x_test
    sizes = (data.x_train.shape[1],) + (width,) * depth + (10,)
    curves = {}
    for label, init in (("orthogonal (gain 1)", "orthogonal"), ("He normal", "he_normal")):
        curves[label] = forward_stats(MLP(sizes, activation, init, rng=seed), probe).std
    net, _ = lsuv_mlp(sizes, activation, batch, rng=seed)
    curves[f"LSUV (batch {batch_size})"] = forward_stats(net, probe).std
    with style():
        fig, ax = plt.subplots(figsize=(6.4, 4))
        plot_std_vs_depth(
            curves,
            ax=ax,
            ylabel="std of hidden activations (test images)",
            title=f"{depth} {activation} layers of width {width}",
        )
        fig.tight_layout()
    return fig
