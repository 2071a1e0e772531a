"""Fans and gains: the two numbers every variance-scaling initializer needs.

Shape convention (JAX, Keras, and ``x @ W``): a dense weight is ``(n_in, n_out)``;
a convolution kernel is ``(*receptive_field, c_in, c_out)``, e.g.
``(kh, kw, c_in, c_out)``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

from ._checks import check_choice, check_real, check_shape
from ._types import Axis

__all__ = ["compute_fans", "calculate_gain", "NONLINEARITIES"]


def _axes(axis: Any, ndim: int, name: str) -> tuple[int, ...]:
    """``axis`` (an int or a sequence of ints, negative counting from the end) as sorted non-negative ints."""
    items = (axis,) if isinstance(axis, numbers.Integral) else axis
    if isinstance(items, (str, bytes)) or not isinstance(items, Sequence):
        raise TypeError(f"{name} must be an int or a sequence of ints; got {axis!r}")
    out = []
    for a in items:
        if isinstance(a, bool) or not isinstance(a, numbers.Integral):
            raise TypeError(f"{name} must be an int or a sequence of ints; got {axis!r}")
        index = int(a)
        if not -ndim <= index < ndim:
            raise ValueError(f"{name}={axis!r} is out of range for a shape with {ndim} dimensions")
        out.append(index % ndim)
    return tuple(sorted(out))


def _fans(
    dims: tuple[int, ...], in_axes: tuple[int, ...], out_axes: tuple[int, ...], batch_axes: tuple[int, ...]
) -> tuple[int, int]:
    """The unchecked core of :func:`compute_fans` (axes already non-negative and disjoint)."""
    used = set(in_axes) | set(out_axes) | set(batch_axes)
    receptive_field = math.prod(d for i, d in enumerate(dims) if i not in used)
    fan_in = math.prod(dims[i] for i in in_axes) * receptive_field
    fan_out = math.prod(dims[i] for i in out_axes) * receptive_field
    return fan_in, fan_out


def check_axes(ndim: int, in_axis: Axis, out_axis: Axis, batch_axis: Axis) -> tuple[tuple[int, ...], ...]:
    """Validate ``in_axis``, ``out_axis`` and ``batch_axis`` for a shape of ``ndim`` dimensions."""
    in_axes = _axes(in_axis, ndim, "in_axis")
    out_axes = _axes(out_axis, ndim, "out_axis")
    batch_axes = _axes(batch_axis, ndim, "batch_axis")
    if not in_axes or not out_axes:
        raise ValueError(f"in_axis and out_axis must name at least one axis; got {in_axis!r} and {out_axis!r}")
    every = in_axes + out_axes + batch_axes
    if len(set(every)) != len(every):
        raise ValueError(
            f"in_axis, out_axis and batch_axis must be different axes; got {in_axis!r}, {out_axis!r}, {batch_axis!r}"
        )
    return in_axes, out_axes, batch_axes


def compute_fans(shape: Any, in_axis: Axis = -2, out_axis: Axis = -1, batch_axis: Axis = ()) -> tuple[int, int]:
    r"""Return ``(fan_in, fan_out)`` of a weight of the given shape.

    For a dense weight of shape ``(n_in, n_out)`` the fans are ``n_in`` and
    ``n_out``.  For a convolution kernel ``(*receptive_field, c_in, c_out)``
    every output is a sum over the whole receptive field of every input
    channel, so

    .. math::

        \text{fan\_in} = c_\text{in} \prod_k r_k, \qquad
        \text{fan\_out} = c_\text{out} \prod_k r_k .

    ``in_axis`` and ``out_axis`` say which axes hold the inputs and the outputs
    (one int or several), and ``batch_axis`` axes that are neither (e.g. a stack of
    independent heads); every other axis is receptive field.  This is
    ``jax.nn.initializers.variance_scaling``'s convention: PyTorch's layout
    ``(out, in, *kernel)`` is ``in_axis=1, out_axis=0``.

    Parameters
    ----------
    shape : tuple of int
        At least two positive dimensions.
    in_axis, out_axis : int or sequence of int, default -2 and -1
    batch_axis : int or sequence of int, default ()

    Returns
    -------
    fan_in, fan_out : int

    Examples
    --------
    >>> compute_fans((784, 256))
    (784, 256)
    >>> compute_fans((3, 3, 16, 32))   # 3x3 kernel, 16 -> 32 channels
    (144, 288)
    >>> compute_fans((32, 16, 3, 3), in_axis=1, out_axis=0)   # the same kernel in PyTorch's layout
    (144, 288)
    """
    dims = check_shape(shape, min_ndim=2)
    return _fans(dims, *check_axes(len(dims), in_axis, out_axis, batch_axis))


#: The nonlinearities ``calculate_gain`` knows, in PyTorch's spelling.
NONLINEARITIES = (
    "linear",
    "identity",
    "conv1d",
    "conv2d",
    "conv3d",
    "conv_transpose1d",
    "conv_transpose2d",
    "conv_transpose3d",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "selu",
)


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    r"""Return the recommended gain for a nonlinearity (PyTorch's table).

    The gain :math:`g` multiplies the standard deviation of an initializer so
    that the nonlinearity does not shrink the signal on average:

    ================================  =========================================
    nonlinearity                      gain
    ================================  =========================================
    linear, identity, conv*, sigmoid  :math:`1`
    tanh                              :math:`5/3`
    relu                              :math:`\sqrt{2}`
    leaky_relu                        :math:`\sqrt{2 / (1 + a^2)}`, :math:`a` = ``param`` (default 0.01)
    selu                              :math:`3/4`
    ================================  =========================================

    The ReLU value comes from He et al. (2015): a ReLU keeps half of the second
    moment of a symmetric input, and :math:`g^2 = 2` restores it.

    Parameters
    ----------
    nonlinearity : str
        One of :data:`NONLINEARITIES`.
    param : float, optional
        The negative slope of ``leaky_relu`` (default 0.01); ignored otherwise.

    Examples
    --------
    >>> round(calculate_gain("relu"), 6)
    1.414214
    >>> round(calculate_gain("leaky_relu", 0.2), 6)
    1.38675
    """
    check_choice(nonlinearity, NONLINEARITIES, name="nonlinearity")
    return _gain_of(nonlinearity, None if param is None else check_real(param, name="param"))


def _gain_of(nonlinearity: str, param: float | None) -> float:
    """The unchecked core of :func:`calculate_gain`."""
    if nonlinearity in ("linear", "identity", "sigmoid") or nonlinearity.startswith("conv"):
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3.0
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else param
        return math.sqrt(2.0 / (1.0 + slope**2))
    return 3.0 / 4.0  # selu
