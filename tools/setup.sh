#!/usr/bin/env bash
# Set-up shared by the README's two commands: a virtual environment in .venv with the
# pinned requirements and winit installed in editable mode.  Safe to run again: it only
# installs what is missing.  Needs Python 3.10+ (3.11 is what the pins were made with).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "== creating .venv with $($PYTHON --version)"
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.winit-requirements
want="$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "== installing the pinned requirements into .venv"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -r requirements.txt
    .venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
    echo "$want" > "$stamp"
fi

# Optional: PyTorch (CPU) for the cross-checks against torch.nn.init.  Installed only
# from a local wheel (WINIT_TORCH_WHEELS, default /opt/wheels), never a multi-GB download;
# without it the cross-check tests are skipped with a reason.
wheels="${WINIT_TORCH_WHEELS:-/opt/wheels}"
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
    if ls "$wheels"/torch-2.13.0*.whl >/dev/null 2>&1; then
        echo "== installing torch 2.13.0 (CPU) from $wheels for the cross-checks"
        .venv/bin/python -m pip install --quiet --find-links "$wheels" torch==2.13.0 \
          || echo "== torch not installed: the cross-checks will be skipped"
    fi
fi
