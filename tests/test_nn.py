"""The numpy network: activations, loss, gradients (checked by finite differences), training."""

from __future__ import annotations

import math

import numpy as np
import pytest

import winit
from winit import nn


@pytest.mark.parametrize("name", nn.ACTIVATIONS)
def test_activation_derivative_matches_finite_differences(name):
    z = np.linspace(-3, 3, 61) + 0.013  # avoid the kink of relu at exactly 0
    h = nn.activation(name, z)
    eps = 1e-6
    numeric = (nn.activation(name, z + eps) - nn.activation(name, z - eps)) / (2 * eps)
    np.testing.assert_allclose(nn.activation_grad(name, z, h), numeric, atol=1e-7)


def test_activation_values():
    z = np.array([-2.0, 0.5])
    np.testing.assert_allclose(nn.activation("sigmoid", z), 1 / (1 + np.exp(-z)))
    np.testing.assert_allclose(nn.activation("leaky_relu", z, 0.2), [-0.4, 0.5])
    np.testing.assert_allclose(
        nn.activation("selu", z), [nn.SELU_LAMBDA * nn.SELU_ALPHA * (math.exp(-2) - 1), nn.SELU_LAMBDA * 0.5]
    )
    assert np.all(np.isfinite(nn.activation("sigmoid", np.array([-1e4, 1e4]))))


def test_softmax_cross_entropy_value_and_gradient():
    rng = np.random.default_rng(0)
    logits = rng.standard_normal((7, 5))
    y = rng.integers(0, 5, 7)
    loss, grad = nn.softmax_cross_entropy(logits, y)
    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    assert loss == pytest.approx(-np.mean(np.log(p[np.arange(7), y])), rel=1e-12)
    eps = 1e-6
    numeric = np.zeros_like(logits)
    for i in np.ndindex(*logits.shape):
        d = np.zeros_like(logits)
        d[i] = eps
        numeric[i] = (nn.softmax_cross_entropy(logits + d, y)[0] - nn.softmax_cross_entropy(logits - d, y)[0]) / (
            2 * eps
        )
    np.testing.assert_allclose(grad, numeric, atol=1e-8)


def test_softmax_cross_entropy_is_stable_for_huge_logits():
    loss, grad = nn.softmax_cross_entropy(np.array([[1e4, 0.0, -1e4]]), np.array([0]))
    assert loss == pytest.approx(0.0, abs=1e-12) and np.all(np.isfinite(grad))


@pytest.mark.parametrize("act", nn.ACTIVATIONS)
def test_backprop_gradients_match_finite_differences(act):
    rng = np.random.default_rng(1)
    net = nn.MLP((6, 5, 4, 3), act, "xavier_normal", bias="random", rng=rng, dtype=np.float64)
    x = rng.standard_normal((8, 6))
    y = rng.integers(0, 3, 8)
    net.loss_and_grad(x, y)
    analytic = [g.copy() for g in net.gradients()]
    eps = 1e-6
    for p, g in zip(net.parameters(), analytic):
        numeric = np.zeros_like(p)
        for i in np.ndindex(*p.shape):
            old = p[i]
            p[i] = old + eps
            up = nn.softmax_cross_entropy(net.forward(x), y)[0]
            p[i] = old - eps
            down = nn.softmax_cross_entropy(net.forward(x), y)[0]
            p[i] = old
            numeric[i] = (up - down) / (2 * eps)
        np.testing.assert_allclose(g, numeric, atol=1e-7, rtol=1e-5)


def test_input_gradient_matches_finite_differences():
    rng = np.random.default_rng(2)
    net = nn.MLP((4, 6, 3), "tanh", "he_normal", rng=rng, dtype=np.float64)
    x = rng.standard_normal((3, 4))
    y = np.array([0, 2, 1])
    _, grad_logits = nn.softmax_cross_entropy(net.forward(x), y)
    gx = net.backward(grad_logits)
    eps = 1e-6
    for i in np.ndindex(*x.shape):
        d = np.zeros_like(x)
        d[i] = eps
        num = (
            nn.softmax_cross_entropy(net.forward(x + d), y)[0] - nn.softmax_cross_entropy(net.forward(x - d), y)[0]
        ) / (2 * eps)
        assert gx[i] == pytest.approx(num, abs=1e-8)


def test_sgd_momentum_update_rule():
    p = [np.array([1.0, 2.0])]
    opt = nn.SGD(lr=0.1, momentum=0.5)
    opt.step(p, [np.array([1.0, -1.0])])  # v = -0.1 g
    np.testing.assert_allclose(p[0], [0.9, 2.1])
    opt.step(p, [np.array([1.0, -1.0])])  # v = 0.5 v - 0.1 g = [-0.15, 0.15]
    np.testing.assert_allclose(p[0], [0.75, 2.25])


def test_training_on_digits_with_he_reaches_high_accuracy():
    data = winit.load_digits(rng=0)
    net = nn.MLP((64, 64, 64, 10), "relu", "he_normal", rng=0)
    hist = nn.train(net, data.x_train, data.y_train, data.x_test, data.y_test, epochs=8, rng=0, record_stats=True)
    assert hist.test_acc[0] < 0.3  # untrained: near chance
    assert hist.final_test_acc > 0.93
    assert hist.train_loss[-1] < hist.train_loss[0] / 5
    assert len(hist.act_std) == 9 and hist.act_std[0].shape == (2,)
    assert hist.grad_std[0].shape == (3,)
    assert not hist.diverged


def test_training_is_reproducible_for_a_seed():
    data = winit.load_digits(rng=0)
    runs = []
    for _ in range(2):
        net = nn.MLP((64, 32, 10), "tanh", "xavier_uniform", rng=3)
        runs.append(nn.train(net, data.x_train, data.y_train, epochs=2, rng=4).train_loss)
    assert runs[0] == runs[1]


def test_exploding_init_is_reported_as_diverged_not_raised():
    data = winit.load_digits(rng=0)
    net = nn.MLP((64, *[256] * 12, 10), "relu", "normal", init_kwargs={"std": 1.0}, rng=0)
    hist = nn.train(net, data.x_train, data.y_train, data.x_test, data.y_test, epochs=2, rng=0)
    assert hist.diverged


def test_zero_init_cannot_learn_hidden_features():
    data = winit.load_digits(rng=0)
    net = nn.MLP((64, 32, 10), "relu", "zeros", rng=0)
    nn.train(net, data.x_train, data.y_train, epochs=2, rng=0)
    assert not net.weights[0].any()  # no gradient ever reaches the first layer


@pytest.mark.parametrize(
    "kwargs, exc, msg",
    [
        ({"sizes": (64,)}, ValueError, "sizes must list at least"),
        ({"sizes": "64,10"}, TypeError, "sizes must be a sequence"),
        ({"sizes": (64, 0, 10)}, ValueError, "sizes"),
        ({"sizes": (64, 10), "activation": "gelu"}, ValueError, "activation must be one of"),
        ({"sizes": (64, 10), "bias": "zero"}, ValueError, "bias must be one of"),
        ({"sizes": (64, 10), "init": "xavier"}, ValueError, "init must be one of"),
        ({"sizes": (64, 10), "dtype": np.int64}, ValueError, "dtype must be"),
    ],
)
def test_mlp_rejects_bad_arguments(kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        nn.MLP(**kwargs)


def test_train_rejects_bad_arguments():
    data = winit.load_digits(rng=0)
    net = nn.MLP((64, 10), rng=0)
    with pytest.raises(ValueError, match="y_train must be a 1-D array of 1347"):
        nn.train(net, data.x_train, data.y_train[:10])
    with pytest.raises(ValueError, match="y_train must hold labels below the number of outputs"):
        nn.train(net, data.x_train, data.y_train + 5)
    with pytest.raises(ValueError, match="x_train must contain finite numbers"):
        nn.train(net, np.full_like(data.x_train, np.nan), data.y_train)
    with pytest.raises(ValueError, match="lr must be positive"):
        nn.train(net, data.x_train, data.y_train, lr=0)
    with pytest.raises(ValueError, match="momentum must be in"):
        nn.train(net, data.x_train, data.y_train, momentum=1.0)
    with pytest.raises(ValueError, match="x_test and y_test must be given together"):
        nn.train(net, data.x_train, data.y_train, data.x_test)
    with pytest.raises(ValueError, match=r"x must have shape \(batch, 64\)"):
        net.forward(np.zeros((3, 5)))


def test_record_epochs_keeps_only_the_asked_evaluations_with_identical_values():
    d = winit.load_digits(rng=0)

    def run(**kw):
        net = nn.MLP((64, 32, 10), "relu", "he_normal", rng=3)
        return nn.train(net, d.x_train, d.y_train, d.x_test, d.y_test, epochs=4, rng=3, **kw)

    full, some = run(), run(record_epochs=(1,))
    assert full.epochs == [0, 1, 2, 3, 4]
    assert some.epochs == [1, 4]  # the last epoch is always recorded
    assert some.train_loss == [full.train_loss[1], full.train_loss[4]]
    assert some.test_acc == [full.test_acc[1], full.test_acc[4]]
    with pytest.raises(ValueError, match="record_epochs"):
        run(record_epochs=(5,))
    with pytest.raises(TypeError, match="record_epochs"):
        run(record_epochs=1)


def test_relu_backward_fast_path_equals_the_general_formula():
    rng = np.random.default_rng(0)
    net = nn.MLP((8, 16, 16, 3), "relu", "he_normal", rng=0, dtype=np.float64)
    x = rng.standard_normal((5, 8))
    grad = rng.standard_normal((5, 3))
    net.forward(x)
    got = net.backward(grad)
    # the general formula: delta_{l-1} = (delta_l W_l^T) * f'(z_{l-1})
    delta = grad
    for layer in range(net.n_layers - 1, 0, -1):
        z = net.pre_activations[layer - 1]
        delta = (delta @ net.weights[layer].T) * nn.activation_grad("relu", z, nn.activation("relu", z))
    np.testing.assert_allclose(got, delta @ net.weights[0].T)
