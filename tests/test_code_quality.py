"""Lint, format and type checks with the pinned tools (ruff, mypy; configured in pyproject.toml): 0 findings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize(
    "command",
    [("ruff", "check", "--no-cache", "."), ("ruff", "format", "--check", "--no-cache", "."), ("mypy",)],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_no_findings(command):
    pytest.importorskip(command[0], reason=f"{command[0]} is pinned in requirements.txt; run tools/setup.sh")
    result = run(*command)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_version_has_one_source():
    import winit

    pyproject = (ROOT / "pyproject.toml").read_text()
    assert (
        'version = { attr = "winit.__version__" }' in pyproject
        and "\nversion =" not in pyproject.split("[project]")[1].split("[")[0]
    )
    assert (ROOT / "CHANGELOG.md").read_text().count(f"## {winit.__version__}") == 1
