r"""What PyTorch, Keras and JAX/Flax actually draw, and the winit call that draws the same.

Every framework implements the same few variance-scaling rules, but under
different names, with different defaults, different truncation and, above all,
different weight *layouts*:

============  ==================================  ======================================
framework     dense weight                        2-D convolution kernel
============  ==================================  ======================================
PyTorch       ``(out, in)``                       ``(c_out, c_in, kh, kw)``
Keras         ``(in, out)``                       ``(kh, kw, c_in, c_out)``
JAX / Flax    ``(in, out)``                       ``(kh, kw, c_in, c_out)``
winit         ``(in, out)``                       ``(kh, kw, c_in, c_out)``
============  ==================================  ======================================

so a PyTorch shape has to be transposed (:func:`to_winit_shape`,
:func:`to_winit_weight`) before winit's :func:`~winit.compute_fans` reads it, and
:func:`framework_fans` computes the fans in each framework's own convention:

.. math::

    \text{PyTorch: } \text{fan\_in} = \text{shape}[1] \prod_{k \ge 2} \text{shape}[k], \quad
    \text{fan\_out} = \text{shape}[0] \prod_{k \ge 2} \text{shape}[k];
    \qquad
    \text{Keras, JAX: } \text{fan\_in} = \text{shape}[-2] \prod_{k < -2} \text{shape}[k], \quad
    \text{fan\_out} = \text{shape}[-1] \prod_{k < -2} \text{shape}[k].

:data:`FRAMEWORK_INITS` is a registry of :class:`FrameworkInit` records, one per
framework initializer or layer default, each holding the documented
distribution, its variance and a winit callable that draws from the same
distribution in winit's layout.  :func:`defaults_table` turns it into rows for a
table.  Keras and JAX are not dependencies of winit: their facts are taken from
their documentation and source, cited next to each entry (Keras 3 and Keras 2
from TensorFlow 2 agree on all of them; JAX as of ``jax.nn.initializers`` 0.4).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._checks import check_choice, check_shape
from ._types import DISTRIBUTIONS
from .fans import compute_fans
from .initializers import (
    TRUNCATED_NORMAL_STD,
    InitSpec,
    he_normal,
    he_uniform,
    lecun_normal,
    lecun_uniform,
    orthogonal,
    standard_uniform,
    uniform,
    variance_scaling,
    xavier_normal,
    xavier_uniform,
    zeros,
)

__all__ = [
    "FRAMEWORKS",
    "FRAMEWORK_NAMES",
    "LAYOUTS",
    "FAMILIES",
    "FrameworkInit",
    "FRAMEWORK_INITS",
    "to_winit_shape",
    "from_winit_shape",
    "to_winit_weight",
    "from_winit_weight",
    "framework_fans",
    "get_framework_init",
    "layer_defaults",
    "defaults_table",
    "defaults_markdown",
    "defaults_html",
]

#: Framework keys accepted by every function of this module.
FRAMEWORKS = ("pytorch", "keras", "jax")

#: How each framework is spelled in tables.
FRAMEWORK_NAMES = {"pytorch": "PyTorch", "keras": "Keras", "jax": "JAX/Flax"}

#: Weight layout of each framework: dense, then 2-D convolution.
LAYOUTS = {
    "pytorch": "(out, in); conv (c_out, c_in, kh, kw)",
    "keras": "(in, out); conv (kh, kw, c_in, c_out)",
    "jax": "(in, out); conv (kh, kw, c_in, c_out)",
}

#: What a framework entry draws: one of winit's distributions, or an orthogonal matrix, or zeros.
FAMILIES = (*DISTRIBUTIONS, "orthogonal", "zeros")
PARAMS = ("weight", "bias")


# ---------------------------------------------------------------------------
# Layouts and fans
# ---------------------------------------------------------------------------


def to_winit_shape(framework: str, shape: Any) -> tuple[int, ...]:
    r"""Translate a weight shape from ``framework``'s layout into winit's.

    PyTorch stores ``(out, in, *receptive_field)``; winit (like Keras and JAX)
    ``(*receptive_field, in, out)``.  Keras and JAX shapes are returned as they are.

    Parameters
    ----------
    framework : {"pytorch", "keras", "jax"}
    shape : tuple of int
        At least two positive dimensions.

    Examples
    --------
    >>> to_winit_shape("pytorch", (256, 784))          # nn.Linear(784, 256).weight
    (784, 256)
    >>> to_winit_shape("pytorch", (64, 3, 7, 5))       # nn.Conv2d(3, 64, (7, 5)).weight
    (7, 5, 3, 64)
    >>> to_winit_shape("keras", (3, 3, 16, 32))
    (3, 3, 16, 32)
    """
    check_choice(framework, FRAMEWORKS, name="framework")
    dims = check_shape(shape, min_ndim=2)
    if framework == "pytorch":
        return (*dims[2:], dims[1], dims[0])
    return dims


def from_winit_shape(framework: str, shape: Any) -> tuple[int, ...]:
    r"""Inverse of :func:`to_winit_shape`: winit's ``(*rf, in, out)`` into ``framework``'s layout.

    Examples
    --------
    >>> from_winit_shape("pytorch", (784, 256))
    (256, 784)
    >>> from_winit_shape("pytorch", (7, 5, 3, 64))
    (64, 3, 7, 5)
    >>> from_winit_shape("pytorch", to_winit_shape("pytorch", (8, 4, 3, 3, 3)))
    (8, 4, 3, 3, 3)
    """
    check_choice(framework, FRAMEWORKS, name="framework")
    dims = check_shape(shape, min_ndim=2)
    if framework == "pytorch":
        return (dims[-1], dims[-2], *dims[:-2])
    return dims


def _check_weight(weight: Any) -> np.ndarray:
    if not hasattr(weight, "shape"):
        raise TypeError(f"weight must be an array with at least 2 dimensions; got {type(weight).__name__}")
    weight = np.asarray(weight)
    check_shape(weight.shape, name="weight.shape", min_ndim=2)
    return weight


def to_winit_weight(framework: str, weight: Any) -> np.ndarray:
    r"""Transpose an array from ``framework``'s layout into winit's (a view, no copy).

    For PyTorch, axes ``(0, 1, 2, ..., n-1)`` become ``(2, ..., n-1, 1, 0)``.

    Examples
    --------
    >>> w = np.zeros((64, 3, 7, 5))                     # PyTorch conv weight
    >>> to_winit_weight("pytorch", w).shape
    (7, 5, 3, 64)
    """
    check_choice(framework, FRAMEWORKS, name="framework")
    weight = _check_weight(weight)
    if framework == "pytorch":
        return np.transpose(weight, (*range(2, weight.ndim), 1, 0))
    return weight


def from_winit_weight(framework: str, weight: Any) -> np.ndarray:
    r"""Inverse of :func:`to_winit_weight`: a winit array into ``framework``'s layout.

    Examples
    --------
    >>> w = np.arange(24.0).reshape(2, 3, 4)            # winit (k, in, out)
    >>> bool((to_winit_weight("pytorch", from_winit_weight("pytorch", w)) == w).all())
    True
    """
    check_choice(framework, FRAMEWORKS, name="framework")
    weight = _check_weight(weight)
    if framework == "pytorch":
        n = weight.ndim
        return np.transpose(weight, (n - 1, n - 2, *range(n - 2)))
    return weight


def framework_fans(framework: str, shape: Any) -> tuple[int, int]:
    r"""``(fan_in, fan_out)`` of a weight given in ``framework``'s own layout.

    PyTorch (``torch.nn.init._calculate_fan_in_and_fan_out``) reads dimension 1
    as inputs and dimension 0 as outputs, times the receptive field
    ``prod(shape[2:])``; Keras (``keras.src.initializers.random_initializers.compute_fans``)
    and JAX (``jax.nn.initializers.variance_scaling`` with ``in_axis=-2,
    out_axis=-1``) read the last two dimensions, times ``prod(shape[:-2])``.

    Examples
    --------
    >>> framework_fans("pytorch", (256, 784))
    (784, 256)
    >>> framework_fans("pytorch", (32, 16, 3, 3))
    (144, 288)
    >>> framework_fans("jax", (3, 3, 16, 32))
    (144, 288)
    """
    check_choice(framework, FRAMEWORKS, name="framework")
    if framework == "pytorch":
        return compute_fans(shape, in_axis=1, out_axis=0)
    return compute_fans(shape)


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FrameworkInit:
    r"""One framework initializer (or layer default) and the winit call that draws the same.

    Attributes
    ----------
    framework : {"pytorch", "keras", "jax"}
    name : str
        The framework's spelling, e.g. ``"torch.nn.init.kaiming_normal_"``.
    param : {"weight", "bias"}
    layer_default_for : str
        The layers that use it by default ("" if none does).
    distribution : {"normal", "uniform", "truncated_normal", "orthogonal", "zeros"}
    variance_formula : str
        :math:`\operatorname{Var}(w)` in words, e.g. ``"2 / fan_in"``.
    layout : str
        The framework's layout of this parameter.
    start : winit.InitSpec
        The winit way to start that draws the same: :attr:`winit_equivalent` is the spec
        itself, called as ``f(shape, *, rng=None, dtype=np.float64)``; ``shape`` is the
        *weight* shape in winit's layout (for a bias as well: its bounds depend on the
        weight's fan-in); it returns the weight, or a bias of shape ``(shape[-1],)``.
        :attr:`winit_call` is the spec's call as text (or its label, for a bias).
    variance : callable
        ``variance(shape) -> float``: the documented :math:`\operatorname{Var}(w)`
        for a weight of winit-layout ``shape``.
    source : str
        Where the fact is documented.
    """

    framework: str
    name: str
    param: str
    layer_default_for: str
    distribution: str
    variance_formula: str
    layout: str
    start: InitSpec
    variance: Callable[[tuple[int, ...]], float]
    source: str

    def __post_init__(self) -> None:
        check_choice(self.framework, FRAMEWORKS, name="framework")
        check_choice(self.param, PARAMS, name="param")
        check_choice(self.distribution, FAMILIES, name="distribution")
        if not isinstance(self.start, InitSpec):
            raise TypeError(f"start must be a winit.InitSpec; got {type(self.start).__name__}")
        if not callable(self.variance):
            raise TypeError(f"variance must be callable; got {type(self.variance).__name__}")

    @property
    def winit_call(self) -> str:
        """The winit expression, with ``shape`` in winit's layout."""
        return self.start.label or self.start.call

    @property
    def winit_equivalent(self) -> InitSpec:
        """The winit initializer that draws the same, ``f(shape, *, rng, dtype)`` (the spec itself)."""
        return self.start

    def expected_variance(self, shape: Any) -> float:
        r"""The documented :math:`\operatorname{Var}(w)` for a weight of winit-layout ``shape``.

        Examples
        --------
        >>> get_framework_init("pytorch", "kaiming_uniform_(a=sqrt(5))").expected_variance((300, 10))
        0.0011111111111111111
        """
        return float(self.variance(check_shape(shape, min_ndim=2)))

    def max_abs(self, shape: Any) -> float:
        r"""The largest :math:`|w|` the distribution allows (``inf`` for a plain normal).

        Uniform :math:`U(-r, r)`: :math:`r = \sqrt{3 \operatorname{Var}}`; truncated normal:
        two standard deviations of the *uncorrected* normal,
        :math:`2 \sqrt{\operatorname{Var}} / 0.8796`; orthogonal: 1 (entries of unit vectors).

        Examples
        --------
        >>> m = get_framework_init("keras", "he_normal").max_abs((512, 256))
        >>> round(m / (2 / 512) ** 0.5, 4)                  # in units of the std
        2.2737
        """
        var = self.expected_variance(shape)
        if self.distribution == "uniform":
            return math.sqrt(3.0 * var)
        if self.distribution == "truncated_normal":
            return 2.0 * math.sqrt(var) / TRUNCATED_NORMAL_STD
        if self.distribution == "orthogonal":
            return 1.0
        if self.distribution == "zeros":
            return 0.0
        return math.inf

    def sample(self, shape: Any, *, rng: Any = None, dtype: Any = np.float64, layout: str = "winit") -> np.ndarray:
        r"""Draw with the winit equivalent; ``layout="framework"`` takes and returns the framework's layout.

        Examples
        --------
        >>> init = get_framework_init("pytorch", "kaiming_uniform_(a=sqrt(5))")
        >>> init.sample((256, 784), rng=0, layout="framework").shape    # nn.Linear(784, 256)
        (256, 784)
        """
        check_choice(layout, ("winit", "framework"), name="layout")
        if layout == "winit":
            return self.winit_equivalent(shape, rng=rng, dtype=dtype)
        w = self.winit_equivalent(to_winit_shape(self.framework, shape), rng=rng, dtype=dtype)
        return w if self.param == "bias" else from_winit_weight(self.framework, w)


def _call(func: Callable[..., np.ndarray], **kwargs: Any) -> InitSpec:
    """A winit preset with bound keyword arguments, as a way to start."""
    return InitSpec(func, kwargs)


def _torch_bias(shape: Any, *, rng: Any = None, dtype: Any = np.float64) -> np.ndarray:
    """PyTorch's default bias: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) of the weight's fan_in, shape (out,)."""
    dims = check_shape(shape, min_ndim=2)
    bound = 1.0 / math.sqrt(compute_fans(dims)[0])
    return uniform((dims[-1],), -bound, bound, rng=rng, dtype=dtype)


def _zero_bias(shape: Any, *, rng: Any = None, dtype: Any = np.float64) -> np.ndarray:
    """Keras's and Flax's default bias: zeros of shape (out,)."""
    dims = check_shape(shape, min_ndim=2)
    return zeros((dims[-1],), dtype=dtype)


def _orthogonal_variance(shape: tuple[int, ...]) -> float:
    # winit (and Keras, JAX) view the weight as a rows x cols matrix, rows = prod(shape[:-1]),
    # whose min(rows, cols) orthonormal vectors hold min(rows, cols) units of squared norm:
    # the mean square entry is min / (rows * cols) = 1 / max(rows, cols).
    return 1.0 / max(math.prod(shape[:-1]), shape[-1])


_VAR = {
    "1/(3 fan_in)": lambda s: 1.0 / (3.0 * compute_fans(s)[0]),
    "1/fan_in": lambda s: 1.0 / compute_fans(s)[0],
    "2/fan_in": lambda s: 2.0 / compute_fans(s)[0],
    "2/(fan_in + fan_out)": lambda s: 2.0 / sum(compute_fans(s)),
    "1/max(rows, cols)": _orthogonal_variance,
    "0": lambda s: 0.0,
}

# Sources (consulted for this registry):
_TORCH_INIT = "https://pytorch.org/docs/stable/nn.init.html"
_TORCH_LINEAR = "https://github.com/pytorch/pytorch/blob/main/torch/nn/modules/linear.py"  # Linear.reset_parameters
_TORCH_CONV = "https://github.com/pytorch/pytorch/blob/main/torch/nn/modules/conv.py"  # _ConvNd.reset_parameters
_KERAS_INIT = "https://keras.io/api/layers/initializers/"  # keras/src/initializers/random_initializers.py
_KERAS_DENSE = "https://keras.io/api/layers/core_layers/dense/"  # kernel_initializer="glorot_uniform", bias "zeros"
_KERAS_LSTM = "https://keras.io/api/layers/recurrent_layers/lstm/"  # recurrent_initializer="orthogonal"
_JAX_INIT = "https://jax.readthedocs.io/en/latest/jax.nn.initializers.html"  # jax/_src/nn/initializers.py
_FLAX_DENSE = "https://flax.readthedocs.io/en/latest/api_reference/flax.linen/layers.html"  # Dense: lecun_normal, zeros


def _entry(
    framework: str,
    name: str,
    param: str,
    default_for: str,
    distribution: str,
    formula: str,
    layout: str,
    start: InitSpec,
    source: str,
) -> FrameworkInit:
    return FrameworkInit(
        framework, name, param, default_for, distribution, formula, layout, start, _VAR[formula], source
    )


def _zero_bias_call() -> InitSpec:
    return InitSpec(_zero_bias, label="winit.zeros((shape[-1],))")


_TORCH_W = "(out, in); (c_out, c_in, kh, kw)"
_TF_W = "(in, out); (kh, kw, c_in, c_out)"

#: Every framework initializer and layer default known to this module, with its winit equivalent.
FRAMEWORK_INITS: tuple[FrameworkInit, ...] = (
    # ---- PyTorch -------------------------------------------------------------------------
    # nn.Linear and nn.Conv{1,2,3}d call kaiming_uniform_(weight, a=sqrt(5)): gain^2 = 2/(1+5) = 1/3,
    # bound = gain * sqrt(3/fan_in) = 1/sqrt(fan_in).  Bias: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
    _entry(
        "pytorch",
        "kaiming_uniform_(a=sqrt(5))",
        "weight",
        "nn.Linear, nn.Conv1d/2d/3d",
        "uniform",
        "1/(3 fan_in)",
        _TORCH_W,
        _call(standard_uniform),
        _TORCH_LINEAR,
    ),
    _entry(
        "pytorch",
        "uniform_(-1/sqrt(fan_in), 1/sqrt(fan_in))",
        "bias",
        "nn.Linear, nn.Conv1d/2d/3d",
        "uniform",
        "1/(3 fan_in)",
        "(out,)",
        InitSpec(_torch_bias, label="winit.uniform((shape[-1],), -1/sqrt(fan_in), 1/sqrt(fan_in))"),
        _TORCH_CONV,
    ),
    # kaiming_*_ defaults: a=0, mode="fan_in", nonlinearity="leaky_relu" -> gain sqrt(2/(1+0)) = sqrt(2).
    _entry("pytorch", "kaiming_normal_", "weight", "", "normal", "2/fan_in", _TORCH_W, _call(he_normal), _TORCH_INIT),
    _entry(
        "pytorch", "kaiming_uniform_", "weight", "", "uniform", "2/fan_in", _TORCH_W, _call(he_uniform), _TORCH_INIT
    ),
    _entry(
        "pytorch",
        "xavier_normal_",
        "weight",
        "",
        "normal",
        "2/(fan_in + fan_out)",
        _TORCH_W,
        _call(xavier_normal),
        _TORCH_INIT,
    ),
    _entry(
        "pytorch",
        "xavier_uniform_",
        "weight",
        "",
        "uniform",
        "2/(fan_in + fan_out)",
        _TORCH_W,
        _call(xavier_uniform),
        _TORCH_INIT,
    ),
    # orthogonal_ flattens to (shape[0], numel/shape[0]) = (out, in*rf): the transpose of winit's view.
    _entry(
        "pytorch",
        "orthogonal_",
        "weight",
        "",
        "orthogonal",
        "1/max(rows, cols)",
        _TORCH_W,
        _call(orthogonal),
        _TORCH_INIT,
    ),
    # ---- Keras (3, and 2 in TensorFlow 2) ----------------------------------------------------
    # VarianceScaling(distribution="truncated_normal") cuts at 2 std and divides the std by .87962566103423978.
    _entry(
        "keras",
        "glorot_uniform",
        "weight",
        "Dense, Conv1D/2D/3D",
        "uniform",
        "2/(fan_in + fan_out)",
        _TF_W,
        _call(xavier_uniform),
        _KERAS_DENSE,
    ),
    _entry("keras", "zeros", "bias", "Dense, Conv1D/2D/3D", "zeros", "0", "(out,)", _zero_bias_call(), _KERAS_DENSE),
    _entry(
        "keras",
        "glorot_normal",
        "weight",
        "",
        "truncated_normal",
        "2/(fan_in + fan_out)",
        _TF_W,
        _call(variance_scaling, scale=1.0, mode="fan_avg", distribution="truncated_normal"),
        _KERAS_INIT,
    ),
    _entry(
        "keras",
        "he_normal",
        "weight",
        "",
        "truncated_normal",
        "2/fan_in",
        _TF_W,
        _call(he_normal, distribution="truncated_normal"),
        _KERAS_INIT,
    ),
    _entry("keras", "he_uniform", "weight", "", "uniform", "2/fan_in", _TF_W, _call(he_uniform), _KERAS_INIT),
    _entry(
        "keras",
        "lecun_normal",
        "weight",
        "",
        "truncated_normal",
        "1/fan_in",
        _TF_W,
        _call(lecun_normal, distribution="truncated_normal"),
        _KERAS_INIT,
    ),
    _entry("keras", "lecun_uniform", "weight", "", "uniform", "1/fan_in", _TF_W, _call(lecun_uniform), _KERAS_INIT),
    _entry(
        "keras",
        "orthogonal",
        "weight",
        "LSTM, GRU, SimpleRNN recurrent kernel",
        "orthogonal",
        "1/max(rows, cols)",
        _TF_W,
        _call(orthogonal),
        _KERAS_LSTM,
    ),
    # ---- JAX (jax.nn.initializers) and Flax (flax.linen) -------------------------------------
    # lecun_normal = variance_scaling(1.0, "fan_in", "truncated_normal"), the kernel_init of
    # flax.linen.Dense and flax.linen.Conv; bias_init = zeros.
    _entry(
        "jax",
        "lecun_normal",
        "weight",
        "flax.linen.Dense, Conv",
        "truncated_normal",
        "1/fan_in",
        _TF_W,
        _call(lecun_normal, distribution="truncated_normal"),
        _FLAX_DENSE,
    ),
    _entry("jax", "zeros", "bias", "flax.linen.Dense, Conv", "zeros", "0", "(out,)", _zero_bias_call(), _FLAX_DENSE),
    _entry(
        "jax",
        "glorot_normal",
        "weight",
        "",
        "truncated_normal",
        "2/(fan_in + fan_out)",
        _TF_W,
        _call(variance_scaling, scale=1.0, mode="fan_avg", distribution="truncated_normal"),
        _JAX_INIT,
    ),
    _entry(
        "jax",
        "glorot_uniform",
        "weight",
        "",
        "uniform",
        "2/(fan_in + fan_out)",
        _TF_W,
        _call(xavier_uniform),
        _JAX_INIT,
    ),
    _entry(
        "jax",
        "he_normal",
        "weight",
        "",
        "truncated_normal",
        "2/fan_in",
        _TF_W,
        _call(he_normal, distribution="truncated_normal"),
        _JAX_INIT,
    ),
    _entry("jax", "he_uniform", "weight", "", "uniform", "2/fan_in", _TF_W, _call(he_uniform), _JAX_INIT),
    # orthogonal(scale=1.0, column_axis=-1); also the recurrent_kernel_init of flax.linen.LSTMCell.
    _entry(
        "jax",
        "orthogonal",
        "weight",
        "flax.linen.LSTMCell recurrent kernel",
        "orthogonal",
        "1/max(rows, cols)",
        _TF_W,
        _call(orthogonal),
        _JAX_INIT,
    ),
)


def get_framework_init(framework: str, name: str) -> FrameworkInit:
    """Look up one registry entry by framework key and name.

    Examples
    --------
    >>> get_framework_init("keras", "he_normal").winit_call
    "winit.he_normal(shape, distribution='truncated_normal')"
    """
    check_choice(framework, FRAMEWORKS, name="framework")
    names = [e.name for e in FRAMEWORK_INITS if e.framework == framework]
    check_choice(name, names, name="name")
    return next(e for e in FRAMEWORK_INITS if e.framework == framework and e.name == name)


def layer_defaults(param: str = "weight") -> dict[str, FrameworkInit]:
    """The default initializer of each framework's dense layer, ``{framework: entry}``.

    Examples
    --------
    >>> {k: v.name for k, v in layer_defaults().items()}
    {'pytorch': 'kaiming_uniform_(a=sqrt(5))', 'keras': 'glorot_uniform', 'jax': 'lecun_normal'}
    """
    check_choice(param, PARAMS, name="param")
    out: dict[str, FrameworkInit] = {}
    for e in FRAMEWORK_INITS:
        if e.param == param and e.layer_default_for and "recurrent" not in e.layer_default_for:
            out.setdefault(e.framework, e)
    return out


TABLE_COLUMNS = ("Framework", "Initializer", "Default for", "Distribution", "Var(w)", "Layout", "winit equivalent")


def defaults_table(frameworks: Sequence[str] | None = None, *, defaults_only: bool = False) -> list[dict[str, str]]:
    """Rows (dicts keyed by :data:`TABLE_COLUMNS`) describing the registry, for a table.

    Parameters
    ----------
    frameworks : sequence of {"pytorch", "keras", "jax"}, optional
        Which frameworks to include (default: all, in that order).
    defaults_only : bool
        Keep only entries that are some layer's default.

    Examples
    --------
    >>> rows = defaults_table(["keras"], defaults_only=True)
    >>> [(r["Initializer"], r["Var(w)"]) for r in rows]
    [('glorot_uniform', '2/(fan_in + fan_out)'), ('zeros', '0'), ('orthogonal', '1/max(rows, cols)')]
    """
    if frameworks is None:
        frameworks = FRAMEWORKS
    if isinstance(frameworks, str) or not isinstance(frameworks, Sequence):
        raise TypeError(f"frameworks must be a list of framework keys from {FRAMEWORKS}; got {frameworks!r}")
    for f in frameworks:
        check_choice(f, FRAMEWORKS, name="frameworks[i]")
    if not isinstance(defaults_only, bool):
        raise TypeError(f"defaults_only must be True or False; got {defaults_only!r}")
    rows = []
    for f in frameworks:
        for e in FRAMEWORK_INITS:
            if e.framework != f or (defaults_only and not e.layer_default_for):
                continue
            rows.append(
                dict(
                    zip(
                        TABLE_COLUMNS,
                        (
                            FRAMEWORK_NAMES[f],
                            e.name,
                            e.layer_default_for or "-",
                            e.distribution.replace("_", " "),
                            e.variance_formula,
                            e.layout,
                            e.winit_call,
                        ),
                    )
                )
            )
    return rows


def defaults_markdown(rows: Sequence[dict[str, str]]) -> str:
    """A Markdown (pipe) table of rows from :func:`defaults_table`; code columns in backticks.

    Examples
    --------
    >>> print(defaults_markdown(defaults_table(["jax"], defaults_only=True)).splitlines()[2][:40])
    | JAX/Flax | `lecun_normal` | flax.linen
    """
    if not isinstance(rows, Sequence) or not rows or not all(isinstance(r, dict) for r in rows):
        raise TypeError("rows must be a non-empty list of dicts from defaults_table()")
    code_columns = {"Initializer", "winit equivalent", "Layout"}
    lines = ["| " + " | ".join(TABLE_COLUMNS) + " |", "|" + "---|" * len(TABLE_COLUMNS)]
    for r in rows:
        cells = [f"`{r[c]}`" if c in code_columns else r[c] for c in TABLE_COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def defaults_html(rows: Sequence[dict[str, str]]) -> str:
    """An HTML table of rows from :func:`defaults_table` (for ``IPython.display.HTML``); code columns in ``<code>``.

    Examples
    --------
    >>> text = defaults_html(defaults_table(["pytorch"], defaults_only=True))
    >>> text.count("<tr>"), "<code>winit.standard_uniform(shape)</code>" in text
    (3, True)
    """
    if not isinstance(rows, Sequence) or not rows or not all(isinstance(r, dict) for r in rows):
        raise TypeError("rows must be a non-empty list of dicts from defaults_table()")
    code_columns = {"Initializer", "winit equivalent", "Layout"}
    head = "".join(f"<th>{html.escape(c)}</th>" for c in TABLE_COLUMNS)
    body = []
    for r in rows:
        cells = (f"<code>{html.escape(r[c])}</code>" if c in code_columns else html.escape(r[c]) for c in TABLE_COLUMNS)
        body.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    return (
        '<table class="table winit-frameworks">\n<thead><tr>'
        + head
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n</table>"
    )
