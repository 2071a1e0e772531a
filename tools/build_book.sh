#!/usr/bin/env bash
# Build the book: set up .venv, then write the HTML to _build/html from the outputs stored in
# the notebooks (verified by the test command's nbval run).  Warnings are errors, so a build
# that finishes is a clean one.
#
#   bash tools/build_book.sh             # render the stored outputs (about half a minute)
#   bash tools/build_book.sh --execute   # first re-execute every notebook and store its outputs
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
source tools/numeric_env.sh
if [ "${1:-}" = "--execute" ]; then
    bash tools/execute_notebooks.sh
elif [ "$#" -gt 0 ]; then
    echo "usage: bash tools/build_book.sh [--execute]" >&2
    exit 2
fi
.venv/bin/jupyter-book build . --warningiserror --nitpick --keep-going
echo
echo "The book is in $(pwd)/_build/html/index.html"
