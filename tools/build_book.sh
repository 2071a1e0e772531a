#!/usr/bin/env bash
# Build the book: set up .venv, execute every notebook, write the HTML to _build/html.
# Warnings are errors, so a build that finishes is a clean one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
source tools/numeric_env.sh
.venv/bin/jupyter-book build . --warningiserror --nitpick --keep-going
echo
echo "The book is in $(pwd)/_build/html/index.html"
