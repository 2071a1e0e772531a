"""The checkers are tested by mutation: the reference passes, typical wrong answers get the fitting hint."""

from __future__ import annotations

import math

import numpy as np
import pytest

import winit
from winit import check


def stub(*args, **kwargs):
    raise NotImplementedError()


# --------------------------------------------------------------------------- xavier_uniform


def xu_ref(n_in, n_out, rng):
    r = math.sqrt(6 / (n_in + n_out))
    return rng.uniform(-r, r, size=(n_in, n_out))


XU_MUTANTS = {
    "wrong fan (He's n_in)": (lambda n_in, n_out, rng: rng.uniform(-math.sqrt(6 / n_in), math.sqrt(6 / n_in), (n_in, n_out)), "uses n_in only: that is He's bound"),
    "sqrt(3) for sqrt(6)": (lambda n_in, n_out, rng: rng.uniform(-math.sqrt(3 / (n_in + n_out)), math.sqrt(3 / (n_in + n_out)), (n_in, n_out)), "sqrt(3) where Xavier has sqrt(6)"),
    "missing sqrt": (lambda n_in, n_out, rng: rng.uniform(-6 / (n_in + n_out), 6 / (n_in + n_out), (n_in, n_out)), "square root is missing"),
    "std as bound": (lambda n_in, n_out, rng: rng.uniform(-math.sqrt(2 / (n_in + n_out)), math.sqrt(2 / (n_in + n_out)), (n_in, n_out)), "std r / sqrt(3)"),
    "transposed shape": (lambda n_in, n_out, rng: xu_ref(n_out, n_in, rng), "shape (300, 100) returned (100, 300)"),
    "global RNG": (lambda n_in, n_out, rng: np.random.uniform(-math.sqrt(6 / (n_in + n_out)), math.sqrt(6 / (n_in + n_out)), (n_in, n_out)), "global random state"),
    "off-centre": (lambda n_in, n_out, rng: rng.uniform(0, math.sqrt(6 / (n_in + n_out)), (n_in, n_out)), "not centred at 0"),
    "normal not uniform": (lambda n_in, n_out, rng: rng.normal(0, math.sqrt(2 / (n_in + n_out)), (n_in, n_out)), "look normally distributed"),
    "list not array": (lambda n_in, n_out, rng: xu_ref(n_in, n_out, rng).tolist(), "return a numpy array"),
    "standard heuristic": (lambda n_in, n_out, rng: rng.uniform(-1 / math.sqrt(n_in), 1 / math.sqrt(n_in), (n_in, n_out)), "'standard' heuristic"),
}


def test_xavier_uniform_reference_and_winit_pass():
    assert check.check_xavier_uniform(xu_ref).passed
    assert check.check_xavier_uniform(lambda n_in, n_out, rng: winit.xavier_uniform((n_in, n_out), rng=rng)).passed


# --------------------------------------------------------------------------- xavier_normal


def xn_ref(n_in, n_out, rng):
    return rng.normal(0.0, math.sqrt(2 / (n_in + n_out)), size=(n_in, n_out))


XN_MUTANTS = {
    "variance for std": (lambda n_in, n_out, rng: rng.normal(0, 2 / (n_in + n_out), (n_in, n_out)), "used the variance where numpy expects a standard deviation"),
    "He's fan": (lambda n_in, n_out, rng: rng.normal(0, math.sqrt(2 / n_in), (n_in, n_out)), "He's"),
    "uniform bound as std": (lambda n_in, n_out, rng: rng.normal(0, math.sqrt(6 / (n_in + n_out)), (n_in, n_out)), "*uniform* bound"),
    "missing factor 2": (lambda n_in, n_out, rng: rng.normal(0, math.sqrt(1 / (n_in + n_out)), (n_in, n_out)), "factor 2 is missing"),
    "transposed": (lambda n_in, n_out, rng: xn_ref(n_out, n_in, rng), "you transposed it"),
    "global RNG": (lambda n_in, n_out, rng: np.random.normal(0, math.sqrt(2 / (n_in + n_out)), (n_in, n_out)), "global random state"),
    "off-centre": (lambda n_in, n_out, rng: rng.normal(0.1, math.sqrt(2 / (n_in + n_out)), (n_in, n_out)), "not centred at 0"),
    "uniform not normal": (lambda n_in, n_out, rng: xu_ref(n_in, n_out, rng), "look uniformly distributed"),
}


def test_xavier_normal_reference_passes():
    assert check.check_xavier_normal(xn_ref).passed


# --------------------------------------------------------------------------- he_normal


def he_ref(n_in, n_out, rng):
    return rng.normal(0.0, math.sqrt(2 / n_in), size=(n_in, n_out))


HE_MUTANTS = {
    "variance for std": (lambda n_in, n_out, rng: rng.normal(0, 2 / n_in, (n_in, n_out)), "used the variance 2 / n_in"),
    "sqrt(2) on the variance": (lambda n_in, n_out, rng: rng.normal(0, math.sqrt(math.sqrt(2) / n_in), (n_in, n_out)), "multiplied the *variance* by sqrt(2)"),
    "missing gain (LeCun)": (lambda n_in, n_out, rng: rng.normal(0, math.sqrt(1 / n_in), (n_in, n_out)), "halves the signal"),
    "fan_out": (lambda n_in, n_out, rng: rng.normal(0, math.sqrt(2 / n_out), (n_in, n_out)), "fan_out mode"),
    "Xavier instead": (lambda n_in, n_out, rng: xn_ref(n_in, n_out, rng), "Xavier's"),
    "transposed": (lambda n_in, n_out, rng: he_ref(n_out, n_in, rng), "you transposed it"),
    "global RNG": (lambda n_in, n_out, rng: np.random.normal(0, math.sqrt(2 / n_in), (n_in, n_out)), "global random state"),
    "raises": (lambda n_in, n_out, rng: rng.normal(0, math.sqrt(2 / n_in), size=n_in * n_out).reshape(n_out, -1, n_in), "shape"),
}


def test_he_normal_reference_passes():
    assert check.check_he_normal(he_ref).passed


# --------------------------------------------------------------------------- relu stack


def relu_ref(init, depth, width, rng):
    h = rng.standard_normal((500, width))
    stds = []
    for _ in range(depth):
        h = np.maximum(h @ init(width, width, rng), 0)
        stds.append(float(h.std()))
    return stds


RELU_MUTANTS = {
    "variance not std": (lambda init, d, w, rng: [s**2 for s in relu_ref(init, d, w, rng)], "you returned variances"),
    "no ReLU": (
        lambda init, d, w, rng: [float(h.std()) for h in _linear_stack(init, d, w, rng)],
        "apply ReLU",
    ),
    "includes the input": (lambda init, d, w, rng: [1.0, *relu_ref(init, d, w, rng)], "Did you include the input?"),
    "rms not std": (
        lambda init, d, w, rng: [float(np.sqrt(np.mean(h**2))) for h in _relu_stack(init, d, w, rng)],
        "root mean square",
    ),
}


def _linear_stack(init, depth, width, rng):
    h = rng.standard_normal((500, width))
    for _ in range(depth):
        h = h @ init(width, width, rng)
        yield h


def _relu_stack(init, depth, width, rng):
    h = rng.standard_normal((500, width))
    for _ in range(depth):
        h = np.maximum(h @ init(width, width, rng), 0)
        yield h


def test_relu_stack_reference_passes():
    assert check.check_relu_stack_stds(relu_ref).passed


# --------------------------------------------------------------------------- symmetry


def mud_ref(w):
    return float(np.max(w.max(axis=1) - w.min(axis=1)))


MUD_MUTANTS = {
    "rows not columns": (lambda w: float(np.max(w.max(axis=0) - w.min(axis=0))), "a unit is a column"),
    "mean not max": (lambda w: float(np.mean(w.max(axis=1) - w.min(axis=1))), "Return the maximum"),
    "signed difference": (lambda w: float(np.max(w.min(axis=1) - w.max(axis=1))), "never negative"),
    "array not number": (lambda w: w.max(axis=1) - w.min(axis=1), "return one number"),
}


def test_max_unit_difference_reference_passes():
    assert check.check_max_unit_difference(mud_ref).passed


# --------------------------------------------------------------------------- variance propagation


def lv_ref(weights, x, activation):
    h, out = x, []
    for w in weights:
        h = h @ w
        if activation == "tanh":
            h = np.tanh(h)
        out.append(float(h.var()))
    return out


def _lv_pre(weights, x, activation):
    h, out = x, []
    for w in weights:
        z = h @ w
        out.append(float(z.var()))
        h = np.tanh(z) if activation == "tanh" else z
    return out


LV_MUTANTS = {
    "std not variance": (lambda ws, x, a: [v**0.5 for v in lv_ref(ws, x, a)], "you returned standard deviations"),
    "before the activation": (_lv_pre, "before the activation"),
    "includes the input": (lambda ws, x, a: [float(x.var()), *lv_ref(ws, x, a)], "without the input's"),
    "ignores tanh": (lambda ws, x, a: lv_ref(ws, x, "linear"), "apply np.tanh"),
}


def test_layer_variances_reference_passes():
    assert check.check_layer_variances(lv_ref).passed


# --------------------------------------------------------------------------- fixed init


FIX_MUTANTS = {
    "N(0, 1) saturates": (lambda n_in, n_out, rng: rng.normal(0, 1, (n_in, n_out)), "saturated"),
    "N(0, 0.01) vanishes": (lambda n_in, n_out, rng: rng.normal(0, 0.01, (n_in, n_out)), "the signal vanishes"),
    "off-centre": (lambda n_in, n_out, rng: rng.uniform(0, 0.1, (n_in, n_out)), "not centred at 0"),
    "transposed": (lambda n_in, n_out, rng: xn_ref(n_out, n_in, rng), "you transposed it"),
    "global RNG": (lambda n_in, n_out, rng: np.random.normal(0, (1 / n_in) ** 0.5, (n_in, n_out)), "global random state"),
}


@pytest.mark.parametrize("good", [xn_ref, xu_ref, lambda n_in, n_out, rng: rng.normal(0, (1 / n_in) ** 0.5, (n_in, n_out))])
def test_fixed_init_accepts_xavier_and_lecun(good):
    assert check.check_fixed_init(good).passed


# --------------------------------------------------------------------------- every mutant, one test

def _as_list(fn):
    return lambda *a, **k: list(fn(*a, **k))  # the ReLU mutants are generators


MUTANT_CASES = [
    (checker, name, wrap(mutant), hint)
    for checker, table, wrap in (
        (check.check_xavier_uniform, XU_MUTANTS, lambda f: f),
        (check.check_xavier_normal, XN_MUTANTS, lambda f: f),
        (check.check_he_normal, HE_MUTANTS, lambda f: f),
        (check.check_relu_stack_stds, RELU_MUTANTS, _as_list),
        (check.check_max_unit_difference, MUD_MUTANTS, lambda f: f),
        (check.check_layer_variances, LV_MUTANTS, lambda f: f),
        (check.check_fixed_init, FIX_MUTANTS, lambda f: f),
    )
    for name, (mutant, hint) in table.items()
]


@pytest.mark.parametrize(
    "checker, mutant, hint",
    [(c, m, h) for c, _, m, h in MUTANT_CASES],
    ids=[f"{c.__name__}-{n}" for c, n, _, _ in MUTANT_CASES],
)
def test_mutants_are_rejected_with_the_fitting_hint(checker, mutant, hint):
    fb = checker(mutant)
    assert not fb.passed and not fb.not_implemented
    assert hint in fb.summary, fb.summary


# --------------------------------------------------------------------------- common behaviour


CHECKERS = [
    check.check_xavier_uniform,
    check.check_xavier_normal,
    check.check_he_normal,
    check.check_relu_stack_stds,
    check.check_max_unit_difference,
    check.check_layer_variances,
    check.check_fixed_init,
]


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
def test_a_stub_gets_not_implemented_yet_not_a_traceback(checker):
    fb = checker(stub)
    assert fb.not_implemented and not fb.passed
    assert "not implemented yet" in fb.summary


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
def test_a_crashing_answer_is_reported_in_words(checker):
    def crash(*args, **kwargs):
        return 1 / 0

    fb = checker(crash)
    assert not fb.passed and "raised ZeroDivisionError" in fb.summary


def test_checkers_leave_the_global_random_state_alone():
    state = np.random.get_state()
    check.check_xavier_uniform(XU_MUTANTS["global RNG"][0])
    after = np.random.get_state()
    assert np.array_equal(state[1], after[1]) and state[2] == after[2]


def test_feedback_renders_as_markdown_and_text():
    fb = check.check_he_normal(he_ref)
    assert fb._repr_markdown_().startswith("✅") and bool(fb)
    assert str(fb).startswith("he_normal: all checks passed.")
