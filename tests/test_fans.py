"""compute_fans and calculate_gain."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import winit


@pytest.mark.parametrize(
    "shape, fans",
    [
        ((784, 256), (784, 256)),
        ((1, 1), (1, 1)),
        ((3, 3, 16, 32), (144, 288)),  # fan_in = c_in * kh * kw, fan_out = c_out * kh * kw
        ((5, 3, 64), (15, 320)),  # 1-D conv (k, c_in, c_out)
        ((3, 3, 3, 4, 8), (108, 216)),  # 3-D conv
    ],
)
def test_fans_of_dense_and_conv_shapes(shape, fans):
    assert winit.compute_fans(shape) == fans


@given(st.lists(st.integers(1, 7), min_size=2, max_size=5))
def test_fans_multiply_the_receptive_field(shape):
    fan_in, fan_out = winit.compute_fans(tuple(shape))
    rf = math.prod(shape[:-2])
    assert fan_in == shape[-2] * rf and fan_out == shape[-1] * rf
    assert fan_in * shape[-1] == fan_out * shape[-2]


@pytest.mark.parametrize(
    "name, param, gain",
    [
        ("linear", None, 1.0),
        ("identity", None, 1.0),
        ("conv1d", None, 1.0),
        ("conv2d", None, 1.0),
        ("conv3d", None, 1.0),
        ("conv_transpose2d", None, 1.0),
        ("sigmoid", None, 1.0),
        ("tanh", None, 5 / 3),
        ("relu", None, math.sqrt(2)),
        ("leaky_relu", None, math.sqrt(2 / (1 + 0.01**2))),
        ("leaky_relu", 0.2, math.sqrt(2 / 1.04)),
        ("leaky_relu", 0.0, math.sqrt(2)),
        ("leaky_relu", 1.0, 1.0),
        ("selu", None, 0.75),
    ],
)
def test_gain_table_matches_pytorch(name, param, gain):
    assert winit.calculate_gain(name, param) == pytest.approx(gain, rel=1e-15)


def test_unknown_nonlinearity_lists_the_allowed_ones():
    with pytest.raises(ValueError, match=r"nonlinearity must be one of .*'relu'.*got 'gelu'"):
        winit.calculate_gain("gelu")


def test_leaky_relu_param_must_be_a_number():
    with pytest.raises(TypeError, match="param must be a real number"):
        winit.calculate_gain("leaky_relu", "0.2")
