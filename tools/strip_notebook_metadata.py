"""Remove volatile metadata from notebooks, so that a re-execution diffs only where outputs changed.

Removed: each cell's ``metadata.execution`` (the kernel's timestamps) and the notebook's
``metadata.widgets`` (widget state with random model ids).  Kept: everything the book and
nbval read (sources, outputs, execution counts, tags, captions).  The JSON is written as
nbformat writes it (sorted keys, one-space indent), so an unchanged notebook keeps its bytes.

    python tools/strip_notebook_metadata.py chapters/*.ipynb assignments/source/*.ipynb
    python tools/strip_notebook_metadata.py --check chapters/*.ipynb   # exit 1 if any would change
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: Cell metadata keys that change on every run and say nothing about the content.
VOLATILE_CELL_KEYS = ("execution",)
#: Notebook metadata keys of the same kind.
VOLATILE_NOTEBOOK_KEYS = ("widgets",)


def strip(nb: dict) -> dict:
    for key in VOLATILE_NOTEBOOK_KEYS:
        nb.get("metadata", {}).pop(key, None)
    for cell in nb.get("cells", []):
        for key in VOLATILE_CELL_KEYS:
            cell.get("metadata", {}).pop(key, None)
    return nb


def dumps(nb: dict) -> str:
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(a) for a in argv if a != "--check"]
    stale = []
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        clean = dumps(strip(json.loads(raw)))
        if clean != raw:
            stale.append(path)
            if not check:
                path.write_text(clean, encoding="utf-8")
    if check and stale:
        print("volatile metadata stored in: " + ", ".join(map(str, stale)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
