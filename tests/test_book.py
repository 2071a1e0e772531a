"""The book: every chapter is in the table of contents, and the strict build passes.

The build is the README's build (Jupyter Book 1, notebooks executed, warnings as
errors) into _build/html, which the site checks (test_site.py) then read.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part.get("chapters", [])]
    files += [c["file"] for c in toc.get("chapters", [])]
    return files


def test_every_chapter_notebook_is_in_the_toc():
    listed = set(toc_files())
    missing = [p.name for p in CHAPTERS if f"chapters/{p.stem}" not in listed]
    assert not missing, f"chapters not in _toc.yml: {missing}"


def test_toc_is_ordered_by_chapter_number():
    numbered = [f for f in toc_files() if f.startswith("chapters/")]
    assert numbered == sorted(numbered)


@pytest.fixture(scope="session")
def strict_build():
    jb = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run(
        [str(jb), "build", str(ROOT), "--warningiserror", "--nitpick", "--keep-going"],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    return proc


def test_strict_book_build_passes(strict_build):
    out = strict_build.stdout + strict_build.stderr
    assert strict_build.returncode == 0, out[-5000:]
    assert "WARNING" not in out, [line for line in out.splitlines() if "WARNING" in line][:20]


def test_every_toc_entry_has_a_page(strict_build):
    html = ROOT / "_build" / "html"
    for entry in toc_files():
        page = html / f"{entry}.html"
        assert page.exists(), f"no page for {entry}"
