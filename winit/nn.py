r"""A small numpy network, written to be read: the backward pass mirrors the derivation.

A multilayer perceptron with :math:`L` dense layers computes, for a batch
:math:`X` (one example per row),

.. math::

    h_0 = X, \qquad z_\ell = h_{\ell-1} W_\ell + b_\ell, \qquad
    h_\ell = f(z_\ell)\ (\ell < L), \qquad \text{logits} = z_L .

Back-propagation runs the same chain backwards with
:math:`\delta_\ell = \partial \mathcal L / \partial z_\ell`:

.. math::

    \frac{\partial \mathcal L}{\partial W_\ell} = h_{\ell-1}^\top \delta_\ell, \qquad
    \frac{\partial \mathcal L}{\partial b_\ell} = \textstyle\sum_\text{batch} \delta_\ell, \qquad
    \delta_{\ell-1} = (\delta_\ell W_\ell^\top) \odot f'(z_{\ell-1}).

Weights have shape ``(n_in, n_out)``, the convention of the whole package.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._checks import (
    check_array,
    check_choice,
    check_dtype,
    check_labels,
    check_positive_int,
    check_real,
    check_rng,
)
from .initializers import get_initializer

__all__ = [
    "ACTIVATIONS",
    "activation",
    "activation_grad",
    "softmax",
    "softmax_cross_entropy",
    "MLP",
    "SGD",
    "History",
    "train",
    "evaluate",
    "accuracy",
]

ACTIVATIONS = ("linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu")

#: SELU's constants (Klambauer et al., 2017).
SELU_ALPHA = 1.6732632423543772
SELU_LAMBDA = 1.0507009873554805


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
    check_choice(name, ACTIVATIONS, name="activation")
    if name == "linear":
        return z
    if name == "sigmoid":
        # 0.5 * (1 + tanh(z / 2)) is the logistic function without overflow.
        return 0.5 * (1.0 + np.tanh(0.5 * z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0)
    if name == "leaky_relu":
        slope = 0.01 if param is None else param
        return np.where(z > 0, z, z * z.dtype.type(slope))
    # selu
    neg = np.expm1(np.minimum(z, 0)) * z.dtype.type(SELU_ALPHA)
    return z.dtype.type(SELU_LAMBDA) * np.where(z > 0, z, neg)


def activation_grad(name: str, z: np.ndarray, h: np.ndarray, param: float | None = None) -> np.ndarray:
    r"""Derivative :math:`f'(z)` of the activation, given ``z`` and ``h = f(z)``.

    Using ``h`` where it helps: :math:`\sigma' = h(1-h)`, :math:`\tanh' = 1-h^2`,
    :math:`\text{selu}'(z) = h + \lambda\alpha` for :math:`z \le 0`.

    Examples
    --------
    >>> z = np.array([-1.0, 2.0]); activation_grad("relu", z, activation("relu", z))
    array([0., 1.])
    """
    check_choice(name, ACTIVATIONS, name="activation")
    one = z.dtype.type(1)
    if name == "linear":
        return np.ones_like(z)
    if name == "sigmoid":
        return h * (one - h)
    if name == "tanh":
        return one - h * h
    if name == "relu":
        return (z > 0).astype(z.dtype)
    if name == "leaky_relu":
        slope = 0.01 if param is None else param
        return np.where(z > 0, one, z.dtype.type(slope))
    return np.where(z > 0, z.dtype.type(SELU_LAMBDA), h + z.dtype.type(SELU_LAMBDA * SELU_ALPHA))


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax, shifted by the row maximum so that it cannot overflow."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    np.exp(shifted, out=shifted)
    shifted /= shifted.sum(axis=1, keepdims=True)
    return shifted


def softmax_cross_entropy(logits: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    r"""Mean softmax cross-entropy and its gradient with respect to the logits.

    .. math::

        \mathcal L = -\frac1B \sum_i \log p_{i, y_i}, \qquad
        \frac{\partial \mathcal L}{\partial \text{logits}} = \frac{p - \text{onehot}(y)}{B}.

    Examples
    --------
    >>> loss, grad = softmax_cross_entropy(np.zeros((2, 4)), np.array([0, 3]))
    >>> round(loss, 4)   # log 4
    1.3863
    """
    logits = check_array(logits, name="logits", ndim=2, finite=False)
    y = check_labels(y, n=logits.shape[0], n_classes=logits.shape[1])
    batch = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_z = np.log(np.exp(shifted).sum(axis=1))
    rows = np.arange(batch)
    loss = float(np.mean(log_z - shifted[rows, y]))
    grad = np.exp(shifted - log_z[:, None])
    grad[rows, y] -= 1.0
    grad /= batch
    return loss, grad


def accuracy(logits: np.ndarray, y: np.ndarray) -> float:
    """Fraction of rows whose largest logit is the true class."""
    return float(np.mean(np.argmax(logits, axis=1) == y))


class MLP:
    r"""A multilayer perceptron with hand-written forward and backward passes.

    Parameters
    ----------
    sizes : sequence of int
        Layer widths from input to output, e.g. ``(64, 128, 128, 10)`` is two
        hidden layers of 128 units on 64 inputs and 10 outputs.
    activation : str
        One of ``linear, sigmoid, tanh, relu, leaky_relu, selu`` for every hidden layer.
    init : str or callable
        An initializer name from :data:`winit.INITIALIZERS` or a callable
        ``f(shape, *, rng, dtype)``; ``init_kwargs`` are passed to it.
    bias : float or "random"
        Initial value of every bias (default 0).  ``"random"`` draws biases from
        N(0, 1), to test the claim that random biases break symmetry.
    rng : None, int or numpy.random.Generator
    dtype : numpy.float32 (default, fast) or numpy.float64 (gradient checks)
    activation_param : float, optional
        Negative slope of leaky_relu (default 0.01).

    Examples
    --------
    >>> net = MLP((64, 32, 10), "relu", "he_normal", rng=0)
    >>> net.forward(np.zeros((5, 64), dtype=np.float32)).shape
    (5, 10)
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: str = "relu",
        init: str | Callable[..., np.ndarray] = "he_normal",
        *,
        init_kwargs: dict[str, Any] | None = None,
        bias: float | str = 0.0,
        rng: Any = None,
        dtype: Any = np.float32,
        activation_param: float | None = None,
    ) -> None:
        if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence):
            raise TypeError(f"sizes must be a sequence of layer widths such as (64, 128, 10); got {sizes!r}")
        if len(sizes) < 2:
            raise ValueError(f"sizes must list at least an input and an output width; got {tuple(sizes)!r}")
        self.sizes = tuple(check_positive_int(s, name="sizes[i]") for s in sizes)
        self.activation = check_choice(activation, ACTIVATIONS, name="activation")
        self.activation_param = (
            None if activation_param is None else check_real(activation_param, name="activation_param")
        )
        self.dtype = check_dtype(dtype)
        generator = check_rng(rng)
        initializer = get_initializer(init, **(init_kwargs or {}))
        self.weights: list[np.ndarray] = []
        self.biases: list[np.ndarray] = []
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]):
            w = np.asarray(initializer((n_in, n_out), rng=generator, dtype=self.dtype), dtype=self.dtype)
            if w.shape != (n_in, n_out):
                raise ValueError(f"init returned shape {w.shape}; expected {(n_in, n_out)}")
            self.weights.append(w)
            if isinstance(bias, str):
                check_choice(bias, ("random",), name="bias")
                self.biases.append(generator.standard_normal(n_out).astype(self.dtype))
            else:
                value = check_real(bias, name="bias")
                self.biases.append(np.full(n_out, value, dtype=self.dtype))
        self.grad_weights = [np.zeros_like(w) for w in self.weights]
        self.grad_biases = [np.zeros_like(b) for b in self.biases]
        self.pre_activations: list[np.ndarray] = []
        self.activations: list[np.ndarray] = []
        self.deltas: list[np.ndarray] = []

    @property
    def n_layers(self) -> int:
        """Number of dense layers (hidden layers plus the output layer)."""
        return len(self.weights)

    def parameters(self) -> list[np.ndarray]:
        """Weights and biases, in the order of :meth:`gradients`."""
        return [*self.weights, *self.biases]

    def gradients(self) -> list[np.ndarray]:
        """Gradients from the last :meth:`backward`, in the order of :meth:`parameters`."""
        return [*self.grad_weights, *self.grad_biases]

    def forward(self, x: np.ndarray) -> np.ndarray:
        r"""Return the logits :math:`z_L`; keep every :math:`z_\ell` and :math:`h_\ell` for backward."""
        h = np.asarray(x, dtype=self.dtype)
        if h.ndim != 2 or h.shape[1] != self.sizes[0]:
            raise ValueError(f"x must have shape (batch, {self.sizes[0]}); got {np.shape(x)}")
        self.activations = [h]  # h_0 = x
        self.pre_activations = []
        for layer, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = h @ w
            z += b  # z_l = h_{l-1} W_l + b_l
            self.pre_activations.append(z)
            if layer == self.n_layers - 1:
                return z  # the output layer is linear: logits
            h = activation(self.activation, z, self.activation_param)  # h_l = f(z_l)
            self.activations.append(h)
        raise AssertionError("unreachable")

    def backward(self, grad_logits: np.ndarray) -> np.ndarray:
        r"""Back-propagate :math:`\delta_L = \partial\mathcal L/\partial z_L`; return :math:`\partial\mathcal L/\partial x`.

        Fills :attr:`grad_weights`, :attr:`grad_biases`, and :attr:`deltas`
        (:math:`\delta_1, \dots, \delta_L`, the gradients with respect to the
        pre-activations, which the diagnostics measure).
        """
        delta = np.asarray(grad_logits, dtype=self.dtype)
        self.deltas = [delta]
        for layer in range(self.n_layers - 1, -1, -1):
            h_prev = self.activations[layer]
            np.matmul(h_prev.T, delta, out=self.grad_weights[layer])  # dL/dW_l = h_{l-1}^T delta_l
            np.sum(delta, axis=0, out=self.grad_biases[layer])  # dL/db_l = sum over the batch
            grad_h = delta @ self.weights[layer].T  # dL/dh_{l-1} = delta_l W_l^T
            if layer == 0:
                return grad_h
            z_prev = self.pre_activations[layer - 1]
            # in place: grad_h is a fresh array, so delta can take its memory
            delta = np.multiply(grad_h, activation_grad(self.activation, z_prev, h_prev, self.activation_param), out=grad_h)
            self.deltas.insert(0, delta)  # delta_{l-1} = (delta_l W_l^T) * f'(z_{l-1})
        raise AssertionError("unreachable")

    def loss_and_grad(self, x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        """Forward, loss, backward in one call; returns the loss and the logits."""
        logits = self.forward(x)
        loss, grad = softmax_cross_entropy(logits, y)
        self.backward(grad)
        return loss, logits

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Predicted class of every row of ``x``."""
        return np.argmax(self.forward(x), axis=1)


class SGD:
    r"""Stochastic gradient descent with (heavy-ball) momentum, updating in place.

    .. math::

        v \leftarrow \mu v - \eta\, g, \qquad w \leftarrow w + v .
    """

    def __init__(self, lr: float = 0.05, momentum: float = 0.9) -> None:
        self.lr = check_real(lr, name="lr", positive=True)
        self.momentum = check_real(momentum, name="momentum", nonnegative=True)
        if self.momentum >= 1:
            raise ValueError(f"momentum must be in [0, 1); got {momentum!r}")
        self._velocity: list[np.ndarray] | None = None

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        if self._velocity is None:
            self._velocity = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self._velocity):
            v *= p.dtype.type(self.momentum)
            v -= p.dtype.type(self.lr) * g
            p += v


@dataclass
class History:
    """What :func:`train` records, one entry per recorded epoch (by default every epoch, index 0 = before training).

    ``epochs[i]`` is the epoch after which entry ``i`` of every per-epoch list was
    measured (0 = before training).  ``act_std[i][l]`` and ``grad_std[i][l]`` are the
    standard deviations of the hidden activations :math:`h_\\ell` and of
    :math:`\\delta_\\ell` on a fixed probe batch, recorded when ``record_stats=True``.
    """

    epochs: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    test_acc: list[float] = field(default_factory=list)
    step_loss: list[float] = field(default_factory=list)
    act_std: list[np.ndarray] = field(default_factory=list)
    grad_std: list[np.ndarray] = field(default_factory=list)
    diverged: bool = False

    @property
    def final_test_acc(self) -> float:
        return self.test_acc[-1]


def evaluate(model: MLP, x: np.ndarray, y: np.ndarray, batch_size: int = 1024) -> tuple[float, float]:
    """Mean loss and accuracy of ``model`` on ``(x, y)``, without touching gradients."""
    losses, correct = 0.0, 0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for start in range(0, len(x), batch_size):
            logits = model.forward(x[start : start + batch_size])
            yb = y[start : start + batch_size]
            loss, _ = softmax_cross_entropy(logits, yb)
            losses += loss * len(yb)
            correct += int(np.sum(np.argmax(logits, axis=1) == yb))
    return losses / len(x), correct / len(x)


def _probe_stats(model: MLP, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    model.loss_and_grad(x, y)
    acts = np.array([h.std() for h in model.activations[1:]], dtype=np.float64)
    grads = np.array([d.std() for d in model.deltas], dtype=np.float64)
    return acts, grads


def train(
    model: MLP,
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_test: np.ndarray | None = None,
    y_test: np.ndarray | None = None,
    *,
    epochs: int = 10,
    batch_size: int = 64,
    lr: float = 0.05,
    momentum: float = 0.9,
    rng: Any = None,
    record_stats: bool = False,
    record_steps: bool = False,
    probe_size: int = 256,
    record_epochs: Any = None,
) -> History:
    """Train ``model`` with minibatch SGD and momentum; return its :class:`History`.

    The training set is shuffled every epoch with ``rng``.  Entry 0 of every
    per-epoch list is measured before the first step.  ``record_epochs`` (a
    collection of epoch numbers, 0 = before training) limits the full evaluations
    to those epochs, which saves time in long sweeps; the last epoch, and the
    epoch where training diverged, are always recorded, and ``history.epochs``
    says which were.  If the loss stops being
    finite (an exploding initialization), training stops and
    ``history.diverged`` is True; numpy's overflow warnings are silenced so
    that this is reported once, by the flag.

    Examples
    --------
    >>> from winit.data import load_digits
    >>> d = load_digits(rng=0)
    >>> net = MLP((64, 64, 10), "relu", "he_normal", rng=0)
    >>> h = train(net, d.x_train, d.y_train, d.x_test, d.y_test, epochs=3, rng=0)
    >>> h.test_acc[-1] > 0.9
    True
    """
    if not isinstance(model, MLP):
        raise TypeError(f"model must be a winit.nn.MLP; got {type(model).__name__}")
    x_train = check_array(x_train, name="x_train", ndim=2).astype(model.dtype, copy=False)
    y_train = check_labels(y_train, n=x_train.shape[0], n_classes=model.sizes[-1], name="y_train")
    if (x_test is None) != (y_test is None):
        raise ValueError("x_test and y_test must be given together")
    if x_test is not None:
        x_test = check_array(x_test, name="x_test", ndim=2).astype(model.dtype, copy=False)
        y_test = check_labels(y_test, n=x_test.shape[0], n_classes=model.sizes[-1], name="y_test")
    epochs = check_positive_int(epochs, name="epochs", minimum=0)
    batch_size = check_positive_int(batch_size, name="batch_size")
    probe_size = check_positive_int(probe_size, name="probe_size")
    generator = check_rng(rng)
    if record_epochs is None:
        recorded = set(range(epochs + 1))
    else:
        if isinstance(record_epochs, (str, bytes)) or not hasattr(record_epochs, "__iter__"):
            raise TypeError(f"record_epochs must be None or a collection of epoch numbers; got {record_epochs!r}")
        recorded = {check_positive_int(e, name="record_epochs[i]", minimum=0) for e in record_epochs}
        if any(e > epochs for e in recorded):
            raise ValueError(f"record_epochs must lie in [0, epochs={epochs}]; got {sorted(recorded)}")
        recorded.add(epochs)
    optimizer = SGD(lr, momentum)
    history = History()
    probe = slice(0, min(probe_size, len(x_train)))
    n = len(x_train)

    def record_epoch(epoch: int) -> None:
        if epoch not in recorded and not history.diverged:
            return
        history.epochs.append(epoch)
        loss, acc = evaluate(model, x_train, y_train)
        history.train_loss.append(loss)
        history.train_acc.append(acc)
        if x_test is not None:
            loss, acc = evaluate(model, x_test, y_test)
            history.test_loss.append(loss)
            history.test_acc.append(acc)
        if record_stats:
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                acts, grads = _probe_stats(model, x_train[probe], y_train[probe])
            history.act_std.append(acts)
            history.grad_std.append(grads)

    record_epoch(0)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for epoch in range(1, epochs + 1):
            order = generator.permutation(n)
            for start in range(0, n, batch_size):
                idx = order[start : start + batch_size]
                loss, _ = model.loss_and_grad(x_train[idx], y_train[idx])
                if record_steps:
                    history.step_loss.append(loss)
                if not math.isfinite(loss):
                    history.diverged = True
                    break
                optimizer.step(model.parameters(), model.gradients())
            record_epoch(epoch)
            if history.diverged:
                break
    return history
