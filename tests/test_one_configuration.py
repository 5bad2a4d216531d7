"""One configuration for every front end: what mkdocs.yml sets, the site, `glossary run` and
pytest all follow."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands import build as build_module
from mkdocs.config import load_config

from glossary.cli.main import run

pytestmark = pytest.mark.build

MKDOCS_YML = """\
site_name: Test
docs_dir: pages
theme:
  name: material
markdown_extensions:
  - pymdownx.superfences
plugins:
  - glossary:
      results_dir: store
      examples_dir: demos
"""
PYPROJECT = """\
[tool.pytest.ini_options]
addopts = "-p glossary.runner.pytest_plugin"
"""
PAGE = """\
## Plot {#Plot .term}

**Plot** prints what a demo module says.

```python
import said
print(said.WORDS)
```

### Idea {.explanation}

Print it.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML)
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "pages" / "en").mkdir(parents=True)
    (tmp_path / "pages" / "en" / "Plot.md").write_text(PAGE)
    # The folder of examples is also where their imports come from.
    (tmp_path / "demos").mkdir()
    (tmp_path / "demos" / "said.py").write_text("WORDS = 'from the store'\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _stored(project: Path) -> list[str]:
    """What the results in the configured store printed; none may go elsewhere."""
    assert not (project / ".glossary_cache" / "results").exists()
    return sorted(path.read_text(encoding="utf-8")
                  for path in (project / "store").rglob("result.json"))


def test_site_run_and_pytest_all_use_the_results_dir_of_mkdocs_yml(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build_module.build(load_config(str(project / "mkdocs.yml")))
    assert "from the store" in (project / "site" / "en" / "Plot" / "index.html").read_text()
    (site_run,) = _stored(project)
    assert '"stdout": "from the store\\n"' in site_run

    shutil.rmtree(project / "store")
    assert run(["run", "Plot"]) == 0
    assert "from the store" in capsys.readouterr().out
    assert len(_stored(project)) == 1

    shutil.rmtree(project / "store")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-k", "cpu", "pages"], cwd=project, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
    assert len(_stored(project)) == 1
