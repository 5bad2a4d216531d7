"""The engine's layers hold, and the tools that say so catch an import that crosses them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO

BIN = Path(sys.executable).parent
ENGINE = REPO / "plugins" / "glossary"
LAYERS = ("core", "cli", "runner", "site")


def _lint_imports(*, engine_parent: Path = REPO / "plugins") -> subprocess.CompletedProcess[str]:
    """import-linter with the repository's contracts, on the engine found in `engine_parent`."""
    return subprocess.run([str(BIN / "lint-imports"), "--config", str(REPO / "pyproject.toml"),
                           "--no-cache"],
                          cwd=REPO, env={"PYTHONPATH": str(engine_parent), "PATH": str(BIN)},
                          capture_output=True, text=True, check=False)


def _engine_copy(tmp_path: Path) -> Path:
    shutil.copytree(ENGINE, tmp_path / "glossary",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / "glossary"


def test_the_folders_are_the_layers() -> None:
    packages = sorted(p.name for p in ENGINE.iterdir() if (p / "__init__.py").is_file())
    assert packages == sorted(LAYERS)
    # Nothing of the engine lies beside the layers but the package's entry points.
    modules = sorted(p.name for p in ENGINE.glob("*.py"))
    assert modules == ["__init__.py", "__main__.py"]


def test_every_contract_is_kept() -> None:
    done = _lint_imports()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 kept, 0 broken" in done.stdout


@pytest.mark.parametrize(("module", "line", "contract", "chain"), [
    ("core/model.py", "from mkdocs.structure.files import File",
     "Only the site imports a site engine BROKEN", "glossary.core.model -> mkdocs"),
    ("core/validate.py", "from glossary.runner.store import result_key",
     "Layers: the command line and the site on the runner, the runner on the core BROKEN",
     "glossary.core.validate -> glossary.runner.store"),
    ("cli/fix.py", "from glossary.site.html import promote_headings",
     "The front ends know nothing of each other BROKEN",
     "glossary.cli.fix -> glossary.site.html"),
    ("core/parser.py", "import torch",
     "The core runs no examples and needs no test framework BROKEN",
     "glossary.core.parser -> torch"),
])
def test_an_import_across_the_layers_breaks_a_contract(tmp_path: Path, module: str, line: str,
                                                       contract: str, chain: str) -> None:
    copy = _engine_copy(tmp_path)
    with (copy / module).open("a", encoding="utf-8") as out:
        out.write(f"\n{line}\n")
    done = _lint_imports(engine_parent=tmp_path)
    assert done.returncode == 1
    assert contract in done.stdout and chain in done.stdout


def test_ruff_bans_mkdocs_outside_the_site(tmp_path: Path) -> None:
    copy = _engine_copy(tmp_path)
    with (copy / "runner" / "show.py").open("a", encoding="utf-8") as out:
        out.write("\nfrom mkdocs.plugins import get_plugin_logger\n\n"
                  "LOG = get_plugin_logger('x')\n")
    done = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", "--config",
                           str(REPO / "pyproject.toml"), "--select", "TID251", str(copy)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "runner/show.py" in done.stdout
    assert "TID251 `mkdocs` is banned: only glossary.site imports MkDocs" in done.stdout
