"""The course's explorers, each declared once: a figure function and a small grid per control (floor 5).

An :class:`Explorer` names a figure function of :mod:`winit.figures` and, for some of
its keyword arguments, a :class:`Control`: a few values to offer (the function's
default among them), a label, and optionally a continuous range for a live slider.
From one declaration :mod:`winit.widgets` builds the live ipywidgets explorer, and a
static website explorer can precompute the figure of every combination of values
(:meth:`Explorer.states`; at most :data:`MAX_STATES`).

Part III figure modules declare their grids as module-level dicts
``<NAME>_CONTROLS = {"depth": (10, 30, 100), ...}``; :meth:`Explorer.from_grid` turns
such a dict into an explorer.
"""

from __future__ import annotations

import inspect
import itertools
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from matplotlib.figure import Figure

from .activations import ACTIVATIONS
from .figures import (
    depth_figure,
    depth_training_figure,
    lsuv_figure,
    propagation_figure,
    training_figure,
    weights_figure,
)
from .initializers import STARTS

__all__ = ["MAX_STATES", "Control", "Explorer", "EXPLORERS", "EXPLORER_INITS", "option_label"]

#: A static explorer precomputes every state, so a declaration offers at most this many.
MAX_STATES = 60

#: The ways to start offered in the explorers' menus: every key of ``winit.initializers.STARTS``.
EXPLORER_INITS: tuple[str, ...] = tuple(STARTS)


def option_label(value: Any) -> str:
    """How a control's value is shown: a start's label, a pair of starts as "A vs B", numbers as they are."""
    if isinstance(value, str):
        return STARTS[value].label if value in STARTS else value
    if isinstance(value, tuple):
        return " vs ".join(option_label(v) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class Control:
    """The values a reader may pick for one keyword argument of a figure function.

    ``values`` is the grid (a static explorer offers exactly these); ``label`` the
    control's description; ``span = (low, high, step)`` lets a live numeric slider move
    continuously instead of stepping through ``values``.
    """

    values: tuple[Any, ...]
    label: str = ""
    span: tuple[float, float, float] | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.values, tuple) or not self.values:
            raise TypeError(f"values must be a non-empty tuple; got {self.values!r}")
        if self.span is not None:
            low, high, _ = self.span
            if not all(low <= v <= high for v in self.values):
                raise ValueError(f"span {self.span} must contain every value of {self.values}")

    @property
    def numeric(self) -> bool:
        return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in self.values)


@dataclass(frozen=True)
class Explorer:
    """A figure function and the controls a reader may move; the other arguments keep their defaults.

    ``slow=True`` marks a figure that trains or simulates: a live slider then redraws
    only when released (``continuous_update=False``).

    Examples
    --------
    >>> e = EXPLORERS["weights"]
    >>> e.defaults()
    {'n_in': 256, 'n_out': 128, 'init': 'xavier_uniform'}
    >>> e.n_states() <= MAX_STATES
    True
    """

    name: str
    figure: Callable[..., Figure]
    controls: Mapping[str, Control] = field(default_factory=dict)
    slow: bool = False

    def __post_init__(self) -> None:
        params = inspect.signature(self.figure).parameters
        for key, control in self.controls.items():
            if key not in params:
                raise ValueError(f"{self.figure.__name__} has no argument {key!r} for a control")
            default = params[key].default
            if default not in control.values:
                raise ValueError(
                    f"the default {key}={default!r} of {self.figure.__name__} must be one of the control's values "
                    f"{control.values!r}, so that the first state is the figure the chapter shows"
                )
        if self.n_states() > MAX_STATES:
            raise ValueError(f"explorer {self.name!r} has {self.n_states()} states; at most {MAX_STATES}")

    @classmethod
    def from_grid(
        cls, name: str, figure: Callable[..., Figure], grid: Mapping[str, tuple[Any, ...]], *, slow: bool = False
    ) -> Explorer:
        """An explorer from a ``<NAME>_CONTROLS``-style dict of values per argument."""
        return cls(name, figure, {key: Control(tuple(values), key) for key, values in grid.items()}, slow=slow)

    def defaults(self) -> dict[str, Any]:
        """The figure function's default value of every control (the state a chapter shows)."""
        params = inspect.signature(self.figure).parameters
        return {key: params[key].default for key in self.controls}

    def n_states(self) -> int:
        return math.prod(len(c.values) for c in self.controls.values())

    def states(self) -> Iterator[dict[str, Any]]:
        """Every combination of control values, the defaults first."""
        first = self.defaults()
        yield first
        for combo in itertools.product(*(c.values for c in self.controls.values())):
            state = dict(zip(self.controls, combo))
            if state != first:
                yield state

    def draw(self, **settings: Any) -> Figure:
        """The figure of one state (unknown controls are refused)."""
        unknown = set(settings) - set(self.controls)
        if unknown:
            raise TypeError(
                f"explorer {self.name!r} has no control {sorted(unknown)[0]!r}; it has {list(self.controls)}"
            )
        return self.figure(**settings)


_INIT_MENU = Control(("normal(0, 1)", "normal(0, 0.01)", "xavier_normal", "he_normal", "lecun_normal"), "init")

#: Every explorer of the course, by name.
EXPLORERS: dict[str, Explorer] = {
    e.name: e
    for e in (
        Explorer(
            "depth",
            depth_figure,
            {
                "depth": Control((10, 20, 50), "depth", span=(2, 100, 1)),
                "activation": Control(("tanh", "relu", "selu"), "activation"),
                "init": _INIT_MENU,
            },
        ),
        Explorer(
            "training",
            training_figure,
            {
                "depth": Control((2, 10, 20), "depth", span=(1, 40, 1)),
                "activation": Control(("tanh", "relu"), "activation"),
                "inits": Control(
                    (
                        ("xavier_normal", "he_normal"),
                        ("normal(0, 1)", "xavier_normal"),
                        ("constant(0.1)", "xavier_normal"),
                        ("normal(0, 0.01)", "he_normal"),
                    ),
                    "inits",
                ),
            },
            slow=True,
        ),
        Explorer(
            "depth_training",
            depth_training_figure,
            {
                "depth": Control((10, 30, 50), "depth", span=(1, 60, 1)),
                "init": Control(
                    ("he_normal", "xavier_normal", "normal(0, 0.01)", "orthogonal", "standard_uniform"), "init"
                ),
            },
            slow=True,
        ),
        Explorer(
            "weights",
            weights_figure,
            {
                "n_in": Control((64, 256, 1024), "n_in", span=(1, 1024, 1)),
                "n_out": Control((32, 128, 512), "n_out", span=(1, 1024, 1)),
                "init": Control(
                    ("xavier_uniform", "xavier_normal", "he_uniform", "he_normal", "lecun_normal", "standard_uniform"),
                    "init",
                ),
            },
        ),
        Explorer(
            "lsuv",
            lsuv_figure,
            {
                "depth": Control((5, 20, 40), "depth", span=(1, 60, 1)),
                "width": Control((64, 128), "width", span=(16, 512, 16)),
                "activation": Control(("relu", "tanh"), "activation"),
                "batch_size": Control((16, 256), "batch", span=(2, 1024, 2)),
            },
            slow=True,
        ),
        Explorer(
            "propagation",
            propagation_figure,
            {
                "sigma_w2": Control((0.5, 1.0, 1.5, 2.0, 3.0, 4.0), "σ_w²", span=(0.5, 4.0, 0.05)),
                "sigma_b2": Control((0.0, 0.05, 0.2), "σ_b²", span=(0.0, 0.5, 0.01)),
                "depth": Control((10, 30, 60), "depth", span=(2, 100, 1)),
            },
            slow=True,
        ),
    )
}
assert all(c in ACTIVATIONS for c in EXPLORERS["depth"].controls["activation"].values)
