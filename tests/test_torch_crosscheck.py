"""Cross-check winit against torch.nn.init (skipped with a reason where torch is absent).

torch lays a dense weight out as (out, in) and a conv kernel as (out, in, kh, kw);
winit as (in, out) and (kh, kw, in, out).  Tolerances as in test_initializers:
relative SE of a sample variance <= sqrt(2/n), 6 SEs allowed.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import winit

torch = pytest.importorskip("torch", reason="PyTorch is not installed: the torch.nn.init cross-check needs it")

Z = 6.0
TORCH_SHAPES = [(256, 784), (10, 64), (32, 16, 3, 3), (64, 3, 5, 5)]


def to_winit(shape):
    """torch (out, in, *rf) -> winit (*rf, in, out)."""
    return (*shape[2:], shape[1], shape[0])


@pytest.mark.parametrize("shape", TORCH_SHAPES)
def test_same_fans(shape):
    t_in, t_out = torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(shape))
    assert winit.compute_fans(to_winit(shape)) == (t_in, t_out)


@pytest.mark.parametrize(
    "name, param",
    [
        ("linear", None),
        ("conv2d", None),
        ("sigmoid", None),
        ("tanh", None),
        ("relu", None),
        ("leaky_relu", None),
        ("leaky_relu", 0.2),
        ("selu", None),
    ],
)
def test_same_gains(name, param):
    assert winit.calculate_gain(name, param) == pytest.approx(torch.nn.init.calculate_gain(name, param), rel=1e-12)


def _std_close(ours: np.ndarray, theirs: torch.Tensor):
    n = ours.size
    v_ours, v_theirs = float(ours.var()), float(theirs.double().var())
    assert abs(v_ours / v_theirs - 1) < 2 * Z * math.sqrt(2 / n)  # two independent samples


@pytest.mark.parametrize("shape", TORCH_SHAPES)
def test_xavier_and_kaiming_uniform_bounds_and_stds(shape):
    torch.manual_seed(0)
    w_shape = to_winit(shape)
    fan_in, fan_out = winit.compute_fans(w_shape)
    t = torch.nn.init.xavier_uniform_(torch.empty(shape), gain=1.3)
    ours = winit.xavier_uniform(w_shape, gain=1.3, rng=0)
    bound = 1.3 * math.sqrt(6 / (fan_in + fan_out))
    assert float(t.abs().max()) <= bound * (1 + 1e-6) and float(np.abs(ours).max()) <= bound
    _std_close(ours, t)
    for mode in ("fan_in", "fan_out"):
        t = torch.nn.init.kaiming_uniform_(torch.empty(shape), a=0.1, mode=mode, nonlinearity="leaky_relu")
        ours = winit.he_uniform(w_shape, a=0.1, mode=mode, nonlinearity="leaky_relu", rng=1)
        n = fan_in if mode == "fan_in" else fan_out
        bound = winit.calculate_gain("leaky_relu", 0.1) * math.sqrt(3 / n)
        assert float(t.abs().max()) <= bound * (1 + 1e-6) and float(np.abs(ours).max()) <= bound
        _std_close(ours, t)


@pytest.mark.parametrize("shape", TORCH_SHAPES)
def test_xavier_and_kaiming_normal_stds(shape):
    torch.manual_seed(1)
    w_shape = to_winit(shape)
    _std_close(winit.xavier_normal(w_shape, rng=2), torch.nn.init.xavier_normal_(torch.empty(shape)))
    _std_close(winit.he_normal(w_shape, rng=3), torch.nn.init.kaiming_normal_(torch.empty(shape)))
    _std_close(
        winit.he_normal(w_shape, mode="fan_out", rng=3),
        torch.nn.init.kaiming_normal_(torch.empty(shape), mode="fan_out"),
    )


def test_trunc_normal_keras_flavour_matches_torch_with_corrected_std():
    # torch.nn.init.trunc_normal_(std=s, a=-2s, b=2s) cuts at 2 std of the *uncorrected* normal;
    # Keras/JAX divide s by 0.8796 first.  Same family, same variance after the correction.
    torch.manual_seed(2)
    s = math.sqrt(2 / 512)
    corrected = s / winit.TRUNCATED_NORMAL_STD
    t = torch.nn.init.trunc_normal_(torch.empty(256, 512), std=corrected, a=-2 * corrected, b=2 * corrected)
    ours = winit.he_normal((512, 256), distribution="truncated_normal", rng=4)
    _std_close(ours, t)
    assert float(t.double().std()) == pytest.approx(s, rel=Z * math.sqrt(2 / t.numel()))


def test_nn_linear_default_is_standard_uniform_bound():
    torch.manual_seed(3)
    weight = torch.nn.Linear(300, 50).weight.detach()
    bound = 1 / math.sqrt(300)
    ours = winit.standard_uniform((300, 50), rng=5)
    assert float(weight.abs().max()) <= bound * (1 + 1e-6)
    assert float(weight.abs().max()) >= bound * (1 - 20 / weight.numel())
    _std_close(ours, weight)


def test_orthogonal_matches_torch_properties():
    torch.manual_seed(4)
    t = torch.nn.init.orthogonal_(torch.empty(30, 50), gain=2.0).double().numpy()  # (out, in)
    ours = winit.orthogonal((50, 30), gain=2.0, rng=6)  # (in, out): same matrix transposed
    np.testing.assert_allclose(t @ t.T, 4 * np.eye(30), atol=1e-5)
    np.testing.assert_allclose(ours.T @ ours, 4 * np.eye(30), atol=1e-10)


def test_kaiming_uniform_a_sqrt5_matches_nn_linear():
    layer = torch.nn.Linear(400, 100)  # reset_parameters: kaiming_uniform_(weight, a=sqrt(5))
    ours = winit.kaiming_uniform((400, 100), a=math.sqrt(5), rng=0)
    bound = 1 / math.sqrt(400)
    theirs = layer.weight.detach().double().numpy()
    # both reach within 0.5 % of the bound 1/sqrt(fan_in) and never beyond it (40,000 draws each)
    for w in (ours, theirs):
        assert bound * 0.995 < np.abs(w).max() <= bound
    _std_close(ours, layer.weight.detach())


@pytest.mark.parametrize("mean, std, a, b", [(0.0, 1.0, -2.0, 2.0), (0.0, 0.02, -0.04, 0.04), (1.0, 1.0, 0.5, 4.0)])
def test_truncated_normal_matches_trunc_normal(mean, std, a, b):
    torch.manual_seed(5)
    theirs = torch.nn.init.trunc_normal_(torch.empty(200_000, dtype=torch.float64), mean, std, a, b).numpy()
    ours = winit.truncated_normal((200_000,), mean, std, a, b, rng=5)
    n = ours.size
    for w in (ours, theirs):
        assert a <= w.min() and w.max() <= b
    # two independent samples: SE of the difference of means sqrt(2) sd / sqrt(n); variances as in _std_close
    assert abs(ours.mean() - theirs.mean()) < Z * math.sqrt(2) * theirs.std() / math.sqrt(n)
    assert abs(ours.var() / theirs.var() - 1) < 2 * Z * math.sqrt(2 / n)


@pytest.mark.parametrize("shape", [(4, 4), (3, 5), (6, 2)])
def test_eye_matches_eye_(shape):
    theirs = torch.nn.init.eye_(torch.empty(shape[1], shape[0])).numpy()  # torch (out, in)
    np.testing.assert_array_equal(winit.eye(shape), theirs.T)


@pytest.mark.parametrize(
    "torch_shape, groups",
    [((4, 4, 3, 3), 1), ((6, 3, 5, 5), 1), ((8, 2, 3, 3), 2), ((4, 4, 3), 1), ((4, 2, 3, 3, 3), 2)],
)
def test_dirac_matches_dirac_(torch_shape, groups):
    theirs = torch.nn.init.dirac_(torch.empty(torch_shape), groups=groups).numpy()
    ours = winit.dirac(to_winit(torch_shape), groups)
    np.testing.assert_array_equal(ours, winit.framework_defaults.to_winit_weight("pytorch", theirs))


@pytest.mark.parametrize("shape", TORCH_SHAPES)
def test_in_axis_out_axis_read_torch_layout(shape):
    assert winit.compute_fans(shape, in_axis=1, out_axis=0) == torch.nn.init._calculate_fan_in_and_fan_out(
        torch.empty(shape)
    )
