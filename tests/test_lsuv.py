"""LSUV (Mishkin and Matas 2016): the algorithm's invariants, checked on independent forward passes."""

from __future__ import annotations

import numpy as np
import pytest

from winit.lsuv import LSUVReport, lsuv, lsuv_mlp
from winit.nn import MLP

SIZES = (32, 64, 64, 64, 64, 10)


def batch(n=256, d=32, seed=0):
    return np.random.default_rng(seed).standard_normal((n, d))


def with_biases(std, seed=7):
    net = MLP(SIZES, "relu", "he_normal", rng=0)
    gen = np.random.default_rng(seed)
    for b in net.biases:
        b[:] = std * gen.standard_normal(b.shape)
    return net


def recomputed_variances(net, x):
    """Pre-activation variance of every layer from a fresh forward pass (not from lsuv's bookkeeping)."""
    net.forward(x.astype(net.dtype))
    return np.array([float(np.var(z, dtype=np.float64)) for z in net.pre_activations])


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "selu", "linear"])
@pytest.mark.parametrize("target", [1.0, 2.5])
def test_every_layer_hits_the_target_variance_on_the_batch(activation, target):
    # With zero biases z_l is linear in W_l, so one rescaling is exact up to float32 rounding
    # (relative error ~1e-6 per operation); 1e-4 leaves room for the accumulation over 64 inputs.
    # A layer already within tol is left alone (a linear orthogonal layer keeps the variance).
    tol = 1e-3
    net = MLP(SIZES, activation, "he_normal", rng=0)
    x = batch()
    report = lsuv(net, x, target_var=target, tol=tol, rng=1)
    assert isinstance(report, LSUVReport) and report.converged
    measured = recomputed_variances(net, x)
    np.testing.assert_allclose(measured, report.variance_after, rtol=1e-4)
    assert np.all(np.abs(measured - target) < tol * 1.01)
    stepped = report.iterations > 0
    np.testing.assert_allclose(measured[stepped], target, rtol=1e-4)


def test_lsuv_changes_something_a_fan_rule_gets_wrong():
    # Non-vacuous: under orthogonal weights of gain 1 a ReLU layer fed unit-variance inputs gets
    # E[z^2] = E[relu(z_prev)^2] = 1/2 (orthogonal maps keep the norm), so before rescaling the
    # hidden layers sit near 1/2, well outside tol = 0.1 of 1.  (The mean of relu(z) adds a
    # little; the range 0.35-0.65 is wide against the spread of a variance measured on
    # 2048 x 64 values, whose relative standard error is well under 5 %.)
    net = MLP(SIZES, "relu", "he_normal", rng=0)
    report = lsuv(net, batch(2048), rng=1)
    hidden = report.variance_before[1:-1]
    assert np.all((0.35 < hidden) & (hidden < 0.65))
    assert np.all(report.iterations == 1)


def test_scale_is_the_inverse_std_and_weights_stay_orthogonal():
    net = MLP((64, 64, 64, 10), "tanh", "he_normal", rng=0)
    x = batch(512, 64)
    report = lsuv(net, x, tol=1e-6, rng=3)
    # one step with zero biases: the factor is exactly sqrt(target / variance before)
    np.testing.assert_allclose(report.scale, 1 / np.sqrt(report.variance_before), rtol=1e-5)
    for w, s in zip(net.weights[:2], report.scale[:2]):  # square hidden layers: W^T W = s^2 I
        w64 = w.astype(np.float64)
        np.testing.assert_allclose(w64.T @ w64, s**2 * np.eye(64), atol=1e-5 * s**2)


def test_existing_weights_are_rescaled_when_orthogonal_start_is_off():
    net = MLP(SIZES, "relu", "he_normal", rng=0)
    original = [w.copy() for w in net.weights]
    report = lsuv(net, batch(), orthogonal_start=False)
    for w0, w, s in zip(original, net.weights, report.scale):
        np.testing.assert_allclose(w, w0 * np.float32(s), rtol=1e-6)


def test_nonzero_biases_need_the_loop_and_still_converge():
    # a constant bias does not change a variance; biases that differ between units do
    net = with_biases(0.3)
    x = batch()
    report = lsuv(net, x, tol=0.01, max_iter=50, rng=1)
    assert report.converged
    assert report.iterations.max() > 1  # the bias does not scale with W: one step is not enough
    assert np.all(np.abs(recomputed_variances(net, x) - 1) < 0.01)


def test_biases_with_more_variance_than_the_target_cannot_converge():
    # Var(z) = Var(h W) + Var(b) >= Var(b) ~ 4 > 1 whatever the scale of W: LSUV must say so
    report = lsuv(with_biases(2.0), batch(), tol=0.01, max_iter=20, rng=1)
    assert not report.converged
    assert np.all(report.variance_after > 1.0)  # (a sample of 10 to 64 bias values of variance 4)


def test_max_iter_caps_the_loop_and_reports_non_convergence():
    net = with_biases(0.3)
    report = lsuv(net, batch(), tol=1e-9, max_iter=1, rng=1)
    assert np.all(report.iterations <= 1)
    assert not report.converged


def test_include_output_false_leaves_the_logit_layer_alone():
    net = MLP(SIZES, "relu", "he_normal", rng=0)
    report = lsuv(net, batch(), include_output=False, orthogonal_start=False)
    assert len(report.iterations) == len(SIZES) - 2
    before = MLP(SIZES, "relu", "he_normal", rng=0).weights[-1]
    np.testing.assert_array_equal(net.weights[-1], before)


def test_reproducible_and_independent_of_global_state():
    x = batch()
    a, _ = lsuv_mlp(SIZES, "relu", x, rng=5)
    np.random.seed(0)
    b, _ = lsuv_mlp(SIZES, "relu", x, rng=5)
    np.random.seed(1)
    for wa, wb in zip(a.weights, b.weights):
        np.testing.assert_array_equal(wa, wb)
    c, _ = lsuv_mlp(SIZES, "relu", x, rng=6)
    assert not np.array_equal(a.weights[0], c.weights[0])


@pytest.mark.parametrize(
    "kwargs, exc, word",
    [
        ({"tol": 0.0}, ValueError, "tol"),
        ({"tol": float("nan")}, ValueError, "tol"),
        ({"target_var": -1.0}, ValueError, "target_var"),
        ({"max_iter": 0}, ValueError, "max_iter"),
        ({"max_iter": 2.5}, TypeError, "max_iter"),
        ({"orthogonal_start": "yes"}, TypeError, "orthogonal_start"),
        ({"rng": "seed"}, TypeError, "rng"),
    ],
)
def test_bad_arguments_are_named(kwargs, exc, word):
    net = MLP(SIZES, "relu", "he_normal", rng=0)
    with pytest.raises(exc, match=word):
        lsuv(net, batch(), **kwargs)


def test_bad_model_and_batch():
    net = MLP(SIZES, "relu", "he_normal", rng=0)
    with pytest.raises(TypeError, match="model"):
        lsuv("net", batch())
    with pytest.raises(ValueError, match=r"x must have shape \(batch, 32\)"):
        lsuv(net, batch(d=31))
    with pytest.raises(ValueError, match="at least 2"):
        lsuv(net, batch(n=1))
    with pytest.raises(ValueError, match="finite"):
        lsuv(net, np.full((8, 32), np.nan))


def test_a_batch_without_spread_is_refused_not_divided_by_zero():
    net = MLP(SIZES, "relu", "he_normal", rng=0)
    with pytest.raises(ValueError, match="variance"):
        lsuv(net, np.zeros((16, 32)))  # z = b = 0 in the first layer
