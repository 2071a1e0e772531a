"""Signal propagation: simulated networks against the mean-field maps, the critical line, the depth scale, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest

from winit import mean_field as mf
from winit import signal_propagation as sp

SB2 = 0.05
CRIT = mf.critical_sigma_w2(SB2)


def _accumulation(slopes: np.ndarray) -> np.ndarray:
    """sqrt(sum_k s^(2k)) up to each layer, with s the largest slope met so far: how linearised errors add up."""
    s2 = np.maximum.accumulate(np.asarray(slopes) ** 2)
    out = np.empty(len(s2))
    for layer in range(len(s2)):
        out[layer] = math.sqrt(sum(s2[layer] ** k for k in range(layer + 1)))
    return out


@pytest.mark.parametrize("sigma_w2", [1.0, CRIT, 3.0], ids=["ordered", "critical", "chaotic"])
def test_simulation_agrees_with_the_mean_field_maps(sigma_w2):
    # Tolerance from the sample size.  Given layer l-1, the `width` pre-activations z_i = w_i . h + b_i of
    # an input are i.i.d. Gaussian (rows w_i and biases b_i are independent), so the measured
    # q_l = mean_i z_i^2 has relative standard deviation sqrt(2 / width), and the measured cosine of a pair
    # (uncentred sample correlation of `width` i.i.d. bivariate Gaussian pairs) has standard deviation
    # (1 - c^2) / sqrt(width).  Linearising the maps, an error made at layer k is
    # multiplied by the map's slope s at every later layer, so independent errors accumulate to at most
    # sqrt(sum_k s^(2k)) times the one-layer error.  Averaging over n_networks independent networks divides
    # by sqrt(n_networks); averaging over pairs fed through the same network cannot increase the variance
    # (the variance of a mean is at most the largest variance).  We allow 5 such standard deviations
    # (plus 1/width for the O(1/width) finite-width bias of the ratio).
    depth, width, n_networks = 8, 400, 8
    theory = mf.mean_field_trajectory(depth, sigma_w2, SB2)
    sim = sp.simulate_signal_propagation(depth, width, sigma_w2, SB2, n_networks=n_networks, rng=2024)
    h = 1e-5
    slope_q = [
        (mf.variance_map(q + h, sigma_w2, SB2) - mf.variance_map(q - h, sigma_w2, SB2)) / (2 * h) for q in theory.q[:-1]
    ]
    slope_c = [
        (mf.correlation_map(min(c + h, 1.0), q, sigma_w2, SB2) - mf.correlation_map(c - h, q, sigma_w2, SB2))
        / (min(c + h, 1.0) - (c - h))
        for q, c in zip(theory.q[:-1], theory.c[:-1])
    ]
    one_layer = math.sqrt(2 / width) / math.sqrt(n_networks)
    tol_q = 5 * theory.q[1:] * one_layer * _accumulation(slope_q) + 1 / width
    spread_c = np.maximum.accumulate(1 - theory.c[1:] ** 2)  # largest (1 - c^2) met so far
    tol_c = 5 * spread_c / math.sqrt(width * n_networks) * _accumulation(slope_c) + 1 / width
    assert np.all(np.abs(sim.q[1:] - theory.q[1:]) <= tol_q), (sim.q, theory.q, tol_q)
    assert np.all(np.abs(sim.c[1:] - theory.c[1:]) <= tol_c), (sim.c, theory.c, tol_c)
    assert sim.q_se is not None and np.all(sim.q_se[1:] > 0)


def test_the_input_layer_has_the_requested_length_and_correlation():
    sim = sp.simulate_signal_propagation(1, 64, 1.0, 0.0, q0=2.5, c0=-0.3, n_pairs=3, rng=0)
    assert sim.q[0] == pytest.approx(2.5, rel=1e-12) and sim.c[0] == pytest.approx(-0.3, abs=1e-12)
    assert sim.q_se is None


def test_simulation_is_reproducible_and_leaves_the_global_state_alone():
    state = np.random.get_state()[1].copy()
    a = sp.simulate_signal_propagation(3, 32, 1.5, 0.1, rng=7)
    b = sp.simulate_signal_propagation(3, 32, 1.5, 0.1, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(a.q, b.q)
    np.testing.assert_array_equal(a.c, b.c)
    assert np.array_equal(state, np.random.get_state()[1])


def test_theory_converges_to_the_fixed_points():
    for sw2 in (1.2, 3.0):
        th = mf.mean_field_trajectory(300, sw2, SB2)
        assert th.q[-1] == pytest.approx(mf.fixed_point_q(sw2, SB2), rel=1e-6)
        assert th.c[-1] == pytest.approx(mf.fixed_point_c(sw2, SB2), abs=1e-4)
    assert mf.mean_field_trajectory(300, 1.2, SB2).c[-1] == pytest.approx(1.0, abs=1e-6)  # ordered
    assert mf.mean_field_trajectory(300, 3.0, SB2).c[-1] < 0.5  # chaotic: c* < 1


def test_at_the_fixed_point_q_stays_and_c_follows_correlation_map():
    q_star = mf.fixed_point_q(2.0, SB2)
    th = mf.mean_field_trajectory(2, 2.0, SB2, q0=q_star, c0=0.3)
    assert th.q[1] == pytest.approx(q_star, rel=1e-8)
    assert th.c[1] == pytest.approx(mf.correlation_map(0.3, q_star, 2.0, SB2), rel=1e-8)


@pytest.mark.parametrize("sb2", [0.0, 0.05, 0.3])
def test_critical_line_is_where_chi_1_is_one(sb2):
    sw2 = mf.critical_sigma_w2(sb2)
    assert mf.chi_1(sw2, sb2) == pytest.approx(1.0, abs=1e-6)
    assert mf.chi_1(0.95 * sw2, sb2) < 1 < mf.chi_1(1.05 * sw2, sb2)


def test_depth_scale_is_largest_near_criticality():
    near = mf.depth_scale_c(1.01 * CRIT, SB2)
    assert near > 10 * mf.depth_scale_c(0.6 * CRIT, SB2)
    assert near > 10 * mf.depth_scale_c(1.7 * CRIT, SB2)
    assert mf.depth_scale_c(0.97 * CRIT, SB2) < mf.depth_scale_c(0.99 * CRIT, SB2)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: sp.simulate_signal_propagation(0, 10, 1.0, 0.0), "depth"),
        (lambda: sp.simulate_signal_propagation(3, 1, 1.0, 0.0), "width"),
        (lambda: sp.simulate_signal_propagation(3, 10, -1.0, 0.0), "sigma_w2"),
        (lambda: sp.simulate_signal_propagation(3, 10, 1.0, -0.1), "sigma_b2"),
        (lambda: sp.simulate_signal_propagation(3, 10, 1.0, 0.0, "swish"), "activation"),
        (lambda: sp.simulate_signal_propagation(3, 10, 1.0, 0.0, c0=1.5), "c0"),
        (lambda: sp.simulate_signal_propagation(3, 10, 1.0, 0.0, q0=0.0), "q0"),
        (lambda: sp.simulate_signal_propagation(3, 10, 1.0, 0.0, n_pairs=0), "n_pairs"),
        (lambda: sp.simulate_signal_propagation(3, 10, 1.0, 0.0, rng=-1), "rng"),
        (lambda: mf.mean_field_trajectory(5, 0.0, 0.0), "sigma_w2"),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: sp.simulate_signal_propagation(3.5, 10, 1.0, 0.0), "depth"),
        (lambda: sp.simulate_signal_propagation(3, 10, "1", 0.0), "sigma_w2"),
        (lambda: sp.simulate_signal_propagation(3, 10, 1.0, 0.0, rng="seed"), "rng"),
    ],
)
def test_bad_types_raise_type_error_naming_the_argument(call, match):
    with pytest.raises(TypeError, match=match):
        call()
