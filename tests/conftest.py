"""Shared pytest set-up: tests/ on sys.path (for site_check), a non-interactive matplotlib backend."""

import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
# Kernels started by nbval and by the book build inherit this environment: they must fall back
# to the inline backend, or figures would silently vanish from the outputs.
os.environ.pop("MPLBACKEND", None)
sys.path.insert(0, str(Path(__file__).resolve().parent))
