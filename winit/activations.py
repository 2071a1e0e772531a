r"""Activation functions and their derivatives (floor 1: needs only numpy and the checks).

======================  ==========================================================  ==============================================
name                    :math:`f(z)`                                                 :math:`f'(z)`, written with :math:`h = f(z)`
======================  ==========================================================  ==============================================
``linear``              :math:`z`                                                    :math:`1`
``sigmoid``             :math:`1/(1+e^{-z})`                                         :math:`h(1-h)`
``tanh``                :math:`\tanh z`                                              :math:`1-h^2`
``relu``                :math:`\max(z, 0)`                                           :math:`[z > 0]`
``leaky_relu``          :math:`z` for :math:`z>0`, :math:`a z` otherwise              :math:`1` or :math:`a`
``selu``                :math:`\lambda z` for :math:`z>0`, :math:`\lambda\alpha(e^z-1)`  :math:`\lambda` or :math:`h + \lambda\alpha`
======================  ==========================================================  ==============================================

:func:`activation` and :func:`activation_grad` check the name (public functions
validate); the network layers of :mod:`winit.nn` look the function up once with
:func:`forward_function` / :func:`derivative_function` and then call it unchecked
on every step.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._checks import check_choice, check_real
from ._types import ACTIVATIONS

__all__ = [
    "ACTIVATIONS",
    "SELU_ALPHA",
    "SELU_LAMBDA",
    "LEAKY_RELU_SLOPE",
    "activation",
    "activation_grad",
    "forward_function",
    "derivative_function",
]

#: SELU's constants (Klambauer et al., 2017).
SELU_ALPHA = 1.6732632423543772
SELU_LAMBDA = 1.0507009873554805

#: Default negative slope of ``leaky_relu`` (PyTorch's).
LEAKY_RELU_SLOPE = 0.01

Forward = Callable[[np.ndarray, float], np.ndarray]
Derivative = Callable[[np.ndarray, np.ndarray, float], np.ndarray]


def _linear(z: np.ndarray, slope: float) -> np.ndarray:
    return z


def _sigmoid(z: np.ndarray, slope: float) -> np.ndarray:
    # 0.5 * (1 + tanh(z / 2)) is the logistic function without overflow.
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _tanh(z: np.ndarray, slope: float) -> np.ndarray:
    return np.tanh(z)


def _relu(z: np.ndarray, slope: float) -> np.ndarray:
    return np.maximum(z, 0)


def _leaky_relu(z: np.ndarray, slope: float) -> np.ndarray:
    return np.where(z > 0, z, z * z.dtype.type(slope))


def _selu(z: np.ndarray, slope: float) -> np.ndarray:
    neg = np.expm1(np.minimum(z, 0)) * z.dtype.type(SELU_ALPHA)
    return z.dtype.type(SELU_LAMBDA) * np.where(z > 0, z, neg)


def _d_linear(z: np.ndarray, h: np.ndarray, slope: float) -> np.ndarray:
    return np.ones_like(z)


def _d_sigmoid(z: np.ndarray, h: np.ndarray, slope: float) -> np.ndarray:
    return h * (z.dtype.type(1) - h)


def _d_tanh(z: np.ndarray, h: np.ndarray, slope: float) -> np.ndarray:
    return z.dtype.type(1) - h * h


def _d_relu(z: np.ndarray, h: np.ndarray, slope: float) -> np.ndarray:
    return (z > 0).astype(z.dtype)


def _d_leaky_relu(z: np.ndarray, h: np.ndarray, slope: float) -> np.ndarray:
    return np.where(z > 0, z.dtype.type(1), z.dtype.type(slope))


def _d_selu(z: np.ndarray, h: np.ndarray, slope: float) -> np.ndarray:
    return np.where(z > 0, z.dtype.type(SELU_LAMBDA), h + z.dtype.type(SELU_LAMBDA * SELU_ALPHA))


_FORWARD: dict[str, Forward] = {
    "linear": _linear,
    "sigmoid": _sigmoid,
    "tanh": _tanh,
    "relu": _relu,
    "leaky_relu": _leaky_relu,
    "selu": _selu,
}
_DERIVATIVE: dict[str, Derivative] = {
    "linear": _d_linear,
    "sigmoid": _d_sigmoid,
    "tanh": _d_tanh,
    "relu": _d_relu,
    "leaky_relu": _d_leaky_relu,
    "selu": _d_selu,
}
assert tuple(_FORWARD) == ACTIVATIONS == tuple(_DERIVATIVE)


def _slope(param: float | None) -> float:
    return LEAKY_RELU_SLOPE if param is None else check_real(param, name="param")


def forward_function(name: str) -> Forward:
    """The function ``f(z, slope)`` of the activation ``name`` (checked once, here)."""
    return _FORWARD[check_choice(name, ACTIVATIONS, name="activation")]


def derivative_function(name: str) -> Derivative:
    """The function ``f'(z, h, slope)`` of the activation ``name`` (checked once, here)."""
    return _DERIVATIVE[check_choice(name, ACTIVATIONS, name="activation")]


def activation(name: str, z: np.ndarray, param: float | None = None) -> np.ndarray:
    r"""Apply the activation ``name`` to ``z`` (``param`` is leaky_relu's slope, default 0.01).

    ``linear``: :math:`z`; ``sigmoid``: :math:`1/(1+e^{-z})`; ``tanh``;
    ``relu``: :math:`\max(z, 0)`; ``leaky_relu``: :math:`\max(z, a z)`;
    ``selu``: :math:`\lambda z` for :math:`z > 0`, :math:`\lambda\alpha(e^z - 1)` otherwise.

    Examples
    --------
    >>> activation("relu", np.array([-1.0, 2.0]))
    array([0., 2.])
    """
    return forward_function(name)(np.asarray(z), _slope(param))


def activation_grad(name: str, z: np.ndarray, h: np.ndarray, param: float | None = None) -> np.ndarray:
    r"""Derivative :math:`f'(z)` of the activation, given ``z`` and ``h = f(z)``.

    Using ``h`` where it helps: :math:`\sigma' = h(1-h)`, :math:`\tanh' = 1-h^2`,
    :math:`\text{selu}'(z) = h + \lambda\alpha` for :math:`z \le 0`.

    Examples
    --------
    >>> z = np.array([-1.0, 2.0]); activation_grad("relu", z, activation("relu", z))
    array([0., 1.])
    """
    return derivative_function(name)(np.asarray(z), np.asarray(h), _slope(param))
