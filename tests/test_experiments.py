"""winit.experiments: seeded repetitions, honest summaries, the benchmark table."""

from __future__ import annotations

import numpy as np
import pytest

from winit.data import load_digits
from winit.experiments import SCHEMES, Scheme, SeedRuns, benchmark, results_table, run_seeds

DATA = load_digits(rng=0)


def test_the_benchmark_has_the_schemes_the_course_promises():
    required = {
        "zeros",
        "constant 0.1",
        "N(0, 0.01)",
        "N(0, 1)",
        "standard uniform",
        "Xavier uniform",
        "Xavier normal",
        "He uniform",
        "He normal",
        "LeCun normal",
        "orthogonal",
        "LSUV",
    }
    assert required <= set(SCHEMES)
    assert SCHEMES["LSUV"].lsuv_batch > 0 and SCHEMES["LSUV"].init == "orthogonal"


def test_runs_are_reproducible_and_seeds_matter():
    a = run_seeds(DATA, (16,), "relu", "He normal", seeds=[0, 1], epochs=1)
    b = run_seeds(DATA, (16,), "relu", "He normal", seeds=[0, 1], epochs=1)
    np.testing.assert_array_equal(a.final_acc, b.final_acc)
    np.testing.assert_array_equal(a.loss_epoch1, b.loss_epoch1)
    assert a.final_acc[0] != a.final_acc[1] or a.loss_epoch1[0] != a.loss_epoch1[1]


def test_summary_is_the_numpy_summary():
    runs = run_seeds(DATA, (16,), "tanh", "Xavier normal", seeds=3, epochs=1)
    s = runs.summary()
    acc = runs.final_acc
    assert (s["mean"], s["std"], s["min"], s["max"]) == (acc.mean(), acc.std(), acc.min(), acc.max())
    assert s["loss_epoch1"] == pytest.approx(runs.loss_epoch1.mean())
    assert runs.seeds == (0, 1, 2)


def test_zeros_stay_at_chance_and_he_learns():
    # 10 balanced classes: chance is about 0.1; a 1-hidden-layer ReLU net from He learns the digits
    zeros = run_seeds(DATA, (32,), "relu", "zeros", seeds=2, epochs=2)
    he = run_seeds(DATA, (32,), "relu", "He normal", seeds=2, epochs=2)
    assert zeros.final_acc.max() < 0.2
    assert he.final_acc.min() > 0.85


def test_a_diverged_run_counts_as_chance_not_nan():
    runs = run_seeds(DATA, (64,) * 6, "relu", "N(0, 1)", seeds=1, epochs=1, lr=0.5)
    assert runs.diverged.all()
    chance = np.bincount(DATA.y_test).max() / len(DATA.y_test)
    assert runs.final_acc[0] == pytest.approx(chance)
    assert np.isinf(runs.loss_epoch1[0])
    assert "diverged" in results_table({("deep", "N(0, 1)"): runs})


def test_lsuv_scheme_is_applied():
    # same seed, same orthogonal draw: only the LSUV rescaling can make the two runs differ
    plain = run_seeds(DATA, (32,) * 6, "relu", Scheme("orthogonal"), seeds=1, epochs=1)
    tuned = run_seeds(DATA, (32,) * 6, "relu", Scheme("orthogonal", {}, lsuv_batch=64), seeds=1, epochs=1)
    assert tuned.loss_epoch1[0] != plain.loss_epoch1[0]


def test_benchmark_and_table_cover_the_grid():
    res = benchmark(
        DATA,
        {"a": ((8,), "relu", {"epochs": 1}), "b": ((8, 8), "tanh", {"epochs": 1})},
        ["zeros", "He normal", "LSUV"],
        seeds=2,
    )
    assert set(res) == {(a, s) for a in "ab" for s in ("zeros", "He normal", "LSUV")}
    table = results_table(res)
    lines = table.splitlines()
    assert len(lines) == 2 + 3
    assert lines[0].count("mean") == 2
    assert all(line.count("|") == lines[0].count("|") for line in lines)


@pytest.mark.parametrize(
    "kwargs, exc, word",
    [
        ({"scheme": "Kaiming"}, ValueError, "scheme"),
        ({"scheme": 3}, TypeError, "scheme"),
        ({"hidden": "64"}, TypeError, "hidden"),
        ({"hidden": (0,)}, ValueError, "hidden"),
        ({"activation": "gelu"}, ValueError, "activation"),
        ({"seeds": []}, ValueError, "seeds"),
        ({"seeds": "0"}, TypeError, "seeds"),
        ({"epochs": 0}, ValueError, "epochs"),
        ({"lr": -1.0}, ValueError, "lr"),
    ],
)
def test_bad_input_is_named(kwargs, exc, word):
    args = {"hidden": (8,), "activation": "relu", "scheme": "He normal", "seeds": 1, "epochs": 1}
    args.update(kwargs)
    with pytest.raises(exc, match=word):
        run_seeds(DATA, args.pop("hidden"), args.pop("activation"), args.pop("scheme"), **args)


def test_bad_data_and_tables():
    with pytest.raises(TypeError, match="data"):
        run_seeds(DATA.x_train, (8,), "relu", "He normal")
    with pytest.raises(TypeError, match="architectures"):
        benchmark(DATA, {})
    with pytest.raises(TypeError, match="results"):
        results_table({})
    with pytest.raises(ValueError, match="schemes"):
        benchmark(DATA, {"a": ((8,), "relu", {})}, ["Kaiming"])
    SeedRuns((0,), np.array([0.5]), np.array([1.0]), np.array([False]))  # constructible by hand
