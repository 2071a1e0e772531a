#!/usr/bin/env bash
# Set-up shared by the README's two commands: a virtual environment in .venv with the
# pinned requirements and winit installed in editable mode.  Safe to run again: it only
# installs what is missing.  Needs Python 3.10+ (3.11 is what the pins were made with).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
# pip, with the noise of index folders that some machines configure but do not have filtered out.
pip_install() { .venv/bin/python -m pip install --quiet "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }
if [ ! -x .venv/bin/python ]; then
    echo "== creating .venv with $($PYTHON --version)"
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.winit-requirements
want="$(cat requirements.txt pyproject.toml tools/setup.sh | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "== installing the pinned requirements into .venv"
    pip_install --upgrade pip
    pip_install -r requirements.txt
    # winit in editable mode through a .pth entry for the repository ("compat" mode), so that
    # `import winit` finds the real package even from the folder that contains a clone named
    # winit.  setuptools prints a notice box about editable installs whatever the mode; it is
    # shown only if the install fails.
    if ! log=$(.venv/bin/python -m pip install --quiet --no-deps -e . --config-settings editable_mode=compat 2>&1); then
        echo "$log" >&2
        exit 1
    fi
    echo "$want" > "$stamp"
fi

# Optional: PyTorch (CPU) for the cross-checks against torch.nn.init.  Installed only
# from a local wheel (WINIT_TORCH_WHEELS, default /opt/wheels), never a multi-GB download;
# without it the cross-check tests are skipped with a reason.
wheels="${WINIT_TORCH_WHEELS:-/opt/wheels}"
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
    if ls "$wheels"/torch-2.13.0*.whl >/dev/null 2>&1; then
        echo "== installing torch 2.13.0 (CPU) from $wheels for the cross-checks"
        pip_install --find-links "$wheels" torch==2.13.0 \
          || echo "== torch not installed: the cross-checks will be skipped"
    fi
fi

# With --browser (the test command): Debian's Chromium and ChromeDriver for the real-browser
# checks of the site, and axe-core from the npm registry for the accessibility check.
if [ "${1:-}" = "--browser" ]; then
    if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
        echo "== installing Debian's chromium and chromium-driver"
        SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
    fi
    AXE_VERSION=4.11.0
    if [ ! -f .venv/npm/node_modules/axe-core/axe.min.js ] || \
       ! grep -q "\"version\": \"$AXE_VERSION\"" .venv/npm/node_modules/axe-core/package.json; then
        if ! command -v npm >/dev/null; then
            echo "== installing Debian's npm"
            SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
            $SUDO apt-get update -qq
            DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null
        fi
        echo "== installing axe-core $AXE_VERSION from the npm registry"
        mkdir -p .venv/npm
        (cd .venv/npm && npm install --silent --no-save --no-package-lock --no-audit --no-fund "axe-core@$AXE_VERSION")
    fi
fi
