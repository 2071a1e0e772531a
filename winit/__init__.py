"""winit: weight initialization for neural networks, the package behind the course.

The public API, re-exported from its modules (see CONTRIBUTING.md, "Architecture",
for the floors they sit on):

* initializers: :func:`variance_scaling` (the core) and its presets
  (:func:`xavier_uniform`, :func:`he_normal`, :func:`lecun_normal`, ...),
  :func:`orthogonal`, :func:`truncated_normal`, :func:`eye`, :func:`dirac`, the
  :data:`INITIALIZERS` registry and the :data:`STARTS` catalogue of :class:`InitSpec`;
* :func:`compute_fans` and :func:`calculate_gain`;
* submodules :mod:`winit.activations`, :mod:`winit.nn` (a numpy MLP with hand-written
  backprop), :mod:`winit.convolution`, :mod:`winit.diagnostics`, :mod:`winit.data`,
  :mod:`winit.mean_field` (signal propagation theory), :mod:`winit.signal_propagation`
  (its simulation), :mod:`winit.lsuv` (data-driven LSUV initialization),
  :mod:`winit.experiments` (repeated runs over seeds, the benchmark),
  :mod:`winit.framework_defaults` (PyTorch, Keras and JAX defaults mapped to winit) and
  :mod:`winit.check` (feedback for the assignments);
* loaded on first use, so that ``import winit`` does not import matplotlib:
  :mod:`winit.plots`, :mod:`winit.figures`, :mod:`winit.explorers` and :mod:`winit.widgets`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import (
    activations,
    check,
    convolution,
    data,
    diagnostics,
    experiments,
    framework_defaults,
    lsuv,
    mean_field,
    nn,
    signal_propagation,
)
from ._types import DISTRIBUTIONS, MODES, Initializer
from .data import load_digits, make_spirals
from .diagnostics import backward_stats, depth_profile, forward_stats
from .fans import NONLINEARITIES, calculate_gain, compute_fans
from .initializers import (
    INITIALIZERS,
    STARTS,
    TRUNCATED_NORMAL_STD,
    InitSpec,
    constant,
    dirac,
    eye,
    get_initializer,
    glorot_normal,
    glorot_uniform,
    he_normal,
    he_uniform,
    kaiming_normal,
    kaiming_uniform,
    lecun_normal,
    lecun_uniform,
    normal,
    orthogonal,
    standard_uniform,
    truncated_normal,
    uniform,
    variance_scaling,
    xavier_normal,
    xavier_uniform,
    zeros,
)
from .nn import MLP, train

if TYPE_CHECKING:  # the drawing and interaction floors, imported on first access (PEP 562)
    from . import explorers, figures, plots, widgets

__version__ = "0.2.0"

#: Submodules that import matplotlib (or ipywidgets): loaded by ``winit.<name>`` on first use.
_LAZY = ("plots", "figures", "explorers", "widgets")


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'winit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "__version__",
    "activations",
    "check",
    "convolution",
    "data",
    "diagnostics",
    "experiments",
    "explorers",
    "figures",
    "framework_defaults",
    "lsuv",
    "mean_field",
    "nn",
    "plots",
    "signal_propagation",
    "widgets",
    "load_digits",
    "make_spirals",
    "backward_stats",
    "depth_profile",
    "forward_stats",
    "NONLINEARITIES",
    "calculate_gain",
    "compute_fans",
    "DISTRIBUTIONS",
    "MODES",
    "Initializer",
    "INITIALIZERS",
    "STARTS",
    "InitSpec",
    "TRUNCATED_NORMAL_STD",
    "constant",
    "dirac",
    "eye",
    "get_initializer",
    "glorot_normal",
    "glorot_uniform",
    "he_normal",
    "he_uniform",
    "kaiming_normal",
    "kaiming_uniform",
    "lecun_normal",
    "lecun_uniform",
    "normal",
    "orthogonal",
    "standard_uniform",
    "truncated_normal",
    "uniform",
    "variance_scaling",
    "xavier_normal",
    "xavier_uniform",
    "zeros",
    "MLP",
    "train",
]
