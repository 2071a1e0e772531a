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

Every piece is a *layer* with the protocol of :class:`Layer` (``params``, ``grads``,
``forward``, ``backward``): :class:`Dense` computes :math:`z = hW + b` and
:class:`Activation` computes :math:`h = f(z)`; :class:`MLP` chains them.  These two
layers are the package's only forward and backward pass: the diagnostics, LSUV and
the signal-propagation simulations all push their batches through them.

Weights have shape ``(n_in, n_out)``, the convention of the whole package.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

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
from ._types import Initializer, RngLike
from .activations import (
    ACTIVATIONS,
    LEAKY_RELU_SLOPE,
    SELU_ALPHA,
    SELU_LAMBDA,
    activation,
    activation_grad,
    derivative_function,
    forward_function,
)
from .initializers import get_initializer

__all__ = [
    "ACTIVATIONS",
    "SELU_ALPHA",
    "SELU_LAMBDA",
    "activation",
    "activation_grad",
    "Layer",
    "Dense",
    "Activation",
    "softmax",
    "softmax_cross_entropy",
    "MLP",
    "SGD",
    "History",
    "train",
    "evaluate",
    "accuracy",
]


class Layer(Protocol):
    r"""What every network piece with a hand-written backward provides.

    ``params`` are updated in place by an optimizer (:meth:`SGD.step`); ``grads`` has
    the same order and shapes and is filled by :meth:`backward`.  ``forward`` caches
    what ``backward`` needs; ``backward`` returns :math:`\partial\mathcal L/\partial x`
    and leaves its argument unchanged.
    """

    params: list[np.ndarray]
    grads: list[np.ndarray]

    def forward(self, x: np.ndarray) -> np.ndarray: ...

    def backward(self, grad_out: np.ndarray) -> np.ndarray: ...


class Dense:
    r"""An affine layer :math:`z = x W + b` (``bias=None``: :math:`z = x W`).

    Backward, for :math:`\delta = \partial\mathcal L/\partial z`:
    :math:`\partial\mathcal L/\partial W = x^\top\delta`,
    :math:`\partial\mathcal L/\partial b = \sum_\text{batch}\delta`, and the returned
    :math:`\partial\mathcal L/\partial x = \delta W^\top`.  With
    ``requires_grad=False`` (measurements that only need :math:`\partial\mathcal L/\partial x`)
    the parameter gradients are skipped.

    The arrays are used as they are (not copied): ``weight`` *is* ``params[0]``, so an
    optimizer or LSUV that changes it in place changes the layer.

    Examples
    --------
    >>> layer = Dense(np.eye(2), np.array([1.0, -1.0]))
    >>> layer.forward(np.array([[2.0, 3.0]]))
    array([[3., 2.]])
    >>> layer.backward(np.array([[1.0, 0.0]])), layer.grads[0]
    (array([[1., 0.]]), array([[2., 0.],
           [3., 0.]]))
    """

    def __init__(self, weight: np.ndarray, bias: np.ndarray | None = None, *, requires_grad: bool = True) -> None:
        self.weight = weight
        self.bias = bias
        self.params = [weight] if bias is None else [weight, bias]
        self.requires_grad = requires_grad
        self.grads = [np.zeros_like(p) for p in self.params] if requires_grad else []
        self._x: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self._x = x
        z = x @ self.weight
        if self.bias is not None:
            z += self.bias  # z = x W + b
        return z

    def backward(self, grad_out: np.ndarray) -> np.ndarray:
        if self.requires_grad:
            assert self._x is not None, "forward must run before backward"
            np.matmul(self._x.T, grad_out, out=self.grads[0])  # dL/dW = x^T delta
            if self.bias is not None:
                np.sum(grad_out, axis=0, out=self.grads[1])  # dL/db = sum over the batch
        return grad_out @ self.weight.T  # dL/dx = delta W^T


class Activation:
    r"""An elementwise activation :math:`h = f(z)`; backward multiplies by :math:`f'(z)`.

    ``name`` is one of :data:`ACTIVATIONS`, checked once here; ``param`` is the
    negative slope of ``leaky_relu`` (default 0.01).  It has no parameters.

    Examples
    --------
    >>> act = Activation("relu")
    >>> act.forward(np.array([-1.0, 2.0])), act.backward(np.array([5.0, 5.0]))
    (array([0., 2.]), array([0., 5.]))
    """

    def __init__(self, name: str, param: float | None = None) -> None:
        self.name = name
        self.param = None if param is None else check_real(param, name="activation_param")
        self._slope: float = LEAKY_RELU_SLOPE if self.param is None else self.param
        self._f = forward_function(name)
        self._df = derivative_function(name)
        self.params: list[np.ndarray] = []
        self.grads: list[np.ndarray] = []
        self._z: np.ndarray | None = None
        self._h: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self._z = x
        self._h = self._f(x, self._slope)
        return self._h

    def backward(self, grad_out: np.ndarray) -> np.ndarray:
        assert self._z is not None and self._h is not None, "forward must run before backward"
        slope = self._df(self._z, self._h, self._slope)  # a fresh array: it takes the product
        return np.multiply(grad_out, slope, out=slope)  # dL/dz = dL/dh * f'(z)


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax, shifted by the row maximum so that it cannot overflow."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    np.exp(shifted, out=shifted)
    shifted /= shifted.sum(axis=1, keepdims=True)
    return shifted


def _softmax_cross_entropy(logits: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """The unchecked core of :func:`softmax_cross_entropy` (the training loop calls it)."""
    batch = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_z = np.log(np.exp(shifted).sum(axis=1))
    rows = np.arange(batch)
    loss = float(np.mean(log_z - shifted[rows, y]))
    grad = np.exp(shifted - log_z[:, None])
    grad[rows, y] -= 1.0
    grad /= batch
    return loss, grad


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
    return _softmax_cross_entropy(logits, y)


def accuracy(logits: np.ndarray, y: np.ndarray) -> float:
    """Fraction of rows whose largest logit is the true class."""
    return float(np.mean(np.argmax(logits, axis=1) == y))


class MLP:
    r"""A multilayer perceptron with hand-written forward and backward passes.

    The network is the chain ``Dense, Activation, Dense, ..., Dense`` of :attr:`layers`
    (the output layer is linear: it returns logits).  For the diagnostics it also keeps,
    after :meth:`forward`, every pre-activation :math:`z_\ell` (:attr:`pre_activations`)
    and every activation :math:`h_\ell` (:attr:`activations`, index 0 = the input), and
    after :meth:`backward` every :math:`\delta_\ell` (:attr:`deltas`).

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
    >>> [type(layer).__name__ for layer in net.layers]
    ['Dense', 'Activation', 'Dense']
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: str = "relu",
        init: str | Initializer = "he_normal",
        *,
        init_kwargs: dict[str, Any] | None = None,
        bias: float | str = 0.0,
        rng: RngLike = None,
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
        if isinstance(bias, str):
            check_choice(bias, ("random",), name="bias")
        else:
            bias = check_real(bias, name="bias")
        generator = check_rng(rng)
        initializer = get_initializer(init, **(init_kwargs or {}))
        self.dense: list[Dense] = []
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]):
            w = np.asarray(initializer((n_in, n_out), rng=generator, dtype=self.dtype), dtype=self.dtype)
            if w.shape != (n_in, n_out):
                raise ValueError(f"init returned shape {w.shape}; expected {(n_in, n_out)}")
            if isinstance(bias, str):  # "random"
                b = generator.standard_normal(n_out).astype(self.dtype)
            else:
                b = np.full(n_out, bias, dtype=self.dtype)
            self.dense.append(Dense(w, b))
        self.hidden = [Activation(self.activation, self.activation_param) for _ in self.dense[:-1]]
        self.layers: list[Dense | Activation] = [self.dense[0]]
        for act, layer in zip(self.hidden, self.dense[1:]):
            self.layers += [act, layer]
        self.weights = [layer.weight for layer in self.dense]
        self.biases = [layer.params[1] for layer in self.dense]
        self.grad_weights = [layer.grads[0] for layer in self.dense]
        self.grad_biases = [layer.grads[1] for layer in self.dense]
        self.pre_activations: list[np.ndarray] = []
        self.activations: list[np.ndarray] = []
        self.deltas: list[np.ndarray] = []

    @property
    def n_layers(self) -> int:
        """Number of dense layers (hidden layers plus the output layer)."""
        return len(self.dense)

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
        return self._forward(h)

    def _forward(self, h: np.ndarray) -> np.ndarray:
        self.activations = [h]  # h_0 = x
        self.pre_activations = []
        for layer, act in zip(self.dense, self.hidden):
            z = layer.forward(h)  # z_l = h_{l-1} W_l + b_l
            self.pre_activations.append(z)
            h = act.forward(z)  # h_l = f(z_l)
            self.activations.append(h)
        logits = self.dense[-1].forward(h)  # the output layer is linear: logits
        self.pre_activations.append(logits)
        return logits

    def backward(self, grad_logits: np.ndarray) -> np.ndarray:
        r"""Back-propagate :math:`\delta_L = \partial\mathcal L/\partial z_L`; return :math:`\partial\mathcal L/\partial x`.

        Fills :attr:`grad_weights`, :attr:`grad_biases`, and :attr:`deltas`
        (:math:`\delta_1, \dots, \delta_L`, the gradients with respect to the
        pre-activations, which the diagnostics measure).
        """
        delta = np.asarray(grad_logits, dtype=self.dtype)
        self.deltas = [delta]
        for layer in range(self.n_layers - 1, 0, -1):
            grad_h = self.dense[layer].backward(delta)  # dL/dh_{l-1} = delta_l W_l^T
            delta = self.hidden[layer - 1].backward(grad_h)  # delta_{l-1} = dL/dh_{l-1} * f'(z_{l-1})
            self.deltas.insert(0, delta)
        return self.dense[0].backward(delta)

    def loss_and_grad(self, x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        """Forward, loss, backward in one call; returns the loss and the logits."""
        logits = self.forward(x)
        y = check_labels(y, n=logits.shape[0], n_classes=logits.shape[1])
        return self._loss_and_grad_unchecked(logits, y)

    def _loss_and_grad(self, x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        return self._loss_and_grad_unchecked(self._forward(x), y)

    def _loss_and_grad_unchecked(self, logits: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        loss, grad = _softmax_cross_entropy(logits, y)
        self.backward(grad)
        return loss, logits

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Predicted class of every row of ``x``."""
        return np.argmax(self.forward(x), axis=1)


class SGD:
    r"""Stochastic gradient descent with (heavy-ball) momentum, updating in place.

    .. math::

        v \leftarrow \mu v - \eta\, g, \qquad w \leftarrow w + v .

    ``step(params, grads)`` works for any lists of arrays, e.g. the ``params`` and
    ``grads`` of the layers of :class:`Layer`.
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


def _evaluate(model: MLP, x: np.ndarray, y: np.ndarray, batch_size: int = 1024) -> tuple[float, float]:
    """The unchecked core of :func:`evaluate`."""
    losses, correct = 0.0, 0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for start in range(0, len(x), batch_size):
            logits = model._forward(x[start : start + batch_size])
            yb = y[start : start + batch_size]
            loss, _ = _softmax_cross_entropy(logits, yb)
            losses += loss * len(yb)
            correct += int(np.sum(np.argmax(logits, axis=1) == yb))
    return losses / len(x), correct / len(x)


def evaluate(model: MLP, x: np.ndarray, y: np.ndarray, batch_size: int = 1024) -> tuple[float, float]:
    """Mean loss and accuracy of ``model`` on ``(x, y)``, without touching gradients.

    Examples
    --------
    >>> net = MLP((4, 3), "linear", "zeros", rng=0)
    >>> evaluate(net, np.ones((2, 4)), np.array([0, 2]))[1]   # all logits equal: class 0 wins
    0.5
    """
    if not isinstance(model, MLP):
        raise TypeError(f"model must be a winit.nn.MLP; got {type(model).__name__}")
    x = check_array(x, name="x", ndim=2).astype(model.dtype, copy=False)
    if x.shape[1] != model.sizes[0]:
        raise ValueError(f"x must have shape (batch, {model.sizes[0]}); got {x.shape}")
    y = check_labels(y, n=x.shape[0], n_classes=model.sizes[-1])
    batch_size = check_positive_int(batch_size, name="batch_size")
    return _evaluate(model, x, y, batch_size)


def _probe_stats(model: MLP, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    model._loss_and_grad(x, y)
    acts = np.array([h.std() for h in model.activations[1:]], dtype=np.float64)
    grads = np.array([d.std() for d in model.deltas], dtype=np.float64)
    return acts, grads


def _check_record_epochs(record_epochs: Iterable[int] | None, epochs: int) -> set[int]:
    if record_epochs is None:
        return set(range(epochs + 1))
    if isinstance(record_epochs, (str, bytes)) or not hasattr(record_epochs, "__iter__"):
        raise TypeError(f"record_epochs must be None or a collection of epoch numbers; got {record_epochs!r}")
    recorded = {check_positive_int(e, name="record_epochs[i]", minimum=0) for e in record_epochs}
    if any(e > epochs for e in recorded):
        raise ValueError(f"record_epochs must lie in [0, epochs={epochs}]; got {sorted(recorded)}")
    recorded.add(epochs)
    return recorded


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
    rng: RngLike = None,
    record_stats: bool = False,
    record_steps: bool = False,
    probe_size: int = 256,
    record_epochs: Iterable[int] | None = None,
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
    if x_train.shape[1] != model.sizes[0]:
        raise ValueError(f"x_train must have shape (n, {model.sizes[0]}) for this model; got {x_train.shape}")
    y_train = check_labels(y_train, n=x_train.shape[0], n_classes=model.sizes[-1], name="y_train")
    if (x_test is None) != (y_test is None):
        raise ValueError("x_test and y_test must be given together")
    if x_test is not None:
        x_test = check_array(x_test, name="x_test", ndim=2).astype(model.dtype, copy=False)
        if x_test.shape[1] != model.sizes[0]:
            raise ValueError(f"x_test must have shape (n, {model.sizes[0]}) for this model; got {x_test.shape}")
        y_test = check_labels(y_test, n=x_test.shape[0], n_classes=model.sizes[-1], name="y_test")
    epochs = check_positive_int(epochs, name="epochs", minimum=0)
    batch_size = check_positive_int(batch_size, name="batch_size")
    probe_size = check_positive_int(probe_size, name="probe_size")
    generator = check_rng(rng)
    recorded = _check_record_epochs(record_epochs, epochs)
    optimizer = SGD(lr, momentum)
    history = History()
    probe = slice(0, min(probe_size, len(x_train)))
    n = len(x_train)

    def record_epoch(epoch: int) -> None:
        if epoch not in recorded and not history.diverged:
            return
        history.epochs.append(epoch)
        loss, acc = _evaluate(model, x_train, y_train)
        history.train_loss.append(loss)
        history.train_acc.append(acc)
        if x_test is not None and y_test is not None:
            loss, acc = _evaluate(model, x_test, y_test)
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
                loss, _ = model._loss_and_grad(x_train[idx], y_train[idx])
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
