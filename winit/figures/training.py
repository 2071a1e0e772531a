"""Training curves on the digits: how the start decides the first epochs."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .._checks import check_choice, check_positive_int
from .._types import RngLike
from ..activations import ACTIVATIONS
from ..data import load_digits
from ..initializers import get_start
from ..nn import MLP, train
from ..plots import plot_std_vs_depth, plot_training_curves, style

__all__ = ["training_figure", "depth_training_figure"]


def _network(depth: int, width: int, activation: str, init: str, rng: RngLike) -> MLP:
    start = get_start(init)
    return MLP((64, *([width] * depth), 10), activation, start.init, init_kwargs=dict(start.init_kwargs), rng=rng)


def training_figure(
    depth: int = 10,
    width: int = 64,
    activation: str = "relu",
    inits: Sequence[str] = ("xavier_normal", "he_normal"),
    *,
    epochs: int = 5,
    lr: float = 0.02,
    rng: RngLike = 0,
) -> Figure:
    """Test accuracy per epoch on the digits for a few initializers, same data.

    ``inits`` are keys of :data:`winit.initializers.STARTS`.  An int ``rng`` seeds, for
    every initializer alike, both its weights and the minibatch order (so the curves
    differ only by the start); a Generator is drawn from in turn.

    Examples
    --------
    >>> fig = training_figure(3, 16, "relu", ("he_normal",), epochs=1)
    >>> ax = fig.axes[0]
    >>> ax.get_ylabel(), [line.get_label() for line in ax.get_lines()], len(ax.get_lines()[0].get_xdata())
    ('test accuracy', ['he_normal'], 2)
    """
    depth = check_positive_int(depth, name="depth")
    width = check_positive_int(width, name="width")
    check_choice(activation, ACTIVATIONS, name="activation")
    if isinstance(inits, str) or not isinstance(inits, Sequence) or not inits:
        raise TypeError(f"inits must be a non-empty sequence of initializer keys; got {inits!r}")
    data = load_digits(rng=0)
    curves = {}
    for init in inits:
        net = _network(depth, width, activation, init, rng)
        hist = train(net, data.x_train, data.y_train, data.x_test, data.y_test, epochs=epochs, lr=lr, rng=rng)
        curves[init] = hist.test_acc
    return plot_training_curves(curves, title=f"{depth} hidden {activation} layers of width {width}")


def depth_training_figure(
    depth: int = 30,
    init: str = "he_normal",
    *,
    width: int = 48,
    activation: str = "relu",
    epochs: int = 10,
    lr: float = 0.01,
    rng: RngLike = 0,
) -> Figure:
    """At initialization, the activation std per layer (left); in training, the test accuracy per epoch (right).

    The network is an MLP on the digits with ``depth`` hidden layers of ``width`` units;
    ``rng`` as in :func:`training_figure`.

    Examples
    --------
    >>> fig = depth_training_figure(3, "he_normal", epochs=1)
    >>> left, right = fig.axes
    >>> len(left.get_lines()[0].get_xdata()), [float(y) for y in right.get_ylim()]
    (3, [0.0, 1.0])
    """
    depth = check_positive_int(depth, name="depth")
    width = check_positive_int(width, name="width")
    check_choice(activation, ACTIVATIONS, name="activation")
    data = load_digits(rng=0)
    net = _network(depth, width, activation, init, rng)
    with np.errstate(over="ignore", invalid="ignore"):
        net.forward(data.x_train[:500])
        stds = [float(h.std()) for h in net.activations[1:]]
    hist = train(net, data.x_train, data.y_train, data.x_test, data.y_test, epochs=epochs, lr=lr, rng=rng)
    with style():
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
        plot_std_vs_depth(
            {init: stds},
            ylabel="std of activations at init",
            ax=left,
            title=f"{depth} {activation} layers of width {width}",
        )
        plot_training_curves({init: hist.test_acc}, ax=right, title="training on the digits")
        right.set_ylim(0, 1)
        fig.tight_layout()
    return fig
