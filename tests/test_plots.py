"""Plots return figures, in the house style, and never rely on colour alone."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import winit
from winit import plots, widgets


def _luminance(hex_colour):
    rgb = np.array(matplotlib.colors.to_rgb(hex_colour))
    return float(rgb @ [0.2126, 0.7152, 0.0722])


def test_std_vs_depth_log_axis_and_distinct_styles():
    fig = plots.plot_std_vs_depth({"a": [1, 2, 4], "b": [1, 0.5, np.inf], "c": [1, 1, 1]})
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    lines = [l for l in ax.get_lines() if l.get_label() in "abc"]
    assert len({l.get_linestyle() for l in lines}) == 3 and len({l.get_marker() for l in lines}) == 3
    assert len(lines[1].get_xdata()) == 2  # the overflowed point is dropped
    plt.close(fig)


def test_histograms_one_panel_per_scheme():
    rng = np.random.default_rng(0)
    fig = plots.plot_layer_histograms({"s": {1: rng.normal(size=50)}, "t": {1: rng.normal(size=50), 2: rng.normal(size=50)}})
    assert len(fig.axes) == 2
    plt.close(fig)


def test_training_curves_band_for_several_seeds():
    fig = plots.plot_training_curves({"x": [[0.1, 0.5], [0.2, 0.7]]})
    assert len(fig.axes[0].collections) == 1  # the min-max band
    plt.close(fig)


def test_palette_is_okabe_ito_and_not_only_colour():
    assert plots.PALETTE[0] == "#0072B2" and len(set(plots.PALETTE)) == 8
    assert len(set(map(str, plots.LINESTYLES))) == len(plots.LINESTYLES)
    assert all(_luminance(c) < 0.7 for c in plots.PALETTE[:7])  # readable on white


def test_plot_functions_reject_empty_input():
    with pytest.raises(TypeError, match="curves must be a non-empty dict"):
        plots.plot_std_vs_depth({})


def test_depth_figure_and_training_figure():
    fig = widgets.depth_figure(6, 32, "relu", "he_normal")
    assert len(fig.axes) == 2
    plt.close(fig)
    fig = widgets.training_figure(2, 16, "relu", ("he_normal", "normal(0, 0.01)"), epochs=1)
    assert len(fig.axes[0].get_lines()) == 2
    plt.close(fig)
    with pytest.raises(ValueError, match="init must be one of"):
        widgets.depth_figure(6, 32, "relu", "he")


@pytest.mark.parametrize(
    "make",
    [
        widgets.depth_explorer,
        widgets.training_explorer,
        widgets.depth_training_explorer,
        widgets.weights_explorer,
        winit.lsuv.lsuv_explorer,
        winit.edge_of_chaos.propagation_explorer,
    ],
    ids=lambda f: f.__name__,
)
def test_explorers_build_widgets(make):
    # The notebooks never execute explorer cells headless (see tests/test_notebooks.py), so
    # every explorer is built here instead: controls exist and the default setting draws.
    w = make()
    assert w.widget is not None
    assert len(w.widget.children) >= 3  # controls (and the output area)
    plt.close("all")


def test_depth_training_figure_shows_init_stds_and_accuracy():
    fig = widgets.depth_training_figure(4, "he_normal", width=16, epochs=1)
    left, right = fig.axes
    assert left.get_yscale() == "log" and right.get_ylabel() == "test accuracy"
    assert len(right.get_lines()[0].get_xdata()) == 2  # epochs 0 and 1
    plt.close(fig)


def test_weights_figure_marks_std_and_bound():
    fig = widgets.weights_figure(600, 200, "he_uniform")
    xs = sorted({round(float(l.get_xdata()[0]), 6) for l in fig.axes[0].get_lines()})
    bound = (6 / 600) ** 0.5
    assert xs[0] == pytest.approx(-bound, rel=0.01) and xs[-1] == pytest.approx(bound, rel=0.01)
    plt.close(fig)
