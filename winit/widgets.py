"""Live ipywidgets explorers, built from the declarations of :mod:`winit.explorers` (floor 5).

Each explorer draws its default figure as soon as the cell runs, and redraws when a
control moves (for figures that train or simulate, when a slider is released).  A
notebook shows the default figure in an ordinary cell above, so that the static
website has it; ``depth_explorer()`` and friends are the live versions.

ipywidgets is optional: without it, building an explorer raises an ``ImportError``
that says how to install it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt

from .explorers import EXPLORERS, Control, Explorer, option_label

try:  # optional: the figures and the static explorers do not need it
    import ipywidgets
except ImportError:  # pragma: no cover - ipywidgets is pinned in requirements.txt
    ipywidgets = None

__all__ = [
    "interact_figure",
    "control_widget",
    "live",
    "depth_explorer",
    "training_explorer",
    "depth_training_explorer",
    "weights_explorer",
    "lsuv_explorer",
    "propagation_explorer",
]


def _ipywidgets() -> Any:
    if ipywidgets is None:
        raise ImportError("the live explorers need ipywidgets: pip install ipywidgets (see requirements.txt)")
    return ipywidgets


def interact_figure(figure: Callable[..., Any], **controls: Any) -> Any:
    """Wrap ``figure(**settings)`` in ipywidgets ``controls`` named like its parameters.

    The figure is drawn at once with the controls' values, and redrawn on every change.
    For example ``interact_figure(weights_figure, n_in=ipywidgets.IntSlider(value=64, min=1, max=128))``
    shows a slider for ``n_in`` above the histogram (it displays widgets, so it is exercised
    in ``tests/test_widgets.py`` rather than as a doctest).
    """
    widgets = _ipywidgets()

    def show(**settings: Any) -> None:
        figure(**settings)
        plt.show()

    return widgets.interact(show, **controls)


def control_widget(control: Control, value: Any, *, continuous: bool = True) -> Any:
    """The ipywidget of one control, set to ``value``: a slider for numbers, a menu otherwise."""
    widgets = _ipywidgets()
    description = control.label
    if control.numeric and control.span is not None:
        low, high, step = control.span
        if all(isinstance(v, int) for v in (*control.values, low, high, step)):
            return widgets.IntSlider(
                value=value, min=low, max=high, step=step, description=description, continuous_update=continuous
            )
        return widgets.FloatSlider(
            value=value, min=low, max=high, step=step, description=description, continuous_update=continuous
        )
    if control.numeric:
        return widgets.SelectionSlider(
            options=[(option_label(v), v) for v in control.values],
            value=value,
            description=description,
            continuous_update=continuous,
        )
    return widgets.Dropdown(
        options=[(option_label(v), v) for v in control.values], value=value, description=description
    )


def live(explorer: Explorer | str) -> Any:
    """The live explorer of a declaration (or of its name in :data:`winit.explorers.EXPLORERS`)."""
    if isinstance(explorer, str):
        if explorer not in EXPLORERS:
            raise ValueError(f"explorer must be one of {', '.join(map(repr, EXPLORERS))}; got {explorer!r}")
        explorer = EXPLORERS[explorer]
    defaults = explorer.defaults()
    controls = {
        key: control_widget(control, defaults[key], continuous=not explorer.slow)
        for key, control in explorer.controls.items()
    }
    return interact_figure(explorer.figure, **controls)


def depth_explorer() -> Any:
    """Depth, activation and initializer in; per-layer stds and histograms out (:func:`winit.figures.depth_figure`)."""
    return live("depth")


def training_explorer() -> Any:
    """Depth, activation and two initializers in; test-accuracy curves on the digits out."""
    return live("training")


def depth_training_explorer() -> Any:
    """Depth and initializer in; activation-std curve at init and test-accuracy curve out."""
    return live("depth_training")


def weights_explorer() -> Any:
    """Fans and initializer in; the histogram of one weight matrix out."""
    return live("weights")


def lsuv_explorer() -> Any:
    """Depth, width, activation and batch size in; per-layer stds of orthogonal, He and LSUV out."""
    return live("lsuv")


def propagation_explorer() -> Any:
    r""":math:`\sigma_w^2`, :math:`\sigma_b^2` and depth in; mean-field and simulated trajectories out."""
    return live("propagation")
