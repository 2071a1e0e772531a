r"""Weight initializers: one core, :func:`variance_scaling`, and its named presets.

Every fan-based scheme in this module draws zero-mean weights whose variance is

.. math::

    \operatorname{Var}(w) = \frac{\text{scale}}{n}, \qquad
    n \in \{\text{fan\_in},\ \text{fan\_out},\ (\text{fan\_in} + \text{fan\_out}) / 2\},

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
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from ._checks import check_choice, check_dtype, check_real, check_rng, check_shape
from .fans import calculate_gain, compute_fans

__all__ = [
    "MODES",
    "DISTRIBUTIONS",
    "TRUNCATED_NORMAL_STD",
    "variance_scaling",
    "zeros",
    "constant",
    "uniform",
    "normal",
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
    "INITIALIZERS",
    "get_initializer",
]

MODES = ("fan_in", "fan_out", "fan_avg")
DISTRIBUTIONS = ("normal", "uniform", "truncated_normal")

#: Standard deviation of a standard normal truncated to [-2, 2].  A normal with
#: standard deviation ``s`` cut at two standard deviations has standard
#: deviation ``TRUNCATED_NORMAL_STD * s``; dividing ``s`` by it restores the
#: intended variance.  Equal to ``scipy.stats.truncnorm.std(-2, 2)``.
TRUNCATED_NORMAL_STD = 0.87962566103423978

Shape = Any  # a tuple of positive ints (or an int for a 1-D array)


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


def variance_scaling(
    shape: Shape,
    scale: float = 1.0,
    mode: str = "fan_in",
    distribution: str = "normal",
    *,
    rng: Any = None,
    dtype: Any = np.float64,
) -> np.ndarray:
    r"""Draw zero-mean weights with variance ``scale / n``: the core of winit.

    .. math::

        \operatorname{Var}(w) = \frac{\text{scale}}{n}, \qquad
        n = \begin{cases}
            \text{fan\_in} & \text{mode} = \texttt{"fan\_in"} \\
            \text{fan\_out} & \text{mode} = \texttt{"fan\_out"} \\
            (\text{fan\_in} + \text{fan\_out}) / 2 & \text{mode} = \texttt{"fan\_avg"}
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
    ``VarianceScaling``.

    Parameters
    ----------
    shape : tuple of int
        ``(n_in, n_out)`` or ``(*receptive_field, c_in, c_out)``.
    scale : float, default 1.0
        Non-negative multiplier of the variance (the square of a gain).
    mode : {"fan_in", "fan_out", "fan_avg"}
    distribution : {"normal", "uniform", "truncated_normal"}
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
    """
    dims = check_shape(shape, min_ndim=2)
    scale = check_real(scale, name="scale", nonnegative=True)
    check_choice(mode, MODES, name="mode")
    check_choice(distribution, DISTRIBUTIONS, name="distribution")
    generator = check_rng(rng)
    dt = check_dtype(dtype)
    fan_in, fan_out = compute_fans(dims)
    n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[mode]
    return _draw(dims, math.sqrt(scale / n), distribution, generator, dt)


# ---------------------------------------------------------------------------
# Simple, non-fan initializers
# ---------------------------------------------------------------------------


def zeros(shape: Shape, *, rng: Any = None, dtype: Any = np.float64) -> np.ndarray:
    """All zeros.  Fine for biases; for weights it never breaks symmetry.

    ``rng`` is accepted (and checked) so that every initializer has the same
    call signature; it is not used.

    Examples
    --------
    >>> float(zeros((2, 3)).sum())
    0.0
    """
    dims = check_shape(shape)
    check_rng(rng) if rng is not None else None
    return np.zeros(dims, dtype=check_dtype(dtype))


def constant(shape: Shape, value: float = 0.0, *, rng: Any = None, dtype: Any = np.float64) -> np.ndarray:
    """Every entry equal to ``value``; like :func:`zeros`, it cannot break symmetry.

    Examples
    --------
    >>> constant((2, 2), 0.5)
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    dims = check_shape(shape)
    value = check_real(value, name="value")
    check_rng(rng) if rng is not None else None
    return np.full(dims, value, dtype=check_dtype(dtype))


def uniform(
    shape: Shape,
    low: float = 0.0,
    high: float = 1.0,
    *,
    rng: Any = None,
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
    rng: Any = None,
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


# ---------------------------------------------------------------------------
# Named variance-scaling presets
# ---------------------------------------------------------------------------


def _gain(gain: float) -> float:
    return check_real(gain, name="gain", nonnegative=True)


def standard_uniform(shape: Shape, *, rng: Any = None, dtype: Any = np.float64) -> np.ndarray:
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
    return variance_scaling(shape, 1.0 / 3.0, "fan_in", "uniform", rng=rng, dtype=dtype)


def xavier_uniform(shape: Shape, gain: float = 1.0, *, rng: Any = None, dtype: Any = np.float64) -> np.ndarray:
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
    return variance_scaling(shape, _gain(gain) ** 2, "fan_avg", "uniform", rng=rng, dtype=dtype)


def xavier_normal(shape: Shape, gain: float = 1.0, *, rng: Any = None, dtype: Any = np.float64) -> np.ndarray:
    r"""Xavier/Glorot normal: :math:`\mathcal N(0, 2 g^2 / (n_\text{in} + n_\text{out}))`.

    Same variance as :func:`xavier_uniform` (Glorot and Bengio, 2010).

    Examples
    --------
    >>> w = xavier_normal((300, 100), rng=0)
    >>> round(float(w.var() * 200), 1)
    1.0
    """
    return variance_scaling(shape, _gain(gain) ** 2, "fan_avg", "normal", rng=rng, dtype=dtype)


def _he(shape, a, mode, nonlinearity, distribution, rng, dtype):
    check_choice(mode, ("fan_in", "fan_out"), name="mode")
    a = check_real(a, name="a")
    gain = calculate_gain(nonlinearity, a)
    return variance_scaling(shape, gain**2, mode, distribution, rng=rng, dtype=dtype)


def he_uniform(
    shape: Shape,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "relu",
    *,
    rng: Any = None,
    dtype: Any = np.float64,
) -> np.ndarray:
    r"""He/Kaiming uniform: :math:`U(-r, r)`, :math:`r = g\sqrt{3 / n}`, :math:`g` from :func:`calculate_gain`.

    For ReLU :math:`g^2 = 2`, so :math:`r = \sqrt{6/n_\text{in}}` and
    :math:`\operatorname{Var} w = 2/n_\text{in}` (He et al., 2015).  ``mode="fan_in"``
    keeps the forward signal steady, ``"fan_out"`` the backward one.  ``a`` is
    the negative slope used when ``nonlinearity="leaky_relu"``, as in
    ``torch.nn.init.kaiming_uniform_``.

    Examples
    --------
    >>> w = he_uniform((600, 100), rng=0)
    >>> bool(abs(w).max() <= 0.1)            # sqrt(6/600) = 0.1
    True
    """
    return _he(shape, a, mode, nonlinearity, "uniform", rng, dtype)


def he_normal(
    shape: Shape,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "relu",
    distribution: str = "normal",
    *,
    rng: Any = None,
    dtype: Any = np.float64,
) -> np.ndarray:
    r"""He/Kaiming normal: :math:`\mathcal N(0, g^2 / n)`; :math:`2/n_\text{in}` for ReLU.

    A plain normal by default, as in He et al. (2015) and
    ``torch.nn.init.kaiming_normal_``; ``distribution="truncated_normal"`` gives
    the Keras/JAX ``he_normal`` (a normal cut at two standard deviations with
    the variance corrected back to :math:`g^2/n`).

    Examples
    --------
    >>> w = he_normal((1000, 100), rng=0)
    >>> round(float(w.var() * 1000), 1)
    2.0
    """
    if distribution == "uniform":
        raise ValueError("distribution must be 'normal' or 'truncated_normal' for he_normal; use he_uniform")
    check_choice(distribution, ("normal", "truncated_normal"), name="distribution")
    return _he(shape, a, mode, nonlinearity, distribution, rng, dtype)


def lecun_uniform(shape: Shape, *, rng: Any = None, dtype: Any = np.float64) -> np.ndarray:
    r"""LeCun uniform: :math:`U(-\sqrt{3/n_\text{in}}, \sqrt{3/n_\text{in}})`, variance :math:`1/n_\text{in}`.

    LeCun et al. (1998), "Efficient BackProp": unit-variance inputs give
    unit-variance pre-activations.

    Examples
    --------
    >>> w = lecun_uniform((300, 10), rng=0)
    >>> bool(abs(w).max() <= 0.1)
    True
    """
    return variance_scaling(shape, 1.0, "fan_in", "uniform", rng=rng, dtype=dtype)


def lecun_normal(
    shape: Shape,
    distribution: str = "normal",
    *,
    rng: Any = None,
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
    check_choice(distribution, ("normal", "truncated_normal"), name="distribution")
    return variance_scaling(shape, 1.0, "fan_in", distribution, rng=rng, dtype=dtype)


def orthogonal(shape: Shape, gain: float = 1.0, *, rng: Any = None, dtype: Any = np.float64) -> np.ndarray:
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


glorot_uniform = xavier_uniform
glorot_normal = xavier_normal
kaiming_uniform = he_uniform
kaiming_normal = he_normal


#: Name -> initializer.  Every entry is called as ``f(shape, rng=..., dtype=...)``.
INITIALIZERS: dict[str, Callable[..., np.ndarray]] = {
    "zeros": zeros,
    "constant": constant,
    "uniform": uniform,
    "normal": normal,
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
}


def get_initializer(init: str | Callable[..., np.ndarray], **kwargs: Any) -> Callable[..., np.ndarray]:
    """Return a callable ``f(shape, *, rng, dtype)`` for a registry name or a callable.

    Extra keyword arguments are bound, e.g. ``get_initializer("normal", std=0.01)``.

    Examples
    --------
    >>> f = get_initializer("normal", std=0.01)
    >>> f((2, 2), rng=0).shape
    (2, 2)
    """
    if isinstance(init, str):
        check_choice(init, tuple(INITIALIZERS), name="init")
        func = INITIALIZERS[init]
    elif callable(init):
        func = init
    else:
        raise TypeError(
            f"init must be an initializer name ({', '.join(INITIALIZERS)}) or a callable; "
            f"got {init!r} of type {type(init).__name__}"
        )
    if not kwargs:
        return func

    def bound(shape: Shape, *, rng: Any = None, dtype: Any = np.float64) -> np.ndarray:
        return func(shape, rng=rng, dtype=dtype, **kwargs)

    bound.__name__ = getattr(func, "__name__", "initializer")
    return bound
