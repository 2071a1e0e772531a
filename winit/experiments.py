r"""Repeated training runs over seeds, summarized honestly: the engine of the myths and benchmark chapters.

An initialization claim is a claim about a *distribution* of outcomes, so every
comparison here trains the same network from several seeds and reports the mean,
the standard deviation, the minimum and the maximum, never a single lucky run.

:data:`SCHEMES` lists the schemes of the benchmark chapter by label; :func:`run_seeds`
trains one scheme over seeds; :func:`benchmark` runs a grid of schemes and
architectures; :func:`results_table` renders a summary as a markdown table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._checks import check_choice, check_positive_int, check_real
from .activations import ACTIVATIONS
from .data import Dataset
from .initializers import STARTS, InitSpec
from .lsuv import lsuv
from .nn import MLP, train

__all__ = ["Scheme", "SCHEMES", "SeedRuns", "run_seeds", "benchmark", "results_table"]


@dataclass(frozen=True)
class Scheme(InitSpec):
    """One way to start a network: an :class:`~winit.initializers.InitSpec`, optionally followed by LSUV.

    ``init`` is a name from :data:`winit.INITIALIZERS` or a callable
    ``f(shape, *, rng, dtype)``, with ``init_kwargs``.  ``bias`` is the initial bias (a
    number, or ``"random"`` for N(0, 1) biases).  ``lsuv_batch`` > 0 means: initialize
    with ``init``, then rescale those weights with :func:`winit.lsuv.lsuv` on the first
    ``lsuv_batch`` training examples (with ``init="orthogonal"`` this is the paper's
    algorithm, orthogonal start included).

    Examples
    --------
    >>> SCHEMES["N(0, 0.01)"] == Scheme("normal", {"std": 0.01}, label="N(0, 0.01)")
    True
    """

    lsuv_batch: int = 0
    bias: float | str = 0.0

    @classmethod
    def from_spec(cls, spec: InitSpec, *, lsuv_batch: int = 0, bias: float | str = 0.0) -> Scheme:
        """A scheme that starts as ``spec`` does."""
        return cls(spec.init, dict(spec.init_kwargs), lsuv_batch, bias, label=spec.label)


#: The benchmark's schemes, from the classic failures to the data-driven one: every
#: way to start of :data:`winit.initializers.STARTS` (by label), then LSUV.
SCHEMES: dict[str, Scheme] = {
    **{spec.label: Scheme.from_spec(spec) for spec in STARTS.values()},
    "LSUV": Scheme("orthogonal", {}, lsuv_batch=256, label="LSUV"),
}


@dataclass(frozen=True)
class SeedRuns:
    """Outcomes of one scheme on one architecture, one entry per seed.

    ``final_acc`` is the test accuracy after the last epoch, ``loss_epoch1`` the
    training loss after the first epoch (``inf`` if training diverged before),
    ``diverged`` whether the loss stopped being finite.
    """

    seeds: tuple[int, ...]
    final_acc: np.ndarray
    loss_epoch1: np.ndarray
    diverged: np.ndarray

    def summary(self) -> dict[str, float]:
        """Mean, std (population, ddof=0), min and max of the final accuracy; mean loss after epoch 1."""
        acc = self.final_acc
        return {
            "mean": float(acc.mean()),
            "std": float(acc.std()),
            "min": float(acc.min()),
            "max": float(acc.max()),
            "loss_epoch1": float(np.mean(self.loss_epoch1)),
            "diverged": int(self.diverged.sum()),
        }


def _seeds(seeds: Any) -> tuple[int, ...]:
    if isinstance(seeds, (int, np.integer)) and not isinstance(seeds, bool):
        return tuple(range(check_positive_int(seeds, name="seeds")))
    if isinstance(seeds, (str, bytes)) or not isinstance(seeds, (Sequence, range)):
        raise TypeError(f"seeds must be a number of seeds or a sequence of int seeds; got {seeds!r}")
    out = tuple(check_positive_int(s, name="seeds[i]", minimum=0) for s in seeds)
    if not out:
        raise ValueError("seeds must not be empty")
    return out


def run_seeds(
    data: Dataset,
    hidden: Sequence[int],
    activation: str,
    scheme: Scheme | str,
    *,
    seeds: Any = 5,
    epochs: int = 5,
    lr: float = 0.05,
    momentum: float = 0.9,
    batch_size: int = 64,
) -> SeedRuns:
    """Train an :class:`~winit.nn.MLP` with hidden widths ``hidden`` from ``scheme``, once per seed.

    Seed ``s`` drives both the initialization and the minibatch order, so a run is
    reproducible and two schemes see the same batches for the same seed.

    Examples
    --------
    >>> from winit.data import load_digits
    >>> runs = run_seeds(load_digits(rng=0), (32,), "relu", "He normal", seeds=2, epochs=2)
    >>> runs.final_acc.shape, bool(runs.final_acc.min() > 0.8)
    ((2,), True)
    """
    if not isinstance(data, Dataset):
        raise TypeError(f"data must be a winit.data.Dataset (e.g. winit.load_digits()); got {type(data).__name__}")
    if isinstance(hidden, (str, bytes)) or not isinstance(hidden, Sequence):
        raise TypeError(f"hidden must be a sequence of hidden-layer widths such as (64, 64); got {hidden!r}")
    hidden = tuple(check_positive_int(h, name="hidden[i]") for h in hidden)
    check_choice(activation, ACTIVATIONS, name="activation")
    if isinstance(scheme, str):
        scheme = SCHEMES[check_choice(scheme, tuple(SCHEMES), name="scheme")]
    if not isinstance(scheme, Scheme):
        raise TypeError(f"scheme must be a Scheme or one of {sorted(SCHEMES)}; got {scheme!r}")
    seeds = _seeds(seeds)
    epochs = check_positive_int(epochs, name="epochs")
    lr = check_real(lr, name="lr", positive=True)
    sizes = (data.n_features, *hidden, data.n_classes)
    acc, loss1, diverged = [], [], []
    for seed in seeds:
        model = MLP(sizes, activation, scheme.init, init_kwargs=dict(scheme.init_kwargs), bias=scheme.bias, rng=seed)
        if scheme.lsuv_batch:
            lsuv(model, data.x_train[: scheme.lsuv_batch], orthogonal_start=False)
        history = train(
            model,
            data.x_train,
            data.y_train,
            data.x_test,
            data.y_test,
            epochs=epochs,
            lr=lr,
            momentum=momentum,
            batch_size=batch_size,
            rng=seed,
            record_epochs=(1,),  # full evaluations only where they are reported: epoch 1 and the last
        )
        acc.append(history.test_acc[-1] if not history.diverged else float("nan"))
        loss1.append(history.train_loss[history.epochs.index(1)] if 1 in history.epochs else float("inf"))
        diverged.append(history.diverged)
    final = np.array(acc)
    # A diverged run predicts nothing better than chance: count it as the majority-class accuracy.
    chance = float(np.bincount(data.y_test).max() / len(data.y_test))
    final = np.where(np.isnan(final), chance, final)
    loss_epoch1 = np.array(loss1)
    loss_epoch1 = np.where(np.isfinite(loss_epoch1), loss_epoch1, np.inf)
    return SeedRuns(seeds, final, loss_epoch1, np.array(diverged, dtype=bool))


def benchmark(
    data: Dataset,
    architectures: Mapping[str, tuple[Sequence[int], str, Mapping[str, Any]]],
    schemes: Sequence[str] | Mapping[str, Scheme] = tuple(SCHEMES),
    *,
    seeds: Any = 5,
) -> dict[tuple[str, str], SeedRuns]:
    """Run every scheme on every architecture; keys are ``(architecture, scheme)``.

    ``architectures`` maps a label to ``(hidden, activation, training_kwargs)``, where
    ``training_kwargs`` go to :func:`run_seeds` (epochs, lr, momentum, batch_size).

    Examples
    --------
    >>> from winit.data import load_digits
    >>> res = benchmark(load_digits(rng=0), {"tiny": ((16,), "relu", {"epochs": 1})},
    ...                 ["zeros", "He normal"], seeds=2)
    >>> sorted(res)
    [('tiny', 'He normal'), ('tiny', 'zeros')]
    """
    if not isinstance(architectures, Mapping) or not architectures:
        raise TypeError("architectures must be a non-empty mapping label -> (hidden, activation, training_kwargs)")
    if isinstance(schemes, Mapping):
        table = dict(schemes)
    else:
        table = {}
        for name in schemes:
            table[name] = SCHEMES[check_choice(name, tuple(SCHEMES), name="schemes[i]")]
    results = {}
    for arch, spec in architectures.items():
        if not (isinstance(spec, tuple) and len(spec) == 3):
            raise TypeError(f"architectures[{arch!r}] must be (hidden, activation, training_kwargs); got {spec!r}")
        hidden, activation, kwargs = spec
        for label, scheme in table.items():
            results[(arch, label)] = run_seeds(data, hidden, activation, scheme, seeds=seeds, **dict(kwargs))
    return results


def results_table(results: Mapping[tuple[str, str], SeedRuns], architectures: Sequence[str] | None = None) -> str:
    """A markdown table: one row per scheme, per architecture the accuracy summary and the epoch-1 loss.

    Examples
    --------
    >>> runs = SeedRuns((0, 1), np.array([0.5, 0.7]), np.array([1.0, 2.0]), np.array([False, False]))
    >>> print(results_table({("net", "He"): runs}))
    | scheme | net: mean | std | min | max | loss after epoch 1 |
    |---|---:|---:|---:|---:|---:|
    | He | 0.600 | 0.100 | 0.500 | 0.700 | 1.50 |
    """
    if not isinstance(results, Mapping) or not results:
        raise TypeError("results must be a non-empty mapping (architecture, scheme) -> SeedRuns")
    archs = list(dict.fromkeys(a for a, _ in results)) if architectures is None else list(architectures)
    schemes = list(dict.fromkeys(s for _, s in results))
    head = "| scheme | " + " | ".join(f"{a}: mean | std | min | max | loss after epoch 1" for a in archs) + " |"
    rule = "|---|" + "---:|---:|---:|---:|---:|" * len(archs)
    lines = [head, rule]
    for scheme in schemes:
        cells = [scheme]
        for arch in archs:
            s = results[(arch, scheme)].summary()
            loss = "diverged" if not np.isfinite(s["loss_epoch1"]) else f"{s['loss_epoch1']:.2f}"
            cells += [f"{s['mean']:.3f}", f"{s['std']:.3f}", f"{s['min']:.3f}", f"{s['max']:.3f}", loss]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
