"""Mean-field recursions: quadrature against closed forms, fixed points, the critical line, and simulation."""

from __future__ import annotations

import math

import numpy as np
import pytest

from winit import mean_field as mf
from winit import nn


@pytest.mark.parametrize("var", [0.1, 1.0, 7.0])
def test_gauss_expect_closed_forms(var):
    assert mf.gauss_expect(lambda z: z**2, var=var) == pytest.approx(var, rel=1e-9)
    assert mf.gauss_expect(lambda z: z**4, var=var) == pytest.approx(3 * var**2, rel=1e-9)
    assert mf.gauss_expect(lambda z: np.maximum(z, 0) ** 2, var=var) == pytest.approx(var / 2, rel=1e-9)
    assert mf.gauss_expect(lambda z: np.maximum(z, 0), var=var) == pytest.approx(
        math.sqrt(var / (2 * math.pi)), rel=1e-9
    )


def test_selu_fixed_point_is_zero_mean_unit_variance():
    m, v = mf.selu_moment_map(0.0, 1.0)
    assert abs(m) < 1e-9 and v == pytest.approx(1.0, abs=1e-9)


def test_selu_map_converges_to_the_fixed_point_from_far_away():
    m, v = 1.0, 9.0
    for _ in range(100):  # the map contracts by about 0.75 per step near (0, 1)
        m, v = mf.selu_moment_map(m, v)
    assert abs(m) < 1e-4 and abs(v - 1) < 1e-4


@pytest.mark.parametrize("sw2, sb2", [(1.5, 0.05), (2.5, 0.3), (0.8, 0.1)])
def test_fixed_point_satisfies_the_map(sw2, sb2):
    q = mf.fixed_point_q(sw2, sb2)
    assert mf.variance_map(q, sw2, sb2) == pytest.approx(q, rel=1e-8)


def test_linear_activation_variance_map_is_affine():
    assert mf.variance_map(2.0, 1.5, 0.1, "linear") == pytest.approx(1.5 * 2.0 + 0.1, rel=1e-9)


@pytest.mark.parametrize("sb2", [0.0, 0.05, 0.2])
def test_chi_1_is_one_on_the_critical_line(sb2):
    sw2 = mf.critical_sigma_w2(sb2)
    assert mf.chi_1(sw2, sb2) == pytest.approx(1.0, abs=1e-6)
    assert mf.chi_1(sw2 * 0.9, sb2) < 1 < mf.chi_1(sw2 * 1.1, sb2)


def test_tanh_without_bias_is_critical_at_xavier():
    assert mf.critical_sigma_w2(0.0) == pytest.approx(1.0, abs=1e-6)


def test_ordered_phase_correlates_and_chaotic_phase_decorrelates():
    assert mf.fixed_point_c(0.8, 0.05) == pytest.approx(1.0, abs=1e-6)
    assert mf.fixed_point_c(3.0, 0.05) < 0.9
    assert mf.depth_scale_c(1.2, 0.05) < mf.depth_scale_c(mf.critical_sigma_w2(0.05) * 1.01, 0.05)


def test_variance_map_agrees_with_a_wide_simulated_network():
    # Width 1000, 2000 inputs: each layer's empirical q has relative SE ~ sqrt(2/width) from the weights
    # (the input average is much tighter); after a few layers the map has contracted towards q*, so
    # the deviation stays of that order. We allow 6 SEs.
    sw2, sb2, width = 1.5, 0.05, 1000
    rng = np.random.default_rng(0)
    h = rng.standard_normal((2000, width))
    q = 1.0
    for _ in range(10):
        w = rng.normal(0, math.sqrt(sw2 / width), (width, width))
        b = rng.normal(0, math.sqrt(sb2), width)
        z = h @ w + b
        h = nn.activation("tanh", z)
        q = mf.variance_map(q, sw2, sb2) if _ else sw2 * 1.0 + sb2
        assert z.var() == pytest.approx(q, rel=6 * math.sqrt(2 / width))


def test_bad_arguments():
    with pytest.raises(ValueError, match="sigma_w2 must be positive"):
        mf.fixed_point_q(0.0, 0.1)
    with pytest.raises(ValueError, match="activation must be one of"):
        mf.variance_map(1.0, 1.0, 0.0, "swish")
