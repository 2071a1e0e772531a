r"""Layer-sequential unit-variance (LSUV) initialization, a data-driven initializer.

:func:`lsuv` implements Algorithm 1 of Mishkin and Matas (2016), *All you need is
a good init*: start from orthogonal weights (Saxe et al. 2014), then walk through
the layers in order and rescale each weight matrix on a batch of real inputs until
the variance of the layer's output (its pre-activation :math:`z_\ell`) is 1:

.. math::

    W_\ell \leftarrow W_\ell \, \sqrt{\frac{v_\text{target}}{\operatorname{Var}(z_\ell)}}
    \qquad\text{until}\qquad |\operatorname{Var}(z_\ell) - v_\text{target}| < \text{tol}.

Because the layers are visited in order, layer :math:`\ell` sees the outputs of the
already rescaled layers below it, so the correction accounts for whatever the
activation function, the data and the biases actually do, which no closed-form
fan rule can.  With zero biases :math:`z_\ell` is linear in :math:`W_\ell`, so one
rescaling hits the target exactly (up to rounding); with biases that differ between
units the loop needs a few more steps, and it cannot succeed at all when the biases
alone have more variance than the target (:attr:`LSUVReport.converged` is then False).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ._checks import check_array, check_positive_int, check_real, check_rng
from ._types import RngLike
from .initializers import orthogonal
from .nn import MLP

__all__ = ["LSUVReport", "lsuv", "lsuv_mlp"]


@dataclass(frozen=True)
class LSUVReport:
    """What :func:`lsuv` did, one entry per rescaled layer (index 0 = first dense layer).

    Attributes
    ----------
    variance_before : numpy.ndarray
        Variance of the layer's pre-activation on the batch before it was rescaled
        (the layers below it already rescaled).
    variance_after : numpy.ndarray
        The same variance after the last rescaling.
    iterations : numpy.ndarray
        Number of rescalings applied to the layer (0 if it was already within ``tol``).
    scale : numpy.ndarray
        Total factor by which the layer's weights were multiplied.
    converged : bool
        True if every layer ended within ``tol`` of the target.
    """

    variance_before: np.ndarray
    variance_after: np.ndarray
    iterations: np.ndarray
    scale: np.ndarray
    converged: bool


def lsuv(
    model: MLP,
    x: Any,
    *,
    target_var: float = 1.0,
    tol: float = 0.1,
    max_iter: int = 10,
    orthogonal_start: bool = True,
    include_output: bool = True,
    rng: RngLike = None,
) -> LSUVReport:
    r"""Rescale ``model``'s weights in place, layer by layer, to unit output variance on ``x``.

    Mishkin and Matas (2016), Algorithm 1:

    1. (``orthogonal_start=True``) replace every weight matrix by an orthogonal one
       drawn with :func:`winit.orthogonal` (Saxe et al. 2014); biases are kept;
    2. for each dense layer :math:`\ell = 1, \dots, L` in order, compute
       :math:`z_\ell = h_{\ell-1} W_\ell + b_\ell` on the batch and, while
       :math:`|\operatorname{Var}(z_\ell) - v_\text{target}| \ge \text{tol}` and fewer than
       ``max_iter`` steps were taken, set
       :math:`W_\ell \leftarrow W_\ell \sqrt{v_\text{target} / \operatorname{Var}(z_\ell)}`.

    The variance is taken over the whole batch and all units of the layer, as in the
    paper.  With ``orthogonal_start=False`` the existing weights (e.g. He) are
    rescaled instead.

    Parameters
    ----------
    model : winit.nn.MLP
        The network; its weights are changed in place.
    x : array of shape (batch, n_inputs)
        A batch of real inputs (the paper uses one minibatch); at least 2 rows.
    target_var : float
        The variance to reach (1 in the paper).
    tol : float
        Stop when the variance is within ``tol`` of the target (0.1 in the paper).
    max_iter : int
        At most this many rescalings per layer (10 in the paper).
    orthogonal_start : bool
        Draw orthogonal weights first (the paper's step 1).
    include_output : bool
        Rescale the output (logit) layer too.
    rng : None, int or numpy.random.Generator
        For the orthogonal draws.

    Returns
    -------
    LSUVReport

    Examples
    --------
    >>> from winit.nn import MLP
    >>> net = MLP((64, 128, 128, 10), "relu", "he_normal", rng=0)
    >>> x = np.random.default_rng(1).standard_normal((256, 64))
    >>> report = lsuv(net, x, rng=2)
    >>> [round(float(v), 3) for v in report.variance_after]
    [1.0, 1.0, 1.0]
    >>> report.iterations.tolist()
    [1, 1, 1]
    """
    if not isinstance(model, MLP):
        raise TypeError(f"model must be a winit.nn.MLP; got {type(model).__name__}")
    x = check_array(x, name="x", ndim=2)
    if x.shape[1] != model.sizes[0]:
        raise ValueError(f"x must have shape (batch, {model.sizes[0]}) for this model; got {x.shape}")
    if x.shape[0] < 2:
        raise ValueError(f"x must hold at least 2 examples to measure a variance; got {x.shape[0]}")
    target_var = check_real(target_var, name="target_var", positive=True)
    tol = check_real(tol, name="tol", positive=True)
    max_iter = check_positive_int(max_iter, name="max_iter")
    for flag, name in ((orthogonal_start, "orthogonal_start"), (include_output, "include_output")):
        if not isinstance(flag, (bool, np.bool_)):
            raise TypeError(f"{name} must be True or False; got {flag!r}")
    generator = check_rng(rng)

    if orthogonal_start:
        for w in model.weights:
            w[...] = orthogonal(w.shape, rng=generator, dtype=model.dtype)

    n_rescaled = model.n_layers if include_output else model.n_layers - 1
    before = np.zeros(n_rescaled)
    after = np.zeros(n_rescaled)
    iterations = np.zeros(n_rescaled, dtype=int)
    scales = np.ones(n_rescaled)
    converged = True
    h = x.astype(model.dtype, copy=False)
    with np.errstate(over="ignore", invalid="ignore"):
        for layer in range(n_rescaled):
            dense = model.dense[layer]
            z = dense.forward(h)  # z_l = h_{l-1} W_l + b_l, through the model's own layer
            var = float(np.var(z, dtype=np.float64))
            before[layer] = var
            while abs(var - target_var) >= tol and iterations[layer] < max_iter:
                if not np.isfinite(var) or var == 0.0:
                    raise ValueError(
                        f"layer {layer + 1}'s output has variance {var} on x (no spread to rescale: "
                        "dead units, constant inputs or an overflow); LSUV needs a finite, non-zero variance"
                    )
                factor = np.sqrt(target_var / var)
                dense.weight *= model.dtype.type(factor)  # in place: the model's weight
                scales[layer] *= factor
                iterations[layer] += 1
                z = dense.forward(h)
                var = float(np.var(z, dtype=np.float64))
            after[layer] = var
            converged = converged and abs(var - target_var) < tol
            if layer < model.n_layers - 1:
                h = model.hidden[layer].forward(z)
    return LSUVReport(before, after, iterations, scales, converged)


def lsuv_mlp(
    sizes: tuple[int, ...],
    activation: str,
    x: Any,
    *,
    rng: RngLike = None,
    dtype: Any = np.float32,
    **lsuv_kwargs: Any,
) -> tuple[MLP, LSUVReport]:
    """Build an :class:`~winit.nn.MLP` and LSUV-initialize it on ``x``: the one-call form.

    Examples
    --------
    >>> x = np.random.default_rng(0).standard_normal((128, 8))
    >>> net, report = lsuv_mlp((8, 16, 16, 3), "tanh", x, rng=0)
    >>> bool(report.converged)
    True
    """
    model = MLP(sizes, activation, "orthogonal", rng=rng, dtype=dtype)  # the orthogonal start
    report = lsuv(model, x, orthogonal_start=False, **lsuv_kwargs)
    return model, report
