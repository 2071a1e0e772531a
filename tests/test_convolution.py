"""The numpy convolution: against a direct loop, gradients by finite differences, and the fans."""

from __future__ import annotations

import math

import numpy as np
import pytest

import winit
from winit.convolution import conv2d, conv2d_backward


def direct(x, w):
    kh, kw, _c_in, c_out = w.shape
    n, h, wd, _ = x.shape
    y = np.zeros((n, h - kh + 1, wd - kw + 1, c_out))
    for i in range(h - kh + 1):
        for j in range(wd - kw + 1):
            y[:, i, j, :] = np.einsum("nabc,abco->no", x[:, i : i + kh, j : j + kw, :], w)
    return y


def test_conv2d_matches_the_definition():
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((2, 6, 5, 3)), rng.standard_normal((3, 2, 3, 4))
    np.testing.assert_allclose(conv2d(x, w), direct(x, w), atol=1e-12)


def test_conv2d_gradients_match_finite_differences():
    rng = np.random.default_rng(1)
    x, w = rng.standard_normal((2, 5, 5, 2)), rng.standard_normal((3, 3, 2, 3))
    g = rng.standard_normal(conv2d(x, w).shape)
    gx, gw = conv2d_backward(x, w, g)
    eps = 1e-6
    for arr, grad in ((x, gx), (w, gw)):
        for idx in [tuple(rng.integers(0, s) for s in arr.shape) for _ in range(15)]:
            old = arr[idx]
            arr[idx] = old + eps
            up = float(np.sum(conv2d(x, w) * g))
            arr[idx] = old - eps
            down = float(np.sum(conv2d(x, w) * g))
            arr[idx] = old
            assert grad[idx] == pytest.approx((up - down) / (2 * eps), abs=1e-6)


@pytest.mark.parametrize("shape", [(3, 3, 16, 32), (5, 5, 4, 8), (1, 1, 64, 16)])
def test_output_variance_is_fan_in_var_w_var_x(shape):
    # y is a sum of fan_in products; its sample variance over N outputs has relative SE ~ sqrt(2/N)
    # plus the randomness of one kernel (relative SE ~ sqrt(2/(fan_in * c_out))); 6 of the larger.
    rng = np.random.default_rng(2)
    fan_in, _ = winit.compute_fans(shape)
    x = rng.standard_normal((16, 20, 20, shape[2]))
    w = winit.he_normal(shape, rng=3)
    y = conv2d(x, w)
    tol = 6 * max(math.sqrt(2 / y.size), math.sqrt(2 / (fan_in * shape[3])))
    assert abs(y.var() / (fan_in * w.var() * x.var()) - 1) < tol


def test_conv2d_rejects_mismatched_channels():
    with pytest.raises(ValueError, match="kernel expects c_in=3"):
        conv2d(np.zeros((1, 5, 5, 2)), np.zeros((3, 3, 3, 4)))
    with pytest.raises(ValueError, match="smaller than the kernel"):
        conv2d(np.zeros((1, 2, 2, 3)), np.zeros((3, 3, 3, 4)))
