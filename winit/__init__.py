"""winit: weight initialization for neural networks, the package behind the course.

The public API, re-exported from its modules:

* initializers: :func:`variance_scaling` (the core) and its presets
  (:func:`xavier_uniform`, :func:`he_normal`, :func:`lecun_normal`, ...),
  :func:`orthogonal`, the :data:`INITIALIZERS` registry;
* :func:`compute_fans` and :func:`calculate_gain`;
* submodules :mod:`winit.nn` (a numpy MLP with hand-written backprop),
  :mod:`winit.diagnostics`, :mod:`winit.data`, :mod:`winit.plots`,
  :mod:`winit.widgets`, :mod:`winit.lsuv` (data-driven LSUV initialization),
  :mod:`winit.mean_field` (signal propagation theory), :mod:`winit.convolution`
  :mod:`winit.check` (feedback for the assignments), :mod:`winit.experiments`
  (repeated runs over seeds, the benchmark), :mod:`winit.edge_of_chaos` and
  :mod:`winit.framework_defaults` (PyTorch, Keras and JAX defaults mapped to winit).
"""

from . import (
    check,
    convolution,
    data,
    diagnostics,
    edge_of_chaos,
    experiments,
    framework_defaults,
    lsuv,
    mean_field,
    nn,
    plots,
    widgets,
)
from .data import load_digits, make_spirals
from .diagnostics import backward_stats, depth_profile, forward_stats
from .fans import NONLINEARITIES, calculate_gain, compute_fans
from .initializers import (
    DISTRIBUTIONS,
    INITIALIZERS,
    MODES,
    TRUNCATED_NORMAL_STD,
    constant,
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
    uniform,
    variance_scaling,
    xavier_normal,
    xavier_uniform,
    zeros,
)
from .nn import MLP, train

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "check",
    "convolution",
    "data",
    "edge_of_chaos",
    "experiments",
    "framework_defaults",
    "diagnostics",
    "lsuv",
    "mean_field",
    "nn",
    "plots",
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
    "INITIALIZERS",
    "MODES",
    "TRUNCATED_NORMAL_STD",
    "constant",
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
    "uniform",
    "variance_scaling",
    "xavier_normal",
    "xavier_uniform",
    "zeros",
    "MLP",
    "train",
]
