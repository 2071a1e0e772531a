"""The course's figures (floor 4): one module per topic, each ``*_figure(...)`` computes
through the floors below (networks, measurements) and draws with :mod:`winit.plots`.

A figure function's keyword arguments are the settings a reader may change; the
explorers of :mod:`winit.explorers` declare a small grid of values for them.

========================  =====================================================
module                    figures
========================  =====================================================
:mod:`.depth`             :func:`depth_figure` (signal and gradient through a deep stack)
:mod:`.training`          :func:`training_figure`, :func:`depth_training_figure`
:mod:`.weights`           :func:`weights_figure` (one weight matrix's histogram)
:mod:`.lsuv`              :func:`lsuv_figure`
:mod:`.edge_of_chaos`     :func:`phase_diagram_figure`, :func:`depth_scale_figure`, :func:`propagation_figure`
========================  =====================================================
"""

from __future__ import annotations

from .depth import depth_figure
from .edge_of_chaos import depth_scale_figure, phase_diagram_figure, propagation_figure
from .lsuv import lsuv_figure
from .training import depth_training_figure, training_figure
from .weights import weights_figure

__all__ = [
    "depth_figure",
    "training_figure",
    "depth_training_figure",
    "weights_figure",
    "lsuv_figure",
    "phase_diagram_figure",
    "depth_scale_figure",
    "propagation_figure",
]
