"""The book: every chapter is in the table of contents, and the strict build passes.

The build is the README's build (Jupyter Book 1, rendering the outputs stored in the
notebooks, which nbval verifies; warnings as errors) into _build/html, which the site
checks (site_check.py, driven from here) then read.
"""

from __future__ import annotations

import re
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
    # Every Sphinx warning is an error.  The build renders the stored outputs and starts no kernel,
    # so no line of its output may mention a warning at all.
    warnings = [line for line in out.splitlines() if "WARNING" in line or "warning:" in line.lower()]
    assert not warnings, warnings[:20]


def test_book_build_renders_the_stored_outputs_without_executing(strict_build):
    # The outputs on the site are the ones nbval verified; executing again would only cost time.
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["execute"]["execute_notebooks"] == "off"
    assert "Executing" not in strict_build.stdout + strict_build.stderr


def test_every_toc_entry_has_a_page(strict_build):
    html = ROOT / "_build" / "html"
    for entry in toc_files():
        page = html / f"{entry}.html"
        assert page.exists(), f"no page for {entry}"


# --------------------------------------------------------------------------- the website, in a real browser


import site_check  # noqa: E402  (tests/ is on sys.path under pytest's rootdir conftest)


@pytest.fixture(scope="session")
def site_report(strict_build):
    assert strict_build.returncode == 0, "the book did not build"
    chromium, chromedriver = site_check.chromium_paths()
    if not (chromium and chromedriver):
        pytest.fail(
            "chromium and chromedriver are needed for the site checks: run tools/test.sh, which installs them "
            "(or deselect these checks with tools/test.sh --no-browser)"
        )
    if site_check.find_axe() is None:
        pytest.fail("axe-core is missing: run tools/test.sh, which installs it from the npm registry")
    report = site_check.check_site()
    (ROOT / "_build" / "site-report.md").write_text(report.table() + "\n")
    print("\n" + report.table())
    return report


def test_site_pages_load_without_console_errors(site_report):
    assert len(site_report.results) >= len(toc_files())
    errors = {r.page: r.console_errors for r in site_report.results if r.console_errors}
    assert not errors


def test_site_index_redirects_to_the_intro(site_report):
    index = next(r for r in site_report.results if r.page == "index.html")
    assert index.redirect == "intro.html" and not index.console_errors


def test_site_makes_no_request_outside_127_0_0_1(site_report):
    outside = {r.page: r.outside_requests for r in site_report.results if r.outside_requests}
    assert not outside


def test_site_images_all_load(site_report):
    broken = {r.page: r.broken_images for r in site_report.results if r.broken_images}
    assert not broken


def test_site_equations_are_typeset(site_report):
    for r in site_report.results:
        assert r.typeset == r.math_nodes, f"{r.page}: {r.typeset} of {r.math_nodes} equations typeset"
        assert not r.raw_tex, f"{r.page}: raw TeX visible: {r.raw_tex}"
    assert sum(r.math_nodes for r in site_report.results) > 0


def test_site_internal_links_resolve(site_report):
    assert not site_report.broken_links


def test_site_has_no_serious_accessibility_violation(site_report):
    found = {r.page: r.axe for r in site_report.results if r.axe}
    assert not found


def test_site_chapter_pages_under_2_mb(site_report):
    heavy = {r.page: r.weight for r in site_report.results if r.page.startswith("chapters/") and r.weight > 2 * 1024**2}
    assert not heavy


def test_site_search_finds_the_right_chapter(site_report):
    assert site_report.searches["sqrt(6)"][:1] == ["chapters/04_uniform_sqrt6.html"], site_report.searches["sqrt(6)"]
    assert site_report.searches["Kaiming"][:1] == ["chapters/05_he_kaiming.html"], site_report.searches["Kaiming"]


def test_site_screenshots_saved(site_report):
    shots = sorted((ROOT / "_build" / "screenshots").glob("*.png"))
    assert {p.stem for p in shots} >= {p.stem for p in CHAPTERS}
    assert all(p.stat().st_size > 10_000 for p in shots)


def test_site_offers_each_chapter_as_ipynb(strict_build):
    html = ROOT / "_build" / "html"
    for nb in CHAPTERS:
        assert (html / "_sources" / "chapters" / nb.name).exists(), nb.name
        assert f"_sources/chapters/{nb.name}" in (html / "chapters" / f"{nb.stem}.html").read_text()


def test_site_mathjax_is_local_and_small(strict_build):
    html = ROOT / "_build" / "html"
    mathjax = html / "_static" / "mathjax"
    size = sum(p.stat().st_size for p in mathjax.rglob("*") if p.is_file())
    assert (mathjax / "tex-chtml-full.js").exists() and size < 3 * 1024**2
    for page in site_check.pages(html):
        text = page.read_text()
        assert "cdn.jsdelivr.net" not in text and "unpkg.com" not in text and "cdnjs" not in text, page.name


def test_site_chapters_are_numbered(strict_build):
    intro = (ROOT / "_build" / "html" / "intro.html").read_text()
    assert re.search(r"1\.\s*Why initialization matters", intro) or re.search(r"toctree-l1[^>]*>\s*<a[^>]*>1\.", intro)
