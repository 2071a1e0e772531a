"""Types shared by the whole package (floor 0: imports nothing from winit).

The names say what an argument may be, so that a signature reads like its
documentation and a type checker can hold the package to it:

* :data:`Shape`: a weight shape, ``(n_in, n_out)`` or ``(*receptive_field, c_in, c_out)``;
* :data:`RngLike`: SciPy's ``rng`` convention (None, an int seed or a Generator);
* :data:`Mode`, :data:`Distribution`: the choices of :func:`winit.variance_scaling`;
* :class:`Initializer`: anything called as ``f(shape, *, rng=..., dtype=...)``, as
  ``jax.nn.initializers.Initializer`` is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, Protocol, TypeAlias, get_args, runtime_checkable

import numpy as np

__all__ = [
    "Shape",
    "RngLike",
    "DTypeLike",
    "Mode",
    "MODES",
    "Distribution",
    "DISTRIBUTIONS",
    "ActivationName",
    "ACTIVATIONS",
    "Axis",
    "Initializer",
]

#: A weight shape: a sequence of positive ints (an int is a one-dimensional shape).
Shape: TypeAlias = "int | Sequence[int]"

#: Where random numbers come from: None (fresh entropy), an int seed, or a Generator.
RngLike: TypeAlias = "int | np.random.Generator | np.random.SeedSequence | np.random.BitGenerator | None"

#: numpy.float32 or numpy.float64 (anything ``numpy.dtype`` turns into one of them).
DTypeLike: TypeAlias = Any

#: The fan a variance is divided by.
Mode = Literal["fan_in", "fan_out", "fan_avg", "fan_geo_avg"]
MODES: tuple[str, ...] = get_args(Mode)

#: The distribution families of :func:`winit.variance_scaling`.
Distribution = Literal["normal", "uniform", "truncated_normal"]
DISTRIBUTIONS: tuple[str, ...] = get_args(Distribution)

#: The activation functions of :mod:`winit.activations`.
ActivationName = Literal["linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu"]
ACTIVATIONS: tuple[str, ...] = get_args(ActivationName)

#: An axis of a weight shape, or several (as ``jax.nn.initializers.variance_scaling``'s ``in_axis``).
Axis: TypeAlias = "int | Sequence[int]"


@runtime_checkable
class Initializer(Protocol):
    """A weight initializer: ``f(shape, *, rng=None, dtype=numpy.float64) -> numpy.ndarray``.

    Every initializer of :mod:`winit.initializers` has this call signature (extra
    arguments such as ``gain`` come after ``shape`` and have defaults), and so has
    what :func:`winit.get_initializer` and :meth:`winit.InitSpec.initializer` return.
    """

    def __call__(self, shape: Shape, *, rng: RngLike = None, dtype: DTypeLike = np.float64) -> np.ndarray: ...
