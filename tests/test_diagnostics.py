"""Per-layer statistics: they must agree with variance-propagation theory."""

from __future__ import annotations

import math

import numpy as np
import pytest

import winit


def test_linear_stack_std_follows_n_var_w_to_the_depth():
    # With Var(w) = s^2 and width n, each linear layer multiplies the variance by n s^2.
    n, s, depth = 128, 1.5 / math.sqrt(128), 8
    p = winit.depth_profile(depth, n, activation="linear", init="normal", init_kwargs={"std": s}, n_samples=2000, rng=0)
    theory = (n * s**2) ** (np.arange(1, depth + 1) / 2)
    # Each layer's variance gain is a chi-square average over n units: relative SD sqrt(2/n), so
    # log-std SD sqrt(2/n)/2 per layer and sqrt(depth) times that after `depth` layers.  6 SDs:
    # 3 sqrt(2 depth / n).
    np.testing.assert_allclose(np.log(p.forward.std), np.log(theory), atol=3 * math.sqrt(2 * depth / n))


def test_exploding_stack_overflows_silently_to_inf():
    p = winit.depth_profile(
        250, 64, activation="linear", init="normal", init_kwargs={"std": 1.0}, n_samples=50, rng=0, backward=False
    )
    assert not np.isfinite(p.forward.std[-1])
    assert np.isfinite(p.forward.std[0])


def test_relu_halves_the_second_moment_per_layer_unless_he_restores_it():
    # With Var(w) = 1/n a ReLU layer halves the second moment: over layers 10 -> 20 the std
    # falls by 2**-5, i.e. log-ratio -5 log 2.  Noise: for a given input, |hW|^2 is a chi-square
    # sum over the ~n/2 live units, relative SD sqrt(4/n) in variance, 0.5 sqrt(4/n) in log-std,
    # per layer; over 10 layers sqrt(10) times that; averaging 10 independent stacks divides by
    # sqrt(10).  So the mean log-ratio has SD ~ sqrt(1/n) = 0.0625 for n = 256; we allow 6 SDs.
    n, seeds = 256, range(10)
    logs_lecun, logs_he = [], []
    for seed in seeds:
        p = winit.depth_profile(
            20,
            n,
            activation="relu",
            init="normal",
            init_kwargs={"std": n**-0.5},
            n_samples=200,
            rng=seed,
            backward=False,
        )
        logs_lecun.append(math.log(p.forward.std[19] / p.forward.std[9]))
        q = winit.depth_profile(20, n, activation="relu", init="he_normal", n_samples=200, rng=seed, backward=False)
        logs_he.append(math.log(q.forward.std[19] / q.forward.std[9]))
    tol = 6 * math.sqrt(1 / n)
    assert abs(np.mean(logs_lecun) - (-5 * math.log(2))) < tol
    assert abs(np.mean(logs_he)) < tol


def test_tanh_saturation_and_relu_dead_fractions():
    big = winit.depth_profile(5, 128, activation="tanh", init="normal", init_kwargs={"std": 1.0}, rng=2, backward=False)
    assert big.forward.saturated[-1] > 0.8
    small = winit.depth_profile(5, 128, activation="tanh", init="xavier_normal", rng=2, backward=False)
    assert small.forward.saturated[-1] < 0.05
    relu = winit.depth_profile(3, 64, activation="relu", init="he_normal", rng=2, backward=False)
    assert relu.forward.dead.max() < 0.05
    assert np.all(relu.forward.saturated == 0)


def test_backward_gradient_std_follows_n_out_var_w():
    # Linear stack, square layers: the gradient std is multiplied by sqrt(n Var(w)) per layer going
    # down.  Each ratio has relative SD ~ sqrt(2/n)/2 (chi-square over n units); we allow 12 SDs
    # because the 5 ratios share layers and are checked jointly.
    n, s = 200, 1.3 / math.sqrt(200)
    p = winit.depth_profile(6, n, activation="linear", init="normal", init_kwargs={"std": s}, n_samples=1000, rng=3)
    ratios = p.backward.std[:-1] / p.backward.std[1:]
    np.testing.assert_allclose(ratios, math.sqrt(n * s**2), rtol=6 * math.sqrt(2 / n))


def test_keep_layers_returns_those_activations():
    p = winit.depth_profile(4, 16, keep_layers=(1, 4), rng=0)
    assert sorted(p.activations) == [1, 4] and p.activations[4].shape == (1000, 16)
    assert sorted(p.gradients) == [1, 4]


def test_forward_and_backward_stats_of_a_model():
    net = winit.MLP((10, 20, 20, 3), "relu", "he_normal", rng=0, dtype=np.float64)
    x = np.random.default_rng(0).standard_normal((500, 10))
    f = winit.forward_stats(net, x)
    assert len(f) == 2
    np.testing.assert_allclose(f.std[0], net.activations[1].std())
    b = winit.backward_stats(net, x, np.zeros(500, dtype=int))
    assert len(b) == 3


@pytest.mark.parametrize(
    "kwargs, exc, msg",
    [
        ({"depth": 0, "width": 3}, ValueError, "depth must be an integer >= 1"),
        ({"depth": 2, "width": 2.5}, TypeError, "width must be an integer"),
        ({"depth": 2, "width": 3, "activation": "swish"}, ValueError, "activation must be one of"),
        (
            {"depth": 2, "width": 3, "keep_layers": (3,)},
            ValueError,
            "keep_layers must hold layer numbers from 1 to depth=2",
        ),
        ({"depth": 2, "width": 3, "bias_std": -1.0}, ValueError, "bias_std must be non-negative"),
        ({"depth": 2, "width": 3, "x": np.zeros(3)}, ValueError, "x must be 2-dimensional"),
    ],
)
def test_depth_profile_rejects_bad_arguments(kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        winit.depth_profile(**kwargs)


def test_forward_stats_rejects_non_models():
    with pytest.raises(TypeError, match=r"model must be a winit.nn.MLP"):
        winit.forward_stats("net", np.zeros((2, 2)))


def test_an_overflowed_stack_stops_drawing_but_reports_the_same_statistics():
    # N(0, 10^2) weights in linear layers of width 64 multiply the signal by about 80 per layer:
    # its std overflows (squares above 1e308) near layer 80 and the values themselves near layer
    # 160.  Stopping early (backward=False) must not change any statistic: the finite layers are
    # identical to the full computation (backward=True never stops early), the others not finite.
    from winit.diagnostics import depth_profile

    kw = dict(activation="linear", init="normal", init_kwargs={"std": 10.0}, n_samples=8, rng=0)
    fast = depth_profile(250, 64, backward=False, **kw)
    full = depth_profile(250, 64, backward=True, **kw)
    finite = np.isfinite(full.forward.std)
    assert 20 < finite.sum() < 200  # the stack did overflow, and not at once
    np.testing.assert_array_equal(fast.forward.std[finite], full.forward.std[finite])
    assert not np.isfinite(fast.forward.std[~finite]).any()
    assert np.isnan(fast.forward.std[-1])  # reported as NaN after the early stop


def test_weight_scale_sweep_equals_one_depth_profile_per_scale():
    # shared draws: each curve must be bit-for-bit the depth_profile of that scale with the same seed,
    # including the overflow (sigma = 10 multiplies by ~80 per layer and overflows near layer 160)
    from winit.diagnostics import depth_profile, weight_scale_sweep

    stds = [10.0, 0.01, 1 / np.sqrt(64)]
    sweep = weight_scale_sweep(200, 64, stds, n_samples=8, rng=3)
    for s in stds:
        ref = depth_profile(
            200, 64, activation="linear", init="normal", init_kwargs={"std": s}, n_samples=8, backward=False, rng=3
        ).forward.std
        np.testing.assert_array_equal(sweep[s], ref)
    assert np.isnan(sweep[10.0][-1]) and np.isfinite(sweep[0.01][-1])


def test_weight_scale_sweep_rejects_bad_input():
    from winit.diagnostics import weight_scale_sweep

    with pytest.raises(TypeError, match="stds"):
        weight_scale_sweep(3, 4, 0.1)
    with pytest.raises(ValueError, match="stds"):
        weight_scale_sweep(3, 4, [])
    with pytest.raises(ValueError, match="stds"):
        weight_scale_sweep(3, 4, [-1.0])
    with pytest.raises(ValueError, match="activation"):
        weight_scale_sweep(3, 4, [1.0], activation="gelu")
