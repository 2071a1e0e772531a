"""Write the student versions of the assignments.

    python tools/make_student_versions.py [--source assignments/source] [--out assignments/student]

For every source notebook (reference solutions between nbgrader's
``### BEGIN SOLUTION`` / ``### END SOLUTION`` markers, nbgrader cell metadata):

* each solution region becomes ``# YOUR CODE HERE`` + ``raise NotImplementedError()``
  (nbgrader's own stub, at the indentation of the marker);
* each ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` region is removed
  (nbgrader puts it back when it autogrades);
* each written-answer cell (markdown with ``nbgrader.solution``) becomes ``YOUR ANSWER HERE``;
* outputs and execution counts are cleared.

The output is reproducible: the same source gives the same bytes (no timestamps,
keys sorted, fixed indentation).  The same transformation is what nbgrader's
``generate_assignment`` does, so a teacher with nbgrader can use the source
notebooks directly instead.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = re.compile(r"^([ \t]*)### BEGIN SOLUTION[^\n]*\n.*?^[ \t]*### END SOLUTION[^\n]*(\n|$)", re.S | re.M)
HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS[^\n]*\n.*?^[ \t]*### END HIDDEN TESTS[^\n]*(\n|$)", re.S | re.M)
CODE_STUB = "{indent}# YOUR CODE HERE\n{indent}raise NotImplementedError()\n"
ANSWER_STUB = "YOUR ANSWER HERE"


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def student_cell(cell: dict) -> dict:
    cell = copy.deepcopy(cell)
    text = _source(cell)
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    if cell["cell_type"] == "code":
        text = SOLUTION.sub(lambda m: CODE_STUB.format(indent=m.group(1)), text)
        text = HIDDEN.sub("", text)
        cell["outputs"] = []
        cell["execution_count"] = None
    elif cell["cell_type"] == "markdown" and nbgrader.get("solution"):
        text = ANSWER_STUB
    cell["source"] = text.rstrip("\n")
    cell.get("metadata", {}).pop("execution", None)
    return cell


def student_notebook(nb: dict) -> dict:
    out = copy.deepcopy(nb)
    out["cells"] = [student_cell(c) for c in nb["cells"]]
    return out


def dumps(nb: dict) -> str:
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def generate(source: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(source.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        target = out / path.name
        target.write_text(dumps(student_notebook(nb)), encoding="utf-8")
        written.append(target)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=ROOT / "assignments" / "source")
    parser.add_argument("--out", type=Path, default=ROOT / "assignments" / "student")
    args = parser.parse_args()
    for path in generate(args.source, args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
