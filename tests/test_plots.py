"""Plots return figures, in the house style, and never rely on colour alone."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from winit import plots


def _luminance(hex_colour):
    rgb = np.array(matplotlib.colors.to_rgb(hex_colour))
    return float(rgb @ [0.2126, 0.7152, 0.0722])


def test_std_vs_depth_log_axis_and_distinct_styles():
    fig = plots.plot_std_vs_depth({"a": [1, 2, 4], "b": [1, 0.5, np.inf], "c": [1, 1, 1]})
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    lines = [ln for ln in ax.get_lines() if ln.get_label() in "abc"]
    assert len({ln.get_linestyle() for ln in lines}) == 3 and len({ln.get_marker() for ln in lines}) == 3
    assert len(lines[1].get_xdata()) == 2  # the overflowed point is dropped
    plt.close(fig)


def test_histograms_one_panel_per_scheme():
    rng = np.random.default_rng(0)
    data = {"s": {1: rng.normal(size=50)}, "t": {1: rng.normal(size=50), 2: rng.normal(size=50)}}
    fig = plots.plot_layer_histograms(data, bins=10, value_range=(-3, 3))
    assert [ax.get_title() for ax in fig.axes] == ["s", "t"]
    stairs = fig.axes[1].patches  # one step histogram per layer, drawn with ax.stairs
    assert len(stairs) == 2
    for patch, values in zip(stairs, data["t"].values()):
        expected, _ = np.histogram(values, bins=10, range=(-3, 3), density=True)
        np.testing.assert_allclose(patch.get_data().values, expected)
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
