"""The initializers against their closed forms.

Statistical tolerances.  For n i.i.d. draws with variance s^2 and kurtosis k,
the sample variance has standard error s^2 sqrt((k - 1) / n) (to leading order).
k is 3 for a normal, 1.8 for a uniform and below 3 for a truncated normal, so
sqrt(2 / n) is a safe relative standard error for all three.  We allow
Z = 6 standard errors: with fixed seeds the tests are deterministic, and even
over fresh seeds a correct implementation would fail about once in 5e8 runs,
while a wrong scale factor (e.g. sqrt(2) or 3 instead of 2) is off by many
more standard errors at these sample sizes.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

import winit

Z = 6.0


def rel_var_tol(n: int) -> float:
    """Relative tolerance on a sample variance of n draws (see module docstring)."""
    return Z * math.sqrt(2.0 / n)


SHAPES = [(784, 256), (256, 784), (64, 10), (3, 3, 16, 32), (5, 5, 3, 64), (7, 1, 40, 8), (1000, 1000)]


def expected_var(shape, scale, mode):
    fan_in, fan_out = winit.compute_fans(shape)
    n = {
        "fan_in": fan_in,
        "fan_out": fan_out,
        "fan_avg": (fan_in + fan_out) / 2,
        "fan_geo_avg": math.sqrt(fan_in * fan_out),
    }[mode]
    return scale / n


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("mode", winit.MODES)
@pytest.mark.parametrize("distribution", winit.DISTRIBUTIONS)
def test_variance_scaling_variance_matches_scale_over_n(shape, mode, distribution):
    w = winit.variance_scaling(shape, 2.0, mode, distribution, rng=1)
    target = expected_var(shape, 2.0, mode)
    assert w.shape == shape
    assert abs(float(w.mean())) < Z * math.sqrt(target / w.size)  # mean 0, SE = std / sqrt(n)
    assert abs(float(w.var()) / target - 1) < rel_var_tol(w.size)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("mode", winit.MODES)
def test_uniform_bound_is_sqrt_three_var_and_nearly_reached(shape, mode):
    w = winit.variance_scaling(shape, 1.5, mode, "uniform", rng=2)
    bound = math.sqrt(3 * expected_var(shape, 1.5, mode))
    assert float(np.abs(w).max()) <= bound
    # The largest of n uniform |w| falls short of the bound by a fraction ~1/n;
    # P(max < bound (1 - 20/n)) = (1 - 20/n)^n ~ e^-20.
    assert float(np.abs(w).max()) >= bound * (1 - 20 / w.size)


def test_truncated_normal_is_cut_at_two_corrected_std():
    shape = (1000, 500)
    w = winit.variance_scaling(shape, 1.0, "fan_in", "truncated_normal", rng=3)
    std = math.sqrt(1.0 / 1000)
    assert float(np.abs(w).max()) <= 2 * std / winit.TRUNCATED_NORMAL_STD
    assert abs(float(w.var()) / std**2 - 1) < rel_var_tol(w.size)


def test_truncated_normal_constant_is_the_std_of_a_normal_cut_at_two():
    # Var of N(0,1) truncated to [-2, 2] = 1 - 2*2*phi(2) / (Phi(2) - Phi(-2)).
    phi2 = math.exp(-2.0) / math.sqrt(2 * math.pi)
    mass = math.erf(2 / math.sqrt(2))
    assert winit.TRUNCATED_NORMAL_STD == pytest.approx(math.sqrt(1 - 4 * phi2 / mass), abs=1e-15)
    assert winit.TRUNCATED_NORMAL_STD == pytest.approx(stats.truncnorm.std(-2, 2), abs=1e-14)


@pytest.mark.parametrize(
    "distribution, frozen",
    [
        ("normal", lambda s: stats.norm(0, s)),
        ("uniform", lambda s: stats.uniform(-math.sqrt(3) * s, 2 * math.sqrt(3) * s)),
        ("truncated_normal", lambda s: stats.truncnorm(-2, 2, scale=s / winit.TRUNCATED_NORMAL_STD)),
    ],
)
def test_kolmogorov_smirnov_against_the_intended_distribution(distribution, frozen):
    w = winit.variance_scaling((200, 100), 2.0, "fan_in", distribution, rng=4)
    std = math.sqrt(2.0 / 200)
    p_right = stats.kstest(w.ravel(), frozen(std).cdf).pvalue
    assert p_right > 1e-3
    # The test has power: the same draws are rejected against another family of equal variance.
    wrong = "uniform" if distribution != "uniform" else "normal"
    other = {"normal": stats.norm(0, std), "uniform": stats.uniform(-math.sqrt(3) * std, 2 * math.sqrt(3) * std)}[wrong]
    assert stats.kstest(w.ravel(), other.cdf).pvalue < 1e-6


# --- named presets ----------------------------------------------------------


@pytest.mark.parametrize("shape", SHAPES)
def test_xavier_uniform_bound_is_sqrt6_over_fan_sum(shape):
    fan_in, fan_out = winit.compute_fans(shape)
    w = winit.xavier_uniform(shape, rng=5)
    bound = math.sqrt(6 / (fan_in + fan_out))
    assert float(np.abs(w).max()) <= bound
    assert float(np.abs(w).max()) >= bound * (1 - 20 / w.size)


def test_xavier_gain_multiplies_the_std():
    shape = (400, 600)
    w = winit.xavier_normal(shape, gain=5 / 3, rng=6)
    target = (5 / 3) ** 2 * 2 / 1000
    assert abs(float(w.var()) / target - 1) < rel_var_tol(w.size)


@pytest.mark.parametrize("shape", SHAPES)
def test_standard_uniform_bound_is_one_over_sqrt_fan_in(shape):
    fan_in, _ = winit.compute_fans(shape)
    w = winit.standard_uniform(shape, rng=7)
    assert float(np.abs(w).max()) <= 1 / math.sqrt(fan_in)
    assert abs(float(w.var()) * 3 * fan_in - 1) < rel_var_tol(w.size)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("mode", ["fan_in", "fan_out"])
def test_he_normal_variance_is_two_over_fan(shape, mode):
    fan_in, fan_out = winit.compute_fans(shape)
    w = winit.he_normal(shape, mode=mode, rng=8)
    n = fan_in if mode == "fan_in" else fan_out
    assert abs(float(w.var()) * n / 2 - 1) < rel_var_tol(w.size)


@pytest.mark.parametrize("shape", SHAPES)
def test_he_uniform_bound_is_sqrt6_over_fan_in(shape):
    fan_in, _ = winit.compute_fans(shape)
    w = winit.he_uniform(shape, rng=9)
    bound = math.sqrt(6 / fan_in)
    assert float(np.abs(w).max()) <= bound
    assert float(np.abs(w).max()) >= bound * (1 - 20 / w.size)


def test_he_leaky_relu_uses_the_leaky_gain():
    w = winit.he_normal((500, 400), a=0.2, nonlinearity="leaky_relu", rng=10)
    target = 2 / (1 + 0.2**2) / 500
    assert abs(float(w.var()) / target - 1) < rel_var_tol(w.size)


def test_he_normal_is_plain_normal_by_default_and_truncated_on_request():
    plain = winit.he_normal((1000, 200), rng=11)
    trunc = winit.he_normal((1000, 200), distribution="truncated_normal", rng=11)
    std = math.sqrt(2 / 1000)
    # A plain normal with 200,000 draws exceeds 2.3 std (P ~ 2 %) thousands of times.
    assert float(np.abs(plain).max()) > 3 * std
    assert float(np.abs(trunc).max()) <= 2 * std / winit.TRUNCATED_NORMAL_STD
    assert abs(float(trunc.var()) / std**2 - 1) < rel_var_tol(trunc.size)


def test_pytorch_linear_default_equals_standard_uniform():
    # kaiming_uniform_(a=sqrt(5)): gain^2 = 2 / (1 + 5) = 1/3, bound = gain * sqrt(3 / fan_in) = 1 / sqrt(fan_in).
    a = winit.he_uniform((300, 50), a=math.sqrt(5), nonlinearity="leaky_relu", rng=12)
    b = winit.standard_uniform((300, 50), rng=12)
    np.testing.assert_allclose(a, b, rtol=1e-12)


@pytest.mark.parametrize("shape", SHAPES)
def test_lecun_variance_is_one_over_fan_in_and_uniform_bound_sqrt3(shape):
    fan_in, _ = winit.compute_fans(shape)
    w = winit.lecun_normal(shape, rng=13)
    assert abs(float(w.var()) * fan_in - 1) < rel_var_tol(w.size)
    u = winit.lecun_uniform(shape, rng=13)
    assert float(np.abs(u).max()) <= math.sqrt(3 / fan_in)


def test_aliases_are_the_same_functions():
    assert winit.glorot_uniform is winit.xavier_uniform
    assert winit.glorot_normal is winit.xavier_normal
    assert winit.kaiming_uniform is winit.he_uniform
    assert winit.kaiming_normal is winit.he_normal


# --- simple initializers ----------------------------------------------------


def test_zeros_and_constant():
    assert not winit.zeros((3, 4)).any()
    c = winit.constant((2, 5), 0.25, dtype=np.float32)
    assert c.dtype == np.float32 and np.all(c == np.float32(0.25))


def test_uniform_stays_in_range_with_the_right_variance():
    w = winit.uniform((500, 400), -0.3, 0.5, rng=14)
    assert float(w.min()) >= -0.3 and float(w.max()) < 0.5
    assert abs(float(w.var()) / (0.8**2 / 12) - 1) < rel_var_tol(w.size)
    assert abs(float(w.mean()) - 0.1) < Z * 0.8 / math.sqrt(12 * w.size)


def test_normal_uses_std_not_variance():
    w = winit.normal((500, 400), mean=1.0, std=0.01, rng=15)
    assert abs(float(w.var()) / 1e-4 - 1) < rel_var_tol(w.size)
    assert abs(float(w.mean()) - 1.0) < Z * 0.01 / math.sqrt(w.size)


# --- orthogonal -------------------------------------------------------------


@pytest.mark.parametrize("shape", [(64, 64), (100, 30), (30, 100), (3, 3, 8, 16), (3, 3, 32, 8)])
def test_orthogonal_has_orthonormal_rows_or_columns(shape):
    q = winit.orthogonal(shape, gain=2.0, rng=16).reshape(-1, shape[-1])
    rows, cols = q.shape
    gram = q.T @ q if rows >= cols else q @ q.T
    np.testing.assert_allclose(gram, 4.0 * np.eye(min(rows, cols)), atol=1e-10)


def test_orthogonal_is_haar_not_biased_by_qr_signs():
    # Without the sign fix the diagonal of Q from numpy's QR is biased; with it,
    # E[Q_11] = 0 for a Haar matrix.  Q_11 of an n x n Haar matrix has variance 1/n,
    # so the mean over m draws has SE 1/sqrt(n m).
    n, m = 4, 4000
    rng = np.random.default_rng(17)
    diag = np.array([winit.orthogonal((n, n), rng=rng)[0, 0] for _ in range(m)])
    assert abs(float(diag.mean())) < Z / math.sqrt(n * m)
    a = rng.standard_normal((m, n, n))
    naive = np.array([np.linalg.qr(x)[0][0, 0] for x in a])
    assert abs(float(naive.mean())) > 10 / math.sqrt(n * m)  # the unfixed QR is visibly biased


# --- determinism and global state ---------------------------------------------


def shape_for(name, shape):
    """dirac is a convolution kernel: give it a receptive field in front of the dense shape."""
    return (3, *shape) if name == "dirac" else shape


@pytest.mark.parametrize("name", sorted(winit.INITIALIZERS))
def test_same_seed_same_array_and_global_state_untouched(name):
    f = winit.INITIALIZERS[name]
    state = np.random.get_state()
    before = np.random.random()
    np.random.set_state(state)
    a = f(shape_for(name, (20, 30)), rng=123)
    b = f(shape_for(name, (20, 30)), rng=np.random.default_rng(123))
    after = np.random.random()
    np.testing.assert_array_equal(a, b)
    assert before == after  # the global RandomState did not advance


@pytest.mark.parametrize("name", sorted(winit.INITIALIZERS))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_is_respected(name, dtype):
    assert winit.INITIALIZERS[name](shape_for(name, (8, 6)), rng=0, dtype=dtype).dtype == dtype


def test_generator_advances_so_two_layers_differ():
    rng = np.random.default_rng(0)
    assert not np.array_equal(winit.he_normal((5, 5), rng=rng), winit.he_normal((5, 5), rng=rng))


def test_registry_entries_all_take_shape_rng_dtype():
    for name, f in winit.INITIALIZERS.items():
        w = f(shape_for(name, (4, 3)), rng=0, dtype=np.float64)
        assert w.shape == shape_for(name, (4, 3)), name


def test_get_initializer_binds_keyword_arguments():
    f = winit.get_initializer("normal", std=0.5)
    np.testing.assert_array_equal(f((3, 3), rng=1), winit.normal((3, 3), std=0.5, rng=1))
    assert winit.get_initializer(winit.zeros) is winit.zeros


# ---------------------------------------------------------------------------
# get_initializer: bound keywords are defaults, a conflicting call is refused
# ---------------------------------------------------------------------------


def test_bound_dtype_and_rng_are_defaults():
    f = winit.get_initializer("he_uniform", dtype=np.float32)
    assert f((4, 3), rng=0).dtype == np.float32
    np.testing.assert_array_equal(f((4, 3), rng=0), winit.he_uniform((4, 3), rng=0, dtype=np.float32))
    g = winit.get_initializer("he_uniform", rng=5)
    np.testing.assert_array_equal(g((4, 3)), winit.he_uniform((4, 3), rng=5))
    np.testing.assert_array_equal(g((4, 3), rng=5, dtype=np.float64), g((4, 3)))  # same value: accepted


def test_a_call_that_contradicts_a_bound_keyword_gets_a_winit_error():
    f = winit.get_initializer("he_uniform", dtype=np.float32, rng=0)
    with pytest.raises(TypeError, match=r"dtype was bound to .*float32.* this call passes dtype="):
        f((4, 3), dtype=np.float64)
    with pytest.raises(TypeError, match="rng was bound to 0"):
        f((4, 3), rng=1)
    with pytest.raises(TypeError, match="rng was bound"):
        winit.MLP((4, 3), init=f, rng=0)  # MLP passes its own generator
    with pytest.raises(TypeError, match=r"normal\(\) takes no argument 'stdev'; its arguments are mean, std"):
        winit.get_initializer("normal", stdev=0.1)


# ---------------------------------------------------------------------------
# Kaiming's a: PyTorch's behaviour, or a clear error, never silently ignored
# ---------------------------------------------------------------------------


def test_kaiming_uniform_with_a_sqrt5_is_pytorchs_linear_bound():
    # gain^2 = 2 / (1 + 5) = 1/3, bound = gain sqrt(3 / fan_in) = 1 / sqrt(fan_in): standard_uniform exactly
    w = winit.kaiming_uniform((400, 100), a=math.sqrt(5), rng=3)
    np.testing.assert_allclose(w, winit.standard_uniform((400, 100), rng=3), rtol=1e-12)
    # the largest of 40,000 uniform draws lies within 0.1 % of the bound (P(miss) = 0.999^40000 ~ 4e-18)
    assert np.abs(w).max() == pytest.approx(1 / 20, rel=1e-3) and np.abs(w).max() <= 1 / 20


@pytest.mark.parametrize("f", [winit.he_uniform, winit.he_normal])
def test_a_with_a_nonlinearity_that_ignores_it_is_refused(f):
    with pytest.raises(ValueError, match=r"a=2.2.* nonlinearity='relu' ignores it"):
        f((10, 10), a=2.2, nonlinearity="relu")
    # a = 0 with relu is fine and equals the leaky_relu default (gain sqrt(2) either way)
    np.testing.assert_array_equal(f((10, 10), nonlinearity="relu", rng=0), f((10, 10), rng=0))


# ---------------------------------------------------------------------------
# New initializers: truncated_normal, eye, dirac; fan_geo_avg; in_axis / out_axis
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("mean, std, a, b", [(0.0, 1.0, -2.0, 2.0), (0.5, 0.02, 0.48, 0.6), (0.0, 1.0, 1.0, 3.0)])
def test_truncated_normal_has_the_moments_of_the_formula(mean, std, a, b):
    n = 400_000
    w = winit.truncated_normal((n,), mean, std, a, b, rng=11)
    assert w.min() >= a and w.max() <= b
    dist = stats.truncnorm((a - mean) / std, (b - mean) / std, loc=mean, scale=std)
    # SE of the mean is sd/sqrt(n); of the variance, var sqrt(2/n) (kurtosis <= 3, see module docstring)
    assert abs(w.mean() - dist.mean()) < Z * dist.std() / math.sqrt(n)
    assert abs(w.var() / dist.var() - 1) < rel_var_tol(n)
    # the closed form of the docstring, against scipy
    alpha, beta = (a - mean) / std, (b - mean) / std
    mass = stats.norm.cdf(beta) - stats.norm.cdf(alpha)
    pa, pb = stats.norm.pdf(alpha), stats.norm.pdf(beta)
    assert dist.mean() == pytest.approx(mean + std * (pa - pb) / mass, rel=1e-9)
    assert dist.var() == pytest.approx(
        std**2 * (1 + (alpha * pa - beta * pb) / mass - ((pa - pb) / mass) ** 2), rel=1e-9
    )


def test_truncated_normal_refuses_empty_or_hopeless_intervals():
    with pytest.raises(ValueError, match="a must be smaller than b"):
        winit.truncated_normal((3,), a=1.0, b=1.0)
    with pytest.raises(ValueError, match="holds only"):
        winit.truncated_normal((3,), a=8.0, b=9.0)
    with pytest.raises(ValueError, match="std must be positive"):
        winit.truncated_normal((3,), std=0.0)


def test_eye_is_the_identity_map():
    x = np.random.default_rng(0).standard_normal((5, 4))
    np.testing.assert_array_equal(x @ winit.eye((4, 4)), x)
    np.testing.assert_array_equal(winit.eye((2, 3), gain=2.0), 2.0 * np.eye(2, 3))
    with pytest.raises(ValueError, match="exactly 2 dimensions"):
        winit.eye((3, 3, 2))


@pytest.mark.parametrize("shape, groups", [((3, 3, 4, 4), 1), ((3, 5, 4, 6), 1), ((3, 3, 2, 4), 2), ((5, 6, 3), 1)])
def test_dirac_convolution_copies_its_input(shape, groups):
    w = winit.dirac(shape, groups)
    per_group = shape[-1] // groups
    assert w.sum() == groups * min(per_group, shape[-2])
    if len(shape) == 4 and groups == 1:
        x = np.random.default_rng(1).standard_normal((2, 9, 9, shape[2]))
        y = winit.convolution.conv2d(x, w)  # valid padding: the output is the input's interior
        kh, kw = shape[0] // 2, shape[1] // 2
        c = min(shape[2], shape[3])
        np.testing.assert_allclose(y[..., :c], x[:, kh : kh + y.shape[1], kw : kw + y.shape[2], :c], atol=1e-12)
        assert not y[..., c:].any()


def test_dirac_refuses_bad_shapes_and_groups():
    with pytest.raises(ValueError, match="at least 3 dimension"):
        winit.dirac((3, 3))
    with pytest.raises(ValueError, match="divisible by groups"):
        winit.dirac((3, 3, 4, 5), groups=2)


def test_fan_geo_avg_divides_by_the_geometric_mean_of_the_fans():
    shape = (3, 3, 16, 64)  # fans 144 and 576: geometric mean 288
    n = math.prod(shape)
    w = winit.variance_scaling(shape, 2.0, "fan_geo_avg", "uniform", rng=0)
    assert abs(w.var() * 288 / 2.0 - 1) < rel_var_tol(n)
    assert np.abs(w).max() <= math.sqrt(3 * 2.0 / 288)


@pytest.mark.parametrize(
    "shape, in_axis, out_axis, batch_axis, fans",
    [
        ((32, 16, 3, 3), 1, 0, (), (144, 288)),  # PyTorch's (out, in, kh, kw)
        ((4, 8, 5), -2, -1, 0, (8, 5)),  # four independent (8, 5) heads
        ((2, 3, 4, 5), (0, 1), (2, 3), (), (6, 20)),  # several input and output axes
    ],
)
def test_in_axis_and_out_axis_choose_the_fans(shape, in_axis, out_axis, batch_axis, fans):
    assert winit.compute_fans(shape, in_axis, out_axis, batch_axis) == fans
    w = winit.variance_scaling(
        shape, 1.0, "fan_in", "truncated_normal", in_axis=in_axis, out_axis=out_axis, batch_axis=batch_axis, rng=0
    )
    assert w.shape == shape and np.abs(w).max() <= 2 / math.sqrt(fans[0]) / winit.TRUNCATED_NORMAL_STD


def test_bad_axes_are_named():
    with pytest.raises(ValueError, match="in_axis=5 is out of range"):
        winit.compute_fans((3, 4), in_axis=5)
    with pytest.raises(ValueError, match="must be different axes"):
        winit.compute_fans((3, 4), in_axis=0, out_axis=0)
    with pytest.raises(TypeError, match="out_axis must be an int"):
        winit.compute_fans((3, 4), out_axis="last")


@pytest.mark.parametrize("f", [winit.xavier_normal, winit.he_normal, winit.lecun_normal])
def test_every_normal_preset_takes_distribution(f):
    w = f((400, 300), distribution="truncated_normal", rng=0)
    std = math.sqrt(w.var())
    assert np.abs(w).max() <= 2 * std / winit.TRUNCATED_NORMAL_STD * 1.01  # cut at two (uncorrected) stds
    with pytest.raises(ValueError, match=r"use .*_uniform"):
        f((4, 4), distribution="uniform")


# ---------------------------------------------------------------------------
# Ways to start: one spec type
# ---------------------------------------------------------------------------


def test_starts_are_specs_that_draw_like_their_initializer():
    for key, spec in winit.STARTS.items():
        expected = winit.INITIALIZERS[spec.init]((6, 5), rng=2, **spec.init_kwargs)
        np.testing.assert_array_equal(spec((6, 5), rng=2), expected, err_msg=key)
        np.testing.assert_array_equal(spec.initializer()((6, 5), rng=2), expected, err_msg=key)
        assert spec.label
    assert winit.STARTS["normal(0, 0.01)"].call == "winit.normal(shape, std=0.01)"
    with pytest.raises(ValueError, match="init must be one of"):
        winit.InitSpec("he")


def test_registries_derive_from_the_starts():
    from winit import experiments, explorers

    assert list(experiments.SCHEMES)[:-1] == [s.label for s in winit.STARTS.values()]
    assert all(isinstance(s, winit.InitSpec) for s in experiments.SCHEMES.values())
    assert set(explorers.EXPLORER_INITS) == set(winit.STARTS)
    for e in winit.framework_defaults.FRAMEWORK_INITS:
        assert isinstance(e.winit_equivalent, winit.InitSpec)
