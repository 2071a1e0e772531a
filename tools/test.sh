#!/usr/bin/env bash
# Run every test: winit's unit tests and doctests, nbval on every notebook (each notebook is
# executed once, and its stored outputs must match the fresh run), the strict book build
# (which renders those verified outputs), and the real-browser checks of the built site.
#
#   bash tools/test.sh                 # everything (CI runs exactly this)
#   bash tools/test.sh --no-browser    # without the browser checks: installs no Chromium or npm
#   bash tools/test.sh -k fans         # extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."
browser=(--browser)
select=()
if [ "${1:-}" = "--no-browser" ]; then
    shift
    browser=()
    select=(-m "not browser")
fi
bash tools/setup.sh "${browser[@]}"
source tools/numeric_env.sh
export PYTHONHASHSEED=0
.venv/bin/python -m pytest -p no:cacheprovider -n 2 --dist loadfile \
    --nbval --nbval-sanitize-with tests/sanitize.cfg --nbval-current-env --nbval-cell-timeout=180 \
    --doctest-modules "${select[@]}" winit tests chapters assignments/source "$@"
