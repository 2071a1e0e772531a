"""Argument validation shared by every public function of winit.

Each helper raises a ``ValueError`` or ``TypeError`` whose message names the
argument, says what is allowed and shows what was given, so that a student can
act on it without reading a numpy traceback.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

__all__ = [
    "check_shape",
    "check_choice",
    "check_real",
    "check_positive_int",
    "check_rng",
    "check_dtype",
    "check_array",
    "check_labels",
    "check_fraction",
]


def _is_int(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def check_shape(shape: Any, *, name: str = "shape", min_ndim: int = 1) -> tuple[int, ...]:
    """Return ``shape`` as a tuple of positive Python ints, or raise.

    An int is accepted as a one-dimensional shape.  ``min_ndim=2`` is used by
    the fan-based initializers, which need an input and an output dimension.
    """
    if _is_int(shape):
        shape = (shape,)
    if isinstance(shape, (str, bytes)) or not isinstance(shape, Iterable):
        raise TypeError(
            f"{name} must be a tuple of positive integers such as (784, 256); "
            f"got {shape!r} of type {type(shape).__name__}"
        )
    dims = tuple(shape)
    for dim in dims:
        if not _is_int(dim):
            raise TypeError(f"{name} must contain integers only; got {dim!r} ({type(dim).__name__}) in {dims!r}")
    dims = tuple(int(d) for d in dims)
    if len(dims) < min_ndim:
        if min_ndim == 2:
            raise ValueError(
                f"{name} must have at least 2 dimensions to define fan_in and fan_out, e.g. (n_in, n_out); got {dims!r}"
            )
        raise ValueError(f"{name} must have at least {min_ndim} dimension(s); got {dims!r}")
    if any(d <= 0 for d in dims):
        raise ValueError(
            f"{name} must have positive dimensions (an empty weight has nothing to initialize); got {dims!r}"
        )
    return dims


def check_choice(value: Any, allowed: Sequence[str], *, name: str) -> str:
    """Return ``value`` if it is one of ``allowed`` (strings), else raise."""
    if isinstance(value, str) and value in allowed:  # the hot path: no message to build
        return value
    options = ", ".join(repr(a) for a in allowed)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {options}; got {value!r} of type {type(value).__name__}")
    raise ValueError(f"{name} must be one of {options}; got {value!r}")


def check_real(
    value: Any,
    *,
    name: str,
    positive: bool = False,
    nonnegative: bool = False,
) -> float:
    """Return ``value`` as a finite float, optionally requiring a sign."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {value!r} of type {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value!r}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be positive; got {value!r}")
    if nonnegative and value < 0:
        raise ValueError(f"{name} must be non-negative; got {value!r}")
    return value


def check_positive_int(value: Any, *, name: str, minimum: int = 1) -> int:
    """Return ``value`` as an int that is at least ``minimum``."""
    if not _is_int(value):
        raise TypeError(f"{name} must be an integer; got {value!r} of type {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {value!r}")
    return int(value)


def check_fraction(value: Any, *, name: str) -> float:
    """Return ``value`` as a float strictly between 0 and 1."""
    value = check_real(value, name=name)
    if not 0.0 < value < 1.0:
        raise ValueError(f"{name} must be strictly between 0 and 1; got {value!r}")
    return value


def check_rng(rng: Any) -> np.random.Generator:
    """Convert ``rng`` (None, an int seed or a Generator) into a Generator.

    This is SciPy's convention: ``None`` gives fresh OS entropy, an int gives a
    reproducible stream, a ``numpy.random.Generator`` is used as it is (and so
    advances).  numpy's global random state is never touched.
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng()
    if _is_int(rng):
        if rng < 0:
            raise ValueError(f"rng must be a non-negative integer seed; got {rng!r}")
        return np.random.default_rng(int(rng))
    if isinstance(rng, (np.random.SeedSequence, np.random.BitGenerator)):
        return np.random.default_rng(rng)
    raise TypeError(
        "rng must be None, a non-negative integer seed or a numpy.random.Generator "
        f"(np.random.default_rng(seed)); got {rng!r} of type {type(rng).__name__}"
    )


_FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def check_dtype(dtype: Any, *, name: str = "dtype") -> np.dtype:
    """Return ``dtype`` as a numpy dtype; only float32 and float64 are allowed."""
    try:
        result = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"{name} must be numpy.float32 or numpy.float64; got {dtype!r}") from None
    if result not in _FLOAT_DTYPES:
        raise ValueError(f"{name} must be numpy.float32 or numpy.float64; got {result}")
    return result


def check_array(
    value: Any,
    *,
    name: str,
    ndim: int | None = None,
    finite: bool = True,
    dtype: Any = None,
) -> np.ndarray:
    """Return ``value`` as a non-empty floating array, checking ndim and finiteness."""
    try:
        arr = np.asarray(value, dtype=dtype) if dtype is not None else np.asarray(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of numbers; got {type(value).__name__}") from None
    if arr.dtype.kind not in "fiub":
        raise TypeError(f"{name} must be an array of numbers; got dtype {arr.dtype}")
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional; got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty; got shape {arr.shape}")
    if finite and arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain finite numbers only (no NaN or inf)")
    return arr


def check_labels(y: Any, *, n: int, n_classes: int | None = None, name: str = "y") -> np.ndarray:
    """Return integer class labels of length ``n`` in ``[0, n_classes)``."""
    arr = np.asarray(y)
    if arr.ndim != 1 or arr.shape[0] != n:
        raise ValueError(f"{name} must be a 1-D array of {n} integer labels; got shape {arr.shape}")
    if arr.dtype.kind not in "iu":
        raise TypeError(f"{name} must hold integer class labels; got dtype {arr.dtype}")
    if arr.size and arr.min() < 0:
        raise ValueError(f"{name} must hold labels >= 0; got {arr.min()}")
    if n_classes is not None and arr.size and arr.max() >= n_classes:
        raise ValueError(f"{name} must hold labels below the number of outputs ({n_classes}); got {arr.max()}")
    return arr.astype(np.intp, copy=False)
