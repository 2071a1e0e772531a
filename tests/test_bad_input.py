"""Every public function rejects bad input with a ValueError or TypeError that names the argument."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import winit

FAN_BASED = [
    winit.variance_scaling,
    winit.standard_uniform,
    winit.xavier_uniform,
    winit.xavier_normal,
    winit.he_uniform,
    winit.he_normal,
    winit.lecun_uniform,
    winit.lecun_normal,
    winit.orthogonal,
]


@pytest.mark.parametrize("f", FAN_BASED, ids=lambda f: f.__name__)
def test_one_dimensional_shape_is_refused_for_fan_based(f):
    with pytest.raises(ValueError, match=r"shape must have at least 2 dimensions to define fan_in and fan_out.*\(5,\)"):
        f((5,))


@pytest.mark.parametrize("f", [*FAN_BASED, winit.zeros, winit.normal, winit.uniform], ids=lambda f: f.__name__)
@pytest.mark.parametrize("shape", [(0, 5), (5, -1), (3, 0, 2, 2)])
def test_zero_or_negative_dimension_is_refused(f, shape):
    with pytest.raises(ValueError, match="shape must have positive dimensions"):
        f(shape)


@pytest.mark.parametrize("shape", [(3.0, 4), (3, "4"), (True, 4), "34", None, 3.5])
def test_non_integer_dimensions_are_refused(shape):
    with pytest.raises(TypeError, match="shape must"):
        winit.xavier_uniform(shape)


def test_unknown_mode_and_distribution():
    with pytest.raises(
        ValueError, match=r"mode must be one of 'fan_in', 'fan_out', 'fan_avg', 'fan_geo_avg'; got 'fan_sum'"
    ):
        winit.variance_scaling((3, 4), mode="fan_sum")
    with pytest.raises(ValueError, match=r"distribution must be one of .*got 'gaussian'"):
        winit.variance_scaling((3, 4), distribution="gaussian")
    with pytest.raises(ValueError, match="mode must be one of 'fan_in', 'fan_out'"):
        winit.he_normal((3, 4), mode="fan_avg")
    with pytest.raises(ValueError, match="use he_uniform"):
        winit.he_normal((3, 4), distribution="uniform")


def test_unknown_nonlinearity_in_he():
    with pytest.raises(ValueError, match="nonlinearity must be one of"):
        winit.he_uniform((3, 4), nonlinearity="swish")


@pytest.mark.parametrize("bad", [-1.0, -1e-9])
def test_negative_scale_gain_std_are_refused(bad):
    with pytest.raises(ValueError, match="scale must be non-negative"):
        winit.variance_scaling((3, 4), scale=bad)
    with pytest.raises(ValueError, match="gain must be non-negative"):
        winit.xavier_uniform((3, 4), gain=bad)
    with pytest.raises(ValueError, match="gain must be non-negative"):
        winit.orthogonal((3, 4), gain=bad)
    with pytest.raises(ValueError, match="std must be non-negative"):
        winit.normal((3, 4), std=bad)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_values_are_refused(bad):
    with pytest.raises(ValueError, match="scale must be finite"):
        winit.variance_scaling((3, 4), scale=bad)
    with pytest.raises(ValueError, match="value must be finite"):
        winit.constant((3, 4), bad)
    with pytest.raises(ValueError, match="mean must be finite"):
        winit.normal((3, 4), mean=bad)
    with pytest.raises(ValueError, match="low must be finite"):
        winit.uniform((3, 4), low=bad)


def test_low_must_be_below_high():
    with pytest.raises(ValueError, match=r"low must be smaller than high; got low=1\.0, high=1\.0"):
        winit.uniform((3, 4), 1.0, 1.0)
    with pytest.raises(ValueError, match="low must be smaller than high"):
        winit.uniform((3, 4), 2.0, -2.0)


@pytest.mark.parametrize("bad", ["1", 1.5, np.random.RandomState(0), [1, 2]])
def test_bad_rng_is_refused_with_the_allowed_kinds(bad):
    with pytest.raises(TypeError, match=r"rng must be None, a non-negative integer seed or a numpy.random.Generator"):
        winit.he_normal((3, 4), rng=bad)


def test_negative_seed_is_refused():
    with pytest.raises(ValueError, match="rng must be a non-negative integer seed"):
        winit.he_normal((3, 4), rng=-1)


@pytest.mark.parametrize("bad", [np.int32, np.float16, "int64", complex])
def test_only_float32_and_float64(bad):
    with pytest.raises(ValueError, match=r"dtype must be numpy.float32 or numpy.float64"):
        winit.he_normal((3, 4), dtype=bad)


def test_scale_must_be_a_number():
    with pytest.raises(TypeError, match="scale must be a real number"):
        winit.variance_scaling((3, 4), scale="2")


def test_get_initializer_rejects_unknown_names_and_non_callables():
    with pytest.raises(ValueError, match="init must be one of"):
        winit.get_initializer("xavier")
    with pytest.raises(TypeError, match="init must be an initializer name"):
        winit.get_initializer(3)


@given(
    st.lists(st.integers(1, 6), min_size=2, max_size=4),
    st.floats(0.01, 10.0),
    st.sampled_from(winit.MODES),
    st.sampled_from(winit.DISTRIBUTIONS),
    st.integers(0, 2**32 - 1),
)
def test_property_any_valid_call_gives_finite_bounded_weights(shape, scale, mode, distribution, seed):
    shape = tuple(shape)
    w = winit.variance_scaling(shape, scale, mode, distribution, rng=seed, dtype=np.float32)
    assert w.shape == shape and w.dtype == np.float32
    assert np.all(np.isfinite(w))
    fan_in, fan_out = winit.compute_fans(shape)
    n = {
        "fan_in": fan_in,
        "fan_out": fan_out,
        "fan_avg": (fan_in + fan_out) / 2,
        "fan_geo_avg": math.sqrt(fan_in * fan_out),
    }[mode]
    std = math.sqrt(scale / n)
    if distribution == "uniform":
        assert np.abs(w).max() <= math.sqrt(3) * std * (1 + 1e-6)
    if distribution == "truncated_normal":
        assert np.abs(w).max() <= 2 * std / winit.TRUNCATED_NORMAL_STD * (1 + 1e-6)


@given(st.lists(st.integers(1, 6), min_size=2, max_size=4), st.floats(0.0, 3.0), st.integers(0, 1000))
def test_property_orthogonal_shape_and_norms(shape, gain, seed):
    shape = tuple(shape)
    q = winit.orthogonal(shape, gain=gain, rng=seed)
    assert q.shape == shape
    m = q.reshape(-1, shape[-1])
    norms = np.linalg.norm(m, axis=0 if m.shape[0] >= m.shape[1] else 1)
    np.testing.assert_allclose(norms, gain, atol=1e-9)
