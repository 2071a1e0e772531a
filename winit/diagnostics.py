r"""Per-layer statistics of the forward and the backward pass.

The question every chapter asks is *what happens to the scale of the signal
layer after layer?*  :func:`depth_profile` answers it for a freshly
initialised network of given depth, width, activation and initializer;
:func:`forward_stats` and :func:`backward_stats` answer it for any
:class:`winit.nn.MLP` on any batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ._checks import check_array, check_choice, check_dtype, check_positive_int, check_real, check_rng
from ._types import Initializer, RngLike
from .activations import ACTIVATIONS
from .initializers import get_initializer
from .nn import MLP, Activation, Dense

__all__ = [
    "LayerStats",
    "forward_stats",
    "backward_stats",
    "DepthProfile",
    "depth_profile",
    "weight_scale_sweep",
    "SATURATION",
]

#: |h| above which a tanh unit, or distance from 0/1 below which a sigmoid unit, counts as saturated.
SATURATION = 0.99


@dataclass(frozen=True)
class LayerStats:
    """Statistics of one quantity, one entry per layer (index 0 = first hidden layer)."""

    mean: np.ndarray
    std: np.ndarray
    saturated: np.ndarray
    dead: np.ndarray

    def __len__(self) -> int:
        return len(self.std)


def _saturated_fraction(name: str, h: np.ndarray) -> float:
    if name == "tanh":
        return float(np.mean(np.abs(h) > SATURATION))
    if name == "sigmoid":
        return float(np.mean((h > SATURATION) | (h < 1 - SATURATION)))
    return 0.0


def _dead_fraction(name: str, h: np.ndarray) -> float:
    """Fraction of units that output exactly 0 for every example of the batch (ReLU only)."""
    if name != "relu":
        return 0.0
    return float(np.mean(np.all(h == 0, axis=0)))


def _stats(values: list[np.ndarray], name: str) -> LayerStats:
    with np.errstate(over="ignore", invalid="ignore"):
        mean = np.array([float(np.mean(v, dtype=np.float64)) for v in values])
        std = np.array([float(np.std(v, dtype=np.float64)) for v in values])
    return LayerStats(
        mean=mean,
        std=std,
        saturated=np.array([_saturated_fraction(name, v) for v in values]),
        dead=np.array([_dead_fraction(name, v) for v in values]),
    )


def forward_stats(model: MLP, x: np.ndarray) -> LayerStats:
    r"""Mean, std, saturated and dead fraction of every hidden activation :math:`h_\ell` of ``model`` on ``x``.

    Examples
    --------
    >>> net = MLP((64, 32, 32, 10), "tanh", "xavier_normal", rng=0)
    >>> s = forward_stats(net, np.random.default_rng(0).standard_normal((100, 64)))
    >>> len(s)
    2
    """
    if not isinstance(model, MLP):
        raise TypeError(f"model must be a winit.nn.MLP; got {type(model).__name__}")
    x = check_array(x, name="x", ndim=2)
    with np.errstate(over="ignore", invalid="ignore"):
        model.forward(x)
    return _stats(model.activations[1:], model.activation)


def backward_stats(model: MLP, x: np.ndarray, y: np.ndarray) -> LayerStats:
    r"""Statistics of the back-propagated gradients :math:`\delta_\ell = \partial\mathcal L/\partial z_\ell`, one per dense layer.

    Uses the softmax cross-entropy of ``model`` on ``(x, y)``.  Index 0 is the
    first layer, the last index the output layer.
    """
    if not isinstance(model, MLP):
        raise TypeError(f"model must be a winit.nn.MLP; got {type(model).__name__}")
    x = check_array(x, name="x", ndim=2)
    with np.errstate(over="ignore", invalid="ignore"):
        model.loss_and_grad(x, y)
    return _stats(model.deltas, "linear")


@dataclass(frozen=True)
class DepthProfile:
    """Forward and backward statistics of a deep stack, layer by layer.

    ``forward`` describes the activations :math:`h_1, \\dots, h_L`; ``backward``
    the gradients :math:`\\partial \\mathcal L/\\partial h_\\ell` for a unit-variance
    gradient injected at the top; ``activations`` and ``gradients`` hold the
    raw arrays of the layers listed in ``kept_layers`` (for histograms).
    """

    forward: LayerStats
    backward: LayerStats | None
    input_std: float
    activations: dict[int, np.ndarray]
    gradients: dict[int, np.ndarray]


def depth_profile(
    depth: int,
    width: int,
    *,
    activation: str = "tanh",
    init: str | Initializer = "xavier_normal",
    init_kwargs: dict[str, Any] | None = None,
    n_samples: int = 1000,
    n_in: int | None = None,
    x: np.ndarray | None = None,
    bias_std: float = 0.0,
    backward: bool = True,
    keep_layers: tuple[int, ...] = (),
    rng: RngLike = None,
    dtype: Any = np.float64,
) -> DepthProfile:
    r"""Push a batch through ``depth`` fresh layers of ``width`` units and measure every layer.

    Layer :math:`\ell` computes :math:`h_\ell = f(h_{\ell-1} W_\ell + b_\ell)` with
    :math:`W_\ell` from ``init`` and :math:`b_\ell \sim \mathcal N(0, \text{bias\_std}^2)`.
    The input is ``x`` if given, otherwise ``n_samples`` standard normal rows of
    ``n_in`` (default ``width``) features.  With ``backward=True`` a standard
    normal gradient :math:`\partial\mathcal L/\partial h_L` is pushed back down
    through the same layers (Glorot and Bengio, 2010, do the same with a real loss).

    Overflow is not an error here: a badly scaled stack is *supposed* to reach
    ``inf``; the statistics then read ``inf`` or ``nan`` from that layer on.  (With
    ``backward=False``, once no value of a layer is finite the remaining layers are
    reported as ``nan`` without drawing their weights, so a Generator passed as
    ``rng`` is then advanced less.)

    Parameters
    ----------
    depth, width : int
    activation : str
        ``linear, sigmoid, tanh, relu, leaky_relu, selu``.
    init : str or callable, with ``init_kwargs``
        As in :class:`winit.nn.MLP`.
    keep_layers : tuple of int
        1-based layer numbers whose activations and gradients are kept.

    Examples
    --------
    >>> p = depth_profile(10, 256, activation="linear", init="lecun_normal", rng=0)
    >>> bool(0.5 < p.forward.std[-1] < 2)
    True
    """
    depth = check_positive_int(depth, name="depth")
    width = check_positive_int(width, name="width")
    check_choice(activation, ACTIVATIONS, name="activation")
    bias_std = check_real(bias_std, name="bias_std", nonnegative=True)
    generator = check_rng(rng)
    dt = check_dtype(dtype)
    for layer in keep_layers:
        check_positive_int(layer, name="keep_layers[i]")
        if layer > depth:
            raise ValueError(f"keep_layers must hold layer numbers from 1 to depth={depth}; got {layer}")
    if x is None:
        n_samples = check_positive_int(n_samples, name="n_samples")
        n_in = width if n_in is None else check_positive_int(n_in, name="n_in")
        h = generator.standard_normal((n_samples, n_in)).astype(dt)
    else:
        h = check_array(x, name="x", ndim=2).astype(dt)
    initializer = get_initializer(init, **(init_kwargs or {}))
    input_std = float(h.std())
    # One fresh Dense layer (no parameter gradients: only dL/dh is measured) and one
    # activation per layer, drawn as the signal reaches it.
    layers: list[tuple[Dense, Activation]] = []
    acts: list[np.ndarray] = []
    with np.errstate(over="ignore", invalid="ignore"):
        for layer in range(depth):
            if not backward and layer > 0 and not np.isfinite(h).any():
                # The signal has overflowed everywhere: every later layer is NaN.  Say so
                # without drawing (and multiplying) the remaining weight matrices.
                acts.extend([np.full((h.shape[0], width), np.nan, dtype=dt)] * (depth - layer))
                break
            w = np.asarray(initializer((h.shape[1], width), rng=generator, dtype=dt), dtype=dt)
            b = (bias_std * generator.standard_normal(width)).astype(dt) if bias_std else None
            dense, act = Dense(w, b, requires_grad=False), Activation(activation)
            h = act.forward(dense.forward(h))
            layers.append((dense, act))
            acts.append(h)
        forward = _stats(acts, activation)
        back = None
        gradients: dict[int, np.ndarray] = {}
        if backward:
            grad_h = generator.standard_normal(acts[-1].shape).astype(dt)
            grads = [grad_h]
            for dense, act in layers[:0:-1]:  # layers depth, ..., 2: dL/dh_{l-1} from dL/dh_l
                grad_h = dense.backward(act.backward(grad_h))
                grads.insert(0, grad_h)
            back = _stats(grads, "linear")
            gradients = {layer: grads[layer - 1] for layer in keep_layers}
    return DepthProfile(
        forward=forward,
        backward=back,
        input_std=input_std,
        activations={layer: acts[layer - 1] for layer in keep_layers},
        gradients=gradients,
    )


def weight_scale_sweep(
    depth: int,
    width: int,
    stds: Any,
    *,
    activation: str = "linear",
    n_samples: int = 64,
    rng: RngLike = None,
    dtype: Any = np.float64,
) -> dict[float, np.ndarray]:
    r"""Std of every layer's output for several weight scales that share one set of random draws.

    Layer :math:`\ell` uses :math:`W_\ell = \sigma Z_\ell` with the *same* standard normal
    :math:`Z_\ell` for every :math:`\sigma` in ``stds``, so the curves differ only by the
    scale, and the random numbers (the expensive part of a 250-layer stack of width 512)
    are drawn once instead of once per scale.  For each ``sigma`` the result equals
    ``depth_profile(depth, width, activation=activation, init="normal",
    init_kwargs={"std": sigma}, n_samples=n_samples, backward=False, rng=rng).forward.std``
    with the same integer seed.

    Examples
    --------
    >>> out = weight_scale_sweep(50, 128, [1.0, 1 / np.sqrt(128)], rng=0)
    >>> bool(out[1.0][-1] > 1e30), bool(0.5 < out[1 / np.sqrt(128)][-1] < 2)
    (True, True)
    """
    depth = check_positive_int(depth, name="depth")
    width = check_positive_int(width, name="width")
    check_choice(activation, ACTIVATIONS, name="activation")
    n_samples = check_positive_int(n_samples, name="n_samples")
    if isinstance(stds, (str, bytes)) or not hasattr(stds, "__iter__"):
        raise TypeError(f"stds must be a sequence of standard deviations; got {stds!r}")
    sigmas = [check_real(s, name="stds[i]", nonnegative=True) for s in stds]
    if not sigmas:
        raise ValueError("stds must hold at least one standard deviation")
    generator = check_rng(rng)
    dt = check_dtype(dtype)
    act = Activation(activation)
    h = dict.fromkeys(sigmas, generator.standard_normal((n_samples, width)).astype(dt))  # one input for all
    out = {s: np.full(depth, np.nan) for s in sigmas}
    live = set(sigmas)
    with np.errstate(over="ignore", invalid="ignore"):
        for layer in range(depth):
            live = {
                s for s in live if layer == 0 or np.isfinite(h[s]).any()
            }  # as depth_profile: stop once all overflowed
            if not live:
                break
            z0 = generator.standard_normal((width, width), dtype=dt)
            for s in live:
                h[s] = act.forward(Dense(z0 * dt.type(s), requires_grad=False).forward(h[s]))
                out[s][layer] = float(np.std(h[s], dtype=np.float64))
    return out
