"""winit's performance benchmark: prints one markdown table, and the budgets.

    .venv/bin/python benchmarks/run.py            # everything (about 5 minutes)
    .venv/bin/python benchmarks/run.py --quick    # skip the notebook runs, the build and the test command

Every figure is the median of several runs, and every comparison is measured
side by side in the same run, alternating the two contenders, because these
machines are noisy: the ratios are what hold, not the absolute times.

Sections:
1. winit initializers against the raw numpy draw of the same size and dtype
   (and torch.nn.init when PyTorch is installed);
2. one training epoch of winit's numpy MLP on the digits (10 ReLU layers of
   width 256, batch 128, float32) against the same network in PyTorch (CPU);
3. each notebook's execution time (`jupyter execute`), and their total;
4. the README's two commands on a copy of the repository with the warm `.venv`:
   `bash tools/build_book.sh` from a clean `_build`, and `bash tools/test.sh`;
0. `python -c "import winit"`, the first thing every reader runs (before everything else).
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import winit  # noqa: E402

try:  # optional contender
    import torch
except ImportError:  # pragma: no cover - depends on the machine
    torch = None

BUDGETS = {
    "init_ratio_4096": 1.2,
    "epoch_ratio": 1.5,
    "notebook_max_s": 15.0,
    "notebooks_total_s": 120.0,
    "build_command_s": 30.0,
    "test_command_s": 240.0,
    "import_s": 0.3,
}


def bench_import(repeat: int) -> dict[str, float]:
    """Median wall time of a fresh ``python -c "import ..."`` (the interpreter's own start included)."""
    out = {}
    for what in ("pass", "import numpy", "import winit"):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", what], cwd=ROOT, check=True)
            times.append(time.perf_counter() - start)
        out[what] = statistics.median(times)
    return out


def timed(fn, repeat: int) -> float:
    """Median wall time of ``fn()`` over ``repeat`` runs (after one warm-up)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def side_by_side(fns: dict, repeat: int) -> dict[str, float]:
    """Median times of several functions, run alternately so that noise hits all alike."""
    for fn in fns.values():
        fn()
    times: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {k: statistics.median(v) for k, v in times.items()}


# --------------------------------------------------------------------------- 1. initializers


def bench_initializers(repeat: int) -> list[dict]:
    rows = []
    for n in (1024, 4096):
        shape = (n, n)
        for dtype in (np.float32, np.float64):
            rng = np.random.default_rng(0)
            std = math.sqrt(2.0 / n)
            bound = math.sqrt(6.0 / (2 * n))

            def raw_normal():
                out = rng.standard_normal(shape, dtype=dtype)
                out *= dtype(std)
                return out

            def raw_uniform():
                out = rng.random(shape, dtype=dtype)
                out *= dtype(2 * bound)
                out -= dtype(bound)
                return out

            fns = {
                "raw normal": raw_normal,
                "winit.he_normal": lambda: winit.he_normal(shape, rng=rng, dtype=dtype),
                "raw uniform": raw_uniform,
                "winit.xavier_uniform": lambda: winit.xavier_uniform(shape, rng=rng, dtype=dtype),
                "winit.he_normal(truncated)": lambda: winit.he_normal(
                    shape, distribution="truncated_normal", rng=rng, dtype=dtype
                ),
            }
            if torch is not None:
                tdtype = torch.float32 if dtype == np.float32 else torch.float64
                fns["torch kaiming_normal_"] = lambda: torch.nn.init.kaiming_normal_(torch.empty(shape, dtype=tdtype))
                fns["torch xavier_uniform_"] = lambda: torch.nn.init.xavier_uniform_(torch.empty(shape, dtype=tdtype))
            t = side_by_side(fns, repeat)
            rows.append(
                {
                    "shape": f"{n}x{n}",
                    "dtype": np.dtype(dtype).name,
                    "raw normal ms": 1e3 * t["raw normal"],
                    "he_normal / raw": t["winit.he_normal"] / t["raw normal"],
                    "xavier_uniform / raw": t["winit.xavier_uniform"] / t["raw uniform"],
                    "truncated / raw normal": t["winit.he_normal(truncated)"] / t["raw normal"],
                    "torch kaiming_normal_ / raw": (t["torch kaiming_normal_"] / t["raw normal"]) if torch else None,
                    "torch xavier_uniform_ / raw": (t["torch xavier_uniform_"] / t["raw uniform"]) if torch else None,
                }
            )
    return rows


# --------------------------------------------------------------------------- 2. training epoch


def bench_epoch(repeat: int) -> dict:
    data = winit.load_digits(rng=0)
    sizes = (64, *[256] * 10, 10)
    batch = 128
    x, y = data.x_train, data.y_train

    net = winit.MLP(sizes, "relu", "he_normal", rng=0, dtype=np.float32)
    opt = winit.nn.SGD(lr=0.01, momentum=0.9)
    order = np.random.default_rng(0).permutation(len(x))

    def winit_epoch():
        for start in range(0, len(x), batch):
            idx = order[start : start + batch]
            net.loss_and_grad(x[idx], y[idx])
            opt.step(net.parameters(), net.gradients())

    fns = {"winit (numpy)": winit_epoch}
    if torch is not None:
        torch.manual_seed(0)
        layers = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            layers += [torch.nn.Linear(n_in, n_out), torch.nn.ReLU()]
        model = torch.nn.Sequential(*layers[:-1])
        topt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
        tx, ty = torch.from_numpy(x), torch.from_numpy(y.astype(np.int64))
        torder = torch.from_numpy(order)
        loss_fn = torch.nn.CrossEntropyLoss()

        def torch_epoch():
            for start in range(0, len(x), batch):
                idx = torder[start : start + batch]
                topt.zero_grad(set_to_none=True)
                loss = loss_fn(model(tx[idx]), ty[idx])
                loss.backward()
                topt.step()

        fns["torch (CPU)"] = torch_epoch
    t = side_by_side(fns, repeat)
    result = {"winit ms": 1e3 * t["winit (numpy)"]}
    if torch is not None:
        result["torch ms"] = 1e3 * t["torch (CPU)"]
        result["ratio"] = t["winit (numpy)"] / t["torch (CPU)"]
        result["torch threads"] = torch.get_num_threads()
    return result


# --------------------------------------------------------------------------- 3. notebooks


def project_env() -> dict[str, str]:
    """This process's environment plus tools/numeric_env.sh (one BLAS thread, fixed kernel, inline plots)."""
    out = subprocess.run(
        ["bash", "-c", "source tools/numeric_env.sh && env -0"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    return dict(item.split("=", 1) for item in out.decode().split("\0") if "=" in item)


def cell_seconds(path: Path) -> float:
    """Sum of the cells' execution times recorded in an executed notebook's metadata."""
    import json
    from datetime import datetime

    total = 0.0
    for cell in json.loads(path.read_text())["cells"]:
        meta = cell.get("metadata", {}).get("execution")
        if meta and "iopub.execute_input" in meta and "shell.execute_reply" in meta:
            start = datetime.fromisoformat(meta["iopub.execute_input"].replace("Z", "+00:00"))
            end = datetime.fromisoformat(meta["shell.execute_reply"].replace("Z", "+00:00"))
            total += (end - start).total_seconds()
    return total


def bench_notebooks(repeat: int) -> list[tuple[str, float, float]]:
    """(notebook, wall seconds of `jupyter execute` with kernel start, seconds spent in its cells)."""
    jupyter = Path(sys.executable).with_name("jupyter")
    env = project_env()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for nb in sorted((ROOT / "chapters").glob("*.ipynb")):
            copy = Path(tmp) / nb.name
            shutil.copy(nb, copy)

            def run():
                subprocess.run(
                    [str(jupyter), "execute", "--inplace", str(copy)],
                    cwd=ROOT / "chapters",
                    check=True,
                    capture_output=True,
                    env=env,
                )

            times, cells = [], []
            for _ in range(repeat):
                start = time.perf_counter()
                run()
                times.append(time.perf_counter() - start)
                cells.append(cell_seconds(copy))
            rows.append((nb.stem, statistics.median(times), statistics.median(cells)))
    return rows


# --------------------------------------------------------------------------- 4. book build


def _repo_copy(tmp: str) -> Path:
    """A copy of the repository without build products, sharing this checkout's warm .venv (a symlink)."""
    book = Path(tmp) / "winit"
    ignore = shutil.ignore_patterns(
        "_build",
        ".venv",
        "venv",
        ".git",
        "node_modules",
        "__pycache__",
        ".pytest_cache",
        ".hypothesis",
        ".jupyter_cache",
    )
    shutil.copytree(ROOT, book, ignore=ignore)
    (book / ".venv").symlink_to(ROOT / ".venv")
    return book


def bench_commands(with_tests: bool) -> dict:
    """Wall time of the README's commands on a fresh copy with the warm .venv: the build, then the tests."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        book = _repo_copy(tmp)
        start = time.perf_counter()
        subprocess.run(["bash", "tools/build_book.sh"], cwd=book, check=True, capture_output=True, env=env)
        out["build s"] = time.perf_counter() - start
        if with_tests:
            shutil.rmtree(book / "_build")
            start = time.perf_counter()
            proc = subprocess.run(["bash", "tools/test.sh"], cwd=book, capture_output=True, text=True, env=env)
            out["test s"] = time.perf_counter() - start
            out["test result"] = (proc.stdout.strip().splitlines() or ["(no output)"])[-1].strip("= ")
            out["test ok"] = proc.returncode == 0
    return out


# --------------------------------------------------------------------------- report


def fmt(v, spec=".2f"):
    return "n/a" if v is None else format(v, spec)


def verdict(ok: bool) -> str:
    return "within budget" if ok else "OVER BUDGET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip the notebook runs and the book builds")
    parser.add_argument("--repeat", type=int, default=7, help="runs per micro-benchmark (median reported)")
    parser.add_argument("--notebook-repeat", type=int, default=1, help="runs per notebook (median reported)")
    args = parser.parse_args()
    os.environ.pop("MPLBACKEND", None)  # notebooks must draw their figures (inline backend)

    print(
        f"# winit benchmark\n\nnumpy {np.__version__}, torch {torch.__version__ if torch else 'not installed'}, "
        f"{os.cpu_count()} CPUs, median of {args.repeat} runs\n"
    )

    print('## 0. `python -c "import winit"` (median wall time, interpreter start included)\n')
    imp = bench_import(args.repeat)
    print("| python alone (s) | import numpy (s) | import winit (s) |")
    print("|---:|---:|---:|")
    print(f"| {imp['pass']:.3f} | {imp['import numpy']:.3f} | {imp['import winit']:.3f} |\n")

    print("## 1. Initializers versus the raw numpy draw (ratio: lower is better, 1.0 = no overhead)\n")
    rows = bench_initializers(args.repeat)
    print(
        "| shape | dtype | raw normal (ms) | he_normal / raw | xavier_uniform / raw | truncated normal / raw | torch kaiming_normal_ / raw | torch xavier_uniform_ / raw |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['shape']} | {r['dtype']} | {r['raw normal ms']:.1f} | {r['he_normal / raw']:.2f} | {r['xavier_uniform / raw']:.2f} "
            f"| {r['truncated / raw normal']:.2f} | {fmt(r['torch kaiming_normal_ / raw'])} | {fmt(r['torch xavier_uniform_ / raw'])} |"
        )
    worst_4096 = max(max(r["he_normal / raw"], r["xavier_uniform / raw"]) for r in rows if r["shape"] == "4096x4096")

    print("\n## 2. One training epoch on the digits (10 ReLU layers of 256, batch 128, float32)\n")
    e = bench_epoch(args.repeat)
    print("| winit numpy (ms) | torch CPU (ms) | winit / torch |")
    print("|---:|---:|---:|")
    print(f"| {e['winit ms']:.1f} | {fmt(e.get('torch ms'), '.1f')} | {fmt(e.get('ratio'))} |")

    nb_rows, build = [], None
    if not args.quick:
        print("\n## 3. Notebook execution (`jupyter execute`, kernel start included)\n")
        nb_rows = bench_notebooks(args.notebook_repeat)
        print("| notebook | wall (s) | in cells (s) |")
        print("|---|---:|---:|")
        for name, wall, cells in nb_rows:
            print(f"| {name} | {wall:.1f} | {cells:.1f} |")
        print(f"| **total** | **{sum(r[1] for r in nb_rows):.1f}** | **{sum(r[2] for r in nb_rows):.1f}** |")

        print("\n## 4. The README's commands (fresh copy of the repository, warm .venv)\n")
        build = bench_commands(with_tests=True)
        print("| `bash tools/build_book.sh` (s) | `bash tools/test.sh` (s) | test result |")
        print("|---:|---:|---|")
        print(f"| {build['build s']:.1f} | {build['test s']:.1f} | {build['test result']} |")

    print("\n## Budgets\n")
    print("| budget | measured | verdict |")
    print("|---|---:|---|")
    print(
        f"| python -c 'import winit' <= {BUDGETS['import_s']} s | {imp['import winit']:.3f} | {verdict(imp['import winit'] <= BUDGETS['import_s'])} |"
    )
    print(
        f"| winit / raw numpy at 4096x4096 <= {BUDGETS['init_ratio_4096']} | {worst_4096:.2f} | {verdict(worst_4096 <= BUDGETS['init_ratio_4096'])} |"
    )
    if "ratio" in e:
        print(
            f"| epoch winit / torch <= {BUDGETS['epoch_ratio']} | {e['ratio']:.2f} | {verdict(e['ratio'] <= BUDGETS['epoch_ratio'])} |"
        )
    if nb_rows:
        # judged on the time spent in the cells (what a reader waits for in a running Jupyter);
        # the wall time with kernel start-up is reported next to it
        worst = max(r[2] for r in nb_rows)
        total = sum(r[2] for r in nb_rows)
        wall = sum(r[1] for r in nb_rows)
        print(
            f"| slowest notebook (cells) <= {BUDGETS['notebook_max_s']:.0f} s | {worst:.1f} (wall {max(r[1] for r in nb_rows):.1f}) | {verdict(worst <= BUDGETS['notebook_max_s'])} |"
        )
        print(
            f"| all notebooks (cells) <= {BUDGETS['notebooks_total_s']:.0f} s | {total:.1f} (wall {wall:.1f}) | {verdict(total <= BUDGETS['notebooks_total_s'])} |"
        )
    if build:
        print(
            f"| `bash tools/build_book.sh`, warm .venv <= {BUDGETS['build_command_s']:.0f} s | {build['build s']:.1f} | {verdict(build['build s'] <= BUDGETS['build_command_s'])} |"
        )
        ok = build["test s"] <= BUDGETS["test_command_s"] and build["test ok"]
        print(
            f"| `bash tools/test.sh`, warm .venv, green <= {BUDGETS['test_command_s']:.0f} s | {build['test s']:.1f} ({build['test result']}) | {verdict(ok)} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
