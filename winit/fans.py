"""Fans and gains: the two numbers every variance-scaling initializer needs.

Shape convention (JAX, Keras, and ``x @ W``): a dense weight is ``(n_in, n_out)``;
a convolution kernel is ``(*receptive_field, c_in, c_out)``, e.g.
``(kh, kw, c_in, c_out)``.
"""

from __future__ import annotations

import math
from typing import Any

from ._checks import check_choice, check_real, check_shape

__all__ = ["compute_fans", "calculate_gain", "NONLINEARITIES"]


def compute_fans(shape: Any) -> tuple[int, int]:
    r"""Return ``(fan_in, fan_out)`` of a weight of the given shape.

    For a dense weight of shape ``(n_in, n_out)`` the fans are ``n_in`` and
    ``n_out``.  For a convolution kernel ``(*receptive_field, c_in, c_out)``
    every output is a sum over the whole receptive field of every input
    channel, so

    .. math::

        \text{fan\_in} = c_\text{in} \prod_k r_k, \qquad
        \text{fan\_out} = c_\text{out} \prod_k r_k .

    Parameters
    ----------
    shape : tuple of int
        At least two positive dimensions.

    Returns
    -------
    fan_in, fan_out : int

    Examples
    --------
    >>> compute_fans((784, 256))
    (784, 256)
    >>> compute_fans((3, 3, 16, 32))   # 3x3 kernel, 16 -> 32 channels
    (144, 288)
    """
    dims = check_shape(shape, min_ndim=2)
    receptive_field = math.prod(dims[:-2])
    return dims[-2] * receptive_field, dims[-1] * receptive_field


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
    if nonlinearity in ("linear", "identity", "sigmoid") or nonlinearity.startswith("conv"):
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3.0
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else check_real(param, name="param")
        return math.sqrt(2.0 / (1.0 + slope**2))
    return 3.0 / 4.0  # selu
