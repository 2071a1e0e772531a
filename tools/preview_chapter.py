"""Build one chapter alone, strictly, in a private folder: for authors working in parallel.

    python tools/preview_chapter.py chapters/03_xavier_derivation.ipynb [--out /tmp/preview-03]

Copies the book's configuration, intro, bibliography and the chapter into a temporary
book whose table of contents lists every planned chapter (missing ones become one-line
stub pages, so that {doc} links between chapters resolve), then runs
`jupyter-book build -W -n --keep-going` there.  Exit status is the build's.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANNED = [
    "01_why_initialization",
    "02_symmetry_breaking",
    "03_xavier_derivation",
    "04_uniform_sqrt6",
    "05_he_kaiming",
    "06_beyond_xavier_he",
    "07_lsuv",
    "08_myths",
    "09_benchmark",
    "10_frameworks",
    "11_edge_of_chaos",
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("chapter", type=Path)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    chapter = args.chapter.resolve()
    out = args.out or Path("/tmp") / f"preview-{chapter.stem}"
    if out.exists():
        shutil.rmtree(out)
    (out / "chapters").mkdir(parents=True)
    for name in ("_config.yml", "intro.md", "bibliography.md", "references.bib"):
        shutil.copy(ROOT / name, out / name)
    for folder in ("_ext", "_static"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, out / folder)
    shutil.copy(chapter, out / "chapters" / chapter.name)
    entries = []
    for stem in PLANNED:
        if stem == chapter.stem:
            entries.append(f"      - file: chapters/{stem}")
        else:
            (out / "chapters" / f"{stem}.md").write_text(f"# {stem}\n\nStub.\n")
            entries.append(f"      - file: chapters/{stem}")
    if chapter.stem not in PLANNED:
        entries.append(f"      - file: chapters/{chapter.stem}")
    toc = "format: jb-book\nroot: intro\nparts:\n  - caption: Chapters\n    numbered: true\n    chapters:\n"
    toc += "\n".join(entries) + "\n  - caption: Back matter\n    chapters:\n      - file: bibliography\n"
    (out / "_toc.yml").write_text(toc)
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", str(out), "-W", "-n", "--keep-going"]
    print(" ".join(cmd), flush=True)
    return subprocess.call(cmd)


if __name__ == "__main__":
    raise SystemExit(main())
