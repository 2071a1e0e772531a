"""winit.framework_defaults: layouts, fans, and the registry of framework initializers.

Statistical tolerances.  For N independent draws of a zero-mean variable the mean
square m2 = mean(w**2) estimates Var(w) with relative standard error
sqrt((kurtosis - 1) / N); the kurtosis is 3 for a normal and smaller for the uniform
(1.8) and the normal truncated at 2 std (about 2.36), so sqrt(2 / N) bounds all of
them.  We allow Z = 6 of those: a false alarm has probability below 1e-8 per check,
and the seeds are fixed anyway.  Comparing two independent samples doubles the bound.
The two-sample Kolmogorov-Smirnov statistic D of two samples of sizes n and m from
the same distribution exceeds c * sqrt((n + m) / (n m)) with probability about
2 exp(-2 c^2); c = 2.7 makes that below 1e-6.

The PyTorch part (skipped where torch is absent) complements test_torch_crosscheck.py:
there, variances of torch.nn.init against winit; here, whole distributions (KS),
layer defaults (weights *and* biases of nn.Linear and nn.Conv2d) and every PyTorch
entry of the registry, drawn with a torch.Generator, never torch's global seed.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import winit
from winit import framework_defaults as fd

Z = 6.0
KS_C = 2.7
WEIGHT_SHAPES = [(384, 256), (3, 3, 32, 64)]  # winit layout
BIAS_SHAPE = (48, 60000)  # a bias has shape[-1] entries: make it long enough to measure
ORTHOGONAL_SHAPES = [(128, 96), (3, 3, 8, 16)]  # exact variance; QR is the slow part, keep it small

shapes = st.lists(st.integers(1, 9), min_size=2, max_size=5).map(tuple)


# ---------------------------------------------------------------- layouts and fans


@given(shapes, st.sampled_from(fd.FRAMEWORKS))
def test_shape_mapping_round_trips(shape, framework):
    assert fd.from_winit_shape(framework, fd.to_winit_shape(framework, shape)) == shape
    assert fd.to_winit_shape(framework, fd.from_winit_shape(framework, shape)) == shape


@given(shapes)
def test_pytorch_shape_is_out_in_then_receptive_field(shape):
    out, c_in, *rf = shape
    assert fd.to_winit_shape("pytorch", shape) == (*rf, c_in, out)


@given(shapes, st.sampled_from(fd.FRAMEWORKS))
def test_weight_transposition_matches_shape_mapping_and_round_trips(shape, framework):
    w = np.arange(math.prod(shape), dtype=float).reshape(shape)
    ours = fd.to_winit_weight(framework, w)
    assert ours.shape == fd.to_winit_shape(framework, shape)
    np.testing.assert_array_equal(fd.from_winit_weight(framework, ours), w)


def test_pytorch_dense_weight_transposes_to_in_out():
    w = np.arange(6.0).reshape(2, 3)  # torch (out=2, in=3)
    np.testing.assert_array_equal(fd.to_winit_weight("pytorch", w), w.T)


@given(shapes, st.sampled_from(fd.FRAMEWORKS))
def test_framework_fans_agree_with_winit_fans_after_mapping(shape, framework):
    assert fd.framework_fans(framework, shape) == winit.compute_fans(fd.to_winit_shape(framework, shape))


@pytest.mark.parametrize(
    "framework, shape, fans",
    [
        ("pytorch", (256, 784), (784, 256)),  # nn.Linear(784, 256).weight
        ("pytorch", (64, 3, 7, 7), (147, 3136)),  # nn.Conv2d(3, 64, 7).weight: 3*49, 64*49
        ("keras", (784, 256), (784, 256)),
        ("jax", (7, 7, 3, 64), (147, 3136)),
    ],
)
def test_framework_fans_follow_each_convention(framework, shape, fans):
    assert fd.framework_fans(framework, shape) == fans


def test_reading_a_pytorch_weight_in_winit_layout_swaps_the_fans():
    assert winit.compute_fans((256, 784)) == tuple(reversed(fd.framework_fans("pytorch", (256, 784))))


@pytest.mark.parametrize("func", [fd.to_winit_shape, fd.from_winit_shape, fd.framework_fans])
def test_bad_framework_and_shape_are_rejected_with_names(func):
    with pytest.raises(ValueError, match=r"framework must be one of 'pytorch', 'keras', 'jax'; got 'torch'"):
        func("torch", (3, 4))
    with pytest.raises(TypeError, match="framework"):
        func(None, (3, 4))
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        func("pytorch", (5,))
    with pytest.raises(TypeError, match="shape"):
        func("pytorch", "34")


def test_bad_weight_is_rejected():
    with pytest.raises(TypeError, match="weight must be an array"):
        fd.to_winit_weight("pytorch", [[1, 2]])
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        fd.from_winit_weight("keras", np.zeros(3))


# ---------------------------------------------------------------- the registry


def test_registry_names_are_unique_per_framework_and_frameworks_known():
    keys = [(e.framework, e.name) for e in fd.FRAMEWORK_INITS]
    assert len(keys) == len(set(keys))
    assert {e.framework for e in fd.FRAMEWORK_INITS} == set(fd.FRAMEWORKS)


def test_layer_defaults_are_the_documented_ones():
    weights = fd.layer_defaults("weight")
    assert weights["pytorch"].winit_call == "winit.standard_uniform(shape)"
    assert weights["keras"].name == "glorot_uniform" and weights["keras"].distribution == "uniform"
    assert weights["jax"].name == "lecun_normal" and weights["jax"].distribution == "truncated_normal"
    biases = fd.layer_defaults("bias")
    assert biases["pytorch"].distribution == "uniform"
    assert biases["keras"].distribution == biases["jax"].distribution == "zeros"


def test_keras_and_jax_normals_are_truncated_and_torch_kaiming_normal_is_not():
    for f in ("keras", "jax"):
        for name in ("he_normal", "glorot_normal", "lecun_normal"):
            assert fd.get_framework_init(f, name).distribution == "truncated_normal"
    assert fd.get_framework_init("pytorch", "kaiming_normal_").distribution == "normal"


def test_truncated_normal_std_constant_is_the_std_of_a_normal_cut_at_two():
    # Var of N(0,1) restricted to [-c, c]: 1 - 2 c phi(c) / (2 Phi(c) - 1), with c = 2.
    c = 2.0
    phi = math.exp(-c * c / 2) / math.sqrt(2 * math.pi)
    mass = math.erf(c / math.sqrt(2))
    assert math.sqrt(1 - 2 * c * phi / mass) == pytest.approx(winit.TRUNCATED_NORMAL_STD, rel=1e-15)


def _mean_square_close(w: np.ndarray, expected: float):
    n = w.size
    assert abs(float(np.mean(w**2)) / expected - 1) < Z * math.sqrt(2 / n), (float(np.mean(w**2)), expected)


@pytest.mark.parametrize("entry", fd.FRAMEWORK_INITS, ids=lambda e: f"{e.framework}-{e.name}")
def test_every_winit_equivalent_has_the_documented_variance_and_support(entry):
    shapes = {"bias": [BIAS_SHAPE], "weight": WEIGHT_SHAPES}[entry.param]
    if entry.distribution == "orthogonal":
        shapes = ORTHOGONAL_SHAPES
    for i, shape in enumerate(shapes):
        w = entry.winit_equivalent(shape, rng=10 + i)
        assert w.shape == ((shape[-1],) if entry.param == "bias" else shape)
        expected = entry.expected_variance(shape)
        if entry.distribution == "zeros":
            assert expected == 0 and not w.any()
            continue
        if entry.distribution == "orthogonal":
            # exact: the orthonormal vectors hold min(rows, cols) units of squared norm
            assert float(np.mean(w**2)) == pytest.approx(expected, rel=1e-10)
        else:
            _mean_square_close(w, expected)
        bound = entry.max_abs(shape)
        assert float(np.abs(w).max()) <= bound * (1 + 1e-12)
        if entry.distribution in ("uniform", "truncated_normal"):
            assert float(np.abs(w).max()) > 0.99 * bound  # the draws do reach the edge


def test_sample_in_framework_layout_has_framework_shape():
    entry = fd.layer_defaults()["pytorch"]
    assert entry.sample((64, 3, 7, 7), rng=0, layout="framework").shape == (64, 3, 7, 7)
    assert fd.layer_defaults("bias")["pytorch"].sample((64, 3, 7, 7), rng=0, layout="framework").shape == (64,)
    with pytest.raises(ValueError, match="layout must be one of 'winit', 'framework'"):
        entry.sample((3, 4), layout="torch")


def test_get_framework_init_and_table_validation():
    with pytest.raises(ValueError, match="name must be one of"):
        fd.get_framework_init("keras", "kaiming_normal_")
    with pytest.raises(TypeError, match="frameworks must be a list"):
        fd.defaults_table("keras")
    with pytest.raises(ValueError, match=r"frameworks\[i\] must be one of"):
        fd.defaults_table(["theano"])
    with pytest.raises(TypeError, match="rows must be"):
        fd.defaults_markdown([])
    with pytest.raises(ValueError, match="distribution must be one of"):
        fd.FrameworkInit("keras", "x", "weight", "", "laplace", "0", "", winit.InitSpec("zeros"), lambda s: 0.0, "")
    with pytest.raises(TypeError, match=r"start must be a winit.InitSpec"):
        fd.FrameworkInit("keras", "x", "weight", "", "zeros", "0", "", winit.zeros, lambda s: 0.0, "")


def test_defaults_table_lists_every_entry_once():
    rows = fd.defaults_table()
    assert len(rows) == len(fd.FRAMEWORK_INITS)
    assert all(set(r) == set(fd.TABLE_COLUMNS) for r in rows)
    text = fd.defaults_markdown(rows)
    assert text.count("\n") == len(rows) + 1
    assert all(e.winit_call in text for e in fd.FRAMEWORK_INITS)


# ---------------------------------------------------------------- PyTorch cross-check


def ks_statistic(a: np.ndarray, b: np.ndarray) -> float:
    """Two-sample Kolmogorov-Smirnov statistic: the largest gap between the two empirical CDFs."""
    a, b = np.sort(a.ravel()), np.sort(b.ravel())
    grid = np.concatenate([a, b])
    cdf_a = np.searchsorted(a, grid, side="right") / a.size
    cdf_b = np.searchsorted(b, grid, side="right") / b.size
    return float(np.max(np.abs(cdf_a - cdf_b)))


def test_ks_statistic_is_zero_for_equal_and_one_for_disjoint_samples():
    x = np.arange(10.0)
    assert ks_statistic(x, x) == 0.0 and ks_statistic(x, x + 100) == 1.0


@pytest.fixture(scope="module")
def torch():
    return pytest.importorskip("torch", reason="PyTorch is not installed: the torch cross-check needs it")


def _torch_inits(torch):
    init = torch.nn.init
    return {
        "kaiming_uniform_(a=sqrt(5))": lambda t, g: init.kaiming_uniform_(t, a=math.sqrt(5), generator=g),
        "kaiming_normal_": lambda t, g: init.kaiming_normal_(t, generator=g),
        "kaiming_uniform_": lambda t, g: init.kaiming_uniform_(t, generator=g),
        "xavier_normal_": lambda t, g: init.xavier_normal_(t, generator=g),
        "xavier_uniform_": lambda t, g: init.xavier_uniform_(t, generator=g),
        "orthogonal_": lambda t, g: init.orthogonal_(t, generator=g),
    }


def _compare(ours: np.ndarray, theirs: np.ndarray, bound: float):
    n = ours.size
    assert abs(float(np.mean(ours**2)) / float(np.mean(theirs**2)) - 1) < 2 * Z * math.sqrt(2 / n)
    assert float(np.abs(theirs).max()) <= bound * (1 + 1e-6)  # torch draws float32
    assert ks_statistic(ours, theirs) < KS_C * math.sqrt(2 / n)


@pytest.mark.parametrize("torch_shape", [(128, 192), (64, 32, 3, 3)])
def test_every_pytorch_entry_matches_torch_nn_init_in_distribution(torch, torch_shape):
    funcs = _torch_inits(torch)
    weight_entries = [e for e in fd.FRAMEWORK_INITS if e.framework == "pytorch" and e.param == "weight"]
    assert {e.name for e in weight_entries} == set(funcs)
    w_shape = fd.to_winit_shape("pytorch", torch_shape)
    for i, entry in enumerate(weight_entries):
        g = torch.Generator().manual_seed(100 + i)
        theirs = funcs[entry.name](torch.empty(torch_shape, dtype=torch.float64), g).numpy()
        ours = entry.sample(torch_shape, rng=200 + i, layout="framework")
        assert ours.shape == theirs.shape
        _compare(ours, theirs, entry.max_abs(w_shape))


def test_keras_truncated_he_normal_matches_torch_trunc_normal_with_the_corrected_std(torch):
    # Keras he_normal on a (in=512, out=256) kernel = torch trunc_normal_ with std s / 0.8796 cut at +-2 of it.
    s = math.sqrt(2 / 512) / winit.TRUNCATED_NORMAL_STD
    g = torch.Generator().manual_seed(7)
    theirs = torch.nn.init.trunc_normal_(
        torch.empty(256, 512, dtype=torch.float64), std=s, a=-2 * s, b=2 * s, generator=g
    ).numpy()
    entry = fd.get_framework_init("keras", "he_normal")
    ours = entry.sample((512, 256), rng=8)
    _compare(ours, theirs.T, entry.max_abs((512, 256)))


def _default_module(torch, factory):
    with torch.random.fork_rng(devices=[]):  # nn modules draw from the global generator: fork it, leave it as it was
        torch.manual_seed(0)
        return factory()


@pytest.mark.parametrize(
    "make, torch_shape",
    [(lambda nn: nn.Linear(300, 200), (200, 300)), (lambda nn: nn.Conv2d(16, 200, 3), (200, 16, 3, 3))],
    ids=["Linear", "Conv2d"],
)
def test_nn_layer_defaults_match_the_registry(torch, make, torch_shape):
    layer = _default_module(torch, lambda: make(torch.nn))
    weight = layer.weight.detach().double().numpy()
    bias = layer.bias.detach().double().numpy()
    assert weight.shape == torch_shape
    fans = torch.nn.init._calculate_fan_in_and_fan_out(layer.weight)
    assert fd.framework_fans("pytorch", torch_shape) == fans
    w_entry, b_entry = fd.layer_defaults("weight")["pytorch"], fd.layer_defaults("bias")["pytorch"]
    w_shape = fd.to_winit_shape("pytorch", torch_shape)
    assert w_entry.max_abs(w_shape) == pytest.approx(1 / math.sqrt(fans[0]), rel=1e-12)
    _compare(w_entry.sample(torch_shape, rng=1, layout="framework"), weight, w_entry.max_abs(w_shape))
    # the bias has only 200 entries: check its support, and its variance with the same 6-SE rule
    assert float(np.abs(bias).max()) <= b_entry.max_abs(w_shape) * (1 + 1e-6)
    _mean_square_close(bias, b_entry.expected_variance(w_shape))


def test_defaults_html_has_one_row_per_entry_and_escapes():
    rows = fd.defaults_table()
    text = fd.defaults_html(rows)
    assert text.count("<tr>") == len(rows) + 1
    assert "<code>(out, in); (c_out, c_in, kh, kw)</code>" in text
    with pytest.raises(TypeError, match="rows must be"):
        fd.defaults_html("not rows")
