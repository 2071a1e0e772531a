"""The package's import graph runs one way, by floors (CONTRIBUTING.md, "Architecture").

A module imports only from floors below it, or from modules of its own floor listed
before it; no winit import hides inside a function (the lazy loading of the drawing
floors lives in ``winit/__init__.py`` alone).  And ``import winit`` stays light: it
loads neither matplotlib nor ipywidgets.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "winit"

#: floor -> modules, in the order in which a floor's modules may import each other.
FLOORS: dict[int, tuple[str, ...]] = {
    0: ("_checks", "_types"),
    1: ("fans", "initializers", "activations", "data"),
    2: (
        "nn",
        "convolution",
        "residual",
        "normalization",
        "attention",
        "recurrent",
        "parametrization",
        "adapters",
        "output_layer",
    ),
    3: ("diagnostics", "mean_field", "signal_propagation", "lsuv", "experiments", "stats", "framework_defaults"),
    4: ("plots", "figures"),
    5: ("explorers", "widgets", "static_explorers"),
    6: ("check",),
}
RANK = {name: (floor, i) for floor, names in FLOORS.items() for i, name in enumerate(names)}


def module_of(path: Path) -> str:
    """The floor key of a file: ``winit/nn.py`` -> ``nn``, ``winit/figures/depth.py`` -> ``figures``."""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def winit_imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported winit module key, line, inside a function?) for every import of a winit module in ``path``."""
    tree = ast.parse(path.read_text())
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]  # e.g. ("winit", "figures")
    found = []
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    nested = {id(n) for f in functions for n in ast.walk(f) if n is not f}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                parts = [*base, *(node.module.split(".") if node.module else [])]
            else:
                parts = (node.module or "").split(".")
            if parts[0] != "winit":
                continue
            targets = [parts[1]] if len(parts) > 1 else [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name.split(".")[1] for a in node.names if a.name.startswith("winit.")]
        else:
            continue
        for target in targets:
            found.append((target, node.lineno, id(node) in nested))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


def test_every_module_has_a_floor():
    missing = sorted({module_of(p) for p in MODULES} - set(RANK))
    assert not missing, f"add {missing} to FLOORS here and to CONTRIBUTING.md's architecture table"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_down_the_floors(path):
    here = module_of(path)
    for target, line, in_function in winit_imports(path):
        assert not in_function, f"{path.name}:{line} imports winit.{target} inside a function"
        if target == here:
            continue  # a package's own modules (winit.figures.*)
        assert target in RANK, f"{path.name}:{line} imports winit.{target}, which has no floor"
        assert RANK[target] < RANK[here], (
            f"{path.name}:{line}: {here} (floor {RANK[here][0]}) imports {target} (floor {RANK[target][0]}): "
            "an import may only go to a lower floor, or to a module listed earlier on the same floor"
        )


def test_import_winit_loads_no_drawing_or_widget_library():
    code = "import sys, winit; print(sorted(m for m in ('matplotlib', 'ipywidgets', 'scipy', 'sklearn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_drawing_floors_load_on_first_access():
    code = "import sys, winit; winit.figures.depth_figure; print('matplotlib' in sys.modules, sorted(dir(winit))[:1])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.startswith("True")
