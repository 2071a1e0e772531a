"""The course's figures draw what they compute: each test reads the data of the plotted lines back."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest

import winit
from winit import figures
from winit import mean_field as mf
from winit.figures import edge_of_chaos as eoc

SB2 = 0.05


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _line(ax, label):
    return next(ln for ln in ax.get_lines() if ln.get_label() == label)


def test_depth_figure_plots_the_depth_profile_it_measures():
    fig = figures.depth_figure(6, 32, "relu", "he_normal", n_samples=200, rng=3)
    left, right = fig.axes
    profile = winit.depth_profile(
        6, 32, activation="relu", init="he_normal", n_samples=200, keep_layers=(1, 3, 4, 6), rng=3
    )
    np.testing.assert_array_equal(_line(left, "activations").get_ydata(), profile.forward.std)
    np.testing.assert_array_equal(_line(left, "gradients").get_ydata(), profile.backward.std)
    np.testing.assert_array_equal(_line(left, "activations").get_xdata(), np.arange(1, 7))
    assert left.get_yscale() == "log"
    # the histograms of layers 1, depth/4, depth/2, 3 depth/4 and depth (duplicates merged)
    assert [t.get_text() for t in right.get_legend().get_texts()] == ["layer 1", "layer 3", "layer 4", "layer 6"]


def test_depth_figure_takes_a_start_key_and_refuses_others():
    fig = figures.depth_figure(4, 16, "tanh", "normal(0, 1)", n_samples=50, rng=0)
    assert fig.axes[0].get_title() == "normal(0, 1), tanh, width 16"
    with pytest.raises(ValueError, match="init must be one of"):
        figures.depth_figure(6, 32, "relu", "he")


def test_training_figure_plots_the_test_accuracy_of_each_start():
    fig = figures.training_figure(2, 16, "relu", ("he_normal", "normal(0, 0.01)"), epochs=2, lr=0.05, rng=1)
    ax = fig.axes[0]
    data = winit.load_digits(rng=0)
    for init, start in (("he_normal", ("he_normal", {})), ("normal(0, 0.01)", ("normal", {"std": 0.01}))):
        net = winit.MLP((64, 16, 16, 10), "relu", start[0], init_kwargs=start[1], rng=1)
        hist = winit.train(net, data.x_train, data.y_train, data.x_test, data.y_test, epochs=2, lr=0.05, rng=1)
        np.testing.assert_array_equal(_line(ax, init).get_ydata(), hist.test_acc)
    assert ax.get_ylabel() == "test accuracy"


def test_depth_training_figure_shows_init_stds_and_accuracy():
    fig = figures.depth_training_figure(4, "he_normal", width=16, epochs=1)
    left, right = fig.axes
    net = winit.MLP((64, 16, 16, 16, 16, 10), "relu", "he_normal", rng=0)
    net.forward(winit.load_digits(rng=0).x_train[:500])
    np.testing.assert_allclose(left.get_lines()[0].get_ydata(), [h.std() for h in net.activations[1:]], rtol=1e-6)
    assert left.get_yscale() == "log" and right.get_ylabel() == "test accuracy"
    assert len(right.get_lines()[0].get_xdata()) == 2  # epochs 0 and 1


def test_weights_figure_marks_std_and_bound():
    fig = figures.weights_figure(600, 200, "he_uniform")
    w = winit.he_uniform((600, 200), rng=0)
    ax = fig.axes[0]
    std_line, bound_line = _line(ax, "± measured std"), _line(ax, "± largest |w|")
    assert std_line.get_xdata()[0] == pytest.approx(w.std())
    assert bound_line.get_xdata()[0] == pytest.approx(np.abs(w).max())
    # He uniform's bound is sqrt(6 / fan_in); the largest of 120,000 draws is within 0.1 % of it
    assert bound_line.get_xdata()[0] == pytest.approx(math.sqrt(6 / 600), rel=1e-3)


def test_lsuv_figure_has_three_curves_and_lsuv_is_at_one():
    fig = figures.lsuv_figure(4, 16, "relu", 32)
    ax = fig.axes[0]
    labels = [ln.get_label() for ln in ax.get_lines()][:3]
    assert labels == ["orthogonal (gain 1)", "He normal", "LSUV (batch 32)"]
    lsuv_std = _line(ax, "LSUV (batch 32)").get_ydata()
    assert len(lsuv_std) == 4 and np.all((lsuv_std > 0.3) & (lsuv_std < 3))  # unit-variance pre-activations
    with pytest.raises(ValueError, match="batch_size"):
        figures.lsuv_figure(4, 16, "relu", 1)


def test_phase_diagram_draws_the_critical_line_where_chi_1_is_one():
    fig = eoc.phase_diagram_figure(resolution=(3, 2), line_points=3, points={"Xavier": (1.0, 0.0)})
    line = next(ln for ln in fig.axes[0].get_lines() if "edge of chaos" in ln.get_label())
    assert line.get_linestyle() == "--"  # not colour alone
    assert len(line.get_xdata()) == 3
    for sw2, sb2 in zip(line.get_xdata(), line.get_ydata()):
        assert mf.chi_1(sw2, sb2) == pytest.approx(1.0, abs=1e-6)
    marker = _line(fig.axes[0], "Xavier")
    assert (marker.get_xdata()[0], marker.get_ydata()[0]) == (1.0, 0.0)


def test_depth_scale_figure_plots_xi_c_and_the_critical_point():
    fig = eoc.depth_scale_figure(SB2, (0.8, 3.5), n_points=4)
    _, right = fig.axes
    xi = right.get_lines()[0]
    for sw2, value in zip(xi.get_xdata(), xi.get_ydata()):
        assert value == pytest.approx(-1.0 / math.log(mf.chi_c(sw2, SB2)))
    crit = mf.critical_sigma_w2(SB2, lo=0.8, hi=3.5)
    assert right.get_yscale() == "log"
    assert any(ln.get_xdata()[0] == pytest.approx(crit) for ln in right.get_lines()[1:])


def test_propagation_figure_plots_theory_and_simulation():
    fig = eoc.propagation_figure([1.0, 3.0], SB2, depth=3, width=20, rng=4)
    left, right = fig.axes
    theory = mf.mean_field_trajectory(3, 3.0, SB2)
    lines = [ln for ln in left.get_lines() if ln.get_linestyle() != "None"]
    np.testing.assert_array_equal(lines[1].get_ydata(), theory.q)
    np.testing.assert_array_equal(right.get_lines()[2].get_ydata(), theory.c)
    assert [ax.get_xlabel() for ax in fig.axes] == ["layer", "layer"]


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: eoc.phase_diagram_figure((2.0, 1.0)), ValueError, "sigma_w2_range"),
        (lambda: eoc.depth_scale_figure(-0.1), ValueError, "sigma_b2"),
        (lambda: eoc.propagation_figure(-1.0), ValueError, "sigma_w2"),
        (lambda: eoc.phase_diagram_figure(1.0), TypeError, "sigma_w2_range"),
        (lambda: eoc.propagation_figure("big"), TypeError, "sigma_w2"),
        (lambda: figures.training_figure(2, 8, "relu", "he_normal"), TypeError, "inits"),
        (lambda: figures.depth_figure(5, 8, "swish"), ValueError, "activation"),
    ],
)
def test_bad_input_names_the_argument(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
