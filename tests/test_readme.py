"""The README's promises: its winit snippet runs and prints what the README shows."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_readme_snippet_prints_what_the_readme_says():
    section = README[README.index("## Use winit in your own code") :]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    expected = re.search(r"```text\n(.*?)```", section, re.S).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue() == expected


def test_readme_gives_the_two_commands_and_ci_runs_the_test_command():
    assert "bash tools/build_book.sh\n" in README and "bash tools/test.sh\n" in README
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^bash tools/test\.sh\s*$", ci, re.M)
