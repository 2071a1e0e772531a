"""Make the built site self-contained: MathJax is served from the site itself.

Sphinx loads MathJax 3 from a public CDN by default, so a reader offline sees raw
TeX.  This extension takes MathJax from the PyPI package ``sphinx-mathjax-offline``
(pinned in requirements.txt; it ships MathJax 3.2.2), copies only what the site
needs -- the combined component ``tex-chtml-full.js`` (all TeX packages, so nothing
is loaded on demand) and its woff-v2 fonts, about 1.6 MB of the package's 24 MB --
into ``_static/mathjax/`` and points ``mathjax_path`` at it.

It also removes what a reader's browser would otherwise complain about:

* the Thebe (live code) scripts, which the book does not use (``thebe: false``) but
  which sphinx-thebe still adds, twice, to every page (``Identifier 'THEBE_JS_URL'
  has already been declared``) -- live code must not load unless asked for;
* pydata-sphinx-theme's "invalid theme mode" console error, by setting a default mode;
* the ``role="list"`` that Sphinx puts on the bibliography's citation list without
  list items, which axe-core reports as a critical ARIA violation.
"""

from __future__ import annotations

import shutil
import tempfile
from importlib import metadata
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

COMPONENT = "tex-chtml-full.js"
FONTS = Path("output/chtml/fonts/woff-v2")


def mathjax_source() -> Path:
    """The MathJax folder inside the installed sphinx-mathjax-offline distribution."""
    try:
        dist = metadata.distribution("sphinx-mathjax-offline")
    except metadata.PackageNotFoundError:
        raise ExtensionError(
            "offline_assets: the package sphinx-mathjax-offline is not installed; run `pip install -r requirements.txt`"
        ) from None
    folder = Path(dist.locate_file("sphinx-mathjax-offline/static/mathjax"))
    if not (folder / COMPONENT).is_file():
        raise ExtensionError(f"offline_assets: {COMPONENT} not found in {folder}")
    return folder


def stage_mathjax(app: Sphinx, config: Config) -> None:
    source = mathjax_source()
    staging = Path(tempfile.mkdtemp(prefix="winit-static-"))
    target = staging / "mathjax"
    (target / FONTS).mkdir(parents=True)
    shutil.copy2(source / COMPONENT, target / COMPONENT)
    for font in sorted((source / FONTS).glob("*.woff")):
        shutil.copy2(font, target / FONTS / font.name)
    config.html_static_path = [*config.html_static_path, str(staging)]
    config.mathjax_path = f"mathjax/{COMPONENT}"


def set_theme_defaults(app: Sphinx, config: Config) -> None:
    # pydata-sphinx-theme reads its default colour mode from html_context.
    config.html_context = {**config.html_context, "default_mode": "light"}


def _is_thebe(asset) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    kind = str(getattr(asset, "attributes", {}).get("type", ""))
    return "thebe" in name.lower() or "THEBE" in body or "thebe" in kind


def clean_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if not _is_thebe(a)]
    if "body" in context:
        context["body"] = context["body"].replace(
            '<div role="list" class="citation-list">', '<div class="citation-list">'
        )


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", stage_mathjax, priority=900)
    app.connect("config-inited", set_theme_defaults, priority=900)
    app.connect("html-page-context", clean_page, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
