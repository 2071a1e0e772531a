"""Data: the digits are standardized and split reproducibly; spirals are reproducible."""

from __future__ import annotations

import numpy as np
import pytest

import winit


def test_digits_split_sizes_and_standardization():
    d = winit.load_digits(rng=0)
    assert d.x_train.shape == (1347, 64) and d.x_test.shape == (450, 64)
    assert len(d.x_train) + len(d.x_test) == 1797 and d.n_classes == 10
    assert d.x_train.dtype == np.float32
    np.testing.assert_allclose(d.x_train.mean(0), 0, atol=1e-5)
    std = d.x_train.std(0)
    assert np.all((np.abs(std - 1) < 1e-4) | (std < 1e-6))  # constant pixels stay constant
    assert np.all(np.isfinite(d.x_test))


def test_digits_split_is_stratified_and_reproducible():
    a, b, c = winit.load_digits(rng=0), winit.load_digits(rng=0), winit.load_digits(rng=1)
    np.testing.assert_array_equal(a.y_train, b.y_train)
    assert not np.array_equal(a.y_train, c.y_train)
    counts = np.bincount(a.y_test, minlength=10)
    assert counts.min() >= 43 and counts.max() <= 47  # 25 % of 174-183 per digit


def test_spirals_shape_and_reproducibility():
    s = winit.make_spirals(50, 4, rng=3)
    assert s.x_train.shape[1] == 2 and s.n_classes == 4
    assert len(s.x_train) + len(s.x_test) == 200
    np.testing.assert_array_equal(s.x_train, winit.make_spirals(50, 4, rng=3).x_train)
    assert np.abs(s.x_train).max() <= 1.0 + 1e-6


@pytest.mark.parametrize(
    "call, exc, msg",
    [
        (lambda: winit.load_digits(test_fraction=1.0), ValueError, "test_fraction must be strictly between 0 and 1"),
        (lambda: winit.load_digits(rng="a"), TypeError, "rng must be"),
        (lambda: winit.make_spirals(1), ValueError, "n_per_class must be an integer >= 2"),
        (lambda: winit.make_spirals(10, noise=-0.1), ValueError, "noise must be non-negative"),
    ],
)
def test_data_rejects_bad_arguments(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


def test_digits_are_exactly_scikit_learns():
    # winit reads sklearn's bundled file itself (to skip the slow sklearn.datasets import)
    from sklearn.datasets import load_digits as sk_load_digits

    from winit.data import _digits_arrays

    x, y = _digits_arrays()
    bunch = sk_load_digits()
    np.testing.assert_array_equal(x, bunch.data)
    np.testing.assert_array_equal(y, bunch.target)
