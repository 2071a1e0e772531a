"""Explorers: each declared once (figure + grid of controls), built live with ipywidgets from that declaration."""

from __future__ import annotations

import inspect

import ipywidgets
import matplotlib.pyplot as plt
import pytest

from winit import explorers, widgets
from winit.explorers import EXPLORERS, MAX_STATES, Control, Explorer

LIVE = [
    widgets.depth_explorer,
    widgets.training_explorer,
    widgets.depth_training_explorer,
    widgets.weights_explorer,
    widgets.lsuv_explorer,
    widgets.propagation_explorer,
]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("explorer", EXPLORERS.values(), ids=lambda e: e.name)
def test_every_declaration_is_small_and_starts_at_the_chapter_default(explorer):
    params = inspect.signature(explorer.figure).parameters
    assert explorer.n_states() <= MAX_STATES
    states = list(explorer.states())
    assert len(states) == explorer.n_states() == len({tuple(sorted(map(repr, s.items()))) for s in states})
    assert states[0] == {k: params[k].default for k in explorer.controls}


def test_a_default_outside_the_grid_or_too_many_states_is_refused():
    def figure(depth=10, width=5):
        return None

    with pytest.raises(ValueError, match="default depth=10"):
        Explorer("bad", figure, {"depth": Control((1, 2))})
    with pytest.raises(ValueError, match="at most 60"):
        Explorer("big", figure, {"depth": Control(tuple(range(1, 11))), "width": Control(tuple(range(1, 8)))})
    with pytest.raises(ValueError, match="no argument 'height'"):
        Explorer("typo", figure, {"height": Control((1,))})
    grid = Explorer.from_grid("grid", figure, {"depth": (10, 20)})
    assert grid.defaults() == {"depth": 10} and grid.n_states() == 2


def test_option_labels_use_the_start_labels():
    assert explorers.option_label("normal(0, 1)") == "N(0, 1)"
    assert explorers.option_label(("xavier_normal", "he_normal")) == "Xavier normal vs He normal"
    assert explorers.option_label(0.05) == "0.05"


@pytest.mark.parametrize("make", LIVE, ids=lambda f: f.__name__)
def test_live_explorers_draw_at_once_with_one_control_per_declared_control(make, monkeypatch):
    drawn = []
    monkeypatch.setattr(plt, "show", lambda: drawn.append(plt.gcf()))
    w = make()
    name = make.__name__.removesuffix("_explorer")
    declaration = EXPLORERS[name]
    controls = [c for c in w.widget.children if isinstance(c, ipywidgets.ValueWidget)]
    assert [c.description for c in controls] == [c.label for c in declaration.controls.values()]
    assert {c.value for c in controls if not isinstance(c.value, tuple)} <= set(
        v for v in declaration.defaults().values() if not isinstance(v, tuple)
    )
    assert len(drawn) == 1  # drawn as soon as the cell runs, no button to press
    if declaration.slow:
        assert all(not getattr(c, "continuous_update", False) for c in controls)


def test_live_rejects_an_unknown_explorer():
    with pytest.raises(ValueError, match="explorer must be one of"):
        widgets.live("nope")
