"""Print SHA-256 fingerprints of trained weights and measured statistics.

A refactor of the training path must not change a single bit of what the notebooks
store.  Run this before and after the change (under ``source tools/numeric_env.sh``)
and compare the lines: every one must be equal.

    source tools/numeric_env.sh && .venv/bin/python tools/fingerprint.py
"""

from __future__ import annotations

import hashlib

import numpy as np

import winit
from winit import diagnostics, experiments
from winit.lsuv import lsuv

try:  # the simulation moved to winit.signal_propagation in the floors refactor
    from winit.signal_propagation import simulate_signal_propagation
except ImportError:  # pragma: no cover - the layout before the refactor
    from winit.edge_of_chaos import simulate_signal_propagation


def digest(*arrays: np.ndarray) -> str:
    h = hashlib.sha256()
    for a in arrays:
        a = np.ascontiguousarray(a)
        h.update(str(a.dtype).encode() + str(a.shape).encode())
        h.update(a.tobytes())
    return h.hexdigest()[:16]


def trained(sizes, activation, init, *, epochs=3, lr=0.05, rng=0, **kwargs):
    data = winit.load_digits(rng=0)
    net = winit.MLP(sizes, activation, init, rng=rng, **kwargs)
    hist = winit.train(
        net,
        data.x_train,
        data.y_train,
        data.x_test,
        data.y_test,
        epochs=epochs,
        lr=lr,
        rng=rng,
        record_stats=True,
        record_steps=True,
    )
    extra = np.array(hist.test_acc + hist.train_loss + hist.step_loss)
    return digest(*net.parameters(), extra, *hist.act_std, *hist.grad_std)


def main() -> None:
    data = winit.load_digits(rng=0)
    rows = {
        "train relu he_normal 64-128-128-10": trained((64, 128, 128, 10), "relu", "he_normal"),
        "train tanh xavier_normal 64-64x8-10": trained((64, *[64] * 8, 10), "tanh", "xavier_normal", lr=0.02),
        "train selu lecun_normal": trained((64, 64, 64, 10), "selu", "lecun_normal"),
        "train sigmoid xavier_uniform": trained((64, 32, 10), "sigmoid", "xavier_uniform"),
        "train leaky_relu he_uniform": trained((64, 32, 32, 10), "leaky_relu", "he_uniform", activation_param=0.2),
        "train linear orthogonal": trained((64, 32, 10), "linear", "orthogonal"),
        "train random bias": trained((64, 32, 10), "tanh", "xavier_normal", bias="random"),
        "train float64": trained((64, 32, 10), "relu", "he_normal", dtype=np.float64),
        "train diverging N(0,1) 15 layers": trained((64, *[64] * 15, 10), "relu", "normal", epochs=2),
    }
    net = winit.MLP((64, *[128] * 10, 10), "relu", "he_normal", rng=0)
    report = lsuv(net, data.x_train[:256], rng=2)
    rows["lsuv 10 relu layers"] = digest(*net.parameters(), report.variance_before, report.variance_after, report.scale)
    runs = experiments.run_seeds(data, (64, 64), "tanh", "LSUV", seeds=2, epochs=2)
    rows["run_seeds LSUV"] = digest(runs.final_acc, runs.loss_epoch1)
    runs = experiments.run_seeds(data, (64,) * 4, "relu", "He normal", seeds=2, epochs=2)
    rows["run_seeds He normal"] = digest(runs.final_acc, runs.loss_epoch1)
    for act, init in (
        ("tanh", "xavier_normal"),
        ("relu", "he_normal"),
        ("selu", "lecun_normal"),
        ("sigmoid", "normal"),
    ):
        p = winit.depth_profile(
            20, 128, activation=act, init=init, n_samples=200, keep_layers=(1, 20), rng=1, bias_std=0.1
        )
        rows[f"depth_profile {act} {init}"] = digest(
            p.forward.mean,
            p.forward.std,
            p.backward.mean,
            p.backward.std,
            p.forward.saturated,
            p.forward.dead,
            *p.activations.values(),
            *p.gradients.values(),
        )
    p = winit.depth_profile(40, 64, activation="relu", init="normal", init_kwargs={"std": 1.0}, backward=False, rng=0)
    rows["depth_profile overflow"] = digest(p.forward.std)
    sweep = diagnostics.weight_scale_sweep(60, 128, [1.0, 0.01, 1 / np.sqrt(128)], rng=0)
    rows["weight_scale_sweep"] = digest(*sweep.values())
    stats = diagnostics.forward_stats(winit.MLP((64, 32, 32, 10), "tanh", "xavier_normal", rng=0), data.x_test)
    rows["forward_stats"] = digest(stats.mean, stats.std, stats.saturated)
    sim = simulate_signal_propagation(10, 100, 1.5, 0.05, n_pairs=4, n_networks=2, rng=0)
    rows["simulate_signal_propagation"] = digest(sim.q, sim.c, sim.q_se, sim.c_se)
    for name, value in rows.items():
        print(f"{value}  {name}")


if __name__ == "__main__":
    main()
