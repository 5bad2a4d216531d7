"""HTML bytes per term page as the glossary grows, with the real site's theme and plugin.

    python benchmarks/page_size.py [--sizes 100 2000] [--langs de,en]

For each size it writes a synthetic glossary (benchmarks/make_corpus.py), builds it with
this repository's mkdocs.yml (examples off, so only the pages are measured) and prints
the median size of a term page. Material's default navigation lists every page in every
page; the glossary's navigation does not list terms, so the size stays flat. The last
line is `ratio=<median bytes at the largest size / at the smallest>`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = """\
INHERIT: {base}
docs_dir: {docs}
site_dir: {site}
"""


def median_page_bytes(terms: int, langs: str, work: Path) -> tuple[float, int]:
    corpus = work / f"corpus-{terms}"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(corpus),
                    "--terms", str(terms), "--langs", langs, "--broken", "0"], check=True,
                   stdout=subprocess.DEVNULL)
    for lang in langs.split(","):
        (corpus / lang / "index.md").write_text("# Home\n", encoding="utf-8")
    site = work / f"site-{terms}"
    config = work / f"mkdocs-{terms}.yml"
    config.write_text(CONFIG.format(base=ROOT / "mkdocs.yml", docs=corpus, site=site),
                      encoding="utf-8")
    env = {**os.environ, "GLOSSARY_EXAMPLES": "false", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--no-strict", "-f",
                    str(config)], check=True, env=env, cwd=ROOT)
    sizes = [page.stat().st_size for term in (corpus / langs.split(",")[0]).glob("*.md")
             if term.name != "index.md"
             for page in [site / term.stem / "index.html"] if page.is_file()]
    return statistics.median(sizes), len(sizes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 2000])
    parser.add_argument("--langs", default="de,en")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        medians = []
        for terms in args.sizes:
            median, pages = median_page_bytes(terms, args.langs, Path(tmp))
            medians.append(median)
            print(f"terms={terms} pages_measured={pages} median_bytes={median:.0f}")
    print(f"ratio={medians[-1] / medians[0]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
