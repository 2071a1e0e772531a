"""A finite-difference gradient check shared by the tests of every layer with a hand-written backward.

Usage, for a layer with ``forward(x)``, ``backward(grad_out) -> grad_x`` and parallel lists
``params`` / ``grads`` (the protocol of every network piece in winit)::

    from gradcheck import check_layer_gradients
    check_layer_gradients(layer, x, rng=0)

The check builds the scalar loss ``L = sum(forward(x) * R)`` for a fixed random ``R``, so that
``dL/d(out) = R``, runs ``backward(R)`` once, and compares every analytic gradient with the central
difference ``(L(p + h) - L(p - h)) / 2h`` at a random sample of entries.  In float64 with ``h = 1e-6``
the central difference has truncation error O(h^2 |f'''|) ~ 1e-12 and rounding error
O(eps |L| / h) ~ 1e-10 |L|, so a relative tolerance of 1e-6 (on ``|a - n| / max(1, |a|, |n|)``) leaves
four orders of magnitude of margin and still catches any wrong term (which is off by O(1)).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np


def numeric_gradient(f: Callable[[], float], array: np.ndarray, index: tuple[int, ...], h: float = 1e-6) -> float:
    """Central difference of the scalar ``f()`` with respect to ``array[index]`` (restored afterwards)."""
    old = array[index]
    array[index] = old + h
    up = f()
    array[index] = old - h
    down = f()
    array[index] = old
    return (up - down) / (2 * h)


def _sample_indices(shape: tuple[int, ...], n: int, rng: np.random.Generator) -> list[tuple[int, ...]]:
    size = int(np.prod(shape))
    flat = rng.choice(size, size=min(n, size), replace=False)
    return [tuple(int(i) for i in np.unravel_index(k, shape)) for k in flat]


def check_gradients(
    loss: Callable[[], float],
    arrays: Sequence[np.ndarray],
    analytic: Sequence[np.ndarray],
    *,
    n_entries: int = 20,
    rtol: float = 1e-6,
    rng: int | np.random.Generator = 0,
    names: Sequence[str] | None = None,
) -> None:
    """Assert that ``analytic[i]`` is the gradient of ``loss()`` with respect to ``arrays[i]``."""
    generator = np.random.default_rng(rng)
    for i, (array, grad) in enumerate(zip(arrays, analytic, strict=True)):
        name = names[i] if names else f"array {i}"
        assert array.dtype == np.float64, f"{name}: gradient checks need float64, got {array.dtype}"
        assert grad.shape == array.shape, f"{name}: gradient shape {grad.shape} != parameter shape {array.shape}"
        for index in _sample_indices(array.shape, n_entries, generator):
            num = numeric_gradient(loss, array, index)
            ana = float(grad[index])
            err = abs(ana - num) / max(1.0, abs(ana), abs(num))
            assert err < rtol, f"{name}{list(index)}: analytic {ana:.10g} vs numeric {num:.10g} (rel. err {err:.2e})"


def check_layer_gradients(layer, x: np.ndarray, *, n_entries: int = 20, rtol: float = 1e-6, rng: int = 0) -> None:
    """Check ``layer.backward`` against finite differences for its input and every parameter."""
    generator = np.random.default_rng(rng)
    x = np.array(x, dtype=np.float64)
    weights = generator.standard_normal(np.shape(layer.forward(x)))

    def loss() -> float:
        return float(np.sum(layer.forward(x) * weights))

    layer.forward(x)
    grad_x = layer.backward(weights.copy())
    grads = [np.array(g, copy=True) for g in layer.grads]
    check_gradients(
        loss,
        [x, *layer.params],
        [grad_x, *grads],
        n_entries=n_entries,
        rtol=rtol,
        rng=generator,
        names=["input", *[f"params[{i}]" for i in range(len(grads))]],
    )
