r"""Weight initializers: one core, :func:`variance_scaling`, and its named presets.

Every fan-based scheme in this module draws zero-mean weights whose variance is

.. math::

    \operatorname{Var}(w) = \frac{\text{scale}}{n}, \qquad
    n \in \{\text{fan\_in},\ \text{fan\_out},\ (\text{fan\_in} + \text{fan\_out}) / 2,\
             \sqrt{\text{fan\_in}\,\text{fan\_out}}\},

and the named initializers only choose ``scale`` and ``mode``:

==================  ==================  ============  ====================================
initializer         scale               mode          variance
==================  ==================  ============  ====================================
standard_uniform    1/3                 fan_in        :math:`1 / (3 n_\text{in})`
lecun_*             1                   fan_in        :math:`1 / n_\text{in}`
xavier_* (glorot)   :math:`g^2`         fan_avg       :math:`2 g^2 / (n_\text{in} + n_\text{out})`
he_* (kaiming)      :math:`g^2` (2)     fan_in        :math:`2 / n_\text{in}` for ReLU
==================  ==================  ============  ====================================

Shapes follow JAX and Keras: a dense weight is ``(n_in, n_out)``, a convolution
kernel ``(*receptive_field, c_in, c_out)``.  Every function takes ``rng`` (None,
an int seed or a ``numpy.random.Generator``) and ``dtype`` (float32 or float64),
and never touches numpy's global random state.

Besides the fan-based family: :func:`zeros`, :func:`constant`, :func:`uniform`,
:func:`normal`, :func:`truncated_normal` (bounds as ``torch.nn.init.trunc_normal_``),
:func:`orthogonal` (Saxe et al., 2014), :func:`eye` and :func:`dirac` (identity maps).

A *way to start* a network (an initializer, its arguments and a label, e.g.
"N(0, 0.01)") is an :class:`InitSpec`; :data:`STARTS` is the course's catalogue of them,
from which the explorers' menus, :data:`winit.experiments.SCHEMES` and
:data:`winit.framework_defaults.FRAMEWORK_INITS` are built.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._checks import check_choice, check_dtype, check_real, check_rng, check_shape
from ._types import DISTRIBUTIONS, MODES, Axis, Distribution, Initializer, Mode, RngLike, Shape
from .fans import NONLINEARITIES, _fans, _gain_of, check_axes

__all__ = [
    "MODES",
    "DISTRIBUTIONS",
    "TRUNCATED_NORMAL_STD",
    "Initializer",
    "variance_scaling",
    "zeros",
    "constant",
    "uniform",
    "normal",
    "truncated_normal",
    "standard_uniform",
    "xavier_uniform",
    "xavier_normal",
    "glorot_uniform",
    "glorot_normal",
    "he_uniform",
    "he_normal",
    "kaiming_uniform",
    "kaiming_normal",
    "lecun_uniform",
    "lecun_normal",
    "orthogonal",
    "eye",
    "dirac",
    "INITIALIZERS",
    "get_initializer",
    "InitSpec",
    "STARTS",
    "get_start",
]

#: Standard deviation of a standard normal truncated to [-2, 2].  A normal with
#: standard deviation ``s`` cut at two standard deviations has standard
#: deviation ``TRUNCATED_NORMAL_STD * s``; dividing ``s`` by it restores the
#: intended variance.  Equal to ``scipy.stats.truncnorm.std(-2, 2)``.
TRUNCATED_NORMAL_STD = 0.87962566103423978

_NORMAL_FAMILY = ("normal", "truncated_normal")


def _truncated_standard_normal(rng: np.random.Generator, shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
    """Standard normal draws restricted to [-2, 2], by rejection (95.4 % accepted)."""
    out = rng.standard_normal(shape, dtype=dtype)
    flat = out.reshape(-1)
    bad = np.flatnonzero(np.abs(flat) > 2.0)
    while bad.size:
        flat[bad] = rng.standard_normal(bad.size, dtype=dtype)
        bad = bad[np.abs(flat[bad]) > 2.0]
    return out


def _draw(
    shape: tuple[int, ...],
    std: float,
    distribution: str,
    rng: np.random.Generator,
    dtype: np.dtype,
) -> np.ndarray:
    """Zero-mean draws with standard deviation ``std`` from the named family."""
    if distribution == "normal":
        out = rng.standard_normal(shape, dtype=dtype)
        out *= dtype.type(std)
    elif distribution == "uniform":
        # U(-b, b) with b = sqrt(3) std, since Var U(-b, b) = b^2 / 3.
        bound = math.sqrt(3.0) * std
        out = rng.random(shape, dtype=dtype)
        out *= dtype.type(2.0 * bound)
        out -= dtype.type(bound)
    else:  # truncated_normal
        out = _truncated_standard_normal(rng, shape, dtype)
        out *= dtype.type(std / TRUNCATED_NORMAL_STD)
    return out


def _variance_scaling(
    dims: tuple[int, ...],
    scale: float,
    mode: str,
    distribution: str,
    rng: np.random.Generator,
    dtype: np.dtype,
    axes: tuple[tuple[int, ...], ...] | None = None,
) -> np.ndarray:
    """The unchecked core of :func:`variance_scaling`: every argument already validated."""
    in_axes, out_axes, batch_axes = axes or ((len(dims) - 2,), (len(dims) - 1,), ())
    fan_in, fan_out = _fans(dims, in_axes, out_axes, batch_axes)
    if mode == "fan_in":
        n: float = fan_in
    elif mode == "fan_out":
        n = fan_out
    elif mode == "fan_avg":
        n = (fan_in + fan_out) / 2.0
    else:  # fan_geo_avg
        n = math.sqrt(fan_in * fan_out)
    return _draw(dims, math.sqrt(scale / n), distribution, rng, dtype)


def variance_scaling(
    shape: Shape,
    scale: float = 1.0,
    mode: Mode = "fan_in",
    distribution: Distribution = "normal",
    *,
    in_axis: Axis = -2,
    out_axis: Axis = -1,
    batch_axis: Axis = (),
    rng: RngLike = None,
    dtype: Any = np.float64,
) -> np.ndarray:
    r"""Draw zero-mean weights with variance ``scale / n``: the core of winit.

    .. math::

        \operatorname{Var}(w) = \frac{\text{scale}}{n}, \qquad
        n = \begin{cases}
            \text{fan\_in} & \text{mode} = \texttt{"fan\_in"} \\
            \text{fan\_out} & \text{mode} = \texttt{"fan\_out"} \\
            (\text{fan\_in} + \text{fan\_out}) / 2 & \text{mode} = \texttt{"fan\_avg"} \\
            \sqrt{\text{fan\_in}\,\text{fan\_out}} & \text{mode} = \texttt{"fan\_geo\_avg"}
        \end{cases}

    * ``"normal"``: :math:`w \sim \mathcal N(0, \sigma^2)` with
      :math:`\sigma^2 = \text{scale}/n`.
    * ``"uniform"``: :math:`w \sim U(-r, r)` with :math:`r = \sqrt{3\sigma^2}`,
      because :math:`\operatorname{Var}\,U(-r, r) = r^2/3`.
    * ``"truncated_normal"``: a normal cut at two standard deviations, whose
      standard deviation is divided by 0.87962566103423978 (the standard
      deviation of a standard normal truncated to [-2, 2]) so that the
      variance is still :math:`\sigma^2`.

    Xavier/Glorot (Glorot and Bengio, 2010), He/Kaiming (He et al., 2015) and
    LeCun (LeCun et al., 1998) initialization are all special cases; the same
    core is ``jax.nn.initializers.variance_scaling`` and Keras's
    ``VarianceScaling`` (``fan_geo_avg`` is JAX's and Flax's geometric mean).

    Parameters
    ----------
    shape : tuple of int
        ``(n_in, n_out)`` or ``(*receptive_field, c_in, c_out)``.
    scale : float, default 1.0
        Non-negative multiplier of the variance (the square of a gain).
    mode : {"fan_in", "fan_out", "fan_avg", "fan_geo_avg"}
    distribution : {"normal", "uniform", "truncated_normal"}
    in_axis, out_axis, batch_axis : int or sequence of int
        Which axes are inputs, outputs and independent copies, as in
        :func:`winit.compute_fans` and ``jax.nn.initializers.variance_scaling``.
    rng : None, int or numpy.random.Generator
    dtype : numpy.float32 or numpy.float64

    Returns
    -------
    numpy.ndarray of the given shape and dtype.

    Examples
    --------
    >>> w = variance_scaling((512, 256), scale=2.0, mode="fan_in", rng=0)
    >>> round(float(w.var() * 512), 1)   # close to scale = 2
    2.0
    >>> w = variance_scaling((256, 512), scale=2.0, in_axis=1, out_axis=0, rng=0)   # PyTorch's (out, in)
    >>> round(float(w.var() * 512), 1)
    2.0
    """
    dims = check_shape(shape, min_ndim=2)
    scale = check_real(scale, name="scale", nonnegative=True)
    check_choice(mode, MODES, name="mode")
    check_choice(distribution, DISTRIBUTIONS, name="distribution")
    axes = check_axes(len(dims), in_axis, out_axis, batch_axis)
    return _variance_scaling(dims, scale, mode, distribution, check_rng(rng), check_dtype(dtype), axes)


# ---------------------------------------------------------------------------
# Simple, non-fan initializers
# ---------------------------------------------------------------------------


def _unused_rng(rng: RngLike) -> None:
    """Check an ``rng`` that a deterministic initializer accepts for a uniform signature."""
    if rng is not None:
        check_rng(rng)


def zeros(shape: Shape, *, rng: RngLike = None, dtype: Any = np.float64) -> np.ndarray:
    """All zeros.  Fine for biases; for weights it never breaks symmetry.

    ``rng`` is accepted (and checked) so that every initializer has the same
    call signature; it is not used.

    Examples
    --------
    >>> float(zeros((2, 3)).sum())
    0.0
    """
    dims = check_shape(shape)
    _unused_rng(rng)
    return np.zeros(dims, dtype=check_dtype(dtype))


def constant(shape: Shape, value: float = 0.0, *, rng: RngLike = None, dtype: Any = np.float64) -> np.ndarray:
    """Every entry equal to ``value``; like :func:`zeros`, it cannot break symmetry.

    Examples
    --------
    >>> constant((2, 2), 0.5)
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    dims = check_shape(shape)
    value = check_real(value, name="value")
    _unused_rng(rng)
    return np.full(dims, value, dtype=check_dtype(dtype))


def uniform(
    shape: Shape,
    low: float = 0.0,
    high: float = 1.0,
    *,
    rng: RngLike = None,
    dtype: Any = np.float64,
) -> np.ndarray:
    r"""Draw from :math:`U(\text{low}, \text{high})`; variance :math:`(\text{high}-\text{low})^2/12`.

    Examples
    --------
    >>> w = uniform((3, 4), -0.1, 0.1, rng=0)
    >>> bool((abs(w) <= 0.1).all())
    True
    """
    dims = check_shape(shape)
    low = check_real(low, name="low")
    high = check_real(high, name="high")
    if not low < high:
        raise ValueError(f"low must be smaller than high; got low={low!r}, high={high!r}")
    generator = check_rng(rng)
    dt = check_dtype(dtype)
    out = generator.random(dims, dtype=dt)
    out *= dt.type(high - low)
    out += dt.type(low)
    return out


def normal(
    shape: Shape,
    mean: float = 0.0,
    std: float = 1.0,
    *,
    rng: RngLike = None,
    dtype: Any = np.float64,
) -> np.ndarray:
    r"""Draw from :math:`\mathcal N(\text{mean}, \text{std}^2)`.

    Note that ``std`` is a standard deviation: ``normal(shape, std=0.01)`` has
    variance :math:`10^{-4}`.

    Examples
    --------
    >>> normal((1000, 100), std=0.01, rng=0).std().round(3)
    np.float64(0.01)
    """
    dims = check_shape(shape)
    mean = check_real(mean, name="mean")
    std = check_real(std, name="std", nonnegative=True)
    generator = check_rng(rng)
    dt = check_dtype(dtype)
    out = generator.standard_normal(dims, dtype=dt)
    out *= dt.type(std)
    if mean:
        out += dt.type(mean)
    return out


def _normal_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


#: truncated_normal refuses an interval holding less than this share of the normal's mass
#: (rejection sampling would need more than a million draws per kept value).
MIN_TRUNCATED_MASS = 1e-6


def truncated_normal(
    shape: Shape,
    mean: float = 0.0,
    std: float = 1.0,
    a: float = -2.0,
    b: float = 2.0,
    *,
    rng: RngLike = None,
    dtype: Any = np.float64,
) -> np.ndarray:
    r"""Draw from :math:`\mathcal N(\text{mean}, \text{std}^2)` restricted to :math:`[a, b]`.

    The bounds ``a`` and ``b`` are values, not numbers of standard deviations, as in
    ``torch.nn.init.trunc_normal_``; values outside are redrawn.  With
    :math:`\alpha = (a - \mu)/\sigma`, :math:`\beta = (b - \mu)/\sigma` and
    :math:`Z = \Phi(\beta) - \Phi(\alpha)`, the result has

    .. math::

        E[w] = \mu + \sigma\,\frac{\varphi(\alpha) - \varphi(\beta)}{Z}, \qquad
        \operatorname{Var}(w) = \sigma^2\Big[1 + \frac{\alpha\varphi(\alpha) - \beta\varphi(\beta)}{Z}
            - \Big(\frac{\varphi(\alpha) - \varphi(\beta)}{Z}\Big)^2\Big],

    so ``std`` is the standard deviation of the normal *before* truncation (cut at
    :math:`\pm 2\sigma` it keeps a factor 0.8796 of it, see :data:`TRUNCATED_NORMAL_STD`;
    ``variance_scaling(..., distribution="truncated_normal")`` corrects for that, this
    function does not).  Draws are made by rejection in batches, so an interval far in
    the tail (less than :data:`MIN_TRUNCATED_MASS` of the mass) is refused.

    Examples
    --------
    >>> w = truncated_normal((1000, 100), std=0.02, a=-0.04, b=0.04, rng=0)
    >>> bool(abs(w).max() <= 0.04), round(float(w.std() / 0.02), 2)
    (True, 0.88)
    """
    dims = check_shape(shape)
    mean = check_real(mean, name="mean")
    std = check_real(std, name="std", positive=True)
    a = check_real(a, name="a")
    b = check_real(b, name="b")
    if not a < b:
        raise ValueError(f"a must be smaller than b; got a={a!r}, b={b!r}")
    mass = _normal_cdf((b - mean) / std) - _normal_cdf((a - mean) / std)
    if mass < MIN_TRUNCATED_MASS:
        raise ValueError(
            f"[a, b] = [{a!r}, {b!r}] holds only {mass:.3g} of the mass of N({mean!r}, {std!r}^2); "
            f"truncated_normal draws by rejection and needs at least {MIN_TRUNCATED_MASS:g}"
        )
    generator = check_rng(rng)
    dt = check_dtype(dtype)
    size = math.prod(dims)
    out = np.empty(size, dtype=dt)
    filled = 0
    while filled < size:
        need = size - filled
        draws = generator.standard_normal(math.ceil(1.1 * need / mass) + 16, dtype=dt)
        draws *= dt.type(std)
        draws += dt.type(mean)
        kept = draws[(draws >= a) & (draws <= b)][:need]
        out[filled : filled + kept.size] = kept
        filled += kept.size
    return out.reshape(dims)


# ---------------------------------------------------------------------------
# Named variance-scaling presets
# ---------------------------------------------------------------------------


def _gain(gain: float) -> float:
    return check_real(gain, name="gain", nonnegative=True)


def _normal_family(distribution: Any, initializer: str) -> str:
    if distribution == "uniform":
        raise ValueError(
            f"distribution must be 'normal' or 'truncated_normal' for {initializer}; "
            f"use {initializer.replace('_normal', '_uniform')} for the uniform one"
        )
    return check_choice(distribution, _NORMAL_FAMILY, name="distribution")


def standard_uniform(shape: Shape, *, rng: RngLike = None, dtype: Any = np.float64) -> np.ndarray:
    r"""Glorot and Bengio's "standard" heuristic :math:`U(-1/\sqrt{n_\text{in}}, 1/\sqrt{n_\text{in}})`.

    Variance :math:`1/(3 n_\text{in})`, i.e. ``variance_scaling(shape, 1/3,
    "fan_in", "uniform")``.  Glorot and Bengio (2010) show that it shrinks the
    back-propagated gradients layer after layer; it is also PyTorch's default
    for ``nn.Linear`` (``kaiming_uniform_(a=sqrt(5))`` reduces to it).

    Examples
    --------
    >>> w = standard_uniform((100, 10), rng=0)
    >>> bool((abs(w) <= 0.1).all())
    True
    """
    dims = check_shape(shape, min_ndim=2)
    return _variance_scaling(dims, 1.0 / 3.0, "fan_in", "uniform", check_rng(rng), check_dtype(dtype))


def xavier_uniform(shape: Shape, gain: float = 1.0, *, rng: RngLike = None, dtype: Any = np.float64) -> np.ndarray:
    r"""Xavier/Glorot uniform: :math:`U(-r, r)`, :math:`r = g\sqrt{6 / (n_\text{in} + n_\text{out})}`.

    Variance :math:`2 g^2 / (n_\text{in} + n_\text{out})`, the compromise between
    keeping forward activations (:math:`n_\text{in}\operatorname{Var} w = 1`)
    and backward gradients (:math:`n_\text{out}\operatorname{Var} w = 1`)
    steady (Glorot and Bengio, 2010).  The :math:`\sqrt 6` is
    :math:`\sqrt{3 \cdot 2}`: a uniform on :math:`(-r, r)` has variance :math:`r^2/3`.

    Examples
    --------
    >>> w = xavier_uniform((300, 100), rng=0)
    >>> bool(abs(w).max() <= (6 / 400) ** 0.5)
    True
    """
    dims = check_shape(shape, min_ndim=2)
    return _variance_scaling(dims, _gain(gain) ** 2, "fan_avg", "uniform", check_rng(rng), check_dtype(dtype))


def xavier_normal(
    shape: Shape,
    gain: float = 1.0,
    distribution: Distribution = "normal",
    *,
    rng: RngLike = None,
    dtype: Any = np.float64,
) -> np.ndarray:
    r"""Xavier/Glorot normal: :math:`\mathcal N(0, 2 g^2 / (n_\text{in} + n_\text{out}))`.

    Same variance as :func:`xavier_uniform` (Glorot and Bengio, 2010).  A plain
    normal by default, as ``torch.nn.init.xavier_normal_``;
    ``distribution="truncated_normal"`` gives Keras's and JAX's ``glorot_normal`` (a
    normal cut at two standard deviations, variance corrected back).

    Examples
    --------
    >>> w = xavier_normal((300, 100), rng=0)
    >>> round(float(w.var() * 200), 1)
    1.0
    """
    dims = check_shape(shape, min_ndim=2)
    family = _normal_family(distribution, "xavier_normal")
    return _variance_scaling(dims, _gain(gain) ** 2, "fan_avg", family, check_rng(rng), check_dtype(dtype))


def _he_scale(a: Any, mode: Any, nonlinearity: Any) -> float:
    """``gain**2`` of a He/Kaiming initializer, after checking its arguments."""
    check_choice(mode, ("fan_in", "fan_out"), name="mode")
    check_choice(nonlinearity, NONLINEARITIES, name="nonlinearity")
    a = check_real(a, name="a")
    if a != 0 and nonlinearity != "leaky_relu":
        raise ValueError(
            f"a={a!r} is the negative slope of leaky_relu, but nonlinearity={nonlinearity!r} ignores it; "
            "pass nonlinearity='leaky_relu' (PyTorch's default, whose gain with a=sqrt(5) gives nn.Linear's "
            "bound 1/sqrt(fan_in)) or leave a at 0"
        )
    return _gain_of(nonlinearity, a) ** 2


def he_uniform(
    shape: Shape,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    *,
    rng: RngLike = None,
    dtype: Any = np.float64,
) -> np.ndarray:
    r"""He/Kaiming uniform: :math:`U(-r, r)`, :math:`r = g\sqrt{3 / n}`, :math:`g` from :func:`calculate_gain`.

    For ReLU :math:`g^2 = 2`, so :math:`r = \sqrt{6/n_\text{in}}` and
    :math:`\operatorname{Var} w = 2/n_\text{in}` (He et al., 2015).  ``mode="fan_in"``
    keeps the forward signal steady, ``"fan_out"`` the backward one.  As in
    ``torch.nn.init.kaiming_uniform_``, the default nonlinearity is ``"leaky_relu"``
    with negative slope ``a`` (:math:`g^2 = 2/(1+a^2)`), which is ReLU's gain for
    the default ``a=0``; ``a=math.sqrt(5)`` is the call behind PyTorch's
    ``nn.Linear`` (bound :math:`1/\sqrt{n_\text{in}}`).  A non-zero ``a`` with
    another nonlinearity raises a ``ValueError`` instead of being ignored.

    Examples
    --------
    >>> w = he_uniform((600, 100), rng=0)
    >>> bool(abs(w).max() <= 0.1)            # sqrt(6/600) = 0.1
    True
    >>> w = he_uniform((400, 100), a=math.sqrt(5), rng=0)   # nn.Linear(400, 100)
    >>> bool(abs(w).max() <= 1 / 20)
    True
    """
    dims = check_shape(shape, min_ndim=2)
    scale = _he_scale(a, mode, nonlinearity)
    return _variance_scaling(dims, scale, mode, "uniform", check_rng(rng), check_dtype(dtype))


def he_normal(
    shape: Shape,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    distribution: Distribution = "normal",
    *,
    rng: RngLike = None,
    dtype: Any = np.float64,
) -> np.ndarray:
    r"""He/Kaiming normal: :math:`\mathcal N(0, g^2 / n)`; :math:`2/n_\text{in}` for ReLU.

    A plain normal by default, as in He et al. (2015) and
    ``torch.nn.init.kaiming_normal_``; ``distribution="truncated_normal"`` gives
    the Keras/JAX ``he_normal`` (a normal cut at two standard deviations with
    the variance corrected back to :math:`g^2/n`).  ``a``, ``mode`` and
    ``nonlinearity`` as in :func:`he_uniform`.

    Examples
    --------
    >>> w = he_normal((1000, 100), rng=0)
    >>> round(float(w.var() * 1000), 1)
    2.0
    """
    dims = check_shape(shape, min_ndim=2)
    family = _normal_family(distribution, "he_normal")
    scale = _he_scale(a, mode, nonlinearity)
    return _variance_scaling(dims, scale, mode, family, check_rng(rng), check_dtype(dtype))


def lecun_uniform(shape: Shape, *, rng: RngLike = None, dtype: Any = np.float64) -> np.ndarray:
    r"""LeCun uniform: :math:`U(-\sqrt{3/n_\text{in}}, \sqrt{3/n_\text{in}})`, variance :math:`1/n_\text{in}`.

    LeCun et al. (1998), "Efficient BackProp": unit-variance inputs give
    unit-variance pre-activations.

    Examples
    --------
    >>> w = lecun_uniform((300, 10), rng=0)
    >>> bool(abs(w).max() <= 0.1)
    True
    """
    dims = check_shape(shape, min_ndim=2)
    return _variance_scaling(dims, 1.0, "fan_in", "uniform", check_rng(rng), check_dtype(dtype))


def lecun_normal(
    shape: Shape,
    distribution: Distribution = "normal",
    *,
    rng: RngLike = None,
    dtype: Any = np.float64,
) -> np.ndarray:
    r"""LeCun normal: :math:`\mathcal N(0, 1/n_\text{in})`.

    The initializer SELU's self-normalisation assumes (Klambauer et al., 2017).
    ``distribution="truncated_normal"`` gives the Keras/JAX flavour.

    Examples
    --------
    >>> w = lecun_normal((1000, 100), rng=0)
    >>> round(float(w.var() * 1000), 1)
    1.0
    """
    dims = check_shape(shape, min_ndim=2)
    family = _normal_family(distribution, "lecun_normal")
    return _variance_scaling(dims, 1.0, "fan_in", family, check_rng(rng), check_dtype(dtype))


def orthogonal(shape: Shape, gain: float = 1.0, *, rng: RngLike = None, dtype: Any = np.float64) -> np.ndarray:
    r"""A (semi-)orthogonal matrix times ``gain`` (Saxe et al., 2014).

    The weight is viewed as a matrix with ``shape[-1]`` columns and
    ``prod(shape[:-1])`` rows.  A Gaussian matrix :math:`A` is factored as
    :math:`A = QR`; multiplying column :math:`j` of :math:`Q` by the sign of
    :math:`R_{jj}` makes :math:`Q` Haar-distributed (uniform over orthogonal
    matrices; Mezzadri, 2007).  If there are fewer rows than columns the rows
    are orthonormal, otherwise the columns are.

    Examples
    --------
    >>> q = orthogonal((4, 4), rng=0)
    >>> bool(np.allclose(q.T @ q, np.eye(4)))
    True
    """
    dims = check_shape(shape, min_ndim=2)
    gain = _gain(gain)
    generator = check_rng(rng)
    dt = check_dtype(dtype)
    n_rows, n_cols = math.prod(dims[:-1]), dims[-1]
    tall = (max(n_rows, n_cols), min(n_rows, n_cols))
    a = generator.standard_normal(tall)
    q, r = np.linalg.qr(a)
    q *= np.sign(np.diag(r))  # sign fix: column j times sign(R_jj)
    if n_rows < n_cols:
        q = q.T
    return (gain * q).reshape(dims).astype(dt, copy=False)


def eye(shape: Shape, gain: float = 1.0, *, rng: RngLike = None, dtype: Any = np.float64) -> np.ndarray:
    r"""The identity map: :math:`W_{ij} = g\,[i = j]` for a dense weight ``(n_in, n_out)``.

    With :math:`n_\text{in} = n_\text{out}` a linear layer starts as :math:`y = g x`; a
    rectangular weight keeps the first :math:`\min(n_\text{in}, n_\text{out})` inputs.
    ``torch.nn.init.eye_`` and Keras's ``Identity(gain)``; it breaks no symmetry between
    units by randomness (every unit copies its own input), and is the recurrent start of
    Le et al. (2015)'s IRNN.  ``rng`` is accepted and unused.

    Examples
    --------
    >>> eye((2, 3))
    array([[1., 0., 0.],
           [0., 1., 0.]])
    """
    dims = check_shape(shape, min_ndim=2)
    if len(dims) != 2:
        raise ValueError(f"shape must have exactly 2 dimensions (n_in, n_out) for eye; got {dims!r}")
    gain = check_real(gain, name="gain")
    _unused_rng(rng)
    dt = check_dtype(dtype)
    out = np.eye(dims[0], dims[1], dtype=dt)
    if gain != 1.0:
        out *= dt.type(gain)
    return out


def dirac(shape: Shape, groups: int = 1, *, rng: RngLike = None, dtype: Any = np.float64) -> np.ndarray:
    r"""The identity-preserving convolution kernel (``torch.nn.init.dirac_``), in winit's layout.

    For a kernel ``(*k, c_in, c_out)`` (1, 2 or 3 spatial dimensions) every entry is 0
    except, at the centre tap :math:`k_i // 2` of every spatial axis,

    .. math::

        w[\text{centre}, d, g\,c_g + d] = 1, \qquad
        c_g = c_\text{out}/\text{groups},\ d < \min(c_g, c_\text{in}),\ g < \text{groups},

    so a convolution with it copies input channel :math:`d` to output channel
    :math:`g\,c_g + d` of every group: a "same"-padded convolution starts as the
    identity (the ``c_in`` here is the channels per group, as in PyTorch's grouped
    weights).  ``rng`` is accepted and unused.

    Examples
    --------
    >>> w = dirac((3, 3, 2, 2))
    >>> w[1, 1]                                # the centre tap is the identity matrix
    array([[1., 0.],
           [0., 1.]])
    >>> float(w.sum())
    2.0
    """
    dims = check_shape(shape, min_ndim=3)
    if len(dims) > 5:
        raise ValueError(f"shape must have 3, 4 or 5 dimensions (*kernel, c_in, c_out) for dirac; got {dims!r}")
    if isinstance(groups, bool) or not isinstance(groups, int) or groups < 1:
        raise TypeError(f"groups must be a positive integer; got {groups!r}")
    if dims[-1] % groups:
        raise ValueError(f"c_out = shape[-1] = {dims[-1]} must be divisible by groups={groups}")
    _unused_rng(rng)
    out = np.zeros(dims, dtype=check_dtype(dtype))
    per_group = dims[-1] // groups
    centre = tuple(k // 2 for k in dims[:-2])
    for g in range(groups):
        for d in range(min(per_group, dims[-2])):
            out[(*centre, d, g * per_group + d)] = 1
    return out


glorot_uniform = xavier_uniform
glorot_normal = xavier_normal
kaiming_uniform = he_uniform
kaiming_normal = he_normal


#: Name -> initializer.  Every entry is called as ``f(shape, rng=..., dtype=...)``.
INITIALIZERS: dict[str, Initializer] = {
    "zeros": zeros,
    "constant": constant,
    "uniform": uniform,
    "normal": normal,
    "truncated_normal": truncated_normal,
    "standard_uniform": standard_uniform,
    "xavier_uniform": xavier_uniform,
    "xavier_normal": xavier_normal,
    "glorot_uniform": glorot_uniform,
    "glorot_normal": glorot_normal,
    "he_uniform": he_uniform,
    "he_normal": he_normal,
    "kaiming_uniform": kaiming_uniform,
    "kaiming_normal": kaiming_normal,
    "lecun_uniform": lecun_uniform,
    "lecun_normal": lecun_normal,
    "orthogonal": orthogonal,
    "eye": eye,
    "dirac": dirac,
}


def _same(a: Any, b: Any, name: str) -> bool:
    """Whether two values of keyword ``name`` are the same setting."""
    if a is b:
        return True
    if name == "dtype":
        try:
            return np.dtype(a) == np.dtype(b)
        except TypeError:
            return False
    if isinstance(a, np.random.Generator) or isinstance(b, np.random.Generator):
        return False  # two generators are the same only if they are the same object
    try:
        return bool(np.all(np.asarray(a == b)))
    except (TypeError, ValueError):
        return False


def _resolve(init: str | Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
    if isinstance(init, str):
        return INITIALIZERS[check_choice(init, tuple(INITIALIZERS), name="init")]
    if callable(init):
        return init
    raise TypeError(
        f"init must be an initializer name ({', '.join(INITIALIZERS)}) or a callable; "
        f"got {init!r} of type {type(init).__name__}"
    )


def get_initializer(init: str | Callable[..., np.ndarray], **bound: Any) -> Initializer:
    """Return a callable ``f(shape, *, rng, dtype)`` for a registry name or a callable.

    Keyword arguments are bound as defaults, e.g. ``get_initializer("normal", std=0.01)``
    or ``get_initializer("he_uniform", dtype=np.float32, rng=0)``.  A call may repeat a
    bound keyword with the same value; a different value raises a ``TypeError`` that
    names it (a bound setting is never silently overridden).  Names that the initializer
    does not take are refused here, not at the first call.

    Examples
    --------
    >>> f = get_initializer("normal", std=0.01)
    >>> f((2, 2), rng=0).shape
    (2, 2)
    >>> g = get_initializer("he_uniform", dtype=np.float32, rng=0)
    >>> g((3, 2)).dtype, bool((g((3, 2)) == g((3, 2), rng=0)).all())
    (dtype('float32'), True)
    """
    func = _resolve(init)
    if not bound:
        return func
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):  # a builtin without a signature: let the call decide
        params = None
    if params is not None and not any(p.kind is p.VAR_KEYWORD for p in params.values()):
        unknown = sorted(set(bound) - set(params))
        if unknown:
            known = ", ".join(name for name in params if name != "shape")
            raise TypeError(
                f"{getattr(func, '__name__', 'the initializer')}() takes no argument {unknown[0]!r}; "
                f"its arguments are {known}"
            )
    name = getattr(func, "__name__", "initializer")

    def initializer(shape: Shape, **kwargs: Any) -> np.ndarray:
        for key, value in kwargs.items():
            if key in bound and not _same(value, bound[key], key):
                raise TypeError(
                    f"{key} was bound to {bound[key]!r} by get_initializer({name!r}, ...); "
                    f"this call passes {key}={value!r}: leave it out, or bind another value"
                )
        return func(shape, **{**bound, **kwargs})

    initializer.__name__ = name
    initializer.__doc__ = f"``{name}`` with {', '.join(f'{k}={v!r}' for k, v in bound.items())} bound."
    return initializer


# ---------------------------------------------------------------------------
# Ways to start: one spec type, one catalogue
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class InitSpec:
    """One way to start a weight: an initializer, its arguments and a label.

    ``init`` is a name from :data:`INITIALIZERS` or a callable with the
    :class:`~winit._types.Initializer` signature; ``init_kwargs`` are bound to it.  A spec
    is itself an initializer (``spec(shape, rng=0)`` draws), and the type from which the
    explorers' menus, the benchmark's :class:`winit.experiments.Scheme` and the
    frameworks' :class:`winit.framework_defaults.FrameworkInit` are built.

    Examples
    --------
    >>> spec = STARTS["normal(0, 0.01)"]
    >>> spec.label, spec.call
    ('N(0, 0.01)', 'winit.normal(shape, std=0.01)')
    >>> spec((2, 3), rng=0).shape
    (2, 3)
    """

    init: str | Callable[..., np.ndarray]
    init_kwargs: Mapping[str, Any] = field(default_factory=dict)
    label: str = field(default="", kw_only=True)

    def __post_init__(self) -> None:
        _resolve(self.init)  # a bad name is refused when the spec is made
        if not isinstance(self.init_kwargs, Mapping):
            raise TypeError(f"init_kwargs must be a mapping of keyword arguments; got {self.init_kwargs!r}")

    @property
    def name(self) -> str:
        """The initializer's name (``init`` itself, or a callable's ``__name__``)."""
        return self.init if isinstance(self.init, str) else getattr(self.init, "__name__", "initializer")

    @property
    def call(self) -> str:
        """The winit call that this spec makes, as text: ``winit.normal(shape, std=0.01)``."""
        args = "".join(f", {k}={v!r}" for k, v in self.init_kwargs.items())
        return f"winit.{self.name}(shape{args})"

    def initializer(self) -> Initializer:
        """The initializer with the arguments bound (:func:`get_initializer`)."""
        return get_initializer(self.init, **self.init_kwargs)

    def __call__(self, shape: Shape, *, rng: RngLike = None, dtype: Any = np.float64) -> np.ndarray:
        return _resolve(self.init)(shape, rng=rng, dtype=dtype, **self.init_kwargs)


#: The course's ways to start, keyed by the short name the explorers and figures take
#: (``init="normal(0, 1)"``); each spec's ``label`` is its name in tables and legends.
#: The benchmark's :data:`winit.experiments.SCHEMES` are these, in this order, plus LSUV.
STARTS: dict[str, InitSpec] = {
    "zeros": InitSpec("zeros", label="zeros"),
    "constant(0.1)": InitSpec("constant", {"value": 0.1}, label="constant 0.1"),
    "normal(0, 0.01)": InitSpec("normal", {"std": 0.01}, label="N(0, 0.01)"),
    "normal(0, 1)": InitSpec("normal", {"std": 1.0}, label="N(0, 1)"),
    "standard_uniform": InitSpec("standard_uniform", label="standard uniform"),
    "xavier_uniform": InitSpec("xavier_uniform", label="Xavier uniform"),
    "xavier_normal": InitSpec("xavier_normal", label="Xavier normal"),
    "he_uniform": InitSpec("he_uniform", label="He uniform"),
    "he_normal": InitSpec("he_normal", label="He normal"),
    "lecun_normal": InitSpec("lecun_normal", label="LeCun normal"),
    "orthogonal": InitSpec("orthogonal", label="orthogonal"),
}


def get_start(key: str) -> InitSpec:
    """The spec of :data:`STARTS` with this key (a clear error for an unknown one).

    Examples
    --------
    >>> get_start("constant(0.1)").init_kwargs
    {'value': 0.1}
    """
    return STARTS[check_choice(key, tuple(STARTS), name="init")]
