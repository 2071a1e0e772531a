#!/usr/bin/env bash
# Re-execute notebooks in place with the project's numeric settings, so that the stored
# outputs are the ones nbval and the book build reproduce, then strip volatile metadata
# (execution timestamps, widget state) so that the notebooks diff cleanly.  Default: every
# chapter and assignment source; or pass notebook paths.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/numeric_env.sh
PY=${PYTHON:-.venv/bin/python}
if [ "$#" -eq 0 ]; then
    set -- chapters/*.ipynb assignments/source/*.ipynb
fi
for nb in "$@"; do
    start=$(date +%s%N)
    "$PY" -m jupyter nbconvert --to notebook --execute --inplace --log-level WARN "$nb"
    "$PY" tools/strip_notebook_metadata.py "$nb"
    echo "$(( ($(date +%s%N) - start) / 1000000 )) ms  $nb"
done
