"""Shared pytest set-up: tests/ on sys.path (for site_check), a non-interactive matplotlib backend."""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
sys.path.insert(0, str(Path(__file__).resolve().parent))
