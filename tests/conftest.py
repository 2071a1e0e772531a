"""Shared pytest set-up: tests/ on sys.path (for site_check), a non-interactive matplotlib backend, markers."""

import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
# Kernels started by nbval and by the book build inherit this environment: they must fall back
# to the inline backend, or figures would silently vanish from the outputs.
os.environ.pop("MPLBACKEND", None)
sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_collection_modifyitems(config, items):
    """Every test that reads the browser report of the site is a ``browser`` test.

    ``bash tools/test.sh --no-browser`` deselects them (``-m "not browser"``) for a machine
    without Chromium; CI and the default test command run them.
    """
    for item in items:
        if "site_report" in getattr(item, "fixturenames", ()):
            item.add_marker("browser")
