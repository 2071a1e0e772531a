r"""Feedback for students' assignment answers.

A checker runs a student's function on several shapes and seeds and returns a
:class:`Feedback`: either a confirmation, or what is wrong in words a student
can act on ("your bound uses n_in only: that is He's bound, Xavier uses
n_in + n_out").  A function that still raises ``NotImplementedError`` gets
"not implemented yet", never a traceback.  A checker never raises on a wrong
answer (so a student notebook always runs to the end); the assignments'
hidden nbgrader tests assert ``feedback.passed``.

Conventions the checkers expect (the same as winit's): a weight has shape
``(n_in, n_out)``; random functions take ``rng``, a ``numpy.random.Generator``.

Diagnosis works by measurement: the checker estimates the bound (largest
:math:`|w|`) or the standard deviation of large draws and compares it with the
right formula and with the formulas of the usual mistakes, each within a
tolerance derived from the sample size.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "Feedback",
    "check_xavier_uniform",
    "check_xavier_normal",
    "check_he_normal",
    "check_relu_stack_stds",
    "check_max_unit_difference",
    "check_layer_variances",
    "check_fixed_init",
]

#: Shapes ``(n_in, n_out)`` the initializer checkers try; none is square, so a
#: transposed result and a swapped fan are always visible.
SHAPES = ((300, 100), (64, 256), (784, 128))


@dataclass
class Feedback:
    """The result of a check: ``passed``, and messages for the student."""

    task: str
    passed: bool = False
    not_implemented: bool = False
    messages: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.passed

    @property
    def summary(self) -> str:
        if self.not_implemented:
            head = f"{self.task}: not implemented yet."
        elif self.passed:
            head = f"{self.task}: all checks passed."
        else:
            head = f"{self.task}: not yet right."
        return "\n".join([head, *(f"  - {m}" for m in self.messages)])

    def __str__(self) -> str:
        return self.summary

    def __repr__(self) -> str:
        return self.summary

    def _repr_markdown_(self) -> str:
        icon = "✅" if self.passed else ("⏳" if self.not_implemented else "❌")
        lines = [f"{icon} **{self.summary.splitlines()[0]}**", ""]
        lines += [f"- {m}" for m in self.messages]
        return "\n".join(lines)


class _Stop(Exception):
    """Internal: a problem that makes further checks meaningless."""


def _call(fb: Feedback, fn: Callable, *args, **kwargs) -> Any:
    try:
        return fn(*args, **kwargs)
    except NotImplementedError:
        fb.not_implemented = True
        fb.messages.append("Replace the line `raise NotImplementedError()` with your code, then run this cell again.")
        raise _Stop from None
    except Exception as exc:  # the student's code failed: say how, without a traceback
        fb.messages.append(f"Your function raised {type(exc).__name__}: {exc}")
        raise _Stop from None


def _as_array(fb: Feedback, value: Any, what: str = "your function") -> np.ndarray:
    if not isinstance(value, np.ndarray):
        fb.messages.append(f"{what} returned {type(value).__name__}; return a numpy array (e.g. from rng.uniform(...)).")
        raise _Stop
    if value.size and not np.issubdtype(value.dtype, np.floating):
        fb.messages.append(f"{what} returned an array of {value.dtype}; weights must be floating-point numbers.")
        raise _Stop
    return value


def _check_shape(fb: Feedback, w: np.ndarray, n_in: int, n_out: int) -> None:
    if w.shape == (n_in, n_out):
        return
    if w.shape == (n_out, n_in):
        fb.messages.append(
            f"shape ({n_in}, {n_out}) returned {w.shape}: you transposed it. In this course a weight has shape "
            "(n_in, n_out), so that a layer computes x @ W."
        )
    else:
        fb.messages.append(f"shape ({n_in}, {n_out}) returned {w.shape}; the weight must have shape (n_in, n_out).")
    raise _Stop


def _check_rng_use(fb: Feedback, fn: Callable, n_in: int, n_out: int) -> None:
    """Same seed -> same weights, different seeds -> different weights, global state untouched."""
    state = np.random.get_state()
    a = _call(fb, fn, n_in, n_out, rng=np.random.default_rng(1))
    touched = not _same_state(state, np.random.get_state())
    b = _call(fb, fn, n_in, n_out, rng=np.random.default_rng(1))
    c = _call(fb, fn, n_in, n_out, rng=np.random.default_rng(2))
    np.random.set_state(state)
    if touched or not np.array_equal(a, b) or np.array_equal(a, c):
        fb.messages.append(
            "your function does not draw from the `rng` it is given"
            + (" (it used numpy's global random state, np.random.*)" if touched else "")
            + ": call rng.uniform(...) / rng.normal(...) so that the same seed gives the same weights."
        )
        raise _Stop


def _same_state(s1, s2) -> bool:
    return s1[0] == s2[0] and np.array_equal(s1[1], s2[1]) and s1[2:] == s2[2:]


def _check_centred(fb: Feedback, w: np.ndarray, std_hint: float) -> None:
    # The mean of n draws has standard error std/sqrt(n): 6 SEs is never reached by a centred init.
    se = max(std_hint, float(w.std())) / math.sqrt(w.size)
    if abs(float(w.mean())) > 6 * se:
        lo, hi = float(w.min()), float(w.max())
        fb.messages.append(
            f"your weights are not centred at 0 (mean {w.mean():.3g}, range [{lo:.3g}, {hi:.3g}]): "
            "draw from a symmetric interval such as U(-r, r), or a normal with mean 0."
        )
        raise _Stop


def _kurtosis(w: np.ndarray) -> float:
    z = (w - w.mean()) / w.std()
    return float(np.mean(z**4))


def _draw_big(fb: Feedback, fn: Callable, n_in: int, n_out: int, seed: int = 0) -> np.ndarray:
    w = _as_array(fb, _call(fb, fn, n_in, n_out, rng=np.random.default_rng(seed)))
    _check_shape(fb, w, n_in, n_out)
    if not np.all(np.isfinite(w)):
        fb.messages.append("your weights contain NaN or inf.")
        raise _Stop
    return w


def _match(measured: float, candidates: dict[str, float], rel_tol: float) -> str | None:
    """The name of the candidate within ``rel_tol`` of ``measured`` (closest first), if any."""
    best = sorted(candidates.items(), key=lambda kv: abs(math.log(measured / kv[1])) if measured > 0 else math.inf)
    for name, value in best:
        if measured > 0 and abs(measured / value - 1) < rel_tol:
            return name
    return None


def _diagnose(fb: Feedback, measured: float, candidates: dict[str, float], hints: dict[str, str],
              rel_tol: float, otherwise: str) -> None:
    """Return if ``measured`` matches ``candidates["right"]``; else stop with the hint of the mistake it matches, or ``otherwise``."""
    name = _match(measured, candidates, rel_tol)
    if name == "right":
        return
    fb.messages.append(hints[name] if name else otherwise)
    raise _Stop


_SHAPES_CHECKED = "checked on shapes " + ", ".join(str(s) for s in SHAPES) + " with several seeds."


def _run(task: str, body: Callable[[Feedback], None], checked: str = _SHAPES_CHECKED) -> Feedback:
    fb = Feedback(task)
    state = np.random.get_state()  # a student's np.random.* call must not leak out of the check
    try:
        body(fb)
        fb.passed = not fb.messages
        if fb.passed:
            fb.messages.append(checked[0].upper() + checked[1:])
    except _Stop:
        fb.passed = False
    finally:
        np.random.set_state(state)
    return fb


# --------------------------------------------------------------------------- uniform / normal initializers

_UNIFORM_HINTS = {
    "he": "your bound uses n_in only: that is He's bound sqrt(6 / n_in); Xavier uses n_in + n_out, r = sqrt(6 / (n_in + n_out)).",
    "fan_out": "your bound uses n_out only; Xavier uses both fans, r = sqrt(6 / (n_in + n_out)).",
    "sqrt3": "your bound has sqrt(3) where Xavier has sqrt(6): r = sqrt(3 Var) with Var = 2 / (n_in + n_out), so r = sqrt(6 / (n_in + n_out)).",
    "lecun": "your bound is sqrt(3 / n_in), LeCun's uniform bound; Xavier's is sqrt(6 / (n_in + n_out)).",
    "no_sqrt": "your bound is 6 / (n_in + n_out): the square root is missing, r = sqrt(6 / (n_in + n_out)).",
    "std_as_bound": "your bound is the standard deviation sqrt(2 / (n_in + n_out)); a U(-r, r) has std r / sqrt(3), so the bound must be sqrt(3) times larger: sqrt(6 / (n_in + n_out)).",
    "standard": "your bound is 1 / sqrt(n_in), Glorot and Bengio's 'standard' heuristic; the normalized (Xavier) bound is sqrt(6 / (n_in + n_out)).",
    "var_as_bound": "your bound is the variance 2 / (n_in + n_out), not a bound: r = sqrt(3 Var) = sqrt(6 / (n_in + n_out)).",
}


def _uniform_candidates(n_in: int, n_out: int) -> dict[str, float]:
    s = n_in + n_out
    return {
        "right": math.sqrt(6 / s),
        "he": math.sqrt(6 / n_in),
        "fan_out": math.sqrt(6 / n_out),
        "sqrt3": math.sqrt(3 / s),
        "lecun": math.sqrt(3 / n_in),
        "no_sqrt": 6 / s,
        "std_as_bound": math.sqrt(2 / s),
        "standard": 1 / math.sqrt(n_in),
        "var_as_bound": 2 / s,
    }


def check_xavier_uniform(fn: Callable[..., np.ndarray]) -> Feedback:
    r"""Check ``fn(n_in, n_out, rng)`` against Xavier uniform, :math:`U(-r, r)`, :math:`r = \sqrt{6/(n_\text{in}+n_\text{out})}`.

    Diagnoses: not implemented, wrong type, transposed shape, global RNG,
    off-centre, normal instead of uniform, and a bound that matches a usual
    mistake (He's fan, sqrt(3), missing sqrt, std or variance used as the bound).

    Examples
    --------
    >>> import winit
    >>> check_xavier_uniform(lambda n_in, n_out, rng: winit.xavier_uniform((n_in, n_out), rng=rng)).passed
    True
    """

    def body(fb: Feedback) -> None:
        for n_in, n_out in SHAPES:
            w = _draw_big(fb, fn, n_in, n_out)
            cand = _uniform_candidates(n_in, n_out)
            _check_centred(fb, w, cand["right"])
            if _kurtosis(w) > 2.4:  # uniform: 1.8; normal: 3.0; SE of the sample kurtosis ~ sqrt(24/n) < 0.02 here
                fb.messages.append(
                    "your weights look normally distributed (they have tails); xavier_uniform draws from a uniform "
                    "U(-r, r): use rng.uniform(-r, r, size=(n_in, n_out))."
                )
                raise _Stop
            bound = float(np.abs(w).max())
            # The max of n uniform |w| is r (1 - O(1/n)): 1 % is thousands of SEs for n >= 25,600.
            _diagnose(fb, bound, cand, _UNIFORM_HINTS, 0.01,
                      f"for shape ({n_in}, {n_out}) your largest |w| is {bound:.4g}; Xavier's bound is "
                      f"sqrt(6 / (n_in + n_out)) = {cand['right']:.4g}.")
        _check_rng_use(fb, fn, *SHAPES[0])

    return _run("xavier_uniform", body)


_NORMAL_HINTS = {
    "var_as_std": "you used the variance where numpy expects a standard deviation: rng.normal(0, std) takes std = sqrt(Var) = sqrt(2 / (n_in + n_out)).",
    "he": "your std is sqrt(2 / n_in), He's; Xavier's uses both fans: sqrt(2 / (n_in + n_out)).",
    "lecun": "your std is sqrt(1 / n_in), LeCun's; Xavier's is sqrt(2 / (n_in + n_out)).",
    "fan_out": "your std uses n_out only; Xavier's is sqrt(2 / (n_in + n_out)).",
    "bound_as_std": "your std is sqrt(6 / (n_in + n_out)), the *uniform* bound; a normal takes the std itself, sqrt(2 / (n_in + n_out)).",
    "no_sqrt": "your std is 2 / (n_in + n_out) ... that is the variance: take its square root.",
    "one_over_sum": "your std is sqrt(1 / (n_in + n_out)): the factor 2 is missing (Var = 2 / (n_in + n_out)).",
}


def check_xavier_normal(fn: Callable[..., np.ndarray]) -> Feedback:
    r"""Check ``fn(n_in, n_out, rng)`` against Xavier normal, :math:`\mathcal N(0, 2/(n_\text{in}+n_\text{out}))`.

    Examples
    --------
    >>> import winit
    >>> check_xavier_normal(lambda n_in, n_out, rng: winit.xavier_normal((n_in, n_out), rng=rng)).passed
    True
    """

    def body(fb: Feedback) -> None:
        for n_in, n_out in SHAPES:
            w = _draw_big(fb, fn, n_in, n_out)
            s = n_in + n_out
            right = math.sqrt(2 / s)
            _check_centred(fb, w, right)
            if _kurtosis(w) < 2.4:
                fb.messages.append(
                    "your weights look uniformly distributed (no tails); xavier_normal draws from a normal: "
                    "rng.normal(0, std, size=(n_in, n_out))."
                )
                raise _Stop
            std = float(w.std())
            # Relative SE of a sample std is ~1/sqrt(2n) < 0.5 % here; 3 % is > 6 SEs.
            candidates = {
                "right": right,
                "var_as_std": 2 / s,
                "he": math.sqrt(2 / n_in),
                "lecun": math.sqrt(1 / n_in),
                "fan_out": math.sqrt(2 / n_out),
                "bound_as_std": math.sqrt(6 / s),
                "one_over_sum": math.sqrt(1 / s),
            }
            _diagnose(fb, std, candidates, _NORMAL_HINTS, 0.03,
                      f"for shape ({n_in}, {n_out}) your std is {std:.4g}; Xavier's is sqrt(2 / (n_in + n_out)) = {right:.4g}.")
        _check_rng_use(fb, fn, *SHAPES[0])

    return _run("xavier_normal", body)


_HE_HINTS = {
    "var_as_std": "you used the variance 2 / n_in where numpy expects a standard deviation: std = sqrt(2 / n_in).",
    "sqrt2_on_var": "you multiplied the *variance* by sqrt(2): std = sqrt(sqrt(2) / n_in). It is the standard deviation that gets the factor sqrt(2), the variance gets 2: std = sqrt(2 / n_in).",
    "lecun": "your std is sqrt(1 / n_in), which halves the signal at every ReLU layer: He's std is sqrt(2 / n_in), because a ReLU keeps only half of the second moment.",
    "fan_out": "your std uses n_out (He's fan_out mode); this assignment asks for fan_in mode: sqrt(2 / n_in).",
    "xavier": "your std is Xavier's sqrt(2 / (n_in + n_out)); He's is sqrt(2 / n_in).",
    "bound_as_std": "your std is sqrt(6 / n_in), He's *uniform* bound; the normal takes std = sqrt(2 / n_in).",
}


def check_he_normal(fn: Callable[..., np.ndarray]) -> Feedback:
    r"""Check ``fn(n_in, n_out, rng)`` against He normal (fan_in), :math:`\mathcal N(0, 2/n_\text{in})`.

    Examples
    --------
    >>> import winit
    >>> check_he_normal(lambda n_in, n_out, rng: winit.he_normal((n_in, n_out), rng=rng)).passed
    True
    """

    def body(fb: Feedback) -> None:
        for n_in, n_out in SHAPES:
            w = _draw_big(fb, fn, n_in, n_out)
            right = math.sqrt(2 / n_in)
            _check_centred(fb, w, right)
            if _kurtosis(w) < 2.4:
                fb.messages.append("your weights look uniformly distributed; he_normal draws from a normal: rng.normal(0, std, ...).")
                raise _Stop
            std = float(w.std())
            candidates = {
                "right": right,
                "var_as_std": 2 / n_in,
                "sqrt2_on_var": math.sqrt(math.sqrt(2) / n_in),
                "lecun": math.sqrt(1 / n_in),
                "fan_out": math.sqrt(2 / n_out),
                "xavier": math.sqrt(2 / (n_in + n_out)),
                "bound_as_std": math.sqrt(6 / n_in),
            }
            _diagnose(fb, std, candidates, _HE_HINTS, 0.03,
                      f"for shape ({n_in}, {n_out}) your std is {std:.4g}; He's is sqrt(2 / n_in) = {right:.4g}.")
        _check_rng_use(fb, fn, *SHAPES[0])

    return _run("he_normal", body)


# --------------------------------------------------------------------------- a deep ReLU stack


def _reference_relu_stds(init: Callable, depth: int, width: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    h = rng.standard_normal((500, width))
    stds = []
    for _ in range(depth):
        h = np.maximum(h @ init(width, width, rng=rng), 0)
        stds.append(h.std())
    return np.array(stds)


def check_relu_stack_stds(fn: Callable[..., Any]) -> Feedback:
    """Check ``fn(init, depth, width, rng)``: the std of the activations after each of ``depth`` ReLU layers.

    ``init(n_in, n_out, rng)`` makes each weight; the input is a batch of
    standard normal rows.  Checked with He and with LeCun (Var 1/n) weights:
    one value per layer, steady under He, shrinking by about 1/sqrt(2) per
    layer under LeCun.
    """

    def he(n_in, n_out, rng):
        return rng.normal(0, math.sqrt(2 / n_in), size=(n_in, n_out))

    def lecun(n_in, n_out, rng):
        return rng.normal(0, math.sqrt(1 / n_in), size=(n_in, n_out))

    def body(fb: Feedback) -> None:
        depth, width = 12, 128
        got = np.asarray(_call(fb, fn, he, depth, width, rng=np.random.default_rng(0)), dtype=float)
        if got.shape != (depth,):
            fb.messages.append(
                f"for depth {depth} return {depth} numbers, one std per layer (after each ReLU); got shape {got.shape}."
                + (" Did you include the input?" if got.shape == (depth + 1,) else "")
            )
            raise _Stop
        # With He weights the first layer's pre-activation z = x W has variance 2, so h = relu(z) has
        # second moment 1 and std sqrt(1 - 1/pi) ~ 0.826.  Its fluctuation: each unit's variance is
        # off by ~sqrt(2/width) ~ 12 %, averaged over 128 units ~ 1 %; a 5 % window is 5 SDs, and the
        # variance (0.682) or the root mean square (1.0) fall outside it.  Deeper layers drift like a
        # random walk in log scale (SD ~ 0.06 per layer), so only a loose steadiness test is made there.
        if not np.all(np.isfinite(got)) or np.any(got <= 0):
            fb.messages.append(f"a standard deviation is a positive finite number; you returned {np.round(got, 3).tolist()}.")
            raise _Stop
        expected_std = math.sqrt(1 - 1 / math.pi)
        first = float(got[0])
        if got[-1] > 4 * got[0]:
            fb.messages.append(
                f"with He weights your stds grow from {got[0]:.3g} to {got[-1]:.3g}: apply ReLU (np.maximum(z, 0)) after every layer; "
                "without it the He variance doubles at each layer."
            )
            raise _Stop
        if abs(first / expected_std**2 - 1) < 0.05:
            fb.messages.append("you returned variances; the task asks for standard deviations (h.std()).")
            raise _Stop
        if abs(first - 1) < 0.05:
            fb.messages.append("you returned the root mean square sqrt(mean(h**2)); the task asks for the standard deviation h.std().")
            raise _Stop
        if abs(first / expected_std - 1) > 0.05 or abs(math.log(got[-1] / got[0])) > 1.2:
            fb.messages.append(
                f"with He weights the std should be about {expected_std:.2f} after the first layer and stay near it; yours goes "
                f"from {got[0]:.3g} to {got[-1]:.3g}. Start from a standard normal batch, apply x @ W then ReLU at each layer, "
                "and return h.std() after each."
            )
            raise _Stop
        got_l = np.asarray(_call(fb, fn, lecun, depth, width, rng=np.random.default_rng(1)), dtype=float)
        # Expected decay over 11 layers: 2**-5.5 ~ 0.022; the noise of a 128-wide stack is a factor ~1.5.
        decay = got_l[-1] / got_l[0]
        if not 0.005 < decay < 0.1:
            fb.messages.append(
                f"with LeCun weights (Var = 1/n) the std should shrink by about 1/sqrt(2) per ReLU layer "
                f"(a factor ~{2 ** -5.5:.3f} from layer 1 to 12); yours changes by {decay:.3g}. "
                "Check that you apply ReLU after every layer and draw a new weight for each layer."
            )
            raise _Stop

    return _run("relu_stack_stds", body, "checked with He and LeCun weights, depth 12, width 128.")


# --------------------------------------------------------------------------- symmetry


def check_max_unit_difference(fn: Callable[[np.ndarray], float]) -> Feedback:
    """Check ``fn(W)``: the largest absolute difference between any two hidden units (columns) of ``W``.

    Hidden unit j of a layer is column ``W[:, j]`` (shape ``(n_in, n_out)``); the
    answer is ``max over i of (max_j W[i, j] - min_j W[i, j])``.
    """

    def body(fb: Feedback) -> None:
        same = np.tile(np.arange(5.0)[:, None], (1, 4))  # 4 identical units over 5 inputs
        got = _call(fb, fn, same)
        if not isinstance(got, (float, int, np.floating, np.integer)):
            fb.messages.append(f"return one number (a float); got {type(got).__name__}.")
            raise _Stop
        if float(got) != 0.0:
            fb.messages.append(
                f"for a layer whose 4 units are identical (same column repeated) the answer is 0; you returned {float(got):.3g}. "
                "Units are the columns of W in the (n_in, n_out) layout: compare columns, not rows (a unit is a column W[:, j])."
            )
            raise _Stop
        w = np.array([[0.0, 1.0, -2.0], [3.0, 3.5, 2.0]])  # units differ by at most 3 (input 0: 1 - (-2))
        got = float(_call(fb, fn, w))
        if got == 3.0:
            pass
        elif got == 3.5:
            fb.messages.append("you compared rows (inputs) instead of columns (hidden units): in the (n_in, n_out) layout a unit is a column W[:, j].")
            raise _Stop
        elif got < 0 or got == 1.5:
            fb.messages.append("take the absolute difference (or max minus min): the answer is never negative.")
            raise _Stop
        else:
            fb.messages.append(
                f"for W = {w.tolist()} the largest difference between two units is 3.0 (units 1 and 2 on input 0); you returned {got:.3g}. "
                "Return the maximum, not a mean."
            )
            raise _Stop
        rng = np.random.default_rng(0)
        w = rng.standard_normal((7, 9))
        ref = float(np.max(w.max(axis=1) - w.min(axis=1)))
        got = float(_call(fb, fn, w))
        if not math.isclose(got, ref, rel_tol=1e-9):
            fb.messages.append(f"on a random 7x9 weight you returned {got:.6g}; the largest difference between two units is {ref:.6g}.")
            raise _Stop

    return _run("max_unit_difference", body, "checked on identical units, a hand-made 2x3 weight and a random 7x9 weight.")


# --------------------------------------------------------------------------- variance propagation


def _reference_layer_variances(weights, x, activation):
    h, out = x, []
    for w in weights:
        h = np.tanh(h @ w) if activation == "tanh" else h @ w
        out.append(float(h.var()))
    return np.array(out)


def check_layer_variances(fn: Callable[..., Any]) -> Feedback:
    """Check ``fn(weights, x, activation)``: the variance of the activations after each layer.

    ``weights`` is a list of ``(n_in, n_out)`` matrices, ``x`` a batch, and
    ``activation`` is ``"linear"`` or ``"tanh"``.
    """

    def body(fb: Feedback) -> None:
        rng = np.random.default_rng(0)
        x = rng.standard_normal((400, 50))
        weights = [2.0 * np.eye(50) for _ in range(3)]
        got = np.asarray(_call(fb, fn, weights, x, "linear"), dtype=float)
        ref = _reference_layer_variances(weights, x, "linear")
        if got.shape == (4,):
            fb.messages.append("return one variance per layer (3 here), without the input's.")
            raise _Stop
        if got.shape != (3,):
            fb.messages.append(f"return one variance per layer: 3 values for 3 layers; got shape {got.shape}.")
            raise _Stop
        if np.allclose(got, np.sqrt(ref), rtol=1e-6):
            fb.messages.append("you returned standard deviations; the task asks for variances (square them, or use .var()).")
            raise _Stop
        if not np.allclose(got, ref, rtol=1e-6):
            fb.messages.append(
                f"with W = 2 I the variance must be multiplied by 4 at each linear layer ({ref.round(2).tolist()}); you returned {got.round(2).tolist()}."
            )
            raise _Stop
        weights = [rng.standard_normal((50, 50)) * 0.3 for _ in range(4)]
        got = np.asarray(_call(fb, fn, weights, x, "tanh"), dtype=float)
        ref = _reference_layer_variances(weights, x, "tanh")
        pre = _reference_layer_variances(weights, x, "linear")
        if got.shape == ref.shape and np.allclose(got, ref, rtol=1e-6):
            return
        h, pre_tanh = x, []
        for w in weights:
            z = h @ w
            pre_tanh.append(float(z.var()))
            h = np.tanh(z)
        if got.shape == ref.shape and np.allclose(got, pre_tanh, rtol=1e-6):
            fb.messages.append("you measured the variance before the activation; measure it after tanh (the layer's output).")
        elif got.shape == ref.shape and np.allclose(got, pre, rtol=1e-6):
            fb.messages.append("with activation='tanh' apply np.tanh after each layer's product.")
        else:
            fb.messages.append(f"for a tanh network the variances should be {ref.round(3).tolist()}; you returned {got.round(3).tolist()}.")
        raise _Stop

    return _run("layer_variances", body, "checked on a linear stack (W = 2I) and a random tanh stack.")


def check_fixed_init(fn: Callable[..., np.ndarray]) -> Feedback:
    """Check ``fn(n_in, n_out, rng)`` repairs a deep tanh network: 20 layers of width 256 neither saturate nor vanish.

    Passes for any zero-mean init whose variance is about 1/n_in to 2/(n_in + n_out)
    (LeCun or Xavier, normal or uniform).
    """

    def body(fb: Feedback) -> None:
        w0 = _draw_big(fb, fn, 300, 100)
        _check_centred(fb, w0, 0.0)
        rng = np.random.default_rng(0)
        h = rng.standard_normal((300, 256))
        for layer in range(20):
            w = _as_array(fb, _call(fb, fn, 256, 256, rng=rng))
            with np.errstate(over="ignore", invalid="ignore"):
                h = np.tanh(h @ w)
        saturated = float(np.mean(np.abs(h) > 0.99))
        std = float(h.std())
        if saturated > 0.05:
            fb.messages.append(
                f"after 20 tanh layers {100 * saturated:.0f} % of the units sit at +-1 (saturated): the weights are too large. "
                "Scale them so that n_in Var(w) is about 1 (Var(w) = 1/n_in, or Xavier's 2 / (n_in + n_out))."
            )
            raise _Stop
        if std < 0.1:
            fb.messages.append(
                f"after 20 tanh layers the activations' std is {std:.2g}: the signal vanishes, the weights are too small. "
                "Scale them so that n_in Var(w) is about 1."
            )
            raise _Stop
        _check_rng_use(fb, fn, 300, 100)

    return _run("fixed_init", body, "checked on 20 tanh layers of width 256: no saturation, no vanishing.")
