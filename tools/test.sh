#!/usr/bin/env bash
# Run every test: winit's unit tests, nbval on every notebook (stored outputs must match
# a fresh run), and the strict book build.  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh --browser
source tools/numeric_env.sh
export PYTHONHASHSEED=0
.venv/bin/python -m pytest -p no:cacheprovider -n 2 --dist loadfile \
    --nbval --nbval-sanitize-with tests/sanitize.cfg --nbval-current-env --nbval-cell-timeout=180 \
    --doctest-modules winit tests chapters assignments/source "$@"
