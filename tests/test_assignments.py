"""The assignments: nbgrader-ready sources, reproducible student versions that run, and solutions that pass.

(The source notebooks themselves are re-run by nbval through the README's test command.)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import make_student_versions as msv  # noqa: E402

SOURCES = sorted((ROOT / "assignments" / "source").glob("*.ipynb"))


def run(nb: dict) -> nbformat.NotebookNode:
    node = nbformat.reads(json.dumps(nb), as_version=4)
    NotebookClient(node, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    return node


def outputs_text(nb) -> str:
    return "\n".join(
        "".join(o.get("text", "")) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "stream"
    )


def test_there_are_at_least_four_assignments():
    assert len(SOURCES) >= 4


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_source_has_nbgrader_metadata_and_markers(path):
    nb = json.loads(path.read_text())
    ids = []
    n_solutions = n_graded = 0
    for cell in nb["cells"]:
        meta = cell["metadata"].get("nbgrader")
        src = "".join(cell["source"])
        if "### BEGIN SOLUTION" in src:
            assert meta and meta["solution"] and not meta["grade"] and meta["schema_version"] == 3
            assert "### END SOLUTION" in src
            n_solutions += 1
        if meta:
            ids.append(meta["grade_id"])
            if meta["grade"]:
                assert meta["points"] > 0
                n_graded += 1
    assert len(ids) == len(set(ids)), "grade_id must be unique"
    assert n_solutions >= 1 and n_graded >= 2


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_student_version_has_no_solution_and_no_output(path):
    nb = msv.student_notebook(json.loads(path.read_text()))
    text = json.dumps(nb)
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
    assert "raise NotImplementedError()" in text and "YOUR ANSWER HERE" in text
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb["cells"] if c["cell_type"] == "code")


def test_generation_is_reproducible_byte_for_byte(tmp_path):
    first = [p.read_bytes() for p in msv.generate(ROOT / "assignments" / "source", tmp_path / "a")]
    second = [p.read_bytes() for p in msv.generate(ROOT / "assignments" / "source", tmp_path / "b")]
    assert first == second and len(first) == len(SOURCES)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_student_version_runs_and_reports_not_implemented(path):
    nb = run(msv.student_notebook(json.loads(path.read_text())))  # raises if any cell fails
    text = outputs_text(nb)
    assert "not implemented yet" in text
    assert "all checks passed" not in text
    assert "Traceback" not in text


def _paste_solutions(source: dict, student: dict) -> dict:
    """Put each source cell's solution regions (and its hidden tests) back into the student cell."""
    pasted = json.loads(json.dumps(student))
    for s_cell, t_cell in zip(source["cells"], pasted["cells"]):
        if s_cell["cell_type"] != "code":
            continue
        s_src = "".join(s_cell["source"])
        if "### BEGIN SOLUTION" in s_src or "### BEGIN HIDDEN TESTS" in s_src:
            solutions = iter(m.group(0) for m in msv.SOLUTION.finditer(s_src))
            t_src = "".join(t_cell["source"])
            t_src = re.sub(r"[ \t]*# YOUR CODE HERE\n[ \t]*raise NotImplementedError\(\)\n?", lambda m: next(solutions), t_src)
            hidden = [m.group(0) for m in msv.HIDDEN.finditer(s_src)]
            t_cell["source"] = t_src.rstrip("\n") + ("\n" + "".join(hidden) if hidden else "")
    return pasted


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_pasting_the_reference_solutions_back_passes_every_check(path):
    source = json.loads(path.read_text())
    pasted = _paste_solutions(source, msv.student_notebook(source))
    nb = run(pasted)  # the hidden tests (autograding) are back in: any failure raises here
    text = outputs_text(nb)
    n_checks = len(re.findall(r"all checks passed", text))
    assert n_checks == text.count(": all checks passed") and n_checks >= 2
    assert "not yet right" not in text and "not implemented yet" not in text
