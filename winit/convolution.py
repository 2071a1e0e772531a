r"""A 2-D convolution layer in numpy, to check what ``compute_fans`` counts for kernels.

Layout (as JAX and Keras): inputs are ``(batch, height, width, c_in)`` (NHWC),
kernels ``(kh, kw, c_in, c_out)``.  "Valid" padding, stride 1.  Each output value

.. math::

    y_{n,i,j,o} = \sum_{a<k_h}\sum_{b<k_w}\sum_{c<c_\text{in}} x_{n,i+a,j+b,c}\, w_{a,b,c,o}

is a sum of :math:`k_h k_w c_\text{in}` = fan_in products, so
:math:`\operatorname{Var}(y) = \text{fan\_in}\operatorname{Var}(w)\operatorname{Var}(x)`;
each input value (away from the borders) feeds :math:`k_h k_w c_\text{out}` = fan_out
outputs, which is what the backward pass sums over.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._checks import check_array

__all__ = ["conv2d", "conv2d_backward"]


def _check(x, w):
    x = check_array(x, name="x", ndim=4)
    w = check_array(w, name="w", ndim=4)
    kh, kw, c_in, _ = w.shape
    if x.shape[3] != c_in:
        raise ValueError(f"x has {x.shape[3]} channels but the kernel expects c_in={c_in} (kernel shape {w.shape})")
    if x.shape[1] < kh or x.shape[2] < kw:
        raise ValueError(f"x of height x width {x.shape[1:3]} is smaller than the kernel {(kh, kw)}")
    return x, w


def conv2d(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Valid, stride-1 convolution (cross-correlation, as in every framework) of NHWC ``x`` with ``w``.

    Examples
    --------
    >>> x = np.ones((1, 4, 4, 2)); w = np.ones((3, 3, 2, 5))
    >>> conv2d(x, w).shape, float(conv2d(x, w)[0, 0, 0, 0])   # 3 * 3 * 2 = 18 products
    ((1, 2, 2, 5), 18.0)
    """
    x, w = _check(x, w)
    kh, kw, c_in, c_out = w.shape
    patches = sliding_window_view(x, (kh, kw), axis=(1, 2))  # (n, h', w', c_in, kh, kw)
    patches = patches.transpose(0, 1, 2, 4, 5, 3)  # (n, h', w', kh, kw, c_in)
    n, ho, wo = patches.shape[:3]
    cols = patches.reshape(n * ho * wo, kh * kw * c_in)  # im2col: one row per output position
    return (cols @ w.reshape(kh * kw * c_in, c_out)).reshape(n, ho, wo, c_out)


def conv2d_backward(x: np.ndarray, w: np.ndarray, grad_out: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gradients ``(dL/dx, dL/dw)`` of :func:`conv2d` given ``dL/dy``.

    ``dL/dw`` sums input patches weighted by the output gradient; ``dL/dx`` is the
    "full" convolution of ``dL/dy`` with the flipped kernel, transposed in channels.
    """
    x, w = _check(x, w)
    kh, kw, c_in, c_out = w.shape
    n, h, wd, _ = x.shape
    ho, wo = h - kh + 1, wd - kw + 1
    grad_out = check_array(grad_out, name="grad_out", ndim=4)
    if grad_out.shape != (n, ho, wo, c_out):
        raise ValueError(f"grad_out must have shape {(n, ho, wo, c_out)}; got {grad_out.shape}")
    patches = sliding_window_view(x, (kh, kw), axis=(1, 2)).transpose(0, 1, 2, 4, 5, 3)
    cols = patches.reshape(n * ho * wo, kh * kw * c_in)
    grad_w = (cols.T @ grad_out.reshape(-1, c_out)).reshape(kh, kw, c_in, c_out)
    padded = np.pad(grad_out, ((0, 0), (kh - 1, kh - 1), (kw - 1, kw - 1), (0, 0)))
    flipped = w[::-1, ::-1].transpose(0, 1, 3, 2)  # (kh, kw, c_out, c_in)
    grad_x = conv2d(padded, flipped)
    return grad_x, grad_w
