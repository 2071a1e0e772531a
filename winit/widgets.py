"""ipywidgets explorers, built only from :mod:`winit.diagnostics`, :mod:`winit.nn` and :mod:`winit.plots`.

Each explorer comes as two functions: ``*_figure(...)`` draws the figure of
one setting (a notebook calls it in an ordinary cell, so the static website
shows the default), and ``*_explorer()`` wraps it in sliders and menus for a
reader who runs the notebook in Jupyter.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np

from ._checks import check_choice, check_positive_int
from .data import load_digits
from .diagnostics import depth_profile
from .initializers import INITIALIZERS
from .nn import ACTIVATIONS, MLP, train
from .plots import plot_std_vs_depth, plot_training_curves, series_style, style

__all__ = [
    "EXPLORER_INITS",
    "interact_figure",
    "depth_figure",
    "depth_explorer",
    "training_figure",
    "training_explorer",
    "depth_training_figure",
    "depth_training_explorer",
    "weights_figure",
    "weights_explorer",
]

#: The initializers offered in the explorers' menus (fan-based ones plus the classic bad ones).
EXPLORER_INITS = (
    "zeros",
    "constant(0.1)",
    "standard_uniform",
    "xavier_uniform",
    "xavier_normal",
    "he_uniform",
    "he_normal",
    "lecun_normal",
    "orthogonal",
    "normal(0, 0.01)",
    "normal(0, 1)",
)


def _resolve(init: str) -> tuple[Any, dict[str, Any]]:
    check_choice(init, EXPLORER_INITS, name="init")
    if init == "constant(0.1)":
        return "constant", {"value": 0.1}
    if init == "normal(0, 0.01)":
        return "normal", {"std": 0.01}
    if init == "normal(0, 1)":
        return "normal", {"std": 1.0}
    assert init in INITIALIZERS
    return init, {}


def interact_figure(figure: Any, *, manual: bool = False, **controls: Any):
    """Wrap ``figure(**settings)`` in ipywidgets ``controls`` named like its parameters.

    Every change redraws the figure (``manual=True``: only on a button press, for
    figures that train a network).  All explorers of the course are built this way.

    For example ``interact_figure(weights_figure, n_in=ipywidgets.IntSlider(value=64, min=1, max=128))``
    shows a slider for ``n_in`` above the histogram (it displays widgets, so it is exercised
    in ``tests/test_plots.py`` rather than as a doctest).
    """
    import ipywidgets as widgets

    def show(**settings: Any) -> None:
        figure(**settings)
        plt.show()

    return (widgets.interact_manual if manual else widgets.interact)(show, **controls)


def depth_figure(
    depth: int = 20,
    width: int = 256,
    activation: str = "tanh",
    init: str = "xavier_normal",
    *,
    n_samples: int = 500,
    rng: Any = 0,
) -> plt.Figure:
    """Activation std and gradient std per layer (left), and histograms of a few layers (right).

    Examples
    --------
    >>> fig = depth_figure(5, 32, "relu", "he_normal")
    >>> len(fig.axes)
    2
    """
    depth = check_positive_int(depth, name="depth", minimum=2)
    width = check_positive_int(width, name="width")
    check_choice(activation, ACTIVATIONS, name="activation")
    name, kwargs = _resolve(init)
    keep = tuple(sorted({1, max(1, depth // 4), max(1, depth // 2), max(1, 3 * depth // 4), depth}))
    profile = depth_profile(
        depth, width, activation=activation, init=name, init_kwargs=kwargs,
        n_samples=n_samples, keep_layers=keep, rng=rng,
    )
    with style():
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
        plot_std_vs_depth(
            {"activations": profile.forward.std, "gradients": profile.backward.std},
            ylabel="standard deviation", ax=left,
            title=f"{init}, {activation}, width {width}",
        )
        finite = [v[np.isfinite(v)] for v in profile.activations.values()]
        spread = max((float(np.percentile(np.abs(v), 99.5)) for v in finite if v.size), default=1.0)
        spread = spread if spread > 0 else 1.0
        for i, (layer, values) in enumerate(profile.activations.items()):
            v = values[np.isfinite(values)].ravel()
            counts, edges = np.histogram(v, bins=50, range=(-spread, spread), density=True)
            st = series_style(i)
            right.stairs(counts, edges, label=f"layer {layer}", color=st["color"], linestyle=st["linestyle"], linewidth=1.5)
        right.set_xlabel("activation value")
        right.set_ylabel("density")
        right.set_title("activation histograms")
        right.legend()
        fig.tight_layout()
    return fig


def depth_explorer():
    """Sliders for depth and width, menus for activation and initializer, around :func:`depth_figure`."""
    import ipywidgets as widgets

    return interact_figure(
        depth_figure,
        depth=widgets.IntSlider(value=20, min=2, max=100, step=1, description="depth"),
        width=widgets.IntSlider(value=256, min=16, max=1024, step=16, description="width"),
        activation=widgets.Dropdown(options=ACTIVATIONS, value="tanh", description="activation"),
        init=widgets.Dropdown(options=EXPLORER_INITS, value="xavier_normal", description="init"),
    )


def training_figure(
    depth: int = 10,
    width: int = 64,
    activation: str = "relu",
    inits: tuple[str, ...] = ("xavier_normal", "he_normal"),
    *,
    epochs: int = 5,
    lr: float = 0.02,
    seed: int = 0,
) -> plt.Figure:
    """Test accuracy per epoch on the digits for a few initializers, same seed and data.

    Examples
    --------
    >>> fig = training_figure(3, 16, "relu", ("he_normal",), epochs=1)
    >>> fig.axes[0].get_ylabel()
    'test accuracy'
    """
    depth = check_positive_int(depth, name="depth")
    width = check_positive_int(width, name="width")
    data = load_digits(rng=0)
    curves = {}
    for init in inits:
        name, kwargs = _resolve(init)
        net = MLP((64, *([width] * depth), 10), activation, name, init_kwargs=kwargs, rng=seed)
        hist = train(net, data.x_train, data.y_train, data.x_test, data.y_test, epochs=epochs, lr=lr, rng=seed)
        curves[init] = hist.test_acc
    return plot_training_curves(curves, title=f"{depth} hidden {activation} layers of width {width}")


def training_explorer():
    """Depth, activation and two initializers in; test-accuracy curves on the digits out."""
    import ipywidgets as widgets

    def show(depth, activation, first, second):
        training_figure(depth, 64, activation, (first, second))
        plt.show()

    return widgets.interact_manual(
        show,
        depth=widgets.IntSlider(value=10, min=1, max=40, description="depth"),
        activation=widgets.Dropdown(options=ACTIVATIONS, value="relu", description="activation"),
        first=widgets.Dropdown(options=EXPLORER_INITS, value="xavier_normal", description="init 1"),
        second=widgets.Dropdown(options=EXPLORER_INITS, value="he_normal", description="init 2"),
    )


def depth_training_figure(
    depth: int = 30,
    init: str = "he_normal",
    *,
    width: int = 48,
    activation: str = "relu",
    epochs: int = 10,
    lr: float = 0.01,
    seed: int = 0,
) -> plt.Figure:
    """At initialization, the activation std per layer (left); in training, the test accuracy per epoch (right).

    The network is an MLP on the digits with ``depth`` hidden layers of ``width`` units.

    Examples
    --------
    >>> fig = depth_training_figure(3, "he_normal", epochs=1)
    >>> len(fig.axes)
    2
    """
    depth = check_positive_int(depth, name="depth")
    width = check_positive_int(width, name="width")
    check_choice(activation, ACTIVATIONS, name="activation")
    name, kwargs = _resolve(init)
    data = load_digits(rng=0)
    net = MLP((64, *([width] * depth), 10), activation, name, init_kwargs=kwargs, rng=seed)
    with np.errstate(over="ignore", invalid="ignore"):
        net.forward(data.x_train[:500])
        stds = [float(h.std()) for h in net.activations[1:]]
    hist = train(net, data.x_train, data.y_train, data.x_test, data.y_test, epochs=epochs, lr=lr, rng=seed)
    with style():
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
        plot_std_vs_depth({init: stds}, ylabel="std of activations at init", ax=left,
                          title=f"{depth} {activation} layers of width {width}")
        plot_training_curves({init: hist.test_acc}, ax=right, title="training on the digits")
        right.set_ylim(0, 1)
        fig.tight_layout()
    return fig


def depth_training_explorer():
    """Depth and initializer in; activation-std curve at init and test-accuracy curve out."""
    import ipywidgets as widgets

    return interact_figure(
        depth_training_figure,
        manual=True,
        depth=widgets.IntSlider(value=30, min=1, max=60, description="depth"),
        init=widgets.Dropdown(options=EXPLORER_INITS, value="he_normal", description="init"),
    )


def weights_figure(n_in: int = 256, n_out: int = 128, init: str = "xavier_uniform", *, seed: int = 0) -> plt.Figure:
    """Histogram of one initialized weight matrix, with its standard deviation and (if any) its bounds marked.

    Examples
    --------
    >>> fig = weights_figure(64, 32, "he_uniform")
    >>> fig.axes[0].get_xlabel()
    'weight value'
    """
    n_in = check_positive_int(n_in, name="n_in")
    n_out = check_positive_int(n_out, name="n_out")
    name, kwargs = _resolve(init)
    w = INITIALIZERS[name]((n_in, n_out), rng=seed, **kwargs).ravel()
    std = float(w.std())
    with style():
        fig, ax = plt.subplots(figsize=(7, 3.6))
        spread = max(float(np.abs(w).max()), 1e-12)
        counts, edges = np.histogram(w, bins=60, range=(-1.1 * spread, 1.1 * spread), density=True)
        ax.stairs(counts, edges, color=series_style(0)["color"], fill=True, alpha=0.35, label=f"{init} weights")
        ax.stairs(counts, edges, color=series_style(0)["color"], linewidth=1.2)
        for sign in (-1, 1):
            ax.axvline(sign * std, **{k: v for k, v in series_style(1).items() if k != "marker"},
                       label="± measured std" if sign > 0 else None)
            ax.axvline(sign * float(np.abs(w).max()), **{k: v for k, v in series_style(2).items() if k != "marker"},
                       label="± largest |w|" if sign > 0 else None)
        ax.set_xlabel("weight value")
        ax.set_ylabel("density")
        ax.set_title(f"{init}, shape ({n_in}, {n_out}): std {std:.4f}, largest |w| {np.abs(w).max():.4f}")
        ax.legend(loc="upper right")
        fig.tight_layout()
    return fig


def weights_explorer():
    """Fans and initializer in; the histogram of one weight matrix out."""
    import ipywidgets as widgets

    return interact_figure(
        weights_figure,
        n_in=widgets.IntSlider(value=256, min=1, max=1024, description="n_in"),
        n_out=widgets.IntSlider(value=128, min=1, max=1024, description="n_out"),
        init=widgets.Dropdown(options=EXPLORER_INITS, value="xavier_uniform", description="init"),
    )
